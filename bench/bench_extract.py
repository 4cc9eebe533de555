"""Sentences per second through extract_metrics, on the labelled fixtures.

    .venv/bin/python bench/bench_extract.py
"""

from __future__ import annotations

import time
from pathlib import Path

from hbetl.evaluation import load_labelled, published_date
from hbetl.extract import extract_metrics, split_sentences

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "labelled"


def main(rounds: int = 50) -> None:
    paras = [p for f in sorted(FIXTURES.glob("*.jsonl")) for p in load_labelled(f)]
    n_sentences = sum(len(split_sentences(p["text"])) for p in paras) * rounds
    n_chars = sum(len(p["text"]) for p in paras) * rounds
    t0 = time.perf_counter()
    for _ in range(rounds):
        for p in paras:
            extract_metrics(p["text"], published_date(p["published"]))
    dt = time.perf_counter() - t0
    print(f"{n_sentences / dt:,.0f} sentences/s, {n_chars / dt / 1000:,.0f} KB/s ({n_sentences} sentences in {dt:.2f} s)")


if __name__ == "__main__":
    main()
