"""Shared fixtures: a real sample site and a real Prefect server, one of each per session.

Every server started here is stopped here, by its process id.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a process (and its group when it leads one) by pid: TERM, then KILL."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout)


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
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_UI_ENABLED": "true", "PREFECT_UI_API_URL": api}
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed below
    prefect = Path(sys.executable).with_name("prefect")
    proc = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"prefect server exited: {(home / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("prefect server did not become healthy in 120 s")
            time.sleep(0.5)
        mp = pytest.MonkeyPatch()
        mp.setenv("PREFECT_API_URL", api)
        mp.setenv("PREFECT_HOME", str(home))
        yield api
        try:  # send queued run logs before the server goes away
            from prefect.logging.handlers import APILogHandler

            APILogHandler.flush()
        except Exception:
            pass
        mp.undo()
    finally:
        stop_process(proc)
        log.close()
