"""Subjects: the catalogue phrases (M) of a sentence, and the asides (A) after which a figure is no total.

A phrase of the catalogue (hbetl/indicators.py) names a record's subject: "kim ngạch xuất
khẩu", "7 vụ vi phạm".  _mention_events keeps each one found and marks "foreign" those that
name a split or no total ("xuất khẩu sang Mỹ", "khách đến từ châu Á", a sector, a group of
goods, the capital of projects that left); _drop_unconfirmed_mentions, the last pass of
find_events (hbetl/extract_events.py), drops a weak or context phrase the sentence does not
back.  An aside (A) says the figures after it, to the end of its clause, are no total of the
period: a total since ever ("lũy kế đến nay", counts_since_ever), an average ("bình quân mỗi
tháng").  The phrases the catalogue does not hold, read from the words around them
(project_capital_mentions, place_growth_mentions), are here too; hbetl/extract.py and the
walk of hbetl/extract_walk.py take them from extract_events, which re-exports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter

from hbetl.extract_levels import _OTHER_FIRMS_AFTER_RE
from hbetl.extract_scan import PARTS_OPENING, Event, _Scan, overlaps
from hbetl.extract_splits import (
    _OTHER_ENFORCEMENT_RE,
    BREACH_KINDS,
    _capital_of_new_firms,
    _lends_for_a_purpose,
    _names_a_sector,
    _names_no_budget_total,
    _names_no_total,
    borrowers_balance,
    found_no_market_breach,
    names_a_branch,
    one_banks_balance,
)
from hbetl.extract_weak_phrases import _growth_verb, _object_named_after, _weak_confirmed
from hbetl.indicators import TRADE_CODES, Mention, find_mentions, find_places
from hbetl.textscan import FastPattern

# "(bình quân 1 tháng đạt 12,95 tỷ USD)", "trung bình mỗi doanh nghiệp 9,8 tỷ đồng": what
# follows in the clause is an average per month or per unit, not the period's total.
# "Đến nay, toàn tỉnh có 86 dự án FDI với tổng vốn đăng ký 1,088 tỷ USD", "lũy kế đến nay",
# "còn hiệu lực": totals since ever, which are no records (Conventions); from here to the
# end of its clause, figures are skipped as after an average ("từ đầu năm đến nay" is a period,
# found first).
# (Not a balance: "cho vay 197,6 tỷ đồng, nâng tổng số dư nợ lên 713 tỷ đồng" is the loans
# outstanding at the period's end, a stock at a date.)
# "Hiện toàn tỉnh có gần 16.000 doanh nghiệp với tổng vốn đăng ký khoảng 242.000 tỷ đồng": the firms
# or projects there are now, all registered since ever ("thực hiện", "xuất hiện" are other words).
SINCE_EVER_RE = FastPattern(
    r"(?:(?:lũy|luỹ)\s+kế\s+|tính\s+)?(?:đến|tới)\s+nay(?!\w)|còn\s+hiệu\s+lực(?!\w)|nâng\s+tổng\s+số(?!\w)(?!\s+(?:dư\s+nợ|vốn\s+huy\s+động|tiền\s+gửi)(?!\w))"
    r"|(?<!thực\s)(?<!xuất\s)(?<!thể\s)hiện(?:\s+nay)?,?\s+(?:(?:toàn|cả)\s+(?:tỉnh|thành\s+phố|nước)\s+|tỉnh\s+|"
    r"thành\s+phố\s+|trên\s+địa\s+bàn(?:\s+tỉnh)?\s+)?(?:đã\s+)?có(?=\s+(?:gần\s+|khoảng\s+|hơn\s+|trên\s+)?\d[\d.,]*"
    r"\s+(?:doanh\s+nghiệp|dn|dự\s+án|hợp\s+tác\s+xã)(?!\w))",
    word_start=True, trigger=r"lũy(?=\s+kế)|luỹ(?=\s+kế)|tính(?=\s+(?:đến|tới))|đến(?=\s+nay)|tới(?=\s+nay)|còn(?=\s+hiệu)|nâng(?=\s+tổng)"
                             r"|hiện(?=(?:\s+nay)?,?\s+(?:toàn|cả|tỉnh|thành|trên|đã|có)(?!\w))",
)


def _imports_after_exports(text: str, start: int) -> bool:
    """"xuất khẩu được 6,8 tỷ USD và nhập khoảng 7,2 tỷ USD": a bare "nhập" is the imports only
    after the exports in its sentence, and as a clause's subject ("thu nhập", income, is not)."""
    return "xuất" in text[:start] and text.endswith((", ", "và ", "; ", "còn "), 0, start) \
        and not text.endswith("thu ", 0, start)


# "…, nâng tổng giá trị xuất khẩu 6 tháng lên …", "đưa tổng kim ngạch …": the sum so far of what was just named.
_RAISES_TOTAL_BEFORE_RE = re.compile(r"(?<!\w)(?:nâng|đưa)(?:\s+tổng)?\s+$")


# The whole may follow a slash, as bank reports write a share ("chiếm 0,78%/tổng dư nợ"), and the
# goods may stand before their trade ("chiếm 19,4% tổng kim ngạch hàng hóa xuất khẩu"). "đến",
# "tới" stress the share ("tỷ trọng theo giá hiện hành chiếm đến 20,7% GRDP", "chiếm tới 78% tổng
# kim ngạch"), as "khoảng" or "hơn" qualify it.
_SHARE_OF_BEFORE_RE = re.compile(
    r"(?<!\w)chiếm(?:\s+(?:tỷ\s+trọng|tỉ\s+trọng|khoảng|gần|hơn|trên|đến|tới))*\s+\d+(?:[.,]\d+)?\s*%\s*(?:/\s*)?(?:của\s+|trong\s+|trên\s+)?(?:tổng\s+)?(?:giá\s+trị\s+|trị\s+giá\s+|kim\s+ngạch\s+hàng\s+h(?:óa|oá)\s+)?$",
    re.IGNORECASE)


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


# "Chỉ số giá tiêu dùng (CPI)", "kim ngạch xuất khẩu (XK)": a bracket right after the phrase names it
# again. Not one that narrows it ("kim ngạch xuất khẩu (trừ dầu thô)", "chỉ số sản xuất công nghiệp
# (không kể dầu khí)"): that is the record's scope (Conventions), read as one written without brackets.
ABBREV_RE = re.compile(r"\s*\((?!\s*(?:trừ|không\s+(?:kể|tính|bao\s+gồm)|loại\s+trừ|kể\s+cả|tính\s+cả|bao\s+gồm\s+cả)(?!\w))[^()\d]{1,30}\)",
                       re.IGNORECASE)


_EVENT_START = attrgetter("start")


_COMPARED_GROWTH_BEFORE_RE = re.compile(r"(?<!\w)(?:cao|thấp|nhanh|chậm)\s+hơn(?:\s+so\s+với|\s+mức)?\s+$")


# The growth a branch adds to or drives is no subject of the figures after it: "ngành công nghiệp là
# động lực chính cho tăng trưởng kinh tế của tỉnh, tăng 12,5%", "đóng góp lớn vào tăng trưởng GRDP",
# "góp phần thúc đẩy tăng trưởng kinh tế" (the rate is the branch's, a sector's growth: no record).
_CONTRIBUTES_TO_BEFORE_RE = re.compile(
    r"(?<!\w)(?:đóng\s+góp|góp\s+phần|động\s+lực|vai\s+trò|thúc\s+đẩy)(?!\w)[^,;:()%\d]{0,40}?"
    r"(?:(?<!\w)(?:vào|cho|trong|của|đến|tới)\s+)?(?:(?:mức|tốc\s+độ)\s+)?$")


# "tỷ lệ vốn đầu tư phát triển so với GRDP", "thu ngân sách trên GRDP", "tỷ lệ nợ công/GRDP": the
# economy's product as what a ratio divides by (the words right before it, as the text is folded).
_RATIO_TO_GDP_BEFORE = ("so với ", " trên ", "/")


_OWN_RATE_IN_BRACKETS_RE = re.compile(r"[^,;:()%\d]{0,30}\(\s*(?:ước\s+)?(?:đạt\s+|là\s+)?\d")


# "… đã giải ngân được", "… giải ngân": the disbursed part of foreign investment right after its phrase.
_FDI_DISBURSED_AFTER_RE = re.compile(r"(?:\s*\([^()]{1,12}\))?\s+(?:ước\s+(?:tính\s+)?)?(?:đã\s+)?giải\s+ngân(?!\w)")


# "tín dụng cả nền kinh tế", "dư nợ cho vay toàn nền kinh tế": the whole economy as the borrower.
_CREDIT_OF_ECONOMY_BEFORE_RE = re.compile(r"(?<!\w)(?:tín\s+dụng|cho\s+vay|dư\s+nợ)\s+(?:cả|toàn)\s+$")


