"""The alert policy, in one place: which verdicts alert, who hears about a changed conflict,
and how each verdict and fact status is named. Pure.

Rounding or a stated bound explains a difference: such a conflict is recorded and listed, but
never alerted, counted as a conflict in a story, nor ranked with the others. Every reader of
conflicts (Telegram, the digest, the terminal listings, the outbox) asks `alerts()` rather than
comparing verdict names, so the rule cannot drift between them.

`route` decides the recipients of an alert from plain values the store reads (the followers'
subscriptions and the conflicts' stories); `factwatch.store.outbox.enqueue_alerts` writes the
rows it returns in the transaction that changed the conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from factwatch.ingest.models import VERDICTS
from factwatch.ingest.topics import story_matches_topic

__all__ = [
    "ALERTING_VERDICTS",
    "FACT_MARKS",
    "SILENT_VERDICTS",
    "VERDICT_LABELS",
    "VERDICT_ORDER",
    "VERDICT_TITLES",
    "alerts",
    "fact_mark",
    "route",
]

SILENT_VERDICTS = frozenset({"rounding_or_bound", "updated"})
ALERTING_VERDICTS = frozenset(VERDICTS) - SILENT_VERDICTS

# Most serious first: listings and digests order conflicts by it.
VERDICT_ORDER = {
    "genuine": 0,
    "date_conflict": 1,
    "currency_conversion": 2,
    "updated": 3,
    "rounding_or_bound": 4,
}

# Short names (the digest's badges).
VERDICT_LABELS = {
    "genuine": "Genuine discrepancy",
    "currency_conversion": "Currency conversion",
    "date_conflict": "Conflicting dates",
    "rounding_or_bound": "Rounding or bound",
    "updated": "Updated over time",
}

# (icon, headline, what the verdict means): the Telegram alert's wording.
VERDICT_TITLES = {
    "genuine": ("⚠️", "Outlets disagree", "a genuine discrepancy"),
    "currency_conversion": (
        "💱",
        "Same amount, different exchange rates",
        "currency conversion at different dates, not a genuine discrepancy",
    ),
    "date_conflict": ("📅", "Outlets disagree on a date", "conflicting dates"),
    "rounding_or_bound": (
        "≈",
        "Rounding or a stated bound",
        "rounding or a stated bound explains the difference",
    ),
    "updated": (
        "↗",
        "A count updated over time",
        "a running count revised as reports came in, not a disagreement",
    ),
}

# A fact's status as one mark; any other status is a conflict (the caller's warning sign).
FACT_MARKS = {"agree": "✓", "single": "·", "rounding_or_bound": "≈", "updated": "↗"}


def alerts(verdict: str | None) -> bool:
    """Does a conflict with this verdict alert its followers (and count as a conflict)?"""
    return verdict not in SILENT_VERDICTS


def fact_mark(status: str, conflict: str = "⚠") -> str:
    """The mark for a fact status; `conflict` for a status that is a conflict's verdict."""
    return FACT_MARKS.get(status, conflict)


# ---------------------------------------------------------------- routing


class ChangedConflict(Protocol):
    conflict_id: int
    version: int
    story_id: int | None
    verdict: str


class Follower(Protocol):
    subscription_id: int
    chat_id: int
    kind: str
    story_id: int | None
    topic: str | None
    topic_embedding: Any


class StoryTopics(Protocol):
    story_id: int
    label: str | None
    entities: Any
    centroid: Any


# A chat following a conflict through several subscriptions hears once, through the most
# specific one.
_RANK = {"story": 0, "topic": 1, "all": 2}


def route(
    conflicts: Iterable[ChangedConflict],
    followers: Sequence[Follower],
    stories: Mapping[int, StoryTopics],
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """For each alerting conflict, keyed (conflict id, version): the (chat id, subscription id)
    pairs that must hear about it, by chat id. `followers` are the subscriptions of the chats
    that are not paused, in subscription order; `stories` the conflicts' stories by id."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    matched: dict[tuple[int, int], bool] = {}
    for conflict in conflicts:
        if not alerts(conflict.verdict):
            continue
        sid = conflict.story_id
        story = stories.get(sid) if sid is not None else None
        best: dict[int, Follower] = {}
        for f in followers:
            if not _follows(f, story, sid, matched):
                continue
            held = best.get(f.chat_id)
            if held is None or _RANK.get(f.kind, 9) < _RANK.get(held.kind, 9):
                best[f.chat_id] = f
        if best:
            out[(conflict.conflict_id, conflict.version)] = [
                (chat, f.subscription_id) for chat, f in sorted(best.items())
            ]
    return out


def _follows(
    f: Follower,
    story: StoryTopics | None,
    story_id: int | None,
    cache: dict[tuple[int, int], bool],
) -> bool:
    if f.kind == "all":
        return True
    if f.kind == "story":
        return story_id is not None and f.story_id == story_id
    if f.kind == "topic" and story is not None and f.topic:
        key = (f.subscription_id, story.story_id)
        if key not in cache:
            cache[key] = bool(
                story_matches_topic(
                    f.topic, f.topic_embedding, story.label, story.entities, story.centroid
                )
            )
        return cache[key]
    return False
