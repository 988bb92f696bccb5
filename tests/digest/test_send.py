"""Delivery over real SMTP (aiosmtpd on 127.0.0.1): schedule, once per day, faults, TLS.

Most tests use an initialised database with nothing ingested, so every digest is the short
quiet-day note: the SMTP behaviour is what they check. The content of real digests is checked
against ingested corpora in test_seeds_digest.py and test_dev_corpus_digest.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from factwatch.config import ConfigError, Settings
from factwatch.digest.send import SendOptions, send_due_digests
from factwatch.store.db import Database
from factwatch.store.models import DigestSend, DigestSubscriber
from tests.digest.conftest import MAIL_FROM, cli, smtp_env
from tests.digest.smtp_server import CuttingProxy, DroppingServer, Inbox, SmtpServer, free_port

FAST = SendOptions(retries=3, backoff=0.01, timeout=10)


def settings_for(db_url: str, server=None, **env: str) -> Settings:
    return Settings.from_env(db_url, env=smtp_env(server, **env))


def subscribe(db_url: str, email: str, tz: str = "UTC", hour: int = 0) -> None:
    cli(db_url, "digest", "subscribe", email, "--tz", tz, "--hour", str(hour))


def sends(db_url: str) -> dict[str, DigestSend]:
    db = Database(db_url)
    try:
        with db.session() as s:
            q = select(DigestSubscriber.email, DigestSend).join(
                DigestSend, DigestSend.subscriber_id == DigestSubscriber.id
            )
            return {email: row for email, row in s.execute(q)}
    finally:
        db.dispose()


def run(db_url: str, settings: Settings, now: datetime | None = None, **kw):
    db = Database(db_url)
    try:
        return send_due_digests(db, settings, now or datetime.now(UTC), options=FAST, **kw)
    finally:
        db.dispose()


def test_each_subscriber_gets_the_digest_at_their_local_hour_once(empty_db, smtp):
    subscribe(empty_db, "paris@example.org", "Europe/Paris", 7)
    subscribe(empty_db, "ny@example.org", "America/New_York", 7)
    subscribe(empty_db, "tokyo@example.org", "Asia/Tokyo", 16)
    settings = settings_for(empty_db, smtp)

    morning = datetime(2026, 1, 15, 6, 30, tzinfo=UTC)  # Paris 07:30, NY 01:30, Tokyo 15:30
    report = run(empty_db, settings, morning)
    assert [d.email for d in report.deliveries] == ["paris@example.org"]
    assert report.not_due == 2
    assert [r.rcpt_tos for r in smtp.inbox.received] == [["paris@example.org"]]

    evening = morning + timedelta(hours=12)  # Paris 19:30 same day, NY 13:30, Tokyo 03:30 next day
    report = run(empty_db, settings, evening)
    assert [d.email for d in report.deliveries] == ["ny@example.org"]
    assert report.already == 1 and report.not_due == 1
    assert len(smtp.inbox.received) == 2

    record = sends(empty_db)
    assert record["paris@example.org"].local_date == date(2026, 1, 15)
    assert record["ny@example.org"].local_date == date(2026, 1, 15)
    assert "tokyo@example.org" not in record

    # The next local day in Paris: a new digest, covering the time since the previous one.
    next_morning = morning + timedelta(days=1, minutes=5)
    report = run(empty_db, settings, next_morning)
    assert "paris@example.org" in [d.email for d in report.deliveries]


def test_send_now_ignores_the_hour_but_not_the_day(empty_db, smtp):
    now = datetime.now(UTC)
    # A zone where it is not yet 23:00, so a 23:00 subscriber is not due.
    tz = next(
        z
        for z in ("UTC", "Asia/Tokyo", "America/New_York")
        if now.astimezone(ZoneInfo(z)).hour < 23
    )
    subscribe(empty_db, "late@example.org", tz, 23)
    env = smtp_env(smtp)
    out = cli(empty_db, "digest", "send", env=env).output
    assert "0 sent" in out and "1 not due yet" in out and not smtp.inbox.received
    out = cli(empty_db, "digest", "send", "--now", env=env).output
    assert "sent to late@example.org" in out and "quiet-day note" in out
    assert len(smtp.inbox.received) == 1
    out = cli(empty_db, "digest", "send", "--now", env=env).output
    assert "0 sent" in out and "1 already done today" in out
    assert len(smtp.inbox.received) == 1


def test_quiet_day_sends_a_short_note_or_nothing(empty_db, smtp):
    subscribe(empty_db, "mail@example.org")
    subscribe(empty_db, "skip@example.org")
    run(empty_db, settings_for(empty_db, smtp), only="mail@example.org")
    (got,) = smtp.inbox.received
    msg = got.message
    assert msg["Subject"].endswith(": a quiet day")
    assert "A quiet day: no new stories" in msg.get_body(("plain",)).get_content()
    assert "A quiet day" in msg.get_body(("html",)).get_content()

    report = run(empty_db, settings_for(empty_db, smtp, FACTWATCH_DIGEST_QUIET="skip"))
    assert [(d.email, d.status) for d in report.deliveries] == [("skip@example.org", "skipped")]
    assert len(smtp.inbox.received) == 1
    assert sends(empty_db)["skip@example.org"].status == "skipped"
    assert sends(empty_db)["mail@example.org"].status == "quiet"


def test_a_refused_recipient_is_recorded_and_the_others_still_get_theirs(empty_db):
    inbox = Inbox(refuse={"gone@example.org": "550 5.1.1 <gone@example.org>: no such user"})
    with SmtpServer(inbox) as server:
        for who in ("a@example.org", "gone@example.org", "b@example.org"):
            subscribe(empty_db, who)
        result = cli(empty_db, "digest", "send", "--now", env=smtp_env(server), ok=False)
    assert result.exit_code == 1
    assert "refused: gone@example.org" in result.output and "550 5.1.1" in result.output
    assert sorted(r.rcpt_tos[0] for r in inbox.received) == ["a@example.org", "b@example.org"]
    record = sends(empty_db)
    assert record["gone@example.org"].status == "refused"
    assert "no such user" in record["gone@example.org"].error
    assert record["a@example.org"].status == record["b@example.org"].status == "quiet"
    # Refused for good: not retried the same day.
    with SmtpServer(Inbox()) as server:
        out = cli(empty_db, "digest", "send", "--now", env=smtp_env(server)).output
        assert not server.inbox.received and "3 already done today" in out


def test_a_temporary_refusal_is_retried_with_back_off(empty_db):
    inbox = Inbox(tempfail={"busy@example.org": 2})
    with SmtpServer(inbox) as server:
        subscribe(empty_db, "busy@example.org")
        report = run(empty_db, settings_for(empty_db, server))
    assert [(d.status, d.attempts) for d in report.deliveries] == [("quiet", 3)]
    assert len(inbox.to("busy@example.org")) == 1
    assert sends(empty_db)["busy@example.org"].attempts == 3


def test_a_connection_dropped_during_data_is_survived_and_sends_once(empty_db):
    inbox = Inbox(drop_data=1)
    with SmtpServer(inbox) as server:
        subscribe(empty_db, "a@example.org")
        subscribe(empty_db, "b@example.org")
        report = run(empty_db, settings_for(empty_db, server))
    assert sorted(d.status for d in report.deliveries) == ["quiet", "quiet"]
    assert inbox.data_calls == 3  # one dropped, then one each
    assert sorted(r.rcpt_tos[0] for r in inbox.received) == ["a@example.org", "b@example.org"]


def test_failures_past_the_retries_are_retried_by_later_runs_until_the_limit(empty_db):
    inbox = Inbox(tempfail={"busy@example.org": 100})
    options = SendOptions(retries=2, backoff=0.01, max_attempts=5)
    with SmtpServer(inbox) as server:
        subscribe(empty_db, "busy@example.org")
        db = Database(empty_db)
        settings = settings_for(empty_db, server)
        now = datetime.now(UTC)
        try:
            attempts = []
            for _ in range(4):
                report = send_due_digests(db, settings, now, options=options)
                attempts.append([(d.status, d.attempts) for d in report.deliveries])
            assert attempts == [[("failed", 2)], [("failed", 4)], [("failed", 5)], []]
            assert "451 4.3.0" in sends(empty_db)["busy@example.org"].error
            assert report.already == 1
            # The mailbox recovers, but the day's attempts are spent: tomorrow it is retried.
            inbox.tempfail.clear()
            assert send_due_digests(db, settings, now, options=options).deliveries == []
            tomorrow = send_due_digests(db, settings, now + timedelta(days=1), options=options)
            assert [d.status for d in tomorrow.deliveries] == ["quiet"]
        finally:
            db.dispose()
    assert len(inbox.received) == 1


def test_an_unreachable_server_postpones_everything_and_claims_nothing(empty_db):
    subscribe(empty_db, "a@example.org")
    subscribe(empty_db, "b@example.org")
    closed_port = free_port()
    report = run(empty_db, settings_for(empty_db, FACTWATCH_SMTP_PORT=str(closed_port)))
    assert report.postponed == 2 and not report.deliveries
    assert "cannot reach SMTP server 127.0.0.1" in report.problems[0]
    with DroppingServer() as hangs_up:
        report = run(empty_db, settings_for(empty_db, FACTWATCH_SMTP_PORT=str(hangs_up.port)))
        assert hangs_up.connections == FAST.retries
    assert report.postponed == 2 and not report.deliveries
    assert sends(empty_db) == {}
    with SmtpServer(Inbox()) as server:
        report = run(empty_db, settings_for(empty_db, server))
        assert len(server.inbox.received) == 2
    assert sorted(d.status for d in report.deliveries) == ["quiet", "quiet"]


def test_smtp_not_configured_is_a_clear_error(empty_db):
    subscribe(empty_db, "a@example.org")
    env = smtp_env(None, FACTWATCH_SMTP_HOST="")
    result = cli(empty_db, "digest", "send", "--now", env=env, ok=False)
    assert result.exit_code == 1
    assert "set FACTWATCH_SMTP_HOST and FACTWATCH_MAIL_FROM" in result.output
    report = run(empty_db, Settings.from_env(empty_db, env=env))
    assert report.postponed == 1 and "SMTP is not configured" in report.problems[0]
    assert sends(empty_db) == {}


def test_a_row_left_sending_by_a_crash_is_resent_only_after_a_while(empty_db, smtp):
    subscribe(empty_db, "a@example.org")
    # midday today: the runs 5 and 20 minutes later must fall on the same local day (a run
    # just before midnight met the next day's digest instead of the crashed one)
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    settings = settings_for(empty_db, smtp)
    run(empty_db, settings, now)
    assert len(smtp.inbox.received) == 1
    db = Database(empty_db)
    try:  # as if the process died after the SMTP transaction, before recording it
        with db.session() as s:
            s.execute(update(DigestSend).values(status="sending"))
    finally:
        db.dispose()
    assert run(empty_db, settings, now + timedelta(minutes=5)).already == 1
    assert len(smtp.inbox.received) == 1
    report = run(empty_db, settings, now + timedelta(minutes=20))
    assert [d.status for d in report.deliveries] == ["quiet"]
    assert len(smtp.inbox.received) == 2


def test_headers_of_a_digest(empty_db, smtp):
    subscribe(empty_db, "ed@example.org", "Europe/Paris", 0)
    run(empty_db, settings_for(empty_db, smtp))
    (got,) = smtp.inbox.received
    msg = got.message
    token = next(iter(sends(empty_db).values()))
    assert got.mail_from == "digest@example.org"
    assert msg["From"] == MAIL_FROM and msg["To"] == "ed@example.org"
    assert msg["Message-ID"] == token.message_id
    assert msg["Auto-Submitted"] == "auto-generated"
    db = Database(empty_db)
    with db.session() as s:
        tok = s.scalar(select(DigestSubscriber.unsubscribe_token))
    db.dispose()
    assert msg["List-Unsubscribe"] == (
        f"<mailto:digest@example.org?subject=unsubscribe%20{tok}>, "
        f"<https://news.example.org/digest/unsubscribe?token={tok}>"
    )
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg.get_content_type() == "multipart/alternative"
    assert "every day at 00:00 (Europe/Paris)" in msg.get_body(("plain",)).get_content()


def test_without_a_public_url_list_unsubscribe_is_mailto_only(empty_db, smtp):
    subscribe(empty_db, "ed@example.org")
    run(empty_db, settings_for(empty_db, smtp, FACTWATCH_PUBLIC_URL=""))
    msg = smtp.inbox.received[0].message
    assert msg["List-Unsubscribe"].startswith("<mailto:digest@example.org?subject=unsubscribe%20")
    assert "," not in msg["List-Unsubscribe"]
    assert msg["List-Unsubscribe-Post"] is None


# ---------------------------------------------------------------- TLS and login


def test_starttls_with_login_and_a_private_ca(empty_db, cert):
    inbox = Inbox()
    with SmtpServer(inbox, security="starttls", cert=cert, login=("digest", "s3cret-pw")) as srv:
        subscribe(empty_db, "a@example.org")
        env = smtp_env(
            srv,
            FACTWATCH_SMTP_SECURITY="starttls",
            FACTWATCH_SMTP_USER="digest",
            FACTWATCH_SMTP_PASSWORD="s3cret-pw",
            FACTWATCH_SMTP_CAFILE=str(cert[0]),
        )
        out = cli(empty_db, "digest", "send", "--now", env=env).output
    assert "sent to a@example.org" in out
    assert inbox.logins == ["digest"] and len(inbox.received) == 1


def test_implicit_tls(empty_db, cert):
    inbox = Inbox()
    with SmtpServer(inbox, security="tls", cert=cert) as srv:
        subscribe(empty_db, "a@example.org")
        settings = settings_for(
            empty_db, srv, FACTWATCH_SMTP_SECURITY="tls", FACTWATCH_SMTP_CAFILE=str(cert[0])
        )
        report = run(empty_db, settings)
    assert [d.status for d in report.deliveries] == ["quiet"]
    assert len(inbox.received) == 1


def test_a_wrong_password_is_a_clear_error_that_never_shows_the_password(empty_db, cert):
    inbox = Inbox()
    with SmtpServer(inbox, security="starttls", cert=cert, login=("digest", "right")) as srv:
        subscribe(empty_db, "a@example.org")
        env = smtp_env(
            srv,
            FACTWATCH_SMTP_SECURITY="starttls",
            FACTWATCH_SMTP_USER="digest",
            FACTWATCH_SMTP_PASSWORD="wrong-Pa55word",
            FACTWATCH_SMTP_CAFILE=str(cert[0]),
        )
        result = cli(empty_db, "digest", "send", "--now", env=env, ok=False)
    assert result.exit_code == 1
    assert "refused the login of 'digest'" in result.output
    assert "FACTWATCH_SMTP_PASSWORD" in result.output
    assert "wrong-Pa55word" not in result.output
    assert not inbox.received and sends(empty_db) == {}


def test_an_untrusted_certificate_is_refused_and_names_the_cafile_setting(empty_db, cert):
    with SmtpServer(Inbox(), security="tls", cert=cert) as srv:
        subscribe(empty_db, "a@example.org")
        report = run(empty_db, settings_for(empty_db, srv, FACTWATCH_SMTP_SECURITY="tls"))
        assert not srv.inbox.received
    assert report.postponed == 1
    assert "TLS with SMTP server" in report.problems[0]
    assert "FACTWATCH_SMTP_CAFILE" in report.problems[0]


def test_starttls_required_by_the_client_but_not_offered(empty_db, smtp):
    subscribe(empty_db, "a@example.org")
    report = run(empty_db, settings_for(empty_db, smtp, FACTWATCH_SMTP_SECURITY="starttls"))
    assert report.postponed == 1
    assert "does not offer STARTTLS" in report.problems[0]
    assert not smtp.inbox.received


def test_a_missing_cafile_is_a_configuration_error():
    with pytest.raises(ConfigError, match="FACTWATCH_SMTP_CAFILE"):
        Settings.from_env(env={"FACTWATCH_SMTP_CAFILE": "/no/such/ca.pem"})


def test_two_runs_at_once_send_each_digest_once(empty_db, smtp):
    """`factwatch run` and a manual `digest send --now` racing: the day's row is the lock."""
    import threading

    for n in range(4):
        subscribe(empty_db, f"s{n}@example.org")
    settings = settings_for(empty_db, smtp)
    now = datetime.now(UTC)
    reports = []
    barrier = threading.Barrier(2)

    def one() -> None:
        db = Database(empty_db)
        try:
            barrier.wait()
            reports.append(send_due_digests(db, settings, now, options=FAST))
        finally:
            db.dispose()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(reports) == 2
    assert sorted(r.rcpt_tos[0] for r in smtp.inbox.received) == [
        f"s{n}@example.org" for n in range(4)
    ]
    assert sum(len(r.deliveries) for r in reports) == 4
    assert sum(r.already for r in reports) == 4


def test_a_server_going_down_mid_run_postpones_the_rest(empty_db, smtp):
    for who in ("s1@example.org", "s2@example.org", "s3@example.org"):
        subscribe(empty_db, who)
    with CuttingProxy(smtp.port, cut_at=2) as proxy:
        report = run(empty_db, settings_for(empty_db, FACTWATCH_SMTP_PORT=str(proxy.port)))
    assert [(d.email, d.status) for d in report.deliveries] == [
        ("s1@example.org", "quiet"),
        ("s2@example.org", "failed"),
    ]
    assert report.postponed == 1 and "s3@example.org" not in sends(empty_db)
    assert sends(empty_db)["s2@example.org"].attempts == FAST.retries
    # Back up: the failed one is retried, the postponed one sent, nobody gets two.
    report = run(empty_db, settings_for(empty_db, smtp))
    assert sorted((d.email, d.status) for d in report.deliveries) == [
        ("s2@example.org", "quiet"),
        ("s3@example.org", "quiet"),
    ]
    assert sorted(r.rcpt_tos[0] for r in smtp.inbox.received) == [
        "s1@example.org",
        "s2@example.org",
        "s3@example.org",
    ]
