"""Which earlier articles of its story each article is compared with.

All of them in a short story; past `FactParams.max_partners`, the newest few (an update
restates what the last reports said) and those whose figures' clauses read most like its
own. A fact restated through a long story links up through the chain of articles that
repeat it, and the work per new article stays bounded however long the story runs.
"""

from __future__ import annotations

import numpy as np

from factwatch.ingest.params import FactParams
from factwatch.ingest.reconcile.mentions import Mention


def profile(mentions: list[Mention]) -> np.ndarray | None:
    """What an article's figures are about: the mean of its mentions' clause vectors."""
    vecs = [m.vector for m in mentions if m.vector is not None]
    if not vecs:
        return None
    v = np.mean(np.stack(vecs), axis=0)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else None


def partners(
    order: list[int],
    profiles: dict[int, np.ndarray | None],
    known: dict[int, tuple[int, ...]],
    params: FactParams,
) -> dict[int, tuple[int, ...]]:
    """For each article (ids in arrival order), the earlier articles it is compared with:
    all of them in a short story; past `max_partners`, the `newest_partners` newest and the
    rest of the quota by similarity of their profiles (`profile`). `known` holds those
    already worked out (they depend on earlier articles only)."""
    quota, newest_n = params.max_partners, params.newest_partners
    out: dict[int, tuple[int, ...]] = {}
    for k, b in enumerate(order):
        if b in known:
            out[b] = known[b]
            continue
        earlier = order[:k]
        if len(earlier) <= quota:
            out[b] = tuple(earlier)
            continue
        newest = earlier[-newest_n:]
        rest = earlier[:-newest_n]
        pb = profiles.get(b)
        sims = np.array(
            [
                float(pa @ pb) if pb is not None and (pa := profiles.get(a)) is not None else -1.0
                for a in rest
            ]
        )
        # most similar first; among equals the newer
        ranked = np.lexsort((-np.arange(len(rest)), -sims))[: quota - newest_n]
        out[b] = tuple(sorted([rest[int(r)] for r in ranked] + newest))
    return out
