"""English (en): the words and small rules the pipeline reads English with."""

from __future__ import annotations

from decimal import Decimal

from factwatch.ingest.lang.schema import Currency, LanguageData
from factwatch.ingest.text import words

# Currency names: (phrase, ISO code or an ambiguous "?" default, factor into units).
_CURRENCIES: list[Currency] = [
    ("US dollars", "USD", 1), ("US dollar", "USD", 1), ("U.S. dollars", "USD", 1),
    ("U.S. dollar", "USD", 1), ("American dollars", "USD", 1), ("United States dollars", "USD", 1),
    ("Canadian dollars", "CAD", 1), ("Canadian dollar", "CAD", 1),
    ("Australian dollars", "AUD", 1), ("Australian dollar", "AUD", 1),
    ("Hong Kong dollars", "HKD", 1), ("Hong Kong dollar", "HKD", 1),
    ("Singapore dollars", "SGD", 1), ("Singapore dollar", "SGD", 1),
    ("New Zealand dollars", "NZD", 1), ("New Taiwan dollars", "TWD", 1),
    ("Taiwan dollars", "TWD", 1), ("dollars", "?USD", 1), ("dollar", "?USD", 1),
    ("euros", "EUR", 1), ("euro", "EUR", 1), ("euro cents", "EUR", 0.01),
    ("pounds sterling", "GBP", 1), ("British pounds", "GBP", 1), ("sterling", "GBP", 1),
    ("pounds", "?GBP", 1), ("pound", "?GBP", 1),
    ("Japanese yen", "JPY", 1), ("yen", "JPY", 1), ("Chinese yuan", "CNY", 1),
    ("yuan", "CNY", 1), ("renminbi", "CNY", 1), ("rmb", "CNY", 1),
    ("Swiss francs", "CHF", 1), ("Swiss franc", "CHF", 1), ("French francs", "FRF", 1),
    ("Belgian francs", "BEF", 1), ("CFA francs", "XOF", 1), ("francs", "?CHF", 1),
    ("franc", "?CHF", 1), ("Indian rupees", "INR", 1), ("Sri Lankan rupees", "LKR", 1),
    ("Pakistani rupees", "PKR", 1), ("rupees", "INR", 1), ("rupee", "INR", 1),
    ("Mexican pesos", "MXN", 1), ("Argentine pesos", "ARS", 1), ("Chilean pesos", "CLP", 1),
    ("Colombian pesos", "COP", 1), ("Philippine pesos", "PHP", 1), ("pesos", "?MXN", 1),
    ("Brazilian reais", "BRL", 1), ("reais", "BRL", 1), ("roubles", "RUB", 1),
    ("rubles", "RUB", 1), ("won", "KRW", 1), ("rand", "ZAR", 1), ("Turkish lira", "TRY", 1),
    ("lira", "TRY", 1), ("liras", "TRY", 1), ("Italian lire", "ITL", 1),
    ("Swedish kronor", "SEK", 1), ("Swedish crowns", "SEK", 1), ("kronor", "SEK", 1),
    ("krona", "SEK", 1), ("Danish kroner", "DKK", 1), ("Norwegian kroner", "NOK", 1),
    ("Norwegian crowns", "NOK", 1), ("Danish crowns", "DKK", 1), ("Czech crowns", "CZK", 1),
    ("Czech korunas", "CZK", 1), ("kroner", "?NOK", 1), ("zlotys", "PLN", 1),
    ("zloty", "PLN", 1), ("złotys", "PLN", 1), ("złoty", "PLN", 1), ("Polish zloty", "PLN", 1),
    ("forints", "HUF", 1), ("forint", "HUF", 1), ("shekels", "ILS", 1),
    ("shekel", "ILS", 1), ("ringgit", "MYR", 1), ("baht", "THB", 1), ("dirhams", "AED", 1),
    ("riyals", "SAR", 1), ("naira", "NGN", 1), ("rupiah", "IDR", 1), ("hryvnias", "UAH", 1),
    ("Finnish markka", "FIM", 1), ("Finnish markkaa", "FIM", 1), ("markkaa", "FIM", 1),
    ("Deutsche marks", "DEM", 1), ("D-marks", "DEM", 1), ("German marks", "DEM", 1),
    ("Dutch guilders", "NLG", 1), ("Netherlands guilders", "NLG", 1), ("guilders", "NLG", 1),
    ("pesetas", "ESP", 1), ("escudos", "PTE", 1),
    ("cents", "?USD", 0.01), ("cent", "?USD", 0.01), ("pence", "GBP", 0.01),
    ("penny", "GBP", 0.01), ("pennies", "GBP", 0.01), ("sen", "MYR", 0.01),
    ("bitcoins", "BTC", 1), ("bitcoin", "BTC", 1), ("satoshis", "BTC", 1e-8),
    ("satoshi", "BTC", 1e-8), ("Cambodian riels", "KHR", 1), ("riels", "KHR", 1),
    ("Costa Rican colones", "CRC", 1), ("colones", "CRC", 1), ("Georgian lari", "GEL", 1),
    ("lari", "GEL", 1), ("Lao kip", "LAK", 1), ("kuna", "HRK", 1),
    ("kunas", "HRK", 1), ("Nigerian naira", "NGN", 1),
]


