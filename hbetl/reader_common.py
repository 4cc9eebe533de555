"""What both readers (the profile path and the generic one) do to a page's article text.

The ``Reading`` a read gives and the whole-body check; teaser boxes ("Các tin khác", "Tin liên
quan", ...) found by their headings; page furniture removed by tag and class (menus, share bars,
related boxes, captions); bylines taken off the end of the body; caption, source-URL and label
lines dropped from it. Teaser boxes go before any body text is read: the metric extractor runs
over ``Article.body``, and a teaser's figures in it would be credited to this article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from selectolax.lexbor import LexborAttributes, LexborNode

from hbetl.htmltext import (
    Block,
    clean_text,
    node_text,
    word_set,
)
from hbetl.indicators import phrase_alternation
from hbetl.models import Article, Link
from hbetl.reader_links import _links


@dataclass(slots=True)
class Reading:
    """One page as read: the article, and why the read may be wrong (its body looks cut, the page
    stops before its closing tags, bytes could not be decoded, it was read flattened; set in
    hbetl/parse.py), or None, for the run to log and count."""

    article: Article
    suspect: str | None = None


# A body under a third of the text of the element it was read from (or of JSON-LD articleBody)
# lost most of the article: the held-out real pages' cut bodies kept 8-30 % of it (issue 16),
# and the whole ones of the fixture pages keep 42 % or more (captions, boxes and bylines are the rest).
_WHOLE_SHARE = 1 / 3


def _cut_body(body: str, main_len: int) -> str | None:
    """Why ``body`` looks cut short, or None when it holds enough of the main text."""
    if main_len and len(body) < _WHOLE_SHARE * main_len:
        return f"body is {len(body):,} characters of the {main_len:,} in its content element"
    return None


# A run of base64 letters no language writes, hundreds long: a part of the article sent encoded for the page's
# script to decode. A public crawler's site rules say the CMS of baophutho.vn and Báo Thanh Hóa sends part of
# some articles encrypted; held as text in the content, it would reach the body as a paragraph of gibberish.
_ENCODED_RUN = re.compile(r"[A-Za-z0-9+/]{200,}={0,2}")
_ENCODED_MIN = 200


def _drop_encoded(blocks: list[Block]) -> tuple[list[Block], int]:
    """The blocks without those holding an encoded run, and how many characters those held."""
    encoded = [b for b in blocks if len(b.text) >= _ENCODED_MIN and _ENCODED_RUN.search(b.text)]
    if not encoded:
        return blocks, 0
    return [b for b in blocks if b not in encoded], sum(len(b.text) for b in encoded)


def _encoded_part(chars: int) -> str | None:
    """Why a body whose content held encoded text is not whole, or None."""
    return f"the content held {chars:,} characters of encoded text (a part sent encrypted?)" if chars else None


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
                    "relatedbox", "relate-", "relate_", "duongdan", "print_mail", "print-mail", "sendmail",
                    "readmore", "read-more")  # "Đọc tiếp" / "Xem tiếp" buttons (Tuổi Trẻ readmore-body-box)
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


def _is_junk_or_related(attrs: LexborAttributes) -> bool:
    """_is_junk_class, or a type="related…" element, read from one attribute view (a node's
    ``attributes`` dict, built at each call, took twice as long as ``attrs.get``)."""
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip().lower()
    return bool(raw) and _JUNK_CLASS.search(raw) is not None or "related" in (attrs.get("type") or "").lower()


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
        # everything after it in its parent covers both, up to a paragraph of running text with
        # no link that is no headline's summary: teasers are headline links (each with its
        # summary), and the article resumes there (CafeF's "TIN MỚI" box opens its content with
        # an empty list a script fills, the paragraphs after it).
        first = len(boxes)
        sibling: LexborNode | None = head
        previous: LexborNode | None = None  # the last element after the heading and before sibling
        while sibling is not None and sibling not in protected:
            if sibling is not head and sibling.is_element_node:
                if _running_text(sibling) and (previous is None or not _headline_link(previous)):
                    break
                previous = sibling
            if sibling.mem_id not in seen:
                seen.add(sibling.mem_id)
                boxes.append(sibling)
            sibling = sibling.next
        if key in RELATED_HEADINGS or any(key.startswith(h + " ") for h in RELATED_HEADINGS):
            related.extend(boxes[first:])
    return boxes, related


_RUNNING_TEXT_MIN = 80  # a sentence; the date or source line after a teaser headline is shorter


def _running_text(node: LexborNode) -> bool:
    """A paragraph of running text: a <p> of a sentence or more with no link in it."""
    return (node.tag == "p" and node.css_first("a") is None
            and len(_text_prefix(node, _RUNNING_TEXT_MIN).strip()) >= _RUNNING_TEXT_MIN)


def _headline_link(node: LexborNode) -> bool:
    """A teaser's headline: a link, or an element whose text is all a link's (<h4><a>…</a></h4>)."""
    if node.tag == "a":
        return True
    link = node.css_first("a")
    return link is not None and len(node_text(link)) >= len(node_text(node)) - 2 > 0


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
    _remove(_figure_captions(scope, protected))  # read before the figures go: they are what marks them
    _remove(n for n in scope.css(_JUNK_TAGS) if n not in protected)
    junk = [n for n in scope.css("[class], [id], [type]")
            if n not in protected and n.tag not in ("html", "body", "input", "script") and _is_junk_or_related(n.attrs)]
    related = _links((n for n in junk if any(h in "".join(_class_words(n)) for h in _RELATED_HINTS)), url) if links else []
    _remove(junk)
    _remove(n for n in scope.css(_CAPTION_TABLES) if n not in protected)
    _remove(_image_captions(scope, protected))
    return related


_CAPTION_MAX = 300  # the longest photo captions seen run ~250 characters; a paragraph is longer
# A caption's class under the photo: "caption", or the Vietnamese "chú thích" run together (24h's
# <p class="img_chu_thich_0407"> under a <p> holding only the <img>), or "note" (the content-fck CMS of
# Báo An Giang, Báo Cần Thơ and Đồng Khởi: <p class="note ignore">). Only right after a photo: web
# projects use "chuthich" and "note" for form notes and labels too.
_CAPTION_NAMES = ("caption", "chuthich", "chu-thich", "chu_thich", "note")
_PARAGRAPH_TAGS = frozenset({"p", "div", "td", "li", "center", "span"})
_CENTERED = re.compile(r"text-align\s*:\s*center", re.I)


def _image_block(img: LexborNode) -> LexborNode | None:
    node = img.parent
    while node is not None and node.tag not in _PARAGRAPH_TAGS and node.tag not in ("body", "html"):
        node = node.parent
    return node if node is not None and node.tag in _PARAGRAPH_TAGS else None


def _all_emphasised(node: LexborNode, text: str) -> bool:
    return any(len(node_text(e)) >= len(text) - 2 for e in node.css("em, i"))


# A bold line under a photo is its caption only this short: the captions of the real-layout pages run
# 13-113 characters, while a sapo, set bold under the lead photo on some templates, runs ~150-400
# and holds the report's first figures.
_BOLD_CAPTION_MAX = 160


def _all_bold(node: LexborNode, text: str) -> bool:
    return len(text) <= _BOLD_CAPTION_MAX and any(len(node_text(e)) >= len(text) - 2 for e in node.css("strong, b"))


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
        last_row = False
        # (a photo's cell is the last of its row with only whitespace after it: pretty-printed tables, as
        # Báo Quân đội nhân dân's <table class="imgEditor">, put a newline between the </td> and the </tr>)
        if block.tag == "td" and _element_after(block) is None and (row := _element_after(block.parent)) is not None:
            after = row.css_first("td")  # the caption row under the photo row
            # a photo's table of two rows, the photo's and the caption's (old CMSs' image tables with no class:
            # Báo Cần Thơ, Báo Yên Bái, Cao Bằng's portal, Báo Bắc Giang): the second row is the caption
            last_row = _element_after(row) is None and _element_before(block.parent) is None
        while after is not None and (not after.is_element_node or _empty_spacer(after)):
            if not after.is_element_node and (after.text_content or "").strip():
                break
            after = after.next
        if after is None or not after.is_element_node or after in protected:
            continue
        text = node_text(after)
        # Set as a caption (_set_as_caption), or, right after a photo, bold, the last row of a photo's
        # table, or a bare <div> between paragraphs.
        if _set_as_caption(after, text) or (0 < len(text) <= _CAPTION_MAX and (
                last_row or _all_bold(after, text) or _bare_div_between_paragraphs(block, after, text))):
            found.append(after)
    return found


def _figure_captions(scope: LexborNode, protected: _Protected) -> list[LexborNode]:
    """The captions written as the paragraph after a <figure> that has no <figcaption>: the ex-cdn "explus" editor of
    Gia đình & Xã hội (and VTC News) leaves <figure class="expNoEdit"><img></figure> and puts the caption in the next
    <p style="text-align: center;"><em>…</em></p>. The figure goes as furniture, and with it what made that
    paragraph a caption: it is taken first, on the tests a caption under a photo paragraph meets too."""
    found = []
    for figure in scope.css("figure")[:_MAX_CANDIDATES]:
        if figure in protected or figure.css_first("figcaption") is not None or figure.css_first("img") is None:
            continue
        after = _element_after(figure)
        while after is not None and _empty_spacer(after):
            after = _element_after(after)
        if (after is not None and after not in protected and after.tag in _PARAGRAPH_TAGS
                and _set_as_caption(after, node_text(after))):
            found.append(after)
    return found


def _set_as_caption(node: LexborNode, text: str) -> bool:
    """A short text (``node``'s) set apart as a caption: all in italics, centred, or of a caption's class."""
    return 0 < len(text) <= _CAPTION_MAX and (
        _all_emphasised(node, text) or bool(_CENTERED.search(node.attributes.get("style") or ""))
        or node.attributes.get("align") == "center" or any(word in _class_id(node) for word in _CAPTION_NAMES))


def _empty_spacer(node: LexborNode) -> bool:
    """An empty paragraph (<p>&nbsp;</p>, <br>) an editor left between a photo and its caption (Báo Điện Biên Phủ's
    template: a crawler's map takes the second <p> after the photo for the caption)."""
    return node.tag in ("p", "br") and not node_text(node) and node.css_first("img, iframe, video, object") is None


def _bare_div_between_paragraphs(photo: LexborNode, after: LexborNode, text: str) -> bool:
    """A short <div> of bare text between the photo's <p> and the next <p>: a caption set apart by its tag alone
    (Báo Ninh Thuận's template: <p><img></p><div>caption</div><p>…; a public crawler's map takes
    "p[img]/following-sibling::div[1]" for the caption). Where the paragraphs themselves are <div>s, or the <div>
    holds blocks of its own, it is text."""
    if photo.tag != "p" or after.tag != "div" or len(text) > _BOLD_CAPTION_MAX:
        return False
    if any(n.mem_id != after.mem_id for n in after.css("p, div, table, ul, ol, h2, h3, h4, img, a")):
        return False  # (a node's css() matches the node itself too)
    following = _element_after(after)
    return following is not None and following.tag == "p"


def _element_after(node: LexborNode | None) -> LexborNode | None:
    """The next element sibling past whitespace and comments (a table's rows are separated by
    newlines in most pages); None at the parent's end or when text comes first."""
    return _element_beside(node, "next")


def _element_before(node: LexborNode | None) -> LexborNode | None:
    """The previous element sibling past whitespace and comments; None at the parent's start or after text."""
    return _element_beside(node, "prev")


def _element_beside(node: LexborNode | None, side: str) -> LexborNode | None:
    beside = getattr(node, side) if node is not None else None
    while beside is not None and not beside.is_element_node:
        if beside.is_text_node and (beside.text_content or "").strip():
            return None
        beside = getattr(beside, side)
    return beside


# A photo story's slide holds its narration twice: shown under the photo, and hidden in the photo's overlay (VnExpress's
# item_slide_show: a desc_cation with display:none in block_thumb_slide_show, then the shown one); a hidden element that
# repeats text the content shows elsewhere is that copy. (A hidden element holding text of its own is left as it was:
# some templates hide the article's own parts until a script shows them.)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_COPY_MIN = 20  # shorter texts (a date, a label) may well stand twice by chance


def _drop_hidden_copies(scope: LexborNode) -> None:
    """Remove the elements inside ``scope`` hidden by their inline style whose text ``scope`` shows again elsewhere."""
    hidden = [n for n in scope.css("[style*=none i], [style*=hidden i]")
              if _HIDDEN_STYLE.search(n.attributes.get("style") or "")]
    if not hidden:
        return
    whole = clean_text(scope.text(deep=True))
    copies = [n for n in _outermost(hidden)
              if len(text := node_text(n)) >= _HIDDEN_COPY_MIN and whole.count(text) >= 2]
    _remove(copies)


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


# An interview's lines open with a dash (the question and the answer) or end as a question or an exclamation; a
# signature does neither.
_DIALOGUE_DASHES = ("- ", "– ", "— ")


def _is_byline(block: Block, last: bool) -> bool:
    text = block.text
    if len(text) > _BYLINE_MAX_CHARS:
        return False
    el = block.element
    if any(w in _BYLINE_CLASS for w in _class_words(el)):
        return True
    if not last or text[-1:] in "?!" or text[:2] in _DIALOGUE_DASHES:
        return False  # (an interview's closing "- Xin cảm ơn ông!", set bold like its questions, is its text)
    style = el.attributes.get("style") or ""
    align = (el.attributes.get("align") or "").lower()
    bare = text[1:-1] if text[:1] == "(" and text[-1:] == ")" else text  # "(Theo TTXVN)"
    return bool(_RIGHT_ALIGN.search(style) or align == "right" or block.bold_only
                or _BYLINE_PREFIX.match(bare) or _looks_like_name(bare))


# The word a byline row prints before the name: "Tác giả:", and the "By" (or its translation "Bởi") that WordPress
# themes and Drupal's node meta print in an element of its own (tagDiv's Newspaper theme: <div class="td-author-by">By
# </div> inside div.td-post-author-name, both classed "author"). Alone, it names nobody.
# Joomla's vi-VN "Written by" is "Viết bởi".
_AUTHOR_LABEL = re.compile(r"^(?:tác giả\s*:|by\b|(?:viết\s+)?bởi\b)\s*", re.I)
_NAME_SEPARATORS = " ,;|/-–—·"  # what a byline row puts between the name and its next part ("Hoàng Lan, ", " - ")


def _byline_name(text: str) -> str:
    """The name a byline block gives: its label ("By", "Tác giả:") and the row's separators taken off."""
    return _AUTHOR_LABEL.sub("", text, count=1).strip(_NAME_SEPARATORS)


_TRAILING_BYLINES = 2  # "Bùi Minh" then "(Theo TTXVN)": the most a page signs with


def _split_byline(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """Take the byline off the end (and any block marked as one); return (rest, author)."""
    kept: list[Block] = []
    marked: list[str] = []
    for block in blocks:
        if _is_byline(block, last=False):
            if name := _byline_name(block.text):  # (a bare "By" or " - " of the row is furniture)
                marked.append(name)
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
# An invitation to the section's other articles closes some papers' texts ("* Mời bạn đọc vào chuyên mục Kinh tế xem
# các tin, bài liên quan." on Báo Quân đội nhân dân, after the byline): the reader is addressed, not informed.
# An article split over pages ends each page with its pager: WordPress's <!--nextpage--> (wp_link_pages: div.page-links
# "Trang: 1 2 3", the current page unlinked), Joomla's pagebreak plugin (div.pagenavcounter "Trang 2 / 3" opening the
# text, div.pager of "Trước" / "Tiếp" links closing it). A label and page numbers, a page counter, a lone previous or
# next button is no text (and a button's one capitalised word would sign the article).
_LABEL_LINE = re.compile(r"^(?:quảng cáo|advertisement|tags?\s*:.*|từ khóa\s*:.*|chia sẻ|chia sẻ bài viết|"
                         r"bình luận|in bài|gửi bài|(?:>>\s*)?(?:xem|đọc) thêm\s*:?"
                         r"|\*?\s*mời (?:quý )?(?:bạn đọc|độc giả) .*(?:chuyên mục|liên quan).*"
                         r"|(?:trang|pages?)\s*:?\s*(?:[«‹<]\s*)?\d{1,3}(?:\s*[,|]?\s*\d{1,3})+(?:\s*[»›>])?"
                         r"|(?:trang|page)\s*\d{1,3}\s*(?:/|của|trên|trong(?: tổng số)?|of)\s*\d{1,3}"
                         r"|(?:[«‹<]\s*)?(?:trang |bài )?(?:trước|sau|tiếp|tiếp theo|next|prev|previous)(?:\s*[»›>])?)$", re.I)
_LABEL_MAX = 120
# A source credit naming the original by its headline, linked: "Nguồn: <a href=…>the copied article's headline</a>" (Tạp
# chí Sức khỏe Việt's MasterCMS pages close so before the author), as _URL_LINE's "Nguồn: https://…" names it by its URL.
_SOURCE_PREFIX = re.compile(r"^\(?(?:nguồn(?: tin| bài)?|source)\s*:\s*|^theo\s+", re.I)


def _is_source_link_line(block: Block) -> bool:
    """A credit line whose text after "Nguồn:" (or "Theo") is all one link's."""
    prefix = _SOURCE_PREFIX.match(block.text)
    if prefix is None:
        return False
    rest = block.text[prefix.end():].strip(" ()")
    link = block.element.css_first("a[href]")
    return bool(rest) and link is not None and len(node_text(link)) >= len(rest) - 2


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
            if _is_source_link_line(block) and not (i >= last and _BYLINE_PREFIX.match(text)):
                continue  # (a short "Theo <a>TTXVN</a>" ending the text is the byline's to read)
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

# Bounds on how many elements a heuristic looks at: pages have a few dozen such
# elements; thousands mean a bait page, and each look reads text.
_MAX_CANDIDATES = 500
