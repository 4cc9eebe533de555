"""Subjects the catalogue does not hold, read from the words around them.

Two kinds.  Words that name a split of what a catalogue phrase of the sentence names: a sector
of the economy (_sectors_named), a group of goods after the price index (_price_groups_named),
an item of the budget's revenue (_revenue_items_named), visitors by where they come from
(_visitors_by_source), a thing counted in a unit the catalogue has no indicator in
(_items_in_other_units): each an M that is no record of its own ("foreign") but the subject of
the figures after it; and a kind of breach after a count of cases, an M of market violations
scoped to that kind (_violations_by_type).  _mention_events (hbetl/extract_subjects.py) and
find_events (hbetl/extract_events.py) add them.
And the phrases of a record's subject the catalogue does not hold: the capital of projects or
firms counted before it (project_capital_mentions, firms_capital_mentions,
adjusted_capital_mentions, assigned_capital_mentions), the budget revenue a tax or customs office
collected or that is named bare (collector_revenue_mentions, bare_revenue_mentions), the deposits
lenders mobilised (lenders_deposits_mentions), new firms counted first in a list
(listed_firms_mentions), a place's growth (place_growth_mentions).  Each returns Mentions as the
catalogue's find_mentions does; hbetl/extract.py and the sentence's reader, hbetl/extract_sentence.py, take them
from extract_events, which re-exports them.
"""

from __future__ import annotations

import re
from operator import attrgetter

from hbetl.extract_scan import PARTS_OPENING, Event, _Scan, overlaps, spans_overlap
from hbetl.extract_splits import BREACH_KINDS, capital_of_zoned_projects
from hbetl.indicators import Mention, find_places

# "tăng trưởng kinh tế của tỉnh đã có chuyển biến tích cực, đặc biệt, ngành công nghiệp … với mức
# tăng 14,8% trong quý II", "Khu vực dịch vụ có số DN thành lập mới nhiều nhất với 99.548 DN": a
# sector of the economy named after the whole is the subject of the figures that follow it, and a
# split by economic sector is no record (Conventions). So are the four branches of the industrial
# production index as the statistics offices list them after it (mining, manufacturing, "ngành sản
# xuất và phân phối điện, khí đốt …", "ngành cung cấp nước, hoạt động quản lý và xử lý rác thải …"):
# a split by branch, and the subject of its own figure, not the output a cause before it named ("…
# tăng 42% do sản lượng điện mặt trời; ngành cung cấp nước … tăng 8,8%").
_SECTOR_RE = re.compile(
    # ("nông - lâm - thủy sản": the hyphened name as the comma one.)
    r"(?<!\w)(?:ngành|khu\s+vực)\s+(?:công\s+nghiệp|dịch\s+vụ|xây\s+dựng|nông\s*[,-]?\s*lâm|nông\s+nghiệp|"
    r"khai\s+khoáng|chế\s+biến|thủy\s+sản|thuỷ\s+sản|"
    r"(?:sản\s+xuất\s*(?:,|và)\s*)?phân\s+phối\s+điện|cung\s+cấp\s+nước)(?!\w)")


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
            continue  # "… tăng chậm chủ yếu do ngành công nghiệp chế biến, chế tạo đi xuống: Long An tăng 2%; …":
            # the sector named as the cause, the places' figures still the growth's
        _add_split_mention(scan, m.start(), m.end(), "grdp_growth")


# "Tăng trưởng kinh tế năm 2022 dự kiến từ 8% đến 8,5%; tổng giá trị sản xuất đạt 98.000 tỷ đồng, tăng
# 10,4%": the gross output of all the branches (the statistics offices' "tổng giá trị sản xuất", or the
# bare "giá trị sản xuất" beside the product where no catalogue phrase took it) is a measure the
# catalogue does not hold, not the product: the subject of the figures after it, no record, so the
# product's phrase before it ends there. (A branch's own value, "giá trị sản xuất công nghiệp", is the
# catalogue's phrase, taken before; the bare phrase the industry's context reading found inside
# "tổng giá trị sản xuất" gives way to the total.)
_GROSS_OUTPUT_RE = re.compile(r"(?<!\w)(?:tổng\s+)?giá\s+trị\s+sản\s+xuất(?!\w)")


