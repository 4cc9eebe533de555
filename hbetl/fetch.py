"""The only module that talks HTTP: polite, bounded, retrying fetches with httpx.

One :class:`Fetcher` per run holds one keep-alive ``httpx.AsyncClient`` and, per
host, the politeness state: a rate gate (settings.rate_limit requests/s, raised to
robots.txt's Crawl-delay), a shared "not before" time set by 429/503 answers, and
the host's robots.txt policy (fetched once). A semaphore caps requests in flight at
settings.concurrency. A host whose last HOST_FAILING_PAGES pages were all given up after every
retry gets one try a page until it answers one: a site down for good is not asked five times a page.

``fetch()`` never raises for a problem with one page: it returns a
:class:`~hbetl.models.Page` whose ``outcome`` says what happened. Only host-wide
problems raise: :class:`~hbetl.errors.RobotsUnavailable` (robots.txt 5xx or
unreachable), and ``fetch_many`` raises :class:`~hbetl.errors.FetchTransient` when
every page of a batch failed transiently (the host is down), so Prefect retries the
batch later.

With a :class:`~hbetl.warc.WarcWriter` (``archive``), every response whose body the fetcher
reads (pages, robots.txt, redirects, 4xx answers; not 304s, nor the 429/5xx answers it
retries) is archived as it arrives; a WARC write error stops the batch (ArchiveError, or
ArchiveFull, transient). With ``settings.warc_replay`` the answers come from WARC files
(:class:`hbetl.replay.ReplayTransport`) and no rate limit applies: there is no host to spare.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import random
import select
import socket
import ssl
import time
import zlib
from collections import Counter
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from hbetl.discover import host_key, normalise_url, same_site
from hbetl.errors import FetchTransient, RobotsUnavailable
from hbetl.models import Page
from hbetl.robots import MAX_ROBOTS_BYTES, RobotsPolicy, policy_for_response
from hbetl.settings import Settings
from hbetl.warc import REPLAYED

if TYPE_CHECKING:
    from hbetl.warc import Capture, WarcWriter

log = logging.getLogger("hbetl.fetch")

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = HTML_TYPES | {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
ACCEPT = {"html": HTML_TYPES, "feed": FEED_TYPES, "any": frozenset(), "robots": frozenset()}
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
# How httpcore and h11 word a connection that closed before the response was whole
# ("Server disconnected without sending a response.", "peer unexpectedly closed connection").
_DROPPED_WORDS = ("disconnected", "closed")
HOST_BACKOFF_STATUSES = frozenset({429, 503})  # the server asked everyone to slow down
MAX_REDIRECTS = 5  # RFC 9309 asks robots.txt fetchers to follow at least five
# After robots.txt failed (5xx/unreachable) we answer "unavailable" from memory for
# this long instead of asking again for every page of the batch.
ROBOTS_RETRY_SECONDS = 30.0
# Once this many of a host's pages in a row were given up after every retry (no page answered
# between them), its next pages get one try each until one is answered. A site answering 500
# to every page took 288 s to give up on a quarter (142 discovery pages, 2,844 requests, with
# Prefect's retries); a flaky one does not trip it: a page is given up only after 5 failed
# tries (faults at random on half the requests: 3 % of pages), and any page answered resets it.
HOST_FAILING_PAGES = 10


T = TypeVar("T")


async def gather_or_cancel(awaitables: Iterable[Awaitable[T]]) -> list[T]:
    """``asyncio.gather`` of fetches, except that a failure (a WARC write error, a host down)
    cancels the others and waits for them before it is raised. With a bare gather they ran on
    while the Fetcher closed under them, and the loop's end found half-opened connections:
    "coroutine 'connect_tcp.<locals>.try_connect' was never awaited" printed around the
    run's one-line error (a full disk under the WARC directory)."""
    tasks = [asyncio.ensure_future(a) for a in awaitables]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


