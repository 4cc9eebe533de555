"""Text -> metric records (../shared/spec/metric-record.md).

A small grammar over events found in each sentence, no model:

    M  a catalogue phrase (the subject: "kim ngạch xuất khẩu", "7 vụ vi phạm")
    P  a period ("quý II", "6 tháng", "tháng 5.2015")
    V  a level: number + unit ("2.663 tỷ đồng", "khoảng 210.000 lượt")
    C  a change or plan share ("tăng 18,19%", "bằng 139% cùng kỳ", "vượt 6% so với kế hoạch")
    B  a base ("so với cùng kỳ", "so với tháng trước") that gives a bare change its field
    K  kind cues (ước → estimate; phấn đấu, dự kiến → target), S scope phrases
       ("tính cả …"), T "trong đó" (what follows is a breakdown, not the subject)

Sentences are walked clause by clause (split at , ; : and brackets) carrying the
subject and the kind within the sentence and the period across the paragraph. A
period in a clause with a subject, or in a clause with no figure, becomes the
paragraph's period; a period opening a clause that only continues the subject
("…, 6 tháng ước đạt 3.824 tỷ đồng") is that figure's alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from hbetl.indicators import Mention, find_mentions, load_catalogue, may_mention
from hbetl.models import Metric
from hbetl.numbers import normalise_with_map, parse_number
from hbetl.periods import PeriodSpec, find_periods, period_span, resolve_period
from hbetl.textscan import FastPattern, fold

__all__ = ["Metric", "extract_metrics"]

NUM = r"\d+(?:[.,]\d+)*"
_NUM_ALONE = r"(?<![\w.,/])" + NUM + r"(?![\w/]|[.,]\d)"
_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
_COUNT_NOUNS = r"vụ\s+việc|vụ|trường\s+hợp|doanh\s+nghiệp|DN|dự\s+án|hộ|người"
_UNIT = (
    r"(?P<scale>(?:\s*(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\w))*)"
    r"(?P<noun>\s*(?:đồng|VNĐ|VND|đ(?!\w)|USD|đô\s*-?\s*la(?:\s+Mỹ)?|đôla|"
    r"lượt(?:\s+(?:khách|người))?|tấn|tạ|kWh|MWh|GWh|" + _COUNT_NOUNS + r")(?!\w))?"
)
_QUALIFIER = r"(?P<qual>trên|hơn|vượt|dưới|khoảng|xấp\s+xỉ|gần\s+như|gần|chừng)"
# A level's number may run into its scale word ("2,37triệu lượt"), and a scale may split it
# ("107 nghìn 700 tỷ đồng" is 107.700 tỷ, "1 triệu 200 nghìn lượt" is 1.200.000).
_NUM_OF_LEVEL = r"(?<![\w.,/])" + NUM + r"(?!(?!(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ))[\w/]|[.,]\d)"
VALUE_RE = FastPattern(
    r"(?:" + _QUALIFIER + r"\s+)?(?P<num>" + _NUM_OF_LEVEL + r")"
    r"(?:\s*(?P<upper>nghìn|ngàn|triệu|tỷ|tỉ)\s+(?P<lower>\d{1,3})(?=\s*(?:nghìn|ngàn|triệu|tỷ|tỉ|lượt)))?"
    r"(?P<range>\s*(?:-|đến|tới)\s*" + NUM + r")?(?P<unit>\s*%|" + _UNIT + r")",  # _UNIT may match empty: % first
    trigger=r"trên|hơn|vượt|dưới|khoảng|xấp|gần|chừng|\d",  # a value opens with a qualifier or its number
)
_PLAN_REF = r"kế\s+hoạch|KH|dự\s+toán|chỉ\s+tiêu|mục\s+tiêu|kịch\s+bản"
CHANGE_RE = FastPattern(
    r"(?P<verb>tăng\s+trưởng|tăng|giảm|cao\s+hơn|thấp\s+hơn|bằng|gấp|vượt|đạt|thực\s+hiện|hoàn\s+thành)"
    r"(?P<fill>(?:\s+(?:nhẹ|mạnh|thêm|lần\s+lượt|được|khoảng|gần|hơn|trên|xấp\s+xỉ|tới|đến|ở\s+mức|mức|là|tương\s+ứng))*)"
    r"\s+(?P<num>" + _NUM_ALONE + r")(?P<range>\s*(?:-|đến|tới)\s*" + NUM + r")?"
    r"(?P<sign>\s*(?:%|điểm\s+phần\s+trăm|điểm(?!\w)|phần\s+trăm|lần(?!\w)))?"
    r"(?P<ref>\s+(?:so\s+với\s+|so\s+|của\s+)?(?:cùng\s+kỳ|" + _PLAN_REF + r")(?!\w))?"
    r"(?P<about>\s+về\s+[^\s,;:()]+(?:\s+(?!(?:và|so|nhưng|còn|tăng|giảm|đạt)(?!\w))[^\s\d,;:()]+){0,5})?"
    r"|(?P<bare>" + _NUM_ALONE + r")\s*%\s+(?:so\s+với\s+)?(?P<bareref>" + _PLAN_REF + r")(?!\w)"
    r"|gấp\s+(?P<double>đôi)",
    # The verbs, and a number only where a plan share follows it ("105% kế hoạch").
    word_start=True, trigger=r"tăng|giảm|cao|thấp|bằng|gấp|vượt|đạt|thực|hoàn|\d+(?=[\d.,]*\s*%\s+(?:so|kế|kh|dự|chỉ|mục|kịch))",
)
_STOP = r"(?:tăng|giảm|và|nhưng|đạt|thực|bằng|vượt|trong|song|còn)(?!\w)"
BASE_RE = FastPattern(
    r"so(?!\s+sánh)(?:\s+với)?(?P<what>(?:\s+(?!" + _STOP + r")[^\s,;:()%]+){1,8})", word_start=True, trigger="so",
)
# "hiệp ước" (treaty) and "công ước" (convention) are not estimates; the word before is
# checked whole, since "công nghiệp ước tính" ends in "hiệp " too.
ESTIMATE_RE = FastPattern(r"ước(?!\w)", word_start=True, trigger="ước")
_NOT_ESTIMATE_BEFORE = {"hiệp", "công"}
_WORD_BEFORE_RE = re.compile(r"(?<!\w)(\w+)\s+$")
TARGET_RE = FastPattern(
    r"(?:phấn\s+đấu|dự\s+kiến|dự\s+báo|đặt\s+mục\s+tiêu|đặt\s+ra\s+mục\s+tiêu|đề\s+ra\s+mục\s+tiêu|"
    r"mục\s+tiêu\s+(?:là|đề\s+ra|đặt\s+ra|đến)|kế\s+hoạch\s+(?:đặt|đề)\s+ra|các\s+chỉ\s+tiêu|chỉ\s+tiêu\s*:|"
    # setting a target ("tỉnh đặt chỉ tiêu", "giao chỉ tiêu"), not reaching one ("đạt/vượt chỉ tiêu")
    r"(?:đặt|giao|đề\s+ra)\s+chỉ\s+tiêu)(?!\w)",
    word_start=True, trigger="phấn|dự|đặt|đề|mục|kế|các|chỉ|giao",
)
# What makes a target word no cue: a plan reached ("đạt và vượt kế hoạch đề ra", "các chỉ
# tiêu đều vượt"), or striving as a noun ("với sự cố gắng phấn đấu của toàn Đảng bộ").
_REACHED_BEFORE_RE = re.compile(r"(?:đạt|vượt|hoàn\s+thành|bằng|so\s+với)(?:\s+và\s+vượt)?\s*$", re.IGNORECASE)
_REACHED_AFTER_RE = re.compile(r"\s*(?:\S+\s+){0,3}?(?:đều\s+)?(?:đạt|vượt|hoàn\s+thành)(?!\w)", re.IGNORECASE)
_EFFORT_BEFORE_RE = re.compile(r"(?<!\w)sự(?:\s+(?:cố\s+gắng|nỗ\s+lực))?\s*$", re.IGNORECASE)
_EFFORT_AFTER_RE = re.compile(r"\s+của(?!\w)", re.IGNORECASE)


def _reaches_or_names_effort(s: str, m: re.Match[str]) -> bool:
    word = " ".join(m.group(0).lower().split())
    before = s[max(0, m.start() - 20):m.start()]
    if word.startswith("phấn đấu"):
        return bool(_EFFORT_BEFORE_RE.search(before) or _EFFORT_AFTER_RE.match(s, m.end()))
    if word.startswith("kế hoạch"):
        return bool(_REACHED_BEFORE_RE.search(before))
    if word == "các chỉ tiêu":
        return bool(_REACHED_AFTER_RE.match(s, m.end()))
    return False


# A figure needs a digit, except "gấp đôi" (doubled).
FIGURE_RE = FastPattern(r"\d|gấp\s+đôi")
# What follows is a breakdown, not the subject: "trong đó", "trong số đó", "bao gồm" (not "bao
# gồm cả", a scope), "chia theo loại hình kinh tế", "phân theo ngành".
SUBITEMS_RE = FastPattern(r"(?:trong\s+(?:số\s+)?đó|bao\s+gồm(?!\s+cả)|chia\s+theo|phân\s+theo)(?!\w)",
                          word_start=True, trigger="trong|bao|chia|phân")
SCOPE_RE = FastPattern(
    r"(?:tính\s+cả|kể\s+cả|bao\s+gồm\s+cả|không\s+tính|không\s+kể|không\s+bao\s+gồm|loại\s+trừ|trừ)"
    r"(?:\s+(?!(?:đạt|ước|tăng|giảm|là|có)(?!\w))[^\s,;:()]+){1,8}",
    word_start=True, trigger="tính|kể|bao|không|loại|trừ",
)
SAME_PERIOD_BEFORE_RE = FastPattern(
    r"cùng\s+kỳ(?:\s+năm\s+(?P<y>\d{4}|trước|ngoái))?(?!\w)", word_start=True, trigger="cùng"
)
CLAUSE_BREAK_RE = re.compile(r"[;:()\[\]]|,(?!\d)|\s-\s")
# CLAUSE_BREAK_RE for a sentence with no '-', where its " - " branch cannot match: the same
# breaks ("," only when no digit follows), but a pattern that opens with one character class
# lets the engine skip in C to the next candidate, where the alternation was tried at every
# position (0.054 -> 0.015 ms over the sample page's sentences; tests/test_extract_shortcuts.py).
_CLAUSE_BREAK_NO_DASH_RE = re.compile(r"[;:()\[\],](?!(?<=,)\d)")
AVERAGE_RE = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:bình\s+quân|trung\s+bình)\s+(?:một|mỗi|trên|/|đầu)", re.IGNORECASE)
_PLAN_OPENS_RE = re.compile(r"\s*(?:KH|kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)(?!\w)", re.IGNORECASE)
# "(bình quân 1 tháng đạt 12,95 tỷ USD)", "trung bình mỗi doanh nghiệp 9,8 tỷ đồng": what
# follows in the clause is an average per month or per unit, not the period's total.
AVERAGE_CLAUSE_RE = FastPattern(
    r"(?:bình\s+quân|trung\s+bình)(?:\s+(?:mỗi|một|1|hàng|trên))+\s+(?:tháng|ngày|tuần|quý|năm|doanh\s+nghiệp|"
    r"dự\s+án|người|lao\s+động|hộ|khách|lượt|đơn\s+vị)(?!\w)",
    word_start=True, trigger="bình|trung",
)
# "dư nợ cho vay nông nghiệp, nông thôn", "vốn đầu tư khu vực nhà nước", "kim ngạch xuất khẩu
# nông sản": a split by sector, ownership, branch or commodity, which is no record (Conventions).
_BRANCH_AFTER_RE = re.compile(
    r"\s+(?:(?:ngành|khu\s+vực|lĩnh\s+vực|cho\s+vay|đối\s+với|đầu\s+tư\s+vào)\s+)?"
    r"(?:nông\s+nghiệp|nông\s+thôn|nông,?\s+lâm|lâm\s+nghiệp|thủy\s+sản|thuỷ\s+sản|chế\s+biến|khai\s+khoáng|"
    r"bất\s+động\s+sản|tiêu\s+dùng|chính\s+sách|nhà\s+nước|ngoài\s+nhà\s+nước|kinh\s+tế\s+nhà\s+nước|"
    r"doanh\s+nghiệp\s+nhà\s+nước|có\s+vốn\s+đầu\s+tư\s+nước\s+ngoài|nông\s+sản|thủy\s+hải\s+sản|dệt\s+may|"
    r"điện\s+tử|gạo|cà\s+phê|hồ\s+tiêu|cao\s+su|sắn|chè|than|may\s+mặc|giày\s+dép|gỗ|lữ\s+hành)(?!\w)",
    re.IGNORECASE)
# "20 mặt hàng đạt kim ngạch xuất khẩu trên 1 tỷ USD": items counted by a threshold, not the total.
_COUNTED_ITEMS_BEFORE_RE = re.compile(
    r"\d+\s+(?:mặt\s+hàng|nhóm\s+hàng|ngành\s+hàng|sản\s+phẩm|thị\s+trường|địa\s+phương|tỉnh|huyện|xã)"
    r"(?:\s+[^\s\d,;:()]+){0,3}?\s+(?:có|đạt)\s*$", re.IGNORECASE)
ABBREV_RE = re.compile(r"\s*\([^()\d]{1,30}\)")
SENTENCE_END_RE = re.compile(r"\n+|(?<=[.!?…])[\"”')]*\s+(?=[\"“(]?[A-ZÀ-Ỹ\d])")
# The longest real sentences in provincial reports run to ~800 characters (a clause
# list of five indicators); anything longer is a run-on page and is cut.
MAX_SENTENCE = 2000
_ABBREVIATIONS = ("TP.", "Tp.", "ThS.", "TS.", "PGS.", "GS.", "Th.", "v.v.", "St.")

# Words that may open a clause that continues the subject ("…, 6 tháng ước đạt …").
# Two or more other words before the figure mean the clause has a subject of its own
# ("sản lượng thóc 184 nghìn tấn", "thu nộp ngân sách hơn 20 triệu đồng").
_CONTINUATION_TEXT = """
    và nhưng còn song riêng tính chung cả trong đó ước đạt thực hiện là có ở mức lên tới đến
    khoảng trên hơn dưới gần xấp xỉ như chỉ vào phấn đấu dự kiến tăng giảm bằng vượt trưởng với
    toàn tỉnh địa bàn cũng đã được sẽ tiếp tục giá trị lũy kế luỹ tổng cộng này kỳ cùng
    hoàn thành năm tháng quý bình quân nhẹ mạnh thêm lượt ngày nay qua vừa đó so
    con số mức tương đương ổn định cao thấp nhiều ít chiếm
