"""How well do topic words find their story across languages? The figures behind
`ingest.topics.TOPIC_SIMILARITY`.

Ingests ../shared/corpus/dev (served on a free 127.0.0.1 port, the feed's links rewritten to
it) into a fresh SQLite database with the real CLI, unless `--db` names one already ingested.
Then, for English topic phrases written for the six stories and the four distractors (and a
few about nothing in the corpus), compares each phrase with each story:

- cosine between the phrase embedding and the story centroid, built (a) from all original
  articles of the story and (b) from its German and Chinese articles only (the "only German and
  Chinese outlets report it" case); positives are phrase-story pairs of the same story,
  negatives all others;
- the threshold rule (null mean + 3 sd) and recall / false positives at round thresholds;
- `story_matches_topic` end to end (words or cosine) for both centroids, with the label and
  names taken from the same articles.

Usage: python bench/topics_dev.py [--db PATH] [CORPUS_DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.corpus_server import CorpusServer  # noqa: E402

# Written before any score was looked at; short, as a follower would type them.
TOPICS: dict[str | None, list[str]] = {
    "S1": ["battery plant", "battery factory in Portugal", "electric vehicle batteries"],
    "S2": ["data centers", "data centre investment in Europe", "cloud computing campus"],
    "S3": ["gene therapy acquisition", "biotech takeover", "pharmaceutical merger"],
    "S4": ["tram contract", "light rail in Spain", "public transport construction"],
    "S5": ["open source AI model", "artificial intelligence", "large language model training cost"],
    "S6": ["store closures", "retail chain leaving Europe", "shop closures and job cuts"],
    "X:51c8dc7a": ["olive oil harvest"],
    "X:9019a30a": ["marathon"],
    "X:02a5ed98": ["truffle auction"],
    "X:170a6ed9": ["cycle lanes in Leeds"],
    None: ["football transfer", "interest rates", "earthquake", "elections"],
}


def ingest(corpus: Path, db_path: Path) -> None:
    env = {**os.environ, "FACTWATCH_DATABASE_URL": f"sqlite:///{db_path}"}
    with CorpusServer(corpus) as server:
        for args in (["init"], ["ingest", "--allow-private", server.feed_url]):
            cmd = [sys.executable, "-m", "factwatch", *args]
            subprocess.run(cmd, check=True, env=env, cwd=REPO)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def main() -> int:
    from factwatch.ingest.embed import load_embedder
    from factwatch.ingest.entities import extract_entities
    from factwatch.ingest.stories import headline_and_lead
    from factwatch.ingest.topics import TOPIC_SIMILARITY, story_matches_topic

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/dev"))
    ap.add_argument("--db", help="an SQLite file with the corpus already ingested")
    args = ap.parse_args()
    corpus = Path(args.corpus).resolve()
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    story_of = {a["id"]: a["story"] or f"X:{a['id']}" for a in truth["articles"]}
    if args.db:
        db_path = Path(args.db)
    else:
        db_path = Path(tempfile.mkdtemp(prefix="fw-topics-")) / "dev.db"
        ingest(corpus, db_path)

    con = sqlite3.connect(db_path)
    arts = []
    for url, lang, blob, dup, title, text in con.execute(
        "SELECT url, lang, embedding, duplicate_of, title, text FROM articles"
    ):
        if dup is not None:
            continue
        aid = url.rsplit("/", 1)[-1].split(".")[0]
        vec = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        names = extract_entities(headline_and_lead(title, text), lang, context=text)
        arts.append(
            {"story": story_of[aid], "lang": lang, "vec": vec, "title": title, "names": names}
        )
    stories = sorted({a["story"] for a in arts})
    embedder = load_embedder()
    phrases = [(s, t) for s, ts in TOPICS.items() for t in ts]
    vectors = embedder.encode([t for _, t in phrases])

    modes: dict[str, Callable[[dict], bool]] = {
        "all articles": lambda a: True,
        "de+zh articles only": lambda a: a["lang"] in ("de", "zh") or a["story"].startswith("X"),
    }
    print(f"{len(phrases)} topic phrases x {len(stories)} stories ({db_path})")
    for mode, keep in modes.items():
        pos: list[float] = []
        neg: list[tuple[float, str, str]] = []
        end_to_end = {"tp": 0, "fn": 0, "fp": 0}
        for (want, phrase), tv in zip(phrases, vectors, strict=True):
            for st in stories:
                members = [a for a in arts if a["story"] == st and keep(a)]
                if not members:
                    continue
                centroid = _unit(np.mean([a["vec"] for a in members], axis=0))
                sim = float(np.dot(tv, centroid))
                label = members[-1]["title"]
                names = sorted({n for a in members for n in a["names"]})
                match = story_matches_topic(phrase, tv, label, names, centroid)
                if want == st:
                    pos.append(sim)
                    end_to_end["tp" if match else "fn"] += 1
                else:
                    neg.append((sim, phrase, st))
                    end_to_end["fp"] += bool(match)
        _report(mode, pos, neg, end_to_end, TOPIC_SIMILARITY)
    return 0


def _report(
    mode: str,
    pos: Sequence[float],
    neg: Sequence[tuple[float, str, str]],
    e2e: dict[str, int],
    chosen: float,
) -> None:
    p = np.array(pos)
    n = np.array([x[0] for x in neg])
    print(f"\n== centroid from {mode}")
    print(
        f"same story  n={len(p):3d} mean {p.mean():.3f} min {p.min():.3f} max {p.max():.3f}\n"
        f"unrelated   n={len(n):3d} mean {n.mean():.3f} sd {n.std():.3f} max {n.max():.3f}"
        f"  -> mean + 3 sd = {n.mean() + 3 * n.std():.3f}"
    )
    for th in (0.15, 0.18, 0.20, 0.22, 0.25):
        mark = " <- TOPIC_SIMILARITY" if abs(th - chosen) < 1e-9 else ""
        print(
            f"  cosine >= {th:.2f}: recall {(p >= th).mean():.3f}, "
            f"false positives {(n >= th).sum()}/{len(n)}{mark}"
        )
    worst = sorted(neg, reverse=True)[:3]
    print("  highest unrelated:", "; ".join(f"{s:.2f} '{t}' vs {st}" for s, t, st in worst))
    tp, fn, fp = e2e["tp"], e2e["fn"], e2e["fp"]
    print(
        f"  story_matches_topic (words or cosine >= {chosen:.2f}): recall {tp}/{tp + fn} "
        f"= {tp / (tp + fn):.3f}, false positives {fp}/{len(n)}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
