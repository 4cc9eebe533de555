-- v5: the web archive's index (captures), the reader and extractor versions behind each row,
-- and what a re-processing run changed (metric_changes, reprocess_changes).
--
-- captures is a log, not a set of pages: every response a run reads is one WARC record and one
-- row, so a re-run of a quarter adds a row per page it read again (a revisit record when the
-- page is unchanged; a 304 is not a page and adds nothing). articles and metrics keep one row
-- per article and per figure: re-running a quarter changes their counts by nothing.
-- No key or index: DuckDB holds an index in memory, and this table grows with every run;
-- reads go by URL for a batch at a time, which a scan answers in milliseconds.

CREATE TABLE captures (
    url          VARCHAR NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    status       INTEGER NOT NULL,
    digest       VARCHAR NOT NULL,
    warc_file    VARCHAR NOT NULL,
    warc_offset  BIGINT NOT NULL,
    warc_length  BIGINT NOT NULL,
    run_id       VARCHAR NOT NULL,
    record_type  VARCHAR NOT NULL
);
COMMENT ON TABLE captures IS 'One row per archived response: where its WARC record is (one seek reads it back); a re-run adds a row per page read again (revisit records for unchanged pages)';
COMMENT ON COLUMN captures.url IS 'URL requested (WARC-Target-URI)';
COMMENT ON COLUMN captures.fetched_at IS 'When the response was read (WARC-Date)';
COMMENT ON COLUMN captures.status IS 'HTTP status of the response';
COMMENT ON COLUMN captures.digest IS 'Payload digest as WARC writes it: sha1: and the SHA-1 of the decoded body in base32';
COMMENT ON COLUMN captures.warc_file IS 'The .warc.gz file, relative to the warehouse file''s folder when inside it, else absolute';
COMMENT ON COLUMN captures.warc_offset IS 'Byte offset of the record''s gzip member in the file';
COMMENT ON COLUMN captures.warc_length IS 'Length of the record''s gzip member in bytes';
COMMENT ON COLUMN captures.run_id IS 'runs.run_id of the run that read the response';
COMMENT ON COLUMN captures.record_type IS 'response (payload stored) | revisit (same payload as an earlier response of the same URL: the row with this digest and record_type response)';

ALTER TABLE articles ADD COLUMN reader_version VARCHAR;
ALTER TABLE articles ADD COLUMN extractor_version VARCHAR;
ALTER TABLE metrics ADD COLUMN reader_version VARCHAR;
ALTER TABLE metrics ADD COLUMN extractor_version VARCHAR;
COMMENT ON COLUMN articles.reader_version IS 'hbetl version + short hash of the reader''s code and data (parse, profiles.toml …) that read this row from its page; NULL before v5';
COMMENT ON COLUMN articles.extractor_version IS 'hbetl version + short hash of the extractor''s grammar and catalogue that gave this article''s metrics; NULL before v5';
COMMENT ON COLUMN metrics.reader_version IS 'Reader version behind the article text this figure was read from (see articles.reader_version)';
COMMENT ON COLUMN metrics.extractor_version IS 'Extractor version that gave this figure (see articles.extractor_version)';

ALTER TABLE runs ADD COLUMN parameters JSON;
COMMENT ON COLUMN runs.parameters IS 'The run''s own parameters when they are not the columns above (reprocess: source, since, versions)';

