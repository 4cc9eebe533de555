"""Every command has help with an example; errors are one line, not a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from hbetl.cli import EXAMPLES, build_parser, main
from hbetl.sample_site import read_base_url, stop_process

COMMANDS = ["run", "extract", "parse", "sample-site", "query", "export", "report", "demo", "reprocess", "evaluate"]


def hbetl(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hbetl.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_every_command_is_in_the_parser_and_has_an_example():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) | {"sample-site"} >= set(COMMANDS)
    assert set(EXAMPLES) == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out and f"hbetl {command}" in out


def test_sample_site_serves_through_the_console_script():
    """`hbetl sample-site --port 0` as the README types it: the URL first, then it serves until stopped."""
    script = Path(sys.executable).with_name("hbetl")
    if not script.exists():
        pytest.skip("no hbetl console script beside this Python (pip install -e .)")
    proc = subprocess.Popen([str(script), "sample-site", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        url = read_base_url(proc)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        assert httpx.get(url + "11/trang-1.htm", timeout=30).status_code == 200
        assert proc.poll() is None
    finally:
        stop_process(proc)
    assert proc.returncode == 0, proc.returncode


def test_extract_reads_stdin_and_prints_json_lines():
    out = hbetl("extract", "--published", "2023-04-10",
                stdin="Giá trị sản xuất công nghiệp quý I đạt 1.824 tỷ đồng, tăng 18,19% so với cùng kỳ.")
    assert out.returncode == 0, out.stderr
    assert '"industrial_output_value"' in out.stdout and "1824" in out.stdout


def test_missing_file_is_one_line_error(tmp_path):
    out = hbetl("parse", str(tmp_path / "nope.html"))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "nope.html" in out.stderr and "Traceback" not in out.stderr


def test_query_on_a_missing_database_is_one_line(tmp_path):
    out = hbetl("query", "SELECT 1", "--db", str(tmp_path / "missing.duckdb"))
    assert out.returncode in (0, 1)
    assert "Traceback" not in out.stderr


def test_bad_sql_is_one_line(tmp_path):
    db = tmp_path / "w.duckdb"
    from hbetl.warehouse import open_warehouse

    with open_warehouse(db):
        pass
    out = hbetl("query", "SELEC nonsense", "--db", str(db))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def _signalled(args: list[str], db: Path, signum: int, after: float) -> tuple[int, str, str]:
    """`hbetl *args`, sent ``signum`` ``after`` seconds into its work on ``db``."""
    import time

    import duckdb

    proc = subprocess.Popen([sys.executable, "-m", "hbetl.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        while proc.poll() is None:  # until the command's process has the file open (a writer is refused)
            try:
                duckdb.connect(str(db)).close()
            except duckdb.IOException:
                break
            time.sleep(0.05)
        time.sleep(after)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, out, err


SIGNALS = {"SIGINT": (130, "interrupted"), "SIGTERM": (143, "terminated (SIGTERM)")}


@pytest.mark.parametrize("signame", SIGNALS)
def test_ctrl_c_or_sigterm_during_a_long_query_ends_it_in_one_line(tmp_path, signame):
    """Before: Ctrl-C: DuckDB's own handler turned it into 'hbetl query: RuntimeError: Query interrupted',
    exit 1; SIGTERM: Python's default, the process gone without a word."""
    import signal

    db = tmp_path / "w.duckdb"
    from hbetl.warehouse import open_warehouse

    with open_warehouse(db):
        pass
    code, out, err = _signalled(["query", "SELECT sum(hash(i)) FROM range(30000000000) t(i)", "--db", str(db)], db,
                                getattr(signal, signame), after=1)  # (into the statement: the range takes minutes)
    assert (code, out, err) == (SIGNALS[signame][0], "", f"hbetl query: {SIGNALS[signame][1]}\n")


@pytest.fixture(scope="module")
def big_warehouse(tmp_path_factory) -> Path:
    """1,500,000 articles: their Parquet file takes seconds to write."""
    from hbetl.warehouse import open_warehouse

    db = tmp_path_factory.mktemp("big") / "big.duckdb"
    with open_warehouse(db) as wh:
        wh.query("INSERT INTO articles (url, title, body, content_hash, fetched_at, run_id) "
                 "SELECT 'http://127.0.0.1/' || i, 't', md5(i::VARCHAR) || md5((i + 1)::VARCHAR) || "
                 "md5((i + 2)::VARCHAR), 'h', now(), 'r' FROM range(1500000) t(i)")
    return db


