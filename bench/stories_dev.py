"""Story clustering on the dev corpus and the seeds, or `--corpus DIR`: B-cubed P/R/F1, speed.

    .venv/bin/python bench/stories_dev.py [--sweep] [--no-figures] [--verbose]

Articles are taken in feed order, oldest first (as a feed is ingested), and go through
embed (headline + lead) -> entities -> figures
(`factwatch.ingest.claims.extract_claims` when it exists) -> `assign_story`, one at a time.
Syndicated copies belong to their original's story and distractors are singletons, as in
truth.json. `--sweep` re-runs the clustering (embeddings are computed once)
with each threshold moved, to show how sensitive the score is to it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factwatch.ingest.entities import extract_entities, zh_companies  # noqa: E402
from factwatch.ingest.models import Claim  # noqa: E402
from factwatch.ingest.params import StoryParams  # noqa: E402
from factwatch.ingest.stories import (  # noqa: E402
    ArticleSignals,
    cluster_articles,
    figure_keys,
    figures_match,
    headline_and_lead,
)

SHARED = Path(os.environ.get("FACTWATCH_SHARED", "/work/shared"))
DEV = SHARED / "corpus" / "dev"
SEEDS = SHARED / "seeds" if (SHARED / "seeds").is_dir() else ROOT / "seeds"
BLOCKS = {"h1", "h2", "h3", "p", "li", "blockquote"}


@dataclass
class Doc:
    id: str
    lang: str
    published: date
    title: str
    text: str
    truth: str
    claims: list[Claim] | None = None  # truth.json's claims (for --truth-figures)


def _article_lines(path: Path) -> tuple[str, str]:
    root = lxml.html.parse(str(path)).getroot()
    article = root.xpath("//article")[0]
    h1 = article.xpath(".//h1")
    og = root.xpath("//meta[@property='og:title']/@content")
    title = (h1[0].text_content() if h1 else og[0] if og else "").strip()
    lines = [
        " ".join(el.text_content().split())
        for el in article.iter()
        if isinstance(el.tag, str) and el.tag in BLOCKS
    ]
    return title, "\n".join(line for line in lines if line)


def load_dev(folder: Path = DEV) -> list[Doc]:
    """A corpus folder in the dev corpus's format (feed.xml, pages/, truth.json)."""
    truth = json.loads((folder / "truth.json").read_text())
    by_url = {a["url"]: a for a in truth["articles"]}
    claims: dict[str, list[Claim]] = defaultdict(list)
    for c in truth["claims"]:
        if c["kind"] != "date":
            claims[c["article"]].append(
                Claim(
                    kind=c["kind"],
                    surface=c["text"],
                    start=0,
                    end=0,
                    value=c["value"],
                    unit=c["unit"],
                    qualifier=c["qualifier"],
                )
            )
    feed = lxml.etree.parse(str(folder / "feed.xml"))
    links = [el.text.strip() for el in feed.iterfind(".//item/link")]
    docs = []
    for url in reversed(links):  # the feed lists newest first
        a = by_url[url]
        title, text = _article_lines(folder / "pages" / f"{a['id']}.html")
        story = a["story"] or f"solo:{a['id']}"
        docs.append(
            Doc(
                a["id"],
                a["lang"],
                date.fromisoformat(a["published"][:10]),  # a date, or a date and time
                title,
                text,
                story,
                claims[a["id"]],
            )
        )
    return docs


def load_seeds() -> list[Doc]:
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    docs = []
    for item in sorted(manifest["articles"], key=lambda m: m["published"]):
        raw = (SEEDS / item["file"]).read_text(encoding="utf-8").strip()
        first, _, rest = raw.partition("\n")
        # A short first line is the headline; otherwise the article opens with its lead.
        title = first.strip() if len(first) <= 150 else first.split(". ")[0][:150]
        text = raw if len(first) > 150 else rest
        docs.append(
            Doc(
                item["file"],
                item["lang"],
                date.fromisoformat(item["published"]),
                title,
                text,
                item.get("story") or item["file"],
            )
        )
    return docs


