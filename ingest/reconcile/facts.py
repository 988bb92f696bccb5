"""Group claims into facts: the same quantity or date, across articles and languages.

Matching is by what is measured, not by value: each claim's clause is embedded with the
multilingual sentence encoder, so "investissement de 380 milliards de yuans" and
"410亿元人民币的总投资" can meet. Three rules keep look-alikes apart:

1. one article states each fact once: two different mentions in one article are two facts
   (a repeated figure or a figure with its conversion in brackets is one mention);
2. between two articles, a mention is aligned only with its mutual best match, so the 2024
   revenue claim pairs with the other outlet's 2024 revenue, not with its investment figure;
3. hard blocks: counts of different things, clauses naming different years or placing the
   figure in other countries (one country against a list of several is a part and a whole).
   People counted as jobs, employees, workers or "people" are one family: outlets use them
   interchangeably for one workforce, so within the family a different noun costs a little
   similarity instead of blocking the match.

Values only break ties (a compatible value adds a small bonus), so genuinely conflicting
figures still meet. Figures reported together support each other: when two mentions that
are each other's best match stand beside figures that already match and agree between the
two articles (in the same sentence in one article, the same or the next in the other:
"€48 a share, a premium of 33%" / "48 euros par action, soit une prime de 38 %"), a lower
similarity suffices: short clauses embed far apart.
Dates more than `MAX_DATE_GAP_DAYS` apart are different events: outlets that disagree on a
date misreport the day or the week, not the season.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np

from factwatch.ingest.entities import common_prefix
from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.reconcile.compare import (
    ABOUT_SLACK,
    Interval,
    common_interval,
    comparison_precision,
    count_family,
    last_digit_halfwidth,
    nouns_kindred,
    stated_interval,
)
from factwatch.ingest.reconcile.context import (
    clause_countries,
    clause_places,
    figure_countries,
    name_tokens,
    names_place,
    per_unit,
    relative_years,
)
from factwatch.ingest.reconcile.rates import rate_on

MATCH_THRESHOLD = 0.40
# How much lower the bar is for a mutual best match whose neighbouring figures already
# match between the same two articles.
ANCHOR_BONUS = 0.10
# Outlets that get a date wrong are mostly a day off, sometimes a week: each day further apart
# than DATE_SLIP_DAYS costs this much similarity, so a day of another event a few weeks on
# ("filed on 3 September" / "a buyer by 15 October") does not pass for a misreport, and the
# date a day off outbids one a week off ("the strike began on 13 June" / "a deal on 20 June").
DATE_GAP_SLOPE = 0.02
# A date one day off another, each in the very sentence that states a figure both articles
# agree on ("the 2 billion yuan issue was priced on 14 October" / "on 15 October Lisbon
# issued 2 billion yuan"), is one event with the day misreported (or read in another time
# zone), however little else its short clause shares: the bar is lowered this much more.
DATE_SLIP_DAYS = 1
DATE_SLIP_BONUS = 0.20
# A different noun within the people-at-work family (jobs vs employees) is weak evidence of
# a different count ("2,300 jobs at risk" / "2.300 trabajadores" are one figure).
FAMILY_PENALTY = 0.08
# Outlets disagreeing on a date misreport the day or the week; two dates further apart than
# this are two events (a signing in January, a ground-breaking in August).
MAX_DATE_GAP_DAYS = 45
# A clause that places its figure in a town the other article never names is evidence of a
# part (one site's staff) against a whole, about as strong as a compatible value is for.
PLACE_PENALTY = 0.12
# Evidence from the figures themselves: the same value and unit stated by two outlets in one
# story is strong evidence of one fact; a value compatible after rounding or conversion, less.
SAME_VALUE_BONUS = 0.25
VALUE_BONUS = 0.12
# "more than 300 million" admits any amount a little above 300 million: compatible with a
# bound is weaker evidence than compatible after rounding ("de dettes" / "ha fatturato 340").
BOUND_VALUE_BONUS = 0.06
_BOUNDS = frozenset({"more_than", "at_least", "less_than", "up_to"})
# Outlets that misreport a figure slip a digit ("412" / "421", "45" / "54", "3,500" /
# "4,500") or a scale word ("48 bn" / "480 bn"); values further apart than MISREPORT_RATIO,
# or more than one typo apart, are more likely two quantities ("620 flights a day" / "128
# flights", "240 salariés" / "185 dipendenti"), and values more than a thousandfold apart
# always are.
MISREPORT_RATIO = 1.5
IMPLAUSIBLE_PENALTY = 0.15
# A counted noun outside the lexicon ("pilotes", "Güterzüge", a Chinese classifier) cannot be
# compared with another language's noun: it costs a little similarity instead of blocking.
UNKNOWN_NOUN_PENALTY = 0.08
# Clauses whose years differ only once "this year" / "l'an dernier" are read as years.
RELATIVE_YEAR_PENALTY = 0.10
# Each article is compared with at most this many earlier articles of its story: the
# newest few (an update restates what the last reports said) and those whose figures'
# clauses read most like its own. A fact restated through a long story links up through
# the chain of articles that repeat it, and the work per new article stays bounded
# however long the story runs.
NEWEST_PARTNERS = 4
MAX_PARTNERS = 16


@dataclass(frozen=True)
class ClaimFeatures:
    vector: np.ndarray | None
    years: frozenset[int]
    link_group: int
    segment: str = ""
    countries: frozenset[str] = frozenset()


def _find(parent: dict[int, int], x: int) -> int:
    """Union-find root with path halving."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


