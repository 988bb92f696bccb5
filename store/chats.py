"""Telegram chats and what they follow (the `chats` and `subscriptions` tables).

Whether two subscriptions are the same and which ones a command names are the bot's rules
(`factwatch.telegram.replies`); they are passed in, so each change is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from factwatch.store.db import ConcurrentWrite, Database
from factwatch.store.models import Chat, Story, Subscription
from factwatch.store.repository import utcnow

__all__ = [
    "SubscriptionRow",
    "add_subscription",
    "register_chat",
    "remove_subscriptions",
    "subscriptions",
]


@dataclass(frozen=True)
class SubscriptionRow:
    id: int
    kind: str
    story_id: int | None = None
    topic: str | None = None
    story_label: str | None = None


def register_chat(db: Database, chat_id: int, title: str | None) -> bool | None:
    """Record the chat (or refresh its title); lift a pause. True if it was paused; None if
    another worker registered it at the same moment."""
    now = utcnow()
    try:
        with db.session() as s:
            chat = s.get(Chat, chat_id)
            if chat is None:
                s.add(Chat(id=chat_id, title=title, paused=False, created_at=now, updated_at=now))
                return False
            was_paused = bool(chat.paused)
            if was_paused or (title and chat.title != title):
                chat.paused, chat.paused_reason = False, None
                chat.title = title or chat.title
                chat.updated_at = now
            return was_paused
    except ConcurrentWrite:
        return None


def _ordered(s: Session, chat_id: int) -> list[Subscription]:
    return list(
        s.scalars(
            select(Subscription).where(Subscription.chat_id == chat_id).order_by(Subscription.id)
        )
    )


def _row(sub: Subscription, story_label: str | None = None) -> SubscriptionRow:
    return SubscriptionRow(sub.id, sub.kind, sub.story_id, sub.topic, story_label)


def subscriptions(db: Database, chat_id: int) -> tuple[list[SubscriptionRow], bool]:
    """The chat's subscriptions in the order made (with their stories' labels), and whether
    its alerts are paused."""
    with db.session() as s:
        chat = s.get(Chat, chat_id)
        rows = []
        for sub in _ordered(s, chat_id):
            story = s.get(Story, sub.story_id) if sub.story_id else None
            rows.append(_row(sub, story.label if story else None))
        return rows, bool(chat and chat.paused)


@dataclass(frozen=True)
class Added:
    """What `add_subscription` did: `existing` is the same subscription already there;
    `count` how many the chat had before."""

    added: bool
    existing: SubscriptionRow | None
    count: int


def add_subscription(
    db: Database,
    chat_id: int,
    kind: str,
    *,
    story_id: int | None,
    topic: str | None,
    topic_embedding: bytes | None,
    same: Callable[[SubscriptionRow], bool],
    limit: int,
) -> Added:
    """Add a subscription unless the chat has one `same` accepts, or `limit` already."""
    now = utcnow()
    with db.session() as s:
        if s.get(Chat, chat_id) is None:
            s.add(Chat(id=chat_id, paused=False, created_at=now, updated_at=now))
            s.flush()
        subs = [_row(x) for x in _ordered(s, chat_id)]
        for sub in subs:
            if same(sub):
                return Added(False, sub, len(subs))
        if len(subs) >= limit:
            return Added(False, None, len(subs))
        s.add(
            Subscription(
                chat_id=chat_id,
                kind=kind,
                story_id=story_id,
                topic=topic,
                topic_embedding=topic_embedding,
                created_at=now,
            )
        )
    return Added(True, None, len(subs))


def remove_subscriptions(
    db: Database,
    chat_id: int,
    choose: Callable[[Sequence[SubscriptionRow]], Sequence[SubscriptionRow]],
) -> list[SubscriptionRow]:
    """Remove the subscriptions `choose` picks from the chat's (in order); those removed."""
    with db.session() as s:
        chosen = list(choose([_row(x) for x in _ordered(s, chat_id)]))
        if chosen:
            s.execute(delete(Subscription).where(Subscription.id.in_([x.id for x in chosen])))
        return chosen
