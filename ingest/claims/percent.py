"""Percentages ("38 %", "2,3 Prozent", "百分之2.4", "-0.6%") and percentage points.

Percentage points and basis points are percent claims with unit "pp" (a rise of 2 points
is not a rise of 2 %); basis points are converted to points (25 bp -> 0.25 pp).
"""

from __future__ import annotations

import re
from decimal import Decimal

from factwatch.ingest.claims.candidates import Candidate, Mention
from factwatch.ingest.claims.grammar import PERCENT_NOUNS, Grammar, key
from factwatch.ingest.claims.mentions import sign_before
from factwatch.ingest.claims.numbers import ZH_DIGITS
from factwatch.ingest.claims.qualifiers import qualify
from factwatch.ingest.lang import union

# "minus five percent", "负3.9%": a negative figure.
_SIGN_WORD = re.compile(r"(?:(?<![\w])(?i:minus)[ \u00a0]+|负)$")
# "百分之五" = 5 %, "千分之五" = 0.5 %, "万分之五" = 0.05 %.
ZH_FRACTIONS: dict[str, Decimal] = {
    "百分之": Decimal(1), "佰分之": Decimal(1), "千分之": Decimal("0.1"),
    "仟分之": Decimal("0.1"), "万分之": Decimal("0.01"), "萬分之": Decimal("0.01"),
    "百万分之": Decimal("0.0001"), "千万分之": Decimal("0.00001"),
}
# A digit right after "成" is hundredths ("七成六"), unless it starts a number of its own.
_ZH_HUNDREDTH = re.compile(
    r"[一二两三四五六七八九](?![0-9一二两三四五六七八九十百千万亿个名家年月日%])"
)
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
    if mention.power and not mention.spelled:
        return None  # "5 millions %": not a percentage as written
    start, end = mention.start, mention.scale_end
    value = mention.scaled  # "quinientos trece millones ... dos mil por ciento"
    unit = "%"
    points = g.points_after.match(text, end)
    if points:
        unit = "pp"
        value *= Decimal(str(g.points.get(key(points.group("pts")), 1)))
        end = points.end()
    else:
        pct = g.percent_after.match(text, end)
        prefix = g.percent_before.search(text, max(0, start - 5), start)
        if (pct and key(pct.group("pct")) in PERCENT_NOUNS
                and text[mention.start:mention.end].isdigit() and 1900 <= value <= 2100):
            return None  # "the 2024 percentage of graduates"
        if pct:
            end = pct.end()
        elif prefix:
            start = prefix.start("pct")
            value *= ZH_FRACTIONS[prefix.group("pct")]
        elif g.lang == "zh" and is_zh_discount(text, end):
            if value == 10 or value >= 100:
                return None  # "十折": the full price, no discount
            end += 1
            value = value * 10 if value < 10 else value  # "七折" = 70 %, "75折" = 75 %
        elif g.lang == "zh" and is_zh_tenths(text, end):
            end += 1
            value *= 10
            if text.startswith("半", end):  # "三成半" = 35 %
                end += 1
                value += 5
            elif _ZH_HUNDREDTH.match(text, end):  # "七成六" = 76 %
                value += ZH_DIGITS[text[end]]
                end += 1
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


# "3/4%", "7 3/4 %" (bond coupons), "1 sobre 3 por ciento": a fraction of a percent.
_OVER_WORDS = tuple(union("over_words"))  # "3 sobre 10"
_FRACTION = re.compile(
    r"(?=[0-9])(?<![0-9/.,])(?:(?P<w>[0-9]{1,3})[ \u00a0]+)?(?P<a>[0-9]{1,2})"
    r"(?:/|[ \u00a0]+(?i:" + "|".join(_OVER_WORDS) + r")[ \u00a0]+)"
    r"(?P<b>[0-9]{1,2})(?![0-9/.,])"
)


def fraction_percents(text: str, g: Grammar) -> list[Candidate]:
    """Percentages written as fractions; the numerals inside are no figures of their own."""
    out: list[Candidate] = []
    if "/" not in text and not any(w in text.lower() for w in _OVER_WORDS):
        return out
    for m in _FRACTION.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if not 0 < a < b or ("/" not in m.group() and not g.data.over_words):
            continue
        value = (Decimal(m["w"] or 0) + Decimal(a) / Decimal(b)).quantize(Decimal("1e-9"))
        unit, pct = "%", g.points_after.match(text, m.end())
        if pct:
            unit, value = "pp", value * Decimal(str(g.points.get(key(pct.group("pts")), 1)))
        else:
            pct = g.percent_after.match(text, m.end())
        if not pct:
            continue
        qualifier, start, end = qualify(text, g, m.start(), pct.end())
        out.append(Candidate("percent", start, end, float(value), unit, qualifier, None))
    return out

