"""What the bot's commands do and say, synchronously: read or write the store, return HTML.

The async handlers (`factwatch.telegram.handlers`) run these in worker threads, so one slow
query never stalls the bot's other chats. The rows come from `factwatch.store`; which
conflicts count is the alert policy's (`factwatch.ingest.alerts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factwatch.ingest.alerts import SILENT_VERDICTS
from factwatch.ingest.topics import story_matches_topic
from factwatch.store import chats, stories
from factwatch.store import conflicts as conflict_rows
from factwatch.store.chats import SubscriptionRow
from factwatch.store.db import Database
from factwatch.store.repository import vector_to_bytes
from factwatch.telegram.format import (
    FactLine,
    FeedLine,
    SubscriptionLine,
    conflicts_text,
    facts_text,
    story_text,
    story_view,
    subscription_label,
)
from factwatch.telegram.html import clip

MAX_SUBSCRIPTIONS = 50
MAX_CONFLICTS_LISTED = 10
MAX_STORIES_SCANNED = 2000
MAX_FACTS_LISTED = 60


class UsageError(ValueError):
    """The command's arguments make no sense; the message says how to use it."""


def parse_story_id(text: str) -> int | None:
    """'4', '#4', 'story 4', 'story_4' → 4; anything else → None."""
    m = re.fullmatch(r"\s*(?:story[\s_]*)?#?(\d{1,9})\s*", text, flags=re.IGNORECASE)
    return int(m.group(1)) if m else None


# ------------------------------------------------------------------ subscriptions


def _label(sub: SubscriptionRow) -> str:
    return subscription_label(SubscriptionLine(0, sub.kind, sub.story_id, None, sub.topic))


def subscription_lines(db: Database, chat_id: int) -> tuple[list[SubscriptionLine], bool]:
    subs, paused = chats.subscriptions(db, chat_id)
    lines = [
        SubscriptionLine(
            number=n,
            kind=sub.kind,
            story_id=sub.story_id,
            story_label=sub.story_label,
            topic=sub.topic,
        )
        for n, sub in enumerate(subs, 1)
    ]
    return lines, paused


def add_subscription(
    db: Database,
    chat_id: int,
    kind: str,
    *,
    story_id: int | None = None,
    topic: str | None = None,
    topic_vector: Any = None,
) -> tuple[bool, str]:
    """Add a subscription unless the chat has it already. Returns (added, description)."""

    def same(sub: SubscriptionRow) -> bool:
        return (
            (kind == "all" and sub.kind == "all")
            or (kind == "story" and sub.kind == "story" and sub.story_id == story_id)
            or (
                kind == "topic"
                and sub.kind == "topic"
                and _same_topic(sub.topic or "", topic or "")
            )
        )

    done = chats.add_subscription(
        db,
        chat_id,
        kind,
        story_id=story_id,
        topic=topic,
        topic_embedding=vector_to_bytes(topic_vector) if topic_vector is not None else None,
        same=same,
        limit=MAX_SUBSCRIPTIONS,
    )
    if done.existing is not None:
        return False, _label(done.existing)
    if not done.added:
        raise UsageError(
            f"This chat already follows {done.count} things, the most I keep. "
            "Remove some with /unsubscribe first."
        )
    return True, subscription_label(SubscriptionLine(0, kind, story_id, None, topic))


