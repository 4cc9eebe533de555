"""URL normalising, link finding, feeds and windows: pure functions on bytes and strings."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from hbetl.discover import (
    archive_urls,
    article_link_items,
    article_links,
    dated_article_links,
    listing_url,
    next_page_link,
    normalise_url,
    quarter_window,
    rss_items,
    same_site,
)
from hbetl.profiles import get_profile

PROFILE = get_profile("baohoabinh")
SITE = "http://127.0.0.1:8000/"
VN = timezone(timedelta(hours=7))


def test_normalise_url_examples():
    assert normalise_url("HTTP://Example.COM:80/a//b/../c?utm_source=x&b=2&a=1#top") == "http://example.com/a/c?a=1&b=2"
    assert normalise_url("https://example.com:443") == "https://example.com/"
    assert normalise_url("http://example.com:8080/X/Y.htm") == "http://example.com:8080/X/Y.htm"  # path case kept
    assert normalise_url("/11/5/a.htm?fbclid=1&zarsrc=30&gclid=2", SITE) == "http://127.0.0.1:8000/11/5/a.htm"
    assert normalise_url("../12/7/b.htm", "http://127.0.0.1:8000/11/trang-2.htm") == "http://127.0.0.1:8000/12/7/b.htm"
    assert normalise_url("http://example.com/dir/") == "http://example.com/dir/"  # trailing slash kept
    assert normalise_url("http://example.com/tin tức.htm") == "http://example.com/tin%20t%E1%BB%A9c.htm"
    assert normalise_url("http://example.com/%e1%bb%a9") == "http://example.com/%E1%BB%A9"


urls = st.builds(
    lambda scheme, host, port, segs, query, frag: f"{scheme}://{host}{port}/{'/'.join(segs)}{query}{frag}",
    st.sampled_from(["http", "HTTP", "https"]),
    st.sampled_from(["example.com", "WWW.Example.com", "127.0.0.1"]),
    st.sampled_from(["", ":80", ":443", ":8000"]),
    st.lists(st.text(alphabet="abcẢ%.-_ ", max_size=6), max_size=5),
    st.sampled_from(["", "?b=1&a=2", "?utm_medium=x", "?q=a+b&q=c", "?x=%2B"]),
    st.sampled_from(["", "#frag"]),
)


@given(urls)
def test_normalise_url_is_idempotent(url):
    once = normalise_url(url)
    assert normalise_url(once) == once
    assert "#" not in once and "utm_" not in once and "//" not in once.split("://", 1)[1]


def test_same_site_ignores_www_and_default_port_but_not_other_ports():
    assert same_site("http://www.baohoabinh.com.vn/a", "https://baohoabinh.com.vn")
    assert same_site("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/")
    assert not same_site("http://127.0.0.1:9000/x", "http://127.0.0.1:8000/")
    assert not same_site("http://evil.example/baohoabinh.com.vn", "http://baohoabinh.com.vn/")


LISTING = """<html><body>
<ul class="list">
  <li><a href="/11/101/gia-tri-san-xuat.htm"><img src="/a.jpg"></a>
      <a href="/11/101/gia-tri-san-xuat.htm?utm_source=fb">Giá trị sản xuất công nghiệp tăng</a>
      <span class="date">10/04/2023</span></li>
  <li><a href="http://127.0.0.1:8000/11/102/thu-ngan-sach.htm#comments">Thu ngân sách quý I</a>
      <time datetime="2023-04-09T07:00:00+07:00">Chủ Nhật</time></li>
  <li><a href="http://other.example/11/103/x.htm">Off-site</a></li>
  <li><a href="/11/trang-1.htm">Kinh tế</a> <a href="/12/104/le-hoi.htm">Lễ hội</a></li>
</ul>
<div class="paging"><a href="/11/trang-1.htm">1</a><a class="next" href="/11/trang-3.htm">Trang sau</a></div>
</body></html>"""


def test_article_links_same_host_normalised_deduplicated_in_order():
    page = "http://127.0.0.1:8000/11/trang-2.htm"
    assert article_links(LISTING, page, PROFILE) == [
        "http://127.0.0.1:8000/11/101/gia-tri-san-xuat.htm",
        "http://127.0.0.1:8000/11/102/thu-ngan-sach.htm",
        "http://127.0.0.1:8000/12/104/le-hoi.htm",
    ]
    titles = [link.title for link in article_link_items(LISTING, page, PROFILE)]
    assert titles[0] == "Giá trị sản xuất công nghiệp tăng"  # the text link names the image link


def test_dated_article_links_reads_the_date_beside_each_link():
    found = dict(dated_article_links(LISTING, "http://127.0.0.1:8000/11/trang-2.htm", PROFILE))
    assert found["http://127.0.0.1:8000/11/101/gia-tri-san-xuat.htm"] == date(2023, 4, 10)
    assert found["http://127.0.0.1:8000/11/102/thu-ngan-sach.htm"] == date(2023, 4, 9)
    assert found["http://127.0.0.1:8000/12/104/le-hoi.htm"] is None


def test_a_date_inside_a_teaser_is_not_the_item_s_date():
    # A sidebar item with no date of its own, whose summary names a decree's date: the
    # item is not that day's article (it put a June article into a Q1 crawl).
    sidebar = ('<div class="box"><ul><li><a class="title" href="/16/105/nghi-dinh.htm">Triển khai nghị định mới</a>'
               '<p class="teaser">Sở Y tế phổ biến Nghị định ban hành ngày 28/4/2023 của Chính phủ về an toàn '
               'thực phẩm cho các cơ sở kinh doanh.</p></li></ul></div>'
               '<ul><li><a href="/11/106/dien.htm">Sản lượng điện</a> <span>(12/04/2023)</span></li></ul>')
    found = dict(dated_article_links(sidebar, "http://127.0.0.1:8000/11/trang-1.htm", PROFILE))
    assert found["http://127.0.0.1:8000/16/105/nghi-dinh.htm"] is None
    assert found["http://127.0.0.1:8000/11/106/dien.htm"] == date(2023, 4, 12)


def test_next_page_link():
    page = "http://127.0.0.1:8000/11/trang-2.htm"
    assert next_page_link(LISTING, page, PROFILE) == "http://127.0.0.1:8000/11/trang-3.htm"
    assert next_page_link('<link rel="next" href="?page=3">', page) == "http://127.0.0.1:8000/11/trang-2.htm?page=3"
    assert next_page_link("<a href='/11/trang-1.htm'>1</a>", page) is None


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>B\xc3\xa1o H\xc3\xb2a B\xc3\xacnh</title>
<item><title>Kinh t\xe1\xba\xbf qu\xc3\xbd I</title><link>http://127.0.0.1:8000/11/101/a.htm</link>
<pubDate>Mon, 10 Apr 2023 08:30:00 +0700</pubDate></item>
<item><title>No date</title><link><![CDATA[/11/102/b.htm?utm_campaign=rss]]></link></item>
<item><title>dup</title><link>http://127.0.0.1:8000/11/101/a.htm#x</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>A</title><link rel="alternate" href="http://127.0.0.1:8000/11/201/c.htm"/>
<published>2023-04-11T09:00:00+07:00</published><updated>2023-05-01T00:00:00Z</updated></entry>
</feed>"""


