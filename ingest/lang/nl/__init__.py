"""Dutch (nl): the words and small rules the pipeline reads Dutch with."""

from __future__ import annotations

from decimal import Decimal

from factwatch.ingest.lang.schema import Currency, LanguageData

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("Amerikaanse dollar", "USD", 1), ("Amerikaanse dollars", "USD", 1),
    ("Canadese dollar", "CAD", 1), ("Canadese dollars", "CAD", 1),
    ("Australische dollar", "AUD", 1), ("Australische dollars", "AUD", 1),
    ("Hongkongse dollar", "HKD", 1), ("Singaporese dollar", "SGD", 1),
    ("Nieuw-Zeelandse dollar", "NZD", 1), ("Taiwanese dollar", "TWD", 1),
    ("dollar", "?USD", 1), ("dollars", "?USD", 1), ("euro", "EUR", 1), ("euro's", "EUR", 1),
    ("eurocent", "EUR", 0.01), ("eurocenten", "EUR", 0.01), ("cent", "EUR", 0.01),
    ("Britse pond", "GBP", 1), ("Britse ponden", "GBP", 1), ("pond sterling", "GBP", 1),
    ("pond", "?GBP", 1), ("ponden", "?GBP", 1), ("yuan", "CNY", 1), ("renminbi", "CNY", 1),
    ("Chinese yuan", "CNY", 1), ("yen", "JPY", 1), ("Japanse yen", "JPY", 1),
    ("Zwitserse frank", "CHF", 1), ("Zwitserse franken", "CHF", 1), ("frank", "?CHF", 1),
    ("franken", "?CHF", 1), ("Belgische frank", "BEF", 1), ("Belgische franken", "BEF", 1),
    ("Franse frank", "FRF", 1), ("Franse franken", "FRF", 1), ("gulden", "NLG", 1),
    ("guldens", "NLG", 1), ("roebel", "RUB", 1), ("roebels", "RUB", 1),
    ("Indiase roepie", "INR", 1), ("Indiase roepies", "INR", 1), ("roepie", "INR", 1),
    ("roepies", "INR", 1), ("Zweedse kroon", "SEK", 1), ("Zweedse kronen", "SEK", 1),
    ("Noorse kroon", "NOK", 1), ("Noorse kronen", "NOK", 1), ("Deense kroon", "DKK", 1),
    ("Deense kronen", "DKK", 1), ("Tsjechische kroon", "CZK", 1),
    ("Tsjechische kronen", "CZK", 1), ("kronen", "?SEK", 1), ("Poolse zloty", "PLN", 1),
    ("zloty", "PLN", 1), ("złoty", "PLN", 1), ("Hongaarse forint", "HUF", 1),
    ("forint", "HUF", 1), ("Turkse lira", "TRY", 1), ("lira", "TRY", 1),
    ("Braziliaanse real", "BRL", 1), ("real", "BRL", 1), ("reais", "BRL", 1),
    ("Zuid-Koreaanse won", "KRW", 1), ("won", "KRW", 1), ("rand", "ZAR", 1),
    ("Mexicaanse peso", "MXN", 1), ("peso", "?MXN", 1), ("pesos", "?MXN", 1),
    ("Finse mark", "FIM", 1), ("Duitse mark", "DEM", 1), ("peseta", "ESP", 1),
    ("bitcoin", "BTC", 1), ("bitcoins", "BTC", 1),
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = """
    het een van op aan te er als voor naar bij uit met door over onder tegen tot en of om in
    tussen boven beneden binnen buiten achter volgens tijdens sinds zonder wegens omdat terwijl
    maar dan dat dit deze die wat wie waar hoe ook nog niet geen alle alles anderen enkele even
    eens steeds ooit anders minstens hoogstens althans thans inmiddels echter ongeveer alleen
    samen verder geleden later eerder meer minder zijn waren wordt worden werden hebben hadden
    heeft kunnen konden moeten moesten zullen zouden willen wilden gaan gingen komen kwamen
    staan stonden blijven bleven maken maakten geven gaven krijgen kregen zien zagen liggen
    lagen laten lieten nemen namen houden hielden brengen brachten leveren leverden zetten
    stellen stegen daalden groeiden lopen liepen vallen vielen dalen stijgen groeien bovendien
    sindsdien tevens vooral zelfs slechts ruim circa plus min
"""


