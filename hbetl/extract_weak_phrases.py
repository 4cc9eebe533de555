"""Weak phrases: the subjects that are one only when their figure says so, and what fits a subject.

A bare trade verb ("xuất khẩu"), "thành lập mới", a context phrase ("doanh thu") or a bare "tăng
trưởng" may name something else: a product, a market, another thing's growth.
hbetl/extract_subjects.py keeps such a phrase only when _weak_confirmed finds the first figure of its
clause in its indicator's unit (or a change in percent), with only cues, periods, bases and the
words that leave the phrase whole between; a bare "tăng trưởng" is the economy's growth only as
its clause's subject (_bare_growth_opens), and the verb of a change after another subject
(_growth_verb); an object after a verb ("giải ngân 1.900 tỷ đồng vốn đầu tư công") names the
indicator as a subject before it would (_object_named_after), as does a government as the verb's
subject ("toàn tỉnh đã giải ngân …", _disbursed_by_government). What a figure must be to fit a
subject (fits, UNIT_OF_FAMILY), the words that continue one (CONTINUATION_WORDS, WORD_RE) and an
indicator's catalogue phrases (phrases_of) are shared with the walk (hbetl/extract_walk.py, its
step modules and hbetl/extract_continuation.py, which take them from extract_events) and hbetl/extract_bases.py. This module imports nothing from the finders
at run time (Event, from extract_scan, is named for annotations only).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from hbetl.extract_plans import _RATE_IN_BRACKETS_RE, plan_share_rate
from hbetl.indicators import TRADE_CODES, Mention, find_places, load_catalogue

if TYPE_CHECKING:
    from hbetl.extract_scan import Event


# Words that may open a clause that continues the subject ("…, 6 tháng ước đạt …").
# Two or more other words before the figure mean the clause has a subject of its own
# ("sản lượng thóc 184 nghìn tấn", "thu nộp ngân sách hơn 20 triệu đồng").
_CONTINUATION_TEXT = """
    và nhưng còn song riêng tính chung cả trong đó ước đạt thực hiện là có ở mức lên tới đến
    khoảng trên hơn dưới gần xấp xỉ như chỉ vào phấn đấu dự kiến tăng giảm bằng vượt trưởng với
    toàn tỉnh địa bàn cũng đã được sẽ tiếp tục giá trị lũy kế luỹ tổng cộng này kỳ cùng
    hoàn thành năm tháng quý bình quân nhẹ mạnh thêm lượt ngày nay qua vừa đó so
    con số mức tương đương ổn định cao thấp nhiều ít chiếm
    đứng xếp vị trí thứ hạng dẫn nhất hai ba nước quốc
    tuy nhiên nếu thì cũ
