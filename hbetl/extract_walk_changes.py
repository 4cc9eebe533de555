"""The walk's steps for a change (C): a rise, a fall or a share of a plan, and whose it is.

A part of _SentenceWalk (hbetl/extract_walk.py), which holds the walk's state (see its
__init__) and inherits these methods.  change() gives the open record its change (yoy, mom or
plan, by the base the change is measured against: hbetl/extract_bases.py) or opens a record of
the change alone ("GRDP tăng 8,5%"); the compared_* steps read a rate compared with another
("cao hơn mức tăng 6,1% của cùng kỳ"), a record of its own or none.  This module imports
nothing from extract_walk at run time.
"""
from __future__ import annotations

import re

from hbetl.extract_bases import _INDEX_CODES, _apply_change, _base_before_contrast
from hbetl.extract_events import PLAN_SHARE_CODES, Event, fits
from hbetl.extract_walk_levels import _as_growth
from hbetl.extract_weak_phrases import CONTINUATION_WORDS
from hbetl.periods import PeriodSpec

# "… mức tăng 7,23% ước tính vào cuối tháng 3/2005", "… 6,5% công bố hồi tháng 4": an earlier estimate.
_EARLIER_ESTIMATE_AFTER_RE = re.compile(
    r"\s*(?:được\s+|đã\s+)?(?:ước\s+tính|ước|công\s+bố|dự\s+báo|đưa\s+ra)\s+(?:trước\s+đó\s+)?(?:vào|hồi|lúc|tại\s+thời\s+điểm)(?!\w)",
    re.IGNORECASE)
# "… của tháng trước", "… cùng kỳ năm 2023": the period of a level compared with.
_PERIOD_BEFORE_RE = re.compile(
    r"\s+(?:của\s+)?(?:(?P<month>tháng\s+trước)|cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái|(?P<year>(?:19|20)\d\d)))?)(?!\w)",
    re.IGNORECASE)
_EARLIER_YEAR_AFTER_RE = re.compile(r"\s+năm\s+(?:trước|ngoái|((?:19|20)\d\d))(?!\w)", re.IGNORECASE)


def _average_rate_of(subject: dict | None) -> bool:
    """A change written "tăng bình quân X%" is a record's only for the price index, whose
    period's average is its figure ("CPI 5 tháng tăng bình quân 3,21%", as "CPI bình quân 5
    tháng tăng 3,21%"); another indicator's average rise is a rate a year over years ("tăng
    bình quân 18,04%/năm"), no record."""
    return subject is not None and subject["code"] == "cpi"


# "theo giá hiện hành", "(giá hiện hành)": at current prices, a level in money and its nominal change;
# "theo giá thực tế" (the statistics offices' other name for them) the same.
_CURRENT_PRICES_RE = re.compile(r"(?<!\w)giá\s+(?:hiện\s+hành|thực\s+tế)(?!\w)", re.IGNORECASE)


def _at_current_prices(s: str, at: int) -> bool:
    """The clause before a change states its figure at current prices: the change is nominal
    ("GRDP theo giá hiện hành ước đạt 21.771 tỷ đồng, tăng 11,23%"), not the economy's growth.
    Only since the last ';', so a growth stated in an item of its own keeps its reading."""
    if "hiện hành" not in s and "thực tế" not in s:  # (rare: most sentences never name prices)
        return False
    start = s.rfind(";", 0, at) + 1
    m = _CURRENT_PRICES_RE.search(s, start, at)
    # "GRDP … theo giá hiện hành ước đạt 25.300 tỷ đồng, theo giá so sánh ước đạt 12.100 tỷ đồng, tăng
    # 6,8%": constant prices named after the current ones, the change is at constant prices, the growth.
    return m is not None and _CONSTANT_PRICES_RE.search(s, m.end(), at) is None


_CONSTANT_PRICES_RE = re.compile(r"(?<!\w)giá\s+(?:so\s+sánh|cố\s+định)(?!\w)", re.IGNORECASE)


# "về giá trị", "về lượng": how much of it, by value or by volume; the thing itself is named before.
_VALUE_OR_VOLUME = frozenset({"giá trị", "trị giá", "kim ngạch", "lượng", "số lượng", "khối lượng", "sản lượng"})


def _after_a_split(events: list[Event], start: int) -> bool:
    """Whether the last phrase named before ``start`` in its clause is a split of an indicator (a product,
    a market: no record): "kim ngạch xuất khẩu gạo đạt hơn 1,4 tỉ USD, tăng 17% về giá trị và tăng 4% về
    lượng" says how the rice's exports changed, not the exports' ('về giá trị' names no other subject)."""
    for e in reversed(events):
        if e.start >= start:
            continue
        if e.kind == "X" and e.data.get("char") in (";", "."):
            return False
        if e.kind == "M":
            return bool(e.data.get("foreign"))
    return False


