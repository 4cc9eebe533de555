"""Rates: the post passes of find_events that read rates compared with other rates or years.

After the finders of hbetl/extract_events.py have made a sentence's events, these passes
read what a list of rates compares: "(cùng kỳ năm 2022 tăng 5,2%)" in brackets, "so với
… là 6,5%", the rates of several years in one run, a rise over years; and the reading of a
base's periods (base_periods) they share with the finders.  They rewrite events' data
rather than find events, so they are kept apart from the finders.  This module imports
nothing from the finders at run time (Event, from extract_scan, is named for annotations only).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from hbetl.indicators import GOAL_WORDS_PATTERN
from hbetl.periods import PeriodSpec, find_periods

if TYPE_CHECKING:
    from hbetl.extract_scan import Event


_RISE_BEFORE_RE = re.compile(r"(?:(?<!\w)từ|(?<!\w)lên(?:\s+mức)?|(?<!\w)(?:đến|tới))\s*$", re.IGNORECASE)


def _years_of_a_rise(s: str, events: list[Event]) -> None:
    """"tăng từ 7,927 tỷ USD năm 2014 lên 15,973 tỷ USD năm 2015": in a rise written from one
    amount to another, the year right after each amount is that amount's own period."""
    years = {e.start: e for e in events if e.kind == "P" and e.data.get("spec") is not None
             and e.data["spec"].kind == "Y" and e.data["spec"].year}
    if not years:
        return
    for e in [e for e in events if e.kind == "V"]:
        gap = len(s[e.end:e.end + 3]) - len(s[e.end:e.end + 3].lstrip())
        year = years.get(e.end + gap)
        if year is not None and gap and _RISE_BEFORE_RE.search(s, max(0, e.start - 10), e.start):
            e.data["own_period"] = year.data["spec"]
            events.remove(year)


_FROM_LEVEL_BEFORE_RE = re.compile(r"(?<!\w)từ(?:\s+mức)?\s*$", re.IGNORECASE)
_OF_PERIOD_GAP_RE = re.compile(r"\s*(?:(?:của|trong|vào|ở)\s+)?", re.IGNORECASE)
_TO_LEVEL_GAP_RE = re.compile(r"\s*,?\s*(?:(?:tăng|giảm)\s+)?(?:(?:lên|xuống)(?:\s+(?:còn|mức|tới|đến))*|còn)\s*", re.IGNORECASE)


def _periods_of_a_move(s: str, events: list[Event]) -> None:
    """"giảm từ mức 7,362 tỷ USD của quý I năm ngoái xuống còn 6,951 tỷ USD", "tăng từ 520 triệu
    USD trong quý I năm 2022 lên 610 triệu USD trong quý I năm 2023": in a move from one amount to
    another, the period written right after each amount is that amount's own; the second, with
    none of its own after an earlier year's ("năm ngoái", "năm trước"), is the same period this
    year. Neither is the sentence's period. (A year right after each: _years_of_a_rise.)"""
    i = 0
    while i + 2 < len(events):  # (a while: the periods taken are removed from the list as it goes)
        v1, p1, v2 = events[i], events[i + 1], events[i + 2]
        i += 1
        if (v1.kind != "V" or p1.kind != "P" or v2.kind != "V" or v1.data.get("own_period") is not None
                or p1.data.get("spec") is None or v1.data["family"] != v2.data["family"] or v1.data["family"] == "percent"
                or not _FROM_LEVEL_BEFORE_RE.search(s, max(0, v1.start - 12), v1.start)
                or _OF_PERIOD_GAP_RE.fullmatch(s, v1.end, p1.start) is None
                or _TO_LEVEL_GAP_RE.fullmatch(s, p1.end, v2.start) is None):
            continue
        first = p1.data["spec"]
        p2 = events[i + 2] if i + 2 < len(events) else None
        if p2 is not None and p2.kind == "P" and p2.data.get("spec") is not None and _OF_PERIOD_GAP_RE.fullmatch(s, v2.end, p2.start):
            v2.data["own_period"] = p2.data["spec"]
            events.remove(p2)
        elif first.relative == "prev":
            v2.data["own_period"] = first._replace(relative=None)
        else:
            continue
        v1.data["own_period"] = first
        events.remove(p1)


# The words that name a goal or a forecast a figure is compared with; after "là" a goal striven
# for ("cao hơn mức phấn đấu của năm là 7%") counts too (_GOAL_OR_EFFORT_RE).
_GOAL_WORDS = rf"{GOAL_WORDS_PATTERN}|dự\s+báo|dự\s+kiến"
_GOAL_WORD_RE = re.compile(rf"(?<!\w)(?:{_GOAL_WORDS})(?!\w)")


