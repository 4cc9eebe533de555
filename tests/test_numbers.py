"""Vietnamese number notation and text normalisation."""

import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hbetl.numbers import format_number, normalise_text, normalise_with_map, parse_number, scaled


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.824", 1824.0),
        ("18,19", 18.19),
        ("8.315,7", 8315.7),
        ("27,838", 27.838),
        ("179.700", 179700.0),
        ("1.234.567", 1234567.0),
        ("45", 45.0),
        ("1,824,000", 1824000.0),  # English grouping, two comma groups
        ("6,231.8", 6231.8),  # English grouping before a decimal point: no Vietnamese number has ',' before '.'
        ("1.5", 1.5),  # a dot not before three digits is a decimal point
        ("1\u00a0824", 1824.0),  # a nbsp as a thousands gap
    ],
)
def test_parse_number_reads_vietnamese_notation(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("junk", ["1.1.1", "1,1,1", "abc", "", "12/2023"])
def test_parse_number_rejects_what_is_not_a_number(junk: str) -> None:
    with pytest.raises(ValueError):
        parse_number(junk)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_format_then_parse_round_trips(x) -> None:
    value = float(x)
    assert parse_number(format_number(value)) == pytest.approx(value, rel=1e-12, abs=1e-9)


def test_format_number_writes_the_vietnamese_way() -> None:
    assert format_number(8315.7) == "8.315,7"
    assert format_number(1824) == "1.824"


def test_normalise_composes_nfd_and_plains_spaces() -> None:
    nfd = unicodedata.normalize("NFD", "tỷ\u00a0đồng\u200b")
    assert normalise_text(nfd) == "tỷ đồng"


def test_normalise_restores_u_horn_typed_as_u_before_o_horn() -> None:
    assert normalise_text("Uớc đạt 12 nghìn luợt khách, đuợc") == "Ước đạt 12 nghìn lượt khách, được"
    assert normalise_text("thuở ấy, quơ tay, huơ vòi") == "thuở ấy, quơ tay, huơ vòi"  # the words spelt so


def test_normalise_spells_ky_after_k_with_y_and_spaces_a_glued_currency() -> None:
    # "đăng kí", "cùng kì": the older spelling of the same syllables; "khì" is no syllable 'ki'.
    assert normalise_text("vốn đăng kí, cùng kì, Kĩ thuật, khì") == "vốn đăng ký, cùng kỳ, Kỹ thuật, khì"
    assert normalise_text("CÙNG KÌ, ĐĂNG KÍ, Nikì") == "CÙNG KỲ, ĐĂNG KÝ, Nikì"  # capitals too; not inside a word
    norm, offsets = normalise_with_map("đạt 31,4 tỉđô la Mỹ")
    assert norm == "đạt 31,4 tỉ đô la Mỹ" and offsets[len(norm)] == len("đạt 31,4 tỉđô la Mỹ")


@given(st.text(alphabet=st.sampled_from(list("aăâeêoôơuưy̆ ̣̀́̃̉\u00a0\u200b\u2013đ1.,")), max_size=60))
def test_offset_map_points_into_the_original(text: str) -> None:
    norm, offsets = normalise_with_map(text)
    assert len(offsets) == len(norm) + 1
    assert offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    assert unicodedata.is_normalized("NFC", norm)


@given(st.text(alphabet=st.sampled_from(list("aăâeêoôơuưyđ 1234567890.,\u00a0\u202f\u200b\u00ad\u2013\u2014\t\u0300\u0323")),
               max_size=80))
def test_nfc_fast_path_matches_the_character_walk(text: str) -> None:
    """NFC text takes the stretch-copying path; it must give what the per-character walk gives."""
    from hbetl.numbers import _normalise_runs, _normalise_shapes

    fast, walked = _normalise_shapes(text), _normalise_runs(text)
    assert fast[0] == walked[0]
    if not any(unicodedata.combining(c) for c in text):
        assert fast[1] == walked[1]
    else:  # a mark that composes with nothing keeps its own offset here, its base's in the walk
        assert fast[1] == sorted(fast[1]) and len(fast[1]) == len(fast[0]) + 1



def _parse_number_before_shortcuts(s: str) -> float:
    """parse_number as it was before its shortcuts (normalising every text, all four forms in turn)."""

    s = normalise_text(s).strip().replace(" ", "")
    for form, clean in ((r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", lambda x: x.replace(".", "").replace(",", ".")),
                        (r"\d+(?:,\d+)?", lambda x: x.replace(",", ".")),
                        (r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3},\d{3}\.\d+", lambda x: x.replace(",", "")),
                        (r"\d+\.\d{1,2}|\d+\.\d{4,}", lambda x: x)):
        if re.fullmatch(form, s):
            return float(clean(s))
    raise ValueError(s)


@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=30),
                 st.text(alphabet=st.sampled_from(list("0123456789.,  \t\u00a0\u0663\uff11")), max_size=20)))
