"""A sentence read: its phrases and events gathered, the walk run over them, its lists paired.

sentence_drafts is the step hbetl/extract.py takes for each sentence (with what the paragraph
carries, extract._Paragraph).  A sentence with no figure, or with a figure but no subject, gives
no record: _follow_figureless passes on only what the next sentence needs (its period, its last
subject).  Otherwise the catalogue's phrases are completed by the finders of the subjects it
does not hold (project capital, a tax office's collection, a place's growth, …; in
hbetl/extract_uncatalogued.py), the events found (hbetl/extract_events.py), a figure written
before its subject put after it, and the walk of hbetl/extract_walk.py run; the lists paired by
"lần lượt" / "tương ứng" and bare counts after places are read after the walk
(hbetl/extract_lists.py).  The walk never imports this module.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hbetl.extract_events import (
    AVERAGE_RE,
    BASE_RE,
    FIGURE_RE,
    SAME_PERIOD_BEFORE_RE,
    SCOPE_RE,
    SUBITEMS_RE,
    THIS_MONTH_RE,
    Event,
    adjusted_capital_mentions,
    assigned_capital_mentions,
    attracted_dollars_mentions,
    bare_revenue_mentions,
    collector_revenue_mentions,
    counts_since_ever,
    find_events,
    firms_capital_mentions,
    lenders_deposits_mentions,
    listed_firms_mentions,
    may_name_attracted_dollars,
    may_name_bare_revenue,
    may_name_collector,
    may_name_tasks,
    may_name_taxpayer,
    names_tasks_ahead,
    names_the_plan,
    overlaps,
    place_growth_mentions,
    project_capital_mentions,
    taxpayer_revenue_mentions,
)
from hbetl.extract_head_words import may_name_by_head_words, with_head_word_mentions
from hbetl.extract_lists import (
    _bare_counts_after_places,
    _new_capital_of_fdi,
    _pair_respectively,
    _parts_listed_as_whole,
)
from hbetl.extract_scan import OPENS_ON_PARTS_RE, spans_overlap
from hbetl.extract_splits import fines_paid_in
from hbetl.extract_subjects import bare_public_investment_without_amount
from hbetl.extract_walk import Draft, _SentenceWalk
from hbetl.extract_walk_frame import _running_total_of_the_month, _year_of_the_frame
from hbetl.indicators import Mention, find_mentions
from hbetl.periods import PeriodMention, find_periods
from hbetl.textscan import fold

if TYPE_CHECKING:
    from hbetl.extract import _Paragraph


# The words before the bare capital firms_capital_mentions reads: "với tổng vốn ", ", tổng số vốn ".
_FIRMS_CAPITAL_GATE_RE = re.compile(r"(?:với|,) (?:tổng |số |tổng số )?vốn ")


def sentence_drafts(norm: str, s_start: int, s_end: int, para: _Paragraph) -> list[Draft]:
    """The drafts of the sentence ``norm[s_start:s_end]``, read with what the paragraph carries."""
    drafts = _sentence_drafts(norm, s_start, s_end, para)
    para.last_sentence = (s_start, s_end, bool(drafts))
    return drafts


# "Đến nay, tỉnh có 140 dự án còn hiệu lực … 95 dự án được cấp phép, vốn đăng ký …": a sentence that opens
# on a bare count of projects right after a stock of projects counts some of that stock (no "Trong đó"
# needed), so they are since ever as the stock is.
_PROJECTS_COUNT_OPEN_RE = re.compile(r"\s*(?:có\s+)?\d[\d.,]*\s+dự\s+án(?!\w)")


def _opens_on_parts(low: str) -> bool:
    """The sentence ``low`` opens on parts of the total before it: "Trong đó, …" or "95 dự án …"."""
    if low.startswith("trong"):
        return OPENS_ON_PARTS_RE.match(low) is not None  # "Trong đó, …", "Trong số này, …"
    return low[:1].isdigit() and _PROJECTS_COUNT_OPEN_RE.match(low) is not None


# "<subject> trong tháng ước đạt …": "in the month" right after the sentence's first phrase, before its verb.
_MONTH_OF_THE_SUBJECT_RE = re.compile(
    r"\s+trong\s+tháng(?:\s+(?:này|qua|vừa\s+qua))?\s+(?:ước|đạt|thực\s+hiện|là|được|có)(?!\w)")


def _month_of_the_subject(low: str, at: int, periods: list[PeriodMention]) -> bool:
    """"trong tháng" opens the figure of the phrase ending at ``at`` (_MONTH_OF_THE_SUBJECT_RE), and the
    sentence names no period before it (``periods``: the sentence's)."""
    m = _MONTH_OF_THE_SUBJECT_RE.match(low, at)
    return m is not None and (not periods or periods[0].start >= m.end())


def _parts_of_since_ever(norm: str, s: str, low: str, para: _Paragraph) -> bool:
    """The sentence gives the parts of a total since ever the sentence before counted ("Qua đó,
    nâng tổng số dự án thu hút đầu tư đến nay lên 155 dự án. Trong đó, 140 dự án trong nước với
    tổng vốn đăng ký 46.106 tỷ đồng và 15 dự án nước ngoài …"): they are since ever too, no
    records (Conventions), though the period of a sentence further back still carries. The
    sentence before gave no record (its figures were all since ever), and this one names no
    period of its own."""
    last = para.last_sentence
    if last is None or last[2] or not _opens_on_parts(low) or find_periods(s, low):
        return False
    a, b, _ = last
    before = norm[a:b]
    return counts_since_ever(before, para.low[a:b] if para.low is not None else fold(before))


# --- respective lists ------------------------------------------------------------------------
#
# "năm 2020, 2021, 2022 dư nợ tăng tương ứng 8%, 9,5%, 7,2%", "xuất khẩu và nhập
# khẩu lần lượt đạt 1.200 triệu USD và 900 triệu USD": 'lần lượt'/'tương ứng' pairs a list of
# periods or subjects with the list of figures after it, in order. The walk reads the first
# pair like any sentence; each other pair copies the record it made, with its own period or
# subject and its own figure.


def _sentence_drafts(norm: str, s_start: int, s_end: int, para: _Paragraph) -> list[Draft]:
    s = norm[s_start:s_end]
    low = para.low[s_start:s_end] if para.low is not None else fold(s)
    para.next_sentence()
    # Most sentences of ordinary news hold no figure or no catalogue phrase: such a sentence
    # gives no record, and only what carries to the next sentence is worked out, cheaply.
    if not FIGURE_RE.search(s, low):
        _follow_figureless(s, find_mentions(s, low), para, low)
        return []
    found = find_mentions(s, low)
    text = low if low is not None else s.lower()  # (the finders below read a lower-cased sentence)
    if may_name_by_head_words(text):
        # "giá trị sản xuất (theo giá so sánh) ngành công nghiệp", "kim ngạch hàng hóa xuất khẩu": a
        # subject read by its head and modifier where no catalogue phrase covers it (extract_head_words).
        found = with_head_word_mentions(s, low, found)
    if "đầu tư công" in text:
        found = [m for m in found if not bare_public_investment_without_amount(text, m)]
    if "dự án" in s:
        found = sorted(found + project_capital_mentions(s, low, found), key=lambda m: m.start)
        if "điều chỉnh" in low and ("usd" in low or "đô la" in low):
            # "điều chỉnh vốn cho 79 dự án, với vốn đầu tư tăng 134,17 triệu USD" (adjusted_capital_mentions;
            # the currency as the gate: the dollar's two spellings).
            found = sorted(found + adjusted_capital_mentions(s, low, found), key=lambda m: m.start)
    if "vốn " in low and _FIRMS_CAPITAL_GATE_RE.search(low):
        found = sorted(found + firms_capital_mentions(s, low, found), key=lambda m: m.start)
    if "thành lập" in low and ("hợp tác xã" in low or "htx" in low or "chi nhánh" in low or "văn phòng" in low
                               or "đơn vị" in low or "địa điểm" in low):
        # "có 512 doanh nghiệp và 35 hợp tác xã thành lập mới" (listed_firms_mentions).
        found = sorted(found + listed_firms_mentions(s, low, found), key=lambda m: m.start)
    if "huy động" in low and (lends := lenders_deposits_mentions(s, low, found)):
        # "các ngân hàng trong 9 tháng huy động tăng 9%": the deposits the lenders mobilised (lenders_deposits_mentions).
        found = sorted(found + lends, key=lambda m: m.start)
    if "giao" in low and "đầu tư công" in low:
        # "được giao hơn 6.300 tỷ đồng vốn đầu tư công": the year's plan (assigned_capital_mentions).
        found = sorted(found + assigned_capital_mentions(s, low, found), key=lambda m: m.start)
    if may_name_collector(low) and (collects := collector_revenue_mentions(s, low, found)):
        # "Cục Thuế tỉnh thu được 4.512 tỷ đồng", "tỉnh Trà Vinh thu hơn 11.200 tỷ đồng": the revenue
        # collected (a context "thu được" it replaces).
        found = sorted([f for f in found if not spans_overlap(f.start, f.end, collects)] + collects,
                       key=lambda m: m.start)
    if (may_name_taxpayer(text)
            and ("budget_revenue" in para.topics_before or any(f.code == "budget_revenue" for f in found))
            and (payers := taxpayer_revenue_mentions(s, text, found))):
        # "Thu từ Nhà máy xi măng Tân Phú 640 tỷ đồng" beside the total: one big taxpayer's share,
        # a part of the budget revenue the paragraph is on (taxpayer_revenue_mentions).
        found = sorted(found + payers, key=lambda m: m.start)
    if may_name_attracted_dollars(low) and (attracts := attracted_dollars_mentions(s, low, found)):
        # "<place> thu hút <amount> USD": the foreign investment attracted (attracted_dollars_mentions).
        found = sorted(found + attracts, key=lambda m: m.start)
    if may_name_bare_revenue(low) and (bare := bare_revenue_mentions(s, low, found)):
        # "Hà Nội với tổng thu đạt 704.579 tỷ đồng, vượt 37% dự toán": the budget revenue named bare
        # (a context "tổng thu" of tourism it replaces).
        found = sorted([f for f in found if not spans_overlap(f.start, f.end, bare)] + bare,
                       key=lambda m: m.start)
    if "thu nộp" in low and para.low is not None and s_start:
        # Cases handled ("xử lý N vụ vi phạm") at the end of one sentence, then "Tổng số tiền thu nộp ngân
        # sách …" opening the next: enforcement in the sentence before still makes what is paid in the
        # fines, not the budget revenue (fines_paid_in, within the paragraph).
        lo = para.low.rfind("\n", 0, s_start) + 1
        found = [f for f in found if f.code != "budget_revenue" or not fines_paid_in(para.low, s_start + f.start, lo)]
    names = None
    if para.places and "tăng trưởng" in low:
        # "Theo Tổng cục Thống kê, TP HCM tăng trưởng 6,5%": a place's growth (place_growth_mentions).
        # (The sentence's places kept for find_events below, not gathered a second time: 563.3M -> 561.1M instructions a round.)
        names = [(a - s_start, b - s_start, n) for a, b, n in para.places if s_start <= a and b <= s_end]
        grows = place_growth_mentions(s, names, found)
        if grows:
            spans = {(g.start, g.end) for g in grows}  # (a bare phrase the place's growth replaces)
            found = sorted([f for f in found if (f.start, f.end) not in spans] + grows, key=lambda m: m.start)
    if not found and para.subject is None:
        _follow_figureless(s, found, para, low)
        return []
    if para.last_month is not None and "trong tháng" in low:
        periods = find_periods(s, low)
        # "… gần 79 nghìn lao động đăng ký trong tháng.": a sentence that names no period of its
        # own but says "in the month" speaks of the month last named, not of the paragraph's
        # running total ("trong tháng Bảy … trong bảy tháng của năm" before it).
        # "Thu ngân sách trên địa bàn trong tháng ước thực hiện được 891 tỷ đồng, …, lũy kế 4 tháng …"
        # after "Tính chung 4 tháng đầu năm …": the subject "in the month" is the month last named, not
        # the running total the paragraph was on; the running total after it names its own period.
        if (not periods and THIS_MONTH_RE.search(low)) or (found and _month_of_the_subject(low, found[0].end, periods)):
            para.period = para.last_month
    if names is None:
        names = [(a - s_start, b - s_start, name) for a, b, name in para.places if s_start <= a and b <= s_end] if para.places else []
    topics = (para.topics_before, para.topics)
    if "doanh thu" in low and para.low is not None and "tourist_arrivals" not in para.topics_before:
        topics = _visitors_named_next(para, s_end, topics)
    events = find_events(s, found, low, names, topics)
    if "vốn" in low and any(m.code == "fdi_capital" and m.scope for m in found):
        _new_capital_of_fdi(events)
        if "cấp mới" in low:
            _parts_listed_as_whole(s, events)
    if events and " là " in s and (events[0].kind == "V" or _ATTRIBUTION_LEAD_RE.match(s)):
        events = _figure_before_its_subject(s, events)
    walk = _SentenceWalk(s, s_start, para, events)
    if (low.startswith("trong") or low[:1].isdigit()) and _parts_of_since_ever(norm, s, low, para):
        walk.since_ever_seen = True  # the sentence's figures are parts of a total since ever
    drafts = walk.run()
    if drafts and ("lần lượt" in low or "tương ứng" in low):
        _pair_respectively(s, s_start, found, events, drafts)
    if drafts and "tiếp" in low and "(" in s:
        _bare_counts_after_places(s, s_start, events, drafts)
    return drafts


_SUBJECT_FRAME_KINDS = frozenset("PLS")

# "Xếp thứ hai là Hà Nội với doanh thu đạt 44.880 tỷ đồng, tăng 74,3% …. Trong 6 tháng đầu năm, ngành
# du lịch Thủ đô đón 10,3 triệu lượt khách …": a round-up of places by their take names each place's
# revenue first and its visitors in the sentence after; "doanh thu" there is the tourism revenue.
_VISITORS_NAMED = ("lượt khách", "du khách", "khách du lịch")


def _visitors_named_next(para: _Paragraph, s_end: int, topics: tuple[set[str], set[str]]) -> tuple[set[str], set[str]]:
    """The topics a context phrase of this sentence may be about, with the visitors when the words
    right after the sentence (about one sentence's length) count them."""
    after = para.low[s_end:s_end + 160] if para.low is not None else ""
    if any(w in after for w in _VISITORS_NAMED):
        return topics[0] | {"tourist_arrivals"}, topics[1]
    return topics


# Whose report a sentence gives, before what it says: "Theo báo cáo, …", "Theo Cục Thống kê tỉnh, …"
# (one clause, up to its comma).
_ATTRIBUTION_LEAD_RE = re.compile(r"\s*(?:theo|căn\s+cứ)\s+[^,;:()]{1,60},", re.IGNORECASE)


def _figure_before_its_subject(s: str, events: list[Event]) -> list[Event]:
    """"45.700 tỷ đồng là tổng vốn đầu tư thực hiện …", "Gần 520 tỷ đồng đầu tư công trình là
    nguồn vốn ngân sách …": a sentence that opens on its figure and names the subject after 'là'
    says the subject is that figure; the walk reads it as if written "subject (là) figure", the
    subject first. Only figures open the sentence (nothing but a dateline's marks, or whose report
    it is, "Theo Cục Thống kê, …", before them), and the 'là' stands between the last of them and the
    subject."""
    lead = _ATTRIBUTION_LEAD_RE.match(s)
    k = 0
    if lead is not None:  # the lead-in's own events (a place, an office) stay first, as written
        while k < len(events) and events[k].start < lead.end():
            k += 1
        if k == len(events):
            return events
    if s[lead.end() if lead is not None else 0:events[k].start].strip(" -–(),.:").strip():
        return events
    i = next((n for n in range(k, len(events)) if events[n].kind != "V"), k)
    ev = events[i]
    if ev.kind != "M" or i == k:
        return events
    # (one clause: "Gần 520 tỷ đồng đầu tư công trình hạ tầng là nguồn vốn …"; the subject right after
    # 'là' but an article or "tổng", "số": "… là tổng vốn đầu tư …")
    gap = f" {s[events[i - 1].end:ev.start]}"
    at = gap.rfind(" là ")
    if at < 0 or len(gap) > 60 or len(gap) - at > 16 or "," in gap or ";" in gap:
        return events
    # The subject's own frame written after it ("… nhà nước tháng 7-2020", "… tại tỉnh Đồng Nai trong 6
    # tháng đầu năm") comes before the figure, as in "subject, its period (là) figure".
    j = i + 1
    while j < len(events) and events[j].kind in _SUBJECT_FRAME_KINDS:
        j += 1
    return [*events[:k], *events[i:j], *events[k:i], *events[j:]]


def _follow_figureless(s: str, found: list[Mention], para: _Paragraph, low: str | None) -> None:
    """What a sentence that can give no record passes on: its last period becomes the
    paragraph's (as in the full walk, a period inside a base or a scope does not count),
    and its last catalogue phrase, unless a breakdown or an average follows it, becomes
    the subject a next sentence may continue."""
    periods = find_periods(s, low)
    if periods:  # the spans below only rule periods out: with none, skip their three scans
        taken = [(m.start, m.end) for m in found]
        taken += [m.span() for m in SAME_PERIOD_BEFORE_RE.finditer(s, low)]
        taken += [m.span() for rx in (BASE_RE, SCOPE_RE) for m in rx.finditer(s, low)
                  if not overlaps(m.start(), m.end(), taken[:len(found)])]
        text = low if low is not None else s.lower()
        tasks = may_name_tasks(text)
        for pm in periods:
            if tasks and names_tasks_ahead(text, pm.start):
                continue  # "… đề ra nhiệm vụ, giải pháp 6 tháng cuối năm": the tasks', not the report's
            if (not overlaps(pm.start, pm.end, taken) and not names_the_plan(s, pm.start)
                    and not (pm.season and para.period is not None)  # (as _season_within_the_frame)
                    and not _year_of_the_frame(para, pm.spec, pm.start)
                    and not _running_total_of_the_month(para, s, pm.start, pm.spec)):
                para.period = pm.spec
    para.subject = None
    strong = [m for m in found if not m.weak and not m.needs]  # a bare trade verb with no figure names nothing
    para.topics.update(m.code for m in strong)
    if strong:
        last = strong[-1]
        if not SUBITEMS_RE.reference.search(s, last.end) and not AVERAGE_RE.match(s, last.end):
            para.subject = {"code": last.code, "label": s[last.start:last.end], "scope": last.scope,
                            "unit": para.catalogue[last.code].unit}
