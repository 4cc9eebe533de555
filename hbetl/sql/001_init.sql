-- v1: the four tables of the warehouse and the migration log.
-- Applied once, in one transaction, by hbetl.warehouse.migrate(); recorded in schema_version.
-- Every table and column carries a COMMENT, so `SELECT * FROM duckdb_columns()` documents the schema.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    checksum    VARCHAR NOT NULL
);
COMMENT ON TABLE schema_version IS 'Schema migrations applied to this file, one row per hbetl/sql/NNN_*.sql file';
COMMENT ON COLUMN schema_version.version IS 'Migration number (NNN in the file name); the schema is at max(version)';
COMMENT ON COLUMN schema_version.name IS 'Migration file name, e.g. 001_init.sql';
COMMENT ON COLUMN schema_version.applied_at IS 'When the migration was applied to this file';
COMMENT ON COLUMN schema_version.checksum IS 'sha256 of the migration file text when it was applied';

CREATE TABLE articles (
    url           VARCHAR PRIMARY KEY,
    title         VARCHAR NOT NULL,
    published     TIMESTAMPTZ,
    published_text VARCHAR,
    author        VARCHAR,
    lead          VARCHAR,
    category      VARCHAR,
    body          VARCHAR NOT NULL,
    related       JSON,
    content_hash  VARCHAR NOT NULL,
    fetched_at    TIMESTAMPTZ NOT NULL,
    run_id        VARCHAR NOT NULL
);
COMMENT ON TABLE articles IS 'One row per article page (keyed by URL), latest parse wins';
COMMENT ON COLUMN articles.url IS 'Canonical article URL (unique key)';
COMMENT ON COLUMN articles.title IS 'Headline as printed';
COMMENT ON COLUMN articles.published IS 'Publication instant; the connection time zone is Asia/Ho_Chi_Minh so it reads back as +07:00 wall time';
COMMENT ON COLUMN articles.published_text IS 'Publication time exactly as parsed (ISO 8601 with its offset, e.g. 2023-04-12T08:30:00+07:00)';
COMMENT ON COLUMN articles.author IS 'Byline, when the page has one';
COMMENT ON COLUMN articles.lead IS 'Lead paragraph (sapo), when the page has one';
COMMENT ON COLUMN articles.category IS 'Section name from the breadcrumb, e.g. Kinh tế';
COMMENT ON COLUMN articles.body IS 'Article text: lead first, then body paragraphs, joined by blank lines; metric offsets point into it';
COMMENT ON COLUMN articles.related IS 'Related links as a JSON list of {url, title}';
COMMENT ON COLUMN articles.content_hash IS 'sha256 hex of body (changes only when the text changes, not the page chrome)';
COMMENT ON COLUMN articles.fetched_at IS 'When the page this row was parsed from was fetched';
COMMENT ON COLUMN articles.run_id IS 'runs.run_id of the run that last wrote this row';

CREATE TABLE metrics (
    metric_id     VARCHAR PRIMARY KEY,
    article_url   VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    indicator     VARCHAR,
    period        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    value         DOUBLE,
    unit          VARCHAR,
    qualifier     VARCHAR,
    yoy_pct       DOUBLE,
    mom_pct       DOUBLE,
    plan_pct      DOUBLE,
    scope         VARCHAR,
    label         VARCHAR NOT NULL,
    sentence      VARCHAR NOT NULL,
    start_offset  INTEGER NOT NULL,
    end_offset    INTEGER NOT NULL
);
COMMENT ON TABLE metrics IS 'One row per metric record (docs: metric-record.md); an article re-loaded replaces its rows';
COMMENT ON COLUMN metrics.metric_id IS 'Stable id: sha256 of (article_url, indicator, period, kind, scope, start, end), first 32 hex digits';
COMMENT ON COLUMN metrics.article_url IS 'articles.url of the article the figure was read from';
COMMENT ON COLUMN metrics.run_id IS 'runs.run_id of the run that last wrote this row';
COMMENT ON COLUMN metrics.indicator IS 'Indicator code from indicators.csv; NULL when the figure is outside the catalogue (see label)';
COMMENT ON COLUMN metrics.period IS 'Period covered, canonical: 2023-Q1, 2023-H1, 2023-YTD09, 2023-M03, 2023';
COMMENT ON COLUMN metrics.kind IS 'actual | estimate | target';
COMMENT ON COLUMN metrics.value IS 'Level in the canonical unit; NULL when the sentence gives only a change';
COMMENT ON COLUMN metrics.unit IS 'Canonical unit of value: billion_vnd, million_usd, percent, count, visits, tonnes, million_kwh';
COMMENT ON COLUMN metrics.qualifier IS 'over | under | about | nearly, or NULL for an exact figure';
COMMENT ON COLUMN metrics.yoy_pct IS 'Change against the same period a year earlier, percent, signed';
COMMENT ON COLUMN metrics.mom_pct IS 'Change against the previous month or period, percent, signed';
COMMENT ON COLUMN metrics.plan_pct IS 'Share of the (annual) plan reached, percent';
COMMENT ON COLUMN metrics.scope IS 'Qualifying scope as written, e.g. tính cả Công ty Thủy điện Hòa Bình';
COMMENT ON COLUMN metrics.label IS 'The indicator phrase as written in the sentence';
COMMENT ON COLUMN metrics.sentence IS 'The sentence the figure comes from, as written';
COMMENT ON COLUMN metrics.start_offset IS 'Character offset in articles.body where the statement starts (metric-record start)';
COMMENT ON COLUMN metrics.end_offset IS 'Character offset in articles.body where the statement ends (metric-record end)';

