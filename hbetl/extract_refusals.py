"""Refusals: the words that only look like an event, and the predicates that refuse them.

find_events (hbetl/extract_events.py) reads a sentence's events; most of its size was the
vocabulary of look-alikes it must turn down where the text is at hand: a target word that
reaches a plan ("đạt và vượt kế hoạch đề ra"), a period that names the plan a figure is
measured against ("73,7% kế hoạch năm 2022"), a phrase that names a split or no total
("dư nợ cho vay nông nghiệp", "các tỉnh trên 1.000 tỷ đồng"), a bare "tăng trưởng" that
opens a clause of its own, a weak phrase ("xuất khẩu", "thành lập mới") whose first figure
is not in its indicator's unit.  These are small predicates over the text and a position,
with their regexes and word lists (CONTINUATION_WORDS, fits and plan_share_rate are shared
with the walk of hbetl/extract_walk.py, which takes them from extract_events); they make
no events, so they live here, apart from the finders that do, and can be read (and tested)
on their own.  This module imports nothing from the finders at run time (Event, from
extract_scan, is named for annotations only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from hbetl.indicators import (
    GOAL_REACHED_VERBS_PATTERN,
    GOAL_WORDS_PATTERN,
    TRADE_CODES,
    Mention,
    load_catalogue,
)

if TYPE_CHECKING:
    from hbetl.extract_scan import Event


# What a share of a plan is measured against; "nhiệm vụ chi" is the spending the budget assigns;
# "nghị quyết" the target a council's resolution set ("đạt 109,2% Nghị quyết", "bằng 145,84% Nghị quyết").
_PLAN_REF = rf"{GOAL_WORDS_PATTERN}|KH|dự\s+toán|nhiệm\s+vụ\s+(?:chi|thu)|nghị\s+quyết"


def _may_target(text: str) -> bool:
    """False only where TARGET_RE cannot match (``text`` lower-cased): a word each of its phrases
    holds ("đấu", "kiến", "báo", "hướng", "kịch", "sẽ", "giao … thu"), "tiêu" only with "mục" or
    "chỉ" (a goal, not "tiêu dùng"), "hoạch" only with "đặt" or "đề" (a plan set, not reached),
    and substring tests in C rather than a scan of the sentence: 58
    of the fixtures' 511 walked sentences pass, not 121, and TARGET_RE's scan of them and the
    test together went 1.08 -> 0.79 ms (tests/test_extract_fast_paths.py checks it)."""
    return ("đấu" in text or "kiến" in text or "báo" in text or "hướng" in text or "kịch" in text or "sẽ " in text
            or ("tiêu" in text and ("mục" in text or "chỉ" in text))
            or ("hoạch" in text and ("đặt" in text or "đề" in text))
            or ("giao" in text and "thu" in text and _ASSIGNED_REVENUE_RE.search(text) is not None))


_ASSIGNED_REVENUE_RE = re.compile(r"giao(?:\s+số)?\s+thu\s+(?:ngân\s+sách|nsnn|nội\s+địa)")


# What makes a target word no cue: a plan reached ("đạt và vượt kế hoạch đề ra", "các chỉ
# tiêu đều vượt"), or striving as a noun ("với sự cố gắng phấn đấu của toàn Đảng bộ").
_REACHED_BEFORE_RE = re.compile(rf"(?:{GOAL_REACHED_VERBS_PATTERN}|bằng|so\s+với)(?:\s+và\s+vượt)?\s*$", re.IGNORECASE)


# "các chỉ tiêu đều đạt", "các chỉ tiêu chủ yếu của ngành năm 2019 đạt và vượt kế hoạch đề ra, như: …":
# the indicators, named with what they are about (up to sixteen words, a period's numbers among them:
# "6 tháng đầu năm 2024"; within the clause, no figure),
# reported as reached. Not when the words say what they will be ("các chỉ tiêu chủ yếu năm 2024 là
# tăng trưởng GRDP đạt 8%", "… phấn đấu đạt …").
# "các chỉ tiêu của ngành đều tăng so với cùng kỳ": the indicators all rose, results reported (not
# "các chỉ tiêu tăng trưởng", growth targets: only after "đều").
_REACHED_AFTER_RE = re.compile(
    r"\s*(?:(?!(?:là|gồm|như|phấn|dự|sẽ|cần|phải|cụ)(?!\w))(?:[^\s\d,;:()%]+|\d+(?:/\d+)?(?=\s))\s+){0,16}?"
    rf"(?:(?:đều\s+)?{GOAL_REACHED_VERBS_PATTERN}|đều\s+(?:có\s+)?(?:tăng|giảm)(?!\s+trưởng))(?!\w)", re.IGNORECASE)


# "Kết quả thực hiện các chỉ tiêu …", "Tình hình thực hiện một số chỉ tiêu: …": results reported.
_RESULTS_BEFORE_RE = re.compile(r"(?:kết\s+quả|tình\s+hình)(?:\s+thực\s+hiện)?(?:\s+(?:một\s+số|các))?\s*$", re.IGNORECASE)


def _results_before(s: str, m: re.Match[str]) -> bool:
    return _RESULTS_BEFORE_RE.search(s, max(0, m.start() - 40), m.start()) is not None


_EFFORT_BEFORE_RE = re.compile(r"(?<!\w)sự(?:\s+(?:cố\s+gắng|nỗ\s+lực))?\s*$", re.IGNORECASE)


_EFFORT_AFTER_RE = re.compile(r"\s+của(?!\w)", re.IGNORECASE)


def _reaches_or_names_effort(s: str, m: re.Match[str]) -> bool:
    word = " ".join(m.group(0).lower().split())
    before = s[max(0, m.start() - 20):m.start()]
    if word.startswith("phấn đấu"):
        return bool(_EFFORT_BEFORE_RE.search(before) or _EFFORT_AFTER_RE.match(s, m.end()))
    if word.startswith(("kế hoạch", "chỉ tiêu")):
        # "vượt chỉ tiêu đề ra": reached, not set; "Kết quả thực hiện một số chỉ tiêu: …": results
        return bool(_REACHED_BEFORE_RE.search(before)
                    or (word.startswith("chỉ tiêu") and _results_before(s, m)))
    if word == "các chỉ tiêu":
        # "Kết quả các chỉ tiêu của Ngành 9 tháng đầu năm 2018: Giá trị SXCN ước đạt …", "tình hình
        # thực hiện các chỉ tiêu": the indicators' results, reported, not targets set.
        return bool(_REACHED_AFTER_RE.match(s, m.end()) or _results_before(s, m))
    if word.startswith("mục tiêu") and word.endswith(" ra"):
        # "GRDP … ước đạt trên 522 nghìn tỷ đồng, vượt mục tiêu đề ra; tốc độ tăng trưởng ước đạt
        # 10,27%", "chưa đạt mục tiêu đề ra khi mới ở mức 58,33%": a goal reached (or not), as
        # "vượt kế hoạch đề ra", not one set; its own rate in brackets after it is the target
        # ("vượt mục tiêu đặt ra (9%)"), as is the one it names ("đạt mục tiêu đề ra là tăng trưởng 8%").
        return (bool(_REACHED_BEFORE_RE.search(before)) and not _RATE_IN_BRACKETS_RE.match(s, m.end())
                and not _GOAL_NAMED_AFTER_RE.match(s, m.end()))
    if "kịch bản" in word:
        # "tăng 0,41% so với kịch bản", "vượt kịch bản đề ra": measured against the scenario, reached;
        # its own rate in brackets after it is the target ("đạt mục tiêu theo kịch bản đề ra (tăng 9,4%)").
        return bool(_SCENARIO_REACHED_BEFORE_RE.search(before)) and not _RATE_IN_BRACKETS_RE.match(s, m.end())
    if word.startswith("dự"):
        # "dự kiến cả 17/17 chỉ tiêu đạt và vượt mục tiêu đề ra": the targets expected reached;
        # a figure after it ("…; tốc độ tăng trưởng ước đạt 9,54%") is no target.
        return bool(_TARGETS_REACHED_AFTER_RE.match(s, m.end()))
    return False


_SCENARIO_REACHED_BEFORE_RE = re.compile(rf"(?<!\w)(?:so\s+với|so|{GOAL_REACHED_VERBS_PATTERN}|vượt\s+qua|bám\s+sát|cao\s+hơn|thấp\s+hơn)\s*$",
                                         re.IGNORECASE)


_RATE_IN_BRACKETS_RE = re.compile(r"\s*\(\s*(?:tăng\s+|đạt\s+)?\d")


_GOAL_NAMED_AFTER_RE = re.compile(r"\s*(?:là(?!\w)|:)", re.IGNORECASE)


_TARGETS_REACHED_AFTER_RE = re.compile(
    rf"\s*(?:\S+\s+){{0,3}}?(?:các\s+)?chỉ\s+tiêu(?:\s+\S+){{0,3}}?\s+(?:đều\s+)?{GOAL_REACHED_VERBS_PATTERN}(?!\w)", re.IGNORECASE)


# "vốn đăng ký bình quân một doanh nghiệp", "… bình quân của một doanh nghiệp" (an average per firm);
# the slash may stand right after the word: "vốn điều lệ đăng ký bình quân/1 doanh nghiệp".
AVERAGE_RE = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:bình\s+quân|trung\s+bình)(?:\s*/|\s+(?:của\s+(?=một|mỗi))?(?:một|mỗi|trên|đầu|đạt|là))",
                        re.IGNORECASE)


_AVERAGE_LOWER_RE = re.compile(AVERAGE_RE.pattern)


# "so với kế hoạch đề ra đầu năm 2022 là 8,42%", "vượt xa so với mục tiêu theo Nghị quyết Đại hội
# Đảng bộ tỉnh lần thứ XIX đến năm 2025 là 1,765 tỷ USD": the plan's own figure, stated after the
# plan is named (its words run to 14 in the longest seen, a resolution's full name).
_PLAN_STATED_BEFORE_RE = re.compile(
    r"(?<!\w)(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|dự\s+toán)(?:\s+[^\s\d,;:()%]+|\s+\d{4}){0,16}\s+(?:là|ở\s+mức)\s*$",
    re.IGNORECASE)


def _states_a_plan(s: str, start: int) -> bool:
    window = s[max(0, start - 100):start]
    return ("là" in window or "mức" in window) and bool(_PLAN_STATED_BEFORE_RE.search(window))


# "còn cách xa so với mục tiêu 95% đã đề ra", "mục tiêu 8% của năm": the goal's figure written
# right after the word; "vượt mục tiêu 5%" is by how much a goal was passed.
# (Not _GOAL_RIGHT_BEFORE_RE, a growth's goal of any kind: two merged branches once gave both
# one name, and the later silently served both.) Not the targeted programmes ("chi cho các chương trình
# mục tiêu 1.258 tỷ đồng"): a head of spending, its amount spent.
_GOAL_FIGURE_BEFORE_RE = re.compile(r"(?<!\w)(?<!vượt\s)(?<!trình\s)mục\s+tiêu\s*$", re.IGNORECASE)


def _names_the_goal_right_before(s: str, start: int) -> bool:
    return s.find("tiêu", start - 8 if start > 8 else 0, start) >= 0 and bool(
        _GOAL_FIGURE_BEFORE_RE.search(s, start - 20 if start > 20 else 0, start))


# "dư nợ cho vay nông nghiệp, nông thôn", "vốn đầu tư khu vực nhà nước", "kim ngạch xuất khẩu
# nông sản", "CPI nhóm giao thông", "kim ngạch xuất nhập khẩu của khối doanh nghiệp FDI": a split by
# sector, ownership, branch, commodity or group of goods, which is no record (Conventions).
_BRANCH_AFTER_RE = re.compile(
    # "vốn FDI vào ngành công nghiệp chế biến, chế tạo đạt 964 triệu USD": one branch's capital.
    # "kim ngạch xuất khẩu của ngành da giày", "… ngành công nghiệp dệt may của tỉnh", "… của mặt hàng
    # này": the branch or item the trade is of, after "của" or "ngành công nghiệp" as well.
    r"\s+(?:của\s+)?(?:(?:ngành(?:\s+công\s+nghiệp(?=\s+(?:dệt|da|chế)))?|khu\s+vực|lĩnh\s+vực|cho\s+vay|đối\s+với|(?:đầu\s+tư\s+)?vào(?:\s+(?:các\s+)?(?:ngành|lĩnh\s+vực))?|"
    r"(?:cung\s+ứng\s+|cấp\s+)?cho|phục\s+vụ)\s+)?"
    r"(?:nhóm|công\s+nghiệp\s+chế\s+biến|(?:của\s+)?khối\s+doanh\s+nghiệp|hộ\s+cá\s+thể|cá\s+thể|nông\s+nghiệp|nông\s+thôn|nông,?\s+lâm|lâm\s+nghiệp|thủy\s+sản|thuỷ\s+sản|chế\s+biến|khai\s+khoáng|"
    r"bất\s+động\s+sản|tiêu\s+dùng|chính\s+sách|nhà\s+nước|ngoài\s+nhà\s+nước|kinh\s+tế\s+nhà\s+nước|"
    # "giá trị sản xuất công nghiệp ngoài quốc doanh": the older name of the non-state sector.
    r"(?:ngoài\s+)?quốc\s+doanh|"
    # "xuất khẩu của các doanh nghiệp trong nước", "kim ngạch xuất khẩu của khu vực kinh tế trong nước":
    # the firms of one kind of owner, a split (Conventions).
    # ("của khu vực doanh nghiệp có vốn đầu tư nước ngoài", "khu vực doanh nghiệp FDI": the same firms.)
    r"(?:của\s+)?(?:các\s+)?(?:khu\s+vực\s+(?=doanh|dn))?(?:doanh\s+nghiệp|dn|khu\s+vực(?:\s+kinh\s+tế)?)\s+(?:trong\s+nước|fdi|có\s+vốn|tư\s+nhân|dân\s+doanh)|"
    r"doanh\s+nghiệp\s+nhà\s+nước|có\s+vốn\s+đầu\s+tư\s+nước\s+ngoài|nông\s+sản|thủy\s+hải\s+sản|dệt\s+may|"
    r"(?<=cho\s)(?:công\s+nghiệp|sinh\s+hoạt|quản\s+lý)|"
    # "tổng dư nợ các chương trình tín dụng chính sách": one programme's loans, or a few (Conventions).
    r"(?:các\s+)?chương\s+trình|"
    # "dư nợ cho vay các lĩnh vực ưu tiên": the priority sectors' loans, a split (Conventions).
    r"các\s+lĩnh\s+vực\s+ưu\s+tiên|ưu\s+tiên|"
    # "kim ngạch xuất khẩu mặt hàng này đạt kỷ lục 4,79 tỷ USD": one item's exports.
    r"(?:các\s+|những\s+)?mặt\s+hàng|"
    # "tổng kim ngạch xuất khẩu điện thoại và linh kiện đạt 30,33 tỷ USD": one group of goods' exports.
    r"điện\s+thoại|linh\s+kiện|máy\s+vi\s+tính|máy\s+móc|rau\s+quả|hạt\s+điều|sắt\s+thép|"
    r"điện\s+tử|gạo|cà\s+phê|hồ\s+tiêu|cao\s+su|sắn|chè|than|may\s+mặc|giày\s+dép|gỗ|lữ\s+hành|"
    # "tổng kim ngạch xuất khẩu cá tra", "kim ngạch xuất khẩu tôm", "… ngành da giày": one product's or branch's exports.
    r"cá\s+tra|tôm|da\s+giày)(?!\w)")


# "Tổng dư nợ 17 chương trình tín dụng chính sách đạt hơn 3.569 tỉ đồng": the policy bank's programmes
# counted, their loans (as "các chương trình" above), no credit of the area.
_PROGRAMMES_COUNTED_AFTER_RE = re.compile(r"\s+\d+\s+chương\s+trình(?!\w)")


# The words _BRANCH_AFTER_RE can open with: any other next word rules it out without a match.
_BRANCH_FIRST_WORDS = frozenset(
    ["vào", "công", "nhóm", "mặt", "những", "linh", "máy", "rau", "hạt", "sắt", "các", "chương", "ưu", "của", "khối", "hộ", "cá", "ngành", "khu", "lĩnh", "cho", "đối", "đầu", "cung", "cấp", "phục", "nông", "lâm", "thủy", "thuỷ", "chế", "khai", "bất", "tiêu", "chính", "nhà", "ngoài", "quốc", "kinh", "doanh", "dn", "có", "dệt", "điện", "gạo", "cà", "hồ", "cao", "sắn", "chè", "than", "may", "giày", "gỗ", "lữ", "tôm", "da"])


# "dư nợ cho vay nhằm hỗ trợ doanh nghiệp vừa và nhỏ đạt khoảng 13.000 tỷ đồng", "dư nợ cho vay
# đối với lĩnh vực nông nghiệp, nông thôn", "dư nợ cho vay phục vụ phát triển nông nghiệp", "dư nợ
# cho vay doanh nghiệp nhỏ và vừa", "dư nợ cho vay hỗ trợ nhà ở xã hội", "dư nợ cho vay trong lĩnh vực nông
# nghiệp nông thôn", "dư nợ tín dụng tam nông" (farming,
# farmers and the countryside): the loans for one purpose
# or to one kind of borrower, a split (Conventions); "dư nợ cho vay đối với nền kinh tế" is the total.
_LENDS_FOR_A_PURPOSE_RE = re.compile(
    r"\s+(?:(?:nhằm|để)\s+)?(?:(?:hỗ\s+trợ|phục\s+vụ|đối\s+với|dành\s+cho|cho|đầu\s+tư\s+vào|trong)\s+)?"
    r"(?:(?:phát\s+triển|lĩnh\s+vực|ngành|các|khu\s+vực)\s+)*"
    r"(?:nông\s+nghiệp|nông\s+thôn|nông,?\s+lâm|tam\s+nông|thủy\s+sản|thuỷ\s+sản|doanh\s+nghiệp\s+(?:nhỏ\s+và\s+vừa|vừa\s+và\s+nhỏ)|"
    r"dn\s+(?:nhỏ\s+và\s+vừa|vừa\s+và\s+nhỏ)|hộ\s+(?:nghèo|cận\s+nghèo|gia\s+đình|sản\s+xuất)|nhà\s+ở|"
    r"xuất\s+khẩu|công\s+nghiệp\s+hỗ\s+trợ|ứng\s+dụng\s+công\s+nghệ\s+cao|xây\s+dựng\s+nông\s+thôn\s+mới)(?!\w)")


def _lends_for_a_purpose(text: str, end: int) -> bool:
    """After a credit phrase ending at ``end``, the loans' purpose or borrower ("nhằm hỗ trợ
    doanh nghiệp vừa và nhỏ"): a split of the credit outstanding, no record."""
    return bool(_LENDS_FOR_A_PURPOSE_RE.match(text, end))


