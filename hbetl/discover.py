"""Finding article URLs in pages, feeds and URL templates. Pure: no network.

Everything here takes bytes or strings that :mod:`hbetl.fetch` already downloaded
and a :class:`~hbetl.profiles.SiteProfile`, and gives back normalised URLs, so
the same article reached by three routes (archive, RSS, listing) is one key.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from html import unescape
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

from hbetl.models import Link
from hbetl.profiles import PLAUSIBLE_YEARS, SiteProfile

# Query parameters that only say where a click came from; the page is the same without them.
# zarsrc/zaloid: Zalo (the Vietnamese messenger) share links; the rest are ad networks.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "zarsrc", "zaloid",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Left alone when re-encoding a path: RFC 3986 unreserved + sub-delims + ':' '@' '/' and '%'.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def _clean_path(path: str) -> str:
    """Collapse '//', resolve '.' and '..', keep case and a trailing slash, re-encode."""
    if not path:
        return "/"
    trailing = path.endswith("/")
    path = re.sub(r"/{2,}", "/", path)
    path = posixpath.normpath(path)
    if path.startswith("//"):  # posixpath keeps a leading '//' (POSIX says so)
        path = "/" + path.lstrip("/")
    if path in (".", ""):
        path = "/"
    if trailing and not path.endswith("/"):
        path += "/"
    path = quote(path, safe=_PATH_SAFE)
    return _PCT.sub(lambda m: m.group(0).upper(), path)


# A listing page repeats the same hrefs (menus, sidebars: ~100 a page); an article's own
# href is seen on one or two pages. 8,192 entries keep the repeats (~3 MB); 65,536 filled
# up in a 100,000-article quarter's discovery and held ~25 MB to the end of the run (the
# misses are cheap now: most links take _as_written's short way).
@lru_cache(maxsize=8_192)
def normalise_url(url: str, base: str | None = None) -> str:
    """One spelling per page: 'HTTP://Example.com:80/a//b/../c?utm_source=x&b=2&a=1#top'
    -> 'http://example.com/a/c?a=1&b=2'.

    Lower-cases scheme and host, drops the default port, the fragment and tracking
    parameters, sorts the query, collapses '//' and resolves '..' in the path. Path
    case and a trailing slash are kept as given (servers may tell '/a' and '/a/'
    apart); an empty path becomes '/'. Idempotent. '' for what urllib cannot read as a URL.
    """
    url = url.strip()
    return _as_written(url, base) or _normalise(url, base)


# An http(s) URL already as _normalise writes it: lower-case scheme and host, no user, a
# path of characters it leaves alone ('%' excepted: it upper-cases escapes; ';' too: urljoin
# drops an empty ';' parameter), no query, no fragment. '//' and dot segments in the path,
# and a default port, are ruled out apart.
_NORMAL_FORM = re.compile(r"(https?)://([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::([1-9][0-9]{0,4}))?"
                          r"(/[A-Za-z0-9/:@!$&'()*+,=._~-]*)")


def _as_written(url: str, base: str | None) -> str | None:
    """``_normalise(url, base)`` when it is the URL as written (a page's own links, nearly
    all of them), at a tenth of the cost (1-2 us against 23; a quarter's discovery reads
    ~600,000 links); None when the long way must decide. ``url`` is stripped.
    A root-relative ``url`` on an origin ``base`` ('http://host:port/') joins onto it:
    urljoin would only add dot-segment removal, and the result has none."""
    if base and url[:1] == "/" and url[1:2] != "/" and base[-1:] == "/" and base.count("/") == 3:
        url = base[:-1] + url
    elif not url.startswith(("http://", "https://")):
        return None
    m = _NORMAL_FORM.fullmatch(url)
    if m is None or "//" in m[4] or "/." in m[4]:
        return None
    port = m[3]
    if port is not None and (int(port) > 65535 or int(port) == _DEFAULT_PORTS[m[1]]):
        return None
    return url


def _normalise(url: str, base: str | None) -> str:
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        # No URL urllib can read (an editor's placeholder 'http://[url]/', an unclosed IPv6 host):
        # no page, '' (which no caller takes for an http(s) URL). Raised, one such link on an
        # archive day failed discovery and the run: "ValueError: 'url' does not appear to be an
        # IPv4 or IPv6 address".
        return ""
    scheme = parts.scheme.lower()
    host = (hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: leave it out rather than fail
        port = None
    netloc = host
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{host}"
    if ":" in host:  # IPv6 literal
        netloc = netloc.replace(host, f"[{host}]")
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = urlencode(sorted(query_pairs), doseq=True)
    path = _clean_path(parts.path) if scheme in ("http", "https") or netloc else parts.path
    return urlunsplit((scheme, netloc, path, query, ""))


@lru_cache(maxsize=4096)
def host_key(url: str) -> str:
    """'https://WWW.Example.com:443/x' -> 'example.com'; 'http://127.0.0.1:8000/' keeps its port."""
    parts = urlsplit(normalise_url(url))
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return netloc[4:] if netloc.startswith("www.") else netloc


def same_site(url: str, site: str) -> bool:
    """Same host (and port), 'www.' or not, whatever the scheme."""
    return host_key(url) == host_key(site)


def _join_base(href: str, page_url: str) -> str | None:
    """The base that :func:`normalise_url` needs for ``href``, as coarse as gives the same
    answer, so its cache serves every listing page: a root-relative href ('/11/x.htm', the
    menus and teasers every page repeats) depends on the page's origin alone."""
    if href.startswith("/") and not href.startswith("//"):
        return _origin(page_url)
    return page_url


