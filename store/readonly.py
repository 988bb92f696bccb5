"""Read-only SQL for editors (`factwatch sql`).

A query runs in a transaction the database itself enforces as read-only (SQLite
``PRAGMA query_only``, PostgreSQL ``READ ONLY`` transactions), one statement at a time, so a
stray ``DELETE`` or ``SELECT 1; COMMIT; DROP ...`` is refused rather than trusted to a parser.
For a shared PostgreSQL deployment, give editors a role with SELECT on the ``v_*`` views only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError


class ReadOnlyViolation(Exception):
    """The query tried to change the database, or is not a single statement."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def _statement_count(sql: str) -> int:
    """Count statements separated by ';' outside quotes and comments."""
    count, i, n, pending = 0, 0, len(sql), False
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            end = sql.find(ch, i + 1)
            i = n if end < 0 else end + 1
            pending = True
            continue
        if sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if ch == ";":
            count += pending
            pending = False
        elif not ch.isspace():
            pending = True
        i += 1
    return count + pending


_WRITE_ERRORS = (
    "readonly",
    "read-only",
    "read only",
    "attempt to write",
    "query_only",
)


def run_readonly(engine: Engine, sql: str, limit: int | None = None) -> QueryResult:
    """Run one read-only statement and return its rows.

    Raises `ReadOnlyViolation` for writes and multiple statements; other database errors
    (syntax, unknown column) propagate as SQLAlchemy errors with the database's message.
    """
    if _statement_count(sql) != 1:
        raise ReadOnlyViolation("refused: give exactly one SQL statement")
    dialect = engine.dialect.name
    with engine.connect() as conn:
        if dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA query_only = ON")
        elif dialect == "postgresql":
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        try:
            result = conn.execute(text(sql))
            if not result.returns_rows:
                raise ReadOnlyViolation("refused: the database is read-only here; use SELECT")
            columns = list(result.keys())
            rows = [tuple(r) for r in (result.fetchmany(limit) if limit else result.fetchall())]
        except DBAPIError as exc:
            message = str(exc.orig).lower()
            if any(marker in message for marker in _WRITE_ERRORS):
                raise ReadOnlyViolation(
                    "refused: the database is read-only here; only SELECT queries run"
                ) from exc
            raise
        finally:
            conn.rollback()
            if dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA query_only = OFF")
                conn.commit()
    return QueryResult(columns=columns, rows=rows)
