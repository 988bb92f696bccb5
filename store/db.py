"""Engines, sessions and migrations.

SQLite is the default (a file in the working directory); PostgreSQL is selected with a
`postgresql+psycopg://` URL. The schema is created and upgraded only through Alembic.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///factwatch.db"

ConcurrentWrite = IntegrityError
"""What a write raises when another process stored the same unique row first (an article
URL, a chat, a digest's day): callers outside the store catch this name, not SQLAlchemy's."""
_PACKAGE = Path(__file__).resolve().parent.parent


def migrations_dir() -> Path:
    """Where the Alembic scripts are: `factwatch/migrations/` in an installed wheel; the
    repository's `alembic/` folder (beside `store/`) in a source checkout."""
    for candidate in (_PACKAGE / "migrations", _PACKAGE / "alembic"):
        if (candidate / "env.py").is_file():
            return candidate
    raise RuntimeError(f"factwatch's migrations are missing (looked in {_PACKAGE})")


def database_url(explicit: str | None = None) -> str:
    """The URL to use: explicit (``--db``), then ``FACTWATCH_DATABASE_URL``, then the default.

    A bare path is accepted as a SQLite file, so ``--db news.db`` works.
    """
    url = explicit or os.environ.get("FACTWATCH_DATABASE_URL") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def masked_url(url: str) -> str:
    """The URL with any password masked, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema to `revision` (idempotent)."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_initialised(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version") and current_revision(engine) is not None


class Database:
    """One database: its engine and a session factory. Cheap to pass around."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self.sessions() as s, s.begin():
            yield s

    def upgrade(self) -> None:
        upgrade(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
