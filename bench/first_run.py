"""Score corpora nobody has tuned against yet, once, and write the score into the ledger.

A corpus's first run is the only honest estimate of how factwatch does on news it has not
seen; after anyone looks at its misses and changes the code, its score is no longer evidence.
So the first run is recorded before any such change, with the commit that produced it, and
never rewritten: this script refuses a corpus already in the ledger and refuses to run on a
working tree with uncommitted changes to the code (the commit must be what was scored).

Sealed corpora (`bench/sealed/`) are scored the same way, but only their aggregate figures
are printed: nobody reads their articles or misses.

Usage: python bench/first_run.py bench/heldout/blind_g [more corpus folders...]
The ledger is bench/LEDGER.md (the table people read) and bench/ledger.json (the same rows).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import corpus_score

REPO = Path(__file__).resolve().parents[1]
LEDGER_JSON = REPO / "bench" / "ledger.json"
LEDGER_MD = REPO / "bench" / "LEDGER.md"
CODE = ("bot", "ingest", "store", "alembic", "pyproject.toml", "constraints.txt")


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()


def _name(folder: Path) -> str:
    return folder.resolve().relative_to(REPO).as_posix()


def _row(name: str, commit: str, scores: corpus_score.Scores, truth: dict) -> dict:
    langs = sorted({a["lang"] for a in truth["articles"]})
    return {
        "corpus": name,
        "scored": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": commit,
        "articles": len(truth["articles"]),
        "languages": langs,
        "expected_conflicts": sum(
            1 for e in truth["expected_flags"] if e["verdict"] not in corpus_score.QUIET
        ),
        "stories_f1": round(scores.stories_prf[2], 3),
        "duplicates_f1": round(scores.duplicates_prf[2], 3),
        "claims_f1": {k: round(v[2], 3) for k, v in sorted(scores.claims_prf.items())},
        "conflicts_precision": round(scores.conflicts_pr[0], 3),
        "conflicts_recall": round(scores.conflicts_pr[1], 3),
        "verdict_accuracy": round(scores.verdict_accuracy, 3),
    }


def _markdown(rows: list[dict]) -> str:
    out = [
        "# First-run ledger",
        "",
        "Each corpus's score on its **first** run, before any change made after looking at it,",
        "with the commit that produced it. Written by `bench/first_run.py`; rows are only ever",
        "added. Later scores of these corpora are not evidence of accuracy on unseen news.",
        "",
        "| corpus | scored | commit | articles | langs | stories F1 | claims F1 money/percent/"
        "count/date | conflicts P / R (expected) | verdicts |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "note" in r:
            out.append(f"| {r['corpus']} | {r['scored']} | {r['commit']} | {r['note']} |||||")
            continue
        claims = " / ".join(
            f"{r['claims_f1'].get(k, float('nan')):.3f}"
            for k in ("money", "percent", "count", "date")
        )
        out.append(
            f"| {r['corpus']} | {r['scored']} | `{r['commit'][:10]}` | {r['articles']} | "
            f"{' '.join(r['languages'])} | {r['stories_f1']:.3f} | {claims} | "
            f"{r['conflicts_precision']:.3f} / {r['conflicts_recall']:.3f} "
            f"({r['expected_conflicts']}) | {r['verdict_accuracy']:.3f} |"
        )
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--allow-dirty", action="store_true", help="for trying the script only")
    args = ap.parse_args()
    rows: list[dict] = json.loads(LEDGER_JSON.read_text()) if LEDGER_JSON.exists() else []
    known = {r["corpus"] for r in rows}
    dirty = _git("status", "--porcelain", "--", *CODE)
    if dirty and not args.allow_dirty:
        print("the code has uncommitted changes; commit first so the ledger names what ran")
        return 2
    commit = _git("rev-parse", "HEAD") + ("-dirty" if dirty else "")
    for folder in args.corpora:
        name = _name(folder)
        if name in known:
            print(f"{name}: already in the ledger; a first run happens once")
            continue
        sealed = "sealed" in folder.resolve().parts
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        db = Path(tempfile.mkdtemp(prefix="fw-first-")) / "first.db"
        corpus_score.ingest_served(folder.resolve(), db)
        scores = corpus_score.evaluate(truth, db, misses=not sealed)
        row = _row(name, commit, scores, truth)
        rows.append(row)
        print(f"== {name} (first run, {commit[:10]})")
        if sealed:
            print(json.dumps({k: v for k, v in row.items() if k != "languages"}, indent=1))
        else:
            print("\n".join(scores.lines))
        if not args.allow_dirty:
            LEDGER_JSON.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
            LEDGER_MD.write_text(_markdown(rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
