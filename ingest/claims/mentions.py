"""Numerals and their scale words ("5,4 milliards", "41bn", "3.5万"), before any unit.

A numeral glued to letters on its right ("235B", "5G", "3D", "21e") is a name or an
ordinal, unless the letters are a scale abbreviation ("5bn", "18.5m").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal

from ingest.claims.candidates import Mention
from ingest.claims.grammar import Grammar
from ingest.claims.numbers import (
    LATIN,
    ZH_BIG_UNITS,
    ZH_SMALL_UNITS,
    parse_number,
    significant_digits,
    zh_scale,
)
from ingest.claims.words import ARTICLES, number_word_pattern, number_words

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
        parsed = parse_number(text[start:end], g.lang)
        if parsed is None:
            continue
        value, precision = parsed
        mention = _with_scale(text, g, start, end, value, precision, zh_suffix)
        if mention is not None:
            yield mention


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
        # A weak English abbreviation must touch the digits: "5m" is money, "5 m" a length.
        attached = sm.start("s1") == end
        weak_ok = not (weak and not attached and g.lang == "en") and not (weak and sm["hy"])
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
        or (g.lang == "en" and _PENCE_GLUED.match(text, end))
    )


def find_word_mentions(
    text: str, g: Grammar, blocked: list[tuple[int, int]]
) -> Iterator[Mention]:
    """Numbers written in words that stand before a scale, a percent word or a currency."""
    pattern = number_word_pattern(g.lang)
    if pattern is None:
        return
    table = number_words(g.lang)
    spans = sorted(blocked)
    starts = [s for s, _ in spans]
    for m in pattern.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if (i >= 0 and spans[i][1] > m.start()) or (
                i + 1 < len(spans) and spans[i + 1][0] < m.end()):
            continue
        word = " ".join(m.group().split()).casefold()
        value = table.get(word)
        if value is None or _inside_longer_number(text, table, m.start(), m.end()):
            continue
        end = m.end()
        sm = g.scale_after.match(text, end)
        power, scale_end, weak = 0, end, False
        if sm:
            for name in ("s1", "s2"):
                if sm.group(name):
                    p, w = g.scales.get(sm.group(name)) or g.scales.get(
                        sm.group(name).casefold()) or (0, True)
                    power, weak = power + p, weak or w
            scale_end = sm.end()
        if weak:
            continue
        if word in ARTICLES and power < 6 and not (
            (power >= 2 or word not in ("a", "an")) and _unit_follows(text, g, scale_end)
        ):
            continue
        if power < 6 and not _unit_follows(text, g, scale_end):
            continue
        digits = str(value).rstrip("0") or "0"
        yield Mention(m.start(), end, Decimal(value), significant_digits(digits, ""),
                      scale_end, power, False, False, True)


def _unit_follows(text: str, g: Grammar, pos: int) -> bool:
    hyphen = pos + 1 if text.startswith("-", pos) else pos
    return bool(
        g.percent_after.match(text, pos) or g.points_after.match(text, pos)
        or g.currency_after.match(text, hyphen)
    )


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \u00a0]+$")
_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_]+)")
# Words that glue a written number to more of itself: hundreds, thousands, decimal marks,
# fractions ("quinientos treinta y cinco", "dos coma cinco", "tres quintos").
_NUMBER_GLUE = re.compile(
    r"(?i:.*(?:ient[oa]s|ent[oa]s|hundert|cento|cents)|mil|mille|mila|tausend|thousand|sobre|"
    r"hundred|coma|con|virgule|comma|point|punto|vírgula|virgula|virgola|komma|y|e|et|und|and)"
)
_FRACTION_AFTER = re.compile(r"(?i:.*(?:avos?|[eé]simos?|quintos?|tercios?|cuartos?|"
                             r"sextos?|s[eé]ptimos?|octavos?|novenos?|d[eé]cimos?|ths?|ième))")


def _inside_longer_number(text: str, table: dict[str, int], start: int, end: int) -> bool:
    """True when the words around belong to a longer written number we do not read."""
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if before:
        word = before.group(1).casefold()
        if (word in table and word not in ARTICLES) or _NUMBER_GLUE.fullmatch(word):
            return True
    after = _WORD_AFTER.match(text, end)
    return bool(after and _FRACTION_AFTER.fullmatch(after.group(1)))
