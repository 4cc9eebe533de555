"""Walking a sentence's events: which figure belongs to which subject, period and kind.

A sentence is walked clause by clause (its events split at the X breaks), carrying the
subject and the kind within the sentence and the period across the paragraph
(extract._Paragraph). See hbetl/extract.py for the rules as a whole.

The walk's dispatch (_HANDLERS: a method for each event kind) is here.  What comes before and
after it for a sentence (its phrases and events gathered, the walk run, the figures written as a
run, "lần lượt …", read in hbetl/extract_lists.py) is hbetl/extract_sentence.py's, which calls
this module.  Whether a clause or a sentence goes on with the subject already named is asked of
hbetl/extract_continuation.py, and which base a change is measured against, and the field it
fills, of hbetl/extract_bases.py.  Those two modules never import this one at run time: the walk
calls them, not the other way round.

_SentenceWalk's methods for each event kind are kept apart by what they read: the frame of a
figure (periods, cues, scopes, bases, breakdowns, places) in hbetl/extract_walk_frame.py, the
levels in hbetl/extract_walk_levels.py, the changes in hbetl/extract_walk_changes.py.  Here are
the walk's state, its run over the clauses, the record it opens and closes, and the subjects (M).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING

from hbetl.extract_bases import _BALANCE_CODES, _INDEX_CODES, _first_base, _last_base, _topic_about
from hbetl.extract_continuation import (
    _FIRMS_BY_HEAD,
    _continuation_clause,
    _count_named_again,
    _figure_is_stated,
    _firms_changed_again,
    _new_firms_counted_again,
    _opens_without_subject,
    _states_the_plan,
)
from hbetl.extract_events import PLAN_SHARE_CODES, Event
from hbetl.extract_scan import OPENS_ON_PARTS_RE
from hbetl.extract_walk_changes import _ChangeSteps
from hbetl.extract_walk_frame import _FrameSteps
from hbetl.extract_walk_levels import _LevelSteps
from hbetl.indicators import find_mentions
from hbetl.periods import PeriodSpec, months_so_far

if TYPE_CHECKING:
    from hbetl.extract import _Paragraph


@dataclass(slots=True)
class Draft:
    code: str
    label: str
    scope: str | None
    period: PeriodSpec | None
    period_year_shift: int | str | None
    kind: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    yoy: float | None = None
    mom: float | None = None
    plan: float | None = None
    expected: bool = False  # a target by "dự kiến"/"dự báo": an estimate if its period is over
    change_qualifier: str | None = None  # "tăng hơn 10%": the record's qualifier when it has no level
    mom_since_year_start: bool = False  # mom is a change since the year began: it yields to one against last month
    yoy_unwritten: bool = False  # yoy came from a change with no base written: it yields to one with its base
    on_last_month: bool = False  # mom is against "tháng trước": the figure is a month's
    estimated_too: bool = False  # "dự kiến … ước thực hiện": expected and estimated, an estimate once its period began

    def has_figure(self) -> bool:
        # Spelled out rather than any(<generator>): asked ~50 times a page.
        return self.value is not None or self.yoy is not None or self.mom is not None or self.plan is not None


def _compared_on_the_records_base(subject: dict, cur: Draft | None, ev: Event) -> bool:
    """A compared rate read on the base of the record's own change, a record of its own whatever
    the unit: last year's rate after its base ("tăng 8,6% so với cùng kỳ năm trước (tăng 4,2%)"),
    or an index's rate for another period when the record's only change is on last year ("IIP quý
    III tăng 6,1% so với cùng kỳ, cao hơn mức tăng của quý II (3,4%)": quý II's, on its
    own last year as well). Not before the record has that change: "cao hơn tháng 4 (tăng 5%)"
    after an amount is the amount's own change."""
    if cur is None or cur.yoy is None or cur.mom is not None:
        return False
    if ev.data.get("after_its_base"):
        return True
    return subject["code"] in _INDEX_CODES and ev.data.get("compared_spec") is not None


def _national_plan_share(subject: dict, cur: Draft | None, ev: Event) -> bool:
    """A compared rate that is the whole country's, after a record of disbursement that has its own
    share of the plan: the country's share ("thấp hơn mức bình quân chung của cả nước (22,1%)")."""
    return (subject["code"] in PLAN_SHARE_CODES and bool(ev.data.get("compared_national"))
            and cur is not None and cur.plan is not None and ev.data.get("compared_spec") is None)


_KIND = attrgetter("kind")
_CODE = attrgetter("code")
_SUBJECT_OR_FIGURE_KINDS = frozenset(("M", "V", "C"))
_new_draft, _init_draft = Draft.__new__, Draft.__init__  # (see open_draft)


# After a total since ever, a clause that gives that stock's capital ("…, với tổng vốn đăng ký …",
# "…, tổng vốn đầu tư …") is of the stock too.
_STOCK_CAPITAL_GOES_ON_RE = re.compile(r"\s*(?:với\s+)?(?:tổng\s+)?(?:số\s+)?vốn(?!\w)", re.IGNORECASE)
# "…, nâng tổng số lên 210 dự án còn hiệu lực; trong đó có 64 dự án FDI, vốn đăng ký 830 triệu USD …":
# the breakdown that opens the next clause (OPENS_ON_PARTS_RE) splits the stock just counted, so its
# parts are since ever too (as a sentence that opens on "Trong đó" after one: extract_sentence).


