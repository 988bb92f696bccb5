"""Explain fact matching on a scored corpus: which mention links join different facts, and
which claims of one fact were left apart, with each side's clause and the score's parts.

Run `bench/corpus_score.py CORPUS --keep DB` first, then:

    python bench/fact_links.py CORPUS DB            # wrong links and missed links
    python bench/fact_links.py CORPUS DB --all      # every link

A developer's tool for the matching rules of `ingest/reconcile/`: each pair's score and its
parts come from `features.pair_features`, `score.score` and `score.explain`, the very record
and function the decision reads. It reads the kept database and the corpus's truth.json and
changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus_score import match_claims  # noqa: E402

from factwatch.ingest.analysis import cached_countries_in as _countries_in  # noqa: E402
from factwatch.ingest.params import DEFAULT  # noqa: E402
from factwatch.ingest.reconcile import ClaimFeatures  # noqa: E402
from factwatch.ingest.reconcile.align import pair_links  # noqa: E402
from factwatch.ingest.reconcile.context import years_in  # noqa: E402
from factwatch.ingest.reconcile.facts import group_facts  # noqa: E402
from factwatch.ingest.reconcile.features import pair_features  # noqa: E402
from factwatch.ingest.reconcile.mentions import Mention, article_mentions, nearness_map  # noqa: E402
from factwatch.ingest.reconcile.score import explain, score  # noqa: E402
from factwatch.store import repository as repo  # noqa: E402
from factwatch.store.db import Database  # noqa: E402

PARAMS = DEFAULT


def _parts(a: Mention, b: Mention) -> tuple[float, str]:
    """The pair's score and its parts, from the features the decision itself reads."""
    f = pair_features(a, b, PARAMS.facts, PARAMS.verdicts)
    return score(f, PARAMS.facts), explain(f, PARAMS.facts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("db")
    ap.add_argument("--all", action="store_true", help="print every link, not only wrong ones")
    args = ap.parse_args()
    truth = json.loads((Path(args.corpus) / "truth.json").read_text(encoding="utf-8"))
    truth_claims = [dict(c, idx=i) for i, c in enumerate(truth["claims"])]
    con = sqlite3.connect(args.db)
    con.row_factory = sqlite3.Row
    articles = [dict(r) for r in con.execute("SELECT * FROM v_articles")]
    claims = [dict(r) for r in con.execute("SELECT * FROM v_claims")]
    id_of_url = {a["url"]: a["id"] for a in truth["articles"]}
    aid_to_tid = {a["article_id"]: id_of_url.get(a["url"]) for a in articles}
    matched, _ = match_claims(claims, truth_claims, aid_to_tid)
    fact_of = {cid: t["fact"] or "-" for cid, t in matched.items()}

    db = Database(f"sqlite:///{args.db}")
    story_ids = sorted({a["story_id"] for a in articles if a["story_id"] is not None})
    for story_id in story_ids:
        with db.session() as s:
            records, rows = repo.story_claim_records(s, story_id)
        feats = {
            rec.claim_id: ClaimFeatures(
                vector=repo.bytes_to_vector(row.context_embedding),
                years=years_in(row.context),
                link_group=row.link_group,
                segment=row.context,
                countries=_countries_in(row.sentence),
            )
            for rec, row in zip(records, rows, strict=True)
        }
        by_article = defaultdict(list)
        for rec in records:
            by_article[rec.article_id].append(rec)
        local = {}
        for art, recs in by_article.items():
            ms = article_mentions(art, recs, feats, PARAMS.verdicts)
            local[art] = (ms, nearness_map(ms, PARAMS.facts))
        groups = group_facts(records, feats, params=PARAMS)
        group_of = {r.claim_id: gi for gi, g in enumerate(groups) for r in g}

        def facts(m: Mention) -> set[str]:
            return {fact_of.get(r.claim_id, "?") for r in m.records}

        def show(m: Mention, feats: dict = feats) -> str:
            r = m.records[0]
            seg = feats[r.claim_id].segment if r.claim_id in feats else ""
            return (
                f"[{aid_to_tid.get(m.article)} {r.lang} {r.claim.surface!r} "
                f"{'/'.join(sorted(facts(m)))}] {seg[:110]}"
            )

        print(f"== story {story_id}")
        linked: set[tuple[int, int]] = set()
        for a1, a2 in combinations(sorted(by_article), 2):
            (ms1, n1), (ms2, n2) = local[a1], local[a2]
            for linked_score, i, j in pair_links(ms1, ms2, n1, n2, PARAMS.facts, PARAMS.verdicts):
                m1, m2 = ms1[i], ms2[j]
                linked.add((id(m1), id(m2)))
                wrong = not (facts(m1) & facts(m2))
                if wrong or args.all:
                    _, parts = _parts(m1, m2)
                    print(f"  {'WRONG' if wrong else 'link '} {linked_score:.2f} ({parts})")
                    print(f"      {show(m1)}\n      {show(m2)}")
            # missed: same truth fact, not in one final group
            for m1 in ms1:
                for m2 in ms2:
                    shared = (facts(m1) & facts(m2)) - {"?"}
                    if not shared:
                        continue
                    g1 = group_of[m1.records[0].claim_id]
                    g2 = group_of[m2.records[0].claim_id]
                    if g1 != g2:
                        sc, parts = _parts(m1, m2)
                        print(f"  MISSED {sc:.2f} ({parts})")
                        print(f"      {show(m1)}\n      {show(m2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
