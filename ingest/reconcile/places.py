"""Where a figure is placed: the countries (or list of countries) and the towns its clause
names, and whether another article names a place.

A figure for "France" is not the figure for "France, Germany, Spain and Italy" (a part and
a whole), and "180 dipendenti" at the Siena plant is not the headcount of an article that
never names Siena: fact matching reads these to keep such figures apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factwatch.ingest.claims.words import trie_regex
from factwatch.ingest.models import Claim
from factwatch.ingest.params import DEFAULT, FactParams
from factwatch.ingest.text import UNSPACED_LANGS, base_language, normalise_name, same_stem

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
    from factwatch.ingest.lang import SUPPORTED
    from factwatch.ingest.lang.territories import territory_names

    names: dict[str, str] = dict(_REGIONS)
    for lang in SUPPORTED:
        for code, name in territory_names(lang):
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
    from factwatch.ingest.entities import extract_entities, is_generic_name

    if base_language(lang) in UNSPACED_LANGS:
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
    return frozenset(normalise_name(w) for w in re.findall(r"[^\W\d_][\w'’-]*", text))


def names_place(place: str, tokens: frozenset[str], params: FactParams = DEFAULT.facts) -> bool:
    """Whether a text (its tokens) names a place, inflected forms and close exonyms included
    ("Köln" / "Kölner", "Siena" / "Sienne"; "Cologne" is missed)."""
    return _names_place(place, tokens, params.place_min_prefix, params.place_max_tail)


@lru_cache(maxsize=65536)  # one place against one article's tokens, for each pair of mentions
def _names_place(place: str, tokens: frozenset[str], min_prefix: int, max_tail: int) -> bool:
    return any(
        same_stem(place, token, min_shared=min_prefix, share=0.0, max_tail=max_tail)
        for token in tokens
    )