def _stock_goes_on(s: str, brk: Event | None) -> bool:
    """The clause after the break ``brk`` goes on with a total since ever the clause before it
    counted: it gives that stock's capital (after a comma) or opens on its parts (after "," or ";")."""
    if brk is None:
        return False
    char = brk.data["char"]
    if char == "," and _STOCK_CAPITAL_GOES_ON_RE.match(s, brk.end) is not None:
        return True
    return char in ",;" and "trong" in s and OPENS_ON_PARTS_RE.match(s, brk.end) is not None


def _clauses(events: list[Event]) -> list[list[Event]]:
    # The kinds as one string (each kind is one letter), where the breaks are found in C: each
    # clause is a slice of the events, not built an event at a time (~1.5% of the walk's bytecodes).
    kinds = "".join(map(_KIND, events))
    if len(kinds) != len(events):  # a kind of more than one letter: an event at a time
        out: list[list[Event]] = [[]]
        for ev in events:
            if ev.kind == "X":
                out.append([ev])
            else:
                out[-1].append(ev)
        return out
    out = []
    start, at = 0, kinds.find("X")
    while at >= 0:
        out.append(events[start:at])  # (the first clause is empty when a break opens the sentence)
        start, at = at, kinds.find("X", at + 1)
    out.append(events[start:])
    return out


def _since_ever_first(walk: _SentenceWalk, ev: Event) -> bool:
    """"Đến nay, tỉnh có 40 dự án FDI với tổng vốn …": a total since ever before any figure of
    the sentence governs all of it. Not one after a figure, even one no record was made of ("Thực hiện
    vốn đầu tư công năm 2023 trên 212 tỷ đồng, đến nay, Thị xã đã giao … hơn 202 tỷ đồng, …; tỷ lệ
    giải ngân vốn đầu tư công ước thực hiện 6 tháng gần 130 tỷ đồng"): it governs its clause."""
    if walk.drafts or (walk.cur is not None and walk.cur.has_figure()):
        return False
    return not any((e.kind == "V" or e.kind == "C") and e.start < ev.start for e in walk.events)


_ABOUT_GAP_RE = re.compile(r"\s*về\s*")
# Projects counted, or the times their capital changed ("lượt dự án", "lượt góp vốn"), and the
# few words that may part the count from what the projects did ("đăng ký", "đã được").
_PROJECT_COUNT_NOUNS = ("dự án", "lượt dự", "lượt góp", "lượt điều")
_SHORT_GAP_RE = re.compile(r"\s+(?:[^\W\d]+\s+){0,2}")
_CAPITAL_OF_PROJECTS = frozenset({"fdi_capital", "registered_capital"})
_VERB_BETWEEN_RE = re.compile(r"(?<!\w)(?:tăng|giảm|đạt|ước|kéo\s+theo|dẫn\s+đến|là)(?!\w)", re.IGNORECASE)


