"""The languages the pipeline reads, one folder each (`en/`, `fr/`, ...), spaCy-style.

Each folder builds one `LanguageData` (schema.py) holding every word list and small rule of
its language; code asks `get(code)` for a language's slot, or `union(slot)` when it needs a
slot across all languages (a text of unknown language, a cleaning rule for every outlet).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from typing import Any

from factwatch.ingest.lang.schema import LanguageData

__all__ = ["SUPPORTED", "LanguageData", "find", "get", "phrases", "union"]

# The languages whose claims are read, in the order help texts list them.
SUPPORTED: tuple[str, ...] = ("en", "fr", "de", "es", "it", "pt", "nl", "zh")


@cache
def get(code: str) -> LanguageData:
    """The data of a supported language; ValueError naming the supported ones otherwise."""
    if code not in SUPPORTED:
        raise ValueError(
            f"unsupported language {code!r}: supported are {', '.join(SUPPORTED)}"
        )
    data: LanguageData = import_module(f"factwatch.ingest.lang.{code}").DATA
    return data


def find(code: str | None) -> LanguageData | None:
    """The data of `code` when it is supported, else None (for texts in any language)."""
    return get(code) if code in SUPPORTED else None


def union(slot: str) -> list[Any]:
    """Every entry of a list slot across the supported languages, in language order,
    duplicates kept once."""
    out: dict[Any, None] = {}
    for code in SUPPORTED:
        for item in getattr(get(code), slot):
            out.setdefault(item, None)
    return list(out)


@cache
def phrases(code: str, slot: str) -> re.Pattern[str]:
    """A language's phrases of one slot (a list, or a mapping's keys) as one pattern over
    case-folded text: whole words, or anywhere in a language written without spaces; every
    language's phrases for a language not read."""
    data = find(code)
    words = list(getattr(data, slot)) if data is not None else union(slot)
    body = "|".join(re.escape(w.casefold()) for w in sorted(words, key=len, reverse=True))
    if data is not None and data.unspaced:
        return re.compile(body)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")
