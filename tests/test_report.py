"""The HTML report: structure, self-containment, escaping, and a real render in headless Chromium."""

from __future__ import annotations

import html
import math
import re
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hbetl.models import Article, Metric
from hbetl.report import bar_chart_svg, vn_number, write_report
from hbetl.warehouse import open_warehouse
from tests.ui_screenshot import CHROMIUM_FLAGS, chromium_path

pytestmark = pytest.mark.timeout(120)

CHROMIUM = chromium_path()
HYDRO = "tính cả Công ty Thủy điện Hòa Bình"
NASTY_SCOPE = "<script>alert('x')</script> & co"


def _article(url: str, published: str, sentences: list[str]) -> Article:
    return Article(url=url, title=f"Bài {url[-2:]}", published=published, author=None, lead=None,
                   body=" ".join(sentences), category="Kinh tế")


def _metric(body: str, sentence: str, **fields) -> Metric:
    start = body.index(sentence)
    values = {"indicator": "industrial_output_value", "kind": "actual", "unit": "billion_vnd",
              "qualifier": None, "yoy_pct": None, "mom_pct": None, "plan_pct": None, "scope": None,
              "label": "giá trị sản xuất công nghiệp", "sentence": sentence, "value": None}
    values.update(fields)
    return Metric(start=start, end=start + len(sentence), **values)


def load_four_quarters(wh) -> None:
    """Industrial output for four quarters of 2023 (two scopes), exports for two, one conflict."""
    figures = {1: (1824.0, 3917.0, 23.32), 2: (2010.0, 4405.0, 49.0), 3: (1950.0, 4100.0, 73.9),
               4: (2100.0, 4300.0, 101.2)}
    for quarter, (plain, hydro, plan) in figures.items():
        s1 = f"Quý {quarter}, giá trị sản xuất công nghiệp đạt {plain} tỷ đồng."
        s2 = f"Tính cả thủy điện, giá trị sản xuất công nghiệp đạt {hydro} tỷ đồng."
        s3 = f"Kim ngạch xuất khẩu đạt {20 + quarter} triệu USD."
        url = f"http://127.0.0.1/11/90{quarter}/q{quarter}.htm"
        article = _article(url, f"2023-{3 * quarter + 1:02d}-10T08:00:00+07:00" if quarter < 4
                           else "2024-01-10T08:00:00+07:00", [s1, s2, s3])
        metrics = [
            _metric(article.body, s1, period=f"2023-Q{quarter}", value=plain),
            _metric(article.body, s2, period=f"2023-Q{quarter}", value=hydro, scope=HYDRO,
                    plan_pct=plan if quarter == 1 else None),
        ]
        if quarter <= 2:
            metrics.append(_metric(article.body, s3, indicator="export_turnover", unit="million_usd",
                                   period=f"2023-Q{quarter}", value=20.0 + quarter, scope=NASTY_SCOPE))
        if quarter in (2, 3):  # running totals with a share of the annual plan
            metrics.append(_metric(article.body, s1, period="2023-H1" if quarter == 2 else "2023-YTD09",
                                   kind="estimate", value=plain * quarter, plan_pct=plan))
        wh.load_batch([article], [(url, m) for m in metrics], [], run_id=f"run-{quarter}")
    # a second article giving a different Q1 figure: a conflict
    s = "Quý I, giá trị sản xuất công nghiệp đạt 1.900 tỷ đồng."
    other = _article("http://127.0.0.1/11/999/khac.htm", "2023-04-11T08:00:00+07:00", [s])
    wh.load_batch([other], [(other.url, _metric(other.body, s, period="2023-Q1", value=1900.0))], [], "run-x")
    wh.start_run("run-4", "quarterly-etl", "http://127.0.0.1:8000/", "2023-10-01", "2024-02-14", 2023, 4)
    wh.finish_run("run-4", "completed", {"articles": 1, "metrics": 4}, "ok")


class Outline(HTMLParser):
    """Counts the tags and attributes a self-contained report may and may not have."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.classes: dict[str, int] = {}
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name == "class" and value:
                for c in value.split():
                    self.classes[c] = self.classes.get(c, 0) + 1
            if name in ("src", "srcset") or (tag == "link" and name == "href"):
                self.external.append(f"{tag} {name}={value}")


@pytest.fixture
def report(tmp_path: Path) -> Path:
    with open_warehouse(tmp_path / "r.duckdb") as wh:
        load_four_quarters(wh)
        return write_report(wh, tmp_path / "out" / "report.html")


def test_report_structure(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(text)
    assert outline.tags["svg"] == 2  # industrial output and exports
    assert outline.classes["chart"] == 2
    assert outline.classes["bar"] == 4 * 2 + 2  # four quarters x two scopes, two export quarters
    assert outline.classes["plan"] == 2  # latest share of plan: plain scope and hydro scope
    assert outline.classes["conflict"] >= 1
    assert outline.classes["run"] == 1
    assert "Q1/2023" in text and "Q4/2023" in text and "1.824" in text


def test_report_is_self_contained_and_escaped(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(text)
    assert outline.external == []
    assert "script" not in outline.tags and "@import" not in text and "url(" not in text
    assert NASTY_SCOPE not in text and html.escape(NASTY_SCOPE) in text


def test_empty_warehouse_still_renders(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "empty.duckdb") as wh:
        text = write_report(wh, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No quarterly figures held yet." in text and "<svg" not in text


def test_figures_no_chart_can_draw_leave_the_report_whole(tmp_path: Path) -> None:
    """A figure stored as NaN, infinite or near the float's limit (a misread number): before, 'hbetl
    report: OverflowError: int too large to convert to float' (or NaN's ValueError), no report; then
    its chart's lines at y="inf". Now such bars are left out, and every coordinate is a number."""
    db = tmp_path / "r.duckdb"
    with open_warehouse(db) as wh:
        load_four_quarters(wh)
    for quarter, value in ((1, "'nan'"), (2, "1.7e308"), (3, "'-inf'")):
        with open_warehouse(db) as wh:
            wh.query(f"UPDATE metrics SET value = {value} WHERE period = '2023-Q{quarter}' AND scope IS NULL")
    with open_warehouse(db, read_only=True) as wh:
        text = write_report(wh, tmp_path / "report.html").read_text(encoding="utf-8")
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', text)
    assert coordinates and all(math.isfinite(float(c)) for c in coordinates)
    assert "<svg" in text


def test_vn_number_and_chart_helpers() -> None:
    assert vn_number(1824.0) == "1.824"
    assert vn_number(7821.6123) == "7.821,61"
    assert vn_number(-0.24) == "-0,24"
    assert vn_number(None) == ""
    svg = bar_chart_svg(["Q1/2023", "Q2/2023"], {"a": [1.0, None], "b": [-2.0, 3.0]}, "tỷ đồng")
    assert svg.count('class="bar"') == 3 and svg.startswith("<svg")


# ----------------------------------------------------------------------------- headless Chromium

def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    command = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)


def png_scanlines(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the (filtered) scanlines of a non-interlaced 8-bit PNG: enough to tell
    a blank page (every line alike) from a drawn one, without an imaging library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * channels
    return width, height, [raw[i:i + stride] for i in range(0, len(raw), stride)]


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (Debian package chromium)")
def test_report_renders_in_headless_chromium(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    result = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", report.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    width, height, lines = png_scanlines(shot.read_bytes())
    assert (width, height) == (1200, 2000)
    # A blank page gives a handful of distinct lines (one per PNG filter type); text, bars and
    # tables give hundreds.
    assert len(set(lines)) > 100

    dom = _chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    assert dom.count("<svg") == 2 and dom.count('class="bar"') == 10
