"""The Prefect flow `quarterly-etl`: one quarter of the paper, from pages to DuckDB.

Tasks work on batches of pages (``Settings.batch_size``), never one task per
article: a Prefect task run costs 12-90 ms of orchestration here, a quarter has
thousands of pages. Fetching batch i+1 overlaps with parsing and loading batch i;
the run's fetcher lives in a process of its own (``hbetl.fetch_session``) and parse +
extract runs in a process pool (``Settings.parse_workers``), so neither shares this
process's GIL with Prefect's client and the loads. One warehouse connection serves the whole run
(opening the DuckDB file costs ~70 ms, more than loading a batch).

``task_runner="dask"``: parse + extract runs on a Dask cluster through prefect-dask's
``DaskTaskRunner`` (``dask_address``: the scheduler, or None for a temporary local
cluster); workers write Parquet batches, this process alone loads them into DuckDB.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, tags, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Completed, State
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from hbetl import pipeline
from hbetl.errors import TerminalError, is_transient, stopped_because
from hbetl.fetch_session import AnyFetchSession
from hbetl.models import Page
from hbetl.settings import Settings, load_settings
from hbetl.summary import RunSummary, failed_pages, summary_markdown
from hbetl.warc import ArchiveSpec
from hbetl.warehouse import Warehouse

TASK_RUNNERS = ("threads", "dask")
# Staged Dask batches in flight before the loader waits for the oldest: enough to keep
# two workers busy while one batch is fetched, few enough that pages never pile up.
DASK_BATCHES_IN_FLIGHT = 3
# Batches being fetched at once through the run's fetch session: two, so that one batch's
# tail and the task start of the next overlap (their requests share the session's slots).
FETCHES_IN_FLIGHT = 2


SUMMARY_ROWS = 50  # conflict rows shown in the run summary; the views hold them all


def retry_only_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's retry_condition_fn: retry what may succeed later, not a 404 or a bug."""
    try:
        state.result()
    except Exception as exc:  # the task's own exception, re-raised by result()
        return is_transient(exc)
    return False


TASK_OPTIONS: dict[str, Any] = dict(
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_jitter_factor=0.5,
    retry_condition_fn=retry_only_transient,
    cache_policy=NO_CACHE,  # inputs are page bodies: hashing them for a cache key is waste
    persist_result=False,
)


@task(name="discover", task_run_name="discover-{start}-to-{end}", **TASK_OPTIONS)
def discover_task(settings: Settings, start: date, end: date, archive: ArchiveSpec | None = None,
                  warehouse: Warehouse | None = None) -> tuple[list[str], dict]:
    """The quarter's article URLs; the pages read on the way are archived (``archive``) and
    indexed in the warehouse."""
    if warehouse is None:
        urls, stats = asyncio.run(pipeline.discover_urls(settings, start, end))
    else:
        with pipeline.archive_writer(archive, warehouse) as writer:
            urls, stats = asyncio.run(pipeline.discover_urls(settings, start, end, archive=writer))
    logger = get_run_logger()
    logger.info("discovered %d article URLs published %s to %s (%d requests, %d retries)",
                len(urls), start, end, stats.get("requests", 0), stats.get("retries", 0))
    if failed := stats.get("discovery_failures"):
        logger.warning("%d discovery pages failed, their articles may be missing, e.g. %s: %s",
                       len(failed), *failed[0])
    return urls, stats


@task(name="fetch", task_run_name="fetch-batch-{number}", **TASK_OPTIONS)
def fetch_task(settings: Settings, urls: list[str], number: int, warehouse: Warehouse,
               session: AnyFetchSession, run_id: str) -> list[Page]:
    """Fetch a batch through the run's session (whose counters are taken once, at the end);
    index the WARC records it wrote."""
    validators = pipeline.page_validators(settings, urls, warehouse)
    pages = session.fetch(urls, validators, pipeline.archived_payloads(settings, urls, warehouse))
    pipeline.index_captures(session, run_id, warehouse)
    logger = get_run_logger()
    for page in pages:
        if page.outcome == "failed":
            logger.warning("fetch failed: %s: %s", page.url, page.reason)
    return pages


