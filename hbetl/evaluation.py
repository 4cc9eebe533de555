"""Scoring extracted records against hand-labelled paragraphs.

The same matching rules as the project's shared scorer (metric-record.md): a
prediction matches a gold record when indicator, period and value agree (value
within 0.01 %; a null gold value asks for a null prediction with one agreeing
change); strict F1 also asks kind, unit, qualifier and the three changes to be
right. A gold field may be a list of acceptable readings. Predictions whose
indicator is not in the catalogue are not scored.

Outlet folds (``hbetl evaluate GOLD.jsonl --folds 5``): the paragraphs are split by
the outlet that published them (their ``site``), so a rule fitted to one paper's
phrasing while looking at the tune folds shows whether it carries to papers it was
not fitted on (the check folds). A paragraph's fold is a stable hash of its site.

Paragraphs that name no period: the extractor writes no record it cannot date (a figure's
period comes from its text, or the publication date gives only the year of a period the
text names). Every paragraph of the shared dev set names one, but labelled pools gathered
since hold some, labelled with a period inferred from the date or the wider article; their
records are all misses. When a set holds such paragraphs the report adds a row for the
others, so its score can be compared with the dev set's.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hbetl.errors import ConfigError
from hbetl.indicators import load_catalogue
from hbetl.numbers import normalise_text
from hbetl.periods import find_periods

ATTRS = ("kind", "unit", "qualifier", "yoy_pct", "mom_pct", "plan_pct")
_SAME_PERIOD = {"YTD03": "Q1", "YTD06": "H1"}


@dataclass(frozen=True, slots=True)
class Score:
    gold: int
    predicted: int
    matched: int
    strict_matched: int

    @property
    def precision(self) -> float:
        return self.strict_matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.strict_matched / self.gold if self.gold else 0.0

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


# What a labelled paragraph must hold to be scored (../shared/eval's format; tests/fixtures/labelled).
_LABELLED_KEYS = ("text", "records")


def load_labelled(path: Path) -> list[dict]:
    """The labelled paragraphs of a JSON-lines file; ConfigError naming the line that is not one."""
    paragraphs = []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # ('UnicodeDecodeError: 'utf-8' codec can't decode byte …', no file named)
        raise ConfigError(f"{path}: not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start})") from None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            para = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        missing = [k for k in _LABELLED_KEYS if not isinstance(para, dict) or k not in para]
        if missing:
            raise ConfigError(f"{path}:{n}: not a labelled paragraph (no {', '.join(missing)})")
        # Told here, by line, what failed the scoring later naming nothing ('ValueError: month must be
        # in 1..12', "KeyError: 'period'").
        try:
            published_date(para.get("published"))
        except (ValueError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{path}:{n}: published {para.get('published')!r} is not a date: {exc}") from None
        records = para["records"]
        if not isinstance(records, list) or not all(isinstance(r, dict) and {"indicator", "period"} <= r.keys()
                                                    for r in records):
            raise ConfigError(f"{path}:{n}: records must be a list of objects, each with an indicator and a period")
        paragraphs.append(para)
    return paragraphs


@dataclass(frozen=True, slots=True)
class Judged:
    """One paragraph's gold records, the extractor's (catalogue codes only) and their pairs."""

    para: dict
    pred: list[dict]
    pairs: list[tuple[dict, dict]]

    @property
    def strict_pairs(self) -> list[tuple[dict, dict]]:
        return [(g, p) for g, p in self.pairs if all(attr_ok(a, g, p) for a in ATTRS)]


def judge(paragraphs: Iterable[dict], extract: Callable[[str, date | None], list]) -> list[Judged]:
    codes = set(load_catalogue())
    out = []
    for para in paragraphs:
        pred = [asdict(r) if is_dataclass(r) else dict(r) for r in extract(para["text"], published_date(para.get("published")))]
        pred = [p for p in pred if p.get("indicator") in codes]
        out.append(Judged(para, pred, match(para["records"], pred)))
    return out


def score_judged(judged: Iterable[Judged]) -> Score:
    n_gold = n_pred = tp = strict_tp = 0
    for j in judged:
        n_gold += len(j.para["records"])
        n_pred += len(j.pred)
        tp += len(j.pairs)
        strict_tp += len(j.strict_pairs)
    return Score(n_gold, n_pred, tp, strict_tp)


def score_paragraphs(paragraphs: Iterable[dict], extract: Callable[[str, date | None], list]) -> Score:
    return score_judged(judge(paragraphs, extract))


# --- outlet folds ---------------------------------------------------------------------


def fold_of(para: dict, folds: int) -> int:
    """The paragraph's fold: a stable hash of its outlet (``site``, else its id)."""
    key = str(para.get("site") or para.get("id") or "")
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % folds