def _gross_output_named(scan: _Scan) -> None:
    """Each gross output of the economy named in a sentence with the product's phrase, an M that is no record."""
    text, taken = scan.low, scan.taken
    for m in _GROSS_OUTPUT_RE.finditer(text):
        start, end = m.span()
        bare = [e for e in scan.mentions if start <= e.start and e.end == end and e.data["needs"] is not None]
        if bare and text.startswith("tổng", start):
            for e in bare:  # "tổng giá trị sản xuất": all the branches', not the industry's bare phrase inside it
                scan.mentions.remove(e)
                scan.events.remove(e)
                if (e.start, e.end) in taken:
                    taken.remove((e.start, e.end))
                if all(o.data["code"] != e.data["code"] for o in scan.mentions):
                    scan.mention_codes.discard(e.data["code"])
        if not overlaps(start, end, taken):
            _add_split_mention(scan, start, end, "grdp_growth")


# "CPI tháng 3 so với tháng trước, trong 11 nhóm hàng có 5 nhóm tăng: giao thông tăng 1,8%; …",
# "CPI tăng chủ yếu do nhóm hàng ăn và dịch vụ ăn uống, tăng 0,6%": a group of goods named after the price index is the subject of the
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


# "tổng chi ngân sách địa phương đạt 12.500 tỷ đồng (cấp tỉnh 5.200 tỷ đồng, cấp huyện 6.100 tỷ đồng,
# cấp xã 1.200 tỷ đồng)", "…, trong đó ngân sách cấp huyện 3.000 tỷ đồng": the budget split by the
# level of government that collects or spends it, like a split by owner: no record, but the subject
# of its figure (so the first level's amount is not read as the total's).
_BUDGET_LEVEL_RE = re.compile(r"(?<!\w)(?:ngân\s+sách\s+)?cấp\s+(?:tỉnh|huyện|xã|thành\s+phố|thành|quận)(?!\w)")


def _budget_levels_named(scan: _Scan) -> None:
    """Each level of government named after a budget phrase in its sentence, an M that is no record."""
    text, taken = scan.low, scan.taken
    for code in ("budget_revenue", "budget_expenditure"):
        starts = [m.end for m in scan.mentions if m.data["code"] == code and not m.data["foreign"]]
        if not starts:
            continue
        for m in _BUDGET_LEVEL_RE.finditer(text, min(starts)):
            if not overlaps(m.start(), m.end(), taken) and not text.endswith(("nhiệm vụ ", "giao "), 0, m.start()):
                _add_split_mention(scan, m.start(), m.end(), code)


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
        if (at == 0 or not text[at - 1].isalnum()) and not overlaps(at, end, taken) and (
                _BY_SOURCE_AFTER_RE.match(text, end) or visitors_of_a_nation(scan.s, text, end)):
            _add_split_mention(scan, at, end, "tourist_arrivals")
        at = text.find("khách", end)
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


# A count that opens a part of the total ("trong đó có 23 vụ …", "gồm …", or after ";" the next part)
# takes its kind up to the part's end, commas and all: the anti-smuggling reports' "23 vụ buôn bán,
# vận chuyển hàng cấm, hàng lậu; 601 vụ gian lận thương mại, gian lận thuế" name one kind per part
# (the goods after the trade verbs, two words for one breach), not the kinds of one total.
_PART_OPENS_BEFORE_RE = re.compile(r"(?:(?<!\w)trong\s+đó(?:\s+có)?|(?<!\w)(?:bao\s+)?gồm(?:\s+có)?|;)\s*$")
_PART_KIND_RUN_RE = re.compile(r"\s+([^\W\d][^;.()\d]{0,80}?)(?=\s*(?:;|\(|\.(?:\s|$)|$|,\s*\d|\s+và\s+\d))")