# The adverbs of degree that may stand after "hơn": "cao hơn nhiều", "thấp hơn khá nhiều so với",
# "cao hơn hẳn", "nhỉnh hơn một chút", "cao hơn đáng kể". One list for every comparison that reads
# "hơn …" (COMPARED_WITH, the bracket after it here; extract_periods_bases' base and plan after it).
DEGREE = r"(?:khá\s+|rất\s+)?nhiều|nhẹ|đáng\s+kể|hẳn|một\s+chút|khá|rất"

# The words that compare a figure with the one written right after them: "hơn" (an adverb of
# degree may follow, and "so với": "cao hơn đáng kể so với mức 5%") or "so với" alone ("tăng 6,4%;
# so với mức 3,7% cùng kỳ"). The comparisons before a level, a goal and a rate
# (extract_levels._COMPARED_LEVEL_BEFORE_RE and _GOAL_COMPARED_BEFORE_RE, _COMPARED_RATE_RE here)
# open with it; each adds only the spellings that have been read before its own kind of figure.
# "so" without "với" before "cùng kỳ" is the same comparison ("cao hơn so cùng kỳ (6,12%)").
COMPARED_WITH = rf"(?<!\w)(?:hơn\s+(?:(?:{DEGREE})\s+)?(?:so\s+với\s+|so\s+(?=cùng\s+kỳ))?|so\s+với\s+|so\s+(?=cùng\s+kỳ))"


# "thấp hơn quý I (14,8%)", "cao hơn khá nhiều so với quý IV năm trước (+5,8%)", "cao hơn mức
# bình quân chung của cả nước (4,24%)": a rate in brackets right after what a figure is compared with
# ("so" without "với": "cao hơn so cùng kỳ (6,12%)").
_COMPARED_BEFORE_BRACKET_RE = re.compile(
    rf"(?<!\w)hơn\s+(?:(?:{DEGREE})\s+)?(?:so\s+(?:với\s+)?)?"
    r"(?P<what>[^,;:()%\d]*(?:\d[^,;:()%]*)?)\(\s*(?:\+|ước(?:\s+tính)?\s+)?(?:(?:tăng|đạt)\s+)?$")


# "so với cùng kỳ năm trước (": what is compared with is only last year's same period.
_SAME_PERIOD_ONLY_RE = re.compile(r"cùng\s+kỳ(?:\s+năm\s+(?P<y>trước|ngoái|\d{4}))?\s*")


def _make_compared(rate: Event, pct: float, spec: PeriodSpec | None, **known: object) -> None:
    """``rate`` becomes the other figure its sentence's figure is compared with: a change ("C")
    of no field, whose compared rate is ``pct`` of the period ``spec``, with what else is ``known``
    of it (compared_national, compared_goal, ...); the walk records it (compared_rate), and the
    event as written is kept (as_written): the walk reads it so where the subject is no growth rate."""
    rate.data = {"field": None, "compared_pct": pct, "compared_spec": spec, **known,
                 "family": None, "value": None, "as_written": (rate.kind, rate.data)}
    rate.kind = "C"


# "thấp hơn cùng kỳ các năm 2018 và 2019 (7,05% và 6,77%)": the same period of each year named, its
# rate in the bracket in the same order.
_SAME_PERIOD_OF_YEARS_WHAT_RE = re.compile(
    r"cùng\s+(?:kỳ|giai\s+đoạn)\s+(?:của\s+)?(?:các\s+)?năm\s+((?:19|20)\d\d(?:\s*(?:,|và)\s*(?:năm\s+)?(?:19|20)\d\d)+)\s*")


def _same_period_of_years_in_bracket(low: str, what: re.Match, events: list[Event], rate: Event) -> None:
    """The rates in the bracket after "cùng kỳ các năm 2018 và 2019" (``what``: the words compared
    with), one for each year in order, become a compared list: the record's period in each year
    (compared_rate). The years are the compared figures', no period of the sentence."""
    m = _SAME_PERIOD_OF_YEARS_WHAT_RE.fullmatch(what.group("what"))
    if m is None or rate.kind != "V":
        return
    years = re.findall(r"(?:19|20)\d\d", m.group(1))
    rates, last = [rate], rate
    for f in events[events.index(rate) + 1:]:
        if f.kind == "X" and f.data["char"] == ",":
            continue
        if not (f.kind == "V" and f.data["family"] == "percent" and _RATE_AND_RATE_GAP_RE.fullmatch(low, last.end, f.start)):
            break
        rates.append(f)
        last = f
    if len(rates) != len(years):
        return
    a, b = what.span("what")
    for p in events:
        if p.kind == "P" and a <= p.start and p.end <= b:
            p.data["consumed"] = True
    pcts = [f.data["value"] for f in rates]
    for f in rates[1:]:
        f.kind, f.data = "C", {"field": None}  # (recorded with the first)
    _make_compared(rate, pcts[0], None, compared_list=[(pct, None, y) for pct, y in zip(pcts, years, strict=True)])


