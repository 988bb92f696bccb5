"""`factwatch sql` on SQLite, through the real CLI and a real database file: every attack from
the audit is refused in one line on stderr with a non-zero exit, and nothing is written."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from tests.store.editor_db import EditorDb, sqlite_db


@pytest.fixture
def db(tmp_path):
    with sqlite_db(tmp_path) as database:
        yield database


def refused(result, *words: str) -> str:
    """The one stderr line of a refusal, which must name `words`."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]
    return lines[0]


def files(path) -> set[str]:
    return {p.name for p in path.iterdir()}


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_view_queries_work_in_every_format(db, fmt):
    result = db.run(
        "sql", "SELECT story_id, label, langs FROM v_stories ORDER BY story_id", "--format", fmt
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    if fmt == "json":
        assert json.loads(result.stdout)[0] == {
            "story_id": 1,
            "label": "Rotterdam terminal",
            "langs": "en,fr",
        }
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows == [
            ["story_id", "label", "langs"],
            ["1", "Rotterdam terminal", "en,fr"],
            ["2", "Battery plant", "pt"],
        ]
    else:
        assert "Rotterdam terminal" in result.stdout and "(2 rows)" in result.stdout


def test_attach_creates_no_file(db, tmp_path):
    target = tmp_path / "elsewhere" / "new.db"
    target.parent.mkdir()
    refused(db.run("sql", f"ATTACH DATABASE '{target}' AS x"), "refused", "ATTACH")
    assert not target.exists()


def test_vacuum_into_writes_no_file(db, tmp_path):
    target = tmp_path / "copy.db"
    refused(db.run("sql", f"VACUUM INTO '{target}'"), "refused", "VACUUM")
    assert not target.exists()


def test_load_extension_is_refused(db, tmp_path):
    refused(db.run("sql", f"SELECT load_extension('{tmp_path / 'evil.so'}')"), "load_extension")


@pytest.mark.parametrize(
    "pragma",
    [
        "PRAGMA query_only = 0",
        "PRAGMA writable_schema = 1",
        "PRAGMA user_version = 7",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA wal_checkpoint(TRUNCATE)",
    ],
)
def test_writing_pragmas_are_refused(db, pragma):
    refused(db.run("sql", pragma), "refused", "PRAGMA")
    assert db.admin("PRAGMA user_version") == [(0,)]
    assert db.admin("PRAGMA journal_mode") == [("wal",)]


def test_schema_reading_pragmas_still_work(db):
    result = db.run("sql", "PRAGMA table_info(stories)", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "label" in {c["name"] for c in json.loads(result.stdout)}
    result = db.run("sql", "SELECT name FROM pragma_table_info('v_stories')", "--format", "csv")
    assert result.exit_code == 0 and "langs" in result.stdout


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM stories",
        "UPDATE stories SET label = 'x'",
        "DROP VIEW v_stories",
        "CREATE TABLE t (x)",
        "SELECT 1; DELETE FROM stories",
        "SELECT ';'; DELETE FROM stories -- ;",
        "COMMIT",
    ],
)
def test_writes_and_stacked_statements_are_refused(db, query):
    refused(db.run("sql", query), "refused")
    assert db.admin("SELECT count(*) FROM stories") == [(2,)]
    assert db.admin("SELECT count(*) FROM sqlite_master WHERE name = 't'") == [(0,)]


def test_a_huge_recursive_query_stops_at_the_row_limit(db):
    result = db.run(
        "sql",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
        "--format",
        "csv",
        env={"FACTWATCH_SQL_MAX_ROWS": "2500"},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["i", *map(str, range(1, 2501))]
    assert result.stderr.strip() == "truncated at 2500 rows (--max-rows to change)"


def test_the_default_row_limit_is_ten_thousand(db):
    result = db.run(
        "sql",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 10000000)"
        " SELECT i FROM n",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.split()) == 10_001
    assert "truncated at 10000 rows" in result.stderr


def test_a_long_query_is_stopped_at_the_time_limit(db):
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    line = refused(db.run("sql", slow, "--timeout", "0.5"), "stopped", "0.5 s")
    assert line == "Error: stopped: the query ran longer than 0.5 s"
    refused(db.run("sql", slow, env={"FACTWATCH_SQL_TIMEOUT": "0.3"}), "0.3 s")


def test_a_mistyped_path_is_an_error_not_a_new_database(db, tmp_path):
    typo = tmp_path / "factwatch_typo.db"
    before = files(tmp_path)
    result = EditorDb(f"sqlite:///{typo}").run("sql", "SELECT count(*) FROM v_stories")
    refused(result, "cannot open", "factwatch_typo.db")
    assert files(tmp_path) == before
    assert not os.path.exists(typo)


def test_the_app_still_writes_after_an_editor_query(db):
    assert db.run("sql", "SELECT count(*) FROM v_stories").exit_code == 0
    result = db.run("feeds", "add", "https://example.org/feed.xml")
    assert result.exit_code == 0, result.output + result.stderr
    assert db.admin("SELECT count(*) FROM feeds") == [(1,)]
