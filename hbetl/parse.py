"""HTML -> Article: the site profile first, then a generic reader for any layout.

Order of work for one page:

1. bytes -> str (declared or sniffed encoding), NFC, hostile-input guards
   (size cap, nesting depth, binary garbage);
2. the profile path when the profile's ``article`` selector matches the page
   (the sample site runs on 127.0.0.1, so a host alone does not decide);
3. otherwise the generic reader: metadata (JSON-LD, Open Graph, <meta>, <time>),
   Vietnamese date text near the title, then the body by text density.

Both paths remove teaser boxes ("Các tin khác", "Tin liên quan", ...) before any
body text is read: the metric extractor runs over ``Article.body``, and a teaser's
figures in it would be credited to this article.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from hbetl.errors import BadContent, ParseError
from hbetl.htmltext import (
    MAX_DEPTH,
    Block,
    clean_text,
    decode_html_keeping_utf8,
    flatten_nesting,
    iter_blocks,
    nesting_depth,
    node_text,
    normalize_document,
    refuse_binary_text,
    word_set,
)
from hbetl.indicators import phrase_alternation
from hbetl.models import Article, Link
from hbetl.profiles import SiteProfile, load_profiles, parse_offset

__all__ = ["Article", "Reading", "parse_article", "read_article", "parse_published", "DEFAULT_MAX_BYTES", "TEASER_HEADINGS", "RELATED_HEADINGS"]

# The seed page is 60 KB; the biggest real article pages seen are under 1 MB.
# Above 10 MB a "page" is a mistake or an attack, and parsing it costs memory.
DEFAULT_MAX_BYTES = 10_000_000
VIETNAM = parse_offset("+07:00")


def parse_article(
    html: str | bytes,
    url: str | None = None,
    profile: SiteProfile | None = None,
    *,
    content_type: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one article page. Raises ParseError (no article) or BadContent (not a page)."""
    return read_article(html, url, profile, content_type=content_type, max_bytes=max_bytes).article


@dataclass(slots=True)
class Reading:
    """One page as read: the article, and why its body looks cut (None when it covers the
    page's main text), for the run to log and count."""

    article: Article
    suspect: str | None = None


def read_article(
    html: str | bytes,
    url: str | None = None,
    profile: SiteProfile | None = None,
    *,
    content_type: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Reading:
    """:func:`parse_article`, and whether the body is whole (see :func:`_cut_body`)."""
    subject = url or "page"
    page = _page_utf8(html, content_type, max_bytes, subject)
    try:
        tree = LexborHTMLParser(page)
    except (ValueError, RuntimeError, MemoryError) as exc:  # Lexbor's own failures
        raise BadContent(f"{subject}: HTML parser failed ({type(exc).__name__})") from exc
    if tree.body is None:
        raise ParseError(f"{subject}: no article found (no <body>)")

    if profile is None:
        profile, matched = _profile_for(tree, url)
    else:
        matched = bool(profile.selectors.article and _first(tree, profile.selectors.article))
    reading = None
    if profile is not None and matched:
        reading = _read_with_profile(tree, url, profile)
        if reading is None:  # a changed template: let the generic reader try a fresh tree
            tree = LexborHTMLParser(page)
    if reading is None:
        tz = profile.tzinfo if profile is not None else VIETNAM
        reading = _read_generic(tree, url, tz)
    if not reading.article.title and not reading.article.body:
        raise ParseError(f"{subject}: no article found (no title and no body text)")
    return reading


# A body under a third of the text of the element it was read from (or of JSON-LD articleBody)
# lost most of the article: the held-out real pages' cut bodies kept 8-30 % of it (issue 16),
# and the whole ones of the fixture pages keep 42 % or more (captions, boxes and bylines are the rest).
_WHOLE_SHARE = 1 / 3


def _cut_body(body: str, main_len: int) -> str | None:
    """Why ``body`` looks cut short, or None when it holds enough of the main text."""
    if main_len and len(body) < _WHOLE_SHARE * main_len:
        return f"body is {len(body):,} characters of the {main_len:,} in its content element"
    return None


def _page_utf8(html: str | bytes, content_type: str | None, max_bytes: int, subject: str) -> bytes:
    """The page as the UTF-8 bytes Lexbor parses: decoded, guarded, NFC.

    Lexbor reads a str by encoding it to UTF-8 and bytes as UTF-8 as they are, so the
    bytes of the final text parse exactly as that text would. They are made once: the
    strict UTF-8 page as fetched, or the encoding that checks for lone surrogates, are
    those bytes when the clean-up below left the text as it was.
    """
    if len(html) > max_bytes:
        raise BadContent(f"{subject}: {len(html):,} bytes exceeds the {max_bytes:,}-byte cap")
    utf8: bytes | None = None
    if isinstance(html, bytes | bytearray | memoryview):
        text, utf8 = decode_html_keeping_utf8(bytes(html), content_type, subject=subject)
    elif isinstance(html, str):
        text = html
    else:
        raise BadContent(f"{subject}: expected str or bytes, got {type(html).__name__}")
    if not text or text.isspace():  # (strip() copied the whole page to learn the same)
        raise ParseError(f"{subject}: no article found (empty page)")
    if utf8 is None:
        try:
            utf8 = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: Lexbor takes UTF-8 only
            text = text.encode("utf-8", errors="replace").decode("utf-8")
    refuse_binary_text(text, subject)
    cleaned = normalize_document(text)  # the same object when already NFC with no zero-width characters
    if utf8 is None or cleaned is not text:
        utf8 = cleaned.encode("utf-8")
    # Each open tag is a '<' that is no '</': a page with fewer of those than the limit cannot
    # nest deeper, and the tag-by-tag count below (~450 us on a 54 KB page, where this costs
    # ~70) is left out. Counted in the bytes: in the str it took twice as long.
    if (tags := utf8.count(b"<")) > MAX_DEPTH and tags - utf8.count(b"</") > MAX_DEPTH and nesting_depth(cleaned) > MAX_DEPTH:
        utf8 = flatten_nesting(cleaned).encode("utf-8")
    return utf8


def _profile_for(tree: LexborHTMLParser, url: str | None) -> tuple[SiteProfile | None, bool]:
    """The profile whose ``article`` selector matches the page (and True), else the one
    for the URL's host (and False: no profile's selector matched)."""
    profiles = load_profiles().values()
    for profile in profiles:
        if profile.selectors.article and _first(tree, profile.selectors.article):
            return profile, True
    return next((p for p in profiles if p.matches_host(url)), None), False


def _first(tree: LexborHTMLParser | LexborNode, selector: str | None) -> LexborNode | None:
    return tree.css_first(selector) if selector else None


# --------------------------------------------------------------------------- dates

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s{0,2}[/.\-]\s{0,2}(\d{1,2})\s{0,2}[/.\-]\s{0,2}(\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORDY = re.compile(r"(?<!\d)(\d{1,2})\s{1,3}tháng\s{1,3}(\d{1,2})\s{0,3}(?:năm|,)\s{0,3}(\d{4})(?!\d)", re.I)
_TIME = re.compile(r"(?<![\d/.])([01]?\d|2[0-3])\s{0,2}(?::|h|giờ)\s{0,2}([0-5]\d)(?::([0-5]\d))?(?!\d)"
                   r"(?:\s{0,2}(AM|PM|SA|CH)\b)?", re.I)
_GMT = re.compile(r"(?:GMT|UTC)\s{0,2}([+-])\s{0,2}(\d{1,2})(?::?(\d{2}))?")
_TIME_WINDOW = 30  # characters either side of a date where its time of day is written


def parse_published(text: str | None, tz: timezone = VIETNAM) -> str | None:
    """A date as written on a page or in metadata -> ISO 8601 with offset, or None.

    Takes ISO 8601 (offset kept as the same instant in ``tz``; none means ``tz``),
    RFC 2822 (RSS pubDate) and Vietnamese text: "Thứ Hai, 10/04/2023 08:30",
    "10/04/2023 - 08:30", "08:30 | 10/04/2023", "Ngày 12 tháng 4 năm 2023",
    "Cập nhật: 10/04/2023", "10-4-2023", "8h30 ngày 10/4/2023".
    """
    if not text:
        return None
    text = clean_text(text[:2000])
    when = _from_iso(text, tz) or _from_rfc2822(text, tz)
    if when is None:
        when = _from_vietnamese(text, tz)
    return when.isoformat(timespec="seconds") if when else None


def _from_iso(text: str, tz: timezone) -> datetime | None:
    if not _YMD.match(text):
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)


def _from_rfc2822(text: str, tz: timezone) -> datetime | None:
    if not text[:1].isalpha() or "," not in text[:5]:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)


