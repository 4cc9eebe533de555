"""A local `prefect server start`, started and stopped by process id.

Used by `make serve`, the test suite (one server per session) and the flow benchmark.
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

PREFECT = Path(sys.executable).with_name("prefect")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """Stop a process started with ``start_new_session=True`` and its children: TERM, then KILL."""
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


def wait_healthy(api: str, proc: subprocess.Popen, seconds: float = 120, log: Path | None = None) -> None:
    """Until ``{api}/health`` answers 200; a server that exits or stays silent is an error.
    Start-up takes ~10-15 s on a busy 2-core machine (migrations on a fresh SQLite file)."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"prefect server exited with code {proc.returncode}: {tail}")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"prefect server at {api}: not healthy after {seconds:.0f} s")
        time.sleep(0.5)


@contextlib.contextmanager
def local_prefect_server(home: Path, port: int | None = None, host: str = "127.0.0.1",
                         ui: bool = True) -> Iterator[dict[str, str]]:
    """Run a Prefect server with ``PREFECT_HOME=home``; yields the environment that points a
    process (Prefect client or UI) at it. Its output goes to ``home/server.log``."""
    port = port or free_port()
    api = f"http://{host}:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": api, "PREFECT_UI_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_UI_ENABLED": "true" if ui else "false"}
    log_path = Path(home) / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(PREFECT), "server", "start", "--host", host, "--port", str(port)],
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_healthy(api, proc, log=log_path)
            yield env
        finally:
            stop_process(proc)
