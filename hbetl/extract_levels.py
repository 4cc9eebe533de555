"""Levels: the figures (V) a sentence states, a number and its unit, and what each says.

VALUE_RE reads a number and its unit ("2.663 tỷ đồng", "khoảng 210.000 lượt", "12,5%"),
unit_of the unit's family and factor, _level_event what the level states: a plan's own
figure, a floor ("từ 11% trở lên"), a level compared with ("so với mức 1,91 tỷ USD"), or a
change after all (a signed percent, a place's percent in a list); _bare_count_events reads
a count written with no unit, for a count's subject only.  Most of _level_events is what it
only takes, as stating no level of a record: a range, a bar, a round mark passed, one
project's capital, a rate per day, an absolute change.  The readings the changes share with
the levels (NUM, _qualifier, _negated, the range's pattern) are here; hbetl/extract_changes.py
takes them from here.  find_events (hbetl/extract_events.py) runs these finders late, after
the subjects, periods, places and changes, whose words they skip; like the other finders
they read only the _Scan of hbetl/extract_scan.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hbetl.extract_plans import _names_the_goal_right_before, _states_a_plan
from hbetl.extract_rates import COMPARED_WITH
from hbetl.extract_scan import Event, _Scan, overlaps, to_number
from hbetl.extract_splits import _listed_places_floor, _places_counted_share, _places_over_threshold
from hbetl.indicators import GOAL_WORDS, GOAL_WORDS_PATTERN
from hbetl.numbers import parse_number, scaled
from hbetl.textscan import CAPITALS, SMALLS, FastPattern

NUM = r"\d+(?:[.,]\d+)*"


_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}


# ("810 giao dịch góp vốn, mua cổ phần (tăng 11,6%)": the change in brackets is the count's.)
_COUNT_NOUNS = r"vụ\s+việc|vụ|trường\s+hợp|doanh\s+nghiệp|DN|dự\s+án|hộ|người|giao\s+dịch"


# Energy as written: "kWh", "MWh", "GWh", "TWh" ("tổng điện sản xuất năm 2022 khoảng 268,4 TWh"),
# the hour spelt out ("294 triệu kW giờ", "68 triệu kilowat giờ") or dotted ("kW.h").
_ENERGY_NOUNS = r"kWh|MWh|GWh|TWh|kW\.h|kW\s+giờ|kilo\s*wat?t\s+giờ"


# "đón 871.000 khách quốc tế", "1,2 triệu du khách": visitors counted without "lượt" (not "khách
# sạn", hotels, nor "khách hàng", customers).
_VISITOR_NOUNS = r"(?:du\s+)?khách(?!\s+(?:sạn|hàng))"


# ("tỷ đô", the dollar without "la", as the national press writes it: "xuất khẩu đạt 30 tỷ đô".)
_UNIT = (
    r"(?P<scale>(?:\s*(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\w))*)"
    r"(?P<noun>\s*(?:đồng|VNĐ|VND|đ(?!\w)|USD|đô\s*-?\s*la(?:\s+Mỹ)?|đôla|đô(?!\w)(?!\s+thị)|"
    r"lượt(?:\s+(?:khách|người|dự\s+án|góp\s+vốn|điều\s+chỉnh))?|" + _VISITOR_NOUNS + "|tấn|tạ|" + _ENERGY_NOUNS + "|"
    + _COUNT_NOUNS + r")(?!\w))?"
)


_UNIT_WORDS = (r"nghìn|ngàn|vạn|triệu|tỷ|tỉ|đồng|VNĐ|VND|đ(?!\w)|USD|đô|lượt|" + _VISITOR_NOUNS + "|tấn|tạ|" + _ENERGY_NOUNS + "|"
               + _COUNT_NOUNS)


# (Words: VALUE_RE looks for them before a number, as its leads.)
_QUALIFIER_WORDS = ("trên", "hơn", "vượt", "dưới", "khoảng", "xấp xỉ", "gần như", "gần", "ngót", "chừng")
_QUALIFIER = r"(?P<qual>" + "|".join(w.replace(" ", r"\s+") for w in _QUALIFIER_WORDS) + ")"


# A level's number may run into its scale word ("2,37triệu lượt"), and a scale may split it
# ("107 nghìn 700 tỷ đồng" is 107.700 tỷ, "1 triệu 200 nghìn lượt" is 1.200.000).
# It opens with an ASCII digit: VALUE_RE's trigger names them one by one (textscan.DIGIT_LITERALS).
# (A number after '/' is matched, and refused by _level_events unless a level done over its plan:
# "đạt 3.456/5.000 tỷ đồng".)
# The number is an atomic group ("(?>…)"): the lookahead after it refuses any shorter reading (a
# digit or "[.,]\d" would follow), so giving digits back could only fail, one digit at a time, on
# each number that states no level (a year, a date): 12.2k -> 8.5k instructions a failed match on
# "2023, …" (VALUE_RE tries ~800 such a round of the labelled fixtures).
_NUM_OF_LEVEL = r"(?<![\w.,])(?=[0-9])(?>" + NUM + r")(?!(?!(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ))[\w/]|[.,]\d)"


VALUE_RE = FastPattern(
    # A footnote's mark may sit between the number and its unit ("110.764(1) doanh nghiệp").
    r"(?:" + _QUALIFIER + r"\s+)?(?P<num>" + _NUM_OF_LEVEL + r")(?:\(\d\)(?=\s))?"
    r"(?:\s*(?P<upper>nghìn|ngàn|triệu|tỷ|tỉ)\s+(?P<lower>\d{1,3})(?=\s*(?:nghìn|ngàn|triệu|tỷ|tỉ|lượt)))?"
    # A unit is required (the lookahead: _UNIT alone may match empty), so the many bare numbers of
    # a report (years, dates, counts of things) fail in C; a bare count is read by _BARE_COUNT_RE.
    r"(?P<range>\s*(?:-|đến|tới)\s*" + NUM + r")?(?P<unit>\s*%|(?=\s*(?:" + _UNIT_WORDS + r"))" + _UNIT + r")",
    # A value opens with its number, or a qualifier right before one ("trên địa bàn" is none): the
    # trigger finds the number, and the qualifier is looked for before it (leads). The digits as
    # literals, quicker (textscan.DIGIT_LITERALS). A hit is a run of digits and separators that
    # ends on a digit followed by what a level's number may be followed by (white space, a
    # footnote's or a range's opening, '%', a scale word run into it: "2,37triệu"); a year or a date
    # before ',', '.', '/' or ')' ("năm 2023,", "30/6") is passed over in C, not matched and refused
    # (the same matches on the fixtures' and dev's sentences): 1,887.3M -> 1,883.0M instructions a round.
    trigger="|".join(f"{d}[\\d.,]*(?<=\\d)(?=[\\s(%\\-ntv])" for d in "0123456789"),
    leads=_QUALIFIER_WORDS,
    # A hit is a qualifier or a run of digits and separators, inside which no value can begin (a
    # number needs no word character, '.' or ',' before it): a failed hit is skipped whole, not
    # tried again at each digit ("2023." was four failed matches): -0.7% of the instructions of extracting the fixtures.
    skip_failed_hits=True,
)


# Each verb's word boundary is looked behind after the verb ("là(?<!\wlà)": no word character
# before the "là" just read), the same test as a leading (?<!\w): a pattern that opens with
# literals lets the engine skip to them in C, where one that opens with a lookbehind is tried at
# every position (4.5 -> 2.1 us a sentence; tests/test_extract_fast_paths.py checks the two agree).
# (A dot or comma with a digit after is the number's own, not a break: "là 777.900 lao động" is
# no bare "777".)
_BARE_COUNT_RE = re.compile(r"(?:là(?<!\wlà)|đạt(?<!\wđạt)|có(?<!\wcó))\s+(\d{1,3}(?:\.\d{3})+|\d+)(?=\s*(?:[;)]|[,.](?!\d)|$|so(?!\w)))")


# "27,8 nghìn, tăng …": a figure closed right after its scale word (fits, for new firms).
_CLOSED_AFTER_RE = re.compile(r"\s*(?:[,;.)]|với(?!\w)|$)")


# Million kWh in each energy unit; the hour spelt out or dotted ("kW giờ", "kW.h") is the kWh.
_KWH_FACTORS = {"kwh": 1e-6, "mwh": 1e-3, "gwh": 1.0, "twh": 1e3}


@lru_cache(maxsize=1024)  # the units written are few ("tỷ đồng", "triệu USD", "%"); a pure function
def unit_of(unit_text: str) -> tuple[str, float, str | None] | None:
    """(family, factor to the family's canonical unit, count noun) for a written unit."""
    u = " ".join(unit_text.lower().split())
    if u == "%":
        return "percent", 1.0, None
    scale = 1.0
    words = u.split(" ")
    while words and words[0] in _SCALES:
        scale *= _SCALES[words.pop(0)]
    noun = " ".join(words)
    if not noun:
        if scale >= 1e9:  # "2.000 tỷ" without "đồng": money is the only reading
            return "money", scale / 1e9, None
        return ("bare", scale, None) if scale > 1 else None
    if noun in ("đồng", "vnđ", "vnd", "đ"):
        return "money", scale / 1e9, None
    if noun.startswith(("usd", "đô", "đôla")):
        return "usd", scale / 1e6, None
    if noun.startswith(("khách", "du khách")):
        return "visits", scale, None
    if noun.startswith("lượt"):
        # "1.256 lượt dự án điều chỉnh vốn, tăng 20%", "8.561 lượt góp vốn": times a project
        # changed its capital are counted, not visitors (the change after it is the count's).
        if noun.startswith(("lượt dự", "lượt góp", "lượt điều")):
            return "count", scale, noun
        return "visits", scale, None
    if noun in ("tấn", "tạ"):
        return "tonnes", scale * (0.1 if noun == "tạ" else 1.0), None
    if noun in _KWH_FACTORS or noun.endswith(" giờ") or noun == "kw.h":
        return "kwh", scale * _KWH_FACTORS.get(noun, 1e-6), None
    return "count", scale, noun


def _level_events(scan: _Scan) -> None:
    """The levels (V) of VALUE_RE, a number and its unit: "2.663 tỷ đồng", "khoảng 210.000 lượt";
    here the figures that state no level (a range, a bar, a rate, …) are only taken."""
    s, text, taken = scan.s, scan.low, scan.taken
    # Words the checks below look for: a sentence without them skips their regexes for every level.
    may_range = "-" in text or "đến" in text or "tới" in text
    may_whole = "trong" in text
    may_milestone = "mốc" in text or "ngưỡng" in text
    may_project = "dự án" in text
    may_absolute = "tuyệt đối" in text
    may_excess = "vượt thu" in text or "tăng thu" in text
    may_floor = scan.may_floor
    may_places = scan.may_places
    for m in VALUE_RE.finditer(s, text):
        num_start, num_end = m.span("num")
        if overlaps(num_start, num_end, taken):
            continue
        m_start, m_end = m.span()  # (once: the checks below ask for them again and again)
        range_text, unit_text, qual = m.group("range", "unit", "qual")
        done_of_plan = None
        if range_text or (s[m_end:m_end + 1] == "/" and not _cases_per_people(s, m_end, unit_text)) \
                or (num_start and s[num_start - 1] == "/"):
            done_of_plan = None if range_text or s[m_end:m_end + 1] == "/" else _DONE_OF_PLAN_RE.search(
                s, num_start - 32 if num_start > 32 else 0, num_start)
            if done_of_plan is not None and not _same_scale(done_of_plan, unit_text):
                done_of_plan = None
            if done_of_plan is None:
                taken.append((m_start, m_end))
                continue
        unit = unit_of(unit_text)
        if unit is None:
            continue
        if (may_range and text.startswith(_RANGE_OPENERS, m_end) and (range_to := _RANGE_TO_RE.match(text, m_end))
                and range_to.group(1).startswith(unit_text.split()[0].lower())):
            taken.append((m_start, range_to.end()))  # "từ 7,5% đến 8%": a range, its unit written twice
            continue
        if may_whole and text.find("trong", m_start - 18 if m_start > 18 else 0, m_start) >= 0 and \
                _OF_THE_WHOLE_BEFORE_RE.search(text, m_start - 24 if m_start > 24 else 0, m_start):
            taken.append((m_start, m_end))  # "Trong hơn 1.980 tỷ đồng thu ngân sách, thu nội địa …": the whole, named again
            continue
        if text.endswith(_CHANGE_BY_ENDS, 0, m_start) and _CHANGE_BY_BEFORE_RE.search(
                text, m_start - 40 if m_start > 40 else 0, m_start):
            taken.append((m_start, m_end))  # "tăng hơn năm ngoái gần 100.000 tấn": an absolute change (Conventions)
            continue
        if may_excess and _EXCESS_REVENUE_BEFORE_RE.search(text, m_start - 30 if m_start > 30 else 0, m_start):
            taken.append((m_start, m_end))  # "vượt thu 134 tỷ đồng so với dự toán": revenue above the plan, an absolute excess
            continue
        if may_absolute and _in_absolute_terms(text, m_end):
            taken.append((m_start, m_end))  # "cao hơn … 56 nghìn tỷ đồng về số tuyệt đối so với cùng kỳ"
            continue
        if qual and unit[0] != "percent" and text.startswith("vượt", m_start) and _GAP_BASE_AFTER_RE.match(text, m_end):
            # "đạt 25.000 tỷ đồng, vượt 4.000 tỷ đồng so với chỉ tiêu": the excess over it, a change in
            # no field (as "tăng 4,43 tỷ USD"), which the base after it belongs to.
            scan.events.append(Event(m_start, m_end, "C", {"field": None}))
            taken.append((m_start, m_end))
            continue
        if (qual or may_floor) and _places_over_threshold(text, m_start, m_end, _qualifier(qual.lower() if qual else "")):
            taken.append((m_start, m_end))  # "6 tỉnh đạt kim ngạch từ 10 tỷ USD trở lên": a bar, not a figure
            continue
        if may_places and _places_counted_share(text, m_start):
            taken.append((m_start, m_end))  # "37/63 địa phương tỉ lệ giải ngân là 0%": the counted places' common figure
            continue
        if may_floor and len(scan.places) > 1 and _listed_places_floor(text, scan.places, m_start, m_end):
            taken.append((m_start, m_end))  # "A, B và C được giao mục tiêu từ 9% trở lên": the listed places' bar
            continue
        if may_project and text.find("vốn", m_start - 30 if m_start > 30 else 0, m_start) >= 0 and \
                _ONE_PROJECT_BEFORE_RE.search(s, m_start - 160 if m_start > 160 else 0, m_start):
            taken.append((m_start, m_end))  # "dự án Nhà máy sợi Phú Lâm với vốn đầu tư 7,5 triệu USD": one project's
            continue
        passed_mark = False
        if may_milestone and _possible_mark(text, m_start):
            taken.append((m_start, m_end))  # "có thể vượt mốc 30.000 tỷ": a mark the figure may pass, no figure
            continue
        if may_milestone and _MILESTONE_BEFORE_RE.search(text, m_start - 12 if m_start > 12 else 0, m_start):
            passed_mark = _PASSED_MARK_BEFORE_RE.search(text, m_start - 16 if m_start > 16 else 0, m_start) is not None
            if not (passed_mark or _reached_mark(text, m_start)) or _EXACT_FIGURE_AFTER_RE.match(text, m_end):
                taken.append((m_start, m_end))  # "vượt mốc 20 tỷ USD, đạt 20,21 tỷ USD": a round mark passed, not the figure
                continue
        if "mỗi" in text and _PER_UNIT_AFTER_RE.match(text, m_end):
            taken.append((m_start, m_end))  # "68 triệu kWh mỗi ngày": a rate, not the period's total
            continue
        if (text.startswith(" vào ", m_end) or text.startswith(" đầu tư vào ", m_end)) and _INTO_BRANCH_AFTER_RE.match(text, m_end):
            taken.append((m_start, m_end))  # "gần 1,5 tỉ USD đầu tư vào lĩnh vực công nghiệp chế biến": one branch's
            continue
        n_events = len(scan.events)
        _level_event(scan, m, m_start, m_end, unit)
        if passed_mark and len(scan.events) == n_events + 1 and scan.events[-1].kind == "V":
            # "số doanh nghiệp thành lập mới vượt mốc 130 nghìn doanh nghiệp, tăng 4,7%": the mark
            # passed and no exact figure after it, the only level the text gives: over the mark.
            scan.events[-1].data["qualifier"] = scan.events[-1].data.get("qualifier") or "over"
        if done_of_plan is not None and len(scan.events) == n_events + 1 and scan.events[-1].kind == "V":
            _split_done_of_plan(scan, done_of_plan, m_start)


# "thu ngân sách đạt 3.456/5.000 tỷ đồng": what was done, over the plan, the unit written once
# after the plan. Not a date ("30/6"), nor a list of ratios ("17/17 chỉ tiêu" has no unit here).
# District reports may write the unit twice: "thu ngân sách trên địa bàn 492 tỷ đồng/592,3 tỷ
# đồng, đạt 83% kế hoạch" (group 2: the scale word written before the '/').
# "phát hiện 162 vụ/161 đối tượng", "khởi tố 9 vụ/16 bị can": a count of cases written with the
# people they concern after a slash, as enforcement reports write it. The cases are the count (the
# slash names no plan, nor a ratio); the people after it are no level of their own (the '/' before
# their number refuses them as for any number after a slash).
_PEOPLE_AFTER_SLASH_RE = re.compile(r"/\s*\d[\d.]*\s+(?:đối\s+tượng|bị\s+can|người|cá\s+nhân)(?!\w)", re.IGNORECASE)


def _cases_per_people(s: str, slash: int, unit_text: str) -> bool:
    return unit_text.lstrip().startswith("vụ") and bool(_PEOPLE_AFTER_SLASH_RE.match(s, slash))


_DONE_OF_PLAN_RE = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*(?:,\d+)?)"
                              r"(?:\s*(nghìn|ngàn|triệu|tỷ|tỉ)(?:\s+(?:đồng|USD))?)?\s*/\s*$")


