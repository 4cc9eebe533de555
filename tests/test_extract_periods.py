"""Which period a figure has: written after it, named by its plan, carried from the sentence
before, a crop year, last year's in brackets, the span of a canonical period. One test each,
in sentences written for these tests."""

from datetime import date

from hbetl.extract import extract_metrics
from hbetl.periods import parse_period
from tests.extract_helpers import OCT, facts, one


def test_period_after_a_level() -> None:
    assert facts("Thu ngân sách trên địa bàn đạt 3.870 tỷ đồng trong quý III, tăng 7,4% so với cùng kỳ.") == {
        ("budget_revenue", "2024-Q3", 3870, 7.4, None, None)}


def test_period_after_a_change_then_the_level() -> None:
    assert facts("Doanh thu du lịch tăng 18,2% trong 9 tháng năm 2024, đạt 2.760 tỷ đồng.") == {
        ("tourism_revenue", "2024-YTD09", 2760, 18.2, None, None)}


def test_period_after_the_figure_overrides_the_paragraph_period() -> None:
    text = ("6 tháng đầu năm, tổng thu ngân sách đạt 2.100 tỷ đồng. "
            "Doanh thu du lịch đạt 940 tỷ đồng trong 5 tháng đầu năm.")
    assert ("tourism_revenue", "2024-YTD05", 940, None, None, None) in facts(text)


def test_plan_year_after_the_figure_is_not_the_period() -> None:
    assert facts("Quý III, thu ngân sách đạt 3.870 tỷ đồng, bằng 62% kế hoạch năm 2024.") == {
        ("budget_revenue", "2024-Q3", 3870, None, None, 62)}


def test_period_in_a_later_clause_does_not_move_the_figure() -> None:
    text = ("Quý III, du lịch phát triển tốt. Doanh thu du lịch đạt 1.120 tỷ đồng, tăng 9% so với cùng kỳ, "
            "trong năm 2024 ngành phấn đấu thu hút thêm khách quốc tế.")
    assert ("tourism_revenue", "2024-Q3", 1120, 9, None, None) in facts(text)


def test_same_period_with_written_year_keeps_the_months() -> None:
    recs = extract_metrics("Tính chung 9 tháng, chỉ số sản xuất công nghiệp tăng 4,1% so với cùng kỳ "
                           "(cùng kỳ năm 2022 tăng 7,3%).", OCT)
    assert {(r.period, r.yoy_pct) for r in recs} == {("2023-YTD09", 4.1), ("2022-YTD09", 7.3)}


def test_crop_year_is_its_later_year() -> None:
    assert parse_period("vụ Đông Xuân 2023-2024") == "2024"
    assert parse_period("vụ Mùa 2023") == "2023"


def test_sentence_without_figure_still_sets_the_period() -> None:
    one("Quý II vừa qua, hoạt động thương mại khởi sắc. Kim ngạch xuất khẩu đạt 75 triệu USD.",
         period="2023-Q2", value=75)


