"""The e-mail digest's rows: subscribers (`digest_subscribers`), the record of each day's
digest (`digest_sends`), and what happened in a period (`read_period`).

Validation of addresses, time zones and hours is the digest's (`factwatch.digest.subscribers`);
when a digest is due and how a send ends is `factwatch.digest.send`'s.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from factwatch.store.conflicts import ConflictRow, FactRow, conflict_row, fact_row
from factwatch.store.db import ConcurrentWrite, Database
from factwatch.store.models import (
    Article,
    ClaimRow,
    Conflict,
    DigestSend,
    DigestSubscriber,
    Fact,
    Story,
)
from factwatch.store.repository import utcnow
from factwatch.store.stories import ArticleRow, StoryRow, article_row, story_row

__all__ = [
    "ClaimSource",
    "Period",
    "SendRow",
    "StoryPeriod",
    "Subscriber",
    "claim_day",
    "find_subscriber",
    "finish_send",
    "list_subscribers",
    "previous_period_end",
    "read_period",
    "sends_for",
    "subscribe",
    "subscribers",
    "unsubscribe",
    "unsubscribe_token",
]


# ---------------------------------------------------------------- subscribers


@dataclass(frozen=True)
class Subscriber:
    id: int
    email: str
    tz: str
    hour: int
    topic: str | None
    topic_embedding: bytes | None
    token: str
    active: bool


def _subscriber(r: DigestSubscriber) -> Subscriber:
    return Subscriber(
        r.id, r.email, r.tz, r.hour, r.topic, r.topic_embedding, r.unsubscribe_token, bool(r.active)
    )


def _find(s: Session, email: str) -> DigestSubscriber | None:
    return s.scalars(select(DigestSubscriber).where(DigestSubscriber.email == email)).first()


def subscribe(
    db: Database,
    email: str,
    tz: str,
    hour: int,
    topic: str | None,
    topic_embedding: bytes | None,
) -> tuple[Subscriber, bool]:
    """Add a subscriber (checked values), or update and reactivate one. (row, created)."""
    with db.session() as s:
        row = _find(s, email)
        created = row is None
        if row is None:
            row = DigestSubscriber(
                email=email,
                unsubscribe_token=secrets.token_urlsafe(24),
                created_at=utcnow(),
            )
            s.add(row)
        row.tz = tz
        row.hour = hour
        row.topic = topic
        row.topic_embedding = topic_embedding if topic else None
        row.active = True
        s.flush()
        return _subscriber(row), created


def find_subscriber(db: Database, email: str) -> Subscriber | None:
    with db.session() as s:
        row = _find(s, email)
        return None if row is None else _subscriber(row)


def unsubscribe(db: Database, email: str) -> bool:
    """Stop the digest for `email`; False when it was not subscribed."""
    with db.session() as s:
        row = _find(s, email)
        if row is None or not row.active:
            return False
        row.active = False
        return True


def unsubscribe_token(db: Database, token: str) -> str | None:
    """Stop the digest for the subscriber with this List-Unsubscribe token; their address."""
    with db.session() as s:
        row = s.scalars(
            select(DigestSubscriber).where(DigestSubscriber.unsubscribe_token == token)
        ).first()
        if row is None:
            return None
        row.active = False
        return row.email


def list_subscribers(db: Database, include_inactive: bool = False) -> list[Subscriber]:
    """By address."""
    q = select(DigestSubscriber).order_by(DigestSubscriber.email)
    if not include_inactive:
        q = q.where(DigestSubscriber.active.is_(True))
    with db.session() as s:
        return [_subscriber(r) for r in s.scalars(q)]


def subscribers(db: Database, only: str | None = None) -> list[Subscriber]:
    """The active subscribers in the order they came (only `only`, an address, if given)."""
    q = select(DigestSubscriber).where(DigestSubscriber.active.is_(True))
    if only:
        q = q.where(DigestSubscriber.email == only)
    with db.session() as s:
        return [_subscriber(r) for r in s.scalars(q.order_by(DigestSubscriber.id))]


# ---------------------------------------------------------------- sends


@dataclass(frozen=True)
class SendRow:
    id: int
    subscriber_id: int
    local_date: date
    status: str
    attempts: int
    period_end: datetime | None


def sends_for(
    db: Database, subscriber_ids: Sequence[int], days: Collection[date]
) -> dict[tuple[int, date], SendRow]:
    """The rows of these subscribers on these local days, by (subscriber, day)."""
    with db.session() as s:
        rows = s.scalars(
            select(DigestSend).where(
                DigestSend.subscriber_id.in_(list(subscriber_ids)),
                DigestSend.local_date.in_(sorted(set(days))),
            )
        ).all()
        return {
            (r.subscriber_id, r.local_date): SendRow(
                r.id, r.subscriber_id, r.local_date, r.status, r.attempts, r.period_end
            )
            for r in rows
        }


def previous_period_end(
    db: Database, subscriber_id: int, before: datetime, covered: Collection[str]
) -> datetime | None:
    """Where the subscriber's last digest with a `covered` status that ended before
    `before` ended."""
    with db.session() as s:
        return s.scalar(
            select(DigestSend.period_end)
            .where(
                DigestSend.subscriber_id == subscriber_id,
                DigestSend.status.in_(list(covered)),
                DigestSend.period_end < before,
            )
            .order_by(DigestSend.period_end.desc())
            .limit(1)
        )


@dataclass(frozen=True)
class ClaimedDay:
    id: int
    attempts: int
    previous_end: datetime | None


def claim_day(
    db: Database,
    subscriber_id: int,
    local_date: date,
    row_id: int | None,
    now: datetime,
    covered: Collection[str],
) -> ClaimedDay | None:
    """Take the day's row: insert it as `sending`, or flip the failed or stuck row `row_id`
    to `sending`. None when another process got there first. `previous_end` is where the
    last digest of another day with a `covered` status ended."""
    try:
        with db.session() as s:
            previous_end = s.scalar(
                select(DigestSend.period_end)
                .where(
                    DigestSend.subscriber_id == subscriber_id,
                    DigestSend.status.in_(list(covered)),
                    DigestSend.local_date != local_date,
                )
                .order_by(DigestSend.period_end.desc())
                .limit(1)
            )
            if row_id is None:
                row = DigestSend(
                    subscriber_id=subscriber_id,
                    local_date=local_date,
                    status="sending",
                    attempts=0,
                    period_end=now,
                    created_at=now,
                )
                s.add(row)
                s.flush()
                return ClaimedDay(row.id, 0, previous_end)
            current = s.get(DigestSend, row_id)
            if current is None:
                return None
            result = s.execute(
                update(DigestSend)
                .where(
                    DigestSend.id == row_id,
                    DigestSend.status == current.status,
                    DigestSend.attempts == current.attempts,
                    DigestSend.status.in_(("failed", "sending")),
                )
                .values(status="sending", period_end=now)
            )
            if result.rowcount != 1:
                return None
            return ClaimedDay(row_id, current.attempts, previous_end)
    except ConcurrentWrite:  # another process inserted the same (subscriber, day)
        return None


def finish_send(db: Database, row_id: int, values: Mapping[str, object]) -> None:
    """Write how a day's digest ended."""
    with db.session() as s:
        row = s.get(DigestSend, row_id)
        if row is None:
            return
        for name, value in values.items():
            setattr(row, name, value)


