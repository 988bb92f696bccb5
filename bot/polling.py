"""The polling core behind `factwatch run`: due feeds fetched, new entries ingested.

Every feed whose `next_poll_at` is due is fetched with conditional GET (ETag / Last-Modified),
with bounded concurrency overall and per host (shared by every feed of a round); new entries go
through the same `Pipeline` as `factwatch ingest`, one ingest at a time in a worker thread so
the event loop (and the Telegram bot in it) stays responsive.

Crash safety: the pipeline commits each article in its own transaction, and a feed's
validators and schedule are written only after its ingest has finished. A crash (even
kill -9) therefore leaves the feed due with its old validators: the next poll fetches the
feed again, skips the articles already stored (their URLs are unique) and ingests the rest.
Stories whose articles were stored but not yet reconciled are found by
`factwatch.store.feeds.unreconciled_stories` (claims without a fact) and reconciled at
start-up.

Failures back off exponentially (`factwatch.feeds.backoff_delay`) and never stop the other
feeds of the round.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from factwatch.feeds import DEFAULT_INTERVAL, backoff_delay, format_interval, safe_url
from factwatch.ingest.params import DEFAULT, Params
from factwatch.store import feeds as rows
from factwatch.store.db import ConcurrentWrite, Database
from factwatch.store.feeds import DueFeed, Problem
from factwatch.store.repository import utcnow

if TYPE_CHECKING:
    from factwatch.ingest.embed import Embedder
    from factwatch.ingest.models import ArticleInput
    from factwatch.ingest.pipeline import Pipeline
    from factwatch.ingest.sources import FeedCollector, FeedPoll, FetchConfig

log = logging.getLogger("factwatch.feeds")


@dataclass
class IngestTotals:
    """What the pipeline did for one feed's new articles."""

    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    claims: int = 0
    new_stories: int = 0
    merged_stories: int = 0
    conflicts_changed: int = 0
    problems: list[str] = field(default_factory=list)
    completed: bool = True

    def add(self, report: Any) -> None:
        self.added += report.added
        self.duplicates += report.duplicates
        self.skipped += report.skipped
        self.claims += report.claims
        self.new_stories += report.new_stories
        self.merged_stories += report.merged_stories
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
        params: Params | None = None,
    ) -> None:
        from factwatch.ingest.sources import FetchConfig

        self.db = db
        self._params = params
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

    async def repair(self) -> int:
        """`Pipeline.repair` on the ingest thread: stories a killed run left unreconciled."""
        return await asyncio.shield(self._submit(lambda: self._pipeline_on_thread().repair()))

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
        now = now or utcnow()
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

    def _due(self, now: datetime) -> list[DueFeed]:
        return rows.due_feeds(self.db, now)

    async def _guarded(
        self, due: DueFeed, collector: FeedCollector, slots: asyncio.Semaphore
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
        self, due: DueFeed, collector: FeedCollector, slots: asyncio.Semaphore
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
        self, due: DueFeed, poll: FeedPoll, totals: IngestTotals | None, started: float
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
        return rows.known_urls(self.db, candidates)

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

            self._pipeline = Pipeline(
                self.db, self._embedder_source(), params=self._params or DEFAULT
            )
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
        except ConcurrentWrite:
            # Another process stored one of these URLs meanwhile: run again, the stored ones
            # are skipped.
            log.warning("feed %d: an article was stored concurrently; retrying", feed_id)
            report = pipeline.ingest(articles, feed_id=feed_id, should_stop=self._stop.is_set)
        totals.add(report)
        totals.completed = not report.stopped
        return totals

    # -------------------------------------------------------- state

    def _record_problems(self, due: DueFeed, poll: FeedPoll | None, totals: IngestTotals | None):
        rows.record_problems(self.db, _problems(due, poll, totals))

    def _record_success(
        self, due: DueFeed, poll: FeedPoll, totals: IngestTotals | None
    ) -> FeedPollReport:
        now = utcnow()
        interval = due.interval_seconds or DEFAULT_INTERVAL
        next_poll = now + timedelta(seconds=interval)
        if poll.not_modified:
            etag, last_modified, keep = poll.etag, poll.last_modified, True
        elif poll.entry_errors or (totals and totals.problems):
            # Something was not ingested: no validators, so the next poll gets the whole feed
            # again and retries it (stored entries are skipped).
            etag, last_modified, keep = None, None, False
        else:
            etag = (poll.etag or "")[:500] or None
            last_modified = (poll.last_modified or "")[:100] or None
            keep = False
        rows.record_success(
            self.db,
            due.id,
            _problems(due, poll, totals),
            etag=etag,
            last_modified=last_modified,
            keep_stored=keep,
            title=poll.title[:500] if poll.title else None,
            fetched_at=now,
            next_poll_at=next_poll,
        )
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
        self, due: DueFeed, message: str, poll: FeedPoll | None = None
    ) -> FeedPollReport:
        now = utcnow()
        failures = due.error_count + 1
        interval = due.interval_seconds or DEFAULT_INTERVAL
        next_poll = now + timedelta(seconds=backoff_delay(interval, failures, self.rng))
        problems = [*_problems(due, poll, None), (due.url, "error", message)]
        rows.record_failure(self.db, due.id, problems, message, next_poll)
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
            wait = format_interval((r.next_poll_at - utcnow()).total_seconds())
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


def _problems(due: DueFeed, poll: FeedPoll | None, totals: IngestTotals | None) -> list[Problem]:
    """What a poll and its ingest reported, as rows for ingest_problems."""
    out: list[Problem] = [(due.url, p.level, p.message) for p in (poll.problems if poll else ())]
    out += [(due.url, "error", message) for message in (totals.problems if totals else ())]
    return out
