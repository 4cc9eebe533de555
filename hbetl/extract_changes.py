"""Changes: the changes (C) of a sentence, and the field and percent each gives.

CHANGE_RE reads a change or a share of a plan: "tăng 18,19%", "bằng 139% cùng kỳ", "vượt 6%
kế hoạch", "gấp 3,2 lần", "tăng trưởng âm 4,26%".  _change_event tells what it gives: a rise
or fall on last year (yoy: fixed by "so với cùng kỳ", or left for a base to fix), a share or
multiple of a plan (plan), no field at all (a range, percentage points, a yearly average
"20,1%/năm", a rate compared with), or None where the words state a level ("đạt 2.663 tỷ
đồng", read by hbetl/extract_levels.py).  find_events (hbetl/extract_events.py) runs
_change_matches first, so that what a change is about ("tăng 5% về số doanh nghiệp") opens
no subject, and _change_events after the periods and places; _list_of_changes_about, a pass
after the sort, gives the percents listed after such a change its verb, and
_percents_sharing_a_verb those of a list that writes its verb once ("giảm 9% so với tháng trước
và 20% so với cùng kỳ").  The readings shared with the levels (NUM, _qualifier, _negated, the
range's pattern) come from extract_levels.
"""

from __future__ import annotations

import re

from hbetl.extract_levels import _RANGE_OPENERS, _RANGE_TO_RE, NUM, _negated, _qualifier
from hbetl.extract_plans import _PLAN_REF
from hbetl.extract_rates import _compared_rate_before
from hbetl.extract_scan import Event, _inside, _Scan, to_number
from hbetl.extract_splits import _listed_places_floor, _places_counted_share, _places_over_threshold
from hbetl.textscan import CAPITALS, FastPattern

_NUM_ALONE = r"(?<![\w.,/])" + NUM + r"(?![\w/]|[.,]\d)"


# The plan named by who assigned it, the plan word left out: "vượt 40,5% so với tỉnh giao", "đạt
# 53,4% so với HĐND huyện giao" (district reports; "… so với kế hoạch tỉnh giao" in full).
_ASSIGNED_BY = r"(?:(?:HĐND|UBND)\s+)?(?:tỉnh|huyện|thành\s+phố|thị\s+xã|Trung\s+ương|TW)\s+giao"


