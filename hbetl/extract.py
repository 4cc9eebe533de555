"""Text -> metric records (../shared/spec/metric-record.md): a grammar, no model.

Three steps, one module each, so that each can be read on its own. Before them the text is
made plain (hbetl/numbers.py: one form of letters, spaces and dashes) and each of the usual
variant wordings is read in the form the rules know (hbetl/wording.py: "đạt được", "dự ước",
"so với CK", "NSNN", … as "đạt", "ước", "so với cùng kỳ", "ngân sách nhà nước"), offsets mapped
back to the text as given:

1. hbetl/extract_events.py finds the *events* of a sentence: catalogue phrases (M, the
   subjects), periods (P), levels (V: a number and its unit), changes (C), bases (B: "so
   với cùng kỳ"), kind cues (K), scopes (S), breakdowns (T: "trong đó"), averages and totals
   since ever (A), places (L: a province's name) and clause breaks (X). Words that only look
   like one are refused where the text is at hand, by predicates kept by what they refuse:
   a plan's period or a plan reached in hbetl/extract_plans.py, a split or no total (a
   sector's credit, places counted by a bar) in hbetl/extract_splits.py, a weak phrase (a
   product's exports, another thing's growth) in hbetl/extract_weak_phrases.py; and the
   passes that read rates compared with other periods' rates in hbetl/extract_rates.py.
   find_events there is the driver; the finders are kept by what they find: the catalogue's
   subjects in hbetl/extract_subjects.py, the subjects it does not hold (a sector, a group of
   goods, capital after projects counted, a tax office's collection) in
   hbetl/extract_uncatalogued.py, the subjects named by a head and its modifier with other words
   between ("kim ngạch hàng hóa xuất khẩu", a weak subject, from the table hbetl/data/head_words.csv)
   in hbetl/extract_head_words.py, averages and totals since ever in hbetl/extract_asides.py,
   levels in hbetl/extract_levels.py, changes in hbetl/extract_changes.py, periods and bases
   in hbetl/extract_periods_bases.py, cues, scopes, breakdowns, places and breaks in
   hbetl/extract_frame.py, and the Event they make in hbetl/extract_scan.py.
2. hbetl/extract_walk.py walks the events clause by clause and decides which figure belongs
   to which subject, period and kind: a figure goes to the subject its clause names or
   continues; a clause that names something else ends the subject; a cue (ước, phấn đấu)
   governs what follows it, not what was already written; a period in a clause with a
   subject (or in one with no figure) becomes the paragraph's, one opening a clause that
   only continues the subject is that figure's alone. A list paired by "lần lượt" /
   "tương ứng" ("năm 2020, 2021, 2022 … tăng tương ứng 8%, 9,5%, 7,2%") is read
   after the walk: its first pair as any sentence, the others copied from that record
   (hbetl/extract_lists.py). Which base a change is measured against, and so which of
   yoy_pct, mom_pct and plan_pct it fills, is hbetl/extract_bases.py's. The walk's steps
   for a figure's frame (periods, cues, scopes, places) are in hbetl/extract_walk_frame.py,
   for its level in hbetl/extract_walk_levels.py, for its change in
   hbetl/extract_walk_changes.py; whether a clause or a sentence goes on with the subject
   already named (", số doanh nghiệp đã giảm 0,7%") in hbetl/extract_continuation.py. A
   sentence is read in hbetl/extract_sentence.py: its phrases and events gathered, the walk
   run, the lists read after it; a sentence that can give no record only passes its period
   and last subject on.
3. This module carries what passes from sentence to sentence (_Paragraph: the period, the
   last subject, the indicators named lately) and finishes the records: a sentence of
   changes completes the last sentence's record of the same indicator ("… 120 doanh nghiệp
   …. So với cùng kỳ, số doanh nghiệp tăng 8%"); figures written before the
   paragraph names any period take the period the next sentence names, or the one
   hbetl/extract_waiting.py reads where that is not theirs; a summary's figure
   written again in the detail is recorded once; a GRDP growth's change is its value;
   "dự kiến" about a period already over is an estimate.

Why the walk and not one pattern per phrasing: reporters write the same fact in many
orders (the figure before its subject, the changes in brackets or in the next sentence, the
period after the figure or named once for a list), and the dev set's outlets each have their
own. The events are few and general; the walk states, in one place each, the rules of the
language that say how they combine. The phrasings themselves are data: hbetl/data/
indicators.csv (a phrase per way of naming an indicator) and the tables in hbetl/indicators.py
(parts of a total, context phrases, plan and growth phrases, bare verbs).

The period a paragraph starts with is decided in one place: _Paragraph.period (None until
a sentence names one).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, timedelta

from hbetl.context import ParagraphContext, ParagraphContexts, written_year
from hbetl.extract_abroad import drop_abroad, may_name_abroad
from hbetl.extract_events import (
    NUM,
    UNIT_OF_FAMILY,
    Event,
    may_name_attracted_dollars,
    may_name_bare_revenue,
    may_name_collector,
    may_name_place_growth,
    overlaps,
    to_number,
    unit_of,
)
from hbetl.extract_head_words import names_by_head_words
from hbetl.extract_scan import PARTS_OPENING_OR_THESE
from hbetl.extract_sentence import sentence_drafts
from hbetl.extract_splits import DOMESTIC_PART_RE
from hbetl.extract_waiting import (
    STOCK_INDICATORS,
    date_balances,
    date_by_the_month_before,
    month_before_its_running_total,
    year_before_the_goal,
)
from hbetl.extract_walk import Draft
from hbetl.indicators import find_mentions, find_places, load_catalogue, may_mention
from hbetl.models import Metric
from hbetl.numbers import edit_with_offsets, normalise_with_offsets
from hbetl.periods import PeriodSpec, find_periods, period_span, resolve_period
from hbetl.textscan import CAPITALS, SMALLS, fold
from hbetl.wording import canonical_wording

__all__ = ["Metric", "extract_metrics"]

# A sentence ends at a newline, or at . ! ? before a space and a capital or a digit, or at a
# full stop typed with no space between a number and a word ("… so cùng kỳ năm 2019.Trong quý IV"),
# or between a word and the next sentence's first word, as some national outlets' pages run their
# sentences together ("… so với cùng kỳ năm trước.Tính chung 7 tháng …"): a word of two small
# letters before the dot, a capital and a small letter after it, so "TP.Hồ Chí Minh", "Tp.HCM",
# "ThS.Nguyễn" and a domain name's dot stay inside the sentence.
# A run of newlines, or the mark that ends a sentence with what follows it up to the next
# sentence: closing quotes and a space before a capital or a digit, or nothing after a number's
# dot before a capitalised word ("… đạt 5.Tháng 6 …"), or a closing bracket's ("… (trên 32%).Cũng theo …",
# as the same pages run a sentence that ends in an aside into the next). The pattern opens with the one class of
# characters a break can open with, so the engine skips to the next of them in C: written with
# a lookbehind for the mark (the match starting after it), every position was tried, and the
# scan of the fixtures' paragraphs took 1.58 ms, now ~0.5 ms. A mark right before a newline
# leaves the newline to the first branch ("(?!\n)"), as the newline alone breaks.
_AFTER_SENTENCE_END = (r"(?:(?<=\n)\n*|(?!\n)(?:[\"”')]*\s+(?=[\"“(]?[" + CAPITALS + r"\d])|(?<=[\d)]\.)(?=[" + CAPITALS
                       + "][" + SMALLS + "])|(?<=[" + SMALLS + "][" + SMALLS + r"]\.)(?=[" + CAPITALS + "][" + SMALLS + "])))")
SENTENCE_END_RE = re.compile(r"[\n.!?…]" + _AFTER_SENTENCE_END)
# SENTENCE_END_RE for a paragraph whose only mark is the full stop (most): the same pattern opening
# with the literal '.', which the engine finds as it finds a substring, not by testing each
# character against the class (split_sentences over a round of the labelled fixtures: 8.41M -> 5.27M
# instructions). The newline branch cannot match after a '.', as before.
_FULL_STOP_END_RE = re.compile(r"\." + _AFTER_SENTENCE_END)


# The longest real sentences in provincial reports run to ~800 characters (a clause
# list of five indicators); anything longer is a run-on page and is cut.
MAX_SENTENCE = 2000


_new_metric, _init_metric = Metric.__new__, Metric.__init__  # (see _Paragraph.to_metric)


_ABBREVIATIONS = ("TP.", "Tp.", "ThS.", "TS.", "PGS.", "GS.", "Th.", "v.v.", "St.")


INDEX_INDICATORS = {"cpi", "iip"}


def extract_metrics(text: str, published: date | None = None, title: str | None = None) -> list[Metric]:
    """Every metric record in ``text``; offsets index into ``text`` as given. ``title``, the
    article's headline, is context for periods the text never names (hbetl/context.py)."""
    if not text or not text.strip():
        return []
    norm, offsets = normalise_with_offsets(text)  # (offsets: a list, or a range where nothing changed)
    if "[" in norm and _FOOTNOTE_MARK_RE.search(norm):
        norm, offsets = _without_footnote_marks(norm, offsets)
    norm, offsets = canonical_wording(norm, offsets)  # "đạt được" read as "đạt", … (hbetl/wording.py)
    if "\u0130" in norm:
        # "İ" (a Turkish name) is the one letter whose lower case is two characters: the sentences'
        # lower-cased slices would no longer line up with the text. Read as "I", letter for letter,
        # the offsets still index ``text``.
        norm = norm.replace("\u0130", "I")
    if "\n" in norm:
        norm = _wrapped_lines_joined(norm)
    # The text lower-cased once, for may_mention and for the sentences below (it was lower-cased
    # twice, ~2 us a paragraph: 607.5M -> 602.6M instructions a round of the labelled fixtures).
    low = fold(norm)
    # (A place's growth is searched for, not only 'tăng trưởng': the paragraphs with the word but no
    # catalogue phrase, ~2% of the sentences, were walked for nothing: 561.1M -> 555.7M instructions a round.)
    lowered = low if low is not None else norm.lower()  # (fold gives None where lower-casing moves offsets)
    if (not may_mention(norm, low) and "dự án" not in norm and not may_name_place_growth(norm)
            and "đầu tư công" not in lowered and not may_name_collector(lowered) and not may_name_bare_revenue(lowered)
            and "huy động" not in lowered and not may_name_attracted_dollars(lowered) and not names_by_head_words(lowered)):
        # Every record is about a catalogue phrase found in a sentence or a table row's
        # label, each a part of ``norm``: with none anywhere, there is nothing to walk (but
        # projects' capital, project_capital_mentions, a place's growth, place_growth_mentions,
        # the public investment assigned, assigned_capital_mentions, the revenue an office
        # is said to collect, collector_revenue_mentions, the revenue named bare against its
        # estimate, bare_revenue_mentions, the deposits lenders mobilised, lenders_deposits_mentions, and
        # the dollars a place attracts, attracted_dollars_mentions, and a subject read by its head
        # words, extract_head_words).
        return []
    context_year = None if published else (_last_written_year(norm) or written_year(title))
    para = _Paragraph(published, context_year)
    # The text lower-cased once, each sentence's a slice of it, rather than each sentence lower-cased
    # again (a round of the labelled fixtures: 507.4M -> 502.6M instructions). A slice is the sentence's
    # own fold but where lower-casing reads the context: a capital sigma ("Σ" is "ς" at a word's
    # end), or a text fold refuses ("İ": then each sentence is folded, or refused, on its own).
    para.low = low if low is not None and "Σ" not in norm else None
    para.places = [(m.start(), m.end(), m.group(0)) for m in find_places(norm)]  # once for the text, not per sentence
    contexts = ParagraphContexts(norm, title)  # headline, headings, lead, bullets
    out: list[Metric] = []
    table_metrics, table_spans = _table_metrics(text, norm, offsets, para)
    out.extend(table_metrics)
    previous: list[tuple[Draft, Metric]] = []  # the last sentence's records
    # The records of the sentences before it: the same month's change written again further on
    # ("CPI tháng 12/2017 tăng 0,21% so với tháng trước. … CPI tháng 12/2017 tăng 2,6% so với
    # tháng 12/2016") completes its record too.
    earlier: list[tuple[Draft, Metric]] = []
    leads = 0  # records of changes alone so far, which a level with the same changes may supersede
    # Figures written before the paragraph names any period ("Thu ngân sách ước đạt 18.900 tỷ
    # đồng… Hết tháng 9, …") take the period the next sentence that names one names; a period
    # later in their own sentence that opens a figure of its own belongs to that clause, one
    # that becomes the paragraph's ("… tăng 6,72%, … và vượt qua kịch bản … quý I/2025") is theirs.
    waiting: list[tuple[Draft, int, int]] = []
    names_domestic = "trong nước" in lowered or "ddi" in lowered  # (_total_of_domestic_and_foreign's gate)
    for s_start, s_end in split_sentences(norm):
        para.enter(contexts.entered(s_start))
        if overlaps(s_start, s_end, table_spans):
            continue
        these: list[tuple[Draft, Metric]] = []  # this sentence's records so far
        period_before = para.period
        para.period_with_figure = False
        for d in sentence_drafts(norm, s_start, s_end, para):
            if d.period is None:
                if period_before is None and not para.period_with_figure and not _average_growth(norm, d):
                    waiting.append((d, s_start, s_end))
                continue
            metric = para.to_metric(d, text, norm, offsets, s_start, s_end)
            if metric is not None and d.mom_since_year_start and metric.indicator == "cpi" and "-YTD" in metric.period:
                # "CPI 10 tháng qua lại tăng 17,05% so với tháng 12/2010": the price index against
                # last December is the latest month's (the statistics office compares the month's
                # index with December, the months' average only with the same months of last year).
                metric.period = metric.period.replace("-YTD", "-M")
            if metric is not None and not _completes(previous + these, d, metric) and not (
                    metric.value is None and _completes(earlier, d, metric)) and not _restates(out, metric):
                metric = _not_yet_measured(metric, published)
                if metric.value is not None and leads:
                    _supersede_lead(out, metric, text)
                leads += metric.value is None
                out.append(metric)
                these.append((d, metric))
        if len(these) > 1:
            _earlier_year_in_brackets_known(these, text)
        if previous and names_domestic:
            _total_of_domestic_and_foreign(norm[s_start:s_end].lower(), previous, out)
        if these and previous:
            _parts_share_the_total_kind(norm[s_start:s_end], previous, these)
            _goals_go_on(norm[s_start:s_end], previous, these, published)
        if these or para.topics:
            # A sentence that gives no record and names no indicator ("Trong đó, khách đến bằng đường
            # hàng không tăng 13%, …") does not stand between a record and the changes that complete it.
            earlier += previous
            previous = these
        if waiting and para.period is not None and period_before is None:
            month = month_before_its_running_total(norm, s_start, s_end, para, these)
            reviewed = year_before_the_goal(norm, s_start, s_end, para, these)
            for d, a, b in waiting:
                d.period = para.first_period if reviewed is None else reviewed
                if month is not None and d.value is not None and (d.code, d.scope) in month[1]:
                    d.period = month[0]
                metric = para.to_metric(d, text, norm, offsets, a, b)
                if metric is not None:
                    out.append(_not_yet_measured(metric, published))
                    leads += metric.value is None
            waiting = []
    if waiting and para.period is None and published is not None:
        date_balances(waiting, para, text, norm, offsets, out, published)
        if "tháng" in lowered:
            date_by_the_month_before(waiting, para, text, norm, lowered, offsets, out)
    if "hành khách" in lowered and out and _no_visitor_words(lowered):
        out = [m for m in out if m.indicator != "tourist_arrivals"]
    if out and may_name_abroad(norm):
        # Another country's economy ("GDP của TQ tăng trưởng 8,1%", and the sentences that go on about it).
        out = drop_abroad(out, norm, offsets, split_sentences(norm), para.places)
    return out


