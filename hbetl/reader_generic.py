"""The generic reader: an article page in a layout no site profile knows.

Metadata and title first (hbetl.reader_metadata), then the body: the content element the page
names (itemprop articleBody, <article>, the class names Vietnamese CMSs use) read whole and
cleaned inside (related boxes, embedded links to other articles, captions, source URLs), or,
when no named element holds enough of the page's text, the densest text.
"""

from __future__ import annotations

import re
from datetime import timezone

from selectolax.lexbor import LexborHTMLParser, LexborNode

from hbetl.htmltext import (
    Block,
    clean_text,
    iter_blocks,
    node_text,
    word_set,
)
from hbetl.models import Article, Link
from hbetl.reader_common import (
    _BYLINE_CLASS,
    _BYLINE_MAX_CHARS,
    _CAPTION_MAX,
    _MAX_CANDIDATES,
    _RELATED_HINTS,
    _RELATED_ONLY,
    _RIGHT_ALIGN,
    Reading,
    _class_words,
    _cut_body,
    _drop_encoded,
    _drop_furniture_lines,
    _drop_hidden_copies,
    _element_after,
    _element_before,
    _encoded_part,
    _is_junk_class,
    _outermost,
    _Protected,
    _remove,
    _remove_junk,
    _split_byline,
    _teaser_boxes,
    _text_prefix,
)
from hbetl.reader_links import _another_article, _links, _PageURL
from hbetl.reader_metadata import (
    VIETNAM,
    _author_box,
    _breadcrumb_category,
    _date_near,
    _dateline_author,
    _find_title,
    _from_vietnamese,
    _Meta,
    _metadata,
    _next_data_article,
    _same_title,
)

# (hometext: NukeViet's name for the sapo, the text its listings show; its news module prints div#hometext on the
# article, print and mobile views, around the lead photo when there is one)
_LEAD_WORDS = word_set("sapo lead summary chapeau chappeau excerpt description desc intro tomtat sapeau "
                        "trichdan abstract hometext")


def _find_lead(scope: LexborNode | LexborHTMLParser, protected: _Protected,
               before: LexborNode | None = None, nearest: bool = False) -> LexborNode | None:
    """The sapo: the first element in ``scope`` classed like one (sapo, lead, summary, tomtat...),
    30-1500 chars; with ``before`` (the content), one that comes before it or inside it (the
    teasers after an article have sapos of their own); with ``nearest`` too, the last one before
    it (sidebars before the article list sapos of other articles), else the first inside it.
    One selector finds the elements whose class or id holds a lead word; the word test then
    runs on those few, not on every classed element of the page."""
    looked = 0
    found = None
    nodes = scope.css(_LEAD_SELECTOR)
    for at, node in enumerate(nodes):
        if node in protected or node.tag in ("meta", "body", "html"):
            continue
        if before is not None and _comes_after(node, before):
            break
        if before is not None and node.mem_id == before.mem_id:
            continue  # the content is not its own sapo (Drupal's body field is "field--type-text-with-summary")
        if _is_lead_named(node):
            looked += 1
            if looked > _MAX_CANDIDATES:
                break
            text = clean_text(_text_prefix(node, 1600))
            if 30 <= len(text) <= 1500:
                if not nearest or before is None or _within(node, before):
                    return found or _uncut(node, text, nodes[at + 1:at + 1 + _LEAD_COPIES], protected)
                found = node
    return found


def _lead_text(node: LexborNode) -> str:
    """The sapo's text. A sapo element that also holds the lead photo (NukeViet's div#hometext: div.imghome with the
    photo and its caption, then the sapo as bare text or in div.h2) reads without the photo's box: the children
    holding an image are left out."""
    if node.css_first("img, amp-img, picture") is None:
        return node_text(node)
    parts = [child.text(deep=True) for child in node.iter(include_text=True)
             if not (child.is_element_node and child.css_first("img, amp-img, picture") is not None)
             and child.tag not in ("img", "amp-img", "picture", "script", "style")]
    return clean_text(" ".join(parts)) or node_text(node)


def _is_lead_named(node: LexborNode) -> bool:
    attrs = node.attributes
    return (attrs.get("itemprop") == "description" or _has_lead_word(_class_words(node))
            or _has_lead_word(_camel_words(node))
            or attrs.get("data-slot") in _LEAD_WORDS or attrs.get("data-role") in _LEAD_WORDS)


_LEAD_COPIES = 8  # the lead elements after the one found that are looked at for the sapo it was cut from


