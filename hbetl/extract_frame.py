"""Frame: the events that say of which kind, which part and where a figure is, and where its clause ends.

Around a sentence's subjects and figures, find_events (hbetl/extract_events.py) reads the
words that frame them: the kind cues (K: "ước", "phấn đấu", "sơ bộ"), the scopes (S: "không
kể …"), where a breakdown opens (T: "trong đó", a cause that names a branch), the places (L)
and the clause breaks (X: , ; : ( ) and " - ", and what a bracket holds: a plan, an amount
aside).  Each finder is short and reads only the _Scan of hbetl/extract_scan.py; they are
kept apart from the periods and bases (hbetl/extract_periods_bases.py), from the figures
(hbetl/extract_levels.py, hbetl/extract_changes.py), whose readings are long, and from the
subjects.
"""

from __future__ import annotations

import re

from hbetl.extract_plans import _may_target, _reaches_or_names_effort
from hbetl.extract_scan import PARTS_OPENING, Event, _Scan, overlaps, to_number
from hbetl.indicators import GOAL_WORDS_PATTERN, find_places
from hbetl.textscan import FastPattern

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
    # "mục tiêu đón 6,5 triệu lượt khách", "đạt mục tiêu tăng trưởng 7,5%": the goal's own figure;
    # "Mục tiêu GDP năm 2020 tăng khoảng 4,5%": the goal named with the product it is set for.
    # (Not "chương trình mục tiêu", the targeted programmes: a head of spending, no goal.)
    r"(?<!trình\s)mục\s+tiêu\s+(?:là|đề\s+ra|đặt\s+ra|đến|đón|thu\s+hút|đạt|tăng\s+trưởng|tăng|xuất\s+khẩu|thu|giải\s+ngân|gdp|grdp|tổng\s+sản\s+phẩm)|"
    # "Mục tiêu của ngành du lịch trong năm 2024 là đón …", "Mục tiêu cả nước đến hết năm 2025 đón ít nhất
    # 25 triệu lượt khách quốc tế": the goal, named with whose and when, stated as a clause opens
    # (_cue_events asks the opening: "hoàn thành mục tiêu năm 2024 là …" names a goal reached).
    r"(?<!trình\s)mục\s+tiêu(?P<goal_words>(?:\s+(?!(?:là|đón|thu|phục)(?!\w))(?:[^\s\d,;:.()%]+|\d{4}(?!\w))){1,10}?)\s+(?:là|đón|thu\s+hút|phục\s+vụ)|"
    r"(?:kế\s+hoạch|chỉ\s+tiêu)\s+(?:đặt|đề)\s+ra|các\s+chỉ\s+tiêu|chỉ\s+tiêu\s*:|"
    # setting a target ("tỉnh đặt chỉ tiêu", "giao chỉ tiêu"), not reaching one ("đạt/vượt chỉ tiêu")
    r"(?:đặt|giao|đề\s+ra)\s+chỉ\s+tiêu|"
    # assigning the year's revenue ("tỉnh được giao thu ngân sách là 12.400 tỷ đồng", "được giao
    # số thu ngân sách hơn 9,5 ngàn tỷ đồng"): the amount is the plan's.
    r"giao(?:\s+số)?(?=\s+thu\s+(?:ngân\s+sách|NSNN|nội\s+địa))|"
    # "mục tiêu theo kịch bản đề ra (tăng 7,3%)", "theo kịch bản tăng trưởng, … tăng 10,5%": a scenario's rate.
    r"(?:mục\s+tiêu\s+)?(?:theo\s+)?kịch\s+bản(?:\s+tăng\s+trưởng)?(?:\s+(?:đề|đặt)\s+ra)?|"
    # "GRDP năm nay sẽ đạt 7,2%": a forecast, as "dự kiến" (an estimate once the period is over);
    # so the verb of attracting investment ("quý tới sẽ thu hút 30 dự án …"), the future
    # of what an investment report counts.
    r"sẽ(?=\s+(?:đạt|tăng|giảm|thu\s+hút)(?!\w)))(?!\w)",
    word_start=True, trigger=r"phấn(?=\s+đấu)|dự(?=\s+(?:kiến|báo))|đặt|đề(?=\s+ra)|mục(?=\s+tiêu)|"
                             r"kế(?=\s+hoạch)|các(?=\s+chỉ)|chỉ(?=\s+tiêu)|giao(?=\s+(?:chỉ|số\s+thu|thu))|định(?=\s+hướng)|"
                             r"theo(?=\s+kịch)|kịch(?=\s+bản)|sẽ(?=\s+(?:đạt|tăng|giảm|thu\s+hút))",
)