# "giải ngân cho 1.134 khách hàng với dư nợ gần 1.400 tỷ đồng", "142 hộ được nâng mức cho vay với dư
# nợ 11.487 triệu đồng", "334 doanh nghiệp và 23 hợp tác xã có dư nợ 4.800 tỷ đồng": borrowers counted,
# then "với/có dư nợ": the balance of those borrowers (a programme's, a group's), not the area's credit.
# The count is in the clause right before (no ';' between; up to ~80 characters of its own words).
_COUNTED_BORROWERS_BEFORE_RE = re.compile(
    r"\d[\d.,]*\s+(?:lượt\s+)?(?:khách\s+hàng|hộ|doanh\s+nghiệp|hợp\s+tác\s+xã|htx|học\s+sinh|người|lao\s+động)"
    r"(?!\w)[^;:\d]{0,80}?\s(?:với|có|còn)\s+(?:tổng\s+)?$")


def borrowers_balance(text: str, start: int) -> bool:
    """The credit phrase at ``start`` (lower-cased ``text``) opens "với/có dư nợ" after borrowers
    counted in its clause: their own balance, no total of the area's credit."""
    if not text.endswith(("với ", "có ", "còn ", "tổng "), 0, start):
        return False
    return _COUNTED_BORROWERS_BEFORE_RE.search(text, max(0, start - 110), start) is not None