def _uncut(node: LexborNode, text: str, later: list[LexborNode], protected: _Protected) -> LexborNode:
    """The sapo itself when ``node`` is a copy of it run on into the body: Báo Tây Ninh's CMS puts a div.sapo cut
    from the description (the lead, then the body's first words, cut mid-word) above the article's own p.sapo,
    whose text the copy starts with. A later lead element whose text is a proper start of ``node``'s is the sapo."""
    for other in later:
        if other in protected or not _is_lead_named(other):
            continue
        shorter = clean_text(_text_prefix(other, 1600))
        if 30 <= len(shorter) < len(text) and text.startswith(shorter):
            return other
    return node


def _has_lead_word(words: list[str]) -> bool:
    """['detail', 'sapo'] and ['tom', 'tat'] (tom-tat: the hyphenated 'tomtat') are leads' classes."""
    return any(w in _LEAD_WORDS for w in words) or any(a + b in _LEAD_WORDS for a, b in zip(words, words[1:], strict=False))


# ASP.NET and SharePoint templates name their parts by ids in camelCase with a counter
# (divArticleDescription1, lblSapo, txtSummary): words the hyphen split does not see.
_CAMEL_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _camel_words(node: LexborNode) -> list[str]:
    """'divArticleDescription1' -> ['div', 'article', 'description']"""
    attrs = node.attributes
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return [w.lower() for w in _CAMEL_WORD.findall(raw)] if any(c.isupper() for c in raw) else []


def _comes_after(node: LexborNode, other: LexborNode) -> bool:
    """Is ``node`` after ``other`` in document order, and not inside it?"""
    chain: dict[int, LexborNode | None] = {}  # other's ancestors -> their child on the way to other
    child, up = None, other
    while up is not None:
        chain[up.mem_id] = child
        child, up = up, up.parent
    child, up = None, node
    while up is not None and up.mem_id not in chain:
        child, up = up, up.parent
    if up is None or up.mem_id == other.mem_id or child is None:
        return False  # inside other, or other inside node
    theirs = chain[up.mem_id]
    sibling = child.next
    while sibling is not None:  # node's branch before other's: other comes among its next siblings
        if theirs is not None and sibling.mem_id == theirs.mem_id:
            return False
        sibling = sibling.next
    return True


# A superset of the elements with a lead word in class or id, in 16 selectors (the 28 exact
# ones took 215 us over a 60 KB page): "desc" finds description, "peau" chapeau, chappeau and sapeau,
# "tom" tomtat and tom-tat; the word test on the few found decides. Ids match in any case: ASP.NET
# and SharePoint ids are camelCase (divArticleDescription1).
_LEAD_SELECTOR = ", ".join([
    *(f"[class*={w}]" for w in ("sapo", "lead", "summ", "peau", "excerpt", "desc", "intro", "tom", "trichdan",
                                "abstract", "hometext")),
    *(f"[id*={w} i]" for w in ("sapo", "lead", "summ", "desc", "tom", "hometext")), "[itemprop=description]",
    "[data-slot=sapo]"])  # Dân trí names its parts in data-slot attributes (VCCorp's data-role="sapo" has a class)


def _best_container(root: LexborNode) -> LexborNode:
    """The element whose paragraph children hold the most non-link text.

    A <p> scores its text length minus twice its link text, for its parent in full
    and its grandparent by half (an article split into a few wrapper divs still
    wins as a whole); a div or td holding text directly (a sapo div, old table
    CMSs' <br> paragraphs) scores the same way and for itself too. The best few are then discounted by their
    overall link density, so a list of teaser links cannot win.
    """
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}

    def add(node: LexborNode | None, value: float) -> None:
        if node is None or node.tag in ("html",):
            return
        scores[node.mem_id] = scores.get(node.mem_id, 0.0) + value
        nodes[node.mem_id] = node

    for p in root.css("p, pre, blockquote"):
        text_len = len(node_text(p))
        if text_len < 20:
            continue
        link_len = sum(len(node_text(a)) for a in p.css("a"))
        value = text_len - 2 * link_len
        if value <= 0:
            continue
        if _after_headline_link(p):
            value *= _TEASER_SUMMARY_WEIGHT
        add(p.parent, value)
        add(p.parent.parent if p.parent else None, value / 2)
    for holder in root.css("div, td, section, article, span, font"):
        direct = len(clean_text(holder.text(deep=False)))
        if direct >= 40:  # a paragraph-like div (sapo, <br> text) scores for its parent as a <p> would
            add(holder, direct)
            add(holder.parent, direct)
            add(holder.parent.parent if holder.parent else None, direct / 2)
    if not scores:
        return root
    best = sorted(scores, key=scores.__getitem__, reverse=True)[:5]

    def discounted(mem_id: int) -> float:
        node = nodes[mem_id]
        total = len(node_text(node)) or 1
        links = sum(len(node_text(a)) for a in node.css("a"))
        return scores[mem_id] * max(0.0, 1.0 - links / total)

    winner = nodes[max(best, key=discounted)]
    return _join_split_body(winner, scores)


