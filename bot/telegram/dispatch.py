"""Send the alert outbox to Telegram: paced, retried, each (chat, conflict version) once.

Row life: `pending` → `sending` → `sent` | `failed` | `skipped`.

- **Claim.** A row is switched to `sending` (attempts + 1) by a conditional UPDATE that only
  succeeds on a `pending` row (or an expired lease, below), and committed *before* the HTTP
  call; two dispatchers can never send the same row. After Telegram answers, the row is
  `sent` (with the message id) at once.
- **Crash window (at-least-once).** A process killed between Telegram accepting the message
  and the `sent` commit — a few milliseconds — leaves the row in `sending`; `recover()` (run
  once at start) makes such rows `pending` again, so that message may be delivered twice.
  A claim is also a lease: a row still `sending` `lease` seconds after its claim (its
  dispatcher died, or could not record the answer) is due again without a restart.
  (`recover()` assumes one dispatcher, as `factwatch run` has; several would rely on the
  lease alone.)
  Everything else is exactly once: the outbox's unique key (chat, conflict, version) means no
  alert is ever queued twice. A timed-out request is the same ambiguity (Telegram may have
  delivered it) and is retried too: losing an alert is the worse failure.
- **Limits.** At most `global_rate` messages per second overall (Telegram: ~30/s) and one
  per `per_chat_interval` seconds per chat (Telegram: 1/s); a chat with more alerts due gets at
  most `per_chat_batch` of them per round, the rest wait for the next round.
- **Errors.** 429 RetryAfter: the row and the chat wait what Telegram asks, without counting an
  attempt. Network errors, timeouts and 5xx: retried with exponential back-off through
  `next_attempt_at` (failed after `max_attempts`). 403 (the user blocked the bot, or it was
  removed from the group): the chat is paused — its subscriptions stay, its pending alerts
  become `skipped` — until the chat writes to the bot again. 400 (bad request): `failed` with
  Telegram's description.
- **Stale rows.** A row whose conflict has since changed (a newer version has its own row) or
  disappeared, or whose chat was paused, is `skipped` rather than sent with outdated content.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from factwatch.ingest.alerts import alerts
from factwatch.store import outbox
from factwatch.store.db import Database
from factwatch.store.outbox import Claimed
from factwatch.store.repository import utcnow
from factwatch.telegram.format import alert_text, alert_view

log = logging.getLogger(__name__)

__all__ = ["AlertDispatcher", "DispatchReport", "Pacer"]


@dataclass
class DispatchReport:
    """What one `dispatch_due` round did."""

    due: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    paused_chats: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"{self.sent} sent"]
        for name in ("retried", "failed", "skipped"):
            n = getattr(self, name)
            if n:
                parts.append(f"{n} {name}")
        if self.paused_chats:
            parts.append(f"{len(self.paused_chats)} chat(s) paused")
        return ", ".join(parts)


class Pacer:
    """Spaces events at least `interval` seconds apart (a leaky bucket without burst).

    The clock and the sleep are injectable so the spacing can be checked without waiting.
    """

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.interval = max(0.0, interval)
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = self.clock()
            if self._next > now:
                await self.sleep(self._next - now)
                now = max(now, self._next)
            self._next = now + self.interval


@dataclass(frozen=True)
class _Result:
    """The outcome of one send, applied to the round's report in the event loop."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    paused: int | None = None
    stop: bool = False  # send nothing more to this chat in this round
    hold: float | None = None  # seconds the chat must wait (flood control)

    def apply(self, report: DispatchReport) -> None:
        report.sent += self.sent
        report.retried += self.retried
        report.failed += self.failed
        report.skipped += self.skipped
        if self.paused is not None:
            report.paused_chats.append(self.paused)


