"""Subjects: the catalogue phrases (M) of a sentence.

A phrase of the catalogue (hbetl/indicators.py) names a record's subject: "kim ngạch xuất
khẩu", "7 vụ vi phạm".  _mention_events keeps each one found and marks "foreign" those that
name a split or no total ("xuất khẩu sang Mỹ", "khách đến từ châu Á", one bank's balance, the
capital of projects that left: _foreign_mention), and tells which capital a capital phrase
names by the amount after it (_capital_reading); _drop_unconfirmed_mentions, the last pass of
find_events (hbetl/extract_events.py), drops a weak or context phrase the sentence does not
back.  The words that name a split with no catalogue phrase (a sector, a group of goods, an
item of the revenue) and the phrases the catalogue does not hold are in
hbetl/extract_uncatalogued.py; the asides (A) after which a figure is no total, in
hbetl/extract_asides.py.
"""

from __future__ import annotations

import re
from operator import attrgetter

from hbetl.extract_levels import _OTHER_FIRMS_AFTER_RE
from hbetl.extract_scan import Event, _Scan, overlaps
from hbetl.extract_splits import (
    _OTHER_ENFORCEMENT_RE,
    _capital_of_new_firms,
    _lends_for_a_purpose,
    _names_a_sector,
    _names_no_budget_total,
    _names_no_total,
    borrowers_balance,
    capital_of_zoned_projects,
    found_no_market_breach,
    names_a_branch,
    one_banks_balance,
)
from hbetl.extract_uncatalogued import (
    _AMOUNT_RE,
    _BY_SOURCE_AFTER_RE,
    NATION_RE,
    _budget_levels_named,
    _gross_output_named,
    _grows_the_sector_before,
    _price_groups_named,
    _revenue_items_named,
    _sectors_named,
    _visitors_by_source,
    market_is_the_subject,
    visitors_of_a_nation,
)
from hbetl.extract_weak_phrases import _growth_verb, _object_named_after, _weak_confirmed
from hbetl.indicators import TRADE_CODES, Mention, find_mentions


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


# "Chỉ số giá tiêu dùng (CPI)", "kim ngạch xuất khẩu (XK)": a bracket right after the phrase names it
# again. Not one that narrows it ("kim ngạch xuất khẩu (trừ dầu thô)", "chỉ số sản xuất công nghiệp
# (không kể dầu khí)"): that is the record's scope (Conventions), read as one written without brackets.
ABBREV_RE = re.compile(r"\s*\((?!\s*(?:trừ|không\s+(?:kể|tính|bao\s+gồm)|loại\s+trừ|kể\s+cả|tính\s+cả|bao\s+gồm\s+cả)(?!\w))[^()\d]{1,30}\)",
                       re.IGNORECASE)


_EVENT_START = attrgetter("start")


# The spending's bare "chi" (after the revenue: "thu ngân sách 8.600 tỷ đồng, chi 7.900 tỷ
# đồng", "chi ước đạt 3.100 tỷ đồng") is a subject only with its figure or its verb right after it;
# the same letters open "chi phối", "chi phí", "chi trả", "chi cục", which name no spending.
_SPENDING_FIGURE_AFTER_RE = re.compile(
    r"\s+(?:ước\s+(?:tính\s+)?)?(?:(?:đạt|là|thực\s+hiện)\s+)?(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+)?\d")


# The public investment named bare ("Đầu tư công đạt 4.300 tỷ đồng") is a subject only with
# the verb of what was done and an amount in đồng right after it (a period may stand between: "vốn
# đầu tư công 6 tháng ước đạt 2.150 tỷ đồng"): "đã phân bổ", "được giao" name the capital allotted.
_PUBLIC_INVESTMENT_DONE_AFTER_RE = re.compile(
    r"(?:\s+(?:tháng|quý|năm|\d{1,2}\s+tháng)[\w/ ]{0,18}?)?\s+(?:ước\s+(?:tính\s+)?)?(?:đạt|thực\s+hiện)\s+"
    r"(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+)?\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+|triệu\s+)?(?:tỷ|tỉ)(?!\w)")


