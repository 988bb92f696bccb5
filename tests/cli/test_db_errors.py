"""Database errors a user can act on, through the real command line: one line on stderr,
exit status 1, no traceback without -v, the password masked; a command that only reads never
creates a database at a mistyped SQLite path."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from factwatch.cli import main
from tests.conftest import PG_ADMIN_URL, _pg_available

FACTWATCH = str(Path(sys.executable).with_name("factwatch"))
PASSWORD = "Db-Pa55word-9c1e"


def factwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
    return subprocess.run(
        [FACTWATCH, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_a_refused_postgresql_server_is_one_line_with_the_password_masked(tmp_path):
    url = f"postgresql+psycopg://fw:{PASSWORD}@127.0.0.1:1/x"
    result = factwatch("--db", url, "stories", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: cannot connect to postgresql+psycopg://fw:***@127.0.0.1:1/x: connection "
        "refused — is the server running? (--db or FACTWATCH_DATABASE_URL)\n"
    )
    verbose = factwatch("-v", "--db", url, "stories", cwd=tmp_path)
    assert verbose.returncode == 1
    assert "Traceback (most recent call last)" in verbose.stderr
    assert "OperationalError" in verbose.stderr
    assert verbose.stderr.endswith(result.stderr)
    assert PASSWORD not in verbose.stderr + verbose.stdout


def test_a_missing_postgresql_database_says_so(tmp_path):
    if not _pg_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    name = f"fw_missing_{uuid.uuid4().hex[:8]}"
    url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    for command in ("stories", "init"):
        result = factwatch("--db", url, command, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            f'Error: cannot connect to {url}: database "{name}" does not exist — create it '
            f"(createdb {name}) or fix the URL (--db or FACTWATCH_DATABASE_URL)"
        ]


@pytest.mark.parametrize(
    "args",
    [["stories"], ["facts"], ["conflicts", "--alerts-only"], ["sql", "SELECT 1"]],
    ids=lambda a: a[0],
)
def test_a_read_command_on_a_mistyped_sqlite_path_creates_nothing(tmp_path, args):
    path = tmp_path / "factwach.db"
    result = CliRunner().invoke(main, ["--db", str(path), *args])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot open the database file {path}: it does not exist — check --db or "
        f"FACTWATCH_DATABASE_URL, or create it with `factwatch --db {path} init`\n"
    )
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_missing_file_error_as_a_process_and_the_default_database(tmp_path):
    result = factwatch("stories", cwd=tmp_path)  # the default: factwatch.db, here
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: cannot open the database file factwatch.db: it does not exist — check --db or "
        "FACTWATCH_DATABASE_URL, or create it with `factwatch --db factwatch.db init`"
    ]
    assert not (tmp_path / "factwatch.db").exists()


def test_init_and_ingest_create_the_database_and_reads_then_work(tmp_path):
    made = tmp_path / "made.db"
    assert factwatch("--db", str(made), "init", cwd=tmp_path).returncode == 0
    assert made.exists()
    listed = factwatch("--db", str(made), "stories", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "No stories yet" in listed.stdout
    ingested = tmp_path / "ingested.db"
    run = factwatch("--db", str(ingested), "ingest", str(tmp_path / "no-such-source"), cwd=tmp_path)
    assert f"Initialising sqlite:///{ingested}" in run.stderr
    assert ingested.exists()


def test_a_sqlite_path_in_a_missing_folder_names_the_folder(tmp_path):
    path = tmp_path / "nowhere" / "news.db"
    result = factwatch("--db", str(path), "init", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Error: cannot open the SQLite database {path}: the folder {path.parent} does not "
        "exist (--db or FACTWATCH_DATABASE_URL)"
    ]
