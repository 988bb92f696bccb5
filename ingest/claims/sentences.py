"""Sentence boundaries and the words around a claim.

A full stop ends a sentence unless it ends an abbreviation ("Feb.", "Mrd.", "ca."), an
initial ("J. Smith"), a German ordinal before a month ("am 8. Juli") or is followed by a
lower-case word. Line breaks always end a sentence (headlines have no full stop).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from factwatch.ingest import text as text_rules
from factwatch.ingest.lang import union
from factwatch.ingest.text import cjk_class, cjk_pattern

ABBREVIATIONS = frozenset(union("abbreviations"))
_WORD = re.compile(rf"[\w'’-]+|[{cjk_class()}]+")
_MONTH_WORDS = frozenset(
    name.casefold().rstrip(".") for name in union("months")
)
CONTEXT_WORDS = 12
CONTEXT_CHARS = 160  # enough for twelve words; bounds the work per claim
CONTEXT_CHARS_ZH = 24
_CJK = cjk_pattern()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text`, in order, whitespace trimmed."""
    return text_rules.split_sentences(text, is_break=_is_break)


def _is_break(text: str, m: re.Match[str], _start: int) -> bool:
    if "\n" in m.group():
        return True  # a line break always ends a sentence
    punct = m.group()[0]
    nxt = text[m.end() : m.end() + 1]
    if punct in "。！？":
        return True
    if nxt and nxt.islower():
        return False
    if punct != ".":
        return True
    before = text[max(0, m.start() - 12) : m.start()]
    word = re.split(r"[\s(\[\"'«“]", before)[-1].casefold()
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial
    if word.isdigit():
        following = re.match(r"[\w]+", text[m.end() : m.end() + 12])
        if following and following.group().casefold() in _MONTH_WORDS:
            return False  # "am 8. Juli"
    return True


def sentence_at(spans: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
    """The sentence span containing `pos` (`starts` lists the span starts)."""
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return spans[0] if spans else (0, 0)
    return spans[i]


def context_words(sentence: str, rel_start: int, rel_end: int) -> str:
    """Lower-cased words of the sentence around the claim, the claim itself removed: up to
    twelve words each side (Chinese: 24 characters each side, as it has no spaces)."""
    left = sentence[max(0, rel_start - CONTEXT_CHARS):rel_start]
    right = sentence[rel_end:rel_end + CONTEXT_CHARS]
    if _is_cjk(left[-CONTEXT_CHARS_ZH:] + right[:CONTEXT_CHARS_ZH]):
        left = left[-CONTEXT_CHARS_ZH:]
        right = right[:CONTEXT_CHARS_ZH]
    else:
        left = left[left.find(" ") + 1:] if len(left) == CONTEXT_CHARS else left  # whole words
    left_words = [w for w in _WORD.findall(left.casefold()) if not w.isdigit()]
    right_words = [w for w in _WORD.findall(right.casefold()) if not w.isdigit()]
    return " ".join(left_words[-CONTEXT_WORDS:] + right_words[:CONTEXT_WORDS])


def _is_cjk(s: str) -> bool:
    return len(_CJK.findall(s)) * 3 > len(s)
