"""How fast the warehouse loads metric rows, and why it loads them from Arrow.

In one run, on one fresh DuckDB file:

1. ``Warehouse.load_batch``: N synthetic metric rows (10 per article) in batches as the
   pipeline sends them (default 1,000,000 rows in batches of 50,000), then the same batches again
   (a re-run of the quarter: every row an upsert onto an existing key);
2. row-by-row ``executemany`` of a slice (default 20,000 rows, 35-60 s) of the same rows into an
   identical table (same DDL, primary key included);
3. a bare Arrow ``INSERT … SELECT`` of all N rows into another identical table.

Prints rows/s and ratios and writes them to bench/results/load.json.

    .venv/bin/python bench/bench_load.py [--rows 1000000] [--batch 50000] [--executemany-rows 20000]
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa

from hbetl.batch_tables import metrics_table
from hbetl.models import Article, Metric
from hbetl.warehouse import open_warehouse

METRICS_PER_ARTICLE = 10
INDICATORS = ("industrial_output_value", "retail_sales_services", "export_turnover", "import_turnover",
              "budget_revenue", "tourist_arrivals", "cpi", "new_enterprises", "food_output", "fdi_capital")
PERIODS = ("2023-Q1", "2023-H1", "2023-M03", "2023-YTD09", "2023")
SENTENCE = ("Giá trị sản xuất công nghiệp đạt trên 1.824 tỷ đồng, tăng 18,19% so với cùng kỳ, "
            "thực hiện 23,32% kế hoạch năm.")
BODY = (SENTENCE + " ") * METRICS_PER_ARTICLE


def synthetic_batch(first_article: int, n_articles: int) -> tuple[list[Article], list[tuple[str, Metric]]]:
    articles, metrics = [], []
    for a in range(first_article, first_article + n_articles):
        url = f"http://127.0.0.1:8000/11/{a}/bai-{a}.htm"
        articles.append(Article(url=url, title=f"Bài {a}", published="2023-04-12T08:30:00+07:00",
                                author=None, lead=None, body=BODY, category="Kinh tế"))
        for k in range(METRICS_PER_ARTICLE):
            start = k * (len(SENTENCE) + 1)
            metrics.append((url, Metric(
                indicator=INDICATORS[k], period=PERIODS[(a + k) % len(PERIODS)], kind="actual",
                value=1000.0 + (a * 7 + k) % 9000, unit="billion_vnd", qualifier="over", yoy_pct=18.19,
                mom_pct=None, plan_pct=23.32, scope=None, label="giá trị sản xuất công nghiệp",
                sentence=SENTENCE, start=start, end=start + len(SENTENCE))))
    return articles, metrics


def rate(rows: int, seconds: float) -> float:
    return rows / seconds if seconds > 0 else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=50_000, help="metric rows per load_batch call")
    parser.add_argument("--executemany-rows", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "load.json")
    args = parser.parse_args()

    articles_per_batch = max(1, args.batch // METRICS_PER_ARTICLE)
    n_articles = args.rows // METRICS_PER_ARTICLE
    batches = [synthetic_batch(first, min(articles_per_batch, n_articles - first))
               for first in range(0, n_articles, articles_per_batch)]
    total_rows = sum(len(m) for _, m in batches)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with open_warehouse(db) as wh:
            started = time.perf_counter()
            for articles, metrics in batches:
                wh.load_batch(articles, metrics, [], run_id="bench-1")
            first_load = time.perf_counter() - started

            started = time.perf_counter()
            for articles, metrics in batches:
                wh.load_batch(articles, metrics, [], run_id="bench-2")
            reload = time.perf_counter() - started
            counts = wh.table_counts()
            assert counts["metrics"] == total_rows, counts  # the re-run changed no count

        # The Python side of load_batch alone (ids, Arrow columns), to split the cost.
        started = time.perf_counter()
        arrow_batches = [metrics_table(metrics, "bench-3") for _, metrics in batches]
        to_arrow = time.perf_counter() - started
        everything = pa.concat_tables(arrow_batches)

        con = duckdb.connect(str(db))
        ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'metrics'").fetchall()[0][0]
        for name in ("bench_executemany", "bench_arrow"):
            con.execute(ddl.replace("CREATE TABLE metrics(", f"CREATE TABLE {name}(", 1))

        columns = everything.column_names
        slice_rows = everything.slice(0, args.executemany_rows).to_pylist()
        tuples = [tuple(r[c] for c in columns) for r in slice_rows]
        placeholders = ", ".join("?" for _ in columns)
        started = time.perf_counter()
        con.executemany(f"INSERT INTO bench_executemany ({', '.join(columns)}) VALUES ({placeholders})", tuples)
        executemany_s = time.perf_counter() - started

        con.register("everything", everything)
        started = time.perf_counter()
        con.execute(f"INSERT INTO bench_arrow ({', '.join(columns)}) SELECT * FROM everything")
        arrow_s = time.perf_counter() - started
        con.close()

    results = {
        "rows": total_rows, "batch_rows": args.batch, "batches": len(batches),
        "load_batch_rows_per_s": round(rate(total_rows, first_load)),
        "load_batch_seconds": round(first_load, 2),
        "reload_rows_per_s": round(rate(total_rows, reload)),
        "reload_seconds": round(reload, 2),
        "python_to_arrow_rows_per_s": round(rate(total_rows, to_arrow)),
        "executemany_rows": len(tuples),
        "executemany_rows_per_s": round(rate(len(tuples), executemany_s)),
        "arrow_insert_rows_per_s": round(rate(total_rows, arrow_s)),
        "arrow_insert_seconds": round(arrow_s, 2),
        "duckdb": duckdb.__version__, "pyarrow": pa.__version__, "python": platform.python_version(),
        "machine": platform.machine(),
    }
    results["load_batch_vs_executemany"] = round(
        results["load_batch_rows_per_s"] / results["executemany_rows_per_s"], 1)
    results["arrow_insert_vs_executemany"] = round(
        results["arrow_insert_rows_per_s"] / results["executemany_rows_per_s"], 1)
    results["load_batch_vs_arrow_insert"] = round(
        results["load_batch_rows_per_s"] / results["arrow_insert_rows_per_s"], 3)

    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value:,}" if isinstance(value, (int, float)) else f"{key:<{width}}  {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
