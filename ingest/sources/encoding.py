"""Guessing the encoding of legacy (non-UTF-8) text.

charset-normalizer ranks candidates by how garbled the decoded text looks; on a short
French or German text several Windows code pages decode without any visible damage and it
picks the first of them (often cp1250, turning "crème" into "crčme"). Among such ties we
prefer windows-1252, by far the most common legacy encoding of the languages we read.
"""

from __future__ import annotations

import charset_normalizer

_PREFERRED = "cp1252"
_TIE = 1e-6


def guess_decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for bytes that are not UTF-8, or None when nothing fits."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        tied = match.chaos <= best.chaos + _TIE and match.coherence >= best.coherence - _TIE
        if tied and _PREFERRED in (match.encoding, *match.could_be_from_charset):
            return data.decode(_PREFERRED), _PREFERRED
    return str(best), best.encoding
