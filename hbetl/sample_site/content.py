"""The sample site's articles: the bundled text files and the archive over them.

An article file (content/articles/2023-04-10-slug.txt) is a few ``key: value`` header
lines, a blank line, the lead paragraph ("(HBĐT) - …"), then body paragraphs separated
by blank lines::

    title: Ngành Công thương triển khai nhiệm vụ quý II
    category: 11
    published: 2023-04-10 08:30
    author: Bùi Minh
    image-caption: Sản xuất hàng may mặc xuất khẩu tại KCN Lương Sơn.
    teaser: (HBĐT) - … (optional: what lists and "Các tin khác" show instead of the lead)

    (HBĐT) - …

Every article is written for this project (real reports' facts and figures, our own
sentences), so a clone serves the same site wherever it stands.
"""

from __future__ import annotations

import json
import tomllib
import unicodedata
import zlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_DIR = PACKAGE_DIR / "content"
ARTICLES_DIR = CONTENT_DIR / "articles"
EXPECTED_FILE = CONTENT_DIR / "expected.jsonl"
PROFILES_FILE = PACKAGE_DIR.parent / "data" / "profiles.toml"

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def load_categories() -> dict[int, str]:
    """Category id -> name, from the `baohoabinh` profile: one source of truth for the menu."""
    with PROFILES_FILE.open("rb") as fh:
        profile = tomllib.load(fh)["baohoabinh"]
    return {int(k): v for k, v in profile["categories"].items()}


CATEGORIES: dict[int, str] = load_categories()


@dataclass(frozen=True, slots=True)
class SiteArticle:
    """One article as the site serves it. ``published`` is naive Vietnam local time (+07:00)."""

    id: int
    category: int
    published: datetime
    title: str
    author: str | None
    lead: str
    paragraphs: tuple[str, ...]
    image_captions: tuple[str, ...] = ()
    source: str = ""  # the file stem (or "synthetic:<id>") for expected-metric lookups
    teaser: str | None = None  # the CMS's short description for lists, when it differs from the lead

    @property
    def summary(self) -> str:
        """What teaser lists and feeds show: the teaser, else the lead."""
        return self.teaser or self.lead

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def path(self) -> str:
        return f"/{self.category}/{self.id}/{self.slug}.htm"

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (self.published, self.id)


def slugify(text: str) -> str:
    """ASCII URL slug the way Vietnamese CMSs make them: strip diacritics, đ -> d, dashes."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    out, dash = [], False
    for c in text.lower():
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "bai-viet"


def vi_datetime(when: datetime) -> str:
    """``Thứ Hai, 10/04/2023 08:30``: the text of div.article-date."""
    return f"{WEEKDAYS_VI[when.weekday()]}, {when:%d/%m/%Y %H:%M}"


# ---------------------------------------------------------------- article files

def _article_id(stem: str) -> int:
    # Stable across runs and independent of how many files there are: ids come from the
    # file name, six digits like the paper's own (e.g. /11/173958/...).
    return 100_000 + zlib.crc32(stem.encode("utf-8")) % 900_000


def parse_article_file(text: str, stem: str) -> SiteArticle:
    head, _, rest = text.replace("\r\n", "\n").partition("\n\n")
    fields: dict[str, str] = {}
    captions: list[str] = []
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"{stem}: header line without ':': {line!r}")
        key, value = key.strip().lower(), value.strip()
        if key == "image-caption":
            captions.append(value)
        else:
            fields[key] = value
    missing = {"title", "category", "published"} - fields.keys()
    if missing:
        raise ValueError(f"{stem}: missing header {sorted(missing)}")
    paragraphs = [" ".join(p.split()) for p in rest.split("\n\n") if p.strip()]
    if not paragraphs:
        raise ValueError(f"{stem}: no text")
    category = int(fields["category"])
    if category not in CATEGORIES:
        raise ValueError(f"{stem}: unknown category {category}")
    return SiteArticle(
        id=int(fields["id"]) if "id" in fields else _article_id(stem),
        category=category,
        published=datetime.strptime(fields["published"], "%Y-%m-%d %H:%M"),
        title=fields["title"],
        author=fields.get("author") or None,
        lead=paragraphs[0],
        paragraphs=tuple(paragraphs[1:]),
        image_captions=tuple(captions),
        source=stem,
        teaser=fields.get("teaser") or None,
    )


def load_bundled_articles(articles_dir: Path = ARTICLES_DIR) -> list[SiteArticle]:
    return [parse_article_file(p.read_text("utf-8"), p.stem) for p in sorted(articles_dir.glob("*.txt"))]


# ---------------------------------------------------------------- the archive

@dataclass
class BundledArchive:
    """Articles held in memory, indexed by id, category and day. Same interface as
    :class:`hbetl.sample_site.synthetic.SyntheticArchive`."""

    articles: list[SiteArticle]
    _by_id: dict[int, SiteArticle] = field(init=False)
    _newest: dict[int | None, list[SiteArticle]] = field(init=False)
    _days: list[date] = field(init=False)
    _by_day: list[SiteArticle] = field(init=False)

    def __post_init__(self) -> None:
        self._by_id = {}
        for a in self.articles:
            if a.id in self._by_id:
                raise ValueError(f"article id {a.id}: used by {self._by_id[a.id].source} and {a.source}")
            self._by_id[a.id] = a
        oldest_first = sorted(self.articles, key=lambda a: a.sort_key)
        self._by_day = oldest_first
        self._days = [a.published.date() for a in oldest_first]
        self._newest = {None: oldest_first[::-1]}
        for cat in CATEGORIES:
            self._newest[cat] = [a for a in self._newest[None] if a.category == cat]

    def get(self, article_id: int) -> SiteArticle | None:
        return self._by_id.get(article_id)

    def count(self, category: int | None = None) -> int:
        return len(self._newest[category])

    def newest(self, category: int | None, offset: int, limit: int) -> list[SiteArticle]:
        return self._newest[category][offset:offset + limit]

    def on_day(self, day: date, category: int | None = None) -> list[SiteArticle]:
        """The day's articles, oldest first (the paper's own archive order)."""
        lo, hi = bisect_left(self._days, day), bisect_right(self._days, day)
        return [a for a in self._by_day[lo:hi] if category is None or a.category == category]

    def older_in_category(self, article: SiteArticle, limit: int = 5) -> list[SiteArticle]:
        """The "Các tin khác" box: the articles published before this one in its category."""
        same = self._newest[article.category]
        index = same.index(article)
        older = same[index + 1:index + 1 + limit]
        newer = same[max(0, index - (limit - len(older))):index][::-1]  # the box is never short
        return older + newer

    @property
    def last_day(self) -> date:
        return self._days[-1] if self._days else date(2023, 1, 1)


def build_bundled_archive() -> BundledArchive:
    return BundledArchive(load_bundled_articles())


# ---------------------------------------------------------------- expected metrics

def load_expected(path: Path = EXPECTED_FILE) -> list[dict]:
    """Hand-written metric records for the bundled economic reports, each with ``source``
    (the article file's stem) and ``path`` (its URL path)."""
    paths = {a.source: a.path for a in load_bundled_articles()}
    records = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            record["path"] = paths[record["source"]]
            records.append(record)
    return records

