"""Counts: digits and the counted noun, canonical English units, non-counts."""

from __future__ import annotations

import pytest

from tests.claims.helpers import of_kind, one, values


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "putting 2,300 jobs at risk", 2300, "jobs"),
        ("en", "closing 118 stores", 118, "stores"),
        ("en", "the closures include 42 shops in France", 42, "stores"),
        ("en", "to create 1,250 permanent jobs", 1250, "jobs"),
        ("en", "its 260 UK stores", 260, "stores"),
        ("en", "more than 10 million daily users", 10e6, "users"),
        ("en", "a model with 480 billion parameters", 480e9, "parameters"),
        ("en", "training took 2,048 chips", 2048, "chips"),
        ("en", "the loss of 230 parking spaces", 230, "parking spaces"),
        ("en", "about 60 commercial fishermen", 60, "fishermen"),
        ("en", "employs about 1,100 people", 1100, "employees"),
        ("en", "1,307,000 Americans were collecting aid", 1_307_000, "americans"),
        ("fr", "Le projet doit créer 4 500 emplois directs", 4500, "jobs"),
        ("fr", "Genolis emploie 1 100 salariés", 1100, "employees"),
        ("fr", "ses 42 magasins en France", 42, "stores"),
        ("fr", "doté de 480 milliards de paramètres", 480e9, "parameters"),
        ("fr", "une longueur de contexte de 262 144 tokens", 262144, "tokens"),
        ("fr", "deux millions de visiteurs", 2e6, "visitors"),
        ("de", "Genolis beschäftigt 1’100 Mitarbeitende", 1100, "employees"),
        ("de", "rund 3.500 Arbeitsplätze", 3500, "jobs"),
        ("de", "etwa 600 Stellen in Hanau", 600, "jobs"),
        ("de", "mit 16 Produktionslinien", 16, "production lines"),
        ("de", "Das Modell mit 48 Milliarden Parametern", 48e9, "parameters"),
        ("es", "generará 4.500 empleos directos", 4500, "jobs"),
        ("es", "más de 60 empresas de la península", 60, "companies"),
        ("es", "contará con 28 paradas", 28, "stops"),
        ("it", "con 180 dipendenti", 180, "employees"),
        ("it", "avrà 28 fermate", 28, "stops"),
        ("it", "servito da 32 tram a pianale ribassato", 32, "trams"),
        ("it", "oltre 1.200 persone a regime", 1200, "people"),
        ("pt", "emprega 12.000 funcionários", 12000, "employees"),
        ("pt", "2 mil vagas serão abertas", 2000, "jobs"),
        ("zh", "项目全部建成后预计将创造约4500个就业岗位", 4500, "jobs"),
        ("zh", "3.5万名跑者参加比赛", 35000, "runners"),
        ("zh", "总参数量达4800亿，", 480e9, "parameters"),
        ("zh", "日活跃用户已突破1000万。", 1e7, "users"),
        ("zh", "模型训练共使用2048块国产加速卡", 2048, "chips"),
        ("zh", "投入志愿者5000余名", 5000, "volunteers"),
        ("zh", "设28座车站", 28, "stops"),
    ],
)
def test_count(lang: str, text: str, value: float, unit: str) -> None:
    claim = one(text, lang, "count")
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_count_surfaces_and_qualifiers() -> None:
    claim = one("项目全部建成后预计将创造约4500个就业岗位", "zh", "count")
    assert (claim.surface, claim.qualifier) == ("约4500个就业岗位", "about")
    claim = one("投入志愿者5000余名", "zh", "count")
    assert (claim.surface, claim.qualifier) == ("5000余名", "more_than")
    claim = one("employ up to 3,000 construction workers", "en", "count")
    assert (claim.surface, claim.qualifier) == ("up to 3,000 construction workers", "up_to")
    claim = one("ha già superato i 200.000 visitatori", "it", "count")
    assert (claim.surface, claim.qualifier) == ("200.000 visitatori", "more_than")


def test_people_are_employees_only_when_employment_is_meant() -> None:
    assert one("The plant will employ 4,500 people.", "en", "count").unit == "employees"
    assert one("The storm displaced 4,500 people.", "en", "count").unit == "people"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "He was 45 years old and ran 10 km in 40 minutes."),
        ("en", "the 45-year-old ran three times a week"),
        ("en", "The S&P 500 rose; the Boeing 737 flew; iPhone 15 sales"),
        ("en", "Top 10 firms and the No. 3 player"),
        ("en", "In 2021 most people worked from home."),
        ("en", "the 2024 Olympics opened"),
        ("en", "four consortia bid for the contract"),
        ("en", "COVID-19 tests and 3D printers on 5G networks"),
        ("en", "The plant covers 500 acres and uses 30 MW."),
        ("fr", "Âgé de 45 ans, il a couru 10 km pendant 3 heures."),
        ("fr", "à 150 kilomètres au sud de Lisbonne, 50 gigawattheures"),
        ("de", "Der 45-Jährige lief 10 Kilometer in 50 Minuten."),
        ("de", "der 3. Platz in den kommenden 10 Jahren"),
        ("es", "Con 45 años, corrió 10 kilómetros y 620.000 toneladas"),
        ("it", "un tartufo da 830 grammi, lungo 14 chilometri"),
        ("pt", "Aos 45 anos, correu 10 quilômetros."),
        ("zh", "该公司成立于2022年，为期3天，持续3个月，第3名"),
        ("zh", "浙ICP备12345678号 联系电话：0571-88888888"),
    ],
)
def test_not_counts(lang: str, text: str) -> None:
    assert of_kind(text, lang, "count") == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("冰雪大世界接待游客超4万人次。", 40000, "people", "more_than"),
        ("港口去年接待船舶2430艘次。", 2430, "port calls", None),
        ("节日期间举办620余场活动。", 620, "events", "more_than"),
    ],
)
def test_chinese_compound_measure_words(text, value, unit, qualifier) -> None:
    c = one(text, "zh", "count")
    assert (c.value, c.unit, c.qualifier) == (value, unit, qualifier)