_SPLIT_PART_SHARE = 0.3  # a sibling with this share of the winner's score is more of the same article
_SPLIT_PART_LINKS = 0.25  # ...unless links fill this share of its text (a teaser list)


def _join_split_body(winner: LexborNode, scores: dict[int, float]) -> LexborNode:
    """The winner's parent when the article is split across sibling <div>s (an ad, a photo
    between parts): a sibling that scores like body text and is not a link list."""
    parent = winner.parent
    if parent is None or parent.tag in ("body", "html") or winner.mem_id not in scores:
        return winner
    if winner.tag in ("font", "span") and parent.tag == "td":  # <td><font>text<br><br>text</font></td>
        winner, parent = parent, parent.parent
    if parent is not None and winner.tag == "td" and sum(c.tag in ("td", "th") for c in parent.iter()) == 1:
        # an old table template gives title, date, sapo, body and byline a row each: the table
        # is the article when it is not a link list. (The row's own cells are counted: a photo's
        # table of two cells inside the body cell made the row look like a row of three.)
        table = parent.parent.parent if parent.parent is not None and parent.parent.tag == "tbody" else parent.parent
        if table is not None and table.tag == "table" and _link_share(table) < _SPLIT_PART_LINKS:
            return table
    floor = _SPLIT_PART_SHARE * scores[winner.mem_id]
    part = winner
    for _ in range(_WRAPPER_LEVELS):  # <div><div><p>…</p></div></div>: the part is the outer wrapper
        if parent is None or parent.tag in ("body", "html") or len(node_text(parent)) > len(node_text(part)):
            break
        part, parent = parent, parent.parent
    if parent is None or parent.tag in ("body", "html"):
        return winner
    for sibling in parent.iter(include_text=False):
        if sibling.mem_id == part.mem_id or scores.get(sibling.mem_id, 0.0) < floor:
            continue
        if _link_share(sibling) < _SPLIT_PART_LINKS:
            return parent
    return winner


_WRAPPER_LEVELS = 3  # editors' pasted paragraphs come wrapped two or three divs deep
# A paragraph right after a headline link (<h3><a>…</a></h3><p>…</p>) is a teaser's summary: it
# counts for a fifth, so a sidebar list of teasers cannot outscore an article whose paragraphs
# sit in wrapper divs of their own (those score only for their wrappers, not for the content).
_TEASER_SUMMARY_WEIGHT = 0.2


def _after_headline_link(p: LexborNode) -> bool:
    before = p.prev
    while before is not None and not before.is_element_node:
        before = before.prev
    if before is None or before.tag == "p":
        return False
    link = before if before.tag == "a" else before.css_first("a")
    return link is not None and len(node_text(link)) >= _HEADLINE_MIN_CHARS


def _link_share(node: LexborNode) -> float:
    total = len(node_text(node)) or 1
    return sum(len(node_text(a)) for a in node.css("a")) / total


_DATE_LINE_MAX = 80  # "Thứ Hai, 10/04/2023 08:30 (GMT+7)" and friends
_DATE_LINE_WORDS = 6  # "Cập nhật lúc 08:30 ngày 10/04/2023": more words make it a sentence
_HEADING_BLOCKS = 4  # title, date line, author line, sapo: where a date line can sit
_BOLD_LEAD_MIN = 60  # a bold line shorter than this is a subheading, not a sapo