def test_rss_items_rss2_and_atom():
    items = rss_items(RSS, base=SITE)
    assert items == [
        ("http://127.0.0.1:8000/11/101/a.htm", datetime(2023, 4, 10, 8, 30, tzinfo=VN)),
        ("http://127.0.0.1:8000/11/102/b.htm", None),
    ]
    assert rss_items(ATOM) == [("http://127.0.0.1:8000/11/201/c.htm", datetime(2023, 4, 11, 9, 0, tzinfo=VN))]


def test_rss_items_survives_broken_xml_and_refuses_entities():
    broken = RSS.replace(b"Kinh t", b"Kinh & t")[:-30]  # unescaped '&' and a cut-off end
    assert [url for url, _ in rss_items(broken, base=SITE)][:2] == [
        "http://127.0.0.1:8000/11/101/a.htm", "http://127.0.0.1:8000/11/102/b.htm"]
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + RSS[39:]
    assert rss_items(bomb, base=SITE)[0][0] == "http://127.0.0.1:8000/11/101/a.htm"


@given(st.binary(max_size=400))
def test_rss_items_never_crashes(data):
    assert isinstance(rss_items(data, base=SITE), list)


def test_archive_and_listing_urls_follow_the_profile():
    urls = archive_urls(SITE, PROFILE, date(2023, 3, 30), date(2023, 4, 2))
    assert urls == [f"http://127.0.0.1:8000/tin-theo-ngay/{d}/0.htm"
                    for d in ("2023-03-30", "2023-03-31", "2023-04-01", "2023-04-02")]
    assert archive_urls(SITE, PROFILE, date(2023, 4, 1), date(2023, 4, 1), category=11) == [
        "http://127.0.0.1:8000/tin-theo-ngay/2023-04-01/11.htm"]
    assert listing_url(SITE, PROFILE, 11, 3) == "http://127.0.0.1:8000/11/trang-3.htm"


def test_quarter_window():
    assert quarter_window(2023, 1, 45) == (date(2023, 1, 1), date(2023, 5, 15))
    assert quarter_window(2023, 4, 0) == (date(2023, 10, 1), date(2023, 12, 31))
    assert quarter_window(2024, 1, 0) == (date(2024, 1, 1), date(2024, 3, 31))  # leap year


_URL_PIECES = st.sampled_from(["http://", "https://", "HTTP://", "//", "/", "", "a", "Z", "0", ".", "..", "/./",
                               "/../", "//", ":", ":80", ":443", ":8000", ":08000", ":99999", "?", "#", "&", "=",
                               "%2f", "%41", "@", "~", "-", " ", "é", "www.", "example.com", "127.0.0.1", ";"])
_BASES = st.sampled_from([None, "", "http://127.0.0.1:8000/", "https://example.com/", "http://example.com/a/b.htm",
                          "HTTP://Example.com:80/", "http://example.com:80/", "http://example.com/a/"])


@given(st.lists(_URL_PIECES, max_size=10).map("".join), _BASES)
def test_the_short_way_of_normalising_gives_what_the_long_way_gives(url, base):
    """normalise_url takes a short way for links already in normal form; whenever it
    answers, the answer is the long way's."""
    from hbetl.discover import _as_written, _normalise

    url = url.strip()
    short = _as_written(url, base)
    assert short is None or short == _normalise(url, base)


def test_the_short_way_takes_a_page_s_own_links():
    from hbetl.discover import _as_written

    assert _as_written("/11/123/bai-viet.htm", "http://127.0.0.1:8000/") == "http://127.0.0.1:8000/11/123/bai-viet.htm"
    assert _as_written("https://baohoabinh.com.vn/12/1/a.htm", None) == "https://baohoabinh.com.vn/12/1/a.htm"
    assert _as_written("/a/../b", "http://x/") is None and _as_written("http://x:80/", None) is None