class _SentenceWalk(_FrameSteps, _LevelSteps, _ChangeSteps):
    """One walk over a sentence's events, clause by clause. It holds the subject being
    written about (``subject``), the record being filled (``cur``), the kind the cues so far
    give (``kind``), and the records finished (``drafts``); each event kind has a method."""

    __slots__ = ("aside", "averaging", "by_place", "catalogue", "clause", "cur", "drafts", "events", "expected",
                 "has_figure", "has_mention", "in_breakdown", "joined_places", "kind", "kind_owner", "kind_owner_a_part", "last_m_end",
                 "cumulative", "last_m_open", "list_places", "listing", "local_period", "part_period", "part_plan", "may_cumulate", "outer_subject", "para", "pending_scope", "period_seen",
                 "place_before", "place_heading", "places_waiting", "ranked", "plan_clause", "plan_period", "price_adjusted", "s", "s_start",
                 "since_ever_seen", "subject", "counts_other", "base_aside", "period_aside", "national_aside", "stock_aside", "bracket_total",
                 "years_plan", "same_period_open", "per_head")

    def __init__(self, s: str, s_start: int, para: _Paragraph, events: list[Event]) -> None:
        self.s, self.s_start, self.para, self.events = s, s_start, para, events
        self.catalogue = para.catalogue
        self.drafts: list[Draft] = []
        self.cur: Draft | None = None
        self.subject: dict | None = None
        self.kind = "actual"
        self.expected = False  # the target cue is "dự kiến"/"dự báo": an estimate once its period is over
        self.period_seen = False  # a period has been written in this sentence before the current event
        self.pending_scope: str | None = None
        self.period_aside: Draft | None = None  # the record a bracket of an earlier period's figure interrupted
        self.national_aside: Draft | None = None  # the record a bracket of the country's figure interrupted
        self.plan_clause = False  # a bracket that opens with a plan word: "(KH năm tăng trên 8,5%)"
        self.joined_places: list[str] = []  # places after the open record's own, sharing its figure
        self.list_places: set[str] = set()  # the places that scope records of this sentence
        self.listing: bool | None = None  # the sentence is a list by place with no subject of its own (lists_places)
        self.place_before: str | None = None  # a place before the open record's figure
        self.places_waiting: list[str] = []  # places named before any record of the subject opened
        self.ranked: tuple[str, int] | None = None  # the place named last, and its end, when a rank is written at it
        self.place_heading: tuple[str, int] | None = None  # a place before the first subject, its end (-1: in the subject's clause)
        self.by_place = False  # past a breakdown by place ("trong đó khu vực tỉnh …")
        self.outer_subject: dict | None = None  # a list by place's subject, while a bracket names another
        self.kind_owner: str | None = None  # the subject an estimate cue was written after (or _NO_INDICATOR)
        self.kind_owner_a_part = False  # that cue was written after a part, past "trong đó"
        self.in_breakdown = False
        self.since_ever_seen = False  # past "đến nay", "còn hiệu lực": the sentence's totals are since ever
        self.stock_aside = False  # the clause's figures are past a total since ever met inside the sentence
        self.price_adjusted = False  # past "loại trừ yếu tố giá", up to the next ';'
        self.counts_other = False  # the last figure counts something the subject does not ("1.256 lượt dự án")
        self.aside: Draft | None = None  # the record a plan's bracket interrupted
        self.base_aside: tuple[Draft, Draft] | None = None  # last year's level in brackets, and the record it interrupted
        self.bracket_total: tuple[Draft, dict] | None = None  # the total whose parts a bracket lists, and its subject
        self.plan_period: PeriodSpec | None = None  # the period of the plan named last
        self.years_plan: PeriodSpec | None = None  # the year a plan's own phrase named ("kế hoạch vốn … năm 2023")
        self.local_period: PeriodSpec | None = None  # a period that opens this clause's figure
        self.part_period: PeriodSpec | None = None  # the period of the total a breakdown ("trong đó") is of
        self.part_plan: str | None = None  # the indicator whose plan a breakdown lists the parts of
        # last year's same period opening the sentence before any subject ("Cùng kỳ năm 2022, tổng thu …"):
        # the period it is the same as, and the year shift
        self.same_period_open: tuple[PeriodSpec | None, int | str] | None = None
        # The clause being walked:
        self.clause: list[Event] = []
        self.has_mention = self.has_figure = False
        self.last_m_open = False  # a catalogue phrase with no figure after it yet in this clause
        self.last_m_end = 0
        self.averaging = False  # past "bình quân mỗi tháng": the clause's figures are averages
        self.per_head = False  # past a level per head ("78 triệu đồng/người"): its change may follow
        self.cumulative = False  # the clause's figure is a running total ("lũy kế"), its period unnamed
        self.may_cumulate = " kế" in s or "dồn" in s  # (most sentences have neither word)

    def run(self) -> list[Draft]:
        # (asked twice below: one scan of the sentence for "số", not two)
        counts_again = "số" in self.s if self.para.topics_before else False
        firms = _firms_changed_again(self.s, self.events, self.para) if counts_again else None
        if firms is None and "doanh nghiệp" in self.s and "new_enterprises" in self.para.topics_before:
            firms = _new_firms_counted_again(self.s, self.events)
        if firms is not None:
            self.subject = firms
        elif self.para.subject is not None and (_opens_without_subject(self.s, self.events, self.para.subject)
                                                or self.lists_places()):
            # "… tăng 10,6% so với cùng kỳ. Lũy kế 9 tháng ước đạt 20.560 tỷ đồng": same subject;
            # "GDP quý I tăng 6,93%. … dẫn đầu là Bắc Giang (13,82%), Hòa Bình (12,76%)": the same, by place.
            self.subject = self.para.subject
        elif counts_again:
            self.subject = _count_named_again(self.s, self.events, self.para)
        handlers = _HANDLERS
        for ci, clause in enumerate(_clauses(self.events)):
            self.start_clause(ci, clause)
            for ev in clause:
                kind = ev.kind
                if kind == "A":
                    # An average governs the rest of its clause; a total since ever, the rest of
                    # the sentence when it comes first ("Đến nay, tỉnh có 40 dự án FDI với tổng vốn …");
                    # growth net of prices, the rest of the sentence up to a ';'.
                    self.averaging = True
                    self.per_head = bool(ev.data.get("per_head"))
                    self.stock_aside = bool(ev.data.get("since_ever"))
                    if ev.data.get("since_ever") and _since_ever_first(self, ev):
                        self.since_ever_seen = True  # before any figure: it governs the sentence
                    if ev.data.get("price_adjusted"):
                        self.flush()
                        self.price_adjusted = True
                elif kind in ("V", "C") and (self.averaging or self.since_ever_seen or self.price_adjusted):
                    continue
                else:
                    handler = handlers.get(kind)
                    if handler is not None:
                        handler(self, ev)
        self.flush()
        if self.subject is None and self.para.subject is not None and _SUBJECT_OR_FIGURE_KINDS.isdisjoint(
                map(_KIND, self.events)):
            # "2 địa phương mới vào nhóm đạt từ 1 tỷ USD trở lên là Bắc Giang và Tây Ninh.": a sentence
            # whose only figure was a bar names nothing new: the subject goes on to the next.
            self.subject = self.para.subject
        # "…; Tây Nguyên 2,9 nghìn doanh nghiệp, tăng 11,4% (vốn đăng ký đạt 39,5 nghìn tỷ đồng, …).
        # Kế đến là Đông Nam Bộ 48,5 nghìn doanh nghiệp, …": the list goes on with its own subject.
        self.para.subject = self.outer_subject if self.outer_subject is not None else self.subject
        # (the codes read by map() in C, not by a generator: an any() over a generator cost ~2,300
        # instructions more than the loop it stands for, once a sentence with records)
        if self.drafts and not _BALANCE_CODES.isdisjoint(map(_CODE, self.drafts)):
            self.para.balance_base = _last_base(self.events) or self.para.balance_base
        if self.drafts and "cpi" in map(_CODE, self.drafts) and any(d.code == "cpi" and d.scope is None for d in self.drafts):
            # The first base: the month's own change comes first, and its parts by area are of it
            # ("CPI tháng 3 giảm 0,23% so với tháng trước, tăng 3,97% so với cùng kỳ …").
            self.para.index_base = _first_base(self.events) or self.para.index_base
        if self.drafts:
            self.para.events_before = self.events
        return self.drafts

    # --- the open record ---------------------------------------------------------------

    def flush(self) -> None:
        if self.cur is not None and self.cur.has_figure():
            if self.ranked is not None and self.cur.scope is None and not _names_whole(self.s, self.ranked[1], self.cur.start - self.s_start):
                self.cur.scope = self.ranked[0]
            self.drafts.append(self.cur)
            # "Cần Thơ và Huế cùng tăng 0,5%": one figure, a record for each place.
            if self.joined_places:  # (rarely: no list built for none)
                self.drafts += [replace(self.cur, scope=name) for name in self.joined_places]
        self.cur = None
        self.joined_places = []

    def open_draft(self, start: int, period: PeriodSpec | None = None, shift: int | str | None = None) -> Draft:
        subject = self.subject
        assert subject is not None
        # Last year's figure quoted beside this one ("(cùng kỳ tăng 9,13%)") is known: actual.
        # A plan's amount ("kế hoạch vốn đầu tư công … 11.000 tỷ đồng", "(KH năm tăng 8,5%)") is a target.
        kind = "actual" if shift is not None else "target" if subject.get("plan") or self.plan_clause else self.kind
        if period is None and self.plan_clause and self.plan_period is not None:
            period = self.plan_period  # "kế hoạch … giao năm 2022 (15.285 triệu kWh)"
        if period is None:
            # (the report's frame, not the price index's month, for another indicator: _Paragraph.frame)
            period = self.para.frame if self.para.frame is not None and subject["code"] != "cpi" else self.para.period
        if period is None and self.years_plan is not None:
            period = self.year_of_the_plan_spent(subject)
        if self.cumulative and period is not None and period.kind == "M" and not period.to_date and shift is None:
            # "Tháng 10, giá trị sản xuất … ước 3.115 tỷ đồng, lũy kế ước 29.520 tỷ đồng": the total so far.
            period = months_so_far(period.n, period.year) or period
        # Made with __new__ and __init__, not Draft(...): calling the class with keywords packs them
        # into a dict and out again (1.21 -> 0.46 us a draft; the same object).
        draft = _new_draft(Draft)
        _init_draft(draft, code=subject["code"], label=subject["label"], scope=subject["scope"],
                    period=period, period_year_shift=shift,
                    kind=kind, start=self.s_start + start, end=self.s_start + start, expected=self.expected)
        return draft


    # --- a clause begins -----------------------------------------------------------------

    def start_clause(self, ci: int, clause: list[Event]) -> None:
        s = self.s
        self.clause = clause
        # Whether the clause opens with a break, asked once (it was asked three times a clause).
        brk = clause[0] if clause and clause[0].kind == "X" else None
        if brk is not None and brk.data["char"] == ";":
            self.price_adjusted = False
            self.same_period_open = None
        clause_start = brk.end if brk is not None else (0 if ci == 0 else clause[0].start)
        if self.plan_clause:
            # The plan's bracket is closed: back to the record it interrupted.
            self.flush()
            self.cur, self.aside = self.aside, None
        if self.base_aside is not None and brk is not None and brk.data["char"] == ")":
            self.close_base_aside()
        if self.national_aside is not None and brk is not None and brk.data["char"] == ")":
            self.close_national_aside(brk.end)
        if self.period_aside is not None and brk is not None and brk.data["char"] == ")":
            self.close_period_aside(brk.end)
        elif (brk is not None and brk.data["char"] == "(" and self.cur is not None and self.cur.has_figure()
                and _EARLIER_PERIOD_IN_BRACKET_RE.match(s, brk.end)):
            # "tăng 7,9% so với cùng kỳ (lũy kế 12 tháng năm 2019 đạt 16.500 tỷ đồng), đạt 98,4% kế
            # hoạch năm": an earlier period's figure in brackets is an aside, as last year's bare
            # amount is (close_base_aside): what follows the bracket is the record it interrupted.
            self.period_aside = self.cur
        if self.bracket_total is not None and brk is not None and brk.data["char"] == ")":
            self.close_bracket_breakdown(clause)
        elif brk is not None and brk.data["char"] == "(":
            # A bracket listing the total's parts, named ("(khu vực thành thị …; khu vực nông thôn …)")
            # or as bare amounts in its unit ("(cấp mới 149 triệu USD; tăng vốn 112 triệu USD)").
            total_before = self.bracket_total
            if len(clause) > 1 and clause[1].kind == "M":
                self.parts_named_in_bracket(clause[1])
            if (self.bracket_total is total_before and self.subject is not None and self.cur is not None
                    and self.cur.value is not None and self.amounts_listed_in_bracket(brk)):
                self.bracket_total = (self.cur, self.subject)
        self.plan_clause = bool(brk is not None and brk.data.get("plan"))
        if self.plan_clause:
            self.aside, self.cur = self.cur, None
            if self.aside is not None and not self.aside.has_figure():
                self.aside = None
            if (clause[0].data["plan_amount"] and self.aside is not None and self.aside.period is not None
                    and (self.plan_period is None or self.plan_period.kind != "Y")):
                # "bằng 72% kế hoạch năm (2.700 triệu USD)": the plan of the record's year, unless named.
                p = self.aside.period
                # (the year a running total "từ đầu năm đến nay" is of: the year, not the months so far)
                self.plan_period = PeriodSpec("Y", 0, p.year, relative=None if p.relative == "sofar" else p.relative)
        if (brk is not None and brk.data["char"] == "(" and self.subject is not None and self.cur is not None
                and self.cur.scope is None and _NATIONAL_IN_BRACKET_RE.match(s, brk.end)):
            # "tăng 10,8% (cả nước tăng 11,1%)": the country's figure for the same period, a record
            # of its own (Conventions: a national figure in a provincial text has scope cả nước).
            # It is an aside: after the bracket the province's record goes on ("tăng 0,5% (cả nước
            # tăng 1,08%), so với cùng kỳ tăng 3,1%"; "CPI 9 tháng (cả nước tăng 3,2%) của tỉnh tăng
            # 2,5%", the province's figure still to come), close_national_aside.
            interrupted = self.cur
            period = interrupted.period
            if interrupted.has_figure():
                self.flush()
            self.cur = self.open_draft(brk.end, period)
            self.cur.scope = "cả nước"
            self.national_aside = interrupted
        kinds = set(map(_KIND, clause))  # one pass for both questions, in C (a set comprehension ran ~1% of the bytecodes)
        self.has_mention = "M" in kinds
        self.has_figure = "V" in kinds or "C" in kinds
        # A subject with no figure yet is still being written ("tổng lượt khách tham quan,
        # lưu trú tại Quảng Nam ước đạt …"): the clause finishes it rather than starting another.
        # Only when the figure is stated as the subject's ("… ước đạt 4,5 triệu lượt"), not as
        # the object of a verb of its own ("Để tăng thu ngân sách, tỉnh đầu tư 200 tỷ đồng").
        if not self.has_mention and self.has_figure and self.subject is not None:
            subject_open = self.cur is not None and not self.cur.has_figure() and _figure_is_stated(s, clause)
            # (a bracket that opens on the plan, "(Nghị quyết 9%)", states the subject's plan)
            if (not subject_open and not (brk is not None and brk.data["plan"])
                    and not _continuation_clause(s, clause, clause_start, self.subject["code"])
                    and not _states_the_plan(clause)
                    and not (self.bracket_total is not None and brk is not None and brk.data["char"] in "(;,"
                             and self.part_amount_in_bracket(clause, clause_start))):
                self.flush()
                self.subject = None
        self.last_m_open = False
        self.last_m_end = 0
        # "…; nâng tổng số dự án FDI trên địa bàn lên 112 dự án, với tổng vốn đăng ký 2.480
        # triệu USD": the capital of the stock just counted, since ever as the count is.
        self.stock_aside = self.averaging = self.stock_aside and _stock_goes_on(s, brk)
        # "GRDP đạt 78 triệu đồng/người (tăng 8% so với năm trước)", "…/người, tăng 8%": a change that
        # follows a level per head, before any other subject or level, is that average's change too.
        self.per_head = (self.per_head and brk is not None and brk.data["char"] in "(,"
                         and next((e.kind for e in clause if e.kind in "MVC"), None) == "C")
        self.averaging = self.averaging or self.per_head
        if self.local_period is not None and not self.carries_local_period(brk, clause):
            self.local_period = None
        if self.may_cumulate:
            # "…, lũy kế ước 29.520 tỷ đồng": a running total, with no period of its own before its figure.
            first = next((e for e in clause if e.kind in ("V", "C", "P")), None)
            self.cumulative = (first is not None and first.kind != "P"
                               and _CUMULATIVE_RE.search(s, clause_start, first.start) is not None)

    def carries_local_period(self, brk: Event | None, clause: list[Event]) -> bool:
        """"…; lũy kế 10 tháng có 512 doanh nghiệp, vốn đăng ký 3.000 tỷ đồng": a clause after a comma
        that names another subject but no period of its own goes on in the period that opened the
        figure just before it (the running total's, not the sentence's month)."""
        cur = self.cur
        return (brk is not None and brk.data["char"] == "," and self.has_mention
                and cur is not None and cur.has_figure() and cur.period is self.local_period
                and not any(e.kind == "P" for e in clause))

    # --- one method per event kind -------------------------------------------------------

    def mention(self, ev: Event) -> None:
        self.counts_other = False
        if ev.data["share_of"] and not ev.data["foreign"] and self.whole_in_brackets(ev):
            # "…, chiếm 87,6% tổng kim ngạch XK cả nước năm 2013 (cả nước đạt 132,1 tỉ USD)": the
            # whole's own amount, in brackets right after it, is the whole's record.
            self.flush()
            self.subject = {"code": ev.data["code"], "label": ev.data["label"], "scope": None,
                            "unit": self.catalogue[ev.data["code"]].unit, "plan": False, "growth": False}
            return
        if ev.data.get("object") or ev.data["share_of"]:
            # "giảm 6% vốn đăng ký": the change's object, read by change(); "chiếm 93% tổng dư
            # nợ": the whole of a share, while the subject stays the part.
            return
        cur, subject = self.cur, self.subject
        narrowed = (cur is not None and subject is not None and not ev.data["foreign"] and self.last_m_end
                    and _ABOUT_GAP_RE.fullmatch(self.s[self.last_m_end:ev.start]))
        if narrowed:  # "23 vụ vi phạm về hàng giả": the narrower phrase names the subject
            self.subject = {**subject, "code": ev.data["code"], "label": ev.data["label"],
                            "unit": self.catalogue[ev.data["code"]].unit}
            cur.code, cur.label = ev.data["code"], ev.data["label"]
            return
        # (only a figure written first can restate: the call is skipped for the rest, 816 calls a round of the fixtures -> 0)
        if ev.data.get("value_first") and self.restates_waiting_subject(ev):
            return
        if (self.last_m_open and not ev.data.get("value_first")
                and not _VERB_BETWEEN_RE.search(self.s, self.last_m_end, ev.start)):
            # "vốn đăng ký bình quân một doanh nghiệp": a modifier; but "Khách đông kéo theo
            # tổng thu từ du lịch …" names a second subject.
            return
        clause = self.clause
        if (clause and clause[0].kind == "X" and clause[0].data["char"] == "(" and subject is not None
                and self.cur is not None and self.cur.has_figure()
                and any(e.kind == "L" and e.start < ev.start for e in self.events)):
            # "vùng Trung du và miền núi phía Bắc 4,5 nghìn doanh nghiệp, tăng 1,1% (vốn đăng ký đạt 52,4
            # nghìn tỷ đồng, tăng 36,7%); Bắc Trung Bộ …": a bracket of a list by place names another
            # subject for its place alone; the next place is of the list's subject again (list_place).
            self.outer_subject = self.outer_subject or subject
            item_scope = self.cur.scope
        else:
            item_scope = None
        self.flush()
        self.last_m_open = True
        self.last_m_end = ev.end
        self.places_waiting = []
        heading = self.place_heading
        if heading is not None and heading[1] >= 0:  # the place and the phrase in one clause, or no heading
            self.place_heading = None if _CLAUSE_MARK_RE.search(self.s, heading[1], ev.start) else (heading[0], -1)
        if ev.data["foreign"]:
            self.subject = None
            return
        # Past "trong đó" the parts share the total's cue; one written after a part is that part's own ("trong
        # đó, khách quốc tế đạt …; khách lưu trú ước đạt …; doanh thu trong tháng là …": the revenue is measured).
        # So is an expectation ("chỉ số sản xuất công nghiệp dự kiến tăng trên 11%; giá trị sản xuất
        # công nghiệp năm 2023 đạt trên 1.773 tỷ đồng"): "dự kiến" after its subject is that subject's.
        if ((self.kind == "estimate" or (self.expected and self.kind == "target")) and self.kind_owner is not None
                and ev.data["code"] != self.kind_owner
                and self.clause and self.clause[0].kind == "X" and self.clause[0].data["char"] == ";"
                and (not self.in_breakdown or self.kind_owner_a_part) and not self.in_open_bracket(ev.start)):
            self.kind, self.expected = "actual", False
        scope = ev.data["scope"] or self.pending_scope
        self.pending_scope = None
        # A part named after a plan's "trong đó" ("kế hoạch vốn … 8.029 tỷ đồng; trong đó, vốn ngân sách
        # trung ương 3.686 tỷ đồng") is a share of that plan: a target as the plan is.
        plan = ev.data["plan"] or (self.in_breakdown and self.part_plan == ev.data["code"] and ev.data["scope"] is not None)
        self.subject = {"code": ev.data["code"], "label": ev.data["label"], "scope": scope,
                        "unit": self.catalogue[ev.data["code"]].unit, "plan": plan,
                        "growth": ev.data["growth"]}
        same = self.same_period_open if cur is None else None
        self.same_period_open = None
        if same is None and self.local_period is None:
            same = _same_period_waiting(self.s, self.s_start, cur, ev.start)
        if same is not None and self.local_period is None:
            # "…; cùng kỳ năm 2022 thu ngân sách đạt 4.200 tỷ đồng", "…; cùng kỳ năm 2022 thu hút 7 dự án
            # với số vốn 1.020 tỷ đồng": last year's same period, written before the subject named again,
            # is the period of that subject's figure.
            self.cur = self.open_draft(ev.start, *same)
        else:
            # "Trong quý IV, tỉnh đặt mục tiêu đón 3 triệu lượt khách": the clause's own period.
            self.cur = self.open_draft(ev.start, self.local_period or (self.part_period if self.in_breakdown else None))
        if item_scope is not None and self.cur.scope is None:
            self.cur.scope = item_scope  # (the bracket's figures are its place's)
        if ev.data["code"] == "cpi" and _average_so_far(self.s, ev):
            self.cur.period = _months_so_far_of(self.cur.period)
        if ev.data["code"] in _CAPITAL_OF_PROJECTS and self.count_of_projects_before(ev):
            # "13 lượt dự án đăng ký điều chỉnh tăng vốn, bằng 27% so với cùng kỳ": the projects
            # counted just before the phrase are what it tells of; a change before any capital is
            # stated is the count's (as after "1.256 lượt dự án điều chỉnh vốn", level()).
            self.counts_other = True

    def count_of_projects_before(self, ev: Event) -> bool:
        """Whether a count of projects or of their capital changes ("13 lượt dự án", "27 dự án",
        "51 lượt góp vốn", "51 lượt") stands right before the phrase ``ev``, at most two words between."""
        last = next((e for e in reversed(self.events) if e.end <= ev.start), None)
        if last is None or last.kind != "V" or _SHORT_GAP_RE.fullmatch(self.s, last.end, ev.start) is None:
            return False
        if last.data["family"] == "count":
            return (last.data.get("noun") or "").startswith(_PROJECT_COUNT_NOUNS)
        # ("51 lượt đăng ký góp vốn": a bare "lượt" before a part of FDI counts its transactions.)
        return last.data["family"] == "visits" and self.s[last.start:last.end].lower().endswith(" lượt")

    def in_open_bracket(self, at: int) -> bool:
        """Whether a bracket is open at `at`: the parts a total lists in brackets, even past ";",
        are stated as the total is ("kim ngạch xuất nhập khẩu ước đạt 1.240 triệu USD (xuất khẩu
        730 triệu USD, tăng 36,96%; nhập khẩu 510 triệu USD, …)": both estimated)."""
        return self.s.rfind("(", 0, at) > self.s.rfind(")", 0, at)

    def restates_waiting_subject(self, ev: Event) -> bool:
        """A figure written with its unit noun ("hơn 420 ngàn lượt khách") right after a subject of the
        same indicator still waiting for its figure restates that subject: "khách nội địa ước đón hơn
        420 ngàn lượt khách" keeps the part it names, "nâng tổng số lượt khách … trong 8 tháng đầu năm
        2017 lên hơn 460 ngàn lượt khách" the period written before it (not the month the parts before
        were of). A unit noun that names a part of its own ("6 ngàn lượt khách quốc tế") is a subject."""
        cur, subject = self.cur, self.subject
        return (cur is not None and subject is not None and (not cur.has_figure() or self.level_after_change(ev))
                and bool(ev.data.get("value_first")) and ev.data["scope"] is None and not ev.data["foreign"]
                and not ev.data["plan"] and ev.data["code"] == subject["code"] and cur.code == subject["code"])

    def level_after_change(self, ev: Event) -> bool:
        """The subject's change written first and its level after, with the unit noun: "lượng khách
        quốc tế đến trong 6 tháng tăng 155% so với cùng kỳ, ước đạt 51.000 lượt khách" is one record,
        as "…, đạt 51.000 lượt" is. Not an amount in brackets ("tăng 12% (năm trước 40 ngàn lượt
        khách)"), which is another period's or the change's own amount."""
        cur = self.cur
        if cur is None or cur.value is not None or self.in_open_bracket(ev.start):
            return False
        # "…tăng 20% so với năm 2022; năm 2022 đạt 30.000 lượt khách": a period between names another
        # record; "khách nội địa tăng 25,8%; 63.565 lượt khách đến qua đường hàng không": a new item.
        last_change = max((e.end for e in self.events if e.kind == "C" and e.end <= ev.start), default=None)
        return (last_change is not None and _LEVEL_AFTER_CHANGE_RE.fullmatch(self.s, last_change, ev.start) is not None
                and not any(e.kind == "P" and last_change <= e.start < ev.start for e in self.events))

    def whole_in_brackets(self, ev: Event) -> bool:
        """After the whole of a share (periods aside), a bracket opens on an amount."""
        after = [e for e in self.events if e.start >= ev.end and e.kind != "P"][:2]
        return (len(after) == 2 and after[0].kind == "X" and after[0].data["char"] == "("
                and after[1].kind == "V" and after[1].data["family"] != "percent")


    def compared_in_bracket(self, ev: Event) -> None:
        """'thấp hơn quý I (14,8%)': the rate of the period compared with, a record of its own;
        'cao hơn bình quân chung cả nước (ước tăng 8%)': the country's, for the record's period.
        A growth rate's only: an amount's rate in brackets is its own change ("đạt 3 tỷ USD, cao
        hơn tháng 4 (tăng 5%)"), and an index's may be against either base: read as written."""
        subject = self.subject
        assert subject is not None
        if _national_plan_share(subject, self.cur, ev):
            # "giải ngân … đạt 32%, thấp hơn mức trung bình của cả nước (34,47%)": the country's
            # share of its plan for the record's period, a record of its own (a national figure in a
            # provincial text has scope cả nước); the province's share was the record's.
            assert self.cur is not None
            draft = self.open_draft(ev.start, self.cur.period)
            draft.kind = "estimate" if ev.data["compared_estimate"] else self.cur.kind
            draft.plan, draft.end, draft.scope = ev.data["compared_pct"], self.s_start + ev.end, "cả nước"
            self.drafts.append(draft)
            return
        # (An index's goal is its rise on last year's: "chỉ số sản xuất công nghiệp tăng 6,2%, thấp
        # hơn mục tiêu đề ra (8%)" sets a target of its own, as a growth rate's.)
        index_read_as_written = subject["code"] in _INDEX_CODES and not ev.data.get("compared_goal")
        if (subject["unit"] != "percent" or index_read_as_written) and not _compared_on_the_records_base(subject, self.cur, ev):
            kind, data = ev.data["as_written"]
            _HANDLERS[kind](self, Event(ev.start, ev.end, kind, data))
            return
        spec = ev.data["compared_spec"]
        if spec is None:
            spec = self.cur.period if self.cur is not None else self.para.period
        draft = self.open_draft(ev.start, spec, ev.data.get("compared_shift"))
        draft.kind = "target" if ev.data.get("compared_goal") else "estimate" if ev.data["compared_estimate"] else "actual"
        draft.yoy, draft.end = ev.data["compared_pct"], self.s_start + ev.end
        if ev.data["compared_national"]:
            draft.scope = "cả nước"
        self.drafts.append(draft)


    def draft_about(self, about: str) -> Draft | None:
        """A record for the indicator a change's 'về …' names when no record of this sentence is
        about it ("Như vậy, trong tháng 7 tăng 8,7% về số doanh nghiệp đăng ký mới và giảm 14,5% về
        số vốn đăng ký so với tháng trước": the last sentence's records, completed by extract.py)."""
        named = [m for m in find_mentions(about) if not m.weak and not m.needs]
        code, scope = (named[0].code, named[0].scope) if named else (_topic_about(about, self.para), None)
        if code is None and _FIRMS_ALONE_RE.fullmatch(about) and self.names_new_capital():
            code = "new_enterprises"
        if code is None:
            return None
        cur = self.cur
        draft = Draft(code=code, label=about, scope=scope,
                      period=cur.period if cur is not None else self.para.period, period_year_shift=None,
                      kind=self.kind, start=self.s_start, end=self.s_start)
        self.drafts.append(draft)
        return draft