@dataclass
class Mention:
    """Claims of one article that state one figure (repeats and bracketed conversions)."""

    article: int
    kind: str
    records: list[ClaimRecord]
    vector: np.ndarray | None
    years: frozenset[int]
    units: frozenset[str]
    # years named relative to the article's date ("this year", "去年"): weaker evidence than
    # a year written out, which a clause may carry for another event ("Founded in 2022, …")
    relative_years: frozenset[int] = frozenset()
    countries: frozenset[str] = frozenset()
    # each record's own country set ("42 shops in France" / "in France, Spain and Italy")
    country_sets: frozenset[frozenset[str]] = frozenset()
    per: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    # Word tokens of everything the reconciler sees of the article (titles, claim sentences),
    # and whether they are comparable with Latin-script place names.
    article_words: frozenset[str] = frozenset()
    latin: bool = True

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where its sentences stand in the article (a repeated figure has several)."""
        return [
            (r.claim.sentence_start, r.claim.sentence_start + len(r.claim.sentence))
            for r in self.records
        ]


# Nouns the claim grammar gives counts whose noun it does not know (Chinese classifiers).
_GENERIC_NOUNS = frozenset({"", "units", "items"})


@lru_cache(maxsize=1)
def _known_nouns() -> frozenset[str]:
    from factwatch.ingest.claims.nouns import COUNT_NOUNS

    return frozenset(COUNT_NOUNS.values()) - _GENERIC_NOUNS


def _cognate(x: str, y: str) -> bool:
    """Nouns written alike across languages ("pilots" / "pilotes" / "Piloten")."""
    shared = common_prefix(x.casefold(), y.casefold())
    return shared >= 4 and shared >= min(len(x), len(y)) - 2


def _noun_relation(a: Mention, b: Mention) -> str:
    """How the counted nouns of two count mentions relate: 'same', 'family' (jobs /
    employees), 'unknown' (a noun outside the lexicon on either side) or 'other' (two known
    nouns of different things: never one fact)."""
    return _units_relation(a.units, b.units)


@lru_cache(maxsize=65536)  # a story's few nouns meet again in every pair of its articles
def _units_relation(units_a: frozenset[str], units_b: frozenset[str]) -> str:
    if units_a & units_b or any(_cognate(x, y) for x in units_a for y in units_b):
        return "same"
    families = {count_family(u) for u in units_a}
    if any(count_family(u) in families for u in units_b):
        return "family"
    if any(nouns_kindred(x, y) for x in units_a for y in units_b):
        return "family"
    known = _known_nouns()
    if all(u in known for u in units_a) and all(u in known for u in units_b):
        return "other"
    return "unknown"


def _units_meet(a: Mention, b: Mention) -> bool:
    """Same unit, or (for counts) nouns that may name one thing."""
    if a.units & b.units:
        return True
    return a.kind == "count" and _noun_relation(a, b) != "other"


def _countries(rec: ClaimRecord, feat: ClaimFeatures) -> frozenset[str]:
    """Where the figure is placed: the nearest country (list) in its clause or sentence;
    the countries the caller found when the record carries no sentence."""
    if rec.claim.sentence:
        return figure_countries(rec.claim, feat.segment)
    return clause_countries(feat.segment) or feat.countries


def _article_mentions(
    article: int, recs: list[ClaimRecord], feats: dict[int, ClaimFeatures]
) -> list[Mention]:
    """The mentions of one article's claims (they depend on that article alone)."""
    mentions: list[Mention] = []
    if recs:
        seen = " ".join({r.title for r in recs} | {r.claim.sentence for r in recs})
        words = name_tokens(seen)
        latin = recs[0].lang.split("-")[0] not in ("zh", "ja")
        # union of apposition groups and repeated identical figures
        parent = {r.claim_id: r.claim_id for r in recs}
        by_link: dict[tuple, int] = {}
        by_value: dict[tuple, int] = {}
        for r in recs:
            f = feats.get(r.claim_id)
            keys = []
            if f is not None:
                keys.append((by_link, (r.claim.kind, f.link_group)))
            c = r.claim
            keys.append((by_value, (c.kind, c.value, c.unit, c.date_value, c.date_end)))
            for table, key in keys:
                if key in table:
                    parent[_find(parent, r.claim_id)] = _find(parent, table[key])
                else:
                    table[key] = r.claim_id
        # an amount the article also states in another currency elsewhere, converted at the
        # day's rate ("$2.5 billion" in the headline, "€2.1 billion" in the body), is one
        # figure (a conversion beside it in one sentence is the clause's own business: an
        # apposition is already one group, anything else there two figures)
        amounts = [r for r in recs if r.claim.kind == "money" and r.claim.value]
        for ra, rb in combinations(amounts, 2):
            if (
                (ra.claim.unit or "") != (rb.claim.unit or "")
                and ra.claim.sentence_start != rb.claim.sentence_start
                and _converts(ra, rb, slack=0.0)
            ):
                parent[_find(parent, rb.claim_id)] = _find(parent, ra.claim_id)
        groups: dict[int, list[ClaimRecord]] = defaultdict(list)
        for r in recs:
            groups[_find(parent, r.claim_id)].append(r)
        for members in groups.values():
            vecs = [
                feats[m.claim_id].vector
                for m in members
                if m.claim_id in feats and feats[m.claim_id].vector is not None
            ]
            vec = None
            if vecs:
                v = np.mean(np.stack(vecs), axis=0)
                n = np.linalg.norm(v)
                vec = v / n if n > 0 else v
            years = frozenset().union(
                *(feats[m.claim_id].years for m in members if m.claim_id in feats)
            )
            country_sets = frozenset(
                _countries(m, feats[m.claim_id]) for m in members if m.claim_id in feats
            )
            relative = frozenset().union(
                *(
                    relative_years(feats[m.claim_id].segment, m.published)
                    for m in members
                    if m.claim_id in feats
                )
            )
            mentions.append(
                Mention(
                    countries=frozenset().union(*country_sets),
                    country_sets=country_sets - {frozenset()},
                    article=article,
                    kind=members[0].claim.kind,
                    records=members,
                    vector=vec,
                    years=years,
                    relative_years=relative,
                    units=frozenset(m.claim.unit or "" for m in members),
                    per=frozenset(p for m in members if (p := per_unit(m.claim))),
                    places=frozenset().union(
                        *(
                            clause_places(feats[m.claim_id].segment, m.lang, seen)
                            for m in members
                            if m.claim_id in feats
                        )
                    ),
                    article_words=words,
                    latin=latin,
                )
            )
    return mentions


