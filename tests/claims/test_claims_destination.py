"""'hasta', 'até', 'jusqu'à', 'fino a', 'bis' mean "up to" before a bare figure, but "to" after a
change: there the figure is the new level, stated exactly, and must not read as a bound."""

from __future__ import annotations

import pytest

from tests.claims.helpers import one


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los ingresos aumentaron un 18 %, hasta 720 millones de dólares.", "es"),
        ("Las ventas pasaron de 600 hasta 720 millones de dólares.", "es"),
        ("A receita cresceu 18%, até 720 milhões de dólares.", "pt"),
        ("Il fatturato è salito del 18%, fino a 720 milioni di dollari.", "it"),
        ("Le chiffre d'affaires a progressé de 18 %, jusqu'à 720 millions de dollars.", "fr"),
        ("Der Umsatz stieg um 18 % bis 720 Millionen Dollar.", "de"),
    ],
)
def test_figure_after_a_change_is_the_new_level(text, lang):
    c = one(text, lang, "money")
    assert (c.value, c.unit, c.qualifier) == (720e6, "USD", None)
    assert c.surface.startswith("720")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La empresa invertirá hasta 720 millones de dólares en la planta.", "es"),
        ("O grupo vai investir até 720 milhões de dólares.", "pt"),
        ("Il gruppo investirà fino a 720 milioni di dollari.", "it"),
        ("Le groupe investira jusqu'à 720 millions de dollars.", "fr"),
        ("Der Konzern investiert bis zu 720 Millionen Dollar.", "de"),
        # a change earlier in another sentence does not turn a bound into a level
        ("Las ventas subieron un 5 %. El grupo invertirá hasta 720 millones de dólares.", "es"),
    ],
)
def test_a_bare_up_to_stays_a_bound(text, lang):
    c = one(text, lang, "money")
    assert (c.value, c.qualifier) == (720e6, "up_to")