def _read_generic(tree: LexborHTMLParser, url: str | None, tz: timezone) -> Reading:
    meta = _metadata(tree, tz)
    title, title_node = _find_title(tree, meta)
    published = meta.published
    if published is None or meta.published_day_only:
        line = _date_near(tree, title, title_node, tz)
        # A day-only metadata date takes its time of day from the page's date line when both name the same day.
        if published is None or (line is not None and line[:10] == published[:10]):
            published = line or published
    category = meta.section or _breadcrumb_category(tree)

    container = _content_container(tree.body, meta)
    author_box = None
    if container is not None:
        lead, blocks, related, main_len = _read_container(container, title_node, url)
    else:
        # The density reader cleans the whole page, and an info line that holds the author
        # with the share buttons (Báo Đầu tư's "author-share-top") goes with the share bar.
        author_box = _author_box(tree)
        lead, blocks, related, main_len = _read_densest(tree.body, title_node, url)
    blocks = [b for i, b in enumerate(blocks) if not _is_heading_noise(b, title, i)]
    blocks = _drop_furniture_lines(blocks)
    blocks, encoded = _drop_encoded(blocks)
    blocks, byline = _split_byline(blocks)
    blocks = _drop_repeats(blocks, lead)
    paragraphs = [b.text for b in blocks]
    if lead:
        paragraphs = _drop_header_row(paragraphs, lead)
        paragraphs = [p for p in paragraphs if p != lead]
    elif paragraphs and (at := _sapo_at(blocks, meta.description)) is not None:
        lead = paragraphs[at]  # a bold first paragraph (older CMS templates) or the one the description repeats
        paragraphs = paragraphs[at + 1:]
    if not paragraphs and meta.body:
        paragraphs = [clean_text(p) for p in meta.body.splitlines() if p.strip()]
    if not paragraphs and meta.next_data and (data := _next_data_article(meta.next_data, title)):
        data_lead, paragraphs, data_author = _read_next_data(data, url)
        lead = lead or data_lead
        meta.author = meta.author or data_author
    if lead:
        paragraphs.insert(0, lead)
    body = "\n\n".join(paragraphs)
    # The author box is looked for only when the content ends with no byline (~50 us of selectors
    # on a 60 KB page); the clean-up before it removes furniture and other articles' boxes, and
    # the authors of every fixture and sample page came out the same as when it ran first.
    # A bold name in the dateline row comes last: a page's meta author, when it has one, was
    # read right on every fixture, and the row is looked at only when nothing else names one.
    author = byline or author_box or _author_box(tree) or meta.author or _dateline_author(title_node)
    article = Article(url=url, title=title, published=published, author=author,
                      lead=lead, body=body, category=category, related=related)
    return Reading(article, _encoded_part(encoded) or _cut_body(body, max(main_len, len(meta.body or ""))))


def _read_next_data(data: tuple[str | None, str, str | None], url: str | None) -> tuple[str | None, list[str], str | None]:
    """Sapo, paragraphs and author of the article a Next.js page carries in its data (the content HTML read as the
    content element is: captions, furniture and embedded links to other articles removed)."""
    lead, content, author = data
    fragment = LexborHTMLParser(f"<body>{content}</body>").body
    if fragment is None:
        return lead, [], author
    _, blocks, _, _ = _read_container(fragment, None, url)
    blocks, byline = _split_byline(_drop_furniture_lines(blocks))
    return lead, [b.text for b in blocks if b.text != lead], author or byline


_QUOTE_MARKS = "\"'“”‘’«»„ "
_REPEAT_MIN = 30  # shorter lines ("Tăng 5%.") may well stand inside a paragraph by chance


def _drop_repeats(blocks: list[Block], lead: str | None) -> list[Block]:
    """The blocks without a short one whose text (quotation marks aside, any case) another paragraph or the
    sapo holds whole: a pull-quote, which repeats a phrase of the text in large type (VNPT's older CMS,
    div.quote.center: Báo Quảng Ngãi's and Báo Đắk Lắk's former templates, whose crawlers' maps drop it), would
    give its figures twice. Only lines of caption length are looked for, in the longer paragraphs."""
    # (the sapo's own copy in the content is left to the sapo rules: _drop_header_row, _uncut)
    short = [i for i, b in enumerate(blocks)
             if _REPEAT_MIN <= len(b.text) <= _CAPTION_MAX and b.text != lead and _looks_quoted(b)]
    if not short:
        return blocks
    lowered = [b.text.lower() for b in blocks]
    if lead:
        lowered.append(lead.lower())
    repeats = set()
    for i in short:
        needle = lowered[i].strip(_QUOTE_MARKS)
        if len(needle) >= _REPEAT_MIN and any(
                j != i and len(other) > len(needle) and needle in other for j, other in enumerate(lowered)):
            repeats.add(i)
    return [b for i, b in enumerate(blocks) if i not in repeats] if repeats else blocks