def names_a_period(text: str) -> bool:
    """Whether ``text`` names a period the extractor can read (a month, quarter, year, …)."""
    return bool(find_periods(normalise_text(text)))


def fold_scores(judged: list[Judged], folds: int, check: set[int]) -> list[tuple[str, Score, int]]:
    """(name, score, paragraphs) for all, those naming a period (when some do not), the tune
    folds, the check folds and each fold."""
    by_fold = {f: [j for j in judged if fold_of(j.para, folds) == f] for f in range(folds)}
    tune = sorted(set(range(folds)) - check)
    rows = [("all", score_judged(judged), len(judged))]
    dated = [j for j in judged if names_a_period(j.para["text"])]
    if len(dated) < len(judged):
        rows.append(("naming a period", score_judged(dated), len(dated)))
    if folds > 1:
        for name, chosen in ((f"tune folds {','.join(map(str, tune))}", tune),
                             (f"check folds {','.join(map(str, sorted(check)))}", sorted(check))):
            js = [j for f in chosen for j in by_fold[f]]
            rows.append((name, score_judged(js), len(js)))
        rows += [(f"fold {f}", score_judged(by_fold[f]), len(by_fold[f])) for f in range(folds)]
    return rows


# --- what went wrong, and where ----------------------------------------------------------

_SHOWN = ("indicator", "period", "kind", "value", "unit", "qualifier", "yoy_pct", "mom_pct", "plan_pct", "scope")


def error_lines(j: Judged) -> list[str]:
    """The paragraph's errors as ``score.py -v`` prints them: wrong fields, misses, extras."""
    pid = j.para.get("id")
    lines = []
    for g, p in j.pairs:
        wrong = {a: (g.get(a), p.get(a)) for a in ATTRS if not attr_ok(a, g, p)}
        if wrong:
            lines.append(f"{pid}: {g['indicator']} {g['period']} wrong (gold, got): {wrong}")
    matched_g = {id(g) for g, _ in j.pairs}
    matched_p = {id(p) for _, p in j.pairs}
    for g in j.para["records"]:
        if id(g) not in matched_g:
            lines.append(f"{pid}: missed {json.dumps({k: g.get(k) for k in _SHOWN}, ensure_ascii=False)}")
    for p in j.pred:
        if id(p) not in matched_p:
            lines.append(f"{pid}: extra {json.dumps({k: p.get(k) for k in _SHOWN}, ensure_ascii=False)}")
    return lines


def _indicator_row(record: dict) -> str:
    """The row a record counts in: its code, or for a labelled record listing readings
    (``["export_turnover", null]``, "this record, or none") the readings joined. score.py
    matches such a record with nothing, so its row shows it as a miss, as score.py counts it."""
    code = record.get("indicator")
    return " or ".join(str(c) for c in code) if isinstance(code, list) else str(code)


def per_indicator(judged: list[Judged]) -> list[tuple[str, Score]]:
    """Strict scores of each indicator, most gold records first."""
    gold, pred, fact, strict = Counter(), Counter(), Counter(), Counter()
    for j in judged:
        gold.update(_indicator_row(g) for g in j.para["records"])
        pred.update(_indicator_row(p) for p in j.pred)
        fact.update(_indicator_row(g) for g, _ in j.pairs)
        strict.update(_indicator_row(g) for g, _ in j.strict_pairs)
    codes = sorted(set(gold) | set(pred), key=lambda c: (-gold[c], c))
    return [(c, Score(gold[c], pred[c], fact[c], strict[c])) for c in codes]


FIELDS = ("value", "qualifier", "yoy_pct", "mom_pct", "plan_pct", "kind", "scope")


def per_field(judged: list[Judged]) -> list[tuple[str, int, int, int, int]]:
    """(field, labelled records that must fill it, predictions that fill it, of the former
    those a matched prediction fills rightly, of the latter those right), over all records:
    a filled field of a missed record counts against recall, one of an extra record against
    precision. ``kind`` counts only what is not ``actual``; ``scope`` is compared as written,
    case and spaces aside (score.py does not score it)."""
    rows = []
    for name in FIELDS:
        n_gold = n_pred = right_gold = right_pred = 0
        for j in judged:
            n_gold += sum(_field_filled(name, g.get(name)) for g in j.para["records"])
            n_pred += sum(_field_filled(name, p.get(name)) for p in j.pred)
            for g, p in j.pairs:
                ok = _field_filled(name, p.get(name)) and _field_ok(name, g, p)
                right_gold += ok and _field_filled(name, g.get(name))
                right_pred += ok
        rows.append((name, n_gold, n_pred, right_gold, right_pred))
    return rows


