"""Periods and bases: the events that say when a figure is and what it is measured against.

Around a sentence's subjects and figures, find_events (hbetl/extract_events.py) reads the
periods (P: "quý II", "cùng kỳ năm 2022", the year so far "đến nay", a year that opens the
sentence, the years of a list in brackets) with hbetl/periods.py's find_periods, less those
that are no period of the figures (the tasks ahead, a year inside what is compared); and the
bases a change is measured against (B: "so với cùng kỳ", "gấp 3 lần tháng trước"), less the
"so với" that names none (what a rank is among, a rate or a level compared with, a gap's).
Each finder is short and reads only the _Scan of hbetl/extract_scan.py; which base a change
then takes, and which field it fills, is the walk's (hbetl/extract_bases.py). The rest of a
figure's frame (cues, scopes, breakdowns, places, clause breaks) is in hbetl/extract_frame.py.
"""

from __future__ import annotations

import re

from hbetl.extract_asides import fiscal_year_so_far
from hbetl.extract_plans import names_the_plan
from hbetl.extract_rates import DEGREE, _base_data, _compared_rate_before
from hbetl.extract_scan import Event, _Scan, overlaps
from hbetl.indicators import GOAL_WORDS_PATTERN
from hbetl.periods import PeriodSpec, find_periods
from hbetl.textscan import FastPattern

# From a same period's year to the next year of its list: its figure, then "," or ";", within
# one bracket or clause list ("cùng kỳ năm 2022 tăng 5,1%, năm 2023 tăng 6,4%").
_NEXT_ITEM_YEAR_RE = re.compile(r"[^()]{0,40}?\d[^()]{0,10}?[,;]\s*(?:năm\s+)?$", re.IGNORECASE)


# "cùng thời kỳ", "cùng giai đoạn năm 2020": last year's same period in other words.
SAME_PERIOD_BEFORE_RE = FastPattern(
    r"cùng\s+(?:thời\s+kỳ|giai\s+đoạn|kỳ)(?:\s+năm\s+(?P<y>\d{4}|trước|ngoái))?(?!\w)", word_start=True, trigger="cùng"
)


# Patterns of the helpers below, compiled once: re.match(<string>, …) looks the string up in
# re's compile cache on every call, which showed in the profile (23,400 re._compile calls
# for 300 runs of the sample page).
# "bằng 96% cùng kỳ", "gấp 2,2 lần cùng kỳ": 'cùng kỳ' right after a comparison or a figure is the
# base, not the opening of last year's figure.
_COMPARED_WITH_BEFORE_RE = re.compile(r"(?:bằng|so|với|lần|%)\s*$")


# So is it after a comparative with no figure of its own in brackets: "tốc độ tăng trưởng kinh tế
# cao hơn cùng kỳ - đạt 7,07%", "IIP chưa đạt mức tăng như cùng kỳ năm trước, nhưng vẫn …
# tăng 9,4%" measure this year's rate against last year's; "cao hơn cùng kỳ năm trước (57,1%)"
# still opens last year's figure.
_COMPARATIVE_BEFORE_RE = re.compile(r"(?<!\w)(?:hơn|như)\s*$")


_BRACKET_AFTER_RE = re.compile(r"\s*\(")


def _compared_not_opened(s: str, start: int, end: int) -> bool:
    """True when the same period at start:end is only what a comparative measures against."""
    return bool(_COMPARATIVE_BEFORE_RE.search(s, max(0, start - 8), start)) and not _BRACKET_AFTER_RE.match(s, end)


# "kết quả 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm",
# "đề ra nhiệm vụ, giải pháp quý IV", "triển khai nhiệm vụ trọng tâm 3 tháng cuối năm": the period of
# the tasks ahead, which the figures reported after it are not of (the walk's period, "ahead").
_TASKS_AHEAD_BEFORE_RE = re.compile(r"(?<!\w)(?:nhiệm\s+vụ|phương\s+hướng|giải\s+pháp)(?:\s+[^\s\d,;:.()]+){0,3}?[\s,]*$")


