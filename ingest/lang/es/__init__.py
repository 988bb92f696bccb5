"""Spanish (es): the words and small rules the pipeline reads Spanish with."""

from __future__ import annotations

from decimal import Decimal

from factwatch.ingest.lang.schema import Currency, LanguageData

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("dólares estadounidenses", "USD", 1), ("dólares americanos", "USD", 1),
    ("dólares de EE.UU.", "USD", 1), ("dólares de EEUU", "USD", 1),
    ("dólares canadienses", "CAD", 1), ("dólar canadiense", "CAD", 1),
    ("dólares australianos", "AUD", 1), ("dólar australiano", "AUD", 1),
    ("dólares de Hong Kong", "HKD", 1), ("dólar de Hong Kong", "HKD", 1),
    ("dólares de Singapur", "SGD", 1), ("dólares neozelandeses", "NZD", 1),
    ("dólares taiwaneses", "TWD", 1), ("dólares", "?USD", 1), ("dolares", "?USD", 1),
    ("dólar", "?USD", 1), ("euros", "EUR", 1), ("euro", "EUR", 1),
    ("libras esterlinas", "GBP", 1), ("libra esterlina", "GBP", 1), ("libras", "?GBP", 1),
    ("libra", "?GBP", 1), ("yuanes", "CNY", 1), ("yuan", "CNY", 1), ("yuan chino", "CNY", 1),
    ("renminbis", "CNY", 1), ("yenes", "JPY", 1), ("yen", "JPY", 1),
    ("francos suizos", "CHF", 1), ("franco suizo", "CHF", 1), ("francos", "?CHF", 1),
    ("franco", "?CHF", 1), ("rupias", "INR", 1), ("pesos argentinos", "ARS", 1),
    ("pesos chilenos", "CLP", 1), ("pesos colombianos", "COP", 1),
    ("pesos mexicanos", "MXN", 1), ("pesos uruguayos", "UYU", 1), ("pesos", "?MXN", 1),
    ("reales", "BRL", 1), ("rublos", "RUB", 1), ("soles", "PEN", 1), ("bolívares", "VES", 1),
    ("coronas suecas", "SEK", 1), ("coronas noruegas", "NOK", 1), ("coronas danesas", "DKK", 1),
    ("coronas checas", "CZK", 1), ("coronas", "?SEK", 1), ("zlotys", "PLN", 1),
    ("złotys", "PLN", 1), ("esloti", "PLN", 1), ("eslotis", "PLN", 1),
    ("liras turcas", "TRY", 1), ("liras", "TRY", 1), ("marcos finlandeses", "FIM", 1),
    ("marco finlandés", "FIM", 1), ("marcos", "DEM", 1), ("florines neerlandeses", "NLG", 1),
    ("florín neerlandés", "NLG", 1), ("florines", "NLG", 1), ("pesetas", "ESP", 1),
    ("forintos", "HUF", 1), ("florines húngaros", "HUF", 1),
    ("céntimos", "EUR", 0.01), ("céntimo", "EUR", 0.01), ("centavos", "?USD", 0.01),
    ("centavo", "?USD", 0.01), ("peniques", "GBP", 0.01), ("penique", "GBP", 0.01),
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = """
    los las unos unas más menos tras desde después antes mientras entonces sus nos les estos
    esos aquellos otros otras todos todas muchos muchas varios varias pocos pocas además sólo
    solo pues según hasta hacia sobre entre para por con sin son eran serán fueron han habían
    tras mediante durante
"""


def _looks_plural(word: str, low: str) -> bool:
    """ "tiendas", "empleos"."""
    return word[0].islower() and low.endswith("s") and len(low) >= 4


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """ "treinta y cinco", and "veintiuno" .. "veintinueve" as one word."""
    forms = [f"{tens} y {unit}"]
    if tens == "veinte":
        forms.append("veinti" + unit)
    return forms