def bare_public_investment_without_amount(text: str, mt: Mention) -> bool:
    """The weak "đầu tư công" of WEAK_PHRASES with no verb and amount of its own after it (asked
    before the finders of uncatalogued subjects, which yield to a catalogue phrase: "được giao 5.120
    tỷ đồng vốn đầu tư công" stays the plan assigned_capital_mentions reads)."""
    return (mt.weak and mt.code == "public_investment_disbursed"
            and not _PUBLIC_INVESTMENT_DONE_AFTER_RE.match(text, mt.end))


def _bare_spending_without_figure(text: str, mt: Mention) -> bool:
    """The bare "chi" of CONTEXT_PHRASES with no figure or verb of its own right after it."""
    return mt.end - mt.start == 3 and mt.code == "budget_expenditure" and not _SPENDING_FIGURE_AFTER_RE.match(text, mt.end)


_COMPARED_GROWTH_BEFORE_RE = re.compile(r"(?<!\w)(?:cao|thấp|nhanh|chậm)\s+hơn(?:\s+so\s+với|\s+mức)?\s+$")


# The growth a branch adds to or drives is no subject of the figures after it: "ngành công nghiệp là
# động lực chính cho tăng trưởng kinh tế của tỉnh, tăng 12,5%", "đóng góp lớn vào tăng trưởng GRDP",
# "góp phần thúc đẩy tăng trưởng kinh tế" (the rate is the branch's, a sector's growth: no record).
_CONTRIBUTES_TO_BEFORE_RE = re.compile(
    r"(?<!\w)(?:đóng\s+góp|góp\s+phần|động\s+lực|vai\s+trò|thúc\s+đẩy)(?!\w)[^,;:()%\d]{0,40}?"
    r"(?:(?<!\w)(?:vào|cho|trong|của|đến|tới)\s+)?(?:(?:mức|tốc\s+độ)\s+)?$")


# "tỷ lệ vốn đầu tư phát triển so với GRDP", "thu ngân sách trên GRDP", "tỷ lệ nợ công/GRDP": the
# economy's product as what a ratio divides by (the words right before it, as the text is folded);
# "tỷ trọng GRDP du lịch đạt 3%", "tỉ trọng GDP của ngành dịch vụ": the share a branch holds of it.
_RATIO_TO_GDP_BEFORE = ("so với ", " trên ", "/", "tỷ trọng ", "tỉ trọng ")


# "Tỷ trọng dịch vụ trong GRDP tăng từ 30,5% năm 2016 lên 41,2% năm 2020", "tỷ trọng đóng góp của
# ngành chế biến trong GDP", "chiếm 38% trong cơ cấu GRDP": the economy's product as the whole a branch's share is
# of (a share word earlier in the clause, "trong" right before the product), no growth of it.
_SHARE_OF_GDP_BEFORE_RE = re.compile(
    r"(?<!\w)(?:tỷ\s+trọng|tỉ\s+trọng|cơ\s+cấu|chiếm)(?!\w)[^,;:()]{0,60}?(?<!\w)trong\s+(?:cơ\s+cấu\s+)?$")


# "điện sản xuất đạt 950 triệu kWh (bao gồm cả điện sản xuất tự dùng của nhà máy giấy 120 triệu kWh)",
# "(kể cả thu ngân sách của cấp huyện 820 tỷ đồng)": a bracket that says what the total counts in, and
# names the total's own phrase again, gives one user's or one maker's share of it, a split (by who
# uses or makes it) that is no record; a part the catalogue knows ("thu nội địa") has its scope.
_INCLUDED_IN_BRACKETS_BEFORE_RE = re.compile(r"\(\s*(?:bao\s+gồm|gồm|kể|tính)\s+cả\s+$")


_OWN_RATE_IN_BRACKETS_RE = re.compile(r"[^,;:()%\d]{0,30}\(\s*(?:ước\s+)?(?:đạt\s+|là\s+)?\d")


# "… đã giải ngân được", "… giải ngân": the disbursed part of foreign investment right after its phrase.
_FDI_DISBURSED_AFTER_RE = re.compile(r"(?:\s*\([^()]{1,12}\))?\s+(?:ước\s+(?:tính\s+)?)?(?:đã\s+)?giải\s+ngân(?!\w)")


