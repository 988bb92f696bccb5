"""The PostgreSQL role editors' SQL runs as: SELECT on the ``v_*`` views, nothing else.

`factwatch init` creates it when the app's role may create roles, and otherwise prints the SQL
for an administrator. `role_problem` is asked before every editor query, so a role that is a
superuser, may write, may read the tables behind the views, or may reach the server's files
and programs (``pg_read_file``, ``COPY ... TO/FROM PROGRAM``) is refused, whoever set it up.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from factwatch.store import db as db_module

DEFAULT_EDITOR_ROLE = "factwatch_editor"

# Built-in roles that open the server's files and programs, or every table.
_DANGEROUS_ROLES = (
    "pg_read_server_files",
    "pg_write_server_files",
    "pg_execute_server_program",
    "pg_read_all_data",
    "pg_write_all_data",
)
# Functions that read or write the server's files, when granted one by one.
_DANGEROUS_FUNCTIONS = (
    "pg_read_file(text)",
    "pg_read_file(text,bigint,bigint)",
    "pg_read_binary_file(text)",
    "pg_ls_dir(text)",
    "pg_stat_file(text)",
    "lo_import(text)",
    "lo_export(oid,text)",
)
_SYSTEM_SCHEMA = (
    "n.nspname IN ('pg_catalog', 'information_schema') OR n.nspname ~ '^pg_(toast|temp)'"
)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first(cur, sql: str, role: str):
    cur.execute(sql, {"role": role})
    return cur.fetchone()


def role_problem(cur, role: str) -> str | None:
    """Why `role` must not run editors' queries, in one line; None when it is harmless.

    `cur` is a DB-API cursor with pyformat parameters (psycopg)."""
    row = _first(
        cur,
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication"
        " FROM pg_roles WHERE rolname = %(role)s",
        role,
    )
    if row is None:
        return f"role {role} does not exist (run `factwatch init`)"
    names = ("SUPERUSER", "CREATEROLE", "CREATEDB", "REPLICATION")
    attributes = [name for name, flag in zip(names, row, strict=True) if flag]
    if attributes:
        return (
            f"role {role} is {' and '.join(attributes)}; editors' SQL runs only as a role that "
            "can SELECT the v_* views and nothing else"
        )
    dangerous = ", ".join(f"'{r}'" for r in _DANGEROUS_ROLES)
    row = _first(
        cur,
        "SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_roles g"
        f" WHERE g.rolname IN ({dangerous}) AND pg_has_role(%(role)s, g.oid, 'MEMBER')",
        role,
    )
    if row and row[0]:
        return f"role {role} is a member of {row[0]} (server files, programs or every table)"
    row = _first(
        cur,
        "SELECT n.nspname || '.' || c.relname, p.priv FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) AS p(priv)"
        f" WHERE NOT ({_SYSTEM_SCHEMA}) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        " AND (pg_has_role(%(role)s, c.relowner, 'USAGE')"
        "      OR (p.priv IN ('INSERT', 'UPDATE')"
        "          AND has_any_column_privilege(%(role)s, c.oid, p.priv))"
        "      OR has_table_privilege(%(role)s, c.oid, p.priv))"
        " ORDER BY 1 LIMIT 1",
        role,
    )
    if row:
        return f"role {role} can write ({row[1]} on {row[0]}, or owns it); editors may only read"
    row = _first(
        cur,
        "SELECT n.nspname FROM pg_namespace n"
        f" WHERE NOT ({_SYSTEM_SCHEMA}) AND has_schema_privilege(%(role)s, n.oid, 'CREATE')"
        " ORDER BY 1 LIMIT 1",
        role,
    )
    if row:
        return f"role {role} can write (CREATE in schema {row[0]}); editors may only read"
    db_create = "SELECT has_database_privilege(%(role)s, current_database(), 'CREATE')"
    if _first(cur, db_create, role)[0]:
        return f"role {role} can write (CREATE on this database); editors may only read"
    row = _first(
        cur,
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm', 'f')"
        " AND has_any_column_privilege(%(role)s, c.oid, 'SELECT') ORDER BY 1 LIMIT 1",
        role,
    )
    if row:
        return f"role {role} can read the table {row[0]}; editors get the v_* views only"
    functions = ", ".join(f"'{f}'" for f in _DANGEROUS_FUNCTIONS)
    row = _first(
        cur,
        f"SELECT f FROM unnest(ARRAY[{functions}]) AS f"
        " WHERE to_regprocedure(f) IS NOT NULL"
        " AND has_function_privilege(%(role)s, to_regprocedure(f), 'EXECUTE') LIMIT 1",
        role,
    )
    if row:
        return f"role {role} may EXECUTE {row[0]} (the server's files)"
    return None


def editor_role_problem(cur) -> str | None:
    """`role_problem` for the role this connection runs as."""
    cur.execute("SELECT current_user")
    return role_problem(cur, cur.fetchone()[0])


@dataclass(frozen=True)
class EditorRoleSetup:
    role: str
    applied: bool  # the statements ran (else an administrator must run `statements`)
    statements: tuple[str, ...]
    views: tuple[str, ...]
    problem: str | None  # what is still wrong with the role after setup, if it exists


def editor_role_statements(
    role: str,
    database: str,
    schema: str,
    views: list[str],
    create: bool,
    public_has: frozenset[str] = frozenset(),
) -> list[str]:
    """The SQL that makes `role` an editors' role: log in, SELECT the views, nothing else.

    CONNECT and USAGE are granted only when PUBLIC lacks them (granting them needs the
    database's or the schema's owner, which the app's role may not be)."""
    r = quote_ident(role)
    out = []
    if create:
        out.append(
            f"CREATE ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
        )
    if "CONNECT" not in public_has:
        out.append(f"GRANT CONNECT ON DATABASE {quote_ident(database)} TO {r}")
    if "USAGE" not in public_has:
        out.append(f"GRANT USAGE ON SCHEMA {quote_ident(schema)} TO {r}")
    if views:
        names = ", ".join(f"{quote_ident(schema)}.{quote_ident(v)}" for v in views)
        out.append(f"GRANT SELECT ON {names} TO {r}")
    return out


def ensure_editor_role(engine: Engine, role: str) -> EditorRoleSetup:
    """Create the editors' role and grant it the views when this connection may; else say how."""
    with engine.connect() as conn:
        database, schema, can_create, exists, public = _facts(conn, role)
        views = _views(conn)
    statements = editor_role_statements(
        role, database, schema, views, create=not exists, public_has=public
    )
    applied = False
    if exists or can_create:
        applied = _apply(engine, statements)
        if not applied and not exists:
            # another `init` may have created the role meanwhile: grant to it
            with engine.connect() as conn:
                exists = _facts(conn, role)[3]
            if exists:
                statements = editor_role_statements(
                    role, database, schema, views, create=False, public_has=public
                )
                applied = _apply(engine, statements)
        exists = exists or applied
    problem = None
    if exists:
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur:
                problem = role_problem(cur, role)
        finally:
            raw.rollback()
            raw.close()
    return EditorRoleSetup(role, applied, tuple(statements), tuple(views), problem)


def _facts(conn, role: str) -> tuple[str, str, bool, bool, frozenset[str]]:
    """(database, schema, may this role create roles, does the editors' role exist, what
    PUBLIC already has: CONNECT on the database, USAGE on the schema)."""
    row = conn.exec_driver_sql(
        "SELECT current_database(), current_schema(),"
        " (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user),"
        " EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %(role)s),"
        " has_database_privilege('public', current_database(), 'CONNECT'),"
        " has_schema_privilege('public', current_schema(), 'USAGE')",
        {"role": role},
    ).one()
    public = frozenset(name for name, has in (("CONNECT", row[4]), ("USAGE", row[5])) if has)
    return row[0], row[1], bool(row[2]), bool(row[3]), public


def _views(conn) -> list[str]:
    return list(
        conn.exec_driver_sql(
            "SELECT viewname FROM pg_views WHERE schemaname = current_schema()"
            " AND viewname ~ '^v_' ORDER BY viewname"
        ).scalars()
    )


def _apply(engine: Engine, statements: list[str]) -> bool:
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    except Exception:  # not allowed here: an administrator runs the SQL
        return False
    return True


def setup_messages(setup: EditorRoleSetup) -> tuple[list[str], list[str]]:
    """What `factwatch init` says about the editors' role: (stdout lines, stderr lines)."""
    if setup.applied and not setup.problem:
        views = ", ".join(setup.views) or "no views yet"
        return [f"Editors' role {setup.role}: SELECT on {views}, nothing else"], []
    err = []
    if not setup.applied:
        err.append(
            f"The editors' role {setup.role} needs an administrator; run this SQL as one "
            "(`factwatch sql` refuses to run until then):"
        )
        err.extend(f"  {statement};" for statement in setup.statements)
    if setup.problem:
        err.append(f"warning: {setup.problem}")
    return [], err


def editor_url(database_url: str, editor_database_url: str | None, role: str) -> str:
    """Where editors' SQL connects: the editor URL when set; else, on PostgreSQL, the
    database URL logging in as the editors' role without the app's password (a `SET ROLE`
    inside the app's session is no sandbox: a query can undo it); SQLite: the database."""
    if editor_database_url:
        return db_module.database_url(editor_database_url)
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return database_url
    # URL.set() ignores None: _replace drops the app's password for real
    editor = url._replace(username=role, password=None)
    return editor.render_as_string(hide_password=False)
