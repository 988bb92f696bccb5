"""Conversions kept from an earlier day: an outlet that repeats the euro figure worked out
when a dollar deal was announced, a year on, has not got the deal wrong. Cases written for
the class (issue 15): the verdict reads any ECB rate between the fact's first report and
the article, matching any rate of the two years before the article."""

from __future__ import annotations

from datetime import date

from factwatch.ingest.reconcile.verdicts import assess

from .helpers import record

MAR_2024, JUN_2025, JUL_2025 = date(2024, 3, 14), date(2025, 6, 10), date(2025, 7, 17)


def test_a_conversion_kept_from_the_announcement_day_is_currency_conversion():
    # $1.35 bn: €1.24 bn at 1.0925 (14 Mar 2024); €1.17 bn at 1.1579 (17 Jul 2025)
    recs = [
        record(1.35e9, "USD", published=MAR_2024, outlet="Orbit Wire", precision=3),
        record(1.24e9, "EUR", published=MAR_2024, outlet="Orbit Wire", precision=3),
        record(1.35e9, "USD", published=JUL_2025, outlet="Il Corriere", precision=3),
        record(1.24e9, "EUR", published=JUL_2025, outlet="Il Corriere", precision=3),
        record(1.17e9, "EUR", published=JUL_2025, outlet="Wirtschaftspost", precision=3),
    ]
    a = assess("f", "satellite contract", recs)
    assert a.status == "currency_conversion"
    assert "earlier day's ECB rate" in a.conflict.summary
    assert "Il Corriere, 17 Jul 2025" in a.conflict.summary
    # only the repeated figure needed the earlier rate
    kept = set(a.conflict.details["kept_rate"])
    assert kept == {recs[3].claim_id}


def test_one_kept_figure_alone_is_a_conversion_not_a_rounding():
    # €2.3 bn announced on 12 Mar 2024 ($2.51 bn that day); a June 2025 report repeats
    # $2.51 bn, 4 % off that day's rate: the same dollar figure, an old rate
    recs = [
        record(2.3e9, "EUR", published=date(2024, 3, 12), outlet="El Economista", precision=2),
        record(2.3e9, "EUR", published=JUN_2025, outlet="Le Soir", precision=2),
        record(2.51e9, "USD", published=JUN_2025, outlet="Atlantic Wire", precision=3),
    ]
    assert assess("f", "gigafactory", recs).status == "currency_conversion"


def test_a_figure_no_rate_of_the_period_explains_stays_genuine():
    recs = [
        record(1.35e9, "USD", published=MAR_2024, outlet="A", precision=3),
        record(1.24e9, "EUR", published=MAR_2024, outlet="A", precision=3),
        record(1.42e9, "EUR", published=JUL_2025, outlet="B", precision=3),  # a slip
    ]
    assert assess("f", "contract", recs).status == "genuine"


def test_a_short_story_reads_only_its_own_days_rates():
    # one week: rates barely move, so a 4 % gap between two conversions is a disagreement
    recs = [
        record(2.3e9, "EUR", published=date(2025, 6, 3), outlet="A", precision=2),
        record(2.51e9, "USD", published=JUN_2025, outlet="B", precision=3),
        record(2.62e9, "USD", published=JUN_2025, outlet="C", precision=3),
    ]
    assert assess("f", "plant", recs).status == "genuine"


def test_two_outlets_converting_one_day_to_different_figures_disagree():
    # about €360 m would stretch to both; but $412 m and $421 m on one day cannot both be
    # that day's conversion of one amount
    day1, day2 = date(2025, 7, 30), date(2025, 7, 31)
    recs = [
        record(412e6, "USD", published=day1, outlet="City Chronicle", precision=3),
        record(412e6, "USD", published=day2, outlet="Le Moniteur", precision=3),
        record(360e6, "EUR", published=day2, outlet="Le Moniteur", qualifier="about", precision=2),
        record(421e6, "USD", published=day2, outlet="Gazzetta", precision=3),
    ]
    assert assess("f", "Q2 net profit", recs).status == "genuine"
