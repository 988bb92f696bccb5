"""The object every CLI command receives: settings and a lazily opened database."""

from __future__ import annotations

import click

from factwatch.config import ConfigError, Settings
from factwatch.store.db import Database, is_initialised


class Context:
    def __init__(self, db: str | None) -> None:
        try:
            self.settings = Settings.from_env(db)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from exc
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.settings.database_url)
        return self._db

    def ready_db(self) -> Database:
        """The database, created or upgraded first if it is not yet initialised."""
        db = self.db
        if not is_initialised(db.engine):
            click.echo(f"Initialising {self.settings.safe_database_url()}", err=True)
            db.upgrade()
        return db


pass_ctx = click.make_pass_decorator(Context)
