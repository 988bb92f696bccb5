"""Candidate retrieval for story assignment (`StoryIndex`): the decision over the index's
candidates must be the decision over every story in the window, and the index must follow
story updates, evictions and other workers' writes."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from factwatch.ingest.params import StoryParams
from factwatch.ingest.stories import (
    ArticleSignals,
    StoryIndex,
    StoryState,
    assign_story,
    merge_into,
    new_story,
)

DIM = 24
T0 = datetime(2025, 1, 1, tzinfo=UTC)
WINDOW = timedelta(days=400)

# Names with cross-lingual prefix-stem variants, generic places, and many distinct actors.
NAMES = [f"actor{i:03d}" for i in range(60)] + [
    "lisboa",
    "lisbonne",
    "milan",
    "milanese",
    "portugal",
    "china",
    "hengchuan",
    "sines",
]
FIGURES = [
    "money:380000000000:CNY",
    "money:50000000000:EUR",
    "money:53000000000:USD",
    "money:1250000000:EUR",
    "money:1300000000:EUR",
    "count:4500:jobs",
    "count:4550:employees",
    "count:1200:stores",
    "percent:38.2",
    "percent:12.5",
]


def _vector(rng: np.random.Generator, topics: np.ndarray) -> np.ndarray:
    """Close to one of a few topic directions: cosines between stories spread over the
    whole range where names and figures decide (0.3-0.8)."""
    topic = topics[rng.integers(len(topics))]
    v = topic / np.linalg.norm(topic) + rng.normal(scale=0.4, size=DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _signals(rng: np.random.Generator, py: random.Random, topics, when) -> ArticleSignals:
    return ArticleSignals(
        embedding=_vector(rng, topics),
        entities=frozenset(py.sample(NAMES, py.randint(0, 3))),
        figures=frozenset(py.sample(FIGURES, py.randint(0, 2))),
        published=when,
        lang=py.choice(["en", "fr", "de", "zh"]),
        title="headline",
    )


def _full_decision(signals: ArticleSignals, states: dict[int, StoryState], params):
    """The reference: every story in the window, most recently seen first."""
    since = signals.published - WINDOW
    window = [s for s in states.values() if s.last_seen >= since]
    window.sort(key=lambda s: (-s.last_seen.timestamp(), s.story_id))
    return assign_story(signals, window, params), len(window)


def test_decisions_over_candidates_equal_decisions_over_the_whole_window() -> None:
    params = StoryParams()
    rng = np.random.default_rng(4)
    py = random.Random(4)
    topics = rng.normal(size=(6, DIM))
    states: dict[int, StoryState] = {}
    index = StoryIndex(params)
    joins_by_evidence = 0
    candidates_seen = window_seen = 0
    when = T0
    for step in range(900):
        when += timedelta(hours=py.uniform(0, 30))
        signals = _signals(rng, py, topics, when)
        expected, window_size = _full_decision(signals, states, params)
        cands, df = index.candidates(signals, when - WINDOW)
        got = assign_story(signals, cands, params, name_df=df)
        assert got.story_id == expected.story_id, step
        assert got.score == pytest.approx(expected.score, abs=1e-5)
        candidates_seen += len(cands)
        window_seen += window_size
        if got.story_id is not None and got.similarity < 0.575:
            joins_by_evidence += 1  # joined on shared names or figures, not cosine alone
        if got.story_id is None:
            state = replace(merge_into(None, signals, params), story_id=len(states) + 1)
        else:
            state = merge_into(states[got.story_id], signals, params)
        states[state.story_id] = state
        index.put(state)
    # The check is not vacuous: stories were joined through names and figures, stories
    # fell out of the window, and the index handed over far fewer stories than the window.
    assert joins_by_evidence >= 20
    assert any(s.last_seen < when - WINDOW for s in states.values())
    assert candidates_seen < 0.25 * window_seen


def _story(sid: int, vector: np.ndarray, names=(), figures=(), when=T0) -> StoryState:
    return new_story(
        ArticleSignals(vector, frozenset(names), frozenset(figures), when, "en", f"s{sid}"),
        story_id=sid,
    )


def _at_cosine(cos: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[0], v[1] = cos, math.sqrt(1 - cos**2)
    return v


def _axis(i: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[i] = 1.0
    return v


def test_a_figure_in_another_currency_finds_the_story_and_nothing_else_does() -> None:
    index = StoryIndex()
    index.put(_story(1, _axis(0), figures={"money:380000000000:CNY"}))
    index.put(_story(2, _axis(0)))
    index.put(_story(3, _axis(0), names={"hengchuan"}))
    day = datetime(2025, 2, 24, tzinfo=UTC)  # 380 bn CNY = 50.1 bn EUR at that day's rate
    probe = ArticleSignals(_at_cosine(0.40), figures=frozenset({"money:50000000000:EUR"}))
    cands, _ = index.candidates(replace(probe, published=day))
    assert [c.story_id for c in cands] == [1]
    # A name lowers the bar to 0.45 at most: at cosine 0.40 it cannot help, at 0.50 it can.
    named = ArticleSignals(_at_cosine(0.50), frozenset({"hengchuan new energy"}), published=day)
    assert [c.story_id for c in index.candidates(named)[0]] == [3]
    assert index.candidates(replace(named, embedding=_at_cosine(0.40)))[0] == []
    # Nothing shared: only a cosine above the no-evidence bar (0.575) makes a candidate.
    assert [c.story_id for c in index.candidates(ArticleSignals(_at_cosine(0.6)))[0]] == [
        1,
        2,
        3,
    ]


def test_name_counts_cover_the_window_not_just_the_candidates() -> None:
    index = StoryIndex()
    for sid in range(1, 6):
        index.put(_story(sid, _axis(sid + 2), names={"china"}))
    index.put(_story(6, _axis(0), names={"china", "sines"}, when=T0 - timedelta(days=500)))
    probe = ArticleSignals(_at_cosine(0.5), frozenset({"china"}), published=T0)
    cands, df = index.candidates(probe, T0 - WINDOW)
    assert cands == []  # none is close enough, but all five carry the name
    assert df == {"china": 5}


def test_put_refiles_a_story_and_evict_forgets_old_ones() -> None:
    index = StoryIndex()
    first = _story(1, _axis(0), names={"valmora"}, figures={"count:4500:jobs"})
    index.put(first, version="v1")
    probe = ArticleSignals(_at_cosine(0.5), frozenset({"valmora"}), published=T0)
    assert [c.story_id for c in index.candidates(probe)[0]] == [1]
    renamed = replace(first, entities=first.entities.copy() - first.entities)
    renamed.entities["genolis"] = 1
    index.put(renamed, version="v2")
    assert index.candidates(probe)[0] == []
    assert index.version(1) == "v2" and len(index) == 1
    for sid in range(2, 200):  # grows past its first allocation
        index.put(_story(sid, _axis(sid % DIM), when=T0 + timedelta(days=sid)))
    assert len(index) == 199
    assert index.evict_before(T0 + timedelta(days=100)) == 99
    assert 1 not in index and 150 in index
    near = index.candidates(ArticleSignals(_axis(3)))[0]
    assert near and all(c.story_id >= 100 for c in near)


def test_centroids_of_another_model_are_left_out() -> None:
    index = StoryIndex()
    index.put(_story(1, _axis(0)))
    index.put(new_story(ArticleSignals(np.ones(8, dtype=np.float32)), story_id=2))
    assert 2 not in index
    assert [c.story_id for c in index.candidates(ArticleSignals(_axis(0)))[0]] == [1]
    assert index.candidates(ArticleSignals(np.ones(8, dtype=np.float32))) == ([], {})
    with pytest.raises(ValueError, match="story_id"):
        index.put(new_story(ArticleSignals(_axis(0))))