# "20 mặt hàng đạt kim ngạch xuất khẩu trên 1 tỷ USD", "19 tỉnh, thành phố đạt giá trị kim ngạch
# XK từ 1 tỉ USD trở lên": items counted by a threshold, not the total. Only when the threshold
# follows the phrase: "05 địa phương có kim ngạch nhập khẩu cao nhất cả nước lần lượt là …" ranks
# places by their own figures, "các tỉnh Tây Nguyên đã đạt sản lượng lương thực cao nhất …, với
# trên 2,561 triệu tấn" states a region's total.
# (These four are matched on the lower-cased sentence, hence no IGNORECASE.)
_COUNTED_ITEMS_BEFORE_RE = re.compile(
    r"(?:\d+|nhiều|các|một\s+số|những)\s+(?:mặt\s+hàng|nhóm\s+hàng|ngành\s+hàng|sản\s+phẩm|thị\s+trường)"
    r"(?:,?\s+[^\s\d,;:()]+){0,3}?\s+(?:có|đạt)(?:\s+(?:giá\s+trị|trị\s+giá))?\s*$")


_THRESHOLD_AFTER_RE = re.compile(r"\s+(?:(?:từ|trên|hơn|vượt)\s+)?\d")


# Goods counted by a threshold name no total at all; places counted by one ("6 tỉnh, thành phố
# đạt kim ngạch xuất khẩu từ 10 tỷ USD trở lên, trong đó Bắc Ninh (21,5 tỷ USD); …", "7 địa
# phương có GRDP tăng trưởng trên 10%") still name the subject of the places' own figures that
# follow: only the threshold is no figure (_PLACES_OVER_BEFORE_RE, at the figure).
# (National round-ups also write the pair with a slash: "9 tỉnh/thành phố đạt doanh thu du lịch
# từ 10.000 tỷ đồng trở lên", "tỉnh/thành".)
_PLACES_COUNTED = r"(?:địa\s+phương|tỉnh|huyện|xã|địa\s+bàn|thành\s+phố)(?:\s*/\s*(?:thành\s+phố|thành|tỉnh|huyện|thị\s+xã))?"


# So are the provinces' customs and tax offices counted by one ("12/33 Cục Hải quan địa phương có số thu
# ngân sách từ 5.000 tỷ đồng trở lên", "5 Chi cục Thuế đạt số thu ngân sách trên 100 tỷ đồng"): the
# national services' round-ups count their offices as the others count places.
_OFFICES_COUNTED = r"(?:chi\s+)?cục\s+(?:hải\s+quan|thuế)"


# The verb after the places counted is any: "có", "đạt", but also what they did to pass the
# bar ("3 địa phương xuất khẩu trên 20 tỷ USD", "2 địa phương đóng góp kim ngạch … trên 20 tỷ
# USD", "5 tỉnh ghi nhận số thu hơn 1.000 tỷ đồng"): places counted, then a bar with no figure
# or clause break between (a comma only inside the pair "tỉnh, thành phố", wherever it stands: "Trong 5
# thành phố trực thuộc TW, TP. HCM hút vốn … hơn 2,43 tỷ USD" is one city's figure), is the bar
# whatever the verb. The count is of one to three digits, so that a year before a place noun
# ("năm 2022 tỉnh Bắc Ninh xuất khẩu trên 40 tỷ USD") counts nothing.
_PLACES_OVER_BEFORE_RE = re.compile(
    r"(?:(?:(?<![\d.,])\d{1,3}|nhiều|các|một\s+số|những)\s+(?:" + _PLACES_COUNTED + r"|" + _OFFICES_COUNTED + r")|" + _PLACES_COUNTED + r"\s+nào)"
    r"(?:,\s+thành(?!\w)|\s+[^\s\d,;:]+){0,12}\s*$")


