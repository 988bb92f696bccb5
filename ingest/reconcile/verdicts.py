"""Judge one fact: do its claims agree, and if not, why not.

Pure: takes the fact's claims (with their articles' outlets and publication dates) and
returns the fact's status and, when the figures differ, a `ConflictFinding` whose summary an
editor can paste. Currency conversion uses the ECB reference rate of each article's
publication date; a conversion verdict needs the base currency to be stated by some outlet
in the fact, so that two figures in one currency are never "explained" by an invented base.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from factwatch.ingest.models import ClaimRecord, ConflictFinding, Verdict
from factwatch.ingest.params import DEFAULT, VerdictParams
from factwatch.ingest.reconcile.compare import (
    Interval,
    common_interval,
    comparison_precision,
    count_family,
    largest_compatible,
    stated_interval,
)
from factwatch.ingest.reconcile.rates import Rate, kept_rates, rate_on
from factwatch.ingest.reconcile.tallies import running_tally

# The verdicts a conflict gets (`factwatch.ingest.models.VERDICTS`), each named once here,
# and the statuses of a fact without a conflict.
GENUINE: Verdict = "genuine"
CONVERSION: Verdict = "currency_conversion"
ROUNDING: Verdict = "rounding_or_bound"
DATES: Verdict = "date_conflict"
UPDATED: Verdict = "updated"
SINGLE, AGREE = "single", "agree"

QUALIFIER_WORDS = {
    "about": "about ",
    "more_than": "more than ",
    "less_than": "less than ",
    "up_to": "up to ",
    "at_least": "at least ",
}


@dataclass(frozen=True)
class Assessment:
    """A fact's status ('single', 'agree', or a verdict) and its conflict, if any."""

    status: str
    value: float | None
    unit: str | None
    date_value: date | None
    n_sources: int
    conflict: ConflictFinding | None = None
    details: dict = field(default_factory=dict)


# ---------------------------------------------------------------- formatting helpers


def format_number(value: float) -> str:
    """A figure as an editor writes it: 50 bn, 545 m, 1,250, 92.3."""
    v = abs(value)
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if v >= scale:
            return f"{_trim(value / scale)} {word}"
    if v >= 1000:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return _trim(value)


def _trim(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def format_figure(value: float | None, unit: str | None, qualifier: str | None = None) -> str:
    q = QUALIFIER_WORDS.get(qualifier or "", "")
    if value is None:
        return q + (unit or "")
    if unit == "%":
        return f"{q}{_trim(value)}%"
    return f"{q}{format_number(value)} {unit}".rstrip()


def format_day(d: date | None) -> str:
    return d.strftime("%-d %b %Y") if d else "undated"


def _source(rec: ClaimRecord) -> str:
    return f"{rec.outlet}, {format_day(rec.published)}"


# ---------------------------------------------------------------- readings


@dataclass
class Reading:
    """One way the fact is reported: a value, unit and qualifier, and who reports it."""

    value: float | None
    unit: str | None
    qualifier: str | None
    date_value: date | None
    date_end: date | None
    records: list[ClaimRecord]

    def label(self) -> str:
        if self.date_value is not None:
            span = format_day(self.date_value)
            if self.date_end and self.date_end != self.date_value:
                span += f" to {format_day(self.date_end)}"
            return span
        return format_figure(self.value, self.unit, self.qualifier)

    def sources(self) -> str:
        seen: list[str] = []
        for rec in sorted(self.records, key=lambda r: (r.published or date.min, r.outlet)):
            s = _source(rec)
            if s not in seen:
                seen.append(s)
        return "; ".join(seen)

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "date_value": self.date_value.isoformat() if self.date_value else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "claim_ids": [r.claim_id for r in self.records],
            "sources": [
                {
                    "outlet": r.outlet,
                    "published": r.published.isoformat() if r.published else None,
                    "url": r.url,
                    "article_id": r.article_id,
                }
                for r in self.records
            ],
        }


def readings_of(records: list[ClaimRecord]) -> list[Reading]:
    """Distinct ways the fact is reported. Counts of one family ("4,500 jobs", "4,500
    people") are one reading, shown with the noun most outlets use."""
    groups: dict[tuple, list[ClaimRecord]] = defaultdict(list)
    for rec in records:
        c = rec.claim
        value = round(c.value, 6) if c.value is not None else None
        unit = count_family(c.unit) if c.kind == "count" else c.unit
        groups[(value, unit, c.qualifier, c.date_value, c.date_end)].append(rec)
    readings = []
    for k, recs in groups.items():
        unit = Counter(r.claim.unit for r in recs).most_common(1)[0][0]
        readings.append(Reading(k[0], unit, k[2], k[3], k[4], recs))
    readings.sort(key=lambda r: (-n_sources(r.records), r.value or 0))
    return readings


