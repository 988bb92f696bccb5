"""One web page -> one ArticleInput: trafilatura finds the article, the DOM supplies the text.

trafilatura is good at telling the article body from the page around it, but on news
templates it drops the headline and the standfirst (they sit outside the body container),
sometimes keeps the byline, and turns non-breaking spaces (U+00A0 in "81,2 %") into plain
ones, which would break exact claim spans. So its paragraphs are used as anchors: they locate the
article element and the body inside the DOM, and the text is taken from the DOM itself:
the <h1>, the blocks between it and the body (standfirst), and the body blocks, minus
bylines, timestamps and furniture (general rules on tags, class words, <time> and link
density; no per-site templates).
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from lxml.etree import _Element

from factwatch.ingest.language import detect_language
from factwatch.ingest.models import ArticleInput
from factwatch.ingest.sources.base import plausible_date
from factwatch.ingest.sources.encoding import guess_decode
from factwatch.ingest.sources.feeds import FeedEntry
from factwatch.ingest.sources.htmltext import (
    HEADING_TAGS,
    Segment,
    ancestors,
    common_ancestor,
    contains,
    is_chrome,
    is_metadata,
    parse_html,
    segments,
    tag_of,
)
from factwatch.ingest.sources.pagemeta import (
    PageMeta,
    canonical_url,
    clean_text,
    hostname,
    parse_datetime,
)


class ExtractError(Exception):
    """A page from which no article text could be extracted."""


# Leading words of a byline or source line, in the languages we read.
_BYLINE = re.compile(
    r"^(by|par|von|di|da|por|de|door|af|av|przez|от|автор|作者|记者|記者|来源|來源|文|撰文)"
    r"(\s|[:：/／]|$)",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", "。", "！", "？", "…", "»", "”", '"', ":", ";")
_ARTICLE_TYPE = re.compile(r"schema\.org/(\w*Article|BlogPosting|Report|LiveBlogPosting)\b")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_LIST_MARKER = re.compile(r"^(?:[-*•]\s+)")
# Standfirst / gap blocks shorter than this must be a heading, list item or sentence.
_SHORT_BLOCK = 40
# The first anchor at least this long is the start of the body proper.
_BODY_START = 80


def decode_html(content: bytes, charset: str | None = None) -> str:
    """Decode a page: BOM, then the HTTP charset, then <meta charset>, then UTF-8, then a guess.

    A declared charset that fails to decode is ignored rather than trusted, and
    "iso-8859-1" is read as windows-1252, as browsers do.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return content.decode(encoding, errors="replace")
    declared = [charset]
    match = _META_CHARSET.search(content[:4096])
    if match:
        declared.append(match.group(1).decode("ascii", "ignore"))
    for label in [*declared, "utf-8"]:
        encoding = _codec(label)
        if encoding is None:
            continue
        try:
            return content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    guess = guess_decode(content)
    return guess[0] if guess else content.decode("utf-8", errors="replace")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in ("iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


_WARM = threading.Lock()
_warm = False


def _warm_date_parsers() -> None:
    """Load what htmldate imports lazily, once, before any page is extracted.

    htmldate imports dateparser and its locale data inside the first extraction that needs
    them; the collector extracts a feed's pages in worker threads, and two threads importing
    one module at once can make Python's import lock report a deadlock (_DeadlockError),
    which failed the whole feed about one cold run in four. Costs ~0.2 s, once per process."""
    global _warm
    if _warm:
        return
    with _WARM:
        if not _warm:
            from htmldate.extractors import get_external_parser, month_words

            month_words()
            get_external_parser()
            _warm = True


def extract_page(
    html: bytes | str,
    url: str,
    *,
    hint: FeedEntry | None = None,
    source: str | None = None,
) -> ArticleInput:
    """The article on an HTML page; `hint` (the feed entry) fills what the page lacks.

    Raises ExtractError when the page holds no article text.
    """
    _warm_date_parsers()
    markup = html if isinstance(html, str) else decode_html(html)
    tree = parse_html(markup)
    if tree is None:
        raise ExtractError(f"{url}: empty page")
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    body_lines = _lines(getattr(document, "text", None))
    meta = PageMeta.read(tree)
    picked = _pick_text(tree, body_lines)
    page_title = meta.title or clean_text(getattr(document, "title", None))
    title = (
        (picked.headline if picked else None)
        or _matching_h1(tree, page_title)
        or page_title
        or (hint.title if hint else None)
    )
    paragraphs = picked.paragraphs if picked else body_lines
    paragraphs = [p for p in paragraphs if p != title]
    if not paragraphs:
        raise ExtractError(f"{url}: no article text found")
    text = "\n\n".join(_dedupe([title, *paragraphs] if title else paragraphs))

    declared_lang = meta.lang or (hint.lang if hint else None)
    published = _published(meta, getattr(document, "date", None), picked, hint)
    outlet = meta.site_name or (hint.outlet if hint else None) or hostname(url)
    author = clean_text(getattr(document, "author", None)) or (hint.author if hint else None)
    summary = (hint.summary if hint else None) or meta.description
    return ArticleInput(
        url=canonical_url(meta.canonical, url),
        title=title or paragraphs[0][:200],
        text=text,
        source=source or url,
        lang=detect_language(text, hint=declared_lang),
        published=published,
        outlet=outlet,
        summary=summary,
        author=author,
    )


# --- choosing the text ----------------------------------------------------------------------


@dataclass
class _Picked:
    headline: str | None
    paragraphs: list[str]
    root: _Element
    times: list[str]  # datetime attributes of <time> elements in the article's header zone


def _norm(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str | None) -> list[str]:
    if not text:
        return []
    lines = (_LIST_MARKER.sub("", line.strip()) for line in text.splitlines())
    return [line for line in lines if line]


def _pick_text(tree: _Element, body_lines: list[str]) -> _Picked | None:
    """The article's headline and paragraphs from the DOM, located by trafilatura's lines.

    None when the DOM offers nothing better than trafilatura's own text; a result without
    paragraphs when what trafilatura found is page furniture.
    """
    segs = segments(tree)
    normalised = [_norm(line) for line in body_lines]
    line_set = set(normalised)
    joined = "\n".join(normalised)

    def is_anchor(segment: Segment) -> bool:
        text = _norm(segment.text)
        return text in line_set or (len(text) >= 30 and text in joined)

    anchors = [segment for segment in segs if is_anchor(segment)] if body_lines else []
    root = _article_root(anchors) if anchors else _fallback_root(tree)
    if root is None:
        return None
    body = tree.find("body")
    if is_chrome(root, body if body is not None else tree):
        # What trafilatura settled for is a menu or a footer: the page has no article.
        return _Picked(None, [], root, [])
    in_root = [segment for segment in segs if contains(root, segment.element)]
    anchor_ids = {id(segment) for segment in anchors if contains(root, segment.element)}
    positions = [pos for pos, segment in enumerate(in_root) if id(segment) in anchor_ids]
    last = positions[-1] if positions else len(in_root) - 1
    box = common_ancestor([in_root[pos].element for pos in positions])
    body_box = box if box is not None else root
    body_start = next(
        (pos for pos in positions if len(in_root[pos].text) >= _BODY_START),
        positions[0] if positions else 0,
    )

    headline_pos = _headline_position(in_root, positions)
    headline = in_root[headline_pos].text if headline_pos is not None else None
    start = headline_pos + 1 if headline_pos is not None else 0

    kept: list[str] = []
    for pos in range(start, last + 1):
        segment = in_root[pos]
        anchor = id(segment) in anchor_ids
        stop = body_box if contains(body_box, segment.element) else root
        if is_metadata(segment.element, stop) or segment.time_chars * 3 >= len(segment.text):
            continue
        heading = segment.tag in HEADING_TAGS
        if pos < body_start and not heading and _looks_like_byline(segment.text):
            continue
        if not anchor and not _plausible_block(segment, stop):
            continue
        kept.append(segment.text)
    if not anchor_ids and not kept:
        return None  # the article element gave nothing: fall back to trafilatura's text
    times = _header_times(root, in_root[body_start].element if in_root else None)
    return _Picked(headline, kept, root, times)


def _article_root(anchors: list[Segment]) -> _Element | None:
    """The article element holding most of the anchor text (or their common ancestor)."""
    weight: dict[int, tuple[_Element, int]] = {}
    total = 0
    for segment in anchors:
        total += len(segment.text)
        container = _container(segment.element)
        if container is not None:
            node, chars = weight.get(id(container), (container, 0))
            weight[id(container)] = (node, chars + len(segment.text))
    if weight:
        node, chars = max(weight.values(), key=lambda item: item[1])
        if chars * 2 >= total:
            return node
    return common_ancestor([segment.element for segment in anchors])


def _container(element: _Element) -> _Element | None:
    chain = list(ancestors(element))
    for node in chain:
        if tag_of(node) == "article" or _ARTICLE_TYPE.search(node.get("itemtype") or ""):
            return node
    for node in chain:
        if tag_of(node) == "main" or node.get("role") == "main":
            return node
    return None


def _fallback_root(tree: _Element) -> _Element | None:
    """Without trafilatura's help: the first article element, or main."""
    for xpath in (
        "//article",
        "//*[contains(@itemtype, 'Article')]",
        "//main",
        "//*[@role='main']",
    ):
        found = tree.xpath(xpath)
        if found:
            return found[0]
    return None


def _headline_position(in_root: list[Segment], anchors: list[int]) -> int | None:
    for pos, segment in enumerate(in_root):
        if segment.tag == "h1":
            # An <h1> after most of the body is not this article's headline.
            before = sum(1 for anchor in anchors if anchor < pos)
            return pos if before * 2 <= len(anchors) else None
    return None


def _matching_h1(tree: _Element, title: str | None) -> str | None:
    """An <h1> outside the article element that says the page title, in its exact
    characters (metadata titles lose non-breaking spaces); a logo in an <h1> is ignored."""
    if not title:
        return None
    wanted = _norm(title)
    for node in tree.iter("h1"):
        text = " ".join(segment.text for segment in segments(node))
        if _norm(text) == wanted:
            return text
    return None


def _looks_like_byline(text: str) -> bool:
    return len(text) <= 100 and not text.endswith(_TERMINAL) and bool(_BYLINE.match(text))


def _plausible_block(segment: Segment, stop: _Element) -> bool:
    """A block trafilatura did not select but that sits in the article: keep it unless it
    is furniture, a link list, or a short label."""
    if is_chrome(segment.element, stop):
        return False
    if segment.link_chars * 2 >= len(segment.text):
        return False
    if segment.tag in HEADING_TAGS or segment.tag in ("li", "blockquote", "pre", "dd", "tr"):
        return True
    return len(segment.text) >= _SHORT_BLOCK or segment.text.endswith(_TERMINAL)


def _header_times(root: _Element, body_start: _Element | None) -> list[str]:
    """datetime attributes of <time> elements in the article before its body."""
    found: list[str] = []
    for node in root.iter("time"):
        if body_start is not None and _precedes(body_start, node):
            break
        value = node.get("datetime")
        if value:
            found.append(value.strip())
    return found


def _precedes(first: _Element, second: _Element) -> bool:
    """True when `first` starts before `second` in document order."""
    for node in first.getroottree().iter():
        if node is first:
            return True
        if node is second:
            return False
    return False


def _dedupe(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for paragraph in paragraphs:
        if not out or out[-1] != paragraph:
            out.append(paragraph)
    return out


def _published(
    meta: PageMeta,
    trafilatura_date: str | None,
    picked: _Picked | None,
    hint: FeedEntry | None,
) -> datetime | None:
    """The page's own date first; the feed's when the page has none or only the day. A date
    trafilatura guesses from the page's text (a footer's "© 2003–2024" reads as 1 January
    2003) is a guess, and never overrides the feed's date of another day."""
    hinted = hint.published if hint else None
    own = [*(meta.published or []), *(picked.times if picked else [])]
    for raw, guess in [*((r, False) for r in own), (trafilatura_date, True)]:
        value = parse_datetime(raw)
        if value is None or not plausible_date(value):
            continue
        day = value.date() if isinstance(value, datetime) else value
        if guess and hinted is not None and day != hinted.date():
            continue
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                return value
            if hinted is not None and hinted.date() == value.date():
                return hinted
            return value.replace(tzinfo=UTC)
        if hinted is not None and hinted.date() == value:
            return hinted
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return hinted
