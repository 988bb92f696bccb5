"""Qualifiers around a figure ("plus de", "rund", "约", "余", "or more") and bound verbs.

An adjacent qualifier joins the claim's span; a bound verb a word or two away ("ha superato
i 200.000 visitatori") sets the qualifier without stretching the span.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.claims.grammar import Grammar, key

LOOKBACK = 40

# Words that mean "up to" before a bare figure but "to" after a change ("aumentó un 18 %, hasta
# 720 millones"; "passées de 600 jusqu'à 720"): there the figure is the new level, not a bound.
TO_WORDS = frozenset(
    {"hasta", "até", "jusqu'à", "fino a", "fino al", "fino ai", "fino alle", "sino a", "bis"}
)
# Stems of verbs of change, per language; with a percentage or a "from X" they mark the figure
# after a TO_WORD as a destination.
CHANGE_STEMS: dict[str, str] = {
    "es": r"aument|crec|subi|subió|sube|elev|increment|pas[óoa]|disminu|baj|ca[yí]|reduj|reduc",
    "pt": r"aument|cresc|subi|sobe|elev|pass|caiu|cai|reduz|reduzi|diminu|recu",
    "it": r"salit|sale|cresc|aument|sces|scend|calat|cala|passat|ridott|lievit",
    "fr": r"progress|augment|grimp|pass|baiss|recul|chut|bondi|mont|cr[uû]|diminu",
    "de": r"stieg|steig|gestiegen|wuchs|w[aä]chst|gewachsen|erh[öo]h|sank|sinkt|gesunken"
    r"|fiel|f[aä]llt|gefallen|kletter|zulegt|legte",
}
LOOK_BEHIND_CHANGE = 80


@cache
def _change_cue(lang: str) -> re.Pattern[str] | None:
    stems = CHANGE_STEMS.get(lang)
    if stems is None:
        return None
    return re.compile(
        rf"(?:\b(?:{stems})\w*)|%|\b(?:de|desde|da|von|from|dal|dai|du|des)\s+\d",
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


def qualifier_before(text: str, g: Grammar, start: int) -> tuple[str | None, int]:
    """(qualifier, new start) for a qualifier phrase ending right before `start`."""
    m = g.qualifier_before.search(text, max(0, start - LOOKBACK), start)
    if not m:
        return None, start
    if m.groupdict().get("t"):
        return "about", m.start("t")
    qual = g.qualifiers.get(key(m.group("q")))
    if qual is None:
        return None, start
    return qual, m.start("q")


def qualifier_after(text: str, g: Grammar, end: int) -> tuple[str | None, int]:
    """(qualifier, new end) for a qualifier written right after the figure."""
    m = g.qualifier_after.match(text, end)
    if not m:
        return None, end
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
        and is_destination(text, g.lang, new_start)
    ):
        qual, new_start = None, start
    after, new_end = qualifier_after(text, g, end)
    if zh_more:
        qual = qual or "more_than"
    qual = qual or after
    if qual is None and bound_verb(text, g, new_start):
        qual = "more_than"
    return qual, new_start, new_end