def _nearness_map(mentions: list[Mention]) -> dict[int, dict[int, int]]:
    """For each mention of one article, the other mentions beside it (`_nearness`)."""
    return {
        i: {
            p: n
            for p in range(len(mentions))
            if p != i and (n := _nearness(mentions[i], mentions[p]))
        }
        for i in range(len(mentions))
    }


def _same_unit(kind: str, ua: str | None, ub: str | None) -> bool:
    if ua == ub:
        return True
    return kind == "count" and count_family(ua) == count_family(ub)


def _same_value(a: Mention, b: Mention) -> bool:
    return any(
        ra.claim.value == rb.claim.value
        and _same_unit(a.kind, ra.claim.unit, rb.claim.unit)
        and ra.claim.date_value == rb.claim.date_value
        for ra in a.records
        for rb in b.records
    )


def _interval_of(rec: ClaimRecord):
    c = rec.claim
    return _interval(c.value or 0.0, c.surface, c.precision, c.qualifier)


@lru_cache(maxsize=65536)  # each claim is compared with every other of its story
def _interval(value: float, surface: str, precision: int | None, qualifier: str | None):
    return stated_interval(value, comparison_precision(surface, precision), qualifier)


def _converts(ra: ClaimRecord, rb: ClaimRecord, slack: float = ABOUT_SLACK) -> bool | None:
    """Whether two amounts in different currencies can be one amount converted at an ECB
    rate of either publication date (or any rate in between, for an amount converted from a
    third currency on each date), within their stated precision widened by `slack`; None
    when no rate is known."""
    days = [d for d in (ra.published, rb.published) if d is not None]
    rates = [r.value for d in days if (r := rate_on(ra.claim.unit or "", rb.claim.unit or "", d))]
    if not rates:
        return None
    low, high = min(rates), max(rates)
    ia = _interval_of(ra).widen(slack)
    converted = Interval(ia.low * low, ia.high * high)
    return common_interval([converted, _interval_of(rb)]) is not None


