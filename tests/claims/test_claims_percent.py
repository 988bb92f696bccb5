"""Percentages and percentage points in every language."""

from __future__ import annotations

import pytest

from tests.claims.helpers import of_kind, one, values


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "a premium of 33% to the closing price", 33, "%"),
        ("en", "shares fell 3.2 percent", 3.2, "%"),
        ("en", "rates rose 2.5 per cent", 2.5, "%"),
        ("en", "they were up 5pc", 5, "%"),
        ("en", "the index lost -0.6% on Friday", -0.6, "%"),
        ("en", "up 0.3 percentage points", 0.3, "pp"),
        ("en", "a cut of 25 basis points", 0.25, "pp"),
        ("en", "twenty percent of the staff", 20, "%"),
        ("fr", "une prime de 38 %", 38, "%"),
        ("fr", "81,2\u00a0% de bonnes réponses", 81.2, "%"),
        ("fr", "en hausse de 0,3 point de pourcentage", 0.3, "pp"),
        ("de", "ein Aufschlag von 38 Prozent", 38, "%"),
        ("de", "um 2,3 Prozent zu", 2.3, "%"),
        ("de", "0,3 Prozentpunkte mehr", 0.3, "pp"),
        ("es", "crecerá un 18 % pese a la sequía", 18, "%"),
        ("es", "veinticinco por ciento", 25, "%"),
        ("it", "detiene il 96,4% del capitale", 96.4, "%"),
        ("it", "salito dell'1,2%", 1.2, "%"),
        ("pt", "a inflação atingiu 2,9% em janeiro", 2.9, "%"),
        ("pt", "caiu 4,8 por cento", 4.8, "%"),
        ("zh", "同比增长21.4%", 21.4, "%"),
        ("zh", "百分之二十五", 25, "%"),
        ("zh", "百分之２．４", 2.4, "%"),
        ("zh", "近九成的用户", 90, "%"),
        ("zh", "营收增长2.4个百分点", 2.4, "pp"),
    ],
)
def test_percent(lang: str, text: str, value: float, unit: str) -> None:
    claim = one(text, lang, "percent")
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_percent_ranges() -> None:
    assert values("growth of 3-5%", "en", "percent") == [(3, "%"), (5, "%")]
    assert values("from 4.8 to 4.7 percent", "en", "percent") == [(4.8, "%"), (4.7, "%")]


def test_a_sign_after_a_name_is_not_a_range() -> None:
    assert values("Stoxx 50 -1.3% FTSE -0.6%", "en", "percent") == [(-1.3, "%"), (-0.6, "%")]


@pytest.mark.parametrize(
    ("lang", "text", "qualifier", "surface"),
    [
        ("es", "alrededor del 60 % de la plantilla", "about", "alrededor del 60 %"),
        ("de", "um rund 20 Prozent gesunken", "about", "rund 20 Prozent"),
        ("zh", "中签率约19.4%", "about", "约19.4%"),
        ("en", "more than 40% of voters", "more_than", "more than 40%"),
    ],
)
def test_percent_qualifiers(lang: str, text: str, qualifier: str, surface: str) -> None:
    claim = one(text, lang, "percent")
    assert claim.qualifier == qualifier
    assert claim.surface == surface


def test_chinese_tenths_need_a_number_not_a_word() -> None:
    assert of_kind("成都有一成不变的风景，组成了新团队", "zh", "percent") == []
