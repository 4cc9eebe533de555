"""The sample site's HTTP server: routes -> pages built in memory, on 127.0.0.1 only.

No URL is ever mapped to a file: every route is a regular expression over the path,
and pages come from the archive (bundled or synthetic) through the templates. Paths
with traversal-looking parts are refused before routing all the same.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import ipaddress
import re
import signal
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qs

from hbetl.sample_site import templates
from hbetl.sample_site.content import CATEGORIES, SiteArticle, build_bundled_archive
from hbetl.sample_site.synthetic import MAX_ARTICLES, SyntheticArchive


class Archive(Protocol):
    def get(self, article_id: int) -> SiteArticle | None: ...
    def count(self, category: int | None = None) -> int: ...
    def newest(self, category: int | None, offset: int, limit: int) -> list[SiteArticle]: ...
    def on_day(self, day: date, category: int | None = None) -> list[SiteArticle]: ...
    def older_in_category(self, article: SiteArticle, limit: int = 5) -> list[SiteArticle]: ...


ARTICLE = re.compile(r"/(\d{1,3})/(\d{1,9})/([A-Za-z0-9-]{1,200})\.htm")
LISTING = re.compile(r"/(\d{1,3})/trang-(\d{1,6})\.htm")
DAY_ARCHIVE = re.compile(r"/tin-theo-ngay/(\d{4}-\d{2}-\d{2})/(\d{1,3})\.htm")
RSS = re.compile(r"/rss/(home|\d{1,3})\.rss")
IMAGE = re.compile(r"/images/[A-Za-z0-9_-]{1,80}\.(?:jpg|png|gif)")
# Traversal and smuggling shapes refused outright (400), whatever route they would hit.
SUSPICIOUS = re.compile(r"\.\.|%2e|%5c|%2f|%00|\\|//|\x00", re.IGNORECASE)
HOST_HEADER = re.compile(r"(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?")
GZIP_MIN_BYTES = 1024  # below this gzip's header costs more than it saves
# nginx's default gzip_comp_level; level 5 cost the site 0.41 ms a 21 KB page against 0.25 ms
# (on the 2 cores the flow bench shares with it), for 11 % fewer bytes on loopback.
GZIP_LEVEL = 1
# A 1x1 transparent GIF: the pages reference photos; crawlers that fetch them get a picture.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    last_modified: datetime | None = None  # naive Vietnam local time, for conditional GET
    conditional: bool = False  # send ETag / Last-Modified and honour If-* headers


def _html(status: int, text: str, **kw) -> Response:
    return Response(status, text.encode("utf-8"), **kw)


class SampleSite:
    """Routes a request path to a response. Holds no per-request state."""

    def __init__(self, archive: Archive, crawl_delay: float | None = None) -> None:
        self.archive = archive
        self.crawl_delay = crawl_delay
        latest = archive.newest(None, 0, 15)
        popular = archive.newest(None, 15, 15)
        self.sidebar = templates.sidebar(latest, popular)  # the same on every page: build once

    def not_found(self) -> Response:
        return _html(404, templates.not_found_page(self.sidebar))

    def handle(self, raw_path: str, base_url: str) -> Response:
        if not raw_path.startswith("/"):
            return _html(400, "<h1>400 Bad Request</h1>")
        raw, _, query = raw_path.partition("?")
        if SUSPICIOUS.search(raw):  # checked on the raw path: urlsplit would read "//x" as a host
            return _html(400, "<h1>400 Bad Request</h1>")
        path = raw
        if path == "/":
            return _html(200, templates.home_page(self.archive.newest(None, 0, templates.PAGE_SIZE),
                                                  self.sidebar))
        if path == "/robots.txt":
            return Response(200, templates.robots_txt(self.crawl_delay).encode(), "text/plain; charset=utf-8")
        if m := ARTICLE.fullmatch(path):
            return self.article(int(m[1]), int(m[2]), m[3])
        if m := LISTING.fullmatch(path):
            return self.listing(int(m[1]), int(m[2]))
        if m := DAY_ARCHIVE.fullmatch(path):
            return self.day_archive(m[1], int(m[2]))
        if path in ("/tin-theo-ngay/", "/tin-theo-ngay"):
            return self.archive_form(query)
        if m := RSS.fullmatch(path):
            return self.rss(None if m[1] == "home" else int(m[1]), base_url)
        if IMAGE.fullmatch(path):
            return Response(200, PIXEL, "image/gif")
        return self.not_found()

    def article(self, category: int, article_id: int, slug: str) -> Response:
        a = self.archive.get(article_id)
        if a is None or a.category != category:
            return self.not_found()
        if slug != a.slug:  # the CMS finds articles by id; other slugs redirect to the canonical URL
            return Response(301, b"", headers=(("Location", a.path),))
        related = self.archive.older_in_category(a, 5)
        html = templates.article_page(a, related, self.sidebar)
        return _html(200, html, last_modified=a.published, conditional=True)

    def listing(self, category: int, page_no: int) -> Response:
        if category not in CATEGORIES or page_no < 1:
            return self.not_found()
        total = self.archive.count(category)
        offset = (page_no - 1) * templates.PAGE_SIZE
        if offset >= total and page_no > 1:
            return self.not_found()
        articles = self.archive.newest(category, offset, templates.PAGE_SIZE)
        has_next = offset + templates.PAGE_SIZE < total
        return _html(200, templates.listing_page(category, page_no, articles, has_next, self.sidebar))

    def day_archive(self, day_text: str, category: int) -> Response:
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            return self.not_found()
        if category != 0 and category not in CATEGORIES:
            return self.not_found()
        articles = self.archive.on_day(day, category or None)
        return _html(200, templates.archive_page(day, category, articles, self.sidebar))

    def archive_form(self, query: str) -> Response:
        """The date form's GET submission (when JavaScript is off): redirect to the archive URL."""
        q = {k: v[0] for k, v in parse_qs(query).items()}
        try:
            day = date(int(q["nam"]), int(q["thang"]), int(q["ngay"]))
            category = int(q.get("cm", "0"))
        except (KeyError, ValueError):
            return self.not_found()
        return Response(302, b"", headers=(("Location", templates.archive_path(day, category)),))

    def rss(self, category: int | None, base_url: str) -> Response:
        if category is not None and category not in CATEGORIES:
            return self.not_found()
        items = self.archive.newest(category, 0, templates.RSS_ITEMS)
        feed = templates.rss_feed(base_url, category, items)
        return Response(200, feed.encode("utf-8"), "application/rss+xml; charset=utf-8")


