"""The Prefect flow `backfill`: one `quarterly-etl` sub-flow run per quarter in a range.

Each quarter is its own run in the UI; a quarter that fails is retried by its own
flow retry and reported here, without redoing the quarters that completed. A quarter that
completed with pages failing makes the backfill "Completed with failures" too, naming the
quarter: without it the backfill's row in the UI was green over a quarter that was not.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger
from prefect.states import Completed, State

from flows.quarterly import quarterly_etl
from hbetl.errors import ConfigError, TerminalError
from hbetl.settings import load_settings
from hbetl.summary import failed_pages


def quarters_between(start_year: int, start_quarter: int, end_year: int, end_quarter: int) -> list[tuple[int, int]]:
    for name, quarter in (("start_quarter", start_quarter), ("end_quarter", end_quarter)):
        if quarter not in (1, 2, 3, 4):  # (start_quarter=5 counted 5, 6, 7, … for good, the list filling memory)
            raise ConfigError(f"backfill: {name} must be 1-4, got {quarter}")
    if (start_year, start_quarter) > (end_year, end_quarter):
        raise ConfigError(f"backfill: start {start_year} Q{start_quarter} is after end {end_year} Q{end_quarter}")
    out, y, q = [], start_year, start_quarter
    while (y, q) <= (end_year, end_quarter):
        out.append((y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


@flow(name="backfill", flow_run_name="backfill-{start_year}-Q{start_quarter}-to-{end_year}-Q{end_quarter}")
def backfill(
    start_year: int,
    start_quarter: int,
    end_year: int,
    end_quarter: int,
    site: str | None = None,
    db: str | None = None,
    rate_limit: float | None = None,
    concurrency: int | None = None,
    task_runner: str = "threads",
    dask_address: str | None = None,
) -> list[dict[str, Any]] | State:
    """Run quarterly-etl for every quarter from start to end, inclusive, oldest first.
    ``task_runner`` and ``dask_address`` go to every quarter (see quarterly_etl): a whole
    archive's backfill is where a cluster pays. Calling it gives the quarters' counts; its
    state is "Completed with failures" when pages failed in any quarter that completed."""
    quarters = quarters_between(start_year, start_quarter, end_year, end_quarter)
    # A setting that makes no sense is told once, here: each quarter's sub-flow failed on it after
    # its flow retry's 30 s wait (a year's backfill: 2 minutes, and the same error four times).
    load_settings(site=site, db=db, rate_limit=rate_limit, concurrency=concurrency)
    logger = get_run_logger()
    results, failed, partly = [], [], []
    for year, quarter in quarters:
        state = quarterly_etl(site=site, db=db, year=year, quarter=quarter, rate_limit=rate_limit,
                              concurrency=concurrency, task_runner=task_runner, dask_address=dask_address,
                              return_state=True)
        if state.is_completed():
            results.append(state.result())
            if pages := failed_pages(results[-1]):
                partly.append(f"{year} Q{quarter}: {pages} failed")
                logger.warning("quarter %s Q%s completed, but %s failed", year, quarter, pages)
        else:
            failed.append(f"{year} Q{quarter}: {state.message}")
            logger.error("quarter %s Q%s failed: %s", year, quarter, state.message)
    if failed:
        raise TerminalError(f"backfill: {len(failed)} quarter(s) failed: " + "; ".join(failed))
    if partly:
        return Completed(data=results, name="Completed with failures", message="; ".join(partly))
    return results