# The change verbs, as CHANGE_RE's trigger opens with them (a trigger of their own where no plan share can be).
# Their first words only, with no lookahead for the second ("cao" for "cao hơn"): a trigger may hit
# where no match begins, and the engine skipped to a hit more than twice as fast without them, more
# than paying for the hits that fail ("cao", "thực", "hoàn" alone): CHANGE_RE's scans of a round of
# the labelled fixtures' sentences, replayed, 33.86M -> 33.16M instructions.
_CHANGE_VERBS = r"tăng|giảm|cao|thấp|bằng|gấp|vượt|đạt|thực|hoàn|âm"


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
    # … or in the common words of size ("tăng đáng kể 54,2%", "tăng vọt 120%", "giảm sâu 19,8%",
    # "tăng khá 9,8%", "tăng cao 14,6%", "tăng rất mạnh 49,8%").
    r"|đáng\s+kể|vọt|sâu|khá|cao|rất"
    # "CPI 5 tháng tăng bình quân 3,21%": the period's average change (_average_rate_of).
    r"|bình\s+quân(?!\s+(?:mỗi|một|hàng|hằng|năm|giai|thời))"
    r"|từ(?=\s+\d[\d.,]*\s*%\s+trở\s+lên)"
    # "giải ngân … là 2.532 tỷ đồng, đạt tỷ lệ 98,2% kế hoạch": the share reached, named as a rate.
    r"|(?<=đạt\s)t[ỷỉ]\s+lệ))*)"
    # (The rate may come in brackets after how it changed: "đã tăng đáng kể (54,2%)".)
    r"(?:\s+|(?<=kể)\s*\((?=\d))(?P<num>" + _NUM_ALONE + r")(?P<range>\s*(?:-|đến|tới)\s*" + NUM + r")?"
    r"(?P<sign>\s*(?:%|điểm\s+phần\s+trăm|điểm(?!\w)|phần\s+trăm|lần(?!\w)))?"
    # (District reports glue the plan's abbreviation to the percent: "đạt 74,5%KH", "bằng 48,39%KH.")
    # Last year's same month or quarter is as much a base as "cùng kỳ", its "so với" left out too:
    # "tăng 31,1% cùng tháng năm trước", "giảm 4% cùng quý năm ngoái".
    r"(?P<ref>(?:\s+|(?<=%)(?=KH(?!\w)))(?:so\s+với\s+|so\s+|của\s+)?(?:mức\s+)?(?:cùng\s+(?:kỳ|thời\s+kỳ|giai\s+đoạn"
    r"|(?:tháng|quý)(?=\s+năm\s+(?:trước|ngoái)(?!\w)))|" + _PLAN_REF + r"|(?<=với\s)" + _ASSIGNED_BY + r")(?!\w))?"
    # What changed, after "về" ("tăng 5% về số doanh nghiệp"), or with no "về" where "số" opens the
    # projects or firms counted, the capital or the workers ("tăng 71,4% số dự án và tăng 671,8% số vốn
    # đăng ký", "giảm 30% số DN": provincial investment and district reports).
    r"(?P<about>\s+(?:về\s+|(?=số\s+(?:lượng\s+)?(?:dn|doanh\s+nghiệp|dự\s+án|vốn|lao\s+động)(?!\w)))[^\s,;:()]+(?:\s+(?!(?:và|so|nhưng|còn|tăng|giảm|đạt)(?!\w))[^\s\d,;:()]+){0,5})?"
    r"|(?P<bare>(?=[0-9])" + _NUM_ALONE + r")\s*%(?:\s+(?:so\s+với\s+)?|(?=KH(?!\w)))(?P<bareref>" + _PLAN_REF + r")(?!\w)"
    r"|gấp\s+(?P<double>đôi)"
    # A multiple in words: "tăng ba lần so với cùng kỳ", "gấp bốn lần năm trước" (not "tăng hai lần
    # trong tháng", twice: after "tăng" only with the year it is compared with; "so cùng kỳ" without
    # "với" too).
    r"|(?:tăng(?=\s+\w+\s+lần\s+(?:so\s+với|(?:so\s+)?cùng\s+kỳ))|gấp(?!\s+\w+\s+lần\s+(?:so\s+với\s+)?(?:kế|dự|chỉ|mục)))"
    r"\s+(?P<times>hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+lần(?!\w)(?P<timesref>\s+(?:so\s+(?:với\s+)?)?cùng\s+kỳ(?!\w))?",
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


# The bar word before a share written with no verb ("1 trong 8 Cục Hải quan đạt số thu trên 85% dự
# toán"): CHANGE_RE's bare share starts at its digit, the word is read here for _places_over_threshold.
_BAR_BEFORE_SHARE_RE = re.compile(r"(?<!\w)(trên|hơn|dưới)\s+$")


# A share with no verb of its own after how the money went ("huyện giải ngân được khoảng 38% kế
# hoạch", "thu ngân sách ước trên 60% dự toán"): the word right before it qualifies the share as it
# does after "đạt" ("đạt khoảng 38%"), the record's qualifier when it has no level (Conventions).
# Not where the clause states an amount before it ("ước đạt 18.400 tỷ đồng (tương đương gần 71% kế
# hoạch, tăng 5,6%)"): the share then measures that amount, and its word is no record's.
_QUALIFIER_BEFORE_SHARE_RE = re.compile(r"(?<!\w)(khoảng|xấp\s+xỉ|gần|hơn|trên|dưới)\s+$")
# (A unit word whole: "tháng 9 tỉnh mới giải ngân được khoảng 20%" writes a month, then the
# province, and no amount: "tỉ" is not the start of "tỉnh".)
_AMOUNT_RE = re.compile(r"\d\s*(?:%|(?:t[ỷỉ]|triệu|nghìn|ngàn|đồng|usd)(?!\w))")


# "Trong mức tăng 0,48% của CPI tháng 7 so với tháng trước, có 10 nhóm hàng … tăng giá", "Trong mức
# giảm 0,2% của chỉ số giá …": the rate a breakdown into its groups opens with, restating the figure
# the sentence before reported (the statistics office's own wording), no figure of its own.
_BREAKDOWN_OF_RATE_BEFORE_RE = re.compile(r"(?<!\w)trong\s+mức\s+$")


