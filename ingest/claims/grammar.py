"""The per-language claim grammar, compiled once per language from the lexicons.

Each pattern is anchored where the extractor uses it: `*_after` patterns are matched at a
position right after a numeral (`pattern.match(text, pos)`), `*_before` patterns end right
before it (`pattern.search(text, lo, start)`, they end with `$`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factwatch.ingest.claims import currencies, lexicon
from factwatch.ingest.claims.numbers import LATIN, ZH_NUMERAL_CHARS, ZH_SCALE_CHARS, number_pattern

SP = "[ \u00a0]"  # one space as normalize() leaves it (plain or no-break)
WORD_END = rf"(?![0-9{LATIN}])"
WORD_START = rf"(?<![0-9{LATIN}])"

# After a number, "percentage" is a percent word too ("100 percentage"); "percentage
# point(s)" is matched first as points.
PERCENT_WORDS: dict[str, list[str]] = {
    "en": ["%", "percent", "per cent", "pct", "pc", "pct.", "percents", "percentage",
           "percentages"],
    "fr": ["%", "pour cent", "pourcent", "pourcents", "pour-cent", "pourcentage",
           "pourcentages"],
    "de": ["%", "Prozent", "v. H.", "vH", "v.H."],
    "es": ["%", "por ciento", "por cien", "porcentaje"],
    "it": ["%", "per cento", "percento", "per cent", "percentuale"],
    "pt": ["%", "por cento", "porcentagem", "percentagem"],
    "nl": ["%", "procent", "pct", "pct.", "percent"],
    "zh": ["%"],
}
# The percent words that are also nouns: "un porcentaje del 25 %" is no 1 %.
PERCENT_NOUNS: frozenset[str] = frozenset(
    ["percentage", "percentages", "percents", "pourcentage", "pourcentages", "porcentaje",
     "percentuale", "porcentagem", "percentagem"]
)
POINT_WORDS: dict[str, list[tuple[str, float]]] = {
    "en": [("percentage points", 1), ("percentage point", 1), ("pp", 1), ("ppt", 1),
           ("basis points", 0.01), ("basis point", 0.01), ("bps", 0.01), ("bp", 0.01)],
    "fr": [("points de pourcentage", 1), ("point de pourcentage", 1),
           ("points de base", 0.01), ("pb", 0.01)],
    "de": [("Prozentpunkte", 1), ("Prozentpunkten", 1), ("Prozentpunkt", 1),
           ("Basispunkte", 0.01), ("Basispunkten", 0.01)],
    "es": [("puntos porcentuales", 1), ("punto porcentual", 1), ("puntos básicos", 0.01),
           ("puntos base", 0.01), ("pb", 0.01)],
    "it": [("punti percentuali", 1), ("punto percentuale", 1), ("punti base", 0.01),
           ("pb", 0.01)],
    "pt": [("pontos percentuais", 1), ("ponto percentual", 1), ("pontos-base", 0.01),
           ("pontos base", 0.01), ("p.p.", 1)],
    "nl": [("procentpunten", 1), ("procentpunt", 1), ("percentagepunten", 1),
           ("percentagepunt", 1), ("procentuele punten", 1), ("basispunten", 0.01),
           ("basispunt", 0.01)],
    "zh": [("个百分点", 1), ("百分点", 1), ("個百分點", 1), ("百分點", 1), ("个基点", 0.01),
           ("基点", 0.01), ("個基點", 0.01), ("基點", 0.01)],
}
PER_UNIT: dict[str, list[str]] = {
    "en": ["a share", "per share", "each share", "a piece", "per kilo", "a kilo", "per kg",
           "a kg", "a barrel", "per barrel", "a tonne", "per tonne", "a ton", "per ton",
           "an ounce", "per ounce", "a litre", "per litre", "a gallon", "per gallon"],
    "fr": ["par action", "l'action", "par titre", "le kilo", "par kilo", "le kg", "le baril",
           "par baril", "la tonne", "par tonne", "le litre", "par litre", "l'once"],
    "de": ["je Aktie", "pro Aktie", "pro Kilo", "je Kilo", "pro Kilogramm", "pro Barrel",
           "je Barrel", "pro Fass", "je Tonne", "pro Tonne", "pro Liter", "je Liter",
           "pro Unze", "je Unze"],
    "es": ["por acción", "por título", "por kilo", "el kilo", "por kg", "por barril",
           "el barril", "por tonelada", "la tonelada", "por litro", "el litro", "por onza"],
    "it": ["per azione", "ad azione", "al chilo", "il chilo", "al kg", "al barile",
           "alla tonnellata", "al litro", "all'oncia"],
    "pt": ["por ação", "por quilo", "o quilo", "por kg", "por barril", "o barril",
           "por tonelada", "a tonelada", "por litro", "o litro", "por onça"],
    "nl": ["per aandeel", "per kilo", "per kg", "per vat", "per ton", "per liter", "per ons",
           "per stuk", "per troy ounce"],
    "zh": [],
}


def phrase_regex(phrase: str) -> str:
    """Regex for a lexicon phrase: spaces stretch over no-break spaces; case as written
    for short abbreviations with capitals ("M", "Md", "A$"), otherwise case-insensitive."""
    body = re.escape(phrase).replace("\\ ", SP + "+")
    has_upper = any(ch.isupper() for ch in phrase)
    if has_upper and len(phrase) <= 4:
        return body
    return f"(?i:{body})"


def alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(phrase_regex(p) for p in ordered)


def key(phrase: str) -> str:
    """Lookup key of a matched phrase: case-folded, single spaces."""
    return " ".join(phrase.replace("\u00a0", " ").split()).casefold()


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns and lookup tables for one language."""

    lang: str
    number: re.Pattern[str]
    zh_numeral: re.Pattern[str]
    scale_after: re.Pattern[str]
    scales: dict[str, tuple[int, bool]]
    percent_after: re.Pattern[str]
    percent_before: re.Pattern[str]
    points_after: re.Pattern[str]
    points: dict[str, float]
    currency_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    currency_names: dict[str, tuple[str, float]]
    per_unit_after: re.Pattern[str]
    connector_after: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    qualifiers: dict[str, str]
    bound_verb_before: re.Pattern[str]
    rank_before: re.Pattern[str]
    range_after: re.Pattern[str]
    word_after: re.Pattern[str]


