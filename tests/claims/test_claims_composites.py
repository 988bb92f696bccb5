"""Figures built from several parts: ranges, elided nouns, sub-units, written numbers."""

from __future__ import annotations

import pytest

from tests.claims.helpers import claims, of_kind, values


def test_range_chain_shares_scale_and_currency() -> None:
    text = "to increase from 24.2 to 33-35 billion euros"
    assert values(text, "en", "money") == [(24.2e9, "EUR"), (33e9, "EUR"), (35e9, "EUR")]


def test_descending_range_keeps_the_first_figure_as_written() -> None:
    text = "ranging from $200 to $4 million"
    assert values(text, "en", "money") == [(200, "USD"), (4e6, "USD")]


def test_elided_count_takes_the_previous_noun() -> None:
    text = "The launches offer 435 homes by open sale and 187 by tender."
    assert values(text, "en", "count") == [(435, "homes"), (187, "homes")]
    assert values("2,5 millions d'habitants et 20 000 m² de bureaux", "fr", "count") == [
        (2.5e6, "residents")]


def test_dollars_and_cents_are_one_amount() -> None:
    assert values("it only cost 3 dollars 50 cents.", "en", "money") == [(3.5, "USD")]
    assert values("es kostet nur 15 Dollar und 15 Cent.", "de", "money") == [(15.15, "USD")]
    assert values("It costs $5, 30 cents more than before.", "en", "money") == [
        (5, "USD"), (0.3, "USD")]


def test_pence_and_video_resolutions() -> None:
    assert values("Shares rose 6.5% to 164p.", "en", "money") == [(1.64, "GBP")]
    assert of_kind("The stream is 1080p and 480p.", "en", "money") == []


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "a billion dollars", 1e9, "USD"),
        ("en", "five million yen", 5e6, "JPY"),
        ("fr", "Un milliard d'euros", 1e9, "EUR"),
        ("de", "Eine Milliarde Euro", 1e9, "EUR"),
        ("es", "un mil millones de dólares", 1e9, "USD"),
        ("it", "un miliardo di euro", 1e9, "EUR"),
        ("pt", "um bilhão de dólares", 1e9, "USD"),
    ],
)
def test_written_numbers_with_a_scale(lang: str, text: str, value: float, unit: str) -> None:
    assert values(text, lang, "money") == [(value, unit)]


def test_written_numbers_we_cannot_read_are_left_alone() -> None:
    # Fractions in words and runs of numbers that are no number: no claim, not a wrong one.
    assert of_kind("dos tercios por ciento de los votos", "es", "percent") == []
    assert of_kind("cinq six pour cent", "fr", "percent") == []
    assert of_kind("jusqu’à un million", "fr", "money") == []


def test_proportions_are_not_counts() -> None:
    assert of_kind("1 in 5 children were affected", "en", "count") == []


def test_chinese_discounts_and_tenths() -> None:
    assert values("全场打7折，部分商品五五折", "zh", "percent") == [(70, "%"), (55, "%")]
    assert values("折合人民币100元", "zh", "percent") == []
    assert values("三成半", "zh", "percent") == [(35, "%")]


def test_bare_amount_needs_a_currency_in_its_sentence_or_the_same_amount_elsewhere() -> None:
    text = "Il decreto stanzia 500 milioni per il 2025. Il prezzo è di 15 euro."
    assert of_kind(text, "it", "money") == [c for c in claims(text, "it") if c.value == 15]
    text = "El Ayuntamiento aportará 45 millones de euros en 2026 y 52 millones en 2027."
    assert values(text, "es", "money") == [(45e6, "EUR"), (52e6, "EUR")]
