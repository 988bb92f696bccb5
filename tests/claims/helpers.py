"""Small helpers for the claim tests: extract and pick claims by kind."""

from __future__ import annotations

from datetime import date

from factwatch.ingest.claims.extract import extract_unchecked
from factwatch.ingest.models import Claim


def claims(text: str, lang: str, published: date | None = None) -> list[Claim]:
    """Claims of `text`; the unchecked path so that a bug fails the test loudly."""
    return extract_unchecked(text, lang, published)


def of_kind(text: str, lang: str, kind: str, published: date | None = None) -> list[Claim]:
    return [c for c in claims(text, lang, published) if c.kind == kind]


def one(text: str, lang: str, kind: str, published: date | None = None) -> Claim:
    found = of_kind(text, lang, kind, published)
    assert len(found) == 1, f"expected one {kind} in {text!r}, got {found}"
    return found[0]


def values(text: str, lang: str, kind: str) -> list[tuple[float | None, str | None]]:
    return [(c.value, c.unit) for c in of_kind(text, lang, kind)]
