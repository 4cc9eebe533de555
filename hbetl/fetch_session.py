"""A run's fetcher: one Fetcher for every batch of a run, on a thread or in a process of its own.

    open_fetch_session(settings)  ->  FetchProcess   (the default for a run)
                                  ->  FetchSession   (a transport is given, or fetch_process=False)

Both have the same calls: ``fetch(urls, validators, archived) -> list[Page]`` (from any
thread; blocks until the batch is in), ``take_captures()`` (the index rows of the WARC records
written since the last call: the session's WARC writer lives beside its Fetcher, so the pages
are archived where they arrive, each as it comes), ``stats()`` and ``close()``.

With a Fetcher per batch, every 200 pages paid for a new client, new connections and
robots.txt. One session keeps one rate gate, one cap on requests in flight and one
keep-alive pool across the run's batches, so two batches may be in flight at once
without being less polite: their requests queue for the same slots.

Why a process: httpx costs ~1.6 ms of CPU a page here (``bench/bench_flow.py``'s bare
fetch is bound by it), and on a thread of the flow process that CPU needs the same GIL
as Prefect's client, the hand-off to the parse pool and the loads. In a process of its
own the fetcher has a GIL to itself; a batch's bodies cross a pipe once (~4 MB, a few
ms). The politeness state (rate gate, robots.txt, backoff) still lives in one place.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import signal
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from hbetl.errors import FetchTransient
from hbetl.models import Page
from hbetl.settings import Settings

if TYPE_CHECKING:
    import httpx

    from hbetl.warc import ArchiveSpec, Capture, Prior

__all__ = ["AnyFetchSession", "FetchSession", "FetchProcess", "open_fetch_session"]


def open_fetch_session(settings: Settings, transport: httpx.AsyncBaseTransport | None = None,
                       archive: ArchiveSpec | None = None, known: dict[str, Prior] | None = None
                       ) -> AnyFetchSession:
    """The run's fetcher: in a process of its own unless a transport is passed in (tests swap
    it, and a transport cannot cross a process) or ``settings.fetch_process`` is off.
    ``archive``: the run's web archive (None: nothing archived); ``known``: the payload digests
    already archived for URLs the session may meet outside its batches (robots.txt)."""
    if transport is None and settings.fetch_process:
        return FetchProcess(settings, archive, known)
    return FetchSession(settings, transport=transport, archive=archive, known=known)


class FetchSession:
    """One Fetcher on its own event-loop thread for a whole run."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None,
                 archive: ArchiveSpec | None = None, known: dict[str, Prior] | None = None) -> None:
        from hbetl.fetch import Fetcher

        self._writer = None
        if archive is not None:
            from hbetl.warc import WarcWriter

            self._writer = WarcWriter(archive, known)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="hbetl-fetch", daemon=True)
        self._thread.start()
        self._fetcher = Fetcher(settings, transport=transport, archive=self._writer)
        self._call(self._fetcher.__aenter__())

    def _call(self, coro: Any) -> Any:
        return self.submit(coro).result()

    def submit(self, coro: Any) -> Future:
        """Run ``coro`` on the session's loop; its Future (concurrent.futures) at once."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def fetch(self, urls: Iterable[str], validators: dict[str, Page] | None = None,
              archived: dict[str, Prior] | None = None) -> list[Page]:
        """Fetch a batch; conditional requests where ``validators`` hold an earlier fetch, and a
        revisit record for a page whose payload ``archived`` says the archive already holds."""
        return self.submit(self.fetch_batch(list(urls), validators or {}, archived or {})).result()

    async def fetch_batch(self, urls: list[str], validators: dict[str, Page],
                          archived: dict[str, Prior] | None = None) -> list[Page]:
        from hbetl.fetch import gather_or_cancel

        if self._writer is not None and archived:
            self._writer.remember(archived)
        try:
            return await gather_or_cancel(self._fetcher.fetch(u, validators.get(u)) for u in urls)
        finally:
            if self._writer is not None and archived:
                self._writer.forget(archived)

    def take_captures(self) -> list[Capture]:
        return self._call(self._take_captures())

    async def _take_captures(self) -> list[Capture]:
        return self._fetcher.take_captures()

    def stats(self) -> dict:
        return self._call(self._stats())

    async def _stats(self) -> dict:
        return self._fetcher.stats_dict()

    async def _shutdown(self) -> None:
        # A batch still in flight (a failing run closes its session while another fetch task
        # waits) is cancelled, so the thread waiting for it gets an error instead of hanging.
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        await self._fetcher.__aexit__(None, None, None)
        if self._writer is not None:
            self._writer.close()

    def close(self) -> None:
        if self._loop.is_closed():
            return
        try:
            self._call(self._shutdown())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self) -> FetchSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# ----------------------------------------------------------------------------- in a process

# What may cross the pipe: ("fetch", id, urls, validators, archived), ("captures", id),
# ("stats", id), ("close", id) one way; (id, ok, value) the other, value being the result or the exception, and
# (LOG_RECORD, True, record) for the child's log lines (retries, backoffs, Crawl-delay),
# which the parent hands to its own loggers, so they reach Prefect's run log as before.
LOG_RECORD = -1
_CLOSE_TIMEOUT_S = 30.0  # a close cancels what is in flight, so it is quick; past this the child is killed


class FetchProcess:
    """A FetchSession in a child process, driven over a pipe.

    Requests carry an id; a reader thread hands each answer to the Future waiting for
    it, so two batches can be in flight at once, as on the thread. If the child dies,
    every waiting call gets a transient error naming its exit code (Prefect may retry)."""

    def __init__(self, settings: Settings, archive: ArchiveSpec | None = None,
                 known: dict[str, Prior] | None = None) -> None:
        # forkserver, not fork: this process runs Prefect's threads, whose locks a fork could copy held.
        context = multiprocessing.get_context("forkserver")
        self._conn, child_end = context.Pipe()
        self._process = context.Process(target=_serve, args=(settings, child_end, archive, known),
                                        name="hbetl-fetch", daemon=True)
        self._process.start()
        child_end.close()
        self._ids = itertools.count()
        self._waiting: dict[int, Future] = {}
        self._lock = threading.Lock()  # one writer on the pipe at a time; guards _waiting
        self._reader = threading.Thread(target=self._read_answers, name="hbetl-fetch-answers", daemon=True)
        self._reader.start()
        self._closed = False
        self._ask("stats")  # the child's Fetcher is open (or its error is raised here)

    def fetch(self, urls: Iterable[str], validators: dict[str, Page] | None = None,
              archived: dict[str, Prior] | None = None) -> list[Page]:
        return self._ask("fetch", list(urls), validators or {}, archived or {})

    def take_captures(self) -> list[Capture]:
        return self._ask("captures")

    def stats(self) -> dict:
        return self._ask("stats")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._ask("close", timeout=_CLOSE_TIMEOUT_S)
        except Exception:  # noqa: BLE001 (closing: the child may be gone already; it is killed below)
            pass
        finally:
            self._process.join(timeout=_CLOSE_TIMEOUT_S)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._conn.close()
            self._reader.join(timeout=_CLOSE_TIMEOUT_S)

    def _ask(self, verb: str, *args: Any, timeout: float | None = None) -> Any:
        answer: Future = Future()
        with self._lock:
            if not self._process.is_alive() and self._process.exitcode is not None:
                raise self._died()
            request_id = next(self._ids)
            self._waiting[request_id] = answer
            try:
                self._conn.send((verb, request_id, *args))
            except OSError as exc:  # it died between the check above and the send
                self._waiting.pop(request_id, None)
                raise self._died() from exc
        return answer.result(timeout=timeout)

    def _read_answers(self) -> None:
        while True:
            try:
                request_id, ok, value = self._conn.recv()
            except (EOFError, OSError):  # the child is gone (closed, or died)
                break
            if request_id == LOG_RECORD:
                logging.getLogger(value.name).handle(value)
                continue
            with self._lock:
                answer = self._waiting.pop(request_id)
            if ok:
                answer.set_result(value)
            else:
                answer.set_exception(value)
        self._process.join(timeout=5)
        with self._lock:
            waiting, self._waiting = self._waiting, {}
        for answer in waiting.values():
            answer.set_exception(self._died())

    def _died(self) -> FetchTransient:
        return FetchTransient(f"fetch process exited (exit code {self._process.exitcode})", subject="fetcher")

    def __enter__(self) -> FetchProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _PipeLogHandler(logging.Handler):
    """Sends the child's log records to the parent (message formatted, no traceback objects)."""

    def __init__(self, send: Any) -> None:
        super().__init__()
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self._send((LOG_RECORD, True, record))