@dataclass(slots=True)
class FetchStats:
    """Counters for the run summary."""

    requests: int = 0  # HTTP requests sent, retries, redirects and robots.txt included
    retries: int = 0
    not_modified: int = 0
    bytes: int = 0  # decoded body bytes read
    faults: Counter[str] = field(default_factory=Counter)  # transient faults seen, by kind
    outcomes: Counter[str] = field(default_factory=Counter)  # pages by outcome
    reasons: Counter[str] = field(default_factory=Counter)  # failed/skipped pages by reason
    first_request: float | None = None  # time.monotonic() of the first request sent
    last_request: float | None = None

    def request_rate(self) -> float:
        """Requests per second between the first and the last request sent."""
        if self.requests < 2 or self.first_request is None or self.last_request is None:
            return 0.0
        span = self.last_request - self.first_request
        return (self.requests - 1) / span if span > 0 else float("inf")

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "retries": self.retries,
            "not_modified": self.not_modified,
            "bytes": self.bytes,
            "faults": dict(self.faults),
            "faults_total": sum(self.faults.values()),
            "outcomes": dict(self.outcomes),
            "reasons": dict(self.reasons),
            "request_rate": round(self.request_rate(), 3),
        }


@dataclass(slots=True)
class _Host:
    """Politeness state for one host, shared by every task fetching from it."""

    interval: float  # seconds between request starts (0: no limit)
    next_slot: float = 0.0  # monotonic time the next request may start
    not_before: float = 0.0  # monotonic time before which nobody asks (429/503 backoff)
    robots: RobotsPolicy | None = None
    robots_error: RobotsUnavailable | None = None
    robots_failed_at: float = 0.0
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    given_up_in_a_row: int = 0  # pages given up after every retry since one was answered

    @property
    def failing(self) -> bool:
        return self.given_up_in_a_row >= HOST_FAILING_PAGES


