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
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from factwatch.store.conflicts import ConflictRow, conflict_row
from factwatch.store.db import Database
from factwatch.store.models import AlertOutbox, Chat, Conflict, Subscription
from factwatch.store.repository import utcnow
from factwatch.store.stories import StoryTopics, story_topics

log = logging.getLogger(__name__)

__all__ = [
    "ChangedConflict",
    "Claimed",
    "Follower",
    "OutboxRow",
    "Router",
    "claim",
    "due",
    "enqueue_alerts",
    "followers",
    "get_row",
    "recover",
    "update_row",
]


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


# ---------------------------------------------------------------- the dispatcher's side


@dataclass(frozen=True)
class OutboxRow:
    id: int
    chat_id: int
    status: str
    attempts: int


@dataclass(frozen=True)
class Claimed:
    """A row switched to `sending`: what to send, and to whom."""

    row_id: int
    chat_id: int
    text: str
    attempts: int


def recover(db: Database, now: datetime) -> int:
    """Rows left `sending` by a crash become `pending` again; how many."""
    with db.session() as s:
        result = s.execute(
            update(AlertOutbox)
            .where(AlertOutbox.status == "sending")
            .values(status="pending", next_attempt_at=now)
        )
        return result.rowcount or 0


def due(db: Database, now: datetime, limit: int) -> list[tuple[int, int]]:
    """(row id, chat id) of the rows to send now: pending and due, or sending with an expired
    lease; oldest first."""
    with db.session() as s:
        rows = s.execute(
            select(AlertOutbox.id, AlertOutbox.chat_id)
            .where(
                AlertOutbox.status.in_(("pending", "sending")),
                AlertOutbox.next_attempt_at <= now,
            )
            .order_by(AlertOutbox.next_attempt_at, AlertOutbox.id)
            .limit(limit)
        ).all()
    return [(row_id, chat_id) for row_id, chat_id in rows]


def claim(
    db: Database,
    row_id: int,
    now: datetime,
    lease: timedelta,
    still_alerts: Callable[[str], bool],
    render: Callable[[ConflictRow], str],
) -> tuple[Claimed | None, int]:
    """Mark the row `sending` (attempts + 1, due again after `lease`) and commit, or skip it
    if it went stale (chat paused, conflict gone or superseded, or its verdict no longer
    alerts). Returns what to send (None: taken by another dispatcher, or skipped) and the
    number of rows skipped. `render` makes the text inside the claim's transaction."""
    claimable = (AlertOutbox.id == row_id) & (
        (AlertOutbox.status == "pending")
        | ((AlertOutbox.status == "sending") & (AlertOutbox.next_attempt_at <= now))
    )
    with db.session() as s:
        row = s.get(AlertOutbox, row_id)
        if row is None or row.status not in ("pending", "sending"):
            return None, 0
        chat = s.get(Chat, row.chat_id)
        conflict = s.get(Conflict, row.conflict_id)
        reason = None
        if chat is None or chat.paused:
            reason = "chat paused"
        elif conflict is None:
            reason = "conflict no longer exists"
        elif conflict.version != row.conflict_version:
            reason = f"superseded by version {conflict.version}"
        elif not still_alerts(conflict.verdict):
            reason = f"verdict is now {conflict.verdict}"
        if reason is not None or conflict is None:
            taken = s.execute(
                update(AlertOutbox).where(claimable).values(status="skipped", last_error=reason)
            ).rowcount
            return None, taken or 0
        text = render(conflict_row(s, conflict))
        taken = s.execute(
            update(AlertOutbox)
            .where(claimable)
            .values(
                status="sending",
                attempts=AlertOutbox.attempts + 1,
                next_attempt_at=now + lease,
            )
        ).rowcount
        if not taken:
            return None, 0
        return Claimed(row_id, row.chat_id, text, row.attempts + 1), 0


def get_row(db: Database, row_id: int) -> OutboxRow | None:
    with db.session() as s:
        row = s.get(AlertOutbox, row_id)
        return None if row is None else OutboxRow(row.id, row.chat_id, row.status, row.attempts)


def update_row(
    db: Database,
    row_id: int,
    values: Mapping[str, object],
    *,
    pause: tuple[str, datetime] | None = None,
) -> int:
    """Write what a send came to; with `pause` (reason, time), also pause the row's chat and
    skip its other pending rows (it blocked the bot). Returns how many others were skipped."""
    with db.session() as s:
        row = s.get(AlertOutbox, row_id)
        if row is None:
            return 0
        for name, value in values.items():
            setattr(row, name, value)
        if pause is None:
            return 0
        reason, now = pause
        chat = s.get(Chat, row.chat_id)
        if chat is not None:
            chat.paused, chat.paused_reason, chat.updated_at = True, reason, now
        return (
            s.execute(
                update(AlertOutbox)
                .where(AlertOutbox.chat_id == row.chat_id, AlertOutbox.status == "pending")
                .values(status="skipped", last_error=f"chat paused: {reason}")
            ).rowcount
            or 0
        )
