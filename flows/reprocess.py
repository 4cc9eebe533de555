"""The Prefect flow `reprocess`: the reader and the extractor run again over the warehouse.

Batches of BATCH_FACTOR x ``Settings.batch_size`` articles: each is one task run that reads +
parses + extracts in the parse pool (:mod:`hbetl.reprocess`) and loads in one transaction; two
are in flight, so one batch's load overlaps the next one's parse. No network: pages come from
the web archive (``source='warc'``) or the stored text (``'text'``).

A run killed mid-way is resumed by the next run with the same parameters (source, since, the
reader and extractor versions), under its first run id; see :mod:`hbetl.reprocess`.
"""

from __future__ import annotations

import uuid
from collections import deque
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.quarterly import TASK_OPTIONS
from hbetl import pipeline, reprocess
from hbetl.errors import TerminalError, stopped_because
from hbetl.settings import Settings, load_settings
from hbetl.warehouse import Warehouse

BATCHES_IN_FLIGHT = 2  # one loading while the next one parses
# Articles per task run, as a multiple of the crawl's batch: a crawl's batch size bounds the
# page bodies the flow process holds, and here no body reaches it (the parse pool reads them),
# so the Prefect cost of a task run (~60 ms of the server's CPU, on the same 2 cores) is spread
# over more pages: 7,452 archived articles took 10.4 s at 400 a task, 7.4 s at 1,600.
BATCH_FACTOR = 4


@task(name="reprocess-batch", task_run_name="reprocess-batch-{number}", **TASK_OPTIONS)
def reprocess_batch_task(settings: Settings, work: list[dict[str, Any]], source: str, run_id: str, number: int,
                         warehouse: Warehouse) -> dict[str, Any]:
    result = reprocess.process(work, source, settings.parse_workers)
    counts = reprocess.load(warehouse, run_id, source, work, result)
    logger = get_run_logger()
    logger.info("reprocess batch %d loaded: %d articles, %d metrics, changes %s", number, counts["articles"],
                counts["metrics"], dict(counts["changes"]) or "none")
    for url, why in counts["suspect_reads"]:
        logger.warning("suspect read (loaded all the same): %s: %s", url, why)
    return counts


def _run_name() -> str:
    return f"reprocess-{flow_run.parameters.get('source') or 'warc'}"


@flow(name="reprocess", flow_run_name=_run_name,
      task_runner=ThreadPoolTaskRunner(max_workers=BATCHES_IN_FLIGHT), log_prints=True)
def reprocess_flow(db: str | None = None, since: date | None = None, source: str = "warc") -> dict[str, Any]:
    """Re-run the reader and the extractor over archived pages (``source='warc'``) or the stored
    article text (``'text'``) of the articles published on or after ``since`` (default: all),
    replacing their rows; the figures that change are in the ``reprocess_changes`` view."""
    settings = load_settings(db=db)
    params = reprocess.parameters(source, since)
    wh = pipeline.open_run_warehouse(settings)
    try:
        resumed = wh.unfinished_run(reprocess.FLOW, params)
        run_id = resumed or str(flow_run.id or uuid.uuid4())
        summary = reprocess.ReprocessSummary(run_id=run_id, source=source, since=since, resumed=bool(resumed))
        wh.start_run(run_id, reprocess.FLOW, parameters=params)
    except BaseException:
        wh.close()
        raise
    try:
        _run_batches(settings, wh, summary)
        summary.by_indicator = wh.reprocess_changes(run_id)
        if summary.articles == 0 and summary.failures:
            url, reason = summary.failures[0]
            raise TerminalError(f"no article read again ({len(summary.failures)} failed, e.g. {url}: {reason})",
                                subject=settings.db)
        summary.status = "completed"
    except BaseException as exc:  # Ctrl-C and SIGTERM too: the runs table said 'running' for good
        summary.status, summary.message = "failed", stopped_because(exc)
        raise
    finally:
        try:
            wh.finish_run(run_id, summary.status, summary.counts(), summary.message)
        finally:
            wh.close()
    create_markdown_artifact(summary.markdown(), key="reprocess-summary",
                             description="What re-processing read, and the figures it changed")
    get_run_logger().info(reprocess.headline(summary.as_dict()))
    return summary.as_dict()


def _run_batches(settings: Settings, wh: Warehouse, summary: reprocess.ReprocessSummary) -> None:
    """Plan the next batch (by URL, after the last one planned) while earlier ones run."""
    in_flight: deque[Any] = deque()
    after, number = "", 0
    while True:
        work = wh.reprocess_work(summary.source, summary.run_id, after, summary.since,
                                 BATCH_FACTOR * settings.batch_size)
        if not work:
            break
        after, number = work[-1]["url"], number + 1
        in_flight.append(reprocess_batch_task.submit(settings, quote(work), summary.source, summary.run_id,
                                                     number, wh))
        while len(in_flight) >= BATCHES_IN_FLIGHT:
            summary.add(in_flight.popleft().result())
    while in_flight:
        summary.add(in_flight.popleft().result())