def may_name_tasks(text: str) -> bool:
    """Whether lower-cased ``text`` holds a word names_tasks_ahead looks for: most sentences hold
    none, and then no period needs its regex."""
    return "nhiệm vụ" in text or "phương hướng" in text or "giải pháp" in text


def names_tasks_ahead(text: str, start: int) -> bool:
    """The period at ``start`` of the lower-cased ``text`` is the tasks' ahead (_TASKS_AHEAD_BEFORE_RE)."""
    return _TASKS_AHEAD_BEFORE_RE.search(text, max(0, start - 50), start) is not None


# "tăng gấp 2 lần so với dự án cấp mới trong năm 2022, với vốn đăng ký 17.587 tỷ đồng": a year named
# inside what a change is compared with (words after "so với", no figure or break between) is that
# base's, not the period of the figures after it. Not a plan's year ("so với kế hoạch năm 2023"), nor
# a rate or level compared, whose own figure comes next ("cao hơn so với mức tăng trưởng năm 2022
# (tăng 2,54%)": that year's record).
_WHAT_COMPARED_BEFORE_RE = re.compile(
    r"(?<!\w)so\s+với\s+(?!(?:kh|mức)(?!\w))(?:[^\W\d]+\s+){1,6}$")
_PLAN_NAMED_RE = re.compile(rf"(?<!\w)(?:{GOAL_WORDS_PATTERN}|dự\s+toán|nghị\s+quyết)(?!\w)")
_OWN_FIGURE_NEXT_RE = re.compile(r"\s*[(:]")


# "tăng 0,8%, mức tăng cao nhất kể từ năm 2021", "thấp nhất từ tháng 4/2019": the year or month a
# superlative or a count runs from is what the figure is set against, not its period (the figure
# keeps the period its sentence or paragraph names).
_SINCE_BEFORE_RE = re.compile(r"(?<!\w)(?:kể\s+từ|nhất(?:\s+[^\W\d]+){0,3}?\s+từ)\s+$")


def _year_of_what_compared(text: str, at: int, end: int) -> bool:
    before = text[max(0, at - 60):at]
    m = _WHAT_COMPARED_BEFORE_RE.search(before)
    return (m is not None and _PLAN_NAMED_RE.search(before, m.start()) is None
            and _OWN_FIGURE_NEXT_RE.match(text, end) is None)


def _year_after_the_compared(compared: PeriodSpec) -> PeriodSpec | None:
    """"đạt 5,8%, tăng hơn năm ngoái 0,6%", "số dự án nhiều hơn năm 2014": a year written right
    after the comparative "hơn" is what the figure is set against, no period of it; the figure is of
    the year after it, as "tăng 7% so với năm 2014" says of a figure of 2015 (base_periods' next_year):
    last year's ("năm ngoái", "năm trước") is this year. "năm qua", which may be the year just
    reviewed itself, says nothing of the figure's year (None: no period)."""
    if compared.relative == "prev":
        return PeriodSpec("Y", 0, None, relative="this")
    if compared.relative is None and compared.year is not None:
        return PeriodSpec("Y", 0, compared.year + 1)
    return None


