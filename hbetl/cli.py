"""`hbetl`: the command line. Library errors become one-line messages here, at the edge.

Every command has --help with an example; `tests/test_cli.py` checks that they do.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from hbetl.errors import ConfigError, HbetlError

EXAMPLES = {
    "run": "hbetl run --site http://127.0.0.1:8000/ --db hbetl.duckdb --year 2023 --quarter 1",
    "extract": "echo 'Giá trị sản xuất công nghiệp quý I đạt 1.824 tỷ đồng.' | hbetl extract --published 2023-04-10",
    "parse": "hbetl parse page.html",
    "sample-site": "hbetl sample-site --port 8000",
    "query": 'hbetl query "SELECT indicator, period, value, unit FROM quarterly_indicators" --db hbetl.duckdb',
    "export": "hbetl export parquet/ --db hbetl.duckdb",
    "report": "hbetl report --db hbetl.duckdb --out report.html",
    "demo": "hbetl demo --db .demo/hbetl.duckdb --year 2023 --quarter 1",
    "reprocess": "hbetl reprocess --db .demo/hbetl.duckdb --since 2023-01-01 --source warc",
    "evaluate": "hbetl evaluate labelled.jsonl --folds 5 -v",
}


DEMO_PORT = 8397


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage mistake told in one line (as every other error is) and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _iso_date(text: str) -> date:
    """A --published or --since value: a date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        why = str(exc) if text[:4].isdigit() and "-" in text else "write it YYYY-MM-DD"  # ("day is out of range …")
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: {why}") from None


def _url(text: str) -> str:
    """A --url value that urllib can take apart ('http://[::1' was 'hbetl parse: ValueError: Invalid IPv6 URL')."""
    from urllib.parse import urlsplit

    try:
        urlsplit(text).port  # noqa: B018 (checked when asked)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None
    return text


def _port(text: str) -> int:
    """A --port value: 0-65535 ('hbetl demo --port 99999' was 'OverflowError: bind(): port must be 0-65535.')."""
    port = int(text) if text.lstrip("-").isdigit() else -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text}: a port is 0-65535")
    return port


