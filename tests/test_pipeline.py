"""The pipeline's plain stages without Prefect: the parse pool gives the serial result, the
staged (Parquet) path loads what the direct path loads, batches stay within the task budget."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hbetl import pipeline
from hbetl.models import Page
from hbetl.sample_site.server import SampleSite
from hbetl.sample_site.synthetic import SyntheticArchive
from hbetl.settings import Settings
from hbetl.warehouse import open_warehouse

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def synthetic_pages() -> list[Page]:
    """60 synthetic articles (some economic reports) as fetched pages, plus a failed fetch."""
    archive = SyntheticArchive(600)
    site = SampleSite(archive)
    pages = []
    for i in range(1, 61):
        article = archive.get(i)
        body = site.article(article.category, article.id, article.slug).body
        pages.append(Page(url=f"http://127.0.0.1:8000{article.path}", outcome="fetched", status=200,
                          content_type="text/html; charset=utf-8", body=body, n_bytes=len(body),
                          fetched_at="2023-07-01T00:00:00.000Z"))
    pages.append(Page(url="http://127.0.0.1:8000/11/9999/gone.htm", outcome="failed", status=404, reason="HTTP 404"))
    return pages


def test_the_parse_pool_gives_the_serial_result_in_page_order(synthetic_pages):
    serial = pipeline.parse_and_extract(synthetic_pages)
    try:
        spread = pipeline.parse_and_extract_parallel(synthetic_pages, workers=2, min_pages=1)
    finally:
        pipeline.shutdown_parse_pool()
    assert serial.metrics, "the synthetic reports should give metric records"
    assert [a.url for a in spread.articles] == [a.url for a in serial.articles]
    assert spread.metrics == serial.metrics
    assert [(p.url, p.outcome, p.body) for p in spread.pages] == [(p.url, p.outcome, None) for p in serial.pages]
    assert [p.url for p in spread.failures] == ["http://127.0.0.1:8000/11/9999/gone.htm"]


def test_small_batches_and_one_worker_stay_in_the_calling_process(synthetic_pages):
    few = synthetic_pages[:3]
    assert pipeline.parse_and_extract_parallel(few, workers=2).metrics == pipeline.parse_and_extract(few).metrics
    assert pipeline._pool is None  # no pool was started for them
    one = pipeline.parse_and_extract_parallel(synthetic_pages, workers=1)
    assert len(one.articles) == 60 and pipeline._pool is None


def _table_rows(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute("SELECT url, title, body, content_hash FROM articles ORDER BY url").fetchall(),
            "metrics": con.execute("SELECT metric_id, indicator, period, value FROM metrics ORDER BY metric_id").fetchall(),
            "pages": con.execute("SELECT url, outcome, status FROM pages ORDER BY url").fetchall(),
        }
    finally:
        con.close()


def test_staged_parquet_batches_load_the_same_rows_as_a_direct_load(synthetic_pages, tmp_path):
    direct_db, staged_db = tmp_path / "direct.duckdb", tmp_path / "staged.duckdb"
    counts = pipeline.load_batch(Settings(db=str(direct_db)), pipeline.parse_and_extract(synthetic_pages), "run-1")

    settings = Settings(db=str(staged_db))
    folder = pipeline.staging_dir(settings, "run-1")
    assert folder == Path(f"{staged_db}.staging") / "run-1"
    staged = pipeline.stage_batch(synthetic_pages, str(folder), "run-1", 1)
    assert staged["parsed"] == 60 and staged["failures"] == [("http://127.0.0.1:8000/11/9999/gone.htm", "HTTP 404")]
    assert all(Path(p).exists() for p in staged["paths"].values())
    with open_warehouse(staged_db) as wh:
        staged_counts = pipeline.load_staged(staged, "run-1", wh)

    assert staged_counts == counts
    assert _table_rows(staged_db) == _table_rows(direct_db)
    assert not list(folder.glob("*.parquet*")), "the loader deletes a batch's files once loaded"


def test_a_kept_open_warehouse_gives_the_same_validators(synthetic_pages, tmp_path):
    settings = Settings(db=str(tmp_path / "w.duckdb"))
    pipeline.load_batch(settings, pipeline.parse_and_extract(synthetic_pages), "run-1")
    urls = [p.url for p in synthetic_pages]
    by_file = pipeline.page_validators(settings, urls)
    with open_warehouse(settings.db) as wh:
        assert pipeline.page_validators(settings, urls, wh) == by_file
    assert len(by_file) == len(synthetic_pages)


@given(n_urls=st.integers(min_value=0, max_value=100_000), size=st.integers(min_value=100, max_value=1000))
def test_batches_cover_every_url_once_within_the_task_budget(n_urls, size):
    urls = [str(i) for i in range(n_urls)]
    batches = list(pipeline.chunks(urls, size))
    assert [u for b in batches for u in b] == urls
    assert all(0 < len(b) <= size for b in batches)
    # Two task runs per batch (fetch, parse-load): at most 20 per 1,000 articles (issue 7) for
    # any batch size from 100 up, plus at most one partial batch's two.
    assert 2 * len(batches) <= 20 * n_urls / 1000 + 2
    assert Settings().batch_size >= 100


def test_previous_quarter_wraps_the_year():
    assert pipeline.previous_quarter(date(2024, 1, 20)) == (2023, 4)
    assert pipeline.previous_quarter(date(2024, 5, 2)) == (2024, 1)


def test_related_links_keep_the_links_leaving_the_quarter_once_in_warehouse_order():
    """Collected batch by batch from the parses: links into the quarter are dropped, each
    target comes once, ordered by article URL then the link's place (as the warehouse
    orders them); with every article parsed the warehouse is not asked."""
    from hbetl.models import Article, Link
    from hbetl.pipeline import RelatedLinks, links_of

    def article(url: str, *targets: str) -> Article:
        return Article(url=url, title="t", published=None, author=None, lead=None, body="b", category=None,
                       related=[Link(t, "x") for t in targets])

    related = RelatedLinks({"a", "b"})
    related.add(links_of([article("b", "y", "a", "x")]))
    related.add(links_of([article("a", "x", "z")]))
    assert related.parsed == {"a", "b"}
    assert related.targets(warehouse=None, urls=["a", "b"]) == ["x", "z", "y"]  # a's x, z; then b's y (x again: once)


def test_the_parse_pool_works_from_a_folder_that_holds_a_directory_named_hbetl(tmp_path):
    # Run from a clone's parent, the fork server (started as `python -c`, the folder first on its
    # sys.path) imported the clone's directory as the package and every batch failed.
    import subprocess
    import sys

    (tmp_path / "here" / "hbetl").mkdir(parents=True)
    script = tmp_path / "pool.py"
    script.write_text("from hbetl.pipeline import pool_map\n"
                      "from hbetl.reprocess import reextract\n"  # (its module asks hbetl for __version__)
                      "if __name__ == '__main__':\n"
                      "    print(len(pool_map(reextract, [[], []], 2)))\n")
    out = subprocess.run([sys.executable, str(script)], cwd=tmp_path / "here", capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "2"


def test_a_bug_one_page_meets_fails_that_page_not_its_batch(synthetic_pages, monkeypatch, caplog):
    """An error the reader or the extractor did not expect (here injected, one page each) fails
    its page with a reason naming the stage and the error, logged with its traceback; the rest
    of the batch loads. Before, it ended the batch: 200 pages of a flow's batch lost for the run."""
    pages = synthetic_pages[:6]
    clean = pipeline.parse_and_extract(pages)
    parse_bug, extract_bug = pages[1].url, clean.articles[3].title
    real_read, real_extract = pipeline.read_article, pipeline.extract_metrics

    def read_article(body, url, **kwargs):
        if url == parse_bug:
            raise RecursionError("maximum recursion depth exceeded")
        return real_read(body, url, **kwargs)

    def extract_metrics(text, published=None, title=None):
        if title == extract_bug:
            raise IndexError("list index out of range")
        return real_extract(text, published, title)

    monkeypatch.setattr(pipeline, "read_article", read_article)
    monkeypatch.setattr(pipeline, "extract_metrics", extract_metrics)
    with caplog.at_level("ERROR", logger=pipeline.log.name):
        hit = pipeline.parse_and_extract(pages)
    failed = {p.url: p.reason for p in hit.failures}
    extract_url = clean.articles[3].url
    assert failed == {
        parse_bug: "parse: unexpected RecursionError: maximum recursion depth exceeded (a bug: please report the page)",
        extract_url: "extract: unexpected IndexError: list index out of range (a bug: please report the page)"}
    assert [a.url for a in hit.articles] == [a.url for a in clean.articles if a.url not in failed]
    assert hit.metrics == [(url, m) for url, m in clean.metrics if url not in failed]
    assert [p.url for p in hit.pages] == [p.url for p in pages]  # every page accounted for, in order
    assert all(r.exc_info for r in caplog.records if r.levelname == "ERROR") and len(caplog.records) >= 2
