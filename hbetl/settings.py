"""One settings object, built once at the edge and passed down.

Precedence: explicit values (flow parameters, CLI flags) win, then environment
variables ``HBETL_<FIELD>`` (e.g. ``HBETL_RATE_LIMIT=0.5``), then the defaults here.
Nothing below the CLI or the flow reads ``os.environ``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import urlsplit

from hbetl.errors import ConfigError

USER_AGENT = "hbetl/0.1 (+https://github.com/hbetl/hbetl; economic-news research crawler)"


@dataclass(frozen=True, slots=True)
class Settings:
    site: str = "http://127.0.0.1:8000/"
    db: str = "hbetl.duckdb"
    year: int | None = None
    quarter: int | None = None
    # A small provincial site: one or two requests a second is what a reader with
    # many tabs would cause. 0 lifts the limit (benchmarks on 127.0.0.1).
    rate_limit: float = 2.0
    concurrency: int = 4
    timeout: float = 15.0  # seconds per request (connect and read)
    # Seconds for one whole response (headers and body): the timeout above is per read, so
    # a body trickling in a byte at a time never trips it. A page here is ~60 KB and takes
    # well under a second; 60 s is four read timeouts, lets a page through at ~1 KB/s, and
    # bounds a trickling page at (max_retries + 1) x 60 s = 5 min instead of hours.
    page_deadline: float = 60.0
    max_retries: int = 4  # per request, for transient failures only
    backoff_base: float = 0.5  # seconds; doubles each try, with full jitter
    retry_after_cap: float = 60.0  # longest Retry-After we agree to wait
    max_body_bytes: int = 5_000_000  # decoded size cap; the seed page is 60 KB
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    days_after_quarter: int = 45  # a quarter's review comes out in the month after it
    # Pages per Prefect task. A task run costs the Prefect server ~60 ms of CPU (on the 2 cores
    # the run shares): bench/bench_flow.py gave 334 articles/s with 200, 444 with 400.
    batch_size: int = 400
    # DuckDB's buffer pool during a run: it keeps the table blocks the loads read, so without
    # a cap it grows with the warehouse. bench/bench_memory.py (peak RSS of the run's
    # processes, 10,000- vs 100,000-article archive, same session): 256MB 466 -> 581 MB
    # (1.25x); 128MB 466 -> 546 MB (1.17x); 96MB 476 -> 545 MB. A warehouse of a
    # 100,000-article quarter is a 53 MB file. Not every query spills to disk past the cap:
    # the end-of-run summary queries fail instead ("Out of Memory Error"), see duckdb_threads.
    duckdb_memory_limit: str = "128MB"
    # DuckDB's threads for the run's connection. Its working memory grows with them, and it
    # counts against the cap above: on a 333,000-article warehouse the end-of-run summary
    # queries needed over 96 MB with 2 threads and 48 MB with 1 (a 48MB cap failed them at
    # 7,400 articles with 2). A run's loads are ~100 rows at a time, too small to share out.
    duckdb_threads: int = 1
    lock_wait_seconds: float = 30.0  # how long to wait for a DuckDB file held by another process
    # Processes for parse + extract (bench/bench_parse.py: 1.5-1.7x pages/s on 2 cores); 1: in the task's thread.
    parse_workers: int = 2
    # The run's Fetcher in a process of its own (hbetl/fetch_session.py): its CPU (~1.6 ms
    # a page in httpx) no longer shares the flow process's GIL. False: a thread of the flow.
    fetch_process: bool = True
    staging_dir: str | None = None  # Parquet batches from Dask workers; default: "<db>.staging/" beside the db
    # The web archive (hbetl/warc.py): every response a run reads, as WARC/1.1, in warc_dir
    # (default "<db dir>/warc/"), a new file past warc_roll_bytes. False: nothing archived.
    warc: bool = True
    warc_dir: str | None = None
    warc_roll_bytes: int = 1_000_000_000  # ~1 GB a file, as Heritrix and Common Crawl roll theirs
    # A crawl served from WARC files (a .warc.gz or a folder) instead of the network: set by
    # `--site warc:PATH`, site then being the crawled site the files name (hbetl/replay.py).
    warc_replay: str | None = None
    # Other hosts the crawl may fetch from and follow redirects to, comma-separated
    # (e.g. "baophutho.vn" once the paper has moved there); by default only the site's own.
    allowed_hosts: str = ""
    # Article URLs, separated by spaces, whose new read is loaded even where the load guard would
    # keep the stored article (warehouse.worse_reread): an edit that really cut the report by half.
    accept_rereads: str = ""
    profile: str = "baohoabinh"
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def accepted_rereads(self) -> frozenset[str]:
        return frozenset(self.accept_rereads.split())

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: str, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError as exc:
        raise ConfigError(f"HBETL_{name.upper()}={raw!r} is not a valid {type(default).__name__}") from exc
    return raw


_INT_OR_NONE = {"year", "quarter"}


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build the settings: ``overrides`` (not None) > ``HBETL_*`` in ``env`` > defaults."""
    env = os.environ if env is None else env
    base = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name == "extra":
            continue
        raw = env.get(f"HBETL_{f.name.upper()}")
        if raw is None or raw == "":
            continue
        default = getattr(base, f.name)
        values[f.name] = _coerce(f.name, raw, 0 if f.name in _INT_OR_NONE else default)
    values.update({k: v for k, v in overrides.items() if v is not None})
    site = values.get("site")
    if isinstance(site, str) and site.startswith(REPLAY_PREFIX):
        values.update(replay_site(site[len(REPLAY_PREFIX):]))
    settings = replace(base, **values)
    validate(settings)
    return settings