_QUALIFIER_BEFORE_DONE_RE = re.compile(r"(?<!\w)" + _QUALIFIER + r"\s+$")


def _same_scale(done: re.Match[str], unit_text: str) -> bool:
    """The unit written before the '/' (if any) is the plan's: "492 tỷ đồng/592,3 tỷ đồng", not
    "850 triệu đồng/1,2 tỷ đồng" (which this reading would misscale)."""
    return done.group(2) is None or unit_text.split()[0].lower() == done.group(2).lower()


def _split_done_of_plan(scan: _Scan, done: re.Match[str], plan_start: int) -> None:
    """The level just read is the plan's amount (a target); the number before the '/' is the
    level done, in the same unit."""
    plan = scan.events[-1]
    number = to_number(done.group(1))
    if number is None or plan.data["value"] <= 0 or plan.data["family"] == "percent":
        return
    written = to_number(scan.s[plan_start:plan.end].split()[0].lstrip("/"))
    # Garbled text: the plan's first number reads 0 ("0/0 nghìn 450 tỷ đồng") or runs into
    # its unit ("31/2TRIỆU USD").
    if not written:
        return
    factor = plan.data["value"] / written
    if number * factor > plan.data["value"] * 1.5:
        return  # not a share of the plan: more than half again over it is another reading
    plan.data = {**plan.data, "plan_figure": True, "over_done": True}
    # "giải ngân trên 2.291/6.241 tỷ đồng": the word before the pair qualifies what was done, the
    # number it stands before; the plan after the '/' is written exact.
    qual = _QUALIFIER_BEFORE_DONE_RE.search(scan.low, max(0, done.start(1) - 10), done.start(1))
    scan.events.append(Event(done.start(1), done.end(1), "V", {
        **plan.data, "plan_figure": False, "value": scaled(number, factor),
        "qualifier": _qualifier(qual.group("qual")) if qual else plan.data.get("qualifier")}))
    scan.taken.append((done.start(1), done.end(1)))