def _period_events(scan: _Scan) -> None:
    """The periods (P): last year's same period ("cùng kỳ năm 2022"), then those of hbetl/periods.py."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    # "(cùng kỳ năm 2022 tăng 9,6%)" before plain periods: the year inside it moves the
    # sentence's period back a year ("9 tháng" stays "9 tháng"), it is not the year 2022.
    same_period_end = 0
    for m in SAME_PERIOD_BEFORE_RE.finditer(s, text) if "cùng" in text else ():
        if overlaps(m.start(), m.end(), taken) or _COMPARED_WITH_BEFORE_RE.search(s[max(0, m.start() - 12):m.start()]):
            continue
        if _compared_not_opened(s, m.start(), m.end()):
            # "cao hơn cùng kỳ năm ngoái, lần lượt đạt 31,6 tỷ USD", "thấp hơn cùng kỳ năm 2024, đạt
            # …": what the comparative measures against, year and all; its year is no period of the
            # figures after it (they keep the sentence's own "6 tháng").
            taken.append(m.span())
            continue
        y = m.group("y")
        shift: int | str = y if y and y.isdigit() else -1
        events.append(Event(m.start(), m.end(), "P", {"spec": None, "shift": shift}))
        taken.append(m.span())
        same_period_end = m.end()
    tasks = None  # (asked once, at the first period: most sentences name the tasks nowhere)
    for pm in find_periods(s, text):
        if not overlaps(pm.start, pm.end, taken):
            if pm.spec.kind == "Y" and "so với" in text and _year_of_what_compared(text, pm.start, pm.end):
                taken.append((pm.start, pm.end))
                continue
            if "từ" in text and _SINCE_BEFORE_RE.search(text, max(0, pm.start - 40), pm.start):
                taken.append((pm.start, pm.end))  # "cao nhất kể từ năm 2021": the record's start, no period
                continue
            if pm.spec.kind == "Y" and "hơn" in text and _compared_not_opened(s, pm.start, pm.end):
                taken.append((pm.start, pm.end))
                if (after := _year_after_the_compared(pm.spec)) is not None:
                    events.append(Event(pm.start, pm.end, "P", {"spec": after, "season": None, "plan": False, "ahead": False,
                                                                "after_compared": True}))
                continue
            if (same_period_end and pm.start > same_period_end and pm.spec.kind == "Y" and pm.spec.year
                    and _NEXT_ITEM_YEAR_RE.match(s, same_period_end, pm.start)):
                # "(cùng kỳ năm 2022 tăng 5,1%, năm 2023 tăng 6,4%)": a year listed after the same
                # period of another is that year's same period too.
                events.append(Event(pm.start, pm.end, "P", {"spec": None, "shift": str(pm.spec.year)}))
                taken.append((pm.start, pm.end))
                same_period_end = pm.end
                continue
            events.append(Event(pm.start, pm.end, "P", {"spec": pm.spec, "season": pm.season,
                                                        "plan": names_the_plan(s, pm.start, text, pm.spec.kind),
                                                        "ahead": (tasks := tasks if tasks is not None else may_name_tasks(text))
                                                        and names_tasks_ahead(text, pm.start)}))
            taken.append((pm.start, pm.end))
    if "đến nay" in text or "tới nay" in text:
        _fiscal_year_so_far(scan)
    if "(" in s:
        _bare_years_listed(scan)
        _year_of_bracketed_parts(scan)
    if "năm" in text[:12]:
        _year_opening_the_sentence(scan)


# "Tính đến nay, số thu ngân sách đã đạt …", "Đến nay, toàn tỉnh đã thu được …": the year so far, as
# "từ đầu năm đến nay" (fiscal_year_so_far). Not a span opened before it ("từ năm 2020 đến nay").
_TO_NOW_RE = re.compile(r"(?<!\w)(?:(?:lũy|luỹ)\s+kế\s+|tính\s+)?(?:đến|tới)\s+nay(?!\w)")


def _fiscal_year_so_far(scan: _Scan) -> None:
    """The year so far (P) that "đến nay" before the budget's revenue names."""
    text, events, taken = scan.low, scan.events, scan.taken
    for m in _TO_NOW_RE.finditer(text):
        if not overlaps(m.start(), m.end(), taken) and fiscal_year_so_far(text, m.start(), m.end()):
            events.append(Event(m.start(), m.end(), "P", {"spec": PeriodSpec("YTD", 0, None, relative="sofar"),
                                                          "season": None, "plan": False, "ahead": False}))
            taken.append(m.span())


def _year_opening_the_sentence(scan: _Scan) -> None:
    """"Năm ngoái, GDP quý 1 chỉ tăng 5,03%", "Năm 2014, quý IV tăng 7,2%": a year that opens the
    sentence is the year of the quarters, halves and months it names after it with none of their
    own, up to the next year named or the next ';'."""
    s, events = scan.s, scan.events
    opening = None
    for e in events:
        if e.kind != "P" or (spec := e.data.get("spec")) is None:
            continue
        if opening is None:
            if spec.kind != "Y" or s[:e.start].strip(" -–") or not (spec.year or spec.relative == "prev"):
                return
            opening = e
            continue
        if spec.kind == "Y" or ";" in s[opening.end:e.start]:
            return
        if spec.year is None and spec.relative is None and spec.kind in ("Q", "H", "M", "YTD"):
            o = opening.data["spec"]
            e.data["spec"] = spec._replace(year=o.year) if o.year else spec._replace(relative="prev")