# Words a paragraph about visitors writes; one about "hành khách" with none of them is about passengers
# carried: "tổng lượt hành khách đi máy bay ước đạt 34,7 triệu, … Trong đó, khách quốc tế đạt 14,7
# triệu", "Vận chuyển hành khách 6 tháng ước đạt 12,5 triệu lượt khách": an airline's or the transport
# sector's passengers, whose "khách quốc tế" and "lượt khách" are no tourist arrivals.
_VISITOR_WORDS = ("du lịch", "du khách", "lưu trú", "tham quan", "lữ hành", "nghỉ dưỡng")


# "cao hơn mức tăng 6,73%[1] của quý II", "… trong giai đoạn 2011-2020[2]. Dịch …": a report of the
# statistics office, copied as it is, keeps the marks of its footnotes right after a figure or a
# word. A mark is no part of the sentence: left out (the offsets of what follows still map back).
_FOOTNOTE_MARK_RE = re.compile(r"(?<=[\w%)])\[\d{1,2}\]")


def _without_footnote_marks(norm: str, offsets: Sequence[int]) -> tuple[str, list[int]]:
    return edit_with_offsets(norm, offsets, [(m.start(), m.end(), "") for m in _FOOTNOTE_MARK_RE.finditer(norm)])


def _no_visitor_words(lowered: str) -> bool:
    """The paragraph writes none of _VISITOR_WORDS: with "hành khách" in it, its tourist_arrivals
    records are all dropped (the filter is paragraph-wide, asked once after its sentences are read)."""
    return not any(w in lowered for w in _VISITOR_WORDS)


