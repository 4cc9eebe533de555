"""The quarterly ETL as plain functions, in stage order.

    discover  ->  fetch  ->  parse + extract  ->  load
    (crawl)       (fetch)    (parse, extract)     (warehouse)

``flows/quarterly.py`` wraps each stage in a Prefect task; nothing here imports
Prefect, so the same stages run in tests, benchmarks and on a Dask worker.

Parse + extract is the CPU half of a batch: :func:`parse_and_extract_parallel` spreads
it over a small process pool (safe from Prefect's task threads: the pool's processes
come from a fork server, not a fork of this threaded process). The run's fetcher is
:mod:`hbetl.fetch_session` (re-exported here), in a process of its own by default.
On a cluster, :func:`stage_batch` runs on a Dask worker and writes the batch as
Parquet; :func:`load_staged` is the one writer that ingests it into DuckDB.
Per-page problems never raise: they come back as `Page` rows with a reason, so one
bad page cannot stop a batch. Whole-stage problems raise `hbetl.errors` errors,
transient or terminal, for the retry logic above to read.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hbetl.discover import normalise_url, quarter_window
from hbetl.errors import HbetlError
from hbetl.extract import extract_metrics
from hbetl.fetch_session import AnyFetchSession, FetchProcess, FetchSession, open_fetch_session
from hbetl.models import Article, Metric, Page
from hbetl.parse import read_article
from hbetl.settings import Settings

if TYPE_CHECKING:  # the edges (network, database) are imported where used: a parse worker needs neither
    import httpx

    from hbetl.warc import ArchiveSpec, Prior, WarcWriter
    from hbetl.warehouse import Warehouse

log = logging.getLogger("hbetl.pipeline")

__all__ = [
    "BatchResult",
    "discover_urls",
    "FetchSession",
    "FetchProcess",
    "open_fetch_session",
    "parse_and_extract",
    "parse_and_extract_parallel",
    "shutdown_parse_pool",
    "open_run_warehouse",
    "load_batch",
    "stage_batch",
    "load_staged",
    "previous_quarter",
    "quarter_window",
    "chunks",
    "unseen_article_links",
    "links_of",
    "RelatedLinks",
]


@dataclass(slots=True)
class BatchResult:
    """What parse + extract made of one batch of fetched pages."""

    articles: list[Article] = field(default_factory=list)
    metrics: list[tuple[str, Metric]] = field(default_factory=list)  # (article_url, metric)
    pages: list[Page] = field(default_factory=list)  # every page of the batch, bodies dropped
    suspect_reads: list[tuple[str, str]] = field(default_factory=list)  # (url, why the read may be wrong: hbetl/parse.py)

    @property
    def failures(self) -> list[Page]:
        return [p for p in self.pages if p.outcome == "failed"]

    def extend(self, part: BatchResult) -> None:
        """Append the result of the batch's next slice (slices are merged in page order)."""
        self.articles += part.articles
        self.metrics += part.metrics
        self.pages += part.pages
        self.suspect_reads += part.suspect_reads