@lru_cache(maxsize=256)
def _origin(page_url: str) -> str:
    """'http://host:port/' of a page: split once per page, not once per link on it."""
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}/"


def _anchors(html: str | bytes, page_url: str):
    """(normalised url, anchor element) for every same-site <a href>, in page order."""
    tree = LexborHTMLParser(html)
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = normalise_url(href, _join_base(href, page_url))
        if not url.startswith(("http://", "https://")) or not same_site(url, page_url):
            continue
        yield url, node


def article_link_items(html: str | bytes, page_url: str, profile: SiteProfile) -> list[Link]:
    """Article links on a page, as (url, title): same host, matching the profile's
    article path, normalised, first occurrence kept, in page order."""
    seen: dict[str, Link] = {}
    for url, node in _anchors(html, page_url):
        if not profile.is_article_url(url):
            continue
        title = " ".join((node.attributes.get("title") or node.text(deep=True) or "").split())
        # An image link often comes first with no text; the headline link names it.
        if url not in seen or (not seen[url].title and title):
            seen[url] = Link(url, title)
    return list(seen.values())


def article_links(html: str | bytes, page_url: str, profile: SiteProfile) -> list[str]:
    """The URLs of :func:`article_link_items`."""
    return [link.url for link in article_link_items(html, page_url, profile)]


_DMY = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_text(text: str) -> date | None:
    """The first 'dd/mm/yyyy' (Vietnamese order) or 'yyyy-mm-dd' date in a text."""
    for pattern, order in ((_DMY, (3, 2, 1)), (_ISO_DAY, (1, 2, 3))):
        for m in pattern.finditer(text):
            y, mo, d = (int(m.group(i)) for i in order)
            try:
                return date(y, mo, d)
            except ValueError:
                continue
    return None


def dated_article_links(html: str | bytes, page_url: str, profile: SiteProfile) -> list[tuple[str, date | None]]:
    """Article links of a listing page with the date printed next to each, if any.

    The date is looked for in the link's <time datetime>, then in the text of the
    nearest enclosing list item / article / div that holds only this one article.
    """
    out: dict[str, date | None] = {}
    boxes: dict[int, tuple[int, date | None]] = {}  # container -> (article links in it, its date)
    for url, node in _anchors(html, page_url):
        if not profile.is_article_url(url):
            continue
        if out.get(url) is None:
            out[url] = _date_near(node, page_url, profile, boxes)
    return list(out.items())


