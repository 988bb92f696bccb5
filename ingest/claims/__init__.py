"""Claim extraction: every money amount, percentage, count and calendar day in a text.

A hand-written grammar per language (en, fr, de, es, it, pt, zh; other languages are read
with the English grammar). Pure and offline: no I/O, no models.
"""

from __future__ import annotations

from datetime import date

from ingest.claims.extract import extract_unchecked
from ingest.models import Claim

__all__ = ["extract_claims"]


def extract_claims(text: str, lang: str, published: date | None = None) -> list[Claim]:
    """Claims of `text` sorted by start; `published` dates days written without a year.

    Never raises: a text the grammar cannot read yields fewer claims, not an error.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        return extract_unchecked(text, lang, published)
    except Exception:
        return []
