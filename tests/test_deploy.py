"""prefect.yaml against a real Prefect server: `prefect deploy --all` registers both
deployments, the quarterly one on its cron schedule in Hanoi time; the backfill flow
runs one sub-flow per quarter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.faultproxy import FaultPlan, FaultProxy
from tests.test_resilience import FAST_RETRIES, children, gone

pytestmark = pytest.mark.timeout(600)


def prefect_cli(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("prefect")
    return subprocess.run([str(exe), *args], cwd=ROOT, env={**os.environ, "PWD": str(ROOT)},
                          capture_output=True, text=True, timeout=300)


def test_deploy_all_registers_the_quarterly_schedule(prefect_server: str):
    prefect_cli("work-pool", "create", "hbetl-process", "--type", "process")
    out = prefect_cli("--no-prompt", "deploy", "--all")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    deployments = httpx.post(f"{prefect_server}/deployments/filter", json={}).json()
    by_name = {d["name"]: d for d in deployments}
    assert {"quarterly", "backfill"} <= set(by_name)
    schedules = by_name["quarterly"]["schedules"]
    assert len(schedules) == 1
    schedule = schedules[0]["schedule"]
    assert schedule["cron"] == "0 6 20 1,4,7,10 *"
    assert schedule["timezone"] == "Asia/Ho_Chi_Minh"
    assert by_name["backfill"]["schedules"] == []
    assert by_name["quarterly"]["work_pool_name"] == "hbetl-process"


def test_backfill_runs_one_completed_subflow_per_quarter(sample_site, prefect_server, tmp_path):
    from flows.backfill import backfill

    state = backfill(start_year=2023, start_quarter=1, end_year=2023, end_quarter=2, site=sample_site,
                     db=str(tmp_path / "b.duckdb"), rate_limit=0, return_state=True)
    assert state.is_completed(), state.message
    parent = state.state_details.flow_run_id
    children = httpx.post(f"{prefect_server}/flow_runs/filter",
                          json={"flow_runs": {"parent_flow_run_id": {"any_": [str(parent)]}}}).json()
    if not children:  # older servers link sub-flows through a task run instead
        tasks = httpx.post(f"{prefect_server}/task_runs/filter",
                           json={"task_runs": {"flow_run_id": {"any_": [str(parent)]}}}).json()
        ids = [t["id"] for t in tasks]
        children = httpx.post(f"{prefect_server}/flow_runs/filter",
                              json={"flow_runs": {"parent_task_run_id": {"any_": ids}}}).json()
    assert sorted(c["name"] for c in children) == ["quarterly-2023-Q1", "quarterly-2023-Q2"]
    assert all(c["state_type"] == "COMPLETED" for c in children)


def test_a_backfill_whose_quarters_lose_pages_says_so(sample_site, prefect_server, tmp_path, monkeypatch):
    """A tenth of the pages answer 500 for good: each quarter completes with the rest loaded,
    and the backfill is "Completed with failures" naming the quarters. Before, its state was a
    plain Completed over quarters that were not."""
    from flows.backfill import backfill

    for name, value in FAST_RETRIES.items():
        monkeypatch.setenv(name, value)
    plan = FaultPlan(fail_first=100, fail_fraction=0.1, fail_kinds=("500",), robots_txt="User-agent: *\n")
    with FaultProxy(sample_site, plan) as proxy:
        state = backfill(start_year=2023, start_quarter=1, end_year=2023, end_quarter=2, site=proxy.url,
                         db=str(tmp_path / "partly.duckdb"), rate_limit=0, return_state=True)
    assert (state.type.value, state.name) == ("COMPLETED", "Completed with failures")
    assert state.message.startswith("2023 Q") and " failed" in state.message, state.message
    assert [counts["quarter"] for counts in state.result()] == [1, 2]


@pytest.mark.parametrize(("params", "message"), [
    ({"start_quarter": 5, "end_year": 2024, "end_quarter": 1}, "backfill: start_quarter must be 1-4, got 5"),
    ({"start_quarter": 1, "end_quarter": 0}, "backfill: end_quarter must be 1-4, got 0"),
    ({"site": "ftp://x"}, "site must be an http(s) URL or warc:PATH, got 'ftp://x'"),
])
def test_backfill_parameters_that_make_no_sense_fail_it_at_once(prefect_server, tmp_path, params, message):
    """Before: start_quarter=5 counted quarters 5, 6, 7, … of the start year for good (never 4, so
    never the next year), the list filling memory; a bad setting failed every quarter's sub-flow,
    each after its flow retry's 30 s wait (two quarters: 64 s, the same error twice)."""
    import time

    from flows.backfill import backfill
    from hbetl.errors import ConfigError

    kwargs = {"start_year": 2023, "start_quarter": 1, "end_year": 2023, "end_quarter": 2,
              "db": str(tmp_path / "b.duckdb")} | params
    started = time.monotonic()
    with pytest.raises(ConfigError) as caught:
        backfill(**kwargs)
    assert str(caught.value) == message and time.monotonic() - started < 20
    assert not (tmp_path / "b.duckdb").exists()


def test_make_serve_on_a_port_in_use_is_one_line(tmp_path):
    """Before: a traceback ending 'RuntimeError: prefect server exited with code 1: '."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "flows.serve"], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "HBETL_PREFECT_PORT": str(port), "PREFECT_HOME": str(tmp_path)})
    assert (out.returncode, out.stdout) == (1, "")
    assert out.stderr == (f"make serve: 127.0.0.1:{port}: Address already in use; "
                          "set HBETL_PREFECT_PORT to another port\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the worker in /proc")
def test_make_serve_whose_worker_dies_stops_the_server_and_exits_1(tmp_path):
    """Before: the worker gone (killed, crashed), `make serve` stopped the server and exited 0,
    as if the operator had stopped it: a service manager saw a clean stop and did not restart."""
    import signal
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen([sys.executable, "-m", "flows.serve"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True,
                             env={**os.environ, "HBETL_PREFECT_PORT": str(port), "PREFECT_HOME": str(tmp_path)})
    try:
        while "Ctrl-C stops" not in (line := serve.stdout.readline()):
            assert line, serve.stderr.read()[-2000:]
        deadline = time.monotonic() + 60
        while not (workers := [pid for pid, cmd in children(serve.pid) if " worker start" in cmd]):
            assert time.monotonic() < deadline, children(serve.pid)
            time.sleep(0.2)
        server = [pid for pid, cmd in children(serve.pid) if " server start" in cmd]
        os.kill(workers[0], signal.SIGKILL)
        _, err = serve.communicate(timeout=120)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.communicate()
    assert serve.returncode == 1
    assert err.strip().splitlines()[-1] == (f"make serve: the worker (pid {workers[0]}) exited with code "
                                            f"{-signal.SIGKILL}; stopped the rest")
    assert server and gone(server[0])


@pytest.mark.parametrize(("port", "reason"), [("99999", "bind(): port must be 0-65535."),
                                              ("abc", "invalid literal for int() with base 10: 'abc'")])
def test_make_serve_on_a_port_no_socket_can_have_is_one_line(tmp_path, port, reason):
    """Before: HBETL_PREFECT_PORT=99999 ended on a traceback, 'OverflowError: bind(): port must be 0-65535.'."""
    out = subprocess.run([sys.executable, "-m", "flows.serve"], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "HBETL_PREFECT_PORT": port, "PREFECT_HOME": str(tmp_path)})
    assert (out.returncode, out.stdout) == (1, "")
    assert out.stderr == f"make serve: 127.0.0.1:{port}: {reason}; set HBETL_PREFECT_PORT to another port\n"