def _level_event(scan: _Scan, m: re.Match[str], m_start: int, m_end: int, unit: tuple[str, float, str | None]) -> None:
    """The event of VALUE_RE's ``m`` (at ``m_start:m_end``) that states a figure (its ``unit``
    read): a level (V), or a change (C) written as a signed percent or as a place's in a list."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    num_text, unit_text, upper, qual = m.group("num", "unit", "upper", "qual")
    # "tăng 4,2% (498 doanh nghiệp)": the level, or, after a level ("là 905.867 tấn, giảm
    # 0,58% (5.240 tấn)"), the same change as an amount (the walk tells which).
    after_change = (s[m_end:m_end + 2].lstrip().startswith(")")
                    and bool(_AFTER_PERCENT_BRACKET_RE.search(s, max(0, m_start - 6), m_start)))
    try:
        number = parse_number(num_text)
    except ValueError:
        return
    family, factor, noun = unit
    if upper:
        number = _compound(number, upper, int(m.group("lower")), unit_text)
    qual = (qual or "").lower()
    start = m_start
    # "7 vụ vi phạm", "12,6 triệu lượt khách quốc tế": the unit opens a catalogue phrase.
    num_end = m.end("num")
    unit_start, unit_end = m.span("unit")
    for ev in scan.mentions:
        if (unit_start <= ev.start < unit_end + 2 and ev.start >= num_end
                and (ev.start <= unit_end or s[unit_end:ev.start].isspace())):
            ev.data["value_first"] = True
            ev.start = start
    if family == "percent" and start and s[start - 1] in "+-" and s[max(0, start - 2):start - 1] in ("(", " ", ""):
        # "so với CK giảm nhiều (-9,28%)", "dịch vụ (+3,63%)": a signed percent is a change.
        sign = -1 if s[start - 1] == "-" else 1
        events.append(Event(start - 1, m_end, "C", {"field": "yoy", "pct": sign * number, "fixed": False,
                                                    "relative": True, "about": None, "qualifier": None}))
        taken.append((start - 1, m_end))
        return
    if family != "percent" and start > 1 and s[start - 1] in "+-" and s[start - 2] in " (;":
        # "(+6,25%; +4.310 tỷ đồng) so với cuối năm 2019", "giảm 1,6% (-13 doanh nghiệp) so với
        # cùng kỳ": an amount signed is how much the figure rose or fell, never a level (a dash
        # glued to the number after a space or a bracket is its sign; "12-13" is a range).
        taken.append((start - 1, m_end))
        return
    if family == "percent" and scan.places and _after_place(s, scan.places, start, m_end):
        # "Bắc Giang (13,82%), Hòa Bình (12,76%)": each place's change, as the list's first is written.
        events.append(Event(start, m_end, "C", {"field": "yoy", "pct": number, "fixed": False,
                                                "relative": True, "about": None, "qualifier": None, "of_place": True}))
        taken.append((start, m_end))
        return
    may_floor, bases_by_end = scan.may_floor, scan.bases_by_end
    compared = (_COMPARED_LEVEL_BEFORE_RE.search(text, m_start - 40 if m_start > 40 else 0, m_start) if scan.may_compared_level
                and (text.find("mức", m_start - 40 if m_start > 40 else 0, m_start) >= 0
                     or text.find("con số", m_start - 40 if m_start > 40 else 0, m_start) >= 0) else None)
    goal_only = False
    if compared is None and family == "percent":
        compared = _goal_compared_before(text, m_start)
        goal_only = compared is not None
    events.append(Event(start, m_end, "V", {
        # "so với kế hoạch đề ra đầu năm 2022 là 8,42%": the plan's own figure.
        "plan_figure": ((s.find("là", start - 8 if start > 8 else 0, start) >= 0
                         or s.find("mức", start - 10 if start > 10 else 0, start) >= 0) and _states_a_plan(s, start)
                        or _names_the_goal_right_before(s, start)),
        "value": scaled(number, factor), "family": family, "noun": noun,
        # "đạt từ 20.000 tỷ đồng trở lên": at least, as 'over'.
        "qualifier": (_qualifier(qual, _negated(text, m_start)) if qual else None)
        or ("over" if may_floor and _OR_MORE_RE.match(text, m_end) else None),
        # Only fits reads the cue, and only for a percent: other values skip its regex.
        # "tốc độ tăng trưởng GRDP từ 11% trở lên": a floor states the level as a verb would.
        "percent_cue": family == "percent" and (_percent_cue(s[max(0, start - 48):start]) or (
            may_floor and s[max(0, start - 4):start].rstrip().endswith("từ") and bool(_OR_MORE_RE.match(text, m_end)))
            or _ranked_with(s, text, start, m_end, scan.places) or compared is not None  # ("vượt qua con số 6,14%")
            or _growth_then_its_period(scan, start)),
        "after_change": after_change,
        "compared_level": compared is not None,
        "compared_forecast": compared is not None and (compared.group("forecast") or compared.groupdict().get("passed")) is not None,
        "goal_only": goal_only,  # (compared as a goal's rate only: a growth rate's, _goal_compared_before)
        # "116.900 doanh nghiệp gia nhập và tái gia nhập thị trường": firms counted in another state.
        "other_firms": noun in ("doanh nghiệp", "dn") and bool(_OTHER_FIRMS_AFTER_RE.match(text, m_end)),
        # "số doanh nghiệp thành lập mới đạt 27,8 nghìn, tăng 11,1%": thousands whose noun is left
        # out, the figure closed right after its scale (not "94,7 nghìn lao động").
        "closed": family == "bare" and bool(_CLOSED_AFTER_RE.match(text, m_end)),
        "base_level": (_base_before_bracket(s, start, m_end, bases_by_end)
                       if bases_by_end and s.find("(", start - 3 if start > 3 else 0, start) >= 0 else None),
    }))
    taken.append((start, m_end))


def _bare_count_events(scan: _Scan) -> None:
    """Counts with no unit (V), for a count's subject only: "số doanh nghiệp đăng ký mới là 320,
    tăng 5%" states a whole number that only a count takes (fits)."""
    events, taken = scan.events, scan.taken
    for m in _BARE_COUNT_RE.finditer(scan.low):
        if not overlaps(m.start(1), m.end(1), taken):
            try:
                number = parse_number(m.group(1))
            except ValueError:
                continue
            events.append(Event(m.start(1), m.end(1), "V", {
                "plan_figure": False, "value": number, "family": "number", "noun": None, "qualifier": None,
                "percent_cue": False}))
            taken.append(m.span(1))