def _from_vietnamese(text: str, tz: timezone) -> datetime | None:
    found = [(m, (int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _DMY.finditer(text)]
    found += [(m, (int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _WORDY.finditer(text)]
    found += [(m, (int(m.group(3)), int(m.group(2)), int(m.group(1)))) for m in _YMD.finditer(text)]
    for m, (day, month, year) in sorted(found, key=lambda f: f[0].start()):
        if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
            continue
        hour, minute, second = _time_near(text, m.start(), m.end())
        gmt = _GMT.search(text, m.start(), m.end() + 60)
        zone = tz
        if gmt:
            sign = -1 if gmt.group(1) == "-" else 1
            zone = parse_offset(f"{'-' if sign < 0 else '+'}{int(gmt.group(2)):02d}:{gmt.group(3) or '00'}")
        try:
            when = datetime(year, month, day, hour, minute, second, tzinfo=zone)
        except ValueError:  # 31/02
            continue
        return when.astimezone(tz)
    return None


def _time_near(text: str, start: int, end: int) -> tuple[int, int, int]:
    after = _TIME.search(text, end, min(len(text), end + _TIME_WINDOW))
    before = None
    if after is None:
        for before in _TIME.finditer(text, max(0, start - _TIME_WINDOW), start):  # noqa: B007 - keep the last
            pass
    m = after or before
    if m is None:
        return 0, 0, 0
    hour = int(m.group(1))
    if m.group(4) and m.group(4).upper() in ("PM", "CH") and hour < 12:
        hour += 12
    elif m.group(4) and m.group(4).upper() in ("AM", "SA") and hour == 12:
        hour = 0
    return hour, int(m.group(2)), int(m.group(3) or 0)


# --------------------------------------------------------------------------- page clean-up shared by both paths

# Headings of boxes that list other articles. Matched against a whole short text
# node, lower-cased, trailing punctuation removed.
TEASER_HEADINGS = (
    "các tin khác", "tin khác", "các bài khác", "bài khác", "tin tức khác",
    "tin liên quan", "tin bài liên quan", "bài liên quan", "bài viết liên quan", "các tin liên quan",
    "tin cùng chuyên mục", "cùng chuyên mục", "tin cùng loại", "bài cùng chuyên mục",
    "tin đọc nhiều", "đọc nhiều", "đọc nhiều nhất", "tin xem nhiều", "xem nhiều", "xem nhiều nhất",
    "xem thêm", "đọc thêm", "tin mới", "tin mới nhất", "tin mới cập nhật", "tin nổi bật",
    "tin tiêu điểm", "tiêu điểm", "có thể bạn quan tâm", "bạn có thể quan tâm", "có thể bạn muốn xem",
    "xem các tin đã đưa ngày", "tin đã đưa", "tin trong",
    "bài viết cùng chuyên mục", "bài viết khác", "các bài viết khác", "tin cùng chủ đề", "các tin đã đưa",
    "tin bài khác",
)
_TEASER_SET = frozenset(TEASER_HEADINGS)
# Headings whose boxes list this article's relatives: their links become `related`
# ("Tin mới", "Tin đọc nhiều" list the whole site).
RELATED_HEADINGS = frozenset({
    "các tin khác", "tin khác", "các bài khác", "bài khác", "tin tức khác", "tin liên quan", "tin bài liên quan",
    "bài liên quan", "bài viết liên quan", "các tin liên quan", "tin cùng chuyên mục", "cùng chuyên mục",
    "tin cùng loại", "bài cùng chuyên mục", "xem thêm", "đọc thêm", "có thể bạn quan tâm",
    "bạn có thể quan tâm", "có thể bạn muốn xem",
})
# A text node can only be a teaser heading when it opens with one of the headings (the key
# is its whitespace collapsed, lower-cased text): a cheap test before it is normalised. A
# test on first words alone let every teaser title ("Tin kinh tế …") through, and those
# normalisations were two thirds of the teaser search on a 60 KB page.
_TEASER_START = re.compile(r"\s*" + phrase_alternation(TEASER_HEADINGS, word_gap=r"\s+"), re.I)
_HEADING_PUNCT = " \t:：»«›‹>|-–—.…/"
_TEASER_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(h) for h in sorted(TEASER_HEADINGS, key=len, reverse=True))
                            + r")(?=[\s:»›>|\-–—])")

# class/id words of page furniture (split on - and _): never article text.
# ("print" is not one: some CMSs wrap the article itself in "print-area".)
_JUNK_WORDS = word_set(
    "menu nav navbar navigation footer sidebar comment comments share sharing social related caption "
    "advert advertisement ads adv banner breadcrumb breadcrumbs tags tag toolbar subscribe popup "
    "cookie widget tplcaption imagecaption photocaption")
# Vietnamese CMS class names run words together.
_JUNK_SUBSTRINGS = ("tinlienquan", "lienquan", "tinkhac", "othernews", "other-news", "morenews",
                    "more-news", "relatednews", "quangcao", "binhluan", "docnhieu", "xemnhieu",
                    "tinmoi", "cungchuyenmuc", "image-caption", "img-caption", "fig-caption",
                    "relatedbox", "relate-", "relate_", "duongdan", "print_mail", "print-mail", "sendmail")
_JUNK_TAGS = "nav, header, footer, aside, figure, figcaption, script, style, noscript, iframe, svg, template, button"
_CLASS_WORD_SPLIT = re.compile(r"[\s_\-]+")
_CAPTION_TABLES = "table.image, table.tplCaption, table.picture, table.img, table.photo"


def _class_id(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip().lower()


def _class_words(node: LexborNode) -> list[str]:
    """'article-content main_col' -> ['article', 'content', 'main', 'col']"""
    raw = _class_id(node)
    return _CLASS_WORD_SPLIT.split(raw) if raw else []


# Both tests of a class/id string in one regex (~0.5 us where the 22 substring tests and the
# word split took ~2 us an element): a junk substring anywhere, or a junk word between the
# separators _CLASS_WORD_SPLIT splits on.
_JUNK_CLASS = re.compile("|".join(map(re.escape, _JUNK_SUBSTRINGS)) + r"|(?<![^\s_\-])(?:"
                         + "|".join(sorted(_JUNK_WORDS, key=len, reverse=True)) + r")(?![^\s_\-])")


def _is_junk_class(node: LexborNode) -> bool:
    raw = _class_id(node)
    return bool(raw) and _JUNK_CLASS.search(raw) is not None


def _heading_key(text: str) -> str:
    return clean_text(text).lower().strip(_HEADING_PUNCT)


def _is_teaser_heading(text: str, whole_block: bool) -> bool:
    """A teaser heading: the exact phrase, or phrase + a short rest ("Tin cùng chuyên mục Kinh tế")
    when the text is all its block holds (so a body sentence starting "Tin mới..." is not one)."""
    key = _heading_key(text)
    if key in _TEASER_SET:
        return True
    return whole_block and len(key) <= 45 and _TEASER_PREFIX.match(key) is not None


@dataclass(slots=True)
class _Protected:
    """mem_ids of nodes that must survive clean-up: the title's ancestors."""

    ids: set[int]

    @classmethod
    def ancestors_of(cls, node: LexborNode | None) -> _Protected:
        ids: set[int] = set()
        while node is not None:
            ids.add(node.mem_id)
            node = node.parent
        return cls(ids)

    def with_ancestors_of(self, node: LexborNode | None) -> _Protected:
        return _Protected(self.ids | _Protected.ancestors_of(node).ids)

    def __contains__(self, node: LexborNode) -> bool:
        return node.mem_id in self.ids


# A page lists a handful of teaser boxes; past this many "headings" it is bait.
_MAX_TEASER_HEADINGS = 100
_PREFIX_CHARS = 300  # enough to see whether an element starts with a heading (headings are <= 45)


def _text_prefix(node: LexborNode, limit: int = _PREFIX_CHARS) -> str:
    """The first ``limit``-odd characters of the node's text, without reading all of it
    (an ancestor's full text would make the teaser search quadratic)."""
    parts: list[str] = []
    size = 0
    for inner in node.traverse(include_text=True):
        if inner.is_text_node:
            text = inner.text_content or ""
            parts.append(text)
            size += len(text)
            if size > limit:
                break
    return "".join(parts)


_HEADING_TEXT_MAX = 200  # a heading text node is short; a paragraph opening "Tin mới..." is not one
# Lexbor's text(separator=...) puts this between text nodes. The parser never leaves a NUL in
# a text node (it drops or replaces it), so it can only be a separator.
_SEPARATOR = "\x00"
# A heading phrase at the start of a text node, found in all of them joined at once: the
# leading NUL is a literal, so re skips from separator to separator in C.
_TEASER_AT_NODE_START = re.compile(_SEPARATOR + _TEASER_START.pattern, re.I)
# The related-article headings alone: outside the content only their boxes matter (their links
# are the article's relatives), and a sidebar's "Tin mới" then costs no walk of the page.
_RELATED_START = re.compile(r"\s*" + phrase_alternation(sorted(RELATED_HEADINGS), word_gap=r"\s+"), re.I)
_RELATED_AT_NODE_START = re.compile(_SEPARATOR + _RELATED_START.pattern, re.I)
_ALL_HEADINGS = (_TEASER_START, _TEASER_AT_NODE_START)
_RELATED_ONLY = (_RELATED_START, _RELATED_AT_NODE_START)


def _heading_candidates(scope: LexborNode, phrases: tuple[re.Pattern, re.Pattern] = _ALL_HEADINGS
                        ) -> list[LexborNode]:
    """The text nodes under ``scope`` that may be a teaser heading: at most
    _HEADING_TEXT_MAX characters, opening with a heading phrase; in document order.

    Reading every text node's text from Python took 0.4 ms on a 60 KB page; one
    ``text(separator=...)`` call and one regex scan over the result find the same
    nodes, and the tree is walked only when one is found (tests/test_parse_fastpaths.py
    checks this against :func:`_heading_candidates_by_walk` on generated pages)."""
    joined = _SEPARATOR + scope.text(deep=True, separator=_SEPARATOR)
    wanted: list[tuple[int, str]] = []  # (index, text) of the text nodes, in document order
    index, counted_to = -1, 0  # text node index of the separator at counted_to - 1
    for m in phrases[1].finditer(joined):
        start = m.start()
        # Counted on from the last match, not from the start: a bait page of 20,000 headings
        # took 0.86 s counting from 0 each time (the walk takes 0.02 s).
        index += joined.count(_SEPARATOR, counted_to, start + 1)
        counted_to = start + 1
        end = joined.find(_SEPARATOR, start + 1)
        end = end if end >= 0 else len(joined)
        if end - start - 1 <= _HEADING_TEXT_MAX:
            wanted.append((index, joined[start + 1:end]))
    if not wanted:
        return []
    # The walk stops at the last wanted node (a related box near the top of a long page needs
    # none of the sidebars after it); each node found must hold the text the joined string
    # has at its place, else the two ways saw different nodes and the plain walk decides.
    found: list[LexborNode] = []
    at, index = 0, -1
    for node in scope.traverse(include_text=True):
        if node.is_text_node:
            index += 1
            if index == wanted[at][0]:
                if (node.text_content or "") != wanted[at][1]:
                    return _heading_candidates_by_walk(scope, phrases)
                found.append(node)
                at += 1
                if at == len(wanted):
                    return found
    return _heading_candidates_by_walk(scope, phrases)


def _heading_candidates_by_walk(scope: LexborNode, phrases: tuple[re.Pattern, re.Pattern] = _ALL_HEADINGS
                                ) -> list[LexborNode]:
    """What :func:`_heading_candidates` finds, one text node at a time."""
    found = []
    for node in scope.traverse(include_text=True):
        if node.is_text_node:
            raw = node.text_content or ""
            if len(raw) <= _HEADING_TEXT_MAX and phrases[0].match(raw):
                found.append(node)
    return found


def _teaser_boxes(scope: LexborNode, protected: _Protected, phrases: tuple[re.Pattern, re.Pattern] = _ALL_HEADINGS
                  ) -> tuple[list[LexborNode], list[LexborNode]]:
    """Elements that hold a teaser box (heading + the teasers after it), in document
    order; and those of them under a related-articles heading. ``phrases``: the headings
    looked for (_RELATED_ONLY: the related-article ones alone)."""
    boxes: list[LexborNode] = []
    related: list[LexborNode] = []
    seen: set[int] = set()
    headings = 0
    for node in _heading_candidates(scope, phrases):
        raw = node.text_content or ""
        parent = node.parent
        key = _heading_key(raw)
        if parent is None or not key or not (key in _TEASER_SET or _TEASER_PREFIX.match(key)):
            continue
        headings += 1
        if headings > _MAX_TEASER_HEADINGS:
            break
        # The heading: the text itself, or the outermost element holding nothing else
        # (<div class="hd"><h3><span>Tin…</span></h3></div>).
        head = node
        while True:
            up = head.parent
            if (up is None or up in protected or up.tag in ("body", "html", "main", "article", "form")
                    or _heading_key(_text_prefix(up)) != key):
                break
            head = up
        if not _is_teaser_heading(raw, whole_block=head is not node or _heading_key(_text_prefix(parent)) == key):
            continue
        if head.mem_id in seen:
            continue
        # The teasers follow the heading: in its box (<div class="other-news"><h3/><ul/></div>),
        # or, with a bare heading, up to the end of the container. Removing the heading and
        # everything after it in its parent covers both.
        first = len(boxes)
        sibling: LexborNode | None = head
        while sibling is not None and sibling not in protected:
            if sibling.mem_id not in seen:
                seen.add(sibling.mem_id)
                boxes.append(sibling)
            sibling = sibling.next
        if key in RELATED_HEADINGS or any(key.startswith(h + " ") for h in RELATED_HEADINGS):
            related.extend(boxes[first:])
    return boxes, related


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
            absolute, host = _resolve(href, page) if page else (href, urlsplit(href).hostname)
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


def _remove(nodes: Iterable[LexborNode]) -> None:
    """Decompose the outermost of these nodes. Lexbor frees a decomposed subtree, so a
    node inside one already removed must never be touched again (it would crash)."""
    for node in _outermost(nodes):
        node.decompose()


def _outermost(nodes: Iterable[LexborNode]) -> list[LexborNode]:
    """These nodes but those inside another of them, once each, in the order given."""
    nodes = list({n.mem_id: n for n in nodes}.values())  # a selector list yields a node once per selector it fits
    ids = {n.mem_id for n in nodes}
    outermost = []
    for node in nodes:
        up = node.parent
        while up is not None and up.mem_id not in ids:
            up = up.parent
        if up is None:
            outermost.append(node)
    return outermost


_RELATED_HINTS = ("relat", "lienquan", "tinkhac", "other", "more", "cungchuyenmuc", "docnhieu", "xemnhieu")


def _remove_junk(scope: LexborNode, protected: _Protected, url: str | None, links: bool = True) -> list[Link]:
    """Remove page furniture inside ``scope``; return the links of related-article boxes
    (none with ``links`` off: the caller has them already)."""
    _remove(n for n in scope.css(_JUNK_TAGS) if n not in protected)
    junk = [n for n in scope.css("[class], [id], [type]")
            if n not in protected and n.tag not in ("html", "body", "input", "script")
            and (_is_junk_class(n) or "related" in (n.attributes.get("type") or "").lower())]
    related = _links((n for n in junk if any(h in "".join(_class_words(n)) for h in _RELATED_HINTS)), url) if links else []
    _remove(junk)
    _remove(n for n in scope.css(_CAPTION_TABLES) if n not in protected)
    _remove(_image_captions(scope, protected))
    return related


_CAPTION_MAX = 300  # the longest photo captions seen run ~250 characters; a paragraph is longer
_PARAGRAPH_TAGS = frozenset({"p", "div", "td", "li", "center", "span"})
_CENTERED = re.compile(r"text-align\s*:\s*center", re.I)


def _image_block(img: LexborNode) -> LexborNode | None:
    node = img.parent
    while node is not None and node.tag not in _PARAGRAPH_TAGS and node.tag not in ("body", "html"):
        node = node.parent
    return node if node is not None and node.tag in _PARAGRAPH_TAGS else None


def _all_emphasised(node: LexborNode, text: str) -> bool:
    return any(len(node_text(e)) >= len(text) - 2 for e in node.css("em, i"))


def _image_captions(scope: LexborNode, protected: _Protected) -> list[LexborNode]:
    """Photo captions written as text, not <figcaption>: the short text sharing an image's
    paragraph (<p><img><br><em>…</em></p>, <div class="photo"><img><span>…</span></div>), or
    the italic or centred short paragraph right after an image-only one. A caption's
    figures describe the photo, not the article's subject."""
    found: list[LexborNode] = []
    for img in scope.css("img")[:_MAX_CANDIDATES]:
        block = _image_block(img)
        if block is None or block in protected or block.css_first("h1, h2, h3"):
            continue
        text = node_text(block)
        if text:
            if len(text) <= _CAPTION_MAX:
                found.append(block)
            continue
        after = block.next
        if after is None and block.tag == "td" and block.parent is not None and block.parent.next is not None:
            after = block.parent.next.css_first("td")  # the caption row under the photo row
        while after is not None and not after.is_element_node:
            if (after.text_content or "").strip():
                break
            after = after.next
        if after is None or not after.is_element_node or after in protected:
            continue
        text = node_text(after)
        style = after.attributes.get("style") or ""
        if 0 < len(text) <= _CAPTION_MAX and (
                _all_emphasised(after, text) or _CENTERED.search(style) or after.attributes.get("align") == "center"
                or "caption" in _class_id(after)):
            found.append(after)
    return found


# --------------------------------------------------------------------------- bylines

_BYLINE_CLASS = word_set("author byline tacgia tac-gia writer source nguon signature")
_BYLINE_PREFIX = re.compile(r"^(?:theo\s|nguồn\s?:|bài\s?(?:và|,|&)?\s?ảnh\s?:|bài\s?:|ảnh\s?:|tin\s?(?:và|,)\s?ảnh\s?:"
                            r"|nhóm\s+pv|\(?ttxvn\)?$|pv\b|ctv\b)", re.I)
_RIGHT_ALIGN = re.compile(r"text-align\s*:\s*right", re.I)
_BYLINE_MAX_CHARS = 70  # "Bài, ảnh: Nguyễn Thị Thu Hương (Trung tâm Văn hóa huyện)" is 55


def _looks_like_name(text: str) -> bool:
    """'Bùi Minh', 'Đinh Thắng (TTXVN)': one to five capitalised words, no digits."""
    core = re.sub(r"\([^()]{0,40}\)", " ", text).strip(" .,-–")
    words = core.split()
    return 1 <= len(words) <= 5 and all(w[0].isupper() for w in words) and not any(c.isdigit() for c in core)


def _is_byline(block: Block, last: bool) -> bool:
    text = block.text
    if len(text) > _BYLINE_MAX_CHARS:
        return False
    el = block.element
    if any(w in _BYLINE_CLASS for w in _class_words(el)):
        return True
    if not last:
        return False
    style = el.attributes.get("style") or ""
    align = (el.attributes.get("align") or "").lower()
    bare = text[1:-1] if text[:1] == "(" and text[-1:] == ")" else text  # "(Theo TTXVN)"
    return bool(_RIGHT_ALIGN.search(style) or align == "right" or block.bold_only
                or _BYLINE_PREFIX.match(bare) or _looks_like_name(bare))


_TRAILING_BYLINES = 2  # "Bùi Minh" then "(Theo TTXVN)": the most a page signs with


def _split_byline(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """Take the byline off the end (and any block marked as one); return (rest, author)."""
    kept: list[Block] = []
    marked: list[str] = []
    for block in blocks:
        if _is_byline(block, last=False):
            marked.append(block.text)
        else:
            kept.append(block)
    trailing: list[str] = []
    while kept[1:] and len(trailing) < _TRAILING_BYLINES and _is_byline(kept[-1], last=True):
        trailing.insert(0, kept.pop().text)
    names = marked or trailing
    return kept, (names[0] if names else None)


# --------------------------------------------------------------------------- furniture lines inside the content

# A photo caption as text: it ends with the photographer's credit ("... Ảnh: Ngọc Tài",
# "(Ảnh: Hoàng Hiếu/TTXVN)") or is only a credit or "Ảnh minh họa". The longest captions seen
# run ~250 characters (_CAPTION_MAX); the credit names a person or an agency, a few words.
_CAPTION_CREDIT = re.compile(r"(?:^|[\s.(\-–])\(?(?:ảnh|nguồn ảnh|photo|video)(?:\s+minh\s+h(?:ọa|oạ))?\s*:\s*"
                             r"[^.:!?]{1,60}\)?\.?$|^\(?ảnh\s+minh\s+h(?:ọa|oạ)\)?\.?$", re.I)
# A source line that is only a link: "Nguồn: https://...", "Theo www.x.vn", a bare URL.
_URL_LINE = re.compile(r"^\(?(?:(?:nguồn|theo|source|link|xem(?:\s+chi\s+tiết)?)(?:\s+tại)?\s*:?\s*)?"
                       r"(?:https?://|www\.)\S+\)?$", re.I)
# Labels of ad slots, share and tag bars, and box headings left alone in the content.
_LABEL_LINE = re.compile(r"^(?:quảng cáo|advertisement|tags?\s*:.*|từ khóa\s*:.*|chia sẻ|chia sẻ bài viết|"
                         r"bình luận|in bài|gửi bài|(?:>>\s*)?(?:xem|đọc) thêm\s*:?)$", re.I)
_LABEL_MAX = 120


def _drop_furniture_lines(blocks: list[Block]) -> list[Block]:
    """The blocks without what is not the article's text: captions, source URLs, labels.

    A credit line that ends the article, with at most another short line after it, may be
    the byline ("Ảnh: Minh Thu" signing the article): it is left to the byline reader."""
    last = len(blocks)
    while last > max(0, len(blocks) - _TRAILING_BYLINES) and len(blocks[last - 1].text) <= _BYLINE_MAX_CHARS:
        last -= 1
    kept = []
    for i, block in enumerate(blocks):
        text = block.text
        if len(text) <= _CAPTION_MAX:  # cheap substring tests first: most blocks are paragraphs
            if ("://" in text or "www." in text) and _URL_LINE.match(text):
                continue
            if len(text) <= _LABEL_MAX and (_LABEL_LINE.match(text) or (
                    len(text) <= _TEASER_KEY_MAX and _heading_key(text) in _TEASER_SET)):
                continue
            lower = text.lower()
            if (("ảnh" in lower or "photo" in lower or "video" in lower) and _CAPTION_CREDIT.search(text)
                    and not (i >= last and _BYLINE_PREFIX.match(text))):
                continue
        kept.append(block)
    return kept


_TEASER_KEY_MAX = max(len(h) for h in TEASER_HEADINGS) + 10  # room for spaces and punctuation around it


# --------------------------------------------------------------------------- profile path

def _read_with_profile(tree: LexborHTMLParser, url: str | None, p: SiteProfile) -> Reading | None:
    """The page read with the profile's selectors; None when its body selector finds no text."""
    s = p.selectors
    title = node_text(_first(tree, s.title))
    if s.title and not title:  # another site's page that shares a class name with this profile
        return None
    published = parse_published(node_text(_first(tree, s.published)), p.tzinfo)
    lead = node_text(_first(tree, s.lead)) or None
    category = _category([node_text(a) for a in tree.css(s.category)] if s.category else [])
    related = _links(tree.css(s.related), url) if s.related else []

    author = None
    if s.author:
        author_nodes = tree.css(s.author)  # reading their text leaves the tree as it was
        author = next((b for b in reversed([node_text(n) for n in author_nodes]) if b), None)
        _remove(author_nodes)
    body_node = _first(tree, s.body)
    if body_node is not None and s.drop and _matches_itself(body_node, ", ".join(s.drop)):
        body_node = None  # the profile drops its own body: not a page of this template
    paragraphs: list[str] = []
    main_len = 0
    if body_node is not None:
        main_len = len(node_text(body_node))
        _drop(body_node, s.drop)
        protected = _Protected(set())
        boxes, related_boxes = _teaser_boxes(body_node, protected)
        related += [link for link in _links(related_boxes, url) if link not in related]
        _remove(boxes)
        related += [link for link in _remove_junk(body_node, protected, url) if link not in related]
        blocks, byline = _split_byline(list(iter_blocks(body_node)))
        author = author or byline
        paragraphs = [b.text for b in blocks]
    if not paragraphs:
        return None
    if lead and paragraphs[0] != lead:
        paragraphs.insert(0, lead)
    body = "\n\n".join(paragraphs)
    article = Article(url=url, title=title, published=published, author=author, lead=lead, body=body,
                      category=category, related=related)
    return Reading(article, _cut_body(body, main_len))


def _matches_itself(node: LexborNode, selector: str) -> bool:
    """Does ``node`` itself match ``selector``? (Lexbor's css_matches is also true when only a
    descendant matches: a body holding a <figure> is no body the profile drops.) Matched from
    the parent, which still sees the node's ancestors as a match from the page would."""
    parent = node.parent
    scope = parent if parent is not None else node
    return any(match.mem_id == node.mem_id for match in scope.css(selector))


# Pseudo-classes (":first-child", ":has()") and sibling combinators ("+", "~") can match
# differently once other nodes are gone.
_CONTEXT_SELECTOR = re.compile(r"[:+~]")


def _drop(scope: LexborNode, selectors: tuple[str, ...]) -> None:
    """Remove what each selector matches inside ``scope``, as removing one selector's
    matches after the other does. A selector of types, classes, ids, attributes and
    descendant or child combinators matches a node by the node and its ancestors alone,
    which removing other nodes leaves as they were: such selectors are matched in one
    pass (each pass costs ~25 us over a 20 KB page) instead of one each.

    The profile path passes the body node, not the page: nothing else is read after the
    drop, and the page's sidebars and menus are most of its nodes (the seven-selector
    pass went 33 -> 4 us on a 21 KB page, 51 -> 5 us on the 60 KB one). Matching from a
    node still sees its ancestors, so ``div.main p.note`` drops the same paragraphs."""
    if not selectors:
        return
    # A node's css() matches the node itself too; the scope stays (its caller reads it).
    if any(_CONTEXT_SELECTOR.search(selector) for selector in selectors):
        for selector in selectors:
            _remove(n for n in scope.css(selector) if n.mem_id != scope.mem_id)
    else:
        _remove(n for n in scope.css(", ".join(selectors)) if n.mem_id != scope.mem_id)


def _category(names: list[str]) -> str | None:
    names = [n for n in names if n and n.lower() not in ("trang chủ", "home", "trang chu")]
    return names[-1] if names else None


# --------------------------------------------------------------------------- generic path: metadata

_ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenews", "analysisnewsarticle", "blogposting",
                            "report", "scholarlyarticle", "opinionnewsarticle", "backgroundnewsarticle"})
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_LD_FIELD = re.compile(r'"(headline|datePublished|articleSection|description)"\s*:\s*"((?:[^"\\]|\\.){0,2000})"')


@dataclass(slots=True)
class _Meta:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    section: str | None = None
    description: str | None = None
    site_name: str | None = None
    body: str | None = None  # JSON-LD articleBody, a last resort


def _json_ld_objects(raw: str) -> Iterator[dict]:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip().rstrip(";")
    doc = None
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            doc = json.loads(attempt, strict=False)
            break
        except (ValueError, RecursionError):
            continue
    if doc is None:  # malformed beyond repair: pick the fields out one by one
        fields = {m.group(1): m.group(2) for m in _LD_FIELD.finditer(raw[:200_000])}
        if fields:
            yield {"@type": "NewsArticle", **{k: _unescape_json(v) for k, v in fields.items()}}
        return
    stack: list[tuple[object, int]] = [(doc, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > 6:
            continue
        if isinstance(item, list):
            stack.extend((x, depth + 1) for x in reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend((x, depth + 1) for x in reversed(graph))


def _unescape_json(value: str) -> str:
    try:
        return json.loads(f'"{value}"', strict=False)
    except ValueError:
        return value


def _ld_type(obj: dict) -> set[str]:
    t = obj.get("@type")
    types = t if isinstance(t, list) else [t]
    return {str(x).lower().rsplit("/", 1)[-1] for x in types if x}


def _ld_text(value: object) -> str | None:
    """A JSON-LD value as text: 'x', {'name': 'x'}, ['x', {'name': 'y'}] -> 'x, y'."""
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_text(v) for v in value[:10]) if n]
        return ", ".join(names) or None
    return None


# The page's metadata elements, found in one pass: each css_first() of the fourteen lookups
# below walked the tree again (~4 us each on a 60 KB page); the dated elements of the body
# are looked for only when the metadata gives no date.
_META_ELEMENTS = 'script[type="application/ld+json"], meta'
_DATED_ELEMENTS = 'time[datetime], [itemprop="datePublished"][datetime]'
_PUBLISHED_KEYS = ("property=article:published_time", "name=pubdate", "name=publishdate", "meta-itemprop=datePublished",
                   "itemprop=datePublished", "name=date", "time")


def _metadata(tree: LexborHTMLParser, tz: timezone) -> _Meta:
    meta = _Meta()
    found: dict[str, str | None] = {}  # "property=og:title" -> the first such element's value

    def keep(key: str, node: LexborNode) -> None:
        if key not in found:
            attrs = node.attributes
            found[key] = attrs.get("content") or attrs.get("datetime")

    def look(nodes: list[LexborNode]) -> None:
        for node in nodes:
            tag = node.tag
            if tag == "script":
                _ld_metadata(meta, node.text(deep=True), tz)
                continue
            attrs = node.attributes
            if tag == "meta":
                for name in ("property", "name"):
                    if (value := attrs.get(name)) is not None:
                        keep(f"{name}={value}", node)
                if attrs.get("itemprop") == "datePublished":
                    keep("meta-itemprop=datePublished", node)
            elif tag == "time" and "datetime" in attrs:
                keep("time", node)
            if attrs.get("itemprop") == "datePublished" and "datetime" in attrs:
                keep("itemprop=datePublished", node)

    look(tree.css(_META_ELEMENTS))
    if not meta.published and not any(found.get(key) for key in _PUBLISHED_KEYS[:4]):
        look(tree.css(_DATED_ELEMENTS))

    def content(key: str) -> str | None:
        value = found.get(key)
        return clean_text(value) if value else None

    meta.title = meta.title or content("property=og:title") or content("name=twitter:title")
    meta.site_name = content("property=og:site_name")
    meta.description = meta.description or content("property=og:description") or content("name=description")
    meta.section = meta.section or content("property=article:section")
    meta.author = meta.author or content("name=author") or content("property=article:author")
    if not meta.published:
        for key in _PUBLISHED_KEYS:
            if published := parse_published(content(key), tz):
                meta.published = published
                break
    if meta.author and meta.author.startswith(("http://", "https://")):
        meta.author = None
    return meta


def _ld_metadata(meta: _Meta, raw: str, tz: timezone) -> None:
    for obj in _json_ld_objects(raw):
        if not _ld_type(obj) & _ARTICLE_TYPES:
            continue
        meta.title = meta.title or _ld_text(obj.get("headline") or obj.get("name"))
        meta.published = meta.published or parse_published(_ld_text(obj.get("datePublished")), tz)
        meta.author = meta.author or _ld_text(obj.get("author"))
        meta.section = meta.section or _ld_text(obj.get("articleSection"))
        meta.description = meta.description or _ld_text(obj.get("description"))
        meta.body = meta.body or (obj.get("articleBody") if isinstance(obj.get("articleBody"), str) else None)


# --------------------------------------------------------------------------- generic path: title, date, body

_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»]{1,2}\s+")
_TITLE_CANDIDATES = "h1, h2, h3, [class*=title], [class*=tieude], [class*=headline], td > b, td > strong, font > b"
_LEAD_WORDS = word_set("sapo lead summary chapeau chappeau excerpt description desc intro tomtat sapeau "
                        "trichdan abstract")
_DATE_HINTS = "[class*=date], [class*=time], [class*=publish], [class*=ngay], [id*=date], [id*=time], time"
# Bounds on how many elements a heuristic looks at: pages have a few dozen such
# elements; thousands mean a bait page, and each look reads text.
_MAX_CANDIDATES = 500
_DATE_AFTER_TITLE = 400  # characters after the title where a date line sits
_DATE_BEFORE_TITLE = 300


def _strip_site_name(title: str, site_name: str | None) -> str:
    """'Giá lúa tăng - Báo Hòa Bình' -> 'Giá lúa tăng' (the last part when it is short)."""
    if site_name and title.endswith(site_name) and len(title) > len(site_name) + 5:
        return title[: -len(site_name)].rstrip(" -|–—:»")
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and len(parts[-1].split()) <= 6 and len(parts[-1]) < len(title) / 2:
        return title[: title.rfind(parts[-1])].rstrip(" -|–—:»")
    return title


def _same_title(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 15 and (a in b or b in a)))


def _find_title(tree: LexborHTMLParser, meta: _Meta) -> tuple[str, LexborNode | None]:
    meta_title = _strip_site_name(meta.title, meta.site_name) if meta.title else None
    h1s = [(node_text(h), h) for h in tree.css("h1")[:20]]
    if meta_title:
        for text, h in h1s:
            if _same_title(text, meta_title):
                return text, h
        for node in tree.css(_TITLE_CANDIDATES)[:_MAX_CANDIDATES]:
            text = clean_text(_text_prefix(node, 500))
            if len(text) < 500 and _same_title(text, meta_title):
                return text, node
    for text, h in h1s:
        if len(text) >= 10:
            return (meta_title or text), h
    if meta_title:
        return meta_title, None
    page_title = tree.css_first("title")
    title = _strip_site_name(node_text(page_title), None) if page_title else ""
    if title:
        for node in tree.css(_TITLE_CANDIDATES)[:_MAX_CANDIDATES]:
            text = clean_text(_text_prefix(node, 500))
            if len(text) < 500 and _same_title(text, title):
                return text, node
    if len(title.split()) <= _GENERIC_TITLE_WORDS:  # "In bài viết", "Chi tiết tin": not this article's
        for node in tree.css("[class*=title], [class*=tieude]")[:_MAX_CANDIDATES]:
            text = clean_text(_text_prefix(node, 500))
            if _TITLE_MIN <= len(text) <= _TITLE_MAX and not node.css_first("a"):
                return text, node
    return title, None


_GENERIC_TITLE_WORDS = 4
_TITLE_MIN, _TITLE_MAX = 20, 250  # Vietnamese news titles run 40-150 characters


def _date_near(tree: LexborHTMLParser, title: str, title_node: LexborNode | None, tz: timezone) -> str | None:
    node = title_node
    for _ in range(4):  # the title's parent, grandparent, ...: the date line is a neighbour
        if node is None or node.parent is None:
            break
        node = node.parent
        text = clean_text(node.text())
        at = text.find(title) if title else -1
        if at >= 0:
            end = at + len(title)
            found = (parse_published(text[end:end + _DATE_AFTER_TITLE], tz)
                     or parse_published(text[max(0, at - _DATE_BEFORE_TITLE):at], tz))
        else:
            found = parse_published(text[:_DATE_AFTER_TITLE], tz)
        if found:
            return found
    for hint in tree.css(_DATE_HINTS)[:_MAX_CANDIDATES]:
        text = clean_text(_text_prefix(hint, 200))
        if len(text) < 200 and (found := parse_published(text, tz)):
            return found
    return parse_published(node_text(tree.body)[:20_000], tz) if tree.body else None


def _find_lead(scope: LexborNode | LexborHTMLParser, protected: _Protected,
               before: LexborNode | None = None, nearest: bool = False) -> LexborNode | None:
    """The sapo: the first element in ``scope`` classed like one (sapo, lead, summary, tomtat...),
    30-1500 chars; with ``before`` (the content), one that comes before it or inside it (the
    teasers after an article have sapos of their own); with ``nearest`` too, the last one before
    it (sidebars before the article list sapos of other articles), else the first inside it.
    One selector finds the elements whose class or id holds a lead word; the word test then
    runs on those few, not on every classed element of the page."""
    looked = 0
    found = None
    for node in scope.css(_LEAD_SELECTOR):
        if node in protected or node.tag in ("meta", "body", "html"):
            continue
        if before is not None and _comes_after(node, before):
            break
        if node.attributes.get("itemprop") == "description" or _has_lead_word(_class_words(node)):
            looked += 1
            if looked > _MAX_CANDIDATES:
                break
            text = clean_text(_text_prefix(node, 1600))
            if 30 <= len(text) <= 1500:
                if not nearest or before is None or _within(node, before):
                    return found or node
                found = node
    return found


def _has_lead_word(words: list[str]) -> bool:
    """['detail', 'sapo'] and ['tom', 'tat'] (tom-tat: the hyphenated 'tomtat') are leads' classes."""
    return any(w in _LEAD_WORDS for w in words) or any(a + b in _LEAD_WORDS for a, b in zip(words, words[1:], strict=False))


def _comes_after(node: LexborNode, other: LexborNode) -> bool:
    """Is ``node`` after ``other`` in document order, and not inside it?"""
    chain: dict[int, LexborNode | None] = {}  # other's ancestors -> their child on the way to other
    child, up = None, other
    while up is not None:
        chain[up.mem_id] = child
        child, up = up, up.parent
    child, up = None, node
    while up is not None and up.mem_id not in chain:
        child, up = up, up.parent
    if up is None or up.mem_id == other.mem_id or child is None:
        return False  # inside other, or other inside node
    theirs = chain[up.mem_id]
    sibling = child.next
    while sibling is not None:  # node's branch before other's: other comes among its next siblings
        if theirs is not None and sibling.mem_id == theirs.mem_id:
            return False
        sibling = sibling.next
    return True


# A superset of the elements with a lead word in class or id, in 16 selectors (the 28 exact
# ones took 215 us over a 60 KB page): "desc" finds description, "peau" chapeau, chappeau and sapeau,
# "tom" tomtat and tom-tat; the word test on the few found decides.
_LEAD_SELECTOR = ", ".join([
    *(f"[class*={w}]" for w in ("sapo", "lead", "summ", "peau", "excerpt", "desc", "intro", "tom", "trichdan",
                                "abstract")),
    *(f"[id*={w}]" for w in ("sapo", "lead", "summ", "desc", "tom")), "[itemprop=description]"])


def _best_container(root: LexborNode) -> LexborNode:
    """The element whose paragraph children hold the most non-link text.

    A <p> scores its text length minus twice its link text, for its parent in full
    and its grandparent by half (an article split into a few wrapper divs still
    wins as a whole); a div or td holding text directly (a sapo div, old table
    CMSs' <br> paragraphs) scores the same way and for itself too. The best few are then discounted by their
    overall link density, so a list of teaser links cannot win.
    """
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}

    def add(node: LexborNode | None, value: float) -> None:
        if node is None or node.tag in ("html",):
            return
        scores[node.mem_id] = scores.get(node.mem_id, 0.0) + value
        nodes[node.mem_id] = node

    for p in root.css("p, pre, blockquote"):
        text_len = len(node_text(p))
        if text_len < 20:
            continue
        link_len = sum(len(node_text(a)) for a in p.css("a"))
        value = text_len - 2 * link_len
        if value <= 0:
            continue
        if _after_headline_link(p):
            value *= _TEASER_SUMMARY_WEIGHT
        add(p.parent, value)
        add(p.parent.parent if p.parent else None, value / 2)
    for holder in root.css("div, td, section, article, span, font"):
        direct = len(clean_text(holder.text(deep=False)))
        if direct >= 40:  # a paragraph-like div (sapo, <br> text) scores for its parent as a <p> would
            add(holder, direct)
            add(holder.parent, direct)
            add(holder.parent.parent if holder.parent else None, direct / 2)
    if not scores:
        return root
    best = sorted(scores, key=scores.__getitem__, reverse=True)[:5]

    def discounted(mem_id: int) -> float:
        node = nodes[mem_id]
        total = len(node_text(node)) or 1
        links = sum(len(node_text(a)) for a in node.css("a"))
        return scores[mem_id] * max(0.0, 1.0 - links / total)

    winner = nodes[max(best, key=discounted)]
    return _join_split_body(winner, scores)


