"""Facts carry the part of the year they measure: a quarter's figure is not another
quarter's (`reconcile.periods`, `FactParams.period_penalty`)."""

from __future__ import annotations

import numpy as np

from factwatch.ingest.params import from_mapping
from factwatch.ingest.reconcile import ClaimFeatures
from factwatch.ingest.reconcile.facts import group_facts
from factwatch.ingest.reconcile.periods import periods_in

from .helpers import record


def test_each_language_names_its_quarters_and_halves():
    assert periods_in("In the fourth quarter alone, sales dropped … to", "en") == {"Q4"}
    assert periods_in("after first-quarter sales fell …", "en") == {"Q1"}
    assert periods_in("Besonders schwach verlief das Schlussquartal", "de") == {"Q4"}
    assert periods_in("Sur le seul quatrième trimestre, les ventes …", "fr") == {"Q4"}
    assert periods_in("其中，第四季度营收为 …", "zh") == {"Q4"}
    assert periods_in("上半年净利润 …", "zh") == {"H1"}
    assert periods_in("nel primo semestre i ricavi …", "it") == {"H1"}
    assert periods_in("Q3 revenue rose …", "nl") == {"Q3"}
    assert periods_in("Der Umsatz ging um … zurück", "de") == frozenset()
    assert periods_in("the S-Bahn line S1 and the A4 motorway", "de") == frozenset()


def _two_reports():
    """Each report gives a fourth-quarter and a first-quarter sales fall in clauses the
    encoder reads alike; report 2's first-quarter clause happens to read closest to report
    1's fourth-quarter one."""
    q4_a = record(6.1, "%", kind="percent", article=1, lang="en", start=0, text_length=900)
    q1_a = record(5.2, "%", kind="percent", article=1, lang="en", start=400, text_length=900)
    q4_b = record(6.3, "%", kind="percent", article=2, lang="fr", start=0, text_length=900)
    q1_b = record(6.2, "%", kind="percent", article=2, lang="fr", start=400, text_length=900)
    v = {
        q4_a.claim_id: ([1.0, 0.0, 0.0], "In the fourth quarter alone, sales dropped … to"),
        q1_a.claim_id: ([0.0, 1.0, 0.0], "after first-quarter sales fell … to"),
        q4_b.claim_id: ([0.7, 0.0, 0.714], "au quatrième trimestre, les ventes ont reculé de …"),
        q1_b.claim_id: ([0.8, 0.6, 0.0], "au premier trimestre, les ventes ont reculé de …"),
    }
    feats = {
        cid: ClaimFeatures(
            vector=np.array(vec, dtype=np.float32) / np.linalg.norm(vec),
            years=frozenset(),
            link_group=i,
            segment=segment,
        )
        for i, (cid, (vec, segment)) in enumerate(v.items())
    }
    return (q4_a, q1_a, q4_b, q1_b), feats


def _together(groups, a, b) -> bool:
    return any({a.claim_id, b.claim_id} <= {r.claim_id for r in g} for g in groups)


def test_two_quarters_figures_stay_apart():
    (q4_a, q1_a, q4_b, q1_b), feats = _two_reports()
    groups = group_facts([q4_a, q1_a, q4_b, q1_b], feats)
    assert not _together(groups, q4_a, q1_b)
    assert _together(groups, q4_a, q4_b)
    assert _together(groups, q1_a, q1_b)


def test_without_the_period_the_closer_clause_would_have_joined_two_quarters():
    (q4_a, q1_a, q4_b, q1_b), feats = _two_reports()
    blind = from_mapping({"facts": {"period_penalty": 0.0}})
    groups = group_facts([q4_a, q1_a, q4_b, q1_b], feats, params=blind)
    assert _together(groups, q4_a, q1_b)
