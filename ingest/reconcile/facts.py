"""Group claims into facts: the same quantity or date, across articles and languages.

Matching is by what is measured, not by value: each claim's clause is embedded with the
multilingual sentence encoder, so "investissement de 380 milliards de yuans" and
"410亿元人民币的总投资" can meet. Three rules keep look-alikes apart:

1. one article states each fact once: two different mentions in one article are two facts
   (a repeated figure or a figure with its conversion in brackets is one mention);
2. between two articles, a mention is aligned only with its mutual best match, so the 2024
   revenue claim pairs with the other outlet's 2024 revenue, not with its investment figure;
3. hard blocks: counts of different things, clauses naming different years.

Values only break ties (a compatible value adds a small bonus), so genuinely conflicting
figures still meet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ingest.models import ClaimRecord
from ingest.reconcile.compare import (
    ABOUT_SLACK,
    common_interval,
    comparison_precision,
    stated_interval,
)
from ingest.reconcile.rates import rate_on

MATCH_THRESHOLD = 0.40
# Evidence from the figures themselves: the same value and unit stated by two outlets in one
# story is strong evidence of one fact; a value compatible after rounding or conversion, less.
SAME_VALUE_BONUS = 0.25
VALUE_BONUS = 0.12


@dataclass(frozen=True)
class ClaimFeatures:
    vector: np.ndarray | None
    years: frozenset[int]
    link_group: int
    segment: str = ""
    countries: frozenset[str] = frozenset()


def _find(parent: dict[int, int], x: int) -> int:
    """Union-find root with path halving."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


@dataclass
class Mention:
    """Claims of one article that state one figure (repeats and bracketed conversions)."""

    article: int
    kind: str
    records: list[ClaimRecord]
    vector: np.ndarray | None
    years: frozenset[int]
    units: frozenset[str]
    countries: frozenset[str] = frozenset()


def _mentions(records: Sequence[ClaimRecord], feats: dict[int, ClaimFeatures]) -> list[Mention]:
    by_article: dict[int, list[ClaimRecord]] = defaultdict(list)
    for rec in records:
        by_article[rec.article_id].append(rec)
    mentions: list[Mention] = []
    for article, recs in by_article.items():
        # union of apposition groups and repeated identical figures
        parent = {r.claim_id: r.claim_id for r in recs}
        by_link: dict[tuple, int] = {}
        by_value: dict[tuple, int] = {}
        for r in recs:
            f = feats.get(r.claim_id)
            keys = []
            if f is not None:
                keys.append((by_link, (r.claim.kind, f.link_group)))
            c = r.claim
            keys.append((by_value, (c.kind, c.value, c.unit, c.date_value, c.date_end)))
            for table, key in keys:
                if key in table:
                    parent[_find(parent, r.claim_id)] = _find(parent, table[key])
                else:
                    table[key] = r.claim_id
        groups: dict[int, list[ClaimRecord]] = defaultdict(list)
        for r in recs:
            groups[_find(parent, r.claim_id)].append(r)
        for members in groups.values():
            vecs = [
                feats[m.claim_id].vector
                for m in members
                if m.claim_id in feats and feats[m.claim_id].vector is not None
            ]
            vec = None
            if vecs:
                v = np.mean(np.stack(vecs), axis=0)
                n = np.linalg.norm(v)
                vec = v / n if n > 0 else v
            years = frozenset().union(
                *(feats[m.claim_id].years for m in members if m.claim_id in feats)
            )
            countries = frozenset().union(
                *(feats[m.claim_id].countries for m in members if m.claim_id in feats)
            )
            mentions.append(
                Mention(
                    countries=countries,
                    article=article,
                    kind=members[0].claim.kind,
                    records=members,
                    vector=vec,
                    years=years,
                    units=frozenset(m.claim.unit or "" for m in members),
                )
            )
    return mentions


def _same_value(a: Mention, b: Mention) -> bool:
    return any(
        ra.claim.value == rb.claim.value
        and ra.claim.unit == rb.claim.unit
        and ra.claim.date_value == rb.claim.date_value
        for ra in a.records
        for rb in b.records
    )


def _values_compatible(a: Mention, b: Mention) -> bool:
    for ra in a.records:
        for rb in b.records:
            ca, cb = ra.claim, rb.claim
            if ca.kind == "date":
                if ca.date_value and ca.date_value == cb.date_value:
                    return True
                continue
            if ca.value is None or cb.value is None:
                continue
            ia = stated_interval(
                ca.value, comparison_precision(ca.surface, ca.precision), ca.qualifier
            )
            ib = stated_interval(
                cb.value, comparison_precision(cb.surface, cb.precision), cb.qualifier
            )
            if ca.unit != cb.unit:
                day = ra.published or rb.published
                rate = rate_on(ca.unit or "", cb.unit or "", day) if day else None
                if rate is None:
                    continue
                ia = ia.scale(rate.value).widen(ABOUT_SLACK)
            if common_interval([ia, ib]) is not None:
                return True
    return False


def _blocked(a: Mention, b: Mention) -> bool:
    """Hard evidence of two different facts: other things counted, other years, places."""
    if a.kind == "count" and not (a.units & b.units):
        return True
    if a.years and b.years and not (a.years & b.years):
        return True
    return bool(a.countries and b.countries and not (a.countries & b.countries))


def _score(a: Mention, b: Mention) -> float:
    if _blocked(a, b):
        return -1.0
    sim = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    if _same_value(a, b):
        sim += SAME_VALUE_BONUS
    elif _values_compatible(a, b):
        sim += VALUE_BONUS
    return sim


def group_facts(
    records: Sequence[ClaimRecord],
    feats: dict[int, ClaimFeatures],
    threshold: float = MATCH_THRESHOLD,
) -> list[list[ClaimRecord]]:
    """Partition a story's claims into facts (lists of claims about one quantity or date)."""
    mentions = _mentions(records, feats)
    by_article_kind: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_article_kind[(m.article, m.kind)].append(i)
    articles = sorted({m.article for m in mentions})

    links: list[tuple[float, int, int]] = []
    kinds = sorted({m.kind for m in mentions})
    for a1, a2 in combinations(articles, 2):
        for kind in kinds:
            left, right = by_article_kind.get((a1, kind)), by_article_kind.get((a2, kind))
            if not left or not right:
                continue
            scores = np.array(
                [[_score(mentions[i], mentions[j]) for j in right] for i in left], dtype=float
            )
            best_right = scores.argmax(axis=1)
            best_left = scores.argmax(axis=0)
            for li, rj in enumerate(best_right):
                if best_left[rj] == li and scores[li, rj] >= threshold:
                    links.append((float(scores[li, rj]), left[li], right[rj]))

    # Union strongest links first; never put two mentions of one article in one fact.
    parent = {i: i for i in range(len(mentions))}
    members: dict[int, set[int]] = {i: {mentions[i].article} for i in range(len(mentions))}
    for _, i, j in sorted(links, reverse=True):
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj or members[ri] & members[rj]:
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)

    groups: dict[int, list[ClaimRecord]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[_find(parent, i)].extend(m.records)
    facts = [sorted(g, key=lambda r: r.claim_id) for g in groups.values()]
    facts.sort(key=lambda g: g[0].claim_id)
    return facts
