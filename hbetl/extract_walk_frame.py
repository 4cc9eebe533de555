"""The walk's steps for what frames a figure: its period, kind, scope, base, breakdown and place.

A part of _SentenceWalk (hbetl/extract_walk.py), which holds the walk's state (see its
__init__) and inherits these methods; _HANDLERS there sends each event kind to its method.
Here: a period (P) opens or dates the record ("quý II", "6 tháng đầu năm", a year in a list),
a kind cue (K) sets the kind of what follows ("ước", "kế hoạch", "phấn đấu"), a scope (S) or a
breakdown (T: "trong đó") marks a part, a base (B) fixes what a change is measured against,
and a place (L) scopes the record, or a list by place with one subject ("Bắc Giang (13,82%),
Hòa Bình (12,76%)").  This module imports nothing from extract_walk at run time.
"""
from __future__ import annotations

import re
from operator import attrgetter
from typing import TYPE_CHECKING

from hbetl.extract_events import Event, base_periods
from hbetl.periods import PeriodSpec, closing_month, months_so_far, so_far_by_the_publication

if TYPE_CHECKING:
    from hbetl.extract import _Paragraph
    from hbetl.extract_walk import Draft, _SentenceWalk


# kind_owner when an estimate cue was written after a figure no indicator names ("giá trị sản xuất
# ngành nông - lâm - thủy sản ước đạt gần 209 tỷ đồng, …; sản lượng lương thực có hạt đạt 7.796 tấn"):
# no subject's code equals it, so after ";" any indicator is stated as measured (None: no owner at all).
_NO_INDICATOR = ""

# Whether a sentence has a figure, asked of its events' kinds in C (_FIGURE_KINDS.isdisjoint(map(_KIND,
# events))) rather than by any() over a generator: period() asks it for most periods that do not
# open a figure of their own (~8,000 generator steps a round of the labelled fixtures).
_KIND = attrgetter("kind")
_FIGURE_KINDS = frozenset(("V", "C"))


# "so với năm trước", "so với năm ngoái" (not "so với cùng kỳ năm trước"): a whole year compared with
# the year before, as reviews of a year write it ("GRDP dự ước tăng 9,16% so với năm trước (sơ bộ 6
# tháng đầu năm tăng 7,51%, …)").
_LAST_YEAR_BASE_RE = re.compile(r"\s*năm\s+(?:trước|ngoái)[\s.;:)]*", re.IGNORECASE)


def _year_compared_with_the_last(walk: _SentenceWalk, ev: Event) -> None:
    """A figure compared with the year before, in a paragraph's first sentence that names no period
    before it, is the year's: the period "cả năm" would give (a bracket that follows with the halves
    or quarters names theirs, not the figure's). Later in a paragraph that has named none, the
    figures are of a window with no canonical period ("kỳ nghỉ lễ 30-4 và 1-5 … (tăng khoảng 33% so
    với năm ngoái)"), compared with the same window a year before."""
    cur = walk.cur
    if (cur is not None and cur.period is None and cur.has_figure() and not walk.period_seen
            and walk.para.period is None and walk.para.last_sentence is None
            and _LAST_YEAR_BASE_RE.fullmatch(ev.data["what"])):
        cur.period = PeriodSpec("Y", 0, None)


# The words of a running total ("lũy kế 9 tháng", "cộng dồn 5 tháng"), for the three regexes below
# that look for them before a period (with "tính chung", "in all", in two of them).
_RUNNING_TOTAL_WORDS = r"(?:lũy|luỹ)\s+kế|cộng\s+dồn"
# "lũy kế 4 tháng", "cộng dồn 5 tháng": a running total written right after its month's figure
# (not "tính chung", which opens the report's new frame).
# The aside follows a comma; one that opens its sentence ("Lũy kế 9 tháng đầu năm đạt …", "Về nhập
# khẩu, lũy kế 9 tháng …") is the report's new frame.
_CUMULATIVE_BEFORE_RE = re.compile(r",\s*(?:" + _RUNNING_TOTAL_WORDS + r")\s+$", re.IGNORECASE)
# The month's figure before it: a number with its unit ("537 tỷ đồng", "4,7 triệu USD", "65 doanh nghiệp").
_FIGURE_WITH_UNIT_RE = re.compile(r"\d\s*(?:tỷ|tỉ|triệu|nghìn|ngàn|lượt|tấn|USD|đồng|doanh\s+nghiệp|dự\s+án|%)", re.IGNORECASE)


def _year_of_the_frame(para: _Paragraph, spec: PeriodSpec, start: int) -> bool:
    """"6 tháng đầu năm 2024, kinh tế … . Về chương trình nông thôn mới, toàn huyện có 314 tiêu chí
    đạt chuẩn, … để đạt chuẩn nông thôn mới trong năm 2024. Giá trị sản xuất công nghiệp … ước đạt
    275 tỷ đồng": the year of the paragraph's half, quarter or months, written inside a sentence that
    gives no record (a deadline, a plan's year), leaves the paragraph in its part of the year; the
    figures after it are still of that part. (A sentence that opens with the year turns to it.)"""
    frame = para.period
    return (spec.kind == "Y" and spec.year is not None and frame is not None and frame.kind != "Y"
            and frame.year in (None, spec.year) and start > 0)


