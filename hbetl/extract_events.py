"""The events of a sentence: what the grammar of hbetl/extract.py is made of.

Each finder scans one sentence (lower-cased once, textscan.fold) and gives events with
their span and what they say:

    M  a catalogue phrase (the subject): "kim ngạch xuất khẩu", "7 vụ vi phạm"
    P  a period: "quý II", "6 tháng", "tháng 5.2015", "đến hết tháng 9"
    V  a level, a number and its unit: "2.663 tỷ đồng", "khoảng 210.000 lượt"
    C  a change or a share of a plan: "tăng 18,19%", "bằng 139% cùng kỳ", "vượt 6% kế hoạch"
    B  a base ("so với cùng kỳ", "so với tháng trước") that gives a bare change its field
    K  a kind cue: ước (estimate); phấn đấu, dự kiến, kế hoạch đặt ra (target)
    S  a scope phrase: "tính cả …", "không kể …"
    T  a breakdown opens: "trong đó", "bao gồm", "chia theo" (what follows is not the subject)
    A  an average opens: "bình quân mỗi tháng" (what follows in the clause is no total)
    L  a province, city or economic region by name (data/places.csv): the scope of a figure in a list by place
    X  a clause break: , ; : ( ) and " - "

Words that only look like an event are refused where the text is at hand: a
target word that reaches a plan ("đạt và vượt kế hoạch đề ra"), a period that names the
plan a figure is measured against ("73,7% kế hoạch năm 2022"), a trade verb that names a
product ("xuất khẩu gạo"), a phrase that names a split ("dư nợ cho vay nông nghiệp").
The predicates that refuse them, with their regexes, are kept by what they refuse: plans
and targets in hbetl/extract_plans.py, splits and places counted in hbetl/extract_splits.py,
weak phrases and what fits a subject in hbetl/extract_weak_phrases.py;
the post passes that read rates compared with other rates or years (and base_periods)
are in hbetl/extract_rates.py.

The finders are kept apart by what they find: the subjects (M) the catalogue names in
hbetl/extract_subjects.py, those it does not hold in hbetl/extract_uncatalogued.py; the
asides (A) in hbetl/extract_asides.py; the levels (V) in hbetl/extract_levels.py; the changes (C) in
hbetl/extract_changes.py; the periods (P) and bases (B) in hbetl/extract_periods_bases.py; the
cues (K), scopes (S), breakdowns (T), places (L) and clause breaks (X) in hbetl/extract_frame.py;
the Event they make and the _Scan of a sentence they share, in hbetl/extract_scan.py.
find_events, here, runs them in order, then the post passes.  Names other modules take from here are re-exported.
"""

from __future__ import annotations

import re

from hbetl.extract_asides import _aside_events
from hbetl.extract_changes import (
    _change_events,
    _change_matches,
    _list_of_changes_about,
    _percents_sharing_a_verb,
)
from hbetl.extract_frame import (
    _break_events,
    _cause_branch_events,
    _composition_named,
    _cue_events,
    _place_events,
    _scope_events,
    _subitem_events,
)
from hbetl.extract_levels import _bare_count_events, _level_events
from hbetl.extract_periods_bases import _base_events, _multiple_base_events, _period_events
from hbetl.extract_rates import (
    _last_years_rate_after_its_base,
    _next_rates_compared,
    _periods_of_a_move,
    _periods_of_the_compared_in_brackets,
    _rates_compared_in_brackets,
    _rates_compared_of_years,
    _rates_compared_with_la,
    _years_after_ratios,
    _years_of_a_rise,
)
from hbetl.extract_scan import Event, _Scan
from hbetl.extract_splits import may_count_places
from hbetl.extract_subjects import _drop_unconfirmed_mentions, _mention_events
from hbetl.extract_uncatalogued import _VIOLATION_CODES, _items_in_other_units, _violations_by_type
from hbetl.indicators import GOAL_WORDS, Mention
from hbetl.textscan import DIGIT_LITERALS, FastPattern, fold

