"""Asides (A): the words after which, to the end of their clause, a figure is no total of the period.

A total since ever ("lũy kế đến nay", "còn hiệu lực", "hiện toàn tỉnh có 16.000 doanh nghiệp", the
projects a place holds at a date), an average ("bình quân mỗi tháng", "bình quân giai đoạn
2016-2020") and the balance of trade ("xuất siêu 9,4 tỷ USD"): _aside_events, a pass of
find_events (hbetl/extract_events.py), makes an A of each.  "đến nay" before the budget's revenue
is the year so far, no total since ever: fiscal_year_so_far says so, and hbetl/extract_periods_bases.py
reads it as a period.  The sentence's reader (hbetl/extract_sentence.py) asks counts_since_ever of the words
before a figure; it takes it from extract_events, which re-exports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hbetl.extract_scan import Event, _Scan, overlaps
from hbetl.textscan import FastPattern

# "(bình quân 1 tháng đạt 3,2 tỷ USD)", "trung bình mỗi doanh nghiệp 4 tỷ đồng": what
# follows in the clause is an average per month or per unit, not the period's total.
# "Đến nay, tỉnh có 40 dự án FDI, vốn 700 triệu USD", "lũy kế đến nay",
# "còn hiệu lực": totals since ever, which are no records (Conventions); from here to the
# end of its clause, figures are skipped as after an average ("từ đầu năm đến nay" is a period,
# found first).
# (Not a balance: "cho vay 197,6 tỷ đồng, nâng tổng số dư nợ lên 713 tỷ đồng" is the loans
# outstanding at the period's end, a stock at a date.)
# "Hiện cả thành phố có hơn 5.200 doanh nghiệp, tổng vốn đăng ký gần 87.000 tỷ đồng": the firms
# or projects there are now, all registered since ever ("thực hiện", "xuất hiện" are other words).
SINCE_EVER_RE = FastPattern(
    r"(?:(?:lũy|luỹ)\s+kế\s+|tính\s+)?(?:đến|tới)\s+nay(?!\w)|còn\s+hiệu\s+lực(?!\w)|nâng\s+tổng\s+số(?!\w)(?!\s+(?:dư\s+nợ|vốn\s+huy\s+động|tiền\s+gửi)(?!\w))"
    r"|(?<!thực\s)(?<!xuất\s)(?<!thể\s)hiện(?:\s+nay)?,?\s+(?:(?:toàn|cả)\s+(?:tỉnh|thành\s+phố|nước)\s+|tỉnh\s+|"
    r"thành\s+phố\s+|trên\s+địa\s+bàn(?:\s+tỉnh)?\s+)?(?:đã\s+)?có(?=\s+(?:gần\s+|khoảng\s+|hơn\s+|trên\s+)?\d[\d.,]*"
    r"\s+(?:doanh\s+nghiệp|dn|dự\s+án|hợp\s+tác\s+xã)(?!\w))",
    word_start=True, trigger=r"lũy(?=\s+kế)|luỹ(?=\s+kế)|tính(?=\s+(?:đến|tới))|đến(?=\s+nay)|tới(?=\s+nay)|còn(?=\s+hiệu)|nâng(?=\s+tổng)"
                             r"|hiện(?=(?:\s+nay)?,?\s+(?:toàn|cả|tỉnh|thành|trên|đã|có)(?!\w))",
)
# "từ đầu năm đến nay" is a period (found first), "cao nhất từ trước đến nay" an idiom ("ever": a
# superlative stands before it, "lớn nhất so với cùng kỳ các năm từ trước đến nay", "mức kỷ lục
# từ trước đến nay"); but "Tính từ trước đến nay, tỉnh thu hút khoảng 670 dự án …", "tổng số dự án
# được cấp giấy chứng nhận đầu tư từ trước đến nay là 616 dự án" count since ever.
# "từ tháng Sáu đến nay": since a month, a span of this year, no total since ever either.
_SINCE_YEAR_START_RE = re.compile(
    r"(?:từ\s+đầu\s+năm(?:\s+\d{4})?|từ\s+tháng\s+[^\s,;:()]+(?:\s+năm\s+\d{4}|/\d{4})?|(?:nhất|kỷ\s+lục|kỉ\s+lục)(?:\s+[^\s,;:()]+){0,8}\s+từ\s+trước)\s+$", re.IGNORECASE)
_SINCE_YEAR_START_WINDOW = 90  # characters before "đến nay" the superlative may stand in
AVERAGE_CLAUSE_RE = FastPattern(
    r"(?:bình\s+quân|trung\s+bình)(?:\s+(?:mỗi|một|1|hàng|trên))+\s+(?:tháng|ngày|tuần|quý|năm|doanh\s+nghiệp|"
    r"dự\s+án|người|lao\s+động|hộ|khách|lượt|đơn\s+vị)(?!\w)",
    word_start=True, trigger=r"bình(?=\s+quân)|trung(?=\s+bình)",
)
# "Tính đến cuối tháng 9/2022, tỉnh có 442 dự án FDI, tổng vốn đăng ký trên 7,3 tỷ USD": the
# projects a place holds at a date, all registered since ever (a stock, as "hiện có"), unlike
# those licensed so far this year ("tính đến ngày 15/5, cả nước có 210 dự án mới được cấp …",
# "… đã cấp mới 38 dự án"): the count must be followed by no word of licensing.
_PROJECTS_HELD_RE = re.compile(
    r"(?<!\w)có(?=\s+(?:tổng\s+số\s+)?(?:gần\s+|khoảng\s+|hơn\s+|trên\s+)?\d[\d.,]*\s+dự\s+án"
    r"(?:\s+(?:fdi|ddi|đầu\s+tư|có\s+vốn|vốn|trực\s+tiếp|nước\s+ngoài|trong\s+nước))*(?:\s*\((?![^()]*(?:mới|cấp))[^()]{1,12}\))?"
    r"\s*(?:,|với|tổng)(?!\w))")


# The date the projects are counted at: "(tính) đến (hết) tháng 9/2022", not "từ đầu năm đến ngày 15/9" (so far this year).
_CUT_OFF_BEFORE_RE = re.compile(
    r"(?<!\w)(?<!năm\s)(?<!\d\s)(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:tháng|ngày|quý|thời\s+điểm|\d)")


# "Tính đến nay, số thu ngân sách đã đạt 18.984 tỷ đồng", "đến nay đã thu được 3.200 tỷ đồng": the
# budget's revenue is collected against the year's estimate, so "đến nay" before it is the year so far
# (a period, extract_periods_bases._fiscal_year_so_far), not a total since ever as for the projects or firms a place holds.
FISCAL_SO_FAR_AFTER_RE = re.compile(
    r",?\s+(?:(?:toàn\s+)?(?:tỉnh|thành\s+phố|huyện|thị\s+xã)\s+)?(?:đã\s+)?"
    r"(?:(?:tổng\s+)?(?:số\s+)?thu\s+(?:ngân\s+sách|nsnn|nội\s+địa)|(?:tổng\s+)?số\s+thu|thu\s+(?:được|đạt)|thu(?=\s+\d))(?!\w)")


def _since_ever_totals(s: str, low: str) -> Iterator[re.Match[str]]:
    """The totals since ever a sentence names ("nâng tổng số dự án … đến nay lên 155 dự án", "Lũy
    kế đến nay, tỉnh có 150 dự án FDI còn hiệu lực"); "từ đầu năm đến nay" is a period, not one, nor
    "đến nay" before the budget's revenue (FISCAL_SO_FAR_AFTER_RE)."""
    if not ("nay" in low or "hiệu lực" in low or "nâng" in low or "hiện" in low):
        return
    for m in SINCE_EVER_RE.finditer(s, low):
        if (not _SINCE_YEAR_START_RE.search(s, max(0, m.start() - _SINCE_YEAR_START_WINDOW), m.start())
                and not fiscal_year_so_far(low, m.start(), m.end())):
            yield m


# "Từ năm 2020 đến nay, tỉnh đã thu …": a span opened before "đến nay", years of it, no year so far.
_SPAN_OPENED_BEFORE_RE = re.compile(r"(?<!\w)từ(?!\w)[^,;:()]{0,30}$")


# "Thu ngân sách nhà nước Hà Tĩnh đến nay đạt hơn 8.600 tỷ đồng": the revenue named right before
# "đến nay" (a few words of where between).
_FISCAL_BEFORE_RE = re.compile(r"(?<!\w)(?:thu\s+(?:ngân\s+sách|nsnn|nội\s+địa)|số\s+thu)(?!\w)(?:\s+[^\s\d,;:()]+){0,6}?\s+$")


def fiscal_year_so_far(low: str, start: int, end: int) -> bool:
    """"đến nay" at ``start``..``end`` (``low`` lower-cased) names the year so far of the budget's
    revenue after it (FISCAL_SO_FAR_AFTER_RE) or right before it (_FISCAL_BEFORE_RE), no span opened
    before it."""
    return (low.endswith("nay", 0, end)
            and (FISCAL_SO_FAR_AFTER_RE.match(low, end) is not None
                 or _FISCAL_BEFORE_RE.search(low, max(0, start - 60), start) is not None)
            and not _SPAN_OPENED_BEFORE_RE.search(low, max(0, start - 30), start))


def counts_since_ever(s: str, low: str) -> bool:
    """The sentence holds a total since ever, as _aside_events finds it."""
    return next(_since_ever_totals(s, low), None) is not None


# "… ước đạt 616,24 tỷ USD và Việt Nam xuất siêu 9,4 tỷ USD", "Cán cân thương mại 9 tháng đạt xuất
# siêu 31,4 triệu USD", "thâm hụt thương mại 1,2 tỷ USD": the trade balance, the exports less the
# imports, is no turnover: the figures after it, to the end of its clause, are none of the trade
# records before it (nor a new record of the place the balance names).
_TRADE_BALANCE_RE = re.compile(
    r"(?<!\w)(?:xuất\s+siêu|nhập\s+siêu|cán\s+cân\s+thương\s+mại|(?:thặng\s+dư|thâm\s+hụt)\s+thương\s+mại)(?!\w)")


def _balance_of_trade(text: str) -> bool:
    """A cheap test before _TRADE_BALANCE_RE: its words are rare."""
    return "siêu" in text or "cán cân" in text or "thương mại" in text and ("thặng" in text or "thâm" in text)


def _aside_events(scan: _Scan) -> None:
    """The asides (A) after which, to the end of the clause, a figure is no total of the period:
    totals since ever ("lũy kế đến nay", SINCE_EVER_RE), averages ("bình quân mỗi tháng") and the
    balance of trade ("xuất siêu 9,4 tỷ USD", _TRADE_BALANCE_RE)."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    for m in _since_ever_totals(s, text):
        if not overlaps(m.start(), m.end(), taken):
            events.append(Event(m.start(), m.end(), "A", {"since_ever": True}))
            taken.append(m.span())
    if "dự án" in text and "đến" in text:
        for m in _PROJECTS_HELD_RE.finditer(text):
            if not overlaps(m.start(), m.end(), taken) and _CUT_OFF_BEFORE_RE.search(text, 0, m.start()):
                events.append(Event(m.start(), m.end(), "A", {"since_ever": True}))
                taken.append(m.span())
    if _balance_of_trade(text):
        for m in _TRADE_BALANCE_RE.finditer(text):
            if not overlaps(m.start(), m.end(), taken):
                events.append(Event(m.start(), m.end(), "A"))
                taken.append(m.span())
    if "/" in text and "người" in text:
        for m in _PER_HEAD_RE.finditer(text):
            start, end = m.span("per")  # (the level before it is already taken: extract_levels)
            if not overlaps(start, end, taken):
                events.append(Event(start, end, "A", {"per_head": True}))
                taken.append((start, end))
    if "bình" in text:
        for m in AVERAGE_CLAUSE_RE.finditer(s, text):
            if not overlaps(m.start(), m.end(), taken):
                events.append(Event(m.start(), m.end(), "A"))
                taken.append(m.span())
        for m in _YEARS_AVERAGE_RE.finditer(text) if "quân" in text else ():
            if not overlaps(m.start(), m.end(), taken):
                events.append(Event(m.start(), m.end(), "A"))
                taken.append(m.span())


# "GRDP đạt 78 triệu đồng/người (tăng 8% so với năm trước)", "thu nhập 4.000 USD/người/năm": a level written
# per head is an average per head, as "bình quân đầu người" is; neither it nor the change after it, to
# the end of its clause, is a total's (Conventions, "Not records": averages per unit).
_PER_HEAD_RE = re.compile(r"(?<!\w)(?:đồng|usd|đô\s+la(?:\s+mỹ)?)\s*(?P<per>/\s*người)(?!\w)")


# "tăng trưởng bình quân 3 năm 2021 - 2023 đạt 6,2%", "GRDP bình quân giai đoạn 2011-2015
# tăng 8%": the yearly average over a span of years, no figure of a year (its first
# year is no period of the figure).
_YEARS_AVERAGE_RE = re.compile(
    r"(?<!\w)bình\s+quân(?:\s+(?:\d+|hai|ba|bốn|năm|mười)\s+năm)?(?:\s+(?:giai\s+đoạn|thời\s+kỳ))?(?:\s+(?:từ\s+)?năm)?"
    r"\s+(?:19|20)\d\d\s*(?:-|–|đến)\s*(?:19|20)\d\d(?!\d)")