def _violations_by_type(scan: _Scan) -> None:
    """Each count of cases ("92 vụ") that no catalogue phrase opens, followed by a kind of breach
    ("hàng nhập lậu", "gian lận thương mại"): an M of market violations scoped to that kind."""
    s, text, taken = scan.s, scan.low, scan.taken
    opened = {e.start for e in scan.mentions}
    for ev in [e for e in scan.events if e.kind == "V" and e.data.get("noun") in ("vụ", "vụ việc")]:
        if ev.start in opened:
            continue  # "35 vụ hàng giả", "61 vụ vi phạm về giá": a catalogue phrase's own count
        kind = _VIOLATION_KIND_AFTER_RE.match(text, ev.end)
        if (kind is None or not _VIOLATION_KIND_RE.search(kind.group(1))
                or _KIND_LISTED_ON_RE.match(text, kind.end(1))) and _PART_OPENS_BEFORE_RE.search(
                    text, max(0, ev.start - 16), ev.start):
            kind = _PART_KIND_RUN_RE.match(text, ev.end)  # one part: its kind runs to the part's end
        elif kind is not None and _KIND_LISTED_ON_RE.match(text, kind.end(1)):
            continue  # "gần 6.600 vụ hàng lậu, hàng giả, gian lận thương mại": kinds of one total
        if kind is None or not _VIOLATION_KIND_RE.search(kind.group(1)) or overlaps(ev.end, kind.end(1), taken):
            continue
        label = s[kind.start(1):kind.end(1)]
        mention = Event(ev.start, kind.end(1), "M", {"code": "market_violations", "scope": label, "foreign": False,
                                                     "share_of": False, "label": label, "weak": False, "needs": None,
                                                     "plan": False, "growth": False, "value_first": True})
        scan.events.append(mention)
        scan.mentions.append(mention)
        taken.append((kind.start(1), kind.end(1)))
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
# "đón gần 1,6 triệu lượt khách Trung Quốc, tăng hơn 56,6%", "hơn 377.500 lượt khách Nga", "Thị trường
# khách Nga xếp thứ hai", "khách du lịch châu Á đạt 14,3 triệu người", "Khách Trung Quốc đến Khánh Hòa
# … đạt gần 1,8 triệu lượt": visitors named by their nation or continent, as "khách đến từ Nga" names
# them, a split of the arrivals by market, no record (Conventions). The nation is a proper name, so a
# capital in the sentence as written ("châu" and "khu vực" take one after them); a province of ours
# after "khách" ("lượng khách du lịch Hà Nội") is none of them: only foreign ones are listed.
_NATIONS = (
    r"trung\s+quốc|hàn\s+quốc|nhật\s+bản|nhật|mỹ|hoa\s+kỳ|nga|ấn\s+độ|thái\s+lan|malaysia|singapore|indonesia|"
    r"philippines|campuchia|lào|úc|australia|đức|pháp|anh|canada|kazakhstan|đài\s+loan|hồng\s+kông|hong\s+kong|"
    r"ma\s+cao|châu\s+(?:á|âu|mỹ|úc|phi)|tây\s+âu|bắc\s+mỹ|trung\s+đông|asean|đông\s+nam\s+á|đông\s+bắc\s+á"
)
NATION_RE = re.compile(r"(?<!\w)(?:" + _NATIONS + r")(?!\w)")  # (the gate: a nation named at all)
_NATION_AFTER_RE = re.compile(r"(?:\s+du\s+lịch|\s+quốc\s+tế)?\s+(?:khu\s+vực\s+)?(?:" + _NATIONS + r")(?!\w)")


def visitors_of_a_nation(s: str, low: str, end: int) -> bool:
    """The visitors' word ending at ``end`` is followed by a foreign nation or continent, written as a
    proper name in ``s`` (the sentence as written; ``low`` its fold): _NATION_AFTER_RE."""
    m = _NATION_AFTER_RE.match(low, end)
    if m is None:
        return False
    words = s[end:m.end()].split()
    nation = [w for w in words if w.lower() not in ("du", "lịch", "quốc", "tế", "khu", "vực", "châu")]
    return bool(nation) and nation[0][:1].isupper() and not _place_goes_on(s, m.end())


