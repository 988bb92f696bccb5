"""`factwatch run`: one process, one asyncio loop, APScheduler driving the work.

Jobs (AsyncIOScheduler, each at most one instance at a time, missed runs coalesced):
- `poll`     every ~20 s: a cheap query for due feeds, then polls and ingests them
             (`bot.polling.FeedPoller`), so a feed added while the service runs is polled
             within a minute;
- `dispatch` every ~3 s when Telegram is configured: sends due alerts from the outbox;
- `digest`   every minute: sends the digests that are due (without SMTP settings it only
             warns, once, that digests are due and cannot be sent).

The Telegram bot (python-telegram-bot) runs in the same loop when a token is configured,
and is simply absent otherwise. SIGINT/SIGTERM stop the scheduler and the bot, let the
running ingest finish the article it is storing (each article commits on its own) and exit 0.

Crash safety (kill -9 at any moment) comes from the store, not from this loop: articles
commit one per transaction with their claims, a feed's validators move only after its
ingest, and stories left unreconciled by a crash are reconciled at start-up.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from factwatch.app import Factwatch
from factwatch.config import Settings
from factwatch.polling import FeedPoller, PollRound
from factwatch.store.feeds import unreconciled_stories

log = logging.getLogger("factwatch.service")


class ServiceError(RuntimeError):
    """The service cannot start; the message says what to fix."""


@dataclass(frozen=True)
class ServiceOptions:
    poll_every: float = 20.0
    dispatch_every: float = 3.0
    digest_every: float = 60.0
    once: bool = False
    fetch_timeout: float = 15.0
    shutdown_grace: float = 20.0  # how long a running dispatch or digest may take to finish


@dataclass
class OnceReport:
    """What `factwatch run --once` did."""

    polled: PollRound = field(default_factory=PollRound)
    recovered_stories: int = 0
    alerts: Any = None
    digests: Any = None
    telegram_error: str | None = None

    def failures(self) -> list[str]:
        """What failed, one line each: a feed that could not be polled, alerts or digests
        not sent, a bot that could not start. Any of them makes the exit status 1."""
        from factwatch.feeds import safe_url

        lines = [
            f"failed: feed {r.feed_id} {safe_url(r.url)}: {r.error}"
            for r in self.polled.feeds
            if r.outcome == "failed"
        ]
        if self.telegram_error:
            lines.append(f"failed: {self.telegram_error}")
        alerts = self.alerts
        if alerts is not None and (alerts.failed or alerts.retried):
            lines.append(
                f"failed: {alerts.failed + alerts.retried} Telegram alert(s) not sent "
                f"({alerts.failed} for good, {alerts.retried} tried again later)"
            )
        digests = self.digests
        if digests is not None:
            lines += [
                f"failed: digest to {d.email}: {d.status}: {d.error}"
                for d in getattr(digests, "deliveries", ())
                if d.status in ("refused", "failed")
            ]
            lines += [f"failed: digests: {p}" for p in getattr(digests, "problems", ())]
        return lines


class Service:
    def __init__(
        self,
        app: Factwatch,
        options: ServiceOptions | None = None,
        echo=print,
    ) -> None:
        from factwatch.ingest.sources import FetchConfig

        self.app = app
        self.settings = app.settings
        self.db = db = app.db
        self.options = options or ServiceOptions()
        self.echo = echo
        timeout = self.options.fetch_timeout
        self.poller = FeedPoller(
            db,
            self._embedder,
            FetchConfig(read_timeout=timeout, total_timeout=max(2 * timeout, 5.0)),
            params=app.params,
        )
        self._stop = asyncio.Event()
        self._signal: str | None = None
        self._jobs: dict[str, asyncio.Task] = {}
        self._app: Any = None
        self._dispatcher: Any = None
        self._send_digests: Any = None
        self._scheduler: Any = None

    # ------------------------------------------------------------ pieces

    def _embedder(self):
        return self.app.embedder()

    async def _load_embedder(self):
        from factwatch.ingest.embed import EmbedderError

        try:
            return await asyncio.to_thread(self._embedder)
        except EmbedderError as exc:
            raise ServiceError(str(exc)) from exc

    def _digest_sender(self):
        """`Factwatch.send_digests`, or None when the digest module cannot be loaded. Called
        even without SMTP settings: with subscribers due it warns (once) that mail is not set
        up."""
        try:
            import factwatch.digest.send  # noqa: F401
        except ImportError as exc:
            log.warning("digests disabled: the digest module cannot be loaded (%s)", exc)
            return None
        return self.app.send_digests

    async def _start_bot(self) -> None:
        """Telegram in this loop: initialize, start, poll for updates; the dispatcher."""
        try:
            from factwatch.telegram.app import build_application
            from factwatch.telegram.dispatch import AlertDispatcher
        except ImportError as exc:
            raise ServiceError(
                f"FACTWATCH_TELEGRAM_TOKEN is set but the Telegram bot cannot be loaded ({exc})"
            ) from exc
        embedder = await self._load_embedder()
        app = build_application(self.app, embedder)
        try:
            await app.initialize()
        except Exception as exc:
            raise ServiceError(
                f"the Telegram bot cannot start (Bot API at {_api_host(self.settings)}): "
                f"{type(exc).__name__}: {_no_token(str(exc), self.settings)}"
            ) from exc
        self._app = app
        await app.start()
        if app.updater is not None:
            await app.updater.start_polling(drop_pending_updates=False)
        self._dispatcher = AlertDispatcher(app.bot, self.db)
        await self._dispatcher.recover()

    async def _stop_bot(self) -> None:
        app, self._app = self._app, None
        if app is None:
            return
        for step in (
            lambda: app.updater.stop() if app.updater and app.updater.running else None,
            lambda: app.stop() if app.running else None,
            app.shutdown,
        ):
            try:
                coro = step()
                if coro is not None:
                    await coro
            except Exception:
                log.exception("while stopping the Telegram bot")

    async def _recover(self) -> int:
        """Reconcile stories a crash left with unreconciled claims (`Pipeline.repair`).
        Looked for here first so that a clean start does not load the model for nothing."""
        if not await asyncio.to_thread(unreconciled_stories, self.db):
            return 0
        return await self.poller.repair()

    # ------------------------------------------------------------ jobs

    async def _job(self, name: str, work) -> None:
        self._jobs[name] = asyncio.current_task()  # type: ignore[assignment]
        try:
            await work()
        except asyncio.CancelledError:
            # Only shutdown cancels a job; ending quietly keeps APScheduler from logging
            # the cancellation as a job error.
            log.debug("%s job cancelled by shutdown", name)
        except Exception:
            log.exception("%s job failed; it runs again at its next turn", name)
        finally:
            self._jobs.pop(name, None)

    async def _poll(self) -> None:
        result = await self.poller.poll_due()
        if result.conflicts_changed and self._scheduler is not None and self._dispatcher:
            job = self._scheduler.get_job("dispatch")
            if job is not None:
                job.modify(next_run_time=datetime.now(UTC))

    async def _dispatch(self) -> None:
        if self._dispatcher is not None:
            await self._dispatcher.dispatch_due()

    async def _digest(self) -> None:
        if self._send_digests is not None:
            report = await asyncio.to_thread(self._send_digests, datetime.now(UTC))
            if report.deliveries:
                log.info("digests: %s", report)

    # ------------------------------------------------------------ signals

    def _install_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self._on_signal, sig)

    def _remove_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)

    def _on_signal(self, sig: signal.Signals) -> None:
        if self._stop.is_set():
            # A second signal: the operator insists. Exiting now is safe (each article is
            # its own transaction), only the current one is lost and redone at next start.
            log.warning("%s again: exiting immediately", sig.name)
            os._exit(1)
        self._signal = sig.name
        log.info("%s received: stopping", sig.name)
        self.poller.request_stop()
        self._stop.set()

    # ------------------------------------------------------------ run

    async def run(self) -> int:
        """Run until SIGINT/SIGTERM (or one round with `once`); returns the exit status."""
        self._install_signals()
        try:
            if self.options.once:
                return await self._run_once()
            return await self._run_forever()
        finally:
            self.poller.request_stop()
            await self.poller.wait_idle()
            self.poller.close()
            self._remove_signals()

    async def _run_forever(self) -> int:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        self._send_digests = self._digest_sender()
        telegram = self.settings.telegram.configured
        try:
            await self._recover()
            if telegram and not self._stop.is_set():
                await self._start_bot()
        except BaseException:
            await self._stop_bot()
            raise
        self.echo(self._banner())
        o = self.options
        scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
        )
        now = datetime.now(UTC)
        scheduler.add_job(
            self._job, "interval", args=["poll", self._poll], seconds=o.poll_every,
            id="poll", next_run_time=now,
        )  # fmt: skip
        if self._dispatcher is not None:
            scheduler.add_job(
                self._job, "interval", args=["dispatch", self._dispatch],
                seconds=o.dispatch_every, id="dispatch", next_run_time=now,
            )  # fmt: skip
        if self._send_digests is not None:
            scheduler.add_job(
                self._job, "interval", args=["digest", self._digest], seconds=o.digest_every,
                id="digest", next_run_time=now,
            )  # fmt: skip
        self._scheduler = scheduler
        if not self._stop.is_set():
            scheduler.start()
        try:
            await self._stop.wait()
        finally:
            await self._shutdown()
        self.echo(f"factwatch run: stopped ({self._signal or 'done'}).")
        return 0

    async def _shutdown(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.pause()
        self.poller.request_stop()
        # A poll is cancelled: its fetches abort at once, while an ingest finishes the article
        # it is in (each article its own transaction) and the poll records that before it
        # ends. A dispatch or digest in progress gets a grace period to record what it sent.
        poll = self._jobs.get("poll")
        if poll is not None:
            poll.cancel()
        others = [t for n, t in self._jobs.items() if n != "poll"]
        if others:
            _, pending = await asyncio.wait(others, timeout=self.options.shutdown_grace)
            for task in pending:
                task.cancel()
        if poll is not None:
            await asyncio.wait([poll])
        await self.poller.wait_idle()
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)
        await self._stop_bot()
        await asyncio.sleep(0)  # let the scheduler's deferred shutdown run

    async def _run_once(self) -> int:
        """Poll every due feed once, send due alerts and digests, and return."""
        report = OnceReport()
        report.recovered_stories = await self._recover()
        report.polled = await self.poller.poll_due()
        await self.poller.wait_idle()
        if self.settings.telegram.configured and not self._stop.is_set():
            try:
                report.alerts = await self._dispatch_once()
            except ServiceError as exc:  # the digests are still sent; the run fails
                report.telegram_error = str(exc)
        sender = self._digest_sender()
        if sender is not None and not self._stop.is_set():
            report.digests = await asyncio.to_thread(sender, datetime.now(UTC))
        self.echo(_once_summary(report))
        failures = report.failures()
        for line in failures:
            self.echo(line)
        return 1 if failures else 0

    async def _dispatch_once(self) -> Any:
        try:
            import telegram

            from factwatch.telegram.dispatch import AlertDispatcher
        except ImportError as exc:
            raise ServiceError(
                f"FACTWATCH_TELEGRAM_TOKEN is set but the Telegram bot cannot be loaded ({exc})"
            ) from exc
        tg = self.settings.telegram
        bot = telegram.Bot(token=tg.token or "", base_url=tg.api_url)
        try:
            await bot.initialize()
        except Exception as exc:
            raise ServiceError(
                f"the Telegram bot cannot start (Bot API at {_api_host(self.settings)}): "
                f"{type(exc).__name__}: {_no_token(str(exc), self.settings)}"
            ) from exc
        try:
            dispatcher = AlertDispatcher(bot, self.db)
            await dispatcher.recover()
            return await dispatcher.dispatch_due()
        finally:
            await bot.shutdown()

    def _banner(self) -> str:
        from factwatch.store.feeds import list_feeds

        feeds = [f for f in list_feeds(self.db) if f.active]
        bot = "on" if self._app is not None else "off (no FACTWATCH_TELEGRAM_TOKEN)"
        if self._send_digests is None:
            digest = "off (digest module unavailable)"
        elif self.settings.smtp.configured:
            digest = "on"
        else:
            digest = "off (no FACTWATCH_SMTP_HOST / FACTWATCH_MAIL_FROM)"
        return (
            f"factwatch run: {self.settings.safe_database_url()}; {len(feeds)} active "
            f"feed{'s' * (len(feeds) != 1)}; Telegram bot {bot}; email digest {digest}. "
            "Stop with Ctrl-C or SIGTERM."
        )


def _once_summary(report: OnceReport) -> str:
    feeds = report.polled.feeds
    failed = report.polled.failed
    parts = [
        f"Polled {len(feeds)} feed{'s' * (len(feeds) != 1)}"
        + (f" ({failed} failed)" if failed else ""),
        f"added {report.polled.added} article{'s' * (report.polled.added != 1)}",
        f"{report.polled.conflicts_changed} conflict(s) new or changed",
    ]
    if report.recovered_stories:
        parts.append(f"reconciled {report.recovered_stories} interrupted story(ies)")
    if report.alerts is not None:
        parts.append(f"alerts: {report.alerts}")
    digests = report.digests
    if digests is not None and (
        getattr(digests, "deliveries", None) or getattr(digests, "problems", None)
    ):
        parts.append(f"digests: {digests}")
    return "; ".join(parts) + "."


def _api_host(settings: Settings) -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.telegram.api_url).netloc or settings.telegram.api_url


def _no_token(text: str, settings: Settings) -> str:
    token = settings.telegram.token
    return text.replace(token, "***") if token else text


async def run_service(app: Factwatch, options: ServiceOptions, echo) -> int:
    return await Service(app, options, echo).run()
