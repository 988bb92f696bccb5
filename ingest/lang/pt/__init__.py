"""Portuguese (pt): the words and small rules the pipeline reads Portuguese with."""

from __future__ import annotations

from decimal import Decimal

from factwatch.ingest.lang.schema import Currency, LanguageData

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("dólares americanos", "USD", 1), ("dólares norte-americanos", "USD", 1),
    ("dólares estadunidenses", "USD", 1), ("dólares dos EUA", "USD", 1),
    ("dólares canadenses", "CAD", 1), ("dólar canadense", "CAD", 1),
    ("dólares australianos", "AUD", 1), ("dólar australiano", "AUD", 1),
    ("dólares de Hong Kong", "HKD", 1), ("dólar de Hong Kong", "HKD", 1),
    ("dólares", "?USD", 1), ("dólar", "?USD", 1), ("euros", "EUR", 1), ("euro", "EUR", 1),
    ("libras esterlinas", "GBP", 1), ("libras", "?GBP", 1), ("libra", "?GBP", 1),
    ("yuans", "CNY", 1), ("iuanes", "CNY", 1), ("yuan", "CNY", 1), ("iuane", "CNY", 1),
    ("renminbi", "CNY", 1), ("ienes", "JPY", 1), ("yen", "JPY", 1), ("ienes japoneses", "JPY", 1),
    ("francos suíços", "CHF", 1), ("franco suíço", "CHF", 1), ("francos", "?CHF", 1),
    ("franco", "?CHF", 1), ("rupias", "INR", 1), ("pesos", "?MXN", 1), ("reais", "BRL", 1),
    ("real", "BRL", 1), ("rublos", "RUB", 1), ("coroas", "?SEK", 1),
    ("marco finlandês", "FIM", 1), ("marcos finlandeses", "FIM", 1), ("marcos", "DEM", 1),
    ("florim holandês", "NLG", 1), ("florins holandeses", "NLG", 1), ("florins", "NLG", 1),
    ("forints", "HUF", 1), ("florins húngaros", "HUF", 1), ("zlótis", "PLN", 1),
    ("zlotys", "PLN", 1), ("złotys", "PLN", 1),
    ("pesetas", "ESP", 1), ("centavos", "BRL", 0.01), ("centavo", "BRL", 0.01),
    ("cêntimos", "EUR", 0.01), ("cêntimo", "EUR", 0.01), ("yenes", "JPY", 1),
    ("pênis", "GBP", 0.01), ("pence", "GBP", 0.01), ("penies", "GBP", 0.01),
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = """
    os as uns umas mais menos após desde depois antes enquanto seus suas nos nas dos das pelos
    pelas estes estas esses essas outros outras todos todas muitos muitas vários várias poucos
    poucas são eram foram serão têm segundo durante entre para por com sem sobre contra
"""


def _looks_plural(word: str, low: str) -> bool:
    """ "lojas", "empregos"."""
    return word[0].islower() and low.endswith("s") and len(low) >= 4


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """ "trinta e cinco"."""
    return [f"{tens} e {unit}"]