"""
# (the rank line: "… tỉnh này cũng đứng thứ hai cả nước với mức tăng 13,84%", which round-ups
# write between the subject named before and its figure; the last: "however" before the same
# figure's other change, "giảm 9,1% so với tháng trước, tuy nhiên tăng 28,9% so với cùng kỳ"; a
# condition that leaves an item out, the same subject's narrower figure: "thu nội địa đạt 2.100 tỷ
# đồng, nếu trừ tiền sử dụng đất thì đạt 1.500 tỷ đồng"; "cũ" after a place, the province or district
# as it was before the 2025 merger, when a report lists the new one's total by the old units: "trong đó
# địa bàn Gia Lai cũ thu 6.100 tỷ đồng, địa bàn Bình Định cũ thu 9.500 tỷ đồng")


CONTINUATION_WORDS = frozenset(_CONTINUATION_TEXT.split())


UNIT_OF_FAMILY = {"money": "billion_vnd", "usd": "million_usd", "visits": "visits", "tonnes": "tonnes",
                   "kwh": "million_kwh", "count": "count", "percent": "percent"}


# Count nouns that can carry each count indicator ("7 vụ", "120 doanh nghiệp").
_COUNT_NOUNS_OF = {
    "market_violations": {"vụ", "vụ việc", "trường hợp"},
    "counterfeit_violations": {"vụ", "vụ việc", "trường hợp"},
    "new_enterprises": {"doanh nghiệp", "dn"},
}


_DEFAULT_COUNT_NOUNS = {"vụ", "doanh nghiệp", "dự án", "hộ"}


WORD_RE = re.compile(r"\w+")


# Words after a bare trade verb that still leave it naming the whole trade flow
# ("xuất khẩu của cả nước 7 tháng ước đạt …"); any other word makes it a product or a
# market ("xuất khẩu gạo", "xuất khẩu sang Mỹ"), which is not the indicator. "tín dụng đạt mốc
# 6,7 triệu tỷ đồng", "xuất khẩu vượt mốc 300 tỷ USD": a milestone is the level itself, so is a
# record ("xuất nhập khẩu sẽ đạt mốc kỷ lục mới 700 tỷ USD", "xuất khẩu đạt kỷ lục 54 tỷ USD"), and so
# is a mark reached by the verbs reporters use for it ("xuất khẩu của tỉnh … đã cán mốc trên 1 tỉ USD",
# "chạm mốc"; hbetl/extract_levels.py's _REACHED_MARK_BEFORE_RE).
_WEAK_FOLLOW_WORDS = CONTINUATION_WORDS | {"của", "nước", "việt", "nam", "tỉnh", "thành", "phố", "hàng", "hóa",
                                            "hoá", "dịch", "vụ", "hệ", "thống", "nền", "kinh", "tế", "mốc",
                                            "kỷ", "lục", "cán", "chạm"}
# After a trade verb "mới" is "only" ("xuất khẩu mới đạt 45% kế hoạch"); after "cho vay" it is new
# lending ("cho vay mới 215,4 tỷ đồng"), no balance.
_TRADE_FOLLOW_WORDS = _WEAK_FOLLOW_WORDS | {"mới"}
# Bare "tín dụng" is the whole of credit where it is said to be ("Tín dụng tại TPHCM đến cuối tháng 5
# tăng 1,93%", "tín dụng toàn nền kinh tế tăng 6,63%", "tín dụng chung trên địa bàn tăng 2,62%"); a
# split names what it is for ("tín dụng bất động sản", "tín dụng tiêu dùng"), no word of these. How
# it grew may stand before the rate: "tín dụng hết tháng 6 tăng trưởng tốt (+10,74%) so với cuối năm".
_CREDIT_FOLLOW_WORDS = _WEAK_FOLLOW_WORDS | {"tại", "toàn", "chung", "cả", "tốt", "khá", "mạnh", "nhanh"}


# What one programme lent ("cho vay 3.614 tỷ đồng trong chương trình kết nối ngân hàng - doanh
# nghiệp", "theo chương trình tín dụng ưu đãi") is not the credit outstanding (Conventions).
_PROGRAMME_AFTER_RE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:cho\s+[^,;:()]{1,40}?\s+)?(?:trong|theo|thuộc|từ)\s+(?:khuôn\s+khổ\s+)?(?:các\s+)?chương\s+trình",
    re.IGNORECASE)


# Nouns a trade verb modifies rather than names a flow ("doanh nghiệp xuất khẩu", "thuế nhập khẩu").
_WEAK_NOT_AFTER_RE = re.compile(
    r"(?<!\w)(?:doanh\s+nghiệp|DN|(?<!ngân\s)hàng|mặt\s+hàng|sản\s+phẩm|thuế|giá|thị\s+trường|lao\s+động|công\s+ty|"
    r"đơn\s+vị|cơ\s+sở|nhà|hoạt\s+động|chế\s+biến|tạm|hợp\s+đồng|hạn\s+ngạch|cửa\s+khẩu|"
    # "doanh số cho vay", "giải ngân cho vay", "lãi suất cho vay": not the loans outstanding.
    r"doanh\s+số|giải\s+ngân|lãi\s+suất|dư\s+nợ|vốn|gói|chương\s+trình|tổ\s+chức|quỹ|hạn\s+mức|thẻ|room|giới\s+hạn|rủi\s+ro|chất\s+lượng|"
    # "khu vực kinh tế nhà nước", "các ngành kinh tế", "hiệu quả kinh tế": not the economy's growth.
    r"ngành|khu\s+vực|thành\s+phần|vùng|hiệu\s+quả|phát\s+triển|cơ\s+cấu|quy\s+mô|"
    # "vượt tốc độ tăng trưởng so với kế hoạch là 7,5%", "cao hơn tốc độ tăng trưởng …": the rate
    # compared with, not a subject of its own.
    r"vượt|hơn|so\s+với|bằng|"
    # "điện cho sản xuất công nghiệp tăng 9,5%", "vốn phục vụ xuất khẩu": what serves the activity.
    r"cho|phục\s+vụ|"
    # "lượng xuất khẩu tăng hơn 22%", "sản lượng xuất khẩu đạt 311.096 tấn": the goods' volume, not the turnover.
    r"lượng)\s*$",
    re.IGNORECASE,
)


# Words after a context phrase that leave it naming the whole ("tổng doanh thu toàn ngành",
# "doanh thu trên lĩnh vực này"); any other ("doanh thu dịch vụ lưu trú") names a part.
_CONTEXT_FOLLOW_WORDS = CONTINUATION_WORDS | {"của", "ngành", "toàn", "lĩnh", "vực", "tỉnh", "từ", "khách"}


@cache
def _context_follow_words(code: str) -> frozenset[str]:
    """_CONTEXT_FOLLOW_WORDS and the words of the indicator's own phrases ("giải ngân vốn đầu tư
    công kế hoạch 9 tháng đạt …" restates what "giải ngân kế hoạch vốn đầu tư công" names)."""
    return _CONTEXT_FOLLOW_WORDS | {w for phrase in phrases_of(code) for w in phrase.lower().split()}


