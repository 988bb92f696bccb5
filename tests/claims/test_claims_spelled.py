"""Numbers written in words, read whole: compounds, hundreds, scales, decimals, joiners."""

from __future__ import annotations

from decimal import Decimal

import pytest

from factwatch.ingest.claims.words import read_spelled
from tests.claims.helpers import of_kind, one, values


@pytest.mark.parametrize(
    ("lang", "text", "value", "power", "words"),
    [
        ("en", "two thousand three hundred and forty-five", "2345", 0, None),
        ("en", "nineteen hundred", "1900", 0, None),
        ("en", "three point one four", "3.14", 0, None),
        ("en", "two point five million", "2.5", 6, "two point five"),
        ("en", "half a million", "0.5", 6, "half"),
        ("fr", "deux cent quarante", "240", 0, None),
        ("fr", "quatre-vingt-dix-sept", "97", 0, None),
        ("fr", "trois mille deux cents", "3200", 0, None),
        ("fr", "deux milliards", "2", 9, "deux"),
        ("de", "einhundertneunundneunzig", "199", 0, None),
        ("de", "siebenhundert", "700", 0, None),
        ("de", "dreißig", "30", 0, None),
        ("de", "zweitausenddreihundertzwölf", "2312", 0, None),
        ("de", "zwei Komma fünf", "2.5", 0, None),
        ("es", "tres millones cincuenta y dos mil trescientos", "3052300", 0, None),
        ("es", "dos mil trescientos millones", "2300", 6, "dos mil trescientos"),
        ("es", "un mil millones", "1", 9, "un"),
        ("es", "cuarenta y siete coma veintiocho", "47.28", 0, None),
        ("es", "dos coma cinco millones", "2.5", 6, "dos coma cinco"),
        ("es", "veintidos", "22", 0, None),  # written without its accent
        ("it", "duecentotrentacinque", "235", 0, None),
        ("it", "tremila", "3", 3, "tre"),
        ("it", "quattro virgola sei", "4.6", 0, None),
        ("pt", "trezentos e vinte e um", "321", 0, None),
        ("pt", "mil milhões", "1000", 6, "mil"),
        ("pt", "tres", "3", 0, None),  # written without its accent
    ],
)
def test_read_spelled(lang: str, text: str, value: str, power: int, words: str | None) -> None:
    sp = read_spelled(text, 0, lang)
    assert sp is not None
    assert (sp.value, sp.power) == (Decimal(value), power)
    assert text[sp.start : sp.end] == (words if words is not None else text)
    assert sp.scale_end == len(text)


@pytest.mark.parametrize(
    ("lang", "text", "read"),
    [
        ("fr", "cinq six", "cinq"),  # a unit cannot follow a unit
        ("en", "five and six", "five"),  # "and" joins only after hundreds and scales
        ("de", "Achtung", None),  # "acht" inside a longer word
        ("it", "settembre", None),
        ("es", "miles de personas", None),
        ("en", "millions of people", None),  # a large scale alone is no number
        ("fr", "quarante-cinq cents", "quarante-cinq"),  # cents of a currency, not hundreds
    ],
)
def test_read_spelled_stops_where_the_grammar_breaks(
    lang: str, text: str, read: str | None
) -> None:
    sp = read_spelled(text, 0, lang)
    assert (text[sp.start : sp.scale_end] if sp else None) == read


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "Turnout fell to sixty-two percent.", 62),
        ("en", "inflation of three point five percent", 3.5),
        ("en", "a rise of one hundred and twenty percent", 120),
        ("fr", "une hausse de deux cent dix pour cent", 210),
        ("fr", "soixante-quinze pour cent des salariés", 75),
        ("de", "ein Plus von siebenunddreißig Prozent", 37),
        ("de", "rund dreißig Prozent der Stimmen", 30),
        ("es", "el cuarenta y siete coma dos por ciento", 47.2),
        ("es", "un aumento del ciento veinte por ciento", 120),
        ("it", "il ventisette per cento dei voti", 27),
        ("it", "una crescita del centoventi per cento", 120),
        ("pt", "uma alta de trezentos e vinte por cento", 320),
        ("pt", "quatro vírgula sete por cento", 4.7),
    ],
)
def test_written_percentages(lang: str, text: str, value: float) -> None:
    assert one(text, lang, "percent").value == pytest.approx(value)


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("de", "Das kostet siebenhundert Euro.", 700, "EUR"),
        ("de", "ein siebenhundert-Euro-Gutschein", 700, "EUR"),
        ("es", "una multa de dos mil trescientos millones de euros", 2.3e9, "EUR"),
        ("it", "un premio di tremila euro", 3000, "EUR"),
        ("en", "half a million dollars", 5e5, "USD"),
        ("en", "a quarter of a billion pounds", 2.5e8, "GBP"),
        ("de", "eine halbe Milliarde Euro", 5e8, "EUR"),
        ("es", "medio millón de euros", 5e5, "EUR"),
    ],
)
def test_written_amounts(lang: str, text: str, value: float, unit: str) -> None:
    claim = one(text, lang, "money")
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_written_ranges_share_the_unit() -> None:
    assert values("a fee of six or seven euros", "en", "money") == [(6, "EUR"), (7, "EUR")]
    assert values("entre cinco y seis por ciento", "es", "percent") == [(5, "%"), (6, "%")]


def test_an_article_before_a_percentage_noun_is_no_figure() -> None:
    assert values("un porcentaje del 25 %", "es", "percent") == [(25, "%")]
    assert values("una percentuale del 30%", "it", "percent") == [(30, "%")]


def test_a_written_number_inside_a_fraction_is_no_figure() -> None:
    assert of_kind("uno sobre cuatro por ciento", "es", "percent") == []
