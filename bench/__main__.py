"""`make bench`: run every benchmark in turn; each prints its table and writes bench/results/NAME.json.

    python -m bench              all of them (~11 minutes on 2 cores; memory is 3 of them, reprocess 2.5)
    python -m bench parse load   some of them

Each bench runs with its own defaults (sys.argv is reset to its name); pass options by
running one directly, e.g. ``python -m bench.bench_memory --sizes 10000,50000``.
"""

from __future__ import annotations

import importlib
import sys
import time

import flows  # noqa: F401  (the project's Prefect defaults, before anything imports Prefect)

BENCHES = ["parse", "extract", "load", "fetch", "flow", "reprocess", "memory"]


def main(argv: list[str]) -> int:
    names = argv or BENCHES
    failed = []
    for name in names:
        try:
            module = importlib.import_module(f"bench.bench_{name}")
        except ModuleNotFoundError as exc:
            print(f"bench {name}: skipped ({exc})")
            continue
        print(f"\n== bench {name} ==", flush=True)
        started = time.monotonic()
        sys.argv = [f"bench_{name}"]  # a bench's own argparse must not read the runner's arguments
        try:
            module.main()
        except Exception as exc:  # one broken bench should not hide the others' figures
            failed.append(name)
            print(f"bench {name}: failed: {type(exc).__name__}: {exc}")
        print(f"(bench {name} took {time.monotonic() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
