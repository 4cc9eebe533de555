"""prec7: families an outside measurement found, each pinned by sentences of our own.

B. A year or month inside a comparison is no period of the figure ("cao nhất kể từ năm 2021");
   "nếu tháng 8 … thì tháng 9 …" gives each half its own month.
D. A growth rate after a colon in a list of goals ("Tốc độ tăng trưởng kinh tế (GRDP): trên 10%");
   the GRDP's growth after its level at current and then at constant prices.
F. Parts in brackets: the budget split by level of government (no record), new FDI projects'
   capital in brackets after their count (a part, scope "cấp mới").
G. The share of a sector in the GRDP ("tỷ trọng … trong GRDP 73,7%") is no growth.
H. "(cả nước tăng 1,2%)" is an aside: the province's figures around it stay the province's.
"""

from datetime import date

from hbetl.extract import extract_metrics
from tests.extract_helpers import facts

OCT = date(2024, 10, 4)
DEC = date(2024, 12, 26)


def _scoped(text: str, published: date = OCT) -> set[tuple]:
    return {(r.indicator, r.period, r.value, r.yoy_pct, r.mom_pct, r.scope) for r in extract_metrics(text, published)}


# --- B: the year a superlative runs from, and "nếu … thì …" -------------------------------------------


def test_since_a_year_is_no_period():
    text = "Tháng 9, chỉ số giá tiêu dùng tăng 0,9% so với tháng trước, mức tăng cao nhất kể từ năm 2020."
    assert facts(text, OCT) == {("cpi", "2024-M09", None, None, 0.9, None)}


def test_since_a_year_gives_no_period_of_its_own():
    # A sentence that names no period but the year a superlative runs from: that year is not the
    # figure's (no record of 2020 or 2018; without a period of its own the sentence gives none).
    text = ("Chỉ số giá tiêu dùng tháng này tăng 0,9% so với tháng trước, mức tăng cao nhất kể từ năm 2020. "
            "Số doanh nghiệp thành lập mới đạt 380 doanh nghiệp, nhiều nhất kể từ năm 2018.")
    assert {r.period for r in extract_metrics(text, OCT)} <= {"2024-M09", "2024"}


def test_since_a_year_keeps_the_paragraphs_period():
    text = ("Kinh tế 9 tháng năm 2024 tiếp tục khởi sắc. Kim ngạch xuất khẩu ước đạt 640 triệu USD, "
            "tăng 14% so với cùng kỳ, cao nhất kể từ năm 2019.")
    assert facts(text, OCT) == {("export_turnover", "2024-YTD09", 640.0, 14.0, None, None)}


def test_since_a_month_and_the_highest_from_a_year():
    text = ("Quý III, tỉnh có 380 doanh nghiệp thành lập mới, nhiều nhất từ năm 2018 đến nay. "
            "CPI tháng 9/2024 tăng 3,1% so với cùng kỳ, thấp nhất kể từ tháng 5/2021.")
    assert facts(text, OCT) == {("new_enterprises", "2024-Q3", 380.0, None, None, None),
                                ("cpi", "2024-M09", None, 3.1, None, None)}


def test_a_year_not_after_since_is_still_the_period():
    # (near case: "từ" opening the sentence is no superlative's start)
    text = "Từ đầu năm, kim ngạch xuất khẩu năm 2024 ước đạt 640 triệu USD."
    assert {f[1] for f in facts(text, OCT)} == {"2024"}


def test_if_then_gives_each_month_its_figure():
    text = "Nếu như tháng 7, kim ngạch xuất khẩu đạt 98 triệu USD thì sang tháng 8 đã đạt 112 triệu USD."
    assert facts(text, OCT) == {("export_turnover", "2024-M07", 98.0, None, None, None),
                                ("export_turnover", "2024-M08", 112.0, None, None, None)}


def test_if_then_after_a_base():
    text = "Nếu tháng 7 chỉ số giá tiêu dùng giảm 0,3% so với tháng trước thì tháng 8 tăng 0,4% so với tháng trước."
    assert facts(text, OCT) == {("cpi", "2024-M07", None, None, -0.3, None),
                                ("cpi", "2024-M08", None, None, 0.4, None)}


