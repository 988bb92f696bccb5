"""Text built to hurt the extractor (issue 14): it ends, in linear time, with the real claims.

Timings are in bench/hostile_text.py; these tests hold the behaviour a user sees."""

from __future__ import annotations

from factwatch.ingest.claims import extract_claims
from factwatch.ingest.claims.extract import extract_unchecked
from factwatch.ingest.claims.sentences import split_sentences


def _values(claims) -> list[tuple[str, float | None, str | None]]:
    return [(c.kind, c.value, c.unit) for c in claims]


def test_a_run_of_scale_characters_does_not_lose_the_articles_other_claims():
    text = "公司投资一" + "亿" * 39 + "元建设工厂，另有5亿元用于研发。"
    assert _values(extract_unchecked(text, "zh")) == [("money", 5e8, "CNY")]


def test_scale_words_beyond_any_real_quantity_are_not_claims():
    text = "The firm invests 5" + " billion" * 39 + " dollars, and 3 million euros."
    assert _values(extract_unchecked(text, "en")) == [("money", 3e6, "EUR")]
    assert extract_claims("收入" + "亿" * 256_000 + "元。", "zh") == []


def test_a_page_of_no_break_spaces_keeps_its_claims():
    text = "Le chiffre atteint 12 millions d'euros." + "\u00a0" * 320_000 + "\nFin à 5 %."
    assert _values(extract_claims(text, "fr")) == [("money", 12e6, "EUR"), ("percent", 5.0, "%")]


def test_sentences_around_long_white_space_runs():
    text = "First line" + " " * 50_000 + "\n" + "\u00a0" * 50_000 + "Second line. Third one."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["First line", "Second line.", "Third one."]


def test_a_run_of_full_stops_still_ends_the_sentence():
    text = "Prices rose 4 %" + "." * 100_000 + " Wages rose 3 %."
    assert _values(extract_claims(text, "en")) == [("percent", 4.0, "%"), ("percent", 3.0, "%")]