"""
_CONTINUATION_WORDS = frozenset(_CONTINUATION_TEXT.split())

# Balances read at a date ("dư nợ đến hết tháng 6" is June's); every other indicator
# is a flow, and "đến hết tháng 6" is its first six months.
STOCK_INDICATORS = {"credit_outstanding", "deposits_mobilized"}
_UNIT_OF_FAMILY = {"money": "billion_vnd", "usd": "million_usd", "visits": "visits", "tonnes": "tonnes",
                   "kwh": "million_kwh", "count": "count", "percent": "percent"}
# Count nouns that can carry each count indicator ("7 vụ", "120 doanh nghiệp").
_COUNT_NOUNS_OF = {
    "market_violations": {"vụ", "vụ việc", "trường hợp"},
    "counterfeit_violations": {"vụ", "vụ việc", "trường hợp"},
    "new_enterprises": {"doanh nghiệp", "dn"},
}
_DEFAULT_COUNT_NOUNS = {"vụ", "doanh nghiệp", "dự án", "hộ"}


# slots: ~15 events and a few drafts are made per sentence; slotted instances are
# quicker to make and to read (same fields, same equality; nothing adds attributes).
@dataclass(slots=True)
class Event:
    start: int
    end: int
    kind: str  # M P V C B K S T A X
    data: dict = field(default_factory=dict)


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

    def has_figure(self) -> bool:
        # Spelled out rather than any(<generator>): asked ~50 times a page.
        return self.value is not None or self.yoy is not None or self.mom is not None or self.plan is not None


def extract_metrics(text: str, published: date | None = None) -> list[Metric]:
    """Every metric record in ``text``; offsets index into ``text`` as given."""
    if not text or not text.strip():
        return []
    norm, offsets = normalise_with_map(text)
    if not may_mention(norm):
        # Every record is about a catalogue phrase found in a sentence or a table row's
        # label, each a part of ``norm``: with none anywhere, there is nothing to walk.
        return []
    context_year = None if published else _last_written_year(norm)
    para = _Paragraph(published, context_year)
    out: list[Metric] = []
    table_metrics, table_spans = _table_metrics(text, norm, offsets, para)
    out.extend(table_metrics)
    previous: list[tuple[Draft, Metric]] = []  # the last sentence's records
    # Figures written before the paragraph names any period ("Thu ngân sách ước đạt 18.900 tỷ
    # đồng… Hết tháng 9, …") take the period the next sentence that names one names; a period
    # later in their own sentence belongs to its own clause.
    waiting: list[tuple[Draft, int, int]] = []
    for s_start, s_end in split_sentences(norm):
        if _overlaps(s_start, s_end, table_spans):
            continue
        these: list[tuple[Draft, Metric]] = []  # this sentence's records so far
        period_before = para.period
        for d in _sentence_drafts(norm, s_start, s_end, para):
            if d.period is None:
                if para.period is None:
                    waiting.append((d, s_start, s_end))
                continue
            metric = para.to_metric(d, text, norm, offsets, s_start, s_end)
            if metric is not None and not _completes(previous + these, d, metric):
                metric = _not_yet_measured(metric, published)
                out.append(metric)
                these.append((d, metric))
        previous = these
        if waiting and para.period is not None and period_before is None:
            for d, a, b in waiting:
                d.period = para.first_period
                metric = para.to_metric(d, text, norm, offsets, a, b)
                if metric is not None:
                    out.append(_not_yet_measured(metric, published))
            waiting = []
    return out


_CHANGES = ("yoy_pct", "mom_pct", "plan_pct")


def _completes(previous: list[tuple[Draft, Metric]], d: Draft, metric: Metric) -> bool:
    """Reporters give the levels, then the changes in a sentence of their own ("… 337 doanh
    nghiệp thành lập mới với tổng vốn đăng ký 2.714 tỷ đồng. So với cùng kỳ, số DN thành lập
    mới giảm 44,5% và số vốn đăng ký giảm 42,7%."), or name the subject again later in the
    sentence ("CPI tháng 2 tăng 1,04% so với tháng trước, …; so với cùng kỳ CPI tăng 3,98%"):
    a record with changes only completes an earlier record (of this sentence or the last)
    of the same indicator, period and scope, when the changes fill fields it left empty; it
    is then not a record of its own. A change since the year began yields to one against
    the previous month the earlier record has."""
    if metric.value is not None:
        return False
    for _, earlier in reversed(previous):
        if (earlier.indicator, earlier.period, earlier.scope) != (metric.indicator, metric.period, metric.scope):
            continue
        given = [a for a in _CHANGES if getattr(metric, a) is not None]
        fills = [a for a in given if getattr(earlier, a) is None]
        yields = all(a in fills or (a == "mom_pct" and d.mom_since_year_start) for a in given)
        if not fills or not yields:
            return False
        for a in fills:
            setattr(earlier, a, getattr(metric, a))
        return True
    return False


# A report can measure a period only once it is (nearly) over: monthly and quarterly
# reviews come out up to a few weeks before the period ends, with "ước" (estimate) when
# early. A figure for a period that had barely begun when the article came out (under a
# third of it gone, and over two months still to run), with no cue of its own, is a plan:
# "Năm 2023, … tăng trưởng kinh tế đạt 8,5%" published in January. A crop season's
# figure filed under its year ("vụ đông xuân" reported in June) is past the third.
FUTURE_MARGIN = timedelta(days=60)


def _not_yet_measured(metric: Metric, published: date | None) -> Metric:
    if published is None or metric.kind != "actual":
        return metric
    span = period_span(metric.period)
    if span is None:
        return metric
    first, last = span
    if published < first + (last - first) / 3 and last > published + FUTURE_MARGIN:
        metric.kind = "target"
    return metric


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


def _table_metrics(text: str, norm: str, offsets: list[int], para: _Paragraph) -> tuple[list[Metric], list[tuple[int, int]]]:
    """Records from "|"-separated table rows under a header naming a period column,
    and the spans of the rows read (the sentence walker skips them)."""
    out: list[Metric] = []
    spans: list[tuple[int, int]] = []
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


def _table_row(text: str, offsets: list[int], cells: list[tuple[str, int, int]],
               columns: tuple[int, str, int | None], a: int, b: int) -> Metric | None:
    figure_col, period, index_col = columns
    label, label_start, _ = cells[0]
    mentions = find_mentions(label)
    unit_m = _TABLE_UNIT_RE.search(label)
    value = _num(cells[figure_col][0]) if _NUM_RE.fullmatch(cells[figure_col][0]) else None
    if not mentions or mentions[0].weak or mentions[0].needs or unit_m is None or value is None:
        return None
    code = mentions[0].code
    unit = _unit_of(unit_m.group("unit"))
    canonical = load_catalogue()[code].unit
    # A percent indicator's cell may be an index (103,5) or a change (3,5): no safe reading.
    if unit is None or canonical == "percent" or _UNIT_OF_FAMILY.get(unit[0]) != canonical:
        return None
    index = None
    if index_col is not None and index_col < len(cells) and _NUM_RE.fullmatch(cells[index_col][0]):
        index = _num(cells[index_col][0])
    return Metric(
        indicator=code, period=period, kind="actual", value=value * unit[1], unit=canonical, qualifier=None,
        yoy_pct=round(index - 100, 6) if index is not None else None, mom_pct=None, plan_pct=None, scope=None,
        label=label[mentions[0].start:mentions[0].end], sentence=text[offsets[a]:offsets[b]].strip(),
        start=offsets[label_start], end=offsets[b],
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: at '.', '!', '?' before a capital or a digit, and at newlines.
    A dot inside a number ('1.824', 'tháng 5.2015') has no space after it, so it never ends one."""
    spans, start = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        # endswith with an end bound reads the text in place; text[:m.start()].endswith copied
        # the whole prefix at every sentence end (quadratic in the page: no difference on the
        # bench's articles, 3.3 -> 2.8 ms on a 67,000-character page).
        if m.group(0).startswith("\n") or not text.endswith(_ABBREVIATIONS, 0, m.start()):
            if text[start:m.start()].strip():
                spans.append((start, m.start()))
            start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
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
        self.catalogue = load_catalogue()
        # The subject the last sentence ended on, for a sentence that only continues it.
        self.subject: dict | None = None
        # The indicators named in this sentence and the one before: what a context phrase
        # ("tổng doanh thu") may be about.
        self.topics: set[str] = set()
        self.topics_before: set[str] = set()

    @property
    def period(self) -> PeriodSpec | None:
        return self._period

    @period.setter
    def period(self, spec: PeriodSpec) -> None:
        self._period = spec
        if self.first_period is None:
            self.first_period = spec

    def next_sentence(self) -> None:
        self.topics_before, self.topics = self.topics, set()

    def resolve(self, d: Draft) -> str | None:
        if d.period is None:
            return None
        spec = d.period if d.code in STOCK_INDICATORS else d.period.as_flow()
        label = resolve_period(spec, self.published, d.kind, self.context_year)
        if label is None or d.period_year_shift is None:
            return label
        year, _, rest = label.partition("-")
        new_year = d.period_year_shift if isinstance(d.period_year_shift, str) else str(int(year) + d.period_year_shift)
        return f"{new_year}-{rest}" if rest else new_year

    def to_metric(self, d: Draft, text: str, norm: str, offsets: list[int], s_start: int, s_end: int) -> Metric | None:
        period = self.resolve(d)
        if period is None or not d.has_figure():
            return None
        if d.kind == "target" and d.expected and self.published is not None:
            # "dự kiến trong tháng 5" in a June report: a provisional figure, not a goal.
            span = period_span(period)
            if span is not None and span[1] < self.published:
                d.kind = "estimate"
        a, b = offsets[d.start], offsets[d.end]
        sa, sb = offsets[s_start], offsets[s_end]
        while sb > sa and text[sb - 1].isspace():
            sb -= 1
        return Metric(
            indicator=d.code, period=period, kind=d.kind, value=d.value, unit=d.unit if d.value is not None else None,
            qualifier=d.qualifier if d.value is not None else d.change_qualifier, yoy_pct=d.yoy, mom_pct=d.mom, plan_pct=d.plan,
            scope=d.scope, label=d.label, sentence=text[sa:sb].strip(), start=a, end=b,
        )


# --- finding events -------------------------------------------------------------------


def _overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    # A plain loop, not any(<generator>): the same answer, and at ~140 calls a page the
    # generator's frame showed in the profile (on six spans: 630 ns -> 200 ns a call).
    for x, y in taken:  # noqa: SIM110 - see above
        if a < y and x < b:
            return True
    return False


def _inside(pos: int, taken: list[tuple[int, int]]) -> bool:
    """``pos`` falls inside one of the spans (written as a loop for the reason above)."""
    for x, y in taken:  # noqa: SIM110 - see _overlaps
        if x <= pos < y:
            return True
    return False


_BARE_COUNT_BEFORE_RE = re.compile(r"(?<!\w)(?:là|đạt|có)\s*$", re.IGNORECASE)
_BARE_COUNT_AFTER_RE = re.compile(r"\s*(?:[,;.)]|$|so(?!\w))")


def _bare_count(s: str, m: re.Match[str]) -> bool:
    """'số doanh nghiệp đăng ký mới là 320, tăng 5%': a whole number stated with no unit, which
    only a count's subject takes (_fits)."""
    num = m.group("num")
    return (not m.group("qual") and "," not in num and not m.group("unit").strip()
            and bool(_BARE_COUNT_BEFORE_RE.search(s, max(0, m.start() - 6), m.start()))
            and bool(_BARE_COUNT_AFTER_RE.match(s, m.end())))


def _unit_of(unit_text: str) -> tuple[str, float, str | None] | None:
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
    if noun.startswith("lượt"):
        return "visits", scale, None
    if noun in ("tấn", "tạ"):
        return "tonnes", scale * (0.1 if noun == "tạ" else 1.0), None
    if noun in ("kwh", "mwh", "gwh"):
        return "kwh", scale * {"kwh": 1e-6, "mwh": 1e-3, "gwh": 1.0}[noun], None
    return "count", scale, noun


# Patterns of the helpers below, compiled once: re.match(<string>, …) looks the string up in
# re's compile cache on every call, which showed in the profile (23,400 re._compile calls
# for 300 runs of the sample page).
_COMPARED_WITH_BEFORE_RE = re.compile(r"(?:bằng|so|với)\s*$")
_WORD_RE = re.compile(r"\w+")
# Events at one position: clause breaks first, then subjects, periods, … bases last.
_KIND_ORDER = {"X": 0, "M": 1, "P": 2, "S": 3, "K": 4, "T": 5, "A": 6, "V": 7, "C": 8, "B": 9}


def _events(s: str, found: list[Mention] | None = None, low: str | None = None) -> list[Event]:
    """The events of one sentence ``s``; positions are relative to ``s``.
    ``found``: the sentence's catalogue phrases when the caller has looked them up already;
    ``low``: ``fold(s)`` when the caller has it."""
    events: list[Event] = []
    taken: list[tuple[int, int]] = []
    subitem_refs: list[tuple[int, int]] = []
    if low is None:
        low = fold(s)  # every scan below runs over the one lower-cased copy (hbetl/textscan.py)

    # Changes first so that "về vốn đăng ký" inside one is not a new subject.
    changes = []
    for m in CHANGE_RE.finditer(s, low):
        changes.append(m)
        if m.group("about"):
            subitem_refs.append(m.span("about"))

    mention_events: list[Event] = []  # the M events, for the checks below that only look at them
    for mt in find_mentions(s, low) if found is None else found:
        if _overlaps(mt.start, mt.end, subitem_refs):
            continue
        end = mt.end
        abbrev = ABBREV_RE.match(s, end)
        if abbrev:
            end = abbrev.end()
        foreign = bool(AVERAGE_RE.match(s, end) or _BRANCH_AFTER_RE.match(s, end)
                       or _COUNTED_ITEMS_BEFORE_RE.search(s, max(0, mt.start - 40), mt.start))
        mention = Event(mt.start, end, "M", {"code": mt.code, "scope": mt.scope, "foreign": foreign,
                                             "label": s[mt.start:mt.end], "weak": mt.weak, "needs": mt.needs,
                                             "plan": mt.plan})
        events.append(mention)
        mention_events.append(mention)
        taken.append((mt.start, end))

    for m in BASE_RE.finditer(s, low):
        if not _overlaps(m.start(), m.end(), taken):
            data = {"field": _base_field(m.group("what"))}
            # "so với quý I năm 2017", "so với tháng 12/2013", "so với sáu tháng đầu năm 2012":
            # against the figure's own period a year before, it is yoy (_apply_change).
            named = [p.spec for p in find_periods(m.group("what")) if p.spec.kind != "Y"]
            if named:
                data["base_spec"] = named[0]
            data["year_start"] = data["field"] == "mom" and bool(_YEAR_START_RE.search(m.group("what")))
            years = [p.spec.year for p in find_periods(m.group("what")) if p.spec.kind == "Y" and p.spec.year]
            if years and data["field"] == "yoy":  # "tăng 7,01% so với năm 2023": the figure is 2024's
                data["next_year"] = PeriodSpec("Y", 0, years[0] + 1)
            events.append(Event(m.start(), m.end(), "B", data))
            taken.append(m.span())

    for m in SCOPE_RE.finditer(s, low):
        if not _overlaps(m.start(), m.end(), taken):
            events.append(Event(m.start(), m.end(), "S", {"text": s[m.start():m.end()]}))
            taken.append(m.span())

    for m in AVERAGE_CLAUSE_RE.finditer(s, low):
        if not _overlaps(m.start(), m.end(), taken):
            events.append(Event(m.start(), m.end(), "A"))
            taken.append(m.span())

    # "(cùng kỳ năm 2022 tăng 9,6%)" before plain periods: the year inside it moves the
    # sentence's period back a year ("9 tháng" stays "9 tháng"), it is not the year 2022.
    for m in SAME_PERIOD_BEFORE_RE.finditer(s, low):
        if not _overlaps(m.start(), m.end(), taken) and not _COMPARED_WITH_BEFORE_RE.search(s[max(0, m.start() - 12):m.start()]):
            y = m.group("y")
            shift: int | str = y if y and y.isdigit() else -1
            events.append(Event(m.start(), m.end(), "P", {"spec": None, "shift": shift}))
            taken.append(m.span())
    for pm in find_periods(s, low):
        if not _overlaps(pm.start, pm.end, taken):
            events.append(Event(pm.start, pm.end, "P", {"spec": pm.spec, "season": pm.season,
                                                        "plan": _names_the_plan(s, pm.start)}))
            taken.append((pm.start, pm.end))

    for m in changes:
        # A change may run into a base it names ("so với kế hoạch"), but may not start inside one.
        if _inside(m.start(), taken):
            continue
        ev = _change_event(m)
        if ev is not None:
            events.append(ev)
            taken.append((m.start(), ev.end))
            # "tăng 5% về số doanh nghiệp nhưng giảm 6% vốn đăng ký": the phrase right after a
            # change names what changed; it opens no subject of its own.
            for mention in mention_events:
                if ev.data.get("field") and not ev.data.get("about") and mention.start > ev.end \
                        and not s[ev.end:mention.start].strip():
                    ev.data["about"] = mention.data["label"]
                    mention.data["object"] = True

    for m in VALUE_RE.finditer(s, low):
        num_span = m.span("num")
        if _overlaps(num_span[0], num_span[1], taken):
            continue
        if m.group("range") or s[m.end():m.end() + 1] == "/" or s[max(0, num_span[0] - 1):num_span[0]] == "/":
            taken.append(m.span())
            continue
        unit = _unit_of(m.group("unit"))
        if unit is None and not m.group("upper") and _bare_count(s, m):
            unit = ("number", 1.0, None)
        if unit is None:
            continue
        try:
            number = parse_number(m.group("num"))
        except ValueError:
            continue
        family, factor, noun = unit
        if m.group("upper"):
            number = _compound(number, m.group("upper"), int(m.group("lower")), m.group("unit"))
        qual = (m.group("qual") or "").lower()
        start = m.start()
        # "7 vụ vi phạm", "12,6 triệu lượt khách quốc tế": the unit opens a catalogue phrase.
        unit_start, unit_end = m.span("unit")
        for ev in mention_events:
            if unit_start <= ev.start < unit_end + 2 and ev.start >= num_span[1]:
                ev.data["value_first"] = True
                ev.start = start
        events.append(Event(start, m.end(), "V", {
            "value": number * factor, "family": family, "noun": noun, "qualifier": _qualifier(qual),
            # Only _fits reads the cue, and only for a percent: other values skip its regex.
            "percent_cue": family == "percent" and _percent_cue(s[max(0, start - 20):start]),
        }))
        taken.append((start, m.end()))

    for m in ESTIMATE_RE.finditer(s, low):
        before = _WORD_BEFORE_RE.search(s, max(0, m.start() - 30), m.start())
        if (before and before.group(1).lower() in _NOT_ESTIMATE_BEFORE) or _overlaps(m.start(), m.end(), taken):
            continue
        events.append(Event(m.start(), m.end(), "K", {"kind": "estimate"}))
    for m in TARGET_RE.finditer(s, low):
        if not _reaches_or_names_effort(s, m):
            expected = m.group(0).lower().startswith(("dự kiến", "dự báo"))
            events.append(Event(m.start(), m.end(), "K", {"kind": "target", "expected": expected}))
    period_starts = {e.start for e in events if e.kind == "P"}
    for m in SUBITEMS_RE.finditer(s, low):
        # "trong đó năm 2011 đạt 11,68%, năm 2012 đạt 13,44%": a breakdown by period, of the same subject.
        gap = len(s[m.end():m.end() + 3]) - len(s[m.end():m.end() + 3].lstrip(" ,:"))
        events.append(Event(m.start(), m.end(), "T", {"by_period": m.end() + gap in period_starts}))
    mention_spans = [(e.start, e.end) for e in events if e.kind == "M"]
    for m in (CLAUSE_BREAK_RE if "-" in s else _CLAUSE_BREAK_NO_DASH_RE).finditer(s):
        if not _overlaps(m.start(), m.end(), mention_spans):
            char = m.group(0).strip()
            events.append(Event(m.start(), m.end(), "X", {
                "char": char, "plan": char == "(" and bool(_PLAN_OPENS_RE.match(s, m.end()))}))
    events.sort(key=lambda e: (e.start, _KIND_ORDER[e.kind]))
    # Only a market-violations phrase asks whether the sentence names another domain.
    other_enforcement = (any(e.data["code"] == "market_violations" for e in mention_events)
                         and bool(_OTHER_ENFORCEMENT_RE.search(s)))
    return [e for e in events if not (e.kind == "M" and (
        ((e.data["weak"] or e.data["needs"]) and not _weak_confirmed(s, e, events))
        or (other_enforcement and e.data["code"] == "market_violations")
        or _names_a_sector(s, e)))]


# "đạt 73,7% kế hoạch năm 2022", "vượt kế hoạch được giao cả năm": the period of the plan
# a figure is measured against, not the figure's own (that one is written elsewhere, or
# is the paragraph's). A plan named as a subject ("Kế hoạch năm 2023 giao …") keeps its year.
_PLAN_BEFORE_PERIOD_RE = re.compile(
    r"(?:%|đạt|vượt|bằng|so\s+với|so|hoàn\s+thành|thực\s+hiện)\s+(?:" + _PLAN_REF + r")"
    r"(?:\s+(?!năm\b)[^\s\d,;:()%]+){0,4}\s*$", re.IGNORECASE)


def _names_the_plan(s: str, start: int) -> bool:
    return bool(_PLAN_BEFORE_PERIOD_RE.search(s, max(0, start - 50), start))


# "khu vực có vốn đầu tư nước ngoài", "doanh nghiệp có vốn FDI": the phrase describes who
# (a sector), and the figure that follows is that sector's exports or output, not capital.
_SECTOR_BEFORE_RE = re.compile(r"(?<!\w)(?:có|sử\s+dụng)\s*$", re.IGNORECASE)


def _names_a_sector(s: str, m: Event) -> bool:
    # A phrase its count opens ("có 12 dự án FDI") is looked at before the count, which is no sector.
    return (m.data["code"] == "fdi_capital" and not m.data.get("value_first")
            and bool(_SECTOR_BEFORE_RE.search(s[max(0, m.start - 12):m.start])))


# The violation counts in the catalogue are market control's (quản lý thị trường); the
# same words count traffic stops, drink-driving or land cases in ordinary news, which
# name their domain in the sentence ("cảnh sát giao thông … 412 trường hợp vi phạm").
_OTHER_ENFORCEMENT_RE = re.compile(
    r"(?<!\w)(?:giao\s+thông|CSGT|nồng\s+độ\s+cồn|tốc\s+độ|mũ\s+bảo\s+hiểm|trật\s+tự\s+đô\s+thị|"
    r"đất\s+đai|lâm\s+luật|khai\s+thác\s+khoáng\s+sản|ma\s+túy|ma\s+tuý|phòng\s+cháy|PCCC)(?!\w)",
    re.IGNORECASE,
)


# Words after a bare trade verb that still leave it naming the whole trade flow
# ("xuất khẩu của cả nước 7 tháng ước đạt …"); any other word makes it a product or a
# market ("xuất khẩu gạo", "xuất khẩu sang Mỹ"), which is not the indicator.
_WEAK_FOLLOW_WORDS = _CONTINUATION_WORDS | {"của", "nước", "việt", "nam", "tỉnh", "thành", "phố", "hàng", "hóa",
                                            "hoá", "dịch", "vụ"}
# Nouns a trade verb modifies rather than names a flow ("doanh nghiệp xuất khẩu", "thuế nhập khẩu").
_WEAK_NOT_AFTER_RE = re.compile(
    r"(?:doanh\s+nghiệp|DN|hàng|mặt\s+hàng|sản\s+phẩm|thuế|giá|thị\s+trường|lao\s+động|công\s+ty|"
    r"đơn\s+vị|cơ\s+sở|nhà|hoạt\s+động|chế\s+biến|tạm|hợp\s+đồng|hạn\s+ngạch|cửa\s+khẩu)\s*$",
    re.IGNORECASE,
)


# Words after a context phrase that leave it naming the whole ("tổng doanh thu toàn ngành",
# "doanh thu trên lĩnh vực này"); any other ("doanh thu dịch vụ lưu trú") names a part.
_CONTEXT_FOLLOW_WORDS = _CONTINUATION_WORDS | {"của", "ngành", "toàn", "lĩnh", "vực", "tỉnh", "từ", "khách"}


@cache
def _context_follow_words(code: str) -> frozenset[str]:
    """_CONTEXT_FOLLOW_WORDS and the words of the indicator's own phrases ("giải ngân vốn đầu tư
    công kế hoạch 9 tháng đạt …" restates what "giải ngân kế hoạch vốn đầu tư công" names)."""
    return _CONTEXT_FOLLOW_WORDS | {w for phrase in _phrases_of(code) for w in phrase.lower().split()}


def _weak_confirmed(s: str, m: Event, events: list[Event]) -> bool:
    """A weak phrase (a bare trade verb, "thành lập mới") or a context phrase is the subject
    when the first figure of its clause is a level in its indicator's unit or a change in
    percent, with only cue words, periods and bases between."""
    if _WEAK_NOT_AFTER_RE.search(s[max(0, m.start - 20):m.start]):
        return False
    follow = _context_follow_words(m.data["code"]) if m.data["needs"] else _WEAK_FOLLOW_WORDS
    own = {"code": m.data["code"], "unit": load_catalogue()[m.data["code"]].unit}
    cues: list[tuple[int, int]] = []
    for e in events:
        if e.start < m.end:
            continue
        if e.kind in ("X", "M", "T"):
            return False
        if e.kind in ("P", "K", "S", "B"):
            cues.append((e.start - m.end, e.end - m.end))
            continue
        if e.kind in ("V", "C"):
            if e.kind == "V" and not _fits(e, own):
                return False
            if e.kind == "C" and e.data.get("field") is None:
                return False
            between = list(s[m.end:e.start])
            for a, b in cues:
                between[a:b] = " " * (min(b, len(between)) - a)
            words = [w for w in _WORD_RE.findall("".join(between).lower()) if not w.isdigit()]
            return all(w in follow for w in words)
    return False


def _compound(number: float, upper: str, lower: int, unit_text: str) -> float:
    """'107 nghìn 700 tỷ' -> 107700 (in tỷ), '1 triệu 200 nghìn' -> 1200 (in nghìn): the number
    in the unit's scale, the upper scale taken relative to it when it is the smaller one."""
    first = unit_text.split()[0].lower() if unit_text.split() else ""
    lower_scale = _SCALES.get(first, 1.0)
    upper_scale = _SCALES[upper.lower()]
    ratio = upper_scale / lower_scale if upper_scale > lower_scale else upper_scale
    return number * ratio + lower


def _qualifier(word: str) -> str | None:
    word = " ".join(word.split())
    if word in ("trên", "hơn", "vượt"):
        return "over"
    if word == "dưới":
        return "under"
    if word in ("khoảng", "xấp xỉ", "gần như", "chừng"):
        return "about"
    if word == "gần":
        return "nearly"
    return None


_PERCENT_CUE_RE = re.compile(
    r"(?:đạt|là|ở\s+mức|mức|ước|khoảng|đến|tới|lên|được|còn)\s*$", re.IGNORECASE)


def _percent_cue(before: str) -> bool:
    """A bare 'X%' is a level only after a verb that states one ('đạt 7,5%')."""
    return bool(_PERCENT_CUE_RE.search(before))


# What a base names, tried in order on its words lower-cased and single-spaced: the first
# that fits gives the field a bare change is measured against.
_BASE_FIELDS = (
    (re.compile(r"kế hoạch|(?<!\w)kh(?!\w)|dự toán|chỉ tiêu|mục tiêu|kịch bản"), "plan"),
    (re.compile(r"cùng kỳ|cùng thời điểm"), "yoy"),
    (re.compile(r"bình quân|trung bình|cả nước|toàn quốc|kỳ gốc|gốc"), None),
    (re.compile(r"tháng|quý|kỳ trước|cuối năm|đầu năm|liền kề|\d{1,2}/\d{1,2}"), "mom"),
    (re.compile(r"năm|\d{4}|vụ"), "yoy"),
)


# "so với cuối năm 2022", "so với đầu năm", "so với tháng 12 năm trước", "so với 31/12/2020":
# a change since the year began, mom_pct only where the figure has no change against the
# previous month (metric-record.md, Conventions).
_YEAR_START_RE = re.compile(r"cuối\s+năm|đầu\s+năm|tháng\s+12|31\s*/\s*12", re.IGNORECASE)


def _base_field(what: str) -> str | None:
    w = " ".join(what.lower().split())
    for pattern, field_name in _BASE_FIELDS:
        if pattern.search(w):
            return field_name
    return None


_CHANGE_ENDS_RE = re.compile(r"\s*(?:so|,|;|\.|\)|$)")
_DECIMAL_AFTER_RE = re.compile(r"\s*[.,]\d")
_COMPARED_RATE_RE = re.compile(r"(?<!\w)hơn\s+(?:so\s+với\s+)?(?:mức|tốc\s+độ)\s*$", re.IGNORECASE)


def _compared_rate_before(text: str, start: int) -> bool:
    """_COMPARED_RATE_RE ends just before ``start``, within 40 characters."""
    # Any match holds "hơn": without it in the window (most changes), skip the regex, which
    # opens with a look-behind and IGNORECASE and so is tried at each of the 40 positions.
    if "hơn" not in text[max(0, start - 40):start].lower():
        return False
    return bool(_COMPARED_RATE_RE.search(text, max(0, start - 40), start))


# Verbs whose figure is a change even with no sign written ("tăng 6,71 so với cùng kỳ").
_RATE_VERBS = frozenset({"tăng", "giảm", "tăng trưởng", "cao hơn", "thấp hơn"})


_LEVEL_FILL_RE = re.compile(r"(?<!\w)là(?!\w)")
_CHANGE_QUALIFIER_RE = re.compile(r"(?<!\w)(?:khoảng|xấp\s+xỉ|gần|hơn|trên)(?!\w)")


def _change_event(m: re.Match[str]) -> Event | None:
    # The groups in one call: the sample page makes ~36 change events, a dozen lookups each.
    double, bare, verb_text, sign_text, ref_text, num_text, range_text, about, fill = m.group(
        "double", "bare", "verb", "sign", "ref", "num", "range", "about", "fill")
    if double:
        return Event(m.start(), m.end(), "C", {"field": "yoy", "pct": 100.0, "fixed": False})
    if bare:
        return Event(m.start(), m.end(), "C", {"field": "plan", "pct": _num(bare), "fixed": True})
    verb = " ".join(verb_text.lower().split())
    sign = " ".join((sign_text or "").lower().split())
    ref = " ".join((ref_text or "").lower().split())
    num = _num(num_text)
    if num is None or range_text:
        return Event(m.start(), m.end(), "C", {"field": None})
    if not sign and verb not in _RATE_VERBS:
        # "đạt 2.663 tỷ đồng": a level, not a change (VALUE_RE reads it). The rules below end
        # in `sign != "%"` for it too; answering here skips their work for ~40% of matches.
        return None
    if not sign and fill and _LEVEL_FILL_RE.search(fill):
        return None  # "số vốn tăng thêm là 21,1 triệu USD": the level of what was added
    end = m.end("ref") if ref_text else m.end("sign") if sign_text else m.end("num")
    # "tăng hơn 10%": the qualifier of a record that has no level (Conventions).
    qual = _CHANGE_QUALIFIER_RE.search(fill) if fill else None
    data: dict = {"about": about.strip()[3:].strip() if about else None,
                  "qualifier": _qualifier(qual.group(0)) if qual else None}
    plan_ref = bool(ref) and "cùng kỳ" not in ref
    if sign.startswith("điểm"):  # percentage points are not a change in percent
        return Event(m.start(), end, "C", {"field": None})
    verb = {"cao hơn": "tăng", "thấp hơn": "giảm"}.get(verb, verb)
    if verb in ("tăng", "giảm", "tăng trưởng") and _compared_rate_before(m.string, m.start()):
        # "thấp hơn mức tăng 7,02% của cùng kỳ năm 2023": the rate compared with, not this change.
        return Event(m.start(), end, "C", {"field": None})
    if verb in ("tăng", "giảm", "tăng trưởng"):
        if not sign:
            # "tăng 6,71 so với cùng kỳ" (% forgotten) is a change; "tăng 4,43 tỷ USD" is not.
            after = m.string[m.end("num"):m.end("num") + 12]
            if not _CHANGE_ENDS_RE.match(after) or _DECIMAL_AFTER_RE.match(after):
                return Event(m.start(), m.end("num"), "C", {"field": None})
        if sign == "lần":
            pct = (num - 1) * 100 if verb != "giảm" else None
            if pct is None:
                return Event(m.start(), end, "C", {"field": None})
        else:
            pct = -num if verb == "giảm" else num
        if plan_ref:
            return Event(m.start(), end, "C", {**data, "field": "plan", "pct": 100 + pct, "fixed": True})
        if ref:
            return Event(m.start(), end, "C", {**data, "field": "yoy", "pct": pct, "fixed": True})
        return Event(m.start(), end, "C", {**data, "field": "yoy", "pct": pct, "fixed": False, "relative": True})
    if verb == "gấp" and sign == "lần":
        return Event(m.start(), end, "C", {**data, "field": "yoy", "pct": (num - 1) * 100, "fixed": bool(ref)})
    if verb == "bằng" and sign == "lần":
        # "bằng 1,2 lần cùng kỳ" is the ratio "bằng 120% cùng kỳ" written as a multiple.
        sign, num = "%", num * 100
    if sign != "%":
        return None
    if verb == "bằng":
        if plan_ref:
            return Event(m.start(), end, "C", {"field": "plan", "pct": num, "fixed": True})
        if ref:
            return Event(m.start(), end, "C", {"field": "yoy", "pct": num - 100, "fixed": True})
        return Event(m.start(), end, "C", {"field": "yoy", "pct": num, "fixed": False, "ratio": True,
                                           "needs_base": True})
    if verb == "vượt":
        if plan_ref:
            return Event(m.start(), end, "C", {"field": "plan", "pct": 100 + num, "fixed": True})
        return Event(m.start(), end, "C", {"field": "plan", "pct": 100 + num, "fixed": False, "needs_base": True,
                                           "excess": True})
    # đạt / thực hiện / hoàn thành X%
    if plan_ref:
        return Event(m.start(), end, "C", {"field": "plan", "pct": num, "fixed": True})
    if ref:
        # "khách quốc tế chỉ đạt 28% so với cùng kỳ": a share of last year's level, as "bằng"
        # (_apply_change reads it as the level of a percent indicator: "tăng trưởng đạt 7,5% so với cùng kỳ").
        return Event(m.start(), end, "C", {"field": "yoy", "pct": num - 100, "fixed": True, "level_pct": num})
    return Event(m.start(), end, "C", {"field": "plan", "pct": num, "fixed": False, "needs_base": True,
                                       "level_if_percent": True})


def _num(s: str | None) -> float | None:
    if not s:
        return None
    try:
        return parse_number(s)
    except ValueError:
        return None


# --- walking a sentence -----------------------------------------------------------------


def _clauses(events: list[Event]) -> list[list[Event]]:
    out: list[list[Event]] = [[]]
    for ev in events:
        if ev.kind == "X":
            out.append([ev])
        else:
            out[-1].append(ev)
    return out


# A clause that names capital again by its head noun ("…được 9 dự án, tổng vốn đầu tư 64,5
# triệu USD") continues a capital subject.
_CAPITAL_RESTATED_RE = re.compile(r"(?<!\w)(?:tổng\s+)?(?:số\s+)?vốn(?:\s+(?:đầu\s+tư|đăng\s+ký))*(?!\w)", re.IGNORECASE)
_CAPITAL_CODES = {"fdi_capital", "registered_capital"}


def _continuation_clause(s: str, clause: list[Event], clause_start: int, code: str | None = None) -> bool:
    """A clause without a catalogue phrase continues the subject (``code``) unless it opens
    with a subject of its own: two or more words, before its first figure, that are not
    periods, cue words or qualifiers."""
    first = next((e for e in clause if e.kind in ("V", "C")), None)
    if first is None:
        return True
    text = s[clause_start:first.start]
    if code in _CAPITAL_CODES:
        text = _CAPITAL_RESTATED_RE.sub(" ", text)
    for e in clause:
        if e.start < first.start and e.kind in ("P", "K", "S", "T", "B"):
            text = text.replace(s[e.start:e.end], " ")
    words = [w for w in _WORD_RE.findall(text.lower()) if not w.isdigit()]
    unknown = [w for w in words if w not in _CONTINUATION_WORDS]
    return len(unknown) < 2


_ABOUT_GAP_RE = re.compile(r"\s*về\s*")


def _sentence_drafts(norm: str, s_start: int, s_end: int, para: _Paragraph) -> list[Draft]:
    s = norm[s_start:s_end]
    low = fold(s)
    para.next_sentence()
    # Most sentences of ordinary news hold no figure or no catalogue phrase: such a sentence
    # gives no record, and only what carries to the next sentence is worked out, cheaply.
    if not FIGURE_RE.search(s, low):
        _follow_figureless(s, find_mentions(s, low), para, low)
        return []
    found = find_mentions(s, low)
    if not found and para.subject is None:
        _follow_figureless(s, found, para, low)
        return []
    events = _about_the_topic(_events(s, found, low), para)
    drafts: list[Draft] = []
    cur: Draft | None = None
    subject: dict | None = None
    sentence_kind = "actual"
    sentence_expected = False  # the target cue is "dự kiến"/"dự báo": an estimate once its period is over
    period_seen = False  # a period has been written in this sentence before the current event
    pending_scope: str | None = None
    catalogue = para.catalogue

    def flush() -> None:
        nonlocal cur
        if cur is not None and cur.has_figure():
            drafts.append(cur)
        cur = None

    def open_draft(start: int, period: PeriodSpec | None = None, shift: int | str | None = None) -> Draft:
        assert subject is not None
        # Last year's figure quoted beside this one ("(cùng kỳ tăng 9,13%)") is known: actual.
        # A plan's amount ("kế hoạch vốn đầu tư công … 11.000 tỷ đồng", "(KH năm tăng 8,5%)") is a target.
        kind = "actual" if shift is not None else "target" if subject.get("plan") or plan_clause else sentence_kind
        return Draft(code=subject["code"], label=subject["label"], scope=subject["scope"],
                     period=period if period is not None else para.period, period_year_shift=shift,
                     kind=kind, start=s_start + start, end=s_start + start, expected=sentence_expected)

    if para.subject is not None and _opens_without_subject(s, events):
        # "… tăng 10,6% so với cùng kỳ. Lũy kế 9 tháng ước đạt 20.560 tỷ đồng": same subject.
        subject = para.subject
    clauses = _clauses(events)
    plan_clause = False  # a bracket that opens with a plan word: "(KH năm tăng trên 8,5%)"
    for ci, clause in enumerate(clauses):
        clause_start = clause[0].end if clause and clause[0].kind == "X" else (0 if ci == 0 else clause[0].start)
        plan_clause = bool(clause and clause[0].kind == "X" and clause[0].data.get("plan"))
        if plan_clause:
            flush()
        kinds = {e.kind for e in clause}  # one pass for both questions, not two any() generators
        has_mention = "M" in kinds
        has_figure = "V" in kinds or "C" in kinds
        # A subject with no figure yet is still being written ("tổng lượt khách tham quan,
        # lưu trú tại Quảng Nam ước đạt …"): the clause finishes it rather than starting another.
        # Only when the figure is stated as the subject's ("… ước đạt 4,5 triệu lượt"), not as
        # the object of a verb of its own ("Để tăng thu ngân sách, tỉnh đầu tư 200 tỷ đồng").
        subject_open = cur is not None and not cur.has_figure() and _figure_is_stated(s, clause)
        if (not has_mention and has_figure and subject is not None and not subject_open
                and not _continuation_clause(s, clause, clause_start, subject["code"])):
            flush()
            subject = None
        last_m_open = False  # a catalogue phrase with no figure after it yet in this clause
        last_m_end = 0
        averaging = False  # past "bình quân mỗi tháng": the clause's figures are averages
        for ev in clause:
            if ev.kind == "A":
                averaging = True
            elif averaging and ev.kind in ("V", "C"):
                continue
            elif ev.kind == "M" and ev.data.get("object"):
                continue
            elif ev.kind == "M":
                narrowed = (cur is not None and subject is not None and not ev.data["foreign"] and last_m_end
                            and _ABOUT_GAP_RE.fullmatch(s[last_m_end:ev.start]))
                if narrowed:  # "23 vụ vi phạm về hàng giả": the narrower phrase names the subject
                    subject = {**subject, "code": ev.data["code"], "label": ev.data["label"],
                               "unit": catalogue[ev.data["code"]].unit}
                    cur.code, cur.label = ev.data["code"], ev.data["label"]
                    continue
                if last_m_open and not ev.data.get("value_first"):
                    continue  # "vốn đăng ký bình quân một doanh nghiệp thành lập mới": a modifier
                flush()
                last_m_open = True
                last_m_end = ev.end
                if ev.data["foreign"]:
                    subject = None
                    continue
                scope = ev.data["scope"] or pending_scope
                pending_scope = None
                subject = {"code": ev.data["code"], "label": ev.data["label"], "scope": scope,
                           "unit": catalogue[ev.data["code"]].unit, "plan": ev.data["plan"]}
                cur = open_draft(ev.start)
            elif ev.kind == "P":
                if ev.data.get("spec") is None:  # "(cùng kỳ năm 2023 giảm 0,2%)"
                    if subject is not None:
                        base_period = cur.period if cur is not None else para.period
                        flush()
                        cur = open_draft(ev.start, base_period, ev.data["shift"])
                    continue
                spec = ev.data["spec"]
                if ev.data["plan"]:
                    # The plan's period: of no actual figure, but a target's own
                    # ("phấn đấu giải ngân 100% kế hoạch vốn năm 2023").
                    if sentence_kind == "target" and cur is not None and cur.value is None:
                        cur.period = spec
                    continue
                if ev.data.get("season") and subject is not None and cur is not None and cur.value is None:
                    cur.scope = cur.scope or ev.data["season"]
                local = (not has_mention and has_figure and subject is not None
                         and any(e.kind in ("V", "C") and e.start > ev.start for e in clause))
                if local:
                    flush()
                    cur = open_draft(ev.start, spec)
                else:
                    para.period = spec
                    if cur is not None and cur.value is None and not cur.has_figure():
                        cur.period = spec
                    elif (cur is not None and not period_seen and cur.period_year_shift is None
                          and any(e.kind in ("V", "C") and e.start < ev.start for e in clause)
                          and _trails_figure(s, ev.start, spec)):
                        cur.period = spec  # "đạt 5.400 tỷ đồng trong quý III": the figure's own period
                period_seen = True
            elif ev.kind == "K":
                if ev.data["kind"] == "target" or sentence_kind != "target":
                    sentence_kind = ev.data["kind"]
                    sentence_expected = ev.data.get("expected", False)
                # A cue governs what follows it: a figure already written keeps its kind
                # ("tăng 16% … và cao hơn mức phấn đấu cả năm là 10%").
                if cur is not None and not cur.has_figure() and (cur.kind != "target" or ev.data["kind"] == "target"):
                    cur.kind = sentence_kind
                    cur.expected = sentence_expected
            elif ev.kind == "S":
                if cur is not None and cur.value is None and has_mention:
                    cur.scope = ev.data["text"]
                    subject["scope"] = ev.data["text"] if subject else None
                else:
                    pending_scope = ev.data["text"]
            elif ev.kind == "T":
                flush()
                if not ev.data["by_period"]:
                    subject = None
            elif ev.kind == "V":
                last_m_open = False
                switched = _code_for_unit(subject, ev)
                if switched is not None and subject is not None:
                    subject = {**subject, "code": switched, "unit": catalogue[switched].unit}
                    if cur is not None and not cur.has_figure():
                        cur.code = switched
                if subject is None or not (_fits(ev, subject) or _earlier_rate(ev, cur, subject)):
                    if _target_rate(ev, subject, sentence_kind):
                        # "cao hơn mức phấn đấu cả năm là 10%": a plan written as a growth rate.
                        period = cur.period if cur is not None and not cur.has_figure() else None
                        flush()
                        cur = open_draft(ev.start, period)
                        cur.yoy, cur.end = ev.data["value"], s_start + ev.end
                    continue
                if cur is not None and cur.value is not None:
                    period = cur.period
                    flush()
                    cur = open_draft(ev.start, period)
                if cur is None:
                    cur = open_draft(ev.start)
                if pending_scope and not has_mention:
                    cur.scope = pending_scope
                    pending_scope = None
                cur.value = ev.data["value"]
                cur.unit = subject["unit"]
                cur.qualifier = ev.data["qualifier"]
                cur.end = s_start + ev.end
            elif ev.kind == "C":
                last_m_open = False
                if ev.data.get("field") is None or subject is None:
                    continue
                _apply_change(ev, cur, subject, events, drafts, s_start)
                if cur is None and not ev.data.get("about"):
                    cur = open_draft(ev.start)
                    _apply_change(ev, cur, subject, events, drafts, s_start)
    flush()
    para.subject = subject
    return drafts


_TRAILING_PERIOD_RE = re.compile(r"(?<!\w)(?:trong|trong\s+vòng|vào)\s*$", re.IGNORECASE)


def _about_the_topic(events: list[Event], para: _Paragraph) -> list[Event]:
    """Drop the context phrases whose paragraph is not (yet) about their related indicator,
    in this sentence or the one before, and add the sentence's subjects to the topics."""
    kept = []
    for e in events:
        if e.kind == "M":
            if e.data["needs"] and e.data["needs"] not in para.topics and e.data["needs"] not in para.topics_before:
                continue
            if not e.data["needs"]:
                para.topics.add(e.data["code"])
        kept.append(e)
    return kept


def _trails_figure(s: str, start: int, spec: PeriodSpec) -> bool:
    """A period written after its figure: 'tăng 8,5% trong 6 tháng đầu năm', '… tính đến hết tháng 9'.
    A bare 'năm 2024' after a figure ('bằng 45% kế hoạch năm 2024') is the plan's year, not this."""
    return spec.to_date or bool(_TRAILING_PERIOD_RE.search(s[max(0, start - 12):start]))


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
                  if not _overlaps(m.start(), m.end(), taken[:len(found)])]
        for pm in periods:
            if not _overlaps(pm.start, pm.end, taken) and not _names_the_plan(s, pm.start):
                para.period = pm.spec
    para.subject = None
    strong = [m for m in found if not m.weak and not m.needs]  # a bare trade verb with no figure names nothing
    para.topics.update(m.code for m in strong)
    if strong:
        last = strong[-1]
        if not SUBITEMS_RE.reference.search(s, last.end) and not AVERAGE_RE.match(s, last.end):
            para.subject = {"code": last.code, "label": s[last.start:last.end], "scope": last.scope,
                            "unit": para.catalogue[last.code].unit}


