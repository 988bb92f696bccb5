"""Incremental story clustering: an article joins the best-matching story or starts a new one.

Pure functions over dataclasses; the caller loads candidate stories (e.g. those seen in the last
year, `StoryIndex`) and persists the result (`StoryState.to_record` / `StoryState.from_record`).

Why several signals: on headline + lead embeddings, same-story pairs across languages and
same-company-other-story pairs overlap in cosine (DESIGN.md, step 7), so cosine alone decides
only at the extremes. In between, the decision asks for corroboration that a different story
rarely provides: names shared with the story (cross-lingual for Latin scripts) and figures
shared with it (a distinctive amount such as 41 bn CNY, across currencies). Chinese names are
transliterated, so for a zh article against a Latin-script story the name channel is blind and
the cosine bar sits between the two. Stories run for months, so elapsed time raises the bar
gently (logarithmically) instead of cutting stories off.

One module per job: `lead` (the text matched), `figures`, `names`, `dates`, `features` (the
record of every quantity the decision uses about a candidate), `score` (the bar and margin
from it), `decide` (the join decision and its reasons), `state` (a story and its updates),
`index` (candidate retrieval). Every tuned number is a field of `params.StoryParams`.
"""

from factwatch.ingest.stories.decide import StoryDecision, assign_story, cluster_articles
from factwatch.ingest.stories.features import StoryFeatures, explain
from factwatch.ingest.stories.figures import figure_keys, figures_match
from factwatch.ingest.stories.index import StoryIndex
from factwatch.ingest.stories.lead import headline_and_lead, short_label
from factwatch.ingest.stories.state import (
    ArticleSignals,
    StoryState,
    merge_into,
    merge_stories,
    new_story,
)

__all__ = [
    "ArticleSignals",
    "StoryDecision",
    "StoryFeatures",
    "StoryIndex",
    "StoryState",
    "assign_story",
    "cluster_articles",
    "explain",
    "figure_keys",
    "figures_match",
    "headline_and_lead",
    "merge_into",
    "merge_stories",
    "new_story",
    "short_label",
]