def previous_quarter(today: date) -> tuple[int, int]:
    """The quarter that ended before ``today``: a run on 2024-01-20 processes 2023 Q4."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


def chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


async def discover_urls(
    settings: Settings, start: date, end: date, transport: httpx.AsyncBaseTransport | None = None,
    archive: WarcWriter | None = None,
) -> tuple[list[str], dict]:
    """Article URLs published in [start, end], found by every route the profile offers,
    and the fetcher's counters (requests, retries, faults) for the run summary, with
    ``discovery_failures``: the discovery pages given up, as (url, reason).
    ``archive``: where the pages read (archive days, feeds, listings, robots.txt) are archived."""
    from hbetl import crawl
    from hbetl.fetch import Fetcher  # the edge: imported where the network is used
    from hbetl.profiles import get_profile

    profile = get_profile(settings.profile)
    async with Fetcher(settings, transport=transport, archive=archive) as fetcher:
        result = await crawl.discover_routes(fetcher, settings.site, profile, start, end)
        stats = fetcher.stats_dict() | {"discovery_failures": list(result.failed.items())}
    return [url for url, _published in result.sorted()], stats


def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return datetime.fromisoformat(article.published).date()
    except ValueError:
        return None


def parse_and_extract(pages: Iterable[Page], window: tuple[date, date] | None = None) -> BatchResult:
    """Pure CPU work: HTML to articles to metric records. Bodies are dropped on the way.

    With a ``window``, an article published outside it is not kept (its page is
    ``skipped``): pages reached by following links may belong to another quarter.
    """
    result = BatchResult()
    for page in pages:
        body, page = page.body, replace(page, body=None)
        if page.outcome == "fetched" and body is not None:
            try:
                reading = read_article(body, page.url, content_type=page.content_type)
            except HbetlError as exc:
                page = replace(page, outcome="failed", reason=f"parse: {exc.reason}")
                log.warning("%s: %s", page.url, page.reason)
            except Exception as exc:  # noqa: BLE001 (a bug one page meets fails that page, not its batch)
                page = _failed_by_a_bug(page, "parse", exc)
            else:
                article = reading.article
                article.url = page.url
                published = _published_date(article)
                if window and (published is None or not window[0] <= published <= window[1]):
                    page = replace(page, outcome="skipped", reason=f"published {published}, outside the window")
                    result.pages.append(page)
                    continue
                try:
                    metrics = extract_metrics(article.body, published, article.title)
                except Exception as exc:  # noqa: BLE001 (as above: the article is not loaded without its figures)
                    result.pages.append(_failed_by_a_bug(page, "extract", exc))
                    continue
                if reading.suspect:  # loaded all the same: a cut body still holds figures
                    log.warning("suspect read: %s: %s", page.url, reading.suspect)
                    result.suspect_reads.append((page.url, reading.suspect))
                result.articles.append(article)
                result.metrics.extend((page.url, metric) for metric in metrics)
        elif page.outcome == "failed":
            log.warning("%s: %s", page.url, page.reason)
        result.pages.append(page)
    return result


def _failed_by_a_bug(page: Page, stage: str, exc: Exception) -> Page:
    """The page failed by an error the reader or the extractor did not expect (a bug, not the
    page's fault alone): logged with its traceback, the page counted failed and fetched again
    next run, and the other pages of its batch loaded. Before, it ended the batch: 200 pages."""
    first_line = (str(exc).strip().splitlines() or [""])[0][:200]
    reason = f"{stage}: unexpected {type(exc).__name__}{': ' + first_line if first_line else ''} (a bug: please report the page)"
    log.error("%s: %s", page.url, reason, exc_info=exc)
    return replace(page, outcome="failed", reason=reason)


# Below this many pages a batch is parsed in the calling thread: shipping pages to the
# pool and results back costs ~0.1 ms a page, and the first call starts the pool (~1 s);
# a test's handful of pages is faster inline. A flow's batch (200) is well above it.
PARALLEL_MIN_PAGES = 40

_pool: ProcessPoolExecutor | None = None
_pool_workers = 0
_pool_lock = threading.Lock()


def _parse_pool(workers: int) -> ProcessPoolExecutor:
    """The process's parse pool, started on first use and kept for the next batches and quarters."""
    global _pool, _pool_workers
    with _pool_lock:
        if _pool is None or _pool_workers != workers:
            if _pool is not None:
                _pool.shutdown(wait=True)
            # forkserver, not fork: forking a process with Prefect's threads running can copy a
            # held lock into the child; the fork server is a fresh single-threaded process.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["hbetl.parse", "hbetl.extract"])
            _start_fork_server()
            _pool, _pool_workers = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                       initializer=_lower_priority), workers
        return _pool


def _start_fork_server() -> None:
    """Start the fork server (once a process) without the current directory on its sys.path.

    It is started as `python -c …`, which puts the current directory first on sys.path, and
    Python 3.11's fork server drops the parent's sys.path it is handed: run from a folder holding
    a directory named `hbetl` (a clone's parent), its workers imported that directory instead of
    the package and every batch failed (BrokenProcessPool). PYTHONSAFEPATH keeps it off.
    """
    from multiprocessing import forkserver

    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before


# Parsing has slack (a batch parses in less time than it takes to fetch) and fetching is
# the chain every page waits on, so the parse processes yield the CPU to it: without this
# the fetch thread, the site and the parser fought over 2 cores in bursts and the fetch of
# a batch took twice its time alone (py-spy on the flow bench).
PARSE_NICENESS = 10


def _lower_priority() -> None:
    with contextlib.suppress(OSError, AttributeError):  # os.nice: POSIX only; a container may refuse
        os.nice(PARSE_NICENESS)


def pool_map(fn: Any, slices: Sequence[Any], workers: int) -> list[Any]:
    """``fn`` over ``slices`` in the parse pool (started on first use), results in order."""
    return list(_parse_pool(workers).map(fn, slices))


