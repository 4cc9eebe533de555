"""The fetcher against real sockets: a tiny origin on 127.0.0.1 behind a fault-injecting proxy.

Time is only ever checked as a lower bound ("waited at least the Retry-After") with
slack, never as "was fast"; hangs are bounded by pytest-timeout.
"""

from __future__ import annotations

import asyncio
import socket

import pytest

from hbetl.errors import FetchTransient, RobotsUnavailable
from hbetl.fetch import HOST_FAILING_PAGES, Fetcher, parse_retry_after
from hbetl.settings import Settings

try:
    from faultproxy import FaultPlan, FaultProxy, Origin, OriginPage
except ImportError:  # tests/ is a package in this checkout
    from tests.faultproxy import FaultPlan, FaultProxy, Origin, OriginPage

pytestmark = pytest.mark.timeout(60)

ARTICLE = "<html><body><div class='article-detail'><h1>Bài {}</h1><p>{}</p></div></body></html>"


def article_page(path: str) -> OriginPage | None:
    if path.endswith(".htm"):
        return OriginPage(ARTICLE.format(path, "Giá trị sản xuất tăng 18,19%. " * 20).encode())
    return None


def make_origin(**pages: OriginPage) -> Origin:
    return Origin({"/" + k.replace("__", "/"): v for k, v in pages.items()}, fallback=article_page)


def settings_for(url: str, **changes) -> Settings:
    base = dict(site=url, rate_limit=0, concurrency=4, timeout=2.0, max_retries=4, backoff_base=0.01,
                retry_after_cap=5.0)
    return Settings(**{**base, **changes})


def run(coro):
    return asyncio.run(coro)


async def fetch_all(settings: Settings, paths: list[str], **kwargs):
    async with Fetcher(settings) as fetcher:
        urls = [p if "://" in p else settings.site + p.lstrip("/") for p in paths]
        pages = await fetcher.fetch_many(urls, **kwargs)
    return pages, fetcher.stats


@pytest.fixture
def origin():
    with make_origin() as server:
        yield server


FAULT_KINDS = {"500": "http_500", "502": "http_502", "503": "http_503", "504": "http_504",
               "429": "http_429", "drop": "dropped", "truncate": "truncated", "reset": "dropped",
               "stall": "timeout"}


@pytest.mark.parametrize("fault", sorted(FAULT_KINDS))
def test_two_faults_then_success(origin, fault):
    plan = FaultPlan(by_path={"/11/1/a.htm": [fault, fault]}, stall_seconds=3.0)
    with FaultProxy(origin.url, plan) as proxy:
        settings = settings_for(proxy.url, timeout=0.5)
        (page,), stats = run(fetch_all(settings, ["/11/1/a.htm"]))
    assert page.outcome == "fetched", page.reason
    assert page.attempts == 3 and page.status == 200
    assert b"Gi\xc3\xa1 tr\xe1\xbb\x8b" in page.body
    assert stats.faults == {FAULT_KINDS[fault]: 2}
    assert stats.retries == 2
    assert proxy.paths().count("/11/1/a.htm") == 3


def test_404_is_failed_and_not_retried(origin):
    with FaultProxy(origin.url) as proxy:
        (page,), stats = run(fetch_all(settings_for(proxy.url), ["/nothing-here"]))
    assert (page.outcome, page.status, page.reason, page.attempts) == ("failed", 404, "HTTP 404", 1)
    assert proxy.paths().count("/nothing-here") == 1 and stats.retries == 0


def test_gives_up_after_max_retries_with_a_one_line_reason(origin):
    with FaultProxy(origin.url, FaultPlan(by_path={"/11/1/a.htm": ["503"] * 10})) as proxy:
        settings = settings_for(proxy.url, max_retries=2)
        async def go():
            async with Fetcher(settings) as f:
                return await f.fetch(proxy.url + "11/1/a.htm")
        page = run(go())
    assert page.outcome == "failed" and page.status == 503
    assert page.reason == "gave up after 3 attempts: HTTP 503"
    assert proxy.paths().count("/11/1/a.htm") == 3


