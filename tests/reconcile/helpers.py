"""Small builders for hand-written reconciliation cases."""

from __future__ import annotations

from datetime import date
from itertools import count

from ingest.models import Claim, ClaimRecord
from ingest.reconcile.verdicts import format_number

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
):
    cid = next(_ids)
    claim = Claim(
        kind=kind,
        surface=format_number(value) if value is not None else str(day),
        start=0,
        end=1,
        value=value,
        unit=unit if kind != "percent" else "%",
        date_value=day,
        qualifier=qualifier,
        precision=precision,
        sentence="",
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
    )
