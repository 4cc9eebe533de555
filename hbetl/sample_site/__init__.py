"""The bundled sample site: an offline stand-in for baohoabinh.com.vn on 127.0.0.1.

Run it with ``python -m hbetl.sample_site --port 0`` (or ``hbetl sample-site``): the
first line of stdout is the base URL. Tests and benchmarks use :func:`start_sample_site`,
which runs it as a subprocess and stops it by pid.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

STARTUP_TIMEOUT_S = 60.0  # generous: a loaded CI machine imports slowly; the normal start is well under 1 s


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``hbetl sample-site``: serves until SIGTERM/SIGINT, returns the exit code."""
    from hbetl.sample_site.server import main as serve

    return serve(argv)


def stop_process(proc: subprocess.Popen, grace_s: float = 10.0) -> None:
    """Terminate ``proc`` (by its pid), wait, and kill it if it will not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=grace_s)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


@contextmanager
def start_sample_site(articles: int | None = None, extra_args: Sequence[str] = (), port: int = 0
                      ) -> Iterator[tuple[subprocess.Popen, str]]:
    """Start the sample site (on a free port unless ``port`` is given); yields
    ``(proc, base_url)`` ("http://127.0.0.1:PORT/")."""
    cmd = [sys.executable, "-m", "hbetl.sample_site", "--port", str(port)]
    if articles is not None:
        cmd += ["--articles", str(articles)]
    cmd += list(extra_args)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base_url = read_base_url(proc)
        yield proc, base_url
    finally:
        stop_process(proc)


def read_base_url(proc: subprocess.Popen) -> str:
    """The site's first line of stdout, its base URL (however it was started: ``python -m``,
    ``hbetl sample-site``); waits up to STARTUP_TIMEOUT_S."""
    import selectors

    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=STARTUP_TIMEOUT_S):
            raise RuntimeError(f"sample site: no URL on stdout after {STARTUP_TIMEOUT_S:g} s")
    line = proc.stdout.readline().strip()
    if not line.startswith("http://"):
        raise RuntimeError(f"sample site: exited with {proc.wait()} before printing its URL")
    return line