def _mention_events(scan: _Scan, found: list[Mention] | None, about_spans: list[tuple[int, int]]) -> None:
    """The catalogue phrases (M), but not one that tells what a change is about (``about_spans``)."""
    s, text = scan.s, scan.low
    events, taken, mentions, mention_codes = scan.events, scan.taken, scan.mentions, scan.mention_codes
    if found is None:
        found = find_mentions(s, text)
    # The words the checks of one indicator's phrases look for are looked for only when a phrase of
    # it is found: each is a scan of the sentence (~600 instructions), 13 of them for the capital,
    # growth and trade checks, which most sentences (their phrases another indicator's) never ask.
    codes = {mt.code for mt in found}
    trade = not TRADE_CODES.isdisjoint(codes)
    exits = not _CAPITAL_OF_PROJECTS.isdisjoint(codes) and (
        "thu hồi" in text or "chấm dứt" in text or "giải thể" in text or "ngừng" in text)
    may_share = "chiếm" in s  # (a sentence without it skips each phrase's look before it)
    may_abbrev = "(" in s  # (and one without a bracket, each phrase's look for an abbreviation after it)
    may_contribute = "grdp_growth" in codes and (
        "góp" in text or "động lực" in text or "vai trò" in text or "thúc đẩy" in text)
    # "Xét về góc độ sử dụng GDP …, xuất khẩu hàng hóa và dịch vụ tăng 15,13%": the accounts' exports, no trade turnover.
    uses_of_gdp = trade and "sử dụng" in text and _USES_OF_GDP_RE.search(text) is not None
    may_market = trade and ("sang " in text or "vào " in text or "từ thị" in text or "từ các thị" in text)
    from_market = trade and "từ " in text
    # (read for the arrivals' phrases, and after the loop where "khách" is written)
    may_by_source = ("tourist_arrivals" in codes or "khách" in text) and (
        "từ " in text or "thị trường" in text or "cửa khẩu" in text or "bằng đường" in text)
    # (one bank's balance: only where a bank is named)
    may_bank = not _BALANCE_CODES.isdisjoint(codes) and (
        "ngân hàng" in text or "nhcsxh" in text or "bank" in text or "bidv" in text)
    gates = (exits, uses_of_gdp, may_by_source, may_market, from_market, may_bank, may_contribute)
    for mt in found:
        if about_spans and overlaps(mt.start, mt.end, about_spans):  # (mostly none: no call)
            continue
        if mt.weak and mt.code == "grdp_growth" and _growth_verb(text, mt, mentions):
            continue  # its words are the change's ("tăng trưởng 12%")
        if mt.end - mt.start == 4 and text.startswith("nhập", mt.start) and not _imports_after_exports(text, mt.start):
            continue
        if mt.code == "tourist_arrivals" and text.startswith("khách", mt.start) and text.endswith("hành ", 0, mt.start):
            continue  # "hành khách đến sân bay …": passengers carried, no visitors ("khách đến Quảng Ninh")
        if mt.code == "tourist_arrivals" and text.startswith(" hàng", mt.end) and text.endswith("khách", 0, mt.end):
            continue  # "với 1.038 lượt khách hàng vay vốn": a bank's customers, no visitors
        if mt.weak and mt.code == "grdp_growth" and text.endswith(("cả ", "toàn "), 0, mt.start) and \
                _CREDIT_OF_ECONOMY_BEFORE_RE.search(text, max(0, mt.start - 24), mt.start):
            continue  # "tín dụng cả nền kinh tế chỉ tăng hơn 2%": the economy as the credit's borrower, no growth of it
        end = mt.end
        abbrev = ABBREV_RE.match(s, end) if may_abbrev else None
        if abbrev:
            end = abbrev.end()
        code, scope = mt.code, mt.scope
        not_new = _NOT_NEW_AFTER[code].match(text, end) if code in _NOT_NEW_AFTER else None
        if code == "registered_capital" or code == "fdi_capital":
            code, scope, end, not_new = _capital_reading(s, text, mt, end, not_new)
        foreign = _foreign_mention(s, text, mt, code, end, not_new, mentions, gates)
        # "chiếm 93% tổng dư nợ với 2,498 triệu tỉ đồng": the whole a share is of names no subject.
        share_of = may_share and "chiếm" in s[max(0, mt.start - 40):mt.start] and bool(
            _SHARE_OF_BEFORE_RE.search(s, max(0, mt.start - 40), mt.start))
        mention = Event(mt.start, end, "M", {"code": code, "scope": scope, "foreign": foreign, "share_of": share_of,
                                             "label": s[mt.start:mt.end], "weak": mt.weak, "needs": mt.needs,
                                             "plan": mt.plan, "growth": mt.growth})
        events.append(mention)
        mentions.append(mention)
        mention_codes.add(code)
        taken.append((mt.start, end))
    if may_by_source and "khách" in text:
        _visitors_by_source(scan)
    if mention_codes and ("ngành" in text or "khu vực" in text):
        _sectors_named(scan)
    if "cpi" in mention_codes and "nhóm" in text:
        _price_groups_named(scan)
    if "budget_revenue" in mention_codes and ("thu" in text[1:] or "thuế" in text) and (
            "khu vực" in text or "doanh nghiệp" in text or "quốc doanh" in text or "ngoài nhà nước" in text
            or "thuế" in text or "phí" in text or "đất" in text or "xổ số" in text):
        _revenue_items_named(scan)


def _capital_reading(s: str, text: str, mt: Mention, end: int,
                     not_new: re.Match[str] | None) -> tuple[str, str | None, int, re.Match[str] | bool | None]:
    """Which capital a registered-capital or FDI phrase names, told by the words and the currency of
    the amount after it: FDI's (in dollars: "vốn đăng ký tăng thêm 10,98 triệu USD"), the domestic
    registered capital (in đồng: "vốn đầu tư cấp mới 2.400 tỷ đồng"), or neither (``not_new``: what
    adjusted projects added in đồng, a split by ownership). Returns (code, scope, end, not_new)."""
    code, scope = mt.code, mt.scope
    if not_new is not None and code == "registered_capital" and _next_amount_in_dollars(text, not_new.end()):
        # "… với tổng vốn đầu tư đăng ký tăng thêm 10,98 triệu USD": capital added in dollars is
        # FDI's added part (domestic capital added, in đồng, stays no record).
        code, end, not_new = "fdi_capital", not_new.end(), None
        scope = s[mt.start:end]
    elif code == "registered_capital" and text.startswith(" cấp mới", end) and _next_amount_in_dollars(text, end + 8):
        # "với số vốn đăng ký cấp mới là 7.256,80 triệu USD": the capital of the newly licensed
        # foreign projects, FDI's new part ("số vốn đăng ký" matched first, "vốn đăng ký cấp mới" inside it).
        code, scope, end = "fdi_capital", "cấp mới", end + 8
    elif code == "registered_capital" and text.startswith(" tăng ", end) and (
            adjusted := _adjusted_projects_capital(text, mt.start, end)) is not None:
        # "điều chỉnh tăng vốn cho 33 lượt dự án FDI, với tổng vốn đầu tư đăng ký tăng 170 triệu
        # USD và 8 dự án DDI, với tổng vốn đầu tư đăng ký tăng hơn 1.000 tỷ đồng": what adjusted
        # projects added: FDI's added part in dollars, no record in đồng (Conventions).
        if _next_amount_in_dollars(text, end):
            code, scope = "fdi_capital", adjusted
        else:
            not_new = True
    elif code == "fdi_capital" and scope == "cấp mới" and _next_amount_in_dong(text, end):
        # "cấp mới 12 dự án trong nước với vốn đầu tư cấp mới 2.400 tỷ đồng": new domestic projects.
        code, scope = "registered_capital", None
    elif code == "fdi_capital" and scope in _ADDED_CAPITAL_SCOPES and _next_amount_in_dong(text, end):
        # "Tỉnh này cũng điều chỉnh tăng vốn 17 dự án với số vốn là 2.789,8 tỷ đồng, tăng 14,07%":
        # capital added in đồng is domestic, no FDI; its change goes with it (Conventions).
        not_new = True
    elif code == "fdi_capital" and scope is None and "nhà nước" in text and _next_amount_in_dong(text, end):
        # "Trong đó, vốn Nhà nước đạt 4.195 tỷ đồng, …, vốn ngoài Nhà nước …, vốn đầu tư trực tiếp nước
        # ngoài đạt 1.219 tỷ đồng, tăng 2,5 lần": the foreign sector's share of the investment carried
        # out, in đồng beside the state's and the non-state's, a split by ownership, no FDI registered.
        not_new = True
    elif code == "fdi_capital" and "mới và tăng thêm" in text[mt.start:end] and not _next_amount_in_dollars(text, end):
        # "tổng số vốn đầu tư cấp mới và tăng thêm là hơn 39.300 tỷ đồng": domestic and foreign
        # projects' capital together, in đồng, is no FDI (in dollars it is: "… 261 triệu USD").
        not_new = True
    return code, scope, end, not_new


