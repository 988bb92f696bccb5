"""Article language: the declared tag (page, feed or manifest), checked by a bundled detector.

Declared tags are usually right and the detector is unreliable on short texts, so the
declared language wins unless py3langid is confident it is wrong on a text long enough to
judge. Detection is restricted to the languages news sources here actually publish in:
a small label set makes the naive-Bayes model far less likely to pick an exotic neighbour
(Catalan for Spanish, Afrikaans for Dutch) on short headlines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from factwatch.ingest.lang import SUPPORTED, get
from factwatch.ingest.text import cjk_pattern

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# The languages read, then others outlets here publish in (a story may hold them).
DETECTABLE_LANGUAGES: tuple[str, ...] = (
    *SUPPORTED, "ja", "ko", "ru", "uk", "pl", "sv", "da", "no", "fi", "cs", "ro", "hu", "el",
    "tr", "ar",
)  # fmt: skip

# Below this many letters a detection is not used to overrule a declared tag.
MIN_LETTERS_TO_OVERRULE = 120
# Below this many letters we do not guess at all when nothing was declared.
MIN_LETTERS_TO_GUESS = 15
# Probability the detector must give its language (and at most give the declared one).
OVERRULE_CONFIDENCE = 0.99
OVERRULE_HINT_CEILING = 0.001
GUESS_CONFIDENCE = 0.80
SAMPLE_CHARS = 4000

# ISO 639-2 and deprecated codes that feeds and manifests still use: the supported
# languages' from their `aliases` slot, then the others'.
_ALIASES = {alias: code for code in SUPPORTED for alias in get(code).aliases} | {
    "jpn": "ja", "kor": "ko", "rus": "ru", "ukr": "uk", "pol": "pl", "swe": "sv",
    "dan": "da", "nor": "no", "nob": "no", "nb": "no", "nn": "no", "fin": "fi",
    "ces": "cs", "cze": "cs", "ron": "ro", "rum": "ro", "hun": "hu", "ell": "el",
    "gre": "el", "tur": "tr", "ara": "ar", "iw": "he", "in": "id", "ji": "yi",
}  # fmt: skip
_NOT_A_LANGUAGE = {"und", "mul", "zxx", "mis", "xx", "x"}
_TAG_RE = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")
_CJK_RE = cjk_pattern(ext_a=True, kana=True, hangul=True)


def normalize_language_tag(tag: str | None) -> str | None:
    """The primary language subtag of a BCP-47-ish tag: "de-CH" -> "de", "zh_Hans" -> "zh".

    Returns None for empty, undetermined ("und") or malformed tags.
    """
    if not tag:
        return None
    match = _TAG_RE.match(tag.strip())
    if not match:
        return None
    primary = match.group(0).lower()
    if primary in _NOT_A_LANGUAGE:
        return None
    return _ALIASES.get(primary, primary)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Imported lazily: loading the model costs ~0.5 s, and many callers never need it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(DETECTABLE_LANGUAGES))
    return identifier


def _letters(text: str) -> int:
    # A CJK character carries about as much evidence as a short word.
    return sum(ch.isalpha() for ch in text) + 2 * len(_CJK_RE.findall(text))


def _rank(sample: str) -> list[tuple[str, float]]:
    return _identifier().rank(sample)


def detect_language(text: str, hint: str | None = None) -> str | None:
    """The primary language subtag of `text`, trusting `hint` unless clearly contradicted.

    `hint` is any declared tag (page `lang`, feed `dc:language`, manifest); it is returned
    (normalised) unless the detector gives another language at least 99% on a text of at
    least ~120 letters and gives the hint almost nothing. Hints outside the detector's
    language set are always trusted. Without a hint, returns the detector's guess when it
    is confident enough, else None.
    """
    declared = normalize_language_tag(hint)
    sample = " ".join((text or "").split())[:SAMPLE_CHARS]
    letters = _letters(sample)
    if declared is not None:
        if declared not in DETECTABLE_LANGUAGES or letters < MIN_LETTERS_TO_OVERRULE:
            return declared
        ranking = dict(_rank(sample))
        best, best_p = max(ranking.items(), key=lambda item: item[1])
        if (
            best != declared
            and best_p >= OVERRULE_CONFIDENCE
            and ranking.get(declared, 0.0) <= OVERRULE_HINT_CEILING
        ):
            return best
        return declared
    if letters < MIN_LETTERS_TO_GUESS:
        return None
    best, best_p = _rank(sample)[0]
    return best if best_p >= GUESS_CONFIDENCE else None
