"""Fact grouping: same quantity across articles, look-alikes kept apart.

Clause vectors are written by hand here (unit vectors along named axes), so each test states
exactly how similar two clauses are; the real pipeline gets them from the sentence encoder.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from ingest.models import Claim
from ingest.reconcile import ClaimFeatures, reconcile
from ingest.reconcile.context import claim_contexts
from ingest.reconcile.facts import group_facts

from .helpers import record

AXES = {"invest": 0, "revenue": 1, "jobs": 2, "italy": 3, "germany": 4, "budget": 5}


def vec(**weights: float) -> np.ndarray:
    v = np.zeros(len(AXES), dtype=np.float32)
    for k, w in weights.items():
        v[AXES[k]] = w
    return v / np.linalg.norm(v)


def feats(pairs, years=()):
    return {
        r.claim_id: ClaimFeatures(vector=v, years=frozenset(years), link_group=i, segment="")
        for i, (r, v) in enumerate(pairs)
    }


def ids(groups):
    return sorted(sorted(r.claim_id for r in g) for g in groups)


def test_revenue_and_investment_stay_apart_even_with_close_values():
    inv_a = record(41e9, "CNY", article=1)
    rev_a = record(42.3e9, "CNY", article=1)
    inv_b = record(5.4e9, "EUR", article=2, published=date(2025, 1, 21))
    rev_b = record(42.3e9, "CNY", article=2)
    f = feats(
        [
            (inv_a, vec(invest=1, revenue=0.2)),
            (rev_a, vec(revenue=1, invest=0.3)),
            (inv_b, vec(invest=1, revenue=0.1)),
            (rev_b, vec(revenue=1, invest=0.2)),
        ]
    )
    groups = group_facts([inv_a, rev_a, inv_b, rev_b], f)
    assert ids(groups) == sorted(
        [sorted([inv_a.claim_id, inv_b.claim_id]), sorted([rev_a.claim_id, rev_b.claim_id])]
    )


def test_one_article_never_states_one_fact_twice_with_two_values():
    a1 = record(4.2e9, "USD", article=1)
    a2 = record(4.3e9, "USD", article=1)
    b = record(4.2e9, "USD", article=2)
    f = feats(
        [(a1, vec(italy=1, invest=1)), (a2, vec(germany=1, invest=1)), (b, vec(italy=1, invest=1))]
    )
    groups = group_facts([a1, a2, b], f)
    assert [a1.claim_id, b.claim_id] in ids(groups)
    assert [a2.claim_id] in ids(groups)


def test_conflicting_values_still_meet_when_the_clause_matches():
    a = record(4500, "jobs", kind="count", article=1)
    b = record(3500, "jobs", kind="count", article=2)
    groups = group_facts([a, b], feats([(a, vec(jobs=1)), (b, vec(jobs=1, invest=0.2))]))
    assert ids(groups) == [sorted([a.claim_id, b.claim_id])]


def test_counts_of_different_things_never_match():
    a = record(118, "stores", kind="count", article=1)
    b = record(118, "jobs", kind="count", article=2)
    groups = group_facts([a, b], feats([(a, vec(jobs=1)), (b, vec(jobs=1))]))
    assert len(groups) == 2


def test_clauses_about_different_years_never_match():
    a = record(12e6, "EUR", article=1)
    b = record(15e6, "EUR", article=2)
    f = {
        a.claim_id: ClaimFeatures(vec(budget=1), frozenset({2026}), 0),
        b.claim_id: ClaimFeatures(vec(budget=1), frozenset({2027}), 0),
    }
    assert len(group_facts([a, b], f)) == 2


def test_unrelated_clauses_stay_apart():
    a = record(4500, "jobs", kind="count", article=1)
    b = record(4500, "jobs", kind="count", article=2)
    groups = group_facts([a, b], feats([(a, vec(jobs=1)), (b, vec(revenue=1))]))
    assert len(groups) == 2


def _claim(text: str, surface: str, kind="money", unit="EUR", value=1.0) -> Claim:
    start = text.index(surface)
    return Claim(
        kind=kind,
        surface=surface,
        start=start,
        end=start + len(surface),
        value=value,
        unit=unit,
        sentence=text,
        sentence_start=0,
    )


def test_bracketed_conversion_is_one_mention_with_a_shared_clause():
    text = (
        "Le groupe annonce un plan d'investissement de 380 milliards de yuans "
        "(50 milliards d'euros) dans l'IA, et un chiffre d'affaires de 280 milliards de yuans."
    )
    claims = [
        _claim(text, "380 milliards de yuans", unit="CNY", value=380e9),
        _claim(text, "50 milliards d'euros", value=50e9),
        _claim(text, "280 milliards de yuans", unit="CNY", value=280e9),
    ]
    ctx = claim_contexts(text, claims)
    assert ctx[0].link_group == ctx[1].link_group != ctx[2].link_group
    assert "investissement" in ctx[0].segment and "chiffre" not in ctx[0].segment
    assert "chiffre d'affaires" in ctx[2].segment and "investissement" not in ctx[2].segment


def test_reconcile_labels_and_judges_each_fact():
    a = record(4500, "jobs", kind="count", article=1, outlet="A")
    b = record(3500, "jobs", kind="count", article=2, outlet="B")
    f = feats([(a, vec(jobs=1)), (b, vec(jobs=1))])
    [fact] = reconcile([a, b], f)
    assert fact.assessment.status == "genuine"
    assert fact.label.startswith("count 4,500 jobs")


def test_clauses_about_different_countries_never_match():
    from ingest.reconcile.context import countries_in

    fr = record(42, "stores", kind="count", article=1)
    es = record(27, "stores", kind="count", article=2)
    f = {
        fr.claim_id: ClaimFeatures(
            vec(jobs=1), frozenset(), 0, countries=countries_in("En France, 42 magasins ferment.")
        ),
        es.claim_id: ClaimFeatures(
            vec(jobs=1), frozenset(), 0, countries=countries_in("En España cierran 27 tiendas.")
        ),
    }
    assert len(group_facts([fr, es], f)) == 2
    assert countries_in("在西班牙科尔多瓦") == {"ES"}
