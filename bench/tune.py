"""Search the fact and verdict numbers against end-to-end leave-one-corpus-out scores.

Fact matching and verdicts run after stories and claims are stored, and their numbers
(`[facts]`, `[verdicts]` in a params file) change nothing before them. So each labelled corpus
is ingested once with the real CLI (`bench/corpus_score.py`), and each candidate setting
re-runs only the reconciliation over a copy of that database (`Pipeline.reconcile_all`, the
code `factwatch ingest` runs) and scores the editors' views as `corpus_score` does: end to end
from stored claims to conflicts, seconds a corpus instead of a minute.

Leave-one-corpus-out: for each corpus the setting is chosen on the *other* corpora (best mean
conflicts F1, then verdict accuracy), and the corpus is reported under it. A setting is worth
adopting only if no corpus left out scores worse under it than under the defaults: the table
marks every such corpus. Sealed corpora print their aggregate row only, as everywhere.

Usage:
  python bench/tune.py --grid position                # the settings of one grid, every corpus
  python bench/tune.py --grid position --work /tmp/fw   # keep the ingested databases for reuse
  python bench/tune.py --set facts.match_threshold=0.45 # one trial value over the defaults
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import mean

import corpus_score
from generalise import Corpus, corpora

from factwatch.ingest.params import DEFAULT, Params, from_mapping
from factwatch.ingest.pipeline import Pipeline
from factwatch.store.db import Database

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("facts", "verdicts")

# Candidate values, crossed: each grid names a few numbers of one question.
GRIDS: dict[str, dict[str, list]] = {
    "none": {},
    "threshold": {"facts.match_threshold": [0.35, 0.40, 0.45]},
    "position": {
        "facts.position_gap_slope": [0.0, 0.15, 0.30],
        "facts.position_gap_free": [0.0, 0.2, 0.35],
    },
    "periods": {"facts.period_penalty": [0.0, 0.15, 0.3, 1.0]},
    "published": {
        "facts.published_gap_slope": [0.0, 0.05, 0.1],
        "facts.published_gap_free_days": [180.0, 365.0],
    },
    "elapsed": {"verdicts.uncued_update_days": [0.0, 30.0, 90.0]},
    "values": {
        "facts.implausible_penalty": [0.0, 0.08, 0.15],
        "facts.same_value_bonus": [0.15, 0.25],
    },
}


def settings(grid: dict[str, list], base: dict[str, object]) -> dict[str, dict[str, object]]:
    """Every combination of the grid's values over `base`, named by what it sets."""
    names = list(grid)
    out: dict[str, dict[str, object]] = {}
    for values in itertools.product(*(grid[n] for n in names)):
        chosen = {**base, **dict(zip(names, values, strict=True))}
        label = " ".join(f"{k.split('.', 1)[1]}={v}" for k, v in chosen.items()) or "defaults"
        out[label] = chosen
    return out


def params_of(flat: dict[str, object]) -> Params:
    nested: dict[str, dict[str, object]] = {}
    for key, value in flat.items():
        section, _, name = key.partition(".")
        if section not in SECTIONS:
            raise SystemExit(f"tune.py searches {', '.join(SECTIONS)} only, not {key!r}")
        nested.setdefault(section, {})[name] = value
    return from_mapping(nested) if nested else DEFAULT


def ingested(corpus: Corpus, work: Path, stamp: str) -> Path:
    """The corpus ingested once with the defaults (reused while the code commit is the same)."""
    db = work / f"{corpus.name}.db"
    mark = work / f"{corpus.name}.commit"
    if db.exists() and mark.exists() and mark.read_text() == stamp:
        return db
    db.unlink(missing_ok=True)
    print(f"ingesting {corpus.name} ...", file=sys.stderr, flush=True)
    corpus_score.ingest_served(corpus.folder, db, quiet=True)
    mark.write_text(stamp)
    return db


