"""Bases: which figure a change is measured against, and which field it fills.

A change ("tăng 7,2%") fills one of a record's three changes: yoy_pct, mom_pct or plan_pct.
Which one is said by its base ("so với cùng kỳ", "so với tháng trước", "so với kế hoạch"),
written after it, before it, once for a list, or not at all (then the record's period and
the indicator say it).  These are the readings the walk of hbetl/extract_walk.py asks when a
change meets a draft: the base that governs it, whether it belongs to the draft open or to
another record of the sentence ("tăng 20,3% về số doanh nghiệp"), and _apply_change, which
writes it.  They import nothing from extract_walk at run time (Draft is named for annotations).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING

from hbetl.extract_plans import PLAN_SHARE_CODES
from hbetl.extract_rates import base_periods
from hbetl.extract_scan import CONTRAST_OPENING, Event
from hbetl.extract_weak_phrases import phrases_of
from hbetl.indicators import load_catalogue
from hbetl.periods import PeriodSpec, months_so_far

if TYPE_CHECKING:
    from hbetl.extract import _Paragraph
    from hbetl.extract_walk import Draft


_CAPITAL_CODES = {"fdi_capital", "registered_capital"}


# A plan changed during the year ("điều chỉnh giảm 500 tỷ đồng, xuống còn 9.500 tỷ đồng"): the
# figure is where the plan moved to, not a plan stated for the record.
# The plan as it stands after the change ("kế hoạch … sau điều chỉnh là 3.200 tỷ đồng") is stated, a target.
_PLAN_ADJUSTED_RE = re.compile(r"(?<!\w)(?:điều\s+chỉnh\s+(?:giảm|tăng)|xuống\s+còn|giảm\s+còn|cắt\s+giảm)(?!\w)",
                               re.IGNORECASE)


def _plan_adjusted_before(s: str, start: int) -> bool:
    window = s[max(0, start - 80):start]
    return ("chỉnh" in window or "còn" in window or "cắt" in window) and bool(_PLAN_ADJUSTED_RE.search(window))


def _target_rate(ev: Event, subject: dict | None, kind: str) -> bool:
    """A percent stated as a plan's level for an indicator counted in money or goods is the
    planned growth ("kế hoạch tăng trưởng xuất khẩu 8,42%": yoy_pct, Conventions)."""
    return (subject is not None and kind == "target" and ev.data["family"] == "percent"
            and subject["unit"] != "percent" and ev.data["percent_cue"])


def _share_of_the_same_plan(d: dict, cur: Draft | None, drafts: list[Draft]) -> bool:
    """A bare "bằng/đạt X%" of a part that has its level, after the total's share of its plan
    earlier in the sentence, or another part's ("Trong đó, thu nội địa đạt 1.197,4 nghìn tỷ đồng,
    bằng 91,8% dự toán năm và giảm 7,4%; thu từ dầu thô 47,3 nghìn tỷ đồng, bằng 111,5% và giảm
    21,5%": the list names the plan once)."""
    return (bool(d.get("ratio") or d.get("level_if_percent")) and cur is not None and cur.scope is not None
            and cur.value is not None and cur.plan is None and cur.yoy is None
            and any(x.code == cur.code and x.plan is not None and x is not cur for x in drafts))


def _ratio_of_the_same_year(d: dict, cur: Draft | None, drafts: list[Draft], ev: Event, events: list[Event]) -> bool:
    """A bare "bằng X%" of a part that has its level, after its total's "bằng Y% so với cùng kỳ"
    earlier in the sentence and no share of a plan ("… ước đạt 45.010 tỷ đồng, bằng 124,5% so với
    cùng kỳ năm trước, trong đó: thu nội địa ước đạt 15.916 tỷ đồng, bằng 133,4%; …": the list
    names its base once, as _share_of_the_same_plan reads a plan named once)."""
    return (bool(d.get("ratio")) and cur is not None and cur.scope is not None and cur.value is not None
            and cur.yoy is None and cur.plan is None
            and any(x.code == cur.code and x.scope is None and x.yoy is not None and x.plan is None for x in drafts)
            and not any(x.code == cur.code and x.plan is not None for x in drafts)
            and _compared_with_last_year_before(ev, events))


