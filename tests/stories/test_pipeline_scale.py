"""What the pipeline keeps between articles and batches so its cost does not grow with the
database: the story index (in step with other workers' writes and with the window) and the
shingle fingerprints of recent articles (near-duplicates found with or without them). Real
embedding model, SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from factwatch.ingest.models import ArticleInput
from factwatch.ingest.pipeline import Pipeline
from factwatch.store.db import Database
from factwatch.store.models import Article, Story

DAY = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def _article(n: int, title: str, text: str, lang: str = "en", day: int = 0) -> ArticleInput:
    return ArticleInput(
        url=f"https://news{n}.example/{n}",
        title=title,
        text=f"{title}\n\n{text}",
        source="test",
        lang=lang,
        published=DAY.replace(day=DAY.day + day),
        outlet=f"news{n}.example",
    )


PLANT = (
    "Valmora Batteries to build 2.3 billion euro plant in Sines",
    "Valmora Batteries will invest 2.3 billion euros in a battery plant in Sines, Portugal, "
    "creating 1,800 jobs, the company said on Tuesday. Chief executive Ingrid Castell said "
    "production would start in 2027.",
)
PLANT_FR = (
    "Valmora Batteries investit 2,3 milliards d'euros à Sines",
    "Valmora Batteries va investir 2,3 milliards d'euros dans une usine de batteries à Sines, "
    "au Portugal, créant 1 800 emplois, a annoncé l'entreprise mardi. Ingrid Castell, "
    "directrice générale, prévoit un démarrage de la production en 2027.",
)
OTHER = (
    "Norvik Foods cuts 640 jobs in Bergen",
    "Norvik Foods will cut 640 jobs at its Bergen bakery as demand for packaged bread "
    "falls, the Norwegian group said. Unions called the decision a shock.",
)


def _stories(db: Database) -> dict[str, tuple[int | None, int]]:
    with db.session() as s:
        rows = s.execute(select(Article.url, Article.story_id)).all()
        sizes = dict(s.execute(select(Story.id, Story.n_articles)).all())
    return {url: (sid, sizes.get(sid, 0)) for url, sid in rows}


def test_a_story_another_worker_created_is_joined(db_url, embedder) -> None:
    db = Database(db_url)
    db.upgrade()
    worker_a = Pipeline(db, embedder)
    worker_b = Pipeline(db, embedder)
    # B has loaded its index (with one unrelated story) before A creates the plant story.
    worker_b.ingest([_article(1, *OTHER)])
    report = worker_a.ingest([_article(2, *PLANT)])
    assert report.new_stories == 1
    # A grows the story with a syndicated copy (no story update but its size and dates).
    copy = _article(3, *PLANT, day=1)
    report = worker_a.ingest([copy])
    assert report.duplicates == 1
    report = worker_b.ingest([_article(4, *PLANT_FR, lang="fr", day=2)])
    assert report.new_stories == 0
    by_url = _stories(db)
    plant_story, size = by_url["https://news2.example/2"]
    assert by_url["https://news4.example/4"][0] == plant_story
    assert by_url["https://news1.example/1"][0] != plant_story
    assert size == 3  # B merged into the story as A left it, not into its own old copy
    db.dispose()


def test_the_index_follows_the_window_across_batches(db_url, embedder) -> None:
    db = Database(db_url)
    db.upgrade()
    pipeline = Pipeline(db, embedder)
    pipeline.ingest([_article(1, *PLANT)])
    # A batch four years later: the first story is outside the window and forgotten...
    late = replace(_article(2, *OTHER), published=DAY.replace(year=2029))
    report = pipeline.ingest([late])
    assert report.new_stories == 1
    assert len(pipeline._stories) == 1
    # ...and a backfilled article from the first week finds it again.
    report = pipeline.ingest([_article(3, *PLANT_FR, lang="fr", day=1)])
    assert report.new_stories == 0
    by_url = _stories(db)
    assert by_url["https://news3.example/3"][0] == by_url["https://news1.example/1"][0]
    db.dispose()


WIRE = (
    "Valmora Batteries will invest 2.3 billion euros in a battery plant in Sines, Portugal, "
    "creating 1,800 jobs, the company said on Tuesday. Chief executive Ingrid Castell said "
    "production would start in 2027 and that the site would supply carmakers across Europe. "
    "The plant is the largest industrial investment in the region for a decade, officials said."
)


def _duplicates(db: Database) -> dict[str, str | None]:
    with db.session() as s:
        urls = dict(s.execute(select(Article.id, Article.url)).all())
        rows = s.execute(select(Article.url, Article.duplicate_of)).all()
    return {url: urls.get(dup) for url, dup in rows}


@pytest.mark.parametrize("fresh_worker", [False, True])
def test_copies_point_at_the_original(db_url, embedder, fresh_worker) -> None:
    db = Database(db_url)
    db.upgrade()
    pipeline = Pipeline(db, embedder)
    pipeline.ingest([_article(1, PLANT[0], WIRE)])
    if fresh_worker:  # no fingerprints in memory: they are rebuilt from the stored text
        pipeline = Pipeline(db, embedder)
    edited = WIRE.replace("the company said on Tuesday", "the group announced Tuesday")
    pipeline.ingest([_article(2, PLANT[0], edited + " (With agencies.)", day=1)])
    pipeline.ingest([_article(3, PLANT[0], edited + " (With agencies.)", day=2)])  # = copy 2
    pipeline.ingest([_article(4, *PLANT_FR, lang="fr", day=2)])  # same story, not a copy
    dups = _duplicates(db)
    original = "https://news1.example/1"
    assert dups == {
        original: None,
        "https://news2.example/2": original,
        "https://news3.example/3": original,
        "https://news4.example/4": None,
    }
    assert len({sid for sid, _ in _stories(db).values()}) == 1
    db.dispose()