_SPLIT_PART_SHARE = 0.3  # a sibling with this share of the winner's score is more of the same article
_SPLIT_PART_LINKS = 0.25  # ...unless links fill this share of its text (a teaser list)


def _join_split_body(winner: LexborNode, scores: dict[int, float]) -> LexborNode:
    """The winner's parent when the article is split across sibling <div>s (an ad, a photo
    between parts): a sibling that scores like body text and is not a link list."""
    parent = winner.parent
    if parent is None or parent.tag in ("body", "html") or winner.mem_id not in scores:
        return winner
    if winner.tag in ("font", "span") and parent.tag == "td":  # <td><font>text<br><br>text</font></td>
        winner, parent = parent, parent.parent
    if parent is not None and winner.tag == "td" and len(parent.css("td")) == 1:
        # an old table template gives title, date, sapo, body and byline a row each: the table
        # is the article when it is not a link list
        table = parent.parent.parent if parent.parent is not None and parent.parent.tag == "tbody" else parent.parent
        if table is not None and table.tag == "table" and _link_share(table) < _SPLIT_PART_LINKS:
            return table
    floor = _SPLIT_PART_SHARE * scores[winner.mem_id]
    part = winner
    for _ in range(_WRAPPER_LEVELS):  # <div><div><p>…</p></div></div>: the part is the outer wrapper
        if parent is None or parent.tag in ("body", "html") or len(node_text(parent)) > len(node_text(part)):
            break
        part, parent = parent, parent.parent
    if parent is None or parent.tag in ("body", "html"):
        return winner
    for sibling in parent.iter(include_text=False):
        if sibling.mem_id == part.mem_id or scores.get(sibling.mem_id, 0.0) < floor:
            continue
        if _link_share(sibling) < _SPLIT_PART_LINKS:
            return parent
    return winner


