"""The feed registry and the polling core behind `factwatch feeds` and `factwatch run`.

Registry: add, list, remove, pause and resume feeds (the `feeds` table). Polling: every
feed whose `next_poll_at` is due is fetched with conditional GET (ETag / Last-Modified), with
bounded concurrency overall and per host (shared by every feed of a round); new entries go
through the same `Pipeline` as `factwatch ingest`, one ingest at a time in a worker thread so
the event loop (and the Telegram bot in it) stays responsive.

Crash safety: the pipeline commits each article in its own transaction, and a feed's
validators and schedule are written only after its ingest has finished. A crash (even
kill -9) therefore leaves the feed due with its old validators: the next poll fetches the
feed again, skips the articles already stored (their URLs are unique) and ingests the rest.
Stories whose articles were stored but not yet reconciled are found by `unreconciled_stories`
(claims without a fact) and reconciled at start-up.

Failures back off exponentially (interval x 2^failures, with jitter, capped at 6 h) and never
stop the other feeds of the round.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from factwatch.store import repository as repo
from factwatch.store.db import Database
from factwatch.store.models import Article, ClaimRow, Feed

if TYPE_CHECKING:
    from factwatch.ingest.embed import Embedder
    from factwatch.ingest.models import ArticleInput
    from factwatch.ingest.pipeline import Pipeline
    from factwatch.ingest.sources import FeedCollector, FeedPoll, FetchConfig

log = logging.getLogger("factwatch.feeds")

DEFAULT_INTERVAL = 15 * 60
MIN_INTERVAL = 60
MAX_INTERVAL = 7 * 24 * 3600
BACKOFF_CAP = 6 * 3600
BACKOFF_JITTER = 0.2  # +-20 %: feeds that failed together do not retry together

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL_PART = re.compile(r"(\d+)\s*([smhd])")


class FeedRegistryError(ValueError):
    """A feed command cannot be done; the message says why, for the operator."""


# ---------------------------------------------------------------- intervals


def parse_interval(text: str) -> int:
    """Seconds in "90s", "15m", "1h", "1h30m", "2d" or a bare number of seconds.

    Raises FeedRegistryError with the accepted forms and limits when the text is not one.
    """
    raw = text.strip().lower()
    if not raw:
        raise FeedRegistryError("the interval is empty (examples: 90s, 15m, 1h, 1h30m)")
    if raw.isdigit():
        seconds = int(raw)
    else:
        compact = raw.replace(" ", "")
        parts = _INTERVAL_PART.findall(compact)
        if not parts or "".join(n + u for n, u in parts) != compact:
            raise FeedRegistryError(
                f"cannot read the interval {text!r}: use a number with a unit, "
                "s (seconds), m (minutes), h (hours) or d (days), e.g. 90s, 15m, 1h, 1h30m"
            )
        units = [u for _, u in parts]
        if len(set(units)) != len(units):
            raise FeedRegistryError(f"cannot read the interval {text!r}: a unit is repeated")
        seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if seconds < MIN_INTERVAL:
        raise FeedRegistryError(
            f"the interval {text!r} is too short: at least {format_interval(MIN_INTERVAL)}, "
            "so factwatch stays polite to the sites it polls"
        )
    if seconds > MAX_INTERVAL:
        raise FeedRegistryError(
            f"the interval {text!r} is too long: at most {format_interval(MAX_INTERVAL)}"
        )
    return seconds


def format_interval(seconds: float) -> str:
    """Short human form: 45s, 15m, 1h30m, 2d."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        n, seconds = divmod(seconds, size)
        if n:
            out.append(f"{n}{unit}")
        if len(out) == 2:
            break
    return "".join(out)


def backoff_delay(
    interval: int, failures: int, rng: random.Random | None = None, cap: int = BACKOFF_CAP
) -> float:
    """Seconds until the next try after `failures` consecutive failures (>= 1).

    interval x 2^failures with +-20 % jitter, never more than `cap` (nor less than the
    interval): a feed down for a day is tried a few times an hour at first, then every ~6 h.
    """
    rng = rng or random.Random()
    base = interval * 2 ** min(max(failures, 1), 16)
    jittered = base * rng.uniform(1 - BACKOFF_JITTER, 1 + BACKOFF_JITTER)
    return float(max(min(jittered, cap), min(interval, cap)))