def _plan_share_after_level(d: dict, cur: Draft | None, ev: Event, events: list[Event]) -> bool:
    """A bare "đạt X%" right after a record's level, no base anywhere for it: the share of the
    year's plan, the plan's name left out as a review of plan targets writes it ("thu ngân sách
    nhà nước đạt gần 84 tỷ đồng, đạt hơn 132%; tổng nguồn vốn đầu tư xã hội 275 tỷ đồng, đạt
    110%", "tổng thu ngân sách hơn 797 tỷ đồng, đạt 188,5%"). Last year's level would be named
    ("đạt 92% so với cùng kỳ"); a percent indicator's "đạt 7,5%" is its level (read before)."""
    if not d.get("level_if_percent") or cur is None or cur.value is None or cur.plan is not None:
        return False
    i = _skip_back_commas(events, events.index(ev))
    if i > 0 and events[i - 1].kind == "X" and events[i - 1].data["char"] == ")":
        # "ước đạt 186,5 tỷ đồng (kế hoạch 166 tỷ đồng), đạt 112,3%": the plan aside in brackets between.
        j = i - 1
        while j > 0 and not (events[j - 1].kind == "X" and events[j - 1].data["char"] == "("):
            j -= 1
        i = _skip_back_commas(events, j - 1) if j > 0 else 0
    return i > 0 and events[i - 1].kind == "V" and events[i - 1].data["family"] != "percent"


def _skip_back_commas(events: list[Event], i: int) -> int:
    """The index before which no comma break stands, going back from ``i``."""
    while i > 0 and events[i - 1].kind == "X" and events[i - 1].data["char"] == ",":
        i -= 1
    return i


def _is_earlier_draft(cur: Draft | None) -> bool:
    """A record opened by "cùng kỳ năm trước" that has no figure yet."""
    return cur is not None and cur.period_year_shift is not None and not cur.has_figure()


def _earlier_rate(ev: Event, cur: Draft | None, subject: dict) -> bool:
    """'tăng 6,12%, cao hơn cùng kỳ năm 2022 (5,8%)': a bare percent right after
    'cùng kỳ' is last year's rate of a percent indicator, with no verb to cue it."""
    return ev.data["family"] == "percent" and subject["unit"] == "percent" and _is_earlier_draft(cur)


def _base_for(ev: Event, events: list[Event]) -> Event | None:
    """The base that gives a bare change its field: the next 'so với …' before any new
    figure or subject, else one between the subject and the change ('CPI tháng 3 so với
    tháng trước giảm 0,24%')."""
    by_place = False  # changes listed by place share the base after the list
    claimed = None
    aside = False
    # The events are in order of their start: the scans begin at the change, not at the sentence's start.
    after = bisect_left(events, ev.end, key=_START)
    for i in range(after, len(events)):
        e = events[i]
        if aside:  # (the change's amount in brackets: "tăng 2,35% (tăng 6,4 triệu USD) so với tháng trước")
            aside = not (e.kind == "X" and e.data.get("char") == ")")
            continue
        if i == after and e.kind == "X" and e.data.get("aside"):
            aside = True
            continue
        if e.kind == "B":
            if not _claimed_by_next_change(events, i):
                return e
            # "so với tháng 12/2020, CPI tháng 9 tăng 0,85% và so với cùng kỳ năm trước tăng 2,1%":
            # a base written right before a change of its own is that change's when this change
            # has a base of its own before it.
            claimed = e
            break
        if e.kind == "L":
            by_place = True
            continue
        if (e.kind == "M" and not e.data.get("object")) or e.kind == "V" or (e.kind == "C" and (
                e.data.get("field") is None
                or not (e.data.get("about") or e.data.get("listed") or ev.data.get("about") or by_place))):
            # "tăng 1,1% và tăng 3,5% so với sáu tháng đầu năm 2019": a base belongs to the
            # nearest change of its subject; a list of changes 'về …' shares the one after it, as does a
            # respective list with its verb written once ("giảm lần lượt 6,3% và 22,8% so với tháng 6"), and
            # so does a list by place ("tại TP HCM giảm 0,43%, tại Hà Nội giảm 0,17% so với tháng 5").
            break
        if e.kind == "X" and e.data.get("char") in (";", "(", ")"):
            break
    at = bisect_left(events, ev.start, 0, after, key=_START)
    if "B" not in map(_KIND, events[:at]):
        # No base before the change (most changes: "tăng 5% so với cùng kỳ" writes it after): the
        # walk below would find none. The kinds are read in C (353 calls a round of the fixtures:
        # 602.6M -> 602.0M instructions).
        return claimed
    before, topic, heading, by_place = None, False, False, False
    for i in range(at):
        e = events[i]
        if e.kind == "B":
            # "So với tháng trước, CPI tăng 0,5%, IIP tăng 2%": a base set before the subjects
            # applies to every change up to the next ';'. Not one that closes a change of its own
            # ("CPI tháng 12 tăng 0,27% so với tháng trước, đưa CPI cả năm lên mức tăng 6,81%").
            nxt = events[i + 1] if i + 1 < len(events) else None
            closes_change = i > 0 and events[i - 1].kind == "C"
            # "CPI tháng 10 so với tháng trước: Hà Nội 0,42%, Đà Nẵng 0,35%": a base that heads a list
            # applies to each of its items.
            heading = bool(nxt and nxt.kind == "X" and nxt.data.get("char") == ":")
            before, topic = e, (bool(nxt and nxt.kind == "X" and nxt.data.get("char") == ",") and not closes_change) or heading
            # "CPI tại TP HCM tăng 0,45% so với tháng trước, còn tại Hà Nội tăng 0,42%": the base of a
            # list by place is written once, with its first item's change.
            by_place = closes_change and _opens_with_place(events, i - 1)
        elif e.kind == "X" and e.data.get("char") == ";":
            if not heading:
                before, topic, by_place = None, False, False
        elif (e.kind == "X" and e.data.get("char") == "(" and not topic and before is not None
              and events[i + 1].kind == "P"):
            # "… cao hơn so với 11 tháng năm 2023 (11 tháng năm 2023 tăng 4,95%)": a bracket that opens
            # on a period of its own states that period's figure, against its own base (last year's,
            # written or not), not the comparison written before the bracket.
            before = None
        elif not topic and (e.kind in ("M", "V") or (not by_place and (
                e.kind == "C" or (e.kind == "X" and e.data.get("char") == ",")))):
            before = None
    if by_place and not topic and before is not None and not _opens_with_place(events, at):
        before = None  # (only a change of a later place's item: "…, tăng 3% so với cùng kỳ" is not one)
    return before if before is not None or claimed is None else claimed


