"""A toll that rises over three days, as an editor meets it through the CLI: one fact whose
verdict is `updated`, listed with its timeline, and left out of what alerts.

Runs the real CLI against a real database (SQLite and PostgreSQL) with the real default
embedding model, on three short articles in three languages written for the case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factwatch.cli import main

pytestmark = pytest.mark.slow

ARTICLES = {
    "day1.txt": (
        "en", "2025-10-20", "Valley Courier",
        "Floods in Faenza kill 4\n\n"
        "Floods in the Italian town of Faenza have killed 4 people, the civil protection "
        "agency said on Monday. The toll rose as rescuers reached villages cut off by the "
        "Lamone river, which burst its banks on Sunday.",
    ),
    "day2.txt": (
        "fr", "2025-10-21", "Le Matin du Sud",
        "Inondations à Faenza : le bilan s'alourdit à 7 morts\n\n"
        "Le bilan des inondations à Faenza, en Italie, s'est alourdi à 7 morts mardi, selon "
        "la protection civile. Les secours ont atteint les villages isolés par la crue du "
        "Lamone, sorti de son lit dimanche.",
    ),
    "day3.txt": (
        "de", "2025-10-22", "Rheinische Post",
        "Hochwasser in Faenza: Zahl der Toten steigt auf 9\n\n"
        "Die Bilanz des Hochwassers im italienischen Faenza ist auf 9 Tote gestiegen, teilte "
        "der Zivilschutz am Mittwoch mit. Der Fluss Lamone war am Sonntag über die Ufer "
        "getreten.",
    ),
}


def invoke(db_url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def floods(tmp_path: Path) -> Path:
    folder = tmp_path / "floods"
    folder.mkdir()
    entries = []
    for name, (lang, day, outlet, text) in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        entries.append({"file": name, "lang": lang, "published": day, "outlet": outlet})
    (folder / "manifest.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")
    return folder


def test_a_rising_toll_is_listed_as_updated_and_never_alerted(db_url, floods):
    invoke(db_url, "init")
    assert "Added 3 articles" in invoke(db_url, "ingest", str(floods))
    rows = json.loads(
        invoke(db_url, "sql", "--format", "json", "SELECT verdict, summary FROM v_conflicts")
    )
    assert [r["verdict"] for r in rows] == ["updated"]
    # the timeline, in publication order, each figure with who reported it
    summary = rows[0]["summary"]
    assert (
        summary.index("Valley Courier, 20 Oct 2025")
        < summary.index("7 deaths (Le Matin du Sud, 21 Oct 2025)")
        < summary.index("9 deaths (Rheinische Post, 22 Oct 2025)")
    )
    listed = invoke(db_url, "conflicts")
    assert "↗ updated" in listed and "→ 7 deaths → 9 deaths" in listed
    assert invoke(db_url, "conflicts", "--alerts-only").strip() == "No conflicting figures found."
