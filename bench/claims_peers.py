"""Score the claim extractor on test suites written by other projects (../shared/peers).

Usage: python bench/claims_peers.py [PEERS_DIR] [--misses N]

* Recognizers-Text `CurrencyModel.json` (money) and `PercentModel.json` (percent) per
  language: value+unit P/R/F1 per sentence, cases marked NotSupported/NotSupportedByDesign
  counted separately. Results without a value (a bare currency name such as "dollar") are
  not quantities and are left out. Unit names map to ISO codes with our defaults for the
  ambiguous ones ("Dollar" -> USD, "Franc" -> CHF, "Pound"/"Livre" -> GBP, "Cent" -> USD/100,
  "Pence" -> GBP/100, "Centimes" -> EUR/100). Percentage points count as percent.
* CQE NewsQuant: the money, percent and count quantities (counts: any unit that is not a
  currency, a percentage or a physical/time unit, written with digits); a range "A-B" is
  two figures, A and B (we extract each end of a range as its own claim). value and
  value+unit P/R/F1 per kind; a count's unit matches when our unit or the counted noun of
  our surface equals NewsQuant's normalized unit (singular, lower case).
* CQE `currency-model.json` (the English currency specs re-annotated by CQE, all 180
  sentences): money value and value+unit, beside CQE's published figures.
* Speed: sentences per second over all the sentences above, one call per sentence, in CPU
  time of this process (best of three passes), so that a busy shared machine does not count.

With --misses N, up to N missed sentences per suite are printed (Recognizers-Text: the
supported cases, then those marked NotSupported).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factwatch.ingest.claims import extract_claims  # noqa: E402
from factwatch.ingest.claims.numbers import parse_number  # noqa: E402
from factwatch.ingest.models import Claim  # noqa: E402

LANGS = {"English": "en", "French": "fr", "German": "de", "Spanish": "es", "Italian": "it",
         "Portuguese": "pt", "Chinese": "zh"}

RT_UNITS: dict[str, tuple[str, float]] = {}
for names, iso, factor in [
    ("Dollar|Dólar|Dollaro|United States dollar|Dollar États-Unis|Dólar estadounidense|"
     "Dólar estadunidense", "USD", 1),
    ("Canadian dollar|Dollar Canadien|Dólar canadiense|Dólar canadense", "CAD", 1),
    ("Australian dollar|Dollar Australien|Dólar australiano", "AUD", 1),
    ("Hong Kong dollar|Dollar de Hong Kong|Dólar de Hong Kong", "HKD", 1),
    ("New Taiwan dollar", "TWD", 1),
    ("New Zealand dollar|Dollar néo-zélandais|Dólar neozelandés|Dólar neozelandês", "NZD", 1),
    ("Pound|Livre|Libra|British pound", "GBP", 1), ("Euro", "EUR", 1),
    ("Japanese yen|Yen Japonais|Yen", "JPY", 1),
    ("Chinese yuan|Yuan Chinois|Yuan chino|Yuan chinês", "CNY", 1),
    ("Swiss franc|Franc Suisse|Franco suizo|Franco suíço|Franc|Franco", "CHF", 1),
    ("Finnish markka|Mark Finlandais|Marco finlandés|Marco finlandês", "FIM", 1),
    ("Netherlands guilder|Florins Néerlandais|Florín neerlandés|Florim holandês", "NLG", 1),
    ("Peseta", "ESP", 1), ("Costa Rican colón", "CRC", 1), ("Georgian lari", "GEL", 1),
    ("Lao kip", "LAK", 1), ("Sri Lankan rupee", "LKR", 1),
    ("Rupee|Indian rupee|Roupie|Roupie indienne", "INR", 1), ("Cambodian riel", "KHR", 1),
    ("Nigerian naira", "NGN", 1), ("Turkish lira", "TRY", 1),
    ("Mexican peso|Peso mexicano", "MXN", 1),
    ("Bitcoin", "BTC", 1), ("Satoshi", "BTC", 1e-8),
    ("Cent|Centavo", "USD", 0.01), ("Centimes", "EUR", 0.01),
    ("Pence|Penny|Penique|Pêni", "GBP", 0.01), ("Pesewa", "GHS", 0.01), ("Sen", "JPY", 0.01),
]:
    for name in names.split("|"):
        RT_UNITS[name] = (iso, factor)

PUBLISHED = {
    "currency": (79.6, "CQE value+unit F1 on the English currency specs (EMNLP 2023)"),
    "rt": (52.5, "Recognizers-Text itself, same set"),
}

NQ_CURRENCIES: dict[str, str] = {
    "dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "japanese yen": "JPY",
    "chinese yuan": "CNY", "australian dollar": "AUD", "hong kong dollar": "HKD",
    "malaysian ringgit": "MYR", "shekel": "ILS", "canadian dollar": "CAD",
    "indian rupee": "INR", "swiss franc": "CHF", "south african rand": "ZAR",
    "new zealand dollar": "NZD", "singapore dollar": "SGD", "singaporean dollar": "SGD",
    "russian ruble": "RUB", "united states dollar": "USD", "danish krone": "DKK",
    "croatian kuna": "HRK", "rupee": "INR", "mexican peso": "MXN", "turkish lira": "TRY",
    "finnish markka": "FIM", "peseta": "ESP", "netherlands guilde": "NLG", "mark": "DEM",
    "costa rican colón": "CRC", "georgian lari": "GEL", "lao kip": "LAK",
    "sri lankan rupee": "LKR", "bitcoin": "BTC",
}
NQ_SUBUNITS: dict[str, tuple[str, float]] = {"cent": ("USD", 0.01), "sen": ("MYR", 0.01),
                                             "penny": ("GBP", 0.01), "pence": ("GBP", 0.01),
                                             "satoshi": ("BTC", 1e-8)}
NQ_NOT_COUNTS = re.compile(
    r"year|month|week|day|hour|minute|second|age|mile|inch|yard|foot|feet|metre|meter|litre|"
    r"liter|gallon|gram|ton|pound-|pound-mass|horsepower|degree|celsius|fahrenheit|hertz|watt|"
    r"byte|volt|ampere|pascal|barrel|acre|hectare|per game|per hour|per minute|per second|"
    r"win above|generation|parts-per|calorie|kelvin|knot|decibel|percent|rpm|revolution|"
    r"cylinder|inning|carat|ounce|joule|newton|mph|bit|pixel|dpi|square|cubic|lumen|^-$|^$",
    re.IGNORECASE,
)


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def rt_value(raw: str, lang: str) -> float | None:
    text = raw.strip().rstrip("%").strip()
    try:
        return float(text)
    except ValueError:
        pass
    sign = -1.0 if text.startswith("-") else 1.0
    parsed = parse_number(text.lstrip("-").lstrip(","), lang)
    if text.lstrip("-").startswith(","):
        parsed = parse_number("0" + text.lstrip("-"), lang)
    return sign * float(parsed[0]) if parsed else None


def match(gold: list[tuple], pred: list[tuple], same: Callable[[tuple, tuple], bool]) -> int:
    used = [False] * len(gold)
    tp = 0
    for p in pred:
        for i, g in enumerate(gold):
            if not used[i] and same(g, p):
                used[i] = True
                tp += 1
                break
    return tp


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


class Tally:
    def __init__(self) -> None:
        self.tp = self.pred = self.gold = 0
        self.misses: list[str] = []

    def add(self, tp: int, pred: int, gold: int, note: str | None = None) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold
        if note and (tp < pred or tp < gold):
            self.misses.append(note)

    def row(self) -> str:
        p, r, f = prf(self.tp, self.pred, self.gold)
        return f"{100 * p:5.1f} {100 * r:5.1f} {100 * f:5.1f}  ({self.tp}/{self.pred}/{self.gold})"


def recognizers(peers: Path, model: str, kind: str, show: int) -> list[tuple[str, str]]:
    """Score one Recognizers-Text model over every language; returns the sentences seen."""
    seen: list[tuple[str, str]] = []
    folder = "NumberWithUnit" if model == "CurrencyModel" else "Number"
    print(f"\nRecognizers-Text {model} ({kind}, value+unit)   P     R     F1   (tp/pred/gold)")
    for name, lang in LANGS.items():
        path = peers / "recognizers-text" / folder / name / f"{model}.json"
        if not path.exists():
            continue
        supported, unsupported = Tally(), Tally()
        for case in load(path):
            sentence = case["Input"]
            seen.append((sentence, lang))
            gold = []
            for r in case["Results"]:
                res = r.get("Resolution") or {}
                if res.get("value") in (None, "null"):
                    continue
                value = rt_value(str(res["value"]), lang)
                if value is None:
                    continue
                if kind == "money":
                    iso, factor = RT_UNITS.get(res.get("unit", ""), ("?", 1.0))
                    gold.append((value * factor, iso))
                else:
                    gold.append((value, "%"))
            claims = [c for c in extract_claims(sentence, lang) if c.kind == kind]
            pred = [(c.value, "%" if kind == "percent" else c.unit) for c in claims]
            tp = match(gold, pred, lambda g, p: g[1] == p[1] and close(g[0], p[0]))
            tally = unsupported if ("NotSupported" in case or "NotSupportedByDesign" in case) \
                else supported
            tally.add(tp, len(pred), len(gold), f"{sentence[:110]!r} gold={gold} pred={pred}")
        print(f"  {name:11} supported   {supported.row()}   NotSupported {unsupported.row()}")
        for note in supported.misses[:show]:
            print(f"      - {note}")
        for note in unsupported.misses[:show]:
            print(f"      - (NotSupported) {note}")
    return seen


def singular(word: str) -> str:
    w = word.lower().strip()
    irregular = {"people": "person", "persons": "person", "children": "child", "men": "man",
                 "women": "woman", "staff": "staff"}
    if w in irregular:
        return irregular[w]
    if w.endswith("men"):
        return w[:-3] + "man"
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if w.endswith(suffix) and len(w) > 3:
            return w[: -len(suffix)] + repl
    return w


def newsquant(peers: Path, show: int) -> list[tuple[str, str]]:
    return cqe_file(peers / "cqe" / "NewsQuant.json", "CQE NewsQuant (en)", show)


def cqe_file(path: Path, title: str, show: int, kinds: tuple[str, ...] = (
        "money", "percent", "count")) -> list[tuple[str, str]]:
    data = load(path)
    tallies = {(k, m): Tally() for k in ("money", "percent", "count") for m in ("v", "vu")}
    sentences = []
    for item in data:
        text = item["text"]
        sentences.append((text, "en"))
        gold: dict[str, list[tuple]] = {"money": [], "percent": [], "count": []}
        for q in item["quantities"]:
            unit = (q.get("normalized_unit") or "").strip()
            for value in _nq_values(str(q.get("value", ""))):
                _nq_gold(gold, text, unit, value)
        claims = extract_claims(text, "en")
        for kind in gold:
            pred = [_nq_pred(c) for c in claims if c.kind == kind]
            tp_v = match(gold[kind], pred, lambda g, p: close(g[0], p[0]))
            tp_vu = match(gold[kind], pred, lambda g, p: close(g[0], p[0]) and g[1] in p[1])
            tallies[(kind, "v")].add(tp_v, len(pred), len(gold[kind]))
            tallies[(kind, "vu")].add(tp_vu, len(pred), len(gold[kind]),
                                      f"{text[:110]!r} gold={gold[kind]} pred={pred}")
    print(f"\n{title:27} value: P     R     F1          value+unit: P     R     F1")
    for kind in kinds:
        print(f"  {kind:8} {tallies[(kind, 'v')].row():>36}   {tallies[(kind, 'vu')].row()}")
    if len(kinds) > 1:
        total_v, total_vu = Tally(), Tally()
        for (_, m), t in tallies.items():
            (total_v if m == "v" else total_vu).add(t.tp, t.pred, t.gold)
        print(f"  {'all':8} {total_v.row():>36}   {total_vu.row()}")
    for kind in kinds:
        for note in tallies[(kind, "vu")].misses[:show]:
            print(f"      - {kind}: {note}")
    return sentences


_RANGE = re.compile(r"^(-?[\d.]+)-(-?[\d.]+)$")


def _nq_values(raw: str) -> list[float]:
    """NewsQuant writes a range as one quantity "A-B": it states two figures."""
    m = _RANGE.match(raw.strip())
    parts = [m.group(1), m.group(2)] if m else [raw]
    out = []
    for part in parts:
        try:
            out.append(float(part))
        except ValueError:
            continue
    return out


def _nq_gold(gold: dict[str, list[tuple]], text: str, unit: str, value: float) -> None:
    low = unit.lower()
    cur = NQ_CURRENCIES.get(low.split(" per ")[0])
    sub = NQ_SUBUNITS.get(low.split(" per ")[0])
    if cur:
        gold["money"].append((value, cur))
    elif sub:
        gold["money"].append((value * sub[1], sub[0]))
    elif low.startswith("percentage"):
        gold["percent"].append((value, "%"))
    elif not NQ_NOT_COUNTS.search(low) and _digits_written(text, value):
        gold["count"].append((value, singular(unit.split()[-1]) if unit else ""))


_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _digits_written(text: str, value: float) -> bool:
    """True when the quantity is written with digits (possibly with a scale word)."""
    for m in _NUMERAL.finditer(text):
        try:
            n = float(m.group().replace(",", "").rstrip("."))
        except ValueError:
            continue
        if any(close(n * 10.0**k, value) for k in (0, 2, 3, 6, 9, 12)):
            return True
    return False


def _nq_pred(c: Claim) -> tuple:
    if c.kind == "money":
        return (c.value, c.unit)
    if c.kind == "percent":
        return (c.value, "%")
    head = c.surface.split()[-1] if c.surface.split() else ""
    return (c.value, {singular(c.unit or ""), singular(head)})


def speed(sentences: list[tuple[str, str]], rounds: int = 3) -> None:
    """Best of `rounds` passes; CPU time of this process, so that other work on a shared
    machine does not count (wall time printed beside it)."""
    best_cpu = best_wall = math.inf
    for _ in range(rounds):
        c0, t0 = time.process_time(), time.perf_counter()
        for s, lang in sentences:
            extract_claims(s, lang)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - t0)
    print(f"\nspeed: {len(sentences)} sentences in {best_cpu:.2f} s CPU = "
          f"{len(sentences) / best_cpu:,.0f} sentences/s on one core "
          f"(wall {best_wall:.2f} s, best of {rounds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("peers", nargs="?", default=str(ROOT.parent / "shared/peers"))
    parser.add_argument("--misses", type=int, default=0, help="misses to print per suite")
    args = parser.parse_args()
    peers = Path(args.peers)
    seen = recognizers(peers, "CurrencyModel", "money", args.misses)
    print(f"  published (English only): CQE {PUBLISHED['currency'][0]}, "
          f"Recognizers-Text {PUBLISHED['rt'][0]}, quantulum3 32.5")
    seen += recognizers(peers, "PercentModel", "percent", args.misses)
    seen += newsquant(peers, args.misses)
    print("  published (all quantity kinds): CQE 92.0 / 85.6, quantulum3 73.0 / 47.2, "
          "Recognizers-Text 69.1 / 34.2")
    cqe_file(peers / "cqe" / "currency-model.json", "CQE currency-model (en)", args.misses,
             ("money",))
    print("  published (value / value+unit): CQE 84.2 / 79.6, Recognizers-Text 77.7 / 52.5, "
          "quantulum3 76.2 / 32.5")
    speed(seen)


if __name__ == "__main__":
    main()