def _opens_with_place(events: list[Event], i: int) -> bool:
    """The change at ``events[i]`` comes right after a place's name ("Hà Nội tăng 0,42%", "tại
    Hà Nội tăng …"), breaks aside."""
    j = i - 1
    while j >= 0 and events[j].kind == "X":
        j -= 1
    return j >= 0 and events[j].kind == "L"


_START = attrgetter("start")
_KIND = attrgetter("kind")


def _last_base(events: list[Event]) -> Event | None:
    """The sentence's last base against last year or the months before: a bank report's next
    sentences measure their balances' bare changes against it ("dư nợ … tăng 1,2% so với đầu năm.
    … Cụ thể, tháng 1 giảm 0,76%, tháng 2 tăng 0,46%")."""
    for e in reversed(events):
        if e.kind == "B" and e.data.get("field") in ("mom", "yoy"):
            return e
    return None


def _first_base(events: list[Event]) -> Event | None:
    """The sentence's first base against last year or the months before."""
    return next((e for e in events if e.kind == "B" and e.data.get("field") in ("mom", "yoy")), None)


# Balances (credit, deposits): a bank report names its base once for a list of changes.
_BALANCE_CODES = frozenset({"credit_outstanding", "deposits_mobilized"})


def _base_named_once(ev: Event, events: list[Event]) -> Event | None:
    """The last base written before a bare change of a balance in its sentence: a bank report
    names it once for the list ("huy động vốn tăng 7,78% so với cuối năm 2017 (cùng kỳ tăng
    5,89%), tín dụng tăng 6,35%", "tăng so với tháng trước, trong đó tháng 1 tăng 2,1%; tháng 2
    tăng 4,42%"). Only one that gives a change against last year or the months before (not a plan)."""
    for i in range(bisect_left(events, ev.start, key=_START) - 1, -1, -1):
        e = events[i]
        if e.kind == "B" and e.data.get("field") in ("mom", "yoy"):
            return e
    return None


# "Trong khi đó", "trong đó" opening a clause: what follows is set beside what came before.
_CONTRAST_RE = re.compile(r"(?<!\w)" + CONTRAST_OPENING + r"(?!\w)", re.IGNORECASE)