# "cả nước ước giải ngân 320.566,5 tỷ đồng vốn đầu tư công": a verb, its amount, then what was
# spent; the object after the amount names the indicator as a subject before it would. So does
# the share of the capital plan the government assigned ("toàn tỉnh giải ngân được 1.123,7 tỷ
# đồng, đạt 34,7% kế hoạch Trung ương giao", "… bằng 54% kế hoạch vốn Thủ tướng Chính phủ giao").
_OBJECT_AFTER = {
    # (Or the object right after the verb's noun, before any amount: "tổng giá trị giải ngân vốn đầu tư công
    # của huyện là …", "giải ngân nguồn vốn đầu tư công được …", a disbursement's head and the capital it pays out.)
    "public_investment_disbursed": re.compile(r"\s+(?:nguồn\s+)?vốn\s+đầu\s+tư\s+công(?!\w)"
                                              r"|\s*(?:khoảng|hơn|trên|gần|được)?\s*\d[\d.,]*\s*(?:nghìn\s+|triệu\s+)?t[ỷỉ]\s+đồng"
                                              r"(?:\s+(?:kế\s+hoạch\s+)?vốn\s+đầu\s+tư\s+công(?!\w)"
                                              r"|\s*,\s*(?:đạt|bằng)\s+\d[\d.,]*\s*%\s+(?:kế\s+hoạch|KH)(?:\s+vốn)?"
                                              # "… đạt 45% kế hoạch vốn đầu tư công năm 2024": the plan named as public investment's.
                                              r"(?:(?:\s+[^\W\d]+){0,4}?\s+giao|\s+đầu\s+tư\s+công)(?!\w))"
                                              # "tỉnh mới giải ngân được 45,6% kế hoạch vốn", "giải ngân đạt 100% kế hoạch
                                              # đầu tư công năm 2023": the share of the capital plan.
                                              r"|\s*(?:được\s+|đạt\s+)?(?:khoảng\s+|hơn\s+|trên\s+|gần\s+)?\d[\d.,]*\s*%\s+(?:kế\s+hoạch|KH)"
                                              r"\s+(?:vốn|đầu\s+tư\s+công)(?!\w)",
                                              re.IGNORECASE),
}


# "nguồn vốn đầu tư công tại tỉnh mới chỉ giải ngân được khoảng 26%", "tổng vốn đầu tư công năm
# 2023 là 5.400 tỷ đồng; đến 30/6 đã giải ngân 1.900 tỷ đồng": the capital named earlier in the
# sentence, the verb after it.
_OBJECT_BEFORE = {
    "public_investment_disbursed": re.compile(r"vốn\s+đầu\s+tư\s+công(?!\w)", re.IGNORECASE),
}


# "Đà Nẵng mới giải ngân được khoảng 7.760 tỷ đồng", "toàn tỉnh đã giải ngân hơn 5.583 tỷ đồng", "tỉnh Đồng
# Nai đã giải ngân đạt gần 16.000 tỷ đồng": the verb's subject is a government (a province or city by its
# name, "tỉnh", "thành phố", "huyện", "cả nước"), whose disbursing is its public investment, as provincial
# papers and portals write it with no "vốn đầu tư công" in the clause. The adverbs between ("đã", "mới",
# "chỉ") are skipped; a lender in the clause ("ngân hàng", "cho vay") disburses credit, not capital.
_ADVERBS_BEFORE_VERB_RE = re.compile(r"(?:\s+(?:đã|mới|chỉ|cũng|ước|vẫn|đến\s+nay|hiện))*\s+$", re.IGNORECASE)
_GOVERNMENT_RE = re.compile(r"(?<!\w)(?:(?:toàn\s+)?(?:tỉnh|thành\s+phố|huyện|thị\s+xã)|TP\.?|cả\s+nước)$", re.IGNORECASE)
_LENDER_RE = re.compile(r"ngân\s+hàng|NHCSXH|Agribank|cho\s+vay|tín\s+dụng|(?<!\w)quỹ(?!\w)", re.IGNORECASE)


def _disbursed_by_government(s: str, m: Event) -> bool:
    if m.data["code"] != "public_investment_disbursed" or not s.startswith("giải ngân", m.start):
        return False
    adverbs = _ADVERBS_BEFORE_VERB_RE.search(s, max(0, m.start - 40), m.start)
    end = adverbs.start() if adverbs else m.start
    clause_start = max(s.rfind(",", 0, m.start), s.rfind(";", 0, m.start), 0)
    clause_end = s.find(";", m.end)
    if _LENDER_RE.search(s, clause_start, clause_end if clause_end >= 0 else len(s)):
        return False
    if _GOVERNMENT_RE.search(s, max(0, end - 20), end):
        return True
    before = s[max(0, end - 40):end]
    return any(p.end() == len(before) for p in find_places(before))


# "Ngành du lịch ghi nhận tổng thu đạt 190.000 tỷ đồng", "du lịch Khánh Hòa đạt doanh thu hơn 5.900 tỷ
# đồng": the tourism trade named as the clause's subject, then its verb, then a bare revenue head ("doanh
# thu", "tổng doanh thu", "tổng thu"): what tourism took, as year reviews and tourism departments write it
# with the trade first (the catalogue's phrases put it after the head: "doanh thu du lịch"). A place or a
# few words may stand between the trade and the verb ("du lịch TP Hồ Chí Minh", "ngành du lịch tỉnh");
# nothing that closes the clause. Not a firm's or a site's takings ("doanh nghiệp du lịch", "khu du lịch
# … đạt doanh thu"): one business is no province's tourism.
_TOURISM_EARNS_BEFORE_RE = re.compile(
    r"(?<!\w)du\s+lịch(?:\s+[^\W\d][^,;:()\d]{0,30}?)?"
    r"(?:\s+(?:đã|cũng|vẫn))?\s+(?:ghi\s+nhận|(?:ước\s+)?đạt|mang\s+về|thu\s+về)\s+$", re.IGNORECASE)
