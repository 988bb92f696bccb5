"""The feed registry's rows and the poller's reads and writes of them (the `feeds` table).

What a feed may be (URL checks, interval limits) and when it is polled are decided in
`factwatch.feeds` and `factwatch.polling`; this module only reads and writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from factwatch.store import repository as repo
from factwatch.store.db import Database
from factwatch.store.models import Article, ClaimRow, Feed

__all__ = [
    "DueFeed",
    "FeedInfo",
    "Problem",
    "add_feed",
    "delete_feed",
    "due_feeds",
    "feed_by_ref",
    "feed_id_by_url",
    "get_feed",
    "list_feeds",
    "record_failure",
    "record_problems",
    "record_success",
    "set_active",
    "unreconciled_stories",
]

Problem = tuple[str, str, str]
"""(source, level, message): one line of the ingest_problems table."""


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


@dataclass(frozen=True)
class DueFeed:
    """What polling a feed needs: its address and its conditional-GET validators."""

    id: int
    url: str
    allow_private: bool
    etag: str | None
    last_modified: str | None
    interval_seconds: int | None
    error_count: int


# ---------------------------------------------------------------- registry


def feed_id_by_url(db: Database, url: str) -> int | None:
    with db.session() as s:
        return s.scalar(select(Feed.id).where(Feed.url == url))


def add_feed(
    db: Database,
    url: str,
    *,
    title: str | None,
    interval_seconds: int,
    allow_private: bool,
) -> int | None:
    """Insert a feed, due at once; its id, or None if the URL was registered meanwhile."""
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
            return feed.id
    except IntegrityError:
        return None


def feed_by_ref(db: Database, ref: int | str) -> FeedInfo | None:
    """A feed by id (digits) or URL."""
    with db.session() as s:
        feed = _find(s, ref)
        return None if feed is None else _info(feed, _article_counts(s, [feed.id]).get(feed.id, 0))


def get_feed(db: Database, feed_id: int) -> FeedInfo | None:
    return feed_by_ref(db, feed_id)


def list_feeds(db: Database) -> list[FeedInfo]:
    with db.session() as s:
        feeds = list(s.scalars(select(Feed).order_by(Feed.id)))
        counts = _article_counts(s, [f.id for f in feeds])
        return [_info(f, counts.get(f.id, 0)) for f in feeds]


def delete_feed(db: Database, ref: int | str) -> FeedInfo | None:
    """Forget a feed; its articles stay (their feed_id becomes NULL). The feed as it was."""
    with db.session() as s:
        feed = _find(s, ref)
        if feed is None:
            return None
        info = _info(feed, _article_counts(s, [feed.id]).get(feed.id, 0))
        s.execute(update(Article).where(Article.feed_id == feed.id).values(feed_id=None))
        s.delete(feed)
    return info


def set_active(db: Database, ref: int | str, active: bool) -> int | None:
    """Pause or resume a feed; resuming clears the back-off (due at once). Its id."""
    with db.session() as s:
        feed = _find(s, ref)
        if feed is None:
            return None
        feed.active = active
        if active:
            feed.error_count = 0
            feed.next_poll_at = repo.utcnow()
        return feed.id


def _find(s: Session, ref: int | str) -> Feed | None:
    text = str(ref).strip()
    feed = None
    if text.isdigit():
        feed = s.get(Feed, int(text))
    if feed is None:
        feed = s.scalar(select(Feed).where(Feed.url == text))
    return feed


def _article_counts(s: Session, feed_ids: Sequence[int]) -> dict[int, int]:
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


# ---------------------------------------------------------------- polling


def due_feeds(db: Database, now: datetime) -> list[DueFeed]:
    """Active feeds whose next_poll_at has come (or was never set), longest waiting first."""
    with db.session() as s:
        feeds = s.scalars(
            select(Feed)
            .where(
                Feed.active.is_(True),
                or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now),
            )
            .order_by(Feed.next_poll_at.asc().nullsfirst(), Feed.id)
        )
        return [
            DueFeed(
                f.id,
                f.url,
                bool(f.allow_private),
                f.etag,
                f.last_modified,
                f.interval_seconds,
                f.error_count or 0,
            )
            for f in feeds
        ]


def known_urls(db: Database, urls: Iterable[str]) -> set[str]:
    with db.session() as s:
        return repo.known_urls(s, urls)


def record_problems(db: Database, problems: Iterable[Problem]) -> None:
    with db.session() as s:
        for source, level, message in problems:
            repo.record_problem(s, source, level, message)


def record_success(
    db: Database,
    feed_id: int,
    problems: Iterable[Problem],
    *,
    etag: str | None,
    last_modified: str | None,
    keep_stored: bool,
    title: str | None,
    fetched_at: datetime,
    next_poll_at: datetime,
) -> None:
    """A poll that worked: its problems, the validators (`keep_stored`: where the new ones
    are empty, keep the stored ones, as after a 304), a title if the feed had none, and the
    next poll; the error count is cleared."""
    with db.session() as s:
        for source, level, message in problems:
            repo.record_problem(s, source, level, message)
        feed = s.get(Feed, feed_id)
        if feed is None:
            return
        if keep_stored:
            feed.etag = etag or feed.etag
            feed.last_modified = last_modified or feed.last_modified
        else:
            feed.etag, feed.last_modified = etag, last_modified
        if title and not feed.title:
            feed.title = title
        feed.last_fetched_at = fetched_at
        feed.last_error = None
        feed.error_count = 0
        feed.next_poll_at = next_poll_at


def record_failure(
    db: Database, feed_id: int, problems: Iterable[Problem], message: str, next_poll_at: datetime
) -> None:
    """A poll that failed: its problems, the error, one more failure, the retry time."""
    with db.session() as s:
        for source, level, text in problems:
            repo.record_problem(s, source, level, text)
        s.execute(
            update(Feed)
            .where(Feed.id == feed_id)
            .values(last_error=message, error_count=Feed.error_count + 1, next_poll_at=next_poll_at)
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