def _running_total_of_the_month(para: _Paragraph, s: str, start: int, spec: PeriodSpec) -> bool:
    """A running total that closes with the month the paragraph is on, written after that month's
    figure ("giải ngân tháng 4/2024 được 537 tỷ đồng, lũy kế 4 tháng được 1.789 tỷ đồng; có 65 doanh
    nghiệp thành lập mới", "Doanh thu tháng 5 ước đạt 282 tỷ đồng, lũy kế 5 tháng 1.256 tỷ đồng.
    Kim ngạch xuất khẩu ước đạt 4,7 triệu USD"): an aside on the months so far, while the report
    goes on with the month."""
    month = para.period
    if month is None or month.kind != "M" or month.to_date:
        return False
    if not _CUMULATIVE_BEFORE_RE.search(s, max(0, start - 14), start) or not _FIGURE_WITH_UNIT_RE.search(s, 0, start):
        return False
    closing = closing_month(spec)
    return closing is not None and closing.n == month.n and (spec.year is None or spec.year == month.year)


def _figure_before_subject(clause: list[Event], cue: Event) -> bool:
    """A figure follows the cue in its clause before any catalogue subject does."""
    for e in clause:
        if e.start <= cue.start:
            continue
        if e.kind == "M":
            return False
        if e.kind in ("V", "C"):
            return True
    return False


def _season_within_the_frame(para: _Paragraph, ev: Event) -> bool:
    """A crop season ("vụ Đông xuân", "vụ Hè Thu 2023") named in a paragraph that has a period
    already: a season is read as its crop year, which the paragraph's own period is not replaced by."""
    return bool(ev.data.get("season")) and para.period is not None


# A place ranked in a round-up: "Bắc Ninh dẫn đầu (cả nước) …", "Hà Nội xếp thứ ba …", "TP.HCM
# đứng thứ hai …"; "đứng thứ hai là Hải Phòng", "tiếp theo là Hà Nội", "theo sau là Hải Phòng".
# "Hải Phòng là địa phương có tốc độ tăng trưởng GRDP cao nhất năm 2021, đạt 12,38%": ranked too.
_RANK_AFTER_RE = re.compile(r"\s+(?:tiếp tục\s+|vẫn\s+)?(?:dẫn đầu|đứng đầu|xếp thứ|đứng thứ|"
                            r"là\s+(?:địa\s+phương|tỉnh|thành\s+phố)(?:\s+[^\W\d]+){0,7}?\s+(?:cao|thấp|lớn)\s+nhất|"
                            r"là\s+(?:địa\s+phương|tỉnh|thành\s+phố)(?:\s+[^\W\d]+){0,3}?\s+dẫn\s+đầu|"
                            # "Hòa Bình là địa phương có tốc độ tăng trưởng quý I so với cùng kỳ năm trước đứng thứ 2",
                            # "Khánh Hòa là địa phương có tăng trưởng GRDP 6 tháng đầu năm cao thứ hai cả nước"
                            r"là\s+(?:địa\s+phương|tỉnh|thành\s+phố)\s+có(?:\s+[^\W\d]+|\s+\d+\s+tháng){1,12}?"
                            r"\s+(?:(?:đứng|xếp|cao|thấp|lớn)\s+thứ|dẫn\s+đầu|đứng\s+đầu))(?!\w)")
# A place right after the visitors a figure counts and the word for where they went.
# "6,8 triệu lượt khách đến tham quan, du lịch tại Đà Nẵng, tăng 21,5%": what they came for, then
# where ("tại", "ở"), names the destination as well. Reporters also write the visit itself
# ("3 triệu lượt du khách đã ghé thăm Hội An", "lượt khách đổ về Đà Lạt", "về với Sa Pa").
_VISIT_FOR = r"(?:tham\s+quan|du\s+lịch|nghỉ\s+dưỡng|vui\s+chơi|giải\s+trí|lưu\s+trú|mua\s+sắm)"
_DESTINATION_RE = re.compile(r"\d[^,;:()]*\s(?:lượt\s+)?(?:du\s+)?khách(?:\s+du\s+lịch)?(?:\s+\w+){0,2}\s+(?:đến|tới|ghé(?:\s+thăm)?|"
                             r"(?:đổ\s+)?về(?:\s+với)?)"
                             r"(?:(?:\s+(?:với|thăm|tham\s+quan))?|\s+" + _VISIT_FOR + r"(?:\s*(?:,|và)\s*" + _VISIT_FOR
                             + r")*\s+(?:tại|ở))(?:\s+(?:tỉnh|thành\s+phố|TP\.?))?\s+$")
# A bracket or a colon with a number right after a place: the place's own figure ("Khánh Hòa (1.120)", "Huế: 85%").
_ITEM_FIGURE_AFTER_RE = re.compile(r"\s*[(:]\s*[-+]?\d")
_RANK_BEFORE_RE = re.compile(r"(?:thứ\s+\w+|đầu|tiếp theo|tiếp đến|theo sau)\s+là\s+$")
# A clause break, then at most a word of passing on ("đến", "sang", "còn"), before a year.
_NEXT_YEAR_OPENS_RE = re.compile(r"[,;]\s*(?:(?:đến|sang|còn|tới)\s+)?$", re.IGNORECASE)
_YEAR_OF_LEVEL_GAP_RE = re.compile(r"\s*(?:(?:vào|trong)\s+)?", re.IGNORECASE)
_RUNNING_TOTAL_BEFORE_RE = re.compile(r"(?<!\w)(?:" + _RUNNING_TOTAL_WORDS + r"|tính\s+chung)\s+$", re.IGNORECASE)
# "… tăng 9,2% và 9 tháng tăng 3,8%", "tháng 9 đạt khoảng 2.705 tỉ đồng và lũy kế 9 tháng năm 2023 đạt …":
# "và", with the running total's word between when it is one, before the next period. The price
# index's months so far are an average, so its report writes "bình quân" there ("CPI tháng 9 tăng
# 2,8% so với cùng kỳ và bình quân 9 tháng đầu năm tăng 2,2%"): the average's word is such a word.
_AND_BEFORE_RE = re.compile(r"(?<!\w)và\s+(?:(?:" + _RUNNING_TOTAL_WORDS
                            + r"|tính\s+chung|bình\s+quân(?:\s+chung)?)\s+)?$", re.IGNORECASE)