def _same_period_waiting(s: str, s_start: int, cur: Draft | None, at: int) -> tuple[PeriodSpec | None, int | str] | None:
    """The period and year shift of a record last year's same period opened ("cùng kỳ năm 2022") that has
    no figure yet, with no ';' or bracket between it and ``at`` (a new subject's phrase)."""
    if cur is None or cur.period_year_shift is None or cur.has_figure():
        return None
    between = s[cur.start - s_start:at]
    return None if ";" in between or "(" in between or ")" in between else (cur.period, cur.period_year_shift)


_CLAUSE_MARK_RE = re.compile(r"[,;:]")
# The gap from a change to the level that completes it: "…so với cùng kỳ, ước đạt " / ", đạt khoảng ".
_LEVEL_AFTER_CHANGE_RE = re.compile(r"[^;()]*,\s*(?:ước\s+(?:tính\s+)?)?(?:đạt|đón|là)\s+(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?",
                                    re.IGNORECASE)
# "về số doanh nghiệp", "về số lượng doanh nghiệp", "về số DN": firms counted, nothing said of what they did.
_FIRMS_ALONE_RE = re.compile(_FIRMS_BY_HEAD + r"[.,;]?", re.IGNORECASE)
# A bracket that opens on an earlier period, the same period a year before or a year named: "(cùng
# kỳ năm 2021 đạt 667 triệu USD)", "(cùng kỳ tăng 3%)", "(lũy kế 12 tháng năm 2019 đạt 16.500 tỷ
# đồng)", "(năm 2022 đạt 1.200 tỷ đồng)" (statistics offices' releases and the papers reprinting them).
_EARLIER_PERIOD_IN_BRACKET_RE = re.compile(
    r"\s*(?:lũy\s+kế\s+)?(?:\d+\s+tháng\s+(?:đầu\s+)?)?(?:cùng\s+kỳ|năm\s+(?:19|20)\d\d|năm\s+trước)(?!\w)",
    re.IGNORECASE)