def _base_before_contrast(s: str, ev: Event, events: list[Event], events_before: list[Event]) -> Event | None:
    """The base against the month before that a figure set beside an earlier one shares when its own
    change names none: "xuất khẩu đạt 29,45 tỷ USD, tăng 5% so với tháng 5/2023. Trong khi đó, nhập
    khẩu đạt 26,36 tỷ USD, tăng 1,3%", "… giảm 5,65% so với tháng trước; trong đó, tổng mức bán lẻ …
    giảm 7,75%". The base of the figure before the connective in the sentence, else (a connective
    opening the sentence) the last one of the sentence before. Only a base on the month before: a
    bare change is read against last year anyway."""
    connective = None
    for m in _CONTRAST_RE.finditer(s, 0, ev.start):
        connective = m
    if connective is None:
        return None
    before = None
    for e in events:
        if e.start >= ev.start:
            break
        if e.kind == "B" and e.data.get("field") in ("mom", "yoy"):
            if e.start >= connective.end():
                return None  # a base of its own between: read as written (_base_for)
            before = e
    if before is None and connective.start() < 3:
        before = _last_base(events_before)
    return before if before is not None and before.data["field"] == "mom" else None


def _claimed_by_next_change(events: list[Event], i: int) -> bool:
    """The base at ``events[i]`` is followed, in its clause, by a change with a field before any
    other figure (subjects and periods may stand between). Not by a change that writes its own
    base ("tăng 49% so với tháng 6 và gấp 47,2 lần so với cùng kỳ", "giảm 2% so với tháng trước
    và tăng 9% so với cùng kỳ"): the base between two changes joined by "và" then closes the
    first, as it does with no other base in the sentence."""
    for e in events[i + 1:]:
        if e.kind in ("M", "P"):
            continue
        return e.kind == "C" and e.data.get("field") is not None and not e.data.get("fixed")
    return False


def _compared_with_last_year_before(ev: Event, events: list[Event]) -> bool:
    """A change on last year written before ``ev`` in its sentence: its base "so với cùng kỳ", or a
    change read as one ("gấp 5,1 lần", "tăng 286,2%")."""
    return any(e.start < ev.start and e.kind in ("B", "C") and e.data.get("field") == "yoy" and not e.data.get("ratio")
               for e in events)


def _apply_change(ev: Event, cur: Draft | None, subject: dict, events: list[Event],
                  drafts: list[Draft], s_start: int, open_about: Callable[[str], Draft | None] | None = None,
                  earlier_base: Event | None = None, contrast_base: Event | None = None) -> None:
    d = ev.data
    field_name, pct = d["field"], d["pct"]
    base = None
    # "tăng trưởng đạt 7,5% so với cùng kỳ" states a growth's level; an index's "đạt 94,41% so
    # cùng kỳ" is the index itself (100 = last year), a change of -5,59% (_INDEX_CODES).
    if d.get("level_pct") is not None and subject["unit"] == "percent" and subject["code"] not in _INDEX_CODES:
        if cur is not None and cur.value is None:
            cur.value, cur.unit, cur.end = d["level_pct"], "percent", s_start + ev.end
        return
    # (Only a change that names a year or took its base's words can name one: most changes skip the calls.)
    if ("base_year" in d or d.get("fixed")) and _base_year_rules_out(_year_named_by_change(ev, events, cur), cur):
        return
    # "vượt 1,85 lần so với dự toán và gấp 1,4 lần năm 2019": a multiple with its year right
    # after it is measured against that year, not against a base written before it.
    if d.get("ratio") and _is_earlier_draft(cur) and drafts and drafts[-1].plan is not None and cur is not None:
        # "bằng 75% kế hoạch năm và tăng 22,1% (cùng kỳ năm 2022 bằng 74,9% và tăng 20,9%)": the
        # earlier year's ratio is its own share of its plan, the two written alike, not a change.
        cur.plan, cur.end = pct, s_start + ev.end
        return
    if not d.get("fixed") and ("base_year" not in d or d.get("needs_base")):
        base, field_name = _base_of_change(ev, cur, subject, events, field_name, earlier_base, contrast_base)
        base_field = base.data["field"] if base is not None else None
        named = base_periods(base).get("base_spec") if base is not None and cur is not None and cur.period else None
        if named is not None and cur is not None and cur.period is not None and _same_part_of_year(named, cur.period):
            base_field = "yoy"
        if base is not None and base_field == "yoy" and _base_year_rules_out(base_periods(base).get("base_year"), cur):
            return
        if base is None:
            if d.get("needs_base"):
                _percent_with_no_base(ev, cur, subject, events, drafts, s_start)
                return
        elif base_field is None:
            return
        else:
            if d.get("ratio"):
                pct = pct if base_field == "plan" else pct - 100
            elif d.get("excess") or d.get("level_if_percent"):
                if (base_field == "yoy" and d.get("level_if_percent") and subject["unit"] == "percent"
                        and subject["code"] not in _INDEX_CODES and cur is not None and cur.value is None):
                    # "tốc độ tăng trưởng kinh tế đạt 6,33% so với năm 2022": the growth's level, of
                    # the year after the one compared with when the sentence names no period.
                    cur.value, cur.unit, cur.end = pct, "percent", s_start + ev.end
                    if cur.period is None and base is not None:
                        cur.period = base_periods(base).get("next_year")
                    return
                if base_field != "plan":  # "vượt 5%", "đạt 45%" say nothing against last year
                    return
            elif base_field == "plan":
                pct = 100 + pct
            field_name = base_field
    if base is None and d.get("relative") and cur is not None and cur.scope and _parent_base(cur, drafts) == "mom":
        field_name = "mom"  # "tăng 4% so với đầu năm (dư nợ ngắn hạn …, giảm 2,7%)": a part, against its total's base
    if base is not None and field_name == "yoy" and cur is not None and cur.period is None and base_periods(base).get("next_year"):
        cur.period = base_periods(base)["next_year"]  # a sentence with no period of its own
    # (Most changes are the current draft's: neither about another nor against an average.)
    target = (_draft_of_change(ev, cur, base, field_name, drafts, open_about)
              if d.get("about") or (base is not None and base.data.get("average")) else cur)
    if target is None:
        return
    _record_change(target, field_name, pct, base, d, s_start + ev.end)


