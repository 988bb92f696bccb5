"""Numerals as each language writes them: digit groups, decimal marks, Chinese numerals.

Parsing returns a `Decimal` (exact, so 5.4 x 10^9 stays 5400000000) and the number of
significant digits stated. Rule for precision: digits count from the first non-zero digit;
trailing zeros of a whole number are not significant ("4 500" -> 2, "1 250" -> 3), while
zeros written after a decimal mark are ("4,10" -> 3). Scale words never add digits.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from factwatch.ingest.claims.normalize import NBSP
from factwatch.ingest.lang import find

# Letters that may not touch a number on its left: a digit glued to a word is a name or a
# code ("Qwen2.5", "A22B", "AIME25", "COVID-19"), never a figure.
LATIN = "A-Za-zÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿ"
_GLUED_PREFIXES = ("USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CHF", "AUD", "CAD", "HKD", "INR",
                   "SGD", "NZD", "BRL", "MXN", "KRW", "RM", "Rs", "$US", "$A", "$NZ", "$C")
_AFTER_CODE = "|".join(f"(?<={re.escape(p)})" for p in _GLUED_PREFIXES)
NUMBER_LEAD = (
    rf"(?:(?<![0-9{LATIN}_])|{_AFTER_CODE})(?<![0-9][.,'])(?<![{LATIN}_]-)(?<![{LATIN}]\.)"
)
MAX_DIGITS = 40


def group_separators(lang: str) -> str:
    """Characters that separate thousands in `lang` (inside a regex character class)."""
    seps = NBSP + "'"
    data = find(lang)
    seps += "," if (data.decimal if data else ".") == "." else "."
    if data and data.space_groups:
        seps += " "
    return seps


def number_pattern(lang: str) -> str:
    """Regex (no groups) for one numeral written with digits in `lang`."""
    seps = group_separators(lang).replace("'", "\\'")
    # Indian English groups lakhs and crores: "12,34,567.89".
    data = find(lang)
    lakhs = data is not None and data.lakh_groups
    indian = r"\d{1,2}(?:,\d{2})+,\d{3}(?![0-9])(?:\.\d+(?![.,]?\d))?|" if lakhs else ""
    # The lookahead first: the lookbehinds of NUMBER_LEAD are costly at every position.
    return (
        rf"(?=[0-9.,]){NUMBER_LEAD}(?:{indian}\d{{1,3}}(?:[{seps}]\d{{3}}(?!\d))+(?:[.,]\d+(?![.,]?\d))?"
        rf"|\d+(?:[.,]\d+(?![.,]?\d))?|(?<![^\s(])[.,]\d+(?![.,]?\d))"
    )


def parse_number(token: str, lang: str) -> tuple[Decimal, int] | None:
    """Value and significant digits of a numeral; None when it is not a plain number."""
    digits_only = token.replace(" ", "").replace(NBSP, "").replace("'", "")
    if not digits_only or len(digits_only) > MAX_DIGITS:
        return None
    commas, dots = digits_only.count(","), digits_only.count(".")
    data = find(lang)
    decimal_mark = data.decimal if data else "."
    if commas and dots:
        mark = "," if digits_only.rfind(",") > digits_only.rfind(".") else "."
        other = "." if mark == "," else ","
        digits_only = digits_only.replace(other, "")
        int_part, _, frac = digits_only.partition(mark)
    elif commas + dots == 0:
        int_part, frac = digits_only, ""
    else:
        sep = "," if commas else "."
        count = commas or dots
        head, _, tail = digits_only.partition(sep)
        grouped = count > 1 or (
            len(tail) == 3 and sep != decimal_mark and head.strip("0") != ""
        )
        if grouped:
            int_part, frac = digits_only.replace(sep, ""), ""
        else:
            int_part, frac = head, tail
    if not (int_part or frac) or not (int_part + frac).isdigit():
        return None
    try:
        value = Decimal(f"{int_part or '0'}.{frac or '0'}")
    except InvalidOperation:
        return None
    return value, significant_digits(int_part, frac)


def significant_digits(int_part: str, frac: str) -> int:
    """Stated significant digits (see module docstring for the rule on trailing zeros)."""
    if frac:
        digits = (int_part + frac).lstrip("0")
        return max(len(digits), 1)
    digits = int_part.lstrip("0").rstrip("0")
    return max(len(digits), 1)


# --- Chinese ---------------------------------------------------------------------------

ZH_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
ZH_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000,
                                  "仟": 1000}
ZH_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
                                "兆": 10**12}
ZH_NUMERAL_CHARS = "".join(ZH_DIGITS) + "".join(ZH_SMALL_UNITS) + "".join(ZH_BIG_UNITS)
ZH_SCALE_CHARS = "十百千万萬亿億兆"
ZH_MAX_VALUE = 10**20  # beyond any quantity in the news (万亿亿 = 10^20)


def zh_scale(chars: str) -> int:
    """Power-of-ten multiplier of a run of Chinese scale characters ("万亿" -> 10^12)."""
    factor = 1
    for ch in chars:
        factor *= ZH_SMALL_UNITS.get(ch) or ZH_BIG_UNITS.get(ch, 1)
    return factor


def parse_zh_numeral(text: str) -> tuple[Decimal, int] | None:
    """Value and significant digits of a Chinese numeral ("四十九兆九千五百九十二億", "八点五")."""
    text = text.replace("點", "点")
    if "点" in text:
        whole, _, frac = text.partition("点")
        head = parse_zh_numeral(whole) if whole else (Decimal(0), 1)
        if head is None or not frac or any(ch not in ZH_DIGITS for ch in frac):
            return None
        digits = "".join(str(ZH_DIGITS[ch]) for ch in frac)
        return head[0] + Decimal("0." + digits), significant_digits(str(int(head[0])), digits)
    total, section, number = 0, 0, 0
    previous_digit = False
    for ch in text:
        if ch in ZH_DIGITS:
            if previous_digit and number != 0:
                return None  # "二三十" is an approximation, not a number
            number = ZH_DIGITS[ch]
            previous_digit = True
            continue
        previous_digit = False
        if ch in ZH_SMALL_UNITS:
            unit = ZH_SMALL_UNITS[ch]
            if number == 0 and (unit == 10 or (total == 0 and section == 0)):
                number = 1  # "十五" = 15; a leading "百"/"千" is one of them ("百分之百")
            section += number * unit
            number = 0
        elif ch in ZH_BIG_UNITS:
            unit = ZH_BIG_UNITS[ch]
            section += number
            number = 0
            if section == 0:
                total = (total or 1) * unit
            else:
                total += section * unit
            section = 0
            if total > ZH_MAX_VALUE:
                return None  # "亿亿亿…": no quantity; stop before the integers grow huge
        else:
            return None
    total += section + number
    if total == 0 and not any(ch in "零〇" for ch in text):
        return None
    digits = str(total).rstrip("0") or "0"
    return Decimal(total), max(len(digits), 1)
