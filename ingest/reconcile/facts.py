"""Group claims into facts: the same quantity or date, across articles and languages.

Matching is by what is measured, not by value: each claim's clause is embedded with the
multilingual sentence encoder, so "investissement de 380 milliards de yuans" and
"410亿元人民币的总投资" can meet. Three rules keep look-alikes apart:

1. one article states each fact once: two different mentions in one article are two facts
   (a repeated figure or a figure with its conversion in brackets is one mention:
   `mentions`);
2. between two articles, a mention is aligned only with its mutual best match, so the 2024
   revenue claim pairs with the other outlet's 2024 revenue, not with its investment figure
   (`align`, on the score of `score` over the `features` of each pair);
3. hard blocks: counts of different things, clauses naming different years or placing the
   figure in other countries (`blocks`).

Each article is compared with a bounded number of earlier ones (`partners`), and what
depends on one article or one pair of articles is kept between calls (`cache`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.params import DEFAULT, Params
from factwatch.ingest.reconcile.align import Link, pair_links
from factwatch.ingest.reconcile.cache import FactCache
from factwatch.ingest.reconcile.mentions import (
    ClaimFeatures,
    Mention,
    Nearness,
    article_mentions,
    find_root,
    nearness_map,
)
from factwatch.ingest.reconcile.partners import partners, profile


def group_facts(
    records: Sequence[ClaimRecord],
    feats: dict[int, ClaimFeatures],
    cache: FactCache | None = None,
    params: Params = DEFAULT,
) -> list[list[ClaimRecord]]:
    """Partition a story's claims into facts (lists of claims about one quantity or date).

    `cache` (one per story) carries mentions and pair links over from the previous call."""
    fp, vp = params.facts, params.verdicts
    if cache is not None:
        cache.use(params)
    by_article: dict[int, list[ClaimRecord]] = defaultdict(list)
    for rec in records:
        by_article[rec.article_id].append(rec)
    mentions: list[Mention] = []
    offset: dict[int, int] = {}
    local: dict[int, tuple[list[Mention], Nearness]] = {}
    profiles: dict[int, np.ndarray | None] = {}
    for article, recs in by_article.items():
        ids = tuple(r.claim_id for r in recs)
        hit = cache.mentions.get(article) if cache is not None else None
        if hit is None or hit[0] != ids:
            if hit is not None:  # the article's claims changed: its pairs are stale
                for key in [k for k in cache.links if article in k]:
                    del cache.links[key]
                cache.partners.clear()
            ms = article_mentions(article, recs, feats, vp, fp)
            hit = (ids, ms, nearness_map(ms, fp), profile(ms))
            if cache is not None:
                cache.mentions[article] = hit
        offset[article] = len(mentions)
        local[article] = (hit[1], hit[2])
        profiles[article] = hit[3]
        mentions.extend(hit[1])
    order = sorted(by_article)
    known: dict[int, tuple[int, ...]] = {}
    if cache is not None:
        cache.keep_only(set(by_article))
        newest_known = max(cache.partners, default=-1)
        if any(a < newest_known and a not in cache.partners for a in order):
            cache.partners.clear()  # an older article arrived late: recompute
        known = cache.partners
    compared = partners(order, profiles, known, fp)
    if cache is not None:
        if not known and cache.links:  # worked out afresh: pairs no longer compared go
            pairs = {(a1, a2) for a2, ps in compared.items() for a1 in ps}
            for key in [k for k in cache.links if k not in pairs]:
                del cache.links[key]
        cache.partners = compared

    links: list[Link] = []
    for a2 in order:
        for a1 in compared[a2]:
            pair = cache.links.get((a1, a2)) if cache is not None else None
            if pair is None:
                (ms1, near1), (ms2, near2) = local[a1], local[a2]
                pair = pair_links(ms1, ms2, near1, near2, fp, vp)
                if cache is not None:
                    cache.links[(a1, a2)] = pair
            o1, o2 = offset[a1], offset[a2]
            links.extend((s, o1 + i, o2 + j) for s, i, j in pair)

    # Union strongest links first; never put two mentions of one article in one fact.
    parent = {i: i for i in range(len(mentions))}
    members: dict[int, set[int]] = {i: {mentions[i].article} for i in range(len(mentions))}
    for _, i, j in sorted(links, reverse=True):
        ri, rj = find_root(parent, i), find_root(parent, j)
        if ri == rj or members[ri] & members[rj]:
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)

    groups: dict[int, list[ClaimRecord]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[find_root(parent, i)].extend(m.records)
    facts = [sorted(g, key=lambda r: r.claim_id) for g in groups.values()]
    facts.sort(key=lambda g: g[0].claim_id)
    return facts
