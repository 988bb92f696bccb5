"""Italian (it): the words and small rules the pipeline reads Italian with."""

from __future__ import annotations

from decimal import Decimal

from factwatch.ingest.lang.schema import Currency, LanguageData

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("marchi finlandesi", "FIM", 1), ("marco finlandese", "FIM", 1),
    ("marchi tedeschi", "DEM", 1), ("fiorini olandesi", "NLG", 1), ("forint", "HUF", 1),
    ("fiorini ungheresi", "HUF", 1), ("zloty", "PLN", 1), ("złoty", "PLN", 1),
    ("franchi francesi", "FRF", 1), ("franchi belgi", "BEF", 1),
    ("pesos messicani", "MXN", 1), ("pesos argentini", "ARS", 1), ("pesos cileni", "CLP", 1),
    ("yen giapponesi", "JPY", 1), ("yuan cinesi", "CNY", 1), ("rupie indiane", "INR", 1),
    ("dollari neozelandesi", "NZD", 1), ("dollari taiwanesi", "TWD", 1),
    ("dollari di Singapore", "SGD", 1), ("corone islandesi", "ISK", 1),
    ("dollaro USA", "USD", 1), ("dollaro americano", "USD", 1),
    ("dollaro statunitense", "USD", 1), ("dollaro canadese", "CAD", 1),
    ("dollaro australiano", "AUD", 1), ("sterline britanniche", "GBP", 1),
    ("dollari USA", "USD", 1), ("dollari americani", "USD", 1),
    ("dollari statunitensi", "USD", 1), ("dollari canadesi", "CAD", 1),
    ("dollari australiani", "AUD", 1), ("dollari di Hong Kong", "HKD", 1),
    ("dollari di Singapore", "SGD", 1), ("dollari", "?USD", 1), ("dollaro", "?USD", 1),
    ("euro", "EUR", 1), ("lire sterline", "GBP", 1), ("sterline", "GBP", 1),
    ("sterlina", "GBP", 1), ("yuan", "CNY", 1), ("renminbi", "CNY", 1), ("yen", "JPY", 1),
    ("franchi svizzeri", "CHF", 1), ("franco svizzero", "CHF", 1), ("franchi", "?CHF", 1),
    ("rupie", "INR", 1), ("pesos", "?MXN", 1), ("real", "BRL", 1), ("rubli", "RUB", 1),
    ("corone svedesi", "SEK", 1), ("corone norvegesi", "NOK", 1), ("corone danesi", "DKK", 1),
    ("corone ceche", "CZK", 1), ("corone", "?SEK", 1), ("zloty", "PLN", 1),
    ("lire turche", "TRY", 1), ("lire", "ITL", 1), ("marchi", "DEM", 1),
    ("fiorini", "NLG", 1), ("pesetas", "ESP", 1), ("centesimi", "EUR", 0.01),
    ("penny", "GBP", 0.01), ("pence", "GBP", 0.01),
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = """
    dei degli delle nei negli nelle dai dagli dalle ai agli alle sui sugli sulle che come anche
    oltre mentre sempre dove quale quali questi queste quelli quelle altri altre tutti tutte
    molti molte pochi poche più sono hanno sarebbe potrebbe deve viene vengono erano ogni circa
    contro verso fra tra per con nel nella dalla della alla sulla presso grazie secondo durante
    mediante rispetto invece quindi pari
"""


def _looks_plural(word: str, low: str) -> bool:
    """ "negozi", "aziende", but not infinitives or adverbs ("crescere", "recentemente")."""
    return (
        word[0].islower()
        and low.endswith(("i", "e"))
        and len(low) >= 4
        and not low.endswith(("are", "ere", "ire", "ebbe", "ente", "mente"))
    )


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """ "ventitré", "ventuno", "trentotto": glued, the tens' vowel elided before u/o."""
    stem = tens[:-1] if unit[0] in "uo" else tens
    return [stem + ("tré" if unit == "tre" else unit)]


