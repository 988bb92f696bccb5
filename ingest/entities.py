"""Light named-entity keys for story matching, without any NLP model.

Names of companies, people and places mostly survive translation between Latin-script languages
("Hengchuan", "Sines", "Valmora"), so a capitalised word that is not a common word is a cheap,
cross-lingual signal that two articles talk about the same actors. Keys are single normalised
tokens (case-folded, accents stripped) so "Hengchuan New Energy" in one outlet still meets
"Hengchuan" in another; multi-word names add one key per distinctive token.

Chinese names are transliterated or translated, so they cannot meet a Latin-script key; for zh
only Latin-script tokens written inside the text (product names, tickers) and quoted or
"以下简称" short names are kept. Story matching gives figures and embeddings more weight there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["extract_entities", "normalise_name"]

# Function words, calendar words, titles and generic capitalised words of en, fr, de, es, it, pt.
# One union list: a headline word capitalised in one language is a common word in another too.
_STOP = frozenset(
    """
    a ab about above after again against al all alla alle allo als am an and ao aos apres après
    as at au aucun aus aux avec bei beim bis but by c ca ce ces cet cette chez come con cosi così
    d da dai dal dalla dalle das dass de degli dei del dell della delle dem den der des dessen di
    die do dos du durante e ed egli el ella ellas ellos em en entre er es está este esta esto et
    eu für fur gli h ha hat he her his i il im in ist it its j je l la las le les lo los m ma mais
    man mas más mit na nach nas nel nella ne nei no nos o oder of on ont or os ou over para pas per
    pero pela pelo por pour qu que qui se sein seine sich sie sind so son sont su sua sul sulla sur
    the their they this those to tra um uma un una und une uno unter up ve von vor w was we were
    while who why will with y zu zum zur über
    after also although another because before both but during each even every first for from
    had has have how however if into last later many more most much new next not now one only
    other our out over same several since some still such than that then there these though
    three two under until very what when where which while within without yet
    alors ainsi après aujourd aussi autre avant bien car cependant comme dans déjà depuis deux
    donc dont elle elles encore enfin entre est été faire fin grâce hier ici il ils jusqu leur
    leurs lors lorsque mais malgré même moins notre nous on par parmi pendant peu plus pourtant
    près puis quand quant sans selon ses seulement si sous tandis tous tout toute toutes très
    trois un une vers voici voilà
    aber alle allem allen aller auch auf aus bereits damit dann darauf davon dazu dem denn
    deren dies diese diesem diesen dieser dieses doch dort drei durch ein eine einem einen
    einer eines er erst es etwa gegen heute hier ihr ihre ihrem ihren im immer insgesamt
    jedoch jetzt kein keine laut man mehr nach neben nicht noch nun nur ob ohne rund schon
    seit seiner sowie statt trotz um unsere viel vom während wann warum was weil weiter welche
    wenn wer wie wieder wir wo zudem zwei zwischen
    además ahora antes aquí así aunque cada como cuando desde después donde dos durante ella
    entonces era ese esa eso estas estos fue había hace hasta hoy junto les mientras mismo muy
    nada ni nuestro otra otro otros pero poco porque pues sea según ser sido sin sobre solo
    también tanto todas todo todos tras tres ya
    ancora anche allora altri altro avere come contro così dopo dove dunque essere fa fino già
    grazie ieri infatti inoltre intanto lui mentre molto negli nelle nostro ogni oggi ora
    perché però piu più poi prima quali quando quanto quella quelle quello questa queste
    questi questo secondo senza sia sono sotto stato tre tutti tutto
    ainda algumas alguns aquele aquela até contra depois desde dois então essa esse esta este
    está foi havia isso já mesmo muito nem nossa nosso onde pois porque quando quase seu sua
    também tem três tudo
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars
    avril mai juin juillet août aout septembre octobre novembre décembre decembre montag
    dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz maerz juni juli
    oktober dezember lunes martes miércoles jueves viernes sábado domingo enero febrero marzo
    abril mayo junio julio agosto septiembre octubre noviembre diciembre lunedì martedì
    mercoledì giovedì venerdì sabato domenica gennaio febbraio aprile maggio giugno luglio
    settembre ottobre dicembre segunda terça quarta quinta sexta janeiro fevereiro março
    maio junho julho setembro outubro novembro dezembro
    mr mrs ms dr prof sir mme mlle m herr frau señor señora sr sra sig dott ceo cfo coo cto pdg
    dg président presidente president chairman chief director directeur minister ministre
    ministro minister minister premier prime chancellor kanzler chef chefin firmenchef
    inc ltd plc llc corp co company group groupe gruppo grupo gmbh ag se sa sas spa srl nv bv
    holding holdings
    ia ai ki ue eu usd eur gbp cny rmb yuan yuans euro euros dollar dollars dólares dollari
    franken francs franchi pfund livres sterline libras
    mio mrd bn mn million millions milliard milliards billion billions millionen milliarden
    millones miliardi milioni milhões bilhões prozent percent pourcent
    news business economy economie économie wirtschaft economía economia finanza finanzas
    markets marchés märkte mercados mercati tech technology technologie tecnología tecnologia
    politics politique politik política politica opinion meinung sport sports actualité
    update updated actualizado aktualisiert mis jour breaking exclusive live analysis analyse
    read more lire aussi lesen sie auch leer más leggi anche photo foto image bild video
    reuters afp dpa ap ansa efe xinhua bloomberg
    unternehmen konzern regierung stadt land jahr jahre jahren ende anfang mitte hälfte
    milliarde million euro dollar prozent teil zahl zahlen markt preis preise kosten geld
    chef chefs mitarbeiter beschäftigte stellen arbeitsplätze angaben bericht berichten
    woche wochen monat monate monaten tag tage tagen uhr stunde zeit frage fall weg
    """.split()
)

# German capitalises every noun: drop capitalised words with common-noun suffixes in de text.
_DE_NOUN_SUFFIX = re.compile(
    r"(ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|sion|sionen|ität|itäten|"
    r"nis|nisse|tum|ment|mente|ismus|chen|lein|ling|linge|anz|enz)$"
)
_ELISION = re.compile(r"^(?:l|d|qu|j|n|s|c|dell|dall|nell|sull|all|coll|un|quell|nell)['’]", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*[\w]|[^\W\d_]", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n+|[。！？；]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ZH_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,12})[”」』\"]")
_ZH_SHORT_NAME = re.compile(r"(?:以下简称|简称)[“「\"]([^”」\"]{2,12})[”」\"]")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9\-\.]*[A-Za-z0-9]|[A-Z]")


def normalise_name(token: str) -> str:
    """Case-fold and strip accents so "Córdoba", "CORDOBA" and "cordoba" meet."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s and s.strip()]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _title_case_heavy(words: list[str]) -> bool:
    """A headline in Title Case capitalises common words; its capitals prove nothing."""
    long = [w for w in words if len(w) >= 4]
    return len(long) >= 3 and sum(_is_capitalised(w) for w in long) / len(long) > 0.6


