"""Numbers written as words ("deux milliards", "twenty percent", "quinientos treinta y cinco
por ciento", "einhundertneunundneunzig Prozent", "dos coma cinco por ciento").

A written number is read whole, as a sequence of number words: units, tens and their
compounds, hundreds, thousands and the large scales, with the joiners each language puts
between them ("and", "et", "y", "e") and its decimal word ("point", "virgule", "coma",
"Komma", "virgola", "vírgula"). German and Italian glue the parts into one word
("siebenhundert", "duecentotrenta"). A sequence that breaks the grammar of numbers ("cinq
six") ends the number where it breaks.

They make a claim only next to a scale word, a percent word or a currency: "four consortia"
stays a plain phrase. Articles ("a", "un", "ein") count as one only before a scale
("a billion dollars", "un milliard d'euros").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from factwatch.ingest.lang import LanguageData, find, get


@lru_cache(maxsize=8)
def number_words(lang: str) -> dict[str, int]:
    """Every written form of 0-100 in `lang` (compounds included) -> its value."""
    data = find(lang)
    if data is None or not data.number_units:
        return {}
    units = data.number_units
    table = {w: i + 1 for i, w in enumerate(units)}
    table.update(data.number_extra)
    for t, tens_word in enumerate(data.number_tens):
        tens = 20 + 10 * t
        if tens_word.endswith("-dix"):  # French counts 70 and 90 as 60 + 10, 80 + 10
            tens = {"soixante-dix": 70, "quatre-vingt-dix": 90}[tens_word]
            base = tens_word[: -len("-dix")]
            table[tens_word] = tens
            for u in range(1, 10):
                form = units[9 + u] if u <= 9 else ""
                table[f"{base}-{form}"] = tens + u
            table[f"{base} et onze"] = tens + 1
            continue
        table[tens_word] = tens
        for u, unit_word in enumerate(units[:9], start=1):
            table.update({f: tens + u for f in data.number_compounds(tens_word, unit_word, u)})
    for form, value in list(table.items()):
        table.setdefault(strip_accents(form), value)  # "veintidos", "tres", "dreissig"
        if "ß" in form:
            table.setdefault(form.replace("ß", "ss"), value)
    return table


def strip_accents(text: str) -> str:
    """The text without combining accents ("três" -> "tres"); "ß" is kept."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


# --- Reading a whole written number ----------------------------------------------------

_SEPARATOR = re.compile(r"[ \u00a0]+-?[ \u00a0]*|-[ \u00a0]*")


@dataclass(frozen=True)
class Spelled:
    """A number written in words: `value` x 10^`power`, the scale words written last
    ("deux milliards": 2 and 9; "dos mil trescientos millones": 2300 and 6)."""

    start: int
    end: int  # end of the words before the trailing scale words
    scale_end: int  # end of the whole number
    value: Decimal
    power: int
    precision: int
    article: bool  # the whole number is one article-like word ("un", "a", "eine")

    @property
    def scaled(self) -> Decimal:
        return self.value.scaleb(self.power)


@dataclass(frozen=True)
class _Table:
    """One language's number words compiled for reading."""

    lang: str
    data: LanguageData
    atom: re.Pattern[str]
    start: re.Pattern[str]
    fraction: re.Pattern[str]
    kinds: dict[str, tuple[str, int]]  # form -> (kind, value or power)


@lru_cache(maxsize=8)
def _table(lang: str) -> _Table | None:
    base = number_words(lang)
    if not base:
        return None
    data = get(lang)
    kinds: dict[str, tuple[str, int]] = {}
    for form, value in base.items():
        kinds[form] = ("num", value)
    for form, value in data.number_hundreds.items():
        kinds[form] = ("num", value)
        kinds.setdefault(strip_accents(form), ("num", value))
    for form in data.hundred_words:
        kinds[form] = ("hund", 100)
    for form, power in data.number_scales.items():
        kinds[form] = ("scale", power)
        kinds.setdefault(strip_accents(form), ("scale", power))
    for form in data.decimal_words:
        kinds[form] = ("dec", 0)
    for form in data.joiner_words:
        kinds.setdefault(form, ("join", 0))
    forms = list(kinds)
    starters = [f for f, (k, _) in kinds.items()
                if k in ("num", "hund") or f in data.number_starts]
    starters += data.fraction_starts
    scales = "|".join(re.escape(f) for f in sorted(data.number_scales, key=len, reverse=True)
                      if data.number_scales[f] >= 6)
    return _Table(
        lang=lang,
        data=data,
        atom=re.compile(rf"(?i:{trie_regex(forms)})"),
        start=re.compile(rf"(?<![\w-])(?i:{trie_regex(starters)})"),
        fraction=re.compile(rf"(?i:{data.fraction}(?P<s>{scales}))(?![\w])"),
        kinds=kinds,
    )