# ---------------------------------------------------------------- a period


@dataclass(frozen=True)
class ClaimSource:
    """A claim of a conflict, with the article it is from."""

    value: float | None
    unit: str | None
    qualifier: str | None
    date_value: date | None
    date_end: date | None
    article: ArticleRow


@dataclass(frozen=True)
class StoryPeriod:
    """A story that changed in the period: all its articles (by publication), the new ones,
    its key facts and the conflicts detected or updated, each with its claims."""

    story: StoryRow
    articles: tuple[ArticleRow, ...]
    fresh: tuple[ArticleRow, ...]
    key_facts: tuple[FactRow, ...]
    conflicts: tuple[tuple[ConflictRow, tuple[ClaimSource, ...]], ...]


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime
    stories: tuple[StoryPeriod, ...]


def read_period(
    db: Database,
    start: datetime,
    end: datetime,
    *,
    key_facts: int,
    story_filter: Callable[[StoryRow], bool] | None = None,
) -> Period:
    """The stories with articles ingested, or conflicts detected or updated, in [start, end)
    (naive UTC), those `story_filter` keeps, in story id order; each with its `key_facts`
    facts most outlets report."""
    with db.session() as s:
        new_articles = s.scalars(
            select(Article)
            .where(Article.ingested_at >= start, Article.ingested_at < end)
            .order_by(Article.published_at, Article.id)
        ).all()
        conflicts = s.scalars(
            select(Conflict)
            .where(
                or_(
                    (Conflict.detected_at >= start) & (Conflict.detected_at < end),
                    (Conflict.updated_at >= start) & (Conflict.updated_at < end),
                )
            )
            .order_by(Conflict.id)
        ).all()
        fresh: dict[int, list[Article]] = {}
        for a in new_articles:
            if a.story_id is not None:
                fresh.setdefault(a.story_id, []).append(a)
        changed: dict[int, list[Conflict]] = {}
        for c in conflicts:
            if c.story_id is not None:
                changed.setdefault(c.story_id, []).append(c)
        stories = [
            story_row(x)
            for x in (s.get(Story, sid) for sid in sorted(set(fresh) | set(changed)))
            if x is not None
        ]
        if story_filter is not None:
            stories = [x for x in stories if story_filter(x)]
        out = []
        for story in stories:
            articles = s.scalars(
                select(Article)
                .where(Article.story_id == story.id)
                .order_by(Article.published_at, Article.id)
            ).all()
            facts = s.scalars(
                select(Fact)
                .where(Fact.story_id == story.id)
                .order_by(Fact.n_sources.desc(), Fact.n_claims.desc(), Fact.id)
                .limit(key_facts)
            ).all()
            out.append(
                StoryPeriod(
                    story=story,
                    articles=tuple(article_row(a) for a in articles),
                    fresh=tuple(article_row(a) for a in fresh.get(story.id, [])),
                    key_facts=tuple(fact_row(f) for f in facts),
                    conflicts=tuple(
                        (conflict_row(s, c), _claims(s, c)) for c in changed.get(story.id, [])
                    ),
                )
            )
        return Period(start, end, tuple(out))


def _claims(s: Session, conflict: Conflict) -> tuple[ClaimSource, ...]:
    ids = [int(i) for i in (conflict.claim_ids or [])]
    if not ids:
        return ()
    rows = s.execute(
        select(ClaimRow, Article)
        .join(Article, Article.id == ClaimRow.article_id)
        .where(ClaimRow.id.in_(ids))
    ).all()
    return tuple(
        ClaimSource(
            value=row.value,
            unit=row.unit,
            qualifier=row.qualifier,
            date_value=row.date_value,
            date_end=row.date_end,
            article=article_row(art),
        )
        for row, art in rows
    )
