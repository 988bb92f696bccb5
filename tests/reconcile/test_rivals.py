"""Competing figures in one article (issue 15): "the ministry counts 12,000 strikers; the
union, 15,000". Two sources' values of one quantity, side by side, are one fact stated twice,
and the disagreement is what an editor wants to see. Cases written for the class in several
languages; figures of one article that are two quantities stay apart."""

from __future__ import annotations

import pytest

from factwatch.ingest.reconcile import reconcile

from .helpers import analysed_records


@pytest.fixture(scope="module")
def embedder():
    from factwatch.ingest.embed import load_embedder

    return load_embedder()


def _facts(articles, embedder):
    records, feats, names = analysed_records(articles, embedder)
    out = []
    for fact in reconcile(records, feats):
        values = sorted({r.claim.value for r in fact.records})
        out.append((values, fact.assessment.status, {names[r.article_id] for r in fact.records}))
    return out


def _article(id_, lang, day, outlet, title, text):
    return {"id": id_, "lang": lang, "published": day, "outlet": outlet, "title": title,
            "text": f"{title}\n\n{text}"}  # fmt: skip


def test_two_sources_figures_in_one_article_are_one_fact_in_conflict(embedder):
    articles = [
        _article("a", "de", "2025-03-14", "Tagblatt", "Tausende demonstrieren in Leipzig",
                 "Laut Polizei zogen 8.500 Menschen durch die Innenstadt, die Veranstalter "
                 "sprachen von 12.000 Menschen."),
        _article("b", "en", "2025-03-14", "Wire", "Thousands march in Leipzig",
                 "Organisers said 12,000 people joined the march through the city centre."),
    ]  # fmt: skip
    facts = _facts(articles, embedder)
    assert ([8500.0, 12000.0], "genuine", {"a", "b"}) in facts


def test_competing_estimates_in_french_and_chinese(embedder):
    articles = [
        _article("a", "fr", "2025-02-11", "Le Port", "Grève sur les quais du Havre",
                 "Selon les syndicats, 6 000 dockers ont cessé le travail, 3 800 selon la "
                 "direction du port."),
        _article("b", "zh", "2025-02-11", "航运报", "勒阿弗尔港码头工人罢工",
                 "据工会统计，6000名码头工人参加罢工，港口管理方则称只有3800名。"),
    ]  # fmt: skip
    facts = _facts(articles, embedder)
    assert any(v == [3800.0, 6000.0] and s == "genuine" for v, s, _ in facts), facts


def test_a_figure_and_its_earlier_level_are_not_rivals(embedder):
    # a change: the year-earlier figure is another fact, whoever is quoted
    articles = [
        _article("a", "en", "2026-03-05", "Wire", "Vogel profit rises",
                 "Net profit rose to 1.27 billion euros from 1.1 billion euros, the company said, "
                 "analysts said."),
        _article("b", "de", "2026-03-05", "Blatt", "Vogel verdient mehr",
                 "Der Nettogewinn stieg auf 1,27 Milliarden Euro."),
    ]  # fmt: skip
    facts = _facts(articles, embedder)
    assert not any(s == "genuine" for _, s, _ in facts), facts


def test_figures_of_another_order_are_not_rivals(embedder):
    # a part and its whole, each attributed: not two estimates of one quantity
    articles = [
        _article("a", "en", "2025-06-10", "Wire", "Plant to create 1,100 jobs",
                 "The plant will create 1,100 jobs, the company said; 400 jobs will be in "
                 "research, according to the ministry."),
        _article("b", "fr", "2025-06-10", "Le Soir", "L'usine créera 1 100 emplois",
                 "L'usine créera 1 100 emplois, selon l'entreprise."),
    ]  # fmt: skip
    facts = _facts(articles, embedder)
    assert not any(s == "genuine" for _, s, _ in facts), facts


def test_one_attribution_for_two_figures_is_not_two_sources(embedder):
    # two quantities of one sentence, the company quoted once
    articles = [
        _article("a", "it", "2025-11-18", "Il Sole", "L'app conquista l'Europa",
                 "In Europa l'app ha 58 milioni di utenti attivi al mese. In America Latina gli "
                 "utenti sono 74 milioni, secondo la società."),
        _article("b", "en", "2025-11-18", "Wire", "App wins Europe",
                 "The app has 58 million monthly active users in Europe."),
    ]  # fmt: skip
    facts = _facts(articles, embedder)
    assert not any(s == "genuine" for _, s, _ in facts), facts