def _change_events(scan: _Scan, changes: list[re.Match[str]]) -> None:
    """The changes (C) of CHANGE_RE's ``changes``: "tăng 18,19%", "bằng 139% cùng kỳ"."""
    s, text, events, taken = scan.s, scan.low, scan.events, scan.taken
    may_compared_level, may_floor = scan.may_compared_level, scan.may_floor
    may_places = scan.may_places
    opens_breakdown = "trong mức" in text
    mention_at = {e.start: e for e in scan.mentions}
    plans = [e for e in scan.mentions if e.data["plan"]] if "kế hoạch" in text else None
    may_aspect = "số dự án" in text or "vốn" in text or "số doanh nghiệp" in text or "số dn" in text
    may_multiple_of_other = "lần" in text
    for m in changes:
        # A change may run into a base it names ("so với kế hoạch"), but may not start inside one.
        if _inside(m.start(), taken):
            continue
        if text.startswith("thấp", m.start()) and _negated(text, m.start()):
            continue  # "thu ngân sách không thấp hơn 48.000 tỷ đồng": no less than, the level 'hơn' reads
        if opens_breakdown and _BREAKDOWN_OF_RATE_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            taken.append(m.span())  # "Trong mức tăng 0,48% của CPI tháng 7 …, có 10 nhóm hàng …": restated
            continue
        ev = _change_event(m)
        if ev is not None and may_multiple_of_other and _multiple_of_another(s, ev):
            ev.data = {"field": None}  # "gần gấp 3 lần Hạ Long": another place's level, no change on last year
        if ev is not None and m.group("fill") and "quân" in m.group("fill"):
            ev.data["average_rate"] = True
        if (may_compared_level and ev is not None and ev.data.get("field") is None and ev.data.get("compared_pct") is None
                and ("mức" in text[m.start():ev.end] or "con số" in text[m.start():ev.end])
                and text[ev.end:ev.end + 2].strip()[:1] not in ("%", "")):
            continue  # "thấp hơn mức 1.350 triệu USD cùng kỳ": a level compared with, read as a level
        bar = ev.data.get("qualifier") if ev is not None else None
        if bar is None and ev is not None and m.group("bare") and (before := _BAR_BEFORE_SHARE_RE.search(
                text, max(0, m.start() - 6), m.start())):
            bar = "under" if before.group(1) == "dưới" else "over"  # "… đạt số thu trên 85% dự toán": the bar before a bare share
        if (ev is not None and (may_floor or bar in ("over", "under"))
                and _places_over_threshold(text, m.start(), ev.end, bar)):
            taken.append((m.start(), ev.end))  # "7 địa phương có GRDP tăng trưởng trên 10%": a bar, not a figure
            continue
        if ev is not None and may_floor and len(scan.places) > 1 and _listed_places_floor(text, scan.places, m.start(), ev.end):
            taken.append((m.start(), ev.end))  # "A, B và C tăng trưởng từ 9% trở lên": the listed places' bar
            continue
        if ev is not None and may_places and _places_counted_share(text, m.start()):
            taken.append((m.start(), ev.end))  # "20/34 địa phương tăng trưởng từ 8% trở lên": the counted places' bar
            continue
        if (ev is not None and m.group("bare") and ev.data.get("qualifier") is None
                and (word := _QUALIFIER_BEFORE_SHARE_RE.search(text, max(0, m.start() - 10), m.start()))
                and not _AMOUNT_RE.search(text, text.rfind(";", 0, m.start()) + 1, word.start())):
            ev.data["qualifier"] = _qualifier(word.group(1))
        if ev is not None and may_aspect and ev.data.get("field") and not ev.data.get("about"):
            _aspect_before(text, m.start(), ev, scan.mentions)
        if ev is not None:
            events.append(ev)
            taken.append((m.start(), ev.end))
            # "giảm 9% về số doanh nghiệp nhưng tăng 4% vốn đăng ký": the phrase right after a
            # change names what changed; it opens no subject of its own.
            mention = mention_at.get(ev.end + 1) if s[ev.end:ev.end + 1] == " " else None
            if mention is not None and ev.data.get("field") and not ev.data.get("about"):
                ev.data["about"], ev.data["about_object"] = mention.data["label"], True
                mention.data["object"] = True
            elif ev.data.get("field") == "plan" and plans:
                # "giải ngân đạt 45% kế hoạch vốn đầu tư công năm 2024": a plan's phrase that starts
                # on the change's own "kế hoạch" names the plan the share is of; it opens no subject.
                for mention in plans:
                    if ev.start < mention.start < ev.end:
                        mention.data["object"] = True


