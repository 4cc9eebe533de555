"""The walk's steps for a level (V): the figure a record states, and the asides around it.

A part of _SentenceWalk (hbetl/extract_walk.py), which holds the walk's state (see its
__init__) and inherits these methods.  level() attaches a number and its unit to the open
record or opens one (an amount, a count, a share of the plan, a growth rate written as a level:
"tăng trưởng tín dụng 14%"), or leaves it (a unit the subject does not take, a count of
something else); base_level reads last year's level in brackets; a bracket that lists a
total's parts (named, or as bare amounts in its unit) is an aside, and the close_* steps end
such asides (and last year's level in brackets) so the total goes on after them.
_code_for_unit and _as_growth, shared with the changes, are here.  This module imports nothing
from extract_walk at run time.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hbetl.extract_bases import (
    _INDEX_CODES,
    _earlier_rate,
    _is_earlier_draft,
    _plan_adjusted_before,
    _target_rate,
)
from hbetl.extract_events import PLAN_SHARE_CODES, Event, fits, plan_share_rate
from hbetl.indicators import find_mentions
from hbetl.periods import year_of

if TYPE_CHECKING:
    from hbetl.extract_walk import Draft

# A count that says nothing of what the firms did: its clause ends, or its capital or change follows.
_COUNT_ALONE_AFTER_RE = re.compile(r"\s*(?:[,;.()]|$|(?:với|và|tăng|giảm|bằng|đạt)(?!\w))")
_YEAR_IN_BASE_RE = re.compile(r"(?:19|20)\d\d")
# Domestic enterprises register capital in đồng; registered capital written in dollars
# ("5 dự án FDI, tổng vốn đăng ký 75 triệu USD") is foreign direct investment.
_CODE_FOR_UNIT = {("registered_capital", "usd"): "fdi_capital"}


# A part's bare name before its amount in a bracket: one to four words of letters ("cấp mới",
# "tăng vốn", "góp vốn mua cổ phần"), none a word of time, comparison or share.
_PART_NAME_RE = re.compile(
    r"(?!(?:trong|riêng|so|cùng|tháng|quý|năm|chiếm|bằng|tăng\s+\d|giảm|đạt|khoảng)(?!\w))"
    r"[^\W\d_]+(?:\s+[^\W\d_]+){0,3}")


def _code_for_unit(subject: dict | None, ev: Event) -> str | None:
    if subject is None:
        return None
    if subject.get("by_unit") and subject["code"] == "fdi_capital" and ev.data["family"] == "money":
        # "tổng vốn đăng ký 265 triệu USD và 1.240 tỷ đồng": the capital phrase read as FDI for its
        # dollars, then the domestic projects' capital in đồng (registered capital again).
        return "registered_capital"
    return _CODE_FOR_UNIT.get((subject["code"], ev.data["family"]))


def _as_growth(ev: Event) -> Event:
    """A percent stated as a growth's level, as the change it is (its base found as any change's)."""
    pct = ev.data["value"] if ev.kind == "V" else ev.data["pct"]
    return Event(ev.start, ev.end, "C", {"field": "yoy", "pct": pct, "fixed": False, "relative": True,
                                         "about": None, "qualifier": ev.data.get("qualifier")})


# "3 dự án tăng vốn 152 tỷ đồng", "dự án tăng vốn đầu tư 80 tỷ đồng": the capital domestic projects
# added, right before its amount, is no new registration (metric-record.md: Parts of a total).
_CAPITAL_RAISED_BEFORE_RE = re.compile(r"(?<!\w)tăng\s+vốn(?:\s+(?:đầu\s+tư|điều\s+lệ))?\s+$", re.IGNORECASE)

# "Có 10 dự án được cấp mới và 20 dự án được điều chỉnh với tổng vốn đầu tư đăng ký khoảng 3.003 tỷ
# đồng", "cấp mới 90 dự án, điều chỉnh 120 lượt dự án, tổng vốn đăng ký cấp mới và tăng thêm …", "nâng
# tổng vốn đầu tư đăng ký mới và điều chỉnh lên 358 tỷ đồng": an amount written after both the new and
# the adjusted projects are named (since the last amount or change, within the clause) is their capital
# together, no new registration (registered_capital counts new projects only: metric-record.md).
_ADJUSTED_NAMED_RE = re.compile(r"(?<!\w)(?:điều\s+chỉnh|tăng\s+thêm|tăng\s+vốn)(?!\w)")


def _new_and_adjusted_before(s: str, events: list[Event], at: int) -> bool:
    """Both new ("mới") and adjusted projects are named in ``s`` between the last amount, change
    or ';' before ``at`` and ``at``."""
    lo = 0
    for e in events:
        if e.end > at:
            break
        if (e.kind == "C" or (e.kind == "V" and e.data["family"] == "money")
                or (e.kind == "X" and e.data["char"] == ";")):
            lo = e.end
    span = s[lo:at].lower()
    return "mới" in span and _ADJUSTED_NAMED_RE.search(span) is not None


class _LevelSteps:
    """The walk's steps for a level (V): the figure a record states, and the asides around it.
    A mixin of _SentenceWalk: its state is _SentenceWalk's."""

    __slots__ = ()  # the state is in _SentenceWalk's slots: no __dict__ on the walk

    def plan_share(self, ev: Event) -> None:
        """"vốn đầu tư công … mới giải ngân được khoảng 26%": a disbursement written as a rate
        alone is its share of the plan, the record's own when it has none yet."""
        if self.cur is None or self.cur.plan is not None:
            period = self.cur.period if self.cur is not None else None
            self.flush()
            self.cur = self.open_draft(ev.start, period)
        self.cur.plan, self.cur.end = ev.data["value"], self.s_start + ev.end
        if self.cur.change_qualifier is None:
            self.cur.change_qualifier = ev.data["qualifier"]

    def count_in_clause_after_semicolon(self) -> bool:
        """The clause walked opens with ';', after the record's level."""
        clause = self.clause
        return bool(clause) and clause[0].kind == "X" and clause[0].data["char"] == ";" and self.cur is not None \
            and self.cur.end <= self.s_start + clause[0].start

    def level(self, ev: Event) -> None:
        self.last_m_open = False
        subject = self.subject
        if ev.data.get("compared_level") and not (ev.data.get("goal_only") and (
                subject is None or subject["unit"] != "percent" or subject["code"] in _INDEX_CODES)):
            # ("so với mục tiêu 95%" of a disbursement is its plan's share, read as any level)
            self.compared_level(ev)
            return
        if (ev.data.get("base_level") is not None and self.cur is not None and not self.cur.has_figure()
                and self.drafts and self.drafts[-1].value is not None and self.drafts[-1].code == self.cur.code):
            # "tăng 101,6% so với tháng trước (570.900 lượt khách)": the bracket's figure named itself
            # ("lượt khách") and opened a record; it is the base's level of the record before it.
            self.cur = self.drafts.pop()
        if ev.data.get("base_level") is not None and self.cur is not None and self.cur.value is not None:
            self.base_level(ev, ev.data["base_level"])
            return
        if subject is not None and subject.get("growth") and ev.data["family"] == "percent":
            self.change(_as_growth(ev))  # "tăng trưởng tín dụng 14%": the change, not a level
            return
        if subject is not None and subject.get("plan") and _plan_adjusted_before(self.s, ev.start):
            return  # "dự toán thu ngân sách được điều chỉnh giảm …, xuống còn 9.500 tỷ đồng": a plan cut, no record
        if (subject is not None and subject["code"] == "registered_capital" and ev.data["family"] == "money"
                and _CAPITAL_RAISED_BEFORE_RE.search(self.s, max(0, ev.start - 24), ev.start)):
            return  # "6 dự án cấp mới với tổng vốn đăng ký 945 tỷ đồng và 3 dự án tăng vốn 152 tỷ đồng": no new capital
        if (subject is not None and subject["code"] == "registered_capital" and ev.data["family"] == "money"
                and "mới" in self.s and _new_and_adjusted_before(self.s, self.events, ev.start)):
            return  # "10 dự án cấp mới và 20 dự án điều chỉnh với tổng vốn đăng ký 3.003 tỷ đồng": both together
        switched = _code_for_unit(subject, ev)
        if switched is not None and subject is not None:
            subject = self.subject = {**subject, "code": switched, "unit": self.catalogue[switched].unit, "by_unit": True}
            if self.cur is not None and not self.cur.has_figure():
                self.cur.code = switched
        if subject is not None and ev.data["family"] == "count" and self.drafts and not fits(ev, subject):
            counted = self.count_after_a_new_period(ev)
            if counted is not None:
                self.flush()
                subject = self.subject = counted
                if self.local_period is not None:
                    self.cur = self.open_draft(ev.start, self.local_period)  # "…; lũy kế 6 tháng có 320 doanh nghiệp, tăng 8%"
        if subject is not None and ev.data.get("plan_figure") and not subject.get("plan"):
            # (A subject that names the plan itself, "kế hoạch vốn đầu tư công năm 2024 là 3.000 tỷ
            # đồng", takes its figure as any subject: a target of the period it names.)
            # "vượt … so với kế hoạch đề ra đầu năm 2022 là 8,42%": the plan's rate, a target of
            # that plan's year (a growth for an indicator counted in money or goods).
            done = self.cur if ev.data.get("over_done") and self.cur is not None and self.cur.value is not None else None
            self.flush()
            # The plan's period: named with the plan, else the clause's ("mục tiêu … đến năm 2025 là …").
            anchor = done.period if done is not None else (
                self.cur.period if self.cur is not None and self.cur.has_figure() else self.para.period)
            self.cur = self.open_draft(ev.start, self.plan_period or self.local_period
                                       or year_of(anchor, self.para.published, self.para.context_year))
            self.cur.kind, self.cur.end = "target", self.s_start + ev.end
            if subject["unit"] == "percent" or ev.data["family"] != "percent":
                # A percent, or an amount; with its qualifier, as any level's ("mục tiêu khoảng
                # 22.000 tỷ đồng", "mục tiêu trên 5 triệu lượt khách").
                self.cur.value, self.cur.unit = ev.data["value"], subject["unit"]
                self.cur.qualifier = ev.data["qualifier"]
            elif subject["code"] in PLAN_SHARE_CODES:
                self.cur.plan = ev.data["value"]  # "mục tiêu 95%": the share of the plan to disburse
            else:
                self.cur.yoy = ev.data["value"]
            if done is not None and self.drafts and self.drafts[-1] is done:
                # "đạt 3.456/5.000 tỷ đồng, bằng 69,1% dự toán": the plan written with the level
                # done; what follows is the level's.
                self.flush()
                self.drafts.remove(done)
                self.cur = done
            return
        if subject is not None and self.kind != "target" and plan_share_rate(ev, subject):
            self.plan_share(ev)
            return
        if (subject is not None and subject["code"] in PLAN_SHARE_CODES and ev.data["family"] == "percent"
                and _is_earlier_draft(self.cur)):
            # "đạt 60,2%, cao hơn cùng kỳ năm trước (55,3%)": last year's share of its plan.
            assert self.cur is not None
            self.cur.plan, self.cur.end = ev.data["value"], self.s_start + ev.end
            return
        # (Only before the subject's own level: "vốn FDI đạt 300 triệu USD từ 15 dự án, tăng 25%" is the capital's;
        # or in a clause of its own after ';': "thu ngân sách … 1.262,3 tỷ đồng; cuối năm còn 3.414 hộ nghèo,
        # giảm 7,5%" counts the households, the change is theirs.)
        self.counts_other = (subject is not None and ev.data["family"] == "count" and not fits(ev, subject)
                             and (self.cur is None or self.cur.value is None or self.count_in_clause_after_semicolon()))
        if subject is None or not (fits(ev, subject) or _earlier_rate(ev, self.cur, subject)):
            if _target_rate(ev, subject, self.kind):
                # "cao hơn mức phấn đấu của năm là 7%": a plan written as a growth rate.
                period = self.cur.period if self.cur is not None and not self.cur.has_figure() else None
                self.flush()
                self.cur = self.open_draft(ev.start, period)
                if subject is not None and subject["code"] in PLAN_SHARE_CODES:
                    # "mục tiêu giải ngân vốn đầu tư công trên 95%": a disbursement's goal is its plan's share.
                    self.cur.plan, self.cur.change_qualifier = ev.data["value"], ev.data["qualifier"]
                else:
                    self.cur.yoy = ev.data["value"]
                self.cur.end = self.s_start + ev.end
            return
        if subject["code"] in _INDEX_CODES and _earlier_rate(ev, self.cur, subject):
            # "thấp hơn mức tăng của cùng kỳ năm 2011 (8,8%)": an index's rate is its change.
            assert self.cur is not None
            self.cur.yoy, self.cur.end = ev.data["value"], self.s_start + ev.end
            return
        if self.cur is not None and self.cur.value is not None:
            if ev.data.get("after_change"):
                return  # "là 905.867 tấn, giảm 0,58% (5.240 tấn)": the change as an amount
            period = self.cur.period
            self.flush()
            self.cur = self.open_draft(ev.start, period)
        if self.cur is None:
            self.cur = self.open_draft(ev.start)
            self.share_among_waiting_places()
        cur = self.cur
        if self.pending_scope and not self.has_mention:
            cur.scope = self.pending_scope
            self.pending_scope = None
        cur.value = ev.data["value"]
        cur.unit = subject["unit"]
        cur.qualifier = ev.data["qualifier"]
        cur.end = self.s_start + ev.end
        if ev.data.get("own_period") is not None:
            cur.period = ev.data["own_period"]  # "từ 7,9 tỷ USD năm 2014 lên 15,9 tỷ USD năm 2015"
            self.period_seen = True  # (a year was written: "… lên 1.380 tỷ đồng vào năm 2023" is the second's alone)

    def base_level(self, ev: Event, base: dict) -> None:
        """An amount alone in brackets after the base, once the record has its level, is the base's
        level ("2.340 tỉ đồng, tăng 56% so với cùng kỳ năm trước (1.500 tỉ đồng)"): last year's record
        when the base is the same period of an earlier year; nothing when it is an average or a plan."""
        subject, cur = self.subject, self.cur
        assert cur is not None
        if subject is None or base["field"] not in ("yoy", "mom") or not fits(ev, subject):
            return
        if base["field"] == "mom":
            # "tăng 101,6% so với tháng trước (570.900 lượt khách)": the month before's level.
            if cur.period is None or cur.period.kind != "M" or cur.period.n < 2 or cur.period_year_shift is not None:
                return
            self.flush()
            self.cur = self.open_draft(ev.start, cur.period._replace(n=cur.period.n - 1))
            self.cur.kind = "actual"
        else:
            year = _YEAR_IN_BASE_RE.search(base["what"])
            self.flush()
            self.cur = self.open_draft(ev.start, cur.period, year.group(0) if year else -1)
        self.cur.value, self.cur.unit, self.cur.qualifier = ev.data["value"], subject["unit"], ev.data["qualifier"]
        self.cur.end = self.s_start + ev.end
        if self.drafts and self.drafts[-1] is cur:
            self.base_aside = (self.cur, cur)

    def close_base_aside(self) -> None:
        """Last year's level in brackets is an aside: once the bracket closes, what follows is the
        record it interrupted ("tăng 18% so với cùng kỳ năm 2024 (1,38 triệu lượt), đạt 19% so với
        kế hoạch năm 2025": this year's share of this year's plan)."""
        earlier, interrupted = self.base_aside  # type: ignore[misc]
        self.base_aside = None
        if self.cur is not earlier or not self.drafts or self.drafts[-1] is not interrupted:
            return
        self.resume(interrupted)

    def close_period_aside(self, at: int) -> None:
        """An earlier period's figure in brackets is an aside (the bracket opened on "cùng kỳ" or a
        year): once the bracket closes, a figure that follows is the record it interrupted's, of the
        same indicator ("(cùng kỳ năm 2021 đạt 667 triệu USD), bằng 75% kế hoạch": this year's share)."""
        interrupted = self.period_aside
        self.period_aside = None
        cur = self.cur
        if (cur is None or cur is interrupted or interrupted is None or cur.code != interrupted.code
                or not self.figure_follows(at) or interrupted not in self.drafts):
            return
        self.resume(interrupted)

    def close_national_aside(self, at: int) -> None:
        """The country's figure in brackets is an aside: once the bracket closes, a figure that
        follows in the sentence is the province's record the bracket interrupted (written already
        when it had a figure, then taken back; still open when its figure was to come)."""
        interrupted = self.national_aside
        self.national_aside = None
        cur = self.cur
        if (interrupted is None or cur is None or cur is interrupted or cur.scope != "cả nước"
                or not self.figure_follows(at)):
            return
        if interrupted in self.drafts:
            self.resume(interrupted)
        elif not interrupted.has_figure():
            self.flush()
            self.cur = interrupted

    def figure_follows(self, at: int) -> bool:
        """A level or a change is written at ``at`` or after it in the sentence (after an aside's bracket)."""
        return any(e.start >= at and e.kind in ("V", "C") for e in self.events)

    def resume(self, interrupted: Draft) -> None:
        """The record an aside interrupted is open again: the aside's record is written, and the
        interrupted one, taken back from the written drafts, takes the figures that follow."""
        self.flush()
        self.drafts.remove(interrupted)
        self.cur = interrupted

    def parts_named_in_bracket(self, ev: Event) -> None:
        """"CPI tháng 9 tăng 0,24% so với tháng trước (khu vực thành thị tăng 0,27%; khu vực nông thôn
        tăng 0,21%); tăng 2,44% so với cùng kỳ": a bracket opening on a part of the record just stated
        (its own indicator, narrowed by a scope) lists the parts, as "(trong đó …)" does; what follows
        the bracket is the total's again (close_bracket_breakdown)."""
        cur, subject = self.cur, self.subject
        if (cur is not None and subject is not None and ev.data["scope"] and ev.data["code"] == subject["code"]
                and not subject.get("scope") and cur.has_figure()):
            self.bracket_total = (cur, subject)

    def amounts_listed_in_bracket(self, brk: Event) -> bool:
        """"tổng vốn đầu tư cấp mới và tăng thêm 261 triệu USD (cấp mới 149 triệu USD; tăng vốn 112 triệu
        USD), bằng 28% so với cùng kỳ": a bracket right after the total's figure that lists two amounts
        or more in its unit, and no change, period or plan of its own, names the total's parts (as a
        bracket opened by "trong đó" does): what follows it is the total's again."""
        events = self.events
        at = events.index(brk)
        before = events[at - 1] if at else None
        if before is None or before.kind != "V" or self.s[before.end:brk.start].strip():
            return False
        family, parts = before.data["family"], 0
        for e in events[at + 1:]:
            if e.kind == "X" and e.data["char"] in ")(":
                return e.data["char"] == ")" and parts >= 2
            if e.kind in "CPBKT" or (e.kind == "V" and e.data["family"] != family):
                return False
            parts += e.kind == "V"
        return False

    def part_amount_in_bracket(self, clause: list[Event], clause_start: int) -> bool:
        """Inside a bracket that lists a total's parts as amounts, each amount after a part's bare
        name is that part: "(cấp mới 149 triệu USD; tăng vốn 112 triệu USD)" gives the new and the
        added capital, scoped by the words before each amount (with a colon, "cấp mới: 175 triệu
        USD", the colon splits them off already). The words must be a short name."""
        total = self.bracket_total
        first = next((e for e in clause if e.kind in ("V", "C")), None)
        if total is None or total[1]["code"] != "fdi_capital" or first is None or first.kind != "V":
            return False  # (FDI's parts are records of their own, Conventions; a domestic increase is none)
        name = self.s[clause_start:first.start].strip(" :(;")
        if not _PART_NAME_RE.fullmatch(name):
            return False
        self.pending_scope = name
        return True

    def close_bracket_breakdown(self, clause: list[Event]) -> None:
        """Once a bracket listing a total's parts closes, a clause naming no indicator goes on with
        the total ("(trong đó, khách quốc tế 368.300 lượt), tăng 71% so với cùng kỳ": the total's change)."""
        total, subject = self.bracket_total  # type: ignore[misc]
        self.bracket_total = None
        if any(e.kind == "M" for e in clause) or not any(d is total for d in self.drafts):
            return
        self.flush()
        self.drafts = [d for d in self.drafts if d is not total]
        self.cur, self.subject, self.in_breakdown = total, subject, False

    def count_after_a_new_period(self, ev: Event) -> dict | None:
        """The sentence's earlier count as the subject of a count after a new period that the open
        subject cannot take: "Tháng 6 có 52 doanh nghiệp thành lập mới, vốn đăng ký 310 tỷ đồng;
        lũy kế 6 tháng có 320 doanh nghiệp với tổng vốn đăng ký 2.150 tỷ đồng" (the running total
        counts new firms again, its noun alone written). Firms of another kind ("120 doanh nghiệp
        giải thể") fit no subject of new firms, and with no period between, the count is the
        object of something else ("vốn đăng ký 310 tỷ đồng của 52 doanh nghiệp")."""
        if not _COUNT_ALONE_AFTER_RE.match(self.s, ev.end):
            return None  # "6 tháng có 1.200 doanh nghiệp nộp thuế": firms doing something else
        last = self.cur if self.cur is not None and self.cur.has_figure() else self.drafts[-1]
        since = last.end - self.s_start
        if not any(e.kind == "P" and since <= e.start < ev.start for e in self.events):
            return None
        earlier = next((d for d in reversed(self.drafts) if self.catalogue[d.code].unit == "count"), None)
        if earlier is None:
            return None
        subject = {"code": earlier.code, "label": earlier.label, "scope": earlier.scope, "unit": "count",
                   "plan": False, "growth": False}
        return subject if fits(ev, subject) else None

    def names_new_capital(self) -> bool:
        """"So với cùng kỳ năm trước, tăng 15,2% về số doanh nghiệp, giảm 16,5% về số vốn đăng ký":
        the sentence speaks of registered capital, the capital of newly registered firms, so the
        firms it counts beside it by their head words alone are the new ones."""
        for e in self.events:
            if e.kind == "M" and e.data["code"] == "registered_capital":
                return True
            if (e.kind == "C" and e.data.get("about") and "vốn" in e.data["about"]
                    and any(m.code == "registered_capital" for m in find_mentions(e.data["about"]))):
                return True
        return False
