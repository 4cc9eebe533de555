"""discover() against the real sample site over HTTP (skipped until it is importable),
and against small origins of our own for the routes a site may lack."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest

from hbetl import pipeline
from hbetl.crawl import discover, discover_routes
from hbetl.discover import archive_urls, normalise_url, quarter_window
from hbetl.errors import FetchRefused, FetchTransient
from hbetl.fetch import Fetcher
from hbetl.profiles import get_profile
from hbetl.settings import Settings
from hbetl.summary import RunSummary, summary_markdown
from tests.conftest import free_port

try:
    from faultproxy import FaultPlan, FaultProxy, Origin, OriginPage
except ImportError:  # tests/ is a package in this checkout
    from tests.faultproxy import FaultPlan, FaultProxy, Origin, OriginPage

pytestmark = pytest.mark.timeout(60)

PROFILE = get_profile("baohoabinh")
N_SYNTHETIC = 3000  # articles over 2023: ~8 a day, so a 45-day window holds a few hundred
WINDOW = (date(2023, 4, 1), date(2023, 5, 15))


def settings_for(url: str, **changes) -> Settings:
    return Settings(**{"site": url, "rate_limit": 0, "concurrency": 8, "timeout": 5.0,
                       "backoff_base": 0.01, "retry_after_cap": 2.0, **changes})


def run_discover(settings: Settings, start: date, end: date, profile=PROFILE, **kwargs):
    async def go():
        async with Fetcher(settings) as fetcher:
            found = await discover_routes(fetcher, settings.site, profile, start, end, **kwargs)
        return found, fetcher.stats
    return asyncio.run(go())


@pytest.fixture(scope="module")
def synthetic_site():
    sample_site = pytest.importorskip("hbetl.sample_site")
    synthetic = pytest.importorskip("hbetl.sample_site.synthetic")
    with sample_site.start_sample_site(articles=N_SYNTHETIC) as (_proc, url):
        yield url, synthetic.SyntheticArchive(N_SYNTHETIC)


def expected_in_window(archive, site: str, start: date, end: date) -> dict[str, date]:
    out = {}
    day = start
    while day <= end:
        out.update({normalise_url(a.path, site): day for a in archive.on_day(day)})
        day += timedelta(days=1)
    return out


def test_discover_finds_exactly_the_articles_in_the_window(synthetic_site):
    url, archive = synthetic_site
    expected = expected_in_window(archive, url, *WINDOW)
    result, stats = run_discover(settings_for(url), *WINDOW)
    assert result.found == expected  # same URLs, each with its day
    # Archive and listings each find all of them on their own; the window is long past,
    # so the feed's latest 50 items add nothing.
    assert result.by_route["archive"] == result.by_route["listing"] == len(expected)
    assert result.by_route.get("rss", 0) == 0 and not result.skipped
    ordered = result.sorted()
    assert [d for _u, d in ordered] == sorted(d for _u, d in ordered)
    assert stats.outcomes.get("failed", 0) == 0


def test_listing_walk_gallops_instead_of_reading_every_page(synthetic_site):
    url, archive = synthetic_site
    start = end = date(2023, 2, 1)
    result, _ = run_discover(settings_for(url), start, end, routes=["listing"])
    assert result.found == expected_in_window(archive, url, start, end)
    pages_per_category = max(archive.count(int(c)) for c in PROFILE.categories) // 20 + 1
    assert result.pages["listing"] < len(PROFILE.categories) * pages_per_category / 2


def test_site_without_an_archive_still_works_through_listings(synthetic_site):
    url, archive = synthetic_site
    no_archive = dataclasses.replace(PROFILE, routes=dataclasses.replace(
        PROFILE.routes, archive="/khong-co/{date}/{category}.htm"))
    result, _ = run_discover(settings_for(url), *WINDOW, profile=no_archive)
    assert result.skipped == {"archive": "every archive page is 404"}
    assert result.found == expected_in_window(archive, url, *WINDOW)


def test_discover_through_faults_and_robots(synthetic_site):
    """A third of all paths fail their first two tries; robots.txt closes one category."""
    url, archive = synthetic_site
    robots = "User-agent: *\nDisallow: /16/trang-\n"
    plan = FaultPlan(fail_first=2, fail_fraction=1 / 3, robots_txt=robots)
    start, end = date(2023, 4, 1), date(2023, 4, 10)
    with FaultProxy(url, plan) as proxy:
        result, stats = run_discover(settings_for(proxy.url), start, end)
        paths = proxy.paths()
    expected = expected_in_window(archive, proxy.url, start, end)
    assert result.found == expected  # the archive still covers category 16
    assert not any(p.startswith("/16/trang-") for p in paths)
    assert sum(stats.faults.values()) == stats.retries > 0
    # Every page came through; the only failures are the listing gallop's probes past
    # the last page, and the one skip is the closed category.
    assert set(stats.reasons) <= {"HTTP 404", "disallowed by robots.txt"}
    # The category robots.txt closes is the site's wish, not a failure: the run is not one "with failures".
    assert result.failed == {} and result.kept_out and set(result.kept_out.values()) == {"disallowed by robots.txt"}


def test_bundled_site_quarter_window_by_every_route(sample_site):
    start, end = quarter_window(2023, 1, 45)
    found = asyncio.run(_discover_list(settings_for(sample_site), start, end))
    assert found and all(start <= day <= end for _url, day in found)
    assert all(PROFILE.is_article_url(u) and u.startswith(sample_site) for u, _ in found)


async def _discover_list(settings: Settings, start: date, end: date):
    async with Fetcher(settings) as fetcher:
        return await discover(fetcher, settings.site, PROFILE, start, end)


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>{site}11/1/a.htm</link><pubDate>Mon, 10 Apr 2023 08:30:00 +0700</pubDate></item>
<item><title>z</title><link>{site}11/5/z.htm</link><pubDate>Fri, 31 Mar 2023 16:50:00 +0000</pubDate></item>
<item><title>b</title><link>{site}11/2/b.htm</link><pubDate>Sat, 01 Apr 2023 00:10:00 +0700</pubDate></item>
<item><title>c</title><link>{site}11/3/c.htm</link><pubDate>Fri, 31 Mar 2023 17:50:00 +0000</pubDate></item>
<item><title>d</title><link>http://elsewhere.example/11/4/d.htm</link><pubDate>Mon, 10 Apr 2023 08:30:00 +0700</pubDate></item>
</channel></rss>"""


