"""The events of a sentence: what the grammar of hbetl/extract.py is made of.

Each finder scans one sentence (lower-cased once, textscan.fold) and gives events with
their span and what they say:

    M  a catalogue phrase (the subject): "kim ngạch xuất khẩu", "7 vụ vi phạm"
    P  a period: "quý II", "6 tháng", "tháng 5.2015", "đến hết tháng 9"
    V  a level, a number and its unit: "2.663 tỷ đồng", "khoảng 210.000 lượt"
    C  a change or a share of a plan: "tăng 18,19%", "bằng 139% cùng kỳ", "vượt 6% kế hoạch"
    B  a base ("so với cùng kỳ", "so với tháng trước") that gives a bare change its field
    K  a kind cue: ước (estimate); phấn đấu, dự kiến, kế hoạch đặt ra (target)
    S  a scope phrase: "tính cả …", "không kể …"
    T  a breakdown opens: "trong đó", "bao gồm", "chia theo" (what follows is not the subject)
    A  an average opens: "bình quân mỗi tháng" (what follows in the clause is no total)
    L  a province, city or economic region by name (data/places.csv): the scope of a figure in a list by place
    X  a clause break: , ; : ( ) and " - "

Words that only look like an event are refused where the text is at hand: a
target word that reaches a plan ("đạt và vượt kế hoạch đề ra"), a period that names the
plan a figure is measured against ("73,7% kế hoạch năm 2022"), a trade verb that names a
product ("xuất khẩu gạo"), a phrase that names a split ("dư nợ cho vay nông nghiệp").
The predicates that refuse them, with their regexes, are in hbetl/extract_refusals.py;
the post passes that read rates compared with other rates or years (and base_periods)
are in hbetl/extract_rates.py.  Names other modules take from here are re-exported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from hbetl.extract_rates import (
    _base_data,
    _compared_rate_before,
    _last_years_rate_after_its_base,
    _next_rates_compared,
    _periods_of_a_move,
    _rates_compared_in_brackets,
    _rates_compared_of_years,
    _rates_compared_with_la,
    _years_after_ratios,
    _years_of_a_rise,
)
from hbetl.extract_refusals import (
    _OTHER_ENFORCEMENT_RE,
    _PLAN_REF,
    _capital_of_new_firms,
    _growth_verb,
    _lends_for_a_purpose,
    _may_target,
    _names_a_sector,
    _names_no_budget_total,
    _names_no_total,
    _names_the_goal_right_before,
    _object_named_after,
    _places_over_threshold,
    _reaches_or_names_effort,
    _states_a_plan,
    _weak_confirmed,
    names_a_branch,
    names_the_plan,
    one_banks_balance,
)
from hbetl.indicators import Mention, find_mentions, find_places
from hbetl.numbers import parse_number, scaled
from hbetl.periods import PeriodSpec, find_periods
from hbetl.textscan import DIGIT_LITERALS, FastPattern, fold

# isort: split
# Re-exported: other modules and tests take these from hbetl.extract_events.
from hbetl.extract_rates import base_periods as base_periods
from hbetl.extract_refusals import AVERAGE_RE as AVERAGE_RE
from hbetl.extract_refusals import CONTINUATION_WORDS as CONTINUATION_WORDS
from hbetl.extract_refusals import PLAN_SHARE_CODES as PLAN_SHARE_CODES
from hbetl.extract_refusals import UNIT_OF_FAMILY as UNIT_OF_FAMILY
from hbetl.extract_refusals import WORD_RE as WORD_RE
from hbetl.extract_refusals import fits as fits
from hbetl.extract_refusals import phrases_of as phrases_of
from hbetl.extract_refusals import plan_share_rate as plan_share_rate

NUM = r"\d+(?:[.,]\d+)*"


_NUM_ALONE = r"(?<![\w.,/])" + NUM + r"(?![\w/]|[.,]\d)"


_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}


# ("810 giao dịch góp vốn, mua cổ phần (tăng 11,6%)": the change in brackets is the count's.)
_COUNT_NOUNS = r"vụ\s+việc|vụ|trường\s+hợp|doanh\s+nghiệp|DN|dự\s+án|hộ|người|giao\s+dịch"


# Energy as written: "kWh", "MWh", "GWh", "TWh" ("tổng điện sản xuất năm 2022 khoảng 268,4 TWh"),
# the hour spelt out ("294 triệu kW giờ", "68 triệu kilowat giờ") or dotted ("kW.h").
_ENERGY_NOUNS = r"kWh|MWh|GWh|TWh|kW\.h|kW\s+giờ|kilo\s*wat?t\s+giờ"


# "đón 871.000 khách quốc tế", "1,2 triệu du khách": visitors counted without "lượt" (not "khách
# sạn", hotels, nor "khách hàng", customers).
_VISITOR_NOUNS = r"(?:du\s+)?khách(?!\s+(?:sạn|hàng))"


_UNIT = (
    r"(?P<scale>(?:\s*(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\w))*)"
    r"(?P<noun>\s*(?:đồng|VNĐ|VND|đ(?!\w)|USD|đô\s*-?\s*la(?:\s+Mỹ)?|đôla|"
    r"lượt(?:\s+(?:khách|người|dự\s+án|góp\s+vốn|điều\s+chỉnh))?|" + _VISITOR_NOUNS + "|tấn|tạ|" + _ENERGY_NOUNS + "|"
    + _COUNT_NOUNS + r")(?!\w))?"
)


_UNIT_WORDS = (r"nghìn|ngàn|vạn|triệu|tỷ|tỉ|đồng|VNĐ|VND|đ(?!\w)|USD|đô|lượt|" + _VISITOR_NOUNS + "|tấn|tạ|" + _ENERGY_NOUNS + "|"
               + _COUNT_NOUNS)
_QUALIFIER = r"(?P<qual>trên|hơn|vượt|dưới|khoảng|xấp\s+xỉ|gần\s+như|gần|ngót|chừng)"


# A level's number may run into its scale word ("2,37triệu lượt"), and a scale may split it
# ("107 nghìn 700 tỷ đồng" is 107.700 tỷ, "1 triệu 200 nghìn lượt" is 1.200.000).
# It opens with an ASCII digit: VALUE_RE's trigger names them one by one (textscan.DIGIT_LITERALS).
# (A number after '/' is matched, and refused by _level_events unless a level done over its plan:
# "đạt 3.456/5.000 tỷ đồng".)
_NUM_OF_LEVEL = r"(?<![\w.,])(?=[0-9])" + NUM + r"(?!(?!(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ))[\w/]|[.,]\d)"


VALUE_RE = FastPattern(
    # A footnote's mark may sit between the number and its unit ("110.764(1) doanh nghiệp").
    r"(?:" + _QUALIFIER + r"\s+)?(?P<num>" + _NUM_OF_LEVEL + r")(?:\(\d\)(?=\s))?"
    r"(?:\s*(?P<upper>nghìn|ngàn|triệu|tỷ|tỉ)\s+(?P<lower>\d{1,3})(?=\s*(?:nghìn|ngàn|triệu|tỷ|tỉ|lượt)))?"
    # A unit is required (the lookahead: _UNIT alone may match empty), so the many bare numbers of
    # a report (years, dates, counts of things) fail in C; a bare count is read by _BARE_COUNT_RE.
    r"(?P<range>\s*(?:-|đến|tới)\s*" + NUM + r")?(?P<unit>\s*%|(?=\s*(?:" + _UNIT_WORDS + r"))" + _UNIT + r")",
    # A value opens with its number, or a qualifier right before one ("trên địa bàn" is none).
    # Plain words: lookaheads or a lookbehind on the digit were measured slower; the digits
    # as literals, quicker (textscan.DIGIT_LITERALS).
    trigger=r"trên|hơn|vượt|dưới|khoảng|xấp|gần|ngót|chừng|" + DIGIT_LITERALS.replace("|", "[0-9.,]*|") + "[0-9.,]*",
    # A hit is a qualifier or a run of digits and separators, inside which no value can begin (a
    # number needs no word character, '.' or ',' before it): a failed hit is skipped whole, not
    # tried again at each digit ("2023." was four failed matches): -0.7% of the instructions of extracting the fixtures.
    skip_failed_hits=True,
)


# The change verbs, as CHANGE_RE's trigger opens with them (a trigger of their own where no plan share can be).
_CHANGE_VERBS = r"tăng|giảm|cao(?=\s+hơn)|thấp(?=\s+hơn)|bằng|gấp|vượt|đạt|thực(?=\s+hiện)|hoàn(?=\s+thành)|âm(?=\s+\d)"


CHANGE_RE = FastPattern(
    r"(?P<verb>tăng\s+trưởng\s+âm|tăng\s+trưởng|tăng|giảm|cao\s+hơn|thấp\s+hơn|bằng|gấp|vượt|đạt|thực\s+hiện|hoàn\s+thành"
    # A fall written as a negative rate, with no other verb: "GRDP năm 2023 ước đạt 134.810 tỷ đồng,
    # âm 6,18% so với cùng kỳ", "Bắc Ninh giảm sâu nhất, âm 11,85%" (only before a percent: "cán
    # cân thương mại âm 2 tỷ USD" is a balance, not a change).
    r"|âm(?=\s+\d[\d.,]*\s*%))"
    # (How it grew, in a word of praise or measure, may stand before the figure: "tăng trưởng vượt
    # bậc 83,9% so với năm 2023", "với mức tăng ấn tượng 11,51%", "mức tăng trưởng khá thấp 0,89%".)
    r"(?P<fill>(?:\s+(?:nhẹ|mạnh|thêm|lần\s+lượt|được|khoảng|gần|hơn|trên|xấp\s+xỉ|tới|đến|ở\s+mức|mức|là|tương\s+ứng"
    r"|ấn\s+tượng|vượt\s+bậc|đột\s+biến|khá\s+(?:cao|thấp)|mạnh\s+mẽ"
    # "CPI 5 tháng tăng bình quân 3,21%": the period's average change (_average_rate_of).
    r"|bình\s+quân(?!\s+(?:mỗi|một|hàng|hằng|năm|giai|thời))"
    r"|từ(?=\s+\d[\d.,]*\s*%\s+trở\s+lên)))*)"
    r"\s+(?P<num>" + _NUM_ALONE + r")(?P<range>\s*(?:-|đến|tới)\s*" + NUM + r")?"
    r"(?P<sign>\s*(?:%|điểm\s+phần\s+trăm|điểm(?!\w)|phần\s+trăm|lần(?!\w)))?"
    # (District reports glue the plan's abbreviation to the percent: "đạt 74,5%KH", "bằng 48,39%KH.")
    r"(?P<ref>(?:\s+|(?<=%)(?=KH(?!\w)))(?:so\s+với\s+|so\s+|của\s+)?(?:mức\s+)?(?:cùng\s+(?:kỳ|thời\s+kỳ|giai\s+đoạn)|" + _PLAN_REF + r")(?!\w))?"
    r"(?P<about>\s+về\s+[^\s,;:()]+(?:\s+(?!(?:và|so|nhưng|còn|tăng|giảm|đạt)(?!\w))[^\s\d,;:()]+){0,5})?"
    r"|(?P<bare>(?=[0-9])" + _NUM_ALONE + r")\s*%(?:\s+(?:so\s+với\s+)?|(?=KH(?!\w)))(?P<bareref>" + _PLAN_REF + r")(?!\w)"
    r"|gấp\s+(?P<double>đôi)"
    # A multiple in words: "tăng ba lần so với cùng kỳ", "gấp bốn lần năm trước" (not "tăng hai lần
    # trong tháng", twice: after "tăng" only with the year it is compared with).
    r"|(?:tăng(?=\s+\w+\s+lần\s+(?:so\s+với|cùng\s+kỳ))|gấp(?!\s+\w+\s+lần\s+(?:so\s+với\s+)?(?:kế|dự|chỉ|mục)))"
    r"\s+(?P<times>hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+lần(?!\w)(?P<timesref>\s+(?:so\s+với\s+)?cùng\s+kỳ(?!\w))?",
    word_start=True,
    # The verbs, and a digit only where a plan share follows it ("98% kế hoạch"), each digit a
    # literal (textscan.DIGIT_LITERALS): the fixtures' sentences scanned in 2.82 -> 2.28 ms.
    # (With "\d" for the digits it was a fifth slower than no trigger at all.)
    trigger=_CHANGE_VERBS + "|"
            + "|".join(rf"{d}(?=[\d.,]*\s*%(?:\s+(?:so\s+với\s+)?(?:kế|kh|dự|chỉ|mục|kịch|nhiệm|nghị)|kh(?!\w)))" for d in "0123456789"),
    # The digits' lookahead, tried at every digit, was ~45% of the trigger's scan; most sentences
    # have no percent followed by a plan word, and there the verbs alone are scanned for (fixtures'
    # sentences: the trigger's scan 1.67 -> 1.06 ms).
    lean_trigger=(r"%(?:\s+(?:so\s+với\s+)?(?:kế|kh|dự|chỉ|mục|kịch|nhiệm|nghị)|kh(?!\w))", _CHANGE_VERBS),
)


# (a base ends before "với": "so với cùng kỳ năm trước với trên 3.000 lượt" gives the level after it)
# A base's words end at a verb or a percent ("so với mục tiêu 95% đã đề ra": the goal's own figure).
_STOP = r"(?:(?:tăng|giảm|và|nhưng|đạt|thực|bằng|vượt|trong|song|còn|với|là)(?!\w)|\d[\d.,]*\s*%)"


# "so với ước thực hiện năm 2017": the outturn of a year is the base (the plan of the year after
# is measured against it), so "thực hiện" right after "so với" is the base's noun, not a verb.
# "so sánh với cùng kỳ" is a base; "giá so sánh" (constant prices) is not.
BASE_RE = FastPattern(
    r"so(?:\s+sánh(?=\s+với))?(?!\s+sánh)(?:\s+với)?(?P<what>(?:\s+(?:ước\s+)?thực\s+hiện)?(?:\s+(?!" + _STOP + r")[^\s,;:()%]+){1,8})",
    word_start=True, trigger="so",
)


# "hiệp ước" (treaty) and "công ước" (convention) are not estimates; the word before is
# checked whole, since "công nghiệp ước tính" ends in "hiệp " too.
ESTIMATE_RE = FastPattern(r"ước(?!\w)", word_start=True, trigger="ước")


_NOT_ESTIMATE_BEFORE = {"hiệp", "công"}
# Any of them in the window before an "ước" (lower-cased): without one, the word before it cannot
# be one, and the look-behind search for that word (~3 us, ~160 times a round of the fixtures) is skipped.
_NOT_ESTIMATE_BEFORE_IN_RE = re.compile("|".join(sorted(_NOT_ESTIMATE_BEFORE)))


_WORD_BEFORE_RE = re.compile(r"(?<!\w)(\w+)\s+$")


# "giải ngân vốn đầu tư công ước thực hiện 6 tháng gần 130 tỷ đồng", "vốn đầu tư công ước đạt 50%":
# public investment ("đầu tư công") then an estimate, not "công ước" (a convention).
_PUBLIC_INVESTMENT_BEFORE_RE = re.compile(r"(?<!\w)đầu\s+tư\s+công\s+$", re.IGNORECASE)


TARGET_RE = FastPattern(
    r"(?:phấn\s+đấu|dự\s+kiến|dự\s+báo|định\s+hướng|đặt\s+mục\s+tiêu|đặt\s+ra\s+mục\s+tiêu|đề\s+ra\s+mục\s+tiêu|"
    # "mục tiêu đón 6,5 triệu lượt khách", "đạt mục tiêu tăng trưởng 7,5%": the goal's own figure.
    r"mục\s+tiêu\s+(?:là|đề\s+ra|đặt\s+ra|đến|đón|thu\s+hút|đạt|tăng\s+trưởng|tăng|xuất\s+khẩu|thu|giải\s+ngân)|(?:kế\s+hoạch|chỉ\s+tiêu)\s+(?:đặt|đề)\s+ra|các\s+chỉ\s+tiêu|chỉ\s+tiêu\s*:|"
    # setting a target ("tỉnh đặt chỉ tiêu", "giao chỉ tiêu"), not reaching one ("đạt/vượt chỉ tiêu")
    r"(?:đặt|giao|đề\s+ra)\s+chỉ\s+tiêu|"
    # assigning the year's revenue ("được Trung ương giao thu ngân sách là 386.568 tỷ đồng", "được
    # Bộ Tài chính giao số thu ngân sách hơn 63,9 ngàn tỷ đồng"): the amount is the plan's.
    r"giao(?:\s+số)?(?=\s+thu\s+(?:ngân\s+sách|NSNN|nội\s+địa))|"
    # "mục tiêu theo kịch bản đề ra (tăng 9,4%)", "theo kịch bản tăng trưởng, … tăng 10,5%": a scenario's rate.
    r"(?:mục\s+tiêu\s+)?(?:theo\s+)?kịch\s+bản(?:\s+tăng\s+trưởng)?(?:\s+(?:đề|đặt)\s+ra)?|"
    # "tăng trưởng cả năm của tỉnh sẽ đạt 10,5%": a forecast, as "dự kiến" (an estimate once the period is over).
    r"sẽ(?=\s+(?:đạt|tăng|giảm)(?!\w)))(?!\w)",
    word_start=True, trigger=r"phấn(?=\s+đấu)|dự(?=\s+(?:kiến|báo))|đặt|đề(?=\s+ra)|mục(?=\s+tiêu)|"
                             r"kế(?=\s+hoạch)|các(?=\s+chỉ)|chỉ(?=\s+tiêu)|giao(?=\s+(?:chỉ|số\s+thu|thu))|định(?=\s+hướng)|"
                             r"theo(?=\s+kịch)|kịch(?=\s+bản)|sẽ(?=\s+(?:đạt|tăng|giảm))",
)


# A figure needs a digit, except "gấp đôi" (doubled). The digits as literals (textscan.DIGIT_LITERALS):
# a sentence with none is scanned in C to its end (dev's sentences: 0.23 -> 0.17 ms).
FIGURE_RE = FastPattern(DIGIT_LITERALS + r"|gấp\s+đôi")


# What follows is a breakdown, not the subject: "trong đó", "trong số đó", "bao gồm" (not "bao
# gồm cả", a scope), "chia theo loại hình kinh tế", "phân theo ngành".
SUBITEMS_RE = FastPattern(r"(?:trong\s+(?:số\s+)?đó|bao\s+gồm(?!\s+cả)|gồm|chia\s+theo|phân\s+theo)(?!\w)",
                          word_start=True, trigger=r"trong(?=\s+(?:số\s+)?đó)|bao(?=\s+gồm)|gồm|chia(?=\s+theo)|phân(?=\s+theo)")


SCOPE_RE = FastPattern(
    r"(?:tính\s+cả|kể\s+cả|bao\s+gồm\s+cả|không\s+tính|không\s+kể|không\s+bao\s+gồm|loại\s+trừ|trừ)"
    # The scope's words run to the verb, a period or a place word ("kim ngạch xuất khẩu trừ dầu
    # thô toàn tỉnh 9 tháng đạt …": the scope is "trừ dầu thô"), a condition's "thì", or a figure
    # ("thu nội địa không kể tiền sử dụng đất 19.836 tỷ đồng": the part's level, not its words),
    # or the prices it is measured at ("GRDP trừ dầu khí theo giá so sánh năm 2010 tăng 2,41%":
    # the scope is "trừ dầu khí").
    r"(?:\s+(?!(?:đạt|ước|tăng|giảm|là|có|thì|toàn|trên|trong|quý|tháng|năm|theo\s+giá)(?!\w)|\d)[^\s,;:()]+){1,8}"
    # … and the other special revenues listed after a comma: "thu nội địa không kể tiền sử dụng
    # đất, thu xổ số kiến thiết 19.836 tỷ đồng", "không kể dầu thô, tiền sử dụng đất".
    r"(?:\s*,\s*(?:thu\s+)?(?:tiền\s+sử\s+dụng\s+đất|tiền\s+thuê\s+đất|xổ\s+[sx]ố\s+kiến\s+thiết|dầu\s+thô|cổ\s+tức)(?!\w))*",
    word_start=True, trigger="tính|kể|bao|không|loại|trừ",
)


# From a same period's year to the next year of its list: its figure, then "," or ";", within
# one bracket or clause list ("cùng kỳ năm 2022 tăng 5,1%, năm 2023 tăng 6,4%").
_NEXT_ITEM_YEAR_RE = re.compile(r"[^()]{0,40}?\d[^()]{0,10}?[,;]\s*(?:năm\s+)?$", re.IGNORECASE)
# "cùng thời kỳ", "cùng giai đoạn năm 2020": last year's same period in other words.
SAME_PERIOD_BEFORE_RE = FastPattern(
    r"cùng\s+(?:thời\s+kỳ|giai\s+đoạn|kỳ)(?:\s+năm\s+(?P<y>\d{4}|trước|ngoái))?(?!\w)", word_start=True, trigger="cùng"
)


CLAUSE_BREAK_RE = re.compile(r"[;:()\[\]]|,(?!\d)|\s-\s")


# CLAUSE_BREAK_RE for a sentence with no '-', where its " - " branch cannot match: the same
# breaks ("," only when no digit follows), but a pattern that opens with one character class
# lets the engine skip in C to the next candidate, where the alternation was tried at every
# position (0.054 -> 0.015 ms over the sample page's sentences; tests/test_extract_fast_paths.py).
_CLAUSE_BREAK_NO_DASH_RE = re.compile(r"[;:()\[\],](?!(?<=,)\d)")


_PLAN_OPENS_RE = re.compile(r"\s*(?:KH|kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)(?!\w)", re.IGNORECASE)
# "đạt 51,8% so với nghị quyết đề ra (23.600 tỷ đồng)", "bằng 72% kế hoạch năm (2.700 triệu
# USD)": a bracket holding only an amount, right after the plan a share was measured against,
# states that plan's amount (a target), not a second figure of the record.
_PLAN_NAMED_BEFORE_RE = re.compile(
    r"(?:(?<!\w)KH|kế\s+hoạch|dự\s+toán|nghị\s+quyết|chỉ\s+tiêu|mục\s+tiêu)(?!\w)"
    r"(?:[^%()\d]|\d{4}|\([^()%\d]{1,15}\))*$", re.IGNORECASE)
_AMOUNT_ONLY_RE = re.compile(r"\s*(?:khoảng|hơn|trên|gần)?\s*\d[\d.,]*\s*[^\d()%,;]{1,20}\)", re.IGNORECASE)


# "(bình quân 1 tháng đạt 12,95 tỷ USD)", "trung bình mỗi doanh nghiệp 9,8 tỷ đồng": what
# follows in the clause is an average per month or per unit, not the period's total.
# "Đến nay, toàn tỉnh có 86 dự án FDI với tổng vốn đăng ký 1,088 tỷ USD", "lũy kế đến nay",
# "còn hiệu lực": totals since ever, which are no records (Conventions); from here to the
# end of its clause, figures are skipped as after an average ("từ đầu năm đến nay" is a period,
# found first).
# "Hiện toàn tỉnh có gần 16.000 doanh nghiệp với tổng vốn đăng ký khoảng 242.000 tỷ đồng": the firms
# or projects there are now, all registered since ever ("thực hiện", "xuất hiện" are other words).
SINCE_EVER_RE = FastPattern(
    r"(?:(?:lũy|luỹ)\s+kế\s+|tính\s+)?(?:đến|tới)\s+nay(?!\w)|còn\s+hiệu\s+lực(?!\w)|nâng\s+tổng\s+số(?!\w)"
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
# goods may stand before their trade ("chiếm 19,4% tổng kim ngạch hàng hóa xuất khẩu").
_SHARE_OF_BEFORE_RE = re.compile(
    r"(?<!\w)chiếm(?:\s+(?:tỷ\s+trọng|tỉ\s+trọng|khoảng|gần|hơn|trên))*\s+\d+(?:[.,]\d+)?\s*%\s*(?:/\s*)?(?:của\s+|trong\s+|trên\s+)?(?:tổng\s+)?(?:giá\s+trị\s+|trị\s+giá\s+|kim\s+ngạch\s+hàng\s+h(?:óa|oá)\s+)?$",
    re.IGNORECASE)
# "từ đầu năm đến nay" is a period (found first), "cao nhất từ trước đến nay" an idiom ("ever": a
# superlative stands before it, "lớn nhất so với cùng kỳ các năm từ trước đến nay", "mức kỷ lục
# từ trước đến nay"); but "Tính từ trước đến nay, tỉnh thu hút khoảng 670 dự án …", "tổng số dự án
# được cấp giấy chứng nhận đầu tư từ trước đến nay là 616 dự án" count since ever.
_SINCE_YEAR_START_RE = re.compile(
    r"(?:từ\s+đầu\s+năm(?:\s+\d{4})?|(?:nhất|kỷ\s+lục|kỉ\s+lục)(?:\s+[^\s,;:()]+){0,8}\s+từ\s+trước)\s+$", re.IGNORECASE)
_SINCE_YEAR_START_WINDOW = 90  # characters before "đến nay" the superlative may stand in
AVERAGE_CLAUSE_RE = FastPattern(
    r"(?:bình\s+quân|trung\s+bình)(?:\s+(?:mỗi|một|1|hàng|trên))+\s+(?:tháng|ngày|tuần|quý|năm|doanh\s+nghiệp|"
    r"dự\s+án|người|lao\s+động|hộ|khách|lượt|đơn\s+vị)(?!\w)",
    word_start=True, trigger=r"bình(?=\s+quân)|trung(?=\s+bình)",
)


ABBREV_RE = re.compile(r"\s*\([^()\d]{1,30}\)")


# slots: ~15 events and a few drafts are made per sentence; slotted instances are
# quicker to make and to read (same fields, same equality; nothing adds attributes).
@dataclass(slots=True)
class Event:
    start: int
    end: int
    kind: str  # M P V C B K S T A X
    data: dict = field(default_factory=dict)


def overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    # A plain loop, not any(<generator>): the same answer, and at ~140 calls a page the
    # generator's frame showed in the profile (on six spans: 630 ns -> 200 ns a call).
    for x, y in taken:  # noqa: SIM110 - see above
        if a < y and x < b:
            return True
    return False


def _inside(pos: int, taken: list[tuple[int, int]]) -> bool:
    """``pos`` falls inside one of the spans (written as a loop for the reason above)."""
    for x, y in taken:  # noqa: SIM110 - see overlaps
        if x <= pos < y:
            return True
    return False


_COUNTED_CODES = {"new_enterprises", "market_violations", "counterfeit_violations"}  # count indicators
# Each verb's word boundary is looked behind after the verb ("là(?<!\wlà)": no word character
# before the "là" just read), the same test as a leading (?<!\w): a pattern that opens with
# literals lets the engine skip to them in C, where one that opens with a lookbehind is tried at
# every position (4.5 -> 2.1 us a sentence; tests/test_extract_fast_paths.py checks the two agree).
# (A dot or comma with a digit after is the number's own, not a break: "là 777.900 lao động" is
# no bare "777".)
_BARE_COUNT_RE = re.compile(r"(?:là(?<!\wlà)|đạt(?<!\wđạt)|có(?<!\wcó))\s+(\d{1,3}(?:\.\d{3})+|\d+)(?=\s*(?:[;)]|[,.](?!\d)|$|so(?!\w)))")
# "27,8 nghìn, tăng …": a figure closed right after its scale word (fits, for new firms).
_CLOSED_AFTER_RE = re.compile(r"\s*(?:[,;.)]|với(?!\w)|$)")


# Million kWh in each energy unit; the hour spelt out or dotted ("kW giờ", "kW.h") is the kWh.
_KWH_FACTORS = {"kwh": 1e-6, "mwh": 1e-3, "gwh": 1.0, "twh": 1e3}


@lru_cache(maxsize=1024)  # the units written are few ("tỷ đồng", "triệu USD", "%"); a pure function
def unit_of(unit_text: str) -> tuple[str, float, str | None] | None:
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
    if noun.startswith(("khách", "du khách")):
        return "visits", scale, None
    if noun.startswith("lượt"):
        # "1.256 lượt dự án điều chỉnh vốn, tăng 20%", "8.561 lượt góp vốn": times a project
        # changed its capital are counted, not visitors (the change after it is the count's).
        if noun.startswith(("lượt dự", "lượt góp", "lượt điều")):
            return "count", scale, noun
        return "visits", scale, None
    if noun in ("tấn", "tạ"):
        return "tonnes", scale * (0.1 if noun == "tạ" else 1.0), None
    if noun in _KWH_FACTORS or noun.endswith(" giờ") or noun == "kw.h":
        return "kwh", scale * _KWH_FACTORS.get(noun, 1e-6), None
    return "count", scale, noun


# Patterns of the helpers below, compiled once: re.match(<string>, …) looks the string up in
# re's compile cache on every call, which showed in the profile (23,400 re._compile calls
# for 300 runs of the sample page).
# "bằng 96% cùng kỳ", "gấp 2,2 lần cùng kỳ": 'cùng kỳ' right after a comparison or a figure is the
# base, not the opening of last year's figure.
_COMPARED_WITH_BEFORE_RE = re.compile(r"(?:bằng|so|với|lần|%)\s*$")
# So is it after a comparative with no figure of its own in brackets: "tốc độ tăng trưởng kinh tế
# cao hơn cùng kỳ - đạt 7,07%", "IIP không đạt được mức tăng như cùng kỳ năm trước, song vẫn …
# tăng 13,05%" measure this year's rate against last year's; "cao hơn cùng kỳ năm trước (57,1%)"
# still opens last year's figure.
_COMPARATIVE_BEFORE_RE = re.compile(r"(?<!\w)(?:hơn|như)\s*$")
_BRACKET_AFTER_RE = re.compile(r"\s*\(")


def _compared_not_opened(s: str, start: int, end: int) -> bool:
    """True when the same period at start:end is only what a comparative measures against."""
    return bool(_COMPARATIVE_BEFORE_RE.search(s, max(0, start - 8), start)) and not _BRACKET_AFTER_RE.match(s, end)


_PLAIN_BREAKS = {c: {"char": c, "plan": False, "plan_amount": False} for c in ";:)[],-"}


_EVENT_START = attrgetter("start")


# Events at one position: clause breaks first, then subjects, periods, … bases last.
_KIND_ORDER = {"X": 0, "M": 1, "P": 2, "S": 3, "K": 4, "T": 5, "A": 6, "L": 7, "V": 8, "C": 9, "B": 10}


# slots: one is made per sentence and the stages of find_events read it; what a stage reads in
# its loops it binds to locals first (the loops run per match: a local, not an attribute, each time).
@dataclass(slots=True)
class _Scan:
    """One sentence as find_events' stages share it: the events so far and the spans they take
    (an event found by an earlier stage keeps its words from a later one)."""
    s: str
    low: str  # fold(s): every scan runs over the one lower-cased copy (hbetl/textscan.py)
    may_compared_level: bool  # "mức" in it: "cao hơn so với mức 1,91 tỷ USD": a level compared with
    may_floor: bool  # "trở" in it: "từ 11% trở lên"
    events: list[Event]
    taken: list[tuple[int, int]]
    mentions: list[Event]  # the M events, for the checks that only look at them
    mention_codes: set[str]  # their codes: two checks ask for one (a set, not two any() generators)
    places: list[Event]  # the L events
    bases_by_end: dict[int, Event]  # for an amount in brackets right after its base


def find_events(s: str, found: list[Mention] | None = None, low: str | None = None,
                names: list[tuple[int, int, str]] | None = None,
                topics: tuple[set[str], set[str]] | None = None) -> list[Event]:
    """The events of one sentence ``s``; positions are relative to ``s``.
    ``found``: the sentence's catalogue phrases when the caller has looked them up already;
    ``low``: ``fold(s)`` when the caller has it; ``names``: its places (start, end, name),
    when the caller found them in the whole text at once; ``topics``: the indicators named
    in the sentence before and so far in this one (the second set gets this sentence's): a
    context phrase ("tổng doanh thu") is kept only when its related indicator is in either.
    The stages run in this order: the words an earlier one takes, a later one skips."""
    if low is None:
        low = fold(s)  # every scan below runs over the one lower-cased copy (hbetl/textscan.py)
    # (the empty containers given, not default factories: a third quicker to make, once a sentence)
    scan = _Scan(s, low, "mức" in low or "con số" in low, "trở" in low, [], [], [], set(), [], {})
    # Changes first so that "về vốn đăng ký" inside one is not a new subject (their events are
    # made after the places').
    changes, about_spans = _change_matches(s, low)
    _mention_events(scan, found, about_spans)
    # The scans below look for words most sentences lack: a substring test first skips the
    # scan (a FastPattern scan costs a Python-level generator even when nothing matches), here
    # or, where a stage has more than one scan, in the stage.
    if "so" in low:
        _base_events(scan)
    if "lần" in low:
        _multiple_base_events(scan)
    if "cả" in low or "không" in low or "trừ" in low:
        _scope_events(scan)
    _aside_events(scan)
    _period_events(scan)
    if names is None or names:
        _place_events(scan, names)
    if changes:
        _change_events(scan, changes)
    _level_events(scan)
    if not _COUNTED_CODES.isdisjoint(scan.mention_codes):
        _bare_count_events(scan)
        if "vụ" in low and not _VIOLATION_CODES.isdisjoint(scan.mention_codes):
            _violations_by_type(scan)
    _cue_events(scan)
    if "đó" in low or "gồm" in low or "theo" in low:
        _subitem_events(scan)
    _break_events(scan)
    if scan.mentions and (" con" in low or " ha" in low or "m3" in low or "m2" in low):
        _items_in_other_units(scan)
    events = scan.events
    if "gấp" in low or "bằng" in low:
        _years_after_ratios(s, events)
    if "cùng kỳ năm" in low:
        _year_after_same_period(s, events)
    if " lên " in low and "từ " in low:
        _years_of_a_rise(s, events)
    events.sort(key=_event_order)
    if "từ" in low and ("lên" in low or "xuống" in low or " còn " in low):  # "từ 610 triệu USD của quý I năm ngoái xuống còn …"
        _periods_of_a_move(s, events)
    if "(" in s and "kỳ" in low and "so" in low:  # "so với cùng kỳ năm trước (tăng 4,2%)"
        _last_years_rate_after_its_base(low, events)
    more = "hơn" in low  # (asked by three passes: one scan of the sentence, ~600 instructions, not three)
    if more and "(" in s:
        _rates_compared_in_brackets(low, events)
    if more and " các năm " in low:
        _rates_compared_of_years(s, events)
    if " là " in low and "%" in s and (more or "so với" in low):
        _rates_compared_with_la(low, events)
    if more and "% của" in low:
        _next_rates_compared(s, events)
    if about_spans:  # a change says what changed ("tăng 5% về số doanh nghiệp")
        _list_of_changes_about(s, events)
    return _drop_unconfirmed_mentions(scan, topics)


def _year_after_same_period(s: str, events: list[Event]) -> None:
    """"gấp 1,7 lần cùng kỳ năm ngoái", "bằng 170% cùng kỳ năm ngoái", "tăng 70% cùng kỳ năm 2022": the
    year right after a change's own "cùng kỳ" (no "so với") is the base it is measured against, not a
    period of the sentence (nor one the next sentence would carry: "… Tổng doanh thu du lịch …")."""
    for e in events:
        if e.kind != "C" or e.data.get("field") != "yoy" or not s[e.start:e.end].lower().endswith("cùng kỳ"):
            continue
        gap = len(s[e.end:e.end + 3]) - len(s[e.end:e.end + 3].lstrip())
        year = next((p for p in events if p.kind == "P" and p.start == e.end + gap and p.data.get("spec") is not None
                     and p.data["spec"].kind == "Y" and (p.data["spec"].year or p.data["spec"].relative == "prev")), None)
        if year is not None and gap:
            if year.data["spec"].year and "base_year" not in e.data:
                e.data["base_year"] = year.data["spec"].year
            events.remove(year)


def _event_order(e: Event) -> tuple[int, int]:
    """The sort key of the events: by position, then, at one position, in _KIND_ORDER."""
    return e.start, _KIND_ORDER[e.kind]


def _change_matches(s: str, low: str) -> tuple[list[re.Match[str]], list[tuple[int, int]]]:
    """CHANGE_RE's matches in ``s``, and the spans of what they say changed ("tăng 5% về số
    doanh nghiệp": "số doanh nghiệp")."""
    changes = []
    about_spans = []
    for m in CHANGE_RE.finditer(s, low):
        changes.append(m)
        if m.group("about"):
            about_spans.append(m.span("about"))
        if m.group("verb") and m.group("verb")[-1:] == "m" and (neg := _negative_rate_after_growth(m)) is not None:
            changes.append(neg)
    return changes, about_spans


def _negative_rate_after_growth(m: re.Match[str]) -> re.Match[str] | None:
    """The fall read from "âm" on in a match of "tăng trưởng âm X%": where the bare "tăng trưởng" is
    kept as a subject ("GRDP của Bà Rịa - Vũng Tàu tăng trưởng âm 4,26%, Bắc Ninh tăng trưởng âm
    4,99%": the listed place's growth), the match that opens on it is dropped and this one is read."""
    at = m.string.rfind("âm", m.start("verb"), m.end("verb"))
    return m.re.match(m.string, at) if at > m.start("verb") else None


_COMPARED_GROWTH_BEFORE_RE = re.compile(r"(?<!\w)(?:cao|thấp|nhanh|chậm)\s+hơn(?:\s+so\s+với|\s+mức)?\s+$")


# The growth a branch adds to or drives is no subject of the figures after it: "ngành công nghiệp là
# động lực chính cho tăng trưởng kinh tế của tỉnh, tăng 12,5%", "đóng góp lớn vào tăng trưởng GRDP",
# "góp phần thúc đẩy tăng trưởng kinh tế" (the rate is the branch's, a sector's growth: no record).
_CONTRIBUTES_TO_BEFORE_RE = re.compile(
    r"(?<!\w)(?:đóng\s+góp|góp\s+phần|động\s+lực|vai\s+trò|thúc\s+đẩy)(?!\w)[^,;:()%\d]{0,40}?"
    r"(?:(?<!\w)(?:vào|cho|trong|của|đến|tới)\s+)?(?:(?:mức|tốc\s+độ)\s+)?$")

_OWN_RATE_IN_BRACKETS_RE = re.compile(r"[^,;:()%\d]{0,30}\(\s*(?:ước\s+)?(?:đạt\s+|là\s+)?\d")


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
    trade = not _TRADE_CODES.isdisjoint(codes)
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
    for mt in found:
        if about_spans and overlaps(mt.start, mt.end, about_spans):  # (mostly none: no call)
            continue
        if mt.weak and mt.code == "grdp_growth" and _growth_verb(text, mt, mentions):
            continue  # its words are the change's ("tăng trưởng 12%")
        if mt.end - mt.start == 4 and text.startswith("nhập", mt.start) and not _imports_after_exports(text, mt.start):
            continue
        end = mt.end
        abbrev = ABBREV_RE.match(s, end) if may_abbrev else None
        if abbrev:
            end = abbrev.end()
        code, scope = mt.code, mt.scope
        not_new = _NOT_NEW_AFTER[code].match(text, end) if code in _NOT_NEW_AFTER else None
        if not_new is not None and code == "registered_capital" and _next_amount_in_dollars(text, not_new.end()):
            # "… với tổng vốn đầu tư đăng ký tăng thêm 10,98 triệu USD": capital added in dollars is
            # FDI's added part (domestic capital added, in đồng, stays no record).
            code, end, not_new = "fdi_capital", not_new.end(), None
            scope = s[mt.start:end]
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
        elif code == "fdi_capital" and "mới và tăng thêm" in text[mt.start:end] and not _next_amount_in_dollars(text, end):
            # "tổng số vốn đầu tư cấp mới và tăng thêm là hơn 39.300 tỷ đồng": domestic and foreign
            # projects' capital together, in đồng, is no FDI (in dollars it is: "… 261 triệu USD").
            not_new = True
        foreign = _names_no_total(s, text, mt.start, end) or not_new is not None or (mt.code in _CAPITAL_OF_PROJECTS and (
            (exits and _exit_of_last_count(text, text.rfind(";", 0, mt.start) + 1, mt.start))
            or (text.endswith(("với ", "có "), 0, mt.start)
                and _OTHER_FIRMS_CAPITAL_BEFORE_RE.search(text, max(0, mt.start - 110), mt.start))))
        if uses_of_gdp and mt.code in _TRADE_CODES:
            foreign = True
        if not foreign and mt.code == "tourist_arrivals" and may_by_source and _BY_SOURCE_AFTER_RE.match(text, end):
            foreign = True
        if not foreign and may_market and mt.code in _TRADE_CODES and _TO_MARKET_AFTER_RE.match(text, end):
            foreign = True
        if not foreign and from_market and mt.code in _TRADE_CODES and _from_named_market(s, text, end):
            foreign = True
        if not foreign and mt.code in _BUDGET_CODES:
            foreign = _names_no_budget_total(text, mt.start, mt.code, end)
        if not foreign and mt.code in _BALANCE_CODES and may_bank:
            foreign = one_banks_balance(text, mt.start, end)
        if not foreign and mt.code == "credit_outstanding" and text[end:end + 1] == " ":
            foreign = _lends_for_a_purpose(text, end)
        if mt.growth and not foreign and "hơn" in text[max(0, mt.start - 16):mt.start]:
            # "đạt 10,73%, cao hơn tăng trưởng tín dụng toàn ngành là 1,06%": the rate compared with,
            # and the gap after it, are no figure of its own.
            foreign = bool(_COMPARED_GROWTH_BEFORE_RE.search(text, max(0, mt.start - 16), mt.start))
        if not foreign and mentions and mentions[-1].data["foreign"] and mentions[-1].data["code"] == mt.code \
                and ("nâng" in text[max(0, mt.start - 12):mt.start] or "đưa" in text[max(0, mt.start - 12):mt.start]) \
                and _RAISES_TOTAL_BEFORE_RE.search(text, max(0, mt.start - 12), mt.start):
            # "xuất khẩu nông lâm thủy sản tháng 6 ước đạt 2,97 tỷ USD, nâng tổng giá trị xuất khẩu 6
            # tháng lên 17,1 tỷ USD": the running total of the split just named, no total of its own.
            foreign = True
        if may_contribute and mt.code == "grdp_growth" and not foreign:
            # "… đóng góp quan trọng vào tốc độ tăng trưởng GRDP của tỉnh (đạt 8,66%)": its own rate in brackets.
            foreign = bool(_CONTRIBUTES_TO_BEFORE_RE.search(text, max(0, mt.start - 60), mt.start)) and not (
                _OWN_RATE_IN_BRACKETS_RE.match(text, mt.end))
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


# "tăng trưởng kinh tế của tỉnh đã có chuyển biến tích cực, đặc biệt, ngành công nghiệp … với mức
# tăng 14,8% trong quý II", "Khu vực dịch vụ có số DN thành lập mới nhiều nhất với 99.548 DN": a
# sector of the economy named after the whole is the subject of the figures that follow it, and a
# split by economic sector is no record (Conventions).
_SECTOR_RE = re.compile(
    r"(?<!\w)(?:ngành|khu\s+vực)\s+(?:công\s+nghiệp|dịch\s+vụ|xây\s+dựng|nông,?\s+lâm|nông\s+nghiệp|"
    r"khai\s+khoáng|chế\s+biến|thủy\s+sản|thuỷ\s+sản)(?!\w)")


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


def _price_groups_named(scan: _Scan) -> None:
    """Each group of goods named after a CPI phrase in its sentence, an M that is no record."""
    text, taken = scan.low, scan.taken
    after = min(m.end for m in scan.mentions if m.data["code"] == "cpi")
    for m in _PRICE_GROUP_RE.finditer(text, after):
        if overlaps(m.start(), m.end(), taken):
            continue
        _add_split_mention(scan, m.start(), m.end(), "cpi")


# "Tổng sản lượng lương thực thực hiện 16.454 tấn, đạt 121,2%; đàn gia súc 45.736 con, đạt 89,7% kế
# hoạch, tăng 4,9% so với cùng kỳ", "…; diện tích gieo trồng 11.409 ha, đạt 98,7% kế hoạch": a clause
# that names a thing counted in a unit the catalogue has no indicator in (head of cattle, hectares,
# cubic metres) is an item of its own; the changes after it are its, not the subject's before it.
_OTHER_UNIT_RE = re.compile(r"(?<![\w.,])\d[\d.,]*\s*(?:con|ha|héc-?ta|m3|m2|m³|m²)(?!\w)")


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


# "tăng trưởng kinh tế đạt trên 5,7%, đứng thứ 8 khu vực ĐBSCL, đứng thứ 39 so với cả nước", "xếp vị
# thứ 26 về quy mô GRDP so với 63 tỉnh, thành phố": after an ordinal rank, "so với" names the places
# ranked among; it is no base the figure before it is measured against (a base of no field would take
# the figure's change away from it).
_RANK_FRAME_BEFORE_RE = re.compile(r"(?<!\w)thứ\s+\w+(?:\s+[^\s\d,;:()%]+){0,6}\s+$")


def _base_events(scan: _Scan) -> None:
    """The bases (B): "so với cùng kỳ", "so với tháng trước"."""
    s, text, events, taken, bases_by_end = scan.s, scan.low, scan.events, scan.taken, scan.bases_by_end
    may_compared_level = scan.may_compared_level
    for m in BASE_RE.finditer(s, text):
        if may_compared_level and _LEVEL_COMPARED_BASE_RE.match(text, m.start("what")):
            continue  # "cao hơn so với mức 1,91 tỷ USD của tháng trước": a level compared with (compared_level)
        if not overlaps(m.start(), m.end(), taken):
            data = _base_data(m.group("what"))
            if data["field"] is None and _RANK_FRAME_BEFORE_RE.search(text, max(0, m.start() - 48), m.start()):
                taken.append(m.span())  # "đứng thứ 39 so với cả nước": what a rank is among, no base
                continue
            base = Event(m.start(), m.end(), "B", data)
            events.append(base)
            bases_by_end[m.start() + len(s[m.start():m.end()].rstrip())] = base
            taken.append(m.span())
            if (bracket := _BASE_PERIOD_BRACKET_RE.match(text, m.end())) is not None:
                taken.append(bracket.span())  # "so với cùng kỳ năm trước (tháng 7/2024)": the base, spelt out


# A multiple takes its base with no "so với": "gấp 3 lần tháng trước" (the month before: mom),
# "gấp 1,2 lần mức bình quân giai đoạn 2018-2022 (89.899 doanh nghiệp)" (an average of past years:
# no field, and the bracket is that average's level, no figure of the period). "gấp 3,2 lần cùng kỳ"
# and "gấp 2 lần kế hoạch" are read by CHANGE_RE itself.
_MULTIPLE_BASE_RE = re.compile(
    r"(?<=\slần)\s+(?P<what>(?:mức\s+)?(?:bình\s+quân|trung\s+bình)(?:\s+(?!" + _STOP + r")[^\s,;:()%]+){0,7}"
    r"|(?:tháng|quý|năm|kỳ)\s+(?:trước|ngoái|liền\s+kề)(?!\w))")


def _multiple_base_events(scan: _Scan) -> None:
    """The bases (B) a multiple names right after its "lần", with no "so với" ("gấp 3 lần tháng trước")."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    for m in _MULTIPLE_BASE_RE.finditer(text):
        if not overlaps(m.start(), m.end(), taken):
            base = Event(m.start(), m.end(), "B", _base_data(s[m.start("what"):m.end("what")]))
            events.append(base)
            scan.bases_by_end[m.end()] = base
            taken.append(m.span())


def _scope_events(scan: _Scan) -> None:
    """The scope phrases (S): "tính cả …", "không kể …"; and growth net of prices (an aside, A)."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    for m in SCOPE_RE.finditer(s, text):
        if not overlaps(m.start(), m.end(), taken):
            if _PRICE_ADJUSTED_RE.match(text, m.start()):
                # "nếu loại trừ yếu tố giá tăng 8,3% (cùng kỳ năm 2022 tăng 6%)": growth net of prices is
                # another measure; what follows, to the next ';', is not the indicator's.
                events.append(Event(m.start(), m.end(), "A", {"price_adjusted": True}))
            else:
                events.append(Event(m.start(), m.end(), "S", {"text": s[m.start():m.end()]}))
            taken.append(m.span())


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


def _since_ever_totals(s: str, low: str) -> Iterator[re.Match[str]]:
    """The totals since ever a sentence names ("nâng tổng số dự án … đến nay lên 155 dự án", "Lũy
    kế đến nay, tỉnh có 150 dự án FDI còn hiệu lực"); "từ đầu năm đến nay" is a period, not one."""
    if not ("nay" in low or "hiệu lực" in low or "nâng" in low or "hiện" in low):
        return
    for m in SINCE_EVER_RE.finditer(s, low):
        if not _SINCE_YEAR_START_RE.search(s, max(0, m.start() - _SINCE_YEAR_START_WINDOW), m.start()):
            yield m


def counts_since_ever(s: str, low: str) -> bool:
    """The sentence holds a total since ever, as _aside_events finds it."""
    return next(_since_ever_totals(s, low), None) is not None


def _aside_events(scan: _Scan) -> None:
    """The asides (A) after which, to the end of the clause, a figure is no total of the period:
    totals since ever ("lũy kế đến nay", SINCE_EVER_RE) and averages ("bình quân mỗi tháng")."""
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


def _period_events(scan: _Scan) -> None:
    """The periods (P): last year's same period ("cùng kỳ năm 2022"), then those of hbetl/periods.py."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    # "(cùng kỳ năm 2022 tăng 9,6%)" before plain periods: the year inside it moves the
    # sentence's period back a year ("9 tháng" stays "9 tháng"), it is not the year 2022.
    same_period_end = 0
    for m in SAME_PERIOD_BEFORE_RE.finditer(s, text) if "cùng" in text else ():
        if (not overlaps(m.start(), m.end(), taken) and not _COMPARED_WITH_BEFORE_RE.search(s[max(0, m.start() - 12):m.start()])
                and not _compared_not_opened(s, m.start(), m.end())):
            y = m.group("y")
            shift: int | str = y if y and y.isdigit() else -1
            events.append(Event(m.start(), m.end(), "P", {"spec": None, "shift": shift}))
            taken.append(m.span())
            same_period_end = m.end()
    for pm in find_periods(s, text):
        if not overlaps(pm.start, pm.end, taken):
            if (same_period_end and pm.start > same_period_end and pm.spec.kind == "Y" and pm.spec.year
                    and _NEXT_ITEM_YEAR_RE.match(s, same_period_end, pm.start)):
                # "(cùng kỳ năm 2022 tăng 5,1%, năm 2023 tăng 6,4%)": a year listed after the same
                # period of another is that year's same period too.
                events.append(Event(pm.start, pm.end, "P", {"spec": None, "shift": str(pm.spec.year)}))
                taken.append((pm.start, pm.end))
                same_period_end = pm.end
                continue
            events.append(Event(pm.start, pm.end, "P", {"spec": pm.spec, "season": pm.season,
                                                        "plan": names_the_plan(s, pm.start, text, pm.spec.kind)}))
            taken.append((pm.start, pm.end))
    if "(" in s:
        _bare_years_listed(scan)
    if "năm" in text[:12]:
        _year_opening_the_sentence(scan)


def _year_opening_the_sentence(scan: _Scan) -> None:
    """"Năm ngoái, GDP quý 1 chỉ tăng 5,03%", "Năm 2014, quý IV tăng 7,2%": a year that opens the
    sentence is the year of the quarters, halves and months it names after it with none of their
    own, up to the next year named or the next ';'."""
    s, events = scan.s, scan.events
    opening = None
    for e in events:
        if e.kind != "P" or (spec := e.data.get("spec")) is None:
            continue
        if opening is None:
            if spec.kind != "Y" or s[:e.start].strip(" -–") or not (spec.year or spec.relative == "prev"):
                return
            opening = e
            continue
        if spec.kind == "Y" or ";" in s[opening.end:e.start]:
            return
        if spec.year is None and spec.relative is None and spec.kind in ("Q", "H", "M", "YTD"):
            o = opening.data["spec"]
            e.data["spec"] = spec._replace(year=o.year) if o.year else spec._replace(relative="prev")


# "… các năm trước (2001 tăng 7,1%; 2002 tăng 6,5%)", "(năm trước: 2022: 8%)": a bare year opening an
# item in brackets, before its figure, is that item's period.
# (Not a span of years: "(2021 - 2025)".) The bracket or ';' is matched, not looked behind at: a
# pattern that opens with a class lets the engine skip in C to the next '(' or ';', where the
# look-behind was tried at every position of each sentence with a bracket; group 1 is the year.
_BARE_YEAR_ITEM_RE = re.compile(r"[(;]\s*((?:19|20)\d\d)(?=\s*(?::\s*)?(?:tăng|giảm|đạt|là|[+-]?\s*\d+(?:,\d+)?\s*%))")
_SEVERAL_YEARS_RE = re.compile(r"(?<!\w)(?:các|những)\s+năm(?!\w)")


def _bare_years_listed(scan: _Scan) -> None:
    """The years of a list in brackets (_BARE_YEAR_ITEM_RE), each the part of the year named for
    all of them before the bracket ("mức tăng trưởng 6 tháng đầu các năm trước (2001 tăng 7,1%; …)":
    each year's first half), else the year."""
    s, events, taken = scan.s, scan.events, scan.taken
    for m in _BARE_YEAR_ITEM_RE.finditer(s):
        if overlaps(m.start(1), m.end(1), taken):
            continue
        year = int(m.group(1))
        opening = s.rfind("(", 0, m.start(1))
        part = next((e.data["spec"] for e in reversed(events) if e.kind == "P" and e.end <= opening
                     and e.data.get("spec") is not None and e.data["spec"].kind != "Y"), None)
        if part is not None and not _SEVERAL_YEARS_RE.search(s, part_end(events, opening), opening):
            part = None
        spec = PeriodSpec("Y", 0, year) if part is None else part._replace(year=year, relative=None)
        events.append(Event(m.start(1), m.end(1), "P", {"spec": spec, "season": None, "plan": False, "listed": True}))
        taken.append(m.span(1))


def part_end(events: list[Event], before: int) -> int:
    """The end of the last period before ``before``."""
    return max((e.end for e in events if e.kind == "P" and e.end <= before), default=0)


def _place_events(scan: _Scan, names: list[tuple[int, int, str]] | None) -> None:
    """The places (L): provinces, cities, regions (``names``, when the caller found them in the whole text)."""
    s, taken, places = scan.s, scan.taken, scan.places
    for a, b, name in [(m.start(), m.end(), m.group(0)) for m in find_places(s)] if names is None else names:
        if (not overlaps(a, b, taken) and not _RANKED_WITHIN_RE.search(s, max(0, a - 64), a)
                and not (_RANKED_AFTER_RE.search(s, max(0, a - 16), a) and _RANKED_NEXT_RE.match(s, b))):
            places.append(Event(a, b, "L", {"name": name}))
            taken.append((a, b))
    scan.events += places


def _change_events(scan: _Scan, changes: list[re.Match[str]]) -> None:
    """The changes (C) of CHANGE_RE's ``changes``: "tăng 18,19%", "bằng 139% cùng kỳ"."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    may_compared_level, may_floor = scan.may_compared_level, scan.may_floor
    mention_at = {e.start: e for e in scan.mentions}
    for m in changes:
        # A change may run into a base it names ("so với kế hoạch"), but may not start inside one.
        if _inside(m.start(), taken):
            continue
        if text.startswith("thấp", m.start()) and _negated(text, m.start()):
            continue  # "thu ngân sách không thấp hơn 48.000 tỷ đồng": no less than, the level 'hơn' reads
        ev = _change_event(m)
        if ev is not None and m.group("fill") and "quân" in m.group("fill"):
            ev.data["average_rate"] = True
        if (may_compared_level and ev is not None and ev.data.get("field") is None and ev.data.get("compared_pct") is None
                and ("mức" in text[m.start():ev.end] or "con số" in text[m.start():ev.end])
                and text[ev.end:ev.end + 2].strip()[:1] not in ("%", "")):
            continue  # "thấp hơn mức 1.350 triệu USD cùng kỳ": a level compared with, read as a level
        if (ev is not None and (may_floor or ev.data.get("qualifier") == "over")
                and _places_over_threshold(text, m.start(), ev.end, ev.data.get("qualifier"))):
            taken.append((m.start(), ev.end))  # "7 địa phương có GRDP tăng trưởng trên 10%": a bar, not a figure
            continue
        if ev is not None:
            events.append(ev)
            taken.append((m.start(), ev.end))
            # "tăng 5% về số doanh nghiệp nhưng giảm 6% vốn đăng ký": the phrase right after a
            # change names what changed; it opens no subject of its own.
            mention = mention_at.get(ev.end + 1) if s[ev.end:ev.end + 1] == " " else None
            if mention is not None and ev.data.get("field") and not ev.data.get("about"):
                ev.data["about"], ev.data["about_object"] = mention.data["label"], True
                mention.data["object"] = True


def _level_events(scan: _Scan) -> None:
    """The levels (V) of VALUE_RE, a number and its unit: "2.663 tỷ đồng", "khoảng 210.000 lượt";
    here the figures that state no level (a range, a bar, a rate, …) are only taken."""
    s, text, taken = scan.s, scan.low, scan.taken
    # Words the checks below look for: a sentence without them skips their regexes for every level.
    may_range = "-" in text or "đến" in text or "tới" in text
    may_whole = "trong" in text
    may_milestone = "mốc" in text or "ngưỡng" in text
    may_project = "dự án" in text
    may_absolute = "tuyệt đối" in text
    may_floor = scan.may_floor
    for m in VALUE_RE.finditer(s, text):
        num_start, num_end = m.span("num")
        if overlaps(num_start, num_end, taken):
            continue
        m_start, m_end = m.span()  # (once: the checks below ask for them again and again)
        range_text, unit_text, qual = m.group("range", "unit", "qual")
        done_of_plan = None
        if range_text or s[m_end:m_end + 1] == "/" or (num_start and s[num_start - 1] == "/"):
            done_of_plan = None if range_text or s[m_end:m_end + 1] == "/" else _DONE_OF_PLAN_RE.search(
                s, num_start - 24 if num_start > 24 else 0, num_start)
            if done_of_plan is None:
                taken.append((m_start, m_end))
                continue
        unit = unit_of(unit_text)
        if unit is None:
            continue
        if (may_range and text.startswith(_RANGE_OPENERS, m_end) and (range_to := _RANGE_TO_RE.match(text, m_end))
                and range_to.group(1).startswith(unit_text.split()[0].lower())):
            taken.append((m_start, range_to.end()))  # "từ 7,5% đến 8%": a range, its unit written twice
            continue
        if may_whole and text.find("trong", m_start - 18 if m_start > 18 else 0, m_start) >= 0 and \
                _OF_THE_WHOLE_BEFORE_RE.search(text, m_start - 24 if m_start > 24 else 0, m_start):
            taken.append((m_start, m_end))  # "Trong hơn 1.980 tỷ đồng thu ngân sách, thu nội địa …": the whole, named again
            continue
        if text.endswith(_CHANGE_BY_ENDS, 0, m_start) and _CHANGE_BY_BEFORE_RE.search(
                text, m_start - 40 if m_start > 40 else 0, m_start):
            taken.append((m_start, m_end))  # "tăng hơn năm ngoái gần 100.000 tấn": an absolute change (Conventions)
            continue
        if may_absolute and _in_absolute_terms(text, m_end):
            taken.append((m_start, m_end))  # "cao hơn … 56 nghìn tỷ đồng về số tuyệt đối so với cùng kỳ"
            continue
        if qual and unit[0] != "percent" and text.startswith("vượt", m_start) and _GAP_BASE_AFTER_RE.match(text, m_end):
            # "đạt 25.000 tỷ đồng, vượt 4.000 tỷ đồng so với chỉ tiêu": the excess over it, a change in
            # no field (as "tăng 4,43 tỷ USD"), which the base after it belongs to.
            scan.events.append(Event(m_start, m_end, "C", {"field": None}))
            taken.append((m_start, m_end))
            continue
        if (qual or may_floor) and _places_over_threshold(text, m_start, m_end, _qualifier(qual.lower() if qual else "")):
            taken.append((m_start, m_end))  # "6 tỉnh đạt kim ngạch từ 10 tỷ USD trở lên": a bar, not a figure
            continue
        if may_project and text.find("vốn", m_start - 30 if m_start > 30 else 0, m_start) >= 0 and \
                _ONE_PROJECT_BEFORE_RE.search(s, m_start - 160 if m_start > 160 else 0, m_start):
            taken.append((m_start, m_end))  # "dự án Nhà máy … Hengxin Việt Nam với vốn đầu tư 9,8 triệu USD": one project's
            continue
        passed_mark = False
        if may_milestone and _MILESTONE_BEFORE_RE.search(text, m_start - 12 if m_start > 12 else 0, m_start):
            passed_mark = _PASSED_MARK_BEFORE_RE.search(text, m_start - 16 if m_start > 16 else 0, m_start) is not None
            if not passed_mark or _EXACT_FIGURE_AFTER_RE.match(text, m_end):
                taken.append((m_start, m_end))  # "vượt mốc 20 tỷ USD, đạt 20,21 tỷ USD": a round mark passed, not the figure
                continue
        if "mỗi" in text and _PER_UNIT_AFTER_RE.match(text, m_end):
            taken.append((m_start, m_end))  # "68 triệu kWh mỗi ngày": a rate, not the period's total
            continue
        if (text.startswith(" vào ", m_end) or text.startswith(" đầu tư vào ", m_end)) and _INTO_BRANCH_AFTER_RE.match(text, m_end):
            taken.append((m_start, m_end))  # "gần 1,5 tỉ USD đầu tư vào lĩnh vực công nghiệp chế biến": one branch's
            continue
        n_events = len(scan.events)
        _level_event(scan, m, m_start, m_end, unit)
        if passed_mark and len(scan.events) == n_events + 1 and scan.events[-1].kind == "V":
            # "số doanh nghiệp thành lập mới vượt mốc 130 nghìn doanh nghiệp, tăng 4,7%": the mark
            # passed and no exact figure after it, the only level the text gives: over the mark.
            scan.events[-1].data["qualifier"] = scan.events[-1].data.get("qualifier") or "over"
        if done_of_plan is not None and len(scan.events) == n_events + 1 and scan.events[-1].kind == "V":
            _split_done_of_plan(scan, done_of_plan, m_start)


# "thu ngân sách đạt 3.456/5.000 tỷ đồng": what was done, over the plan, the unit written once
# after the plan. Not a date ("30/6"), nor a list of ratios ("17/17 chỉ tiêu" has no unit here).
_DONE_OF_PLAN_RE = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*(?:,\d+)?)\s*/\s*$")


def _split_done_of_plan(scan: _Scan, done: re.Match[str], plan_start: int) -> None:
    """The level just read is the plan's amount (a target); the number before the '/' is the
    level done, in the same unit."""
    plan = scan.events[-1]
    number = to_number(done.group(1))
    if number is None or plan.data["value"] <= 0 or plan.data["family"] == "percent":
        return
    factor = plan.data["value"] / parse_number(scan.s[plan_start:plan.end].split()[0].lstrip("/"))
    if number * factor > plan.data["value"] * 1.5:
        return  # not a share of the plan: more than half again over it is another reading
    plan.data = {**plan.data, "plan_figure": True, "over_done": True}
    scan.events.append(Event(done.start(1), done.end(1), "V", {**plan.data, "plan_figure": False,
                                                                 "value": scaled(number, factor)}))
    scan.taken.append((done.start(1), done.end(1)))


def _level_event(scan: _Scan, m: re.Match[str], m_start: int, m_end: int, unit: tuple[str, float, str | None]) -> None:
    """The event of VALUE_RE's ``m`` (at ``m_start:m_end``) that states a figure (its ``unit``
    read): a level (V), or a change (C) written as a signed percent or as a place's in a list."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    num_text, unit_text, upper, qual = m.group("num", "unit", "upper", "qual")
    # "tăng 4,2% (498 doanh nghiệp)": the level, or, after a level ("là 905.867 tấn, giảm
    # 0,58% (5.240 tấn)"), the same change as an amount (the walk tells which).
    after_change = (s[m_end:m_end + 2].lstrip().startswith(")")
                    and bool(_AFTER_PERCENT_BRACKET_RE.search(s, max(0, m_start - 6), m_start)))
    try:
        number = parse_number(num_text)
    except ValueError:
        return
    family, factor, noun = unit
    if upper:
        number = _compound(number, upper, int(m.group("lower")), unit_text)
    qual = (qual or "").lower()
    start = m_start
    # "7 vụ vi phạm", "12,6 triệu lượt khách quốc tế": the unit opens a catalogue phrase.
    num_end = m.end("num")
    unit_start, unit_end = m.span("unit")
    for ev in scan.mentions:
        if (unit_start <= ev.start < unit_end + 2 and ev.start >= num_end
                and (ev.start <= unit_end or s[unit_end:ev.start].isspace())):
            ev.data["value_first"] = True
            ev.start = start
    if family == "percent" and start and s[start - 1] in "+-" and s[max(0, start - 2):start - 1] in ("(", " ", ""):
        # "so với CK giảm nhiều (-9,28%)", "dịch vụ (+3,63%)": a signed percent is a change.
        sign = -1 if s[start - 1] == "-" else 1
        events.append(Event(start - 1, m_end, "C", {"field": "yoy", "pct": sign * number, "fixed": False,
                                                    "relative": True, "about": None, "qualifier": None}))
        taken.append((start - 1, m_end))
        return
    if family == "percent" and scan.places and _after_place(s, scan.places, start, m_end):
        # "Bắc Giang (13,82%), Hòa Bình (12,76%)": each place's change, as the list's first is written.
        events.append(Event(start, m_end, "C", {"field": "yoy", "pct": number, "fixed": False,
                                                "relative": True, "about": None, "qualifier": None, "of_place": True}))
        taken.append((start, m_end))
        return
    may_floor, bases_by_end = scan.may_floor, scan.bases_by_end
    compared = (_COMPARED_LEVEL_BEFORE_RE.search(text, m_start - 40 if m_start > 40 else 0, m_start) if scan.may_compared_level
                and (text.find("mức", m_start - 40 if m_start > 40 else 0, m_start) >= 0
                     or text.find("con số", m_start - 40 if m_start > 40 else 0, m_start) >= 0) else None)
    events.append(Event(start, m_end, "V", {
        # "so với kế hoạch đề ra đầu năm 2022 là 8,42%": the plan's own figure.
        "plan_figure": ((s.find("là", start - 8 if start > 8 else 0, start) >= 0
                         or s.find("mức", start - 10 if start > 10 else 0, start) >= 0) and _states_a_plan(s, start)
                        or _names_the_goal_right_before(s, start)),
        "value": scaled(number, factor), "family": family, "noun": noun,
        # "đạt từ 20.000 tỷ đồng trở lên": at least, as 'over'.
        "qualifier": (_qualifier(qual, _negated(text, m_start)) if qual else None)
        or ("over" if may_floor and _OR_MORE_RE.match(text, m_end) else None),
        # Only fits reads the cue, and only for a percent: other values skip its regex.
        # "tốc độ tăng trưởng GRDP từ 11% trở lên": a floor states the level as a verb would.
        "percent_cue": family == "percent" and (_percent_cue(s[max(0, start - 32):start]) or (
            may_floor and s[max(0, start - 4):start].rstrip().endswith("từ") and bool(_OR_MORE_RE.match(text, m_end)))
            or _ranked_with(s, text, start, m_end) or compared is not None),  # ("vượt qua con số 6,14%")
        "after_change": after_change,
        "compared_level": compared is not None,
        "compared_forecast": compared is not None and compared.group("forecast") is not None,
        # "116.900 doanh nghiệp gia nhập và tái gia nhập thị trường": firms counted in another state.
        "other_firms": noun in ("doanh nghiệp", "dn") and bool(_OTHER_FIRMS_AFTER_RE.match(text, m_end)),
        # "số doanh nghiệp thành lập mới đạt 27,8 nghìn, tăng 11,1%": thousands whose noun is left
        # out, the figure closed right after its scale (not "94,7 nghìn lao động").
        "closed": family == "bare" and bool(_CLOSED_AFTER_RE.match(text, m_end)),
        "base_level": (_base_before_bracket(s, start, m_end, bases_by_end)
                       if bases_by_end and s.find("(", start - 3 if start > 3 else 0, start) >= 0 else None),
    }))
    taken.append((start, m_end))


def _bare_count_events(scan: _Scan) -> None:
    """Counts with no unit (V), for a count's subject only: "số doanh nghiệp đăng ký mới là 320,
    tăng 5%" states a whole number that only a count takes (fits)."""
    events, taken = scan.events, scan.taken
    for m in _BARE_COUNT_RE.finditer(scan.low):
        if not overlaps(m.start(1), m.end(1), taken):
            try:
                number = parse_number(m.group(1))
            except ValueError:
                continue
            events.append(Event(m.start(1), m.end(1), "V", {
                "plan_figure": False, "value": number, "family": "number", "noun": None, "qualifier": None,
                "percent_cue": False}))
            taken.append(m.span(1))


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


_KIND_LISTED_ON_RE = re.compile(r"\s*,\s*(?:[^\W\d][^,;.\d]{0,30}?\s)?(?:hàng\s+giả|gian\s+lận|buôn\s+lậu|hàng\s+(?:nhập\s+)?lậu|hàng\s+cấm)")


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


def _cue_events(scan: _Scan) -> None:
    """The kind cues (K): an estimate ("ước"), a target ("phấn đấu", "dự kiến", "kế hoạch đặt ra")."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    for m in ESTIMATE_RE.finditer(s, text) if "ước" in text else ():
        lo = m.start() - 30 if m.start() > 30 else 0
        before = (_WORD_BEFORE_RE.search(s, lo, m.start())
                  if _NOT_ESTIMATE_BEFORE_IN_RE.search(s[lo:m.start()].lower()) else None)
        if ((before and before.group(1).lower() in _NOT_ESTIMATE_BEFORE and not _PUBLIC_INVESTMENT_BEFORE_RE.search(s, lo, m.start()))
                or overlaps(m.start(), m.end(), taken)):
            continue
        events.append(Event(m.start(), m.end(), "K", {"kind": "estimate"}))
    estimated_at = events[-1].start if events and events[-1].kind == "K" else -1  # (the last "ước" found above)
    for m in TARGET_RE.finditer(s, text) if _may_target(text) else ():
        if 0 <= estimated_at < m.start() and _will_of_an_estimate(text, estimated_at, m):
            continue
        if not _reaches_or_names_effort(s, m):
            expected = m.group(0).lower().startswith(("dự kiến", "dự báo", "sẽ"))
            events.append(Event(m.start(), m.end(), "K", {"kind": "target", "expected": expected}))
    if "sơ" in text:
        _preliminary_events(scan)


# "sơ bộ 6 tháng đầu năm tăng 7,51%, ước tính 6 tháng cuối năm tăng 10,67%", "Sơ bộ quý I giảm
# mạnh (-11,38%)": a preliminary figure is a measured one (metric-record.md: "sơ bộ" is actual),
# though an estimate governs the clause before; "ước tính sơ bộ" (a preliminary estimate) stays one.
PRELIMINARY_RE = FastPattern(r"sơ\s+bộ(?!\w)", word_start=True, trigger="sơ")
_ESTIMATE_NEXT_TO_RE = re.compile(r"(?<!\w)ước(?!\w)")


def _preliminary_events(scan: _Scan) -> None:
    """The cue "sơ bộ" (K, actual), where no "ước" stands right before or after it."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    for m in PRELIMINARY_RE.finditer(s, text):
        near = text[max(0, m.start() - 10):m.end() + 10]
        if _ESTIMATE_NEXT_TO_RE.search(near) or overlaps(m.start(), m.end(), taken):
            continue
        events.append(Event(m.start(), m.end(), "K", {"kind": "actual"}))


def _will_of_an_estimate(text: str, estimated_at: int, m: re.Match[str]) -> bool:
    """"Dự ước cả năm 2016, chỉ số sản xuất công nghiệp của tỉnh sẽ tăng trên 8,3%": the future
    "sẽ" after an estimate ("ước") in the same sentence, no ';' between, is the estimate's own
    wording, not a forecast of its own (a target only with "dự kiến", "phấn đấu"…)."""
    return text.startswith("sẽ", m.start()) and text.find(";", estimated_at, m.start()) < 0


def _subitem_events(scan: _Scan) -> None:
    """Where a breakdown opens (T): "trong đó", "bao gồm", "chia theo"; by period or by place."""
    s, events, taken, places = scan.s, scan.events, scan.taken, scan.places
    for m in SUBITEMS_RE.finditer(s, scan.low):
        if overlaps(m.start(), m.end(), taken):
            continue  # "gồm" inside a scope ("bao gồm cả …") or a phrase
        # "trong đó năm 2011 đạt 11,68%, năm 2012 đạt 13,44%": a breakdown by period, of the same subject.
        gap = len(s[m.end():m.end() + 3]) - len(s[m.end():m.end() + 3].lstrip(" ,:"))
        # "trong đó khu vực tỉnh Quảng Ngãi (cũ) đóng góp hơn 15.000 tỉ đồng, Kon Tum …": by place.
        by_place = any(0 <= p.start - m.end() <= 25 and _PLACE_LEAD_RE.fullmatch(s, m.end(), p.start) for p in places)
        # (The periods' starts are gathered here, for the few sentences with a breakdown, not for every sentence.)
        period_starts = {e.start for e in events if e.kind == "P"}
        events.append(Event(m.start(), m.end(), "T", {"by_period": m.end() + gap in period_starts,
                                                      "by_place": by_place}))


def _break_events(scan: _Scan) -> None:
    """The clause breaks (X): , ; : ( ) [ ] and " - ", but none inside a phrase or a place's name."""
    s, events = scan.s, scan.events
    # A dash inside a name breaks no clause: "Bà Rịa - Vũng Tàu 133,3 triệu USD" is one item of a list.
    # The phrases' and places' spans as a mask of the sentence: whether a break falls inside one is
    # then one call in C, not a call of overlaps() over the spans (~6 breaks against ~4 spans a
    # sentence). The same answer: neither a span nor a break is empty.
    in_phrase = bytearray(len(s))
    for e in scan.mentions + scan.places:
        in_phrase[e.start:e.end] = b"\x01" * (e.end - e.start)
    if "kể" in scan.low or "trừ" in scan.low:
        for e in scan.events:
            if e.kind == "S" and "," in e.data["text"]:
                # "không kể tiền sử dụng đất, thu xổ số kiến thiết": the list of what is left out, one scope
                in_phrase[e.start:e.end] = b"\x01" * (e.end - e.start)
    if "(+" in s or "(-" in s:
        _mask_signed_change_brackets(s, in_phrase)
    if "-" in s:
        for e in scan.events:
            if e.kind == "A":  # "bình quân 3 năm 2016 - 2018 đạt 6,57%": the span of years, one aside
                in_phrase[e.start:e.end] = b"\x01" * (e.end - e.start)
        for m in CLAUSE_BREAK_RE.finditer(s):
            start, end = m.span()
            if in_phrase.find(1, start, end) < 0:
                brk = _break_event(s, start, end, m.group(0).strip())
                events.append(brk)
                if brk.data.get("plan"):
                    _bare_plan_rate(s, brk, events)
    else:
        # With no dash every break is one character: its end, text and mask byte read in place, not
        # by span(), group(0).strip() and find() (~6 breaks a sentence).
        for m in _CLAUSE_BREAK_NO_DASH_RE.finditer(s):
            start = m.start()
            if not in_phrase[start]:
                char = s[start]
                if char != "(":
                    events.append(Event(start, start + 1, "X", _PLAIN_BREAKS[char]))
                    continue
                brk = _break_event(s, start, start + 1, char)
                events.append(brk)
                if brk.data["plan"]:
                    _bare_plan_rate(s, brk, events)


# "tăng 6,47% (kế hoạch 9,05%)", "ước đạt 8,59% (kế hoạch là 8%)": the year's planned rate in a
# bracket right after the rate reached, its verb left out; it is the planned change of the same
# indicator, read as "(kế hoạch tăng 9,05%)" would be. Only after a rise or a growth rate, so that
# a share of the plan ("giải ngân đạt 60% (kế hoạch 95%)") is not read as a rise.
_BARE_PLAN_RATE_RE = re.compile(
    r"\s*(?:KH|kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)(?:\s+(?:cả\s+)?năm)?(?:\s+\d{4})?(?:\s+(?:là|đề\s+ra|đặt\s+ra))?"
    r"\s+(?P<num>\d{1,3}(?:,\d+)?)\s*%\s*\)", re.IGNORECASE)
_RATE_BEFORE_BRACKET_RE = re.compile(
    r"(?:tăng|giảm)(?:\s+trưởng)?(?!\w)[^,;()%]{0,40}?\d[\d.,]*\s*%(?:\s+so\s+(?:với\s+)?[^,;()%\d]{0,30}(?:\d{4})?)?\s*$",
    re.IGNORECASE)


def _bare_plan_rate(s: str, brk: Event, events: list[Event]) -> None:
    """The planned rate of a plan's bracket that writes no verb (_BARE_PLAN_RATE_RE), as a change."""
    m = _BARE_PLAN_RATE_RE.match(s, brk.end)
    if m is None:
        return
    rate = _RATE_BEFORE_BRACKET_RE.search(s, max(0, brk.start - 90), brk.start)
    # ("giảm 2% (kế hoạch 5%)": whether the plan was a fall too is not written.)
    if rate is None or rate.group(0)[:1].lower() == "g" or (pct := to_number(m.group("num"))) is None:
        return
    events.append(Event(m.start("num"), m.end("num") + 1, "C",
                        {"about": None, "qualifier": None, "field": "yoy", "pct": pct, "fixed": False, "relative": True}))


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
        if (((e.data["weak"] or needs) and not _weak_confirmed(s, e, events))
                or (other_enforcement and e.data["code"] == "market_violations")
                or (e.data["code"] == "fdi_capital" and _names_a_sector(s, e))  # (a call only where it can hold)
                or (e.data["code"] == "new_enterprises" and names_a_branch(s, e))):
            continue
        if topics is not None and needs is None:
            topics[1].add(e.data["code"])
        kept.append(e)
    if len(kept) == len(mentions):
        return events
    kept_ids = {id(e) for e in kept}
    return [e for e in events if e.kind != "M" or id(e) in kept_ids]


# "tăng cao (+13,11%) so với tháng trước", "giảm (-2,5%) so với cùng kỳ": a change verb (and how
# much) with its rate in brackets, signed, the base after them. (group "open": the bracket)
_SIGNED_CHANGE_BRACKET_RE = re.compile(
    r"(?<!\w)(?:tăng|giảm)(?:\s+(?:rất|khá|nhẹ|cao|mạnh|thấp|nhanh|chậm|hơn)){0,2}\s*(?P<open>\()\s*[+-]\s*\d[\d.,]*\s*%\s*\)"
    r"(?=\s*so(?!\w))", re.IGNORECASE)


def _mask_signed_change_brackets(s: str, in_phrase: bytearray) -> None:
    """The brackets of a signed rate right after its verb, with its base after them, break no
    clause: "IIP tháng 5 tăng cao (+13,11%) so với tháng trước và tăng rất cao (+27,11%) so với
    cùng tháng năm trước" gives each rate its own base (a break between them left the first bare
    and gave the second the first's base)."""
    for m in _SIGNED_CHANGE_BRACKET_RE.finditer(s):
        in_phrase[m.start("open")] = 1
        in_phrase[m.end() - 1] = 1


def _break_event(s: str, start: int, end: int, char: str) -> Event:
    """The clause break ``char`` at ``s[start:end]``."""
    if char == "(":
        # "(KH năm tăng trên 8,5%)": what the bracket holds is the plan.
        plan = bool(_PLAN_OPENS_RE.match(s, end))
        plan_amount = (not plan and bool(_AMOUNT_ONLY_RE.match(s, end))
                       and bool(_PLAN_NAMED_BEFORE_RE.search(s, max(0, start - 70), start)))
        return Event(start, end, "X", {"char": char, "plan": plan or plan_amount, "plan_amount": plan_amount,
                                       "aside": not plan and bool(_ABSOLUTE_CHANGE_ASIDE_RE.match(s, end))})
    return Event(start, end, "X", _PLAIN_BREAKS[char])


# "tăng 4,46% (tăng 2,5 triệu USD) so với tháng trước", "tăng 12% (tương ứng tăng 904 triệu USD) so
# với cùng kỳ": the change's amount in brackets, an aside between the rate and its base.
_ABSOLUTE_CHANGE_ASIDE_RE = re.compile(
    r"\s*(?:tương\s+(?:ứng|đương)(?:\s+với)?\s+)?(?:(?:kim\s+ngạch|số\s+tiền|giá\s+trị)\s+)?(?:tăng|giảm)(?:\s+thêm)?"
    r"\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?\d[\d.,]*\s*[^\d()%;]{1,25}\)", re.IGNORECASE)  # shared: no one writes to a break's data


_ABOUT_AFTER_RE = re.compile(r"\s+về\s+([^\s,;:().]+(?:\s+(?!(?:và|so|nhưng|còn|tăng|giảm|đạt)(?!\w))[^\s\d,;:().]+){0,5})")
_LIST_GAP_RE = re.compile(r"\s*,?\s*(?:và\s+)?")


def _list_of_changes_about(s: str, events: list[Event]) -> None:
    """"giảm lần lượt là 32,3% về số doanh nghiệp, 33,6% về số vốn và 42,4% về số lao động": the
    percents listed after a change 'về …' share its verb, each about what it names."""
    lead: Event | None = None
    end = 0
    for i, e in enumerate(events):
        if e.kind == "C" and e.data.get("about") and e.data.get("field") == "yoy" and e.data.get("relative"):
            lead = e
            about = _ABOUT_AFTER_RE.match(s, e.end)  # (the change's span ends before its "về …")
            end = about.end() if about else e.end
        elif e.kind == "X" and e.data["char"] == ",":
            continue
        elif lead is not None and e.kind == "V" and e.data["family"] == "percent" and _LIST_GAP_RE.fullmatch(s, end, e.start):
            about = _ABOUT_AFTER_RE.match(s, e.end)
            if about is None:
                lead = None
                continue
            pct = -e.data["value"] if lead.data["pct"] < 0 else e.data["value"]
            events[i] = Event(e.start, e.end, "C", {**lead.data, "pct": pct, "about": about.group(1)})
            end = about.end()
        elif e.kind != "M" or e.start >= end:
            lead = None


_PLACE_LEAD_RE = re.compile(r"[\s,:]*(?:(?:khu\s+vực|địa\s+bàn|tỉnh|thành\s+phố|TP\.?)\s+)*", re.IGNORECASE)


def _base_before_bracket(s: str, start: int, end: int, bases_by_end: dict[int, Event]) -> dict | None:
    """The base whose level an amount alone in brackets right after it states ("tăng 113% so với
    cùng kỳ năm trước (921 tỉ đồng)": last year's level), else None."""
    bracket = s.rfind("(", max(0, start - 3), start)
    if bracket < 0 or s[bracket + 1:start].strip() or not s[end:end + 2].lstrip().startswith(")"):
        return None
    base = bases_by_end.get(len(s[:bracket].rstrip()))
    return base.data if base is not None else None


_CLAUSE_END_AFTER_RE = re.compile(r"\s*(?:[.,;)]|$)")


# "…, đứng thứ hai vùng Tây Nguyên", "dẫn đầu khu vực Đông Nam Bộ", "cao nhất Đồng bằng sông Hồng":
# a place right after a rank is the area ranked within, not a place with a figure of its own.
# So is the group of provinces named after it: "đứng thứ nhất trong các tỉnh vùng Đồng bằng sông
# Hồng", "dẫn đầu các tỉnh Tây Nguyên", "cao nhất trong số 14 tỉnh, thành phố thuộc Bắc Trung Bộ".
_RANKED_WITHIN_RE = re.compile(
    r"(?:đầu|nhất|thứ\s+\w+)(?:(?:\s+(?:trong|của|ở|tại))?(?:\s+số)?\s+(?:các|\d+|nhóm)\s+(?:tỉnh|địa\s+phương)"
    r"(?:,?\s+thành(?:\s+phố)?)?(?:\s+(?:thuộc|trong|của|ở|tại))?)?\s+$", re.IGNORECASE)
# "Sau TP HCM là Hà Nội với 50.000 tỷ đồng", "xếp sau Bắc Ninh là Hải Phòng": the place ranked
# after names where the next stands; its own figure was given before, the one that follows is the next's.
_RANKED_AFTER_RE = re.compile(r"(?<!\w)(?:[Đđ]ứng\s+|[Xx]ếp\s+|[Nn]gay\s+|[Tt]heo\s+)?[Ss]au\s+$")
_RANKED_NEXT_RE = re.compile(r"\s+(?:là|lần\s+lượt\s+là)(?!\w)")


# "trong đó, Bắc Giang tăng cao nhất với 36,4%", "Quảng Nam có mức tăng mạnh nhất với 29,2%": the
# place that rose most, and by how much (a rise: a fall "giảm sâu nhất với" is left as written).
_ROSE_MOST_WITH_RE = re.compile(r"\s+(?:có\s+)?(?:mức\s+|tốc\s+độ\s+)?tăng(?:\s+trưởng)?(?:\s+(?:cao|mạnh|nhanh))?\s+nhất"
                                r"(?:\s+cả\s+nước)?\s+với\s*", re.IGNORECASE)


def _rose_most_with(s: str, place_end: int, start: int) -> bool:
    return 0 < start - place_end < 60 and _ROSE_MOST_WITH_RE.fullmatch(s, place_end, start) is not None


def _after_place(s: str, places: list[Event], start: int, end: int) -> bool:
    """A bare percent in brackets right after a place's name: "Hòa Bình (12,76%)", or after
    "với" ("Địa phương có chỉ số IIP tăng cao nhất … là Bắc Giang với 36,4%")."""
    head = s[max(0, start - 5):start].rstrip()
    if head.endswith("với"):
        # (only a percent that ends its clause: "… với 28% tổng kim ngạch" is a share)
        return (any(s[p.end:start].strip() == "với" or _rose_most_with(s, p.end, start) for p in places)
                and bool(_CLAUSE_END_AFTER_RE.match(s, end)))
    if not head.endswith("("):
        # "các địa phương có tốc độ tăng trưởng cao gồm: Bắc Giang 13,5%, Hải Phòng 10,2%": the
        # percent right after the name, ending its clause, is that place's as a bracket would be.
        return (head != "" and head[-1] not in ",;:" and any(s[p.end:start].isspace() for p in places if p.end < start)
                and (bool(_CLAUSE_END_AFTER_RE.match(s, end)) or _next_place_joined(s, places, end)))
    bracket = s.rfind("(", 0, start)
    return any(0 <= bracket - p.end <= 1 for p in places)


# "… Đà Nẵng 11,36% và Lai Châu 11,32%": the list's last item joined by "và" (or "hoặc") instead of
# a comma; the percent before it still ends its place's item.
_JOINED_NEXT_RE = re.compile(r"\s+(?:và|hoặc)\s+")


def _next_place_joined(s: str, places: list[Event], end: int) -> bool:
    """Right after the percent at ``end``, "và" then the next place of the list (a place's name
    opening what follows, not "và chiếm 20% …")."""
    joined = _JOINED_NEXT_RE.match(s, end) if s.startswith((" và", " hoặc"), end) else None
    return joined is not None and any(p.start == joined.end() for p in places)


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
_TRADE_CODES = frozenset(("export_turnover", "import_turnover", "trade_turnover"))


# "cấp quyết định chủ trương đầu tư cho 2 dự án đầu tư trong nước với tổng vốn gần 40.000 tỷ
# đồng": the capital of projects counted in the clause, written with 'vốn' alone (or as their
# "tổng mức đầu tư", total investment: "31 dự án trong nước, với tổng mức đầu tư 6.820 tỷ đồng"; "với"
# may be left out: "18 dự án được cấp giấy chứng nhận đăng ký đầu tư, tổng vốn 2.140 tỷ đồng"), is the
# capital they registered (in dollars, foreign investment: _CODE_FOR_UNIT). One project's
# capital ("Dự án có tổng vốn đầu tư 2.000 tỷ đồng") counts no projects.
_PROJECTS_CAPITAL_RE = re.compile(
    r"(?<!\w)\d+\s+dự\s+án(?!\w)[^.;:]{0,120}?(?:(?<!\w)với\s+|(?P<comma>,)\s*)(?P<cap>(?:tổng\s+)?(?:số\s+)?vốn(?:\s+đầu\s+tư)?|(?:tổng\s+)?mức\s+đầu\s+tư)"
    r"(?=\s+(?:khoảng|gần|hơn|trên|đạt|là)?\s*\d)")


# One project named by its proper name ("dự án Nhà máy kỹ thuật vật liệu mới Hengxin Việt Nam với vốn
# đầu tư 9,8 triệu USD"): its capital is no total of projects (counted ones are: "5 dự án … với …";
# "dự án FDI" is a kind, not a name).
_ONE_PROJECT_BEFORE_RE = re.compile(
    r"(?<!\d\s)(?<!\w)[Dd]ự\s+án\s+[A-ZĐÀ-Ỹ][a-zà-ỹ](?:(?!\d\s+dự\s+án)[^;:()]){0,140}?\svới\s+(?:tổng\s+)?(?:số\s+)?vốn(?:\s+đầu\s+tư)?"
    r"(?:\s+(?:đăng\s+ký))?(?:\s+(?:khoảng|gần|hơn|trên|đạt|là))?\s*$")


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
        if m.group("comma") and any(clause_start <= f.start and f.end <= a for f in found):
            continue  # "Thu hút đầu tư trực tiếp nước ngoài … được 9 dự án, tổng vốn đầu tư …": that subject's capital
        if not any(f.start < b and a < f.end for f in found):
            out.append(Mention(a, b, "registered_capital", None))
    return out


# "lũy kế 8 tháng có 505 DN với tổng vốn 4.250 tỷ đồng": the capital of the firms just counted, in a
# sentence about new firms, written with 'vốn' alone, is the capital they registered.
_FIRMS_CAPITAL_RE = re.compile(
    r"(?<!\w)\d[\d.,]*\s+(?:doanh\s+nghiệp|dn)(?!\w)[^.;:]{0,60}?(?<!\w)với\s+(?P<cap>(?:tổng\s+)?(?:số\s+)?vốn)"
    r"(?=\s+(?:khoảng|gần|hơn|trên|đạt|là)?\s*\d)")


def firms_capital_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """Capital phrases the catalogue does not hold, read from new firms counted before them."""
    if not any(f.code == "new_enterprises" for f in found):
        return []
    text = low if low is not None else s.lower()
    return [Mention(m.start("cap"), m.end("cap"), "registered_capital", None) for m in _FIRMS_CAPITAL_RE.finditer(text)
            if not any(f.start < m.end("cap") and m.start("cap") < f.end for f in found)]


# "TP HCM tăng trưởng 6,5%", "tỉnh Cà Mau với mức tăng trưởng 8,61%": a place's name, then its
# growth as a percent, says the place's economy grew (grdp_growth). "tăng trưởng" alone names
# nothing in the catalogue: after a subject of its own ("xuất khẩu tăng trưởng 10%") it is that
# subject's change, so only a place right before it makes it a phrase.
# "TP Đà Nẵng cũng ghi nhận mức tăng trưởng khá thấp 0,89%": "ghi nhận" (recorded) states it too, and a
# word of measure may stand before the figure.
_PLACE_GROWS_RE = re.compile(
    r"\s+(?:cũng\s+)?(?:(?:có|với|đạt|ghi\s+nhận)\s+)?(?:mức\s+)?(tăng\s+trưởng)"
    # ("Bắc Ninh tăng trưởng âm 4,99%": its fall, read from "âm" on)
    r"(?=\s+(?:khá\s+(?:cao|thấp)\s+|ấn\s+tượng\s+)?(?:đạt\s+|ở\s+mức\s+|mức\s+|là\s+|âm\s+)?\d[\d.,]*\s*%)",
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


def _compound(number: float, upper: str, lower: int, unit_text: str) -> float:
    """'107 nghìn 700 tỷ' -> 107700 (in tỷ), '1 triệu 200 nghìn' -> 1200 (in nghìn): the number
    in the unit's scale, the upper scale taken relative to it when it is the smaller one."""
    first = unit_text.split()[0].lower() if unit_text.split() else ""
    lower_scale = _SCALES.get(first, 1.0)
    upper_scale = _SCALES[upper.lower()]
    ratio = upper_scale / lower_scale if upper_scale > lower_scale else upper_scale
    return number * ratio + lower


def _negated(text: str, start: int) -> bool:
    """"không" right before ``start``: "thu ngân sách không dưới 48.000 tỷ đồng" (no less than)."""
    return text.endswith("không ", 0, start)


def _qualifier(word: str, negated: bool = False) -> str | None:
    word = " ".join(word.split())
    if word in ("trên", "hơn", "vượt", "từ"):  # "từ 10% trở lên" (the only 'từ' a change's fill takes)
        return "over"
    if word == "dưới":
        return "over" if negated else "under"  # "không dưới 48.000 tỷ đồng": at least, as 'từ … trở lên'
    if word in ("khoảng", "xấp xỉ", "gần như", "chừng"):
        return "about"
    if word in ("gần", "ngót"):  # "ngót 3.000 tỷ đồng": just under, as 'gần'
        return "nearly"
    return None


_PERCENT_CUE_RE = re.compile(
    r"(?:đạt|là|ở\s+mức|mức|ước|khoảng|đến|tới|lên|được|còn)(?:\s+từ)?\s*$"
    # "mục tiêu tăng trưởng (GRDP) 7,5%", "đạt tốc độ tăng trưởng kinh tế 11%": a percent right
    # after the growth it measures.
    # (A word of measure between: "mức tăng trưởng khá thấp 0,89%", "ghi nhận mức tăng trưởng ấn tượng 8,3%".)
    r"|(?:tăng\s+trưởng(?:\s+kinh\s+tế)?|grdp|gdp)\)?(?:\s+(?:(?:khá\s+|rất\s+)?(?:cao|thấp|ấn\s+tượng)|vượt\s+bậc))?\s*$"
    # "tăng trưởng kinh tế đạt mức cao nhất trong 10 năm qua với tỷ lệ 12,01%", "GRDP tăng trưởng
    # với tốc độ 7,2%": the rate that "với" gives the growth named before it.
    r"|với\s+(?:tỷ\s+lệ|tỉ\s+lệ|tốc\s+độ)\s*$"
    # "kế hoạch vốn năm 2022 … hơn 3.336 tỷ đồng, tính đến 20 tháng 8, giải ngân hơn 47%": the share
    # disbursed, the verb right before it (plan_share_rate).
    r"|(?<!\w)giải\s+ngân\s*$", re.IGNORECASE)
_OR_MORE_RE = re.compile(r"\s*trở\s+lên(?!\w)")


# "Bắc Giang có tốc độ tăng trưởng GRDP cao nhất cả nước với 13,5%", "dẫn đầu với 14,1%": a
# percent given to a rank by "với", ending its clause, is the ranked one's level ("… cao nhất với
# 28% tổng kim ngạch" is a share, and goes on). So is one set after the rank by a comma alone
# ("là tỉnh tăng trưởng dẫn đầu cả nước trong giai đoạn này, 14,4%"), the rank's span named or not.
_RANKED_WITH_RE = re.compile(
    # (A comma may stand before "với": "có mức tăng trưởng cao nhất cả nước, với 23,9%".)
    r"(?<!\w)(?:nhất|đầu|thứ\s+\w+)(?:\s+(?:trên\s+|trong\s+)?(?:cả\s+nước|toàn\s+quốc|vùng|khu\s+vực))?"
    r"(?:\s+trong\s+(?:giai\s+đoạn|thời\s+gian|kỳ)\s+(?:này|đó|trên))?"
    # "đạt mức cao nhất trong 10 năm qua với tỷ lệ 12,01%": the highest of the years before, by its rate.
    r"(?:\s+trong\s+(?:vòng\s+)?(?:\d+|nhiều)\s+năm\s+(?:qua|gần\s+đây|trở\s+lại\s+đây))?"
    # "… đứng thứ 2 cả nước (12,76%)": the rate the rank is by, in brackets right after it.
    r"(?:\s*,?\s+với\s+(?:mức\s+|tỷ\s+lệ\s+|tốc\s+độ\s+)?|\s*,\s+|\s*\()$")


def _ranked_with(s: str, low: str, start: int, end: int) -> bool:
    return (low.endswith(("với ", "mức ", ", ", "lệ ", "độ ", "("), 0, start)) and bool(
        _RANKED_WITH_RE.search(low, max(0, start - 60), start)) and bool(_CLAUSE_END_AFTER_RE.match(s, end))


def _percent_cue(before: str) -> bool:
    """A bare 'X%' is a level only after a verb that states one ('đạt 7,5%')."""
    return bool(_PERCENT_CUE_RE.search(before))


_CHANGE_ENDS_RE = re.compile(r"\s*(?:so|,|;|\.|\)|$)")


_DECIMAL_AFTER_RE = re.compile(r"\s*[.,]\d")


_PER_YEAR_RE = re.compile(r"\s*/\s*năm(?!\w)")


# Things counted, named in the clause before a change (_change_event).
_COUNT_SUBJECT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:doanh\s+nghiệp|dn|dự\s+án|hợp\s+tác\s+xã|lượt|vụ|hộ|lao\s+động)(?!\w)[^,;%\d]*$", re.IGNORECASE)


# "cao hơn so với mức 1,91 tỷ USD của tháng trước": the level compared with (the walk's compared_level).
# "thấp hơn so với mức dự báo 5,8%": the figure compared with, no base either.
# "so với con số 16.405 tỷ đồng của năm 2023": "con số" (the figure) stands for "mức" too.
_LEVEL_COMPARED_BASE_RE = re.compile(r"\s+(?:mức|con\s+số)(?:\s+(?:dự\s+báo|dự\s+kiến|kỳ\s+vọng|ước\s+tính))?\s+\d")
# "tăng 6,4%; so với mức 3,7% cùng kỳ năm ngoái": the level compared with, no "hơn" written.
# "thấp hơn so với mức dự báo 5,8%", "cao hơn mức mục tiêu 7%": a forecast or goal compared with (the
# ``forecast`` group): a target of the record's own period.
# "tăng 55,4% so với con số 16.405 tỷ đồng của năm 2023", "vượt qua con số 6,14% của năm 2023":
# the earlier figure named "con số", passed ("vượt qua") as well as compared with.
_COMPARED_LEVEL_BEFORE_RE = re.compile(
    r"(?<!\w)(?:hơn\s+(?:(?:nhiều|nhẹ|khá\s+nhiều|rất\s+nhiều|đáng\s+kể)\s+)?(?:so\s+với\s+)?|so\s+với\s+|vượt\s+qua\s+)"
    r"(?:mức|con\s+số)"
    r"(?P<forecast>\s+(?:dự\s+báo|dự\s+kiến|kỳ\s+vọng|mục\s+tiêu|kế\s+hoạch|kịch\s+bản)(?:\s+(?:đề|đặt)\s+ra)?)?\s*$")


# Verbs whose figure is a change even with no sign written ("tăng 6,71 so với cùng kỳ").
_RATE_VERBS = frozenset({"tăng", "giảm", "tăng trưởng", "cao hơn", "thấp hơn", "tăng trưởng âm", "âm"})


_LEVEL_FILL_RE = re.compile(r"(?<!\w)là(?!\w)")


_CHANGE_QUALIFIER_RE = re.compile(r"(?<!\w)(?:khoảng|xấp\s+xỉ|gần|hơn|trên|từ)(?!\w)")


def _squash(text: str) -> str:
    """``text`` lower-cased with its spaces single (most already are)."""
    if text.isalpha() or text == "%":
        return text.lower()  # one word or the sign (~80% of the calls): no space to strip or squash
    text = text.lower().strip()
    return " ".join(text.split()) if "  " in text or "\n" in text or "\t" in text else text


_AFTER_PERCENT_BRACKET_RE = re.compile(r"%\s*\(\s*$")
# "… cao hơn 2,5% về tỷ lệ và 56 nghìn tỷ đồng về số tuyệt đối so với cùng kỳ": the amount says by
# how much in absolute terms one figure passed another, an absolute change (Conventions), no level.
_IN_ABSOLUTE_TERMS_AFTER_RE = re.compile(r"\s*(?:về|tính\s+theo|theo)\s+(?:số|giá\s+trị|con\s+số)\s+tuyệt\s+đối(?!\w)")


def _in_absolute_terms(text: str, end: int) -> bool:
    """The amount ending at ``end`` is followed by "về số tuyệt đối" (in absolute terms)."""
    return _IN_ABSOLUTE_TERMS_AFTER_RE.match(text, end) is not None
# A second number after "đến"/"-" whose unit opens like the first's (group 1: that unit's first word).
_RANGE_TO_RE = re.compile(r"\s*(?:-|đến|tới)\s*\d[\d.,]*\s*(%|[^\W\d]+)")
_RANGE_OPENERS = ("-", " -", "đến", " đến", "tới", " tới")  # how _RANGE_TO_RE can open, for a quick test
# "vượt 141.000 tỉ đồng so với tổng thu", "vượt 4.000 tỷ so với chỉ tiêu được giao": an amount
# over a base is by how much the figure passed it, an absolute change (Conventions), no level.
_GAP_BASE_AFTER_RE = re.compile(r"\s*so(?:\s+với)?(?!\w)")
_CHANGE_BY_ENDS = ("ngoái ", "trước ", "kỳ ")  # how _CHANGE_BY_BEFORE_RE can end, for a quick test
# "vượt mốc 20 tỷ USD" passes a mark; "tín dụng đạt mốc 6,7 triệu tỷ đồng" reaches it: the level.
_MILESTONE_BEFORE_RE = re.compile(r"(?<!đạt\s)(?:mốc|ngưỡng)\s*$")
# "vượt mốc", "vượt qua ngưỡng": a mark passed (beside "cán mốc", a mark reached, or "mốc" alone);
# not "chưa vượt mốc", "không vượt ngưỡng" (a mark not passed, or a ceiling).
_PASSED_MARK_BEFORE_RE = re.compile(r"(?<!\w)(?<!không\s)(?<!chưa\s)vượt(?:\s+qua)?\s+(?:mốc|ngưỡng)\s*$")
# After the mark, the exact figure: "vượt mốc 20 tỷ USD, đạt 20,21 tỷ USD", "vượt mốc 1 tỷ USD (1,05 tỷ USD)".
_EXACT_FIGURE_AFTER_RE = re.compile(
    r"\s*[,(:]?\s*(?:(?:đạt|lên|là|với|cụ\s+thể|ước)\s+)*(?:(?:khoảng|hơn|gần|trên|xấp\s+xỉ)\s+)?\d")
_BASE_PERIOD_BRACKET_RE = re.compile(r"\s*\(\s*(?:tháng|quý|năm)\s+[^()]{1,12}\)")
# "… và gần 79 nghìn lao động đăng ký trong tháng.": the month the report is about.
THIS_MONTH_RE = re.compile(r"(?<!\w)trong\s+tháng(?:\s+(?:này|qua|vừa\s+qua))?(?=\s*[,.;:)]|\s*$)")
_OF_THE_WHOLE_BEFORE_RE = re.compile(r"(?:^|[,;:(]\s*)trong\s+(?:tổng\s+(?:số\s+)?)?$")
# Firms counted in a state other than newly set up: returning, re-entering, pausing, closing, all
# those registered or operating; and firms registering something else than themselves ("18 doanh
# nghiệp đăng ký chi nhánh, văn phòng đại diện", "45 doanh nghiệp đăng ký tăng vốn", "… thay đổi
# nội dung đăng ký").
_OTHER_FIRMS_AFTER_RE = re.compile(
    r"(?:\s+[^\s\d,;:()]+){0,2}?\s+(?:(?:tái\s+)?gia\s+nhập|quay\s+(?:trở\s+)?lại|(?:hoạt\s+động\s+)?trở\s+lại|tạm\s+ngừng|"
    r"tạm\s+dừng|ngừng\s+hoạt\s+động|giải\s+thể|chấm\s+dứt|đang\s+hoạt\s+động|còn\s+hoạt\s+động|"
    r"đăng\s+ký\s+kinh\s+doanh(?!\s+mới)|chi\s+nhánh|văn\s+phòng\s+đại\s+diện|tăng\s+vốn|thay\s+đổi)(?!\w)")
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
# "toàn tỉnh ước có 12.465 doanh nghiệp đăng ký kinh doanh với số vốn đăng ký …": their capital.
_OTHER_FIRMS_CAPITAL_BEFORE_RE = re.compile(
    r"\d[\d.,]*\s+(?:doanh\s+nghiệp|dn)" + _OTHER_FIRMS_AFTER_RE.pattern + r"[^,;:()]{0,40}?\s(?:với|có)\s+$")
_PRICE_ADJUSTED_RE = re.compile(r"loại\s+trừ\s+(?:yếu\s+tố|biến\s+động)\s+giá")
# A change verb and its base before an amount: "tăng hơn năm ngoái", "giảm so với cùng kỳ".
_CHANGE_BY_BEFORE_RE = re.compile(
    r"(?<!\w)(?:tăng|giảm)(?:\s+thêm)?\s+(?:hơn|so(?:\s+với)?)\s+"
    r"(?:năm\s+(?:ngoái|trước)|cùng\s+kỳ(?:\s+năm\s+(?:ngoái|trước|\d{4}))?|tháng\s+trước)\s*$")
# An amount put into one branch or field (Conventions: a split by branch is no record).
_INTO_BRANCH_AFTER_RE = re.compile(r"\s+(?:đầu\s+tư\s+)?vào\s+(?:ngành|lĩnh\s+vực)(?!\w)")
_PER_UNIT_AFTER_RE = re.compile(r"\s+mỗi\s+(?:ngày|tuần|tháng|người|doanh\s+nghiệp|dự\s+án)(?!\w)")
# (or in brackets: "tăng 2.960 tỷ đồng (bằng 7,6%) so với đầu năm", "tăng 4,08 tỷ USD (13,2%)",
# "tăng 178 tỷ (tương đương 1,2%)", "tăng gần 6,2 nghìn tỷ đồng (đạt tỷ lệ 8,5%)": after an
# amount, the bracket's "bằng" is the rate of the rise, not a share of last year)
_PERCENT_TOO_RE = re.compile(
    r"\s*(?:nghìn\s+|triệu\s+|tỷ\s+|tỉ\s+)*[^\W\d]+(?:\s+[^\W\d]+)?\s*"
    r"(?:,\s*(?:tương\s+ứng\s+|hay\s+)?(\d+(?:[.,]\d+)*)\s*%"
    r"|\(\s*(?:(?:bằng|tương\s+đương|tương\s+ứng|đạt\s+tỷ\s+lệ|đạt\s+tỉ\s+lệ)\s+)?(\d+(?:[.,]\d+)*)\s*%\s*\))")


# "mức tăng trưởng đạt", "tốc độ tăng đạt", "tăng trưởng chung đạt": the figure after is a rate of growth.
# (Not "tăng trưởng chậm, chỉ đạt 28% so với cùng kỳ": how it grew, then a share of last year's level.)
_GROWTH_NAMED_BEFORE_RE = re.compile(
    r"(?<!\w)(?:tăng\s+trưởng|mức\s+tăng|tốc\s+độ\s+tăng)(?:\s+(?:kinh\s+tế|chung|grdp|gdp|của\s+tỉnh))?\s+"
    r"(?:chỉ\s+|ước\s+|cũng\s+)?$", re.IGNORECASE)


# Projects adjusted, then their capital named right before "tăng" (see _change_event).
_ADDED_CAPITAL_BEFORE_RE = re.compile(
    r"(?<!\w)(?:điều\s+chỉnh|tăng\s+vốn|bổ\s+sung)(?!\w)[^;.]{0,100}?(?<!\w)vốn(?:\s+(?:đầu\s+tư|đăng\s+ký|điều\s+chỉnh))*\s+$",
    re.IGNORECASE)
_AMOUNT_THEN_BASE_RE = re.compile(
    r"\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*(?:usd|đô\s+la(?:\s+mỹ)?|đồng)\s*,?\s+so(?!\w)", re.IGNORECASE)


_VERB_AS = {"cao hơn": "tăng", "thấp hơn": "giảm", "tăng trưởng âm": "giảm", "âm": "giảm"}  # (built once, not per change)


_TIMES_IN_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


def _change_event(m: re.Match[str]) -> Event | None:
    """The event of CHANGE_RE's match ``m``, or None where it states a level, not a change: the
    forms that need no verb first, then what refuses a change, then by verb (a rise or fall, or a
    multiple or share)."""
    # The groups in one call: the sample page makes ~36 change events, a dozen lookups each.
    double, bare, verb_text, sign_text, ref_text, num_text, range_text, about, fill = m.group(
        "double", "bare", "verb", "sign", "ref", "num", "range", "about", "fill")
    if double:
        return Event(m.start(), m.end(), "C", {"field": "yoy", "pct": 100.0, "fixed": False})
    if verb_text is None and (times := m.group("times")):
        return Event(m.start(), m.end(), "C", {"field": "yoy", "pct": (_TIMES_IN_WORDS[times] - 1) * 100.0,
                                               "fixed": bool(m.group("timesref"))})
    if bare:
        if (share := to_number(bare)) is None:  # "1.1.1 % kế hoạch": no number, no share (as num below)
            return Event(m.start(), m.end(), "C", {"field": None})
        return Event(m.start(), m.end(), "C", {"field": "plan", "pct": share, "fixed": True})
    verb = _squash(verb_text)
    sign = _squash(sign_text) if sign_text else ""
    num = to_number(num_text)
    if num is None or range_text:
        return Event(m.start(), m.end(), "C", {"field": None})
    if not sign and verb not in _RATE_VERBS:
        # "đạt 2.663 tỷ đồng": a level, not a change (VALUE_RE reads it). The rules below end
        # in `sign != "%"` for it too; answering here skips their work for ~40% of matches.
        return None
    ref = _squash(ref_text) if ref_text else ""
    if not sign and fill and _LEVEL_FILL_RE.search(fill):
        return None  # "số vốn tăng thêm là 21,1 triệu USD": the level of what was added
    end = m.end("ref") if ref_text else m.end("sign") if sign_text else m.end("num")
    # "tăng hơn 10%": the qualifier of a record that has no level (Conventions).
    qual = _CHANGE_QUALIFIER_RE.search(fill) if fill else None
    data: dict = {"about": about.strip()[3:].strip() if about else None,
                  "qualifier": _qualifier(qual.group(0)) if qual else None}
    plan_ref = bool(ref) and "cùng " not in ref  # "so với cùng kỳ", "cùng giai đoạn": last year's, no plan
    if sign.startswith("điểm"):  # percentage points are not a change in percent
        return Event(m.start(), end, "C", {"field": None})
    if sign == "%" and _PER_YEAR_RE.match(m.string, m.end("sign")):
        # "bình quân tăng 20,1%/năm": a yearly average over a span of years, no change on last year.
        return Event(m.start(), end, "C", {"field": None})
    if sign == "%" and m.string.startswith(_RANGE_OPENERS, end) and (range_to := _RANGE_TO_RE.match(m.string, end)) \
            and range_to.group(1) == "%":
        return Event(m.start(), range_to.end(), "C", {"field": None})  # "kế hoạch tăng 12,7%-13%": a range
    verb = _VERB_AS.get(verb, verb)  # "tăng trưởng âm 2,5%"
    if verb in ("tăng", "giảm", "tăng trưởng") and _compared_rate_before(m.string, m.start()):
        # "thấp hơn mức tăng 7,02% của cùng kỳ năm 2023": the rate compared with, not this change;
        # it is the figure of the period named after it (the walk's compared_rate).
        compared = (-num if verb == "giảm" else num) if sign == "%" else None
        return Event(m.start(), end, "C", {"field": None, "compared_pct": compared})
    if (not sign and verb == "tăng" and m.string.endswith(" ", 0, m.start())
            and m.string.find("vốn", m.start() - 30 if m.start() > 30 else 0, m.start()) >= 0
            and _ADDED_CAPITAL_BEFORE_RE.search(m.string, max(0, m.start() - 140), m.start())
            and not _AMOUNT_THEN_BASE_RE.match(m.string, m.end("num"))):
        # "điều chỉnh vốn cho 22 dự án với số vốn điều chỉnh tăng 121,42 triệu USD", "điều chỉnh tăng
        # vốn cho 33 lượt dự án FDI, với tổng vốn đầu tư đăng ký tăng 170 triệu USD": the capital the
        # adjusted projects added, a level (VALUE_RE reads it); with a base after ("vốn đăng ký tăng
        # 533 triệu USD so với năm trước") it stays an absolute change.
        return None
    if verb in ("tăng", "giảm", "tăng trưởng"):
        return _rise_or_fall_event(m, verb, sign, num, end, data, ref, plan_ref)
    return _multiple_or_share_event(m, verb, sign, num, end, data, ref, plan_ref)


def _rise_or_fall_event(m: re.Match[str], verb: str, sign: str, num: float, end: int, data: dict,
                        ref: str, plan_ref: bool) -> Event:
    """The change of "tăng/giảm/tăng trưởng N%" (or "N lần"): against last year, a plan, or no field."""
    if not sign:
        # "tăng 6,71 so với cùng kỳ" (% forgotten) is a change; "tăng 4,43 tỷ USD" is not.
        after = m.string[m.end("num"):m.end("num") + 12]
        if not _CHANGE_ENDS_RE.match(after) or _DECIMAL_AFTER_RE.match(after):
            # "tăng 5.300 vụ, 6,1% so với cùng kỳ", "tăng 27 tỷ đồng, tương ứng 7,6%": the
            # amount, then the same change in percent.
            also = _PERCENT_TOO_RE.match(m.string, m.end("num"))
            if also is not None and (pct_too := to_number(also.group(1) or also.group(2))) is not None:
                return Event(m.start(), also.end(), "C", {**data, "field": "yoy", "fixed": False, "relative": True,
                                                        "pct": -pct_too if verb == "giảm" else pct_too})
            return Event(m.start(), m.end("num"), "C", {"field": None})
        if "," not in m.group("num") and _COUNT_SUBJECT_BEFORE_RE.search(m.string, max(0, m.start() - 60), m.start()):
            # "số doanh nghiệp đăng ký mới tăng 175; doanh nghiệp giải thể tăng 5": a count's
            # whole number with no percent is the difference in firms, not a percent forgotten.
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


def _multiple_or_share_event(m: re.Match[str], verb: str, sign: str, num: float, end: int, data: dict,
                             ref: str, plan_ref: bool) -> Event | None:
    """The change of "gấp/vượt/bằng/đạt N% (N lần)": a multiple or share of last year's level or of a plan."""
    if verb in ("gấp", "vượt") and sign == "lần" and plan_ref:
        # "vượt 2,62 lần so với dự toán", "gấp 1,5 lần kế hoạch": the plan reached as a multiple
        # (plan_pct 262, 150), not a change on last year.
        return Event(m.start(), end, "C", {"field": "plan", "pct": num * 100, "fixed": True})
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
        if num < 100 and _GROWTH_NAMED_BEFORE_RE.search(m.string, max(0, m.start() - 25), m.start()):
            # "Mức tăng trưởng đạt 14% so với cùng kỳ": the growth named, its rate is the change
            # (a share of last year's level would be "đạt 86%", no growth word before it).
            return Event(m.start(), end, "C", {"field": "yoy", "pct": num, "fixed": True, "level_pct": num})
        # "khách quốc tế chỉ đạt 28% so với cùng kỳ": a share of last year's level, as "bằng"
        # (_apply_change reads it as the level of a percent indicator: "tăng trưởng đạt 7,5% so với cùng kỳ").
        return Event(m.start(), end, "C", {"field": "yoy", "pct": num - 100, "fixed": True, "level_pct": num})
    return Event(m.start(), end, "C", {"field": "plan", "pct": num, "fixed": False, "needs_base": True,
                                       "level_if_percent": True, "qualifier": data["qualifier"]})



def to_number(s: str | None) -> float | None:
    if not s:
        return None
    try:
        return parse_number(s)
    except ValueError:
        return None


