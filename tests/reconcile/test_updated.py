"""A running count revised over time (a death toll, an evacuee tally) is an update, not a
disagreement: each report gives the figure known when it was published. Cases written for
the class, in several languages; the verdict must not swallow real disagreements."""

from __future__ import annotations

from datetime import UTC, date, datetime

from factwatch.ingest.alerts import alerts
from factwatch.ingest.reconcile.verdicts import assess

from .helpers import record


def _toll(value, day, outlet, *, lang="en", unit="deaths", sentence="", at=None, **kw):
    return record(
        value,
        unit,
        kind="count",
        outlet=outlet,
        published=date(2025, 8, day),
        lang=lang,
        sentence=sentence,
        published_at=at,
        **kw,
    )


def test_a_toll_rising_over_days_is_updated_and_never_alerted():
    recs = [
        _toll(4, 12, "Diário do Sul", lang="pt", sentence="O incêndio fez 4 mortos."),
        _toll(7, 13, "Atlantic Wire", sentence="Seven... the toll rose to 7 on Wednesday."),
        _toll(9, 15, "Le Quotidien", lang="fr", sentence="Le bilan s'élève à 9 morts."),
        _toll(9, 22, "Rheinische Post", lang="de", sentence="Neun Menschen starben, 9 Tote."),
    ]
    a = assess("f", "Wildfire deaths", recs)
    assert a.status == "updated"
    assert not alerts(a.conflict.verdict)
    summary = a.conflict.summary
    # the timeline in publication order, each figure once, with who reported it when
    assert summary.index("4 deaths") < summary.index("7 deaths") < summary.index("9 deaths")
    assert "Le Quotidien, 15 Aug 2025; Rheinische Post, 22 Aug 2025" in summary
    assert "not a disagreement" in summary


def test_reports_of_one_day_are_ordered_by_their_time():
    morning = datetime(2025, 8, 29, 7, 0, tzinfo=UTC)
    evening = datetime(2025, 8, 29, 21, 0, tzinfo=UTC)
    recs = [
        _toll(1644, 29, "Glob News", at=evening, qualifier=None, precision=4),
        _toll(1002, 29, "Aconakry Live", lang="fr", at=morning, qualifier="at_least"),
        _toll(144, 28, "Alwihda", lang="fr", qualifier="at_least"),
    ]
    assert assess("f", "Quake deaths", recs).status == "updated"


def test_a_tally_word_makes_people_counts_a_running_count():
    recs = [
        _toll(8000, 6, "Nice-Presse", lang="fr", unit="people",
              sentence="Selon un bilan provisoire, 8 000 personnes ont été évacuées."),
        _toll(11500, 7, "Il Levante", lang="it", unit="people",
              sentence="Il bilancio degli sfollati sale a 11.500 persone."),
    ]  # fmt: skip
    assert assess("f", "Evacuated", recs).status == "updated"


def test_a_new_figure_stated_as_plain_fact_stays_a_disagreement():
    # no tally noun, no tally word: two outlets simply give different numbers
    recs = [
        _toll(1200, 22, "Diário do Centro", lang="pt", unit="people",
              sentence="A Proteção Civil retirou 1.200 pessoas de 14 aldeias."),
        _toll(2100, 23, "Westbridge Gazette", unit="people",
              sentence="The fire forced 2,100 people to leave their homes overnight."),
    ]  # fmt: skip
    assert assess("f", "Evacuated", recs).status == "genuine"


def test_jobs_rising_between_reports_are_not_an_update():
    recs = [
        _toll(1150, 11, "Courier", unit="jobs", sentence="The plant will employ 1,150."),
        _toll(1500, 13, "Tagblatt", lang="de", unit="jobs", sentence="1.500 Arbeitsplätze."),
    ]
    assert assess("f", "Jobs", recs).status == "genuine"


def test_a_toll_that_goes_back_is_a_disagreement():
    recs = [
        _toll(4, 12, "A", sentence="toll of 4"),
        _toll(9, 13, "B", sentence="toll of 9"),
        _toll(6, 14, "C", sentence="toll of 6"),
    ]
    assert assess("f", "deaths", recs).status == "genuine"


def test_two_figures_in_one_report_are_a_disagreement_not_an_update():
    recs = [
        _toll(12, 12, "A", article=1, sentence="police say 12 dead"),
        _toll(15, 12, "A", article=1, sentence="organisers say 15 dead"),
        _toll(15, 13, "B", sentence="the toll is 15"),
    ]
    assert assess("f", "deaths", recs).status == "genuine"