def test_rss_only_site_dates_items_in_the_papers_time_zone():
    with Origin() as origin:
        origin.pages["/rss/home.rss"] = OriginPage(RSS.format(site=origin.url).encode(),
                                                   content_type="application/rss+xml")
        result, _ = run_discover(settings_for(origin.url), date(2023, 4, 1), date(2023, 4, 30))
    site = origin.url
    # 31 Mar 17:50 UTC is 1 Apr 00:50 in Hòa Bình, 16:50 UTC still 31 Mar; the off-site item is dropped.
    assert result.found == {f"{site}11/1/a.htm": date(2023, 4, 10), f"{site}11/2/b.htm": date(2023, 4, 1),
                            f"{site}11/3/c.htm": date(2023, 4, 1)}
    assert set(result.skipped) == {"archive", "listing"}


def test_a_feed_that_gives_no_item_is_reported():
    # A feed cut before its first item (or an HTML page at the feed's address) is no route found empty:
    # here the only route, so discovery says why it found nothing.
    with Origin() as origin:
        cut = RSS.format(site=origin.url)[:RSS.index("<item>")].encode()
        origin.pages["/rss/home.rss"] = OriginPage(cut, content_type="application/rss+xml")
        with pytest.raises(FetchRefused) as refused:
            run_discover(settings_for(origin.url), date(2023, 4, 1), date(2023, 4, 30))
    assert str(refused.value) == (f"{origin.url}: no article found, 1 discovery pages failed, e.g. "
                                  f"{origin.url}rss/home.rss: no item read from the feed ({len(cut):,} bytes)")


# --- discovery pages that fail for good ------------------------------------------------

Q1 = quarter_window(2023, 1, 45)


def fail_for_good(urls: list[str]) -> FaultPlan:
    """Each of these paths answers 500 to every try."""
    return FaultPlan(by_path={urlsplit(u).path: ["500"] * 10 for u in urls})