@task(name="parse-load", task_run_name="parse-load-batch-{number}", **TASK_OPTIONS)
def parse_load_task(settings: Settings, pages: list[Page], run_id: str, number: int,
                    warehouse: Warehouse | None = None,
                    window: tuple[date, date] | None = None) -> dict[str, Any]:
    batch = pipeline.parse_and_extract_parallel(pages, settings.parse_workers, window=window)
    _log_parse_failures([(p.url, p.reason) for p in batch.failures])
    _log_suspect_reads(batch.suspect_reads)
    counts = pipeline.load_batch(settings, batch, run_id, warehouse)
    _log_kept_earlier(counts["kept_earlier"])
    counts["parsed"] = len(batch.articles)
    counts["metrics_extracted"] = len(batch.metrics)
    counts["failures"] = [(p.url, p.reason) for p in batch.failures]
    counts["related"] = pipeline.links_of(batch.articles)
    counts["suspect_reads"] = batch.suspect_reads
    return counts


def _log_parse_failures(failures: list[tuple[str, str | None]]) -> None:
    logger = get_run_logger()
    for url, reason in failures:
        if reason and reason.startswith("parse:"):
            logger.warning("parse failed: %s: %s", url, reason)


def _log_suspect_reads(suspects: list[tuple[str, str]]) -> None:
    logger = get_run_logger()
    for url, why in suspects:
        logger.warning("suspect read: %s: %s", url, why)


def _log_kept_earlier(kept: list[tuple[str, str]]) -> None:
    logger = get_run_logger()
    for url, why in kept:
        logger.warning("not loaded: %s: %s (if the new read is right: --accept-reread %s)", url, why, url)


@task(name="parse-stage", task_run_name="parse-stage-batch-{number}", **TASK_OPTIONS)
def parse_stage_task(pages: list[Page], directory: str, run_id: str, number: int) -> dict[str, Any]:
    """On a Dask worker: parse + extract one batch into Parquet files for the loader."""
    staged = pipeline.stage_batch(pages, directory, run_id, number)
    _log_parse_failures(staged["failures"])
    _log_suspect_reads(staged["suspect_reads"])
    return staged


@task(name="load-staged", task_run_name="load-staged-batch-{number}", **TASK_OPTIONS)
def load_staged_task(staged: dict[str, Any], run_id: str, number: int, warehouse: Warehouse) -> dict[str, Any]:
    """Here, the single writer: one staged batch into DuckDB."""
    counts = pipeline.load_staged(staged, run_id, warehouse)
    _log_kept_earlier(counts["kept_earlier"])
    return counts | {k: staged[k] for k in ("parsed", "metrics_extracted", "failures", "suspect_reads")}


def _run_name() -> str:
    params = flow_run.parameters
    year, quarter = params.get("year"), params.get("quarter")
    when = f"{year}-Q{quarter}" if year and quarter else "previous-quarter"
    return f"quarterly-{when}"


@flow(
    name="quarterly-etl",
    flow_run_name=_run_name,
    retries=1,  # once more for infrastructure trouble; tasks retry transient faults themselves
    retry_delay_seconds=30,
    task_runner=ThreadPoolTaskRunner(max_workers=1 + FETCHES_IN_FLIGHT),  # + the parse-load in flight
    log_prints=True,
)
def quarterly_etl(
    site: str | None = None,
    db: str | None = None,
    year: int | None = None,
    quarter: int | None = None,
    rate_limit: float | None = None,
    concurrency: int | None = None,
    task_runner: str = "threads",
    dask_address: str | None = None,
    accept_rereads: list[str] | None = None,
) -> dict[str, Any] | State:
    """Discover, fetch, parse, extract and load one quarter (by default the one just ended).

    ``task_runner``: "threads" (parse + extract in a local process pool) or "dask" (on the
    Dask scheduler at ``dask_address``, e.g. tcp://10.0.0.5:8786; None: a temporary local cluster).
    ``accept_rereads``: article URLs whose new read is loaded even where the load guard would keep
    the stored article (a page an earlier run listed as "not loaded", whose edit is real).
    """
    settings = load_settings(site=site, db=db, year=year, quarter=quarter,
                             rate_limit=rate_limit, concurrency=concurrency,
                             accept_rereads=" ".join(accept_rereads) if accept_rereads else None)
    return _final_state(run_quarter(settings, task_runner=task_runner, dask_address=dask_address))


