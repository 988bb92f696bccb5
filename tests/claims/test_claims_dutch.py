"""Dutch: money, percentages, counts, dates and qualifiers with a decimal comma and grouping
dots or spaces, like German, but with lower-case nouns and months."""

from __future__ import annotations

from datetime import date

import pytest

from factwatch.ingest.claims.extract import primary_lang
from tests.claims.helpers import of_kind, one, values

PUB = date(2025, 5, 20)


def test_dutch_is_read_with_its_own_grammar() -> None:
    assert primary_lang("nl") == "nl"
    assert primary_lang("nl-BE") == "nl"


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "surface"),
    [
        ("investeert 95 miljoen euro in een nieuwe productiehal", 95e6, "EUR", None,
         "95 miljoen euro"),
        ("Het bedrijf investeert € 2,5 miljard in de fabriek.", 2.5e9, "EUR", None,
         "€ 2,5 miljard"),
        ("De overname kost 1,2 mld. euro.", 1.2e9, "EUR", None, "1,2 mld. euro"),
        ("De omzet bedroeg ruim 95 miljoen euro.", 95e6, "EUR", "more_than",
         "ruim 95 miljoen euro"),
        ("een winst van 12,4 mln euro", 12.4e6, "EUR", None, "12,4 mln euro"),
        ("De boete bedraagt 3.500 euro.", 3500, "EUR", None, "3.500 euro"),
        ("Een kop koffie kost € 3,20.", 3.2, "EUR", None, "€ 3,20"),
        ("De schade bedraagt 2,5 miljard euro's.", 2.5e9, "EUR", None, "2,5 miljard euro's"),
        ("De deal is 5 miljoen dollar waard.", 5e6, "USD", None, "5 miljoen dollar"),
        ("een boete van maximaal 10.000 euro", 10000, "EUR", "up_to", "maximaal 10.000 euro"),
        ("Dat is een kleine 300 euro per maand.", 300, "EUR", "about", "een kleine 300 euro"),
        ("Het kostte anderhalf miljard euro.", 1.5e9, "EUR", None, "anderhalf miljard euro"),
        ("Hij verdient vijfduizend euro per maand.", 5000, "EUR", None, "vijfduizend euro"),
    ],
)
def test_money(text, value, unit, qualifier, surface) -> None:
    c = one(text, "nl", "money")
    assert (c.value, c.unit, c.qualifier, c.surface) == (
        pytest.approx(value), unit, qualifier, surface)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("de omzet steeg met 18 procent", 18, "%", None),
        ("Het aandeel sloot 7,8 procent lager.", 7.8, "%", None),
        ("Het aandeel steeg 18%.", 18, "%", None),
        ("De rente gaat met 25 basispunten omhoog.", 0.25, "pp", None),
        ("De werkloosheid daalde met 0,3 procentpunt.", 0.3, "pp", None),
        ("Minder dan 10 procent van de klanten klaagde.", 10, "%", "less_than"),
        ("Rond de 80 procent stemde voor.", 80, "%", "about"),
        ("Nog geen 5 procent van de Nederlanders.", 5, "%", "less_than"),
        ("Twintig procent van de werknemers.", 20, "%", None),
        ("een stijging van 3,4 pct.", 3.4, "%", None),
    ],
)
def test_percent(text, value, unit, qualifier) -> None:
    c = one(text, "nl", "percent")
    assert (c.value, c.unit, c.qualifier) == (pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("De fabriek levert ongeveer 250 banen op.", 250, "jobs", "about"),
        ("Norvance roept 37 partijen van zijn bloeddrukmiddel terug.", 37, "batches", None),
        ("haalt het middel terug uit 14 landen", 14, "countries", None),
        ("Het gaat om 2,38 miljoen verpakkingen.", 2.38e6, "packs", None),
        ("De keten heeft 1.100 werknemers.", 1100, "employees", None),
        ("Er werken circa 4.500 medewerkers.", 4500, "employees", "about"),
        ("Het bedrijf heeft 250 zorgmedewerkers in dienst.", 250, "employees", None),
        ("De keten sluit 85 winkels.", 85, "stores", None),
        ("Leiden telt ruim 125.000 inwoners.", 125000, "residents", "more_than"),
        ("Het bedrijf schrapt 4 500 banen.", 4500, "jobs", None),
        ("Minstens 50 bedrijven doen mee.", 50, "companies", "at_least"),
        ("Ten minste 20 vliegtuigen bleven aan de grond.", 20, "aircraft", "at_least"),
        ("Tot 500 banen staan op de tocht.", 500, "jobs", "up_to"),
        ("Zo'n 300 bezoekers kwamen af op de open dag.", 300, "visitors", "about"),
        ("Maximaal 40 deelnemers kunnen zich aanmelden.", 40, "participants", "up_to"),
        ("Bijna 300 mensen verloren hun baan.", 300, "employees", "about"),
        ("Meer dan 2 miljoen gebruikers hebben de app.", 2e6, "users", "more_than"),
        ("Het museum trok 1,3 mln. bezoekers.", 1.3e6, "visitors", None),
        ("De 12 grote supermarkten sloten.", 12, "stores", None),
        ("Er komen 50 nieuwe huurwoningen.", 50, "homes", None),
        ("Ruim 1.000 bedrijven of meer.", 1000, "companies", "more_than"),
        ("Het aantal werknemers bedroeg 2.300.", 2300, "employees", None),
        ("Er staan 14 eilanden op de kaart.", 14, "eilanden", None),  # unknown: its own word
    ],
)
def test_count(text, value, unit, qualifier) -> None:
    c = one(text, "nl", "count")
    assert (c.value, c.unit, c.qualifier) == (pytest.approx(value), unit, qualifier)


