"""Another country's economy: its figures are no records of ours.

Vietnamese papers, the provinces' own among them, report other economies in the words they use
for Vietnam's: "GDP quý III của nước này tăng trưởng 4,9% so với một năm trước đó" (China, after
its statistics office is named), "năm 2021, GDP của TQ tăng trưởng 8,1% so với năm 2020", "Về Mỹ,
…, GDP của Mỹ tăng 5,5%", "tổng sản phẩm quốc nội (GDP) của Trung Quốc trong quý 2 tăng 5,2%",
"ADB giữ nguyên dự báo tăng trưởng kinh tế năm 2023 của khu vực đang phát triển tại châu Á ở mức
4,8%". The contract's records are Vietnam's and its provinces' (a national figure is scoped "cả
nước", a province's by its name); a figure whose measure belongs to a foreign country or region is
none of them, however its indicator reads.

The language marks the owner in four ways, each read here:

- the measure's own complement: a measure ("GDP", "kinh tế", "tăng trưởng", "lạm phát", "xuất
  khẩu", "sản xuất công nghiệp", "doanh số bán lẻ", …), at most a period after it, then the country
  ("kinh tế Mỹ", "GDP nước này", "GDP quý III của nước này", "tăng trưởng ở Trung Quốc", "… của khu
  vực đang phát triển tại châu Á");
- visitors to the country: its arrivals, not ours ("hơn 1.635.000 khách du lịch quốc tế đã tới Hàn
  Quốc", "lượng khách quốc tế tới thăm Hàn Quốc"; the figure may come first);
- a sentence opened by the country as its topic or as the one reporting ("Về Mỹ, …", "Tại Nhật
  Bản, …", "Trung Quốc cũng công bố báo cáo dữ liệu hàng tháng.");
- and after either, the sentences that name no owner of their own: they go on about the same
  country ("… GDP của TQ tăng trưởng 8,1% so với năm 2020. GDP trong quý I-2022 tăng 4,8% …",
  "Cụ thể trong tháng 9, sản xuất công nghiệp tăng trưởng 4,5% …"), until one names Vietnam, the
  nation ("cả nước", "trong nước"), a province or a place of ours.

A market or a partner is not an owner and is left alone: "xuất khẩu sang Mỹ", "nhập khẩu từ Trung
Quốc" (splits, refused elsewhere), "vốn FDI của nhà đầu tư Hàn Quốc", "cao nhất khu vực Đông Nam Á"
after Vietnam's growth, "sau Campuchia (6,9%)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hbetl.models import Metric

_CAPITALS = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
# Other countries and regions, as the press names them ("TQ" for China; "nước này" only once a
# foreign one is named in the text, as "nền kinh tế này"). "Anh", "Nga", "Nhật" alone are also
# people's names: only the owner's and topic's positions below read them.
_ABROAD = (
    r"(?:Trung\s+Quốc|TQ|Mỹ|Hoa\s+Kỳ|Nhật\s+Bản|Hàn\s+Quốc|Ấn\s+Độ|Thái\s+Lan|Indonesia|Malaysia|"
    r"Philippines|Singapore|Xin-ga-po|Campuchia|Lào|Nga|Đức|Pháp|Anh|Australia|Úc|Canada|Brazil|"
    r"Đài\s+Loan|Hồng\s+Kông|EU|Liên\s+minh\s+châu\s+Âu|Eurozone|khu\s+vực\s+đồng\s+euro|châu\s+Âu|"
    r"châu\s+Á(?:\s*[-–]?\s*Thái\s+Bình\s+Dương)?|Đông\s+Á|Đông\s+Nam\s+Á|ASEAN|thế\s+giới|toàn\s+cầu)(?!\w)"
    # Not the first word of a place of ours: "Lào Cai", "Nga Sơn", "Mỹ Tho", "Anh Sơn", "Đức Phổ".
    r"(?!\s+(?-i:[" + _CAPITALS + r"]))"
)
_THIS_ONE = r"(?:nước|quốc\s+gia|nền\s+kinh\s+tế)\s+này(?!\w)"

# The measures another economy is reported by (the words of our catalogue's growth, prices, trade
# and production, as the wires write them).
_MEASURE = (
    r"(?:GDP|tổng\s+sản\s+phẩm\s+(?:quốc\s+nội|trong\s+nước)|(?:nền\s+)?kinh\s+tế|"
    r"tăng\s+trưởng(?:\s+kinh\s+tế|\s+GDP)?|lạm\s+phát|(?:chỉ\s+số\s+)?giá\s+tiêu\s+dùng|CPI|"
    r"(?:kim\s+ngạch\s+)?(?:xuất|nhập)\s+khẩu|sản\s+(?:xuất|lượng)\s+công\s+nghiệp|doanh\s+số\s+bán\s+lẻ)"
)
# At most a period, a bracketed abbreviation and a few words of the region between the measure and
# its owner: "GDP quý III của nước này", "tổng sản phẩm quốc nội (GDP) của Trung Quốc",
# "tăng trưởng kinh tế năm 2023 của khu vực đang phát triển tại châu Á".
_PERIOD_GAP = (
    r"(?:\s*\([^()\d]{1,12}\))?"
    r"(?:\s+(?:trong\s+)?(?:quý\s+(?:IV|I{1,3}|\d)(?:\s*[-/.]\s*\d{4})?|năm\s+\d{4}|tháng\s+\d{1,2}(?:\s*[-/.]\s*\d{4})?)){0,2}"
)
_OWNER_WORDS = r"(?:\s+(?:khu\s+vực|các|nền\s+kinh\s+tế|nước|đang\s+phát\s+triển|mới\s+nổi|tại|ở)){0,5}"
_OWNED_RE = re.compile(
    r"(?<!\w)" + _MEASURE + _PERIOD_GAP + r"(?:\s+(?:của|ở|tại))?" + _OWNER_WORDS + r"\s+(?:" + _ABROAD + "|" + _THIS_ONE + ")",
    re.IGNORECASE)
# Visitors to another country are its arrivals: "hơn 1.635.000 khách du lịch quốc tế đã tới Hàn Quốc",
# "lượng khách quốc tế tới thăm Hàn Quốc", "lượng khách du lịch tới Hàn Quốc" (not "khách đến từ Hàn
# Quốc", visitors of ours by their market, nor "khách Hàn Quốc tới Việt Nam").
_VISITS_ABROAD_RE = re.compile(
    r"(?<!\w)(?:(?:tổng\s+)?(?:số\s+)?(?:lượng|lượt|số)\s+)?(?:du\s+)?khách(?:\s+du\s+lịch)?(?:\s+(?:quốc\s+tế|nước\s+ngoài))?\s+(?:đã\s+)?(?:đến|tới)(?:\s+thăm)?\s+"
    + _ABROAD, re.IGNORECASE)
_COUNT_BEFORE_RE = re.compile(r"(?:(?:hơn|gần|khoảng|trên)\s+)?\d[\d.,]*(?:\s+(?:triệu|nghìn|ngàn|vạn))?\s+(?:lượt\s+)?$")
# A circumstance, not the subject: "nhờ (sự phục hồi của) kinh tế thế giới", "do lạm phát của Mỹ giảm",
# "Trong bối cảnh kinh tế thế giới còn nhiều khó khăn, kim ngạch xuất khẩu … vẫn đạt …".
_CAUSE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:nhờ|do|bởi|vì|trước|bối\s+cảnh|khi|dù|tuy|ảnh\s+hưởng|tác\s+động)(?:\s+[^\s\d,;.]+){0,4}\s*$",
    re.IGNORECASE)
_FIGURE_RE = re.compile(r"\d(?:[\d.,]*\d)?\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn|đồng|USD|lượt|tấn)", re.IGNORECASE)
_CLAUSE_END_RE = re.compile(r"[,;]")
_REPORTED_RE = re.compile(r"\d|không\s+thay\s+đổi|đi\s+ngang", re.IGNORECASE)
# The country as the sentence's topic or as the one reporting, at the sentence's start.
_TOPIC_RE = re.compile(
    r"\s*(?:(?:Về|Tại|Ở)\s+" + _ABROAD + r"\s*,|" + _ABROAD + r"\s+(?:cũng\s+)?(?P<reports>công\s+bố|ghi\s+nhận|báo\s+cáo)(?!\w))")
# Ours: Vietnam, the nation, a province or a place (the text's provinces come from find_places).
_OURS_RE = re.compile(
    r"(?<!\w)(?:Việt\s+Nam|cả\s+nước|trong\s+nước|toàn\s+quốc|tỉnh|thành\s+phố|huyện|địa\s+phương|địa\s+bàn)(?!\w)",
    re.IGNORECASE)
_MEASURE_RE = re.compile(r"(?<!\w)" + _MEASURE, re.IGNORECASE)
_ANY_ABROAD_RE = re.compile(r"(?<!\w)" + _ABROAD + "|" + _THIS_ONE)


def may_name_abroad(norm: str) -> bool:
    """The text names another country or region at all (the gate: most provincial texts do not)."""
    return _ANY_ABROAD_RE.search(norm) is not None


def abroad_spans(norm: str, sentences: Sequence[tuple[int, int]],
                 places: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The parts of ``norm`` about another country's economy: from an owned measure or a foreign
    topic to the end of its sentence, each cut where ours is named; carried into the next sentences
    that name no owner of ours only from a sentence that reports the other economy's figures first
    (_reports_abroad) or opens with the country."""
    spans: list[tuple[int, int]] = []
    abroad = False
    for a, b in sentences:
        ours = [m.start() for m in _OURS_RE.finditer(norm, a, b)] + [p for p, _, _ in places if a <= p < b]
        owned = _OWNED_RE.search(norm, a, b) or _VISITS_ABROAD_RE.search(norm, a, b)
        if owned is not None and (_this_one_unnamed(norm, owned, a)
                                  or _CAUSE_BEFORE_RE.search(norm, max(a, owned.start() - 40), owned.start())):
            owned = None  # "nhờ kinh tế thế giới phục hồi", "Trong bối cảnh kinh tế thế giới …": a circumstance
        carries = True
        if owned is not None:
            start = owned.start()
            count = _COUNT_BEFORE_RE.search(norm, max(a, start - 40), start)
            if count is not None:
                start = count.start()  # "hơn 1.635.000 khách du lịch quốc tế đã tới Hàn Quốc": the figure first
            carries = _reports_abroad(norm, a, b, start, owned.end(), count is not None)
        elif (topic := _TOPIC_RE.match(norm, a, b)) is not None or (abroad and not ours):
            start = a  # the country opens the sentence, or the sentence goes on about it
            if topic is not None and topic.group("reports") is None:
                # "Tại Nhật Bản, lạm phát tháng 5 tăng 2,5%." carries on; "Tại Nhật Bản, đoàn công tác đã
                # ký kết biên bản hợp tác." reports nothing of Japan's economy, and does not.
                carries = _reports_abroad(norm, a, b, topic.end(), topic.end(), False)
        else:
            abroad = False
            continue
        cut = min((p for p in ours if p > start), default=b)
        if cut < b:
            # The measure ours is named after is ours: "(báo cáo triển vọng) kinh tế toàn cầu …, Ngân hàng
            # Thế giới dự báo tăng trưởng kinh tế Việt Nam đạt 6,8%" is cut before "tăng trưởng".
            after = owned.end() if owned is not None else start
            measures = [m.start() for m in _MEASURE_RE.finditer(norm, after, cut)]
            if measures:
                cut = measures[-1]
        spans.append((start, cut))
        abroad = cut == b and carries
    return spans


