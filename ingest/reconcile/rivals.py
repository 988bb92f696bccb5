"""Competing figures in one article: "the ministry counts 12,000 strikers; the union, 15,000".

Pure. An article that gives two sources' values of one quantity states one fact twice, and
the two values are the disagreement an editor wants to see. Two figures of one article are
read as rivals only when everything points that way: one kind and unit, the same or adjacent
sentences, values of one order (at most `FactParams.rival_max_ratio` apart) that no rounding
reconciles, the same years, no verb of change or "from" between them (that is a figure and
its earlier level) in the passage, and two attributions in the passage (`LanguageData.source_words`:
"according to", "selon", "laut", "据"), one per source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import combinations

from factwatch.ingest.lang import find
from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.params import FactParams, VerdictParams
from factwatch.ingest.reconcile.compare import common_interval, count_family, nouns_kindred
from factwatch.ingest.reconcile.values import interval_of
from factwatch.ingest.text import base_language


@cache
def _sources(lang: str) -> re.Pattern[str] | None:
    data = find(lang)
    if data is None or not data.source_words:
        return None
    body = "|".join(re.escape(w) for w in sorted(data.source_words, key=len, reverse=True))
    if data.unspaced:
        return re.compile(body)
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])", re.IGNORECASE)


# A figure's earlier level: "from 1.1 billion", "de 600", "von 4,2", "van 300".
_FROM = re.compile(r"(?<![^\W\d_])(?:from|de|desde|da|dal|du|von|van)\s+[0-9]", re.IGNORECASE)


@cache
def _change(lang: str) -> re.Pattern[str] | None:
    data = find(lang)
    if data is None or not data.change_stems:
        return None
    return re.compile(rf"(?<![^\W\d_])(?:{data.change_stems})", re.IGNORECASE)


def _same_unit(a: ClaimRecord, b: ClaimRecord) -> bool:
    ua, ub = a.claim.unit or "", b.claim.unit or ""
    if a.claim.kind == "money":
        return ua == ub
    return ua == ub or count_family(ua) == count_family(ub) or nouns_kindred(ua, ub)


def _passage(a: ClaimRecord, b: ClaimRecord) -> str | None:
    """The sentence (or the two adjacent sentences) holding both figures, else None."""
    first, second = sorted((a, b), key=lambda r: r.claim.sentence_start)
    if first.claim.sentence_start == second.claim.sentence_start:
        return first.claim.sentence
    end = first.claim.sentence_start + len(first.claim.sentence)
    if 0 <= second.claim.sentence_start - end <= 2:
        return first.claim.sentence + " " + second.claim.sentence
    return None


def rivals(
    recs: list[ClaimRecord],
    years: dict[int, frozenset[int]],
    facts: FactParams,
    verdicts: VerdictParams,
) -> Iterator[tuple[int, int]]:
    """Pairs of claim ids of one article that are two sources' values of one quantity."""
    if not recs:
        return
    lang = base_language(recs[0].lang)  # one article, one language
    sources, change = _sources(lang), _change(lang)
    if sources is None:
        return
    figures = [
        r for r in recs if r.claim.kind in ("money", "count") and (r.claim.value or 0) > 0
    ]
    for a, b in combinations(figures, 2):
        if a.claim.kind != b.claim.kind or not _same_unit(a, b):
            continue
        va, vb = float(a.claim.value or 0), float(b.claim.value or 0)
        if max(va, vb) / min(va, vb) > facts.rival_max_ratio:
            continue
        if common_interval([interval_of(a, verdicts), interval_of(b, verdicts)]) is not None:
            continue  # the same figure, rounded: not two sources' values
        ya, yb = years.get(a.claim_id, frozenset()), years.get(b.claim_id, frozenset())
        if ya and yb and not ya & yb:
            continue
        passage = _passage(a, b)
        if passage is None or not _attributed_apart(a, b, passage, sources, facts):
            continue
        plain = sources.sub(" ", passage)  # "sprachen von 12.000" attributes, not a change
        if _FROM.search(plain) or (change is not None and change.search(plain)):
            continue  # a change: the figure and its earlier level, not two sources
        yield a.claim_id, b.claim_id


def _offset(rec: ClaimRecord, first: ClaimRecord) -> tuple[int, int]:
    """The figure's span in the passage that starts with `first`'s sentence."""
    shift = 0
    if rec.claim.sentence_start != first.claim.sentence_start:
        shift = len(first.claim.sentence) + 1
    start = rec.claim.start - rec.claim.sentence_start + shift
    return start, start + (rec.claim.end - rec.claim.start)


def _attributed_apart(
    a: ClaimRecord, b: ClaimRecord, passage: str, sources: re.Pattern[str], facts: FactParams
) -> bool:
    """Each figure has its own attribution within `rival_source_window` characters: "8,500
    according to the police, 12,000 according to the organisers"."""
    first, second = sorted((a, b), key=lambda r: (r.claim.sentence_start, r.claim.start))
    found = [m.span() for m in sources.finditer(passage)]

    def near(rec: ClaimRecord) -> set[tuple[int, int]]:
        lo, hi = _offset(rec, first)
        w = facts.rival_source_window
        return {s for s in found if s[1] >= lo - w and s[0] <= hi + w}

    na, nb = near(first), near(second)
    return any(x != y for x in na for y in nb)
