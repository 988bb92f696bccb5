"""What a language gives the pipeline: one frozen record of every slot a language fills.

Adding a language is writing one module that builds a `LanguageData` (see `en.py`);
`tests/lang/test_language_data.py` says which slot was forgotten. Phrases are written as they
appear after `claims.normalize.normalize()` (straight apostrophe, single spaces).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

# A scale word: (phrase, power of ten, weak). A weak scale ("m", "k", "B") is an abbreviation
# that also names other things (metres, kilo-, a model size) and only counts next to a
# currency or a known counted noun.
Scale = tuple[str, int, bool]
# A currency name: (phrase, ISO code, factor). `factor` converts a sub-unit ("cents",
# "centimes") into units of the code; a code beginning with "?" is an ambiguous default that
# `claims.currencies.resolve_currency` settles from the surrounding text.
Currency = tuple[str, str, float]
# Qualifier kind ("about", "more_than", "less_than", "up_to", "at_least") -> phrases.
Qualifiers = Mapping[str, tuple[str, ...]]
# Year shift ("-1", "0", "+1", "-2") or "past"/"next" -> cue phrases.
YearCues = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, eq=False)
class LanguageData:
    """Every word list, table and small rule one language contributes."""

    code: str
    name: str  # English name, for help texts
    aliases: tuple[str, ...]  # ISO 639-2 and other codes feeds still use ("fre", "ger")

    # --- Script and digits
    unspaced: bool  # written without spaces between words (Chinese): no word boundaries
    capitalised_nouns: bool  # every noun capitalised, compounds hyphenated (German)
    decimal: str  # decimal separator; the other of "," / "." groups digits
    space_groups: bool  # digit groups separated by a plain space ("4 500 emplois")
    lakh_groups: bool  # Indian grouping in lakhs and crores: "12,34,567.89"
    # after a dollar sign a comma groups thousands, as in English: "$14,100 millones" (Latin
    # America, the US Hispanic press; Spain writes "14.100 millones de dólares")
    dollar_comma_groups: bool

    # --- Claim grammar (claims/grammar.py)
    scales: tuple[Scale, ...]
    connectors: tuple[str, ...]  # link a scale to its unit: "milliards d'euros"
    qualifiers: Qualifiers  # written before a figure
    suffix_qualifiers: Qualifiers  # written after it: "or more", "左右"
    bound_verbs: tuple[str, ...]  # make a figure a lower bound from afar: "ha superato"
    level_verbs: tuple[str, ...]  # state the level of the subject: "users reached"
    range_words: tuple[str, ...]  # join the two ends of a range
    rank_words: tuple[str, ...]  # make the next number a rank or an identifier
    percent_words: tuple[str, ...]
    percent_nouns: tuple[str, ...]  # percent words that are also nouns: "un porcentaje del"
    point_words: tuple[tuple[str, float], ...]  # (phrase, percent points per point)
    per_unit: tuple[str, ...]  # "per share", "le kilo": a price per unit follows an amount
    currency_names: tuple[Currency, ...]  # after the figure; English ones serve others too
    currency_defaults: Mapping[str, str]  # an ambiguous default read otherwise: "¥" is yuan
    money_cues: tuple[str, ...]  # money-and-trade words: "pounds" is money only near one
    currency_prefixes: tuple[str, ...]  # currency names written before the figure
    english_currency_names: bool  # its writers also use English currency names
    scale_needs_connector: bool  # a large scale reaches its noun through one: "1,5 miliardi di"
    weak_scale_attached: bool  # a weak scale must touch the digits: "5m" money, "5 m" a length
    pence_suffix: bool  # "50p" is fifty pence
    over_words: tuple[str, ...]  # a fraction written with a word: "3 sobre 10"

    # --- Dates (claims/dates.py)
    months: Mapping[str, int]
    month_first: bool  # the month before the day: "Feb. 3", "2/3/2025" (US English)
    case_sensitive_months: frozenset[str]  # month names that are also common words
    day_year_after: YearCues  # after a day without year: "9 June last year"
    day_year_before: YearCues  # before it: "el pasado 9 de junio", "去年6月9日"
    date_ordinal: str  # regex after a day number: "1st", "1er", "8."
    date_of: str  # regex between day and month: "16 de enero" ({SP} = a space)
    date_year_join: str  # regex between month and year: "16 de enero de 2025"
    date_range: tuple[str, str] | None  # ("du", "au"): "du 24 au 26 septembre"
    # a deadline or a bound in time right beside a day ("until", "bis zum", "截止"): the day
    # is as likely ahead of publication as behind it (before the day; after it in zh)
    deadline_words: tuple[str, ...]

    # --- Numbers written as words (claims/words.py)
    number_units: tuple[str, ...]  # 1..19
    number_tens: tuple[str, ...]  # 20, 30 .. 90
    number_extra: Mapping[str, int]  # other forms: "une", "cien", "zero"
    number_compounds: Callable[[str, str, int], list[str]]  # (tens, unit, u) -> forms of it
    number_hundreds: Mapping[str, int]  # hundreds as one word: "quinientos"
    hundred_words: tuple[str, ...]  # multiply by a hundred: "deux cents"
    number_scales: Mapping[str, int]  # scale words inside a number, as powers of ten
    number_starts: tuple[str, ...]  # scale words that open a number alone: "mil euros"
    decimal_words: tuple[str, ...]  # "point", "virgule"
    joiner_words: tuple[str, ...]  # between parts: "one hundred and five"
    joiner_after_scales_only: bool  # a joiner only after "hundred" or a scale ("and")
    hundreds_of_below: int  # the hundred word multiplies numbers below this ("19 hundred")
    decimal_digit_by_digit: bool  # decimals read digit by digit: "three point one four"
    glued: bool  # a number is one word: "siebenhundert", "duecentotrenta"
    fraction: str  # regex for "half a", "eine halbe", with group f
    fraction_values: Mapping[str, Decimal]  # fraction word -> value
    fraction_starts: tuple[str, ...]
    articles: tuple[str, ...]  # number words that are as often articles: "un", "a"

    # --- Sentences, counted nouns, changes (claims/sentences.py, nouns.py, counts.py)
    abbreviations: frozenset[str]  # a full stop after one ends no sentence ("Mrd.", "Dr.")
    function_words: frozenset[str]  # may follow a number without being its noun
    false_friends: frozenset[str]  # shared counted-noun forms that are other words here
    not_compound_heads: frozenset[str]  # compound ends naming something else ("Baustellen")
    looks_plural: Callable[[str, str], bool]  # (word, its casefold) -> may be a plural noun
    change_stems: str  # regex of stems of verbs of change ("aument", "stieg")
    to_words: tuple[str, ...]  # "up to" before a figure, "to" after a change ("hasta")

    # --- Names (entities.py)
    elisions: tuple[str, ...]  # elided words glued to a name: "l'", "dell'" ("l'Oréal" ~ Oréal)
    determiners: frozenset[str]  # a capitalised word after one is a common noun (German)
    noun_suffixes: tuple[str, ...]  # endings of common nouns, for capitalised-noun languages
    topic_stop_words: frozenset[str]  # carry no topic in what a follower types ("the", "für")

    # --- Facts and verdicts (reconcile/rivals.py, reconcile/tallies.py)
    source_words: tuple[str, ...]  # attribute a figure to a source: "according to", "selon", "据"
    tally_words: tuple[str, ...]  # name a running count or its revision: "toll", "bilan", "so far"
    # say that the people counted died: such a count is a death toll ("killed", "丧生")
    death_words: tuple[str, ...]
    # a part of a year a figure is for -> "Q1".."Q4", "H1", "H2": "first quarter", "上半年"
    period_words: Mapping[str, str]