def _looks_quoted(block: Block) -> bool:
    """Set as a quotation: in quotation marks, a <blockquote>, or classed "quote" (the pull-quote's div.quote)."""
    el = block.element
    return (block.text[:1] in "\"“«" or el.tag == "blockquote"
            or any(w.startswith("quote") or w.endswith("quote") for w in _class_words(el)))


def _sapo_at(blocks: list[Block], description: str | None) -> int | None:
    """Where the sapo sits among the content's first blocks when nothing names it: a bold first
    paragraph, or the paragraph the page's description repeats, after at most a few short
    header lines (a byline, a label) that the container's top holds."""
    for at, block in enumerate(blocks[:_HEADING_BLOCKS]):
        text = block.text
        if at == 0 and block.bold_only and len(text) >= _BOLD_LEAD_MIN:
            return 0
        if description and _same_title(text[:200], description[:200]):
            return at
        if len(text) > _BYLINE_MAX_CHARS:
            return None
    return None


def _drop_header_row(paragraphs: list[str], lead: str) -> list[str]:
    """The paragraphs without the short lines before the sapo when the content holds it: a
    container that starts with the article's header (<article> around title, byline, time and
    sapo) leaves its byline and labels above the lead, and the body starts with the lead."""
    try:
        at = paragraphs.index(lead)
    except ValueError:
        return paragraphs
    # (a copy of the sapo run on into the body's first words, cut from the description, is header too: _uncut)
    if 0 < at <= _HEADING_BLOCKS and all(len(p) <= _BYLINE_MAX_CHARS or p.startswith(lead) for p in paragraphs[:at]):
        return paragraphs[at:]
    return paragraphs


_NEVER_TEXT = "script, style, noscript, template"


# --------------------------------------------------------------------------- generic path: the content container

# The elements Vietnamese CMSs hold an article's text in, by class, id or itemprop, as their
# templates name them: VnExpress fck_detail; Dân trí singular-content; the VCCorp CMS (Tuổi Trẻ,
# Thanh Niên, Người Lao Động, CafeF, Báo Chính phủ, VTV) detail-content and entry-body; VietnamNet
# maincontent; the ZCE CMS (Nhân Dân, Tiền Phong, SGGP, Pháp luật TP.HCM, VietnamPlus and many
# provincial papers) cms-body and article__body; VnEconomy detail__content; Znews the-article-body;
# VOV article-content; Lao Động art-body; the b-/c- CMS (Báo Nghệ An, Công lý) b-maincontent;
# the names English templates use, and the Vietnamese ones of older provincial CMSs and portals
# (noidung "content", chitiet "detail"); Drupal's body field (field--name-body), which every Drupal theme prints.
# NukeViet's news module names its text bodytext (a class on the article and mobile views, the id on the print
# view), as TYPO3's text field is named; the AMP plugin for WordPress prints the post in amp-wp-article-content,
# inside an <article> that also holds the header with a "3 ngày trước" <time> and the footer's categories.
_CONTENT_CLASSES = word_set(
    "fck_detail singular-content dt-news__content detail-content detail__content maincontent content-detail-body "
    "cms-body article__body the-article-body article-content article-body art-body b-maincontent contentdetail "
    "content_detail news-content detail-news-content post-content post-body entry-content entry-body body-text "
    "detail-body journal-content-article noidung noi-dung noidung-chitiet chitiet chi-tiet field--name-body "
    "bodytext amp-wp-article-content")
_CONTENT_IDS = word_set("entry-body maincontent content_detail news-content bodytext")
# A few substring selectors find a superset of them in one pass (a selector costs ~5-9 us a 60 KB
# page, the 41 exact ones took 160 us); the names are then checked on those few elements.
# (VnExpress's fck_detail is an <article>.)
_CONTENT_SELECTOR = ("article, [itemprop=articleBody], [class*=content], [class*=body], [id*=content], [id*=body], "
                     "[class*=dung], [class*=tiet]")


def _is_content_element(node: LexborNode) -> bool:
    if node.tag == "article":
        return True
    attrs = node.attributes
    classes = attrs.get("class")
    return (attrs.get("itemprop") == "articleBody" or attrs.get("id") in _CONTENT_IDS
            or (classes is not None and not _CONTENT_CLASSES.isdisjoint(classes.split())))


# A container holds the article only if it holds this much of the page's text: a teaser card
# (<article class="item-news">, ~300 characters) on a page whose article sits in an unnamed div
# is 1-2 % of the body text; the real containers of the fixture pages are 9-60 %.
_CONTAINER_MIN_SHARE = 0.08
_CONTAINER_MIN_CHARS = 1500  # ...or this much text, whatever the sidebars hold
_INNER_SHARE = 0.5  # a named element inside a bigger one, holding half its text, is the article proper