_OR_MORE_AFTER_RE = re.compile(r"\s*trở\s+lên(?!\w)")


_PLACE_NOUNS = ("tỉnh", "phương", "địa bàn", "huyện", "phố", "xã", "cục")


def _places_over_threshold(text: str, start: int, end: int, qualifier: str | None) -> bool:
    """The figure at ``text[start:end]`` (lower-cased) is the bar a count of places passes:
    "trên/hơn/vượt X" or "(từ) X trở lên" after "N tỉnh … đạt/có …" or "chưa có địa phương nào đạt …";
    or the bar it stays under: "còn 6 địa phương có tỷ lệ giải ngân đạt dưới 35%"."""
    if qualifier not in ("over", "under") and not ("trở" in text[end:end + 6] and _OR_MORE_AFTER_RE.match(text, end)):
        return False
    lo = start - 110 if start > 110 else 0
    # The regex is tried at each position of its window: only where a counted noun stands in it.
    return any(text.find(w, lo, start) >= 0 for w in _PLACE_NOUNS) and bool(_PLACES_OVER_BEFORE_RE.search(text, lo, start))


# Places listed by name with one floor for them all ("A, B và C được giao mục tiêu tăng trưởng từ 9%
# trở lên", "các tỉnh như A, B, C … cũng nằm trong nhóm … từ 10% trở lên"): the bar the group clears
# or is set, as for places counted (_places_over_threshold), no one place's figure. A floor one
# place sets itself stays its target ("tỉnh phấn đấu tăng trưởng từ 8% trở lên").
def _listed_places_floor(text: str, places: list[Event], start: int, end: int) -> bool:
    """The figure at ``text[start:end]`` (lower-cased) is "(từ) X trở lên" after two or more places
    named in its clause."""
    if not _OR_MORE_AFTER_RE.match(text, end):
        return False
    clause = max(text.rfind(";", 0, start), text.rfind(":", 0, start))
    return sum(1 for p in places if clause < p.start < start) >= 2


# A count of places out of all of them: "37/63 địa phương", "20/34 tỉnh, thành phố", "15/63 tỉnh/thành".
# (Not a rank, "xếp thứ 22/63 địa phương", whose figure is the place's own; not a bare "tỉnh" after a
# date, "đến ngày 30/9 tỉnh đã giải ngân …". Lower-cased text.)
_PLACES_FRACTION_RE = re.compile(
    r"(?<![\w.,/])(?<!thứ\s)(?<!hạng\s)(?<!ngày\s)(?P<some>\d+)/(?P<all>\d+)\s+(?:các\s+)?"
    r"(?:địa\s+phương|tỉnh,?\s*(?:/\s*)?thành(?:\s+phố)?)(?!\w)")


def _places_fractions(text: str, lo: int = 0, hi: int | None = None) -> Iterator[re.Match[str]]:
    """_PLACES_FRACTION_RE's matches in ``text[lo:hi]`` that count some places of all: no more than
    all ("đến 30/9 các tỉnh, thành phố đã giải ngân …" is a date)."""
    for m in _PLACES_FRACTION_RE.finditer(text, lo, len(text) if hi is None else hi):
        if int(m["some"]) <= int(m["all"]):
            yield m


def may_count_places(text: str) -> bool:
    """Whether lower-cased ``text`` holds a count of places out of all (_PLACES_FRACTION_RE): one scan
    a sentence, and only where its words are."""
    return "/" in text and ("địa phương" in text or ("tỉnh" in text and "thành" in text)) and \
        next(_places_fractions(text), None) is not None


def _places_counted_share(text: str, start: int) -> bool:
    """The figure at ``start`` (lower-cased ``text``) is in the clause of a count of places out of all,
    no place named between: what the counted places share, a bar or one common value, no figure of
    any one of them ("hiện có tới 37/63 địa phương tỉ lệ giải ngân là 0%", "có 20/34 địa phương đạt
    tốc độ tăng trưởng GRDP năm 2025 từ 8% trở lên")."""
    lo = start - 140 if start > 140 else 0
    if text.find("/", lo, start) < 0:
        return False
    ends = [m.end() for m in _places_fractions(text, lo, start)]
    if not ends:
        return False
    between = text[ends[-1]:start]
    return not any(c in between for c in ";:")


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


# "47/63 địa phương thu nội địa đạt trên 30% dự toán", "28 tỉnh, thành phố (tỉnh/thành phố) có thu ngân sách tăng":
# the places counted by how their revenue went, no figure of the revenue itself.
_COUNTED_PLACES_BEFORE_RE = re.compile(
    r"(?<![\d.,])\d+(?:/\d+)?\s+(?:địa\s+phương|tỉnh(?:(?:,|\s*/)\s*thành(?:\s+phố)?)?|huyện|xã)\s+(?:có\s+)?$")


# "Trong thu nội địa, thu từ khu vực doanh nghiệp Nhà nước đạt 136.300 tỉ đồng": the whole named
# before a comma, then one of its items (an owner, a tax) that the catalogue does not name.
_WHOLE_OPENS_ITEMS_BEFORE_RE = re.compile(r"(?:^|[,;:(]\s*)trong\s+$")
_WHOLE_OPENS_ITEMS_AFTER_RE = re.compile(r"(?:\s+(?:tháng|quý|năm|\d)[^,;.%]{0,20})?\s*,")


# One bank's balance ("NHCSXH tỉnh Tuyên Quang có tổng dư nợ đạt 2.749 tỷ đồng", "BIDV chi nhánh
# Quảng Ninh có tổng dư nợ đạt …", "tổng dư nợ của Ngân hàng Chính sách xã hội tỉnh …") is a part by
# lender, not the credit or the deposits of the area (as the labelled sets read the policy bank's
# programmes and the banks ranked by what they mobilised). The State Bank's branch reports the area's
# totals: it is not among these names.
_ONE_BANK = (r"(?:ngân\s+hàng\s+(?:chính\s+sách(?:\s+xã\s+hội)?|csxh|nông\s+nghiệp\s+(?:và|&)\s+phát\s+triển|"
             r"đầu\s+tư\s+và\s+phát\s+triển|ngoại\s+thương|công\s+thương|tmcp)|nhcsxh|agribank|bidv|vietcombank|"
             r"vietinbank|sacombank|techcombank|vpbank|lienvietpostbank|lpbank)(?!\w)")
_ONE_BANK_BEFORE_RE = re.compile(_ONE_BANK + r"[^.;:]{0,60}$")
_ONE_BANK_AFTER_RE = re.compile(r"\s+(?:cho\s+vay\s+|huy\s+động\s+)?(?:của|tại)\s+(?:chi\s+nhánh\s+)?" + _ONE_BANK)
# The area's total named between the bank and the figure: "Theo Agribank, tổng dư nợ toàn tỉnh …".
_AREA_TOTAL_RE = re.compile(r"(?<!\w)(?:toàn\s+tỉnh|trên\s+địa\s+bàn|toàn\s+ngành|các\s+tổ\s+chức\s+tín\s+dụng|tctd|"
                            r"các\s+ngân\s+hàng|hệ\s+thống\s+ngân\s+hàng)(?!\w)")
_BANK_WORDS = ("ngân hàng", "nhcsxh", "agribank", "bidv", "vietcombank", "vietinbank", "sacombank", "techcombank",
               "vpbank", "lienvietpostbank", "lpbank")


