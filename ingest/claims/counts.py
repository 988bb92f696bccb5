"""Counts: a numeral written in digits with the noun it counts ("4 500 emplois",
"1,250 permanent jobs", "rund 600 Beschäftigte", "约4500个就业岗位", "4800亿" of parameters).

Known nouns map to a canonical English plural (nouns.py). An unknown noun is accepted when
it looks like a plural noun in the language (English/French/Spanish/Portuguese "-s",
Italian "-i/-e", German capitalised) and is not a unit of time or measure. A number right
after a capitalised word ("S&P 500", "Boeing 737", "Model 3") names a thing and only counts
when a known noun follows.
"""

from __future__ import annotations

import re
from functools import cache

from factwatch.ingest.claims import nouns
from factwatch.ingest.claims.candidates import Candidate, Mention
from factwatch.ingest.claims.grammar import Grammar
from factwatch.ingest.claims.qualifiers import qualify
from factwatch.ingest.lang import find, union
from factwatch.ingest.text import cjk_pattern, words

MAX_WORDS = 5
_SHORT_WORDS = frozenset(
    words(
        "of the a an in on at to for from by with and or but than that which who per each are "
        "were be been will would could should may might can not no so if it he she we they "
        "most many more some all other such these those any few several both its their our "
        "thanks also only just about over under into onto after before since until while "
        "de du des la le les l' à au aux en et ou pour par sur dans avec qui que un une "
        "der die das den dem des ein eine einer eines einem einen und oder mit von zu im am an "
        "auf für bei aus nach um über unter vor ist sind war wird werden hat haben sowie "
        "el los las lo un una y o con para por del al que se su a en es "
        "il lo la i gli le un una uno e o di da in con su per tra fra del della al alla che si "
        "o os a as um uma e ou com para por do da no na em que se"
    )
)
_MONTH_WORDS = frozenset(m.casefold().rstrip(".") for m in union("months"))
_CAPITAL_BEFORE = re.compile(r"(?P<w>[A-Z][\w&'.-]*|[A-Z&]{2,})[ \u00a0]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"“«(]\s*)$")
_RATIO_BEFORE = re.compile(
    r"\d[ \u00a0]+(?:in|out of|sur|von|de cada|su|em cada|de|op|op de)[ \u00a0]+$",
    re.IGNORECASE,
)
_ZH_CLAUSE = re.compile(r"[，。；：,;:！？、（）()]")
_ZH_STOP = "的和与及、，。；：在等为是了将已于至"
_HAN = cjk_pattern()
_ZH_NOUNS = sorted(
    (k for k in nouns.COUNT_NOUNS if _HAN.match(k) or k == "gpu"),
    key=len,
    reverse=True,
)


def match_count(text: str, g: Grammar, mention: Mention, window: str) -> Candidate | None:
    """A count candidate for `mention`, or None when no counted noun follows it."""
    if mention.spelled and mention.power < 6:
        return None  # "four consortia": counts are figures written with digits
    if g.rank_before.search(text, max(0, mention.start - 16), mention.start):
        return None
    before = text[mention.start - 1 : mention.start] if mention.start else ""
    if before and before in "+#№-":
        return None  # a phone number, an identifier, a negative number
    if _RATIO_BEFORE.search(text, max(0, mention.start - 16), mention.start):
        return None  # "1 in 5 children": a proportion, not a count
    if g.lang == "zh":
        found = _zh_noun(text, mention)
    else:
        after_name = _after_name(text, mention.start)
        found = _latin_noun(text, g, mention, after_name)
        if found is None and not after_name:
            found = _subject_noun(text, g, mention)
    if found is None:
        return None
    unit, end = found
    if unit == "people":
        unit = "employees" if nouns.EMPLOYMENT_CUES.search(window) else "people"
    qualifier, start, end = qualify(text, g, mention.start, end, mention.zh_more)
    return Candidate("count", start, end, float(mention.scaled), unit, qualifier, mention.precision)


def next_words(text: str, g: Grammar, pos: int, limit: int = MAX_WORDS) -> list[re.Match[str]]:
    """Up to `limit` words following `pos`, separated only by spaces (no punctuation)."""
    words: list[re.Match[str]] = []
    while len(words) < limit:
        m = g.word_after.match(text, pos)
        if not m or (words and m.start("w") == pos):
            break
        words.append(m)
        pos = m.end()
    return words


def _after_name(text: str, start: int) -> bool:
    """True when a capitalised word (not opening the sentence) stands right before."""
    m = _CAPITAL_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return False
    word = m.group("w").casefold().rstrip(".")
    if word in _SHORT_WORDS or word in _MONTH_WORDS:
        return False
    return not _SENTENCE_START.search(text, max(0, m.start() - 3), m.start())


