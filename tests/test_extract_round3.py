"""Phenomena from the third round of blind newspaper fixtures (blind_newspapers_3/4.jsonl),
one test each, in sentences written for these tests."""

from datetime import date

import pytest

from hbetl.extract import extract_metrics

NOV = date(2024, 11, 6)


def _facts(text: str, published: date = NOV) -> set[tuple]:
    return {(r.indicator, r.period, r.value, r.yoy_pct, r.mom_pct, r.plan_pct)
            for r in extract_metrics(text, published)}


# --- a bare trade verb ("xuất khẩu", "nhập khẩu") without "kim ngạch" ----------------------


def test_bare_trade_verbs_with_dollar_levels_are_the_trade_flows() -> None:
    assert _facts("10 tháng, xuất khẩu đạt 340,2 tỷ USD, tăng 14,9% so với cùng kỳ; "
                  "nhập khẩu ước đạt 318,6 tỷ USD, tăng 16,8%.") == {
        ("export_turnover", "2024-YTD10", 340_200, 14.9, None, None),
        ("import_turnover", "2024-YTD10", 318_600, 16.8, None, None)}


def test_bare_trade_verb_with_a_change_only() -> None:
    assert _facts("Trong tháng 10, xuất khẩu của cả nước giảm 1,9% so với tháng trước.") == {
        ("export_turnover", "2024-M10", None, None, -1.9, None)}


def test_bare_trade_verb_after_a_breakdown_of_the_total() -> None:
    assert _facts("Quý III, tổng kim ngạch xuất nhập khẩu ước đạt 960 triệu USD, trong đó xuất khẩu "
                  "640 triệu USD, nhập khẩu 320 triệu USD.") == {
        ("trade_turnover", "2024-Q3", 960, None, None, None),
        ("export_turnover", "2024-Q3", 640, None, None, None),
        ("import_turnover", "2024-Q3", 320, None, None, None)}


@pytest.mark.parametrize("text", [
    "10 tháng, xuất khẩu cà phê đạt 4,6 tỷ USD, tăng 36% so với cùng kỳ.",
    "Xuất khẩu sang Trung Quốc 10 tháng đạt 49 tỷ USD.",
    "Xuất khẩu rau quả, thủy sản 10 tháng tăng 20%.",
    "Nhập khẩu than đá đạt 52 triệu tấn, tăng 12%.",
    "Các doanh nghiệp xuất khẩu đạt doanh thu 120 tỷ đồng.",
    "Thuế nhập khẩu tăng 5% so với năm trước.",
    "Xuất khẩu lao động 10 tháng đạt 120.000 người.",
])
def test_bare_trade_verb_naming_a_product_market_or_other_noun_gives_nothing(text: str) -> None:
    assert [r for r in extract_metrics(text, NOV) if r.indicator in
            ("export_turnover", "import_turnover", "trade_turnover")] == []


def test_bare_trade_verb_with_an_absolute_dollar_increase_gives_nothing() -> None:
    assert _facts("Trong đó, xuất khẩu tăng 2,1 tỷ USD so với quý trước.") == set()


# --- a period written after its figure ---------------------------------------------------


def test_period_after_a_level() -> None:
    assert _facts("Thu ngân sách trên địa bàn đạt 3.870 tỷ đồng trong quý III, tăng 7,4% so với cùng kỳ.") == {
        ("budget_revenue", "2024-Q3", 3870, 7.4, None, None)}


def test_period_after_a_change_then_the_level() -> None:
    assert _facts("Doanh thu du lịch tăng 18,2% trong 9 tháng năm 2024, đạt 2.760 tỷ đồng.") == {
        ("tourism_revenue", "2024-YTD09", 2760, 18.2, None, None)}


def test_period_after_the_figure_overrides_the_paragraph_period() -> None:
    text = ("6 tháng đầu năm, tổng thu ngân sách đạt 2.100 tỷ đồng. "
            "Doanh thu du lịch đạt 940 tỷ đồng trong 5 tháng đầu năm.")
    assert ("tourism_revenue", "2024-YTD05", 940, None, None, None) in _facts(text)


def test_plan_year_after_the_figure_is_not_the_period() -> None:
    assert _facts("Quý III, thu ngân sách đạt 3.870 tỷ đồng, bằng 62% kế hoạch năm 2024.") == {
        ("budget_revenue", "2024-Q3", 3870, None, None, 62)}


# --- registered capital in dollars ----------------------------------------------------------


def test_registered_capital_in_dollars_is_foreign_investment() -> None:
    assert _facts("9 tháng, tỉnh thu hút 12 dự án FDI với tổng vốn đăng ký 415 triệu USD.") == {
        ("fdi_capital", "2024-YTD09", 415, None, None, None)}


def test_registered_capital_in_dong_stays_registered_capital() -> None:
    assert _facts("9 tháng, có 310 doanh nghiệp thành lập mới, tổng vốn đăng ký 2.150 tỷ đồng.") == {
        ("new_enterprises", "2024-YTD09", 310, None, None, None),
        ("registered_capital", "2024-YTD09", 2150, None, None, None)}