# "Tốc độ tăng trưởng bình quân ước khoảng 6,4%" in a review of a five-year term: growth said
# to be an average is a yearly mean over years the sentence leaves unnamed; the year a later sentence
# names ("Quy mô kinh tế …, năm 2024 đạt …") is not its period.
_AVERAGE_AFTER_RE = re.compile(r"\s+(?:bình\s+quân|trung\s+bình)(?!\w)", re.IGNORECASE)


def _average_growth(norm: str, d: Draft) -> bool:
    """The draft is GRDP growth written as an average ("tăng trưởng kinh tế bình quân …")."""
    return d.code == "grdp_growth" and _AVERAGE_AFTER_RE.match(norm, d.start + len(d.label)) is not None


# "… cấp phép 90 dự án mới, tổng vốn đăng ký 3,1 tỷ USD. Trong đó, có 60 dự án trong nước …": a capital
# total in dollars that the next sentence opens by splitting into domestic projects (and foreign ones) is
# all the projects' capital, no FDI; the dollars made it read as FDI (_CODE_FOR_UNIT) only where the
# sentence names no foreign investors (extract_splits.DOMESTIC_PART_RE).
_FOREIGN_WORDS = ("fdi", "nước ngoài", "ngoại", "đtnn")


def _total_of_domestic_and_foreign(s_low: str, previous: list[tuple[Draft, Metric]], out: list[Metric]) -> None:
    """Drop from ``out`` the last sentence's FDI total read from its dollars, when the sentence
    ``s_low`` (lower-cased) opens on its split by domestic projects."""
    if not _OPENS_BREAKDOWN_RE.match(s_low) or DOMESTIC_PART_RE.match(s_low) is None:
        return
    for _, m in previous:
        if m.indicator == "fdi_capital" and m.scope is None and m.value is not None \
                and not any(w in m.sentence.lower() for w in _FOREIGN_WORDS) and m in out:
            out.remove(m)


