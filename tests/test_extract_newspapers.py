"""Phenomena found by blind-labelling newspaper paragraphs (fixtures/labelled/blind_*.jsonl),
one test each, in sentences written for these tests."""

from datetime import date

from hbetl.extract import extract_metrics
from hbetl.periods import parse_period

OCT = date(2023, 10, 8)


def _one(text: str, published: date = OCT, **expected: object) -> None:
    records = extract_metrics(text, published)
    assert len(records) == 1, records
    for name, value in expected.items():
        assert getattr(records[0], name) == value, (name, records[0])


def test_same_period_with_written_year_keeps_the_months() -> None:
    recs = extract_metrics("Tính chung 9 tháng, chỉ số sản xuất công nghiệp tăng 4,1% so với cùng kỳ "
                           "(cùng kỳ năm 2022 tăng 7,3%).", OCT)
    assert {(r.period, r.yoy_pct) for r in recs} == {("2023-YTD09", 4.1), ("2022-YTD09", 7.3)}


def test_crop_year_is_its_later_year() -> None:
    assert parse_period("vụ Đông Xuân 2023-2024") == "2024"
    assert parse_period("vụ Mùa 2023") == "2023"


def test_subject_without_figure_runs_on_across_a_comma() -> None:
    _one("Quý III, tổng lượt khách tham quan, nghỉ dưỡng tại các khu du lịch ước đạt 310 nghìn lượt.",
         indicator="tourist_arrivals", period="2023-Q3", value=310_000, kind="estimate")


def test_next_sentence_without_subject_continues_the_last_one() -> None:
    recs = extract_metrics("Tháng 9, kim ngạch nhập khẩu đạt 41 triệu USD, tăng 3% so với tháng trước. "
                           "Tính chung 9 tháng ước đạt 352 triệu USD, tăng 6,5% so với cùng kỳ.", OCT)
    assert [(r.indicator, r.period, r.value, r.kind) for r in recs] == [
        ("import_turnover", "2023-M09", 41, "actual"), ("import_turnover", "2023-YTD09", 352, "estimate")]


def test_next_sentence_with_a_subject_of_its_own_is_not_continued() -> None:
    recs = extract_metrics("Kim ngạch nhập khẩu 9 tháng đạt 352 triệu USD. "
                           "Giá vé tàu hỏa dịp lễ tăng 12%.", OCT)
    assert [r.value for r in recs] == [352]


def test_bracketed_rate_after_same_period_is_last_years() -> None:
    recs = extract_metrics("Tốc độ tăng trưởng kinh tế 6 tháng ước đạt 5,9%, thấp hơn cùng kỳ năm 2022 (7,2%).",
                           date(2023, 7, 3))
    assert {(r.period, r.value) for r in recs} == {("2023-H1", 5.9), ("2022-H1", 7.2)}


def test_bracketed_plan_share_after_same_period_is_last_years() -> None:
    recs = extract_metrics("Giải ngân vốn đầu tư công 9 tháng đạt 2.100 tỷ đồng, bằng 61% kế hoạch, "
                           "cao hơn cùng kỳ năm 2022 (đạt 55,4%).", OCT)
    assert {(r.period, r.value, r.plan_pct) for r in recs} == {("2023-YTD09", 2100, 61), ("2022-YTD09", None, 55.4)}


def test_estimate_after_cong_nghiep_but_not_a_treaty() -> None:
    _one("Quý III, giá trị sản xuất công nghiệp ước đạt 5.400 tỷ đồng.", kind="estimate", value=5400)
    _one("Theo hiệp ước thương mại, kim ngạch xuất khẩu quý III đạt 60 triệu USD.", kind="actual", value=60)


def test_sentence_without_figure_still_sets_the_period() -> None:
    _one("Quý II vừa qua, hoạt động thương mại khởi sắc. Kim ngạch xuất khẩu đạt 75 triệu USD.",
         period="2023-Q2", value=75)


def test_topic_sentence_without_figure_gives_the_next_its_subject() -> None:
    _one("Doanh thu du lịch tiếp tục khởi sắc. Quý III đạt 640 tỷ đồng, tăng 9% so với cùng kỳ.",
         indicator="tourism_revenue", period="2023-Q3", value=640, yoy_pct=9)


def test_sentence_without_catalogue_phrase_gives_nothing() -> None:
    assert extract_metrics("Ngày 5/10, 1.200 vận động viên tham gia giải chạy 21 km quanh hồ.", OCT) == []


def test_phrase_as_the_object_of_a_purpose_clause_is_no_subject() -> None:
    assert extract_metrics("Nhằm tăng thu ngân sách, năm nay huyện bỏ ra 45 tỷ đồng làm đường.", OCT) == []
