"""Figures as story evidence: distinctive figure keys, whether two state the same quantity
(across currencies at the ECB rate), and value buckets that find them without comparing a
story's every figure."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache

from factwatch.ingest.models import Claim
from factwatch.ingest.params import DEFAULT, StoryParams
from factwatch.ingest.reconcile.rates import rate_on

Bucket = tuple[str, str, int]

# Figures are filed in value buckets 2 % wide on a log scale (money, counts) and 0.1 wide
# for percentages: an index granularity, not a tuned number; `buckets_near` reaches as many
# neighbours as the tolerances need.
FIGURE_STEP = math.log(1.02)
PERCENT_BUCKETS = 10.0  # buckets per percentage point


def _fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6g}"


def significant_digits(value: float) -> int:
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0")
    if "e" in digits:
        digits = digits.split("e")[0]
    return len(digits.rstrip("0")) or 1


def figure_keys(claims: Iterable[Claim], params: StoryParams = DEFAULT.stories) -> frozenset[str]:
    """Distinctive figures of an article as keys: "money:41000000000:CNY", "count:4500:jobs",
    "percent:81.2".

    Kept when an unrelated article would rarely state the same value: money with at least two
    significant digits, counts from 100 with two, percentages with three ("81.2 %", not
    "2.1 %"). Round figures ("1 billion", "50 %"), small counts and dates are left out: many
    stories share them, and same-day news shares dates.
    """
    p = params
    keys: set[str] = set()
    for claim in claims:
        value = claim.value
        if value is None or not math.isfinite(value) or value <= 0:
            continue
        digits = significant_digits(value)
        if claim.kind == "money" and claim.unit and digits >= p.money_min_digits:
            keys.add(f"money:{_fmt(value)}:{claim.unit.upper()}")
        elif (
            claim.kind == "count"
            and digits >= p.count_min_digits
            and (value >= p.count_min_value or digits >= p.distinctive_count_digits)
        ):
            keys.add(f"count:{_fmt(value)}:{(claim.unit or '').lower()}")
        elif claim.kind == "percent" and digits >= p.percent_min_digits:
            keys.add(f"percent:{_fmt(value)}")
    return frozenset(keys)


@lru_cache(maxsize=65536)
def parse_figure(key: str) -> tuple[str, float, str] | None:
    parts = key.split(":")
    if len(parts) < 2:
        return None
    try:
        value = float(parts[1])
    except ValueError:
        return None
    return parts[0], value, (parts[2] if len(parts) > 2 else "")


def rate(base: str, quote: str, day: date | None) -> float | None:
    """1 `base` in `quote` at the ECB rate of `day` (the last business day before it when the
    ECB published nothing; the latest rate when `day` is unknown or past the bundled
    history): the one converter the fact stage also uses (`reconcile.rates.rate_on`)."""
    found = rate_on(base, quote, day if day is not None else date.max)
    return found.value if found is not None else None


def close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def figures_match(
    a: str, b: str, day: date | None = None, params: StoryParams = DEFAULT.stories
) -> bool:
    """Whether two figure keys state the same quantity.

    Same currency: within 2 % (rounding: "$5.7bn" vs "$5.72bn"). Another currency: converted
    at the ECB rate of `day` (the newer article's date: an outlet converts at its own date),
    within 3 %. Counts compare values only (the counted noun varies by outlet and language).
    """
    pa, pb = parse_figure(a), parse_figure(b)
    if pa is None or pb is None or pa[0] != pb[0]:
        return False
    kind, va, ua = pa
    _, vb, ub = pb
    if kind == "percent":
        return abs(va - vb) < params.percent_tolerance
    if kind == "money" and ua != ub:
        r = rate(ua, ub, day)
        return r is not None and close(va * r, vb, params.converted_tolerance)
    return close(va, vb, params.same_currency_tolerance)


def distinctive_match(key: str, story: frozenset[str], params: StoryParams) -> bool:
    """Whether an article figure the story shares is strong evidence: the same amount in the
    same currency, a count with three significant digits or the same counted noun, or a
    percentage (`figure_keys` keeps only those with three digits). A round count ("1,200")
    of other things, or an amount that matches only once converted, is weak."""
    parsed = parse_figure(key)
    if parsed is None:
        return False
    kind, value, unit = parsed
    if key in story or kind == "percent":
        return True
    if kind == "count" and significant_digits(value) >= params.distinctive_count_digits:
        return True
    table = figure_table(story)
    for bucket in buckets_near(key, None, (), params):
        for other in table.get(bucket, ()):
            p = parse_figure(other)
            if (
                p is not None
                and p[2] == unit
                and close(p[1], value, params.same_currency_tolerance)
            ):
                return True
    return False


def shared_figures(
    article: Iterable[str],
    story: frozenset[str],
    day: date | None,
    near: Mapping[str, set[Bucket]],
    params: StoryParams,
) -> list[str]:
    """The article's figures that one of the story's matches (`figures_match`), looked up in
    the story's value buckets rather than compared with each of its (up to 300) figures.
    `near`: each article figure's buckets (`buckets_near`, over the story's currencies)."""
    table = figure_table(story)
    shared = []
    for key in article:
        if key in story:
            shared.append(key)
            continue
        found = {other for b in near[key] for other in table.get(b, ())}
        if any(figures_match(key, other, day, params) for other in found):
            shared.append(key)
    return sorted(shared)


def figure_buckets(key: str) -> tuple[Bucket, ...]:
    """Where a stored figure key is filed: its kind, currency and value bucket."""
    parsed = parse_figure(key)
    if parsed is None or not math.isfinite(parsed[1]) or parsed[1] <= 0:
        return ()
    kind, value, unit = parsed
    if kind == "percent":
        return ((kind, "", math.floor(value * PERCENT_BUCKETS)),)
    if kind == "money":
        return ((kind, unit, math.floor(math.log(value) / FIGURE_STEP)),)
    return (("count", "", math.floor(math.log(value) / FIGURE_STEP)),)


@lru_cache(maxsize=1024)
def figure_table(figures: frozenset[str]) -> dict[Bucket, list[str]]:
    """A story's figure keys by value bucket (a frozenset keeps its hash: cheap to look up)."""
    table: dict[Bucket, list[str]] = {}
    for key in figures:
        for bucket in figure_buckets(key):
            table.setdefault(bucket, []).append(key)
    return table