# "so với cùng kỳ, số dự án tăng 20%, số vốn tăng 35%", "số dự án được chấp thuận chỉ bằng 25% so
# với cùng kỳ nhưng số vốn gấp 1,3 lần": the count or the capital named right before a change, as a
# list's item, says what changed, as "tăng 20% về số dự án" does after it (a count of projects is no
# record: its change goes to none). Only where the words are no catalogue phrase ("số vốn đăng ký"
# opens its own subject).
_ASPECT_BEFORE_RE = re.compile(
    r"(?:^|[,;:(]|\s(?:và|nhưng|còn|thì))\s*(?P<aspect>số\s+(?:lượng\s+)?(?:dự\s+án|doanh\s+nghiệp|dn)"
    r"(?:\s+(?:fdi|ddi|cấp\s+mới|thành\s+lập\s+mới|đăng\s+ký\s+mới|mới))?|(?:số\s+)?vốn(?:\s+đăng\s+ký|\s+đầu\s+tư)?)"
    r"\s+(?:chỉ\s+|đều\s+|cũng\s+)?$")


def _aspect_before(text: str, at: int, ev: Event, mentions: list[Event]) -> None:
    """The change ``ev`` (its verb at ``at``) about the count or capital named right before it."""
    m = _ASPECT_BEFORE_RE.search(text, max(0, at - 48), at)
    if m is None or any(e.start < m.end("aspect") and m.start("aspect") < e.end for e in mentions):
        return
    ev.data["about"] = m.group("aspect")


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


# A list of changes that writes the verb once: "giảm 9% so với tháng trước và 20% so với cùng kỳ", "đạt
# 51% dự toán Trung ương giao, 46% dự toán tỉnh giao và 93% so với cùng kỳ". A bare percent joined to
# the list by "," or "và" and measured against a base of its own ("so với …", right after it) is a
# figure of the same verb: a rise or fall after "tăng"/"giảm", a share of the base after "đạt"/"bằng"
# (of last year's level: yoy N − 100). Only where the list runs on unbroken (no subject, level or
# clause between), so that a percent a new subject opens keeps its own reading.
_LIST_JOIN_RE = re.compile(r"(?:\s+(?:[^\s,;.()%\d]+\s+){0,5}giao)?\s*(?:,\s*(?:và\s+)?|\s+và\s+)")


_SHARE_VERBS = ("đạt", "bằng", "thực hiện")


