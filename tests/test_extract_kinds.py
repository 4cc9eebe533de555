"""Which kind a figure is: a target set or reached, a period barely begun, "ước" that is not an
estimate. One test each, in sentences written for these tests."""

from datetime import date

from hbetl.extract import extract_metrics
from tests.extract_helpers import one


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


def test_estimate_after_cong_nghiep_but_not_a_treaty() -> None:
    one("Quý III, giá trị sản xuất công nghiệp ước đạt 5.400 tỷ đồng.", kind="estimate", value=5400)
    one("Theo hiệp ước thương mại, kim ngạch xuất khẩu quý III đạt 60 triệu USD.", kind="actual", value=60)