DATA = LanguageData(
    code="es",
    name="Spanish",
    aliases=("spa",),
    unspaced=False,
    capitalised_nouns=False,
    decimal=",",
    lakh_groups=False,
    dollar_comma_groups=True,
    space_groups=True,
    scales=(
        ("mil", 3, False), ("k", 3, True), ("millón", 6, False), ("millon", 6, False),
        ("millones", 6, False), ("mill.", 6, False), ("M", 6, True), ("millardo", 9, False),
        ("millardos", 9, False), ("billón", 12, False), ("billon", 12, False),
        ("billones", 12, False),
    ),
    connectors=("de",),
    qualifiers={
        "about": (
            "unos", "unas", "alrededor de", "alrededor del", "en torno a", "en torno al",
            "cerca de", "cerca del", "aproximadamente", "casi", "aprox.", "del orden de",
            "rondando", "rondando los", "unos/unas",
        ),
        "more_than": (
            "más de", "mas de", "más del", "por encima de", "por encima del", "superior a",
            "superiores a", "más que",
        ),
        "less_than": (
            "menos de", "menos del", "por debajo de", "por debajo del", "inferior a",
            "inferiores a",
        ),
        "up_to": ("hasta", "un máximo de", "como máximo", "hasta un"),
        "at_least": ("al menos", "por lo menos", "como mínimo", "un mínimo de", "no menos de"),
    },
    suffix_qualifiers={"at_least": ("o más", "y más")},
    bound_verbs=("superó", "supera", "superado", "superan", "rebasó", "sobrepasó"),
    level_verbs=(
        "son", "eran", "es", "era", "alcanzó", "alcanzaron", "alcanza", "alcanzan", "llegó a",
        "llegaron a", "suma", "suman", "sumaron", "supera", "superan", "asciende a", "ascienden a",
        "ascendió a",
    ),
    range_words=("al", "a", "y", "o", "-", "–"),
    rank_words=(
        "n.º", "nº", "no.", "número", "página", "artículo", "capítulo", "línea", "sala", "vuelo",
        "nivel", "fase", "temporada", "episodio", "ronda", "versión", "top", "puesto", "etapa",
        "clase", "andén", "terminal", "lote", "planta", "piso", "jornada", "semana", "día",
        "categoría", "generación", "serie", "tomo", "figura", "tabla", "modelo", "ruta", "autovía",
        "carretera",
    ),
    percent_words=("%", "por ciento", "por cien", "porcentaje"),
    percent_nouns=("porcentaje",),
    point_words=(
        ("puntos porcentuales", 1), ("punto porcentual", 1), ("puntos básicos", 0.01),
        ("puntos base", 0.01), ("pb", 0.01),
    ),
    per_unit=(
        "por acción", "por título", "por kilo", "el kilo", "por kg", "por barril", "el barril",
        "por tonelada", "la tonelada", "por litro", "el litro", "por onza",
    ),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={},
    money_cues=(
        "pagó", "pagado", "cuesta", "coste", "costo", "precio", "vendido", "comprado", "multa",
        "salario",
    ),
    currency_prefixes=(),
    scale_needs_connector=True,
    weak_scale_attached=False,
    pence_suffix=False,
    over_words=("sobre",),
    english_currency_names=True,
    months={
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12, "ene.": 1, "feb.": 2, "abr.": 4, "ago.": 8, "sept.": 9, "oct.": 10,
        "nov.": 11, "dic.": 12,
    },
    month_first=False,
    case_sensitive_months=frozenset(),
    day_year_after={
        "-1": ("del año pasado", "del pasado año", "del año anterior"),
        "0": ("de este año", "del presente año"),
        "+1": ("del próximo año", "del año que viene"),
    },
    day_year_before={"past": ("el pasado", "pasado"), "next": ("el próximo", "próximo")},
    date_ordinal="(?:º|°|\\.º)?",
    date_of="de{SP}+",
    date_year_join="{SP}+(?:de|del){SP}+",
    date_range=("del", "al"),
    deadline_words=(
        "hasta el", "antes del", "plazo", "a más tardar el", "fecha límite", "vence el",
    ),
    number_units=(
        "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
        "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
    ),
    number_tens=(
        "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa",
    ),
    number_extra={
        "un": 1, "una": 1, "veintiún": 21, "veintiuna": 21, "veintidós": 22, "veintitrés": 23,
        "veintiséis": 26, "cien": 100, "ciento": 100,
    },
    number_compounds=_compounds,
    number_hundreds={
        "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
        "cuatrocientos": 400, "cuatrocientas": 400, "seiscientos": 600, "seiscientas": 600,
        "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800,
        "novecientos": 900, "novecientas": 900, "quinientos": 500, "quinientas": 500,
    },
    hundred_words=(),
    number_scales={
        "mil": 3, "millón": 6, "millon": 6, "millones": 6, "millardo": 9, "millardos": 9,
        "billón": 12, "billon": 12, "billones": 12,
    },
    number_starts=("mil",),
    decimal_words=("coma", "con", "punto"),
    joiner_words=(),
    joiner_after_scales_only=False,
    hundreds_of_below=10,
    decimal_digit_by_digit=False,
    glued=False,
    fraction=r"(?P<f>medio)[ \u00a0]+",
    fraction_values={"medio": Decimal("0.5")},
    fraction_starts=("medio",),
    articles=("uno", "una", "un"),
    abbreviations=frozenset((
        "sr", "sra", "srta", "dña", "ee.uu", "uu", "aprox", "núm", "pág", "ene", "abr", "ago",
        "dic",
    )),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(),
    not_compound_heads=frozenset(),
    looks_plural=_looks_plural,
    change_stems=(
        r"aument|crec|subi|subió|sube|elev|increment|pas[óoa]|disminu|baj|ca[yí]|reduj"
        r"|reduc"
    ),
    to_words=("hasta",),
    elisions=(),
    determiners=frozenset(),
    noun_suffixes=(),
    topic_stop_words=frozenset((
        "del", "el", "los", "las", "por", "y", "al", "con", "un", "una", "lo",
    )),
    source_words=(
        "según", "de acuerdo con", "calcula", "calculan", "estima", "estiman", "habla de",
        "hablan de", "asegura", "aseguran",
    ),
    period_words={
        "primer trimestre": "Q1", "segundo trimestre": "Q2", "tercer trimestre": "Q3",
        "cuarto trimestre": "Q4", "primer semestre": "H1", "segundo semestre": "H2",
    },
    tally_words=(
        "balance", "hasta ahora", "hasta el momento", "por ahora", "cifra de muertos",
        "cifra de víctimas", "recuento",
    ),
    death_words=(
        "muertos", "murieron", "fallecidos", "fallecieron", "perdieron la vida",
        "víctimas mortales",
    ),
)
