"""Verdicts on hand-written facts: what an editor would conclude from the same figures."""

from __future__ import annotations

from datetime import date

from factwatch.ingest.reconcile.compare import rounding_halfwidth, stated_interval
from factwatch.ingest.reconcile.verdicts import assess, format_figure

from .helpers import record


def test_same_figure_everywhere_agrees():
    a = assess(
        "f", "jobs", [record(4500, "jobs", kind="count"), record(4500, "jobs", kind="count")]
    )
    assert a.status == "agree"
    assert a.conflict is None


def test_one_outlet_alone_is_not_a_conflict():
    recs = [
        record(4500, "jobs", kind="count", article=1),
        record(3500, "jobs", kind="count", article=1),
    ]
    assert assess("f", "jobs", recs).conflict is None


def test_different_counts_are_genuine():
    recs = [
        record(4500, "jobs", kind="count", outlet="Le Courrier"),
        record(4500, "jobs", kind="count", outlet="El Diario"),
        record(3500, "jobs", kind="count", outlet="Main-Kurier", qualifier="about"),
    ]
    a = assess("f", "Jobs at the plant", recs)
    assert a.status == "genuine"
    assert a.conflict.verdict == "genuine"
    assert "Main-Kurier" in a.conflict.summary and "3,500" in a.conflict.summary
    assert a.value == 4500  # the majority reading represents the fact


def test_more_than_a_lower_figure_is_a_bound_not_a_conflict():
    recs = [
        record(1250, "jobs", kind="count", precision=3),
        record(1200, "jobs", kind="count", qualifier="more_than", precision=2),
    ]
    a = assess("f", "Permanent jobs", recs)
    assert a.status == "rounding_or_bound"
    assert a.conflict.verdict == "rounding_or_bound"


def test_under_six_million_and_5_8_million_are_compatible():
    recs = [
        record(5.8e6, "USD", precision=2),
        record(6e6, "USD", qualifier="less_than", precision=1),
        record(6e6, "USD", qualifier="about", precision=1),
    ]
    assert assess("f", "training cost", recs).status == "rounding_or_bound"


def test_percent_points_apart_are_genuine():
    recs = [record(33.0, kind="percent"), record(38.0, kind="percent")]
    assert assess("f", "premium", recs).status == "genuine"


def test_fixed_yuan_amount_converted_on_different_days_is_currency_conversion():
    """380 bn CNY = 50.1 bn EUR on 24 Feb 2025 but 45.5 bn EUR on 1 Sep 2025 (ECB)."""
    feb, sep = date(2025, 2, 24), date(2025, 9, 1)
    recs = [
        record(380e9, "CNY", published=feb, outlet="A", precision=3),
        record(50e9, "EUR", published=feb, outlet="A", precision=2),
        record(45e9, "EUR", published=sep, outlet="B", precision=2),
        record(53e9, "USD", published=sep, outlet="B", qualifier="about", precision=2),
    ]
    a = assess("f", "Alibaba AI investment", recs)
    assert a.status == "currency_conversion"
    text = a.conflict.summary
    assert "380 bn CNY" in text and "24 Feb 2025" in text and "1 Sep 2025" in text
    assert "1 EUR = 7.588 CNY" in text  # the ECB rate of 24 Feb 2025
    assert a.conflict.details["base"] == {"value": 380e9, "unit": "CNY"}


def test_about_the_same_amount_converted_months_apart_is_still_a_conversion():
    """$7.8 bn = about €6.9 bn in April 2025 and about €6.7 bn in November: "about" could
    stretch the two euro figures to meet, but each is the dollar amount at its day's rate."""
    apr, nov = date(2025, 4, 16), date(2025, 11, 18)
    recs = [
        record(7.8e9, "USD", published=apr, outlet="A", precision=2),
        record(6.9e9, "EUR", published=apr, outlet="A", qualifier="about", precision=2),
        record(7.8e9, "USD", published=nov, outlet="B", precision=2),
        record(6.7e9, "EUR", published=nov, outlet="B", qualifier="about", precision=2),
    ]
    assert assess("f", "order", recs).status == "currency_conversion"
    # the same two euro figures on one day are a rounding matter
    same_day = [record(r.claim.value, r.claim.unit, published=apr, outlet=r.outlet,
                       qualifier=r.claim.qualifier, precision=2) for r in recs]
    assert assess("f", "order", same_day).status == "rounding_or_bound"