def _base_of_change(ev: Event, cur: Draft | None, subject: dict, events: list[Event], field_name: str,
                    earlier_base: Event | None, contrast_base: Event | None) -> tuple[Event | None, str]:
    """The base a change with none of its own words is measured against, and its field: the base
    written for it in its clause (_base_for), else one the sentence or the sentence before carries
    ("Trong đó, CPI khu vực thành thị tăng 0,34%": the whole's)."""
    d = ev.data
    base = _base_for(ev, events)
    if (base is None and subject["code"] == "cpi" and d.get("relative") and cur is not None
            and cur.scope in _INDEX_AREAS):
        base = earlier_base  # "Trong đó, CPI khu vực thành thị tăng 0,34%": the whole's base
    if base is None and subject["code"] in _BALANCE_CODES and d.get("relative"):
        base = _base_named_once(ev, events) or earlier_base
        if base is None and subject.get("growth") and cur is not None and cur.period is not None \
                and cur.period.kind != "Y":
            # "tăng trưởng tín dụng 6 tháng đầu năm 2018 đạt 6,35%", "tính đến cuối tháng 8,
            # tăng trưởng tín dụng … đạt 10,73%": credit growth within a year is counted from its start.
            field_name = "mom"
    if base is None and contrast_base is not None and d.get("relative"):
        base = contrast_base
    return base, field_name