_TOURISM_BUSINESS_BEFORE_RE = re.compile(
    r"(?<!\w)(?:doanh\s+nghiệp|công\s+ty|cơ\s+sở|đơn\s+vị|khu|điểm|lữ\s+hành,?)\s+$", re.IGNORECASE)


# "hoạt động du lịch phục hồi, với tổng thu …", "ngành du lịch khá lên với doanh thu …":
# the trade as the clause's subject, how it fared, then "với" and the bare head: the take the
# trade fared with, its own. The trade named as such ("ngành", "hoạt động", "lĩnh vực") or opening its
# clause, not a thing of it ("dự án du lịch với tổng thu …"); no figure between (a change's base, "so với",
# "đối với", "cùng với", is no "với" of what the subject has).
_TOURISM_FARES_WITH_BEFORE_RE = re.compile(
    r"(?:(?<!\w)(?:ngành|hoạt\s+động|lĩnh\s+vực)\s+|^|(?<=[,;:] ))du\s+lịch(?:\s+[^\W\d][^;:()\d]{0,40}?)?,?\s+(?<!so\s)(?<!đối\s)(?<!cùng\s)với\s+$", re.IGNORECASE)


def _earned_by_tourism(s: str, m: Event) -> bool:
    if m.data["code"] != "tourism_revenue" or "du lịch" not in s[max(0, m.start - 60):m.start].lower():
        return False
    trade = _TOURISM_EARNS_BEFORE_RE.search(s, max(0, m.start - 60), m.start)
    if trade is None and s.endswith(("với ", "Với "), 0, m.start):
        trade = _TOURISM_FARES_WITH_BEFORE_RE.search(s, max(0, m.start - 60), m.start)
    return trade is not None and _TOURISM_BUSINESS_BEFORE_RE.search(s, max(0, trade.start() - 20), trade.start()) is None


def _object_named_after(s: str, m: Event) -> bool:
    rx = _OBJECT_AFTER.get(m.data["code"])
    if rx is not None and rx.match(s, m.end):
        return True
    if _disbursed_by_government(s, m) or _earned_by_tourism(s, m):
        return True
    rx = _OBJECT_BEFORE.get(m.data["code"])
    return rx is not None and s.find("công", 0, m.start) >= 0 and bool(rx.search(s, 0, m.start))


_ABOUT_HEADING_RE = re.compile(r"\s*[Vv]ề\s+")


# A rank right before a bracket: "đứng thứ 2 cả nước (12,76%)", "cao nhất vùng (9,1%)".
_RANK_RIGHT_BEFORE_BRACKET_RE = re.compile(
    r"(?<!\w)(?:nhất|đầu|thứ\s+\w+)(?:\s+(?:trên\s+|trong\s+)?(?:cả\s+nước|toàn\s+quốc|vùng|khu\s+vực))?\s*$", re.IGNORECASE)


# "mặt hàng gạo của Việt Nam xuất khẩu trong tháng 5 tăng 47% về lượng": goods named as the clause's
# subject before a bare trade verb; the figures are that product's exports, a split (Conventions).
# So is a class of farm, forest or fish goods right before the verb, as provinces report the produce
# they sell abroad: "giá trị nông sản xuất khẩu", "trị giá hàng hóa nông sản tham gia xuất khẩu",
# "nông, lâm, thủy sản xuất khẩu" (the class after the verb is extract_splits' _BRANCH_AFTER_RE's).
_GOODS_BEFORE_VERB_RE = re.compile(
    r"(?<!\w)(?:(?:mặt\s+hàng|nhóm\s+hàng|ngành\s+hàng)\s+[^,;:()\d]{1,40}"
    r"|(?:nông|lâm|thủy|thuỷ)(?:\s*,?\s+(?:lâm|thủy|thuỷ|hải))*\s+sản(?:\s+(?:tham\s+gia|được))?\s+)$", re.IGNORECASE)


_TRADE_HEADING_FOLLOW_WORDS = frozenset({"kim", "ngạch"})


def _revenue_the_visits_yield(m: Event, not_after: re.Match[str]) -> bool:
    """The "cho" before the tourism revenue named bare is the verb of what the visits yield ("120.000
    lượt khách, …, cho tổng doanh thu 310 tỉ đồng"), not what an activity serves ("điện cho
    sản xuất")."""
    return m.data["code"] == "tourism_revenue" and not_after.group(0).startswith("cho")