def one_banks_balance(text: str, start: int, end: int) -> bool:
    """The balance phrase at ``start:end`` (in lower-cased ``text``) is one named bank's: the bank
    before it in its clause, or "của/tại" the bank right after it, and no total of the area between."""
    lo = start - 90 if start > 90 else 0
    if not any(w in text[lo:end + 60] for w in _BANK_WORDS):
        return False
    after = _ONE_BANK_AFTER_RE.match(text, end)
    if after is not None:
        return not _AREA_TOTAL_RE.search(text, end, after.end())
    before = _ONE_BANK_BEFORE_RE.search(text, lo, start)
    return before is not None and not _AREA_TOTAL_RE.search(text, before.start(), min(len(text), end + 30))


# Enforcement before "thu nộp ngân sách": "kiểm tra 12 cơ sở, xử lý 5 vụ vi phạm, thu nộp ngân sách nhà
# nước 38,5 triệu đồng" (market control, inspections) is the fines paid in, not the budget revenue collected.
_FINES_BEFORE_RE = re.compile(r"(?<!\w)(?:vi\s+phạm|xử\s+phạt|xử\s+lý|phạt|truy\s+thu|tịch\s+thu)(?!\w)")


# "Riêng khoản chi cho các chương trình mục tiêu đạt 1.258 tỷ", "khoản chi thường xuyên": one head of the
# budget singled out ("riêng", or "khoản" opening the clause), the part itself; "một số khoản thu …",
# "các khoản …" are items within it.
_ONE_HEAD_BEFORE_RE = re.compile(r"(?:^|[,;:(]\s*|(?<!\w)riêng\s+)khoản\s+$")


def _names_no_budget_total(text: str, start: int, code: str, end: int) -> bool:
    """The budget phrase at ``start:end`` (in lower-cased ``text``) names no total of the budget:
    the deficit ("bội chi NSNN bốn tháng ước 53.600 tỉ đồng" is what spending ran over revenue),
    the shortfall ("hụt thu ngân sách cả năm dự kiến 2.100 tỷ đồng", "thất thu ngân sách …": what the
    revenue will fall short of its estimate by, not revenue collected),
    the places counted by their revenue ("47/63 địa phương thu nội địa đạt trên 30% dự toán"), the fines
    an inspection paid in ("xử lý 5 vụ, thu nộp ngân sách nhà nước 38,5 triệu đồng"), or
    the items within it: "một số khoản thu nội địa vượt dự toán, như thu từ thuế bảo vệ môi trường
    đạt 17.000 tỉ đồng", "Trong thu nội địa, thu từ khu vực doanh nghiệp Nhà nước đạt …"."""
    if code == "budget_expenditure" and text.endswith("bội ", 0, start):
        return True
    if code == "budget_revenue" and (text.endswith("hụt ", 0, start) or text.endswith("thất ", 0, start)):
        return True
    if text.startswith("thu nộp", start) and _FINES_BEFORE_RE.search(text, max(0, start - 120), start):
        return True
    if text.endswith("khoản ", 0, start) and not _ONE_HEAD_BEFORE_RE.search(text, max(0, start - 20), start):
        # … but "các khoản thu do ngành thuế quản lý đạt 4.936,8 tỷ đồng" is all a collector took
        # in: the part by who collects it, no item within it.
        return not (text.endswith("các khoản ", 0, start) and text.endswith("quản lý", start, end))
    if (text.endswith("trong ", 0, start) and _WHOLE_OPENS_ITEMS_BEFORE_RE.search(text, max(0, start - 9), start)
            and _WHOLE_OPENS_ITEMS_AFTER_RE.match(text, end)):
        return True
    window = text[max(0, start - 30):start]
    return ("địa phương" in window or "tỉnh" in window or "huyện" in window or "xã" in window) and bool(
        _COUNTED_PLACES_BEFORE_RE.search(window))


# Between new firms and their charter capital, words that move to other firms or to a stock:
# "…, nâng tổng số DN đang hoạt động đến nay lên 3.801 DN, với tổng vốn điều lệ 74.747 tỷ đồng",
# "… 45 doanh nghiệp đăng ký tăng vốn điều lệ …", "… 15 dự án với tổng vốn điều lệ …". ("từ đầu năm
# đến nay" is the year so far: "nâng tổng số doanh nghiệp thành lập mới từ đầu năm đến nay là 247
# doanh nghiệp với tổng vốn điều lệ khoảng 4.724 tỷ đồng" is the new firms' running total.)
_NOT_NEW_FIRMS_BETWEEN_RE = re.compile(
    r"(?<!\w)(?:đang\s+hoạt\s+động|hiện\s+có|nâng\s+tổng|(?<!năm\s)(?<!\d{4}\s)đến\s+nay|hiệu\s+lực|giải\s+thể|tạm\s+ngừng|"
    r"trở\s+lại|dự\s+án|hợp\s+tác\s+xã|chi\s+nhánh|tăng\s+vốn|tăng\s+thêm|bình\s+quân)(?!\w)", re.IGNORECASE)


def _capital_of_new_firms(s: str, e: Event, kept: list[Event]) -> bool:
    """Charter capital ("tổng vốn điều lệ") is the new firms' registered capital only after them
    in its sentence, with no other firms or stock named between: "320 doanh nghiệp thành lập mới
    với tổng vốn điều lệ 2.150 tỷ đồng". A running total of new firms is no stock: "nâng tổng số
    doanh nghiệp thành lập mới từ đầu năm đến nay là 247 doanh nghiệp với tổng vốn điều lệ …"."""
    last = next((k for k in reversed(kept) if k.data["code"] == "new_enterprises"), None)
    return last is not None and not _NOT_NEW_FIRMS_BETWEEN_RE.search(s, last.end, e.start)


# "đạt 73,7% kế hoạch năm 2022", "vượt kế hoạch được giao cả năm": the period of the plan
# a figure is measured against, not the figure's own (that one is written elsewhere, or
# is the paragraph's). A plan named as a subject ("Kế hoạch năm 2023 giao …") keeps its year.
_PLAN_BEFORE_PERIOD_RE = re.compile(
    # ("đạt 74,5%KH năm 2023": the abbreviation glued to the percent, as district reports write it)
    rf"(?:(?:(?:%|{GOAL_REACHED_VERBS_PATTERN}|bằng|so\s+với|so|thực\s+hiện)\s+|%(?=KH))(?:" + _PLAN_REF + r")"
    # (the plan's giver written in full counts as one word, as its initials do: "dự toán do Hội đồng
    # nhân dân tỉnh giao cả năm" is "dự toán do HĐND tỉnh giao cả năm")
    r"(?:(?:\s+(?:do|được))?\s+(?:hội\s+đồng\s+nhân\s+dân|[ủu]y\s+ban\s+nhân\s+dân))?"
    r"(?:\s+(?!năm\b)[^\s\d,;:()%]+){0,4}"
    # "(theo giá so sánh năm 2010)": the base year of constant prices, no period of a figure either
    # (a year only: "GRDP theo giá so sánh quý I/2023 tăng 7,5%" is the quarter's figure).
    r"|(?P<prices>giá\s+so\s+sánh|giá\s+cố\s+định|kỳ\s+gốc))\s*$", re.IGNORECASE)


_PLAN_BEFORE_PERIOD_LOWER_RE = re.compile(_PLAN_BEFORE_PERIOD_RE.pattern.lower().replace("(?p<", "(?P<"))  # (for text lower-cased: names_the_plan)


_PLAN_WORDS_RE = re.compile(r"kế|kh|dự toán|chỉ tiêu|mục tiêu|kịch bản|nghị quyết|nhiệm vụ|giá|gốc")


# "Số lao động đăng ký của các doanh nghiệp thành lập mới là 68.979 lao động": the phrase
# owns the thing counted, it is not what is counted.
_OWNER_BEFORE_RE = re.compile(r"(?<!\w)của\s+(?:các\s+|những\s+)?$")