def _values_compatible(a: Mention, b: Mention) -> bool:
    for ra in a.records:
        for rb in b.records:
            ca, cb = ra.claim, rb.claim
            if ca.kind == "date":
                if ca.date_value and ca.date_value == cb.date_value:
                    return True
                continue
            if ca.value is None or cb.value is None:
                continue
            if ca.unit != cb.unit and ca.kind == "money":
                if _converts(ra, rb):
                    return True
                continue
            if common_interval([_interval_of(ra), _interval_of(rb)]) is not None:
                return True
    return False


def _unconvertible(a: Mention, b: Mention) -> bool:
    """Amounts in other currencies that no exchange rate of the two publication dates
    reconciles: two different sums. An outlet that misreports a figure gets its own
    currency's number wrong; one that converts gets the conversion about right."""
    if a.kind != "money" or a.units & b.units:
        return False
    verdicts = [
        _converts(ra, rb)
        for ra in a.records
        for rb in b.records
        if ra.claim.value is not None and rb.claim.value is not None
    ]
    known = [v for v in verdicts if v is not None]
    return bool(known) and not any(known)


def _blocked(a: Mention, b: Mention) -> bool:
    """Hard evidence of two different facts: other things counted, other years, places."""
    if a.kind == "count" and not _units_meet(a, b):
        return True
    if a.kind == "money" and (a.per != b.per or _unconvertible(a, b)):
        return True  # a price per share and a total are different quantities
    if a.kind == "date" and _date_gap(a, b) > MAX_DATE_GAP_DAYS:
        return True
    if a.years and b.years and not (a.years & b.years):
        return True
    if not (a.countries and b.countries) or a.kind == "date":
        # an event's day is not placed by the countries its clause names ("Lisbon's
        # bond, priced on China's interbank market on 15 October"); `_score` weighs them
        return False
    # other countries, or one country against a list of several: "42 shops in France" is
    # not "118 stores in France, Germany, Spain and Italy"
    return not (a.countries & b.countries) or _part_and_whole(a, b) or _part_and_whole(b, a)


def _part_and_whole(part: Mention, whole: Mention) -> bool:
    """`whole` states its figure for a list of countries that strictly contains all the
    countries `part` names, and never for those alone. (A mention whose headline says
    "in Hungary" and whose body says "China's … in Hungary" is not a list.)"""
    small = part.countries
    return any(len(s) >= 2 and small < s for s in whole.country_sets) and not any(
        s <= small for s in whole.country_sets
    )


def _date_gap(a: Mention, b: Mention) -> int:
    """Days between the closest two dates (or date ranges) the mentions state."""
    gaps = []
    for ra in a.records:
        for rb in b.records:
            ca, cb = ra.claim, rb.claim
            if ca.date_value is None or cb.date_value is None:
                continue
            a_end, b_end = ca.date_end or ca.date_value, cb.date_end or cb.date_value
            gaps.append(max(0, (cb.date_value - a_end).days, (ca.date_value - b_end).days))
    return min(gaps, default=0)