@pytest.mark.parametrize("signame", SIGNALS)
def test_ctrl_c_or_sigterm_during_an_export_keeps_the_last_export_whole(big_warehouse, tmp_path, signame):
    """Before: Ctrl-C: 'hbetl export: RuntimeError: Query interrupted', exit 1; SIGTERM: the process gone
    without a word, a cut articles.parquet (14 MB of 48) over the last export's."""
    import signal

    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir = tmp_path / "parquet"
    out_dir.mkdir()
    last = out_dir / "articles.parquet"  # the last export's
    pq.write_table(pa.table({"url": ["http://127.0.0.1/last"]}), last)
    before = last.read_bytes()
    code, out, err = _signalled(["export", str(out_dir), "--db", str(big_warehouse)], big_warehouse,
                                getattr(signal, signame), after=0.3)
    assert (code, out, err) == (SIGNALS[signame][0], "", f"hbetl export: {SIGNALS[signame][1]}\n")
    assert last.read_bytes() == before and sorted(p.name for p in out_dir.iterdir()) == ["articles.parquet"]


def test_ctrl_c_during_a_long_report_ends_it_with_130_and_keeps_the_last_report(tmp_path):
    """Before: 'hbetl report: RuntimeError: Query interrupted', exit 1."""
    import signal

    import duckdb

    db, report = tmp_path / "w.duckdb", tmp_path / "report.html"
    from hbetl.warehouse import open_warehouse

    with open_warehouse(db):
        pass
    report.write_text("the last report", encoding="utf-8")
    # One of the report's views made slow: a sum over a range that takes minutes.
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER VIEW indicator_series RENAME TO indicator_series_fast")
        con.execute("CREATE VIEW indicator_series AS SELECT f.* FROM indicator_series_fast f, "
                    "(SELECT sum(hash(i)) AS s FROM range(30000000000) t(i)) slow WHERE slow.s IS NOT NULL")
    code, out, err = _signalled(["report", "--out", str(report), "--db", str(db)], db, signal.SIGINT, after=1)
    assert (code, out, err) == (130, "", "hbetl report: interrupted\n")
    assert report.read_text(encoding="utf-8") == "the last report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "w.duckdb"]


def test_a_long_answer_is_printed_in_chunks_as_one_answer(tmp_path):
    """csv and json are printed a chunk of rows at a time (a million rows held whole took 3.4 to
    4.7 GB): the header once, every row once, in order."""
    from hbetl.warehouse import QUERY_CHUNK_ROWS, open_warehouse

    db = tmp_path / "w.duckdb"
    with open_warehouse(db):
        pass
    n = 2 * QUERY_CHUNK_ROWS + 7
    sql = f"SELECT i, 'x' || i AS label FROM range({n}) t(i) ORDER BY i"
    csv_out = hbetl("query", sql, "--db", str(db), "--format", "csv")
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout.splitlines() == ["i,label", *(f"{i},x{i}" for i in range(n))]
    json_out = hbetl("query", sql, "--db", str(db), "--format", "json")
    assert [json.loads(line)["i"] for line in json_out.stdout.splitlines()] == list(range(n))


def test_a_long_answer_as_a_table_shows_its_first_rows_and_counts_the_rest(tmp_path):
    """A table is for people: past TABLE_MAX_ROWS it shows the first ones and says how many there
    are and how to get them all (a million rows held whole to fit the widths took 4.7 GB)."""
    from hbetl.formatting import TABLE_MAX_ROWS
    from hbetl.warehouse import open_warehouse

    db = tmp_path / "w.duckdb"
    with open_warehouse(db):
        pass
    n = TABLE_MAX_ROWS + 2 * 10_000 + 3
    out = hbetl("query", f"SELECT i FROM range({n}) t(i) ORDER BY i", "--db", str(db))
    lines = out.stdout.splitlines()
    assert out.returncode == 0, out.stderr
    assert [line.strip() for line in lines[2:-1]] == [str(i) for i in range(TABLE_MAX_ROWS)]
    assert lines[-1] == f"({n} rows, the first {TABLE_MAX_ROWS} shown: --format csv or json prints every row)"
    assert hbetl("query", "SELECT 1 AS one", "--db", str(db)).stdout.splitlines()[-1] == "(1 row)"


