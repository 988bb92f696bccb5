"""Country names found in clauses, in seven languages (CLDR names through one regex)."""

from __future__ import annotations

import re

import pytest

from factwatch.ingest.claims.words import trie_regex
from factwatch.ingest.reconcile.places import clause_countries, clause_places, countries_in


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


@pytest.mark.parametrize(
    ("segment", "lang", "places"),
    [
        ("La fabbrica a Siena impiega …", "it", {"siena"}),
        ("A Londra il titolo è salito di … nelle prime ore", "it", {"londra"}),
        ("In Köln arbeiten … Menschen", "de", {"koln"}),
        # the Portuguese article, not a preposition: the city council is no place
        ("A Câmara Municipal de Lisboa concluiu na quarta-feira, …", "pt", set()),
    ],
)
def test_places_a_clause_puts_its_figure_in(segment, lang, places):
    assert clause_places(segment, lang) == places


@pytest.mark.parametrize(
    ("segment", "codes"),
    [
        ("La cadena cerrará 85 tiendas en la península ibérica y despedirá a … trabajadores",
         {"ES", "PT"}),
        ("chiuderà … negozi nella penisola iberica", {"ES", "PT"}),
        ("… stores across the Benelux", {"BE", "NL", "LU"}),
        ("Em Portugal, encerram 64 lojas e perto de … trabalhadores", {"PT"}),
    ],
)
def test_a_region_is_the_list_of_its_countries(segment, codes):
    assert clause_countries(segment) == codes