class AlertDispatcher:
    """Sends due outbox rows through `bot` (a `telegram.Bot`, initialised by the caller)."""

    def __init__(
        self,
        bot: Any,
        db: Database,
        *,
        global_rate: float = 30.0,
        per_chat_interval: float = 1.0,
        batch: int = 300,
        per_chat_batch: int = 3,
        max_attempts: int = 8,
        backoff_base: float = 5.0,
        backoff_cap: float = 3600.0,
        send_timeout: float = 15.0,
        lease: float = 600.0,
        now: Callable[[], datetime] = utcnow,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.db = db
        self.per_chat_interval = per_chat_interval
        self.batch = batch
        self.per_chat_batch = per_chat_batch
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.send_timeout = send_timeout
        self.lease = max(lease, 8 * send_timeout)  # longer than any one send can take
        self.now = now
        self.clock = clock
        self.sleep = sleep
        self._global = Pacer(1.0 / global_rate if global_rate > 0 else 0.0, clock, sleep)
        self._chat_ready: dict[int, float] = {}  # monotonic time a chat may get its next message
        self._round = asyncio.Lock()

    # ------------------------------------------------------------------ public

    async def recover(self) -> int:
        """Rows left in `sending` by a crash become `pending` again (see the module docstring)."""
        n = await asyncio.to_thread(self._recover)
        if n:
            log.warning(
                "%d alert(s) were being sent when the service stopped; they will be sent again",
                n,
            )
        return n

    async def dispatch_due(self) -> DispatchReport:
        """Send the rows whose `next_attempt_at` has come; one round at a time."""
        report = DispatchReport()
        async with self._round:
            self._forget_idle_chats()
            due = await asyncio.to_thread(self._due)
            report.due = sum(len(ids) for ids in due.values())
            if not due:
                return report
            await asyncio.gather(*(self._send_chat(chat, ids, report) for chat, ids in due.items()))
        if report.sent or report.failed or report.retried or report.paused_chats:
            log.info("alerts: %s", report)
        return report

    def _forget_idle_chats(self) -> None:
        now = self.clock()
        for chat in [c for c, ready in self._chat_ready.items() if ready < now]:
            del self._chat_ready[chat]

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failed try: base · 2^(attempts-1), capped."""
        if self.backoff_base <= 0:
            return 0.0
        return min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1))

    # ------------------------------------------------------------------ one chat

    async def _send_chat(self, chat_id: int, row_ids: list[int], report: DispatchReport) -> None:
        for row_id in row_ids:
            ready = self._chat_ready.get(chat_id, 0.0)
            wait = ready - self.clock()
            if wait > 2 * max(self.per_chat_interval, 0.5):
                return  # the chat is held back (RetryAfter): its rows wait for a later round
            if wait > 0:
                await self.sleep(wait)
            claimed, skipped = await asyncio.to_thread(self._claim, row_id)
            report.skipped += skipped
            if claimed is None:
                continue
            await self._global.wait()
            outcome = await self._send(claimed)
            self._chat_ready[chat_id] = self.clock() + self.per_chat_interval
            result = await asyncio.to_thread(self._finish, claimed, outcome)
            result.apply(report)
            if result.hold is not None:
                self._chat_ready[chat_id] = self.clock() + result.hold
            if result.stop:
                return

    async def _send(self, claimed: Claimed) -> Any:
        """The message id, or the exception Telegram (or the network) answered with."""
        from telegram import LinkPreviewOptions
        from telegram.constants import ParseMode

        try:
            message = await self.bot.send_message(
                chat_id=claimed.chat_id,
                text=claimed.text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                read_timeout=self.send_timeout,
                write_timeout=self.send_timeout,
                connect_timeout=self.send_timeout,
                pool_timeout=self.send_timeout,
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return exc
        return int(getattr(message, "message_id", 0) or 0)

    # ------------------------------------------------------------------ database

    def _recover(self) -> int:
        return outbox.recover(self.db, self.now())

    def _due(self) -> dict[int, list[int]]:
        by_chat: dict[int, list[int]] = {}
        for row_id, chat_id in outbox.due(self.db, self.now(), self.batch):
            ids = by_chat.setdefault(chat_id, [])
            if len(ids) < self.per_chat_batch:
                ids.append(row_id)
        return by_chat

    def _claim(self, row_id: int) -> tuple[Claimed | None, int]:
        """Mark the row `sending` and commit, or skip it if it went stale. Returns what to
        send (None: taken by another dispatcher, or skipped) and the number of rows skipped."""
        return outbox.claim(
            self.db,
            row_id,
            self.now(),
            timedelta(seconds=self.lease),
            alerts,
            lambda conflict: alert_text(alert_view(conflict)),
        )

    def _finish(self, claimed: Claimed, outcome: Any) -> _Result:
        """Record what Telegram answered for a claimed row."""
        from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

        now = self.now()
        row = outbox.get_row(self.db, claimed.row_id)
        if row is None:  # its conflict was deleted meanwhile (cascade)
            return _Result(sent=int(isinstance(outcome, int)))

        def record(**values: Any) -> int:
            return outbox.update_row(self.db, row.id, values)

        if isinstance(outcome, int):
            record(status="sent", message_id=outcome or None, sent_at=now, last_error=None)
            return _Result(sent=1)
        error = _describe(outcome)
        if isinstance(outcome, RetryAfter):
            delay = _retry_after_seconds(outcome)
            record(
                last_error=error,
                status="pending",
                attempts=max(0, row.attempts - 1),  # flood control is not a failure
                next_attempt_at=now + timedelta(seconds=delay),
            )
            log.warning("Telegram flood control: chat %s waits %.0f s", row.chat_id, delay)
            return _Result(retried=1, stop=True, hold=delay)
        if isinstance(outcome, Forbidden):
            others = outbox.update_row(
                self.db, row.id, {"last_error": error, "status": "skipped"}, pause=(error, now)
            )
            log.warning("chat %s blocked the bot (%s): alerts paused", row.chat_id, error)
            return _Result(skipped=1 + others, paused=row.chat_id, stop=True)
        if isinstance(outcome, ChatMigrated):
            record(
                status="failed",
                last_error=(
                    f"{error}: the group became supergroup {outcome.new_chat_id}; "
                    "its members must subscribe again there"
                ),
            )
            return _Result(failed=1, stop=True)
        if isinstance(outcome, BadRequest):
            record(status="failed", last_error=error)
            log.error("alert %s to chat %s refused: %s", row.id, row.chat_id, error)
            return _Result(failed=1)
        if not isinstance(outcome, TelegramError):
            # A bug of ours (formatting, ...): retrying would fail the same way.
            record(status="failed", last_error=error)
            log.error("alert %s to chat %s: %s", row.id, row.chat_id, error)
            return _Result(failed=1)
        # Network error, timeout, 5xx, bad token: try again later, with back-off.
        if row.attempts >= self.max_attempts:
            record(status="failed", last_error=error)
            log.error(
                "alert %s to chat %s failed %d times: %s",
                row.id,
                row.chat_id,
                row.attempts,
                error,
            )
            return _Result(failed=1, stop=True)
        record(
            status="pending",
            last_error=error,
            next_attempt_at=now + timedelta(seconds=self.backoff(row.attempts)),
        )
        log.warning("alert %s to chat %s: %s; will retry", row.id, row.chat_id, error)
        return _Result(retried=1, stop=True)


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:1000]


def _retry_after_seconds(exc: Any) -> float:
    value = getattr(exc, "_retry_after", None)
    if not isinstance(value, timedelta):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = exc.retry_after
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return max(1.0, seconds)