def _remove(db: Path) -> None:
    """A database file and its write-ahead log: a stale log would be replayed on a new copy."""
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def rescore(corpus: Corpus, db: Path, params: Params, work: Path) -> dict[str, float]:
    """Reconcile a copy of the ingested database under `params` and score it."""
    copy = work / f"{corpus.name}.trial.db"
    _remove(copy)
    shutil.copyfile(db, copy)
    Pipeline(Database(f"sqlite:///{copy}"), None, params).reconcile_all()  # type: ignore[arg-type]
    truth = json.loads((corpus.folder / "truth.json").read_text(encoding="utf-8"))
    s = corpus_score.evaluate(truth, copy, misses=False)
    _remove(copy)
    p, r = s.conflicts_pr
    return {
        "p": p,
        "r": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "verdicts": s.verdict_accuracy,
    }


def objective(rows: list[dict[str, float]]) -> tuple[float, float]:
    return mean(r["f1"] for r in rows), mean(r["verdicts"] for r in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--grid", choices=sorted(GRIDS), default="none")
    ap.add_argument("--only", nargs="*", help="corpus names to score (default: all)")
    ap.add_argument("--work", help="keep the ingested databases in this folder")
    ap.add_argument(
        "--baseline", default="defaults", metavar="SETTING",
        help="the setting each left-out corpus is compared with (a label of the first table)",
    )
    ap.add_argument(
        "--set", action="append", default=[], metavar="SECTION.NAME=VALUE",
        help="a value applied under every setting",
    )
    args = ap.parse_args()
    base = {k: json.loads(v) for k, _, v in (s.partition("=") for s in args.set)}
    candidates = settings(GRIDS[args.grid], base)
    if "defaults" not in candidates:
        candidates = {"defaults": {}, **candidates}
    chosen = [c for c in corpora() if not args.only or c.name in args.only]
    stamp = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="fw-tune-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        dbs = {c.name: ingested(c, work, stamp) for c in chosen}
        scores: dict[str, dict[str, dict[str, float]]] = {}
        for label, flat in candidates.items():
            params = params_of(flat)
            print(f"setting {label} ...", file=sys.stderr, flush=True)
            scores[label] = {c.name: rescore(c, dbs[c.name], params, work) for c in chosen}
    if args.baseline not in candidates:
        raise SystemExit(f"no setting {args.baseline!r} in grid {args.grid!r}")
    report(chosen, candidates, scores, args.baseline)
    return 0


def report(chosen: list[Corpus], candidates: dict, scores: dict, baseline: str) -> None:
    names = [c.name for c in chosen]
    print(f"{'setting':<60} {'P':>6} {'R':>6} {'F1':>6} {'verd':>6} {'worst R':>8}")
    for label in candidates:
        rows = [scores[label][n] for n in names]
        print(
            f"{label[:60]:<60} {mean(r['p'] for r in rows):6.3f} {mean(r['r'] for r in rows):6.3f}"
            f" {mean(r['f1'] for r in rows):6.3f} {mean(r['verdicts'] for r in rows):6.3f}"
            f" {min(r['r'] for r in rows):8.3f}"
        )
    print(f"\nleft out: the setting chosen on the other corpora, against {baseline}")
    print(f"{'corpus':<20} {'P':>6} {'R':>6} {'verd':>6}   {'baseline P/R':>12}  chosen")
    loo = []
    for c in chosen:
        others = [n for n in names if n != c.name]
        best = max(candidates, key=lambda lab: objective([scores[lab][n] for n in others]))
        row, dflt = scores[best][c.name], scores[baseline][c.name]
        loo.append(row)
        worse = "  WORSE" if (row["p"], row["r"]) < (dflt["p"], dflt["r"]) and (
            row["f1"] < dflt["f1"]
        ) else ""
        name = f"{c.name} (sealed)" if c.sealed else c.name
        print(
            f"{name:<20} {row['p']:6.3f} {row['r']:6.3f} {row['verdicts']:6.3f}   "
            f"{dflt['p']:.3f}/{dflt['r']:.3f}  {best}{worse}"
        )
    print(
        f"{'mean':<20} {mean(r['p'] for r in loo):6.3f} {mean(r['r'] for r in loo):6.3f}"
        f" {mean(r['verdicts'] for r in loo):6.3f}"
    )


if __name__ == "__main__":
    sys.exit(main())
