"""Where a figure stands in its article's telling: value-blind evidence of one quantity.

Two reports of one event tell their figures in much the same order (the lead figure first,
background last), so a figure at the top of one report and a figure at the bottom of another
are seldom one quantity, whatever their clauses and values say (`mentions.in_order`,
`FactParams.position_gap_slope`). Clause vectors are written by hand: unit vectors at chosen
angles, so each test states the clauses' cosine exactly.
"""

from __future__ import annotations

import numpy as np

from factwatch.ingest.params import DEFAULT, from_mapping
from factwatch.ingest.reconcile import ClaimFeatures
from factwatch.ingest.reconcile.facts import group_facts
from factwatch.ingest.reconcile.features import pair_features
from factwatch.ingest.reconcile.mentions import article_mentions
from factwatch.ingest.reconcile.score import explain

from .helpers import record


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def feats(pairs):
    return {
        r.claim_id: ClaimFeatures(vector=v, years=frozenset(), link_group=i, segment="")
        for i, (r, v) in enumerate(pairs)
    }


def together(groups, a, b) -> bool:
    return any({a.claim_id, b.claim_id} <= {r.claim_id for r in g} for g in groups)


def _story():
    """Report 1 leads with a damage estimate and closes on an older, background amount whose
    clause happens to read a little closer to report 2's lead; report 2 states one amount,
    in its lead. The two leads disagree (2.1 vs 2.6 bn): two estimates of one quantity."""
    lead_1 = record(2.1e9, "EUR", article=1, start=0, text_length=2400)
    closing_1 = record(2.4e9, "EUR", article=1, start=2200, text_length=2400)
    lead_2 = record(2.6e9, "EUR", article=2, start=40, text_length=1800)
    # lead_2's clause: cosine 0.60 with lead_1's, 0.64 with closing_1's
    f = feats(
        [(lead_1, unit(1, 0, 0)), (closing_1, unit(0, 0.8, 0.6)), (lead_2, unit(0.6, 0.8, 0))]
    )
    return lead_1, closing_1, lead_2, f


def test_the_lead_figures_of_two_reports_meet_though_a_closing_clause_reads_closer():
    lead_1, closing_1, lead_2, f = _story()
    groups = group_facts([lead_1, closing_1, lead_2], f)
    assert together(groups, lead_1, lead_2)
    assert not together(groups, closing_1, lead_2)


def test_without_the_order_the_closer_clause_would_have_won():
    """The case above is decided by where the figures stand, not by the clauses."""
    lead_1, closing_1, lead_2, f = _story()
    flat = from_mapping({"facts": {"position_gap_slope": 0.0}})
    groups = group_facts([lead_1, closing_1, lead_2], f, params=flat)
    assert together(groups, closing_1, lead_2)


def test_mentions_know_their_place_in_the_telling():
    a = record(5e9, "EUR", article=7, start=0, text_length=1000)
    b = record(12, "%", kind="percent", article=7, start=300, text_length=1000)
    c = record(1e9, "EUR", article=7, start=900, text_length=1000)
    ms = article_mentions(7, [c, a, b], {}, DEFAULT.verdicts)
    by_value = {m.records[0].claim.value: m for m in ms}
    assert by_value[5e9].position == 0.0
    assert by_value[12].position == 0.3
    assert by_value[1e9].position == 0.9


def test_without_the_article_length_the_last_figure_marks_the_end():
    a = record(5e9, "EUR", article=8, start=0)
    b = record(1e9, "EUR", article=8, start=499)
    ms = article_mentions(8, [a, b], {}, DEFAULT.verdicts)
    assert sorted(m.position for m in ms) == [0.0, 0.998]


def test_the_explanation_names_the_distance():
    lead_1, closing_1, lead_2, f = _story()
    fp, vp = DEFAULT.facts, DEFAULT.verdicts
    ms = article_mentions(1, [lead_1, closing_1], f, vp)
    m1 = {m.records[0].claim_id: m for m in ms}
    (m2,) = article_mentions(2, [lead_2], f, vp)
    near = explain(pair_features(m1[lead_1.claim_id], m2, fp, vp), fp)
    far = explain(pair_features(m1[closing_1.claim_id], m2, fp, vp), fp)
    assert "of the article apart" not in near
    assert "89% of the article apart" in far


def test_figures_reported_a_year_apart_weigh_as_two_times():
    """A figure is as of its report's day unless its clause says otherwise: two reports two
    years apart whose figures differ are two times of a quantity (last year's count and
    this year's), though they meet a week apart; a fixed amount restated two years on (the
    same value) still meets."""
    from datetime import date

    def pair(days: int, value_2: float):
        one = record(2.1e9, "EUR", article=1, published=date(2024, 1, 10), text_length=900)
        two = record(value_2, "EUR", article=2, published=date.fromordinal(
            date(2024, 1, 10).toordinal() + days), text_length=900)  # fmt: skip
        f = feats([(one, unit(1, 0)), (two, unit(0.45, np.sqrt(1 - 0.45**2)))])
        return one, two, f

    one, two, f = pair(7, 2.6e9)
    assert together(group_facts([one, two], f), one, two)
    one, two, f = pair(730, 2.6e9)
    assert not together(group_facts([one, two], f), one, two)
    one, two, f = pair(730, 2.1e9)
    assert together(group_facts([one, two], f), one, two)
    fp, vp = DEFAULT.facts, DEFAULT.verdicts
    (m1,) = article_mentions(1, [one], f, vp)
    (m2,) = article_mentions(2, [two], f, vp)
    assert "reported 730 d apart" in explain(pair_features(m1, m2, fp, vp), fp)
