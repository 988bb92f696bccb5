"""Time and memory of claim extraction on text built to be slow (issue 14's hostile inputs).

Each case was minutes before the fixes (a quadratic sentence splitter, a Chinese numeral
parser multiplying huge integers); all should now be well under a second per case. Prints
one line per case: size, seconds, peak memory of the extraction, claims found.

Usage: python bench/hostile_text.py
"""

from __future__ import annotations

import time
import tracemalloc

from factwatch.ingest.claims import extract_claims

CASES: dict[str, tuple[str, str]] = {
    "80,000 spaces": ("de", "Der Umsatz stieg um 5 %." + " " * 80_000 + "\nEnde."),
    "320 KB of no-break spaces": ("fr", "Il coûte 12 millions d'euros." + "\u00a0" * 160_000),
    "亿 x 256,000": ("zh", "收入" + "亿" * 256_000 + "元。"),
    "一 + 亿 x 39 + 元": ("zh", "公司投资一" + "亿" * 39 + "元建设工厂，另有5亿元用于研发。"),
    "'billion' x 10,000": ("en", "It costs 5" + " billion" * 10_000 + " dollars."),
    "100,000 full stops": ("en", "Prices rose 4 %" + "." * 100_000),
    "50,000 short sentences": ("en", "Up 3 %. " * 50_000),
}


def main() -> None:
    print(f"{'case':<28} {'chars':>9} {'seconds':>8} {'peak MB':>8} {'claims':>7}")
    for name, (lang, text) in CASES.items():
        tracemalloc.start()
        started = time.perf_counter()
        claims = extract_claims(text, lang)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"{name:<28} {len(text):>9,} {seconds:>8.2f} {peak:>8.1f} {len(claims):>7}")


if __name__ == "__main__":
    main()
