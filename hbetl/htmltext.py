"""Helpers for reading text out of HTML: bytes to str, hostile-input guards,
whitespace and Unicode clean-up, and the block walker that turns a subtree into
paragraphs. Pure; used by hbetl.parse and the reader_* modules.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from hbetl.errors import BadContent


def word_set(words: str) -> frozenset[str]:
    """'a b c' -> frozenset({'a', 'b', 'c'}): long keyword lists stay readable."""
    return frozenset(words.split())


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{1,40})", re.I)
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">;
# [^<>] keeps the match inside one tag and the bound keeps it linear.
_META_CHARSET = re.compile(rb"<meta[^<>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{1,40})", re.I)
# WHATWG maps these labels to windows-1252, and so do browsers: real pages that say
# iso-8859-1 use the 0x80-0x9F punctuation of windows-1252.
_AS_CP1252 = {"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1", "latin1", "cp819", "l1"}
_VIET_COMPOSED = re.compile("[\u1ea0-\u1ef9]")  # ạ…ỹ: only a right windows-1258 decoding makes these
_STRAY_MARKS = re.compile("[\u0300-\u0323]")  # tone marks NFC could not attach to a letter


def _is_vietnamese_cp1258(data: bytes) -> bool:
    """Do these single-byte bytes read as windows-1258 Vietnamese?

    Decoded as windows-1258 and composed, Vietnamese gives many precomposed
    letters (U+1EA0-U+1EF9) and no stray tone marks; windows-1252 text (or any
    other) gives almost none of the former.
    """
    text = unicodedata.normalize("NFC", data[:200_000].decode("cp1258", errors="replace"))
    composed = len(_VIET_COMPOSED.findall(text))
    return composed > 0 and composed >= 2 * len(_STRAY_MARKS.findall(text))


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_encoding(data: bytes, content_type: str | None = None) -> str | None:
    """The codec the HTTP header or the page's <meta> names, if Python knows it."""
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m and (codec := _codec(m.group(1))):
            return codec
    m = _META_CHARSET.search(data[:8192])  # the spec puts <meta charset> in the first 1024 bytes
    return _codec(m.group(1).decode("ascii")) if m else None


def decode_html(data: bytes, content_type: str | None = None, *, subject: str = "page") -> str:
    """Bytes in any declared or sniffed encoding to str.

    Order: BOM; strict UTF-8 (real Vietnamese sites often declare iso-8859-1 and
    send UTF-8, so valid UTF-8 wins over the declaration); the declared codec; then
    windows-1258 when the bytes read as Vietnamese in it, else windows-1252.
    """
    return decode_html_keeping_utf8(data, content_type, subject=subject)[0]


def decode_html_keeping_utf8(data: bytes, content_type: str | None = None, *,
                             subject: str = "page") -> tuple[str, bytes | None]:
    """:func:`decode_html`, and ``data`` itself when it was strict UTF-8, else None.

    Strictly decoded UTF-8 is exactly the text's own UTF-8 encoding, and holds no lone
    surrogate: a caller that needs the text as UTF-8 (Lexbor does) can take it as is
    instead of encoding the text again.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), None
    if codec := _utf16_without_bom(data):
        return data.decode(codec, errors="replace"), None
    _refuse_binary_bytes(data, subject)
    declared = declared_encoding(data, content_type)
    if declared in ("utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        return data.decode(declared, errors="replace"), None
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError:
        # A page cut mid-character or with stray bytes (even its first) is still UTF-8.
        text = data.decode("utf-8", errors="replace")
        if declared in (None, "utf-8") and _mostly_utf8(text):
            return text, None
    if declared and declared not in ("utf-8", "cp1252"):
        return data.decode(declared, errors="replace"), None
    # Undeclared, or declared windows-1252/iso-8859-1 (which old Vietnamese CMSs
    # print whatever they send): tell windows-1258 Vietnamese from the rest.
    return data.decode("cp1258" if _is_vietnamese_cp1258(data) else "cp1252", errors="replace"), None


# A UTF-8 page with stray bytes decodes to many letters for each U+FFFD (a Vietnamese page: hundreds
# of accented letters to a handful of bad bytes); a windows-1258 or -1252 page read as UTF-8 gives
# almost none, since its accented bytes seldom happen to form a UTF-8 sequence (the fixtures' old CMS
# page: 0 letters to 200 U+FFFD). Ten to one keeps them far apart.
_UTF8_LETTERS_PER_BAD_BYTE = 10


def _mostly_utf8(text: str) -> bool:
    """``text``, decoded as UTF-8 with replacement, reads as UTF-8: its non-ASCII characters are
    mostly real letters, not U+FFFD (counted in C: the ASCII dropped by encoding)."""
    bad = text.count("\ufffd")
    letters = len(text) - len(text.encode("ascii", "ignore")) - bad
    return letters >= _UTF8_LETTERS_PER_BAD_BYTE * bad


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM, whatever the header says: markup opens with '<' or white space, and
    ASCII markup has a NUL in every other byte (the odd ones in LE, the even ones in BE). Such a
    page failed as 'binary content, not HTML' (its NULs), or was read as UTF-8 mojibake."""
    if len(data) < 16 or data[0] and data[1]:
        return None
    head = data[:1024]
    for codec, markup, nuls in (("utf-16-le", head[0::2], head[1::2]), ("utf-16-be", head[1::2], head[0::2])):
        if markup[:1] in (b"<", b" ", b"\t", b"\r", b"\n") and nuls.count(0) * 10 >= len(nuls) * 7 \
                and markup.count(0) == 0:
            return codec
    return None