def _strip_elision(word: str) -> str:
    return _ELISION.sub("", word)


def _keep(token: str, lang: str) -> bool:
    key = normalise_name(token)
    if len(key) < 2 or key in _STOP or normalise_name(token.rstrip("s")) in _STOP:
        return False
    if token.isupper() and len(token) <= 3 and lang != "zh":
        return len(token) >= 2  # acronyms (IBM, BYD) are names; one letter is not
    return not (lang == "de" and not token.isupper() and _DE_NOUN_SUFFIX.search(key))


def _latin_entities(text: str, lang: str) -> set[str]:
    sentences = _sentences(text)
    tokenised = [[_strip_elision(w) for w in _WORD.findall(s)] for s in sentences]
    # Words seen capitalised somewhere other than the start of a sentence: proof they are names.
    mid_capitalised: set[str] = set()
    for words in tokenised:
        if _title_case_heavy(words):
            continue
        mid_capitalised.update(normalise_name(w) for w in words[1:] if _is_capitalised(w))
    found: set[str] = set()
    for words in tokenised:
        title_case = _title_case_heavy(words)
        for i, word in enumerate(words):
            if not word or not _is_capitalised(word):
                continue
            parts = [p for p in re.split(r"[-'’]", word) if p] if "-" in word else [word]
            for part in parts:
                if not _is_capitalised(part) or not _keep(part, lang):
                    continue
                key = normalise_name(part)
                needs_proof = i == 0 or title_case
                if needs_proof and key not in mid_capitalised:
                    continue
                found.add(key)
    return found


def _zh_entities(text: str) -> set[str]:
    found: set[str] = set()
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


def extract_entities(text: str, lang: str | None = None) -> frozenset[str]:
    """Normalised name keys in `text` (best on a headline plus lead, which name the actors).

    Latin scripts: capitalised words that are not common words, accepted at the start of a
    sentence or in a Title Case headline only when the same word is also capitalised mid-sentence
    elsewhere. zh (or text that is mostly CJK): Latin tokens and quoted/short names.
    """
    text = unicodedata.normalize("NFKC", text or "")
    base = (lang or "").split("-")[0].lower()
    cjk = len(_CJK.findall(text))
    if base in {"zh", "ja"} or (not base and cjk > len(text) / 4):
        return frozenset(_zh_entities(text))
    return frozenset(_latin_entities(text, base))

