"""Extraction over the sample site's own economic reports, against the records their
author labelled by hand (hbetl/sample_site/content/expected.jsonl): the pipeline's
view of the demo data, article by article, with nothing from the site's furniture."""

from __future__ import annotations

from collections import defaultdict

from hbetl.evaluation import score_paragraphs
from hbetl.sample_site.content import build_bundled_archive, load_expected

# Measured 2026-11-26: 83 of 83 records found, 78 with every field right (strict F1
# 0.940): the seed's five "6 tháng ước đạt" under "phấn đấu" read as target where this
# label says estimate (the dev set accepts both). Pinned under that so a regression shows.
# With the headline's period (issue 17: two more articles, 17 more records): 100 of 100,
# 95 strict (0.950); without the titles 90 found (the bulleted summary's ten are lost).
FLOOR = 0.93


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
    from hbetl.extract import extract_metrics

    score = score_paragraphs(paragraphs, lambda text, published: extract_metrics(text, published, titles[text]))
    assert score.strict_f1 >= FLOOR, score
