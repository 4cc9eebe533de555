"""Statistics tables pasted as "|"-separated lines: the header names the period and the index
column, the label names the indicator and its unit. In tables written for these tests."""


from hbetl.extract import extract_metrics
from tests.extract_helpers import JAN, facts_with_unit

TABLE = ("Chỉ tiêu chủ yếu | Năm 2024 | So cùng kỳ (%)\n"
         "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ (tỷ đồng) | 18.240,5 | 111,3\n"
         "Sản lượng lương thực (nghìn tấn) | 96,2 | 98,5\n"
         "Số trường học đạt chuẩn (trường) | 310 | 104,0")


def test_table_rows_take_period_from_header_unit_from_label_and_index_as_yoy() -> None:
    facts = {(i, p, round(v, 3), u, round(y, 3), m, pl) for i, p, v, u, y, m, pl in facts_with_unit(TABLE)}
    assert facts == {
        ("retail_sales_services", "2024", 18240.5, "billion_vnd", 11.3, None, None),
        ("food_output", "2024", 96200.0, "tonnes", -1.5, None, None)}


def test_table_row_with_a_unit_foreign_to_its_indicator_gives_no_record() -> None:
    assert facts_with_unit("Chỉ tiêu | Năm 2024\nKim ngạch xuất khẩu (tấn) | 1.200") == set()


def test_pipes_without_a_period_header_are_not_read_as_a_table() -> None:
    assert facts_with_unit("Chỉ tiêu | Giá trị\nKim ngạch xuất khẩu (triệu USD) | 410") == set()


def test_table_record_offsets_point_at_the_row() -> None:
    text = "Bảng số liệu:\n" + TABLE
    rec = next(r for r in extract_metrics(text, JAN) if r.indicator == "food_output")
    assert text[rec.start:rec.end] == "Sản lượng lương thực (nghìn tấn) | 96,2 | 98,5"


def test_table_row_of_a_percent_indicator_is_not_read() -> None:
    # "CPI (%) | 103,5" may be an index or a change; the table does not say which.
    assert facts_with_unit("Chỉ tiêu | Tháng 12/2024\nChỉ số giá tiêu dùng (%) | 103,5") == set()
