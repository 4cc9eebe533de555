"""Periods as Vietnamese reports write them, and their canonical form.

    quý I, quý I/2023, quý I-2020, 3 tháng đầu năm   -> 2023-Q1
    6 tháng, 6 tháng đầu năm 2023                    -> 2023-H1
    6 tháng cuối năm / 3 tháng cuối năm              -> 2023-H2 / 2023-Q4
    9 tháng (N other than 3, 6, 12)                  -> 2023-YTD09
    tháng 3, tháng 3/2023, tháng 8-2023, tháng 5.2015 -> 2023-M03
    năm 2023, cả năm, năm qua                        -> 2023

A period without a year takes it from the paragraph or the publication date
(:func:`resolve_period`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from hbetl.textscan import FastPattern

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12,
}
_MONTH_WORDS = {"giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
# ASCII digits: the trigger below names them one by one (other scripts' digits are no count here).
_COUNT = r"[0-9]{1,2}|mười\s+một|mười\s+hai|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười"
# A written year; five digits are typos ("năm 20214") that we read and then reject.
_YEAR = r"(?:[/.-]|\s+năm|\s+)\s*(?P<{name}>\d{{4,5}})(?!\d)"
# _YEAR, or the year written "của năm 2016" after a quarter or a month ("quý I của năm 2016", "tháng 9 của năm 2023").
_YEAR_OR_OF_YEAR = _YEAR.replace(r"[/.-]|", r"[/.-]|\s+của\s+năm|")

# PERIOD_RE's trigger (see below): the words its branches open with, and "6 tháng" and "3 quý
# đầu", its only branches that open with a digit, one literal a digit (a digit and a letter never
# open the same hit, so the order of the two is no matter).
_MONTHS_COUNT_TRIGGER = "|".join(rf"{d}\d?(?=\s*(?:tháng|q))" for d in "0123456789")
# The words after "hết", "cuối", "từ" are looked ahead at, not taken in: a hit that fails is
# skipped whole, and "tháng đầu năm", "quý đầu năm", "0 tháng" after it must still be found.
_PERIOD_WORDS_TRIGGER = (r"q(?:u[ýí]|úy)|m(?:ười|ột)|h(?:ai|ết(?=\s+(?:tháng|q)))|b(?:a|ốn|ảy)|năm|nửa|sáu"
                         r"|c(?:hín|ả|uối(?=\s+(?:tháng|q)))|đến|vụ"
                         r"|giai\s+đoạn|t(?:ám|ính|ới|ừ(?=\s+(?:ngày|đầu|\d))|háng|hời\s+kỳ)")
# Where neither is written, the digits' branches cannot hit (lean_trigger below); nor can those of
# the counts and month names in words ("sáu tháng", "ba quý đầu", "tháng Tám") and of "tháng" itself.
# The time of day a running total is counted to, before "ngày": "trưa ngày 28/12", "17h ngày
# 31/12", "16 giờ 30 phút ngày 30/12" (only before "ngày", so no count of hours is read as a day).
_TIME_OF_DAY = r"(?:(?:sáng|trưa|chiều|tối|\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2}(?:\s*phút)?)?)\s+(?=ngày\s))?"
_MONTHS_COUNT_GATE = r"tháng|qu[ýí]\s+đầu|qúy\s+đầu"
_MONTHS_COUNT_GATE_RE = re.compile(_MONTHS_COUNT_GATE)


def _may_count_months(low: str) -> bool:
    """_MONTHS_COUNT_GATE finds something in ``low``: "tháng" decides alone, "quý đầu" needs "đầu".
    Substring tests in C: the pattern's scan stopped at every 't' of the sentence (~6.6k
    instructions a sentence)."""
    return "tháng" in low or ("đầu" in low and _MONTHS_COUNT_GATE_RE.search(low) is not None)
# The words' trigger without them: the letters 'm', 'b', 's' drop out of the engine's first
# characters (the scan of the fixtures' sentences without the gate's words: 1.43 -> 1.36 ms).
_PERIOD_WORDS_LEAN_TRIGGER = (r"q(?:u[ýí]|úy)|h(?:ết(?=\s+(?:tháng|q)))|năm|nửa|c(?:ả|uối(?=\s+(?:tháng|q)))|đến|vụ"
                              r"|giai\s+đoạn|t(?:ính|ới|ừ(?=\s+(?:ngày|đầu|\d))|hời\s+kỳ)")

PERIOD_RE = FastPattern(
    r"(?:"
    # "quý I năm nay", "tháng 4 năm nay": this year's, as a bare "quý I" (the "năm nay" is no period of its own).
    # "quý", and "quí"/"qúy" as reporters also type it (the accent on the other letter).
    # "quý I của năm 2016": the quarter of that year, "của" between as after a month or a count of months.
    r"(?:qu[ýí]|qúy)\s+(?P<q>IV|I{1,3}|[1-4])(?!\w)(?:" + _YEAR_OR_OF_YEAR.format(name="qy")
    + r"|\s+năm\s+nay(?!\w)"
    # "quý I năm ngoái", "tháng 3 năm trước": that period of the year before.
    r"|\s+năm\s+(?P<qprev>ngoái|trước)(?!\w))?"
    # "quý đầu năm nay", "quý đầu tiên của năm 2023": the first quarter.
    r"|(?P<qd>(?:qu[ýí]|qúy)\s+đầu(?:\s+tiên)?)(?:\s+(?:của\s+)?năm(?:\s+(?P<qdy>\d{4,5})(?!\d)|\s+nay(?!\w))?)?(?!\w)"
    # "trong tháng đầu năm 2026": January; "các/những tháng đầu năm" are the early months, no period.
    r"|(?<!các\s)(?<!những\s)(?<!mấy\s)(?<!vài\s)(?P<md>tháng\s+đầu(?:\s+tiên)?)(?:\s+của)?\s+năm"
    r"(?:\s+(?P<mdy>\d{4,5})(?!\d)|\s+nay(?!\w))?(?!\w)"
    # "9 tháng qua" in a report is this year's first nine months; "3 tháng trước/tới" are not periods.
    # "9tháng" is written too, with no space.
    # "30 tháng Chạp", "5 tháng Giêng": a day of a lunar month (Tết's dates), no count of months
    # (after "ngày", "mùng", "mồng" find_periods skips the day: _DAY_OF_MONTH_BEFORE_RE).
    # "5 tháng đầu của năm 2018", "nửa đầu của năm 2015": "của" may stand between the part of the
    # year and "năm", as it does after "quý đầu" and "tháng đầu" above (read without it, the
    # part was lost and the bare year taken for the period).
    r"|(?P<nm>" + _COUNT + r")(?:\s+|(?<=\d))tháng(?:\s+(?P<edge>đầu|cuối)(?:\s+của)?\s+năm)?(?!\s+(?:trước|tới|giêng|chạp)(?!\w))"
    # "2 tháng năm nay": the months of this year, as a bare "2 tháng" ("năm nay" no period of its own).
    # "6 tháng/2018": the year after a slash, as statistics offices and customs write the months
    # of earlier years ("(6 tháng/2017 tăng 7,27%, ...)"); a dot or dash there is no year's.
    r"(?:" + _YEAR.format(name="ny").replace(r"[/.-]|", r"/|\s+của\s+năm|") + r"|(?:\s+của)?\s+năm\s+nay(?!\w))?"
    # "đến đầu tháng 6": to the start of June, the months before it; "đến giữa tháng 6", as "đến
    # ngày 15/6", through June.
    r"|(?P<todate>(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+|giữa\s+|trung\s+tuần\s+|(?P<mstart>đầu)\s+)?|hết\s+|cuối\s+)?tháng\s+(?:(?P<m>1[0-2]|0?[1-9])(?!\d|,\d|\.\d{1,3}(?!\d))"
    # "tháng Tám", "tháng Mười Một": the month in words, as the statistics office now writes it.
    # "tháng Một" (January) only before a mark, its year or "năm" ("trong tháng Một, vốn …", "tháng
    # Một năm 2024"), or before the verb or base of its figure ("CPI tháng Một tăng 0,5%", "trong
    # tháng Một lại tăng 26%", "tháng một so với cuối năm"): "mỗi tháng một lần", "tháng một số
    # mặt hàng" count one of something.
    r"|(?<!\d\stháng\s)(?P<mw>giêng|mười\s+một|mười\s+hai|mười|chạp|một(?=\s*[,.;:)/]|\s+năm(?!\w)"
    r"|\s+(?:(?:lại|đã|vẫn|cũng|chỉ)\s+)?(?:tăng|giảm|đạt|ước|so\s+với)(?!\w))|hai|ba|tư|năm(?!\s+\d)|sáu|bảy|tám|chín)(?![\w-]|\s+(?:qua|nay|tới|trước|sau)(?!\w)))"
    # "tháng 10 của năm 2020": the month of that year.
    r"(?:" + _YEAR_OR_OF_YEAR.format(name="my") + r"|(?:\s+của)?\s+năm\s+nay(?!\w)"
    r"|\s+năm\s+(?P<mprev>ngoái|trước)(?!\w))?"
    # "nửa đầu năm 2024", "nửa cuối năm nay": a half of the year.
    # "nửa đầu 2024" as well ("nửa đầu tháng 3" is none of ours).
    r"|nửa\s+(?P<half>đầu|cuối)\s+(?:(?:của\s+)?năm(?:" + _YEAR.format(name="hy") + r"|\s+nay(?!\w))?|(?P<hy2>(?:19|20)\d\d)(?!\d))(?!\w)"
    r"|(?P<whole>cả\s+)?năm\s+(?P<y>\d{4,5})(?!\d)"
    # "tăng trưởng cả năm 9%", "cả năm 3.500 tỷ đồng": the whole year before its figure
    # (a year after it is the branch above's).
    r"|(?P<allyear>cả\s+năm)(?!\s+(?:19|20)\d\d(?!\d))"
    # "Trong năm, toàn tỉnh đón …", "lượng khách … trong năm đạt …": the year reported on, as "cả
    # năm", where a figure's verb or a comma follows ("trong năm tháng" counts five months, "trong
    # năm nay/qua" and "trong năm 2024" are read above; "kế hoạch đề ra trong năm." has no figure).
    r"|(?<=trong\s)(?P<inyear>năm)(?=\s*,|\s+(?:ước|đạt|đã|đón|thu|tăng|giảm|phục\s+vụ|toàn|tỉnh|cả\s+nước)(?!\w))"
    # "ước đến cuối năm gần 2.340 tỷ đồng", "dự kiến đến hết năm": the year's outturn, early in a
    # year the one just ended, as "năm qua" ("từ nay đến cuối năm" is the rest of the year; "so
    # với cuối năm trước" is a base, no period).
    r"|(?P<yearend>(?<!nay\s)(?:đến|tới)\s+(?:hết|cuối)\s+năm)(?!\s+(?:\d|trước|ngoái))"
    r"|năm\s+(?P<rel>vừa\s+qua|qua|nay|ngoái)(?!\w)"
    # A range of days: "từ ngày 16/4 đến 15/5"; the first day's month is left out when both
    # days are of one month ("trong 4 ngày (từ 1 đến 4/9)", "từ ngày 14 - 20/2/2018").
    r"|từ\s+(?:ngày\s+)?(?P<fd>\d{1,2})(?:\s*[/-]\s*(?P<fm>\d{1,2})(?:\s*[/-]\s*\d{4})?)?\s*(?:đến|tới|-)\s*"
    r"(?:hết\s+)?(?:ngày\s+)?(?P<td>\d{1,2})\s*[/-]\s*(?P<tm>\d{1,2})(?:\s*[/-]\s*(?P<ty>\d{4}))?(?![\d/])"
    # "đến ngày 30/9", "đến ngày 14.4, …": a dot date's month may stand before a comma, but
    # not before a comma and a digit ("14.4,5" is a number).
    # The hour may stand before the day, as year-end tallies are counted to the hour ("tính đến
    # trưa ngày 28/12", "đến 17h ngày 31/12", "đến 16 giờ 30 ngày 30/12"): _TIME_OF_DAY.
    r"|(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?" + _TIME_OF_DAY + r"(?:ngày\s+|thời\s+điểm\s+(?:ngày\s+)?)?(?P<dd>\d{1,2})\s*(?P<dsep>[/-]|(?<=\d)\.(?=\d{1,2}(?![\d.]|,\d)))\s*(?P<dm>\d{1,2})(?:\s*(?P=dsep)\s*(?P<dy>\d{4}))?(?![\d/])"
    # "tính đến 20 tháng 8 năm 2022", "đến ngày 30 tháng 6": the same date, its month in words.
    r"|(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>1[0-2]|0?[1-9])(?![\d/]|[.,]\d)"
    r"(?:\s+năm\s+(?P<wy>\d{4})(?!\d))?"
    r"|(?P<season>vụ\s+(?:đông\s+xuân|hè\s+thu|thu\s+đông|chiêm\s+xuân|xuân|mùa|chiêm))"
    r"(?:\s+(?:năm\s+)?(?P<sy0>\d{4})(?:\s*-\s*(?P<sy>\d{4}))?(?!\d))?"
    # "Từ đầu năm (2024) đến nay": the year so far, through the month the article reports on.
    r"|(?P<sofar>từ\s+đầu\s+năm(?:\s+(?P<sfy>\d{4}))?\s+(?:đến|tới)\s+nay)(?!\w)"
    # "Lũy kế từ đầu năm, toàn tỉnh đón …", "tính từ đầu năm doanh thu du lịch ước đạt …", "kể từ đầu
    # năm": the same running total with its end left unsaid ("ngay từ đầu năm" is no period; one
    # that names its end, "tính từ đầu năm đến ngày 20/3", is read by the date's branch).
    r"|(?:(?<=kế\s)|(?<=tính\s)|(?<=kể\s))(?P<sofar2>từ\s+đầu\s+năm(?:\s+(?P<sfy2>\d{4}))?)(?!\w)"
    r"(?!\s+(?:đến|tới|nay)(?!\w))"
    # Several years ("giai đoạn 2011-2013"): a period, so that no other is taken for its
    # figure, but one with no canonical form (resolve_period gives None).
    r"|(?:giai\s+đoạn|thời\s+kỳ)\s+(?P<ra>\d{4})\s*-\s*(?P<rb>\d{4})(?!\d)"
    # The rarer phrases last: every hit of the trigger tries the branches in order (no two
    # branches match at one place).
    # "Đến hết quý III", "Hết quý I": the year so far through the quarter's last month.
    r"|(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:qu[ýí]|qúy)\s+(?P<qt>IV|I{1,3}|[1-4])(?!\w)"
    r"(?:" + _YEAR.format(name="qty") + r"|\s+năm\s+nay(?!\w))?"
    r"|(?:hết|cuối)\s+(?:qu[ýí]|qúy)\s+(?P<qt2>IV|I{1,3}|[1-4])(?!\w)(?:" + _YEAR.format(name="qty2") + r"|\s+năm\s+nay(?!\w))?"
    # "ba quý đầu năm (2024)", "2 quý đầu năm": the first three (two) quarters, nine (six) months.
    r"|(?P<nq>[23]|hai|ba)\s+(?:qu[ýí]|qúy)\s+đầu(?:\s+(?:của\s+)?năm(?:\s+(?P<nqy>\d{4,5})(?!\d)|\s+nay(?!\w))?)?(?!\w)"
    r")",
    # The only branches that open with a digit are "6 tháng" and "3 quý đầu": the trigger asks
    # for the "tháng" or "q" after it, so the many other numbers of a report (each a Python-level trigger hit and
    # a failed match with a bare \d+) are skipped in C ("\d\d?": the strings of "\d{1,2}",
    # measured a little quicker). On the bench's report articles 498 of 521 digit hits
    # failed; PERIOD_RE's scans of the sample page went 0.16 -> 0.11 ms.
    word_start=True,
    # Plain words: lookaheads on them were measured slower (the engine skips to a literal
    # alternation in C, a lookahead is tried at each of the many hits of "năm", "đến").
    # The rarer openings ask for the word after them too: "từ", "hết", "cuối" are common words.
    # "6 tháng" as one branch a digit, each a literal (why: textscan.DIGIT_LITERALS); the words
    # grouped by their first letter, as the engine tries a candidate's branches one by one
    # (the fixtures' sentences: 3.04 -> 2.50 ms).
    trigger=_PERIOD_WORDS_TRIGGER + "|" + _MONTHS_COUNT_TRIGGER,
    # The digits' lookahead is tried at every digit of a sentence; in one without "tháng" (~45% of
    # the fixtures' walked sentences) or "quý đầu" it cannot hit, and the words that still can are
    # scanned for alone (textscan: lean_trigger; the trigger's scan of those sentences 1.7 -> ~1.0 ms).
    lean_trigger=(_may_count_months, _PERIOD_WORDS_LEAN_TRIGGER),
)


# PeriodSpec and PeriodMention are named tuples, not frozen dataclasses: the extractor makes one
# of each for every period it reads (~600 a run of the bench's fixtures), and a frozen
# dataclass's __init__ (one object.__setattr__ a field) took 1.1 us against 0.3 us.
class PeriodSpec(NamedTuple):
    """A period as written: ``kind`` Q (quarter), H (half), YTD (first n months),
    M (month), Y (year), R (several years: no canonical form); ``year`` when the text gave a plausible one;
    ``relative`` 'last' for "năm qua", 'this' for "năm nay", 'prev' for "năm ngoái", "quý I năm trước",
    'part' for a month's part ("nửa đầu tháng 9")."""

    kind: str
    n: int = 0
    year: int | None = None
    relative: str | None = None
    to_date: bool = False  # "đến hết tháng 9", "đến ngày 30/9": a stock's month, a flow's year so far

    def as_flow(self) -> PeriodSpec:
        """For a flow (exports, revenue), "đến hết tháng 9" is the first nine months."""
        if not self.to_date:
            return self
        return months_so_far(self.n, self.year) or self

    @property
    def months(self) -> tuple[int, int]:
        """First and last month covered."""
        if self.kind == "Q":
            return 3 * self.n - 2, 3 * self.n
        if self.kind == "H":
            return (1, 6) if self.n == 1 else (7, 12)
        if self.kind == "YTD":
            return 1, self.n
        if self.kind == "M":
            return self.n, self.n
        return 1, 12

    def label(self, year: int) -> str:
        if self.kind == "Q":
            return f"{year}-Q{self.n}"
        if self.kind == "H":
            return f"{year}-H{self.n}"
        if self.kind == "YTD":
            return f"{year}-YTD{self.n:02d}"
        if self.kind == "M":
            return f"{year}-M{self.n:02d}"
        return str(year)


