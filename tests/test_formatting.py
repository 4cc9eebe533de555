"""Query answers as text: the table for people, CSV and JSON lines."""

from __future__ import annotations

import pytest

from hbetl.errors import ConfigError
from hbetl.formatting import format_csv, format_json, format_rows, format_table


def test_formatters() -> None:
    columns, rows = ["indicator", "value", "note"], [("iip", 7821.612349, "a\nb"), ("cpi", None, "x" * 50)]
    table = format_table(columns, rows, max_width=20)
    lines = table.splitlines()
    assert lines[0].split() == columns and lines[-1] == "(2 rows)"
    assert "7821.6123" in table and "a b" in table and ("x" * 19 + "…") in table
    assert format_csv(columns, rows).splitlines()[1] == 'iip,7821.612349,"a\nb"'.splitlines()[0]
    assert format_rows(columns, rows, "table", max_width=20) == table
    assert format_rows(columns, rows, "json") == format_json(columns, rows).rstrip("\n")
    with pytest.raises(ConfigError):
        format_rows(columns, rows, "xml")
    assert format_json(columns, rows).splitlines()[1] == '{"indicator": "cpi", "value": null, "note": "' + "x" * 50 + '"}'


def test_a_table_of_the_first_rows_says_how_many_there_are() -> None:
    table = format_table(["i"], [(0,), (1,)], total=5)
    assert table.splitlines()[-1] == "(5 rows, the first 2 shown: --format csv or json prints every row)"
    assert format_table(["i"], [(0,)], total=1).splitlines()[-1] == "(1 row)"


def test_csv_chunks_after_the_first_have_no_header() -> None:
    assert format_csv(["i"], [(1,)]) + format_csv(["i"], [(2,)], header=False) == "i\n1\n2\n"