# The words of "về giá trị", "về lượng" themselves, which stand between a listed good's two changes
# ("tăng 20,1% về lượng và 22,4% về giá trị").
_VALUE_OR_VOLUME_WORDS = frozenset({"về", *" ".join(_VALUE_OR_VOLUME).split()})


def _names_a_good_before(s: str, events: list[Event], start: int) -> bool:
    """Whether the sentence, before the change at ``start`` (since its last ';'), names a thing of
    its own: a word that is neither an event (a period, a base, a figure, a cue) nor one of the words
    a clause continuing a subject opens with (CONTINUATION_WORDS). A change "về giá trị" / "về lượng"
    after a good or a market the catalogue does not hold ("Riêng cà phê tăng 12% về lượng và 15% về
    giá trị", "… như hạt điều tăng 25% về giá trị, hồ tiêu …") is that good's, a split by commodity
    (Conventions), not the trade total the paragraph named last; "So với cùng kỳ, tăng 12% về giá
    trị" names nothing and continues it."""
    begin = s.rfind(";", 0, start) + 1
    chars = list(s[begin:start])
    for e in events:
        if e.end > begin and e.start < start:
            chars[max(e.start - begin, 0):e.end - begin] = " " * (min(e.end, start) - max(e.start, begin))
    words = "".join(chars).lower().replace(",", " ").replace(":", " ").split()
    return any(w not in CONTINUATION_WORDS and w not in _VALUE_OR_VOLUME_WORDS and not w[:1].isdigit() for w in words)


