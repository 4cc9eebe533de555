"""Site profiles: what hbetl knows about one paper's HTML and URLs, as data.

The profiles live in ``hbetl/data/profiles.toml``; this module turns each table
into a frozen :class:`SiteProfile`. Pure: reads one packaged file, no network.

    >>> p = get_profile("baohoabinh")
    >>> p.selectors.body, p.routes.rss, p.categories["11"]
    ('div.article-content', ('/rss/home.rss',), 'Kinh tế')
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from hbetl.errors import ConfigError

DEFAULT_PROFILE = "baohoabinh"


@dataclass(frozen=True, slots=True)
class Selectors:
    """CSS selectors for an article page; ``None`` when the site has no such part."""

    article: str | None = None  # present only on article pages: tells a profile's pages apart
    title: str | None = None
    published: str | None = None
    lead: str | None = None
    body: str | None = None
    author: str | None = None
    category: str | None = None
    related: str | None = None
    drop: tuple[str, ...] = ()  # removed from the body before its text is read


@dataclass(frozen=True, slots=True)
class Routes:
    """Discovery URL templates, relative to the site root."""

    rss: tuple[str, ...] = ()
    archive: str | None = None  # {date} YYYY-MM-DD, {category}
    listing: str | None = None  # {category}, {page} from 1
    robots: str = "/robots.txt"


@dataclass(frozen=True, slots=True)
class SiteProfile:
    key: str  # the TOML table name, e.g. "baohoabinh"
    name: str  # the paper's name as printed
    hosts: tuple[str, ...] = ()
    lead_prefix: str | None = None  # e.g. "(HBĐT) -"
    timezone: str = "+07:00"  # offset for dates the page gives without one
    article_path: str | None = None  # regex over the URL path of an article page
    selectors: Selectors = field(default_factory=Selectors)
    routes: Routes = field(default_factory=Routes)
    categories: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # id -> name
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # keys we do not model

    @property
    def tzinfo(self) -> timezone:
        return parse_offset(self.timezone)

    def matches_host(self, url_or_host: str | None) -> bool:
        if not url_or_host:
            return False
        host = urlsplit(url_or_host).hostname if "/" in url_or_host else url_or_host
        return (host or "").lower() in self.hosts

    def is_article_url(self, url: str) -> bool:
        """True when the URL's path has the shape of an article page."""
        if not self.article_path:
            return False
        path = urlsplit(url).path if "://" in url else url
        return _compiled(self.article_path).search(path) is not None


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    # Discovery asks this of every link on every listing page (~140,000 a 7,452-article
    # quarter); re.search's own cache lookup was a fifth of the call.
    return re.compile(pattern)


PLAUSIBLE_YEARS = (1990, 2100)  # a date a paper prints outside them is a misreading (or a CMS's empty 0001-01-01)

_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


@functools.lru_cache(maxsize=64)  # asked once a page by the reader: ~9 us of regex and timedelta each time
def parse_offset(text: str) -> timezone:
    """'+07:00' -> timezone(timedelta(hours=7))."""
    m = _OFFSET.match(text.strip())
    if not m:
        raise ConfigError(f"timezone {text!r}: expected an offset like +07:00")
    sign = -1 if m.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))


def _opt_str(table: Mapping[str, Any], key: str) -> str | None:
    value = table.get(key)
    return None if value in (None, "") else str(value)


def _build(key: str, table: Mapping[str, Any]) -> SiteProfile:
    sel = dict(table.get("selectors", {}))
    routes = dict(table.get("routes", {}))
    known = {"name", "hosts", "lead_prefix", "timezone", "article_path", "selectors", "routes", "categories"}
    try:
        article_path = _opt_str(table, "article_path")
        if article_path:
            re.compile(article_path)
        profile = SiteProfile(
            key=key,
            name=str(table.get("name", key)),
            hosts=tuple(h.lower() for h in table.get("hosts", ())),
            lead_prefix=_opt_str(table, "lead_prefix"),
            timezone=str(table.get("timezone", "+07:00")),
            article_path=article_path,
            selectors=Selectors(
                **{f: _opt_str(sel, f) for f in Selectors.__dataclass_fields__ if f != "drop"},
                drop=tuple(sel.get("drop", ())),
            ),
            routes=Routes(
                rss=tuple([routes["rss"]] if isinstance(routes.get("rss"), str) else routes.get("rss", ())),
                archive=_opt_str(routes, "archive"),
                listing=_opt_str(routes, "listing"),
                robots=str(routes.get("robots", "/robots.txt")),
            ),
            categories=MappingProxyType({str(k): str(v) for k, v in table.get("categories", {}).items()}),
            extra=MappingProxyType({k: v for k, v in table.items() if k not in known}),
        )
        profile.tzinfo  # noqa: B018 - validate the offset now, not on first use
    except (TypeError, re.error) as exc:
        raise ConfigError(f"profile {key}: {exc}") from exc
    return profile


def load_profiles(path: str | Path | None = None) -> dict[str, SiteProfile]:
    """Every profile in the TOML file (default: the packaged data/profiles.toml)."""
    if path is None:
        return dict(_packaged_profiles())
    return _load(Path(path).read_bytes(), str(path))


@lru_cache(maxsize=1)
def _packaged_profiles() -> Mapping[str, SiteProfile]:
    data = resources.files("hbetl").joinpath("data/profiles.toml").read_bytes()
    return MappingProxyType(_load(data, "profiles.toml"))


def _load(data: bytes, where: str) -> dict[str, SiteProfile]:
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    return {key: _build(key, table) for key, table in doc.items() if isinstance(table, dict)}


def get_profile(name: str = DEFAULT_PROFILE) -> SiteProfile:
    profiles = _packaged_profiles()
    if name not in profiles:
        raise ConfigError(f"profile {name}: unknown (known: {', '.join(sorted(profiles))})")
    return profiles[name]


def profile_for_host(url_or_host: str | None) -> SiteProfile | None:
    """The packaged profile whose hosts include this URL's host, if any."""
    for profile in _packaged_profiles().values():
        if profile.matches_host(url_or_host):
            return profile
    return None