# ---------------------------------------------------------------- registry


@dataclass(frozen=True)
class FeedInfo:
    """One registered feed as the operator sees it."""

    id: int
    url: str
    title: str | None
    interval_seconds: int
    allow_private: bool
    active: bool
    last_fetched_at: datetime | None
    last_error: str | None
    error_count: int
    next_poll_at: datetime | None
    articles: int = 0

    @property
    def status(self) -> str:
        if not self.active:
            return "paused"
        if self.error_count:
            return f"failing ({self.error_count}x)"
        if self.last_fetched_at is None:
            return "new"
        return "ok"


def validate_feed_url(url: str, allow_private: bool = False) -> str:
    """The URL, stripped, if it can be a feed address; FeedRegistryError says what is wrong.

    Only http(s) with a host. Private, loopback and link-local IP literals (and localhost)
    are refused without `allow_private`: the fetcher would refuse them anyway, and an
    operator should learn that now rather than from the first poll. Host names are not
    resolved here (the fetcher checks every address it connects to).
    """
    text = url.strip()
    if not text:
        raise FeedRegistryError("the feed URL is empty")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise FeedRegistryError(f"{safe_url(text)} is not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FeedRegistryError(
            f"{safe_url(text)} is not an http(s) URL: feeds are fetched over HTTP or HTTPS"
        )
    if not host:
        raise FeedRegistryError(f"{safe_url(text)} has no host name")
    if any(c.isspace() for c in text):
        raise FeedRegistryError(f"{safe_url(text)} contains spaces")
    if not allow_private and _is_internal_host(host):
        raise FeedRegistryError(
            f"{safe_url(text)} points to a private, loopback or link-local address; "
            "add it with --allow-private if this internal feed is intended"
        )
    return text


def safe_url(url: str) -> str:
    """The URL for messages, with credentials and secret-looking parameters masked."""
    from factwatch.ingest.sources import redact_url

    return redact_url(url)


def _is_internal_host(host: str) -> bool:
    from factwatch.ingest.sources import is_public_address

    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
        ".localhost"
    ):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not is_public_address(ip)


def add_feed(
    db: Database,
    url: str,
    *,
    interval_seconds: int = DEFAULT_INTERVAL,
    allow_private: bool = False,
    title: str | None = None,
) -> FeedInfo:
    """Register a feed; it is due at once (`factwatch run` polls it within a minute)."""
    url = validate_feed_url(url, allow_private)
    if not MIN_INTERVAL <= interval_seconds <= MAX_INTERVAL:
        raise FeedRegistryError(
            f"the interval must be between {format_interval(MIN_INTERVAL)} and "
            f"{format_interval(MAX_INTERVAL)}"
        )
    with db.session() as s:
        existing = s.scalar(select(Feed).where(Feed.url == url))
        if existing is not None:
            raise FeedRegistryError(f"{safe_url(url)} is already registered as feed {existing.id}")
    now = repo.utcnow()
    try:
        with db.session() as s:
            feed = Feed(
                url=url,
                title=title,
                interval_seconds=interval_seconds,
                allow_private=allow_private,
                active=True,
                error_count=0,
                next_poll_at=now,
                created_at=now,
            )
            s.add(feed)
            s.flush()
            feed_id = feed.id
    except IntegrityError:  # added by someone else between the check and the insert
        raise FeedRegistryError(f"{safe_url(url)} is already registered") from None
    return get_feed(db, feed_id)


def get_feed(db: Database, ref: int | str) -> FeedInfo:
    with db.session() as s:
        feed = _find(s, ref)
        return _info(feed, _article_counts(s, [feed.id]).get(feed.id, 0))


def list_feeds(db: Database) -> list[FeedInfo]:
    with db.session() as s:
        feeds = list(s.scalars(select(Feed).order_by(Feed.id)))
        counts = _article_counts(s, [f.id for f in feeds])
        return [_info(f, counts.get(f.id, 0)) for f in feeds]


