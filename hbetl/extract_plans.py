"""Plans and targets: the words of a plan that only look like a cue or a figure's period.

find_events (hbetl/extract_events.py) must tell a target set from a plan reached or measured
against, where the text is at hand. The predicates that refuse the look-alikes live here, with
their regexes: a target word that reaches a plan ("đạt và vượt kế hoạch đề ra") or names striving
as a noun (_may_target and _reaches_or_names_effort, for the cues of hbetl/extract_frame.py); a
period that names the plan a figure is measured against ("73,7% kế hoạch năm 2022": names_the_plan,
for the periods of extract_periods_bases); the plan's or the goal's own figure written after it ("so với
kế hoạch đề ra … là 8,42%", "mục tiêu 8% của năm": _states_a_plan and _names_the_goal_right_before,
for the levels of hbetl/extract_levels.py); what a share of a plan is measured against (_PLAN_REF,
for the changes of hbetl/extract_changes.py); and the indicators whose percent is a share of the
plan (PLAN_SHARE_CODES, plan_share_rate), which the walk (hbetl/extract_walk_levels.py,
hbetl/extract_walk_changes.py) and hbetl/extract_bases.py read too. They make no events, so they
live apart from the finders that do; this module imports nothing from the finders at run time
(Event, from extract_scan, is named for annotations only).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hbetl.indicators import GOAL_REACHED_VERBS_PATTERN, GOAL_WORDS_PATTERN

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
# tiêu đều vượt"), or striving as a noun ("nhờ sự phấn đấu của các ngành").
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
        # "Kết quả các chỉ tiêu của ngành quý I/2021: sản lượng điện ước đạt …", "tình hình
        # thực hiện các chỉ tiêu": the indicators' results, reported, not targets set. So are those
        # the subject is said to have reached ("toàn ngành ước đạt các chỉ tiêu như: sản lượng điện …",
        # "đã vượt các chỉ tiêu"): the verb before them is a
        # result's, as before "kế hoạch" ("vượt kế hoạch đề ra").
        return bool(_REACHED_AFTER_RE.match(s, m.end()) or _results_before(s, m) or _REACHED_BEFORE_RE.search(before))
    if word.startswith("mục tiêu") and word.endswith(" ra"):
        # "GRDP … ước đạt trên 522 nghìn tỷ đồng, vượt mục tiêu đề ra; tốc độ tăng trưởng ước đạt
        # 10,27%", "chưa đạt mục tiêu đề ra khi mới ở mức 58,33%": a goal reached (or not), as
        # "vượt kế hoạch đề ra", not one set; its own rate in brackets after it is the target
        # ("vượt mục tiêu đặt ra (9%)"), as is the one it names ("đạt mục tiêu đề ra là tăng trưởng 8%").
        return (bool(_REACHED_BEFORE_RE.search(before)) and not _RATE_IN_BRACKETS_RE.match(s, m.end())
                and not _GOAL_NAMED_AFTER_RE.match(s, m.end()))
    if "kịch bản" in word:
        # "tăng 0,41% so với kịch bản", "vượt kịch bản đề ra": measured against the scenario, reached;
        # its own rate in brackets after it is the target ("đạt mục tiêu theo kịch bản đề ra (7,3%)"),
        # as is the rate written straight after a scenario named as one of growth ("vượt kịch bản
        # tăng trưởng đề ra 4,7%": the scenario's rate, _GOAL_COMPARED_BEFORE_RE). Not "vượt kịch
        # bản đề ra 5%", which may say by how much the figure passed it.
        return (bool(_SCENARIO_REACHED_BEFORE_RE.search(before)) and not _RATE_IN_BRACKETS_RE.match(s, m.end())
                and not ("tăng trưởng" in word and _RATE_STRAIGHT_AFTER_RE.match(s, m.end())))
    if word.startswith("dự"):
        # "dự kiến cả 17/17 chỉ tiêu đạt và vượt mục tiêu đề ra": the targets expected reached;
        # a figure after it ("…; tốc độ tăng trưởng ước đạt 9,54%") is no target.
        return bool(_TARGETS_REACHED_AFTER_RE.match(s, m.end()))
    return False


_SCENARIO_REACHED_BEFORE_RE = re.compile(rf"(?<!\w)(?:so\s+với|so|{GOAL_REACHED_VERBS_PATTERN}|vượt\s+qua|bám\s+sát|cao\s+hơn|thấp\s+hơn)\s*$",
                                         re.IGNORECASE)


_RATE_IN_BRACKETS_RE = re.compile(r"\s*\(\s*(?:tăng\s+|đạt\s+)?\d")


# A rate straight after a goal's name, its own ("kịch bản tăng trưởng đề ra 4,7%").
_RATE_STRAIGHT_AFTER_RE = re.compile(r"\s*\d[\d,.]*\s*%")


_GOAL_NAMED_AFTER_RE = re.compile(r"\s*(?:là(?!\w)|:)", re.IGNORECASE)


_TARGETS_REACHED_AFTER_RE = re.compile(
    rf"\s*(?:\S+\s+){{0,3}}?(?:các\s+)?chỉ\s+tiêu(?:\s+\S+){{0,3}}?\s+(?:đều\s+)?{GOAL_REACHED_VERBS_PATTERN}(?!\w)", re.IGNORECASE)


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
# (Not _GOAL_RIGHT_BEFORE_RE of extract_weak_phrases, a growth's goal of any kind: two merged branches once gave both
# one name, and the later silently served both.) Not the targeted programmes ("chi cho các chương trình
# mục tiêu 1.258 tỷ đồng"): a head of spending, its amount spent.
_GOAL_FIGURE_BEFORE_RE = re.compile(r"(?<!\w)(?<!vượt\s)(?<!trình\s)mục\s+tiêu\s*$", re.IGNORECASE)


def _names_the_goal_right_before(s: str, start: int) -> bool:
    return s.find("tiêu", start - 8 if start > 8 else 0, start) >= 0 and bool(
        _GOAL_FIGURE_BEFORE_RE.search(s, start - 20 if start > 20 else 0, start))


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


# Indicators whose percent is a share of the year's plan: disbursement is measured against the
# capital assigned ("tỷ lệ giải ngân đạt 109%").
PLAN_SHARE_CODES = {"public_investment_disbursed"}


def plan_share_rate(ev: Event, subject: dict) -> bool:
    """A percent after a verb that states a level ("mới giải ngân được khoảng 26%", "tiến độ giải
    ngân … ở mức 58,33%"), for an indicator whose percent is its share of the plan."""
    return subject["code"] in PLAN_SHARE_CODES and ev.data["family"] == "percent" and ev.data["percent_cue"]
