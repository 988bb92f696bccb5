"""Reads and writes the pipeline needs, kept out of the pure stages.

Each function takes a `Session` inside the caller's transaction, so an article, its claims
and its story update commit together (a crash loses a whole article or nothing).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session, load_only

from factwatch.ingest.models import Claim, ClaimRecord
from factwatch.store.models import (
    Article,
    ArticleShingleBand,
    ClaimRow,
    Conflict,
    Fact,
    IngestProblem,
    Story,
    Subscription,
)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def to_utc_naive(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def vector_to_bytes(v: np.ndarray | None) -> bytes | None:
    return None if v is None else np.asarray(v, dtype=np.float16).tobytes()


def bytes_to_vector(b: bytes | None) -> np.ndarray | None:
    if not b:
        return None
    return np.frombuffer(b, dtype=np.float16).astype(np.float32)


# ---------------------------------------------------------------- articles


def known_urls(session: Session, urls: Iterable[str]) -> set[str]:
    urls = list(set(urls))
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        found.update(session.scalars(select(Article.url).where(Article.url.in_(chunk))))
    return found


def article_by_hash(session: Session, digest: str) -> Article | None:
    return session.scalars(
        select(Article).where(Article.content_hash == digest).order_by(Article.id).limit(1)
    ).first()


def dedup_candidates(session: Session, ids: Sequence[int]) -> list[Article]:
    """The articles `ids` (in that order) with what the near-duplicate check reads, in one
    query rather than one per candidate."""
    if not ids:
        return []
    rows = session.scalars(
        select(Article)
        .options(load_only(Article.id, Article.story_id, Article.duplicate_of, Article.text))
        .where(Article.id.in_(list(ids)))
    )
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def band_candidates(
    session: Session, bands: Sequence[tuple[int, str]], min_id: int = 0
) -> list[tuple[int, int]]:
    """Articles from `min_id` on sharing at least one LSH bucket, as (article id, buckets
    shared), most shared first."""
    if not bands:
        return []
    params: dict[str, Any] = {"min_id": min_id}
    for i, (b, h) in enumerate(bands):
        params[f"b{i}"], params[f"h{i}"] = b, h
    rows = session.execute(_band_query(len(bands)), params).all()
    return [(r[0], r[1]) for r in rows]


def first_article_id_since(session: Session, since: datetime) -> int:
    """The smallest id of the articles published at or after `since` (0 if none): every
    article with a smaller id was published before it."""
    found = session.scalar(select(func.min(Article.id)).where(Article.published_at >= since))
    return int(found) if found is not None else 0


@lru_cache(maxsize=8)
def _band_query(n: int):
    """The bucket lookup for `n` bands, built once: an OR of (band, hash) pairs, which both
    SQLite and PostgreSQL answer from the primary key index (SQLite scans the table for
    the row-value `(band, hash) IN (...)` form)."""
    conds = [
        (ArticleShingleBand.band == bindparam(f"b{i}"))
        & (ArticleShingleBand.hash == bindparam(f"h{i}"))
        # a range of the same key: the scan of a popular bucket stops at recent articles
        & (ArticleShingleBand.article_id >= bindparam("min_id"))
        for i in range(n)
    ]
    return (
        select(ArticleShingleBand.article_id, func.count())
        .where(or_(*conds))
        .group_by(ArticleShingleBand.article_id)
        .order_by(func.count().desc())
        .limit(20)
    )


def add_bands(session: Session, article_id: int, bands: Sequence[tuple[int, str]]) -> None:
    session.add_all(ArticleShingleBand(band=b, hash=h, article_id=article_id) for b, h in bands)


def add_claims(
    session: Session,
    article_id: int,
    claims: Sequence[Claim],
    contexts: Sequence,
    vectors: Sequence[np.ndarray | None],
) -> list[ClaimRow]:
    rows = []
    for claim, ctx, vec in zip(claims, contexts, vectors, strict=True):
        rows.append(
            ClaimRow(
                article_id=article_id,
                kind=claim.kind,
                text=claim.surface,
                start=claim.start,
                end=claim.end,
                value=claim.value,
                unit=claim.unit,
                date_value=claim.date_value,
                date_end=claim.date_end,
                qualifier=claim.qualifier,
                precision=claim.precision,
                sentence=claim.sentence,
                sentence_start=claim.sentence_start,
                context=ctx.segment,
                link_group=ctx.link_group,
                context_embedding=vector_to_bytes(vec),
            )
        )
    session.add_all(rows)
    return rows


def record_problem(session: Session, source: str, level: str, message: str) -> None:
    session.add(IngestProblem(source=source, level=level, message=message, at=utcnow()))


# ---------------------------------------------------------------- stories


def story_ids(session: Session) -> list[int]:
    """Every story's id."""
    return list(session.scalars(select(Story.id)))


