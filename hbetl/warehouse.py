"""The DuckDB warehouse: the only module that talks to DuckDB.

* Schema: the SQL files in ``hbetl/sql/`` (``NNN_name.sql``), applied in order on connect by
  :func:`migrate` and recorded in ``schema_version``; an older file upgrades in place.
* Loading: :meth:`Warehouse.load_batch` writes one batch of articles, metrics and pages in ONE
  transaction, from Arrow tables (``INSERT … SELECT``; bench/bench_load.py measured 45,000 rows/s
  through load_batch and 225,000 rows/s for a bare Arrow insert, against 330 rows/s for
  ``executemany``, into the indexed metrics table), as idempotent replaces (delete + insert by key,
  see _REPLACE_ARTICLES), so re-running a quarter changes no row count.
* Reading: the views of ``003_views.sql`` (quarterly_indicators, plan_progress, indicator_series,
  conflicts, consistency) and :meth:`Warehouse.query` for ``hbetl query``.
* The web archive's index, ``captures`` (:meth:`Warehouse.add_captures`), and what re-processing
  reads and writes (:meth:`Warehouse.reprocess_work`, :meth:`Warehouse.load_reprocessed`): see
  ``005_captures_and_versions.sql``.

Every statement takes its values as ``?`` parameters; identifiers come only from the constants
below, never from page text.

``articles.published`` is a TIMESTAMPTZ (the instant, comparable across sources) and every
connection sets ``TimeZone = 'Asia/Ho_Chi_Minh'``, so it reads back as the +07:00 wall time the
paper printed; ``articles.published_text`` keeps the ISO string exactly as parsed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from hbetl.batch_tables import METRIC_SCHEMA, PAGE_SCHEMA, articles_table, metrics_table, pages_table
from hbetl.errors import ConfigError, WarehouseError, WarehouseLocked
from hbetl.models import Article, Metric, Page
from hbetl.versions import extractor_version
from hbetl.warc import Capture, Prior

TABLES = ("articles", "metrics", "pages", "runs", "schema_version", "captures", "metric_changes")
VIEWS = ("indicator_reports", "quarterly_indicators", "plan_progress", "indicator_series", "conflicts",
         "disputed_figures", "consistency", "reprocess_changes")
# Articles per query when reading their related links (Warehouse.related_links): a chunk's
# JSON walk stays a few MB; 18,494 articles in one query took 115 MB.
RELATED_LINKS_CHUNK = 2000
# Rows per chunk `hbetl query` prints at a time (csv, json): a million metrics rows held whole
# took 3.4 GB (csv) and 4.7 GB (json) of memory.
QUERY_CHUNK_ROWS = 10_000
LOCAL_TIME_ZONE = "Asia/Ho_Chi_Minh"  # the paper prints +07:00 times; show them as printed
RUN_COUNT_COLUMNS = ("discovered", "fetched", "not_modified", "failed", "articles", "metrics", "retries")

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_LOCK_MESSAGE = re.compile(r"Could not set lock|Conflicting lock", re.IGNORECASE)
_LOCK_PID = re.compile(r"PID (\d+)")
_MEMORY_LIMIT = re.compile(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B|B)", re.IGNORECASE)
# Runs this process started and has not finished. While a run writes, its process holds the
# file (DuckDB's write lock is a process's), so a row still 'running' that is not one of these
# was left by a process that died without a word (SIGKILL, the OOM killer, the machine stopping):
# the next run says so in the row (Warehouse.start_run), which said 'running' for good before.
_LIVE_RUNS: set[str] = set()
_LIVE_RUNS_LOCK = threading.Lock()
ABANDONED_MESSAGE = "abandoned: its process ended without finishing it (killed, or the machine stopped); found by run {}"
# Waiting for a lock: first retry after 50 ms, doubling, at most 1 s between tries, so a
# short-lived holder (another CLI command) is noticed quickly and a long one costs few tries.
_LOCK_FIRST_WAIT_S = 0.05
_LOCK_MAX_WAIT_S = 1.0


# ----------------------------------------------------------------------------- migrations

@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def migrations() -> list[Migration]:
    """The schema migrations shipped with the package, in version order."""
    found = []
    for entry in resources.files("hbetl").joinpath("sql").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise WarehouseError(f"hbetl/sql: migrations must be numbered 001, 002, … without gaps, got {versions}")
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open file (0 for an empty file)."""
    # fetchall, not fetchone: an unfinished result blocks the connection (DuckDB 2.0).
    has_table = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' AND schema_name = 'main'"
    ).fetchall()
    if has_table[0][0] == 0:
        return 0
    return int(con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0])


def migrate(con: duckdb.DuckDBPyConnection, up_to: int | None = None) -> list[int]:
    """Apply the migrations newer than the file's version (up to ``up_to``), each in its own
    transaction; returns the versions applied."""
    available = migrations()
    latest = available[-1].version
    target = latest if up_to is None else up_to
    have = current_version(con)
    if have > latest:
        raise WarehouseError(f"schema version {have} is newer than this hbetl knows ({latest}); upgrade hbetl")
    applied = []
    for migration in available:
        if migration.version <= have or migration.version > target:
            continue
        con.execute("BEGIN TRANSACTION").fetchall()
        try:
            con.execute(migration.sql).fetchall()
            con.execute("INSERT INTO schema_version (version, name, checksum) VALUES (?, ?, ?)",
                        [migration.version, migration.name, migration.checksum]).fetchall()
            con.execute("COMMIT").fetchall()
        except duckdb.Error as exc:
            _rollback(con)
            raise WarehouseError(f"{migration.name}: {exc}") from exc
        applied.append(migration.version)
    return applied


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """ROLLBACK after a failed statement. A COMMIT that failed (the disk full under the WAL) has
    ended the transaction already, and the ROLLBACK's own error ('cannot rollback - no transaction
    is active') took the place of the one that says why: 'Could not write file "w.duckdb.wal": No
    space left on device'."""
    with contextlib.suppress(duckdb.TransactionException):
        con.execute("ROLLBACK").fetchall()


# ----------------------------------------------------------------------------- opening

def must_exist(path: str | Path) -> None:
    """WarehouseError unless the warehouse file at ``path`` is there (``":memory:"`` always is):
    for the commands that read what a run loaded, where a new file would hold nothing."""
    if str(path) != ":memory:" and not Path(path).exists():
        raise WarehouseError(f"{path}: no such warehouse file")


