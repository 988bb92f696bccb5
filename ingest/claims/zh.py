"""Money and percentages written in Chinese numerals ("十五美元", "百分之五", "九成", "五五折")."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from factwatch.ingest.claims.candidates import Candidate, Mention
from factwatch.ingest.claims.grammar import Grammar
from factwatch.ingest.claims.money import match_money
from factwatch.ingest.claims.numbers import ZH_DIGITS, parse_zh_numeral
from factwatch.ingest.claims.percent import match_percent
from factwatch.ingest.text import cjk_class

# Discounts and tenths named without a numeral: "打对折" (half price), "半折", "半成" (5 %).
_ZH_HALVES = re.compile(r"打(?:对|對)折|半折|半成(?![为功立本员果绩熟交长都型效品年人像就分形真不])"
                        )


def zh_named_fractions(t: str, g: Grammar) -> list[Candidate]:
    """Percentages named by a word for a half ("打对折" = 50 %, "半成" = 5 %)."""
    if g.lang != "zh" or ("折" not in t and "成" not in t):
        return []
    return [
        Candidate("percent", m.start(), m.end(), 5.0 if m.group() == "半成" else 50.0, "%",
                  None, 1)
        for m in _ZH_HALVES.finditer(t)
    ]


def zh_numeral_claims(
    t: str, g: Grammar, window: Callable[[int], str]
) -> list[Candidate]:
    """Money and percentages written in Chinese numerals ("十五美元", "百分之五", "九成")."""
    out: list[Candidate] = []
    if g.lang != "zh":
        return out
    for m in g.zh_numeral.finditer(t):
        parsed = parse_zh_numeral(m.group())
        if parsed is None and t.startswith("折", m.end()) and all(
                ch in ZH_DIGITS for ch in m.group()):
            digits = "".join(str(ZH_DIGITS[ch]) for ch in m.group())  # "五五折" = 55 %
            parsed = Decimal(digits), len(digits.rstrip("0")) or 1
        if parsed is None:
            continue
        value, precision = parsed
        mention = Mention(m.start(), m.end(), value, precision, m.end(), spelled=True)
        cand = match_percent(t, g, mention)
        if cand is None:
            cand = match_money(t, g, mention, window(m.start()))
            if cand is None or t.startswith("化", cand.end):
                continue
            if len(m.group()) == 1 and cand.unit == "CNY" and t.startswith("元", m.end()):
                continue  # "三元电池", "一元化": not an amount
        out.append(cand)
    return out


# Chinese characters with CJK and full-width punctuation.
_CJK = cjk_class(ext_a=True) + "\u3000-\u303f\uff01-\uff65"
# Spaces with a Chinese character on one side and a Chinese character or a digit on the
# other: "增长 5.2%", "4500 名员工" (spacing around digits), "百 分 之 2" (spaced out).
_ZH_SPACES = re.compile(
    rf"(?<=[{_CJK}])[ \u00a0]+(?=[{_CJK}0-9])|(?<=[0-9%])[ \u00a0]+(?=[{_CJK}])"
)


def zh_compact(text: str) -> tuple[str, list[int]] | None:
    """The text without the spaces Chinese writing does not need, and for every position
    of it the position in `text` (one more entry for the end); None when there are none."""
    if " " not in text and "\u00a0" not in text:
        return None
    gaps = [(m.start(), m.end()) for m in _ZH_SPACES.finditer(text)]
    if not gaps:
        return None
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for start, end in gaps:
        parts.append(text[pos:start])
        index.extend(range(pos, start))
        pos = end
    parts.append(text[pos:])
    index.extend(range(pos, len(text) + 1))
    return "".join(parts), index
