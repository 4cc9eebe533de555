"""An article page's metadata for the generic reader: the publication date as written
(ISO 8601, RFC 2822, Vietnamese text), JSON-LD, Open Graph and <meta> fields, the title
(metadata matched to a heading), the date line near the title, the author box and the
breadcrumb's category.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from hbetl.htmltext import (
    clean_text,
    node_text,
)
from hbetl.profiles import PLAUSIBLE_YEARS, parse_offset
from hbetl.reader_common import (
    _BYLINE_MAX_CHARS,
    _MAX_CANDIDATES,
    _byline_name,
    _looks_like_name,
    _text_prefix,
)

VIETNAM = parse_offset("+07:00")


# --------------------------------------------------------------------------- dates

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s{0,2}[/.\-]\s{0,2}(\d{1,2})\s{0,2}[/.\-]\s{0,2}(\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORDY = re.compile(r"(?<!\d)(\d{1,2})\s{1,3}tháng\s{1,3}(\d{1,2})\s{0,3}(?:năm|,)\s{0,3}(\d{4})(?!\d)", re.I)
_TIME = re.compile(r"(?<![\d/.])([01]?\d|2[0-3])\s{0,2}(?::|h|giờ)\s{0,2}([0-5]\d)(?::([0-5]\d))?(?!\d)"
                   r"(?:\s{0,2}(AM|PM|SA|CH)\b)?", re.I)
_GMT = re.compile(r"(?:GMT|UTC)\s{0,2}([+-])\s{0,2}(\d{1,2})(?::?(\d{2}))?")
_TIME_WINDOW = 30  # characters either side of a date where its time of day is written


def parse_published(text: str | None, tz: timezone = VIETNAM) -> str | None:
    """A date as written on a page or in metadata -> ISO 8601 with offset, or None.

    Takes ISO 8601 (offset kept as the same instant in ``tz``; none means ``tz``),
    RFC 2822 (RSS pubDate) and Vietnamese text: "Thứ Hai, 10/04/2023 08:30",
    "10/04/2023 - 08:30", "08:30 | 10/04/2023", "Ngày 12 tháng 4 năm 2023",
    "Cập nhật: 10/04/2023", "10-4-2023", "8h30 ngày 10/4/2023".
    """
    if not text:
        return None
    text = clean_text(text[:2000])
    when = _from_iso(text, tz) or _from_rfc2822(text, tz)
    if when is None:
        when = _from_vietnamese(text, tz)
    return when.isoformat(timespec="seconds") if when else None


def _from_iso(text: str, tz: timezone) -> datetime | None:
    if not _YMD.match(text):
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return _in_zone(when, tz)


def _from_rfc2822(text: str, tz: timezone) -> datetime | None:
    if not text[:1].isalpha() or "," not in text[:5]:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):  # (OverflowError: a year of 20 digits)
        return None
    return _in_zone(when, tz)


def _in_zone(when: datetime, tz: timezone) -> datetime | None:
    """``when`` in ``tz`` (no offset: taken as ``tz``'s), or None for a year no article has, as the
    Vietnamese dates below: a CMS's empty date ('0001-01-01T00:00:00+08:00') raised OverflowError
    moved to +07:00, out of the reader, and the batch's parse failed, the run with it."""
    if not PLAUSIBLE_YEARS[0] <= when.year <= PLAUSIBLE_YEARS[1]:
        return None
    return when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)