def test_retry_after_seconds_holds_back_the_whole_host(origin):
    with FaultProxy(origin.url, FaultPlan(by_path={"/11/1/a.htm": ["429:1"]})) as proxy:
        settings = settings_for(proxy.url)

        async def go():
            async with Fetcher(settings) as f:
                first = asyncio.create_task(f.fetch(proxy.url + "11/1/a.htm"))
                while not proxy.times("/11/1/a.htm"):
                    await asyncio.sleep(0.01)
                await asyncio.sleep(0.1)  # the 429 has arrived and set the host's backoff
                second = await f.fetch(proxy.url + "11/2/b.htm")
                return await first, second
        a, b = run(go())
    assert a.outcome == b.outcome == "fetched"
    refused_at = proxy.times("/11/1/a.htm")[0]
    assert proxy.times("/11/1/a.htm")[1] - refused_at >= 0.9
    assert proxy.times("/11/2/b.htm")[0] - refused_at >= 0.9  # another page waited too


def test_retry_after_longer_than_a_run_waits_fails_the_page_at_once(origin):
    # "Retry-After: 86400" (come back tomorrow) is not asked again at the cap four times over.
    with FaultProxy(origin.url, FaultPlan(by_path={"/11/1/a.htm": ["429:86400"]})) as proxy:
        async def go():
            async with Fetcher(settings_for(proxy.url)) as f:
                return await f.fetch(proxy.url + "11/1/a.htm")
        page = run(go())
        assert proxy.paths().count("/11/1/a.htm") == 1
    assert page.outcome == "failed" and page.reason == "HTTP 429, Retry-After 86400 s: over the 5 s a run waits"


def test_retry_after_http_date(origin):
    with FaultProxy(origin.url, FaultPlan(by_path={"/11/1/a.htm": ["503:date:2"]})) as proxy:
        (page,), _ = run(fetch_all(settings_for(proxy.url), ["/11/1/a.htm"]))
        first, second = proxy.times("/11/1/a.htm")
    assert page.outcome == "fetched"
    assert second - first >= 0.8  # an HTTP-date has whole seconds: 2 s ahead is at least 1 s


def test_parse_retry_after():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: go now


def test_a_retry_after_date_no_date_can_have_is_no_retry_after():
    """A year of 20 digits: parsedate_to_datetime raised OverflowError, out of the fetcher, and the batch
    and the run failed on 'OverflowError: Python int too large to convert to C long' (0 of 42 articles)."""
    huge = "Mon, 10 Apr 99999999999999999999 08:00:00 GMT"
    assert parse_retry_after(huge) is None
    with make_origin() as origin, FaultProxy(origin.url, FaultPlan(by_path={"/11/1/a.htm": [f"503:{huge}"]})) as proxy:
        (page,), stats = run(fetch_all(settings_for(proxy.url), ["/11/1/a.htm"]))
    assert (page.outcome, stats.retries) == ("fetched", 1)


def test_robots_disallowed_paths_are_never_requested(origin):
    robots = "User-agent: *\nDisallow: /private/\nDisallow: /*?print=1$\n"
    with FaultProxy(origin.url, FaultPlan(robots_txt=robots)) as proxy:
        paths = ["/private/1/x.htm", "/11/1/a.htm", "/11/2/b.htm?print=1", "/11/3/c.htm"]
        pages, stats = run(fetch_all(settings_for(proxy.url), paths))
    outcomes = [(p.outcome, p.reason) for p in pages]
    assert outcomes[0] == ("skipped", "disallowed by robots.txt") == outcomes[2]
    assert outcomes[1][0] == outcomes[3][0] == "fetched"
    assert sorted(proxy.paths()) == ["/11/1/a.htm", "/11/3/c.htm", "/robots.txt"]  # robots.txt once


def test_crawl_delay_spaces_requests_at_least_that_far(origin):
    with FaultProxy(origin.url, FaultPlan(robots_txt="User-agent: hbetl\nCrawl-delay: 0.3\n")) as proxy:
        run(fetch_all(settings_for(proxy.url, concurrency=4), [f"/11/{i}/a.htm" for i in range(5)]))
        times = proxy.times()
    gaps = [b - a for a, b in zip(times[1:], times[2:], strict=False)]  # after robots.txt
    assert len(gaps) == 4 and min(gaps) >= 0.25


