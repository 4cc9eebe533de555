"""Whether the walk goes on with the subject already named: a clause's, and a sentence's opening.

A clause with a figure but no catalogue phrase of its own either continues the subject (", tăng
5,2%", "…, số doanh nghiệp đã giảm 0,7%", "Cụ thể, tháng 1 giảm 0,76%") or opens one of its own
("…, số dự án giảm 37,9%", "Chỉ số giá vàng giảm 1,1%"): _continuation_clause decides, after
taking out the words that name no subject (_NO_SUBJECT_WORDS), and _states_the_plan and
_figure_is_stated say when it need not ask.  A sentence that names no subject before its first
figure may go on with the last sentence's (_opens_without_subject), or with a count or the new
firms named again by their head words (_count_named_again, _firms_changed_again,
_new_firms_counted_again).  The walk of hbetl/extract_walk.py asks these when a clause begins
(start_clause) and when a sentence's run begins (run).  They keep no state and import nothing
from extract_walk.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hbetl.extract_bases import _CAPITAL_CODES, _topic_about
from hbetl.extract_events import CONTINUATION_WORDS, WORD_RE, Event, fits, phrases_of
from hbetl.extract_walk_levels import _COUNT_ALONE_AFTER_RE, _code_for_unit
from hbetl.indicators import TRADE_CODES

if TYPE_CHECKING:
    from hbetl.extract import _Paragraph


# Firms named by their head words alone ("số doanh nghiệp", "tổng số DN", "số lượng doanh nghiệp"),
# and the adverbs that may stand between them and their change ("số doanh nghiệp đã giảm 0,7%"):
# three readings share them (two below, and _FIRMS_ALONE_RE in hbetl/extract_walk.py).
_FIRMS_BY_HEAD = r"(?:tổng\s+)?số\s+(?:lượng\s+)?(?:doanh\s+nghiệp|DN)"
_FIRMS_ADVERBS = r"(?:\s+(?:đã|cũng|lại|vẫn|chỉ))*"
# A clause that names the new firms again by their head words ("…, số doanh nghiệp đã giảm 0,7%")
# continues a subject of new firms.
_FIRMS_RESTATED_RE = re.compile(r"(?<!\w)" + _FIRMS_BY_HEAD + _FIRMS_ADVERBS + r"(?!\w)", re.IGNORECASE)
# A clause that names capital again by its head noun ("…được 9 dự án, tổng vốn đầu tư 64,5
# triệu USD") continues a capital subject.
# "… vốn FDI. Năm 2023, tỉnh thu hút được 1,603 tỷ USD": attracting is what is said of capital,
# the verb names no subject of its own.
_CAPITAL_RESTATED_RE = re.compile(
    r"(?<!\w)(?:thu\s+hút(?:\s+được)?|(?:tổng\s+)?(?:số\s+)?vốn(?:\s+(?:đầu\s+tư|đăng\s+ký))*|(?:tổng\s+)?mức\s+đầu\s+tư)(?!\w)", re.IGNORECASE)


# "Tháng 9, kim ngạch xuất nhập khẩu ước đạt 1.240 triệu USD. Lũy kế 9 tháng, kim ngạch ước đạt
# 9,575 tỷ USD": a clause that names the turnover again by its head noun alone continues a trade
# subject.
_TURNOVER_RESTATED_RE = re.compile(r"(?<!\w)(?:tổng\s+)?kim\s+ngạch(?!\s+(?:xuất|nhập|XNK|thương))(?!\w)", re.IGNORECASE)


def _continuation_clause(s: str, clause: list[Event], clause_start: int, code: str | None = None) -> bool:
    """A clause without a catalogue phrase continues the subject (``code``) unless it opens
    with a subject of its own: two or more words, before its first figure, that are not
    periods, cue words or qualifiers."""
    # One pass for the clause's first figure and the first event that is no break (a clause is
    # walked here for each clause with a figure but no subject: two generators cost ~8% of a run).
    first = opener = None
    opener_at = 0
    for e in clause:
        kind = e.kind
        if opener is None and kind != "X":
            opener, opener_at = kind, e.start
        if kind == "V" or kind == "C":
            first = e
            break
    if first is None:
        return True
    if first.kind == "C" and first.data.get("compared_pct") is not None:
        return True  # "… tăng 5,1% - vẫn thấp hơn tốc độ tăng 5,7% của …": the subject's own rate, then
    if (opener == "L" and not (clause[0].kind == "X" and clause[0].data["char"] == "-")
            and not _names_before(s[clause_start:opener_at])):
        # "…; Hải Dương đứng thứ hai với 681 triệu USD": the next place of a list; a list is not
        # written with dashes ("dự án Nhà máy khí công nghiệp Messer Hải Phòng - Thái Nguyên 3 với
        # vốn đầu tư gần 9,9 triệu USD": two places in a project's name).
        return True
    text = s[clause_start:first.start]
    if not text or text.isspace():
        # ", tăng 5,2%": no word before the figure, so none of a subject of its own (what follows
        # would find none either). 410 of the 547 clauses a round of the fixtures asks about.
        return True
    for gates, words in _NO_SUBJECT_WORDS:
        for gate in gates:  # (a plain loop: a generator per pattern cost ~2% of a run)
            if gate in text:
                text = words.sub(" ", text)
                break
    if ("giá" in text or "Giá" in text or "hỉ số" in text) and _own_price_or_index(text):
        return False  # "… CPI tăng 0,3%. Chỉ số giá vàng giảm 1,1%": another good's price, its own subject
    if code in _CAPITAL_CODES:
        text = _CAPITAL_RESTATED_RE.sub(" ", text)
    elif code in TRADE_CODES and "ngạch" in text and "với" not in text:
        # (not "…, với tổng kim ngạch lên tới gần 49,35 tỷ USD" after a list of places: their sum)
        text = _TURNOVER_RESTATED_RE.sub(" ", text)
    elif code == "new_enterprises" and "số" in text:
        text = _FIRMS_RESTATED_RE.sub(" ", text)
    for e in clause:
        if e.start < first.start and e.kind in ("P", "K", "S", "T", "B", "L"):
            # (a cue may run into the figure's verb: "mục tiêu tăng" before "tăng trên 16%")
            text = text.replace(s[e.start:min(e.end, first.start)], " ")
    if ("lên" in text or "LÊN" in text) and _RAISES_TOTAL_RE.match(text):
        return True  # "…, nâng số thu 5 tháng lên mức 628,1 nghìn tỷ đồng": the subject's running total
    # _COUNTED_RE (IGNORECASE, opening with lookbehinds: tried at each position, ~1 us a clause)
    # needs 'số', whose 'ố' nothing but 'ố' and 'Ố' matches: a clause with neither skips it.
    counted = _COUNTED_RE.search(text) if code is not None and ("ố" in text or "Ố" in text) else None
    if counted and not any(counted.group(1).lower() in p.lower() for p in phrases_of(code)):
        return False  # "…, số dự án giảm 37,9%": what is counted is a subject of its own
    # Two or more words that are neither digits nor continuation words: one pass, stopping at the second.
    unknown = 0
    for w in WORD_RE.findall(text.lower()):
        if w not in CONTINUATION_WORDS and not w.isdigit():
            unknown += 1
            if unknown == 2:
                return False
    return True


def _names_before(text: str) -> bool:
    """The clause's first place ends an agency's name ("Riêng Ngân hàng Chính sách xã hội tỉnh Gia
    Lai đã giải ngân cho vay 135 tỷ đồng", "Kho bạc Nhà nước tỉnh Quảng Nam"): a subject of the
    clause's own, not the next item of a list by place ("Một số địa phương khác như: Bắc Ninh, …")."""
    return _AGENCY_BEFORE_PLACE_RE.search(text) is not None


# An agency's name, as written before its province: a bank or its branch, the treasury, a
# department, a board, a committee, a company.
_AGENCY_BEFORE_PLACE_RE = re.compile(
    r"(?<!\w)(?:ngân\s+hàng|chi\s+nhánh|kho\s+bạc|sở|cục|ban\s+quản\s+lý|ủy\s+ban|ubnd|công\s+ty|quỹ)(?!\w)"
    r"[^,;:()]*\s(?:tỉnh|thành\s+phố|TP\.?)\s*$", re.IGNORECASE)


# A price or an index named by the good it measures: "giá" or "chỉ số" (or "chỉ số giá") followed by a
# word of its own ("chỉ số giá vàng", "chỉ số USD", "giá gạo", "giá xăng"). Price releases write
# the gold and dollar indices, and the goods that moved the CPI, right after the CPI's own figures,
# and one word is all that sets them apart: the count of unknown words (two make a subject) lets
# them pass as the CPI's continuation. Not the index restated ("chỉ số này", "chỉ số giá tháng
# này", "chỉ số giá chung"), nor "giá trị" / "giá cả" (continuation words) or a price basis
# ("theo giá so sánh", taken out before).
_OWN_PRICE_OR_INDEX_RE = re.compile(r"(?<!\w)(?:chỉ\s+số(?:\s+giá)?|giá)\s+(\w+)", re.IGNORECASE)
_INDEX_RESTATED_WORDS = frozenset(("chung", "tiêu"))


def _own_price_or_index(text: str) -> bool:
    """``text`` (a clause's words before its first figure) names a price or an index of its own
    (_OWN_PRICE_OR_INDEX_RE)."""
    for m in _OWN_PRICE_OR_INDEX_RE.finditer(text):
        word = m.group(1).lower()
        if word not in CONTINUATION_WORDS and word not in _INDEX_RESTATED_WORDS and not word.isdigit():
            return True
    return False


# "Dư nợ tháng 1 giảm, … Cụ thể, tháng 1 giảm 0,76%, tháng 2 tăng 0,46%": "specifically" opens the
# detail of what was just said, the same subject.
_IN_DETAIL_RE = re.compile(r"^\s*cụ\s+thể(?!\w)", re.IGNORECASE)


# "Bắc Giang dẫn đầu với tăng trưởng gần 14,2%, trong khi cùng kỳ năm ngoái địa phương này mới đạt
# 6,6%": the place named again ("địa phương này", "tỉnh này") is the subject's own, and "mới" right
# before the figure or its verb is "only so far" (as "chỉ"), not new firms or new licences
# ("thành lập mới", "cấp mới").
_THIS_PLACE_RE = re.compile(r"(?<!\w)(?:địa\s+phương|tỉnh|thành\s+phố|huyện)\s+này(?!\w)", re.IGNORECASE)
_ONLY_SO_FAR_RE = re.compile(r"(?<!\w)(?<!lập\s)(?<!cấp\s)(?<!ký\s)mới(?=\s*$|\s+(?:đạt|tăng|giảm|chỉ)(?!\w))", re.IGNORECASE)


# "Giá trị sản xuất công nghiệp (theo giá hiện hành) ước đạt 2.997 tỷ đồng, ước tính theo giá so sánh
# 2010 đạt 2.191 tỷ đồng, tăng 10,36%": the same measure at another price basis, no subject of its own.
_PRICE_BASIS_RE = re.compile(r"(?<!\w)(?:tính\s+)?theo\s+giá\s+(?:so\s+sánh|hiện\s+hành|thực\s+tế|cố\s+định)(?:\s+(?:năm\s+)?\d{4})?(?!\w)",
                             re.IGNORECASE)


# "IIP tăng 2,38% so với tháng trước, đặc biệt so với cùng tháng năm trước bắt đầu tăng nhẹ 0,01%":
# words that stress a figure ("đặc biệt", "nhất là") or mark when its change set in ("bắt đầu") name
# no subject of their own.
_EMPHASIS_RE = re.compile(r"(?<!\w)(?:đặc\s+biệt|nhất\s+là|bắt\s+đầu)(?!\w)", re.IGNORECASE)


# "GRDP dự ước tăng 9,16% so với năm trước (sơ bộ 6 tháng đầu năm tăng 7,51%, ước tính 6 tháng cuối
# năm tăng 10,67%)": "sơ bộ" (preliminary) says how firm the figure is, as "ước tính" does; it names
# no subject of its own.
_PRELIMINARY_RE = re.compile(r"(?<!\w)sơ\s+bộ(?!\w)", re.IGNORECASE)


# "… 8,8 triệu lượt khách quốc tế. Con số này tăng 58,4% so với cùng kỳ": the figure just stated,
# named again, is no subject of its own. Reporters point back to it with "này" after any noun for
# a figure: "kết quả này" (the result), "số thu này" / "mức thu này" / "số chi này" (the sum collected
# or spent), "số tiền này", "tỷ lệ này" (the share just stated: "… được 2.150 tỷ đồng. Tỷ lệ này mới
# đạt 41% kế hoạch"); after the base that opens the sentence too ("So với cùng kỳ, số thu này
# tăng 23%"). (Not "con số trên": after a total and its part, "trên" points back to the total, which
# the walk, continuing the last subject, would not find.)
_THIS_FIGURE_RE = re.compile(
    r"^\s*(?:(?:con\s+)?số(?:\s+(?:liệu|tiền|thu|chi))?|kết\s+quả|mức(?:\s+(?:thu|chi))?|khoản\s+(?:thu|chi)|t[ỷỉ]\s+lệ)"
    r"\s+này(?!\w)", re.IGNORECASE)


# "Tổng kế hoạch vốn năm 2025 được Trung ương giao 8.184 tỷ đồng; địa phương giao là 8.526 tỷ đồng", "…
# Thủ tướng giao hơn 8.200 tỷ đồng, HĐND tỉnh quyết nghị 9.356 tỷ đồng": a plan as a second body set it.
# Planning reports give a plan twice, as the centre assigned it and as the province's council or
# committee set it (often higher): the clause names only the body and its verb of assigning, so it
# says the same plan again, no subject of its own. Only the body and the verb: "địa phương giải
# ngân …" or "tỉnh thu hút …" keep their words and open a subject.
_PLAN_GIVER_RE = re.compile(
    r"^\s*(?:còn\s+)?(?:(?:mức\s+)?vốn\s+(?:thực\s+tế\s+)?)?(?:do\s+)?"
    r"(?:trung\s+ương|địa\s+phương|chính\s+phủ|thủ\s+tướng(?:\s+chính\s+phủ)?|"
    r"(?:hđnd|hội\s+đồng\s+nhân\s+dân|ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)(?:\s+(?:và|,)\s+(?:ubnd|ủy\s+ban\s+nhân\s+dân))?"
    r"(?:\s+(?:tỉnh|thành\s+phố|huyện))?|tỉnh|thành\s+phố|huyện)"
    r"\s+(?:đã\s+|vừa\s+)?(?:giao|quyết\s+nghị|phân\s+bổ|phê\s+duyệt)(?:\s+(?:là|tới|lên\s+tới))?\s*$", re.IGNORECASE)


# The words above, before a clause's figure, name no subject of their own: _continuation_clause takes
# them out, in this order, before it asks whether the clause opens a subject. Each is scanned only
# where one of its words (case as written) stands in the clause: most clauses hold none.
_NO_SUBJECT_WORDS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("thể",), _IN_DETAIL_RE),
    (("này",), _THIS_PLACE_RE),
    (("này",), _THIS_FIGURE_RE),
    (("mới",), _ONLY_SO_FAR_RE),
    (("đặc", "bắt", "nhất"), _EMPHASIS_RE),
    (("giá",), _PRICE_BASIS_RE),
    (("sơ", "SƠ"), _PRELIMINARY_RE),
    (("giao", "nghị", "bổ", "duyệt"), _PLAN_GIVER_RE),
)


