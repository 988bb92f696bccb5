"""Fairness between chats (issue 14): the per-chat rate limit, and one chat's flood not
delaying another chat's replies, through the real Application and the fake Bot API."""

from __future__ import annotations

import asyncio

from factwatch.app import Factwatch
from factwatch.telegram.app import build_application
from factwatch.telegram.limits import ChatLimits, ChatRateLimiter, Decision
from tests.telegram.conftest import Chatting, make_conflict, settings_for


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_token_bucket_burst_then_one_per_interval_and_one_notice_per_window():
    clock = Clock()
    limiter = ChatRateLimiter(ChatLimits(burst=3, interval=2.0, notice_every=60.0), clock)
    assert [limiter.check(1) for _ in range(3)] == [Decision.ALLOW] * 3
    assert limiter.check(1) is Decision.NOTICE
    assert limiter.check(1) is Decision.DROP
    assert limiter.check(2) is Decision.ALLOW  # another chat has its own bucket
    clock.t += 2.0
    assert limiter.check(1) is Decision.ALLOW  # one token back
    assert limiter.check(1) is Decision.DROP  # still within the notice window: silence
    clock.t += 1.0
    assert limiter.check(1) is Decision.DROP
    clock.t += 60.0  # the bucket is full again, the notice window over
    assert [limiter.check(1) for _ in range(4)] == [Decision.ALLOW] * 3 + [Decision.NOTICE]


def test_idle_chats_are_forgotten():
    clock = Clock()
    limiter = ChatRateLimiter(ChatLimits(burst=2, interval=1.0, notice_every=10.0), clock)
    limiter.PRUNE_AT = 3
    for chat in (1, 2, 3):
        limiter.check(chat)
    clock.t += 5.0
    limiter.check(4)  # a fourth chat: the three idle ones (full buckets again) go
    assert len(limiter) == 1
    for _ in range(3):
        limiter.check(5)  # chat 5 is over the limit and noticed: remembered
    limiter.check(6)
    clock.t += 3.0
    limiter.check(7)  # prune: 4 and 6 go; 5, full again, is still in its notice window
    assert len(limiter) == 2


def test_over_the_limit_one_notice_then_silence_and_group_chatter_is_free(api, db):
    limits = ChatLimits(burst=2, interval=1000.0, notice_every=1000.0)

    async def run() -> dict[str, str]:
        async with Chatting(api, db, None, limits=limits) as bot:
            out = {"help1": await bot.say(11, "/help"), "help2": await bot.say(11, "/help")}
            out["over"] = await bot.say(11, "/help")
            out["silent"] = await bot.say(11, "/story", answered=False)
            out["silent_text"] = await bot.say(11, "hello?", answered=False)
            for _ in range(5):  # a group talking among itself uses no tokens
                await bot.say(-12, "lunch at noon?", answered=False)
            out["group"] = await bot.say(-12, "/help")
            out["other"] = await bot.say(13, "/help")
        return out

    out = asyncio.run(run())
    assert "/subscribe" in out["help1"] and "/subscribe" in out["help2"]
    assert out["over"].startswith("Slow down")
    assert "/subscribe" in out["group"] and "/subscribe" in out["other"]
    assert not api.refused


def test_a_flooding_chat_does_not_delay_another_chats_replies(api, db):
    """Chat A sends 60 /facts at once, then chat B sends /help and /facts: B's answers are
    among the first messages sent (the old sequential processing sent them after all of A's),
    in B's order; A gets its burst of answers and one slow-down notice, nothing more."""
    made = make_conflict(db)
    a, b = 501, 502
    limits = ChatLimits(burst=4, interval=2.0, notice_every=60.0)
    for _ in range(60):
        api.say(a, f"/facts {made.story_id}")
    api.say(b, "/help")
    api.say(b, f"/facts {made.story_id}")

    async def run() -> bool:
        # The limiter's clock stands still: A's bucket gets no token back during the test.
        app = build_application(
            Factwatch(settings_for(api, db), db), None, limits=limits, clock=lambda: 0.0
        )
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            done = await asyncio.to_thread(
                api.wait_for,
                lambda: len(api.messages_to(b)) >= 2 and len(api.messages_to(a)) >= 5,
                60,
            )
            await app.updater.stop()
            await app.stop()  # waits for the updates still in progress
            assert app.update_processor.chats_waiting == 0
        return done

    assert asyncio.run(run())
    assert not api.refused
    to_a, to_b = api.messages_to(a), api.messages_to(b)
    assert len(to_a) == limits.burst + 1
    assert all("Facts in story" in m.plain for m in to_a[:-1])
    assert to_a[-1].plain.startswith("Slow down")
    assert len(to_b) == 2
    assert "/subscribe" in to_b[0].plain and "Facts in story" in to_b[1].plain
    order = [m.chat_id for m in api.sent if m.chat_id in (a, b)]
    # B's first answer is among the first three messages, its second soon after, although
    # B wrote after all 60 of A's commands.
    assert order.index(b) <= 2
    assert len(order) - 1 - order[::-1].index(b) <= 4
