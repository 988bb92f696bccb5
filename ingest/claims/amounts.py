"""Amounts settled with the whole text in view: bare scaled amounts ("5.400 millones") get
the currency the article writes them in, or are dropped; "15 dollars and 15 cents" is one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from ingest.claims.candidates import Candidate, Mention
from ingest.claims.counts import next_words
from ingest.claims.grammar import Grammar
from ingest.claims.nouns import NOT_COUNTED
from ingest.claims.qualifiers import qualify

# A bare scaled amount ("5.400 millones") is money only from a million up.
BARE_MIN_POWER = 6


def bare_amount(t: str, g: Grammar, m: Mention) -> Candidate | None:
    """A scaled amount with no unit ("4 miliardi a Settimo"): money in a currency found later."""
    if g.lang == "zh" or m.power < BARE_MIN_POWER or m.weak_scale or not m.value or m.spelled:
        return None
    if g.connector_after.match(t, m.scale_end):
        return None  # "480 milliards de tonnes": a unit we do not count
    words = next_words(t, g, m.scale_end, 1)
    if words and NOT_COUNTED.fullmatch(words[0].group("w").casefold()):
        return None  # "10 million barrels"
    qualifier, start, end = qualify(t, g, m.start, m.scale_end)
    return Candidate("money", start, end, float(m.scaled), None, qualifier, m.precision,
                     bare=True)


def resolve_bare(
    candidates: list[Candidate], sentence_of: Callable[[int], tuple[int, int]]
) -> list[Candidate]:
    """A bare amount is money when its sentence states an amount in a currency, or when the
    same amount is written with its currency elsewhere (a headline's "5.400 millones" and the
    body's "5.400 millones de euros"); it takes that currency. Otherwise it is dropped."""
    by_sentence: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    by_value: dict[float, list[Candidate]] = defaultdict(list)
    for w in candidates:
        if w.kind == "money" and not w.bare and w.unit and w.value is not None:
            by_sentence[sentence_of(w.start)].append(w)
            by_value[_key(w.value / _factor_of(w))].append(w)
    out = []
    for c in candidates:
        if not c.bare:
            out.append(c)
            continue
        pool = by_sentence.get(sentence_of(c.start)) or by_value.get(_key(c.value or 0.0))
        if pool:
            nearest = min(pool, key=lambda w: abs(w.start - c.start))
            out.append(replace(c, unit=nearest.unit, bare=False))
    return out


def _key(value: float) -> float:
    """Equal amounts written differently ("5.400" and "5 400") share one key."""
    return float(f"{value:.9g}")


def _factor_of(c: Candidate) -> float:
    return 0.01 if c.subunit else 1.0


_SUBUNIT_LINK = re.compile(r"[ \u00a0]*(?:and|und|et|y|e)?[ \u00a0]*$", re.IGNORECASE)


def merge_subunits(t: str, candidates: list[Candidate]) -> list[Candidate]:
    """"15 dollars and 15 cents" is one amount: 15.15 in the first currency."""
    ordered = sorted(candidates, key=lambda c: c.start)
    out: list[Candidate] = []
    for c in ordered:
        prev = out[-1] if out else None
        if (prev is not None and c.kind == prev.kind == "money" and c.subunit
                and not prev.subunit and prev.value is not None and c.value is not None
                and prev.value == int(prev.value) and c.value < 1
                and prev.end <= c.start and _SUBUNIT_LINK.match(t[prev.end:c.start])):
            out[-1] = replace(prev, end=c.end, value=prev.value + c.value,
                              precision=None)
            continue
        out.append(c)
    return out
