"""The DuckDB warehouse on real files in tmp_path: schema, loading, views, locking."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbetl.batch_tables import metric_id
from hbetl.errors import WarehouseError, WarehouseLocked
from hbetl.models import Article, Link, Metric, Page
from hbetl.warc import Capture
from hbetl.warehouse import (
    ABANDONED_MESSAGE,
    TABLES,
    Warehouse,
    migrate,
    migrations,
    open_warehouse,
)

pytestmark = pytest.mark.timeout(60)

# Our own review texts, in the paper's style (figures as the Q1 2023 review of the trade sector).
Q1_URL = "http://127.0.0.1/11/5001/cong-thuong-quy-i.htm"
Q1_BODY = (
    "(HBĐT) - Sở Công thương tổng kết quý I và triển khai nhiệm vụ quý II.\n\n"
    "Quý I, giá trị sản xuất công nghiệp đạt trên 1.824 tỷ đồng, tăng 18,19% so với cùng kỳ, "
    "thực hiện 23,32% kế hoạch năm. Tính cả Công ty Thủy điện Hòa Bình, giá trị sản xuất công nghiệp "
    "đạt trên 3.917 tỷ đồng, tăng 16,67% so với cùng kỳ, thực hiện 22,11% kế hoạch năm.\n\n"
    "Quý II phấn đấu giá trị sản xuất công nghiệp đạt 2.000 tỷ đồng, 6 tháng ước đạt 3.824 tỷ đồng, "
    "thực hiện 48,9% kế hoạch năm."
)
HYDRO = "Tính cả Công ty Thủy điện Hòa Bình"


def _metric(body: str, phrase: str, **fields) -> Metric:
    start = body.index(phrase)
    values = {"indicator": "industrial_output_value", "kind": "actual", "unit": "billion_vnd",
              "qualifier": None, "yoy_pct": None, "mom_pct": None, "plan_pct": None, "scope": None,
              "label": "giá trị sản xuất công nghiệp", "sentence": phrase}
    values.update(fields)
    return Metric(start=start, end=start + len(phrase), **values)


def q1_article() -> Article:
    return Article(url=Q1_URL, title="Ngành Công thương: quý I tăng trưởng khá",
                   published="2023-04-12T08:30:00+07:00", author="Bùi Minh",
                   lead="(HBĐT) - Sở Công thương tổng kết quý I và triển khai nhiệm vụ quý II.",
                   body=Q1_BODY, category="Kinh tế",
                   related=[Link(url="http://127.0.0.1/11/5000/a.htm", title="Tin khác")])


def q1_metrics() -> list[tuple[str, Metric]]:
    b = Q1_BODY
    return [(Q1_URL, m) for m in (
        _metric(b, "giá trị sản xuất công nghiệp đạt trên 1.824 tỷ đồng", period="2023-Q1", value=1824.0,
                qualifier="over", yoy_pct=18.19, plan_pct=23.32),
        _metric(b, "đạt trên 3.917 tỷ đồng", period="2023-Q1", value=3917.0, qualifier="over",
                yoy_pct=16.67, plan_pct=22.11, scope=HYDRO),
        _metric(b, "giá trị sản xuất công nghiệp đạt 2.000 tỷ đồng", period="2023-Q2", kind="target",
                value=2000.0),
        _metric(b, "6 tháng ước đạt 3.824 tỷ đồng", period="2023-H1", kind="estimate", value=3824.0,
                plan_pct=48.9),
    )]


def q1_page(**changes) -> Page:
    fields = {"url": Q1_URL, "outcome": "fetched", "status": 200, "content_type": "text/html; charset=utf-8",
              "etag": '"v1"', "last_modified": "Wed, 12 Apr 2023 01:30:00 GMT", "content_hash": "ab" * 32,
              "n_bytes": 61_000, "attempts": 1, "elapsed_ms": 12.5, "fetched_at": "2023-04-20T03:00:00+00:00"}
    fields.update(changes)
    return Page(**fields)


def second_article(url: str, value: float, published: str = "2023-04-20T09:00:00+07:00") -> tuple:
    body = f"Ba tháng đầu năm, giá trị sản xuất công nghiệp ước đạt {value} tỷ đồng."
    article = Article(url=url, title="Kinh tế quý I", published=published, author=None, lead=None,
                      body=body, category="Kinh tế")
    metric = _metric(body, "giá trị sản xuất công nghiệp", period="2023-Q1", value=value)
    return article, [(url, metric)]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "hb.duckdb"


@pytest.fixture
def loaded(db_path: Path):
    with open_warehouse(db_path) as wh:
        wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-1")
        yield wh


# ----------------------------------------------------------------------------- schema

def test_fresh_file_gets_every_migration(db_path: Path) -> None:
    with open_warehouse(db_path) as wh:
        assert wh.schema_version == len(migrations()) >= 3
        _, rows = wh.query("SELECT version, name FROM schema_version ORDER BY version")
        assert [r[1] for r in rows] == [m.name for m in migrations()]
        assert set(wh.table_counts()) == set(TABLES)
    with open_warehouse(db_path) as again:  # re-opening applies nothing twice
        assert again.table_counts()["schema_version"] == len(migrations())


def test_v1_file_upgrades_in_place_and_keeps_rows(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    assert migrate(con, up_to=1) == [1]
    con.execute("""INSERT INTO articles (url, title, published, body, content_hash, fetched_at, run_id)
                   VALUES ('http://old/1', 'Bài cũ', '2023-04-12 08:30:00+07', 'thân bài', 'h', now(), 'old')""")
    con.execute("""INSERT INTO metrics (metric_id, article_url, run_id, indicator, period, kind, value, unit,
                                        label, sentence, start_offset, end_offset)
                   VALUES ('m1', 'http://old/1', 'old', 'industrial_output_value', '2023-H1', 'estimate',
                           3824, 'billion_vnd', 'GTSX', 'câu', 0, 4)""")
    con.execute("INSERT INTO pages (url, outcome, n_bytes, attempts, elapsed_ms, run_id) "
                "VALUES ('http://old/1', 'fetched', 10, 1, 1.0, 'old')")
    con.close()

    with open_warehouse(db_path) as wh:
        assert wh.schema_version == len(migrations())
        assert wh.table_counts() | {"schema_version": 0} == {
            "articles": 1, "metrics": 1, "pages": 1, "runs": 0, "schema_version": 0, "captures": 0,
            "metric_changes": 0}
        _, rows = wh.query("SELECT year, period_type, end_month, quarter FROM metrics")
        assert rows == [(2023, "H", 6, 2)]  # derived columns backfilled by 002
        assert [r["value"] for r in wh.quarterly_indicators(2023, 2)] == [3824.0]


def test_a_file_of_a_newer_hbetl_is_refused_naming_it(db_path: Path) -> None:
    """Before: 'hbetl run: schema version 9 is newer than this hbetl knows (5); upgrade hbetl', no file named."""
    open_warehouse(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_version (version, name, checksum) VALUES (99, '099_future.sql', 'x')")
    con.close()
    with pytest.raises(WarehouseError, match=rf"^{re.escape(str(db_path))}: schema version 99 is newer than this "
                                             rf"hbetl knows \({len(migrations())}\); upgrade hbetl$"):
        open_warehouse(db_path)


def test_every_table_view_and_column_has_a_comment(loaded) -> None:
    _, missing = loaded.query(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND comment IS NULL")
    assert missing == []
    _, missing_tables = loaded.query(
        "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL")
    assert missing_tables == []


# ----------------------------------------------------------------------------- loading

def test_loading_the_same_batch_twice_changes_no_count(db_path: Path) -> None:
    with open_warehouse(db_path) as wh:
        first = wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-1")
        counts = wh.table_counts()
        second = wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-2")
        assert wh.table_counts() == counts == {"articles": 1, "metrics": 4, "pages": 1, "runs": 0,
                                               "schema_version": len(migrations()), "captures": 0,
                                               "metric_changes": 0}
    assert (first.articles_new, first.metrics_new) == (1, 4)
    assert dict(first) == first.to_dict() and dict(first)["metrics"] == 4
    assert (second.articles_new, second.metrics_new, second.metrics_removed) == (0, 0, 0)


def test_reloaded_article_replaces_its_metrics(loaded) -> None:
    kept = q1_metrics()[:1]
    counts = loaded.load_batch([q1_article()], kept, [], run_id="run-2")
    assert counts.metrics_removed == 3
    _, rows = loaded.query("SELECT metric_id, run_id FROM metrics")
    assert rows == [(metric_id(Q1_URL, kept[0][1]), "run-2")]


@pytest.mark.parametrize("stand_in", ["Không tìm thấy trang bạn yêu cầu.", Q1_BODY[:len(Q1_BODY) // 3]],
                         ids=["not-found-page-served-200", "body-cut-short"])
def test_a_much_shorter_reread_keeps_the_stored_article(loaded, stand_in: str) -> None:
    # A page read again as a stand-in ("page not found" with status 200) or cut short: its read is not
    # loaded, the stored article, figures and page row (validators: the next run asks again) stay.
    worse = replace(q1_article(), title="Không tìm thấy trang", body=stand_in)
    counts = loaded.load_batch([worse], [], [q1_page(etag='"v2"', content_hash="cd" * 32)], run_id="run-2")
    assert [url for url, _ in counts.kept_earlier] == [Q1_URL]
    assert "under half" in counts.kept_earlier[0][1] and counts.articles == counts.metrics == counts.pages == 0
    assert loaded.query("SELECT title, length(body) FROM articles")[1] == [(q1_article().title, len(Q1_BODY))]
    assert loaded.table_counts()["metrics"] == len(q1_metrics())
    assert loaded.query("SELECT etag, run_id FROM pages")[1] == [('"v1"', "run-1")]


def test_a_reread_the_operator_accepts_replaces_the_article(db_path: Path) -> None:
    # An edit that really cut the report by half was kept out on every run, with no way to load it
    # but to delete the stored article by hand: HBETL_ACCEPT_REREADS / --accept-reread names it.
    from hbetl.pipeline import open_run_warehouse
    from hbetl.settings import load_settings

    shorter = replace(q1_article(), body=Q1_BODY[:len(Q1_BODY) // 3])
    settings = load_settings(env={"HBETL_ACCEPT_REREADS": f" {Q1_URL}  http://127.0.0.1/other "}, db=str(db_path))
    assert settings.accepted_rereads == {Q1_URL, "http://127.0.0.1/other"}
    with open_run_warehouse(settings) as wh:
        wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-1")
        counts = wh.load_batch([shorter], q1_metrics()[:1], [q1_page(etag='"v2"')], run_id="run-2")
        assert counts.kept_earlier == () and counts.articles == 1
        assert wh.query("SELECT length(body) FROM articles")[1] == [(len(shorter.body),)]
        assert wh.table_counts()["metrics"] == 1
    with open_run_warehouse(load_settings(env={}, db=str(db_path))) as wh:  # the next run guards it again
        assert wh.load_batch([replace(q1_article(), body="Không tìm thấy trang.")], [], [q1_page()],
                             run_id="run-3").kept_earlier


def test_reprocess_reads_the_capture_of_the_stored_article_not_a_reread_kept_out(loaded) -> None:
    # The run that kept a re-read out had archived it: a later reprocess read the URL's latest
    # capture and put the "page not found" back over the article (52 figures -> 27, fault sweep).
    def capture(fetched_at: str, digest: str, offset: int) -> Capture:
        return Capture(url=Q1_URL, fetched_at=fetched_at, status=200, digest=digest,
                       warc_file="/archive/a.warc.gz", warc_offset=offset, warc_length=900, record_type="response")
    loaded.add_captures([capture("2023-04-20T03:00:00.000Z", "sha1:STORED", 0)], run_id="run-1")
    worse = replace(q1_article(), body="Không tìm thấy trang bạn yêu cầu.")
    reread = q1_page(etag='"v2"', fetched_at="2023-07-20T03:00:00.000+00:00")
    assert loaded.load_batch([worse], [], [reread], run_id="run-2").kept_earlier
    loaded.add_captures([capture("2023-07-20T03:00:00.000Z", "sha1:NOTFOUND", 5000)], run_id="run-2")
    [work] = loaded.reprocess_work("warc", run_id="reprocess-1")
    assert (work["url"], work["warc_offset"]) == (Q1_URL, 0)


def test_a_reread_that_looks_cut_keeps_the_stored_article_even_when_not_much_shorter(loaded) -> None:
    cut = replace(q1_article(), body=Q1_BODY[:len(Q1_BODY) * 4 // 5])
    counts = loaded.load_batch([cut], [], [q1_page()], run_id="run-2", looks_cut=[Q1_URL])
    assert "looks cut" in counts.kept_earlier[0][1]
    assert loaded.table_counts()["metrics"] == len(q1_metrics())


def test_a_reread_dated_otherwise_keeps_the_stored_article(loaded) -> None:
    # Another article served at the URL, or a date misread: its figures would move to other periods.
    moved = replace(q1_article(), published="2022-04-12T08:30:00+07:00")
    counts = loaded.load_batch([moved], [], [q1_page()], run_id="run-2")
    assert "read again dated 2022-04-12, stored as of 2023-04-12" in counts.kept_earlier[0][1]
    assert loaded.table_counts()["metrics"] == len(q1_metrics())
    next_day = replace(q1_article(), published="2023-04-13T00:10:00+07:00")  # (a time zone's day: loaded)
    assert loaded.load_batch([next_day], [], [q1_page()], run_id="run-3").kept_earlier == ()


def test_an_edited_reread_of_similar_length_replaces_the_article(loaded) -> None:
    edited = replace(q1_article(), body=Q1_BODY.replace("1.824", "1.825"))
    counts = loaded.load_batch([edited], [], [q1_page(etag='"v2"')], run_id="run-2")
    assert counts.kept_earlier == () and counts.articles == 1
    assert loaded.table_counts()["metrics"] == 0  # the new read gave none: its rows go


def test_duplicates_inside_one_batch_keep_the_last(db_path: Path) -> None:
    older = q1_article()
    newer = q1_article()
    newer.title = "Tiêu đề đã sửa"
    with open_warehouse(db_path) as wh:
        counts = wh.load_batch([older, newer], q1_metrics() + q1_metrics(), [q1_page(), q1_page()], "run-1")
        assert (counts.articles, counts.metrics, counts.pages) == (1, 4, 1)
        assert wh.query("SELECT title FROM articles")[1] == [("Tiêu đề đã sửa",)]


def test_failed_batch_rolls_back_and_earlier_batches_stay(loaded) -> None:
    before = loaded.table_counts()
    article, metrics = second_article("http://127.0.0.1/11/5002/b.htm", 1824.0)
    broken = Metric(**{**metrics[0][1].to_dict(), "label": None})  # NOT NULL: fails after the article upsert
    with pytest.raises(WarehouseError, match="not loaded"):
        loaded.load_batch([article], [(article.url, broken)], [q1_page(url=article.url)], run_id="run-2")
    assert loaded.table_counts() == before
    assert loaded.query("SELECT count(*) FROM articles WHERE url = ?", [article.url])[1] == [(0,)]
    # the connection is usable afterwards
    loaded.load_batch([article], metrics, [], run_id="run-3")
    assert loaded.table_counts()["articles"] == before["articles"] + 1


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_warehouse_file_removed_or_replaced_while_open_stops_the_loads_saying_so(db_path: Path, how: str) -> None:
    """Before: DuckDB went on writing to the file it held open, so a run whose warehouse's folder was
    removed mid-run loaded every batch into a file no one could open again and reported '42 articles,
    52 metrics loaded into <path>', exit 0."""
    with open_warehouse(db_path) as wh:
        wh.start_run("run-1", "quarterly-etl")
        wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-1")
        aside = db_path.with_name("aside.duckdb")
        db_path.rename(aside)
        if how == "replaced":  # (a restore from a backup: the same bytes, another file)
            shutil.copyfile(aside, db_path)
        article, metrics = second_article("http://127.0.0.1/11/5002/b.htm", 1824.0)
        expected = f"{db_path}: the warehouse file was removed or replaced during the run; nothing more is loaded"
        with pytest.raises(WarehouseError, match=re.escape(expected)):
            wh.load_batch([article], metrics, [q1_page(url=article.url)], run_id="run-1")
        with pytest.raises(WarehouseError, match=re.escape(expected)):
            wh.finish_run("run-1", "completed")