# A bracket that opens on the whole country and its change: "(cả nước tăng 11,1%)", "(bình quân
# cả nước: giảm 2,3%)".
_NATIONAL_IN_BRACKET_RE = re.compile(
    r"\s*(?:(?:bình\s+quân|mức\s+tăng)\s+(?:chung\s+)?(?:của\s+)?)?(?:cả\s+nước|toàn\s+quốc)\s*:?\s*(?:ước\s+)?(?:tăng|giảm)\s+\d",
    re.IGNORECASE)


# "…, trong khi cả nước có 150.000 doanh nghiệp": a whole named after the ranked place takes the
# figures after it; "dẫn đầu cả nước", "xếp thứ ba trên cả nước" only say what the rank is among.
_WHOLE_RE = re.compile(r"(?<!\w)(?:cả nước|toàn quốc|toàn tỉnh|toàn thành phố|toàn vùng)(?!\w)")
_RANK_FRAME_RE = re.compile(r"(?:đầu|nhất|thứ\s+\w+)\s+(?:trên\s+|trong\s+)?$")


def _names_whole(s: str, start: int, end: int) -> bool:
    return any(not _RANK_FRAME_RE.search(s, max(0, m.start() - 20), m.start()) for m in _WHOLE_RE.finditer(s, start, end))


