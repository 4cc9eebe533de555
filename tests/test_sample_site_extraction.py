"""Extraction over the sample site's own economic reports, against the records their
author labelled by hand (hbetl/sample_site/content/expected.jsonl): the pipeline's
view of the demo data, article by article, with nothing from the site's furniture."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from hbetl.evaluation import score_paragraphs
from hbetl.extract import extract_metrics
from hbetl.parse import parse_article
from hbetl.sample_site.content import BundledArchive, SiteArticle, build_bundled_archive, load_expected
from hbetl.sample_site.server import SampleSite

# Measured 2026-12-05: 83 of 83 records found, 79 with every field right (strict F1
# 0.952): the Q1 review's four "6 tháng ước đạt" in sentences that open "quý II phấn
# đấu" read as target where this label says estimate (the dev set accepts both).
# With the headline's period (issue 17: two more articles, 17 more records) every record
# is found; without the titles the bulleted summary's ten are lost. Pinned under that so
# a regression shows.
FLOOR = 0.93
Q1_REVIEW = "2023-04-10-cong-thuong-quy-i-giao-ban"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_397f3fa96a254b87.txt"


def test_sample_site_reports_give_their_labelled_records():
    archive = build_bundled_archive()
    expected = defaultdict(list)
    for record in load_expected():
        expected[record["source"]].append(record)
    paragraphs, titles = [], {}
    for article in archive.articles:
        if article.source not in expected:
            continue
        text = "\n\n".join([article.lead, *article.paragraphs])
        titles[text] = article.title  # the pipeline passes each article's headline
        paragraphs.append({"id": article.source, "published": article.published.date().isoformat(),
                           "text": text, "records": expected[article.source]})
    assert len(paragraphs) >= 10
    score = score_paragraphs(paragraphs, lambda text, published: extract_metrics(text, published, titles[text]))
    assert score.strict_f1 >= FLOOR, score


def _figures_through_the_reader(archive: BundledArchive, article: SiteArticle) -> set[tuple]:
    """The article's page as the site serves it, read by the reader, then extracted. The
    kind is left out: the real page's "6 tháng ước đạt" after "phấn đấu" may read as target."""
    base = "http://127.0.0.1:8000"
    response = SampleSite(archive).handle(article.path, base + "/")
    assert response.status == 200
    page = parse_article(response.body, base + article.path)
    return {(m.indicator, m.period, m.value, m.unit, m.qualifier, m.yoy_pct, m.mom_pct, m.plan_pct,
             (m.scope or "").lower())
            for m in extract_metrics(page.body, date.fromisoformat(page.published[:10]))}


def test_our_q1_review_carries_the_real_pages_figures():
    """Where the team's folder is beside the clone, the real page (served in our article's
    place) and our own Q1 review give the same figures."""
    if not SEED.exists():
        pytest.skip("no ../shared/seeds beside this clone")
    archive = build_bundled_archive()
    ours = next(a for a in archive.articles if a.source == Q1_REVIEW)
    text = SEED.read_text("utf-8").split("Các tin khác", 1)[0].replace("\xa0", " ")
    blocks = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    real = dataclasses.replace(ours, lead=blocks[0], paragraphs=tuple(blocks[1:-1]), author=blocks[-1],
                               image_captions=())  # the page's last line is its byline
    with_real = BundledArchive([real if a is ours else a for a in archive.articles])
    ours_figures = _figures_through_the_reader(archive, ours)
    assert len(ours_figures) == 18
    assert _figures_through_the_reader(with_real, real) == ours_figures
