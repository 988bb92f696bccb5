"""The outbox: which chats hear about a changed conflict; one row per (chat, conflict version)."""

from __future__ import annotations

from sqlalchemy import select

from factwatch.ingest.alerts import route
from factwatch.store.models import AlertOutbox, Chat, Conflict
from factwatch.store.outbox import ChangedConflict, enqueue_alerts, followers
from factwatch.store.stories import story_topics
from tests.telegram.conftest import (
    add_chat,
    conflicts_by_id,
    make_conflict,
    subscribe,
    unit,
)


def _rows(db) -> list[tuple[int, int, int, int | None, str]]:
    with db.session() as s:
        return [
            (r.chat_id, r.conflict_id, r.conflict_version, r.subscription_id, r.status)
            for r in s.scalars(select(AlertOutbox).order_by(AlertOutbox.chat_id, AlertOutbox.id))
        ]


def _enqueue(db, conflict_ids: list[int]) -> int:
    with db.session() as s:
        return enqueue_alerts(s, [s.get(Conflict, i) for i in conflict_ids], route)


def test_each_kind_of_subscription_gets_one_pending_row(db):
    made = make_conflict(db, centroid=unit(1.0))
    other = make_conflict(
        db, label="Valmora buys Genolis", entities=[["valmora", 3]], centroid=unit(0.0, 1.0)
    )
    sub_all = subscribe(db, 1, "all")
    sub_story = subscribe(db, 2, "story", story_id=made.story_id)
    sub_words = subscribe(db, 3, "topic", topic="battery plant")  # words of the label
    sub_meaning = subscribe(db, 4, "topic", topic="Akkufabrik", vector=unit(1.0, 0.3))
    subscribe(db, 5, "topic", topic="gene therapy", vector=unit(0.0, 0.0, 1.0))  # matches none
    subscribe(db, 6, "story", story_id=other.story_id)

    assert _enqueue(db, [made.conflict_id]) == 4
    cid = made.conflict_id
    assert _rows(db) == [
        (1, cid, 1, sub_all, "pending"),
        (2, cid, 1, sub_story, "pending"),
        (3, cid, 1, sub_words, "pending"),
        (4, cid, 1, sub_meaning, "pending"),
    ]


def test_enqueue_is_idempotent_and_a_new_version_is_a_new_alert(db):
    made = make_conflict(db)
    subscribe(db, 1, "all")
    assert _enqueue(db, [made.conflict_id]) == 1
    assert _enqueue(db, [made.conflict_id]) == 0  # same version: nothing new
    with db.session() as s:
        s.get(Conflict, made.conflict_id).version = 2
    assert _enqueue(db, [made.conflict_id]) == 1
    assert [(r[2], r[4]) for r in _rows(db)] == [(1, "pending"), (2, "pending")]


def test_rounding_differences_are_never_alerted(db):
    made = make_conflict(db, verdict="rounding_or_bound")
    subscribe(db, 1, "all")
    subscribe(db, 2, "story", story_id=made.story_id)
    assert _enqueue(db, [made.conflict_id]) == 0
    assert _rows(db) == []


def test_paused_chats_get_nothing(db):
    made = make_conflict(db)
    add_chat(db, 7, paused=True)
    subscribe(db, 7, "all")
    subscribe(db, 8, "all")
    assert _enqueue(db, [made.conflict_id]) == 1
    assert [r[0] for r in _rows(db)] == [8]


def test_a_chat_following_through_several_subscriptions_gets_one_row(db):
    made = make_conflict(db)
    subscribe(db, 9, "all")
    topic = subscribe(db, 9, "topic", topic="hengchuan")
    story = subscribe(db, 9, "story", story_id=made.story_id)
    assert _enqueue(db, [made.conflict_id]) == 1
    assert _rows(db) == [(9, made.conflict_id, 1, story, "pending")]
    with db.session() as s:
        changed = [
            ChangedConflict(c.id, c.version, c.story_id, c.verdict)
            for c in conflicts_by_id(db, [made.conflict_id])
        ]
        found = route(changed, followers(s), story_topics(s, [made.story_id]))
    assert [sub for _chat, sub in found[(made.conflict_id, 1)]] == [story]
    assert topic != story


def test_deleting_a_chat_or_conflict_removes_its_rows(db):
    made = make_conflict(db)
    subscribe(db, 1, "all")
    subscribe(db, 2, "all")
    _enqueue(db, [made.conflict_id])
    with db.session() as s:
        s.delete(s.get(Chat, 1))
    assert [r[0] for r in _rows(db)] == [2]
    with db.session() as s:
        s.delete(s.get(Conflict, made.conflict_id))
    assert _rows(db) == []


def test_nothing_to_do_without_subscriptions_or_conflicts(db):
    made = make_conflict(db)
    assert _enqueue(db, [made.conflict_id]) == 0
    with db.session() as s:
        assert enqueue_alerts(s, [], route) == 0
