"""`hbetl evaluate`: scores by outlet fold, per indicator and per field, on our own paragraphs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hbetl.evaluation import fold_of, fold_scores, judge, per_field, per_indicator, report
from hbetl.extract import extract_metrics

_RECORD = {"kind": "actual", "qualifier": None, "mom_pct": None, "plan_pct": None, "scope": None}
PARAS = [
    {"id": "a", "site": "baomot.vn", "published": "2024-04-05",
     "text": "Quý I, kim ngạch xuất khẩu của tỉnh đạt 120 triệu USD, tăng 8% so với cùng kỳ.",
     "records": [{**_RECORD, "indicator": "export_turnover", "period": "2024-Q1", "value": 120,
                  "unit": "million_usd", "yoy_pct": 8}]},
    {"id": "b", "site": "baohai.vn", "published": "2024-07-03",
     "text": "Sáu tháng đầu năm, thu ngân sách nhà nước trên địa bàn đạt 2.150 tỷ đồng.",
     "records": [{**_RECORD, "indicator": "budget_revenue", "period": "2024-H1", "value": 2150,
                  "unit": "billion_vnd", "yoy_pct": None},
                 {**_RECORD, "indicator": "cpi", "period": "2024-H1", "value": None, "unit": None, "yoy_pct": 3.1}]},
]


def test_a_paragraph_keeps_its_fold_whatever_else_is_in_the_set():
    assert fold_of(PARAS[0], 5) == fold_of(dict(PARAS[0], id="other"), 5)
    assert {fold_of({"site": f"bao{i}.vn"}, 5) for i in range(50)} == set(range(5))


def test_fold_rows_add_up_to_the_whole_set():
    judged = judge(PARAS, extract_metrics)
    rows = {name: score for name, score, _ in fold_scores(judged, 5, {3, 4})}
    assert rows["all"].gold == 3 and rows["all"].strict_matched == 2
    assert sum(s.gold for name, s in rows.items() if name.startswith("fold ")) == 3
    assert rows["all"].precision == 1.0 and round(rows["all"].recall, 3) == 0.667


def test_per_indicator_and_per_field_count_misses_against_recall():
    judged = judge(PARAS, extract_metrics)
    by_code = dict(per_indicator(judged))
    assert by_code["cpi"].gold == 1 and by_code["cpi"].strict_matched == 0
    fields = {name: (g, p, rg, rp) for name, g, p, rg, rp in per_field(judged)}
    assert fields["yoy_pct"] == (2, 1, 1, 1) and fields["value"] == (2, 2, 2, 2)


def test_verbose_shows_only_the_tune_folds_errors(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in PARAS), encoding="utf-8")
    cpi_fold = fold_of(PARAS[1], 5)
    hidden = report(path, extract_metrics, folds=5, check={cpi_fold}, verbose=True)
    shown = report(path, extract_metrics, folds=5, check={cpi_fold}, verbose=True, show_check=True)
    assert "missed" not in hidden and "b: missed" in shown and '"cpi"' in shown


def test_the_command_prints_markdown_tables(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in PARAS), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "evaluate", str(path), "--markdown"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "| all | 2 | 3 | 2 |" in out.stdout and "| export_turnover |" in out.stdout and "| yoy_pct |" in out.stdout
    missing = subprocess.run([sys.executable, "-m", "hbetl.cli", "evaluate", str(Path(tmp_path, "nope.jsonl"))],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "nope.jsonl" in missing.stderr


def test_a_set_with_undated_paragraphs_is_also_scored_without_them():
    undated = {"id": "c", "site": "baoc.vn", "published": "2024-07-02",
               "text": "Thu ngân sách nhà nước trên địa bàn đạt 1.900 tỷ đồng.",
               "records": [{**_RECORD, "indicator": "budget_revenue", "period": "2024-H1", "value": 1900,
                            "unit": "billion_vnd", "yoy_pct": None}]}
    rows = {name: (score, n) for name, score, n in fold_scores(judge([*PARAS, undated], extract_metrics), 1, set())}
    assert rows["all"][0].gold == 4 and rows["naming a period"][0].gold == 3 and rows["naming a period"][1] == 2
    assert "naming a period" not in {name for name, _, _ in fold_scores(judge(PARAS, extract_metrics), 1, set())}


def test_a_record_listing_two_indicators_counts_as_score_py_counts_it(tmp_path):
    # score.py compares a labelled indicator as written: a list of readings matches nothing,
    # so the record is a miss; the tables name it instead of failing on it.
    optional = {**PARAS[0]["records"][0], "indicator": ["export_turnover", None]}
    paras = [dict(PARAS[0], records=[optional])]
    by_code = dict(per_indicator(judge(paras, extract_metrics)))
    assert by_code["export_turnover or None"].gold == 1 and by_code["export_turnover"].predicted == 1
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(paras[0], ensure_ascii=False), encoding="utf-8")
    assert "| export_turnover or None | 1 | 0 |" in report(path, extract_metrics, folds=1, markdown=True)


@pytest.mark.parametrize(("content", "reason"), [
    (b"\xff\xfe not text", ": not UTF-8 text (byte 0xff at offset 0)"),
    (b'{"text": "a", "published": "2023-13-01", "records": []}\n',
     ":1: published '2023-13-01' is not a date: month must be in 1..12"),
    (b'{"text": "a", "published": "2023-04-10", "records": [{"indicator": "cpi"}]}\n',
     ":1: records must be a list of objects, each with an indicator and a period"),
])
def test_a_gold_file_that_cannot_be_scored_is_named_with_its_line(tmp_path, content, reason):
    """Before: 'hbetl evaluate: UnicodeDecodeError: 'utf-8' codec can't decode byte …', 'ValueError:
    month must be in 1..12', "KeyError: 'period'": one line, but naming neither the file nor the line."""
    path = tmp_path / "gold.jsonl"
    path.write_bytes(content)
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "evaluate", str(path)], capture_output=True, text=True,
                         timeout=120)
    assert (out.returncode, out.stdout, out.stderr) == (1, "", f"hbetl evaluate: {path}{reason}\n")


def test_a_check_fold_past_the_last_is_refused(tmp_path):
    """Before: --check-folds 9 with 5 folds scored an empty check set ('check folds  0  0  0  1.000'), exit 0."""
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "a", "published": "2023-04-10", "site": "x.vn", "records": []}) + "\n",
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "evaluate", str(path), "--check-folds", "3,9"],
                         capture_output=True, text=True, timeout=120)
    assert (out.returncode, out.stdout, out.stderr) == (
        1, "", "hbetl evaluate: --check-folds 3,9: the folds are numbered 0-4 (--folds 5)\n")