# "… các năm trước (2001 tăng 7,1%; 2002 tăng 6,5%)", "(năm trước: 2022: 8%)": a bare year opening an
# item in brackets, before its figure, is that item's period.
# (Not a span of years: "(2021 - 2025)".) The bracket or ';' is matched, not looked behind at: a
# pattern that opens with a class lets the engine skip in C to the next '(' or ';', where the
# look-behind was tried at every position of each sentence with a bracket; group 1 is the year.
_BARE_YEAR_ITEM_RE = re.compile(r"[(;]\s*((?:19|20)\d\d)(?=\s*(?::\s*)?(?:tăng|giảm|đạt|là|[+-]?\s*\d+(?:,\d+)?\s*%))")


_SEVERAL_YEARS_RE = re.compile(r"(?<!\w)(?:các|những)\s+năm(?!\w)")


def _bare_years_listed(scan: _Scan) -> None:
    """The years of a list in brackets (_BARE_YEAR_ITEM_RE), each the part of the year named for
    all of them before the bracket ("mức tăng trưởng 6 tháng đầu các năm trước (2001 tăng 7,1%; …)":
    each year's first half), else the year."""
    s, events, taken = scan.s, scan.events, scan.taken
    for m in _BARE_YEAR_ITEM_RE.finditer(s):
        if overlaps(m.start(1), m.end(1), taken):
            continue
        year = int(m.group(1))
        opening = s.rfind("(", 0, m.start(1))
        part = next((e.data["spec"] for e in reversed(events) if e.kind == "P" and e.end <= opening
                     and e.data.get("spec") is not None and e.data["spec"].kind != "Y"), None)
        if part is not None and not _SEVERAL_YEARS_RE.search(s, part_end(events, opening), opening):
            part = None
        spec = PeriodSpec("Y", 0, year) if part is None else part._replace(year=year, relative=None)
        events.append(Event(m.start(1), m.end(1), "P", {"spec": spec, "season": None, "plan": False, "listed": True}))
        taken.append(m.span(1))


# "GRDP 9 tháng năm 2024 theo giá so sánh năm 2010 … (6 tháng tăng 11,29%, quý III tăng 9,09%)": the
# prices' year is no period the bracket breaks down.
_PRICE_YEAR_BEFORE_RE = re.compile(r"(?:so\s+sánh|cố\s+định)\s+(?:năm\s+)?$", re.IGNORECASE)


def _year_of_bracketed_parts(scan: _Scan) -> None:
    """"GRDP 6 tháng năm 2023 tăng 7,95% (quý I tăng 8,43%, quý II tăng 7,51%)", "9 tháng năm 2023 tăng
    5% (quý III tăng 8%)": the quarters, halves and months with no year of their own inside a
    bracket that breaks down the period before it (with its year written) are that year's parts,
    however late the article came out. Only parts the period holds, or the earlier parts of its year
    ("GDP quý IV/2019 ước tăng 6,9%, … (quý I tăng 6,1%, quý II tăng 6,5%, …)": the quarters
    before it, of the same year), and the last period before the bracket ("so với cùng kỳ năm
    2022", a base, is no period event)."""
    s, events = scan.s, scan.events
    for e in events:
        spec = e.data.get("spec") if e.kind == "P" else None
        if (spec is None or spec.year is not None or spec.relative is not None or spec.to_date
                or spec.kind not in ("Q", "H", "M", "YTD")):
            continue
        opening = s.rfind("(", 0, e.start)
        if opening < 0 or ")" in s[opening:e.start]:
            continue
        whole = next((h.data["spec"] for h in reversed(events) if h.kind == "P" and h.end <= opening
                      and not _PRICE_YEAR_BEFORE_RE.search(s, max(0, h.start - 16), h.start)), None)
        if (whole is None or whole.year is None or whole.relative is not None or whole.kind == "R"
                or spec.months[1] > whole.months[1]):
            continue
        e.data["spec"] = spec._replace(year=whole.year)