def bcubed(pred: list[int], truth: list[str]) -> tuple[float, float, float]:
    n = len(pred)
    precision = recall = 0.0
    for i in range(n):
        same_pred = [j for j in range(n) if pred[j] == pred[i]]
        same_true = [j for j in range(n) if truth[j] == truth[i]]
        both = sum(1 for j in same_pred if truth[j] == truth[i])
        precision += both / len(same_pred)
        recall += both / len(same_true)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def pipeline_lead(title: str, text: str, chars: int = 600) -> str:
    """The lead as `factwatch.ingest.analysis.lead_text` builds it (title + first 600 body
    characters)."""
    body = f"{title}\n{text}"[len(title) :]
    return f"{title}\n{body.strip()[:chars]}"


def signals_for(
    docs: list[Doc], use_figures: bool, truth_figures: bool = False, naive_lead: bool = False
) -> tuple[list[ArticleSignals], dict]:
    from factwatch.ingest.embed import load_embedder

    extract_claims = None
    if use_figures:
        try:
            from factwatch.ingest.claims import extract_claims
        except ImportError as exc:
            print(f"(no figures: ingest.claims.extract_claims unavailable: {exc})")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    embedder = load_embedder()
    embedder.encode(["warm-up"])
    timings["model load"] = time.perf_counter() - t0

    make_lead = pipeline_lead if naive_lead else headline_and_lead
    leads = [make_lead(d.title, d.text) for d in docs]
    t0 = time.perf_counter()
    vectors = embedder.encode(leads)
    timings["embed"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    entities = [
        extract_entities(lead, d.lang, context=None if naive_lead else d.text)
        for lead, d in zip(leads, docs, strict=True)
    ]
    timings["entities"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    figures: list[frozenset[str]] = []
    for d in docs:
        if truth_figures and d.claims is not None:
            figures.append(figure_keys(d.claims))
            continue
        if extract_claims is None:
            figures.append(frozenset())
            continue
        try:
            claims = extract_claims(f"{d.title}\n{d.text}", d.lang, d.published)
        except Exception as exc:  # the extractor is being written: report, do not stop
            print(f"(claims failed on {d.id}: {type(exc).__name__}: {exc})")
            claims = []
        figures.append(figure_keys(claims))
    timings["figures"] = time.perf_counter() - t0

    signals = [
        ArticleSignals(
            embedding=vectors[i],
            entities=entities[i],
            figures=figures[i],
            published=datetime(d.published.year, d.published.month, d.published.day),
            lang=d.lang,
            title=d.title,
            lead_companies=zh_companies(leads[i]) if d.lang.startswith("zh") else frozenset(),
        )
        for i, d in enumerate(docs)
    ]
    return signals, timings


def run(name: str, docs: list[Doc], signals, params: StoryParams, verbose: bool) -> float:
    figures_match("money:1:USD", "money:1:EUR", date(2025, 1, 2))  # load the ECB rates first
    t0 = time.perf_counter()
    assignment, states, decisions = cluster_articles(signals, params=params)
    elapsed = time.perf_counter() - t0
    p, r, f = bcubed(assignment, [d.truth for d in docs])
    print(f"\n== {name}: {len(docs)} articles -> {len(states)} stories")
    print(f"B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(f"assign_story: {elapsed * 1000:.1f} ms total, {len(docs) / elapsed:.0f} articles/s")
    members: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(assignment):
        members[s].append(i)
    for s, idx in sorted(members.items()):
        truths = Counter(docs[i].truth for i in idx)
        print(f"  story {s:2d} [{states[s].label}]  truth {dict(truths)}")
        for i in idx:
            d, dec = docs[i], decisions[i]
            print(f"      {d.published} {d.lang} {d.id[:24]:24s} {d.truth:22.22s} {dec.reasons[0]}")
            if verbose:
                print(f"          {'; '.join(dec.reasons[1:])}")
                print(f"          names {sorted(signals[i].entities)}")
                print(f"          figures {sorted(signals[i].figures)}")
    return f


def sweep(sets: dict[str, tuple[list[Doc], list]], base: StoryParams) -> None:
    print("\n== threshold sensitivity (B-cubed F1; one setting moved at a time)")
    names = list(sets)
    print(f"{'setting':34s}" + "".join(f"{n:>12s}" for n in names))
    moves = {
        "high_similarity": (-0.10, -0.05, 0.05, 0.10),
        "mid_similarity": (-0.10, -0.05, 0.05, 0.10),
        "low_similarity": (-0.05, 0.05, 0.10),
        "name_cap": (-1.0, 1.0),
        "figure_credit": (-1.0, 1.0),
        "blind_name_credit": (-1.0, -0.5, 0.5),
        "generic_name_weight": (-0.5, 0.5),
        "time_slope": (-0.02, 0.02, 0.04),
        "actor_conflict_bar": (-0.10, -0.05, 0.05),
        "corroborating_names": (-1.0, -0.5),
        "merge_limit": (-2, -1),
        "max_gap_days": (335.0, 700.0),
    }

    def score(cfg: StoryParams) -> list[float]:
        out = []
        for docs, signals in sets.values():
            assignment, _, _ = cluster_articles(signals, params=cfg)
            out.append(bcubed(assignment, [d.truth for d in docs])[2])
        return out

    kept = [i for i, n in enumerate(names) if not n.endswith("-nofig")]

    def mean_of(got: list[float]) -> float:
        return sum(got[i] for i in kept) / len(kept)  # with figures, as the pipeline runs

    got = score(base)
    print(f"{'defaults':34s}" + "".join(f"{v:12.3f}" for v in got) + f"{mean_of(got):9.3f}")
    valid = {f.name for f in fields(StoryParams)}
    for key, deltas in moves.items():
        assert key in valid
        for delta in deltas:
            value = round(getattr(base, key) + delta, 4)
            cfg = replace(base, **{key: value})
            got = score(cfg)
            row = "".join(f"{v:12.3f}" for v in got)
            print(f"{f'{key} = {value}':34s}{row}{mean_of(got):9.3f}")
    # All cosine bars together: a miscalibrated encoder shifts every cosine at once.
    for delta in (-0.10, -0.05, 0.05, 0.10):
        cfg = replace(
            base,
            high_similarity=base.high_similarity + delta,
            mid_similarity=base.mid_similarity + delta,
            low_similarity=base.low_similarity + delta,
        )
        label = f"all cosine bars {delta:+.3f}"
        print(f"{label:34s}" + "".join(f"{v:12.3f}" for v in score(cfg)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="threshold sensitivity table")
    parser.add_argument("--no-figures", action="store_true", help="ignore extracted figures")
    parser.add_argument("--verbose", action="store_true", help="reasons, names and figures")
    parser.add_argument(
        "--pipeline-lead",
        action="store_true",
        help="embed title + first 600 body characters and take names without context",
    )
    parser.add_argument(
        "--truth-figures",
        action="store_true",
        help="dev: figures from truth.json's claims (a perfect extractor), not extract_claims",
    )
    parser.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="DIR",
        help="another corpus folder in the dev format (repeatable); replaces dev and seeds",
    )
    args = parser.parse_args()
    params = StoryParams()
    sets = {}
    loaders = [("dev", load_dev), ("seeds", load_seeds)]
    if args.corpus:
        loaders = [(Path(c).name, lambda c=c: load_dev(Path(c))) for c in args.corpus]
    for name, loader in loaders:
        docs = loader()
        t0 = time.perf_counter()
        signals, timings = signals_for(
            docs, not args.no_figures, args.truth_figures, args.pipeline_lead
        )
        total = time.perf_counter() - t0 - timings["model load"]
        run(name, docs, signals, params, args.verbose)
        times = ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        print(
            f"timings: {times}; per article (excluding model load) {total / len(docs) * 1000:.0f}"
            f" ms = {len(docs) / total:.1f} articles/s"
        )
        sets[name] = (docs, signals)
    if args.sweep:
        # The same without figures: how much rests on the claim extractor.
        for name in list(sets):
            docs, signals = sets[name]
            sets[f"{name}-nofig"] = (docs, [replace(x, figures=frozenset()) for x in signals])
        sweep(sets, params)


if __name__ == "__main__":
    main()
