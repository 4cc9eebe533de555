"""A fault-injecting HTTP proxy (and a tiny origin server) on 127.0.0.1, for tests.

    with Origin({"/a.htm": OriginPage(b"<html>..</html>")}) as origin, \
         FaultProxy(origin.url, FaultPlan(by_path={"/a.htm": ["503", "ok"]})) as proxy:
        ... fetch proxy.url + "a.htm" ...
        proxy.paths()        # every request path, in order
        proxy.requests       # [Recorded(path, at, fault, user_agent)]

Fault names (a plan lists them per path, or picks them by hash of the path):
  "500" "502" "503" "504"   that status, empty body
  "429:N" / "503:N"         that status with "Retry-After: N" (seconds)
  "429:date:N"              "Retry-After: <HTTP-date N seconds ahead>"
  "drop"                    read the request, close without answering
  "truncate"                Content-Length larger than the body sent, then close
  "reset"                   headers and half the body, then a TCP reset
  "stall"                   say nothing for plan.stall_seconds (past the client's timeout)
  "ok" / None               forward to the upstream

Run alone: ``python tests/faultproxy.py UPSTREAM --fail-first 2 --fraction 0.33``.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import http.client
import socket
import struct
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authenticate", "proxy-authorization", "content-length"}


@dataclass(slots=True)
class Recorded:
    path: str
    at: float  # time.monotonic() when the request line was read
    fault: str | None
    user_agent: str | None


@dataclass(slots=True)
class FaultPlan:
    by_path: dict[str, list[str]] = field(default_factory=dict)  # path -> fault of try 1, 2, ...
    fail_first: int = 0  # the first K tries of a chosen path fail ...
    fail_fraction: float = 0.0  # ... for this fraction of all paths, chosen by hash of the path
    fail_kinds: tuple[str, ...] = ("503", "drop", "truncate", "500")
    robots_txt: str | None = None  # served by the proxy itself when set
    stall_seconds: float = 5.0

    def chosen(self, path: str) -> bool:
        """Deterministic: the same paths fail on every run."""
        digest = int.from_bytes(hashlib.sha256(path.encode()).digest()[:4], "big")
        return digest / 2**32 < self.fail_fraction

    def fault_for(self, path: str, try_number: int) -> str | None:
        """The fault for the ``try_number``-th (0-based) request of ``path``."""
        if path in self.by_path:
            script = self.by_path[path]
            return script[try_number] if try_number < len(script) else None
        if try_number < self.fail_first and self.chosen(path):
            digest = int.from_bytes(hashlib.sha256(path.encode()).digest()[4:8], "big")
            return self.fail_kinds[(digest + try_number) % len(self.fail_kinds)]
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a stalled handler must not block shutdown
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        # A client that gives up on a body (size cap, timeout) resets the connection:
        # expected in these tests, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Base:
    """Start/stop a ThreadingHTTPServer on 127.0.0.1 in a background thread."""

    handler: type[BaseHTTPRequestHandler]

    def start(self) -> None:
        self.stopping = threading.Event()
        self.server = _Server(("127.0.0.1", 0), self.handler)
        self.server.owner = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real site
    disable_nagle_algorithm = True  # else every keep-alive response waits 40 ms for its ACK

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send_body(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# --- the origin ---------------------------------------------------------------------

@dataclass(slots=True)
class OriginPage:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False  # send Content-Encoding: gzip
    validators: bool = True  # send ETag/Last-Modified and answer conditional requests with 304


LAST_MODIFIED = "Mon, 10 Apr 2023 01:30:00 GMT"


class _OriginHandler(_Handler):
    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        origin: Origin = self.server.owner  # type: ignore[attr-defined]
        path = self.path
        with origin.lock:
            origin.requests.append(Recorded(path, time.monotonic(), None, self.headers.get("User-Agent")))
        page = origin.pages.get(path) or (origin.fallback(path) if origin.fallback else None)
        if page is None:
            self.send_body(404, b"<html><body>not found</body></html>", {"Content-Type": "text/html"})
            return
        headers = {"Content-Type": page.content_type, **page.headers}
        if page.validators and page.status == 200:
            etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
            headers.update({"ETag": etag, "Last-Modified": LAST_MODIFIED})
            if self.headers.get("If-None-Match") == etag or (
                    self.headers.get("If-None-Match") is None
                    and self.headers.get("If-Modified-Since") == LAST_MODIFIED):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        body = page.body
        if page.gzip:
            body = gzip.compress(body, compresslevel=9)
            headers["Content-Encoding"] = "gzip"
        self.send_body(page.status, body, headers)


class Origin(_Base):
    """A static site: path -> OriginPage; unknown paths are 404 unless ``fallback``
    (a function path -> OriginPage | None) makes one."""

    handler = _OriginHandler

    def __init__(self, pages: dict[str, OriginPage] | None = None, fallback=None) -> None:
        self.pages = dict(pages or {})
        self.fallback = fallback
        self.lock = threading.Lock()
        self.requests: list[Recorded] = []


# --- the proxy ----------------------------------------------------------------------

class _ProxyHandler(_Handler):
    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        proxy: FaultProxy = self.server.owner  # type: ignore[attr-defined]
        path = self.path
        with proxy.lock:
            try_number = proxy.tries[path]
            proxy.tries[path] += 1
            fault = proxy.plan.fault_for(path, try_number)
            fault = None if fault == "ok" else fault
            proxy.requests.append(Recorded(path, time.monotonic(), fault, self.headers.get("User-Agent")))
        if fault:
            self.close_connection = True
            self.inject(fault, proxy)
        elif path == "/robots.txt" and proxy.plan.robots_txt is not None:
            self.send_body(200, proxy.plan.robots_txt.encode(), {"Content-Type": "text/plain"})
        else:
            self.forward(proxy)

    def inject(self, fault: str, proxy: FaultProxy) -> None:
        name, _, arg = fault.partition(":")
        if name.isdigit():
            headers = {"Content-Type": "text/html"}
            if arg.startswith("date:"):
                headers["Retry-After"] = formatdate(time.time() + float(arg[5:]), usegmt=True)
            elif arg:
                headers["Retry-After"] = arg
            headers["Connection"] = "close"
            self.send_body(int(name), f"<html>fault {name}</html>".encode(), headers)
        elif name == "drop":
            self.wfile.flush()
        elif name in ("truncate", "reset"):
            body = b"<html><body>" + b"x" * 4000 + b"</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body) + 1000 if name == "truncate" else len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2] if name == "reset" else body)
            self.wfile.flush()
            if name == "reset":  # SO_LINGER 0: close() sends RST instead of FIN
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()  # now, before socketserver's shutdown(SHUT_WR) sends a FIN
        elif name == "stall":
            proxy.stopping.wait(proxy.plan.stall_seconds)
        else:
            raise ValueError(f"unknown fault {fault!r}")

    def forward(self, proxy: FaultProxy) -> None:
        target = urlsplit(proxy.upstream)
        conn = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=30)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"host"}}
            conn.request("GET", self.path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            out = {k: v for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP}
            if response.status == 304:
                self.send_response(304)
                for name, value in out.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_body(response.status, body, out)
        finally:
            conn.close()


class FaultProxy(_Base):
    """A proxy in front of ``upstream`` that injects the faults of ``plan``."""

    handler = _ProxyHandler

    def __init__(self, upstream: str, plan: FaultPlan | None = None) -> None:
        self.upstream = upstream
        self.plan = plan or FaultPlan()
        self.lock = threading.Lock()
        self.tries: Counter[str] = Counter()
        self.requests: list[Recorded] = []

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]

    def times(self, path: str | None = None) -> list[float]:
        with self.lock:
            return [r.at for r in self.requests if path is None or r.path == path]

    def faults(self) -> Counter[str]:
        with self.lock:
            return Counter(r.fault for r in self.requests if r.fault)

    def rate(self) -> float:
        """Requests per second between the first and the last request seen."""
        times = self.times()
        if len(times) < 2 or times[-1] == times[0]:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("upstream")
    parser.add_argument("--fail-first", type=int, default=2)
    parser.add_argument("--fraction", type=float, default=1 / 3)
    args = parser.parse_args()
    with FaultProxy(args.upstream, FaultPlan(fail_first=args.fail_first, fail_fraction=args.fraction)) as proxy:
        print(proxy.url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
