"""Money and percentages written in Chinese numerals ("十五美元", "百分之五", "九成", "五五折")."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ingest.claims.candidates import Candidate, Mention
from ingest.claims.grammar import Grammar
from ingest.claims.money import match_money
from ingest.claims.numbers import ZH_DIGITS, parse_zh_numeral
from ingest.claims.percent import match_percent


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
