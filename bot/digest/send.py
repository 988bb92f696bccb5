"""Deliver digests over SMTP: once per subscriber per local day, retried, recorded.

`send_due_digests` is what `factwatch run` calls every minute and `factwatch digest send` runs
once. For every active subscriber whose local time has reached their hour (or every one, with
`force`), it claims the day by inserting the `digest_sends` row for (subscriber, local date) —
the unique key makes the claim atomic across processes — then composes, sends and records
the outcome:

- `sent` / `quiet` (a quiet-day note) / `skipped` (quiet day, FACTWATCH_DIGEST_QUIET=skip);
- `refused`: the server refused the recipient or the message for good (5xx); reported, not
  retried;
- `failed`: transient trouble (4xx, dropped connection, timeout) after `retries` attempts with
  back-off; later runs the same day try again until `max_attempts` in all.

Crash safety: the row is committed as `sending` before the SMTP transaction and as `sent` right
after it. A process killed between the server's final "250" and that commit (a window of
milliseconds) leaves a `sending` row; after `STUCK_AFTER` a later run sends again, so that
window is at-least-once; everywhere else nothing is sent twice.

A server that cannot be reached, or refuses the login or TLS, postpones the run before any
row is claimed: nothing is lost, the next run tries again.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from factwatch.config import Settings
from factwatch.digest.compose import (
    Digest,
    StoryFilter,
    as_utc_naive,
    compose_digest,
    rolling_period,
)
from factwatch.digest.mail import ChartCache, MailError, Recipient, build_message, sender_address
from factwatch.digest.smtp import (
    Refused,
    ServerProblem,
    SmtpFailure,
    SmtpTransport,
    Transient,
    Unreachable,
)
from factwatch.store import digests as rows
from factwatch.store.db import Database
from factwatch.store.digests import ClaimedDay, SendRow, Subscriber

log = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=15)
DONE = ("sent", "quiet", "skipped", "refused")
COVERED = ("sent", "quiet", "skipped")  # the next digest starts where these ended


@dataclass(frozen=True)
class SendOptions:
    retries: int = 3  # SMTP attempts per message in one run
    backoff: float = 2.0  # seconds before the second attempt, doubled after each
    timeout: float = 30.0  # socket timeout for the SMTP connection
    max_attempts: int = 9  # SMTP attempts per subscriber and day, over all runs


@dataclass
class Delivery:
    email: str
    local_date: date
    status: str
    error: str | None = None
    message_id: str | None = None
    stories: int = 0
    conflicts: int = 0
    attempts: int = 0


@dataclass
class DigestReport:
    deliveries: list[Delivery] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_due: int = 0
    already: int = 0  # done today (or in flight elsewhere)
    postponed: int = 0  # due, but the server could not be used: next run

    def count(self, status: str) -> int:
        return sum(1 for d in self.deliveries if d.status == status)

    @property
    def delivered(self) -> int:
        return self.count("sent") + self.count("quiet")

    @property
    def ok(self) -> bool:
        return (
            not self.problems
            and not self.postponed
            and not any(d.status in ("refused", "failed") for d in self.deliveries)
        )

    def __str__(self) -> str:
        counts = Counter(d.status for d in self.deliveries)
        parts = [f"{counts[s]} {s}" for s in ("sent", "quiet", "skipped", "refused", "failed")]
        parts.append(f"{self.already} already done today")
        parts.append(f"{self.not_due} not due yet")
        if self.postponed:
            parts.append(f"{self.postponed} postponed")
        text = ", ".join(parts)
        if self.problems:
            text += " — " + "; ".join(self.problems)
        return text


# ---------------------------------------------------------------- the run


def send_due_digests(
    db: Database,
    settings: Settings,
    now: datetime,
    *,
    force: bool = False,
    options: SendOptions | None = None,
    only: str | None = None,
) -> DigestReport:
    """Send every digest that is due at `now`; see the module docstring. Sync: run it in a
    worker thread from async code. `force` ignores the hour (still once per local day);
    `only` restricts the run to one address."""
    options = options or SendOptions()
    report = DigestReport()
    now_utc = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    now_naive = as_utc_naive(now_utc)
    subs = _active_subscribers(db, only)
    if not subs:
        return report
    due = _due(db, subs, now_utc, now_naive, force, options, report)
    if not due:
        return report
    if not settings.smtp.configured:
        return _postpone(
            report,
            due,
            f"{len(due)} digest(s) due but SMTP is not configured: set FACTWATCH_SMTP_HOST and "
            f"FACTWATCH_MAIL_FROM",
        )
    try:
        sender = sender_address(settings) or ""
    except MailError as exc:
        return _postpone(report, due, str(exc))
    transport = SmtpTransport(settings.smtp, timeout=options.timeout)
    try:
        _with_retries(transport.connect, options)
    except SmtpFailure as exc:
        return _postpone(report, due, str(exc))
    charts = ChartCache()
    try:
        for i, (sub, local_date, row_id) in enumerate(due):
            claimed = _claim(db, sub, local_date, row_id, now_naive)
            if claimed is None:
                report.already += 1
                continue
            try:
                delivery = _one(
                    db,
                    settings,
                    transport,
                    charts,
                    sub,
                    claimed,
                    sender,
                    now_utc,
                    local_date,
                    options,
                )
            except ServerProblem as exc:
                _finish(db, claimed.id, "failed", error=str(exc), attempts=claimed.attempts)
                _postpone(report, due[i + 1 :], str(exc))
                report.deliveries.append(Delivery(sub.email, local_date, "failed", str(exc)))
                break
            except _ServerGone as gone:  # down in the middle of the run: the rest waits too
                report.deliveries.append(gone.delivery)
                _log_delivery(gone.delivery)
                if due[i + 1 :]:
                    _postpone(report, due[i + 1 :], gone.delivery.error or "server unreachable")
                break
            report.deliveries.append(delivery)
            _log_delivery(delivery)
    finally:
        transport.close()
    return report


class _ServerGone(Exception):
    """The server became unreachable while sending this delivery (recorded as failed)."""

    def __init__(self, delivery: Delivery) -> None:
        super().__init__(delivery.error)
        self.delivery = delivery


def _active_subscribers(db: Database, only: str | None) -> list[Subscriber]:
    return rows.subscribers(db, only)


def _due(
    db, subs, now_utc, now_naive, force, options, report
) -> list[tuple[Subscriber, date, int | None]]:
    """(subscriber, local date, id of a row to retry or None) for every digest due now."""
    local: dict[int, date] = {}
    due_subs: list[Subscriber] = []
    for sub in subs:
        try:
            zone = ZoneInfo(sub.tz)
        except Exception:
            report.problems.append(f"{sub.email}: unknown time zone {sub.tz!r}, skipped")
            continue
        here = now_utc.astimezone(zone)
        if not force and here.hour < sub.hour:
            report.not_due += 1
            continue
        local[sub.id] = here.date()
        due_subs.append(sub)
    if not due_subs:
        return []
    existing = rows.sends_for(db, [x.id for x in due_subs], local.values())
    out = []
    for sub in due_subs:
        row = existing.get((sub.id, local[sub.id]))
        if row is None:
            out.append((sub, local[sub.id], None))
        elif _retryable(row, now_naive, options):
            out.append((sub, local[sub.id], row.id))
        else:
            report.already += 1
    return out


def _retryable(row: SendRow, now: datetime, options: SendOptions) -> bool:
    """A failed day with attempts left, or a `sending` row its process left behind."""
    if row.status == "failed":
        return row.attempts < options.max_attempts
    if row.status == "sending":
        return (row.period_end or now) < now - STUCK_AFTER
    return False


def previous_period_end(db: Database, subscriber_id: int, now: datetime) -> datetime | None:
    """Where the subscriber's last digest (sent, quiet or skipped) before today ended."""
    return rows.previous_period_end(db, subscriber_id, as_utc_naive(now), COVERED)


