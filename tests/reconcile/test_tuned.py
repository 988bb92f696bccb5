"""Guards of tuned numbers of the fact stage that no corpus test pins on its own
(`ingest/params.py` names them)."""

from __future__ import annotations

from dataclasses import replace

from factwatch.ingest.models import Claim
from factwatch.ingest.params import DEFAULT
from factwatch.ingest.reconcile.blocks import cognate
from factwatch.ingest.reconcile.context import claim_contexts
from factwatch.ingest.reconcile.mentions import NEXT_SENTENCE, SAME_SENTENCE, Mention, nearness
from factwatch.ingest.reconcile.places import name_tokens, names_place
from factwatch.ingest.text import normalise_name

from .helpers import record

FACTS = DEFAULT.facts


def test_cognates_share_a_prefix_and_differ_in_a_short_tail():
    assert cognate("Piloten", "pilotos", FACTS)
    assert not cognate("Piloten", "pilotos", replace(FACTS, cognate_max_tail=1))
    assert not cognate("contracts", "containers", FACTS)


def test_a_place_is_named_by_its_inflected_forms_only():
    koln = normalise_name("Köln")
    assert names_place(koln, name_tokens("in der Kölner Schildergasse"), FACTS)
    assert names_place("siena", name_tokens("l'usine de Sienne"), FACTS)
    assert not names_place(
        "siena", name_tokens("l'usine de Sienne"), replace(FACTS, place_max_tail=0)
    )
    assert not names_place(koln, name_tokens("the Cologne store"), FACTS)


def _mention(start: int, length: int) -> Mention:
    rec = record(5.0, "EUR")
    rec = replace(rec, claim=replace(rec.claim, sentence="x" * length, sentence_start=start))
    return Mention(
        article=1, kind="money", records=[rec], vector=None, years=frozenset(), units=frozenset()
    )


def test_sentences_side_by_side_are_at_most_a_few_characters_apart():
    first = _mention(0, 20)
    assert nearness(first, _mention(0, 20), FACTS) == SAME_SENTENCE
    assert nearness(first, _mention(22, 30), FACTS) == NEXT_SENTENCE
    assert nearness(first, _mention(23, 30), FACTS) == NEXT_SENTENCE
    assert nearness(first, _mention(24, 30), FACTS) == 0
    assert nearness(first, _mention(24, 30), replace(FACTS, next_sentence_chars=4)) == NEXT_SENTENCE


def _claim(text: str, surface: str, kind: str, unit: str, value: float) -> Claim:
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


def test_a_clause_with_too_few_words_shares_its_sentence():
    text = "Net profit rose 18% to $720 million."
    claims = [
        _claim(text, "18%", "percent", "%", 18),
        _claim(text, "$720 million", "money", "USD", 720e6),
    ]
    shared = claim_contexts(text, claims, FACTS)
    assert shared[1].segment == shared[1].sentence
    alone = claim_contexts(text, claims, replace(FACTS, min_content_words=0))
    assert alone[1].segment != alone[1].sentence


# ---- one score, one explanation, parameters that reach the decision


def test_the_explanation_adds_up_to_the_score():
    from factwatch.ingest.reconcile.features import PairFeatures
    from factwatch.ingest.reconcile.score import NEVER, explain, score

    f = PairFeatures(
        kind="count", cosine=0.44, noun_relation="family", unnamed_place=True, same_value=True
    )
    assert score(f, FACTS) == 0.44 - 0.08 - 0.12 + 0.25
    assert explain(f, FACTS) == (
        "cos=0.44 another noun of the family -0.08 placed elsewhere -0.12 same value +0.25 = 0.49"
    )
    blocked = PairFeatures(kind="count", block="other things counted")
    assert score(blocked, FACTS) == NEVER
    assert "other things counted" in explain(blocked, FACTS)
    absurd = PairFeatures(kind="money", cosine=0.9, misreport="absurd")
    assert score(absurd, FACTS) == NEVER


def test_parameters_passed_to_reconcile_reach_the_decision_and_reset_the_cache():
    import numpy as np

    from factwatch.ingest.params import Params
    from factwatch.ingest.reconcile import ClaimFeatures, FactCache
    from factwatch.ingest.reconcile.facts import group_facts

    a, b = record(120.0, "EUR", article=1), record(480.0, "EUR", article=2)
    v = np.array([1.0, 0.0], dtype=np.float32)
    w = np.array([0.6, 0.8], dtype=np.float32)  # cosine 0.6, an implausible pair: 0.45
    f = {
        a.claim_id: ClaimFeatures(vector=v, years=frozenset(), link_group=0),
        b.claim_id: ClaimFeatures(vector=w, years=frozenset(), link_group=1),
    }
    cache = FactCache()
    assert len(group_facts([a, b], f, cache=cache)) == 1
    strict = Params(facts=replace(FACTS, match_threshold=0.5))
    assert len(group_facts([a, b], f, cache=cache, params=strict)) == 2
    assert cache.params == strict
