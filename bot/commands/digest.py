"""`factwatch digest`: the daily e-mail digest (subscribers, preview, send)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from factwatch.app import Factwatch
from factwatch.commands import pass_app
from factwatch.ingest.sources.base import EARLIEST_PUBLISHED


@click.group()
def digest() -> None:
    """The daily e-mail digest: subscribers, preview, send.

    `factwatch run` sends each subscriber's digest at their hour in their time zone, once per
    local day; `digest send --now` sends today's digests without waiting for the hour.

    \b
    Example:
      factwatch digest subscribe editor@example.org --tz Europe/Paris --hour 7
    """


@digest.command()
@click.argument("email")
@click.option("--tz", default="UTC", show_default=True, help="IANA time zone, e.g. Europe/Paris.")
@click.option("--hour", type=int, default=7, show_default=True, help="Local hour, 0-23.")
@click.option("--topic", metavar="WORDS", help="Only stories about these words (any language).")
@pass_app
def subscribe(app: Factwatch, email: str, tz: str, hour: int, topic: str | None) -> None:
    """Subscribe EMAIL to the daily digest (or change its settings).

    \b
    Examples:
      factwatch digest subscribe editor@example.org --tz Europe/Paris --hour 7
      factwatch digest subscribe desk@example.org --topic "battery plant"
    """
    from factwatch.digest import subscribers as subs

    try:  # refuse bad input before loading anything
        email = subs.normalise_email(email)
        tz = subs.check_timezone(tz)
        hour = subs.check_hour(hour)
        topic = subs.check_topic(topic)
    except subs.SubscriberError as exc:
        raise click.BadParameter(str(exc)) from exc
    vector = None
    if topic:
        from factwatch.ingest.embed import EmbedderError
        from factwatch.store.repository import vector_to_bytes

        try:
            vector = vector_to_bytes(app.embedder().encode([topic])[0])
        except EmbedderError as exc:
            raise click.ClickException(str(exc)) from exc
    _row, created = subs.subscribe(app.ready_db(), email, tz, hour, topic, vector)
    about = f", stories about “{topic}”" if topic else ""
    verb = "Subscribed" if created else "Updated"
    click.echo(f"{verb} {email}: daily digest at {hour:02d}:00 {tz}{about}.")
    if not app.settings.smtp.configured:
        click.secho(
            "note: set FACTWATCH_SMTP_HOST and FACTWATCH_MAIL_FROM so digests can be sent.",
            fg="yellow",
            err=True,
        )


@digest.command()
@click.argument("email")
@pass_app
def unsubscribe(app: Factwatch, email: str) -> None:
    """Stop the daily digest for EMAIL.

    Example: factwatch digest unsubscribe editor@example.org
    """
    from factwatch.digest import subscribers as subs

    try:
        stopped = subs.unsubscribe(app.existing_db(), email)
    except subs.SubscriberError as exc:
        raise click.BadParameter(str(exc)) from exc
    if not stopped:
        raise click.ClickException(f"{email} is not subscribed.")
    click.echo(f"Unsubscribed {email}.")


@digest.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include unsubscribed addresses.")
@pass_app
def list_(app: Factwatch, show_all: bool) -> None:
    """List digest subscribers.

    Example: factwatch digest list
    """
    from factwatch.digest.subscribers import list_subscribers

    rows = list_subscribers(app.existing_db(), include_inactive=show_all)
    if not rows:
        click.echo("No digest subscribers: add one with `factwatch digest subscribe EMAIL`.")
        return
    for r in rows:
        topic = f" · topic “{r.topic}”" if r.topic else ""
        state = "" if r.active else " · unsubscribed"
        click.echo(f"{r.email} · {r.hour:02d}:00 {r.tz}{topic}{state}")


@digest.command()
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="A past local day (default: the last 24 hours up to now).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write HTML here.")
@click.option("--tz", help="Time zone of --date and of times shown [default: UTC].")
@click.option("--email", help="As this subscriber gets it (their time zone, topic and period).")
@pass_app
def preview(
    app: Factwatch, day: datetime | None, out: Path | None, tz: str | None, email: str | None
) -> None:
    """Show a digest: an HTML file with --out, else plain text.

    The HTML is the mail's, with its charts embedded, for a browser.

    \b
    Examples:
      factwatch digest preview --out digest.html
      factwatch digest preview --date 2026-03-05 --tz Europe/Paris
      factwatch digest preview --email editor@example.org --out digest.html
    """
    from factwatch.digest import subscribers as subs
    from factwatch.digest.compose import compose_digest, day_period, rolling_period
    from factwatch.digest.mail import ChartCache, Recipient, preview_html, preview_text, subject_of
    from factwatch.digest.send import previous_period_end, topic_filter

    now = datetime.now(UTC)
    first = EARLIEST_PUBLISHED.date()  # no article is dated earlier (ingest/sources/base.py)
    if day is not None and not first <= day.date() <= now.date():
        raise click.BadParameter(
            f"{day.date()} is not a past day (from {first} to today)", param_hint="--date"
        )
    db = app.existing_db()
    recipient = Recipient(None, "UTC", 7, None)
    topic = vector = previous = None
    if email:
        try:
            row = subs.find(db, subs.normalise_email(email))
        except subs.SubscriberError as exc:
            raise click.BadParameter(str(exc)) from exc
        if row is None:
            raise click.ClickException(f"{email} is not subscribed.")
        recipient = Recipient(row.email, row.tz, row.hour, row.token)
        topic, vector = row.topic, row.topic_embedding
        previous = previous_period_end(db, row.id, now)
    try:
        zone = subs.check_timezone(tz or recipient.tz)
    except subs.SubscriberError as exc:
        raise click.BadParameter(str(exc)) from exc
    if tz:
        recipient = Recipient(recipient.email, zone, recipient.hour, recipient.token)
    if day is not None:
        start, end = day_period(day.date(), zone)
        local_date = day.date()
    else:
        start, end = rolling_period(now, previous)
        local_date = None
    result = compose_digest(
        db,
        start,
        end,
        tz=zone,
        local_date=local_date,
        story_filter=topic_filter(topic, vector),
        topic=topic,
    )
    if out is None:
        click.echo(preview_text(result, recipient, app.settings), nl=False)
        return
    html = preview_html(result, recipient, app.settings, ChartCache())
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from exc
    click.echo(f"Wrote {out} ({len(html.encode()) // 1024} kB): {subject_of(result)}")


@digest.command()
@click.option("--now", "force", is_flag=True, help="Send today's digests without waiting.")
@click.option("--email", help="Only this subscriber.")
@pass_app
def send(app: Factwatch, force: bool, email: str | None) -> None:
    """Send the digests that are due (--now: all of today's).

    Each subscriber gets at most one digest per local day, however often this runs.

    Exits with status 1 when a digest was refused, failed or postponed.

    \b
    Examples:
      factwatch digest send
      factwatch digest send --now
    """
    from factwatch.digest import subscribers as subs

    if not app.settings.smtp.configured:
        raise click.ClickException(
            "SMTP is not configured: set FACTWATCH_SMTP_HOST and FACTWATCH_MAIL_FROM "
            "(and FACTWATCH_SMTP_PORT, _USER, _PASSWORD, _SECURITY as needed)."
        )
    if email:
        try:
            email = subs.normalise_email(email)
        except subs.SubscriberError as exc:
            raise click.BadParameter(str(exc)) from exc
    app.existing_db()
    report = app.send_digests(datetime.now(UTC), force=force, only=email)
    for d in report.deliveries:
        if d.status in ("sent", "quiet"):
            stories = f"{d.stories} stor{'y' if d.stories == 1 else 'ies'}"
            what = f"{d.conflicts} conflict(s) in {stories}"
            if d.status == "quiet":
                what = "quiet-day note"
            click.echo(f"sent to {d.email} ({d.local_date}): {what}")
        elif d.status == "skipped":
            click.echo(f"nothing new for {d.email} ({d.local_date}): no mail (quiet day)")
        else:
            click.secho(f"{d.status}: {d.email} ({d.local_date}): {d.error}", fg="red", err=True)
    for problem in report.problems:
        click.secho(f"error: {problem}", fg="red", err=True)
    click.echo(f"Digests: {report}.")
    if not report.ok:
        raise SystemExit(1)