def _unnamed_place(a: Mention, b: Mention) -> bool:
    """a's clause places its figure somewhere b's article never names ("180 dipendenti" at
    the Siena plant vs a headcount from an article that never mentions Siena)."""
    return b.latin and any(not names_place(p, b.article_words) for p in a.places)


def _comparable_values(ra: ClaimRecord, rb: ClaimRecord) -> tuple[float, float] | None:
    """The two figures in one unit (an amount converted at the first publication date's
    rate when the currencies differ), or None."""
    va, vb = ra.claim.value, rb.claim.value
    if va is None or vb is None or va <= 0 or vb <= 0:
        return None
    ua, ub = ra.claim.unit or "", rb.claim.unit or ""
    if ra.claim.kind == "money" and ua != ub:
        day = ra.published or rb.published
        rate = rate_on(ua, ub, day) if day is not None else None
        if rate is None:
            return None
        return va * rate.value, vb
    return va, vb


def _aligned_digits(x: float, y: float) -> tuple[str, str]:
    """Two figures' digits written down to the finer of their last significant places
    ("3,500" / "4,500" -> "35" / "45"; "1.75 bn" / "1.9 bn" -> "175" / "190")."""
    place = min(2 * last_digit_halfwidth(x), 2 * last_digit_halfwidth(y)) or 1.0
    return str(round(x / place)), str(round(y / place))


def _one_slip(x: str, y: str) -> bool:
    """Whether two digit strings differ by at most one typo: a digit changed, added, dropped,
    or two neighbours swapped ("412" / "421", "3500" / "4500")."""
    if x == y:
        return True
    if len(x) == len(y):
        return sum(a != b for a, b in zip(x, y, strict=True)) == 1 or _swapped(x, y)
    if abs(len(x) - len(y)) != 1:
        return False
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _swapped(x: str, y: str) -> bool:
    """Two digit strings that differ by two neighbouring digits swapped ("12" / "21")."""
    if len(x) != len(y):
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and x[diff[0]] == y[diff[1]]
        and x[diff[1]] == y[diff[0]]
    )


def _misreport(a: Mention, b: Mention) -> str:
    """Whether disagreeing figures could be one figure misreported: 'plausible' (a typo or a
    scale word apart: "45" / "54", "3,500" / "4,500", "48 bn" / "480 bn"), 'implausible',
    'absurd' (over a thousandfold apart), or '' when they cannot be compared. Dates have
    their own rule (`MAX_DATE_GAP_DAYS`)."""
    if a.kind == "date":
        return ""
    pairs = [
        (ra, rb, v)
        for ra in a.records
        for rb in b.records
        if (v := _comparable_values(ra, rb)) is not None
    ]
    if not pairs:
        return ""
    best = "absurd"
    for ra, rb, (va, vb) in pairs:
        ratio = max(va, vb) / min(va, vb)
        power = math.log10(ratio)
        same_unit = (ra.claim.unit or "") == (rb.claim.unit or "")
        if 1 <= round(power) <= 3 and abs(power - round(power)) < 0.005:
            return "plausible"
        digits = _aligned_digits(va, vb)
        if ratio <= MISREPORT_RATIO and (not same_unit or _one_slip(*digits)):
            return "plausible"
        if same_unit and _swapped(*digits):  # "1,200" / "2,100": a classic slip, any ratio
            return "plausible"
        if ratio <= 10**3.2:
            best = "implausible"
    return best


def _implausible(a: Mention, b: Mention) -> bool:
    """Disagreeing figures too far apart to be one figure misreported (`_misreport`)."""
    if _same_value(a, b) or _values_compatible(a, b):
        return False
    return _misreport(a, b) in ("implausible", "absurd")