# "vượt mục tiêu đặt ra (9%)", "vượt chỉ tiêu đặt ra (Chỉ tiêu 9%)", "chưa đạt kế hoạch (7%)": a goal
# the figure passed or missed, its own rate in brackets (the goal word may open the bracket
# again). As "thấp hơn mục tiêu đề ra (7,5%)" (_rate_compared_before_bracket), the goal's rate;
# so also with the comparative written without "hơn" ("thấp so với kịch bản xây dựng (7,9%)").
# Not "đạt mục tiêu theo kịch bản đề ra (8,2%)": a goal reached, often one supposed ("nếu …"),
# whose rate the cue of the plan reads already.
_GOAL_REACHED_BEFORE_BRACKET_RE = re.compile(
    rf"(?<!\w)(?:vượt|(?:không|chưa)\s+đạt|(?:cao|thấp)\s+so\s+với)\s+(?:mức\s+)?(?:{_GOAL_WORDS})[^,;:()%\d]*"
    rf"\(\s*(?:(?:{_GOAL_WORDS}|kh)\s*:?\s*)?(?:(?:tăng|đạt)\s+)?$")


def _rates_compared_in_brackets(low: str, events: list[Event], compared: bool, reached: bool) -> None:
    """A percent alone in brackets is the other figure a figure is set against, and the walk makes
    it a record of its own (compared_in_bracket):
    - after what the figure is compared with, when a comparative ("hơn") is written (``compared``):
      _rate_compared_before_bracket;
    - after the goal the figure passed or missed, when "vượt" or "đạt" and a goal are written
      (``reached``): "vượt mục tiêu đặt ra (9%)" is that goal's rate, a target of its own, a growth
      rate's only. A share of the plan in brackets ("vượt kế hoạch (105%)") is no goal's rate: only a
      rate below 50%."""
    for i, e in enumerate(events):
        if e.kind != "X" or e.data["char"] != "(" or i + 1 == len(events):
            continue
        rate = events[i + 1]
        if rate.kind == "K" and i + 2 < len(events):  # "(ước tăng 8%)", "(Chỉ tiêu 9%)": a cue first
            rate = events[i + 2]
        if rate.kind == "V" and rate.data["family"] == "percent":
            pct = rate.data["value"]
        elif rate.kind == "C" and rate.data.get("pct") is not None:
            pct = rate.data["pct"]
        else:
            continue
        if compared and _rate_compared_before_bracket(low, events, i, rate, pct):
            continue
        if (reached and abs(pct) < 50 and (rate.kind == "V" or rate.data.get("field") == "yoy")
                and _GOAL_REACHED_BEFORE_BRACKET_RE.search(low, max(0, e.start - 60), rate.start) is not None):
            _make_compared(rate, pct, None, compared_national=False, compared_goal=True, compared_estimate=False)


