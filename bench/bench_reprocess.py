"""Re-processing from the web archive vs the flow's parse + extract; what the archive costs.

    .venv/bin/python -m bench reprocess             (~3 minutes on 2 cores)
    .venv/bin/python bench/bench_reprocess.py --articles 20000 --quarter 2

On the sample site's synthetic archive of ``--articles`` (20,000) articles:

1. ``hbetl run`` crawls 2023 Q2 (its window, Q2 + 45 days, holds ~37 % of the year) with the
   web archive on, against one real ``prefect server start``: WARC bytes per article loaded.
2. ``hbetl run`` again, the same quarter: what it adds to the archive (every article answers
   304 and is not archived; the pages discovery reads again are revisit records).
3. The flow ``reprocess`` (in this process, the same Prefect server) over the warehouse: pages
   per second, read from the archive + parsed + extracted + loaded. Beside it, on a sample of
   ``--sample`` pages of the same archive (every n-th by URL): the quarterly flow's parse +
   extract (``pipeline.parse_and_extract_parallel``, the 2-process pool) on the pages held in
   memory, the same with each page read from the archive in the pool (``reprocess.process``),
   and reading records back alone (one seek each, one process): the archive read is not the
   bottleneck when the second rate is the first. Each the best of ``--repeat`` turns, taken
   in turn (the machine is shared).
4. The fetch session with and without its WARC writer (the writing happens in the fetch
   process) on the quarter's article URLs: pages per second, the writer's cost.

Prints a table, writes bench/results/reprocess.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "reprocess.json"
YEAR = 2023


def warc_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.glob("*.warc.gz"))


def query(db: Path, sql: str) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def archived_pages(db: Path, sample: int) -> list[dict]:
    """Every n-th article's capture location (about ``sample`` of them), as reprocess plans them."""
    from hbetl.warehouse import open_warehouse

    with open_warehouse(db, read_only=True) as wh:
        work = wh.reprocess_work("warc", "bench", "", None, 10**9)
    return work[:: max(1, len(work) // sample)]


def best_rate(count: int, fn, repeat: int) -> float:
    best = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = max(best, count / (time.perf_counter() - started))
    return best


def read_rates(work: list[dict], repeat: int) -> dict[str, float]:
    """Records read back per second, one process: hbetl's read_record (one seek, one read, one
    inflate) and warcio's ArchiveIterator at the same offsets (the reference reader)."""
    from warcio.archiveiterator import ArchiveIterator

    from hbetl.warc import read_record

    def ours() -> None:
        for item in work:
            read_record(item["warc_file"], item["warc_offset"], item["warc_length"])

    def warcio() -> None:
        for item in work:
            with open(item["warc_file"], "rb") as file:
                file.seek(item["warc_offset"])
                next(iter(ArchiveIterator(file))).content_stream().read()

    return {"hbetl_read_record": round(best_rate(len(work), ours, repeat), 1),
            "warcio_archive_iterator": round(best_rate(len(work), warcio, repeat), 1)}


def scan_rates(folder: Path, repeat: int) -> dict[str, float]:
    """Records indexed per second over the crawl's files (replay's start): fastwarc vs warcio."""
    from warcio.archiveiterator import ArchiveIterator

    from hbetl.warc import scan

    files = sorted(folder.glob("*.warc.gz"))
    count = sum(1 for f in files for _ in scan(f))

    def with_fastwarc() -> None:
        for f in files:
            for _ in scan(f):
                pass

    def with_warcio() -> None:
        for f in files:
            with open(f, "rb") as stream:
                iterator = ArchiveIterator(stream)
                for record in iterator:
                    if record.rec_type in ("response", "revisit"):
                        record.http_headers.get_statuscode()
                        iterator.get_record_offset()

    return {"records": count, "fastwarc_scan": round(best_rate(count, with_fastwarc, repeat), 1),
            "warcio_scan": round(best_rate(count, with_warcio, repeat), 1)}


def parse_extract_rates(work: list[dict], workers: int, repeat: int) -> dict[str, float]:
    """The quarterly flow's parse + extract on these pages, bodies in memory, and the same with
    each page read from the archive in the pool (what reprocess does), turn about."""
    from hbetl import pipeline, reprocess

    pages = reprocess.read_pages(work)
    pipeline.parse_and_extract_parallel(pages[: workers * 50], workers)  # start the pool outside the timing
    best = {"in_memory": 0.0, "read_in_pool": 0.0}
    for _ in range(repeat):
        best["in_memory"] = max(best["in_memory"], best_rate(
            len(pages), lambda: pipeline.parse_and_extract_parallel(pages, workers), 1))
        best["read_in_pool"] = max(best["read_in_pool"], best_rate(
            len(work), lambda: reprocess.process(work, "warc", workers), 1))
    return {k: round(v, 1) for k, v in best.items()}


def fetch_rates(site: str, db: Path, tmp: Path, repeat: int) -> dict[str, float]:
    """The quarter's article URLs through the run's fetch session (its own process), with and
    without the WARC writer, turn about; the best of each."""
    from hbetl import pipeline
    from hbetl.settings import Settings
    from hbetl.warc import ArchiveSpec

    urls = [u for (u,) in query(db, "SELECT url FROM articles ORDER BY url")]
    settings = Settings(site=site, rate_limit=0, concurrency=8)
    best = {"without_archive": 0.0, "with_archive": 0.0}
    for turn in range(repeat):
        for label in best:
            archive = (ArchiveSpec(directory=str(tmp / f"fetch-warc-{turn}"), run_id="bench", site=site,
                                   user_agent=settings.user_agent) if label == "with_archive" else None)
            started = time.perf_counter()
            with pipeline.open_fetch_session(settings, archive=archive) as session:
                for batch in pipeline.chunks(urls, settings.batch_size):
                    session.fetch(batch)
                    session.take_captures()
            best[label] = max(best[label], len(urls) / (time.perf_counter() - started))
            shutil.rmtree(tmp / f"fetch-warc-{turn}", ignore_errors=True)
    return {k: round(v, 1) for k, v in best.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000, help="articles in the synthetic archive")
    ap.add_argument("--quarter", type=int, default=2, choices=(1, 2, 3, 4))
    ap.add_argument("--sample", type=int, default=1200, help="pages held in memory for the side-by-side rates")
    ap.add_argument("--repeat", type=int, default=3)
    args, _rest = ap.parse_known_args()

    from bench.bench_flow import prefect_server, run_flow_process
    from hbetl.sample_site import start_sample_site
    from hbetl.settings import Settings

    workers = Settings().parse_workers
    with prefect_server() as env, tempfile.TemporaryDirectory(prefix="hbetl-bench-reprocess-") as tmp_name, \
            start_sample_site(articles=args.articles) as (_proc, site):
        tmp = Path(tmp_name)
        db, warc = tmp / "hbetl.duckdb", tmp / "warc"
        env = env | {"HBETL_BATCH_SIZE": str(Settings().batch_size)}
        crawl_s, first = run_flow_process(env, site, str(db), 8, year=YEAR, quarter=args.quarter)
        first_bytes = warc_bytes(warc)
        first_records = query(db, "SELECT count(*) FROM captures")[0][0]
        article_record = query(db, """SELECT avg(warc_length) FROM captures
                                      WHERE url IN (SELECT url FROM articles) AND record_type = 'response'""")[0][0]
        print(f"crawl of {YEAR} Q{args.quarter}: {first['articles']} articles in {crawl_s:.0f} s, "
              f"{first_records} records, {first_bytes / 2**20:.1f} MB of WARC", flush=True)
        _s, second = run_flow_process(env, site, str(db), 8, year=YEAR, quarter=args.quarter)
        growth = query(db, f"""SELECT record_type, count(*) FROM captures WHERE run_id = '{second["run_id"]}'
                               GROUP BY 1""")
        second_bytes = warc_bytes(warc) - first_bytes
        print(f"second crawl: {second['not_modified']} not modified, added {dict(growth)}, "
              f"{second_bytes / 2**10:.0f} KB", flush=True)

        work = archived_pages(db, args.sample)
        reads = read_rates(work, args.repeat)
        scans = scan_rates(warc, 1)
        parsing = parse_extract_rates(work, workers, args.repeat)
        parse_rate = parsing["in_memory"]
        print(f"read back {reads}, scan {scans}, parse + extract {parsing} pages/s", flush=True)

        os.environ.update(env)  # the reprocess flow runs here, against the same Prefect server
        from flows.reprocess import reprocess_flow

        started = time.perf_counter()
        result = reprocess_flow(db=str(db))
        reprocess_s = time.perf_counter() - started
        reprocess_rate = result["articles"] / reprocess_s
        print(f"reprocess flow: {result['articles']} articles in {reprocess_s:.1f} s ({reprocess_rate:.0f} pages/s), "
              f"changes: {result['by_indicator'] or 'none'}", flush=True)
        fetches = fetch_rates(site, db, tmp, args.repeat - 1 or 1)

    articles = first["articles"]
    figures = {
        "warc_bytes_per_article": round(first_bytes / articles),
        "warc_bytes_per_article_record": round(article_record),
        "warc_records_first_crawl": first_records,
        "second_crawl_growth_bytes": second_bytes,
        "second_crawl_growth_bytes_per_article": round(second_bytes / articles, 1),
        "second_crawl_records": dict(growth),
        "reprocess_flow_pages_per_s": round(reprocess_rate, 1),
        "flow_parse_extract_pages_per_s": round(parse_rate, 1),
        "parse_extract_read_in_pool_pages_per_s": parsing["read_in_pool"],
        "read_record_pages_per_s": reads["hbetl_read_record"],
        "warcio_read_pages_per_s": reads["warcio_archive_iterator"],
        "scan_fastwarc_records_per_s": scans["fastwarc_scan"],
        "scan_warcio_records_per_s": scans["warcio_scan"],
        "fetch_session_pages_per_s_without_archive": fetches["without_archive"],
        "fetch_session_pages_per_s_with_archive": fetches["with_archive"],
    }
    ratios = {
        "reprocess flow / flow's parse + extract": round(reprocess_rate / parse_rate, 3),
        "parse + extract: read from the archive / in memory": round(parsing["read_in_pool"] / parse_rate, 3),
        "record read (1 process) / parse + extract (pool)": round(reads["hbetl_read_record"] / parse_rate, 2),
        "hbetl read_record / warcio": round(reads["hbetl_read_record"] / reads["warcio_archive_iterator"], 2),
        "fastwarc scan / warcio scan": round(scans["fastwarc_scan"] / scans["warcio_scan"], 2),
        "fetch session with / without archive": round(fetches["with_archive"] / fetches["without_archive"], 3),
    }
    print(f"\n{'figure':48} {'value':>12}")
    for name, value in figures.items():
        print(f"{name:48} {value!s:>12}")
    for name, value in ratios.items():
        print(f"ratio {name:42} {value:>12}")
    print(f"({args.articles}-article synthetic archive, {YEAR} Q{args.quarter}: {articles} articles; "
          f"side-by-side rates on {len(work)} of its pages, best of {args.repeat}; parse pool of {workers}; "
          f"{os.cpu_count()} cores, shared)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "python": platform.python_version(), "cores": os.cpu_count(), "archive": args.articles,
        "quarter": f"{YEAR}-Q{args.quarter}", "articles": articles, "crawl_seconds": round(crawl_s, 1),
        "reprocess_seconds": round(reprocess_s, 1), "figures": figures, "ratios": ratios,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
