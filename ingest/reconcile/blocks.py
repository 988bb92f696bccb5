"""Hard blocks: evidence that two mentions are two different facts, whatever their clauses.

Counts of different things, a price per share against a total, amounts no exchange rate
reconciles, dates months apart, clauses naming different years, and figures placed in other
countries (one country against a list of several is a part and a whole). People counted as
jobs, employees, workers or "people" are one family: outlets use them interchangeably for
one workforce, so within the family a different noun costs a little similarity instead.
"""

from __future__ import annotations

from functools import lru_cache

from factwatch.ingest.params import FactParams, VerdictParams
from factwatch.ingest.reconcile.compare import count_family, nouns_kindred
from factwatch.ingest.reconcile.mentions import Mention
from factwatch.ingest.reconcile.values import converts
from factwatch.ingest.text import same_stem

# Nouns the claim grammar gives counts whose noun it does not know (Chinese classifiers).
_GENERIC_NOUNS = frozenset({"", "units", "items"})


@lru_cache(maxsize=1)
def _known_nouns() -> frozenset[str]:
    from factwatch.ingest.claims.nouns import COUNT_NOUNS

    return frozenset(COUNT_NOUNS.values()) - _GENERIC_NOUNS


def cognate(x: str, y: str, params: FactParams) -> bool:
    """Nouns written alike across languages ("pilots" / "pilotes" / "Piloten")."""
    return _cognate(x, y, params.cognate_min_prefix, params.cognate_max_tail)


def _cognate(x: str, y: str, min_prefix: int, max_tail: int) -> bool:
    return same_stem(
        x.casefold(), y.casefold(), min_shared=min_prefix, share=0.0, max_tail=max_tail
    )


def noun_relation(a: Mention, b: Mention, params: FactParams) -> str:
    """How the counted nouns of two count mentions relate: 'same', 'family' (jobs /
    employees), 'unknown' (a noun outside the lexicon on either side) or 'other' (two known
    nouns of different things: never one fact)."""
    return _units_relation(a.units, b.units, params.cognate_min_prefix, params.cognate_max_tail)


@lru_cache(maxsize=65536)  # a story's few nouns meet again in every pair of its articles
def _units_relation(
    units_a: frozenset[str], units_b: frozenset[str], min_prefix: int, max_tail: int
) -> str:
    if units_a & units_b or any(
        _cognate(x, y, min_prefix, max_tail) for x in units_a for y in units_b
    ):
        return "same"
    families = {count_family(u) for u in units_a}
    if any(count_family(u) in families for u in units_b):
        return "family"
    if any(nouns_kindred(x, y) for x in units_a for y in units_b):
        return "family"
    known = _known_nouns()
    if all(u in known for u in units_a) and all(u in known for u in units_b):
        return "other"
    return "unknown"


def _units_meet(a: Mention, b: Mention, params: FactParams) -> bool:
    """Same unit, or (for counts) nouns that may name one thing."""
    if a.units & b.units:
        return True
    return a.kind == "count" and noun_relation(a, b, params) != "other"


def _unconvertible(a: Mention, b: Mention, params: VerdictParams) -> bool:
    """Amounts in other currencies that no exchange rate of the two publication dates
    reconciles: two different sums. An outlet that misreports a figure gets its own
    currency's number wrong; one that converts gets the conversion about right. (A
    conversion kept from an earlier day is the verdict's business, once figures meet.)"""
    if a.kind != "money" or a.units & b.units:
        return False
    verdicts = [
        converts(ra, rb, params.match_conversion_slack, params)
        for ra in a.records
        for rb in b.records
        if ra.claim.value is not None and rb.claim.value is not None
    ]
    known = [v for v in verdicts if v is not None]
    return bool(known) and not any(known)


def _part_and_whole(part: Mention, whole: Mention) -> bool:
    """`whole` states its figure for a list of countries that strictly contains all the
    countries `part` names, and never for those alone. (A mention whose headline says
    "in Hungary" and whose body says "China's … in Hungary" is not a list.)"""
    small = part.countries
    return any(len(s) >= 2 and small < s for s in whole.country_sets) and not any(
        s <= small for s in whole.country_sets
    )


def block(a: Mention, b: Mention, gap: int, facts: FactParams, verdicts: VerdictParams) -> str:
    """Why two mentions can never be one fact ('' when nothing blocks them); `gap` is the
    days between their dates (`values.date_gap`, 0 for other kinds)."""
    if a.kind == "count" and not _units_meet(a, b, facts):
        return "other things counted"
    if a.kind == "money" and a.per != b.per:
        return "per unit against total"  # a price per share and a total are two quantities
    if a.kind == "money" and _unconvertible(a, b, verdicts):
        return "no rate converts"
    if a.kind == "date" and gap > facts.max_date_gap_days:
        return "dates too far apart"
    if a.years and b.years and not (a.years & b.years):
        return "other years"
    if not (a.countries and b.countries) or a.kind == "date":
        # an event's day is not placed by the countries its clause names ("Lisbon's
        # bond, priced on China's interbank market on 15 October"); the score weighs them
        return ""
    # other countries, or one country against a list of several: "42 shops in France" is
    # not "118 stores in France, Germany, Spain and Italy"
    if not (a.countries & b.countries):
        return "other countries"
    if _part_and_whole(a, b) or _part_and_whole(b, a):
        return "a part and a whole"
    return ""
