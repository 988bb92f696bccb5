"""The dispatcher against the fake Bot API: limits, retries, blocked chats, crashes, and
nothing lost or sent twice. Time is a FakeClock: no test waits for a retry for real."""

from __future__ import annotations

import asyncio
import itertools
import socket
from collections import Counter
from datetime import timedelta

from sqlalchemy import select, update
from telegram import Bot

from factwatch.ingest.alerts import route
from factwatch.store.chats import register_chat
from factwatch.store.models import AlertOutbox, Chat, Conflict
from factwatch.store.outbox import enqueue_alerts
from factwatch.telegram.dispatch import AlertDispatcher, Pacer
from tests.telegram.conftest import FakeClock, make_conflict, subscribe


def _enqueue(db, conflict_ids):
    with db.session() as s:
        return enqueue_alerts(s, [s.get(Conflict, i) for i in conflict_ids], route)


def _rows(db) -> list[AlertOutbox]:
    with db.session() as s:
        return list(s.scalars(select(AlertOutbox).order_by(AlertOutbox.id)))


def _setup(db, chats=(1, 2), n_conflicts=1) -> list[int]:
    for chat in chats:
        subscribe(db, chat, "all")
    ids = [make_conflict(db).conflict_id for _ in range(n_conflicts)]
    _enqueue(db, ids)
    return ids


def _dispatcher(bot, db, clock: FakeClock, **kw) -> AlertDispatcher:
    return AlertDispatcher(bot, db, now=clock.now, clock=clock.monotonic, sleep=clock.sleep, **kw)


async def _with_bot(api, fn):
    async with Bot(api.token, base_url=api.base_url) as bot:
        return await fn(bot)


def test_each_alert_is_sent_once_paced_and_recorded(api, db):
    ids = _setup(db, chats=(1, 2), n_conflicts=3)
    clock = FakeClock()
    delivered: list[tuple[int, float]] = []
    api.on_sent = lambda m: delivered.append((m.chat_id, clock.monotonic()))

    async def scenario(bot):
        d = _dispatcher(bot, db, clock)
        first = await d.dispatch_due()
        second = await d.dispatch_due()
        return first, second

    first, second = asyncio.run(_with_bot(api, scenario))
    assert (first.due, first.sent, first.failed, first.retried) == (6, 6, 0, 0)
    assert second.due == 0 and second.sent == 0
    assert Counter(m.chat_id for m in api.sent) == {1: 3, 2: 3}
    assert api.refused == []  # every message valid Telegram HTML within the limits
    rows = _rows(db)
    assert {r.status for r in rows} == {"sent"}
    assert sorted(r.message_id for r in rows) == sorted(m.message_id for m in api.sent)
    assert all(r.attempts == 1 and r.sent_at is not None for r in rows)
    assert {(r.chat_id, r.conflict_id) for r in rows} == {(c, i) for c in (1, 2) for i in ids}
    # one message per second per chat, at most 30 per second overall
    for chat in (1, 2):
        times = [t for c, t in delivered if c == chat]
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(times))
    text = api.messages_to(1)[0].plain
    assert "Outlets disagree" in text and "Verdict: a genuine discrepancy" in text
    assert '<a href="https://news.example/a">' in api.messages_to(1)[0].text


def test_global_rate_spaces_messages_to_many_chats(api, db):
    _setup(db, chats=tuple(range(1, 61)))
    clock = FakeClock()
    report = asyncio.run(_with_bot(api, lambda bot: _dispatcher(bot, db, clock).dispatch_due()))
    assert report.sent == 60 and len(api.sent) == 60
    # one message per chat, so all the waiting is the global limit: 59 gaps of 1/30 s
    assert abs(sum(clock.slept) - 59 / 30) < 1e-6


def test_pacer_spaces_waits_by_its_interval():
    clock = FakeClock()
    pacer = Pacer(0.5, clock.monotonic, clock.sleep)

    async def run():
        stamps = []
        for _ in range(5):
            await pacer.wait()
            stamps.append(clock.monotonic())
        return stamps

    stamps = asyncio.run(run())
    assert [round(b - a, 6) for a, b in itertools.pairwise(stamps)] == [0.5] * 4


