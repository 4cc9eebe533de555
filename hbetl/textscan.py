"""Case-insensitive regex scans over Vietnamese text, without re.IGNORECASE's cost.

Two habits of Python's regex engine dominate extraction time (bench/bench_extract.py on
the seed article):

- IGNORECASE folds the case of every character it compares: the change verbs'
  alternation scans the seed article in 0.45 ms with it and 0.07 ms without.
- A pattern that opens with a literal lets the engine skip ahead to that literal's
  first letters in C; one that opens with ``(?<!\\w)`` or an optional group is tried,
  in Python-visible slowness, at every position of the text.

So :class:`FastPattern` compiles the lower-cased pattern without IGNORECASE and runs it
over the text lower-cased once (``fold``). A pattern whose matches all begin at a word
start is written without its leading ``(?<!\\w)`` (``word_start``), and most name a
``trigger``: a cheap pattern with a literal opening that matches wherever a match can
begin; the engine skips to it, and the word boundary is checked on each hit. Either way
the scan gives exactly the matches ``finditer`` of the
reference pattern (``reference``, compiled the ordinary way) gives: leftmost first,
never overlapping; tests/test_textscan.py checks it on the fixtures and on random text.

Matches index the caller's text, but their groups hold lower-cased text: slice the
caller's text with a group's span where the original spelling matters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

__all__ = ["CAPITALS", "DIGIT_LITERALS", "SMALLS", "FastPattern", "fold"]

_UPPER_ESCAPE_RE = re.compile(r"\\[A-Z]")

# A trigger is quickest written as branches that each open with a literal ("đến(?=\s+nay)|
# tới(?=\s+nay)", not "(?:đến|tới)(?=\s+nay)"): the engine then knows the characters a hit can
# open with and skips to the next of them in C; one branch that opens with a group or a class
# ("\d") loses that for the whole trigger, and every branch is tried at every position.
# So the ten digits as literals: VALUE_RE's scans of the fixtures' sentences went 3.46 ->
# 3.04 ms, PERIOD_RE's 3.30 -> 3.04 ms, SINCE_EVER_RE's (its groups split) 1.22 -> 0.80 ms.
DIGIT_LITERALS = "|".join("0123456789")

# The Latin capital letters, for a regex class ("[" + CAPITALS + "]"): A-Z and every accented capital.
# A range written for them, [A-ZĐÀ-Ỹ], holds the small accented letters too (À-Ỹ spans both
# cases, and đ, ư, ơ, ạ … fall inside it), so a name's capital would let "dự án đầu tư" pass.
_LATIN_ACCENTED = [*map(chr, range(0xC0, 0x250)), *map(chr, range(0x1E00, 0x1F00))]
CAPITALS = "A-Z" + "".join(c for c in _LATIN_ACCENTED if c.isupper())
# The Latin small letters likewise: [a-zà-ỹ] holds Đ, Ạ, Ấ … (the capitals interleave with the smalls
# from U+0100 on), so a class meant for "a small letter" let a capital through.
SMALLS = "a-z" + "".join(c for c in _LATIN_ACCENTED if c.islower())


def fold(text: str) -> str | None:
    """``text`` lower-cased, or None when lower-casing would move offsets ('İ' grows)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _lower_pattern(pattern: str) -> str:
    # "\W", "\S", "\D", "\B" would change meaning when lower-cased.
    if _UPPER_ESCAPE_RE.search(pattern):
        raise ValueError(f"pattern: an upper-case escape cannot be folded: {pattern[:60]!r}")
    # Group names and references keep their "(?P": "(?p<" is not a pattern.
    return pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")