def _foreign_mention(s: str, text: str, mt: Mention, code: str, end: int, not_new: object,
                     mentions: list[Event], gates: tuple[bool, ...]) -> bool:
    """The phrase names no subject of the figures after it ("foreign"): a part, not the total ("vốn
    FDI giải ngân", "xuất khẩu sang Hoa Kỳ", "khách đến từ châu Á", one bank's balance), another
    rate compared with ("cao hơn tăng trưởng tín dụng toàn ngành là 1,06%"), or a running total of
    the split just named. ``gates``: the words _mention_events found in the sentence, asked once."""
    exits, uses_of_gdp, may_by_source, may_market, from_market, may_bank, may_contribute = gates
    if _names_no_total(s, text, mt.start, end, code == "fdi_capital") or not_new is not None or (mt.code in _CAPITAL_OF_PROJECTS and (
            (exits and _exit_of_last_count(text, text.rfind(";", 0, mt.start) + 1, mt.start))
            or (text.endswith(("với ", "có "), 0, mt.start)
                and (_OTHER_FIRMS_CAPITAL_BEFORE_RE.search(text, max(0, mt.start - 110), mt.start)
                     or _HOUSEHOLDS_CAPITAL_BEFORE_RE.search(text, max(0, mt.start - 80), mt.start))))):
        return True
    if uses_of_gdp and mt.code in TRADE_CODES:
        return True
    if mt.code == "tourist_arrivals" and text.endswith("ngày ", 0, mt.start):
        # Guest-days, the statistics offices' "ngày khách" ("số ngày khách lưu trú đạt 610.000 ngày
        # khách", "ngày khách du lịch theo tour"): the nights the visitors stayed, counted apart from
        # the visits; its figures are no arrivals (nor the visits' part "khách lưu trú").
        return True
    if mt.code == "tourist_arrivals" and may_by_source and _BY_SOURCE_AFTER_RE.match(
            text, end - 4 if text.endswith(" đến", 0, end) else end):
        return True  # (after "khách đến" as after "khách": "Khách đến Việt Nam từ châu Á …")
    if may_market and mt.code in TRADE_CODES and _TO_MARKET_AFTER_RE.match(text, end):
        return True
    if from_market and mt.code in TRADE_CODES and _from_named_market(s, text, end):
        return True
    if mt.code in _BUDGET_CODES and _names_no_budget_total(text, mt.start, mt.code, end):
        return True
    if mt.code in _BALANCE_CODES and may_bank and one_banks_balance(text, mt.start, end):
        return True
    if mt.code in _BALANCE_CODES and text.endswith("lãi suất ", 0, mt.start):
        # "lãi suất huy động bằng VND giảm 0,3%", "lãi suất huy động vốn …": the rate paid on the
        # balance, not the balance.
        return True
    if mt.code == "deposits_mobilized" and text.startswith(" đầu tư", end):
        # "huy động vốn đầu tư trên địa bàn ước đạt 25.400 tỷ đồng": capital raised for investment in
        # the area (the investment's words, as "huy động vốn đầu tư phát triển" is total investment),
        # no deposits placed with the banks.
        return True
    if mt.code == "credit_outstanding" and text[end:end + 1] == " " and _lends_for_a_purpose(text, end):
        return True
    if mt.code == "credit_outstanding" and text.endswith(("với ", "có ", "còn ", "tổng "), 0, mt.start) \
            and borrowers_balance(text, mt.start):
        return True
    if code == "fdi_capital" and "giải ngân" in text[end:end + 24] and _FDI_DISBURSED_AFTER_RE.match(text, end):
        # "các dự án đầu tư nước ngoài đã giải ngân được 7,71 tỉ USD", "vốn FDI giải ngân được 1,05 tỷ
        # USD": what foreign projects spent, not the capital registered (no record; tune g6-007).
        return True
    if mt.code == "public_investment_disbursed" and text[end:end + 1] == " " and _disburses_loans(text, end):
        return True
    if mt.growth and "hơn" in text[max(0, mt.start - 16):mt.start] \
            and _COMPARED_GROWTH_BEFORE_RE.search(text, max(0, mt.start - 16), mt.start):
        # "đạt 10,73%, cao hơn tăng trưởng tín dụng toàn ngành là 1,06%": the rate compared with,
        # and the gap after it, are no figure of its own.
        return True
    if mentions and mentions[-1].data["foreign"] and mentions[-1].data["code"] == mt.code \
            and ("nâng" in text[max(0, mt.start - 12):mt.start] or "đưa" in text[max(0, mt.start - 12):mt.start]) \
            and _RAISES_TOTAL_BEFORE_RE.search(text, max(0, mt.start - 12), mt.start):
        # "xuất khẩu nông lâm thủy sản tháng 6 ước đạt 2,97 tỷ USD, nâng tổng giá trị xuất khẩu 6
        # tháng lên 17,1 tỷ USD": the running total of the split just named, no total of its own.
        return True
    if may_contribute and mt.code == "grdp_growth" and _CONTRIBUTES_TO_BEFORE_RE.search(text, max(0, mt.start - 60), mt.start) \
            and not _OWN_RATE_IN_BRACKETS_RE.match(text, mt.end):
        # "… đóng góp quan trọng vào tốc độ tăng trưởng GRDP của tỉnh (đạt 8,66%)": its own rate in brackets.
        return True
    # "tỷ lệ vốn đầu tư phát triển so với GRDP đạt 34%": the denominator of a ratio, no growth.
    return mt.code == "grdp_growth" and text.endswith(_RATIO_TO_GDP_BEFORE, 0, mt.start)


# "tăng trưởng kinh tế của tỉnh đã có chuyển biến tích cực, đặc biệt, ngành công nghiệp … với mức
# tăng 14,8% trong quý II", "Khu vực dịch vụ có số DN thành lập mới nhiều nhất với 99.548 DN": a
# sector of the economy named after the whole is the subject of the figures that follow it, and a
# split by economic sector is no record (Conventions).
_SECTOR_RE = re.compile(
    # ("nông - lâm - thủy sản": the hyphened name as the comma one.)
    r"(?<!\w)(?:ngành|khu\s+vực)\s+(?:công\s+nghiệp|dịch\s+vụ|xây\s+dựng|nông\s*[,-]?\s*lâm|nông\s+nghiệp|"
    r"khai\s+khoáng|chế\s+biến|thủy\s+sản|thuỷ\s+sản)(?!\w)")


# A sector named as its sentence's subject keeps it through a comma or the hyphen of its own name
# ("khu vực công nghiệp - xây dựng"): the growth it is then said to have ("Khu vực dịch vụ là điểm
# sáng, với tốc độ tăng trưởng 6,8%", "Khu vực công nghiệp - xây dựng có tốc độ tăng trưởng 8,1%",
# "ngành chế biến, chế tạo có mức tăng trưởng cao nhất, tăng 10%") is the sector's, a split of the
# economy's growth that is no record (Conventions), not the economy's. Read so only when the growth
# is the object of "có" / "với" / "đạt" / "duy trì" / "giữ", with no figure and no ";" since the
# sector, and the bare growth words name nothing else ("tốc độ tăng trưởng kinh tế", "… của tỉnh").
_HAS_GROWTH_BEFORE_RE = re.compile(r"(?<!\w)(?:với|có|đạt|duy\s+trì|giữ)\s+(?:mức\s+)?$")
_BARE_GROWTH_LABELS = frozenset({"tốc độ tăng trưởng", "tăng trưởng"})
_OTHER_OWNER_AFTER_RE = re.compile(r"\s+(?:của|chung|toàn|cả)(?!\w)")


def _grows_the_sector_before(s: str, last: Event, e: Event) -> bool:
    """Whether the bare growth phrase ``e`` is said of the sector ``last`` (a split mention) named
    before it in the sentence (see _HAS_GROWTH_BEFORE_RE)."""
    if last.data["code"] != "grdp_growth" or e.data["code"] != "grdp_growth":
        return False
    if " ".join(e.data["label"].lower().split()) not in _BARE_GROWTH_LABELS:
        return False
    between = s[last.end:e.start]
    if ";" in between or _DIGIT_RE.search(between) or not _HAS_GROWTH_BEFORE_RE.search(between):
        return False
    return _SECTOR_RE.fullmatch(last.data["label"].lower()) is not None and not _OTHER_OWNER_AFTER_RE.match(s, e.end)


_DIGIT_RE = re.compile(r"\d")


_CAUSE_BEFORE_RE = re.compile(r"(?<!\w)(?:do|nhờ|bởi|vì)(?:\s+(?:sự|việc))?\s+$")


def _add_split_mention(scan: _Scan, start: int, end: int, code: str) -> None:
    """An M for words that name a split of ``code`` (a sector, a group of goods, visitors from one
    market): the subject of the figures after it, but no record of its own ("foreign")."""
    mention = Event(start, end, "M", {"code": code, "scope": None, "foreign": True, "share_of": False,
                                      "label": scan.s[start:end], "weak": False, "needs": None,
                                      "plan": False, "growth": False})
    scan.events.append(mention)
    scan.mentions.append(mention)
    scan.taken.append((start, end))


def _sectors_named(scan: _Scan) -> None:
    """Each sector of the economy named in a sentence with a catalogue phrase, an M that is no record."""
    text, taken = scan.low, scan.taken
    for m in _SECTOR_RE.finditer(text):
        if overlaps(m.start(), m.end(), taken) or _CAUSE_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
            continue  # "… có tốc độ tăng GRDP ở mức thấp … chủ yếu do ngành công nghiệp chế biến, chế tạo tăng thấp
            # hoặc giảm: Bình Dương tăng 1,15%; …": the sector named as the cause, the places' figures still the growth's
        _add_split_mention(scan, m.start(), m.end(), "grdp_growth")


# "Chỉ số giá tiêu dùng tháng 9/2023 so với tháng trước, trong 11 nhóm hàng hóa và dịch vụ có 6 nhóm
# hàng có chỉ số tăng là: giáo dục tăng 24,6%; …", "CPI tăng chủ yếu do sự tăng giá ở các nhóm hàng ăn
# và dịch vụ ăn uống, tăng 0,42%": a group of goods named after the price index is the subject of the
# figures that follow it, a split by group that is no record (Conventions).
_PRICE_GROUP_RE = re.compile(r"(?<!\w)nhóm(?!\w)")


# The index of the groups, counted before it: "có 2/11 nhóm hàng CPI giảm so với tháng trước: nhà ở …
# giảm 0,71%; …", "9/11 nhóm hàng có CPI tăng", "3 nhóm hàng hóa và dịch vụ có chỉ số giá giảm" (the
# statistics offices' count of the groups that rose or fell, then each with its figure): the CPI phrase
# names the groups' indices, the subject of the list after it, a split by group that is no record.
_GROUPS_INDEX_BEFORE_RE = re.compile(
    r"(?<!\w)nhóm\s+(?:hàng(?:\s+hóa)?(?:\s+(?:và|,)\s*dịch\s+vụ)?\s+)?(?:có\s+)?$"
    # … and the index a group's rise moved, in the same lists: "nhà ở … giảm 0,71% (tác động làm giảm CPI
    # chung 0,14%); bưu chính viễn thông giảm 0,07%", "(tác động làm CPI chung tăng 0,16 điểm phần
    # trăm)": the group's share of the change, and the group is still the subject of what follows.
    r"|(?<!\w)tác\s+động\s+làm\s+(?:(?:tăng|giảm)\s+)?$")


def _price_groups_named(scan: _Scan) -> None:
    """Each group of goods named after a CPI phrase in its sentence, an M that is no record; and a
    CPI phrase that a count of groups or a group's share names (_GROUPS_INDEX_BEFORE_RE), made one."""
    text, taken = scan.low, scan.taken
    for m in scan.mentions:
        if m.data["code"] == "cpi" and _GROUPS_INDEX_BEFORE_RE.search(text, max(0, m.start - 40), m.start):
            m.data["foreign"] = True
    after = min(m.end for m in scan.mentions if m.data["code"] == "cpi")
    for m in _PRICE_GROUP_RE.finditer(text, after):
        if overlaps(m.start(), m.end(), taken):
            continue
        _add_split_mention(scan, m.start(), m.end(), "cpi")