def _latin_noun(
    text: str, g: Grammar, mention: Mention, after_name: bool
) -> tuple[str, int] | None:
    pos = mention.scale_end
    if text[pos : pos + 1] in ("-", "."):
        return None  # "a 45-year-old", "der 3. Platz"
    connected = False
    if mention.power:
        cm = g.connector_after.match(text, pos)
        if cm:
            pos, connected = cm.end(), True
    words = next_words(text, g, pos)
    if not words:
        return None
    tokens = [w.group("w") for w in words]
    strict = _year_like(mention)
    determiner = connected and tokens[0].casefold() in _DETERMINERS
    if determiner:  # "35m of its Echo devices": a known noun only
        words, tokens = words[1:], tokens[1:]
    for i, token in enumerate(tokens):
        if i and (strict or not _modifies(tokens, i, g.lang)):
            break
        for k in range(min(3, len(tokens) - i), 0, -1):
            canonical = nouns.count_noun(" ".join(tokens[i : i + k]), g.lang)
            if canonical:
                return canonical, words[i + k - 1].end()
        if _not_counted(token):
            if i and len(token) <= 2 and token.islower():
                break  # "138,285 lots in the week": "in" is no inch here
            return None
        if g.lang == "de" and token[:1].isupper():
            canonical = nouns.german_compound(token)  # "Zhengzhou 312 Hochgeschwindigkeitszüge"
            if canonical:
                return canonical, words[i].end()
        if g.lang == "nl" and token.islower() and _looks_plural(token, "nl"):
            canonical = nouns.german_compound(token, "nl")  # "250 zorgmedewerkers"
            if canonical:
                return canonical, words[i].end()
    if mention.weak_scale or strict or after_name or determiner:
        return None
    if mention.power >= 6 and not connected and g.data.scale_needs_connector:
        return None  # "1,5 miliardi comprende": the noun would follow "di"/"de"
    for i, token in enumerate(tokens[:3]):
        if i and not _is_modifier(tokens[i - 1], g.lang, known_follows=False):
            break
        if i and g.lang in _NOUN_FIRST:
            break  # "12 milioni di bonus legati": the head comes first, an adjective after
        if _looks_plural(token, g.lang):
            return token.casefold(), words[i].end()
    return None


# What may follow a number that counts its clause's subject: the clause's end or a word
# that opens a phrase of its own ("reached 74 million at the end of September").
_SUBJECT_NEXT = frozenset(words(
    "at in on by for from as after before since until while during according of and but "
    "à au aux en pour selon fin et mais dans depuis "
    "am im in bei zum zur nach laut und aber seit "
    "a al en para según desde y pero "
    "a al alla in nel nella per secondo da e ma "
    "a ao em no na para segundo desde e mas "
    "op bij voor van maar volgens sinds eind"
))
# Words before the counted noun that make it another figure's complement ("revenue from
# users reached 5 billion", "Umsatz pro Nutzer").
_NOT_SUBJECT_BEFORE = frozenset(words(
    "from by per with for pro par avec pour por con com para mit für von vom durch "
    "met door voor"
))
_SUBJECT_WORDS = 4


@cache
def _level_verb(lang: str) -> re.Pattern[str] | None:
    data = find(lang)
    verbs = data.level_verbs if data else ()
    if not verbs:
        return None
    alternation = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
    return re.compile(rf"(?i:\b(?:{alternation}))[ \u00a0]+$")


def _subject_noun(text: str, g: Grammar, mention: Mention) -> tuple[str, int] | None:
    """"Monthly active users in Latin America reached 74 million", "gli utenti sono 74
    milioni": a number after a verb of level, with no noun of its own, counts the known
    noun the clause opens with."""
    verb = _level_verb(g.lang)
    if verb is None or _year_like(mention) or mention.weak_scale:
        return None
    after = g.word_after.match(text, mention.scale_end)
    if after and after.start("w") == mention.scale_end:
        return None  # "74km"
    if after and text[mention.scale_end : after.start("w")].strip() == "":
        low = after.group("w").casefold()
        if low not in _SUBJECT_NEXT:
            return None  # a noun or unit of its own that is not counted
    qualifier_start = qualify(text, g, mention.start, mention.scale_end)[1]
    v = verb.search(text, max(0, qualifier_start - 20), qualifier_start)
    if not v:
        return None
    clause = re.split(r"[.;:!?,()\n\d]", text[max(0, v.start() - 80) : v.start()])[-1]
    tokens = re.findall(r"[^\W\d_][\w'’-]*", clause)
    for back in range(1, min(_SUBJECT_WORDS + 1, len(tokens)) + 1):
        i = len(tokens) - back
        canonical = nouns.count_noun(tokens[i], g.lang)
        if canonical is None and g.lang == "de" and tokens[i][:1].isupper():
            canonical = nouns.german_compound(tokens[i])
        if canonical is None:
            continue
        if i and tokens[i - 1].casefold() in _NOT_SUBJECT_BEFORE:
            return None
        return canonical, mention.scale_end
    return None


# Languages whose adjectives follow the noun: an unknown counted noun is the first word.
_NOUN_FIRST = frozenset({"fr", "es", "it", "pt"})
# Words after "of" that introduce the counted noun: "3 million of its shares".
_DETERMINERS = frozenset(words("its their the his her our these those your my"))
# Coordinated modifiers before a known noun: "460 Kia and Hyundai vehicles".
_COORDINATORS = frozenset(words("and or und oder et ou y o e"))
_COORDINATORS_NL = frozenset(words("en of"))


