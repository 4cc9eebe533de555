"""A run's fetcher, on a thread (FetchSession) and in a process of its own (FetchProcess),
against real sockets: the same calls, the same politeness, the same failures."""

from __future__ import annotations

import concurrent.futures
import logging
import os
import signal
import socket
import threading
import time

import pytest

from hbetl.errors import FetchTransient
from hbetl.fetch_session import FetchProcess, FetchSession, open_fetch_session
from hbetl.settings import Settings

try:
    from faultproxy import FaultPlan, FaultProxy
    from test_fetch import make_origin, settings_for
except ImportError:  # tests/ is a package in this checkout
    from tests.faultproxy import FaultPlan, FaultProxy
    from tests.test_fetch import make_origin, settings_for

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def origin():
    with make_origin() as server:
        yield server


@pytest.fixture(params=[FetchSession, FetchProcess], ids=["thread", "process"])
def session_kind(request):
    return request.param


@pytest.fixture
def silent_url():
    """A server that accepts connections and never answers."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        yield f"http://127.0.0.1:{silent.getsockname()[1]}/"
    finally:
        silent.close()


def fetch_in_thread(session, urls: list[str]) -> tuple[threading.Thread, dict[str, object]]:
    outcome: dict[str, object] = {}

    def fetch() -> None:
        try:
            outcome["pages"] = session.fetch(urls)
        except (concurrent.futures.CancelledError, Exception) as exc:
            outcome["error"] = exc

    waiting = threading.Thread(target=fetch)
    waiting.start()
    return waiting, outcome


def test_a_session_shares_one_rate_gate_and_one_robots_txt_between_threads(origin, session_kind):
    """Batches fetched from two threads at once ask for robots.txt once and together stay
    under the rate limit, as one Fetcher would."""
    limit = 20.0
    with FaultProxy(origin.url) as proxy, session_kind(settings_for(proxy.url, rate_limit=limit)) as session:
        batches = [[f"{proxy.url}11/{b}{i}/a.htm" for i in range(8)] for b in (1, 2)]
        results: dict[int, list] = {}
        threads = [threading.Thread(target=lambda n=n: results.__setitem__(n, session.fetch(batches[n])))
                   for n in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        stats, seen_rate = session.stats(), proxy.rate()
        paths = [r.path for r in proxy.requests]
    assert all(p.outcome == "fetched" for n in (0, 1) for p in results[n])
    assert [p.url for p in results[0]] == batches[0]  # in the order asked
    assert paths.count("/robots.txt") == 1 and stats["requests"] == 17  # 16 pages and robots.txt
    assert seen_rate <= limit * 1.1


def test_a_closed_session_can_be_closed_again(origin, session_kind):
    session = session_kind(settings_for(origin.url))
    assert session.fetch([origin.url + "11/1/a.htm"])[0].outcome == "fetched"
    session.close()
    session.close()


def test_closing_a_session_ends_a_batch_still_in_flight(silent_url, session_kind):
    """A failing run closes its session while another fetch task waits on it: that task
    gets an error at once instead of waiting out timeouts and retries (or hanging)."""
    session = session_kind(settings_for(silent_url, timeout=10.0))
    waiting, outcome = fetch_in_thread(session, [silent_url + "11/1/a.htm"])
    time.sleep(0.5)
    session.close()
    waiting.join(timeout=5)
    assert not waiting.is_alive()
    assert "error" in outcome


def test_a_fetch_process_that_dies_fails_its_callers_with_a_transient_error(silent_url):
    """Killed (out of memory, an operator): the batch waiting on it, and any call after,
    get a one-line transient error naming the exit, so Prefect retries the batch."""
    session = FetchProcess(settings_for(silent_url, timeout=10.0))
    try:
        waiting, outcome = fetch_in_thread(session, [silent_url + "11/1/a.htm"])
        time.sleep(0.5)
        os.kill(session._process.pid, signal.SIGKILL)
        waiting.join(timeout=10)
        assert not waiting.is_alive()
        error = outcome["error"]
        assert isinstance(error, FetchTransient) and error.transient
        assert str(error) == f"fetcher: fetch process exited (exit code {-signal.SIGKILL})"
        with pytest.raises(FetchTransient, match="fetch process exited"):
            session.fetch([silent_url + "11/2/a.htm"])
    finally:
        session.close()


def test_the_fetch_process_log_lines_reach_the_parent(origin, caplog):
    """A retry's log line is written in the child; the run's log (Prefect's, here caplog)
    must still see it."""
    caplog.set_level(logging.INFO, logger="hbetl")
    plan = FaultPlan(by_path={"/11/1/a.htm": ["503"]})
    with FaultProxy(origin.url, plan) as proxy, FetchProcess(settings_for(proxy.url)) as session:
        pages = session.fetch([proxy.url + "11/1/a.htm"])
    assert pages[0].outcome == "fetched"
    backoffs = [r for r in caplog.records if r.name == "hbetl.fetch" and "HTTP 503" in r.getMessage()]
    assert backoffs and backoffs[0].process != os.getpid()


def test_errors_cross_the_pipe_whole():
    """What the child raises reaches the caller pickled: class, message and fields kept."""
    import pickle

    error = pickle.loads(pickle.dumps(FetchTransient("HTTP 503", subject="http://x/", status=503, retry_after=2.0)))
    assert type(error) is FetchTransient and str(error) == "http://x/: HTTP 503"
    assert (error.subject, error.reason, error.status, error.retry_after) == ("http://x/", "HTTP 503", 503, 2.0)


def test_open_fetch_session_chooses_a_process_unless_a_transport_is_given(origin):
    import httpx

    settings = settings_for(origin.url)
    with open_fetch_session(settings) as session:
        assert isinstance(session, FetchProcess)
    with open_fetch_session(settings.with_(fetch_process=False)) as session:
        assert isinstance(session, FetchSession)
    transport = httpx.MockTransport(lambda request: httpx.Response(404))
    with open_fetch_session(settings, transport=transport) as session:
        assert isinstance(session, FetchSession)


def test_the_fetch_process_setting_reads_from_the_environment():
    from hbetl.settings import load_settings

    assert Settings().fetch_process is True
    assert load_settings(env={"HBETL_FETCH_PROCESS": "0"}).fetch_process is False
