"""The alert outbox: which chats must hear about a changed conflict, written in the same
transaction as the conflict itself.

Writing the rows where the conflict changes (not in the dispatcher) means an alert can neither
be lost (the conflict commits with its outbox rows or not at all) nor invented twice: the unique
key (chat, conflict, version) turns a repeated enqueue into a no-op (`INSERT ... ON CONFLICT DO
NOTHING` on SQLite and PostgreSQL). The dispatcher (bot/telegram/dispatch.py) sends the rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factwatch.store.models import AlertOutbox, Chat, Conflict, Story, Subscription
from factwatch.store.repository import utcnow

log = logging.getLogger(__name__)

__all__ = ["ChangedConflict", "Follower", "Router", "StoryTopics", "enqueue_alerts", "followers"]


@dataclass(frozen=True)
class ChangedConflict:
    """A conflict version to route."""

    conflict_id: int
    version: int
    story_id: int | None
    verdict: str


@dataclass(frozen=True)
class Follower:
    """One subscription of a chat that is not paused."""

    subscription_id: int
    chat_id: int
    kind: str
    story_id: int | None
    topic: str | None
    topic_embedding: bytes | None


@dataclass(frozen=True)
class StoryTopics:
    """What a topic is matched against: a story's label, names and centroid."""

    story_id: int
    label: str | None
    entities: object
    centroid: bytes | None


Router = Callable[
    [Sequence[ChangedConflict], Sequence[Follower], Mapping[int, StoryTopics]],
    Mapping[tuple[int, int], Sequence[tuple[int, int]]],
]
"""Who hears about which conflict version: (conflict id, version) → [(chat id, subscription
id)]. The policy is `factwatch.ingest.alerts.route`; the store only reads and writes."""


def followers(session: Session) -> list[Follower]:
    """Every subscription of the chats that are not paused (they blocked the bot)."""
    return [
        Follower(sub.id, sub.chat_id, sub.kind, sub.story_id, sub.topic, sub.topic_embedding)
        for sub in session.scalars(
            select(Subscription)
            .join(Chat, Chat.id == Subscription.chat_id)
            .where(Chat.paused.is_(False))
            .order_by(Subscription.id)
        )
    ]


def story_topics(session: Session, story_ids: Iterable[int]) -> dict[int, StoryTopics]:
    out = {}
    for sid in sorted(set(story_ids)):
        story = session.get(Story, sid)
        if story is not None:
            out[sid] = StoryTopics(story.id, story.label, story.entities, story.centroid)
    return out


def enqueue_alerts(session: Session, conflicts: Iterable[Conflict | None], route: Router) -> int:
    """Write one pending outbox row per (chat, conflict version) `route` names; returns how
    many rows are new. Call it in the transaction that changed the conflicts (it flushes, so
    new conflicts have ids). Idempotent: rows already there are left alone."""
    conflicts = [c for c in conflicts if c is not None]
    if not conflicts:
        return 0
    session.flush()
    subs = followers(session)
    if not subs:
        return 0
    changed = [ChangedConflict(c.id, c.version, c.story_id, c.verdict) for c in conflicts]
    stories = story_topics(session, (c.story_id for c in changed if c.story_id is not None))
    targets = route(changed, subs, stories)
    if not targets:
        return 0
    now = utcnow()
    rows = [
        {
            "chat_id": chat_id,
            "conflict_id": conflict_id,
            "conflict_version": version,
            "subscription_id": subscription_id,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for (conflict_id, version), rs in targets.items()
        for chat_id, subscription_id in rs
    ]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - factwatch supports SQLite and PostgreSQL
        return _insert_portably(session, rows)
    added = 0
    for i in range(0, len(rows), 500):
        stmt = (
            insert(AlertOutbox)
            .values(rows[i : i + 500])
            .on_conflict_do_nothing(index_elements=["chat_id", "conflict_id", "conflict_version"])
        )
        # RETURNING counts the rows really inserted (rowcount is -1 on psycopg here).
        added += len(session.execute(stmt.returning(AlertOutbox.id)).all())
    if added:
        log.info("queued %d alert(s) for %d conflict version(s)", added, len(targets))
    return added


def _insert_portably(session: Session, rows: list[dict]) -> int:  # pragma: no cover
    added = 0
    for row in rows:
        exists = session.scalar(
            select(AlertOutbox.id).where(
                AlertOutbox.chat_id == row["chat_id"],
                AlertOutbox.conflict_id == row["conflict_id"],
                AlertOutbox.conflict_version == row["conflict_version"],
            )
        )
        if exists is None:
            session.add(AlertOutbox(**row))
            added += 1
    session.flush()
    return added
