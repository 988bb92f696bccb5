"""The SQLite side of editors' SQL, below the CLI: bounded fetching, an untouched file, and
the authorizer's refusals naming what was refused."""

from __future__ import annotations

import hashlib
import itertools

import pytest

from factwatch.store.readonly import (
    EditorSqlError,
    Refused,
    SqlLimits,
    _fetch_limited,
    run_readonly,
    run_sqlite,
)
from tests.store.editor_db import sqlite_db


@pytest.fixture
def db(tmp_path):
    with sqlite_db(tmp_path) as database:
        yield database


def path_of(db) -> str:
    return db.url.removeprefix("sqlite:///")


def test_fetching_never_asks_for_more_than_the_limit_plus_one():
    endless = ((i,) for i in itertools.count())
    asked = []

    def fetchmany(n):
        asked.append(n)
        return list(itertools.islice(endless, n))

    rows, truncated = _fetch_limited(fetchmany, 1234)
    assert len(rows) == 1234 and truncated
    assert sum(asked) == 1235 and max(asked) <= 500


def test_fewer_rows_than_the_limit_are_not_truncated():
    data = [[(1,), (2,)], []]
    rows, truncated = _fetch_limited(lambda n: data.pop(0), 10)
    assert rows == [(1,), (2,)] and not truncated


def test_a_query_returns_columns_and_rows(db):
    result = run_sqlite(
        path_of(db), "SELECT story_id, langs FROM v_stories ORDER BY 1", SqlLimits()
    )
    assert result.columns == ["story_id", "langs"]
    assert result.rows == [(1, "en,fr"), (2, "pt")]
    assert not result.truncated


def test_refused_queries_leave_the_file_byte_for_byte(db, tmp_path):
    db.admin("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256((tmp_path / "factwatch.db").read_bytes()).hexdigest()
    for query in (
        "DELETE FROM stories",
        "PRAGMA user_version = 9",
        f"VACUUM INTO '{tmp_path / 'x.db'}'",
        "REINDEX",
        "ANALYZE",
        "CREATE INDEX i ON stories(label)",
        "SAVEPOINT s",
        "SELECT writefile('x', 'y')",
    ):
        with pytest.raises(EditorSqlError) as info:
            run_sqlite(path_of(db), query, SqlLimits())
        assert str(info.value).startswith(("refused:", "query failed:")), query
        assert "\n" not in str(info.value)
    after = hashlib.sha256((tmp_path / "factwatch.db").read_bytes()).hexdigest()
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == ["factwatch.db"]


def test_an_in_memory_database_is_refused():
    with pytest.raises(Refused, match="file"):
        run_readonly("sqlite://", None, "SELECT 1", SqlLimits())


def test_an_empty_query_is_refused(db):
    with pytest.raises(Refused, match="empty"):
        run_sqlite(path_of(db), "  \n ", SqlLimits())
    with pytest.raises(Refused, match="no rows"):
        run_sqlite(path_of(db), "-- only a comment", SqlLimits())


def test_the_first_word_is_found_past_comments_quickly():
    import time

    from factwatch.store.readonly import _first_word

    assert _first_word("-- note\n/* a; b */ (WITH x AS (SELECT 1) SELECT * FROM x)") == "with"
    started = time.monotonic()
    for hostile in (" " * 20_000 + "1", "(" * 20_000, "/*" + "*" * 20_000, "--\n" * 10_000):
        assert _first_word(hostile) == ""
    assert time.monotonic() - started < 1