# isort: split
# Re-exported: other modules and tests take these from hbetl.extract_events.
from hbetl.extract_asides import counts_since_ever as counts_since_ever
from hbetl.extract_changes import CHANGE_RE as CHANGE_RE
from hbetl.extract_changes import _change_event as _change_event
from hbetl.extract_frame import _CLAUSE_BREAK_NO_DASH_RE as _CLAUSE_BREAK_NO_DASH_RE
from hbetl.extract_frame import _NOT_ESTIMATE_BEFORE as _NOT_ESTIMATE_BEFORE
from hbetl.extract_frame import _NOT_ESTIMATE_BEFORE_IN_RE as _NOT_ESTIMATE_BEFORE_IN_RE
from hbetl.extract_frame import _WORD_BEFORE_RE as _WORD_BEFORE_RE
from hbetl.extract_frame import CLAUSE_BREAK_RE as CLAUSE_BREAK_RE
from hbetl.extract_frame import SCOPE_RE as SCOPE_RE
from hbetl.extract_frame import SUBITEMS_RE as SUBITEMS_RE
from hbetl.extract_frame import TARGET_RE as TARGET_RE
from hbetl.extract_frame import _break_event as _break_event
from hbetl.extract_levels import _BARE_COUNT_RE as _BARE_COUNT_RE
from hbetl.extract_levels import NUM as NUM
from hbetl.extract_levels import VALUE_RE as VALUE_RE
from hbetl.extract_levels import unit_of as unit_of
from hbetl.extract_periods_bases import BASE_RE as BASE_RE
from hbetl.extract_periods_bases import SAME_PERIOD_BEFORE_RE as SAME_PERIOD_BEFORE_RE
from hbetl.extract_periods_bases import may_name_tasks as may_name_tasks
from hbetl.extract_periods_bases import names_tasks_ahead as names_tasks_ahead
from hbetl.extract_plans import PLAN_SHARE_CODES as PLAN_SHARE_CODES
from hbetl.extract_plans import _may_target as _may_target
from hbetl.extract_plans import names_the_plan as names_the_plan
from hbetl.extract_plans import plan_share_rate as plan_share_rate
from hbetl.extract_rates import _base_data as _base_data
from hbetl.extract_rates import base_periods as base_periods
from hbetl.extract_scan import overlaps as overlaps
from hbetl.extract_scan import to_number as to_number
from hbetl.extract_splits import AVERAGE_RE as AVERAGE_RE
from hbetl.extract_uncatalogued import adjusted_capital_mentions as adjusted_capital_mentions
from hbetl.extract_uncatalogued import assigned_capital_mentions as assigned_capital_mentions
from hbetl.extract_uncatalogued import attracted_dollars_mentions as attracted_dollars_mentions
from hbetl.extract_uncatalogued import bare_revenue_mentions as bare_revenue_mentions
from hbetl.extract_uncatalogued import collector_revenue_mentions as collector_revenue_mentions
from hbetl.extract_uncatalogued import firms_capital_mentions as firms_capital_mentions
from hbetl.extract_uncatalogued import lenders_deposits_mentions as lenders_deposits_mentions
from hbetl.extract_uncatalogued import listed_firms_mentions as listed_firms_mentions
from hbetl.extract_uncatalogued import may_name_attracted_dollars as may_name_attracted_dollars
from hbetl.extract_uncatalogued import may_name_bare_revenue as may_name_bare_revenue
from hbetl.extract_uncatalogued import may_name_collector as may_name_collector
from hbetl.extract_uncatalogued import may_name_place_growth as may_name_place_growth
from hbetl.extract_uncatalogued import may_name_taxpayer as may_name_taxpayer
from hbetl.extract_uncatalogued import place_growth_mentions as place_growth_mentions
from hbetl.extract_uncatalogued import project_capital_mentions as project_capital_mentions
from hbetl.extract_uncatalogued import taxpayer_revenue_mentions as taxpayer_revenue_mentions
from hbetl.extract_weak_phrases import CONTINUATION_WORDS as CONTINUATION_WORDS
from hbetl.extract_weak_phrases import UNIT_OF_FAMILY as UNIT_OF_FAMILY
from hbetl.extract_weak_phrases import WORD_RE as WORD_RE
from hbetl.extract_weak_phrases import fits as fits
from hbetl.extract_weak_phrases import phrases_of as phrases_of

