"""Qualifiers around a figure ("plus de", "rund", "约", "余", "or more") and bound verbs.

An adjacent qualifier joins the claim's span; a bound verb a word or two away ("ha superato
i 200.000 visitatori") sets the qualifier without stretching the span.
"""

from __future__ import annotations

import re
from functools import cache

from factwatch.ingest.claims.grammar import Grammar, key
from factwatch.ingest.lang import find, union

LOOKBACK = 40

# Words that mean "up to" before a bare figure but "to" after a change ("aumentó un 18 %, hasta
# 720 millones"; "passées de 600 jusqu'à 720"): there the figure is the new level, not a bound.
TO_WORDS = frozenset(union("to_words"))
# Stems of verbs of change (the `change_stems` slot); with a percentage or a "from X" they mark
# the figure after a TO_WORD as a destination.
LOOK_BEHIND_CHANGE = 80
# A TO_WORD right after a number joins a range ("200 tot 250 banen", "5 bis 10 Prozent");
# after a year it bounds the figure ("in 2026 tot 300 banen").
_NUMBER_BEFORE = re.compile(r"(?<![0-9.,])(?P<n>[0-9][0-9.,\u00a0]*)[ \u00a0]+$")
_YEAR = re.compile(r"(?:1[89]|2[01])[0-9]{2}")


def _range_end(text: str, q_start: int) -> bool:
    """True when the TO_WORD at `q_start` follows a number that is not a year."""
    m = _NUMBER_BEFORE.search(text, max(0, q_start - 16), q_start)
    return bool(m) and not _YEAR.fullmatch(m.group("n"))


@cache
def _change_cue(lang: str) -> re.Pattern[str] | None:
    data = find(lang)
    stems = data.change_stems if data else ""
    if not stems:
        return None
    return re.compile(
        rf"(?:\b(?:{stems})\w*)|%|\b(?:de|desde|da|von|from|dal|dai|du|des|van)\s+\d",
        re.IGNORECASE,
    )


def is_destination(text: str, lang: str, q_start: int) -> bool:
    """True when the TO_WORD at `q_start` follows a change in the same sentence."""
    cue = _change_cue(lang)
    if cue is None:
        return False
    window = text[max(0, q_start - LOOK_BEHIND_CHANGE) : q_start]
    window = re.split(r"[.!?;](?:\s|$)", window)[-1]
    return bool(cue.search(window))


# "Großauftrag über 312 Züge", "Rechnung über 40 Euro": after a noun, "über" says what the
# order or bill is for; it bounds a figure only after a verb or a preposition ("mit über").
_NOUN_BEFORE = re.compile(r"(?<![.!?:;\n] )(?<![.!?:;\n])\b[A-ZÄÖÜ][a-zäöüß]{2,}[ \u00a0]+$")
_NOT_A_NOUN = frozenset({"mit", "bei", "auf", "von", "für", "und", "oder", "nach", "seit", "vor",
                         "insgesamt", "inzwischen", "bereits", "damals", "heute", "jetzt"})


def qualifier_before(text: str, g: Grammar, start: int) -> tuple[str | None, int]:
    """(qualifier, new start) for a qualifier phrase ending right before `start`."""
    m = g.qualifier_before.search(text, max(0, start - LOOKBACK), start)
    if not m:
        return None, start
    if g.lang == "de" and key(m.group("q") or "") == "über":
        noun = _NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if noun and noun.group().strip().casefold() not in _NOT_A_NOUN:
            return None, start
    if m.groupdict().get("t"):
        return "about", m.start("t")
    qual = g.qualifiers.get(key(m.group("q")))
    if qual is None:
        return None, start
    return qual, m.start("q")


# A qualifier after a figure that opens the next figure instead ("et plus de 300").
_FIGURE_NEXT = re.compile(
    r"[ \u00a0]*(?:(?:de|d'|d’|than|als|que|di|do|da|dan)[ \u00a0]*)?[0-9]"
)


def qualifier_after(text: str, g: Grammar, end: int) -> tuple[str | None, int]:
    """(qualifier, new end) for a qualifier written right after the figure."""
    m = g.qualifier_after.match(text, end)
    if not m or _FIGURE_NEXT.match(text, m.end()):
        return None, end  # "128 escales et plus de 300 000 passagers": the next figure's
    return g.qualifiers.get(key(m.group("q"))), m.end()


def bound_verb(text: str, g: Grammar, start: int) -> bool:
    """True when a verb such as "exceeded"/"superato" governs the figure."""
    return bool(g.bound_verb_before.search(text, max(0, start - LOOKBACK), start))


def qualify(
    text: str, g: Grammar, start: int, end: int, zh_more: bool = False
) -> tuple[str | None, int, int]:
    """The qualifier of the figure spanning [start, end) and the span stretched over it."""
    qual, new_start = qualifier_before(text, g, start)
    if (
        qual == "up_to"
        and key(text[new_start:start]) in TO_WORDS
        and (is_destination(text, g.lang, new_start) or _range_end(text, new_start))
    ):
        qual, new_start = None, start  # "200 tot 250 banen": a range's other end
    after, new_end = qualifier_after(text, g, end)
    if zh_more:
        qual = qual or "more_than"
    qual = qual or after
    if qual is None and bound_verb(text, g, new_start):
        qual = "more_than"
    return qual, new_start, new_end
