"""Script-level text rules every part of the pipeline shares: which characters are CJK, where
sentences end, how a name is keyed, when two name keys share a stem.

One copy of each rule, so that a fix reaches every caller. Where callers needed different
behaviour the difference is an explicit parameter, never a second copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = [
    "CJK_SCRIPT_LANGS",
    "HAN",
    "UNSPACED_LANGS",
    "base_language",
    "cjk_class",
    "cjk_pattern",
    "common_prefix",
    "normalise_name",
    "same_stem",
    "split_sentences",
    "words",
]


def words(text: str) -> list[str]:
    """The whitespace-separated words of a data string (keeps long word lists compact)."""
    return text.split()

# --- CJK characters: one set of ranges ------------------------------------------------

HAN = "\u4e00-\u9fff"  # CJK Unified Ideographs: everyday Chinese (and Japanese kanji)
HAN_EXT_A = "\u3400-\u4dbf"  # Extension A: rare and old characters
HAN_COMPAT = "\uf900-\ufaff"  # Compatibility Ideographs
KANA = "\u3040-\u30ff"  # Hiragana and Katakana
HANGUL = "\uac00-\ud7af"  # Hangul syllables


def cjk_class(
    *, ext_a: bool = False, compat: bool = False, kana: bool = False, hangul: bool = False
) -> str:
    """The body of a regex character class for CJK characters: Han always, the rarer
    blocks when asked (each caller says which scripts count as evidence for it)."""
    blocks = ((KANA, kana), (HAN_EXT_A, ext_a), (HAN, True), (HAN_COMPAT, compat), (HANGUL, hangul))
    return "".join(part for part, wanted in blocks if wanted)


@lru_cache(maxsize=16)
def cjk_pattern(
    *, ext_a: bool = False, compat: bool = False, kana: bool = False, hangul: bool = False
) -> re.Pattern[str]:
    """One CJK character (see `cjk_class`), compiled once per choice of scripts."""
    return re.compile(f"[{cjk_class(ext_a=ext_a, compat=compat, kana=kana, hangul=hangul)}]")


# Languages written in a CJK script (names in them cannot be compared with Latin-script
# names), and those written without spaces between words (no word tokens to read).
CJK_SCRIPT_LANGS = frozenset({"zh", "ja", "ko"})
UNSPACED_LANGS = frozenset({"zh", "ja"})


def base_language(tag: str | None) -> str:
    """The primary subtag of a language tag ("zh-CN" -> "zh"; None -> "")."""
    return (tag or "").split("-")[0].casefold()


# --- Sentences --------------------------------------------------------------------------

# Full stops, question and exclamation marks (Latin and CJK) followed by space, and line breaks
# with all the white space around them. The look-behinds make a match start only where a run of
# punctuation or white space starts: without them every position of a long run (320 KB of
# no-break spaces, 100,000 dots) was tried and scanned to the run's end, quadratically. A match
# inside a run could only follow a failed one at the run's start, so the boundaries are the same.
SENTENCE_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]+[\"'»”’)\]]*[ \u00a0]+(?=\S)|[。！？]+[”’」』）)]*|(?<!\s)\s*\n\s*"
)


def split_sentences(
    text: str,
    *,
    boundary: re.Pattern[str] = SENTENCE_BOUNDARY,
    is_break: Callable[[str, re.Match[str], int], bool] | None = None,
    trim: bool = True,
    limit: int | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `text`, in order; blank ones left out.

    `boundary` finds candidate ends; `is_break(text, match, sentence_start)` says whether one
    really ends the sentence (None: every one does), so an abbreviation ("Mrd.", "Dr.") can
    continue it. `trim` strips the whitespace around each span; `limit` stops after that many
    sentences (the last one then runs to the end of the text, as `re.split(maxsplit=)` does).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in boundary.finditer(text):
        if limit is not None and len(spans) >= limit:
            break
        if is_break is not None and not is_break(text, m, start):
            continue
        _add(spans, text, start, m.start() + len(m.group().rstrip()) if trim else m.start(), trim)
        start = m.end()
    _add(spans, text, start, len(text), trim)
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int, trim: bool) -> None:
    if trim:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    if end > start and not text[start:end].isspace():
        spans.append((start, end))


# --- Names ------------------------------------------------------------------------------


def normalise_name(token: str) -> str:
    """Case-fold and strip accents so "Córdoba", "CORDOBA" and "cordoba" meet."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def common_prefix(a: str, b: str) -> int:
    """Length of the shared beginning of two name keys (inflected forms share a stem)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def same_stem(
    a: str,
    b: str,
    *,
    min_shared: int = 5,
    share: float = 0.75,
    max_tail: int | None = None,
    max_ending: int | None = None,
    min_len: int = 4,
    swap_from: int = 6,
) -> bool:
    """Whether two keys are forms of one word or name.

    Names (default): they share a beginning of at least `min_shared` characters and at least
    `share` of the shorter key ("lisbonne"/"lisboa", "portugal"/"portuguese"), and, when
    `max_tail` is given, all of the shorter key but its last `max_tail` characters
    ("pilots"/"pilotes"/"Piloten" as cognates, "Sevilla"/"Sevillas" as a place).
    Plain words (`max_ending` given, topic matching): the shorter (at least `min_len` long)
    is the longer's beginning with at most `max_ending` characters added ("plant"/"plants"),
    or, from `swap_from` characters, only its last character differs ("battery"/"batteries").
    """
    if max_ending is None:
        shortest = min(len(a), len(b))
        tail = shortest - max_tail if max_tail is not None else 0
        return common_prefix(a, b) >= max(min_shared, share * shortest, tail)
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < min_len:
        return False
    if long.startswith(short) and len(long) - len(short) <= max_ending:
        return True
    return len(short) >= swap_from and long[: len(short) - 1] == short[:-1]
