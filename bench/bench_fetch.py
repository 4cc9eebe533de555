"""Crawl the sample site through the fault proxy and print the fetch counters.

    .venv/bin/python bench/bench_fetch.py --articles 3000 --rate-limit 20 \
        --start 2023-04-01 --end 2023-04-15 --fail-first 2 --fraction 0.333

Discovers the window's articles (archive, RSS, listings), then fetches every one,
with the proxy failing the first ``--fail-first`` tries of ``--fraction`` of all paths
(503 / 500 / 429 / dropped / truncated, chosen by hash of the path).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from faultproxy import FaultPlan, FaultProxy  # noqa: E402

from hbetl.crawl import discover_routes  # noqa: E402
from hbetl.fetch import Fetcher  # noqa: E402
from hbetl.profiles import get_profile  # noqa: E402
from hbetl.sample_site import start_sample_site  # noqa: E402
from hbetl.settings import Settings  # noqa: E402


async def crawl(settings: Settings, start: date, end: date) -> dict:
    profile = get_profile(settings.profile)
    async with Fetcher(settings) as fetcher:
        began = time.monotonic()
        found = await discover_routes(fetcher, settings.site, profile, start, end)
        pages = await fetcher.fetch_many(list(found.found))
        took = time.monotonic() - began
    return {"discovery": found.summary(), "articles": len(pages),
            "fetched": sum(p.outcome == "fetched" for p in pages), "seconds": round(took, 1),
            **fetcher.stats_dict()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rate-limit", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2023, 4, 1))
    parser.add_argument("--end", type=date.fromisoformat, default=date(2023, 4, 15))
    parser.add_argument("--fail-first", type=int, default=2)
    parser.add_argument("--fraction", type=float, default=1 / 3)
    args = parser.parse_args()
    plan = FaultPlan(fail_first=args.fail_first, fail_fraction=args.fraction,
                     fail_kinds=("503", "500", "429", "drop", "truncate"))
    with start_sample_site(articles=args.articles) as (_proc, site), FaultProxy(site, plan) as proxy:
        settings = Settings(site=proxy.url, rate_limit=args.rate_limit, concurrency=args.concurrency,
                            backoff_base=0.05, timeout=10.0)
        report = asyncio.run(crawl(settings, args.start, args.end))
        report["proxy_requests"] = len(proxy.requests)
        report["proxy_faults_injected"] = dict(proxy.faults())
        report["proxy_measured_rate"] = round(proxy.rate(), 3)
        report["rate_limit"] = args.rate_limit
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
