"""Re-processing: the reader and the extractor run again over what the warehouse holds.

    plan (Warehouse.reprocess_work)  ->  read + parse + extract (parse pool)  ->  load (one transaction)

``source='warc'`` (the default) reads each article's page back from the web archive (one seek
per page, in the parse pool's processes, so the reads share the parse's cores and the flow
process only plans and loads) and runs the reader and the extractor; ``'text'`` runs the
extractor alone over the stored article text (for when only the extractor changed). Each
batch is one transaction: the figures it changes go to ``metric_changes`` (the
``reprocess_changes`` view shows the latest run's), then the articles' rows are replaced.
The work is paged by URL and skips the rows the run already wrote, so a run killed mid-way
(SIGKILL included) resumes under the same run id when started again with the same
parameters, and ends with the same warehouse as a run never killed.

``flows/reprocess.py`` wraps this in Prefect tasks; nothing here imports Prefect.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hbetl import pipeline
from hbetl.errors import ArchiveError, ConfigError
from hbetl.models import Article, Page
from hbetl.versions import extractor_version, reader_version

if TYPE_CHECKING:
    from hbetl.warc import Record
    from hbetl.warehouse import Warehouse

SOURCES = ("warc", "text")
FLOW = "reprocess"


def parameters(source: str, since: date | None) -> dict[str, Any]:
    """What makes two reprocess runs the same run (a killed one resumes only under these)."""
    if source not in SOURCES:
        raise ConfigError(f"reprocess source {source!r}: expected one of {', '.join(SOURCES)}")
    return {"source": source, "since": since.isoformat() if since else None,
            "reader_version": reader_version() if source == "warc" else None,
            "extractor_version": extractor_version()}


# ----------------------------------------------------------------------------- in the pool

def read_pages(work: list[dict[str, Any]]) -> list[Page]:
    """The archived page of each article (``Warehouse.reprocess_work`` rows, source 'warc'); an
    article never archived is ``skipped``, an unreadable record ``failed`` with the reason."""
    from hbetl.warc import read_record

    pages = []
    for item in work:
        url = item["url"]
        if not item.get("warc_file"):
            pages.append(Page(url=url, outcome="skipped", reason="never archived", fetched_at=item["fetched_at"]))
            continue
        try:
            record = read_record(item["warc_file"], item["warc_offset"], item["warc_length"])
            _check_is_capture(record, item)
        except ArchiveError as exc:
            pages.append(Page(url=url, outcome="failed", reason=f"warc: {exc}", fetched_at=item["fetched_at"]))
            continue
        pages.append(Page(url=url, outcome="fetched", status=record.status,
                          content_type=record.header("content-type"), fetched_at=item["fetched_at"],
                          n_bytes=len(record.body), body=record.body))
    return pages


def _check_is_capture(record: Record, item: dict[str, Any]) -> None:
    """The record read is the one ``captures`` indexed: a WARC file rewritten by another tool
    (records reordered, dropped, recompressed) can hold another page's whole record at that
    offset, which would otherwise be loaded under this article's URL without a word."""
    expected = (item.get("warc_url"), item.get("warc_digest"))
    if expected[0] and (record.url, record.digest) != expected:
        raise ArchiveError(f"the record at offset {item['warc_offset']} is {record.rec_type or 'a record'} "
                           f"of {record.url or 'no URL'}, not the capture of {expected[0]} "
                           "(the file was rewritten since the run indexed it)", subject=item["warc_file"])


def reparse(work: list[dict[str, Any]]) -> pipeline.BatchResult:
    """Read, parse and extract one slice (source 'warc'), as the crawl did."""
    return pipeline.parse_and_extract(read_pages(work))


def reextract(work: list[dict[str, Any]]) -> pipeline.BatchResult:
    """Extract again from the stored text (source 'text'): metrics only."""
    from hbetl.extract import extract_metrics

    result = pipeline.BatchResult()
    for item in work:
        article = Article(url=item["url"], title=item["title"], published=item["published_text"], author=None,
                          lead=None, body=item["body"], category=None)
        # As pipeline.parse_and_extract dates the article (the crawl's path).
        published = pipeline._published_date(article)
        result.metrics += [(article.url, metric) for metric in extract_metrics(article.body, published, article.title)]
    return result


