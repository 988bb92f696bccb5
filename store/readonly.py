"""Editors' SQL (`factwatch sql`): one read-only statement, bounded in time and rows.

No home-made SQL parser decides anything here: the database's own parser does.

- SQLite: the file is opened with ``mode=ro`` (a mistyped path is an error, never a new
  database), ``query_only`` and an authorizer that allows reading and nothing else (no ATTACH,
  which VACUUM INTO also needs, no pragma that is not on a short reading list, no
  ``load_extension``), a progress handler that stops the query at the time limit, and rows
  fetched in batches up to the row limit. Python's sqlite3 refuses several statements.
- PostgreSQL: the query runs as the editor role (`editor_role.py`), never as the app's role:
  ``SET ROLE`` is no sandbox, a query can undo it with ``set_config('role', 'none', true)``
  (the session user decides) and reach everything the app's role may. The role's privileges
  are checked before each query. The statement is sent as ``DECLARE ... CURSOR FOR <query>``
  through the extended protocol (a prepared statement), which the server refuses to run with
  several commands and which accepts only SELECT or VALUES; rows come in FETCH batches up to the
  row limit, in a READ ONLY transaction, each FETCH under a ``statement_timeout`` of the time
  left.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy.engine import make_url

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_ROWS = 10_000
_BATCH = 500


class EditorSqlError(Exception):
    """A query was refused, stopped or failed; the message is one line for the editor."""


class Refused(EditorSqlError):
    """The query, the database or the role is not allowed here."""


@dataclass(frozen=True)
class SqlLimits:
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool = False


# one character or one whole comment per step, never given back (atomic, possessive): linear
_FIRST_WORD = re.compile(r"(?>\s|--[^\n]*+|/\*.*?\*/|\()*+([A-Za-z]+)", re.S)
# Statements that are not queries, named in a friendly refusal; any other first word goes to
# the server, which decides (a scanner of ours must never refuse a valid query).
_NOT_QUERIES = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "insert update delete merge copy create drop alter truncate grant revoke comment set"
        " reset begin start commit end rollback abort savepoint release prepare execute"
        " deallocate call do lock vacuum analyze cluster reindex refresh discard listen notify"
        " unlisten load import security checkpoint declare fetch move close show explain"
    ).split()
)


def _first_word(sql: str) -> str:
    m = _FIRST_WORD.match(sql)
    return m.group(1).lower() if m else ""


def _require_statement(sql: str) -> None:
    if not sql.strip():
        raise Refused("refused: give one SQL statement (the query is empty)")


def _require_reading_statement(sql: str) -> None:
    """A friendly early refusal of `DELETE ...` on PostgreSQL, whose DECLARE would only say
    "syntax error"; the server enforces it anyway."""
    _require_statement(sql)
    word = _first_word(sql)
    if word in _NOT_QUERIES:
        raise Refused(
            f"refused: {word.upper()} (the database is read-only here; "
            "only SELECT, WITH or VALUES queries run)"
        )


def one_line(message: str) -> str:
    """The first line of a database message (PostgreSQL adds LINE/caret lines)."""
    return " ".join(str(message).strip().splitlines()[:1]) or "unknown error"


# --- SQLite ------------------------------------------------------------------------------------

# Pragmas that only describe the schema or read a setting (with or without an argument naming
# a table or index). Anything else, including every `PRAGMA name = value`, is refused.
SQLITE_PRAGMAS = frozenset(
    {
        "table_info",
        "table_xinfo",
        "table_list",
        "index_list",
        "index_info",
        "index_xinfo",
        "foreign_key_list",
        "collation_list",
        "function_list",
        "module_list",
        "pragma_list",
        "user_version",
        "schema_version",
        "page_count",
        "page_size",
        "encoding",
    }
)
SQLITE_FUNCTIONS_REFUSED = frozenset({"load_extension", "fts3_tokenizer", "readfile", "writefile"})
_SQLITE_ACTIONS = {
    getattr(sqlite3, name): name.removeprefix("SQLITE_").replace("_", " ")
    for name in dir(sqlite3)
    if name.startswith(
        ("SQLITE_CREATE", "SQLITE_DROP", "SQLITE_ALTER", "SQLITE_INSERT", "SQLITE_UPDATE")
    )
    or name
    in (
        "SQLITE_DELETE",
        "SQLITE_ATTACH",
        "SQLITE_DETACH",
        "SQLITE_TRANSACTION",
        "SQLITE_SAVEPOINT",
        "SQLITE_REINDEX",
        "SQLITE_ANALYZE",
    )
}


class _Authorizer:
    """sqlite3 authorizer: SELECT, reading, recursive CTEs and harmless functions only.

    Remembers the first refusal so the editor is told what was refused, not SQLite's bare
    "not authorized"."""

    def __init__(self) -> None:
        self.refusal: str | None = None

    def __call__(self, action: int, arg1: str | None, arg2: str | None, _db, _trigger) -> int:
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_UPDATE and arg1 in _SCHEMA_TABLES and arg2 in _SCHEMA_COLUMNS:
            # SQLite asks this when it first opens a pragma_*() table-valued function; the
            # connection is read-only, and no statement may write the schema table anyway.
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION:
            if (arg2 or "").lower() not in SQLITE_FUNCTIONS_REFUSED:
                return sqlite3.SQLITE_OK
            why = f"{arg2}() (extensions and file access are not allowed)"
        elif action == sqlite3.SQLITE_PRAGMA:
            name = (arg1 or "").lower()
            if name in SQLITE_PRAGMAS and (arg2 is None or name not in _SETTING_PRAGMAS):
                return sqlite3.SQLITE_OK
            shown = f"PRAGMA {arg1}" + (f" = {arg2}" if arg2 is not None else "")
            why = f"{shown} (only schema-reading pragmas run here)"
        elif action == sqlite3.SQLITE_ATTACH:
            why = "ATTACH or VACUUM (INTO): it would create or open another file"
        else:
            what = _SQLITE_ACTIONS.get(action, f"action {action}")
            if action == sqlite3.SQLITE_TRANSACTION:
                what, arg1 = (arg1 or what), None
            why = f"{what}{f' {arg1}' if arg1 else ''} (the database is read-only here)"
        if self.refusal is None:
            self.refusal = f"refused: {why}"
        return sqlite3.SQLITE_DENY


_SETTING_PRAGMAS = frozenset({"user_version", "schema_version", "page_size", "encoding"})
_SCHEMA_TABLES = frozenset({"sqlite_master", "sqlite_schema"})
_SCHEMA_COLUMNS = frozenset({"type", "name", "tbl_name", "rootpage", "sql"})


def sqlite_path(url: str) -> str:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise Refused("refused: factwatch sql needs a SQLite database file, not :memory:")
    return database


def run_sqlite(path: str, sql: str, limits: SqlLimits) -> QueryResult:
    _require_statement(sql)
    try:
        conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
    except sqlite3.Error as exc:
        raise Refused(f"refused: cannot open the SQLite database {path!r} ({exc})") from None
    deadline = time.monotonic() + limits.timeout_s
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        authorizer = _Authorizer()
        conn.set_authorizer(authorizer)
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            cur = conn.execute(sql)
            columns = [d[0] for d in cur.description or ()]
            if not cur.description:
                raise Refused("refused: the statement returns no rows; only queries run here")
            rows, truncated = _fetch_limited(cur.fetchmany, limits.max_rows)
        except (sqlite3.Error, sqlite3.Warning) as exc:
            raise _sqlite_error(exc, authorizer, deadline, limits) from None
    finally:
        conn.close()
    return QueryResult(columns, rows, truncated)


def _sqlite_error(
    exc: Exception, authorizer: _Authorizer, deadline: float, limits: SqlLimits
) -> EditorSqlError:
    message = str(exc)
    if authorizer.refusal:
        return Refused(authorizer.refusal)
    if "one statement at a time" in message:
        return Refused("refused: several statements; give exactly one")
    if "interrupted" in message and time.monotonic() > deadline:
        return EditorSqlError(f"stopped: the query ran longer than {limits.timeout_s:g} s")
    if "attached databases" in message:
        return Refused("refused: ATTACH or VACUUM (INTO): it would create or open another file")
    if "readonly" in message or "read-only" in message or "query_only" in message:
        return Refused("refused: the database is read-only here; only queries run")
    return EditorSqlError(f"query failed: {one_line(message)}")


def _fetch_limited(
    fetchmany: Callable[[int], list[Any]], max_rows: int
) -> tuple[list[tuple[Any, ...]], bool]:
    """Rows up to `max_rows`, in batches, and whether there were more."""
    rows: list[tuple[Any, ...]] = []
    while len(rows) <= max_rows:
        batch = fetchmany(min(_BATCH, max_rows + 1 - len(rows)))
        if not batch:
            break
        rows.extend(tuple(r) for r in batch)
    truncated = len(rows) > max_rows
    return rows[:max_rows], truncated


# --- PostgreSQL --------------------------------------------------------------------------------

_CURSOR = "factwatch_editor_query"


def run_postgres(editor_url: str, sql: str, limits: SqlLimits) -> QueryResult:
    """Run `sql` as whoever `editor_url` logs in as, after checking that role is harmless."""
    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from factwatch.store.editor_role import editor_role_problem

    _require_reading_statement(sql)
    url = make_url(editor_url)
    if url.get_backend_name() != "postgresql" or url.get_driver_name() != "psycopg":
        raise Refused("refused: the editor database URL must be postgresql+psycopg://")
    engine = create_engine(
        url, poolclass=NullPool, connect_args={"connect_timeout": 10, "autocommit": False}
    )
    deadline = time.monotonic() + limits.timeout_s
    try:
        raw = engine.raw_connection()
    except Exception as exc:  # any connection failure: one line for the editor
        orig = getattr(exc, "orig", exc)
        raise Refused(
            f"refused: cannot connect as the editor role {url.username!r} "
            f"({one_line(str(orig))}); run `factwatch init` or set FACTWATCH_EDITOR_DATABASE_URL"
        ) from None
    try:
        conn: psycopg.Connection = raw.driver_connection  # type: ignore[assignment]
        conn.read_only = True
        with conn.cursor() as cur:
            problem = editor_role_problem(cur)
            if problem:
                raise Refused(f"refused: {problem}")
            _set_timeout(cur, deadline, limits)
            try:
                cur.execute(
                    f"DECLARE {_CURSOR} NO SCROLL CURSOR WITHOUT HOLD FOR {sql}", prepare=True
                )
                columns: list[str] = []

                def fetchmany(n: int) -> list[Any]:
                    _set_timeout(cur, deadline, limits)
                    cur.execute(f"FETCH FORWARD {int(n)} FROM {_CURSOR}")
                    columns[:] = [d.name for d in cur.description or ()]
                    return cur.fetchall()

                rows, truncated = _fetch_limited(fetchmany, limits.max_rows)
            except psycopg.Error as exc:
                raise _postgres_error(exc, limits) from None
    finally:
        try:
            raw.rollback()
        finally:
            raw.close()
            engine.dispose()
    return QueryResult(columns, rows, truncated)


def _set_timeout(cur, deadline: float, limits: SqlLimits) -> None:
    left_ms = int((deadline - time.monotonic()) * 1000)
    if left_ms <= 0:
        raise EditorSqlError(f"stopped: the query ran longer than {limits.timeout_s:g} s")
    cur.execute(f"SET LOCAL statement_timeout = {left_ms}")


def _postgres_error(exc, limits: SqlLimits) -> EditorSqlError:
    diag = getattr(exc, "diag", None)
    message = one_line((diag and diag.message_primary) or str(exc))
    state = getattr(exc, "sqlstate", None) or ""
    if "multiple commands" in message:
        return Refused("refused: several statements; give exactly one")
    if state == "57014":  # query_canceled: statement_timeout
        return EditorSqlError(f"stopped: the query ran longer than {limits.timeout_s:g} s")
    if state == "42501":  # insufficient_privilege
        return Refused(f"refused: {message} (the editor role may read the v_* views only)")
    if state == "25006":  # read_only_sql_transaction
        return Refused(f"refused: {message} (the database is read-only here)")
    if "DECLARE CURSOR" in message or "data-modifying" in message:
        return Refused(f"refused: {message} (only SELECT queries run here)")
    return EditorSqlError(f"query failed: {message}")


def run_readonly(
    database_url: str, editor_url: str | None, sql: str, limits: SqlLimits
) -> QueryResult:
    """Run an editor's query on the app's database (SQLite) or as the editor role (PostgreSQL)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return run_sqlite(sqlite_path(database_url), sql, limits)
    if url.get_backend_name() == "postgresql":
        return run_postgres(editor_url or database_url, sql, limits)
    raise Refused(f"refused: factwatch sql does not support {url.get_backend_name()} databases")