WAL_CUT_SHORT = """
import os, resource, signal, sys
sys.path.insert(0, sys.argv[2])
from test_warehouse import q1_page, second_article
from hbetl.warehouse import open_warehouse
wh = open_warehouse(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))  # the WAL may not pass 200,000 bytes: a full disk
try:
    for i in range(1000):
        article, metrics = second_article(f"http://127.0.0.1/11/{i}/b.htm", 1824.0 + i)
        article.body *= 50
        wh.load_batch([article], metrics, [q1_page(url=article.url)], run_id="run-1")
except Exception as exc:
    print(type(exc).__name__, exc)
    print(wh.table_counts()["articles"] == i)
os._exit(0)  # (no checkpoint at close: the file may not grow either)
"""


def test_a_commit_the_disk_refuses_says_so_not_that_there_was_nothing_to_roll_back(db_path: Path) -> None:
    """Before: the COMMIT that failed had ended the transaction, the ROLLBACK after it failed too, and
    its error took the place of the reason: 'hbetl run: TransactionException: TransactionContext Error:
    cannot rollback - no transaction is active' (the batches before it kept, as now)."""
    done = subprocess.run([sys.executable, "-c", WAL_CUT_SHORT, str(db_path), str(Path(__file__).parent)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    error, batches_before_kept = done.stdout.strip().splitlines()
    assert error.startswith(f"WarehouseError {db_path}: batch of run run-1 not loaded: ")
    assert error.endswith(f'Could not write file "{db_path}.wal": File too large'), error
    assert batches_before_kept == "True"


def test_article_fields_round_trip(loaded) -> None:
    row = loaded.records("SELECT * FROM articles")[0]
    assert row["published"].isoformat() == "2023-04-12T08:30:00+07:00"
    assert row["published_text"] == "2023-04-12T08:30:00+07:00"
    assert row["fetched_at"].isoformat() == "2023-04-20T10:00:00+07:00"
    assert '"title": "Tin khác"' in row["related"]
    assert row["run_id"] == "run-1"


def test_injection_text_is_stored_verbatim(db_path: Path) -> None:
    nasty = "Tin'); DROP TABLE articles; -- \"quý I\" \\ ' OR 1=1"
    article = q1_article()
    article.title = nasty
    with open_warehouse(db_path) as wh:
        wh.load_batch([article], [], [q1_page(reason=nasty, outcome="failed")], run_id=nasty)
        assert wh.query("SELECT title, run_id FROM articles WHERE title = ?", [nasty])[1] == [(nasty, nasty)]
        assert wh.table_counts()["articles"] == 1


def test_page_validators_survive_a_304(loaded) -> None:
    loaded.load_batch([], [], [q1_page(outcome="not_modified", status=304, etag=None, last_modified=None,
                                       content_hash=None, n_bytes=0)], run_id="run-2")
    page = loaded.page_validators([Q1_URL, "http://127.0.0.1/never"])
    assert list(page) == [Q1_URL]
    assert (page[Q1_URL].outcome, page[Q1_URL].status, page[Q1_URL].etag) == ("not_modified", 304, '"v1"')
    assert page[Q1_URL].content_hash == "ab" * 32
    assert page[Q1_URL].fetched_at.startswith("2023-04-20T03:00:00")


def test_runs_start_and_finish(loaded) -> None:
    loaded.start_run("run-9", "quarterly-etl", "http://127.0.0.1:8000/", "2023-04-01", "2023-05-15", 2023, 1)
    loaded.finish_run("run-9", "completed", {"discovered": 40, "fetched": 38, "failed": 2, "pages_skipped": 3},
                      "ok")
    row = loaded.records("SELECT * FROM runs")[0]
    assert (row["status"], row["discovered"], row["failed"], row["message"]) == ("completed", 40, 2, "ok")
    assert row["finished_at"] is not None and str(row["window_end"]) == "2023-05-15"
    assert '"pages_skipped": 3' in row["extra_counts"]
    loaded.start_run("run-10", "backfill", None, dt.datetime(2023, 4, 1, 0, 0), dt.date(2023, 5, 15))
    assert loaded.records("SELECT window_start FROM runs WHERE run_id = 'run-10'") == [
        {"window_start": dt.date(2023, 4, 1)}]
    with pytest.raises(WarehouseError):
        loaded.finish_run("never-started", "failed")


def test_a_run_its_process_left_running_is_marked_abandoned_by_the_next(db_path: Path) -> None:
    """Before: a run whose process was killed outright (SIGKILL, the OOM killer) stayed 'running' in
    the runs table for good. A run of another process that died holds no lock on the file, so the
    next run to start says what became of it; a run still live in this process is left alone."""
    killed = textwrap.dedent(f"""
        import os
        from hbetl.warehouse import open_warehouse
        wh = open_warehouse({str(db_path)!r})
        wh.start_run("killed-run", "quarterly-etl", None, "2023-04-01", "2023-05-15", 2023, 1)
        os._exit(137)  # no finish_run, no close: as a SIGKILL leaves it
        """)
    assert subprocess.run([sys.executable, "-c", killed]).returncode == 137
    with open_warehouse(db_path) as wh:
        wh.start_run("still-live", "quarterly-etl")
        wh.start_run("next-run", "quarterly-etl")
        rows = {r["run_id"]: (r["status"], r["message"]) for r in wh.records("SELECT * FROM runs")}
        wh.finish_run("still-live", "completed")
        wh.finish_run("next-run", "completed")
    assert rows == {
        "killed-run": ("failed", ABANDONED_MESSAGE.format("still-live")),
        "still-live": ("running", None),
        "next-run": ("running", None),
    }


# ----------------------------------------------------------------------------- views

def test_done_when_quarterly_indicators_and_plan(loaded) -> None:
    q1 = {(r["indicator"], r["scope"], r["period"]): r for r in loaded.quarterly_indicators(2023, 1)}
    assert q1[("industrial_output_value", None, "2023-Q1")]["value"] == 1824.0
    hydro = q1[("industrial_output_value", HYDRO, "2023-Q1")]
    assert (hydro["value"], hydro["yoy_pct"], hydro["source_url"]) == (3917.0, 16.67, Q1_URL)
    assert ("industrial_output_value", None, "2023-H1") not in q1  # six months close in Q2
    plans = {r["period"]: r["implied_annual_plan"] for r in loaded.plan_progress(2023) if r["scope"] is None}
    assert plans["2023-Q1"] == pytest.approx(7822, rel=1e-3)  # 1824 / 23.32 %
    assert plans["2023-H1"] == pytest.approx(7822, rel=1e-3)  # 3824 / 48.9 %
    assert loaded.conflicts() == []  # the two implied plans agree within rounding
    assert loaded.consistency() == []  # 1824 + 2000 = 3824


def test_quarter_selects_months_of_the_quarter(loaded) -> None:
    body = "Chỉ số giá tiêu dùng tháng 3 giảm 0,24% so với tháng trước."
    article = Article(url="http://127.0.0.1/cpi", title="CPI", published="2023-03-30T10:00:00+07:00",
                      author=None, lead=None, body=body, category=None)
    cpi = _metric(body, "Chỉ số giá tiêu dùng tháng 3", indicator="cpi", period="2023-M03", value=None,
                  unit="percent", mom_pct=-0.24)
    loaded.load_batch([article], [(article.url, cpi)], [], run_id="run-2")
    periods = {r["period"] for r in loaded.quarterly_indicators(2023, 1)}
    assert periods == {"2023-Q1", "2023-M03"}


def test_agreement_and_conflicting_figures(loaded) -> None:
    agreeing, m1 = second_article("http://127.0.0.1/agree", 1824.4)  # within 0.1 %: a rounding
    differing, m2 = second_article("http://127.0.0.1/differ", 1900.0, published="2023-04-25T09:00:00+07:00")
    loaded.load_batch([agreeing, differing], m1 + m2, [], run_id="run-2")
    row = next(r for r in loaded.quarterly_indicators(2023, 1) if r["scope"] is None and r["kind"] == "actual")
    # two articles agree (1.824 and 1.824,4): they outvote the latest one (1.900), which stays visible
    assert (row["value"], row["source_url"], row["n_articles"], row["n_agree"], row["latest_value"]) == (
        1824.4, "http://127.0.0.1/agree", 3, 2, 1900.0)
    found = {(c["url_a"], c["url_b"]) for c in loaded.conflicts() if c["conflict_type"] == "different_figures"}
    assert found == {("http://127.0.0.1/agree", "http://127.0.0.1/differ"), (Q1_URL, "http://127.0.0.1/differ")}


def test_plan_progress_keeps_the_share_when_a_later_article_omits_it(loaded) -> None:
    later, metrics = second_article("http://127.0.0.1/later", 1835.0, published="2023-04-25T09:00:00+07:00")
    loaded.load_batch([later], metrics, [], run_id="run-2")  # no plan_pct in it
    plans = {r["period"]: r for r in loaded.plan_progress(2023) if r["scope"] is None}
    assert plans["2023-Q1"]["implied_annual_plan"] == pytest.approx(7821.6, abs=0.1)
    assert plans["2023-Q1"]["source_url"] == Q1_URL


def test_no_disagreement_means_the_latest_article(loaded) -> None:
    later, metrics = second_article("http://127.0.0.1/later", 1824.0, published="2023-04-25T09:00:00+07:00")
    loaded.load_batch([later], metrics, [], run_id="run-2")
    row = next(r for r in loaded.quarterly_indicators(2023, 1) if r["scope"] is None and r["kind"] == "actual")
    assert (row["source_url"], row["n_articles"], row["n_agree"]) == ("http://127.0.0.1/later", 2, 2)


def test_implied_plan_moving_beyond_rounding_is_a_conflict(loaded) -> None:
    body = "Chín tháng, giá trị sản xuất công nghiệp đạt 6.000 tỷ đồng, thực hiện 70,00% kế hoạch năm."
    article = Article(url="http://127.0.0.1/9m", title="9 tháng", published="2023-10-05T08:00:00+07:00",
                      author=None, lead=None, body=body, category=None)
    metric = _metric(body, "giá trị sản xuất công nghiệp", period="2023-YTD09", value=6000.0, plan_pct=70.0)
    loaded.load_batch([article], [(article.url, metric)], [], run_id="run-2")
    moved = [c for c in loaded.conflicts(2023) if c["conflict_type"] == "implied_plan_moves"]
    assert {(c["period_a"], c["period_b"]) for c in moved} == {("2023-Q1", "2023-YTD09"), ("2023-H1", "2023-YTD09")}
    assert all(c["rel_diff"] > c["rel_tolerance"] for c in moved)
    assert len(loaded.conflicts_for(2023, 3)) == 2 and len(loaded.conflicts_for(2023, 1)) == 1
    assert loaded.conflicts_for(2024, 1) == []


def test_consistency_reports_sums_that_do_not_add_up(loaded) -> None:
    body = "Sáu tháng, giá trị sản xuất công nghiệp đạt 3.900 tỷ đồng."
    article = Article(url="http://127.0.0.1/h1", title="6 tháng", published="2023-07-05T08:00:00+07:00",
                      author=None, lead=None, body=body, category=None)
    metric = _metric(body, "giá trị sản xuất công nghiệp", period="2023-H1", value=3900.0)
    loaded.load_batch([article], [(article.url, metric)], [], run_id="run-2")
    [row] = loaded.consistency(2023)
    assert (row["whole_period"], row["parts"], row["parts_sum"], row["difference"]) == (
        "2023-H1", "Q1 + Q2", 3824.0, 76.0)
    # the Q1 run is told (its review gave the Q1 part); a Q3 run is not
    assert [r["whole_period"] for r in loaded.consistency_for(2023, 1)] == ["2023-H1"]
    assert loaded.consistency_for(2023, 3) == []


def test_indicator_series_prefers_actual(loaded) -> None:
    series = loaded.indicator_series()
    assert {(s["scope"], s["period"], s["value"]) for s in series} == {
        (None, "2023-Q1", 1824.0), (HYDRO, "2023-Q1", 3917.0)}  # the Q2 figure is a target


PERIODS = st.one_of(
    st.builds(lambda y, q: (f"{y}-Q{q}", "Q", 3 * q), st.integers(2000, 2099), st.integers(1, 4)),
    st.builds(lambda y, h: (f"{y}-H{h}", "H", 6 * h), st.integers(2000, 2099), st.integers(1, 2)),
    st.builds(lambda y, m: (f"{y}-M{m:02d}", "M", m), st.integers(2000, 2099), st.integers(1, 12)),
    st.builds(lambda y, m: (f"{y}-YTD{m:02d}", "YTD", m), st.integers(2000, 2099), st.integers(1, 12)),
    st.builds(lambda y: (f"{y}", "Y", 12), st.integers(2000, 2099)),
)


@given(PERIODS)
@settings(max_examples=150, deadline=None)
def test_period_columns_follow_the_canonical_forms(shared_warehouse, case) -> None:
    period, period_type, end_month = case
    _, [row] = shared_warehouse.query(
        "SELECT hb_period_year(?), hb_period_type(?), hb_period_end_month(?), hb_period_quarter(?)",
        [period] * 4)
    assert row == (int(period[:4]), period_type, end_month, (end_month + 2) // 3)


@pytest.mark.parametrize("period", ["2023-Q5", "2023-M13", "2023-H3", "Q1-2023", "", "2023-YTD9"])
def test_period_columns_are_null_for_other_text(shared_warehouse, period) -> None:
    _, [row] = shared_warehouse.query(
        "SELECT hb_period_year(?), hb_period_type(?), hb_period_quarter(?)", [period] * 3)
    assert row == (None, None, None)


@pytest.fixture(scope="module")
def shared_warehouse(tmp_path_factory):
    with open_warehouse(tmp_path_factory.mktemp("wh") / "shared.duckdb") as wh:
        yield wh


# ----------------------------------------------------------------------------- export, formats

def test_export_parquet_writes_every_table(loaded, tmp_path: Path) -> None:
    out = tmp_path / "it's here"  # a quote in the path: passed as a parameter
    paths = loaded.export_parquet(out)
    assert [p.name for p in paths] == [f"{t}.parquet" for t in TABLES]
    counts = loaded.table_counts()
    for path in paths:
        meta = pq.ParquetFile(path).metadata
        assert meta.num_rows == counts[path.stem]
        if meta.num_rows:  # an empty table has no row group to ask
            assert meta.row_group(0).column(0).compression == "ZSTD"


def test_export_parquet_names_a_directory_in_the_way(loaded, tmp_path: Path) -> None:
    (tmp_path / "metrics.parquet").mkdir()  # (DuckDB said "File exists", after the warehouse's name)
    with pytest.raises(WarehouseError, match=r"metrics\.parquet: a directory is in the way of the table's Parquet file$"):
        loaded.export_parquet(tmp_path)


def test_query_errors_are_warehouse_errors(loaded) -> None:
    with pytest.raises(WarehouseError, match="^query: "):
        loaded.query("SELECT * FROM no_such_table")
    assert loaded.query("CREATE TEMP TABLE scratch (x INTEGER)")[1] == []


# ----------------------------------------------------------------------------- locking

HOLDER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()
    con.close()
""")


def _hold_lock(path: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def _release(holder: subprocess.Popen) -> None:
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.wait(timeout=20)


def test_file_locked_by_another_process_raises_after_waiting(db_path: Path) -> None:
    open_warehouse(db_path).close()
    holder = _hold_lock(db_path)
    try:
        with pytest.raises(WarehouseLocked) as caught:
            open_warehouse(db_path, lock_wait_seconds=1)
        message = str(caught.value)
        assert message.startswith(f"{db_path}: locked by another process (pid {holder.pid})")
        assert "waited" in message and caught.value.transient
    finally:
        _release(holder)
    with open_warehouse(db_path, lock_wait_seconds=1) as wh:  # free again
        assert wh.table_counts()["articles"] == 0


def test_waiting_for_a_lock_that_is_released(db_path: Path) -> None:
    open_warehouse(db_path).close()
    holder = _hold_lock(db_path)
    releaser = threading.Timer(0.5, _release, args=(holder,))
    releaser.start()
    try:
        with open_warehouse(db_path, lock_wait_seconds=30) as wh:
            assert wh.schema_version == len(migrations())
    finally:
        releaser.join()
        if holder.poll() is None:
            holder.kill()


def test_read_only_open_needs_an_existing_current_file(db_path: Path) -> None:
    with pytest.raises(WarehouseError, match="no such warehouse file"):
        open_warehouse(db_path, read_only=True)
    open_warehouse(db_path).close()
    with open_warehouse(db_path, read_only=True) as wh:
        assert wh.table_counts()["articles"] == 0
        with pytest.raises(WarehouseError):
            wh.query("DELETE FROM articles")


def test_threads_may_share_one_warehouse(loaded) -> None:
    errors: list[BaseException] = []

    def load(n: int) -> None:
        try:
            article, metrics = second_article(f"http://127.0.0.1/t{n}", 1000.0 + n)
            loaded.load_batch([article], metrics, [], run_id=f"t{n}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert loaded.table_counts()["articles"] == 9


def test_offsets_point_into_the_body_from_sql(loaded) -> None:
    """Provenance in SQL: DuckDB's substring counts characters as Python does (1-based)."""
    _, rows = loaded.query("""
        SELECT substring(a.body, m.start_offset + 1, m.end_offset - m.start_offset) = m.sentence
        FROM metrics m JOIN articles a ON a.url = m.article_url""")
    assert rows == [(True,)] * 4


def documented_queries() -> list[str]:
    text = (Path(__file__).resolve().parent.parent / "docs" / "queries.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    return [q.strip() for block in blocks for q in block.split(";") if q.strip()]


def test_every_documented_query_runs(loaded) -> None:
    queries = documented_queries()
    assert len(queries) >= 10
    loaded.start_run("run-1", "quarterly-etl", "http://127.0.0.1:8000/", "2023-04-01", "2023-05-15", 2023, 1)
    loaded.finish_run("run-1", "completed", {"articles": 1}, "ok")
    for query in queries:
        loaded.query(query)  # raises WarehouseError with DuckDB's reason if one breaks


def test_memory_limit_caps_duckdb_and_rejects_nonsense(tmp_path):
    import pytest as _pytest

    from hbetl.errors import WarehouseError
    from hbetl.warehouse import open_warehouse as _open

    with _open(tmp_path / "m.duckdb", memory_limit="64MB") as wh:
        [[limit]] = wh.query("SELECT current_setting('memory_limit')")[1]
    assert limit.replace(" ", "").upper().startswith(("61.0MIB", "64.0MB", "61MIB", "64MB"))
    with _pytest.raises(WarehouseError):
        _open(tmp_path / "n.duckdb", memory_limit="64MB'; DROP TABLE articles; --")


def test_a_load_gives_back_cached_blocks_and_keeps_the_cap(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hbetl.warehouse as warehouse

    def cached_mb(wh: Warehouse) -> float:  # table blocks held by DuckDB's buffer pool
        rows = wh.query("SELECT memory_usage_bytes FROM duckdb_memory() "
                        "WHERE tag IN ('BASE_TABLE', 'IN_MEMORY_TABLE')")[1]
        return sum(r[0] for r in rows) / 2**20

    def cap(wh: Warehouse) -> str:
        return wh.query("SELECT current_setting('memory_limit')")[1][0][0].replace(" ", "").upper()

    with open_warehouse(db_path, memory_limit="64MB") as wh:
        articles = [replace(a, body=a.body + f" x{i}" * 400) for i in range(3000)
                    for a, _ in [second_article(f"http://127.0.0.1/11/{i}/x.htm", 1000.0)]]
        wh.load_batch(articles, [], [], run_id="run-1")
        wh.query("SELECT sum(length(body)) FROM articles")  # ~7 MB of the table into the pool
        assert cached_mb(wh) > 4
        wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-2")
        assert cached_mb(wh) < 1
        assert cap(wh).startswith(("61.0MIB", "64.0MB", "61MIB", "64MB"))
        # DuckDB refusing the lower cap (here: a value it cannot read) costs the load nothing.
        monkeypatch.setattr(warehouse, "_EVICTION_LIMIT", "nonsense")
        assert wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-3").articles == 1
        assert cap(wh).startswith(("61.0MIB", "64.0MB", "61MIB", "64MB"))


def test_threads_are_set_and_checked(tmp_path):
    with open_warehouse(tmp_path / "t.duckdb", threads=1) as wh:
        [[threads]] = wh.query("SELECT current_setting('threads')")[1]
    assert int(threads) == 1
    with pytest.raises(WarehouseError):
        open_warehouse(tmp_path / "u.duckdb", threads=0)


def test_end_of_run_queries_fit_the_runs_memory_cap(db_path: Path) -> None:
    # One figure reported by 2,000 articles: the agreement count pairs every report with every
    # other (4 million pairs). Under the cap a run sets (Settings: 128MB, 1 thread) the summary
    # queries must finish; DuckDB refuses a query past its cap ("Out of Memory Error"). Measured
    # with 1,000 reports: they need 32MB with 1 thread, 48MB with 2.
    from hbetl.settings import Settings

    with open_warehouse(db_path) as wh:
        for start in range(0, 2000, 500):
            pairs = [second_article(f"http://127.0.0.1/11/{i}/x.htm", 1000.0 + i % 7) for i in range(start, start + 500)]
            wh.load_batch([a for a, _ in pairs], [m for _, ms in pairs for m in ms], [], run_id="run-1")
    defaults = Settings()
    with open_warehouse(db_path, memory_limit=defaults.duckdb_memory_limit, threads=defaults.duckdb_threads) as wh:
        assert wh.count_conflicts_for(2023, 1)[0] >= 1
        assert wh.conflicts_for(2023, 1, 50) and wh.quarterly_indicators(2023, 1)
        wh.consistency_for(2023, 1, 50)
    # Past the cap: one line that names the setting a user can change (DuckDB advises a SET).
    with open_warehouse(db_path, memory_limit="2MB", threads=1) as wh:
        with pytest.raises(WarehouseError, match="over the 2MB cap: raise HBETL_DUCKDB_MEMORY_LIMIT") as caught:
            wh.quarterly_indicators(2023, 1)
        assert "\n" not in str(caught.value)


def test_a_memory_cap_too_small_for_opening_or_reading_names_the_file_and_the_setting(db_path: Path) -> None:
    """Before: DuckDB's own error, outside the loads and queries that word it ('hbetl run:
    OutOfMemoryException: Out of Memory Error: … Possible solutions: * … SET memory_limit …'),
    naming neither the warehouse nor HBETL_DUCKDB_MEMORY_LIMIT: from the migrations of a new file
    under HBETL_DUCKDB_MEMORY_LIMIT=1KB, from the fetch task's read of the archive under 8MB."""
    hint = "cap: raise HBETL_DUCKDB_MEMORY_LIMIT)"
    with pytest.raises(WarehouseError, match=rf"^{re.escape(str(db_path))}: Out of Memory Error: .* \(over the 1KB "
                                             rf"{re.escape(hint)}$"):
        open_warehouse(db_path, memory_limit="1KB", threads=1)
    with open_warehouse(db_path) as wh:
        wh.load_batch([q1_article()], q1_metrics(), [q1_page()], run_id="run-1")
        wh.add_captures([Capture(url=Q1_URL, fetched_at="2023-04-10T01:00:00Z", status=200, digest="sha1:X",
                                 warc_file="a.warc.gz", warc_offset=0, warc_length=10, record_type="response")],
                        run_id="run-1")
    with open_warehouse(db_path, memory_limit="1MB", threads=1, read_only=True) as wh:
        for read in (wh.archived, lambda: wh.archived([Q1_URL]), lambda: wh.page_validators([Q1_URL])):
            with pytest.raises(WarehouseError, match=rf"^{re.escape(str(db_path))}: Out of Memory Error: .* "
                                                     rf"\(over the 1MB {re.escape(hint)}$"):
                read()


@pytest.mark.parametrize("chunk", [1, 2, 2000])
def test_related_links_are_the_ones_leaving_the_set_each_once_in_first_met_order(
        db_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hbetl.warehouse.RELATED_LINKS_CHUNK", chunk)

    def article(url: str, *links: str) -> Article:
        return Article(url=url, title="t", published="2023-04-12T08:30:00+07:00", author=None, lead=None,
                       body="b", category=None, related=[Link(url=u, title="x") for u in links])

    a, b, c = (f"http://127.0.0.1/11/{n}/a.htm" for n in (1, 2, 3))
    x, y = "http://127.0.0.1/11/90/x.htm", "http://127.0.0.1/11/91/y.htm"
    with open_warehouse(db_path) as wh:
        wh.load_batch([article(b, y, a, x), article(a, x, b), article(c, y)], [], [], run_id="run-1")
        assert wh.related_links([a, b]) == [x, y]  # a's x first; b links back to a (dropped), then y
        assert wh.related_links([b]) == [y, a, x]
        assert wh.related_links([]) == []


def test_disputed_figures_name_each_conflicting_figure_once(loaded) -> None:
    for url, value in (("http://127.0.0.1/b", 1824.5), ("http://127.0.0.1/c", 2000.0)):
        article, metrics = second_article(url, value)
        loaded.load_batch([article], metrics, [], run_id="run-2")
    pairs = [c for c in loaded.conflicts(2023) if c["conflict_type"] == "different_figures" and c["field"] == "value"]
    assert len(pairs) == 2  # 1.824 and 1.824,5 agree (0.03 %); each disagrees with 2.000
    _, rows = loaded.query("SELECT period, lowest, highest, url_highest, n_articles FROM disputed_figures "
                           "WHERE field = 'value'")
    assert rows == [("2023-Q1", 1824.0, 2000.0, "http://127.0.0.1/c", 3)]
    summary_rows = [r for r in loaded.conflicts_for(2023, 1) if r["conflict_type"] == "different_figures"]
    assert [(r["figure_a"], r["figure_b"], r["n_articles"]) for r in summary_rows] == [(1824.0, 2000.0, 3)]
    assert loaded.count_conflicts_for(2023, 1)[0] == len(loaded.conflicts_for(2023, 1))
