"""`Factwatch`: the application core every front end shares (as sqlite-utils' `Database` or
Datasette's `Datasette`).

Built from settings, it owns the database (opened lazily, created or upgraded on first use by
`ready_db`), the embedding model (loaded once, on first use) and the operations the command
line, the Telegram bot, the service and the digest have in common, so each front end only
parses its input and presents the result.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from factwatch import logs
from factwatch.config import ConfigError, Settings
from factwatch.errors import DatabaseMissing
from factwatch.store.db import Database, is_initialised, missing_sqlite_file, url_password

if TYPE_CHECKING:
    from factwatch.digest.send import DigestReport, SendOptions
    from factwatch.ingest.embed import Embedder
    from factwatch.ingest.params import Params
    from factwatch.ingest.pipeline import IngestReport
    from factwatch.ingest.sources import CollectResult, FetchConfig

__all__ = ["Factwatch", "IngestRun", "secrets"]


def secrets(settings: Settings) -> tuple[str, ...]:
    """Every secret among the settings, which no log line, message or traceback may show:
    the bot token, the SMTP password and the database passwords."""
    return tuple(
        s
        for s in (
            settings.telegram.token,
            settings.smtp.password,
            url_password(settings.database_url),
            url_password(settings.editor_database_url),
        )
        if s
    )


@dataclass(frozen=True)
class IngestRun:
    """What `Factwatch.ingest` did: what the sources gave, what the pipeline made of it, and
    how many URLs were skipped because they were stored already."""

    collected: CollectResult
    report: IngestReport
    already_stored: int


class Factwatch:
    """One factwatch instance: settings, database, model and shared operations."""

    def __init__(
        self,
        settings: Settings,
        db: Database | None = None,
        *,
        announce: Callable[[str], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.announce = announce
        logs.protect(secrets(settings))
        self._db = db
        self._embedder: Embedder | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_env(
        cls, db: str | None = None, *, announce: Callable[[str], Any] | None = None
    ) -> Factwatch:
        """From the environment (`Settings.from_env`); `db` overrides the database URL.
        Raises `ConfigError` for a setting it cannot use. `announce` hears what the instance
        does on its own (creating the database)."""
        app = cls(Settings.from_env(db), announce=announce)
        if app.settings.params_file is not None:
            app.params  # noqa: B018 - a bad tuning file is a setting error, reported at once
        return app

    # ---------------------------------------------------------------- resources

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.settings.database_url)
        return self._db

    def ready_db(self) -> Database:
        """The database, created or upgraded first if it is not yet initialised."""
        db = self.db
        if not is_initialised(db.engine):
            if self.announce is not None:
                self.announce(f"Initialising {self.settings.safe_database_url()}")
            db.upgrade()
        return db

    def require_existing(self) -> None:
        """`DatabaseMissing` when the database is a SQLite file that does not exist: a
        command that only reads must not create one (a mistyped `--db` must not look like a
        database with nothing in it)."""
        path = missing_sqlite_file(self.settings.database_url)
        if path is not None:
            raise DatabaseMissing(path)

    def existing_db(self) -> Database:
        """The database for a command that only reads: `ready_db` after `require_existing`."""
        self.require_existing()
        return self.ready_db()

    def init(self) -> None:
        """Create the database or upgrade it to the latest schema."""
        self.db.upgrade()

    @functools.cached_property
    def params(self) -> Params:
        """The tuned numbers: DEFAULT, or those of the `FACTWATCH_PARAMS` file (ConfigError
        naming the file and the problem when it cannot be used)."""
        from factwatch.ingest import params

        if self.settings.params_file is None:
            return params.DEFAULT
        try:
            return params.load(self.settings.params_file)
        except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
            raise ConfigError(f"FACTWATCH_PARAMS {self.settings.params_file}: {exc}") from None

    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use (`EmbedderError` if it cannot be)."""
        with self._lock:
            if self._embedder is None:
                from factwatch.ingest.embed import load_embedder

                self._embedder = load_embedder(self.settings.embed_model)
            return self._embedder

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()

    # ---------------------------------------------------------------- operations

    def ingest(
        self,
        sources: Sequence[str],
        config: FetchConfig,
        on_collected: Callable[[CollectResult], Any] | None = None,
    ) -> IngestRun:
        """Collect `sources` (feeds, pages, folders, files) and run the whole pipeline once;
        the sources' problems are recorded (and shown to `on_collected` before the model
        loads). URLs already stored are not fetched again. `EmbedderError` if the model
        cannot be loaded."""
        from factwatch.ingest.pipeline import Pipeline
        from factwatch.ingest.sources import collect_sync
        from factwatch.store.articles import StoredUrls
        from factwatch.store.feeds import record_problems

        db = self.db
        stored = StoredUrls(db)
        collected = collect_sync(list(sources), config, known_urls=stored)
        record_problems(db, [(p.source, p.level, p.message) for p in collected.problems])
        if on_collected is not None:
            on_collected(collected)
        report = Pipeline(db, self.embedder(), params=self.params).ingest(collected.articles)
        return IngestRun(collected, report, stored.hits)

    def send_digests(
        self,
        now: datetime,
        *,
        force: bool = False,
        only: str | None = None,
        options: SendOptions | None = None,
    ) -> DigestReport:
        """Send the digests due at `now` (`factwatch.digest.send.send_due_digests`)."""
        from factwatch.digest.send import send_due_digests

        return send_due_digests(
            self.db, self.settings, now, force=force, options=options, only=only
        )