def merge_story(session: Session, keep_id: int, other_id: int) -> None:
    """Fold story `other_id` into `keep_id`: an article showed them to be one story.

    Its articles, facts and conflicts move over with their ids (a conflict keeps its identity
    and version); a chat that followed it follows `keep_id` (once); the story row goes. The
    caller writes the merged state into `keep_id`'s row."""
    for model in (Article, Fact, Conflict):
        session.execute(
            update(model).where(model.story_id == other_id).values(story_id=keep_id)
        )
    following = select(Subscription.chat_id).where(Subscription.story_id == keep_id)
    session.execute(
        delete(Subscription).where(
            Subscription.story_id == other_id, Subscription.chat_id.in_(following)
        )
    )
    session.execute(
        update(Subscription).where(Subscription.story_id == other_id).values(story_id=keep_id)
    )
    session.execute(delete(Story).where(Story.id == other_id))


def stories_seen_since(
    session: Session, since: datetime, before: datetime | None = None
) -> list[Story]:
    """Stories last seen at or after `since` (and before `before`): the clustering window
    the pipeline's story index holds (indexed on last_seen)."""
    query = select(Story).where(Story.last_seen >= since)
    if before is not None:
        query = query.where(Story.last_seen < before)
    return list(session.scalars(query.order_by(Story.id)))


def stories_changed_since(
    session: Session,
    since: datetime,
    window_start: datetime,
    held_version: Callable[[int], Any],
) -> list[Story]:
    """Stories in the window updated at or after `since` whose updated_at differs from the
    version the caller holds (`held_version(id)`): what other workers changed. Ids and
    times first, whole rows only for the changed ones."""
    stamps = session.execute(
        select(Story.id, Story.updated_at).where(
            Story.updated_at >= since, Story.last_seen >= window_start
        )
    ).all()
    changed = [sid for sid, at in stamps if held_version(sid) != at]
    rows: list[Story] = []
    for i in range(0, len(changed), 500):
        chunk = changed[i : i + 500]
        rows.extend(session.scalars(select(Story).where(Story.id.in_(chunk))))
    return rows


# ---------------------------------------------------------------- reconciliation


_RECORD_ARTICLE_COLUMNS = (
    Article.id,
    Article.published_at,
    Article.lang,
    Article.outlet,
    Article.url,
    Article.story_id,
    Article.duplicate_of,
    Article.title,
    func.length(Article.text),
)


class _ArticleColumns(NamedTuple):
    id: int
    published_at: datetime | None
    lang: str | None
    outlet: str | None
    url: str
    story_id: int | None
    duplicate_of: int | None
    title: str | None
    text_length: int | None


def _window_articles(story_id: int, limit_articles: int):
    """A story's most recent articles (by publication, then arrival), newest first."""
    return (
        select(Article.id)
        .where(Article.story_id == story_id)
        .order_by(Article.published_at.desc().nullslast(), Article.id.desc())
        .limit(limit_articles)
    )


def story_claim_ids(
    session: Session, story_id: int, limit_articles: int = 300
) -> dict[int, list[tuple[int, int | None]]]:
    """For each of a story's most recent articles, its claims as (claim id, fact id): what
    a caller holding earlier records needs to see which articles are new or changed."""
    article_ids = list(session.scalars(_window_articles(story_id, limit_articles)))
    out: dict[int, list[tuple[int, int | None]]] = {a: [] for a in article_ids}
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        for cid, aid, fid in session.execute(
            select(ClaimRow.id, ClaimRow.article_id, ClaimRow.fact_id)
            .where(ClaimRow.article_id.in_(chunk))
            .order_by(ClaimRow.id)
        ):
            out[aid].append((cid, fid))
    return out


def story_claim_records(session: Session, story_id: int, limit_articles: int = 300):
    """The claims of a story's most recent articles, as reconciliation sees them."""
    article_ids = list(session.scalars(_window_articles(story_id, limit_articles)))
    return claim_records(session, article_ids)


def claim_records(session: Session, article_ids: Sequence[int]):
    """The claims of these articles as `ClaimRecord`s, with their rows, by claim id."""
    if not article_ids:
        return [], []
    # the article's own columns only: its text and embedding would be read once per claim
    rows = session.execute(
        select(ClaimRow, *_RECORD_ARTICLE_COLUMNS)
        .join(Article, Article.id == ClaimRow.article_id)
        .where(ClaimRow.article_id.in_(article_ids))
        .order_by(ClaimRow.id)
    ).all()
    records, claim_rows = [], []
    for row, *columns in rows:
        art = _ArticleColumns(*columns)
        claim = Claim(
            kind=row.kind,  # type: ignore[arg-type]
            surface=row.text,
            start=row.start,
            end=row.end,
            value=row.value,
            unit=row.unit,
            date_value=row.date_value,
            date_end=row.date_end,
            qualifier=row.qualifier,  # type: ignore[arg-type]
            precision=row.precision,
            sentence=row.sentence,
            sentence_start=row.sentence_start,
            context=row.context,
        )
        published: date | None = art.published_at.date() if art.published_at else None
        records.append(
            ClaimRecord(
                claim_id=row.id,
                article_id=art.id,
                claim=claim,
                lang=art.lang or "",
                published=published,
                outlet=art.outlet,
                url=art.url,
                story_id=art.story_id,
                duplicate_of=art.duplicate_of,
                title=art.title,
                published_at=art.published_at,
                text_length=art.text_length or 0,
            )
        )
        claim_rows.append(row)
    return records, claim_rows