def _base_before_bracket(s: str, start: int, end: int, bases_by_end: dict[int, Event]) -> dict | None:
    """The base whose level an amount alone in brackets right after it states ("tăng 113% so với
    cùng kỳ năm trước (921 tỉ đồng)": last year's level), else None."""
    bracket = s.rfind("(", max(0, start - 3), start)
    if bracket < 0 or s[bracket + 1:start].strip() or not s[end:end + 2].lstrip().startswith(")"):
        return None
    base = bases_by_end.get(len(s[:bracket].rstrip()))
    return base.data if base is not None else None


_CLAUSE_END_AFTER_RE = re.compile(r"\s*(?:[.,;)]|$)")


# "trong đó, Bắc Giang tăng cao nhất với 36,4%", "Quảng Nam có mức tăng mạnh nhất với 29,2%": the
# place that rose most, and by how much (a rise: a fall "giảm sâu nhất với" is left as written).
_ROSE_MOST_WITH_RE = re.compile(r"\s+(?:có\s+)?(?:mức\s+|tốc\s+độ\s+)?tăng(?:\s+trưởng)?(?:\s+(?:cao|mạnh|nhanh))?\s+nhất"
                                r"(?:\s+cả\s+nước)?\s+với\s*", re.IGNORECASE)


def _rose_most_with(s: str, place_end: int, start: int) -> bool:
    return 0 < start - place_end < 60 and _ROSE_MOST_WITH_RE.fullmatch(s, place_end, start) is not None