def _rate_compared_before_bracket(low: str, events: list[Event], i: int, rate: Event, pct: float) -> bool:
    """The rate in the bracket at ``events[i]`` follows what a figure is compared with and is that
    other figure, made a compared rate: of the period named there ("thấp hơn quý I (14,8%)": the
    first quarter's rate; the period is not the sentence's), or the whole country's ("cao hơn bình
    quân chung cả nước (ước tăng 8%)"), or a goal's; "cùng kỳ" is read as ever."""
    e = events[i]
    m = _COMPARED_BEFORE_BRACKET_RE.search(low, max(0, e.start - 60), rate.start)
    if m is None:
        return False
    if "cùng kỳ" in m.group("what"):
        same = _SAME_PERIOD_ONLY_RE.fullmatch(m.group("what"))
        if same is None:
            _same_period_of_years_in_bracket(low, m, events, rate)  # "cùng kỳ các năm 2018 và 2019 (7,05% và 6,77%)"
            return False
        # "ước đạt 6,60%, cao hơn so với cùng kỳ (6,50%)": last year's rate for the same period
        # (bare "cao hơn cùng kỳ (6,50%)" is read as a period, _period_events).
        y = same.group("y")
        _make_compared(rate, pct, None, compared_shift=y if y and y.isdigit() else -1,
                       compared_national=False, compared_goal=False, compared_estimate=False)
        return True
    a, b = m.span("what")
    periods = [p for p in events[:i] if p.kind == "P" and a <= p.start and p.end <= b and p.data.get("spec") is not None]
    for p in periods:
        p.data["consumed"] = True  # the compared figure's, not the sentence's
    spec = periods[-1].data["spec"] if periods else None
    if spec is None:  # "cao hơn so với quý IV năm trước (+5,8%)": the period inside the base
        spec = next((base_periods(x).get("base_spec") for x in events[:i] if x.kind == "B" and a < x.end <= b), None)
    national = "cả nước" in m.group("what") or "toàn quốc" in m.group("what")
    # "thấp hơn mục tiêu đề ra (7,5%)", "vượt kịch bản (8,1%)": the goal's rate, a target.
    goal = _GOAL_WORD_RE.search(m.group("what")) is not None
    if spec is None and not national and not goal:
        return False
    _make_compared(rate, pct, spec, compared_national=national, compared_goal=goal,
                   compared_estimate="ước" in low[e.end:rate.start])
    return True


def _last_years_rate_after_its_base(low: str, events: list[Event]) -> None:
    """"ước tăng 8,6% so với cùng kỳ năm trước (tăng 4,2%)": a change alone in brackets right after
    the base "so với cùng kỳ năm trước" is that base's own change, the same period's rate a year
    earlier (as "(cùng kỳ năm 2021 tăng 4,2%)" writes it out); the record's change came before.
    Made a compared rate with its shift (after_its_base: the walk records it for any unit)."""
    for i in range(1, len(events) - 3):
        base, bracket, rate, close = events[i], events[i + 1], events[i + 2], events[i + 3]
        if (base.kind != "B" or base.data.get("field") != "yoy" or bracket.kind != "X" or bracket.data["char"] != "("
                or rate.kind != "C" or rate.data.get("field") != "yoy" or rate.data.get("pct") is None
                or close.kind != "X" or close.data["char"] != ")" or low[base.end:bracket.start].strip()):
            continue
        change = events[i - 1]
        if change.kind != "C" or change.data.get("field") != "yoy" or change.data.get("pct") is None:
            continue
        same = _SAME_PERIOD_ONLY_RE.fullmatch(base.data["what"].strip())
        if same is None:
            continue
        y = same.group("y")
        _make_compared(rate, rate.data["pct"], None, compared_shift=y if y and y.isdigit() else -1, after_its_base=True,
                       compared_national=False, compared_goal=False, compared_estimate=False)


# "cao hơn tốc độ tăng 2,19% và 1,57% của 9 tháng các năm 2020 và 2021": the rates compared with,
# one for each year named after them, in order.
_RATE_AND_RATE_GAP_RE = re.compile(r"\s*(?:,|và)\s*")


# "của cùng kỳ các năm 2020 và 2021", "cùng giai đoạn năm 2020 và 2021": the same period as the
# record's, in each year named.
_SAME_PERIOD_OF_YEARS_RE = re.compile(r"cùng\s+(?:kỳ|thời\s+kỳ|giai\s+đoạn)$")


_YEARS_OF_RATES_RE = re.compile(
    r"\s*(?:của\s+)?(?P<part>[^,;:()%]{0,30}?)\s*(?:các\s+)?năm\s+((?:19|20)\d\d)((?:\s*(?:,|và)\s*(?:năm\s+)?(?:19|20)\d\d)+)",
    re.IGNORECASE)


# "cải thiện hơn so với quý I là 3,28% và quý II là 4,05%", "cao hơn so với mức tăng trưởng tỉnh đạt
# được trong năm 2024 là 8,74%": what a figure is compared with, then its rate after "là".
_COMPARED_IS_BEFORE_RE = re.compile(r"(?<!\w)(?:hơn|so\s+với)\s+(?P<what>[^,;:()%]*?)\s+là\s*$")


_GOAL_OR_EFFORT_RE = re.compile(rf"(?<!\w)(?:phấn\s+đấu|{_GOAL_WORDS})(?!\w)")


_NATIONAL_RATE_RE = re.compile(r"(?:mức|tốc\s+độ|tăng\s+trưởng|gdp|bình\s+quân|trung\s+bình)(?:\s+\w+){0,4}?\s+(?:của\s+)?(?:cả\s+nước|toàn\s+quốc)$")