class PeriodMention(NamedTuple):
    start: int
    end: int
    spec: PeriodSpec
    season: str | None = None  # "vụ Đông Xuân", a scope as much as a period


def _date_in_words(day: int, month: int, year: str | None) -> PeriodSpec | None:
    """"tính đến 20 tháng 8 năm 2022", "đến ngày 30 tháng 6": a date written with "tháng" between
    its day and month, read as "đến ngày 20/8/2022" is (a running total through the month, a
    stock at it)."""
    if not 1 <= day <= 31:
        return None
    return PeriodSpec("M", month, _plausible_year(year), to_date=True)


def _plausible_year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y if 1975 <= y <= 2100 else None


def _count(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _WORD_NUMBERS[word]


def months_so_far(n: int, year: int | None) -> PeriodSpec | None:
    """The first n months: 1 is January, 3 is Q1, 6 is H1, 12 the year, others YTDnn."""
    if n == 1:
        return PeriodSpec("M", 1, year)  # "tính đến ngày 20/1": the year so far is its first month
    if n == 3:
        return PeriodSpec("Q", 1, year)
    if n == 6:
        return PeriodSpec("H", 1, year)
    if n == 12:
        return PeriodSpec("Y", 12, year)  # n=12: written as twelve months (resolve_period)
    return PeriodSpec("YTD", n, year) if 1 <= n <= 11 else None


def _spec(m: re.Match[str]) -> PeriodSpec | None:
    # The match itself answers g["q"] like its groupdict() would, without building a dict of
    # all 20 groups for the two or three looked at.
    # Each group belongs to one branch of PERIOD_RE, so the order of the questions is free: the
    # commonest branches are asked first ("6 tháng", "năm 2023", "tháng 6" are ~70% of the
    # fixtures' periods; a "năm 2023" was asked nine questions before its own).
    g = m
    if g["nm"]:
        n = _count(g["nm"])
        year = _plausible_year(g["ny"])
        if g["edge"] and g["edge"].lower() == "cuối":
            # The year's last months: "6 tháng cuối năm" its second half, "3 tháng cuối năm" (as
            # power companies and departments set their goals for the rest of the year: "điện
            # thương phẩm 3 tháng cuối năm phấn đấu đạt …") its last quarter; other counts have no
            # canonical form.
            return PeriodSpec("H", 2, year) if n == 6 else PeriodSpec("Q", 4, year) if n == 3 else None
        spec = months_so_far(n, year)
        # "9 tháng năm nay" is this year's, whenever the article came out.
        return spec._replace(relative="this") if spec is not None and g[0].endswith("năm nay") else spec
    if g["y"]:
        year = _plausible_year(g["y"])
        return PeriodSpec("Y", 0, year) if year else None
    if g["m"] or g["mw"]:
        # (find_periods asks that a month in words be capitalised)
        month = int(g["m"]) if g["m"] else _MONTH_WORDS[" ".join(g["mw"].lower().split())]
        if g["mstart"]:
            # "tính đến đầu tháng 6": a running total through May, a stock at May's end ("đến đầu
            # tháng 1/2024": December 2023; with no year written, no period).
            year = _plausible_year(g["my"])
            if month == 1:
                return PeriodSpec("M", 12, year - 1, to_date=True) if year else None
            return PeriodSpec("M", month - 1, year, to_date=True)
        return PeriodSpec("M", month, _plausible_year(g["my"]), relative="prev" if g["mprev"] else None,
                          to_date=bool(g["todate"]))
    if g["q"]:
        q = g["q"].lower()
        return PeriodSpec("Q", _ROMAN.get(q) or int(q), _plausible_year(g["qy"]), relative="prev" if g["qprev"] else None)
    if g["qd"]:
        return PeriodSpec("Q", 1, _plausible_year(g["qdy"]))
    if g["nq"]:
        return months_so_far(3 * _count(g["nq"]), _plausible_year(g["nqy"]))
    if g["half"]:
        return PeriodSpec("H", 1 if g["half"].lower() == "đầu" else 2, _plausible_year(g["hy"] or g["hy2"]))
    if g["md"]:
        return PeriodSpec("M", 1, _plausible_year(g["mdy"]))
    if g["allyear"] or g["inyear"]:
        return PeriodSpec("Y")
    if g["yearend"]:
        return PeriodSpec("Y", relative="last")
    if g["rel"]:
        rel = g["rel"].lower()
        return PeriodSpec("Y", relative="this" if rel == "nay" else "prev" if rel == "ngoái" else "last")
    if g["fd"]:
        tm = int(g["tm"])
        return _date_range(int(g["fd"]), int(g["fm"]) if g["fm"] else tm, int(g["td"]), tm, _plausible_year(g["ty"]))
    if g["sofar"] or g["sofar2"]:
        return PeriodSpec("YTD", 0, _plausible_year(g["sfy"] or g["sfy2"]), relative="sofar")
    if g["ra"]:
        return PeriodSpec("R")
    if g["wd"]:
        return _date_in_words(int(g["wd"]), int(g["wm"]), g["wy"])
    if g["dd"]:
        # "đến ngày 30/9", "tính đến ngày 20-3-2013": a running total of the year so far
        # through that month, a stock at that month (metric-record.md, Conventions).
        day, month = int(g["dd"]), int(g["dm"])
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        if g["dsep"] == "." and "ngày" not in g[0].lower():
            return None  # "30.11" is a date only after "ngày" ("tính đến ngày 30.11")
        return PeriodSpec("M", month, _plausible_year(g["dy"]), to_date=True)
    if g["qt"] or g["qt2"]:
        # "Đến hết quý III năm 2020": a running total of the year through September (a flow's
        # YTD09), a stock at September's end; as "đến hết tháng 9".
        q = (g["qt"] or g["qt2"]).lower()
        return PeriodSpec("M", 3 * (_ROMAN.get(q) or int(q)), _plausible_year(g["qty"] or g["qty2"]), to_date=True)
    if g["season"]:
        # A crop year "vụ Đông Xuân 2022-2023" is harvested, and reported, in its later year.
        return PeriodSpec("Y", 0, _plausible_year(g["sy"] or g["sy0"]))
    return None


def _date_range(fd: int, fm: int, td: int, tm: int, year: int | None) -> PeriodSpec | None:
    """'từ ngày 1/1 đến 20/3': the year so far through March; 'từ ngày 16/4 đến 15/5': a
    statistics office's month (May); a longer range has no canonical period. A few days,
    within a month or across its end, are part of a month: the customs' half month ("từ 1/9
    đến 15/9"), a holiday ("4 ngày nghỉ lễ (từ 31/8 đến 4/9)", "Tết, từ ngày 29/1 đến 6/2"),
    whose figures are no month's."""
    if not (1 <= fm <= 12 and 1 <= tm <= 12 and 1 <= fd <= 31 and 1 <= td <= 31):
        return None
    months_apart = (tm - fm) % 12
    if months_apart <= 1 and 30 * months_apart + td - fd < 20:
        return PeriodSpec("M", tm, year, relative="part")  # (also "từ ngày 1 - 3/1", New Year's days)
    if (fd, fm) == (1, 1):
        return PeriodSpec("M", tm, year, to_date=True)
    if months_apart <= 1:
        return PeriodSpec("M", tm, year)
    return None


_COUNTED_BEFORE_RE = re.compile(r"\d\s*$")
_new_tuple = tuple.__new__


# A meeting named by its month ("hội nghị thường kỳ tháng 6", "phiên họp thường kỳ tháng 9",
# "họp báo thường kỳ quý III") reports figures that need not be that month's.
_MEETING_BEFORE_RE = re.compile(
    r"(?<!\w)(?:hội\s+nghị|phiên\s+họp|kỳ\s+họp|cuộc\s+họp|họp\s+báo|buổi\s+họp|giao\s+ban|họp\s+phiên)"
    r"(?:\s+(?:thường\s+kỳ|định\s+kỳ|thường\s+lệ|trực\s+tuyến|chính\s+phủ|ubnd\s+tỉnh|kinh\s+tế\s*-\s*xã\s+hội))*\s+$",
    re.IGNORECASE)


# The customs count trade by half months ("trong kỳ 1 tháng 5-2016", "kỳ 2 tháng 4/2023"): the
# "1 tháng" there is the half's number, no count of months.
_HALF_MONTH_RE = re.compile(r"(?<=kỳ\s)[12]\s+tháng\s+(?:1[0-2]|0?[1-9])(?!\d)", re.IGNORECASE)


# A date written out in words: "ngày 5 tháng 1 năm 2024", "(tức 29 tháng Chạp … đến mùng 5 tháng
# Giêng năm Quý Mão)", "mồng 3 tháng 3 âm lịch": the number before "tháng" is the day, not a count
# of months ("5 tháng" would be the first five months).
_DAY_OF_MONTH_BEFORE_RE = re.compile(r"(?<!\w)(?:ngày|mùng|mồng)\s+$", re.IGNORECASE)
# The rest of such a date after its "5 tháng": the month, in digits or words, and its year ("1 năm
# 2024", "Tám năm 2024", "1/2024"). The date is read as the same date in digits is ("ngày 5/1/2024"):
# no period of the figures (not the year 2024, nor the month), which the sentence or the article's
# date gives as for any figure written on a day.
_DATE_MONTH_AFTER_RE = re.compile(
    r"\s*(?:(?:1[0-2]|0?[1-9])(?![\d.,]\d|\d)|(?:giêng|mười\s+một|mười\s+hai|mười|chạp|một|hai|ba|tư|năm|sáu|bảy|tám|chín)(?!\w))"
    r"(?:(?:\s+năm\s+|\s*/\s*)\d{4}(?!\d))?", re.IGNORECASE)


# "nửa đầu tháng 9", "15 ngày đầu tháng 9", "kỳ 2 tháng 8": the customs count trade by half
# months; a flow over part of a month is none of the month's (extract._Paragraph.resolve), a
# balance then ("dư nợ … 20 ngày đầu tháng 3 tăng 1,9%") is the month's as at a date.
_PART_OF_MONTH_BEFORE_RE = re.compile(r"(?:nửa\s+(?:đầu|cuối)|\d{1,2}\s+ngày\s+(?:đầu|cuối)(?:\s+của)?|kỳ\s+[12])\s+$",
                                      re.IGNORECASE)


# "tuần thứ 26 của năm 2024", "tuần 26 năm 2024": the business registry's weekly counts; a flow over
# one week of a year is none of the year's (as part of a month is none of the month's).
_WEEK_OF_YEAR_BEFORE_RE = re.compile(r"(?<!\w)tuần\s+(?:thứ\s+)?\d{1,2}(?:\s+của)?\s+$", re.IGNORECASE)


# "dịp nghỉ lễ 30/4 - 1/5 năm 2024", "7 ngày Tết Quý Mão năm 2023": the year of a holiday named just
# before it, whose figures are the holiday's days, no year's (within the clause: no mark between).
_HOLIDAY_BEFORE_RE = re.compile(r"(?<!\w)(?:nghỉ\s+lễ|dịp\s+lễ|kỳ\s+nghỉ|tết)(?!\w)[^,;:.()]{0,30}$", re.IGNORECASE)


def find_periods(text: str, folded: str | None = None) -> list[PeriodMention]:
    """Every period phrase in ``text``, in order; ``folded``: ``textscan.fold(text)`` if known."""
    found = []
    # The text lower-cased, once, for the word tests that gate the rarer readings below (each a
    # scan in C, where the regex it spares would be tried at every period or over the sentence).
    low = folded if folded is not None else text.lower()
    meetings = None  # whether the sentence names a meeting: asked at its first month or quarter
    weeks = "tuần" in low  # (the week's look-behind below is tried only where a week is named)
    date_end = 0  # the end of a date in words just read ("ngày 5 tháng 1 năm 2024"): no period inside it
    for m in PERIOD_RE.finditer(text, folded):
        if m.start() < date_end:
            continue
        if m.group("nm") and m.start() > 4 and _DAY_OF_MONTH_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
            # "ngày 5 tháng 1 năm 2024", "mồng 3 tháng 3 âm lịch": a day of a month, no count of months,
            # and its month and year are the date's, no period either
            if (rest := _DATE_MONTH_AFTER_RE.match(text, m.end())) is not None:
                date_end = rest.end()
            continue
        spec = _spec(m)
        if spec is None or (m.group("rel") and _COUNTED_BEFORE_RE.search(text, max(0, m.start() - 4), m.start())):
            continue  # "trong 5 năm qua" is a span of years, not last year
        if m.group("mw") and not text[m.start("mw")].isupper():
            continue  # "tháng năm", "tháng ba" in lower case are rarely a month's name
        if m.group("nm") and _HALF_MONTH_RE.match(text, m.start()):
            continue  # "kỳ 1 tháng 5-2016": the customs' first half of May, not one month of the year
        if spec.kind == "M" and not spec.to_date and m.start() > 5 and _PART_OF_MONTH_BEFORE_RE.search(
                text, max(0, m.start() - 24), m.start()):
            spec = spec._replace(relative="part")
        elif weeks and spec.kind == "Y" and _WEEK_OF_YEAR_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()):
            spec = spec._replace(relative="part")  # "trong tuần thứ 26 của năm 2024": one week, no period of the year's
        elif spec.kind == "Y" and spec.year is not None and m.start() > 4 and ("lễ" in low or "tết" in low) \
                and _HOLIDAY_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            spec = spec._replace(relative="part")
        if spec.kind in ("M", "Q"):
            if meetings is None:
                meetings = "họp" in low or "hội nghị" in low or "giao ban" in low
            if meetings and _MEETING_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "hội nghị thường kỳ tháng 6 của UBND tỉnh": the meeting's month, not the figures'

        season = " ".join(text[m.start("season"):m.end("season")].split()) if m.group("season") else None
        # (tuple.__new__ skips the named tuple's Python-level __new__, as in indicators.find_mentions)
        found.append(_new_tuple(PeriodMention, (m.start(), m.end(), spec, season)))
    # (with no period found the any() below is False: its five scans of the sentence are skipped)
    if found and (", 20" in text or ",20" in text or "; 20" in text or "(20" in text or ", 19" in text) and any(
            p.spec.kind == "Y" and p.spec.year for p in found):
        # After a year, a bare year opening a clause of the list before its figure is one too:
        # "(năm 2020 tăng 3,55%, 2021 tăng 4,31%)".
        taken = [(p.start, p.end) for p in found]
        for m in _BARE_YEAR_RE.finditer(text):
            year = _plausible_year(m.group(1))
            if year and not any(a < m.end(1) and m.start(1) < b for a, b in taken):
                found.append(PeriodMention(m.start(1), m.end(1), PeriodSpec("Y", 0, year)))
        found.sort(key=lambda p: p.start)
    if len(found) > 1 and ":" in text:
        found = _years_of_listed_span(text, found)
    if len(found) > 1 and "từ tháng" in low:
        found = _month_spans(text, found)
    if "nay" in text and "từ tháng" in low:
        found = _months_to_now(text, found)
    if "mùng" in low or "mồng" in low:  # (a Tết day, "mùng 4 Tết", is rarely written)
        found = _lunar_new_year_days(text, found)
    if len(found) > 1 and "từ đầu năm" in low:
        found = _months_counted_from_the_start(text, found)
    return found