class _ChangeSteps:
    """The walk's steps for a change (C): a rise, a fall or a share of a plan, and whose it is.
    A mixin of _SentenceWalk: its state is _SentenceWalk's."""

    __slots__ = ()  # the state is in _SentenceWalk's slots: no __dict__ on the walk

    def change(self, ev: Event) -> None:
        self.last_m_open = False
        if ev.data.get("average_rate") and not _average_rate_of(self.subject):
            return
        if ev.data.get("field") is None:
            if ev.data.get("compared_pct") is not None:
                self.compared_rate(ev)
            return
        if self.subject is None:
            # "So với tháng Sáu, các chỉ số này ghi nhận mức giảm lần lượt là 32,3% về số doanh
            # nghiệp": with no subject, a change that says what changed is that indicator's.
            if ev.data.get("about") and not ev.data.get("about_object") and not (
                    ev.data["about"].lower() in _VALUE_OR_VOLUME
                    and (_after_a_split(self.events, ev.start) or _names_a_good_before(self.s, self.events, ev.start))):
                draft = self.draft_about(ev.data["about"])
                if draft is not None:
                    subject = {"code": draft.code, "label": draft.label, "scope": draft.scope,
                               "unit": self.catalogue[draft.code].unit}
                    _apply_change(Event(ev.start, ev.end, "C", {**ev.data, "about": None}), draft, subject,
                                  self.events, self.drafts, self.s_start)
            return
        if self.counts_other and not ev.data.get("about"):
            # "Về vốn điều chỉnh, có 300 lượt dự án điều chỉnh vốn, tăng 5%; …": a change
            # right after a count of something else (projects, for a capital) is that count's.
            return
        if self.subject.get("growth") and ev.data.get("level_if_percent"):
            ev = _as_growth(ev)  # "tăng trưởng tín dụng đạt 10,73%"
        if ev.data.get("of_place") and self.subject["code"] in PLAN_SHARE_CODES:
            # "tỷ lệ giải ngân cao như Hà Tĩnh (72%), Long An (68,5%)": each place's share of its plan.
            ev = Event(ev.start, ev.end, "C", {**ev.data, "field": "plan"})
        if self.subject["code"] == "grdp_growth" and ev.data["field"] == "yoy" and self.s[ev.start:ev.start + 4].lower() == "gấp ":
            # "quy mô GRDP … đạt trên 448.978 tỷ đồng, gấp 4,5 lần so với quy mô GRDP tỉnh Bình Phước": a
            # multiple compares the economy's size (a level in money, no record); its growth is a percent.
            return
        if self.subject["code"] == "grdp_growth" and _at_current_prices(self.s, ev.start):
            # "Quy mô GRDP … theo giá hiện hành quý I/2023 ước đạt 21.771 tỷ đồng, tăng 11,23%": the
            # economy's size in money changes with prices; growth is measured at constant prices.
            return
        if (self.subject["code"] == "grdp_growth" and ev.data["field"] == "yoy" and self.cur is not None
                and self.cur.value is not None):
            # "tốc độ tăng trưởng … đạt 7,58%, tăng 2,97% so với cùng kỳ": a growth rate is the change
            # on last year already; a change after it is the rate's own (no label in dev or the blind
            # sets gives GRDP growth both a level and a yoy_pct).
            return
        if (self.pending_scope and not self.has_mention and self.cur is not None and self.cur.has_figure()
                and "yếu tố" not in self.pending_scope):
            # (not "nếu loại trừ yếu tố giá thì tăng 9,5%": growth net of prices is no record)
            self.open_scoped_part(ev)
        # Only a change that says "về …" names what changed; "bằng 33% GDP" is a share of something else.
        # (the connective looked for only where "đó" is written: one sentence in ~10)
        contrast = _base_before_contrast(self.s, ev, self.events, self.para.events_before) if "đó" in self.s else None
        _apply_change(ev, self.cur, self.subject, self.events, self.drafts, self.s_start,
                      None if ev.data.get("about_object") else self.draft_about, self._earlier_base(), contrast)
        if self.cur is None and not ev.data.get("about"):
            self.cur = self.open_draft(ev.start)
            self.share_among_waiting_places()
            _apply_change(ev, self.cur, self.subject, self.events, self.drafts, self.s_start,
                          earlier_base=self._earlier_base(), contrast_base=contrast)

    def open_scoped_part(self, ev: Event) -> None:
        """A change after a scope written once the record has its figure: "thu ngân sách đạt 5.000 tỷ
        đồng, nếu không tính tiền sử dụng đất thì tăng 8%" states the narrower revenue's change, a
        record of its own with that scope (as a level after the scope is: level), not the total's."""
        assert self.cur is not None
        period = self.cur.period
        self.flush()
        self.cur = self.open_draft(ev.start, period)
        self.cur.scope, self.pending_scope = self.pending_scope, None

    def _earlier_base(self) -> Event | None:
        """The base a sentence before wrote that this sentence's bare changes may take: a bank
        report's, or the price index's for its parts by area."""
        return self.para.index_base if self.subject["code"] == "cpi" else self.para.balance_base

    def compared_rate(self, ev: Event) -> None:
        """'cao hơn mức tăng 5,03% của quý I/2024', 'thấp hơn mức tăng 7,02% của cùng kỳ năm 2023':
        the rate compared with is the subject's figure for the period named right after it, a
        record of its own, as '(cùng kỳ năm 2023 tăng 9,6%)' is (metric-record.md). Known, so
        actual. With no period right after it ("cao hơn mức tăng 6,1% cả nước"), nothing."""
        if self.subject is None:
            return
        if (ev.data.get("compared_spec") is not None or ev.data.get("compared_national") or ev.data.get("compared_goal")
                or ev.data.get("compared_shift") is not None):
            self.compared_in_bracket(ev)
            return
        if ev.data.get("compared_list"):  # "cao hơn tốc độ tăng 2,19% và 1,57% của 9 tháng các năm 2020 và 2021"
            for pct, spec, year in ev.data["compared_list"]:
                if spec is None:  # "… của cùng kỳ năm 2020 và 2021": the record's period, in that year
                    spec = self.cur.period if self.cur is not None else self.para.period
                draft = self.open_draft(ev.start, spec, year)
                draft.kind, draft.yoy, draft.end = "actual", pct, self.s_start + ev.end
                self.drafts.append(draft)
            return
        earlier = _EARLIER_ESTIMATE_AFTER_RE.match(self.s, ev.end)
        if earlier is not None and self.cur is not None and self.cur.period is not None:
            # "quí I tăng 7,31% (cao hơn mức tăng 7,23% ước tính vào cuối tháng 3/2005)": the same
            # period's earlier estimate; the date is when it was made, no period of a figure.
            when = next((e for e in self.events if e.kind == "P" and earlier.end() <= e.start <= earlier.end() + 8), None)
            if when is not None:
                when.data["consumed"] = True
            for e in self.events:
                if e.kind == "K" and ev.end <= e.start < earlier.end():
                    e.data["consumed"] = True
            draft = self.open_draft(ev.start, self.cur.period)
            draft.kind, draft.yoy, draft.end = "estimate", ev.data["compared_pct"], self.s_start + ev.end
            self.drafts.append(draft)
            return
        # (" của ", or " trong " for a rate listed after another: "… và 5,74% trong 6 tháng năm ngoái")
        after = next((e for e in self.events if e.kind == "P" and ev.start < e.start <= ev.end + 7), None)
        if self.s[ev.start:ev.end].lower().endswith(("cùng kỳ", "thời kỳ", "giai đoạn")) and (after is None or after.data.get("spec") is not None):
            # "thấp hơn nhiều so với mức tăng 9,5% cùng kỳ năm trước (năm 2018)": the same period of an earlier year.
            year = _EARLIER_YEAR_AFTER_RE.match(self.s, ev.end)
            if after is not None and year is not None and after.start <= year.end():
                after.data["consumed"] = True
            base_period = self.cur.period if self.cur is not None else self.para.period
            draft = self.open_draft(ev.start, base_period, (year.group(1) or -1) if year else -1)
            draft.kind, draft.yoy, draft.end = "actual", ev.data["compared_pct"], self.s_start + ev.end
            self.drafts.append(draft)
            return
        if after is None or after.data.get("consumed"):
            return
        after.data["consumed"] = True  # the period names the compared figure's, not the sentence's
        if after.data.get("spec") is None:  # "của cùng kỳ năm 2023"
            base_period = self.cur.period if self.cur is not None else self.para.period
            draft = self.open_draft(ev.start, base_period, after.data["shift"])
        else:
            draft = self.open_draft(ev.start, self._with_year_after(after))
        draft.kind, draft.yoy, draft.end = "actual", ev.data["compared_pct"], self.s_start + ev.end
        self.drafts.append(draft)

    def _with_year_after(self, p: Event) -> PeriodSpec:
        """The period ``p`` names, with the year written right after it when it names none of its own
        ("5,74% trong 6 tháng năm ngoái": the months and "năm ngoái" are read as two periods)."""
        spec = p.data["spec"]
        if spec.kind == "Y" or spec.year is not None or spec.relative is not None:
            return spec
        year = next((e for e in self.events if e.kind == "P" and p.end < e.start <= p.end + 1), None)
        if year is None or year.data.get("spec") is None or year.data["spec"].kind != "Y" or year.data["spec"].n:
            return spec
        year.data["consumed"] = True
        return spec._replace(year=year.data["spec"].year, relative=year.data["spec"].relative)

    def compared_level(self, ev: Event) -> None:
        """'cao hơn so với mức 1,91 tỷ USD của tháng trước': the level compared with is the
        subject's figure for the period named right after it (the month before the record's,
        the same period a year before, or a period written out); with none, nothing."""
        cur, subject = self.cur, self.subject
        if subject is None or cur is None:
            return
        if cur.period is None:
            # "đạt 7,16%, vượt qua con số 6,14% của năm 2023": with no period of the record's own
            # yet, the compared figure's written period is still its own (and not the record's).
            self.compared_level_of_period(ev, subject)
            return
        if ev.data["compared_forecast"] and subject["unit"] == "percent" and subject["code"] not in _INDEX_CODES:
            # "chỉ đạt 5,64%, thấp hơn so với mức dự báo 5,8%": the forecast for the same period, a target;
            # "thấp hơn mức mục tiêu 7,5% đặt ra cho cả năm": for the period named after it.
            after = next((e for e in self.events if e.kind == "P" and ev.end < e.start <= ev.end + 20
                          and e.data.get("spec") is not None), None)
            if after is not None:
                after.data["consumed"] = True
            draft = self.open_draft(ev.start, cur.period if after is None else after.data["spec"])
            draft.kind, draft.value, draft.unit, draft.end = "target", ev.data["value"], "percent", self.s_start + ev.end
            self.drafts.append(draft)
            return
        if not fits(ev, subject):
            return
        after = next((e for e in self.events if e.kind == "P" and ev.end < e.start <= ev.end + 6), None)
        before = _PERIOD_BEFORE_RE.match(self.s, ev.end)
        if after is not None and after.data.get("spec") is not None:
            after.data["consumed"] = True
            draft = self.open_draft(ev.start, after.data["spec"])
        elif before is not None and before.group("month"):
            if cur.period.kind != "M" or cur.period.n < 2:
                return
            draft = self.open_draft(ev.start, cur.period._replace(n=cur.period.n - 1))
        elif before is not None:
            draft = self.open_draft(ev.start, cur.period, before.group("year") or -1)
        else:
            return
        draft.kind, draft.value, draft.unit = "actual", ev.data["value"], subject["unit"]
        draft.qualifier, draft.end = ev.data["qualifier"], self.s_start + ev.end
        self.drafts.append(draft)

    def compared_level_of_period(self, ev: Event, subject: dict) -> None:
        if ev.data["compared_forecast"] or not fits(ev, subject):
            return
        after = next((e for e in self.events if e.kind == "P" and ev.end < e.start <= ev.end + 6), None)
        if after is None or after.data.get("spec") is None or not after.data["spec"].year:
            return
        after.data["consumed"] = True
        spec = after.data["spec"]
        draft = self.open_draft(ev.start, spec)
        draft.kind, draft.value, draft.unit = "actual", ev.data["value"], subject["unit"]
        draft.qualifier, draft.end = ev.data["qualifier"], self.s_start + ev.end
        self.drafts.append(draft)
        if spec.kind == "Y":
            # The figure passed is last year's ("… của năm 2023"): the record's is the year after,
            # as "tăng 7% so với năm 2023" says of a figure of 2024 (base_periods' next_year).
            assert self.cur is not None
            self.cur.period = PeriodSpec("Y", 0, spec.year + 1)