# "Vốn thực hiện của các dự án đầu tư nước ngoài ước đạt 8,25 tỷ USD", "vốn đầu tư thực hiện của
# dự án FDI": the capital foreign projects carried out, FDI realised, written as what the projects
# own. The owner's phrase here names the subject (an FDI phrase after this owned capital, a record as
# "vốn FDI thực hiện" is); a running total since ever ("vốn thực hiện lũy kế của …") is not matched.
_REALISED_CAPITAL_OF_BEFORE_RE = re.compile(r"(?<!\w)vốn\s+(?:đầu\s+tư\s+)?thực\s+hiện\s+của\s+(?:các\s+|những\s+)?$")


# "nhóm thuốc và dịch vụ y tế tăng 2,55%, làm CPI chung tăng khoảng 0,13%": what one part adds
# to the overall index (its contribution), not the index's change; but "nguyên nhân … làm CPI
# tháng 4 tăng 0,07%" gives the causes of the change itself.
# "… giảm 1,7% và tác động đến CPI chung giảm 0,07%": the same contribution, as written elsewhere.
_CAUSED_WORDS_BEFORE = r"(?:làm(?:\s+cho)?|tác\s+động\s+(?:đến|tới|vào|lên))\s+$"
_CAUSED_BEFORE_RE = re.compile(r"(?<!\w)" + _CAUSED_WORDS_BEFORE)


# "nhóm giáo dục tăng 15,64% (tác động làm CPI tăng 1,24%)", "(tác động làm CPI bình quân 6 tháng
# tăng 2,49%)": in brackets after one group's change, what that group adds to the index, with or
# without "chung" (a statistics office's release style, reprinted by many papers): the same words
# after the bracket.
_CAUSED_IN_BRACKET_BEFORE_RE = re.compile(r"\(\s*(?:tác\s+động\s+|góp\s+phần\s+)?" + _CAUSED_WORDS_BEFORE)


# "Xét về góc độ sử dụng GDP quý III năm 2018, tiêu dùng cuối cùng tăng 7,02% …; xuất khẩu hàng
# hóa và dịch vụ tăng 15,13%", "Về sử dụng GDP quý III năm nay, tiêu dùng cuối cùng tăng 1,19%": GDP's uses
# (the national accounts' demand side), not its growth.
_USES_OF_GDP_BEFORE_RE = re.compile(r"(?<!\w)(?:góc\s+độ|phía|về)\s+sử\s+dụng\s+$")


# "… đóng góp 1,15 điểm % vào mức tăng GRDP (9 tháng năm 2023 tăng 4,64%)": the growth a sector
# adds to, named as its object; the rate in brackets after it is the sector's, not the GRDP's.
# "… tập trung chủ yếu vào ngành công nghiệp chế biến, chế tạo với số vốn đăng ký đạt 905,1 triệu
# USD": the capital of one branch the text just named (Conventions: a split by branch).
_INTO_BRANCH_BEFORE_RE = re.compile(r"(?<!\w)vào\s+(?:các\s+)?(?:ngành|lĩnh\s+vực)(?!\w)[^;:()]{0,60}\svới\s+$")
_CONTRIBUTED_TO_BEFORE_RE = re.compile(r"(?<!\w)vào\s+(?:mức\s+|tốc\s+độ\s+)?tăng(?:\s+trưởng)?(?:\s+(?:chung|của))?\s+$")


# "nhóm nhà ở và vật liệu xây dựng (chiếm quyền số cao thứ hai trong rổ hàng hóa tính CPI) tăng 0,5%":
# the index named as what the basket of goods is weighed for; the change after it is the group's.
_BASKET_OF_INDEX_BEFORE_RE = re.compile(r"(?<!\w)rổ\s+hàng(?:\s+h(?:óa|oá))?(?:\s+(?:dùng\s+)?để)?\s+tính(?:\s+toán)?\s+$")


# "ngành chế biến, chế tạo thu hút vốn FDI lớn nhất với 2,1 tỷ USD", "mặt hàng có kim ngạch xuất
# khẩu lớn thứ hai, sau cà phê (1,8 tỷ USD)": the branch, partner or good ranked first by the figure, a split; but "kim ngạch
# xuất khẩu lớn nhất từ trước đến nay" is the whole's record high, and "địa phương có kim ngạch nhập
# khẩu lớn nhất cả nước lần lượt là …" names the places' own figures.
_RANKED_FIRST_AFTER_RE = re.compile(
    r"\s+(?:lớn|nhiều|cao)\s+(?:nhất|thứ\s+\w+)(?!\s+(?:từ|trong\s+(?:lịch|nhiều)|cả\s+nước|toàn\s+quốc|vùng|khu\s+vực|lần\s+lượt))")
# (what is ranked is a branch or a good: "Bắc Ninh có số vốn đăng ký lớn nhất với 428,3 triệu USD",
# a place ranked, is that place's own figure)
_RANKED_ITEM_BEFORE_RE = re.compile(r"(?<!\w)(?:ngành|mặt\s+hàng|nhóm\s+hàng|lĩnh\s+vực|sản\s+phẩm|nông\s+sản|thị\s+trường|đối\s+tác)(?!\w)")


# "Tổng kim ngạch xuất khẩu của 6 địa phương nêu trên đạt 110,9 tỷ USD": the sum of a group of
# places counted in the text, neither the whole country's total nor one place's.
# "CPI của 5 thành phố lớn đều tăng so với tháng trước: Hà Nội tăng 0,5%, …": the places counted,
# then named one by one, each with its own figure (a list by place, not the group's sum).
_NAMED_AFTER_RE = re.compile(r"[^\d.;:]{0,60}:\s*(?:tại\s+|ở\s+)?\w")


# "Chỉ số giá tiêu dùng (CPI) tháng 9 của 2 thành phố lần lượt tăng 0,2% và 0,88%": the month may
# stand between, the count be typed against its noun ("CPI của 2thành phố tăng …").
_OF_COUNTED_PLACES_AFTER_RE = re.compile(r"\s+(?:\([^()]*\)\s+)?(?:(?:tháng|quý)\s+[\w/.-]+\s+)?của\s+(?:\d+\s*|hai\s+|ba\s+)(?:"
                                         + _PLACES_COUNTED + r"|thành\s+viên)(?!\w)")


# "Chỉ số sản xuất công nghiệp (IIP) 6 tháng so với cùng kỳ năm trước của một số ngành trọng điểm
# tăng cao: Sản xuất trang phục tăng 23,3%; …", "… tháng 5 của các ngành chủ lực đều tăng: …": the
# index of some branches, each then named with its own figure, a split by branch (Conventions).
# The period and the base may stand between; a figure, a verb or a cause between ("tăng 8% nhờ
# đóng góp của một số ngành") leaves the phrase the total's.
_OF_SOME_BRANCHES_AFTER_RE = re.compile(
    r"(?:(?!(?<!\w)(?:tăng|giảm|đạt|nhờ|do|bởi)(?!\w))[^;:%()\[\]])*?(?<!\w)của\s+(?:một\s+số|các|nhiều|những)\s+ngành(?!\w)")


# "giá trị sản xuất công nghiệp - xây dựng": industry and construction together, a wider aggregate;
# so with handicrafts between ("giá trị sản xuất công nghiệp - tiểu thủ công nghiệp và xây dựng").
_AND_CONSTRUCTION_RE = re.compile(
    r"(?:\s*(?:-|và|,)\s*(?:tiểu\s+thủ\s+công\s+nghiệp|ttcn))?\s*(?:-|và|,)\s*xây\s+dựng(?!\w)")
# So industry with services or trade after it ("giá trị sản xuất ngành công nghiệp, dịch vụ, xây
# dựng ước đạt hơn 4.300 tỷ đồng", "giá trị sản xuất công nghiệp - thương mại - dịch vụ"); only
# after industry: "doanh thu từ du lịch, dịch vụ" is tourism's own wording.
_INDUSTRY_AND_SERVICES_RE = re.compile(
    r"(?:\s*(?:-|và|,)\s*(?:tiểu\s+thủ\s+công\s+nghiệp|ttcn))?\s*(?:-|và|,)\s*(?:dịch\s+vụ|thương\s+mại)(?!\w)")