# "tín dụng cả nền kinh tế", "dư nợ cho vay toàn nền kinh tế": the whole economy as the borrower.
_CREDIT_OF_ECONOMY_BEFORE_RE = re.compile(r"(?<!\w)(?:tín\s+dụng|cho\s+vay|dư\s+nợ)\s+(?:cả|toàn)\s+$")


# "tỷ trọng công nghiệp, xây dựng và dịch vụ trong GRDP 73,7%", "tỉ trọng khu vực dịch vụ trong cơ cấu
# GRDP đạt 38%": the GRDP named as the whole a sector's share is of; the percent after it is that
# share (not a record), never the economy's growth. (Words and list marks only between: no figure.)
# (Words split by spaces, commas or dashes only: each word's letters taken once, so a failed search
# stays linear.)
_SHARE_IN_WHOLE_BEFORE_RE = re.compile(r"(?<!\w)t[ỷỉ]\s+trọng(?:[\s,-]+[^\W\d]+){1,12}?\s+trong(?:\s+cơ\s+cấu)?\s+$")


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
        "từ " in text or "thị trường" in text or "cửa khẩu" in text or "bằng đường" in text
        or NATION_RE.search(text) is not None)
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
        if mt.needs is not None and _bare_spending_without_figure(text, mt):
            continue
        if mt.code == "tourist_arrivals" and text.startswith("khách", mt.start) and text.endswith("hành ", 0, mt.start):
            continue  # "hành khách đến sân bay …": passengers carried, no visitors ("khách đến Quảng Ninh")
        if mt.code == "tourist_arrivals" and text.startswith(" hàng", mt.end) and text.endswith("khách", 0, mt.end):
            continue  # "với 1.038 lượt khách hàng vay vốn": a bank's customers, no visitors
        if mt.scope is not None and "là " in text[max(0, mt.start - 4):mt.start] \
                and _MOSTLY_BEFORE_RE.search(text, max(0, mt.start - 16), mt.start) and _NO_FIGURE_AFTER_RE.match(text, mt.end):
            # The total's make-up, said of it in passing: "đón 2,9 triệu lượt khách, chủ yếu là khách
            # nội địa, giảm 25%": what the whole mostly is, no part with figures of its own (the change
            # after the comma is the total's, read past these words as past any aside).
            continue
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
        if code == "grdp_growth" and not foreign and text.find("trọng", max(0, mt.start - 90), mt.start) >= 0 \
                and _SHARE_IN_WHOLE_BEFORE_RE.search(text, max(0, mt.start - 90), mt.start):
            foreign = True  # "tỷ trọng công nghiệp - xây dựng trong GRDP 73,7%": a share of the GRDP, no growth
        # "chiếm 60% tổng dư nợ với 1,2 triệu tỉ đồng": the whole a share is of names no subject.
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
    if "cấp " in text and ("budget_revenue" in mention_codes or "budget_expenditure" in mention_codes):
        _budget_levels_named(scan)
    if "grdp_growth" in mention_codes and "giá trị sản xuất" in text:
        _gross_output_named(scan)
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
        # "điều chỉnh tăng vốn cho 14 lượt dự án FDI, tổng vốn đầu tư đăng ký tăng 57 triệu
        # USD và 5 dự án DDI, tổng vốn đầu tư đăng ký tăng hơn 420 tỷ đồng": what adjusted
        # projects added: FDI's added part in dollars, no record in đồng (Conventions).
        if _next_amount_in_dollars(text, end):
            code, scope = "fdi_capital", adjusted
        else:
            not_new = True
    elif code == "fdi_capital" and scope is None and "giải ngân" in text[end:end + 24] \
            and _FDI_DISBURSED_AFTER_RE.match(text, end):
        # "các dự án đầu tư nước ngoài đã giải ngân được …", "vốn FDI giải ngân …": what foreign
        # projects spent is the FDI carried out ("vốn FDI thực hiện") under another verb, a record of
        # its own beside the capital registered, the disbursement its scope.
        scope = "giải ngân"
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
    """The phrase names no subject of the figures after it ("foreign"): a part, not the total
    ("xuất khẩu sang Hoa Kỳ", "khách đến từ châu Á", one bank's balance), another
    rate compared with ("cao hơn tăng trưởng tín dụng toàn ngành là 1,06%"), or a running total of
    the split just named. ``gates``: the words _mention_events found in the sentence, asked once."""
    exits, uses_of_gdp, may_by_source, may_market, from_market, may_bank, may_contribute = gates
    if _names_no_total(s, text, mt.start, end, code == "fdi_capital") or not_new is not None or (mt.code in _CAPITAL_OF_PROJECTS and (
            (exits and _exit_of_last_count(text, text.rfind(";", 0, mt.start) + 1, mt.start))
            or (text.endswith(("với ", "có "), 0, mt.start)
                and (_OTHER_FIRMS_CAPITAL_BEFORE_RE.search(text, max(0, mt.start - 110), mt.start)
                     or _HOUSEHOLDS_CAPITAL_BEFORE_RE.search(text, max(0, mt.start - 80), mt.start)
                     or ("cơ sở" in text and _ESTABLISHMENTS_CAPITAL_BEFORE_RE.search(
                         text, max(0, mt.start - _ESTABLISHMENTS_WINDOW), mt.start)))))):
        return True
    if mt.code in _CAPITAL_OF_PROJECTS and capital_of_zoned_projects(text, mt.start):
        return True  # "… 4 dự án ngoài KCN với tổng vốn …": the total's split by place
    if uses_of_gdp and mt.code in TRADE_CODES:
        return True
    if mt.code == "tourist_arrivals" and text.endswith("ngày ", 0, mt.start):
        # Guest-days, the statistics offices' "ngày khách" ("số ngày khách lưu trú đạt 610.000 ngày
        # khách", "ngày khách du lịch theo tour"): the nights the visitors stayed, counted apart from
        # the visits; its figures are no arrivals (nor the visits' part "khách lưu trú").
        return True
    if mt.code == "tourist_arrivals" and may_by_source and (_BY_SOURCE_AFTER_RE.match(
            text, end - 4 if text.endswith(" đến", 0, end) else end) or visitors_of_a_nation(s, text, end)):
        return True  # (after "khách đến" as after "khách": "Khách đến Việt Nam từ châu Á …"; "lượt khách Nga")
    if mt.code == "tourist_arrivals" and may_by_source and market_is_the_subject(s, text, mt.start, end):
        return True  # "thị trường Hàn Quốc với 60.200 lượt khách"
    if may_market and mt.code in TRADE_CODES and _TO_MARKET_AFTER_RE.match(text, end):
        return True
    if mt.code in TRADE_CODES and "hàng" in text[max(0, mt.start - _GOODS_WINDOW):mt.start] and _goods_before(text, mt.start):
        return True
    if mt.code in TRADE_CODES and "hàng" in text[end:end + 20] and _GOODS_AFTER_RE.match(text, end):
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
    if mt.code == "public_investment_disbursed" and text[end:end + 1] == " " and _disburses_loans(text, end):
        return True
    if mt.code == "grdp_growth" and ("vực" in text[end:end + 40] or "ngành" in text[end:end + 40]) \
            and _SECTOR_AFTER_GROWTH_RE.match(text, end):
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
        # "… đóng góp đáng kể vào tốc độ tăng trưởng GRDP của thành phố (đạt 7,2%)": its own rate in brackets.
        return True
    if mt.scope is None and text.endswith(" cả ", 0, mt.start) and mentions and mentions[-1].data["code"] == mt.code \
            and _INCLUDED_IN_BRACKETS_BEFORE_RE.search(text, max(0, mt.start - 16), mt.start):
        return True
    if mt.code == "grdp_growth" and text.endswith(("trong ", "cấu "), 0, mt.start) \
            and _SHARE_OF_GDP_BEFORE_RE.search(text, max(0, mt.start - 90), mt.start):
        return True
    # "tỷ lệ vốn đầu tư phát triển so với GRDP đạt 34%": the denominator of a ratio, no growth.
    return mt.code == "grdp_growth" and text.endswith(_RATIO_TO_GDP_BEFORE, 0, mt.start)


