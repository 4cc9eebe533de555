"""The fourth discovery route: links between articles ("Các tin khác").

A site whose feed lists one article of the quarter; that article links to a second one
of the quarter, which no archive, feed or listing shows, and to one of another quarter.
The run loads the first two and records the third as skipped, outside the window.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.faultproxy import Origin, OriginPage

pytestmark = pytest.mark.timeout(300)


def article_page(title: str, when: str, body: str, related: list[tuple[str, str]]) -> OriginPage:
    teasers = "".join(f'<li><a class="title" href="{url}">{text}</a></li>' for url, text in related)
    html = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="breadcrumb"><a href="/11/trang-1.htm">Kinh tế</a></div>
<div class="article-detail"><h1 class="article-title">{title}</h1>
<div class="article-date">{when}</div>
<div class="article-sapo">(HBĐT) - {body}</div>
<div class="article-content"><p>{body}</p><p class="author">PV</p></div></div>
<div class="other-news"><h3>Các tin khác</h3><ul>{teasers}</ul></div></body></html>"""
    return OriginPage(html.encode())


def feed(items: list[tuple[str, str]]) -> OriginPage:
    entries = "".join(f"<item><title>t</title><link>{{base}}{url}</link><pubDate>{date}</pubDate></item>"
                      for url, date in items)
    return OriginPage(f'<?xml version="1.0"?><rss version="2.0"><channel>{entries}</channel></rss>'.encode(),
                      content_type="application/rss+xml")


def test_articles_reached_only_through_links_are_loaded_when_in_the_window(prefect_server, tmp_path):
    from flows.quarterly import quarterly_etl

    a, b, c = "/11/1001/xuat-khau.htm", "/11/1002/ban-le.htm", "/11/1003/thang-bay.htm"
    pages = {
        a: article_page("Xuất khẩu quý I", "Thứ Hai, 10/04/2023 08:30",
                        "Quý I, kim ngạch xuất khẩu đạt 27,8 triệu USD, tăng 40,5% so với cùng kỳ.",
                        [(b, "Bán lẻ quý I"), (c, "Tháng 7")]),
        b: article_page("Bán lẻ quý I", "Thứ Tư, 12/04/2023 09:00",
                        "Quý I, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ đạt 2.663 tỷ đồng.", [(a, "x")]),
        c: article_page("Tháng 7", "Thứ Hai, 31/07/2023 10:00",
                        "Tháng 7, kim ngạch nhập khẩu đạt 5 triệu USD.", [(a, "x")]),
    }
    with Origin(pages) as origin:
        rss = feed([(a, "Mon, 10 Apr 2023 08:30:00 +0700")])
        origin.pages["/rss/home.rss"] = OriginPage(rss.body.replace(b"{base}", origin.url.rstrip("/").encode()),
                                                   content_type=rss.content_type)
        db = tmp_path / "links.duckdb"
        state = quarterly_etl.with_options(retries=0)(site=origin.url, db=str(db), year=2023, quarter=1,
                                                      rate_limit=0, return_state=True)
        assert state.is_completed(), state.message
        assert state.result()["linked"] == 2
        first_run = _tables(db)
        # Run again: the feed's article answers 304, so it is not parsed; its links come
        # from the warehouse, and the run follows the same two.
        again = quarterly_etl.with_options(retries=0)(site=origin.url, db=str(db), year=2023, quarter=1,
                                                      rate_limit=0, return_state=True)
        assert again.is_completed(), again.message
        assert again.result()["not_modified"] >= 1 and again.result()["linked"] == 2
    articles, skipped, indicators = first_run
    assert {u.removeprefix(origin.url.rstrip("/")) for u in articles} == {a, b}
    assert [u.removeprefix(origin.url.rstrip("/")) for u, _ in skipped] == [c]
    assert "outside the window" in skipped[0][1]
    assert indicators == {"export_turnover", "retail_sales_services"}


def _tables(db) -> tuple[set[str], list[tuple[str, str]], set[str]]:
    con = duckdb.connect(str(db), read_only=True)
    articles = {row[0] for row in con.execute("SELECT url FROM articles").fetchall()}
    skipped = con.execute("SELECT url, reason FROM pages WHERE outcome = 'skipped'").fetchall()
    indicators = {row[0] for row in con.execute("SELECT indicator FROM metrics").fetchall()}
    con.close()
    return articles, skipped, indicators
