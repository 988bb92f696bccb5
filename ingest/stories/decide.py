"""The join decision: which candidate story an article joins, or a new story, and why.

Candidates are examined most similar first; each gets a `StoryFeatures` record, is scored
(`score.score`: how far its cosine clears its bar) and the largest margin wins. The reasons
a decision gives are rendered from the record of the story joined or of the nearest miss.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from factwatch.ingest.params import DEFAULT, StoryParams
from factwatch.ingest.stories.dates import gap_days
from factwatch.ingest.stories.features import (
    StoryFeatures,
    article_evidence,
    explain,
    features_of,
    stranger_of,
)
from factwatch.ingest.stories.figures import currencies_of
from factwatch.ingest.stories.names import active_entities, name_tokens
from factwatch.ingest.stories.score import lowest_bar, merges, score, stranger_bar
from factwatch.ingest.stories.state import (
    ArticleSignals,
    StoryState,
    merge_into,
    merge_stories,
    new_story,
)


@dataclass(frozen=True)
class StoryDecision:
    """The outcome of `assign_story`: a candidate to join, or a new story (`index` None).

    `index` points into the candidates given, `story_id` is that candidate's id; `score` is
    how far the cosine cleared the candidate's bar; `features` is the record of the story
    joined, or of the nearest miss for a new story; `reasons` are rendered from it. `merge`
    holds the records of other candidates the article shows to be the same story
    (`score.merges`), in the order found: the caller merges them into the one joined.
    """

    index: int | None
    story_id: int | None
    score: float
    similarity: float
    reasons: tuple[str, ...] = ()
    features: StoryFeatures | None = None
    merge: tuple[StoryFeatures, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.index is None

    @property
    def shared_entities(self) -> tuple[str, ...]:
        return self.features.shared_names if self.features and not self.is_new else ()

    @property
    def shared_figures(self) -> tuple[str, ...]:
        return self.features.shared_figures if self.features and not self.is_new else ()


def _beats(margin: float, i: int, held: float, held_index: int) -> bool:
    """The larger margin wins; on a tie, the candidate listed first."""
    return margin > held or (margin == held and i < held_index)


def assign_story(
    article: ArticleSignals,
    candidates: Sequence[StoryState],
    params: StoryParams = DEFAULT.stories,
    name_df: Mapping[str, int] | None = None,
) -> StoryDecision:
    """Choose the story `article` belongs to among `candidates`, or a new one.

    High cosine alone joins, medium cosine with two names or a figure joins, low cosine
    never does (the bars: `score`). Among candidates that clear their bar, the largest
    margin wins. Cost: one matrix-vector product, set work for candidates above the floor.

    `name_df` gives, for the article's name tokens, how many stories carry each one when
    `candidates` is a pre-selection (`StoryIndex.candidates`) rather than every story in the
    window; without it the counts are taken over `candidates`.
    """
    p = params
    if not candidates:
        return StoryDecision(None, None, 0.0, 0.0, ("new story: no candidate stories",))
    vector = np.asarray(article.embedding, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    vector = vector / norm if norm > 0 else vector
    centroids = np.stack([np.asarray(c.centroid, dtype=np.float32).reshape(-1) for c in candidates])
    sims = centroids @ vector

    tokens = name_tokens(article.entities)
    df: Counter[str] = Counter()
    active: dict[int, frozenset[str]] = {}
    for i, story in enumerate(candidates):
        if name_df is None:
            names = active_entities(story, p)
            df.update(names & tokens)
        elif sims[i] >= p.low_similarity:
            names = active_entities(story, p)
        if sims[i] >= p.low_similarity:
            active[i] = names
    if name_df is not None:
        df.update({t: int(n) for t, n in name_df.items() if t in tokens})
    # where each article figure could be filed, in any currency a candidate story holds
    currencies = set().union(*(currencies_of(candidates[i].figures) for i in active))
    ev = article_evidence(article, df, currencies, p)

    best: StoryFeatures | None = None
    best_margin = -math.inf
    best_index = -1
    closest: tuple[float, int, StoryFeatures] | None = None  # the nearest miss

    # Most similar first: no bar is below `low_similarity` + the time raise, so once a
    # candidate has cleared its bar (or missed it narrowly) the rest of a crowded window
    # (templated news of other actors) cannot beat it and is not examined.
    for i in sorted(active, key=lambda k: (-float(sims[k]), k)):
        names = active[i]
        story, sim = candidates[i], float(sims[i])
        if best is not None and sim - p.low_similarity < best_margin:
            break  # nor can any less similar candidate
        gap = gap_days(article.published, story.first_seen, story.last_seen)
        ceiling = sim - lowest_bar(gap, p)
        if best is not None:
            if not _beats(ceiling, i, best_margin, best_index):
                continue
        elif ceiling < 0 and closest is not None and not _beats(ceiling, i, *closest[:2]):
            continue
        stranger = stranger_of(article, ev, story, names, p)
        if stranger is not None and sim < stranger_bar(gap, p):
            # No credit counts against another actor's story, so its bar is known without
            # looking at names and figures (most candidates of templated news end here).
            f = StoryFeatures(i, story.story_id, sim, gap, stranger=stranger, evidence=False)
        else:
            f = features_of(article, ev, i, story, names, sim, gap, stranger, p)
        margin = score(f, p)
        if margin < 0:
            if closest is None or _beats(margin, i, *closest[:2]):
                closest = (margin, i, f)
        elif _beats(margin, i, best_margin, best_index):
            best, best_margin, best_index = f, margin, i
    if best is not None:
        merge = _fragments(article, candidates, sims, active, best_index, df, currencies, p)
        reasons = explain(best, p, joined=True)
        for f in merge:
            shared = ", ".join(f.shared_names[:4]) or f"cosine {f.similarity:.2f}"
            reasons += (f"merges candidate {f.index} ({shared}): it clears that bar too",)
        return StoryDecision(
            index=best.index,
            story_id=best.story_id,
            score=best_margin,
            similarity=best.similarity,
            reasons=reasons,
            features=best,
            merge=merge,
        )
    top = int(np.argmax(sims))
    why = [f"new story: best cosine {float(sims[top]):.3f} (candidate {top})"]
    if closest is not None:
        why.append(f"nearest miss: candidate {closest[1]}, " + "; ".join(explain(closest[2], p)))
    return StoryDecision(
        None, None, 0.0, float(sims[top]), tuple(why), closest[2] if closest else None
    )


def _fragments(
    article: ArticleSignals,
    candidates: Sequence[StoryState],
    sims: np.ndarray,
    active: dict[int, frozenset[str]],
    joined: int,
    df: Counter[str],
    currencies: set[str],
    p: StoryParams,
) -> tuple[StoryFeatures, ...]:
    """Other candidates the article shows to be the story it joins (`score.merges`), at most
    `merge_limit`, most clearly first.

    Each is judged as if the stories already merged were one: their names are not counted
    as carried by another story, so a story's own fragments never discount its names. One of
    the two must be a fragment (at most `merge_max_articles`): two grown stories are never
    merged on one article's word, or templated news (a city, an analyst, "Pharma" shared by
    many companies' stories) merges story after story into one."""
    if not p.merge_limit:
        return ()
    tokens = name_tokens(article.entities)
    pool = {}
    joined_small = candidates[joined].n_articles <= p.merge_max_articles
    for i in active:
        if i == joined or not (joined_small or candidates[i].n_articles <= p.merge_max_articles):
            continue  # two grown stories are not merged on one article's word
        gap = gap_days(article.published, candidates[i].first_seen, candidates[i].last_seen)
        if float(sims[i]) >= lowest_bar(gap, p):
            pool[i] = gap
    found: list[StoryFeatures] = []
    merged = [joined]
    while pool and len(found) < p.merge_limit:
        counts = df.copy()
        for j in merged:
            counts.subtract(active[j] & tokens)
        ev = article_evidence(article, +counts, currencies, p)
        pick: tuple[float, StoryFeatures] | None = None
        for i, gap in pool.items():
            story, names, sim = candidates[i], active[i], float(sims[i])
            stranger = stranger_of(article, ev, story, names, p)
            if stranger is not None and sim < stranger_bar(gap, p):
                continue
            f = features_of(article, ev, i, story, names, sim, gap, stranger, p)
            margin = score(f, p)
            if merges(f, p) and (pick is None or margin > pick[0]):
                pick = (margin, f)
        if pick is None:
            break
        found.append(pick[1])
        merged.append(pick[1].index)
        del pool[pick[1].index]
    return tuple(found)