def process(work: list[dict[str, Any]], source: str, workers: int) -> pipeline.BatchResult:
    """One batch's reading and extraction, spread over the parse pool like a crawl's batch."""
    fn = reparse if source == "warc" else reextract
    if workers <= 1 or len(work) < pipeline.PARALLEL_MIN_PAGES:
        return fn(work)
    share = -(-len(work) // workers)
    merged = pipeline.BatchResult()
    for part in pipeline.pool_map(fn, [work[i:i + share] for i in range(0, len(work), share)], workers):
        merged.extend(part)
    return merged


# ----------------------------------------------------------------------------- loading

def load(warehouse: Warehouse, run_id: str, source: str, work: list[dict[str, Any]],
         result: pipeline.BatchResult) -> dict[str, Any]:
    """One batch into the warehouse in one transaction; its counts for the run summary."""
    from hbetl.batch_tables import articles_table, metrics_table

    if source == "warc":
        articles = articles_table(result.articles, result.pages, run_id)
        urls = [a.url for a in result.articles]
        changes = warehouse.load_reprocessed(run_id, urls, metrics_table(result.metrics, run_id), articles)
    else:
        readers = {item["url"]: item["reader_version"] for item in work}
        urls = list(readers)
        changes = warehouse.load_reprocessed(run_id, urls, metrics_table(result.metrics, run_id, readers))
    return {"articles": len(urls), "metrics": len(result.metrics), "changes": changes,
            "failures": [(p.url, p.reason) for p in result.pages if p.outcome == "failed"],
            "unarchived": sum(1 for p in result.pages if p.outcome == "skipped"),
            "suspect_reads": result.suspect_reads}


@dataclass(slots=True)
class ReprocessSummary:
    """What a reprocess run did, for the runs table, the artifact and the command line."""

    run_id: str
    source: str
    since: date | None
    resumed: bool = False
    batches: int = 0
    articles: int = 0
    metrics: int = 0
    unarchived: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    suspect_reads: list[tuple[str, str]] = field(default_factory=list)  # (url, why the read may be wrong: hbetl/parse.py)
    changes: Counter = field(default_factory=Counter)
    by_indicator: list[dict[str, Any]] = field(default_factory=list)
    status: str = "running"
    message: str | None = None

    def add(self, counts: dict[str, Any]) -> None:
        self.batches += 1
        self.articles += counts["articles"]
        self.metrics += counts["metrics"]
        self.unarchived += counts["unarchived"]
        self.failures += counts["failures"]
        self.suspect_reads += counts["suspect_reads"]
        self.changes.update(counts["changes"])

    def counts(self) -> dict[str, Any]:
        return {"articles": self.articles, "metrics": self.metrics, "failed": len(self.failures),
                "unarchived": self.unarchived, "suspect_reads": len(self.suspect_reads), "changed": self.changes["changed"],
                "appeared": self.changes["appeared"], "disappeared": self.changes["disappeared"]}

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "source": self.source, "since": self.since.isoformat() if self.since else None,
                "status": self.status, "resumed": self.resumed, "reader_version": reader_version(),
                "extractor_version": extractor_version(), **self.counts(), "by_indicator": self.by_indicator}

    def markdown(self, max_failures: int = 50) -> str:
        lines = [f"# reprocess ({self.source}): {self.status}", "", headline(self.as_dict()), "",
                 "| step | count |", "| --- | ---: |"]
        lines += [f"| {name} | {value} |" for name, value in self.counts().items()]
        lines += ["", "## Figures that changed, per indicator", ""]
        if self.by_indicator:
            lines += ["| indicator | changed | appeared | disappeared |", "| --- | ---: | ---: | ---: |"]
            lines += [f"| {r['indicator']} | {r['changed']} | {r['appeared']} | {r['disappeared']} |"
                      for r in self.by_indicator]
            lines += ["", "Each figure: the `reprocess_changes` view."]
        else:
            lines.append("None: this reader and extractor give the figures the warehouse held.")
        if self.failures:
            lines += ["", f"## Articles not read again ({len(self.failures)}: they keep their rows)", "",
                      "| url | reason |", "| --- | --- |"]
            lines += [f"| {url} | {reason} |" for url, reason in self.failures[:max_failures]]
        if self.message:
            lines += ["", f"**Message:** {self.message}"]
        return "\n".join(lines) + "\n"


_HEADLINE_EXTRAS = (("failed", "failed"), ("unarchived", "never archived"), ("suspect_reads", "suspect reads"))


def headline(result: dict[str, Any]) -> str:
    """One line on a run (``ReprocessSummary.as_dict()``, what the flow returns)."""
    since = f" published since {result['since']}" if result["since"] else ""
    resumed = " (resumed)" if result["resumed"] else ""
    extra = "".join(f", {result[key]} {what}" for key, what in _HEADLINE_EXTRAS if result[key])
    reader = f"reader {result['reader_version']}, " if result["source"] == "warc" else ""
    return (f"reprocessed {result['articles']} articles{since} from {result['source']}{resumed}: "
            f"{result['metrics']} metrics{extra}; {reader}extractor {result['extractor_version']}")


def change_lines(result: dict[str, Any]) -> list[str]:
    """The figures that changed, per indicator, as a small table (or one line saying none did)."""
    rows = result["by_indicator"]
    if not rows:
        return ["no figure changed"]
    width = max(len(row["indicator"]) for row in rows)
    lines = [f"{'indicator':<{width}}  changed  appeared  disappeared"]
    lines += [f"{row['indicator']:<{width}}  {row['changed']:>7}  {row['appeared']:>8}  {row['disappeared']:>11}"
              for row in rows]
    # The rows' sum, not this process's counts: a resumed run's rows are the whole run's changes
    # (what reprocess_changes lists), its counts only those since it resumed ("(5 figures" under 30).
    total = sum(row[key] for row in rows for key in ("changed", "appeared", "disappeared"))
    lines.append(f"({total} figures; each one: SELECT * FROM reprocess_changes)")
    return lines
