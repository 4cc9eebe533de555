"""The head-word reader (hbetl/extract_head_words.py): its table, what it reads and what it leaves."""

from __future__ import annotations

import pytest

from hbetl.extract_head_words import head_word_mentions, head_word_rows, with_head_word_mentions
from hbetl.indicators import find_mentions, load_catalogue
from hbetl.textscan import fold


def test_one_row_per_catalogue_indicator() -> None:
    codes = [row.code for row in head_word_rows()]
    assert len(codes) == len(set(codes))
    assert set(codes) <= set(load_catalogue())
    assert all(row.heads and row.modifiers for row in head_word_rows())


@pytest.mark.parametrize(("phrase", "code"), [
    ("giá trị sản xuất (theo giá so sánh) ngành công nghiệp", "industrial_output_value"),
    ("giá trị ngành công nghiệp", "industrial_output_value"),
    ("tổng giá trị hàng hóa xuất nhập khẩu", "trade_turnover"),
    ("kim ngạch hàng nhập khẩu", "import_turnover"),
    ("doanh thu về du lịch", "tourism_revenue"),
])
def test_reads_head_and_modifier_as_a_weak_subject(phrase: str, code: str) -> None:
    text = f"Quý I, {phrase} ước đạt 120 tỷ đồng."
    read = head_word_mentions(text, fold(text), [])
    assert [(text[m.start:m.end], m.code, m.weak) for m in read] == [(phrase, code, True)]


@pytest.mark.parametrize("phrase", [
    "giá trị tăng thêm ngành công nghiệp",  # the value added: no word of the row between
    "kim ngạch thủy sản xuất khẩu",  # a product between head and modifier
    "giá trị sản xuất tăng 5% ngành công nghiệp",  # a verb and a figure end the phrase
    "doanh thu, du lịch",  # a clause break
])
def test_leaves_what_is_no_noun_phrase_of_a_row(phrase: str) -> None:
    assert head_word_mentions(phrase, fold(phrase), []) == []


def test_a_catalogue_phrase_stands_and_a_weak_one_yields() -> None:
    covered = "kim ngạch xuất khẩu đạt 50 triệu USD"
    assert head_word_mentions(covered, fold(covered), find_mentions(covered)) == []
    longer = "giá trị hàng hóa xuất khẩu đạt 50 triệu USD"  # the bare "xuất khẩu" inside is weak
    merged = with_head_word_mentions(longer, fold(longer), find_mentions(longer))
    assert [(longer[m.start:m.end], m.code) for m in merged] == [("giá trị hàng hóa xuất khẩu", "export_turnover")]