def _score(a: Mention, b: Mention) -> float:
    if _blocked(a, b):
        return -1.0
    sim = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    if a.kind == "count" and not (a.units & b.units):
        relation = _noun_relation(a, b)
        if relation == "family":
            sim -= FAMILY_PENALTY
        elif relation == "unknown":
            sim -= UNKNOWN_NOUN_PENALTY
    if a.kind == "date":
        sim -= DATE_GAP_SLOPE * max(0, _date_gap(a, b) - DATE_SLIP_DAYS)
    # a date placed in other countries: a weak sign of another event (`_blocked`)
    other_country = a.kind == "date" and bool(a.countries and b.countries)
    other_country = other_country and not (a.countries & b.countries)
    if _unnamed_place(a, b) or _unnamed_place(b, a) or other_country:
        sim -= PLACE_PENALTY
    years_a, years_b = a.years | a.relative_years, b.years | b.relative_years
    if years_a and years_b and not (years_a & years_b):
        sim -= RELATIVE_YEAR_PENALTY
    if _same_value(a, b):
        sim += SAME_VALUE_BONUS
    elif _values_compatible(a, b):
        bounded = any(r.claim.qualifier in _BOUNDS for r in (*a.records, *b.records))
        sim += BOUND_VALUE_BONUS if bounded else VALUE_BONUS
    else:
        plausibility = _misreport(a, b)
        if plausibility == "absurd":
            return -1.0
        if plausibility == "implausible":
            sim -= IMPLAUSIBLE_PENALTY
    return sim


SAME_SENTENCE, NEXT_SENTENCE = 2, 1


def _nearness(a: Mention, b: Mention) -> int:
    """Two mentions of one article: in one sentence (2), in sentences side by side (1)."""
    best = 0
    for sa, ea in a.spans:
        for sb, eb in b.spans:
            if sa == sb:
                return SAME_SENTENCE
            if 0 <= sb - ea <= 3 or 0 <= sa - eb <= 3:
                best = NEXT_SENTENCE
    return best


def _anchored(
    i: int,
    j: int,
    anchors: list[tuple[int, int]],
    near1: dict[int, dict[int, int]],
    near2: dict[int, dict[int, int]],
    both: bool = False,
) -> bool:
    """Whether an agreeing pair of figures stands beside mentions i (of the first article)
    and j (of the second): in the very same sentence in one article, in the same or the
    next sentence in the other (`both`: in the same sentence in both)."""
    least = SAME_SENTENCE if both else NEXT_SENTENCE
    return any(
        min(near1[i].get(p, 0), near2[j].get(q, 0)) >= least
        and max(near1[i].get(p, 0), near2[j].get(q, 0)) == SAME_SENTENCE
        for p, q in anchors
    )


def _mutual_best(
    scores: np.ndarray, left: list[int], right: list[int], threshold: float
) -> list[tuple[float, int, int]]:
    """One-to-one alignment of two articles' mentions: mutual best matches, then mutual
    best among those left over (the greedy assignment), every pair at or above threshold.

    A mention whose best counterpart is taken by a closer match still meets its own next
    best ("a total payout of $630 million" after the closer profit pair is aligned)."""
    pairs = sorted(
        ((float(scores[li, rj]), li, rj) for li in range(len(left)) for rj in range(len(right))),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for score, li, rj in pairs:
        if score < threshold:
            break
        if li in used_l or rj in used_r:
            continue
        used_l.add(li)
        used_r.add(rj)
        out.append((score, left[li], right[rj]))
    return out


Link = tuple[float, int, int]  # score, mention of the first article, of the second


def _pair_links(
    ms1: list[Mention],
    ms2: list[Mention],
    near1: dict[int, dict[int, int]],
    near2: dict[int, dict[int, int]],
    threshold: float,
) -> list[Link]:
    """The candidate links between two articles' mentions (indexes local to each article).

    They depend on these two articles alone, which is what lets a growing story be
    reconciled pair by new pair (`FactCache`)."""
    kinds1: dict[str, list[int]] = defaultdict(list)
    kinds2: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms1):
        kinds1[m.kind].append(i)
    for j, m in enumerate(ms2):
        kinds2[m.kind].append(j)
    tables = []
    for kind in sorted(kinds1.keys() & kinds2.keys()):
        left, right = kinds1[kind], kinds2[kind]
        scores = np.array([[_score(ms1[i], ms2[j]) for j in right] for i in left], dtype=float)
        tables.append((left, right, scores))
    # First pass: what already matches between the two articles and agrees in value,
    # every kind at once (a match between conflicting figures is itself uncertain).
    matched = [_mutual_best(sc, left, right, threshold) for left, right, sc in tables]
    anchors = [
        (i, j)
        for pairs in matched
        for _, i, j in pairs
        if _same_value(ms1[i], ms2[j]) or _values_compatible(ms1[i], ms2[j])
    ]
    # Second pass: a pair that is already each other's best match but whose short
    # clauses embed too far apart still links when figures beside both match; dates a
    # day apart, when figures in their very sentences match (DATE_SLIP_BONUS).
    links: list[Link] = []
    for (left, right, scores), pairs in zip(tables, matched, strict=True):
        found = list(pairs)
        for score, i, j in _mutual_best(scores, left, right, threshold - ANCHOR_BONUS):
            if (
                score < threshold
                and _anchored(i, j, anchors, near1, near2)
                and not _implausible(ms1[i], ms2[j])
            ):
                found.append((score, i, j))
        if ms1[left[0]].kind == "date":
            found += _date_slips(
                ms1,
                ms2,
                left,
                right,
                scores,
                found,
                anchors,
                near1,
                near2,
                threshold - ANCHOR_BONUS - DATE_SLIP_BONUS,
            )
        links.extend(found)
    return links