def test_chunks_of_an_answer_add_up_to_the_answer(tmp_path):
    from hbetl.warehouse import open_warehouse

    with open_warehouse(tmp_path / "w.duckdb") as wh:
        sql = "SELECT i FROM range(5) t(i) ORDER BY i"
        assert [rows for _, rows in wh.query_chunks(sql, rows_per_chunk=2)] == [[(0,), (1,)], [(2,), (3,)], [(4,)]]
        assert list(wh.query_chunks("SELECT 1 AS one WHERE false", rows_per_chunk=2)) == [(["one"], [])]
        assert wh.query("SELECT 1")[1] == [(1,)]  # the connection is free again


def test_json_of_no_rows_is_no_line(tmp_path):
    db = tmp_path / "w.duckdb"
    from hbetl.warehouse import open_warehouse

    with open_warehouse(db):
        pass
    out = hbetl("query", "SELECT * FROM metrics", "--db", str(db), "--format", "json")
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")


@pytest.mark.parametrize("sql", ["", "-- only a comment"])
def test_a_query_with_no_statement_says_so(tmp_path, sql):
    # DuckDB returns None for them: it was "hbetl query: AttributeError: 'NoneType' object …"
    db = tmp_path / "w.duckdb"
    from hbetl.warehouse import open_warehouse

    with open_warehouse(db):
        pass
    out = hbetl("query", sql, "--db", str(db))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == "hbetl query: query: no SQL statement (the text is empty or only comments)\n"


@pytest.mark.parametrize(("args", "code", "says"), [
    (["run", "--quarter", "5"], 2, "invalid choice: 5"),
    (["extract", "--published", "2023-13-45"], 2, "is not a date: month must be in 1..12"),
    (["parse", "nope.html"], 1, "nope.html: No such file or directory"),
    (["reprocess", "--db", "typo.duckdb"], 1, "typo.duckdb: no such warehouse file"),
    (["evaluate", __file__], 1, "not JSON"),
    (["run", "--rate-limit", "nan", "--db", "typo.duckdb"], 1, "rate limit must be >= 0 requests/s (0: none), got nan"),
    (["run", "--year", "0", "--db", "typo.duckdb"], 1, "year must be 1-9998, got 0"),
], ids=["usage", "date", "missing-file", "reprocess-missing-db", "not-labelled", "rate-nan", "year-0"])
def test_a_plain_mistake_is_one_line(tmp_path, args, code, says):
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", *args], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.returncode == code, out.stderr
    assert out.stderr.count("\n") == 1 and says in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "typo.duckdb").exists()  # (reprocess made an empty warehouse of a typo)


def test_run_with_a_setting_out_of_range_names_it_before_anything_starts(tmp_path):
    """Before: HBETL_BATCH_SIZE=0 was accepted, and the run failed after its discovery with
    "ValueError: range() arg 3 must not be zero"; now the setting is named at once."""
    env = {**os.environ, "HBETL_BATCH_SIZE": "0"}
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "run", "--db", str(tmp_path / "w.duckdb")],
                         capture_output=True, text=True, timeout=120, env=env)
    assert (out.returncode, out.stderr) == (1, "hbetl run: HBETL_BATCH_SIZE must be >= 1 pages, got 0\n")
    assert not (tmp_path / "w.duckdb").exists()