def _percents_sharing_a_verb(s: str, low: str, events: list[Event]) -> None:
    """The bare percents of a list of changes with its verb written once (_LIST_JOIN_RE above)."""
    verb = None  # "rise" or "share": the verb of the list running on, if one is
    last = None  # the list's last event (a change, or the base after one)
    i = 0
    while i < len(events):
        e = events[i]
        if e.kind == "C":
            word = low[e.start:e.start + 9]
            if word.startswith(("tăng", "giảm")):
                verb = "rise"
            elif word.startswith(_SHARE_VERBS):
                verb = "share"
            elif not word[:1].isdigit():
                verb = None
            # (each item measured against a base of its own: "tăng 7,5% và 3,2% so với cùng kỳ", one base
            # for both, pairs its percents with the subjects listed, hbetl/extract_lists.py)
            last = e if verb else None
        elif e.kind == "B" and last is not None:
            last = e
        elif e.kind == "X" and e.data["char"] == ",":
            pass
        elif (e.kind == "V" and last is not None and e.data["family"] == "percent" and i + 1 < len(events)
              and events[i + 1].kind == "B" and not s[e.end:events[i + 1].start].strip()
              and (last.kind == "B" or last.data.get("fixed")) and _LIST_JOIN_RE.fullmatch(s, last.end, e.start)):
            base = events[i + 1]
            value = e.data["value"]
            if verb == "rise":
                events[i] = _rise_of_the_list(e, last if last.kind == "C" else events[events.index(last) - 1])
                last = base
                i += 2
                continue
            if base.data["field"] == "yoy":
                events[i] = Event(e.start, base.end, "C", {"field": "yoy", "pct": value - 100, "fixed": True,
                                                           "level_pct": value})
                del events[i + 1]
                last = events[i]
                i += 1
                continue
            verb = last = None
        elif (e.kind == "V" and verb == "rise" and last is not None and last.kind == "C" and not last.data.get("fixed")
              and e.data["family"] == "percent" and ("lần lượt" in low or "tương ứng" in low)
              and _LIST_JOIN_RE.fullmatch(s, last.end, e.start) and _RESPECTIVE_RE.search(low, 0, last.end)):
            # A respective list of changes with its verb written once and one base after the list, or
            # none: "giảm lần lượt 6,3% và 22,8% so với tháng trước", "đạt lần lượt A và B, giảm 9,9% và
            # 16,3%". Each bare percent is a fall when the verb is "giảm", and shares the base written
            # after the list (``listed``: hbetl/extract_bases.py's _base_for reads past it); the pairing
            # with the subjects listed is hbetl/extract_lists.py's.
            events[i] = last = _rise_of_the_list(e, last, listed=True)
        else:
            verb = last = None
        i += 1


def _rise_of_the_list(e: Event, lead: Event, listed: bool = False) -> Event:
    """The bare percent ``e`` as a change of the list ``lead`` opened: a fall when the lead's verb is "giảm"."""
    value = e.data["value"]
    data = {"about": None, "qualifier": e.data["qualifier"], "field": "yoy", "pct": -value if lead.data.get("pct", 0) < 0 else value,
            "fixed": False, "relative": True}
    if listed:
        data["listed"] = True
    return Event(e.start, e.end, "C", data)


# "lần lượt", "tương ứng": a list of figures paired in order with what was named before it.
_RESPECTIVE_RE = re.compile(r"(?<!\w)(?:lần\s+lượt|tương\s+ứng)(?!\w)")


_CHANGE_ENDS_RE = re.compile(r"\s*(?:so|,|;|\.|\)|$)")


_DECIMAL_AFTER_RE = re.compile(r"\s*[.,]\d")


_PER_YEAR_RE = re.compile(r"\s*/\s*năm(?!\w)")


# Things counted, named in the clause before a change (_change_event).
_COUNT_SUBJECT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:doanh\s+nghiệp|dn|dự\s+án|hợp\s+tác\s+xã|lượt|vụ|hộ|lao\s+động)(?!\w)[^,;%\d]*$", re.IGNORECASE)


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


# (or in brackets: "tăng 1.240 tỷ đồng (bằng 4,9%) so với đầu năm", "tăng 4,08 tỷ USD (13,2%)",
# "tăng 95 tỷ (tương đương 2,3%)", "tăng gần 4 nghìn tỷ đồng (đạt tỷ lệ 6%)": after an
# amount, the bracket's "bằng" is the rate of the rise, not a share of last year; the amount's unit
# may be "ngàn tỷ đồng" or three words, "triệu đô la Mỹ"). The rate may carry its own qualifier,
# as any figure does: "tăng 6,3 ngàn tỷ đồng (gần 12%)", "tăng 27 tỷ đồng, tương ứng khoảng 7,6%".
_PERCENT_TOO_QUALIFIERS = r"khoảng|xấp\s+xỉ|gần|hơn|trên"
_PERCENT_TOO_RE = re.compile(
    r"\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*[^\W\d]+(?:\s+[^\W\d]+){0,2}?\s*"
    r"(?:,\s*(?:tương\s+ứng\s+|hay\s+)?(?:(?P<qual>" + _PERCENT_TOO_QUALIFIERS + r")\s+)?(?P<pct>\d+(?:[.,]\d+)*)\s*%"
    r"|\(\s*(?:(?:bằng|tương\s+đương|tương\s+ứng|đạt\s+tỷ\s+lệ|đạt\s+tỉ\s+lệ)\s+)?"
    r"(?:(?P<qual2>" + _PERCENT_TOO_QUALIFIERS + r")\s+)?(?P<pct2>\d+(?:[.,]\d+)*)\s*%\s*\))")


