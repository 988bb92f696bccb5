"""What each claim is about: the clause around it, apposition links, years, per-unit nouns.

A sentence often carries several figures ("revenue of 280 bn yuan (36.7 bn euros), up 8%");
each claim gets the part of its sentence nearest to it (cut at clause boundaries between
figures), so that matching compares what is measured rather than whole sentences. A figure
followed by its conversion in brackets or after "soit"/"or about"/"约合" is the same
mention: they share one clause and are linked. Where a clause places its figure (countries,
towns) is read in `places`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from factwatch.ingest.models import Claim
from factwatch.ingest.params import DEFAULT, FactParams
from factwatch.ingest.text import cjk_class

# A conversion stated beside a figure: "380 bn yuan (50 bn euros)", "41 Mrd. Yuan –
# umgerechnet rund 4,9 Mrd. Euro", "450 millones de libras, unos 510 millones de euros al
# cambio actual", "410亿元人民币（约合54亿欧元）". The gap between the two figures is short and
# is either bare punctuation or carries a conversion marker.
_BARE_GAP = re.compile(
    r"^[\s\u00a0\u202f]*[(\[（,，、:=–—-]?[\s\u00a0\u202f]*(?:(?:or|ou|oder|o|ossia)\s+)?$"
)
_CONVERSION_MARKER = re.compile(
    r"\b(?:soit|umgerechnet|das sind|das entspricht|entspricht|equivalent|equal to|or about|"
    r"or around|or roughly|worth about|i\.e\.|es decir|equivalentes?|al cambio|al tipo|"
    r"pari a|ovvero|cioè|ou seja|equivalente|corrispondenti|omgerekend|oftewel|ofwel|"
    # "7,8 Mrd. Dollar wert, nach aktuellem Wechselkurs also rund 6,7 Mrd. Euro"
    r"wechselkurs|exchange rates?|taux de change|tipo de cambio|tasso di cambio|"
    r"taxa de câmbio|wisselkoers)\b|约合|折合|相当于|合计约|汇率",
    re.IGNORECASE,
)

_CLAUSE_CUT = re.compile(
    r"[,;:，；：。]|\s(?:and|while|whereas|but|et|mais|alors que|und|während|aber|y|pero|"
    r"mientras|e|ma|mentre|mas|enquanto|maar|terwijl)\s|而|并且|同时|但"
)
_LINKED_GAPS = re.compile(r"…[\s(（\[]*(?:soit|or|约合|约|i\.e\.)?[\s\w]{0,12}?…[\s)）\]]*")
# A clause needs a few words (or a few Chinese characters) to say what its figure measures
# (`FactParams.min_content_words` of them).
_CONTENT_WORD = re.compile(rf"[^\W\d_]{{3,}}|[{cjk_class(ext_a=True)}]")
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d])")


@dataclass(frozen=True)
class ClaimContext:
    """The clause a claim stands in (its own figure removed) and its apposition group."""

    segment: str
    link_group: int
    # the whole sentence, every figure of it masked: what the clause's subject may be
    sentence: str = ""


def years_in(segment: str) -> frozenset[int]:
    """Years a clause refers to ("2024 revenue", "le budget 2026")."""
    return frozenset(int(y) for y in _YEAR.findall(segment))


# Years named relative to the publication date. Comparisons ("up 8% on the previous year",
# "gegenüber dem Vorjahr") are left out: the figure beside them is the current one.
_RELATIVE_YEARS = (
    (
        0,
        re.compile(
            r"\b(?:this year|cette année|dieses Jahr(?:es)?|diesem Jahr|in diesem Jahr|"
            r"este año|este ano|quest[’']anno|neste ano|dit jaar)\b|今年",
            re.IGNORECASE,
        ),
    ),
    (
        -1,
        re.compile(
            r"\b(?:last year|l[’']an dernier|l[’']année dernière|l[’']an passé|"
            r"l[’']année passée|im vergangenen Jahr|letztes Jahr|im letzten Jahr|"
            r"el año pasado|l[’']anno scorso|o ano passado|no ano passado|vorig jaar|"
            r"afgelopen jaar|verleden jaar)\b|去年",
            re.IGNORECASE,
        ),
    ),
    (
        1,
        re.compile(
            r"\b(?:next year|l[’']an prochain|l[’']année prochaine|nächstes Jahr|"
            r"im nächsten Jahr|el próximo año|el año que viene|l[’']anno prossimo|"
            r"o próximo ano|no próximo ano|volgend jaar|komend jaar)\b|明年",
            re.IGNORECASE,
        ),
    ),
)


def relative_years(segment: str, published: date | None) -> frozenset[int]:
    """Years a clause names relative to its article's date ("this year", "l'an dernier",
    "明年"), so "470 millones este año" (2026) stays apart from "386 millions en 2025"."""
    if published is None:
        return frozenset()
    return frozenset(
        published.year + shift for shift, pat in _RELATIVE_YEARS if pat.search(segment)
    )


def _is_apposition(a: Claim, b: Claim, text: str, params: FactParams) -> bool:
    if a.kind != "money" or b.kind != "money" or a.unit == b.unit:
        return False
    gap = text[a.end : b.start]
    if len(gap) > params.max_apposition_gap or any(ch in gap for ch in ".;!?。；"):
        return False
    return bool(_BARE_GAP.match(gap) or _CONVERSION_MARKER.search(gap))


def claim_contexts(
    text: str, claims: Sequence[Claim], params: FactParams = DEFAULT.facts
) -> list[ClaimContext]:
    """One context per claim, in the order given."""
    order = sorted(range(len(claims)), key=lambda i: claims[i].start)
    groups: list[list[int]] = []
    for i in order:
        c = claims[i]
        if groups:
            prev = claims[groups[-1][-1]]
            same_sentence = prev.sentence_start == c.sentence_start
            if same_sentence and _is_apposition(prev, c, text, params):
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

    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(c.sentence_start, []).append(c)
    wholes: dict[tuple[int, int], str] = {}  # a sentence's groups share its masked text
    result: list[ClaimContext | None] = [None] * len(claims)
    for gi, group in enumerate(groups):
        lo, hi = bounds[gi]
        first = claims[group[0]]
        s_lo = first.sentence_start
        s_hi = max(s_lo + len(first.sentence), claims[group[-1]].end)
        whole = wholes.get((s_lo, s_hi))
        if whole is None:
            whole = wholes[(s_lo, s_hi)] = _without_figures(text, s_lo, s_hi, by_sentence[s_lo])
        segment = _without_figures(text, lo, hi, [claims[i] for i in group])
        if len(_CONTENT_WORD.findall(segment)) < params.min_content_words:
            # "Net profit rose 18% to $720 million": cut between the figures, the second
            # keeps "… ." and would look like every other empty clause. Such a figure
            # shares the whole sentence (its other figures masked) with its neighbours.
            segment = whole
        for i in group:
            result[i] = ClaimContext(segment=segment, link_group=gi, sentence=whole)
    return [r for r in result if r is not None]


def _cut(text: str, left: int, right: int) -> int:
    """Where to split the text between two figures: the clause break nearest the middle.

    Punctuation is preferred to a conjunction, which often joins two names instead of two
    clauses ("85 negozi in Spagna e Portogallo, con 1.400 dipendenti").
    """
    if right <= left:
        return left
    gap = text[left:right]
    mid = len(gap) / 2
    best = None
    breaks = list(_CLAUSE_CUT.finditer(gap))
    marks = [m for m in breaks if not m.group(0)[:1].isspace()]
    for m in marks or breaks:
        pos = m.start() + 1
        if best is None or abs(pos - mid) < abs(best - mid):
            best = pos
    if best is None:
        best = _word_break(gap, int(mid))
    return left + best


def _word_break(gap: str, mid: int) -> int:
    """The space nearest `mid`, so that a clause is never cut inside a word ("… t").

    Text without spaces (Chinese) is cut at the middle.
    """
    spaces = [i for i, ch in enumerate(gap) if ch.isspace()]
    if not spaces:
        return mid
    return min(spaces, key=lambda i: abs(i - mid))


def measured_noun(claim: Claim) -> str:
    """The counted noun as the text writes it ("Arbeitsplätze" in "rund 3.500 Arbeitsplätze").

    A count's surface holds what is counted; removing the whole figure from its clause would
    leave "Nach Angaben des Unternehmens entstehen …", which says nothing about jobs. The
    number, its scale word ("Milliarden", "亿") and a linking "de"/"of" are dropped, so two
    clauses meet on the noun and not on the value.
    """
    if claim.kind == "money":
        m = _PER_UNIT_TAIL.search(claim.surface)
        return m.group(0).strip() if m else ""
    if claim.kind != "count":
        return ""
    digits = [i for i, ch in enumerate(claim.surface) if ch.isdigit()]
    if not digits:
        return ""
    tail = claim.surface[digits[-1] + 1 :]
    return _SCALE_PREFIX.sub("", tail).strip()


def _scale_prefix() -> re.Pattern[str]:
    from factwatch.ingest.lang import union

    scales = sorted({w for w, _, _ in union("scales")}, key=len, reverse=True)
    connectors = sorted(set(union("connectors")), key=len, reverse=True)
    return re.compile(
        r"^[\s.,'’%]*(?:(?:"
        + "|".join(re.escape(w) for w in scales)
        + r")(?![^\W\d_])\.?\s*)?(?:(?:"
        + "|".join(re.escape(w) for w in connectors)
        + r")(?![^\W\d_])\s*)?[亿万千百]*",
        re.IGNORECASE,
    )


_SCALE_PREFIX = _scale_prefix()


def _per_unit_tail() -> re.Pattern[str]:
    from factwatch.ingest.lang import union

    phrases = sorted(set(union("per_unit")), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in phrases)
    return re.compile(r"(?<![^\W\d_])(?:" + body + r")\s*$", re.IGNORECASE)


_PER_UNIT_TAIL = _per_unit_tail()
_ZH_PER_UNIT = re.compile(r"每(?:股|桶|吨|公斤|千克|升|盎司|件)")

# What a per-unit amount is counted in, across the languages of the claim grammar.
_PER_UNIT_FAMILIES = (
    ("share", re.compile(r"share|action|titre|aktie|acci[oó]n|t[ií]tulo|azione|a[cç][aã]o|股")),
    ("kg", re.compile(r"kilo|kg|chilo|quilo|公斤|千克")),
    ("barrel", re.compile(r"barrel|baril|fass|barile|桶")),
    ("tonne", re.compile(r"ton|吨")),
    ("litre", re.compile(r"lit|gallon|升")),
    ("ounce", re.compile(r"ounce|once|unze|onza|oncia|on[cç]a|盎司")),
    ("piece", re.compile(r"piece|件|个")),
)


def per_unit(claim: Claim) -> str:
    """What a money figure is per ("share" for "€48 a share", "48 euros par action"), or ""
    for a total. A price per share and a deal's total value are never one fact."""
    if claim.kind != "money":
        return ""
    phrase = measured_noun(claim)
    if not phrase:
        # Chinese writes the unit first: "每股派息2.10美元", "每桶80美元".
        offset = claim.start - claim.sentence_start
        before = claim.sentence[max(0, offset - 6) : offset] if offset > 0 else ""
        zh = _ZH_PER_UNIT.search(before)
        phrase = zh.group(0) if zh else ""
    if not phrase:
        return ""
    low = phrase.casefold()
    return next((name for name, pat in _PER_UNIT_FAMILIES if pat.search(low)), low)


def _without_figures(text: str, lo: int, hi: int, claims: list[Claim]) -> str:
    parts, pos = [], lo
    for c in sorted(claims, key=lambda c: c.start):
        if c.start < pos or c.end > hi:
            continue
        parts.append(text[pos : c.start])
        noun = measured_noun(c)
        parts.append(f" … {noun} " if noun else " … ")
        pos = c.end
    parts.append(text[pos:hi])
    joined = re.sub(r"\s+", " ", "".join(parts))
    joined = _LINKED_GAPS.sub("… ", joined)
    return joined.strip(" ,;:()[]（），；")
