"""The behaviour gate: what the pipeline decides on every labelled corpus, as stable JSON.

A structural change (moving code, splitting modules, gathering parameters) must not change a
single decision. This script runs the real pipeline on every labelled corpus and writes, per
corpus, each article's story and copy, every claim, the fact groups with their status, and
every conflict with its verdict and summary. `tests/test_golden.py` diffs a fresh run against
the committed files in `tests/golden/`; a change that is meant to alter behaviour rewrites
them (`--write`) in its own commit, with the diff explained.

- feed corpora (`../shared/corpus/dev`, `bench/corpora/*`): served over real HTTP on a free
  loopback port, ingested by the real CLI into a fresh SQLite database, read back from it;
- claim-list corpora (`tests/reconcile/corpora/*.json`): the claim grammar, encoder and
  reconciliation run on them in memory, as `tests/reconcile/test_corpora.py` does.

Usage: python bench/golden.py [--write] [NAME ...]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
_HOST = re.compile(r"127\.0\.0\.1:\d+")


def feed_corpora() -> dict[str, Path]:
    out = {"dev": REPO.parent / "shared" / "corpus" / "dev"}
    for folder in sorted((REPO / "bench" / "corpora").iterdir()):
        if (folder / "truth.json").exists():
            out[folder.name] = folder
    return out


def json_corpora() -> dict[str, Path]:
    return {p.stem: p for p in sorted((REPO / "tests" / "reconcile" / "corpora").glob("*.json"))}


def _clean(value):
    """Loopback ports differ from run to run; floats are rounded so that a last-bit change
    in a library's arithmetic is not a behaviour change."""
    if isinstance(value, str):
        return _HOST.sub("HOST", value)
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _cli() -> list[str]:
    return [sys.executable, "-m", "factwatch"]


