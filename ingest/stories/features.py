"""Every quantity the join decision uses about one candidate story, in one record.

`StoryFeatures` is computed per candidate (`features_of`), scored by `score.score`, and is
what a decision's reasons are rendered from (`explain`): the decision, its explanation and
the bench tools that print it read the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from factwatch.ingest.params import StoryParams
from factwatch.ingest.stories import score as scoring
from factwatch.ingest.stories.dates import day_of
from factwatch.ingest.stories.figures import (
    Bucket,
    buckets_near,
    distinctive_match,
    shared_figures,
)
from factwatch.ingest.stories.names import (
    NameGroup,
    actor_conflict,
    headline_actors,
    name_groups,
    names_comparable,
    shared_names,
    specific_names_shared,
)
from factwatch.ingest.stories.state import ArticleSignals, StoryState


@dataclass(frozen=True)
class StoryFeatures:
    """What the decision knows about one candidate story for one article.

    `index` points into the candidates given to `assign_story`. `stranger` is an actor the
    headline names and the story never does (when the body does not show it is a place).
    `evidence` is False when names and figures were not compared: a stranger's bar was
    already out of reach, and no credit counts against it.
    """

    index: int
    story_id: int | None
    similarity: float
    gap_days: float
    stranger: str | None = None
    evidence: bool = True
    name_weight: float = 0.0
    shared_names: tuple[str, ...] = ()
    shared_figures: tuple[str, ...] = ()
    strong_figure: bool = False  # a shared figure stated alike, not only once converted
    names_comparable: bool = True


@dataclass(frozen=True)
class ArticleEvidence:
    """What every candidate is compared with, worked out once per article."""

    groups: list[NameGroup]
    actors: list[NameGroup]
    df: Counter[str]  # per name token, the window stories naming it
    day: date | None
    near: Mapping[str, set[Bucket]]  # each figure's buckets, in the candidates' currencies


def article_evidence(
    article: ArticleSignals, df: Counter[str], currencies: set[str], params: StoryParams
) -> ArticleEvidence:
    groups = name_groups(article.entities)
    actors = headline_actors(groups, article.title)
    if not actors and article.lead_companies:
        actors = [(name, frozenset({name})) for name in sorted(article.lead_companies)]
    day = day_of(article.published)
    near = {key: buckets_near(key, day, currencies, params) for key in article.figures}
    return ArticleEvidence(groups, actors, df, day, near)


def stranger_of(
    article: ArticleSignals,
    ev: ArticleEvidence,
    story: StoryState,
    names: frozenset[str],
    params: StoryParams,
) -> str | None:
    """The headline actor the story never names, unless the article shares enough with the
    story to show it is a place or an exonym: "Portugal wildfire … as heatwave grips
    Iberia" on the Sertã fire story, "Lissabon holt sich Geld in China" on Lisbon's bond."""
    if not ev.actors:
        return None
    stranger = actor_conflict(ev.actors, story.langs, names, params)
    if stranger is not None and _corroborated(article, ev, story, names, params):
        return None
    return stranger


def _corroborated(
    article: ArticleSignals,
    ev: ArticleEvidence,
    story: StoryState,
    names: frozenset[str],
    params: StoryParams,
) -> bool:
    """Whether the article shares with the story two distinctive specific names (not
    countries or regions, nor names many candidate stories carry: a regulator, a capital),
    or three such names and distinctive figures together: more than templated news about
    another actor shares by chance."""
    found = 0.0
    if specific_names_shared(ev.groups, names, params):
        found, _ = shared_names(ev.groups, names, ev.df, 0.0, params)
        if found >= params.corroborating_names:
            return True
    if found + len(article.figures) < params.corroborating_evidence or not story.figures:
        return False  # not enough figures to make up the rest (most templated candidates)
    for key in shared_figures(article.figures, story.figures, ev.day, ev.near, params):
        if distinctive_match(key, story.figures, params):
            found += 1
            if found >= params.corroborating_evidence:
                return True
    return False


def features_of(
    article: ArticleSignals,
    ev: ArticleEvidence,
    index: int,
    story: StoryState,
    names: frozenset[str],
    similarity: float,
    gap_days: float,
    stranger: str | None,
    params: StoryParams,
) -> StoryFeatures:
    """The candidate's record with its shared names and figures compared."""
    weight, matched = shared_names(ev.groups, names, ev.df, params.generic_name_weight, params)
    figs = shared_figures(article.figures, story.figures, ev.day, ev.near, params)
    return StoryFeatures(
        index=index,
        story_id=story.story_id,
        similarity=similarity,
        gap_days=gap_days,
        stranger=stranger,
        name_weight=weight,
        shared_names=tuple(matched),
        shared_figures=tuple(figs),
        strong_figure=any(distinctive_match(k, story.figures, params) for k in figs),
        names_comparable=bool(article.entities and names)
        and names_comparable(article.lang, story.langs),
    )


def explain(f: StoryFeatures, params: StoryParams, joined: bool = False) -> tuple[str, ...]:
    """The candidate's evidence in words, from its record and its score."""
    bar = scoring.bar(f, params)
    if joined:
        out = [f"join: cosine {f.similarity:.3f} clears bar {bar:.3f}"]
    else:
        out = [f"cosine {f.similarity:.3f} vs bar {bar:.3f}"]
    if f.stranger is not None:
        out.append(f"headline names {f.stranger!r}, the story does not")
    if f.gap_days > 0:
        bump = scoring.time_bump(f.gap_days, params)
        out.append(f"{f.gap_days:.0f} days from the story (bar +{bump:.3f})")
    if f.shared_names:
        out.append(f"shared names ({f.name_weight:.1f}): {', '.join(f.shared_names[:8])}")
    if f.shared_figures:
        out.append(f"shared figures: {', '.join(f.shared_figures[:5])}")
    if not f.names_comparable:
        out.append("names not comparable")
    return tuple(out)
