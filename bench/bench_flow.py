"""The quarterly flow end to end vs a bare async httpx fetch of the same URLs (the limit).

    .venv/bin/python -m bench flow                    (or: .venv/bin/python bench/bench_flow.py)
    .venv/bin/python bench/bench_flow.py --small 2000 --large 20000 --concurrency 8

Two synthetic archives (``--articles 2000`` and ``--articles 20000``), the same quarter
(2023 Q2; its window runs 45 days past the quarter, so it holds ~37 % of the year), rate
limit 0, the same concurrency. The flow runs as ``hbetl run`` in its own process against
one real ``prefect server start`` (temporary PREFECT_HOME) shared by both runs. Its rate
is taken *at the margin*, Δarticles ÷ Δseconds between the two archives, so the fixed
cost of a Prefect process (imports, API handshake, flow run creation, pool start) cancels
out; that fixed cost is reported separately, as the line's intercept.

The limit: the same URLs (discovered once, outside the timing) fetched with a bare
``httpx.AsyncClient`` under an ``asyncio.Semaphore(concurrency)``, reading each body and
nothing else. In between, hbetl's own Fetcher without Prefect, to show where time goes.
Task runs per 1,000 articles are counted from the Prefect API.

Prints a table, writes bench/results/flow.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "flow.json"
BIN = Path(sys.executable).parent
YEAR, QUARTER = 2023, 2


@contextmanager
def prefect_server() -> Iterator[dict[str, str]]:
    """A real ``prefect server start`` on 127.0.0.1 with a temporary PREFECT_HOME; yields the
    environment that points a flow process at it."""
    from flows.local_server import local_prefect_server

    with tempfile.TemporaryDirectory(prefix="hbetl-bench-prefect-") as home, \
            local_prefect_server(Path(home), ui=False) as env:
        yield env


def task_runs_of(api: str, flow_run_ids: list[str]) -> int:
    """Task runs of these flow runs, counted by the Prefect API."""
    body = {"flow_runs": {"id": {"any_": flow_run_ids}}}
    response = httpx.post(f"{api}/task_runs/count", json=body, timeout=30)
    response.raise_for_status()
    return int(response.json())


def subflow_run_ids(api: str, parent_flow_run_id: str) -> list[str]:
    """The flow run and its sub-flow runs (a backfill's quarters)."""
    body = {"flow_runs": {"parent_flow_run_id": {"any_": [parent_flow_run_id]}}, "limit": 200}
    response = httpx.post(f"{api}/flow_runs/filter", json=body, timeout=30)
    response.raise_for_status()
    return [parent_flow_run_id] + [run["id"] for run in response.json()]


def run_flow_process(env: dict[str, str], site: str, db: str, concurrency: int, year: int = YEAR,
                     quarter: int = QUARTER) -> tuple[float, dict]:
    """``hbetl run`` for 2023 Q2 in its own process; returns (wall seconds, its JSON summary)."""
    cmd = [str(BIN / "hbetl"), "run", "--site", site, "--db", db, "--year", str(year), "--quarter", str(quarter),
           "--rate-limit", "0", "--concurrency", str(concurrency)]
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"hbetl run failed ({done.returncode}): {done.stderr[-1500:]}")
    return seconds, json.loads(done.stdout.strip().splitlines()[-1])


def discover(site: str, concurrency: int) -> tuple[list[str], float]:
    from hbetl import pipeline
    from hbetl.settings import Settings

    settings = Settings(site=site, rate_limit=0, concurrency=concurrency)
    start, end = pipeline.quarter_window(YEAR, QUARTER, settings.days_after_quarter)
    began = time.perf_counter()
    urls, _stats = asyncio.run(pipeline.discover_urls(settings, start, end))
    return urls, time.perf_counter() - began


async def _bare_fetch(urls: list[str], concurrency: int) -> int:
    slots = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=concurrency)) as client:
        async def one(url: str) -> int:
            async with slots:
                response = await client.get(url)
                return len(response.content)

        sizes = await asyncio.gather(*(one(u) for u in urls))
    return sum(sizes)


def bare_fetch_rate(urls: list[str], concurrency: int) -> float:
    began = time.perf_counter()
    asyncio.run(_bare_fetch(urls, concurrency))
    return len(urls) / (time.perf_counter() - began)