# "mức tăng trưởng đạt", "tốc độ tăng đạt", "tăng trưởng chung đạt": the figure after is a rate of growth.
# So it is after a word praising the growth ("tăng trưởng khá cao, đạt 14,02% so cùng kỳ", "tăng
# trưởng ấn tượng, đạt 7,35%"): a share of last year's level under 100 would be a fall, not praised.
# (Not "tăng trưởng chậm, chỉ đạt 28% so với cùng kỳ": how it grew, then a share of last year's level.)
_GROWTH_NAMED_BEFORE_RE = re.compile(
    r"(?<!\w)(?:tăng\s+trưởng|mức\s+tăng|tốc\s+độ\s+tăng)(?:\s+(?:kinh\s+tế|chung|grdp|gdp|của\s+tỉnh))?"
    r"(?:\s+(?:khá\s+cao|khá|cao|mạnh(?:\s+mẽ)?|tốt|ấn\s+tượng|tích\s+cực|nhanh)\s*,)?\s+"
    r"(?:chỉ\s+|ước\s+|cũng\s+)?$", re.IGNORECASE)


# Projects adjusted, then their capital named right before "tăng" (see _change_event), or its amount
# named as the size of the rise: "52 dự án điều chỉnh vốn đầu tư, với mức tăng 310 triệu USD", "điều chỉnh
# tăng vốn cho 12 dự án với tổng mức tăng 45 triệu USD" (the capital those projects added).
_ADDED_CAPITAL_BEFORE_RE = re.compile(
    r"(?<!\w)(?:điều\s+chỉnh|tăng\s+vốn|bổ\s+sung)(?!\w)[^;.]{0,100}?(?<!\w)(?:vốn(?:\s+(?:đầu\s+tư|đăng\s+ký|điều\s+chỉnh))*"
    r"|(?<!\w)với\s+(?:tổng\s+)?mức)\s+$",
    re.IGNORECASE)


_AMOUNT_THEN_BASE_RE = re.compile(
    r"\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*(?:usd|đô\s+la(?:\s+mỹ)?|đồng)\s*,?\s+so(?!\w)", re.IGNORECASE)


_VERB_AS = {"cao hơn": "tăng", "thấp hơn": "giảm", "tăng trưởng âm": "giảm", "âm": "giảm"}  # (built once, not per change)


_TIMES_IN_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


def _about_words(about: str) -> str:
    """What a change is about, without its "về": "về số doanh nghiệp", "số dự án" -> the phrase."""
    # (A change closing its sentence keeps the full stop in its phrase: "… giảm 5% về số vốn.")
    about = about.strip().rstrip(".")
    return about[3:].strip() if about[:3].lower() == "về " else about


# "vượt Biên Hòa và gần gấp 2 lần Quy Nhơn", "gấp 2,5 lần so với Đà Nẵng", "gấp 4 lần mức
# bình quân cả nước": a multiple whose object is a name (a capital letter that opens no base or plan:
# not "Cùng kỳ", "Kế hoạch", "Năm 2022") or the country's level compares with another place, not with
# last year; it fills no field.
_OTHER_COMPARED_AFTER_RE = re.compile(
    r"\s+(?:so\s+với\s+|của\s+)?(?:(?:[Tt]ỉnh|[Tt]hành\s+phố|TP\.?|[Hh]uyện|[Tt]hị\s+xã)\s+)?"
    r"(?:(?!(?:Cùng|Kế|KH|Năm|Quý|Tháng|Dự|Chỉ|Mục|Nghị|Đầu|Cuối)(?!\w))[" + CAPITALS + r"]"
    r"|(?:mức\s+)?(?:(?:bình\s+quân|trung\s+bình)(?:\s+chung)?\s+(?:của\s+)?)?cả\s+nước(?!\w))")


