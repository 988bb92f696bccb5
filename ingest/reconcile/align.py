"""Which mentions of two articles are one fact: three alignment passes over their scores.

1. mutual best matches at or above the bar (`FactParams.match_threshold`), every kind at
   once; the pairs among them whose values agree are the anchors;
2. a pair that is already each other's best match but whose short clauses embed too far
   apart still links when agreeing figures stand beside both ("€48 a share, a premium of
   33%" / "48 euros par action, soit une prime de 38 %"): the bar is `anchor_bonus` lower;
3. dates left over a day apart, each in the very sentence of an agreed figure, link with the
   bar lower still by `date_slip_bonus` (one event, its day misreported).

The links depend on the two articles alone, which is what lets a growing story be reconciled
pair by new pair (`FactCache`).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from factwatch.ingest.params import FactParams, VerdictParams
from factwatch.ingest.reconcile.features import PairFeatures, pair_features
from factwatch.ingest.reconcile.mentions import NEXT_SENTENCE, SAME_SENTENCE, Mention, Nearness
from factwatch.ingest.reconcile.score import score

Link = tuple[float, int, int]  # score, mention of the first article, of the second


def mutual_best(
    scores: np.ndarray, left: list[int], right: list[int], threshold: float
) -> list[Link]:
    """One-to-one alignment of two articles' mentions: mutual best matches, then mutual
    best among those left over (the greedy assignment), every pair at or above threshold.

    A mention whose best counterpart is taken by a closer match still meets its own next
    best ("a total payout of $630 million" after the closer profit pair is aligned)."""
    pairs = sorted(
        ((float(scores[li, rj]), li, rj) for li in range(len(left)) for rj in range(len(right))),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for s, li, rj in pairs:
        if s < threshold:
            break
        if li in used_l or rj in used_r:
            continue
        used_l.add(li)
        used_r.add(rj)
        out.append((s, left[li], right[rj]))
    return out


def anchored(
    i: int,
    j: int,
    anchors: list[tuple[int, int]],
    near1: Nearness,
    near2: Nearness,
    both: bool = False,
) -> bool:
    """Whether an agreeing pair of figures stands beside mentions i (of the first article)
    and j (of the second): in the very same sentence in one article, in the same or the
    next sentence in the other (`both`: in the same sentence in both)."""
    least = SAME_SENTENCE if both else NEXT_SENTENCE
    return any(
        min(near1[i].get(p, 0), near2[j].get(q, 0)) >= least
        and max(near1[i].get(p, 0), near2[j].get(q, 0)) == SAME_SENTENCE
        for p, q in anchors
    )


def pair_links(
    ms1: list[Mention],
    ms2: list[Mention],
    near1: Nearness,
    near2: Nearness,
    facts: FactParams,
    verdicts: VerdictParams,
) -> list[Link]:
    """The links between two articles' mentions (indexes local to each article)."""
    kinds1: dict[str, list[int]] = defaultdict(list)
    kinds2: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms1):
        kinds1[m.kind].append(i)
    for j, m in enumerate(ms2):
        kinds2[m.kind].append(j)
    features: dict[tuple[int, int], PairFeatures] = {}
    tables = []
    for kind in sorted(kinds1.keys() & kinds2.keys()):
        left, right = kinds1[kind], kinds2[kind]
        for i in left:
            for j in right:
                features[(i, j)] = pair_features(ms1[i], ms2[j], facts, verdicts)
        scores = np.array(
            [[score(features[(i, j)], facts) for j in right] for i in left], dtype=float
        )
        tables.append((left, right, scores))
    threshold = facts.match_threshold
    # First pass: what already matches between the two articles and agrees in value,
    # every kind at once (a match between conflicting figures is itself uncertain).
    matched = [mutual_best(sc, left, right, threshold) for left, right, sc in tables]
    anchors = [(i, j) for pairs in matched for _, i, j in pairs if features[(i, j)].agree]
    # Second pass: anchored pairs under the bar; third, dates a day apart.
    links: list[Link] = []
    for (left, right, scores), pairs in zip(tables, matched, strict=True):
        found = list(pairs)
        for s, i, j in mutual_best(scores, left, right, threshold - facts.anchor_bonus):
            if (
                s < threshold
                and anchored(i, j, anchors, near1, near2)
                and not features[(i, j)].implausible
            ):
                found.append((s, i, j))
        if ms1[left[0]].kind == "date":
            low = threshold - facts.anchor_bonus - facts.date_slip_bonus
            found += _date_slips(
                left, right, scores, features, found, anchors, near1, near2, low, facts
            )
        links.extend(found)
    return links


def _date_slips(
    left: list[int],
    right: list[int],
    scores: np.ndarray,
    features: dict[tuple[int, int], PairFeatures],
    found: list[Link],
    anchors: list[tuple[int, int]],
    near1: Nearness,
    near2: Nearness,
    low: float,
    facts: FactParams,
) -> list[Link]:
    """Third pass, dates left unlinked: a day apart, each in the very sentence of an agreed
    pair of figures (`date_slip_bonus`), aligned as `mutual_best` aligns. Only such pairs
    compete, so a date of another event a day away elsewhere in the article does not take
    the place."""
    used1 = {i for _, i, _ in found}
    used2 = {j for _, _, j in found}
    eligible = np.full_like(scores, -np.inf)
    for li, i in enumerate(left):
        for rj, j in enumerate(right):
            if (
                i not in used1
                and j not in used2
                and features[(i, j)].date_gap <= facts.date_slip_days
                and anchored(i, j, anchors, near1, near2, both=True)
            ):
                eligible[li, rj] = scores[li, rj]
    return mutual_best(eligible, left, right, low)
