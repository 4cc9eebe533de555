"""HTML -> Article: the site profile first, then a generic reader for any layout.

Order of work for one page:

1. bytes -> str (declared or sniffed encoding), NFC, hostile-input guards
   (size cap, nesting depth, binary garbage);
2. the profile path when the profile's ``article`` selector matches the page
   (the sample site runs on 127.0.0.1, so a host alone does not decide);
3. otherwise the generic reader: metadata (JSON-LD, Open Graph, <meta>, <time>),
   Vietnamese date text near the title, then the body: the content element the
   page names, read whole, or the densest text.

Both paths remove teaser boxes ("Các tin khác", "Tin liên quan", ...) before any
body text is read: the metric extractor runs over ``Article.body``, and a teaser's
figures in it would be credited to this article.

This module holds the entry points and the profile path; the rest of the reader is in
``hbetl.reader_generic`` (the generic path's body), ``hbetl.reader_metadata`` (dates,
JSON-LD and <meta>, title, author), ``hbetl.reader_common`` (what both paths do: teaser
boxes, furniture, bylines, the whole-body check) and ``hbetl.reader_links`` (links).
"""

from __future__ import annotations

import re
import unicodedata

from selectolax.lexbor import LexborHTMLParser, LexborNode

from hbetl.errors import BadContent, ParseError
from hbetl.htmltext import (
    MAX_DEPTH,
    decode_html_keeping_utf8,
    flatten_nesting,
    iter_blocks,
    nesting_depth,
    node_text,
    normalize_document,
    refuse_binary_text,
)
from hbetl.models import Article
from hbetl.profiles import SiteProfile, load_profiles
from hbetl.reader_common import (
    RELATED_HEADINGS,
    TEASER_HEADINGS,
    Reading,
    _cut_body,
    _Protected,
    _remove,
    _remove_junk,
    _split_byline,
    _teaser_boxes,
)
from hbetl.reader_generic import _read_generic
from hbetl.reader_links import _links
from hbetl.reader_metadata import VIETNAM, _category, parse_published

__all__ = ["Article", "Reading", "parse_article", "read_article", "parse_published", "DEFAULT_MAX_BYTES", "TEASER_HEADINGS", "RELATED_HEADINGS"]

# The seed page is 60 KB; the biggest real article pages seen are under 1 MB.
# Above 10 MB a "page" is a mistake or an attack, and parsing it costs memory.
DEFAULT_MAX_BYTES = 10_000_000


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
    page, flattened = _page_utf8(html, content_type, max_bytes, subject)
    try:
        tree = LexborHTMLParser(page)
    except (ValueError, RuntimeError, MemoryError) as exc:  # Lexbor's own failures
        raise BadContent(f"HTML parser failed ({type(exc).__name__})", subject=subject) from exc
    if tree.body is None:
        raise ParseError("no article found (no <body>)", subject=subject)

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
        raise ParseError("no article found (no title and no body text)", subject=subject)
    _compose(reading.article)
    if flattened:
        # Its tree was too deep to keep, so what stood where (the date, the menu) may be mixed up.
        reading.suspect = f"nested over {MAX_DEPTH:,} elements deep: read flattened, its date and body may be wrong"
    elif reading.suspect is None and _CLOSED_PAGE_RE.search(page) is None:
        reading.suspect = "the page ends before its </body> and </html> (cut short?)"
    elif reading.suspect is None and (bad := reading.article.body.count("\ufffd")):
        # Bytes the page's encoding could not read (decode_html kept the rest): figures beside them may be lost.
        reading.suspect = f"{bad} characters of the body could not be decoded"
    return reading


def _compose(article: Article) -> None:
    """NFC the article's text where the page wrote it decomposed in character references. The page is NFC'd before it
    is parsed (normalize_document), but a reference is read by the parser after: an old editor that wrote what a
    combining-mark keyboard ("Unicode tổ hợp") typed as entities ("Vi&ecirc;&#803;t", b11_baohoabinh_archive) gives
    "e" + U+0302 + U+0323 in the text, which no comparison or search for "Việt" finds."""
    for field in ("title", "lead", "author", "body"):
        text = getattr(article, field)
        if text and not text.isascii() and not unicodedata.is_normalized("NFC", text):
            setattr(article, field, unicodedata.normalize("NFC", text))


# Whether the page was sent to its end: a server that stops mid-page under a Content-Length that
# matches what it sent leaves no other trace (fault probe: an article cut after its third paragraph,
# 7 figures -> 4, loaded without a word). Every fixture page, real layouts included, closes both.
_CLOSED_PAGE_RE = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)


def _page_utf8(html: str | bytes, content_type: str | None, max_bytes: int, subject: str) -> tuple[bytes, bool]:
    """The page as the UTF-8 bytes Lexbor parses: decoded, guarded, NFC; and whether it was
    flattened (nested deeper than MAX_DEPTH).

    Lexbor reads a str by encoding it to UTF-8 and bytes as UTF-8 as they are, so the
    bytes of the final text parse exactly as that text would. They are made once: the
    strict UTF-8 page as fetched, or the encoding that checks for lone surrogates, are
    those bytes when the clean-up below left the text as it was.
    """
    if len(html) > max_bytes:
        raise BadContent(f"{len(html):,} bytes exceeds the {max_bytes:,}-byte cap", subject=subject)
    utf8: bytes | None = None
    if isinstance(html, bytes | bytearray | memoryview):
        text, utf8 = decode_html_keeping_utf8(bytes(html), content_type, subject=subject)
    elif isinstance(html, str):
        text = html
    else:
        raise BadContent(f"expected str or bytes, got {type(html).__name__}", subject=subject)
    if not text or text.isspace():  # (strip() copied the whole page to learn the same)
        raise ParseError("no article found (empty page)", subject=subject)
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
        return flatten_nesting(cleaned).encode("utf-8"), True
    return utf8, False


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
