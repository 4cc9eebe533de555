"""A self-contained HTML report of the warehouse: one file, no network.

Charts are inline SVG drawn here (no JavaScript, no CDN, no web fonts), styles are inline CSS,
so the page opens the same from a file share, an e-mail or a Prefect artifact. Every text that
comes from the warehouse (and so from a web page) is HTML-escaped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import math
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hbetl.indicators import load_catalogue
from hbetl.warehouse import Warehouse

UNIT_NAMES = {
    "billion_vnd": "tỷ đồng", "million_usd": "triệu USD", "percent": "%", "count": "",
    "visits": "lượt", "tonnes": "tấn", "million_kwh": "triệu kWh",
}
# Colour-blind-safe (Okabe-Ito) colours, one per scope within a chart.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
CHART_WIDTH, CHART_HEIGHT = 520, 240
MAX_BAR_WIDTH = 56  # one quarter held should not draw a slab across the chart
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 12, 16, 44

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #222;
       max-width: 1180px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px;
     border-bottom: 1px solid #ccc; padding-bottom: 4px; }
.meta { color: #666; font-size: 13px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; border: 1px solid #ddd; border-radius: 4px; padding: 8px; background: #fff; }
figure.chart figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; }
.legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
table { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.progress { width: 240px; height: 14px; background: #eee; border-radius: 3px; position: relative; }
.progress div { height: 100%; background: #009E73; border-radius: 3px; }
.progress.over div { background: #0072B2; }
.empty { color: #666; font-style: italic; }
td a { word-break: break-all; }
td.num { white-space: nowrap; }
"""


def vn_number(value: float | None, decimals: int = 2) -> str:
    """1824.0 -> '1.824', 7821.61 -> '7.821,61': the way the paper writes numbers."""
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return ""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 x 10^k at or above value: round axis ends."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            # (a float: 10 ** 308 as an int, doubled, was 'OverflowError: int too large to convert to float')
            return step * power if math.isfinite(step * power) else value
    return 10 * power


def bar_chart_svg(categories: Sequence[str], series: dict[str, list[float | None]], unit: str) -> str:
    """Grouped bars: one group per category (quarter), one bar per series (scope)."""
    plot_w = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    # Finite values only: a figure stored as NaN or past 1e308 (a misread number) drew no chart; it failed
    # the report ('OverflowError: int too large to convert to float', 'ValueError: cannot convert float NaN …').
    values = [v for vs in series.values() for v in vs if v is not None and math.isfinite(v)]
    top = _nice_ceiling(max([0.0, *values]))
    bottom = min(0.0, *values) if values else 0.0
    span = (top - bottom) or 1.0

    def y(v: float) -> float:
        return MARGIN_TOP + plot_h * ((top - v) / span)  # (the share first: plot_h * 1.7e308 is inf)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" '
             f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" font-size="11" font-family="sans-serif">']
    for i in range(5):  # four grid steps
        v = bottom + span * (i / 4)
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{CHART_WIDTH - MARGIN_RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                     f'stroke="#e5e5e5"/>')
        parts.append(f'<text x="{MARGIN_LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#555">'
                     f'{_e(vn_number(v, 2))}</text>')
    parts.append(f'<text x="{MARGIN_LEFT}" y="{MARGIN_TOP - 4}" fill="#555">{_e(unit)}</text>')
    group_w = plot_w / max(1, len(categories))
    bar_w = min(group_w * 0.8 / max(1, len(series)), MAX_BAR_WIDTH)
    group_pad = (group_w - bar_w * len(series)) / 2
    for ci, category in enumerate(categories):
        gx = MARGIN_LEFT + ci * group_w
        parts.append(f'<text x="{gx + group_w / 2:.1f}" y="{CHART_HEIGHT - MARGIN_BOTTOM + 16}" '
                     f'text-anchor="middle" fill="#333">{_e(category)}</text>')
        for si, (name, vs) in enumerate(series.items()):
            v = vs[ci]
            if v is None or not math.isfinite(v):
                continue
            x = gx + group_pad + si * bar_w
            y0, y1 = sorted((y(0.0), y(v)))
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y0:.1f}" width="{bar_w - 2:.1f}" '
                         f'height="{max(y1 - y0, 0.5):.1f}" fill="{PALETTE[si % len(PALETTE)]}">'
                         f'<title>{_e(name)} {_e(category)}: {_e(vn_number(v))} {_e(unit)}</title></rect>')
            parts.append(f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y0 - 3:.1f}" text-anchor="middle" '
                         f'fill="#222" font-size="10">{_e(vn_number(v, 1))}</text>')
    axis_y = y(0.0)
    parts.append(f'<line x1="{MARGIN_LEFT}" x2="{CHART_WIDTH - MARGIN_RIGHT}" y1="{axis_y:.1f}" '
                 f'y2="{axis_y:.1f}" stroke="#333"/>')
    parts.append("</svg>")
    return "".join(parts)