_WRAPPER_LEVELS = 3  # editors' pasted paragraphs come wrapped two or three divs deep
# A paragraph right after a headline link (<h3><a>…</a></h3><p>…</p>) is a teaser's summary: it
# counts for a fifth, so a sidebar list of teasers cannot outscore an article whose paragraphs
# sit in wrapper divs of their own (those score only for their wrappers, not for the content).
_TEASER_SUMMARY_WEIGHT = 0.2


def _after_headline_link(p: LexborNode) -> bool:
    before = p.prev
    while before is not None and not before.is_element_node:
        before = before.prev
    if before is None or before.tag == "p":
        return False
    link = before if before.tag == "a" else before.css_first("a")
    return link is not None and len(node_text(link)) >= _HEADLINE_MIN_CHARS


def _link_share(node: LexborNode) -> float:
    total = len(node_text(node)) or 1
    return sum(len(node_text(a)) for a in node.css("a")) / total


_DATE_LINE_MAX = 80  # "Thứ Hai, 10/04/2023 08:30 (GMT+7)" and friends
_DATE_LINE_WORDS = 6  # "Cập nhật lúc 08:30 ngày 10/04/2023": more words make it a sentence
_HEADING_BLOCKS = 4  # title, date line, author line, sapo: where a date line can sit
_BOLD_LEAD_MIN = 60  # a bold line shorter than this is a subheading, not a sapo


