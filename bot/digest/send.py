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

import contextlib
import logging
import smtplib
import socket
import ssl
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from factwatch.config import Settings, SmtpSettings
from factwatch.digest.compose import (
    Digest,
    StoryFilter,
    as_utc_naive,
    compose_digest,
    rolling_period,
)
from factwatch.digest.mail import ChartCache, MailError, Recipient, build_message, sender_address
from factwatch.store.db import Database
from factwatch.store.models import DigestSend, DigestSubscriber

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


# ---------------------------------------------------------------- SMTP


class SmtpFailure(Exception):
    """Base of the SMTP outcomes `send_due_digests` tells apart."""


class Transient(SmtpFailure):
    """Try again later: 4xx, dropped connection, timeout."""


class Unreachable(Transient):
    """No connection to the server at all."""


class Refused(SmtpFailure):
    """The server refused this recipient or this message for good (5xx)."""


class ServerProblem(SmtpFailure):
    """The server cannot be used as configured (TLS, login, sender): the operator must act."""


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}"


class SmtpTransport:
    """One SMTP connection, opened on first use and reopened after a drop."""

    def __init__(self, smtp: SmtpSettings, timeout: float = 30.0) -> None:
        self.smtp = smtp
        self.timeout = timeout
        self._conn: smtplib.SMTP | None = None

    @property
    def where(self) -> str:
        return f"{self.smtp.host}:{self.smtp.effective_port}"

    def _tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.smtp.cafile or None)

    def connect(self) -> None:
        self.close()
        host, port = self.smtp.host or "", self.smtp.effective_port
        try:
            if self.smtp.security == "tls":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(
                    host, port, timeout=self.timeout, context=self._tls_context()
                )
            else:
                conn = smtplib.SMTP(host, port, timeout=self.timeout)
        except ssl.SSLError as exc:
            raise ServerProblem(self._tls_message(exc)) from None
        except smtplib.SMTPConnectError as exc:  # the greeting was not 220 (e.g. 421 busy)
            reply = _reply(exc.smtp_code, exc.smtp_error)
            raise Unreachable(
                f"SMTP server {self.where} refused the connection ({reply})"
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise Unreachable(f"cannot reach SMTP server {self.where}: {_os_error(exc)}") from None
        try:
            conn.ehlo()
            if self.smtp.security == "starttls":
                if not conn.has_extn("starttls"):
                    raise ServerProblem(
                        f"SMTP server {self.where} does not offer STARTTLS; set "
                        f"FACTWATCH_SMTP_SECURITY=tls (implicit TLS) or none"
                    )
                conn.starttls(context=self._tls_context())
                conn.ehlo()
            if self.smtp.user:
                conn.login(self.smtp.user, self.smtp.password or "")
        except ServerProblem:
            _close_quietly(conn)
            raise
        except ssl.SSLError as exc:
            _close_quietly(conn)
            raise ServerProblem(self._tls_message(exc)) from None
        except smtplib.SMTPAuthenticationError as exc:
            _close_quietly(conn)
            raise ServerProblem(
                f"SMTP server {self.where} refused the login of {self.smtp.user!r} "
                f"({_reply(exc.smtp_code, exc.smtp_error)}): check FACTWATCH_SMTP_USER and "
                f"FACTWATCH_SMTP_PASSWORD"
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            _close_quietly(conn)
            raise ServerProblem(f"SMTP server {self.where}: {exc}") from None
        except smtplib.SMTPResponseException as exc:
            _close_quietly(conn)
            err = f"SMTP server {self.where} answered {_reply(exc.smtp_code, exc.smtp_error)}"
            if 400 <= exc.smtp_code < 500:
                raise Transient(err) from None
            raise ServerProblem(err) from None
        except (OSError, smtplib.SMTPException) as exc:
            _close_quietly(conn)
            raise Unreachable(
                f"SMTP server {self.where} dropped the connection: {_os_error(exc)}"
            ) from None
        self._conn = conn

    def _tls_message(self, exc: ssl.SSLError) -> str:
        hint = ""
        if isinstance(exc, ssl.SSLCertVerificationError):
            hint = " (for a private CA, point FACTWATCH_SMTP_CAFILE at its certificate)"
        return f"TLS with SMTP server {self.where} failed: {exc.reason or exc}{hint}"

    def send(self, msg: EmailMessage, sender: str, recipient: str) -> None:
        if self._conn is None:
            self.connect()
        assert self._conn is not None
        try:
            self._conn.send_message(msg, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()), (550, b"refused"))
            err = f"recipient refused: {_reply(code, text)}"
            if 400 <= code < 500:
                raise Transient(err) from None
            raise Refused(err) from None
        except smtplib.SMTPSenderRefused as exc:
            err = f"sender {sender} refused: {_reply(exc.smtp_code, exc.smtp_error)}"
            if 400 <= exc.smtp_code < 500:
                raise Transient(err) from None
            raise ServerProblem(err + " (check FACTWATCH_MAIL_FROM)") from None
        except smtplib.SMTPServerDisconnected as exc:
            self._conn = None
            raise Transient(f"SMTP server {self.where} dropped the connection ({exc})") from None
        except smtplib.SMTPResponseException as exc:  # SMTPDataError and the like
            err = f"message refused: {_reply(exc.smtp_code, exc.smtp_error)}"
            if exc.smtp_code == 421 or 400 <= exc.smtp_code < 500:
                self.close()
                raise Transient(err) from None
            raise Refused(err) from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise Transient(f"SMTP server {self.where}: {_os_error(exc)}") from None

    def close(self) -> None:
        if self._conn is not None:
            _close_quietly(self._conn)
            self._conn = None


def _close_quietly(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except Exception:
        with contextlib.suppress(Exception):
            conn.close()


def _os_error(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    return str(exc) or type(exc).__name__


# ---------------------------------------------------------------- the run


@dataclass(frozen=True)
class _Sub:
    id: int
    email: str
    tz: str
    hour: int
    topic: str | None
    topic_embedding: bytes | None
    token: str


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


@dataclass(frozen=True)
class _Claim:
    id: int
    attempts: int
    previous_end: datetime | None


def _active_subscribers(db: Database, only: str | None) -> list[_Sub]:
    with db.session() as s:
        q = select(DigestSubscriber).where(DigestSubscriber.active.is_(True))
        if only:
            q = q.where(DigestSubscriber.email == only)
        return [
            _Sub(r.id, r.email, r.tz, r.hour, r.topic, r.topic_embedding, r.unsubscribe_token)
            for r in s.scalars(q.order_by(DigestSubscriber.id))
        ]


def _due(
    db, subs, now_utc, now_naive, force, options, report
) -> list[tuple[_Sub, date, int | None]]:
    """(subscriber, local date, id of a row to retry or None) for every digest due now."""
    local: dict[int, date] = {}
    due_subs: list[_Sub] = []
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
    with db.session() as s:
        rows = s.scalars(
            select(DigestSend).where(
                DigestSend.subscriber_id.in_([x.id for x in due_subs]),
                DigestSend.local_date.in_(sorted(set(local.values()))),
            )
        ).all()
        existing = {(r.subscriber_id, r.local_date): r for r in rows}
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


def _retryable(row: DigestSend, now: datetime, options: SendOptions) -> bool:
    """A failed day with attempts left, or a `sending` row its process left behind."""
    if row.status == "failed":
        return row.attempts < options.max_attempts
    if row.status == "sending":
        return (row.period_end or now) < now - STUCK_AFTER
    return False


def previous_period_end(session, subscriber_id: int, now: datetime) -> datetime | None:
    """Where the subscriber's last digest (sent, quiet or skipped) before today ended."""
    return session.scalar(
        select(DigestSend.period_end)
        .where(
            DigestSend.subscriber_id == subscriber_id,
            DigestSend.status.in_(COVERED),
            DigestSend.period_end < as_utc_naive(now),
        )
        .order_by(DigestSend.period_end.desc())
        .limit(1)
    )


def _claim(db: Database, sub: _Sub, local_date: date, row_id: int | None, now: datetime):
    """Take the day's row for this run: insert it, or flip a failed/stuck one to `sending`.
    None when another process got there first."""
    try:
        with db.session() as s:
            previous_end = s.scalar(
                select(DigestSend.period_end)
                .where(
                    DigestSend.subscriber_id == sub.id,
                    DigestSend.status.in_(COVERED),
                    DigestSend.local_date != local_date,
                )
                .order_by(DigestSend.period_end.desc())
                .limit(1)
            )
            if row_id is None:
                row = DigestSend(
                    subscriber_id=sub.id,
                    local_date=local_date,
                    status="sending",
                    attempts=0,
                    period_end=now,
                    created_at=now,
                )
                s.add(row)
                s.flush()
                return _Claim(row.id, 0, previous_end)
            current = s.get(DigestSend, row_id)
            if current is None:
                return None
            result = s.execute(
                update(DigestSend)
                .where(
                    DigestSend.id == row_id,
                    DigestSend.status == current.status,
                    DigestSend.attempts == current.attempts,
                    DigestSend.status.in_(("failed", "sending")),
                )
                .values(status="sending", period_end=now)
            )
            if result.rowcount != 1:
                return None
            return _Claim(row_id, current.attempts, previous_end)
    except IntegrityError:  # another process inserted the same (subscriber, day)
        return None


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
    with db.session() as s:
        row = s.get(DigestSend, row_id)
        if row is None:
            return
        row.status = status
        row.error = error[:2000] if error else None
        row.attempts = attempts
        if message_id:
            row.message_id = message_id[:500]
        if period is not None:
            row.period_start, row.period_end = period
        if status in ("sent", "quiet"):
            row.sent_at = as_utc_naive(datetime.now(UTC))


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
    db: Database, sub: _Sub, now_utc: datetime, local_date: date, previous_end: datetime | None
) -> Digest:
    start, end = rolling_period(now_utc, previous_end)
    with db.session() as s:
        return compose_digest(
            s,
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
