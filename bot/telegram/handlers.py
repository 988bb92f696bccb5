"""The bot's commands.

Each command is a thin async handler over a synchronous function that reads or writes the
store and returns HTML (`factwatch.telegram.replies`); the store and the encoder run in worker
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

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from factwatch.app import Factwatch
from factwatch.config import Settings
from factwatch.ingest.topics import MAX_TOPIC_CHARS
from factwatch.store.chats import register_chat
from factwatch.store.db import Database
from factwatch.telegram.format import feeds_text, help_text, subscriptions_text
from factwatch.telegram.html import clip, escape, split_message
from factwatch.telegram.replies import (
    UsageError,
    add_subscription,
    conflicts_reply,
    facts_reply,
    feed_lines,
    parse_story_id,
    remove_subscriptions,
    stories_for_topic,
    story_exists,
    story_reply,
    subscription_lines,
)

log = logging.getLogger(__name__)

MAX_FACT_STORIES = 5
MAX_LISTED_REMOVED = 10  # subscriptions named in /unsubscribe's answer
# Every reply is built to fit one message (format.fit); should one not, at most this many.
MAX_REPLY_PARTS = 2
DEPS_KEY = "factwatch"


@dataclass(frozen=True)
class BotDeps:
    """What the handlers need, stored in `application.bot_data`: the application core and
    the loaded embedding model (None: topics are matched by their words only)."""

    app: Factwatch
    embedder: Any

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def db(self) -> Database:
        return self.app.db

    def is_admin(self, update: Update) -> bool:
        admins = self.settings.telegram.admins
        chat = update.effective_chat
        user = update.effective_user
        return bool(admins) and (
            (chat is not None and chat.id in admins) or (user is not None and user.id in admins)
        )


def deps(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.application.bot_data[DEPS_KEY]


# ------------------------------------------------------------------ replying


async def reply(update: Update, html_text: str) -> None:
    """Answer in the update's chat: one message, as the texts are built to fit one; a text
    that does not is cut after `MAX_REPLY_PARTS` messages rather than flooding the chat."""
    message = update.effective_message
    if message is None:
        return
    parts = split_message(html_text)
    if len(parts) > MAX_REPLY_PARTS:
        log.warning("a reply of %d messages was cut to %d", len(parts), MAX_REPLY_PARTS)
        parts = parts[:MAX_REPLY_PARTS]
    for part in parts:
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
    was_paused = await asyncio.to_thread(register_chat, d.db, chat.id, _chat_title(update))
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
        label = clip(story.label, 120)
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
            f"• /story_{h.story_id} {clip(h.label, 90)}" for h in hits
        )
    else:
        text += " No story matches it yet; you will hear when one does."
    return text


UNSUBSCRIBE_USAGE = (
    "What should I stop? <code>/unsubscribe 2</code> (the number in /subscriptions), "
    "<code>/unsubscribe battery plant</code>, <code>/unsubscribe story 4</code> or "
    "<code>/unsubscribe all</code>."
)


@command
async def unsubscribe(d: BotDeps, update: Update, args: list[str]) -> str:
    chat = update.effective_chat
    if chat is None or not args:
        return UNSUBSCRIBE_USAGE
    removed = await asyncio.to_thread(remove_subscriptions, d.db, chat.id, " ".join(args))
    if not removed:
        return "Nothing matched that. " + UNSUBSCRIBE_USAGE + "\nSee /subscriptions."
    shown = [escape(x) for x in removed[:MAX_LISTED_REMOVED]]
    if len(removed) > len(shown):
        shown.append(f"and {len(removed) - len(shown)} more")
    return "Stopped following: " + "; ".join(shown) + "."


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
PAGE = re.compile(r"(.*?)\s+(?:page\s*|p\s*)?(\d{1,4})\s*", flags=re.IGNORECASE)


@command
async def conflicts(d: BotDeps, update: Update, args: list[str]) -> str:
    """/conflicts | /conflicts STORY | /conflicts STORY page N (a long list is paged)."""
    page = 1
    m = PAGE.fullmatch(" ".join(args))
    if m and parse_story_id(m.group(1)) is not None:
        args, page = m.group(1).split(), max(1, int(m.group(2)))
    story_id = _one_story_arg(args, CONFLICTS_USAGE)
    return await asyncio.to_thread(conflicts_reply, d.db, story_id, page)


@command
async def story(d: BotDeps, update: Update, args: list[str]) -> str:
    story_id = _one_story_arg(args, "Use <code>/story 4</code> (a story id), or /story for a list.")
    return await asyncio.to_thread(story_reply, d.db, story_id)


FACTS_USAGE = (
    "What about? <code>/facts data centers</code> (a topic, any language) or "
    "<code>/facts 4</code> (story 4)."
)


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
        return f"Not added: {clip(exc, 300)}."
    return (
        f"Added feed {info.id}: {clip(info.url, 300)}. The service polls it within a minute; "
        "/feeds shows its status."
    )


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
    await reply(update, f"I don't know {clip(name, 64)}. /help lists what I can do.")


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message without a command, in a private chat: point to /help."""
    await reply(
        update,
        "I answer commands: <code>/subscribe battery plant</code>, <code>/conflicts</code>, "
        "<code>/story 4</code>… /help lists them all.",
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failed update (the token never appears: see factwatch.logs) and apologise."""
    log.error("update failed: %s", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, "Sorry, something went wrong. Please try again later.")
        except Exception:  # the failure may be Telegram itself
            log.debug("could not apologise", exc_info=True)
