"""The per-language claim grammar, compiled once per language from the lexicons.

Each pattern is anchored where the extractor uses it: `*_after` patterns are matched at a
position right after a numeral (`pattern.match(text, pos)`), `*_before` patterns end right
before it (`pattern.search(text, lo, start)`, they end with `$`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from factwatch.ingest.claims import currencies
from factwatch.ingest.claims.numbers import LATIN, ZH_NUMERAL_CHARS, ZH_SCALE_CHARS, number_pattern
from factwatch.ingest.lang import SUPPORTED, LanguageData, get, union

SP = "[ \u00a0]"  # one space as normalize() leaves it (plain or no-break)
WORD_END = rf"(?![0-9{LATIN}])"
WORD_START = rf"(?<![0-9{LATIN}])"

# The percent words that are also nouns: "un porcentaje del 25 %" is no 1 %.
PERCENT_NOUNS: frozenset[str] = frozenset(union("percent_nouns"))


def phrase_regex(phrase: str) -> str:
    """Regex for a lexicon phrase: spaces stretch over no-break spaces; case as written
    for short abbreviations with capitals ("M", "Md", "A$"), otherwise case-insensitive."""
    body = re.escape(phrase).replace("\\ ", SP + "+")
    has_upper = any(ch.isupper() for ch in phrase)
    if has_upper and len(phrase) <= 4:
        return body
    return f"(?i:{body})"


def alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(phrase_regex(p) for p in ordered)


def key(phrase: str) -> str:
    """Lookup key of a matched phrase: case-folded, single spaces."""
    return " ".join(phrase.replace("\u00a0", " ").split()).casefold()


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns and lookup tables for one language."""

    lang: str
    data: LanguageData
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
    names = list(get(lang).currency_names)
    if get(lang).english_currency_names:
        names += get("en").currency_names
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
    prefix += get(lang).currency_prefixes
    return suffix, prefix, table