def test_discovery_pages_given_up_are_reported_and_the_other_routes_go_on(sample_site):
    """All of February's archive days answer 500 for good (a whole batch of 16 among them,
    which used to abort discovery): the feeds and listings still find the quarter, and the
    days given up are listed with their reason in what discovery returns and in the summary."""
    clean, _ = run_discover(settings_for(sample_site), *Q1)
    february = archive_urls(sample_site, PROFILE, date(2023, 2, 1), date(2023, 2, 28))
    with FaultProxy(sample_site, fail_for_good(february)) as proxy:
        settings = settings_for(proxy.url, max_retries=1)
        result, _ = run_discover(settings, *Q1)
        urls, stats = asyncio.run(pipeline.discover_urls(settings, *Q1))
    on_proxy = {url.replace(sample_site, proxy.url): day for url, day in clean.found.items()}
    broken = [u.replace(sample_site, proxy.url) for u in february]
    # (after ten days given up in a row, the host's next pages get one try each: fetch.HOST_FAILING_PAGES)
    assert sorted(result.failed) == sorted(broken)
    assert set(result.failed.values()) == {
        "gave up after 2 attempts: HTTP 500", "HTTP 500; not retried: the host failed 10+ pages in a row"}
    assert result.found == on_proxy  # the listings cover the days the archive lost
    assert sorted(urls) == sorted(on_proxy)
    assert sorted(url for url, _why in stats["discovery_failures"]) == sorted(result.failed)

    summary = RunSummary(run_id="r", site=proxy.url, db="d.duckdb", year=2023, quarter=1,
                         window_start=Q1[0], window_end=Q1[1])
    summary.add_fetch([], stats)
    assert summary.counts()["discovery_failed"] == len(broken) == 28
    markdown = summary_markdown(summary)
    assert f"## Discovery pages that failed ({len(broken)})" in markdown
    assert f"| {broken[0]} | gave up after 2 attempts: HTTP 500 |" in markdown
    assert "survived" not in markdown  # the 500s given up are not faults survived


def test_discovery_aborts_only_when_no_route_found_anything_naming_a_page(sample_site):
    """Every discovery page answers 500: nothing found, so discovery fails, transient, in
    one line naming a page and its reason (not only the host)."""
    every_path = FaultPlan(fail_first=10, fail_fraction=1.0, fail_kinds=("500",))
    with FaultProxy(sample_site, every_path) as proxy:
        settings = settings_for(proxy.url, max_retries=1, respect_robots=False)
        with pytest.raises(FetchTransient) as err:
            run_discover(settings, *Q1)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{proxy.url}: no article found, ")
    assert re.search(rf"discovery pages failed, e\.g\. {re.escape(proxy.url)}\S+: "
                     r"gave up after 2 attempts: HTTP 500$", message), message


def test_discovery_that_robots_txt_keeps_out_of_every_page_says_so(sample_site):
    """Before: every discovery page skipped as disallowed left discovery empty without a word,
    and the run ended on "no article loaded for 2023 Q1 (0 discovered, 0 failed)"."""
    with FaultProxy(sample_site, FaultPlan(robots_txt="User-agent: *\nDisallow: /\n")) as proxy:
        with pytest.raises(FetchRefused) as err:
            run_discover(settings_for(proxy.url), *Q1)
        assert proxy.paths() == ["/robots.txt"]
    assert re.fullmatch(rf"{re.escape(proxy.url)}: no article found, robots\.txt keeps us from \d+ discovery "
                        rf"pages, e\.g\. {re.escape(proxy.url)}\S+: disallowed by robots\.txt", str(err.value))


def test_discovery_of_a_host_that_does_not_answer_stops_at_the_first_batch():
    """Connections refused: no route can work, so the first batch raises (transient, for
    Prefect to try again later) instead of every route being walked into a dead host."""
    dead = f"http://127.0.0.1:{free_port()}/"
    settings = settings_for(dead, max_retries=1, respect_robots=False)
    with pytest.raises(FetchTransient) as err:
        run_discover(settings, *Q1)
    first_day = archive_urls(dead, PROFILE, Q1[0], Q1[0])[0]
    assert str(err.value).startswith(f"{urlsplit(dead).netloc}: no answer to 16 archive pages, "
                                     f"e.g. {first_day}: gave up after 2 attempts: cannot connect")


LISTING_ITEM = '<li><a href="/11/{id}/bai-{id}.htm">Bài {id}</a> <span>{day:%d/%m/%Y}</span></li>'


