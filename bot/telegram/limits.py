"""Fairness between chats: a per-chat command rate limit, and updates of different chats
processed side by side.

- **Rate limit.** Each chat has a token bucket: `burst` commands at once, then one every
  `interval` seconds. A command over the limit gets no answer; the first one gets a short
  "slow down" notice, and later ones stay silent until `notice_every` seconds have passed
  (answering every dropped command would itself be the flood). The check runs first of all
  handlers (group -2), so a dropped command costs neither a query nor a message.
- **Concurrency.** python-telegram-bot processes updates one after the other by default: one
  chat's backlog delays every other chat's replies. `PerChatUpdateProcessor` runs updates of
  different chats concurrently (at most `workers` at once) while keeping each chat's updates
  in order; an update waiting for its chat holds no worker, so one busy chat cannot occupy
  them all.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseUpdateProcessor, ContextTypes

from factwatch.telegram.handlers import reply

log = logging.getLogger(__name__)

__all__ = [
    "LIMITER_KEY",
    "ChatLimits",
    "ChatRateLimiter",
    "Decision",
    "PerChatUpdateProcessor",
    "rate_limit",
]

LIMITER_KEY = "factwatch.limiter"
SLOW_DOWN = (
    "Slow down, please: I answer one command every {interval:g} s in this chat. "
    "I am ignoring the commands sent meanwhile."
)


@dataclass(frozen=True)
class ChatLimits:
    """How much one chat may ask, and how many updates the bot processes at once."""

    burst: int = 5  # commands a chat may send at once
    interval: float = 2.0  # then one every `interval` seconds
    notice_every: float = 60.0  # at most one "slow down" notice per chat in this time
    workers: int = 8  # updates (of different chats) processed at the same time
    max_pending: int = 4096  # updates in progress or queued for their chat, all chats together

    @classmethod
    def unlimited(cls) -> ChatLimits:
        """No rate limit (tests that talk to the bot faster than any person)."""
        return cls(burst=1_000_000, interval=0.0)


class Decision(Enum):
    ALLOW = "allow"
    NOTICE = "notice"  # over the limit: answer the slow-down notice, nothing else
    DROP = "drop"  # over the limit, notice already given: silence


@dataclass
class _Bucket:
    tokens: float
    updated: float
    noticed: float | None = None


class ChatRateLimiter:
    """Token buckets per chat; the clock is injectable so tests need not wait."""

    PRUNE_AT = 10_000  # chats remembered before the idle ones (full buckets) are forgotten

    def __init__(self, limits: ChatLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._buckets: dict[int, _Bucket] = {}

    def _refill(self, bucket: _Bucket, now: float) -> None:
        if self.limits.interval <= 0:
            bucket.tokens = float(self.limits.burst)
        else:
            gained = (now - bucket.updated) / self.limits.interval
            bucket.tokens = min(float(self.limits.burst), bucket.tokens + max(0.0, gained))
        bucket.updated = now

    def check(self, chat_id: int) -> Decision:
        """Take a token for one command of `chat_id`, or say what to do without one."""
        now = self.clock()
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            if len(self._buckets) >= self.PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[chat_id] = _Bucket(float(self.limits.burst), now)
        self._refill(bucket, now)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return Decision.ALLOW
        if bucket.noticed is None or now - bucket.noticed >= self.limits.notice_every:
            bucket.noticed = now
            return Decision.NOTICE
        return Decision.DROP

    def _prune(self, now: float) -> None:
        """Forget the chats whose bucket has filled up again and whose notice has expired:
        they are as if never seen."""
        for chat_id, bucket in list(self._buckets.items()):
            self._refill(bucket, now)
            quiet = bucket.noticed is None or now - bucket.noticed >= self.limits.notice_every
            if bucket.tokens >= self.limits.burst and quiet:
                del self._buckets[chat_id]

    def __len__(self) -> int:
        return len(self._buckets)


def _counts(update: Update) -> bool:
    """Whether the update asks for an answer: a command anywhere, any text in a private chat
    (answered with a pointer to /help). Group chatter without a command costs nothing."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or not message.text:
        return False
    return message.text.startswith("/") or chat.type == "private"


async def rate_limit(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handler group -2: stops an over-limit command before any other handler sees it."""
    limiter: ChatRateLimiter | None = context.application.bot_data.get(LIMITER_KEY)
    if limiter is None or not isinstance(update, Update) or not _counts(update):
        return
    chat = update.effective_chat
    assert chat is not None  # _counts checked it
    decision = limiter.check(chat.id)
    if decision is Decision.ALLOW:
        return
    if decision is Decision.NOTICE:
        log.info("chat %s is over the command rate limit: ignoring it for a while", chat.id)
        await reply(update, SLOW_DOWN.format(interval=limiter.limits.interval))
    raise ApplicationHandlerStop


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of one chat in order, those of different chats concurrently.

    PTB's own semaphore (`max_concurrent_updates`) only bounds the updates fetched and not
    yet done; the real bound is `workers`, taken *after* the chat's turn has come, so the
    updates queued behind a busy chat hold no worker."""

    def __init__(self, workers: int = 8, max_pending: int = 4096) -> None:
        super().__init__(max(2, max_pending))
        self.workers = max(1, workers)
        self._workers: asyncio.Semaphore | None = None
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # lock, updates using it

    async def initialize(self) -> None:
        self._workers = asyncio.Semaphore(self.workers)

    async def shutdown(self) -> None:
        self._chats.clear()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._workers is None:  # not initialised (Application.initialize does it)
            self._workers = asyncio.Semaphore(self.workers)
        key = _chat_key(update)
        if key is None:
            async with self._workers:
                await coroutine
            return
        lock, users = self._chats.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._chats[key] = (lock, users + 1)
        try:
            async with lock, self._workers:
                await coroutine
        finally:
            lock_now, users_now = self._chats[key]
            if users_now <= 1:
                del self._chats[key]
            else:
                self._chats[key] = (lock_now, users_now - 1)

    @property
    def chats_waiting(self) -> int:
        """Chats with an update in progress or queued (for tests and logs)."""
        return len(self._chats)