def run_quarter(settings: Settings, task_runner: str = "threads", dask_address: str | None = None
                ) -> dict[str, Any]:
    """The body of the flow, callable from a parent flow (backfill) with its own settings."""
    if task_runner not in TASK_RUNNERS:
        raise TerminalError(f"task runner {task_runner!r}: not one of {', '.join(TASK_RUNNERS)}")
    logger = get_run_logger()
    year, quarter = settings.year, settings.quarter
    if year is None or quarter is None:
        year, quarter = pipeline.previous_quarter(date.today())
    start, end = pipeline.quarter_window(year, quarter, settings.days_after_quarter)
    run_id = str(flow_run.id or f"local-{year}-Q{quarter}")
    summary = RunSummary(run_id=run_id, site=settings.site, db=settings.db, year=year, quarter=quarter,
                         window_start=start, window_end=end)
    # The run's one connection: fetch tasks read validators through it, loads write through it.
    wh = pipeline.open_run_warehouse(settings)
    try:
        wh.start_run(run_id, "quarterly-etl", settings.site, start, end, year, quarter)
    except BaseException:
        wh.close()
        raise

    # Tags on every task run of this quarter, so the UI filters by paper and by quarter.
    with tags(f"site:{urlsplit(settings.site).netloc}", f"quarter:{year}-Q{quarter}"):
        session = None
        try:
            archive = pipeline.run_archive(settings, run_id)
            urls, stats = discover_task(settings, start, end, archive, wh)
            pipeline.check_not_moved(settings, stats)
            summary.discovered = len(urls)
            summary.add_fetch([], stats)
            batches = list(pipeline.chunks(urls, settings.batch_size))
            progress = create_progress_artifact(0.0, key=f"progress-{year}-q{quarter}",
                                                description=f"{year} Q{quarter}: batches loaded")
            # One fetcher for every batch of the run; it archives what it reads as it reads it.
            session = pipeline.open_fetch_session(settings, archive=archive,
                                                  known=wh.archived() if archive else None)
            related = pipeline.RelatedLinks(set(urls))
            if task_runner == "dask":
                _run_batches_on_dask(settings, batches, run_id, summary, progress, wh, session, dask_address, related)
            else:
                _run_batches_here(settings, batches, run_id, summary, progress, wh, session, related=related)
            # Few pages, and each must be checked against the window: parsed here on either runner.
            _follow_links(settings, urls, run_id, summary, progress, wh, session, (start, end), related)
            indicators = wh.quarterly_indicators(year, quarter)
            summary.conflicts = wh.conflicts_for(year, quarter, limit=SUMMARY_ROWS)
            summary.consistency = wh.consistency_for(year, quarter, limit=SUMMARY_ROWS)
            summary.n_conflicts, summary.n_consistency = wh.count_conflicts_for(year, quarter)
            if summary.articles_loaded == 0 and summary.not_modified == 0:
                pipeline.check_not_moved(settings, session.stats())
                raise TerminalError(
                    f"{settings.site}: no article loaded for {year} Q{quarter} "
                    f"({summary.discovered} discovered, {summary.failed} failed)")
            summary.status = "completed"
        except BaseException as exc:  # Ctrl-C and SIGTERM too: the runs table said 'running' for good
            summary.status = "failed"
            summary.message = stopped_because(exc)
            raise
        finally:
            if session is not None:
                _close_session(session, summary, run_id, wh)
            try:
                _record_run(wh, summary)
            finally:
                wh.close()

    _publish_artifacts(settings, summary, indicators)
    logger.info("%s Q%s: %d articles, %d metrics loaded into %s", year, quarter,
                summary.articles_loaded, summary.metrics_loaded, settings.db)
    return summary.as_dict() | {"indicators": indicators}