def listing_page(ids_and_days) -> OriginPage:
    items = "".join(LISTING_ITEM.format(id=i, day=d) for i, d in ids_and_days)
    return OriginPage(f"<html><body><ul>{items}</ul></body></html>".encode())


@pytest.mark.parametrize("past_the_end", ["the last page", "the first page"])
def test_a_listing_that_repeats_a_page_for_every_number_past_its_end_is_walked_to_its_end_only(past_the_end):
    """A CMS that clamps ?page (the last page again for any number past the end) or ignores it
    (page 1 for every number): when the category's oldest item is in the window, nothing in the
    dates ends the walk. Before, it read 1,000 pages a category (the sample site so served: 6,182
    requests for a quarter instead of 194, 314 s, ~50 min at the polite 2 requests a second)."""
    one_category = dataclasses.replace(PROFILE, categories={"11": "Kinh tế"})
    pages = {1: [(101, date(2023, 3, 20)), (102, date(2023, 3, 10))],
             2: [(103, date(2023, 2, 15)), (104, date(2023, 2, 5))]}
    last = max(pages)

    def listing(path: str) -> OriginPage | None:
        m = re.fullmatch(r"/11/trang-(\d+)\.htm", path)
        if m is None:
            return None
        n = int(m.group(1))
        return listing_page(pages.get(n) or pages[last if past_the_end == "the last page" else 1])

    with Origin(fallback=listing) as origin:
        result, _ = run_discover(settings_for(origin.url), date(2023, 1, 1), date(2023, 5, 15),
                                 profile=one_category, routes=["listing"])
        listing_requests = [r.path for r in origin.requests if "/trang-" in r.path]
    assert sorted(result.found) == [f"{origin.url}11/{i}/bai-{i}.htm" for i in (101, 102, 103, 104)]
    assert len(listing_requests) <= 4, listing_requests


def test_a_link_urllib_cannot_read_on_a_discovery_page_is_no_link_not_the_end_of_the_run():
    """An editor's placeholder, 'http://[url]/', on an archive day, a listing page and in the feed
    (with an item dated 0001-01-01 at +08:00: before, OverflowError, as below).
    Before: "ValueError: 'url' does not appear to be an IPv4 or IPv6 address" out of discovery, and
    the run failed with nothing loaded (the sample site so served: 0 of 42 articles)."""
    bad = '<a href="http://[url]/">Xem thêm</a><a href="//[::1">x</a>'
    day = f'<html><body><ul>{LISTING_ITEM.format(id=101, day=date(2023, 4, 10))}</ul>{bad}</body></html>'
    listing = f'<html><body><ul>{LISTING_ITEM.format(id=102, day=date(2023, 4, 11))}</ul>{bad}</body></html>'
    feed = ("<rss><channel><item><link>http://[url]/</link></item><item><link>{site}11/103/bai-103.htm</link>"
            "<pubDate>Wed, 12 Apr 2023 08:00:00 +0700</pubDate></item>"
            # and a CMS's empty date, which raised OverflowError moved to +07:00: undated
            "<item><link>{site}11/104/bai-104.htm</link><pubDate>0001-01-01T00:00:00+08:00</pubDate></item>"
            # and a year of 20 digits, which raised OverflowError in parsedate_to_datetime
            "<item><link>{site}11/105/bai-105.htm</link><pubDate>Mon, 10 Apr 99999999999999999999 08:00:00 +0700"
            "</pubDate></item></channel></rss>")
    one_category = dataclasses.replace(PROFILE, categories={"11": "Kinh tế"})
    with Origin() as origin:
        origin.pages["/tin-theo-ngay/2023-04-10/0.htm"] = OriginPage(day.encode())
        origin.pages["/11/trang-1.htm"] = OriginPage(listing.encode())
        origin.pages["/rss/home.rss"] = OriginPage(feed.format(site=origin.url).encode(),
                                                   content_type="application/rss+xml")
        result, _ = run_discover(settings_for(origin.url), date(2023, 4, 10), date(2023, 4, 12), profile=one_category)
    assert sorted(result.found) == [f"{origin.url}11/{i}/bai-{i}.htm" for i in (101, 102, 103)]
    assert result.failed == {}