class FastPattern:
    """``re.compile(pattern, re.IGNORECASE).finditer`` for lower-case-able patterns, faster.

    ``word_start``: every match begins where a word begins (the reference pattern is
    ``(?<!\\w)(?:pattern)``). ``trigger``: a pattern with a literal opening that matches
    at every position a match of ``pattern`` can begin, so the engine skips to it in C; for
    a ``word_start`` pattern it must match word characters only (words are skipped whole).
    ``skip_failed_hits`` (a pattern with a trigger): no match can begin inside a trigger hit
    but at its start, so a hit whose match fails is skipped whole, as a word is in a
    ``word_start`` pattern (VALUE_RE: a number's digits after its first).
    ``lean_trigger`` (gate, trigger): in text where ``gate`` (a pattern, or a function of the folded
    text that is false where the pattern would find nothing) finds nothing, the trigger's
    branches but these cannot hit (they need what the gate looks for), so this narrower trigger
    is scanned for instead; a branch that is rarely needed then costs nothing where it is not.
    ``leads`` (with a trigger and skip_failed_hits): the pattern opens with an optional group
    ``(?:LEAD\\s+)?``, LEAD an alternation of these words (lower-case; words of one lead apart by
    white space), and the trigger finds where the rest can begin. The leads are not scanned for:
    before each hit, the lead that ends where the white space before it begins (not before the
    last match's end) is looked for, and the match is tried from its start. No lead is the end
    of another, and what the rest matches opens with no white space, so a match that opens with a
    lead is found there, where the reference finds it (VALUE_RE's qualifiers, "trên 5 tỷ đồng").
    """

    def __init__(self, pattern: str, *, word_start: bool = False, trigger: str | None = None,
                 opens_with_letters: bool = False, skip_failed_hits: bool = False,
                 lean_trigger: tuple[str | Callable[[str], object], str] | None = None, leads: tuple[str, ...] = ()) -> None:
        self._reference_pattern = rf"(?<!\w)(?:{pattern})" if word_start else pattern
        self._reference: re.Pattern[str] | None = None
        # ``opens_with_letters`` (a word_start pattern, no trigger): every branch opens with a
        # letter (a trie of phrases), so the engine skips in C to the letters a match can open
        # with and the boundary is checked in Python on each hit. The catalogue phrases' scan
        # of the fixtures' sentences took 1.31 ms this way, 1.68 ms with the boundary in the pattern.
        self._boundary_checked = word_start and trigger is None and opens_with_letters
        if word_start and trigger is None and not opens_with_letters:
            # Without a trigger the boundary stays in the pattern: checking it in Python on
            # every hit costs more than it saves when the pattern opens with no literal.
            self._fast = re.compile(rf"(?<!\w)(?:{_lower_pattern(pattern)})")
        else:
            self._fast = re.compile(_lower_pattern(pattern))
        self._trigger = re.compile(_lower_pattern(trigger)) if trigger else None
        self._word_start = word_start
        self._skip_failed_hits = skip_failed_hits
        # (The gate a pattern, or a function of the folded text: substring tests in C before its scan.)
        self._lean = None if lean_trigger is None else (
            lean_trigger[0] if callable(lean_trigger[0]) else re.compile(_lower_pattern(lean_trigger[0])).search,
            re.compile(_lower_pattern(lean_trigger[1])).search)
        # What finditer runs on folded text, and the bound methods the scans call, looked up once
        # here rather than on each of the ~12 scans a sentence: ~40 of the ~100 bytecodes a scan
        # that finds little ran went to dispatching and looking these up.
        self._find = self._trigger.search if self._trigger is not None else None
        self._match = self._fast.match
        # Each lead as its words, last first; and the last three letters of each (all of a shorter
        # word), for the quick test that most hits fail.
        self._leads = [tuple(reversed(lead.split())) for lead in leads]
        self._lead_tails = frozenset(words[0][-3:] for words in self._leads)
        if leads and (self._trigger is None or word_start or not skip_failed_hits or lean_trigger is not None):
            raise ValueError("leads: a trigger, skip_failed_hits, no word_start and no lean trigger")
        self._scan = (self._triggered_at_word_starts if self._trigger is not None and word_start
                      else self._triggered if self._trigger is not None
                      else self._at_word_starts if self._boundary_checked else self._fast.finditer)

    @property
    def reference(self) -> re.Pattern[str]:
        """The pattern compiled the ordinary way (IGNORECASE), for text ``fold`` refuses.
        Compiled on first use: most runs never need it, and the catalogue phrases' reference
        alone takes ~0.3 s to compile."""
        if self._reference is None:
            self._reference = re.compile(self._reference_pattern, re.IGNORECASE)
        return self._reference

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
        """The reference's matches in ``text``; ``folded``: ``fold(text)`` when the caller has it."""
        low = folded if folded is not None else fold(text)
        if low is None:
            return self.reference.finditer(text)
        return self._scan(low)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        low = folded if folded is not None else fold(text)
        if low is not None and self._trigger is None and not self._boundary_checked:
            # The first match of finditer is search's match; asking for it directly skips
            # building an iterator (FIGURE_RE, once per sentence: ~0.3 µs a call).
            return self._fast.search(low)
        return next(self.finditer(text, folded), None)

    def _triggered_at_word_starts(self, low: str) -> Iterator[re.Match[str]]:
        # A generator of its own (chosen in __init__, not by a test on each scan) so that the
        # boundary is checked before the (dearer) match, written inline (alphanumeric or '_' is
        # what the engine calls \w in str patterns): this loop runs at every trigger hit, ~23% of
        # extracting the sample page. Most hits follow a space, which is told first (~30k of the
        # ~3.4M bytecodes a round of the fixtures).
        find, match, pos = self._find, self._match, 0
        if self._lean is not None and not self._lean[0](low):
            find = self._lean[1]
        while (t := find(low, pos)) is not None:
            start = t.start()
            if start and (before := low[start - 1]) != " " and (before.isalnum() or before == "_"):
                pos = t.end()  # a word-start pattern cannot begin inside a word: skip it whole
                continue
            m = match(low, start)
            if m is None:
                pos = t.end()
                continue
            yield m
            end = m.end()
            pos = end if end > start else start + 1

    def _triggered(self, low: str) -> Iterator[re.Match[str]]:
        find, match, pos = self._find, self._match, 0
        if self._lean is not None and not self._lean[0](low):
            find = self._lean[1]
        # ``leads``: VALUE_RE's trigger named its qualifiers ("trên", "hơn", "gần", …) beside the
        # digits: their first letters are among the commonest, and the engine stopped at each to try
        # them (20.2M -> 11.1M instructions for its scans of a round of the labelled fixtures, digits
        # alone). The lead is asked for only where the word before the hit ends as one does (its last
        # three or two letters; most hits follow "đạt", "tăng", "tháng", "năm": one function call each
        # cost ~3k). A pattern with no leads has no tails: one test a hit.
        skip, tails, lead_at = self._skip_failed_hits, self._lead_tails, self._lead_at
        while (t := find(low, pos)) is not None:
            start = t.start()
            if tails and start > pos and low[start - 1].isspace():
                end = start - 1  # where the white space before the hit begins
                while end > pos and low[end - 1].isspace():
                    end -= 1
                if (low[end - 3:end] in tails or low[end - 2:end] in tails) and (lead := lead_at(low, pos, end)) is not None:
                    start = lead
            m = match(low, start)
            if m is None:
                pos = t.end() if skip else start + 1
                continue
            yield m
            end = m.end()
            pos = end if end > start else start + 1

    def _lead_at(self, low: str, pos: int, end: int) -> int | None:
        """Where the lead that ends at ``end`` (white space after it) begins, at ``pos`` or after; or None."""
        for words in self._leads:
            at = end
            for i, word in enumerate(words):
                if i:  # the white space between two words of the lead
                    gap = at
                    while at > pos and low[at - 1].isspace():
                        at -= 1
                    if at == gap:
                        break
                if not low.endswith(word, pos, at):
                    break
                at -= len(word)
            else:
                return at
        return None

    def _at_word_starts(self, low: str) -> Iterator[re.Match[str]]:
        search, pos = self._fast.search, 0
        while (m := search(low, pos)) is not None:
            start = m.start()
            if start and (before := low[start - 1]) != " " and (before.isalnum() or before == "_"):
                pos = start + 1  # inside a word: a match further on may still open at a word start
                continue
            yield m
            end = m.end()
            pos = end if end > start else start + 1
