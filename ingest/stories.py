"""Incremental story clustering: an article joins the best-matching story or starts a new one.

Pure functions over dataclasses; the caller loads candidate stories (e.g. those seen in the last
year) and persists the result (`StoryState.to_record` / `StoryState.from_record`).

Why several signals: on headline + lead embeddings, same-story pairs across languages and
same-company-other-story pairs overlap in cosine (DESIGN.md, step 7), so cosine alone decides
only at the extremes. In between, the decision asks for corroboration that a different story
rarely provides: names shared with the story (cross-lingual for Latin scripts) and figures
shared with it (a distinctive amount such as 41 bn CNY, across currencies). Chinese names are
transliterated, so for a zh article against a Latin-script story the name channel is blind and
the cosine bar sits between the two. Stories run for months, so elapsed time raises the bar
gently (logarithmically) instead of cutting stories off.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import numpy as np

from factwatch.ingest.entities import common_prefix, is_common_word, is_generic_name, normalise_name
from factwatch.ingest.models import Claim

__all__ = [
    "ArticleSignals",
    "StoryConfig",
    "StoryDecision",
    "StoryIndex",
    "StoryState",
    "assign_story",
    "cluster_articles",
    "figure_keys",
    "figures_match",
    "headline_and_lead",
    "merge_into",
    "new_story",
    "short_label",
]


@dataclass(frozen=True)
class StoryConfig:
    """Decision thresholds (cosines of L2-normalised USE-m3 headline+lead embeddings).

    The defaults are round values on the encoder's scale: unrelated news ~0.1-0.3, same domain
    0.3-0.5, same story in another language 0.45-0.8, syndicated copies > 0.9.
    """

    high_similarity: float = 0.70  # join on the embedding alone
    mid_similarity: float = 0.45  # join with two distinctive shared names, or a shared figure
    low_similarity: float = 0.35  # floor: below it, never join
    name_cap: float = 2.0  # shared-name credit counted at most (two distinctive names)
    generic_name_weight: float = 0.5  # a shared country or region ("portugal") counts half
    figure_credit: float = 2.0  # a shared figure is worth two names
    blind_name_credit: float = 1.0  # names not comparable (zh vs Latin script): neutral
    time_scale_days: float = 30.0
    time_slope: float = 0.02  # bar rise per doubling of (1 + gap / time_scale)
    max_gap_days: float = 400.0  # beyond: only the high-similarity rule applies
    # The headline names an actor the story never names (another company fined, another
    # firm's plant): no credit counts and the bar rises above the high one. Templated news
    # ("Regulator fines X", "X to cut 1,400 jobs") embeds close for any X.
    actor_conflict_bar: float = 0.78
    # A shared figure that many unrelated stories could state (a round count, an amount
    # matched only after conversion at a ±3 % tolerance) is worth one name, not two.
    weak_figure_credit: float = 1.0
    entity_support: float = 0.2  # story names: mentioned by at least this share of members
    max_entities: int = 200  # name tokens kept per story (most frequent)
    max_figures: int = 300
    label_chars: int = 90


@dataclass(frozen=True)
class ArticleSignals:
    """What the matcher knows about one article.

    `embedding`: L2-normalised vector of headline + lead (`headline_and_lead`), not the whole
    text. `entities`: `factwatch.ingest.entities.extract_entities` of the same text. `figures`:
    `figure_keys(claims)`.
    """

    embedding: np.ndarray
    entities: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()
    published: datetime | date | None = None
    lang: str | None = None
    title: str = ""
    # Companies the lead names by their legal form (`entities.zh_companies`): the actors
    # of a Chinese report whose headline names none ("雅江锂矿扩建项目获批").
    lead_companies: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StoryState:
    """A story as the matcher needs it; persisted by the caller.

    `centroid` is the normalised mean of the member embeddings and `mean_norm` the length of
    that mean before normalising (1.0 for one member), which makes updates exact. `entities`
    counts, for each name token ("hengchuan", "sines"), the members naming it; `figures` is
    the union of member figure keys.
    """

    story_id: int | None
    centroid: np.ndarray
    n_articles: int
    entities: Counter[str] = field(default_factory=Counter)
    figures: frozenset[str] = frozenset()
    first_seen: datetime | date | None = None
    last_seen: datetime | date | None = None
    label: str = ""
    langs: frozenset[str] = frozenset()
    mean_norm: float = 1.0
    label_lang: str | None = None

    def to_record(self) -> dict[str, Any]:
        """JSON-friendly fields for storage. `centroid` is the mean vector (not normalised:
        its length is `mean_norm`) so that `from_record` restores the state exactly."""
        return {
            "story_id": self.story_id,
            "centroid": (self.centroid * self.mean_norm).astype(np.float32),
            "n_articles": self.n_articles,
            "entities": [[k, int(v)] for k, v in _top(self.entities, len(self.entities))],
            "figures": sorted(self.figures),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "label": self.label,
            "langs": sorted(self.langs),
        }

    @classmethod
    def from_record(
        cls,
        *,
        story_id: int | None,
        centroid: np.ndarray | Sequence[float],
        n_articles: int,
        entities: Mapping[str, int] | Iterable[str | Sequence[Any]] = (),
        figures: Iterable[str] = (),
        first_seen: datetime | date | None = None,
        last_seen: datetime | date | None = None,
        label: str = "",
        langs: Iterable[str] = (),
        label_lang: str | None = None,
    ) -> StoryState:
        """Rebuild a state from stored fields; `entities` may be a mapping, [key, count] pairs
        or plain keys. The label is taken as English when the story has an English member
        (merge_into switches the label to the first English title)."""
        mean = np.asarray(centroid, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(mean))
        counts: Counter[str] = Counter()
        if isinstance(entities, Mapping):
            counts.update({str(k): int(v) for k, v in entities.items()})
        else:
            for item in entities:
                if isinstance(item, str):
                    counts[item] += 1
                else:
                    counts[str(item[0])] += int(item[1])
        lang_set = frozenset(langs)
        if label_lang is None and "en" in lang_set:
            label_lang = "en"
        return cls(
            story_id=story_id,
            centroid=mean / norm if norm > 0 else mean,
            n_articles=int(n_articles),
            entities=counts,
            figures=frozenset(figures),
            first_seen=first_seen,
            last_seen=last_seen,
            label=label,
            langs=lang_set,
            mean_norm=min(norm, 1.0) if norm > 0 else 1.0,
            label_lang=label_lang,
        )


@dataclass(frozen=True)
class StoryDecision:
    """The outcome of `assign_story`: a candidate to join, or a new story (`index` None).

    `index` points into the candidates given, `story_id` is that candidate's id; `score` is
    how far the cosine cleared the candidate's bar; `reasons` explain it in words.
    """

    index: int | None
    story_id: int | None
    score: float
    similarity: float
    reasons: tuple[str, ...] = ()
    shared_entities: tuple[str, ...] = ()
    shared_figures: tuple[str, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.index is None


# ----------------------------------------------------------------------------- text


_SHORT_LINE = 40  # characters: section labels, bylines and timestamps are shorter
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]")


def headline_and_lead(title: str, text: str, max_chars: int = 600) -> str:
    """Headline plus the opening paragraphs, the text to embed and to take names from.

    The lead names the event; the rest of an article drifts into background that other
    stories share. Short lines before the first paragraph (section, byline, timestamp) are
    skipped. CJK text is ~2.5x denser per character, so its budget is smaller.
    """
    title = (title or "").strip()
    body = (text or "").strip()
    if title and body.startswith(title):
        body = body[len(title) :]
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    dense = bool(lines) and len(_CJK.findall(" ".join(lines[:3]))) > len(" ".join(lines[:3])) / 3
    budget = int(max_chars * (0.4 if dense else 1.0))
    min_line = _SHORT_LINE * (0.4 if dense else 1.0)
    picked: list[str] = []
    size = 0
    for line in lines:
        if not picked and len(line) < min_line:
            continue
        picked.append(line)
        size += len(line)
        if size >= budget:
            break
    lead = "\n".join(picked)
    if len(lead) > budget:
        cut = max(lead.rfind(". ", 0, budget), lead.rfind("。", 0, budget))
        lead = lead[: cut + 1] if cut >= budget // 2 else lead[:budget]
    return f"{title}\n{lead}".strip()


def short_label(title: str, max_chars: int = 90) -> str:
    """A headline shortened at a word boundary (site names after " | " dropped)."""
    text = " ".join((title or "").split())
    if " | " in text:
        text = text.split(" | ")[0]
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars)
    if cut < max_chars // 2:  # no spaces (zh) or one long word
        cut = max_chars - 1
    return text[:cut].rstrip(" ,;:-–—") + "…"


# -------------------------------------------------------------------------- figures


def _fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6g}"


def _significant_digits(value: float) -> int:
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0")
    if "e" in digits:
        digits = digits.split("e")[0]
    return len(digits.rstrip("0")) or 1


def figure_keys(claims: Iterable[Claim]) -> frozenset[str]:
    """Distinctive figures of an article as keys: "money:41000000000:CNY", "count:4500:jobs",
    "percent:81.2".

    Kept when an unrelated article would rarely state the same value: money with at least two
    significant digits, counts from 100 with two, percentages with three ("81.2 %", not
    "2.1 %"). Round figures ("1 billion", "50 %"), small counts and dates are left out: many
    stories share them, and same-day news shares dates.
    """
    keys: set[str] = set()
    for claim in claims:
        value = claim.value
        if value is None or not math.isfinite(value) or value <= 0:
            continue
        digits = _significant_digits(value)
        if claim.kind == "money" and claim.unit and digits >= 2:
            keys.add(f"money:{_fmt(value)}:{claim.unit.upper()}")
        elif claim.kind == "count" and digits >= 2 and (value >= 100 or digits >= 3):
            keys.add(f"count:{_fmt(value)}:{(claim.unit or '').lower()}")
        elif claim.kind == "percent" and digits >= 3:
            keys.add(f"percent:{_fmt(value)}")
    return frozenset(keys)


@lru_cache(maxsize=65536)
def _parse_figure(key: str) -> tuple[str, float, str] | None:
    parts = key.split(":")
    if len(parts) < 2:
        return None
    try:
        value = float(parts[1])
    except ValueError:
        return None
    return parts[0], value, (parts[2] if len(parts) > 2 else "")


@lru_cache(maxsize=1)
def _converter() -> Any:
    try:
        from currency_converter import CurrencyConverter
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


@lru_cache(maxsize=4096)
def _rate(base: str, quote: str, day: date | None) -> float | None:
    conv = _converter()
    if conv is None or base not in conv.currencies or quote not in conv.currencies:
        return None
    try:
        return float(conv.convert(1.0, base, quote, date=day))
    except Exception:  # outside the bundled history: the latest rate is close enough here
        try:
            return float(conv.convert(1.0, base, quote))
        except Exception:
            return None


def figures_match(a: str, b: str, day: date | None = None) -> bool:
    """Whether two figure keys state the same quantity.

    Same currency: within 2 % (rounding: "$5.7bn" vs "$5.72bn"). Another currency: converted
    at the ECB rate of `day` (the newer article's date: an outlet converts at its own date),
    within 3 %. Counts compare values only (the counted noun varies by outlet and language).
    """
    pa, pb = _parse_figure(a), _parse_figure(b)
    if pa is None or pb is None or pa[0] != pb[0]:
        return False
    kind, va, ua = pa
    _, vb, ub = pb
    if kind == "percent":
        return abs(va - vb) < 0.05
    if kind == "money" and ua != ub:
        rate = _rate(ua, ub, day)
        return rate is not None and _close(va * rate, vb, 0.03)
    return _close(va, vb, 0.02)


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _distinctive_match(key: str, story: frozenset[str]) -> bool:
    """Whether an article figure the story shares is strong evidence: the same amount in the
    same currency, a count with three significant digits or the same counted noun, or a
    percentage (`figure_keys` keeps only those with three digits). A round count ("1,200")
    of other things, or an amount that matches only once converted, is weak."""
    parsed = _parse_figure(key)
    if parsed is None:
        return False
    kind, value, unit = parsed
    if key in story or kind == "percent":
        return True
    if kind == "count" and _significant_digits(value) >= 3:
        return True
    table = _figure_table(story)
    for bucket in _buckets_near(key, None, ()):
        for other in table.get(bucket, ()):
            p = _parse_figure(other)
            if p is not None and p[2] == unit and _close(p[1], value, 0.02):
                return True
    return False


def _corroborated(
    article: ArticleSignals,
    story: StoryState,
    groups: list[tuple[str, frozenset[str]]],
    names: frozenset[str],
    df: Counter[str],
    day: date | None,
    near: Mapping[str, set[tuple[str, str, int]]],
) -> bool:
    """Whether the article shares with the story two distinctive specific names (not
    countries or regions, nor names many candidate stories carry: a regulator, a capital),
    or three such names and distinctive figures together: more than templated news about
    another actor shares by chance."""
    found = 0.0
    if _specific_names_shared(groups, names):
        found, _ = _shared_names(groups, names, df, 0.0)
        if found >= 2:
            return True
    if found + len(article.figures) < 3 or not story.figures:
        return False  # not enough figures to make up the rest (most templated candidates)
    for key in _shared_figures(article.figures, story.figures, day, near):
        if _distinctive_match(key, story.figures):
            found += 1
            if found >= 3:
                return True
    return False


def _specific_names_shared(groups: list[tuple[str, frozenset[str]]], story: frozenset[str]) -> int:
    """How many of the article's names (not countries or regions) the story also names, in
    every word ("ingrid berger" is not the story's "ingrid holmberg")."""
    count = 0
    for label, tokens in groups:
        words = [t for t in tokens if not is_common_word(t)]
        if not is_generic_name(label) and words and all(_token_match(t, story) for t in words):
            count += 1
    return count


def _shared_figures(
    article: Iterable[str],
    story: frozenset[str],
    day: date | None,
    near: Mapping[str, set[tuple[str, str, int]]],
) -> list[str]:
    """The article's figures that one of the story's matches (`figures_match`), looked up in
    the story's value buckets rather than compared with each of its (up to 300) figures.
    `near`: each article figure's buckets (`_buckets_near`, over the story's currencies)."""
    table = _figure_table(story)
    shared = []
    for key in article:
        if key in story:
            shared.append(key)
            continue
        found = {other for b in near[key] for other in table.get(b, ())}
        if any(figures_match(key, other, day) for other in found):
            shared.append(key)
    return sorted(shared)


@lru_cache(maxsize=1024)
def _figure_table(figures: frozenset[str]) -> dict[tuple[str, str, int], list[str]]:
    """A story's figure keys by value bucket (a frozenset keeps its hash: cheap to look up)."""
    table: dict[tuple[str, str, int], list[str]] = {}
    for key in figures:
        for bucket in _figure_buckets(key):
            table.setdefault(bucket, []).append(key)
    return table


@lru_cache(maxsize=1024)
def _currencies_of(figures: frozenset[str]) -> frozenset[str]:
    """The currencies a story's amounts are stated in."""
    return frozenset(b[1] for b in _figure_table(figures) if b[0] == "money")


def _buckets_near(
    key: str, day: date | None, currencies: Iterable[str]
) -> set[tuple[str, str, int]]:
    """The buckets holding every figure `figures_match` could pair with `key`: neighbouring
    value buckets and, for money, each of `currencies` at the rate of `day`."""
    parsed = _parse_figure(key)
    if parsed is None or not math.isfinite(parsed[1]) or parsed[1] <= 0:
        return set()
    kind, value, unit = parsed
    if kind == "percent":
        b = math.floor(value * 10.0)
        return {("percent", "", b + d) for d in (-1, 0, 1)}
    targets = [(unit, value)] if kind == "money" else [("", value)]
    if kind == "money":
        for other in set(currencies) - {unit}:
            rate = _rate(unit, other, day)
            if rate is not None and rate > 0:
                targets.append((other, value * rate))
    filed = "money" if kind == "money" else "count"
    out = set()
    for cur, target in targets:
        b = math.floor(math.log(target) / _FIGURE_STEP)
        out.update((filed, cur, b + d) for d in (-2, -1, 0, 1, 2))
    return out


# ----------------------------------------------------------------------------- time


def _as_utc(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _day(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return _as_utc(value).date() if isinstance(value, datetime) else value


def _gap_days(when: datetime | date | None, story: StoryState) -> float:
    """Days between the article and the story's active span (0 inside it or when unknown)."""
    if when is None:
        return 0.0
    t = _as_utc(when)
    gaps = []
    if story.first_seen is not None and t < _as_utc(story.first_seen):
        gaps.append((_as_utc(story.first_seen) - t).total_seconds())
    if story.last_seen is not None and t > _as_utc(story.last_seen):
        gaps.append((t - _as_utc(story.last_seen)).total_seconds())
    return max(gaps, default=0.0) / 86400.0


def _earlier(a: datetime | date | None, b: datetime | date | None) -> datetime | date | None:
    if a is None or b is None:
        return a if b is None else b
    return a if _as_utc(a) <= _as_utc(b) else b


def _later(a: datetime | date | None, b: datetime | date | None) -> datetime | date | None:
    if a is None or b is None:
        return a if b is None else b
    return a if _as_utc(a) >= _as_utc(b) else b


# ------------------------------------------------------------------------- decision


def _is_cjk_key(key: str) -> bool:
    return bool(_CJK.search(key))


def _active_entities(story: StoryState, config: StoryConfig) -> frozenset[str]:
    """Names carried by enough members to characterise the story (not one member's aside).

    Kept on the (immutable) state: a story is a candidate for many articles in a row, and
    its up to `max_entities` names would otherwise be filtered again for each."""
    memo = story.__dict__.get("_active")
    if memo is not None and memo[0] == config.entity_support:
        return memo[1]
    floor = max(1, math.ceil(config.entity_support * story.n_articles))
    names = frozenset(k for k, n in story.entities.items() if n >= floor)
    object.__setattr__(story, "_active", (config.entity_support, names))
    return names


_CJK_LANGS = frozenset({"zh", "ja", "ko"})


def _names_comparable(article_lang: str | None, story_langs: frozenset[str]) -> bool:
    """Whether a shared name could have been seen: Latin-script names survive translation
    between Latin-script languages, not into Chinese (transliterated) or out of it."""
    if not article_lang or not story_langs:
        return True
    cjk = article_lang.split("-")[0] in _CJK_LANGS
    return any((lang.split("-")[0] in _CJK_LANGS) == cjk for lang in story_langs)


def _name_tokens(names: Iterable[str]) -> set[str]:
    return {token for name in names for token in name.split()}


def _name_groups(names: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    """The article's names merged when they share a token ("hengchuan new energy" and
    "hengchuan" are one actor): (representative name, its tokens), one per actor."""
    groups: list[tuple[list[str], set[str]]] = []
    for name in sorted(names, key=lambda n: (-len(n.split()), n)):
        tokens = set(name.split())
        hits = [g for g in groups if g[1] & tokens]
        if not hits:
            groups.append(([name], tokens))
            continue
        keep = hits[0]
        keep[0].append(name)
        keep[1].update(tokens)
        for other in hits[1:]:
            keep[0].extend(other[0])
            keep[1].update(other[1])
            groups.remove(other)
    return [(min(members, key=len), frozenset(tokens)) for members, tokens in groups]


def _token_match(token: str, story: frozenset[str]) -> str | None:
    """The story token naming the same thing: equal, or sharing a long prefix-stem
    ("milan"/"milanese", "lisbonne"/"lisboa", "portugal"/"portuguese")."""
    if token in story:
        return token
    if _is_cjk_key(token):
        # "青禾锂业" in one outlet, "青禾锂业集团" or the short name "青禾" in another
        for other in _by_prefix(story).get(token[:2], ()):
            if other.startswith(token) or token.startswith(other):
                return other
        return None
    if len(token) < 5:
        return None
    for other in _by_prefix(story).get(token[:5], ()):
        if common_prefix(token, other) >= max(5, 0.75 * min(len(token), len(other))):
            return other
    return None


@lru_cache(maxsize=4096)
def _by_prefix(names: frozenset[str]) -> dict[str, list[str]]:
    """A story's names by their first five letters, or first two characters for Chinese
    names (a frozenset keeps its hash)."""
    index: dict[str, list[str]] = {}
    for name in sorted(names):
        if _is_cjk_key(name) and len(name) >= 2:
            index.setdefault(name[:2], []).append(name)
        elif len(name) >= 5:
            index.setdefault(name[:5], []).append(name)
    return index


def _headline_actors(
    groups: list[tuple[str, frozenset[str]]], title: str
) -> list[tuple[str, frozenset[str]]]:
    """The article's distinctive actors (not countries or regions) that its headline names,
    each with the name tokens the headline uses ("nornalis logistics": both; "berger" alone
    for an "ingrid berger" of the lead)."""
    if not title:
        return []
    heading = normalise_name(" ".join(title.split()))

    def named(token: str) -> bool:
        if _is_cjk_key(token):
            return token in heading
        return re.search(rf"(?<!\w){re.escape(token)}(?!\w)", heading) is not None

    actors = []
    for label, tokens in groups:
        used = frozenset(t for t in tokens if named(t) and not is_common_word(t))
        if used and not is_generic_name(label):
            actors.append((label, used))
    return actors


def _actor_conflict(
    actors: list[tuple[str, frozenset[str]]], story: StoryState, names: frozenset[str]
) -> str | None:
    """An actor the headline names that the story, in a script it could show, never names.

    Latin-script names are checked against stories with Latin-script members, CJK names
    against stories with CJK members (a name in another script cannot be seen)."""
    langs = story.langs or frozenset({""})
    latin_story = any(lang.split("-")[0] not in _CJK_LANGS for lang in langs)
    cjk_story = any(lang.split("-")[0] in _CJK_LANGS for lang in langs)
    missing = None
    for label, tokens in actors:
        cjk = any(_is_cjk_key(t) for t in tokens)
        if (cjk and not cjk_story) or (not cjk and not latin_story):
            continue
        # "Nornalis Logistics" is not the "Valrigen Logistics" story: every word must match.
        if all(_token_match(t, names) is not None for t in tokens):
            return None  # the headline names one of the story's actors
        missing = label
    return missing if names else None


def _shared_names(
    groups: list[tuple[str, frozenset[str]]],
    story: frozenset[str],
    df: Counter[str],
    generic_weight: float,
) -> tuple[float, list[str]]:
    """Credit for the article's actors also named by the story: one per actor, divided by
    the number of candidate stories naming it (a name every story carries says little), and
    scaled by `generic_weight` for countries and regions."""
    weight = 0.0
    shown = []
    for label, tokens in groups:
        best = 0.0
        for token in tokens:
            other = _token_match(token, story)
            if other is not None:
                best = max(best, 1.0 / max(1, df[token], df[other]))
        if best > 0:
            if is_generic_name(label):
                best *= generic_weight
            weight += best
            shown.append(label)
    return weight, shown


def assign_story(
    article: ArticleSignals,
    candidates: Sequence[StoryState],
    config: StoryConfig | None = None,
    name_df: Mapping[str, int] | None = None,
) -> StoryDecision:
    """Choose the story `article` belongs to among `candidates`, or a new one.

    The cosine bar starts at `high_similarity` and is lowered by corroboration: each unit of
    credit takes off half the gap between the high and mid bars, down to `low_similarity`.
      - shared names: 1 unit per distinctive name, at most `name_cap` (2: the mid bar);
        a name carried by k candidate stories counts 1/k (a country or a big company that
        every story mentions counts for little);
      - a shared figure: `figure_credit` units (2: the mid bar on its own);
      - names not comparable (no names, or different scripts): `blind_name_credit` (1:
        half-way), since an unseen name is neither evidence for nor against.
    So: high cosine alone joins, medium cosine with two names or a figure joins, low cosine
    never does. A headline naming only actors the story never names (another company in a
    templated event) voids the credit and sets the bar at `actor_conflict_bar`. Elapsed time
    raises the bar by `time_slope * log2(1 + gap / time_scale)`, and
    beyond `max_gap_days` only the high bar applies. Among candidates that clear their bar,
    the largest margin wins. Cost: one matrix-vector product, set work for candidates above
    the floor.

    `name_df` gives, for the article's name tokens, how many stories carry each one when
    `candidates` is a pre-selection (`StoryIndex.candidates`) rather than every story in the
    window; without it the counts are taken over `candidates`.
    """
    config = config or StoryConfig()
    if not candidates:
        return StoryDecision(None, None, 0.0, 0.0, ("new story: no candidate stories",))
    vector = np.asarray(article.embedding, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    vector = vector / norm if norm > 0 else vector
    centroids = np.stack([np.asarray(c.centroid, dtype=np.float32).reshape(-1) for c in candidates])
    sims = centroids @ vector
    unit = (config.high_similarity - config.mid_similarity) / 2.0

    groups = _name_groups(article.entities)
    actors = _headline_actors(groups, article.title)
    if not actors and article.lead_companies:
        actors = [(name, frozenset({name})) for name in sorted(article.lead_companies)]
    article_tokens = _name_tokens(article.entities)
    df: Counter[str] = Counter()
    active: dict[int, frozenset[str]] = {}
    for i, story in enumerate(candidates):
        if name_df is None:
            names = _active_entities(story, config)
            df.update(names & article_tokens)
        elif sims[i] >= config.low_similarity:
            names = _active_entities(story, config)
        if sims[i] >= config.low_similarity:
            active[i] = names
    if name_df is not None:
        df.update({t: int(n) for t, n in name_df.items() if t in article_tokens})

    day = _day(article.published)
    # where each article figure could be filed, in any currency a candidate story holds
    currencies = set().union(*(_currencies_of(candidates[i].figures) for i in active))
    near = {key: _buckets_near(key, day, currencies) for key in article.figures}
    best: StoryDecision | None = None
    best_margin = -math.inf
    best_index = -1
    closest: tuple[float, int, list[str]] | None = None  # the nearest miss, to explain "new"

    def beats(margin: float, i: int, held: float, held_index: int) -> bool:
        # the larger margin wins; on a tie, the candidate listed first
        return margin > held or (margin == held and i < held_index)

    # Most similar first: no bar is below `low_similarity` + the time raise, so once a
    # candidate has cleared its bar (or missed it narrowly) the rest of a crowded window
    # (templated news of other actors) cannot beat it and is not examined.
    for i in sorted(active, key=lambda k: (-float(sims[k]), k)):
        names = active[i]
        story, sim = candidates[i], float(sims[i])
        if best is not None and sim - config.low_similarity < best_margin:
            break  # nor can any less similar candidate
        gap = _gap_days(article.published, story)
        bump = config.time_slope * math.log2(1.0 + gap / config.time_scale_days)
        ceiling = sim - (config.low_similarity + bump)
        if best is not None:
            if not beats(ceiling, i, best_margin, best_index):
                continue
        elif ceiling < 0 and closest is not None and not beats(ceiling, i, *closest[:2]):
            continue
        stranger = _actor_conflict(actors, story, names) if actors else None
        if stranger is not None and _corroborated(article, story, groups, names, df, day, near):
            # "Portugal wildfire … as heatwave grips Iberia" on a story about the Sertã fire,
            # "Lissabon holt sich Geld in China" on one about Lisbon's bond: the body names
            # the story's places and people or states its figures; the headline's stranger
            # is a region or an exonym, not another actor
            stranger = None
        if stranger is not None:
            # No credit counts against another actor's story, so its bar is known without
            # looking at names and figures (most candidates of templated news end here).
            stranger_bar = max(config.high_similarity, config.actor_conflict_bar) + bump
            stranger_reason = f"headline names {stranger!r}, the story does not"
            if sim < stranger_bar:
                margin = sim - stranger_bar
                if closest is None or beats(margin, i, *closest[:2]):
                    closest = (
                        margin,
                        i,
                        [f"cosine {sim:.3f} vs bar {stranger_bar:.3f}", stranger_reason],
                    )
                continue
        name_weight, matched = _shared_names(groups, names, df, config.generic_name_weight)
        shared_figs = _shared_figures(article.figures, story.figures, day, near)
        comparable = bool(article.entities and names) and _names_comparable(
            article.lang, story.langs
        )
        if gap > config.max_gap_days or stranger is not None:
            credit = 0.0
        else:
            credit = min(name_weight, config.name_cap)
            if not comparable:
                credit = max(credit, config.blind_name_credit)
            if shared_figs:
                strong = any(_distinctive_match(key, story.figures) for key in shared_figs)
                credit += config.figure_credit if strong else config.weak_figure_credit
        bar = max(config.low_similarity, config.high_similarity - unit * credit) + bump
        if stranger is not None:
            bar = stranger_bar
        margin = sim - bar
        reasons = [f"cosine {sim:.3f} vs bar {bar:.3f}"]
        if stranger is not None:
            reasons.append(stranger_reason)
        if gap > 0:
            reasons.append(f"{gap:.0f} days from the story (bar +{bump:.3f})")
        if matched:
            reasons.append(f"shared names ({name_weight:.1f}): {', '.join(matched[:8])}")
        if shared_figs:
            reasons.append(f"shared figures: {', '.join(shared_figs[:5])}")
        if not comparable:
            reasons.append("names not comparable")
        if margin < 0 and (closest is None or beats(margin, i, *closest[:2])):
            closest = (margin, i, reasons)
        if margin >= 0 and beats(margin, i, best_margin, best_index):
            best_margin, best_index = margin, i
            best = StoryDecision(
                index=i,
                story_id=story.story_id,
                score=margin,
                similarity=sim,
                reasons=(f"join: cosine {sim:.3f} clears bar {bar:.3f}", *reasons[1:]),
                shared_entities=tuple(matched),
                shared_figures=tuple(shared_figs),
            )
    if best is not None:
        return best
    top = int(np.argmax(sims))
    why = [f"new story: best cosine {float(sims[top]):.3f} (candidate {top})"]
    if closest is not None:
        why.append(f"nearest miss: candidate {closest[1]}, " + "; ".join(closest[2]))
    return StoryDecision(None, None, 0.0, float(sims[top]), tuple(why))


# --------------------------------------------------------------------------- update


def _top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def new_story(
    article: ArticleSignals, story_id: int | None = None, config: StoryConfig | None = None
) -> StoryState:
    """A one-article story."""
    config = config or StoryConfig()
    vector = np.asarray(article.embedding, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return StoryState(
        story_id=story_id,
        centroid=vector / norm if norm > 0 else vector,
        n_articles=1,
        entities=Counter(dict(_top(Counter(_name_tokens(article.entities)), config.max_entities))),
        figures=frozenset(sorted(article.figures)[: config.max_figures]),
        first_seen=article.published,
        last_seen=article.published,
        label=short_label(article.title, config.label_chars),
        langs=frozenset([article.lang] if article.lang else []),
        mean_norm=1.0,
        label_lang=article.lang if article.title else None,
    )


def merge_into(
    story: StoryState | None, article: ArticleSignals, config: StoryConfig | None = None
) -> StoryState:
    """The story with `article` added (a new story when `story` is None).

    The centroid is the exact running mean; names count members; the label is the first
    English headline if any member is English, else the first headline.
    """
    config = config or StoryConfig()
    if story is None:
        return new_story(article, None, config)
    vector = np.asarray(article.embedding, dtype=np.float32).reshape(-1)
    vnorm = float(np.linalg.norm(vector))
    vector = vector / vnorm if vnorm > 0 else vector
    n = story.n_articles
    total = story.centroid * (story.mean_norm * n) + vector
    mean = total / (n + 1)
    mnorm = float(np.linalg.norm(mean))
    entities = story.entities + Counter(_name_tokens(article.entities))
    if len(entities) > config.max_entities:
        entities = Counter(dict(_top(entities, config.max_entities)))
    figures = story.figures | article.figures
    if len(figures) > config.max_figures:
        figures = frozenset(sorted(figures)[: config.max_figures])
    label, label_lang = story.label, story.label_lang
    if article.title and (not label or (label_lang != "en" and article.lang == "en")):
        label, label_lang = short_label(article.title, config.label_chars), article.lang
    return replace(
        story,
        centroid=(mean / mnorm if mnorm > 0 else mean).astype(np.float32),
        mean_norm=min(mnorm, 1.0),
        n_articles=n + 1,
        entities=entities,
        figures=figures,
        first_seen=_earlier(story.first_seen, article.published),
        last_seen=_later(story.last_seen, article.published),
        label=label,
        label_lang=label_lang,
        langs=story.langs | ({article.lang} if article.lang else set()),
    )


def cluster_articles(
    articles: Sequence[ArticleSignals],
    stories: Sequence[StoryState] = (),
    config: StoryConfig | None = None,
) -> tuple[list[int], list[StoryState], list[StoryDecision]]:
    """Assign `articles` one by one in the given order (oldest first, as a feed is ingested).

    Returns each article's index into the returned story list, the stories (the given ones
    first, updated) and the decisions. New stories get `story_id` None unless the caller sets
    one; indices are what link articles to stories here.
    """
    config = config or StoryConfig()
    states = list(stories)
    assignment: list[int] = []
    decisions: list[StoryDecision] = []
    for article in articles:
        decision = assign_story(article, states, config)
        if decision.index is None:
            states.append(new_story(article, None, config))
            assignment.append(len(states) - 1)
        else:
            states[decision.index] = merge_into(states[decision.index], article, config)
            assignment.append(decision.index)
        decisions.append(decision)
    return assignment, states, decisions


# ------------------------------------------------------------------------ retrieval

_FIGURE_STEP = math.log(1.02)  # figure buckets: 2 % wide on a log scale (counts, money)
_EPS = 1e-4  # cosine slack between this matrix product and assign_story's


def _bar_floors(config: StoryConfig) -> tuple[float, float, float]:
    """The lowest cosine bar a story can set (time only raises it): with nothing shared
    with the article, with shared names but no figure, and with a shared figure."""
    unit = (config.high_similarity - config.mid_similarity) / 2.0
    names = max(config.name_cap, config.blind_name_credit)
    plain = max(config.low_similarity, config.high_similarity - unit * config.blind_name_credit)
    named = max(config.low_similarity, config.high_similarity - unit * names)
    figured = max(
        config.low_similarity, config.high_similarity - unit * (names + config.figure_credit)
    )
    return plain, named, figured


def _figure_buckets(key: str) -> tuple[tuple[str, str, int], ...]:
    """Where a stored figure key is filed: its kind, currency and value bucket."""
    parsed = _parse_figure(key)
    if parsed is None or not math.isfinite(parsed[1]) or parsed[1] <= 0:
        return ()
    kind, value, unit = parsed
    if kind == "percent":
        return ((kind, "", math.floor(value * 10.0)),)
    if kind == "money":
        return ((kind, unit, math.floor(math.log(value) / _FIGURE_STEP)),)
    return (("count", "", math.floor(math.log(value) / _FIGURE_STEP)),)


def _name_keys(tokens: Iterable[str]) -> set[str]:
    """Index keys of name tokens: the token itself, and "~" + its first five letters for
    the prefix-stem matches `_token_match` allows ("lisbonne"/"lisboa")."""
    keys = set()
    for token in tokens:
        keys.add(token)
        if len(token) >= 5:
            keys.add("~" + token[:5])
    return keys


def _timestamp(value: datetime | date | None) -> float:
    return _as_utc(value).timestamp() if value is not None else math.inf


class StoryIndex:
    """The stories an article could join, found without scanning every stored story.

    Holds the states of the stories in the clustering window, a matrix of their centroids
    and inverted indexes of their name tokens and figures (by value bucket), and is kept up
    to date by its owner (`put` after each story update). `candidates` returns every story
    `assign_story` could let the article join: a story clears its bar only with a cosine
    above the lowest bar it can set, and that floor is high unless the story shares a name
    or a figure with the article, which the indexes find. With the name counts it also
    returns, the decision is the one over every story in the window, at a cost set by what
    the article shares rather than by the number of stories stored (one matrix-vector
    product over the window is the only part that grows, and it is a few milliseconds for
    ten thousand stories).
    """

    def __init__(self, config: StoryConfig | None = None) -> None:
        self.config = config or StoryConfig()
        self._states: dict[int, StoryState] = {}
        self._versions: dict[int, Any] = {}
        self._row: dict[int, int] = {}
        self._ids: list[int | None] = []
        self._free: list[int] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._last = np.zeros(0, dtype=np.float64)
        self._names: dict[str, set[int]] = {}
        self._figures: dict[tuple[str, str, int], set[int]] = {}
        self._currencies: Counter[str] = Counter()
        self._keys: dict[int, tuple[set[str], set[tuple[str, str, int]]]] = {}
        # each story's names (`_active_entities`) and, per name, how many stories carry it:
        # kept up to date on put/remove, so the counts an article needs cost what its names
        # are, not the number of stories naming "china"
        self._active: dict[int, frozenset[str]] = {}
        self._df: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._states

    def get(self, story_id: int) -> StoryState | None:
        return self._states.get(story_id)

    def version(self, story_id: int) -> Any:
        """What the owner passed as `version` with the state (e.g. its updated_at)."""
        return self._versions.get(story_id)

    def put(self, state: StoryState, version: Any = None) -> None:
        """Add a story or replace its state (it must have a `story_id`)."""
        if state.story_id is None:
            raise ValueError("StoryIndex.put needs a stored story (story_id is None)")
        sid = state.story_id
        vector = np.asarray(state.centroid, dtype=np.float32).reshape(-1)
        if self._matrix.shape[1] == 0:
            self._matrix = np.zeros((64, vector.size), dtype=np.float32)
            self._last = np.full(64, -math.inf)
            self._ids = [None] * 64
            self._free = list(range(63, -1, -1))
        if vector.size != self._matrix.shape[1]:
            # A centroid from another embedding model: it cannot be compared, so it is
            # left out rather than failing the article.
            self.remove(sid)
            return
        self._unfile(sid)
        row = self._row.get(sid)
        if row is None:
            row = self._slot()
            self._row[sid] = row
            self._ids[row] = sid
        self._matrix[row] = vector
        self._last[row] = _timestamp(state.last_seen)
        self._states[sid] = state
        self._versions[sid] = version
        names = _name_keys(state.entities)
        figures = {b for key in state.figures for b in _figure_buckets(key)}
        for key in names:
            self._names.setdefault(key, set()).add(sid)
        for bucket in figures:
            self._figures.setdefault(bucket, set()).add(sid)
            if bucket[0] == "money":
                self._currencies[bucket[1]] += 1
        self._keys[sid] = (names, figures)
        active = _active_entities(state, self.config)
        self._active[sid] = active
        self._df.update(active)

    def remove(self, story_id: int) -> None:
        self._unfile(story_id)
        row = self._row.pop(story_id, None)
        if row is not None:
            self._ids[row] = None
            self._last[row] = -math.inf
            self._matrix[row] = 0.0
            self._free.append(row)
        self._states.pop(story_id, None)
        self._versions.pop(story_id, None)

    def evict_before(self, since: datetime | date) -> int:
        """Forget stories last seen before `since` (outside the window); returns how many."""
        cut = _timestamp(since)
        old = [sid for sid, row in self._row.items() if self._last[row] < cut]
        for sid in old:
            self.remove(sid)
        return len(old)

    def candidates(
        self, article: ArticleSignals, since: datetime | date | None = None
    ) -> tuple[list[StoryState], Counter[str]]:
        """The stories last seen at or after `since` that `article` could join, most
        recently seen first, and for each of the article's name tokens the number of
        window stories naming it (`assign_story(..., name_df=...)`)."""
        if not self._states:
            return [], Counter()
        vector = np.asarray(article.embedding, dtype=np.float32).reshape(-1)
        if vector.size != self._matrix.shape[1]:
            return [], Counter()
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm > 0 else vector
        cut = _timestamp(since) if since is not None else -math.inf
        sims = self._matrix @ vector
        window = self._last >= cut
        plain, named, figured = _bar_floors(self.config)

        rows = set(np.flatnonzero(window & (sims >= plain - _EPS)).tolist())
        tokens = _name_tokens(article.entities)
        keys = _name_keys(tokens)
        postings = [self._names[key] for key in keys if key in self._names]
        near = np.flatnonzero(window & (sims >= named - _EPS))
        if sum(map(len, postings)) <= near.size:
            for ids in postings:
                for sid in ids:
                    row = self._row[sid]
                    if window[row] and sims[row] >= named - _EPS:
                        rows.add(row)
        else:  # a common name ("china"): check the few stories close enough instead
            for row in near.tolist():
                sid = self._ids[row]
                if row not in rows and sid is not None and not keys.isdisjoint(self._keys[sid][0]):
                    rows.add(row)
        for bucket in self._article_buckets(article):
            for sid in self._figures.get(bucket, ()):
                row = self._row[sid]
                if window[row] and sims[row] >= figured - _EPS:
                    rows.add(row)

        df = Counter({t: self._df[t] for t in tokens if t in self._df})
        if since is not None and df:
            # stories still indexed but last seen before the window do not count
            for row in np.flatnonzero(~window & np.isfinite(self._last)).tolist():
                sid = self._ids[row]
                if sid is not None:
                    df.subtract(self._active[sid] & df.keys())
            df = +df
        # most recently seen first (the row's stored time stamp is the state's last_seen)
        order = sorted(
            (-float(self._last[r]), sid, r) for r in rows if (sid := self._ids[r]) is not None
        )
        return [self._states[sid] for _, sid, _ in order], df

    # -------------------------------------------------------------- internals

    def _article_buckets(self, article: ArticleSignals) -> set[tuple[str, str, int]]:
        """Buckets holding every stored figure `figures_match` could pair with the
        article's (`_buckets_near` over every indexed currency)."""
        day = _day(article.published)
        out: set[tuple[str, str, int]] = set()
        for key in article.figures:
            out |= _buckets_near(key, day, self._currencies)
        return out

    def _slot(self) -> int:
        if not self._free:
            size = self._matrix.shape[0]
            grow = max(64, size)
            self._matrix = np.vstack(
                [self._matrix, np.zeros((grow, self._matrix.shape[1]), dtype=np.float32)]
            )
            self._last = np.concatenate([self._last, np.full(grow, -math.inf)])
            self._ids.extend([None] * grow)
            self._free = list(range(size + grow - 1, size - 1, -1))
        return self._free.pop()

    def _unfile(self, story_id: int) -> None:
        names, figures = self._keys.pop(story_id, (set(), set()))
        active = self._active.pop(story_id, frozenset())
        self._df.subtract(active)
        for token in active:
            if self._df[token] <= 0:
                del self._df[token]
        for key in names:
            ids = self._names.get(key)
            if ids is not None:
                ids.discard(story_id)
                if not ids:
                    del self._names[key]
        for bucket in figures:
            ids = self._figures.get(bucket)
            if ids is not None:
                ids.discard(story_id)
                if not ids:
                    del self._figures[bucket]
            if bucket[0] == "money":
                self._currencies[bucket[1]] -= 1
                if self._currencies[bucket[1]] <= 0:
                    del self._currencies[bucket[1]]
