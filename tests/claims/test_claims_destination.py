"""'hasta', 'até', 'jusqu'à', 'fino a', 'bis', 'tot' mean "up to" before a bare figure, but "to"
after a change or another number: there the figure is the new level or a range's other end,
stated exactly, and must not read as a bound."""

from __future__ import annotations

import pytest

from tests.claims.helpers import of_kind, one


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los ingresos aumentaron un 18 %, hasta 720 millones de dólares.", "es"),
        ("Las ventas pasaron de 600 hasta 720 millones de dólares.", "es"),
        ("A receita cresceu 18%, até 720 milhões de dólares.", "pt"),
        ("Il fatturato è salito del 18%, fino a 720 milioni di dollari.", "it"),
        ("Le chiffre d'affaires a progressé de 18 %, jusqu'à 720 millions de dollars.", "fr"),
        ("Der Umsatz stieg um 18 % bis 720 Millionen Dollar.", "de"),
        ("De omzet steeg met 18 procent tot 720 miljoen dollar.", "nl"),
        ("De kosten liepen op tot 720 miljoen dollar.", "nl"),
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
        ("Het concern investeert tot 720 miljoen dollar.", "nl"),
        ("Het concern wil in 2026 tot 720 miljoen dollar investeren.", "nl"),
        # a change earlier in another sentence does not turn a bound into a level
        ("Las ventas subieron un 5 %. El grupo invertirá hasta 720 millones de dólares.", "es"),
    ],
)
def test_a_bare_up_to_stays_a_bound(text, lang):
    c = one(text, lang, "money")
    assert (c.value, c.qualifier) == (720e6, "up_to")


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        ("Het gaat om 200 tot 250 banen.", "nl", "jobs"),
        ("Die Preise steigen 5 bis 10 Prozent.", "de", "%"),
    ],
)
def test_to_after_a_number_joins_a_range(text, lang, unit):
    kinds = of_kind(text, lang, "count" if unit == "jobs" else "percent")
    assert [(c.unit, c.qualifier) for c in kinds] == [(unit, None), (unit, None)]
