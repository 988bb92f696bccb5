"""Less common ways of writing figures: cents after an amount, scaled codes, crypto,
fractions of a percent, web addresses, spaced-out Chinese, coordinated count nouns."""

from __future__ import annotations

import pytest

from tests.claims.helpers import of_kind, one, values


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit", "surface"),
    [
        ("de", "Das Ticket kostet 12 Euro 90.", 12.9, "EUR", "12 Euro 90"),
        ("en", "They paid 40 dollars and 25 for it.", 40.25, "USD", "40 dollars and 25"),
        ("es", "cuesta diez euros con cincuenta", 10.5, "EUR", "diez euros con cincuenta"),
        ("fr", "il coûte treize euros et vingt cents", 13.2, "EUR", "treize euros et vingt cents"),
        ("de", "acht Euro und dreißig Cent", 8.3, "EUR", "acht Euro und dreißig Cent"),
        ("en", "a fare of 17 USD 25 for adults", 17.25, "USD", "17 USD 25"),
    ],
)
def test_cents_after_an_amount(lang: str, text: str, value: float, unit: str, surface: str) -> None:
    claim = one(text, lang, "money")
    assert (claim.value, claim.unit, claim.surface) == (pytest.approx(value), unit, surface)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "prices between 15 dollars and 20.", [(15, "USD")]),  # a range, no cents
        ("en", "he paid 20 euros 30 years ago", [(20, "EUR")]),
        ("de", "für 5 Euro 20 Äpfel", [(5, "EUR")]),
        ("en", "It costs $5 50 times over.", [(5, "USD")]),  # the sign is written first
        ("en", "a ticket at 1,000 yen 50 minutes away", [(1000, "JPY")]),  # no cents in yen
    ],
)
def test_numbers_after_an_amount_that_are_not_its_cents(
    lang: str, text: str, expected: list
) -> None:
    assert values(text, lang, "money") == expected


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "a fee of usd$ 25", 25, "USD"),
        ("es", "por MXN$ 300 al mes", 300, "MXN"),
        ("en", "EBIT reached 120 MEUR in 2024", 120e6, "EUR"),
        ("en", "costs of kEUR 450", 450e3, "EUR"),
        ("de", "ein Gewinn von 300 TEUR", 300e3, "EUR"),
        ("en", "They lost 75 USD million last year.", 75e6, "USD"),
        ("en", "Its reward is now 3.125 BTC per block.", 3.125, "BTC"),
        ("en", "He bought 10,000 bitcoins in 2010.", 10_000, "BTC"),
        ("en", "The hard cap is ₿21,000,000.", 21e6, "BTC"),
        ("en", "a fee of 500 satoshis", 5e-6, "BTC"),
        ("en", "a loan of Rs 12,34,567.89", 1_234_567.89, "INR"),
        ("it", "per 500 milioni di marchi finlandesi", 500e6, "FIM"),
        ("de", "1.000 kambodschanischen Riel", 1000, "KHR"),
        ("de", "das 10-Milliarden-Euro-Paket", 10e9, "EUR"),
        ("pt", "fechou a um centavo", 0.01, "BRL"),
    ],
)
def test_currency_forms(lang: str, text: str, value: float, unit: str) -> None:
    claim = one(text, lang, "money")
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_a_sign_between_two_figures_goes_to_the_one_without_a_currency() -> None:
    assert values("prices: 300 CHF 450 EUR", "en", "money") == [(300, "CHF"), (450, "EUR")]
    assert values("$ 120.00 $ 95.50 total", "en", "money") == [(120, "USD"), (95.5, "USD")]


def test_a_minus_sign_by_the_currency_sign_makes_the_amount_negative() -> None:
    assert values("the trade balance fell to $-50.8bn", "en", "money") == [(-50.8e9, "USD")]
    assert values("a result of -€3m", "en", "money") == [(-3e6, "EUR")]
    assert values("prices of $10-$20", "en", "money") == [(10, "USD"), (20, "USD")]


def test_part_of_an_amount_takes_its_currency() -> None:
    text = "Only 40 million of the 90 million euros have been paid."
    assert values(text, "en", "money") == [(40e6, "EUR"), (90e6, "EUR")]


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "The bonds pay a coupon of 6 1/4% a year.", 6.25, "%"),
        ("en", "a 1/2 percentage point cut", 0.5, "pp"),
        ("es", "un interés de 3/4 por ciento", 0.75, "%"),
        ("en", "The index rose 100 percentage in a decade.", 100, "%"),
        ("fr", "une hausse de 12 pourcentages", 12, "%"),
    ],
)
def test_percent_forms(lang: str, text: str, value: float, unit: str) -> None:
    claim = one(text, lang, "percent")
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_digits_in_web_addresses_are_not_figures() -> None:
    text = "See https://example.org/search?q=30%25%2020%25&id=2024 for the 5% rule."
    assert values(text, "en", "percent") == [(5, "%")]
    assert [c.kind for c in of_kind(text, "en", "date")] == []


def test_years_before_nouns_of_percentages_or_bitcoin_are_no_figures() -> None:
    assert of_kind("The 2024 percentage of graduates rose.", "en", "percent") == []
    assert of_kind("before the 2024 Bitcoin halving", "en", "money") == []
    assert values("he holds 2,024 bitcoins", "en", "money") == [(2024, "BTC")]


def test_fractions_without_a_percent_are_not_claims() -> None:
    assert of_kind("open 24/7 and 3/4 full", "en", "percent") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("今年营收增长了 5.2%，超过预期", 5.2, "%"),  # spaces around digits
        ("利率上调 百 分 之 八", 8, "%"),  # spaced-out characters
        ("中签率为四点 五个百分点", 4.5, "pp"),
        ("支持率达到百分之百", 100, "%"),
        ("手续费为仟分之三", 0.3, "%"),
        ("误差不超过百万分之二", 0.0002, "%"),
        ("近七成六的受访者", 76, "%"),
        ("全场一律八五折", 85, "%"),
        ("百分之１，２００", 1200, "%"),  # a full-width comma between full-width digits
    ],
)
def test_chinese_percent_forms(text: str, value: float, unit: str) -> None:
    claim = one(text, "zh", "percent")
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_chinese_forms_that_are_not_percentages() -> None:
    assert of_kind("五百分之二的概率", "zh", "percent") == []  # two five-hundredths
    assert of_kind("这件商品不打折，按十折计算", "zh", "percent") == []  # the full price
    assert of_kind("半成品仓库", "zh", "percent") == []


def test_chinese_surfaces_keep_their_spaces() -> None:
    claim = one("公司共有 4500 名员工", "zh", "count")
    assert (claim.value, claim.unit, claim.surface) == (4500, "employees", "4500 名员工")


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "The region has about 8 B people.", 8e9, "people"),
        ("en", "the app passed 5 M users", 5e6, "users"),
        ("en", "it sold 2 million of its smartphones", 2e6, "devices"),
        ("en", "about 300 Ford and Toyota vehicles were recalled", 300, "vehicles"),
        ("en", "about 50 small and mid-sized companies signed", 50, "companies"),
        ("en", "trading fell to 4,200 lots in the period", 4200, "lots"),
        ("en", "it plans 1,500 new hires", 1500, "jobs"),
    ],
)
def test_count_forms(lang: str, text: str, value: float, unit: str) -> None:
    claim = one(text, lang, "count")
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_counts_still_need_a_counted_noun() -> None:
    assert of_kind("He ran 5 M in the morning.", "en", "count") == []
    assert of_kind("an office of 500 square metres in the centre", "en", "count") == []