# "Thu nội địa giảm, nguyên nhân là thu từ khu vực doanh nghiệp nhà nước chỉ đạt 46% dự toán", "số
# thu giảm do thu tiền sử dụng đất chỉ đạt 9% dự toán": an item of the budget's revenue named by who
# pays it (a sector of ownership: the state firms, the foreign-invested firms, the non-state sector)
# or by the tax or charge it is (personal income tax, environment tax, registration fee, fees and
# charges, land-use fees and rents, the lottery) is a split of the revenue, no record (Conventions:
# a split by ownership is none; the labelled sets read the items so), but the subject of the figures
# after it: not the total's the sentence named before. Not the total written less an item ("trừ tiền
# sử dụng đất", "không kể thu xổ số kiến thiết"), which is a narrower version of the same measure.
_REVENUE_ITEM_RE = re.compile(
    r"(?<!\w)(?:(?:nguồn|số)\s+)?thu\s+(?:từ\s+)?(?:(?:các\s+)?khu\s+vực\s+(?:kinh\s+tế\s+)?|(?:các\s+)?doanh\s+nghiệp\s+)+"
    r"(?:(?:có\s+)?vốn\s+đầu\s+tư\s+(?:trực\s+tiếp\s+)?nước\s+ngoài|fdi|nhà\s+nước|ngoài\s+(?:quốc\s+doanh|nhà\s+nước)|"
    r"công\s+thương\s+nghiệp)(?!\w)"
    r"|(?<!\w)(?:nguồn\s+)?thu\s+(?:thuế\s+)?ngoài\s+(?:quốc\s+doanh|nhà\s+nước)(?!\w)"
    r"|(?<!\w)(?:thu\s+)?thuế\s+(?:thu\s+nhập\s+(?:cá\s+nhân|doanh\s+nghiệp)|bảo\s+vệ\s+môi\s+trường)(?!\w)"
    r"|(?<!\w)(?:thu\s+)?lệ\s+phí\s+trước\s+bạ(?!\w)|(?<!\w)thu\s+phí(?:\s*,|\s+và)\s+lệ\s+phí(?!\w)"
    r"|(?<!\w)thu\s+(?:từ\s+)?(?:tiền\s+(?:sử\s+dụng|thuê)\s+đất|xổ\s+số\s+kiến\s+thiết|về\s+nhà\s+đất)(?!\w)")
# The item left out of the total, or counted in it: "trừ", "không kể", "không tính", "loại trừ",
# "kể cả", "tính cả", "gồm cả", "ngoài" before it, or before the list it is in with no figure between
# ("không kể tiền sử dụng đất, thu xổ số kiến thiết").
# ("ngoài" of "nước ngoài", "ngoài quốc doanh", "ngoài nhà nước" names an owner, not that.)
_ITEM_COUNTED_OUT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:trừ|kể|tính|gồm|(?<!nước\s)ngoài(?!\s+(?:quốc|nhà)))(?!\w)[^\d;.:()]{0,60}$")


def _revenue_items_named(scan: _Scan) -> None:
    """Each item of the budget's revenue (_REVENUE_ITEM_RE) named after a revenue phrase in its
    sentence, an M that is no record."""
    text, taken = scan.low, scan.taken
    after = min(m.start for m in scan.mentions if m.data["code"] == "budget_revenue")
    for m in _REVENUE_ITEM_RE.finditer(text, after):
        start, end = m.span()
        if _ITEM_COUNTED_OUT_BEFORE_RE.search(text, max(0, start - 70), start):
            continue
        # "thu từ doanh nghiệp có vốn đầu tư nước ngoài": the owner's words may be another phrase's,
        # taken already ("vốn đầu tư nước ngoài"); the item is then the words before them.
        end = min((a for a, b in taken if start < a < end), default=end)
        if not overlaps(start, end, taken):
            _add_split_mention(scan, start, end, "budget_revenue")


# "Tổng sản lượng lương thực thực hiện 16.454 tấn, đạt 121,2%; đàn gia súc 45.736 con, đạt 89,7% kế
# hoạch, tăng 4,9% so với cùng kỳ", "…; diện tích gieo trồng 11.409 ha, đạt 98,7% kế hoạch": a clause
# that names a thing counted in a unit the catalogue has no indicator in (head of cattle, hectares,
# cubic metres) is an item of its own; the changes after it are its, not the subject's before it.
_OTHER_UNIT_RE = re.compile(r"(?<![\w.,])\d[\d.,]*\s*(?:(?:nghìn|ngàn)\s+)?(?:con|ha|héc-?ta|m3|m2|m³|m²|lao\s+động)(?!\w)")


# ", tăng 8% so với cùng kỳ" right after a figure, not a change said of something ("…, giảm 10,9% về số
# doanh nghiệp": a list of changes of several things, read by what each says it is about).
_CHANGE_RIGHT_AFTER_RE = re.compile(r"\s*,\s*(?:tăng|giảm)\s+\d[\d.,]*\s*%(?!\s*về(?!\w))")


def _items_in_other_units(scan: _Scan) -> None:
    """Each clause, after a catalogue phrase, that opens with words and a figure in another unit:
    an M that is no record (the subject of what follows in the clause, so none of the catalogue's)."""
    text, events = scan.low, scan.events
    first = min(e.start for e in scan.mentions)
    for m in _OTHER_UNIT_RE.finditer(text, first):
        num = m.start()
        # The clause the figure is in opens after the last break before it (";" or ","); a
        # catalogue phrase, level or change between the break and the figure keeps it theirs.
        opened = max((e.end for e in events if e.kind == "X" and e.end <= num), default=-1)
        if opened <= first or any(opened <= e.start < num and e.kind in "MVCT" for e in events):
            if text.startswith("lao", m.end() - 8) and _CHANGE_RIGHT_AFTER_RE.match(text, m.end()) \
                    and not any(e.kind in "VCT" and max(opened, first) <= e.start and e.end <= num for e in events):
                # "Các doanh nghiệp thành lập mới … dự kiến tạo việc làm cho khoảng 825 lao động, tăng
                # 8% so với cùng kỳ": the workers counted in the firms' clause have the change after them.
                _add_split_mention(scan, m.end() - 8, m.end(), scan.mentions[0].data["code"])
                scan.mentions[-1].data["value_first"] = True  # counted after its figure: no modifier of the firms
            continue
        start = opened + (len(text[opened:num]) - len(text[opened:num].lstrip()))
        if num - start < 3 or not text[start].isalpha():
            continue  # "…, 45.736 con": no words name the item
        code = max((e for e in scan.mentions if e.start < start), key=attrgetter("start")).data["code"]
        _add_split_mention(scan, start, num, code)


def _visitors_by_source(scan: _Scan) -> None:
    """"Khách đến VN từ châu Á đạt khoảng 1 triệu lượt", "khách đến từ châu Á … giảm 0,4%": a split
    of the arrivals that names no catalogue phrase still names a subject of its own, not the one the
    figures before it had (an M that is no record)."""
    text, taken = scan.low, scan.taken
    at = text.find("khách")
    while at >= 0:
        end = at + 5
        if (at == 0 or not text[at - 1].isalnum()) and not overlaps(at, end, taken) and _BY_SOURCE_AFTER_RE.match(text, end):
            _add_split_mention(scan, at, end, "tourist_arrivals")
        at = text.find("khách", end)


_BUDGET_CODES = frozenset(("budget_revenue", "budget_expenditure"))


_BALANCE_CODES = frozenset(("credit_outstanding", "deposits_mobilized"))


# "Tính đến cuối tháng 9/2022, tỉnh có 442 dự án FDI, tổng vốn đăng ký trên 7,3 tỷ USD": the
# projects a place holds at a date, all registered since ever (a stock, as "hiện có"), unlike
# those licensed so far this year ("tính đến ngày 20/3, cả nước có 191 dự án mới được cấp …",
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
# (a period, extract_frame._fiscal_year_so_far), not a total since ever as for the projects or firms a place holds.
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
    if "bình" in text:
        for m in AVERAGE_CLAUSE_RE.finditer(s, text):
            if not overlaps(m.start(), m.end(), taken):
                events.append(Event(m.start(), m.end(), "A"))
                taken.append(m.span())
        for m in _YEARS_AVERAGE_RE.finditer(text) if "quân" in text else ():
            if not overlaps(m.start(), m.end(), taken):
                events.append(Event(m.start(), m.end(), "A"))
                taken.append(m.span())


# "tốc độ tăng trưởng kinh tế bình quân 3 năm 2016 - 2018 đạt 6,57%", "GRDP bình quân giai đoạn
# 2016-2020 tăng 7,2%": the yearly average over a span of years, no figure of a year (its first
# year is no period of the figure).
_YEARS_AVERAGE_RE = re.compile(
    r"(?<!\w)bình\s+quân(?:\s+(?:\d+|hai|ba|bốn|năm|mười)\s+năm)?(?:\s+(?:giai\s+đoạn|thời\s+kỳ))?(?:\s+(?:từ\s+)?năm)?"
    r"\s+(?:19|20)\d\d\s*(?:-|–|đến)\s*(?:19|20)\d\d(?!\d)")


_VIOLATION_CODES = frozenset(("market_violations", "counterfeit_violations"))


# "xử lý 286 vụ vi phạm, trong đó 35 vụ hàng giả, 92 vụ hàng nhập lậu, 61 vụ vi phạm về giá", "gồm
# 210 vụ buôn lậu, 845 vụ gian lận thương mại": a count of cases and the kind of breach after it
# name violations of that kind, a part of the total with its kind as scope (Conventions), not the
# counterfeit goods named before it. (The kinds as market control writes them; "12 vụ tai nạn
# giao thông" names none.)
_VIOLATION_KIND_AFTER_RE = re.compile(
    r"\s+((?:về\s+|liên\s+quan\s+(?:đến|tới)\s+)?(?:[^\W\d]+\s*){1,7}?)(?=\s*(?:[,;:()]|\.(?:\s|$)|$|\s+và\s+\d))")


_VIOLATION_KIND_RE = re.compile(
    r"lậu|gian\s+lận|hàng\s+cấm|về\s+giá|niêm\s+yết|nhãn|hóa\s+đơn|hoá\s+đơn|nguồn\s+gốc|xuất\s+xứ|sở\s+hữu\s+trí\s+tuệ|"
    r"an\s+toàn\s+thực\s+phẩm|đo\s+lường|hạn\s+sử\s+dụng|giấy\s+phép|đăng\s+ký\s+kinh\s+doanh")


_KIND_LISTED_ON_RE = re.compile(r"\s*,\s*(?:[^\W\d][^,;.\d]{0,30}?\s)?(?:" + BREACH_KINDS + ")")