def _same_topic(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def remove_subscriptions(db: Database, chat_id: int, selector: str) -> list[str]:
    """Remove what `selector` names; the descriptions of what was removed."""
    sel = selector.strip()

    def choose(subs: Sequence[SubscriptionRow]) -> Sequence[SubscriptionRow]:
        if sel.casefold() == "all":
            return subs
        if re.fullmatch(r"\d{1,4}", sel):
            n = int(sel)
            return [subs[n - 1]] if 1 <= n <= len(subs) else []
        if re.fullmatch(r"story[\s_]*#?\d{1,9}", sel, flags=re.IGNORECASE):
            sid = parse_story_id(sel)
            return [x for x in subs if x.kind == "story" and x.story_id == sid]
        if sel.casefold() in ("everything", "*"):
            return subs
        return [
            x
            for x in subs
            if x.kind == "topic" and (x.topic or "").strip().casefold() == sel.casefold()
        ]

    return [_label(x) for x in chats.remove_subscriptions(db, chat_id, choose)]


# ------------------------------------------------------------------ stories


def story_exists(db: Database, story_id: int) -> stories.StoryRow | None:
    return stories.get_story(db, story_id)


@dataclass(frozen=True)
class StoryHit:
    story_id: int
    label: str
    similarity: float | None
    by_words: bool


def stories_for_topic(db: Database, topic: str, vector: Any, limit: int = 5) -> list[StoryHit]:
    """The stories a topic matches now, best first (words, then similarity)."""
    hits = []
    for st in stories.recent_story_topics(db, MAX_STORIES_SCANNED):
        m = story_matches_topic(topic, vector, st.label, st.entities, st.centroid)
        if m:
            hits.append(StoryHit(st.story_id, st.label or "", m.similarity, m.by_words))
    hits.sort(key=lambda h: (not h.by_words, -(h.similarity or 0.0), h.story_id))
    return hits[:limit]


def story_reply(db: Database, story_id: int | None) -> str:
    if story_id is None:
        latest = stories.latest_stories(db, 15)
        if not latest:
            return "No stories yet."
        lines = ["<b>Latest stories</b> (<code>/story ID</code> for one):"]
        lines += [
            f"/story_{st.id} {clip(st.label, 90)} "
            f"({st.n_articles} art., {clip(st.langs.replace(',', ', '), 60)})"
            for st in latest
        ]
        return "\n".join(lines)
    detail = stories.story_detail(db, story_id, SILENT_VERDICTS)
    if detail is None:
        return f"There is no story {story_id}. <code>/story</code> lists the latest."
    return story_text(story_view(detail))


# ------------------------------------------------------------------ conflicts, facts


def conflicts_reply(db: Database, story_id: int | None, page: int = 1) -> str:
    """The latest conflicts, or those of one story: one message, the `page`-th of them."""
    if story_id is not None:
        if stories.get_story(db, story_id) is None:
            return f"There is no story {story_id}. /story lists the latest stories."
        found = conflict_rows.conflicts(db, story_id=story_id, exclude=SILENT_VERDICTS)
        if not found:
            quiet = conflict_rows.count_conflicts(db, story_id, SILENT_VERDICTS)
            extra = (
                f" ({quiet} difference{'s' * (quiet != 1)} explained by rounding)" if quiet else ""
            )
            return f"No conflicting figures in story {story_id}{extra}."
        return conflicts_text(
            found,
            f"<b>Conflicts in story {story_id}</b>",
            page=page,
            more_hint=f": /conflicts {story_id} page {page + 1}",
        )
    recent = conflict_rows.conflicts(db, exclude=SILENT_VERDICTS, newest=MAX_CONFLICTS_LISTED)
    if not recent:
        return "No conflicting figures found yet."
    return conflicts_text(
        recent,
        f"<b>Latest conflicts</b> (up to {MAX_CONFLICTS_LISTED}; /conflicts ID for one story)",
        more_hint="; /conflicts ID for one story",
    )


def facts_reply(
    db: Database, story_ids: Sequence[int], heading: str, phrase: str | None = None
) -> str:
    """Facts two or more outlets report, in the given stories (and, with a phrase, facts
    whose label contains it)."""
    if not story_ids and not phrase:
        return "No facts found."
    facts = conflict_rows.facts_matching(db, story_ids, phrase, MAX_FACTS_LISTED + 1)
    if not facts:
        return "No figure or date reported by two or more outlets matches that yet."
    labels = stories.story_labels(db, (f.story_id for f in facts if f.story_id is not None))
    lines = [
        FactLine(f.id, f.story_id, f.status, f.label, f.n_sources) for f in facts[:MAX_FACTS_LISTED]
    ]
    footer = (
        f"… more than {MAX_FACTS_LISTED}; ask about one story: /facts ID"
        if len(facts) > MAX_FACTS_LISTED
        else None
    )
    return facts_text(lines, labels, heading, footer)


# ------------------------------------------------------------------ feeds


def feed_lines(db: Database) -> list[FeedLine]:
    from factwatch.feeds import list_feeds, safe_url

    return [
        FeedLine(
            feed_id=f.id,
            url=safe_url(f.url),
            status=f.status,
            articles=f.articles,
            last_error=f.last_error,
            last_fetched_at=f.last_fetched_at,
        )
        for f in list_feeds(db)
    ]