def _after_place(s: str, places: list[Event], start: int, end: int) -> bool:
    """A bare percent in brackets right after a place's name: "Hòa Bình (12,76%)", or after
    "với" ("Địa phương có chỉ số IIP tăng cao nhất … là Bắc Giang với 36,4%")."""
    head = s[max(0, start - 5):start].rstrip()
    if head.endswith("với"):
        # (only a percent that ends its clause: "… với 28% tổng kim ngạch" is a share)
        return (any(s[p.end:start].strip() == "với" or _rose_most_with(s, p.end, start) for p in places)
                and bool(_CLAUSE_END_AFTER_RE.match(s, end)))
    if not head.endswith("("):
        # "các địa phương có tốc độ tăng trưởng cao gồm: Bắc Giang 13,5%, Hải Phòng 10,2%": the
        # percent right after the name, ending its clause, is that place's as a bracket would be.
        return (head != "" and head[-1] not in ",;:" and any(s[p.end:start].isspace() for p in places if p.end < start)
                and (bool(_CLAUSE_END_AFTER_RE.match(s, end)) or _next_place_joined(s, places, end)))
    bracket = s.rfind("(", 0, start)
    return any(0 <= bracket - p.end <= 1 for p in places)


# "… Đà Nẵng 11,36% và Lai Châu 11,32%": the list's last item joined by "và" (or "hoặc") instead of
# a comma; the percent before it still ends its place's item.
_JOINED_NEXT_RE = re.compile(r"\s+(?:và|hoặc)\s+")


def _next_place_joined(s: str, places: list[Event], end: int) -> bool:
    """Right after the percent at ``end``, "và" then the next place of the list (a place's name
    opening what follows, not "và chiếm 20% …")."""
    joined = _JOINED_NEXT_RE.match(s, end) if s.startswith((" và", " hoặc"), end) else None
    return joined is not None and any(p.start == joined.end() for p in places)


# One project named by its proper name ("dự án Nhà máy sợi Phú Lâm với vốn đầu tư 7,5 triệu USD"):
# its capital is no total of projects (counted ones are: "5 dự án … với …";
# "dự án FDI" is a kind, not a name).
_ONE_PROJECT_BEFORE_RE = re.compile(
    r"(?<!\d\s)(?<!\w)[Dd]ự\s+án\s+[" + CAPITALS + "][" + SMALLS + r"](?:(?!\d\s+dự\s+án)[^;:()]){0,140}?\svới\s+(?:tổng\s+)?(?:số\s+)?vốn(?:\s+đầu\s+tư)?"
    r"(?:\s+(?:đăng\s+ký))?(?:\s+(?:khoảng|gần|hơn|trên|đạt|là))?\s*$")


