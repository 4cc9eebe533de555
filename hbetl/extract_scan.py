"""Scan: the Event a finder makes, and the one sentence the finders share while they read it.

find_events (hbetl/extract_events.py) runs its finders over a sentence one after another;
each adds its events to the sentence's _Scan (the text, its lower-cased copy, the events so
far and the spans they take) and skips the words an earlier finder took (overlaps,
_inside).  to_number reads a number that may not be one.  These few definitions are here,
apart from the finders, so that every finder module (extract_levels, extract_changes,
extract_subjects, extract_uncatalogued, extract_asides, extract_periods_bases, extract_frame)
and extract_events take them from one place and none imports another's finders.  This module imports nothing from the
other extract_* modules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from hbetl.numbers import parse_number

# "trong đó", "trong số đó" (of which, among them): the parts of a whole just named follow ("xuất khẩu
# đạt 30 tỷ USD, trong đó khu vực FDI đạt 22 tỷ USD"). The words written once for the regexes that
# look for them, each adding its own boundaries (context, extract, extract_frame, extract_uncatalogued,
# extract_sentence); a sentence may also open on "trong số này" (among these): PARTS_OPENING_OR_THESE.
# "trong khi đó" (meanwhile) only where the code means a contrast: CONTRAST_OPENING (extract_bases).
PARTS_OPENING = r"trong\s+(?:số\s+)?đó"
PARTS_OPENING_OR_THESE = r"trong\s+(?:số\s+)?(?:đó|này)"
CONTRAST_OPENING = r"trong\s+(?:khi\s+)?đó"
# A clause or sentence that opens on them, after white space only (extract_sentence, extract_walk):
# the parts of the total named just before follow.
OPENS_ON_PARTS_RE = re.compile(r"\s*" + PARTS_OPENING_OR_THESE + r"(?!\w)", re.IGNORECASE)


class Spanned(Protocol):
    """What has a span of a sentence: a Mention (hbetl/indicators.py), an Event."""
    start: int
    end: int


# slots: ~15 events and a few drafts are made per sentence; slotted instances are
# quicker to make and to read (same fields, same equality; nothing adds attributes).
@dataclass(slots=True)
class Event:
    start: int
    end: int
    kind: str  # M P V C B K S T A X
    data: dict = field(default_factory=dict)


def overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    # A plain loop, not any(<generator>): the same answer, and at ~140 calls a page the
    # generator's frame showed in the profile (on six spans: 630 ns -> 200 ns a call).
    for x, y in taken:  # noqa: SIM110 - see above
        if a < y and x < b:
            return True
    return False


def spans_overlap(a: int, b: int, found: Iterable[Spanned]) -> bool:
    """Something in ``found`` (Mentions, Events: anything with a start and an end) overlaps ``a``..``b``:
    the words a finder would read are another's already (a loop for the reason above)."""
    for f in found:  # noqa: SIM110 - see overlaps
        if f.start < b and a < f.end:
            return True
    return False


def _inside(pos: int, taken: list[tuple[int, int]]) -> bool:
    """``pos`` falls inside one of the spans (written as a loop for the reason above)."""
    for x, y in taken:  # noqa: SIM110 - see overlaps
        if x <= pos < y:
            return True
    return False


# slots: one is made per sentence and the stages of find_events read it; what a stage reads in
# its loops it binds to locals first (the loops run per match: a local, not an attribute, each time).
@dataclass(slots=True)
class _Scan:
    """One sentence as find_events' stages share it: the events so far and the spans they take
    (an event found by an earlier stage keeps its words from a later one)."""
    s: str
    low: str  # fold(s): every scan runs over the one lower-cased copy (hbetl/textscan.py)
    may_compared_level: bool  # "mức" in it: "cao hơn so với mức 1,91 tỷ USD": a level compared with
    may_floor: bool  # "trở" in it: "từ 11% trở lên"
    may_places: bool  # may_count_places(low): asked once for the changes' and the levels' stages (1,196 -> 643 a round)
    events: list[Event]
    taken: list[tuple[int, int]]
    mentions: list[Event]  # the M events, for the checks that only look at them
    mention_codes: set[str]  # their codes: two checks ask for one (a set, not two any() generators)
    places: list[Event]  # the L events
    bases_by_end: dict[int, Event]  # for an amount in brackets right after its base


def to_number(s: str | None) -> float | None:
    if not s:
        return None
    try:
        return parse_number(s)
    except ValueError:
        return None
