"""Every command through a real Application and the fake Bot API, on real databases with dev
corpus pages ingested for real (so the embedding model is loaded: slow)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import select

from factwatch.app import Factwatch
from factwatch.store.models import AlertOutbox, Chat, Feed, Story, Subscription
from factwatch.telegram.app import build_application
from factwatch.telegram.dispatch import AlertDispatcher
from tests.telegram.conftest import (
    ADMIN,
    OLIVE_ES,
    S1_DE,
    S1_ZH,
    Chatting,
    FakeClock,
    ingest_pages,
    settings_for,
)

pytestmark = pytest.mark.slow


def _story_id(db, lang_hint: str = "Hengchuan") -> int:
    with db.session() as s:
        for story in s.scalars(select(Story).order_by(Story.id)):
            if lang_hint.casefold() in (story.label + str(story.entities)).casefold():
                return story.id
    raise AssertionError("story not found")


def test_reading_and_subscription_commands(api, db, embedder, tmp_path):
    # Only the German and the Chinese outlet report the battery plant (plus an unrelated story).
    ingest_pages(db, embedder, tmp_path, [S1_DE, S1_ZH, OLIVE_ES])
    battery = _story_id(db)
    user = 101

    async def talk():
        async with Chatting(api, db, embedder) as bot:
            out = {}
            out["start"] = await bot.say(user, "/start")
            out["sub_none"] = await bot.say(user, "/subscribe")
            out["sub_all"] = await bot.say(user, "/subscribe all")
            out["sub_all2"] = await bot.say(user, "/subscribe ALL")
            out["sub_missing"] = await bot.say(user, "/subscribe 999")
            out["sub_story"] = await bot.say(user, f"/subscribe {battery}")
            out["sub_topic"] = await bot.say(user, "/subscribe battery plant")
            out["sub_topic2"] = await bot.say(user, "/subscribe  Battery   Plant ")
            out["sub_nonsense"] = await bot.say(user, "/subscribe 1234!?")
            out["list"] = await bot.say(user, "/subscriptions")
            out["unsub_bad"] = await bot.say(user, "/unsubscribe pizza")
            out["unsub_none"] = await bot.say(user, "/unsubscribe")
            out["unsub_2"] = await bot.say(user, "/unsubscribe 2")
            out["list2"] = await bot.say(user, "/subscriptions")
            out["conflicts"] = await bot.say(user, "/conflicts")
            out["conflicts_story"] = await bot.say(user, f"/conflicts {battery}")
            out["conflicts_bad"] = await bot.say(user, "/conflicts yesterday")
            out["conflicts_missing"] = await bot.say(user, "/conflicts 999")
            out["story_list"] = await bot.say(user, "/story")
            out["story"] = await bot.say(user, f"/story {battery}")
            out["story_short"] = await bot.say(user, f"/story_{battery}")
            out["story_bad"] = await bot.say(user, "/story abc")
            out["facts_none"] = await bot.say(user, "/facts")
            out["facts_topic"] = await bot.say(user, "/facts battery plant")
            out["facts_story"] = await bot.say(user, f"/facts {battery}")
            out["unknown"] = await bot.say(user, "/frobnicate now")
            out["plain"] = await bot.say(user, "hello?")
            out["unsub_all"] = await bot.say(user, "/unsubscribe all")
            out["list3"] = await bot.say(user, "/subscriptions")
            return out

    out = asyncio.run(talk())
    assert api.refused == []  # every answer was valid Telegram HTML within the limits

    assert "disagree about a figure or a date" in out["start"] and "/subscribe" in out["start"]
    assert "/addfeed" not in out["start"]
    assert "/subscribe battery plant" in out["sub_none"]
    assert "every new or updated conflict" in out["sub_all"]
    assert "already follow all" in out["sub_all2"]
    assert "There is no story 999" in out["sub_missing"]
    assert f"Following story {battery}" in out["sub_story"]
    # the topic in English finds the story told only in German and Chinese
    assert "Following “battery plant”" in out["sub_topic"]
    assert f"/story_{battery}" in out["sub_topic"]
    assert "already follow" in out["sub_topic2"]
    assert "A topic needs words" in out["sub_nonsense"]
    listed = out["list"].splitlines()
    assert listed[1] == "1. all conflicts"
    assert listed[2].startswith(f"2. story {battery}: ")
    assert listed[3] == "3. topic “battery plant”"
    assert "Nothing matched" in out["unsub_bad"]
    assert "What should I stop?" in out["unsub_none"]
    assert f"Stopped following: story {battery}" in out["unsub_2"]
    assert "2. topic “battery plant”" in out["list2"]

    assert "Latest conflicts" in out["conflicts"]
    assert f"Story {battery}" in out["conflicts_story"]
    assert "Outlets disagree" in out["conflicts_story"] or "Same amount" in out["conflicts_story"]
    assert "<code>/conflicts 4</code>" not in out["conflicts_bad"]  # shown as text, not markup
    assert "/conflicts 4 for story 4" in out["conflicts_bad"]
    assert "There is no story 999" in out["conflicts_missing"]

    assert "Latest stories" in out["story_list"] and f"/story_{battery}" in out["story_list"]
    assert f"Story {battery}" in out["story"] and "[de]" in out["story"] and "[zh]" in out["story"]
    assert out["story_short"] == out["story"]
    assert "Use /story 4" in out["story_bad"]
    assert "/facts data centers" in out["facts_none"]
    assert f"Story {battery}" in out["facts_topic"] and "outlets" in out["facts_topic"]
    assert f"Facts in story {battery}" in out["facts_story"]
    assert "I don't know /frobnicate" in out["unknown"]
    assert "/help lists them all" in out["plain"]
    assert "Stopped following" in out["unsub_all"] and "all conflicts" in out["unsub_all"]
    assert "You follow nothing yet" in out["list3"]

    with db.session() as s:
        chat = s.get(Chat, user)
        assert chat is not None and chat.title == f"User{user}" and not chat.paused
        assert s.scalars(select(Subscription)).all() == []


def test_admin_commands(api, db, embedder):
    async def talk():
        async with Chatting(api, db, embedder) as bot:
            return {
                "help": await bot.say(ADMIN, "/help"),
                "stranger": await bot.say(77, "/addfeed https://example.org/feed.xml"),
                "stranger_feeds": await bot.say(77, "/feeds"),
                "none": await bot.say(ADMIN, "/feeds"),
                "usage": await bot.say(ADMIN, "/addfeed"),
                "bad": await bot.say(ADMIN, "/addfeed ftp://example.org/feed"),
                "private": await bot.say(ADMIN, "/addfeed http://127.0.0.1/feed.xml"),
                "ok": await bot.say(ADMIN, "/addfeed https://news.example.org/rss?x=1&y=2"),
                "twice": await bot.say(ADMIN, "/addfeed https://news.example.org/rss?x=1&y=2"),
                "list": await bot.say(ADMIN, "/feeds"),
            }

    out = asyncio.run(talk())
    assert api.refused == []
    assert "/addfeed" in out["help"] and "/feeds" in out["help"]
    assert "for the bot's administrators" in out["stranger"]
    assert "for the bot's administrators" in out["stranger_feeds"]
    assert "No feeds yet" in out["none"]
    assert "Use /addfeed https://" in out["usage"]
    assert "Not added" in out["bad"] and "http" in out["bad"]
    assert "Not added" in out["private"] and "private" in out["private"]
    assert "Added feed" in out["ok"] and "within a minute" in out["ok"]
    assert "already registered" in out["twice"]
    assert "https://news.example.org/rss?x=1&y=2 — new" in out["list"]
    with db.session() as s:
        feeds = s.scalars(select(Feed)).all()
        assert [f.url for f in feeds] == ["https://news.example.org/rss?x=1&y=2"]
        assert feeds[0].allow_private is False and feeds[0].next_poll_at is not None


def test_topic_follower_is_alerted_when_only_german_and_chinese_outlets_report(
    api, db, embedder, tmp_path
):
    """The issue's example: 'battery plant' in English, the story in German and Chinese."""
    follower, other = 201, 202

    async def subscribe():
        async with Chatting(api, db, embedder) as bot:
            await bot.say(follower, "/subscribe battery plant")
            await bot.say(other, "/subscribe olive oil prices in Jaén")

    asyncio.run(subscribe())
    report = ingest_pages(db, embedder, tmp_path, [S1_DE, S1_ZH])
    assert report.conflicts_changed >= 1
    with db.session() as s:
        queued = s.scalars(select(AlertOutbox)).all()
    assert queued and {r.chat_id for r in queued} == {follower}

    async def dispatch():
        async with Chatting(api, db, embedder) as bot:
            clock = FakeClock()
            d = AlertDispatcher(
                bot.app.bot, db, now=clock.now, clock=clock.monotonic, sleep=clock.sleep
            )
            return await d.dispatch_due(), await d.dispatch_due()

    first, second = asyncio.run(dispatch())
    assert first.sent == len(queued) and second.sent == 0
    alerts = api.messages_to(follower)[1:]  # after the /subscribe answer
    assert len(alerts) == len(queued)
    assert all("Verdict:" in a.plain and "Story" in a.plain for a in alerts)
    assert any("<a href=" in a.text for a in alerts)
    assert len(api.messages_to(other)) == 1  # only its /subscribe answer


def test_polling_application_answers_and_keeps_the_token_out_of_logs(api, db, embedder, caplog):
    async def run():
        app = build_application(Factwatch(settings_for(api, db), db), embedder)
        # someone turns the HTTP logs up: the token must still not appear
        logging.getLogger("httpx").setLevel(logging.INFO)
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            api.say(303, "/help")
            answered = await asyncio.to_thread(api.wait_for, lambda: bool(api.messages_to(303)), 30)
            await app.updater.stop()
            await app.stop()
        return answered

    with caplog.at_level(logging.DEBUG):
        answered = asyncio.run(run())
    logging.getLogger("httpx").setLevel(logging.WARNING)
    assert answered
    assert "/subscribe" in api.messages_to(303)[0].plain
    assert api.method_calls("getMe") and api.method_calls("setMyCommands")
    published = api.method_calls("setMyCommands")[0]["commands"]
    assert "subscribe" in published and "addfeed" not in published
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "getUpdates" in logged  # the HTTP lines were logged...
    assert api.token not in logged  # ...without the token
    assert "***" in logged
