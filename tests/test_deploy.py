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


@pytest.mark.parametrize(("port", "reason"), [("99999", "bind(): port must be 0-65535."),
                                              ("abc", "invalid literal for int() with base 10: 'abc'")])
def test_make_serve_on_a_port_no_socket_can_have_is_one_line(tmp_path, port, reason):
    """Before: HBETL_PREFECT_PORT=99999 ended on a traceback, 'OverflowError: bind(): port must be 0-65535.'."""
    out = subprocess.run([sys.executable, "-m", "flows.serve"], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "HBETL_PREFECT_PORT": port, "PREFECT_HOME": str(tmp_path)})
    assert (out.returncode, out.stdout) == (1, "")
    assert out.stderr == f"make serve: 127.0.0.1:{port}: {reason}; set HBETL_PREFECT_PORT to another port\n"