# ("ước" as a word: "cả nước" holds the letters.)
_ESTIMATE_WORD_RE = re.compile(r"(?<!\w)ước(?!\w)")


_AND_NEXT_IS_BEFORE_RE = re.compile(r"%\s*(?:,|và)\s*(?P<what>[^,;:()%]*?)\s+là\s*$")


def _rates_compared_with_la(low: str, events: list[Event]) -> None:
    """A percent after "là" closing what a figure is compared with, that names a period, is that
    period's figure (the walk's compared_in_bracket, as "thấp hơn quý I (14,8%)"); the next
    "và quý II là 4,05%" too. The period is the compared figure's, not the sentence's."""
    listed = False
    restated: list[Event] = []
    for e in events:
        if e.kind != "V" or e.data["family"] != "percent":
            listed = listed and e.kind in ("P", "X")
            continue
        if low.find("là", e.start - 5 if e.start > 5 else 0, e.start) < 0:  # (most percents: no regex)
            listed = False
            continue
        lo = max(0, e.start - 80)
        m = (_AND_NEXT_IS_BEFORE_RE.search(low, max(0, e.start - 40), e.start) if listed else None) or \
            _COMPARED_IS_BEFORE_RE.search(low, lo, e.start)
        listed = False
        if m is None or "cùng kỳ" in m.group("what") or _GOAL_OR_EFFORT_RE.search(m.group("what")):
            continue  # "cao hơn mức phấn đấu của năm là 7%": a goal's rate, a target (the kind cues read it)
        a, b = m.span("what")
        periods = [p for p in events if p.kind == "P" and a <= p.start and p.end <= b and p.data.get("spec") is not None]
        for p in periods:
            p.data["consumed"] = True
        spec = periods[-1].data["spec"] if periods else None
        if spec is None:  # "so với quý I là 3,28%": the period inside the base
            m = _COMPARED_IS_BEFORE_RE.search(low, lo, e.start) or m
            spec = next((base_periods(x).get("base_spec") for x in events if x.kind == "B" and m.start() <= x.start < e.start), None)
        # "thấp hơn so với tăng trưởng GDP bình quân của cả nước là 3,32%", "cao hơn mức bình quân chung
        # cả nước là 5,05%": the country's rate for the record's period, as in brackets. Only where a
        # rate or an average is named ("cao hơn cả nước là 1,5%" may be the gap).
        national = spec is None and _NATIONAL_RATE_RE.search(m.group("what")) is not None
        if spec is None and not national:
            continue
        if national:
            # The growth named there ("tăng trưởng GDP … của cả nước") is the country's, the figure
            # compared with: no subject of the sentence's own (which stays the record's).
            restated += [x for x in events if x.kind == "M" and x.data.get("code") == "grdp_growth" and a <= x.start and x.end <= b]
        _make_compared(e, e.data["value"], spec, compared_national=national,
                       compared_estimate=_ESTIMATE_WORD_RE.search(m.group("what")) is not None)
        listed = True
    for x in restated:
        events.remove(x)


def _rates_compared_of_years(s: str, events: list[Event]) -> None:
    """A compared rate ("cao hơn tốc độ tăng 2,19% …", _compared_rate_before) followed by more
    percents, then by as many years ("… và 1,57% của 9 tháng các năm 2020 và 2021"): each rate is
    its year's (the part of the year named before the years, each year's). The walk makes a
    record of each (compared_rate); the periods are the rates', not the sentence's."""
    for i, e in enumerate(events):
        if e.kind != "C" or e.data.get("compared_pct") is None or e.data.get("compared_spec") is not None:
            continue
        rates, last = [e.data["compared_pct"]], e
        for f in events[i + 1:]:
            if f.kind == "X" and f.data["char"] == ",":
                continue
            if not (f.kind == "V" and f.data["family"] == "percent" and _RATE_AND_RATE_GAP_RE.fullmatch(s, last.end, f.start)):
                break
            rates.append(f.data["value"])
            last = f
        m = _YEARS_OF_RATES_RE.match(s, last.end) if len(rates) > 1 else None
        if m is None:
            continue
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", m.group(0)[m.start(2) - m.start():])]
        if len(years) != len(rates):
            continue
        inside = [p for p in events if p.kind == "P" and last.end <= p.start and p.end <= m.end()]
        part = next((p.data["spec"] for p in inside if p.data.get("spec") is not None and p.data["spec"].kind != "Y"
                     and p.end <= m.start(2)), None)
        for p in inside:
            p.data["consumed"] = True
        if part is None and _SAME_PERIOD_OF_YEARS_RE.search(m.group("part")):
            # "… 4,7% và 5,17% của cùng kỳ năm 2020 và 2021": the record's own period in each year
            # (no period of its own: None, the year the shift).
            e.data["compared_list"] = [(pct, None, str(y)) for pct, y in zip(rates, years, strict=True)]
        else:
            e.data["compared_list"] = [(pct, PeriodSpec("Y", 0, y) if part is None else part._replace(year=y, relative=None), None)
                                       for pct, y in zip(rates, years, strict=True)]
        for f in events[i + 1:]:
            if f.end > last.end:
                break
            if f.kind == "V":
                f.kind, f.data = "C", {"field": None}  # (recorded with the first)
        return