_LEVEL_CUE_RE = re.compile(
    r"(?:đạt|ước|tính|là|có|được|khoảng|trên|hơn|gần|xấp\s+xỉ|lên\s+tới|tới|ở\s+mức|mức)\s*$", re.IGNORECASE)


def _figure_is_stated(s: str, clause: list[Event]) -> bool:
    """The clause's first figure is a change, or a level after a verb that states one."""
    first = next((e for e in clause if e.kind in ("V", "C")), None)
    if first is None:
        return False
    return first.kind == "C" or bool(_LEVEL_CUE_RE.search(s[max(0, first.start - 15):first.start]))


def _opens_without_subject(s: str, events: list[Event]) -> bool:
    """The sentence's first figure comes before any catalogue phrase or 'trong đó', with
    nothing but periods and cue words before it ("Lũy kế 9 tháng ước đạt …")."""
    for e in events:
        if e.kind in ("M", "T"):
            return False
        if e.kind in ("V", "C"):
            return _continuation_clause(s, [x for x in events if x.start <= e.start], 0)
    return False


# Domestic enterprises register capital in đồng; registered capital written in dollars
# ("18 dự án FDI với tổng vốn đăng ký 960 triệu USD") is foreign direct investment.
_CODE_FOR_UNIT = {("registered_capital", "usd"): "fdi_capital"}