def _read_generic(tree: LexborHTMLParser, url: str | None, tz: timezone) -> Reading:
    meta = _metadata(tree, tz)
    title, title_node = _find_title(tree, meta)
    published = meta.published or _date_near(tree, title, title_node, tz)
    category = meta.section or _breadcrumb_category(tree)

    container = _content_container(tree.body, meta)
    if container is not None:
        lead, blocks, related, main_len = _read_container(container, title_node, url)
    else:
        lead, blocks, related, main_len = _read_densest(tree.body, title_node, url)
    blocks = [b for i, b in enumerate(blocks) if not _is_heading_noise(b, title, i)]
    blocks = _drop_furniture_lines(blocks)
    blocks, byline = _split_byline(blocks)
    paragraphs = [b.text for b in blocks]
    if lead:
        paragraphs = [p for p in paragraphs if p != lead]
    elif paragraphs and (blocks[0].bold_only and len(paragraphs[0]) >= _BOLD_LEAD_MIN
                         or meta.description and _same_title(paragraphs[0][:200], meta.description[:200])):
        lead = paragraphs[0]  # a bold first paragraph is the sapo of older CMS templates
        paragraphs = paragraphs[1:]
    if not paragraphs and meta.body:
        paragraphs = [clean_text(p) for p in meta.body.splitlines() if p.strip()]
    if lead:
        paragraphs.insert(0, lead)
    body = "\n\n".join(paragraphs)
    # The author box is looked for only when the content ends with no byline (~50 us of selectors
    # on a 60 KB page); the clean-up before it removes furniture and other articles' boxes, and
    # the authors of every fixture and sample page came out the same as when it ran first.
    author = byline or _author_box(tree) or meta.author
    article = Article(url=url, title=title, published=published, author=author,
                      lead=lead, body=body, category=category, related=related)
    return Reading(article, _cut_body(body, max(main_len, len(meta.body or ""))))


