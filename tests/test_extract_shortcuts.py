"""Extraction's shortcut for text that names no indicator: it must change no output."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hbetl.extract as extract_module
from hbetl.indicators import find_mentions, may_mention

_WORDS = ["kim ngạch", "xuất khẩu", "hàng hóa", "hàng hoá", "HÀNG HOÁ", "toàn", "toàn xã hội", "thu", "ngân sách",
          "nhà nước", "vốn", "đầu tư", "nước ngoài", "khách", "quốc tế", "lượt", "vụ", "vi phạm", "tổng", "doanh",
          "nghiệp", "thành lập mới", "hoạt động", "du lịch", "CPI", "q", "quý", "hoá", "xã", ",", " ", "  ", "\n",
          ".", "İ", "Σ", "x", "đạt", "12,5", "%", "tỷ đồng", "ngoài"]
_texts = st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join) | st.lists(
    st.sampled_from(_WORDS), max_size=25).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text=_texts, cut=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_no_part_of_a_text_names_an_indicator_when_the_text_may_not(text: str, cut: tuple[int, int]) -> None:
    a, b = sorted(cut)  # any part: a sentence, a run-on sentence's piece cut mid-word, a table cell
    if find_mentions(text[a:b]) or find_mentions(text):
        assert may_mention(text)


def test_may_mention() -> None:
    assert may_mention("Tổng mức bán lẻ hàng hoá đạt 2.663 tỷ đồng")
    assert may_mention("TỔNG MỨC BÁN LẺ HÀNG HÓA")
    assert not may_mention("Đoàn công tác đã đi kiểm tra thực tế tại một số thôn, xóm.")


_PIECES = ["Kim ngạch xuất khẩu", "hàng hoá", "đạt", "tăng", "12,5%", "2.663 tỷ đồng", "so với cùng kỳ", "quý I",
           "6 tháng", "năm 2023", "Trong đó", "khách quốc tế", "lượt", "vụ vi phạm", "7 vụ", ",", ";", ".", "\n",
           "|", "Chỉ tiêu | Năm 2023 | So với cùng kỳ (%)", "Thu ngân sách (tỷ đồng) | 720,4 | 112,5",
           "Người dân", "phấn khởi", "ước", "xuất khẩu", "toàn", "ngoài"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join))
def test_the_shortcut_changes_no_record(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with_shortcut = extract_module.extract_metrics(text)
    with monkeypatch.context() as patched:
        patched.setattr(extract_module, "may_mention", lambda _text: True)
        assert extract_module.extract_metrics(text) == with_shortcut