def _page(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def ingest_feed_corpus(folder: Path, db_path: Path) -> None:
    sys.path.insert(0, str(REPO))
    from tests.corpus_server import CorpusServer

    env = {**os.environ, "FACTWATCH_DATABASE_URL": f"sqlite:///{db_path}"}
    subprocess.run([*_cli(), "init"], check=True, env=env, capture_output=True)
    with CorpusServer(folder) as server:
        subprocess.run(
            [*_cli(), "ingest", "--allow-private", server.feed_url],
            check=True,
            env=env,
            capture_output=True,
        )


def dump_database(db_path: Path) -> dict:
    """The decisions stored in a database, keyed by page names and claim surfaces (not by
    row ids, which follow ingestion order)."""
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    arts = {r["id"]: dict(r) for r in con.execute("SELECT * FROM articles")}
    page = {aid: _page(a["url"]) for aid, a in arts.items()}
    members: dict[object, list[str]] = defaultdict(list)
    for aid, a in arts.items():
        members[a["story_id"] if a["story_id"] is not None else ("none", aid)].append(page[aid])
    story_label = {sid: min(m) for sid, m in members.items()}
    articles = {
        page[aid]: {
            "story": story_label[a["story_id"] if a["story_id"] is not None else ("none", aid)]
            if a["story_id"] is not None
            else None,
            "duplicate_of": page.get(a["duplicate_of"]),
            "lang": a["lang"],
        }
        for aid, a in arts.items()
    }
    claims = [dict(r) for r in con.execute("SELECT * FROM claims")]
    key = {
        c["id"]: f"{page[c['article_id']]}@{c['start']}:{c['kind']}:{c['text']}" for c in claims
    }
    claim_rows = sorted(
        [
            key[c["id"]],
            c["value"],
            c["unit"],
            str(c["date_value"]) if c["date_value"] else None,
            str(c["date_end"]) if c["date_end"] else None,
            c["qualifier"],
            c["precision"],
        ]
        for c in claims
    )
    by_fact: dict[int, list[str]] = defaultdict(list)
    for c in claims:
        if c["fact_id"] is not None:
            by_fact[c["fact_id"]].append(key[c["id"]])
    facts_rows = {f["id"]: dict(f) for f in con.execute("SELECT * FROM facts")}
    facts = sorted(
        [sorted(ids), facts_rows[fid]["status"], facts_rows[fid]["n_sources"]]
        for fid, ids in by_fact.items()
    )
    conflicts = []
    for k in con.execute("SELECT * FROM conflicts"):
        ids = json.loads(k["claim_ids"]) if isinstance(k["claim_ids"], str) else k["claim_ids"]
        conflicts.append(
            {
                "claims": sorted(key[i] for i in ids if i in key),
                "kind": k["kind"],
                "verdict": k["verdict"],
                "version": k["version"],
                "summary": k["summary"],
                "details": json.loads(k["details"]) if k["details"] else None,
            }
        )
    conflicts.sort(key=lambda c: c["claims"])
    con.close()
    return _clean(
        {"articles": articles, "claims": claim_rows, "facts": facts, "conflicts": conflicts}
    )


def dump_json_corpus(path: Path, embedder, params=None) -> dict:
    """A claim-list corpus's facts and conflicts (`params`: a `Params`, default `DEFAULT`)."""
    sys.path.insert(0, str(REPO))
    from factwatch.ingest.params import DEFAULT
    from factwatch.ingest.reconcile import reconcile
    from tests.reconcile.helpers import analysed_records

    params = params or DEFAULT
    corpus = json.loads(path.read_text(encoding="utf-8"))
    records, feats, names = analysed_records(corpus["articles"], embedder, params)
    facts = reconcile(records, feats, params=params)
    key = {r.claim_id: f"{names[r.article_id]}@{r.claim.start}:{r.claim.kind}:{r.claim.surface}"
           for r in records}
    groups, conflicts = [], []
    for f in facts:
        ids = sorted(key[r.claim_id] for r in f.records)
        groups.append([ids, f.assessment.status, f.assessment.n_sources, f.label])
        c = f.assessment.conflict
        if c is not None:
            conflicts.append(
                {
                    "claims": sorted(key[i] for i in c.claim_ids),
                    "kind": c.kind,
                    "verdict": c.verdict,
                    "summary": c.summary,
                    "details": c.details,
                }
            )
    groups.sort()
    conflicts.sort(key=lambda c: c["claims"])
    return _clean(json.loads(json.dumps({"facts": groups, "conflicts": conflicts}, default=str)))


def _load_embedder():
    from factwatch.ingest.embed import load_embedder

    return load_embedder()


def snapshot(names: list[str] | None = None, params=None) -> dict[str, dict]:
    """Every (or the named) corpus's decisions, freshly computed (`params` reach the
    claim-list corpora; the feed corpora run the CLI with its defaults)."""
    out: dict[str, dict] = {}
    feeds, jsons = feed_corpora(), json_corpora()
    wanted = set(names) if names else set(feeds) | set(jsons)
    with tempfile.TemporaryDirectory(prefix="fw-golden-") as tmp:
        for name, folder in feeds.items():
            if name in wanted:
                db = Path(tmp) / f"{name}.db"
                ingest_feed_corpus(folder, db)
                out[name] = dump_database(db)
    if wanted & set(jsons):
        embedder = _load_embedder()
        for name, path in jsons.items():
            if name in wanted:
                out[f"reconcile_{name}"] = dump_json_corpus(path, embedder, params)
    return out


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def diff(name: str, data: dict) -> str:
    """A unified diff of a fresh snapshot against the committed golden file ('' if equal)."""
    path = GOLDEN / f"{name}.json"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new = render(data)
    if old == new:
        return ""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), str(path), "fresh run"
        )
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="corpora to run (default: all)")
    ap.add_argument("--write", action="store_true", help="rewrite the golden files")
    args = ap.parse_args()
    snap = snapshot(args.names or None)
    changed = 0
    for name, data in snap.items():
        if args.write:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            (GOLDEN / f"{name}.json").write_text(render(data), encoding="utf-8")
            print(f"wrote {name}")
            continue
        d = diff(name, data)
        if d:
            changed += 1
            print(d)
        else:
            print(f"{name}: identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