def _compound(number: float, upper: str, lower: int, unit_text: str) -> float:
    """'107 nghìn 700 tỷ' -> 107700 (in tỷ), '1 triệu 200 nghìn' -> 1200 (in nghìn): the number
    in the unit's scale, the upper scale taken relative to it when it is the smaller one."""
    first = unit_text.split()[0].lower() if unit_text.split() else ""
    lower_scale = _SCALES.get(first, 1.0)
    upper_scale = _SCALES[upper.lower()]
    ratio = upper_scale / lower_scale if upper_scale > lower_scale else upper_scale
    return number * ratio + lower


def _negated(text: str, start: int) -> bool:
    """"không" right before ``start``: "thu ngân sách không dưới 48.000 tỷ đồng" (no less than)."""
    return text.endswith("không ", 0, start)


def _qualifier(word: str, negated: bool = False) -> str | None:
    word = " ".join(word.split())
    if word in ("trên", "hơn", "vượt", "từ"):  # "từ 10% trở lên" (the only 'từ' a change's fill takes)
        return "over"
    if word == "dưới":
        return "over" if negated else "under"  # "không dưới 48.000 tỷ đồng": at least, as 'từ … trở lên'
    if word in ("khoảng", "xấp xỉ", "gần như", "chừng"):
        return "about"
    if word in ("gần", "ngót"):  # "ngót 3.000 tỷ đồng": just under, as 'gần'
        return "nearly"
    return None


# Words that judge a growth before its rate (_PERCENT_CUE_RE).
_GROWTH_JUDGED = (r"(?:khá|rất|cao|thấp|nhất|ấn\s+tượng|vượt\s+bậc|mạnh(?:\s+mẽ)?|đột\s+phá|"
                  r"từ\s+trước\s+(?:đến|tới)\s+nay)")
_PERCENT_CUE_RE = re.compile(
    # ("lần lượt là: 6,41%; 5,50%; …": a colon may open the figures the verb states.)
    # ("đạt mức cao nhất 16,2%", "ở mức thấp 2,1%": the level named by how high it is.)
    r"(?:đạt|là|ở\s+mức|mức|ước|khoảng|đến|tới|lên|được|còn)(?:\s+từ)?\s*:?\s*$"
    r"|(?<!\w)mức\s+(?:khá\s+|rất\s+)?(?:cao|thấp)(?:\s+nhất)?\s*$"
    # "mục tiêu tăng trưởng (GRDP) 7,5%", "đạt tốc độ tăng trưởng kinh tế 11%": a percent right
    # after the growth it measures.
    # (A word of measure between: "mức tăng trưởng khá thấp 0,89%", "ghi nhận mức tăng trưởng ấn tượng 8,3%".)
    # How it grew, judged in words before the rate: "năm 2022 tăng trưởng đột phá 20,7%", "tăng
    # trưởng mạnh 9,1%", and the rate in brackets after a rank of all time: "tăng trưởng cao nhất
    # từ trước đến nay (13,9%)".
    # So in a list of goals or results, the growth as the item's heading and its rate after a colon:
    # "Tốc độ tăng trưởng kinh tế (GRDP): trên 10%; …".
    r"|(?:tăng\s+trưởng(?:\s+kinh\s+tế)?|grdp|gdp)\)?(?:(?:\s+" + _GROWTH_JUDGED + r"){1,4}\s*\(?|\s*:)?\s*$"
    # "tăng trưởng kinh tế đạt mức cao nhất trong 10 năm qua với tỷ lệ 12,01%", "GRDP tăng trưởng
    # với tốc độ 7,2%": the rate that "với" gives the growth named before it.
    r"|với\s+(?:tỷ\s+lệ|tỉ\s+lệ|tốc\s+độ)\s*$"
    # "kế hoạch vốn năm 2022 … hơn 3.336 tỷ đồng, tính đến 20 tháng 8, giải ngân hơn 47%": the share
    # disbursed, the verb right before it (plan_share_rate).
    r"|(?<!\w)giải\s+ngân\s*$"
    # "không hoàn thành mục tiêu giải ngân vốn đầu tư công trên 95%": the goal's share, right after it.
    r"|(?<!\w)mục\s+tiêu\s+giải\s+ngân(?:\s+vốn\s+đầu\s+tư\s+công)?\s*$", re.IGNORECASE)


_OR_MORE_RE = re.compile(r"\s*trở\s+lên(?!\w)")


# "Bắc Giang có tốc độ tăng trưởng GRDP cao nhất cả nước với 13,5%", "dẫn đầu với 14,1%": a
# percent given to a rank by "với", ending its clause, is the ranked one's level ("… cao nhất với
# 28% tổng kim ngạch" is a share, and goes on). So is one set after the rank by a comma alone
# ("là tỉnh tăng trưởng dẫn đầu cả nước trong giai đoạn này, 14,4%"), the rank's span named or not.
_RANKED_WITH_RE = re.compile(
    # (A comma may stand before "với": "có mức tăng trưởng cao nhất cả nước, với 23,9%".)
    r"(?<!\w)(?:nhất|đầu|thứ\s+\w+)(?:\s+(?:trên\s+|trong\s+)?(?:cả\s+nước|toàn\s+quốc|vùng|khu\s+vực))?"
    r"(?:\s+trong\s+(?:giai\s+đoạn|thời\s+gian|kỳ)\s+(?:này|đó|trên))?"
    # "đạt mức cao nhất trong 10 năm qua với tỷ lệ 12,01%": the highest of the years before, by its rate.
    r"(?:\s+trong\s+(?:vòng\s+)?(?:\d+|nhiều)\s+năm\s+(?:qua|gần\s+đây|trở\s+lại\s+đây)|\s+từ\s+trước\s+(?:đến|tới)\s+nay)?"
    # "… đứng thứ 2 cả nước (12,76%)": the rate the rank is by, in brackets right after it.
    r"(?:\s*,?\s+với\s+(?:mức\s+|tỷ\s+lệ\s+|tốc\s+độ\s+)?|\s*,\s+|\s*\()$")


