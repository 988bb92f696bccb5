"""The PostgreSQL editors' role, below the CLI: what `ensure_editor_role` grants, that the role
itself (not our wrapper) is the boundary, and why SET ROLE is not used."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import create_engine

from factwatch.config import Settings
from factwatch.store.editor_role import editor_role_statements, ensure_editor_role, role_problem
from tests.conftest import PG_ADMIN_URL, _pg_available
from tests.store.editor_db import _conninfo, postgres_db, user_url

VIEWS = ("v_articles", "v_claims", "v_conflicts", "v_facts", "v_stories")


@pytest.fixture
def db():
    if not _pg_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    with postgres_db() as database:
        yield database


@pytest.fixture
def editor(db):
    with psycopg.connect(_conninfo(user_url(db.url, db.role))) as conn:
        yield conn


pytestmark = pytest.mark.postgres


def test_init_grants_the_views_and_nothing_else(db):
    engine = create_engine(db.url)
    try:
        setup = ensure_editor_role(engine, db.role)
        assert setup.applied and setup.problem is None
        assert setup.views == VIEWS
        assert ensure_editor_role(engine, db.role) == setup  # idempotent
    finally:
        engine.dispose()
    grants = db.admin(
        "SELECT table_name, privilege_type FROM information_schema.role_table_grants"
        f" WHERE grantee = '{db.role}' ORDER BY 1"
    )
    assert grants == [(v, "SELECT") for v in VIEWS]
    attributes = db.admin(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin"
        f" FROM pg_roles WHERE rolname = '{db.role}'"
    )
    assert attributes == [(False, False, False, False, False, True)]
    memberships = db.admin(
        "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
        f" WHERE r.rolname = '{db.role}'"
    )
    assert memberships == [(0,)]


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1) TO PROGRAM 'id'",
        "COPY (SELECT 1) TO '/tmp/factwatch-editor-copy'",
        "SELECT pg_read_file('/etc/hostname')",
        "SELECT * FROM stories",
        "DELETE FROM v_stories",
        "SET ROLE postgres",
        "SELECT set_config('session_authorization', 'postgres', false)",
    ],
)
def test_the_role_itself_is_the_boundary(editor, statement):
    """Even on a plain connection, without factwatch's read-only transaction or DECLARE."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        editor.execute(statement)


def test_the_role_reads_the_views(editor):
    assert editor.execute("SELECT count(*) FROM v_stories").fetchone() == (2,)


def test_set_role_is_no_sandbox_for_a_superuser_session(db):
    """Why the fallback logs in as the editors' role instead of the app's `SET ROLE`: one SELECT
    undoes it, because the session user (not the current role) decides."""
    with psycopg.connect(_conninfo(db.url)) as conn:
        conn.read_only = True
        conn.execute(f'SET LOCAL ROLE "{db.role}"')
        row = conn.execute(
            "SELECT current_user, set_config('role', 'none', true), "
            "query_to_xml('SELECT current_user AS u', true, false, '')::text"
        ).fetchone()
    assert row[0] == db.role
    assert f"<u>{db.role}</u>" not in row[2]


def test_role_problem_names_a_superuser(db):
    with psycopg.connect(_conninfo(db.url)) as conn, conn.cursor() as cur:
        cur.execute("SELECT current_user")
        me = cur.fetchone()[0]
        assert "SUPERUSER" in role_problem(cur, me)
        assert role_problem(cur, db.role) is None
        assert "does not exist" in role_problem(cur, "fw_nobody_at_all")


def test_statements_quote_odd_names():
    sql = editor_role_statements('ed"itor', "my db", "public", ["v_stories"], create=True)
    assert sql[0].startswith('CREATE ROLE "ed""itor" LOGIN')
    assert sql[1] == 'GRANT CONNECT ON DATABASE "my db" TO "ed""itor"'
    assert sql[-1] == 'GRANT SELECT ON "public"."v_stories" TO "ed""itor"'


def test_the_editor_url_setting():
    app = "postgresql+psycopg://app:secret@db.example:5433/news?sslmode=require"
    derived = Settings.from_env(env={"FACTWATCH_DATABASE_URL": app}).editor_url()
    assert derived == "postgresql+psycopg://factwatch_editor@db.example:5433/news?sslmode=require"
    env = {"FACTWATCH_DATABASE_URL": app, "FACTWATCH_EDITOR_ROLE": "ed"}
    assert Settings.from_env(env=env).editor_url().startswith("postgresql+psycopg://ed@")
    own = "postgresql+psycopg://reader:pw@db.example/news"
    env = {"FACTWATCH_DATABASE_URL": app, "FACTWATCH_EDITOR_DATABASE_URL": own}
    assert Settings.from_env(env=env).editor_url() == own
    assert (
        Settings.from_env(env={"FACTWATCH_DATABASE_URL": "x.db"}).editor_url() == "sqlite:///x.db"
    )
    assert PG_ADMIN_URL  # the admin URL the other tests use