def test_run_on_a_prefect_database_that_is_not_one_names_it_before_prefect_starts(sample_site, tmp_path):
    """Before: Prefect restarted its temporary server for ~2 minutes, printing a traceback each time
    (6,500 lines), then 'RuntimeError: Timed out while attempting to connect to ephemeral Prefect API
    server.', the file unnamed."""
    home = tmp_path / "prefect"
    home.mkdir()
    (home / "prefect.db").write_bytes(b"not a database " * 1000)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(home)}
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "run", "--site", sample_site, "--db", str(tmp_path / "w.duckdb"),
                          "--year", "2023", "--quarter", "1"], capture_output=True, text=True, timeout=300, env=env)
    assert (out.returncode, out.stderr) == (
        1, f"hbetl run: {home / 'prefect.db'}: the temporary Prefect server's database cannot be read (file is not a "
           "database); move it aside (Prefect starts a new one) or set PREFECT_API_URL to a Prefect server\n")


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:{port}", "nonsense"])
def test_a_dask_scheduler_that_is_not_there_is_named_before_prefect_starts(sample_site, tmp_path, address):
    """Before: the whole crawl, then 30 s of dask's retries and 'hbetl run: Timed out trying to
    connect to tcp://127.0.0.1:…' (or 'ValueError: missing port number in address …')."""
    pytest.importorskip("distributed")
    from tests.conftest import free_port

    address = address.format(port=free_port())
    home = tmp_path / "prefect"  # a Prefect that started would fail on this, saying so
    home.mkdir()
    (home / "prefect.db").write_bytes(b"not a database " * 1000)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(home)}
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "run", "--site", sample_site, "--db", str(tmp_path / "w.duckdb"),
                          "--year", "2023", "--quarter", "1", "--task-runner", "dask", "--dask-address", address],
                         capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 1
    reason = "missing port number in address 'nonsense'" if address == "nonsense" else \
        "no Dask scheduler answers there (Connection refused)"
    assert out.stderr == f"hbetl run: --dask-address {address}: {reason}\n"


def test_a_memory_cap_too_small_for_the_warehouse_is_named_before_prefect_starts(sample_site, tmp_path):
    """Before: the check before the run opened the warehouse without the run's cap, so
    HBETL_DUCKDB_MEMORY_LIMIT=1KB passed it, and the run failed after Prefect's start on 'hbetl run:
    OutOfMemoryException: Out of Memory Error: … * Increasing the memory limit (SET memory_limit=…)'."""
    home = tmp_path / "prefect"  # a Prefect that started would fail on this, saying so
    home.mkdir()
    (home / "prefect.db").write_bytes(b"not a database " * 1000)
    db = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {
        "PREFECT_HOME": str(home), "HBETL_DUCKDB_MEMORY_LIMIT": "1KB"}
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "run", "--site", sample_site, "--db", str(db),
                          "--year", "2023", "--quarter", "1"], capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 1
    assert re.fullmatch(rf"hbetl run: {re.escape(str(db))}: Out of Memory Error: [^\n]* \(over the 1KB cap: raise "
                        r"HBETL_DUCKDB_MEMORY_LIMIT\)\n", out.stderr), out.stderr


def test_run_with_a_year_and_no_quarter_is_refused_before_anything_starts(tmp_path):
    """Before: 'hbetl run --year 2023' ran the quarter just ended (2026 Q3), the year dropped without a
    word, to fail after Prefect's start and the crawl's discovery: 'no article loaded for 2026 Q3'."""
    out = hbetl("run", "--site", "http://127.0.0.1:9/", "--db", str(tmp_path / "w.duckdb"), "--year", "2023")
    assert (out.returncode, out.stderr) == (1, "hbetl run: year 2023 without a quarter: give both (--year and "
                                               "--quarter), or neither for the quarter just ended\n")
    assert not (tmp_path / "w.duckdb").exists()


def test_a_staging_folder_that_cannot_be_made_is_named_before_prefect_starts(sample_site, tmp_path):
    """Before: the run failed after Prefect's start, the discovery and the first batch's fetch, on
    'hbetl run: <HBETL_STAGING_DIR>/<run id>: Not a directory', the setting unnamed."""
    pytest.importorskip("distributed")
    home = tmp_path / "prefect"  # a Prefect that started would fail on this, saying so
    home.mkdir()
    (home / "prefect.db").write_bytes(b"not a database " * 1000)
    (tmp_path / "a-file").write_text("in the way")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {
        "PREFECT_HOME": str(home), "HBETL_STAGING_DIR": str(tmp_path / "a-file" / "staging")}
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "run", "--site", sample_site, "--db", str(tmp_path / "w.duckdb"),
                          "--year", "2023", "--quarter", "1", "--task-runner", "dask"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert (out.returncode, out.stderr) == (
        1, f"hbetl run: {tmp_path / 'a-file' / 'staging'}: cannot make the folder for the Dask workers' batches "
           "(a file is in the way); set HBETL_STAGING_DIR to another folder\n")