def _of_some_branches_after(text: str, end: int) -> bool:
    """The phrase ending at ``end`` is followed, before any figure, by "của một số/các ngành"."""
    k = text.find("của ", end, end + 100)
    return k > 0 and bool(_OF_SOME_BRANCHES_AFTER_RE.match(text[:k + 40], end))


# "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng 6 tháng của khu vực kinh tế Nhà nước đạt
# 145,3 nghìn tỷ đồng": the period, then one kind of owner's part, a split by ownership (Conventions).
_OWNER_AFTER_PERIOD_RE = re.compile(
    r"\s+(?:\d+\s+tháng(?:\s+đầu\s+năm)?|quý\s+\w+|tháng\s+\d+|năm\s+\d{4})(?:/\d{4})?\s+của\s+(?:các\s+)?"
    r"(?:khu\s+vực|thành\s+phần)(?:\s+kinh\s+tế)?\s+(?:nhà\s+nước|ngoài\s+nhà\s+nước|tư\s+nhân|có\s+vốn|fdi|cá\s+thể|tập\s+thể)(?!\w)")


def _names_no_total(s: str, low: str | None, start: int, end: int, realised_owner: bool = False) -> bool:
    """The phrase at ``s[start:end]`` names an average, a split, an owner, a wider aggregate or
    items over a threshold. ``realised_owner``: an FDI phrase, which as the owner of realised
    capital names its subject (_REALISED_CAPITAL_OF_BEFORE_RE)."""
    text = low if low is not None else s.lower()
    after = text[end:end + 40]
    if ("bình" in after and _AVERAGE_LOWER_RE.match(text, end)) or ("xây" in after and _AND_CONSTRUCTION_RE.match(text, end)) or (
            ("dịch" in after or "thương" in after) and text.endswith(("công nghiệp", "ttcn"), 0, end)
            and _INDUSTRY_AND_SERVICES_RE.match(text, end)) or (
            # (the first word with its comma: "xuất khẩu nông, lâm, thủy sản" lists the classes)
            after[:1] == " " and after[1:].split(" ", 1)[0].rstrip(",") in _BRANCH_FIRST_WORDS and _BRANCH_AFTER_RE.match(text, end)) or (
            "chương" in after and _PROGRAMMES_COUNTED_AFTER_RE.match(text, end)):
        return True
    if "của" in after and _OWNER_AFTER_PERIOD_RE.match(text, end):
        return True
    # The 50 characters before the phrase, sliced once: each look behind it below tests the end of
    # this window (window[-15:] is text[max(0, start - 15):start]) rather than a slice of its own
    # behind a max() (five a phrase, ~1,200 phrases a round of the fixtures).
    window = text[start - 50 if start > 50 else 0:start]
    if "của" in window[-15:] and _OWNER_BEFORE_RE.search(text, max(0, start - 15), start) and not (
            realised_owner and "thực" in window and _REALISED_CAPITAL_OF_BEFORE_RE.search(window)):
        return True
    if window.endswith("số ") and text.startswith("dự án", start):
        return True  # "số dự án FDI cấp mới giảm 20% nhưng vốn đăng ký cấp mới tăng 35,8%": the count of projects
    if "của" in after and (counted := _OF_COUNTED_PLACES_AFTER_RE.match(text, end)) and not _NAMED_AFTER_RE.match(text, counted.end()):
        return True
    if text.find(" ngành", end, end + 100) > 0 and _of_some_branches_after(text, end):
        return True
    if after.startswith(" chung") and ("làm" in window[-10:] or "động" in window[-16:]) \
            and _CAUSED_BEFORE_RE.search(text, max(0, start - 20), start):
        return True
    if "(" in window[-26:] and _CAUSED_IN_BRACKET_BEFORE_RE.search(text, max(0, start - 26), start):
        return True
    if "sử dụng" in window[-16:] and _USES_OF_GDP_BEFORE_RE.search(text, max(0, start - 24), start):
        return True
    if "vào" in window[-30:] and _CONTRIBUTED_TO_BEFORE_RE.search(text, max(0, start - 40), start):
        return True
    if (window.endswith("với ") and text.find("vào", start - 90 if start > 90 else 0, start) >= 0
            and _INTO_BRANCH_BEFORE_RE.search(text, max(0, start - 90), start)):
        return True
    if ("nhất" in after[:14] or "thứ" in after[:14]) and _RANKED_FIRST_AFTER_RE.match(text, end) \
            and _RANKED_ITEM_BEFORE_RE.search(text, max(0, start - 90), start):
        return True
    if "rổ" in window[-34:] and _BASKET_OF_INDEX_BEFORE_RE.search(text, max(0, start - 40), start):
        return True
    return (("có" in window or "đạt" in window) and ("hàng" in window or "phẩm" in window or "trường" in window)
            and _threshold_or_listed_change_after(text, end) and bool(_COUNTED_ITEMS_BEFORE_RE.search(window)))


# "Một số mặt hàng có kim ngạch xuất khẩu tăng cao so với cùng kỳ năm 2016: Điện thoại … tăng
# 47,7%; …", "Nhiều mặt hàng có kim ngạch xuất khẩu tăng so với cùng kỳ, gồm thủy sản …": the goods
# that rose, each then named with its own figure, a split by commodity (Conventions); the change
# opens the list (a colon or "gồm/như" after it) rather than being a total's.
_LISTED_CHANGE_AFTER_RE = re.compile(r"\s+(?:tăng|giảm)(?!\s+trưởng)[^;:%()]{0,50}?(?::|,?\s+(?:bao\s+)?gồm(?!\w)|,?\s+như(?!\w))")


def _threshold_or_listed_change_after(text: str, end: int) -> bool:
    """After a phrase that counted items ("20 mặt hàng đạt kim ngạch …"): a threshold ("trên 1 tỷ
    USD") or a change that opens the list of the items' own figures."""
    return bool(_THRESHOLD_AFTER_RE.match(text, end)) or (
        ("tăng" in text[end:end + 6] or "giảm" in text[end:end + 6]) and bool(_LISTED_CHANGE_AFTER_RE.match(text, end)))


def names_the_plan(s: str, start: int, low: str | None = None, kind: str = "Y") -> bool:
    """The period at ``start`` names the plan a figure is measured against (or, a year, the base
    year of constant prices); ``low``: ``s`` lower-cased, when the caller has it; ``kind``: the
    period's kind."""
    text = low if low is not None else s.lower()
    # (a conditional, not max(0, …): the builtin's call costs ~1,200 instructions, here once a period)
    lo = start - 50 if start > 50 else 0
    if not _PLAN_WORDS_RE.search(text, lo, start):  # most periods: no plan word before them
        return False
    if low is not None and text.find("ſ", lo, start) < 0 and text.find("ı", lo, start) < 0:
        # The lower-cased pattern over the lower-cased window, as textscan.FastPattern does: the same
        # matches (IGNORECASE pairs a letter of the pattern with nothing lower() does not map to it but
        # 'ſ' and 'ı', kept to the pattern itself), ~3x quicker: 3.8 -> 1.2 us a period with a plan word.
        m = _PLAN_BEFORE_PERIOD_LOWER_RE.search(text, lo, start)
    else:
        m = _PLAN_BEFORE_PERIOD_RE.search(s, lo, start)
    return m is not None and (kind == "Y" or m.group("prices") is None)


# "khu vực có vốn đầu tư nước ngoài", "doanh nghiệp có vốn FDI": the phrase describes who
# (a sector), and the figure that follows is that sector's exports or output, not capital.
_SECTOR_BEFORE_RE = re.compile(r"(?<!\w)(?:có|sử\s+dụng)\s*$", re.IGNORECASE)


# "thu hút đầu tư các dự án có vốn đầu tư trực tiếp nước ngoài (FDI) đạt gần 360 triệu USD": projects
# that have foreign capital are the FDI attracted, not a sector of firms.
_PROJECTS_BEFORE_RE = re.compile(r"(?<!\w)dự\s+án\s+(?:có|sử\s+dụng)\s*$", re.IGNORECASE)