def _ranked_with(s: str, low: str, start: int, end: int, places: list[Event]) -> bool:
    # "Nam Định đứng thứ hai với 9,6% và Ninh Bình đứng thứ ba với 8,8%": a ranked rate ends its
    # item as one in a list by place does, before the next place joined by "và" (_next_place_joined).
    return (low.endswith(("với ", "mức ", ", ", "lệ ", "độ ", "("), 0, start)) and bool(
        _RANKED_WITH_RE.search(low, max(0, start - 60), start)) and (
        bool(_CLAUSE_END_AFTER_RE.match(s, end)) or _next_place_joined(s, places, end))


# The growth named right before the period it is of: "mục tiêu tăng trưởng cả năm", "tăng trưởng GRDP
# năm 2024", "GDP 6 tháng" (_growth_then_its_period).
_GROWTH_RIGHT_BEFORE_RE = re.compile(r"(?<!\w)(?:tăng\s+trưởng(?:\s+kinh\s+tế)?|grdp|gdp)\)?\s*$")


def _growth_then_its_period(scan: _Scan, start: int) -> bool:
    """A percent after the growth and the period it is of, with no verb: "mục tiêu tăng trưởng cả
    năm hơn 9%", "tăng trưởng GRDP quý I 7,2%". The period only says when; the rate is the growth's
    level as it is right after the growth ("mục tiêu tăng trưởng 9%", _PERCENT_CUE_RE)."""
    low = scan.low
    if "trưởng" not in low and "gdp" not in low:
        return False
    for ev in scan.events:
        if ev.kind == "P" and ev.end <= start and not low[ev.end:start].strip(" :"):
            return _GROWTH_RIGHT_BEFORE_RE.search(low, max(0, ev.start - 30), ev.start) is not None
    return False


def _percent_cue(before: str) -> bool:
    """A bare 'X%' is a level only after a verb that states one ('đạt 7,5%')."""
    return bool(_PERCENT_CUE_RE.search(before))


# "tăng 6,4%; so với mức 3,7% cùng kỳ năm ngoái": the level compared with, no "hơn" written.
# "thấp hơn so với mức dự báo 5,8%", "cao hơn mức mục tiêu 7%": a forecast or goal compared with (the
# ``forecast`` group): a target of the record's own period.
# "tăng 55,4% so với con số 16.405 tỷ đồng của năm 2023", "vượt qua con số 6,14% của năm 2023":
# the earlier figure named "con số", passed ("vượt qua") as well as compared with.
_COMPARED_LEVEL_BEFORE_RE = re.compile(
    rf"(?:{COMPARED_WITH}|(?<!\w)vượt\s+qua\s+)"
    r"(?:mức|con\s+số)"
    r"(?P<forecast>\s+(?:dự\s+báo|dự\s+kiến|kỳ\s+vọng|mục\s+tiêu|kế\s+hoạch|kịch\s+bản)(?:\s+(?:đề|đặt)\s+ra)?)?\s*$")


# "thấp hơn mục tiêu đề ra 8%", "so với mục tiêu HĐND tỉnh giao 8%", "thấp hơn kế hoạch 8%": a goal
# compared with, its rate right after the words that name it (who set it), "mức" left out: a
# target of the record's own period, as "cao hơn mức mục tiêu 7%" is (a rate only).
# The goal may name the growth it is of ("so với kịch bản tăng trưởng đề ra 7%"), and a goal or
# scenario of growth passed ("vượt kịch bản tăng trưởng đề ra 4,7%", "vượt mục tiêu tăng trưởng
# 6,5%") names its rate the same way (not "vượt kế hoạch 5%", "vượt kịch bản đề ra 5%": by how
# much it was passed, maybe; no goal's rate).
_GOAL_COMPARED_BEFORE_RE = re.compile(
    rf"(?:{COMPARED_WITH}(?P<forecast>{GOAL_WORDS_PATTERN}"
    r"(?:\s+tăng\s+trưởng)?(?:\s+(?:đề|đặt)\s+ra|\s+nghị\s+quyết|\s+[^\W\d]+(?:\s+[^\W\d]+){0,4}?\s+giao)?)"
    r"|(?<!\w)vượt\s+(?P<passed>(?:mục\s+tiêu|kịch\s+bản)\s+tăng\s+trưởng(?:\s+(?:đề|đặt)\s+ra)?))\s*$")


def _goal_compared_before(text: str, start: int) -> re.Match | None:
    lo = start - 50 if start > 50 else 0
    if not any(text.find(word, lo, start) >= 0 for word in GOAL_WORDS):
        return None
    return _GOAL_COMPARED_BEFORE_RE.search(text, lo, start)


_AFTER_PERCENT_BRACKET_RE = re.compile(r"%\s*\(\s*$")


# "… cao hơn 2,5% về tỷ lệ và 56 nghìn tỷ đồng về số tuyệt đối so với cùng kỳ": the amount says by
# how much in absolute terms one figure passed another, an absolute change (Conventions), no level.
_IN_ABSOLUTE_TERMS_AFTER_RE = re.compile(r"\s*(?:về|tính\s+theo|theo)\s+(?:số|giá\s+trị|con\s+số)\s+tuyệt\s+đối(?!\w)")


def _in_absolute_terms(text: str, end: int) -> bool:
    """The amount ending at ``end`` is followed by "về số tuyệt đối" (in absolute terms)."""
    return _IN_ABSOLUTE_TERMS_AFTER_RE.match(text, end) is not None


# A second number after "đến"/"-" whose unit opens like the first's (group 1: that unit's first word).
_RANGE_TO_RE = re.compile(r"\s*(?:-|đến|tới)\s*\d[\d.,]*\s*(%|[^\W\d]+)")


_RANGE_OPENERS = ("-", " -", "đến", " đến", "tới", " tới")  # how _RANGE_TO_RE can open, for a quick test


# "vượt 141.000 tỉ đồng so với tổng thu", "vượt 4.000 tỷ so với chỉ tiêu được giao": an amount
# over a base is by how much the figure passed it, an absolute change (Conventions), no level.
_GAP_BASE_AFTER_RE = re.compile(r"\s*so(?:\s+với)?(?!\w)")


