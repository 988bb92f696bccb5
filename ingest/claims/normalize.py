"""A same-length normalised copy of the text, so regexes stay simple and offsets stay valid.

Every replacement maps one character to exactly one character: a match found in the
normalised copy indexes the original text unchanged (`text[start:end]` is the surface).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u205f"
_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4\u0060\uff07"
_HYPHENS = "\u2010\u2011\u2212\ufe63\uff0d"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in _SPACES:
        table[ord(ch)] = NBSP  # one marker for "unbreakable space": a digit-group separator
    table[ord("\t")] = " "
    table[ord("\u3000")] = " "
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _HYPHENS:
        table[ord(ch)] = "-"
    # Full-width ASCII (１２３．４５％, ＄, ￥): same character, half width. The ideographic
    # comma "，" stays: in Chinese it separates clauses, never digit groups.
    for code in range(0xFF01, 0xFF5F):
        if code != 0xFF0C:
            table[code] = chr(code - 0xFEE0)
    table[0xFFE5] = "¥"  # full-width yen/yuan sign
    table[0xFFE1] = "£"
    table[0xFFE0] = "¢"
    return table


_TABLE = _build_table()


# A full-width comma between full-width digits groups thousands ("９，９９９"); elsewhere it
# separates Chinese clauses and stays.
_FULLWIDTH_GROUP = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def normalize(text: str) -> str:
    """The text with spaces, apostrophes, hyphens and full-width forms unified (same length)."""
    out = text.translate(_TABLE)
    if "，" in text:
        marks = [m.start() for m in _FULLWIDTH_GROUP.finditer(text)]
        if marks:
            chars = list(out)
            for i in marks:
                chars[i] = ","
            out = "".join(chars)
    # translate() maps one code point to one string of length 1 here, so lengths match; guard
    # anyway so that a future edit of the table cannot silently break offsets.
    return out if len(out) == len(text) else text