_NEVER_TEXT = "script, style, noscript, template"


# --------------------------------------------------------------------------- generic path: the content container

# The elements Vietnamese CMSs hold an article's text in, by class, id or itemprop, as their
# templates name them: VnExpress fck_detail; Dân trí singular-content; the VCCorp CMS (Tuổi Trẻ,
# Thanh Niên, Người Lao Động, CafeF, Báo Chính phủ, VTV) detail-content and entry-body; VietnamNet
# maincontent; the ZCE CMS (Nhân Dân, Tiền Phong, SGGP, Pháp luật TP.HCM, VietnamPlus and many
# provincial papers) cms-body and article__body; VnEconomy detail__content; Znews the-article-body;
# VOV article-content; Lao Động art-body; the b-/c- CMS (Báo Nghệ An, Công lý) b-maincontent;
# the names English templates use, and the Vietnamese ones of older provincial CMSs and portals
# (noidung "content", chitiet "detail").
_CONTENT_CLASSES = word_set(
    "fck_detail singular-content dt-news__content detail-content detail__content maincontent content-detail-body "
    "cms-body article__body the-article-body article-content article-body art-body b-maincontent contentdetail "
    "content_detail news-content detail-news-content post-content post-body entry-content entry-body body-text "
    "detail-body journal-content-article noidung noi-dung noidung-chitiet chitiet chi-tiet")
