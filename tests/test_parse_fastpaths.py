"""The shortcuts in the reader (hbetl.parse, hbetl.reader_*) and hbetl.htmltext give what the plain way gives."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from hbetl.htmltext import _control_count, iter_blocks, refuse_binary_text
from hbetl.parse import _drop
from hbetl.reader_common import (
    _CLASS_WORD_SPLIT,
    _JUNK_CLASS,
    _JUNK_SUBSTRINGS,
    _JUNK_WORDS,
    _RELATED_ONLY,
    _heading_candidates,
    _heading_candidates_by_walk,
    _remove,
)
from hbetl.reader_metadata import _DMY, _WORDY, _YMD, VIETNAM, _from_vietnamese

# --------------------------------------------------------------------------- _drop


@st.composite
def _html_trees(draw: st.DrawFn, depth: int = 0) -> str:
    children = draw(st.lists(st.sampled_from(["text", "element"]), max_size=4 if depth < 4 else 0))
    parts = []
    for kind in children:
        if kind == "text":
            parts.append(draw(st.sampled_from(["x", "Tin khác", " "])))
            continue
        tag = draw(st.sampled_from(["div", "p", "span", "figure", "section", "script", "style", "table"]))
        classes = draw(st.lists(st.sampled_from(["a", "b", "other-news", "archive-box"]), max_size=2, unique=True))
        ident = draw(st.sampled_from(["", ' id="i1"', ' data-x="1"']))
        inner = draw(_html_trees(depth + 1))
        parts.append(f'<{tag} class="{" ".join(classes)}"{ident}>{inner}</{tag}>')
    return "".join(parts)


_SIMPLE = ["div.a", "p.b", "figure", ".a", "div .b", "section > p", "span.a.b", "[data-x]", "#i1",
           "div.other-news", "div.archive-box", "script", "style", "div.a, p.b", "table"]
_CONTEXTUAL = ["p:first-child", "div + p", "span ~ span", "div:empty", "section:has(p)"]


def _drop_one_by_one(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> None:
    for selector in selectors:
        _remove(tree.css(selector))


@settings(max_examples=400, deadline=None)
@given(body=_html_trees(), selectors=st.lists(st.sampled_from(_SIMPLE + _CONTEXTUAL), max_size=5))
def test_drop_in_one_pass_removes_what_one_selector_after_another_removes(body: str, selectors: list[str]) -> None:
    page = f"<html><body>{body}</body></html>"
    one_by_one, at_once = LexborHTMLParser(page), LexborHTMLParser(page)
    _drop_one_by_one(one_by_one, tuple(selectors))
    _drop(at_once.body, tuple(selectors))
    assert at_once.html == one_by_one.html


def test_remove_takes_a_node_matched_twice_once() -> None:
    tree = LexborHTMLParser('<body><div class="other-news archive-box"><p>x</p></div><p>kept</p></body>')
    _remove(tree.css("div.other-news, div.archive-box"))  # the div comes back twice
    assert tree.body.html == "<body><p>kept</p></body>"


# --------------------------------------------------------------------------- _heading_candidates

_TEXTS = ["Tin liên quan", "  TIN MỚI:", "Các tin khác", "Xem thêm tin", "tin", "x", " ", "\x00", "Tin\x00 khác",
          "&nbsp;Tin đọc nhiều", "Tin mới " + "nhất " * 60, "Đọc thêm", "\ufffd", "<!-- Tin khác -->",
          "<![CDATA[Tin khác]]>", "&lt;Tin khác&gt;", "\n\tbài liên quan\n"]


@st.composite
def _pages_with_headings(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for kind in draw(st.lists(st.sampled_from(["text", "element"]), max_size=4 if depth < 4 else 0)):
        if kind == "text":
            parts.append(draw(st.sampled_from(_TEXTS) | st.text(max_size=8)))
            continue
        tag = draw(st.sampled_from(["div", "h3", "p", "span", "script", "style", "textarea", "title", "ul", "li",
                                    "svg", "template", "table", "td", "noscript"]))
        parts.append(f"<{tag}>{draw(_pages_with_headings(depth + 1))}</{tag}>")
    return "".join(parts)


@settings(max_examples=500, deadline=None)
@given(body=_pages_with_headings())
def test_heading_candidates_are_the_text_nodes_a_walk_finds(body: str) -> None:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    for scope in (tree.body, *tree.body.css("div")[:2]):
        found = [n.mem_id for n in _heading_candidates(scope)]
        assert found == [n.mem_id for n in _heading_candidates_by_walk(scope)]
        related = [n.mem_id for n in _heading_candidates(scope, _RELATED_ONLY)]
        assert related == [n.mem_id for n in _heading_candidates_by_walk(scope, _RELATED_ONLY)]


# --------------------------------------------------------------------------- iter_blocks

_BLOCK_TEXTS = ["Giá lúa", " ", "\n", "1.824 tỷ", "&nbsp;", "<!-- c -->", "x"]
_BLOCK_TAGS = ["p", "div", "b", "strong", "span", "br", "li", "td", "h2", "script", "em", "table", "a"]


@st.composite
def _article_trees(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for kind in draw(st.lists(st.sampled_from(["text", "element"]), max_size=4 if depth < 4 else 0)):
        if kind == "text":
            parts.append(draw(st.sampled_from(_BLOCK_TEXTS)))
            continue
        tag = draw(st.sampled_from(_BLOCK_TAGS))
        parts.append(f"<{tag}>" if tag == "br" else f"<{tag}>{draw(_article_trees(depth + 1))}</{tag}>")
    return "".join(parts)


@settings(max_examples=500, deadline=None)
@given(body=_article_trees())
def test_blocks_read_whole_leaves_as_the_node_by_node_walk_reads_them(body: str) -> None:
    tree = LexborHTMLParser(f"<html><body><div>{body}</div></body></html>")
    root = tree.body.css_first("div")
    def read(whole: bool) -> list[tuple[str, int, bool]]:
        return [(b.text, b.element.mem_id, b.bold_only) for b in iter_blocks(root, whole_leaves=whole)]
    assert read(True) == read(False)


# --------------------------------------------------------------------------- refuse_binary_text

_CONTROL_CHARS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0xFFFD)]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*_CONTROL_CHARS, "\t", "\n", "\r", "\x0c", " ", "a", "ạ", "\ud800",
                                               "\udfff", "\ufffe", "\uffff", "\U0001f600", "<", "\x80", "\x9f"]))
       | st.text())
def test_control_count_counts_what_str_count_counts(text: str) -> None:
    assert _control_count(text) == sum(map(text.count, _CONTROL_CHARS))


def test_refuse_binary_text_threshold() -> None:
    refuse_binary_text("\x01" * 5 + "a" * 95, "page")  # 5%: still text
    try:
        refuse_binary_text("\ufffd" * 6 + "a" * 94, "page")
    except Exception as exc:  # noqa: BLE001 - the type is checked below
        assert type(exc).__name__ == "BadContent"
    else:
        raise AssertionError("6% U+FFFD is binary")


# --------------------------------------------------------------------------- _JUNK_CLASS

_CLASS_PARTS = [*sorted(_JUNK_WORDS), *_JUNK_SUBSTRINGS, "article", "content", "navx", "xnav", "ads1", "sidebar-1",
                "main", " ", "-", "_", "\t", "--", "a"]


@settings(max_examples=2000, deadline=None)
@given(raw=st.lists(st.sampled_from(_CLASS_PARTS), max_size=6).map("".join))
def test_junk_class_regex_says_what_the_substring_and_word_tests_say(raw: str) -> None:
    raw = raw.strip().lower()
    by_tests = bool(raw) and (any(s in raw for s in _JUNK_SUBSTRINGS)
                              or any(w in _JUNK_WORDS for w in _CLASS_WORD_SPLIT.split(raw)))
    assert (bool(raw) and _JUNK_CLASS.search(raw) is not None) == by_tests


# --------------------------------------------------------------------------- _from_vietnamese


def _dates_by_all_scans(text: str) -> datetime | None:
    """What _from_vietnamese gave before it left out the scans whose literal is missing."""
    found = [(m, (int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _DMY.finditer(text)]
    found += [(m, (int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _WORDY.finditer(text)]
    found += [(m, (int(m.group(3)), int(m.group(2)), int(m.group(1)))) for m in _YMD.finditer(text)]
    for _m, (day, month, year) in sorted(found, key=lambda f: f[0].start()):
        if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
            continue
        try:
            return datetime(year, month, day)
        except ValueError:
            continue
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["12", "4", "2023", "1999", "31", "/", "-", ".", " ", "tháng", "THÁNG", "Tháng",
                                 "năm", ",", "ngày", "Thứ Hai", "08:30", "x"]), max_size=14).map("".join))
def test_date_scans_left_out_change_nothing(text: str) -> None:
    got = _from_vietnamese(text, VIETNAM)
    want = _dates_by_all_scans(text)
    assert (got.date() if got else None) == (want.date() if want else None)