def _multiple_of_another(s: str, ev: Event) -> bool:
    """The change ``ev`` is a multiple ("gấp N lần") of another place's level named right after it
    (_OTHER_COMPARED_AFTER_RE), not a change on last year: it named no base of its own."""
    data = ev.data
    return (data.get("field") == "yoy" and not data.get("fixed") and s.endswith("lần", 0, ev.end)
            and _OTHER_COMPARED_AFTER_RE.match(s, ev.end) is not None)


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
    if not sign and ref_text and num_text and "," in num_text:
        # A decimal written straight before its base or plan, its % forgotten: "bằng 102,98 so với cùng
        # kỳ", a share of last year's level (as "tăng 6,71 so với cùng kỳ"); "bằng 103,2 kế hoạch", "đạt
        # 48,7 kế hoạch năm", with no unit between, can only be the share of the plan reached.
        if "cùng" in ref_text:
            forgotten = verb == "bằng" and 50 <= num <= 300
        else:
            forgotten = verb in ("bằng", "đạt") and 0 < num <= 300
        if forgotten:
            sign = "%"
    if not sign and verb == "gấp" and ref_text and "cùng" in ref_text and 1 < num <= 100:
        # A multiple with its "lần" left out: "gấp 1,6 cùng kỳ năm 2024", "tăng gấp 2,5 so với cùng
        # kỳ". "gấp" never opens a level, so a number right before last year's base is the multiple.
        sign = "lần"
    if not sign and verb not in _RATE_VERBS:
        # "đạt 2.663 tỷ đồng": a level, not a change (VALUE_RE reads it). The rules below end
        # in `sign != "%"` for it too; answering here skips their work for ~40% of matches.
        return None
    ref = _squash(ref_text) if ref_text else ""
    if not sign and fill and _LEVEL_FILL_RE.search(fill):
        return None  # "số vốn tăng thêm là 8 triệu USD": the level of what was added
    end = m.end("ref") if ref_text else m.end("sign") if sign_text else m.end("num")
    # "tăng hơn 10%": the qualifier of a record that has no level (Conventions).
    qual = _CHANGE_QUALIFIER_RE.search(fill) if fill else None
    data: dict = {"about": _about_words(about) if about else None,
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
        # "điều chỉnh vốn cho 9 dự án, số vốn điều chỉnh tăng 38,6 triệu USD", "điều chỉnh tăng
        # vốn cho 14 lượt dự án FDI, tổng vốn đầu tư đăng ký tăng 57 triệu USD": the capital the
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
            if also is not None and (pct_too := to_number(also.group("pct") or also.group("pct2"))) is not None:
                if qual_too := also.group("qual") or also.group("qual2"):
                    data = {**data, "qualifier": _qualifier(" ".join(qual_too.lower().split()))}
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
    # "đạt trên 90% kế hoạch", "bằng khoảng 30% kế hoạch vốn": a share of the plan keeps the word
    # before it, the record's qualifier when it has no level (Conventions, "Qualifiers on changes").
    share = {"field": "plan", "pct": num, "fixed": True, "qualifier": data["qualifier"]}
    if verb == "bằng":
        if plan_ref:
            return Event(m.start(), end, "C", share)
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
        return Event(m.start(), end, "C", share)
    if ref:
        if num < 100 and _GROWTH_NAMED_BEFORE_RE.search(m.string, max(0, m.start() - 40), m.start()):
            # "Mức tăng trưởng đạt 14% so với cùng kỳ": the growth named, its rate is the change
            # (a share of last year's level would be "đạt 86%", no growth word before it).
            return Event(m.start(), end, "C", {"field": "yoy", "pct": num, "fixed": True, "level_pct": num})
        # "khách quốc tế chỉ đạt 28% so với cùng kỳ": a share of last year's level, as "bằng"
        # (_apply_change reads it as the level of a percent indicator: "tăng trưởng đạt 7,5% so với cùng kỳ").
        return Event(m.start(), end, "C", {"field": "yoy", "pct": num - 100, "fixed": True, "level_pct": num})
    return Event(m.start(), end, "C", {"field": "plan", "pct": num, "fixed": False, "needs_base": True,
                                       "level_if_percent": True, "qualifier": data["qualifier"]})