def _weak_confirmed(s: str, m: Event, events: list[Event]) -> bool:
    """A weak phrase (a bare trade verb, "thành lập mới") or a context phrase is the subject
    when the first figure of its clause is a level in its indicator's unit or a change in
    percent, with only cue words, periods and bases between."""
    not_after = _WEAK_NOT_AFTER_RE.search(s[max(0, m.start - 20):m.start])
    if not_after is not None and not _revenue_the_visits_yield(m, not_after):
        return False
    if m.data["code"] in TRADE_CODES and _GOODS_BEFORE_VERB_RE.search(s, max(0, m.start - 50), m.start):
        return False
    if not _bare_growth_opens(s, m, events):
        return False
    follow = (_context_follow_words(m.data["code"]) if m.data["needs"]
              else _CREDIT_FOLLOW_WORDS if m.data["code"] == "credit_outstanding"
              else _TRADE_FOLLOW_WORDS if m.data["code"] in TRADE_CODES else _WEAK_FOLLOW_WORDS)
    own = {"code": m.data["code"], "unit": load_catalogue()[m.data["code"]].unit}
    cues: list[tuple[int, int]] = []
    # "Về doanh thu, quý II cả ngành ước đạt 1.150 tỷ đồng": a sentence that opens
    # on its topic ("Về …,") speaks of it past the comma.
    # So does a bare trade verb: "Về xuất khẩu, kim ngạch tháng 5 ước đạt 120 triệu USD", "Về nhập khẩu,
    # quý I ước đạt 215,4 triệu USD" (the turnover, named bare or not at all, past the comma).
    heading = ((m.data["needs"] is not None or m.data["code"] in TRADE_CODES)
               and bool(_ABOUT_HEADING_RE.fullmatch(s, 0, m.start)))
    if heading and not m.data["needs"]:
        follow = follow | _TRADE_HEADING_FOLLOW_WORDS
    place_end = -1
    fared = False
    for e in events:
        if e.start < m.end:
            continue
        if (e.kind == "X" and e.data["char"] == "(" and place_end >= 0 and own["code"] == "grdp_growth"
                and not s[place_end:e.start].strip()):
            continue  # "dẫn đầu về tăng trưởng quý I là Bắc Giang (13,82%)": the place's rate, in brackets after its name
        if (e.kind == "X" and e.data["char"] == "(" and own["code"] == "grdp_growth"
                and _RANK_RIGHT_BEFORE_BRACKET_RE.search(s, max(0, e.start - 40), e.start)):
            continue  # "có tốc độ tăng trưởng quý I đứng thứ 2 cả nước (12,76%)": the rate the rank is by
        if e.kind == "T" and e.data.get("by_place") and own["code"] == "grdp_growth":
            cues.append((e.start - m.end, e.end - m.end))
            continue  # "Các địa phương có mức tăng trưởng cao trong quý I gồm Bắc Giang (13,82%), …": places listed
        if heading and e.kind == "X" and e.data["char"] == "," and s[m.end:e.start].strip() == "":
            cues.append((e.start - m.end, e.end - m.end))
            heading = False
            continue
        if (e.kind == "X" and e.data["char"] == "(" and cues and not s[m.end + cues[-1][1]:e.start].strip()
                and _RATE_IN_BRACKETS_RE.match(s, e.start) and s[m.end + cues[-1][0]:m.end + cues[-1][1]].lower().endswith(("bản", "ra"))):
            continue  # "… đạt mục tiêu theo kịch bản đề ra (7,3%)": the scenario's rate
        if e.kind == "X" and e.data["char"] == "(" and own["code"] == "grdp_growth" and _years_listed_after(events, e):
            return True  # "Tăng trưởng 6 tháng đầu năm nay cao hơn các năm trước (2001 tăng 7,1%; …)"
        if e.kind == "M" and e.data["code"] == own["code"] == "grdp_growth" and "(" in s:
            continue  # "… cao hơn hẳn mức tăng trưởng 6 tháng đầu các năm trước (2001 …": the same growth compared
        if e.kind == "X" and e.data["char"] == "," and own["code"] == "grdp_growth" and _says_how_it_grew(s, m.end, e.start, cues):
            cues.append((0, e.end - m.end))  # "đạt mức tăng trưởng cao, ước tăng 9,46%"
            continue
        if own["code"] == "iip" and e.kind == "M" and e.data["code"] == "grdp_growth" and e.data["weak"]:
            continue  # "… tiếp tục xu hướng tăng trưởng tích cực, …": the trend's words, read at the comma below
        if e.kind == "X" and e.data["char"] == "," and own["code"] == "iip" and _says_how_it_fared(s, m.end, e.start, cues, follow):
            cues.append((0, e.end - m.end))  # "sản xuất công nghiệp tháng 4 tiếp tục xu hướng tăng trưởng tích cực, ước tính tăng 0,8%"
            fared = True  # (the index's change must follow: a percent level after a trend is no figure of it)
            continue
        if (e.kind == "X" and e.data["char"] == "(" and own["code"] == "grdp_growth" and _says_how_it_grew(s, m.end, e.start)
                and _RATE_IN_BRACKETS_RE.match(s, e.start)):
            cues.append((0, e.end - m.end))  # "tăng trưởng cao nhất từ trước đến nay (13,9%)": the judged rate, in brackets
            continue
        if e.kind == "M" and m.data["needs"] and e.data.get("value_first") and e.data["code"] == own["code"]:
            continue  # "mang về 5.000 tỷ đồng doanh thu": the figure, written with its own noun after it
        if e.kind in ("X", "M", "T"):
            return False
        # "tốc độ tăng trưởng quý 2/2021 của Long An đã tăng 5,36%": the place whose figure it is.
        if e.kind in ("P", "K", "S", "B", "L"):
            cues.append((e.start - m.end, e.end - m.end))
            if e.kind == "L":
                place_end = e.end
            continue
        if e.kind in ("V", "C"):
            if e.kind == "V" and (fared or not (fits(e, own) or plan_share_rate(e, own))):
                return False
            if fared and e.data.get("level_if_percent"):
                return False  # "… tăng trưởng khá, đạt 7,2%": a bare percent, no change the trend names
            if e.kind == "C" and e.data.get("compared_spec") is not None and own["code"] == "grdp_growth":
                return True  # "Mức tăng trưởng trong quý III … cải thiện hơn so với quý I là 3,28%": the growth compared
            if e.kind == "C" and e.data.get("field") is None:
                return False
            if e.kind == "V" and "trình" in s and _PROGRAMME_AFTER_RE.match(s, e.end):
                return False  # "đã cho vay khoảng 3.614 tỷ đồng trong chương trình kết nối …": one programme's loans
            words = _words_between(s, m.end, e.start, cues)
            if words and words[-1] == "từ" and own["code"] == "grdp_growth" and e.kind == "V" and e.data.get("qualifier") == "over":
                words.pop()  # "mục tiêu tăng trưởng cả năm 2024 là từ 10% trở lên": a floor, as 'đạt … trở lên'
            # "năm 2022 tăng trưởng đột phá 20,7%", "kinh tế tỉnh tăng trưởng mạnh 9%": the economy's
            # growth judged in words before its rate (the verb "tăng trưởng" between, after "kinh tế").
            return all(w in follow or (own["code"] == "grdp_growth" and (w in _HOW_IT_GREW_WORDS or w in _GROWTH_VERB_WORDS))
                       for w in words)
    return False


