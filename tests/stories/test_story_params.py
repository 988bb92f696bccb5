"""Guards of story parameters no other test pins: each one moved changes what is asserted,
and each can be passed in (`StoryParams`, `Params.stories`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import select

from factwatch.ingest.models import ArticleInput
from factwatch.ingest.params import DEFAULT, Params, StoryParams
from factwatch.ingest.pipeline import Pipeline
from factwatch.ingest.stories import ArticleSignals, assign_story, merge_into, new_story
from factwatch.store.db import Database
from factwatch.store.models import Article

DIM = 8
T0 = datetime(2025, 2, 3, 9, 0, tzinfo=UTC)


def _unit(i: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[i] = 1.0
    return v


def _at_cosine(cos: float) -> np.ndarray:
    return (cos * _unit(0) + np.sqrt(1 - cos**2) * _unit(1)).astype(np.float32)


def test_three_names_and_figures_together_void_a_headline_stranger() -> None:
    # "Kestkagen" in the headline, never named by the story; the body shares one of its
    # names and two distinctive figures: three together show it is the story.
    figures = frozenset({"count:4100:customers", "money:2540000000:EUR"})
    story = new_story(
        ArticleSignals(_unit(0), frozenset({"brinanex", "nashville"}), figures, T0, "en", "t"),
        story_id=1,
    )
    both = ArticleSignals(
        _at_cosine(0.5),
        frozenset({"kestkagen", "brinanex"}),
        figures,
        T0,
        "en",
        title="Kestkagen under fire",
    )
    assert assign_story(both, [story]).story_id == 1
    one = replace(both, figures=frozenset({"count:4100:customers"}))
    assert assign_story(one, [story]).is_new
    two = replace(DEFAULT.stories, corroborating_evidence=2.0)
    assert assign_story(one, [story], two).story_id == 1


def test_a_name_one_member_in_six_mentions_is_not_the_story_name() -> None:
    # a name one member in six mentions is an aside (below entity_support 0.2), one in
    # five is the story's: it decides whether two shared names carry a medium cosine
    members = [frozenset({"valmora", "sines"})] + [frozenset({"valmora"})] * 5
    state = None
    for names in members:
        state = merge_into(state, ArticleSignals(_unit(0), names, published=T0, lang="en"))
    state = replace(state, story_id=1)
    probe = ArticleSignals(_at_cosine(0.5), frozenset({"valmora", "sines"}), published=T0)
    assert assign_story(probe, [state]).is_new
    looser = StoryParams(entity_support=1 / 6)
    assert assign_story(probe, [state], looser).story_id == 1


def test_story_state_keeps_at_most_the_capped_names_and_figures() -> None:
    p = StoryParams(max_entities=3, max_figures=2)
    names = frozenset({"alpha", "bravo", "charlie", "delta"})
    figures = frozenset({"count:4100:jobs", "count:4200:jobs", "count:4300:jobs"})
    state = new_story(ArticleSignals(_unit(0), names, figures, T0, "en"), params=p)
    assert len(state.entities) == 3 and len(state.figures) == 2
    state = merge_into(state, ArticleSignals(_unit(0), frozenset({"echo"}), published=T0), p)
    assert len(state.entities) == 3
    default = new_story(ArticleSignals(_unit(0), names, figures, T0, "en"))
    assert len(default.entities) == 4 and len(default.figures) == 3
    assert DEFAULT.stories.max_entities == 200 and DEFAULT.stories.max_figures == 300


class _SameVector:
    """Every text embeds alike: any story in the window is a cosine-1 match."""

    name = "same-vector"
    dimension = DIM

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        return np.tile(_unit(0), (len(list(texts)), 1))


def _article(n: int, day: int) -> ArticleInput:
    title = f"Headline number {n} about something"
    text = f"{title}\n\nBody {n}: " + f"words of article {n} " * 30
    return ArticleInput(
        url=f"https://news{n}.example/{n}",
        title=title,
        text=text,
        source="test",
        lang="en",
        published=T0 + timedelta(days=day),
        outlet=f"news{n}.example",
    )


def test_the_pipeline_window_is_the_parameter(tmp_path) -> None:
    """An article 500 days after a story joins it with the default window (three years: a
    story its figures carry on is found long after `max_gap_days`), and starts a new story
    when the window passed in is 10 days."""
    results = []
    for name, params in (
        ("wide", DEFAULT),
        ("narrow", Params(stories=StoryParams(window_days=10))),
    ):
        db = Database(f"sqlite:///{tmp_path / name}.db")
        db.upgrade()
        pipeline = Pipeline(db, _SameVector(), params=params)
        pipeline.ingest([_article(1, 0)])
        pipeline.ingest([_article(2, 500)])
        with db.session() as s:
            results.append(len(set(s.scalars(select(Article.story_id)))))
        db.dispose()
    assert DEFAULT.stories.window_days == 1100
    assert results == [1, 2]
