"""detect_language: declared tags are trusted unless clearly contradicted on enough text."""

from __future__ import annotations

import pytest

from factwatch.ingest.language import detect_language, normalize_language_tag

GERMAN = (
    "Der Stadtrat hat am Dienstag einen Kredit von 4,5 Millionen Euro für die Sanierung der "
    "Brücke bewilligt. Die Arbeiten beginnen im Frühjahr und sollen zwei Jahre dauern. Die "
    "Opposition kritisierte die Kosten als zu hoch, stimmte aber am Ende zu."
)
SAMPLES = {
    "en": "The council approved the plan on Monday, and work will start in September.",
    "fr": "Le conseil municipal a approuvé le projet lundi ; les travaux commenceront en "
    "septembre.",
    "es": "El ayuntamiento aprobó el proyecto el lunes y las obras comenzarán en septiembre.",
    "it": "Il consiglio comunale ha approvato il progetto lunedì e i lavori inizieranno a "
    "settembre.",
    "pt": "A câmara municipal aprovou o projeto na segunda-feira e as obras começam em setembro.",
    "nl": "De gemeenteraad heeft het plan maandag goedgekeurd en de werkzaamheden beginnen in "
    "september.",
    "zh": "3月3日，杭州人工智能企业深算智能发布新一代开源大模型，训练成本不到600万美元。",
    "ja": "市議会は月曜日に計画を承認し、工事は九月に始まる予定です。",
    "ru": "Городской совет в понедельник одобрил план, работы начнутся в сентябре.",
}


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-CN", "zh"),
        ("de-CH", "de"),
        ("pt_BR", "pt"),
        ("EN", "en"),
        ("fra", "fr"),
        ("zh-Hant-TW", "zh"),
        ("und", None),
        ("", None),
        (None, None),
        ("x-pig-latin", None),
    ],
)
def test_normalize_language_tag(tag, expected):
    assert normalize_language_tag(tag) == expected


@pytest.mark.parametrize(("lang", "text"), SAMPLES.items())
def test_detects_without_hint(lang, text):
    assert detect_language(text) == lang


def test_hint_is_trusted_on_short_text():
    assert detect_language("Cobaltline commits $8.5 billion", hint="de-DE") == "de"


def test_hint_is_overruled_when_clearly_wrong_on_enough_text():
    assert detect_language(GERMAN, hint="en-US") == "de"
    assert detect_language(GERMAN, hint="de-AT") == "de"


def test_hint_outside_the_detectors_languages_is_kept():
    assert detect_language(GERMAN, hint="he") == "he"


def test_too_little_text_without_hint():
    assert detect_language("OK") is None
    assert detect_language("") is None
