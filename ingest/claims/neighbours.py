"""Figures that borrow from a neighbour: the first end of a range takes the unit written
once after the second ("3-5%", "entre 5 et 10 millions d'euros", "$10 to $15 billion"), and
a number right after a count takes its noun ("435 homes by open sale and 187 by tender").
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from factwatch.ingest.claims.candidates import Candidate, Mention
from factwatch.ingest.claims.grammar import Grammar
from factwatch.ingest.claims.money import currency_suffix
from factwatch.ingest.claims.qualifiers import qualify
from factwatch.ingest.text import words


def fill_ranges(
    t: str, g: Grammar, mentions: list[Mention], found: list[Candidate | None]
) -> None:
    """"3-5%", "entre 5 et 10 millions d'euros", "$10 to $15 billion": the first number of a
    range takes the unit (and the scale) written once after the second."""
    for i in reversed(range(len(mentions) - 1)):  # right to left: "24.2 to 33-35 billion"
        a, b = mentions[i], mentions[i + 1]
        ca, cb = found[i], found[i + 1]
        if cb is None or cb.bare or a.power or a.zh_more or not a.value or not b.value:
            continue
        link = g.range_after.match(t, ca.end if ca else a.end)
        if not link or link.end() not in (b.start, cb.start):
            continue
        joint = link.group()
        if joint.strip() == "-" and joint[0] in " \u00a0" and joint[-1] not in " \u00a0":
            continue  # "Stoxx 50 -1.3%": a sign, not a range
        if not Decimal("0.01") <= a.value / b.value <= 100:
            continue  # "enero. 1.1990 a 1.015 francos": not a range
        if ca is None and _year_like(a):
            continue  # "para 2025 a US$ 1.900 millones": a year, then the amount
        if ca is None:
            found[i] = _range_start(t, g, a, b, cb)
        elif (ca.kind == cb.kind == "money" and ca.unit == cb.unit and b.power >= 6
              and a.value < b.value):
            found[i] = replace(ca, value=float(Decimal(str(ca.value)).scaleb(b.power)),
                               precision=a.precision)


def _year_like(m: Mention) -> bool:
    return m.power == 0 and m.value == m.value.to_integral_value() and 1800 <= m.value <= 2199


def _range_start(t: str, g: Grammar, a: Mention, b: Mention, cb: Candidate) -> Candidate:
    # The scale is shared only when the first number is the smaller ("5 to 10 million");
    # "from 1,200 to 900 million" keeps 1,200 as written (in the same currency).
    ratio = Decimal(str(cb.value)) / b.value if cb.value is not None else Decimal(1)
    if cb.kind == "percent":
        ratio = Decimal(1)
    elif a.value >= b.value:
        ratio = _money_factor(t, g, b) if cb.kind == "money" else Decimal(1)
    qualifier, start, _ = qualify(t, g, a.start, a.end)
    return Candidate(cb.kind, start, a.end, float(a.value * ratio), cb.unit, qualifier,
                     a.precision)


def _money_factor(t: str, g: Grammar, b: Mention) -> Decimal:
    suffix = currency_suffix(t, g, b)
    return Decimal(str(suffix[1])) if suffix else Decimal(1)


_ELISION = re.compile(
    r"^[^\d.;:!?()]{0,48}?\b(?:and|or|from|to|while|against|versus|vs\.?|et|contre|"
    r"und|gegenüber|y|frente a|e|contro|contra|with|avec|mit|con|com|en|tegen|met)"
    r"[ \u00a0]+$"
    # partitives, further from the whole they take part of: "412 000 voyageurs au cours de
    # ses trois premiers jours, dont 156 000", "7.800 Menschen, davon rund 5.200"
    r"|^[^\d.;:!?()]{0,80}?\b(?:dont|of which|of whom|of them|among them|including|davon|"
    r"darunter|di cui|tra cui|fra cui|de los cuales|de las cuales|entre ellos|dos quais|"
    r"das quais|entre eles|parmi lesquels|parmi lesquelles|parmi eux|waarvan|waaronder|"
    r"onder wie|van wie)[ \u00a0]+$",
    re.IGNORECASE,
)


_NEXT_WORD = re.compile(r"[ \u00a0]*(\w+)")
# Words that may follow an elided count ("187 by tender", "95 800 qui", "63 during").
ELIDED_NEXT = frozenset(words(
    "by in on at for from who that which while during of to and or than with under over "
    "par en au aux pour de du des qui dont et ou avec dans sur "
    "bei in im am für von aus die der mit und oder "
    "por en para de del que y o con "
    "per in nel nella di del che e o con su "
    "por em no na para de do da que e ou com "
    "door op bij voor van uit dat met en of aan naar"
))


def fill_elided(
    t: str, g: Grammar, mentions: list[Mention], found: list[Candidate | None]
) -> None:
    """"435 homes by open sale and 187 by tender", "7.800 Menschen, davon rund 5.200": the
    second number counts the same noun. A scaled number with no unit of its own ("58 milioni
    di utenti, di cui 9,5 milioni in Italia") is read so too, not as money."""
    for i in range(1, len(mentions)):
        a, cb = found[i - 1], found[i]
        b = mentions[i]
        if a is None or a.kind != "count" or b.spelled or b.weak_scale:
            continue
        if cb is not None and not (cb.bare and not g.connector_after.match(t, b.scale_end)):
            continue
        if _year_like(b):
            continue  # a year
        qualifier, start, end = qualify(t, g, b.start, b.scale_end)
        if a.end > start or not _ELISION.match(t[a.end:start]):
            continue
        if a.value and b.scaled / Decimal(str(a.value)) > 1000:
            continue  # "14 gru nuove e 720 milioni": not more of the same thing
        after = _NEXT_WORD.match(t, b.scale_end)
        if after and after.group(1).casefold() not in ELIDED_NEXT:
            continue  # "20 000 m² de bureaux": the number has a unit of its own
        found[i] = Candidate("count", start, end, float(b.scaled), a.unit, qualifier,
                             b.precision)