def _percent_with_no_base(ev: Event, cur: Draft | None, subject: dict, events: list[Event], drafts: list[Draft],
                          s_start: int) -> None:
    """A percent that needs a base and finds none ("đạt 109%", "bằng 83,7%"): the level of a rate,
    an index's level, a share of the plan, or a ratio on a base written once before; else nothing."""
    d = ev.data
    pct = d["pct"]
    if (d.get("level_if_percent") and subject["code"] == "iip" and cur is not None
            and _index_level_as_change(cur, pct)):
        cur.end = s_start + ev.end
    elif d.get("level_if_percent") and subject["unit"] == "percent" and cur is not None and cur.value is None:
        cur.value, cur.unit, cur.end = pct, "percent", s_start + ev.end
        cur.qualifier = d.get("qualifier")  # "ước đạt khoảng 8,5%"
    elif d.get("level_if_percent") and subject["code"] in PLAN_SHARE_CODES and cur is not None:
        # "tỷ lệ giải ngân đạt 109%": disbursement is measured against the year's plan ("đạt trên
        # 10%": the word before the share is the qualifier of a record with no level).
        if cur.plan is None:
            cur.plan, cur.end = pct, s_start + ev.end
            if cur.change_qualifier is None:
                cur.change_qualifier = d.get("qualifier")
    elif (d.get("level_if_percent") and _is_earlier_draft(cur) and drafts
          and drafts[-1].plan is not None):
        # "bằng 26,7% kế hoạch, thấp hơn cùng kỳ năm 2023 (đạt 28,4%)": last year's plan share.
        cur.plan, cur.end = pct, s_start + ev.end
    elif (d.get("ratio") and subject["code"] in _CAPITAL_CODES and cur is not None and cur.yoy is None
          and _compared_with_last_year_before(ev, events)):
        # "…, tăng 18% so với cùng kỳ, trong đó 12 dự án trong nước cấp mới, vốn 530
        # tỷ đồng, bằng 91,2%; 9 dự án FDI …": the list's ratios keep the base written once.
        cur.yoy, cur.end, cur.yoy_unwritten = pct - 100, s_start + ev.end, True
    elif _share_of_the_same_plan(d, cur, drafts):
        # "… bằng 77,5% dự toán năm, trong đó thu nội địa đạt 1.020,5 nghìn tỷ đồng, bằng
        # 75,8%": the parts' shares are of the plan the total's was, its name not repeated.
        cur.plan, cur.end = pct, s_start + ev.end
    elif _ratio_of_the_same_year(d, cur, drafts, ev, events):
        cur.yoy, cur.end, cur.yoy_unwritten = round(pct - 100, 6), s_start + ev.end, True  # type: ignore[union-attr]
    elif _plan_share_after_level(d, cur, ev, events):
        cur.plan, cur.end = pct, s_start + ev.end  # type: ignore[union-attr]


def _draft_of_change(ev: Event, cur: Draft | None, base: Event | None, field_name: str, drafts: list[Draft],
                     open_about: Callable[[str], Draft | None] | None) -> Draft | None:
    """The draft a change is recorded on: the current one; a new one for the months so far when the
    base is their average ("tăng 2,9% so với bình quân cùng kỳ năm 2017"); the one it says it is
    about ("giảm 9% về số doanh nghiệp"); none."""
    d = ev.data
    target = cur
    if (base is not None and field_name == "yoy" and base.data.get("average") and cur is not None
            and cur.period is not None and cur.period.kind == "M" and cur.period.n >= 2):
        # "CPI tháng 8 … tăng 2,9% so với bình quân cùng kỳ năm 2017": the months so far, on average.
        so_far = months_so_far(cur.period.n, cur.period.year)
        if so_far is None:
            return None
        target = replace(cur, period=so_far._replace(relative=cur.period.relative), value=None, unit=None,
                         qualifier=None, yoy=None, mom=None, plan=None, change_qualifier=None, on_last_month=False)
        drafts.append(target)
    elif d.get("about"):
        target = _record_about(d["about"], drafts + ([cur] if cur else []))
        if target is None and open_about is not None:
            target = open_about(d["about"])
    return target


def _record_change(target: Draft, field_name: str, pct: float, base: Event | None, d: dict, end: int) -> None:
    """Sets the change, in the field its base gives, on a draft that has none in that field yet."""
    attr = _CHANGE_FIELDS[field_name]
    if attr == "yoy" and base is not None and target.yoy_unwritten:
        # "CPI sáu tháng tăng 1,1% và tăng 3,5% so với sáu tháng đầu năm 2019": the change
        # whose base is written is the year-on-year one; the bare one was measured otherwise.
        target.yoy, target.yoy_unwritten = None, False
    if attr == "mom" and target.mom_since_year_start and _on_month_before(base, target):
        # "dư nợ … tăng 3,8% so với cuối năm 2020 và tăng 0,47% so với tháng trước": a change since the
        # year began yields to the one against the month before (Conventions, "Against the year's start").
        target.mom, target.mom_since_year_start = None, False
    if getattr(target, attr) is None:
        setattr(target, attr, round(pct, 6))
        target.yoy_unwritten = attr == "yoy" and base is None and not d.get("fixed")
        if end > target.end:  # (not max(): ~1,200 instructions a call, once a change)
            target.end = end
        if target.change_qualifier is None:
            target.change_qualifier = d.get("qualifier")
        if attr == "mom" and base is not None and base.data.get("year_start"):
            target.mom_since_year_start = True
        if attr == "mom" and _on_last_month(base):
            target.on_last_month = True


