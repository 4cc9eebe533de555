"""Links on an article page: same-site links with a title (an article's related links), and
whether a link points at another article of the site. Hrefs are joined against the page's URL
without urllib for the shapes pages use (tests/test_parse_links.py checks them against it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from hbetl.htmltext import (
    clean_text,
    node_text,
)
from hbetl.models import Link


def _links(nodes: Iterable[LexborNode], base: str | None) -> list[Link]:
    """Same-site links with a title, in order, once each."""
    page = _PageURL.of(base) if base else None
    base_host = page.host if page else None
    found: list[Link] = []
    seen: set[str] = set()
    for box in nodes:
        if not box.is_element_node:
            continue
        anchors = [box] if box.tag == "a" else box.css("a[href]")
        for a in anchors:
            href = (a.attributes.get("href") or "").strip()
            title = node_text(a) or clean_text(a.attributes.get("title") or "")
            if not href or not title or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            try:
                absolute, host = _resolve(href, page) if page else (href, urlsplit(href).hostname)
            except ValueError:  # urllib refuses it ("http://[::1", an unclosed IPv6 host): no link
                continue
            if host and base_host and host != base_host:
                continue
            if absolute in seen or absolute == base:
                continue
            seen.add(absolute)
            found.append(Link(absolute, title))
    return found


@dataclass(frozen=True, slots=True)
class _PageURL:
    """The URL links are resolved against, split once for all of a page's links."""

    url: str
    host: str | None  # urlsplit(url).hostname
    origin: str | None  # "http://host:port" of an http(s) URL with a host: root-relative paths join onto it
    directory: str | None  # origin + the path up to its last "/": plain relative paths join onto it

    @classmethod
    @functools.lru_cache(maxsize=64)  # a page's links are read in up to three groups; urlsplit is ~2 us
    def of(cls, url: str) -> _PageURL:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None
        directory = None
        # urljoin removes dot segments and empty segments from the page's path, and splits ";"
        # parameters off it: with none of them, a relative path joins onto the path as written
        if origin and not _IRREGULAR_BASE.search(parts.path):
            directory = origin + (parts.path[:parts.path.rfind("/") + 1] or "/")
        return cls(url, parts.hostname, origin, directory)


# What urljoin would do more with than join: dot segments ("/./", "/../"), an empty "?"
# or "#" and ";" parameters (it drops an empty one), tabs and newlines (it deletes them);
# backslashes and other spaces are left to it too.
_IRREGULAR_HREF = re.compile(r"[\s\\;]|/\.|\?#|[?#]\Z")
# A lower-case http(s) scheme and a plain host (no user, brackets, "%" or non-ASCII).
_ABSOLUTE_HTTP = re.compile(r"https?://(?P<host>[A-Za-z0-9.\-]+)(?::[0-9]*)?(?=[/?#]|\Z)")
# A relative path ("tin.asp?id=901", "2023/04/x.htm"): it opens with a letter or digit and has
# no ":" before its first "/", "?" or "#" (else urljoin may read a scheme there).
_PLAIN_RELATIVE = re.compile(r"[A-Za-z0-9_][^:/?#]*(?:[/?#]|\Z)")
_IRREGULAR_BASE = re.compile(r"/\.|//|;|[\s\\]")


def _resolve(href: str, page: _PageURL) -> tuple[str, str | None]:
    """``urljoin(page.url, href)`` and its ``urlsplit(...).hostname``, without urllib
    (~10 us a link) for the three shapes pages use; tests/test_parse_links.py compares
    the two ways on generated hrefs."""
    if not _IRREGULAR_HREF.search(href):
        if href[:1] == "/" and href[1:2] != "/" and page.origin:
            # urljoin keeps the page's scheme and host and, with no dot segment to
            # resolve and nothing empty to drop, the path, query and fragment as written.
            return page.origin + href, page.host
        if m := _ABSOLUTE_HTTP.match(href):
            # urljoin gives an absolute URL back as written when nothing in it is
            # lower-cased or dropped; its hostname is the host lower-cased.
            return href, m["host"].lower()
        if page.directory and "//" not in href and _PLAIN_RELATIVE.match(href):
            # (old CMSs link "tin.asp?id=901"; urljoin took ~20 us for each)
            return page.directory + href, page.host
    absolute = urljoin(page.url, href)
    return absolute, urlsplit(absolute).hostname


_ARTICLE_PATH = re.compile(r"\d{4,}|[^/?#=]*-[^/?#=]*-[^/?#=]*")  # an id, or a slug of 3+ words


def _another_article(href: str | None, page: _PageURL | None) -> bool:
    """Is ``href`` an article page of this site other than ``page``?"""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    if page is None:
        return _ARTICLE_PATH.search(href) is not None
    try:
        absolute, host = _resolve(href, page)
    except ValueError:  # urllib refuses it ("http://[::1"): no link to an article
        return False
    if host and page.host and not _same_site(host, page.host):
        return False
    if absolute.split("#", 1)[0] == page.url:
        return False
    path = absolute.split("//", 1)[-1].partition("/")[2]
    return _ARTICLE_PATH.search(path) is not None


def _same_site(host: str, other: str) -> bool:
    """vnexpress.net, www.vnexpress.net and kinhdoanh.vnexpress.net are one site."""
    host, other = host.removeprefix("www."), other.removeprefix("www.")
    return host == other or host.endswith("." + other) or other.endswith("." + host)
