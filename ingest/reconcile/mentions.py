"""Mentions: the claims of one article that state one figure, with what matching reads.

One article states each fact once: a repeated figure, a figure with its conversion in
brackets, or an amount the article also gives in another currency elsewhere is one mention.
Everything here depends on one article alone, which is what lets `FactCache` keep it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.params import DEFAULT, FactParams, VerdictParams
from factwatch.ingest.reconcile.context import per_unit, relative_years
from factwatch.ingest.reconcile.periods import periods_in
from factwatch.ingest.reconcile.places import (
    clause_countries,
    clause_places,
    figure_countries,
    name_tokens,
)
from factwatch.ingest.reconcile.rivals import rivals
from factwatch.ingest.reconcile.values import converts
from factwatch.ingest.text import UNSPACED_LANGS, base_language


@dataclass(frozen=True)
class ClaimFeatures:
    """What the caller read for one claim: its clause vector, years, apposition group, clause
    and the countries of its sentence."""

    vector: np.ndarray | None
    years: frozenset[int]
    link_group: int
    segment: str = ""
    countries: frozenset[str] = frozenset()


def find_root(parent: dict[int, int], x: int) -> int:
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
    # years named relative to the article's date ("this year", "去年"): weaker evidence than
    # a year written out, which a clause may carry for another event ("Founded in 2022, …")
    relative_years: frozenset[int] = frozenset()
    countries: frozenset[str] = frozenset()
    # each record's own country set ("42 shops in France" / "in France, Spain and Italy")
    country_sets: frozenset[frozenset[str]] = frozenset()
    per: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    # Word tokens of everything the reconciler sees of the article (titles, claim sentences),
    # and whether they are comparable with Latin-script place names.
    article_words: frozenset[str] = frozenset()
    latin: bool = True
    # the quarters and halves of a year its clauses name ("Q4", "H1": `periods`)
    periods: frozenset[str] = frozenset()
    # Where it stands in its article's telling: its first appearance as a share of the
    # article's length, 0 at the headline (`in_order`).
    position: float = 0.0

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where its sentences stand in the article (a repeated figure has several)."""
        return [
            (r.claim.sentence_start, r.claim.sentence_start + len(r.claim.sentence))
            for r in self.records
        ]


def _countries(rec: ClaimRecord, feat: ClaimFeatures) -> frozenset[str]:
    """Where the figure is placed: the nearest country (list) in its clause or sentence;
    the countries the caller found when the record carries no sentence."""
    if rec.claim.sentence:
        return figure_countries(rec.claim, feat.segment)
    return clause_countries(feat.segment) or feat.countries


def article_mentions(
    article: int,
    recs: list[ClaimRecord],
    feats: dict[int, ClaimFeatures],
    verdicts: VerdictParams,
    facts: FactParams = DEFAULT.facts,
) -> list[Mention]:
    """The mentions of one article's claims (they depend on that article alone)."""
    mentions: list[Mention] = []
    if recs:
        seen = " ".join({r.title for r in recs} | {r.claim.sentence for r in recs})
        words = name_tokens(seen)
        latin = base_language(recs[0].lang) not in UNSPACED_LANGS
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
                    parent[find_root(parent, r.claim_id)] = find_root(parent, table[key])
                else:
                    table[key] = r.claim_id
        # an amount the article also states in another currency elsewhere, converted at the
        # day's rate ("$2.5 billion" in the headline, "€2.1 billion" in the body), is one
        # figure (a conversion beside it in one sentence is the clause's own business: an
        # apposition is already one group, anything else there two figures)
        amounts = [r for r in recs if r.claim.kind == "money" and r.claim.value]
        for ra, rb in combinations(amounts, 2):
            if (
                (ra.claim.unit or "") != (rb.claim.unit or "")
                and ra.claim.sentence_start != rb.claim.sentence_start
                and converts(ra, rb, verdicts.article_conversion_slack, verdicts)
            ):
                parent[find_root(parent, rb.claim_id)] = find_root(parent, ra.claim_id)
        # two sources' values of one quantity, side by side: one fact, stated twice
        years = {r.claim_id: feats[r.claim_id].years for r in recs if r.claim_id in feats}
        for x, y in rivals(recs, years, facts, verdicts):
            parent[find_root(parent, y)] = find_root(parent, x)
        groups: dict[int, list[ClaimRecord]] = defaultdict(list)
        for r in recs:
            groups[find_root(parent, r.claim_id)].append(r)
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
            country_sets = frozenset(
                _countries(m, feats[m.claim_id]) for m in members if m.claim_id in feats
            )
            relative = frozenset().union(
                *(
                    relative_years(feats[m.claim_id].segment, m.published)
                    for m in members
                    if m.claim_id in feats
                )
            )
            mentions.append(
                Mention(
                    countries=frozenset().union(*country_sets),
                    country_sets=country_sets - {frozenset()},
                    article=article,
                    kind=members[0].claim.kind,
                    records=members,
                    vector=vec,
                    years=years,
                    relative_years=relative,
                    units=frozenset(m.claim.unit or "" for m in members),
                    per=frozenset(p for m in members if (p := per_unit(m.claim))),
                    places=frozenset().union(
                        *(
                            clause_places(feats[m.claim_id].segment, m.lang, seen)
                            for m in members
                            if m.claim_id in feats
                        )
                    ),
                    article_words=words,
                    latin=latin,
                    periods=frozenset().union(
                        *(
                            periods_in(feats[m.claim_id].segment, m.lang)
                            for m in members
                            if m.claim_id in feats
                        )
                    ),
                )
            )
    return in_order(mentions)


def in_order(mentions: list[Mention]) -> list[Mention]:
    """The mentions with their place in the article's telling (`Mention.position`).

    News is told in the order of importance (the lead figure first, background last), and
    two reports of one event tell their figures in much the same order: evidence of one
    quantity that does not look at the values (`FactParams.position_gap_slope`)."""
    if not mentions:
        return mentions
    # the article's length; the last figure's end where it is not known
    end = mentions[0].records[0].text_length
    end = end or max(r.claim.end for m in mentions for r in m.records) or 1
    return [
        replace(m, position=min(1.0, min(r.claim.start for r in m.records) / end))
        for m in mentions
    ]


SAME_SENTENCE, NEXT_SENTENCE = 2, 1


def nearness(a: Mention, b: Mention, params: FactParams) -> int:
    """Two mentions of one article: in one sentence (2), in sentences side by side (1)."""
    gap = params.next_sentence_chars
    best = 0
    for sa, ea in a.spans:
        for sb, eb in b.spans:
            if sa == sb:
                return SAME_SENTENCE
            if 0 <= sb - ea <= gap or 0 <= sa - eb <= gap:
                best = NEXT_SENTENCE
    return best


Nearness = dict[int, dict[int, int]]


def nearness_map(mentions: list[Mention], params: FactParams) -> Nearness:
    """For each mention of one article, the other mentions beside it (`nearness`)."""
    return {
        i: {
            p: n
            for p in range(len(mentions))
            if p != i and (n := nearness(mentions[i], mentions[p], params))
        }
        for i in range(len(mentions))
    }