# "tháng 5 ước đạt 110,2 nghìn tỷ đồng, nâng số thu 5 tháng lên mức 628,1 nghìn tỷ đồng", "đưa tổng
# thu 5 tháng lên …": a month's figure raises the running total of the same subject (its period
# already cut out of the text).
_RAISES_TOTAL_RE = re.compile(
    r"^\s*(?:nâng|đưa)\s+(?:(?:tổng\s+)?(?:số\s+)?(?:thu|chi)|tổng(?:\s+số)?)?\s*lên(?:\s+(?:mức|tới|đến))?\s*$",
    re.IGNORECASE)
# "số dự án giảm 37,9%" counts something; "chỉ số này tăng 1,2%" names the index again.
_COUNTED_RE = re.compile(r"(?<!\w)(?<!chỉ\s)(?:tổng\s+)?số\s+(?!lượng\b|liệu\b)(\w+\s+\w+|\w+)", re.IGNORECASE)


_LEVEL_CUE_RE = re.compile(
    r"(?:đạt|ước|tính|là|có|được|khoảng|trên|hơn|gần|xấp\s+xỉ|lên\s+tới|tới|ở\s+mức|mức|đóng\s+góp)\s*$", re.IGNORECASE)


def _states_the_plan(clause: list[Event]) -> bool:
    """The clause's first figure is its subject's plan ("…, vượt tốc độ tăng trưởng so với kế
    hoạch đề ra là 8,42%"): it continues the subject whatever words come first."""
    first = next((e for e in clause if e.kind in ("V", "C")), None)
    return first is not None and first.kind == "V" and first.data.get("plan_figure", False)


