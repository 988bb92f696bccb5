"""An article that clears two stories shows them to be one: the merge pass (issue 15, story
continuity). Pure decisions on controlled vectors, then the pipeline on a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import select

from factwatch.ingest.models import ArticleInput
from factwatch.ingest.params import Params, StoryParams
from factwatch.ingest.pipeline import Pipeline
from factwatch.ingest.stories import (
    ArticleSignals,
    assign_story,
    cluster_articles,
    merge_into,
    merge_stories,
    new_story,
)
from factwatch.store.db import Database
from factwatch.store.models import Article, Chat, Conflict, Story, Subscription

DIM = 8
# The pass is off by default (StoryParams.merge_limit 0: templated streams); these cases turn
# it on as a params file would.
MERGING = replace(StoryParams(), merge_limit=2)
T0 = datetime(2025, 2, 3, 9, 0, tzinfo=UTC)
NAMES = frozenset({"norvik foods", "taldera"})


def unit(i: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[i] = 1.0
    return v


def between(cos_a: float, cos_b: float) -> np.ndarray:
    """A unit vector at cosine `cos_a` from unit(0) and `cos_b` from unit(2)."""
    rest = np.sqrt(1 - cos_a**2 - cos_b**2)
    return (cos_a * unit(0) + cos_b * unit(2) + rest * unit(1)).astype(np.float32)


def signals(vector, names=NAMES, figures=(), day=0, title="Norvik Foods and Taldera"):
    return ArticleSignals(
        embedding=vector,
        entities=frozenset(names),
        figures=frozenset(figures),
        published=T0 + timedelta(days=day),
        lang="en",
        title=title,
    )


def test_an_article_that_clears_two_stories_merges_them() -> None:
    """Two fragments of one story (their leads embed apart) name the same actors; an article
    between them clears both bars and names both, so the one it does not join is merged."""
    a = new_story(signals(unit(0)), story_id=1)
    b = new_story(signals(unit(2), day=1), story_id=2)
    decision = assign_story(signals(between(0.62, 0.60), day=2), [a, b], MERGING)
    assert decision.story_id == 1
    assert [f.story_id for f in decision.merge] == [2]
    assert any("merges candidate 1" in r for r in decision.reasons)


def test_a_story_shared_by_figure_alone_is_not_merged() -> None:
    """Counts and amounts recur across stories: a second story the article matches only by a
    figure is not merged, whatever its bar says; at the high cosine it is."""
    figure = "money:1300000000:EUR"
    a = new_story(signals(unit(0), figures={figure}), story_id=1)
    b = new_story(signals(unit(2), names=(), figures={figure}, day=1), story_id=2)
    near = signals(between(0.75, 0.60), figures={figure}, day=2)
    decision = assign_story(near, [a, b], MERGING)
    assert decision.story_id == 1 and decision.merge == ()
    close = signals(between(0.71, 0.70), figures={figure}, day=2)
    assert [f.story_id for f in assign_story(close, [a, b], MERGING).merge] == [2]


def test_two_grown_stories_are_not_merged_on_one_article() -> None:
    """A fragment is small. Two stories of several articles each that an article happens to
    clear both (templated news: a city, an analyst, 'Pharma' shared by two companies'
    stories) stay apart; the same article still merges a fragment into a grown story."""
    a = new_story(signals(unit(0)), story_id=1)
    b = new_story(signals(unit(2), day=1), story_id=2)
    for day in range(2, 6):
        a = merge_into(a, signals(unit(0), day=day))
        b = merge_into(b, signals(unit(2), day=day))
    between_them = signals(between(0.62, 0.60), day=7)
    assert (a.n_articles, b.n_articles) == (5, 5)
    assert assign_story(between_them, [a, b], MERGING).merge == ()
    fragment = new_story(signals(unit(2), day=6), story_id=3)
    assert [f.story_id for f in assign_story(between_them, [a, fragment], MERGING).merge] == [3]


def test_merge_limit_zero_keeps_every_story_apart() -> None:
    a = new_story(signals(unit(0)), story_id=1)
    b = new_story(signals(unit(2), day=1), story_id=2)
    assert StoryParams().merge_limit == 0  # the default
    assert assign_story(signals(between(0.62, 0.60), day=2), [a, b]).merge == ()


def test_clustering_merges_the_fragments_into_the_older_story() -> None:
    """Three articles of one story, the second not similar enough to the first: two stories
    until the third clears both, then one story of three, the first one's."""
    articles = [
        signals(unit(0), title="Norvik Foods to buy Taldera"),
        signals(unit(2), day=1, title="Taldera board backs Norvik Foods offer"),
        signals(between(0.62, 0.60), day=2),
    ]
    assignment, states, decisions = cluster_articles(articles, params=MERGING)
    assert assignment == [0, 0, 0]
    assert len(states) == 1 and states[0].n_articles == 3
    assert states[0].label == "Norvik Foods to buy Taldera"
    assert decisions[1].is_new and len(decisions[2].merge) == 1
    apart, kept, _ = cluster_articles(articles)
    assert len(set(apart[:2])) == 2 and len(kept) == 2


