"""`factwatch run`: the service (feed polling, Telegram bot and alerts, email digest)."""

from __future__ import annotations

import asyncio
import logging
import sys

import click

from factwatch import logs
from factwatch.app import Factwatch
from factwatch.commands import pass_app


@click.command()
@click.option(
    "--once",
    is_flag=True,
    help="Poll the due feeds once, send due alerts and digests, then exit (for cron).",
)
@click.option(
    "--poll-every",
    type=click.FloatRange(min=1.0),
    default=20.0,
    show_default=True,
    help="Seconds between checks for due feeds (each feed keeps its own interval).",
)
@click.option(
    "--timeout",
    type=float,
    default=15.0,
    show_default=True,
    help="Seconds to wait for a server to answer (a whole page gets twice that).",
)
@pass_app
def run(app: Factwatch, once: bool, poll_every: float, timeout: float) -> None:
    """Run the service: poll feeds, ingest, send alerts (Telegram) and digests (email).

    Runs until SIGINT (Ctrl-C) or SIGTERM; the Telegram bot runs too when
    FACTWATCH_TELEGRAM_TOKEN is set, the daily digest when FACTWATCH_SMTP_HOST and
    FACTWATCH_MAIL_FROM are. With --once it exits with status 1 when a feed could not be
    polled or an alert or digest could not be sent, each named on a line starting with
    "failed:" (for cron). Feeds come from `factwatch feeds add`. Use -v to log one line
    per feed poll.

    \b
    Examples:
      factwatch --db news.db -v run
      factwatch run --once
    """
    from factwatch.service import ServiceError, ServiceOptions, run_service

    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # APScheduler logs every job run at INFO (every few seconds) and a WARNING whenever
        # a check for due feeds is skipped because a long ingest is still running (by
        # design: one poll at a time). Job errors are logged by the service itself.
        logging.getLogger("apscheduler").setLevel(logging.ERROR)
    app.ready_db()
    options = ServiceOptions(once=once, poll_every=poll_every, fetch_timeout=timeout)
    try:
        code = asyncio.run(
            run_service(app, options, lambda m: click.echo(logs.redact(m), err=True))
        )
    except ServiceError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        app.close()
    sys.exit(code)
