"""The part of a year a figure is for: a quarter or a half ("first quarter", "Q4", "上半年").

A fourth-quarter sales drop and a first-quarter one are two quantities however alike their
clauses read: facts carry the period they measure (issue 15, "facts have no time scope").
Each language's period phrases are its own (`LanguageData.period_words`); the codes
"Q1".."Q4", "H1", "H2" are read in every language.
"""

from __future__ import annotations

import re
from functools import cache

from factwatch.ingest.lang import SUPPORTED, find, get, phrases
from factwatch.ingest.text import base_language

_CODES = re.compile(r"(?<![\w-])(Q[1-4]|H[12])(?![\w-])")


def periods_in(segment: str, lang: str) -> frozenset[str]:
    """The quarters and halves a clause names, as "Q1".."Q4", "H1", "H2"."""
    code = base_language(lang)
    labels = _labels(code)
    found = {labels[m.group(0)] for m in phrases(code, "period_words").finditer(segment.casefold())}
    return frozenset(found | set(_CODES.findall(segment)))


@cache
def _labels(code: str) -> dict[str, str]:
    """Case-folded period phrase -> label, for one language (every language's for others)."""
    data = find(code)
    sources = [data] if data is not None else [get(c) for c in SUPPORTED]
    out: dict[str, str] = {}
    for source in sources:
        for phrase, label in source.period_words.items():
            out.setdefault(phrase.casefold(), label)
    return out
