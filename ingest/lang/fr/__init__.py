"""French (fr): the words and small rules the pipeline reads French with."""

from __future__ import annotations

from decimal import Decimal

from factwatch.ingest.lang.schema import Currency, LanguageData

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("dollars américains", "USD", 1), ("dollars US", "USD", 1),
    ("dollars des États-Unis", "USD", 1), ("dollar américain", "USD", 1),
    ("dollars canadiens", "CAD", 1),
    ("dollar canadien", "CAD", 1), ("dollars australiens", "AUD", 1),
    ("dollar australien", "AUD", 1), ("dollars de Hong Kong", "HKD", 1),
    ("dollars hongkongais", "HKD", 1), ("dollars de Singapour", "SGD", 1),
    ("dollars singapouriens", "SGD", 1), ("dollars néo-zélandais", "NZD", 1),
    ("dollars taïwanais", "TWD", 1), ("dollars", "?USD", 1), ("dollar", "?USD", 1),
    ("euros", "EUR", 1), ("euro", "EUR", 1), ("livres sterling", "GBP", 1),
    ("livre sterling", "GBP", 1), ("livres", "?GBP", 1), ("livre", "?GBP", 1),
    ("sterling", "GBP", 1), ("yuans", "CNY", 1), ("yuan", "CNY", 1), ("renminbis", "CNY", 1),
    ("renminbi", "CNY", 1), ("yuans chinois", "CNY", 1), ("yens", "JPY", 1), ("yen", "JPY", 1),
    ("yens japonais", "JPY", 1), ("francs suisses", "CHF", 1), ("franc suisse", "CHF", 1),
    ("francs CFA", "XOF", 1), ("francs français", "FRF", 1), ("francs belges", "BEF", 1),
    ("francs", "?CHF", 1), ("franc", "?CHF", 1), ("roupies", "INR", 1),
    ("roupies indiennes", "INR", 1), ("pesos", "?MXN", 1), ("réais", "BRL", 1),
    ("reais", "BRL", 1), ("roubles", "RUB", 1), ("wons", "KRW", 1), ("won", "KRW", 1),
    ("rands", "ZAR", 1), ("livres turques", "TRY", 1), ("couronnes suédoises", "SEK", 1),
    ("couronnes norvégiennes", "NOK", 1), ("couronnes danoises", "DKK", 1),
    ("couronnes tchèques", "CZK", 1), ("couronnes", "?SEK", 1), ("zlotys", "PLN", 1),
    ("złotys", "PLN", 1), ("zloty", "PLN", 1), ("złoty", "PLN", 1),
    ("forints", "HUF", 1), ("shekels", "ILS", 1), ("dirhams", "MAD", 1),
    ("dinars algériens", "DZD", 1), ("dinars tunisiens", "TND", 1),
    ("mark finlandais", "FIM", 1), ("marks finlandais", "FIM", 1),
    ("florins néerlandais", "NLG", 1), ("florins", "NLG", 1), ("pesetas", "ESP", 1),
    ("marks", "DEM", 1), ("centimes", "EUR", 0.01), ("centimes d'euro", "EUR", 0.01),
    ("cents", "?USD", 0.01), ("pence", "GBP", 0.01), ("penny", "GBP", 0.01),
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = """
    les des ces mes tes ses nos vos leurs dans sans sous vers après depuis chez plus moins très
    alors puis jamais toujours parfois pas tous toutes autres mêmes quelques plusieurs certains
    certaines ceux celles nous vous ils elles aux lors dès hors parmi selon afin tandis ailleurs
    près assez trop mais jusqu'aux avons avez sont étaient seraient auraient font vont ont sera
    pourrait était avait fois dont donc ainsi aussi encore contre entre pour par sur avec est
    soit
"""


