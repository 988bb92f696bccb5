"""Country names found in clauses, in seven languages (CLDR names through one regex)."""

from __future__ import annotations

import re

import pytest

from ingest.claims.words import trie_regex
from ingest.reconcile.context import clause_countries, countries_in


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Plants in France and Germany will close.", {"FR", "DE"}),
        ("Les usines en Allemagne, en Espagne et en Italie", {"DE", "ES", "IT"}),
        ("Die Werke in Österreich und der Schweiz", {"AT", "CH"}),
        ("Fábricas en los Estados Unidos y en el Reino Unido", {"US", "GB"}),
        ("工厂位于西班牙和葡萄牙", {"ES", "PT"}),
        ("The French plant, the Frenchman's shop", set()),  # adjectives are not names
        ("Guinea-Bissau and Papua New Guinea", {"GW", "PG"}),  # the longest name wins
        ("Plants in Costa\u00a0Rica and the United  States", {"CR", "US"}),  # odd spaces
    ],
)
def test_countries_in_seven_languages(text, codes):
    assert countries_in(text) == frozenset(codes)


def test_a_lower_case_latin_name_is_an_adjective_in_a_clause():
    assert clause_countries("la china Hengchuan invertirá en Portugal") == frozenset({"PT"})


def test_prefix_tree_matches_like_the_longest_first_alternation():
    words = ["guinea", "guinea-bissau", "papua new guinea", "niger", "nigeria", "ni"]
    tree = re.compile(r"(?<!\w)(" + trie_regex(words) + r")(?!\w)", re.IGNORECASE)
    plain = re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    text = "Nigeria, Niger, NI, Guinea-Bissau, Papua New Guinea, Nigerian, Guineas, ni-ger"
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(tree.finditer(text))) == 6