def _field_filled(name: str, v: Any) -> bool:
    """Whether the field holds something: for a gold field listing readings, whether every
    reading does (one that allows null asks nothing of the prediction)."""
    options = _options(v)
    if name == "kind":
        return all(o not in (None, "actual") for o in options)
    return all(o is not None for o in options)


def _field_ok(name: str, g: dict, p: dict) -> bool:
    if name == "value":
        return _value_matches(g, p)
    if name == "scope":
        return any(_norm_scope(x) == _norm_scope(p.get("scope")) for x in _options(g.get("scope")))
    return attr_ok(name, g, p)


def _norm_scope(v: Any) -> Any:
    return " ".join(v.lower().split()) if isinstance(v, str) else v


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def fold_table(rows: list[tuple[str, Score, int]]) -> list[list[str]]:
    head = ["set", "paragraphs", "gold", "predicted", "strict F1", "P", "R", "fact F1"]
    return [head] + [[name, str(n), str(s.gold), str(s.predicted), f"{s.strict_f1:.3f}", f"{s.precision:.3f}",
                      f"{s.recall:.3f}", f"{s.fact_f1:.3f}"] for name, s, n in rows]


def indicator_table(judged: list[Judged]) -> list[list[str]]:
    head = ["indicator", "gold", "predicted", "strict P", "strict R", "strict F1", "fact F1"]
    return [head] + [[code, str(s.gold), str(s.predicted), _ratio(s.strict_matched, s.predicted),
                      _ratio(s.strict_matched, s.gold), f"{s.strict_f1:.3f}", f"{s.fact_f1:.3f}"]
                     for code, s in per_indicator(judged)]


def field_table(judged: list[Judged]) -> list[list[str]]:
    head = ["field", "labelled filled", "found", "predicted filled", "right", "P", "R"]
    return [head] + [[name, str(g), str(rg), str(p), str(rp), _ratio(rp, p), _ratio(rg, g)]
                     for name, g, p, rg, rp in per_field(judged)]


def render(table: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(table[0]) + " |", "| " + " | ".join("---" for _ in table[0]) + " |"]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in table[1:]])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
                     for row in table)


def report(path: Path, extract: Callable[[str, date | None], list], folds: int = 5, check: set[int] | None = None,
           verbose: bool = False, show_check: bool = False, markdown: bool = False) -> str:
    """What ``hbetl evaluate`` prints: scores overall and by outlet fold; with ``markdown``,
    also per indicator and per field; with ``verbose``, the errors of the tune folds only
    (and of the check folds too with ``show_check``: looking at them spends them)."""
    judged = judge(load_labelled(path), extract)
    check = {f for f in (check if check is not None else {folds - 2, folds - 1}) if 0 <= f < folds} if folds > 1 else set()
    parts = []
    if markdown:
        parts += [f"# Extraction quality on `{path.name}`\n",
                  f"Written by `hbetl evaluate {path.name} --folds {folds} --markdown`. A record counts when "
                  "indicator, period and value agree with a labelled one (fact F1); strict F1 also asks kind, "
                  "unit, qualifier and the three changes to be right, as `score.py` and metric-record.md count. "
                  "Analysts: trust an indicator as far as its strict precision goes.\n",
                  f"## Overall and by outlet fold\n\nFolds by a hash of each paragraph's site ({folds} folds; "
                  f"check folds {sorted(check)}, the ones `-v` keeps back: `--check-folds`).\n"]
    parts.append(render(fold_table(fold_scores(judged, folds, check)), markdown))
    if markdown:
        parts += ["\n## By indicator\n", render(indicator_table(judged), markdown),
                  "\n## By field\n",
                  "Over all records: a field is filled when it is not null (`kind`: not `actual`; a labelled "
                  "field listing several readings, when none is null); "
                  "`found` counts labelled fields a matched prediction fills rightly, `right` the filled "
                  "predictions matched to a labelled record that accepts their reading "
                  "(`scope` compared as written; score.py does not score it).\n",
                  render(field_table(judged), markdown)]
    if verbose:
        shown = [j for j in judged if show_check or fold_of(j.para, folds) not in check]
        parts += ["", *[line for j in shown for line in error_lines(j)]]
    return "\n".join(parts)