def test_a_share_counted_so_far_is_updated():
    recs = [
        record(45.2, kind="percent", outlet="A", published=date(2025, 5, 4),
               sentence="Turnout so far stands at 45.2%."),
        record(61.8, kind="percent", outlet="B", published=date(2025, 5, 5), lang="es",
               sentence="La participación, con el recuento terminado, fue del 61,8%."),
    ]  # fmt: skip
    assert assess("f", "turnout", recs).status == "updated"


def test_chinese_tally_words_are_found_without_spaces():
    recs = [
        _toll(5, 20, "新华", lang="zh", unit="people", sentence="目前已造成5人失踪。"),
        _toll(8, 22, "南方", lang="zh", unit="people", sentence="失踪人数升至8人。"),
    ]
    assert assess("f", "missing", recs).status == "updated"


def test_people_the_report_says_were_killed_are_a_toll():
    """A count of people with a word saying they died is a death toll, whatever noun it is
    counted in: rising over the days it is revised, in any language. People evacuated or
    fled are not (the plain-fact case above stays a disagreement)."""
    recs = [
        _toll(282, 21, "CCTV", lang="zh", unit="people", sentence="已有282人丧生。"),
        _toll(304, 23, "The Hindu", unit="people",
              sentence="Floods have now killed 304 people across the country."),
        _toll(1130, 30, "tagesschau", lang="de", unit="people",
              sentence="Mehr als 1130 Menschen kamen ums Leben.", qualifier="more_than"),
    ]  # fmt: skip
    assert assess("f", "Flood deaths", recs).status == "updated"
    evacuated = [
        _toll(282, 21, "CCTV", lang="zh", unit="people", sentence="已有282人撤离。"),
        _toll(304, 23, "The Hindu", unit="people", sentence="Officials moved 304 people."),
    ]
    assert assess("f", "Evacuated", evacuated).status == "genuine"


def test_counts_a_month_apart_are_counts_of_two_moments():
    """A count reported again a month or more later, higher, is the count as of a later day
    (staff hired, stores closed, homes counted again), an update even without a tally word;
    the same figures a fortnight apart, or a lower figure months later, stay a disagreement
    (the plain-fact rule)."""

    def staff(value, published, outlet, lang, sentence):
        return record(value, "employees", kind="count", outlet=outlet, published=published,
                      lang=lang, sentence=sentence)  # fmt: skip

    early = staff(620, date(2024, 9, 3), "Construction Ledger", "en",
                  "The consortium has so far hired 620 workers.")  # fmt: skip
    later = [
        staff(1900, date(2025, 11, 18), "Wirtschaftsblatt", "de",
              "Auf der Baustelle arbeiten rund 1.900 Beschäftigte."),
        staff(1900, date(2025, 11, 20), "Observador", "pt",
              "O estaleiro emprega 1.900 trabalhadores."),
    ]  # fmt: skip
    a = assess("f", "Workers on the site", [early, *later])
    assert a.status == "updated" and not alerts(a.conflict.verdict)
    assert a.conflict.summary.index("620") < a.conflict.summary.index("1,900")
    weeks = staff(620, date(2025, 11, 4), "Construction Ledger", "en",
                  "The consortium employs 620 workers.")  # fmt: skip
    assert assess("f", "Workers on the site", [weeks, *later]).status == "genuine"
    falling_back = staff(620, date(2026, 6, 1), "Construction Ledger", "en",
                         "The consortium employs 620 workers.")  # fmt: skip
    assert assess("f", "Workers", [early, *later, falling_back]).status == "genuine"
    jobs = [
        record(4500, "jobs", kind="count", outlet="新华", published=date(2025, 1, 20), lang="zh",
               qualifier="about", sentence="项目将创造约4500个就业岗位。"),
        record(3500, "jobs", kind="count", outlet="Kurier", published=date(2025, 8, 26),
               lang="de", qualifier="about", sentence="Das Werk soll rund 3.500 Arbeitsplätze "
               "schaffen."),
    ]  # fmt: skip
    assert assess("f", "Jobs", jobs).status == "genuine"


def test_digits_swapped_months_later_are_a_misprint_not_an_update():
    """3,200 jobs in March and 2,300 in September: the same digits swapped is an outlet's
    misprint, which time does not explain."""
    recs = [
        record(3200, "jobs", kind="count", outlet="Wire", published=date(2025, 3, 10),
               sentence="The factory will create 3,200 jobs."),
        record(3200, "jobs", kind="count", outlet="Le Matin", published=date(2025, 3, 11),
               lang="fr", sentence="L'usine créera 3 200 emplois."),
        record(2300, "jobs", kind="count", outlet="Tagblatt", published=date(2025, 9, 15),
               lang="de", sentence="Das Werk soll 2.300 Arbeitsplätze schaffen."),
    ]  # fmt: skip
    assert assess("f", "Jobs", recs).status == "genuine"