_TRAILING_PERIOD_RE = re.compile(r"(?<!\w)(?:trong|trong\s+vòng|vào)\s*$", re.IGNORECASE)


# A closing clause that sums up the figures before it, its period last: "…; kim ngạch xuất khẩu tăng 12,3%
# là những kết quả nổi bật của tỉnh 9 tháng năm 2024", "… hơn 900 tỷ đồng là hai trong các chỉ tiêu chủ
# yếu của thành phố trong 6 tháng cuối năm": "là" after the last figure, no bracket or clause mark
# between it and the period (a number there, "hai trong 7 chỉ tiêu", is a count, no figure). Lead sentences of provincial reviews name their period so.
_SUMS_UP_RE = re.compile(r"[^;:()]*?(?<!\w)là\s[^;:()]*")


def _trails_figure(s: str, start: int, spec: PeriodSpec, clause: list[Event] | None = None) -> bool:
    """A period written after its figure: 'tăng 8,5% trong 6 tháng đầu năm', '… tính đến hết tháng 9',
    or, given its ``clause``, at the end of a clause summing up the figures (_SUMS_UP_RE, from where
    the clause's last figure before the period ends). A bare 'năm 2024' after a figure ('bằng 45% kế
    hoạch năm 2024') is the plan's year, not this."""
    if spec.to_date or _TRAILING_PERIOD_RE.search(s[max(0, start - 12):start]):
        return True
    if clause is None or spec.kind == "Y" or s.find("là ", 0, start) < 0:
        return False  # (the last figure is looked for only where a "là" before the period may sum up)
    figure_end = _last_figure_end(clause, start)
    return 0 <= figure_end < start and "là " in s[figure_end:start] and _SUMS_UP_RE.fullmatch(s, figure_end, start) is not None


def _last_figure_end(clause: list[Event], before: int) -> int:
    """Where the last figure (V or C) of ``clause`` that starts before ``before`` ends; -1 if none."""
    end = -1
    for e in clause:
        if e.start >= before:
            break
        if e.kind == "V" or e.kind == "C":
            end = e.end
    return end


def _subject_after_cue(clause: list[Event], ev: Event) -> str | None:
    """The code of the subject named after the cue ``ev``, when the cue opens a clause after ";"
    before the clause names its subject; else None."""
    if not clause or clause[0].kind != "X" or clause[0].data["char"] != ";":
        return None
    for e in clause:
        if e.kind == "M":
            return e.data["code"] if e.start > ev.start else None
    return None


def _lists_places(events: list[Event]) -> bool:
    """The sentence names no catalogue phrase (but the whole its places' shares are of: "…,
    chiếm 18,96% tổng kim ngạch XK cả nước") and lists two places or more, each followed by its
    figure."""
    listed = 0
    for i, e in enumerate(events):
        if e.kind == "M" and not e.data["share_of"]:
            return False
        if e.kind == "L":
            nxt = next((x for x in events[i + 1:] if x.kind != "X"), None)
            listed += nxt is not None and nxt.kind in ("V", "C")
    return listed >= 2


