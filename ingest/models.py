"""Values that cross module boundaries in the ingestion pipeline.

Sources produce `ArticleInput`; the claim extractor produces `Claim`; reconciliation
consumes `ClaimRecord` (a claim plus the article facts it needs) and produces `FactGroup`
and `ConflictFinding`. All are plain frozen dataclasses so the pure stages stay easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

ClaimKind = Literal["money", "date", "percent", "count"]
Qualifier = Literal["about", "more_than", "less_than", "up_to", "at_least"]
Verdict = Literal["genuine", "currency_conversion", "rounding_or_bound", "date_conflict", "updated"]

CLAIM_KINDS: tuple[str, ...] = ("money", "date", "percent", "count")
QUALIFIERS: tuple[str, ...] = ("about", "more_than", "less_than", "up_to", "at_least")
VERDICTS: tuple[str, ...] = (
    "genuine",
    "currency_conversion",
    "rounding_or_bound",
    "date_conflict",
    "updated",
)


@dataclass(frozen=True)
class ArticleInput:
    """One article as a source delivers it, before any analysis.

    `text` is the article's visible text: headline first, then standfirst and body, without
    site chrome or the byline/timestamp line. `url` is the canonical address (`file://` URI
    for local files) and identifies the article: ingesting it again adds nothing.
    """

    url: str
    title: str
    text: str
    source: str
    lang: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    summary: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Claim:
    """A figure or date stated in a text, with enough context to match and explain it.

    `start`/`end` index the text the claim was extracted from (`text[start:end] == surface`).
    `value` is in base units (money in units of `unit`, an ISO 4217 code; percent as 38.0;
    counts as plain numbers with `unit` an English plural noun); None for dates, which use
    `date_value` (and `date_end` for ranges such as "du 24 au 26 septembre").
    `precision` is the number of significant digits stated ("52" -> 2, "52.4" -> 3).
    `context` holds the words around the figure that say what it measures (lower-cased,
    used for matching claims into facts).
    """

    kind: ClaimKind
    surface: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    date_value: date | None = None
    date_end: date | None = None
    qualifier: Qualifier | None = None
    precision: int | None = None
    sentence: str = ""
    sentence_start: int = 0
    context: str = ""


@dataclass(frozen=True)
class ClaimRecord:
    """A stored claim as reconciliation sees it: the claim and its article's metadata."""

    claim_id: int
    article_id: int
    claim: Claim
    lang: str
    published: date | None
    outlet: str
    url: str
    story_id: int | None = None
    duplicate_of: int | None = None
    title: str = ""
    entities: frozenset[str] = field(default_factory=frozenset)
    # the article's publication time, when known: orders reports of one day ("updated")
    published_at: datetime | None = None
    # the article's length in characters: where in it a figure stands (0 when unknown)
    text_length: int = 0


@dataclass(frozen=True)
class FactGroup:
    """Claims judged to be about the same quantity or date."""

    key: str
    kind: ClaimKind
    label: str
    claim_ids: tuple[int, ...]
    story_id: int | None = None


@dataclass(frozen=True)
class ConflictFinding:
    """A disagreement inside one fact, with the verdict and an editor-ready explanation."""

    fact_key: str
    kind: ClaimKind
    verdict: Verdict
    summary: str
    claim_ids: tuple[int, ...]
    details: dict = field(default_factory=dict)