def test_retry_after_is_honoured_without_counting_an_attempt(api, db):
    _setup(db, chats=(1, 2))
    api.add_fault("429", chat_id=1, retry_after=7)
    clock = FakeClock()

    async def scenario(bot):
        d = _dispatcher(bot, db, clock)
        r1 = await d.dispatch_due()
        waiting = next(r for r in _rows(db) if r.chat_id == 1)
        r2 = await d.dispatch_due()  # too early: the row waits
        clock.advance(7)
        r3 = await d.dispatch_due()
        return r1, waiting, r2, r3

    r1, waiting, r2, r3 = asyncio.run(_with_bot(api, scenario))
    assert waiting.status == "pending" and waiting.attempts == 0
    assert "RetryAfter" in waiting.last_error
    assert waiting.next_attempt_at - FakeClock().now() > timedelta(seconds=6)
    assert (r1.sent, r1.retried) == (1, 1)
    assert r2.due == 0
    assert r3.sent == 1
    assert len(api.messages_to(1)) == 1 and len(api.messages_to(2)) == 1
    row = next(r for r in _rows(db) if r.chat_id == 1)
    assert row.status == "sent" and row.attempts == 1


def test_server_errors_are_retried_with_exponential_backoff(api, db):
    _setup(db, chats=(1,))
    api.add_fault("500", chat_id=1, times=2)
    clock = FakeClock()

    async def scenario(bot):
        d = _dispatcher(bot, db, clock, backoff_base=5.0)
        reports = [await d.dispatch_due()]
        row = _rows(db)[0]
        waits = [row.next_attempt_at - clock.now()]
        clock.advance(5)
        reports.append(await d.dispatch_due())
        row = _rows(db)[0]
        waits.append(row.next_attempt_at - clock.now())
        clock.advance(4)
        reports.append(await d.dispatch_due())  # not due yet
        clock.advance(6)
        reports.append(await d.dispatch_due())
        return reports, waits

    reports, waits = asyncio.run(_with_bot(api, scenario))
    assert [r.retried for r in reports] == [1, 1, 0, 0]
    assert [r.sent for r in reports] == [0, 0, 0, 1]
    assert waits == [timedelta(seconds=5), timedelta(seconds=10)]
    row = _rows(db)[0]
    assert row.status == "sent" and row.attempts == 3 and row.last_error is None
    assert len(api.messages_to(1)) == 1


def test_a_row_fails_after_max_attempts(api, db):
    _setup(db, chats=(1,))
    api.add_fault("500", chat_id=1, times=10)
    clock = FakeClock()

    async def scenario(bot):
        d = _dispatcher(bot, db, clock, max_attempts=3, backoff_base=1.0)
        out = []
        for _ in range(5):
            out.append(await d.dispatch_due())
            clock.advance(3600)
        return out

    reports = asyncio.run(_with_bot(api, scenario))
    assert [r.retried for r in reports] == [1, 1, 0, 0, 0]
    assert [r.failed for r in reports] == [0, 0, 1, 0, 0]
    row = _rows(db)[0]
    assert row.status == "failed" and row.attempts == 3
    assert "Internal Server Error" in row.last_error
    assert api.sent == []


def test_unreachable_api_is_a_network_error_and_retried(db):
    _setup(db, chats=(1,))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once closed
    clock = FakeClock()

    async def scenario():
        bot = Bot("1:x", base_url=f"http://127.0.0.1:{port}/bot")
        return await _dispatcher(bot, db, clock).dispatch_due()

    report = asyncio.run(scenario())
    assert report.retried == 1 and report.sent == 0
    row = _rows(db)[0]
    assert row.status == "pending" and row.attempts == 1 and "NetworkError" in row.last_error


def test_blocked_chat_is_paused_and_its_alerts_skipped(api, db):
    _setup(db, chats=(1, 2), n_conflicts=2)
    api.add_fault("403", chat_id=1)
    clock = FakeClock()
    report = asyncio.run(_with_bot(api, lambda bot: _dispatcher(bot, db, clock).dispatch_due()))
    assert report.paused_chats == [1]
    assert report.skipped == 2 and report.sent == 2
    assert api.messages_to(1) == [] and len(api.messages_to(2)) == 2
    assert {r.status for r in _rows(db) if r.chat_id == 1} == {"skipped"}
    with db.session() as s:
        chat = s.get(Chat, 1)
        assert chat.paused and "blocked" in chat.paused_reason
    # while paused, new conflicts queue nothing for the chat; its subscriptions remain
    new = make_conflict(db).conflict_id
    assert _enqueue(db, [new]) == 1
    # writing to the bot again lifts the pause
    assert register_chat(db, 1, "back") is True
    again = make_conflict(db).conflict_id
    assert _enqueue(db, [again]) == 2


