"""The Prefect flow `quarterly-etl`: one quarter of the paper, from pages to DuckDB.

Tasks work on batches of pages (``Settings.batch_size``), never one task per
article: a Prefect task run costs 12-90 ms of orchestration here, a quarter has
thousands of pages. Fetching batch i+1 overlaps with parsing and loading batch i.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff

from hbetl import pipeline
from hbetl.errors import TerminalError, is_transient
from hbetl.models import Page
from hbetl.settings import Settings, load_settings
from hbetl.summary import RunSummary, summary_markdown
from hbetl.warehouse import open_warehouse


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
def discover_task(settings: Settings, start: date, end: date) -> tuple[list[str], dict]:
    urls, stats = asyncio.run(pipeline.discover_urls(settings, start, end))
    get_run_logger().info("discovered %d article URLs published %s to %s (%d requests, %d retries)",
                          len(urls), start, end, stats.get("requests", 0), stats.get("retries", 0))
    return urls, stats


@task(name="fetch", task_run_name="fetch-batch-{number}", **TASK_OPTIONS)
def fetch_task(settings: Settings, urls: list[str], number: int) -> tuple[list[Page], dict]:
    validators = pipeline.page_validators(settings, urls)
    pages, stats = asyncio.run(pipeline.fetch_pages(settings, urls, validators))
    logger = get_run_logger()
    for page in pages:
        if page.outcome == "failed":
            logger.warning("fetch failed: %s: %s", page.url, page.reason)
    return pages, stats


@task(name="parse-load", task_run_name="parse-load-batch-{number}", **TASK_OPTIONS)
def parse_load_task(settings: Settings, pages: list[Page], run_id: str, number: int) -> dict[str, Any]:
    batch = pipeline.parse_and_extract(pages)
    logger = get_run_logger()
    for page in batch.failures:
        if page.reason and page.reason.startswith("parse:"):
            logger.warning("parse failed: %s: %s", page.url, page.reason)
    counts = pipeline.load_batch(settings, batch, run_id)
    counts["parsed"] = len(batch.articles)
    counts["metrics_extracted"] = len(batch.metrics)
    counts["failures"] = [(p.url, p.reason) for p in batch.failures]
    return counts


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
    task_runner=ThreadPoolTaskRunner(max_workers=2),
    log_prints=True,
)
def quarterly_etl(
    site: str | None = None,
    db: str | None = None,
    year: int | None = None,
    quarter: int | None = None,
    rate_limit: float | None = None,
    concurrency: int | None = None,
) -> dict[str, Any]:
    """Discover, fetch, parse, extract and load one quarter (by default the one just ended)."""
    settings = load_settings(site=site, db=db, year=year, quarter=quarter,
                             rate_limit=rate_limit, concurrency=concurrency)
    return run_quarter(settings)


def run_quarter(settings: Settings) -> dict[str, Any]:
    """The body of the flow, callable from a parent flow (backfill) with its own settings."""
    logger = get_run_logger()
    year, quarter = settings.year, settings.quarter
    if year is None or quarter is None:
        year, quarter = pipeline.previous_quarter(date.today())
    start, end = pipeline.quarter_window(year, quarter, settings.days_after_quarter)
    run_id = str(flow_run.id or f"local-{year}-Q{quarter}")
    summary = RunSummary(run_id=run_id, site=settings.site, db=settings.db, year=year, quarter=quarter,
                         window_start=start, window_end=end)
    with open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds) as wh:
        wh.start_run(run_id, "quarterly-etl", settings.site, start, end, year, quarter)

    try:
        urls, stats = discover_task(settings, start, end)
        summary.discovered = len(urls)
        summary.add_fetch([], stats)
        batches = list(pipeline.chunks(urls, settings.batch_size))
        progress = create_progress_artifact(0.0, key=f"progress-{year}-q{quarter}",
                                            description=f"{year} Q{quarter}: batches loaded")
        # Pipelining: while batch i is parsed and loaded, batch i+1 is fetched (one
        # fetch in flight at a time, so the per-host rate limit holds).
        pending = fetch_task.submit(settings, batches[0], 1) if batches else None
        for number in range(1, len(batches) + 1):
            pages, stats = pending.result()
            pending = fetch_task.submit(settings, batches[number], number + 1) if number < len(batches) else None
            summary.add_fetch(pages, stats)
            counts = parse_load_task(settings, pages, run_id, number)
            summary.add_load(counts)
            update_progress_artifact(progress, 100.0 * number / len(batches))
        with open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds) as wh:
            indicators = wh.quarterly_indicators(year, quarter)
            summary.conflicts = wh.conflicts_for(year, quarter)
            summary.consistency = wh.consistency_for(year, quarter)
        if summary.articles_loaded == 0 and summary.not_modified == 0:
            raise TerminalError(
                f"{settings.site}: no article loaded for {year} Q{quarter} "
                f"({summary.discovered} discovered, {summary.failed} failed)")
        summary.status = "completed"
    except Exception as exc:
        summary.status = "failed"
        summary.message = str(exc)
        raise
    finally:
        _record_run(settings, summary)

    _publish_artifacts(settings, summary, indicators)
    logger.info("%s Q%s: %d articles, %d metrics loaded into %s", year, quarter,
                summary.articles_loaded, summary.metrics_loaded, settings.db)
    return summary.as_dict() | {"indicators": indicators}


def _record_run(settings: Settings, summary: RunSummary) -> None:
    try:
        with open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds) as wh:
            wh.finish_run(summary.run_id, summary.status, summary.counts(), summary.message)
    except Exception as exc:  # never hide the run's own error behind a bookkeeping one
        get_run_logger().error("could not record the run in %s: %s", settings.db, exc)


def _publish_artifacts(settings: Settings, summary: RunSummary, indicators: list[dict]) -> None:
    key = f"indicators-{summary.year}-q{summary.quarter}"
    table = [{k: row.get(k) for k in ("indicator", "period", "kind", "scope", "value", "unit",
                                       "yoy_pct", "plan_pct", "source_url")} for row in indicators]
    create_table_artifact(table or [{"indicator": "(none)"}], key=key,
                          description=f"Indicators for {summary.year} Q{summary.quarter}")
    create_markdown_artifact(summary_markdown(summary), key=f"summary-{summary.year}-q{summary.quarter}",
                             description="What this run found, fetched, loaded and failed")
    create_link_artifact(summary.db_uri(), link_text=f"DuckDB file: {settings.db}", key="warehouse")