# How the economy grew, said in words before its rate after a comma: "đạt mức tăng trưởng cao, ước
# tăng 9,46%", "tăng trưởng khá, đạt 7,2%", "duy trì tăng trưởng nhanh và bền vững, … đạt 10%".
_HOW_IT_GREW_WORDS = frozenset({"cao", "khá", "nhanh", "tốt", "ổn", "định", "bền", "vững", "tích", "cực", "ấn", "tượng",
                                "mạnh", "mẽ", "vượt", "bậc", "và", "rất", "nhất", "tương", "đối", "dương", "hợp",
                                "lý", "liên", "tục", "toàn", "diện", "đều", "đột", "phá",
                                # the best ever: "tăng trưởng cao nhất từ trước đến nay (13,9%)"
                                "từ", "trước", "đến", "nay",
                                # "có tốc độ tăng trưởng cao nhất cả nước, mức 13,82%": how it ranks;
                                # "là tỉnh có tốc độ tăng trưởng dẫn đầu cả nước, đạt 14,4%", "đứng đầu …".
                                "cả", "nước", "vùng", "khu", "vực", "trong", "dẫn", "đứng", "đầu"})


_GROWTH_VERB_WORDS = frozenset({"tăng", "trưởng"})  # (the bare growth, _BARE_GROWTH, as a verb)


def _years_listed_after(events: list[Event], bracket: Event) -> bool:
    """Whether a bracket opens on a listed year (_bare_years_listed): the growth's other years."""
    i = events.index(bracket)
    return i + 1 < len(events) and events[i + 1].kind == "P" and bool(events[i + 1].data.get("listed"))


def _words_between(s: str, start: int, end: int, blanks: list[tuple[int, int]]) -> list[str]:
    """The words of ``s[start:end]``, lower-cased and numbers left out, with the ``blanks`` (spans
    counted from ``start``: the cues, periods and places already read there) blanked: what else is
    written between two events."""
    between = list(s[start:end])
    for a, b in blanks:
        between[a:b] = " " * (min(b, len(between)) - a)
    return [w for w in WORD_RE.findall("".join(between).lower()) if not w.isdigit()]


# Whose growth it is and how it ranks, between the growth and the judging clause's end: "tăng trưởng quý
# II của thành phố xếp thứ 4 toàn quốc, đạt 9,2%", "… cao thứ 5, thứ 2 trong vùng …, ước 9%" (the rank's
# number is left out with the other numbers; the period and the place are the cues read).
_WHOSE_AND_RANK_WORDS = frozenset({"của", "tỉnh", "thành", "phố", "quốc", "thứ", "xếp", "hạng", "vị", "trí"})


def _says_how_it_grew(s: str, start: int, end: int, cues: list[tuple[int, int]] | None = None) -> bool:
    """Only words that judge or rank the growth (_HOW_IT_GREW_WORDS) between ``start`` and ``end``,
    at least one; with the ``cues`` read there (its period, its place) left out, also whose it is and
    its rank (_WHOSE_AND_RANK_WORDS), at least one word of either."""
    if cues is None:
        words = WORD_RE.findall(s[start:end].lower())
        return bool(words) and all(w in _HOW_IT_GREW_WORDS for w in words)
    words = _words_between(s, start, end, cues)
    if not all(w in _HOW_IT_GREW_WORDS or w in _WHOSE_AND_RANK_WORDS for w in words) and "thứ" in words:
        # "thứ 2 trong vùng Tây Nguyên": the region a rank is within (no place event of its
        # own: extract_frame's _RANKED_WITHIN_RE) names where it ranks, no other subject.
        regions = [(m.start() - start, m.end() - start) for m in find_places(s[:end]) if m.start() >= start]
        words = _words_between(s, start, end, cues + regions)
    return bool(words) and all(w in _HOW_IT_GREW_WORDS or w in _WHOSE_AND_RANK_WORDS for w in words)


