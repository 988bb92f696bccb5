"""Small builders for hand-written reconciliation cases."""

from __future__ import annotations

from datetime import date
from itertools import count

from factwatch.ingest.models import Claim, ClaimRecord
from factwatch.ingest.reconcile.verdicts import format_number

_ids = count(1)


def record(
    value=None,
    unit=None,
    *,
    kind="money",
    article=None,
    outlet="Outlet",
    published=date(2025, 1, 1),
    qualifier=None,
    precision=None,
    day=None,
    duplicate_of=None,
    lang="en",
    sentence="",
    published_at=None,
    start=0,
    text_length=0,
):
    cid = next(_ids)
    claim = Claim(
        kind=kind,
        surface=format_number(value) if value is not None else str(day),
        start=start,
        end=start + 1,
        value=value,
        unit=unit if kind != "percent" else "%",
        date_value=day,
        qualifier=qualifier,
        precision=precision,
        sentence=sentence,
    )
    return ClaimRecord(
        claim_id=cid,
        article_id=article if article is not None else cid,
        claim=claim,
        lang=lang,
        published=published,
        outlet=outlet,
        url=f"http://news.example/{article or cid}",
        duplicate_of=duplicate_of,
        published_at=published_at,
        text_length=text_length,
    )


def analysed_records(articles, embedder, params=None):
    """Claim records and features for whole articles, built the way the pipeline builds
    them (claim grammar, clause contexts, one encoder call over the clauses, years and
    countries), but without a database: `reconcile` then runs on them as it does on a
    stored story.

    `articles` are dicts with id, lang, published (ISO day), outlet, title and text.
    `params` (a `Params`, default `DEFAULT`) are the tuned numbers the clauses are cut with.
    Returns (records, features, article id of each record's article number).
    """
    from factwatch.ingest.analysis import claim_texts, claim_vector
    from factwatch.ingest.claims import extract_claims
    from factwatch.ingest.params import DEFAULT
    from factwatch.ingest.reconcile import ClaimFeatures
    from factwatch.ingest.reconcile.context import claim_contexts, years_in
    from factwatch.ingest.reconcile.places import countries_in

    records, contexts = [], []
    ids = count(1)
    names = {}
    for number, art in enumerate(articles, start=1):
        names[number] = art["id"]
        published = date.fromisoformat(art["published"])
        claims = extract_claims(art["text"], art["lang"], published)
        contexts_of = claim_contexts(art["text"], claims, (params or DEFAULT).facts)
        for claim, ctx in zip(claims, contexts_of, strict=True):
            records.append(
                ClaimRecord(
                    claim_id=next(ids),
                    article_id=number,
                    claim=claim,
                    lang=art["lang"],
                    published=published,
                    outlet=art["outlet"],
                    url=f"http://news.example/{art['id']}",
                    title=art["title"],
                )
            )
            contexts.append(ctx)
    texts = [claim_texts(r.claim, ctx) for r, ctx in zip(records, contexts, strict=True)]
    encoded = embedder.encode([t for pair in texts for t in pair])
    params = params or DEFAULT
    vectors = [claim_vector(encoded[2 * i], encoded[2 * i + 1], params) for i in range(len(texts))]
    feats = {
        r.claim_id: ClaimFeatures(
            vector=vec,
            years=years_in(ctx.segment),
            link_group=ctx.link_group,
            segment=ctx.segment,
            countries=countries_in(r.claim.sentence),
        )
        for r, ctx, vec in zip(records, contexts, vectors, strict=True)
    }
    return records, feats, names