def _currency_tables(lang: str) -> tuple[list[str], list[str], dict[str, tuple[str, float]]]:
    """(suffix phrases, prefix phrases, lookup) for `lang`, with English names as fallback."""
    table: dict[str, tuple[str, float]] = {}
    suffix: list[str] = []
    prefix: list[str] = []
    names = list(currencies.NAMES.get(lang, []))
    if lang not in ("en", "zh"):
        names += currencies.NAMES["en"]
    for phrase, code, factor in names:
        table.setdefault(key(phrase), (code, factor))
        table.setdefault(phrase, (code, factor))
        suffix.append(phrase)
    for phrase, code, factor in currencies.SYMBOLS:
        table.setdefault(phrase, (code, factor))
        table.setdefault(key(phrase), (code, factor))
        suffix.append(phrase)
        prefix.append(phrase)
    for code, iso in currencies.CODES.items():
        table.setdefault(code, (iso, 1))
        suffix.append(code)
        prefix.append(code)
        if code.lower() in currencies.LOWER_OK:
            table.setdefault(code.lower(), (iso, 1))
    if lang == "zh":
        prefix += ["人民币", "美元", "港币", "欧元"]
    return suffix, prefix, table


def _exact(phrases: list[str]) -> str:
    """Case-sensitive alternation (symbols and codes are written in one case)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace("\\ ", SP + "?") for p in ordered)


@lru_cache(maxsize=16)
def grammar_for(lang: str) -> Grammar:
    """The compiled grammar of `lang` (cached; unknown languages use English)."""
    if lang not in lexicon.LANGS:
        lang = "en"
    number = re.compile(
        number_pattern(lang) + (rf"(?P<zh>[多余]?[{ZH_SCALE_CHARS}]*)" if lang == "zh" else "")
    )
    zh_numeral = re.compile(
        rf"[{ZH_NUMERAL_CHARS}]+(?:[点點][{ZH_NUMERAL_CHARS}]+)?" if lang == "zh" else "(?!)"
    )
    return Grammar(
        lang=lang, number=number, zh_numeral=zh_numeral, **_scales(lang), **_currency(lang),
        **_percent(lang), **_qualifiers(lang), **_context(lang),
    )


def _scales(lang: str) -> dict:
    scales: dict[str, tuple[int, bool]] = {}
    for phrase, power, weak in lexicon.SCALES[lang]:
        scales[key(phrase)] = (power, weak)
        scales[phrase] = (power, weak)
    alt = alternation([p for p, _, _ in lexicon.SCALES[lang]]) or "(?!)"
    # German joins figure, scale and unit with hyphens: "10-Milliarden-Euro-Paket".
    hyphen_next = "[A-Za-z]" if lang == "de" else "[a-z]"
    scale_after = re.compile(
        rf"(?:{SP}?|(?P<hy>-)(?={hyphen_next}))(?P<s1>{alt}){WORD_END}"
        rf"(?:{SP}+(?P<s2>{alt}){WORD_END})?"
    )
    connectors = [
        re.escape(c) + (f"{SP}*" if c.endswith("'") else f"{SP}+")
        for c in lexicon.CONNECTORS[lang]
    ]
    connector_after = re.compile(
        rf"{SP}+(?i:{'|'.join(connectors)})" if connectors else "(?!)"
    )
    return {"scale_after": scale_after, "scales": scales, "connector_after": connector_after}


def _currency(lang: str) -> dict:
    suffix, prefix, names = _currency_tables(lang)
    lower_alt = "|".join(sorted(currencies.LOWER_OK))
    symbols = {s for s, _, _ in currencies.SYMBOLS} | set(currencies.CODES)
    word_like = [p for p in suffix if p not in symbols]
    lettered = [p for p in suffix if p in symbols and p[-1].isascii() and p[-1].isalpha()]
    signs = [p for p in suffix if p in symbols and p not in lettered]
    boundary = "" if lang == "zh" else WORD_END
    # A name glued to a hyphenated word is a compound ("pound-feet"), except "-a-share" and
    # German compounds, which name the amount ("ein 700-Euro-Gutschein").
    compound = "" if lang == "de" else rf"(?!-(?!an?-)[{LATIN}])"
    currency_after = re.compile(
        rf"{SP}?(?P<cur>(?:{alternation(word_like)}){boundary}{compound}"
        rf"|(?:{_exact(lettered)}){WORD_END}|(?:{_exact(signs)})|(?i:{lower_alt}){WORD_END})"
    )
    currency_before = re.compile(
        rf"{WORD_START}(?P<cur>{_exact(prefix)}|(?i:{lower_alt}){WORD_END}){SP}?$"
    )
    per_unit = PER_UNIT[lang]
    per_unit_after = re.compile(
        rf"{SP}+(?P<per>{alternation(per_unit)}){WORD_END}" if per_unit else "(?!)"
    )
    return {"currency_after": currency_after, "currency_before": currency_before,
            "currency_names": names, "per_unit_after": per_unit_after}


def _percent(lang: str) -> dict:
    boundary = "" if lang == "zh" else WORD_END
    percent_after = re.compile(rf"{SP}?(?P<pct>{alternation(PERCENT_WORDS[lang])})(?![{LATIN}])")
    percent_before = (
        # Not after a numeral: "五百分之二" is two five-hundredths.
        re.compile(rf"(?<![0-9{ZH_NUMERAL_CHARS}佰仟])(?P<pct>百万分之|千万分之|百分之|千分之|"
                   r"万分之|佰分之|仟分之|萬分之)$")
        if lang == "zh" else re.compile("(?!)")
    )
    points_after = re.compile(
        rf"{SP}?(?P<pts>{alternation([p for p, _ in POINT_WORDS[lang]])}){boundary}"
    )
    return {"percent_after": percent_after, "percent_before": percent_before,
            "points_after": points_after, "points": {key(p): f for p, f in POINT_WORDS[lang]}}


def _qualifiers(lang: str) -> dict:
    qualifiers: dict[str, str] = {}
    before: list[str] = []
    for qual, phrases in lexicon.QUALIFIERS[lang].items():
        for p in phrases:
            qualifiers[key(p)] = qual
            before.append(p)
    after: list[str] = []
    for qual, phrases in lexicon.SUFFIX_QUALIFIERS[lang].items():
        for p in phrases:
            qualifiers.setdefault(key(p), qual)
            after.append(p)
    if lang == "zh":
        qualifier_before = re.compile(rf"(?P<q>{alternation(before)}){SP}?$")
    else:
        qualifier_before = re.compile(
            rf"{WORD_START}(?P<q>{alternation(before)})(?:{SP}+|(?<='))$|(?P<t>~){SP}?$"
        )
    qualifier_after = re.compile(
        rf"{SP}?(?P<q>{alternation(after)})" + ("" if lang == "zh" else WORD_END)
        if after else "(?!)"
    )
    verbs = lexicon.BOUND_VERBS[lang]
    bound_verb_before = re.compile(
        rf"{WORD_START}(?:{alternation(verbs)}){SP}+(?:\S+{SP}+)?$" if verbs else "(?!)"
    )
    return {"qualifier_before": qualifier_before, "qualifier_after": qualifier_after,
            "qualifiers": qualifiers, "bound_verb_before": bound_verb_before}


def _context(lang: str) -> dict:
    ranks = lexicon.RANK_WORDS[lang]
    rank_before = re.compile(
        rf"(?:{WORD_START}(?:{alternation(ranks)}){SP}*|#|n°{SP}*|N°{SP}*)$"
        if lang != "zh" else rf"(?:{alternation(ranks)})$"
    )
    range_after = re.compile(rf"{SP}*(?:{alternation(lexicon.RANGE_WORDS[lang])}){SP}*")
    word_after = re.compile(rf"{SP}*(?P<w>[{LATIN}][{LATIN}0-9'\-]*)")
    return {"rank_before": rank_before, "range_after": range_after, "word_after": word_after}