def _add(sub: argparse._SubParsersAction, name: str, help_text: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help_text, description=help_text,
                          epilog=f"example:\n  {EXAMPLES[name]}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hbetl", description="Vietnamese provincial economic news to metric records in DuckDB.",
        epilog="Environment: HBETL_DB, HBETL_SITE, HBETL_RATE_LIMIT, ... (see hbetl/settings.py).")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _add(sub, "run", "Run the Prefect flow quarterly-etl for one quarter.")
    p.add_argument("--site", help="the paper's base URL (default: HBETL_SITE, else http://127.0.0.1:8000/, where "
                   "`hbetl sample-site --port 8000` serves the sample site), or warc:PATH to serve the crawl "
                   "from WARC files (a .warc.gz or a folder of them) instead of the network")
    p.add_argument("--db", help="DuckDB file (default: HBETL_DB or hbetl.duckdb)")
    p.add_argument("--year", type=int, help="year, with --quarter (neither: the quarter just ended)")
    p.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="quarter 1-4 (default: the quarter just ended)")
    p.add_argument("--rate-limit", type=float, help="requests per second per host (0: none; default 2)")
    p.add_argument("--concurrency", type=int, help="requests in flight at most (default 4)")
    p.add_argument("--task-runner", choices=("threads", "dask"), default="threads",
                   help="where parse + extract runs: local processes (default) or a Dask cluster")
    p.add_argument("--dask-address", help="Dask scheduler for --task-runner dask, e.g. tcp://10.0.0.5:8786 "
                   "(default: a temporary local cluster)")
    p.add_argument("--accept-reread", action="append", metavar="URL",
                   help="load this article's new read even where the run would keep the stored one (a "
                   "page an earlier run listed as 'not loaded' whose edit is real); repeatable")

    p = _add(sub, "extract", "Print one JSON metric record per line for an article's text (or HTML).")
    p.add_argument("file", nargs="?", help="text file (default: stdin)")
    p.add_argument("--published", type=_iso_date, help="publication date YYYY-MM-DD (gives the year)")
    p.add_argument("--html", action="store_true", help="the input is an HTML page: parse it first")
    p.add_argument("--title", help="the article's headline: its period is context for figures whose text names "
                   "none (with --html: the page's own title by default)")

    p = _add(sub, "parse", "Print one article page's fields as a JSON object.")
    p.add_argument("file", help="HTML file")
    p.add_argument("--url", type=_url, help="the page's URL (for relative links)")

    p = _add(sub, "sample-site", "Serve the bundled sample site on 127.0.0.1 until stopped.")
    p.add_argument("--port", type=int, default=0, help="port (0: any free port)")
    p.add_argument("--articles", type=int, help="serve a synthetic archive of N articles over 2023")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic archive")

    p = _add(sub, "query", "Run SQL against the warehouse and print the result as a table.")
    p.add_argument("sql")
    p.add_argument("--db", help="DuckDB file (default: HBETL_DB or hbetl.duckdb)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")

    p = _add(sub, "export", "Write every table as Parquet (zstd) into DIR.")
    p.add_argument("dir")
    p.add_argument("--db", help="DuckDB file (default: HBETL_DB or hbetl.duckdb)")

    p = _add(sub, "report", "Write a self-contained HTML report with charts.")
    p.add_argument("--db", help="DuckDB file (default: HBETL_DB or hbetl.duckdb)")
    p.add_argument("--out", default="hbetl-report.html", help="output file (default: hbetl-report.html)")

    p = _add(sub, "reprocess", "Run the reader and the extractor again over the archived pages (or the stored "
             "text), replacing each article's rows; print the figures that changed.")
    p.add_argument("--db", help="DuckDB file (default: HBETL_DB or hbetl.duckdb)")
    p.add_argument("--since", type=_iso_date, help="only articles published on or after YYYY-MM-DD")
    p.add_argument("--source", choices=("warc", "text"), default="warc",
                   help="warc: the pages as archived (reader + extractor; default); text: the stored "
                        "article text (extractor only)")

    p = _add(sub, "demo", "Serve the sample site, run one quarter into a DuckDB file, print the indicators.")
    p.add_argument("--db", default=".demo/hbetl.duckdb", help="DuckDB file (default: .demo/hbetl.duckdb)")
    p.add_argument("--year", type=int, default=2023, help="year (default: 2023, the sample site's)")
    p.add_argument("--quarter", type=int, default=1, choices=(1, 2, 3, 4), help="quarter 1-4 (default: 1)")
    p.add_argument("--rate-limit", type=float, default=20.0,
                   help="requests per second (default 20: the sample site is on this machine)")
    p.add_argument("--port", type=_port, default=DEMO_PORT,
                   help=f"the sample site's port (default {DEMO_PORT}; fixed, because an article's "
                        "URL, host and port included, is its identity in the warehouse)")

    p = _add(sub, "evaluate", "Score the extractor on labelled paragraphs (JSON lines), overall and by outlet fold.")
    p.add_argument("gold", help="labelled paragraphs: one JSON object a line with text, published, site, records")
    p.add_argument("--folds", type=int, default=5, help="outlet folds (default 5; 1: no split)")
    p.add_argument("--check-folds", default=None,
                   help="comma-separated folds held back from -v (default: the last two)")
    p.add_argument("-v", "--verbose", action="store_true", help="print the tune folds' misses, extras and wrong fields")
    p.add_argument("--show-check", action="store_true", help="with -v, print the check folds' errors too")
    p.add_argument("--markdown", action="store_true", help="markdown tables, with precision and recall "
                   "per indicator and per field")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _std_streams_open()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["sample-site"]:  # its own parser, shared with `python -m hbetl.sample_site`
        from hbetl.sample_site import main as serve

        return serve(argv[1:])
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        # Python's default for SIGTERM (kill, a CI job's timeout, systemd) ends the process on the
        # spot: no message, no exit handler (a flow's temporary Prefect server was left running,
        # parentless; `hbetl export` left a table's Parquet file cut). Raised as an interrupt, it
        # ends every command as Ctrl-C does. (Prefect's own handler, during a flow, sends it on here.)
        signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    try:
        return COMMANDS[args.command](args)
    except HbetlError as exc:  # (StdoutCannotEncode among them)
        print(f"hbetl {args.command}: {exc}", file=sys.stderr)
        return 1
    except Terminated:
        print(f"hbetl {args.command}: terminated (SIGTERM)", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print(f"hbetl {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`hbetl extract … | head`): nothing to say, and nothing more to
        # write; stdout goes to devnull so that Python's own flush at exit does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        if os.environ.get("HBETL_DEBUG"):
            raise
        # A file the user named: its name and the system's reason, not the exception's repr.
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or exc
        if isinstance(exc, FileExistsError) and exc.filename and not Path(exc.filename).is_dir():
            reason = "a file is there, where a folder is needed"  # (mkdir's "File exists")
        print(f"hbetl {args.command}: {where}{reason}", file=sys.stderr)
        return 1
    except Exception as exc:  # the edge: a library's error becomes one line (HBETL_DEBUG=1 for the traceback)
        if os.environ.get("HBETL_DEBUG"):
            raise
        reason = " ".join(str(exc).split()) or "no message"
        print(f"hbetl {args.command}: {type(exc).__name__}: {reason}", file=sys.stderr)
        return 1


def _std_streams_open() -> None:
    """A standard stream the caller closed (`hbetl run >&-`, a daemon that closes them) is opened
    on /dev/null, as if sent there. Left closed, the next file opened took its number: the
    temporary Prefect server, given it as its stdout, found no sys.stdout and failed to start, and
    the run ended 2 minutes later on 50 lines of traceback and 'Timed out while attempting to
    connect to ephemeral Prefect API server'; anything writing to fd 1 or 2 would have written
    into the file holding it (the warehouse, a WARC file)."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)  # the lowest free number: fd, those below being open
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
            os.set_inheritable(fd, True)  # (os.open's are not) for the children, as a standard stream is
            setattr(sys, name, open(fd, "r" if fd == 0 else "w", closefd=False))  # noqa: SIM115 (for the process)


class StdoutCannotEncode(ConfigError):
    """Output that stdout's encoding cannot write (PYTHONIOENCODING=ascii, a Latin-1 locale)."""


def _out(*parts: object) -> None:
    """print() to stdout, its failures naming it: a write error as 'stdout: No space left on
    device' (a full disk under `> out.csv`: it was the reason alone), and Vietnamese text its
    encoding cannot write told with the cure, not as 'UnicodeEncodeError: 'ascii' codec can't
    encode character '\\xed' in position 42: ordinal not in range(128)'. (Replacing the letters
    instead would print wrong names and values.) Flushed, so that the error is raised here."""
    try:
        print(*parts, flush=True)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start]
        raise StdoutCannotEncode(f"stdout's encoding ({exc.encoding}) cannot write {bad!r} (U+{ord(bad):04X}); "
                                 "set PYTHONIOENCODING=utf-8 or a UTF-8 locale") from None
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, "stdout") from exc  # (EPIPE: still a BrokenPipeError)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as Ctrl-C's exception is, so that it ends a command the same way."""