# "cao hơn tốc độ tăng 4,72% của quý I năm 2021 và 3,66% của quý I năm 2020": after a rate
# compared with and its period, another rate joined by "và" or "," with a period of its own
# right after it ("của quý I năm 2020") is compared with too, that period's figure; so is one
# with the same period of another year ("5,2% của cùng kỳ năm 2023 và 4,1% của cùng kỳ năm 2022"),
# or its own period after "trong" ("2,04% cùng giai đoạn năm 2020 và 5,74% trong 6 tháng năm ngoái").
_NEXT_RATE_GAP_RE = re.compile(r"\s*(?:,|và|,\s*và)\s*")
# The next item may write the compared noun again before its rate, as the first did ("cao hơn tốc độ
# tăng 2,04% của 6 tháng đầu năm 2020 và tốc độ tăng 5,74% của 6 tháng đầu năm 2021", "… và mức
# giảm 1,2% của quý II"): its "tăng 5,74%" is the rate compared with, not a change of the subject.
_NEXT_RATE_HEAD_GAP_RE = re.compile(_NEXT_RATE_GAP_RE.pattern + r"(?:mức|tốc\s+độ)\s+", re.IGNORECASE)
_OWN_PERIOD_GAP_RE = re.compile(r"\s+(?:(?:của|trong)\s+)?")


def _names_a_period(p: Event) -> bool:
    """A period event that names a period: its own, or the same period of another year."""
    return p.kind == "P" and (p.data.get("spec") is not None or p.data.get("shift") is not None)


def _next_rates_compared(s: str, events: list[Event]) -> None:
    """Each percent after a compared rate's period ("… 4,72% của quý I năm 2021 và 3,66% của quý
    I năm 2020") that has a period of its own right after it becomes a compared rate as well (the
    walk's compared_rate makes the record of that period)."""
    for i, e in enumerate(events):
        if e.kind != "C" or e.data.get("compared_pct") is None or e.data.get("compared_list"):
            continue
        last = e
        j = i + 1
        while j + 1 < len(events):
            period, rate = events[j], events[j + 1]
            if rate.kind == "X" and rate.data["char"] == "," and j + 2 < len(events):
                rate = events[j + 2]
            # (the compared rate may hold its period's first words: "tăng 5,2% của cùng kỳ" + "cùng kỳ năm 2023")
            if not (_names_a_period(period) and (period.start < last.end or _OWN_PERIOD_GAP_RE.fullmatch(s, last.end, period.start))):
                break
            written = rate.kind == "V" and rate.data["family"] == "percent" and _NEXT_RATE_GAP_RE.fullmatch(s, period.end, rate.start)
            again = (not written and rate.kind == "C" and rate.data.get("pct") is not None and rate.data.get("compared_pct") is None
                     and _NEXT_RATE_HEAD_GAP_RE.fullmatch(s, period.end, rate.start))
            if not (written or again):
                break
            after = next((p for p in events if p.kind == "P" and p.start >= rate.end), None)
            if after is None or not _names_a_period(after) or not _OWN_PERIOD_GAP_RE.fullmatch(s, rate.end, after.start):
                break
            rate.data = {"field": None, "compared_pct": rate.data["pct" if again else "value"], "as_written": (rate.kind, rate.data)}
            rate.kind = "C"
            last = rate
            j = events.index(after)


# "(giảm so với mức 2,1% của 9 tháng năm 2019)": a bracket that opens on what
# the figure is set against, up to the period named inside it (no ")" nor ";" between).
_COMPARED_BRACKET_BEFORE_RE = re.compile(r"\((?:\s*(?:tăng|giảm|cao|thấp)(?:\s+hơn)?)?\s*so\s+với\s[^();]*$")