def test_run_against_a_site_that_is_not_there_says_so_before_prefect_starts(tmp_path):
    from tests.conftest import free_port

    site = f"http://127.0.0.1:{free_port()}/"
    no_proxy = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}  # (a proxy skips the check)
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "run", "--site", site, "--db", str(tmp_path / "w.duckdb"),
                          "--year", "2023", "--quarter", "1"], capture_output=True, text=True, timeout=300, env=no_proxy)
    assert out.returncode == 1
    assert out.stderr == f"hbetl run: {site}: cannot connect to 127.0.0.1:{site.split(':')[2][:-1]}: Connection refused\n"


def test_run_with_its_stdout_closed_and_prefect_home_in_a_folder_not_made_yet_loads_the_quarter(sample_site, tmp_path):
    """Two ways the temporary Prefect server failed to start, each ending the run 2 minutes later on
    'RuntimeError: Timed out while attempting to connect to ephemeral Prefect API server', after 50
    to 5,000 lines of traceback, nothing loaded: stdout closed (`hbetl run >&-`: the server, given
    the closed stream, found no sys.stdout) and a PREFECT_HOME whose parent did not exist (Prefect
    makes only the last level). Now the closed stream is /dev/null and the folder is made."""
    home = tmp_path / "not-yet" / "prefect"
    db = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(home)}
    out = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "hbetl.cli", "run", "--site",
                          sample_site, "--db", str(db), "--year", "2023", "--quarter", "1", "--rate-limit", "0"],
                         stderr=subprocess.PIPE, text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr and home.is_dir()
    from hbetl.warehouse import open_warehouse

    with open_warehouse(db, read_only=True) as wh:
        assert wh.table_counts()["metrics"] == 52


def test_a_closed_stdin_is_an_empty_one():
    """Before: 'hbetl extract: AttributeError: 'NoneType' object has no attribute 'buffer''."""
    out = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", sys.executable, "-m", "hbetl.cli", "extract"],
                         capture_output=True, text=True, timeout=120)
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")


def test_prefect_home_where_a_file_is_is_one_line_before_prefect_starts(sample_site, tmp_path):
    """Before: 2 minutes and ~5,000 lines of 'unable to open database file' tracebacks, then 'Timed out
    while attempting to connect to ephemeral Prefect API server'."""
    (tmp_path / "a-file").write_text("not a folder")
    for home in (tmp_path / "a-file", tmp_path / "a-file" / "prefect"):
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(home)}
        out = subprocess.run([sys.executable, "-m", "hbetl.cli", "run", "--site", sample_site, "--db",
                              str(tmp_path / "w.duckdb"), "--year", "2023", "--quarter", "1"],
                             capture_output=True, text=True, timeout=300, env=env)
        assert (out.returncode, out.stderr) == (
            1, f"hbetl run: PREFECT_HOME={home}: cannot make the folder (a file is in the way); set PREFECT_HOME "
               "to a folder we can write, or PREFECT_API_URL to a Prefect server\n")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_vietnamese_on_a_stdout_that_cannot_write_it_is_one_line_naming_stdout(encoding):
    """Before: 'hbetl extract: UnicodeEncodeError: 'ascii' codec can't encode character '\\xe1' in
    position 74: ordinal not in range(128)', stdout unnamed, the cure unsaid."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    out = subprocess.run([sys.executable, "-m", "hbetl.cli", "extract", "--published", "2023-04-10"],
                         input="Giá trị sản xuất công nghiệp quý I đạt 1.824 tỷ đồng.".encode(),
                         capture_output=True, timeout=120, env=env)
    assert out.returncode == 1 and out.stdout == b""
    assert re.fullmatch(rf"hbetl extract: stdout's encoding \({encoding}\) cannot write .+ \(U\+[0-9A-F]{{4}}\); "
                        r"set PYTHONIOENCODING=utf-8 or a UTF-8 locale\n", out.stderr.decode("ascii")), out.stderr


def test_a_full_stdout_is_named():
    """/dev/full answers every write as a full disk does. Before: 'hbetl extract: No space left on device'."""
    with open("/dev/full", "w") as full:
        out = subprocess.run([sys.executable, "-m", "hbetl.cli", "extract", "--published", "2023-04-10"],
                             input="Giá trị sản xuất công nghiệp quý I đạt 1.824 tỷ đồng.", stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    assert (out.returncode, out.stderr) == (1, "hbetl extract: stdout: No space left on device\n")


def _files_past_200_bytes_refused() -> None:  # (a disk that fills, as the system tells it: EFBIG)
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


def test_report_and_export_that_cannot_be_written_name_their_file_and_leave_no_cut_one(tmp_path):
    """Before: 'hbetl report: No space left on device', the last report cut where it was; 'hbetl export:
    o.duckdb: IO Error: Async write failed for range [offset=18663, size=3343]: {"exception_type":"IO",
    ...}', the warehouse named for the Parquet file, the cut file left."""
    from hbetl.warehouse import open_warehouse

    db, out, parquet = tmp_path / "w.duckdb", tmp_path / "report.html", tmp_path / "parquet"
    open_warehouse(db).close()
    out.write_text("the last report")
    runs = [subprocess.run([sys.executable, "-m", "hbetl.cli", *args, "--db", str(db)], capture_output=True,
                           text=True, timeout=120, preexec_fn=_files_past_200_bytes_refused)
            for args in (["report", "--out", str(out)], ["export", str(parquet)])]
    assert [(r.returncode, r.stderr) for r in runs] == [
        (1, f"hbetl report: {out}: File too large\n"),
        (1, f"hbetl export: {parquet / 'articles.parquet'}: cannot write the table's Parquet file: File too large\n")]
    assert out.read_text() == "the last report" and sorted(p.name for p in tmp_path.iterdir()) == [
        "parquet", "report.html", "w.duckdb"] and not any(parquet.iterdir())


