"""Score the claim extractor on the dev corpus: precision/recall/F1 per kind, misses and
false positives.

Usage: python bench/claims_corpus.py [CORPUS_DIR]   (default ../shared/corpus/dev)

The article text is the visible text of the page's `<article>` element without the
byline/timestamp line (metadata, not claims: truth.json README), blocks joined by blank
lines. A predicted claim matches a truth claim of the same article and kind with the same
value (money: also the same currency; dates: same day); each truth claim matches once.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factwatch.ingest.claims import extract_claims  # noqa: E402
from factwatch.ingest.models import CLAIM_KINDS, Claim  # noqa: E402

BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "figcaption", "td")
METADATA_CLASSES = ("meta", "byline", "author", "date", "timestamp", "dateline")


def article_text(html_path: Path) -> str:
    """Visible text of the `<article>` element, byline and timestamp removed."""
    root = lxml.html.parse(str(html_path)).getroot()
    articles = root.xpath("//article")
    if not articles:
        return ""
    article = articles[0]
    for el in article.xpath(".//time|.//address|.//script|.//style|.//noscript"):
        el.drop_tree()
    for el in article.xpath(".//*[@class]"):
        classes = (el.get("class") or "").lower()
        if any(k in classes for k in METADATA_CLASSES) and el.getparent() is not None:
            el.drop_tree()
    blocks = []
    for el in article.iter(*BLOCKS):
        content = el.text_content().strip()
        if content:
            blocks.append(content)
    return "\n\n".join(blocks)


def same_value(kind: str, truth: dict, claim: Claim) -> bool:
    if kind == "date":
        return claim.date_value is not None and claim.date_value.isoformat() == truth["value"]
    if claim.value is None:
        return False
    if kind == "money" and claim.unit != truth["unit"]:
        return False
    return math.isclose(float(truth["value"]), claim.value, rel_tol=1e-6, abs_tol=1e-9)


def score(corpus: Path, verbose: bool = True) -> dict[str, tuple[float, float, float]]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    by_article: dict[str, list[dict]] = defaultdict(list)
    for c in truth["claims"]:
        by_article[c["article"]].append(c)
    tp: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    n_true: dict[str, int] = defaultdict(int)
    misses, false_pos = [], []
    elapsed, n_sentences = 0.0, 0
    for art in truth["articles"]:
        text = article_text(corpus / "pages" / f"{art['id']}.html")
        published = date.fromisoformat(art["published"]) if art.get("published") else None
        t0 = time.perf_counter()
        claims = extract_claims(text, art["lang"], published)
        elapsed += time.perf_counter() - t0
        n_sentences += len({c.sentence_start for c in claims}) or 1
        expected = by_article[art["id"]]
        used = [False] * len(expected)
        for c in claims:
            n_pred[c.kind] += 1
            for i, t in enumerate(expected):
                if not used[i] and t["kind"] == c.kind and same_value(c.kind, t, c):
                    used[i] = True
                    tp[c.kind] += 1
                    break
            else:
                false_pos.append((art["id"], art["lang"], c))
        for i, t in enumerate(expected):
            n_true[t["kind"]] += 1
            if not used[i]:
                misses.append((art["id"], art["lang"], t))
    results: dict[str, tuple[float, float, float]] = {}
    for kind in (*CLAIM_KINDS, "all"):
        if kind == "all":
            t_, p_, g_ = sum(tp.values()), sum(n_pred.values()), sum(n_true.values())
        else:
            t_, p_, g_ = tp[kind], n_pred[kind], n_true[kind]
        precision = t_ / p_ if p_ else 0.0
        recall = t_ / g_ if g_ else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        results[kind] = (precision, recall, f1)
    if verbose:
        print(f"{'kind':8} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/true")
        for kind, (p, r, f) in results.items():
            counts = (
                f"{sum(tp.values())}/{sum(n_pred.values())}/{sum(n_true.values())}"
                if kind == "all" else f"{tp[kind]}/{n_pred[kind]}/{n_true[kind]}"
            )
            print(f"{kind:8} {p:6.3f} {r:6.3f} {f:6.3f}   {counts}")
        print(f"\nmisses ({len(misses)}):")
        for aid, lang, t in misses:
            print(f"  {aid} {lang} {t['kind']:7} {t['text']!r} = {t['value']} {t['unit']}")
        print(f"\nfalse positives ({len(false_pos)}):")
        for aid, lang, c in false_pos:
            shown = c.date_value if c.kind == "date" else c.value
            print(f"  {aid} {lang} {c.kind:7} {c.surface!r} = {shown} {c.unit} {c.qualifier}")
        print(f"\nextraction time {elapsed * 1000:.1f} ms for {len(truth['articles'])} articles "
              f"({n_sentences} sentences with claims)")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/corpus/dev"))
    args = parser.parse_args()
    score(Path(args.corpus))


if __name__ == "__main__":
    main()