def _periods_of_the_compared_in_brackets(low: str, events: list[Event]) -> None:
    """A period inside a bracket that opens with "so với" ("(giảm so với mức 2,1% … của 9 tháng
    năm 2019)") names the other figure the sentence's is set against: consumed, so it is neither
    the sentence's period nor the one the paragraph goes on with (figures written before it that
    name no period do not take it)."""
    for p in events:
        if (p.kind == "P" and p.data.get("spec") is not None and not p.data.get("consumed")
                and _COMPARED_BRACKET_BEFORE_RE.search(low, max(0, p.start - 90), p.start)):
            p.data["consumed"] = True


def _years_after_ratios(s: str, events: list[Event]) -> None:
    """"gấp 2,6 lần năm 2015", "bằng 140% năm 2019": a year right after a ratio is the year the
    figure is measured against (the ratio's base_year), not a period of the sentence."""
    years = {e.start: e for e in events if e.kind == "P" and e.data.get("spec") is not None
             and e.data["spec"].kind == "Y" and e.data["spec"].year}
    if not years:
        return
    for e in events:
        if e.kind == "C" and e.data.get("field") == "yoy" and s[e.start:e.start + 4].lower() in ("gấp ", "bằng"):
            gap = len(s[e.end:e.end + 3]) - len(s[e.end:e.end + 3].lstrip())
            year = years.get(e.end + gap)
            if year is not None and gap:
                e.data["base_year"] = year.data["spec"].year
                events.remove(year)


# What a base names, tried in order on its words lower-cased and single-spaced: the first
# that fits gives the field a bare change is measured against.
_BASE_FIELDS = (
    (re.compile(r"kế hoạch|(?<!\w)kh(?!\w)|dự toán|chỉ tiêu|mục tiêu|kịch bản|nghị quyết|nhiệm vụ (?:chi|thu)"), "plan"),
    # "so với cùng tháng năm trước", "so với quý này năm trước", "so quý đầu của năm 2015", "so với CK".
    # "CPI bình quân năm 2017 tăng 3,53% so với bình quân năm 2016": last year's average.
    (re.compile(r"cùng kỳ|(?<!\w)ck(?!\w)|cùng thời điểm|cùng thời kỳ|cùng giai đoạn|cùng tháng|cùng quý|"
                r"(?:(?:tháng|quý|kỳ) (?:này|ấy|đó)|quý đầu|bình quân)(?: của)? năm (?:trước|ngoái|\d{4})"), "yoy"),
    (re.compile(r"bình quân|trung bình|cả nước|toàn quốc|kỳ gốc|gốc"), None),
    # "so với cuối 2017": the year's end with "năm" left out.
    (re.compile(r"tháng|quý|kỳ trước|cuối năm|đầu năm|cuối \d{4}|liền kề|\d{1,2}/\d{1,2}"), "mom"),
    (re.compile(r"năm|\d{4}|vụ"), "yoy"),
)


# "so với cuối năm 2022", "so với đầu năm", "so với tháng 12 năm trước", "so với 31/12/2020":
# a change since the year began, mom_pct only where the figure has no change against the
# previous month (metric-record.md, Conventions).
_YEAR_START_RE = re.compile(r"cuối\s+năm|cuối\s+\d{4}|đầu\s+năm|tháng\s+12|31\s*/\s*12", re.IGNORECASE)


_DIGIT_RE = re.compile(r"\d")


def _base_data(what: str) -> dict:
    """What a base says: the field of the change it measures (its named period: base_periods)."""
    field, year_start, average = _base_reading(what)
    return {"field": field, "what": what, "year_start": year_start, "average": average}


# Cached: the same few bases come back sentence after sentence ("so với cùng kỳ năm trước", "so
# với tháng trước"), and reading one tries up to five patterns; a pure function of the words.
@lru_cache(maxsize=1024)
def _base_reading(what: str) -> tuple[str | None, bool, bool]:
    field = _base_field(what)
    return (field, field == "mom" and bool(_YEAR_START_RE.search(what)),
            # "tăng 2,9% so với bình quân cùng kỳ": the average of the months so far, a year before
            field == "yoy" and ("bình quân" in what or "trung bình" in what))


