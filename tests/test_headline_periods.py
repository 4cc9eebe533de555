"""The period a figure takes when its own text names none: the headline's, a heading's,
the lead's; and bullets read one statement each (hbetl/context.py, issue 17).

Every text here is written for these tests."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbetl.context import paragraph_contexts, stated_period
from hbetl.extract import extract_metrics
from hbetl.periods import PeriodSpec
from hbetl.sample_site.content import load_bundled_articles, load_expected

JULY = date(2023, 7, 6)
H1_TITLE = "Một số kết quả phát triển kinh tế - xã hội 6 tháng đầu năm 2023"
HBETL = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "hbetl"


def periods(text: str, published: date | None = JULY, title: str | None = None) -> list[tuple[str | None, str]]:
    return [(m.indicator, m.period) for m in extract_metrics(text, published, title)]


# ---------------------------------------------------------------- the headline

BULLETS = ("- Kim ngạch xuất khẩu ước đạt 68 triệu USD, tăng 9% so với cùng kỳ.\n"
           "- Tổng thu ngân sách nhà nước ước đạt 1.500 tỷ đồng, bằng 48% dự toán.")


def test_bullets_under_a_headline_take_its_period() -> None:
    assert periods(BULLETS, title=H1_TITLE) == [("export_turnover", "2023-H1"), ("budget_revenue", "2023-H1")]


def test_without_the_headline_the_same_bullets_have_no_period() -> None:
    assert periods(BULLETS) == []


def test_a_bullets_own_period_wins_and_does_not_carry_to_the_next_bullet() -> None:
    text = ("- Riêng tháng 6, kim ngạch xuất khẩu ước đạt 12 triệu USD.\n"
            "- Tổng thu ngân sách nhà nước ước đạt 1.500 tỷ đồng, bằng 48% dự toán.")
    assert periods(text, title=H1_TITLE) == [("export_turnover", "2023-M06"), ("budget_revenue", "2023-H1")]


def test_the_headline_holds_over_a_period_the_lead_mentions_in_passing() -> None:
    text = ("(HBĐT) - Tại phiên họp thường kỳ tháng 7, UBND tỉnh nghe báo cáo tình hình nửa đầu năm.\n\n"
            + BULLETS)
    assert [p for _, p in periods(text, title=H1_TITLE)] == ["2023-H1", "2023-H1"]


def test_the_headline_gives_the_year_when_nothing_else_does() -> None:
    text = "Quý II\n\nKim ngạch xuất khẩu ước đạt 40 triệu USD."
    assert periods(text, None) == []
    assert periods(text, None, title="Xuất nhập khẩu nửa đầu năm 2023") == [("export_turnover", "2023-Q2")]


@pytest.mark.parametrize(
    ("title", "spec"),
    [
        (H1_TITLE, PeriodSpec("H", 1, 2023)),
        ("Kinh tế quý I/2023 có nhiều điểm sáng", PeriodSpec("Q", 1, 2023)),
        ("Chỉ số giá tiêu dùng tháng 6 tăng nhẹ", PeriodSpec("M", 6)),
        ("Kinh tế quý II tăng 5% so với quý I", PeriodSpec("Q", 2)),  # the compared period is not it
        ("Kinh tế quý II và 6 tháng đầu năm tăng trưởng khá", None),  # two periods: no context
        ("Tổng kết năm 2022, triển khai nhiệm vụ năm 2023", PeriodSpec("Y", 0, 2022)),  # tasks ahead are not it
        ("Ngành Công thương triển khai nhiệm vụ trọng tâm quý II", None),
        ("UBND tỉnh họp phiên thường kỳ tháng 7", None),  # the meeting's month
        ("Khánh thành cầu treo bản Lác", None),
    ],
)
def test_the_period_a_headline_is_about(title: str, spec: PeriodSpec | None) -> None:
    assert stated_period(title, headline=True) == spec


# ---------------------------------------------------------------- headings

HEADINGS = ("(HBĐT) - Sản xuất công nghiệp giữ nhịp tăng trưởng trong cả hai quý.\n\n"
            "Quý I\n\n"
            "Giá trị sản xuất công nghiệp đạt 1.900 tỷ đồng, tăng 8% so với cùng kỳ.\n\n"
            "Quý II: đà tăng được giữ vững\n\n"
            "Giá trị sản xuất công nghiệp ước đạt 2.100 tỷ đồng. Riêng tháng 6, giá trị sản xuất công nghiệp "
            "ước đạt 720 tỷ đồng.\n\n"
            "Kim ngạch xuất khẩu ước đạt 40 triệu USD, tăng 12% so với cùng kỳ.")


def test_each_heading_gives_its_section_the_period_until_the_next_heading() -> None:
    assert periods(HEADINGS) == [
        ("industrial_output_value", "2023-Q1"),
        ("industrial_output_value", "2023-Q2"),
        ("industrial_output_value", "2023-M06"),  # the sentence's own period
        ("export_turnover", "2023-Q2"),  # the heading's again, not June's carried over
    ]


def test_headings_win_over_the_headline() -> None:
    assert [p for _, p in periods(HEADINGS, title=H1_TITLE)] == ["2023-Q1", "2023-Q2", "2023-M06", "2023-Q2"]


def test_an_enumerated_heading_with_its_year() -> None:
    text = ("I. Kết quả quý I/2023\n"
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ đạt 2.600 tỷ đồng.\n"
            "II. Nhiệm vụ quý II/2023\n"
            "Phấn đấu tổng mức bán lẻ hàng hóa và doanh thu dịch vụ đạt 2.800 tỷ đồng.")
    found = extract_metrics(text)
    assert [(m.period, m.kind) for m in found] == [("2023-Q1", "actual"), ("2023-Q2", "target")]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Quý I", True),
        ("QUÝ II", True),
        ("6 tháng đầu năm", True),
        ("Một số chỉ tiêu chủ yếu 9 tháng năm 2023:", True),
        ("2. Kết quả 6 tháng đầu năm 2023", True),
        ("Quý I: xuất khẩu đạt 27 triệu USD", False),  # a figure: a statement, not a heading
        ("Tuy nhiên, công tác quý I còn bộc lộ một số tồn tại.", False),  # a sentence
        ("Khánh thành cầu treo bản Lác", False),  # no period
        ("Chỉ tiêu | Quý I | So với cùng kỳ (%)", False),  # a table's header row
    ],
)
def test_what_is_a_heading(line: str, heading: bool) -> None:
    text = f"{line}\nKim ngạch xuất khẩu đạt 27 triệu USD."
    contexts = paragraph_contexts(text)
    assert (len(contexts) == 2 and contexts[0].start == 0) is heading, contexts


# ---------------------------------------------------------------- the lead

def test_a_leads_opening_period_holds_for_paragraphs_that_name_none() -> None:
    text = ("(HBĐT) - 6 tháng đầu năm 2023, sản xuất kinh doanh trên địa bàn tỉnh ổn định.\n\n"
            "Kim ngạch xuất khẩu ước đạt 68 triệu USD, tăng 9% so với cùng kỳ.\n\n"
            "Riêng tháng 6, kim ngạch nhập khẩu ước đạt 6 triệu USD.\n\n"
            "Tổng thu ngân sách nhà nước ước đạt 1.500 tỷ đồng, bằng 48% dự toán.")
    assert periods(text) == [("export_turnover", "2023-H1"), ("import_turnover", "2023-M06"),
                             ("budget_revenue", "2023-H1")]


def test_a_lead_opening_on_its_source_then_the_period_and_the_lead_over_the_headline() -> None:
    text = ("(HBĐT) - Theo Cục Thống kê tỉnh, 6 tháng đầu năm 2023, kinh tế tiếp tục phục hồi.\n\n"
            "Chỉ số giá tiêu dùng tháng 6 tăng 0,2% so với tháng trước.\n\n"
            "Kim ngạch xuất khẩu ước đạt 68 triệu USD.")
    assert periods(text, title="Xuất khẩu quý II tăng mạnh") == [("cpi", "2023-M06"), ("export_turnover", "2023-H1")]


def test_a_lead_that_names_a_period_later_is_no_context() -> None:
    text = "(HBĐT) - Sở Công Thương tổ chức hội nghị sơ kết 6 tháng đầu năm.\nKim ngạch xuất khẩu đạt 68 triệu USD."
    assert [c.start for c in paragraph_contexts(text)] == []  # the period still carries, as before


# ---------------------------------------------------------------- bullets

@pytest.mark.parametrize("marker", ["-", "+", "•", "–", "—"])
def test_each_marker_opens_a_bullet(marker: str) -> None:
    text = (f"{marker} Kim ngạch xuất khẩu ước đạt 68 triệu USD.\n"
            f"{marker} Ước đạt 31 triệu USD, tăng 5% so với cùng kỳ.")
    # The second bullet names no subject: the first bullet's does not carry into it.
    assert periods(text, title=H1_TITLE) == [("export_turnover", "2023-H1")]


def test_a_sentence_that_continues_its_subject_inside_one_bullet_still_does() -> None:
    text = "- Kim ngạch xuất khẩu tháng 6 ước đạt 12 triệu USD. Lũy kế 6 tháng ước đạt 68 triệu USD."
    assert periods(text) == [("export_turnover", "2023-M06"), ("export_turnover", "2023-H1")]


def test_a_dash_inside_a_line_is_no_bullet() -> None:
    assert [c.bullet for c in paragraph_contexts("Thu ngân sách - chi ngân sách\n-5 độ C", "Quý I")] == [False, False]


# ---------------------------------------------------------------- properties

_LINES = [
    "Quý I", "Quý II: sản xuất phục hồi", "I. Kết quả 6 tháng đầu năm 2023", "6 tháng đầu năm",
    "- Kim ngạch xuất khẩu ước đạt 68,25 triệu USD, tăng 22,3% so với cùng kỳ.",
    "+ Tổng thu ngân sách nhà nước ước đạt hơn 3 nghìn tỷ đồng, bằng 54% dự toán.",
    "• Ước đạt 31 triệu USD.",
    "– Riêng tháng 6, giá trị sản xuất công nghiệp ước đạt 667 tỷ đồng.",
    "(HBĐT) - 6 tháng đầu năm 2023, kinh tế tỉnh tiếp tục phục hồi.",
    "Giá trị sản xuất công nghiệp đạt trên 1.824 tỷ đồng, tăng 18,19% so với cùng kỳ.",
    "Toàn tỉnh đón khoảng 2,9\u00a0triệu lượt khách du lịch.",
    "Kim ngạch nhập khẩu quý II/2023 đạt 12 triệu USD.", "", " ",
]
_TITLES = [None, "", H1_TITLE, "Kinh tế quý I/2023 có nhiều điểm sáng", "Tổng kết năm 2022, triển khai năm 2023"]


@given(st.lists(st.sampled_from(_LINES), max_size=12), st.sampled_from(["\n", "\n\n"]),
       st.sampled_from(_TITLES), st.sampled_from(["NFC", "NFD"]), st.sampled_from([None, JULY]))
@settings(max_examples=200, deadline=None)
def test_offsets_always_point_into_the_body(lines: list[str], sep: str, title: str | None, form: str,
                                             published: date | None) -> None:
    text = unicodedata.normalize(form, sep.join(lines))
    for m in extract_metrics(text, published, title and unicodedata.normalize(form, title)):
        assert 0 <= m.start < m.end <= len(text)
        starts = [i for i in range(len(text)) if text.startswith(m.sentence, i)]
        assert any(i <= m.start and m.end <= i + len(m.sentence) for i in starts), m


_OWN_PERIOD_LINES = [line for line in _LINES if line.startswith(("Kim ngạch nhập khẩu quý", "– Riêng"))]


@given(st.lists(st.sampled_from(_OWN_PERIOD_LINES + ["Quý I", "- Kim ngạch xuất khẩu đạt 5 triệu USD."]),
                min_size=1, max_size=8), st.sampled_from(_TITLES))
@settings(max_examples=100, deadline=None)
def test_a_period_written_in_the_figures_sentence_always_wins(lines: list[str], title: str | None) -> None:
    text = "\n".join(lines)
    with_title = [(m.start, m.period) for m in extract_metrics(text, JULY, title)]
    own = {m.start: m.period for m in extract_metrics(text, JULY) if m.label.startswith(("kim ngạch nhập", "giá trị"))}
    assert {s: p for s, p in with_title if s in own} == own


# ---------------------------------------------------------------- the command line, on the sample site's text

def _sample(stem: str):
    article = next(a for a in load_bundled_articles() if a.source == stem)
    return article, "\n\n".join([article.lead, *article.paragraphs])


def _expected(stem: str) -> list[tuple]:
    return sorted((r["indicator"], r["period"], r["value"]) for r in load_expected() if r["source"] == stem)


@pytest.mark.parametrize("stem", ["2023-07-06-ket-qua-kinh-te-xa-hoi-6-thang",
                                  "2023-07-12-cong-nghiep-thuong-mai-tung-quy"])
def test_hbetl_extract_with_the_title_gives_the_labelled_records(stem: str, tmp_path: Path) -> None:
    article, text = _sample(stem)
    path = tmp_path / "body.txt"
    path.write_text(text, encoding="utf-8")
    for published in ([], ["--published", article.published.date().isoformat()]):
        out = subprocess.run([str(HBETL), "extract", str(path), "--title", article.title, *published],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        got = sorted((r["indicator"], r["period"], r["value"]) for r in map(json.loads, out.stdout.splitlines()))
        assert got == _expected(stem), published
        assert all(text[r["start"]:r["end"]] and r["sentence"] in text for r in map(json.loads, out.stdout.splitlines()))
