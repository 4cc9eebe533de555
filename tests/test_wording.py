"""The records do not depend on which of the usual wordings a reporter chose.

Each rewrite below writes the same facts another way reporters write them ("tỉ" for "tỷ",
"đạt được" for "đạt", "so với CK" for "so với cùng kỳ", a run of spaces for one, …). Every
labelled fixture paragraph is rewritten with each in turn, and its records must stay what
they were (the qualifier aside, where the rewrite adds one). hbetl/wording.py reads the
variants in one form; numbers.py makes spaces and letters plain. A rewrite that changes a
paragraph's records names a rule that knows one wording only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from hbetl.evaluation import load_labelled, published_date
from hbetl.extract import extract_metrics
from hbetl.numbers import normalise_with_map
from hbetl.wording import canonical_wording

FIXTURES = Path(__file__).parent / "fixtures" / "labelled"
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}

# name -> rewrite. Each keeps the facts: a rewrite that changes nothing in a paragraph is skipped.
REWRITES: dict[str, Callable[[str], str]] = {
    "tỉ for tỷ": lambda t: t.replace("tỷ", "tỉ"),
    "ngàn for nghìn": lambda t: re.sub(r"\bnghìn\b", "ngàn", t),
    "kì for kỳ": lambda t: t.replace("cùng kỳ", "cùng kì"),
    "old tone marks": lambda t: t.replace("hóa", "hoá").replace("thủy", "thuỷ").replace("Hòa", "Hoà"),
    "quý 1 for quý I": lambda t: re.sub(r"\b([Qq]uý) (IV|III|II|I)\b", lambda m: f"{m.group(1)} {_ROMAN[m.group(2)]}", t),
    "tháng 3-2023 for tháng 3/2023": lambda t: re.sub(r"\b(tháng|quý) (\d{1,2}|IV|III|II|I)/(20\d\d)\b", r"\1 \2-\3", t),
    "tháng 3 năm 2023 for tháng 3/2023": lambda t: re.sub(r"\b(tháng|quý) (\d{1,2}|IV|III|II|I)/(20\d\d)\b", r"\1 \2 năm \3", t),
    "a space before %": lambda t: re.sub(r"(\d)%", r"\1 %", t),
    "non-breaking spaces": lambda t: re.sub(r"(\d) (tỷ|triệu|nghìn|%|lượt|doanh)", "\\1\u00a0\\2", t),
    "runs of spaces": lambda t: t.replace(" ", "  ", 3),
    "so cùng kỳ": lambda t: t.replace("so với cùng kỳ", "so cùng kỳ"),
    "so với CK": lambda t: t.replace("so với cùng kỳ", "so với CK"),
    "năm ngoái for năm trước": lambda t: t.replace("cùng kỳ năm trước", "cùng kỳ năm ngoái"),
    "năm trước đó": lambda t: t.replace("so với cùng kỳ năm trước", "so với cùng kỳ năm trước đó"),
    "đô la Mỹ for USD": lambda t: re.sub(r"\b(triệu|tỷ|tỉ|nghìn) USD\b", r"\1 đô la Mỹ", t),
    "đô for USD": lambda t: re.sub(r"\b(triệu|tỷ|tỉ|nghìn) USD\b", r"\1 đô", t),
    "tỷ without đồng": lambda t: re.sub(r"(\d) tỷ đồng", r"\1 tỷ", t),
    "NSNN": lambda t: t.replace("ngân sách nhà nước", "NSNN"),
    "DN": lambda t: re.sub(r"(\d) doanh nghiệp", r"\1 DN", t),
    "đạt được": lambda t: t.replace("đạt ", "đạt được ", 1),
    "dự ước đạt": lambda t: re.sub(r"(?<!\w)(?<!dự )ước đạt", "dự ước đạt", t),
    "ước thực hiện": lambda t: re.sub(r"(?<!\w)ước đạt(?= \d)", "ước thực hiện", t),
    "hoàn thành N% kế hoạch": lambda t: re.sub(r"đạt (\d[\d,]*)% (kế hoạch|dự toán)", r"hoàn thành \1% \2", t),
    "bằng N% kế hoạch": lambda t: re.sub(r"đạt (\d[\d,]*)% (kế hoạch|dự toán)", r"bằng \1% \2", t),
    "đạt N% so với kế hoạch": lambda t: re.sub(r"đạt (\d[\d,]*)% (kế hoạch|dự toán)", r"đạt \1% so với \2", t),
    "tăng trưởng N% so với": lambda t: re.sub(r"\btăng (\d[\d,]*)% so với cùng kỳ", r"tăng trưởng \1% so với cùng kỳ", t),
    "và before a change": lambda t: re.sub(r"(đồng|USD|lượt), (tăng|giảm) (\d)", r"\1 và \2 \3", t),
    "kim ngạch XK": lambda t: t.replace("kim ngạch xuất khẩu", "kim ngạch XK"),
    "% KH": lambda t: t.replace("% kế hoạch", "% KH"),
}

_FIELDS = ("indicator", "period", "kind", "value", "unit", "yoy_pct", "mom_pct", "plan_pct", "qualifier")


def _records(text: str, published) -> list[tuple]:
    return sorted(tuple(str(getattr(m, f)) for f in _FIELDS) for m in extract_metrics(text, published))


@pytest.fixture(scope="module")
def paragraphs() -> list[tuple[str, object, list[tuple]]]:
    paras = [p for f in sorted(FIXTURES.glob("*.jsonl")) for p in load_labelled(f)]
    return [(p["text"], published_date(p.get("published")), _records(p["text"], published_date(p.get("published"))))
            for p in paras]


@pytest.mark.parametrize("name", sorted(REWRITES))
def test_records_do_not_depend_on_the_wording(name, paragraphs):
    rewrite = REWRITES[name]
    changed, applied = [], 0
    for text, published, records in paragraphs:
        variant = rewrite(text)
        if variant == text:
            continue
        applied += 1
        if _records(variant, published) != records:
            changed.append(variant[:160])
    assert applied, f"{name}: no fixture paragraph has the wording it rewrites"
    assert not changed, f"{name}: {len(changed)} of {applied} paragraphs read differently, e.g. {changed[:2]}"


@pytest.mark.parametrize("text, expected", [
    ("thu ngân sách đạt được 101.350 tỷ đồng", "thu ngân sách đạt 101.350 tỷ đồng"),
    ("Dự ước đạt 5.210 tỷ đồng", "ước đạt 5.210 tỷ đồng"),
    ("ước thực hiện 615 tỷ đồng, ước thực hiện cả năm", "ước đạt 615 tỷ đồng, ước thực hiện cả năm"),
    ("giải ngân hoàn thành 51,7% kế hoạch", "giải ngân đạt 51,7% kế hoạch"),
    ("đạt 51,7% so với kế hoạch; tăng 9,9% so với kế hoạch", "đạt 51,7% kế hoạch; tăng 9,9% so với kế hoạch"),
    ("tăng 12% so với CK; 35 DN; thu NSNN", "tăng 12% so với cùng kỳ; 35 doanh nghiệp; thu ngân sách nhà nước"),
    ("được giao 5.120 tỷ vốn đầu tư công; 10 tỷ kWh", "được giao 5.120 tỷ đồng vốn đầu tư công; 10 tỷ kWh"),
    ("cùng kỳ năm trước đó", "cùng kỳ năm trước"),
    ("CPI tăng 3% so với cùng kỳ", "CPI tăng 3% so với cùng kỳ"),
    ("236,4 triệu đô; 2 tỷ đô la Mỹ; thủ đô; đô thị", "236,4 triệu usd; 2 tỷ usd; thủ đô; đô thị"),
])
def test_each_variant_is_read_in_the_rules_wording(text, expected):
    assert canonical_wording(text, range(len(text) + 1))[0] == expected


def test_a_rewritten_span_maps_back_into_the_text_as_written():
    text = "Vốn  giải ngân  đạt được 4.000 tỷ vốn đầu tư công, tăng 9% so CK."
    norm, offsets = normalise_with_map(text)
    norm, offsets = canonical_wording(norm, offsets)
    assert norm == "Vốn giải ngân đạt 4.000 tỷ đồng vốn đầu tư công, tăng 9% so với cùng kỳ."
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    assert all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))
    at = norm.index("4.000")
    assert text[offsets[at]:offsets[at + 5]] == "4.000"
    start, end = norm.index("với cùng kỳ"), len(norm) - 1
    assert text[offsets[start]:offsets[end]] == "CK"
