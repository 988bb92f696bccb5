"""The real model (slow): normalised 512-d vectors, cross-lingual closeness, the
sentence-transformers round trip, and story decisions on real headline + lead embeddings."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from factwatch.ingest.embed import DEFAULT_MODEL, EmbedderError, load_embedder
from factwatch.ingest.entities import extract_entities
from factwatch.ingest.stories import ArticleSignals, cluster_articles, headline_and_lead

pytestmark = pytest.mark.slow

T0 = datetime(2025, 3, 4, 10, 0)

# A fictional event (an acquisition) in English and German, and the same company in another
# story (a product recall) a few weeks later.
DEAL_EN = (
    "Norvik Foods to buy Dutch snack maker Taldera for €1.3 billion",
    "Norwegian food group Norvik Foods agreed to acquire Taldera, the Rotterdam-based maker of "
    "crisps and nuts, for €1.3 billion in cash, the companies said on Tuesday.",
)
DEAL_DE = (
    "Norvik Foods übernimmt niederländischen Snackhersteller Taldera",
    "Der norwegische Lebensmittelkonzern Norvik Foods kauft den Rotterdamer Chips- und "
    "Nusshersteller Taldera für 1,3 Milliarden Euro in bar, wie beide Unternehmen am Dienstag "
    "mitteilten.",
)
RECALL_EN = (
    "Norvik Foods recalls frozen fish fingers over plastic fragments",
    "Norvik Foods is recalling several batches of its frozen fish fingers sold in Norway and "
    "Sweden after customers found small pieces of plastic, the company said.",
)


def signals(embedder, item: tuple[str, str], lang: str, when: datetime) -> ArticleSignals:
    title, body = item
    lead = headline_and_lead(title, body)
    return ArticleSignals(
        embedding=embedder.encode([lead])[0],
        entities=extract_entities(lead, lang),
        published=when,
        lang=lang,
        title=title,
    )


def test_vectors_are_normalised_512_float32(embedder) -> None:
    assert embedder.name == DEFAULT_MODEL and embedder.dimension == 512
    vectors = embedder.encode(["Bonjour le monde", "衡川新能源拟在葡萄牙投资", "x" * 5000])
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, 512)
    assert load_embedder() is embedder  # cached per process


def test_translation_is_closer_than_unrelated_text(embedder) -> None:
    fr, en, other = embedder.encode(
        [
            "Le fabricant chinois de batteries va construire une usine au Portugal.",
            "The Chinese battery maker will build a factory in Portugal.",
            "Olive oil production in Jaén is expected to rise despite the drought.",
        ]
    )
    assert fr @ en > 0.6
    assert fr @ en > fr @ other + 0.3


def test_module_saves_and_reloads_through_sentence_transformers(embedder, tmp_path) -> None:
    from sentence_transformers import SentenceTransformer

    embedder.model.save(str(tmp_path))
    reloaded = SentenceTransformer(str(tmp_path), device="cpu", trust_remote_code=True)
    text = ["Hengchuan breaks ground on Portuguese battery plant"]
    np.testing.assert_allclose(
        reloaded.encode(text, normalize_embeddings=True), embedder.encode(text), atol=1e-5
    )
    from_folder = load_embedder(str(tmp_path))
    assert from_folder.dimension == 512
    np.testing.assert_allclose(from_folder.encode(text), embedder.encode(text), atol=1e-5)


def test_hub_model_unavailable_offline_names_it_and_the_default(monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbedderError) as err:
        load_embedder("factwatch-tests/no-such-model")
    assert "factwatch-tests/no-such-model" in str(err.value)
    assert DEFAULT_MODEL in str(err.value)


def test_cross_lingual_same_story_joins_same_company_other_story_stays_apart(embedder) -> None:
    articles = [
        signals(embedder, DEAL_EN, "en", T0),
        signals(embedder, DEAL_DE, "de", T0 + timedelta(hours=5)),
        signals(embedder, RECALL_EN, "en", T0 + timedelta(days=20)),
    ]
    assignment, states, decisions = cluster_articles(articles)
    assert assignment == [0, 0, 1], [d.reasons for d in decisions]
    assert "norvik foods" in decisions[1].shared_entities
    assert states[0].label == DEAL_EN[0]
    assert states[0].langs == {"en", "de"}