def _violations_by_type(scan: _Scan) -> None:
    """Each count of cases ("92 vụ") that no catalogue phrase opens, followed by a kind of breach
    ("hàng nhập lậu", "gian lận thương mại"): an M of market violations scoped to that kind."""
    s, text, taken = scan.s, scan.low, scan.taken
    opened = {e.start for e in scan.mentions}
    for ev in [e for e in scan.events if e.kind == "V" and e.data.get("noun") in ("vụ", "vụ việc")]:
        if ev.start in opened:
            continue  # "35 vụ hàng giả", "61 vụ vi phạm về giá": a catalogue phrase's own count
        kind = _VIOLATION_KIND_AFTER_RE.match(text, ev.end)
        if kind is None or not _VIOLATION_KIND_RE.search(kind.group(1)) or overlaps(ev.end, kind.end(1), taken):
            continue
        if _KIND_LISTED_ON_RE.match(text, kind.end(1)):
            continue  # "gần 6.600 vụ hàng lậu, hàng giả, gian lận thương mại": kinds of one total
        label = s[kind.start(1):kind.end(1)]
        mention = Event(ev.start, kind.end(1), "M", {"code": "market_violations", "scope": label, "foreign": False,
                                                     "share_of": False, "label": label, "weak": False, "needs": None,
                                                     "plan": False, "growth": False, "value_first": True})
        scan.events.append(mention)
        scan.mentions.append(mention)
        taken.append((kind.start(1), kind.end(1)))


def _drop_unconfirmed_mentions(scan: _Scan, topics: tuple[set[str], set[str]] | None) -> list[Event]:
    """The events (sorted) without the catalogue phrases the sentence does not confirm: a weak or
    context phrase with nothing to back it, one that names a sector or, for market violations,
    a sentence about another domain. A kept phrase's code joins ``topics[1]``."""
    s, events, mentions = scan.s, scan.events, scan.mentions
    if not mentions:
        return events
    # Only a market-violations phrase asks whether the sentence names another domain.
    other_enforcement = "market_violations" in scan.mention_codes and bool(_OTHER_ENFORCEMENT_RE.search(s))
    # Only catalogue phrases are dropped below: they alone are looked at, in the order the sort
    # gave them (ties keep their order, as in the sort), and the events are copied only when one
    # is dropped. The loop over all ~21 events a sentence ran ~1.6% of extraction's bytecodes.
    kept = []
    for e in sorted(mentions, key=_EVENT_START):
        needs = e.data["needs"]
        if (needs is not None and topics is not None and needs not in topics[0] and needs not in topics[1]
                and not _object_named_after(s, e)):
            continue  # a context phrase in a paragraph not about its related indicator
        if needs == "new_enterprises" and not _capital_of_new_firms(s, e, kept):
            continue
        if e.data["weak"] and e.data["code"] in TRADE_CODES and s.endswith(("giá ", "Giá "), 0, e.start) \
                and not s.endswith(("trị giá ", "Trị giá "), 0, e.start):  # ("trị giá xuất khẩu" is the value)
            # "giá xuất khẩu gạo trung bình đạt 501 USD/tấn, cao hơn 15% so cùng kỳ": a price, whose
            # figures and changes are no trade turnover's, nor the one named before it.
            e.data["foreign"] = True
            kept.append(e)
            continue
        if e.data["weak"] and kept and kept[-1].data["foreign"] and _grows_the_sector_before(s, kept[-1], e):
            continue  # "Khu vực dịch vụ …, với tốc độ tăng trưởng 6,8%": the sector's growth, no record
        if (((e.data["weak"] or needs) and not _weak_confirmed(s, e, events))
                or (e.data["code"] == "market_violations" and (other_enforcement or (e.data["weak"] and found_no_market_breach(s, e))))
                or (e.data["code"] == "fdi_capital" and _names_a_sector(s, e))  # (a call only where it can hold)
                or (e.data["code"] == "new_enterprises" and names_a_branch(s, e))):
            continue
        if topics is not None and (needs is None or (needs == e.data["code"] and e.data["scope"] is not None)):
            # A part named bare (CONTEXT_PARTS: "vốn trung ương quản lý", "khu vực nông thôn")
            # speaks of its total as much as the total's own name does: the next sentence may
            # name the other part bare ("Trong đó, vốn trung ương quản lý đạt …. Vốn địa
            # phương quản lý đạt …"), and the paragraph is still about that indicator.
            topics[1].add(e.data["code"])
        kept.append(e)
    if len(kept) == len(mentions):
        return events
    kept_ids = {id(e) for e in kept}
    return [e for e in events if e.kind != "M" or id(e) in kept_ids]


# "du khách đến từ châu Á đạt 4,44 triệu lượt", "khách quốc tế đến nước ta từ châu Âu tăng 5,3%",
# "khách quốc tế đến Việt Nam qua các cửa khẩu tuyến Trung Quốc giảm 50%", "khách đến bằng đường
# hàng không đạt …": visitors by where they come from or how they enter, a split of the arrivals
# as by market, no record (Conventions).
# "du khách đến từ Nga tăng 145,6%", "khách du lịch từ Thái Lan đạt 16.808 lượt": visitors from one
# country (or province) by name, a split by market as well; not "từ đầu năm", "từ tháng 1", a time.
_BY_SOURCE_AFTER_RE = re.compile(
    r"(?:\s+đến(?:\s+(?:việt\s+nam|vn|nước\s+ta|tỉnh|thành\s+phố|[^\s\d,;:()]+)){0,2})?(?:\s+(?:bằng|qua|theo|từ|thuộc)\s+(?:các\s+)?"
    r"(?:châu(?!\w)|đường\s+(?:hàng\s+không|bộ|biển|thủy|thuỷ|sắt)|cửa\s+khẩu|(?:các\s+)?thị\s+trường))"
    r"|(?:\s+(?:du\s+lịch|quốc\s+tế))?(?:\s+đến)?\s+từ\s+(?!(?:tháng|năm|quý|đầu|cuối|ngày|giữa|đợt|dịp|thời|lúc|khi|nay|"
    r"trước|sau|mức|con|khoảng|hơn|gần|trên)(?!\w))[^\W\d]")


# "Trị giá xuất khẩu hàng hoá của Việt Nam sang Mỹ trong 9 tháng năm 2018 đạt trên 35 tỷ USD", "kim
# ngạch xuất khẩu vào thị trường EU đạt …": the trade with one market, a split, no record (Conventions);
# "xuất khẩu vào tháng 9" names a time, not a market.
_TO_MARKET_AFTER_RE = re.compile(
    r"(?:\s+(?:hàng\s+hóa|hàng\s+hoá))?(?:\s+(?:của\s+)?(?:việt\s+nam|cả\s+nước|nước\s+ta|tỉnh(?:\s+ta)?))?"
    r"\s+(?:sang|vào|từ(?=\s+(?:các\s+)?thị\s+trường))\s+(?!(?:tháng|năm|quý|cuối|đầu|ngày|giữa|thời|dịp|lúc)(?!\w))[^\s\d,;:()]")


# "kim ngạch nhập khẩu từ Trung Quốc đạt …", "nhập khẩu từ ASEAN tăng 12,3%": the trade with a market
# named by its proper name, a split as "sang Mỹ" is; "từ đầu năm" names a time, not a market.
_FROM_AFTER_RE = re.compile(r"(?:\s+(?:hàng\s+hóa|hàng\s+hoá))?\s+từ\s+")


def _from_named_market(s: str, text: str, end: int) -> bool:
    """'từ' after the trade phrase, then a capital in the sentence as written: a country or bloc
    ("từ Hàn Quốc", "từ ASEAN"), where times and amounts are lower-case or digits ("từ đầu năm")."""
    m = _FROM_AFTER_RE.match(text, end)
    return m is not None and m.end() < len(s) and s[m.end()].isupper()


_USES_OF_GDP_RE = re.compile(r"(?<!\w)(?:góc\s+độ|phía|về)\s+sử\s+dụng\s+(?:gdp|grdp|tổng\s+sản\s+phẩm)")




# "cấp quyết định chủ trương đầu tư cho 2 dự án đầu tư trong nước với tổng vốn gần 40.000 tỷ
# đồng": the capital of projects counted in the clause, written with 'vốn' alone (or as their
# "tổng mức đầu tư", total investment: "31 dự án trong nước, với tổng mức đầu tư 6.820 tỷ đồng"; "với"
# may be left out: "18 dự án được cấp giấy chứng nhận đăng ký đầu tư, tổng vốn 2.140 tỷ đồng"), is the
# capital they registered (in dollars, foreign investment: _CODE_FOR_UNIT). One project's
# capital ("Dự án có tổng vốn đầu tư 2.000 tỷ đồng") counts no projects.
# A count below ten is often written in words ("đã cấp phép đầu tư thêm bốn dự án mới, tổng vốn
# đầu tư trên 46.000 tỷ đồng"; "năm" only where it cannot be the year's: "trong năm dự án …"), and
# the capital as its size ("11 dự án được chấp thuận chủ trương đầu tư với tổng quy mô vốn đầu tư
# là 843,1 tỷ đồng").
_PROJECTS_COUNTED = r"(?:\d+|một|hai|ba|bốn|(?<!trong\s)(?<!cả\s)(?<!mỗi\s)(?<!của\s)năm|sáu|bảy|tám|chín|mười)"
_PROJECTS_CAPITAL_RE = re.compile(
    r"(?<!\w)" + _PROJECTS_COUNTED + r"\s+dự\s+án(?!\w)[^.;:]{0,120}?(?:(?<!\w)với\s+|(?P<comma>,)\s*)"
    r"(?P<cap>(?:tổng\s+)?(?:quy\s+mô\s+)?(?:số\s+)?vốn(?:\s+đầu\s+tư)?|(?:tổng\s+)?mức\s+đầu\s+tư)"
    r"(?=\s+(?:khoảng|gần|hơn|trên|đạt|là)?\s*\d)")


_APPROVED_RE = re.compile(r"(?<!\w)(?:cấp|chấp\s+thuận|chủ\s+trương|đăng\s+ký|thu\s+hút|cấp\s+phép|điều\s+chỉnh)(?!\w)")


# "điều chỉnh tăng vốn 17 dự án với số vốn là 2.789,8 tỷ đồng": projects whose capital was
# raised; what they added, in đồng, is no capital registered by new ones (Conventions); in dollars
# it is FDI's added part, which the adjustment's own phrase takes.
_ADJUSTED_LAST_RE = re.compile(r"(?<!\w)điều\s+chỉnh(?!\w)(?:(?!cấp|chấp\s+thuận|chủ\s+trương|thu\s+hút)[^;])*$")