def _terminate_as_interrupt(signum: int, frame: object) -> None:
    raise Terminated


def _warehouse(args: argparse.Namespace, read_only: bool = True):
    """The warehouse ``--db`` (or HBETL_DB) names, waiting HBETL_LOCK_WAIT_SECONDS for a lock."""
    from hbetl.settings import load_settings
    from hbetl.warehouse import open_warehouse

    settings = load_settings(db=args.db)
    return open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds, read_only=read_only)


def cmd_run(args: argparse.Namespace) -> int:
    from hbetl.settings import load_settings

    settings = load_settings(site=args.site, db=args.db, year=args.year, quarter=args.quarter,
                             rate_limit=args.rate_limit, concurrency=args.concurrency,
                             accept_rereads=" ".join(args.accept_reread) if args.accept_reread else None)
    _check_before_the_run(settings)
    if args.task_runner == "dask":
        _check_staging_dir(settings)
        if args.dask_address:
            _check_dask_scheduler(args.dask_address, settings.timeout)
    result = _run_flow(settings, task_runner=args.task_runner, dask_address=args.dask_address)
    _out(json.dumps({k: v for k, v in result.items() if k != "indicators"}, ensure_ascii=False))
    return _partly_failed(result)


# `hbetl run`'s exit code when the run loaded what it could but some pages failed: a scheduler
# or a shell script can tell it from a clean run (0) and from a run that failed (1), as rsync's
# 23 ("partial transfer") does.
PARTLY_FAILED = 3


