"""The whole flow under a hostile network and a hostile neighbour (issue 4):

* through a proxy that fails the first two tries of a third of all paths it loads
  exactly what a clean run loads, and its summary says how many retries it took;
* a run killed with SIGKILL part-way and started again ends with a clean run's rows;
* a database file locked by another process gives a one-line error naming the file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.conftest import ROOT, stop_process
from tests.faultproxy import FaultPlan, FaultProxy

pytestmark = pytest.mark.timeout(600)

FAST_RETRIES = {"HBETL_BACKOFF_BASE": "0.01", "HBETL_MAX_RETRIES": "4", "HBETL_TIMEOUT": "3"}


def snapshot(db: str | Path) -> dict[str, set]:
    """What a run loaded, without the columns that say when or by which run."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": set(con.execute("SELECT url, title, published, md5(body) FROM articles").fetchall()),
            "metrics": set(con.execute(
                "SELECT article_url, indicator, period, kind, value, yoy_pct, mom_pct, plan_pct, scope, "
                "start_offset, end_offset FROM metrics").fetchall()),
            "pages": set(con.execute("SELECT url FROM pages").fetchall()),
        }
    finally:
        con.close()


def run_flow(site: str, db: Path, **params):
    from flows.quarterly import quarterly_etl

    return quarterly_etl.with_options(retries=0)(site=site, db=str(db), return_state=True, **params)


@pytest.fixture(scope="module")
def clean_q1(sample_site, prefect_server, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    state = run_flow(sample_site, db, year=2023, quarter=1, rate_limit=0)
    assert state.is_completed(), state.message
    return db


def test_flow_through_a_failing_proxy_loads_what_a_clean_run_loads(
        clean_q1, sample_site, prefect_server, tmp_path, monkeypatch):
    for name, value in FAST_RETRIES.items():
        monkeypatch.setenv(name, value)
    plan = FaultPlan(fail_first=2, fail_fraction=1 / 3,
                     fail_kinds=("503", "500", "429:1", "drop", "truncate", "502", "504"))
    db = tmp_path / "proxied.duckdb"
    with FaultProxy(sample_site, plan) as proxy:
        state = run_flow(proxy.url, db, year=2023, quarter=1, rate_limit=50, concurrency=4)
        faults = proxy.faults()
    assert state.is_completed(), state.message
    result = state.result()
    assert sum(faults.values()) > 0 and result["retries"] >= sum(faults.values())
    proxied, clean = snapshot(db), snapshot(clean_q1)
    # The proxy has its own port, so URLs differ by host only: compare paths.
    def paths(rows, i=0):
        return {(httpx.URL(r[i]).path, *r[:i], *r[i + 1:]) for r in rows}
    assert paths(proxied["articles"]) == paths(clean["articles"])
    assert paths(proxied["metrics"]) == paths(clean["metrics"])

    flow_run_id = state.state_details.flow_run_id
    artifacts = httpx.post(f"{prefect_server}/artifacts/filter",
                           json={"artifacts": {"flow_run_id": {"any_": [str(flow_run_id)]}}}).json()
    summary = next(a for a in artifacts if a["key"] == "summary-2023-q1")
    assert f"| retries | {result['retries']} |" in summary["data"]


def hbetl_run(site: str, db: Path, api: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("hbetl")), "run", "--site", site, "--db", str(db),
         "--year", "2023", "--quarter", "1", "--rate-limit", "0"],
        cwd=ROOT, env={**os.environ, "PREFECT_API_URL": api, **env},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def test_a_run_killed_part_way_then_rerun_equals_a_clean_run(prefect_server, tmp_path):
    from hbetl.sample_site import start_sample_site

    small_batches = {"HBETL_BATCH_SIZE": "40"}
    with start_sample_site(articles=1500) as (_proc, site):
        clean_db = tmp_path / "clean.duckdb"
        clean = hbetl_run(site, clean_db, prefect_server, **small_batches)
        out, _ = clean.communicate(timeout=400)
        assert clean.returncode == 0, out[-3000:]

        db = tmp_path / "killed.duckdb"
        victim = hbetl_run(site, db, prefect_server, **small_batches)
        seen = []
        for line in victim.stdout:  # kill it once two batches are loaded
            seen.append(line)
            if "parse-load-batch-2' - Finished" in line:
                break
        time.sleep(0.3)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(30)
        assert any("parse-load-batch" in line for line in seen)
        partial = snapshot(db)
        assert 0 < len(partial["articles"]) < len(snapshot(clean_db)["articles"])

        again = hbetl_run(site, db, prefect_server, **small_batches)
        out, _ = again.communicate(timeout=400)
        assert again.returncode == 0, out[-3000:]
    assert snapshot(db) == snapshot(clean_db)


def test_a_locked_database_is_a_one_line_error_naming_the_file(sample_site, prefect_server, tmp_path):
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)",
         str(db)], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        run = hbetl_run(sample_site, db, prefect_server, HBETL_LOCK_WAIT_SECONDS="1")
        out, _ = run.communicate(timeout=300)
    finally:
        stop_process(holder)
    assert run.returncode == 1
    last = out.strip().splitlines()[-1]
    assert last.startswith("hbetl run:") and str(db) in last and "lock" in last.lower()


