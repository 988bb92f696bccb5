"""Stories and their articles as the readers (CLI, bot, digest) list them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factwatch.store.db import Database
from factwatch.store.models import Article, Conflict, Fact, Story

__all__ = [
    "ArticleRow",
    "StoryDetail",
    "StoryRow",
    "StoryTopics",
    "all_stories",
    "get_story",
    "latest_stories",
    "recent_story_topics",
    "story_articles",
    "story_detail",
    "story_labels",
]


@dataclass(frozen=True)
class StoryRow:
    id: int
    label: str
    langs: str
    n_articles: int
    first_seen: datetime
    last_seen: datetime
    created_at: datetime | None = None
    entities: object = None
    centroid: bytes | None = None


@dataclass(frozen=True)
class StoryTopics:
    """What a topic is matched against: a story's label, names and centroid."""

    story_id: int
    label: str | None
    entities: object
    centroid: bytes | None


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    url: str
    outlet: str
    lang: str | None
    published_at: datetime | None
    ingested_at: datetime | None
    story_id: int | None
    duplicate_of: int | None


@dataclass(frozen=True)
class StoryDetail:
    """A story with its first articles and how many conflicts and shared facts it has."""

    story: StoryRow
    articles: tuple[ArticleRow, ...]
    conflicts: int
    facts: int


def story_row(story: Story) -> StoryRow:
    return StoryRow(
        id=story.id,
        label=story.label,
        langs=story.langs,
        n_articles=story.n_articles,
        first_seen=story.first_seen,
        last_seen=story.last_seen,
        created_at=story.created_at,
        entities=story.entities,
        centroid=story.centroid,
    )


def article_row(a: Article) -> ArticleRow:
    return ArticleRow(
        id=a.id,
        title=a.title,
        url=a.url,
        outlet=a.outlet,
        lang=a.lang,
        published_at=a.published_at,
        ingested_at=a.ingested_at,
        story_id=a.story_id,
        duplicate_of=a.duplicate_of,
    )


def get_story(db: Database, story_id: int) -> StoryRow | None:
    with db.session() as s:
        story = s.get(Story, story_id)
        return None if story is None else story_row(story)


def all_stories(db: Database) -> list[StoryRow]:
    """Every story, oldest first."""
    with db.session() as s:
        return [story_row(x) for x in s.scalars(select(Story).order_by(Story.first_seen, Story.id))]


def latest_stories(db: Database, limit: int) -> list[StoryRow]:
    """The stories seen most recently."""
    with db.session() as s:
        return [
            story_row(x)
            for x in s.scalars(select(Story).order_by(Story.last_seen.desc()).limit(limit))
        ]


def story_articles(db: Database, story_id: int) -> list[ArticleRow]:
    """A story's articles by publication date."""
    with db.session() as s:
        return [
            article_row(a)
            for a in s.scalars(
                select(Article).where(Article.story_id == story_id).order_by(Article.published_at)
            )
        ]


def story_detail(
    db: Database, story_id: int, silent: Collection[str], max_articles: int = 30
) -> StoryDetail | None:
    """The story, its first `max_articles` articles, its conflicts (verdicts not in `silent`)
    and its facts reported by two or more outlets."""
    with db.session() as s:
        story = s.get(Story, story_id)
        if story is None:
            return None
        arts = s.scalars(
            select(Article)
            .where(Article.story_id == story.id)
            .order_by(Article.published_at, Article.id)
            .limit(max_articles)
        ).all()
        n_conflicts = s.scalar(
            select(func.count())
            .select_from(Conflict)
            .where(Conflict.story_id == story.id, Conflict.verdict.not_in(list(silent)))
        )
        n_facts = s.scalar(
            select(func.count())
            .select_from(Fact)
            .where(Fact.story_id == story.id, Fact.n_sources >= 2)
        )
        return StoryDetail(
            story=story_row(story),
            articles=tuple(article_row(a) for a in arts),
            conflicts=n_conflicts or 0,
            facts=n_facts or 0,
        )


def recent_story_topics(db: Database, limit: int) -> list[StoryTopics]:
    """What topics are matched against, for the `limit` stories seen most recently."""
    with db.session() as s:
        rows = s.execute(
            select(Story.id, Story.label, Story.entities, Story.centroid)
            .order_by(Story.last_seen.desc())
            .limit(limit)
        ).all()
    return [StoryTopics(sid, label, entities, centroid) for sid, label, entities, centroid in rows]


def story_topics(session: Session, story_ids: Iterable[int]) -> dict[int, StoryTopics]:
    """What topics are matched against, for these stories (in the caller's session)."""
    out = {}
    for sid in sorted(set(story_ids)):
        story = session.get(Story, sid)
        if story is not None:
            out[sid] = StoryTopics(story.id, story.label, story.entities, story.centroid)
    return out


def story_labels(db: Database, story_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(story_ids))
    if not ids:
        return {}
    with db.session() as s:
        return dict(s.execute(select(Story.id, Story.label).where(Story.id.in_(ids))).all())