def test_bad_request_fails_with_telegrams_description(api, db):
    _setup(db, chats=(1,))
    api.add_fault("400", chat_id=1, description="Bad Request: chat not found")
    report = asyncio.run(
        _with_bot(api, lambda bot: _dispatcher(bot, db, FakeClock()).dispatch_due())
    )
    assert report.failed == 1
    row = _rows(db)[0]
    assert row.status == "failed" and "chat not found" in row.last_error.lower()


def test_hanging_request_times_out_then_is_retried_and_delivered_once(api, db):
    _setup(db, chats=(1, 2))
    api.add_fault("hang", chat_id=1)
    clock = FakeClock()

    async def scenario(bot):
        d = _dispatcher(bot, db, clock, send_timeout=0.5, backoff_base=2.0)
        r1 = await d.dispatch_due()
        api.release_hangs()
        clock.advance(2)
        r2 = await d.dispatch_due()
        return r1, r2

    r1, r2 = asyncio.run(_with_bot(api, scenario))
    assert (r1.sent, r1.retried) == (1, 1)
    assert r2.sent == 1
    row = next(r for r in _rows(db) if r.chat_id == 1)
    assert row.status == "sent" and row.attempts == 2 and row.last_error is None
    assert len(api.messages_to(1)) == 1 and len(api.messages_to(2)) == 1


def _crash_mid_send(db, clock: FakeClock, lease: float = 600.0) -> None:
    """What a claim leaves behind when the process dies before Telegram answers."""
    with db.session() as s:
        s.execute(
            update(AlertOutbox).values(
                status="sending", attempts=1, next_attempt_at=clock.now() + timedelta(seconds=lease)
            )
        )


def test_rows_stuck_in_sending_after_a_crash_are_sent_after_recover(api, db):
    _setup(db, chats=(1,))
    clock = FakeClock()
    _crash_mid_send(db, clock)

    async def scenario(bot):
        d = _dispatcher(bot, db, clock)
        before = await d.dispatch_due()
        recovered = await d.recover()
        after = await d.dispatch_due()
        return before, recovered, after

    before, recovered, after = asyncio.run(_with_bot(api, scenario))
    assert before.due == 0 and recovered == 1 and after.sent == 1
    assert len(api.sent) == 1
    assert _rows(db)[0].attempts == 2


def test_a_claim_whose_lease_expired_is_sent_without_a_restart(api, db):
    _setup(db, chats=(1,))
    clock = FakeClock()
    _crash_mid_send(db, clock, lease=600.0)

    async def scenario(bot):
        d = _dispatcher(bot, db, clock, lease=600.0)
        early = await d.dispatch_due()
        clock.advance(601)
        late = await d.dispatch_due()
        return early, late

    early, late = asyncio.run(_with_bot(api, scenario))
    assert early.due == 0 and late.sent == 1
    assert len(api.sent) == 1
    row = _rows(db)[0]
    assert row.status == "sent" and row.attempts == 2


def test_an_outdated_version_is_skipped_not_sent(api, db):
    subscribe(db, 1, "all")
    made = make_conflict(db)
    _enqueue(db, [made.conflict_id])
    with db.session() as s:
        s.get(Conflict, made.conflict_id).version = 2
    _enqueue(db, [made.conflict_id])
    report = asyncio.run(
        _with_bot(api, lambda bot: _dispatcher(bot, db, FakeClock()).dispatch_due())
    )
    assert (report.sent, report.skipped) == (1, 1)
    rows = _rows(db)
    assert [(r.conflict_version, r.status) for r in rows] == [(1, "skipped"), (2, "sent")]
    assert "superseded" in rows[0].last_error
    assert len(api.sent) == 1 and "(updated)" in api.sent[0].plain


def test_two_dispatchers_at_once_never_send_a_row_twice(api, db):
    _setup(db, chats=(1, 2, 3, 4, 5), n_conflicts=4)
    api.delay = 0.01  # make the two rounds overlap

    async def scenario():
        async with (
            Bot(api.token, base_url=api.base_url) as b1,
            Bot(api.token, base_url=api.base_url) as b2,
        ):
            kw = dict(per_chat_interval=0.0, global_rate=0.0, per_chat_batch=10)
            d1, d2 = AlertDispatcher(b1, db, **kw), AlertDispatcher(b2, db, **kw)
            return await asyncio.gather(d1.dispatch_due(), d2.dispatch_due())

    r1, r2 = asyncio.run(scenario())
    assert r1.sent + r2.sent == 20
    assert len(api.sent) == 20
    assert {r.status for r in _rows(db)} == {"sent"}
    assert len({(r.chat_id, r.conflict_id) for r in _rows(db)}) == 20
