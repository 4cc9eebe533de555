"""Scoring extracted records against hand-labelled paragraphs.

The same matching rules as the project's shared scorer (metric-record.md): a
prediction matches a gold record when indicator, period and value agree (value
within 0.01 %; a null gold value asks for a null prediction with one agreeing
change); strict F1 also asks kind, unit, qualifier and the three changes to be
right. A gold field may be a list of acceptable readings. Predictions whose
indicator is not in the catalogue are not scored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hbetl.indicators import load_catalogue

ATTRS = ("kind", "unit", "qualifier", "yoy_pct", "mom_pct", "plan_pct")
_SAME_PERIOD = {"YTD03": "Q1", "YTD06": "H1"}


@dataclass(frozen=True, slots=True)
class Score:
    gold: int
    predicted: int
    matched: int
    strict_matched: int

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_matched, self.predicted, self.gold)

    @property
    def fact_f1(self) -> float:
        return _f1(self.matched, self.predicted, self.gold)


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    if n_pred == 0 and n_gold == 0:
        return 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def canonical_period(p: Any) -> Any:
    if not isinstance(p, str):
        return p
    year, _, rest = p.partition("-")
    if rest == "YTD12":
        return year
    return f"{year}-{_SAME_PERIOD.get(rest, rest)}" if rest else year


def _options(v: Any) -> list:
    return v if isinstance(v, list) else [v]


def _close(a: Any, b: Any, rel: float = 1e-4, absolute: float = 0.005) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= max(absolute, rel * max(abs(float(a)), abs(float(b))))


def _value_matches(g: dict, p: dict) -> bool:
    golds = _options(g.get("value"))
    if p.get("value") is None:
        return None in golds and any(
            gv is not None and _close(gv, p.get(k))
            for k in ("yoy_pct", "mom_pct", "plan_pct") for gv in _options(g.get(k))
        )
    return any(gv is not None and _close(gv, p["value"], absolute=1e-9) for gv in golds)


def attr_ok(name: str, g: dict, p: dict) -> bool:
    for gv in _options(g.get(name)):
        if name.endswith("_pct"):
            if _close(gv, p.get(name)):
                return True
        elif gv == p.get(name):
            return True
    return False


def match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for g in gold:
        periods = {canonical_period(x) for x in _options(g["period"])}
        best = None
        for i, p in enumerate(pred):
            if i in used or p.get("indicator") != g["indicator"]:
                continue
            if canonical_period(p.get("period")) not in periods or not _value_matches(g, p):
                continue
            score = sum(attr_ok(a, g, p) for a in ATTRS)
            if best is None or score > best[0]:
                best = (score, i)
        if best is not None:
            used.add(best[1])
            pairs.append((g, pred[best[1]]))
    return pairs


def published_date(s: str | None) -> date | None:
    """'2023-04-10', '2023-04' or '2023'; a partial date is taken at the end of its month or year."""
    if not s:
        return None
    parts = [int(x) for x in s.split("-")]
    parts += [12, 28][len(parts) - 1:] if len(parts) < 3 else []
    return date(*parts[:3])


def load_labelled(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_paragraphs(paragraphs: Iterable[dict], extract: Callable[[str, date | None], list]) -> Score:
    codes = set(load_catalogue())
    n_gold = n_pred = tp = strict_tp = 0
    for para in paragraphs:
        pred = [asdict(r) if is_dataclass(r) else dict(r) for r in extract(para["text"], published_date(para.get("published")))]
        pred = [p for p in pred if p.get("indicator") in codes]
        pairs = match(para["records"], pred)
        n_gold += len(para["records"])
        n_pred += len(pred)
        tp += len(pairs)
        strict_tp += sum(all(attr_ok(a, g, p) for a in ATTRS) for g, p in pairs)
    return Score(n_gold, n_pred, tp, strict_tp)
