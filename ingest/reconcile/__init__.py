"""Reconciliation: claims → facts → verdicts. Pure functions over `factwatch.ingest.models`
values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.params import DEFAULT, Params
from factwatch.ingest.reconcile.cache import FactCache
from factwatch.ingest.reconcile.facts import group_facts
from factwatch.ingest.reconcile.mentions import ClaimFeatures
from factwatch.ingest.reconcile.verdicts import Assessment, assess, format_figure

__all__ = ["ClaimFeatures", "FactCache", "ReconciledFact", "fact_label", "reconcile"]

_LABEL_CHARS = 90


@dataclass(frozen=True)
class ReconciledFact:
    key: str
    kind: str
    label: str
    records: tuple[ClaimRecord, ...]
    assessment: Assessment


def fact_label(records: Sequence[ClaimRecord], feats: dict[int, ClaimFeatures]) -> str:
    """A short description of what the fact measures, from its clearest clause.

    English clauses are preferred (most readers of a multilingual desk read English), then
    the earliest article's.
    """

    def rank(r: ClaimRecord):
        in_headline = bool(r.title) and r.claim.sentence.strip() == r.title.strip()
        return (r.lang != "en", in_headline, r.published or date.min, r.claim.start)

    best = min(records, key=rank)
    seg = feats[best.claim_id].segment if best.claim_id in feats else best.claim.sentence
    seg = " ".join(seg.split())
    if len(seg) > _LABEL_CHARS:
        seg = seg[: _LABEL_CHARS - 1].rsplit(" ", 1)[0] + "…"
    figure = format_figure(best.claim.value, best.claim.unit) if best.claim.kind != "date" else ""
    kind = {"money": "amount", "percent": "share", "count": "count", "date": "date"}[
        best.claim.kind
    ]
    head = f"{kind} {figure}".strip()
    return f"{head} — “{seg}”" if seg else head


def reconcile(
    records: Sequence[ClaimRecord],
    feats: dict[int, ClaimFeatures],
    cache: FactCache | None = None,
    params: Params = DEFAULT,
) -> list[ReconciledFact]:
    """Group a story's claims into facts and judge each one (`cache`: see `FactCache`; a
    fact whose claims are unchanged since the last call keeps its judgement; `params`: the
    fact and verdict stages' tuned numbers)."""
    out: list[ReconciledFact] = []
    judged: dict[tuple[int, ...], ReconciledFact] = {}
    for group in group_facts(records, feats, cache=cache, params=params):
        ids = tuple(r.claim_id for r in group)
        fact = cache.judged.get(ids) if cache is not None else None
        if fact is None:
            key = f"{group[0].claim.kind}:{group[0].claim_id}"
            label = fact_label(group, feats)
            fact = ReconciledFact(
                key=key,
                kind=group[0].claim.kind,
                label=label,
                records=tuple(group),
                assessment=assess(key, label, list(group), params.verdicts),
            )
        judged[ids] = fact
        out.append(fact)
    if cache is not None:
        cache.judged = judged
    return out