_CUMULATIVE_RE = re.compile(r"(?<!\w)(?:lũy|luỹ)\s+kế|cộng\s+dồn", re.IGNORECASE)

# "CPI tháng 7 tăng 0,21% so với tháng 6. … CPI bình quân tăng 1,64% so với cùng kỳ": the
# price index said to be an average with no months of its own, in a month's report, is the average of
# the months so far (as "CPI bình quân 10 tháng" is), not the month's. An average that names its own
# span ("bình quân 10 tháng", "bình quân quý I", "bình quân chung 4 tháng") keeps the span it names.
_AVERAGE_SO_FAR_RE = re.compile(
    r"(?:\s*\(CPI\)|\))?\s+bình\s+quân(?!\s+(?:chung\s+)?(?:\d|tháng|quý|năm|mỗi|giai|các|cùng|hai|ba|bốn|sáu|bảy"
    r"|tám|chín|mười)(?!\w))", re.IGNORECASE)


def _average_so_far(s: str, ev: Event) -> bool:
    """The price index named (ev) is said to be an average, right after its name or as the name's
    last words ("chỉ số giá tiêu dùng (CPI) bình quân"), with no span of its own."""
    inside = s.rfind("bình quân", ev.start, ev.end)
    return _AVERAGE_SO_FAR_RE.match(s, ev.end if inside < 0 else inside - 1) is not None


def _months_so_far_of(period: PeriodSpec | None) -> PeriodSpec | None:
    """A single month's period (the frame of a month's report) as the months of its year so far."""
    if period is None or period.kind != "M" or period.to_date or period.n < 2:
        return period
    so_far = months_so_far(period.n, period.year)
    return period if so_far is None else so_far._replace(relative=period.relative)


# The walk's method for each event kind (X only splits clauses; A is read in run()).
_HANDLERS = {"M": _SentenceWalk.mention, "P": _SentenceWalk.period, "K": _SentenceWalk.kind_cue,
             "S": _SentenceWalk.scope, "T": _SentenceWalk.breakdown, "L": _SentenceWalk.place,
             "V": _SentenceWalk.level, "C": _SentenceWalk.change, "B": _SentenceWalk.base}