def fetcher_rate(site: str, urls: list[str], concurrency: int, batch_size: int) -> float:
    """hbetl's Fetcher (robots, politeness, bounded bodies) through the run's fetch session
    (in its own process, as the flow has it), batch by batch as the flow calls it (without
    the second batch in flight)."""
    from hbetl import pipeline
    from hbetl.settings import Settings

    settings = Settings(site=site, rate_limit=0, concurrency=concurrency)
    began = time.perf_counter()
    with pipeline.open_fetch_session(settings) as session:
        for batch in pipeline.chunks(urls, batch_size):
            session.fetch(batch)
    return len(urls) / (time.perf_counter() - began)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=2000, help="articles in the small archive")
    ap.add_argument("--large", type=int, default=20000, help="articles in the large archive")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=2,
                    help="runs of each archive, alternating; the fastest counts (other work on a shared machine only slows)")
    args, _rest = ap.parse_known_args()

    from hbetl.sample_site import start_sample_site
    from hbetl.settings import Settings

    batch_size = Settings().batch_size
    runs: dict[str, dict] = {}
    bare = ours = 0.0
    with prefect_server() as env, tempfile.TemporaryDirectory(prefix="hbetl-bench-flow-") as tmp, \
            start_sample_site(articles=args.small) as (_p1, small_site), \
            start_sample_site(articles=args.large) as (_p2, large_site):
        for attempt in range(1, args.repeat + 1):
            for label, articles, site in (("small", args.small, small_site), ("large", args.large, large_site)):
                db = Path(tmp) / f"{label}-{attempt}.duckdb"  # a fresh warehouse: every page is new
                seconds, summary = run_flow_process(env, site, str(db), args.concurrency)
                task_runs = task_runs_of(env["PREFECT_API_URL"], [summary["run_id"]])
                print(f"flow on {articles:>6}-article archive: {summary['articles']} articles of {YEAR} Q{QUARTER} "
                      f"in {seconds:.1f} s, {task_runs} task runs", flush=True)
                if label not in runs or seconds < runs[label]["seconds"]:
                    runs[label] = {"archive": articles, "articles": summary["articles"], "seconds": round(seconds, 2),
                                   "task_runs": task_runs, "metrics": summary["metrics"], "failed": summary["failed"]}
            urls, discovery_s = discover(large_site, args.concurrency)
            bare = max(bare, bare_fetch_rate(urls, args.concurrency))
            ours = max(ours, fetcher_rate(large_site, urls, args.concurrency, batch_size))
            print(f"bare httpx fetch {bare:.0f} pages/s, hbetl Fetcher {ours:.0f} pages/s (best so far)", flush=True)

    small, large = runs["small"], runs["large"]
    marginal = (large["articles"] - small["articles"]) / (large["seconds"] - small["seconds"])
    startup = small["seconds"] - small["articles"] / marginal
    task_runs_per_1000 = 1000 * large["task_runs"] / large["articles"]
    figures = {
        "flow_articles_per_s_marginal": round(marginal, 1),
        "bare_httpx_fetch_pages_per_s": round(bare, 1),
        "hbetl_fetcher_pages_per_s": round(ours, 1),
        "discovery_pages_per_s": round(len(urls) / discovery_s, 1),
        "flow_fixed_startup_s": round(startup, 2),
        "task_runs_per_1000_articles": round(task_runs_per_1000, 1),
    }
    ratios = {"flow / bare fetch": round(marginal / bare, 3), "hbetl Fetcher / bare fetch": round(ours / bare, 3)}

    print(f"\n{'figure':36} {'value':>10}")
    for name, value in figures.items():
        print(f"{name:36} {value:>10}")
    for name, value in ratios.items():
        print(f"ratio {name:30} {value:>10.3f}")
    print(f"(best of {args.repeat}; quarter {YEAR} Q{QUARTER}, concurrency {args.concurrency}, rate limit 0, "
          f"batch size {batch_size}, "
          f"Prefect: a real `prefect server start`, temporary PREFECT_HOME, shared by both runs; "
          f"{os.cpu_count()} cores)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "python": platform.python_version(), "cores": os.cpu_count(), "quarter": f"{YEAR}-Q{QUARTER}",
        "concurrency": args.concurrency, "batch_size": batch_size, "repeat": args.repeat, "prefect": "prefect server start (temporary home)",
        "runs": runs, "figures": figures, "ratios": ratios,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