DATA = LanguageData(
    code="pt",
    name="Portuguese",
    aliases=("por",),
    unspaced=False,
    capitalised_nouns=False,
    decimal=",",
    lakh_groups=False,
    dollar_comma_groups=False,
    space_groups=True,
    scales=(
        ("mil", 3, False), ("k", 3, True), ("milhão", 6, False), ("milhao", 6, False),
        ("milhões", 6, False), ("milhoes", 6, False), ("mi", 6, False), ("M", 6, True),
        ("bilhão", 9, False), ("bilhao", 9, False), ("bilhões", 9, False), ("bilhoes", 9, False),
        ("bi", 9, False), ("mil milhões", 9, False), ("bilião", 12, False), ("biliões", 12, False),
        ("trilhão", 12, False), ("trilhões", 12, False), ("tri", 12, False),
    ),
    connectors=("de",),
    qualifiers={
        "about": (
            "cerca de", "aproximadamente", "quase", "em torno de", "por volta de", "perto de",
            "uns", "umas", "cerca dos", "cerca das", "na casa dos",
        ),
        "more_than": ("mais de", "acima de", "superior a", "mais do que", "mais dos"),
        "less_than": ("menos de", "abaixo de", "inferior a", "menos do que"),
        "up_to": ("até", "no máximo"),
        "at_least": ("pelo menos", "no mínimo", "ao menos"),
    },
    suffix_qualifiers={"at_least": ("ou mais", "e mais")},
    bound_verbs=("superou", "supera", "ultrapassou", "ultrapassa", "superado"),
    level_verbs=(
        "são", "eram", "é", "era", "atingiu", "atingiram", "chegou a", "chegaram a", "soma",
        "somam", "supera", "superam", "ultrapassa", "ultrapassam",
    ),
    range_words=("a", "ao", "e", "ou", "-", "–"),
    rank_words=(
        "nº", "n.º", "número", "página", "artigo", "capítulo", "linha", "sala", "voo", "nível",
        "fase", "temporada", "episódio", "rodada", "versão", "top", "posição", "etapa", "classe",
        "plataforma", "terminal", "lote", "andar", "jornada", "semana", "dia", "categoria",
        "geração", "série", "tomo", "figura", "tabela", "modelo", "rodovia", "estrada",
    ),
    percent_words=("%", "por cento", "porcentagem", "percentagem"),
    percent_nouns=("porcentagem", "percentagem"),
    point_words=(
        ("pontos percentuais", 1), ("ponto percentual", 1), ("pontos-base", 0.01),
        ("pontos base", 0.01), ("p.p.", 1),
    ),
    per_unit=(
        "por ação", "por quilo", "o quilo", "por kg", "por barril", "o barril", "por tonelada",
        "a tonelada", "por litro", "o litro", "por onça",
    ),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={},
    money_cues=("pagou", "custa", "preço", "vendido", "comprado", "salário", "faturamento"),
    currency_prefixes=(),
    scale_needs_connector=True,
    weak_scale_attached=False,
    pence_suffix=False,
    over_words=("sobre",),
    english_currency_names=True,
    months={
        "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "abril": 4, "maio": 5, "junho": 6,
        "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
        "jan.": 1, "fev.": 2, "mar.": 3, "abr.": 4, "jun.": 6, "jul.": 7, "ago.": 8, "set.": 9,
        "out.": 10, "nov.": 11, "dez.": 12,
    },
    month_first=False,
    case_sensitive_months=frozenset(),
    day_year_after={
        "-1": ("do ano passado", "do ano anterior", "do passado ano"),
        "0": ("deste ano", "do corrente ano"),
        "+1": ("do próximo ano", "do ano que vem"),
        "past": ("passado",),
    },
    day_year_before={
        "past": ("no passado dia", "passado dia", "no passado"),
        "next": ("no próximo dia", "próximo dia", "no próximo"),
    },
    date_ordinal="(?:º|°|\\.º)?",
    date_of="de{SP}+",
    date_year_join="{SP}+de{SP}+",
    date_range=("de", "a"),
    deadline_words=(
        "até", "até ao", "até dia", "antes de", "prazo", "prazo de", "data-limite",
    ),
    number_units=(
        "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze",
        "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove",
    ),
    number_tens=(
        "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa",
    ),
    number_extra={
        "uma": 1, "duas": 2, "catorze": 14, "quatorze": 14, "dezasseis": 16, "dezassete": 17,
        "dezanove": 19, "cem": 100, "cento": 100,
    },
    number_compounds=_compounds,
    number_hundreds={
        "duzentos": 200, "duzentas": 200, "trezentos": 300, "trezentas": 300, "quatrocentos": 400,
        "quatrocentas": 400, "quinhentos": 500, "quinhentas": 500, "seiscentos": 600,
        "seiscentas": 600, "setecentos": 700, "setecentas": 700, "oitocentos": 800,
        "oitocentas": 800, "novecentos": 900, "novecentas": 900,
    },
    hundred_words=(),
    number_scales={
        "mil": 3, "milhão": 6, "milhao": 6, "milhões": 6, "milhoes": 6, "bilhão": 9, "bilhao": 9,
        "bilhões": 9, "bilhoes": 9, "trilhão": 12, "trilhao": 12, "trilhões": 12, "trilhoes": 12,
        "bilião": 12, "biliões": 12,
    },
    number_starts=("mil",),
    decimal_words=("vírgula", "virgula"),
    joiner_words=("e",),
    joiner_after_scales_only=False,
    hundreds_of_below=10,
    decimal_digit_by_digit=False,
    glued=False,
    fraction=r"(?P<f>meio)[ \u00a0]+",
    fraction_values={"meio": Decimal("0.5")},
    fraction_starts=("meio",),
    articles=("um", "uma"),
    abbreviations=frozenset(("sr.ª", "dra", "exmo")),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(),
    not_compound_heads=frozenset(),
    looks_plural=_looks_plural,
    change_stems=r"aument|cresc|subi|sobe|elev|pass|caiu|cai|reduz|reduzi|diminu|recu",
    to_words=("até",),
    elisions=(),
    determiners=frozenset(),
    noun_suffixes=(),
    topic_stop_words=frozenset(("no", "nos", "o", "os", "um", "uma")),
    source_words=(
        "segundo", "de acordo com", "estima", "estimam", "calcula", "calculam", "aponta",
        "apontam", "fala em", "falam em",
    ),
    period_words={
        "primeiro trimestre": "Q1", "segundo trimestre": "Q2", "terceiro trimestre": "Q3",
        "quarto trimestre": "Q4", "primeiro semestre": "H1", "segundo semestre": "H2",
    },
    tally_words=(
        "balanço", "até agora", "até ao momento", "até o momento", "número de mortos",
        "contagem",
    ),
    death_words=("mortos", "mortes", "morreram", "perderam a vida", "vítimas fatais", "óbitos"),
)
