"""Lists: figures written as a run, and the records they belong to.

The walk of hbetl/extract_walk.py reads one event at a time; some figures only make sense as a
run: "lần lượt tăng 5,2% và 6,1%" pairs figures with the subjects named before them in order,
"tăng 6,5%, 7,1% và 8,2%" lists the rates of years, "(cấp mới …, điều chỉnh …)" lists the
parts of a total, "… lần lượt là 1.200 và 1.350 tỷ đồng" lists places' levels; FDI's parts
named beside registered capital ("vốn điều chỉnh", "góp vốn mua cổ phần") make it FDI's.  These readers
take a clause's events and hand back the drafts of the records they hold.  They keep no state
of their own and import nothing from extract_walk at run time (Draft is named for annotations).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from hbetl.extract_scan import Event
from hbetl.indicators import Mention
from hbetl.periods import PeriodSpec

if TYPE_CHECKING:
    from hbetl.extract_walk import Draft


# The parts of foreign investment that only FDI has: "vốn điều chỉnh", "góp vốn, mua cổ phần".
_FDI_ONLY_PARTS = frozenset(("vốn điều chỉnh", "góp vốn, mua cổ phần", "góp vốn mua cổ phần", "góp vốn và mua cổ phần"))


def _new_capital_of_fdi(events: list[Event]) -> None:
    """"Vốn đăng ký mới giảm 20%, còn vốn điều chỉnh và góp vốn mua cổ phần đều
    tăng …": registered capital named beside FDI's other parts, with no figure in đồng, is the
    FDI's newly licensed part (domestic firms' capital is written in đồng)."""
    if not any(e.kind == "M" and e.data["scope"] in _FDI_ONLY_PARTS for e in events):
        return
    if any(e.kind == "V" and e.data["family"] == "money" for e in events):
        return
    for e in events:
        if e.kind == "M" and e.data["code"] == "registered_capital":
            e.data = {**e.data, "code": "fdi_capital", "scope": e.data["label"] if "mới" in e.data["label"] else None}


# "tổng vốn cấp mới, tăng thêm và góp vốn mua cổ phần đạt 2,3 tỷ USD": the parts
# listed after "cấp mới" name the sum of them all, FDI's whole, not the last part.
_PARTS_LISTED_BEFORE_RE = re.compile(
    r"cấp\s+mới(?:\s*(?:,|và)\s*(?:vốn\s+)?(?:điều\s+chỉnh|tăng\s+thêm)(?:\s+vốn)?)?\s*(?:,|và)\s*$", re.IGNORECASE)


def _parts_listed_as_whole(s: str, events: list[Event]) -> None:
    for e in events:
        if (e.kind == "M" and e.data["code"] == "fdi_capital" and e.data["scope"]
                and _PARTS_LISTED_BEFORE_RE.search(s, max(0, e.start - 50), e.start)):
            e.data = {**e.data, "scope": None}


_RESPECTIVE_RE = re.compile(r"(?<!\w)(?:lần\s+lượt|tương\s+ứng)(?!\w)", re.IGNORECASE)


# ("Bắc Giang và thành phố Hải Phòng …, lần lượt …": the word for a province or city may stand
# before a listed place's name, outside the name the places table gives.)
_LIST_GAP_RE = re.compile(r"\s*(?:,|;)?\s*(?:và|hoặc)?\s*(?:(?:tỉnh|thành\s+phố|TP\.?)\s+)?")


_FIGURE_GAP_RE = re.compile(r"\s*(?:,|;)?\s*(?:và)?\s*(?:(?:tăng|giảm|đạt|là)\s*)?")


_YEAR_LIST_RE = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)((?:\s*(?:,|và)\s*(?:năm\s+)?(?:19|20)\d\d(?!\d))+)", re.IGNORECASE)


_YEAR_RE = re.compile(r"(?:19|20)\d\d")


_YEAR_SPAN_RE = re.compile(r"(?<!\w)(?:các\s+năm|giai\s+đoạn|thời\s+kỳ)\s+((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)(?!\d)", re.IGNORECASE)


_PART_OF_YEARS_GAP_RE = re.compile(r"\s*(?:đầu\s+)?(?:của\s+)?(?:các\s+)?", re.IGNORECASE)


# "… với kết quả lần lượt là: 17,53 tỷ USD; 14,37 tỷ USD; …": a colon may open the list of figures.
_LEAD_RE = re.compile(r"\s*(?:đạt|là|ở\s+mức|tăng|giảm|tăng\s+trưởng)?\s*:?\s*", re.IGNORECASE)


def _pair_respectively(s: str, s_start: int, found: list[Mention], events: list[Event], drafts: list[Draft]) -> None:
    for marker in _RESPECTIVE_RE.finditer(s):
        figures = _figure_list(s, marker.start(), marker.end(), events)
        if len(figures) < 2:
            continue
        items = _item_list(s, marker.start(), found, events, len(figures))
        if items is None:
            if _changes_of_records_before(s_start + marker.start(), figures, drafts):
                return
            continue
        # "… lần lượt đạt 640 triệu USD và 415 triệu USD, tăng 7,5% và 3,2%": a second list of
        # the same length right after the first pairs the same way.
        second = _figure_list(s, figures[-1].end, figures[-1].end, events, following=True)
        lists = [figures] + ([second] if len(second) == len(figures) else [])
        found_in = [_draft_of(f[0], drafts) for f in lists]
        if found_in[0] is None:
            continue
        d = found_in[0][0]
        ends = {s_start + f.end for fl in lists for f in fl[1:]} | {s_start + fl[0].end for fl in lists[1:]}
        copies = [d] + [replace(d, value=None, unit=None, qualifier=None, yoy=None, mom=None, plan=None,
                                start=s_start + fig.start, end=s_start + fig.end) for fig in figures[1:]]
        for i, item in enumerate(items):
            if isinstance(item, PeriodSpec):
                copies[i].period = item
            elif isinstance(item, _PlaceItem):
                copies[i].scope = str(item)
            else:
                copies[i].code, copies[i].label, copies[i].scope = item.code, s[item.start:item.end], item.scope
        for fl, hit in zip(lists, found_in, strict=True):
            if hit is None:
                continue
            holder, attr, offset = hit
            for i, fig in enumerate(fl):
                if i == 0 and holder is d:
                    continue
                num = fig.data["pct"] if fig.kind == "C" else fig.data["value"]
                setattr(copies[i], attr, round(num + offset, 6))
                if attr == "value":
                    copies[i].unit, copies[i].qualifier = d.unit, fig.data.get("qualifier")
        drafts[:] = [x for x in drafts if x is d or x.end not in ends]
        if isinstance(items[0], _PlaceItem):
            # "4 địa phương dẫn đầu gồm A, B, C và D với kết quả lần lượt là: …": the walk gave the
            # first figure to each place joined before it; each place has its own figure.
            drafts[:] = [x for x in drafts if x is d or (x.start, x.end) != (d.start, d.end)]
        at = drafts.index(d) + 1
        drafts[at:at] = copies[1:]
        return


def _changes_of_records_before(marker_at: int, figures: list[Event], drafts: list[Draft]) -> bool:
    """A respective list of changes with no list of subjects or periods before it goes to the
    records written before it, one each, in order ("… sẽ đón 9,68 triệu lượt khách với tổng doanh
    thu đạt 25.530 tỷ đồng, tăng lần lượt 15,91% và 14,44% so năm 2023"; the walk gave the first
    change to the last record). True when it did."""
    records = [d for d in drafts if d.start < marker_at]
    # The list's later items may read as bare percents ("và 14,44%"): changes all the same.
    if (len(records) != len(figures) or figures[0].kind != "C"
            or any(f.kind == "V" and f.data["family"] != "percent" for f in figures)):
        return False
    hit = _draft_of(figures[0], drafts)
    if hit is None:
        return False
    holder, attr, offset = hit
    if any(getattr(d, attr) is not None and d is not holder for d in records):
        return False
    setattr(holder, attr, None)
    for d, fig in zip(records, figures, strict=True):
        setattr(d, attr, round(fig.data["pct" if fig.kind == "C" else "value"] + offset, 6))
    return True


def _draft_of(fig: Event, drafts: list[Draft]) -> tuple[Draft, str, float] | None:
    """The record the walk gave a figure to, the attribute that holds it and how it was moved
    ('vượt 5%' of a plan is 105)."""
    number = fig.data["pct"] if fig.kind == "C" else fig.data["value"]
    for d in drafts:
        for attr in ("value", "yoy", "mom", "plan"):
            held = getattr(d, attr)
            if held is not None and abs(held - number) in (0, 100):
                return d, attr, held - number
    return None


def _figure_list(s: str, start: int, end: int, events: list[Event], following: bool = False) -> list[Event]:
    """The figures a respective marker at ``start:end`` pairs: the first right after it ('lần
    lượt đạt 1.200 …'), or holding it ('tăng tương ứng 11,9%'), then each joined to the one
    before by ',' or 'và'; ``following``: a list right after another (', tăng 7,5% và 3,2%')."""
    out: list[Event] = []
    for e in events:
        if not out:
            if e.end <= start or (e.kind == "X" and following and e.data.get("char") == ","):
                continue
            if e.kind == "X" and not following and e.data.get("char") == ":" and _LEAD_RE.fullmatch(s, end, e.start):
                continue  # "lần lượt là: 17,53 tỷ USD; 14,37 tỷ USD": the colon opens the list
            if e.kind not in ("V", "C") or e.data.get("pct" if e.kind == "C" else "value") is None:
                return []
            if e.start > end and not (_FIGURE_GAP_RE if following else _LEAD_RE).fullmatch(s, end, e.start):
                return []
            out.append(e)
            continue
        if e.kind == "X" and e.data.get("char") in (",", ";"):  # "lần lượt tăng 5,6%; 6,4%; 3,7%"
            continue
        if e.kind == "V" or (e.kind == "C" and e.data.get("pct") is not None):
            if not _FIGURE_GAP_RE.fullmatch(s, out[-1].end, e.start):
                break
            if out[0].kind == "V" and (e.kind != "V" or e.data["family"] != out[0].data["family"]):
                break  # "đạt 640 triệu USD và 415 triệu USD, tăng 7,5% …": amounts, then changes
            out.append(e)
            continue
        break
    return out


def _item_list(s: str, end: int, found: list[Mention], events: list[Event], n: int) -> list | None:
    """The n periods or subjects a respective list pairs, the nearest list before ``end``."""
    best: tuple[int, list] | None = None
    for m in _YEAR_LIST_RE.finditer(s, 0, end):
        years = [int(y) for y in _YEAR_RE.findall(m.group(0))]
        if len(years) == n:
            # "6 tháng các năm 2021, 2022, 2023": the same part of each year.
            part = next((e.data["spec"] for e in events if e.kind == "P" and e.end <= m.start()
                         and e.data.get("spec") is not None and e.data["spec"].kind != "Y"
                         and _PART_OF_YEARS_GAP_RE.fullmatch(s, e.end, m.start())), None)
            best = (m.end(), [PeriodSpec("Y", 0, y) if part is None else part._replace(year=y) for y in years])
    for m in _YEAR_SPAN_RE.finditer(s, 0, end):
        # "Tốc độ tăng GDP các năm 2011 - 2021 lần lượt là: 6,41%; 5,50%; …": a span of as many years
        # as figures pairs each year with its figure, in order.
        first, last = int(m.group(1)), int(m.group(2))
        if last - first + 1 == n and (best is None or m.end() > best[0]):
            best = (m.end(), [PeriodSpec("Y", 0, y) for y in range(first, last + 1)])
    periods = [e for e in events if e.kind == "P" and e.end <= end and e.data.get("spec") is not None]
    for run in _runs(s, periods, lambda e: (e.start, e.end)):
        if len(run) == n and (best is None or run[-1].end > best[0]):
            best = (run[-1].end, [e.data["spec"] for e in run])
    mentions = [m for m in found if m.end <= end]
    for run in _runs(s, mentions, lambda m: (m.start, m.end)):
        if len(run) == n and len({(m.code, m.scope) for m in run}) == n and (best is None or run[-1].end > best[0]):
            best = (run[-1].end, run)
    # "Gia Lai, Ninh Thuận và Thanh Hóa, với tăng trưởng GRDP năm 2021 lần lượt đạt 9,03%, 9% và
    # 8,85%": a list of places pairs the same way, each figure its place's (the place its scope).
    places = [e for e in events if e.kind == "L" and e.end <= end]
    for run in _runs(s, places, lambda e: (e.start, e.end)):
        if len(run) == n and len({e.data["name"] for e in run}) == n and (best is None or run[-1].end > best[0]):
            best = (run[-1].end, [_PlaceItem(e.data["name"]) for e in run])
    return best[1] if best is not None else None


class _PlaceItem(str):
    """A place a respective list pairs with its figure (_item_list): the figure's scope."""


def _runs(s: str, items: list, span) -> list[list]:
    """Items next to each other with only ',' or 'và' between them."""
    runs: list[list] = []
    for it in items:
        if runs and _LIST_GAP_RE.fullmatch(s, span(runs[-1][-1])[1], span(it)[0]):
            runs[-1].append(it)
        else:
            runs.append([it])
    return runs


# --- bare counts of a ranked list by place -----------------------------------------------------
#
# "Cần Thơ dẫn đầu vùng với 500 doanh nghiệp thành lập mới, tiếp đến là Kiên Giang (463), Long An
# (437)": after the leader's count, the places that follow it in rank give theirs as a bare number
# in brackets, the unit and the subject the leader's. Each is its place's own record.
_NEXT_IN_RANK_RE = re.compile(r"(?<!\w)tiếp\s+(?:đến|theo|sau)(?:\s+là)?(?!\w)", re.IGNORECASE)


_BARE_COUNT_RE = re.compile(r"\s*\(\s*(\d{1,3}(?:\.\d{3})*)\s*\)")


def _bare_counts_after_places(s: str, s_start: int, events: list[Event], drafts: list[Draft]) -> None:
    """The records of the places ranked after a leader's count, each with its bare count in
    brackets (_NEXT_IN_RANK_RE, _BARE_COUNT_RE), copied from the leader's record."""
    m = _NEXT_IN_RANK_RE.search(s)
    if m is None:
        return
    heads = [d for d in drafts if d.unit == "count" and d.scope and d.value is not None and d.end <= s_start + m.start()]
    if not heads:
        return
    lead, pos, copies = heads[-1], m.end(), []
    for e in events:
        if e.kind != "L" or e.start < pos:
            continue
        count = _BARE_COUNT_RE.match(s, e.end)
        if count is None or not _LIST_GAP_RE.fullmatch(s, pos, e.start):
            break
        copies.append(replace(lead, value=float(count.group(1).replace(".", "")), qualifier=None, yoy=None, mom=None,
                              plan=None, scope=e.data["name"], start=s_start + count.start(1), end=s_start + count.end(1)))
        pos = count.end()
    at = drafts.index(lead) + 1
    drafts[at:at] = copies