_BINARY_HEAD = 65536


def _refuse_binary_bytes(data: bytes, subject: str) -> None:
    # HTML has no NUL bytes; images, archives and PDFs have plenty. Looking for one first
    # (memchr, ~1 us) spares a page without any the copy and count of its head (~25 us a 60 KB page).
    if data.find(0, 0, _BINARY_HEAD) < 0:
        return
    head = data[:_BINARY_HEAD]
    if head.count(0) * 100 > len(head):
        raise BadContent("binary content, not HTML", subject=subject)


# C0 controls but \t \n \f \r, and DEL: in UTF-8 each is one byte, and those bytes stand
# for nothing else (every byte of a multi-byte character is >= 0x80).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# U+FFFD in UTF-8: 0xEF only ever opens a character, so each match is one U+FFFD.
_REPLACEMENT_BYTES = "\ufffd".encode()


def refuse_binary_text(text: str, subject: str) -> None:
    """Decoded text that is mostly control characters or U+FFFD was never text."""
    head = text[:2048]  # garbage is garbage from its first bytes; scanning 60 KB costs ~1 ms
    if head and _control_count(head) * 20 > len(head):  # over 5%
        raise BadContent("binary content, not HTML", subject=subject)


def _control_count(text: str) -> int:
    """How many characters of ``text`` are controls (as above) or U+FFFD.

    Counted in the UTF-8 bytes, where one C pass deletes the control bytes: a
    third of the cost of counting 33 characters one ``str.count`` at a time."""
    data = text.encode("utf-8", errors="surrogatepass")  # a lone surrogate is none of them either way
    return len(data) - len(data.translate(None, _CONTROL_BYTES)) + data.count(_REPLACEMENT_BYTES)


# --------------------------------------------------------------------------- nesting guard

# Lexbor's tree building is quadratic in nesting depth (20,000 nested divs 1.1 s,
# 50,000 5.6 s). Real article pages nest under 60 deep; 1,500 costs Lexbor ~6 ms.
MAX_DEPTH = 1500
# Elements that never hold children or that the parser closes on its own: counting
# them would make sloppy but harmless pages (unclosed <p>, <li>) look deep.
_NOT_NESTING = word_set("area base br col embed hr img input link meta param source track wbr p li td th tr option dt dd "
    "!doctype")
_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,30})")
_TAG_FULL = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,30})[^<>]{0,4096}>")


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """The deepest open-tag count (an upper bound of the DOM depth), cheaply.

    Stops counting once ``limit`` is passed; a page with fewer open tags (a '<' that
    is no '</') than the limit cannot be that deep and is not scanned at all.
    """
    if (tags := html.count("<")) <= limit or tags - html.count("</") <= limit:  # fewer open tags than the limit
        return 0
    depth = deepest = 0
    for closing, name in _TAG_OPEN.findall(html):
        if name.lower() in _NOT_NESTING:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
    return deepest