_CHANGES = ("yoy_pct", "mom_pct", "plan_pct")


# A sentence that opens on a breakdown ("Trong đó, …", "Trong số này, …") lists the parts of the
# total the sentence before gave.
_OPENS_BREAKDOWN_RE = re.compile(r"\W*" + PARTS_OPENING_OR_THESE + r"(?!\w)", re.IGNORECASE)


def _parts_share_the_total_kind(s: str, previous: list[tuple[Draft, Metric]], these: list[tuple[Draft, Metric]]) -> None:
    """The parts listed in a sentence of their own after an estimated total are estimates too,
    as they are within one sentence ("… tổng thu ngân sách ước đạt 7.480 tỷ đồng. Trong đó, thu
    nội địa khoảng 6.100 tỷ đồng; thu từ xuất nhập khẩu 1.380 tỷ đồng"): the total's cue is theirs.
    So are the parts of a goal: "phấn đấu thu ngân sách đạt 48.000 tỷ đồng. Trong đó, thu nội địa
    đạt 37.000 tỷ đồng" splits the goal, not what was collected."""
    if not _OPENS_BREAKDOWN_RE.match(s):
        return
    totals = {(m.indicator, m.period): m.kind for _, m in previous
              if m.kind in ("estimate", "target") and m.scope is None}
    # (A total stated as done beside a goal it beat, a rate "vượt kế hoạch … đề ra là N%" read as that
    # goal, and then "Trong đó, cấp mới …": the parts split what was done, not the goal.)
    for _, m in previous:
        if m.kind == "actual" and m.scope is None and m.value is not None:
            totals.pop((m.indicator, m.period), None)
    for _, m in these:
        if m.kind == "actual" and m.scope is not None and (m.indicator, m.period) in totals:
            m.kind = totals[(m.indicator, m.period)]


# "Năm 2025, huyện phấn đấu đón 900 nghìn lượt khách. … Doanh thu du lịch đạt 1.200 tỷ đồng" in May: after
# the goals set for a period, a figure of the same period with no cue, written while that period still has
# months to run, cannot be its outturn; it goes on with the goals. A sentence that says what is done
# ("đã đón") states an outturn, and is left as it is.
def _goals_go_on(s: str, previous: list[tuple[Draft, Metric]], these: list[tuple[Draft, Metric]],
                 published: date | None) -> None:
    """The sentence's actual figures for a period the last sentence set goals for, still months from
    its end when published, are goals too."""
    goal_periods = {m.period for _, m in previous if m.kind == "target"}
    if not goal_periods or published is None or "đã" in s.lower():
        return
    for _, m in these:
        if m.kind != "actual" or m.period not in goal_periods:
            continue
        span = period_span(m.period)
        if span is not None and span[1] > published + FUTURE_MARGIN:
            m.kind = "target"


def _earlier_year_in_brackets_known(these: list[tuple[Draft, Metric]], text: str) -> None:
    """"GRDP … ước tính tăng 6,12% so với cùng kỳ năm trước (9 tháng năm 2023 tăng 5,99%)": the
    cue is the period reported on; an earlier year's figure quoted in brackets beside it is known
    (actual), as "(cùng kỳ năm 2023 giảm 0,2%)" is."""
    latest: dict[str, str] = {}
    for _, m in these:
        if m.kind == "estimate" and m.indicator is not None and m.period[:4] > latest.get(m.indicator, ""):
            latest[m.indicator] = m.period[:4]
    for _, m in these:
        if (m.kind == "estimate" and m.indicator in latest and m.period[:4] < latest[m.indicator]
                and text.rfind("(", 0, m.start) > text.rfind(")", 0, m.start)):
            m.kind = "actual"


def _has_changes(m: Metric) -> bool:
    return any(getattr(m, a) is not None for a in _CHANGES)


def _changes_within(partial: Metric, fuller: Metric) -> bool:
    """Every change ``partial`` gives, ``fuller`` gives the same."""
    return all(getattr(partial, a) is None or getattr(partial, a) == getattr(fuller, a) for a in _CHANGES)


# "vốn cấp mới và tăng thêm …", "vốn cấp mới và điều chỉnh tăng vốn", "cấp mới, tăng
# vốn": the new and the added capital named together, a sum of the parts.
_NEW_AND_ADDED_RE = re.compile(r"cấp\s+mới\s*(?:,|và)\s*(?:điều\s+chỉnh\s+)?(?:tăng\s+thêm|tăng\s+vốn|bổ\s+sung)")


