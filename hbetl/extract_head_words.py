"""Subjects read by their head words and modifiers, where no catalogue phrase is written.

Why: the catalogue (hbetl/data/indicators.csv and the tables of hbetl/indicators.py) names a
subject only by a phrase written out in full, but reporters put words between an indicator's
head noun and the word that says what it measures: "giá trị sản xuất (theo giá so sánh) ngành
công nghiệp", "kim ngạch hàng hóa xuất khẩu", "tổng giá trị xuất nhập khẩu", "doanh thu về du
lịch". The catalogue cannot list each such order; this module reads them as noun phrases from
one table, hbetl/data/head_words.csv (beside the catalogue), one row per indicator: its head
nouns, the words that may stand between ("ngành", "hàng hóa", "từ", …, or a bracket of no figure)
and the modifiers that must follow them.

What it reads: the head, at most three of its row's words between (or a bracket that holds no
figure, or one that says the prices it is valued at, "(theo giá 2010)"), then a modifier, all
outside any catalogue phrase of the sentence. The phrase is a WEAK subject (Mention.weak): the
rest of the grammar keeps it only where its clause confirms it (extract_weak_phrases._weak_confirmed:
a figure in the indicator's unit or a change in percent follows, with only cue words between)
and refuses it as it refuses a catalogue phrase (a split, a share, a branch, a total since
ever: hbetl/extract_subjects.py and the walk).

What it does not read: any word between head and modifier that is not its row's (a product,
"kim ngạch thủy sản xuất khẩu", or the value added, "giá trị tăng thêm ngành công nghiệp", stay
no subject); a verb, a figure or a clause break between them; a head with no modifier ("doanh thu
đạt …" is a context phrase's, hbetl/indicators.CONTEXT_PHRASES); a figure written before the
phrase.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from hbetl.extract_scan import overlaps
from hbetl.indicators import Mention, _retone_folded, phrase_alternation, retone
from hbetl.textscan import FastPattern

HEAD_WORDS_PATH = Path(__file__).parent / "data" / "head_words.csv"

# A bracket between the head and its modifier that leaves the phrase whole: an abbreviation or a
# note of no figure ("(GTSX)", "(theo giá so sánh)"), or the prices the value is counted at,
# which may name their year ("(theo giá 2010)", "(giá cố định năm 2010)").
_BRACKET = r"\((?:[^()\d%]{1,30}|\s*(?:theo\s+)?giá[^()%]{1,30})\)"

# At most three fillers (a row's words or a bracket) between head and modifier: enough for "giá
# trị sản xuất (theo giá so sánh) của toàn ngành công nghiệp", too few to bridge two noun phrases.
_MAX_BETWEEN = 3


class HeadWordRow(NamedTuple):
    code: str
    heads: tuple[str, ...]
    between: tuple[str, ...]
    modifiers: tuple[str, ...]


def _split(field: str) -> tuple[str, ...]:
    return tuple(w.strip().lower() for w in field.split(";") if w.strip())


@cache
def head_word_rows(path: Path = HEAD_WORDS_PATH) -> tuple[HeadWordRow, ...]:
    """The table of hbetl/data/head_words.csv, one row per indicator."""
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(HeadWordRow(r["code"], _split(r["heads"]), _split(r["between"]), _split(r["modifiers"]))
                     for r in csv.DictReader(f))


def _words(phrases: tuple[str, ...]) -> str:
    """Phrases as one alternation, words apart by any white space (a comma kept where written)."""
    return phrase_alternation(sorted({retone(p) for p in phrases}), r"\s+")


@cache
def _rows_pattern() -> FastPattern:
    """Every row as one pattern, a named group per row ("r0", "r1", …, in the table's order): head,
    up to _MAX_BETWEEN fillers, modifier, each a whole word. One scan of a sentence, not one per row."""
    branches = []
    for i, row in enumerate(head_word_rows()):
        filler = rf"\s+(?:{_words(row.between)})(?!\w)|\s*{_BRACKET}" if row.between else rf"\s*{_BRACKET}"
        branches.append(rf"(?P<r{i}>(?:{_words(row.heads)})(?:{filler}){{0,{_MAX_BETWEEN}}}\s+(?:{_words(row.modifiers)})(?!\w))")
    # (every branch opens with a head's letter: the engine skips to them, the word's start checked on each hit)
    return FastPattern("|".join(branches), word_start=True, opens_with_letters=True)


@cache
def _gate() -> tuple[str, ...]:
    """The last word of every modifier ("khẩu", "nghiệp", "lịch"): a sentence holding none of them
    is not scanned (most sentences of a report hold none)."""
    return tuple(sorted({retone(m).split()[-1] for row in head_word_rows() for m in row.modifiers}))


def may_name_by_head_words(low: str) -> bool:
    """Whether the lower-cased sentence holds a modifier's last word (a cheap gate: substring tests)."""
    return any(word in low for word in _gate())


def names_by_head_words(low: str) -> bool:
    """Whether lower-cased ``low`` (a paragraph) holds a subject this module reads: a paragraph with
    no catalogue phrase is still walked for one ("giá trị ngành công nghiệp ước đạt …")."""
    if not may_name_by_head_words(low):
        return False
    return _rows_pattern().search(low, _retone_folded(low)) is not None


def head_word_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """Weak subjects read by head words and modifiers in sentence ``s`` (``low``: it lower-cased),
    each outside every phrase of ``found`` (the catalogue's, which the grammar reads first)."""
    # (the text retoned as the catalogue's phrases are: "hóa" for "hoá"; ``low`` is None only where
    # lower-casing moves offsets, and the pattern's IGNORECASE form then reads ``s`` itself)
    text, folded = (low, _retone_folded(low)) if low is not None else (retone(s), None)
    taken = [(m.start, m.end) for m in found if not _yields_to_head_words(m)]
    rows = head_word_rows()
    out: list[Mention] = []
    for m in _rows_pattern().finditer(text, folded):
        a, b = m.span()
        if overlaps(a, b, taken):
            continue  # a catalogue phrase names it (or part of it): that reading stands
        out.append(Mention(a, b, rows[_row_index(m)].code, None, weak=True))
    return out


def _row_index(m: re.Match[str]) -> int:
    """The table's row a match of _rows_pattern is of: its named group ("r3" is the fourth row)."""
    return int((m.lastgroup or "r0")[1:])


def _yields_to_head_words(m: Mention) -> bool:
    """A weak or context phrase ("giá trị sản xuất" of CONTEXT_PHRASES, a bare "xuất khẩu") may be
    a part of a longer noun phrase read here: the longer one then names the subject."""
    return m.weak or m.needs is not None


def with_head_word_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """``found`` with the head-word subjects of ``s``, each replacing the weak or context phrases
    it holds, in order of their start."""
    read = head_word_mentions(s, low, found)
    if not read:
        return found
    kept = [f for f in found if not any(r.start <= f.start and f.end <= r.end for r in read)]
    return sorted(kept + read, key=lambda m: m.start)