def shutdown_parse_pool() -> None:
    """Stop the parse pool's processes (also done at exit)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


atexit.register(shutdown_parse_pool)


def parse_and_extract_parallel(pages: Sequence[Page], workers: int, min_pages: int = PARALLEL_MIN_PAGES,
                               window: tuple[date, date] | None = None) -> BatchResult:
    """:func:`parse_and_extract` spread over ``workers`` processes, in page order.

    Same result as the serial function; it runs serially when ``workers`` <= 1 or the
    batch is smaller than ``min_pages``. Callable from any thread.
    """
    if workers <= 1 or len(pages) < max(min_pages, 2):
        return parse_and_extract(pages, window)
    share = -(-len(pages) // workers)  # one slice per worker: fewer round trips than page by page
    slices = [list(pages[i : i + share]) for i in range(0, len(pages), share)]
    merged = BatchResult()
    for part in _parse_pool(workers).map(parse_and_extract, slices, [window] * len(slices)):
        merged.extend(part)
    return merged


def links_of(articles: Iterable[Article]) -> dict[str, list]:
    """What a batch's parses say about links between articles: the articles read
    (``parsed``) and each of their related links as (article, position, target)."""
    articles = list(articles)
    return {"parsed": [a.url for a in articles],
            "links": [(a.url, i, link.url) for a in articles for i, link in enumerate(a.related)]}


@dataclass(slots=True)
class RelatedLinks:
    """A run's links between articles that leave the quarter: the fourth discovery route.

    Collected from each batch's parses (:func:`links_of`) as the run goes, keeping only
    the links out of ``quarter``: reading them back from the warehouse at the end walked
    every article's JSON and raised a 100,000-article backfill's peak by ~50 MB. Articles
    not parsed in this run (not modified, failed) have theirs read from the warehouse."""

    quarter: set[str]
    parsed: set[str] = field(default_factory=set)
    leaving: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, batch_links: dict[str, list]) -> None:
        self.parsed.update(batch_links["parsed"])
        self.leaving += [link for link in batch_links["links"] if link[2] not in self.quarter]

    def targets(self, warehouse: Warehouse, urls: Sequence[str]) -> list[str]:
        """Each link leaving the quarter once: from this run's parses in the order the
        warehouse gives (article URL, then the link's place), then those of the articles
        of ``urls`` not parsed in this run."""
        parsed = [target for _source, _position, target in sorted(self.leaving)]
        unparsed = [url for url in urls if url not in self.parsed]
        stored = warehouse.related_links(unparsed, known=self.quarter) if unparsed else []
        return list(dict.fromkeys(parsed + stored))


def unseen_article_links(related: Iterable[str], seen: set[str], settings: Settings) -> list[str]:
    """Links between articles not found by any other route: same site, article-shaped
    by the site's profile, normalised, in first-seen order."""
    from hbetl.discover import same_site
    from hbetl.profiles import get_profile

    profile = get_profile(settings.profile)
    out: dict[str, None] = {}
    for url in related:
        url = normalise_url(url, settings.site)
        if url not in seen and same_site(url, settings.site) and profile.is_article_url(url):
            out.setdefault(url, None)
    return list(out)


def open_run_warehouse(settings: Settings) -> Warehouse:
    """The warehouse as a run opens it: the settings' lock wait, memory cap, threads and the
    re-reads to load whatever the load guard says."""
    from hbetl.warehouse import open_warehouse

    warehouse = open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds,
                               memory_limit=settings.duckdb_memory_limit, threads=settings.duckdb_threads)
    warehouse.accepted_rereads = settings.accepted_rereads
    return warehouse


def load_batch(settings: Settings, batch: BatchResult, run_id: str,
               warehouse: Warehouse | None = None) -> dict[str, int]:
    """Load one batch in one transaction; returns the warehouse's counts for it.

    ``warehouse``: one kept open for the run (opening the file costs ~70 ms here, a
    batch's load ~30 ms); without it the file is opened for this batch alone.
    """
    looks_cut = [url for url, _why in batch.suspect_reads]
    if warehouse is not None:
        return warehouse.load_batch(batch.articles, batch.metrics, batch.pages, run_id, looks_cut).to_dict()
    with open_run_warehouse(settings) as wh:
        return wh.load_batch(batch.articles, batch.metrics, batch.pages, run_id, looks_cut).to_dict()


# ----------------------------------------------------------------------------- the web archive

def run_archive(settings: Settings, run_id: str) -> ArchiveSpec | None:
    """Where the run archives what it reads (None with HBETL_WARC=0); raises ArchiveError,
    naming the folder, when it cannot write there, before anything is fetched."""
    from hbetl.warc import archive_spec

    return archive_spec(settings, run_id)


@contextlib.contextmanager
def archive_writer(archive: ArchiveSpec | None, warehouse: Warehouse) -> Iterator[WarcWriter | None]:
    """A WARC writer for a fetcher of this process (discovery's), knowing what the warehouse
    already archived for the pages outside articles; its records are indexed when it closes."""
    if archive is None:
        yield None
        return
    from hbetl.warc import WarcWriter

    with WarcWriter(archive, warehouse.archived()) as writer:
        try:
            yield writer
        finally:  # what was written is indexed, whether or not discovery ended well
            warehouse.add_captures(writer.take_captures(), archive.run_id)


