"""The demo, as a new user runs it: init, ingest seeds/, read stories and conflicts.

Runs the real CLI against a real database (SQLite and PostgreSQL) with the real default
embedding model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factwatch.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
pytestmark = pytest.mark.slow


def invoke(db_url: str, *args: str):
    result = CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def run(db_url: str, *args: str) -> str:
    return invoke(db_url, *args).output


def sql(db_url: str, query: str) -> list[dict]:
    return json.loads(invoke(db_url, "sql", "--format", "json", query).stdout)


@pytest.fixture
def seeded(db_url):
    run(db_url, "init")
    out = run(db_url, "ingest", str(SEEDS))
    assert "Added 4 articles" in out
    return db_url


def _articles_by_file(db_url):
    rows = sql(db_url, "SELECT article_id, url, story_id FROM v_articles")
    return {Path(r["url"]).name: r for r in rows}


def test_investment_articles_form_one_story_and_the_alumni_article_another(seeded):
    arts = _articles_by_file(seeded)
    plan = {arts[f]["story_id"] for f in (
        "alibaba-50-milliards.txt", "alibaba-agi-qwen3.txt", "apsara-2025-strategie.txt")}
    assert len(plan) == 1
    assert arts["alibaba-forge-ia.txt"]["story_id"] not in plan


def test_investment_plan_conflicts_are_currency_conversions_of_380_bn_yuan(seeded):
    claims = sql(seeded, "SELECT claim_id, text, value, unit, fact_id FROM v_claims")

    def fact_of(value, unit):
        facts = {c["fact_id"] for c in claims
                 if c["unit"] == unit and abs(c["value"] - value) < 1e-3 * value}
        assert facts, f"no claim of {value} {unit}"
        return facts

    plan = fact_of(380e9, "CNY")
    assert len(plan) == 1
    fact = plan.pop()
    for value, unit in ((50e9, "EUR"), (45e9, "EUR"), (52e9, "USD"), (53e9, "USD")):
        assert fact in fact_of(value, unit), f"{value} {unit} not in the plan's fact"
    for value, unit in ((350e9, "CNY"), (45.9e9, "EUR"), (280.15e9, "CNY"), (36.7e9, "EUR"),
                        (150e9, "CNY"), (19.7e9, "EUR")):
        assert fact not in fact_of(value, unit), f"{value} {unit} wrongly in the plan's fact"

    conflicts = sql(seeded, f"SELECT * FROM v_conflicts WHERE fact_id = {fact}")
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict["verdict"] == "currency_conversion"
    summary = conflict["summary"]
    assert "380 bn CNY" in summary
    for day in ("24 Feb 2025", "1 Sep 2025"):
        assert day in summary
    for figure in ("50 bn EUR", "45 bn EUR", "52 bn USD", "53 bn USD"):
        assert figure in summary

    listing = run(seeded, "conflicts")
    assert "currency_conversion" in listing and "380 bn CNY" in listing


def test_ingesting_the_same_folder_again_adds_nothing(seeded):
    before = sql(seeded, "SELECT count(*) AS n FROM v_claims")[0]["n"]
    out = run(seeded, "ingest", str(SEEDS))
    assert "Added 0 articles" in out
    assert sql(seeded, "SELECT count(*) AS n FROM v_articles")[0]["n"] == 4
    assert sql(seeded, "SELECT count(*) AS n FROM v_claims")[0]["n"] == before


def test_sql_refuses_writes_with_a_clear_message(seeded):
    result = CliRunner().invoke(main, ["--db", seeded, "sql", "DELETE FROM articles"])
    assert result.exit_code != 0
    assert "read-only" in result.output
    assert sql(seeded, "SELECT count(*) AS n FROM v_articles")[0]["n"] == 4
