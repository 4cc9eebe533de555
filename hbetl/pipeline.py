"""The quarterly ETL as plain functions, in stage order.

    discover  ->  fetch  ->  parse + extract  ->  load
    (crawl)       (fetch)    (parse, extract)     (warehouse)

``flows/quarterly.py`` wraps each stage in a Prefect task; nothing here imports
Prefect, so the same stages run in tests, benchmarks and on a Dask worker.
Per-page problems never raise: they come back as `Page` rows with a reason, so one
bad page cannot stop a batch. Whole-stage problems raise `hbetl.errors` errors,
transient or terminal, for the retry logic above to read.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import httpx

from hbetl import crawl
from hbetl.discover import normalise_url, quarter_window
from hbetl.errors import HbetlError
from hbetl.extract import extract_metrics
from hbetl.models import Article, Metric, Page
from hbetl.parse import parse_article
from hbetl.profiles import get_profile
from hbetl.settings import Settings
from hbetl.warehouse import open_warehouse

log = logging.getLogger("hbetl.pipeline")

__all__ = [
    "BatchResult",
    "discover_urls",
    "fetch_pages",
    "parse_and_extract",
    "load_batch",
    "previous_quarter",
    "quarter_window",
    "chunks",
]


@dataclass(slots=True)
class BatchResult:
    """What parse + extract made of one batch of fetched pages."""

    articles: list[Article] = field(default_factory=list)
    metrics: list[tuple[str, Metric]] = field(default_factory=list)  # (article_url, metric)
    pages: list[Page] = field(default_factory=list)  # every page of the batch, bodies dropped

    @property
    def failures(self) -> list[Page]:
        return [p for p in self.pages if p.outcome == "failed"]


def previous_quarter(today: date) -> tuple[int, int]:
    """The quarter that ended before ``today``: a run on 2024-01-20 processes 2023 Q4."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


def chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


async def discover_urls(
    settings: Settings, start: date, end: date, transport: httpx.AsyncBaseTransport | None = None
) -> tuple[list[str], dict]:
    """Article URLs published in [start, end], found by every route the profile offers,
    and the fetcher's counters (requests, retries, faults) for the run summary."""
    from hbetl.fetch import Fetcher  # the edge: imported where the network is used

    profile = get_profile(settings.profile)
    async with Fetcher(settings, transport=transport) as fetcher:
        found = await crawl.discover(fetcher, settings.site, profile, start, end)
        stats = fetcher.stats_dict()
    return [url for url, _published in found], stats


async def fetch_pages(
    settings: Settings,
    urls: Iterable[str],
    validators: dict[str, Page] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[list[Page], dict]:
    """Fetch a batch; conditional requests where ``validators`` hold an earlier fetch."""
    from hbetl.fetch import Fetcher

    validators = validators or {}
    async with Fetcher(settings, transport=transport) as fetcher:
        pages = await asyncio.gather(*(fetcher.fetch(u, validators.get(u)) for u in urls))
        stats = fetcher.stats_dict()
    return list(pages), stats


def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return datetime.fromisoformat(article.published).date()
    except ValueError:
        return None


def parse_and_extract(pages: Iterable[Page]) -> BatchResult:
    """Pure CPU work: HTML to articles to metric records. Bodies are dropped on the way."""
    result = BatchResult()
    for page in pages:
        body, page = page.body, replace(page, body=None)
        if page.outcome == "fetched" and body is not None:
            try:
                article = parse_article(body, page.url, content_type=page.content_type)
            except HbetlError as exc:
                page = replace(page, outcome="failed", reason=f"parse: {exc.reason}")
                log.warning("%s: %s", page.url, page.reason)
            else:
                article.url = page.url
                result.articles.append(article)
                for metric in extract_metrics(article.body, _published_date(article)):
                    result.metrics.append((page.url, metric))
        elif page.outcome == "failed":
            log.warning("%s: %s", page.url, page.reason)
        result.pages.append(page)
    return result


def load_batch(settings: Settings, batch: BatchResult, run_id: str) -> dict[str, int]:
    """Load one batch in one transaction; returns the warehouse's counts for it."""
    with open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds) as wh:
        counts = wh.load_batch(batch.articles, batch.metrics, batch.pages, run_id)
    return dict(counts) if not isinstance(counts, dict) else counts


def page_validators(settings: Settings, urls: Sequence[str]) -> dict[str, Page]:
    """Earlier fetches of these URLs (ETag, Last-Modified), for conditional requests."""
    with open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds) as wh:
        return wh.page_validators(list(urls))


def normalise_all(urls: Iterable[str], site: str) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        seen.setdefault(normalise_url(url, site), None)
    return list(seen)