@pytest.mark.parametrize("delay", ["86400", "inf"])
def test_a_crawl_delay_past_the_cap_skips_pages_saying_so_instead_of_waiting(origin, delay):
    """Before: robots.txt's Crawl-delay became the wait between requests whatever it was, and
    a run against "Crawl-delay: 86400" (or inf) sat silent for days, or for ever."""
    with FaultProxy(origin.url, FaultPlan(robots_txt=f"User-agent: *\nCrawl-delay: {delay}\n")) as proxy:
        pages, _stats = run(fetch_all(settings_for(proxy.url, retry_after_cap=60.0), ["/11/1/a.htm", "/11/2/b.htm"]))
        paths = proxy.paths()
    assert [(p.outcome, p.reason) for p in pages] == [
        ("skipped", f"robots.txt Crawl-delay {float(delay):g} s: over the 60 s a run waits (HBETL_RETRY_AFTER_CAP)")] * 2
    assert paths == ["/robots.txt"]


def test_measured_rate_stays_under_the_limit(origin):
    limit = 10.0
    with FaultProxy(origin.url) as proxy:
        pages, stats = run(fetch_all(settings_for(proxy.url, rate_limit=limit, concurrency=4),
                                     [f"/11/{i}/a.htm" for i in range(15)]))
        seen_rate = proxy.rate()
    assert all(p.outcome == "fetched" for p in pages)
    assert seen_rate <= limit * 1.1 and stats.request_rate() <= limit * 1.1
    assert stats.requests == 16  # 15 pages and robots.txt


def test_robots_5xx_means_disallow_all_and_raises_transient(origin):
    with FaultProxy(origin.url, FaultPlan(by_path={"/robots.txt": ["503"] * 10})) as proxy:
        with pytest.raises(RobotsUnavailable) as exc:
            run(fetch_all(settings_for(proxy.url, max_retries=1), ["/11/1/a.htm", "/11/2/b.htm"]))
        assert exc.value.transient
        assert set(proxy.paths()) == {"/robots.txt"}  # no page asked for while robots is unknown


def test_robots_404_means_allow_all(origin):
    with FaultProxy(origin.url) as proxy:  # the origin has no /robots.txt
        (page,), _ = run(fetch_all(settings_for(proxy.url), ["/11/1/a.htm"]))
    assert page.outcome == "fetched"


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_a_robots_txt_past_the_body_cap_is_read_to_500_kib_not_ignored(gzipped):
    """RFC 9309 2.5: crawlers parse at least the first 500 KiB. Before: a robots.txt past
    HBETL_MAX_BODY_BYTES failed whole ('body over 5000000 bytes'), was read as no robots.txt, and
    the pages it disallows were fetched."""
    robots = b"User-agent: *\nDisallow: /11/\n" + b"# Disallow: /12/ once\n" * 400_000  # 8.8 MB
    pages = {"robots.txt": OriginPage(robots, content_type="text/plain", gzip=gzipped)}
    with make_origin(**pages) as origin:
        got, _ = run(fetch_all(settings_for(origin.url), ["/11/1/a.htm", "/12/1/b.htm"]))
        requested = [r.path for r in origin.requests]
    assert [(p.outcome, p.reason) for p in got] == [("skipped", "disallowed by robots.txt"), ("fetched", None)]
    assert requested == ["/robots.txt", "/12/1/b.htm"]


def test_a_robots_txt_whose_body_cannot_be_read_means_disallow_all_not_no_rules():
    """Before: a 200 whose body failed ('unsupported content encoding (br)') was read as an empty
    robots.txt, and every page it might disallow was fetched."""
    pages = {"robots.txt": OriginPage(b"\x1b\x00 not brotli", content_type="text/plain",
                                      headers={"Content-Encoding": "br"})}
    with make_origin(**pages) as origin:
        with pytest.raises(RobotsUnavailable) as caught:
            run(fetch_all(settings_for(origin.url), ["/11/1/a.htm"]))
        requested = [r.path for r in origin.requests]
    assert str(caught.value) == f"{origin.url[7:-1]}: robots.txt unreadable (unsupported content encoding (br))"
    assert caught.value.transient and requested == ["/robots.txt"]


def test_redirects_same_host_followed_off_host_refused():
    pages = {
        "old.htm": OriginPage(status=301, headers={"Location": "/11/9/new.htm"}),
        "away.htm": OriginPage(status=302, headers={"Location": "http://example.org/11/9/new.htm"}),
        "loop.htm": OriginPage(status=302, headers={"Location": "/loop.htm"}),
    }
    with make_origin(**pages) as origin:
        got, _ = run(fetch_all(settings_for(origin.url), ["/old.htm", "/away.htm", "/loop.htm"]))
        also, _ = run(fetch_all(settings_for(origin.url), ["http://example.org/11/1/a.htm"]))
        requested = [r.path for r in origin.requests]
    assert got[0].outcome == "fetched" and got[0].final_url == origin.url + "11/9/new.htm"
    assert (got[1].outcome, got[1].reason) == ("skipped", "off-host redirect to example.org")
    assert (got[2].outcome, got[2].reason) == ("failed", "more than 5 redirects")
    assert (also[0].outcome, also[0].reason, also[0].attempts) == ("skipped", "off-host: example.org", 0)
    assert requested.count("/loop.htm") == 6