def _date_slips(
    ms1: list[Mention],
    ms2: list[Mention],
    left: list[int],
    right: list[int],
    scores: np.ndarray,
    found: list[Link],
    anchors: list[tuple[int, int]],
    near1: dict[int, dict[int, int]],
    near2: dict[int, dict[int, int]],
    low: float,
) -> list[Link]:
    """Third pass, dates left unlinked: a day apart, each in the very sentence of an agreed
    pair of figures (DATE_SLIP_BONUS), aligned as `_mutual_best` aligns. Only such pairs
    compete, so a date of another event a day away elsewhere in the article does not take
    the place."""
    used1 = {i for _, i, _ in found}
    used2 = {j for _, _, j in found}
    eligible = np.full_like(scores, -np.inf)
    for li, i in enumerate(left):
        for rj, j in enumerate(right):
            if (
                i not in used1
                and j not in used2
                and _date_gap(ms1[i], ms2[j]) <= DATE_SLIP_DAYS
                and _anchored(i, j, anchors, near1, near2, both=True)
            ):
                eligible[li, rj] = scores[li, rj]
    return _mutual_best(eligible, left, right, low)


@dataclass
class FactCache:
    """What `group_facts` worked out for one story, kept between calls: each article's
    mentions and the links between each pair of articles. Both depend only on the articles
    concerned, so when a story grows by k articles only the pairs with those k are scored
    (linear in the story's size, not quadratic); the result is the same as without it."""

    threshold: float = MATCH_THRESHOLD
    # by article: its claim ids, mentions, their nearness map and the article's profile
    mentions: dict[int, tuple[tuple[int, ...], list[Mention], dict, np.ndarray | None]] = field(
        default_factory=dict
    )
    links: dict[tuple[int, int], list[Link]] = field(default_factory=dict)
    # the earlier articles each article is compared with (`_partners`), valid while the
    # story only grows by newer articles
    partners: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # the judged facts of the last call by claim ids (`factwatch.ingest.reconcile.reconcile`)
    judged: dict[tuple[int, ...], Any] = field(default_factory=dict)
    # what the caller read for each article (its claim ids, records and their features),
    # so that a growing story is read from storage by its new articles only
    records: dict[int, tuple[tuple[int, ...], list[ClaimRecord], dict[int, ClaimFeatures]]] = field(
        default_factory=dict
    )

    @property
    def articles(self) -> int:
        return len(self.mentions)

    def keep_only(self, articles: set[int]) -> None:
        """Forget articles no longer reconciled (out of the story's window)."""
        gone = [a for a in self.mentions if a not in articles]
        if not gone:
            return  # the usual case: the story only grew (no scan of its pair links)
        for a in gone:
            del self.mentions[a]
        for key in [k for k in self.links if k[0] not in articles or k[1] not in articles]:
            del self.links[key]
        self.partners.clear()  # an article's best partners may have gone


def _profile(mentions: list[Mention]) -> np.ndarray | None:
    """What an article's figures are about: the mean of its mentions' clause vectors."""
    vecs = [m.vector for m in mentions if m.vector is not None]
    if not vecs:
        return None
    v = np.mean(np.stack(vecs), axis=0)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else None