# Function words that can follow a number without being its noun ("in 2023 les ventes").
_FUNCTION_WORDS = """
    is was has as its this thus his hers ours yours theirs us yes plus less unless across always
    perhaps sometimes besides towards afterwards whereas does goes says gets makes takes comes
    becomes seems remains includes means its' plans rises falls grows drops jumps gains loses
    stands sits reports shows hits ends begins starts marks turns was were this those these
    various numerous its chinese swiss french german british american japanese plus minus versus
"""
# Plurals without an -s.
_IRREGULAR_PLURALS = frozenset(
    words("people children men women staff police personnel cattle sheep fish aircraft media")
)

def _looks_plural(word: str, low: str) -> bool:
    """ "stores", "children", "firemen"; capitalised only a people ("Americans")."""
    if not word[0].islower():
        return low.endswith("ans") and len(low) > 5
    return (
        low in _IRREGULAR_PLURALS
        or low.endswith("men")
        or (low.endswith("s") and not low.endswith(("ss", "us", "is", "'s")) and len(low) >= 4)
    )


def _compounds(tens: str, unit: str, u: int) -> list[str]:
    """ "twenty-one", "twenty one"."""
    return [f"{tens}-{unit}", f"{tens} {unit}"]


DATA = LanguageData(
    code="en",
    name="English",
    aliases=("eng",),
    unspaced=False,
    capitalised_nouns=False,
    decimal=".",
    lakh_groups=True,
    dollar_comma_groups=False,
    space_groups=False,
    scales=(
        ("hundred", 2, False), ("thousand", 3, False), ("thousands", 3, False), ("k", 3, True),
        ("mil", 6, False), ("mill", 6, False), ("million", 6, False), ("millions", 6, False),
        ("mn", 6, False), ("mln", 6, False), ("m", 6, True), ("billion", 9, False),
        ("billions", 9, False), ("bn", 9, False), ("bln", 9, False), ("b", 9, True),
        ("trillion", 12, False), ("trillions", 12, False), ("tn", 12, False), ("trn", 12, False),
        ("lakh", 5, False), ("lakhs", 5, False), ("crore", 7, False), ("crores", 7, False),
    ),
    connectors=("of",),
    qualifiers={
        "about": (
            "about", "around", "approximately", "approx.", "roughly", "some", "nearly", "almost",
            "close to", "an estimated", "estimated", "circa", "ca.", "~", "an approximate",
            "just about", "in the region of", "upward of",
        ),
        "more_than": (
            "more than", "over", "above", "in excess of", "upwards of", "exceeding", "just over",
            "well over", "north of", "greater than", "higher than", "better than",
        ),
        "less_than": (
            "less than", "fewer than", "under", "below", "just under", "lower than", "short of",
            "just shy of", "shy of",
        ),
        "up_to": (
            "up to", "as many as", "as much as", "as high as", "a maximum of", "at most",
            "no more than", "not more than",
        ),
        "at_least": (
            "at least", "a minimum of", "no less than", "not less than", "no fewer than",
            "a minimum",
        ),
    },
    suffix_qualifiers={"at_least": ("or more", "and more", "or above"), "more_than": ("-plus",)},
    bound_verbs=("exceeded", "exceeds", "surpassed", "surpasses", "topped", "tops", "passed"),
    level_verbs=(
        "is", "are", "was", "were", "reached", "reach", "reaches", "totalled", "totaled", "totals",
        "numbered", "stood at", "stands at", "rose to", "grew to", "climbed to", "fell to",
        "dropped to", "increased to", "decreased to", "jumped to", "hit", "topped", "exceeded",
        "surpassed", "passed",
    ),
    range_words=("to", "and", "through", "or", "-", "–", "—"),
    rank_words=(
        "no.", "number", "nr.", "#", "page", "article", "chapter", "section", "route", "line",
        "gate", "room", "flight", "level", "phase", "season", "episode", "round", "version", "top",
        "rank", "ranked", "ranking", "step", "stage", "grade", "class", "platform", "terminal",
        "lot", "unit", "apartment", "suite", "floor", "row", "seat", "pier", "highway",
        "interstate", "channel", "tier", "week", "day", "volume", "vol.", "part", "item", "figure",
        "table", "model", "series", "generation", "gen", "category", "covid-", "covid", "g",
        "windows", "iphone", "galaxy", "pixel", "boeing", "airbus", "stage",
    ),
    percent_words=(
        "%", "percent", "per cent", "pct", "pc", "pct.", "percents", "percentage", "percentages",
    ),
    percent_nouns=("percentage", "percentages", "percents"),
    point_words=(
        ("percentage points", 1), ("percentage point", 1), ("pp", 1), ("ppt", 1),
        ("basis points", 0.01), ("basis point", 0.01), ("bps", 0.01), ("bp", 0.01),
    ),
    per_unit=(
        "a share", "per share", "each share", "a piece", "per kilo", "a kilo", "per kg", "a kg",
        "a barrel", "per barrel", "a tonne", "per tonne", "a ton", "per ton", "an ounce",
        "per ounce", "a litre", "per litre", "a gallon", "per gallon",
    ),
    currency_names=tuple(_CURRENCIES),
    currency_defaults={},
    money_cues=(
        "sterling", "paid", "pay", "pays", "cost", "costs", "price", "priced", "worth", "fine",
        "fined", "sold", "sell", "bought", "buy", "salary", "wage", "fee", "fees", "budget",
        "fund", "funding", "revenue", "profit", "loss", "spent", "spend", "raise", "raised",
        "invest", "investment", "bonus", "award", "compensation", "prize", "grant", "charge",
        "tax", "deal", "bid", "offer",
    ),
    currency_prefixes=(),
    scale_needs_connector=False,
    weak_scale_attached=True,
    pence_suffix=True,
    over_words=(),
    english_currency_names=False,
    months={
        "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
        "August": 8, "September": 9, "October": 10, "November": 11, "December": 12, "Jan.": 1,
        "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8, "Sep.": 9, "Sept.": 9,
        "Oct.": 10, "Nov.": 11, "Dec.": 12, "Jan": 1, "Feb": 2, "Apr": 4, "Jun": 6, "Jul": 7,
        "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
    },
    month_first=True,
    case_sensitive_months=frozenset(("Aug", "Jan", "Mar.", "March", "May")),
    day_year_after={
        "-1": ("last year", "of last year", "the previous year", "the year before"),
        "0": ("this year", "of this year"),
        "+1": ("next year", "of next year"),
    },
    day_year_before={"past": ("last",), "next": ("next", "this coming")},
    date_ordinal="(?:st|nd|rd|th)?",
    date_of="(?:of{SP}+)?",
    date_year_join=",?{SP}+",
    date_range=None,
    deadline_words=(
        "until", "till", "by", "before", "deadline", "deadline of", "due", "no later than",
        "closes on", "expires on",
    ),
    number_units=(
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen",
    ),
    number_tens=("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
    number_extra={"hundred": 100, "zero": 0, "a": 1, "an": 1},
    number_compounds=_compounds,
    number_hundreds={},
    hundred_words=("hundred",),
    number_scales={
        "thousand": 3, "million": 6, "millions": 6, "billion": 9, "billions": 9, "trillion": 12,
        "trillions": 12,
    },
    number_starts=(),
    decimal_words=("point",),
    joiner_words=("and",),
    joiner_after_scales_only=True,
    hundreds_of_below=100,
    decimal_digit_by_digit=True,
    glued=False,
    fraction=(
        r"(?:an?[ \u00a0]+)?(?P<f>half|quarter|three[ \u00a0-]quarters)"
        r"(?:[ \u00a0]+of)?(?:[ \u00a0]+an?)?[ \u00a0]+"
    ),
    fraction_values={
        "half": Decimal("0.5"), "quarter": Decimal("0.25"), "three quarters": Decimal("0.75"),
        "three-quarters": Decimal("0.75"),
    },
    fraction_starts=("half", "quarter"),
    articles=("a", "an", "one"),
    abbreviations=frozenset((
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "plc", "no",
        "nr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "gov", "sen", "rep",
        "gen", "col", "lt", "sgt", "capt", "fig", "vol", "ed", "eds", "al", "pp", "mt", "ft",
    )),
    function_words=frozenset(_FUNCTION_WORDS.split()),
    false_friends=frozenset(),
    not_compound_heads=frozenset(),
    looks_plural=_looks_plural,
    change_stems=r"",
    to_words=(),
    elisions=(),
    determiners=frozenset(),
    noun_suffixes=(),
    topic_stop_words=frozenset((
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "of",
        "on", "or", "over", "per", "the", "to", "with", "news", "about",
    )),
    source_words=(
        "according to", "said", "says", "say", "estimates", "estimated", "reckons", "claims",
        "claimed", "citing",
    ),
    period_words={
        "first quarter": "Q1", "first-quarter": "Q1", "second quarter": "Q2",
        "second-quarter": "Q2", "third quarter": "Q3", "third-quarter": "Q3",
        "fourth quarter": "Q4", "fourth-quarter": "Q4", "final quarter": "Q4",
        "first half": "H1", "first-half": "H1", "second half": "H2", "second-half": "H2",
    },
    tally_words=(
        "toll", "tally", "so far", "to date", "latest count", "latest figures", "body count",
        "casualty count",
    ),
    death_words=("killed", "dead", "died", "perished", "lost their lives"),
)
