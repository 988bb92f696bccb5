"""Numbers written as words ("deux milliards", "twenty percent", "un millón de euros").

They make a claim only next to a scale word, a percent word or a currency: "four consortia"
stays a plain phrase. Articles ("a", "un", "ein") count as one only before a scale
("a billion dollars", "un milliard d'euros").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.claims.lexicon import words

_UNITS: dict[str, list[str]] = {
    "en": words("one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen"),
    "fr": words("un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
                "quinze seize dix-sept dix-huit dix-neuf"),
    "de": words("eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
                "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn"),
    "es": words("uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
                "quince dieciséis diecisiete dieciocho diecinueve"),
    "it": words("uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
                "quattordici quindici sedici diciassette diciotto diciannove"),
    "pt": words("um dois três quatro cinco seis sete oito nove dez onze doze treze catorze "
                "quinze dezesseis dezessete dezoito dezenove"),
}
_TENS: dict[str, list[str]] = {
    "en": words("twenty thirty forty fifty sixty seventy eighty ninety"),
    "fr": words("vingt trente quarante cinquante soixante soixante-dix quatre-vingt "
                "quatre-vingt-dix"),
    "de": words("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig"),
    "es": words("veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa"),
    "it": words("venti trenta quaranta cinquanta sessanta settanta ottanta novanta"),
    "pt": words("vinte trinta quarenta cinquenta sessenta setenta oitenta noventa"),
}
_EXTRA: dict[str, dict[str, int]] = {
    "en": {"hundred": 100, "zero": 0},
    "fr": {"une": 1, "cent": 100, "quatre-vingts": 80, "zéro": 0},
    "de": {"ein": 1, "eine": 1, "einer": 1, "einen": 1, "einem": 1, "hundert": 100,
           "einhundert": 100, "null": 0},
    "es": {
        "un": 1,
        "una": 1,
        "veintiún": 21,
        "veintiuna": 21,
        "veintidós": 22,
        "veintitrés": 23,
        "veintiséis": 26,
        "cien": 100,
        "ciento": 100,
    },
    "it": {"un": 1, "una": 1, "cento": 100, "ventitré": 23, "trentatré": 33},
    "pt": {
        "uma": 1,
        "duas": 2,
        "catorze": 14,
        "quatorze": 14,
        "dezasseis": 16,
        "dezassete": 17,
        "dezanove": 19,
        "cem": 100,
        "cento": 100,
    },
}
# Words that are articles as often as numbers: one only before a scale word.
ARTICLES: frozenset[str] = frozenset(
    words("a an one un une ein eine einer einen einem uno una um uma")
)
_JOINERS: dict[str, str] = {"en": "", "fr": "et", "de": "und", "es": "y", "it": "", "pt": "e"}


@lru_cache(maxsize=8)
def number_words(lang: str) -> dict[str, int]:
    """Every written form of 0-100 in `lang` (compounds included) -> its value."""
    units = _UNITS.get(lang)
    if units is None:
        return {}
    table = {w: i + 1 for i, w in enumerate(units)}
    table.update(_EXTRA.get(lang, {}))
    for t, tens_word in enumerate(_TENS[lang]):
        tens = 20 + 10 * t
        if lang == "fr" and tens_word.endswith("-dix"):
            tens = {"soixante-dix": 70, "quatre-vingt-dix": 90}[tens_word]
            base = tens_word[: -len("-dix")]
            table[tens_word] = tens
            for u in range(1, 10):
                form = units[9 + u] if u <= 9 else ""
                table[f"{base}-{form}"] = tens + u
            table[f"{base} et onze"] = tens + 1
            continue
        table[tens_word] = tens
        for u, unit_word in enumerate(units[:9], start=1):
            table.update({f: tens + u for f in _compounds(lang, tens_word, unit_word, u)})
    if lang == "en":
        table.update({"a": 1, "an": 1})
    return table


def _compounds(lang: str, tens: str, unit: str, u: int) -> list[str]:
    if lang == "en":
        return [f"{tens}-{unit}", f"{tens} {unit}"]
    if lang == "fr":
        if u == 1:
            return (
                [f"{tens}-un"] if tens.startswith("quatre") else [f"{tens} et un", f"{tens}-et-un"]
            )
        return [f"{tens}-{unit}"]
    if lang == "de":
        first = "ein" if u == 1 else unit
        return [f"{first}und{tens}"]
    if lang in ("es", "pt"):
        forms = [f"{tens} {_JOINERS[lang]} {unit}"]
        if lang == "es" and tens == "veinte":
            forms.append("veinti" + unit)
        return forms
    if lang == "it":
        stem = tens[:-1] if unit[0] in "uo" else tens
        return [stem + ("tré" if unit == "tre" else unit)]
    return []


@lru_cache(maxsize=8)
def number_word_pattern(lang: str) -> re.Pattern[str] | None:
    """Regex matching the longest written number at a word start (case-insensitive)."""
    table = number_words(lang)
    if not table:
        return None
    forms = sorted(table, key=len, reverse=True)
    body = "|".join(re.escape(f).replace("\\ ", "[ \u00a0]+") for f in forms)
    return re.compile(rf"(?<![\w-])(?i:{body})(?![\w])")
