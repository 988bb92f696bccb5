"""Numerals and their scale words ("5,4 milliards", "41bn", "3.5万"), before any unit.

A numeral glued to letters on its right ("235B", "5G", "3D", "21e") is a name or an
ordinal, unless the letters are a scale abbreviation ("5bn", "18.5m").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from factwatch.ingest.claims.candidates import Mention
from factwatch.ingest.claims.grammar import PERCENT_NOUNS, Grammar, key
from factwatch.ingest.claims.numbers import (
    LATIN,
    ZH_BIG_UNITS,
    ZH_SMALL_UNITS,
    parse_number,
    zh_scale,
)
from factwatch.ingest.claims.words import Spelled, read_spelled, spelled_starts

_GLUED_LETTER = re.compile(rf"[{LATIN}]")
# A numeral inside a time ("11:15"), a fraction or date ("24/7", "3/4"), a code ("12-A").
_TIME_OR_CODE_AFTER = re.compile(r"(?::\d|/\d|-[0-9]+[A-Za-z]|\^)")
_PENCE_GLUED = re.compile(r"p(?![\w])")
_DECIMAL_FRAGMENT = re.compile(r"[0-9] [.,] $|[0-9] [.,]$|[0-9]\. $")
_SIGN_BEFORE = re.compile(rf"(?<![0-9{LATIN}])[-+]$")


def find_mentions(text: str, g: Grammar, blocked: list[tuple[int, int]]) -> Iterator[Mention]:
    """Every numeral of `text` outside the `blocked` spans (dates), with its scale."""
    blocked_iter = sorted(blocked)
    bi = 0
    for m in g.number.finditer(text):
        start, end = m.start(), m.end()
        zh_suffix = m.groupdict().get("zh") or ""
        if zh_suffix:
            end -= len(zh_suffix)
        while bi < len(blocked_iter) and blocked_iter[bi][1] <= start:
            bi += 1
        if bi < len(blocked_iter) and blocked_iter[bi][0] < m.end():
            continue
        if _TIME_OR_CODE_AFTER.match(text, end):
            continue
        if start > 0 and text[start - 1] in ":/^":
            continue
        if _DECIMAL_FRAGMENT.search(text, max(0, start - 4), start):
            continue  # "1 . 6 billion" (tokenised text): the 6 is a decimal, not a number
        parsed = parse_number(text[start:end], _number_lang(text, start, end, g))
        if parsed is None:
            continue
        value, precision = parsed
        mention = _with_scale(text, g, start, end, value, precision, zh_suffix)
        if mention is not None:
            yield mention


_DOLLAR_BEFORE = re.compile(r"\$\s?$")
_US_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")


def _number_lang(text: str, start: int, end: int, g: Grammar) -> str:
    """The language whose number format reads the numeral: English for a comma-grouped
    dollar amount where the language writes dollars so (`LanguageData.dollar_comma_groups`),
    the grammar's own otherwise."""
    if (
        g.data.dollar_comma_groups
        and _US_GROUPED.fullmatch(text, start, end)
        and _DOLLAR_BEFORE.search(text, max(0, start - 2), start)
    ):
        return "en"
    return g.lang


def _with_scale(
    text: str, g: Grammar, start: int, end: int, value, precision: int, zh_suffix: str
) -> Mention | None:
    if zh_suffix:
        more = zh_suffix[0] in "多余"
        chars = zh_suffix[1:] if more else zh_suffix
        power = len(str(zh_scale(chars))) - 1 if chars else 0
        if chars and not all(c in ZH_SMALL_UNITS or c in ZH_BIG_UNITS for c in chars):
            return None
        return Mention(start, end, value, precision, end + len(zh_suffix), power, False, more)
    sm = g.scale_after.match(text, end)
    if sm:
        power, weak = 0, False
        for name in ("s1", "s2"):
            word = sm.group(name)
            if word is None:
                continue
            p, w = g.scales.get(word) or g.scales.get(word.casefold()) or (0, True)
            power += p
            weak = weak or w
        # A weak English abbreviation must touch the digits: "5m" is money, "5 m" a length;
        # a capital after a space is still a scale ("8 B people", "5 M users").
        attached = sm.start("s1") == end or sm["s1"].isupper()
        weak_ok = (not (weak and not attached and g.data.weak_scale_attached)
                   and not (weak and sm["hy"]))
        if weak_ok:
            return Mention(start, end, value, precision, sm.end(), power, weak)
    if end < len(text) and _GLUED_LETTER.match(text, end) and not _glued_unit(text, g, end):
        return None  # "235B", "5G", "3rd": not a figure
    return Mention(start, end, value, precision, end)


def sign_before(text: str, start: int) -> bool:
    """A minus sign written right before the numeral ("-22.2%")."""
    return (
        start > 0 and text[start - 1] == "-"
        and bool(_SIGN_BEFORE.search(text, max(0, start - 2), start))
    )