def base_periods(base: Event) -> dict:
    """The periods a base names, worked out when a change asks (most never do), kept on it:
    ``base_spec`` ("so với quý I năm 2017": against the figure's own quarter a year before, yoy),
    ``next_year`` ("tăng 7,01% so với năm 2023": a figure of 2024), ``plan_period``
    ("so với kế hoạch đề ra đầu năm 2022": the plan's year), ``base_year`` (the year compared with
    and whether the base names its same period: extract_bases._base_year_rules_out)."""
    data = base.data
    if "named" in data:
        return data["named"]
    named = data["named"] = dict(_named_periods(data["what"], data["field"]))  # (a copy: the cache's is shared)
    return named


# Cached, as _base_reading is: the same bases come back sentence after sentence ("so với tháng
# trước", "so với cùng tháng năm trước"), and each with a period word was read by find_periods
# again (~4 us; ~120 times a round of the fixtures). A pure function of the words and the field;
# the periods are named tuples.
@lru_cache(maxsize=1024)
def _named_periods(what: str, field: str | None) -> tuple[tuple[str, PeriodSpec], ...]:
    named: dict = {}
    # Only a base with a digit or a period word names a period ("so với cùng kỳ năm trước" does not).
    if "tháng" in what or "quý" in what or _DIGIT_RE.search(what):
        periods = find_periods(what)
        specs = [p.spec for p in periods if p.spec.kind != "Y"]
        years = [p.spec.year for p in periods if p.spec.kind == "Y" and p.spec.year]
        if specs:
            named["base_spec"] = specs[0]
        same_period = "cùng" in what.lower()
        if years and field == "yoy" and not same_period:
            # ("so với cùng kỳ năm 2018" names the year only: the figure's span is its own, unsaid.)
            named["next_year"] = PeriodSpec("Y", 0, years[0] + 1)
        if years and field == "plan":
            named["plan_period"] = PeriodSpec("Y", 0, years[0])
        if years and field == "yoy":
            # "so với năm 2019" (a year), "so với cùng kỳ năm 2019" (the same period of a year)
            named["base_year"] = (years[0], same_period)
        elif specs:
            named["base_year"] = (specs[0].year, True)  # "so với quý 1/2019": the same period of 2019
    return tuple(named.items())


def _base_field(what: str) -> str | None:
    w = " ".join(what.lower().split())
    for pattern, field_name in _BASE_FIELDS:
        if pattern.search(w):
            return field_name
    return None


# "thấp hơn nhiều so với mức tăng 9,5% cùng kỳ năm trước": an adverb of degree may stand after "hơn".
# "tăng nhẹ so với mức tăng 5,86% của cùng kỳ năm trước", "giảm so với tốc độ tăng 7,2% của năm 2022":
# with no "hơn", "so với mức tăng" still names the other rate (the comparative is the verb before);
# so do "so sánh với mức tăng" and "so mức tăng", the other spellings of the base's "so với" (BASE_RE).
# "chỉ đứng sau mức tăng 8,56% của quý II/2022", "chỉ sau tốc độ tăng …": behind only that rate, compared with it.
# One rule for both readings: the change is the compared rate (extract_changes), and the base
# "so với mức tăng 5,86%" is none of the figure before it (extract_periods_bases._rate_compared_not_base).
# COMPARED_WITH, then spellings read before a rate only ("hơn một chút mức tăng", "so sánh với",
# "so", "chỉ đứng sau"): they were added as rates turned them up; the levels' and the goals'
# comparisons were not widened with them, and are kept as they read.
_COMPARED_RATE_RE = re.compile(
    rf"(?:{COMPARED_WITH}|(?<!\w)(?:hơn\s+một\s+chút\s+(?:so\s+với\s+)?|so(?:\s+sánh)?(?:\s+với)?\s+"
    r"|(?:chỉ\s+)?(?:đứng\s+)?sau\s+))"
    r"(?:mức|tốc\s+độ)\s*$",
    re.IGNORECASE)


def _compared_rate_before(text: str, start: int) -> bool:
    """_COMPARED_RATE_RE ends just before ``start``, within 40 characters."""
    # Any match holds "hơn" or "so": without either in the window (most changes), skip the regex,
    # which opens with a look-behind and IGNORECASE and so is tried at each of the 40 positions.
    lo = start - 40 if start > 40 else 0  # (not max(0, …): ~1,200 instructions a call, once a change)
    window = text[lo:start].lower()
    # (Every match ends in "mức" or "tốc độ": most windows holding "so với" end otherwise.)
    if ("hơn" not in window and "so" not in window and "sau" not in window) or not window.rstrip().endswith(("mức", "độ")):
        return False
    return bool(_COMPARED_RATE_RE.search(text, lo, start))