# How industrial production fared, said in words between its bare name and a comma, its index's
# change after it: "sản xuất công nghiệp tháng 5 tiếp tục xu hướng phục hồi, ước tính tăng 4% so
# với tháng trước", "… tiếp tục đà tăng trưởng tích cực, tăng 6,3%" (the statistics office's own
# wording of a month, as papers quote it). A clause of anything else ("… gặp khó khăn do thiếu đơn
# hàng, …") is no trend and names no figure of the index.
_HOW_IT_FARED_WORDS = _HOW_IT_GREW_WORDS | frozenset({
    "tiếp", "tục", "xu", "hướng", "đà", "duy", "trì", "giữ", "phục", "hồi", "khởi", "sắc", "tăng", "trưởng", "mức"})


def _says_how_it_fared(s: str, start: int, end: int, cues: list[tuple[int, int]], follow: frozenset[str] | set[str]) -> bool:
    """Only trend words (_HOW_IT_FARED_WORDS) and words that leave the phrase whole (``follow``,
    "của tỉnh", "trên địa bàn") between ``start`` and ``end``, the cues found there (its period, an
    estimate's word) left out; at least one of them a word of the trend itself."""
    words = _words_between(s, start, end, cues)
    return (any(w in _HOW_IT_FARED_WORDS and w not in follow for w in words)
            and all(w in _HOW_IT_FARED_WORDS or w in follow for w in words))


# Bare "tăng trưởng" is the economy's growth only as the subject of its clause: opening it
# ("Tăng trưởng 9 tháng của thành phố ước đạt 7,3%") or after the place that grows ("TP HCM tăng
# trưởng 6,5%"). After another noun it is that thing's growth ("điện cấp cho công nghiệp tăng
# trưởng 13,5%", "tỉnh dẫn đầu tăng trưởng hơn 14%"). (The catalogue's longer phrases, "tăng
# trưởng kinh tế", "tăng trưởng tín dụng", are matched before it.)
_BARE_GROWTH = "tăng trưởng"


_GROWTH_OPENING_WORDS = frozenset({"của", "tỉnh", "thành", "phố", "tp", "nền", "kinh", "tế", "toàn", "cả", "nước",
                                   "việt", "nam", "đạt", "có", "với", "mức", "trong", "riêng", "còn", "thì",
                                   "chung", "tính", "về", "nhìn", "và", "quý", "năm", "tháng", "đầu", "nếu",
                                   "là", "địa", "phương",
                                   # a rank before it: "Bắc Giang đứng thứ hai cả nước với mức tăng trưởng
                                   # 13,84%", "tỉnh này cũng xếp vị trí thứ ba toàn quốc với mức tăng trưởng …"
                                   "đứng", "xếp", "vị", "trí", "thứ", "dẫn", "nhất", "hai", "ba", "tư", "bốn",
                                   "sáu", "bảy", "tám", "chín", "mười", "quốc", "vùng", "khu", "vực",
                                   "này", "cũng",
                                   # the ranked named as worth naming: "trong đó phải kể đến 5 địa phương
                                   # dẫn đầu cả nước về tăng trưởng là Bắc Giang 13,82%; …"
                                   "phải", "kể", "đến",
                                   # places named in the plural: "Các địa phương có mức tăng trưởng cao … gồm"
                                   "các", "những",
                                   # "tiếp tục" (continues) between the economy and its growth: "kinh tế
                                   # Bình Phước tiếp tục tăng trưởng khá, ước đạt …"
                                   "tiếp", "tục",
                                   # the period reached next: "sang năm 2023 kinh tế tỉnh tăng trưởng …"
                                   "sang"})


# (Not a count of months: "Tăng trưởng 9 tháng đầu năm ước đạt 7,5%" names the economy's growth.)
_NUMBER_NEXT_RE = re.compile(r"\s*(?:âm\s+|hơn\s+|gần\s+|khoảng\s+)?\d(?!\d*\s*tháng(?!\w))")


def _growth_verb(low: str, mt: Mention, mentions: list[Event]) -> bool:
    """Whether a bare "tăng trưởng" is the verb of a change (its words left to CHANGE_RE) rather
    than the economy's growth: after another subject ("Kim ngạch xuất khẩu đạt 2,1 tỷ USD, tăng
    trưởng 12%"), or right before its figure with nothing in its clause before it, continuing the
    last sentence's subject ("… ước đạt 20.000 tỷ đồng. Tăng trưởng 10,5% so với cùng kỳ")."""
    if " ".join(low[mt.start:mt.end].split()) != _BARE_GROWTH:
        return False
    if any(m.data["code"] != "grdp_growth" for m in mentions):
        return True
    if not _NUMBER_NEXT_RE.match(low, mt.end):
        return False
    if _GOAL_RIGHT_BEFORE_RE.search(low, max(0, mt.start - 12), mt.start):
        return False  # "Nền kinh tế hướng tới mục tiêu tăng trưởng 6,7%": the goal's growth, the economy's
    clause = max(low.rfind(c, 0, mt.start) for c in ",;:(")
    if mentions and mentions[-1].end > clause:
        return True  # "tổng sản phẩm trên địa bàn (GRDP) tăng trưởng âm 2,5%": the growth named, its verb
    return low[clause + 1:mt.start].strip() in ("", "và", "với")


