"""What the pipeline computes for an article before it touches the database or the store:
language, claims and their contexts, copy-detection shingles, names, and (in one encoder call
per batch) the lead and claim vectors. Pure apart from the embedder, so workers can run it in
parallel and the tuning work can run it without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from factwatch.ingest import dedup
from factwatch.ingest.claims import extract_claims
from factwatch.ingest.embed import Embedder
from factwatch.ingest.entities import extract_entities, zh_companies
from factwatch.ingest.language import detect_language
from factwatch.ingest.models import ArticleInput, Claim
from factwatch.ingest.params import DEFAULT, Params
from factwatch.ingest.reconcile.context import ClaimContext, claim_contexts
from factwatch.ingest.reconcile.places import countries_in
from factwatch.ingest.stories import headline_and_lead


@dataclass
class Analysed:
    """An article with everything computed before it is stored."""

    article: ArticleInput
    lang: str
    claims: list[Claim]
    contexts: list
    digest: str
    shingles: set[str]
    bands: list[tuple[int, str]]
    entities: frozenset[str]
    lead_companies: frozenset[str] = frozenset()  # `zh_companies` of a Chinese lead
    lead_vector: np.ndarray | None = None
    claim_vectors: list[np.ndarray | None] = field(default_factory=list)
    fingerprint: np.ndarray | None = None  # `dedup.fingerprint(shingles)`, when needed


def lead_text(article: ArticleInput, params: Params = DEFAULT) -> str:
    """Headline and lead: what the story matcher compares, not the full text (DESIGN.md)."""
    return headline_and_lead(article.title, article.text, params.stories)


def analyse(article: ArticleInput, params: Params = DEFAULT) -> Analysed:
    """Everything about one article that needs no database and no model (pure)."""
    lang = detect_language(article.text, article.lang) or article.lang or "en"
    published = article.published.date() if article.published else None
    claims = extract_claims(article.text, lang, published)
    contexts = claim_contexts(article.text, claims, params.facts)
    sh = dedup.shingles(article.text)
    lead = lead_text(article, params)
    return Analysed(
        article=article,
        lang=lang,
        claims=claims,
        contexts=contexts,
        digest=dedup.content_hash(article.text),
        shingles=sh,
        bands=dedup.bands(dedup.minhash(sh)),
        entities=extract_entities(lead, lang, context=article.text),
        lead_companies=zh_companies(lead) if lang.startswith("zh") else frozenset(),
    )


def embed_batch(embedder: Embedder, items: Sequence[Analysed], params: Params = DEFAULT) -> None:
    """One encoder call for the leads, claim clauses and claim sentences of a batch (each
    distinct text once).

    A claim's vector is its clause's, with its whole sentence's (figures masked) mixed in
    at `FactParams.sentence_weight`: a clause cut between two figures ("… auf … ein") often
    loses the subject its sentence names ("Der Umsatz brach 2024 um 22 Prozent auf …").
    """
    texts: dict[str, int] = {}

    def slot(text: str) -> int:
        return texts.setdefault(text, len(texts))

    plan: list[tuple[int, list[tuple[int, int]]]] = []
    for it in items:
        lead = slot(lead_text(it.article, params))
        pairs = []
        for c, ctx in zip(it.claims, it.contexts, strict=True):
            clause, whole = claim_texts(c, ctx)
            pairs.append((slot(clause), slot(whole)))
        plan.append((lead, pairs))
    if not texts:
        return
    vectors = embedder.encode(list(texts))
    for it, (lead, pairs) in zip(items, plan, strict=True):
        it.lead_vector = vectors[lead]
        it.claim_vectors = [claim_vector(vectors[a], vectors[b], params) for a, b in pairs]


def claim_texts(claim: Claim, ctx: ClaimContext) -> tuple[str, str]:
    """The clause and the sentence whose vectors make a claim's (`claim_vector`).

    A date's clause is its event's verb ("signed on", "presented on"), and its sentence
    often tells of another event: a date keeps its clause alone.
    """
    clause = ctx.segment or claim.sentence
    return clause, clause if claim.kind == "date" else (ctx.sentence or clause)


def claim_vector(clause: np.ndarray, sentence: np.ndarray, params: Params = DEFAULT) -> np.ndarray:
    """The clause's vector with `FactParams.sentence_weight` of the sentence's, normalised."""
    weight = params.facts.sentence_weight
    v = np.asarray(clause, dtype=np.float32) + weight * np.asarray(sentence, np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def fingerprint_of(item: Analysed) -> np.ndarray:
    """The article's shingle fingerprint (`dedup.fingerprint`), computed once when needed."""
    if item.fingerprint is None:
        item.fingerprint = dedup.fingerprint(item.shingles)
    return item.fingerprint


# A story's sentences are read again each time it is reconciled: scan each one once.
cached_countries_in = lru_cache(maxsize=65536)(countries_in)
