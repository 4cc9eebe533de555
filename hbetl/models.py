"""The two records that flow through the pipeline: an article and a metric.

Field names are the public contract (../shared/spec/interfaces.md, metric-record.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    title: str


@dataclass(slots=True)
class Article:
    """One article page, as `hbetl parse` prints it."""

    url: str | None
    title: str
    published: str | None  # ISO 8601 with offset, e.g. 2023-04-12T08:30:00+07:00
    author: str | None
    lead: str | None
    body: str  # the article's paragraphs, joined by blank lines; lead first when there is one
    category: str | None
    related: list[Link] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Metric:
    """One figure statement about one indicator for one period (metric-record.md)."""

    indicator: str | None
    period: str
    kind: str  # actual | estimate | target
    value: float | None
    unit: str | None
    qualifier: str | None  # over | under | about | nearly
    yoy_pct: float | None
    mom_pct: float | None
    plan_pct: float | None
    scope: str | None
    label: str
    sentence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Page:
    """What one fetch of one URL gave: the row of the `pages` fetch log.

    ``outcome`` is one of: ``fetched`` (body read), ``not_modified`` (304 to a
    conditional request), ``failed`` (see ``reason``), ``skipped`` (robots.txt,
    off-host). ``body`` is the raw bytes and is never stored in `pages`.
    """

    url: str
    outcome: str
    status: int | None = None
    reason: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None  # sha256 hex of the body
    n_bytes: int = 0
    attempts: int = 1
    elapsed_ms: float = 0.0
    fetched_at: str | None = None  # ISO 8601 UTC
    final_url: str | None = None
    body: bytes | None = field(default=None, repr=False)
