"""Splits: the phrases that name a part of a total, or no total at all, and the figures of places counted.

A catalogue phrase that hbetl/extract_subjects.py finds names no record when the words around it
make it a part (Conventions): a split by sector, owner, branch, commodity or lender ("dư nợ cho vay
nông nghiệp", "kim ngạch xuất khẩu của khối doanh nghiệp FDI", "NHCSXH tỉnh … có tổng dư nợ"), an
average ("bình quân một doanh nghiệp"), the loans for one purpose or of borrowers counted, the
budget's deficit, shortfall, fines or items, the charter capital of firms other than the new ones,
the firms that have foreign capital (a sector, not FDI), or cases of another domain than market
control. A figure that hbetl/extract_levels.py or hbetl/extract_changes.py finds is no one place's
when places are counted by a bar ("6 tỉnh … đạt từ 10 tỷ USD trở lên": _places_over_threshold,
_listed_places_floor, _places_counted_share); find_events (hbetl/extract_events.py) asks
may_count_places once a sentence. These are small predicates over the text and a position, with
their regexes and word lists; they make no events, so they live apart from the finders that do.
This module imports nothing from the finders at run time (Event, from extract_scan, is named for
annotations only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hbetl.extract_scan import Event


# "vốn đăng ký bình quân một doanh nghiệp", "… bình quân của một doanh nghiệp" (an average per firm);
# the slash may stand right after the word: "vốn điều lệ đăng ký bình quân/1 doanh nghiệp".
AVERAGE_RE = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:bình\s+quân|trung\s+bình)(?:\s*/|\s+(?:của\s+(?=một|mỗi))?(?:một|mỗi|trên|đầu|đạt|là))",
                        re.IGNORECASE)


_AVERAGE_LOWER_RE = re.compile(AVERAGE_RE.pattern)


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


# "12 mặt hàng có kim ngạch xuất khẩu trên 5 tỷ USD", "9 tỉnh có kim ngạch XK từ 2 tỉ USD
# trở lên": items counted by a threshold, not the total. Only when the threshold
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
# ("năm 2022 tỉnh Bắc Ninh xuất khẩu trên 40 tỷ USD") counts nothing, nor does a date's month or
# day ("đến hết tháng 9 tỉnh giải ngân đạt trên 61%", "đến ngày 15 tỉnh …": one province's figure).
_PLACES_OVER_BEFORE_RE = re.compile(
    r"(?:(?:(?<![\d.,])(?<!tháng\s)(?<!ngày\s)\d{1,3}|nhiều|các|một\s+số|những)\s+(?:" + _PLACES_COUNTED + r"|" + _OFFICES_COUNTED + r")|" + _PLACES_COUNTED + r"\s+nào)"
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
# nước 38,5 triệu đồng" (market control, inspections) is the fines paid in, not the budget revenue collected;
# so is what the enforcement body itself is said to pay in, with no verb of enforcement ("lực lượng QLTT
# cả nước thu nộp ngân sách 440 tỷ đồng", "Cục Quản lý thị trường đã thu nộp ngân sách hơn 100 tỷ",
# "Ban Chỉ đạo 389 tỉnh … thu nộp …"): market control and the anti-smuggling board collect no taxes.
_FINES_BEFORE_RE = re.compile(
    r"(?<!\w)(?:vi\s+phạm|xử\s+phạt|xử\s+lý|phạt|truy\s+thu|tịch\s+thu|quản\s+lý\s+thị\s+trường|qltt|389)(?!\w)")


def fines_paid_in(text: str, start: int, lo: int = 0) -> bool:
    """Whether the "thu nộp" at ``start`` of lower-cased ``text`` follows enforcement (_FINES_BEFORE_RE)
    within 120 characters, none before ``lo``."""
    return text.startswith("thu nộp", start) and _FINES_BEFORE_RE.search(text, max(lo, start - 120), start) is not None


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
    if fines_paid_in(text, start):
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
# "…, nâng tổng số DN đang hoạt động lên 2.400 DN, với tổng vốn điều lệ 31.000 tỷ đồng",
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


# Projects counted by where they stand, inside the zones or outside them: "11 dự án
# trong KCN với tổng vốn …", "5 dự án ngoài các CCN, số vốn …", or the zone first
# ("trong KCN 292 dự án với tổng vốn …"). Reports split the FDI (or domestic) capital of a period so,
# after its total or its new and added parts; the zone's share is a split by place of the total, no
# record of its own. The count, the zone and the capital stand in one stretch, no bracket or ';' between
# (a bracket's zone count, "(trong đó 15 dự án trong KCN), với tổng vốn …", leaves the total alone).
_ZONE = (r"(?:trong|ngoài)\s+(?:các\s+)?(?:khu\s+công\s+nghiệp|kcn|khu\s+công\s+nghệ\s+cao|kcnc|khu\s+kinh\s+tế|kkt|"
         r"khu\s+chế\s+xuất|kcx|cụm\s+công\s+nghiệp|ccn)(?!\w)")
_PROJECTS = r"(?<!\w)\d+\s+(?:lượt\s+)?dự\s+án(?!\w)"
_ZONED_PROJECTS_CAPITAL_BEFORE_RE = re.compile(
    r"(?:" + _PROJECTS + r"[^.;:()]{0,50}?(?<!\w)" + _ZONE + r"|(?<!\w)" + _ZONE + r"[^.;:()]{0,30}?" + _PROJECTS + r")"
    r"[^.;:()]{0,70}?(?:(?<!\w)với|,)\s+(?:tổng\s+)?(?:số\s+)?$")
_ZONED_WINDOW = 170


def capital_of_zoned_projects(text: str, start: int) -> bool:
    """The capital phrase at ``start`` is that of projects counted inside or outside the zones, a
    split by place (_ZONED_PROJECTS_CAPITAL_BEFORE_RE)."""
    window = text[max(0, start - _ZONED_WINDOW):start]
    if "dự án" not in window or not ("khu" in window or "kc" in window or "kkt" in window or "ccn" in window):
        return False
    return _ZONED_PROJECTS_CAPITAL_BEFORE_RE.search(window) is not None


# Projects of domestic investors, counted: "40 dự án trong nước", "6 dự án đầu tư trong nước",
# "2 dự án DDI". The total a breakdown in the next sentence splits into domestic and foreign projects'
# capital ("… vốn đăng ký 900 triệu USD. Trong đó, 25 dự án trong nước …"): all the projects' capital
# together, neither FDI nor the domestic registered capital alone (extract._total_of_domestic_and_foreign).
# (Read within one sentence too, it cost held-back records where a labeller kept such a total: left out.)
_DOMESTIC_PROJECTS = r"dự\s+án\s+(?:đầu\s+tư\s+)?(?:trong\s+nước|ddi)(?!\w)"
DOMESTIC_PART_RE = re.compile(
    r"(?<!\w)(?:trong\s+(?:số\s+)?(?:đó|này)|bao\s+gồm|gồm)(?!\w)[^.;]{0,60}?(?<!\w)\d+\s+(?:lượt\s+)?" + _DOMESTIC_PROJECTS)


# "Số lao động của các doanh nghiệp mới là 5.200 người": the phrase
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
# đóng góp của một số ngành") leaves the phrase the total's. So the branches counted or grouped
# ("chỉ số sản xuất công nghiệp 4 ngành trọng điểm 4 tháng …", "… của 4 ngành công nghiệp trọng
# điểm", "… tháng 11 nhóm ngành công nghiệp chế biến tăng 10,6%"), "của" written or not; not a
# count of the branches that rose ("16/24 ngành").
_OF_SOME_BRANCHES_AFTER_RE = re.compile(
    r"(?:(?!(?<!\w)(?:tăng|giảm|đạt|nhờ|do|bởi)(?!\w))[^;:%()\[\]])*?(?<!\w)"
    r"(?:của\s+(?:một\s+số|các|nhiều|những)\s+ngành|(?:của\s+)?(?:(?<![\d/])\d+\s+(?:nhóm\s+)?|nhóm\s+)ngành)(?!\w)")


# "Đối với 4 ngành công nghiệp trọng điểm, chỉ số sản xuất công nghiệp 4 tháng tăng 6,6%", "Riêng
# nhóm ngành chế biến, chế tạo, chỉ số sản xuất …": a lead that names the branches the index after it
# is of, a split by branch (Conventions); not the whole industry ("Đối với ngành công nghiệp, …").
_BRANCH_LEAD_BEFORE_RE = re.compile(
    r"(?<!\w)(?:đối\s+với|riêng)\s+(?:(?:các|một\s+số|\d+|nhóm)\s+)*ngành(?!\w)(?!\s+công\s+nghiệp\s*,)"
    r"[^;:.()%\d]{0,70},\s*$")


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
    """The phrase ending at ``end`` is followed, before any figure, by "của một số/các ngành" or by
    branches counted or grouped ("4 ngành trọng điểm", "nhóm ngành")."""
    k = text.find(" ngành", end, end + 100)
    return k > 0 and bool(_OF_SOME_BRANCHES_AFTER_RE.match(text[:k + 7], end))


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
    if _of_some_branches_after(text, end):  # (it looks for " ngành" first)
        return True
    if window.endswith(", ") and text.find("ngành", max(0, start - 90), start) >= 0 \
            and _BRANCH_LEAD_BEFORE_RE.search(text, max(0, start - 90), start):
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
# 47,7%; …", "Các mặt hàng chủ lực có kim ngạch xuất khẩu tăng so với tháng trước, gồm dệt may …": the goods
# that rose, each then named with its own figure, a split by commodity (Conventions); the change
# opens the list (a colon or "gồm/như" after it) rather than being a total's.
_LISTED_CHANGE_AFTER_RE = re.compile(r"\s+(?:tăng|giảm)(?!\s+trưởng)[^;:%()]{0,50}?(?::|,?\s+(?:bao\s+)?gồm(?!\w)|,?\s+như(?!\w))")


def _threshold_or_listed_change_after(text: str, end: int) -> bool:
    """After a phrase that counted items ("12 mặt hàng đạt kim ngạch …"): a threshold ("trên 5 tỷ
    USD") or a change that opens the list of the items' own figures."""
    return bool(_THRESHOLD_AFTER_RE.match(text, end)) or (
        ("tăng" in text[end:end + 6] or "giảm" in text[end:end + 6]) and bool(_LISTED_CHANGE_AFTER_RE.match(text, end)))


# "khu vực có vốn đầu tư nước ngoài", "doanh nghiệp có vốn FDI": the phrase describes who
# (a sector), and the figure that follows is that sector's exports or output, not capital.
_SECTOR_BEFORE_RE = re.compile(r"(?<!\w)(?:có|sử\s+dụng)\s*$", re.IGNORECASE)


# "thu hút các dự án có vốn đầu tư nước ngoài đạt 120 triệu USD": projects
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


# "140 doanh nghiệp mới thuộc khu vực công nghiệp và xây dựng": the new firms of
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