FIXTURES = Path(__file__).parent / "fixtures" / "pages"


@pytest.mark.parametrize("page", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_parse_and_extract_work_on_other_layouts(page):
    """`hbetl parse` and `hbetl extract --html` on layouts other than the sample site's."""
    out = hbetl("parse", str(FIXTURES / page))
    assert out.returncode == 0, out.stderr
    article = json.loads(out.stdout)
    assert article["title"] and article["body"] and article["published"]
    out = hbetl("extract", "--html", str(FIXTURES / page))
    assert out.returncode == 0, out.stderr
    for line in out.stdout.splitlines():
        record = json.loads(line)
        assert set(record) >= {"indicator", "period", "kind", "value", "unit", "sentence", "start", "end"}


def hostile_inputs(tmp_path: Path) -> dict[str, Path]:
    inputs = {
        "empty": b"",
        "garbage": bytes(range(256)) * 400,
        "nested": b"<html><body>" + b"<div>" * 200_000 + b"x" + b"</div>" * 200_000 + b"</body></html>",
        "huge": b"<html><body>" + b"<p>Gi\xc3\xa1 tr\xe1\xbb\x8b 1.824 t\xe1\xbb\xb7 \xc4\x91\xe1\xbb\x93ng.</p>" * 800_000,
        "dots": b"1." * 100_000,
        "commas": b"1," * 100_000,
        "spaces": b"1" + b" " * 200_000 + b"x",
    }
    paths = {}
    for name, data in inputs.items():
        paths[name] = tmp_path / f"{name}.html"
        paths[name].write_bytes(data)
    return paths


@pytest.mark.timeout(300)
def test_parse_and_extract_end_in_bounded_time_on_hostile_input(tmp_path):
    """A result or a one-line error, never a traceback or a hang (bounded by the timeout)."""
    for name, path in hostile_inputs(tmp_path).items():
        for args in (["parse", str(path)], ["extract", "--html", str(path)], ["extract", str(path)]):
            out = subprocess.run([sys.executable, "-m", "hbetl.cli", *args], capture_output=True, timeout=120)
            stderr = out.stderr.decode("utf-8", "replace")
            assert "Traceback" not in stderr, (name, args, stderr[-2000:])
            if out.returncode != 0:
                assert out.returncode == 1 and stderr.count("\n") == 1, (name, args, stderr)


@pytest.mark.timeout(600)
def test_demo_twice_leaves_the_same_row_counts(prefect_server, tmp_path):
    from tests.conftest import free_port

    db, port = tmp_path / "demo.duckdb", str(free_port())
    outputs = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-m", "hbetl.cli", "demo", "--db", str(db), "--port", port],
                             capture_output=True, text=True, timeout=400)
        assert out.returncode == 0, out.stderr[-3000:]
        outputs.append(out.stdout)
    assert "industrial_output_value" in outputs[0] and "1824" in outputs[0]

    def rows(text: str) -> str:  # "rows: articles 42, metrics 52, pages 44, runs 1, …" minus the logs
        line = next(line for line in text.splitlines() if "rows:" in line)  # (captures: a re-run's revisits)
        return ", ".join(part for part in line.split("rows:")[1].split(", ")
                         if not part.strip().startswith(("runs", "captures")))

    assert rows(outputs[0]) == rows(outputs[1])
    assert "unchanged since the last run" in outputs[1] and "nothing new to load" in outputs[1]


