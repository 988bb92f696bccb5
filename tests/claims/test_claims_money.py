"""Money in every language: symbols, codes, names, scales, ambiguous currencies."""

from __future__ import annotations

import pytest

from tests.claims.helpers import of_kind, one, values


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "The deal is worth $3.1 billion in cash.", 3.1e9, "USD"),
        ("en", "Leeds approves £18.5m cycle network.", 18.5e6, "GBP"),
        ("en", "a 41bn yuan project", 41e9, "CNY"),
        ("en", "revenue of €412 million", 412e6, "EUR"),
        ("en", "It raised US$ 150 million.", 150e6, "USD"),
        ("en", "exports fell to HK$10.05 billion", 10.05e9, "HKD"),
        ("en", "a C$300 million charge", 300e6, "CAD"),
        ("en", "The yacht was quoted at USD10m.", 10e6, "USD"),
        ("en", "priced at RM79 a month", 79, "MYR"),
        ("en", "he was fined 10,000 Swiss francs", 10_000, "CHF"),
        ("en", "shares closed at 470 pence", 4.7, "GBP"),
        ("en", "prices rose 50 cents a barrel", 0.5, "USD"),
        ("en", "a bid of 1,015 francs a share", 1015, "CHF"),
        ("en", "it sold for 2,435,000 yen", 2_435_000, "JPY"),
        ("en", "a budget of 361 million pounds", 361e6, "GBP"),
        ("fr", "pour 2,9 milliards d’euros", 2.9e9, "EUR"),
        ("fr", "un plan de 380 milliards de yuans", 380e9, "CNY"),
        ("fr", "450 millions de livres", 450e6, "GBP"),
        ("fr", "une levée de 250 M€", 250e6, "EUR"),
        ("fr", "un contrat de 1,5 Md€", 1.5e9, "EUR"),
        ("fr", "16,4 millions de dollars canadiens", 16.4e6, "CAD"),
        ("fr", "Il a payé 94.000 $.", 94_000, "USD"),
        ("fr", "Un milliard d'euros sera investi.", 1e9, "EUR"),
        ("de", "rund 4,9 Mrd. Euro", 4.9e9, "EUR"),
        ("de", "2,82 Mrd. Franken", 2.82e9, "CHF"),
        ("de", "120 Mio. Franken", 120e6, "CHF"),
        ("de", "450 Mio. Pfund", 450e6, "GBP"),
        ("de", "8,5 Milliarden US-Dollar", 8.5e9, "USD"),
        ("de", "Die Aktie kostete 15,40 Euro.", 15.4, "EUR"),
        ("es", "invertirá 5.400 millones de euros", 5.4e9, "EUR"),
        ("es", "450 millones de libras", 450e6, "GBP"),
        ("es", "un mil millones de dólares", 1e9, "USD"),
        ("es", "aproximadamente U$D 90 millones", 90e6, "USD"),
        ("it", "2,9 miliardi di euro", 2.9e9, "EUR"),
        ("it", "aggiudicato per 118.000 euro", 118_000, "EUR"),
        ("it", "un investimento di 60 milioni di euro", 60e6, "EUR"),
        ("pt", "faturou R$ 4,5 bilhões", 4.5e9, "BRL"),
        ("pt", "lucro de US$ 5 bilhões", 5e9, "USD"),
        ("pt", "1,5 mil milhões de euros", 1.5e9, "EUR"),
        ("zh", "拟投资410亿元建设电池工厂", 41e9, "CNY"),
        ("zh", "项目总投资410亿元人民币", 41e9, "CNY"),
        ("zh", "提供3.5亿欧元补贴", 350e6, "EUR"),
        ("zh", "训练成本不到600万美元", 6e6, "USD"),
        ("zh", "东芝重组另需1万亿日元", 1e12, "JPY"),
        ("zh", "以每股1.95港元收购", 1.95, "HKD"),
        ("zh", "我有一千元", 1000, "CNY"),
        ("zh", "这台电脑两美元", 2, "USD"),
        ("zh", "在下面的价格中选一个，￥300", 300, "CNY"),
    ],
)
def test_money(lang: str, text: str, value: float, unit: str) -> None:
    claim = one(text, lang, "money")
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_seed_conversion_pair() -> None:
    text = "un plan de 380 milliards de yuans (soit environ 52 milliards de dollars) sur trois ans"
    found = of_kind(text, "fr", "money")
    assert [(c.value, c.unit, c.qualifier) for c in found] == [
        (3.8e11, "CNY", None),
        (5.2e10, "USD", "about"),
    ]
    assert found[1].surface == "environ 52 milliards de dollars"


def test_per_share_amounts_keep_their_phrase() -> None:
    assert one("Valmora will pay €48 a share.", "en", "money").surface == "€48 a share"
    assert one("48 euros par action", "fr", "money").surface == "48 euros par action"
    assert one("46 euro per azione", "it", "money").surface == "46 euro per azione"
    assert one("48 Euro je Aktie", "de", "money").surface == "48 Euro je Aktie"


