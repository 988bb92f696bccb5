"""`factwatch sql` on PostgreSQL, through the real CLI against a real server: it runs as the
editors' role `factwatch init` created, and every attack from the audit is refused in one
line on stderr with a non-zero exit, leaving the database and the file system untouched."""

from __future__ import annotations

import csv
import io
import json
import time
import uuid

import pytest

from tests.cli.test_sql_sqlite import refused
from tests.conftest import PG_ADMIN_URL, _drop_pg_database, _new_pg_database, _pg_available
from tests.store.editor_db import (
    STORIES,
    EditorDb,
    drop_role,
    postgres_db,
    unique_role,
    user_url,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def db():
    if not _pg_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    with postgres_db() as database:
        yield database


def intact(db: EditorDb) -> None:
    assert db.admin("SELECT count(*) FROM stories") == [(2,)]
    assert db.admin("SELECT to_regclass('public.feeds') IS NOT NULL") == [(True,)]


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_view_queries_work_in_every_format(db, fmt):
    result = db.run(
        "sql", "SELECT story_id, label, langs FROM v_stories ORDER BY story_id", "--format", fmt
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    if fmt == "json":
        assert json.loads(result.stdout)[1] == {
            "story_id": 2,
            "label": "Battery plant",
            "langs": "pt",
        }
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0] == ["story_id", "label", "langs"] and len(rows) == 3
    else:
        assert "Battery plant" in result.stdout and "(2 rows)" in result.stdout


def test_it_runs_as_the_editors_role(db):
    result = db.run("sql", "SELECT current_user, session_user", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split()[1] == f"{db.role},{db.role}"


@pytest.mark.parametrize(
    "query",
    [
        # the audit's trick: one statement to a counter blind to dollar quotes, three to psycopg
        "SELECT $$'$$; COMMIT; DROP TABLE feeds; --'",
        "SELECT $tag$;$tag$; COMMIT; DROP TABLE feeds",
        # E'' strings: \' does not end the string
        "SELECT E'\\''; COMMIT; DROP TABLE feeds; --'",
        "SELECT 1; COMMIT; DROP TABLE feeds",
    ],
)
def test_stacked_statements_are_refused_by_the_server(db, query):
    refused(db.run("sql", query), "refused", "several statements")
    intact(db)


def test_quotes_with_semicolons_in_one_statement_still_work(db):
    result = db.run("sql", "SELECT $$a;b$$ AS d, E'c\\';d' AS e", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"d": "a;b", "e": "c';d"}]
    # nested comments are PostgreSQL's: the server, not a scanner of ours, reads them
    result = db.run("sql", "/* a /* b; */ c */ (SELECT 1 AS one)", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["one", "1"]


@pytest.mark.parametrize(
    "query, words",
    [
        ("COPY (SELECT 1) TO PROGRAM 'id > {out}'", ["refused", "COPY"]),
        ("COPY (SELECT 1) TO '{out}'", ["refused", "COPY"]),
        ("SELECT pg_read_file('/etc/hostname')", ["refused", "pg_read_file"]),
        ("SELECT pg_ls_dir('.')", ["refused", "pg_ls_dir"]),
        ("SELECT lo_export(1, '{out}')", ["refused", "lo_export"]),
        # SET ROLE is no sandbox for a superuser session; here the session user is the editor
        (
            "SELECT set_config('role', 'none', true),"
            " query_to_xml('SELECT pg_read_file(''/etc/hostname'')', true, false, '')",
            ["refused", "pg_read_file"],
        ),
        ("SELECT set_config('role', 'postgres', false)", ["refused", "role"]),
        ("SELECT * FROM subscriptions", ["refused", "subscriptions"]),
        ("DELETE FROM stories", ["refused", "DELETE"]),
        ("DELETE FROM v_stories", ["refused", "DELETE"]),
        ("WITH d AS (DELETE FROM stories RETURNING 1) SELECT * FROM d", ["refused"]),
        ("SELECT * FROM stories FOR UPDATE", ["refused"]),
        ("SELECT nextval('stories_id_seq')", ["refused"]),
    ],
)
def test_server_files_programs_tables_and_writes_are_refused(db, tmp_path, query, words):
    out = tmp_path / f"out-{uuid.uuid4().hex[:6]}"
    refused(db.run("sql", query.format(out=out)), *words)
    assert not out.exists()
    intact(db)


def test_pg_sleep_is_stopped_at_the_time_limit(db):
    started = time.monotonic()
    line = refused(db.run("sql", "SELECT pg_sleep(60)", "--timeout", "1"), "stopped")
    assert line == "Error: stopped: the query ran longer than 1 s"
    assert time.monotonic() - started < 15
    # the server cancelled it: nothing of ours is left running
    left = db.admin(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%'"
        " AND pid <> pg_backend_pid()"
    )
    assert left == [(0,)]


def test_resetting_the_timeout_inside_the_query_does_not_help(db):
    query = "SELECT set_config('statement_timeout', '0', false), pg_sleep(30)"
    refused(db.run("sql", query, env={"FACTWATCH_SQL_TIMEOUT": "1"}), "stopped", "1 s")


def test_a_cross_join_is_stopped_at_the_time_limit(db):
    query = "SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b"
    refused(db.run("sql", query, "--timeout", "1"), "stopped")


def test_an_endless_recursive_query_stops_at_the_row_limit(db):
    result = db.run(
        "sql",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["i", *map(str, range(1, 10_001))]
    assert result.stderr.strip() == "truncated at 10000 rows (--max-rows to change)"


def test_a_huge_generate_series_stops_at_the_row_limit(db):
    result = db.run(
        "sql",
        "SELECT * FROM generate_series(1, 5000000) AS i",
        "--format",
        "json",
        env={"FACTWATCH_SQL_MAX_ROWS": "1500"},
    )
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1500
    assert result.stderr.strip() == "truncated at 1500 rows (--max-rows to change)"


def test_a_superuser_editor_url_is_refused(db):
    admin = user_url(db.url, PG_ADMIN_URL.split("//")[1].split("@")[0])
    result = db.run("sql", "SELECT 1", env={"FACTWATCH_EDITOR_DATABASE_URL": admin})
    refused(result, "refused", "SUPERUSER")


@pytest.mark.parametrize(
    "grant, words",
    [
        ("GRANT INSERT ON stories TO {r}", ["can write", "INSERT", "stories"]),
        ("GRANT UPDATE (label) ON stories TO {r}", ["can write", "UPDATE", "stories"]),
        ("GRANT SELECT ON subscriptions TO {r}", ["can read the table subscriptions"]),
        ("GRANT pg_read_server_files TO {r}", ["pg_read_server_files"]),
        ("GRANT pg_execute_server_program TO {r}", ["pg_execute_server_program"]),
        ("ALTER ROLE {r} CREATEROLE", ["CREATEROLE"]),
        ("GRANT CREATE ON SCHEMA public TO {r}", ["can write", "CREATE", "public"]),
        ("GRANT EXECUTE ON FUNCTION pg_read_file(text) TO {r}", ["pg_read_file"]),
    ],
)
def test_a_role_that_can_do_more_than_read_the_views_is_refused(db, grant, words):
    role = unique_role("fw_wide")
    db.admin(f'CREATE ROLE "{role}" LOGIN')
    try:
        db.admin(f'GRANT SELECT ON v_stories TO "{role}"')
        db.admin(grant.format(r=f'"{role}"'))
        env = {"FACTWATCH_EDITOR_DATABASE_URL": user_url(db.url, role)}
        refused(db.run("sql", "SELECT count(*) FROM v_stories", env=env), "refused", *words)
    finally:
        db.admin(f'DROP OWNED BY "{role}"')
        drop_role(role)


def test_a_missing_editor_role_is_a_clear_refusal(db):
    result = db.run("sql", "SELECT 1", env={"FACTWATCH_EDITOR_ROLE": unique_role("fw_none")})
    refused(result, "refused", "cannot connect as the editor role", "factwatch init")


def test_init_without_createrole_prints_the_sql_and_sql_waits_for_it():
    """An app role that owns its database but may not create roles: `init` prints the SQL for
    an administrator; once it has run, the next `init` checks the role and `sql` works."""
    if not _pg_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    app, editor = unique_role("fw_app"), unique_role("fw_ed")
    name, admin_url = _new_pg_database()
    admin = EditorDb(admin_url)
    try:
        admin.admin(f'CREATE ROLE "{app}" LOGIN')
        admin.admin(f'ALTER DATABASE "{name}" OWNER TO "{app}"')
        db = EditorDb(user_url(admin_url, app), env={"FACTWATCH_EDITOR_ROLE": editor})
        result = db.run("init")
        assert result.exit_code == 0, result.output
        assert "Database ready" in result.stdout
        statements = [
            line.strip().rstrip(";") for line in result.stderr.splitlines() if line.startswith("  ")
        ]
        assert statements[0].startswith(f'CREATE ROLE "{editor}" LOGIN NOSUPERUSER')
        assert any("GRANT SELECT ON" in s and "v_stories" in s for s in statements)
        refused(db.run("sql", "SELECT 1"), "refused", "cannot connect as the editor role")
        for statement in statements:
            admin.admin(statement)
        result = db.run("init")
        assert result.exit_code == 0 and result.stderr == "", result.stderr
        assert f"Editors' role {editor}: SELECT on v_articles" in result.stdout
        admin.admin(STORIES)
        result = db.run("sql", "SELECT label FROM v_stories ORDER BY 1", "--format", "csv")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.split("\n")[1:3] == ["Battery plant", "Rotterdam terminal"]
    finally:
        _drop_pg_database(name)
        drop_role(editor)
        drop_role(app)


def test_init_is_idempotent_and_the_app_still_writes(db):
    result = db.run("init")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert db.run("sql", "SELECT count(*) FROM v_stories").exit_code == 0
    result = db.run("feeds", "add", "https://example.org/feed.xml")
    assert result.exit_code == 0, result.output + result.stderr
    assert db.admin("SELECT count(*) FROM feeds") == [(1,)]
