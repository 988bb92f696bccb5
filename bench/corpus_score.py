"""Score factwatch end to end on an evaluation corpus, as DESIGN.md's Evaluation section says.

Serves the corpus folder on 127.0.0.1:8765, runs the real CLI (`factwatch init`,
`factwatch ingest --allow-private http://127.0.0.1:8765/feed.xml`) on a fresh SQLite
database, reads the editors' views and compares them with `truth.json`:

- stories: B-cubed precision/recall/F1 (syndicated copies belong to their original's story;
  articles without a story are singletons);
- duplicates: precision/recall of `duplicate_of` pairs;
- claims: precision/recall/F1 per kind (same article, kind and value; money also currency);
- conflicts: a conflict whose verdict is not rounding_or_bound must hit an expected flag (two
  or more of its claims belong to that fact); a second conflict on the same fact, or one on an
  agreeing or rounding/bound fact, is a false positive; verdict accuracy over hits.

Usage: python bench/corpus_score.py [CORPUS_DIR] [--keep DB_PATH]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PORT = 8765


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_cli(
    db_path: Path, feed_url: str = f"http://127.0.0.1:{PORT}/feed.xml", *, quiet: bool = False
) -> float:
    """`factwatch init` and `factwatch ingest --allow-private FEED` on a fresh database
    (`quiet`: the ingest's report is not printed)."""
    env = {**os.environ, "FACTWATCH_DATABASE_URL": f"sqlite:///{db_path}"}
    exe = [sys.executable, "-m", "factwatch"]
    subprocess.run([*exe, "init"], check=True, env=env, cwd=REPO, capture_output=True)
    t0 = time.perf_counter()
    subprocess.run(
        [*exe, "ingest", "--allow-private", feed_url],
        check=True,
        env=env,
        cwd=REPO,
        capture_output=quiet,
    )
    return time.perf_counter() - t0


def ingest_served(folder: Path, db_path: Path, *, quiet: bool = False) -> float:
    """Serve `folder` on 127.0.0.1:8765 while the real CLI ingests its feed into `db_path`;
    the server's socket is closed after, so the next corpus can be served."""
    server = serve(folder)
    try:
        return run_cli(db_path, quiet=quiet)
    finally:
        server.shutdown()
        server.server_close()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bcubed(pred: dict[str, object], gold: dict[str, object]) -> tuple[float, float, float]:
    items = list(gold)
    pc, gc = defaultdict(set), defaultdict(set)
    for i in items:
        pc[pred.get(i, ("missing", i))].add(i)
        gc[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        P = pc[pred.get(i, ("missing", i))]
        G = gc[gold[i]]
        both = len(P & G)
        p += both / len(P)
        r += both / len(G)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def same_value(kind: str, a, b) -> bool:
    if kind == "date":
        return str(a)[:10] == str(b)[:10]
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def match_claims(
    claims: list[dict], truth_claims: list[dict], aid_to_tid: dict
) -> tuple[dict[int, dict], list[tuple]]:
    """Predicted claims (v_claims rows) matched one to one with truth claims: same article,
    kind and value (money: same currency). Returns {claim_id: truth claim} and the unmatched
    predictions."""
    pool = defaultdict(list)
    for c in truth_claims:
        pool[(c["article"], c["kind"])].append(c)
    matched_truth: dict[int, dict] = {}
    taken: set[int] = set()
    fps = []
    for c in sorted(claims, key=lambda c: c["claim_id"]):
        tid = aid_to_tid.get(c["article_id"])
        kind = c["kind"]
        value = c["date_value"] if kind == "date" else c["value"]
        hit = None
        for t in pool.get((tid, kind), []):
            if t["idx"] in taken or not same_value(kind, value, t["value"]):
                continue
            if kind == "money" and (c["unit"] or "") != (t["unit"] or ""):
                continue
            hit = t
            break
        if hit is not None:
            matched_truth[c["claim_id"]] = hit
            taken.add(hit["idx"])
        else:
            fps.append((tid, kind, c["text"], value, c["unit"]))
    return matched_truth, fps


@dataclass
class Scores:
    """The Evaluation section's figures for one corpus, and the misses behind them."""

    articles: int = 0
    claims: int = 0
    stories: int = 0
    facts: int = 0
    conflicts: int = 0
    stories_prf: tuple[float, float, float] = (0.0, 0.0, 0.0)
    duplicates_prf: tuple[float, float, float] = (0.0, 0.0, 0.0)
    claims_prf: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    conflicts_pr: tuple[float, float] = (0.0, 0.0)
    verdict_accuracy: float = 0.0
    lines: list[str] = field(default_factory=list)  # figures and misses, as printed


# Verdicts recorded but never raised (DESIGN.md): a rounding or bound, and a count updated
# over time. An expected flag with one of them is not a conflict to find, and a raised
# conflict on its fact is a false one.
QUIET = frozenset({"rounding_or_bound", "updated"})


def _page(url: str) -> str:
    """An article's page name: URLs differ in host and port when a corpus is served
    elsewhere than 127.0.0.1:8765."""
    return url.rsplit("/", 1)[-1]


def evaluate(truth: dict, db_path: Path, *, misses: bool = True) -> Scores:
    """Compare the editors' views in a database with a corpus's truth.json."""
    out = Scores()
    say = out.lines.append
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    articles = [dict(r) for r in con.execute("SELECT * FROM v_articles")]
    claims = [dict(r) for r in con.execute("SELECT * FROM v_claims")]
    conflicts = [dict(r) for r in con.execute("SELECT * FROM v_conflicts")]
    out.facts = con.execute("SELECT count(*) FROM v_facts").fetchone()[0]
    out.stories = con.execute("SELECT count(*) FROM v_stories").fetchone()[0]
    con.close()
    out.articles, out.claims, out.conflicts = len(articles), len(claims), len(conflicts)

    by_page = {_page(a["url"]): a for a in articles}
    id_of_page = {_page(a["url"]): a["id"] for a in truth["articles"]}
    aid_to_tid = {a["article_id"]: id_of_page.get(_page(a["url"])) for a in articles}

    # ---- stories
    gold = {a["id"]: a["story"] or ("single", a["id"]) for a in truth["articles"]}
    pred = {}
    for a in truth["articles"]:
        row = by_page.get(_page(a["url"]))
        pred[a["id"]] = (
            row["story_id"] if row and row["story_id"] is not None else ("none", a["id"])
        )
    out.stories_prf = p, r, f = bcubed(pred, gold)
    missing = [a["id"] for a in truth["articles"] if _page(a["url"]) not in by_page]
    say(f"stories    B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}   (missing articles: {missing})")
    if misses:
        clusters = defaultdict(list)
        for tid, sid in pred.items():
            clusters[sid].append(f"{tid}:{gold[tid] if isinstance(gold[tid], str) else '-'}")
        for sid, members in sorted(clusters.items(), key=lambda kv: str(kv[0])):
            say(f"    story {sid}: {' '.join(members)}")

    # ---- duplicates
    gold_d = {(a["id"], a["duplicate_of"]) for a in truth["articles"] if a["duplicate_of"]}
    pred_d = {
        (aid_to_tid[a["article_id"]], aid_to_tid.get(a["duplicate_of"]))
        for a in articles
        if a["duplicate_of"] is not None
    }
    tp = len(gold_d & pred_d)
    out.duplicates_prf = dp, dr, df = prf(tp, len(pred_d - gold_d), len(gold_d - pred_d))
    say(f"duplicates P={dp:.3f} R={dr:.3f} F1={df:.3f}   pred={sorted(pred_d)}")

    # ---- claims (multiset matching per article and kind)
    truth_claims = [dict(c, idx=i) for i, c in enumerate(truth["claims"])]
    matched_truth, fps = match_claims(claims, truth_claims, aid_to_tid)
    counts = {k: Counter() for k in ("money", "percent", "count", "date")}
    for c in claims:
        kind = c["kind"]
        counts.setdefault(kind, Counter())["tp" if c["claim_id"] in matched_truth else "fp"] += 1
    used = {m["idx"] for m in matched_truth.values()}
    fns = [c for c in truth_claims if c["idx"] not in used]
    for c in fns:
        counts[c["kind"]]["fn"] += 1
    for kind, cnt in counts.items():
        out.claims_prf[kind] = p, r, f = prf(cnt["tp"], cnt["fp"], cnt["fn"])
        say(
            f"claims {kind:8s} P={p:.3f} R={r:.3f} F1={f:.3f}  "
            f"(tp={cnt['tp']} fp={cnt['fp']} fn={cnt['fn']})"
        )
    if misses:
        for fp_ in fps:
            say(f"    FP {fp_}")
        for c in fns:
            say(f"    FN {c['article']} {c['kind']} {c['text']!r} {c['value']} {c['unit']}")

    # ---- conflicts
    flags = {e["fact"]: e for e in truth["expected_flags"]}
    alerting = {k for k, e in flags.items() if e["verdict"] not in QUIET}
    hit_facts: dict[str, str] = {}
    fp_conf = []
    for k in sorted(conflicts, key=lambda k: k["conflict_id"]):
        if k["verdict"] in QUIET:
            continue
        ids = json.loads(k["claim_ids"]) if isinstance(k["claim_ids"], str) else k["claim_ids"]
        facts = Counter(matched_truth[i]["fact"] for i in ids if i in matched_truth)
        target = next((fct for fct, n in facts.most_common() if n >= 2 and fct in alerting), None)
        if target is None or target in hit_facts:
            fp_conf.append((k["conflict_id"], k["verdict"], dict(facts), k["summary"][:160]))
            continue
        hit_facts[target] = k["verdict"]
    n_pred = sum(1 for k in conflicts if k["verdict"] not in QUIET)
    cp = len(hit_facts) / n_pred if n_pred else (1.0 if not alerting else 0.0)
    cr = len(hit_facts) / len(alerting) if alerting else 1.0
    acc = (
        sum(1 for fct, v in hit_facts.items() if flags[fct]["verdict"] == v) / len(hit_facts)
        if hit_facts
        else 0.0
    )
    out.conflicts_pr, out.verdict_accuracy = (cp, cr), acc
    say(
        f"conflicts  P={cp:.3f} R={cr:.3f} (hits={len(hit_facts)} predicted={n_pred} "
        f"expected={len(alerting)})  verdict accuracy={acc:.3f}"
    )
    if misses:
        for fct in sorted(alerting):
            got = hit_facts.get(fct)
            mark = "ok " if got == flags[fct]["verdict"] else ("~~ " if got else "MISS")
            say(f"    {mark} {fct}: expected {flags[fct]['verdict']}, got {got}")
        for item in fp_conf:
            say(f"    FP conflict {item}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/dev"))
    ap.add_argument("--keep", help="keep the database at this path")
    ap.add_argument("--quiet", action="store_true", help="figures only, no misses")
    args = ap.parse_args()
    corpus = Path(args.corpus).resolve()
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))

    tmp = tempfile.mkdtemp(prefix="fw-score-")
    db_path = Path(args.keep) if args.keep else Path(tmp) / "score.db"
    if db_path.exists():
        db_path.unlink()
    elapsed = ingest_served(corpus, db_path)
    scores = evaluate(truth, db_path, misses=not args.quiet)
    print(
        f"ingest: {scores.articles} articles, {scores.claims} claims, {scores.stories} "
        f"stories, {scores.facts} facts, {scores.conflicts} conflicts in {elapsed:.1f} s"
    )
    print("\n".join(scores.lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
