"""German (de): the words and small rules the pipeline reads German with."""

from __future__ import annotations

from decimal import Decimal

from factwatch.ingest.lang.schema import Currency, LanguageData

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("US-Dollar", "USD", 1), ("US Dollar", "USD", 1), ("amerikanische Dollar", "USD", 1),
    ("kanadische Dollar", "CAD", 1), ("australische Dollar", "AUD", 1),
    ("Hongkong-Dollar", "HKD", 1), ("Singapur-Dollar", "SGD", 1),
    ("neuseeländische Dollar", "NZD", 1), ("Taiwan-Dollar", "TWD", 1),
    ("Dollar", "?USD", 1), ("Euro", "EUR", 1), ("Pfund Sterling", "GBP", 1),
    ("britische Pfund", "GBP", 1), ("Pfund", "?GBP", 1), ("Yuan", "CNY", 1),
    ("Renminbi", "CNY", 1), ("Yen", "JPY", 1), ("Schweizer Franken", "CHF", 1),
    ("Franken", "CHF", 1), ("Fr.", "CHF", 1), ("Rubel", "RUB", 1), ("Rupien", "INR", 1),
    ("schwedische Kronen", "SEK", 1), ("norwegische Kronen", "NOK", 1),
    ("dänische Kronen", "DKK", 1), ("tschechische Kronen", "CZK", 1), ("Kronen", "?SEK", 1),
    ("Zloty", "PLN", 1), ("Złoty", "PLN", 1), ("polnische Zloty", "PLN", 1),
    ("Forint", "HUF", 1), ("türkische Lira", "TRY", 1),
    ("Lira", "TRY", 1), ("Real", "BRL", 1), ("Reais", "BRL", 1), ("Won", "KRW", 1),
    ("Rand", "ZAR", 1), ("Pesos", "?MXN", 1), ("Schekel", "ILS", 1),
    ("Mark", "DEM", 1), ("D-Mark", "DEM", 1), ("Gulden", "NLG", 1),
    ("Cent", "EUR", 0.01), ("Eurocent", "EUR", 0.01), ("Rappen", "CHF", 0.01),
    ("Pence", "GBP", 0.01), ("indische Rupien", "INR", 1), ("Rupie", "INR", 1),
    ("finnische Mark", "FIM", 1), ("Riel", "KHR", 1), ("kambodschanische Riel", "KHR", 1),
    ("niederländische Gulden", "NLG", 1), ("mexikanische Pesos", "MXN", 1),
    ("argentinische Pesos", "ARS", 1), ("chilenische Pesos", "CLP", 1),
    ("japanische Yen", "JPY", 1), ("chinesische Yuan", "CNY", 1),
    ("neuseeländische Dollar", "NZD", 1), ("Bitcoins", "BTC", 1), ("Bitcoin", "BTC", 1),
    ("Kuna", "HRK", 1), ("Lari", "GEL", 1), ("Naira", "NGN", 1),
]
# German adjectives decline ("16,4 Millionen kanadischen Dollar"): add the -n/-r forms.
_CURRENCIES += [
    (f"{adj}{ending} {rest}", code, factor)
    for phrase, code, factor in list(_CURRENCIES)
    if " " in phrase and phrase.split()[0].endswith("e") and phrase.split()[0].islower()
    for adj, rest in [phrase.split(" ", 1)]
    for ending in ("n", "r")
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = ""

def _looks_plural(word: str, low: str) -> bool:
    """Any capitalised word: German plurals have too many endings to tell."""
    return word[0].isupper() and len(word) >= 3


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """ "einundzwanzig", "zweiundzwanzig": the unit first, glued."""
    first = "ein" if u == 1 else unit
    return [f"{first}und{tens}"]


DATA = LanguageData(
    code="de",
    name="German",
    aliases=("deu", "ger"),
    unspaced=False,
    capitalised_nouns=True,
    decimal=",",
    lakh_groups=False,
    dollar_comma_groups=False,
    space_groups=True,
    scales=(
        ("Tausend", 3, False), ("Tsd.", 3, False), ("Tsd", 3, False), ("k", 3, True),
        ("Million", 6, False), ("Millionen", 6, False), ("Mio.", 6, False), ("Mio", 6, False),
        ("Mill.", 6, False), ("Milliarde", 9, False), ("Milliarden", 9, False), ("Mrd.", 9, False),
        ("Mrd", 9, False), ("Mia.", 9, False), ("Md.", 9, False), ("Billion", 12, False),
        ("Billionen", 12, False), ("Bio.", 12, False),
    ),
    connectors=(),
    qualifiers={
        "about": (
            "rund", "etwa", "ca.", "circa", "zirka", "knapp", "fast", "beinahe", "annähernd",
            "ungefähr", "nahezu", "um die", "an die", "geschätzt", "schätzungsweise", "gegen",
            "rd.",
        ),
        "more_than": (
            "mehr als", "über", "gut", "weit über", "knapp über", "deutlich über", "jenseits von",
            "mehr denn",
        ),
        "less_than": ("weniger als", "unter", "knapp unter", "nicht einmal", "deutlich unter"),
        "up_to": ("bis zu", "höchstens", "maximal", "bis"),
        "at_least": ("mindestens", "wenigstens", "zumindest", "nicht weniger als"),
    },
    suffix_qualifiers={"at_least": ("und mehr", "oder mehr")},
    bound_verbs=("überschritten", "übertroffen", "überstieg", "übersteigt", "überschreitet"),
    level_verbs=(
        "sind", "waren", "ist", "war", "erreichte", "erreichten", "erreicht", "liegt bei",
        "lag bei", "liegen bei", "lagen bei", "stieg auf", "stiegen auf", "sank auf", "beträgt",
        "betrug", "übersteigt", "übertraf",
    ),
    range_words=("bis", "und", "oder", "bis zum", "-", "–"),
    rank_words=(
        "nr.", "nummer", "seite", "artikel", "kapitel", "linie", "raum", "flug", "stufe", "phase",
        "saison", "folge", "runde", "version", "top", "rang", "platz", "etappe", "klasse", "gleis",
        "terminal", "los", "stock", "etage", "paragraf", "paragraph", "§", "woche", "tag",
        "spieltag", "kategorie", "generation", "serie", "band", "abbildung", "tabelle", "modell",
        "bundesstraße", "autobahn",
    ),
    percent_words=("%", "Prozent", "v. H.", "vH", "v.H."),
    percent_nouns=(),
    point_words=(
        ("Prozentpunkte", 1), ("Prozentpunkten", 1), ("Prozentpunkt", 1), ("Basispunkte", 0.01),
        ("Basispunkten", 0.01),
    ),
    per_unit=(
        "je Aktie", "pro Aktie", "pro Kilo", "je Kilo", "pro Kilogramm", "pro Barrel", "je Barrel",
        "pro Fass", "je Tonne", "pro Tonne", "pro Liter", "je Liter", "pro Unze", "je Unze",
    ),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={},
    money_cues=(
        "bezahlt", "kostet", "Kosten", "Preis", "verkauft", "gekauft", "Umsatz", "Gewinn",
        "Strafe",
    ),
    currency_prefixes=(),
    scale_needs_connector=False,
    weak_scale_attached=False,
    pence_suffix=False,
    over_words=(),
    english_currency_names=True,
    months={
        "Januar": 1, "Jänner": 1, "Februar": 2, "Feber": 2, "März": 3, "Maerz": 3, "April": 4,
        "Mai": 5, "Juni": 6, "Juli": 7, "August": 8, "September": 9, "Oktober": 10, "November": 11,
        "Dezember": 12, "Jan.": 1, "Feb.": 2, "Febr.": 2, "Mär.": 3, "Apr.": 4, "Jun.": 6,
        "Jul.": 7, "Aug.": 8, "Sep.": 9, "Sept.": 9, "Okt.": 10, "Nov.": 11, "Dez.": 12,
    },
    month_first=False,
    case_sensitive_months=frozenset(),
    day_year_after={
        "-1": (
            "letzten Jahres", "vergangenen Jahres", "des Vorjahres", "des vergangenen Jahres",
            "des letzten Jahres", "im vergangenen Jahr", "letztes Jahr", "im Vorjahr",
        ),
        "0": ("dieses Jahres", "diesen Jahres", "des laufenden Jahres"),
        "+1": ("nächsten Jahres", "kommenden Jahres", "des kommenden Jahres"),
    },
    day_year_before={
        "past": ("am vergangenen", "vergangenen"),
        "next": ("am kommenden", "kommenden"),
    },
    date_ordinal="\\.?",
    date_of="",
    date_year_join="{SP}+",
    date_range=None,
    deadline_words=(
        "bis zum", "bis", "bis spätestens", "spätestens am", "spätestens", "Frist", "Stichtag",
        "vor dem",
    ),
    number_units=(
        "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
        "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
        "neunzehn",
    ),
    number_tens=(
        "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig",
    ),
    number_extra={
        "ein": 1, "eine": 1, "einer": 1, "einen": 1, "einem": 1, "hundert": 100, "einhundert": 100,
        "null": 0,
    },
    number_compounds=_compounds,
    number_hundreds={},
    hundred_words=("hundert",),
    number_scales={
        "tausend": 3, "million": 6, "millionen": 6, "milliarde": 9, "milliarden": 9, "billion": 12,
        "billionen": 12,
    },
    number_starts=("tausend",),
    decimal_words=("komma",),
    joiner_words=(),
    joiner_after_scales_only=False,
    hundreds_of_below=10,
    decimal_digit_by_digit=False,
    glued=True,
    fraction=r"(?:eine[rnm]?[ \u00a0]+)?(?P<f>halbe[nr]?)[ \u00a0]+",
    fraction_values={
        "halbe": Decimal("0.5"), "halben": Decimal("0.5"), "halber": Decimal("0.5"),
    },
    fraction_starts=("halbe", "halben", "halber"),
    articles=("ein", "eine", "einer", "einen", "einem"),
    abbreviations=frozenset((
        "mio", "mrd", "mia", "tsd", "bio", "mill", "ca", "rd", "bzw", "z.b", "u.a", "d.h", "evtl",
        "ggf", "inkl", "jh", "mrz", "okt", "dez", "str", "hr",
    )),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(),
    not_compound_heads=frozenset((
        "fälle", "häuser", "lager", "linien", "posten", "punkte", "sitze", "spiele", "stellen",
        "stimmen", "titel", "tore",
    )),
    looks_plural=_looks_plural,
    change_stems=(
        r"stieg|steig|gestiegen|wuchs|w[aä]chst|gewachsen|erh[öo]h|sank|sinkt|gesunken"
        r"|fiel|f[aä]llt|gefallen|kletter|zulegt|legte"
    ),
    to_words=("bis",),
    elisions=(),
    determiners=frozenset((
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "eines", "kein", "keine", "keinen", "keinem", "keiner", "keines", "sein", "seine",
        "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres",
        "unser", "unsere", "unseren", "unserem", "unserer", "dieser", "diese", "diesen", "diesem",
        "dieses", "jeder", "jede", "jeden", "jedem", "jedes", "alle", "allen", "aller", "beide",
        "beiden", "viele", "vielen", "mehrere", "einige", "im", "am", "zum", "zur", "vom", "beim",
        "ins", "ans", "aufs", "durchs", "fürs", "ums",
    )),
    noun_suffixes=(
        "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
        "sion", "sionen", "ität", "itäten", "nis", "nisse", "tum", "ment", "mente", "ismus",
        "chen", "lein", "ling", "linge", "anz", "enz",
    ),
    topic_stop_words=frozenset((
        "der", "die", "das", "und", "von", "zu", "dem", "den", "ein", "eine", "mit",
    )),
    source_words=(
        "laut", "zufolge", "nach Angaben", "schätzt", "schätzen", "beziffert", "beziffern",
        "spricht von", "sprechen von", "sprach von", "sprachen von",
    ),
    period_words={
        "ersten Quartal": "Q1", "erste Quartal": "Q1", "erstes Quartal": "Q1",
        "Auftaktquartal": "Q1", "zweiten Quartal": "Q2", "zweite Quartal": "Q2",
        "dritten Quartal": "Q3", "dritte Quartal": "Q3", "vierten Quartal": "Q4",
        "vierte Quartal": "Q4", "Schlussquartal": "Q4", "ersten Halbjahr": "H1",
        "erste Halbjahr": "H1", "zweiten Halbjahr": "H2", "zweite Halbjahr": "H2",
    },
    tally_words=(
        "Bilanz", "bisher", "bislang", "inzwischen", "mittlerweile", "Opferzahl", "Totenzahl",
        "Zahl der Toten", "vorläufig",
    ),
    death_words=(
        "getötet", "tot", "Tote", "Toten", "starben", "gestorben", "ums Leben", "Todesopfer",
    ),
)