def _partly_failed(counts: dict, command: str = "run") -> int:
    """0, or PARTLY_FAILED with a line on stderr saying what failed, for a run's ``counts``."""
    from hbetl.summary import failed_pages

    failed = failed_pages(counts)
    if failed is None:
        return 0
    print(f"hbetl {command}: loaded what it read, but {failed} failed: the log above and the run's "
          "summary in the Prefect UI list them with their reasons", file=sys.stderr)
    return PARTLY_FAILED


class _WithoutTraceback(logging.Formatter):
    """Prefect's console formatter, given each record without its traceback: at the command line
    a failed run ends with its one-line reason, not ~40-150 lines of stack (the run's logs in the
    Prefect UI keep them; HBETL_DEBUG=1 shows them here too)."""

    def __init__(self, inner: logging.Formatter | None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text:  # a copy: the API's handler still gets the traceback
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return self.inner.format(record)


def _console_without_tracebacks() -> None:
    """Tracebacks off Prefect's console handlers (set up when prefect is imported), unless HBETL_DEBUG."""
    if os.environ.get("HBETL_DEBUG"):
        return
    for handler in logging.getLogger().handlers:
        if type(handler).__name__ == "PrefectConsoleHandler" and not isinstance(handler.formatter, _WithoutTraceback):
            handler.setFormatter(_WithoutTraceback(handler.formatter))


def _run_flow(settings, task_runner: str = "threads", dask_address: str | None = None) -> dict:
    _prefect_home_made()
    from flows.quarterly import quarterly_etl

    _before_a_flow()
    # Interactive runs fail fast; deployments keep the flow's own retry.
    flow = quarterly_etl.with_options(retries=0)
    site = f"warc:{settings.warc_replay}" if settings.warc_replay else settings.site  # a replay stays one
    return flow(site=site, db=settings.db, year=settings.year, quarter=settings.quarter,
                rate_limit=settings.rate_limit, concurrency=settings.concurrency,
                task_runner=task_runner, dask_address=dask_address,
                accept_rereads=sorted(settings.accepted_rereads) or None)


def _before_a_flow() -> None:
    """What a flow run from the command line needs: one-line errors, and interrupts that end it."""
    _check_prefect_database()
    _console_without_tracebacks()
    _temporary_server_in_its_own_session()


def _prefect_home_made() -> None:
    """PREFECT_HOME made, parents and all, before Prefect is imported (which makes its last level
    only). A PREFECT_HOME in a folder not made yet, or under a file, had Prefect warn it could not
    make it, and its temporary server restart for 2 minutes, 5,000 lines of 'unable to open
    database file', to end on 'Timed out while attempting to connect to ephemeral Prefect API server'."""
    home = os.environ.get("PREFECT_HOME")
    if not home or os.environ.get("PREFECT_API_URL"):
        return
    try:
        Path(home).expanduser().mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = "a file is in the way" if isinstance(exc, FileExistsError | NotADirectoryError) else exc.strerror
        raise ConfigError(f"PREFECT_HOME={home}: cannot make the folder ({why}); set PREFECT_HOME to a folder we "
                          "can write, or PREFECT_API_URL to a Prefect server") from None


def _check_prefect_database() -> None:
    """The SQLite file a temporary Prefect server (no PREFECT_API_URL) would serve from, if it is
    not a database SQLite can read (cut short, overwritten): Prefect restarted the server for ~2
    minutes, each start printing its traceback here (6,500 lines), then gave up with 'RuntimeError:
    Timed out while attempting to connect to ephemeral Prefect API server.', naming no file."""
    import sqlite3
    from contextlib import closing

    from prefect.settings import get_current_settings

    prefect = get_current_settings()
    url = prefect.server.database.connection_url.get_secret_value()
    if prefect.api.url or not url.startswith("sqlite+aiosqlite:///"):
        return
    path = Path(url.removeprefix("sqlite+aiosqlite:///"))
    folder = path.parent
    # A file there, or a folder we cannot write: the server failed as below, on 'unable to open database file'.
    why = ("not a folder" if folder.exists() and not folder.is_dir() else "no such folder" if not folder.exists()
           else "cannot be written" if not os.access(folder, os.W_OK | os.X_OK) else None)
    if why:
        raise ConfigError(f"{folder}: {why}, so the temporary Prefect server cannot keep its database there; set "
                          "PREFECT_HOME to a folder we can write, or PREFECT_API_URL to a Prefect server")
    if not path.is_file():
        return  # (Prefect makes a new one)
    try:
        with closing(sqlite3.connect(path)) as con:
            con.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlite3.OperationalError:
        return  # busy or locked: Prefect's to wait for, as it always has
    except sqlite3.DatabaseError as exc:
        raise ConfigError(f"{path}: the temporary Prefect server's database cannot be read ({exc}); move it "
                          "aside (Prefect starts a new one) or set PREFECT_API_URL to a Prefect server") from None


# Run before the temporary server's own command (argv[2:]), in its process: the kernel sends it
# SIGTERM when the thread that started it dies (PR_SET_PDEATHSIG, kept across exec). Prefect starts
# the server from the main thread, whose end is the process's. If the run died before prctl, the
# server's parent is no longer the run: it does not start.
_STOP_WITH_PARENT = (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG\n"
    "if os.getppid() != int(sys.argv[1]): sys.exit(1)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def _temporary_server_in_its_own_session() -> None:
    """Without PREFECT_API_URL, Prefect serves the run from a temporary API server, a child of
    this process in its process group: Ctrl-C at the terminal stopped that server at once, and
    the run, reporting its crash to a server that was gone, waited out Prefect's client retries
    (~1 min an API call) to end on 'ConnectError: [Errno 111] Connection refused'. Registered
    here first (Prefect keeps one such server per port, None being "any"), the server starts in
    a session of its own, out of Ctrl-C's reach; Prefect still stops it when this process exits.
    On Linux it is also told to stop when this process dies without exiting (SIGKILL, the OOM
    killer), which no exit handler sees: such a run left its server running for good."""
    import subprocess
    from types import SimpleNamespace

    from prefect.server.api import server as prefect_server

    def popen(args: list[str], **kwargs) -> subprocess.Popen:
        if sys.platform.startswith("linux") and args[1:3] == ["-m", "uvicorn"]:
            args = [args[0], "-c", _STOP_WITH_PARENT, str(os.getpid()), *args]
        return subprocess.Popen(args, start_new_session=True, **kwargs)

    class InItsOwnSession(prefect_server.SubprocessASGIServer):
        def _run_uvicorn_command(self) -> subprocess.Popen:
            # Prefect's own command, started by popen above: the module's one call to
            # subprocess goes through this stand-in for the length of the call.
            module_subprocess = prefect_server.subprocess
            prefect_server.subprocess = SimpleNamespace(Popen=popen)
            try:
                return super()._run_uvicorn_command()
            finally:
                prefect_server.subprocess = module_subprocess

    InItsOwnSession()  # (a server Prefect made before, in an earlier run of this process, stays as it was)


def _check_before_the_run(settings) -> None:
    """What would fail the run at once, told in one line before Prefect starts (~12 s with no
    PREFECT_API_URL) and the fetcher retries: the site not answering at all, or a warehouse that
    cannot be opened. (Deployments skip this: their retries are for a site that is down a while.)"""
    from urllib.parse import urlsplit

    from hbetl.errors import FetchTransient
    from hbetl.warehouse import open_warehouse

    parts = urlsplit(settings.site)
    if not settings.warc_replay and not _through_a_proxy(parts.scheme, parts.hostname or ""):
        port = parts.port if parts.port is not None else 443 if parts.scheme == "https" else 80  # (':0' is 0)
        if reason := _cannot_connect(parts.hostname, port, settings.timeout):
            raise FetchTransient(f"cannot connect to {parts.hostname}:{port}: {reason}", subject=settings.site)
    # Opened as the run opens it: under a memory cap too small for it, the run failed after Prefect's start.
    open_warehouse(settings.db, lock_wait_seconds=settings.lock_wait_seconds,
                   memory_limit=settings.duckdb_memory_limit, threads=settings.duckdb_threads).close()


def _check_staging_dir(settings) -> None:
    """The folder the Dask workers stage batches in can be made: one that cannot (a file in its way)
    failed the run after the crawl's discovery and first batch, '…/<run id>: Not a directory'."""
    root = Path(settings.staging_dir or f"{settings.db}.staging")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = "a file is in the way" if isinstance(exc, FileExistsError | NotADirectoryError) else exc.strerror
        raise ConfigError(f"{root}: cannot make the folder for the Dask workers' batches ({why}); set "
                          "HBETL_STAGING_DIR to another folder") from None


def _check_dask_scheduler(address: str, timeout: float) -> None:
    """The scheduler answers, before the run: the runner first meets it after the crawl, so a
    wrong --dask-address failed minutes into the run ("ValueError: missing port number …"), a
    scheduler that is not there after the crawl and 30 s of dask's retries, naming neither."""
    try:
        from distributed.comm import get_address_host_port
    except ImportError:  # no `dask` extra: the run's task runner says so
        return

    try:
        host, port = get_address_host_port(address)
    except ValueError as exc:
        raise ConfigError(f"--dask-address {address}: {exc}") from None
    if reason := _cannot_connect(host, port, timeout):
        raise ConfigError(f"--dask-address {address}: no Dask scheduler answers there ({reason})")


def _cannot_connect(host: str | None, port: int, timeout: float) -> str | None:
    """Why a TCP connection to ``host:port`` fails (the system's words), or None when one opens."""
    import socket

    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        return exc.strerror or str(exc) or type(exc).__name__
    return None


def _through_a_proxy(scheme: str, host: str) -> bool:
    """httpx would reach ``host`` through a proxy the environment names (HTTPS_PROXY, …): then a
    direct connection proves nothing, and the run is left to find out."""
    from urllib.request import getproxies, proxy_bypass

    proxies = getproxies()
    return bool(proxies.get(scheme) or proxies.get("all")) and not proxy_bypass(host)


def cmd_reprocess(args: argparse.Namespace) -> int:
    from hbetl.reprocess import change_lines, headline
    from hbetl.settings import load_settings
    from hbetl.warehouse import must_exist

    db = load_settings(db=args.db).db
    must_exist(db)  # (it reads what a run loaded: a new file has nothing)
    _prefect_home_made()
    from flows.reprocess import reprocess_flow

    _before_a_flow()
    result = reprocess_flow(db=db, since=args.since, source=args.source)
    _out(headline(result))
    _out("\n".join(change_lines(result)))
    # Articles not read again keep their rows, but the run did not do all it was asked: 3, as
    # `hbetl run` (0 said "all re-read" to a script while the log listed failures).
    return _partly_failed(result, "reprocess")


def _read_input(path: str | None, binary: bool) -> str | bytes:
    data = sys.stdin.buffer.read() if path is None or path == "-" else Path(path).read_bytes()
    if binary:
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from hbetl.errors import BadContent

        raise BadContent(f"not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}); "
                         "a page in another encoding reads with --html", subject=path or "stdin") from None


def _read_page(data: bytes, url: str | None, file: str | None):
    """The article of one page given at the command line; an error names the file it came from."""
    from hbetl.parse import parse_article

    try:
        return parse_article(data, url)
    except HbetlError as exc:
        if url:
            raise
        raise type(exc)(exc.reason, subject=file or "stdin") from exc


def cmd_extract(args: argparse.Namespace) -> int:
    from hbetl.extract import extract_metrics

    published, title = args.published, args.title
    if args.html:
        article = _read_page(_read_input(args.file, binary=True), None, args.file)
        text = article.body
        if published is None and article.published:
            published = date.fromisoformat(article.published[:10])
        if title is None:
            title = article.title or None
    else:
        text = _read_input(args.file, binary=False)
    for metric in extract_metrics(text, published, title):
        _out(json.dumps(metric.to_dict(), ensure_ascii=False))
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    article = _read_page(Path(args.file).read_bytes(), args.url, args.file)
    _out(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    with _warehouse(args) as wh:
        _interruptible(_print_answer, wh, wh, args.sql, args.format)
    return 0


def _print_answer(wh, sql: str, fmt: str) -> None:
    """The answer in ``fmt``: csv and json a chunk of rows at a time, printed as fetched; a table
    its first TABLE_MAX_ROWS (it needs the rows it shows for its column widths), the rest counted."""
    from hbetl.formatting import TABLE_MAX_ROWS, format_csv, format_json, format_table

    if fmt == "table":
        chunks = wh.query_chunks(sql)
        columns, shown = next(chunks)  # (there is always a first chunk, maybe empty)
        total = len(shown)
        for _, rows in chunks:
            shown.extend(rows[:TABLE_MAX_ROWS - len(shown)])
            total += len(rows)
        _out(format_table(columns, shown[:TABLE_MAX_ROWS], total=total))
        return
    for n, (columns, rows) in enumerate(wh.query_chunks(sql)):
        text = format_csv(columns, rows, header=n == 0) if fmt == "csv" else format_json(columns, rows)
        if text.strip():  # JSON lines of no row are no line, not an empty one (`| wc -l` said 1, jq -s a row)
            _out(text.rstrip("\n"))


def _interruptible(fn, wh, *args):
    """``fn(*args)`` in a thread, so that Ctrl-C interrupts DuckDB: Python runs a signal's handler
    in the main thread between bytecodes, and DuckDB's execute() is one call, so a long query
    ran on to its end (107 s), printed its rows and exited 0. The join is interruptible. (Where
    DuckDB saw the signal itself, in `export` and `report`, it ended with "RuntimeError: Query
    interrupted" and exit 1, not Ctrl-C's 130.)"""
    box: dict = {}

    def work() -> None:
        try:
            box["result"] = fn(*args)
        except BaseException as exc:  # handed to the main thread, raised there
            box["error"] = exc

    worker = threading.Thread(target=work, name="hbetl-query", daemon=True)
    worker.start()
    try:
        worker.join()
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM raised as one
        wh.interrupt()
        worker.join()
        raise
    if "error" in box:
        raise box["error"]
    return box["result"]


def cmd_export(args: argparse.Namespace) -> int:
    with _warehouse(args) as wh:
        for path in _interruptible(wh.export_parquet, wh, args.dir):
            _out(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from hbetl.report import write_report

    with _warehouse(args) as wh:
        _out(_interruptible(write_report, wh, wh, args.out))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from hbetl.formatting import format_rows
    from hbetl.sample_site import start_sample_site
    from hbetl.settings import load_settings
    from hbetl.warehouse import open_warehouse

    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    if not (os.environ.get("PREFECT_API_URL") or os.environ.get("PREFECT_HOME")):
        # The demo's runs go to a Prefect home of its own, beside its database, so it
        # never contends with another Prefect process for ~/.prefect's SQLite file.
        os.environ["PREFECT_HOME"] = str(Path(args.db).resolve().parent / "prefect")
    _check_port_free(args.port)
    started = time.monotonic()
    with start_sample_site(port=args.port) as (_proc, site):
        _out(f"sample site: {site}")
        settings = load_settings(site=site, db=args.db, year=args.year, quarter=args.quarter,
                                 rate_limit=args.rate_limit, concurrency=4)
        result = _run_flow(settings)
    seconds = time.monotonic() - started
    with open_warehouse(args.db, read_only=True) as wh:
        columns, rows = wh.query(
            "SELECT indicator, period, kind, scope, value, unit, qualifier, yoy_pct, mom_pct, plan_pct, n_articles "
            "FROM quarterly_indicators WHERE year = ? AND quarter = ? ORDER BY indicator, period, kind, scope",
            [args.year, args.quarter])
        counts = wh.table_counts()
    _out()
    unchanged = f", {result['not_modified']} unchanged since the last run" if result.get("not_modified") else ""
    if result["articles"] == 0 and result.get("not_modified"):  # a second demo: nothing to load, nothing wrong
        _out(f"{args.year} Q{args.quarter}: nothing new to load in {seconds:.1f} s "
              f"({result['failed']} pages failed{unchanged}); the warehouse keeps the last run's rows")
    else:
        _out(f"{args.year} Q{args.quarter}: {result['articles']} articles and {result['metrics']} metrics loaded "
              f"in {seconds:.1f} s ({result['failed']} pages failed{unchanged})")
    _out(f"warehouse: {Path(args.db).resolve()}  rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    _out(_archive_line(settings, args.db))
    _out()
    _out(format_rows(columns, rows, "table"))
    _out()
    _out(f'try: .venv/bin/hbetl query "SELECT * FROM plan_progress" --db {args.db}')
    if os.environ.get("PREFECT_HOME", "").endswith("prefect") and not os.environ.get("PREFECT_API_URL"):
        _out(f"see the run in the Prefect UI: PREFECT_HOME={os.environ['PREFECT_HOME']} "
              ".venv/bin/prefect server start   (then open http://127.0.0.1:4200/)")
    return 0


def _archive_line(settings, db: str) -> str:
    """Where the run's web archive is, and how large (``hbetl reprocess`` reads it back)."""
    from hbetl.warc import archive_dir

    if not settings.warc:
        return "web archive: off (HBETL_WARC=0): no page kept, nothing for hbetl reprocess to re-read"
    files = sorted(archive_dir(settings).glob("*.warc.gz"))
    size = sum(f.stat().st_size for f in files) / 2**20
    return (f"web archive: {archive_dir(settings)}  {len(files)} WARC files, {size:.1f} MB "
            f"(re-read with: .venv/bin/hbetl reprocess --db {db})")


def cmd_evaluate(args: argparse.Namespace) -> int:
    from hbetl.evaluation import report
    from hbetl.extract import extract_metrics

    path = Path(args.gold)
    if not path.is_file():
        raise ConfigError(f"{path}: no such file")
    if args.folds < 1:
        raise ConfigError(f"--folds {args.folds}: needs at least 1")
    try:
        check = {int(f) for f in args.check_folds.split(",")} if args.check_folds else None
    except ValueError as exc:
        raise ConfigError(f"--check-folds {args.check_folds!r}: give fold numbers split by commas") from exc
    if check and not check <= set(range(args.folds)):  # (a fold past the last: an empty check set, scored 1.000)
        raise ConfigError(f"--check-folds {args.check_folds}: the folds are numbered 0-{args.folds - 1} "
                          f"(--folds {args.folds})")
    _out(report(path, extract_metrics, folds=args.folds, check=check, verbose=args.verbose,
                 show_check=args.show_check, markdown=args.markdown))
    return 0


def _check_port_free(port: int) -> None:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise ConfigError(f"127.0.0.1:{port}: {exc.strerror or exc}; "
                              "choose another port with --port (a new port means new article URLs)") from exc


COMMANDS = {
    "run": cmd_run, "extract": cmd_extract, "parse": cmd_parse, "query": cmd_query,
    "export": cmd_export, "report": cmd_report, "demo": cmd_demo, "reprocess": cmd_reprocess,
    "evaluate": cmd_evaluate,
}


if __name__ == "__main__":
    sys.exit(main())
