"""Orchestration: dates, then every numeral read as percent, money or count; ranges, bare
amounts and overlaps settled; sentence and context attached.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from ingest.claims.candidates import Candidate, Mention
from ingest.claims.counts import match_count, next_words
from ingest.claims.dates import find_dates
from ingest.claims.grammar import Grammar, grammar_for
from ingest.claims.lexicon import LANGS
from ingest.claims.mentions import find_mentions, find_word_mentions
from ingest.claims.money import currency_suffix, match_money
from ingest.claims.normalize import normalize
from ingest.claims.nouns import NOT_COUNTED
from ingest.claims.numbers import ZH_DIGITS, parse_zh_numeral
from ingest.claims.percent import match_percent
from ingest.claims.qualifiers import qualify
from ingest.claims.sentences import context_words, sentence_at, split_sentences
from ingest.models import Claim

# A bare scaled amount ("5.400 millones") is money only from a million up.
BARE_MIN_POWER = 6


def primary_lang(lang: str | None) -> str:
    """"fr-FR" -> "fr"; unknown or missing languages read as English."""
    code = (lang or "en").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else "en"


def extract_unchecked(text: str, lang: str | None, published: date | None = None) -> list[Claim]:
    """`extract_claims` without the safety net (tests call this to see real errors)."""
    if isinstance(published, datetime):
        published = published.date()
    g = grammar_for(primary_lang(lang))
    t = normalize(text)
    spans = split_sentences(t)
    starts = [s for s, _ in spans]

    def window(pos: int) -> str:
        s, e = sentence_at(spans, starts, pos)
        return t[s:e]

    dates = find_dates(t, g.lang, published)
    date_spans = [(c.start, c.end) for c in dates]
    candidates: list[Candidate] = [c for c in dates if c.date_value is not None]
    mentions = sorted(
        [*find_mentions(t, g, date_spans), *find_word_mentions(t, g, date_spans)],
        key=lambda m: m.start,
    )
    by_mention: list[Candidate | None] = []
    for m in mentions:
        w = window(m.start)
        cand = match_percent(t, g, m) or match_money(t, g, m, w) or match_count(t, g, m, w)
        if cand is None:
            cand = _bare_amount(t, g, m)
        by_mention.append(cand)
    _fill_ranges(t, g, mentions, by_mention)
    candidates += [c for c in by_mention if c is not None]
    candidates += _zh_numeral_claims(t, g, window)
    candidates = _merge_subunits(t, _resolve_bare(candidates, lambda p: sentence_at(spans,
                                                                                   starts, p)))
    chosen = _without_overlaps(candidates)
    return [_to_claim(text, spans, starts, c) for c in chosen]


def _bare_amount(t: str, g: Grammar, m: Mention) -> Candidate | None:
    """A scaled amount with no unit ("4 miliardi a Settimo"): money in a currency found later."""
    if g.lang == "zh" or m.power < BARE_MIN_POWER or m.weak_scale or not m.value or m.spelled:
        return None
    if g.connector_after.match(t, m.scale_end):
        return None  # "480 milliards de tonnes": a unit we do not count
    words = next_words(t, g, m.scale_end, 1)
    if words and NOT_COUNTED.fullmatch(words[0].group("w").casefold()):
        return None  # "10 million barrels"
    qualifier, start, end = qualify(t, g, m.start, m.scale_end)
    return Candidate("money", start, end, float(m.scaled), None, qualifier, m.precision,
                     bare=True)


def _fill_ranges(
    t: str, g: Grammar, mentions: list[Mention], found: list[Candidate | None]
) -> None:
    """"3-5%", "entre 5 et 10 millions d'euros", "$10 to $15 billion": the first number of a
    range takes the unit (and the scale) written once after the second."""
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        ca, cb = found[i], found[i + 1]
        if cb is None or cb.bare or a.power or a.zh_more or not a.value or not b.value:
            continue
        link = g.range_after.match(t, ca.end if ca else a.end)
        if not link or link.end() not in (b.start, cb.start):
            continue
        joint = link.group()
        if joint.strip() == "-" and joint[0] in " \u00a0" and joint[-1] not in " \u00a0":
            continue  # "Stoxx 50 -1.3%": a sign, not a range
        if not Decimal("0.01") <= a.value / b.value <= 100:
            continue  # "enero. 1.1990 a 1.015 francos": not a range
        if ca is None:
            found[i] = _range_start(t, g, a, b, cb)
        elif ca.kind == cb.kind == "money" and ca.unit == cb.unit and b.power >= 6:
            found[i] = replace(ca, value=float(Decimal(str(ca.value)).scaleb(b.power)),
                               precision=a.precision)


def _range_start(t: str, g: Grammar, a: Mention, b: Mention, cb: Candidate) -> Candidate:
    scaled = a.value.scaleb(b.power)
    if cb.kind == "percent":
        value = float(a.value)
    elif cb.kind == "money":
        value = float(scaled * _money_factor(t, g, b))
    else:
        value = float(scaled)
    return Candidate(cb.kind, a.start, a.end, value, cb.unit, None, a.precision)


def _money_factor(t: str, g: Grammar, b: Mention) -> Decimal:
    suffix = currency_suffix(t, g, b)
    return Decimal(str(suffix[1])) if suffix else Decimal(1)


def _zh_numeral_claims(t: str, g: Grammar, window) -> list[Candidate]:
    """Money and percentages written in Chinese numerals ("十五美元", "百分之五", "九成")."""
    out: list[Candidate] = []
    if g.lang != "zh":
        return out
    for m in g.zh_numeral.finditer(t):
        parsed = parse_zh_numeral(m.group())
        if parsed is None and t.startswith("折", m.end()) and all(
                ch in ZH_DIGITS for ch in m.group()):
            digits = "".join(str(ZH_DIGITS[ch]) for ch in m.group())  # "五五折" = 55 %
            parsed = Decimal(digits), len(digits.rstrip("0")) or 1
        if parsed is None:
            continue
        value, precision = parsed
        mention = Mention(m.start(), m.end(), value, precision, m.end(), spelled=True)
        cand = match_percent(t, g, mention)
        if cand is None:
            cand = match_money(t, g, mention, window(m.start()))
            if cand is None or t.startswith("化", cand.end):
                continue
            if len(m.group()) == 1 and cand.unit == "CNY" and t.startswith("元", m.end()):
                continue  # "三元电池", "一元化": not an amount
        out.append(cand)
    return out


def _resolve_bare(
    candidates: list[Candidate], sentence_of: Callable[[int], tuple[int, int]]
) -> list[Candidate]:
    """A bare amount is money when its sentence states an amount in a currency, or when the
    same amount is written with its currency elsewhere (a headline's "5.400 millones" and the
    body's "5.400 millones de euros"); it takes that currency. Otherwise it is dropped."""
    written = [c for c in candidates if c.kind == "money" and not c.bare and c.unit]
    out = []
    for c in candidates:
        if not c.bare:
            out.append(c)
            continue
        sentence = sentence_of(c.start)
        near = [w for w in written if sentence_of(w.start) == sentence]
        same = [w for w in written if w.value is not None and c.value is not None
                and math.isclose(w.value / _factor_of(w), c.value, rel_tol=1e-9)]
        pool = near or same
        if pool:
            nearest = min(pool, key=lambda w: abs(w.start - c.start))
            out.append(replace(c, unit=nearest.unit, bare=False))
    return out


def _factor_of(c: Candidate) -> float:
    return 0.01 if c.subunit else 1.0


_SUBUNIT_LINK = re.compile(r"[ \u00a0]*(?:and|und|et|y|e)?[ \u00a0]*$", re.IGNORECASE)


def _merge_subunits(t: str, candidates: list[Candidate]) -> list[Candidate]:
    """"15 dollars and 15 cents" is one amount: 15.15 in the first currency."""
    ordered = sorted(candidates, key=lambda c: c.start)
    out: list[Candidate] = []
    for c in ordered:
        prev = out[-1] if out else None
        if (prev is not None and c.kind == prev.kind == "money" and c.subunit
                and not prev.subunit and prev.value is not None and c.value is not None
                and prev.value == int(prev.value) and c.value < 1
                and prev.end <= c.start and _SUBUNIT_LINK.match(t[prev.end:c.start])):
            out[-1] = replace(prev, end=c.end, value=prev.value + c.value,
                              precision=None)
            continue
        out.append(c)
    return out


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: higher kind priority, then the longer span.

    Candidates are grouped into runs of mutually reachable overlaps first, so the choice
    stays linear in the number of candidates however long the text.
    """
    valid = [c for c in candidates if c.end > c.start
             and (c.value is None or math.isfinite(c.value))]
    valid.sort(key=lambda c: (c.start, c.end))
    chosen: list[Candidate] = []
    cluster: list[Candidate] = []
    reach = -1
    for c in [*valid, None]:
        if c is not None and c.start < reach:
            cluster.append(c)
            reach = max(reach, c.end)
            continue
        chosen += _best_of(cluster)
        if c is not None:
            cluster, reach = [c], c.end
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _best_of(cluster: list[Candidate]) -> list[Candidate]:
    ranked = sorted(cluster, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in ranked:
        if not any(c.start < o.end and o.start < c.end for o in kept):
            kept.append(c)
    return kept


def _to_claim(text: str, spans, starts, c: Candidate) -> Claim:
    s, e = sentence_at(spans, starts, c.start)
    if not (s <= c.start and c.end <= max(e, c.end)):
        s = c.start
    e = max(e, c.end)
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
