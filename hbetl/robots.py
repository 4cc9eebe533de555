"""robots.txt as RFC 9309 describes it: pure parsing and matching, no network.

The fetcher downloads /robots.txt once per host and asks :func:`policy_for_response`
for a :class:`RobotsPolicy`; every later URL is checked with ``policy.allowed(path)``.

Rules in short (RFC 9309):
* groups start with one or more ``user-agent`` lines; the group whose product token
  equals ours (case-insensitive) wins, else the ``*`` group, else everything is allowed;
  several groups for the same agent are merged;
* the longest matching ``allow``/``disallow`` pattern wins, a tie goes to ``allow``;
  ``*`` matches any run of characters and a trailing ``$`` anchors the end;
* status: 2xx parse, 4xx allow everything, 5xx or unreachable disallow everything
  for now (:class:`~hbetl.errors.RobotsUnavailable`, transient).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from hbetl.errors import RobotsUnavailable

# RFC 9309 2.5: crawlers must parse at least 500 KiB; we parse exactly that much.
MAX_ROBOTS_BYTES = 500 * 1024

# Characters left as they are when percent-encoding paths and patterns, so that
# "/tin tức" in a rule and "/tin%20t%E1%BB%A9c" in a URL compare equal.
_SAFE = "/%:@!$&'()*+,;=-._~?"
_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def product_token(user_agent: str) -> str:
    """'hbetl/0.1 (+https://...)' -> 'hbetl': the name robots.txt groups are keyed by."""
    token = re.match(r"[A-Za-z_-]*", user_agent.strip())
    return (token.group(0) if token else "").lower() or user_agent.strip().lower()


def _encode(path: str) -> str:
    encoded = quote(path, safe=_SAFE)
    return _PCT.sub(lambda m: m.group(0).upper(), encoded)


@dataclass(frozen=True, slots=True)
class Rule:
    allow: bool
    pattern: str  # percent-encoded, as written (with * and $)
    regex: re.Pattern[str] = field(compare=False, repr=False)

    @classmethod
    def make(cls, allow: bool, pattern: str) -> Rule:
        pattern = _encode(pattern)
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        regex = ".*".join(re.escape(part) for part in body.split("*"))
        return cls(allow, pattern, re.compile(regex + ("$" if anchored else ""), re.DOTALL))

    def matches(self, path: str) -> bool:
        return self.regex.match(path) is not None


@dataclass(slots=True)
class RobotsPolicy:
    """The rules that apply to one user agent on one host."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None
    sitemaps: list[str] = field(default_factory=list)
    allow_all: bool = False
    disallow_all: bool = False

    @classmethod
    def allowing_all(cls) -> RobotsPolicy:
        return cls(allow_all=True)

    @classmethod
    def disallowing_all(cls) -> RobotsPolicy:
        return cls(disallow_all=True)

    @classmethod
    def parse(cls, text: str | bytes, user_agent: str) -> RobotsPolicy:
        return parse_robots(text, user_agent)

    def allowed(self, path_or_url: str) -> bool:
        """May we fetch this path (query included)? /robots.txt itself is always allowed."""
        if self.allow_all:
            return True
        path = _path_of(path_or_url)
        if path == "/robots.txt":
            return True
        if self.disallow_all:
            return False
        path = _encode(path)
        best: Rule | None = None
        for rule in self.rules:
            if not rule.matches(path):
                continue
            if (best is None or len(rule.pattern) > len(best.pattern)
                    or (len(rule.pattern) == len(best.pattern) and rule.allow)):
                best = rule
        return best is None or best.allow


def _path_of(path_or_url: str) -> str:
    if "://" not in path_or_url:
        return path_or_url or "/"
    parts = urlsplit(path_or_url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@dataclass(slots=True)
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None


def parse_robots(text: str | bytes, user_agent: str) -> RobotsPolicy:
    """Parse a robots.txt body and keep the group(s) that apply to ``user_agent``."""
    if isinstance(text, bytes):
        text = text[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    groups: list[_Group] = []
    sitemaps: list[str] = []
    current: _Group | None = None
    last_was_agent = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if current is None or not last_was_agent:
                current = _Group()
                groups.append(current)
            current.agents.append(value.lower())
            last_was_agent = True
            continue
        last_was_agent = False
        if key == "sitemap":
            sitemaps.append(value)
        elif current is None:
            continue  # rules before any user-agent line belong to nobody
        elif key in ("allow", "disallow"):
            if value:  # "Disallow:" with nothing after it is no rule at all
                current.rules.append(Rule.make(key == "allow", value))
        elif key == "crawl-delay":
            try:
                delay = float(value)
            except ValueError:
                continue
            if delay >= 0:
                current.crawl_delay = delay
    token = product_token(user_agent)
    chosen = [g for g in groups if token in g.agents] or [g for g in groups if "*" in g.agents]
    rules = [rule for g in chosen for rule in g.rules]
    delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
    return RobotsPolicy(rules=rules, crawl_delay=max(delays) if delays else None, sitemaps=sitemaps)


def policy_for_response(status: int | None, body: bytes | None, user_agent: str,
                        host: str = "robots.txt", why: str | None = None) -> RobotsPolicy:
    """RFC 9309 2.3.1: what a robots.txt answer means.

    ``status`` None means the server could not be reached (``why``: the fetcher's reason, told in
    the error: "connection refused" is not "no robots.txt"); ``body`` None with a 2xx, that its
    body could not be read. Raises :class:`RobotsUnavailable` for 5xx/unreachable/unreadable
    (disallow all, retry later).
    """
    if status is None:
        raise RobotsUnavailable(f"robots.txt unreachable ({why})" if why else "robots.txt unreachable", subject=host)
    if 200 <= status < 300 and body is None:
        # Answered, but no body we could read (an encoding we do not inflate, a corrupt gzip): the rules
        # are unknown, as when unreachable. Read as an empty file, it allowed every page.
        raise RobotsUnavailable(f"robots.txt unreadable ({why})" if why else "robots.txt unreadable", subject=host)
    if 200 <= status < 300:
        return parse_robots(body, user_agent)
    if status >= 500:
        raise RobotsUnavailable(f"robots.txt answered HTTP {status}", subject=host)
    # 4xx, and a 3xx left over after five redirects (RFC 9309 2.3.1.2), mean the
    # file is "unavailable": crawl as if there were no rules.
    return RobotsPolicy.allowing_all()