@lru_cache(maxsize=1024)
def currencies_of(figures: frozenset[str]) -> frozenset[str]:
    """The currencies a story's amounts are stated in."""
    return frozenset(b[1] for b in figure_table(figures) if b[0] == "money")


@lru_cache(maxsize=64)
def _reach(params: StoryParams) -> tuple[int, int]:
    """Neighbouring buckets a match can lie in: (money and counts, percentages)."""
    widest = max(params.same_currency_tolerance, params.converted_tolerance)
    ratio = -math.log(1.0 - widest) if widest < 1.0 else math.inf
    return math.ceil(ratio / FIGURE_STEP), math.ceil(params.percent_tolerance * PERCENT_BUCKETS)


def buckets_near(
    key: str, day: date | None, currencies: Iterable[str], params: StoryParams
) -> set[Bucket]:
    """The buckets holding every figure `figures_match` could pair with `key`: neighbouring
    value buckets and, for money, each of `currencies` at the rate of `day`."""
    parsed = parse_figure(key)
    if parsed is None or not math.isfinite(parsed[1]) or parsed[1] <= 0:
        return set()
    kind, value, unit = parsed
    reach, percent_reach = _reach(params)
    if kind == "percent":
        b = math.floor(value * PERCENT_BUCKETS)
        return {("percent", "", b + d) for d in range(-percent_reach, percent_reach + 1)}
    targets = [(unit, value)] if kind == "money" else [("", value)]
    if kind == "money":
        for other in set(currencies) - {unit}:
            r = rate(unit, other, day)
            if r is not None and r > 0:
                targets.append((other, value * r))
    filed = "money" if kind == "money" else "count"
    out = set()
    for cur, target in targets:
        b = math.floor(math.log(target) / FIGURE_STEP)
        out.update((filed, cur, b + d) for d in range(-reach, reach + 1))
    return out
