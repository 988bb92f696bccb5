"""Candidate retrieval: the stories an article could join, without scanning every story."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime
from typing import Any

import numpy as np

from factwatch.ingest.params import DEFAULT, StoryParams
from factwatch.ingest.stories.dates import day_of, timestamp
from factwatch.ingest.stories.figures import Bucket, buckets_near, figure_buckets
from factwatch.ingest.stories.names import active_entities, name_keys, name_tokens
from factwatch.ingest.stories.score import bar_floors
from factwatch.ingest.stories.state import ArticleSignals, StoryState

_EPS = 1e-4  # cosine slack between this matrix product and assign_story's (float32)


class StoryIndex:
    """The stories an article could join, found without scanning every stored story.

    Holds the states of the stories in the clustering window, a matrix of their centroids
    and inverted indexes of their name tokens and figures (by value bucket), and is kept up
    to date by its owner (`put` after each story update). `candidates` returns every story
    `assign_story` could let the article join: a story clears its bar only with a cosine
    above the lowest bar it can set, and that floor is high unless the story shares a name
    or a figure with the article, which the indexes find. With the name counts it also
    returns, the decision is the one over every story in the window, at a cost set by what
    the article shares rather than by the number of stories stored (one matrix-vector
    product over the window is the only part that grows, and it is a few milliseconds for
    ten thousand stories).
    """

    def __init__(self, params: StoryParams = DEFAULT.stories) -> None:
        self.params = params
        self._states: dict[int, StoryState] = {}
        self._versions: dict[int, Any] = {}
        self._row: dict[int, int] = {}
        self._ids: list[int | None] = []
        self._free: list[int] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._last = np.zeros(0, dtype=np.float64)
        self._names: dict[str, set[int]] = {}
        self._figures: dict[Bucket, set[int]] = {}
        self._currencies: Counter[str] = Counter()
        self._keys: dict[int, tuple[set[str], set[Bucket]]] = {}
        # each story's names (`active_entities`) and, per name, how many stories carry it:
        # kept up to date on put/remove, so the counts an article needs cost what its names
        # are, not the number of stories naming "china"
        self._active: dict[int, frozenset[str]] = {}
        self._df: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._states

    def get(self, story_id: int) -> StoryState | None:
        return self._states.get(story_id)

    def version(self, story_id: int) -> Any:
        """What the owner passed as `version` with the state (e.g. its updated_at)."""
        return self._versions.get(story_id)

    def put(self, state: StoryState, version: Any = None) -> None:
        """Add a story or replace its state (it must have a `story_id`)."""
        if state.story_id is None:
            raise ValueError("StoryIndex.put needs a stored story (story_id is None)")
        sid = state.story_id
        vector = np.asarray(state.centroid, dtype=np.float32).reshape(-1)
        if self._matrix.shape[1] == 0:
            self._matrix = np.zeros((64, vector.size), dtype=np.float32)
            self._last = np.full(64, -math.inf)
            self._ids = [None] * 64
            self._free = list(range(63, -1, -1))
        if vector.size != self._matrix.shape[1]:
            # A centroid from another embedding model: it cannot be compared, so it is
            # left out rather than failing the article.
            self.remove(sid)
            return
        self._unfile(sid)
        row = self._row.get(sid)
        if row is None:
            row = self._slot()
            self._row[sid] = row
            self._ids[row] = sid
        self._matrix[row] = vector
        self._last[row] = timestamp(state.last_seen)
        self._states[sid] = state
        self._versions[sid] = version
        names = name_keys(state.entities, self.params)
        figures = {b for key in state.figures for b in figure_buckets(key)}
        for key in names:
            self._names.setdefault(key, set()).add(sid)
        for bucket in figures:
            self._figures.setdefault(bucket, set()).add(sid)
            if bucket[0] == "money":
                self._currencies[bucket[1]] += 1
        self._keys[sid] = (names, figures)
        active = active_entities(state, self.params)
        self._active[sid] = active
        self._df.update(active)

    def remove(self, story_id: int) -> None:
        self._unfile(story_id)
        row = self._row.pop(story_id, None)
        if row is not None:
            self._ids[row] = None
            self._last[row] = -math.inf
            self._matrix[row] = 0.0
            self._free.append(row)
        self._states.pop(story_id, None)
        self._versions.pop(story_id, None)

    def evict_before(self, since: datetime | date) -> int:
        """Forget stories last seen before `since` (outside the window); returns how many."""
        cut = timestamp(since)
        old = [sid for sid, row in self._row.items() if self._last[row] < cut]
        for sid in old:
            self.remove(sid)
        return len(old)

    def candidates(
        self, article: ArticleSignals, since: datetime | date | None = None
    ) -> tuple[list[StoryState], Counter[str]]:
        """The stories last seen at or after `since` that `article` could join, most
        recently seen first, and for each of the article's name tokens the number of
        window stories naming it (`assign_story(..., name_df=...)`)."""
        if not self._states:
            return [], Counter()
        vector = np.asarray(article.embedding, dtype=np.float32).reshape(-1)
        if vector.size != self._matrix.shape[1]:
            return [], Counter()
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm > 0 else vector
        cut = timestamp(since) if since is not None else -math.inf
        sims = self._matrix @ vector
        window = self._last >= cut
        plain, named, figured = bar_floors(self.params)

        rows = set(np.flatnonzero(window & (sims >= plain - _EPS)).tolist())
        tokens = name_tokens(article.entities)
        keys = name_keys(tokens, self.params)
        postings = [self._names[key] for key in keys if key in self._names]
        near = np.flatnonzero(window & (sims >= named - _EPS))
        if sum(map(len, postings)) <= near.size:
            for ids in postings:
                for sid in ids:
                    row = self._row[sid]
                    if window[row] and sims[row] >= named - _EPS:
                        rows.add(row)
        else:  # a common name ("china"): check the few stories close enough instead
            for row in near.tolist():
                sid = self._ids[row]
                if row not in rows and sid is not None and not keys.isdisjoint(self._keys[sid][0]):
                    rows.add(row)
        for bucket in self._article_buckets(article):
            for sid in self._figures.get(bucket, ()):
                row = self._row[sid]
                if window[row] and sims[row] >= figured - _EPS:
                    rows.add(row)

        df = Counter({t: self._df[t] for t in tokens if t in self._df})
        if since is not None and df:
            # stories still indexed but last seen before the window do not count
            for row in np.flatnonzero(~window & np.isfinite(self._last)).tolist():
                sid = self._ids[row]
                if sid is not None:
                    df.subtract(self._active[sid] & df.keys())
            df = +df
        # most recently seen first (the row's stored time stamp is the state's last_seen)
        order = sorted(
            (-float(self._last[r]), sid, r) for r in rows if (sid := self._ids[r]) is not None
        )
        return [self._states[sid] for _, sid, _ in order], df

    # -------------------------------------------------------------- internals

    def _article_buckets(self, article: ArticleSignals) -> set[Bucket]:
        """Buckets holding every stored figure `figures_match` could pair with the
        article's (`buckets_near` over every indexed currency)."""
        day = day_of(article.published)
        out: set[Bucket] = set()
        for key in article.figures:
            out |= buckets_near(key, day, self._currencies, self.params)
        return out

    def _slot(self) -> int:
        if not self._free:
            size = self._matrix.shape[0]
            grow = max(64, size)
            self._matrix = np.vstack(
                [self._matrix, np.zeros((grow, self._matrix.shape[1]), dtype=np.float32)]
            )
            self._last = np.concatenate([self._last, np.full(grow, -math.inf)])
            self._ids.extend([None] * grow)
            self._free = list(range(size + grow - 1, size - 1, -1))
        return self._free.pop()

    def _unfile(self, story_id: int) -> None:
        names, figures = self._keys.pop(story_id, (set(), set()))
        active = self._active.pop(story_id, frozenset())
        self._df.subtract(active)
        for token in active:
            if self._df[token] <= 0:
                del self._df[token]
        for key in names:
            ids = self._names.get(key)
            if ids is not None:
                ids.discard(story_id)
                if not ids:
                    del self._names[key]
        for bucket in figures:
            ids = self._figures.get(bucket)
            if ids is not None:
                ids.discard(story_id)
                if not ids:
                    del self._figures[bucket]
            if bucket[0] == "money":
                self._currencies[bucket[1]] -= 1
                if self._currencies[bucket[1]] <= 0:
                    del self._currencies[bucket[1]]