def _glued_unit(text: str, g: Grammar, end: int) -> bool:
    """Letters glued to the digits that are a unit after all ("5pc", "115USD")."""
    return bool(
        g.percent_after.match(text, end) or g.points_after.match(text, end)
        or g.currency_after.match(text, end)
        or (g.data.pence_suffix and _PENCE_GLUED.match(text, end))
    )


def find_word_mentions(
    text: str, g: Grammar, blocked: list[tuple[int, int]]
) -> Iterator[Mention]:
    """Numbers written in words that stand before a scale, a percent word or a currency, or
    open a range whose other end does ("eight or nine euros", "dos o tres millones")."""
    spans = sorted(blocked)
    starts = [s for s, _ in spans]
    resume, prev_end, prev_any = 0, -1, -1
    for pos in spelled_starts(text, g.lang):
        if pos < resume:
            continue
        sp = read_spelled(text, pos, g.lang)
        if sp is None:
            continue
        i = bisect_right(starts, pos) - 1
        if (i >= 0 and spans[i][1] > pos) or (
                i + 1 < len(spans) and spans[i + 1][0] < sp.scale_end):
            continue
        resume = sp.scale_end
        gap = text[prev_end:pos] if prev_end >= 0 else "."
        glue = _NUMBER_GLUE.fullmatch(text[prev_any:pos]) if prev_any >= 0 else None
        prev_any = sp.scale_end
        if not (sp.article and sp.power == 0):
            prev_end = sp.scale_end  # "a five per cent": an article does not make "a five"
        if gap.isspace() or glue:
            continue  # "one two three", "uno sobre tres": part of something we do not read
        after = _WORD_AFTER.match(text, sp.scale_end)
        if after and _FRACTION_AFTER.fullmatch(after.group(1)):
            continue  # "tres quintos por ciento": a fraction
        mention = _spelled_mention(text, g, sp)
        if mention is None:
            continue
        if _stands_alone(text, g, mention, sp.article) or _opens_range(text, g, mention):
            yield mention


def _spelled_mention(text: str, g: Grammar, sp: Spelled) -> Mention | None:
    """The mention of a written number, with a scale abbreviation after it ("deux Mds")."""
    power, end, scale_end = sp.power, sp.end, sp.scale_end
    if power == 0:
        sm = g.scale_after.match(text, scale_end)
        if sm:
            for name in ("s1", "s2"):
                if sm.group(name):
                    p, w = g.scales.get(sm.group(name)) or g.scales.get(
                        sm.group(name).casefold()) or (0, True)
                    if w:
                        return None
                    power += p
            scale_end = sm.end()
    if sp.article and power < 2 and text[sp.start:sp.end].strip().lower() in ("a", "an"):
        return None  # "a dollar", "an euro": an article
    return Mention(sp.start, end, sp.value, sp.precision, scale_end, power, False, False, True)


def _stands_alone(text: str, g: Grammar, m: Mention, article: bool = False) -> bool:
    """A written number is a figure from a million up or before a unit."""
    return m.power >= 6 or _unit_follows(text, g, m.scale_end, article)


def _opens_range(text: str, g: Grammar, m: Mention) -> bool:
    """"eight or nine euros": the first end of a range whose second end stands alone."""
    if m.power:
        return False
    link = g.range_after.match(text, m.scale_end)
    if not link or link.group().strip() in ("-", "–", "—"):
        return False
    other = read_spelled(text, link.end(), g.lang)
    if other is None:
        return False
    second = _spelled_mention(text, g, other)
    return second is not None and _stands_alone(text, g, second)


def _unit_follows(text: str, g: Grammar, pos: int, article: bool = False) -> bool:
    hyphen = pos + 1 if text.startswith("-", pos) else pos
    pct = g.percent_after.match(text, pos)
    if pct and article and key(pct.group("pct")) in PERCENT_NOUNS:
        pct = None  # "un porcentaje", "a percentage": a noun phrase
    return bool(pct or g.points_after.match(text, pos) or g.currency_after.match(text, hyphen))


_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_]+)")
# Words that tie a written number to one before it in a way we do not read: fractions
# ("uno sobre tres"), decimal words the reader could not use.
_NUMBER_GLUE = re.compile(
    r"[ \u00a0]+(?i:sobre|over|coma|virgule|komma|point|punto|vírgula|virgula|virgola)"
    r"[ \u00a0]+"
)
_FRACTION_AFTER = re.compile(r"(?i:.*(?:(?<!cent)avos?|[eé]simos?|quintos?|tercios?|cuartos?|"
                             r"sextos?|s[eé]ptimos?|octavos?|novenos?|d[eé]cimos?|ths?|ième))")