def _sums_the_parts(part: Metric, metric: Metric) -> bool:
    """"điều chỉnh tăng vốn cho 3 dự án, vốn tăng thêm 4,2 triệu USD; vốn cấp mới và tăng thêm … là
    4,2 triệu USD": a figure with
    no scope after a part, in a sentence that names the new and the added capital together, is their
    sum (equal to the one part when the other is nil), no restatement of the part."""
    return (part.scope is not None and metric.scope is None and "cấp mới" in metric.sentence
            and _NEW_AND_ADDED_RE.search(metric.sentence) is not None)


def _restates(out: list[Metric], metric: Metric) -> bool:
    """A summary sentence's figure written again in its detail ("IIP 8 tháng qua tăng 8,6% …
    Tính chung 8 tháng, IIP ước tính tăng 8,6%"), or a goal named again with less said of it
    ("phấn đấu đạt 12.000 tỷ đồng, tăng trên 8% … đề ra mục tiêu … đạt 12.000 tỷ đồng"): the
    same fact, recorded once."""
    for m in out:
        # A place's figure said again with no place ("CPI … tại Thành phố Hồ Chí Minh giảm 0,43%, tại
        # Hà Nội giảm 0,17% …. Theo Cục Thống kê Thành phố, CPI tháng 6 giảm 0,43%") is the place's.
        if (m.indicator == metric.indicator and m.period == metric.period
                and (m.scope == metric.scope or metric.scope is None)
                and m.value == metric.value and _changes_within(metric, m)
                and (metric.value is not None or _has_changes(metric)) and not _sums_the_parts(m, metric)):
            if m.kind == "actual" and metric.kind == "estimate":  # the detail's cue is the fact's: "góp
                m.kind = "estimate"  # phần vào doanh thu 4.300 tỷ" then "Doanh thu du lịch ước đạt 4,3 nghìn tỷ đồng"
            return True
        if _rounded_restatement(m, metric):
            return True
    return False


# How far a round figure may lie from the exact one it restates (a tenth: "3,2 tỷ USD" then "vượt mốc
# 3 tỷ USD", "18.950 tỷ đồng" then "gần 19.000 tỷ đồng").
_ROUNDING = 0.1


def _rounded_restatement(exact: Metric, rounded: Metric) -> bool:
    """The level given exactly, then said again as a round figure with a qualifier and nothing
    else ("kim ngạch xuất khẩu … ước đạt 3,2 tỷ USD, tăng 9% …. Lần đầu tiên kim ngạch xuất khẩu
    của tỉnh vượt mốc 3 tỷ USD"): the round figure is on the right side of the exact one ("vượt",
    "hơn" below it, "gần" above it), the same fact said in passing, not a record of its own. A
    goal's round figure after an outturn's (or the reverse) is another fact."""
    if rounded.qualifier not in ("over", "nearly") or rounded.value is None or exact.value is None \
            or _has_changes(rounded) or exact.qualifier is not None:
        return False
    if (exact.indicator, exact.period, exact.scope, exact.unit) != (rounded.indicator, rounded.period, rounded.scope, rounded.unit) \
            or (exact.kind == "target") != (rounded.kind == "target"):
        return False
    if rounded.qualifier == "over":
        return rounded.value < exact.value <= rounded.value * (1 + _ROUNDING)
    return rounded.value * (1 - _ROUNDING) <= exact.value < rounded.value


def _supersede_lead(out: list[Metric], metric: Metric, text: str) -> None:
    """A lead, a paragraph of its own, that gives only the changes ("Lượng khách … trong tháng 10
    tăng gần 12 lần so với tháng trước và tăng khoảng 86% so với cùng kỳ"), then the body that
    gives the level with the same changes ("… đạt hơn 255.000 lượt, tăng gần 12 lần … và tăng
    86% …"): one fact, recorded as the body writes it. Within one paragraph, a sentence of
    changes alone is a statement of its own (the dev set's labels)."""
    if metric.value is None or not _has_changes(metric):
        return
    for i, m in enumerate(out):
        # (the lead may leave out the part the body names: "Lượng du khách Anh, Pháp… tăng gấp 7 lần")
        if (m.value is None and "\n" in text[m.end:metric.start]
                and (m.indicator, m.period) == (metric.indicator, metric.period) and m.scope in (None, metric.scope)
                and _has_changes(m) and _changes_within(m, metric)):
            del out[i]
            return


def _completes(previous: list[tuple[Draft, Metric]], d: Draft, metric: Metric) -> bool:
    """Reporters give the levels, then the changes in a sentence of their own ("… 120 doanh
    nghiệp mới, vốn 900 tỷ đồng. So với cùng kỳ, số doanh nghiệp tăng 8% và vốn giảm 3%."), or
    name the subject again later in the sentence ("CPI tháng 5 tăng 0,3% so với tháng trước, …;
    so với cùng kỳ CPI tăng 2,1%"):
    a record with changes only completes an earlier record (of this sentence or the last)
    of the same indicator, period and scope, when the changes fill fields it left empty; it
    is then not a record of its own. A change since the year began yields to one against
    the previous month the earlier record has."""
    if metric.value is not None:
        return False
    for _, earlier in reversed(previous):
        if (earlier.indicator, earlier.period, earlier.scope) != (metric.indicator, metric.period, metric.scope) \
                or (earlier.kind == "target") != (metric.kind == "target"):
            continue  # another indicator, period or part; or a plan beside a result
        given = [a for a in _CHANGES if getattr(metric, a) is not None]
        fills = [a for a in given if getattr(earlier, a) is None]
        yields = all(a in fills or (a == "mom_pct" and d.mom_since_year_start) for a in given)
        if not fills and given == ["mom_pct"] and d.mom_since_year_start and metric.indicator == "cpi" and earlier.mom_pct is not None:
            # "CPI tháng 10 tăng 0,36% so với tháng Chín. … CPI 10 tháng qua lại tăng 17,05% so với tháng 12/2010":
            # the price index against December, beside its change on last month, goes nowhere (Conventions).
            return True
        if not fills or not yields:
            return False
        for a in fills:
            setattr(earlier, a, getattr(metric, a))
        if earlier.value is None and earlier.qualifier is None:
            # "IIP tháng 5 tăng 2,7% so với tháng 4; so với cùng kỳ, chỉ số sản xuất công nghiệp tăng
            # hơn 9%": the word before a change ("hơn", "gần") goes with it into the record it completes,
            # which has no level (metric-record.md: Qualifiers on changes).
            earlier.qualifier = metric.qualifier
        return True
    return False