def remove_feed(db: Database, ref: int | str) -> FeedInfo:
    """Stop polling a feed and forget it. Its articles stay (their feed_id becomes NULL)."""
    with db.session() as s:
        feed = _find(s, ref)
        info = _info(feed, _article_counts(s, [feed.id]).get(feed.id, 0))
        s.execute(update(Article).where(Article.feed_id == feed.id).values(feed_id=None))
        s.delete(feed)
    return info


def set_active(db: Database, ref: int | str, active: bool) -> FeedInfo:
    """Pause or resume a feed. Resuming clears the back-off: it is due at once."""
    with db.session() as s:
        feed = _find(s, ref)
        feed.active = active
        if active:
            feed.error_count = 0
            feed.next_poll_at = repo.utcnow()
        feed_id = feed.id
    return get_feed(db, feed_id)


def _find(s, ref: int | str) -> Feed:
    text = str(ref).strip()
    feed = None
    if text.isdigit():
        feed = s.get(Feed, int(text))
    if feed is None:
        feed = s.scalar(select(Feed).where(Feed.url == text))
    if feed is None:
        raise FeedRegistryError(
            f"no feed {safe_url(text)!r}: give a feed id or URL as `factwatch feeds list` shows"
        )
    return feed


def _article_counts(s, feed_ids: Sequence[int]) -> dict[int, int]:
    if not feed_ids:
        return {}
    rows = s.execute(
        select(Article.feed_id, func.count())
        .where(Article.feed_id.in_(list(feed_ids)))
        .group_by(Article.feed_id)
    ).all()
    return {fid: n for fid, n in rows}


def _info(feed: Feed, articles: int) -> FeedInfo:
    return FeedInfo(
        id=feed.id,
        url=feed.url,
        title=feed.title,
        interval_seconds=feed.interval_seconds,
        allow_private=bool(feed.allow_private),
        active=bool(feed.active),
        last_fetched_at=feed.last_fetched_at,
        last_error=feed.last_error,
        error_count=feed.error_count or 0,
        next_poll_at=feed.next_poll_at,
        articles=articles,
    )


# ---------------------------------------------------------------- recovery


def unreconciled_stories(db: Database) -> list[int]:
    """Stories with stored claims that no fact holds yet.

    Reconciliation gives every claim of a story a fact; claims without one belong to
    articles stored by an ingest that was killed before it reconciled their story.
    """
    with db.session() as s:
        rows = s.scalars(
            select(Article.story_id)
            .join(ClaimRow, ClaimRow.article_id == Article.id)
            .where(ClaimRow.fact_id.is_(None), Article.story_id.is_not(None))
            .distinct()
        )
        return sorted(int(x) for x in rows)


# ---------------------------------------------------------------- polling


@dataclass
class IngestTotals:
    """What the pipeline did for one feed's new articles."""

    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    claims: int = 0
    new_stories: int = 0
    conflicts_changed: int = 0
    problems: list[str] = field(default_factory=list)
    completed: bool = True

    def add(self, report: Any) -> None:
        self.added += report.added
        self.duplicates += report.duplicates
        self.skipped += report.skipped
        self.claims += report.claims
        self.new_stories += report.new_stories
        self.conflicts_changed += report.conflicts_changed
        self.problems.extend(report.problems)


@dataclass
class FeedPollReport:
    """One feed's poll. `outcome` is `ok`, `not_modified`, `failed` or `interrupted`."""

    feed_id: int
    url: str
    outcome: str
    entries: int = 0
    new_articles: int = 0
    ingest: IngestTotals | None = None
    problems: int = 0
    error: str | None = None
    error_count: int = 0
    next_poll_at: datetime | None = None


@dataclass
class PollRound:
    feeds: list[FeedPollReport] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(r.ingest.added for r in self.feeds if r.ingest)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.feeds if r.outcome == "failed")

    @property
    def conflicts_changed(self) -> int:
        return sum(r.ingest.conflicts_changed for r in self.feeds if r.ingest)