def open_warehouse(path: str | Path, lock_wait_seconds: float = 30.0, read_only: bool = False,
                   memory_limit: str | None = None, threads: int | None = None) -> Warehouse:
    """Open (creating and migrating if needed) the warehouse file at ``path``.

    ``memory_limit`` (e.g. ``"256MB"``) caps DuckDB's buffer pool, which otherwise keeps
    what it read cached up to 80 % of RAM and so grows with the warehouse over a long run.
    ``threads`` sets DuckDB's threads (default: one per core); a query's working memory
    grows with them, within the same cap.

    Another process holding the file makes DuckDB refuse the lock; we retry with backoff for
    up to ``lock_wait_seconds``, then raise :class:`WarehouseLocked` (transient: a Prefect retry
    may find it free). ``":memory:"`` opens a throwaway in-memory warehouse.
    """
    where = str(path)
    if read_only:
        must_exist(where)
    if where != ":memory:":
        try:
            Path(where).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseError(f"{where}: cannot make its folder: {exc.strerror or exc}") from exc
    deadline = time.monotonic() + lock_wait_seconds
    wait = _LOCK_FIRST_WAIT_S
    started = time.monotonic()
    while True:
        try:
            con = _connect(where, read_only and where != ":memory:")
            break
        except duckdb.IOException as exc:
            if not _LOCK_MESSAGE.search(str(exc)):
                raise WarehouseError(f"{where}: {exc}") from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pid = _LOCK_PID.search(str(exc))
                holder = f"pid {pid.group(1)}" if pid else "holder unknown"
                waited = time.monotonic() - started
                raise WarehouseLocked(
                    f"{where}: locked by another process ({holder}); waited {waited:.0f} s") from exc
            time.sleep(min(wait, remaining))
            wait = min(wait * 2, _LOCK_MAX_WAIT_S)
        except duckdb.Error as exc:
            raise WarehouseError(f"{where}: {exc}") from exc
    try:
        con.execute(f"SET TimeZone = '{LOCAL_TIME_ZONE}'").fetchall()
        if memory_limit:
            if not _MEMORY_LIMIT.fullmatch(memory_limit):
                raise WarehouseError(f"{where}: memory limit {memory_limit!r} is not like '256MB'")
            con.execute(f"SET memory_limit = '{memory_limit}'").fetchall()
        if threads is not None:
            if not 1 <= int(threads) <= 256:
                raise WarehouseError(f"{where}: threads {threads!r} is not between 1 and 256")
            con.execute(f"SET threads = {int(threads)}").fetchall()
        if read_only:
            have, latest = current_version(con), migrations()[-1].version
            if have < latest:
                raise WarehouseError(f"{where}: schema version {have}, this hbetl needs {latest}; "
                                     "open it once read-write to upgrade")
        else:
            try:
                migrate(con)
            except WarehouseError as exc:  # ("schema version 9 is newer than this hbetl knows": of which file?)
                raise WarehouseError(exc.reason, subject=where) from exc
    except duckdb.Error as exc:  # (under a cap too small for the first query: DuckDB's OOM, naming nothing)
        con.close()
        raise WarehouseError(f"{where}: {_reason(exc, memory_limit)}") from exc
    except BaseException:
        con.close()
        raise
    return Warehouse(con, where, memory_limit=memory_limit)


# Rows per row group (DuckDB's default: 122,880). A checkpoint rewrites the row groups a
# commit touched, and while a table is under one default group that is the whole table, so
# the memory a checkpoint takes grew with the warehouse: 40,000 articles loaded 400 at a
# time raised RSS by 54 MB with the default, 29 MB with 4,096 (a flow's articles table
# reaches 37,000 rows on a 100,000-article quarter). Tables this size scan as fast either way.
ROW_GROUP_SIZE = 4096
# The cap set for a moment after each load so DuckDB evicts every table block it cached
# (Warehouse._drop_cached_blocks). It is below what a run keeps pinned (its indexes: 6 MB at
# 37,000 articles), so DuckDB usually refuses it, after evicting all it could: seen here,
# a refused SET took the cached blocks from 12 MB to none and left the cap as it was.
_EVICTION_LIMIT = "1KB"