def _reports_abroad(norm: str, a: int, b: int, start: int, owned_end: int, counted: bool) -> bool:
    """The sentence ``a``–``b`` is about the other economy from its start: no figure of its own
    before ``start`` ("Kim ngạch xuất khẩu tăng 10%, … trong khi xuất khẩu của Trung Quốc giảm")
    and a figure or a change in the owned measure's clause ("GDP của TQ tăng trưởng 8,1%", "Giá
    tiêu dùng của Trung Quốc không thay đổi"), not a comment ("Kinh tế thế giới còn nhiều khó khăn")."""
    if _FIGURE_RE.search(norm, a, start):
        return False
    if counted:
        return True  # the figure written before the visitors it counts
    brk = _CLAUSE_END_RE.search(norm, owned_end, b)
    return _REPORTED_RE.search(norm, owned_end, brk.start() if brk else b) is not None


def _this_one_unnamed(norm: str, owned: re.Match[str], a: int) -> bool:
    """"nước này" with no foreign country named before it in the text: not read as abroad."""
    tail = owned.group(0).lower()
    if not tail.endswith("này"):
        return False
    return re.search(r"(?<!\w)" + _ABROAD, norm[:owned.start()]) is None


def drop_abroad(out: list[Metric], norm: str, offsets: Sequence[int], sentences: Sequence[tuple[int, int]],
                places: Sequence[tuple[int, int, str]]) -> list[Metric]:
    """``out`` without the records whose statement starts inside a part about another economy."""
    spans = [(offsets[a], offsets[b]) for a, b in abroad_spans(norm, sentences, places)]
    if not spans:
        return out
    return [m for m in out if not any(a <= m.start < b for a, b in spans)]