def _claim(
    db: Database, sub: Subscriber, local_date: date, row_id: int | None, now: datetime
) -> ClaimedDay | None:
    """Take the day's row for this run: insert it, or flip a failed/stuck one to `sending`.
    None when another process got there first."""
    return rows.claim_day(db, sub.id, local_date, row_id, now, COVERED)


def _finish(
    db: Database,
    row_id: int,
    status: str,
    *,
    error: str | None = None,
    attempts: int,
    message_id: str | None = None,
    period: tuple[datetime, datetime] | None = None,
) -> None:
    values: dict[str, object] = {
        "status": status,
        "error": error[:2000] if error else None,
        "attempts": attempts,
    }
    if message_id:
        values["message_id"] = message_id[:500]
    if period is not None:
        values["period_start"], values["period_end"] = period
    if status in ("sent", "quiet"):
        values["sent_at"] = as_utc_naive(datetime.now(UTC))
    rows.finish_send(db, row_id, values)


def _one(db, settings, transport, charts, sub, claimed, sender, now_utc, local_date, options):
    """Compose, build and send one subscriber's digest; record and return the outcome."""
    attempts = claimed.attempts
    try:
        digest = _compose_for(db, sub, now_utc, local_date, claimed.previous_end)
        period = (digest.period_start, digest.period_end)
        recipient = Recipient(sub.email, sub.tz, sub.hour, sub.token)
        if digest.quiet and settings.digest_quiet == "skip":
            _finish(db, claimed.id, "skipped", attempts=attempts, period=period)
            return Delivery(sub.email, local_date, "skipped")
        msg = build_message(digest, recipient, settings, charts, now=now_utc)
    except Exception as exc:  # a bug in one digest must not stop the others
        log.exception("composing the digest for %s failed", sub.email)
        _finish(
            db,
            claimed.id,
            "failed",
            error=f"composing failed: {exc}",
            attempts=options.max_attempts,
        )
        return Delivery(sub.email, local_date, "failed", f"composing failed: {exc}")
    status = "quiet" if digest.quiet else "sent"
    info = dict(stories=len(digest.stories), conflicts=len(digest.alert_conflicts))
    tries = 0

    def attempt() -> None:
        nonlocal tries
        tries += 1
        transport.send(msg, sender, sub.email)

    try:
        _with_retries(attempt, options, budget=options.max_attempts - attempts)
    except Refused as exc:
        _finish(db, claimed.id, "refused", error=str(exc), attempts=attempts + tries)
        return Delivery(
            sub.email, local_date, "refused", str(exc), attempts=attempts + tries, **info
        )
    except Transient as exc:
        _finish(db, claimed.id, "failed", error=str(exc), attempts=attempts + tries)
        failed = Delivery(
            sub.email, local_date, "failed", str(exc), attempts=attempts + tries, **info
        )
        if isinstance(exc, Unreachable):
            raise _ServerGone(failed) from None
        return failed
    except ServerProblem:
        raise
    _finish(
        db,
        claimed.id,
        status,
        attempts=attempts + tries,
        message_id=msg["Message-ID"],
        period=period,
    )
    return Delivery(
        sub.email, local_date, status, None, msg["Message-ID"], attempts=attempts + tries, **info
    )


