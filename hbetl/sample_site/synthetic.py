"""A synthetic archive of N articles dated over 2023, generated on request from the id.

Nothing is stored per article: article ``i`` (1..N) is published at
``2023-01-01 00:00 + (i-1) * year / N`` (so ids are in publication order and a day's
articles are a range of ids), belongs to category ``CYCLE[i % 6]`` (so a category's
k-th newest article is arithmetic too), and its text comes from ``random.Random(f"{seed}:{i}")``.
Memory is bounded by a small LRU cache, whatever N is.

About 1 in 10 articles is an economic report (60 % of the Kinh tế category) whose figures
:func:`expected_metrics` returns in the metric-record form, so benchmarks can score the
extractor on a large archive.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from hbetl.sample_site.content import CATEGORIES, SiteArticle

YEAR_START = datetime(2023, 1, 1)
YEAR_SECONDS = 365 * 86_400
CYCLE: tuple[int, ...] = tuple(sorted(CATEGORIES))  # (11, ..., 16)
ECONOMY = 11
REPORT_SHARE_OF_ECONOMY = 0.6  # 1/6 of articles are Kinh tế; 0.6 of those -> 1 in 10 overall
MAX_ARTICLES = 1_000_000

PLACES = ("Đà Bắc", "Mai Châu", "Tân Lạc", "Lạc Sơn", "Yên Thủy", "Lạc Thủy", "Kim Bôi",
          "Cao Phong", "Lương Sơn", "TP Hòa Bình")
ROMAN = ("I", "II", "III", "IV")
AUTHORS = ("Bùi Minh", "Thu Trang", "Đinh Thắng", "Hải Yến", "Lê Chung", "Phương Linh",
           "Mai Hoa", "Trần Hùng", "Bích Ngọc", "Đức Toàn")


def vn_number(value: float, decimals: int = 0) -> str:
    """1824 -> '1.824', 8315.7 -> '8.315,7', 27.838 -> '27,838' (the paper's notation)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


# ---------------------------------------------------------------- periods

def _previous_month(when: datetime) -> tuple[int, int]:
    return (when.month - 1, when.year) if when.month > 1 else (12, when.year - 1)


def _last_quarter(when: datetime) -> tuple[int, int]:
    q = (when.month - 1) // 3
    return (q, when.year) if q else (4, when.year - 1)


def _months_text_and_period(when: datetime) -> tuple[str, str]:
    """The months of the year so far, as written and as a canonical period."""
    months = when.month - 1
    if months == 0:
        return f"năm {when.year - 1}", str(when.year - 1)
    text = f"{months} tháng đầu năm {when.year}"
    period = {3: "Q1", 6: "H1"}.get(months, f"YTD{months:02d}")
    return text, f"{when.year}-{period}"


def _record(indicator: str, period: str, value: float | None, unit: str | None, *, kind: str = "actual",
            qualifier: str | None = None, yoy: float | None = None, mom: float | None = None,
            plan: float | None = None, scope: str | None = None) -> dict:
    return {"indicator": indicator, "period": period, "kind": kind, "value": value, "unit": unit,
            "qualifier": qualifier, "yoy_pct": yoy, "mom_pct": mom, "plan_pct": plan, "scope": scope}


# ---------------------------------------------------------------- economic report templates

@dataclass(frozen=True, slots=True)
class Report:
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    metrics: tuple[dict, ...]


def _pct(rng: random.Random, lo: float, hi: float) -> float:
    return round(rng.uniform(lo, hi), 2)


def _industry_quarter(rng: random.Random, when: datetime) -> Report:
    q, y = _last_quarter(when)
    period = f"{y}-Q{q}"
    out = round(rng.uniform(1650, 2150))
    out_all = round(out * rng.uniform(2.0, 2.3))
    g, g_all, plan = _pct(rng, 5, 20), _pct(rng, 4, 18), _pct(rng, 21, 27)
    retail = round(rng.uniform(2500, 3000))
    g_retail = _pct(rng, 8, 22)
    exp, imp = round(rng.uniform(25, 45), 3), round(rng.uniform(10, 22), 3)
    g_exp, g_imp = _pct(rng, 5, 40), _pct(rng, 1, 15)
    p = f"quý {ROMAN[q - 1]}/{y}"
    return Report(
        title=f"Ngành Công Thương đánh giá kết quả thực hiện nhiệm vụ {p}",
        lead=f"(HBĐT) - Sở Công Thương vừa tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ {p}, "
             "triển khai nhiệm vụ trọng tâm thời gian tới.",
        paragraphs=(
            f"Theo báo cáo, {p}, giá trị sản xuất công nghiệp đạt {vn_number(out)} tỷ đồng, tăng "
            f"{vn_number(g, 2)}% so với cùng kỳ, thực hiện {vn_number(plan, 2)}% kế hoạch năm. Tính cả "
            f"Công ty Thủy điện Hòa Bình, giá trị sản xuất công nghiệp đạt {vn_number(out_all)} tỷ đồng, "
            f"tăng {vn_number(g_all, 2)}% so với cùng kỳ.",
            f"Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ đạt {vn_number(retail)} tỷ đồng, tăng "
            f"{vn_number(g_retail, 2)}% so với cùng kỳ. Kim ngạch xuất khẩu đạt {vn_number(exp, 3)} triệu USD, "
            f"tăng {vn_number(g_exp, 2)}% so với cùng kỳ; kim ngạch nhập khẩu đạt {vn_number(imp, 3)} triệu "
            f"USD, giảm {vn_number(g_imp, 2)}% so với cùng kỳ.",
            "Ngành tiếp tục bám sát diễn biến thị trường, tháo gỡ khó khăn cho doanh nghiệp, đẩy mạnh cải "
            "cách thủ tục hành chính và tăng cường xúc tiến đầu tư vào các khu, cụm công nghiệp.",
        ),
        metrics=(
            _record("industrial_output_value", period, float(out), "billion_vnd", yoy=g, plan=plan),
            _record("industrial_output_value", period, float(out_all), "billion_vnd", yoy=g_all,
                    scope="tính cả Công ty Thủy điện Hòa Bình"),
            _record("retail_sales_services", period, float(retail), "billion_vnd", yoy=g_retail),
            _record("export_turnover", period, exp, "million_usd", yoy=g_exp),
            _record("import_turnover", period, imp, "million_usd", yoy=-g_imp),
        ),
    )


def _statistics_month(rng: random.Random, when: datetime) -> Report:
    m, y = _previous_month(when)
    period = f"{y}-M{m:02d}"
    cpi_mom, cpi_yoy = _pct(rng, -0.5, 0.8), _pct(rng, 1.5, 4.5)
    retail = round(rng.uniform(850, 1000), 1)
    g_mom = _pct(rng, 0.5, 3.5)
    mom_word = "tăng" if cpi_mom >= 0 else "giảm"
    return Report(
        title=f"Chỉ số giá tiêu dùng tháng {m}/{y} {mom_word} {vn_number(abs(cpi_mom), 2)}%",
        lead=f"(HBĐT) - Theo Cục Thống kê tỉnh, giá một số mặt hàng thiết yếu trong tháng {m}/{y} "
             "biến động nhẹ, thị trường hàng hóa ổn định.",
        paragraphs=(
            f"Chỉ số giá tiêu dùng tháng {m}/{y} {mom_word} {vn_number(abs(cpi_mom), 2)}% so với tháng trước "
            f"và tăng {vn_number(cpi_yoy, 2)}% so với cùng kỳ năm trước.",
            f"Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tháng {m}/{y} ước đạt {vn_number(retail, 1)} "
            f"tỷ đồng, tăng {vn_number(g_mom, 2)}% so với tháng trước.",
            "Nhóm hàng ăn uống và dịch vụ ăn uống, nhóm giáo dục có mức tăng cao nhất; nhóm bưu chính, "
            "viễn thông giảm nhẹ do các doanh nghiệp đẩy mạnh khuyến mại.",
        ),
        metrics=(
            _record("cpi", period, None, None, yoy=cpi_yoy, mom=cpi_mom),
            _record("retail_sales_services", period, retail, "billion_vnd", kind="estimate", mom=g_mom),
        ),
    )


def _budget(rng: random.Random, when: datetime) -> Report:
    text, period = _months_text_and_period(when)
    months = max(when.month - 1, 12 if when.month == 1 else 1)
    revenue = round(rng.uniform(0.85, 1.05) * months * 520)
    # Share of the year's budget estimate: about months/12, over 100 % for a whole year.
    plan = _pct(rng, 25, 60) if when.month > 1 else _pct(rng, 100, 115)
    g = _pct(rng, 3, 25)
    return Report(
        title=f"Kết quả thu ngân sách {text}",
        lead=f"(HBĐT) - Theo Sở Tài chính, {text}, công tác thu ngân sách trên địa bàn tỉnh "
             "đạt kết quả tích cực.",
        paragraphs=(
            f"{text[0].upper()}{text[1:]}, tổng thu ngân sách nhà nước trên địa bàn đạt {vn_number(revenue)} "
            f"tỷ đồng, bằng {vn_number(plan, 2)}% dự toán, tăng {vn_number(g, 2)}% so với cùng kỳ.",
            "Ngành Tài chính tiếp tục rà soát các nguồn thu, đôn đốc thu hồi nợ đọng thuế, kiểm soát "
            "chặt chẽ chi ngân sách theo dự toán được giao.",
        ),
        metrics=(_record("budget_revenue", period, float(revenue), "billion_vnd", plan=plan, yoy=g),),
    )


def _tourism(rng: random.Random, when: datetime) -> Report:
    text, period = _months_text_and_period(when)
    months = max(when.month - 1, 12 if when.month == 1 else 1)
    visits = round(rng.uniform(0.8, 1.2) * months * 250) * 1000
    foreign = round(visits * rng.uniform(0.06, 0.12), -3)
    revenue = round(visits * rng.uniform(0.0007, 0.0011))
    g = _pct(rng, 5, 30)
    return Report(
        title=f"Du lịch {text} khởi sắc",
        lead=f"(HBĐT) - Theo Sở Du lịch, {text}, hoạt động du lịch trên địa bàn tỉnh tiếp tục phục hồi.",
        paragraphs=(
            f"{text[0].upper()}{text[1:]}, toàn tỉnh đón {vn_number(visits)} lượt khách du lịch, tăng "
            f"{vn_number(g, 2)}% so với cùng kỳ, trong đó khách quốc tế khoảng {vn_number(foreign)} lượt. "
            f"Tổng doanh thu du lịch đạt {vn_number(revenue)} tỷ đồng.",
            "Các khu du lịch hồ Hòa Bình, Mai Châu, Kim Bôi thu hút đông khách; nhiều cơ sở lưu trú "
            "nâng cấp dịch vụ, chú trọng các sản phẩm du lịch cộng đồng.",
        ),
        metrics=(
            _record("tourist_arrivals", period, float(visits), "visits", yoy=g),
            _record("tourist_arrivals", period, float(foreign), "visits", qualifier="about",
                    scope="khách quốc tế"),
            _record("tourism_revenue", period, float(revenue), "billion_vnd"),
        ),
    )


def _bank(rng: random.Random, when: datetime) -> Report:
    m, y = _previous_month(when)
    period = f"{y}-M{m:02d}"
    credit = round(rng.uniform(38_000, 46_000), 1)
    deposits = round(credit * rng.uniform(0.7, 0.85), 1)
    g = _pct(rng, 6, 14)
    return Report(
        title=f"Dư nợ tín dụng trên địa bàn tỉnh đến cuối tháng {m}/{y}",
        lead="(HBĐT) - Ngân hàng Nhà nước chi nhánh tỉnh cho biết, hoạt động ngân hàng trên địa bàn "
             "tiếp tục ổn định, đáp ứng nhu cầu vốn cho sản xuất, kinh doanh.",
        paragraphs=(
            f"Đến cuối tháng {m}/{y}, tổng dư nợ tín dụng trên địa bàn đạt {vn_number(credit, 1)} tỷ đồng, "
            f"tăng {vn_number(g, 2)}% so với cùng kỳ; tổng nguồn vốn huy động đạt {vn_number(deposits, 1)} tỷ đồng.",
            "Các tổ chức tín dụng tập trung vốn cho nông nghiệp, nông thôn, doanh nghiệp nhỏ và vừa, "
            "thực hiện các chương trình tín dụng ưu đãi theo chỉ đạo của Chính phủ.",
        ),
        metrics=(
            _record("credit_outstanding", period, credit, "billion_vnd", yoy=g),
            _record("deposits_mobilized", period, deposits, "billion_vnd"),
        ),
    )


REPORT_TEMPLATES: tuple[Callable[[random.Random, datetime], Report], ...] = (
    _industry_quarter, _statistics_month, _budget, _tourism, _bank,
)


# ---------------------------------------------------------------- ordinary news

NEWS_TOPICS: dict[int, tuple[tuple[str, str], ...]] = {
    11: (("Doanh nghiệp {place} mở rộng sản xuất", "nhà xưởng mới rộng {n} ha, tạo việc làm cho {m} lao động"),
         ("Chợ phiên {place} nhộn nhịp ngày cuối tuần", "hơn {m} gian hàng nông sản được bày bán"),),
    12: (("{place}: Tặng quà cụ bà {age} tuổi", "cụ bà {age} tuổi được tặng quà và giấy chúc thọ"),
         ("Trường học ở {place} chuẩn bị năm học mới", "{m} học sinh được nhận sách giáo khoa và đồ dùng học tập"),
         ("Thời tiết {place} nắng nóng", "nhiệt độ cao nhất có nơi trên {t} độ C"),),
    13: (("HĐND huyện {place} tổ chức kỳ họp chuyên đề", "các đại biểu thảo luận {n} tờ trình"),
         ("{place}: Tiếp xúc cử tri trước kỳ họp", "{m} cử tri tham dự, nêu nhiều kiến nghị"),),
    14: (("Lễ hội truyền thống ở {place}", "đội bóng xã nhà thắng {s1} - {s2} trong trận chung kết"),
         ("Sản phẩm OCOP của {place} được công nhận", "{n} sản phẩm đạt hạng 3 sao, 1 sản phẩm đạt 4 sao"),),
    15: (("Nông dân {place} trồng mới {n} ha cây ăn quả", "diện tích cam, bưởi mở rộng thêm {n} ha"),
         ("{place} làm mới {n} km đường giao thông nông thôn", "các hộ dân hiến đất, góp ngày công"),),
    16: (("Công an {place} triệt phá đường dây đánh bạc", "thu giữ {m} triệu đồng tiền mặt"),
         ("Tuyên truyền Nghị định số {d}/2023/NĐ-CP tại {place}", "người dân phản ánh qua đường dây nóng 0218.3852.{phone}"),),
}

FILLER = (
    "Thời gian qua, cấp ủy, chính quyền địa phương đã quan tâm chỉ đạo, huy động sự vào cuộc của cả hệ thống chính trị.",
    "Nhiều hộ dân tích cực tham gia, góp phần thay đổi diện mạo thôn, xóm.",
    "Địa phương tiếp tục tuyên truyền, vận động nhân dân thực hiện tốt các chủ trương, chính sách của Đảng, pháp luật của Nhà nước.",
    "Các ngành chức năng thường xuyên kiểm tra, hướng dẫn, kịp thời tháo gỡ khó khăn, vướng mắc phát sinh.",
    "Theo lãnh đạo xã, kết quả trên là tiền đề để địa phương hoàn thành các mục tiêu đề ra trong năm.",
    "Trong thời gian tới, huyện sẽ nhân rộng các mô hình hiệu quả, hỗ trợ người dân tiếp cận nguồn vốn ưu đãi.",
    "Người dân phấn khởi, tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền các cấp.",
    "Đoàn công tác đã đi kiểm tra thực tế tại một số thôn, xóm và ghi nhận ý kiến của bà con.",
)


def _news(rng: random.Random, category: int, when: datetime) -> tuple[str, str, tuple[str, ...]]:
    title_t, detail_t = rng.choice(NEWS_TOPICS[category])
    values = {"place": rng.choice(PLACES), "n": rng.randint(2, 40), "m": rng.randint(30, 900),
              "age": rng.randint(90, 104), "t": rng.randint(35, 39), "s1": rng.randint(1, 4),
              "s2": rng.randint(0, 1), "d": rng.randint(10, 99), "phone": f"{rng.randint(0, 999):03d}"}
    title = title_t.format(**values)
    detail = detail_t.format(**values)
    event = when - timedelta(days=rng.randint(0, 2))
    lead = f"(HBĐT) - Ngày {event.day}/{event.month}, tại {values['place']}, {detail}."
    paragraphs = tuple(rng.sample(FILLER, 4)) + (f"Dịp này, {detail}.",)
    return title, lead, paragraphs


# ---------------------------------------------------------------- the archive

class SyntheticArchive:
    """N articles over 2023, each computed from its id. Same interface as BundledArchive."""

    def __init__(self, n: int, seed: int = 0) -> None:
        if not 1 <= n <= MAX_ARTICLES:
            raise ValueError(f"synthetic archive: {n} articles is outside 1..{MAX_ARTICLES}")
        self.n = n
        self.seed = seed
        self.get = lru_cache(maxsize=4096)(self._generate)  # bounded: memory does not grow with N

    # -- arithmetic over ids
    def published(self, i: int) -> datetime:
        seconds = (i - 1) * YEAR_SECONDS // self.n
        return (YEAR_START + timedelta(seconds=seconds)).replace(second=0)

    def category(self, i: int) -> int:
        return CYCLE[i % len(CYCLE)]

    def _newest_id(self, category: int | None) -> int:
        if category is None:
            return self.n
        rest = CYCLE.index(category)
        return self.n - ((self.n - rest) % len(CYCLE))  # largest id <= n in that category

    def _ids_from(self, top: int, step: int, offset: int, limit: int) -> list[int]:
        first = top - offset * step
        return [i for i in range(first, max(first - limit * step, 0), -step) if i >= 1]

    def _rng(self, i: int) -> random.Random:
        return random.Random(f"{self.seed}:{i}")

    def is_report(self, i: int) -> bool:
        return self.category(i) == ECONOMY and self._rng(i).random() < REPORT_SHARE_OF_ECONOMY

    # -- the archive interface
    def _generate(self, i: int) -> SiteArticle | None:
        if not 1 <= i <= self.n:
            return None
        rng = self._rng(i)
        category = self.category(i)
        when = self.published(i)
        report = category == ECONOMY and rng.random() < REPORT_SHARE_OF_ECONOMY
        if report:
            r = rng.choice(REPORT_TEMPLATES)(rng, when)
            title, lead, paragraphs = r.title, r.lead, r.paragraphs
        else:
            title, lead, paragraphs = _news(rng, category, when)
        return SiteArticle(id=i, category=category, published=when, title=title,
                           author=rng.choice(AUTHORS), lead=lead, paragraphs=paragraphs,
                           source=f"synthetic:{i}")

    def count(self, category: int | None = None) -> int:
        if category is None:
            return self.n
        top = self._newest_id(category)
        return 0 if top < 1 else (top - 1) // len(CYCLE) + 1

    def newest(self, category: int | None, offset: int, limit: int) -> list[SiteArticle]:
        step = 1 if category is None else len(CYCLE)
        return [self.get(i) for i in self._ids_from(self._newest_id(category), step, offset, limit)]

    def _first_id_at(self, moment: datetime) -> int:
        """The smallest id published at or after ``moment``."""
        seconds = int((moment - YEAR_START).total_seconds())
        return max(1, -(-seconds * self.n // YEAR_SECONDS) + 1)

    def on_day(self, day: date, category: int | None = None) -> list[SiteArticle]:
        start = datetime(day.year, day.month, day.day)
        lo = self._first_id_at(start)
        hi = min(self._first_id_at(start + timedelta(days=1)) - 1, self.n)
        ids = [i for i in range(lo, hi + 1) if category is None or self.category(i) == category]
        return [a for a in map(self.get, ids) if a is not None and a.published.date() == day]

    def older_in_category(self, article: SiteArticle, limit: int = 5) -> list[SiteArticle]:
        older = [article.id - len(CYCLE) * k for k in range(1, limit + 1)]
        ids = [i for i in older if i >= 1]
        ids += [article.id + len(CYCLE) * k for k in range(1, limit - len(ids) + 1)]  # the box is never short
        return [self.get(i) for i in ids if i <= self.n]

    @property
    def last_day(self) -> date:
        return self.published(self.n).date()

    def expected_metrics(self, i: int) -> list[dict]:
        return expected_metrics(i, self.n, self.seed)


def expected_metrics(article_id: int, n: int, seed: int = 0) -> list[dict]:
    """The metric records the synthetic article ``article_id`` states ([] for ordinary news)."""
    archive = SyntheticArchive(n, seed)
    if not 1 <= article_id <= n or archive.category(article_id) != ECONOMY:
        return []
    rng = archive._rng(article_id)
    if not rng.random() < REPORT_SHARE_OF_ECONOMY:
        return []
    report = rng.choice(REPORT_TEMPLATES)(rng, archive.published(article_id))
    return [dict(m) for m in report.metrics]