def part_end(events: list[Event], before: int) -> int:
    """The end of the last period before ``before``."""
    return max((e.end for e in events if e.kind == "P" and e.end <= before), default=0)


# (a base ends before "với": "so với cùng kỳ năm trước với trên 3.000 lượt" gives the level after it)
# A base's words end at a verb or a percent ("so với mục tiêu 95% đã đề ra": the goal's own figure).
_STOP = r"(?:(?:tăng|giảm|và|nhưng|đạt|thực|bằng|vượt|trong|song|còn|với|là|thì)(?!\w)|\d[\d.,]*\s*%)"


# "so với ước thực hiện năm 2017": the outturn of a year is the base (the plan of the year after
# is measured against it), so "thực hiện" right after "so với" is the base's noun, not a verb.
# "so sánh với cùng kỳ" is a base; "giá so sánh" (constant prices) is not.
# The base with its "so" left out, right after a percent ("tăng 21,5% với cùng kỳ năm 2023"):
# written so in several papers, and its year ("năm 2022") is the base's, not a period the next
# sentence carries. Only "với cùng kỳ" after a rate: "với" alone opens amounts ("với 21 dự án").
# The gate keeps the common "với" out of the trigger wherever no such base is written.
_BARE_BASE_GATE = r"%\s+với\s+cùng\s+kỳ"
BASE_RE = FastPattern(
    r"(?:so(?:\s+sánh(?=\s+với))?(?!\s+sánh)(?:\s+với)?|(?<=%\s)với(?=\s+cùng\s+kỳ))"
    r"(?P<what>(?:\s+(?:ước\s+)?thực\s+hiện)?(?:\s+(?!" + _STOP + r")[^\s,;:()%]+){1,8})",
    word_start=True, trigger=r"so|với(?=\s+cùng\s+kỳ)", lean_trigger=(_BARE_BASE_GATE, "so"),
)


# "tăng trưởng kinh tế đạt trên 5,7%, đứng thứ 8 khu vực ĐBSCL, đứng thứ 39 so với cả nước", "xếp vị
# thứ 26 về quy mô GRDP so với 63 tỉnh, thành phố": after an ordinal rank, "so với" names the places
# ranked among; it is no base the figure before it is measured against (a base of no field would take
# the figure's change away from it).
_RANK_FRAME_BEFORE_RE = re.compile(r"(?<!\w)thứ\s+\w+(?:\s+[^\s\d,;:()%]+){0,6}\s+$")


# "ước đạt 8,05%, cao hơn so với mức tăng trưởng năm 2022 (tăng 2,54%)", "thấp hơn so với tốc độ tăng
# bình quân cả nước": after a comparative, "so với mức …" / "so với tốc độ …" names the other rate the
# figure is set against (its own record when a period and a bracket follow: compared rates), not a base
# the figure before is measured from (a base of no field would take that figure's change away from it).
_COMPARATIVE_SO_VOI_BEFORE_RE = re.compile(r"(?<!\w)hơn\s*$")
_RATE_COMPARED_WHAT_RE = re.compile(r"\s*(?:mức\s+tăng|tốc\s+độ\s+tăng)(?!\w)")
# "tăng nhẹ so với mức tăng 5,86% của cùng kỳ năm trước", "thấp hơn nhiều so với tốc độ tăng 4,1% của
# năm 2020": a rate written right after "so với mức tăng" is the other rate itself, whatever the
# comparative before (or none): the words name no base of the figure before them. Whether "tăng" is
# written after such words is one rule, the changes' stage's (_compared_rate_before, which reads that
# change as the compared rate); here its figure must be a percent.
_RATE_FIGURE_AFTER_RE = re.compile(r"(?:\s+trưởng)?\s+(?:là\s+)?\d[\d.,]*\s*%")