def test_yen_sign_depends_on_language_and_context() -> None:
    assert values("售价¥300", "zh", "money") == [(300, "CNY")]
    assert values("Nintendo closed at ¥28,030 in Tokyo.", "en", "money") == [(28030, "JPY")]
    assert values("It cost ¥300, about 40 yuan more.", "en", "money")[0] == (300, "CNY")


def test_bare_amount_takes_the_currency_of_the_article() -> None:
    text = (
        "La china Hengchuan levantará una fábrica de 5.400 millones\n\n"
        "El fabricante invertirá 5.400 millones de euros en Sines."
    )
    assert values(text, "es", "money") == [(5.4e9, "EUR"), (5.4e9, "EUR")]


def test_bare_amount_without_any_currency_is_not_money() -> None:
    assert of_kind("La ciudad tiene 3 millones.", "es", "money") == []


def test_bare_amount_in_an_article_that_keeps_to_one_currency_is_in_that_currency() -> None:
    text = (
        "Il porto investirà 3,46 miliardi di euro entro il 2035.\n\n"
        "Altri 720 milioni andranno alla rete ferroviaria interna."
    )
    assert values(text, "it", "money") == [(3.46e9, "EUR"), (720e6, "EUR")]
    # the first end of a range of tonnes is not money, whatever the article's currency
    text = (
        "Revenue rose to $4.1 billion.\n\n"
        "Copper production guidance of 1.05 million to 1.1 million tonnes was unchanged."
    )
    assert values(text, "en", "money") == [(4.1e9, "USD")]


def test_a_year_before_an_amount_is_not_the_start_of_a_range() -> None:
    text = "elevó su presupuesto de inversiones para 2025 a US$ 1.900 millones."
    assert values(text, "es", "money") == [(1.9e9, "USD")]


def test_forint_in_chinese_and_romance_languages() -> None:
    assert values("匈牙利政府将提供980亿福林的补贴。", "zh", "money") == [(98e9, "HUF")]
    assert values("98.000 millones de forintos", "es", "money") == [(98e9, "HUF")]


def test_pounds_of_weight_are_not_money() -> None:
    assert of_kind("He dropped from 208 pounds to 193.", "en", "money") == []
    assert of_kind("275 pound-feet of torque", "en", "money") == []


def test_ranges_share_the_unit() -> None:
    assert values("entre 5 et 10 millions d'euros", "fr", "money") == [(5e6, "EUR"), (10e6, "EUR")]
    assert values("from the US $89 to $93 billion", "en", "money") == [(89e9, "USD"), (93e9, "USD")]


@pytest.mark.parametrize(
    ("lang", "text", "qualifier", "surface"),
    [
        ("en", "it cost under $6 million to train", "less_than", "under $6 million"),
        ("en", "save about £60m a year", "about", "about £60m"),
        ("fr", "plus de 45 milliards d’euros", "more_than", "plus de 45 milliards d’euros"),
        ("fr", "environ 545 millions d’euros", "about", "environ 545 millions d’euros"),
        ("de", "knapp 6 Mio. Dollar", "about", "knapp 6 Mio. Dollar"),
        ("es", "en torno a 4,10 euros", "about", "en torno a 4,10 euros"),
        ("it", "oltre 3 miliardi di euro", "more_than", "oltre 3 miliardi di euro"),
        ("pt", "pelo menos R$ 2 milhões", "at_least", "pelo menos R$ 2 milhões"),
        ("zh", "训练成本不到600万美元", "less_than", "不到600万美元"),
        ("zh", "约合人民币17.2亿元", "about", "约合人民币17.2亿元"),
    ],
)
def test_money_qualifiers(lang: str, text: str, qualifier: str, surface: str) -> None:
    claim = one(text, lang, "money")
    assert claim.qualifier == qualifier
    assert claim.surface == surface


def test_zloty_written_with_and_without_its_polish_letter() -> None:
    assert values("Die Linie kostet 17,6 Mrd. Złoty.", "de", "money") == [(17.6e9, "PLN")]
    assert values("The line costs 17.6 billion złoty.", "en", "money") == [(17.6e9, "PLN")]
    assert values("La ligne coûte 17,6 milliards de zlotys.", "fr", "money") == [(17.6e9, "PLN")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Latin-American Spanish groups a dollar amount's thousands with a comma
        ("Nippon Steel anunció la compra por $14,100 millones en efectivo.", 14.1e9),
        ("La operación asciende a US$1,210 millones.", 1.21e9),
        # Spain's format, and a decimal comma, stay as they are
        ("El Ebitda llegó a US$ 1.210 millones.", 1.21e9),
        ("La filial ganó 14,1 millones de dólares.", 14.1e6),
        ("Ofrece 2,125 euros por acción.", 2.125),
    ],
)
def test_spanish_dollar_amounts_in_both_number_formats(text, value):
    assert [c.value for c in of_kind(text, "es", "money")] == [pytest.approx(value)]
