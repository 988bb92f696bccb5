"""Real databases for the editors' SQL tests: a SQLite file, or a fresh PostgreSQL database with
a unique editors' role, both initialised through `factwatch init` and holding two stories."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg
from click.testing import CliRunner, Result
from sqlalchemy.engine import make_url

from factwatch.cli import main
from tests.conftest import PG_ADMIN_URL, _drop_pg_database, _new_pg_database

STORIES = (
    "INSERT INTO stories (id, label, first_seen, last_seen, n_articles, langs, created_at,"
    " updated_at) VALUES"
    " (1, 'Rotterdam terminal', '2025-03-03', '2025-03-04', 2, 'en,fr',"
    "  '2025-03-03', '2025-03-04'),"
    " (2, 'Battery plant', '2025-03-05', '2025-03-05', 1, 'pt', '2025-03-05', '2025-03-05')"
)


@dataclass
class EditorDb:
    """A database `factwatch` commands run against; `env` is what they see."""

    url: str
    env: dict[str, str] = field(default_factory=dict)
    role: str | None = None

    def run(self, *args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(main, ["--db", self.url, *args], env={**self.env, **(env or {})})

    def admin(self, sql: str) -> list[tuple]:
        """Run SQL as the test's superuser (PostgreSQL) or as the file's owner (SQLite)."""
        if self.url.startswith("sqlite"):
            import sqlite3

            with sqlite3.connect(make_url(self.url).database) as conn:
                return conn.execute(sql).fetchall()
        with psycopg.connect(_conninfo(self.url), autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []


def _conninfo(url: str) -> str:
    u = make_url(url)
    return f"host={u.host} port={u.port or 5432} user={u.username} dbname={u.database}"


def user_url(url: str, user: str) -> str:
    return (
        make_url(url)._replace(username=user, password=None).render_as_string(hide_password=False)
    )


def _pg_admin(sql: str) -> None:
    with psycopg.connect(_conninfo(PG_ADMIN_URL), autocommit=True) as conn:
        conn.execute(sql)


def drop_role(role: str) -> None:
    _pg_admin(f'DROP ROLE IF EXISTS "{role}"')


def unique_role(prefix: str = "fw_editor") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@contextmanager
def sqlite_db(tmp_path) -> Iterator[EditorDb]:
    db = EditorDb(f"sqlite:///{tmp_path / 'factwatch.db'}")
    result = db.run("init")
    assert result.exit_code == 0, result.output
    db.admin(STORIES)
    yield db


@contextmanager
def postgres_db() -> Iterator[EditorDb]:
    """A fresh database initialised by `factwatch init` as the superuser, which also creates
    the (unique) editors' role; the database, then the role, are dropped afterwards."""
    name, url = _new_pg_database()
    role = unique_role()
    db = EditorDb(url, env={"FACTWATCH_EDITOR_ROLE": role}, role=role)
    try:
        result = db.run("init")
        assert result.exit_code == 0, result.output + result.stderr
        db.admin(STORIES)
        yield db
    finally:
        _drop_pg_database(name)
        drop_role(role)