def trie_regex(phrases: list[str]) -> str:
    """One regex for many lower-case phrases, shared prefixes factored out (far faster
    than a flat alternation); the longest phrase wins. A space stands for any run of
    spaces."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [("[ \u00a0]+" if ch == " " else re.escape(ch)) + emit(child)
                for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) or "(?!)"


def spelled_starts(text: str, lang: str) -> list[int]:
    """Positions where a written number may begin, in order."""
    table = _table(lang)
    return [m.start() for m in table.start.finditer(text)] if table else []


def _place(value: int) -> int:
    """The smallest place a number word fills: what may still follow it ("vingt" -> 10:
    a unit may follow; "cinq" -> 1: nothing may)."""
    if value >= 100:
        return 100 if value % 100 == 0 else (10 if value % 10 == 0 else 1)
    if value >= 20 and value % 10 == 0:
        return 10
    return 1


def _combine(items: list[_Item]) -> int:
    """Value of numbers and scales in writing order ("tres millones cincuenta y dos mil")."""
    scales = [(i, it.value) for i, it in enumerate(items) if it.scale]
    if not scales:
        return sum(it.value for it in items)
    top = max(v for _, v in scales)
    k = max(i for i, v in scales if v == top)
    left = _combine(items[:k]) if k else 1
    return (left or 1) * 10**top + _combine(items[k + 1:])


@dataclass(frozen=True)
class _Item:
    """A group of number words below a thousand (`value`), or a scale word (`value` = its
    power of ten), with its span."""

    scale: bool
    value: int
    start: int
    end: int


@dataclass(frozen=True)
class _Part:
    """An integer read from words, split before the scale words that end it."""

    head: list[_Item]  # everything before the trailing scale words
    trailing: list[_Item]  # "millones" in "dos mil trescientos millones"
    end: int

    def value_and_power(self) -> tuple[int, int, int]:
        """(value, power, end of the words before the power): the trailing scales become
        the power when they are the largest scale written ("2300" x 10^6), else all is
        value ("513 millones 452 mil" -> 513452000, power 0)."""
        power = sum(it.value for it in self.trailing)
        inner = [it.value for it in self.head if it.scale]
        if not self.trailing or (inner and power <= max(inner)):
            return _combine(self.head + self.trailing), 0, self.end
        if self.head:
            return _combine(self.head), power, self.head[-1].end
        first = self.trailing[0]  # "mil millones", "mille": the first scale is the number
        return 10**first.value, power - first.value, first.end


class _Reader:
    """Reads one written number from a start position (a small state machine)."""

    def __init__(self, text: str, table: _Table) -> None:
        self.text = text
        self.t = table
        self.glued = table.data.glued

    def _atom(self, pos: int) -> tuple[str, int, int, bool] | None:
        """(kind, value, end, inside a word) of the number word at `pos`."""
        m = self.t.atom.match(self.text, pos)
        if not m:
            return None
        kind, val = self.t.kinds.get(_key(m.group()), ("", 0))
        end = m.end()
        inside = end < len(self.text) and self.text[end].isalnum()
        if inside and not (self.glued and kind in ("num", "hund", "scale")):
            return None  # "tend", "miles", "Achtung": a longer word
        return kind, val, end, inside

    def integer(self, pos: int) -> _Part | None:
        """The longest well-formed integer written at `pos`; None when there is none."""
        items: list[_Item] = []
        cur: int | None = None
        cur_start = cur_end = pos
        place, hund, last = 1000, False, ""
        committed: tuple[list[_Item], _Item | None] | None = None
        while True:
            atom = self._atom(pos)
            if atom is None:
                break
            kind, val, end, inside = atom
            if kind == "num":
                if cur is None:
                    cur, place, cur_start = val, _place(val), pos
                elif 0 < val < place:
                    cur, place = cur + val, _place(val)
                else:
                    break
            elif kind == "hund":
                if hund or (cur is not None and cur >= self.t.data.hundreds_of_below):
                    break
                if cur is None:
                    cur_start = pos
                cur, place, hund = (cur or 1) * 100, 100, True
            elif kind == "scale":
                word = _key(self.text[pos:end])
                if cur is None and not items and word not in self.t.data.number_starts:
                    break  # "millions of": a scale alone is no number
                if cur is None and items and items[-1].scale and items[-1].value >= val:
                    break
                if cur is not None:
                    items.append(_Item(False, cur, cur_start, cur_end))
                items.append(_Item(True, val, pos, end))
                cur, place, hund = None, 1000, False
            elif kind == "join":
                if (cur is None and not items) or (
                        self.t.data.joiner_after_scales_only and last not in ("hund", "scale")):
                    break
                sep = _SEPARATOR.match(self.text, end)
                if not sep:
                    break
                pos = sep.end()
                continue
            else:
                break
            pos, last = end, kind
            if kind != "scale":
                cur_end = end
            if not inside:
                group = _Item(False, cur, cur_start, end) if cur is not None else None
                committed = ([*items], group)
                sep = _SEPARATOR.match(self.text, pos)
                if not sep:
                    break
                pos = sep.end()
        if committed is None:
            return None
        done, group = committed
        if group is not None:
            done = [*done, group]
        if not done:
            return None
        k = len(done)
        while k and done[k - 1].scale:
            k -= 1
        return _Part(done[:k], done[k:], done[-1].end)

    def read(self, pos: int) -> Spelled | None:
        """The written number starting at `pos`, or None."""
        frac = self.t.fraction.match(self.text, pos)
        if frac:
            fw = " ".join(frac.group("f").lower().replace("-", " ").split())
            value = self.t.data.fraction_values.get(fw)
            if value is not None:
                power = self.t.data.number_scales[_key(frac.group("s"))]
                whole, digits = str(value).split(".")
                end = frac.end("f")
                return Spelled(pos, end, frac.end(), value, power,
                               significant_digits_of(whole.lstrip("0"), digits), False)
        part = self.integer(pos)
        if part is None:
            return None
        int_value, power, words_end = part.value_and_power()
        end = part.end
        frac_digits = ""
        if power == 0:
            dec = self._decimal(end)
            if dec is not None:
                frac_digits, words_end, power, end = dec
        value = Decimal(f"{int_value}.{frac_digits or '0'}")
        precision = significant_digits_of(str(int_value), frac_digits)
        return Spelled(pos, words_end, end, value, power, precision,
                       _key(self.text[pos:words_end]) in self.t.data.articles)

    def _decimal(self, pos: int) -> tuple[str, int, int, int] | None:
        """(digits, end of the digits, trailing power, end) for "coma veintiocho" or
        "point one four" after an integer; None when no decimal part follows."""
        sep = _SEPARATOR.match(self.text, pos)
        atom = self._atom(sep.end()) if sep else None
        if atom is None or atom[0] != "dec" or atom[3]:
            return None
        after = _SEPARATOR.match(self.text, atom[2])
        if not after:
            return None
        if self.t.data.decimal_digit_by_digit:  # "two point five", "three point one four"
            digits, end, p = "", 0, after.end()
            while (d := self._atom(p)) is not None and d[0] == "num" and d[1] <= 9 and not d[3]:
                if _key(self.text[p:d[2]]) in ("a", "an"):
                    break
                digits, end = digits + str(d[1]), d[2]
                nxt = _SEPARATOR.match(self.text, end)
                if not nxt:
                    break
                p = nxt.end()
            if not digits:
                return None
            nxt = _SEPARATOR.match(self.text, end)
            scale = self._atom(nxt.end()) if nxt else None
            if scale is not None and scale[0] == "scale" and not scale[3]:
                return digits, end, scale[1], scale[2]  # "two point five million"
            return digits, end, 0, end
        part = self.integer(after.end())
        if part is None or not part.head:
            return None
        value, power, words_end = part.value_and_power()
        return str(value), words_end, power, part.end


def read_spelled(text: str, pos: int, lang: str) -> Spelled | None:
    """The number written in words starting at `pos` (see the module docstring)."""
    table = _table(lang)
    return _Reader(text, table).read(pos) if table else None


def significant_digits_of(int_digits: str, frac: str = "") -> int:
    """Significant digits of a number read from words (same rule as for digits)."""
    if frac:
        return max(len((int_digits + frac).lstrip("0")), 1)
    return max(len(int_digits.lstrip("0").rstrip("0")), 1)


def _key(words_text: str) -> str:
    """Lookup form of matched number words: lower case (not casefold: "ß"), single spaces."""
    return " ".join(words_text.lower().split())