AnyFetchSession = FetchSession | FetchProcess  # what open_fetch_session returns: the same three calls


def _serve(settings: Settings, conn: Connection, archive: ArchiveSpec | None = None,
           known: dict[str, Prior] | None = None) -> None:
    """The child: a FetchSession, fed from the pipe; batches run side by side on its loop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it closes us
    send_lock = threading.Lock()

    def send(message: tuple) -> None:
        with send_lock:
            conn.send(message)

    def answer(request_id: int, done: Future) -> None:
        if done.cancelled():
            error: BaseException | None = FetchTransient("batch cancelled: the fetch session closed", subject="fetcher")
        else:
            error = done.exception()
        try:
            send((request_id, error is None, done.result() if error is None else error))
        except Exception as exc:  # noqa: BLE001 (an exception that does not pickle: send its text)
            send((request_id, False, FetchTransient(f"{type(error or exc).__name__}: {error or exc}", subject="fetcher")))

    logger = logging.getLogger("hbetl")
    logger.addHandler(_PipeLogHandler(send))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        session = FetchSession(settings, archive=archive, known=known)
    except Exception as exc:  # noqa: BLE001 (the first request, the parent's check, gets the reason)
        verb, request_id, *_args = conn.recv()
        send((request_id, False, exc))
        return
    while True:
        try:
            verb, request_id, *args = conn.recv()
        except EOFError:  # the parent is gone
            session.close()
            return
        if verb == "fetch":
            future = session.submit(session.fetch_batch(*args))
            future.add_done_callback(lambda done, rid=request_id: answer(rid, done))
        elif verb == "stats":
            answer(request_id, session.submit(session._stats()))
        elif verb == "captures":
            answer(request_id, session.submit(session._take_captures()))
        else:  # "close": cancels batches still in flight (their callers get the cancellation)
            session.close()
            send((request_id, True, None))
            conn.close()
            return
