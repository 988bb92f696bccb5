"""Everything the decision reads about one pair of mentions, worked out once.

`PairFeatures` holds every quantity the score uses (`score.score`) and its explanation
(`score.explain`) renders, so the decision, the alignment passes and the developer's tools
(bench/fact_links.py) read one record instead of re-deriving it.
"""

from __future__ import annotations

from dataclasses import dataclass

from factwatch.ingest.params import FactParams, VerdictParams
from factwatch.ingest.reconcile.blocks import block, noun_relation
from factwatch.ingest.reconcile.mentions import Mention
from factwatch.ingest.reconcile.places import names_place
from factwatch.ingest.reconcile.values import (
    bounded,
    date_gap,
    misreport,
    same_value,
    values_compatible,
)


@dataclass(frozen=True)
class PairFeatures:
    """What two mentions (of one kind, in two articles) share and where they differ.

    A blocked pair carries its `block` reason and its `date_gap` only: nothing else can
    change its fate. `compatible` is looked at only when the values are not the same, and
    `misreport` only when they are neither the same nor compatible."""

    kind: str
    block: str = ""
    cosine: float = 0.0
    # counts with no noun in common: 'same' (cognates), 'family', 'unknown'; else ''
    noun_relation: str = ""
    date_gap: int = 0  # days between the closest dates (dates only)
    unnamed_place: bool = False  # a town one clause names and the other article never does
    other_country: bool = False  # dates placed in other countries (a penalty, not a block)
    years_differ: bool = False  # years written or relative ("this year") share none
    same_value: bool = False
    compatible: bool = False  # after rounding, a stated bound or a conversion
    bounded: bool = False  # either figure is a bound ("more than 300 million")
    misreport: str = ""  # 'plausible', 'implausible', 'absurd' or '' (`values.misreport`)
    # both clauses name quarters or halves of a year, and none in common
    periods_differ: bool = False
    # how far apart the two stand in their articles' telling (`mentions.in_order`)
    position_gap: float = 0.0
    # days between the two reports' publication days
    published_gap: int = 0

    @property
    def agree(self) -> bool:
        """The values agree: the same, or compatible."""
        return self.same_value or self.compatible

    @property
    def implausible(self) -> bool:
        """Disagreeing figures too far apart to be one figure misreported."""
        return not self.agree and self.misreport in ("implausible", "absurd")


def _unnamed_place(a: Mention, b: Mention, params: FactParams) -> bool:
    """a's clause places its figure somewhere b's article never names ("180 dipendenti" at
    the Siena plant vs a headcount from an article that never mentions Siena)."""
    return b.latin and any(not names_place(p, b.article_words, params) for p in a.places)


def _published_gap(a: Mention, b: Mention) -> int:
    """Days between the days the two mentions' articles were published (0 when unknown)."""
    da, db = a.records[0].published, b.records[0].published
    return abs((da - db).days) if da is not None and db is not None else 0


def pair_features(
    a: Mention, b: Mention, facts: FactParams, verdicts: VerdictParams
) -> PairFeatures:
    """The features of a pair of mentions of one kind from two articles."""
    gap = date_gap(a, b) if a.kind == "date" else 0
    reason = block(a, b, gap, facts, verdicts)
    if reason:
        return PairFeatures(kind=a.kind, block=reason, date_gap=gap)
    cosine = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    relation = ""
    if a.kind == "count" and not (a.units & b.units):
        relation = noun_relation(a, b, facts)
    other_country = a.kind == "date" and bool(a.countries and b.countries)
    other_country = other_country and not (a.countries & b.countries)
    years_a, years_b = a.years | a.relative_years, b.years | b.relative_years
    same = same_value(a, b)
    compatible = not same and values_compatible(a, b, verdicts)
    return PairFeatures(
        kind=a.kind,
        cosine=cosine,
        noun_relation=relation,
        date_gap=gap,
        unnamed_place=_unnamed_place(a, b, facts) or _unnamed_place(b, a, facts),
        other_country=other_country,
        years_differ=bool(years_a and years_b and not (years_a & years_b)),
        same_value=same,
        compatible=compatible,
        bounded=compatible and bounded(a, b),
        misreport="" if same or compatible else misreport(a, b, facts),
        position_gap=abs(a.position - b.position),
        published_gap=_published_gap(a, b),
        periods_differ=bool(a.periods and b.periods and not (a.periods & b.periods)),
    )
