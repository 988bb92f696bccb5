"""Every supported language fills every slot of `LanguageData`, and every list of languages
shown to people (CLI help, README) is exactly `SUPPORTED`.

A slot a language leaves empty must be listed in `MAY_BE_EMPTY` with the reason: adding a
language then fails here for each slot forgotten, instead of silently reading less.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from factwatch.cli import main
from factwatch.ingest.lang import SUPPORTED, LanguageData, find, get, union

REPO = Path(__file__).resolve().parents[2]
LANG_DIR = REPO / "ingest" / "lang"

_ZH_NUMBERS = "Chinese numerals (三千, 1.5万) are read by claims/numbers.py, not as words"
_ZH_DATES = "Chinese dates are numeric (2025年1月17日); claims/dates.py has their pattern"
_ZH_SPACING = "Chinese joins figure and noun without connecting words"
_NO_CAPS = "only English month names are also common words (May, March)"
_NO_PREFIX = "currency names are written after the figure; symbols and codes are shared"
_ONE_WORD_HUNDREDS = "hundreds are multiplied by the hundred word, none is one word"
_HUNDREDS_AS_WORDS = "hundreds are single words (quinientos, duzentos): number_hundreds"
_NO_JOINER = "no word joins the parts of a number beyond those inside compounds"
_NO_RANGE_FORM = "no 'from 24 to 26 September' form of its own: range_words cover ranges"
_NO_OF = "day and month are written side by side (31 août, 8. Juli, 16 maart)"
_NO_STARTS = "its thousand word never opens a number alone ('thousand euros' is no figure)"
_NO_CONNECTOR = "scale and unit are written side by side (10 Milliarden Euro, 5 miljard euro)"
_NO_PERCENT_NOUN = "its percent words are never used as a noun before a figure"

# (language, slot) -> why the slot may be empty there.
MAY_BE_EMPTY: dict[tuple[str, str], str] = {
    **{("zh", s): _ZH_NUMBERS for s in (
        "scales", "number_units", "number_tens", "number_extra", "number_hundreds",
        "hundred_words", "number_scales", "number_starts", "decimal_words", "joiner_words",
        "fraction", "fraction_values", "fraction_starts", "articles",
    )},
    **{("zh", s): _ZH_DATES for s in (
        "months", "day_year_after", "date_ordinal", "date_of", "date_year_join", "date_range",
    )},
    ("zh", "connectors"): _ZH_SPACING,
    ("zh", "bound_verbs"): "Chinese bounds are qualifiers (超过, 突破) right before the figure",
    ("zh", "level_verbs"): "Chinese counts find their noun by the classifier (名, 家, 个)",
    ("zh", "percent_nouns"): _NO_PERCENT_NOUN,
    ("zh", "per_unit"): "Chinese prices per unit (每股) are read by reconcile/context.py",
    **{(c, "case_sensitive_months"): _NO_CAPS for c in ("fr", "de", "es", "it", "pt", "nl", "zh")},
    **{(c, "currency_prefixes"): _NO_PREFIX for c in ("en", "fr", "de", "es", "it", "pt", "nl")},
    **{(c, "number_hundreds"): _ONE_WORD_HUNDREDS for c in ("en", "fr", "de", "it", "nl")},
    **{(c, "hundred_words"): _HUNDREDS_AS_WORDS for c in ("es", "pt")},
    **{(c, "joiner_words"): _NO_JOINER for c in ("fr", "de", "es", "it", "nl")},
    **{(c, "date_range"): _NO_RANGE_FORM for c in ("en", "de", "nl")},
    **{(c, "date_of"): _NO_OF for c in ("fr", "de", "it", "nl")},
    ("en", "number_starts"): _NO_STARTS,
    **{(c, "connectors"): _NO_CONNECTOR for c in ("de", "nl")},
    **{(c, "percent_nouns"): _NO_PERCENT_NOUN for c in ("de", "nl")},
    **{(c, "currency_defaults"): "its ambiguous symbols keep their defaults ($ is USD, ¥ is JPY)"
       for c in ("en", "fr", "de", "es", "it", "pt", "nl")},
    ("zh", "money_cues"): "Chinese currency names (元, 英镑) are never common words",
    **{(c, "false_friends"): "no counted-noun form of the shared table means another word here"
       for c in ("en", "fr", "de", "es", "it", "pt", "zh")},
    **{(c, "not_compound_heads"): "nouns are not glued into compounds (only German and Dutch)"
       for c in ("en", "fr", "es", "it", "pt", "zh")},
    **{(c, "elisions"): "no article or preposition is elided onto a name (only French, Italian)"
       for c in ("en", "de", "es", "pt", "nl", "zh")},
    **{(c, "determiners"): "names are told by capitals; only German capitalises every noun"
       for c in ("en", "fr", "es", "it", "pt", "nl", "zh")},
    **{(c, "noun_suffixes"): "common nouns are lower case: their endings prove nothing"
       for c in ("en", "fr", "es", "it", "pt", "nl", "zh")},
    ("en", "change_stems"): "English 'to' after a change is not an 'up to' word (no to_words)",
    ("en", "to_words"): "'up to' is a qualifier phrase; bare 'to' is a range word",
    ("zh", "change_stems"): "Chinese has no 'up to' word that doubles as 'to' (no to_words)",
    ("zh", "to_words"): "至/到 are range words; 最多/高达 qualifiers",
    ("zh", "abbreviations"): "Chinese sentences end with 。！？, never an abbreviation's stop",
    ("zh", "function_words"): "Chinese counts find their noun by classifier, not by word",
    ("de", "function_words"): "a German noun is capitalised: lower-case words are never taken",
    ("nl", "topic_stop_words"): "followers type topics in en fr de es it pt (topics.py)",
    ("zh", "topic_stop_words"): "Chinese topic words are matched as substrings, never dropped",
    **{(c, "over_words"): "fractions are written with a slash only (3/10)"
       for c in ("en", "fr", "de", "it", "nl", "zh")},
    ("fr", "day_year_before"): "French places the cue after the day (le 9 juin dernier)",
}


def _empty(value: object) -> bool:
    if value is None or value == "(?!)":
        return True
    return hasattr(value, "__len__") and len(value) == 0  # type: ignore[arg-type]


SLOTS = [f.name for f in dataclasses.fields(LanguageData)]


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_language_fills_every_slot(code: str) -> None:
    data = get(code)
    missing = [
        slot for slot in SLOTS
        if _empty(getattr(data, slot)) and (code, slot) not in MAY_BE_EMPTY
    ]
    assert not missing, f"{code} leaves empty: {missing} (fill them or list them in MAY_BE_EMPTY)"


def test_the_allowlist_names_only_slots_that_are_empty() -> None:
    stale = [key for key in MAY_BE_EMPTY if not _empty(getattr(get(key[0]), key[1]))]
    assert not stale, f"filled now, drop from MAY_BE_EMPTY: {stale}"
    assert all(reason.strip() for reason in MAY_BE_EMPTY.values())


def test_codes_match_the_language_folders() -> None:
    modules = {p.parent.name for p in LANG_DIR.glob("*/__init__.py")}
    assert modules == set(SUPPORTED)
    for code in SUPPORTED:
        assert get(code).code == code
        assert get(code).name


def test_an_unsupported_code_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match=r"unsupported language 'ja'.*en, fr"):
        get("ja")
    assert find("ja") is None
    assert find(None) is None
    assert find("de") is get("de")


def test_slots_hold_the_kinds_the_grammar_expects() -> None:
    kinds = {"about", "more_than", "less_than", "up_to", "at_least"}
    for code in SUPPORTED:
        data = get(code)
        assert set(data.qualifiers) <= kinds and set(data.suffix_qualifiers) <= kinds
        assert data.decimal in {",", "."}
        assert all(1 <= m <= 12 for m in data.months.values())
        assert set(data.articles) <= set(data.number_extra) | set(data.number_units)
        assert set(data.number_starts) <= set(data.number_scales)
        assert set(data.fraction_starts) <= set(data.fraction_values)
        assert callable(data.number_compounds)
        re.compile(data.fraction)


def test_union_keeps_language_order_and_drops_repeats() -> None:
    articles = union("articles")
    assert articles[:3] == ["a", "an", "one"]
    assert len(articles) == len(set(articles))
    assert "een" in articles and "um" in articles


def test_cli_help_lists_exactly_the_supported_languages() -> None:
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0, result.output
    listed = re.search(r"Language of the text \(([^)]*)\)", " ".join(result.output.split()))
    assert listed, result.output
    assert tuple(c.strip() for c in listed.group(1).split(",")) == SUPPORTED


def test_readme_lists_exactly_the_supported_languages() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `ingest/lang/`"))
    listed = re.search(r"the languages read: ([a-z ]+?) \(", row)
    assert listed, row
    assert tuple(listed.group(1).split()) == SUPPORTED



def test_territory_names_come_from_one_cldr_source_for_every_language() -> None:
    from factwatch.ingest.lang.territories import territory_names

    assert ("PT", "Portugal") in territory_names("fr")
    assert ("DE", "Deutschland") in territory_names("de")
    assert ("CN", "中国") in territory_names("zh")
    with pytest.raises(ValueError, match="unsupported language 'ja'"):
        territory_names("ja")
