"""The alert outbox: which chats must hear about a changed conflict, written in the same
transaction as the conflict itself.

Writing the rows where the conflict changes (not in the dispatcher) means an alert can neither
be lost (the conflict commits with its outbox rows or not at all) nor invented twice: the unique
key (chat, conflict, version) turns a repeated enqueue into a no-op (`INSERT ... ON CONFLICT DO
NOTHING` on SQLite and PostgreSQL). The dispatcher (bot/telegram/dispatch.py) sends the rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factwatch.ingest.topics import story_matches_topic
from factwatch.store.models import AlertOutbox, Chat, Conflict, Story, Subscription
from factwatch.store.repository import utcnow

log = logging.getLogger(__name__)

SILENT_VERDICTS = frozenset({"rounding_or_bound"})

__all__ = ["SILENT_VERDICTS", "Recipient", "enqueue_alerts", "is_alertable", "recipients"]


@dataclass(frozen=True)
class Recipient:
    """A chat to alert about one conflict, and the subscription that asked for it."""

    chat_id: int
    subscription_id: int


def is_alertable(conflict: Conflict) -> bool:
    """Rounding or a stated bound explains the difference: recorded, never alerted."""
    return conflict.verdict not in SILENT_VERDICTS


def recipients(
    session: Session, conflicts: Sequence[Conflict]
) -> dict[tuple[int, int], list[Recipient]]:
    """For each alertable conflict, keyed (conflict id, version): the chats that follow it.

    A chat following the conflict through several subscriptions is listed once, with its most
    specific subscription (story, then topic, then all). Paused chats (they blocked the bot)
    are left out.
    """
    wanted = [c for c in conflicts if is_alertable(c)]
    if not wanted:
        return {}
    subs = list(
        session.scalars(
            select(Subscription)
            .join(Chat, Chat.id == Subscription.chat_id)
            .where(Chat.paused.is_(False))
            .order_by(Subscription.id)
        )
    )
    if not subs:
        return {}
    stories: dict[int, Story | None] = {}
    topic_cache: dict[tuple[int, int], bool] = {}
    rank = {"story": 0, "topic": 1, "all": 2}
    out: dict[tuple[int, int], list[Recipient]] = {}
    for conflict in wanted:
        sid = conflict.story_id
        if sid is not None and sid not in stories:
            stories[sid] = session.get(Story, sid)
        story = stories.get(sid) if sid is not None else None
        best: dict[int, Subscription] = {}
        for sub in subs:
            if not _follows(sub, story, sid, topic_cache):
                continue
            held = best.get(sub.chat_id)
            if held is None or rank.get(sub.kind, 9) < rank.get(held.kind, 9):
                best[sub.chat_id] = sub
        if best:
            out[(conflict.id, conflict.version)] = [
                Recipient(chat_id=chat, subscription_id=sub.id)
                for chat, sub in sorted(best.items())
            ]
    return out


def _follows(
    sub: Subscription,
    story: Story | None,
    story_id: int | None,
    cache: dict[tuple[int, int], bool],
) -> bool:
    if sub.kind == "all":
        return True
    if sub.kind == "story":
        return story_id is not None and sub.story_id == story_id
    if sub.kind == "topic" and story is not None and sub.topic:
        key = (sub.id, story.id)
        if key not in cache:
            cache[key] = bool(
                story_matches_topic(
                    sub.topic, sub.topic_embedding, story.label, story.entities, story.centroid
                )
            )
        return cache[key]
    return False


def enqueue_alerts(session: Session, conflicts: Iterable[Conflict]) -> int:
    """Write one pending outbox row per (matching chat, conflict version); returns how many
    rows are new. Call it in the transaction that changed the conflicts (after a flush, so new
    conflicts have ids). Idempotent: rows already there are left alone."""
    conflicts = [c for c in conflicts if c is not None]
    if not conflicts:
        return 0
    session.flush()
    targets = recipients(session, conflicts)
    if not targets:
        return 0
    now = utcnow()
    rows = [
        {
            "chat_id": r.chat_id,
            "conflict_id": conflict_id,
            "conflict_version": version,
            "subscription_id": r.subscription_id,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for (conflict_id, version), rs in targets.items()
        for r in rs
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