def _content_container(body: LexborNode, meta: _Meta) -> LexborNode | None:
    """The element the page names as its content; None when no named element holds enough
    of the page's text (the density reader takes over).

    Of the named elements, the smallest that holds at least half as much text as the
    biggest: <article> around the title, the content and the related boxes names the same
    text as the <div class="detail-content"> inside it, with less of the rest. When JSON-LD
    gives the article's text, the container is widened until it holds the article's end."""
    found = [node for node in body.css(_CONTENT_SELECTOR) if _is_content_element(node)][:_MAX_CANDIDATES]
    if not found:
        return None
    sized = [(len(node.text(deep=True)), node) for node in found]
    longest = max(size for size, _ in sized)
    if longest < _CONTAINER_MIN_CHARS and longest < _CONTAINER_MIN_SHARE * len(body.text(deep=True)):
        return None
    size, container = min(((size, node) for size, node in sized if size >= _INNER_SHARE * longest),
                          key=lambda pair: pair[0])
    # A template that names its parts in data- attributes (Dân trí's <article data-slot="container">
    # around title, byline, time, sapo and <div data-slot="content">) gives the content no class a
    # CMS list knows: the named part inside the container is the article.
    named = container.css_first(_NAMED_CONTENT)
    if named is not None and len(named.text(deep=True)) >= _INNER_SHARE * size:
        container = named
    if meta.body and (tail := _article_tail(meta.body)):
        wider = container
        for _ in range(_WIDEN_LEVELS):
            if tail in clean_text(wider.text(deep=True)) or wider.parent is None or wider.parent.tag in ("body", "html"):
                break
            wider = wider.parent
        if tail in clean_text(wider.text(deep=True)):
            container = wider
    return container


_NAMED_CONTENT = "[data-slot=content]"
_WIDEN_LEVELS = 4  # a content div split from its last part sits a few wrappers below their common parent
_TAIL_CHARS = 40


def _article_tail(article_body: str) -> str | None:
    """The last words of JSON-LD articleBody's last paragraph, as the page shows them."""
    lines = [line for line in article_body.splitlines() if line.strip()]
    return clean_text(lines[-1])[-_TAIL_CHARS:] if lines else None


def _read_container(container: LexborNode, title_node: LexborNode | None,
                    url: str | None) -> tuple[str | None, list[Block], list[Link], int]:
    """Lead, paragraph blocks, related links and main-text length (the container's text but
    its scripts) of a page whose content element is known.

    Only the container is cleaned: teaser boxes, furniture, captions and embedded links to
    other articles inside it are removed. Related links come from the article's column
    (title, content and the boxes after it), the rest of the page is not looked at."""
    _remove(container.css(_NEVER_TEXT))
    _drop_hidden_copies(container)
    main_len = len(clean_text(container.text(deep=True)))
    protected = _Protected.ancestors_of(title_node).with_ancestors_of(container)
    scope = _article_scope(title_node, container)
    lead_node = _find_lead(scope, protected, before=container) or _heading_lead_before(container)
    lead = _lead_text(lead_node) if lead_node is not None else None  # read now: clean-up may free it
    if lead_node is not None:
        protected.ids.add(lead_node.mem_id)
    # the related boxes sit in the content or after it, in the article's column or right beside it
    column = scope.parent if scope.parent is not None and scope.parent.tag not in ("body", "html") else scope
    boxes, related_boxes = _teaser_boxes(container, protected)
    related_boxes += _related_boxes(container)
    for part in _parts_after(container, column):
        related_boxes += _teaser_boxes(part, protected, _RELATED_ONLY)[1] + _related_boxes(part)
    related = _links(_outermost(related_boxes), url)  # those in the container are not looked at again
    _remove(boxes)
    _remove_junk(container, protected, url, links=False)
    link_boxes = _link_boxes(container, protected, url)
    related += [link for link in _links(link_boxes, url) if link not in related]
    _remove(link_boxes)
    return lead, list(iter_blocks(container)), related, main_len


def _parts_after(node: LexborNode, top: LexborNode) -> list[LexborNode]:
    """The elements after ``node`` in each of its ancestors up to ``top``, in document order,
    but sidebars, menus and footers (their boxes list the whole site, and they are most of a
    page's nodes)."""
    parts = []
    while node is not None and node.mem_id != top.mem_id:
        sibling = node.next
        while sibling is not None:
            if sibling.is_element_node and sibling.tag not in _NOT_RELATED_TAGS and (
                    not _is_junk_class(sibling) or any(h in "".join(_class_words(sibling)) for h in _RELATED_HINTS)):
                parts.append(sibling)
            sibling = sibling.next
        node = node.parent
    return parts