def _with_retries(fn, options: SendOptions, budget: int | None = None) -> None:
    """Call `fn`; on `Transient`, back off and try again, `options.retries` times at most."""
    tries = max(1, min(options.retries, budget if budget is not None else options.retries))
    delay = options.backoff
    for n in range(tries):
        try:
            fn()
            return
        except Transient:
            if n == tries - 1:
                raise
            time.sleep(delay)
            delay *= 2


def _compose_for(
    db: Database,
    sub: Subscriber,
    now_utc: datetime,
    local_date: date,
    previous_end: datetime | None,
) -> Digest:
    start, end = rolling_period(now_utc, previous_end)
    return compose_digest(
        db,
        start,
        end,
        tz=sub.tz,
        local_date=local_date,
        story_filter=topic_filter(sub.topic, sub.topic_embedding),
        topic=sub.topic,
    )


def topic_filter(topic: str | None, topic_embedding: bytes | None) -> StoryFilter | None:
    """Stories matching a subscriber's topic (words or meaning, `factwatch.ingest.topics`)."""
    if not topic:
        return None
    from factwatch.ingest.topics import story_matches_topic

    def matches(story) -> bool:
        return bool(
            story_matches_topic(topic, topic_embedding, story.label, story.entities, story.centroid)
        )

    return matches


def _postpone(report: DigestReport, due, problem: str) -> DigestReport:
    report.postponed += len(due)
    report.problems.append(problem)
    _log_problem(problem)
    return report


_last_problem: str | None = None


def _log_problem(problem: str) -> None:
    """WARNING when a problem first appears, DEBUG while it repeats every minute."""
    global _last_problem
    level = logging.DEBUG if problem == _last_problem else logging.WARNING
    _last_problem = problem
    log.log(level, "digests postponed: %s", problem)


def _log_delivery(d: Delivery) -> None:
    if d.status in ("refused", "failed"):
        log.warning("digest for %s (%s) %s: %s", d.email, d.local_date, d.status, d.error)
    else:
        log.info("digest for %s (%s): %s", d.email, d.local_date, d.status)
