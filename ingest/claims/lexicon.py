"""Per-language words of the claim grammar: scales, qualifiers, months, connectors.

Plain data only; `grammar.py` compiles it. Phrases are written as they appear after
`normalize()` (straight apostrophe, single spaces); the compiler lets any run of spaces
(including no-break spaces) stand for a space.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("en", "fr", "de", "es", "it", "pt", "nl", "zh")


def words(text: str) -> list[str]:
    """The whitespace-separated words of a data string (keeps long word lists compact)."""
    return text.split()

# Decimal separator each language writes; the other of "," / "." groups digits.
DECIMAL: dict[str, str] = {
    "en": ".", "zh": ".", "fr": ",", "de": ",", "es": ",", "it": ",", "pt": ",", "nl": ",",
}

# Languages whose writers separate digit groups with an ordinary space ("4 500 emplois").
SPACE_GROUPS: frozenset[str] = frozenset({"fr", "de", "es", "it", "pt", "nl"})

# Scale words: (phrase, power of ten, weak). A weak scale ("m", "k", "B") is an abbreviation
# that also names other things (metres, kilo-, a model size) and only counts next to a
# currency or a known counted noun.
Scale = tuple[str, int, bool]
SCALES: dict[str, list[Scale]] = {
    "en": [
        ("hundred", 2, False), ("thousand", 3, False), ("thousands", 3, False), ("k", 3, True),
        ("mil", 6, False), ("mill", 6, False),
        ("million", 6, False), ("millions", 6, False), ("mn", 6, False), ("mln", 6, False),
        ("m", 6, True),
        ("billion", 9, False), ("billions", 9, False), ("bn", 9, False), ("bln", 9, False),
        ("b", 9, True),
        ("trillion", 12, False), ("trillions", 12, False), ("tn", 12, False),
        ("trn", 12, False),
        ("lakh", 5, False), ("lakhs", 5, False), ("crore", 7, False), ("crores", 7, False),
    ],
    "fr": [
        ("mille", 3, False), ("k", 3, True),
        ("million", 6, False), ("millions", 6, False), ("M", 6, True), ("mio", 6, False),
        ("milliard", 9, False), ("milliards", 9, False), ("Md", 9, False), ("Mds", 9, False),
        ("Mrd", 9, False), ("Mrds", 9, False), ("Md.", 9, False), ("Mds.", 9, False),
        ("billion", 12, False), ("billions", 12, False),
    ],
    "de": [
        ("Tausend", 3, False), ("Tsd.", 3, False), ("Tsd", 3, False), ("k", 3, True),
        ("Million", 6, False), ("Millionen", 6, False), ("Mio.", 6, False), ("Mio", 6, False),
        ("Mill.", 6, False),
        ("Milliarde", 9, False), ("Milliarden", 9, False), ("Mrd.", 9, False),
        ("Mrd", 9, False), ("Mia.", 9, False), ("Md.", 9, False),
        ("Billion", 12, False), ("Billionen", 12, False), ("Bio.", 12, False),
    ],
    "es": [
        ("mil", 3, False), ("k", 3, True),
        ("millón", 6, False), ("millon", 6, False), ("millones", 6, False),
        ("mill.", 6, False), ("M", 6, True),
        ("millardo", 9, False), ("millardos", 9, False),
        ("billón", 12, False), ("billon", 12, False), ("billones", 12, False),
    ],
    "it": [
        ("mila", 3, False), ("mille", 3, False), ("k", 3, True),
        ("milione", 6, False), ("milioni", 6, False), ("mln", 6, False), ("mln.", 6, False),
        ("M", 6, True),
        ("miliardo", 9, False), ("miliardi", 9, False), ("mld", 9, False), ("mld.", 9, False),
        ("mrd", 9, False), ("mrd.", 9, False),
        ("bilione", 12, False), ("bilioni", 12, False),
    ],
    "pt": [
        ("mil", 3, False), ("k", 3, True),
        ("milhão", 6, False), ("milhao", 6, False), ("milhões", 6, False),
        ("milhoes", 6, False), ("mi", 6, False), ("M", 6, True),
        ("bilhão", 9, False), ("bilhao", 9, False), ("bilhões", 9, False),
        ("bilhoes", 9, False), ("bi", 9, False), ("mil milhões", 9, False),
        ("bilião", 12, False), ("biliões", 12, False),
        ("trilhão", 12, False), ("trilhões", 12, False), ("tri", 12, False),
    ],
    "nl": [
        ("duizend", 3, False), ("k", 3, True),
        ("miljoen", 6, False), ("miljoenen", 6, False), ("mln", 6, False), ("mln.", 6, False),
        ("mio", 6, False), ("mio.", 6, False),
        ("miljard", 9, False), ("miljarden", 9, False), ("mld", 9, False), ("mld.", 9, False),
        ("mrd", 9, False), ("mrd.", 9, False),
        ("biljoen", 12, False), ("biljoenen", 12, False),
    ],
    "zh": [],  # Chinese scale characters are handled by `numbers.zh_scale`
}

# Words that link a scale to its unit: "milliards d'euros", "millones de euros".
CONNECTORS: dict[str, list[str]] = {
    "en": ["of"],
    "fr": ["de", "d'"],
    "de": [],
    "es": ["de"],
    "it": ["di", "d'"],
    "pt": ["de"],
    "nl": [],
    "zh": [],
}

# Qualifier phrases written before a figure.
QUALIFIERS: dict[str, dict[str, list[str]]] = {
    "en": {
        "about": ["about", "around", "approximately", "approx.", "roughly", "some", "nearly",
                  "almost", "close to", "an estimated", "estimated", "circa", "ca.", "~",
                  "an approximate", "just about", "in the region of", "upward of"],
        "more_than": ["more than", "over", "above", "in excess of", "upwards of", "exceeding",
                      "just over", "well over", "north of", "greater than", "higher than",
                      "better than"],
        "less_than": ["less than", "fewer than", "under", "below", "just under", "lower than",
                      "short of", "just shy of", "shy of"],
        "up_to": ["up to", "as many as", "as much as", "as high as", "a maximum of", "at most",
                  "no more than", "not more than"],
        "at_least": ["at least", "a minimum of", "no less than", "not less than",
                     "no fewer than", "a minimum"],
    },
    "fr": {
        "about": ["environ", "près de", "près d'", "quelque", "autour de", "aux alentours de",
                  "approximativement", "à peu près", "presque", "quasiment", "pratiquement",
                  "de l'ordre de", "grosso modo", "env.", "pas loin de", "aux environs de"],
        "more_than": ["plus de", "plus d'", "au-delà de", "au-dessus de", "supérieur à",
                      "supérieure à", "supérieurs à", "supérieures à", "plus que",
                      "dépassant", "bien plus de", "un peu plus de", "largement plus de"],
        "less_than": ["moins de", "moins d'", "inférieur à", "inférieure à", "inférieurs à",
                      "en dessous de", "au-dessous de", "un peu moins de", "à peine"],
        "up_to": ["jusqu'à", "au maximum", "au plus", "tout au plus", "au maximum de"],
        "at_least": ["au moins", "au minimum", "pas moins de", "au bas mot"],
    },
    "de": {
        "about": ["rund", "etwa", "ca.", "circa", "zirka", "knapp", "fast", "beinahe",
                  "annähernd", "ungefähr", "nahezu", "um die", "an die", "geschätzt",
                  "schätzungsweise", "gegen", "rd."],
        "more_than": ["mehr als", "über", "gut", "weit über", "knapp über", "deutlich über",
                      "jenseits von", "mehr denn"],
        "less_than": ["weniger als", "unter", "knapp unter", "nicht einmal", "deutlich unter"],
        "up_to": ["bis zu", "höchstens", "maximal", "bis"],
        "at_least": ["mindestens", "wenigstens", "zumindest", "nicht weniger als"],
    },
    "es": {
        "about": ["unos", "unas", "alrededor de", "alrededor del", "en torno a", "en torno al",
                  "cerca de", "cerca del", "aproximadamente", "casi", "aprox.", "del orden de",
                  "rondando", "rondando los", "unos/unas"],
        "more_than": ["más de", "mas de", "más del", "por encima de", "por encima del",
                      "superior a", "superiores a", "más que"],
        "less_than": ["menos de", "menos del", "por debajo de", "por debajo del",
                      "inferior a", "inferiores a"],
        "up_to": ["hasta", "un máximo de", "como máximo", "hasta un"],
        "at_least": ["al menos", "por lo menos", "como mínimo", "un mínimo de", "no menos de"],
    },
    "it": {
        "about": ["circa", "quasi", "intorno a", "intorno ai", "intorno al", "attorno a",
                  "attorno ai", "attorno al", "all'incirca", "approssimativamente",
                  "pressoché", "qualcosa come", "nell'ordine di"],
        "more_than": ["oltre", "più di", "più del", "più dei", "più delle", "al di sopra di",
                      "superiore a", "superiori a", "oltre i", "oltre il", "oltre le",
                      "ben oltre"],
        "less_than": ["meno di", "meno del", "meno dei", "meno delle", "al di sotto di",
                      "inferiore a", "inferiori a"],
        "up_to": ["fino a", "fino al", "fino ai", "fino alle", "sino a", "al massimo"],
        "at_least": ["almeno", "come minimo", "non meno di", "minimo"],
    },
    "pt": {
        "about": ["cerca de", "aproximadamente", "quase", "em torno de", "por volta de",
                  "perto de", "uns", "umas", "cerca dos", "cerca das", "na casa dos"],
        "more_than": ["mais de", "acima de", "superior a", "mais do que", "mais dos"],
        "less_than": ["menos de", "abaixo de", "inferior a", "menos do que"],
        "up_to": ["até", "no máximo"],
        "at_least": ["pelo menos", "no mínimo", "ao menos"],
    },
    "nl": {
        "about": ["ongeveer", "circa", "ca.", "rond", "rond de", "rondom", "zo'n", "zowat",
                  "bijna", "nagenoeg", "vrijwel", "haast", "ruwweg", "grofweg", "pakweg",
                  "naar schatting", "om en nabij", "omstreeks", "plusminus", "krap",
                  "een kleine", "een stuk of", "bij benadering", "ongeveer zo'n"],
        "more_than": ["meer dan", "ruim", "ruim boven", "dik", "boven de", "bovende",
                      "ruimschoots", "meer als", "hoger dan", "groter dan"],
        "less_than": ["minder dan", "nog geen", "onder de", "net onder", "lager dan",
                      "kleiner dan", "net geen", "nog niet eens"],
        "up_to": ["tot", "tot aan", "tot wel", "maximaal", "hooguit", "ten hoogste",
                  "niet meer dan", "tot maximaal", "maximum"],
        "at_least": ["minstens", "ten minste", "tenminste", "minimaal", "op zijn minst",
                     "zeker", "niet minder dan", "minimum"],
    },
    "zh": {
        "about": ["约合", "大约", "大概", "约", "近", "将近", "接近", "差不多", "估计"],
        "more_than": ["超过", "超", "逾", "高于", "突破", "多于", "超出", "大于"],
        "less_than": ["不到", "不足", "低于", "少于", "未满", "小于", "不及"],
        "up_to": ["最多", "至多", "不超过", "高达", "最高"],
        "at_least": ["至少", "不少于", "不低于", "起码", "最少"],
    },
}

# Qualifiers written after a figure ("5000余名", "10 % or more").
SUFFIX_QUALIFIERS: dict[str, dict[str, list[str]]] = {
    "en": {"at_least": ["or more", "and more", "or above"], "more_than": ["-plus"]},
    "fr": {"at_least": ["ou plus", "et plus"]},
    "de": {"at_least": ["und mehr", "oder mehr"]},
    "es": {"at_least": ["o más", "y más"]},
    "it": {"at_least": ["o più", "e più"]},
    "pt": {"at_least": ["ou mais", "e mais"]},
    "nl": {"at_least": ["of meer", "en meer", "of hoger"]},
    "zh": {"about": ["左右", "上下"], "more_than": ["以上"], "up_to": ["以下", "以内"]},
}

# Verbs that make a figure a lower bound without standing next to it ("ha superato i 200.000
# visitatori"): the qualifier is kept, the span is not stretched over the verb.
BOUND_VERBS: dict[str, list[str]] = {
    "en": ["exceeded", "exceeds", "surpassed", "surpasses", "topped", "tops", "passed"],
    "fr": ["dépassé", "dépasse", "dépassent", "franchi", "franchit"],
    "de": ["überschritten", "übertroffen", "überstieg", "übersteigt", "überschreitet"],
    "es": ["superó", "supera", "superado", "superan", "rebasó", "sobrepasó"],
    "it": ["superato", "supera", "superano", "oltrepassato"],
    "pt": ["superou", "supera", "ultrapassou", "ultrapassa", "superado"],
    "nl": ["overschreden", "overschreed", "overschrijdt", "overtrof", "overtroffen",
           "overstijgt", "oversteeg", "overstegen", "passeerde", "gepasseerd"],
    "zh": [],
}

# Verbs that state the level of what the clause's subject counts ("users reached 74 million",
# "gli utenti sono 74 milioni"): a number after one with no noun of its own counts the subject.
LEVEL_VERBS: dict[str, list[str]] = {
    "en": ["is", "are", "was", "were", "reached", "reach", "reaches", "totalled", "totaled",
           "totals", "numbered", "stood at", "stands at", "rose to", "grew to", "climbed to",
           "fell to", "dropped to", "increased to", "decreased to", "jumped to", "hit",
           "topped", "exceeded", "surpassed", "passed"],
    "fr": ["est", "sont", "était", "étaient", "atteint", "atteignent", "a atteint",
           "ont atteint", "s'élève à", "s'élèvent à", "s’élève à", "s’élèvent à", "dépasse",
           "dépassent", "passe à", "passent à", "est passé à", "sont passés à", "totalisent"],
    "de": ["sind", "waren", "ist", "war", "erreichte", "erreichten", "erreicht", "liegt bei",
           "lag bei", "liegen bei", "lagen bei", "stieg auf", "stiegen auf", "sank auf",
           "beträgt", "betrug", "übersteigt", "übertraf"],
    "es": ["son", "eran", "es", "era", "alcanzó", "alcanzaron", "alcanza", "alcanzan",
           "llegó a", "llegaron a", "suma", "suman", "sumaron", "supera", "superan",
           "asciende a", "ascienden a", "ascendió a"],
    "it": ["sono", "erano", "è", "era", "ha raggiunto", "hanno raggiunto", "raggiunge",
           "raggiungono", "ammonta a", "ammontano a", "supera", "superano", "è salito a",
           "sono saliti a", "toccano"],
    "pt": ["são", "eram", "é", "era", "atingiu", "atingiram", "chegou a", "chegaram a",
           "soma", "somam", "supera", "superam", "ultrapassa", "ultrapassam"],
    "nl": ["is", "zijn", "was", "waren", "bereikte", "bereikten", "bereikt", "bedraagt",
           "bedragen", "bedroeg", "bedroegen", "telt", "tellen", "telde", "telden",
           "kwam uit op", "kwamen uit op", "komt uit op", "steeg naar", "stegen naar",
           "daalde naar", "daalden naar", "groeide naar", "groeiden naar", "staat op",
           "stond op", "ligt op", "lag op", "overschrijdt", "overschreed", "overtrof"],
    "zh": [],
}

# Month names and abbreviations -> month number.
MONTHS: dict[str, dict[str, int]] = {
    "en": {
        "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
        "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
        "Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8,
        "Sep.": 9, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
        "Jan": 1, "Feb": 2, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
        "Oct": 10, "Nov": 11, "Dec": 12,
    },
    "fr": {
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
        "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "décembre": 12, "decembre": 12, "janv.": 1, "févr.": 2, "fév.": 2, "avr.": 4,
        "juil.": 7, "sept.": 9, "oct.": 10, "nov.": 11, "déc.": 12,
    },
    "de": {
        "Januar": 1, "Jänner": 1, "Februar": 2, "Feber": 2, "März": 3, "Maerz": 3, "April": 4,
        "Mai": 5, "Juni": 6, "Juli": 7, "August": 8, "September": 9, "Oktober": 10,
        "November": 11, "Dezember": 12, "Jan.": 1, "Feb.": 2, "Febr.": 2, "Mär.": 3,
        "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8, "Sep.": 9, "Sept.": 9, "Okt.": 10,
        "Nov.": 11, "Dez.": 12,
    },
    "es": {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12, "ene.": 1, "feb.": 2, "abr.": 4, "ago.": 8, "sept.": 9, "oct.": 10,
        "nov.": 11, "dic.": 12,
    },
    "it": {
        "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
        "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11,
        "dicembre": 12, "gen.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "mag.": 5, "giu.": 6,
        "lug.": 7, "ago.": 8, "set.": 9, "ott.": 10, "nov.": 11, "dic.": 12,
    },
    "pt": {
        "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "abril": 4, "maio": 5,
        "junho": 6, "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11,
        "dezembro": 12, "jan.": 1, "fev.": 2, "mar.": 3, "abr.": 4, "jun.": 6, "jul.": 7,
        "ago.": 8, "set.": 9, "out.": 10, "nov.": 11, "dez.": 12,
    },
    "nl": {
        "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
        "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
        "jan.": 1, "feb.": 2, "febr.": 2, "mrt.": 3, "mrt": 3, "apr.": 4, "jun.": 6,
        "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9, "okt.": 10, "nov.": 11, "dec.": 12,
    },
    "zh": {},
}

# English month names that are also common words: only capitalised forms count.
CASE_SENSITIVE_MONTHS: frozenset[str] = frozenset({"May", "March", "Mar.", "Jan", "Aug"})

# Words beside a day named without its year that say which year it falls in. AFTER: read
# right after the day ("9 June last year", "le 9 juin dernier"); BEFORE: right before it
# ("el pasado 9 de junio", "去年6月9日"). A shift of -1/0/+1 is that many years from the
# publication year; "past"/"next" is the day's latest occurrence up to publication or its
# first one after.
DAY_YEAR_AFTER: dict[str, dict[str, list[str]]] = {
    "en": {"-1": ["last year", "of last year", "the previous year", "the year before"],
           "0": ["this year", "of this year"], "+1": ["next year", "of next year"]},
    "fr": {"-1": ["de l'an dernier", "de l’an dernier", "de l'année dernière",
                  "de l’année dernière", "l'an dernier", "l’an dernier", "l'année dernière",
                  "l’année dernière", "de l'année précédente", "de l’année précédente"],
           "0": ["de cette année", "cette année"],
           "+1": ["de l'an prochain", "de l’an prochain", "de l'année prochaine",
                  "de l’année prochaine", "l'an prochain", "l’an prochain"],
           "past": ["dernier"], "next": ["prochain"]},
    "de": {"-1": ["letzten Jahres", "vergangenen Jahres", "des Vorjahres", "des vergangenen Jahres",
                  "des letzten Jahres", "im vergangenen Jahr", "letztes Jahr", "im Vorjahr"],
           "0": ["dieses Jahres", "diesen Jahres", "des laufenden Jahres"],
           "+1": ["nächsten Jahres", "kommenden Jahres", "des kommenden Jahres"]},
    "es": {"-1": ["del año pasado", "del pasado año", "del año anterior"],
           "0": ["de este año", "del presente año"],
           "+1": ["del próximo año", "del año que viene"]},
    "it": {"-1": ["dell'anno scorso", "dell’anno scorso", "dello scorso anno",
                  "dell'anno precedente", "dell’anno precedente"],
           "0": ["di quest'anno", "di quest’anno", "dell'anno in corso", "dell’anno in corso"],
           "+1": ["dell'anno prossimo", "dell’anno prossimo", "del prossimo anno"],
           "past": ["scorso"], "next": ["prossimo"]},
    "pt": {"-1": ["do ano passado", "do ano anterior", "do passado ano"],
           "0": ["deste ano", "do corrente ano"], "+1": ["do próximo ano", "do ano que vem"],
           "past": ["passado"]},
    "nl": {"-1": ["vorig jaar", "van vorig jaar", "van het vorige jaar", "verleden jaar"],
           "0": ["dit jaar", "van dit jaar"], "+1": ["volgend jaar", "van volgend jaar"],
           "past": ["jongstleden", "jl.", "j.l."], "next": ["aanstaande", "a.s."]},
    "zh": {},
}
DAY_YEAR_BEFORE: dict[str, dict[str, list[str]]] = {
    "en": {"past": ["last"], "next": ["next", "this coming"]},
    "fr": {},
    "de": {"past": ["am vergangenen", "vergangenen"], "next": ["am kommenden", "kommenden"]},
    "es": {"past": ["el pasado", "pasado"], "next": ["el próximo", "próximo"]},
    "it": {"past": ["lo scorso", "scorso"], "next": ["il prossimo", "prossimo"]},
    "pt": {"past": ["no passado dia", "passado dia", "no passado"],
           "next": ["no próximo dia", "próximo dia", "no próximo"]},
    "nl": {"past": ["afgelopen"], "next": ["komende"]},
    "zh": {"-1": ["去年"], "0": ["今年"], "+1": ["明年"], "-2": ["前年"]},
}

# Words joining the two ends of a range of days or numbers.
RANGE_WORDS: dict[str, list[str]] = {
    "en": ["to", "and", "through", "or", "-", "–", "—"],
    "fr": ["au", "à", "et", "ou", "-", "–"],
    "de": ["bis", "und", "oder", "bis zum", "-", "–"],
    "es": ["al", "a", "y", "o", "-", "–"],
    "it": ["al", "a", "e", "o", "-", "–"],
    "pt": ["a", "ao", "e", "ou", "-", "–"],
    "nl": ["tot", "tot en met", "t/m", "en", "of", "-", "–"],
    "zh": ["至", "到", "-", "–", "~", "～", "—"],
}

# Words before a number that make it a rank, an identifier or a name, never a claim.
RANK_WORDS: dict[str, list[str]] = {
    "en": ["no.", "number", "nr.", "#", "page", "article", "chapter", "section", "route",
           "line", "gate", "room", "flight", "level", "phase", "season", "episode", "round",
           "version", "top", "rank", "ranked", "ranking", "step", "stage", "grade", "class",
           "platform", "terminal", "lot", "unit", "apartment", "suite", "floor", "row", "seat",
           "pier", "highway", "interstate", "channel", "tier", "week", "day", "volume", "vol.",
           "part", "item", "figure", "table", "model", "series", "generation", "gen",
           "category", "covid-", "covid", "g", "windows", "iphone", "galaxy", "pixel",
           "boeing", "airbus", "stage"],
    "fr": ["n°", "no", "numéro", "nº", "page", "article", "chapitre", "ligne", "salle",
           "vol", "niveau", "phase", "saison", "épisode", "tour", "version", "top", "rang",
           "étape", "classe", "quai", "terminal", "lot", "étage", "route", "autoroute",
           "porte", "semaine", "jour", "journée", "acte", "titre", "catégorie", "génération",
           "série", "tome", "figure", "tableau", "modèle"],
    "de": ["nr.", "nummer", "seite", "artikel", "kapitel", "linie", "raum", "flug", "stufe",
           "phase", "saison", "folge", "runde", "version", "top", "rang", "platz", "etappe",
           "klasse", "gleis", "terminal", "los", "stock", "etage", "paragraf", "paragraph",
           "§", "woche", "tag", "spieltag", "kategorie", "generation", "serie", "band",
           "abbildung", "tabelle", "modell", "bundesstraße", "autobahn"],
    "es": ["n.º", "nº", "no.", "número", "página", "artículo", "capítulo", "línea", "sala",
           "vuelo", "nivel", "fase", "temporada", "episodio", "ronda", "versión", "top",
           "puesto", "etapa", "clase", "andén", "terminal", "lote", "planta", "piso",
           "jornada", "semana", "día", "categoría", "generación", "serie", "tomo", "figura",
           "tabla", "modelo", "ruta", "autovía", "carretera"],
    "it": ["n.", "nº", "numero", "pagina", "articolo", "capitolo", "linea", "sala", "volo",
           "livello", "fase", "stagione", "episodio", "turno", "versione", "top", "posto",
           "tappa", "classe", "binario", "terminal", "lotto", "piano", "giornata",
           "settimana", "giorno", "categoria", "generazione", "serie", "tomo", "figura",
           "tabella", "modello", "strada", "autostrada"],
    "pt": ["nº", "n.º", "número", "página", "artigo", "capítulo", "linha", "sala", "voo",
           "nível", "fase", "temporada", "episódio", "rodada", "versão", "top", "posição",
           "etapa", "classe", "plataforma", "terminal", "lote", "andar", "jornada", "semana",
           "dia", "categoria", "geração", "série", "tomo", "figura", "tabela", "modelo",
           "rodovia", "estrada"],
    # Not "week", "dag", "seizoen": Dutch puts time before the object ("scoorde dit seizoen
    # 12 doelpunten", "verwerkt per dag 2.000 pakketten").
    "nl": ["nr.", "nummer", "pagina", "blz.", "artikel", "hoofdstuk", "lijn", "zaal", "vlucht",
           "niveau", "fase", "aflevering", "ronde", "versie", "top", "plaats", "etappe",
           "klasse", "spoor", "perron", "terminal", "kavel", "verdieping", "speelronde",
           "speeldag", "categorie", "generatie", "serie", "deel", "figuur", "tabel", "model",
           "route", "snelweg", "rijksweg", "postbus", "paragraaf", "§", "editie", "jaargang",
           "stap"],
    "zh": ["第", "编号", "号码", "型号", "备"],
}