def test_a_run_with_pages_failing_for_good_loads_the_rest_and_exits_3(sample_site, prefect_server, tmp_path):
    """A tenth of the site's pages answer 500 for good: the run loads the others, exits 3 (not 0
    as a clean run, not 1 as a failed one) and says in its last line how many failed."""
    plan = FaultPlan(fail_first=100, fail_fraction=0.1, fail_kinds=("500",), robots_txt="User-agent: *\n")
    db = tmp_path / "partly.duckdb"
    with FaultProxy(sample_site, plan) as proxy:
        run = hbetl_run(proxy.url, db, prefect_server, **FAST_RETRIES)
        out, _ = run.communicate(timeout=300)
    assert run.returncode == 3, out[-3000:]
    last = out.strip().splitlines()[-1]
    assert last.startswith("hbetl run: loaded what it read, but ") and " failed: the log above" in last, last
    assert len(snapshot(db)["articles"]) > 0
    named = httpx.post(f"{prefect_server}/flow_runs/filter",
                       json={"flow_runs": {"name": {"any_": ["quarterly-2023-Q1"]}}, "limit": 200}).json()
    [state] = [r["state"] for r in named if r["parameters"].get("db") == str(db)]  # (the server is the session's)
    assert (state["type"], state["name"]) == ("COMPLETED", "Completed with failures")
    assert state["message"].endswith(" failed"), state


def run_on_a_temporary_server(site: str, db: Path, home: Path) -> tuple[subprocess.Popen, int]:
    """`hbetl run` as at a terminal with no PREFECT_API_URL: a temporary Prefect server of its own,
    in a process group of its own (a terminal's Ctrl-C goes to the whole group); waits until the
    flow has begun and returns the process and its temporary server's port."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    run = subprocess.Popen(
        [str(Path(sys.executable).with_name("hbetl")), "run", "--site", site, "--db", str(db),
         "--year", "2023", "--quarter", "1", "--rate-limit", "3"],
        cwd=ROOT, env={**env, "PREFECT_HOME": str(home), "HBETL_BATCH_SIZE": "4"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    port = None
    for line in run.stdout:
        if "Starting temporary server on" in line:
            port = int(line.rsplit(":", 1)[1])
        if "Beginning flow run" in line:
            break
    assert port is not None
    return run, port


def listening(port: int) -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        return True
    except OSError:
        return False


def test_ctrl_c_ends_a_run_in_one_line_keeping_what_it_loaded(sample_site, tmp_path):
    """Before: Ctrl-C reached the temporary Prefect server too (a child in the terminal's process
    group), and the run, reporting its crash to a server that was gone, waited out Prefect's client
    retries to end on 'hbetl run: ConnectError: [Errno 111] Connection refused' a minute or more
    later; the runs table kept saying 'running'."""
    db = tmp_path / "w.duckdb"
    run, port = run_on_a_temporary_server(sample_site, db, tmp_path / "prefect")
    try:
        for line in run.stdout:  # interrupt it once a batch is loaded
            if "parse-load-batch-1' - Finished" in line:
                break
        os.killpg(run.pid, signal.SIGINT)
        out, _ = run.communicate(timeout=300)
    finally:
        stop_process(run)
    assert run.returncode == 130, out[-3000:]
    assert "hbetl run: interrupted\n" in out  # (Prefect's "Stopping temporary server" follows, at exit)
    assert "Connection refused" not in out and "Traceback" not in out
    assert not listening(port)  # the temporary server stopped with the run
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] >= 1  # batch 1 kept
        assert con.execute("SELECT status, message FROM runs").fetchall() == [("failed", "interrupted (KeyboardInterrupt)")]
    finally:
        con.close()


def test_sigterm_ends_a_run_in_one_line_and_stops_its_temporary_server(sample_site, tmp_path):
    """Before: Python's default for SIGTERM ended the process on the spot, with no exit handler:
    its temporary Prefect server ran on with no parent."""
    db = tmp_path / "w.duckdb"
    run, port = run_on_a_temporary_server(sample_site, db, tmp_path / "prefect")
    try:
        os.kill(run.pid, signal.SIGTERM)
        out, _ = run.communicate(timeout=300)
    finally:
        stop_process(run)
    assert run.returncode == 128 + signal.SIGTERM, out[-3000:]
    assert "hbetl run: terminated (SIGTERM)\n" in out and "Traceback" not in out
    assert not listening(port)
    duckdb.connect(str(db), read_only=True).close()  # (the run had barely begun: there may be no row)


def children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of each process whose parent is ``pid``, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append((int(stat.parent.name), (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()))
        except (OSError, IndexError, ValueError):
            continue  # (gone meanwhile)
    return found


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_a_killed_run_does_not_leave_its_temporary_server_running(sample_site, tmp_path):
    """Before: a run killed with SIGKILL (a scheduler's hard timeout, the OOM killer) ran no exit
    handler, and its temporary Prefect server ran on for good, holding its port and PREFECT_HOME."""
    run, port = run_on_a_temporary_server(sample_site, tmp_path / "w.duckdb", tmp_path / "prefect")
    [(server, command)] = [c for c in children(run.pid) if "uvicorn" in c[1]] or [(None, "")]
    try:
        assert server is not None and listening(port)
        run.kill()
        run.communicate(timeout=60)
        for _ in range(300):  # (the kernel's signal, then uvicorn's shutdown)
            if gone(server):
                break
            time.sleep(0.1)
        assert gone(server), command
    finally:
        stop_process(run)
        if server is not None and not gone(server):
            os.kill(server, signal.SIGKILL)
    assert not listening(port)