def test_the_console_shows_a_failed_run_without_its_traceback():
    import logging

    from hbetl.cli import _WithoutTraceback

    try:
        raise ValueError("robots.txt answered HTTP 500")
    except ValueError:
        record = logging.LogRecord("prefect.flow_runs", logging.ERROR, __file__, 1,
                                   "Encountered exception during execution", None, sys.exc_info())
    shown = _WithoutTraceback(logging.Formatter("%(levelname)s | %(message)s")).format(record)
    assert shown == "ERROR | Encountered exception during execution"
    assert record.exc_info is not None  # the record itself keeps it, for Prefect's API handler


def test_a_file_that_is_no_page_or_no_text_is_named_in_its_one_line(tmp_path):
    image, latin = tmp_path / "photo.html", tmp_path / "old.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    latin.write_bytes("Giá cà phê".encode("cp1258"))
    for args, says in ((["parse", str(image)], f"hbetl parse: {image}: binary content, not HTML\n"),
                       (["extract", "--html", str(image)], f"hbetl extract: {image}: binary content, not HTML\n"),
                       (["extract", str(latin)], f"hbetl extract: {latin}: not UTF-8 text")):
        out = hbetl(*args)
        assert out.returncode == 1 and out.stderr.startswith(says) and out.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [["report", "--out", "{file}/report.html"], ["export", "{file}"]])
def test_a_file_where_the_output_folder_goes_is_named_as_such(tmp_path, command):
    """Before: 'hbetl report: <file>: File exists' (mkdir's words, of the folder it was asked to make)."""
    from hbetl.warehouse import open_warehouse

    db, file = tmp_path / "w.duckdb", tmp_path / "a-file"
    open_warehouse(db).close()
    file.write_text("not a folder")
    out = hbetl(*[arg.format(file=file) for arg in command], "--db", str(db))
    assert (out.returncode, out.stderr) == (1, f"hbetl {command[0]}: {file}: a file is there, where a folder is needed\n")


def test_parse_with_a_url_urllib_cannot_read_is_a_usage_mistake(tmp_path):
    """Before: 'hbetl parse: ValueError: Invalid IPv6 URL', exit 1, the --url unnamed."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>Kinh tế quý I</h1><p>Giá trị sản xuất công nghiệp đạt 1.824 tỷ đồng.</p>"
                    "</body></html>", encoding="utf-8")
    out = hbetl("parse", str(page), "--url", "http://[::1")
    assert (out.returncode, out.stdout, out.stderr) == (
        2, "", "hbetl parse: argument --url: 'http://[::1': Invalid IPv6 URL (see hbetl parse --help)\n")


@pytest.mark.parametrize("command", ["export", "report"])
def test_an_output_that_cannot_be_written_is_named_not_its_part_file(tmp_path, command):
    """Each output is written to a part file beside it, then renamed over it. When the part file could
    not be written its removal failed too (a read-only folder: EROFS; here a folder in its place), and
    that error took the place of the reason, naming the part file: 'hbetl export: out/.articles.parquet.part:
    Read-only file system' (report alike). Now the output is named, with the reason it was not written."""
    from hbetl.warehouse import open_warehouse

    db, out = tmp_path / "w.duckdb", tmp_path / "out"
    open_warehouse(db).close()
    out.mkdir()
    target = out / ("articles.parquet" if command == "export" else "r.html")
    (out / f".{target.name}.part").mkdir()  # neither written nor removed as a file
    args = ["export", str(out)] if command == "export" else ["report", "--out", str(target)]
    result = hbetl(*args, "--db", str(db))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"hbetl {command}: {target}: ") and ".part" not in result.stderr, result.stderr