_CONTENT_IDS = word_set("entry-body maincontent content_detail news-content")
# A few substring selectors find a superset of them in one pass (a selector costs ~5-9 us a 60 KB
# page, the 41 exact ones took 160 us); the names are then checked on those few elements.
# (VnExpress's fck_detail is an <article>.)
_CONTENT_SELECTOR = ("article, [itemprop=articleBody], [class*=content], [class*=body], [id*=content], [id*=body], "
                     "[class*=dung], [class*=tiet]")


def _is_content_element(node: LexborNode) -> bool:
    if node.tag == "article":
        return True
    attrs = node.attributes
    classes = attrs.get("class")
    return (attrs.get("itemprop") == "articleBody" or attrs.get("id") in _CONTENT_IDS
            or (classes is not None and not _CONTENT_CLASSES.isdisjoint(classes.split())))


# A container holds the article only if it holds this much of the page's text: a teaser card
# (<article class="item-news">, ~300 characters) on a page whose article sits in an unnamed div
# is 1-2 % of the body text; the real containers of the fixture pages are 9-60 %.
_CONTAINER_MIN_SHARE = 0.08
_CONTAINER_MIN_CHARS = 1500  # ...or this much text, whatever the sidebars hold
_INNER_SHARE = 0.5  # a named element inside a bigger one, holding half its text, is the article proper


def _content_container(body: LexborNode, meta: _Meta) -> LexborNode | None:
    """The element the page names as its content; None when no named element holds enough
    of the page's text (the density reader takes over).

    Of the named elements, the smallest that holds at least half as much text as the
    biggest: <article> around the title, the content and the related boxes names the same
    text as the <div class="detail-content"> inside it, with less of the rest. When JSON-LD
    gives the article's text, the container is widened until it holds the article's end."""
    found = [node for node in body.css(_CONTENT_SELECTOR) if _is_content_element(node)][:_MAX_CANDIDATES]
    if not found:
        return None
    sized = [(len(node.text(deep=True)), node) for node in found]
    longest = max(size for size, _ in sized)
    if longest < _CONTAINER_MIN_CHARS and longest < _CONTAINER_MIN_SHARE * len(body.text(deep=True)):
        return None
    _size, container = min(((size, node) for size, node in sized if size >= _INNER_SHARE * longest),
                           key=lambda pair: pair[0])
    if meta.body and (tail := _article_tail(meta.body)):
        wider = container
        for _ in range(_WIDEN_LEVELS):
            if tail in clean_text(wider.text(deep=True)) or wider.parent is None or wider.parent.tag in ("body", "html"):
                break
            wider = wider.parent
        if tail in clean_text(wider.text(deep=True)):
            container = wider
    return container


_WIDEN_LEVELS = 4  # a content div split from its last part sits a few wrappers below their common parent
_TAIL_CHARS = 40


def _article_tail(article_body: str) -> str | None:
    """The last words of JSON-LD articleBody's last paragraph, as the page shows them."""
    lines = [line for line in article_body.splitlines() if line.strip()]
    return clean_text(lines[-1])[-_TAIL_CHARS:] if lines else None


