"""Leave-one-corpus-out: how factwatch does on a corpus nothing was tuned on.

Every labelled feed corpus (the dev corpus, bench/corpora/*, bench/heldout/*, and the sealed
ones, which print aggregates only) is scored end to end with the real CLI, as DESIGN.md's
evaluation does, under each candidate setting of the tuned numbers (`--grid`). For each corpus,
the setting is chosen on the *other* corpora (best mean of stories F1 and conflicts F1), and
the corpus is reported under that setting: what it would score had it been unseen. With
`--grid none` only the defaults run, which is what the defaults score (they were set by hand
on the corpora marked "seen" in bench/LEDGER.md, so those rows flatter).

Usage:
  python bench/generalise.py                  # defaults only, every corpus
  python bench/generalise.py --grid small     # 5 settings around the defaults (5x the time)
  python bench/generalise.py --only blind_g real_a
  python bench/generalise.py --set facts.implausible_penalty=0   # a trial value, every setting
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import corpus_score

from factwatch.ingest.params import assignments

REPO = Path(__file__).resolve().parents[1]
KINDS = ("money", "percent", "count", "date")
MEANS = ("stories_f1", "conflicts_p", "conflicts_r")

# Candidate settings: the defaults, and the two bars the issue names as the method's limit
# (the story join bar and the fact match bar) moved each way.
GRIDS: dict[str, dict[str, dict]] = {
    "none": {"defaults": {}},
    "small": {
        "defaults": {},
        "stories-looser": {"stories": {"high_similarity": 0.65, "mid_similarity": 0.5}},
        "stories-stricter": {"stories": {"high_similarity": 0.78, "mid_similarity": 0.6}},
        "facts-looser": {"facts": {"match_threshold": 0.35}},
        "facts-stricter": {"facts": {"match_threshold": 0.45}},
    },
}


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path
    sealed: bool


def corpora() -> list[Corpus]:
    out = [Corpus("dev", REPO.parent / "shared" / "corpus" / "dev", False)]
    for parent, sealed in (("corpora", False), ("heldout", False), ("sealed", True)):
        base = REPO / "bench" / parent
        if base.is_dir():
            out += [
                Corpus(f.name, f, sealed)
                for f in sorted(base.iterdir())
                if (f / "truth.json").exists()
            ]
    return out


def _toml(overrides: dict) -> str:
    lines = []
    for section, values in overrides.items():
        lines.append(f"[{section}]")
        lines += [f"{k} = {v!r}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


def score(corpus: Corpus, overrides: dict, work: Path) -> dict:
    params = work / "params.toml"
    params.write_text(_toml(overrides), encoding="utf-8")
    os.environ["FACTWATCH_PARAMS"] = str(params)
    truth = json.loads((corpus.folder / "truth.json").read_text(encoding="utf-8"))
    db = work / f"{corpus.name}.db"
    db.unlink(missing_ok=True)
    corpus_score.ingest_served(corpus.folder, db, quiet=True)
    s = corpus_score.evaluate(truth, db, misses=False)
    p, r = s.conflicts_pr
    return {
        "stories_f1": s.stories_prf[2],
        "claims_f1": {k: v[2] for k, v in s.claims_prf.items()},
        "conflicts_p": p,
        "conflicts_r": r,
        "conflicts_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "verdicts": s.verdict_accuracy,
    }


def objective(row: dict) -> float:
    return (row["stories_f1"] + row["conflicts_f1"]) / 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--grid", choices=sorted(GRIDS), default="none")
    ap.add_argument("--only", nargs="*", help="corpus names to score (default: all)")
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.NAME=VALUE",
        help="a parameter value applied under every setting (a trial before changing a default)",
    )
    args = ap.parse_args()
    chosen = [c for c in corpora() if not args.only or c.name in args.only]
    base = assignments(args.set)
    grid = {
        name: {sec: {**base.get(sec, {}), **over.get(sec, {})} for sec in {*base, *over}}
        for name, over in GRIDS[args.grid].items()
    }
    results: dict[str, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="fw-loo-") as tmp:
        for setting, overrides in grid.items():
            for corpus in chosen:
                print(f"scoring {corpus.name} under {setting} ...", file=sys.stderr, flush=True)
                results.setdefault(setting, {})[corpus.name] = score(
                    corpus, overrides, Path(tmp)
                )
    rows = []
    for corpus in chosen:
        others = [c.name for c in chosen if c.name != corpus.name]
        best = max(
            grid,
            key=lambda s: mean(objective(results[s][o]) for o in others) if others else 0.0,
        )
        rows.append((corpus, best, results[best][corpus.name]))

    print(
        "| corpus | setting (chosen on the others) | stories F1 | claims F1 money/percent/"
        "count/date | conflicts P / R | verdicts |\n|---|---|---|---|---|---|"
    )
    for corpus, best, r in rows:
        claims = " / ".join(f"{r['claims_f1'].get(k, float('nan')):.3f}" for k in KINDS)
        name = f"{corpus.name} (sealed)" if corpus.sealed else corpus.name
        print(
            f"| {name} | {best} | {r['stories_f1']:.3f} | {claims} | "
            f"{r['conflicts_p']:.3f} / {r['conflicts_r']:.3f} | {r['verdicts']:.3f} |"
        )
    if rows:
        m = {k: mean(r[k] for _, _, r in rows) for k in MEANS}
        print(
            f"| **mean** | | {m['stories_f1']:.3f} | | "
            f"{m['conflicts_p']:.3f} / {m['conflicts_r']:.3f} | |"
        )
        w = {k: min(r[k] for _, _, r in rows) for k in MEANS}
        print(
            f"| **worst** | | {w['stories_f1']:.3f} | | "
            f"{w['conflicts_p']:.3f} / {w['conflicts_r']:.3f} | |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
