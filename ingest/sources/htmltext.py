"""Visible text of an HTML tree as block segments, with the facts needed to tell chrome apart.

trafilatura decides *which* part of a page is the article; this module supplies the exact
characters (trafilatura collapses non-breaking spaces, which claim spans keep) and the
structure around each block (tag, classes, links, <time>) that `pages` uses to recover the
headline and standfirst trafilatura leaves out and to drop byline and timestamp lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})  # fmt: skip
# Table cells are not blocks: a row reads as one line, "cell | cell".
CELL_TAGS = frozenset({"td", "th"})
# Never visible text.
INVISIBLE_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "button", "input", "textarea", "head", "title", "meta",
    "link", "video", "audio", "map", "picture", "img", "source",
})  # fmt: skip
# Page furniture even when it sits inside the article element.
CHROME_TAGS = frozenset({"nav", "aside", "footer", "form", "figure", "dialog", "menu"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Words in class/id values (split on "-" and "_") that mark furniture and metadata.
CHROME_WORDS = frozenset({
    "share", "sharing", "social", "related", "recommended", "recommendations", "promo",
    "advert", "advertisement", "ad", "ads", "sponsor", "sponsored", "newsletter", "subscribe",
    "subscription", "paywall", "cookie", "cookies", "consent", "gdpr", "rgpd", "banner",
    "breadcrumb", "breadcrumbs", "sidebar", "widget", "comments", "comment", "toolbar",
    "tags", "popular", "trending", "outbrain", "taboola", "menu", "nav", "navigation",
    "footer", "caption", "hidden",
})  # fmt: skip
CHROME_JOINED = frozenset({
    "mostread", "mostpopular", "readmore", "readalso", "alsoread", "lireaussi",
    "alireaussi", "leggianche", "sronly", "visuallyhidden", "screenreadertext",
})  # fmt: skip
META_WORDS = frozenset({
    "byline", "author", "authors", "date", "dateline", "time", "timestamp", "published",
    "publish", "pubdate", "posted", "meta", "metadata", "kicker", "eyebrow", "overline",
    "source", "credit", "credits",
})  # fmt: skip
META_ITEMPROPS = frozenset({"author", "datepublished", "datemodified", "publisher", "creator"})

_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_WORD_SPLIT = re.compile(r"[-_]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BR = "\n"


@dataclass
class Segment:
    """Text of one block, exactly as displayed (non-breaking spaces kept).

    `element` is the innermost block element holding the text; `time_chars` and
    `link_chars` count characters inside <time> and <a> elements.
    """

    text: str
    element: _Element
    index: int
    time_chars: int = 0
    link_chars: int = 0

    @property
    def tag(self) -> str:
        return tag_of(self.element)


def tag_of(element: _Element) -> str:
    tag = element.tag
    return tag.lower().rpartition("}")[2] if isinstance(tag, str) else ""


def parse_html(markup: str) -> _Element | None:
    """An lxml tree for `markup`, or None when there is nothing to parse."""
    if not markup.strip():
        return None
    # lxml refuses str input that declares an encoding; the text is decoded already.
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    try:
        return lxml_html.document_fromstring(markup)
    except (ParserError, ValueError):
        return None


def is_hidden(element: _Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def collapse(text: str) -> str:
    """Collapse runs of ASCII whitespace within lines, keeping non-breaking spaces; "\n"
    (a <br>) stays a line break."""
    lines = (_ASCII_SPACE.sub(" ", line).strip(" ") for line in text.split(_BR))
    return "\n".join(line for line in lines if line).strip()


def segments(root: _Element) -> list[Segment]:
    """The visible text under `root`, one segment per block, in document order."""
    out: list[Segment] = []
    walker = _Walker(out)
    walker.walk(root)
    walker.flush()
    return out


class _Walker:
    def __init__(self, out: list[Segment]) -> None:
        self.out = out
        self.parts: list[str] = []
        self.time_chars = 0
        self.link_chars = 0
        self.owners: list[_Element] = []
        self.in_time = 0
        self.in_link = 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        # Source line breaks are plain whitespace; only <br> breaks a line.
        self.parts.append(_ASCII_SPACE.sub(" ", text))
        visible = len(text.strip())
        if self.in_time:
            self.time_chars += visible
        if self.in_link:
            self.link_chars += visible

    def flush(self) -> None:
        text = collapse("".join(self.parts))
        if text and self.owners:
            self.out.append(
                Segment(
                    text,
                    self.owners[-1],
                    len(self.out),
                    min(self.time_chars, len(text)),
                    min(self.link_chars, len(text)),
                )
            )
        self.parts.clear()
        self.time_chars = self.link_chars = 0

    def walk(self, element: _Element) -> None:
        tag = tag_of(element)
        if not tag or tag in INVISIBLE_TAGS or is_hidden(element):
            return
        if tag == "br":
            self.parts.append(_BR)
            return
        block = tag in BLOCK_TAGS or not self.owners
        if block:
            self.flush()
            self.owners.append(element)
        if tag in CELL_TAGS and "".join(self.parts).strip():
            self.parts.append(" | ")
        self.in_time += tag == "time"
        self.in_link += tag == "a"
        self.add(element.text)
        for child in element:
            self.walk(child)
            self.add(child.tail)
        self.in_time -= tag == "time"
        self.in_link -= tag == "a"
        if block:
            self.flush()
            self.owners.pop()


def attr_words(element: _Element) -> tuple[set[str], set[str]]:
    """(words, joined tokens) of an element's class and id, lower-cased."""
    words: set[str] = set()
    joined: set[str] = set()
    for value in (element.get("class"), element.get("id")):
        for token in (value or "").lower().split():
            parts = [part for part in _WORD_SPLIT.split(token) if part]
            words.update(parts)
            joined.add("".join(parts))
    return words, joined


def ancestors(element: _Element, stop: _Element | None = None) -> Iterator[_Element]:
    """`element` and its ancestors up to, not including, `stop` (or the whole chain)."""
    node: _Element | None = element
    while node is not None and node is not stop:
        yield node
        node = node.getparent()


def is_chrome(element: _Element, stop: _Element) -> bool:
    """Inside page furniture (nav, aside, share bar, ad…) below `stop`."""
    for node in ancestors(element, stop):
        if tag_of(node) in CHROME_TAGS or is_hidden(node):
            return True
        words, joined = attr_words(node)
        if words & CHROME_WORDS or joined & CHROME_JOINED:
            return True
    return False


def is_metadata(element: _Element, stop: _Element) -> bool:
    """Inside a byline/date/kicker block below `stop` (by tag, class, id or itemprop)."""
    for node in ancestors(element, stop):
        if tag_of(node) in ("address", "time"):
            return True
        if (node.get("itemprop") or "").lower() in META_ITEMPROPS:
            return True
        if attr_words(node)[0] & META_WORDS:
            return True
    return False


def contains(ancestor: _Element, element: _Element) -> bool:
    return any(node is ancestor for node in ancestors(element))


def common_ancestor(elements: list[_Element]) -> _Element | None:
    if not elements:
        return None
    chain = list(ancestors(elements[0]))
    for element in elements[1:]:
        own = {id(node) for node in ancestors(element)}
        chain = [node for node in chain if id(node) in own]
    return chain[0] if chain else None


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed summaries), paragraphs separated by blank lines."""
    if "<" not in markup:
        return _unescape(markup)
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return _unescape(re.sub(r"<[^>]*>", " ", markup))
    return "\n\n".join(segment.text for segment in segments(root))


def _unescape(text: str) -> str:
    return collapse(html.unescape(text).replace("\n", " "))