def _read_container(container: LexborNode, title_node: LexborNode | None,
                    url: str | None) -> tuple[str | None, list[Block], list[Link], int]:
    """Lead, paragraph blocks, related links and main-text length (the container's text but
    its scripts) of a page whose content element is known.

    Only the container is cleaned: teaser boxes, furniture, captions and embedded links to
    other articles inside it are removed. Related links come from the article's column
    (title, content and the boxes after it), the rest of the page is not looked at."""
    _remove(container.css(_NEVER_TEXT))
    main_len = len(clean_text(container.text(deep=True)))
    protected = _Protected.ancestors_of(title_node).with_ancestors_of(container)
    scope = _article_scope(title_node, container)
    lead_node = _find_lead(scope, protected, before=container)
    lead = node_text(lead_node) if lead_node is not None else None  # read now: clean-up may free it
    if lead_node is not None:
        protected.ids.add(lead_node.mem_id)
    # the related boxes sit in the content or after it, in the article's column or right beside it
    column = scope.parent if scope.parent is not None and scope.parent.tag not in ("body", "html") else scope
    boxes, related_boxes = _teaser_boxes(container, protected)
    related_boxes += _related_boxes(container)
    for part in _parts_after(container, column):
        related_boxes += _teaser_boxes(part, protected, _RELATED_ONLY)[1] + _related_boxes(part)
    related = _links(_outermost(related_boxes), url)  # those in the container are not looked at again
    _remove(boxes)
    _remove_junk(container, protected, url, links=False)
    link_boxes = _link_boxes(container, protected, url)
    related += [link for link in _links(link_boxes, url) if link not in related]
    _remove(link_boxes)
    return lead, list(iter_blocks(container)), related, main_len


def _parts_after(node: LexborNode, top: LexborNode) -> list[LexborNode]:
    """The elements after ``node`` in each of its ancestors up to ``top``, in document order,
    but sidebars, menus and footers (their boxes list the whole site, and they are most of a
    page's nodes)."""
    parts = []
    while node is not None and node.mem_id != top.mem_id:
        sibling = node.next
        while sibling is not None:
            if sibling.is_element_node and sibling.tag not in _NOT_RELATED_TAGS and (
                    not _is_junk_class(sibling) or any(h in "".join(_class_words(sibling)) for h in _RELATED_HINTS)):
                parts.append(sibling)
            sibling = sibling.next
        node = node.parent
    return parts


_NOT_RELATED_TAGS = frozenset({"nav", "aside", "footer", "header", "script", "style", "form"})


def _within(node: LexborNode, ancestor: LexborNode) -> bool:
    while node is not None:
        if node.mem_id == ancestor.mem_id:
            return True
        node = node.parent
    return False


def _article_scope(title_node: LexborNode | None, container: LexborNode) -> LexborNode:
    """The smallest element holding both the title and the content: the article's column, where
    its sapo and its related boxes sit (the page's sidebars list other articles' sapos)."""
    inside = _Protected.ancestors_of(container)
    node = title_node
    while node is not None and node not in inside:
        node = node.parent
    if node is None or node.tag in ("body", "html"):
        return container.parent if container.parent is not None and container.parent.tag != "html" else container
    return node


# A superset of the boxes _remove_junk takes related links from (class words "related",
# "lienquan", "tin-khac", "other-news", "cung-chuyen-muc", "docnhieu"...), in nine selectors:
# a selector costs ~4 us a 60 KB page, and the 25 exact ones took 170 us.
_RELATED_BOXES = ", ".join([*(f"[class*={h}]" for h in ("relat", "lien", "khac", "other", "more", "chuyen", "nhieu")),
                            "[id*=relat]", "[type*=elated]"])


def _related_boxes(scope: LexborNode) -> list[LexborNode]:
    """The elements in ``scope`` classed as related-article boxes (what _remove_junk takes
    related links from), found by one selector instead of a look at every classed element."""
    return [n for n in scope.css(_RELATED_BOXES)
            if n.tag not in ("html", "body")
            and ("related" in (n.attributes.get("type") or "").lower()
                 or _is_junk_class(n) and any(h in "".join(_class_words(n)) for h in _RELATED_HINTS))]


# A link to another article of the site followed by a short summary, inside the content: the
# related boxes CMSs embed between paragraphs (VietnamNet ck-cms-insert-news, ZCE "story",
# Znews inner-article), whatever their class names. Teaser headlines run 20-150 characters and
# 4+ words; their summaries 80-300 characters.
_HEADLINE_MIN_CHARS, _HEADLINE_MAX_CHARS, _HEADLINE_MIN_SPACES = 20, 200, 3
_BOX_SUMMARY_MAX = 400
_LINK_PREFIX_MAX = 25  # "Xem thêm: ", ">> Đọc thêm:" before a headline link
_ARTICLE_PATH = re.compile(r"\d{4,}|[^/?#=]*-[^/?#=]*-[^/?#=]*")  # an id, or a slug of 3+ words


def _link_boxes(scope: LexborNode, protected: _Protected, url: str | None) -> list[LexborNode]:
    """The embedded boxes in ``scope`` that hold a headline link to another article of the site:
    from the link up to the outermost element that starts with the headline and adds at most
    a summary to it. A link inside a sentence (text runs on before or after it) is no box."""
    page = _PageURL.of(url) if url else None
    boxes: list[LexborNode] = []
    for a in scope.css("a[href]")[:_MAX_CANDIDATES]:
        headline = node_text(a)
        if not _is_headline(headline) or _inline_link(a) or not _another_article(a.attributes.get("href"), page):
            continue
        box = a
        while (up := box.parent) is not None and up not in protected and up.tag not in ("body", "html"):
            text = node_text(up)
            if len(text) > len(headline) + _BOX_SUMMARY_MAX or text.find(headline) > _LINK_PREFIX_MAX:
                break
            box = up
        boxes.append(box)
    return boxes


def _is_headline(text: str) -> bool:
    return (_HEADLINE_MIN_CHARS <= len(text) <= _HEADLINE_MAX_CHARS and text.count(" ") >= _HEADLINE_MIN_SPACES
            and not (text.endswith(".") and not text.endswith("..")) and "://" not in text)


def _inline_link(a: LexborNode) -> bool:
    """Does the link sit inside running text? Words right after it, or a sentence before it."""
    after = a.next
    if after is not None and after.is_text_node and any(ch.isalpha() for ch in (after.text_content or "")[:3]):
        return True
    before = a.prev
    return before is not None and before.is_text_node and len((before.text_content or "").strip()) > _LINK_PREFIX_MAX


def _another_article(href: str | None, page: _PageURL | None) -> bool:
    """Is ``href`` an article page of this site other than ``page``?"""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    if page is None:
        return _ARTICLE_PATH.search(href) is not None
    absolute, host = _resolve(href, page)
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


def _read_densest(body: LexborNode, title_node: LexborNode | None,
                  url: str | None) -> tuple[str | None, list[Block], list[Link], int]:
    """Lead, blocks, related links and main-text length of a page with no named content
    element: furniture is removed from the whole page, then the densest text wins."""
    protected = _Protected.ancestors_of(title_node)
    boxes, related_boxes = _teaser_boxes(body, protected)
    related = _links(related_boxes, url)
    _remove(boxes)
    related += [link for link in _remove_junk(body, protected, url) if link not in related]
    container = _best_container(body)
    lead_node = _find_lead(body, protected, before=container, nearest=True)
    lead = node_text(lead_node) if lead_node is not None else None
    main_len = len(node_text(container))
    link_boxes = _link_boxes(container, protected.with_ancestors_of(container), url)
    related += [link for link in _links(link_boxes, url) if link not in related]
    _remove(link_boxes)
    return lead, list(iter_blocks(container)), related, main_len


def _breadcrumb_category(tree: LexborHTMLParser) -> str | None:
    breadcrumb = tree.css_first("[class*=breadcrumb], [itemtype*=BreadcrumbList], [class*=duongdan]")
    return _category([node_text(a) for a in breadcrumb.css("a")]) if breadcrumb else None


_AUTHOR_BOXES = ("[class*=author], [class*=tacgia], [class*=tac-gia], [class*=byline], [rel=author], "
                 "[itemprop=author]")


def _author_box(tree: LexborHTMLParser) -> str | None:
    """The name in an author element outside the body text (<div class="author-name"><b>Hoài Thu</b>),
    the innermost one that holds just a name (an 'author-wrap' also holds the date)."""
    for node in tree.css(_AUTHOR_BOXES)[:_MAX_CANDIDATES]:
        if node.tag in ("meta", "link", "body", "html"):
            continue
        for part in (node, *node.css("a, b, strong, [class*=name]")[:5]):
            text = clean_text(_text_prefix(part, 120)).removeprefix("Tác giả:").strip()
            if 0 < len(text) <= _BYLINE_MAX_CHARS and _looks_like_name(text):
                return text
    return None


def _is_heading_noise(block: Block, title: str, position: int) -> bool:
    """The title and the date line when the container holds them too (at its top)."""
    text = block.text
    if text == title or block.element.tag == "h1":
        return True
    return (position < _HEADING_BLOCKS and len(text) <= _DATE_LINE_MAX
            and len(_WORD.findall(text)) <= _DATE_LINE_WORDS and _from_vietnamese(text, VIETNAM) is not None)


_WORD = re.compile(r"[^\W\d_]{2,}")