def _connect(where: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """The file attached with ROW_GROUP_SIZE (an ATTACH option) and made the default
    database, so every statement reads and writes it as with ``duckdb.connect(where)``."""
    if where == ":memory:":
        return duckdb.connect(where)
    con = duckdb.connect(":memory:")
    try:
        mode = "READ_ONLY, " if read_only else ""
        con.execute(f"ATTACH {_sql_string(where)} AS warehouse ({mode}ROW_GROUP_SIZE {ROW_GROUP_SIZE})").fetchall()
        con.execute("USE warehouse").fetchall()
    except BaseException:
        con.close()
        raise
    return con


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ----------------------------------------------------------------------------- loading helpers

@dataclass(frozen=True, slots=True)
class LoadCounts:
    """What one :meth:`Warehouse.load_batch` wrote (rows in the batch after de-duplication)."""

    articles: int = 0
    articles_new: int = 0
    metrics: int = 0
    metrics_new: int = 0
    metrics_removed: int = 0  # rows of re-loaded articles that the new parse no longer gives
    pages: int = 0
    # (url, why) of pages read again whose new read was not loaded: the article stored stays (worse_reread)
    kept_earlier: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    # dict(counts) works too: the pipeline hands counts on as a plain dict.
    def keys(self) -> list[str]:
        return list(self.__slots__)

    def __getitem__(self, name: str) -> int:
        if name not in self.__slots__:
            raise KeyError(name)
        return getattr(self, name)


# A page read again that now gives a body much shorter than the article stored from it is more
# likely a fault than an edit: a "page not found" or maintenance notice served with status 200, a
# body cut short under a correct Content-Length. Loading it replaced the article and its figures
# (fault probe: 52 -> 27 metrics, exit 0, nothing reported). Such a read is not loaded: the stored
# article, its metrics and its page row (so its old validators: the next run asks for it in full
# again) stay, and the run lists the page, run after run. An edit that removes over half of a report
# is rare: it stays out until the stored article is removed (the next run then loads the new read);
# `hbetl reprocess` reads back the capture the stored article came from, not the later one.
REREAD_MIN_SHARE = 0.5


# An article's date does not move on its own: a re-read dated more than a day (time zones) from
# the stored one is another article served at this URL, or a date misread (a deeply nested page
# read its header's "today" as the date), and it would move every figure to other periods
# (fault probe: 18 figures moved from 2023 to 2022, nothing said).
REREAD_MAX_DAYS_MOVED = 1


def _days_apart(a: str | None, b: str | None) -> int | None:
    """Days between the dates two ISO texts open with, or None when either has none."""
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def worse_reread(new_length: int | None, stored_length: int | None, looks_cut: bool = False,
                 new_published: str | None = None, stored_published: str | None = None) -> str | None:
    """Why a new read of an article (its body's length, its date as parsed) is not to replace the
    stored one, or None. ``looks_cut``: the reader found the new read suspect (hbetl/parse.py), so
    any loss of length counts."""
    moved = _days_apart(new_published, stored_published)
    if moved is not None and moved > REREAD_MAX_DAYS_MOVED:
        return (f"read again dated {new_published[:10]}, stored as of {stored_published[:10]}: another page "
                "or a misread date, the stored article is kept")
    new_length = new_length or 0
    if not stored_length or new_length >= stored_length:
        return None
    if new_length < REREAD_MIN_SHARE * stored_length:
        return f"read again as {new_length:,} characters, under half the {stored_length:,} stored: the stored article is kept"
    if looks_cut:
        return (f"read again as {new_length:,} characters against the {stored_length:,} stored, and the read looks "
                "cut: the stored article is kept")
    return None


def _without(table: pa.Table, column: str, urls: set[str]) -> pa.Table:
    """``table`` without its rows whose ``column`` is one of ``urls``."""
    import pyarrow.compute as pc

    return table.filter(pc.invert(pc.is_in(table.column(column), value_set=pa.array(sorted(urls), pa.string()))))


def _update_all(columns: Iterable[str]) -> str:
    return ", ".join(f"{c} = excluded.{c}" for c in columns)


# Articles and metrics are replaced by DELETE + INSERT inside the batch's transaction, not by
# INSERT … ON CONFLICT DO UPDATE: measured here (bench/bench_load.py, 4 batches of 50,000 rows),
# an upsert onto rows that an earlier upsert had updated took 27 s for 50,000 rows (MERGE 8-23 s)
# against 1.1-1.7 s for delete + insert, every time. The transaction makes it one step.
_REPLACE_ARTICLES = (
    "DELETE FROM articles WHERE url IN (SELECT url FROM batch_articles)",
    """INSERT INTO articles (url, title, published, published_text, author, lead, category, body, related,
                          content_hash, fetched_at, run_id, reader_version, extractor_version)
    SELECT url, title, TRY_CAST(published AS TIMESTAMPTZ), published, author, lead, category, body,
           CAST(related AS JSON), content_hash,
           coalesce(TRY_CAST(fetched_at AS TIMESTAMPTZ), current_timestamp), run_id,
           reader_version, extractor_version
    FROM batch_articles""",
)

_METRIC_COLUMNS = METRIC_SCHEMA.names
# A re-parsed article replaces its metrics: rows the new parse no longer gives go, the others
# are written again under their stable ids.
_STALE_METRICS = """
WHERE article_url IN (SELECT url FROM batch_articles)
  AND metric_id NOT IN (SELECT metric_id FROM batch_metrics)
"""
_COUNT_STALE_METRICS = "SELECT count(*) FROM metrics" + _STALE_METRICS
_REPLACE_METRICS = (
    """DELETE FROM metrics
    WHERE article_url IN (SELECT url FROM batch_articles)
       OR metric_id IN (SELECT metric_id FROM batch_metrics)""",
    f"""INSERT INTO metrics ({", ".join(_METRIC_COLUMNS)}, year, period_type, end_month, quarter)
    SELECT {", ".join(_METRIC_COLUMNS)}, hb_period_year(period), hb_period_type(period),
           hb_period_end_month(period), hb_period_quarter(period)
    FROM batch_metrics""",
)

# Re-processing's work list, keyset-paged by URL (flat memory), the run's own rows left out (so a
# run killed mid-way resumes where it stopped). Parameters: after, run_id, since, since, limit.
_REPROCESS_TODO = """
    SELECT a.url, coalesce(p.final_url, a.url) AS target,
           strftime(a.fetched_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS fetched_at,
           a.fetched_at AS read_at, a.title, a.published_text, a.body, a.reader_version
    FROM articles a LEFT JOIN pages p ON p.url = a.url
    WHERE a.url > ? AND a.run_id <> ? AND (CAST(? AS DATE) IS NULL OR a.published >= CAST(? AS DATE))
    ORDER BY a.url LIMIT ?"""
# The capture an article was read from: the URL's latest 2xx capture up to the article's fetched_at
# (a capture and the page read from it share the one timestamp, to the millisecond). A later
# capture is a re-read the load guard kept out (worse_reread: a "page not found" served with 200,
# a body cut short): reading the URL's latest capture put that back over the stored article, and
# a reprocess after a run that kept two such pages lost 25 of 52 figures.
_REPROCESS_WARC = f"""
WITH todo AS ({_REPROCESS_TODO}),
latest AS (
    SELECT t.url, arg_max(c.digest, c.fetched_at) AS digest
    FROM todo t JOIN captures c ON c.url = t.target AND c.status BETWEEN 200 AND 299
                                AND c.fetched_at <= t.read_at
    GROUP BY t.url),
stored AS (
    SELECT l.url, arg_max(struct_pack(f := c.warc_file, o := c.warc_offset, n := c.warc_length, u := c.url,
                                      d := c.digest), c.fetched_at) AS rec
    FROM latest l JOIN captures c ON c.digest = l.digest AND c.record_type = 'response'
    GROUP BY l.url)
SELECT t.url, t.fetched_at, s.rec.f AS warc_file, s.rec.o AS warc_offset, s.rec.n AS warc_length,
       s.rec.u AS warc_url, s.rec.d AS warc_digest
FROM todo t LEFT JOIN stored s ON s.url = t.url
ORDER BY t.url"""
_REPROCESS_TEXT = f"SELECT url, title, published_text, body, reader_version FROM ({_REPROCESS_TODO}) ORDER BY url"
# The figures of a reprocess batch that change: old (metrics of the batch's articles) and new
# (batch_metrics) paired by article, indicator, period, kind, scope and their order in the
# article; a pair whose figures differ is 'changed', an unpaired one 'appeared'/'disappeared'.
_FIGURE_ORDER = ("row_number() OVER (PARTITION BY article_url, indicator, period, kind, hb_scope_key(scope) "
                 "ORDER BY start_offset, metric_id)")
_RECORD_CHANGES = f"""
INSERT INTO metric_changes
SELECT ?, CASE WHEN o.metric_id IS NULL THEN 'appeared' WHEN n.metric_id IS NULL THEN 'disappeared'
               ELSE 'changed' END,
       coalesce(n.article_url, o.article_url), coalesce(n.indicator, o.indicator), coalesce(n.period, o.period),
       coalesce(n.kind, o.kind), coalesce(n.scope, o.scope), o.value, n.value, coalesce(n.unit, o.unit),
       o.yoy_pct, n.yoy_pct, o.mom_pct, n.mom_pct, o.plan_pct, n.plan_pct, o.metric_id, n.metric_id,
       o.extractor_version, n.extractor_version, coalesce(n.sentence, o.sentence)
FROM (SELECT *, hb_scope_key(scope) AS scope_key, {_FIGURE_ORDER} AS nth
      FROM metrics WHERE article_url IN (SELECT url FROM batch_articles)) o
FULL OUTER JOIN (SELECT *, hb_scope_key(scope) AS scope_key, {_FIGURE_ORDER} AS nth FROM batch_metrics) n
  ON n.article_url = o.article_url AND n.indicator IS NOT DISTINCT FROM o.indicator AND n.period = o.period
 AND n.kind = o.kind AND n.scope_key = o.scope_key AND n.nth = o.nth
WHERE o.metric_id IS NULL OR n.metric_id IS NULL
   OR o.value IS DISTINCT FROM n.value OR o.yoy_pct IS DISTINCT FROM n.yoy_pct
   OR o.mom_pct IS DISTINCT FROM n.mom_pct OR o.plan_pct IS DISTINCT FROM n.plan_pct
   OR o.unit IS DISTINCT FROM n.unit OR o.qualifier IS DISTINCT FROM n.qualifier
"""

# A 304 or a failure says nothing new about the body: keep the validators of the last body
# read, so the next run can still ask conditionally.
_KEEP_UNLESS_FETCHED = ("content_type", "etag", "last_modified", "content_hash")
# Pages keep ON CONFLICT DO UPDATE: the update needs the old row, and a batch holds a few hundred.
_UPSERT_PAGES = f"""
INSERT INTO pages ({", ".join(PAGE_SCHEMA.names)})
SELECT url, outcome, status, reason, content_type, etag, last_modified, content_hash, n_bytes, attempts,
       elapsed_ms, TRY_CAST(fetched_at AS TIMESTAMPTZ), final_url, run_id
FROM batch_pages
ON CONFLICT (url) DO UPDATE SET
    {_update_all(c for c in PAGE_SCHEMA.names[1:] if c not in _KEEP_UNLESS_FETCHED)},
    {", ".join(f"{c} = CASE WHEN excluded.outcome = 'fetched' THEN excluded.{c} "
               f"ELSE coalesce(excluded.{c}, pages.{c}) END" for c in _KEEP_UNLESS_FETCHED)}
"""


# ----------------------------------------------------------------------------- the warehouse

class Warehouse:
    """An open warehouse file. Use as a context manager, or call :meth:`close`.

    Methods take a lock, so tasks on threads of one process may share one Warehouse (a DuckDB
    connection runs one statement at a time).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, memory_limit: str | None = None) -> None:
        self._con = con
        self.path = path
        self._lock = threading.RLock()
        self._memory_limit = memory_limit  # the cap open_warehouse set, if any
        self._file = _file_id(path) if path != ":memory:" else None  # the file opened, to notice it go
        # URLs whose new read replaces the stored article whatever worse_reread says
        # (HBETL_ACCEPT_REREADS, `hbetl run --accept-reread URL`): set by the run that opens it.
        self.accepted_rereads: frozenset[str] = frozenset()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def interrupt(self) -> None:
        """Stop the statement running now (from another thread: not under the lock it holds)."""
        self._con.interrupt()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return current_version(self._con)

    # -- loading

    def load_batch(self, articles: Sequence[Article], metrics: Sequence[tuple[str, Metric]],
                   pages: Sequence[Page], run_id: str, looks_cut: Iterable[str] = ()) -> LoadCounts:
        """Upsert one batch in one transaction; on any error nothing of the batch is written.
        ``looks_cut``: the URLs whose read the reader found suspect (see :func:`worse_reread`)."""
        return self.load_tables(articles_table(articles, pages, run_id), metrics_table(metrics, run_id),
                                pages_table(pages, run_id), run_id, looks_cut)

    def load_tables(self, articles: pa.Table, metrics: pa.Table, pages: pa.Table, run_id: str,
                    looks_cut: Iterable[str] = ()) -> LoadCounts:
        """:meth:`load_batch` from Arrow tables already built (by :func:`articles_table`,
        :func:`metrics_table`, :func:`pages_table`), e.g. read back from a Dask worker's Parquet."""
        kept = self._worse_rereads(articles, set(looks_cut))
        if kept:
            urls = set(kept)
            articles, metrics, pages = (_without(articles, "url", urls), _without(metrics, "article_url", urls),
                                        _without(pages, "url", urls))
        batch = {"batch_articles": articles, "batch_metrics": metrics, "batch_pages": pages}

        def load(con: duckdb.DuckDBPyConnection) -> LoadCounts:
            articles_new = self._scalar("SELECT count(*) FROM batch_articles b ANTI JOIN articles a ON a.url = b.url")
            metrics_new = self._scalar(
                "SELECT count(*) FROM batch_metrics b ANTI JOIN metrics m ON m.metric_id = b.metric_id")
            removed = self._scalar(_COUNT_STALE_METRICS)
            for statement in (*_REPLACE_ARTICLES, *_REPLACE_METRICS, _UPSERT_PAGES):
                con.execute(statement).fetchall()
            return LoadCounts(articles=articles.num_rows, articles_new=articles_new, metrics=metrics.num_rows,
                              metrics_new=metrics_new, metrics_removed=removed, pages=pages.num_rows,
                              kept_earlier=tuple(kept.items()))

        return self._in_transaction(batch, load, f"batch of run {run_id} not loaded")

    def _worse_rereads(self, articles: pa.Table, looks_cut: set[str]) -> dict[str, str]:
        """The batch's articles whose new read is not to replace the stored one (worse_reread), and why."""
        if articles.num_rows == 0:
            return {}
        import pyarrow.compute as pc

        urls = articles.column("url").to_pylist()
        lengths = pc.utf8_length(articles.column("body")).to_pylist()
        published = articles.column("published").to_pylist()
        with self._lock:
            stored = {url: (n, when) for url, n, when in self._con.execute(
                "SELECT url, length(body), published_text FROM articles WHERE url IN (SELECT unnest(?))", [urls]).fetchall()}
        kept = {}
        for url, length, when in zip(urls, lengths, published, strict=True):
            if url in stored and url not in self.accepted_rereads:
                stored_length, stored_when = stored[url]
                if why := worse_reread(length, stored_length, url in looks_cut, when, stored_when):
                    kept[url] = why
        return kept

    def _in_transaction(self, tables: dict[str, pa.Table], work: Any, failed: str) -> Any:
        """``work(con)`` in one transaction with ``tables`` registered under their names; on any
        error nothing of it is written. Then the table blocks it cached are let go."""
        with self._lock:
            self._check_in_place()
            con = self._con
            for name, table in tables.items():
                con.register(name, table)
            try:
                con.execute("BEGIN TRANSACTION").fetchall()
                result = work(con)
                con.execute("COMMIT").fetchall()
            except duckdb.Error as exc:
                _rollback(con)
                raise WarehouseError(f"{self.path}: {failed}: {self._reason(exc)}") from exc
            except BaseException:
                _rollback(con)
                raise
            finally:
                for name in tables:
                    con.unregister(name)
            self._drop_cached_blocks()
        return result

    # -- the web archive's index (captures) and re-processing

    def add_captures(self, captures: Sequence[Capture], run_id: str) -> int:
        """Index WARC records in ``captures`` (one transaction); returns the rows added. A record
        already indexed (the same file and offset: a replay of this warehouse's own archive) is
        not added again."""
        if not captures:
            return 0
        here = Path(self.path).resolve().parent if self.path != ":memory:" else None
        table = pa.table({
            "url": [c.url for c in captures], "fetched_at": [c.fetched_at for c in captures],
            "status": pa.array([c.status for c in captures], pa.int32()),
            "digest": [c.digest for c in captures],
            "warc_file": [_stored_path(c.warc_file, here) for c in captures],
            "warc_offset": pa.array([c.warc_offset for c in captures], pa.int64()),
            "warc_length": pa.array([c.warc_length for c in captures], pa.int64()),
            "record_type": [c.record_type for c in captures],
        })

        def add(con: duckdb.DuckDBPyConnection) -> int:
            rows = con.execute("""
                INSERT INTO captures (url, fetched_at, status, digest, warc_file, warc_offset, warc_length,
                                      run_id, record_type)
                SELECT b.url, CAST(b.fetched_at AS TIMESTAMPTZ), b.status, b.digest, b.warc_file, b.warc_offset,
                       b.warc_length, ?, b.record_type
                FROM batch_captures b
                ANTI JOIN captures c ON c.warc_file = b.warc_file AND c.warc_offset = b.warc_offset""",
                               [run_id]).fetchall()
            return int(rows[0][0]) if rows else 0

        return self._in_transaction({"batch_captures": table}, add, f"captures of run {run_id} not indexed")

    def archived(self, urls: Sequence[str] | None = None) -> dict[str, Prior]:
        """The last payload digest archived for each URL, with its WARC-Date: for ``urls``, or
        with None for every URL that is not an article (robots.txt, feeds, listings, archive
        days: the pages discovery reads, a few thousand however large the archive)."""
        select = """SELECT c.url, arg_max(c.digest, c.fetched_at),
                           strftime(max(c.fetched_at) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ')
                    FROM captures c {join} GROUP BY c.url"""
        with self._lock, self._as_warehouse_error():
            if urls is None:
                rows = self._con.execute(select.format(join="ANTI JOIN articles a ON a.url = c.url")).fetchall()
            else:
                self._con.register("wanted_urls", pa.table({"url": pa.array(list(urls), pa.string())}))
                try:
                    rows = self._con.execute(select.format(join="SEMI JOIN wanted_urls w ON w.url = c.url")).fetchall()
                finally:
                    self._con.unregister("wanted_urls")
        return {url: Prior(digest, date) for url, digest, date in rows}

    def warc_path(self, stored: str) -> Path:
        """A captures row's warc_file as a path (relative ones are beside the warehouse file)."""
        path = Path(stored)
        return path if path.is_absolute() else Path(self.path).resolve().parent / path

    def reprocess_work(self, source: str, run_id: str, after: str = "", since: dt.date | None = None,
                       limit: int = 400) -> list[dict[str, Any]]:
        """The next ``limit`` articles (by URL, after ``after``) a reprocess run has not written yet,
        published on or after ``since``: with ``source`` 'warc', where the record of each one's
        page is (the latest 2xx capture of the URL it was read from, up to the read the article
        holds: a later one was kept out; its payload's response record for a revisit; None when
        the page was never archived); with 'text', its text."""
        if source == "warc":
            sql = _REPROCESS_WARC
        elif source == "text":
            sql = _REPROCESS_TEXT
        else:
            raise ConfigError(f"reprocess source {source!r}: expected warc or text")
        rows = self.records(sql, [after, run_id, _iso_or_none(since), _iso_or_none(since), int(limit)])
        for row in rows:
            if row.get("warc_file"):
                row["warc_file"] = str(self.warc_path(row["warc_file"]))
        return rows

    def load_reprocessed(self, run_id: str, urls: Sequence[str], metrics: pa.Table,
                         articles: pa.Table | None = None) -> dict[str, int]:
        """One reprocess batch in one transaction: the figures of ``urls`` that change, appear or
        disappear go to ``metric_changes``, then the articles (``articles``, read again; or, for
        re-extraction from stored text, only their extractor version and run) and their metrics
        are replaced. Returns the batch's counts of changes."""
        urls_table = articles if articles is not None else pa.table({"url": pa.array(list(urls), pa.string())})

        def load(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            con.execute(_RECORD_CHANGES, [run_id]).fetchall()
            if articles is not None:
                for statement in _REPLACE_ARTICLES:
                    con.execute(statement).fetchall()
            else:
                con.execute("""UPDATE articles SET extractor_version = ?, run_id = ?
                               WHERE url IN (SELECT url FROM batch_articles)""",
                            [extractor_version(), run_id]).fetchall()
            for statement in _REPLACE_METRICS:
                con.execute(statement).fetchall()
            rows = con.execute("""SELECT change, count(*) FROM metric_changes
                                  WHERE run_id = ? AND article_url IN (SELECT url FROM batch_articles)
                                  GROUP BY change""", [run_id]).fetchall()
            return dict(rows)

        return self._in_transaction({"batch_articles": urls_table, "batch_metrics": metrics}, load,
                                    f"reprocess batch of run {run_id} not loaded")

    def reprocess_changes(self, run_id: str) -> list[dict[str, Any]]:
        """A reprocess run's changes counted per indicator and kind of change."""
        return self.records("""
            SELECT coalesce(indicator, '(outside the catalogue)') AS indicator,
                   count(*) FILTER (WHERE change = 'changed') AS changed,
                   count(*) FILTER (WHERE change = 'appeared') AS appeared,
                   count(*) FILTER (WHERE change = 'disappeared') AS disappeared
            FROM metric_changes WHERE run_id = ? GROUP BY ALL ORDER BY indicator""", [run_id])

    def unfinished_run(self, flow: str, parameters: dict[str, Any]) -> str | None:
        """The run id of the latest run of ``flow`` if it did not complete and had these
        parameters (a reprocess killed mid-way resumes under its own id)."""
        rows = self.query("""SELECT run_id, status, CAST(parameters AS VARCHAR) FROM runs WHERE flow = ?
                             ORDER BY started_at DESC LIMIT 1""", [flow])[1]
        if rows and rows[0][1] != "completed" and rows[0][2] == _canonical_json(parameters):
            return str(rows[0][0])
        return None

    def _reason(self, exc: duckdb.Error) -> str:
        return _reason(exc, self._memory_limit)

    @contextlib.contextmanager
    def _as_warehouse_error(self) -> Iterator[None]:
        """A DuckDB error outside a load as a WarehouseError naming the file: past a small memory cap the
        run ended 'hbetl run: OutOfMemoryException: Out of Memory Error: … Possible solutions: *
        … (SET memory_limit='...GB') …', naming neither the warehouse nor the setting."""
        try:
            yield
        except duckdb.Error as exc:
            raise WarehouseError(f"{self.path}: {self._reason(exc)}") from exc

    def _drop_cached_blocks(self) -> None:
        """Let DuckDB's buffer pool give back the table blocks it keeps after a load.

        Under a cap the pool keeps every block a load wrote or read until the cap is reached,
        so a run's memory grew with the warehouse: on a 36,987-article quarter the cached
        table blocks went from 1 to 39 MB, and the flow process from 312 to 356 MB, between
        its 10th and 90th batch. Lowering the cap for a moment makes DuckDB evict them (they
        are on disk; the next batch reads back the few it needs): the flow process then
        stayed at 265-298 MB from the 10th batch to the 90th. What cannot be evicted (indexes,
        in-memory tables) stays, and DuckDB refuses the lower cap: the cap is put back either way.
        """
        if self._memory_limit is None:  # no cap: DuckDB's own default, left alone
            return
        try:
            self._con.execute(f"SET memory_limit = '{_EVICTION_LIMIT}'").fetchall()
        except duckdb.Error:
            pass  # refused: what is left cannot be evicted; what could be is gone
        finally:
            self._con.execute(f"SET memory_limit = '{self._memory_limit}'").fetchall()

    def page_validators(self, urls: Sequence[str]) -> dict[str, Page]:
        """The last known state of each URL (etag, last_modified, content_hash) for conditional
        requests; URLs never fetched are absent."""
        if not urls:
            return {}
        wanted = pa.table({"url": pa.array(list(urls), pa.string())})
        with self._lock, self._as_warehouse_error():
            self._con.register("wanted_urls", wanted)
            try:
                cur = self._con.execute("""
                    SELECT p.url, p.outcome, p.status, p.reason, p.content_type, p.etag, p.last_modified,
                           p.content_hash, p.n_bytes, p.attempts, p.elapsed_ms,
                           strftime(p.fetched_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ'), p.final_url
                    FROM pages p SEMI JOIN wanted_urls w ON w.url = p.url""")
                rows = cur.fetchall()
            finally:
                self._con.unregister("wanted_urls")
        return {row[0]: Page(url=row[0], outcome=row[1], status=row[2], reason=row[3], content_type=row[4],
                             etag=row[5], last_modified=row[6], content_hash=row[7], n_bytes=row[8],
                             attempts=row[9], elapsed_ms=row[10], fetched_at=row[11], final_url=row[12])
                for row in rows}

    def related_links(self, urls: Sequence[str], known: Iterable[str] | None = None) -> list[str]:
        """The "Các tin khác" links stored with these articles that point outside ``known``
        (default: these articles), each once, in the order first met (articles by URL, links
        as written). The flow reads them here for the articles a run did not parse again
        (unchanged pages of a resumed run), so it follows the same links as a clean run.

        The links back into ``urls`` (nearly all) are dropped in SQL, and the articles are
        read RELATED_LINKS_CHUNK at a time: in one query over a 18,494-article quarter,
        DuckDB's JSON walk raised the flow's RSS from 313 to 428 MB, so the peak of a
        backfill grew with its quarters (python -m bench memory)."""
        if not urls:
            return []
        found: dict[str, None] = {}
        ordered = sorted(set(urls))
        known_urls = ordered if known is None else sorted(set(known))
        with self._lock, self._as_warehouse_error():
            self._con.register("wanted_urls", pa.table({"url": pa.array(known_urls, pa.string())}))
            try:
                for start in range(0, len(ordered), RELATED_LINKS_CHUNK):
                    chunk = ordered[start:start + RELATED_LINKS_CHUNK]
                    self._con.register("chunk_urls", pa.table({"url": pa.array(chunk, pa.string())}))
                    rows = self._con.execute("""
                        WITH links AS (
                            SELECT json_extract_string(link.value, '$.url') AS target, a.url AS source,
                                   link.key AS position
                            FROM articles a SEMI JOIN chunk_urls c ON c.url = a.url,
                                 json_each(a.related) AS link)
                        SELECT target FROM links ANTI JOIN wanted_urls w ON w.url = links.target
                        WHERE target IS NOT NULL AND target <> ''
                        ORDER BY source, position""").fetchall()
                    found.update(dict.fromkeys(row[0] for row in rows if row[0] not in found))
            finally:
                self._con.unregister("wanted_urls")
                self._con.unregister("chunk_urls")
        return list(found)

    # -- runs

    def start_run(self, run_id: str, flow: str, site: str | None = None,
                  window_start: dt.date | str | None = None, window_end: dt.date | str | None = None,
                  year: int | None = None, quarter: int | None = None,
                  parameters: dict[str, Any] | None = None) -> None:
        """Record a run as running. Starting the same run id again (a retried flow) resets it.
        Rows a dead process left 'running' become 'failed', with ``ABANDONED_MESSAGE``."""
        with _LIVE_RUNS_LOCK:
            _LIVE_RUNS.add(run_id)
            live = sorted(_LIVE_RUNS)
        with self._lock:
            self._execute(f"""
                UPDATE runs SET status = 'failed', message = ?
                WHERE status = 'running' AND run_id NOT IN ({", ".join("?" * len(live))})""",
                          [ABANDONED_MESSAGE.format(run_id), *live])
            self._execute("""
            INSERT INTO runs (run_id, flow, site, window_start, window_end, year, quarter, started_at, status,
                              parameters)
            VALUES (?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), ?, ?, current_timestamp, 'running', CAST(? AS JSON))
            ON CONFLICT (run_id) DO UPDATE SET flow = excluded.flow, site = excluded.site,
                window_start = excluded.window_start, window_end = excluded.window_end,
                year = excluded.year, quarter = excluded.quarter, status = 'running', finished_at = NULL,
                parameters = excluded.parameters
            """, [run_id, flow, site, _iso_or_none(window_start), _iso_or_none(window_end), year, quarter,
                  _canonical_json(parameters) if parameters is not None else None])

    def finish_run(self, run_id: str, status: str, counts: dict[str, int] | None = None,
                   message: str | None = None) -> None:
        """Record the end of a run: its status, counts (``RUN_COUNT_COLUMNS``; other keys are
        kept in ``extra_counts``) and a one-line message."""
        with _LIVE_RUNS_LOCK:
            _LIVE_RUNS.discard(run_id)
        counts = dict(counts or {})
        known = [counts.pop(name, None) for name in RUN_COUNT_COLUMNS]
        extra = json.dumps(counts, ensure_ascii=False, default=str) if counts else None
        sets = ", ".join(f"{name} = ?" for name in RUN_COUNT_COLUMNS)
        with self._lock:
            self._check_in_place()
            found = self._scalar("SELECT count(*) FROM runs WHERE run_id = ?", [run_id])
            if not found:
                raise WarehouseError(f"run {run_id}: finish_run without start_run")
            self._execute(f"""
                UPDATE runs SET status = ?, finished_at = current_timestamp, {sets},
                       extra_counts = CAST(? AS JSON), message = ?
                WHERE run_id = ?""", [status, *known, extra, message, run_id])

    # -- reading

    def query(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run one SQL statement with ``?`` parameters; returns (column names, rows)."""
        chunks = list(self.query_chunks(sql, params))
        return chunks[0][0], [row for _, rows in chunks for row in rows]

    def query_chunks(self, sql: str, params: Sequence[Any] | None = None,
                     rows_per_chunk: int = QUERY_CHUNK_ROWS) -> Iterator[tuple[list[str], list[tuple]]]:
        """query()'s answer a chunk of rows at a time, each with the column names (at least one
        chunk, which may be empty). Holds the connection until the last chunk or close(); iterate
        it on one thread. `hbetl query` prints each chunk as it comes."""
        with self._lock:
            try:
                cur = self._con.execute(sql, list(params or []))
                if cur is None:  # DuckDB runs nothing for "" or a comment, and returns None
                    raise WarehouseError("query: no SQL statement (the text is empty or only comments)")
                if cur.description is None:  # (a statement that returns no rows: CREATE, SET)
                    yield [], []
                    return
                columns = [d[0] for d in cur.description]
                while True:
                    rows = cur.fetchmany(rows_per_chunk)
                    yield columns, rows
                    if len(rows) < rows_per_chunk:
                        return
            except duckdb.Error as exc:
                raise WarehouseError(f"query: {self._reason(exc)}") from exc

    def records(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        columns, rows = self.query(sql, params)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def quarterly_indicators(self, year: int, quarter: int) -> list[dict[str, Any]]:
        """The quarter's figures: Q figures, the months in it, and H/YTD/Y periods that close in it."""
        return self.records("""
            SELECT * FROM quarterly_indicators WHERE year = ? AND quarter = ?
            ORDER BY indicator, scope_key, end_month, period_type, kind""", [year, quarter])

    def plan_progress(self, year: int | None = None) -> list[dict[str, Any]]:
        return self.records("""
            SELECT * FROM plan_progress WHERE ? IS NULL OR year = ?
            ORDER BY indicator, scope_key, year, quarter, period""", [year, year])

    def indicator_series(self) -> list[dict[str, Any]]:
        return self.records("SELECT * FROM indicator_series ORDER BY indicator, scope_key, year, quarter")

    def conflicts(self, year: int | None = None) -> list[dict[str, Any]]:
        return self.records("""
            SELECT * FROM conflicts WHERE ? IS NULL OR year = ?
            ORDER BY indicator, scope, year, conflict_type, period_a, period_b""", [year, year])

    def consistency(self, year: int | None = None) -> list[dict[str, Any]]:
        return self.records("""
            SELECT * FROM consistency WHERE ? IS NULL OR year = ?
            ORDER BY indicator, scope, year, whole_period""", [year, year])

    # The run summary's conflicts: each disputed figure once (disputed_figures, linear in the
    # reports; the `conflicts` view's pairs grow with their square) and the implied plans that
    # move. Under the conflict_type filter DuckDB drops the view's pairwise branch (EXPLAIN).
    _CONFLICTS_FOR = """FROM (
        SELECT 'different_figures' AS conflict_type, indicator, scope, year, field, period AS period_a,
               period AS period_b, kind AS kind_a, kind AS kind_b, lowest AS figure_a, highest AS figure_b,
               rel_diff, 0.001 AS rel_tolerance, url_lowest AS url_a, url_highest AS url_b, n_articles
        FROM disputed_figures
        UNION ALL
        SELECT *, NULL AS n_articles FROM conflicts WHERE conflict_type = 'implied_plan_moves')
        WHERE year = ? AND ? IN (hb_period_quarter(period_a), hb_period_quarter(period_b))"""
    _CONSISTENCY_FOR = """FROM consistency
        WHERE year = ? AND ? IN (hb_period_quarter(whole_period), hb_period_quarter(part_a_period),
                                 hb_period_quarter(part_b_period))"""

    def conflicts_for(self, year: int, quarter: int, limit: int | None = None) -> list[dict[str, Any]]:
        """Conflicts that involve a period closing in this quarter, for the run summary: each
        disputed figure once, with its lowest and highest report (``n_articles`` report it),
        and each implied plan that moves. The ``conflicts`` view's pairs grow with the square of
        the reports per figure (36,854 for a 7,452-article synthetic quarter), so the summary
        never lists or counts them."""
        return self.records(f"SELECT * {self._CONFLICTS_FOR} ORDER BY indicator, scope, conflict_type, "
                            f"period_a, period_b LIMIT ?", [year, quarter, _limit(limit)])

    def consistency_for(self, year: int, quarter: int, limit: int | None = None) -> list[dict[str, Any]]:
        """Sums that do not add up and involve a period closing in this quarter (the Q1 review
        already gives six-month estimates, so H1 = Q1 + Q2 concerns a Q1 run)."""
        return self.records(f"SELECT * {self._CONSISTENCY_FOR} ORDER BY indicator, scope, whole_period LIMIT ?",
                            [year, quarter, _limit(limit)])

    def count_conflicts_for(self, year: int, quarter: int) -> tuple[int, int]:
        """(disputed figures and moving plans, consistency warnings) involving this quarter, counted in SQL."""
        conflicts = self.query(f"SELECT count(*) {self._CONFLICTS_FOR}", [year, quarter])[1][0][0]
        consistency = self.query(f"SELECT count(*) {self._CONSISTENCY_FOR}", [year, quarter])[1][0][0]
        return int(conflicts), int(consistency)

    def table_counts(self) -> dict[str, int]:
        return {table: self._scalar(f"SELECT count(*) FROM {table}") for table in TABLES}

    def export_parquet(self, directory: str | Path) -> list[Path]:
        """Write every table to ``<directory>/<table>.parquet`` (zstd); returns the paths."""
        out_dir = Path(directory)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            target = out_dir / f"{table}.parquet"
            if target.is_dir():  # (DuckDB says "File exists", after the warehouse's name: the wrong thing)
                raise WarehouseError(f"{target}: a directory is in the way of the table's Parquet file")
            # Written beside and renamed over, so that an export cut short (a full disk, Ctrl-C, SIGTERM)
            # leaves no cut file, and the last export's file whole. The path is a parameter, not
            # pasted into the SQL: a directory name with a quote is fine.
            part = target.with_name(f".{target.name}.part")
            try:
                self._execute(f"COPY (SELECT * FROM {table}) TO ? (FORMAT parquet, COMPRESSION zstd)", [str(part)])
                part.replace(target)
            except WarehouseError as exc:
                # A full disk was told after the warehouse's name, in DuckDB's JSON ("o.duckdb: IO Error:
                # Async write failed for range [...]: {"exception_type":"IO", ...}"), the cut file left.
                raise WarehouseError(f"{target}: cannot write the table's Parquet file: {_io_reason(exc.__cause__)}") from exc
            finally:
                _remove_quietly(part)  # (a cut one; none once renamed)
            written.append(target)
        return written

    # -- internals

    def _check_in_place(self) -> None:
        """WarehouseError when the file opened is no longer at its path (removed, moved, or another
        file put there). DuckDB goes on writing to the file it holds open, so a run whose
        warehouse's folder was removed under it loaded every batch into a file no one can open, and
        reported "42 articles, 52 metrics loaded into <path>", exit 0. Checked before each write."""
        if self._file is not None and _file_id(self.path) != self._file:
            raise WarehouseError(f"{self.path}: the warehouse file was removed or replaced during the run; nothing "
                                 "more is loaded (what the run loaded went with the old file)")

    def _execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        with self._lock, self._as_warehouse_error():
            self._con.execute(sql, list(params or [])).fetchall()

    def _scalar(self, sql: str, params: Sequence[Any] | None = None) -> int:
        with self._lock, self._as_warehouse_error():
            rows = self._con.execute(sql, list(params or [])).fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _remove_quietly(path: Path) -> None:
    """``path`` removed if it can be: in a read-only folder the unlink fails too (EROFS, not ENOENT),
    and its error took the place of the one being reported."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _reason(exc: duckdb.Error, memory_limit: str | None) -> str:
    """DuckDB's message, its first line; past the memory cap, with the setting that raises it
    (DuckDB's own advice, "SET memory_limit", is not something a run's user can type)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, duckdb.OutOfMemoryException) and memory_limit:
        return f"{first} (over the {memory_limit} cap: raise HBETL_DUCKDB_MEMORY_LIMIT)"
    return first


_ERRNO = re.compile(r'"errno"\s*:\s*"?(\d+)')
_FILE_REASON = re.compile(r'IO Error: [^"\n]*"[^"\n]*": ([^\n]+)')


def _io_reason(exc: BaseException | None) -> str:
    """The system's words for a DuckDB I/O error that carries an errno ('No space left on device'),
    else DuckDB's first line."""
    text = str(exc or "").strip()
    if found := _ERRNO.search(text):
        return os.strerror(int(found.group(1)))
    if found := _FILE_REASON.match(text):  # ('IO Error: Cannot open file "<the part file>": Read-only file system')
        return found.group(1)
    return text.splitlines()[0] if text else type(exc).__name__


def _file_id(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _canonical_json(value: dict[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _stored_path(path: str, here: Path | None) -> str:
    """A WARC file's path as captures keeps it: relative to the warehouse's folder when inside it
    (the two move together), else absolute."""
    absolute = Path(path).resolve()
    if here is not None and absolute.is_relative_to(here):
        return absolute.relative_to(here).as_posix()
    return str(absolute)


def _limit(limit: int | None) -> int:
    """SQL LIMIT for an optional cap (None: every row)."""
    return 2**62 if limit is None else max(0, int(limit))


def _iso_or_none(value: dt.date | str | None) -> str | None:
    if isinstance(value, dt.datetime):  # a window bound given as a datetime: its date
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else value
