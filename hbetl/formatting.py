"""Query answers as text: a table for people, CSV, or JSON lines (``hbetl query``, the demo's
indicators). Pure: the rows come from the warehouse, the text goes to the caller."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Sequence
from typing import Any

from hbetl.errors import ConfigError

# A table (for people) shows at most the first TABLE_MAX_ROWS and counts the rest: a million
# rows held whole to fit its column widths took 4.7 GB.
TABLE_MAX_ROWS = 10_000


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return str(value)
        # 4 decimals show every figure the paper writes (it writes at most 3) without float noise.
        text = f"{round(value, 4):f}".rstrip("0").rstrip(".")
        return text or "0"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return " ".join(str(value).split())  # one line per row, whatever the cell holds


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 40,
                 total: int | None = None) -> str:
    """A plain-text table for the terminal: numbers right-aligned, long cells cut with '…'.
    ``total``: the answer's row count when ``rows`` are only its first ones."""
    def fit(text: str) -> str:
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    header = [fit(str(c)) for c in columns]
    body = [[fit(_cell(v)) for v in row] for row in rows]
    numeric = [all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool)
                   for row in rows if row[i] is not None) and any(row[i] is not None for row in rows)
               for i in range(len(columns))]
    widths = [max([len(header[i])] + [len(r[i]) for r in body]) for i in range(len(columns))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w)
                         for c, w, num in zip(cells, widths, numeric, strict=True)).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in body)
    if total is not None and total > len(rows):
        out.append(f"({total} rows, the first {len(rows)} shown: --format csv or json prints every row)")
    else:
        out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table",
                max_width: int = 40) -> str:
    """``fmt``: table (for people), csv, or json (one object per line)."""
    if fmt == "table":
        return format_table(columns, rows, max_width=max_width)
    if fmt == "csv":
        return format_csv(columns, rows).rstrip("\n")
    if fmt == "json":
        return format_json(columns, rows).rstrip("\n")
    raise ConfigError(f"format {fmt!r}: expected table, csv or json")


def format_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]], header: bool = True) -> str:
    """CSV with a header line (``header``: False for the chunks after the first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else (v if isinstance(v, (int, float, str)) else _cell(v))
                         for v in row])
    return buffer.getvalue()


def format_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """One JSON object per line (like ``hbetl extract``)."""
    def plain(value: Any) -> Any:
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            return value.isoformat()
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None
        return value

    return "".join(json.dumps({c: plain(v) for c, v in zip(columns, row, strict=True)},
                              ensure_ascii=False, default=str) + "\n" for row in rows)
