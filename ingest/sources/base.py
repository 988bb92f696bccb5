"""Result types shared by the source readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from factwatch.ingest.models import ArticleInput

Level = Literal["error", "warning"]

# News is not published before the web, nor a year ahead: a feed item dated 9999 or a page
# dated 0001-01-01 (a template's empty value) is no date at all, and treating it as one
# overflowed time arithmetic downstream.
EARLIEST_PUBLISHED = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=366)


def plausible_date(value: datetime | date | None, now: datetime | None = None) -> bool:
    """Whether `value` can be a publication date (naive values are taken as UTC)."""
    if value is None:
        return False
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    latest = (now or datetime.now(UTC)) + FUTURE_SLACK
    try:
        return EARLIEST_PUBLISHED <= value <= latest
    except OverflowError:  # an offset that pushes year 1 or 9999 out of range
        return False


@dataclass(frozen=True)
class SourceProblem:
    """Something that went wrong with one source, feed entry or file.

    `message` is meant for the operator: it names the URL or file and says what happened
    ("notes/empty.txt: empty file, skipped"). `error` means nothing was ingested from it;
    `warning` means something was ingested, or skipping was harmless.
    """

    source: str
    message: str
    level: Level = "error"


@dataclass
class CollectResult:
    articles: list[ArticleInput] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