def test_an_amount_after_a_count_is_not_more_of_the_counted_thing() -> None:
    # "14 gru nuove e 720 milioni": 720 million is not 720 million cranes
    text = "Il piano prevede 14 gru nuove e 720 milioni per la ferrovia."
    assert [(c.value, c.unit) for c in of_kind(text, "it", "count")] == [(14, "cranes")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("liefert das Unternehmen aus Zhengzhou 312 Hochgeschwindigkeitszüge", 312, "trains"),
        ("ein Werk mit 200 Ingenieuren", 200, "researchers"),
        ("Der Händler gewann 30.000 Neukunden", 30000, "customers"),
    ],
)
def test_german_compounds_and_datives_read_as_their_known_head(text, value, unit) -> None:
    c = one(text, "de", "count")
    assert (c.value, c.unit) == (value, unit)


def test_a_compound_on_a_head_that_means_something_else_keeps_its_own_name() -> None:
    # "Baustellen" are building sites, not the "Stellen" (jobs) they end with
    assert one("Die Stadt zählt 40 Baustellen", "de", "count").unit == "baustellen"


def test_uber_after_a_noun_says_what_an_order_is_for_not_more_than() -> None:
    c = one("Großauftrag über 312 Züge", "de", "count")
    assert (c.value, c.qualifier) == (312, None)
    assert one("Die Firma hat über 300 Mitarbeiter.", "de", "count").qualifier == "more_than"


def test_chinese_speed_after_a_measure_word_is_no_hour() -> None:
    c = one("公司将交付312列时速350公里的动车组。", "zh", "count")
    assert (c.value, c.unit) == (312, "trains")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Lenhardt beschäftigt 7.800 Menschen, davon rund 5.200 am Stammsitz.",
         [(7800, "employees", None), (5200, "employees", "about")]),
        ("it", "L'app conta 58 milioni di utenti, di cui 9,5 milioni in Italia.",
         [(58e6, "users", None), (9.5e6, "users", None)]),
        ("es", "la aplicación suma 74 millones de usuarios, por delante de Europa, con casi "
         "60 millones.", [(74e6, "users", None), (60e6, "users", "about")]),
    ],
)
def test_a_part_or_a_parallel_figure_counts_the_noun_named_before(lang, text, expected):
    # not money in the article's currency, and not dropped
    assert of_kind(text, lang, "money") == []
    found = [(c.value, c.unit, c.qualifier) for c in of_kind(text, lang, "count")]
    assert found == [(pytest.approx(v), u, q) for v, u, q in expected]


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "Revenue was 3.5bn yuan. Monthly active users in Latin America reached 74 "
         "million at the end of September.", 74e6, "users"),
        ("it", "Ricavi a 3,5 miliardi di yuan. In America Latina gli utenti sono 74 milioni.",
         74e6, "users"),
        ("de", "Die Zahl der Nutzer stieg auf 74 Millionen.", 74e6, "users"),
        ("fr", "Les salariés sont 1 200 à Lyon.", 1200, "employees"),
    ],
)
def test_a_number_stating_the_level_of_a_counted_subject_counts_it(lang, text, value, unit):
    c = one(text, lang, "count")
    assert (c.value, c.unit) == (pytest.approx(value), unit)
    assert [m.surface for m in of_kind(text, lang, "money") if m.value == value] == []


def test_a_subject_that_is_another_figures_complement_is_not_counted() -> None:
    # revenue from users is money, whatever its currency
    assert of_kind("Revenue from users reached 5 billion yuan.", "en", "count") == []


def test_a_qualifier_after_a_figure_that_opens_the_next_one_is_left_to_it() -> None:
    text = "Avec 128 escales et plus de 300 000 passagers, le port signe un record."
    found = [(c.value, c.unit, c.qualifier) for c in of_kind(text, "fr", "count")]
    assert found == [(128, "port calls", None), (300000, "passengers", "more_than")]


def test_a_long_partitive_takes_the_noun_of_the_whole() -> None:
    text = ("La ligne a transporté 412 000 voyageurs au cours de ses trois premiers jours "
            "d’exploitation, dont 156 000 pour la seule journée d’ouverture.")
    assert values(text, "fr", "count") == [(412000, "passengers"), (156000, "passengers")]


def test_an_adjective_after_an_unknown_romance_noun_is_not_counted() -> None:
    # "bonus" is the head; "legati" (tied) only describes it
    assert of_kind("ai portoghesi andranno 12 milioni di bonus legati a obiettivi", "it",
                   "count") == []


def test_chinese_packs_and_bottles_as_measure_words() -> None:
    assert values("将召回该药37个批次，涉及约238万盒。", "zh", "count") == [
        (37, "batches"), (2.38e6, "packs")]
    assert values("售出500万瓶。", "zh", "count") == [(5e6, "bottles")]