def _code_for_unit(subject: dict | None, ev: Event) -> str | None:
    if subject is None:
        return None
    return _CODE_FOR_UNIT.get((subject["code"], ev.data["family"]))


def _fits(ev: Event, subject: dict) -> bool:
    unit = subject["unit"]
    family = ev.data["family"]
    if family == "percent":
        return unit == "percent" and ev.data["percent_cue"]
    if family == "bare":
        return unit == "visits"
    if family == "number":
        return unit == "count"
    if _UNIT_OF_FAMILY.get(family) != unit:
        return False
    if family == "count":
        return ev.data["noun"] in _COUNT_NOUNS_OF.get(subject["code"], _DEFAULT_COUNT_NOUNS)
    return True


def _target_rate(ev: Event, subject: dict | None, kind: str) -> bool:
    """A percent stated as a plan's level for an indicator counted in money or goods is the
    planned growth ("kế hoạch tăng trưởng xuất khẩu 8,42%": yoy_pct, Conventions)."""
    return (subject is not None and kind == "target" and ev.data["family"] == "percent"
            and subject["unit"] != "percent" and ev.data["percent_cue"])


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
    for e in events:
        if e.start < ev.end:
            continue
        if e.kind == "B":
            return e
        if e.kind in ("M", "V") or (e.kind == "C" and e.data.get("field") is None):
            break
        if e.kind == "X" and e.data.get("char") in (";", "(", ")"):
            break
    before, topic = None, False
    for i, e in enumerate(events):
        if e.start >= ev.start:
            break
        if e.kind == "B":
            # "So với tháng trước, CPI tăng 0,5%, IIP tăng 2%": a base set before the subjects
            # applies to every change up to the next ';'.
            nxt = events[i + 1] if i + 1 < len(events) else None
            before, topic = e, bool(nxt and nxt.kind == "X" and nxt.data.get("char") == ",")
        elif e.kind == "X" and e.data.get("char") == ";":
            before, topic = None, False
        elif not topic and (e.kind in ("M", "V", "C") or (e.kind == "X" and e.data.get("char") == ",")):
            before = None
    return before