_NOT_RELATED_TAGS = frozenset({"nav", "aside", "footer", "header", "script", "style", "form"})


def _within(node: LexborNode, ancestor: LexborNode) -> bool:
    while node is not None:
        if node.mem_id == ancestor.mem_id:
            return True
        node = node.parent
    return False


def _article_scope(title_node: LexborNode | None, container: LexborNode) -> LexborNode:
    """The smallest element holding both the title and the content: the article's column, where
    its sapo and its related boxes sit (the page's sidebars list other articles' sapos)."""
    inside = _Protected.ancestors_of(container)
    node = title_node
    while node is not None and node not in inside:
        node = node.parent
    if node is None or node.tag in ("body", "html"):
        return container.parent if container.parent is not None and container.parent.tag != "html" else container
    return node


# A superset of the boxes _remove_junk takes related links from (class words "related",
# "lienquan", "tin-khac", "other-news", "cung-chuyen-muc", "docnhieu"...), in nine selectors:
# a selector costs ~4 us a 60 KB page, and the 25 exact ones took 170 us.
_RELATED_BOXES = ", ".join([*(f"[class*={h}]" for h in ("relat", "lien", "khac", "other", "more", "chuyen", "nhieu")),
                            "[id*=relat]", "[type*=elated]"])


def _related_boxes(scope: LexborNode) -> list[LexborNode]:
    """The elements in ``scope`` classed as related-article boxes (what _remove_junk takes
    related links from), found by one selector instead of a look at every classed element."""
    return [n for n in scope.css(_RELATED_BOXES)
            if n.tag not in ("html", "body")
            and ("related" in (n.attributes.get("type") or "").lower()
                 or _is_junk_class(n) and any(h in "".join(_class_words(n)) for h in _RELATED_HINTS))]


# A link to another article of the site followed by a short summary, inside the content: the
# related boxes CMSs embed between paragraphs (VietnamNet ck-cms-insert-news, ZCE "story",
# Znews inner-article), whatever their class names. Teaser headlines run 20-150 characters and
# 4+ words; their summaries 80-300 characters.
_HEADLINE_MIN_CHARS, _HEADLINE_MAX_CHARS, _HEADLINE_MIN_SPACES = 20, 200, 3
_BOX_SUMMARY_MAX = 400
_LINK_PREFIX_MAX = 25  # "Xem thêm: ", ">> Đọc thêm:" before a headline link


def _link_boxes(scope: LexborNode, protected: _Protected, url: str | None) -> list[LexborNode]:
    """The embedded boxes in ``scope`` that hold a headline link to another article of the site:
    from the link up to the outermost element that starts with the headline and adds at most
    a summary to it. A link inside a sentence (text runs on before or after it) is no box."""
    page = _PageURL.of(url) if url else None
    boxes: list[LexborNode] = []
    for a in scope.css("a[href]")[:_MAX_CANDIDATES]:
        headline = node_text(a)
        if not _is_headline(headline) or _inline_link(a) or not _another_article(a.attributes.get("href"), page):
            continue
        box = a
        while (up := box.parent) is not None and up not in protected and up.tag not in ("body", "html"):
            text = node_text(up)
            if len(text) > len(headline) + _BOX_SUMMARY_MAX or text.find(headline) > _LINK_PREFIX_MAX:
                break
            box = up
        boxes.append(box)
    return boxes


def _is_headline(text: str) -> bool:
    return (_HEADLINE_MIN_CHARS <= len(text) <= _HEADLINE_MAX_CHARS and text.count(" ") >= _HEADLINE_MIN_SPACES
            and not (text.endswith(".") and not text.endswith("..")) and "://" not in text)


def _inline_link(a: LexborNode) -> bool:
    """Does the link sit inside running text? Words right after it, or a sentence before it."""
    after = a.next
    if after is not None and after.is_text_node and any(ch.isalpha() for ch in (after.text_content or "")[:3]):
        return True
    before = a.prev
    return before is not None and before.is_text_node and len((before.text_content or "").strip()) > _LINK_PREFIX_MAX