# A figure needs a digit, except "gấp đôi" (doubled). The digits as literals (textscan.DIGIT_LITERALS):
# a sentence with none is scanned in C to its end (dev's sentences: 0.23 -> 0.17 ms).
FIGURE_RE = FastPattern(DIGIT_LITERALS + r"|gấp\s+đôi")


_COUNTED_CODES = {"new_enterprises", "market_violations", "counterfeit_violations"}  # count indicators


# Events at one position: clause breaks first, then subjects, periods, … bases last.
_KIND_ORDER = {"X": 0, "M": 1, "P": 2, "S": 3, "K": 4, "T": 5, "A": 6, "L": 7, "V": 8, "C": 9, "B": 10}


# The words right before "ngành" that _CAUSE_NAMES_BRANCH_RE needs ("do ngành", "nhờ các ngành"):
# one scan in C of the sentence, so the cause's regex runs on the few sentences that have one.
_CAUSE_BEFORE_BRANCH_GATE = re.compile(r"(?:do|nhờ|vì|bởi)\s+(?:các\s+)?ngành").search


def find_events(s: str, found: list[Mention] | None = None, low: str | None = None,
                names: list[tuple[int, int, str]] | None = None,
                topics: tuple[set[str], set[str]] | None = None) -> list[Event]:
    """The events of one sentence ``s``; positions are relative to ``s``.
    ``found``: the sentence's catalogue phrases when the caller has looked them up already;
    ``low``: ``fold(s)`` when the caller has it; ``names``: its places (start, end, name),
    when the caller found them in the whole text at once; ``topics``: the indicators named
    in the sentence before and so far in this one (the second set gets this sentence's): a
    context phrase ("tổng doanh thu") is kept only when its related indicator is in either.
    The stages run in this order: the words an earlier one takes, a later one skips."""
    if low is None:
        low = fold(s)  # every scan below runs over the one lower-cased copy (hbetl/textscan.py)
    # (the empty containers given, not default factories: a third quicker to make, once a sentence)
    scan = _Scan(s, low, "mức" in low or "con số" in low, "trở" in low, may_count_places(low), [], [], [], set(), [], {})
    # Changes first so that "về vốn đăng ký" inside one is not a new subject (their events are
    # made after the places').
    changes, about_spans = _change_matches(s, low)
    _mention_events(scan, found, about_spans)
    # The scans below look for words most sentences lack: a substring test first skips the
    # scan (a FastPattern scan costs a Python-level generator even when nothing matches), here
    # or, where a stage has more than one scan, in the stage.
    if "so" in low or "với cùng kỳ" in low:  # (the base without its "so": BASE_RE)
        _base_events(scan)
    if "lần" in low:
        _multiple_base_events(scan)
    if "cả" in low or "không" in low or "trừ" in low:
        _scope_events(scan)
    _aside_events(scan)
    _period_events(scan)
    if names is None or names:
        _place_events(scan, names)
    if changes:
        _change_events(scan, changes)
    _level_events(scan)
    if not _COUNTED_CODES.isdisjoint(scan.mention_codes):
        _bare_count_events(scan)
        if "vụ" in low and not _VIOLATION_CODES.isdisjoint(scan.mention_codes):
            _violations_by_type(scan)
    _cue_events(scan)
    if "đó" in low or "gồm" in low or "theo" in low:
        _subitem_events(scan)
    if "ngành" in low and ("do " in low or "nhờ " in low or "vì " in low or "bởi " in low) and _CAUSE_BEFORE_BRANCH_GATE(low):
        _cause_branch_events(scan)
    _break_events(scan)
    if scan.mentions and (" con" in low or " ha" in low or "m3" in low or "m2" in low or " lao động" in low):
        _items_in_other_units(scan)
    events = scan.events
    if "gấp" in low or "bằng" in low:
        _years_after_ratios(s, events)
    if "cùng kỳ năm" in low:
        _year_after_same_period(s, events)
    if " lên " in low and "từ " in low:
        _years_of_a_rise(s, events)
    events.sort(key=_event_order)
    if "từ" in low and ("lên" in low or "xuống" in low or " còn " in low):  # "từ 610 triệu USD của quý I năm ngoái xuống còn …"
        _periods_of_a_move(s, events)
    if "gồm" in low:  # "đạt 2,1 tỷ USD, gồm vốn cấp mới, vốn tăng thêm …, tăng 9%"
        _composition_named(s, events)
    if "(" in s and "kỳ" in low and "so" in low:  # "so với cùng kỳ năm trước (tăng 4,2%)"
        _last_years_rate_after_its_base(low, events)
    more = "hơn" in low  # (asked by three passes: one scan of the sentence, ~600 instructions, not three)
    if "(" in s:  # "thấp hơn quý I (14,8%)", "vượt mục tiêu đặt ra (9%)"
        reached = ("vượt" in low or "đạt" in low or "so với" in low) and any(word in low for word in GOAL_WORDS)
        if more or reached:
            _rates_compared_in_brackets(low, events, more, reached)
    if more and (" các năm " in low or "cùng kỳ năm" in low):  # ("… 4,7% và 5,17% của cùng kỳ năm 2020 và 2021")
        _rates_compared_of_years(s, events)
    if "(" in s and "so với" in low:  # "(giảm so với mức 2,1% … của 9 tháng năm 2019)"
        _periods_of_the_compared_in_brackets(low, events)
    if " là " in low and "%" in s and (more or "so với" in low):
        _rates_compared_with_la(low, events)
    if more and ("% của" in low or "% cùng" in low):  # ("2,04% cùng giai đoạn năm 2020 và 5,74% trong …")
        _next_rates_compared(s, events)
    if about_spans:  # a change says what changed ("tăng 5% về số doanh nghiệp")
        _list_of_changes_about(s, events)
    if ("% so" in low or "lần lượt" in low or "tương ứng" in low) and ("và" in low or "," in s):
        # "giảm 9% so với tháng trước và 20% so với cùng kỳ", "giảm lần lượt 6,3% và 22,8%"
        _percents_sharing_a_verb(s, low, events)
    return _drop_unconfirmed_mentions(scan, topics)