# ---------------------------------------------------------------- HTTP plumbing

def _http_date(local: datetime) -> str:
    return format_datetime(local.replace(tzinfo=templates.VIETNAM).astimezone(UTC),
                           usegmt=True)


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    candidates = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in candidates


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every response carries Content-Length
    disable_nagle_algorithm = True  # without it keep-alive responses stall ~40 ms (delayed ACK)
    server_version = "Apache"
    sys_version = ""
    server: SiteServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _base_url(self) -> str:
        host = self.headers.get("Host", "")
        if not HOST_HEADER.fullmatch(host):
            host = self.server.public_netloc
        return f"http://{host}/"

    def do_GET(self) -> None:
        self._respond(head_only=False)

    def do_HEAD(self) -> None:
        self._respond(head_only=True)

    def _respond(self, head_only: bool) -> None:
        r = self.server.site.handle(self.path, self._base_url())
        headers = list(r.headers)
        body = r.body
        status = r.status
        if r.conditional and status == 200:
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            headers.append(("ETag", etag))
            if r.last_modified is not None:
                headers.append(("Last-Modified", _http_date(r.last_modified)))
            if self._not_modified(etag, r.last_modified):
                status, body = 304, b""
        if status == 200 and len(body) >= GZIP_MIN_BYTES and r.content_type.startswith(("text/", "application/rss")):
            headers.append(("Vary", "Accept-Encoding"))
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", r.content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not head_only and status != 304:
            self.wfile.write(body)

    def _not_modified(self, etag: str, last_modified: datetime | None) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            return _etag_matches(if_none_match, etag)
        since = self.headers.get("If-Modified-Since")
        if since is None or last_modified is None:
            return False
        try:
            since_dt = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if since_dt.tzinfo is None:
            return False
        return last_modified.replace(tzinfo=templates.VIETNAM) <= since_dt


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], site: SampleSite, verbose: bool = False) -> None:
        self.site = site
        self.verbose = verbose
        super().__init__(address, Handler)

    @property
    def public_netloc(self) -> str:
        host, port = self.server_address[:2]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class SiteServer6(SiteServer):
    address_family = socket.AF_INET6


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(archive: Archive, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False,
                crawl_delay: float | None = None) -> SiteServer:
    """A bound, not yet serving, server. Refuses any address that is not loopback."""
    if not is_loopback(host):
        raise ValueError(f"sample-site host {host!r}: only loopback addresses are served")
    host = "127.0.0.1" if host == "localhost" else host
    cls = SiteServer6 if ":" in host else SiteServer
    return cls((host, port), SampleSite(archive, crawl_delay), verbose=verbose)


# ---------------------------------------------------------------- command line

class _Stop(BaseException):
    """Raised by the SIGTERM/SIGINT handler to leave serve_forever. Not an Exception:
    socketserver hands each request over inside `except Exception`, which would log a
    signal landing there and serve on."""


def _stop(signum, frame) -> None:
    raise _Stop


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hbetl sample-site",
                                description="Serve the offline stand-in for baohoabinh.com.vn on 127.0.0.1.",
                                epilog="example:\n  hbetl sample-site --port 8000",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port; 0 picks a free one (default 8000)")
    p.add_argument("--articles", type=int, default=None,
                   help=f"serve a synthetic archive of N articles over 2023 (1..{MAX_ARTICLES}) instead")
    p.add_argument("--seed", type=int, default=0, help="random seed of the synthetic archive (default 0)")
    p.add_argument("--crawl-delay", type=float, default=None, help="add a Crawl-delay line to robots.txt")
    p.add_argument("--verbose", action="store_true", help="log each request on stderr")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.articles is not None and not 1 <= args.articles <= MAX_ARTICLES:
        print(f"sample-site --articles {args.articles}: must be 1..{MAX_ARTICLES}", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:  # ('OverflowError: bind(): port must be 0-65535.' under a traceback)
        print(f"sample-site --port {args.port}: must be 0..65535 (0: any free port)", file=sys.stderr)
        return 2
    archive: Archive = (SyntheticArchive(args.articles, args.seed) if args.articles is not None
                        else build_bundled_archive())
    try:
        server = make_server(archive, args.host, args.port, verbose=args.verbose, crawl_delay=args.crawl_delay)
    except ValueError as exc:  # a host off the loopback: a usage mistake
        print(f"sample-site: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the port taken: "sample-site: [Errno 98] …" named no port, and exited 2
        print(f"sample-site: {args.host}:{args.port}: {exc.strerror or exc}; choose another port with --port",
              file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print(f"http://{server.public_netloc}/", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except _Stop:
        pass
    finally:
        server.server_close()
    return 0