def _bare_growth_opens(s: str, m: Event, events: list[Event]) -> bool:
    """Whether a bare "tăng trưởng" ``m`` is its clause's subject: before it in the clause, only
    places, periods, cues and the words _GROWTH_OPENING_WORDS."""
    if m.data["code"] != "grdp_growth" or " ".join(s[m.start:m.end].lower().split()) != _BARE_GROWTH:
        return True  # "tốc độ tăng trưởng", "kinh tế": the economy's whatever comes before
    if _GOAL_RIGHT_BEFORE_RE.search(s, max(0, m.start - 12), m.start):
        return True  # "để đạt mục tiêu tăng trưởng 8% năm 2025": a goal of growth, named no other way, is the economy's
    if "đầu" in s and _RANK_WITH_RIGHT_BEFORE_RE.search(s, max(0, m.start - 40), m.start) and any(
            e.kind == "L" and e.end <= m.start for e in events):
        return True  # "Bắc Giang dẫn đầu với mức tăng trưởng 13,9%": the place ranked first, by its economy's growth
    if _COMPARED_WITH_RIGHT_BEFORE_RE.search(s, max(0, m.start - 16), m.start) and any(
            e.start > m.end and e.kind == "C" and e.data.get("compared_spec") is not None for e in events):
        # "cao hơn so với mức tăng trưởng năm 2022 là 6,1%" (no other
        # indicator in the sentence): the economy's growth compared with, of its period.
        return True
    start = 0
    blank: list[tuple[int, int]] = []
    for e in events:
        if e.start >= m.start:
            break
        if e.kind in ("X", "V", "C", "T"):
            start, blank = e.end, []
        elif e.kind in ("P", "K", "L", "B"):
            blank.append((e.start - start, e.end - start))
    if not all(w in _GROWTH_OPENING_WORDS for w in _words_between(s, start, m.start, blank)):
        return False
    # Whose or when: a period or a place from the clause's start to the figure ("Tăng trưởng quý I
    # ước đạt 8,35%", "TP HCM tăng trưởng 6,5%", "tăng trưởng của tỉnh"). With neither, "Mức tăng
    # trưởng đạt 11% so với cùng kỳ" after a sentence on retail sales is that figure's growth.
    for e in events:
        if e.start >= start and e.kind in ("P", "L"):
            return True
        if e.start > m.end and e.kind in ("V", "C", "X"):
            break
    if start and (_opened_by_period(s, events, start) or _ECONOMY_BEFORE_RE.search(s, 0, start)):
        # "Năm 2022, tăng trưởng ước đạt 8%": a sentence opened by its period alone; "năm 2022, phát
        # triển kinh tế tiếp tục là điểm sáng, tăng trưởng cao nhất …": the economy named in a clause
        # before (another subject there makes the growth its verb, _growth_verb).
        return True
    return bool(_GROWTH_OWNER_RE.search(s, start, m.end + 30))


_ECONOMY_BEFORE_RE = re.compile(r"(?<!\w)kinh\s+tế(?!\w)", re.IGNORECASE)


def _opened_by_period(s: str, events: list[Event], end: int) -> bool:
    """Whether ``s[:end]`` is a period and its clause's opening words only ("Năm 2022,", "Trong quý I, ")."""
    spans = [(e.start, e.end) for e in events if e.end <= end and e.kind in ("P", "K")]
    if not any(s[a:b].strip() for a, b in spans) or not any(e.kind == "P" and e.end <= end for e in events):
        return False
    return all(w in _GROWTH_OPENING_WORDS for w in _words_between(s, 0, end, spans))


_COMPARED_WITH_RIGHT_BEFORE_RE = re.compile(r"(?<!\w)so\s+với\s+(?:mức\s+)?$", re.IGNORECASE)


# (Only by "với": "tỉnh dẫn đầu tăng trưởng hơn 14%" may lead in another thing's growth.)
_RANK_WITH_RIGHT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:dẫn|đứng)\s+đầu(?:\s+(?:cả\s+nước|toàn\s+quốc))?\s*,?\s+với\s+(?:mức\s+)?$", re.IGNORECASE)


_GOAL_RIGHT_BEFORE_RE = re.compile(r"(?<!\w)(?:mục\s+tiêu|chỉ\s+tiêu|kịch\s+bản)\s+$", re.IGNORECASE)


_GROWTH_OWNER_RE = re.compile(r"(?<!\w)(?:tỉnh|thành\s+phố|kinh\s+tế|cả\s+nước|toàn\s+quốc)(?!\w)", re.IGNORECASE)


def fits(ev: Event, subject: dict) -> bool:
    unit = subject["unit"]
    family = ev.data["family"]
    if family == "percent":
        return unit == "percent" and ev.data["percent_cue"]
    if family == "bare":
        return unit == "visits" or (subject["code"] == "new_enterprises" and ev.data.get("closed", False))
    if family == "number":
        return unit == "count"
    if family == "count" and unit == "visits":
        # "lượt khách ước đạt 5,48 triệu người", "khách sử dụng dịch vụ lưu trú đạt khoảng 400.000 người":
        # visitors counted by head, as reports also write them.
        return ev.data["noun"] == "người"
    if UNIT_OF_FAMILY.get(family) != unit:
        return False
    if family == "count":
        return ev.data["noun"] in _COUNT_NOUNS_OF.get(subject["code"], _DEFAULT_COUNT_NOUNS) and not ev.data.get("other_firms")
    return True


def phrases_of(code: str) -> tuple[str, ...]:
    return load_catalogue()[code].phrases
