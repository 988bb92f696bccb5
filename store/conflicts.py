"""Conflicts and facts as the readers (CLI, bot, digest, dispatcher) list them.

Which verdicts count is the alert policy's (`factwatch.ingest.alerts`): callers pass the
verdicts to leave out (`exclude`) or to keep (`only`) as plain values.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from factwatch.store.db import Database
from factwatch.store.models import Conflict, Fact, Story

__all__ = [
    "ConflictRow",
    "FactRow",
    "conflict_row",
    "conflicts",
    "count_conflicts",
    "facts",
    "facts_matching",
]


@dataclass(frozen=True)
class ConflictRow:
    """A conflict with the labels of its fact and story."""

    id: int
    fact_id: int
    story_id: int | None
    kind: str
    verdict: str
    summary: str
    version: int
    claim_ids: tuple[int, ...]
    details: dict
    detected_at: datetime
    updated_at: datetime
    fact_label: str | None = None
    story_label: str | None = None


@dataclass(frozen=True)
class FactRow:
    id: int
    story_id: int | None
    kind: str
    label: str
    value: float | None
    unit: str | None
    date_value: date | None
    status: str
    n_claims: int
    n_sources: int


def conflict_row(session: Session, c: Conflict) -> ConflictRow:
    fact = session.get(Fact, c.fact_id) if c.fact_id else None
    story = session.get(Story, c.story_id) if c.story_id else None
    return ConflictRow(
        id=c.id,
        fact_id=c.fact_id,
        story_id=c.story_id,
        kind=c.kind,
        verdict=c.verdict,
        summary=c.summary,
        version=c.version,
        claim_ids=tuple(int(i) for i in (c.claim_ids or [])),
        details=c.details or {},
        detected_at=c.detected_at,
        updated_at=c.updated_at,
        fact_label=fact.label if fact else None,
        story_label=story.label if story else None,
    )


def fact_row(f: Fact) -> FactRow:
    return FactRow(
        id=f.id,
        story_id=f.story_id,
        kind=f.kind,
        label=f.label,
        value=f.value,
        unit=f.unit,
        date_value=f.date_value,
        status=f.status,
        n_claims=f.n_claims,
        n_sources=f.n_sources,
    )


def _verdicts(query, exclude: Collection[str], only: Collection[str]):
    if exclude:
        query = query.where(Conflict.verdict.not_in(list(exclude)))
    if only:
        query = query.where(Conflict.verdict.in_(list(only)))
    return query


def conflicts(
    db: Database,
    *,
    story_id: int | None = None,
    exclude: Collection[str] = (),
    newest: int | None = None,
) -> list[ConflictRow]:
    """Conflicts by story then id (of one story, with `story_id`); with `newest`, only the
    `newest` most recently updated, still in story order."""
    query = _verdicts(select(Conflict), exclude, ())
    if story_id is not None:
        query = query.where(Conflict.story_id == story_id)
    with db.session() as s:
        if newest is not None:
            found = list(
                s.scalars(
                    query.order_by(Conflict.updated_at.desc(), Conflict.id.desc()).limit(newest)
                )
            )
            found.sort(key=lambda c: (c.story_id or 0, c.id))
        elif story_id is not None:
            found = list(s.scalars(query.order_by(Conflict.id)))
        else:
            found = list(s.scalars(query.order_by(Conflict.story_id, Conflict.id)))
        return [conflict_row(s, c) for c in found]


def count_conflicts(db: Database, story_id: int, only: Collection[str]) -> int:
    """How many conflicts of a story have one of these verdicts."""
    with db.session() as s:
        return (
            s.scalar(
                _verdicts(
                    select(func.count()).select_from(Conflict).where(Conflict.story_id == story_id),
                    (),
                    only,
                )
            )
            or 0
        )


def facts(db: Database, story_id: int | None = None, multi_only: bool = True) -> list[FactRow]:
    """Facts by story then id (of one story, with `story_id`); `multi_only`: reported by two
    or more outlets."""
    query = select(Fact).order_by(Fact.story_id, Fact.id)
    if story_id is not None:
        query = query.where(Fact.story_id == story_id)
    if multi_only:
        query = query.where(Fact.n_sources >= 2)
    with db.session() as s:
        return [fact_row(f) for f in s.scalars(query)]


def facts_matching(
    db: Database, story_ids: Sequence[int], phrase: str | None, limit: int
) -> list[FactRow]:
    """Facts two or more outlets report, in these stories or (with a phrase) whose label
    contains it, by story; at most `limit`."""
    conds = [Fact.story_id.in_(list(story_ids))] if story_ids else []
    if phrase:
        conds.append(func.lower(Fact.label).contains(phrase.casefold(), autoescape=True))
    if not conds:
        return []
    with db.session() as s:
        return [
            fact_row(f)
            for f in s.scalars(
                select(Fact)
                .where(or_(*conds), Fact.n_sources >= 2)
                .order_by(Fact.story_id, Fact.id)
                .limit(limit)
            )
        ]