# "tổng dư nợ đến 30/6/2018 dự kiến đạt …" in a late-June report: the period closes within days,
# and its closing report gives the provisional outturn (an estimate), not a goal; early in the
# month ("dự kiến lũy kế thu ngân sách quý I đạt …" on 2 March) it is still a forecast. A
# year's "dự kiến" in December stays a target: the year-end sessions' "dự kiến cả năm" is
# the plan put to the council, beside its "ước thực hiện".
CLOSING_REPORT_DAYS = timedelta(days=16)


def _closing_report(period: str, period_end: date, published: date) -> bool:
    """A report in the last half month of the (sub-year) period it expects a figure for."""
    return "-" in period and timedelta(0) <= period_end - published <= CLOSING_REPORT_DAYS


# A report can measure a period only once it is (nearly) over: monthly and quarterly
# reviews come out up to a few weeks before the period ends, with "ước" (estimate) when
# early. A figure for a period that had barely begun when the article came out (under a
# third of it gone, and over two months still to run), with no cue of its own, is a plan:
# "Năm 2023, … tăng trưởng kinh tế đạt 8,5%" published in January; so is a year's with "ước"
# ("Tổng vốn đầu tư phát triển toàn xã hội ước đạt 71.300 tỷ đồng" of the year, in April):
# an estimate is of a period measured or nearly so, a projection this early is the year's
# plan. A crop season's figure filed under its year ("vụ đông xuân" reported in June) is
# past the third.
FUTURE_MARGIN = timedelta(days=60)


def _not_yet_measured(metric: Metric, published: date | None) -> Metric:
    # (an estimate only of a whole year: "Kim ngạch xuất khẩu quý II ước đạt …" in mid-April is
    # the quarter under way, reviewed early)
    if published is None or metric.kind == "target" or (metric.kind == "estimate" and "-" in metric.period):
        return metric
    span = period_span(metric.period)
    if span is None:
        return metric
    first, last = span
    if published < first + (last - first) / 3 and last > published + FUTURE_MARGIN:
        metric.kind = "target"
    return metric


# Indicators whose figure is itself a growth rate: "GRDP tăng 7,5% so với cùng kỳ" and "tăng
# trưởng kinh tế đạt 7,5%" state the same value (Conventions; the dev set's labels always
# accept the value, and one in three accepts nothing else).
GROWTH_IS_VALUE = {"grdp_growth"}


def _index_level_as_change(d: Draft) -> None:
    """An index's figure is its change (the catalogue: the IIP and the CPI have no level), so a
    percent read as its level is its change against last year: "chỉ số này ước tăng trưởng 7,1% so
    với cùng kỳ", the growth words read as a level where the index is the subject only continued."""
    if d.code in INDEX_INDICATORS and d.value is not None and d.unit == "percent" and d.yoy is None and d.mom is None:
        d.yoy, d.value, d.unit = d.value, None, None


def _growth_as_value(d: Draft) -> bool:
    """Move a growth indicator's change against last year into its value; False when the
    draft is no record (a plan share or a change of the GRDP in money, which is not one)."""
    if d.code not in GROWTH_IS_VALUE or d.value is not None:
        return True
    if d.yoy is None:
        return False
    d.value, d.unit, d.qualifier, d.yoy = d.yoy, "percent", d.change_qualifier, None
    # "GRDP quý I ước đạt 9.400 tỷ đồng, đạt 24% kế hoạch năm, tăng 6,1%": the plan share was
    # the money level's, which is no record; the growth rate has none.
    d.plan = None
    return True


# --- tables flattened to text ---------------------------------------------------------
# A statistics table pasted as text keeps one row a line, cells split by "|":
#   Chỉ tiêu | Năm 2023 | So với cùng kỳ (%)
#   Kim ngạch xuất khẩu (triệu USD) | 720,4 | 112,5
# The header names the period of the figure column and marks the column of indices
# against the same period of last year (112,5 is +12,5%); the unit sits in the row label.
_TABLE_UNIT_RE = re.compile(r"\((?P<unit>[^()]+)\)\s*$")


_TABLE_INDEX_HEADER_RE = re.compile(r"cùng\s+kỳ", re.IGNORECASE)


_NUM_RE = re.compile(NUM)


def _cells(line: str, line_start: int) -> list[tuple[str, int, int]]:
    """(text, start, end) of each stripped cell of a "|"-separated line."""
    cells, pos = [], line_start
    for raw in line.split("|"):
        lead = len(raw) - len(raw.lstrip())
        cells.append((raw.strip(), pos + lead, pos + lead + len(raw.strip())))
        pos += len(raw) + 1
    return cells


def _table_metrics(text: str, norm: str, offsets: Sequence[int], para: _Paragraph) -> tuple[list[Metric], list[tuple[int, int]]]:
    """Records from "|"-separated table rows under a header naming a period column,
    and the spans of the rows read (the sentence walker skips them)."""
    out: list[Metric] = []
    spans: list[tuple[int, int]] = []
    if "|" not in norm:
        return out, spans  # no table row (most paragraphs): the lines are not split and walked
    columns: tuple[int, str, int | None] | None = None  # figure column, its period, index column
    pos = 0
    for line in norm.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if "|" not in line:
            columns = None
            continue
        cells = _cells(line, line_start)
        figure_col = next((i for i, (c, _, _) in enumerate(cells[1:], 1)
                           if not _TABLE_INDEX_HEADER_RE.search(c) and find_periods(c)), None)
        if figure_col is not None:
            spec = find_periods(cells[figure_col][0])[0].spec
            period = resolve_period(spec.as_flow(), para.published, "actual", para.context_year)
            index_col = next((i for i, (c, _, _) in enumerate(cells) if _TABLE_INDEX_HEADER_RE.search(c)), None)
            columns = (figure_col, period, index_col) if period else None
            if columns:
                spans.append((line_start, line_start + len(line)))
            continue
        if columns is None or len(cells) <= columns[0]:
            continue
        metric = _table_row(text, offsets, cells, columns, line_start, line_start + len(line))
        if metric is not None:
            out.append(metric)
            spans.append((line_start, line_start + len(line)))
    return out, spans