# "so với tháng trước", "so với tháng liền kề": a month against the month before it.
_LAST_MONTH_RE = re.compile(r"\s*tháng\s+(?:trước|liền\s+kề)(?!\w)", re.IGNORECASE)


def _on_last_month(base: Event | None) -> bool:
    """Whether a change's base is the month before ("so với tháng trước")."""
    return base is not None and _LAST_MONTH_RE.match(base.data["what"]) is not None


# A stock's month before, said as that month's end: "so với cuối tháng trước", "so với đầu tháng" (the
# month's start is the last one's end), or "so với cuối tháng 8/2022" of a figure at September's end.
_MONTH_END_BEFORE_RE = re.compile(r"\s*(?:cuối\s+tháng\s+trước|đầu\s+tháng(?!\s*(?:\d|này|sau|tới)))(?!\w)",
                                  re.IGNORECASE)


def _on_month_before(base: Event | None, target: Draft) -> bool:
    """Whether a change's base is the month before the figure's: in words ("so với tháng trước", "so
    với cuối tháng trước", "so với đầu tháng") or by its number ("so với cuối tháng 8" of September's)."""
    if base is None:
        return False
    what = base.data["what"]
    if _on_last_month(base) or _MONTH_END_BEFORE_RE.match(what):
        return True
    if "tháng" not in what or target.period is None or target.period.kind not in ("M", "YTD"):
        return False
    spec = base_periods(base).get("base_spec")
    if spec is None or spec.kind != "M" or not spec.n:
        return False
    month, year = target.period.n, target.period.year
    if spec.n == month - 1:
        return spec.year is None or year is None or spec.year == year
    return month == 1 and spec.n == 12 and (spec.year is None or year is None or spec.year == year - 1)


def _year_named_by_change(ev: Event, events: list[Event], cur: Draft | None) -> tuple[int | None, bool] | None:
    """The year a change itself is measured against, as base_periods' ``base_year``: the year right after a
    ratio ("gấp 2,6 lần năm 2015": extract_rates._years_after_ratios; also "tăng 70% cùng kỳ năm 2022",
    read as a year), or that of the base a change ends inside ("tăng 20% so với cùng kỳ năm 2019": the
    change took "so với cùng kỳ", the year is the base's)."""
    d = ev.data
    if "base_year" in d:
        return d["base_year"], False
    if d.get("fixed") and d["field"] == "yoy" and cur is not None and cur.period is not None and cur.period.year:
        inside = next((e for e in events if e.kind == "B" and ev.start < e.start < ev.end), None)
        if inside is not None:
            return base_periods(inside).get("base_year")
    return None


def _base_year_rules_out(base_year: tuple[int | None, bool] | None, cur: Draft | None) -> bool:
    """A change measured against a year other than the one before the figure's is no yoy_pct, nor
    any other field. ``base_year`` is (year, same_period), from _year_named_by_change or base_periods:
    - a year ("tăng 160% so với năm 2015", "gấp 2,6 lần năm 2015" of a figure for 2020): any year but
      the one before;
    - the same period of a year ("tăng 20% so với cùng kỳ năm 2019", "tăng 34% so với quý 1/2019" of a
      figure for 2023 or 2025: against the year before the pandemic, as tourism reports write): three
      years back or more ("so với cùng kỳ năm 2022" of a 2024 figure is as often the writer's slip for
      the year before as a comparison with 2022, and is read as yoy)."""
    if base_year is None or cur is None or cur.period is None or not cur.period.year:
        return False
    year, same_period = base_year
    if same_period:
        return year is not None and year <= cur.period.year - 3
    return bool(year) and year != cur.period.year - 1


def _parent_base(part: Draft, drafts: list[Draft]) -> str | None:
    """The field of the change of the total this part belongs to, earlier in the sentence."""
    for d in reversed(drafts):
        if d.code == part.code and d.scope is None and d.period == part.period:
            return "mom" if d.mom is not None and d.yoy is None else "yoy" if d.yoy is not None else None
    return None


def _same_part_of_year(base: PeriodSpec, period: PeriodSpec) -> bool:
    """The base names the record's own quarter, half, months or month (of an earlier year)."""
    if base.months != period.months or base.kind in ("Y", "R"):
        return False
    return base.year is None or period.year is None or base.year < period.year


# Indices read in percent whose records hold changes, not levels (metric-record.md: "chỉ số giá
# tiêu dùng tháng 3 … giảm 0,24%" gives value null).
_INDEX_CODES = {"cpi", "iip"}


