"""Pages per second: hbetl.parse.parse_article vs trafilatura.extract vs a bare Lexbor parse.

Each page is ~60 KB (the seed page's size): a realistic article padded with the
menus, sidebars and teaser boxes a provincial paper's page carries. Two layouts:
the sample site's (profile path) and a modern <article> page with JSON-LD (generic
path). Run from the project root:

    .venv/bin/python bench/bench_parse.py [--seconds 2]

Prints a table and the ratios, writes bench/results/parse.json.
"""

from __future__ import annotations

import argparse
import html
import json
import platform
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from hbetl.parse import parse_article

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "parse.json"
TARGET_BYTES = 60_000

PARAGRAPHS = [
    "Theo báo cáo của Sở Công thương, giá trị sản xuất công nghiệp quý I đạt trên 1.824 tỷ đồng, "
    "tăng 18,19% so với cùng kỳ, thực hiện 23,32% kế hoạch năm.",
    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ đạt 2.663 tỷ đồng, tăng 20,23% so với cùng kỳ; "
    "kim ngạch xuất khẩu đạt 27,838 triệu USD, tăng 40,54%.",
    "Chỉ số giá tiêu dùng tháng 3 so với tháng trước giảm 0,24%; bình quân quý I tăng 3,1% so với cùng kỳ.",
    "Quý II, ngành phấn đấu giá trị sản xuất công nghiệp đạt 2.000 tỷ đồng, 6 tháng ước đạt 3.824 tỷ đồng, "
    "thực hiện 48,9% kế hoạch năm.",
] * 3
TEASER = ("(HBĐT) - Những năm trở lại đây, chăn nuôi lợn bản địa được nhiều hộ dân trên địa bàn huyện "
          "vùng cao chú trọng, đàn lợn đạt 7.777 con, đem lại hiệu quả kinh tế khá.")


def _menus() -> str:
    items = "".join(f'<li><a href="/{11 + i % 6}/trang-1.htm">Chuyên mục {i}</a></li>' for i in range(40))
    return f'<div class="header"><img src="/logo.png"></div><ul class="menu">{items}</ul>'


def _teasers(n: int, start: int) -> str:
    return "".join(f'<li><a class="title" href="/11/{start + i}/tin-{i}.htm">Tin kinh tế số {i}</a>'
                   f'<p class="teaser">{TEASER}</p></li>' for i in range(n))


def _pad_to_target(build: Callable[[int], str]) -> str:
    """The page with as many sidebar teasers as bring it to ~TARGET_BYTES."""
    n = 1
    while len(build(n).encode()) < TARGET_BYTES:
        n += 1
    return build(n)


def sample_site_page() -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)

    def build(n: int) -> str:
        return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ngành Công thương quý I - Báo Hòa Bình"
                "</title><script>var a = 1;</script></head><body>" + _menus()
                + '<div class="main"><div class="breadcrumb"><a href="/11/trang-1.htm">Kinh tế</a></div>'
                '<div class="article-detail"><h1 class="article-title">Ngành Công thương hoàn thành nhiệm vụ quý I</h1>'
                '<div class="article-date">Thứ Tư, 12/04/2023 08:30</div>'
                '<div class="article-sapo">(HBĐT) - Sở Công thương vừa tổ chức hội nghị giao ban quý I.</div>'
                f'<div class="article-content">{body}<p class="author" style="text-align:right">Bùi Minh</p></div>'
                f'</div><div class="other-news"><h3>Các tin khác</h3><ul>{_teasers(6, 100)}</ul></div></div>'
                f'<div class="sidebar"><h3>Tin đọc nhiều</h3><ul>{_teasers(n, 500)}</ul></div>'
                '<div class="footer">Báo Hòa Bình điện tử</div></body></html>')

    return _pad_to_target(build)


def modern_page() -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": "Ngành Công thương hoàn thành nhiệm vụ quý I",
                     "datePublished": "2023-04-12T08:30:00+07:00", "author": {"name": "Bùi Minh"}},
                    ensure_ascii=False)

    def build(n: int) -> str:
        return ("<!doctype html><html><head><meta charset='utf-8'><title>Ngành Công thương quý I | Tin Tây Bắc</title>"
                f'<script type="application/ld+json">{ld}</script></head><body><header>{_menus()}</header>'
                '<main><article><h1>Ngành Công thương hoàn thành nhiệm vụ quý I</h1>'
                '<time datetime="2023-04-12T08:30:00+07:00">12/04/2023</time>'
                f'<p class="sapo">Sở Công thương vừa tổ chức hội nghị giao ban quý I.</p><div class="body">{body}'
                f'<p><strong>Bùi Minh</strong></p></div><div class="related"><h2>Tin liên quan</h2>'
                f'<ul>{_teasers(6, 100)}</ul></div></article>'
                f'<aside><h3>Tin mới</h3><ul>{_teasers(n, 500)}</ul></aside></main><footer>©</footer></body></html>')

    return _pad_to_target(build)


def output_text(result: object) -> str | None:
    """The extracted article text of a contender's result (None: it does not extract)."""
    if isinstance(result, str):
        return result
    body = getattr(result, "body", None)  # an Article's body; a parser's body is a node, not text
    return body if isinstance(body, str) else None


def rate(fn: Callable[[str], object], page: str, seconds: float) -> float:
    """Calls per second of fn(page), over at least ``seconds`` of wall time."""
    fn(page)  # warm-up: imports, caches
    done = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(10):
            fn(page)
        done += 10
    return done / elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    args = ap.parse_args()
    try:
        import trafilatura
    except ImportError:  # the bench extra is not installed
        trafilatura = None

    contenders: dict[str, Callable[[str], object]] = {
        "hbetl.parse_article": lambda p: parse_article(p, "http://127.0.0.1:8000/11/1/x.htm"),
        "lexbor parse only": LexborHTMLParser,
    }
    if trafilatura is not None:
        contenders["trafilatura.extract"] = lambda p: trafilatura.extract(p)

    pages = {"sample_site": sample_site_page(), "modern_generic": modern_page()}
    results: dict[str, dict] = {}
    # "teaser leak": the teasers' figure 7.777 in the extracted text (it is only in teaser boxes)
    print(f"{'page':16} {'bytes':>7}  {'contender':22} {'pages/s':>10}  {'ms/page':>8}  teaser leak")
    for name, page in pages.items():
        results[name] = {"bytes": len(page.encode()), "pages_per_s": {}, "teaser_leak": {}}
        for label, fn in contenders.items():
            per_s = rate(fn, page, args.seconds)
            text = output_text(fn(page))
            leak = None if text is None else "7.777" in text
            results[name]["pages_per_s"][label] = round(per_s, 1)
            results[name]["teaser_leak"][label] = leak
            print(f"{name:16} {len(page.encode()):>7}  {label:22} {per_s:>10.1f}  {1000 / per_s:>8.3f}  "
                  f"{'-' if leak is None else leak}")
        r = results[name]["pages_per_s"]
        ratios = {"parse_article / lexbor": r["hbetl.parse_article"] / r["lexbor parse only"]}
        if "trafilatura.extract" in r:
            ratios["parse_article / trafilatura"] = r["hbetl.parse_article"] / r["trafilatura.extract"]
        results[name]["ratios"] = {k: round(v, 3) for k, v in ratios.items()}
        print("  " + ", ".join(f"{k}: {v:.2f}x" for k, v in ratios.items()))

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "python": platform.python_version(), "machine": platform.machine(),
        "seconds_per_measurement": args.seconds, "pages": results,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
