"""Turn the sources a user names (feeds, pages, folders, files) into articles.

Every source and every feed entry is handled on its own: a failure becomes a SourceProblem
and the rest carry on. Requests are bounded overall and per host (a feed of 50 items from
one site must not open 50 connections to it), and CPU-bound parsing runs in a worker thread
so it cannot starve the event loop and make other requests miss their deadlines.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import httpx

from factwatch.ingest.language import detect_language
from factwatch.ingest.models import ArticleInput
from factwatch.ingest.sources.base import CollectResult, SourceProblem
from factwatch.ingest.sources.feeds import FeedEntry, FeedError, ParsedFeed, parse_feed
from factwatch.ingest.sources.httpfetch import (
    FetchConfig,
    FetchError,
    FetchResult,
    fetch,
    make_client,
)
from factwatch.ingest.sources.local import read_local
from factwatch.ingest.sources.pages import ExtractError, decode_html, extract_page
from factwatch.ingest.sources.urls import canonical

log = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml",
})  # fmt: skip

_ROOT_ELEMENT = re.compile(rb"<(rss|feed|rdf:rdf|html)[\s>]")

Outcome = tuple[list[ArticleInput], list[SourceProblem]]


class _Known(Container[str]):
    """Stored URLs, asked about in canonical form too (`…?utm_source=rss` is a stored page)."""

    def __init__(self, stored: Container[str]) -> None:
        self.stored = stored

    def __contains__(self, url: object) -> bool:
        if not isinstance(url, str):
            return False
        return url in self.stored or canonical(url) in self.stored


def _canonical_article(article: ArticleInput) -> ArticleInput:
    url = canonical(article.url)
    return article if url == article.url else replace(article, url=url)


class _Limiter:
    """Shared client plus the overall and per-host request bounds."""

    def __init__(self, client: httpx.AsyncClient, config: FetchConfig) -> None:
        self.client = client
        self.config = config
        self._overall = asyncio.Semaphore(config.max_concurrency)
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(config.max_per_host)
        )

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        host = (urlsplit(url).hostname or "").lower()
        # Host slot first: waiting for a busy host must not hold one of the overall slots.
        async with self._hosts[host], self._overall:
            return await fetch(
                self.client, url, self.config, etag=etag, last_modified=last_modified
            )

    def sharing_bounds(self, client: httpx.AsyncClient, config: FetchConfig) -> _Limiter:
        """A limiter over another client (e.g. one allowed private addresses) that counts
        against the same overall and per-host bounds as this one."""
        other = _Limiter(client, config)
        other._overall = self._overall
        other._hosts = self._hosts
        return other


async def collect(
    sources: Sequence[str],
    config: FetchConfig | None = None,
    *,
    known_urls: Container[str] = frozenset(),
) -> CollectResult:
    """Articles from every source, in source order; failures become problems.

    A source is an http(s) URL (an RSS/Atom feed, whose entries' pages are fetched, or one
    HTML page), a local folder, a local file, or a file:// URI. URLs in `known_urls` are
    not fetched again and produce no article.
    """
    config = config or FetchConfig()
    known = _Known(known_urls)
    async with make_client(config) as client:
        limiter = _Limiter(client, config)
        outcomes = await asyncio.gather(*(_guarded(source, limiter, known) for source in sources))
    result = CollectResult()
    seen: set[str] = set()
    for articles, problems in outcomes:
        for article in map(_canonical_article, articles):
            if article.url in seen or article.url in known:
                continue
            seen.add(article.url)
            result.articles.append(article)
        result.problems.extend(problems)
    return result


def collect_sync(
    sources: Sequence[str],
    config: FetchConfig | None = None,
    *,
    known_urls: Container[str] = frozenset(),
) -> CollectResult:
    """`collect` for synchronous callers (CLI); not usable inside a running event loop."""
    return asyncio.run(collect(sources, config, known_urls=known_urls))


async def _guarded(source: str, limiter: _Limiter, known: Container[str]) -> Outcome:
    try:
        return await _collect_source(source, limiter, known)
    except Exception as exc:  # a bug in one source must not lose the others' articles
        return [], [SourceProblem(source, f"{source}: unexpected error: {exc!r}", "error")]


async def _collect_source(source: str, limiter: _Limiter, known: Container[str]) -> Outcome:
    text = source.strip()
    if not text:
        return [], [SourceProblem(source, "empty source name", "error")]
    scheme = urlsplit(text).scheme.lower()
    if scheme in ("http", "https"):
        return await _collect_url(text, source, limiter, known)
    if scheme == "file":
        path = url2pathname(unquote(urlsplit(text).path))
        articles, problems = await asyncio.to_thread(read_local, path, source=source)
        return articles, problems
    if len(scheme) > 1 and "://" in text:
        message = f"{source}: unsupported scheme {scheme!r} (use http(s) URLs or local paths)"
        return [], [SourceProblem(source, message, "error")]
    return await asyncio.to_thread(read_local, text, source=source)


def _kind(result: FetchResult) -> str | None:
    """'feed', 'html' or None: the document's root element first, then the content type
    (servers often label feeds text/html or text/plain, and pages text/xml)."""
    head = result.content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html"):
        return "html"
    root = _ROOT_ELEMENT.search(head)
    if root is not None:
        return "html" if root.group(1) == b"html" else "feed"
    content_type = result.content_type or ""
    if content_type in _HTML_TYPES:
        return "html"
    if content_type in _FEED_TYPES or content_type.endswith("+xml"):
        return "feed"  # parse_feed then says what is wrong with it
    return None


async def _collect_url(url: str, source: str, limiter: _Limiter, known: Container[str]) -> Outcome:
    if url in known:
        return [], []
    try:
        result = await limiter.fetch(url)
    except FetchError as exc:
        return [], [SourceProblem(source, str(exc), "error")]
    kind = _kind(result)
    if kind == "feed":
        try:
            feed = await asyncio.to_thread(parse_feed, result.content, result.url)
        except FeedError as exc:
            return [], [SourceProblem(source, f"{url}: {exc}", "error")]
        return await _collect_feed(feed, source, limiter, known)
    if kind == "html":
        if result.url in known:
            return [], []
        try:
            article = await asyncio.to_thread(_extract, result, source, None)
        except ExtractError as exc:
            return [], [SourceProblem(source, str(exc), "error")]
        return [article], []
    shown = result.content_type or "no content type"
    message = f"{url}: neither an RSS/Atom feed nor an HTML page ({shown})"
    return [], [SourceProblem(source, message, "error")]


def _extract(result: FetchResult, source: str, hint: FeedEntry | None) -> ArticleInput:
    markup = decode_html(result.content, result.charset)
    return extract_page(markup, result.url, hint=hint, source=source)


async def _collect_feed(
    feed: ParsedFeed, source: str, limiter: _Limiter, known: Container[str]
) -> Outcome:
    problems: list[SourceProblem] = []
    if not feed.entries:
        problems.append(SourceProblem(source, f"{feed.url}: the feed has no entries", "warning"))
    jobs = []
    links: set[str] = set()
    cap = limiter.config.max_feed_entries
    beyond = 0
    for entry in feed.entries:
        link = _entry_link(entry)
        if link is None:
            name = entry.title or entry.guid or "untitled"
            problems.append(
                SourceProblem(
                    source, f"{feed.url}: entry {name!r} has no http(s) link, skipped", "warning"
                )
            )
            continue
        key = canonical(link)
        if key in links or link in known or (entry.guid and entry.guid in known):
            continue
        if len(jobs) >= cap:
            beyond += 1
            continue
        links.add(key)
        jobs.append(_collect_entry(entry, link, feed, source, limiter, known))
    if beyond:
        problems.append(
            SourceProblem(
                source,
                f"{feed.url}: {beyond} more new entries beyond the first {cap} not read this time",
                "warning",
            )
        )
    outcomes = await asyncio.gather(*jobs)
    articles: list[ArticleInput] = []
    for article, problem in outcomes:
        if article is not None:
            articles.append(article)
        if problem is not None:
            problems.append(problem)
    return articles, problems


def _entry_link(entry: FeedEntry) -> str | None:
    for candidate in (entry.link, entry.guid):
        if candidate and urlsplit(candidate).scheme.lower() in ("http", "https"):
            return candidate
    return None


async def _collect_entry(
    entry: FeedEntry,
    link: str,
    feed: ParsedFeed,
    source: str,
    limiter: _Limiter,
    known: Container[str],
) -> tuple[ArticleInput | None, SourceProblem | None]:
    # Without an RSS <source>, the feed's own title is the best outlet name we have.
    hint = entry if entry.outlet else replace(entry, outlet=feed.title)
    try:
        result = await limiter.fetch(link)
        if result.url != link and result.url in known:
            return None, None
        if _kind(result) != "html":
            shown = result.content_type or "no content type"
            raise ExtractError(f"{result.url}: not an HTML page ({shown})")
        return await asyncio.to_thread(_extract, result, source, hint), None
    except (FetchError, ExtractError) as exc:
        reason = str(exc)
    except Exception as exc:  # a bug on one page must not lose the feed's other entries
        log.exception("unexpected error on %s", link)
        reason = f"{link}: unexpected error: {exc!r}"
    fallback = _from_entry(hint, link, source)
    if fallback is None:
        message = f"{reason}; the feed entry has no title or summary to fall back on"
        return None, SourceProblem(source, message, "error")
    message = f"{reason}; used the feed entry's title and summary instead"
    return fallback, SourceProblem(source, message, "warning")


def _from_entry(entry: FeedEntry, link: str, source: str) -> ArticleInput | None:
    title = entry.title or ""
    summary = entry.summary or ""
    if not title and not summary:
        return None
    parts = [title] if title else []
    if summary and summary != title:
        parts.append(summary)
    text = "\n\n".join(parts)
    return ArticleInput(
        url=link,
        title=title or summary[:200],
        text=text,
        source=source,
        lang=detect_language(text, hint=entry.lang),
        published=entry.published,
        outlet=entry.outlet,
        summary=entry.summary,
        author=entry.author,
    )


# --- polling one registered feed ----------------------------------------------------------

KnownUrls = Container[str] | Callable[[Sequence[str]], Container[str]]


@dataclass
class FeedPoll:
    """One poll of a registered feed.

    `error` says why the feed itself could not be fetched or parsed (the poll failed and the
    caller backs off; the message does not repeat the URL); entry-level failures are
    `problems` and the poll still counts as a success. `not_modified` means the server
    answered 304 to our validators. `etag` and `last_modified` are the validators to send
    next time.
    """

    url: str
    articles: list[ArticleInput] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    entries: int = 0
    error: str | None = None

    @property
    def entry_errors(self) -> int:
        """Entries that produced nothing (worth fetching the whole feed again next time)."""
        return sum(1 for p in self.problems if p.level == "error")


class FeedCollector:
    """Polls many feeds with one set of bounds: overall and per-host request limits are
    shared by every feed of a round, so ten feeds on one site still open at most
    `max_per_host` connections to it. Feeds that may fetch private addresses get their own
    client (the address guard lives in the client) under the same bounds.

    Use as `async with FeedCollector(config) as c: await c.collect_feed(...)`.
    """

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self._clients: list[httpx.AsyncClient] = []
        self._limiters: dict[bool, _Limiter] = {}

    async def __aenter__(self) -> FeedCollector:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        for client in self._clients:
            await client.aclose()
        self._clients.clear()
        self._limiters.clear()

    def _limiter(self, allow_private: bool) -> _Limiter:
        allow = allow_private or self.config.allow_private
        if allow not in self._limiters:
            config = replace(self.config, allow_private=allow)
            client = make_client(config)
            self._clients.append(client)
            first = next(iter(self._limiters.values()), None)
            self._limiters[allow] = (
                first.sharing_bounds(client, config) if first else _Limiter(client, config)
            )
        return self._limiters[allow]

    async def collect_feed(
        self,
        url: str,
        *,
        allow_private: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
        known_urls: KnownUrls = frozenset(),
    ) -> FeedPoll:
        """Fetch `url` conditionally and turn its new entries into articles.

        `known_urls` is a container of stored URLs, or a function given every entry link and
        guid at once that returns the stored ones (one database query per feed, called in a
        worker thread). Never raises for a feed's own problems: they become `error`.
        """
        limiter = self._limiter(allow_private)
        try:
            result = await limiter.fetch(url, etag=etag, last_modified=last_modified)
        except FetchError as exc:
            return FeedPoll(url, error=exc.reason, etag=etag, last_modified=last_modified)
        if result.not_modified:
            return FeedPoll(
                url, not_modified=True, etag=result.etag, last_modified=result.last_modified
            )
        poll = FeedPoll(url, etag=result.etag, last_modified=result.last_modified)
        kind = _kind(result)
        if kind != "feed":
            shown = "an HTML page" if kind == "html" else (result.content_type or "unknown")
            poll.error = f"not an RSS/Atom feed ({shown})"
            return poll
        try:
            feed = await asyncio.to_thread(parse_feed, result.content, result.url)
        except FeedError as exc:
            poll.error = str(exc)
            return poll
        poll.title = feed.title
        poll.entries = len(feed.entries)
        if callable(known_urls):
            given = {x for e in feed.entries for x in (e.link, e.guid) if x}
            candidates = sorted(given | {canonical(x) for x in given})
            known: Container[str] = _Known(await asyncio.to_thread(known_urls, candidates))
        else:
            known = _Known(known_urls)
        articles, problems = await _collect_feed(feed, url, limiter, known)
        seen: set[str] = set()
        for article in map(_canonical_article, articles):
            if article.url in seen or article.url in known:
                continue
            seen.add(article.url)
            poll.articles.append(article)
        poll.problems.extend(problems)
        return poll


async def collect_feed(
    url: str,
    config: FetchConfig | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    known_urls: KnownUrls = frozenset(),
) -> FeedPoll:
    """Poll one feed with its own client (see `FeedCollector.collect_feed`)."""
    async with FeedCollector(config) as collector:
        return await collector.collect_feed(
            url, etag=etag, last_modified=last_modified, known_urls=known_urls
        )
