"""`make serve`: a local Prefect server, the deployments of prefect.yaml, and a worker.

Ctrl-C (or SIGTERM) stops the worker and the server, by their process ids.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import flows  # noqa: F401  (sets the project's Prefect defaults)
from flows.local_server import stop_process, wait_healthy

POOL = "hbetl-process"
ROOT = Path(__file__).resolve().parent.parent


def _prefect(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("prefect")
    return subprocess.Popen([str(exe), *args], env=env, cwd=ROOT, start_new_session=True, **kwargs)


def deploy(env: dict[str, str]) -> None:
    """Create the work pool (if missing) and apply prefect.yaml, without prompts."""
    subprocess.run([str(Path(sys.executable).with_name("prefect")), "work-pool", "create", POOL,
                    "--type", "process"], env=env, cwd=ROOT, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([str(Path(sys.executable).with_name("prefect")), "--no-prompt", "deploy", "--all"],
                   env=env, cwd=ROOT, check=True)


def main() -> int:
    host = os.environ.get("HBETL_PREFECT_HOST", "127.0.0.1")
    port = os.environ.get("HBETL_PREFECT_PORT", "4200")
    api = f"http://{host}:{port}/api"
    env = {**os.environ, "PREFECT_API_URL": api, "PREFECT_UI_API_URL": api, "PWD": str(ROOT)}
    # The port taken: the server exited at once and this ended with a traceback and "prefect
    # server exited with code 1: " (its reason went to stdout); a Prefect server of another
    # project on it would have been deployed to.
    with socket.socket() as probe:
        try:
            probe.bind((host, int(port)))
        except (OSError, ValueError, OverflowError) as exc:  # (99999: 'OverflowError: bind(): port must be 0-65535.')
            reason = exc.strerror if isinstance(exc, OSError) else exc
            print(f"make serve: {host}:{port}: {reason}; set HBETL_PREFECT_PORT to another port", file=sys.stderr)
            return 1
    server = _prefect("server", "start", "--host", host, "--port", port, env=env)
    worker = None
    try:
        try:
            wait_healthy(api, server)
        except RuntimeError as exc:
            print(f"make serve: {exc}", file=sys.stderr)
            return 1
        deploy(env)
        worker = _prefect("worker", "start", "--pool", POOL, env=env)
        print(f"\nPrefect UI: http://{host}:{port}/  (PREFECT_API_URL={api})\nCtrl-C stops server and worker.",
              flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        while server.poll() is None and worker.poll() is None:
            time.sleep(1)
        # One of the two ended on its own: the other is stopped, and the exit says so (it was
        # 0, as if the operator had stopped them, and a service manager did not restart it).
        ended, name = (server, "Prefect server") if server.poll() is not None else (worker, "worker")
        print(f"make serve: the {name} (pid {ended.pid}) exited with code {ended.returncode}; "
              "stopped the rest", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        if worker is not None:
            stop_process(worker)
        stop_process(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
