"""A conflict gets a new version, and its followers an "(updated)" alert, only when what it
says changes: a value, an outlet or the verdict (issue 14's alert storms). Real CLI, real
database, the seed articles as a newsroom's folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factwatch.cli import main
from factwatch.store.chats import add_subscription
from factwatch.store.db import Database
from factwatch.store.models import AlertOutbox, Conflict

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BASE = "alibaba-50-milliards.txt"

pytestmark = pytest.mark.slow


def _folder(root: Path, name: str, files: dict[str, tuple[str, str, str]]) -> Path:
    """A folder of articles: file name -> (text, outlet, published day)."""
    folder = root / name
    folder.mkdir()
    entries = []
    for file, (text, outlet, day) in files.items():
        (folder / file).write_text(text, encoding="utf-8")
        entries.append({"file": file, "lang": "fr", "published": day, "outlet": outlet})
    (folder / "manifest.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")
    return folder


def _ingest(url: str, folder: Path) -> None:
    result = CliRunner().invoke(main, ["--db", url, "ingest", str(folder)])
    assert result.exit_code == 0, result.output


def _state(db: Database) -> tuple[dict[int, int], int]:
    with db.session() as s:
        versions = dict(s.execute(select(Conflict.id, Conflict.version)).all())
        alerts = int(s.scalar(select(func.count()).select_from(AlertOutbox)) or 0)
    return versions, alerts


def test_a_conflict_is_announced_again_only_when_what_it_says_changes(db_url, tmp_path):
    result = CliRunner().invoke(main, ["--db", db_url, "init"])
    assert result.exit_code == 0, result.output
    db = Database(db_url)
    try:
        add_subscription(
            db, 42, "all", story_id=None, topic=None, topic_embedding=None,
            same=lambda sub: sub.kind == "all", limit=20,
        )  # fmt: skip
        manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
        days = {a["file"]: a["published"] for a in manifest["articles"]}
        seeds = {
            f: ((SEEDS / f).read_text(encoding="utf-8"), f"Outlet {i}", days[f])
            for i, f in enumerate(sorted(days))
        }
        _ingest(db_url, _folder(tmp_path, "first", seeds))
        versions, alerts = _state(db)
        assert versions and alerts == len(versions), (versions, alerts)

        # The same outlet's report again, under another address: nothing new to say.
        text, outlet, day = seeds[BASE]
        _ingest(db_url, _folder(tmp_path, "again", {"copy.txt": (text, outlet, day)}))
        assert _state(db) == (versions, alerts)

        # Another outlet with another figure for the same plan: the conflict changed.
        changed = text.replace("50 milliards d'euros", "52 milliards d'euros")
        assert changed != text
        _ingest(db_url, _folder(tmp_path, "new", {"new.txt": (changed, "Outlet New", day)}))
        new_versions, new_alerts = _state(db)
        assert new_alerts > alerts
        assert any(new_versions[k] > v for k, v in versions.items() if k in new_versions)
    finally:
        db.dispose()