def _place_goes_on(s: str, at: int) -> bool:
    """A capital word after the nation's name: the name began a place of ours ("khách du lịch Lào Cai",
    "Nga Sơn", "Mỹ Tho"), not a foreign nation."""
    rest = s[at:at + 4]
    return rest[:1].isspace() and rest.lstrip()[:1].isupper()


# "Thị trường khách Nga đứng thứ hai với gần 150.000 lượt khách, tăng 4,5%", "kế tiếp là thị trường Hàn
# Quốc với 60.200 lượt khách", "Mỹ là quốc gia có lượt khách cao thứ hai với hơn 52.000 lượt": the
# clause's subject is one market, named before the visitors' word; the figure is that market's (a
# split, as above), the visitors' word after it only its unit or what the market is ranked by. Only
# within the clause (from the last ',', ';' or ':'): "Nhờ đường bay thẳng từ Hàn Quốc, lượng khách quốc
# tế đạt …" names the total; so does "tổng lượt khách quốc tế" after the markets that made it.
_MARKET_SUBJECT_RE = re.compile(
    r"(?:(?<!\w)(?:thị\s+trường(?:\s+khách)?|khách(?:\s+du\s+lịch)?)\s+(?P<nation>" + _NATIONS + r")(?!\w)"
    r"|^\s*(?P<subject>" + _NATIONS + r")\s+là\s+(?:quốc\s+gia|thị\s+trường|nước)(?!\w))")
_CLAUSE_BREAK_RE = re.compile(r"[,;:]")
# The visitors' word as what the market has: "với (gần) 150.000 lượt khách", "có lượt khách cao thứ hai".
_HAS_BEFORE_RE = re.compile(
    r"(?<!\w)(?:với|có|đạt)(?:\s+(?:gần|hơn|trên|khoảng|xấp\s+xỉ))?(?:\s+[\d.,]+(?:\s+(?:triệu|nghìn|ngàn|vạn))?)?\s*$")


def market_is_the_subject(s: str, low: str, start: int, end: int) -> bool:
    """A visitors' word at ``start``–``end``, what a market has ("với 60.200 lượt khách", _HAS_BEFORE_RE),
    whose clause names one foreign market before it as its subject (_MARKET_SUBJECT_RE, the nation a
    proper name in ``s``); no total ("tổng")."""
    if not _HAS_BEFORE_RE.search(low, max(0, start - 40), start):
        return False
    opened = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(low, 0, start)), default=0)
    if "tổng" in low[opened:end]:
        return False
    m = _MARKET_SUBJECT_RE.search(low, opened, start)
    if m is None:
        return False
    group = "nation" if m.group("nation") is not None else "subject"
    name = s[m.start(group):m.end(group)]
    proper = name.split()[-1] if name.lower().startswith("châu") else name
    return proper[:1].isupper() and not _place_goes_on(s, m.end(group))


# "chấp thuận chủ trương cho 3 dự án trong nước với tổng vốn 1.500 tỷ đồng": the capital of projects counted in the clause, written with 'vốn' alone (or as their
# "tổng mức đầu tư", total investment: "31 dự án trong nước, với tổng mức đầu tư 6.820 tỷ đồng"; "với"
# may be left out: "6 dự án được cấp phép, tổng vốn 800 tỷ đồng"), is the
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
        if not _APPROVED_RE.search(text, clause_start, m.start("cap")) and not capital_of_zoned_projects(text, m.start("cap")):
            # "5 dự án trọng điểm với tổng vốn 12.000 tỷ đồng": projects built, not registered. But the
            # projects of a zone ("trong KCN có 18 dự án với tổng vốn …") are the split of a total the
            # sentence registered: their phrase is kept, to be read as that split (no record).
            continue
        if "điều" in text[clause_start:m.start("cap")] and _ADJUSTED_LAST_RE.search(text, clause_start, m.start("cap")):
            continue
        a, b = m.span("cap")
        if m.group("comma") and any(clause_start <= f.start and f.end <= a and not f.weak for f in found):
            # "Thu hút đầu tư trực tiếp nước ngoài … được 9 dự án, tổng vốn đầu tư …": that subject's
            # capital; not a weak phrase, no subject unless confirmed ("Ban quản lý Khu kinh tế Dung
            # Quất đã cấp phép bốn dự án mới, tổng vốn đầu tư …": a zone's name).
            continue
        if not spans_overlap(a, b, found):
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
            if not spans_overlap(*m.span("cap"), found)]


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
            if not spans_overlap(*m.span("verb"), found)]


