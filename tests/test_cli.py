"""Every command has help with an example; errors are one line, not a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hbetl.cli import EXAMPLES, build_parser, main

COMMANDS = ["run", "extract", "parse", "sample-site", "query", "export", "report", "demo"]


def hbetl(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hbetl.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_every_command_is_in_the_parser_and_has_an_example():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) | {"sample-site"} >= set(COMMANDS)
    assert set(EXAMPLES) == set(COMMANDS)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "sample-site"])
def test_help_shows_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out and f"hbetl {command}" in out


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