def project_capital_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """Capital phrases the catalogue does not hold, read from the projects counted before them."""
    text = low if low is not None else s.lower()
    out = []
    for m in _PROJECTS_CAPITAL_RE.finditer(text):
        clause_start = text.rfind(";", 0, m.start()) + 1
        if not _APPROVED_RE.search(text, clause_start, m.start("cap")):
            continue  # "5 dự án trọng điểm với tổng vốn 12.000 tỷ đồng": projects built, not registered
        if "điều" in text[clause_start:m.start("cap")] and _ADJUSTED_LAST_RE.search(text, clause_start, m.start("cap")):
            continue
        a, b = m.span("cap")
        if m.group("comma") and any(clause_start <= f.start and f.end <= a and not f.weak for f in found):
            # "Thu hút đầu tư trực tiếp nước ngoài … được 9 dự án, tổng vốn đầu tư …": that subject's
            # capital; not a weak phrase, no subject unless confirmed ("Ban quản lý Khu kinh tế Dung
            # Quất đã cấp phép bốn dự án mới, tổng vốn đầu tư …": a zone's name).
            continue
        if not any(f.start < b and a < f.end for f in found):
            out.append(Mention(a, b, "registered_capital", None))
    return out


# "điều chỉnh vốn cho 79 dự án (tăng 12 dự án), với vốn đầu tư tăng 134,17 triệu USD": the capital the
# adjusted projects added, written with 'vốn' (or "vốn đầu tư", "số vốn") and the verb, in dollars, is
# FDI's added part (in đồng it is domestic, no record: Conventions). The catalogue's capital phrases
# ("vốn đăng ký", "vốn điều chỉnh") are read as they are (project_capital_mentions, _adjusted_projects_capital).
_ADJUSTED_ADDED_RE = re.compile(
    r"(?<!\w)điều\s+chỉnh(?!\w)[^;.]{0,100}?(?<!\w)(?P<cap>(?:tổng\s+)?(?:số\s+)?vốn(?:\s+đầu\s+tư)?)\s+tăng(?:\s+thêm)?"
    r"(?=\s+(?:là\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*(?:usd|đô\s+la))")


def adjusted_capital_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The capital adjusted projects added, in dollars, where no catalogue phrase names it."""
    text = low if low is not None else s.lower()
    return [Mention(m.start("cap"), m.end("cap"), "fdi_capital", "điều chỉnh") for m in _ADJUSTED_ADDED_RE.finditer(text)
            if not any(f.start < m.end("cap") and m.start("cap") < f.end for f in found)]


# "lũy kế 8 tháng có 505 DN với tổng vốn 4.250 tỷ đồng": the capital of the firms just counted, in a
# sentence about new firms, written with 'vốn' alone, is the capital they registered; so after a
# comma ("có 512 doanh nghiệp thành lập mới, tổng vốn 3.450 tỷ đồng").
_FIRMS_CAPITAL_RE = re.compile(
    r"(?<!\w)\d[\d.,]*\s+(?:doanh\s+nghiệp|dn)(?!\w)[^.;:]{0,60}?(?:(?<!\w)với|,)\s+(?P<cap>(?:tổng\s+)?(?:số\s+)?vốn)"
    r"(?=\s+(?:khoảng|gần|hơn|trên|đạt|là)?\s*\d)")


# The lenders as the subject of the verb "huy động" (they mobilised), with no "vốn" after it: "các TCTD
# huy động được 36.582 tỷ đồng", "các ngân hàng trong 9 tháng huy động tăng 9% so với cuối năm": the
# deposits mobilised, as banking reports write them beside the credit, the verb the subject's phrase.
# The lender is a bank or credit institution (counted or not, up to four words of who or where before
# the verb: "các tổ chức tín dụng trên địa bàn tỉnh"), a period and an adverb ("đã", "chỉ") may stand
# before the verb, and a figure or its change follows the verb; "huy động vốn" is the catalogue's own
# phrase and is no match here.
_LENDERS_MOBILISE_RE = re.compile(
    r"(?<!\w)(?:ngân\s+hàng|tctd|tổ\s+chức\s+tín\s+dụng|nhtm)(?!\w)(?:\s+(?!(?:huy|đã|cho)(?!\w))[^\s\d,;:()]+){0,4}?"
    r"(?:\s+(?:trong\s+)?(?:\d{1,2}\s+tháng(?:\s+đầu\s+năm)?|quý\s+[ivx]+|tháng\s+\d{1,2}|năm\s+\d{4})(?:\s+qua)?)?"
    r"\s+(?:(?:đã|chỉ|cũng|mới)\s+)?(?P<verb>huy\s+động)(?=\s+(?:được\s+)?(?:đạt\s+|tăng\s+|giảm\s+|khoảng\s+|hơn\s+|trên\s+|gần\s+)?\d)")


def lenders_deposits_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The deposits a bank or credit institution is said to have mobilised (_LENDERS_MOBILISE_RE), the
    verb as the phrase; a catalogue phrase over the verb wins."""
    text = low if low is not None else s.lower()
    return [Mention(m.start("verb"), m.end("verb"), "deposits_mobilized", None) for m in _LENDERS_MOBILISE_RE.finditer(text)
            if not any(f.start < m.end("verb") and m.start("verb") < f.end for f in found)]


def firms_capital_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """Capital phrases the catalogue does not hold, read from new firms counted before them."""
    if not any(f.code == "new_enterprises" for f in found):
        return []
    text = low if low is not None else s.lower()
    return [Mention(m.start("cap"), m.end("cap"), "registered_capital", None) for m in _FIRMS_CAPITAL_RE.finditer(text)
            if not any(f.start < m.end("cap") and m.start("cap") < f.end for f in found)]


# "có 512 doanh nghiệp và 35 hợp tác xã thành lập mới", "85 doanh nghiệp, 12 chi nhánh và 20 văn phòng
# đại diện đăng ký thành lập mới": the founding verb after a list of counted units is each unit's; the
# firms' count, first, is the new firms' (the cooperatives, branches and offices are no firms).
_OTHER_UNITS = r"(?:hợp\s+tác\s+xã|htx|chi\s+nhánh|văn\s+phòng\s+đại\s+diện|đơn\s+vị\s+trực\s+thuộc|địa\s+điểm\s+kinh\s+doanh)"
_FIRMS_LISTED_FOUNDED_RE = re.compile(
    r"(?<!\w)\d[\d.,]*\s+(?P<firms>doanh\s+nghiệp|dn)(?=(?:\s*(?:,|và)\s+\d[\d.,]*\s+" + _OTHER_UNITS + r")+"
    r"\s+(?:được\s+)?(?:đăng\s+ký\s+)?thành\s+lập(?:\s+mới)?(?!\w))")


def listed_firms_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The new firms counted first in a list of units the founding verb after it is said of."""
    text = low if low is not None else s.lower()
    return [Mention(m.start("firms"), m.end("firms"), "new_enterprises", None) for m in _FIRMS_LISTED_FOUNDED_RE.finditer(text)
            if not any(f.start < m.end("firms") and m.start("firms") < f.end for f in found)]


# "Năm 2024, Quảng Ngãi được giao hơn 6.300 tỷ đồng vốn đầu tư công", "Thành phố được giao khoảng
# 79.000 tỷ đồng vốn đầu tư công": the capital a province is assigned, its amount written before
# what it is, is the year's plan of public investment (Conventions: plans as amounts are targets).
# Only right after "giao" and its amount: "giao chi tiết 5.000 tỷ đồng …" (capital allocated to
# projects) and "nguồn vốn đầu tư công … giải ngân" (what was spent) are other readings.
_ASSIGNED_CAPITAL_RE = re.compile(
    r"(?<!\w)giao\s+(?:(?:khoảng|hơn|trên|gần|xấp\s+xỉ)\s+)?\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+)?t[ỷỉ]\s+đồng\s+"
    r"(?P<cap>vốn\s+đầu\s+tư\s+công)(?!\w)")


def assigned_capital_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The public investment plan written as the capital assigned, after its amount."""
    text = low if low is not None else s.lower()
    return [Mention(m.start("cap"), m.end("cap"), "public_investment_disbursed", None, plan=True)
            for m in _ASSIGNED_CAPITAL_RE.finditer(text)
            if not any(f.start < m.end("cap") and m.start("cap") < f.end for f in found)]


# "TP HCM tăng trưởng 6,5%", "tỉnh Cà Mau với mức tăng trưởng 8,61%": a place's name, then its
# growth as a percent, says the place's economy grew (grdp_growth). "tăng trưởng" alone names
# nothing in the catalogue: after a subject of its own ("xuất khẩu tăng trưởng 10%") it is that
# subject's change, so only a place right before it makes it a phrase.
# "TP Đà Nẵng cũng ghi nhận mức tăng trưởng khá thấp 0,89%": "ghi nhận" (recorded) states it too, and a
# word of measure may stand before the figure.
# How a reporter may judge a growth before its figure: "tăng trưởng khá cao 9%", "… ấn tượng, lần lượt …".
_GROWTH_JUDGED = r"khá\s+(?:cao|thấp)|ấn\s+tượng"
_PLACE_GROWS_RE = re.compile(
    r"\s+(?:cũng\s+)?(?:(?:có|với|đạt|ghi\s+nhận)\s+)?(?:mức\s+)?(tăng\s+trưởng)"
    # ("Bắc Ninh tăng trưởng âm 4,99%": its fall, read from "âm" on)
    rf"(?=\s+(?:(?:{_GROWTH_JUDGED})\s+)?(?:đạt\s+|ở\s+mức\s+|mức\s+|là\s+|âm\s+)?\d[\d.,]*\s*%"
    # "Tây Ninh và Cần Thơ với mức tăng trưởng ước đạt lần lượt là 10,8% và 9,7%": the places listed
    # before one growth their figures follow in order (a respective list, hbetl/extract_lists.py).
    rf"|(?:\s+(?:{_GROWTH_JUDGED}))?,?\s+(?:(?:ước\s+)?đạt\s+)?lần\s+lượt\s+(?:là\s+|đạt\s+|ở\s+mức\s+)?:?\s*\d[\d.,]*\s*%)",
    re.IGNORECASE)