def firms_capital_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """Capital phrases the catalogue does not hold, read from new firms counted before them."""
    if not any(f.code == "new_enterprises" for f in found):
        return []
    text = low if low is not None else s.lower()
    return [Mention(m.start("cap"), m.end("cap"), "registered_capital", None) for m in _FIRMS_CAPITAL_RE.finditer(text)
            if not spans_overlap(*m.span("cap"), found)]


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
            if not spans_overlap(*m.span("firms"), found)]


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
            if not spans_overlap(*m.span("cap"), found)]


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
        # growth takes its place, "xếp thứ 2 là tỉnh Bắc Ninh với mức tăng trưởng 7,35%".)
        if m is not None and not any(f.start < m.end(1) and (m.start(1) < f.end or _OWNED_PLACE_GAP_RE.fullmatch(s, f.end, a))
                                     and not (f.weak and f.start == m.start(1) and f.end == m.end(1))
                                     for f in found):
            out.append(Mention(m.start(1), m.end(1), "grdp_growth", name))  # (the place scopes its growth)
    return out
# The first amount after a capital phrase, in its clause ("… tăng thêm trong tháng 8/2022 là 25,98
# triệu USD"): a date on the way has no unit of money.
_AMOUNT_RE = re.compile(r"\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*(usd|đô\s+la|đồng)(?!\w)")
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
    r"(?<!doanh )(?P<verb>thu(?:\s+(?:được|đạt|nộp(?:\s+ngân\s+sách(?:\s+nhà\s+nước)?|\s+nsnn)?))?)"
    r"(?=(?:\s+" + _COLLECTION_PERIOD + r"\s+(?:đạt|được))?\s+(?:được\s+)?(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+)?\d)")
# ("tỉnh đạt doanh thu 2.000 tỷ đồng": "thu" there ends the noun "doanh thu", a trade's takings, no
# collecting verb.)
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


# A province, city or region, then "thu hút (được)" and an amount in dollars, with no subject named
# (nothing after the amount, a bare "vốn đầu tư", or the parts listed before and "thì" the place): a
# place's capital attracted, stated by the verb with an amount in dollars right after it, is the
# foreign direct investment (domestic investment is counted in đồng), as investment departments and
# round-ups write it once the topic is set. The verb alone is the phrase. Not the capital "quy đổi"
# (domestic and foreign converted to dollars), nor aid ("vốn ODA", "vốn viện trợ"), nor capital put
# abroad; nor where a catalogue phrase already holds the verb ("thu hút vốn FDI …"). "(lên) tới" before the
# amount only stresses its size ("tỉnh thu hút được tới 75 triệu USD"): no qualifier of it.
_ATTRACTS_DOLLARS_RE = re.compile(
    r"(?<!\w)(?P<verb>thu\s+hút(?:\s+được)?)"
    r"\s+(?:(?:lên\s+)?tới\s+)?(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+|tổng\s+cộng\s+)?\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+|triệu\s+|tỷ\s+|tỉ\s+)*"
    r"(?:usd|đô\s+la(?:\s+mỹ)?|đôla(?:\s+mỹ)?)(?!\w)"
    r"(?!\s+(?:vốn\s+)?(?:đầu\s+tư\s+)?(?:quy\s+đổi|oda|viện\s+trợ|ra\s+nước\s+ngoài|vay)(?!\w))")


