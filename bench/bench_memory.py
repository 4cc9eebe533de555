"""Peak memory (RSS) of a backfill on 10,000-, 50,000- and 100,000-article archives.

    .venv/bin/python -m bench memory                            (2023 Q1 only: ~5 minutes on 2 cores)
    .venv/bin/python -m bench.bench_memory --last-quarter 4     (all of 2023: ~20 minutes on 2 cores)

``make bench`` backfills 2023 Q1 alone (its window, Q1 + 45 days, holds 37 % of an archive:
37,000 articles in one quarterly run at 100,000), to keep the whole bench under 15 minutes
on 2 cores; ``--last-quarter 4`` runs the whole year. The backfill flow
(flows/backfill.py: one quarterly-etl sub-flow per quarter) runs
in its own process against one real ``prefect server start`` (temporary PREFECT_HOME);
psutil samples the resident memory of that process *and its children* (the parse pool)
every 0.1 s and keeps the peak. Memory that does not grow with the archive is what the
batch design promises: discovery keeps URLs only, each batch's pages are parsed, loaded
and dropped before the next but one.

Prints a table, writes bench/results/memory.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "memory.json"

BACKFILL = """
import json, sys
from flows.backfill import backfill
results = backfill(2023, 1, 2023, int(sys.argv[4]), site=sys.argv[1], db=sys.argv[2], rate_limit=0,
                   concurrency=int(sys.argv[3]))
print(json.dumps({"articles": sum(r["articles"] for r in results), "fetched": sum(r["fetched"] for r in results),
                  "not_modified": sum(r["not_modified"] for r in results),
                  "run_ids": [r["run_id"] for r in results]}))
"""


def tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """Resident bytes of a process, and of all its descendants (gone ones count 0)."""
    own = children = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            if p.pid == proc.pid:
                own = p.memory_info().rss
            else:
                children += p.memory_info().rss
    return own, children


def run_backfill(env: dict[str, str], site: str, db: str, concurrency: int, last_quarter: int) -> dict:
    """The backfill in a child process; returns its summary, wall time and peak tree RSS."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", BACKFILL, site, db, str(concurrency), str(last_quarter)],
                                 env=env, stdout=out, stderr=err, cwd=ROOT)
        watched, peak, peak_flow = psutil.Process(child.pid), 0, 0
        while child.poll() is None:
            try:
                own, children = tree_rss(watched)
            except psutil.NoSuchProcess:
                break
            peak, peak_flow = max(peak, own + children), max(peak_flow, own)
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise RuntimeError(f"backfill failed ({child.returncode}): {err.read()[-1500:]}")
        summary = json.loads(out.read().strip().splitlines()[-1])
    return summary | {"seconds": round(seconds, 1), "peak_rss_mb": round(peak / 2**20, 1),
                      "peak_rss_flow_process_mb": round(peak_flow / 2**20, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000", help="archive sizes, comma-separated")
    from hbetl.settings import Settings

    ap.add_argument("--batch-size", type=int, default=Settings().batch_size,
                    help="pages per task (HBETL_BATCH_SIZE; default: the project's)")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--last-quarter", type=int, default=1, choices=(1, 2, 3, 4),
                    help="backfill 2023 Q1 to this quarter (default 1; 4: the whole year)")
    args, _rest = ap.parse_known_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from bench.bench_flow import prefect_server, subflow_run_ids, task_runs_of
    from hbetl.sample_site import start_sample_site

    rows = []
    with prefect_server() as env, tempfile.TemporaryDirectory(prefix="hbetl-bench-memory-") as tmp:
        env = env | {"HBETL_BATCH_SIZE": str(args.batch_size)}
        for articles in sizes:
            with start_sample_site(articles=articles) as (_proc, site):
                result = run_backfill(env, site, str(Path(tmp) / f"a{articles}.duckdb"), args.concurrency,
                                      args.last_quarter)
            api = env["PREFECT_API_URL"]
            flow_runs = [rid for run_id in result.pop("run_ids") for rid in subflow_run_ids(api, run_id)]
            result["task_runs"] = task_runs_of(api, flow_runs)
            rows.append({"archive": articles} | result)
            print(f"backfill 2023 Q1-Q{args.last_quarter} on {articles:>7}-article archive: {result['articles']} articles loaded "
                  f"({result['not_modified']} not modified) in {result['seconds']:.0f} s, "
                  f"peak RSS {result['peak_rss_mb']:.0f} MB (flow process alone {result['peak_rss_flow_process_mb']:.0f}), "
                  f"{result['task_runs']} task runs", flush=True)
            for stale in Path(tmp).glob(f"a{articles}.duckdb*"):
                stale.unlink()  # keep the disk flat too

    base = rows[0]["peak_rss_mb"]
    ratios = {f"peak RSS {r['archive']} / {rows[0]['archive']}": round(r["peak_rss_mb"] / base, 3) for r in rows[1:]}
    print(f"\n{'archive':>8} {'articles':>9} {'seconds':>8} {'articles/s':>10} {'peak RSS MB':>12}")
    for r in rows:
        print(f"{r['archive']:>8} {r['articles']:>9} {r['seconds']:>8} {r['articles'] / r['seconds']:>10.1f} "
              f"{r['peak_rss_mb']:>12}")
    for name, value in ratios.items():
        print(f"ratio {name}: {value:.3f}")
    print(f"(backfill 2023 Q1-Q{args.last_quarter}, batch size {args.batch_size}, concurrency {args.concurrency}, rate limit 0; "
          f"RSS of the flow process and its parse pool; {os.cpu_count()} cores)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "python": platform.python_version(), "cores": os.cpu_count(), "batch_size": args.batch_size,
        "concurrency": args.concurrency,
        "backfill": f"2023-Q1..2023-Q{args.last_quarter}", "runs": rows, "ratios": ratios,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # `python bench/bench_memory.py` as well as `python -m bench.bench_memory`
    raise SystemExit(main())
