"""Choosing among overlapping candidates."""

from __future__ import annotations

import math

from factwatch.ingest.claims.candidates import Candidate


def without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: higher kind priority, then the longer span.

    Candidates are grouped into runs of mutually reachable overlaps first, so the choice
    stays linear in the number of candidates however long the text.
    """
    valid = [c for c in candidates if c.end > c.start
             and (c.value is None or math.isfinite(c.value))]
    valid.sort(key=lambda c: (c.start, c.end))
    chosen: list[Candidate] = []
    cluster: list[Candidate] = []
    reach = -1
    for c in [*valid, None]:
        if c is not None and c.start < reach:
            cluster.append(c)
            reach = max(reach, c.end)
            continue
        chosen += _best_of(cluster)
        if c is not None:
            cluster, reach = [c], c.end
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _best_of(cluster: list[Candidate]) -> list[Candidate]:
    ranked = sorted(cluster, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in ranked:
        if not any(c.start < o.end and o.start < c.end for o in kept):
            kept.append(c)
    return kept