_CHANGE_BY_ENDS = ("ngoái ", "trước ", "kỳ ")  # how _CHANGE_BY_BEFORE_RE can end, for a quick test


# "vượt thu 134 tỷ đồng so với dự toán", "số vượt thu hơn 300 tỷ đồng", "tăng thu 85 tỷ đồng so với
# cùng kỳ": by how much revenue passed its estimate or last year, an absolute change (Conventions),
# no level of the revenue itself.
_EXCESS_REVENUE_BEFORE_RE = re.compile(r"(?<!\w)(?:vượt|tăng)\s+thu(?:\s+(?:được|khoảng|gần|hơn|trên|xấp\s+xỉ))*\s*$")


# "vượt mốc 20 tỷ USD" passes a mark; "tín dụng đạt mốc 6,7 triệu tỷ đồng" reaches it: the level.
_MILESTONE_BEFORE_RE = re.compile(r"(?<!đạt\s)(?:mốc|ngưỡng)\s*$")


# "vượt mốc", "vượt qua ngưỡng": a mark passed (beside "cán mốc", a mark reached, or "mốc" alone);
# not "chưa vượt mốc", "không vượt ngưỡng" (a mark not passed, or a ceiling).
_PASSED_MARK_BEFORE_RE = re.compile(r"(?<!\w)(?<!không\s)(?<!chưa\s)vượt(?:\s+qua)?\s+(?:mốc|ngưỡng)\s*$")


# "cán mốc", "chạm mốc", "chạm ngưỡng": a mark reached, as "đạt mốc" (the reporters' verbs for a
# flow that got to a round figure: "xuất khẩu … đã cán mốc trên 1 tỉ USD"); the level itself, its
# own qualifier (no "over": reaching is not passing), unless the exact figure follows as for a mark passed.
_REACHED_MARK_BEFORE_RE = re.compile(r"(?<!\w)(?<!không\s)(?<!chưa\s)(?:cán|chạm)(?:\s+(?:tới|đến))?\s+(?:mốc|ngưỡng)\s*$")


def _reached_mark(text: str, level_start: int) -> bool:
    return _REACHED_MARK_BEFORE_RE.search(text, level_start - 20 if level_start > 20 else 0, level_start) is not None


# A mark the figure only may reach or pass: "thu ngân sách có thể vượt mốc 45.000 tỷ đồng",
# "có khả năng cán mốc", "nhiều khả năng sẽ chạm ngưỡng": a prospect, neither a figure
# nor a plan (no one set it), so no record.
_POSSIBLE_MARK_BEFORE_RE = re.compile(
    r"(?<!\w)(?:có\s+thể|(?:có|nhiều)\s+khả\s+năng)(?:\s+(?:sẽ|sớm))*\s+(?:vượt(?:\s+qua)?|cán|chạm|đạt)"
    r"(?:\s+(?:tới|đến))?\s+(?:mốc|ngưỡng)\s*$")


def _possible_mark(text: str, level_start: int) -> bool:
    return _POSSIBLE_MARK_BEFORE_RE.search(text, level_start - 40 if level_start > 40 else 0, level_start) is not None


# After the mark, the exact figure: "vượt mốc 20 tỷ USD, đạt 20,21 tỷ USD", "vượt mốc 1 tỷ USD (1,05 tỷ USD)".
_EXACT_FIGURE_AFTER_RE = re.compile(
    r"\s*[,(:]?\s*(?:(?:đạt|lên|là|với|cụ\s+thể|ước)\s+)*(?:(?:khoảng|hơn|gần|trên|xấp\s+xỉ)\s+)?\d")


_OF_THE_WHOLE_BEFORE_RE = re.compile(r"(?:^|[,;:(]\s*)trong\s+(?:tổng\s+(?:số\s+)?)?$")


# Firms counted in a state other than newly set up: returning, re-entering, pausing, stopping
# ("ngừng kinh doanh", "ngừng hoạt động", as _EXIT_RE in hbetl/extract_subjects.py reads them), closing, all
# those registered or operating; and firms registering something else than themselves ("12 doanh
# nghiệp đăng ký văn phòng đại diện", "30 doanh nghiệp đăng ký tăng vốn", "… thay đổi nội dung
# đăng ký").
# "toàn tỉnh có khoảng 6.177 doanh nghiệp hoạt động": those operating, "hoạt động" right after the noun.
_OTHER_FIRMS_AFTER_RE = re.compile(
    r"(?:\s+hoạt\s+động(?!\s+trở\s+lại)(?!\w)|(?:\s+[^\s\d,;:()]+){0,2}?\s+(?:(?:tái\s+)?gia\s+nhập|quay\s+(?:trở\s+)?lại|(?:hoạt\s+động\s+)?trở\s+lại|tạm\s+ngừng|"
    r"tạm\s+dừng|ngừng|dừng\s+(?:hoạt\s+động|kinh\s+doanh)|giải\s+thể|chấm\s+dứt|đang\s+hoạt\s+động|còn\s+hoạt\s+động|"
    r"đăng\s+ký\s+kinh\s+doanh(?!\s+mới)|chi\s+nhánh|văn\s+phòng\s+đại\s+diện|tăng\s+vốn|thay\s+đổi)(?!\w))")


# A change verb and its base before an amount: "tăng hơn năm ngoái", "giảm so với cùng kỳ".
_CHANGE_BY_BEFORE_RE = re.compile(
    r"(?<!\w)(?:tăng|giảm)(?:\s+thêm)?\s+(?:hơn|so(?:\s+với)?)\s+"
    r"(?:năm\s+(?:ngoái|trước)|cùng\s+kỳ(?:\s+năm\s+(?:ngoái|trước|\d{4}))?|tháng\s+trước)\s*$")


# An amount put into one branch or field (Conventions: a split by branch is no record).
_INTO_BRANCH_AFTER_RE = re.compile(r"\s+(?:đầu\s+tư\s+)?vào\s+(?:ngành|lĩnh\s+vực)(?!\w)")


_PER_UNIT_AFTER_RE = re.compile(r"\s+mỗi\s+(?:ngày|tuần|tháng|người|doanh\s+nghiệp|dự\s+án)(?!\w)")