def _table_row(text: str, offsets: Sequence[int], cells: list[tuple[str, int, int]],
               columns: tuple[int, str, int | None], a: int, b: int) -> Metric | None:
    figure_col, period, index_col = columns
    label, label_start, _ = cells[0]
    mentions = find_mentions(label)
    unit_m = _TABLE_UNIT_RE.search(label)
    value = to_number(cells[figure_col][0]) if _NUM_RE.fullmatch(cells[figure_col][0]) else None
    if not mentions or mentions[0].weak or mentions[0].needs or unit_m is None or value is None:
        return None
    code = mentions[0].code
    unit = unit_of(unit_m.group("unit"))
    canonical = load_catalogue()[code].unit
    # A percent indicator's cell may be an index (103,5) or a change (3,5): no safe reading.
    if unit is None or canonical == "percent" or UNIT_OF_FAMILY.get(unit[0]) != canonical:
        return None
    index = None
    if index_col is not None and index_col < len(cells) and _NUM_RE.fullmatch(cells[index_col][0]):
        index = to_number(cells[index_col][0])
    return Metric(
        indicator=code, period=period, kind="actual", value=value * unit[1], unit=canonical, qualifier=None,
        yoy_pct=round(index - 100, 6) if index is not None else None, mom_pct=None, plan_pct=None, scope=None,
        label=label[mentions[0].start:mentions[0].end], sentence=text[offsets[a]:offsets[b]].strip(),
        start=offsets[label_start], end=offsets[b],
    )


# "… trong 10 tháng ước đạt 3.475\nnghìn lượt khách, …", "… ước đạt gần 692,5 tỷ đồng,\ntăng 18,2%": a page
# that wraps its lines by hand breaks a sentence where a line ran out. A sentence, a heading, a table's row and a
# list's item ("- Kim ngạch …", "+ Tổng vốn …") each open with a capital, a digit or a mark; a line that opens
# with a small letter, after one that ends in a word, a number or a comma (no ". ; : ! ?"), goes on with the
# sentence before it.
# A line may also run out between a word that asks for its figure and the figure ("… thu hút khoảng\n345.900
# lượt khách", "… ước đạt\n2.359 tỷ đồng"): a qualifier ("khoảng", "gần", "trên", "hơn", "dưới", "xấp xỉ") or
# "đạt" / "là" ends no sentence, and the line that opens with a digit after it is that sentence's figure
# (a list's numbered item opens after a full stop or a colon, not after such a word).
# (The word is matched, not looked behind for: a lookbehind takes one width; the newline still ends the match.)
_WANTS_FIGURE_BEFORE = r"(?<![^\W\d_])(?:khoảng|gần|trên|hơn|dưới|xấp xỉ|đạt|là)"
_WRAPPED_LINE_RE = re.compile(r"(?:(?<=[\w,])[ \t]*\n(?=[ \t]*[" + SMALLS + "])|" + _WANTS_FIGURE_BEFORE
                              + r"[ \t]*\n(?=[ \t]*\d))")