def _partners(
    order: list[int], profiles: dict[int, np.ndarray | None], known: dict[int, tuple[int, ...]]
) -> dict[int, tuple[int, ...]]:
    """For each article (ids in arrival order), the earlier articles it is compared with:
    all of them in a short story; past MAX_PARTNERS, the NEWEST_PARTNERS newest and the
    rest of the quota by similarity of their profiles (`_profile`). `known` holds those
    already worked out (they depend on earlier articles only)."""
    out: dict[int, tuple[int, ...]] = {}
    for k, b in enumerate(order):
        if b in known:
            out[b] = known[b]
            continue
        earlier = order[:k]
        if len(earlier) <= MAX_PARTNERS:
            out[b] = tuple(earlier)
            continue
        newest = earlier[-NEWEST_PARTNERS:]
        rest = earlier[:-NEWEST_PARTNERS]
        pb = profiles.get(b)
        sims = np.array(
            [
                float(pa @ pb) if pb is not None and (pa := profiles.get(a)) is not None else -1.0
                for a in rest
            ]
        )
        # most similar first; among equals the newer
        ranked = np.lexsort((-np.arange(len(rest)), -sims))[: MAX_PARTNERS - NEWEST_PARTNERS]
        out[b] = tuple(sorted([rest[int(r)] for r in ranked] + newest))
    return out


def group_facts(
    records: Sequence[ClaimRecord],
    feats: dict[int, ClaimFeatures],
    threshold: float = MATCH_THRESHOLD,
    cache: FactCache | None = None,
) -> list[list[ClaimRecord]]:
    """Partition a story's claims into facts (lists of claims about one quantity or date).

    `cache` (one per story) carries mentions and pair links over from the previous call."""
    if cache is not None and cache.threshold != threshold:
        cache.mentions.clear()
        cache.links.clear()
        cache.partners.clear()
        cache.judged.clear()
        cache.threshold = threshold
    by_article: dict[int, list[ClaimRecord]] = defaultdict(list)
    for rec in records:
        by_article[rec.article_id].append(rec)
    mentions: list[Mention] = []
    offset: dict[int, int] = {}
    local: dict[int, tuple[list[Mention], dict[int, dict[int, int]]]] = {}
    profiles: dict[int, np.ndarray | None] = {}
    for article, recs in by_article.items():
        ids = tuple(r.claim_id for r in recs)
        hit = cache.mentions.get(article) if cache is not None else None
        if hit is None or hit[0] != ids:
            if hit is not None:  # the article's claims changed: its pairs are stale
                for key in [k for k in cache.links if article in k]:
                    del cache.links[key]
                cache.partners.clear()
            ms = _article_mentions(article, recs, feats)
            hit = (ids, ms, _nearness_map(ms), _profile(ms))
            if cache is not None:
                cache.mentions[article] = hit
        offset[article] = len(mentions)
        local[article] = (hit[1], hit[2])
        profiles[article] = hit[3]
        mentions.extend(hit[1])
    order = sorted(by_article)
    known: dict[int, tuple[int, ...]] = {}
    if cache is not None:
        cache.keep_only(set(by_article))
        newest_known = max(cache.partners, default=-1)
        if any(a < newest_known and a not in cache.partners for a in order):
            cache.partners.clear()  # an older article arrived late: recompute
        known = cache.partners
    partners = _partners(order, profiles, known)
    if cache is not None:
        if not known and cache.links:  # worked out afresh: pairs no longer compared go
            pairs = {(a1, a2) for a2, ps in partners.items() for a1 in ps}
            for key in [k for k in cache.links if k not in pairs]:
                del cache.links[key]
        cache.partners = partners

    links: list[Link] = []
    for a2 in order:
        for a1 in partners[a2]:
            pair = cache.links.get((a1, a2)) if cache is not None else None
            if pair is None:
                (ms1, near1), (ms2, near2) = local[a1], local[a2]
                pair = _pair_links(ms1, ms2, near1, near2, threshold)
                if cache is not None:
                    cache.links[(a1, a2)] = pair
            o1, o2 = offset[a1], offset[a2]
            links.extend((score, o1 + i, o2 + j) for score, i, j in pair)

    # Union strongest links first; never put two mentions of one article in one fact.
    parent = {i: i for i in range(len(mentions))}
    members: dict[int, set[int]] = {i: {mentions[i].article} for i in range(len(mentions))}
    for _, i, j in sorted(links, reverse=True):
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj or members[ri] & members[rj]:
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)

    groups: dict[int, list[ClaimRecord]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[_find(parent, i)].extend(m.records)
    facts = [sorted(g, key=lambda r: r.claim_id) for g in groups.values()]
    facts.sort(key=lambda g: g[0].claim_id)
    return facts
