"""Vietnamese numbers and text normalisation.

Vietnamese writes ``.`` between thousands and ``,`` before decimals: ``1.824`` is
1824, ``18,19`` is 18.19, ``8.315,7`` is 8315.7. Text arrives NFC or NFD and with
non-breaking spaces; :func:`normalise_with_map` gives one form to match against and
a map back to the caller's offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Spaces that newspapers' CMSs leave in text: nbsp, narrow nbsp, figure space, thin spaces…
_SPACES = {"\u00a0", "\u202f", "\u2007", "\u2009", "\u200a", "\u2002", "\u2003", "\u3000", "\t"}
# Invisible characters that only break matching.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_DASHES = {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"}

_SPECIAL = re.compile("[" + "".join(sorted(_SPACES | _INVISIBLE | set(_DASHES))) + "]")

_THOUSANDS_AFTER = re.compile(r"\d{3}(?!\d)")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
# "1,824,000"; "6,231.8" (a comma group before a decimal point: no Vietnamese number has ',' before '.')
_ENGLISH_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3},\d{3}\.\d+")
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}|\d+\.\d{4,}")


# "luợt", "Uớc", "đuợc": 'u' typed for 'ư' before 'ơ' (no Vietnamese word spells "uơ" but after
# 'q' or 'h': "quơ", "thuở", "huơ"). One character for one, so offsets hold.
# The pair, not the horned 'o' after a lookbehind: a pattern that opens with a set lets the
# engine skip ahead in C (2.4 -> 1.1 us a paragraph of the fixtures).
_U_FOR_U_HORN_RE = re.compile("[uU][ơớờởỡợƠỚỜỞỠỢ]")

# "đăng kí", "cùng kì", "kĩ thuật": the older spelling, with 'i', of the syllables 'ky' after 'k'
# (the same words: "vốn đăng kí" is "vốn đăng ký"), as some outlets still write them; the
# catalogue, the bases and the periods are spelt with 'y'. A whole syllable only; one character
# for one, so offsets hold.
# (The pair first, no lookbehind: the engine skips in C to the next 'k'; the syllable's start is
# asked in _y_for_i.)
_K_I_RE = re.compile("[kK][íìĩỉịÍÌĨỈỊ](?![^\\W\\d_])")
_Y_FOR_I = {"í": "ý", "ì": "ỳ", "ĩ": "ỹ", "ỉ": "ỷ", "ị": "ỵ", "Í": "Ý", "Ì": "Ỳ", "Ĩ": "Ỹ", "Ỉ": "Ỷ", "Ị": "Ỵ"}


def _y_for_i(m: re.Match[str]) -> str:
    at, text = m.start(), m.string
    if at and text[at - 1].isalpha():
        return m.group(0)  # inside a word (a foreign name, "Nikì"): no syllable of its own
    return m.group(0)[0] + _Y_FOR_I[m.group(0)[1]]


# A number run into its unit word, as a page's editor may leave it ("đón khoảng 1.743.461lượt
# khách", "trong đó khách quốc tế đạt 60.164lượt", "ước khoảng 2,37triệu lượt"): the unit, and the
# catalogue phrase it opens ("lượt khách"), is a word of its own only after a space. A digit
# first: the engine skips in C to the next digit. So is a scale word run into its currency
# ("đạt gần 31,4 tỉđô la Mỹ", "1,2 tỷUSD", "5.000 tỷđồng"): the space goes after the scale.
_GLUED_UNIT_RE = re.compile(r"\d(?:(?:lượt|tỷ|tỉ|triệu|nghìn|ngàn|tấn|đồng|USD)(?!\w)|\s?(?P<scale>tỷ|tỉ|triệu|nghìn|ngàn)(?=đồng|USD|đô))")


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """NFC text with odd spaces made plain, dashes made '-', invisibles removed, 'ư'
    mistyped as 'u' before 'ơ' restored, 'ky' spelt 'ki' made 'ky' ("đăng kí"), a space
    put between a number and the unit word it runs into ("1.743.461lượt") and each run of
    spaces made one.

    Returns ``(normalised, offsets)`` where ``offsets[i]`` is the index in ``text``
    of normalised character ``i`` and ``offsets[len(normalised)] == len(text)``, so
    a span ``[a, b)`` of the normalised text is ``[offsets[a], offsets[b])`` of the
    caller's text.
    """
    norm, offsets = _normalise_shapes(text)
    if _U_FOR_U_HORN_RE.search(norm) is not None:
        chars = list(norm)
        for m in _U_FOR_U_HORN_RE.finditer(norm):
            u = m.start()
            if not (u and norm[u - 1] in "qQhH"):  # "quơ", "thuở", "huơ"
                chars[u] = "ư" if norm[u] == "u" else "Ư"
        norm = "".join(chars)
    if _K_I_RE.search(norm) is not None:
        norm = _K_I_RE.sub(_y_for_i, norm)
    if _GLUED_UNIT_RE.search(norm) is not None:
        norm, offsets = _unglue_units(norm, offsets)
    if "  " in norm:
        norm, offsets = _single_spaced(norm, offsets)
    return norm, offsets


# Runs of spaces: pages' text holds them where a CMS padded a word or an nbsp stood beside a space
# ("Tổng  dư  nợ", "Dự  kiến  trong  tháng 6", "đạt  gần  1.250  tỷ đồng", as real pages have
# them). The grammar's phrases (the catalogue, the cues "dự kiến", "ước tính sơ bộ") are written
# with one space; one space stands for the run. A line break is kept: it ends a table row or a
# heading. (Rewriting the fixtures with double spaces changed the records of 10 of 1,826 paragraphs.)
_SPACE_RUN_RE = re.compile(" {2,}")


def _single_spaced(norm: str, offsets: Sequence[int]) -> tuple[str, list[int]]:
    """``norm`` with each run of spaces made one space, which maps to the run's first."""
    return edit_with_offsets(norm, offsets, [(m.start() + 1, m.end(), "") for m in _SPACE_RUN_RE.finditer(norm)])


