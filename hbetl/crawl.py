"""Discovery: which article URLs were published in a date window, by every route the
site offers. Network through :class:`hbetl.fetch.Fetcher` only; page reading in
:mod:`hbetl.discover`.

Routes, in the profile's order:
  archive   one "tin theo ngày" page per day (category 0 = all): exact, dated by the day
  rss       the feeds: dated (pubDate) but only the latest items, so it catches the newest
  listing   each category's pages, newest first: gallop to the window, then walk it
Links between articles ("Các tin khác") are a fourth route the pipeline may follow with
:func:`hbetl.discover.article_links` on pages it already has.

A route the site does not have (404 everywhere) is skipped, not an error: a site without
an archive still works through RSS and listings. A page that fails for good (5xx after
the retries, a timeout, a 403 …) is noted in ``Discovery.failed`` and logged, and the
other pages and routes go on; discovery raises only when no route found an article and
pages failed (naming one and its reason), or when a whole batch got no answer at all
(the host is down: Prefect tries again later).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from hbetl.discover import (
    archive_urls,
    dated_article_links,
    listing_url,
    normalise_url,
    rss_items,
    rss_urls,
    same_site,
)
from hbetl.errors import FetchRefused, FetchTransient
from hbetl.fetch import Fetcher, gather_or_cancel
from hbetl.models import Page
from hbetl.profiles import SiteProfile

log = logging.getLogger("hbetl.crawl")

ROUTES = ("archive", "rss", "listing")
# A listing walk stops here even if the dates never reach the window: 1,000 pages of
# 20 is 20,000 articles, more than a provincial paper prints in two years.
MAX_LISTING_PAGES = 1000
# Archive days fetched (and held) at once: a quarter's window is ~136 days, and at 270
# articles a day (a 100,000-article year) a day's page is ~100 KB; fetching them all
# before reading any held ~60 MB more at the peak (bench/bench_memory.py, 100,000 archive).
ARCHIVE_PAGES_AT_ONCE = 16


@dataclass(slots=True)
class Discovery:
    """What discovery found, and how each route did (for the run summary)."""

    found: dict[str, date | None] = field(default_factory=dict)  # url -> published day
    by_route: dict[str, int] = field(default_factory=dict)  # in-window URLs each route found
    pages: dict[str, int] = field(default_factory=dict)  # pages fetched per route
    skipped: dict[str, str] = field(default_factory=dict)  # route -> why it gave nothing
    failed: dict[str, str] = field(default_factory=dict)  # pages given up: url -> reason
    retryable: bool = False  # some of those failed transiently: a later run may read them
    # Pages robots.txt keeps us from (disallowed, or a Crawl-delay past what a run waits): the
    # site's wish, not a failure (a run is not "completed with failures" for a category robots.txt
    # closes), but the reason discovery gives when it finds nothing: a site whose robots.txt
    # disallowed everything had its run end on "no article loaded (0 discovered, 0 failed)".
    kept_out: dict[str, str] = field(default_factory=dict)  # url -> robots.txt's reason

    def note(self, page: Page, transient: bool) -> None:
        """Keep a page that failed (a 404 is no failure: a page the site does not have,
        a listing walked past its end), or that robots.txt kept us from reading."""
        if page.outcome == "failed" and page.status != 404:
            self.fail(page.url, page.reason or "failed", transient)
        elif page.outcome == "skipped" and "robots.txt" in (page.reason or ""):
            self.kept_out[page.url] = page.reason or "skipped"

    def fail(self, url: str, reason: str, transient: bool = False) -> None:
        """A discovery page given up, and why: kept for the run's summary and logged."""
        self.failed[url] = reason
        self.retryable = self.retryable or transient
        log.warning("discovery page failed: %s: %s", url, reason)

    def add(self, route: str, url: str, day: date | None) -> None:
        self.by_route[route] = self.by_route.get(route, 0) + 1
        if self.found.get(url) is None:
            self.found[url] = day

    def sorted(self) -> list[tuple[str, date | None]]:
        """By date (undated last), then URL."""
        return sorted(self.found.items(), key=lambda item: (item[1] or date.max, item[0]))

    def summary(self) -> str:
        routes = ", ".join(f"{r} {self.by_route.get(r, 0)} ({self.pages.get(r, 0)} pages)" for r in ROUTES)
        skipped = "; ".join(f"{r}: {why}" for r, why in self.skipped.items())
        failed = f"; {len(self.failed)} pages failed" if self.failed else ""
        kept_out = f"; {len(self.kept_out)} pages kept out by robots.txt" if self.kept_out else ""
        return (f"{len(self.found)} URLs: {routes}" + (f"; skipped {skipped}" if skipped else "") + failed
                + kept_out)