def test_period_span():
    from hbetl.periods import period_span

    assert period_span("2023-Q2") == (date(2023, 4, 1), date(2023, 6, 30))
    assert period_span("2023-H2") == (date(2023, 7, 1), date(2023, 12, 31))
    assert period_span("2023-YTD09") == (date(2023, 1, 1), date(2023, 9, 30))
    assert period_span("2023-M02") == (date(2023, 2, 1), date(2023, 2, 28))
    assert period_span("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert period_span("2023-M13") is None and period_span("Q1") is None


def test_months_of_this_year() -> None:
    assert facts("Tính chung 8 tháng năm nay, doanh thu du lịch đạt 1.240 tỷ đồng, tăng 9% so với cùng kỳ.") == {
        ("tourism_revenue", "2024-YTD08", 1240, 9, None, None)}


def test_to_the_end_of_a_quarter_is_the_year_so_far() -> None:
    assert parse_period("đến hết quý III năm 2020") == "2020-M09"  # a stock's month …
    assert facts("Đến hết quý III, kim ngạch xuất khẩu đạt 410 triệu USD, tăng 6% so với cùng kỳ.") == {
        ("export_turnover", "2024-YTD09", 410, 6, None, None)}  # … a flow's first nine months


def test_running_total_to_a_january_date_is_january() -> None:
    assert facts("Tính đến ngày 22/1, thu ngân sách trên địa bàn đạt 280 tỷ đồng.", date(2025, 2, 4)) == {
        ("budget_revenue", "2025-M01", 280, None, None, None)}


def test_plan_with_no_period_after_a_running_total_is_the_years() -> None:
    recs = extract_metrics("Hết quý III, tốc độ tăng trưởng kinh tế đạt 6,1%, chưa đạt kế hoạch đề ra là 7%.", OCT)
    assert {(r.period, r.kind, r.value) for r in recs} == {("2023-YTD09", "actual", 6.1), ("2023", "target", 7)}


def test_figure_beside_its_bracketed_running_total_is_the_month() -> None:
    text = ("Chỉ số sản xuất công nghiệp tăng 4,2% so với cùng kỳ; kim ngạch xuất khẩu tăng 9% so với cùng kỳ "
            "(lũy kế 4 tháng tăng 6%).")
    assert facts(text, date(2024, 5, 3)) == {
        ("iip", "2024-M04", None, 4.2, None, None), ("export_turnover", "2024-M04", None, 9, None, None),
        ("export_turnover", "2024-YTD04", None, 6, None, None)}


def test_years_listed_after_a_span_of_months_are_that_span() -> None:
    from hbetl.periods import find_periods

    text = "Tăng trưởng tín dụng 6 tháng đầu năm: năm 2022 (+7,5%); năm 2023 (+4,1%)."
    assert [(m.spec.kind, m.spec.n, m.spec.year) for m in find_periods(text)] == [
        ("H", 1, None), ("H", 1, 2022), ("H", 1, 2023)]
    assert parse_period("bằng 50% kế hoạch năm 2024") == "2024"


def test_same_period_of_a_named_year_names_no_span() -> None:
    text = ("Toàn tỉnh có 95 doanh nghiệp thành lập mới, tăng 10% về số doanh nghiệp so với cùng kỳ năm 2023. "
            "Tổng số doanh nghiệp giải thể trong 4 tháng là 20.")
    assert facts(text, date(2024, 5, 6)) == {("new_enterprises", "2024-YTD04", 95, 10, None, None)}


def test_period_joined_by_and_opens_the_next_figure() -> None:
    assert facts("Chỉ số sản xuất công nghiệp quý III tăng 5,2% và 9 tháng tăng 4,4% so với cùng kỳ.", OCT) == {
        ("iip", "2023-Q3", None, 5.2, None, None), ("iip", "2023-YTD09", None, 4.4, None, None)}


def test_to_the_start_of_a_month_is_the_months_before_it() -> None:
    assert parse_period("tính đến đầu tháng 6", date(2024, 6, 12)) == "2024-M05"  # a stock's May
    assert facts("Tính đến đầu tháng 6, thu ngân sách trên địa bàn đạt 2.870 tỷ đồng.", date(2024, 6, 12)) == {
        ("budget_revenue", "2024-YTD05", 2870, None, None, None)}  # a flow's first five months


def test_quarters_and_halves_counted_in_words() -> None:
    assert parse_period("ba quý đầu năm 2024") == "2024-YTD09"  # not "quý đầu năm", the first quarter
    assert parse_period("2 quý đầu năm 2024") == "2024-H1"
    assert parse_period("nửa đầu năm 2023") == "2023-H1" and parse_period("nửa cuối năm 2023") == "2023-H2"
    assert parse_period("trong nửa đầu 2024") == "2024-H1"


def test_years_listed_after_the_same_period_of_another() -> None:
    text = "Doanh thu du lịch quý I tăng 12% (cùng kỳ năm 2022 tăng 30%; năm 2023 tăng 18%)."
    assert facts(text, date(2024, 4, 5)) == {
        ("tourism_revenue", "2024-Q1", None, 12, None, None), ("tourism_revenue", "2022-Q1", None, 30, None, None),
        ("tourism_revenue", "2023-Q1", None, 18, None, None)}


def test_this_years_months_and_a_total_to_mid_month() -> None:
    assert parse_period("9 tháng của năm nay", date(2020, 6, 20)) == "2020-YTD09"  # "năm nay": this year
    assert facts("Tính đến giữa tháng 6, thu ngân sách đạt 2.100 tỷ đồng.", date(2024, 6, 18)) == {
        ("budget_revenue", "2024-H1", 2100, None, None, None)}


def test_a_year_right_after_a_level_is_that_levels() -> None:
    text = "Doanh thu du lịch tăng từ 620 tỷ đồng năm 2020 lên 1.380 tỷ đồng vào năm 2023."
    assert facts(text, date(2024, 2, 1)) == {
        ("tourism_revenue", "2020", 620, None, None, None), ("tourism_revenue", "2023", 1380, None, None, None)}


def test_a_failed_trigger_hit_does_not_hide_the_period_after_it() -> None:
    assert parse_period("Hết quý đầu năm 2024") == "2024-Q1"  # "hết" before "quý" is looked ahead at
    assert parse_period("cuối quý II/2024") == "2024-M06"


def test_a_resolutions_whole_year_is_the_plans_period() -> None:
    # "bằng 52% Nghị quyết HĐND tỉnh giao cả năm": the year of the plan the share is of (the
    # resolution's), not the figure's; with no other period written, no record takes it.
    assert facts("Thu ngân sách ước đạt 3.480 tỷ đồng, bằng 52% Nghị quyết HĐND tỉnh giao cả năm, tăng 7,3% so với cùng kỳ.") == set()
    assert facts("Quý III, thu ngân sách đạt 1.120 tỷ đồng, bằng 24% so với nghị quyết cả năm.") == {
        ("budget_revenue", "2024-Q3", 1120, None, None, 24)}
