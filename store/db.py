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
from sqlalchemy.exc import ArgumentError, IntegrityError
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


def url_password(url: str | None) -> str | None:
    """The password in a database URL, if any (a secret the logs must never show)."""
    if not url or "://" not in url:
        return None
    try:
        return make_url(url).password or None
    except ArgumentError:
        return None


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    if not url.startswith("sqlite"):
        return None
    name = make_url(url).database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def missing_sqlite_file(url: str) -> str | None:
    """The path of a SQLite URL's file when that file does not exist, else None."""
    path = sqlite_file(url)
    return str(path) if path is not None and not path.exists() else None


def open_error(exc: BaseException, url: str) -> str | None:
    """One line saying why the database at `url` cannot be opened and what to check, for an
    error raised while connecting (password masked); None for any other error."""
    from sqlalchemy.exc import DBAPIError, NoSuchModuleError

    where = masked_url(url)
    setting = "(--db or FACTWATCH_DATABASE_URL)"
    if isinstance(exc, NoSuchModuleError | ArgumentError):
        return f"cannot use the database URL {where}: {exc} {setting}"
    if isinstance(exc, ModuleNotFoundError) and not url.startswith("sqlite"):
        return (
            f"cannot connect to {where}: the database driver is missing ({exc}); "
            f"factwatch uses postgresql+psycopg://… URLs {setting}"
        )
    if not isinstance(exc, DBAPIError) or not _at_connect(exc):
        return None
    text = " ".join(str(exc.orig).split())
    low = text.lower()
    path = sqlite_file(url)
    if path is not None:
        if "unable to open database file" in low:
            folder = path.parent
            why = (
                f"the folder {folder} does not exist"
                if not folder.is_dir()
                else "permission denied or not a file"
            )
            return f"cannot open the SQLite database {path}: {why} {setting}"
        if "not a database" in low:
            return f"cannot open {path}: it is not a SQLite database {setting}"
        return None
    if "connection refused" in low:
        why = "connection refused — is the server running?"
    elif "does not exist" in low and "database" in low:
        name = make_url(url).database
        why = f'database "{name}" does not exist — create it (createdb {name}) or fix the URL'
    elif "password authentication failed" in low or "no password supplied" in low:
        why = f"authentication failed for user {make_url(url).username!r} — check the password"
    elif "role" in low and "does not exist" in low:
        why = f"user {make_url(url).username!r} does not exist on the server"
    elif "translate host name" in low or "name or service not known" in low:
        why = f"unknown host {make_url(url).host!r}"
    elif "timeout" in low or "timed out" in low:
        why = "timed out — is the host reachable?"
    else:
        why = text.removeprefix("connection failed: ")
    return f"cannot connect to {where}: {why} {setting}"


def _at_connect(exc: BaseException) -> bool:
    """Whether a DBAPI error happened while connecting (OperationalError of the driver's
    connect, or SQLite's "unable to open")."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    text = str(getattr(exc, "orig", exc)).lower()
    return exc.statement is None or any(
        s in text for s in ("unable to open database file", "file is not a database")
    )


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