def _wrapped_lines_joined(norm: str) -> str:
    """``norm`` with the newline of each wrapped line read as a space (one character for one: the offsets hold)."""
    return _WRAPPED_LINE_RE.sub(lambda m: m.group(0)[:-1] + " ", norm)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: at '.', '!', '?' before a capital or a digit, and at newlines.
    A dot inside a number ('1.824', 'tháng 5.2015') has no space after it, so it never ends one."""
    spans, start = [], 0
    marks = SENTENCE_END_RE if "\n" in text or "!" in text or "?" in text or "…" in text else _FULL_STOP_END_RE
    for m in marks.finditer(text):
        newline = m.group(0)[0] == "\n"
        end = m.start() if newline else m.start() + 1  # the mark ends its sentence
        # endswith with an end bound reads the text in place; text[:end].endswith copied
        # the whole prefix at every sentence end (quadratic in the page: no difference on the
        # bench's articles, 3.3 -> 2.8 ms on a 67,000-character page).
        if newline or not text.endswith(_ABBREVIATIONS, 0, end):
            if text[start:end].strip():
                spans.append((start, end))
            start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    if len(text) <= MAX_SENTENCE:
        return spans  # no sentence of it can be too long: _bounded would give each back whole
    return [piece for span in spans for piece in _bounded(text, *span)]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on 'sentence' (no full stop for pages) into pieces of at most
    MAX_SENTENCE characters at a clause break or space, so the per-sentence work,
    which grows with the square of the number of events, stays bounded."""
    pieces = []
    while end - start > MAX_SENTENCE:
        window = text[start:start + MAX_SENTENCE]
        cut = max(window.rfind(";"), window.rfind(", "), window.rfind(" "))
        cut = start + (cut + 1 if cut > MAX_SENTENCE // 2 else MAX_SENTENCE)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _last_written_year(text: str) -> int | None:
    years = [p.spec.year for p in find_periods(text) if p.spec.year]
    return years[-1] if years else None


class _Paragraph:
    """What carries from sentence to sentence: the period and the publication date."""

    def __init__(self, published: date | None, context_year: int | None) -> None:
        self.published = published
        self.context_year = context_year
        # The period the paragraph starts with: none until a sentence names one. The period
        # carried from sentence to sentence is this attribute, and nothing else.
        self._period: PeriodSpec | None = None
        self.first_period: PeriodSpec | None = None  # the first period the paragraph named
        self._before_span: PeriodSpec | None = None  # the period a span of years named after it replaced
        self.last_month: PeriodSpec | None = None  # the last month named, for "… trong tháng"
        # The last sentence walked: its span and whether it gave a record (extract_sentence._parts_of_since_ever).
        self.last_sentence: tuple[int, int, bool] | None = None
        # The sentence's period became the paragraph's in a clause with a subject and a figure of
        # its own ("…; vốn FDI thực hiện 5 tháng ước đạt 35 triệu USD"): the sentence's figures
        # before it, which named none, are not of it (they wait for the next sentence's); one
        # named in a clause that only goes on ("…, và vượt qua kịch bản … quý I/2025") is theirs.
        self.period_with_figure = False
        self.catalogue = load_catalogue()
        # The subject the last sentence ended on, for a sentence that only continues it.
        self.subject: dict | None = None
        self.places: list[tuple[int, int, str]] = []  # provinces named in the text (start, end, name)
        self.low: str | None = None  # the text lower-cased (textscan.fold), when a sentence's fold is a slice of it
        # The indicators named in this sentence and the one before: what a context phrase
        # ("tổng doanh thu") may be about.
        self.topics: set[str] = set()
        self.topics_before: set[str] = set()
        # The last base a sentence with a balance (credit, deposits) wrote: bare changes of
        # balances in the sentences after it are measured against it (extract_bases._last_base).
        self.balance_base: Event | None = None
        # The last base a sentence about the price index wrote: its parts by area in the sentences
        # after it ("Trong đó, CPI khu vực thành thị tăng 0,34%") are measured against it.
        self.index_base: Event | None = None
        # The events of the last sentence that gave records: a sentence opening "Trong khi đó" may
        # take its base (extract_bases._base_before_contrast).
        self.events_before: list[Event] = []
        # The paragraph's period before a price index named its own ("6 tháng đầu năm, GRDP … .
        # Chỉ số giá tiêu dùng bình quân quý II tăng 3%. Thu ngân sách đạt …"): the index is
        # reported by its month or quarter inside the report's frame, and a figure of another
        # indicator that names no period is still of the frame (extract_walk: open_draft).
        self.frame: PeriodSpec | None = None

    @property
    def period(self) -> PeriodSpec | None:
        return self._period

    @period.setter
    def period(self, spec: PeriodSpec) -> None:
        # "Giai đoạn 2016-2020, tăng trưởng bình quân 6,8%/năm": a span of years, set beside the
        # report's own period, frames its sentence only (next_sentence gives the period back).
        if spec.kind != "R":
            self._before_span = None
        elif self._period is not None and self._period.kind != "R":
            self._before_span = self._period
        self._period = spec
        if self.first_period is None:
            self.first_period = spec
        if spec.kind == "M" and not spec.to_date:
            self.last_month = spec

    def next_sentence(self) -> None:
        self.topics_before, self.topics = self.topics, set()
        if self._before_span is not None and self._period is not None and self._period.kind == "R":
            self._period, self._before_span = self._before_span, None

    def enter(self, context: ParagraphContext | None) -> None:
        """A paragraph with a context starts with its period; a bullet with no subject."""
        if context is None:
            return
        if context.period is not None:
            self.period = context.period
        if context.bullet:
            self.subject = None

    def resolve(self, d: Draft) -> str | None:
        if d.period is None:
            return None
        # "đến tháng 3/2015, chỉ số giá tiêu dùng đã tăng … 0,19% so với tháng trước": a change on the
        # month before is the month's own, not the months so far.
        at_month = d.code in STOCK_INDICATORS or (d.code in INDEX_INDICATORS and d.mom is not None and d.yoy is None)
        spec = d.period if at_month else d.period.as_flow()
        if spec.relative == "part" and not at_month:
            return None  # "nửa đầu tháng 9 kim ngạch xuất khẩu đạt …": a flow over part of a month is no month's
        if d.on_last_month and spec.kind == "YTD" and spec.n >= 2:
            # "Trong 11 tháng …. Ước tính chỉ số sản xuất công nghiệp tăng 3% so với tháng trước và tăng
            # 5,8% so với cùng kỳ": against the month before, the figure is the last month's own.
            spec = PeriodSpec("M", spec.n, spec.year, spec.relative)
        label = resolve_period(spec, self.published, d.kind, self.context_year)
        if label is None or d.period_year_shift is None:
            return label
        year, _, rest = label.partition("-")
        new_year = d.period_year_shift if isinstance(d.period_year_shift, str) else str(int(year) + d.period_year_shift)
        return f"{new_year}-{rest}" if rest else new_year

    def to_metric(self, d: Draft, text: str, norm: str, offsets: Sequence[int], s_start: int, s_end: int) -> Metric | None:
        period = self.resolve(d)
        if period is None or not d.has_figure():
            return None
        if not all(v is None or math.isfinite(v) for v in (d.value, d.yoy, d.mom, d.plan)):
            # A number past a float's range (400 digits, fault probe) read as inf: `hbetl extract`
            # printed "Infinity", which is no JSON, and a run loaded it. No figure is that large.
            return None
        _index_level_as_change(d)
        if not _growth_as_value(d):
            return None
        if d.kind == "target" and d.expected and self.published is not None:
            # "dự kiến trong tháng 5" in a June report: a provisional figure, not a goal; so is one
            # also estimated ("dự kiến … ước thực hiện") of a period already begun.
            span = period_span(period)
            if span is not None and (span[1] < self.published or (d.estimated_too and span[0] <= self.published)
                                     or _closing_report(period, span[1], self.published)):
                d.kind = "estimate"
        a, b = offsets[d.start], offsets[d.end]
        sa, sb = offsets[s_start], offsets[s_end]
        while sb > sa and text[sb - 1].isspace():
            sb -= 1
        # Made with __new__ and __init__, not Metric(...): calling the class with keywords packs
        # them into a dict and out again (1.41 -> 0.48 us a record; the same object).
        metric = _new_metric(Metric)
        _init_metric(
            metric,
            indicator=d.code, period=period, kind=d.kind, value=d.value, unit=d.unit if d.value is not None else None,
            qualifier=d.qualifier if d.value is not None else d.change_qualifier, yoy_pct=d.yoy, mom_pct=d.mom, plan_pct=d.plan,
            scope=d.scope, label=d.label, sentence=text[sa:sb].strip(), start=a, end=b,
        )
        return metric

