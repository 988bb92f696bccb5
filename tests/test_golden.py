"""The behaviour gate: every labelled corpus gives exactly the committed decisions.

`bench/golden.py` runs the real pipeline on each corpus and records each article's story
and copy, every claim, the fact groups, and every conflict with its verdict and summary.
A refactoring must keep them identical; a change meant to alter behaviour rewrites them with
`python bench/golden.py --write` in a commit of its own that explains the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
try:
    import golden
finally:
    sys.path.remove(str(BENCH))

NAMES = [*golden.feed_corpora(), *(f"reconcile_{n}" for n in golden.json_corpora())]


@pytest.fixture(scope="module")
def embedder():
    return golden._load_embedder()


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_decisions_match_the_golden_file(name, tmp_path, embedder):
    if name.startswith("reconcile_"):
        data = golden.dump_json_corpus(golden.json_corpora()[name[10:]], embedder)
    else:
        db = tmp_path / "golden.db"
        golden.ingest_feed_corpus(golden.feed_corpora()[name], db)
        data = golden.dump_database(db)
    assert (golden.GOLDEN / f"{name}.json").exists(), f"no golden file for {name}"
    d = golden.diff(name, data)
    assert not d, f"decisions changed on {name}:\n{d[:20000]}"