def n_sources(records: list[ClaimRecord]) -> int:
    """Independent articles: a syndicated copy counts as its original."""
    return len({r.duplicate_of or r.article_id for r in records})


def _interval(rec: ClaimRecord, params: VerdictParams, about: bool = True) -> Interval:
    """The values the figure admits; without `about`, an "about" widens it no further than
    the digits written do."""
    c = rec.claim
    precision = comparison_precision(c.surface, c.precision)
    qualifier = c.qualifier if about or c.qualifier != "about" else None
    return stated_interval(float(c.value or 0.0), precision, qualifier, params)


_ByCurrency = dict[str | None, list[ClaimRecord]]


def _by_day(recs: list[ClaimRecord]) -> dict[date | None, list[ClaimRecord]]:
    by_day: dict[date | None, list[ClaimRecord]] = defaultdict(list)
    for rec in recs:
        by_day[rec.published].append(rec)
    return by_day


def _converted_apart(recs: list[ClaimRecord], params: VerdictParams) -> bool:
    """Figures in one currency, each a conversion, that differ beyond their written digits
    between publication days and agree within each day: "about €6.9 bn" in April and "about
    €6.7 bn" in November for $7.8 bn are the dollar amount at two days' rates, not a rounding."""
    if common_interval([_interval(r, params, about=False) for r in recs]) is not None:
        return False
    by_day = _by_day(recs)
    return len(by_day) >= 2 and all(
        common_interval([_interval(r, params, about=False) for r in day]) is not None
        for day in by_day.values()
    )


# ---------------------------------------------------------------- assessment


def assess(
    fact_key: str,
    label: str,
    records: list[ClaimRecord],
    params: VerdictParams = DEFAULT.verdicts,
) -> Assessment:
    """The status of one fact and, when its claims disagree, the conflict to report."""
    if not records:
        raise ValueError("a fact needs at least one claim")
    kind = records[0].claim.kind
    readings = readings_of(records)
    top = readings[0]
    base = Assessment(
        status=SINGLE if n_sources(records) < 2 else AGREE,
        value=top.value,
        unit=top.unit,
        date_value=top.date_value,
        n_sources=n_sources(records),
        details={"readings": [r.as_dict() for r in readings]},
    )
    if len(readings) < 2 or n_sources(records) < 2:
        return base
    if kind == "date":
        return _assess_dates(fact_key, label, records, readings, base)
    return _assess_numbers(fact_key, label, records, readings, base, params)


def _assess_dates(fact_key, label, records, readings, base) -> Assessment:
    spans = []
    for rec in records:
        c = rec.claim
        if c.date_value is None:
            continue
        end = c.date_end or c.date_value
        spans.append(Interval(c.date_value.toordinal(), end.toordinal()))
    if common_interval(spans) is not None:
        return base  # a range containing the day, or the same day written twice
    text = (
        f"{label}: outlets give different dates — "
        + " vs ".join(f"{r.label()} ({r.sources()})" for r in readings)
        + "."
    )
    return _with_conflict(base, fact_key, "date", DATES, text, records, readings, {})


def _assess_numbers(fact_key, label, records, readings, base, params) -> Assessment:
    kind = records[0].claim.kind
    units = {r.claim.unit for r in records}
    if kind == "money" and len(units) > 1:
        return _assess_currencies(fact_key, label, records, readings, base, params)
    intervals = [_interval(r, params) for r in records]
    if common_interval(intervals) is not None:
        text = (
            f"{label}: "
            + " and ".join(f"{r.label()} ({r.sources()})" for r in readings)
            + " are compatible: the difference is explained by rounding or a stated bound."
        )
        return _with_conflict(base, fact_key, kind, ROUNDING, text, records, readings, {})
    timeline = (
        running_tally(records, lambda r: _interval(r, params), params.uncued_update_days)
        if kind in ("count", "percent")
        else None
    )
    if timeline is not None:
        steps: list[tuple[str, list[str]]] = []
        for rec in timeline:
            figure = format_figure(rec.claim.value, rec.claim.unit, rec.claim.qualifier)
            if not steps or steps[-1][0] != figure:
                steps.append((figure, []))
            if _source(rec) not in steps[-1][1]:
                steps[-1][1].append(_source(rec))
        told = " → ".join(f"{fig} ({'; '.join(src)})" for fig, src in steps)
        text = (
            f"{label}: a running count revised as reports came in — {told}. Each report "
            f"gives the figure known when it was published: an update, not a disagreement."
        )
        details = {"timeline": [r.claim_id for r in timeline]}
        return _with_conflict(base, fact_key, kind, UPDATED, text, records, readings, details)
    text = (
        f"{label}: outlets disagree — "
        + " vs ".join(f"{r.label()} ({r.sources()})" for r in readings)
        + ". Neither rounding nor a stated bound explains the difference."
    )
    return _with_conflict(base, fact_key, kind, GENUINE, text, records, readings, {})