DATA = LanguageData(
    code="it",
    name="Italian",
    aliases=("ita",),
    unspaced=False,
    capitalised_nouns=False,
    decimal=",",
    lakh_groups=False,
    dollar_comma_groups=False,
    space_groups=True,
    scales=(
        ("mila", 3, False), ("mille", 3, False), ("k", 3, True), ("milione", 6, False),
        ("milioni", 6, False), ("mln", 6, False), ("mln.", 6, False), ("M", 6, True),
        ("miliardo", 9, False), ("miliardi", 9, False), ("mld", 9, False), ("mld.", 9, False),
        ("mrd", 9, False), ("mrd.", 9, False), ("bilione", 12, False), ("bilioni", 12, False),
    ),
    connectors=("di", "d'"),
    qualifiers={
        "about": (
            "circa", "quasi", "intorno a", "intorno ai", "intorno al", "attorno a", "attorno ai",
            "attorno al", "all'incirca", "approssimativamente", "pressoché", "qualcosa come",
            "nell'ordine di",
        ),
        "more_than": (
            "oltre", "più di", "più del", "più dei", "più delle", "al di sopra di", "superiore a",
            "superiori a", "oltre i", "oltre il", "oltre le", "ben oltre",
        ),
        "less_than": (
            "meno di", "meno del", "meno dei", "meno delle", "al di sotto di", "inferiore a",
            "inferiori a",
        ),
        "up_to": ("fino a", "fino al", "fino ai", "fino alle", "sino a", "al massimo"),
        "at_least": ("almeno", "come minimo", "non meno di", "minimo"),
    },
    suffix_qualifiers={"at_least": ("o più", "e più")},
    bound_verbs=("superato", "supera", "superano", "oltrepassato"),
    level_verbs=(
        "sono", "erano", "è", "era", "ha raggiunto", "hanno raggiunto", "raggiunge", "raggiungono",
        "ammonta a", "ammontano a", "supera", "superano", "è salito a", "sono saliti a", "toccano",
    ),
    range_words=("al", "a", "e", "o", "-", "–"),
    rank_words=(
        "n.", "nº", "numero", "pagina", "articolo", "capitolo", "linea", "sala", "volo", "livello",
        "fase", "stagione", "episodio", "turno", "versione", "top", "posto", "tappa", "classe",
        "binario", "terminal", "lotto", "piano", "giornata", "settimana", "giorno", "categoria",
        "generazione", "serie", "tomo", "figura", "tabella", "modello", "strada", "autostrada",
    ),
    percent_words=("%", "per cento", "percento", "per cent", "percentuale"),
    percent_nouns=("percentuale",),
    point_words=(
        ("punti percentuali", 1), ("punto percentuale", 1), ("punti base", 0.01), ("pb", 0.01),
    ),
    per_unit=(
        "per azione", "ad azione", "al chilo", "il chilo", "al kg", "al barile", "alla tonnellata",
        "al litro", "all'oncia",
    ),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={},
    money_cues=(
        "pagato", "costa", "prezzo", "venduto", "acquistato", "multa", "stipendio", "fatturato",
    ),
    currency_prefixes=(),
    scale_needs_connector=True,
    weak_scale_attached=False,
    pence_suffix=False,
    over_words=(),
    english_currency_names=True,
    months={
        "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
        "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
        "gen.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "mag.": 5, "giu.": 6, "lug.": 7, "ago.": 8,
        "set.": 9, "ott.": 10, "nov.": 11, "dic.": 12,
    },
    month_first=False,
    case_sensitive_months=frozenset(),
    day_year_after={
        "-1": (
            "dell'anno scorso", "dell’anno scorso", "dello scorso anno", "dell'anno precedente",
            "dell’anno precedente",
        ),
        "0": ("di quest'anno", "di quest’anno", "dell'anno in corso", "dell’anno in corso"),
        "+1": ("dell'anno prossimo", "dell’anno prossimo", "del prossimo anno"),
        "past": ("scorso",),
        "next": ("prossimo",),
    },
    day_year_before={"past": ("lo scorso", "scorso"), "next": ("il prossimo", "prossimo")},
    date_ordinal="(?:°|º)?",
    date_of="",
    date_year_join="{SP}+(?:del{SP}+)?",
    date_range=("dal", "al"),
    deadline_words=(
        "entro il", "entro", "fino al", "scadenza", "scadenza del", "prima del", "non oltre il",
    ),
    number_units=(
        "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
        "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette",
        "diciotto", "diciannove",
    ),
    number_tens=(
        "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta",
    ),
    number_extra={"un": 1, "una": 1, "cento": 100, "ventitré": 23, "trentatré": 33},
    number_compounds=_compounds,
    number_hundreds={},
    hundred_words=("cento",),
    number_scales={
        "mille": 3, "mila": 3, "milione": 6, "milioni": 6, "miliardo": 9, "miliardi": 9,
    },
    number_starts=("mille",),
    decimal_words=("virgola",),
    joiner_words=(),
    joiner_after_scales_only=False,
    hundreds_of_below=10,
    decimal_digit_by_digit=False,
    glued=True,
    fraction=r"(?P<f>mezzo)[ \u00a0]+",
    fraction_values={"mezzo": Decimal("0.5")},
    fraction_starts=("mezzo",),
    articles=("un", "una", "uno"),
    abbreviations=frozenset((
        "sig", "dott", "ing", "avv", "sig.ra", "mln", "mld", "gen", "giu", "lug", "ott",
    )),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(),
    not_compound_heads=frozenset(),
    looks_plural=_looks_plural,
    change_stems=r"salit|sale|cresc|aument|sces|scend|calat|cala|passat|ridott|lievit",
    to_words=("fino a", "fino al", "fino ai", "fino alle", "sino a"),
    elisions=("l", "d", "dell", "dall", "nell", "sull", "all", "coll", "un", "quell"),
    determiners=frozenset(),
    noun_suffixes=(),
    topic_stop_words=frozenset(("della", "di", "il", "da", "na")),
    source_words=(
        "secondo", "stima", "stimano", "calcola", "calcolano", "parla di", "parlano di",
        "sostiene", "sostengono",
    ),
    period_words={
        "primo trimestre": "Q1", "secondo trimestre": "Q2", "terzo trimestre": "Q3",
        "quarto trimestre": "Q4", "primo semestre": "H1", "secondo semestre": "H2",
    },
    tally_words=(
        "bilancio", "finora", "fino ad ora", "al momento", "conteggio",
    ),
    death_words=("morti", "uccisi", "uccise", "deceduti", "hanno perso la vita", "vittime"),
)
