"""The bot's commands.

Each command is a thin async handler over a synchronous function that reads or writes the
database and returns HTML (`factwatch.telegram.format`); the database and the encoder run in worker
threads (`asyncio.to_thread`) so one slow query never stalls the bot's other chats. Every
update first registers its chat (`chats`) and lifts a pause: a chat that blocked the bot and
writes again wants its alerts back.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from factwatch.config import Settings
from factwatch.ingest.topics import MAX_TOPIC_CHARS, story_matches_topic
from factwatch.store.db import Database
from factwatch.store.models import Chat, Conflict, Fact, Story, Subscription
from factwatch.store.repository import utcnow, vector_to_bytes
from factwatch.telegram.format import (
    FactLine,
    FeedLine,
    SubscriptionLine,
    conflicts_text,
    escape,
    facts_text,
    feeds_text,
    help_text,
    split_message,
    story_text,
    story_view,
    subscription_label,
    subscriptions_text,
    truncate,
)

log = logging.getLogger(__name__)

MAX_SUBSCRIPTIONS = 50
MAX_CONFLICTS_LISTED = 10
MAX_STORIES_SCANNED = 2000
MAX_FACT_STORIES = 5
MAX_FACTS_LISTED = 60
DEPS_KEY = "factwatch"


@dataclass(frozen=True)
class BotDeps:
    """What the handlers need, stored in `application.bot_data`."""

    settings: Settings
    db: Database
    embedder: Any

    def is_admin(self, update: Update) -> bool:
        admins = self.settings.telegram.admins
        chat = update.effective_chat
        user = update.effective_user
        return bool(admins) and (
            (chat is not None and chat.id in admins) or (user is not None and user.id in admins)
        )


def deps(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.application.bot_data[DEPS_KEY]


class UsageError(ValueError):
    """The command's arguments make no sense; the message says how to use it."""


# ------------------------------------------------------------------ replying


async def reply(update: Update, html_text: str) -> None:
    """Answer in the update's chat, in as many messages as the text needs."""
    message = update.effective_message
    if message is None:
        return
    for part in split_message(html_text):
        await message.reply_text(
            part,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            do_quote=False,
        )


def _args(context: ContextTypes.DEFAULT_TYPE) -> list[str]:
    return [a for a in (context.args or []) if a.strip()]


Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def command(fn: Callable[[BotDeps, Update, list[str]], Awaitable[str]]) -> Handler:
    """Wrap a command: run it, answer its text; a UsageError answers its message."""

    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            text = await fn(deps(context), update, _args(context))
        except UsageError as exc:
            text = str(exc)
        await reply(update, text)

    handler.__name__ = fn.__name__
    handler.__doc__ = fn.__doc__
    return handler


def admin_command(fn: Callable[[BotDeps, Update, list[str]], Awaitable[str]]) -> Handler:
    async def guarded(d: BotDeps, update: Update, args: list[str]) -> str:
        if not d.is_admin(update):
            return "This command is for the bot's administrators."
        return await fn(d, update, args)

    guarded.__name__ = fn.__name__
    return command(guarded)


# ------------------------------------------------------------------ chats


def register_chat(db: Database, chat_id: int, title: str | None) -> bool:
    """Record the chat (or refresh its title); lift a pause. True if it was paused."""
    now = utcnow()
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


def _chat_title(update: Update) -> str | None:
    chat = update.effective_chat
    if chat is None:
        return None
    name = (
        chat.title or chat.username or " ".join(p for p in (chat.first_name, chat.last_name) if p)
    )
    return (name or None) and name[:500]