def test_parse_number_shortcuts_read_as_before(text: str) -> None:
    """parse_number skips normalise_text for ASCII without a tab (its own normal form) and tries
    only the one of the first two forms a text can fit (with or without '.')."""
    if text.isascii() and "\t" not in text:
        assert normalise_text(text) == re.sub(" {2,}", " ", text)  # (parse_number drops every space)
    try:
        expected = _parse_number_before_shortcuts(text)
    except ValueError:
        with pytest.raises(ValueError):
            parse_number(text)
        return
    assert parse_number(text) == expected


@given(st.text(alphabet=st.sampled_from(list("aăâeêoôơuưyUđ 1234567890.,\u00a0\u200b\u2013\t\u0300\u0323ớƠ")), max_size=60))
def test_offsets_as_a_range_are_the_map(text: str) -> None:
    """normalise_with_offsets gives text that needs no change a range for its map: the same offsets."""
    from hbetl.numbers import normalise_with_offsets

    norm, offsets = normalise_with_offsets(text)
    assert (norm, list(offsets)) == normalise_with_map(text)
    assert offsets[len(norm)] == len(text)


def test_text_that_needs_no_change_gets_a_range() -> None:
    from hbetl.numbers import normalise_with_offsets

    assert normalise_with_offsets("Giá trị đạt 1.824 tỷ đồng") == ("Giá trị đạt 1.824 tỷ đồng", range(26))
    assert isinstance(normalise_with_offsets("luợt khách")[1], list)  # 'ư' restored: the general path


@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=3),
       st.sampled_from([1e3, 1e6, 1e9, 1e-3]))
def test_a_scaled_figure_is_the_decimal_it_was_written_as(whole: int, decimals: int, factor: float) -> None:
    # "8,2 triệu lượt" is 8200000 visits, not the 8199999.999999999 of 8.2 * 1e6 in binary.
    written = f"{whole / 10 ** decimals:.{decimals}f}"
    assert scaled(float(written), factor) == float(Decimal(written) * Decimal(repr(factor)))


_CHANGE_PIECES = st.lists(st.sampled_from(["u", "U", "ơ", "Ở", "k", "K", "í", "Ị", "kì", "1", "٣", "lượt", "tỷ", "tỉ", " ", "\u00a0",
                                           "\u2013", "\u200b", "đồng", "USD", "đô", "a", "x", "_", "quơ", "ngàn"]), max_size=12)


@given(_CHANGE_PIECES)
def test_one_scan_finds_what_any_of_the_four_finds(pieces: list[str]) -> None:
    """normalise_with_offsets' one scan (_MAY_CHANGE_RE) finds something where any of the four
    patterns whose matches normalise_with_map changes finds something, and nowhere else."""
    from hbetl import numbers

    text = "".join(pieces)
    four = (numbers._SPECIAL, numbers._U_FOR_U_HORN_RE, numbers._K_I_RE, numbers._GLUED_UNIT_RE)
    assert (numbers._MAY_CHANGE_RE.search(text) is not None) == any(p.search(text) is not None for p in four)
