"""What the story matcher holds: an article's signals, a story's state (persisted by the
caller through `to_record` / `from_record`), and how a story grows by one article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import numpy as np

from factwatch.ingest.params import DEFAULT, StoryParams
from factwatch.ingest.stories.dates import earlier, later
from factwatch.ingest.stories.lead import short_label
from factwatch.ingest.stories.names import name_tokens


@dataclass(frozen=True)
class ArticleSignals:
    """What the matcher knows about one article.

    `embedding`: L2-normalised vector of headline + lead (`headline_and_lead`), not the whole
    text. `entities`: `factwatch.ingest.entities.extract_entities` of the same text. `figures`:
    `figure_keys(claims)`.
    """

    embedding: np.ndarray
    entities: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()
    published: datetime | date | None = None
    lang: str | None = None
    title: str = ""
    # Companies the lead names by their legal form (`entities.zh_companies`): the actors
    # of a Chinese report whose headline names none ("雅江锂矿扩建项目获批").
    lead_companies: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StoryState:
    """A story as the matcher needs it; persisted by the caller.

    `centroid` is the normalised mean of the member embeddings and `mean_norm` the length of
    that mean before normalising (1.0 for one member), which makes updates exact. `entities`
    counts, for each name token ("hengchuan", "sines"), the members naming it; `figures` is
    the union of member figure keys.
    """

    story_id: int | None
    centroid: np.ndarray
    n_articles: int
    entities: Counter[str] = field(default_factory=Counter)
    figures: frozenset[str] = frozenset()
    first_seen: datetime | date | None = None
    last_seen: datetime | date | None = None
    label: str = ""
    langs: frozenset[str] = frozenset()
    mean_norm: float = 1.0
    label_lang: str | None = None

    def to_record(self) -> dict[str, Any]:
        """JSON-friendly fields for storage. `centroid` is the mean vector (not normalised:
        its length is `mean_norm`) so that `from_record` restores the state exactly."""
        return {
            "story_id": self.story_id,
            "centroid": (self.centroid * self.mean_norm).astype(np.float32),
            "n_articles": self.n_articles,
            "entities": [[k, int(v)] for k, v in _top(self.entities, len(self.entities))],
            "figures": sorted(self.figures),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "label": self.label,
            "langs": sorted(self.langs),
        }

    @classmethod
    def from_record(
        cls,
        *,
        story_id: int | None,
        centroid: np.ndarray | Sequence[float],
        n_articles: int,
        entities: Mapping[str, int] | Iterable[str | Sequence[Any]] = (),
        figures: Iterable[str] = (),
        first_seen: datetime | date | None = None,
        last_seen: datetime | date | None = None,
        label: str = "",
        langs: Iterable[str] = (),
        label_lang: str | None = None,
    ) -> StoryState:
        """Rebuild a state from stored fields; `entities` may be a mapping, [key, count] pairs
        or plain keys. The label is taken as English when the story has an English member
        (merge_into switches the label to the first English title)."""
        mean = np.asarray(centroid, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(mean))
        counts: Counter[str] = Counter()
        if isinstance(entities, Mapping):
            counts.update({str(k): int(v) for k, v in entities.items()})
        else:
            for item in entities:
                if isinstance(item, str):
                    counts[item] += 1
                else:
                    counts[str(item[0])] += int(item[1])
        lang_set = frozenset(langs)
        if label_lang is None and "en" in lang_set:
            label_lang = "en"
        return cls(
            story_id=story_id,
            centroid=mean / norm if norm > 0 else mean,
            n_articles=int(n_articles),
            entities=counts,
            figures=frozenset(figures),
            first_seen=first_seen,
            last_seen=last_seen,
            label=label,
            langs=lang_set,
            mean_norm=min(norm, 1.0) if norm > 0 else 1.0,
            label_lang=label_lang,
        )


def _top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _alone(article: ArticleSignals, params: StoryParams) -> StoryState:
    """The article as a story of its own, its names and figures not capped."""
    vector = np.asarray(article.embedding, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return StoryState(
        story_id=None,
        centroid=vector / norm if norm > 0 else vector,
        n_articles=1,
        entities=Counter(name_tokens(article.entities)),
        figures=frozenset(article.figures),
        first_seen=article.published,
        last_seen=article.published,
        label=short_label(article.title, params.label_chars),
        langs=frozenset([article.lang] if article.lang else []),
        mean_norm=1.0,
        label_lang=article.lang if article.title else None,
    )


def new_story(
    article: ArticleSignals, story_id: int | None = None, params: StoryParams = DEFAULT.stories
) -> StoryState:
    """A one-article story."""
    one = _alone(article, params)
    return replace(
        one,
        story_id=story_id,
        entities=Counter(dict(_top(one.entities, params.max_entities))),
        figures=frozenset(sorted(one.figures)[: params.max_figures]),
    )


def merge_into(
    story: StoryState | None, article: ArticleSignals, params: StoryParams = DEFAULT.stories
) -> StoryState:
    """The story with `article` added (a new story when `story` is None).

    The centroid is the exact running mean; names count members; the label is the first
    English headline if any member is English, else the first headline.
    """
    if story is None:
        return new_story(article, None, params)
    label, label_lang = story.label, story.label_lang
    if article.title and (not label or (label_lang != "en" and article.lang == "en")):
        label, label_lang = short_label(article.title, params.label_chars), article.lang
    # the article's names and figures are capped once, with the story's
    merged = merge_stories(story, _alone(article, params), params)
    return replace(merged, label=label, label_lang=label_lang)


def merge_stories(
    keep: StoryState, other: StoryState, params: StoryParams = DEFAULT.stories
) -> StoryState:
    """`keep` with `other`'s members added: the two were one story (an article cleared both).

    The centroid is the exact mean over both stories' members; names add up; `keep` keeps its
    id and label unless only `other` has an English headline. `merge_into` is this with a
    one-article story."""
    total = keep.centroid * (keep.mean_norm * keep.n_articles) + other.centroid * (
        other.mean_norm * other.n_articles
    )
    n = keep.n_articles + other.n_articles
    mean = total / n
    mnorm = float(np.linalg.norm(mean))
    entities = keep.entities + other.entities
    if len(entities) > params.max_entities:
        entities = Counter(dict(_top(entities, params.max_entities)))
    figures = keep.figures | other.figures
    if len(figures) > params.max_figures:
        figures = frozenset(sorted(figures)[: params.max_figures])
    label, label_lang = keep.label, keep.label_lang
    if other.label and (not label or (label_lang != "en" and other.label_lang == "en")):
        label, label_lang = other.label, other.label_lang
    return replace(
        keep,
        centroid=(mean / mnorm if mnorm > 0 else mean).astype(np.float32),
        mean_norm=min(mnorm, 1.0),
        n_articles=n,
        entities=entities,
        figures=figures,
        first_seen=earlier(keep.first_seen, other.first_seen),
        last_seen=later(keep.last_seen, other.last_seen),
        label=label,
        label_lang=label_lang,
        langs=keep.langs | other.langs,
    )
