"""RSS/Atom documents -> feed entries (feedparser), with dates that keep their UTC offset.

feedparser normalises dates to UTC struct_time, which loses the outlet's offset and so, near
midnight, the outlet's own publication day; the raw date string is parsed first for that.
Documents are always handed to feedparser as a stream: given a str or bytes it may treat
the value as a URL or a file name and read it.
"""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from factwatch.ingest.language import normalize_language_tag
from factwatch.ingest.sources.base import plausible_date
from factwatch.ingest.sources.htmltext import fragment_text


class FeedError(Exception):
    """The document is not an RSS/Atom feed."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. `lang` is the primary subtag (item dc:language, else the feed's);
    `outlet` is the item's RSS <source> (the original publisher), when given."""

    link: str | None
    guid: str | None = None
    title: str | None = None
    published: datetime | None = None
    summary: str | None = None
    lang: str | None = None
    outlet: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    url: str
    title: str | None
    link: str | None
    lang: str | None
    version: str
    entries: tuple[FeedEntry, ...]


_ENCODING_NOTES = (
    feedparser.CharacterEncodingOverride,
    feedparser.CharacterEncodingUnknown,
    feedparser.NonXMLContentType,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_feed(content: bytes | str, url: str) -> ParsedFeed:
    """Parse an RSS 0.9x/1.0/2.0 or Atom document fetched from `url`.

    Raises FeedError ("not an RSS/Atom feed: …") when the document is not one. Relative
    links are resolved against `url`; a feed with XML errors but recognisable entries is
    accepted, as feed readers do.
    """
    if isinstance(content, str):
        # Already decoded: drop the declaration so feedparser does not decode it again.
        content = _XML_DECLARATION.sub("", content, count=1).encode("utf-8")
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head != b"<" and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FeedError("not an RSS/Atom feed: the document is not XML")
    # application/xml: the document's own XML declaration then decides the encoding.
    headers = {"content-location": url, "content-type": "application/xml"}
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, sanitize_html=True)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        syntax = problem is not None and not isinstance(problem, _ENCODING_NOTES)
        detail = _describe(problem) if syntax else "no RSS or Atom elements found"
        raise FeedError(f"not an RSS/Atom feed: {detail}")
    channel = parsed.get("feed", {})
    feed_lang = normalize_language_tag(channel.get("language"))
    entries = tuple(_entry(raw, feed_lang) for raw in parsed.get("entries", []))
    return ParsedFeed(
        url=url,
        title=_text(channel.get("title")),
        link=channel.get("link"),
        lang=feed_lang,
        version=str(parsed.get("version")),
        entries=entries,
    )


def _describe(problem: BaseException) -> str:
    message = str(problem).replace("<unknown>:", "line ")
    return message or type(problem).__name__


def _entry(raw: Any, feed_lang: str | None) -> FeedEntry:
    source = raw.get("source") or {}
    summary = raw.get("summary")
    return FeedEntry(
        link=_text(raw.get("link")),
        guid=_text(raw.get("id")),
        title=_text(_plain(raw.get("title"), raw.get("title_detail"))),
        published=_entry_date(raw),
        summary=_text(_plain(summary, raw.get("summary_detail"))),
        lang=normalize_language_tag(raw.get("language")) or feed_lang,
        outlet=_text(source.get("title")) if isinstance(source, dict) else None,
        author=_text(raw.get("author")),
    )


def _plain(value: str | None, detail: Any) -> str | None:
    """Text of a feed field; HTML fields (most summaries) are reduced to their text."""
    if not value:
        return None
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    return fragment_text(value) if "html" in kind else " ".join(value.split())


def _entry_date(raw: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        value = raw.get(key)
        parsed = parse_feed_date(value) if value else None
        if parsed is not None:
            return parsed
        struct = raw.get(f"{key}_parsed")
        if struct:
            try:
                stamp = datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
            except (OverflowError, OSError, ValueError):
                continue
            if plausible_date(stamp):
                return stamp
    return None


def parse_feed_date(value: str) -> datetime | None:
    """RFC 822 (RSS) or RFC 3339 (Atom) date, keeping its offset; naive values are UTC.

    None for what cannot be a publication date (`plausible_date`: the year 9999, 0001-01-01).
    """
    value = value.strip()
    parsed: datetime | None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed if plausible_date(parsed) else None


def _text(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    return value or None
