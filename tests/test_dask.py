"""The cluster path: parse + extract on a 2-worker Dask LocalCluster through prefect-dask's
DaskTaskRunner, Parquet batches staged by the workers, one loader into DuckDB. The same
quarter through the default runner must give the same rows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb
import pytest

# find_spec, not an import: importing prefect_dask imports Prefect, whose settings must be read
# after the prefect_server fixture has pointed PREFECT_API_URL at the session's server.
if importlib.util.find_spec("prefect_dask") is None or importlib.util.find_spec("distributed") is None:
    pytest.skip("the `dask` extra (prefect-dask, distributed) is not installed", allow_module_level=True)

pytestmark = pytest.mark.timeout(300)

ROWS = {
    "articles": "SELECT url, title, published, author, lead, category, body, content_hash FROM articles ORDER BY url",
    "metrics": "SELECT metric_id, article_url, indicator, period, kind, value, unit, yoy_pct, plan_pct, scope "
               "FROM metrics ORDER BY metric_id",
    "pages": "SELECT url, outcome, status, content_hash FROM pages ORDER BY url",
}


def rows(db: str) -> dict[str, list[tuple]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in ROWS.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def cluster(prefect_server):
    import distributed

    # processes=False: two worker threads in this process. Worker processes would each start
    # Prefect and import hbetl (~10 s on a loaded 2-core machine) for the same code path.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as local:
        yield local


def test_dask_runner_loads_the_same_rows_as_the_default_runner(sample_site, prefect_server, cluster, tmp_path):
    from flows.quarterly import quarterly_etl

    flow = quarterly_etl.with_options(retries=0)
    threads_db, dask_db = str(tmp_path / "threads.duckdb"), str(tmp_path / "dask.duckdb")
    by_threads = flow(site=sample_site, db=threads_db, year=2023, quarter=1, rate_limit=0, concurrency=4)
    by_dask = flow(site=sample_site, db=dask_db, year=2023, quarter=1, rate_limit=0, concurrency=4,
                   task_runner="dask", dask_address=cluster.scheduler_address)

    assert by_dask["articles"] > 0 and by_dask["metrics"] > 0
    for key in ("discovered", "fetched", "failed", "articles", "metrics"):
        assert by_dask[key] == by_threads[key], key
    expected, got = rows(threads_db), rows(dask_db)
    for table in ROWS:
        assert got[table] == expected[table], table
    # The loader deleted every staged Parquet file once it was in DuckDB.
    staging = Path(f"{dask_db}.staging")
    assert not list(staging.rglob("*.parquet")), "staged batches left behind"


def test_the_dask_runs_task_runs_are_batches_not_articles(sample_site, prefect_server, cluster, tmp_path):
    import httpx

    from flows.quarterly import quarterly_etl

    result = quarterly_etl.with_options(retries=0)(
        site=sample_site, db=str(tmp_path / "d.duckdb"), year=2023, quarter=1, rate_limit=0,
        task_runner="dask", dask_address=cluster.scheduler_address)
    response = httpx.post(f"{prefect_server}/task_runs/filter",
                          json={"flow_runs": {"id": {"any_": [result["run_id"]]}}, "limit": 200}, timeout=30)
    names = sorted(run["name"].rsplit("-", 1)[0] for run in response.json())
    batches = -(-result["discovered"] // 200)
    linked_batches = -(-result["linked"] // 200)
    # discover once; per batch: fetch here, parse-stage on the cluster, load-staged here;
    # the few pages reached only by links between articles: fetch and parse-load here.
    assert len(names) == 1 + 3 * batches + 2 * linked_batches, names
    assert names.count("parse-stage-batch") == batches


def _parse_stage_task_runs(api: str) -> int:
    import httpx

    body = {"task_runs": {"name": {"like_": "parse-stage-batch"}}}
    return int(httpx.post(f"{api}/task_runs/count", json=body, timeout=30).json())


def test_backfill_sends_every_quarter_to_the_cluster(sample_site, prefect_server, cluster, tmp_path):
    """A backfill with task_runner="dask" parses each quarter's batches on the cluster (its
    parse-stage task runs are the mark) and loads what the quarters hold."""
    from flows.backfill import backfill

    staged_before = _parse_stage_task_runs(prefect_server)
    db = str(tmp_path / "backfill.duckdb")
    results = backfill(start_year=2023, start_quarter=1, end_year=2023, end_quarter=2, site=sample_site, db=db,
                       rate_limit=0, concurrency=4, task_runner="dask", dask_address=cluster.scheduler_address)
    assert [r["quarter"] for r in results] == [1, 2] and all(r["articles"] > 0 for r in results)
    assert all(r["status"] == "completed" for r in results)
    assert _parse_stage_task_runs(prefect_server) >= staged_before + 2  # a batch or more per quarter