def _quarter_labels(series_rows: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Every quarter from the first to the last held, gaps included (a gap is information)."""
    held = sorted({(r["year"], r["quarter"]) for r in series_rows})
    if not held:
        return []
    (y0, q0), (y1, q1) = held[0], held[-1]
    return [(y, q) for y in range(y0, y1 + 1) for q in range(1, 5)
            if (y0, q0) <= (y, q) <= (y1, q1)]


def indicator_title(code: str) -> str:
    """'Giá trị sản xuất công nghiệp (industrial_output_value)': the paper's words, then the code."""
    try:
        entry = load_catalogue().get(code)
    except OSError:  # a catalogue that cannot be read should not cost the whole report
        entry = None
    return f"{entry.label_vi[:1].upper()}{entry.label_vi[1:]} ({code})" if entry else code


def _scope_name(scope: str | None) -> str:
    return scope if scope else "(không ghi phạm vi)"


def charts_section(series_rows: list[dict[str, Any]]) -> str:
    if not series_rows:
        return '<p class="empty">No quarterly figures held yet.</p>'
    quarters = _quarter_labels(series_rows)
    labels = [f"Q{q}/{y}" for y, q in quarters]
    by_indicator: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in series_rows:
        by_indicator[row["indicator"]].append(row)
    figures = []
    for indicator, rows in sorted(by_indicator.items()):
        series: dict[str, list[float | None]] = {}
        for row in rows:
            values = series.setdefault(_scope_name(row["scope"]), [None] * len(quarters))
            values[quarters.index((row["year"], row["quarter"]))] = row["value"]
        unit = UNIT_NAMES.get(rows[0]["unit"] or "", rows[0]["unit"] or "")
        legend = "".join(f'<span><i style="background:{PALETTE[i % len(PALETTE)]}"></i>{_e(name)}</span>'
                         for i, name in enumerate(series))
        figures.append(f'<figure class="chart" data-indicator="{_e(indicator)}"><figcaption>'
                       f'{_e(indicator_title(indicator))}</figcaption>{bar_chart_svg(labels, series, unit)}<div class="legend">{legend}</div>'
                       f'</figure>')
    return f'<div class="charts">{"".join(figures)}</div>'


def plan_section(plan_rows: list[dict[str, Any]]) -> str:
    """The latest share of plan per indicator, scope and year, as a bar."""
    latest: dict[tuple, dict[str, Any]] = {}
    for row in plan_rows:  # ordered by quarter and period, so the last one wins
        latest[(row["indicator"], row["scope_key"], row["year"])] = row
    if not latest:
        return '<p class="empty">No figure with a share of plan held yet.</p>'
    lines = ["<table><tr><th>indicator</th><th>scope</th><th>year</th><th>period</th><th>value</th>"
             "<th>share of annual plan</th><th></th><th>implied annual plan</th></tr>"]
    for row in latest.values():
        share = row["plan_pct"]
        unit = UNIT_NAMES.get(row["unit"] or "", row["unit"] or "")
        over = " over" if share > 100 else ""
        lines.append(
            f'<tr class="plan"><td>{_e(indicator_title(row["indicator"]))}</td><td>{_e(row["scope"])}</td><td class="num">{row["year"]}</td>'
            f'<td>{_e(row["period"])} ({_e(row["kind"])})</td>'
            f'<td class="num">{_e(vn_number(row["value"]))} {_e(unit)}</td>'
            f'<td><div class="progress{over}" title="{_e(vn_number(share))} %">'
            f'<div style="width:{min(share, 100.0):.1f}%"></div></div></td>'
            f'<td class="num">{_e(vn_number(share))} %</td>'
            f'<td class="num">{_e(vn_number(row["implied_annual_plan"], 0))} {_e(unit)}</td></tr>')
    lines.append("</table>")
    return "".join(lines)


def short_link(url: str, width: int = 36) -> str:
    """The article's slug, cut to fit a table cell; the full URL stays in href and title."""
    slug = url.rstrip("/").rsplit("/", 1)[-1] or url
    return slug if len(slug) <= width else slug[: width - 1] + "…"


def rows_table(rows: list[dict[str, Any]], columns: Sequence[str], empty: str, css_class: str) -> str:
    if not rows:
        return f'<p class="empty">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            v = row.get(c)
            if isinstance(v, float):
                cells.append(f'<td class="num">{_e(vn_number(v, 4))}</td>')
            elif isinstance(v, str) and v.startswith(("http://", "https://")):
                cells.append(f'<td><a href="{_e(v)}" title="{_e(v)}">{_e(short_link(v))}</a></td>')
            else:
                cells.append(f"<td>{_e(v)}</td>")
        body.append(f'<tr class="{css_class}">{"".join(cells)}</tr>')
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def conflicts_table(rows: list[dict[str, Any]]) -> str:
    """One line per conflict: the two sides as figure, period and article, then how far apart."""
    if not rows:
        return '<p class="empty">No conflicts.</p>'

    def side(row: dict[str, Any], which: str) -> str:
        url = row[f"url_{which}"] or ""
        return (f'<td class="num">{_e(vn_number(row[f"figure_{which}"], 4))}</td>'
                f'<td>{_e(row[f"period_{which}"])} ({_e(row[f"kind_{which}"])})<br>'
                f'<a href="{_e(url)}" title="{_e(url)}">{_e(short_link(url))}</a></td>')

    lines = ["<table><tr><th>indicator</th><th>scope</th><th>figure</th><th>A</th><th>from</th><th>B</th>"
             "<th>from</th><th>apart</th><th>rounding allows</th></tr>"]
    for row in rows:
        lines.append(
            f'<tr class="conflict"><td>{_e(row["indicator"])}</td><td>{_e(row["scope"])}</td>'
            f'<td>{_e(row["field"])}</td>{side(row, "a")}{side(row, "b")}'
            f'<td class="num">{_e(vn_number(100 * row["rel_diff"], 3))} %</td>'
            f'<td class="num">{_e(vn_number(100 * row["rel_tolerance"], 3))} %</td></tr>')
    lines.append("</table>")
    return "".join(lines)


def render_report(warehouse: Warehouse) -> str:
    counts = warehouse.table_counts()
    series = warehouse.indicator_series()
    plans = warehouse.plan_progress()
    conflicts = warehouse.conflicts()
    consistency = warehouse.consistency()
    _, runs = warehouse.query(
        "SELECT run_id, flow, year, quarter, status, started_at, articles, metrics, failed "
        "FROM runs ORDER BY started_at DESC LIMIT 10")
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    run_rows = [dict(zip(("run_id", "flow", "year", "quarter", "status", "started_at", "articles", "metrics",
                          "failed"), r, strict=True)) for r in runs]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>hbetl: Hòa Bình economic indicators</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Hòa Bình economic indicators</h1>",
        f'<p class="meta">Generated {generated} from {_e(Path(warehouse.path).name)}: '
        + ", ".join(f"{_e(k)} {v}" for k, v in counts.items()) + "</p>",
        "<h2 id=\"charts\">Quarterly figures</h2>",
        '<p class="meta">Actual figures, else estimates, per quarter; one colour per scope.</p>',
        charts_section(series),
        "<h2 id=\"plan\">Progress against the annual plan</h2>",
        '<p class="meta">Latest share of plan per indicator; the implied plan is value / share x 100.</p>',
        plan_section(plans),
        "<h2 id=\"conflicts\">Conflicts</h2>",
        '<p class="meta">Figures that differ between articles beyond 0.1 %, and implied annual plans '
        "that move between periods beyond the rounding of the written figures.</p>",
        conflicts_table(conflicts),
        "<h2 id=\"consistency\">Sums that do not add up</h2>",
        rows_table(consistency, ("indicator", "scope", "whole_period", "whole_value", "parts", "parts_sum",
                                 "difference", "tolerance", "whole_url"),
                   "Every six- and nine-month figure held matches its parts.", "consistency"),
        "<h2 id=\"runs\">Runs</h2>",
        rows_table(run_rows, ("run_id", "flow", "year", "quarter", "status", "started_at", "articles",
                              "metrics", "failed"), "No runs recorded.", "run"),
        "</body></html>",
    ])


def write_report(warehouse: Warehouse, out_path: str | Path) -> Path:
    """Write the report to ``out_path``; returns the path written."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    html = render_report(warehouse)
    if out.exists() and not out.is_file():  # /dev/stdout, a pipe: written as it is
        out.write_text(html, encoding="utf-8")
        return out
    # Written beside and renamed over the file: a disk that filled left a cut report where the last
    # one was, and the error named no file ('hbetl report: No space left on device').
    part = out.with_name(f".{out.name}.part")
    try:
        part.write_text(html, encoding="utf-8")
        part.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):  # (a read-only folder refuses the unlink too: EROFS, not ENOENT)
            part.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(out)) from exc
    return out