class _FrameSteps:
    """The walk's steps for what frames a figure: its period, kind, scope, base, breakdown and place.
    A mixin of _SentenceWalk: its state is _SentenceWalk's."""

    __slots__ = ()  # the state is in _SentenceWalk's slots: no __dict__ on the walk

    def year_of_the_plan_spent(self, subject: dict) -> PeriodSpec | None:
        """"Kế hoạch vốn đầu tư công năm 2023 là 4.678,45 tỷ đồng, thực hiện và giải ngân 4.319,847 tỷ
        đồng, đạt 92,34%": what was spent of a year's plan the sentence named, with no period of its
        own nor the paragraph's, is that year's, once the year is over when the report is published
        (during the year, the amount so far has a date the text leaves unsaid)."""
        plan = self.years_plan
        published = self.para.published
        if (plan is None or subject.get("plan") or subject["code"] != "public_investment_disbursed"
                or plan.year is None or published is None or published.year <= plan.year):
            return None
        return plan

    def so_far_through_the_month(self, ev: Event, spec: PeriodSpec) -> PeriodSpec:
        """"Trong tháng 8, thành phố thực hiện chi ngân sách hơn 89,8 tỷ đồng, nâng tổng chi từ đầu năm
        đến nay lên 650,7 tỷ đồng": after a month's own figure, the year so far runs through that
        month, whatever day the article came out."""
        month, figure = None, False
        for e in self.events:
            if e.start >= ev.start:
                break
            if e.kind == "P" and (d := e.data.get("spec")) is not None:
                month, figure = (d, False) if d.kind == "M" and not d.to_date and d.relative is None else (None, False)
            elif month is not None and e.kind in ("V", "C"):
                figure = True
        if month is None or not figure:
            return self.so_far_in_the_paragraphs_running_total(spec)
        return months_so_far(month.n, month.year if month.year is not None else spec.year) or spec

    def so_far_in_the_paragraphs_running_total(self, spec: PeriodSpec) -> PeriodSpec:
        """"Trong 6 tháng đầu năm 2019 tổng lượt khách … . Riêng khách quốc tế lưu trú ước khoảng 44,7
        ngàn lượt, …, lũy kế từ đầu năm khoảng 268,9 ngàn lượt": in a paragraph about a running total
        of the year, the year so far is that total's period, not the one the publication date gives."""
        frame = self.para.period
        if frame is None or frame.relative is not None or frame.year is None or spec.year not in (None, frame.year):
            return spec
        month = closing_month(frame)
        if month is None or frame.kind == "M":
            return spec
        return months_so_far(month.n, frame.year) or spec

    def so_far_to_the_paragraphs_date(self, spec: PeriodSpec) -> PeriodSpec | None:
        """"Đến cuối tháng 3/2023, vốn huy động … . Vốn cho vay mới lũy kế từ đầu năm là 12 nghìn
        tỷ đồng; dư nợ đạt 40 nghìn tỷ đồng": after the paragraph named the date its figures are counted at
        ("đến cuối tháng 3/2023", "đến ngày 31/3/2023"), the year so far runs to that date, whatever day
        the article came out (a bank's report appears weeks after the month)."""
        date = self.para.period
        if (date is None or not date.to_date or date.kind != "M" or date.year is None or date.relative is not None
                or spec.year not in (None, date.year)):
            return None
        return months_so_far(date.n, date.year)

    def date_figures_before_running_total(self, ev: Event, spec: PeriodSpec) -> None:
        """"cấp mới 3 dự án trong nước, 460 tỉ đồng vốn; lũy kế từ đầu năm có 9 dự án …": a
        running total opening the next clause sets the figures before it that
        named no period apart from it, as the month it closes with (the report's month)."""
        if not _RUNNING_TOTAL_BEFORE_RE.search(self.s, max(0, ev.start - 16), ev.start):
            return
        month = closing_month(self.so_far_as_published(spec))
        if month is None:
            return
        for d in self.drafts:
            if d.period is None:
                d.period = month
        self.cur.period = month

    def so_far_as_published(self, spec: PeriodSpec) -> PeriodSpec:
        """"cấp mới 3 dự án trong nước, 460 tỉ đồng vốn; lũy kế từ đầu năm có 9 dự án …": a
        running total of the year whose end only the publication date tells, as
        the months it covers (any other period as it is), so that the figures before it that name no
        period are of the month it closes with, as after "lũy kế 2 tháng"."""
        if spec.relative != "sofar":
            return spec
        return so_far_by_the_publication(spec, self.para.published) or spec

    def period(self, ev: Event) -> None:
        if ev.data.get("consumed"):
            return  # the period of a rate compared with (compared_rate)
        cur, subject, clause = self.cur, self.subject, self.clause
        if ev.data.get("spec") is None:  # "(cùng kỳ năm 2023 giảm 0,2%)"
            if subject is not None:
                base_period = cur.period if cur is not None else self.para.period
                self.flush()
                self.cur = self.open_draft(ev.start, base_period, ev.data["shift"])
            elif not self.has_figure:
                # "Năm 2023, tổng thu … . Cùng kỳ năm 2022, tổng thu ngân sách đạt 4.200 tỷ đồng": before
                # any subject, for the subject named next (mention).
                self.same_period_open = (self.para.period, ev.data["shift"])
            return
        spec = ev.data["spec"]
        if ev.data.get("after_compared") and (self.period_seen or self.para.period is not None):
            # "… 6 tháng đầu năm 2021 ước đạt 6,2%, cao hơn năm 2020": the year after the one compared
            # with (extract_periods_bases._year_after_the_compared) stands only for a period nothing
            # named; once the sentence or the paragraph has one, that is the figures'.
            return
        if spec.relative == "sofar" and (through := self.so_far_to_the_paragraphs_date(spec)) is not None:
            spec = ev.data["spec"] = through
        elif spec.relative == "sofar" and self.has_figure:
            spec = ev.data["spec"] = self.so_far_through_the_month(ev, spec)
            ev.data["so_far_resolved"] = spec.relative is None  # (read by the running-total step below)
        if ev.data.get("ahead") and _FIGURE_KINDS.isdisjoint(map(_KIND, self.events)):
            # "… 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm 2024. Theo đó, GRDP ước
            # tăng 6,5%": the tasks' period, in a sentence that reports nothing, is not the report's.
            return
        if ev.data["plan"]:
            # The plan's period: of no actual figure, but a target's own
            # ("phấn đấu giải ngân 100% kế hoạch vốn năm 2023").
            if self.kind == "target" and cur is not None and cur.value is None:
                cur.period = spec
            self.plan_period = spec
            return
        if (self.kind == "estimate" and spec.kind == "Y" and spec.year and cur is not None and cur.has_figure()
                and cur.period is not None and cur.period.kind == "Y" and cur.period.year not in (None, spec.year)
                and _NEXT_YEAR_OPENS_RE.search(self.s, max(0, ev.start - 12), ev.start)):
            # "năm 2021 GRDP ước giảm 5,58%, đến năm 2022 tăng trưởng 20,7%": an estimate cue governs
            # its own year's figure; a clause that opens on another year states that year's as measured.
            self.kind = "actual"
        if (spec.kind == "Y" and spec.year and cur is not None and cur.value is not None and cur.period_year_shift is None
                and _YEAR_OF_LEVEL_GAP_RE.fullmatch(self.s, cur.end - self.s_start, ev.start)
                and (self.period_seen or not _trails_figure(self.s, ev.start, spec))):
            # "tăng từ 206.700 tấn năm 2016 lên 215.000 tấn năm 2018", "từ 8,8 triệu đồng năm 2007":
            # a year written right after a level is that level's (one after "trong"/"vào" in a
            # sentence that named no period before is the whole list's: below).
            cur.period = spec
            self.period_seen = True
            return
        if subject is not None and subject.get("plan") and cur is not None and not cur.has_figure() and self.last_m_open:
            # "vốn kế hoạch đầu tư công năm 2021 khoảng 4.500 tỷ đồng": the plan's own year, not the paragraph's.
            cur.period = spec
            if spec.kind == "Y":
                self.years_plan = spec
            return
        if ev.data.get("season") and subject is not None and cur is not None and cur.value is None:
            cur.scope = cur.scope or ev.data["season"]
        if not self.has_figure and cur is not None and cur.period is None and cur.has_figure():
            self.date_figures_before_running_total(ev, spec)
        local = (not self.has_mention and self.has_figure and subject is not None
                 and any(e.kind in ("V", "C") and e.start > ev.start for e in clause))
        if local:
            first_figure = not self.drafts and (cur is None or not cur.has_figure())
            if (cur is not None and cur.period is None and cur.has_figure()
                    and _RUNNING_TOTAL_BEFORE_RE.search(self.s, max(0, ev.start - 16), ev.start)
                    and (month := closing_month(spec)) is not None):
                # "… tăng 19% so cùng kỳ (lũy kế 2 tháng tăng 14%)": a running total follows the
                # figure of its last month, as do the sentence's figures before it that name no
                # period; the paragraph goes on with that month.
                for d in self.drafts:
                    if d.period is None:
                        d.period = month
                cur.period = self.para.period = month
            # (so_far_resolved, set above: this "từ đầu năm" was read as the months through the
            # report's, so it can equal the open record's period; one left unresolved names no span.)
            elif (cur is not None and cur.has_figure() and cur.period == spec and ev.data.get("so_far_resolved")
                  and _RUNNING_TOTAL_BEFORE_RE.search(self.s, max(0, ev.start - 16), ev.start)
                  and (month := closing_month(spec)) is not None):
                # "Trong 6 tháng đầu năm 2019 … . Riêng khách quốc tế lưu trú ước khoảng 44,7 ngàn lượt,
                # tăng 19,4% …, lũy kế từ đầu năm khoảng 268,9 ngàn lượt": the running total is the
                # paragraph's half-year, so the figure before it is its last month's, not the half-year's too.
                cur.period = month
            self.flush()
            self.cur = self.open_draft(ev.start, spec)
            if ev.data.get("listed"):
                self.cur.kind = "actual"  # "(2001 tăng 7,1%; 2002 tăng 6,5%)": earlier years, known
            self.local_period = spec
            if self.para.period is None and first_figure:
                # "Tổng lượt khách tham quan, vui chơi, tắm biển … trong tháng 8 ước hơn 1,6 triệu lượt.
                # Tổng thu từ khách du lịch hơn 1.746 tỷ đồng": the period of a paragraph's first figure
                # is the paragraph's, wherever in the clause it stands (one that opens a later figure,
                # "…, trong đó quý III đạt …", is that figure's alone).
                self.para.period = spec
        else:
            if self.subjects_year_after_running_total(ev, spec):
                self.period_seen = True
                return
            if subject is None and _running_total_of_the_month(self.para, self.s, ev.start, spec):
                self.period_seen = True
                return
            if _FIGURE_KINDS.isdisjoint(map(_KIND, self.events)) and _year_of_the_frame(self.para, spec, ev.start):
                # "9 tháng qua, huyện bám sát các giải pháp phát triển kinh tế - xã hội năm 2021. … Thu ngân
                # sách ước đạt …": the year of the tasks, in a sentence with no figure, is the year the
                # paragraph's months belong to; it does not widen them to the whole year (as
                # _follow_figureless reads a sentence that names no catalogue phrase).
                self.period_seen = True
                return
            if _season_within_the_frame(self.para, ev):
                # "6 tháng đầu năm 2024, … . Tổng sản lượng lương thực vụ Đông xuân đạt 16.819,8 tấn, …
                # Giá trị sản xuất công nghiệp … ước đạt 275 tỷ đồng": the crop season is its own
                # figure's, not the period the report goes on in.
                if cur is not None and cur.value is None and not cur.has_figure():
                    cur.period = spec
                self.period_seen = True
                return
            if subject is not None and subject["code"] == "cpi":
                # "CPI bình quân quý II/2020 …" in a half-year's report (not "Tháng 8, CPI …. Tháng 9, CPI …":
                # a month after a month is the report's next month)
                if self.para.frame is None and self.para.period is not None and self.para.period.kind != spec.kind:
                    self.para.frame = self.para.period
            else:
                self.para.frame = None
            self.para.period = spec
            self.para.period_with_figure = self.para.period_with_figure or (self.has_mention and self.has_figure)
            if self.whole_after_parts(subject):
                # "…, trong đó khách quốc tế đạt 3.200 lượt, đưa tổng doanh thu du lịch quý I/2021 ước
                # đạt 150 tỷ đồng; tổng lượt khách đạt 98.000": a whole named
                # with a period of its own after the parts ends them; the figures after it are of that period.
                self.part_period = spec
            if cur is not None and cur.value is None and not cur.has_figure():
                cur.period = spec
            elif (cur is not None and subject is not None and cur.has_figure() and _AND_BEFORE_RE.search(self.s, max(0, ev.start - 28), ev.start)
                  and any(e.kind in ("V", "C") and e.start > ev.start for e in clause)):
                # "IIP quý III tăng 9,2% và 9 tháng tăng 3,8%": a period joined by "và" after a figure
                # opens the next record of the same subject, with the figure that follows it.
                self.flush()
                self.cur = self.open_draft(ev.start, spec)
            elif (cur is not None and subject is not None and not self.has_figure and clause and clause[0].kind == "X"
                  and clause[0].data["char"] in (";", ":")):
                # "Sơ bộ quý I giảm mạnh (-11,38%); sang quý II tiếp tục giảm nhiều hơn (-13,01%)": a
                # period opening the next item of a list, with its figure still to come, opens its record.
                self.flush()
                self.cur = self.open_draft(ev.start, spec)
            elif (cur is not None and cur.period_year_shift is None
                  and any(e.kind in ("V", "C") and e.start < ev.start for e in clause)
                  and ((trails := not self.period_seen and _trails_figure(self.s, ev.start, spec, clause))
                       or (cur.kind == "target" and spec.kind == "Y"))):
                # "đạt 5.400 tỷ đồng trong quý III": the figure's own period; so is a year after a
                # goal's figure ("mục tiêu đón 6,5 triệu lượt khách của ngành năm nay").
                if trails:
                    # "phấn đấu đạt tổng thu ngân sách 100.000 tỷ đồng và tăng trưởng GRDP trên 13% trong
                    # năm 2026": a period after a list of figures, in a sentence that named none before, is
                    # the period of them all.
                    for d in self.drafts:
                        if d.period is cur.period and d.period_year_shift is None:
                            d.period = spec
                cur.period = spec
        self.period_seen = True

    def whole_after_parts(self, subject: dict | None) -> bool:
        """Whether the subject a period is written with, after a breakdown's parts, is a whole (no part's scope)."""
        return self.in_breakdown and subject is not None and subject.get("scope") is None

    def subjects_year_after_running_total(self, ev: Event, spec: PeriodSpec) -> bool:
        """"Tính đến hết ngày 30/9/2024, vốn đầu tư công năm 2024 giải ngân 8.887 tỷ đồng", "Đến ngày
        30/9, thu ngân sách năm 2024 đạt …": a year written inside the subject's words, before any
        figure, names the capital's (the budget's) year; the running total written before it, of
        that year, stays the figure's period (Conventions: a running total takes the year-to-date
        period)."""
        frame = self.para.period
        return (spec.kind == "Y" and spec.year is not None and self.period_seen and frame is not None
                and frame.to_date and frame.year in (None, spec.year) and ev.start > 0
                and self.s[ev.start - 1:ev.start] == " " and self.s[ev.start - 2:ev.start - 1].isalpha()
                and not any((e.kind == "V" or e.kind == "C") and e.start < ev.start for e in self.events))

    def kind_cue(self, ev: Event) -> None:
        if ev.data.get("consumed"):
            return  # "(cao hơn mức tăng 7,23% ước tính vào cuối tháng 3/2005)": when a compared figure was made
        if any(e.kind == "M" and e.start <= ev.start and ev.end <= e.end and e.data["plan"]
               and self.s[e.end:e.end + 3].lstrip()[:1] in (",", ";") for e in self.clause):
            # "Để hoàn thành mục tiêu giải ngân, …; đến ngày 15/9 đã giải ngân được 1.120 tỷ đồng": the
            # goal's words, named alone before a break, cue nothing beyond them. With the goal's own
            # figure ("mục tiêu giải ngân từ 70% kế hoạch trở lên đến ngày 30/9") they cue it as any
            # "mục tiêu" does, the period after it included.
            return
        outturn = self.outturn_after_expected(ev)
        if ev.data["kind"] == "target" or self.kind != "target" or outturn:
            # (A part's cue is its own only where the total's kind was not the same already: "…, ước đạt 2.450
            # triệu USD, trong đó xuất khẩu ước đạt …; nhập khẩu …" repeats the total's for every part.)
            own_cue = self.kind != ev.data["kind"]
            self.kind = ev.data["kind"]
            self.expected = ev.data.get("expected", False)
            # "thu ngân sách ước đạt …; giải ngân đầu tư công … đạt …": an estimate written after
            # its subject is that subject's; after ";" another indicator is stated as measured.
            # One that opens the clause after ";" ("…; ước thu ngân sách … được 11.785 tỷ đồng")
            # is the subject that clause names next.
            self.kind_owner = self.subject["code"] if self.subject is not None and self.cur is not None else None
            self.kind_owner_a_part = self.in_breakdown and self.kind_owner is not None and own_cue
            if self.kind_owner is not None and (named := _subject_after_cue(self.clause, ev)) is not None:
                self.kind_owner = named
            elif self.kind_owner is None and self.subject is None and _figure_before_subject(self.clause, ev):
                # "giá trị sản xuất ngành nông - lâm - thủy sản ước đạt gần 209 tỷ đồng, …; sản lượng
                # lương thực có hạt đạt 7.796 tấn": the estimate was of a figure no indicator names;
                # after ';' an indicator is stated as measured.
                self.kind_owner = _NO_INDICATOR
            if ev.data["kind"] == "estimate":
                self.outturn_after_plan()
        # A cue governs what follows it: a figure already written keeps its kind
        # ("tăng 11% … và cao hơn mức phấn đấu của năm là 7%").
        cur = self.cur
        if (not outturn and ev.data["kind"] == "estimate" and self.kind == "target" and self.expected
                and cur is not None and not cur.has_figure()):
            # "dự kiến tổng sản phẩm trong tỉnh ước thực hiện trên 32.600 tỷ đồng": expected and
            # estimated, the outturn of a period already begun (extract.to_metric).
            cur.estimated_too = True
        if cur is not None and not cur.has_figure() and (cur.kind != "target" or ev.data["kind"] == "target" or outturn):
            cur.kind = self.kind
            cur.expected = self.expected
        elif cur is not None and cur.kind == "actual" and self.estimate_opens_level(ev):
            cur.kind = "estimate"

    def estimate_opens_level(self, ev: Event) -> bool:
        """'ước đạt' right before the level of a record that so far has only its change: "doanh thu du
        lịch tăng 12% so với cùng kỳ, ước đạt 1.200 tỷ đồng" states an estimated level, and the record
        is an estimate (the cue governs what follows it, and the level follows it)."""
        cur = self.cur
        if ev.data["kind"] != "estimate" or cur is None or cur.value is not None or not cur.has_figure():
            return False
        # (the unit noun of the level, "51.000 lượt khách", is read as starting at its number)
        after = next((e for e in self.events if e.start >= ev.end and not (e.kind == "M" and e.data.get("value_first"))), None)
        return after is not None and after.kind == "V" and after.data["family"] != "percent"

    def outturn_after_expected(self, ev: Event) -> bool:
        """An estimate cue after a new subject, once a figure "dự kiến" (expected) has been stated:
        "thu ngân sách dự kiến khoảng 4.425 tỉ đồng, trong khi chi ngân sách địa phương ước đạt
        12.554 tỉ đồng": the second figure is estimated, not expected with the first (a goal,
        "phấn đấu …, ước đạt …", keeps its kind: only the weaker "dự kiến"/"dự báo" gives way)."""
        return (ev.data["kind"] == "estimate" and self.kind == "target" and self.expected
                and any(e.kind == "M" and e.start < ev.start for e in self.clause)
                and any(d.kind == "target" and d.expected for d in self.drafts))

    def outturn_after_plan(self) -> None:
        """An estimate cue after a plan subject's own figure: "HĐND tỉnh giao dự toán thu ngân sách
        là 31.700 tỷ đồng, ước thực hiện 6 tháng đạt 15.500 tỷ đồng", "kế hoạch vốn năm là 900 tỷ
        đồng, ước giải ngân đến hết tháng 9 được 600 tỷ đồng": the plan is stated; what the cue
        opens is the outturn measured against it, of the same indicator, no longer the plan."""
        subject, cur = self.subject, self.cur
        if subject is not None and subject.get("plan") and cur is not None and cur.value is not None:
            self.subject = {**subject, "plan": False}

    def scope(self, ev: Event) -> None:
        if self.cur is not None and self.cur.value is None and (self.has_mention or self.scope_in_bracket(ev)):
            self.cur.scope = ev.data["text"]
            if self.subject is not None:
                self.subject["scope"] = ev.data["text"]
        else:
            self.pending_scope = ev.data["text"]

    def scope_in_bracket(self, ev: Event) -> bool:
        """"chỉ số sản xuất công nghiệp (trừ dầu thô và khí đốt) ước tăng 6,25%": a bracket opening on
        a scope right after the open record's phrase, before its figure, narrows that record."""
        clause = self.clause
        return (len(clause) > 1 and clause[1] is ev and clause[0].kind == "X" and clause[0].data["char"] == "("
                and self.cur is not None and not self.cur.has_figure())

    def place(self, ev: Event) -> None:
        """A place; one a rank is written at ("Bắc Ninh dẫn đầu cả nước về …", "xếp thứ ba", "đứng
        thứ hai là Hà Nội") is the one ranked: it scopes the records after it, up to the next place."""
        self.list_place(ev)
        ranked = _RANK_AFTER_RE.match(self.s, ev.end) or _RANK_BEFORE_RE.search(self.s, max(0, ev.start - 30), ev.start)
        self.ranked = (ev.data["name"], ev.end) if ranked else None

    def list_place(self, ev: Event) -> None:
        """A list by place: "Bắc Giang (13,82%), Hòa Bình (12,76%)", "Thái Nguyên tăng 26,6%;
        Hải Phòng tăng 16,6%". A place after a record with its figure opens the next record of
        the same subject and period, scoped to it; a place joined to the open record's own
        ("Cần Thơ và Huế cùng tăng 0,5%") shares its figure. A place before any figure
        (the article's own province, usually) scopes nothing."""
        cur, name = self.cur, ev.data["name"]
        if self.subject is not None and cur is None and self.by_place:
            self.cur = self.open_draft(ev.start)  # "trong đó khu vực tỉnh Quảng Ngãi … hơn 15.000 tỉ đồng"
            self.cur.scope = name
            self.list_places.add(name)
            return
        if self.subject is None:
            if self.place_heading is None:
                self.place_heading = (name, ev.end)
            return
        if cur is None:
            self.places_waiting.append(name)  # "Các tỉnh Bắc Ninh, Hải Dương và Đồng Nai cùng tăng 8,1%"
            return
        if cur.has_figure():
            if (not _ITEM_FIGURE_AFTER_RE.match(self.s, ev.end)
                    and not any((e.kind == "V" or e.kind == "C") and e.start > ev.start for e in self.events)):
                # "… hơn 1.700 tỷ đồng là chỉ tiêu chủ yếu của tỉnh Kon Tum trong 6 tháng cuối năm", "…
                # tăng 12% là kết quả mà UBND tỉnh Hà Nam báo cáo quý I": a place after the figures with
                # no figure of its own after it (each item of a list by place has one after its name, a
                # bare count in brackets too: "tiếp theo là Khánh Hòa (1.120)") is no next item but whose
                # the figures are, the article's own as often as not; the open record stays open for a
                # period written after the place.
                return
            if _DESTINATION_RE.search(self.s, max(0, ev.start - 60), ev.start):
                # "có khoảng 330.000 lượt khách du lịch đến Gia Lai, tăng 15%", "đón 4,2 triệu lượt
                # khách đến Quảng Bình": where the counted visitors went, the record's own place, no
                # next item of a list.
                return
            if cur.scope is None and self.place_before is not None:
                cur.scope = self.place_before  # the list's first place, now that it is a list
            elif cur.scope is None and self.heads_list():
                # "Bắc Ninh dẫn đầu cả nước về vốn FDI với 1,9 tỷ USD, tiếp theo là Hà Nội …", "vùng Đồng
                # bằng sông Hồng có 9.800 doanh nghiệp thành lập mới, …; vùng Đông Nam Bộ 16.500 …": a
                # round-up's first place is the subject of its clause, before the indicator's phrase.
                cur.scope = self.place_heading[0]  # type: ignore[index]
            period = cur.period
            self.flush()
            if self.outer_subject is not None:
                self.subject, self.outer_subject = self.outer_subject, None
            self.cur = self.open_draft(ev.start, period)
            self.cur.scope = name
        elif cur.scope is not None and cur.scope in self.list_places and not self.opens_item(cur):
            self.joined_places.append(name)
            return
        elif cur.scope is not None and cur.scope in self.list_places:
            cur.scope = name  # "Bắc Ninh (21,5 tỷ USD); Thái Nguyên; Hà Nội (10,5 tỷ USD)": the last item had no figure
        else:
            self.place_before = name
        self.list_places.add(name)

    def heads_list(self) -> bool:
        """The open record is the sentence's first, and a place was written before its subject's
        phrase in the same clause (no ',', ';' or ':' between): the first item of a list by place
        whose next item has just begun."""
        return self.place_heading is not None and self.place_heading[1] < 0 and not self.drafts

    def lists_places(self) -> bool:
        if self.listing is None:  # asked of few sentences: worked out on first asking
            self.listing = _lists_places(self.events)
        return self.listing

    def opens_item(self, cur: Draft) -> bool:
        """The clause opens with ';' after the open record began: a new item of a list, not a
        place joined to the open record's ("Cần Thơ và Huế cùng tăng 0,5%")."""
        first = self.clause[0] if self.clause else None
        return first is not None and first.kind == "X" and first.data["char"] == ";" and cur.start < self.s_start + first.start

    def base(self, ev: Event) -> None:
        # A base is read by the change it gives a field (_base_for); here only the plan's year,
        # and the year a figure compared with the year before is of.
        if ev.data["field"] == "plan" and base_periods(ev).get("plan_period") is not None:
            self.plan_period = base_periods(ev)["plan_period"]
        elif ev.data["field"] == "yoy":
            _year_compared_with_the_last(self, ev)

    def breakdown(self, ev: Event) -> None:
        cur = self.cur
        # "…; lũy kế 9 tháng ước đạt 1.475,9 triệu USD; trong đó, xuất khẩu ước đạt 1.154 triệu USD": the
        # parts are of the total just stated, in its period (one a clause opened, not the paragraph's).
        self.part_period = (cur.period if cur is not None and cur.has_figure() and cur.period_year_shift is None
                            else None)
        self.part_plan = (self.subject["code"] if self.subject is not None and self.subject.get("plan")
                          and cur is not None and cur.value is not None else None)
        if (cur is not None and cur.has_figure() and self.subject is not None and len(self.clause) > 1
                and self.clause[0].kind == "X" and self.clause[0].data["char"] == "(" and self.clause[1] is ev):
            # "đón 2 triệu lượt khách (trong đó, khách nước ngoài …, khách trong nước …), tăng 15% …",
            # "637 doanh nghiệp thành lập mới (trong đó có 47 doanh nghiệp chuyển từ hộ kinh doanh),
            # đạt 98% kế hoạch": the parts are listed in brackets; what follows the bracket is the total's again.
            self.bracket_total = (cur, self.subject)
        self.flush()
        self.in_breakdown = True  # "…, trong đó xuất khẩu …; nhập khẩu …": the parts share the total's kind
        self.by_place = ev.data["by_place"]
        if not (ev.data["by_period"] or ev.data["by_place"]):
            self.subject = None

    def share_among_waiting_places(self) -> None:
        """Two places or more named before the figure that opened the record share it, a record each
        ("Các tỉnh Bắc Ninh, Hải Dương và Đồng Nai cùng tăng 8,1%"); one alone is the article's own
        province as often as not, and scopes nothing."""
        waiting, self.places_waiting = self.places_waiting, []
        if len(waiting) == 1 and self.cur is not None and self.lists_places():
            self.cur.scope = waiting[0]  # in a list by place, each place before its own figure
            self.list_places.update(waiting)
        elif len(waiting) >= 2 and self.cur is not None:
            self.cur.scope, self.joined_places = waiting[0], waiting[1:]
            self.list_places.update(waiting)