# --- shapes the brief asked to check (already handled; kept as regressions) ------------------


def test_cpi_month_with_two_bases_and_an_average() -> None:
    assert _facts("CPI tháng 10 tăng 0,21% so với tháng trước, tăng 2,7% so với cùng kỳ; "
                  "bình quân 10 tháng tăng 3,1%.") == {
        ("cpi", "2024-M10", None, 2.7, 0.21, None), ("cpi", "2024-YTD10", None, 3.1, None, None)}


def test_two_plan_shares_keep_one() -> None:
    recs = extract_metrics("Tổng thu NSNN trên địa bàn 10 tháng ước đạt 1.980 tỷ đồng, bằng 81% dự toán "
                           "Trung ương giao, 70% dự toán HĐND tỉnh giao.", NOV)
    assert len(recs) == 1 and recs[0].plan_pct in (81, 70) and recs[0].kind == "estimate"


def test_credit_against_year_end_is_no_yoy() -> None:
    recs = extract_metrics("Đến cuối tháng 10, dư nợ tín dụng đạt 41.200 tỷ đồng, tăng 6,9% so với cuối năm 2023.",
                           NOV)
    assert len(recs) == 1 and recs[0].value == 41_200 and recs[0].yoy_pct is None
    assert recs[0].period == "2024-M10"


def test_electricity_in_billion_kwh() -> None:
    assert _facts("Năm 2023, sản lượng điện sản xuất đạt 9,1 tỷ kWh.") == {
        ("electricity_output", "2023", 9100, None, None, None)}


def test_rate_compared_with_is_not_this_periods_change() -> None:
    assert _facts("Tốc độ tăng trưởng GRDP 9 tháng ước đạt 6,9%, cao hơn mức tăng 6,1% của cùng kỳ năm 2023.") == {
        ("grdp_growth", "2024-YTD09", 6.9, None, None, None)}


def test_traffic_violations_are_not_market_violations() -> None:
    assert _facts("Tháng 10, lực lượng cảnh sát giao thông đã lập biên bản 380 trường hợp vi phạm, "
                  "chủ yếu vi phạm nồng độ cồn.") == set()


def test_market_control_violations_still_count() -> None:
    assert _facts("Tháng 10, lực lượng quản lý thị trường đã xử lý 64 vụ vi phạm, phạt tiền 410 triệu đồng.") == {
        ("market_violations", "2024-M10", 64, None, None, None)}


def test_foreign_invested_sector_is_not_fdi_capital() -> None:
    assert _facts("Xuất khẩu của khu vực có vốn đầu tư nước ngoài 10 tháng đạt 190 tỷ USD, tăng 12%.") == set()


def test_period_in_a_later_clause_does_not_move_the_figure() -> None:
    text = ("Quý III, du lịch phát triển tốt. Doanh thu du lịch đạt 1.120 tỷ đồng, tăng 9% so với cùng kỳ, "
            "trong năm 2024 ngành phấn đấu thu hút thêm khách quốc tế.")
    assert ("tourism_revenue", "2024-Q3", 1120, 9, None, None) in _facts(text)


def test_setting_a_target_with_chi_tieu_is_a_target():
    text = "Năm 2024, tỉnh giao chỉ tiêu thu ngân sách nhà nước trên địa bàn đạt 6.200 tỷ đồng."
    [m] = extract_metrics(text, date(2024, 2, 1))
    assert (m.indicator, m.period, m.kind, m.value) == ("budget_revenue", "2024", "target", 6200)


def test_reaching_a_target_is_not_setting_one():
    text = "Năm 2023, thu ngân sách nhà nước đạt 5.900 tỷ đồng, vượt chỉ tiêu đề ra."
    [m] = extract_metrics(text, date(2024, 1, 10))
    assert m.kind == "actual"


def test_a_figure_for_a_period_that_has_barely_begun_is_a_plan():
    text = "Năm 2025, tốc độ tăng trưởng kinh tế của tỉnh đạt 9%."
    [m] = extract_metrics(text, date(2025, 1, 8))
    assert (m.period, m.kind, m.value) == ("2025", "target", 9)
    [m] = extract_metrics(text, date(2025, 12, 20))  # the year is nearly over: measured
    assert m.kind == "actual"
    [m] = extract_metrics("Sản lượng lương thực vụ đông xuân năm 2025 đạt 152,3 nghìn tấn.", date(2025, 6, 20))
    assert m.kind == "actual"  # the season is over even though its year is not


def test_period_span():
    from hbetl.periods import period_span

    assert period_span("2023-Q2") == (date(2023, 4, 1), date(2023, 6, 30))
    assert period_span("2023-H2") == (date(2023, 7, 1), date(2023, 12, 31))
    assert period_span("2023-YTD09") == (date(2023, 1, 1), date(2023, 9, 30))
    assert period_span("2023-M02") == (date(2023, 2, 1), date(2023, 2, 28))
    assert period_span("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert period_span("2023-M13") is None and period_span("Q1") is None