def test_a_redirect_to_no_url_we_could_ask_fails_that_page_alone_saying_so():
    """Before: a Location of 'mailto:…' raised httpx's InvalidURL out of the batch, and the run failed
    with 'InvalidURL: For absolute URLs, path must be empty or begin with '/'' (nothing loaded, no page
    named); a port past 65535 was dropped, and the page skipped as an 'off-host redirect to 127.0.0.1'
    (neither read nor failed: a run could end 0 without it)."""
    pages = {"mail.htm": OriginPage(status=302, headers={"Location": "mailto:toasoan@example.org"}),
             "bad-port.htm": OriginPage(status=301, headers={"Location": "http://127.0.0.1:99999/11/9/new.htm"}),
             "ftp.htm": OriginPage(status=301, headers={"Location": "ftp://127.0.0.1/11/9/new.htm"})}
    with make_origin(**pages) as origin:
        got, _ = run(fetch_all(settings_for(origin.url), ["/mail.htm", "/bad-port.htm", "/ftp.htm", "/11/1/a.htm"]))
    assert [(p.outcome, p.status, p.reason) for p in got] == [
        ("failed", None, "redirect to an invalid URL (httpx: For absolute URLs, path must be empty or begin with '/')"),
        ("failed", 301, "redirect to an invalid URL: 'http://127.0.0.1:99999/11/9/new.htm'"),
        ("failed", 301, "redirect to a URL that is not http(s): 'ftp://127.0.0.1/11/9/new.htm'"),
        ("fetched", 200, None)]


def test_a_robots_txt_redirecting_for_ever_means_no_rules_not_disallow_all():
    """RFC 9309 2.3.1.2: past five redirects robots.txt is 'unavailable' (crawl as if it had no rules),
    as robots.policy_for_response says. Before, the chain's end carried no status, was read as
    'unreachable' (disallow all), and the run failed: 'robots.txt unreachable (more than 5 redirects)'."""
    with make_origin(**{"robots.txt": OriginPage(status=301, headers={"Location": "/robots.txt"})}) as origin:
        (page,), _ = run(fetch_all(settings_for(origin.url), ["/11/1/a.htm"]))
    assert page.outcome == "fetched"


def test_an_empty_content_encoding_is_no_coding():
    """Before: 'unsupported content encoding ()', the page lost run after run."""
    with make_origin(**{"a.htm": OriginPage(b"<p>" + b"a" * 500 + b"</p>", headers={"Content-Encoding": ""})}) as origin:
        (page,), _ = run(fetch_all(settings_for(origin.url), ["/a.htm"]))
    assert (page.outcome, page.n_bytes) == ("fetched", 507)


def test_a_304_to_a_request_that_named_no_copy_is_a_failure_not_an_unchanged_page():
    """Before: counted 'not modified', so the article was never loaded nor reported, run after run."""
    with make_origin(**{"unasked.htm": OriginPage(status=304, validators=False)}) as origin:
        (page,), stats = run(fetch_all(settings_for(origin.url), ["/unasked.htm"]))
    assert (page.outcome, page.reason, page.status) == (
        "failed", "HTTP 304 Not Modified, though the request named no earlier copy", 304)
    assert stats.not_modified == 0 and stats.retries == 0


def test_a_response_h11_cannot_read_fails_at_once_not_as_a_dropped_connection():
    """Before: 'gave up after 5 attempts: dropped connection: bad Content-Length', four retries
    (with their backoff) of an answer the server gives the same way every time."""
    pages = {"bad-length.htm": OriginPage(b"<p>x</p>", headers={"Content-Length": "abc"}),
             "big-headers.htm": OriginPage(b"<p>x</p>", headers={"Set-Cookie": "z" * 200_000})}
    with make_origin(**pages) as origin:
        got, stats = run(fetch_all(settings_for(origin.url), ["/bad-length.htm", "/big-headers.htm"]))
    assert [(p.outcome, p.reason) for p in got] == [
        ("failed", "malformed response: bad Content-Length"),
        ("failed", "malformed response: Receive buffer too long")]
    assert stats.retries == 0