CREATE TABLE metric_changes (
    run_id                 VARCHAR NOT NULL,
    change                 VARCHAR NOT NULL,
    article_url            VARCHAR NOT NULL,
    indicator              VARCHAR,
    period                 VARCHAR NOT NULL,
    kind                   VARCHAR NOT NULL,
    scope                  VARCHAR,
    old_value              DOUBLE,
    new_value              DOUBLE,
    unit                   VARCHAR,
    old_yoy_pct            DOUBLE,
    new_yoy_pct            DOUBLE,
    old_mom_pct            DOUBLE,
    new_mom_pct            DOUBLE,
    old_plan_pct           DOUBLE,
    new_plan_pct           DOUBLE,
    old_metric_id          VARCHAR,
    new_metric_id          VARCHAR,
    old_extractor_version  VARCHAR,
    new_extractor_version  VARCHAR,
    sentence               VARCHAR
);
COMMENT ON TABLE metric_changes IS 'Figures a reprocess run changed, one row per figure: changed (a value differs), appeared or disappeared; figures matched by article, indicator, period, kind, scope and order in the article';
COMMENT ON COLUMN metric_changes.run_id IS 'runs.run_id of the reprocess run';
COMMENT ON COLUMN metric_changes.change IS 'changed | appeared | disappeared';
COMMENT ON COLUMN metric_changes.article_url IS 'articles.url of the article';
COMMENT ON COLUMN metric_changes.indicator IS 'Indicator code (NULL: outside the catalogue)';
COMMENT ON COLUMN metric_changes.period IS 'Canonical period';
COMMENT ON COLUMN metric_changes.kind IS 'actual | estimate | target';
COMMENT ON COLUMN metric_changes.scope IS 'Scope as written';
COMMENT ON COLUMN metric_changes.old_value IS 'Value before the run (NULL when the figure appeared)';
COMMENT ON COLUMN metric_changes.new_value IS 'Value after the run (NULL when the figure disappeared)';
COMMENT ON COLUMN metric_changes.unit IS 'Unit after the run (before it, for a figure that disappeared)';
COMMENT ON COLUMN metric_changes.old_yoy_pct IS 'yoy_pct before';
COMMENT ON COLUMN metric_changes.new_yoy_pct IS 'yoy_pct after';
COMMENT ON COLUMN metric_changes.old_mom_pct IS 'mom_pct before';
COMMENT ON COLUMN metric_changes.new_mom_pct IS 'mom_pct after';
COMMENT ON COLUMN metric_changes.old_plan_pct IS 'plan_pct before';
COMMENT ON COLUMN metric_changes.new_plan_pct IS 'plan_pct after';
COMMENT ON COLUMN metric_changes.old_metric_id IS 'metrics.metric_id of the figure before';
COMMENT ON COLUMN metric_changes.new_metric_id IS 'metrics.metric_id of the figure after';
COMMENT ON COLUMN metric_changes.old_extractor_version IS 'Extractor version that gave the figure before';
COMMENT ON COLUMN metric_changes.new_extractor_version IS 'Extractor version that gives it now';
COMMENT ON COLUMN metric_changes.sentence IS 'The sentence the figure comes from (after the run; before it, for one that disappeared)';

CREATE OR REPLACE VIEW reprocess_changes AS
SELECT c.indicator, c.change, c.period, c.kind, c.scope, c.old_value, c.new_value, c.unit,
       c.old_yoy_pct, c.new_yoy_pct, c.old_mom_pct, c.new_mom_pct, c.old_plan_pct, c.new_plan_pct,
       c.article_url, c.sentence, c.old_extractor_version, c.new_extractor_version, c.run_id
FROM metric_changes c
WHERE c.run_id = (SELECT run_id FROM runs WHERE flow = 'reprocess' ORDER BY started_at DESC LIMIT 1);
COMMENT ON VIEW reprocess_changes IS 'What the latest reprocess run changed, one row per figure (group by indicator and change for the counts); metric_changes keeps every run''s';
COMMENT ON COLUMN reprocess_changes.indicator IS 'Indicator code (NULL: outside the catalogue)';
COMMENT ON COLUMN reprocess_changes.change IS 'changed | appeared | disappeared';
COMMENT ON COLUMN reprocess_changes.period IS 'Canonical period';
COMMENT ON COLUMN reprocess_changes.kind IS 'actual | estimate | target';
COMMENT ON COLUMN reprocess_changes.scope IS 'Scope as written';
COMMENT ON COLUMN reprocess_changes.old_value IS 'Value before (NULL: appeared)';
COMMENT ON COLUMN reprocess_changes.new_value IS 'Value after (NULL: disappeared)';
COMMENT ON COLUMN reprocess_changes.unit IS 'Unit of the values';
COMMENT ON COLUMN reprocess_changes.old_yoy_pct IS 'yoy_pct before';
COMMENT ON COLUMN reprocess_changes.new_yoy_pct IS 'yoy_pct after';
COMMENT ON COLUMN reprocess_changes.old_mom_pct IS 'mom_pct before';
COMMENT ON COLUMN reprocess_changes.new_mom_pct IS 'mom_pct after';
COMMENT ON COLUMN reprocess_changes.old_plan_pct IS 'plan_pct before';
COMMENT ON COLUMN reprocess_changes.new_plan_pct IS 'plan_pct after';
COMMENT ON COLUMN reprocess_changes.article_url IS 'The article the figure is read from';
COMMENT ON COLUMN reprocess_changes.sentence IS 'The sentence the figure comes from';
COMMENT ON COLUMN reprocess_changes.old_extractor_version IS 'Extractor version before';
COMMENT ON COLUMN reprocess_changes.new_extractor_version IS 'Extractor version after';
COMMENT ON COLUMN reprocess_changes.run_id IS 'The reprocess run (the latest)';
