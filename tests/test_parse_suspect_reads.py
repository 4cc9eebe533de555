"""A body that is much shorter than the page's main text is a suspect read: the reader says
so, the pipeline logs it with the page's URL and keeps a list, the run summary counts it, and
a real flow run over a real 127.0.0.1 site shows the warning and the count."""

from __future__ import annotations

import base64
import html as htmllib
import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from hbetl import pipeline
from hbetl.models import Page
from hbetl.parse import read_article
from hbetl.summary import RunSummary, summary_markdown
from tests.conftest import free_port, stop_process

PARAGRAPHS = [
    "Giá trị sản xuất công nghiệp quý I ước đạt 1.824 tỷ đồng, tăng 18,19% so với cùng kỳ năm trước.",
    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 2.663 tỷ đồng, tăng 20,23% so với cùng kỳ.",
    "Kim ngạch xuất khẩu đạt 27,8 triệu USD, tăng 40,5%; kim ngạch nhập khẩu đạt 19,2 triệu USD.",
    "Thu ngân sách nhà nước trên địa bàn đạt 812 tỷ đồng, bằng 25,4% dự toán năm.",
    "Vốn đầu tư thực hiện toàn xã hội ước đạt 3.150 tỷ đồng, tăng 9,7% so với cùng kỳ.",
    "Chỉ số giá tiêu dùng bình quân quý I tăng 3,1% so với cùng kỳ năm trước.",
    "Số doanh nghiệp thành lập mới là 118, tổng vốn đăng ký 1.020 tỷ đồng.",
    "Tỉnh đặt mục tiêu tăng trưởng kinh tế cả năm đạt 7,5% trở lên.",
]
LEAD = "Kinh tế của tỉnh trong quý I tiếp tục phục hồi, nhiều chỉ tiêu tăng khá so với cùng kỳ."


def article_page(title: str, published: str, shown: list[str], article_body: list[str] | None = None) -> str:
    """A page in a layout no profile knows; ``shown`` paragraphs in its HTML and, when given,
    the whole article in JSON-LD articleBody (a page whose rest a script loads: only the
    first paragraphs are in the HTML)."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": published}
    if article_body is not None:
        ld["articleBody"] = "\n".join([LEAD, *article_body])
    e = htmllib.escape
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{e(title)}</title>"
            f"<script type='application/ld+json'>{json.dumps(ld, ensure_ascii=False)}</script></head><body>"
            f"<main><article class='news'><h1>{e(title)}</h1><p class='sapo'>{e(LEAD)}</p>"
            f"<div class='news-body'>{''.join(f'<p>{e(p)}</p>' for p in shown)}"
            f"<div class='read-more' data-src='/more.json'><button>Xem tiếp</button></div></div></article>"
            "</main></body></html>")


WHOLE = article_page("Kinh tế quý I phục hồi khá", "2023-04-10T08:30:00+07:00", PARAGRAPHS)
CUT = article_page("Kinh tế quý I: nhiều chỉ tiêu tăng", "2023-04-11T08:30:00+07:00", PARAGRAPHS[:1], PARAGRAPHS)


def test_a_cut_body_is_a_suspect_read_and_a_whole_one_is_not() -> None:
    cut = read_article(CUT, "https://tin.example.vn/11/9002/cut.htm")
    assert cut.article.body == f"{LEAD}\n\n{PARAGRAPHS[0]}"  # what the HTML holds, no more
    assert cut.suspect is not None and "characters of the" in cut.suspect
    whole = read_article(WHOLE, "https://tin.example.vn/11/9001/whole.htm")
    assert whole.suspect is None and whole.article.body == "\n\n".join([LEAD, *PARAGRAPHS])
    same_as_ld = read_article(article_page("x" * 20, "2023-04-10", PARAGRAPHS, PARAGRAPHS), "https://t.vn/1/2/x.htm")
    assert same_as_ld.suspect is None


def _pages() -> list[Page]:
    return [Page(url=f"http://127.0.0.1:8000/11/900{i}/a.htm", outcome="fetched", content_type="text/html",
                 body=html.encode()) for i, html in enumerate((WHOLE, CUT), 1)]


def test_the_pipeline_logs_keeps_and_the_summary_counts_suspect_reads(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="hbetl.pipeline"):
        batch = pipeline.parse_and_extract(_pages())
    cut_url = "http://127.0.0.1:8000/11/9002/a.htm"
    assert [url for url, _why in batch.suspect_reads] == [cut_url]
    assert len(batch.articles) == 2  # loaded all the same: the figures it holds are right
    assert any(cut_url in r.getMessage() and "suspect read" in r.getMessage() for r in caplog.records)
    summary = RunSummary(run_id="r", site="s", db="d.duckdb", year=2023, quarter=1,
                         window_start=batch.articles[0].published[:10], window_end="2023-05-15")  # type: ignore[arg-type]
    summary.add_load({"articles": 2, "metrics": 0, "failures": [], "suspect_reads": batch.suspect_reads})
    assert summary.counts()["suspect_reads"] == 1
    markdown = summary_markdown(summary)
    assert "| suspect reads | 1 |" in markdown and cut_url in markdown


def test_the_pool_keeps_the_suspect_reads_of_every_slice() -> None:
    pages = _pages() * 25  # above PARALLEL_MIN_PAGES: two processes
    spread = pipeline.parse_and_extract_parallel(pages, workers=2)
    assert spread.suspect_reads == pipeline.parse_and_extract(_pages() * 25).suspect_reads
    assert len(spread.suspect_reads) == 25
    pipeline.shutdown_parse_pool()


# --------------------------------------------------------------------------- a flow run over a real site

# Python's http.server over a folder, serving .rss as RSS (its default type for it, application/x-rss+xml,
# is not a feed type the fetcher accepts).
SERVE_FOLDER = """
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".rss": "application/rss+xml"}
    def log_message(self, *args): pass
handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
"""
RSS_ITEM = "<item><title>{title}</title><link>{url}</link><pubDate>{date}</pubDate></item>"


@pytest.fixture()
def cut_site(tmp_path: Path):
    """A site on 127.0.0.1 (Python's http.server over a folder) with the routes the flow's
    discovery reads: an RSS feed listing two Q1 articles, one of them cut."""
    root = tmp_path / "site"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    items = []
    for i, (html, day) in enumerate(((WHOLE, "Mon, 10 Apr 2023 01:30:00 GMT"), (CUT, "Tue, 11 Apr 2023 01:30:00 GMT")), 1):
        path = root / "11" / f"900{i}" / "bai-viet.htm"
        path.parent.mkdir(parents=True)
        path.write_text(html, encoding="utf-8")
        items.append(RSS_ITEM.format(title=f"Bài {i}", url=f"{base}/11/900{i}/bai-viet.htm", date=day))
    (root / "rss").mkdir()
    (root / "rss" / "home.rss").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{"".join(items)}'
        "</channel></rss>", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", SERVE_FOLDER, str(port), str(root)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/rss/home.rss", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        stop_process(proc)


@pytest.mark.timeout(600)
def test_a_flow_run_logs_and_counts_the_suspect_read(cut_site: str, prefect_server: str, tmp_path: Path) -> None:
    from prefect.logging.handlers import APILogWorker

    from flows.quarterly import quarterly_etl

    state = quarterly_etl(site=cut_site, db=str(tmp_path / "cut.duckdb"), year=2023, quarter=1, rate_limit=0,
                          concurrency=4, return_state=True)
    assert state.is_completed(), state.message
    result = state.result()
    assert result["articles"] == 2 and result["suspect_reads"] == 1
    cut_url = f"{cut_site}/11/9002/bai-viet.htm"

    flow_run_id = str(state.state_details.flow_run_id)
    artifacts = httpx.post(f"{prefect_server}/artifacts/filter",
                           json={"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}}).json()
    summary = next(a for a in artifacts if a["key"] == "summary-2023-q1")
    assert "| suspect reads | 1 |" in summary["data"] and cut_url in summary["data"]

    APILogWorker.drain_all(timeout=10)
    logs = httpx.post(f"{prefect_server}/logs/filter",
                      json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "limit": 200}).json()
    warnings = [log["message"] for log in logs if log["level"] == logging.WARNING]
    assert any("suspect read" in message and cut_url in message for message in warnings), warnings


def test_an_encoded_part_of_the_content_is_left_out_and_flagged() -> None:
    """A public crawler's rules say the CMS of baophutho.vn and Báo Thanh Hóa sends part of some articles encrypted,
    for the page's script to decode (no saved page shows how). Held as text in the content, such a part is a run
    of base64 letters: it stays out of the body, and the read is suspect (the body lacks that part)."""
    real = Path(__file__).parent / "fixtures" / "pages" / "real_layouts"
    page = (real / "b7_baophutho.html").read_text(encoding="utf-8")
    expected = json.loads((real / "b7_baophutho.json").read_text(encoding="utf-8"))
    m = re.search(r'(<div class="article__body" id="dcontent"><p>.*?</p>)(.*?)(</div><div class="article__tags")',
                  page, re.S)
    assert m is not None
    blob = base64.b64encode(m.group(2).encode()).decode()
    cut = page[:m.start()] + m.group(1) + f'<div class="enc-content">{blob}</div>' + m.group(3) + page[m.end():]
    reading = read_article(cut.encode(), expected["url"])
    assert reading.article.body == f"{expected['lead']}\n\n{expected['paras'][0]}"
    assert reading.suspect is not None and "encoded text" in reading.suspect
    assert read_article(page.encode(), expected["url"]).suspect is None