# "Có 10.618 doanh nghiệp đang hoạt động đăng ký tăng vốn trong quý I (giảm 10% …)": firms adding
# to their charter capital, as business registration reports count them, not FDI's added part.
_FIRMS_BEFORE_RE = re.compile(r"(?<!\w)(?:doanh\s+nghiệp|dn)(?:\s+(?:đang\s+hoạt\s+động|đã))*\s*$", re.IGNORECASE)


# Foreign investment named bare, without "vốn" ("đầu tư nước ngoài thu hút được 119 triệu USD",
# "Về đầu tư nước ngoài, tỉnh thu hút …", "lĩnh vực đầu tư nước ngoài …, toàn tỉnh thu hút …"), is the
# capital attracted as a topic; after a word for who invests or who is counted it names them, not the
# capital: the investors ("nhà đầu tư nước ngoài"), the agency ("Cục Đầu tư nước ngoài"), the firms or
# the sector whose exports follow ("doanh nghiệp đầu tư nước ngoài", "khu vực đầu tư nước ngoài").
_WHO_BEFORE_BARE_FOREIGN_RE = re.compile(r"(?<!\w)(?:nhà|cục|doanh\s+nghiệp|dn|khu\s+vực)\s*$", re.IGNORECASE)


def _names_a_sector(s: str, m: Event) -> bool:
    # A phrase its count opens ("có 12 dự án FDI") is looked at before the count, which is no sector.
    if m.data["code"] != "fdi_capital" or m.data.get("value_first"):
        return False
    before = s[max(0, m.start - 30):m.start]
    if s.startswith(("đầu tư", "Đầu tư"), m.start) and _WHO_BEFORE_BARE_FOREIGN_RE.search(before):
        return True
    if m.data["scope"] and _FIRMS_BEFORE_RE.search(before):
        return True  # firms adding capital ("doanh nghiệp đăng ký tăng vốn"), no FDI part
    before = before[-20:]
    return bool(_SECTOR_BEFORE_RE.search(before)) and not _PROJECTS_BEFORE_RE.search(before)


# "2.187 doanh nghiệp thành lập mới thuộc khu vực nông, lâm nghiệp và thủy sản": the new firms of
# one economic sector or branch, a split of the total (Conventions), not the total itself.
_FIRMS_OF_A_BRANCH_RE = re.compile(r"\s+thuộc\s+(?:các\s+)?(?:khu\s+vực|ngành|nhóm\s+ngành|lĩnh\s+vực)(?!\w)", re.IGNORECASE)


def names_a_branch(s: str, m: Event) -> bool:
    return bool(_FIRMS_OF_A_BRANCH_RE.match(s, m.end))


# "phát hiện 162 vụ/161 đối tượng liên quan đến buôn lậu, gian lận thương mại": cases found name
# violations only where the sentence speaks of market control's breaches; the police find thefts
# and accidents with the same verb ("Công an phát hiện 12 vụ trộm cắp tài sản").
# The kinds of breach market control names (also how a count's kind is listed on, extract_uncatalogued).
BREACH_KINDS = r"hàng\s+giả|gian\s+lận|buôn\s+lậu|hàng\s+(?:nhập\s+)?lậu|hàng\s+cấm"
_MARKET_BREACH_RE = re.compile(
    r"(?<!\w)(?:vi\s+phạm|" + BREACH_KINDS + r"|quản\s+lý\s+thị\s+trường|QLTT|389)(?!\w)", re.IGNORECASE)


def found_no_market_breach(s: str, m: Event) -> bool:
    """A bare "phát hiện" before a count of cases, in a sentence that names no market breach."""
    return s.startswith(("phát hiện", "Phát hiện"), m.start) and not _MARKET_BREACH_RE.search(s)


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
# market ("xuất khẩu gạo", "xuất khẩu sang Mỹ"), which is not the indicator. "tín dụng đạt mốc
# 6,7 triệu tỷ đồng", "xuất khẩu vượt mốc 300 tỷ USD": a milestone is the level itself, so is a
# record ("xuất nhập khẩu sẽ đạt mốc kỷ lục mới 700 tỷ USD", "xuất khẩu đạt kỷ lục 54 tỷ USD").
_WEAK_FOLLOW_WORDS = CONTINUATION_WORDS | {"của", "nước", "việt", "nam", "tỉnh", "thành", "phố", "hàng", "hóa",
                                            "hoá", "dịch", "vụ", "hệ", "thống", "nền", "kinh", "tế", "mốc",
                                            "kỷ", "lục"}
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


def _object_named_after(s: str, m: Event) -> bool:
    rx = _OBJECT_AFTER.get(m.data["code"])
    if rx is not None and rx.match(s, m.end):
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
# "nông, lâm, thủy sản xuất khẩu" (the class after the verb is _BRANCH_AFTER_RE's).
_GOODS_BEFORE_VERB_RE = re.compile(
    r"(?<!\w)(?:(?:mặt\s+hàng|nhóm\s+hàng|ngành\s+hàng)\s+[^,;:()\d]{1,40}"
    r"|(?:nông|lâm|thủy|thuỷ)(?:\s*,?\s+(?:lâm|thủy|thuỷ|hải))*\s+sản(?:\s+(?:tham\s+gia|được))?\s+)$", re.IGNORECASE)


_TRADE_HEADING_FOLLOW_WORDS = frozenset({"kim", "ngạch"})


def _weak_confirmed(s: str, m: Event, events: list[Event]) -> bool:
    """A weak phrase (a bare trade verb, "thành lập mới") or a context phrase is the subject
    when the first figure of its clause is a level in its indicator's unit or a change in
    percent, with only cue words, periods and bases between."""
    if _WEAK_NOT_AFTER_RE.search(s[max(0, m.start - 20):m.start]):
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
    # "Về doanh thu, trong tháng 3 toàn ngành thực hiện khoảng 721 tỷ đồng": a sentence that opens
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
            continue  # "… đạt mục tiêu theo kịch bản đề ra (tăng 9,4%)": the scenario's rate
        if e.kind == "X" and e.data["char"] == "(" and own["code"] == "grdp_growth" and _years_listed_after(events, e):
            return True  # "Tăng trưởng 6 tháng đầu năm nay cao hơn các năm trước (2001 tăng 7,1%; …)"
        if e.kind == "M" and e.data["code"] == own["code"] == "grdp_growth" and "(" in s:
            continue  # "… cao hơn hẳn mức tăng trưởng 6 tháng đầu các năm trước (2001 …": the same growth compared
        if e.kind == "X" and e.data["char"] == "," and own["code"] == "grdp_growth" and _says_how_it_grew(s, m.end, e.start):
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
        # "tốc độ tăng trưởng quý 3/2023 của Tây Ninh đã tăng 7,21%": the place whose figure it is.
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


def _says_how_it_grew(s: str, start: int, end: int) -> bool:
    words = WORD_RE.findall(s[start:end].lower())
    return bool(words) and all(w in _HOW_IT_GREW_WORDS for w in words)


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
# ("Tăng trưởng quý II của tỉnh ước tăng 9,2%") or after the place that grows ("TP HCM tăng
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
        # "cao hơn nhiều so với mức tăng trưởng tỉnh đạt được trong năm 2024 là 8,74%" (no other
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


# Indicators whose percent is a share of the year's plan: disbursement is measured against the
# capital assigned ("tỷ lệ giải ngân đạt 109%").
PLAN_SHARE_CODES = {"public_investment_disbursed"}


def plan_share_rate(ev: Event, subject: dict) -> bool:
    """A percent after a verb that states a level ("mới giải ngân được khoảng 26%", "tiến độ giải
    ngân … ở mức 58,33%"), for an indicator whose percent is its share of the plan."""
    return subject["code"] in PLAN_SHARE_CODES and ev.data["family"] == "percent" and ev.data["percent_cue"]


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