def test_if_then_with_its_comma_is_read_as_before():
    text = "Nếu năm 2022 tăng trưởng kinh tế đạt 6,3%, thì năm 2023 đạt 7,1%."
    assert facts(text, OCT) == {("grdp_growth", "2022", 6.3, None, None, None),
                                ("grdp_growth", "2023", 7.1, None, None, None)}


def test_then_without_if_is_no_break():
    # (near case: "thì" with no "nếu" before it leaves the sentence as it was)
    text = "Riêng tháng 8 thì kim ngạch xuất khẩu đạt 112 triệu USD, tăng 9% so với cùng kỳ."
    assert facts(text, OCT) == {("export_turnover", "2024-M08", 112.0, 9.0, None, None)}


# --- D: a growth after a colon; growth after levels at two prices ----------------------------------


def test_growth_rate_after_a_colon_in_a_list_of_goals():
    text = ("Các chỉ tiêu chủ yếu năm 2025: Tốc độ tăng trưởng kinh tế (GRDP): Trên 9%; GRDP bình quân "
            "đầu người: 102 triệu đồng; Tổng thu ngân sách nhà nước: 7.400 tỷ đồng.")
    records = extract_metrics(text, DEC)
    assert {(r.indicator, r.period, r.kind, r.value, r.qualifier) for r in records} == {
        ("grdp_growth", "2025", "target", 9.0, "over"), ("budget_revenue", "2025", "target", 7400.0, None)}


def test_growth_rate_after_its_period_and_a_colon():
    assert facts("Tốc độ tăng trưởng kinh tế năm 2024: 7,4%.", DEC) == {("grdp_growth", "2024", 7.4, None, None, None)}


def test_a_share_after_a_colon_is_no_growth():
    # (near case: the colon rule reads a growth heading only)
    assert facts("Cơ cấu kinh tế năm 2024: tỷ trọng công nghiệp trong GRDP: 41%; dịch vụ: 34%.", DEC) == set()


def test_growth_after_levels_at_current_then_constant_prices():
    text = ("Tổng sản phẩm trên địa bàn (GRDP) 9 tháng theo giá hiện hành ước đạt 41.200 tỷ đồng, theo giá "
            "so sánh ước đạt 19.800 tỷ đồng, tăng 7,3% so với cùng kỳ.")
    assert facts(text, OCT) == {("grdp_growth", "2024-YTD09", 7.3, None, None, None)}


def test_change_at_current_prices_is_still_no_growth():
    # (near case: constant prices named before the current ones, the change is the nominal one)
    text = ("GRDP 9 tháng theo giá so sánh ước đạt 19.800 tỷ đồng, theo giá hiện hành ước đạt 41.200 tỷ "
            "đồng, tăng 12,6% so với cùng kỳ.")
    assert facts(text, OCT) == set()


# --- F: parts in brackets -------------------------------------------------------------------------


def test_budget_split_by_level_is_no_record():
    text = ("Năm 2024, tổng chi ngân sách địa phương ước đạt 14.300 tỷ đồng (cấp tỉnh 6.100 tỷ đồng, "
            "cấp huyện 7.000 tỷ đồng, cấp xã 1.200 tỷ đồng).")
    assert facts(text, DEC) == {("budget_expenditure", "2024", 14300.0, None, None, None)}


def test_budget_level_split_leaves_the_total_change():
    text = ("Năm 2024, thu ngân sách nhà nước ước đạt 9.100 tỷ đồng (ngân sách cấp tỉnh 6.000 tỷ đồng, "
            "ngân sách cấp huyện 3.100 tỷ đồng), tăng 11%.")
    assert facts(text, DEC) == {("budget_revenue", "2024", 9100.0, 11.0, None, None)}


def test_budget_of_a_level_named_as_the_subject_stays():
    # (near case: no total before it, the level is the subject's own words)
    assert facts("Năm 2024, thu ngân sách cấp tỉnh ước đạt 6.000 tỷ đồng.", DEC) == {
        ("budget_revenue", "2024", 6000.0, None, None, None)}


def test_new_projects_capital_in_brackets_is_a_part():
    text = ("Năm 2024, vốn đầu tư trực tiếp nước ngoài thu hút được đạt 1.050 triệu USD, gồm 96 dự án mới "
            "(610 triệu USD), 74 lượt dự án điều chỉnh vốn (440 triệu USD).")
    assert _scoped(text, DEC) == {("fdi_capital", "2024", 1050.0, None, None, None),
                                  ("fdi_capital", "2024", 610.0, None, None, "cấp mới"),
                                  ("fdi_capital", "2024", 440.0, None, None, "điều chỉnh vốn")}