# "7 tháng từ đầu năm đến nay", "9 tháng kể từ đầu năm 2024": the months are counted, and "from the
# year's start (to now)" right after the count only says where they are counted from; the span is the
# count's (the first seven months), not the year so far as the publication date would give it.
_COUNT_THEN_FROM_START_GAP_RE = re.compile(r"\s*(?:\(\s*)?(?:kể\s+|tính\s+)?$", re.IGNORECASE)


def _months_counted_from_the_start(text: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """``found`` with a "từ đầu năm (đến nay)" written right after a count of months ("7 tháng")
    read as part of that count's mention (the count's span, the year taken from either)."""
    out: list[PeriodMention] = []
    for p in found:
        last = out[-1] if out else None
        if (last is not None and p.spec.relative == "sofar" and last.spec.kind in ("YTD", "Q", "H")
                and last.spec.n > 0 and last.spec.relative is None and not last.spec.to_date
                and _COUNT_THEN_FROM_START_GAP_RE.match(text, last.end, p.start) is not None):
            year = last.spec.year if last.spec.year is not None else p.spec.year
            out[-1] = PeriodMention(last.start, p.end, last.spec._replace(year=year), last.season)
            continue
        out.append(p)
    return out


# "Riêng ngày mùng 4 Tết, khu du lịch đón 45.000 lượt khách", "từ mùng 1 đến mùng 5 Tết", "mồng 3
# tháng Giêng": days of the lunar new year, a window with no canonical period (its figures are no
# month's, nor the year's a base like "so với năm 2023" would give them).
_LUNAR_NEW_YEAR_DAYS_RE = re.compile(
    r"(?<!\w)(?:từ\s+)?(?:ngày\s+)?(?:mùng|mồng)\s+\d{1,2}(?:\s*(?:-|đến|tới)\s*(?:(?:ngày\s+)?(?:mùng|mồng)\s+)?\d{1,2})?"
    r"\s+(?:tết|tháng\s+giêng)(?!\w)", re.IGNORECASE)


def _lunar_new_year_days(text: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """``found`` with each written span of Tết days as one mention of no canonical period."""
    days = [(m.start(), m.end()) for m in _LUNAR_NEW_YEAR_DAYS_RE.finditer(text)]
    if not days:
        return found
    kept = [p for p in found if not any(a < p.end and p.start < b for a, b in days)]
    kept += [PeriodMention(a, b, PeriodSpec("R"), None) for a, b in days]
    kept.sort(key=lambda p: p.start)
    return kept


# "chủ yếu do từ tháng Sáu đến nay, khu vực Tây Bắc có mưa nhiều …", "từ tháng 3/2024 đến nay": the months
# from one to the report's, a span no figure's period is (not that month); from January, the year so far.
# After a cause's word ("do", "nhờ", "vì") the span is the cause's time, no frame of the figures after it.
_TO_NOW_AFTER_RE = re.compile(r"\s*(?:đến|tới)\s+nay(?!\w)", re.IGNORECASE)
_CAUSE_BEFORE_RE = re.compile(r"(?<!\w)(?:do|nhờ|vì|bởi)\s+từ\s+$", re.IGNORECASE)


def _months_to_now(text: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """``found`` with each month opening a span to now ("từ tháng 6 đến nay") read as that span."""
    out = []
    for p in found:
        if (p.spec.kind == "M" and not p.spec.to_date and p.spec.relative is None
                and _FROM_BEFORE_RE.search(text, max(0, p.start - 6), p.start)
                and (to_now := _TO_NOW_AFTER_RE.match(text, p.end)) is not None):
            if _CAUSE_BEFORE_RE.search(text, max(0, p.start - 12), p.start):
                continue
            spec = PeriodSpec("YTD", 0, p.spec.year, relative="sofar") if p.spec.n == 1 else PeriodSpec("R")
            p = PeriodMention(p.start, to_now.end(), spec, None)
        out.append(p)
    return out


# "từ tháng 5 đến tháng 7/2025": the months between, read as one span. From January it is the year
# so far ("9 tháng (từ tháng 1 đến tháng 9/2023)", the second month's running total as before); a
# quarter's or the second half's months are that period ("từ tháng 7 đến tháng 9"); any other span
# ("mùa thấp điểm từ tháng 5 đến tháng 7") has no canonical period, and neither month is its own.
_MONTH_SPAN_GAP_RE = re.compile(r"\s*(?:-\s*)?$")
_FROM_BEFORE_RE = re.compile(r"(?<!\w)từ\s+$", re.IGNORECASE)


def _month_spans(text: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """``found`` with each written span of months ("từ tháng 5 đến tháng 7") as one mention."""
    out: list[PeriodMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (b is not None and a.spec.kind == "M" and not a.spec.to_date and a.spec.relative is None
                and b.spec.kind == "M" and b.spec.to_date and a.spec.n < b.spec.n
                and _FROM_BEFORE_RE.search(text, max(0, a.start - 6), a.start)
                and _MONTH_SPAN_GAP_RE.match(text, a.end, b.start) and text[b.start:b.start + 3].lower() in ("đến", "tới")):
            first, last = a.spec.n, b.spec.n
            if first == 1:
                out.append(a)  # (as before: the year so far is the second month's running total)
                i += 1
                continue
            if last - first == 2 and first % 3 == 1:
                spec = PeriodSpec("Q", last // 3, b.spec.year)
            elif (first, last) == (7, 12):
                spec = PeriodSpec("H", 2, b.spec.year)
            else:
                spec = PeriodSpec("R")
            out.append(PeriodMention(a.start, b.end, spec, None))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# What may stand between a list's span of months and its colon: "6 tháng đầu năm các năm gần đây:".
_LIST_HEAD_END_RE = re.compile(r"\s*(?:(?:của\s+)?(?:các|những|qua\s+các)\s+năm(?:\s+(?:gần\s+đây|trước|qua))?\s*)?:",
                               re.IGNORECASE)


def _years_of_listed_span(text: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """"Tốc độ tăng IIP 6 tháng đầu năm: năm 2020 (+6,1%); năm 2021 (+13,8%)": after a span of
    months that heads a list (the colon after it), each year listed stands for that year's same
    months, up to the next period of another kind. Only a year that opens an item of the list
    ("…, bằng 50% kế hoạch năm 2024" names the plan's year)."""
    out, head = [], None
    for p in found:
        if (head is not None and p.spec.kind == "Y" and p.spec.year and p.spec.relative is None and p.season is None
                and text[max(0, p.start - 3):p.start].rstrip().endswith((":", ";", ","))):
            p = p._replace(spec=head._replace(year=p.spec.year))
        elif p.spec.kind in ("Q", "H", "YTD", "M") and not p.spec.to_date and p.spec.year is None \
                and _LIST_HEAD_END_RE.match(text, p.end):
            head = p.spec
        else:
            head = None
        out.append(p)
    return out


_BARE_YEAR_RE = re.compile(r"[,;(]\s?((?:19|20)\d\d)(?=\s+(?:tăng|giảm|đạt|ước|là)(?!\w))", re.IGNORECASE)


# Cached: a pure function of its arguments (all hashable), asked once or twice a record with
# the same few periods and one publication date an article; the same for period_span.
@lru_cache(maxsize=2048)
def resolve_period(spec: PeriodSpec, published: date | None, kind: str = "actual",
                   context_year: int | None = None) -> str | None:
    """The canonical period, e.g. '2023-Q1'; None when no year can be known.

    The year is the written one, else the paragraph's (``context_year``), else
    the publication year, moved back one when the period cannot have been
    reported yet: a month after the publication month, a quarter that starts after
    it, a period that ends two months or more after it ("9 tháng" in a March paper
    is last year's, so is "quý I" in a January one: reviews come out in the period's
    last weeks at the earliest; an estimate, more than two months), "năm qua"/"cả năm"
    early in the year. Targets
    speak of the future, so their year is never moved back. Several years ("giai đoạn
    2011-2013") have no canonical period.
    """
    if spec.kind == "R":
        return None
    if spec.relative == "sofar":
        # "từ đầu năm đến nay": through the month before an article early in a month (the
        # month's report), through its own month later in it; a year-to-date label.
        so_far = so_far_by_the_publication(spec, published)
        return resolve_period(so_far, published, kind, context_year) if so_far else None
    if spec.year is not None:
        return spec.label(spec.year)
    if spec.relative == "prev":  # "năm ngoái", "quý I năm trước": the calendar year before the article's
        return spec.label(published.year - 1) if published is not None else None
    if context_year is not None and spec.relative is None:
        return spec.label(context_year)
    if published is None:
        return spec.label(context_year) if context_year is not None else None
    year = published.year
    if spec.relative == "this":
        return spec.label(year)
    if spec.relative == "last":
        # "năm qua" at the start of a year is the year just ended (January-March reports).
        return spec.label(year - 1 if published.month <= 3 else year)
    if kind == "target":
        return spec.label(year)
    first, last = spec.months
    if spec.kind == "Y" and spec.n != 12:
        return spec.label(year - 1 if published.month == 1 else year)
    if spec.kind == "M":
        return spec.label(year - 1 if first > published.month else year)
    # An estimate may be of a period under way ("6 tháng ước đạt" in an April review of the
    # first quarter); an actual figure, not of one that ends two months or more later.
    if first > published.month or last - published.month >= (3 if kind == "estimate" else 2):
        return spec.label(year - 1)
    return spec.label(year)


def so_far_by_the_publication(spec: PeriodSpec, published: date | None) -> PeriodSpec | None:
    """The months "từ đầu năm (đến nay)" (``spec``, relative "sofar") covers in an article published
    on ``published``: through the month before an article early in a month (the month's report),
    through its own month later in it; None without a date or in the first weeks of January."""
    if published is None:
        return None
    months = published.month if published.day >= 20 else published.month - 1
    return months_so_far(months, spec.year or published.year) if months >= 1 else None


def year_of(spec: PeriodSpec | None, published: date | None, context_year: int | None = None) -> PeriodSpec | None:
    """The year that holds ``spec`` (a flow's months resolved as an actual figure's), e.g. for
    a plan named with no period of its own after a figure of 9 months: a province's plan
    ("kế hoạch đề ra là 7,91%", "so với kế hoạch là 6,8%") is the year's plan."""
    if spec is None:
        return None
    if spec.kind == "Y":
        return spec
    label = resolve_period(spec.as_flow(), published, "actual", context_year)
    if label is None:
        return PeriodSpec("Y", 0, spec.year, relative=spec.relative) if spec.year is not None else None
    return PeriodSpec("Y", 0, int(label.partition("-")[0]))  # (a year before 1000 has fewer digits)


def closing_month(spec: PeriodSpec) -> PeriodSpec | None:
    """The month a running total of the year closes with ("lũy kế 2 tháng": February; "lũy kế
    đến hết tháng 7": July); None for a period that is no running total of the year, and for one
    whose end only the publication date tells ("lũy kế từ đầu năm (đến nay)")."""
    if spec.relative == "sofar":
        return None
    if spec.to_date or (spec.kind in ("YTD", "Q", "H") and spec.months[0] == 1):
        return PeriodSpec("M", spec.months[1], spec.year)
    return None


def parse_period(text: str, published: date | None = None, kind: str = "actual") -> str | None:
    """The canonical form of the first period written in ``text`` ('quý I/2023' -> '2023-Q1')."""
    for mention in find_periods(text):
        resolved = resolve_period(mention.spec, published, kind)
        if resolved:
            return resolved
    return None


_PERIOD_RE = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<q>Q[1-4])|(?P<h>H[12])|M(?P<m>\d{2})|YTD(?P<n>\d{2})))?$")


# Cached: the extractor asks for the span of every record's period, and the labels repeat
# (a few per page); the span is a pure function of the label and is immutable (period_span
# was 2.6% of extracting the sample page).
@lru_cache(maxsize=4096)
def period_span(period: str) -> tuple[date, date] | None:
    """First and last day of a canonical period ('2023', '2023-Q2', '2023-H1', '2023-M03',
    '2023-YTD09'); None for anything else."""
    m = _PERIOD_RE.match(period or "")
    if m is None:
        return None
    year = int(m["y"])
    if m["q"]:
        first, last = int(m["q"][1]) * 3 - 2, int(m["q"][1]) * 3
    elif m["h"]:
        first, last = int(m["h"][1]) * 6 - 5, int(m["h"][1]) * 6
    elif m["m"]:
        first = last = int(m["m"])
    elif m["n"]:
        first, last = 1, int(m["n"])
    else:
        first, last = 1, 12
    if not 1 <= first <= last <= 12 or not 1 <= year < 9999:  # (a typo's "năm 0000": no date has it)
        return None
    return date(year, first, 1), date(year + last // 12, last % 12 + 1, 1) - timedelta(days=1)
