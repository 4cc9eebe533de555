"""What the extract tests (tests/test_extract_*.py) ask of extract_metrics, written once."""

from datetime import date

from hbetl.extract import extract_metrics

NOV = date(2024, 11, 6)
OCT = date(2023, 10, 8)
JAN = date(2025, 1, 8)


def facts(text: str, published: date = NOV) -> set[tuple]:
    """(indicator, period, value, yoy, mom, plan) of every record of ``text``."""
    return {(r.indicator, r.period, r.value, r.yoy_pct, r.mom_pct, r.plan_pct)
            for r in extract_metrics(text, published)}


def facts_with_unit(text: str, published: date = JAN) -> set[tuple]:
    """The same with the unit after the value."""
    return {(r.indicator, r.period, r.value, r.unit, r.yoy_pct, r.mom_pct, r.plan_pct)
            for r in extract_metrics(text, published)}


def one(text: str, published: date = OCT, **expected: object) -> None:
    """``text`` gives one record, with the ``expected`` attributes."""
    records = extract_metrics(text, published)
    assert len(records) == 1, records
    for name, value in expected.items():
        assert getattr(records[0], name) == value, (name, records[0])
