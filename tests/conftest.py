"""Shared fixtures: a real sample site and a real Prefect server, one of each per session.

Every server started here is stopped here, by its process id.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.local_server import free_port, stop_process  # noqa: F401  (tests import them from here)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


@pytest.fixture(scope="session")
def sample_site() -> Iterator[str]:
    """The bundled sample site on 127.0.0.1; yields its base URL."""
    from hbetl.sample_site import start_sample_site

    with start_sample_site() as (_proc, url):
        yield url


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `prefect server start` on 127.0.0.1 with a temporary PREFECT_HOME.

    Starting one costs ~10-15 s here, so the whole session shares it; the
    environment of this test process points Prefect's client at it.
    """
    from flows.local_server import local_prefect_server

    with local_prefect_server(tmp_path_factory.mktemp("prefect-home")) as env:
        mp = pytest.MonkeyPatch()
        mp.setenv("PREFECT_API_URL", env["PREFECT_API_URL"])
        mp.setenv("PREFECT_HOME", env["PREFECT_HOME"])
        yield env["PREFECT_API_URL"]
        # Send queued run logs and events before the server goes away; otherwise Prefect's
        # workers try at interpreter exit and print "Error logging to API".
        _drain_prefect_workers()
        mp.undo()


def _drain_prefect_workers() -> None:
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=10)


@pytest.fixture(autouse=True)
def _prefect_workers_stopped_after(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that ran flows against the server stops Prefect's workers when it ends. Left running,
    the events worker's websocket pings the server every 20 s from Prefect's loop thread with the
    global ``random`` (websockets' ping payload), and a hypothesis test running at that moment warns
    "Do not use the random module inside strategies" (HypothesisDeprecationWarning, seen under a
    different test each run; traced by logging every global random call with its thread)."""
    yield
    if "prefect_server" in request.fixturenames:
        _drain_prefect_workers()