def _index_level_as_change(cur: Draft, pct: float) -> bool:
    """The industrial index written as its level ("chỉ số sản xuất công nghiệp ước đạt 75,53%, giảm
    24,47% so với cùng kỳ", "IIP quý I đạt 108,2%") is the period against the same one a year before:
    its record holds the change (metric-record.md: the index's change is the figure), never the level.
    (Not the price index: its bare level may be against last month or December.)
    The change so read yields to one written with its base (yoy_unwritten). A small percent is no
    index level ("đạt 3,5%"): left to the reading of a percent indicator's level."""
    if pct < 50 or cur.yoy is not None:
        return False
    cur.yoy, cur.yoy_unwritten = round(pct - 100, 6), True
    return True


# The price index's parts by area (indicators.CONTEXT_PARTS).
_INDEX_AREAS = frozenset(("khu vực thành thị", "khu vực nông thôn"))


_CHANGE_FIELDS = {"yoy": "yoy", "mom": "mom", "plan": "plan"}  # a change's field -> the Draft attribute


# The words of "về số lượng các doanh nghiệp" that name no thing.
_ABOUT_FILLER = frozenset(("số", "lượng", "tổng", "về", "các", "của"))


def _counts_things(about: str) -> bool:
    """"về số dự án", "về số doanh nghiệp" count things (only a count can take the change); "về số
    vốn", "số thu", "số tiền" are amounts. ``about`` is lower-cased. "giảm 5,8% về lượng và giảm 19,8%
    về vốn": "về lượng" (in number) counts them too."""
    return (about.startswith("số ") and not about.startswith(("số vốn", "số thu", "số tiền"))) or about == "lượng"


def _record_about(about: str, drafts: list[Draft]) -> Draft | None:
    """'giảm 20,3% về số doanh nghiệp': the record whose label, or one of its indicator's
    catalogue phrases, shares most words with 'số doanh nghiệp'."""
    about = about.lower()
    named = [w for w in about.split() if w not in _ABOUT_FILLER]
    words = set(named)
    counting = _counts_things(about)
    if counting and not words:
        # "tăng 11,1% về số lượng và 38% về vốn": the number of the one thing the sentence counts.
        counts = [d for d in drafts if load_catalogue()[d.code].unit == "count"]
        return counts[0] if len(counts) == 1 else None
    if not named:
        return None  # "tăng 5% về tổng": nothing named, no record to choose by its head word
    best, best_n = None, 0
    for d in drafts:
        if counting != (load_catalogue()[d.code].unit == "count"):
            continue
        label_words = set(d.label.lower().split())
        n = len(words & label_words) if named[0] in label_words else 0
        for phrase_words in _phrase_words(d.code):
            # Its head word must be the phrase's, as in _topic_about: "về số lao động" shares only
            # "động" with "doanh nghiệp thành lập mới và đi vào hoạt động" (labour, not firms).
            if named[0] not in phrase_words:
                continue
            shared = len(words & phrase_words)
            if shared > n:  # (not max(): ~1,200 instructions a call, once a phrase)
                n = shared
        # Of records as close, the last before the change: "Tháng 5 có 61 doanh nghiệp thành lập
        # mới, …; lũy kế 5 tháng có 287 doanh nghiệp …, tăng 7,5% về số doanh nghiệp" (the total's).
        if n and n >= best_n:
            best, best_n = d, n
    return best


def _topic_about(about: str, para: _Paragraph) -> str | None:
    """The indicator named lately that 'về số doanh nghiệp' is about: the one, of those this
    sentence and the last named, whose phrases share most words with it (a count for 'số …')."""
    about = about.lower()
    named = [w for w in about.split() if w not in _ABOUT_FILLER]
    words = set(named)
    counting = _counts_things(about)
    best, best_n = None, 0
    for code in sorted(para.topics | para.topics_before):
        if counting != (load_catalogue()[code].unit == "count"):
            continue
        # Its head word must be the phrase's ("về số lao động" shares only "động" with "doanh
        # nghiệp hoạt động": labour, not firms).
        n = max((len(words & w) for w in _phrase_words(code) if not named or named[0] in w), default=0)
        if n > best_n:
            best, best_n = code, n
    return best


@cache
def _phrase_words(code: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(phrase.lower().split()) for phrase in phrases_of(code))