def test_conversion_cannot_excuse_a_figure_too_far_off():
    feb = date(2025, 2, 24)
    recs = [
        record(380e9, "CNY", published=feb, outlet="A", precision=3),
        record(50e9, "EUR", published=feb, outlet="A", precision=2),
        record(60e9, "EUR", published=feb, outlet="B", precision=2),
    ]
    a = assess("f", "investment", recs)
    assert a.status == "genuine"
    assert "B" in a.conflict.summary


def test_same_currency_only_is_never_called_a_conversion():
    """48 vs 46 EUR per share months apart: no stated base currency, so genuine."""
    recs = [
        record(48, "EUR", published=date(2024, 4, 22), precision=2),
        record(46, "EUR", published=date(2024, 10, 15), precision=2),
    ]
    assert assess("f", "offer price", recs).status == "genuine"


def test_consistent_conversions_in_one_day_agree():
    day = date(2025, 1, 21)
    recs = [
        record(41e9, "CNY", published=day, precision=2),
        record(5.4e9, "EUR", published=day, precision=2, qualifier="about"),
    ]
    assert assess("f", "investment", recs).status in ("agree", "rounding_or_bound")


def test_different_days_are_a_date_conflict():
    recs = [
        record(kind="date", day=date(2025, 1, 16), outlet="El Diario"),
        record(kind="date", day=date(2025, 1, 17), outlet="Le Courrier"),
        record(kind="date", day=date(2025, 1, 17), outlet="华商财经日报"),
    ]
    a = assess("f", "signing", recs)
    assert a.status == "date_conflict"
    assert "16 Jan 2025" in a.conflict.summary and "17 Jan 2025" in a.conflict.summary


def test_syndicated_copy_is_not_a_second_source():
    recs = [
        record(118, "stores", kind="count", article=1),
        record(112, "stores", kind="count", article=2, duplicate_of=1),
    ]
    a = assess("f", "stores", recs)
    assert a.n_sources == 1
    assert a.conflict is None


def test_intervals_follow_stated_precision():
    assert rounding_halfwidth(52, 2) == 0.5
    assert rounding_halfwidth(52.4, 3) == 0.05
    iv = stated_interval(52, 2, None)
    assert iv.low == 51.5 and iv.high == 52.5
    assert (
        stated_interval(1200, 2, "more_than").low
        < 1250
        < stated_interval(1200, 2, "more_than").high
    )


def test_figures_read_as_an_editor_writes_them():
    assert format_figure(50e9, "EUR") == "50 bn EUR"
    assert format_figure(5.4e9, "EUR", "about") == "about 5.4 bn EUR"
    assert format_figure(1250, "jobs", "more_than") == "more than 1,250 jobs"
    assert format_figure(38.0, "%") == "38%"


def test_an_approximate_figure_rounds_at_its_last_non_zero_digit():
    # "rund 1.100 Flüge" for 1,140 cancelled flights: rounding, not a conflict ...
    exact = [record(1140, "flights", kind="count", outlet=f"O{i}") for i in range(3)]
    about = record(1100, "flights", kind="count", outlet="Kurier", qualifier="about")
    verdict = assess("count:1", "flights", [*exact, about]).conflict.verdict
    assert verdict == "rounding_or_bound"
    # ... but "about 50 bn" is not 45 bn
    a = record(50e9, "EUR", outlet="A", qualifier="about")
    b = record(45e9, "EUR", outlet="B")
    assert assess("money:1", "x", [a, b]).conflict.verdict == "genuine"


def test_the_verdicts_named_in_reconciliation_are_the_stored_ones():
    from factwatch.ingest.models import VERDICTS
    from factwatch.ingest.reconcile import verdicts

    named = {
        verdicts.GENUINE,
        verdicts.CONVERSION,
        verdicts.ROUNDING,
        verdicts.DATES,
        verdicts.UPDATED,
    }
    assert named == set(VERDICTS)