def _date_near(node, page_url: str, profile: SiteProfile, boxes: dict[int, tuple[int, date | None]]) -> date | None:
    container = node.parent
    for _ in range(4):  # li > div > a is as deep as listings go; further up is the whole list
        if container is None:
            return None
        key = container.mem_id
        if key not in boxes:
            boxes[key] = _box(container, page_url, profile)
        n_articles, found = boxes[key]
        if n_articles > 1:
            return None  # this box holds other articles: a date in it may be theirs
        if found:
            return found
        container = container.parent
    return None


def _box(container, page_url: str, profile: SiteProfile) -> tuple[int, date | None]:
    """How many distinct articles a container links to, and the date printed in it."""
    hrefs = {a.attributes.get("href") or "" for a in container.css("a[href]")}
    urls = {normalise_url(h, _join_base(h, page_url)) for h in hrefs}
    n_articles = sum(profile.is_article_url(u) for u in urls)
    if n_articles > 1:
        return n_articles, None
    time_node = container.css_first("time[datetime]")
    if time_node is not None:
        found = date_in_text(time_node.attributes.get("datetime") or "")
        if found:
            return n_articles, found
    if container.tag in ("li", "article", "tr", "div", "td", "p", "span"):
        return n_articles, _printed_date(container.text(deep=True, separator="\n"))
    return n_articles, None


# A date printed beside an item stands in a text node of its own, with at most a weekday
# and a time ("Thứ Hai, 10/04/2023 08:30", " - 10/04/2023", "(10/4/2023)": 25 characters);
# a date inside a teaser's sentence ("Nghị định … ngày 28/4/2023 của Chính phủ") is the
# decree's, not the item's: the sample site's sidebar put a June article in a Q1 crawl so.
_PRINTED_DATE_MAX = 40


def _printed_date(text: str) -> date | None:
    """The first date in ``text`` that stands on a line (a text node) of its own."""
    for line in text.split("\n"):
        if len(line.strip()) <= _PRINTED_DATE_MAX:
            found = date_in_text(line)
            if found:
                return found
    return None


_NEXT_WORDS = ("trang sau", "tiếp", "sau »", "next", "»", "›", ">>")


def next_page_link(html: str | bytes, page_url: str, profile: SiteProfile | None = None) -> str | None:
    """The 'next page' link of a listing: rel=next, else a link whose class or text
    says next ('Trang sau', 'Tiếp', '»'). Same site only; never the page itself."""
    tree = LexborHTMLParser(html)
    here = normalise_url(page_url)
    for node in tree.css('link[rel="next"][href], a[rel="next"][href]'):
        url = normalise_url(node.attributes.get("href") or "", page_url)
        if url != here and same_site(url, page_url):
            return url
    for url, node in _anchors(html, page_url):
        if url == here:
            continue
        classes = (node.attributes.get("class") or "").lower().split()
        text = " ".join((node.text(deep=True) or "").lower().split())
        if "next" in classes or any(text == w or text.startswith(w) for w in _NEXT_WORDS):
            return url
    return None


# --- feeds ---------------------------------------------------------------------------