def _figure_is_stated(s: str, clause: list[Event]) -> bool:
    """The clause's first figure is a change, or a level after a verb that states one."""
    first = next((e for e in clause if e.kind in ("V", "C")), None)
    if first is None:
        return False
    return first.kind == "C" or bool(_LEVEL_CUE_RE.search(s[max(0, first.start - 15):first.start]))


def _count_named_again(s: str, events: list[Event], para: _Paragraph) -> dict | None:
    """"Cụ thể số doanh nghiệp đăng ký ước đạt 620 doanh nghiệp" after a sentence about "số doanh
    nghiệp đăng ký thành lập mới": a count named again by its head words ("số …") before the
    sentence's first figure, a count, is the count the last sentence named."""
    first = next((e for e in events if e.kind in ("M", "T", "V", "C")), None)
    if first is None or first.kind != "V" or first.data["family"] != "count":
        return None
    counted = _COUNTED_RE.search(s, 0, first.start)
    if counted is None:
        return None
    code = _topic_about(counted.group(0), para)
    if code is None or code not in para.topics_before:
        return None
    subject = {"code": code, "label": counted.group(0), "scope": None, "unit": para.catalogue[code].unit,
               "plan": False, "growth": False}
    return subject if fits(first, subject) else None


# "…, số doanh nghiệp đã giảm 0,7%": the firms' count by its head words alone, right before its change.
_FIRMS_BEFORE_CHANGE_RE = re.compile(r"(?<!\w)" + _FIRMS_BY_HEAD + _FIRMS_ADVERBS + r"\s*$", re.IGNORECASE)


