"""The embedding model is loaded once per test session (torch import + weights: ~5 s)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def embedder():
    from factwatch.ingest.embed import load_embedder

    return load_embedder()