def _final_state(result: dict[str, Any]) -> dict[str, Any] | State:
    """The run's counts, or, when pages failed, a Completed state named for it, so that the UI's
    list of runs shows "Completed with failures" (the summary artifact lists the pages); calling
    the flow gives the counts either way."""
    failed = failed_pages(result)
    if failed is None:
        return result
    return Completed(data=result, name="Completed with failures", message=f"{failed} failed")


def _run_batches_here(settings: Settings, batches: list[list[str]], run_id: str, summary: RunSummary,
                      progress: Any, wh: Warehouse, session: AnyFetchSession, first: int = 1,
                      window: tuple[date, date] | None = None,
                      related: pipeline.RelatedLinks | None = None) -> None:
    """Fetch, parse and load the batches (pages outside ``window``, when given, are not kept;
    ``related`` collects the links between articles the parses met).

    Two chains run side by side on the flow's task threads: fetching (FETCHES_IN_FLIGHT
    batches through the run's one fetch session, whose rate gate and cap on requests in
    flight they share, so the next batch's requests fill the slots the last one's tail
    leaves) and parse + load (one batch at a time: one writer). This thread only hands
    batches from one chain to the other. py-spy on a 7,452-article quarter found it waiting
    12 s on fetches, 10 s on the parse pool, 4 s loading and 7 s on Prefect's API, one after
    the other, with the two cores half idle, when it ran parse + load itself. At most four
    batches' bodies are held: two being fetched, one waiting, one being parsed."""
    fetching: deque[Any] = deque()
    queued = iter(enumerate(batches, start=first))

    def fetch_next() -> None:
        for number, urls in itertools.islice(queued, 1):
            fetching.append(fetch_task.submit(settings, urls, number, wh, session, run_id))

    for _ in range(FETCHES_IN_FLIGHT):
        fetch_next()
    loading: tuple[Any, list[Page]] | None = None  # the parse-load in flight and its pages
    for i in range(len(batches)):
        pages = fetching.popleft().result()
        fetch_next()
        summary.add_fetch(pages)
        if loading is not None:
            _finish_load(loading, summary, progress, i, len(batches), related)
        # quote(): the pages go to the task as they are, without Prefect walking every body for futures.
        loading = (parse_load_task.submit(settings, quote(pages), run_id, first + i, wh, window), pages)
    if loading is not None:
        _finish_load(loading, summary, progress, len(batches), len(batches), related)


def _finish_load(loading: tuple[Any, list[Page]], summary: RunSummary, progress: Any, done: int, total: int,
                 related: pipeline.RelatedLinks | None) -> None:
    future, pages = loading
    counts = future.result()
    # Popped, not read: Prefect keeps each task's result for the flow run's lifetime, and a
    # batch's links (~2,000 tuples) held per batch grew with the quarter.
    batch_links = counts.pop("related")
    if related is not None:
        related.add(batch_links)
    summary.add_load(counts)
    # The fetch task's result (a Prefect state) may outlive the loop; empty the list it
    # shares with us so a quarter's page bodies are never all held at once.
    pages.clear()
    update_progress_artifact(progress, 100.0 * done / total)


