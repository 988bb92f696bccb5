"""Numeral parsing per locale and the significant-digits rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from factwatch.ingest.claims.numbers import parse_number, parse_zh_numeral
from factwatch.ingest.claims.words import number_words


@pytest.mark.parametrize(
    ("token", "lang", "value", "precision"),
    [
        ("1,250", "en", "1250", 3),
        ("1,250.5", "en", "1250.5", 5),
        ("2.9", "en", "2.9", 2),
        ("1.250", "en", "1.25", 4),  # English decimal point
        ("1.250", "de", "1250", 3),  # German thousands separator
        ("1,250", "fr", "1.25", 4),  # French decimal comma
        ("4 500", "fr", "4500", 2),
        ("262 144", "fr", "262144", 6),
        ("4\u00a0500", "fr", "4500", 2),
        ("1'100", "de", "1100", 2),
        ("5.400", "es", "5400", 2),
        ("1.234.567,51274", "es", "1234567.51274", 12),
        ("4,10", "es", "4.10", 3),  # written zeros after the decimal mark are significant
        ("0,250", "en", "0.250", 3),  # a leading zero is never a thousands group
        ("52", "fr", "52", 2),
        ("52,4", "fr", "52.4", 3),
        ("100", "en", "100", 1),
        ("0", "en", "0", 1),
    ],
)
def test_parse_number(token: str, lang: str, value: str, precision: int) -> None:
    parsed = parse_number(token, lang)
    assert parsed is not None
    assert parsed[0] == Decimal(value)
    assert parsed[1] == precision


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十五", 15),
        ("一千", 1000),
        ("两", 2),
        ("一万亿", 10**12),
        ("一亿五千万", 150_000_000),
        ("四十九兆九千五百九十二億", 49_959_200_000_000),
        ("八点五", Decimal("8.5")),
    ],
)
def test_chinese_numerals(text: str, value: int | Decimal) -> None:
    parsed = parse_zh_numeral(text)
    assert parsed is not None
    assert parsed[0] == Decimal(value)


def test_chinese_approximations_are_not_numbers() -> None:
    assert parse_zh_numeral("二三十") is None


@pytest.mark.parametrize(
    ("lang", "word", "value"),
    [("en", "twenty-two", 22), ("fr", "soixante-dix-sept", 77), ("fr", "quatre-vingt-onze", 91),
     ("de", "zweiundzwanzig", 22), ("es", "treinta y cinco", 35), ("es", "veintidós", 22),
     ("it", "ventotto", 28), ("pt", "vinte e cinco", 25)],
)
def test_number_words(lang: str, word: str, value: int) -> None:
    assert number_words(lang)[word] == value