@dataclass(frozen=True)
class _Due:
    id: int
    url: str
    allow_private: bool
    etag: str | None
    last_modified: str | None
    interval_seconds: int
    error_count: int


EmbedderSource = Callable[[], "Embedder"]


class FeedPoller:
    """Polls due feeds and ingests what is new; one instance per service process.

    `embedder` is the loaded model or a function returning it (called in the ingest thread
    the first time there is something to ingest, so rounds of 304s never load the model).
    Ingests run one at a time on a dedicated worker thread; `request_stop()` makes the
    running ingest stop after its current article (each article is its own transaction) and
    `wait_idle()` waits for it.
    """

    def __init__(
        self,
        db: Database,
        embedder: Embedder | EmbedderSource,
        fetch_config: FetchConfig | None = None,
        *,
        rng: random.Random | None = None,
        max_feeds: int | None = None,
    ) -> None:
        from factwatch.ingest.sources import FetchConfig

        self.db = db
        self._embedder_source = embedder if callable(embedder) else (lambda: embedder)
        self.fetch_config = fetch_config or FetchConfig()
        self.rng = rng or random.Random()
        self.max_feeds = max_feeds or self.fetch_config.max_concurrency
        self._stop = threading.Event()
        self._ingest_pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="factwatch-ingest"
        )
        self._running: set[concurrent.futures.Future] = set()
        self._in_flight: set[int] = set()
        # One pipeline for the poller's life, used on the ingest thread only: its story index,
        # shingle fingerprints and fact caches carry over from poll to poll.
        self._pipeline: Pipeline | None = None

    # -------------------------------------------------------- lifecycle

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def request_stop(self) -> None:
        self._stop.set()

    async def wait_idle(self) -> None:
        """Wait until no ingest is running (one survives the cancellation of its poll)."""
        while self._running:
            await asyncio.wait([asyncio.wrap_future(f) for f in list(self._running)])

    def close(self) -> None:
        self._ingest_pool.shutdown(wait=True)

    async def reconcile(self, story_ids: Sequence[int]) -> int:
        """Reconcile stories on the ingest thread (never beside a running ingest)."""

        def work() -> int:
            return self._pipeline_on_thread().reconcile(list(story_ids))

        return await asyncio.shield(self._submit(work))

    # -------------------------------------------------------- one round

    async def poll_due(self, now: datetime | None = None) -> PollRound:
        """Poll every active feed whose next_poll_at has come (or was never set)."""
        from factwatch.ingest.sources import FeedCollector

        result = PollRound()
        if self.stopping:
            return result
        now = now or repo.utcnow()
        due = [d for d in await asyncio.to_thread(self._due, now) if d.id not in self._in_flight]
        if not due:
            return result
        slots = asyncio.Semaphore(self.max_feeds)
        async with FeedCollector(self.fetch_config) as collector:
            reports = await asyncio.gather(
                *(self._guarded(d, collector, slots) for d in due), return_exceptions=False
            )
        result.feeds.extend(r for r in reports if r is not None)
        return result

    def _due(self, now: datetime) -> list[_Due]:
        with self.db.session() as s:
            feeds = s.scalars(
                select(Feed)
                .where(
                    Feed.active.is_(True),
                    or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now),
                )
                .order_by(Feed.next_poll_at.asc().nullsfirst(), Feed.id)
            )
            return [
                _Due(
                    f.id,
                    f.url,
                    bool(f.allow_private),
                    f.etag,
                    f.last_modified,
                    f.interval_seconds or DEFAULT_INTERVAL,
                    f.error_count or 0,
                )
                for f in feeds
            ]

    async def _guarded(
        self, due: _Due, collector: FeedCollector, slots: asyncio.Semaphore
    ) -> FeedPollReport | None:
        self._in_flight.add(due.id)
        try:
            return await self._poll_one(due, collector, slots)
        except Exception as exc:  # a bug with one feed must not stop the others
            log.exception("feed %d %s: unexpected error", due.id, safe_url(due.url))
            message = f"unexpected error: {exc!r}"
            try:
                return await asyncio.to_thread(self._record_failure, due, message)
            except Exception:
                log.exception("feed %d: could not record the failure", due.id)
                return FeedPollReport(due.id, due.url, "failed", error=message)
        finally:
            self._in_flight.discard(due.id)

    async def _poll_one(
        self, due: _Due, collector: FeedCollector, slots: asyncio.Semaphore
    ) -> FeedPollReport | None:
        started = time.monotonic()
        async with slots:
            if self.stopping:
                return None
            poll = await collector.collect_feed(
                due.url,
                allow_private=due.allow_private,
                etag=due.etag,
                last_modified=due.last_modified,
                known_urls=self._known_urls,
            )
        if poll.error is not None:
            report = await asyncio.to_thread(self._record_failure, due, poll.error)
            self._log(report, time.monotonic() - started)
            return report
        if not poll.articles:
            return await self._finish(due, poll, None, started)
        if self.stopping:
            return FeedPollReport(due.id, due.url, "interrupted", entries=poll.entries)
        ingest = self._submit(self._ingest, poll.articles, due.id)
        try:
            totals = await asyncio.shield(ingest)
        except asyncio.CancelledError:
            # Shutdown cancelled this poll: the ingest thread ends its article (it saw the
            # stop request); wait for it so the feed's state and the log say what happened,
            # then let the cancellation through.
            try:
                totals = await ingest
            except Exception:
                log.exception("feed %d: ingest failed during shutdown", due.id)
                raise asyncio.CancelledError from None
            await self._finish(due, poll, totals, started)
            raise
        except Exception as exc:
            log.exception("feed %d: ingest failed", due.id)
            report = await asyncio.to_thread(
                self._record_failure, due, f"ingest failed: {exc}", poll
            )
            self._log(report, time.monotonic() - started)
            return report
        return await self._finish(due, poll, totals, started)

    async def _finish(
        self, due: _Due, poll: FeedPoll, totals: IngestTotals | None, started: float
    ) -> FeedPollReport:
        if totals is not None and not totals.completed:
            # Stopped between articles: leave the feed due with its old validators, so the
            # next start fetches it again and ingests what is missing.
            await asyncio.to_thread(self._record_problems, due, poll, totals)
            report = FeedPollReport(
                due.id,
                due.url,
                "interrupted",
                entries=poll.entries,
                new_articles=len(poll.articles),
                ingest=totals,
            )
        else:
            report = await asyncio.to_thread(self._record_success, due, poll, totals)
        self._log(report, time.monotonic() - started)
        return report

    def _known_urls(self, candidates: Sequence[str]) -> set[str]:
        with self.db.session() as s:
            return repo.known_urls(s, candidates)

    # -------------------------------------------------------- ingest

    def _submit(self, fn: Callable[..., Any], *args: Any) -> asyncio.Future:
        """Run `fn` on the ingest thread (one job at a time). The thread cannot be
        cancelled: `wait_idle()` waits for whatever it is doing."""
        future = self._ingest_pool.submit(fn, *args)
        self._running.add(future)
        future.add_done_callback(self._running.discard)
        return asyncio.wrap_future(future)

    def _pipeline_on_thread(self) -> Pipeline:
        """The poller's pipeline, made on the ingest thread the first time it is needed."""
        if self._pipeline is None:
            from factwatch.ingest.pipeline import Pipeline

            self._pipeline = Pipeline(self.db, self._embedder_source())
        return self._pipeline

    def _ingest(self, articles: list[ArticleInput], feed_id: int) -> IngestTotals:
        totals = IngestTotals()
        if self._stop.is_set():
            totals.completed = False
            return totals
        pipeline = self._pipeline_on_thread()
        # One call per poll: facts and conflicts are reconciled once, so a feed's new articles
        # raise one alert per changed conflict; `should_stop` still stops between articles.
        try:
            report = pipeline.ingest(articles, feed_id=feed_id, should_stop=self._stop.is_set)
        except IntegrityError:
            # Another process stored one of these URLs meanwhile: run again, the stored ones
            # are skipped.
            log.warning("feed %d: an article was stored concurrently; retrying", feed_id)
            report = pipeline.ingest(articles, feed_id=feed_id, should_stop=self._stop.is_set)
        totals.add(report)
        totals.completed = not report.stopped
        return totals

    # -------------------------------------------------------- state

    def _record_problems(self, due: _Due, poll: FeedPoll | None, totals: IngestTotals | None):
        with self.db.session() as s:
            for p in poll.problems if poll else ():
                repo.record_problem(s, due.url, p.level, p.message)
            for message in totals.problems if totals else ():
                repo.record_problem(s, due.url, "error", message)

    def _record_success(
        self, due: _Due, poll: FeedPoll, totals: IngestTotals | None
    ) -> FeedPollReport:
        now = repo.utcnow()
        next_poll = now + timedelta(seconds=due.interval_seconds)
        with self.db.session() as s:
            for p in poll.problems:
                repo.record_problem(s, due.url, p.level, p.message)
            for message in totals.problems if totals else ():
                repo.record_problem(s, due.url, "error", message)
            feed = s.get(Feed, due.id)
            if feed is not None:
                if poll.not_modified:
                    feed.etag = poll.etag or feed.etag
                    feed.last_modified = poll.last_modified or feed.last_modified
                elif poll.entry_errors or (totals and totals.problems):
                    # Something was not ingested: no validators, so the next poll gets the
                    # whole feed again and retries it (stored entries are skipped).
                    feed.etag = None
                    feed.last_modified = None
                else:
                    feed.etag = (poll.etag or "")[:500] or None
                    feed.last_modified = (poll.last_modified or "")[:100] or None
                if poll.title and not feed.title:
                    feed.title = poll.title[:500]
                feed.last_fetched_at = now
                feed.last_error = None
                feed.error_count = 0
                feed.next_poll_at = next_poll
        return FeedPollReport(
            due.id,
            due.url,
            "not_modified" if poll.not_modified else "ok",
            entries=poll.entries,
            new_articles=len(poll.articles),
            ingest=totals,
            problems=len(poll.problems) + (len(totals.problems) if totals else 0),
            next_poll_at=next_poll,
        )

    def _record_failure(
        self, due: _Due, message: str, poll: FeedPoll | None = None
    ) -> FeedPollReport:
        now = repo.utcnow()
        failures = due.error_count + 1
        next_poll = now + timedelta(seconds=backoff_delay(due.interval_seconds, failures, self.rng))
        with self.db.session() as s:
            for p in poll.problems if poll else ():
                repo.record_problem(s, due.url, p.level, p.message)
            repo.record_problem(s, due.url, "error", message)
            s.execute(
                update(Feed)
                .where(Feed.id == due.id)
                .values(
                    last_error=message,
                    error_count=Feed.error_count + 1,
                    next_poll_at=next_poll,
                )
            )
        return FeedPollReport(
            due.id,
            due.url,
            "failed",
            entries=poll.entries if poll else 0,
            error=message,
            error_count=failures,
            next_poll_at=next_poll,
        )

    # -------------------------------------------------------- logging

    def _log(self, r: FeedPollReport, seconds: float) -> None:
        name = f"feed {r.feed_id} {safe_url(r.url)}"
        wait = ""
        if r.next_poll_at is not None:
            wait = format_interval((r.next_poll_at - repo.utcnow()).total_seconds())
        if r.outcome == "failed":
            log.warning(
                "%s: failed (%d in a row): %s; next try in %s", name, r.error_count, r.error, wait
            )
            return
        if r.outcome == "not_modified":
            log.info("%s: not modified (304) in %.1fs; next poll in %s", name, seconds, wait)
            return
        t = r.ingest or IngestTotals()
        message = (
            f"{name}: {r.entries} entries, {r.new_articles} new, {t.added} added "
            f"({t.duplicates} copies), {t.claims} claims, {t.conflicts_changed} conflict(s) "
            f"new or changed, {r.problems} problem(s) in {seconds:.1f}s"
        )
        if r.outcome == "interrupted":
            log.info("%s; interrupted by shutdown, due again at next start", message)
        else:
            log.info("%s; next poll in %s", message, wait)