_OWNED_PLACE_GAP_RE = re.compile(r"[^,;:.()]*")


def may_name_place_growth(text: str) -> bool:
    """Whether any sentence of ``text`` may give place_growth_mentions one (a paragraph's gate:
    _PLACE_GROWS_RE found nowhere in it, then at no place's end)."""
    return "tăng trưởng" in text and _PLACE_GROWS_RE.search(text) is not None


def place_growth_mentions(s: str, names: list[tuple[int, int, str]], found: list[Mention]) -> list[Mention]:
    """The growth of each place named right before 'tăng trưởng X%' (``names``: the sentence's places)."""
    out = []
    for a, b, name in names:
        m = _PLACE_GROWS_RE.match(s, b)
        # (not a place a subject already named in its clause owns: "kim ngạch xuất khẩu của Đồng Nai
        # tăng trưởng 10%" is the exports' change)
        # (The bare "tăng trưởng" itself, found as a weak phrase of its own, owns nothing: the place's
        # growth takes its place, "xếp thứ 5 là tỉnh Cà Mau với mức tăng trưởng 8,61%".)
        if m is not None and not any(f.start < m.end(1) and (m.start(1) < f.end or _OWNED_PLACE_GAP_RE.fullmatch(s, f.end, a))
                                     and not (f.weak and f.start == m.start(1) and f.end == m.end(1))
                                     for f in found):
            out.append(Mention(m.start(1), m.end(1), "grdp_growth", name))  # (the place scopes its growth)
    return out


# "thu hồi, chấm dứt hoạt động 14 dự án … với vốn đăng ký 1.021 tỷ đồng", "150 doanh nghiệp
# giải thể với tổng vốn đăng ký …": the capital of projects or firms that left, in a clause
# (since the last ';') that says so, is no capital registered.
_CAPITAL_OF_PROJECTS = {"registered_capital", "fdi_capital"}


_EXIT_RE = re.compile(r"(?<!\w)(?:thu\s+hồi|chấm\s+dứt|giải\s+thể|(?:tạm\s+)?ngừng)(?!\w)")


# Firms or projects counted: "45 doanh nghiệp", "14 dự án", "22 lượt dự án".
_UNITS_COUNTED_RE = re.compile(r"\d[\d.,]*\s+(?:lượt\s+)?(?:doanh\s+nghiệp|dn|dự\s+án)(?!\w)")


_LAST_CONJUNCT_RE = re.compile(r".*(?:,|;|\svà\s)", re.DOTALL)


def _exit_of_last_count(text: str, seg: int, start: int) -> bool:
    """A word of exit said of the last firms or projects counted before the capital at ``start``
    (the clause from ``seg``): after that count ("150 doanh nghiệp giải thể với …") or in its own
    conjunct before it ("thu hồi, chấm dứt hoạt động 14 dự án …"); not one said of an earlier count
    ("45 doanh nghiệp giải thể, 120 doanh nghiệp tạm ngừng kinh doanh và 210 doanh nghiệp thành lập
    mới với vốn đăng ký 1.540 tỷ đồng": the new firms' capital)."""
    if _EXIT_RE.search(text, seg, start) is None:
        return False
    # (a count in brackets details the one before it: "14 dự án (KCN có 10 dự án), với vốn …")
    counts = [c for c in _UNITS_COUNTED_RE.finditer(text, seg, start)
              if text.rfind("(", seg, c.start()) <= text.rfind(")", seg, c.start())]
    if not counts:
        return True
    last = counts[-1]
    if _EXIT_RE.search(text, last.end(), start):
        return True
    before_from = counts[-2].end() if len(counts) > 1 else seg
    conj = _LAST_CONJUNCT_RE.match(text, before_from, last.start())
    return _EXIT_RE.search(text, conj.end() if conj else before_from, last.start()) is not None


# "tổng số vốn đăng ký bổ sung vào nền kinh tế", "tổng số vốn đăng ký vào nền kinh tế", "số doanh
# nghiệp thành lập mới và doanh nghiệp quay
# trở lại hoạt động": new and existing firms together, which is neither indicator.
# The first amount after a capital phrase, in its clause ("… tăng thêm trong tháng 8/2022 là 25,98
# triệu USD"): a date on the way has no unit of money.
_AMOUNT_RE = re.compile(r"\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*(usd|đô\s+la|đồng)(?!\w)")


# The adjustment named earlier in the clause: "điều chỉnh tăng vốn", "điều chỉnh vốn", "bổ sung vốn".
_ADJUSTED_IN_CLAUSE_RE = re.compile(r"(?<!\w)(?:điều\s+chỉnh(?:\s+tăng)?(?:\s+vốn)?|bổ\s+sung\s+vốn|tăng\s+vốn)(?!\w)")


_AMOUNT_RISE_AFTER_RE = re.compile(r" tăng\s+(?:hơn\s+|gần\s+|khoảng\s+|trên\s+)?\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*(?:usd|đô\s+la|đồng)(?!\w)")


def _adjusted_projects_capital(text: str, start: int, end: int) -> str | None:
    """The adjustment's phrase when the capital at ``start:end`` is followed by "tăng" and an
    amount of money, in a clause (since the last ';') that names adjusted projects before it."""
    if not _AMOUNT_RISE_AFTER_RE.match(text, end):
        return None
    found = list(_ADJUSTED_IN_CLAUSE_RE.finditer(text, text.rfind(";", 0, start) + 1, start))
    return " ".join(found[-1].group(0).split()) if found else None  # (the nearest one)


def _next_amount_in_dong(text: str, at: int) -> bool:
    stop = text.find(";", at, at + 90)
    m = _AMOUNT_RE.search(text, at, at + 90 if stop < 0 else stop)
    return m is not None and m.group(1) == "đồng"


# FDI's added capital, by the scopes its phrases give (hbetl.indicators): in đồng it is domestic.
_ADDED_CAPITAL_SCOPES = frozenset((
    "điều chỉnh tăng vốn", "đăng ký tăng vốn", "tăng thêm vốn", "vốn tăng thêm", "vốn đăng ký tăng thêm",
    "vốn điều chỉnh", "vốn đăng ký bổ sung", "vốn đầu tư tăng thêm", "cấp vốn bổ sung", "vốn cấp bổ sung",
    "bổ sung vốn"))


def _next_amount_in_dollars(text: str, at: int) -> bool:
    stop = text.find(";", at, at + 90)
    m = _AMOUNT_RE.search(text, at, at + 90 if stop < 0 else stop)
    return m is not None and m.group(1) != "đồng"


_NOT_NEW_AFTER = {
    "registered_capital": re.compile(r"\s+(?:bổ\s+sung|tăng\s+thêm|vào\s+nền\s+kinh\s+tế)(?!\w)"),
    "new_enterprises": re.compile(r"\s+và\s+(?:(?:doanh\s+nghiệp|dn)\s+)?(?:quay|tái|hoạt\s+động\s+trở\s+lại)(?!\w)"),
}


# "cấp mới 178 giấy chứng nhận đăng ký hộ kinh doanh với số vốn đăng ký 36,3 tỷ đồng" (district
# reports): household businesses' capital, no enterprise's.
_HOUSEHOLDS_CAPITAL_BEFORE_RE = re.compile(r"hộ\s+kinh\s+doanh[^,;:()]{0,40}?\s(?:với|có)\s+$")


# "toàn tỉnh ước có 12.465 doanh nghiệp đăng ký kinh doanh với số vốn đăng ký …": their capital.
_OTHER_FIRMS_CAPITAL_BEFORE_RE = re.compile(
    r"\d[\d.,]*\s+(?:doanh\s+nghiệp|dn)" + _OTHER_FIRMS_AFTER_RE.pattern + r"[^,;:()]{0,40}?\s(?:với|có)\s+$")


# "Cục Thuế tỉnh thu được 4.512 tỷ đồng, đạt 55% dự toán", "9 tháng, ngành Thuế thu đạt 1.048,3 nghìn tỷ
# đồng", "Cục Hải quan tỉnh thu nộp ngân sách 1.230 tỷ đồng", "6 tháng đầu năm tỉnh Trà Vinh thu hơn
# 11.200 tỷ đồng", "Đến ngày 20/11, toàn Cục thu đạt 1.385,8 tỷ đồng" (the office named again as the
# whole of it): the tax or customs office, or the province (district, town) itself, then its verb of
# collecting with the amount right after it, states the budget revenue collected (the words between
# name who: "Cục Thuế Thanh Hóa", "Cục Hải quan TP Hồ Chí Minh", "tỉnh cho biết", "Chi cục Hải quan cảng
# Sài Gòn khu vực IV đã thu nộp ngân sách 4.548 tỉ đồng": up to seven words); the offices as named since
# the 2025 reorganisation too ("Thuế tỉnh … thu được …", "Thuế cơ sở 2 thu được …"). "thu về" (earned),
# "thu hút" (attracted) are other verbs. Not an office counted among others ("Văn phòng Cục Thuế thu
# …", "18 chi cục thuế … thu …", "các đơn vị của Cục …") nor one listed after "trong đó": a split by
# who collects, no record (Conventions); nor one of a list of places ("18 chi cục thuế các huyện, thị
# xã, thành phố thu 291,5 tỷ đồng").
# The period of the collection may stand between the office and its verb, or between the verb and
# "đạt", as tax and customs reports write it: "Riêng Cục Thuế, trong tháng 8 thu 489,1 tỷ đồng", "Chi
# cục Thuế huyện 9 tháng thu được 260 tỷ đồng", "Cục Thuế tỉnh cho biết 9 tháng qua đã thu …", "ngành
# Hải quan ước thu tháng 12 đạt 28.000 tỷ đồng" (a month, a quarter, the first months, the year).
_COLLECTION_PERIOD = (r"(?:trong\s+)?(?:(?:tháng|quý)\s+(?:\d{1,2}|[ivx]+)(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?"
                      r"|\d{1,2}\s+tháng(?:\s+đầu\s+năm)?(?:\s+(?:năm\s+)?\d{4})?|cả\s+năm(?:\s+\d{4})?)(?!\w)(?:\s+qua(?!\w))?")
