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
from datetime import date
from functools import lru_cache

from factwatch.ingest.claims.words import trie_regex
from factwatch.ingest.models import Claim

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
_MAX_APPOSITION_GAP = 40

_CLAUSE_CUT = re.compile(
    r"[,;:，；：。]|\s(?:and|while|whereas|but|et|mais|alors que|und|während|aber|y|pero|"
    r"mientras|e|ma|mentre|mas|enquanto|maar|terwijl)\s|而|并且|同时|但"
)
_LINKED_GAPS = re.compile(r"…[\s(（\[]*(?:soit|or|约合|约|i\.e\.)?[\s\w]{0,12}?…[\s)）\]]*")
# A clause needs a few words (or a few Chinese characters) to say what its figure measures.
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}|[\u3400-\u9fff]")
_MIN_CONTENT_WORDS = 2
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d])")


# Country names that are also common words.
_AMBIGUOUS_NAMES = frozenset(
    {"chad", "jersey", "turkey", "georgia", "jordan", "guinea", "niger", "norfolk"}
)
# CLDR territory codes that are groupings, not countries: "the EU imposed duties" does not
# place a figure in another country than "Hungary".
_GROUPINGS = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


# Regions that name a fixed list of countries: "85 tiendas en la península ibérica" is a
# figure for Spain and Portugal together, the whole of which "900 workers in Portugal" is a
# part. Written in lower case as they often are ("la penisola iberica").
_REGIONS: dict[str, str] = {
    **dict.fromkeys(
        [
            "iberian peninsula",
            "péninsule ibérique",
            "iberische halbinsel",
            "península ibérica",
            "penisola iberica",
            "iberisch schiereiland",
            "伊比利亚半岛",
        ],
        "ES PT",
    ),
    **dict.fromkeys(["benelux", "比荷卢"], "BE NL LU"),
    **dict.fromkeys(
        [
            "scandinavia",
            "scandinavie",
            "skandinavien",
            "escandinavia",
            "escandinávia",
            "scandinavië",
            "斯堪的纳维亚",
        ],
        "DK NO SE",
    ),
    **dict.fromkeys(
        [
            "baltic states",
            "pays baltes",
            "baltikum",
            "baltische staaten",
            "países bálticos",
            "paesi baltici",
            "baltische staten",
            "波罗的海三国",
        ],
        "EE LV LT",
    ),
}


