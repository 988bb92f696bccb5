"""Percentages ("38 %", "2,3 Prozent", "百分之2.4", "-0.6%") and percentage points.

Percentage points and basis points are percent claims with unit "pp" (a rise of 2 points
is not a rise of 2 %); basis points are converted to points (25 bp -> 0.25 pp).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.claims.candidates import Candidate, Mention
from ingest.claims.grammar import Grammar, key
from ingest.claims.mentions import sign_before
from ingest.claims.qualifiers import qualify

# "minus five percent", "负3.9%": a negative figure.
_SIGN_WORD = re.compile(r"(?:(?<![\w])(?i:minus)[ \u00a0]+|负)$")
# "百分之五" = 5 %, "千分之五" = 0.5 %, "万分之五" = 0.05 %.
ZH_FRACTIONS: dict[str, Decimal] = {"百分之": Decimal(1), "千分之": Decimal("0.1"),
                                    "万分之": Decimal("0.01")}
# "成" after a number is tenths ("九成" = 90 %) unless it starts a word (成为, 成本, 成都...).
_CHENG_WORDS = "为功立本员果绩熟交长都型效品年人像就分形真不"
_ZHE_WORDS = "合扣旧叠算射腾价中线磨服返损"


def is_zh_discount(text: str, pos: int) -> bool:
    """True when "折" at `pos` gives a price as tenths of the list price ("打七折")."""
    return text.startswith("折", pos) and text[pos + 1:pos + 2] not in set(_ZHE_WORDS)


def is_zh_tenths(text: str, pos: int) -> bool:
    """True when "成" at `pos` means tenths ("近九成的用户")."""
    return text.startswith("成", pos) and text[pos + 1:pos + 2] not in set(_CHENG_WORDS)


def match_percent(text: str, g: Grammar, mention: Mention) -> Candidate | None:
    """A percent candidate for `mention`, or None when no percent sign or word follows."""
    if mention.power:
        return None
    start, end = mention.start, mention.end
    value = mention.value
    unit = "%"
    points = g.points_after.match(text, end)
    if points:
        unit = "pp"
        value *= Decimal(str(g.points.get(key(points.group("pts")), 1)))
        end = points.end()
    else:
        pct = g.percent_after.match(text, end)
        prefix = g.percent_before.search(text, max(0, start - 3), start)
        if pct:
            end = pct.end()
        elif prefix:
            start = prefix.start("pct")
            value *= ZH_FRACTIONS[prefix.group("pct")]
        elif g.lang == "zh" and is_zh_discount(text, end):
            end += 1
            value = value * 10 if value < 10 else value  # "七折" = 70 %, "75折" = 75 %
        elif g.lang == "zh" and is_zh_tenths(text, end):
            end += 1
            value *= 10
            if text.startswith("半", end):  # "三成半" = 35 %
                end += 1
                value += 5
        else:
            return None
    if sign_before(text, start):
        start -= 1
        value = -value
    else:
        word = _SIGN_WORD.search(text, max(0, start - 7), start)
        if word:
            start, value = word.start(), -value
    qualifier, start, end = qualify(text, g, start, end)
    return Candidate("percent", start, end, float(value), unit, qualifier, mention.precision)
