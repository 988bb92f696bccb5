"""`factwatch`: a thin command line over the pipeline and the store.

Every command takes the database from `--db` or `FACTWATCH_DATABASE_URL` (default: SQLite
file `factwatch.db` in the working directory).
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from datetime import date

import click

from factwatch import logs
from factwatch.app import Factwatch
from factwatch.commands import pass_app
from factwatch.config import ConfigError
from factwatch.errors import user_message
from factwatch.ingest.lang import SUPPORTED

log = logging.getLogger("factwatch")


class FactwatchGroup(click.Group):
    """The command group: an error the user can act on (`factwatch.errors.user_message`) is
    one line and exit status 1, its traceback shown only with -v; no message shows a
    secret of the settings."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = logs.redact(exc.message)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            app = ctx.obj if isinstance(ctx.obj, Factwatch) else None
            message = user_message(exc, app.settings.database_url if app else None)
            if message is None:
                raise
            if ctx.params.get("verbose"):
                log.error("%s", message, exc_info=exc)
            raise click.ClickException(logs.redact(message)) from exc


def reads_only(command):
    """For a command that only reads without `Factwatch.existing_db` (`sql`): a SQLite file
    that does not exist is an error, never a new, empty database."""

    @functools.wraps(command)
    def checked(*args, **kwargs):
        app = click.get_current_context().find_object(Factwatch)
        if app is not None:
            app.require_existing()
        return command(*args, **kwargs)

    return checked


@click.group(cls=FactwatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db", metavar="URL", help="Database URL or SQLite path [env FACTWATCH_DATABASE_URL]."
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="factwatch")
@click.pass_context
def main(ctx: click.Context, db: str | None, verbose: int) -> None:
    """factwatch: find the figures news outlets disagree on, and say why."""
    logs.configure(verbose)
    try:
        ctx.obj = Factwatch.from_env(db, announce=lambda m: click.echo(m, err=True))
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@pass_app
def init(app: Factwatch) -> None:
    """Create the database or upgrade it to the latest schema.

    Example: factwatch --db news.db init
    """
    app.init()
    click.echo(f"Database ready: {app.settings.safe_database_url()}")
    if app.db.engine.dialect.name == "postgresql":
        from factwatch.store.editor_role import ensure_editor_role, setup_messages

        out, err = setup_messages(ensure_editor_role(app.db.engine, app.settings.editor_role))
        for line in out:
            click.echo(line)
        for line in err:
            click.echo(line, err=True)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow fetching from private, loopback and link-local addresses.",
)
@click.option(
    "--timeout",
    type=float,
    default=15.0,
    show_default=True,
    help="Seconds to wait for a server to answer (a whole page gets twice that).",
)
@pass_app
def ingest(app: Factwatch, sources: tuple[str, ...], allow_private: bool, timeout: float) -> None:
    """Ingest feeds, pages, folders or files once: the whole pipeline.

    \b
    Examples:
      factwatch ingest seeds/
      factwatch ingest https://example.org/feed.xml
      factwatch ingest --allow-private http://127.0.0.1:8765/feed.xml
    """
    from factwatch.ingest.embed import EmbedderError
    from factwatch.ingest.sources import FetchConfig

    app.ready_db()
    config = FetchConfig(
        allow_private=allow_private, read_timeout=timeout, total_timeout=max(2 * timeout, 5.0)
    )

    def show(collected) -> None:
        for p in collected.problems:
            click.secho(
                f"{p.level}: {p.message}", fg="red" if p.level == "error" else "yellow", err=True
            )

    try:
        run = app.ingest(sources, config, on_collected=show)
    except EmbedderError as exc:
        raise click.ClickException(str(exc)) from exc
    result, report = run.collected, run.report
    for problem in report.problems:
        click.secho(f"error: {problem}", fg="red", err=True)
    click.echo(
        f"Added {report.added} article{'s' * (report.added != 1)} "
        f"({report.duplicates} syndicated cop{'ies' if report.duplicates != 1 else 'y'}), "
        f"{report.claims} claims, {report.new_stories} new "
        f"stor{'ies' if report.new_stories != 1 else 'y'}"
        + (f" ({report.merged_stories} merged into older ones)" if report.merged_stories else "")
        + "; "
        f"{report.conflicts_changed} conflict(s) new or changed; "
        f"{report.skipped + run.already_stored} already stored; "
        f"{len(result.problems) + len(report.problems)} problem(s)."
    )
    errors = [p for p in result.problems if p.level == "error"]
    if errors and report.added == 0 and not result.articles and run.already_stored == 0:
        sys.exit(1)


@main.command()
@pass_app
def stories(app: Factwatch) -> None:
    """List stories with their articles.

    Example: factwatch stories
    """
    from factwatch.render import stories_text

    click.echo(stories_text(app.existing_db()))