def _year_after_same_period(s: str, events: list[Event]) -> None:
    """"gấp 1,7 lần cùng kỳ năm ngoái", "bằng 170% cùng kỳ năm ngoái", "tăng 70% cùng kỳ năm 2022": the
    year right after a change's own "cùng kỳ" (no "so với") is the base it is measured against, not a
    period of the sentence (nor one the next sentence would carry: "… Tổng doanh thu du lịch …")."""
    for e in events:
        if e.kind != "C" or e.data.get("field") != "yoy" or not s[e.start:e.end].lower().endswith("cùng kỳ"):
            continue
        gap = len(s[e.end:e.end + 3]) - len(s[e.end:e.end + 3].lstrip())
        year = next((p for p in events if p.kind == "P" and p.start == e.end + gap and p.data.get("spec") is not None
                     and p.data["spec"].kind == "Y" and (p.data["spec"].year or p.data["spec"].relative == "prev")), None)
        if year is not None and gap:
            if year.data["spec"].year and "base_year" not in e.data:
                e.data["base_year"] = year.data["spec"].year
            events.remove(year)


def _event_order(e: Event) -> tuple[int, int]:
    """The sort key of the events: by position, then, at one position, in _KIND_ORDER."""
    return e.start, _KIND_ORDER[e.kind]


# "… và gần 79 nghìn lao động đăng ký trong tháng.": the month the report is about.
THIS_MONTH_RE = re.compile(r"(?<!\w)trong\s+tháng(?:\s+(?:này|qua|vừa\s+qua))?(?=\s*[,.;:)]|\s*$)")