_ITEM_BLOCK = re.compile(r"<(item|entry)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_feed_date(text: str | None, tz: timezone | None = None) -> datetime | None:
    """RFC 822 (RSS pubDate), ISO 8601 (Atom) or 'dd/mm/yyyy HH:MM'. Naive dates get ``tz``."""
    if not text:
        return None
    text = text.strip()
    parsed: datetime | None = None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):  # (OverflowError: a year of 20 digits)
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\D+(\d{1,2}):(\d{2}))?", text)
            if m:
                d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
                try:
                    parsed = datetime(y, mo, d, int(m.group(4) or 0), int(m.group(5) or 0))
                except ValueError:
                    parsed = None
    if parsed is not None and not PLAUSIBLE_YEARS[0] <= parsed.year <= PLAUSIBLE_YEARS[1]:
        # A CMS's empty date ('0001-01-01T00:00:00+08:00'): moved to the paper's time zone it raised
        # OverflowError out of discovery, and the run failed. No item is dated so: undated.
        return None
    if parsed is not None and parsed.tzinfo is None and tz is not None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def rss_items(xml_bytes: bytes | str, base: str | None = None,
              tz: timezone | None = None) -> list[tuple[str, datetime | None]]:
    """(link, published) of every RSS 2.0 <item> or Atom <entry>, in feed order.

    Links are normalised (relative ones against ``base``). Broken XML (an unescaped
    '&', a truncated body) falls back to a regex over the item blocks. A document
    declaring entities is never handed to the XML parser (entity-expansion bombs).
    """
    raw = xml_bytes.encode("utf-8") if isinstance(xml_bytes, str) else xml_bytes
    items: list[tuple[str, datetime | None]] | None = None
    if b"<!ENTITY" not in raw:
        try:
            items = _feed_items_xml(ET.fromstring(raw), tz)
        except ET.ParseError:
            items = None
    if items is None:
        items = _feed_items_regex(raw.decode("utf-8", errors="replace"), tz)
    seen: dict[str, datetime | None] = {}
    for link, published in items:
        url = normalise_url(link, base)
        if url.startswith(("http://", "https://")) and url not in seen:
            seen[url] = published
    return list(seen.items())


def _feed_items_xml(root: ET.Element, tz: timezone | None) -> list[tuple[str, datetime | None]]:
    out = []
    for node in root.iter():
        if _local(node.tag) not in ("item", "entry"):
            continue
        link, when, guid = None, None, None
        for child in node:
            name = _local(child.tag)
            if name == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    link = link or href.strip()
                elif child.text and child.text.strip():
                    link = link or child.text.strip()
            elif name == "guid" and child.get("isPermaLink", "true") != "false" and child.text:
                guid = child.text.strip()
            elif name in ("pubdate", "published", "date") or (name == "updated" and when is None):
                when = parse_feed_date(child.text, tz) or when
        link = link or guid
        if link:
            out.append((link, when))
    return out


def _tag_text(block: str, names: Iterable[str]) -> str | None:
    for name in names:
        m = re.search(rf"<(?:\w+:)?{name}\b[^>]*>(.*?)</(?:\w+:)?{name}\s*>", block, re.S | re.I)
        if m:
            text = _CDATA.sub(lambda c: c.group(1), m.group(1)).strip()
            if text:
                return unescape(text)
    return None


def _feed_items_regex(text: str, tz: timezone | None) -> list[tuple[str, datetime | None]]:
    out = []
    for m in _ITEM_BLOCK.finditer(text):
        block = m.group(2)
        link = _tag_text(block, ["link"])
        if not link:
            href = re.search(r"<link\b[^>]*href=[\"']([^\"']+)[\"']", block, re.I)
            link = unescape(href.group(1)) if href else _tag_text(block, ["guid"])
        if link:
            out.append((link, parse_feed_date(_tag_text(block, ["pubDate", "published", "date", "updated"]), tz)))
    return out


# --- URL templates and windows ---------------------------------------------------------

def _days(start: date, end: date) -> Iterable[date]:
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def archive_urls(site: str, profile: SiteProfile, start: date, end: date, category: int | str = 0) -> list[str]:
    """The date-archive page of every day in [start, end] ('category' 0 = every category).
    Empty when the profile has no archive route."""
    template = profile.routes.archive
    if not template:
        return []
    return [normalise_url(template.format(date=day.isoformat(), category=category), site)
            for day in _days(start, end)]


def listing_url(site: str, profile: SiteProfile, category: int | str, page: int) -> str | None:
    template = profile.routes.listing
    return normalise_url(template.format(category=category, page=page), site) if template else None


def rss_urls(site: str, profile: SiteProfile) -> list[str]:
    return [normalise_url(route, site) for route in profile.routes.rss]


def quarter_window(year: int, quarter: int, days_after: int) -> tuple[date, date]:
    """First day of the quarter to ``days_after`` days after its last day: a quarter's
    review is published in the weeks after it ends ("ước quý I" in late March too)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, got {quarter}")
    start = date(year, 3 * quarter - 2, 1)
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, next_start - timedelta(days=1) + timedelta(days=days_after)