def _follow_links(settings: Settings, urls: list[str], run_id: str, summary: RunSummary,
                  progress: Any, wh: Warehouse, session: AnyFetchSession,
                  window: tuple[date, date], related: pipeline.RelatedLinks) -> None:
    """The fourth discovery route: "Các tin khác" links to articles that the archive, the
    feed and the listings missed. One round (a link's own links are not followed, so a
    run stays bounded); pages published outside the window are fetched but not kept."""
    extra = pipeline.unseen_article_links(related.targets(wh, urls), related.quarter, settings)
    summary.linked = len(extra)
    if extra:
        get_run_logger().info("following %d links between articles not found by other routes", len(extra))
        batches = list(pipeline.chunks(extra, settings.batch_size))
        first = -(-len(urls) // settings.batch_size) + 1
        _run_batches_here(settings, batches, run_id, summary, progress, wh, session, first=first, window=window)


def _run_batches_on_dask(settings: Settings, batches: list[list[str]], run_id: str, summary: RunSummary,
                         progress: Any, wh: Warehouse, session: AnyFetchSession,
                         dask_address: str | None, related: pipeline.RelatedLinks) -> None:
    """Fetch here, parse + extract on the cluster (Parquet to the staging folder), load here.

    Batches are loaded in order as their staging finishes, at most DASK_BATCHES_IN_FLIGHT
    behind the fetcher, so neither pages nor staged files pile up."""
    from prefect_dask import DaskTaskRunner  # the `dask` extra: imported only on this path

    directory = str(pipeline.staging_dir(settings, run_id))
    in_flight: deque[tuple[int, Any]] = deque()

    def load_oldest() -> None:
        number, future = in_flight.popleft()
        staged = future.result()
        related.add(staged.pop("related"))  # popped: Prefect keeps the task's result (see _finish_load)
        counts = load_staged_task(staged, run_id, number, wh)
        summary.add_load(counts)
        update_progress_artifact(progress, 100.0 * number / len(batches))

    with DaskTaskRunner(address=dask_address) as runner:
        for number, urls in enumerate(batches, start=1):
            pages = fetch_task(settings, urls, number, wh, session, run_id)
            summary.add_fetch(pages)
            future = runner.submit(parse_stage_task, {"pages": pages, "directory": directory,
                                                      "run_id": run_id, "number": number})
            in_flight.append((number, future))
            del pages  # the cluster holds them now
            while len(in_flight) >= DASK_BATCHES_IN_FLIGHT:
                load_oldest()
        while in_flight:
            load_oldest()


def _close_session(session: AnyFetchSession, summary: RunSummary, run_id: str, wh: Warehouse) -> None:
    """The run's fetch counters (requests, retries, faults) into the summary, what it archived
    and was not indexed yet (a failed batch's pages) into captures; close it."""
    try:
        summary.add_fetch([], session.stats())
        pipeline.index_captures(session, run_id, wh)
    except Exception as exc:
        if summary.status != "failed":
            raise
        # The run's own error (e.g. the disk that filled) is the one to report, not this one.
        get_run_logger().warning("closing the fetch session of a failed run: %s", exc)
    finally:
        session.close()


def _record_run(wh: Warehouse, summary: RunSummary) -> None:
    try:
        wh.finish_run(summary.run_id, summary.status, summary.counts(), summary.message)
    except Exception as exc:
        if summary.status != "failed":
            raise  # a run that completed but cannot say so (its warehouse gone) has not succeeded
        # never hide the run's own error behind a bookkeeping one
        get_run_logger().error("could not record the run in %s: %s", wh.path, exc)


def _publish_artifacts(settings: Settings, summary: RunSummary, indicators: list[dict]) -> None:
    key = f"indicators-{summary.year}-q{summary.quarter}"
    table = [{k: row.get(k) for k in ("indicator", "period", "kind", "scope", "value", "unit",
                                       "yoy_pct", "plan_pct", "source_url")} for row in indicators]
    create_table_artifact(table or [{"indicator": "(none)"}], key=key,
                          description=f"Indicators for {summary.year} Q{summary.quarter}")
    create_markdown_artifact(summary_markdown(summary), key=f"summary-{summary.year}-q{summary.quarter}",
                             description="What this run found, fetched, loaded and failed")
    create_link_artifact(summary.db_uri(), link_text=f"DuckDB file: {settings.db}", key="warehouse")