# "GRDP ước tăng 8,5%, cao hơn hẳn so với bình quân chung cả nước", "tăng 6,5%, cao hơn so với cả nước":
# after a comparative, "so với" and the average, the nation, a region or the other provinces name what
# the figure is set against when no rate of theirs is written before the next comma or the clause's end (one written is a
# compared rate: extract_rates); a base of no field there would take the figure's change away from it.
_OTHERS_COMPARED_WHAT_RE = re.compile(
    r"\s*(?:(?:mức|tốc\s+độ)\s+)?(?:(?:tăng(?:\s+trưởng)?\s+)?(?:bình\s+quân|trung\s+bình)|tăng\s+trưởng\s+chung"
    r"|(?:của\s+)?(?:các\s+)?(?:cả\s+nước|toàn\s+quốc|vùng|khu\s+vực|tỉnh|địa\s+phương))(?!\w)")
_NO_FIGURE_TO_CLAUSE_END_RE = re.compile(r"[^\d.,;()]*(?:[.,;]|$)")
# A comparative, with how much it says, ending right before "so với": "cao hơn hẳn", "thấp hơn
# nhiều", "cao hơn đáng kể" (a base after it: _rate_compared_not_base; a plan: _base_events).
_DEGREE_COMPARATIVE_BEFORE_RE = re.compile(rf"(?<!\w)hơn(?:\s+(?:{DEGREE}))?\s*$")


def _rate_compared_not_base(text: str, start: int, what_start: int) -> bool:
    """The base at start names a rate a comparative sets the figure against, no base of it."""
    if (what := _RATE_COMPARED_WHAT_RE.match(text, what_start)) is None:
        others = _OTHERS_COMPARED_WHAT_RE.match(text, what_start)
        return (others is not None and _NO_FIGURE_TO_CLAUSE_END_RE.match(text, others.end()) is not None
                and _DEGREE_COMPARATIVE_BEFORE_RE.search(text, max(0, start - 30), start) is not None)
    if _COMPARATIVE_SO_VOI_BEFORE_RE.search(text, max(0, start - 12), start) is not None:
        return True
    tang = what.end() - len("tăng")  # "so với mức tăng 5,86%": the change the rule is about
    return _RATE_FIGURE_AFTER_RE.match(text, what.end()) is not None and _compared_rate_before(text, tang)


# "tăng trưởng tín dụng … đạt 10,73%, cao hơn so với cùng kỳ năm trước 0,51%", "tăng 7,5%, thấp hơn
# so với cùng kỳ 1,2 điểm phần trăm": after a comparative, "so với cùng kỳ" and the gap right after it
# measure this year's rate against last year's; the base is the gap's, not the figure before it
# (whose own base, written or not, stands). (A bracket there opens last year's rate: compared rates; "so
# với quý I là 3,28%", "so với mức trung bình của cả nước là 10,35%" name the other rate itself.)
_GAP_AFTER_RE = re.compile(r"\s*(?:khoảng\s+|gần\s+|hơn\s+)?\d[\d.,]*\s*(?:%|điểm\s+phần\s+trăm)")


def gap_compared_not_base(text: str, start: int, end: int) -> bool:
    """The base at start:end follows a comparative ("cao hơn so với cùng kỳ") and a gap follows it."""
    return (_COMPARATIVE_SO_VOI_BEFORE_RE.search(text, max(0, start - 12), start) is not None
            and _GAP_AFTER_RE.match(text, end) is not None)