CREATE TABLE pages (
    url           VARCHAR PRIMARY KEY,
    outcome       VARCHAR NOT NULL,
    status        INTEGER,
    reason        VARCHAR,
    content_type  VARCHAR,
    etag          VARCHAR,
    last_modified VARCHAR,
    content_hash  VARCHAR,
    n_bytes       BIGINT NOT NULL,
    attempts      INTEGER NOT NULL,
    elapsed_ms    DOUBLE NOT NULL,
    fetched_at    TIMESTAMPTZ,
    final_url     VARCHAR,
    run_id        VARCHAR NOT NULL
);
COMMENT ON TABLE pages IS 'Fetch log: the latest fetch of each URL (validators kept for conditional requests)';
COMMENT ON COLUMN pages.url IS 'Requested URL (unique key)';
COMMENT ON COLUMN pages.outcome IS 'fetched | not_modified | failed | skipped';
COMMENT ON COLUMN pages.status IS 'HTTP status of the last response, NULL when none came';
COMMENT ON COLUMN pages.reason IS 'Why the fetch failed or was skipped (one line), NULL when fetched';
COMMENT ON COLUMN pages.content_type IS 'Content-Type header of the last body read';
COMMENT ON COLUMN pages.etag IS 'ETag of the last body read, sent back as If-None-Match';
COMMENT ON COLUMN pages.last_modified IS 'Last-Modified header as sent, sent back as If-Modified-Since';
COMMENT ON COLUMN pages.content_hash IS 'sha256 hex of the last body read';
COMMENT ON COLUMN pages.n_bytes IS 'Size of the body read, bytes (0 for 304 and failures)';
COMMENT ON COLUMN pages.attempts IS 'Requests made for this fetch, retries included';
COMMENT ON COLUMN pages.elapsed_ms IS 'Wall time of the fetch, retries and waits included, milliseconds';
COMMENT ON COLUMN pages.fetched_at IS 'When the fetch finished (UTC instant)';
COMMENT ON COLUMN pages.final_url IS 'URL after redirects, when it differs';
COMMENT ON COLUMN pages.run_id IS 'runs.run_id of the run that made this fetch';

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    flow          VARCHAR NOT NULL,
    site          VARCHAR,
    window_start  DATE,
    window_end    DATE,
    year          INTEGER,
    quarter       INTEGER,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,
    discovered    INTEGER,
    fetched       INTEGER,
    not_modified  INTEGER,
    failed        INTEGER,
    articles      INTEGER,
    metrics       INTEGER,
    retries       INTEGER,
    extra_counts  JSON,
    message       VARCHAR
);
COMMENT ON TABLE runs IS 'One row per ETL run (a Prefect flow run or a CLI run)';
COMMENT ON COLUMN runs.run_id IS 'Prefect flow run id, or a uuid4 outside Prefect';
COMMENT ON COLUMN runs.flow IS 'Flow name, e.g. quarterly-etl, backfill';
COMMENT ON COLUMN runs.site IS 'Base URL of the site crawled';
COMMENT ON COLUMN runs.window_start IS 'First publication date searched (inclusive)';
COMMENT ON COLUMN runs.window_end IS 'Last publication date searched (inclusive)';
COMMENT ON COLUMN runs.year IS 'Year of the quarter the run is about';
COMMENT ON COLUMN runs.quarter IS 'Quarter (1-4) the run is about';
COMMENT ON COLUMN runs.started_at IS 'When the run started';
COMMENT ON COLUMN runs.finished_at IS 'When the run finished, NULL while running or after a crash';
COMMENT ON COLUMN runs.status IS 'running | completed | failed | partial';
COMMENT ON COLUMN runs.discovered IS 'Article URLs discovered in the window';
COMMENT ON COLUMN runs.fetched IS 'Pages fetched with a body (200)';
COMMENT ON COLUMN runs.not_modified IS 'Pages answered 304 Not Modified';
COMMENT ON COLUMN runs.failed IS 'Pages that failed after retries';
COMMENT ON COLUMN runs.articles IS 'Articles loaded';
COMMENT ON COLUMN runs.metrics IS 'Metric records loaded';
COMMENT ON COLUMN runs.retries IS 'HTTP retries made';
COMMENT ON COLUMN runs.extra_counts IS 'Any other counts the flow reported, as a JSON object';
COMMENT ON COLUMN runs.message IS 'One-line summary or failure reason';