def _exact(phrases: list[str]) -> str:
    """Case-sensitive alternation (symbols and codes are written in one case)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace("\\ ", SP + "?") for p in ordered)


@lru_cache(maxsize=16)
def grammar_for(lang: str) -> Grammar:
    """The compiled grammar of `lang` (cached; unknown languages use English)."""
    if lang not in SUPPORTED:
        lang = "en"
    data = get(lang)
    zh = lang == "zh"  # Chinese numerals ("三千", "1.5万") are read by claims/numbers.py
    number = re.compile(
        number_pattern(lang) + (rf"(?P<zh>[多余]?[{ZH_SCALE_CHARS}]*)" if zh else "")
    )
    zh_numeral = re.compile(
        rf"[{ZH_NUMERAL_CHARS}]+(?:[点點][{ZH_NUMERAL_CHARS}]+)?" if zh else "(?!)"
    )
    return Grammar(
        lang=lang, data=data, number=number, zh_numeral=zh_numeral, **_scales(data),
        **_currency(data), **_percent(data), **_qualifiers(data), **_context(data),
    )


def _scales(data: LanguageData) -> dict:
    scales: dict[str, tuple[int, bool]] = {}
    for phrase, power, weak in data.scales:
        scales[key(phrase)] = (power, weak)
        scales[phrase] = (power, weak)
    alt = alternation([p for p, _, _ in data.scales]) or "(?!)"
    # German joins figure, scale and unit with hyphens: "10-Milliarden-Euro-Paket".
    hyphen_next = "[A-Za-z]" if data.capitalised_nouns else "[a-z]"
    scale_after = re.compile(
        rf"(?:{SP}?|(?P<hy>-)(?={hyphen_next}))(?P<s1>{alt}){WORD_END}"
        rf"(?:{SP}+(?P<s2>{alt}){WORD_END})?"
    )
    connectors = [
        re.escape(c) + (f"{SP}*" if c.endswith("'") else f"{SP}+")
        for c in data.connectors
    ]
    connector_after = re.compile(
        rf"{SP}+(?i:{'|'.join(connectors)})" if connectors else "(?!)"
    )
    return {"scale_after": scale_after, "scales": scales, "connector_after": connector_after}


def _currency(data: LanguageData) -> dict:
    suffix, prefix, names = _currency_tables(data.code)
    lower_alt = "|".join(sorted(currencies.LOWER_OK))
    symbols = {s for s, _, _ in currencies.SYMBOLS} | set(currencies.CODES)
    word_like = [p for p in suffix if p not in symbols]
    lettered = [p for p in suffix if p in symbols and p[-1].isascii() and p[-1].isalpha()]
    signs = [p for p in suffix if p in symbols and p not in lettered]
    boundary = "" if data.unspaced else WORD_END
    # A name glued to a hyphenated word is a compound ("pound-feet"), except "-a-share" and
    # German compounds, which name the amount ("ein 700-Euro-Gutschein").
    compound = "" if data.capitalised_nouns else rf"(?!-(?!an?-)[{LATIN}])"
    currency_after = re.compile(
        rf"{SP}?(?P<cur>(?:{alternation(word_like)}){boundary}{compound}"
        rf"|(?:{_exact(lettered)}){WORD_END}|(?:{_exact(signs)})|(?i:{lower_alt}){WORD_END})"
    )
    currency_before = re.compile(
        rf"{WORD_START}(?P<cur>{_exact(prefix)}|(?i:{lower_alt}){WORD_END}){SP}?$"
    )
    per_unit = data.per_unit
    per_unit_after = re.compile(
        rf"{SP}+(?P<per>{alternation(per_unit)}){WORD_END}" if per_unit else "(?!)"
    )
    return {"currency_after": currency_after, "currency_before": currency_before,
            "currency_names": names, "per_unit_after": per_unit_after}


def _percent(data: LanguageData) -> dict:
    boundary = "" if data.unspaced else WORD_END
    percent_after = re.compile(rf"{SP}?(?P<pct>{alternation(data.percent_words)})(?![{LATIN}])")
    percent_before = (
        # Not after a numeral: "五百分之二" is two five-hundredths.
        re.compile(rf"(?<![0-9{ZH_NUMERAL_CHARS}佰仟])(?P<pct>百万分之|千万分之|百分之|千分之|"
                   r"万分之|佰分之|仟分之|萬分之)$")
        if data.code == "zh" else re.compile("(?!)")
    )
    points_after = re.compile(
        rf"{SP}?(?P<pts>{alternation([p for p, _ in data.point_words])}){boundary}"
    )
    return {"percent_after": percent_after, "percent_before": percent_before,
            "points_after": points_after, "points": {key(p): f for p, f in data.point_words}}


def _qualifiers(data: LanguageData) -> dict:
    qualifiers: dict[str, str] = {}
    before: list[str] = []
    for qual, phrases in data.qualifiers.items():
        for p in phrases:
            qualifiers[key(p)] = qual
            before.append(p)
    after: list[str] = []
    for qual, phrases in data.suffix_qualifiers.items():
        for p in phrases:
            qualifiers.setdefault(key(p), qual)
            after.append(p)
    if data.unspaced:
        qualifier_before = re.compile(rf"(?P<q>{alternation(before)}){SP}?$")
    else:
        qualifier_before = re.compile(
            rf"{WORD_START}(?P<q>{alternation(before)})(?:{SP}+|(?<='))$|(?P<t>~){SP}?$"
        )
    qualifier_after = re.compile(
        rf"{SP}?(?P<q>{alternation(after)})" + ("" if data.unspaced else WORD_END)
        if after else "(?!)"
    )
    verbs = data.bound_verbs
    bound_verb_before = re.compile(
        rf"{WORD_START}(?:{alternation(verbs)}){SP}+(?:\S+{SP}+)?$" if verbs else "(?!)"
    )
    return {"qualifier_before": qualifier_before, "qualifier_after": qualifier_after,
            "qualifiers": qualifiers, "bound_verb_before": bound_verb_before}


def _context(data: LanguageData) -> dict:
    ranks = data.rank_words
    rank_before = re.compile(
        rf"(?:{WORD_START}(?:{alternation(ranks)}){SP}*|#|n°{SP}*|N°{SP}*)$"
        if not data.unspaced else rf"(?:{alternation(ranks)})$"
    )
    range_after = re.compile(rf"{SP}*(?:{alternation(data.range_words)}){SP}*")
    word_after = re.compile(rf"{SP}*(?P<w>[{LATIN}][{LATIN}0-9'\-]*)")
    return {"rank_before": rank_before, "range_after": range_after, "word_after": word_after}