# "chủ yếu là", "phần lớn là", "đa phần là", "đa số là" right before a part (lower-cased text).
_MOSTLY_BEFORE_RE = re.compile(r"(?<!\w)(?:chủ\s+yếu|phần\s+lớn|đa\s+phần|đa\s+số)\s+là\s+$")
# The part's phrase ends its clause: no figure of its own follows before the break.
_NO_FIGURE_AFTER_RE = re.compile(r"\s*[,;.)]")


_BUDGET_CODES = frozenset(("budget_revenue", "budget_expenditure"))


_BALANCE_CODES = frozenset(("credit_outstanding", "deposits_mobilized"))


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
        # A context phrase whose own sentence names what it is about (its object, its government
        # actor: "toàn tỉnh đã giải ngân …") names it as the catalogue's phrase would.
        named_here = False
        if needs is not None and topics is not None and needs not in topics[0] and needs not in topics[1]:
            if not _object_named_after(s, e):
                continue  # a context phrase in a paragraph not about its related indicator
            named_here = True
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
        if topics is not None and (needs is None or named_here or (needs == e.data["code"] and e.data["scope"] is not None)):
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


# "…; hàng cà phê xuất khẩu đạt 410 triệu USD", "Hàng gỗ trị giá xuất khẩu … ước đạt 95 triệu USD", "nhóm
# hàng thủy sản xuất khẩu …": a group of goods ("hàng" and its name) opening the clause right before a trade
# phrase is what was traded, so the figure is that group's, a split by commodity (Conventions). Not goods at
# large ("hàng hóa xuất khẩu"), nor "hàng" of time or of count ("hàng tháng", "hàng chục"), nor a bank's or
# a shop's name ("Ngân hàng TMCP Xuất nhập khẩu").
_GOODS_WINDOW = 50
_GOODS_BEFORE_RE = re.compile(
    r"(?:^|[,;:.]\s*|(?<!\w)(?:các|những|nhóm|mặt|ngành)\s+)hàng\s+"
    r"(?!(?:hóa|hoá|tháng|năm|quý|ngày|tuần|chục|trăm|nghìn|ngàn|triệu|tỷ|tỉ|loạt|đầu|không)(?!\w))"
    r"[^\s\d,;:()]+(?:\s+[^\s\d,;:()]+){0,4}\s+$")


