"""What each claim is about: the clause around it, apposition links, years and countries.

A sentence often carries several figures ("revenue of 280 bn yuan (36.7 bn euros), up 8%");
each claim gets the part of its sentence nearest to it (cut at clause boundaries between
figures), so that matching compares what is measured rather than whole sentences. A figure
followed by its conversion in brackets or after "soit"/"or about"/"约合" is the same
mention: they share one clause and are linked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingest.models import Claim

# A conversion stated beside a figure: "380 bn yuan (50 bn euros)", "41 Mrd. Yuan –
# umgerechnet rund 4,9 Mrd. Euro", "450 millones de libras, unos 510 millones de euros al
# cambio actual", "410亿元人民币（约合54亿欧元）". The gap between the two figures is short and
# is either bare punctuation or carries a conversion marker.
_BARE_GAP = re.compile(r"^[\s\u00a0\u202f]*[(\[（,，、:=–—-]?[\s\u00a0\u202f]*$")
_CONVERSION_MARKER = re.compile(
    r"\b(?:soit|umgerechnet|das sind|das entspricht|entspricht|equivalent|equal to|or about|"
    r"or around|or roughly|worth about|i\.e\.|es decir|equivalentes?|al cambio|al tipo|"
    r"pari a|ovvero|cioè|ou seja|equivalente|corrispondenti)\b|约合|折合|相当于|合计约",
    re.IGNORECASE,
)
_MAX_APPOSITION_GAP = 40

_CLAUSE_CUT = re.compile(
    r"[,;:，；：。]|\s(?:and|while|whereas|but|et|mais|alors que|und|während|aber|y|pero|"
    r"mientras|e|ma|mentre|mas|enquanto)\s|而|并且|同时|但"
)
_LINKED_GAPS = re.compile(r"…[\s(（\[]*(?:soit|or|约合|约|i\.e\.)?[\s\w]{0,12}?…[\s)）\]]*")
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d])")


# Country names that are also common words.
_AMBIGUOUS_NAMES = frozenset({"chad", "jersey", "turkey", "georgia", "jordan", "guinea", "niger"})


@lru_cache(maxsize=1)
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Country names in the seven languages (babel's CLDR data) → ISO 3166 code."""
    from babel import Locale

    names: dict[str, str] = {}
    for lang in ("en", "fr", "de", "es", "it", "pt", "zh"):
        for code, name in Locale.parse(lang).territories.items():
            long_enough = len(name) >= 4 or (not name.isascii() and len(name) >= 2)
            key = name.casefold()
            if len(code) == 2 and code.isalpha() and long_enough and key not in _AMBIGUOUS_NAMES:
                names.setdefault(key, code)
    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in alternatives) + r")(?!\w)"
        "|(" + "|".join(re.escape(n) for n in alternatives if not n.isascii()) + ")",
        re.IGNORECASE,
    )
    return pattern, names


def countries_in(text: str) -> frozenset[str]:
    """ISO codes of the countries a text names, in any of the seven languages."""
    pattern, names = _country_pattern()
    return frozenset(names[(m.group(1) or m.group(2)).casefold()] for m in pattern.finditer(text))


@dataclass(frozen=True)
class ClaimContext:
    """The clause a claim stands in (its own figure removed) and its apposition group."""

    segment: str
    link_group: int


def years_in(segment: str) -> frozenset[int]:
    """Years a clause refers to ("2024 revenue", "le budget 2026")."""
    return frozenset(int(y) for y in _YEAR.findall(segment))


def _is_apposition(a: Claim, b: Claim, text: str) -> bool:
    if a.kind != "money" or b.kind != "money" or a.unit == b.unit:
        return False
    gap = text[a.end : b.start]
    if len(gap) > _MAX_APPOSITION_GAP or any(ch in gap for ch in ".;!?。；"):
        return False
    return bool(_BARE_GAP.match(gap) or _CONVERSION_MARKER.search(gap))


def claim_contexts(text: str, claims: Sequence[Claim]) -> list[ClaimContext]:
    """One context per claim, in the order given."""
    order = sorted(range(len(claims)), key=lambda i: claims[i].start)
    groups: list[list[int]] = []
    for i in order:
        c = claims[i]
        if groups:
            prev = claims[groups[-1][-1]]
            same_sentence = prev.sentence_start == c.sentence_start
            if same_sentence and _is_apposition(prev, c, text):
                groups[-1].append(i)
                continue
        groups.append([i])

    # Clause boundaries between consecutive groups of the same sentence.
    bounds: dict[int, tuple[int, int]] = {}
    for gi, group in enumerate(groups):
        first, last = claims[group[0]], claims[group[-1]]
        s_start = first.sentence_start
        s_end = s_start + len(first.sentence) if first.sentence else last.end
        lo, hi = s_start, max(s_end, last.end)
        if gi > 0 and claims[groups[gi - 1][-1]].sentence_start == s_start:
            lo = _cut(text, claims[groups[gi - 1][-1]].end, first.start)
        if gi + 1 < len(groups) and claims[groups[gi + 1][0]].sentence_start == s_start:
            hi = _cut(text, last.end, claims[groups[gi + 1][0]].start)
        bounds[gi] = (lo, hi)

    result: list[ClaimContext | None] = [None] * len(claims)
    for gi, group in enumerate(groups):
        lo, hi = bounds[gi]
        segment = _without_figures(text, lo, hi, [claims[i] for i in group])
        for i in group:
            result[i] = ClaimContext(segment=segment, link_group=gi)
    return [r for r in result if r is not None]


def _cut(text: str, left: int, right: int) -> int:
    """Where to split the text between two figures: the clause break nearest the middle."""
    if right <= left:
        return left
    gap = text[left:right]
    mid = len(gap) / 2
    best = None
    for m in _CLAUSE_CUT.finditer(gap):
        pos = m.start() + 1
        if best is None or abs(pos - mid) < abs(best - mid):
            best = pos
    if best is None:
        best = int(mid)
    return left + best


def _without_figures(text: str, lo: int, hi: int, claims: list[Claim]) -> str:
    parts, pos = [], lo
    for c in sorted(claims, key=lambda c: c.start):
        if c.start < pos or c.end > hi:
            continue
        parts.append(text[pos : c.start])
        parts.append(" … ")
        pos = c.end
    parts.append(text[pos:hi])
    joined = re.sub(r"\s+", " ", "".join(parts))
    joined = _LINKED_GAPS.sub("… ", joined)
    return joined.strip(" ,;:()[]（），；")