def test_merged_state_is_the_state_of_all_members_at_once() -> None:
    """Merging two stories gives the centroid, names and span one story of all their
    articles would have had: the merge loses nothing."""
    xs = [signals(unit(0)), signals(between(0.5, 0.5), day=3), signals(unit(2), day=9)]
    one = merge_into(merge_into(new_story(xs[0]), xs[1]), xs[2])
    two = merge_stories(merge_into(new_story(xs[0]), xs[1]), new_story(xs[2]))
    assert np.allclose(one.centroid, two.centroid, atol=1e-6)
    assert one.mean_norm == pytest.approx(two.mean_norm)
    assert (one.n_articles, one.entities, one.first_seen, one.last_seen) == (
        two.n_articles,
        two.entities,
        two.first_seen,
        two.last_seen,
    )


class _Keyed:
    """Embeds by marker words: 'alpha' and 'beta' leads point two ways, a lead with both sits
    between them; every other text (a figure's clause) embeds alike."""

    name = "keyed"
    dimension = DIM

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        out = []
        for text in texts:
            low = text.lower()
            if "alpha" in low and "beta" in low:
                out.append(between(0.62, 0.60))
            elif "alpha" in low:
                out.append(unit(0))
            elif "beta" in low:
                out.append(unit(2))
            else:
                out.append(unit(5))
        return np.stack(out)


_ANGLES = (
    "Shareholders of both groups meet in March; unions asked about the plants in Lyon.",
    "Analysts at three banks called the price high for a group with falling milk volumes.",
    "The deal still needs the approval of competition authorities in Brussels and Bern.",
    "Farmers supplying Taldera were told their contracts run until the end of next year.",
    "Norvik Foods expects savings from joint purchasing and a shared logistics network.",
)


def _article(n: int, day: int, marker: str, amount: str) -> ArticleInput:
    title = f"Norvik Foods to buy Taldera ({marker})"
    angle = _ANGLES[n % len(_ANGLES)]  # each outlet words it its own way: no syndicated copy
    body = f"Norvik Foods will pay {amount} euros for the dairy group Taldera. {angle}"
    return ArticleInput(
        url=f"https://news{n}.example/{n}",
        title=title,
        text=f"{title}\n\n{body}",
        source="test",
        lang="en",
        published=T0 + timedelta(days=day),
        outlet=f"news{n}.example",
    )


def test_the_pipeline_merges_stories_keeping_conflicts_and_followers(db_url) -> None:
    """In the database: the newer fragment's articles, its conflict (same id) and a chat that
    followed it move to the older story, and the newer story is gone."""
    db = Database(db_url)
    db.upgrade()
    pipeline = Pipeline(db, _Keyed(), params=Params(stories=MERGING))
    pipeline.ingest([_article(1, 0, "alpha", "1.2 billion")])
    pipeline.ingest([_article(2, 1, "beta", "1.5 billion"), _article(3, 1, "beta", "1.4 billion")])
    with db.session() as s:
        older, newer = sorted(s.scalars(select(Story.id)))
        conflict_id = s.scalars(select(Conflict.id).where(Conflict.story_id == newer)).one()
        s.add(Chat(id=7, paused=False, created_at=T0, updated_at=T0))
        s.flush()
        s.add(Subscription(chat_id=7, kind="story", story_id=newer, created_at=T0))
    report = pipeline.ingest([_article(4, 2, "alpha beta", "1.2 billion")])
    assert report.merged_stories == 1
    with db.session() as s:
        assert list(s.scalars(select(Story.id))) == [older]
        assert set(s.scalars(select(Article.story_id))) == {older}
        assert s.scalars(select(Story.n_articles)).one() == 4
        moved = s.get(Conflict, conflict_id)
        assert moved is not None and moved.story_id == older
        assert s.scalars(select(Subscription.story_id)).one() == older
    db.dispose()


def test_no_merge_when_disabled_in_the_pipeline(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'apart.db'}")
    db.upgrade()
    pipeline = Pipeline(db, _Keyed())  # the default: no merges
    pipeline.ingest([_article(1, 0, "alpha", "1.2 billion"), _article(2, 1, "beta", "1.5 bn")])
    report = pipeline.ingest([_article(3, 2, "alpha beta", "1.2 billion")])
    assert report.merged_stories == 0
    with db.session() as s:
        assert len(list(s.scalars(select(Story.id)))) == 2
    db.dispose()
