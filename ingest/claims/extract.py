"""Orchestration: dates, then every numeral read as percent, money or count; ranges, bare
amounts and overlaps settled; sentence and context attached.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date, datetime

from factwatch.ingest.claims.amounts import (
    bare_amount,
    merge_subunits,
    merge_trailing_cents,
    resolve_bare,
)
from factwatch.ingest.claims.candidates import Candidate
from factwatch.ingest.claims.counts import match_count
from factwatch.ingest.claims.dates import find_dates
from factwatch.ingest.claims.grammar import Grammar, grammar_for
from factwatch.ingest.claims.mentions import find_mentions, find_word_mentions
from factwatch.ingest.claims.money import match_money
from factwatch.ingest.claims.neighbours import fill_elided, fill_ranges
from factwatch.ingest.claims.normalize import normalize
from factwatch.ingest.claims.overlaps import without_overlaps
from factwatch.ingest.claims.percent import fraction_percents, match_percent
from factwatch.ingest.claims.sentences import context_words, sentence_at, split_sentences
from factwatch.ingest.claims.zh import zh_compact, zh_named_fractions, zh_numeral_claims
from factwatch.ingest.lang import SUPPORTED
from factwatch.ingest.models import Claim
from factwatch.ingest.text import base_language

# How far around a figure its sentence is read (characters): keeps run-on "sentences"
# (tables, lists without full stops) from making the extractor quadratic.
WINDOW = 400
# Web addresses: their digits ("?id=2024", "%20") are never figures.
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"'«»“”]+", re.IGNORECASE)


def primary_lang(lang: str | None) -> str:
    """"fr-FR" -> "fr"; unknown or missing languages read as English."""
    code = base_language((lang or "en").strip().replace("_", "-"))
    return code if code in SUPPORTED else "en"


def extract_unchecked(text: str, lang: str | None, published: date | None = None) -> list[Claim]:
    """`extract_claims` without the safety net (tests call this to see real errors)."""
    if isinstance(published, datetime):
        published = published.date()
    g = grammar_for(primary_lang(lang))
    t = normalize(text)
    compact = zh_compact(t) if g.lang == "zh" else None
    if compact is None:
        chosen = _candidates(t, g, published)
    else:  # "百 分 之 2.4", "4500 名员工": read without the spaces, report original spans
        squeezed, index = compact
        chosen = [replace(c, start=index[c.start], end=index[c.end - 1] + 1)
                  for c in _candidates(squeezed, g, published)]
    spans = split_sentences(t)
    starts = [s for s, _ in spans]
    return [_to_claim(text, spans, starts, c) for c in chosen]


def _candidates(t: str, g: Grammar, published: date | None) -> list[Candidate]:
    """The claims of the normalised text `t`, before sentences and context are attached."""
    spans = split_sentences(t)
    starts = [s for s, _ in spans]

    def window(pos: int) -> str:
        s, e = sentence_at(spans, starts, pos)
        return t[max(s, pos - WINDOW):min(e, pos + WINDOW)]

    urls = [(m.start(), m.end()) for m in _URL.finditer(t)]
    dates = find_dates(t, g.lang, published)
    if urls:
        dates = [d for d in dates if not any(s < d.end and d.start < e for s, e in urls)]
    date_spans = sorted([(c.start, c.end) for c in dates] + urls)
    candidates: list[Candidate] = [
        c for c in dates if c.date_value is not None and not _timestamp(t, c)
    ]
    mentions = sorted(
        [*find_mentions(t, g, date_spans), *find_word_mentions(t, g, date_spans)],
        key=lambda m: m.start,
    )
    by_mention: list[Candidate | None] = []
    for m in mentions:
        w = window(m.start)
        cand = match_percent(t, g, m) or match_money(t, g, m, w) or match_count(t, g, m, w)
        if cand is None:
            cand = bare_amount(t, g, m)
        by_mention.append(cand)
    fill_ranges(t, g, mentions, by_mention)
    fill_elided(t, g, mentions, by_mention)
    candidates += [c for c in by_mention if c is not None]
    candidates += zh_numeral_claims(t, g, window)
    candidates += zh_named_fractions(t, g)
    candidates += fraction_percents(t, g)
    candidates = resolve_bare(candidates, lambda p: sentence_at(spans, starts, p))
    candidates = [c for c in candidates if c.value is None or _real_magnitude(c.value)]
    return without_overlaps(merge_trailing_cents(t, g, merge_subunits(t, candidates)))


# No money, count or share in the news reaches 10^18 (world GDP is about 10^14 dollars): a
# larger value is a run of scale words ("一亿亿亿…元"), and an infinite one used to abort the
# whole article's extraction, so its real claims were lost with it.
MAX_MAGNITUDE = 1e18


def _real_magnitude(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE


# A byline's time stamp: "Publié le 14 janvier 2025 à 15h30", "编辑 王立衡 2025年09月17日 08:00".
_YEAR_IN = re.compile(r"(?<![0-9])(?:1[89]|2[0-9])[0-9]{2}(?![0-9])")
_CLOCK_AFTER = re.compile(
    r"[ \u00a0,|·–—-]*(?:(?:à|a las|alle|às|um|at|kl\.|om)[ \u00a0]+)?"
    r"(?:[01]?[0-9]|2[0-3])(?::|h|\.)[0-5][0-9](?![0-9])",
    re.IGNORECASE,
)
# A line this short holding a dated time stamp is a byline or a dateline, not the report.
BYLINE_CHARS = 120


def _timestamp(t: str, c: Candidate) -> bool:
    """True for a full date with a clock time after it on a short line of its own: when the
    page was published or updated, not a day the report is about."""
    if not _YEAR_IN.search(t, c.start, c.end) or not _CLOCK_AFTER.match(t, c.end):
        return False
    line_start = t.rfind("\n", 0, c.start) + 1
    line_end = t.find("\n", c.end)
    line_end = len(t) if line_end < 0 else line_end
    return line_end - line_start <= BYLINE_CHARS


def _to_claim(text: str, spans, starts, c: Candidate) -> Claim:
    s, e = sentence_at(spans, starts, c.start)
    if not s <= c.start:
        s = c.start
    e = max(e, c.end)
    s, e = max(s, c.start - WINDOW), min(e, c.end + WINDOW)
    sentence = text[s:e]
    return Claim(
        kind=c.kind,  # type: ignore[arg-type]
        surface=text[c.start:c.end],
        start=c.start,
        end=c.end,
        value=c.value,
        unit=c.unit,
        date_value=c.date_value,
        date_end=c.date_end,
        qualifier=c.qualifier,  # type: ignore[arg-type]
        precision=c.precision,
        sentence=sentence,
        sentence_start=s,
        context=context_words(sentence, c.start - s, c.end - s),
    )
