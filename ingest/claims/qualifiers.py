"""Qualifiers around a figure ("plus de", "rund", "约", "余", "or more") and bound verbs.

An adjacent qualifier joins the claim's span; a bound verb a word or two away ("ha superato
i 200.000 visitatori") sets the qualifier without stretching the span.
"""

from __future__ import annotations

from ingest.claims.grammar import Grammar, key

LOOKBACK = 40


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
    after, new_end = qualifier_after(text, g, end)
    if zh_more:
        qual = qual or "more_than"
    qual = qual or after
    if qual is None and bound_verb(text, g, new_start):
        qual = "more_than"
    return qual, new_start, new_end
