"""Answers through a real Application without the embedding model (topics then match by
words only): long answers are split, groups work, the chat registry follows the chats."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from factwatch.store.models import Chat, Conflict, Subscription
from tests.telegram.conftest import Chatting, add_chat, make_conflict
from tests.telegram.fake_bot_api import utf16_len


def test_a_long_answer_is_one_valid_message_per_page(api, db):
    """25 conflicts with long explanations: each answer is one message; the list goes on
    page by page ("… and N more conflicts: /conflicts S page 2") until every one was shown."""
    first = make_conflict(db)
    for _ in range(24):
        make_conflict(db, story_id=first.story_id)
    with db.session() as s:
        for c in s.scalars(select(Conflict)):
            c.summary = "A long explanation of the figures. " * 25
    story = first.story_id

    async def talk():
        async with Chatting(api, db, None) as bot:
            answers = [await bot.say(11, f"/conflicts {story}")]
            while f"/conflicts {story} page {len(answers) + 1}" in answers[-1]:
                answers.append(await bot.say(11, f"/conflicts {story} page {len(answers) + 1}"))
                assert len(answers) < 20
            answers.append(await bot.say(11, f"/conflicts story {story} p 99"))  # past the end
            return answers

    answers = asyncio.run(talk())
    parts = api.messages_to(11)
    assert len(parts) == len(answers) >= 3  # one message per command
    assert api.refused == []  # the fake refuses invalid HTML and texts over 4096
    assert all(utf16_len(p.plain) <= 4096 for p in parts)
    assert parts[0].plain.startswith(f"Conflicts in story {story}\n")
    assert parts[1].plain.startswith(f"Conflicts in story {story} (page 2)")
    shown = [a.count("Outlets disagree · conflict") for a in answers]
    assert sum(shown[:-1]) == 25
    assert "more conflict" not in answers[-2]
    assert answers[-1] == answers[-2]  # past the end: the last page again
    for n, a in enumerate(answers[:-2]):
        left = 25 - sum(shown[: n + 1])
        more = f"… and {left} more conflict{'s' * (left != 1)}: /conflicts {story} page {n + 2}"
        assert a.endswith(more)


def test_group_commands_with_the_bot_name_and_topics_by_words(api, db):
    made = make_conflict(db)

    async def talk():
        async with Chatting(api, db, None) as bot:
            return (
                await bot.say(-100, "/subscribe@factwatch_test_bot all", title="Newsroom"),
                await bot.say(-100, "/subscribe hengchuan"),
                await bot.say(-100, "just chatting", answered=False),
            )

    sub_all, sub_topic, _ = asyncio.run(talk())
    assert "every new or updated conflict" in sub_all
    assert "Following “hengchuan”" in sub_topic and f"/story_{made.story_id}" in sub_topic
    assert len(api.messages_to(-100)) == 2  # plain talk in a group gets no answer
    with db.session() as s:
        assert s.get(Chat, -100).title == "Newsroom"
        subs = s.scalars(select(Subscription).order_by(Subscription.id)).all()
        assert [(x.kind, x.topic, x.topic_embedding) for x in subs] == [
            ("all", None, None),
            ("topic", "hengchuan", None),
        ]


def test_writing_again_lifts_a_pause(api, db):
    add_chat(db, 12, paused=True)

    async def talk():
        async with Chatting(api, db, None) as bot:
            return await bot.say(12, "/subscriptions")

    answer = asyncio.run(talk())
    assert "You follow nothing yet" in answer
    with db.session() as s:
        chat = s.get(Chat, 12)
        assert chat.paused is False and chat.paused_reason is None