def _firms_changed_again(s: str, events: list[Event], para: _Paragraph) -> dict | None:
    """"Trong tháng 3, cả nước có 14.100 doanh nghiệp đăng ký thành lập … So với cùng kỳ năm 2023,
    số doanh nghiệp đã giảm 0,7%, vốn đăng ký giảm 22,1%": the sentence's first figure, a change,
    follows the firms named by their head words alone; they are the firms the last sentence
    counted (the newly registered ones), whatever subject that sentence ended on."""
    first = next((e for e in events if e.kind in ("M", "T", "V", "C")), None)
    if first is None or first.kind != "C" or first.data.get("about"):
        return None
    if _FIRMS_BEFORE_CHANGE_RE.search(s, max(0, first.start - 40), first.start) is None:
        return None
    if "new_enterprises" not in para.topics_before:
        return None
    return {"code": "new_enterprises", "label": "số doanh nghiệp", "scope": None, "unit": "count",
            "plan": False, "growth": False}


def _new_firms_counted_again(s: str, events: list[Event]) -> dict | None:
    """"Tháng 4 có 30 doanh nghiệp mới, vốn 150 tỷ đồng. Lũy kế 4 tháng có 110 doanh nghiệp, vốn
    700 tỷ đồng": a sentence whose first figure, after a period, counts
    firms by their noun alone counts the new firms the paragraph spoke of, whatever subject the
    last sentence ended on (the caller asks that it spoke of them)."""
    first = next((e for e in events if e.kind in ("M", "T", "V", "C")), None)
    if (first is None or first.kind != "V" or first.data["family"] != "count"
            or first.data.get("noun") not in ("doanh nghiệp", "DN", "dn")
            or not _COUNT_ALONE_AFTER_RE.match(s, first.end)
            or not any(e.kind == "P" and e.start < first.start for e in events)):
        return None
    return {"code": "new_enterprises", "label": first.data["noun"], "scope": None, "unit": "count",
            "plan": False, "growth": False}