def _assess_currencies(fact_key, label, records, readings, base, params) -> Assessment:
    """Money in several currencies: is there one amount that every figure converts from?"""
    currencies = sorted({r.claim.unit for r in records if r.claim.unit})
    by_currency = defaultdict(list)
    for rec in records:
        by_currency[rec.claim.unit].append(rec)
    fallback_day = max((r.published for r in records if r.published), default=None)
    first_day = min((r.published for r in records if r.published), default=None)

    best: tuple | None = None
    # each converted figure read in each base currency at its own day's rate
    own_day: dict[tuple[str, int], Interval] = {}
    for cur in currencies:
        implied: list[Interval] = []
        used: dict[int, Rate] = {}
        ok_idx: list[int] = []
        for i, rec in enumerate(records):
            iv = _interval(rec, params)
            if rec.claim.unit == cur:
                implied.append(iv)
                ok_idx.append(i)
                continue
            day = rec.published or fallback_day
            rate = rate_on(cur, rec.claim.unit or "", day) if day else None
            if rate is None or rate.value <= 0:
                continue
            used[rec.claim_id] = rate
            own = iv.scale(1.0 / rate.value)
            own_day[cur, rec.claim_id] = own.widen(params.rate_slack)
            # or converted on an earlier day of the fact (its announcement) and repeated
            span = kept_rates(cur, rec.claim.unit or "", first_day, day, params.kept_rate_days)
            if span is not None:
                low, high = span[0].value, span[1].value
                own = Interval(min(own.low, iv.low / high), max(own.high, iv.high / low))
            implied.append(own.widen(params.rate_slack))
            ok_idx.append(i)
        if not implied:
            continue
        compatible = [ok_idx[j] for j in largest_compatible(implied)]
        kept = _kept_figures(records, compatible, by_currency, cur, own_day, params)
        split = _same_day_split(by_currency, cur, {r.claim_id for r in kept}, params)
        # on a tie, the currency whose own figures agree to the digit is the base amount
        exact = common_interval([_interval(r, params, about=False) for r in by_currency[cur]])
        score = (
            not split,
            len(compatible),
            n_sources(by_currency[cur]),
            exact is not None,
            cur,
            compatible,
            used,
            kept,
        )
        if best is None or score[:4] > best[:4]:
            best = score
    assert best is not None
    fits, _, _, _, base_cur, compatible, used, kept = best
    same_day_split = not fits
    explained = len(compatible) == len(records) and not same_day_split
    base_reading = next(r for r in readings if r.unit == base_cur)
    details = {
        "base": {"value": base_reading.value, "unit": base_cur},
        "rates": [
            {"base": r.base, "quote": r.quote, "value": r.value, "day": r.day.isoformat()}
            for r in _unique_rates(used.values())
        ],
    }
    per_currency_disagree = [
        cur
        for cur, recs in by_currency.items()
        if common_interval([_interval(r, params) for r in recs]) is None
    ]
    listing = _listing_by_currency(readings)
    converted = [
        cur
        for cur, recs in by_currency.items()
        if cur != base_cur and _converted_apart(recs, params)
    ]
    if explained and kept:
        odd = "; ".join(
            f"{format_figure(r.claim.value, r.claim.unit, r.claim.qualifier)} ({_source(r)})"
            for r in kept
        )
        text = (
            f"{label}: outlets report different figures — {listing}. All are consistent with "
            f"one fixed amount of {_fig(base_reading)}; {odd} converts it at an earlier day's "
            f"ECB rate (since the first report on {format_day(first_day)}), not its own day's: "
            f"a conversion made when the amount was announced and repeated. Verdict: currency "
            f"conversion at different dates, not a genuine discrepancy."
        )
        details["kept_rate"] = [r.claim_id for r in kept]
        return _with_conflict(base, fact_key, "money", CONVERSION, text, records, readings, details)
    if explained and not per_currency_disagree and not converted:
        differs = any(
            len({(r.value, r.qualifier) for r in readings if r.unit == cur}) > 1
            for cur in currencies
        )
        if not differs:
            return base
        text = (
            f"{label}: {listing} are compatible once rounding, stated bounds and conversion "
            f"from {_fig(base_reading)} at each publication date's ECB rate are allowed for."
        )
        return _with_conflict(base, fact_key, "money", ROUNDING, text, records, readings, details)
    if explained:
        rates_text = _rates_text(used, base_reading)
        text = (
            f"{label}: outlets report different figures — {listing}. All are consistent with "
            f"one fixed amount of {_fig(base_reading)} converted at the ECB reference rate of "
            f"each article's publication date: {rates_text}. Verdict: currency conversion at "
            f"different dates, not a genuine discrepancy."
        )
        return _with_conflict(base, fact_key, "money", CONVERSION, text, records, readings, details)
    outliers = [records[i] for i in range(len(records)) if i not in set(compatible)]
    details["outliers"] = [r.claim_id for r in outliers]
    odd = "; ".join(
        f"{format_figure(r.claim.value, r.claim.unit, r.claim.qualifier)} ({_source(r)})"
        for r in outliers
    )
    if not outliers:  # every figure meets the base, but one day's conversions disagree
        odd = " vs ".join(f"{r.label()} ({r.sources()})" for r in readings if r.unit != base_cur)
        text = (
            f"{label}: outlets disagree — {listing}. One day's conversions of one amount "
            f"would agree; {odd} do not: a genuine discrepancy."
        )
    else:
        text = (
            f"{label}: outlets disagree — {listing}. Converting at the ECB rate of each "
            f"publication date does not reconcile {odd} with {_fig(base_reading)}: a "
            f"genuine discrepancy."
        )
    return _with_conflict(base, fact_key, "money", GENUINE, text, records, readings, details)


