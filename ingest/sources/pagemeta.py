"""What a page says about itself: headline, dates, site name, canonical URL.

Read from the `<head>` and from schema.org JSON-LD, which news templates fill more reliably
than the visible byline; `pages.py` prefers these values and falls back to the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element

from factwatch.ingest.language import normalize_language_tag


@dataclass
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    lang: str | None = None
    canonical: str | None = None
    description: str | None = None
    published: list[str] | None = None

    @classmethod
    def read(cls, tree: _Element) -> PageMeta:
        metas: dict[str, str] = {}
        for node in tree.iter("meta"):
            key = (
                (
                    node.get("property")
                    or node.get("name")
                    or node.get("itemprop")
                    or node.get("http-equiv")
                    or ""
                )
                .strip()
                .lower()
            )
            content = node.get("content")
            if key and content and content.strip() and key not in metas:
                metas[key] = content.strip()
        ld = _json_ld(tree)
        published = [
            value
            for value in (
                metas.get("article:published_time"),
                metas.get("og:published_time"),
                metas.get("datepublished"),
                _ld_value(ld, "datePublished"),
                metas.get("pubdate"),
                metas.get("publishdate"),
                metas.get("dc.date"),
                metas.get("dcterms.created"),
                metas.get("date"),
            )
            if value
        ]
        for node in tree.xpath("//*[@itemprop='datePublished'][@datetime or @content]"):
            published.append(node.get("datetime") or node.get("content"))
        canonical = next(
            (
                link.get("href")
                for link in tree.iter("link")
                if (link.get("rel") or "").lower().split() == ["canonical"] and link.get("href")
            ),
            None,
        )
        lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        publisher = _ld_value(ld, "publisher")
        return cls(
            title=clean_text(metas.get("og:title")),
            site_name=clean_text(
                metas.get("og:site_name")
                or (publisher.get("name") if isinstance(publisher, dict) else None)
                or metas.get("application-name")
            ),
            lang=normalize_language_tag(
                lang or metas.get("content-language") or metas.get("og:locale")
            ),
            canonical=canonical,
            description=clean_text(metas.get("og:description") or metas.get("description")),
            published=published,
        )


def _json_ld(tree: _Element) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):  # malformed, or nested deeper than the parser goes
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return objects


def _ld_value(objects: list[dict[str, Any]], key: str) -> Any:
    for item in objects:
        if item.get(key):
            return item[key]
    return None


def clean_text(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


def hostname(url: str) -> str | None:
    host = urlsplit(url).hostname
    if not host or urlsplit(url).scheme not in ("http", "https"):
        return None
    return host.removeprefix("www.")


def canonical_url(canonical: str | None, url: str) -> str:
    """rel=canonical when it stays on the page's own host (a syndicated copy pointing to the
    original must keep its own URL, or it would be taken for the original)."""
    if not canonical:
        return url
    resolved = urljoin(url, canonical.strip())
    here, there = urlsplit(url), urlsplit(resolved)
    if there.scheme in ("http", "https") and there.hostname == here.hostname:
        return resolved.split("#", 1)[0]
    return url


def parse_datetime(value: str | None) -> datetime | date | None:
    """An ISO 8601 or RFC 822 timestamp; a bare day gives a `date`; naive times stay naive."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
