"""Time helpers of the story stage: UTC instants, days, and an article's gap to a story."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime


def as_utc(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def day_of(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return as_utc(value).date() if isinstance(value, datetime) else value


def timestamp(value: datetime | date | None) -> float:
    """Seconds since the epoch (UTC); infinity when unknown."""
    return as_utc(value).timestamp() if value is not None else math.inf


def gap_days(
    when: datetime | date | None, first: datetime | date | None, last: datetime | date | None
) -> float:
    """Days between an article and a story's active span [first, last] (0 inside it or
    when unknown)."""
    if when is None:
        return 0.0
    t = as_utc(when)
    gaps = []
    if first is not None and t < as_utc(first):
        gaps.append((as_utc(first) - t).total_seconds())
    if last is not None and t > as_utc(last):
        gaps.append((t - as_utc(last)).total_seconds())
    return max(gaps, default=0.0) / 86400.0


def earlier(a: datetime | date | None, b: datetime | date | None) -> datetime | date | None:
    if a is None or b is None:
        return a if b is None else b
    return a if as_utc(a) <= as_utc(b) else b


def later(a: datetime | date | None, b: datetime | date | None) -> datetime | date | None:
    if a is None or b is None:
        return a if b is None else b
    return a if as_utc(a) >= as_utc(b) else b
