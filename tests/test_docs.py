"""Every documented command works as written (sqlite-utils keeps its docs honest this way).

The command lines of README.md's shell blocks and the SQL of README.md and
docs/queries.md run through the installed console script (`.venv/bin/hbetl`, the one
beside this Python) in a folder laid out like a clone: the clone's files linked in, its
outputs its own, `../shared` beside it only where the team's folder exists. The demo
warehouse is built once for the session, by what `make demo` runs. Every command exits 0;
where the README shows what a command prints (a bare block after prose that names the
command, "`make demo` ends with …"), the command prints it.

How a command runs here is the table HOW; a command it does not name runs as written
(bash, in the clone's folder, its ports moved to free ones), so commands added to the
README later are run with no change here. A command that names `../shared` is skipped
where the team's folder is absent.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from hbetl.sample_site import read_base_url, stop_process
from tests.conftest import ROOT, SHARED, free_port

pytestmark = pytest.mark.timeout(900)

VENV_BIN = Path(sys.executable).parent
PREFECT_PORT = "4200"  # `prefect server start`'s own port: the README's commands reach it there
COMMAND_TIMEOUT_S = 600  # a flow run on the busy 2-core machine takes ~30-60 s; this only stops a hang
if not (VENV_BIN / "hbetl").exists() or shutil.which("make") is None:
    pytest.skip("needs the hbetl console script beside this Python (make install) and make",
                allow_module_level=True)


# ---------------------------------------------------------------- the docs, read

FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)


@dataclass(frozen=True)
class Block:
    doc: str
    line: int
    lang: str  # "sh", "sql", or "" for what a command prints
    body: str
    prose: str  # the text between the previous block and this one

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


def read_blocks(doc: str) -> list[Block]:
    text = (ROOT / doc).read_text("utf-8")
    blocks, end = [], 0
    for m in FENCE.finditer(text):
        blocks.append(Block(doc, text.count("\n", 0, m.start()) + 1, m["lang"], m["body"], text[end:m.start()]))
        end = m.end()
    return blocks


def command_lines(body: str) -> list[str]:
    """A shell block's commands as typed: a quoted string or a trailing backslash goes on
    to the next line; blank and comment-only lines are dropped."""
    commands, pending = [], ""
    for line in body.splitlines():
        pending += line + "\n"
        if pending.rstrip().endswith("\\"):
            continue
        try:
            words = shlex.split(pending, comments=True)
        except ValueError:  # an open quote
            continue
        if words:
            commands.append(pending.strip())
        pending = ""
    assert not pending.strip(), f"unfinished command: {pending!r}"
    return commands


def shown_output(readme: list[Block]) -> dict[Block, tuple[str, str]]:
    """Shell block -> (command, what the README shows it printing), for each bare block
    whose prose names the command in backticks (e.g. "`make demo` ends with …")."""
    shown, shell = {}, None
    for block in readme:
        if block.lang == "sh":
            shell = block
        elif block.lang == "" and shell is not None:
            named = re.findall(r"`([^`]+)`", block.prose)
            assert named, f"{block}: output shown, but the prose before it names no command"
            shown[shell] = (named[-1], block.body)
    return shown


README = read_blocks("README.md")
SHELL_BLOCKS = [b for b in README if b.lang == "sh"]
SHOWN = shown_output(README)
SQL = [(block, s.query.strip()) for doc in ("README.md", "docs/queries.md") for block in read_blocks(doc)
       if block.lang == "sql" for s in duckdb.extract_statements(block.body)]


# ---------------------------------------------------------------- a clone-like folder and its demo

@dataclass(frozen=True)
class Clone:
    folder: Path
    env: dict[str, str]
    demo_output: str  # what `make demo` printed there


@pytest.fixture(scope="session")
def clone(tmp_path_factory: pytest.TempPathFactory, prefect_server: str) -> Clone:
    """A folder laid out like a clone: its files linked in, `.venv` the running one, its
    outputs (`.demo/`, `hbetl.duckdb`) its own; `make demo` ran there once. Every command
    reports its Prefect runs to the session's server (tests/conftest.py)."""
    top = tmp_path_factory.mktemp("docs")
    folder = top / "hbetl"
    folder.mkdir()
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") and entry.suffix not in (".duckdb", ".html"):
            (folder / entry.name).symlink_to(entry)
    (folder / ".venv").symlink_to(VENV_BIN.parent)
    if SHARED.is_dir():
        (top / "shared").symlink_to(SHARED)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HBETL_")}  # a new user's settings,
    # but the demo's request rate: the sample site is on this machine, and the README's `hbetl run`
    # at the default polite 2 requests/s spends 100 s on its 194 requests (a flag still wins).
    env["HBETL_RATE_LIMIT"] = "20"
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PREFECT_API_URL"] = prefect_server
    out = subprocess.run(["bash", "-c", make_recipe("demo") + f" --port {free_port()}"], cwd=folder, env=env,
                         capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
    assert out.returncode == 0, out.stderr[-3000:]
    return Clone(folder, env, out.stdout)


def make_recipe(target: str) -> str:
    """What `make TARGET` runs, as `make -n` prints it (the install step taken as done)."""
    out = subprocess.run(["make", "-n", "--no-print-directory", "-o", ".venv/.installed", target], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=True)
    return " && ".join(line for line in out.stdout.splitlines() if line.strip())


# ---------------------------------------------------------------- how each command runs

@dataclass
class Shell:
    """One shell block's session: its environment, its ports, what it left running."""

    clone: Clone
    env: dict[str, str] = field(default_factory=dict)
    ports: dict[str, str] = field(default_factory=dict)
    running: list[subprocess.Popen] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)  # command -> what it printed

    def moved(self, command: str) -> str:
        """The command with each port it names (127.0.0.1:N, --port N) moved to a free one,
        the same one for the same N within the block; 0 stays 0."""
        def move(m: re.Match) -> str:
            if m["port"] == "0":
                return m[0]
            port = self.ports.setdefault(m["port"], str(free_port()))
            return m["lead"] + port
        return re.sub(r"(?P<lead>127\.0\.0\.1:|--port[ =])(?P<port>\d+)", move, command)

    def run(self, command: str) -> str:
        out = subprocess.run(["bash", "-c", command], cwd=self.clone.folder, env=self.env, capture_output=True,
                             text=True, timeout=COMMAND_TIMEOUT_S)
        assert out.returncode == 0, f"{command}\nexit {out.returncode}: {out.stderr[-3000:]}"
        return out.stdout

    def start(self, command: str) -> str:
        """`CMD &`: started in the background (stopped by pid when the block ends); a server
        prints its URL first."""
        words = shlex.split(command, comments=True)[:-1]
        proc = subprocess.Popen(words, cwd=self.clone.folder, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        self.running.append(proc)
        return read_base_url(proc)

    def export(self, command: str) -> str:
        name, _, value = shlex.split(command, comments=True)[1].partition("=")
        self.env[name] = value
        return ""


def _session_demo(shell: Shell, command: str) -> str:
    return shell.clone.demo_output


def _session_prefect(shell: Shell, command: str) -> str:
    return f"(the session's server: {shell.clone.env['PREFECT_API_URL']})"


def _this_suite(shell: Shell, command: str) -> str:
    return "(not run: it is this suite)"


# Each README command runs by the first row whose pattern it matches; any other command
# runs as written (Shell.run). Ports are moved to free ones before a row sees the command.
HOW: list[tuple[str, Callable[[Shell, str], str]]] = [
    (r"^make test\b", _this_suite),
    (r"^make demo\b", _session_demo),  # built once for the session: `make -n demo` on a free port
    (r"prefect server start", _session_prefect),  # tests/conftest.py's server, on PREFECT_PORT's behalf
    (r"^export \w+=", Shell.export),
    (r"&\s*(#.*)?$", Shell.start),
]


def how(command: str) -> Callable[[Shell, str], str]:
    return next((f for pattern, f in HOW if re.search(pattern, command)), Shell.run)


@pytest.fixture
def shell(clone: Clone) -> Iterator[Shell]:
    port = urlsplit(clone.env["PREFECT_API_URL"]).port
    s = Shell(clone, env=dict(clone.env), ports={PREFECT_PORT: str(port)})
    yield s
    for proc in s.running:
        stop_process(proc)


def shows(printed: str, shown: str) -> bool:
    """True when ``printed`` holds the lines of ``shown`` in order, spacing aside. A line
    "…" stands for lines left out (lines with none between them are consecutive); a "…"
    inside a line stands for any text (a timing)."""
    lines = [" ".join(line.split()) for line in printed.splitlines()]
    runs: list[list[re.Pattern]] = [[]]
    for line in shown.splitlines():
        if line.strip() == "…":
            runs.append([])
        elif line.strip():
            runs[-1].append(re.compile(".*".join(re.escape(" ".join(part.split())) for part in line.split("…"))))
    at = 0
    for run in filter(None, runs):
        at = next((i + len(run) for i in range(at, len(lines) - len(run) + 1)
                   if all(p.fullmatch(text) for p, text in zip(run, lines[i:], strict=False))), -1)
        if at < 0:
            return False
    return True


# ---------------------------------------------------------------- the tests

@pytest.mark.parametrize("block", SHELL_BLOCKS, ids=str)
def test_readme_commands_run_as_written(block: Block, shell: Shell) -> None:
    for typed in command_lines(block.body):
        if "../shared" in typed and not SHARED.is_dir():
            print(f"$ {typed}\n(skipped: ../shared is not beside this clone)")
            continue
        command = shell.moved(typed)
        shell.printed[typed] = how(command)(shell, command)
        print(f"$ {typed}\n{shell.printed[typed]}")
    if block in SHOWN:
        named, shown = SHOWN[block]
        printed = next(out for typed, out in shell.printed.items() if typed.startswith(named))
        assert shows(printed, shown), f"`{named}` does not print what README.md shows:\n{printed}"


@pytest.mark.parametrize(("block", "sql"), SQL, ids=[f"{b}:{i}" for i, (b, _) in enumerate(SQL)])
def test_documented_sql_runs_on_the_demo_warehouse(block: Block, sql: str, clone: Clone) -> None:
    out = subprocess.run([str(VENV_BIN / "hbetl"), "query", sql, "--db", ".demo/hbetl.duckdb"], cwd=clone.folder,
                         env=clone.env, capture_output=True, text=True, timeout=120)
    print(f"{sql}\n{out.stdout}")
    assert out.returncode == 0, f"{block}: {out.stderr}"
    assert out.stdout.strip(), f"{block}: printed nothing"


def test_the_demo_prints_the_quarters_headline_figures(clone: Clone) -> None:
    """What CI checks in a clone with nothing beside it (.ci/run), checked here too."""
    assert re.search(r"industrial_output_value +2023-Q1 +actual +1824(\.0)? +billion_vnd +over +18\.19 +23\.32",
                     clone.demo_output), clone.demo_output


def test_every_command_the_readme_names_has_help() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    named = set(re.findall(r"`(?:\.venv/bin/)?hbetl ([a-z][a-z-]*)", text))
    named |= {m for b in SHELL_BLOCKS for m in re.findall(r"(?:^|/|\s)hbetl ([a-z][a-z-]*)", b.body, re.M)}
    assert named >= {"run", "query", "sample-site"}
    for command in sorted(named):
        out = subprocess.run([str(VENV_BIN / "hbetl"), command, "--help"], capture_output=True, text=True,
                             timeout=120)
        assert out.returncode == 0 and "example:" in out.stdout, (command, out.stderr)


def test_the_doc_readers_read_what_the_docs_hold() -> None:
    """The readers above, on the shapes the README uses."""
    assert command_lines('a "x\n  y" --db z   # note\n\n# only a comment\nb \\\n  c &\n') == [
        'a "x\n  y" --db z   # note', "b \\\n  c &"]
    assert shows("h  1\nx\nrow  2\nrow 3\n", "h 1\n…\nrow 2\nrow  3\n")
    assert not shows("h 1\nrow 2\nx\nrow 3\n", "h 1\n…\nrow 2\nrow 3\n")
    assert shows("loaded in 15.8 s (0 failed)\n", "loaded in … s (0 failed)") and not shows("x\n", "x\ny")
    assert how("make test") is _this_suite and how(".venv/bin/hbetl sample-site --port 8000 & # x") is Shell.start
    assert how(".venv/bin/hbetl run --site http://127.0.0.1:8000/") is Shell.run
    assert len(SHELL_BLOCKS) >= 2 and len(SQL) >= 10 and SHOWN
