"""The Telegram application: python-telegram-bot 22 (async), pointed at the configured Bot API.

`build_application(app, embedder)` returns a `telegram.ext.Application` with every
handler registered; the caller (bot/service.py) initialises, starts and polls it in its own
event loop and hands `app.bot` to the alert dispatcher.

The token is part of every Bot API URL, which a library may log or echo in an error: the
application core (`factwatch.app.Factwatch`) registers it with `factwatch.logs`, whose filter
on the root handlers removes it from every record, whatever the log level.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from factwatch.app import Factwatch
from factwatch.telegram import handlers as h
from factwatch.telegram.format import COMMANDS
from factwatch.telegram.limits import (
    LIMITER_KEY,
    ChatLimits,
    ChatRateLimiter,
    PerChatUpdateProcessor,
    rate_limit,
)

log = logging.getLogger(__name__)

__all__ = ["build_application"]

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
WRITE_TIMEOUT = 20.0
POOL_TIMEOUT = 10.0


def _api_base(api_url: str) -> tuple[str, str | None]:
    """The Bot API base URL and the matching file URL (…/bot → …/file/bot)."""
    base = api_url.rstrip()
    if base.endswith("/bot"):
        return base, base[: -len("/bot")] + "/file/bot"
    return base, None


class FactwatchApplication(Application):
    """An Application that publishes its command list when initialised, however it is run
    (`run_polling`, or `initialize()` + `start()` as bot/service.py does)."""

    async def initialize(self) -> None:
        await super().initialize()
        await publish_commands(self)


async def publish_commands(app: Application) -> None:
    """Publish the command list (admins see the admin commands too); failures only logged."""
    deps: h.BotDeps | None = app.bot_data.get(h.DEPS_KEY)
    if deps is None:
        return
    public = [BotCommand(c.command, c.description[:256]) for c in COMMANDS if not c.admin]
    every = [BotCommand(c.command, c.description[:256]) for c in COMMANDS]
    try:
        await app.bot.set_my_commands(public)
    except TelegramError as exc:
        log.warning("could not publish the command list: %s", exc)
    for chat_id in sorted(deps.settings.telegram.admins):
        try:
            await app.bot.set_my_commands(every, scope=BotCommandScopeChat(chat_id))
        except TelegramError as exc:  # the admin never talked to the bot yet
            log.info("admin command list for chat %s not set: %s", chat_id, exc)


def build_application(
    core: Factwatch,
    embedder: Any,
    *,
    limits: ChatLimits | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Application:
    """The bot for `core.settings.telegram`, its handlers reading and writing `core.db`;
    `embedder` (`ingest.embed.Embedder`) embeds topic words for subscriptions and /facts.
    `limits` (default `ChatLimits()`) keeps one chat from starving the others (see
    `factwatch.telegram.limits`); `clock` is the rate limiter's."""
    limits = limits or ChatLimits()
    tg = core.settings.telegram
    if not tg.token:
        raise ValueError("FACTWATCH_TELEGRAM_TOKEN is not set")
    base_url, file_url = _api_base(tg.api_url)
    builder: ApplicationBuilder = (
        Application.builder()
        .token(tg.token)
        .base_url(base_url)
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(READ_TIMEOUT)
        .write_timeout(WRITE_TIMEOUT)
        .pool_timeout(POOL_TIMEOUT)
        .get_updates_connect_timeout(CONNECT_TIMEOUT)
        .get_updates_read_timeout(READ_TIMEOUT)
        .get_updates_write_timeout(WRITE_TIMEOUT)
        .get_updates_pool_timeout(POOL_TIMEOUT)
        .job_queue(None)  # scheduling is bot/service.py's APScheduler
        .application_class(FactwatchApplication)
        .concurrent_updates(PerChatUpdateProcessor(limits.workers, limits.max_pending))
    )
    if file_url:
        builder = builder.base_file_url(file_url)
    app = builder.build()
    app.bot_data[h.DEPS_KEY] = h.BotDeps(app=core, embedder=embedder)
    app.bot_data[LIMITER_KEY] = ChatRateLimiter(limits, clock)
    register_handlers(app)
    return app


def register_handlers(app: Application) -> None:
    app.add_handler(TypeHandler(Update, rate_limit), group=-2)
    app.add_handler(TypeHandler(Update, h.track_chat), group=-1)
    commands = {
        "start": h.start,
        "help": h.help_command,
        "subscribe": h.subscribe,
        "unsubscribe": h.unsubscribe,
        "subscriptions": h.subscriptions,
        "conflicts": h.conflicts,
        "story": h.story,
        "facts": h.facts,
        "addfeed": h.addfeed,
        "feeds": h.feeds,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(MessageHandler(filters.Regex(h.SHORTCUT), h.shortcut))
    app.add_handler(MessageHandler(filters.COMMAND, h.unknown_command))
    app.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, h.plain_text)
    )
    app.add_error_handler(h.on_error)