@main.command()
@click.option("--story", type=int, help="Only this story.")
@click.option("--all", "show_all", is_flag=True, help="Include facts reported by one outlet.")
@pass_app
def facts(app: Factwatch, story: int | None, show_all: bool) -> None:
    """List facts (figures and dates reported by two or more outlets) and their status.

    Example: factwatch facts --story 2
    """
    from factwatch.render import facts_text

    click.echo(facts_text(app.existing_db(), story, multi_only=not show_all))


@main.command()
@click.option("--story", type=int, help="Only this story.")
@click.option(
    "--alerts-only", is_flag=True, help="Hide rounding/bound differences and updated counts."
)
@pass_app
def conflicts(app: Factwatch, story: int | None, alerts_only: bool) -> None:
    """List conflicting figures and dates with verdict and explanation.

    Example: factwatch conflicts --alerts-only
    """
    from factwatch.render import conflicts_text

    click.echo(conflicts_text(app.existing_db(), story, alerts_only=alerts_only))


@main.command()
@reads_only
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option("--max-rows", type=click.IntRange(min=1), help="Row limit [FACTWATCH_SQL_MAX_ROWS].")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds [FACTWATCH_SQL_TIMEOUT].",
)
@pass_app
def sql(app: Factwatch, query: str, fmt: str, max_rows: int | None, timeout: float | None) -> None:
    """Run one read-only SQL query and print the rows (at most 10,000 rows, 30 s by default).

    On PostgreSQL it runs as the editors' role (see `factwatch init`).

    \b
    Example:
      factwatch sql "SELECT verdict, summary FROM v_conflicts" --format json
    """
    from dataclasses import replace

    from factwatch.render import table
    from factwatch.store.readonly import EditorSqlError, run_readonly

    settings = app.settings
    limits = replace(
        settings.sql_limits,
        **({"max_rows": max_rows} if max_rows else {}),
        **({"timeout_s": timeout} if timeout else {}),
    )
    try:
        result = run_readonly(settings.database_url, settings.editor_url(), query, limits)
    except EditorSqlError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(table(result.columns, result.rows, fmt))
    if result.truncated:
        click.echo(f"truncated at {limits.max_rows} rows (--max-rows to change)", err=True)


@main.command()
@click.option("--lang", required=True, help=f"Language of the text ({', '.join(SUPPORTED)}).")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date, to infer years the text omits.",
)
@click.option("--jsonl", is_flag=True, help='Read JSON lines {"id","text","lang","published"?}.')
def extract(lang: str, published, jsonl: bool) -> None:
    """Extract claims from text on stdin and print them as JSON.

    \b
    Examples:
      echo "Alibaba investira plus de 45 milliards d'euros." | factwatch extract --lang fr
      factwatch extract --lang en --jsonl < sentences.jsonl
    """
    from factwatch.ingest.claims import extract_claims
    from factwatch.ingest.text import base_language

    if base_language(lang) not in SUPPORTED:
        raise click.BadParameter(
            f"unsupported language {lang!r}: supported are {', '.join(SUPPORTED)}",
            param_hint="--lang",
        )
    day = published.date() if published else None
    if not jsonl:
        text = sys.stdin.read()
        click.echo(
            json.dumps(
                [_claim_json(c) for c in extract_claims(text, lang, day)],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            text = obj["text"]
            item_lang = obj.get("lang") or lang
            item_day = date.fromisoformat(obj["published"]) if obj.get("published") else day
        except (ValueError, KeyError, TypeError) as exc:
            click.echo(f"line {n}: skipped, not a JSON object with a text ({exc})", err=True)
            continue
        except RecursionError:
            click.echo(f"line {n}: skipped, nested too deeply to read", err=True)
            continue
        if base_language(str(item_lang)) not in SUPPORTED:
            click.echo(f"line {n}: skipped, unsupported language {item_lang!r}", err=True)
            continue
        claims = extract_claims(str(text), item_lang, item_day)
        click.echo(
            json.dumps(
                {"id": obj.get("id"), "claims": [_claim_json(c) for c in claims]},
                ensure_ascii=False,
            )
        )


def _claim_json(c) -> dict:
    return {
        "kind": c.kind,
        "text": c.surface,
        "start": c.start,
        "end": c.end,
        "value": c.value,
        "unit": c.unit,
        "date_value": c.date_value.isoformat() if c.date_value else None,
        "date_end": c.date_end.isoformat() if c.date_end else None,
        "qualifier": c.qualifier,
        "precision": c.precision,
    }


from factwatch.commands.feeds import feeds  # noqa: E402
from factwatch.commands.run import run  # noqa: E402

main.add_command(feeds)
main.add_command(run)

from factwatch.commands.digest import digest  # noqa: E402

main.add_command(digest)