def may_name_attracted_dollars(text: str) -> bool:
    """Whether ``text`` (lower-cased) may give attracted_dollars_mentions one (a paragraph's or a sentence's gate)."""
    return "thu hút" in text and ("usd" in text or "đô" in text)


def attracted_dollars_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The foreign investment a place is said to attract in dollars (_ATTRACTS_DOLLARS_RE), its verb as
    the phrase; ``found``: the sentence's catalogue phrases (one there holding the verb wins)."""
    text = low if low is not None else s.lower()
    out = []
    for m in _ATTRACTS_DOLLARS_RE.finditer(text):
        a, b = m.span("verb")
        if spans_overlap(a, b, found):
            continue
        out.append(Mention(a, b, "fdi_capital", None))
    return out


# "Thu từ Nhà máy xi măng Tân Phú 640 tỷ đồng, bằng 52% dự toán", "thu từ Công ty Thủy điện
# Hòa Bình đạt 1.020 tỷ đồng", "thu từ Tập đoàn Dầu khí …": provinces whose revenue hangs on one big
# taxpayer report its share beside "thu nội địa" as a part of the total, named by the plant or firm
# (a proper name, capitalised) with its amount in đồng right after it: a record of budget revenue scoped
# to that phrase as written (Conventions, parts of a total). Not "doanh thu từ …" (the firm's own
# turnover), nor a kind of firm counted by ownership ("thu từ doanh nghiệp nhà nước", "thu từ khu vực
# công thương nghiệp": no name, a split by owner that is no record).
_TAXPAYER_NAMED_RE = re.compile(
    r"(?<!\w)(?<!doanh\s)thu\s+(?:ngân\s+sách\s+)?từ\s+(?:nhà\s+máy|công\s+ty|tổng\s+công\s+ty|tập\s+đoàn)"
    r"(?=\s+\S)(?P<name>(?:\s+[^\s\d,;:.()]+){1,8}?)"
    r"(?=\s+(?:(?:ước\s+)?(?:đạt|được|là)\s+)?(?:khoảng\s+|hơn\s+|trên\s+|gần\s+|xấp\s+xỉ\s+)?"
    r"\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+|triệu\s+)?(?:tỷ|tỉ)\s+đồng(?!\w))")


# "thu nội địa không kể thu từ Công ty Thủy điện Hòa Bình đạt …": the taxpayer's share left out of (or
# counted in) another figure, whose amount follows; no part of its own.
_TAXPAYER_COUNTED_OUT_BEFORE_RE = re.compile(r"(?<!\w)(?:trừ|không\s+kể|không\s+tính|kể\s+cả|tính\s+cả|gồm\s+cả)\s+$")


def may_name_taxpayer(text: str) -> bool:
    """Whether ``text`` (lower-cased) may give taxpayer_revenue_mentions one (a sentence's gate)."""
    return "thu " in text and " từ " in text and ("nhà máy" in text or "công ty" in text or "tập đoàn" in text)


def taxpayer_revenue_mentions(s: str, low: str | None, found: list[Mention]) -> list[Mention]:
    """The budget revenue collected from one taxpayer named by its proper name (_TAXPAYER_NAMED_RE),
    scoped to its phrase as written; ``found``: the sentence's catalogue phrases (one overlapping wins)."""
    text = low if low is not None else s.lower()
    out = []
    for m in _TAXPAYER_NAMED_RE.finditer(text):
        a, b = m.span()
        name = s[m.start("name"):m.end("name")].split()
        if (not any(word[0].isupper() for word in name) or spans_overlap(a, b, found)
                or _TAXPAYER_COUNTED_OUT_BEFORE_RE.search(text, max(0, a - 12), a)):
            continue  # a proper name only: "thu từ công ty cổ phần" names a kind of firm
        out.append(Mention(a, b, "budget_revenue", " ".join(s[a:b].split())))
    return out