def archived_payloads(settings: Settings, urls: Sequence[str], warehouse: Warehouse) -> dict[str, Prior]:
    """The payload digests already archived for these URLs (an unchanged page becomes a revisit)."""
    return warehouse.archived(list(urls)) if settings.warc else {}


def index_captures(session: AnyFetchSession, run_id: str, warehouse: Warehouse) -> int:
    """Index in ``captures`` what the session archived since the last call; returns the rows."""
    return warehouse.add_captures(session.take_captures(), run_id)


OFF_HOST_REDIRECT = "off-host redirect to "  # hbetl.fetch's reason for a redirect it did not follow


def moved_to(stats: dict[str, Any]) -> str | None:
    """The host the site's pages redirect to, when that is what most of the pages did (the
    paper has moved, as the provincial papers merged in 2025): a fetcher's stats_dict()."""
    moved = {reason[len(OFF_HOST_REDIRECT):]: n for reason, n in stats.get("reasons", {}).items()
             if reason.startswith(OFF_HOST_REDIRECT)}
    if not moved:
        return None
    host, count = max(moved.items(), key=lambda item: item[1])
    return host if count > stats.get("outcomes", {}).get("fetched", 0) else None


def check_not_moved(settings: Settings, stats: dict[str, Any]) -> None:
    """Raise FetchRefused naming the new host and the setting that allows it, if the site moved."""
    from hbetl.errors import FetchRefused

    host = moved_to(stats)
    if host is not None:
        raise FetchRefused(f"its pages redirect to {host} (has the paper moved?); to follow them set "
                           f"HBETL_ALLOWED_HOSTS={host}", subject=settings.site)


def page_validators(settings: Settings, urls: Sequence[str],
                    warehouse: Warehouse | None = None) -> dict[str, Page]:
    """Earlier fetches of these URLs (ETag, Last-Modified), for conditional requests."""
    if warehouse is not None:
        return warehouse.page_validators(list(urls))
    with open_run_warehouse(settings) as wh:
        return wh.page_validators(list(urls))


# ----------------------------------------------------------------------------- the cluster path

STAGED_TABLES = ("articles", "metrics", "pages")


def staging_dir(settings: Settings, run_id: str) -> Path:
    """Where a run's Parquet batches wait for the loader: ``settings.staging_dir`` or
    ``<db>.staging/`` beside the warehouse, one folder per run. On a real cluster it must be
    storage the workers and the loader share."""
    root = Path(settings.staging_dir) if settings.staging_dir else Path(f"{settings.db}.staging")
    return root / run_id


def stage_batch(pages: Sequence[Page], directory: str, run_id: str, number: int) -> dict[str, Any]:
    """On a worker: parse + extract a batch, write it as three Parquet files (articles,
    metrics, pages) in ``directory``; returns their paths and the counts the flow logs.
    The worker never opens the warehouse: DuckDB has one writer, the loader."""
    import pyarrow.parquet as pq

    from hbetl.batch_tables import articles_table, metrics_table, pages_table

    batch = parse_and_extract(pages)
    tables = {"articles": articles_table(batch.articles, batch.pages, run_id),
              "metrics": metrics_table(batch.metrics, run_id),
              "pages": pages_table(batch.pages, run_id)}
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, table in tables.items():
        path = folder / f"batch-{number:05d}-{name}.parquet"
        partial = path.with_suffix(".parquet.partial")  # renamed when complete: the loader never reads half a file
        pq.write_table(table, partial, compression="zstd")
        partial.replace(path)
        paths[name] = str(path)
    return {"paths": paths, "parsed": len(batch.articles), "metrics_extracted": len(batch.metrics),
            "failures": [(p.url, p.reason) for p in batch.failures], "related": links_of(batch.articles),
            "suspect_reads": batch.suspect_reads}


def load_staged(staged: dict[str, Any], run_id: str, warehouse: Warehouse) -> dict[str, int]:
    """The single writer: ingest one staged batch into the warehouse, then delete its files."""
    import pyarrow.parquet as pq

    paths = staged["paths"]
    tables = {name: pq.read_table(paths[name]) for name in STAGED_TABLES}
    counts = warehouse.load_tables(tables["articles"], tables["metrics"], tables["pages"], run_id,
                                   [url for url, _why in staged["suspect_reads"]]).to_dict()
    for path in paths.values():
        Path(path).unlink(missing_ok=True)
    return counts