def test_counts_in_one_sentence_and_a_partitive() -> None:
    text = "Er vielen zeker 12 doden en 40 gewonden."
    assert [(c.value, c.unit, c.qualifier) for c in of_kind(text, "nl", "count")] == [
        (12, "deaths", "at_least"), (40, "injured", None)]
    text = "Het bedrijf had nog 12.000 klanten, waarvan 3.000 in België."
    assert values(text, "nl", "count") == [(12000, "customers"), (3000, "customers")]


@pytest.mark.parametrize(
    ("text", "day", "end", "surface"),
    [
        ("Dat maakte het bedrijf op 13 mei bekend.", date(2025, 5, 13), None, "13 mei"),
        ("De eerste paal gaat op 2 juni de grond in.", date(2025, 6, 2), None, "2 juni"),
        ("De deadline is 1 januari 2026.", date(2026, 1, 1), None, "1 januari 2026"),
        ("Het festival duurt van 13 tot en met 15 juni.", date(2025, 6, 13),
         date(2025, 6, 15), "13 tot en met 15 juni"),
        ("van 13 t/m 15 juni", date(2025, 6, 13), date(2025, 6, 15), "13 t/m 15 juni"),
        ("Maandag 3 mrt. vergadert de raad.", date(2025, 3, 3), None, "3 mrt."),
    ],
)
def test_dates(text, day, end, surface) -> None:
    c = one(text, "nl", "date", PUB)
    assert (c.date_value, c.date_end, c.surface) == (day, end, surface)


def test_a_dated_byline_with_a_clock_time_is_no_claim() -> None:
    assert of_kind("Rijnland Courant, 13 mei 2025 om 18.20 uur", "nl", "date", PUB) == []


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 groeide de omzet; de fabriek opent in het voorjaar van 2027.",
        "Het project duurt 3 jaar en het contract loopt 18 maanden.",
        "De route is 10 km lang en de man is 45 jaar oud.",
        "De vergadering begint om 15.30 uur.",
        "Dat is 3 keer zoveel als 2 weken geleden.",
        "Lijn 5 rijdt niet; bel 088 123 4567 voor informatie.",
        "1 op de 5 kinderen",
        "De 45-jarige man liep 12 kilometer.",
    ],
)
def test_not_claims(text) -> None:
    assert [c for c in of_kind(text, "nl", "count")] == []
    assert of_kind(text, "nl", "money") == []
    assert of_kind(text, "nl", "percent") == []


def test_lager_is_lower_not_warehouses() -> None:
    # German "Lager" (warehouses) is Dutch for "lower"
    assert of_kind("De koers sloot 3 lager.", "nl", "count") == []