def _looks_plural(word: str, low: str) -> bool:
    """ "banen", "winkels", "auto's"."""
    return word[0].islower() and low.endswith(("en", "s")) and len(low) >= 4


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """ "eenentwintig", "tweeëntwintig": the unit first, glued."""
    return [f"{unit}{'ën' if unit.endswith('e') else 'en'}{tens}"]


DATA = LanguageData(
    code="nl",
    name="Dutch",
    aliases=("nld", "dut"),
    unspaced=False,
    capitalised_nouns=False,
    decimal=",",
    lakh_groups=False,
    dollar_comma_groups=False,
    space_groups=True,
    scales=(
        ("duizend", 3, False), ("k", 3, True), ("miljoen", 6, False), ("miljoenen", 6, False),
        ("mln", 6, False), ("mln.", 6, False), ("mio", 6, False), ("mio.", 6, False),
        ("miljard", 9, False), ("miljarden", 9, False), ("mld", 9, False), ("mld.", 9, False),
        ("mrd", 9, False), ("mrd.", 9, False), ("biljoen", 12, False), ("biljoenen", 12, False),
    ),
    connectors=(),
    qualifiers={
        "about": (
            "ongeveer", "circa", "ca.", "rond", "rond de", "rondom", "zo'n", "zowat", "bijna",
            "nagenoeg", "vrijwel", "haast", "ruwweg", "grofweg", "pakweg", "naar schatting",
            "om en nabij", "omstreeks", "plusminus", "krap", "een kleine", "een stuk of",
            "bij benadering", "ongeveer zo'n",
        ),
        "more_than": (
            "meer dan", "ruim", "ruim boven", "dik", "boven de", "bovende", "ruimschoots",
            "meer als", "hoger dan", "groter dan",
        ),
        "less_than": (
            "minder dan", "nog geen", "onder de", "net onder", "lager dan", "kleiner dan",
            "net geen", "nog niet eens",
        ),
        "up_to": (
            "tot", "tot aan", "tot wel", "maximaal", "hooguit", "ten hoogste", "niet meer dan",
            "tot maximaal", "maximum",
        ),
        "at_least": (
            "minstens", "ten minste", "tenminste", "minimaal", "op zijn minst", "zeker",
            "niet minder dan", "minimum",
        ),
    },
    suffix_qualifiers={"at_least": ("of meer", "en meer", "of hoger")},
    bound_verbs=(
        "overschreden", "overschreed", "overschrijdt", "overtrof", "overtroffen", "overstijgt",
        "oversteeg", "overstegen", "passeerde", "gepasseerd",
    ),
    level_verbs=(
        "is", "zijn", "was", "waren", "bereikte", "bereikten", "bereikt", "bedraagt", "bedragen",
        "bedroeg", "bedroegen", "telt", "tellen", "telde", "telden", "kwam uit op",
        "kwamen uit op", "komt uit op", "steeg naar", "stegen naar", "daalde naar", "daalden naar",
        "groeide naar", "groeiden naar", "staat op", "stond op", "ligt op", "lag op",
        "overschrijdt", "overschreed", "overtrof",
    ),
    range_words=("tot", "tot en met", "t/m", "en", "of", "-", "–"),
    rank_words=(
        "nr.", "nummer", "pagina", "blz.", "artikel", "hoofdstuk", "lijn", "zaal", "vlucht",
        "niveau", "fase", "aflevering", "ronde", "versie", "top", "plaats", "etappe", "klasse",
        "spoor", "perron", "terminal", "kavel", "verdieping", "speelronde", "speeldag",
        "categorie", "generatie", "serie", "deel", "figuur", "tabel", "model", "route", "snelweg",
        "rijksweg", "postbus", "paragraaf", "§", "editie", "jaargang", "stap",
    ),
    percent_words=("%", "procent", "pct", "pct.", "percent"),
    percent_nouns=(),
    point_words=(
        ("procentpunten", 1), ("procentpunt", 1), ("percentagepunten", 1), ("percentagepunt", 1),
        ("procentuele punten", 1), ("basispunten", 0.01), ("basispunt", 0.01),
    ),
    per_unit=(
        "per aandeel", "per kilo", "per kg", "per vat", "per ton", "per liter", "per ons",
        "per stuk", "per troy ounce",
    ),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={},
    money_cues=(
        "betaald", "betaalt", "kost", "prijs", "verkocht", "gekocht", "omzet", "winst", "boete",
        "salaris", "loon",
    ),
    currency_prefixes=(),
    scale_needs_connector=False,
    weak_scale_attached=False,
    pence_suffix=False,
    over_words=(),
    english_currency_names=True,
    months={
        "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
        "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12, "jan.": 1,
        "feb.": 2, "febr.": 2, "mrt.": 3, "mrt": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8,
        "sep.": 9, "sept.": 9, "okt.": 10, "nov.": 11, "dec.": 12,
    },
    month_first=False,
    case_sensitive_months=frozenset(),
    day_year_after={
        "-1": ("vorig jaar", "van vorig jaar", "van het vorige jaar", "verleden jaar"),
        "0": ("dit jaar", "van dit jaar"),
        "+1": ("volgend jaar", "van volgend jaar"),
        "past": ("jongstleden", "jl.", "j.l."),
        "next": ("aanstaande", "a.s."),
    },
    day_year_before={"past": ("afgelopen",), "next": ("komende",)},
    date_ordinal="(?:ste|de|e)?",
    date_of="",
    date_year_join="{SP}+",
    date_range=None,
    deadline_words=(
        "tot", "tot en met", "uiterlijk", "vóór", "voor", "deadline", "uiterste datum",
    ),
    number_units=(
        "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
        "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
        "negentien",
    ),
    number_tens=(
        "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig",
    ),
    number_extra={"één": 1, "honderd": 100, "nul": 0},
    number_compounds=_compounds,
    number_hundreds={},
    hundred_words=("honderd",),
    number_scales={
        "duizend": 3, "miljoen": 6, "miljoenen": 6, "miljard": 9, "miljarden": 9, "biljoen": 12,
        "biljoenen": 12,
    },
    number_starts=("duizend",),
    decimal_words=("komma",),
    joiner_words=(),
    joiner_after_scales_only=False,
    hundreds_of_below=10,
    decimal_digit_by_digit=False,
    glued=True,
    fraction=r"(?:een[ \u00a0]+)?(?P<f>half|halve|anderhalf|anderhalve)[ \u00a0]+",
    fraction_values={
        "half": Decimal("0.5"), "halve": Decimal("0.5"), "anderhalf": Decimal("1.5"),
        "anderhalve": Decimal("1.5"),
    },
    fraction_starts=("half", "halve", "anderhalf", "anderhalve"),
    articles=("een",),
    abbreviations=frozenset((
        "blz", "bijv", "bv", "b.v", "n.v", "enz", "o.a", "i.p.v", "m.b.t", "t.a.v", "a.s", "jl",
        "dhr", "mevr", "mw", "drs", "ir", "ong", "vgl", "mrt",
    )),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(("files", "lager", "stellen")),
    not_compound_heads=frozenset((
        "banen", "bussen", "gevallen", "kamers", "landen", "leden", "lijnen", "lines", "partijen",
        "punten", "sites", "staten", "stemmen", "tests",
    )),
    looks_plural=_looks_plural,
    change_stems=(
        r"steeg|stijg|gestegen|groei|gegroeid|toegenomen|nam toe|namen toe|daal|dal"
        r"|gedaald|zakte|zakt|gezakt|verhoog|verlaag|klom|klim|geklommen|l(?:oopt|open"
        r"|iepen|iep) op|opgelopen|kelder|teruggelopen|liep terug|verdubbel|ging van"
    ),
    to_words=("tot", "tot aan"),
    elisions=(),
    determiners=frozenset(),
    noun_suffixes=(),
    topic_stop_words=frozenset(),
    source_words=(
        "volgens", "schat", "schatten", "spreekt van", "spreken van", "becijfert", "becijferen",
        "aldus",
    ),
    period_words={
        "eerste kwartaal": "Q1", "tweede kwartaal": "Q2", "derde kwartaal": "Q3",
        "vierde kwartaal": "Q4", "slotkwartaal": "Q4", "eerste helft": "H1",
        "eerste halfjaar": "H1", "tweede helft": "H2", "tweede halfjaar": "H2",
    },
    tally_words=(
        "dodental", "tot nu toe", "tot dusver", "tot nog toe", "voorlopig", "teller",
    ),
    death_words=("doden", "omgekomen", "gedood", "overleden", "om het leven"),
)
