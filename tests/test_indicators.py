"""The catalogue and finding its phrases."""

import csv
import unicodedata
from pathlib import Path

from hbetl.indicators import find_mentions, load_catalogue, retone

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "indicators.csv"


def test_catalogue_keeps_every_spec_code_and_label() -> None:
    cat = load_catalogue()
    assert "industrial_output_value" in cat and cat["export_turnover"].unit == "million_usd"
    if SPEC.exists():
        with SPEC.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                assert cat[row["code"]].label_vi == row["label_vi"]
                assert set(v.strip() for v in row["also_written"].split(";") if v.strip()) <= set(
                    cat[row["code"]].also_written)


def test_longest_phrase_wins() -> None:
    (m,) = find_mentions("tổng kim ngạch xuất nhập khẩu đạt 500 triệu USD")
    assert m.code == "trade_turnover"


def test_case_and_tone_placement_do_not_matter() -> None:
    text = "KIM NGẠCH XUẤT KHẨU HÀNG HOÁ và dịch vụ"
    (m,) = find_mentions(text)
    assert m.code == "export_turnover" and m.end > len("KIM NGẠCH XUẤT KHẨU")


def test_a_comma_inside_a_phrase_is_allowed() -> None:
    (m,) = find_mentions("Số vụ vi phạm trong sản xuất, kinh doanh tăng 7%")
    assert m.code == "market_violations"


def test_a_comma_elsewhere_ends_a_list_item() -> None:
    """'lượt khách tham quan' is a phrase, but in '225 nghìn lượt, khách tham quan 153 nghìn
    lượt' the comma closes the first part: only the words phrases write a comma after
    ('xuất, nhập', 'trung, dài hạn', 'góp vốn, mua', 'khu, điểm') take one. What follows the
    comma is the next part, the visitors to the sights."""
    found = find_mentions("khách lưu trú 225 nghìn lượt, khách tham quan 153 nghìn lượt")
    assert [(m.start, m.scope) for m in found] == [(0, "khách lưu trú"), (30, "khách tham quan")]
    (m,) = find_mentions("kim ngạch xuất, nhập khẩu đạt 900 triệu USD")
    assert m.code == "trade_turnover"


def test_scoped_phrases_carry_their_scope() -> None:
    (m,) = find_mentions("khách quốc tế đạt 30.000 lượt")
    assert (m.code, m.scope) == ("tourist_arrivals", "khách quốc tế")


def test_retone_keeps_length_and_spares_quy() -> None:
    for s in ("hoá", "thuỷ", "quý", unicodedata.normalize("NFC", "Hoà Bình")):
        assert len(retone(s)) == len(s)
    assert retone("quý") == "quý"
    assert retone("hoá") == retone("hóa")


from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.lists(st.text(alphabetic := "abcăâđ ", min_size=1, max_size=6), min_size=1, max_size=12),
       st.text(alphabetic, max_size=40))
@example(["a  a"], "a a")  # a doubled space inside a phrase is one gap (hypothesis found it)
def test_phrase_trie_matches_what_a_longest_first_alternation_matches(phrases, text):
    """The catalogue's trie-shaped regex is an optimisation: it must find what the plain
    longest-first alternation finds."""
    import re

    from hbetl.indicators import phrase_alternation

    phrases = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not phrases:
        return
    gap = r",?\s+"
    plain = "|".join(gap.join(re.escape(w) for w in p.split()) for p in phrases)
    trie = phrase_alternation(phrases, word_gap=gap)
    assert [m.span() for m in re.finditer(f"(?:{trie})", text)] == \
           [m.span() for m in re.finditer(f"(?:{plain})", text)]


@given(st.text(st.sampled_from(list("oOuUqQhkáàảãạéèẻẽẹýỳỷỹỵÁÀÝaey _,.İ")), max_size=40))
def test_retone_of_folded_text_is_retone(text):
    """find_mentions retones the lower-cased sentence with _retone_folded (a faster pattern,
    lower case only) and keys what it finds with the cached _key: both must agree with the
    general functions."""
    from hbetl.indicators import _key, _retone_folded
    from hbetl.textscan import fold

    low = fold(text)
    if low is not None:
        assert _retone_folded(low) == retone(low)
    assert _key(text) == _key.__wrapped__(text)
