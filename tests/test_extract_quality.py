"""The quality gate: strict F1 of the extractor on labelled paragraphs.

tests/fixtures/labelled/*.jsonl are our own paragraphs in the register of the
province's reports, labelled by hand from the language (metric-record.md). The
floor is pinned just under what the extractor reaches, so a change that loses
quality fails here instead of going unnoticed.
"""

from pathlib import Path

import pytest

from hbetl.evaluation import load_labelled, score_paragraphs
from hbetl.extract import extract_metrics

FIXTURES = Path(__file__).parent / "fixtures" / "labelled"
DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"

# Measured 1.000 on the fixtures (1,419 paragraphs, 2,017 records in 88 files, of which
# blind_newspaper_paragraphs.jsonl holds 238 paragraphs labelled before the extractor was run on
# them, and the files named by family those written for issue 13: the passes on writing the grammar
# was not tuned on, each family's behaviours in our own words) and 0.962 on the dev set (115 real
# paragraphs from 68 outlets, 281 records: P 0.981, R 0.943; `hbetl evaluate ../shared/eval/dev.jsonl`).
# The dev floor sits one record under that (a record is ~0.002 of F1 there).
# The fixtures' floor is the whole: at 0.995 three lost paragraphs of 739 went unnoticed in one
# round of merges, and every fixture pins a behaviour someone chose.
FIXTURE_FLOOR = 1.0
DEV_FLOOR = 0.960


def _paragraphs() -> list[dict]:
    paras = [p for f in sorted(FIXTURES.glob("*.jsonl")) for p in load_labelled(f)]
    assert len(paras) >= 40
    return paras


def test_fixtures_are_well_formed() -> None:
    for p in _paragraphs():
        assert {"id", "published", "text", "records"} <= set(p)
        for r in p["records"]:
            assert {"indicator", "period", "kind", "value", "unit", "qualifier",
                    "yoy_pct", "mom_pct", "plan_pct"} <= set(r)


@pytest.mark.timeout(120)
def test_strict_f1_on_own_fixtures() -> None:
    paras = _paragraphs()
    score = score_paragraphs(paras, extract_metrics)
    if score.strict_f1 < FIXTURE_FLOOR:
        lost = [p["id"] for p in paras if score_paragraphs([p], extract_metrics).strict_f1 < 1.0]
        pytest.fail(f"{score}; paragraphs read otherwise than labelled: {', '.join(lost)} "
                    "(`hbetl evaluate tests/fixtures/labelled/FILE.jsonl --folds 1 -v` shows how)")


@pytest.mark.timeout(120)
@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev.jsonl is not here")
def test_strict_f1_on_dev() -> None:
    score = score_paragraphs(load_labelled(DEV), extract_metrics)
    assert score.strict_f1 >= DEV_FLOOR, score