def _base_events(scan: _Scan) -> None:
    """The bases (B): "so với cùng kỳ", "so với tháng trước"."""
    s, text, events, taken, bases_by_end = scan.s, scan.low, scan.events, scan.taken, scan.bases_by_end
    may_compared_level = scan.may_compared_level
    for m in BASE_RE.finditer(s, text):
        if may_compared_level and _LEVEL_COMPARED_BASE_RE.match(text, m.start("what")):
            continue  # "cao hơn so với mức 1,91 tỷ USD của tháng trước": a level compared with (compared_level)
        if not overlaps(m.start(), m.end(), taken):
            data = _base_data(m.group("what"))
            if data["field"] is None and _RANK_FRAME_BEFORE_RE.search(text, max(0, m.start() - 48), m.start()):
                taken.append(m.span())  # "đứng thứ 39 so với cả nước": what a rank is among, no base
                continue
            if data["field"] is None and _rate_compared_not_base(text, m.start(), m.start("what")):
                taken.append(m.span())  # "đạt 8,05%, cao hơn so với mức tăng trưởng năm 2022": no base
                continue
            # "ước tăng 7,81%, thấp hơn so với kế hoạch đề ra (9%)", "chỉ đạt 5,6%, thấp hơn so với mục
            # tiêu", "tăng 12%, cao hơn nhiều so với chỉ tiêu đề ra": after a comparative, "so với kế hoạch"
            # sets the figure against the goal's own rate (a bracket then holds it: compared rates); it is no
            # share of the plan the figure before reached (without "so với", "thấp hơn kế hoạch (9%)" is
            # read so already).
            if data["field"] == "plan" and "hơn" in text[max(0, m.start() - 24):m.start()] \
                    and _DEGREE_COMPARATIVE_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()) is not None:
                taken.append(m.span())  # "tăng 7,81%, thấp hơn so với kế hoạch (9%)": the goal compared with
                continue
            if "hơn" in text[max(0, m.start() - 12):m.start()] and text[m.start("what"):m.start("what") + 9].lstrip().startswith("cùng kỳ") \
                    and gap_compared_not_base(text, m.start(), m.end()):
                taken.append(m.span())  # "đạt 10,73%, cao hơn so với cùng kỳ năm trước 0,51%": the gap's base
                continue
            base = Event(m.start(), m.end(), "B", data)
            events.append(base)
            bases_by_end[m.start() + len(s[m.start():m.end()].rstrip())] = base
            taken.append(m.span())
            if (bracket := _BASE_PERIOD_BRACKET_RE.match(text, m.end())) is not None:
                taken.append(bracket.span())  # "so với cùng kỳ năm trước (tháng 7/2024)": the base, spelt out


# A multiple takes its base with no "so với": "gấp 3 lần tháng trước" (the month before: mom),
# "gấp 1,2 lần mức bình quân giai đoạn 2018-2022 (89.899 doanh nghiệp)" (an average of past years:
# no field, and the bracket is that average's level, no figure of the period). "gấp 3,2 lần cùng kỳ"
# and "gấp 2 lần kế hoạch" are read by CHANGE_RE itself.
_MULTIPLE_BASE_RE = re.compile(
    r"(?<=\slần)\s+(?P<what>(?:mức\s+)?(?:bình\s+quân|trung\s+bình)(?:\s+(?!" + _STOP + r")[^\s,;:()%]+){0,7}"
    r"|(?:tháng|quý|năm|kỳ)\s+(?:trước|ngoái|liền\s+kề)(?!\w))")


def _multiple_base_events(scan: _Scan) -> None:
    """The bases (B) a multiple names right after its "lần", with no "so với" ("gấp 3 lần tháng trước")."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    for m in _MULTIPLE_BASE_RE.finditer(text):
        if not overlaps(m.start(), m.end(), taken):
            base = Event(m.start(), m.end(), "B", _base_data(s[m.start("what"):m.end("what")]))
            events.append(base)
            scan.bases_by_end[m.end()] = base
            taken.append(m.span())


# "cao hơn so với mức 1,91 tỷ USD của tháng trước": the level compared with (the walk's compared_level).
# "thấp hơn so với mức dự báo 5,8%": the figure compared with, no base either.
# "so với con số 16.405 tỷ đồng của năm 2023": "con số" (the figure) stands for "mức" too.
_LEVEL_COMPARED_BASE_RE = re.compile(r"\s+(?:mức|con\s+số)(?:\s+(?:dự\s+báo|dự\s+kiến|kỳ\s+vọng|ước\s+tính))?\s+\d")


_BASE_PERIOD_BRACKET_RE = re.compile(r"\s*\(\s*(?:tháng|quý|năm)\s+[^()]{1,12}\)")