# What follows is a breakdown, not the subject: "trong đó", "trong số đó", "bao gồm" (not "bao
# gồm cả", a scope), "chia theo loại hình kinh tế", "phân theo ngành".
SUBITEMS_RE = FastPattern(r"(?:" + PARTS_OPENING + r"|bao\s+gồm(?!\s+cả)|gồm|chia\s+theo|phân\s+theo)(?!\w)",
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


CLAUSE_BREAK_RE = re.compile(r"[;:()\[\]]|,(?!\d)|\s-\s")


# CLAUSE_BREAK_RE for a sentence with no '-', where its " - " branch cannot match: the same
# breaks ("," only when no digit follows), but a pattern that opens with one character class
# lets the engine skip in C to the next candidate, where the alternation was tried at every
# position (0.054 -> 0.015 ms over the sample page's sentences; tests/test_extract_fast_paths.py).
_CLAUSE_BREAK_NO_DASH_RE = re.compile(r"[;:()\[\],](?!(?<=,)\d)")
# And for a sentence whose only break can be the comma (most): a pattern that opens with the
# literal, which the engine finds as it finds a substring rather than testing each character
# against the class (the scans of a round of the labelled fixtures' sentences: 9.26M -> 7.84M
# instructions with the six tests in C that choose it).
_COMMA_BREAK_RE = re.compile(r",(?!\d)")


# (the plan as councils and scenarios name it too: "(Nghị quyết 9%)", "(NQ 9%)", "(kịch bản 7%)")
_PLAN_OPENS_RE = re.compile(rf"\s*(?:KH|{GOAL_WORDS_PATTERN}|nghị\s+quyết|NQ)(?!\w)", re.IGNORECASE)


# "đạt 51,8% so với nghị quyết đề ra (23.600 tỷ đồng)", "bằng 72% kế hoạch năm (2.700 triệu
# USD)": a bracket holding only an amount, right after the plan a share was measured against,
# states that plan's amount (a target), not a second figure of the record.
_PLAN_NAMED_BEFORE_RE = re.compile(
    r"(?:(?<!\w)KH|kế\s+hoạch|dự\s+toán|nghị\s+quyết|chỉ\s+tiêu|(?<!trình\s)mục\s+tiêu)(?!\w)"
    r"(?:[^%()\d]|\d{4}|\([^()%\d]{1,15}\))*$", re.IGNORECASE)


_AMOUNT_ONLY_RE = re.compile(r"\s*(?:khoảng|hơn|trên|gần)?\s*\d[\d.,]*\s*[^\d()%,;]{1,20}\)", re.IGNORECASE)


_PLAIN_BREAKS = {c: {"char": c, "plan": False, "plan_amount": False} for c in ";:)[],-"}


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


# "đạt 77% chỉ tiêu tỉnh Lào Cai giao phấn đấu", "bằng 96% dự toán HĐND tỉnh Hà Tĩnh giao": the
# place that set the plan is no scope of the figure (nor a new record of it); "Lào Cai giao thương
# với …" (trade), "giao thông", "giao lưu" are other words.
# Only the plan's giver, named after the plan ("chỉ tiêu tỉnh Lào Cai giao"): "…; tỉnh Lào Cai giao chỉ
# tiêu phấn đấu 1.800 tỷ đồng" opens the place's own plan, another record.
_GIVES_PLAN_AFTER_RE = re.compile(r"\s+(?:đã\s+)?giao(?!\w)(?!\s+(?:thương|lưu|thông|dịch|nhận|hàng|hữu|thoa)(?!\w))")
_PLAN_OF_BEFORE_RE = re.compile(
    r"(?<!\w)(?:dự\s+toán|chỉ\s+tiêu|kế\s+hoạch)(?:\s+(?:được\s+)?(?:hđnd|ubnd|hội\s+đồng\s+nhân\s+dân|[ủu]y\s+ban\s+nhân\s+dân))?"
    r"(?:\s+(?:tỉnh|thành\s+phố|tp\.?|huyện|thị\s+xã))?\s+$", re.IGNORECASE)


# "… có 1.424 doanh nghiệp thành lập mới, đứng thứ 8 cả nước (sau các địa phương: TP Hồ Chí Minh, Hà
# Nội, …), đạt 47,7% kế hoạch": the places a rank stands behind, named with no figure of their own,
# are not places of the figures that follow (a bracket with figures, "(sau Bắc Giang 13,45%)", names
# the places' own). The same list after a comma, running to the clause's end.
_RANKED_BEHIND_RE = re.compile(
    r"(?:thứ\s+\w+|đầu|nhất)[^.;:()\d]{0,40}?(?:\(\s*(?:đứng\s+|xếp\s+)?sau\s[^()\d]*\)"
    r"|,\s*(?:đứng\s+|xếp\s+)?sau\s[^.;()\d]*(?=[.;]|$))", re.IGNORECASE)


def _ranked_behind(s: str) -> list[tuple[int, int]]:
    """The spans of the places lists a rank stands behind (_RANKED_BEHIND_RE)."""
    return [m.span() for m in _RANKED_BEHIND_RE.finditer(s)]


def _place_events(scan: _Scan, names: list[tuple[int, int, str]] | None) -> None:
    """The places (L): provinces, cities, regions (``names``, when the caller found them in the whole text),
    not one that sets a plan (_GIVES_PLAN_AFTER_RE), nor one a rank stands behind (_RANKED_BEHIND_RE)."""
    s, taken, places = scan.s, scan.taken, scan.places
    gives = "giao" in s
    low = scan.low
    behind = _ranked_behind(s) if "sau" in low and ("thứ" in low or "đầu" in low or "nhất" in low) else ()
    for a, b, name in [(m.start(), m.end(), m.group(0)) for m in find_places(s)] if names is None else names:
        if behind and any(lo <= a and b <= hi for lo, hi in behind):
            continue
        if (not overlaps(a, b, taken) and not _RANKED_WITHIN_RE.search(s, max(0, a - 64), a)
                and not (_RANKED_AFTER_RE.search(s, max(0, a - 16), a) and _ranked_next(s, b))
                and not (gives and _GIVES_PLAN_AFTER_RE.match(s, b) and _PLAN_OF_BEFORE_RE.search(s, max(0, a - 48), a))):
            places.append(Event(a, b, "L", {"name": name}))
            taken.append((a, b))
    scan.events += places


# Where a goal's own clause opens: the sentence's start, a break, or "với" ("Với mục tiêu năm 2025 là …").
_GOAL_OPENS_CLAUSE_BEFORE_RE = re.compile(r"(?:^|[,;:(]|(?<!\w)với)\s*$")


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
        if m.group("goal_words") is not None and not _GOAL_OPENS_CLAUSE_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "hoàn thành mục tiêu năm 2024 là …": the goal's words inside a clause name one reached
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
    """"Ước cả năm, chỉ số sản xuất công nghiệp sẽ tăng khoảng 9%": the future
    "sẽ" after an estimate ("ước") in the same sentence, no ';' between, is the estimate's own
    wording, not a forecast of its own (a target only with "dự kiến", "phấn đấu"…)."""
    return text.startswith("sẽ", m.start()) and text.find(";", estimated_at, m.start()) < 0


def _subitem_events(scan: _Scan) -> None:
    """Where a breakdown opens (T): "trong đó", "bao gồm", "chia theo"; by period or by place."""
    s, events, taken, places = scan.s, scan.events, scan.taken, scan.places
    for m in SUBITEMS_RE.finditer(s, scan.low):
        if overlaps(m.start(), m.end(), taken):
            continue  # "gồm" inside a scope ("bao gồm cả …") or a phrase
        # "trong đó năm 2021 đạt 5,2%, năm 2022 đạt 7,9%": a breakdown by period, of the same subject.
        gap = len(s[m.end():m.end() + 3]) - len(s[m.end():m.end() + 3].lstrip(" ,:"))
        # "trong đó khu vực tỉnh Hà Nam (cũ) đóng góp khoảng 9.000 tỉ đồng, Nam Định …": by place.
        by_place = any(0 <= p.start - m.end() <= 25 and _PLACE_LEAD_RE.fullmatch(s, m.end(), p.start) for p in places)
        if not by_place and places and ("địa phương" in scan.low or "tỉnh" in scan.low):
            by_place = _localities_listed_after(s, m.end(), places)
        # (The periods' starts are gathered here, for the few sentences with a breakdown, not for every sentence.)
        period_starts = {e.start for e in events if e.kind == "P"}
        events.append(Event(m.start(), m.end(), "T", {"by_period": m.end() + gap in period_starts,
                                                      "by_place": by_place}))


def _composition_named(s: str, events: list[Event]) -> None:
    """A total's composition named after its level: "vốn FDI vào tỉnh đạt 2,1 tỷ USD, gồm vốn cấp
    mới, vốn tăng thêm và góp vốn mua cổ phần, tăng 9% so với cùng kỳ". "bao gồm" / "gồm" right
    after a level, then parts with no figure of their own up to a change: the parts say what the
    total holds, they open no record, and the change is the total's. (Parts given figures of their
    own, "gồm vốn cấp mới 1,5 tỷ USD …", stay a breakdown; so does "trong đó".) Events sorted."""
    for i in range(len(events) - 2, 0, -1):
        t = events[i]
        if t.kind != "T" or t.data["by_period"] or t.data["by_place"] or not s.endswith("gồm", t.start, t.end):
            continue
        before = events[i - 1] if events[i - 1].kind != "X" or i < 2 else events[i - 2]
        if before.kind != "V":
            continue
        j = i + 1
        while j < len(events) and events[j].kind in ("M", "X"):
            j += 1
        if j < len(events) and events[j].kind == "C" and any(e.kind == "M" for e in events[i + 1:j]):
            events[i:j] = [e for e in events[i + 1:j] if e.kind == "X"]


# ", chủ yếu do ngành sản xuất và phân phối điện (giảm 11,17%)", ", nhờ ngành chế biến, chế tạo
# tăng 7,1%", ", do bị chi phối bởi ngành …": after a figure and a comma, a cause that names an
# industry branch opens that branch's own figures, as "trong đó" does. The comma keeps out the
# collector of a revenue ("thu ngân sách do ngành thuế quản lý đạt …"), which names no cause.
_CAUSE_NAMES_BRANCH_RE = re.compile(
    r",\s*(?P<cause>(?:nguyên\s+nhân\s+)?(?:(?:chủ\s+yếu|một\s+phần|phần\s+lớn)\s+)?(?:là\s+)?(?:do|nhờ|vì)"
    r"(?:\s+(?:bị\s+)?(?:chi\s+phối|tác\s+động|ảnh\s+hưởng)\s+(?:bởi|của|từ))?)(?=\s+(?:các\s+)?ngành(?!\w))")


def _cause_branch_events(scan: _Scan) -> None:
    """A breakdown (T) where a cause after a comma names an industry branch (_CAUSE_NAMES_BRANCH_RE)."""
    for m in _CAUSE_NAMES_BRANCH_RE.finditer(scan.low):
        if not overlaps(m.start("cause"), m.end(), scan.taken):
            scan.events.append(Event(m.start("cause"), m.end(), "T", {"by_period": False, "by_place": False}))


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
        only_commas = not (";" in s or ":" in s or "(" in s or ")" in s or "[" in s or "]" in s)
        for m in (_COMMA_BREAK_RE if only_commas else _CLAUSE_BREAK_NO_DASH_RE).finditer(s):
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
    if "nếu" in scan.low and "thì" in scan.low:
        _condition_breaks(scan)


# "Nếu tháng 8 kim ngạch đạt 120 triệu USD thì tháng 9 đạt 135 triệu USD", "nếu như năm trước chỉ
# tăng 3% thì năm nay tăng 7%": "thì" after "nếu" opens the second half of a contrast, a clause of
# its own with its own period, as a comma would (where no comma is written before it).
_CONDITION_THEN_RE = re.compile(r"(?<!\w)thì(?!\w)")


def _condition_breaks(scan: _Scan) -> None:
    """A clause break at each "thì" that answers an "if" (nếu) written before it (_CONDITION_THEN_RE)."""
    low = scan.low
    at = low.find("nếu")
    for m in _CONDITION_THEN_RE.finditer(low, at):
        start = m.start()
        if low[:start].rstrip().endswith(","):
            continue
        scan.events.append(Event(start, m.end(), "X", _PLAIN_BREAKS[","]))


# "tăng 6,47% (kế hoạch 9,05%)", "ước đạt 8,59% (kế hoạch là 8%)": the year's planned rate in a
# bracket right after the rate reached, its verb left out; it is the planned change of the same
# indicator, read as "(kế hoạch tăng 9,05%)" would be. Only after a rise or a growth rate, so that
# a share of the plan ("giải ngân đạt 60% (kế hoạch 95%)") is not read as a rise.
_BARE_PLAN_RATE_RE = re.compile(
    rf"\s*(?:KH|{GOAL_WORDS_PATTERN}|nghị\s+quyết|NQ)(?:\s+(?:cả\s+)?năm)?(?:\s+\d{{4}})?(?:\s+(?:là|đề\s+ra|đặt\s+ra))?"
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


# "tăng cao (+13,11%) so với tháng trước", "giảm (-2,5%) so với cùng kỳ": a change verb (and how
# much) with its rate in brackets, signed, the base after them. (group "open": the bracket)
_SIGNED_CHANGE_BRACKET_RE = re.compile(
    r"(?<!\w)(?:tăng(?:\s+trưởng)?|giảm)(?:\s+(?:rất|khá|nhẹ|cao|mạnh|thấp|nhanh|chậm|hơn|tốt)){0,2}\s*(?P<open>\()\s*[+-]\s*\d[\d.,]*\s*%"
    r"(?:\s*(?P<sep>;)\s*[+-]\s*\d[\d.,]*\s*(?:tỷ|tỉ|triệu|nghìn|ngàn)(?:\s+(?:đồng|USD))?)?\s*\)"
    r"(?=\s*so(?!\w))", re.IGNORECASE)


def _mask_signed_change_brackets(s: str, in_phrase: bytearray) -> None:
    """The brackets of a signed rate right after its verb, with its base after them, break no
    clause: "IIP tháng 5 tăng cao (+13,11%) so với tháng trước và tăng rất cao (+27,11%) so với
    cùng tháng năm trước" gives each rate its own base (a break between them left the first bare
    and gave the second the first's base)."""
    for m in _SIGNED_CHANGE_BRACKET_RE.finditer(s):
        in_phrase[m.start("open")] = 1
        in_phrase[m.end() - 1] = 1
        if m.start("sep") >= 0:  # "(+6,25%; +4.310 tỷ đồng) so với cuối năm 2019": the amount risen, beside
            in_phrase[m.start("sep")] = 1


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


# "tăng 2,35% (tăng 6,4 triệu USD) so với tháng trước", "tăng 12% (tương ứng tăng 904 triệu USD) so
# với cùng kỳ": the change's amount in brackets, an aside between the rate and its base. The amount
# may carry its sign instead of the verb: "giảm 0,8% (-160 tỷ đồng) so với cuối năm", "tăng 3,2%
# (+20 doanh nghiệp) so với cùng kỳ" (a signed amount is a change, never a level: _level_event).
_ABSOLUTE_CHANGE_ASIDE_RE = re.compile(
    r"\s*(?:tương\s+(?:ứng|đương)(?:\s+với)?\s+)?(?:(?:kim\s+ngạch|số\s+tiền|giá\s+trị)\s+)?(?:(?:tăng|giảm)(?:\s+thêm)?"
    r"\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?|[+-])\d[\d.,]*\s*[^\d()%;]{1,25}\)", re.IGNORECASE)  # shared: no one writes to a break's data


_PLACE_LEAD_RE = re.compile(r"[\s,:]*(?:(?:khu\s+vực|địa\s+bàn|tỉnh|thành\s+phố|TP\.?)\s+)*", re.IGNORECASE)


# "trong đó, có 25 địa phương tăng ở mức hai con số: Khánh Hòa tăng 46,4%; Bắc Giang …", "trong đó
# một số tỉnh tăng cao như: Phú Thọ …": the breakdown counts or picks the localities, then names them
# one by one after a colon; the figures are the places', of the same subject. (No figure in the lead:
# "trong đó có 9 tỉnh trên 10 tỷ USD: …" names the places over a bar, not their own figures.)
_LOCALITIES_LEAD_RE = re.compile(
    r"[\s,]*(?:có\s+)?(?:\d+|một\s+số|nhiều|các)\s+(?:địa\s+phương|tỉnh(?:\s*,\s*thành(?:\s+phố)?)?)(?!\w)"
    r"[^.;:()\d]{0,80}?:\s*", re.IGNORECASE)


def _localities_listed_after(s: str, at: int, places: list[Event]) -> bool:
    """A breakdown that counts localities, then names them: the first place right after its colon."""
    m = _LOCALITIES_LEAD_RE.match(s, at)
    return m is not None and any(p.start == m.end() for p in places)


# "…, đứng thứ hai vùng Tây Nguyên", "dẫn đầu khu vực Đông Nam Bộ", "cao nhất Đồng bằng sông Hồng":
# a place right after a rank is the area ranked within, not a place with a figure of its own.
# So is the group of provinces named after it: "đứng thứ nhất trong các tỉnh vùng Đồng bằng sông
# Hồng", "dẫn đầu các tỉnh Tây Nguyên", "cao nhất trong số 14 tỉnh, thành phố thuộc Bắc Trung Bộ".
_RANKED_WITHIN_RE = re.compile(
    r"(?:đầu|nhất|thứ\s+\w+)(?:(?:\s+(?:trong|của|ở|tại))?(?:\s+số)?\s+(?:các|\d+|nhóm)\s+(?:tỉnh|địa\s+phương)"
    r"(?:,?\s+thành(?:\s+phố)?)?(?:\s+(?:thuộc|trong|của|ở|tại))?)?\s+$", re.IGNORECASE)


# "Sau TP HCM là Hà Nội với 50.000 tỷ đồng", "xếp sau Bắc Ninh là Hải Phòng": the place ranked
# after names where the next stands; its own figure was given before, the one that follows is the next's.
# The next may be named after a comma instead of "là": "Sau Bình Dương, TP HCM đứng thứ hai với …".
_RANKED_AFTER_RE = re.compile(r"(?<!\w)(?:[Đđ]ứng\s+|[Xx]ếp\s+|[Nn]gay\s+|[Tt]heo\s+)?[Ss]au\s+$")


_RANKED_NEXT_RE = re.compile(r"\s+(?:là|lần\s+lượt\s+là)(?!\w)|\s*,\s*(?P<name>\w)")


def _ranked_next(s: str, end: int) -> bool:
    """_RANKED_NEXT_RE at ``end``; after a comma, a name's capital ("Sau Bình Dương, TP HCM …", not
    "Sau Bình Dương, đứng thứ hai là …": a class of capitals written as a range, À-Ỹ, holds the
    small accented letters too)."""
    m = _RANKED_NEXT_RE.match(s, end)
    return m is not None and (m["name"] is None or m["name"].isupper())


_PRICE_ADJUSTED_RE = re.compile(r"loại\s+trừ\s+(?:yếu\s+tố|biến\s+động)\s+giá")
