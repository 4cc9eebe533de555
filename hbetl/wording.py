"""One meaning, one wording: phrasings reporters use for the same words, read in one form.

The grammar's rules name their verbs and phrases once ("đạt 51,7% kế hoạch", "ước đạt 615 tỷ
đồng"). Reporters write the same words several ways: "đạt được", "dự ước đạt", "ước thực hiện
615 tỷ đồng", "hoàn thành 51,7% kế hoạch", "đạt 51,7% so với kế hoạch". Rather than spell each
variant into every rule that reads the verb (there are hundreds), the text the grammar reads has
each variant rewritten to the form the rules know, with the offsets mapped back, as
``numbers.normalise_with_map`` does for spaces and letters. Each row below is a fact of the
language, not of one sentence: the rewritten words mean what the originals mean.

How the rows were found: the project's labelled fixtures were rewritten with each variant in
turn (``tests/test_wording.py`` keeps the check), and a rewrite that changed the records of a
paragraph named a rule that knew one wording only.

Pure: no I/O; every kept character keeps its offset, and a rewritten one maps into its original.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hbetl.numbers import edit_with_offsets


@dataclass(frozen=True, slots=True)
class _Row:
    """A variant: where one of ``literals`` is in the text, ``pattern``'s group ``x`` is written as
    ``replacement``. The pattern opens with the literal, so the engine skips in C to each place
    it is written (a pattern that opens with a lookbehind is tried at every character: twelve of
    them cost a third of the extractor's time, 1,883M -> 2,513M instructions a round of the
    fixtures). Whether a word starts there, and what must (``before``) or must not
    (``not_before``) stand before the match, is asked only where it matched."""

    literals: tuple[str, ...]
    pattern: re.Pattern[str]
    replacement: str
    before: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    upper: bool = False  # matched on the text as written ("CK", "DN" are abbreviations in capitals)


def _row(literals: str | tuple[str, ...], pattern: str, replacement: str, before: str | None = None,
         not_before: str | None = None, upper: bool = False) -> _Row:
    return _Row(literals if isinstance(literals, tuple) else (literals,), re.compile(pattern), replacement,
                re.compile(before + "$") if before else None, re.compile(not_before + "$") if not_before else None,
                upper)


_ABOUT = r"(?:khoảng |gần |hơn |trên |xấp xỉ )?"
_PLAN = r"(?:kế hoạch|dự toán|chỉ tiêu|mục tiêu|kh)(?!\w)"
# What follows a bare "tỷ" that is no unit noun: a break, or a word that goes on with the sentence.
_NO_UNIT_AFTER = r"(?=[,.;)]| (?:vốn|đầu tư|và|tăng|giảm|đạt|bằng|so với|chiếm|trong|từ)(?!\w))"

# Each character of a replacement maps to the offset of the character it stands on, those past
# the end of a shorter original ("CK" -> "với cùng kỳ") to the original's last: offsets never go
# back, and a span that covers the replacement covers the original. Lower case but for ``upper``.
_ROWS: tuple[_Row, ...] = (
    # "đạt được 101.350 tỷ đồng", "chưa đạt được kịch bản (6%)": "được" after "đạt" adds nothing.
    _row("đạt được", r"đạt(?P<x> được)(?= )", ""),
    # "dự ước đạt 5.210 tỷ đồng": the estimate ("ước") of a statistics office's "dự ước".
    _row("dự ước", r"(?P<x>dự )ước (?:đạt|tính|thực hiện|khoảng|gần|hơn|trên|\d)", ""),
    # "ước thực hiện 615 tỷ đồng", "ước thực hiện 6,6%": estimated at a figure (not "ước thực
    # hiện cả năm …", which names what is estimated before the verb comes).
    _row("ước thực hiện", r"ước(?P<x> thực hiện)(?= " + _ABOUT + r"\d)", " đạt"),
    # "hoàn thành 51,7% kế hoạch", "giải ngân bằng 38,2% kế hoạch vốn" are "đạt 51,7% kế hoạch":
    # a share of the plan done (metric-record.md reads "bằng 96% dự toán" as "đạt 96% dự toán").
    _row("hoàn thành", r"(?P<x>hoàn thành)(?= " + _ABOUT + r"\d[\d.,]*\s?% " + _PLAN + ")", "đạt"),
    _row("bằng", r"(?P<x>bằng)(?= " + _ABOUT + r"\d[\d.,]*\s?% " + _PLAN + ")", "đạt"),
    # "đạt 51,7% so với kế hoạch vốn": a share of the plan with its "so với" written (after "đạt"
    # or "bằng" only: "tăng 9,9% so với kế hoạch" is a rise over the plan, which the rules read).
    _row(("% so với kế", "% so với dự"), r"%(?P<x> so với)(?= (?:kế hoạch|dự toán)(?!\w))", "",
         before=r"(?<!\w)(?:đạt|bằng) " + _ABOUT + r"\d(?:[\d.,]*\d)? ?"),
    # "so với cùng kỳ năm trước đó (tăng 9,1%)": "năm trước đó" is "năm trước", the year before.
    _row("năm trước đó", r"năm trước(?P<x> đó)(?!\w)", ""),
    # "chỉ số này … tăng trưởng 6,3% so với cùng kỳ", "con số này tăng trưởng 14,2% so với cùng kỳ
    # năm trước": a rise against a base, as "tăng" (not after the words that make "tăng trưởng" a
    # rate's name: "tốc độ tăng trưởng 7,5% so với …", "mức tăng trưởng …", "kinh tế tăng trưởng …").
    _row("tăng trưởng", r"(?P<x>tăng trưởng)(?= " + _ABOUT + r"\d[\d.,]*\s?% so với)", "tăng",
         not_before=r"(?:tốc độ|mức|kinh tế|grdp|gdp) "),
    # District and department reports abbreviate: "tăng 12% so với CK", "so CK", "thành lập mới 35
    # DN", "vốn thực hiện từ nguồn NSNN".
    _row("ck", r"so (?P<x>(?:với )?CK)(?!\w)", "với cùng kỳ", upper=True),
    _row("dn", r" (?P<x>DN)(?!\w)", "doanh nghiệp", before=r"\d", upper=True),
    _row("nsnn", r"(?P<x>NSNN)(?!\w)", "ngân sách nhà nước", upper=True),
    # "thành phố cấp phép 10.375 doanh nghiệp với vốn đăng ký …": firms licensed are firms founded,
    # as "cấp phép thành lập mới cho 10.375 doanh nghiệp" says in full (a count of firms right after
    # the verb: "cấp phép 12 dự án" licenses projects and stays as written).
    _row("cấp phép", r"(?P<x>cấp phép)(?= \d[\d.]* (?:doanh nghiệp|dn)(?!\w))", "cấp phép thành lập mới cho"),
    # "cấp phép 10.375 doanh nghiệp …, giảm 34,6% về giấy phép và giảm 52,3% về vốn": a change "về
    # giấy phép" (right after its percent) counts the licences, one a firm founded.
    _row("về giấy phép", r"về (?P<x>giấy phép)(?!\w)", "số doanh nghiệp", before=r"\d ?% "),
    # "giải ngân được 4.000 tỷ vốn đầu tư công", "được giao hơn 5.120 tỷ": billions of dong with
    # "đồng" left out (money is the only reading of a bare "tỷ" before a word that is no unit).
    _row("tỷ", r"(?P<x>tỷ)" + _NO_UNIT_AFTER, "tỷ đồng", before=r"\d "),
    _row(("tỉ ", "tỉ,", "tỉ.", "tỉ;", "tỉ)"), r"(?P<x>tỉ)" + _NO_UNIT_AFTER, "tỷ đồng", before=r"\d "),  # ("tỉnh")
    # "236,4 triệu đô", "30 tỷ đô la", "1,2 tỷ đô la Mỹ": the dollar as the national press writes
    # it, after a scale word only ("đô thị", "thủ đô" are no money), read as "USD".
    _row("đô", r"(?P<x>đô(?: ?la(?: mỹ)?)?)(?!\w)", "usd", before=r"(?:nghìn|ngàn|triệu|tỷ|tỉ) "),
)


def canonical_wording(norm: str, offsets: Sequence[int]) -> tuple[str, Sequence[int]]:
    """``norm`` with each variant of _ROWS rewritten, and the offsets of what is kept."""
    low = norm.lower()
    if len(low) != len(norm):
        return norm, offsets  # (a letter whose lower case is two: positions would not line up)
    edits: list[tuple[int, int, str]] = []
    for row in _ROWS:
        for literal in row.literals:  # (a loop, not any(): a generator a row costs more than the tests)
            if literal in low:
                break
        else:
            continue
        text = norm if row.upper else low
        for m in row.pattern.finditer(text):
            at = m.start()
            if at and low[at].isalnum() and low[at - 1].isalnum():
                continue  # inside a word
            if row.before is not None and row.before.search(low, max(0, at - 40), at) is None:
                continue
            if row.not_before is not None and row.not_before.search(low, max(0, at - 12), at) is not None:
                continue
            edits.append((m.start("x"), m.end("x"), row.replacement))
    return edit_with_offsets(norm, offsets, sorted(edits)) if edits else (norm, offsets)
