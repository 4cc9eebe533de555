"""Period phrases and the year they take from the publication date."""

from datetime import date

import pytest

from hbetl.extract import extract_metrics
from hbetl.periods import PeriodSpec, find_periods, parse_period, period_span, resolve_period

APRIL = date(2023, 4, 12)


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("quý I", "2023-Q1"),
        ("quý I/2022", "2022-Q1"),
        ("quý I-2020", "2020-Q1"),
        ("quý 2/2021", "2021-Q2"),
        ("3 tháng đầu năm", "2023-Q1"),
        ("ba tháng đầu năm", "2023-Q1"),
        ("6 tháng đầu năm 2021", "2021-H1"),
        ("9 tháng năm 2022", "2022-YTD09"),
        ("tháng 3", "2023-M03"),
        ("tháng 8-2021", "2021-M08"),
        ("tháng 5.2015", "2015-M05"),
        ("tháng 3 năm 2019", "2019-M03"),
        ("năm 2022", "2022"),
        ("cả năm", "2023"),
        ("vụ Đông Xuân 2019", "2019"),
        ("tháng Ba", "2023-M03"),
        ("tháng Mười Một năm 2021", "2021-M11"),
        ("tháng Tư/2022", "2022-M04"),
    ],
)
def test_written_periods(written: str, period: str) -> None:
    assert parse_period(written, APRIL) == period


def test_a_month_word_in_lower_case_is_no_month() -> None:
    # "tháng năm 2022" (lower case) leaves the year to its own phrase
    assert [p.spec.kind for p in find_periods("các tháng năm 2022")] == ["Y"]
    assert find_periods("tháng ba qua") == []


def test_a_year_that_is_a_typo_falls_back_to_publication() -> None:
    assert parse_period("9 tháng năm 20214", date(2024, 10, 3)) == "2024-YTD09"


def test_a_later_month_than_publication_is_last_year() -> None:
    assert parse_period("tháng 12", date(2024, 1, 5)) == "2023-M12"
    assert parse_period("quý IV", date(2024, 1, 5)) == "2023-Q4"
    assert parse_period("9 tháng", date(2024, 3, 1)) == "2023-YTD09"


def test_year_just_ended_in_january() -> None:
    assert parse_period("năm qua", date(2024, 1, 9)) == "2023"
    assert parse_period("cả năm", date(2024, 1, 9)) == "2023"
    assert parse_period("năm nay", date(2024, 1, 9)) == "2024"


def test_targets_keep_the_publication_year() -> None:
    assert resolve_period(PeriodSpec("H", 1), APRIL, kind="target") == "2023-H1"


def test_to_date_periods_are_months_for_stocks_and_year_so_far_for_flows() -> None:
    (m,) = find_periods("đến hết tháng 9")
    assert m.spec.to_date and m.spec.kind == "M"
    assert m.spec.as_flow() == PeriodSpec("YTD", 9)
    (d,) = find_periods("đến ngày 30/6/2023")
    assert d.spec.as_flow() == PeriodSpec("H", 1, 2023)


def test_no_year_anywhere_is_none() -> None:
    assert parse_period("quý I", None) is None


def test_dates_and_ranges_of_words_are_not_periods() -> None:
    assert find_periods("Nghị định 15/2023/NĐ-CP, số điện thoại 0218.3852.466") == []


def test_a_period_no_calendar_holds_has_no_span() -> None:
    # "cùng kỳ năm 0000 tăng 9,4%" (a typo) once raised ValueError from date(0, 1, 1) mid-paragraph.
    assert period_span("0000") is None and period_span("9999-Q4") is None
    assert period_span("2024-Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    text = "Ước đến 31/3/2024, dư nợ cho vay đạt 40.200 tỷ đồng, tăng 11% so với cùng kỳ (cùng kỳ năm 0000 tăng 9,4%)."
    assert [m.value for m in extract_metrics(text, date(2024, 5, 3))][:1] == [40200.0]


def test_a_date_in_words_is_no_period_as_the_same_date_in_digits() -> None:
    # "ngày 5 tháng 1 năm 2024" is the day "ngày 5/1/2024": neither its year nor its month (nor "5
    # tháng", five months) is a period of the figures; one after the date is read as ever.
    for text in ("Ngày 5 tháng 1 năm 2024, Sở Công Thương báo cáo", "ngày 30 tháng Tám năm 2024", "mồng 3 tháng 3 âm lịch",
                 "Ngày 5/1/2024, Sở Công Thương báo cáo"):
        assert find_periods(text) == [], text
    (p,) = find_periods("Ngày 5 tháng 10 năm 2024, Cục Thống kê công bố số liệu quý III")
    assert p.spec == PeriodSpec("Q", 3)
    (p,) = find_periods("đến ngày 30 tháng 6 năm 2024")  # a stock's date: its month, as ever
    assert p.spec.kind == "M" and p.spec.to_date