async def track_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every command (handler group -1)."""
    chat = update.effective_chat
    if chat is None or update.effective_message is None:
        return
    d = deps(context)
    try:
        was_paused = await asyncio.to_thread(register_chat, d.db, chat.id, _chat_title(update))
    except IntegrityError:  # registered concurrently by another worker
        return
    if was_paused:
        log.info("chat %s wrote again: alerts resume", chat.id)


# ------------------------------------------------------------------ /start, /help


@command
async def start(d: BotDeps, update: Update, args: list[str]) -> str:
    """Welcome and the command list."""
    return (
        "Hello! I watch news outlets in many languages and tell you when they disagree "
        "about a figure or a date — and why (a genuine discrepancy, a currency converted at "
        "another day's rate, or conflicting dates).\n\n" + help_text(d.is_admin(update))
    )


@command
async def help_command(d: BotDeps, update: Update, args: list[str]) -> str:
    return help_text(d.is_admin(update))


# ------------------------------------------------------------------ subscriptions

SUBSCRIBE_USAGE = (
    "Tell me what to follow:\n"
    "<code>/subscribe battery plant</code> — a topic, in any language\n"
    "<code>/subscribe 4</code> — story 4 (see /story)\n"
    "<code>/subscribe all</code> — every conflict"
)


def parse_story_id(text: str) -> int | None:
    """'4', '#4', 'story 4', 'story_4' → 4; anything else → None."""
    m = re.fullmatch(r"\s*(?:story[\s_]*)?#?(\d{1,9})\s*", text, flags=re.IGNORECASE)
    return int(m.group(1)) if m else None


def _ordered_subscriptions(s: Any, chat_id: int) -> list[Subscription]:
    return list(
        s.scalars(
            select(Subscription).where(Subscription.chat_id == chat_id).order_by(Subscription.id)
        )
    )


def subscription_lines(db: Database, chat_id: int) -> tuple[list[SubscriptionLine], bool]:
    with db.session() as s:
        chat = s.get(Chat, chat_id)
        lines = []
        for n, sub in enumerate(_ordered_subscriptions(s, chat_id), 1):
            story = s.get(Story, sub.story_id) if sub.story_id else None
            lines.append(
                SubscriptionLine(
                    number=n,
                    kind=sub.kind,
                    story_id=sub.story_id,
                    story_label=story.label if story else None,
                    topic=sub.topic,
                )
            )
        return lines, bool(chat and chat.paused)


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
    now = utcnow()
    with db.session() as s:
        if s.get(Chat, chat_id) is None:
            s.add(Chat(id=chat_id, paused=False, created_at=now, updated_at=now))
            s.flush()
        subs = _ordered_subscriptions(s, chat_id)
        for sub in subs:
            same = (
                (kind == "all" and sub.kind == "all")
                or (kind == "story" and sub.kind == "story" and sub.story_id == story_id)
                or (
                    kind == "topic"
                    and sub.kind == "topic"
                    and _same_topic(sub.topic or "", topic or "")
                )
            )
            if same:
                return False, subscription_label(
                    SubscriptionLine(0, sub.kind, sub.story_id, None, sub.topic)
                )
        if len(subs) >= MAX_SUBSCRIPTIONS:
            raise UsageError(
                f"This chat already follows {len(subs)} things, the most I keep. "
                "Remove some with /unsubscribe first."
            )
        s.add(
            Subscription(
                chat_id=chat_id,
                kind=kind,
                story_id=story_id,
                topic=topic,
                topic_embedding=vector_to_bytes(topic_vector) if topic_vector is not None else None,
                created_at=now,
            )
        )
    return True, subscription_label(SubscriptionLine(0, kind, story_id, None, topic))


def _same_topic(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def story_exists(db: Database, story_id: int) -> Story | None:
    with db.session() as s:
        return s.get(Story, story_id)


@dataclass(frozen=True)
class StoryHit:
    story_id: int
    label: str
    similarity: float | None
    by_words: bool


def stories_for_topic(db: Database, topic: str, vector: Any, limit: int = 5) -> list[StoryHit]:
    """The stories a topic matches now, best first (words, then similarity)."""
    with db.session() as s:
        rows = s.execute(
            select(Story.id, Story.label, Story.entities, Story.centroid)
            .order_by(Story.last_seen.desc())
            .limit(MAX_STORIES_SCANNED)
        ).all()
    hits = []
    for sid, label, entities, centroid in rows:
        m = story_matches_topic(topic, vector, label, entities, centroid)
        if m:
            hits.append(StoryHit(sid, label, m.similarity, m.by_words))
    hits.sort(key=lambda h: (not h.by_words, -(h.similarity or 0.0), h.story_id))
    return hits[:limit]


def _validate_topic(words: Sequence[str]) -> str:
    topic = " ".join(words).strip()
    if len(topic) > MAX_TOPIC_CHARS:
        raise UsageError(f"That topic is too long: keep it under {MAX_TOPIC_CHARS} characters.")
    if not any(ch.isalpha() for ch in topic):
        raise UsageError("A topic needs words, e.g. <code>/subscribe battery plant</code>.")
    return topic


async def _embed(d: BotDeps, text: str) -> Any:
    if d.embedder is None:
        return None
    vectors = await asyncio.to_thread(d.embedder.encode, [text])
    return vectors[0]


@command
async def subscribe(d: BotDeps, update: Update, args: list[str]) -> str:
    """/subscribe words | story id | all"""
    chat = update.effective_chat
    if chat is None:
        return SUBSCRIBE_USAGE
    if not args:
        return SUBSCRIBE_USAGE
    joined = " ".join(args)
    if joined.strip().casefold() in ("all", "everything", "*"):
        added, _ = await asyncio.to_thread(add_subscription, d.db, chat.id, "all")
        if not added:
            return "You already follow all conflicts."
        return (
            "Done: you will get an alert for every new or updated conflict "
            "(rounding differences excepted)."
        )
    story_id = parse_story_id(joined)
    if story_id is not None:
        story = await asyncio.to_thread(story_exists, d.db, story_id)
        if story is None:
            return (
                f"There is no story {story_id}. /story lists the latest stories; "
                "to follow a topic, use words: <code>/subscribe battery plant</code>."
            )
        added, _ = await asyncio.to_thread(
            add_subscription, d.db, chat.id, "story", story_id=story_id
        )
        label = escape(truncate(story.label, 120))
        if not added:
            return f"You already follow story {story_id}: {label}."
        return f"Following story {story_id}: {label}. You will hear about its conflicts."
    topic = _validate_topic(args)
    vector = await _embed(d, topic)
    added, _ = await asyncio.to_thread(
        add_subscription, d.db, chat.id, "topic", topic=topic, topic_vector=vector
    )
    if not added:
        return f"You already follow “{escape(topic)}”."
    hits = await asyncio.to_thread(stories_for_topic, d.db, topic, vector)
    text = f"Following “{escape(topic)}”, in every language."
    if hits:
        text += "\nStories it matches now:\n" + "\n".join(
            f"• /story_{h.story_id} {escape(truncate(h.label, 90))}" for h in hits
        )
    else:
        text += " No story matches it yet; you will hear when one does."
    return text


UNSUBSCRIBE_USAGE = (
    "What should I stop? <code>/unsubscribe 2</code> (the number in /subscriptions), "
    "<code>/unsubscribe battery plant</code>, <code>/unsubscribe story 4</code> or "
    "<code>/unsubscribe all</code>."
)


def remove_subscriptions(db: Database, chat_id: int, selector: str) -> list[str]:
    """Remove what `selector` names; the descriptions of what was removed."""
    sel = selector.strip()
    with db.session() as s:
        subs = _ordered_subscriptions(s, chat_id)
        if sel.casefold() == "all":
            chosen = subs
        elif re.fullmatch(r"\d{1,4}", sel):
            n = int(sel)
            chosen = [subs[n - 1]] if 1 <= n <= len(subs) else []
        elif re.fullmatch(r"story[\s_]*#?\d{1,9}", sel, flags=re.IGNORECASE):
            sid = parse_story_id(sel)
            chosen = [x for x in subs if x.kind == "story" and x.story_id == sid]
        elif sel.casefold() in ("everything", "*"):
            chosen = subs
        else:
            chosen = [
                x
                for x in subs
                if x.kind == "topic" and (x.topic or "").strip().casefold() == sel.casefold()
            ]
        labels = [
            subscription_label(SubscriptionLine(0, x.kind, x.story_id, None, x.topic))
            for x in chosen
        ]
        if chosen:
            s.execute(delete(Subscription).where(Subscription.id.in_([x.id for x in chosen])))
        return labels


@command
async def unsubscribe(d: BotDeps, update: Update, args: list[str]) -> str:
    chat = update.effective_chat
    if chat is None or not args:
        return UNSUBSCRIBE_USAGE
    removed = await asyncio.to_thread(remove_subscriptions, d.db, chat.id, " ".join(args))
    if not removed:
        return "Nothing matched that. " + UNSUBSCRIBE_USAGE + "\nSee /subscriptions."
    return "Stopped following: " + "; ".join(escape(x) for x in removed) + "."


@command
async def subscriptions(d: BotDeps, update: Update, args: list[str]) -> str:
    chat = update.effective_chat
    if chat is None:
        return subscriptions_text([])
    lines, paused = await asyncio.to_thread(subscription_lines, d.db, chat.id)
    return subscriptions_text(lines, paused)


# ------------------------------------------------------------------ reading


def _one_story_arg(args: list[str], usage: str) -> int | None:
    if not args:
        return None
    story_id = parse_story_id(" ".join(args))
    if story_id is None:
        raise UsageError(usage)
    return story_id


CONFLICTS_USAGE = (
    "Use <code>/conflicts</code> for the latest, or <code>/conflicts 4</code> for story 4."
)


def conflicts_reply(db: Database, story_id: int | None) -> str:
    with db.session() as s:
        q = select(Conflict).where(Conflict.verdict != "rounding_or_bound")
        if story_id is not None:
            if s.get(Story, story_id) is None:
                return f"There is no story {story_id}. /story lists the latest stories."
            found = list(s.scalars(q.where(Conflict.story_id == story_id).order_by(Conflict.id)))
            quiet = s.scalar(
                select(func.count())
                .select_from(Conflict)
                .where(Conflict.story_id == story_id, Conflict.verdict == "rounding_or_bound")
            )
            if not found:
                extra = (
                    f" ({quiet} difference{'s' * (quiet != 1)} explained by rounding)"
                    if quiet
                    else ""
                )
                return f"No conflicting figures in story {story_id}{extra}."
            return conflicts_text(s, found, f"<b>Conflicts in story {story_id}</b>")
        recent = list(
            s.scalars(
                q.order_by(Conflict.updated_at.desc(), Conflict.id.desc()).limit(
                    MAX_CONFLICTS_LISTED
                )
            )
        )
        if not recent:
            return "No conflicting figures found yet."
        recent.sort(key=lambda c: (c.story_id or 0, c.id))
        return conflicts_text(
            s,
            recent,
            f"<b>Latest conflicts</b> (up to {MAX_CONFLICTS_LISTED}; /conflicts ID for one story)",
        )


@command
async def conflicts(d: BotDeps, update: Update, args: list[str]) -> str:
    story_id = _one_story_arg(args, CONFLICTS_USAGE)
    return await asyncio.to_thread(conflicts_reply, d.db, story_id)


def story_reply(db: Database, story_id: int | None) -> str:
    with db.session() as s:
        if story_id is None:
            latest = s.scalars(select(Story).order_by(Story.last_seen.desc()).limit(15)).all()
            if not latest:
                return "No stories yet."
            lines = ["<b>Latest stories</b> (<code>/story ID</code> for one):"]
            lines += [
                f"/story_{st.id} {escape(truncate(st.label, 90))} "
                f"({st.n_articles} art., {escape(st.langs.replace(',', ', '))})"
                for st in latest
            ]
            return "\n".join(lines)
        story = s.get(Story, story_id)
        if story is None:
            return f"There is no story {story_id}. <code>/story</code> lists the latest."
        return story_text(story_view(s, story))


@command
async def story(d: BotDeps, update: Update, args: list[str]) -> str:
    story_id = _one_story_arg(args, "Use <code>/story 4</code> (a story id), or /story for a list.")
    return await asyncio.to_thread(story_reply, d.db, story_id)


FACTS_USAGE = (
    "What about? <code>/facts data centers</code> (a topic, any language) or "
    "<code>/facts 4</code> (story 4)."
)


def facts_reply(
    db: Database, story_ids: Sequence[int], heading: str, phrase: str | None = None
) -> str:
    """Facts two or more outlets report, in the given stories (and, with a phrase, facts
    whose label contains it)."""
    with db.session() as s:
        conds = [Fact.story_id.in_(list(story_ids))] if story_ids else []
        if phrase:
            conds.append(func.lower(Fact.label).contains(phrase.casefold(), autoescape=True))
        if not conds:
            return "No facts found."
        facts = list(
            s.scalars(
                select(Fact)
                .where(or_(*conds), Fact.n_sources >= 2)
                .order_by(Fact.story_id, Fact.id)
                .limit(MAX_FACTS_LISTED + 1)
            )
        )
        if not facts:
            return "No figure or date reported by two or more outlets matches that yet."
        ids = {f.story_id for f in facts if f.story_id is not None}
        labels = {
            sid: label
            for sid, label in s.execute(select(Story.id, Story.label).where(Story.id.in_(ids)))
        }
        lines = [
            FactLine(f.id, f.story_id, f.status, f.label, f.n_sources)
            for f in facts[:MAX_FACTS_LISTED]
        ]
        text = facts_text(lines, labels, heading)
        if len(facts) > MAX_FACTS_LISTED:
            text += f"\n… more than {MAX_FACTS_LISTED}; ask about one story: /facts ID"
        return text


@command
async def facts(d: BotDeps, update: Update, args: list[str]) -> str:
    if not args:
        return FACTS_USAGE
    joined = " ".join(args)
    story_id = parse_story_id(joined)
    if story_id is not None:
        if await asyncio.to_thread(story_exists, d.db, story_id) is None:
            return f"There is no story {story_id}. /story lists the latest stories."
        return await asyncio.to_thread(
            facts_reply, d.db, [story_id], f"<b>Facts in story {story_id}</b>"
        )
    topic = _validate_topic(args)
    vector = await _embed(d, topic)
    hits = await asyncio.to_thread(stories_for_topic, d.db, topic, vector, MAX_FACT_STORIES)
    return await asyncio.to_thread(
        facts_reply,
        d.db,
        [h.story_id for h in hits],
        f"<b>Facts about “{escape(topic)}”</b>",
        " ".join(topic.split()),
    )


# ------------------------------------------------------------------ admin

ADDFEED_USAGE = "Use <code>/addfeed https://example.org/feed.xml</code>."


@admin_command
async def addfeed(d: BotDeps, update: Update, args: list[str]) -> str:
    from factwatch.feeds import FeedRegistryError, add_feed

    if len(args) != 1:
        return ADDFEED_USAGE
    try:
        info = await asyncio.to_thread(add_feed, d.db, args[0])
    except FeedRegistryError as exc:
        return f"Not added: {escape(exc)}."
    return (
        f"Added feed {info.id}: {escape(info.url)}. The service polls it within a minute; "
        "/feeds shows its status."
    )


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


@admin_command
async def feeds(d: BotDeps, update: Update, args: list[str]) -> str:
    return feeds_text(await asyncio.to_thread(feed_lines, d.db))


# ------------------------------------------------------------------ the rest

SHORTCUT = re.compile(r"^/(story|conflicts|facts|subscribe)_(\d{1,9})(?:@\w+)?\s*$")


async def shortcut(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Clickable `/story_4`, `/conflicts_4`, `/facts_4`, `/subscribe_4` in the bot's texts."""
    message = update.effective_message
    m = SHORTCUT.match(message.text or "") if message else None
    if m is None:
        return
    context.args = [m.group(2)]
    await {"story": story, "conflicts": conflicts, "facts": facts, "subscribe": subscribe}[
        m.group(1)
    ](update, context)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    name = (message.text or "").split()[0] if message and message.text else "that"
    await reply(update, f"I don't know {escape(name)}. /help lists what I can do.")


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message without a command, in a private chat: point to /help."""
    await reply(
        update,
        "I answer commands: <code>/subscribe battery plant</code>, <code>/conflicts</code>, "
        "<code>/story 4</code>… /help lists them all.",
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failed update (the token never appears: see app.TokenFilter) and apologise."""
    log.error("update failed: %s", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, "Sorry, something went wrong. Please try again later.")
        except Exception:  # the failure may be Telegram itself
            log.debug("could not apologise", exc_info=True)