def _kept_figures(
    records: list[ClaimRecord], compatible: list[int], by_currency: _ByCurrency, base_cur: str,
    own_day: dict[tuple[str, int], Interval], params: VerdictParams,
) -> list[ClaimRecord]:  # fmt: skip
    """Converted figures that only an earlier day's rate explains: kept conversions."""
    base_span = common_interval([_interval(r, params) for r in by_currency[base_cur]])
    return [
        records[i]
        for i in compatible
        if records[i].claim.unit != base_cur
        and base_span is not None
        and (base_cur, records[i].claim_id) in own_day
        and own_day[base_cur, records[i].claim_id].intersect(base_span) is None
    ]


def _same_day_split(
    by_currency: _ByCurrency, base_cur: str, kept_ids: set[int], params: VerdictParams
) -> bool:
    """Whether one day's conversions (not kept from an earlier day) disagree beyond the rate
    slack: $412 m and $421 m on one day are not both that day's "about €360 m"."""
    return any(
        common_interval([_interval(r, params).widen(params.rate_slack / 2) for r in day]) is None
        for cur, recs in by_currency.items()
        if cur != base_cur
        for day in _by_day([r for r in recs if r.claim_id not in kept_ids]).values()
    )


def _fig(reading: Reading) -> str:
    return format_figure(reading.value, reading.unit)


def _listing_by_currency(readings: list[Reading]) -> str:
    parts = []
    for cur in sorted({r.unit for r in readings if r.unit}):
        same = [r for r in readings if r.unit == cur]
        parts.append(" vs ".join(f"{r.label()} ({r.sources()})" for r in same))
    return "; ".join(parts)


def _unique_rates(rates) -> list[Rate]:
    seen: dict[tuple, Rate] = {}
    for r in rates:
        seen.setdefault((r.base, r.quote, r.day), r)
    return sorted(seen.values(), key=lambda r: (r.day, r.quote))


def _rates_text(used: dict[int, Rate], base: Reading) -> str:
    parts = []
    for rate in _unique_rates(used.values()):
        converted = (base.value or 0.0) * rate.value
        parts.append(
            f"on {format_day(rate.day)} 1 {rate.quote} = {1 / rate.value:.4g} {rate.base} "
            f"({_fig(base)} = {format_number(converted)} {rate.quote})"
        )
    return "; ".join(parts)


def _with_conflict(base, fact_key, kind, verdict, text, records, readings, details) -> Assessment:
    merged = {**base.details, **details}
    finding = ConflictFinding(
        fact_key=fact_key,
        kind=kind,
        verdict=verdict,
        summary=text,
        claim_ids=tuple(sorted(r.claim_id for r in records)),
        details=merged,
    )
    return Assessment(
        status=verdict,
        value=base.value,
        unit=base.unit,
        date_value=base.date_value,
        n_sources=base.n_sources,
        conflict=finding,
        details=merged,
    )
