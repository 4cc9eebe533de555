"""Which field a change fills: two bases in a sentence, two plan shares, a change since the
year began, a rate compared with, ratios written as multiples, last year's rate or plan share
in brackets. One test each, in sentences written for these tests."""

from datetime import date

from hbetl.extract import extract_metrics
from tests.extract_helpers import NOV, OCT, facts, facts_with_unit


def test_cpi_month_with_two_bases_and_an_average() -> None:
    assert facts("CPI tháng 10 tăng 0,21% so với tháng trước, tăng 2,7% so với cùng kỳ; "
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


def test_rate_compared_with_is_not_this_periods_change_but_its_own_periods() -> None:
    # The rate compared with is last year's figure, a record of its own as "(cùng kỳ năm 2023
    # tăng 6,1%)" would be; not this period's change.
    assert facts("Tốc độ tăng trưởng GRDP 9 tháng ước đạt 6,9%, cao hơn mức tăng 6,1% của cùng kỳ năm 2023.") == {
        ("grdp_growth", "2024-YTD09", 6.9, None, None, None), ("grdp_growth", "2023-YTD09", 6.1, None, None, None)}


def test_rate_compared_with_and_no_period_after_it_is_no_record() -> None:
    assert facts("Tốc độ tăng trưởng GRDP 9 tháng ước đạt 6,9%, cao hơn mức tăng 6,1% của cả nước.") == {
        ("grdp_growth", "2024-YTD09", 6.9, None, None, None)}


def test_ratio_written_as_a_multiple_of_last_year_is_a_yoy_change() -> None:
    assert facts_with_unit("Năm 2024, có 95 doanh nghiệp thành lập mới, bằng 1,5 lần cùng kỳ.") == {
        ("new_enterprises", "2024", 95, "count", 50.0, None, None)}


def test_ratio_written_as_a_multiple_of_the_plan_is_a_plan_share() -> None:
    facts = facts_with_unit("Năm 2024, thu ngân sách nhà nước đạt 4.300 tỷ đồng, bằng 1,1 lần dự toán.")
    assert facts == {("budget_revenue", "2024", 4300, "billion_vnd", None, None, 110.0)}


def test_bracketed_rate_after_same_period_is_last_years() -> None:
    recs = extract_metrics("Tốc độ tăng trưởng kinh tế 6 tháng ước đạt 5,9%, thấp hơn cùng kỳ năm 2022 (7,2%).",
                           date(2023, 7, 3))
    assert {(r.period, r.value) for r in recs} == {("2023-H1", 5.9), ("2022-H1", 7.2)}


def test_bracketed_plan_share_after_same_period_is_last_years() -> None:
    recs = extract_metrics("Giải ngân vốn đầu tư công 9 tháng đạt 2.100 tỷ đồng, bằng 61% kế hoạch, "
                           "cao hơn cùng kỳ năm 2022 (đạt 55,4%).", OCT)
    assert {(r.period, r.value, r.plan_pct) for r in recs} == {("2023-YTD09", 2100, 61), ("2022-YTD09", None, 55.4)}