def save_facts(
    session: Session, story_id: int | None, facts, stored_fact: Mapping[int, int | None]
):
    """Replace a story's facts, keeping fact ids (and conflict versions) stable.

    `stored_fact` gives each reconciled claim's fact id as stored (`story_claim_ids`).
    A recomputed fact takes over the id of the stored fact it shares most claims with, so
    a conflict keeps its identity when a new article adds a claim; its version grows only
    when what it says changes. Returns the conflicts that are new or changed.
    """
    now = utcnow()
    existing = {f.id: f for f in session.scalars(select(Fact).where(Fact.story_id == story_id))}
    # which stored fact each claim belongs to: a fact's predecessor is found from its claims
    # (linear in the claims) instead of comparing every fact with every stored one
    fact_of = {cid: fid for cid, fid in stored_fact.items() if fid in existing}
    conflicts_by_fact = {
        c.fact_id: c
        for c in session.scalars(select(Conflict).where(Conflict.fact_id.in_(list(existing))))
    }
    taken: set[int] = set()
    rows: list[Fact] = []
    for fact in facts:
        overlap = Counter(
            fid
            for r in fact.records
            if (fid := fact_of.get(r.claim_id)) is not None and fid not in taken
        )
        # most shared claims; on a tie the oldest fact keeps its identity
        best = min(overlap, key=lambda fid: (-overlap[fid], fid)) if overlap else None
        a = fact.assessment
        if best is None:
            row = Fact(story_id=story_id, kind=fact.kind)
            session.add(row)
        else:
            row = existing[best]
            taken.add(best)
        values = {
            "label": fact.label,
            "value": a.value,
            "unit": a.unit,
            "date_value": a.date_value,
            "n_claims": len(fact.records),
            "n_sources": a.n_sources,
            "status": a.status,
        }
        # an unchanged fact is not written again (most of a story's facts, each time)
        if best is None or any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = now
        rows.append(row)
    session.flush()  # one flush gives the new facts their ids

    changed: list[Conflict] = []
    for fact, row in zip(facts, rows, strict=True):
        ids = {r.claim_id for r in fact.records}
        moved = sorted(cid for cid in ids if stored_fact.get(cid) != row.id)
        if moved:  # only the claims whose fact changed are written
            session.execute(update(ClaimRow).where(ClaimRow.id.in_(moved)).values(fact_id=row.id))
        conflict = conflicts_by_fact.get(row.id)
        finding = fact.assessment.conflict
        if finding is None:
            if conflict is not None:
                session.delete(conflict)
            continue
        claim_ids = sorted(ids)
        signature = conflict_signature(finding.verdict, fact.records)
        if conflict is None:
            conflict = Conflict(
                fact_id=row.id,
                story_id=story_id,
                kind=fact.kind,
                verdict=finding.verdict,
                summary=finding.summary,
                claim_ids=claim_ids,
                details=_jsonable(finding.details),
                version=1,
                signature=signature,
                detected_at=now,
                updated_at=now,
            )
            session.add(conflict)
            changed.append(conflict)
        elif conflict.signature is not None and conflict.signature == signature:
            # Same verdict, same outlets, same values: a new mention of what it already says
            # (another article of one of its outlets) is recorded without a new version.
            if list(conflict.claim_ids) != claim_ids or conflict.summary != finding.summary:
                conflict.summary = finding.summary
                conflict.claim_ids = claim_ids
                conflict.details = _jsonable(finding.details)
        elif (
            conflict.verdict != finding.verdict
            or conflict.summary != finding.summary
            or list(conflict.claim_ids) != claim_ids
            or conflict.signature != signature
        ):
            conflict.verdict = finding.verdict
            conflict.summary = finding.summary
            conflict.claim_ids = claim_ids
            conflict.details = _jsonable(finding.details)
            conflict.signature = signature
            conflict.version += 1
            conflict.updated_at = now
            changed.append(conflict)
    kept = {row.id for row in rows}
    stale = [fid for fid in existing if fid not in kept]
    if stale:
        session.execute(delete(Conflict).where(Conflict.fact_id.in_(stale)))
        session.execute(delete(Fact).where(Fact.id.in_(stale)))
    session.flush()
    return changed


def conflict_signature(verdict: str, records: Sequence[ClaimRecord]) -> str:
    """What a conflict says, as a hash: its verdict and the set of (outlet, value) it holds.

    It changes when a value, an outlet or the verdict changes, and only then: that is when a
    conflict gets a new version and its followers are told again (issue 14: a second copy of
    one outlet's report re-announced every conflict of its story)."""
    entries = sorted(
        {
            (
                " ".join(r.outlet.casefold().split()),
                r.claim.kind,
                repr(r.claim.value),
                r.claim.unit or "",
                r.claim.date_value.isoformat() if r.claim.date_value else "",
            )
            for r in records
        }
    )
    return hashlib.sha256(repr((verdict, entries)).encode()).hexdigest()


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, date | datetime):
        return obj.isoformat()
    if isinstance(obj, np.generic):
        return obj.item()
    return obj