def cluster_articles(
    articles: Sequence[ArticleSignals],
    stories: Sequence[StoryState] = (),
    params: StoryParams = DEFAULT.stories,
) -> tuple[list[int], list[StoryState], list[StoryDecision]]:
    """Assign `articles` one by one in the given order (oldest first, as a feed is ingested).

    Returns each article's index into the returned story list, the stories (the given ones
    first, updated; a story merged into another is gone) and the decisions. New stories get
    `story_id` None unless the caller sets one; indices are what link articles to stories
    here. A merge keeps the older story (the smaller index).
    """
    states = list(stories)
    gone: set[int] = set()
    assignment: list[int] = []
    decisions: list[StoryDecision] = []
    for article in articles:
        live = [i for i in range(len(states)) if i not in gone]
        decision = assign_story(article, [states[i] for i in live], params)
        if decision.index is None:
            states.append(new_story(article, None, params))
            assignment.append(len(states) - 1)
        else:
            group = sorted([live[decision.index], *(live[f.index] for f in decision.merge)])
            keep = group[0]
            for other in group[1:]:
                states[keep] = merge_stories(states[keep], states[other], params)
                gone.add(other)
                assignment = [keep if s == other else s for s in assignment]
            states[keep] = merge_into(states[keep], article, params)
            assignment.append(keep)
        decisions.append(decision)
    renumber = {old: new for new, old in enumerate(i for i in range(len(states)) if i not in gone)}
    kept = [st for i, st in enumerate(states) if i not in gone]
    return [renumber[s] for s in assignment], kept, decisions