REPLAY_PREFIX = "warc:"


def replay_site(path: str) -> dict[str, str]:
    """``--site warc:PATH``: the settings that serve the crawl from PATH's WARC files, the
    site being the one they were crawled from (named in their warcinfo record)."""
    from hbetl.replay import crawled_site  # reads the files: imported only for a replay

    if not path.strip():  # ("warc:" alone replayed whatever crawl the working folder held)
        raise ConfigError("warc: needs the path of a .warc.gz file or a folder of them, as in warc:.demo/warc")
    return {"site": crawled_site(path), "warc_replay": path}


# The least each number may be (True: more than that), and its unit, for the settings the
# checks in validate() do not word themselves. Without them a bad value got through and
# failed the run minutes later, after the crawl's discovery, in words that did not name it
# (HBETL_BATCH_SIZE=0: "range() arg 3 must not be zero"), or not at all (HBETL_TIMEOUT=-1).
_LEAST: dict[str, tuple[float, bool, str]] = {
    "timeout": (0, True, " seconds"),
    "page_deadline": (0, True, " seconds"),
    "max_retries": (0, False, ""),
    "backoff_base": (0, False, " seconds"),
    "retry_after_cap": (0, False, " seconds"),
    "max_body_bytes": (1, False, " bytes"),
    "days_after_quarter": (0, False, " days"),
    "batch_size": (1, False, " pages"),
    "duckdb_threads": (1, False, ""),
    "lock_wait_seconds": (0, False, " seconds"),
    "parse_workers": (1, False, ""),
}
# DuckDB's own form of a size; the warehouse checks it again for callers that skip settings.
_MEMORY_LIMIT = re.compile(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B|B)", re.IGNORECASE)


def validate(s: Settings) -> None:
    for f in fields(Settings):
        value = getattr(s, f.name)
        # nan passes every comparison below, and inf is a timeout or a wait that never ends.
        if isinstance(value, float) and not math.isfinite(value) and f.name != "rate_limit":
            raise ConfigError(f"HBETL_{f.name.upper()} must be a finite number, got {value}")
        if f.name in _LEAST:
            least, above, unit = _LEAST[f.name]
            if value < least or (above and value == least):
                raise ConfigError(f"HBETL_{f.name.upper()} must be {'>' if above else '>='} {least:g}{unit}, "
                                  f"got {value}")
    if s.year is not None and not 1 <= s.year <= 9998:  # the window runs into the next year
        raise ConfigError(f"year must be 1-9998, got {s.year}")
    from hbetl.profiles import get_profile  # (reads the packaged profiles once, cached)

    get_profile(s.profile)  # an unknown one told here, not after Prefect's ~12 s start, by discovery
    if not _MEMORY_LIMIT.fullmatch(s.duckdb_memory_limit):
        raise ConfigError(f"HBETL_DUCKDB_MEMORY_LIMIT must be a size like '256MB', got {s.duckdb_memory_limit!r}")
    if s.quarter is not None and s.quarter not in (1, 2, 3, 4):
        raise ConfigError(f"quarter must be 1-4, got {s.quarter}")
    if (s.year is None) != (s.quarter is None):
        # (`hbetl run --year 2023` ran the quarter just ended, 2026 Q3, the year dropped without a word)
        given, missing = ("year", "quarter") if s.quarter is None else ("quarter", "year")
        raise ConfigError(f"{given} {getattr(s, given)} without a {missing}: give both (--year and --quarter), "
                          "or neither for the quarter just ended")
    if not 0 <= s.rate_limit < math.inf:  # (written so that nan fails it too)
        raise ConfigError(f"rate limit must be >= 0 requests/s (0: none), got {s.rate_limit}")
    if s.concurrency < 1:
        raise ConfigError(f"concurrency must be >= 1, got {s.concurrency}")
    if not s.db.strip():
        # (`--db "$DB"` with DB unset): DuckDB took '' for a database in memory, so the run loaded the
        # quarter into nothing, ended 'completed', exit 0, and its WARC files went to the folder above.
        raise ConfigError("the warehouse path (--db, HBETL_DB) is empty: name a DuckDB file")
    if not s.site.startswith(("http://", "https://")):
        raise ConfigError(f"site must be an http(s) URL or warc:PATH, got {s.site!r}")
    try:
        parts = urlsplit(s.site)
        host = parts.hostname
        parts.port  # noqa: B018 (checked when asked)
    except ValueError as exc:
        raise ConfigError(f"site {s.site!r}: {exc}") from None
    if not host:  # ('http://' was tried as host None: "cannot connect to None:80")
        raise ConfigError(f"site {s.site!r}: names no host")
    for entry in filter(None, (h.strip() for h in s.allowed_hosts.split(","))):
        try:  # as the fetcher reads it, where '[::1' failed the run on 'ValueError: Invalid IPv6 URL'
            urlsplit(entry if "://" in entry else f"http://{entry}/").port  # noqa: B018
        except ValueError as exc:
            raise ConfigError(f"HBETL_ALLOWED_HOSTS: {entry!r}: {exc}") from None
    if not s.user_agent.strip() or not all(" " <= c <= "~" for c in s.user_agent):
        # (a header: 'é' failed the run on "UnicodeEncodeError: 'ascii' codec can't encode …", a
        # newline had robots.txt 'unreachable (LocalProtocolError: Illegal header value …)', retried)
        raise ConfigError(f"HBETL_USER_AGENT must be printable ASCII, as an HTTP header is, got {s.user_agent!r}")
    if s.warc_roll_bytes < 1:
        raise ConfigError(f"HBETL_WARC_ROLL_BYTES must be >= 1, got {s.warc_roll_bytes}")
