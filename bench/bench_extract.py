"""Sentences per second through extract_metrics, on the labelled fixtures.

    .venv/bin/python -m bench extract          (or: .venv/bin/python bench/bench_extract.py)

Two contenders on the same paragraphs, in one run: the extractor as shipped, whose
regex scans run through ``textscan.FastPattern`` (lower-cased text, no IGNORECASE,
literal triggers), and the same extractor with every FastPattern answering from its
``reference`` pattern (the ordinary ``re.IGNORECASE`` compile, as before the change).
Both must give the same records.

Then the issue-13 line ("extraction speed within a fifth of today's"): the grammar as it stood
when issue 13 began (``BASELINE_REV``, taken from the clone's own history with ``git archive``)
and the grammar as shipped, each timed by the same script in a fresh process on the same
paragraphs, turn about. A clone without that history prints why and skips the pair.
Prints a table, writes bench/results/extract.json.
"""

from __future__ import annotations

import io
import json
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from hbetl.evaluation import load_labelled, published_date
from hbetl.extract import extract_metrics, split_sentences
from hbetl.textscan import FastPattern

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "labelled"
RESULTS = ROOT / "bench" / "results" / "extract.json"

# main when issue 13's work began (its merge base): dev strict F1 0.626, the speed the issue's
# line ("within a fifth of today's") was set against.
BASELINE_REV = "07e11bc"

# The timer both grammars run under, in their own process, importing only extract_metrics
# (the 2026-12-05 tree has no evaluation.published_date). Prints the best of three rounds' seconds.
_TIMER = """
import json, sys, time
from datetime import date
from pathlib import Path
from hbetl.extract import extract_metrics
paras = [json.loads(line) for f in sorted(Path(sys.argv[1]).glob("*.jsonl"))
         for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
args = [(p["text"], date.fromisoformat(p["published"][:10]) if p.get("published") else None) for p in paras]
for text, published in args:
    extract_metrics(text, published)
best = float("inf")
for _ in range(3):
    started = time.perf_counter()
    for _ in range(int(sys.argv[2])):
        for text, published in args:
            extract_metrics(text, published)
    best = min(best, time.perf_counter() - started)
print(best)
"""


# A process's first record: the import and the first paragraph, which compiles the catalogue's
# patterns (a CLI run or a flow's worker pays it once).
_FIRST = """
import sys, time
started = time.perf_counter()
from hbetl.extract import extract_metrics
extract_metrics(sys.argv[1])
print(time.perf_counter() - started)
"""


def _reference_finditer(self: FastPattern, text: str, folded: str | None = None) -> Iterator:
    # The string the fast path scans: ``folded`` when the caller gives it (find_mentions gives the
    # text lower-cased and retoned, "hoá" -> "hóa", which the raw text would not match).
    return self.reference.finditer(folded if folded is not None else text)


def _run(paras: list[dict], rounds: int) -> tuple[float, list]:
    records = [extract_metrics(p["text"], published_date(p["published"])) for p in paras]  # warm-up
    started = time.perf_counter()
    for _ in range(rounds):
        for p in paras:
            extract_metrics(p["text"], published_date(p["published"]))
    return time.perf_counter() - started, records


