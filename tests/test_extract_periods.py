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