_COLLECTOR_COLLECTS_RE = re.compile(
    r"(?<!\w)(?:(?:ngành|cơ\s+quan|cục|chi\s+cục)\s+(?:thuế|hải\s+quan)|toàn\s+cục"
    r"|thuế\s+(?:tỉnh|thành\s+phố|tp|cơ\s+sở(?:\s+\d{1,2})?)"
    r"|(?:toàn\s+)?(?:tỉnh|thành\s+phố|huyện|thị\s+xã))(?!\w)"
    r"(?:\s+(?!(?:đã|thu|ước)(?!\w))[^\s\d,;:()]+){0,7}?(?:\s*,?\s+" + _COLLECTION_PERIOD + r"\s*,?)?\s+(?:(?:đã|ước)\s+)?"
    r"(?P<verb>thu(?:\s+(?:được|đạt|nộp(?:\s+ngân\s+sách(?:\s+nhà\s+nước)?|\s+nsnn)?))?)"
    r"(?=(?:\s+" + _COLLECTION_PERIOD + r"\s+(?:đạt|được))?\s+(?:được\s+)?(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+)?\d)")
_COLLECTOR_COUNTED_BEFORE_RE = re.compile(r"(?:văn\s+phòng|\d|các|mỗi|từng)\s+$")
_COLLECTOR_LISTED_BEFORE_RE = re.compile(r"(?<!\w)(?:huyện|xã|phố|tỉnh|phường|trấn)\s*,\s*$")
_COLLECTOR_PART_BEFORE_RE = re.compile(r"(?<!\w)" + PARTS_OPENING + r"(?!\w)")
_NUMBER_END_RE = re.compile(r"\s+(?:được\s+)?(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+)?[\d.,]*")


# The verb with an amount right after it, what every match of _COLLECTOR_COLLECTS_RE holds: a pattern that
# opens with a literal, so the engine skips in C to each " thu"; most sentences with the word ("thu ngân
# sách", "thu hút") have none, and the long pattern, tried at every position, is not run on them.
_COLLECTS_AMOUNT_RE = re.compile(r" thu(?: được| đạt| nộp[^\d,;]{0,24}| (?:tháng|quý) [\divx]+(?:[/-]\d{4})? (?:đạt|được)"
                                 r"| cả năm(?: \d{4})? (?:đạt|được))? (?:được |khoảng |hơn |trên |gần |xấp xỉ )?\d")


# "Trong đó, Cục Hải quan Hải Phòng thu …; Cục Hải quan Quảng Ninh thu …" (a national customs or tax
# round-up): offices of one kind, each named by its province, list the national total by place, and
# each office's figure is that province's (Conventions: a province named inside a national sentence is
# the scope), a record however "trong đó" opens the list. Still refused after "trong đó": an office
# named by no place or by one place alone ("Trong đó, văn phòng Cục Thuế thu …", "Cục Thuế tỉnh thu …;
# Cục Hải quan tỉnh thu …"), a province's own revenue split by who collects it (no record), and a chi
# cục (a district's office, never matched here: "chi" stands before the "cục").
_OFFICE_OF_PLACE_RE = re.compile(r"(?<!chi )cục\s+(hải\s+quan|thuế)\s+(?:(?:tỉnh|thành\s+phố)\s+)?")


def _offices_listed_by_place(s: str, text: str, start: int) -> bool:
    """The office whose collecting starts at ``start`` is a "Cục Hải quan/Thuế" named by a province, and
    the sentence names another office of its kind by another province (``text``: ``s`` lower-cased)."""
    office = _OFFICE_OF_PLACE_RE.match(text, start)
    if office is None:
        return False
    places = {m.start(): m.group() for m in find_places(s)}
    own = places.get(office.end())
    return own is not None and any(
        other.group(1) == office.group(1) and places.get(other.end()) not in (None, own)
        for other in _OFFICE_OF_PLACE_RE.finditer(text))


def may_name_collector(text: str) -> bool:
    """Whether ``text`` (lower-cased) may give collector_revenue_mentions one (a paragraph's or a sentence's gate)."""
    return " thu " in text and _COLLECTS_AMOUNT_RE.search(text) is not None


# "Năm 2024, tỉnh thu hơn 20.000 tỷ đồng từ du lịch": what the province took from its visitors, the
# tourism revenue, not the budget revenue it collected.
_FROM_TOURISM_AFTER_RE = re.compile(
    r"\s*(?:nghìn\s+|ngàn\s+|triệu\s+)?(?:tỷ|tỉ)\s+đồng\s*,?\s+từ\s+(?:hoạt\s+động\s+|ngành\s+)?(?:khách\s+)?du\s+(?:lịch|khách)(?!\w)")


def collector_revenue_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The budget revenue a tax or customs office is said to have collected (_COLLECTOR_COLLECTS_RE),
    its verb as the phrase; ``found``: the sentence's catalogue phrases (a strong one there wins)."""
    text = low if low is not None else s.lower()
    out = []
    for m in _COLLECTOR_COLLECTS_RE.finditer(text):
        a, b = m.span("verb")
        if (_COLLECTOR_COUNTED_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
                or _COLLECTOR_LISTED_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
                or (_COLLECTOR_PART_BEFORE_RE.search(text, 0, m.start()) and not _offices_listed_by_place(s, text, m.start()))
                or any(f.start < b and a < f.end and not f.needs for f in found)):
            continue
        # (What it took from tourism is the tourism revenue.)
        code = ("tourism_revenue" if "du " in text
                and _FROM_TOURISM_AFTER_RE.match(text, _NUMBER_END_RE.match(text, m.end()).end()) else "budget_revenue")
        out.append(Mention(a, b, code, None))
    return out


# "Vị trí số 2 thuộc về Hà Nội với tổng thu đạt 704.579 tỷ đồng, vượt 37% dự toán", "Đồng Nai với số thu
# khoảng 100.000 tỷ đồng, hoàn thành 142% dự toán", "xếp thứ hai là TP. Hà Nội với mức thu đạt khoảng 405.252
# tỷ đồng, đạt 114,8% dự toán": the revenue named bare ("tổng thu", "tổng số thu", "số thu", "mức thu"), as
# round-ups ranking provinces and tax reports write it once the topic is set, with its amount right after it
# (a verb, a qualifier, a few words of where between: "tổng thu trên địa bàn ước đạt …") and its share of the
# budget estimate in the same clause: that is the budget revenue ("dự toán" is the budget's plan; a tourism
# take is measured against a "kế hoạch"). Not the longer phrases the catalogue holds ("tổng thu ngân sách",
# "tổng thu từ khách du lịch", "số thu nội địa"), nor a part counted out ("số thu từ tiền sử dụng đất (5.056 tỷ
# đồng)": no amount right after it). The collecting verb after an estimate's cue names it as well, with
# the period between ("Ước thu cả năm 2017 đạt 293.500 tỷ đồng, … đạt 102,99% dự toán", as customs and
# tax reports write the year's outturn; "tổng thu 9 tháng đạt …").
_BARE_REVENUE_RE = re.compile(
    r"(?<!\w)(?P<head>tổng\s+(?:số\s+)?thu|số\s+thu|mức\s+thu|ước\s+thu)(?!\w)"
    r"(?:\s+(?:trên\s+địa\s+bàn|toàn\s+(?:tỉnh|ngành|thành\s+phố|huyện)|của\s+(?:tỉnh|thành\s+phố|huyện|địa\s+phương)))?"
    r"(?:\s+(?P<period>" + _COLLECTION_PERIOD + r"))?"
    r"(?:\s+(?:(?:ước|dự\s+kiến)\s+)?(?:đạt(?:\s+được)?|được|là|thực\s+hiện|lên\s+tới|lên\s+đến))?"
    r"\s+(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+|ước\s+)?(?=\d)")


def may_name_bare_revenue(text: str) -> bool:
    """Whether ``text`` (lower-cased) may give bare_revenue_mentions one (a paragraph's or a sentence's gate)."""
    return ("dự toán" in text and ("tổng thu" in text or "số thu" in text or "mức thu" in text)) or "ước thu " in text


def bare_revenue_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The budget revenue named bare (_BARE_REVENUE_RE) whose clause gives its amount in đồng and a share
    of the budget estimate (the estimate's verb with its period: its amount alone); ``found``: the
    sentence's catalogue phrases (a phrase there that is no context phrase wins; a context phrase
    there, "tổng thu" of tourism, gives way)."""
    text = low if low is not None else s.lower()
    out = []
    for m in _BARE_REVENUE_RE.finditer(text):
        stop = text.find(";", m.end())
        stop = len(text) if stop < 0 else stop
        amount = _AMOUNT_RE.match(text, m.end())
        if (amount is None or amount.group(1) != "đồng"
                # The estimate's verb with its period right after it ("ước thu tháng 11 đạt 1.450 tỷ
                # đồng", "ước thu cả năm đạt …") is a collection stated on its own, the share of the
                # estimate or not: customs and tax reports give the month's and the year's so (not in a
                # sentence of tourism, "ngành du lịch ước thu tháng 12 đạt 300 tỷ đồng", its takings).
                or ("dự toán" not in text[amount.end():stop]
                    and not (m["period"] and text.startswith("ước", m.start()) and "du " not in text))
                or any(f.start < m.end() and m.start() < f.end and f.needs is None for f in found)):
            continue
        start = m.start("head")
        if text.startswith("ước", start):  # "ước thu": the verb alone is the revenue, "ước" the estimate's cue
            start = text.index("thu", start + 3)
        out.append(Mention(start, m.end("head"), "budget_revenue", None))  # the phrase: "tổng thu", "số thu", "thu"
    return out


# "thực hiện giải ngân cho vay 350 tỷ đồng", "giá trị giải ngân các gói tín dụng": a bank's or a
# programme's loans paid out, not public investment (a disbursement phrase names the state's capital
# only bare or with its capital after it: "giải ngân vốn đầu tư công", "… vốn ODA").
_LOANS_PAID_OUT = (" cho vay", " tín dụng", " gói", " các gói")


def _disburses_loans(text: str, end: int) -> bool:
    """After a disbursement phrase ending at ``end`` (text lower-cased), loans or a credit package."""
    return text.startswith(_LOANS_PAID_OUT, end)
