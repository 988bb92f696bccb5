"""Untrusted text is clipped and every reply fits one Telegram message (issue 14)."""

from __future__ import annotations

import asyncio
import re
from datetime import date

from factwatch.store.models import Article
from factwatch.store.repository import utcnow
from factwatch.telegram.format import (
    AlertView,
    FactLine,
    ReadingView,
    SourceView,
    SubscriptionLine,
    alert_text,
    facts_text,
    subscriptions_text,
)
from factwatch.telegram.html import MAX_MESSAGE, MAX_OUTLET, MAX_TITLE, clip, fit, tg_len
from tests.telegram.conftest import Chatting, make_conflict
from tests.telegram.fake_bot_api import check_html

# 38 KB of what a hostile or broken feed may put in a title: markup, entities, ampersands,
# newlines, astral characters.
HUGE = ("Breaking <b>news</b> & “quotes” &amp; 5 < 6 > 4\n📅 " * 800)[:38_000]


def _plain_lines_with(text: str, marker: str) -> list[str]:
    return [line for line in check_html(text).split("\n") if marker in line]


def test_three_38kb_titles_make_one_valid_message_with_each_title_cut(api, db):
    made = make_conflict(db, label=("Label & <label> " * 40)[:500])
    now = utcnow()
    with db.session() as s:
        for n in range(3):
            s.add(
                Article(
                    url=f"https://news.example/{n}",
                    title=f"T{n} " + HUGE,
                    text="body",
                    outlet=(f"O{n} " + HUGE)[:500],  # the column holds 500
                    lang="en",
                    published_at=now,
                    ingested_at=now,
                    source="test",
                    content_hash=f"h{n}",
                    story_id=made.story_id,
                )
            )

    async def run() -> None:
        async with Chatting(api, db, None) as bot:
            await bot.say(31, f"/story {made.story_id}")
            await bot.say(31, "/story")

    asyncio.run(run())
    assert not api.refused  # Telegram (the fake) accepted every message as valid HTML
    story, listing = api.messages_to(31)  # one message each
    assert tg_len(story.text) <= MAX_MESSAGE
    shown = _plain_lines_with(story.text, "• [en]")
    assert len(shown) == 3
    for n, line in enumerate(shown):
        title, outlet = line.removeprefix("• [en] ").split(" — ", 1)
        assert title.startswith(f"T{n} Breaking <b>news</b> & “quotes” &amp; 5 < 6")
        assert title.endswith("…") and len(title) <= MAX_TITLE
        assert outlet.startswith(f"O{n} Breaking") and len(outlet.split(",")[0]) <= MAX_OUTLET
        assert "\n" not in title
    header = check_html(story.text).split("\n")[0]
    assert len(header) < 250 and header.endswith("…")
    assert tg_len(listing.text) <= MAX_MESSAGE


def test_alert_with_huge_outlets_and_fact_label_is_one_valid_message():
    sources = tuple(
        SourceView(HUGE, f"https://o{i}.example/" + "x" * 3000, None) for i in range(30)
    )
    view = AlertView(
        conflict_id=1,
        version=2,
        verdict="genuine",
        kind="count",
        summary=HUGE,
        fact_label=HUGE,
        story_id=4,
        story_label=HUGE,
        readings=(ReadingView("4,500 " + HUGE, sources), ReadingView("3,500 jobs", sources)),
    )
    text = alert_text(view)
    assert tg_len(text) <= MAX_MESSAGE
    shown = check_html(text)
    assert "Conflict 1, version 2" in shown  # nothing important cut off
    assert "<a href" not in text  # URLs longer than any real one are not linked
    assert max(len(line) for line in shown.split("\n")) < 2000


def test_long_fact_lists_are_cut_with_and_n_more():
    facts = [FactLine(i, i // 5, "genuine", HUGE, 3) for i in range(60)]
    labels = {i: HUGE for i in range(12)}
    text = facts_text(facts, labels, "<b>Facts</b>", "… more than 60; ask about one story")
    assert tg_len(text) <= MAX_MESSAGE
    shown = check_html(text)
    m = re.search(r"… and (\d+) more facts; ask about one story: /facts ID", shown)
    assert m
    listed = shown.count(", 3 outlets")
    assert listed + int(m.group(1)) == 60
    assert shown.endswith("… more than 60; ask about one story")
    # a cut list never ends on a story header without its facts
    before_more = shown[: m.start()].rstrip().split("\n")[-1]
    assert before_more.endswith("3 outlets")


def test_fifty_long_subscriptions_fit_one_message():
    lines = [SubscriptionLine(n, "topic", topic="battery & <plant> " * 12) for n in range(1, 51)]
    text = subscriptions_text(lines)
    assert tg_len(text) <= MAX_MESSAGE
    shown = check_html(text)
    assert "more subscriptions" in shown and "/unsubscribe NUMBER" in shown


def test_clip_never_cuts_inside_an_entity_and_fit_keeps_the_limit():
    for n in range(1, 30):
        part = clip("&<>" * 20, n)
        check_html(part)
        assert len(check_html(part)) <= n
    text = fit(["head"], [f"<b>item {i}</b> " + "y" * 300 for i in range(40)], ["tail"])
    assert tg_len(text) <= MAX_MESSAGE and text.endswith("more\ntail")
    check_html(text)
    assert fit(["a"], ["b", "c"], ["d"]) == "a\nb\nc\nd"


def test_an_ordinary_alert_is_unchanged_by_the_limits():
    view = AlertView(
        conflict_id=7,
        version=1,
        verdict="genuine",
        kind="count",
        summary="count 4,500 jobs: outlets disagree",
        fact_label="count 4,500 jobs",
        story_id=3,
        story_label="Hengchuan breaks ground on battery plant",
        readings=(
            ReadingView(
                "4,500 jobs",
                (SourceView("Main & Kurier", "https://m.example/a?x=1&y=2", date(2025, 1, 21)),),
            ),
        ),
    )
    text = alert_text(view)
    assert '<a href="https://m.example/a?x=1&amp;y=2">Main &amp; Kurier</a>' in text
    assert "Hengchuan breaks ground on battery plant" in text


def test_pages_cover_every_item_once_and_each_fits():
    items = [f"<i>item {i}</i> " + "z" * (50 + 37 * (i % 9)) for i in range(120)]
    pages = [fit(["<b>head</b>"], items, ["tail"], page=p) for p in range(1, 40)]
    distinct = list(dict.fromkeys(pages))  # past the last page: the last again
    assert 3 <= len(distinct) < 39
    for page in distinct:
        assert tg_len(page) <= MAX_MESSAGE
        check_html(page)
    shown = [line for page in distinct for line in check_html(page).split("\n")]
    assert [line for line in shown if line.startswith("item ")] == [check_html(i) for i in items]