def test_a_206_to_a_request_for_the_whole_page_is_a_cut_page_tried_again():
    """Before: the half page a 206 carried was read as the article (a suspect read at best)."""
    half = OriginPage(b"<html><body><p>half", status=206, headers={"Content-Range": "bytes 0-19/40"})
    with make_origin(**{"part.htm": half, "whole.htm": OriginPage(b"<p>whole</p>")}) as origin:
        (page, whole), stats = run(fetch_all(settings_for(origin.url, max_retries=1), ["/part.htm", "/whole.htm"]))
    assert whole.outcome == "fetched"
    assert (page.outcome, page.reason) == (
        "failed", "gave up after 2 attempts: HTTP 206 Partial Content (bytes 0-19/40) to a request for the whole page")
    assert stats.retries == 1


def test_not_html_oversize_and_gzip_bomb_are_failed_with_one_line_reasons():
    cap = 100_000
    bomb = b"\0" * 50_000_000  # 50 MB of zeros: about 50 KB gzipped
    pages = {
        "logo.png": OriginPage(b"\x89PNG....", content_type="image/png"),
        "big.htm": OriginPage(b"<p>" + b"a" * (2 * cap) + b"</p>"),
        "bomb.htm": OriginPage(bomb, gzip=True),
        "small.htm": OriginPage(b"<p>" + b"b" * 5000 + b"</p>", gzip=True),
    }
    with make_origin(**pages) as origin:
        got, stats = run(fetch_all(settings_for(origin.url, max_body_bytes=cap),
                                   ["/logo.png", "/big.htm", "/bomb.htm", "/small.htm"]))
    assert [(p.outcome, p.reason) for p in got[:3]] == [
        ("failed", "not HTML (image/png)"),
        ("failed", f"body over {cap} bytes"),
        ("failed", f"body over {cap} bytes"),
    ]
    assert got[3].outcome == "fetched" and got[3].n_bytes == 5007  # decoded size
    assert stats.bytes < len(bomb) // 10  # reading stopped early
    assert stats.retries == 0


def test_conditional_get_gives_not_modified(origin):
    with FaultProxy(origin.url) as proxy:
        url = proxy.url + "11/1/a.htm"

        async def go():
            async with Fetcher(settings_for(proxy.url)) as f:
                first = await f.fetch(url)
                again = await f.fetch(url, first)
                only_date = await f.fetch(url, type(first)(url=url, outcome="fetched",
                                                           last_modified=first.last_modified))
                return first, again, only_date, f.stats
        first, again, only_date, stats = run(go())
    assert first.outcome == "fetched" and first.etag and first.last_modified
    assert first.content_hash and len(first.content_hash) == 64 and first.n_bytes == len(first.body)
    assert (again.outcome, again.status, again.body) == ("not_modified", 304, None)
    assert again.content_hash == first.content_hash and again.etag == first.etag
    assert only_date.outcome == "not_modified"
    assert stats.not_modified == 2


def test_honest_user_agent(origin):
    settings = settings_for(origin.url)
    run(fetch_all(settings, ["/11/1/a.htm"]))
    assert {r.user_agent for r in origin.requests} == {settings.user_agent}


def test_host_down_for_every_page_raises_fetch_transient():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = settings_for(f"http://127.0.0.1:{port}/", max_retries=1, respect_robots=False)
    with pytest.raises(FetchTransient) as exc:
        run(fetch_all(settings, ["/11/1/a.htm", "/11/2/b.htm"]))
    assert exc.value.transient and "all 2 pages failed" in str(exc.value)
    with pytest.raises(RobotsUnavailable):  # with robots on, the robots.txt fetch fails first
        run(fetch_all(settings.with_(respect_robots=True), ["/11/1/a.htm"]))