# "GRDP khu vực công nghiệp và xây dựng tăng 9,35%", "tăng trưởng GRDP khu vực dịch vụ đạt 7,4%", "GRDP
# (giá so sánh) của ngành công nghiệp tăng 6,4%", "GRDP lĩnh vực dịch vụ", "… ngành du lịch": a sector of the economy right after the growth phrase
# owns the growth, a split by sector that is no record (Conventions), not the economy's. The split
# reading after other phrases (_BRANCH_AFTER_RE) leaves industry, construction and services out, since
# "giá trị sản xuất ngành công nghiệp" and "chỉ số sản xuất ngành công nghiệp" are industry's own
# wordings; after a growth phrase no sector is the whole, so here they are a split too.
_SECTOR_AFTER_GROWTH_RE = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:của\s+)?(?:các\s+)?(?:khu\s+vực|lĩnh\s+vực|nhóm\s+ngành|ngành)\s+(?:kinh\s+tế\s+)?"
    r"(?:công\s+nghiệp|dịch\s+vụ|xây\s+dựng|thương\s+mại|du\s+lịch|nông|lâm|thủy|thuỷ|khai\s+khoáng|chế\s+biến)(?!\w)")


# "kim ngạch xuất khẩu hàng dệt may của Việt Nam vào thị trường Hoa Kỳ … đạt 4,36 tỷ USD", "nhập khẩu
# hàng tiêu dùng tăng 8%": the group of goods ("hàng" and its name) right after the trade phrase is what
# was traded, the same split as the goods opening the clause (_GOODS_BEFORE_RE). Not goods at large
# ("kim ngạch xuất khẩu hàng hóa", "… hàng hoá và dịch vụ"), nor "hàng" of time or of count ("hàng năm",
# "hàng chục"), nor "hàng đầu" (leading).
_GOODS_AFTER_RE = re.compile(
    r"\s+(?:của\s+)?(?:các\s+|những\s+|nhóm\s+)?hàng\s+"
    r"(?!(?:hóa|hoá|tháng|năm|quý|ngày|tuần|chục|trăm|nghìn|ngàn|triệu|tỷ|tỉ|loạt|đầu|không)(?!\w))[^\s\d,;:()]")


