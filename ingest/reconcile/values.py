"""How the figures of two mentions relate: the same value, compatible after rounding, a bound
or a conversion, or one figure misreported (a typo or a scale-word slip) and how plausibly.

Values only weigh in the score (`score`): conflicting figures must still be able to meet.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.params import FactParams, VerdictParams
from factwatch.ingest.reconcile.compare import (
    Interval,
    common_interval,
    comparison_precision,
    count_family,
    last_digit_halfwidth,
    stated_interval,
)
from factwatch.ingest.reconcile.rates import rate_on

if TYPE_CHECKING:
    from factwatch.ingest.reconcile.mentions import Mention

# Qualifiers that state a bound: "more than 300 million" admits any amount a little above.
BOUNDS = frozenset({"more_than", "at_least", "less_than", "up_to"})


def _same_unit(kind: str, ua: str | None, ub: str | None) -> bool:
    if ua == ub:
        return True
    return kind == "count" and count_family(ua) == count_family(ub)


def same_value(a: Mention, b: Mention) -> bool:
    """The same value (and unit, and day) stated in both mentions."""
    return any(
        ra.claim.value == rb.claim.value
        and _same_unit(a.kind, ra.claim.unit, rb.claim.unit)
        and ra.claim.date_value == rb.claim.date_value
        for ra in a.records
        for rb in b.records
    )


def interval_of(rec: ClaimRecord, params: VerdictParams) -> Interval:
    c = rec.claim
    return _interval(c.value or 0.0, c.surface, c.precision, c.qualifier, params)


@lru_cache(maxsize=65536)  # each claim is compared with every other of its story
def _interval(
    value: float,
    surface: str,
    precision: int | None,
    qualifier: str | None,
    params: VerdictParams,
) -> Interval:
    return stated_interval(value, comparison_precision(surface, precision), qualifier, params)


def converts(ra: ClaimRecord, rb: ClaimRecord, slack: float, params: VerdictParams) -> bool | None:
    """Whether two amounts in different currencies can be one amount converted at an ECB
    rate of either publication date (or any rate in between, for an amount converted from a
    third currency on each date), within their stated precision widened by `slack`; None
    when no rate is known."""
    days = [d for d in (ra.published, rb.published) if d is not None]
    rates = [r.value for d in days if (r := rate_on(ra.claim.unit or "", rb.claim.unit or "", d))]
    if not rates:
        return None
    low, high = min(rates), max(rates)
    ia = interval_of(ra, params).widen(slack)
    converted = Interval(ia.low * low, ia.high * high)
    return common_interval([converted, interval_of(rb, params)]) is not None


def values_compatible(a: Mention, b: Mention, params: VerdictParams) -> bool:
    """Values that can be one figure: one day, or ranges that overlap after rounding, a
    stated bound or a conversion."""
    for ra in a.records:
        for rb in b.records:
            ca, cb = ra.claim, rb.claim
            if ca.kind == "date":
                if ca.date_value and ca.date_value == cb.date_value:
                    return True
                continue
            if ca.value is None or cb.value is None:
                continue
            if ca.unit != cb.unit and ca.kind == "money":
                if converts(ra, rb, params.match_conversion_slack, params):
                    return True
                continue
            if common_interval([interval_of(ra, params), interval_of(rb, params)]) is not None:
                return True
    return False


def bounded(a: Mention, b: Mention) -> bool:
    """Whether either mention states its figure as a bound."""
    return any(r.claim.qualifier in BOUNDS for r in (*a.records, *b.records))


def date_gap(a: Mention, b: Mention) -> int:
    """Days between the closest two dates (or date ranges) the mentions state."""
    gaps = []
    for ra in a.records:
        for rb in b.records:
            ca, cb = ra.claim, rb.claim
            if ca.date_value is None or cb.date_value is None:
                continue
            a_end, b_end = ca.date_end or ca.date_value, cb.date_end or cb.date_value
            gaps.append(max(0, (cb.date_value - a_end).days, (ca.date_value - b_end).days))
    return min(gaps, default=0)


# ---------------------------------------------------------------- misreports


def _comparable_values(ra: ClaimRecord, rb: ClaimRecord) -> tuple[float, float] | None:
    """The two figures in one unit (an amount converted at the first publication date's
    rate when the currencies differ), or None."""
    va, vb = ra.claim.value, rb.claim.value
    if va is None or vb is None or va <= 0 or vb <= 0:
        return None
    ua, ub = ra.claim.unit or "", rb.claim.unit or ""
    if ra.claim.kind == "money" and ua != ub:
        day = ra.published or rb.published
        rate = rate_on(ua, ub, day) if day is not None else None
        if rate is None:
            return None
        return va * rate.value, vb
    return va, vb


def _aligned_digits(x: float, y: float) -> tuple[str, str]:
    """Two figures' digits written down to the finer of their last significant places
    ("3,500" / "4,500" -> "35" / "45"; "1.75 bn" / "1.9 bn" -> "175" / "190")."""
    place = min(2 * last_digit_halfwidth(x), 2 * last_digit_halfwidth(y)) or 1.0
    return str(round(x / place)), str(round(y / place))


def one_slip(x: str, y: str) -> bool:
    """Whether two digit strings differ by at most one typo: a digit changed, added, dropped,
    or two neighbours swapped ("412" / "421", "3500" / "4500")."""
    if x == y:
        return True
    if len(x) == len(y):
        return sum(a != b for a, b in zip(x, y, strict=True)) == 1 or swapped(x, y)
    if abs(len(x) - len(y)) != 1:
        return False
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def swapped(x: str, y: str) -> bool:
    """Two digit strings that differ by two neighbouring digits swapped ("12" / "21")."""
    if len(x) != len(y):
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and x[diff[0]] == y[diff[1]]
        and x[diff[1]] == y[diff[0]]
    )


def misreport(a: Mention, b: Mention, params: FactParams) -> str:
    """Whether disagreeing figures could be one figure misreported: 'plausible' (a typo or a
    scale word apart: "45" / "54", "3,500" / "4,500", "48 bn" / "480 bn"), 'implausible',
    'absurd' (over a thousandfold apart), or '' when they cannot be compared. Dates have
    their own rule (`FactParams.max_date_gap_days`)."""
    if a.kind == "date":
        return ""
    pairs = [
        (ra, rb, v)
        for ra in a.records
        for rb in b.records
        if (v := _comparable_values(ra, rb)) is not None
    ]
    if not pairs:
        return ""
    best = "absurd"
    for ra, rb, (va, vb) in pairs:
        ratio = max(va, vb) / min(va, vb)
        power = math.log10(ratio)
        same_unit = (ra.claim.unit or "") == (rb.claim.unit or "")
        scale_slip = 1 <= round(power) <= params.scale_slip_max_power
        if scale_slip and abs(power - round(power)) < params.scale_slip_tolerance:
            return "plausible"
        digits = _aligned_digits(va, vb)
        if ratio <= params.misreport_ratio and (not same_unit or one_slip(*digits)):
            return "plausible"
        if same_unit and swapped(*digits):  # "1,200" / "2,100": a classic slip, any ratio
            return "plausible"
        if ratio <= 10**params.absurd_log_ratio:
            best = "implausible"
    return best