def _apply_change(ev: Event, cur: Draft | None, subject: dict, events: list[Event],
                  drafts: list[Draft], s_start: int) -> None:
    d = ev.data
    field_name, pct = d["field"], d["pct"]
    base = None
    if d.get("level_pct") is not None and subject["unit"] == "percent":
        if cur is not None and cur.value is None:
            cur.value, cur.unit, cur.end = d["level_pct"], "percent", s_start + ev.end
        return
    if not d.get("fixed"):
        base = _base_for(ev, events)
        base_field = base.data["field"] if base is not None else None
        named = base.data.get("base_spec") if base is not None else None
        if named is not None and cur is not None and cur.period is not None and _same_part_of_year(named, cur.period):
            base_field = "yoy"
        if base is None:
            if d.get("needs_base"):
                if d.get("level_if_percent") and subject["unit"] == "percent" and cur is not None and cur.value is None:
                    cur.value, cur.unit, cur.end = pct, "percent", s_start + ev.end
                elif d.get("level_if_percent") and subject["code"] in PLAN_SHARE_CODES and cur is not None:
                    # "tỷ lệ giải ngân đạt 109%": disbursement is measured against the year's plan.
                    if cur.plan is None:
                        cur.plan, cur.end = pct, s_start + ev.end
                elif (d.get("level_if_percent") and _is_earlier_draft(cur) and drafts
                      and drafts[-1].plan is not None):
                    # "bằng 26,7% kế hoạch, thấp hơn cùng kỳ năm 2023 (đạt 28,4%)": last year's plan share.
                    cur.plan, cur.end = pct, s_start + ev.end
                return
        elif base_field is None:
            return
        else:
            if d.get("ratio"):
                pct = pct if base_field == "plan" else pct - 100
            elif d.get("excess") or d.get("level_if_percent"):
                if base_field != "plan":  # "vượt 5%", "đạt 45%" say nothing against last year
                    return
            elif base_field == "plan":
                pct = 100 + pct
            field_name = base_field
    if base is None and d.get("relative") and cur is not None and cur.scope and _parent_base(cur, drafts) == "mom":
        field_name = "mom"  # "tăng 4% so với đầu năm (dư nợ ngắn hạn …, giảm 2,7%)": a part, against its total's base
    if base is not None and field_name == "yoy" and cur is not None and cur.period is None and base.data.get("next_year"):
        cur.period = base.data["next_year"]  # a sentence with no period of its own
    target = cur
    if d.get("about"):
        target = _record_about(d["about"], drafts + ([cur] if cur else []))
    if target is None:
        return
    attr = _CHANGE_FIELDS[field_name]
    if getattr(target, attr) is None:
        setattr(target, attr, round(pct, 6))
        target.end = max(target.end, s_start + ev.end)
        if target.change_qualifier is None:
            target.change_qualifier = d.get("qualifier")
        if attr == "mom" and base is not None and base.data.get("year_start"):
            target.mom_since_year_start = True


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


PLAN_SHARE_CODES = {"public_investment_disbursed"}
_CHANGE_FIELDS = {"yoy": "yoy", "mom": "mom", "plan": "plan"}  # a change's field -> the Draft attribute


def _record_about(about: str, drafts: list[Draft]) -> Draft | None:
    """'giảm 20,3% về số doanh nghiệp': the record whose label, or one of its indicator's
    catalogue phrases, shares most words with 'số doanh nghiệp'."""
    words = set(about.lower().split()) - {"số", "lượng", "tổng", "về", "các", "của"}
    best, best_n = None, 0
    for d in drafts:
        n = max(len(words & set(name.lower().split())) for name in (d.label, *_phrases_of(d.code)))
        if n > best_n:
            best, best_n = d, n
    return best


def _phrases_of(code: str) -> tuple[str, ...]:
    return load_catalogue()[code].phrases
