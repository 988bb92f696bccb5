"""The schema comes from Alembic, and the models agree with it."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from factwatch.store.db import Database, current_revision
from factwatch.store.models import Base

MIGRATIONS = Path(__file__).resolve().parents[2] / "alembic" / "versions"

VIEW_COLUMNS = {
    "v_articles": [
        "article_id",
        "url",
        "title",
        "outlet",
        "lang",
        "published_at",
        "story_id",
        "duplicate_of",
    ],
    "v_stories": ["story_id", "label", "first_seen", "last_seen", "n_articles", "langs"],
    "v_claims": [
        "claim_id",
        "article_id",
        "url",
        "kind",
        "text",
        "value",
        "unit",
        "date_value",
        "qualifier",
        "fact_id",
    ],
    "v_facts": [
        "fact_id",
        "story_id",
        "kind",
        "label",
        "value",
        "unit",
        "n_claims",
        "n_sources",
        "status",
    ],
    "v_conflicts": [
        "conflict_id",
        "fact_id",
        "story_id",
        "kind",
        "verdict",
        "summary",
        "claim_ids",
        "detected_at",
    ],
}


def test_models_match_migrations(db_url):
    db = Database(db_url)
    db.upgrade()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    assert current_revision(db.engine) is not None
    db.dispose()


def test_views_have_contract_columns(db_url):
    db = Database(db_url)
    db.upgrade()
    insp = inspect(db.engine)
    views = set(insp.get_view_names())
    for view, columns in VIEW_COLUMNS.items():
        assert view in views
        got = [c["name"] for c in insp.get_columns(view)]
        assert got[: len(columns)] == columns, view
    db.dispose()


def test_upgrade_twice_is_harmless(db_url):
    db = Database(db_url)
    db.upgrade()
    db.upgrade()
    newest = max(p.name.split("_", 1)[0] for p in MIGRATIONS.glob("[0-9]*_*.py"))
    assert current_revision(db.engine) == newest
    db.dispose()
