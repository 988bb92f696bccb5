"""`factwatch feeds`: the feeds `factwatch run` polls (add, list, remove, pause, resume)."""

from __future__ import annotations

import click

from factwatch.app import Factwatch
from factwatch.commands import pass_app
from factwatch.feeds import (
    DEFAULT_INTERVAL,
    FeedInfo,
    FeedRegistryError,
    format_interval,
    parse_interval,
    safe_url,
)


class IntervalType(click.ParamType):
    """ "15m", "1h", "90s", "1h30m" -> seconds, with the registry's limits."""

    name = "interval"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_interval(str(value))
        except FeedRegistryError as exc:
            self.fail(str(exc), param, ctx)


@click.group()
def feeds() -> None:
    """Feeds that `factwatch run` polls: add, list, remove, pause, resume.

    \b
    Example:
      factwatch feeds add https://example.org/feed.xml --interval 30m
    """


@feeds.command("add")
@click.argument("url")
@click.option(
    "--interval",
    type=IntervalType(),
    default=format_interval(DEFAULT_INTERVAL),
    show_default=True,
    help="How often to poll: 90s, 15m, 1h, 1h30m (at least 1m).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow this feed (and its links) on private, loopback and link-local addresses.",
)
@click.option("--title", help="A name for the feed (default: the feed's own title).")
@pass_app
def add(app: Factwatch, url: str, interval: int, allow_private: bool, title: str | None) -> None:
    """Register a feed; a running `factwatch run` polls it within a minute.

    \b
    Examples:
      factwatch feeds add https://example.org/feed.xml
      factwatch feeds add --interval 1h https://example.org/rss
      factwatch feeds add --allow-private http://127.0.0.1:8765/feed.xml
    """
    from factwatch.feeds import add_feed

    db = app.ready_db()
    try:
        info = add_feed(
            db, url, interval_seconds=interval, allow_private=allow_private, title=title
        )
    except FeedRegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"Added feed {info.id}: {safe_url(info.url)} (every {format_interval(interval)}"
        f"{', private addresses allowed' if info.allow_private else ''})."
    )


@feeds.command("list")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@pass_app
def list_(app: Factwatch, fmt: str) -> None:
    """List feeds with status, last fetch, last error and articles stored.

    \b
    Example:
      factwatch feeds list --format json
    """
    from factwatch.feeds import list_feeds
    from factwatch.render import table

    rows = list_feeds(app.existing_db())
    columns = [
        "id",
        "url",
        "title",
        "interval",
        "status",
        "last_fetch",
        "next_poll",
        "articles",
        "last_error",
    ]
    click.echo(table(columns, [_row(f, fmt) for f in rows], fmt))


def _row(f: FeedInfo, fmt: str) -> list:
    def when(dt) -> str | None:
        if dt is None:
            return None
        return dt.isoformat(timespec="seconds") + "Z" if fmt == "json" else f"{dt:%Y-%m-%d %H:%M}"

    return [
        f.id,
        safe_url(f.url),
        f.title,
        format_interval(f.interval_seconds),
        f.status,
        when(f.last_fetched_at),
        when(f.next_poll_at) if f.active else None,
        f.articles,
        f.last_error,
    ]


@feeds.command("remove")
@click.argument("feed")
@pass_app
def remove(app: Factwatch, feed: str) -> None:
    """Stop polling a feed (by id or URL) and forget it; its articles stay.

    \b
    Example:
      factwatch feeds remove 3
    """
    from factwatch.feeds import remove_feed

    try:
        info = remove_feed(app.existing_db(), feed)
    except FeedRegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"Removed feed {info.id}: {safe_url(info.url)} "
        f"({info.articles} stored article{'s' * (info.articles != 1)} kept)."
    )


@feeds.command("pause")
@click.argument("feed")
@pass_app
def pause(app: Factwatch, feed: str) -> None:
    """Stop polling a feed (by id or URL) but keep it registered.

    \b
    Example:
      factwatch feeds pause 3
    """
    _set_active(app, feed, False)


@feeds.command("resume")
@click.argument("feed")
@pass_app
def resume(app: Factwatch, feed: str) -> None:
    """Poll a paused or failing feed again, at once (clears its back-off).

    \b
    Example:
      factwatch feeds resume 3
    """
    _set_active(app, feed, True)


def _set_active(app: Factwatch, feed: str, active: bool) -> None:
    from factwatch.feeds import set_active

    try:
        info = set_active(app.existing_db(), feed, active)
    except FeedRegistryError as exc:
        raise click.ClickException(str(exc)) from exc
    state = "resumed: due now" if active else "paused"
    click.echo(f"Feed {info.id} {safe_url(info.url)} {state}.")
