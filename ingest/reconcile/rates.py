"""ECB reference rates of a given day, from currencyconverter's bundled history.

Rates are looked up for an article's publication date; on weekends and holidays the ECB
publishes nothing, so the most recent earlier business day's rate is used (what an outlet
converting that day would have seen), and the day actually used is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


@dataclass(frozen=True)
class Rate:
    """1 `base` = `value` `quote`, as published by the ECB on `day`."""

    base: str
    quote: str
    value: float
    day: date


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def supported(currency: str) -> bool:
    return currency in _converter().currencies


@lru_cache(maxsize=65536)  # pure over the bundled history; asked for every pair of claims
def rate_on(base: str, quote: str, day: date) -> Rate | None:
    """The ECB cross rate base→quote on `day` (or the last business day before it).

    None when either currency is not in the ECB series. Dates past the bundled history use
    its last rate (`day` in the result says which).
    """
    if base == quote:
        return Rate(base, quote, 1.0, day)
    conv = _converter()
    if base not in conv.currencies or quote not in conv.currencies:
        return None
    last = min(conv.bounds[base].last_date, conv.bounds[quote].last_date)
    first = max(conv.bounds[base].first_date, conv.bounds[quote].first_date)
    probe = min(max(day, first), last)
    for _ in range(10):
        try:
            value = conv.convert(1.0, base, quote, date=probe)
        except Exception:  # RateNotFoundError on a day the ECB did not publish
            probe -= timedelta(days=1)
            continue
        return Rate(base, quote, float(value), probe)
    return None


@lru_cache(maxsize=4096)
def rate_span(base: str, quote: str, first: date, last: date) -> tuple[Rate, Rate] | None:
    """The lowest and highest ECB rate base→quote published between two days (inclusive):
    the rates an outlet may have converted with if it kept a conversion made on any day
    since `first` (the announcement) rather than converting again on `last`."""
    if last < first:
        first, last = last, first
    rates = []
    day = first
    while day <= last:
        rate = rate_on(base, quote, day)
        if rate is None:
            return None
        rates.append(rate)
        day += timedelta(days=1)
    return min(rates, key=lambda r: r.value), max(rates, key=lambda r: r.value)


def kept_rates(
    base: str, quote: str, first: date | None, day: date | None, max_days: int
) -> tuple[Rate, Rate] | None:
    """The lowest and highest rate from `first` (the fact's first report, at most `max_days`
    back) to `day`: an outlet may repeat the conversion made when the amount was announced."""
    if first is None or day is None or first >= day:
        return None
    return rate_span(base, quote, max(first, day - timedelta(days=max_days)), day)


def convert(amount: float, base: str, quote: str, day: date) -> tuple[float, Rate] | None:
    rate = rate_on(base, quote, day)
    if rate is None:
        return None
    return amount * rate.value, rate
