"""Amounts settled with the whole text in view: bare scaled amounts ("5.400 millones") get
the currency the article writes them in, or are dropped; "15 dollars and 15 cents" is one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

from factwatch.ingest.claims.candidates import Candidate, Mention
from factwatch.ingest.claims.counts import next_words
from factwatch.ingest.claims.grammar import Grammar
from factwatch.ingest.claims.nouns import COUNT_NOUNS, NOT_COUNTED
from factwatch.ingest.claims.qualifiers import qualify
from factwatch.ingest.claims.words import read_spelled

# "280 million of the 1.5 billion shekels", "2 milliards des 5 milliards": part of an amount.
_PARTITIVE = re.compile(
    r"(?i:(?:the|its|their|les|la|le|l'|los|las|el|gli|i|le|os|as|o|a)[ \u00a0]+)?[0-9]"
)
# A bare scaled amount ("5.400 millones") is money only from a million up.
BARE_MIN_POWER = 6


def bare_amount(t: str, g: Grammar, m: Mention) -> Candidate | None:
    """A scaled amount with no unit ("4 miliardi a Settimo"): money in a currency found later."""
    if g.lang == "zh" or m.power < BARE_MIN_POWER or m.weak_scale or not m.value or m.spelled:
        return None
    cm = g.connector_after.match(t, m.scale_end)
    if cm and not _PARTITIVE.match(t, cm.end()):
        return None  # "480 milliards de tonnes": a unit we do not count
    words = next_words(t, g, m.scale_end, 1)
    if words and NOT_COUNTED.fullmatch(words[0].group("w").casefold()):
        return None  # "10 million barrels"
    # "1.05 million to 1.1 million tonnes": the range's other end says what it is
    link = g.range_after.match(t, m.scale_end)
    opens_range = bool(link and t[link.end() : link.end() + 1].isdigit())
    qualifier, start, end = qualify(t, g, m.start, m.scale_end)
    return Candidate("money", start, end, float(m.scaled), None, qualifier, m.precision,
                     bare=True, opens_range=opens_range)


def resolve_bare(
    candidates: list[Candidate], sentence_of: Callable[[int], tuple[int, int]]
) -> list[Candidate]:
    """A bare amount is money when its sentence states an amount in a currency, or when the
    same amount is written with its currency elsewhere (a headline's "5.400 millones" and the
    body's "5.400 millones de euros"); it takes that currency. Failing both, it takes the
    currency the article keeps to (`MAIN_CURRENCY_SHARE`); otherwise it is dropped."""
    by_sentence: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    by_value: dict[float, list[Candidate]] = defaultdict(list)
    units: Counter[str] = Counter()
    for w in candidates:
        if w.kind == "money" and not w.bare and w.unit and w.value is not None:
            by_sentence[sentence_of(w.start)].append(w)
            by_value[_key(w.value / _factor_of(w))].append(w)
            units[w.unit] += 1
    main = _main_currency(units)
    out = []
    for c in candidates:
        if not c.bare:
            out.append(c)
            continue
        pool = by_sentence.get(sentence_of(c.start)) or by_value.get(_key(c.value or 0.0))
        if pool:
            nearest = min(pool, key=lambda w: abs(w.start - c.start))
            out.append(replace(c, unit=nearest.unit, bare=False))
        elif main is not None and not c.opens_range:
            out.append(replace(c, unit=main, bare=False))
    return out


# Share of an article's amounts that must be in one currency for a bare amount elsewhere in
# it ("Altri 720 milioni andranno alla rete ferroviaria") to be read in that currency.
MAIN_CURRENCY_SHARE = 0.75


def _main_currency(units: Counter[str]) -> str | None:
    """The currency an article writes its amounts in, when it keeps to one."""
    if not units:
        return None
    unit, n = units.most_common(1)[0]
    return unit if n >= MAIN_CURRENCY_SHARE * sum(units.values()) else None


def _key(value: float) -> float:
    """Equal amounts written differently ("5.400" and "5 400") share one key."""
    return float(f"{value:.9g}")


def _factor_of(c: Candidate) -> float:
    return 0.01 if c.subunit else 1.0


_SUBUNIT_LINK = re.compile(r"[ \u00a0]*(?:and|und|et|y|e|con|com|en)?[ \u00a0]*$",
                           re.IGNORECASE)


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


# "15 dollars 50", "15 USD 50 more", "zwei Euro fünfzig", "15 dólares con 50": the two-digit
# number right after an amount written with its currency's name or code is its cents.
_CENTS_LINK = re.compile(r"[ \u00a0]+(?:(?P<j>and|und|et|y|e|con|com)[ \u00a0]+)?",
                         re.IGNORECASE)
_TWO_DIGITS = re.compile(r"[0-9]{2}(?![0-9]|[.,][0-9])")
_AFTER_CENTS = re.compile(r"[ \u00a0]*(?:$|[.,;:!?)\]\"'»”])|[ \u00a0]+(?P<w>[^\W\d_]+)")
# "between 15 dollars and 20": a range, not cents.
_RANGE_BEFORE = re.compile(
    r"(?i:\b(?:between|entre|zwischen|tra|fra|from|von|desde|de|da)[ \u00a0]+)$"
)
# Currencies without cents in use.
_NO_CENTS = frozenset({"JPY", "KRW", "CLP", "ISK", "VND", "IDR", "BTC"})


def merge_trailing_cents(t: str, g: Grammar, candidates: list[Candidate]) -> list[Candidate]:
    """Amounts followed by their cents without a sub-unit word take them in."""
    out = []
    for c in candidates:
        if (c.kind == "money" and not c.bare and not c.subunit and c.value is not None
                and c.value == int(c.value) and c.unit not in _NO_CENTS
                and t[c.end - 1 : c.end].isalpha() and not _prefixed(t, g, c)):
            cents = _cents_after(t, g, c)
            if cents:
                c = replace(c, end=cents[1], value=c.value + cents[0] / 100, precision=None)
        out.append(c)
    return out


_FIRST_DIGIT = re.compile(r"[0-9]")


def _prefixed(t: str, g: Grammar, c: Candidate) -> bool:
    """True when the currency is (also) written before the figure ("rmb 10 usd 20")."""
    digit = _FIRST_DIGIT.search(t, c.start, c.end)
    return bool(digit and g.currency_before.search(t, max(0, digit.start() - 12),
                                                   digit.start()))


def _cents_after(t: str, g: Grammar, c: Candidate) -> tuple[int, int] | None:
    link = _CENTS_LINK.match(t, c.end)
    if not link:
        return None
    if link.group("j") and _RANGE_BEFORE.search(t, max(0, c.start - 12), c.start):
        return None
    pos = link.end()
    digits = _TWO_DIGITS.match(t, pos)
    if digits:
        cents, end = int(digits.group()), digits.end()
    else:
        sp = read_spelled(t, pos, g.lang)
        if (sp is None or sp.power or sp.article or sp.value != int(sp.value)
                or not 0 < sp.value < 100):
            return None
        cents, end = int(sp.value), sp.scale_end
    after = _AFTER_CENTS.match(t, end)
    if not after:
        return None
    word = after.group("w")
    if word and (
        not word[0].islower() or word.casefold() in COUNT_NOUNS
        or NOT_COUNTED.fullmatch(word.casefold())
        or g.currency_after.match(t, end) or g.percent_after.match(t, end)
        or g.points_after.match(t, end) or g.scale_after.match(t, end)
    ):
        return None  # "15 dollars 50 cents" (merged as a sub-unit), "5 euros 20 people"
    return cents, end