async def discover(fetcher: Fetcher, site: str, profile: SiteProfile, start: date, end: date,
                   routes: Iterable[str] = ROUTES) -> list[tuple[str, date | None]]:
    """Article URLs published in [start, end] with their day, sorted by date."""
    return (await discover_routes(fetcher, site, profile, start, end, routes)).sorted()


async def discover_routes(fetcher: Fetcher, site: str, profile: SiteProfile, start: date, end: date,
                          routes: Iterable[str] = ROUTES) -> Discovery:
    """What every route found, and the pages that failed. Raises FetchTransient (or
    FetchRefused, when no failure may pass on a later try) if pages failed and no route
    found an article: an empty quarter cannot be told from a broken site then."""
    result = Discovery()
    for route in routes:
        walk = {"archive": _archive, "rss": _rss, "listing": _listings}[route]
        await walk(fetcher, site, profile, start, end, result)
    log.info("discover %s..%s: %s", start, end, result.summary())
    if result.failed and not result.found:
        url, reason = next(iter(result.failed.items()))
        error = FetchTransient if result.retryable else FetchRefused
        raise error(f"no article found, {len(result.failed)} discovery pages failed, e.g. {url}: {reason}",
                    subject=site)
    if result.kept_out and not result.found:
        url, reason = next(iter(result.kept_out.items()))
        raise FetchRefused(f"no article found, robots.txt keeps us from {len(result.kept_out)} discovery pages, "
                           f"e.g. {url}: {reason}", subject=site)
    return result


