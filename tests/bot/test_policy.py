"""The alert policy (factwatch.ingest.alerts): which verdicts alert, their names, and routing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from factwatch.ingest import alerts
from factwatch.ingest.models import VERDICTS


@dataclass(frozen=True)
class _Conflict:
    conflict_id: int
    version: int
    story_id: int | None
    verdict: str


@dataclass(frozen=True)
class _Follower:
    subscription_id: int
    chat_id: int
    kind: str
    story_id: int | None = None
    topic: str | None = None
    topic_embedding: object = None


@dataclass(frozen=True)
class _Story:
    story_id: int
    label: str | None
    entities: object = None
    centroid: object = None


def test_every_verdict_but_rounding_and_updates_alerts():
    assert {v for v in VERDICTS if alerts.alerts(v)} == {
        "genuine",
        "currency_conversion",
        "date_conflict",
    }
    assert not alerts.alerts("rounding_or_bound")
    assert not alerts.alerts("updated")  # a toll rising over days is news, not a conflict
    assert frozenset(VERDICTS) == alerts.ALERTING_VERDICTS | alerts.SILENT_VERDICTS
    assert not alerts.ALERTING_VERDICTS & alerts.SILENT_VERDICTS


@pytest.mark.parametrize(
    "table", [alerts.VERDICT_ORDER, alerts.VERDICT_LABELS, alerts.VERDICT_TITLES]
)
def test_every_verdict_is_named_and_ordered(table):
    assert set(table) == set(VERDICTS)


def test_silent_verdicts_come_last():
    loudest_silent = min(alerts.VERDICT_ORDER[v] for v in alerts.SILENT_VERDICTS)
    assert all(alerts.VERDICT_ORDER[v] < loudest_silent for v in alerts.ALERTING_VERDICTS)


def test_fact_marks():
    assert alerts.fact_mark("agree") == "✓"
    assert alerts.fact_mark("single") == "·"
    assert alerts.fact_mark("rounding_or_bound") == "≈"
    assert alerts.fact_mark("updated") == "↗"
    assert alerts.fact_mark("genuine") == "⚠"
    assert alerts.fact_mark("date_conflict", "⚠️") == "⚠️"


def test_route_skips_silent_verdicts_and_picks_the_most_specific_subscription():
    story = _Story(7, "Hengchuan battery plant in Saxony")
    followers = [
        _Follower(1, 100, "all"),
        _Follower(2, 100, "topic", topic="battery plant"),
        _Follower(3, 100, "story", story_id=7),
        _Follower(4, 200, "topic", topic="battery plant"),
        _Follower(5, 300, "story", story_id=8),
        _Follower(6, 400, "topic", topic="gene therapy"),
    ]
    conflicts = [_Conflict(1, 2, 7, "genuine"), _Conflict(2, 1, 7, "rounding_or_bound")]
    assert alerts.route(conflicts, followers, {7: story}) == {(1, 2): [(100, 3), (200, 4)]}


def test_route_without_a_story_reaches_only_all():
    followers = [_Follower(1, 100, "all"), _Follower(2, 200, "topic", topic="anything")]
    assert alerts.route([_Conflict(5, 1, None, "date_conflict")], followers, {}) == {
        (5, 1): [(100, 1)]
    }
    assert alerts.route([_Conflict(5, 1, None, "genuine")], [], {}) == {}
