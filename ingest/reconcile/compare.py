"""What range of true values a stated figure admits, and whether figures can agree.

"52" admits [51.5, 52.5] (its last stated digit), "about 52" a few percent around it,
"more than 1,200" anything from 1,200 up to a plausible ceiling. Two figures are compatible
when their ranges overlap; a group is compatible when all ranges share a point. How far a
qualifier stretches a figure is a `VerdictParams` tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from factwatch.ingest.params import DEFAULT, VerdictParams


def _words(text: str) -> list[str]:
    return text.split()


# Counted nouns naming people at work, as the claim grammar canonicalises them, plus the
# words it may leave as written in the seven languages. Outlets count one workforce as
# jobs, employees, workers or "people" ("4,500 jobs", "will employ 4,500 people").
PERSON_UNITS = frozenset(
    _words(
        """
        jobs employees workers people staff positions posts workforce personnel headcount
        emplois postes salariés effectifs personnes travailleurs arbeitsplätze stellen
        beschäftigte mitarbeiter mitarbeitende personen belegschaft empleos puestos empleados
        trabajadores personas plantilla posti dipendenti lavoratori persone addetti organico
        empregos postos funcionários trabalhadores pessoas 岗位 员工 工人 人员 人
        """
    )
)


def count_family(unit: str | None) -> str:
    """What a count measures, with the people-at-work nouns folded into one family."""
    return "people at work" if (unit or "").casefold() in PERSON_UNITS else (unit or "")


# Canonical nouns (`factwatch.ingest.claims.nouns`) that count persons. "People" is said of any of
# them: "512.000 persone" and "plus de 500 000 patients" may count one group.
PERSON_NOUNS = frozenset(
    {
        "employees", "researchers", "workers", "jobs", "people", "users", "customers",
        "residents", "visitors", "spectators", "participants", "students", "teachers",
        "patients", "doctors", "deaths", "victims", "injured", "members", "shareholders",
        "voters", "lawmakers", "soldiers", "police officers", "refugees", "migrants",
        "children", "women", "men", "runners", "athletes", "volunteers", "applicants",
        "investors", "farmers", "passengers", "pilots",
    }
)  # fmt: skip
# Nouns outlets use for one another's count: "power 2.3 million homes" is "2,3 Millionen
# Haushalte".
_KINDRED_NOUNS = (frozenset({"households", "homes"}),)


def nouns_kindred(a: str | None, b: str | None) -> bool:
    """Whether two different counted nouns may count the same things: "people" and any
    noun of persons, or a pair outlets use interchangeably (homes and households)."""
    a, b = (a or "").casefold(), (b or "").casefold()
    if a == b:
        return True
    if "people" in (a, b) and {a, b} <= PERSON_NOUNS | PERSON_UNITS:
        return True
    return any(a in pair and b in pair for pair in _KINDRED_NOUNS)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def intersect(self, other: Interval) -> Interval | None:
        low, high = max(self.low, other.low), min(self.high, other.high)
        return Interval(low, high) if low <= high else None

    def scale(self, factor: float) -> Interval:
        a, b = self.low * factor, self.high * factor
        return Interval(min(a, b), max(a, b))

    def widen(self, relative: float) -> Interval:
        return Interval(self.low * (1 - relative), self.high * (1 + relative))

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


def rounding_halfwidth(
    value: float, precision: int | None, params: VerdictParams = DEFAULT.verdicts
) -> float:
    """Half a unit of the last significant digit stated ("52" -> 0.5, "5.4 bn" -> 0.05 bn)."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    digits = precision if precision and precision > 0 else params.default_significant_digits
    exponent = math.floor(math.log10(abs(value))) - digits + 1
    return 0.5 * 10.0**exponent


def comparison_precision(surface: str, precision: int | None) -> int | None:
    """Significant digits to compare with: every digit the outlet wrote.

    "50 milliards" or "unos 510 millones" read as one or two significant digits would make
    45 vs 50 or 510 vs 545 a rounding difference; an outlet rounding that coarsely writes
    "about", "more than" or "nearly", and those qualifiers widen the range instead.
    """
    written = sum(ch.isdigit() for ch in surface)
    return max(precision or 0, written) or None


def last_digit_halfwidth(v: float) -> float:
    """Half a unit of the last non-zero digit (1,100 -> 50; 4.75 bn -> 5 m)."""
    if v <= 0 or not math.isfinite(v):
        return 0.0
    place = 10.0 ** math.floor(math.log10(v))
    for _ in range(12):
        q = v / place
        if math.isclose(q, round(q), rel_tol=1e-9, abs_tol=1e-9):
            return place / 2
        place /= 10
    return 0.0


def stated_interval(
    value: float,
    precision: int | None,
    qualifier: str | None,
    params: VerdictParams = DEFAULT.verdicts,
) -> Interval:
    """The range of true values consistent with the figure as written."""
    h = rounding_halfwidth(value, precision, params)
    v = abs(value)
    if qualifier == "about":
        # "rund 1.100 Flüge" for 1,140: a figure said to be approximate is rounded at its
        # last non-zero digit, within reason ("about 50 bn" is not 45 bn)
        cap = params.about_rounding_cap * v
        h = max(params.about_slack * v + h, min(last_digit_halfwidth(v), cap))
        low, high = v - h, v + h
    elif qualifier in ("more_than", "at_least"):
        low, high = v - h, v * (1 + params.bound_slack) + h
    elif qualifier in ("less_than", "up_to"):
        low, high = v * (1 - params.bound_slack) - h, v + h
    else:
        low, high = v - h, v + h
    sign = -1.0 if value < 0 else 1.0
    if sign < 0:
        low, high = -high, -low
    return Interval(low, high)


def common_interval(intervals: list[Interval]) -> Interval | None:
    """The values every interval admits, or None when they cannot all be true."""
    if not intervals:
        return None
    acc: Interval | None = intervals[0]
    for iv in intervals[1:]:
        acc = acc.intersect(iv) if acc else None
        if acc is None:
            return None
    return acc


def largest_compatible(intervals: list[Interval]) -> list[int]:
    """Indices of a largest subset of intervals sharing a point (sweep over endpoints)."""
    events: list[tuple[float, int, int]] = []
    for i, iv in enumerate(intervals):
        events.append((iv.low, 0, i))
        events.append((iv.high, 1, i))
    events.sort()
    active: set[int] = set()
    best: set[int] = set()
    for _, kind, i in events:
        if kind == 0:
            active.add(i)
            if len(active) > len(best):
                best = set(active)
        else:
            active.discard(i)
    return sorted(best)
