"""The shared text rules of ingest/text.py: one copy each, callers' differences as parameters."""

from __future__ import annotations

import re

from factwatch.ingest.text import (
    cjk_class,
    cjk_pattern,
    common_prefix,
    normalise_name,
    same_stem,
    split_sentences,
)


def test_cjk_scripts_are_chosen_by_flag() -> None:
    assert cjk_pattern().search("电池工厂")
    assert not cjk_pattern().search("カタカナ")
    assert cjk_pattern(kana=True).search("カタカナ")
    assert not cjk_pattern(kana=True).search("한국")
    assert cjk_pattern(hangul=True).search("한국")
    assert cjk_pattern(ext_a=True).search("\u3400")
    assert not cjk_pattern().search("\u3400")
    assert cjk_pattern(compat=True).search("\uf900")
    assert cjk_pattern(ext_a=True) is cjk_pattern(ext_a=True)  # compiled once
    assert re.fullmatch(f"[{cjk_class()}]+", "中国")


def test_sentences_split_at_stops_and_line_breaks() -> None:
    text = "Valmora grew. It hired 300 people!\nNew line 新闻。下一句"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Valmora grew.", "It hired 300 people!", "New line 新闻。", "下一句",
    ]


def test_a_caller_decides_which_stop_ends_a_sentence() -> None:
    text = "Dr. Smith came. He left."
    spans = split_sentences(
        text, is_break=lambda t, m, start: not t[start : m.start() + 1].endswith("Dr.")
    )
    assert [text[a:b] for a, b in spans] == ["Dr. Smith came.", "He left."]


def test_untrimmed_and_limited_splits_keep_the_text_around() -> None:
    boundary = re.compile(r"(?<=[.!?])\s")
    text = "One. Two. Three."
    first = split_sentences(text, boundary=boundary, trim=False, limit=1)
    assert text[: first[0][1]] == "One."
    assert len(first) == 2 and text[first[1][0] :] == "Two. Three."
    assert split_sentences("   ") == []


def test_names_are_keyed_without_case_or_accents() -> None:
    assert normalise_name("Córdoba") == normalise_name("CORDOBA") == "cordoba"
    assert normalise_name("l’Oréal") == "l'oreal"


def test_same_stem_for_names_and_for_topic_words() -> None:
    assert common_prefix("lisbonne", "lisboa") == 5
    assert same_stem("portugal", "portuguese")
    assert not same_stem("portugal", "porto")
    assert same_stem("plant", "plants", max_ending=3)
    assert same_stem("battery", "batteries", max_ending=3)
    assert not same_stem("car", "cars", max_ending=3)  # shorter than four letters
    assert not same_stem("plant", "plantation", max_ending=3)


def test_stem_with_a_tail_limit_is_the_cognate_and_place_rule():
    # Cognates across languages: all of the shorter word but its last two characters.
    assert same_stem("pilots", "pilotes", min_shared=4, share=0.0, max_tail=2)
    assert same_stem("piloten", "pilots", min_shared=4, share=0.0, max_tail=2)
    assert not same_stem("pilots", "pillows", min_shared=4, share=0.0, max_tail=2)
    # Too short a shared beginning is never a stem, whatever the tail.
    assert not same_stem("jobs", "joint", min_shared=4, share=0.0, max_tail=2)