def _read_densest(body: LexborNode, title_node: LexborNode | None,
                  url: str | None) -> tuple[str | None, list[Block], list[Link], int]:
    """Lead, blocks, related links and main-text length of a page with no named content
    element: furniture is removed from the whole page, then the densest text wins."""
    protected = _Protected.ancestors_of(title_node)
    boxes, related_boxes = _teaser_boxes(body, protected)
    related = _links(related_boxes, url)
    _remove(boxes)
    related += [link for link in _remove_junk(body, protected, url) if link not in related]
    container = _best_container(body)
    _drop_hidden_copies(container)
    lead_node = (_find_lead(body, protected, before=container, nearest=True) or _bold_lead_before(container)
                 or _heading_lead_before(container))
    lead = _lead_text(lead_node) if lead_node is not None else None
    main_len = len(node_text(container))
    link_boxes = _link_boxes(container, protected.with_ancestors_of(container), url)
    related += [link for link in _links(link_boxes, url) if link not in related]
    _remove(link_boxes)
    return lead, list(iter_blocks(container)) + _byline_after(container), related, main_len


def _byline_after(container: LexborNode) -> list[Block]:
    """The signature right after the densest block, in a sibling of its own (Báo Điện Biên Phủ's template signs
    in the second div of div.newsLeft, the text being the first): one short right-aligned line, or one of an
    author's class, is the article's byline and joins the blocks, where the byline rule takes it off the end.
    A bare name-like line there is not taken: a box heading ("Video") reads as one."""
    after = _element_after(container)
    if after is None or len(node_text(after)) > _BYLINE_MAX_CHARS or after.css_first("a"):
        return []
    blocks = list(iter_blocks(after))
    if len(blocks) != 1:
        return []
    el = blocks[0].element
    style = el.attributes.get("style") or ""
    signed = (_RIGHT_ALIGN.search(style) or (el.attributes.get("align") or "").lower() == "right"
              or any(w in _BYLINE_CLASS for w in _class_words(el)))
    return blocks if signed else []


def _heading_lead_before(container: LexborNode) -> LexborNode | None:
    """The sapo written as an <h2> of sentence length between the title and the content, named by nothing a lead
    word matches: Báo Thừa Thiên Huế's former template gives it only style classes (h2.fontd.fw600.justify.froboto).
    The <h2> is where a dozen CMSs put the sapo (Tuổi Trẻ, NLĐ, CafeF and VTV's h2.sapo/detail-sapo, Dân trí's
    h2.singular-sapo, VnEconomy's h2.detail__summary, Báo Quảng Nam's h2.news-lead, 24h's h2#article_sapo, Soha,
    Kênh 14, VTC); those are read by their names, this one by its place: the content's previous element, or the
    one before a date line, and not a heading that short."""
    node = container
    for _ in range(2):
        node = _element_before(node)
        if node is None or node.tag == "h1":
            return None
        text = node_text(node)
        if node.tag == "h2":
            return node if _BOLD_LEAD_MIN <= len(text) <= 1500 else None
        if len(text) > _DATE_LINE_MAX:
            return None
    return None


def _bold_lead_before(container: LexborNode) -> LexborNode | None:
    """The sapo written as a bold paragraph that opens the article's block, right before the paragraphs'
    own <div> the density reader took: Báo Yên Bái's div.singlepage > <p><b>sapo</b></p> then
    <div align="justify"> of <div> paragraphs (Cao Bằng's portal and Báo Lạng Sơn open their
    text with the same bold <p>, inside it)."""
    before = _element_before(container)
    if before is None or before.tag not in ("p", "div") or not _opens_parent(before):
        return None
    text = node_text(before)
    if not _BOLD_LEAD_MIN <= len(text) <= 1500:
        return None
    bold = before.css_first("b, strong")
    return before if bold is not None and len(node_text(bold)) >= len(text) - 2 else None


def _opens_parent(node: LexborNode) -> bool:
    """Is ``node`` its parent's first element, with no text before it?"""
    before = node.prev
    while before is not None:
        if before.is_element_node or before.is_text_node and (before.text_content or "").strip():
            return False
        before = before.prev
    return True


def _is_heading_noise(block: Block, title: str, position: int) -> bool:
    """The title and the date line when the container holds them too (at its top)."""
    text = block.text
    if text == title or block.element.tag == "h1":
        return True
    return (position < _HEADING_BLOCKS and len(text) <= _DATE_LINE_MAX
            and len(_WORD.findall(text)) <= _DATE_LINE_WORDS and _from_vietnamese(text, VIETNAM) is not None)


_WORD = re.compile(r"[^\W\d_]{2,}")