def _baseline_tree(into: Path) -> str | None:
    """``BASELINE_REV``'s hbetl/ unpacked under ``into``; None, or why not, when git cannot give it."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", BASELINE_REV, "hbetl"],
                                 capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"git archive {BASELINE_REV}: {getattr(exc, 'stderr', b'').decode(errors='replace').strip() or exc}"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(into, filter="data")
        else:
            tar.extractall(into)
    return None


def _timed_in_process(tree: Path, *args: str, script: str = _TIMER) -> float:
    """Seconds ``script`` prints, run with ``args`` by the hbetl found first in ``tree``."""
    out = subprocess.run([sys.executable, "-c", script, *args], cwd=tree,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"},
                         capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1])


def against_baseline(rounds: int, first_paragraph: str) -> dict[str, float] | str:
    """Seconds for the shipped grammar and ``BASELINE_REV``'s, each best of three alternations of
    its own process (the same timer, the same paragraphs), and each one's first record in a fresh
    process ("first now", "first BASELINE_REV"); or why the pair was skipped."""
    with tempfile.TemporaryDirectory(prefix="hbetl-baseline-") as tmp:
        why_not = _baseline_tree(Path(tmp))
        if why_not:
            return why_not
        trees = {"now": ROOT, BASELINE_REV: Path(tmp)}
        seconds = dict.fromkeys([*trees, *(f"first {name}" for name in trees)], float("inf"))
        for _ in range(3):
            for name, tree in trees.items():
                seconds[name] = min(seconds[name], _timed_in_process(tree, str(FIXTURES), str(rounds)))
                first = _timed_in_process(tree, first_paragraph, script=_FIRST)
                seconds[f"first {name}"] = min(seconds[f"first {name}"], first)
        return seconds


def main(rounds: int = 10) -> None:
    paras = [p for f in sorted(FIXTURES.glob("*.jsonl")) for p in load_labelled(f)]
    n_sentences = sum(len(split_sentences(p["text"])) for p in paras) * rounds
    n_chars = sum(len(p["text"]) for p in paras) * rounds

    # Alternating, best of three each: a shared machine's slow spell hits one measurement,
    # not one contender.
    shipped = FastPattern.finditer
    fast_s = ref_s = float("inf")
    for _ in range(3):
        seconds, fast_records = _run(paras, rounds)
        fast_s = min(fast_s, seconds)
        FastPattern.finditer = _reference_finditer  # type: ignore[method-assign]
        try:
            seconds, ref_records = _run(paras, rounds)
        finally:
            FastPattern.finditer = shipped  # type: ignore[method-assign]
        ref_s = min(ref_s, seconds)
    if fast_records != ref_records:
        raise RuntimeError("FastPattern and the reference patterns gave different records")

    rows = {"hbetl (FastPattern scans)": fast_s, "same, reference IGNORECASE scans": ref_s}
    print(f"{'contender':34} {'sentences/s':>12} {'KB/s':>8}")
    for label, seconds in rows.items():
        print(f"{label:34} {n_sentences / seconds:>12,.0f} {n_chars / seconds / 1000:>8,.0f}")
    print(f"FastPattern / reference: {ref_s / fast_s:.2f}x ({len(paras)} paragraphs x {rounds} rounds, "
          f"{n_sentences:,} sentences)")

    # The issue-13 line: fewer rounds, each contender's process times three of them.
    baseline = against_baseline(max(1, rounds // 2), paras[0]["text"])
    if isinstance(baseline, str):
        print(f"issue 13's line skipped: {baseline}")
        line = None
    else:
        line = baseline[BASELINE_REV] / baseline["now"]
        n_half = n_sentences // rounds * max(1, rounds // 2)
        print(f"{'grammar as shipped (own process)':34} {n_half / baseline['now']:>12,.0f}")
        print(f"{'grammar of ' + BASELINE_REV + ' (own process)':34} {n_half / baseline[BASELINE_REV]:>12,.0f}")
        print(f"shipped / {BASELINE_REV}: {line:.2f}x (issue 13's line: 0.80x)")
        print(f"first record in a fresh process (import, compiling the catalogue): shipped "
              f"{baseline['first now']:.2f} s, {BASELINE_REV} {baseline['first ' + BASELINE_REV]:.2f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "python": platform.python_version(), "paragraphs": len(paras), "rounds": rounds, "sentences": n_sentences,
        "sentences_per_s": {k: round(n_sentences / v, 1) for k, v in rows.items()},
        "kb_per_s": {k: round(n_chars / v / 1000, 1) for k, v in rows.items()},
        "fastpattern_vs_reference": round(ref_s / fast_s, 3),
        f"shipped_vs_{BASELINE_REV}": None if line is None else round(line, 3),
        "first_record_s": None if isinstance(baseline, str) else {
            name: round(baseline[f"first {name}"], 3) for name in ("now", BASELINE_REV)},
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
