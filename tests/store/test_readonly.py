"""`factwatch sql` runs read-only: writes and stacked statements are refused by the database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from factwatch.store.db import Database
from factwatch.store.readonly import ReadOnlyViolation, _statement_count, run_readonly


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    database.upgrade()
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO feeds (url, interval_seconds, allow_private, active, error_count,"
                " created_at) VALUES ('http://example.org/feed', 900, false, true, 0,"
                " CURRENT_TIMESTAMP)"
            )
        )
    yield database
    database.dispose()


def test_select_returns_rows(db):
    result = run_readonly(db.engine, "SELECT url, interval_seconds FROM feeds")
    assert result.columns == ["url", "interval_seconds"]
    assert result.rows == [("http://example.org/feed", 900)]


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM feeds",
        "UPDATE feeds SET url = 'x'",
        "INSERT INTO ingest_problems (source, level, message, at)"
        " VALUES ('a', 'b', 'c', CURRENT_TIMESTAMP)",
        "DROP TABLE feeds",
        "SELECT 1; DELETE FROM feeds",
    ],
)
def test_writes_are_refused_and_change_nothing(db, query):
    with pytest.raises(ReadOnlyViolation):
        run_readonly(db.engine, query)
    assert run_readonly(db.engine, "SELECT count(*) FROM feeds").rows == [(1,)]
    # the connection pool is not left read-only for the pipeline's own writes
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE feeds SET title = 'still writable'"))


def test_bad_sql_reports_the_database_error(db):
    with pytest.raises(SQLAlchemyError):
        run_readonly(db.engine, "SELECT no_such_column FROM feeds")


def test_statement_count_ignores_semicolons_in_strings_and_comments():
    assert _statement_count("SELECT ';' AS x -- ; \n") == 1
    assert _statement_count("SELECT 1;") == 1
    assert _statement_count("SELECT 1; SELECT 2") == 2
    assert _statement_count("/* ; */ SELECT 1") == 1
    assert _statement_count("  ") == 0
