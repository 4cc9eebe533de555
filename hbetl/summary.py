"""What one run did, in numbers and in a few lines of markdown for the Prefect UI."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hbetl.models import Page


def failed_pages(counts: dict[str, Any]) -> str | None:
    """What failed in a run that completed, from its counts ("2 article pages and 1 discovery
    page"), or None when nothing did: the flow's final state is named for it and `hbetl run`
    exits with its own code, so that a scheduler tells such a run from a clean one."""
    failed = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in (
        (counts.get("failed", 0), "article page"), (counts.get("discovery_failed", 0), "discovery page")) if n]
    return " and ".join(failed) or None


@dataclass(slots=True)
class RunSummary:
    run_id: str
    site: str
    db: str
    year: int
    quarter: int
    window_start: date
    window_end: date
    discovered: int = 0
    linked: int = 0  # article links followed that no other route had found
    fetched: int = 0
    not_modified: int = 0
    skipped: int = 0
    failed: int = 0
    requests: int = 0
    retries: int = 0
    peak_request_rate: float = 0.0  # highest requests/s any stage measured (compare with the limit)
    articles_loaded: int = 0
    metrics_loaded: int = 0
    faults: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    # Discovery pages (archive days, feeds, listings) given up: their articles may be missing.
    discovery_failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    suspect_reads: list[tuple[str, str]] = field(default_factory=list)  # (url, why the read may be wrong: hbetl/parse.py)
    kept_earlier: list[tuple[str, str]] = field(default_factory=list)  # (url, why its new read was not loaded)
    conflicts: list[dict] = field(default_factory=list)  # the first few; n_conflicts counts all
    consistency: list[dict] = field(default_factory=list)
    n_conflicts: int = 0
    n_consistency: int = 0
    status: str = "running"
    message: str | None = None

    def add_fetch(self, pages: list[Page], stats: dict[str, Any] | None = None) -> None:
        stats = stats or {}
        outcomes = Counter(p.outcome for p in pages)
        self.fetched += outcomes["fetched"]
        self.not_modified += outcomes["not_modified"]
        self.skipped += outcomes["skipped"]
        self.requests += int(stats.get("requests", 0))
        self.retries += int(stats.get("retries", 0))
        self.faults.update(stats.get("faults", {}))
        self.discovery_failures.extend(tuple(f) for f in stats.get("discovery_failures", []))
        self.peak_request_rate = max(self.peak_request_rate, float(stats.get("request_rate", 0.0)))

    def add_load(self, counts: dict[str, Any]) -> None:
        self.articles_loaded += int(counts.get("articles", 0))
        self.metrics_loaded += int(counts.get("metrics", 0))
        self.failures.extend(counts.get("failures", []))
        self.failed = len(self.failures)
        self.suspect_reads.extend(counts.get("suspect_reads", []))
        self.kept_earlier.extend(counts.get("kept_earlier", []))

    def counts(self) -> dict[str, int]:
        return {
            "discovered": self.discovered, "discovery_failed": len(self.discovery_failures),
            "linked": self.linked, "fetched": self.fetched, "not_modified": self.not_modified,
            "skipped": self.skipped, "failed": self.failed, "articles": self.articles_loaded,
            "metrics": self.metrics_loaded, "requests": self.requests, "retries": self.retries,
            "suspect_reads": len(self.suspect_reads), "kept_earlier": len(self.kept_earlier),
        }

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "year": self.year, "quarter": self.quarter,
                "status": self.status, **self.counts()}

    def db_uri(self) -> str:
        return Path(self.db).resolve().as_uri()


def _url_table(title: str, rows: list[tuple[str, str]], more_in: str, most: int) -> list[str]:
    """A section of (url, reason) rows, the first ``most`` of them; none when there are no rows."""
    if not rows:
        return []
    lines = ["", f"## {title}", "", "| url | reason |", "| --- | --- |"]
    lines += [f"| {url} | {reason} |" for url, reason in rows[:most]]
    if len(rows) > most:
        lines.append(f"| … | {len(rows) - most} more in {more_in} |")
    return lines


def summary_markdown(s: RunSummary, max_failures: int = 50) -> str:
    lines = [
        f"# {s.year} Q{s.quarter}: {s.status}",
        "",
        f"Site `{s.site}`, articles published {s.window_start} to {s.window_end}, warehouse `{s.db}`.",
        "",
        "| step | count |",
        "| --- | ---: |",
    ]
    lines += [f"| {name.replace('_', ' ')} | {value} |" for name, value in s.counts().items()]
    lines.append(f"| peak request rate (req/s) | {s.peak_request_rate:.2f} |")
    if s.faults:
        # Every transient fault met, each one retried: not all survived, the pages given up
        # after the last try are in the failed-page sections below.
        lines += ["", "## Transient faults (retried; pages given up are listed below)", "",
                  "| fault | count |", "| --- | ---: |"]
        lines += [f"| {k} | {v} |" for k, v in s.faults.most_common()]
    for title, rows, more_in in (
            (f"Discovery pages that failed ({len(s.discovery_failures)}): their articles may be missing",
             s.discovery_failures, "the flow's log"),
            (f"Pages that failed ({len(s.failures)})", s.failures, "the `pages` table"),
            (f"Suspect reads ({len(s.suspect_reads)}): the read may be wrong (loaded, unless kept below)",
             s.suspect_reads, "the flow's log"),
            (f"Read again, not loaded ({len(s.kept_earlier)}): the stored article kept", s.kept_earlier,
             "the flow's log")):
        lines += _url_table(title, rows, more_in, max_failures)
    for title, rows, total, where in (
            ("Conflicts", s.conflicts, s.n_conflicts,
             "the `disputed_figures` view (every pair of articles: the `conflicts` view)"),
            ("Consistency warnings", s.consistency, s.n_consistency, "the `consistency` view")):
        if rows:
            cols = list(rows[0])
            total = max(total, len(rows))
            lines += ["", f"## {title} ({total})", "", "| " + " | ".join(cols) + " |",
                      "|" + " --- |" * len(cols)]
            lines += ["| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in rows[:max_failures]]
            if total > len(rows[:max_failures]):
                lines.append(f"\n{total - len(rows[:max_failures])} more in {where}.")
    if s.message:
        lines += ["", f"**Message:** {s.message}"]
    return "\n".join(lines) + "\n"
