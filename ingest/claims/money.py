"""Money: a numeral with a currency symbol, code or name before or after it.

"€2.9 billion", "5,4 milliards d'euros", "2,82 Mrd. Franken", "US$ 150 million",
"约合人民币17.2亿元", "€48 a share". A bare "pounds"/"livres" needs a scale or money words
nearby ("300 pounds of cocaine" is a weight).
"""

from __future__ import annotations

import re
from decimal import Decimal

from factwatch.ingest.claims import currencies
from factwatch.ingest.claims.candidates import Candidate, Mention
from factwatch.ingest.claims.grammar import Grammar, key
from factwatch.ingest.claims.qualifiers import qualify

_HYPHEN_NAME = re.compile(r"-(?=[A-Za-z])")
_CODE = re.compile(r"[A-Z]{3}")
_NUMBER_NEXT = re.compile(r"[ \u00a0]*[0-9]")
_NUMBER_BEFORE = re.compile(r"[0-9][ \u00a0]*$")
# A minus sign before a currency sign, not a dash after a figure ("$10-$20").
_MINUS_BEFORE = re.compile(r"(?:^|(?<=[\s(]))-$")


def currency_prefix(text: str, g: Grammar, start: int) -> tuple[str, float, int] | None:
    """(code, factor, symbol start) of a currency written right before the numeral."""
    m = g.currency_before.search(text, max(0, start - 12), start)
    if not m:
        return None
    found = _lookup(g, m.group("cur"))
    return (found[0], found[1], m.start("cur")) if found else None


def currency_suffix(text: str, g: Grammar, mention: Mention) -> tuple[str, float, int] | None:
    """(code, factor, end) of a currency written after the numeral and its scale."""
    positions = []
    if mention.power:
        cm = g.connector_after.match(text, mention.scale_end)
        if cm:
            positions.append(cm.end())
    positions.append(mention.scale_end)
    for pos in positions:
        start = pos + 1 if _HYPHEN_NAME.match(text, pos) else pos
        m = g.currency_after.match(text, start)
        if m:
            found = _lookup(g, m.group("cur"))
            if found:
                return found[0], found[1], m.end()
    return None


def _lookup(g: Grammar, phrase: str) -> tuple[str, float] | None:
    return g.currency_names.get(phrase) or g.currency_names.get(key(phrase))


# British prices in pence are written "245p"; "480p", "1080p" are video resolutions.
_PENCE = re.compile(r"p(?![\w])")
_RESOLUTIONS = frozenset({144, 240, 360, 480, 576, 720, 1080, 1440, 2160, 4320})


def match_money(text: str, g: Grammar, mention: Mention, window: str) -> Candidate | None:
    """A money candidate for `mention`, or None when no currency is written next to it."""
    prefix = currency_prefix(text, g, mention.start)
    minus: int | None = None  # where a minus sign before the amount stands
    if prefix is None and text[mention.start - 1 : mention.start] == "-":
        prefix = currency_prefix(text, g, mention.start - 1)  # "$-50.8bn"
        minus = mention.start - 1 if prefix else None
    elif prefix and _MINUS_BEFORE.search(text, max(0, prefix[2] - 2), prefix[2]):
        minus = prefix[2] - 1  # "-$50.8bn"
    suffix = currency_suffix(text, g, mention)
    if prefix and suffix:
        # A sign between two figures goes to the one without another: "$ 20,000 $ 37,305",
        # "10 rmb 20 usd".
        if _NUMBER_NEXT.match(text, suffix[2]):
            suffix = None
        elif _NUMBER_BEFORE.search(text, max(0, prefix[2] - 12), prefix[2]):
            prefix = None
    if prefix is None and suffix is None and g.data.pence_suffix and _is_pence(text, mention):
        suffix = ("GBP", 0.01, mention.end + 1)
    if prefix is None and suffix is None:
        return None
    code, factor = (prefix or suffix)[:2]  # type: ignore[index]
    if suffix and (prefix is None or prefix[0].startswith("?")):
        code, factor = suffix[0], suffix[1]
    if code == "?GBP" and not _pound_is_money(mention, window):
        return None
    iso = currencies.resolve_currency(code, g.lang, window)
    if not iso or (iso == "BTC" and text[mention.start:mention.end].isdigit()
                   and 1900 <= mention.value <= 2100):
        return None  # "the 2024 Bitcoin halving": a year
    start = prefix[2] if prefix else mention.start
    end = suffix[2] if suffix else mention.scale_end
    power = 0
    if suffix and not mention.power and _CODE.fullmatch(text[mention.end:end].strip()):
        scale = g.scale_after.match(text, end)  # "75 USD million"
        found = scale and not scale["s2"] and (
            g.scales.get(scale["s1"]) or g.scales.get(key(scale["s1"])))
        if found and not found[1]:
            power, end = found[0], scale.end()
    per = g.per_unit_after.match(text, end)
    if per:
        end = per.end()
    qualifier, start, end = qualify(text, g, start, end, mention.zh_more)
    value = float(mention.scaled.scaleb(power) * Decimal(str(factor)))
    if minus is not None and prefix is not None:
        value, start = -value, min(start, minus)
    return Candidate("money", start, end, value, iso, qualifier, mention.precision,
                     subunit=factor < 1)


def _is_pence(text: str, mention: Mention) -> bool:
    return (
        mention.power == 0 and mention.scale_end == mention.end
        and bool(_PENCE.match(text, mention.end)) and mention.value not in _RESOLUTIONS
    )


def _pound_is_money(mention: Mention, window: str) -> bool:
    return mention.power >= 3 or bool(currencies.MONEY_CUES.search(window))