def test_a_host_failing_every_page_is_asked_once_a_page_until_it_answers(origin):
    """After HOST_FAILING_PAGES pages in a row given up after every retry, the next pages get one
    try each (a site answering 500 to every page took 288 s to give up on a quarter, 2,844 requests);
    the first page the host answers gives the pages after it their retries again."""
    failing = [f"/11/{i}/bai-{i}.htm" for i in range(HOST_FAILING_PAGES + 5)]
    last = "/11/99/bai-99.htm"  # fails after the host has answered again: retried in full
    plan = FaultPlan(by_path={**{p: ["500"] * 10 for p in failing}, last: ["500"] * 10})
    with FaultProxy(origin.url, plan) as proxy:
        async def one_by_one():
            async with Fetcher(settings_for(proxy.url, max_retries=2)) as fetcher:
                return [await fetcher.fetch(proxy.url + p.lstrip("/")) for p in [*failing, "/11/50/ok.htm", last]]
        pages = run(one_by_one())
        asked = proxy.paths()
    assert [asked.count(p) for p in failing] == [3] * HOST_FAILING_PAGES + [1] * 5
    assert pages[-1].reason == "gave up after 3 attempts: HTTP 500" and asked.count(last) == 3
    assert pages[HOST_FAILING_PAGES].reason == (
        f"HTTP 500; not retried: the host failed {HOST_FAILING_PAGES}+ pages in a row")
    assert pages[-2].outcome == "fetched"


def test_a_third_of_paths_failing_twice_all_survive(origin):
    """The run summarised in the report: 60 pages, a third fail their first two tries."""
    plan = FaultPlan(fail_first=2, fail_fraction=1 / 3, fail_kinds=("503", "drop", "truncate", "500", "429"))
    paths = [f"/11/{i}/bai-{i}.htm" for i in range(60)]
    with FaultProxy(origin.url, plan) as proxy:
        pages, stats = run(fetch_all(settings_for(proxy.url, rate_limit=20.0), paths))
        chosen = sum(plan.chosen(p) for p in paths)
        seen_rate = proxy.rate()
    assert all(p.outcome == "fetched" for p in pages)
    assert stats.retries == 2 * chosen == sum(stats.faults.values())
    assert stats.requests == len(paths) + 1 + 2 * chosen == len(proxy.requests)
    assert seen_rate <= 20.0 * 1.1
    print(f"\nfault run: {stats.as_dict()} chosen paths={chosen} proxy-measured rate={seen_rate:.2f}/s")


def test_the_network_transport_keeps_httpx_behaviour_and_its_faster_backend():
    """``network_transport`` wraps httpcore's backend to answer "is this idle socket closed?"
    from a socket kept at connect time. A server that closes every connection after its
    answer (without saying so) must still cost no retry: the closed socket is noticed
    before the next request is placed on it. And the wrapper must really be in place (an
    httpx that moved its pool would silently drop it)."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from hbetl.fetch import _SocketKeepingBackend, network_transport

    connections: list[int] = []

    class Closing(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            connections.append(1)

        def do_GET(self) -> None:
            body = ARTICLE.format(self.path, "Giá trị sản xuất tăng 18,19%.").encode()
            self.send_response(200 if self.path.endswith(".htm") else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True  # closes without a "Connection: close" header

        def log_message(self, *args) -> None:
            pass

    assert isinstance(network_transport(4)._pool._network_backend, _SocketKeepingBackend)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Closing)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        async def sequential() -> tuple[list, object]:
            async with Fetcher(settings_for(url, concurrency=1)) as fetcher:
                pages = []
                for i in range(4):
                    pages.append(await fetcher.fetch(f"{url}11/{i}/a.htm"))
                    time.sleep(0.05)  # the server's FIN arrives before the next request
            return pages, fetcher.stats

        pages, stats = run(sequential())
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert [p.outcome for p in pages] == ["fetched"] * 4
    assert stats.retries == 0 and stats.requests == 5 == len(connections)  # robots.txt + 4 pages


def test_a_body_trickling_in_fails_at_the_page_deadline_as_a_timeout():
    """Each byte arrives well inside the per-read timeout, so only the whole-response
    deadline ends the page; it is a transient timeout, retried like any other."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    stop = threading.Event()
    body = ARTICLE.format("slow", "Giá trị sản xuất tăng 18,19%.").encode()

    class Trickling(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))  # honest: the body is just slow
            self.end_headers()
            for i in range(len(body)):
                if stop.wait(0.1):
                    return
                try:
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                except OSError:  # the client gave up on the page
                    return

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickling)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        async def fetch_one():
            async with Fetcher(settings_for(url, timeout=2.0, page_deadline=0.5, max_retries=1)) as fetcher:
                return await fetcher.fetch(url + "11/1/slow.htm"), fetcher.stats

        page, stats = run(fetch_one())
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert page.outcome == "failed" and page.attempts == 2
    assert page.reason == "gave up after 2 attempts: body not read within 0.5 s"
    assert stats.faults == {"timeout": 2} and stats.retries == 1
