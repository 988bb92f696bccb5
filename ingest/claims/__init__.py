"""Claim extraction: every money amount, percentage, count and calendar day in a text.

A hand-written grammar per language (en, fr, de, es, it, pt, nl, zh; other languages are
read with the English grammar). Pure and offline: no I/O, no models.

Conventions beyond `ingest.models.Claim`:
- precision: significant digits as written; trailing zeros of a whole number do not count
  ("4 500" -> 2, "1 250" -> 3, "52,4" -> 3), zeros after a decimal mark do ("4,10" -> 3).
- percent: unit "%" for percentages, "pp" for percentage points and basis points (converted
  to points: 25 bp -> 0.25 pp).
- count: unit is a canonical English plural ("salariés" -> "employees"); "people" becomes
  "employees" when the sentence is about employment. Unknown nouns keep their own word.
- money: a scaled amount written without currency ("5.400 millones") takes the currency of
  an amount in the same sentence, or of the same amount written elsewhere with its currency;
  otherwise it is not a claim. Sub-units are converted ("50 cents" -> 0.5 USD), and two
  digits right after an amount written with its currency's name or code are its cents
  ("15 dollars 50", "zwei Euro fünfzig" -> 15.5, 2.5). Bitcoin, outside ISO 4217, is "BTC".
- numbers written in words are read whole in every language but Chinese ("quinientos
  treinta y cinco", "einhundertneunundneunzig", "dos coma cinco"); they make a claim next
  to a percent word, a currency or a scale ("deux milliards").
- dates: a day without a year takes the year that puts it nearest the publication date, the
  future counting double (a day more than ~4 months ahead is last year's). Without a
  publication date the latest year written before it is used, else no claim.
"""

from __future__ import annotations

from datetime import date

from factwatch.ingest.claims.extract import extract_unchecked
from factwatch.ingest.models import Claim

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
        # The contract is "never raises" (a bad article must not stop ingestion); the tests
        # call `extract_unchecked` so that a bug still fails loudly there.
        return []