def flatten_nesting(html: str, limit: int = MAX_DEPTH) -> str:
    """Drop the tags (not the text) that open or close below ``limit`` levels."""
    depth = 0

    def keep_or_drop(m: re.Match[str]) -> str:
        nonlocal depth
        if m.group(2).lower() in _NOT_NESTING:
            return m.group(0)
        if m.group(1):
            depth = max(depth - 1, 0)
            return m.group(0) if depth < limit else ""
        depth += 1
        return m.group(0) if depth <= limit else ""

    return _TAG_FULL.sub(keep_or_drop, html)


# --------------------------------------------------------------------------- text

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")


def normalize_document(text: str) -> str:
    """NFC (NFD input from Mac editors composes), no zero-width characters."""
    if not text.isascii():
        # normalize() returns the text itself when its quick check finds it NFC already; a
        # separate is_normalized() first made NFD pages pay for the check twice (31 + 28 us, 2 KB)
        text = unicodedata.normalize("NFC", text)
        if any(ch in text for ch in _ZERO_WIDTH_CHARS):  # six C scans beat one regex pass
            text = _ZERO_WIDTH.sub("", text)
    return text


def clean_text(text: str) -> str:
    """Collapse every run of whitespace, U+00A0 included ('1.824&nbsp;tỷ'), to one space."""
    return " ".join(text.split())


def node_text(node: LexborNode | None) -> str:
    return clean_text(node.text(deep=True)) if node is not None else ""


# --------------------------------------------------------------------------- paragraphs

BLOCK_TAGS = word_set("address article aside blockquote body caption center dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul")
SKIP_TAGS = word_set("script style noscript template svg iframe object embed head select button input "
                      "textarea canvas video audio map")


@dataclass(slots=True)
class Block:
    """One paragraph of text and the block element it came from."""

    text: str
    element: LexborNode
    bold_only: bool  # every character sat inside <strong>/<b> (bylines often do)


def iter_blocks(root: LexborNode, whole_leaves: bool = True) -> Iterator[Block]:
    """The subtree's text as paragraphs: a block element or a <br> ends one.

    Iterative, so deep trees (up to MAX_DEPTH) cannot hit Python's recursion limit. A block
    element holding text alone (<p>text</p>, most of an article) is read with one text()
    call instead of a step per text node (``whole_leaves``; tests/test_parse_fastpaths.py
    checks that both ways give the same blocks).
    """
    parts: list[str] = []
    bold_chars = 0
    plain_chars = 0
    owners: list[LexborNode] = [root]
    bold_depth = 0

    def flush() -> Block | None:
        nonlocal bold_chars, plain_chars
        text = clean_text("".join(parts))
        block = Block(text, owners[-1], plain_chars == 0 and bold_chars > 0) if text else None
        parts.clear()
        bold_chars = plain_chars = 0
        return block

    # (node, leaving) pairs; leaving=True marks the end of an element's children.
    stack: list[tuple[LexborNode, bool]] = []
    child = root.child
    pending = []
    while child is not None:
        pending.append(child)
        child = child.next
    stack.extend((c, False) for c in reversed(pending))
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag in BLOCK_TAGS and (block := flush()):
                yield block
            if tag in ("b", "strong"):
                bold_depth -= 1
            if tag in BLOCK_TAGS:
                owners.pop()
            continue
        if node.is_text_node:
            text = node.text_content or ""
            parts.append(text)
            n = len(text.strip())
            if bold_depth:
                bold_chars += n
            else:
                plain_chars += n
            continue
        if not node.is_element_node or tag in SKIP_TAGS:
            continue
        if tag == "br" or tag == "hr" or tag in BLOCK_TAGS:
            if block := flush():
                yield block
            if tag in ("br", "hr"):
                continue
        if tag in BLOCK_TAGS:
            if whole_leaves:
                child = node.child
                while child is not None and not child.is_element_node:
                    child = child.next
                if child is None:  # text nodes (and comments) only
                    if text := clean_text(node.text(deep=True)):
                        yield Block(text, node, bold_depth > 0)
                    continue
            owners.append(node)
        if tag in ("b", "strong"):
            bold_depth += 1
        stack.append((node, True))
        pending.clear()
        child = node.child
        while child is not None:
            pending.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(pending))
    if block := flush():
        yield block