def _unglue_units(norm: str, offsets: list[int]) -> tuple[str, list[int]]:
    """``norm`` with a space after each number that runs into its unit ("60.164lượt" -> "60.164
    lượt"); the space maps to the unit's first character, so spans still map back."""
    cuts = (m.end("scale") if m.group("scale") else m.start() + 1 for m in _GLUED_UNIT_RE.finditer(norm))
    return edit_with_offsets(norm, offsets, [(cut, cut, " ") for cut in cuts])  # (after the scale word, or the digit)


def edit_with_offsets(text: str, offsets: Sequence[int], edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """``text`` with each edit ``(start, end, replacement)`` made, in order of start (an edit that
    overlaps the one before it is left), and the offsets of the result: a kept character keeps its
    own; a replacement's characters map to those they stand on, past the end of a shorter original
    to its last, and an insertion's (start == end) to the character after it. Offsets never go
    back, and a span that covers a replacement covers what it replaced."""
    parts: list[str] = []
    kept: list[int] = []
    pos = 0
    for start, end, replacement in edits:
        if start < pos:
            continue
        parts.append(text[pos:start])
        kept.extend(offsets[pos:start])
        parts.append(replacement)
        last = max(end - 1, start)
        kept.extend(offsets[min(start + i, last)] for i in range(len(replacement)))
        pos = end
    parts.append(text[pos:])
    kept.extend(offsets[pos:])
    return "".join(parts), kept


# What normalise_with_map changes in NFC text, in one scan: a special character, or a 'u', 'k' or
# digit that opens a match of _U_FOR_U_HORN_RE, _K_I_RE or _GLUED_UNIT_RE (the lookbehind after
# the one set of first characters picks the pattern). Each of the four scans stepped through the
# paragraph a character at a time in the engine (~50 instructions a character); one, not four:
# 28.6M -> 23.8M instructions a round of the labelled fixtures.
# The opening set names the decimal digits of the BMP as ranges, not "\d": the engine tests each
# character of the paragraph against the set, and "\d" is a Unicode category looked up per
# character, where ranges compile to one bitmap (a character above the BMP is let in whole and its
# branch's "(?<=\d)" asked). The digits' branch first: most openings are digits. 63.5M -> 55.0M
# instructions for this scan of a round of the labelled fixtures (valgrind, cachegrind).
# (The runs of "\d" itself, read off the BMP's characters in order: ~1 ms at import.)
_DECIMALS = "".join(f"\\u{ord(m.group(0)[0]):04x}-\\u{ord(m.group(0)[-1]):04x}"
                    for m in re.finditer(r"\d+", "".join(map(chr, range(0x10000))))) + "\U00010000-\U0010ffff"
# A digit opens a glued unit only before a unit's first letter or a space ("(?=[ltnđU\s])", which
# _GLUED_UNIT_RE's words and its optional space before a scale word imply): most digits stand
# before another digit, '.' or ',' and fail there, not after trying each unit word in turn
# (55.6M -> 48.1M instructions for this scan of a round of the labelled fixtures, cachegrind).
_MAY_CHANGE_RE = re.compile(
    "[" + _SPECIAL.pattern[1:-1] + "uUkK" + _DECIMALS + r"](?:(?<=\d)(?=[ltnđU\s])" + _GLUED_UNIT_RE.pattern[2:]
    + r"|(?<=[uU])" + _U_FOR_U_HORN_RE.pattern[4:]
    + r"|(?<=[kK])" + _K_I_RE.pattern[4:]
    + r"|(?<=[" + _SPECIAL.pattern[1:-1] + "])" + ")")


def normalise_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """normalise_with_map, but the map of text that needs no change is ``range(len(text) + 1)``:
    the same offsets, indexed alike, with no list of a paragraph's length to build (~3 us for
    500 characters: ~1% of extracting the fixtures, most of whose paragraphs change nothing)."""
    if unicodedata.is_normalized("NFC", text) and "  " not in text and not _MAY_CHANGE_RE.search(text):
        return text, range(len(text) + 1)  # what normalise_with_map gives such text, as a range
    return normalise_with_map(text)


def _normalise_shapes(text: str) -> tuple[str, list[int]]:
    """normalise_with_map but for the mistyped 'ư'."""
    if not unicodedata.is_normalized("NFC", text):
        return _normalise_runs(text)
    if not _SPECIAL.search(text):
        return text, list(range(len(text) + 1))
    # NFC already: only the special characters change, so copy the stretches between
    # them whole. A page's body carries dozens of nbsp; the per-character walk below
    # took 1.9 ms on the seed article (4,900 characters, 87 nbsp), this takes ~0.1 ms.
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i < pos:  # a combining mark's run already taken with the special before it
            continue
        if i > pos:
            out.append(text[pos:i])
            offsets.extend(range(pos, i))
        # The special character and the combining marks after it are one run, as in the walk.
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        pos = j
        ch = text[i]
        if ch in _INVISIBLE:
            continue
        if ch in _SPACES:
            last = out[-1][-1] if out else ""
            ch = "." if (last.isdigit() and _THOUSANDS_AFTER.match(text, j)) else " "
        else:
            ch = _DASHES[ch]
        run = unicodedata.normalize("NFC", ch + text[i + 1:j]) if j - i > 1 else ch
        out.append(run)
        offsets.extend([i] * len(run))
    out.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(out), offsets


def _normalise_runs(text: str) -> tuple[str, list[int]]:
    """normalise_with_map for text that is not NFC (NFD pages): a character at a time."""
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        # A base character and the combining marks after it compose on their own
        # (Vietnamese never composes across two base characters).
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        run = text[i:j]
        ch = run[0]
        if ch in _INVISIBLE:
            i = j
            continue
        if ch in _SPACES:
            # "1 250,5" with a non-breaking space as the thousands gap reads as "1.250,5".
            gap = "." if (out and out[-1].isdigit() and _THOUSANDS_AFTER.match(text, j)) else " "
            run = gap + run[1:]
        elif ch in _DASHES:
            run = _DASHES[ch] + run[1:]
        composed = unicodedata.normalize("NFC", run) if j - i > 1 else run
        for c in composed:
            out.append(c)
            offsets.append(i)
        i = j
    offsets.append(n)
    return "".join(out), offsets


def normalise_text(text: str) -> str:
    """NFC, plain spaces for nbsp and friends, '-' for dashes, invisibles removed."""
    return normalise_with_map(text)[0]


def parse_number(s: str) -> float:
    """Read a number written the Vietnamese way: '1.824' -> 1824, '8.315,7' -> 8315.7.

    A dot followed by exactly three digits separates thousands; a comma is the
    decimal mark. English-style '1,824,000' (two or more comma groups), '6,231.8' (a comma group
    before a decimal point) and '1.5' (a dot not followed by three digits) are read as their
    writers meant them.
    Raises ValueError for anything else (dates like '1.1.1', stray separators).
    """
    # The extractor hands over numbers its regexes matched: ASCII digits and separators.
    # normalise_text leaves ASCII text as it is but for the tab (one of _SPACES) and runs of
    # spaces (made one, and every space is dropped below), so such text skips it. With the '.'
    # test below: ~1.5 -> ~0.8 µs a call, ~50 calls on the sample page (tests/test_numbers.py checks the result against the code before both shortcuts).
    # Digits with at most a decimal comma ("18,19", "2023": 69% of the fixtures' numbers) are what
    # _PLAIN fits below, and are read at once (tests/test_numbers.py checks this one too).
    if "." not in s and s.isascii():
        whole, comma, fraction = s.partition(",")
        if whole.isdigit() and (not comma or fraction.isdigit()):
            return float(s.replace(",", ".") if comma else s)
    if not s.isascii() or "\t" in s:
        s = normalise_text(s)
    s = s.strip().replace(" ", "")
    # _GROUPED needs a '.', _PLAIN allows none: test the one the text can fit (the other's
    # fullmatch was a wasted call for every other number).
    if "." in s:
        if _GROUPED.fullmatch(s):
            return float(s.replace(".", "").replace(",", "."))
    elif _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    if _ENGLISH_GROUPED.fullmatch(s):
        return float(s.replace(",", ""))
    if _DOT_DECIMAL.fullmatch(s):
        return float(s)
    raise ValueError(f"number: not a Vietnamese number: {s[:40]!r}")


def scaled(number: float, factor: float) -> float:
    """``number`` in units of ``factor``, to the 15 significant digits a float holds: "8,2 triệu
    lượt" is 8200000.0, not the 8199999.999999999 that 8.2 * 1e6 gives in binary."""
    return float(f"{number * factor:.15g}")


def format_number(x: float, decimals: int = 2) -> str:
    """Write ``x`` the Vietnamese way ('8.315,7'); the inverse of parse_number."""
    sign = "-" if x < 0 else ""
    whole, _, frac = f"{abs(x):.{decimals}f}".partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")