def _in_window(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _all_missing(pages: list[Page]) -> bool:
    return bool(pages) and all(p.outcome == "failed" and p.status == 404 for p in pages)


async def _fetch(fetcher: Fetcher, urls: list[str], route: str, result: Discovery,
                 kind: str = "html") -> list[Page]:
    """A batch of a route's pages, counted and their failures noted. Raises FetchTransient
    when not one got an answer (refused, timed out, dropped: the host is down), rather than
    walk every route into a dead host; a site that answers, even 500, is walked on."""
    results = await gather_or_cancel(fetcher.fetch_with_flag(url, kind=kind) for url in urls)
    result.pages[route] = result.pages.get(route, 0) + len(results)
    for page, transient in results:
        result.note(page, transient)
    if results and all(transient and page.status is None for page, transient in results):
        page = results[0][0]
        raise FetchTransient(f"no answer to {len(results)} {route} pages, e.g. {page.url}: {page.reason}",
                             subject=urlsplit(page.url).netloc)
    return [page for page, _transient in results]


async def _archive(fetcher: Fetcher, site: str, profile: SiteProfile, start: date, end: date,
                   result: Discovery) -> None:
    urls = archive_urls(site, profile, start, end)
    if not urls:
        result.skipped["archive"] = "no archive route in the profile"
        return
    missing = 0
    for first in range(0, len(urls), ARCHIVE_PAGES_AT_ONCE):
        pages = await _fetch(fetcher, urls[first:first + ARCHIVE_PAGES_AT_ONCE], "archive", result)
        missing += len(pages) if _all_missing(pages) else 0
        for page in pages:
            if page.outcome != "fetched" or page.body is None:
                continue
            # Only links with a date printed beside them: the sidebar's "latest" boxes
            # on every page carry no dates and are not that day's articles.
            for url, day in dated_article_links(page.body, page.final_url or page.url, profile):
                if _in_window(day, start, end):
                    result.add("archive", url, day)
    if missing == len(urls):
        result.skipped["archive"] = "every archive page is 404"


async def _rss(fetcher: Fetcher, site: str, profile: SiteProfile, start: date, end: date,
               result: Discovery) -> None:
    urls = rss_urls(site, profile)
    if not urls:
        result.skipped["rss"] = "no feed in the profile"
        return
    pages = await _fetch(fetcher, urls, "rss", result, kind="feed")
    if _all_missing(pages):
        result.skipped["rss"] = "every feed is 404"
        return
    for page in pages:
        if page.outcome != "fetched" or page.body is None:
            continue
        items = rss_items(page.body, base=page.url, tz=profile.tzinfo)
        if not items:  # a feed fetched whole that gives no item is broken (cut, not a feed): say so
            result.fail(page.url, f"no item read from the feed ({page.n_bytes:,} bytes)")
        for url, published in items:
            day = published.astimezone(profile.tzinfo).date() if published else None
            if same_site(url, site) and profile.is_article_url(url) and _in_window(day, start, end):
                result.add("rss", url, day)


async def _listings(fetcher: Fetcher, site: str, profile: SiteProfile, start: date, end: date,
                    result: Discovery) -> None:
    if not profile.routes.listing or not profile.categories:
        result.skipped["listing"] = "no listing route in the profile"
        return
    # The categories are walked side by side (each walk is a chain of page requests that
    # depend on each other; the fetcher's per-host gate keeps the whole polite): on a
    # 20,000-article archive the quarter's ~370 listing pages took 3.7 s one category
    # after another.
    walkers = [_ListingWalk(fetcher, site, profile, category, result) for category in profile.categories]
    windows = await gather_or_cancel(walker.window(start, end) for walker in walkers)
    missing = 0
    for walker, found in zip(walkers, windows, strict=True):
        result.pages["listing"] = result.pages.get("listing", 0) + walker.fetched
        if found is None:
            missing += 1
            continue
        for url, day in found:
            result.add("listing", url, day)
    if missing == len(profile.categories):
        result.skipped["listing"] = "every category listing is 404"


class _ListingWalk:
    """One category's listing: pages newest first, each with a date beside each item.

    To reach an old window without reading every newer page, gallop (pages 1, 2, 4, 8 …)
    to the first page holding an item on or before ``end``, binary-search back to the
    first such page, then walk forward until the items are older than ``start``.
    """

    def __init__(self, fetcher: Fetcher, site: str, profile: SiteProfile, category: str,
                 result: Discovery) -> None:
        self.fetcher, self.site, self.profile, self.category = fetcher, site, profile, category
        self.result = result  # where a page that failed is noted
        self.cache: dict[int, list[tuple[str, date | None]] | None] = {}
        self.fetched = 0

    async def items(self, n: int) -> list[tuple[str, date | None]] | None:
        """The dated article links of page ``n``; None when there is no such page."""
        if n not in self.cache:
            url = listing_url(self.site, self.profile, self.category, n)
            page, transient = await self.fetcher.fetch_with_flag(url)
            self.result.note(page, transient)
            self.fetched += 1
            if page.outcome == "fetched" and page.body is not None:
                links = dated_article_links(page.body, page.final_url or page.url, self.profile)
                self.cache[n] = [(u, d) for u, d in links if d is not None]
            else:
                self.cache[n] = None
        return self.cache[n]

    async def reaches(self, n: int, end: date) -> bool:
        """Page n holds an item on or before ``end``, or is past the last page."""
        items = await self.items(n)
        return not items or min(d for _u, d in items) <= end

    async def window(self, start: date, end: date) -> list[tuple[str, date | None]] | None:
        if await self.items(1) is None:
            return None
        newer, n = 0, 1  # every page <= newer is entirely after `end`
        while not await self.reaches(n, end):
            newer, n = n, min(n * 2, MAX_LISTING_PAGES)
            if newer == MAX_LISTING_PAGES:
                return []
        while n - newer > 1:  # first page in (newer, n] that reaches the window
            mid = (newer + n) // 2
            if await self.reaches(mid, end):
                n = mid
            else:
                newer = mid
        found: list[tuple[str, date | None]] = []
        listed: set[str] = set()
        for page_no in range(n, MAX_LISTING_PAGES + 1):
            items = await self.items(page_no)
            if not items:
                break
            urls = {u for u, _d in items}
            if urls <= listed:
                # Nothing the pages before it did not list: a site that serves its last page (or
                # its first) for any number past the end. Walked on, a category whose oldest item
                # is in the window took 1,000 pages (the sample site: 6,182 requests, not 194).
                break
            listed |= urls
            found.extend((normalise_url(u), d) for u, d in items if _in_window(d, start, end))
            if min(d for _u, d in items) < start:
                break  # newest first: every later page is older still
        return found