def _goods_before(text: str, start: int) -> bool:
    """A group of goods opens the clause right before the trade phrase at ``start`` (lower-cased
    ``text``): _GOODS_BEFORE_RE."""
    return _GOODS_BEFORE_RE.search(text, max(0, start - _GOODS_WINDOW), start) is not None


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
    # (a count in brackets details the one before it: "9 dự án (KCN có 4 dự án), với vốn …")
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
    "bổ sung vốn", "điều chỉnh vốn"))


def _next_amount_in_dollars(text: str, at: int) -> bool:
    stop = text.find(";", at, at + 90)
    m = _AMOUNT_RE.search(text, at, at + 90 if stop < 0 else stop)
    return m is not None and m.group(1) != "đồng"


# "tổng số vốn đăng ký bổ sung vào nền kinh tế", "tổng số vốn đăng ký vào nền kinh tế", "số doanh
# nghiệp thành lập mới và doanh nghiệp quay
# trở lại hoạt động": new and existing firms together, which is neither indicator.
_NOT_NEW_AFTER = {
    "registered_capital": re.compile(r"\s+(?:bổ\s+sung|tăng\s+thêm|vào\s+nền\s+kinh\s+tế)(?!\w)"),
    "new_enterprises": re.compile(r"\s+và\s+(?:(?:doanh\s+nghiệp|dn)\s+)?(?:quay|tái|hoạt\s+động\s+trở\s+lại)(?!\w)"),
}


# "cấp mới 178 giấy chứng nhận đăng ký hộ kinh doanh với số vốn đăng ký 36,3 tỷ đồng" (district
# reports): household businesses' capital, no enterprise's.
_HOUSEHOLDS_CAPITAL_BEFORE_RE = re.compile(r"hộ\s+kinh\s+doanh[^,;:()]{0,40}?\s(?:với|có)\s+$")


# "có 8 doanh nghiệp, 17 cơ sở mới thành lập, chủ yếu ngành chế biến …, với tổng vốn 35 tỷ đồng": firms
# counted together with establishments ("cơ sở": workshops and household units, no enterprises), as an
# industry department reports the units set up in its branch; the capital after them is of both, no
# registered capital of new enterprises. The branches they work in may be listed between (commas, no figure
# and no ';').
_ESTABLISHMENTS_WINDOW = 220
_ESTABLISHMENTS_CAPITAL_BEFORE_RE = re.compile(
    r"\d[\d.,]*\s+(?:doanh\s+nghiệp|dn)\s*(?:,|và)\s*\d[\d.,]*\s+cơ\s+sở(?!\w)[^;:()\d]{0,200}?\s(?:với|có)\s+$")


# "toàn tỉnh ước có 12.465 doanh nghiệp đăng ký kinh doanh với số vốn đăng ký …": their capital.
_OTHER_FIRMS_CAPITAL_BEFORE_RE = re.compile(
    r"\d[\d.,]*\s+(?:doanh\s+nghiệp|dn)" + _OTHER_FIRMS_AFTER_RE.pattern + r"[^,;:()]{0,40}?\s(?:với|có)\s+$")


# "thực hiện giải ngân cho vay 350 tỷ đồng", "giá trị giải ngân các gói tín dụng": a bank's or a
# programme's loans paid out ("tổng giá trị giải ngân vốn vay của chi nhánh"), not public investment (a disbursement phrase names the state's capital
# only bare or with its capital after it: "giải ngân vốn đầu tư công", "… vốn ODA").
_LOANS_PAID_OUT = (" cho vay", " tín dụng", " gói", " các gói", " vốn vay của")


def _disburses_loans(text: str, end: int) -> bool:
    """After a disbursement phrase ending at ``end`` (text lower-cased), loans or a credit package."""
    return text.startswith(_LOANS_PAID_OUT, end)