def _looks_plural(word: str, low: str) -> bool:
    """ "magasins", "emplois", "travaux"."""
    return word[0].islower() and low.endswith(("s", "x")) and len(low) >= 4


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """ "vingt et un", "vingt-et-un", "quatre-vingt-un", "trente-deux"."""
    if u == 1:
        return [f"{tens}-un"] if tens.startswith("quatre") else [f"{tens} et un", f"{tens}-et-un"]
    return [f"{tens}-{unit}"]


DATA = LanguageData(
    code="fr",
    name="French",
    aliases=("fra", "fre"),
    unspaced=False,
    capitalised_nouns=False,
    decimal=",",
    lakh_groups=False,
    dollar_comma_groups=False,
    space_groups=True,
    scales=(
        ("mille", 3, False), ("k", 3, True), ("million", 6, False), ("millions", 6, False),
        ("M", 6, True), ("mio", 6, False), ("milliard", 9, False), ("milliards", 9, False),
        ("Md", 9, False), ("Mds", 9, False), ("Mrd", 9, False), ("Mrds", 9, False),
        ("Md.", 9, False), ("Mds.", 9, False), ("billion", 12, False), ("billions", 12, False),
    ),
    connectors=("de", "d'"),
    qualifiers={
        "about": (
            "environ", "près de", "près d'", "quelque", "autour de", "aux alentours de",
            "approximativement", "à peu près", "presque", "quasiment", "pratiquement",
            "de l'ordre de", "grosso modo", "env.", "pas loin de", "aux environs de",
        ),
        "more_than": (
            "plus de", "plus d'", "au-delà de", "au-dessus de", "supérieur à", "supérieure à",
            "supérieurs à", "supérieures à", "plus que", "dépassant", "bien plus de",
            "un peu plus de", "largement plus de",
        ),
        "less_than": (
            "moins de", "moins d'", "inférieur à", "inférieure à", "inférieurs à", "en dessous de",
            "au-dessous de", "un peu moins de", "à peine",
        ),
        "up_to": ("jusqu'à", "au maximum", "au plus", "tout au plus", "au maximum de"),
        "at_least": ("au moins", "au minimum", "pas moins de", "au bas mot"),
    },
    suffix_qualifiers={"at_least": ("ou plus", "et plus")},
    bound_verbs=("dépassé", "dépasse", "dépassent", "franchi", "franchit"),
    level_verbs=(
        "est", "sont", "était", "étaient", "atteint", "atteignent", "a atteint", "ont atteint",
        "s'élève à", "s'élèvent à", "s’élève à", "s’élèvent à", "dépasse", "dépassent", "passe à",
        "passent à", "est passé à", "sont passés à", "totalisent",
    ),
    range_words=("au", "à", "et", "ou", "-", "–"),
    rank_words=(
        "n°", "no", "numéro", "nº", "page", "article", "chapitre", "ligne", "salle", "vol",
        "niveau", "phase", "saison", "épisode", "tour", "version", "top", "rang", "étape",
        "classe", "quai", "terminal", "lot", "étage", "route", "autoroute", "porte", "semaine",
        "jour", "journée", "acte", "titre", "catégorie", "génération", "série", "tome", "figure",
        "tableau", "modèle",
    ),
    percent_words=(
        "%", "pour cent", "pourcent", "pourcents", "pour-cent", "pourcentage", "pourcentages",
    ),
    percent_nouns=("pourcentage", "pourcentages"),
    point_words=(
        ("points de pourcentage", 1), ("point de pourcentage", 1), ("points de base", 0.01),
        ("pb", 0.01),
    ),
    per_unit=(
        "par action", "l'action", "par titre", "le kilo", "par kilo", "le kg", "le baril",
        "par baril", "la tonne", "par tonne", "le litre", "par litre", "l'once",
    ),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={},
    money_cues=(
        "payer", "payé", "coût", "coûte", "prix", "vendu", "acheté", "budget", "amende", "salaire",
        "chiffre d'affaires",
    ),
    currency_prefixes=(),
    scale_needs_connector=True,
    weak_scale_attached=False,
    pence_suffix=False,
    over_words=(),
    english_currency_names=True,
    months={
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
        "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "décembre": 12, "decembre": 12, "janv.": 1, "févr.": 2, "fév.": 2, "avr.": 4, "juil.": 7,
        "sept.": 9, "oct.": 10, "nov.": 11, "déc.": 12,
    },
    month_first=False,
    case_sensitive_months=frozenset(),
    day_year_after={
        "-1": (
            "de l'an dernier", "de l’an dernier", "de l'année dernière", "de l’année dernière",
            "l'an dernier", "l’an dernier", "l'année dernière", "l’année dernière",
            "de l'année précédente", "de l’année précédente",
        ),
        "0": ("de cette année", "cette année"),
        "+1": (
            "de l'an prochain", "de l’an prochain", "de l'année prochaine", "de l’année prochaine",
            "l'an prochain", "l’an prochain",
        ),
        "past": ("dernier",),
        "next": ("prochain",),
    },
    day_year_before={},
    date_ordinal="(?:er|e|ème|ᵉʳ)?",
    date_of="",
    date_year_join="{SP}+",
    date_range=("du", "au"),
    deadline_words=(
        "jusqu'au", "jusqu'à", "avant le", "d'ici le", "au plus tard le", "date limite",
        "date limite du", "expire le",
    ),
    number_units=(
        "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
        "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
    ),
    number_tens=(
        "vingt", "trente", "quarante", "cinquante", "soixante", "soixante-dix", "quatre-vingt",
        "quatre-vingt-dix",
    ),
    number_extra={"une": 1, "cent": 100, "quatre-vingts": 80, "zéro": 0},
    number_compounds=_compounds,
    number_hundreds={},
    hundred_words=("cent", "cents"),
    number_scales={
        "mille": 3, "mil": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9,
        "billion": 12, "billions": 12,
    },
    number_starts=("mille", "mil"),
    decimal_words=("virgule",),
    joiner_words=(),
    joiner_after_scales_only=False,
    hundreds_of_below=10,
    decimal_digit_by_digit=False,
    glued=False,
    fraction=r"(?:un[ \u00a0]+)?(?P<f>demi)-",
    fraction_values={"demi": Decimal("0.5")},
    fraction_starts=("demi",),
    articles=("un", "une"),
    abbreviations=frozenset((
        "m", "mme", "mlle", "me", "md", "mds", "env", "av", "bd", "janv", "févr", "fév", "avr",
        "juil", "déc", "cf",
    )),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(),
    not_compound_heads=frozenset(),
    looks_plural=_looks_plural,
    change_stems=r"progress|augment|grimp|pass|baiss|recul|chut|bondi|mont|cr[uû]|diminu",
    to_words=("jusqu'à",),
    elisions=("l", "d", "qu", "j", "n", "s", "c"),
    determiners=frozenset(),
    noun_suffixes=(),
    topic_stop_words=frozenset((
        "de", "des", "du", "en", "et", "la", "le", "les", "pour", "sur", "au", "aux", "dans", "un",
        "une",
    )),
    source_words=(
        "selon", "d'après", "estime", "estiment", "évalue", "évaluent", "avance", "avancent",
        "revendique", "revendiquent", "affirme", "affirment",
    ),
    period_words={
        "premier trimestre": "Q1", "1er trimestre": "Q1", "deuxième trimestre": "Q2",
        "second trimestre": "Q2", "2e trimestre": "Q2", "troisième trimestre": "Q3",
        "3e trimestre": "Q3", "quatrième trimestre": "Q4", "4e trimestre": "Q4",
        "premier semestre": "H1", "1er semestre": "H1", "second semestre": "H2",
        "deuxième semestre": "H2", "2e semestre": "H2",
    },
    tally_words=(
        "bilan", "jusqu'ici", "jusqu'à présent", "à ce stade", "pour l'heure", "décompte",
        "s'alourdit",
    ),
    death_words=(
        "tués", "tuées", "tué", "morts", "décédés", "ont péri", "ont perdu la vie",
        "trouvé la mort",
    ),
)
