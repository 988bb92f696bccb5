"""`story_matches_topic`: words in the label or names, or meaning through the embeddings."""

from __future__ import annotations

import numpy as np

from factwatch.ingest.topics import TOPIC_SIMILARITY, cosine, story_matches_topic, topic_words
from factwatch.store.repository import vector_to_bytes
from tests.telegram.conftest import unit

LABEL = "Hengchuan breaks ground on $5.7bn Portuguese battery plant"
NAMES = [["hengchuan", 4], ["sines", 4], ["portugal", 3], ["衡川新能源", 1]]


def test_topic_words_drop_function_words_and_fold_case_and_accents():
    assert topic_words("The Battery plant in Córdoba") == ("battery", "plant", "cordoba")
    assert topic_words("  ") == ()
    assert topic_words("电池 工厂") == ("电池", "工厂")


def test_all_topic_words_must_appear_in_label_or_names():
    assert story_matches_topic("battery plant", None, LABEL, NAMES, None).by_words
    assert story_matches_topic("Hengchuan Sines", None, LABEL, NAMES, None)
    assert story_matches_topic("batteries plants", None, LABEL, NAMES, None)  # plurals
    m = story_matches_topic("battery recycling", None, LABEL, NAMES, None)
    assert not m and m.words == ("battery",)
    assert not story_matches_topic("plane", None, LABEL, NAMES, None)
    assert not story_matches_topic("the of", None, LABEL, NAMES, None)


def test_chinese_words_match_as_substrings():
    assert story_matches_topic(
        "衡川", None, "衡川新能源拟在葡萄牙投资410亿元建设电池工厂", [], None
    )
    assert story_matches_topic("衡川新能源", None, "Battery plant", NAMES, None)
    assert not story_matches_topic("电动车", None, "衡川新能源拟在葡萄牙投资电池工厂", [], None)


def test_entities_in_any_stored_shape():
    for names in (NAMES, ["hengchuan", "sines"], {"hengchuan": 4}):
        assert story_matches_topic("hengchuan", None, "", names, None)
    assert not story_matches_topic("hengchuan", None, "", None, None)


def test_meaning_channel_uses_the_threshold_on_cosine():
    centroid = unit(1.0)
    near = unit(1.0, 0.2)  # cosine 0.98
    far = unit(TOPIC_SIMILARITY * 0.9, 1.0)  # below the threshold
    assert story_matches_topic("xyz", near, "unrelated words", [], centroid)
    m = story_matches_topic("xyz", far, "unrelated words", [], centroid)
    assert not m and m.similarity is not None and m.similarity < TOPIC_SIMILARITY
    assert story_matches_topic("xyz", far, "x", [], centroid, threshold=0.1)


def test_vectors_may_be_stored_bytes_of_any_length():
    centroid = unit(1.0, 1.0) * 0.37  # stored centroids are means, not unit vectors
    topic = unit(1.0, 1.0)
    m = story_matches_topic("q", vector_to_bytes(topic), "", [], vector_to_bytes(centroid))
    assert m and abs(m.similarity - 1.0) < 1e-3
    assert m.reason.startswith("similarity")


def test_missing_or_mismatched_vectors_fall_back_to_words():
    assert cosine(None, unit(1.0)) is None
    assert cosine(unit(1.0, dim=4), unit(1.0, dim=8)) is None
    assert cosine(np.zeros(8), unit(1.0)) is None
    assert cosine(b"", unit(1.0)) is None
    m = story_matches_topic("battery plant", unit(1.0, dim=4), LABEL, NAMES, unit(1.0))
    assert m and m.similarity is None and m.reason == "words: battery, plant"