def _modifies(tokens: list[str], i: int, lang: str) -> bool:
    """True when the words before tokens[i] may all qualify a known noun at i or later."""
    prev = tokens[i - 1]
    if _is_modifier(prev, lang, known_follows=True):
        return True
    coordinators = _COORDINATORS_NL if lang == "nl" else _COORDINATORS
    return (prev.casefold() in coordinators and i >= 2
            and _is_modifier(tokens[i - 2], lang, known_follows=True))


def _not_counted(token: str) -> bool:
    low = token.casefold()
    return bool(
        nouns.NOT_COUNTED.fullmatch(low)
        or (nouns.NOT_COUNTED.fullmatch(low.split("-")[0]) and "-" in low)
    )


def _year_like(mention: Mention) -> bool:
    v = mention.value
    return mention.power == 0 and v == v.to_integral_value() and 1800 <= v <= 2199


def _is_modifier(word: str, lang: str, known_follows: bool) -> bool:
    low = word.casefold()
    if low in _SHORT_WORDS or low in _function_words(lang) or _not_counted(word):
        return False
    if lang == "de":
        return word[0].islower() and low[-1] in "enrsm"
    if word.isupper() and len(word) <= 4:
        return True  # "260 UK stores"
    return word[0].islower() or known_follows


def _looks_plural(word: str, lang: str) -> bool:
    low = word.casefold()
    data = find(lang)
    if data is None or len(low) < 3 or low in _SHORT_WORDS or low in data.function_words:
        return False
    if _not_counted(word) or low in _MONTH_WORDS:
        return False
    return data.looks_plural(word, low)


def _function_words(lang: str) -> frozenset[str]:
    """Words that may follow a number in `lang` without being its noun."""
    data = find(lang)
    return data.function_words if data else frozenset()


# --- Chinese ---------------------------------------------------------------------------


def _zh_noun(text: str, mention: Mention) -> tuple[str, int] | None:
    pos = mention.scale_end
    if (
        nouns.ZH_NOT_COUNTED.match(text, pos)
        or text[max(0, mention.start - 1) : mention.start] == "第"
    ):
        return None
    noun = _zh_lexicon_at(text, pos)
    if noun and len(noun) >= 2:  # "4万人次", "2430艘次": a compound measure word
        return nouns.COUNT_NOUNS[noun], pos + len(noun)
    measure = text[pos : pos + 1]
    if measure and measure in nouns.ZH_MEASURE_WORDS:
        after = pos + 1
        if nouns.ZH_NOT_COUNTED.match(text, after):
            return None  # "3个月": a duration
        near = _zh_lexicon_near(text, after)
        if near:
            return nouns.COUNT_NOUNS[near[0]], near[1]
        if measure in nouns.COUNT_NOUNS:
            return nouns.COUNT_NOUNS[measure], after
        back = _zh_lookback(text, mention.start)
        if back:
            return nouns.COUNT_NOUNS[back], after
        run = _zh_run(text, after)
        if run:
            return run, after + len(run)
        if measure in "名位人家场":  # people, companies, events, even unnamed ("5000余名")
            return nouns.ZH_MEASURE_DEFAULT[measure], after
        return None
    if mention.power >= 4:
        back = _zh_lookback(text, mention.start)
        if back:
            return nouns.COUNT_NOUNS[back], pos
    return None


def _zh_lexicon_at(text: str, pos: int) -> str | None:
    for noun in _ZH_NOUNS:
        if text.startswith(noun, pos):
            return noun
    return None


def _zh_lexicon_near(text: str, pos: int) -> tuple[str, int] | None:
    """A known noun among the next few characters ("2048块国产加速卡" -> 加速卡)."""
    for offset in range(6):
        ch = text[pos + offset : pos + offset + 1]
        if (
            not ch
            or not (_HAN.match(ch) or ch.isalpha())
            or (offset and ch in _ZH_STOP)
        ):
            return None
        noun = _zh_lexicon_at(text, pos + offset)
        if noun and (offset == 0 or len(noun) >= 2):
            return noun, pos + offset + len(noun)
    return None


def _zh_lookback(text: str, start: int) -> str | None:
    """The counted noun named earlier in the clause ("日活跃用户已突破1000万")."""
    segment = text[max(0, start - 14) : start]
    cut = max((m.end() for m in _ZH_CLAUSE.finditer(segment)), default=0)
    segment = segment[cut:]
    best: tuple[int, str] | None = None
    for noun in _ZH_NOUNS:
        if len(noun) < 2:
            continue
        i = segment.rfind(noun)
        if i >= 0 and (best is None or i + len(noun) > best[0]):
            best = (i + len(noun), noun)
    return best[1] if best else None


def _zh_run(text: str, pos: int) -> str:
    """Up to four Chinese characters naming an unknown counted thing ("补给站")."""
    out = []
    for ch in text[pos : pos + 4]:
        if not _HAN.match(ch) or ch in _ZH_STOP:
            break
        out.append(ch)
    return "".join(out) if len(out) >= 2 else ""
