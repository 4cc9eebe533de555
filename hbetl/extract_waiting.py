"""Periods for the figures a paragraph writes before it names any period.

hbetl/extract.py keeps such figures waiting (``waiting``: each draft with its sentence's span) and
gives them the period the next sentence that names one names. Where that is not the figures' period,
the rules here say which is, each from what the paragraph writes around them:

- month_before_its_running_total: a level, then the same indicator's running total ("Lũy kế 5 tháng
  …") with a level of its own: the first is the month the total closes with;
- year_before_the_goal: the sentence that first names a period gives only goals for the year ahead:
  the figures before it are of the year under review;
- date_balances: a bank report that names no date gives the balances at the end of the month
  before it came out;
- date_by_the_month_before: a paragraph with no period, compared with one month named by its
  number, is of the month after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hbetl.extract_walk import Draft
from hbetl.extract_walk_frame import _RUNNING_TOTAL_BEFORE_RE
from hbetl.models import Metric
from hbetl.periods import PeriodSpec, closing_month, find_periods
from hbetl.textscan import fold

if TYPE_CHECKING:
    from hbetl.extract import _Paragraph

# Balances read at a date ("dư nợ đến hết tháng 6" is June's); every other indicator
# is a flow, and "đến hết tháng 6" is its first six months.
STOCK_INDICATORS = {"credit_outstanding", "deposits_mobilized"}


# "Tổng chi ngân sách ước thực hiện trong tháng là 679 tỷ đồng. Lũy kế 5 tháng ước thực hiện 3.293
# tỷ đồng": a level written before the paragraph names any period, then the same indicator's running
# total with a level of its own ("lũy kế", "cộng dồn", "tính chung" before its months): two amounts of
# one indicator, the second accumulated, so the first is the month the total closes with (May), not
# the months so far. A running total that gives only its share of the plan or its change ("… 9.200
# tỷ đồng …. Tính chung 9 tháng, thu ngân sách bằng 71% dự toán") leaves the amount before it its
# own; a period named without those words ("… Hết tháng 9, …") is the figure's, as before.
def month_before_its_running_total(norm: str, s_start: int, s_end: int, para: _Paragraph,
                                    these: list[tuple[Draft, Metric]]) -> tuple[PeriodSpec, set[tuple[str | None, str | None]]] | None:
    """The month the sentence's running total closes with, and the indicators it gives a level of,
    when the sentence opens the paragraph's period with a running total of the year; else None."""
    spec = para.first_period
    if spec is None or spec.kind not in ("YTD", "Q", "H") or not these:
        return None
    s = norm[s_start:s_end]
    low = para.low[s_start:s_end] if para.low is not None else fold(s)
    if "kế" not in low and "cộng dồn" not in low and "tính chung" not in low:
        return None  # (cheap gate: most sentences write none of the running total's words)
    mentions = find_periods(s, low)
    if not mentions or mentions[0].spec != spec:
        return None
    at = mentions[0].start
    if not _RUNNING_TOTAL_BEFORE_RE.search(s, max(0, at - 16), at):
        return None
    month = closing_month(spec)
    # (A running total closes only a figure of the same measure: a part written before the whole's,
    # the added capital of some projects, then "Tính chung N tháng" and all the capital attracted, is
    # no month of that total: indicator and scope both.)
    levels = {(m.indicator, m.scope) for _, m in these if m.value is not None}
    return (month, levels) if month is not None and month.n >= 2 and levels else None


# "… khách lưu trú đạt 1,2 triệu lượt. Năm 2024, thị xã đặt mục tiêu đón 3,5 triệu lượt khách …", "… Mục tiêu năm
# 2011 tới, thị xã phấn đấu đón 2 triệu lượt khách": the year a goal is set for, when it is the year ahead, closes a
# review of the year before it; the figures written before the goal, which named no period, are that year's
# (not the goal's, nor a goal). The year is ahead when it follows the year of publication, or when the text
# says so ("năm 2011 tới", "năm 2011 sắp tới"). A goal for the year under way leaves them to the goal's year, as before.
_YEAR_AHEAD_RE = re.compile(r"(?<!\w)năm\s+(?P<year>\d{4})\s+(?:sắp\s+)?tới(?!\w)", re.IGNORECASE)


def year_before_the_goal(norm: str, s_start: int, s_end: int, para: _Paragraph,
                          these: list[tuple[Draft, Metric]]) -> PeriodSpec | None:
    """The year under review, the one before the goal's, when the sentence that first names the
    paragraph's period gives goals only, for a year ahead; else None."""
    spec = para.first_period
    if spec is None or spec.kind != "Y" or spec.year is None or not these or any(m.kind != "target" for _, m in these):
        return None
    ahead = para.published is not None and spec.year > para.published.year
    if not ahead and "tới" in norm[s_start:s_end]:
        ahead = any(int(m.group("year")) == spec.year for m in _YEAR_AHEAD_RE.finditer(norm, s_start, s_end))
    return PeriodSpec("Y", 0, spec.year - 1) if ahead else None


def date_balances(waiting: list[tuple[Draft, int, int]], para: _Paragraph, text: str, norm: str,
                   offsets: Sequence[int], out: list[Metric], published: date) -> None:
    """A bank report that names no date at all ("Tổng dư nợ của toàn ngành đạt 106.836 tỷ đồng,
    tăng 5,3% so cuối năm 2020", "vốn huy động bằng VNĐ ước đạt 3.722,0 nghìn tỷ đồng") gives the
    latest balances, those at the end of the month before it came out; a flow with no period
    is no record."""
    if published.year == 1 and published.month == 1:
        return  # (a garbled date: no month before it)
    last = published.replace(day=1) - timedelta(days=1)
    for d, a, b in waiting:
        if d.code in STOCK_INDICATORS:
            d.period = PeriodSpec("M", last.month, last.year)
            metric = para.to_metric(d, text, norm, offsets, a, b)
            if metric is not None:
                out.append(metric)


# "thu du lịch 95 tỷ đồng (tăng 6% so tháng 8)", "CPI nhích 0,1% so với tháng 10": a change against a
# month named by its number, in a paragraph that names no period of its own, is
# measured on the month after it (the month before is what a month's figure is compared with). Every such base
# the paragraph writes must name the same month, one before December (the year's turn is left unread), and
# only the figures compared with it are dated so.
_MONTH_BASE_RE = re.compile(r"(?<!\w)so(?:\s+với)?\s+tháng\s+(\d{1,2})(?!\d|[/.-]\d|\s+năm)")


def date_by_the_month_before(waiting: list[tuple[Draft, int, int]], para: _Paragraph, text: str, norm: str,
                              lowered: str, offsets: Sequence[int], out: list[Metric]) -> None:
    """The flows of a paragraph that names no period, compared with one month named by its number, dated
    to the month after it."""
    months = {int(m.group(1)) for m in _MONTH_BASE_RE.finditer(lowered)}
    if len(months) != 1 or not 1 <= (month := months.pop()) <= 11:
        return
    for d, a, b in waiting:
        if d.code not in STOCK_INDICATORS and d.mom is not None:
            d.period = PeriodSpec("M", month + 1, None)
            metric = para.to_metric(d, text, norm, offsets, a, b)
            if metric is not None:
                out.append(metric)
