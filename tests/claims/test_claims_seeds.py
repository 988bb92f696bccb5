"""The must-pass sentences of the four French seed articles (../../seeds)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.claims.helpers import claims, of_kind

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed(name: str) -> tuple[str, date]:
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    published = {a["file"]: a["published"] for a in manifest["articles"]}[name]
    return (SEEDS / name).read_text(encoding="utf-8"), date.fromisoformat(published)


def test_380_bn_yuan_and_52_bn_dollars() -> None:
    text, pub = _seed("apsara-2025-strategie.txt")
    money = [(c.value, c.unit, c.qualifier) for c in of_kind(text, "fr", "money", pub)]
    assert (3.8e11, "CNY", None) in money
    assert (5.2e10, "USD", "about") in money


def test_more_than_45_bn_euros() -> None:
    text, pub = _seed("alibaba-agi-qwen3.txt")
    found = [c for c in of_kind(text, "fr", "money", pub) if c.value == 4.5e10]
    assert found and found[0].qualifier == "more_than"
    assert found[0].surface == "plus de 45 milliards d’euros"


def test_revenue_in_yuan_and_euros() -> None:
    text, pub = _seed("alibaba-50-milliards.txt")
    money = [(c.value, c.unit) for c in of_kind(text, "fr", "money", pub)]
    assert (2.8015e11, "CNY") in money
    assert (3.67e10, "EUR") in money


def test_model_name_gives_only_the_percent() -> None:
    found = claims("Qwen3‑235B‑A22B‑Thinking‑2507 atteint 92,3 % sur le benchmark AIME25.", "fr")
    assert [(c.kind, c.value, c.surface) for c in found] == [("percent", 92.3, "92,3 %")]


def test_parameters_tokens_and_resolutions() -> None:
    text, pub = _seed("alibaba-agi-qwen3.txt")
    counts = {(c.value, c.unit) for c in of_kind(text, "fr", "count", pub)}
    assert (2.35e11, "parameters") in counts
    assert (262144, "tokens") in counts
    assert claims("Le rendu vidéo est disponible en 480 p ou 720 p.", "fr") == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("Alibaba a annoncé le 31 août 2025 un plan.", date(2025, 8, 31), None),
     ("La conférence se tiendra du 24 au 26 septembre à Hangzhou.", date(2025, 9, 24),
      date(2025, 9, 26))],
)
def test_seed_dates(text: str, first: date, last: date | None) -> None:
    (claim,) = of_kind(text, "fr", "date", date(2025, 9, 1))
    assert (claim.date_value, claim.date_end) == (first, last)


def test_whole_seed_articles_have_no_model_name_or_year_claims() -> None:
    for name in ("alibaba-agi-qwen3.txt", "alibaba-forge-ia.txt", "apsara-2025-strategie.txt",
                 "alibaba-50-milliards.txt"):
        text, pub = _seed(name)
        for c in claims(text, "fr", pub):
            assert not any(tag in c.surface for tag in ("Qwen", "A22B", "V3", "2507")), c
            if c.kind == "count":
                assert c.value not in (2025, 2028, 2032, 2022, 2014, 2023), c