def test_new_domestic_projects_in_dong_are_registered_capital():
    # (near case: the new projects' capital in đồng is domestic, no FDI)
    text = "Năm 2024, tỉnh thu hút 31 dự án mới với tổng vốn đăng ký 2.700 tỷ đồng."
    assert facts(text, DEC) == {("registered_capital", "2024", 2700.0, None, None, None)}


# --- G: a share in the GRDP -----------------------------------------------------------------------


def test_share_in_the_grdp_is_no_growth_goal():
    assert facts("Mục tiêu năm 2025: tỷ trọng công nghiệp, xây dựng và dịch vụ trong GRDP 71,5%.", DEC) == set()


def test_growth_goal_before_a_share_stays():
    text = "Mục tiêu năm 2025: tăng trưởng GRDP 8,2%, tỷ trọng công nghiệp, xây dựng và dịch vụ trong GRDP 71,5%."
    assert facts(text, DEC) == {("grdp_growth", "2025", 8.2, None, None, None)}


def test_share_named_in_another_clause_leaves_the_growth():
    # (near case: "trong GRDP" after a clause break is the growth's own)
    text = "Năm 2024, tỷ trọng công nghiệp tăng lên, trong GRDP quý IV tăng 7,4%."
    assert {f[0] for f in facts(text, DEC)} == {"grdp_growth"}


# --- H: the country's figure in brackets, an aside ----------------------------------------------------


def test_national_bracket_before_the_provinces_figure():
    text = "Chỉ số giá tiêu dùng bình quân 9 tháng (cả nước tăng 2,9%) của tỉnh tăng 2,2% so với cùng kỳ."
    assert _scoped(text) == {("cpi", "2024-YTD09", None, 2.9, None, "cả nước"),
                             ("cpi", "2024-YTD09", None, 2.2, None, None)}


def test_national_bracket_between_the_provinces_changes():
    text = "Chỉ số giá tiêu dùng tháng 9 tăng 0,6% so với tháng trước (cả nước tăng 0,3%), tăng 3,4% so với cùng kỳ."
    records = {(r.scope, r.yoy_pct, r.mom_pct) for r in extract_metrics(text, OCT)}
    assert (None, 3.4, 0.6) in records
    assert all(yoy != 3.4 for scope, yoy, _ in records if scope == "cả nước")


def test_national_bracket_after_the_growth_reached():
    text = "Tăng trưởng GRDP 9 tháng của tỉnh (cả nước tăng 5,8%) đạt 6,9%."
    assert _scoped(text) == {("grdp_growth", "2024-YTD09", 5.8, None, None, "cả nước"),
                             ("grdp_growth", "2024-YTD09", 6.9, None, None, None)}


def test_national_bracket_at_the_end_as_before():
    # (near case: nothing after the bracket; the two records as they were read before)
    text = "Kim ngạch xuất khẩu 9 tháng đạt 640 triệu USD, tăng 14% (cả nước tăng 15,4%)."
    assert _scoped(text) == {("export_turnover", "2024-YTD09", 640.0, 14.0, None, None),
                             ("export_turnover", "2024-YTD09", None, 15.4, None, "cả nước")}


# --- B: a span of years set beside the report's period frames its own sentence only ------------------


def test_span_of_years_does_not_take_the_next_sentences_period():
    text = ("Tăng trưởng kinh tế 6 tháng đạt 7,4% (cùng kỳ tăng 6,1%). Giai đoạn 2016-2020, tăng trưởng bình quân "
            "6,6%/năm. Kim ngạch xuất khẩu đạt 930 triệu USD, tăng 11%.")
    assert facts(text, date(2024, 7, 3)) == {("grdp_growth", "2024-H1", 7.4, None, None, None),
                                             ("grdp_growth", "2023-H1", 6.1, None, None, None),
                                             ("export_turnover", "2024-H1", 930.0, 11.0, None, None)}


def test_span_of_years_first_still_frames_what_follows():
    # (near case: a paragraph that opens on the span has no period of its own to give back)
    text = "Giai đoạn 2016-2020, tăng trưởng kinh tế bình quân đạt 6,6%/năm. Kim ngạch xuất khẩu đạt 930 triệu USD."
    assert facts(text, date(2024, 7, 3)) == set()
