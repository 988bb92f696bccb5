"""Does a story match a follower's topic words? Pure; used by Telegram alerts and email digests.

A follower types a few words ("battery plant") in one language; the story may be reported only
in others (German and Chinese outlets). Two channels decide, either one is enough:

- **words**: every content word of the topic appears in the story's label or among its name
  keys (case, accents and simple plural endings ignored; Chinese words as substrings), so a
  topic naming an actor ("Hengchuan", "Valmora") always finds its story;
- **meaning**: the cosine between the topic's embedding and the story centroid (the mean of its
  articles' headline + lead embeddings, `factwatch.ingest.analysis.lead_text`) reaches
  `TOPIC_SIMILARITY`; the multilingual encoder puts "battery plant" near "Batteriefabrik" and
  "电池工厂".

Why 0.20 (measured by `bench/topics_dev.py` on ../shared/corpus/dev, 26 English topic phrases
written before looking at any score, against 10 stories): a short phrase and a headline + lead
centroid are far apart on the encoder's scale even when they agree (same-story cosines 0.17-0.46,
mean 0.29), while a topic and an unrelated story give 0.047 ± 0.056 (max 0.25). The threshold is
the null distribution's mean plus three standard deviations (0.215, rounded down to 0.20 so that
stories told only in other languages, whose centroids sit lower: same-story mean 0.25, still
qualify). At 0.20 cosine alone finds 82 % of topic-story pairs (68 % when only the German and
Chinese articles form the centroid) and admits 2 of 238 unrelated pairs (0.8 %); words or
cosine together find 86 % (68 % from German and Chinese articles alone) with the same false
positives. "battery plant" reaches its story at 0.27 from the German and Chinese articles alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from factwatch.ingest.lang import union
from factwatch.ingest.text import cjk_pattern, normalise_name, same_stem

__all__ = [
    "TOPIC_SIMILARITY",
    "TopicMatch",
    "cosine",
    "story_matches_topic",
    "topic_words",
]

TOPIC_SIMILARITY = 0.20

# Words that carry no topic in the languages followers type in (any of them: a follower may
# type in one language and read in another).
_STOP = frozenset(union("topic_stop_words"))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CJK = cjk_pattern(ext_a=True, compat=True, kana=True)
MAX_TOPIC_CHARS = 200


@dataclass(frozen=True)
class TopicMatch:
    """The outcome of `story_matches_topic`; truthy when the story matches.

    `similarity` is the cosine between topic and story centroid (None when either vector is
    missing); `words` are the topic words found in the story's label or names (all of the
    topic's content words when `by_words`).
    """

    matched: bool
    similarity: float | None
    words: tuple[str, ...] = ()
    by_words: bool = False

    def __bool__(self) -> bool:
        return self.matched

    @property
    def reason(self) -> str:
        if not self.matched:
            return ""
        if self.by_words:
            return "words: " + ", ".join(self.words)
        return f"similarity {self.similarity:.2f}"


def topic_words(topic: str) -> tuple[str, ...]:
    """The content words of a topic, normalised (case-folded, accents stripped), in order."""
    out: list[str] = []
    for raw in _WORD.findall(topic[:MAX_TOPIC_CHARS]):
        word = normalise_name(raw)
        if _CJK.search(word):
            if word not in out:
                out.append(word)
            continue
        if len(word) < 2 or word in _STOP or word.isdigit():
            continue
        if word not in out:
            out.append(word)
    return tuple(out)


def _as_vector(value: Any) -> np.ndarray | None:
    """A float32 vector from an array, a list or stored bytes (float16, store.repository)."""
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        if not len(value):
            return None
        return np.frombuffer(bytes(value), dtype=np.float16).astype(np.float32)
    vec = np.asarray(value, dtype=np.float32).reshape(-1)
    return vec if vec.size else None


def cosine(a: Any, b: Any) -> float | None:
    """Cosine of two vectors (arrays or stored float16 bytes); None if either is missing,
    empty, zero or of another dimension."""
    va, vb = _as_vector(a), _as_vector(b)
    if va is None or vb is None or va.shape != vb.shape:
        return None
    na, nb = float(np.linalg.norm(va)), float(np.linalg.norm(vb))
    if na == 0.0 or nb == 0.0:
        return None
    return float(np.dot(va, vb) / (na * nb))


def _entity_keys(entities: Any) -> list[str]:
    """Name keys from what the store holds: [[key, count], ...], plain keys or a mapping."""
    if not entities:
        return []
    if isinstance(entities, Mapping):
        return [str(k) for k in entities]
    keys = []
    for item in entities:
        if isinstance(item, str):
            keys.append(item)
        elif isinstance(item, Sequence) and item:
            keys.append(str(item[0]))
    return keys


def _story_tokens(label: str, entities: Iterable[str]) -> tuple[set[str], str]:
    tokens = {normalise_name(w) for w in _WORD.findall(label or "")}
    for key in entities:
        tokens.update(normalise_name(key).split())
    cjk_text = normalise_name(label or "") + " " + " ".join(k for k in entities if _CJK.search(k))
    return tokens, cjk_text


def _word_found(word: str, tokens: set[str], cjk_text: str) -> bool:
    if _CJK.search(word):
        return word in cjk_text
    if word in tokens:
        return True
    # plural and inflected endings: store/stores, plant/plants, battery/batteries
    return any(same_stem(word, tok, max_ending=3) for tok in tokens)


def story_matches_topic(
    topic: str,
    topic_vec: Any,
    story_label: str | None,
    story_entities: Any,
    story_centroid: Any,
    *,
    threshold: float = TOPIC_SIMILARITY,
) -> TopicMatch:
    """Whether a story matches `topic` by its words or by meaning (see the module docstring).

    `topic_vec`: the embedder's vector of `topic` (array or stored float16 bytes), or None to
    match by words only. `story_label`: `stories.label`; `story_entities`: `stories.entities`
    ([[key, count], ...] as stored, plain keys or a mapping); `story_centroid`:
    `stories.centroid` (stored bytes or an array; its length does not matter).
    """
    words = topic_words(topic)
    found: tuple[str, ...] = ()
    if words:
        tokens, cjk_text = _story_tokens(story_label or "", _entity_keys(story_entities))
        found = tuple(w for w in words if _word_found(w, tokens, cjk_text))
    by_words = bool(words) and len(found) == len(words)
    similarity = cosine(topic_vec, story_centroid)
    matched = by_words or (similarity is not None and similarity >= threshold)
    return TopicMatch(matched=matched, similarity=similarity, words=found, by_words=by_words)