class _Transient(Exception):
    """One attempt failed in a way a retry may fix."""

    def __init__(self, kind: str, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.kind, self.reason, self.status, self.retry_after = kind, reason, status, retry_after


class _Done(Exception):
    """One attempt ended with a terminal answer for this page (no retry)."""

    def __init__(self, outcome: str, reason: str, status: int | None = None):
        super().__init__(reason)
        self.outcome, self.reason, self.status = outcome, reason, status


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds to wait: '120' or an HTTP-date. None when absent/garbled."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):  # (a year of 20 digits: OverflowError,
        return None  # out of the fetcher: the batch failed, and the run with it)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _media_type(content_type: str | None) -> str | None:
    return content_type.split(";", 1)[0].strip().lower() if content_type else None


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every Fetcher. httpx builds one per client (25 ms here, reading
    the CA bundle), and the flow opens a client per batch: py-spy counted 1.8 s of it in
    a 7,452-article quarter."""
    return httpx.create_ssl_context()


def _is_readable(sock: socket.socket) -> bool:
    """Data (or EOF) waiting on an idle keep-alive socket: the server has closed it. As httpcore."""
    if sock.fileno() == -1:
        return True
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


class _SocketKeepingStream(httpcore.AsyncNetworkStream):
    """httpcore's stream with its socket looked up once.

    httpcore asks every idle connection "is_readable" before each request is placed
    (~14 times a request at 8 connections), and anyio builds a dict of every socket
    attribute, getpeername() included, to answer: ~0.2 ms of CPU a request, 15 % of a
    fetch (a bare httpx fetch of 3,000 sample-site pages, alternating runs: 1.48 -> 1.27 ms
    of CPU a page). The answer is the same poll on the same socket."""

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream
        self._socket = stream.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._stream.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(self, *args: object, **kwargs: object) -> httpcore.AsyncNetworkStream:
        return _SocketKeepingStream(await self._stream.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str) -> object:
        if info == "is_readable" and self._socket is not None:
            return _is_readable(self._socket)
        return self._stream.get_extra_info(info)


class _SocketKeepingBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(self, *args: object, **kwargs: object) -> httpcore.AsyncNetworkStream:
        return _SocketKeepingStream(await self._backend.connect_tcp(*args, **kwargs))

    async def connect_unix_socket(self, *args: object, **kwargs: object) -> httpcore.AsyncNetworkStream:
        return _SocketKeepingStream(await self._backend.connect_unix_socket(*args, **kwargs))

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def network_transport(max_connections: int) -> httpx.AsyncHTTPTransport:
    """httpx's own transport (keep-alive pool of ``max_connections``), its network backend
    wrapped in :class:`_SocketKeepingBackend`. httpx does not take a backend as an argument,
    so it is set on the pool it built; if a later httpx moves that attribute, the stock
    backend stays (slower, same behaviour) and ``tests/test_fetch.py`` says so."""
    transport = httpx.AsyncHTTPTransport(
        verify=_tls_context(), limits=httpx.Limits(max_connections=max_connections,
                                                   max_keepalive_connections=max_connections))
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.AsyncNetworkBackend):
        pool._network_backend = _SocketKeepingBackend(backend)  # type: ignore[union-attr]
    return transport


class Fetcher:
    """``async with Fetcher(settings) as f: page = await f.fetch(url)``.

    ``transport`` replaces httpx's network transport (tests pass a MockTransport).
    ``allowed_hosts``: hosts we fetch from and follow redirects to (default: the host of
    ``settings.site`` and ``settings.allowed_hosts``); others give a ``skipped`` page.
    ``archive``: where the responses read are archived (None: nowhere).
    """

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None,
                 allowed_hosts: Iterable[str] | None = None, archive: WarcWriter | None = None) -> None:
        self.settings = settings
        self.stats = FetchStats()
        self._transport = transport
        self._replaying = transport is None and bool(settings.warc_replay)
        self._archive = archive
        hosts = list(allowed_hosts or [settings.site, *filter(None, settings.allowed_hosts.split(","))])
        self._allowed = {host_key(h.strip() if "://" in h else f"http://{h.strip()}/") for h in hosts}
        self._hosts: dict[str, _Host] = {}
        self._client: httpx.AsyncClient | None = None
        self._slots: asyncio.Semaphore | None = None
        self._rng = random.Random()

    async def __aenter__(self) -> Fetcher:
        cap = self.settings.concurrency
        if self._transport is None and self._replaying:
            from hbetl.replay import ReplayTransport  # reads the WARC files' index: only for a replay

            assert self.settings.warc_replay is not None
            self._transport = ReplayTransport(self.settings.warc_replay)
        self._client = httpx.AsyncClient(
            transport=self._transport or network_transport(cap),
            verify=_tls_context(),
            limits=httpx.Limits(max_connections=cap, max_keepalive_connections=cap),
            timeout=httpx.Timeout(self.settings.timeout),
            # Only encodings we inflate ourselves, in bounded steps (see _BoundedBody).
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
        )
        self._slots = asyncio.Semaphore(cap)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def stats_dict(self) -> dict:
        return self.stats.as_dict()

    def take_captures(self) -> list[Capture]:
        """The archive's index rows for what was archived since the last call."""
        return self._archive.take_captures() if self._archive is not None else []

    # --- politeness -----------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        if key not in self._hosts:
            rate = 0 if self._replaying else self.settings.rate_limit
            self._hosts[key] = _Host(interval=1.0 / rate if rate > 0 else 0.0)
        return self._hosts[key]

    async def _wait_turn(self, host: _Host) -> None:
        """Sleep until this host's rate gate and backoff both allow one more request,
        then take the slot (no await between the check and the booking)."""
        while True:
            now = time.monotonic()
            ready = max(host.next_slot, host.not_before)
            if ready <= now:
                host.next_slot = now + host.interval
                if self.stats.first_request is None:
                    self.stats.first_request = now
                self.stats.last_request = now
                self.stats.requests += 1
                return
            await asyncio.sleep(ready - now)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with full jitter: uniform(0, base * 2**(attempt-1)), capped."""
        ceiling = min(self.settings.retry_after_cap, self.settings.backoff_base * 2 ** (attempt - 1))
        return self._rng.uniform(0, ceiling)

    async def robots_policy(self, url: str) -> RobotsPolicy:
        """The robots.txt policy of ``url``'s host, fetched once and cached.
        Raises RobotsUnavailable (transient) on 5xx/unreachable."""
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is not None:
                return host.robots
            if host.robots_error is not None and time.monotonic() - host.robots_failed_at < ROBOTS_RETRY_SECONDS:
                raise host.robots_error
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            page, _transient = await self._fetch_page(robots_url, None, "robots", check_robots=False)
            try:
                # status None: never answered (connect errors, timeouts) = unreachable
                policy = policy_for_response(page.status, page.body, self.settings.user_agent, host=parts.netloc,
                                             why=page.reason)
            except RobotsUnavailable as exc:
                host.robots_error, host.robots_failed_at = exc, time.monotonic()
                raise
            host.robots, host.robots_error = policy, None
            if (policy.crawl_delay is not None and policy.crawl_delay > host.interval
                    and not self._crawl_delay_too_long(policy) and not self._replaying):
                log.info("%s: robots.txt Crawl-delay %.1f s", parts.netloc, policy.crawl_delay)
                host.interval = policy.crawl_delay
            return policy

    # --- fetching -------------------------------------------------------------------

    async def fetch(self, url: str, validators: Page | None = None, kind: str = "html") -> Page:
        """Fetch one page. ``kind``: 'html' (article/listing), 'feed' (RSS/Atom) or
        'any'; decides which content types count as readable.
        Raises only RobotsUnavailable (the whole host is off limits for now)."""
        page, _transient = await self.fetch_with_flag(url, validators, kind)
        return page

    async def fetch_with_flag(self, url: str, validators: Page | None = None,
                              kind: str = "html") -> tuple[Page, bool]:
        """Like fetch(), plus whether a failure was transient (gave up after retries)."""
        url = normalise_url(url)
        if host_key(url) not in self._allowed:
            return self._count(Page(url=url, outcome="skipped", reason=f"off-host: {urlsplit(url).netloc}",
                                    attempts=0, fetched_at=_now_iso())), False
        if self.settings.respect_robots:
            policy = await self.robots_policy(url)
            if not policy.allowed(url):
                return self._count(Page(url=url, outcome="skipped", reason="disallowed by robots.txt",
                                        attempts=0, fetched_at=_now_iso())), False
            if self._crawl_delay_too_long(policy):
                # As with a Retry-After past the cap: the site asked for a pace the run cannot
                # keep (a Crawl-delay of a day, or inf, had it wait between requests for ever).
                reason = (f"robots.txt Crawl-delay {policy.crawl_delay:g} s: over the "
                          f"{self.settings.retry_after_cap:g} s a run waits (HBETL_RETRY_AFTER_CAP)")
                return self._count(Page(url=url, outcome="skipped", reason=reason,
                                        attempts=0, fetched_at=_now_iso())), False
        page, transient = await self._fetch_page(url, validators, kind, check_robots=True)
        return self._count(page), transient

    async def fetch_many(self, urls: Iterable[str], validators: dict[str, Page] | None = None,
                         kind: str = "html") -> list[Page]:
        """Fetch a batch within the caps, pages in the order of ``urls``.
        Raises FetchTransient when every page failed transiently (host down)."""
        validators = validators or {}
        urls = list(urls)
        results = await gather_or_cancel(self.fetch_with_flag(u, validators.get(u), kind) for u in urls)
        if results and all(transient for _page, transient in results):
            first = results[0][0]
            raise FetchTransient(f"all {len(results)} pages failed, e.g. {first.reason}",
                                 subject=urlsplit(first.url).netloc)
        return [page for page, _transient in results]

    def _count(self, page: Page) -> Page:
        self.stats.outcomes[page.outcome] += 1
        if page.reason:
            self.stats.reasons[page.reason] += 1
        return page

    async def _fetch_page(self, url: str, validators: Page | None, kind: str,
                          check_robots: bool) -> tuple[Page, bool]:
        """The retry loop around single attempts."""
        assert self._client is not None and self._slots is not None, "use Fetcher as 'async with'"
        host = self._host(url)
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            try:
                async with self._slots:
                    page = await self._attempt(url, validators, kind, host, check_robots)
                page.attempts = attempt
                host.given_up_in_a_row = 0
                return page, False
            except _Done as done:
                host.given_up_in_a_row = 0  # the host answered (a 404, a page it could not give)
                return Page(url=url, outcome=done.outcome, status=done.status, reason=done.reason,
                            attempts=attempt, elapsed_ms=_ms_since(started), fetched_at=_now_iso()), False
            except _Transient as fault:
                self.stats.faults[fault.kind] += 1
                # A server that asks for more time than a run waits (Retry-After: a day) is not
                # asked again at the cap a few times over: it said when, and it is not now.
                too_long = fault.retry_after is not None and fault.retry_after > self.settings.retry_after_cap
                if attempt > self.settings.max_retries or too_long or host.failing:
                    if too_long:
                        reason = (f"{fault.reason}, Retry-After {fault.retry_after:g} s: over the "
                                  f"{self.settings.retry_after_cap:g} s a run waits")
                    elif attempt > self.settings.max_retries:
                        reason = f"gave up after {attempt} attempts: {fault.reason}"
                    else:
                        reason = f"{fault.reason}; not retried: the host failed {HOST_FAILING_PAGES}+ pages in a row"
                    host.given_up_in_a_row += 1
                    return Page(url=url, outcome="failed", status=fault.status, reason=reason,
                                attempts=attempt, elapsed_ms=_ms_since(started), fetched_at=_now_iso()), True
                self.stats.retries += 1
                delay = self._backoff(attempt)
                if fault.retry_after is not None:
                    delay = min(fault.retry_after, self.settings.retry_after_cap)
                if fault.status in HOST_BACKOFF_STATUSES:
                    # The server asked the whole host to slow down, not just this URL.
                    host.not_before = max(host.not_before, time.monotonic() + delay)
                    log.info("%s: HTTP %s, host backs off %.2f s", url, fault.status, delay)
                else:
                    await asyncio.sleep(delay)

    async def _attempt(self, url: str, validators: Page | None, kind: str, host: _Host,
                       check_robots: bool) -> Page:
        """One request (plus same-host redirects). Raises _Transient or _Done."""
        assert self._client is not None
        headers = {}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        current = url
        redirect_status = None  # the last redirect's: a chain too long ends on it
        for _hop in range(MAX_REDIRECTS + 1):
            await self._wait_turn(host)
            started = time.monotonic()
            request = response = None
            deadline = self.settings.page_deadline
            try:
                # settings.timeout bounds each read; this bounds the whole response, so a
                # body trickling in a byte a second (each read in time) cannot hold a page for hours.
                async with asyncio.timeout(deadline):
                    request = self._client.build_request("GET", current, headers=headers)
                    response = await self._client.send(request, stream=True)
                    try:
                        if response.is_redirect and "location" in response.headers:
                            await self._archive_small(response)
                            redirect_status = response.status_code
                            target = _redirect_target(response.headers["location"], current, redirect_status)
                            if not same_site(target, url) and host_key(target) not in self._allowed:
                                raise _Done("skipped", f"off-host redirect to {urlsplit(target).netloc}",
                                            response.status_code)
                            if check_robots and self._robots_blocks(host, target):
                                raise _Done("skipped", "redirect target disallowed by robots.txt",
                                            response.status_code)
                            current = target
                            continue
                        return await self._read(url, current, response, validators, kind, started)
                    finally:
                        await response.aclose()
            except TimeoutError as exc:  # asyncio.timeout's (httpx's own are not TimeoutError)
                part = "headers" if response is None else "body"
                raise _Transient("timeout", f"{part} not read within {deadline:g} s") from exc
            except httpx.TimeoutException as exc:
                raise _Transient("timeout", f"{type(exc).__name__} after {self.settings.timeout:g} s") from exc
            except httpx.ConnectError as exc:
                raise _Transient("connect", f"cannot connect: {exc}") from exc
            except httpx.RemoteProtocolError as exc:
                # h11's wording for a Content-Length the body did not reach.
                kind_ = "truncated" if "incomplete" in str(exc) or "complete message body" in str(exc) else "dropped"
                if kind_ == "dropped" and not any(word in str(exc) for word in _DROPPED_WORDS):
                    # A response h11 cannot read ("bad Content-Length", "conflicting Content-Length
                    # headers", headers past httpcore's 100 KB: "Receive buffer too long"): the server sends it
                    # the same way every time, and it was asked 4 more times as a dropped connection.
                    raise _Done("failed", f"malformed response: {exc}") from exc
                raise _Transient(kind_, f"{kind_} connection: {exc}") from exc
            except (httpx.ReadError, httpx.WriteError) as exc:
                raise _Transient("dropped", f"dropped connection: {type(exc).__name__} {str(exc) or '(reset by the peer)'}") from exc
            except httpx.DecodingError as exc:
                raise _Done("failed", f"undecodable body: {exc}") from exc
            except httpx.InvalidURL as exc:
                # httpx reads a redirect's Location before it hands the response back (next_request),
                # and raises InvalidURL, no HTTPError, for one it cannot make a request of ('mailto:…'):
                # it went through the batch and failed the whole run, naming no page.
                what = "redirect to an invalid URL" if request is not None else "invalid URL"
                raise _Done("failed", f"{what} (httpx: {exc})") from exc
            except httpx.HTTPError as exc:
                raise _Done("failed", f"{type(exc).__name__}: {exc}") from exc
        # With its status, a 3xx: for robots.txt that is "unavailable" (RFC 9309 2.3.1.2: crawl as if
        # it had no rules), not "unreachable" (no status: disallow all), which failed the whole run.
        raise _Done("failed", f"more than {MAX_REDIRECTS} redirects", redirect_status)

    def _crawl_delay_too_long(self, policy: RobotsPolicy) -> bool:
        return (not self._replaying and policy.crawl_delay is not None
                and policy.crawl_delay > self.settings.retry_after_cap)

    def _robots_blocks(self, host: _Host, url: str) -> bool:
        return self.settings.respect_robots and host.robots is not None and not host.robots.allowed(url)

    async def _read(self, url: str, final_url: str, response: httpx.Response, validators: Page | None,
                    kind: str, started: float) -> Page:
        status = response.status_code
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        content_type = response.headers.get("content-type")
        if status == 304 and not (validators and (validators.etag or validators.last_modified)):
            # "Not modified" since a copy we never named (a confused cache or server): taken at
            # its word, the page was counted unchanged, never loaded and never reported, run
            # after run, as a URL with no validators stored always asks without them.
            raise _Done("failed", "HTTP 304 Not Modified, though the request named no earlier copy", status)
        if status == 304:
            self.stats.not_modified += 1
            return Page(url=url, outcome="not_modified", status=304, content_type=content_type,
                        etag=etag or (validators.etag if validators else None),
                        last_modified=last_modified or (validators.last_modified if validators else None),
                        content_hash=validators.content_hash if validators else None,
                        elapsed_ms=_ms_since(started), fetched_at=_now_iso(), final_url=final_url)
        if status == 206:
            # We never ask for a range: the server (or a cache) says this is part of the page.
            # Read as a whole, half an article was loaded (at best flagged a suspect read).
            raise _Transient("truncated", f"HTTP 206 Partial Content ({response.headers.get('content-range') or 'no range'}) "
                             "to a request for the whole page")
        if status in TRANSIENT_STATUSES:
            raise _Transient(f"http_{status}", f"HTTP {status}", status,
                             parse_retry_after(response.headers.get("retry-after")))
        if status >= 400:
            await self._archive_small(response)
            raise _Done("failed", f"HTTP {status}", status)
        if not 200 <= status < 300:
            raise _Done("failed", f"unexpected HTTP {status}", status)
        accepted = ACCEPT[kind]
        media = _media_type(content_type)
        if accepted and media is not None and media not in accepted:
            raise _Done("failed", f"not HTML ({media})" if kind == "html" else f"not a feed ({media})", status)
        # robots.txt past the cap: its first MAX_ROBOTS_BYTES, as RFC 9309 2.5 has crawlers parse. Failed
        # whole as 'body over 5000000 bytes', it was read as no robots.txt: every page allowed.
        body = await self._body(response, head=MAX_ROBOTS_BYTES if kind == "robots" else None)
        replayed = response.extensions.get(REPLAYED)
        # A replayed page was fetched when it was archived: the rows a replay loads are the crawl's.
        fetched_at = replayed.fetched_at.replace("Z", "+00:00") if replayed is not None else _now_iso()
        if self._archive is not None:
            self._archive.record(response, body, fetched_at)
        return Page(url=url, outcome="fetched", status=status, content_type=content_type, etag=etag,
                    last_modified=last_modified, content_hash=hashlib.sha256(body).hexdigest(),
                    n_bytes=len(body), elapsed_ms=_ms_since(started), fetched_at=fetched_at,
                    final_url=final_url, body=body)

    async def _body(self, response: httpx.Response, head: int | None = None) -> bytes:
        """The decoded body, at most settings.max_body_bytes; raises _Done when it is not readable.
        ``head``: a body past that many bytes gives its first ``head`` bytes, not an error."""
        status = response.status_code
        cap = head or self.settings.max_body_bytes
        # An empty Content-Encoding (some PHP set-ups send one) names no coding: the body is as sent.
        # It was refused as "unsupported content encoding ()", and the page lost, run after run.
        encoding = response.headers.get("content-encoding", "").strip().lower() or "identity"
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap and encoding == "identity" and not head:
            raise _Done("failed", f"body over {cap} bytes", status)
        if encoding not in _BoundedBody.ENCODINGS:
            raise _Done("failed", f"unsupported content encoding ({encoding})", status)
        reader = _BoundedBody(encoding, cap)
        try:
            async for raw in response.aiter_raw():
                self.stats.bytes += reader.feed(raw)
            self.stats.bytes += reader.finish()
        except _BodyTooLarge as exc:
            self.stats.bytes += reader.size
            if head:
                return reader.body()
            raise _Done("failed", f"body over {cap} bytes", status) from exc
        except zlib.error as exc:
            raise _Done("failed", f"undecodable {encoding} body: {exc}", status) from exc
        return reader.body()

    async def _archive_small(self, response: httpx.Response) -> None:
        """Archive a redirect or a 4xx answer (its body is read for that, and only then)."""
        if self._archive is None:
            return
        try:
            body = await self._body(response)
        except _Done:
            return  # an unreadable error page: the answer itself is what the page row keeps
        self._archive.record(response, body, _now_iso())


class _BodyTooLarge(Exception):
    pass


class _BoundedBody:
    """Collects a response body, inflating gzip/deflate at most ``cap + 1`` bytes at a
    time, so a small compressed body that inflates to gigabytes (a "gzip bomb") is
    stopped after ``cap`` bytes instead of being inflated in one call."""

    ENCODINGS = ("identity", "gzip", "x-gzip", "deflate")

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap = cap
        self.size = 0
        self.chunks: list[bytes] = []
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            self.inflater = None
        self._started = False

    def _keep(self, data: bytes) -> int:
        room = self.cap - self.size
        self.size += len(data)
        if self.size > self.cap:
            self.chunks.append(data[:room])  # the first ``cap`` bytes, for a caller that takes a head
            raise _BodyTooLarge
        self.chunks.append(data)
        return len(data)

    def feed(self, raw: bytes) -> int:
        """Take raw bytes off the wire; returns the decoded bytes kept."""
        if self.inflater is None:
            return self._keep(raw)
        if not self._started and self.encoding == "deflate" and raw:
            self._started = True
            try:  # "deflate" is zlib-wrapped by the RFC, raw deflate by some servers
                zlib.decompressobj(zlib.MAX_WBITS).decompress(raw[:64])
            except zlib.error:
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        kept = 0
        data = raw
        while data:
            out = self.inflater.decompress(data, self.cap - self.size + 1)
            kept += self._keep(out)
            data = self.inflater.unconsumed_tail
        return kept

    def finish(self) -> int:
        return self._keep(self.inflater.flush()) if self.inflater is not None else 0

    def body(self) -> bytes:
        return b"".join(self.chunks)


def _redirect_target(location: str, current: str, status: int) -> str:
    """The URL a Location names, normalised; _Done when it is no URL we could ask (a port past
    65535, a scheme that is not http(s)). normalise_url drops a port it cannot read, and such a
    redirect was skipped as "off-host redirect to 127.0.0.1", the page counted neither read nor failed."""
    try:
        parts = urlsplit(urljoin(current, location.strip()))
        parts.port  # noqa: B018 (urlsplit checks the port only when asked)
    except ValueError:
        raise _Done("failed", f"redirect to an invalid URL: {location.strip()[:200]!r}", status) from None
    if parts.scheme not in ("http", "https"):
        raise _Done("failed", f"redirect to a URL that is not http(s): {location.strip()[:200]!r}", status)
    return normalise_url(location, current)


def _ms_since(started: float) -> float:
    return round((time.monotonic() - started) * 1000, 2)