def _from_vietnamese(text: str, tz: timezone) -> datetime | None:
    found = [(m, (int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _DMY.finditer(text)]
    # Each scan tries every position (the lookbehind leaves re no prefix to skip to): the two
    # whose literal is missing are left out (a date line of 400 characters: ~10 us each).
    if "tháng" in text.lower():
        found += [(m, (int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _WORDY.finditer(text)]
    if "-" in text:
        found += [(m, (int(m.group(3)), int(m.group(2)), int(m.group(1)))) for m in _YMD.finditer(text)]
    for m, (day, month, year) in sorted(found, key=lambda f: f[0].start()):
        if not (1 <= month <= 12 and 1 <= day <= 31 and PLAUSIBLE_YEARS[0] <= year <= PLAUSIBLE_YEARS[1]):
            continue
        hour, minute, second = _time_near(text, m.start(), m.end())
        gmt = _GMT.search(text, m.start(), m.end() + 60)
        zone = tz
        if gmt:
            sign = -1 if gmt.group(1) == "-" else 1
            zone = parse_offset(f"{'-' if sign < 0 else '+'}{int(gmt.group(2)):02d}:{gmt.group(3) or '00'}")
        try:
            when = datetime(year, month, day, hour, minute, second, tzinfo=zone)
        except ValueError:  # 31/02
            continue
        return when.astimezone(tz)
    return None


def _time_near(text: str, start: int, end: int) -> tuple[int, int, int]:
    after = _TIME.search(text, end, min(len(text), end + _TIME_WINDOW))
    before = None
    if after is None:
        for before in _TIME.finditer(text, max(0, start - _TIME_WINDOW), start):  # noqa: B007 - keep the last
            pass
    m = after or before
    if m is None:
        return 0, 0, 0
    hour = int(m.group(1))
    if m.group(4) and m.group(4).upper() in ("PM", "CH") and hour < 12:
        hour += 12
    elif m.group(4) and m.group(4).upper() in ("AM", "SA") and hour == 12:
        hour = 0
    return hour, int(m.group(2)), int(m.group(3) or 0)


def _category(names: list[str]) -> str | None:
    names = [n for n in names if n and n.lower() not in ("trang chủ", "home", "trang chu")]
    return names[-1] if names else None


# --------------------------------------------------------------------------- generic path: metadata

_ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenews", "analysisnewsarticle", "blogposting",
                            "report", "scholarlyarticle", "opinionnewsarticle", "backgroundnewsarticle"})
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_LD_FIELD = re.compile(r'"(headline|datePublished|articleSection|description)"\s*:\s*"((?:[^"\\]|\\.){0,2000})"')


@dataclass(slots=True)
class _Meta:
    title: str | None = None
    published: str | None = None
    published_day_only: bool = False  # the metadata's date names the day alone ("2026-04-07"): no time of day
    author: str | None = None
    section: str | None = None
    description: str | None = None
    site_name: str | None = None
    body: str | None = None  # JSON-LD articleBody, a last resort
    next_data: str | None = None  # a Next.js page's <script id="__NEXT_DATA__">, read only when the page shows no text


def _json_ld_objects(raw: str) -> Iterator[dict]:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip().rstrip(";")
    doc = None
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            doc = json.loads(attempt, strict=False)
            break
        except (ValueError, RecursionError):
            continue
    if doc is None:  # malformed beyond repair: pick the fields out one by one
        fields = {m.group(1): m.group(2) for m in _LD_FIELD.finditer(raw[:200_000])}
        if fields:
            yield {"@type": "NewsArticle", **{k: _unescape_json(v) for k, v in fields.items()}}
        return
    stack: list[tuple[object, int]] = [(doc, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > 6:
            continue
        if isinstance(item, list):
            stack.extend((x, depth + 1) for x in reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend((x, depth + 1) for x in reversed(graph))


def _unescape_json(value: str) -> str:
    try:
        return json.loads(f'"{value}"', strict=False)
    except ValueError:
        return value


def _ld_type(obj: dict) -> set[str]:
    t = obj.get("@type")
    types = t if isinstance(t, list) else [t]
    return {str(x).lower().rsplit("/", 1)[-1] for x in types if x}


def _ld_text(value: object) -> str | None:
    """A JSON-LD value as text: 'x', {'name': 'x'}, ['x', {'name': 'y'}] -> 'x, y'."""
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_text(v) for v in value[:10]) if n]
        return ", ".join(names) or None
    return None


# The page's metadata elements, found in one pass: each css_first() of the fourteen lookups
# below walked the tree again (~4 us each on a 60 KB page); the dated elements of the body
# are looked for only when the metadata gives no date.
_META_ELEMENTS = 'script[type="application/ld+json"], script#__NEXT_DATA__, meta'
_DATED_ELEMENTS = 'time[datetime], [itemprop="datePublished"][datetime]'
_PUBLISHED_KEYS = ("property=article:published_time", "name=pubdate", "name=publishdate", "meta-itemprop=datePublished",
                   "itemprop=datePublished", "name=date", "time")


def _metadata(tree: LexborHTMLParser, tz: timezone) -> _Meta:
    meta = _Meta()
    found: dict[str, str | None] = {}  # "property=og:title" -> the first such element's value

    def keep(key: str, node: LexborNode) -> None:
        if key not in found:
            attrs = node.attributes
            found[key] = attrs.get("content") or attrs.get("datetime")

    def look(nodes: list[LexborNode]) -> None:
        for node in nodes:
            tag = node.tag
            if tag == "script":
                if node.attributes.get("id") == "__NEXT_DATA__":
                    meta.next_data = meta.next_data or node.text(deep=True)
                else:
                    _ld_metadata(meta, node.text(deep=True), tz)
                continue
            attrs = node.attributes
            if tag == "meta":
                for name in ("property", "name"):
                    if (value := attrs.get(name)) is not None:
                        keep(f"{name}={value}", node)
                if attrs.get("itemprop") == "datePublished":
                    keep("meta-itemprop=datePublished", node)
            elif tag == "time" and "datetime" in attrs:
                keep("time", node)
            if attrs.get("itemprop") == "datePublished" and "datetime" in attrs:
                keep("itemprop=datePublished", node)

    look(tree.css(_META_ELEMENTS))
    if not meta.published and not any(found.get(key) for key in _PUBLISHED_KEYS[:4]):
        look(tree.css(_DATED_ELEMENTS))

    def content(key: str) -> str | None:
        value = found.get(key)
        return clean_text(value) if value else None

    meta.title = meta.title or content("property=og:title") or content("name=twitter:title")
    meta.site_name = content("property=og:site_name")
    meta.description = meta.description or content("property=og:description") or content("name=description")
    meta.section = meta.section or content("property=article:section")
    meta.author = meta.author or content("name=author") or content("property=article:author")
    if not meta.published:
        for key in _PUBLISHED_KEYS:
            if published := parse_published(value := content(key), tz):
                meta.published = published
                meta.published_day_only = _DAY_ONLY.match(value or "") is not None
                break
    if meta.author and meta.author.startswith(("http://", "https://")):
        meta.author = None
    return meta


# schema.org's datePublished may be a Date: Báo Cần Thơ's JSON-LD gives "2009-01-21" while the page's date line
# reads "21/01/2009 - 21:02". Such a value is the day, not midnight.
_DAY_ONLY = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*$")


def _ld_metadata(meta: _Meta, raw: str, tz: timezone) -> None:
    for obj in _json_ld_objects(raw):
        if not _ld_type(obj) & _ARTICLE_TYPES:
            continue
        meta.title = meta.title or _ld_text(obj.get("headline") or obj.get("name"))
        if not meta.published and (published := parse_published(value := _ld_text(obj.get("datePublished")), tz)):
            meta.published = published
            meta.published_day_only = _DAY_ONLY.match(value or "") is not None
        meta.author = meta.author or _ld_text(obj.get("author"))
        meta.section = meta.section or _ld_text(obj.get("articleSection"))
        meta.description = meta.description or _ld_text(obj.get("description"))
        meta.body = meta.body or (obj.get("articleBody") if isinstance(obj.get("articleBody"), str) else None)


# A Next.js page that renders its article in the browser sends the server's HTML with an empty frame (a loading
# skeleton) and the article in the page props of <script id="__NEXT_DATA__" type="application/json">: the text is the
# longest string there that holds HTML paragraphs, beside the sapo and author of the same object. The props carry the
# site's own texts too (a saved hellobacsi.com page's hold hundreds of interface strings, policy notices among them):
# a string in the object that also holds the page's title is the article's, whatever its length.
_NEXT_DATA_DEPTH = 8
_NEXT_DATA_NODES = 5000  # objects and lists looked into: past this many it is no page's data
_NEXT_LEAD_KEYS = ("sapo", "lead", "summary", "description", "excerpt", "intro", "abstract")


def _next_data_article(raw: str, title: str | None) -> tuple[str | None, str, str | None] | None:
    """(sapo, content HTML, author) of the article in a Next.js page's data, or None."""
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    props = doc.get("props") if isinstance(doc, dict) else None
    best: tuple[bool, int, dict, str] | None = None  # (beside the title, length, its object, its key)
    stack: list[tuple[object, int]] = [(props, 0)]
    seen = 0
    while stack and seen < _NEXT_DATA_NODES:
        item, depth = stack.pop()
        seen += 1
        if depth > _NEXT_DATA_DEPTH:
            continue
        if isinstance(item, list):
            stack.extend((value, depth + 1) for value in item if isinstance(value, dict | list))
            continue
        if not isinstance(item, dict):
            continue
        titled: bool | None = None
        for key, value in item.items():
            if isinstance(value, str):
                if "<p" in value:
                    titled = _holds_title(item, title, titled)
                    candidate = (titled, len(value), item, str(key))
                    if best is None or candidate[:2] > best[:2]:
                        best = candidate
            elif isinstance(value, dict | list):
                stack.append((value, depth + 1))
    if best is None:
        return None
    _, _, article, key = best
    lead = next((clean_text(v) for k in _NEXT_LEAD_KEYS if isinstance(v := article.get(k), str)
                 and 30 <= len(v) <= 1500 and "<" not in v), None)
    return lead, article[key], _ld_text(article.get("author"))


def _holds_title(item: dict, title: str | None, known: bool | None) -> bool:
    if known is not None:
        return known
    return bool(title) and any(isinstance(v, str) and len(v) < 500 and _same_title(clean_text(v), title)
                               for v in item.values())


# --------------------------------------------------------------------------- generic path: title, date, body

_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»]{1,2}\s+")
# "title" matches in any case: ASP.NET and DotNetNuke templates write class names in PascalCase (the title in
# div.ArticleTitle on Cao Bằng's DNN portal, whose page has no <h1> and no Open Graph; the ministries' SharePoint
# web parts name their parts so too, and the sapo selectors already match ids in any case).
_TITLE_CANDIDATES = ("h1, h2, h3, [class*=title i], [class*=tieude], [class*=headline], td > b, td > strong, "
                     "font > b")
_DATE_HINTS = "[class*=date], [class*=time], [class*=publish], [class*=ngay], [id*=date], [id*=time], time"
_DATE_AFTER_TITLE = 400  # characters after the title where a date line sits
_DATE_BEFORE_TITLE = 300


def _strip_site_name(title: str, site_name: str | None) -> str:
    """'Giá lúa tăng - Báo Hòa Bình' -> 'Giá lúa tăng' (the last part when it is short)."""
    if site_name and title.endswith(site_name) and len(title) > len(site_name) + 5:
        return title[: -len(site_name)].rstrip(" -|–—:»")
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and len(parts[-1].split()) <= 6 and len(parts[-1]) < len(title) / 2:
        return title[: title.rfind(parts[-1])].rstrip(" -|–—:»")
    return title


def _same_title(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 15 and (a in b or b in a)))


def _find_title(tree: LexborHTMLParser, meta: _Meta) -> tuple[str, LexborNode | None]:
    meta_title = _strip_site_name(meta.title, meta.site_name) if meta.title else None
    h1s = [(node_text(h), h) for h in tree.css("h1")[:20]]
    if meta_title:
        for text, h in h1s:
            if _same_title(text, meta_title):
                return text, h
        for node in tree.css(_TITLE_CANDIDATES)[:_MAX_CANDIDATES]:
            text = clean_text(_text_prefix(node, 500))
            if len(text) < 500 and _same_title(text, meta_title):
                return text, node
    for text, h in h1s:
        if len(text) >= 10:
            return (meta_title or text), h
    if meta_title:
        return meta_title, None
    page_title = tree.css_first("title")
    title = _strip_site_name(node_text(page_title), None) if page_title else ""
    if title:
        for node in tree.css(_TITLE_CANDIDATES)[:_MAX_CANDIDATES]:
            text = clean_text(_text_prefix(node, 500))
            if len(text) < 500 and _same_title(text, title):
                return text, node
    if len(title.split()) <= _GENERIC_TITLE_WORDS:  # "In bài viết", "Chi tiết tin": not this article's
        for node in tree.css("[class*=title], [class*=tieude]")[:_MAX_CANDIDATES]:
            text = clean_text(_text_prefix(node, 500))
            if _TITLE_MIN <= len(text) <= _TITLE_MAX and not node.css_first("a"):
                return text, node
    return title, None


_GENERIC_TITLE_WORDS = 4
_TITLE_MIN, _TITLE_MAX = 20, 250  # Vietnamese news titles run 40-150 characters


def _date_near(tree: LexborHTMLParser, title: str, title_node: LexborNode | None, tz: timezone) -> str | None:
    node = title_node
    for _ in range(4):  # the title's parent, grandparent, ...: the date line is a neighbour
        if node is None or node.parent is None:
            break
        node = node.parent
        # The row's parts (time, date, view count) are often sibling spans with no space between them
        # ("15/04/2026" + "1.284 lượt xem" read "15/04/20261.284"): their texts are joined with one.
        text = clean_text(node.text(separator=" "))
        at = text.find(title) if title else -1
        if at < 0 and title and title_node is not None:  # a title with inline markup (<em>, <sup>) reads whole
            joined = clean_text(node.text())
            if (at := joined.find(title)) >= 0:
                text = joined
        if at >= 0:
            end = at + len(title)
            found = (parse_published(text[end:end + _DATE_AFTER_TITLE], tz)
                     or parse_published(text[max(0, at - _DATE_BEFORE_TITLE):at], tz))
        else:
            found = parse_published(text[:_DATE_AFTER_TITLE], tz)
        if found:
            return found
    for hint in tree.css(_DATE_HINTS)[:_MAX_CANDIDATES]:
        text = clean_text(_text_prefix(hint, 200))
        if len(text) < 200 and (found := parse_published(text, tz)):
            return found
    return parse_published(node_text(tree.body)[:20_000], tz) if tree.body else None


def _breadcrumb_category(tree: LexborHTMLParser) -> str | None:
    breadcrumb = tree.css_first("[class*=breadcrumb], [itemtype*=BreadcrumbList], [class*=duongdan]")
    return _category([node_text(a) for a in breadcrumb.css("a")]) if breadcrumb else None


# "nguồn tin" (news source) is where several CMSs sign the article: 24h's div.nguontin, NLĐ's
# nguon-tin-detail, the ministries' SharePoint web part panel …_pnNguontin (an id in camelCase).
# (NukeViet's print view names its author block by id alone: div#author of one <p> a line, "Tác giả: …", "Nguồn tin: …")
_AUTHOR_BOXES = ("[class*=author], [class*=tacgia], [class*=tac-gia], [class*=byline], [rel=author], "
                 "[itemprop=author], [class*=nguontin i], [id*=nguontin i], [class*=nguon-tin i], [id=author]")


def _author_box(tree: LexborHTMLParser) -> str | None:
    """The name in an author element outside the body text (<div class="author-name"><b>Hoài Thu</b>),
    the innermost one that holds just a name (an 'author-wrap' also holds the date)."""
    for node in tree.css(_AUTHOR_BOXES)[:_MAX_CANDIDATES]:
        if node.tag in ("meta", "link", "body", "html"):
            continue
        # (a schema.org Person's microdata names it in [itemprop=name]: Joomla's dd.createdby "Viết bởi <span
        # itemprop=name>…</span>")
        for part in (node, *node.css("a, b, strong, [class*=name], p, [itemprop=name]")[:5]):
            text = _author_text(part)
            if 0 < len(text) <= _BYLINE_MAX_CHARS and _looks_like_name(text):
                return text
    return None


def _author_text(node: LexborNode) -> str:
    """The name an author element gives (the VCCorp "k" template's <span class="kbwcm-author">Hoàng Lan,
    </span><span class="kbwcm-source">Theo ...</span>: the row's separator taken off)."""
    return _byline_name(clean_text(_text_prefix(node, 120)))


_DATELINE_MAX = 200  # "Thanh Hà | 08/04/2026 16:40 PM": a header's info row, not a paragraph
_HEADER_LEVELS = 3  # h1 > header > article: how far up from the title the header's <time> is looked for


def _dateline_author(title_node: LexborNode | None) -> str | None:
    """The name set in bold in the info row that holds the header's <time>, when no element is
    classed as the author's: <div class="news-info"><b>Thanh Hà</b> | <time>…</time></div>
    (Soha's article header). The header is the title's nearest ancestor holding a <time> (a
    page-top clock or a teaser card's time is another's); only a bold name right in that row
    counts: a link there is the section's, and a row as long as a paragraph is no info row."""
    time, up = None, title_node.parent if title_node is not None else None
    for _ in range(_HEADER_LEVELS):
        if up is None or up.tag in ("body", "html"):
            return None
        if (time := up.css_first("time")) is not None:
            break
        up = up.parent
    row = time.parent if time is not None else None
    if row is None or row.tag in ("body", "html") or len(node_text(row)) > _DATELINE_MAX:
        return None
    child = row.child
    while child is not None:
        if child.tag in ("b", "strong"):
            text = _author_text(child)
            if 0 < len(text) <= _BYLINE_MAX_CHARS and _looks_like_name(text):
                return text
        child = child.next
    return None