@lru_cache(maxsize=1)
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Country names in the eight languages (babel's CLDR data) → ISO 3166 code, and the
    regions of `_REGIONS` → their codes, space-separated."""
    from babel import Locale

    names: dict[str, str] = dict(_REGIONS)
    for lang in ("en", "fr", "de", "es", "it", "pt", "nl", "zh"):
        for code, name in Locale.parse(lang).territories.items():
            long_enough = len(name) >= 4 or (not name.isascii() and len(name) >= 2)
            key = name.casefold()
            if (
                len(code) == 2
                and code.isalpha()
                and code not in _GROUPINGS
                and long_enough
                and key not in _AMBIGUOUS_NAMES
            ):
                names.setdefault(key, code)
    pattern = re.compile(
        r"(?<!\w)(" + trie_regex(list(names)) + r")(?!\w)"
        "|(" + trie_regex([n for n in names if not n.isascii()]) + ")",
        re.IGNORECASE,
    )
    return pattern, names


def countries_in(text: str) -> frozenset[str]:
    """ISO codes of the countries a text names, in any of the eight languages."""
    pattern, names = _country_pattern()
    return frozenset(code for m in pattern.finditer(text) for code in _code(names, m).split())


def _code(names: dict[str, str], match: re.Match[str]) -> str:
    # the pattern lets any run of spaces stand for one ("Costa\u00a0Rica")
    return names[" ".join((match.group(1) or match.group(2)).split()).casefold()]


# What may stand between the names of a list of countries: "France, Germany and Italy",
# "en France, en Allemagne et en Italie", "in Deutschland und Österreich", "西班牙和葡萄牙".
_LIST_GAP = re.compile(
    r"^[\s,、，]*(?:(?:and|or|as well as|et|ou|und|oder|sowie|y|o|e|ou|ed|en|和|及|与|以及)"
    r"(?![^\W\d_]))?[\s,]*(?:(?:in|en|a|au|aux|nach|em|no|na|nel|nella|in der|im)"
    r"(?![^\W\d_]))?\s*(?:the\s)?$",
    re.IGNORECASE,
)
FIGURE_MARK = "…"


def figure_countries(claim: Claim, segment: str) -> frozenset[str]:
    """Where a figure is placed: the country (or list) nearest it in its clause, else in
    its sentence ("En France, 42 magasins et environ 850 salariés sont concernés")."""
    found = clause_countries(segment)
    if found or not claim.sentence:
        return found
    offset = claim.start - claim.sentence_start
    if not 0 <= offset <= len(claim.sentence):
        return countries_in(claim.sentence)
    marked = (
        claim.sentence[:offset] + f" {FIGURE_MARK} " + claim.sentence[offset + len(claim.surface) :]
    )
    return clause_countries(marked)


def clause_countries(segment: str) -> frozenset[str]:
    """The countries a clause places its figure in: the named country (or list of
    countries) nearest the figure.

    "The closures include … shops in France, its largest overseas market, as well as
    branches in Germany, Spain and Italy" is about France; "ses … magasins en France, en
    Allemagne, en Espagne et en Italie" about all four.
    """
    pattern, names = _country_pattern()
    # Latin-script country names are capitalised; "la china Hengchuan" is an adjective.
    found = [
        (m.start(), m.end(), code)
        for m in pattern.finditer(segment)
        if not m.group(0).isascii() or m.group(0)[:1].isupper() or " " in _code(names, m)
        for code in _code(names, m).split()
    ]
    if not found:
        return frozenset()
    lists: list[list[tuple[int, int, str]]] = [[found[0]]]
    for item in found[1:]:
        if _LIST_GAP.match(segment[lists[-1][-1][1] : item[0]]):
            lists[-1].append(item)
        else:
            lists.append([item])
    mark = segment.find(FIGURE_MARK)
    if mark < 0 or len(lists) == 1:
        return frozenset(code for group in lists for _, _, code in group)

    def distance(group: list[tuple[int, int, str]]) -> int:
        start, end = group[0][0], group[-1][1]
        return start - mark if start > mark else max(0, mark - end)

    return frozenset(code for _, _, code in min(lists, key=distance))


# "a Siena", "in der Kölner Schildergasse", "à Lyon", "en Córdoba", "nel Piemonte".
_LOCATIVE = re.compile(
    r"(?<![^\W\d_])(?:in|at|near|à|au|aux|en|im|bei|nach|a|nel|nella|nei|negli|em|no|na|"
    r"bij|te|nabij|op)"
    r"\s+(?:(?:der|dem|den|the|la|le|les|el|los|las|il|lo|o|os|as|het|de)\s+)?"
    r"([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2})",
    re.IGNORECASE,
)


def clause_places(segment: str, lang: str, context: str = "") -> frozenset[str]:
    """Named places a clause puts its figure in, below the country level ("a Siena",
    "in der Kölner Schildergasse"), as name keys.

    A capitalised word after a locative preposition that the entity extractor also takes
    for a name; countries and regions are left to `clause_countries`. Chinese names are
    translated, so zh clauses have none.
    """
    from factwatch.ingest.entities import extract_entities, is_generic_name, normalise_name

    if lang.split("-")[0] in ("zh", "ja"):
        return frozenset()
    words: set[str] = set()
    for m in _LOCATIVE.finditer(segment):
        if lang.startswith("pt") and m.group(0)[:2] in ("A ", "O "):
            continue  # "A Câmara Municipal de Lisboa": an article ("A Londra" is Italian)
        for w in m.group(1).split():
            if not w[:1].isupper():
                break
            words.add(normalise_name(w.strip("'’-")))
    if not words:
        return frozenset()
    names = {
        t
        for e in extract_entities(segment, lang, context=context, exonyms=False)
        for t in e.split()
    }
    return frozenset(w for w in words & names if not is_generic_name(w))


def name_tokens(text: str) -> frozenset[str]:
    """Normalised word tokens of a text, to check whether it names a place."""
    from factwatch.ingest.entities import normalise_name

    return frozenset(normalise_name(w) for w in re.findall(r"[^\W\d_][\w'’-]*", text))


@lru_cache(maxsize=65536)  # one place against one article's tokens, for each pair of mentions
def names_place(place: str, tokens: frozenset[str]) -> bool:
    """Whether a text (its tokens) names a place, inflected forms and close exonyms included
    ("Köln" / "Kölner", "Siena" / "Sienne"; "Cologne" is missed)."""
    from factwatch.ingest.entities import common_prefix

    for token in tokens:
        shared = common_prefix(place, token)
        if shared >= 4 and shared >= min(len(place), len(token)) - 1:
            return True
    return False


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
        if len(_CONTENT_WORD.findall(segment)) < _MIN_CONTENT_WORDS:
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
