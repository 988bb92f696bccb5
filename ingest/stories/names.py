"""Names as story evidence: an article's actors, the story names they match (by stem across
Latin-script languages, by prefix in Chinese), headline actors the story never names, and the
credit shared names earn."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from factwatch.ingest.entities import is_common_word, is_generic_name
from factwatch.ingest.params import StoryParams
from factwatch.ingest.stories.lead import is_cjk_key
from factwatch.ingest.text import CJK_SCRIPT_LANGS, base_language, normalise_name, same_stem

if TYPE_CHECKING:
    from factwatch.ingest.stories.state import StoryState

NameGroup = tuple[str, frozenset[str]]

def name_tokens(names: Iterable[str]) -> set[str]:
    return {token for name in names for token in name.split()}


def name_keys(tokens: Iterable[str], params: StoryParams) -> set[str]:
    """Index keys of name tokens: the token itself, and "~" + its stem prefix for the
    prefix-stem matches `token_match` allows ("lisbonne"/"lisboa")."""
    n = params.stem_min_chars
    keys = set()
    for token in tokens:
        keys.add(token)
        if len(token) >= n:
            keys.add("~" + token[:n])
    return keys


def active_entities(story: StoryState, params: StoryParams) -> frozenset[str]:
    """Names carried by enough members to characterise the story (not one member's aside).

    Kept on the (immutable) state: a story is a candidate for many articles in a row, and
    its up to `max_entities` names would otherwise be filtered again for each."""
    memo = story.__dict__.get("_active")
    if memo is not None and memo[0] == params.entity_support:
        return memo[1]
    floor = max(1, math.ceil(params.entity_support * story.n_articles))
    names = frozenset(k for k, n in story.entities.items() if n >= floor)
    object.__setattr__(story, "_active", (params.entity_support, names))
    return names


def names_comparable(article_lang: str | None, story_langs: frozenset[str]) -> bool:
    """Whether a shared name could have been seen: Latin-script names survive translation
    between Latin-script languages, not into Chinese (transliterated) or out of it."""
    if not article_lang or not story_langs:
        return True
    cjk = base_language(article_lang) in CJK_SCRIPT_LANGS
    return any((base_language(lang) in CJK_SCRIPT_LANGS) == cjk for lang in story_langs)


def name_groups(names: frozenset[str]) -> list[NameGroup]:
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


def token_match(token: str, story: frozenset[str], params: StoryParams) -> str | None:
    """The story token naming the same thing: equal, or sharing a long prefix-stem
    ("milan"/"milanese", "lisbonne"/"lisboa", "portugal"/"portuguese")."""
    if token in story:
        return token
    latin, cjk = params.stem_min_chars, params.cjk_stem_chars
    if is_cjk_key(token):
        # "青禾锂业" in one outlet, "青禾锂业集团" or the short name "青禾" in another
        for other in _by_prefix(story, latin, cjk).get(token[:cjk], ()):
            if other.startswith(token) or token.startswith(other):
                return other
        return None
    if len(token) < latin:
        return None
    for other in _by_prefix(story, latin, cjk).get(token[:latin], ()):
        if same_stem(token, other, min_shared=latin, share=params.stem_share):
            return other
    return None


@lru_cache(maxsize=4096)
def _by_prefix(names: frozenset[str], latin: int, cjk: int) -> dict[str, list[str]]:
    """A story's names by their first `latin` letters, or first `cjk` characters for
    Chinese names (a frozenset keeps its hash)."""
    index: dict[str, list[str]] = {}
    for name in sorted(names):
        if is_cjk_key(name) and len(name) >= cjk:
            index.setdefault(name[:cjk], []).append(name)
        elif len(name) >= latin:
            index.setdefault(name[:latin], []).append(name)
    return index


def headline_actors(groups: list[NameGroup], title: str) -> list[NameGroup]:
    """The article's distinctive actors (not countries or regions) that its headline names,
    each with the name tokens the headline uses ("nornalis logistics": both; "berger" alone
    for an "ingrid berger" of the lead)."""
    if not title:
        return []
    heading = normalise_name(" ".join(title.split()))

    def named(token: str) -> bool:
        if is_cjk_key(token):
            return token in heading
        return re.search(rf"(?<!\w){re.escape(token)}(?!\w)", heading) is not None

    actors = []
    for label, tokens in groups:
        used = frozenset(t for t in tokens if named(t) and not is_common_word(t))
        if used and not is_generic_name(label):
            actors.append((label, used))
    return actors


def actor_conflict(
    actors: list[NameGroup], story_langs: frozenset[str], names: frozenset[str], params: StoryParams
) -> str | None:
    """An actor the headline names that the story, in a script it could show, never names.

    Latin-script names are checked against stories with Latin-script members, CJK names
    against stories with CJK members (a name in another script cannot be seen)."""
    langs = story_langs or frozenset({""})
    latin_story = any(base_language(lang) not in CJK_SCRIPT_LANGS for lang in langs)
    cjk_story = any(base_language(lang) in CJK_SCRIPT_LANGS for lang in langs)
    missing = None
    for label, tokens in actors:
        cjk = any(is_cjk_key(t) for t in tokens)
        if (cjk and not cjk_story) or (not cjk and not latin_story):
            continue
        # "Nornalis Logistics" is not the "Valrigen Logistics" story: every word must match.
        if all(token_match(t, names, params) is not None for t in tokens):
            return None  # the headline names one of the story's actors
        missing = label
    return missing if names else None


def specific_names_shared(
    groups: list[NameGroup], story: frozenset[str], params: StoryParams
) -> int:
    """How many of the article's names (not countries or regions) the story also names, in
    every word ("ingrid berger" is not the story's "ingrid holmberg")."""
    count = 0
    for label, tokens in groups:
        words = [t for t in tokens if not is_common_word(t)]
        if (
            not is_generic_name(label)
            and words
            and all(token_match(t, story, params) for t in words)
        ):
            count += 1
    return count


def shared_names(
    groups: list[NameGroup],
    story: frozenset[str],
    df: Counter[str],
    generic_weight: float,
    params: StoryParams,
) -> tuple[float, list[str]]:
    """Credit for the article's actors also named by the story: one per actor, divided by
    the number of candidate stories naming it (a name every story carries says little), and
    scaled by `generic_weight` for countries and regions."""
    weight = 0.0
    shown = []
    for label, tokens in groups:
        best = 0.0
        for token in tokens:
            other = token_match(token, story, params)
            if other is not None:
                best = max(best, 1.0 / max(1, df[token], df[other]))
        if best > 0:
            if is_generic_name(label):
                best *= generic_weight
            weight += best
            shown.append(label)
    return weight, shown
