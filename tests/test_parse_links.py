"""hbetl.reader_links._resolve: the shortcut joins of a link against its page must give exactly
what urllib's urljoin + urlsplit(...).hostname give, for any href and page URL."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hbetl.reader_links import _PageURL, _resolve

# Pieces that make hrefs urljoin treats specially: dot segments, empty "?"/"#"/";",
# scheme-relative "//host", upper-case schemes, ports, users, brackets, spaces, tabs,
# backslashes, non-ASCII.
_PIECES = ["/", "//", ".", "..", "./", "../", "/./", "/../", "?", "#", ";", ":", "@", "[", "]", "%2e", "%",
           " ", "\t", "\n", "\r", "\x00", "\\", "a", "B", "x.htm", "0", "80", "é", "ạ", "\u3000",
           "http://", "https://", "HTTP://", "Https://", "ftp://", "http:", "javascript:", "mailto:",
           "127.0.0.1", "example.vn", "Example.VN", "www.baohoabinh.com.vn"]
_pieces = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)
hrefs = (st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join)
         # the shapes the shortcuts take, with anything after them
         | st.tuples(st.sampled_from(["/", "http://example.vn", "https://Example.VN:8", "http://127.0.0.1:8000/"]),
                     _pieces).map("".join)
         | st.text(min_size=1, max_size=30))
pages = st.sampled_from([
    "http://127.0.0.1:8000/11/1/x.htm",
    "https://www.baohoabinh.com.vn/11/2/x.htm?a=b#top",
    "HTTPS://Example.VN/a/b/",
    "http://[::1]:8000/a/b",
    "http://user@host.vn:81/a;p?q",
    "http://example.vn",
    "file:///tmp/x.html",
    "ftp://example.vn/a/b",
    "http:/no-host/a",
    "about:blank",
])


def _reference(href: str, base: str) -> tuple[str, str | None] | type[Exception]:
    try:
        absolute = urljoin(base, href)
        return absolute, urlsplit(absolute).hostname
    except ValueError:
        return ValueError


def _fast(href: str, base: str) -> tuple[str, str | None] | type[Exception]:
    try:
        return _resolve(href, _PageURL.of(base))
    except ValueError:
        return ValueError


@settings(max_examples=3000, deadline=None)
@given(href=hrefs, base=pages)
@example(href="/11/8/tin-kinh-te.htm", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="//other.vn/x", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="/a/./b", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="/a/..", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="/a?", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="/a?#", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="/a#", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="/a;", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="HTTP://127.0.0.1:8000/y", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="https://Example.VN:443", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="http://example.vn:80x/", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="http://[::1/", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="/sp ace.htm", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="tin.asp?id=901", base="http://luongson.example.gov.vn/tin.asp?id=900")
@example(href="a//b.htm", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="c:d/x.htm", base="http://127.0.0.1:8000/11/1/x.htm")
@example(href="x.htm", base="http://127.0.0.1:8000/a/./b/x.htm")
@example(href="x.htm", base="http://127.0.0.1:8000/a//b/x.htm")
@example(href="x.htm", base="http://127.0.0.1:8000")
@example(href="x.htm#top", base="http://127.0.0.1:8000/a;p/x.htm?q=1")
def test_resolve_is_urljoin(href: str, base: str) -> None:
    assert _fast(href, base) == _reference(href, base)


@pytest.mark.parametrize("href, expected", [
    ("/11/8/tin.htm", "http://127.0.0.1:8000/11/8/tin.htm"),
    ("../c.htm", "http://127.0.0.1:8000/11/c.htm"),
    ("?q=1", "http://127.0.0.1:8000/11/1/x.htm?q=1"),
    ("https://baohoabinh.com.vn/a", "https://baohoabinh.com.vn/a"),
])
def test_resolve_examples(href: str, expected: str) -> None:
    assert _resolve(href, _PageURL.of("http://127.0.0.1:8000/11/1/x.htm"))[0] == expected
