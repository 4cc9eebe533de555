"""Before/after speed of parse_article and extract_metrics, in one run.

    .venv/bin/python bench/bench_speed_check.py [--old /tmp/orig] [--seconds 2]

``--old`` names a folder holding an older copy of the ``hbetl`` package; each
implementation is timed in its own subprocess (so the two never share imports or
caches) on the same pages: bench_parse's 60 KB sample-site and modern pages, and the
labelled paragraphs for sentences per second. Lexbor's bare parse and trafilatura's
extract() run alongside as the yardsticks of issue 7.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URL = "http://127.0.0.1:8000/11/1/x.htm"


def _rate(fn: Callable[[], object], seconds: float) -> float:
    fn()  # warm-up: imports, caches
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(5):
            fn()
        done += 5
    return done / elapsed


def measure(seconds: float, yardsticks: bool) -> dict[str, float]:
    """Rates of the ``hbetl`` first on sys.path (the caller puts the one to time there)."""
    from bench.bench_parse import modern_page, sample_site_page
    from hbetl.evaluation import load_labelled, published_date
    from hbetl.extract import extract_metrics, split_sentences
    from hbetl.parse import parse_article

    out: dict[str, float] = {}
    for name, page in (("sample_site", sample_site_page()), ("modern_generic", modern_page())):
        out[f"{name} parse_article"] = _rate(lambda p=page: parse_article(p, URL), seconds)
        out[f"{name} parse+extract"] = _rate(lambda p=page: extract_metrics(parse_article(p, URL).body), seconds)
        if yardsticks:
            from selectolax.lexbor import LexborHTMLParser

            out[f"{name} lexbor"] = _rate(lambda p=page: LexborHTMLParser(p), seconds)
            try:
                import trafilatura

                out[f"{name} trafilatura"] = _rate(lambda p=page: trafilatura.extract(p), seconds)
            except ImportError:
                pass
    paras = [(p["text"], published_date(p["published"]))
             for f in sorted((ROOT / "tests" / "fixtures" / "labelled").glob("*.jsonl")) for p in load_labelled(f)]
    n_sentences = sum(len(split_sentences(t)) for t, _ in paras)

    def all_paragraphs() -> None:
        for text, day in paras:
            extract_metrics(text, day)

    out["sentences/s"] = _rate(all_paragraphs, seconds) * n_sentences
    return out


def _run(path: str | None, seconds: float, yardsticks: bool) -> dict[str, float]:
    code = (f"import sys, json; sys.path[:0] = ([{path!r}] if {path!r} else []) + [{str(ROOT)!r}];"
            f"from bench.bench_speed_check import measure; import hbetl;"
            f"assert {path!r} is None or hbetl.__file__.startswith({path!r}), hbetl.__file__;"
            f"print(json.dumps(measure({seconds}, {yardsticks})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", help="folder holding an older hbetl package to compare with")
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args()
    new = _run(None, args.seconds, yardsticks=True)
    old = _run(args.old, args.seconds, yardsticks=False) if args.old else {}
    print(f"{'measure':32} {'old':>10} {'new':>10} {'x':>6}")
    for key, value in new.items():
        before = old.get(key)
        ratio = f"{value / before:6.2f}" if before else ""
        print(f"{key:32} {before or float('nan'):10,.1f} {value:10,.1f} {ratio}")
    for page in ("sample_site", "modern_generic"):
        lexbor, traf = new.get(f"{page} lexbor"), new.get(f"{page} trafilatura")
        for what in ("parse_article", "parse+extract"):
            rate = new[f"{page} {what}"]
            print(f"{page} {what}: {rate / lexbor:.3f}x lexbor" + (f", {rate / traf:.1f}x trafilatura" if traf else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