def _opens_without_subject(s: str, events: list[Event], subject: dict) -> bool:
    """The sentence's first figure comes before any catalogue phrase or 'trong đó', with
    nothing but periods and cue words before it ("Lũy kế 9 tháng ước đạt …"), and can be
    the subject's ("Có 52 doanh nghiệp quay lại hoạt động" after registered
    capital counts something else)."""
    for e in events:
        if e.kind == "M" or (e.kind == "T" and not e.data["by_period"]):
            return False  # ("Trong đó, quý I tăng 7,45% và quý II tăng 6,79%": the subject by period)
        if e.kind in ("V", "C"):
            if e.kind == "V" and not fits(e, subject) and _code_for_unit(subject, e) is None:
                return False
            if _periods_bracketed_first(events, e):
                return True
            return _continuation_clause(s, [x for x in events if x.start <= e.start], 0,
                                        subject["code"] if subject["code"] in _CAPITAL_CODES or subject["code"] in TRADE_CODES
                                        else None)
    return False


def _periods_bracketed_first(events: list[Event], first: Event) -> bool:
    """The sentence's first figure opens a bracket of periods' figures ("Đà tăng giữ xu hướng
    quý sau nhanh hơn quý trước (quý I tăng 4,1%, quý II tăng 5,3%, …)"): the words before
    the bracket say how the figures went, no subject of their own; the figures are the subject's by
    period."""
    before = [x for x in events if x.start < first.start]
    at = next((i for i in range(len(before) - 1, -1, -1) if before[i].kind == "X"), None)
    if at is None or before[at].data["char"] != "(" or at == len(before) - 1:
        return False
    return all(x.kind == "P" and x.data.get("spec") is not None for x in before[at + 1:])
