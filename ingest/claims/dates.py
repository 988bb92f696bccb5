"""Calendar days: "le 31 août 2025", "8. Juli", "16 de enero", "Feb. 3", "2025年1月17日",
ranges ("du 24 au 26 septembre", "24-26 September") and numeric dates ("23.04.2024").

Only a named day is a date claim: bare years, months, quarters and weekdays are not. A
year left out of the text is the one that puts the day nearest the publication date
(a month far after the publication month is last year's).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import cache, lru_cache

from factwatch.ingest.claims.candidates import Candidate
from factwatch.ingest.claims.grammar import SP, WORD_END, WORD_START
from factwatch.ingest.lang import find, get

# The future counts double: news reports more past days than coming ones, so a day more
# than about four months ahead of publication is read as last year's.
FUTURE_WEIGHT = 2.0

_DAY = r"(?<![0-9])(?<![0-9][.,])(?P<{name}>[12][0-9]|3[01]|0?[1-9])(?![0-9])"
_YEAR = r"(?P<y>1[89][0-9]{2}|2[0-9]{3})(?![0-9])"


def _month_alt(lang: str) -> str:
    data = get(lang)
    names = sorted(data.months, key=len, reverse=True)
    parts = []
    for name in names:
        body = re.escape(name)
        if name in data.case_sensitive_months:
            parts.append(body)
        else:
            parts.append(f"(?i:{body})")
    return "|".join(parts)


@lru_cache(maxsize=16)
def _patterns(lang: str) -> list[re.Pattern[str]]:
    if lang == "zh":
        return [re.compile(
            r"(?=[0-9])(?<![0-9])(?:(?P<y>[12][0-9]{3})年)?(?P<m>1[0-2]|0?[1-9])月"
            r"(?P<d>[12][0-9]|3[01]|0?[1-9])[日号](?:(?:至|到|-|–|~|～|—)(?:(?P<m2>1[0-2]|0?[1-9])月)?"
            r"(?P<d2>[12][0-9]|3[01]|0?[1-9])[日号])?"
        )]
    data = get(lang)
    months = _month_alt(lang)
    ordinal = data.date_ordinal
    joins = "|".join(re.escape(w) for w in data.range_words)
    range_part = (
        rf"(?:{SP}*(?:{joins}){SP}*(?:le{SP}+|el{SP}+|il{SP}+)?"
        + _DAY.format(name="d2") + ordinal + ")?"
    )
    year_part = "(?:" + data.date_year_join.format(SP=SP) + _YEAR + ")?"
    day_first = (
        "(?=[0-9])" + WORD_START + _DAY.format(name="d") + ordinal + range_part
        + SP + "*" + data.date_of.format(SP=SP) + rf"(?P<m>{months})" + WORD_END + year_part
    )
    patterns = [re.compile(day_first)]
    if data.month_first:
        month_first = (
            WORD_START + rf"(?P<m>{months})" + r"\.?" + SP + "+" + _DAY.format(name="d")
            + ordinal + range_part + WORD_END
            + rf"(?:,?{SP}+" + _YEAR + ")?"
        )
        patterns.append(re.compile(month_first))
    if data.date_range is not None:
        lead, to = data.date_range
        patterns.insert(0, re.compile(
            WORD_START + rf"{lead}{SP}+" + _DAY.format(name="d") + ordinal + rf"{SP}+{to}{SP}+"
            + _DAY.format(name="d2") + ordinal + SP + "+" + data.date_of.format(SP=SP)
            + rf"(?P<m>{months})" + WORD_END + year_part
        ))
    return patterns


_ISO = re.compile(
    r"(?=[12])(?<![0-9])(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?![0-9])"
)
_NUMERIC = re.compile(
    r"(?=[0-9])(?<![0-9./])(?P<a>[0-3]?[0-9])(?P<sep>[./])(?P<b>[01]?[0-9])(?P=sep)"
    r"(?P<y>[12][0-9]{3})(?![0-9])"
)


def find_dates(text: str, lang: str, published: date | None) -> list[Candidate]:
    """Date candidates of `text` (`lang` a primary language tag), years inferred if absent."""
    found: list[Candidate] = []
    taken = _Spans()
    years = _Years(text)
    data = find(lang)
    month_first = data is not None and data.month_first
    for pattern in _patterns(lang if data else "en"):
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            cand = _from_match(m, lang, published, years)
            if cand:
                found.append(cand)
                taken.add(cand.start, cand.end)
    if lang == "zh":
        _add_zh_days(found, taken, text, published)
    for m in _ISO.finditer(text):
        _add_numeric(found, taken, m, int(m["y"]), int(m["m"]), int(m["d"]))
    for m in _NUMERIC.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        us_style = month_first and m["sep"] == "/" and a <= 12
        day, month = (b, a) if us_style else (a, b)
        _add_numeric(found, taken, m, int(m["y"]), month, day)
    return sorted(found, key=lambda c: c.start)


# A day of the month written alone ("7日", "23日晚"), or of this, last or next month
# ("下月12日"): Chinese news names the month once and then only days. Not a span of days
# ("连续3日", "3日内"), which takes 天 in most writing but 日 in some.
_ZH_DAY = re.compile(
    r"(?<![0-9月年])(?<!连续)(?<!近)(?<!过去)(?<!每)(?<!前)(?<!后)(?<!第)"
    r"(?P<rel>[上下本]个?月)?(?P<d>[12][0-9]|3[01]|0?[1-9])日(?!内|以来|之内|间|起至)"
)
_ZH_MONTH = re.compile(r"(?<![0-9])(1[0-2]|0?[1-9])月")


def _add_zh_days(found: list[Candidate], taken: _Spans, text: str, published: date | None) -> None:
    """Days named without their month: the month is the one last named before them, else
    the publication's (the one before it when the day would lie ahead of publication)."""
    if published is None:
        return
    for m in _ZH_DAY.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        day = int(m["d"])
        if m["rel"]:
            shift = {"上": -1, "下": 1, "本": 0}[m["rel"][0]]
            d = _month_day(published, shift, day)
        elif named := _ZH_MONTH.findall(text, 0, m.start()):
            d = infer_year(int(named[-1]), day, published)
        else:  # a day not yet come this month is last month's
            d = _month_day(published, -1 if day > published.day + 1 else 0, day)
        if d is not None:
            found.append(Candidate("date", m.start(), m.end(), date_value=d))
            taken.add(m.start(), m.end())


def _month_day(published: date, shift: int, day: int) -> date | None:
    """Day `day` of the month `shift` months from the publication's."""
    year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
    return _safe_date(year, month + 1, day)


class _Spans:
    """Non-overlapping spans already taken, searchable in log time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class _Years:
    """Years written in the text, for days named without one when publication is unknown."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: list[tuple[int, int]] | None = None

    def before(self, pos: int) -> int | None:
        if self._found is None:
            self._found = [(m.start(), int(m.group())) for m in _YEAR_IN_TEXT.finditer(self.text)]
        if not self._found:
            return None
        i = bisect_right([p for p, _ in self._found], pos) - 1
        return self._found[i][1] if i >= 0 else self._found[-1][1]


def _add_numeric(found, taken: _Spans, m: re.Match[str], year: int, month: int, day: int) -> None:
    if taken.overlaps(m.start(), m.end()):
        return
    d = _safe_date(year, month, day)
    if d:
        found.append(Candidate("date", m.start(), m.end(), date_value=d))
        taken.add(m.start(), m.end())


def _from_match(
    m: re.Match[str], lang: str, published: date | None, years: _Years
) -> Candidate | None:
    groups = m.groupdict()
    month = int(groups["m"]) if lang == "zh" else _month_number(lang, groups["m"])
    if not month:
        return None
    day = int(groups["d"])
    year = int(groups["y"]) if groups.get("y") else None
    start, end = m.start(), m.end()
    if _safe_date(year or 2000, month, day) is None:
        return None
    first = _resolve(year, month, day, published, years, m.start())
    if year is None and published is not None:
        cue = _year_cue(m.string, start, end, lang)
        if cue is not None:
            first = _cued_day(cue, month, day, published) or first
        elif _deadline(m.string, start, end, lang):
            first = infer_year(month, day, published, future_weight=1.0) or first
    if first is None:
        # A day we cannot place in a year: still a date (its digits are no count), no claim.
        return Candidate("date", start, end)
    last = None
    if groups.get("d2"):
        month2 = int(groups["m2"]) if groups.get("m2") else month
        d2 = int(groups["d2"])
        last = _safe_date(first.year, month2, d2)
        if last and last < first:
            last = _safe_date(first.year + 1, month2, d2)
        if last is None or last == first:
            last = None
    return Candidate("date", start, end, date_value=first, date_end=last)


@cache
def _deadline_pattern(lang: str) -> tuple[re.Pattern[str], bool] | None:
    data = find(lang)
    if data is None or not data.deadline_words:
        return None
    body = "|".join(re.escape(w) for w in sorted(data.deadline_words, key=len, reverse=True))
    if data.unspaced:
        return re.compile(rf"^(?:{body})"), True
    edge, tail = r"(?<![^\W\d_])", r"[\s\u00a0:,]*(?:(?:le|el|il|dem|de|the|of|o|dia)[\s\u00a0]+)?$"
    return re.compile(rf"{edge}(?:{body}){tail}", re.IGNORECASE), False


def _deadline(text: str, start: int, end: int, lang: str) -> bool:
    """A deadline word right beside the day ("until 30 June", "bis zum 30. Juni", "6月30日前")."""
    found = _deadline_pattern(lang)
    if found is None:
        return False
    pattern, after = found
    return bool(pattern.search(text[end : end + 4] if after else text[max(0, start - 40) : start]))


@cache
def _year_cues(lang: str) -> tuple[tuple[re.Pattern[str], list[str]], ...]:
    """Patterns for the words right after and right before a day that place its year
    (the `day_year_after`/`day_year_before` slots of `factwatch.ingest.lang`), each with its
    cues: alternative i is the named group "c{i}" and stands for cue i."""

    data = find(lang)

    def build(table: Mapping[str, Sequence[str]], after: bool) -> tuple[re.Pattern[str], list[str]]:
        alts = []
        for i, words in enumerate(table.values()):
            body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            alts.append(f"(?P<c{i}>{body})")
        if not alts:
            return re.compile(r"(?!x)x"), []
        joined = "|".join(alts)
        if after:
            pattern = re.compile(rf"^[\s\u00a0,]*(?:{joined})(?![^\W\d_])", re.IGNORECASE)
        else:
            edge = "" if data is not None and data.unspaced else r"(?<![^\W\d_])"
            pattern = re.compile(rf"{edge}(?:{joined})[\s\u00a0]*$", re.IGNORECASE)
        return pattern, list(table)

    return (
        build(data.day_year_after if data else {}, True),
        build(data.day_year_before if data else {}, False),
    )


def _year_cue(text: str, start: int, end: int, lang: str) -> str | None:
    """The year cue beside a day ("-1", "0", "+1", "past", "next"), if any."""
    (after, after_cues), (before, before_cues) = _year_cues(lang)
    m = after.search(text[end : end + 40])
    if m:
        return after_cues[int(m.lastgroup[1:])]
    m = before.search(text[max(0, start - 25) : start])
    return before_cues[int(m.lastgroup[1:])] if m else None


def _cued_day(cue: str, month: int, day: int, published: date) -> date | None:
    """The day a cue places: that many years from publication's, or the day's latest
    occurrence up to publication ("past") or first one after it ("next")."""
    if cue in ("past", "next"):
        step = -1 if cue == "past" else 1
        for year in (published.year, published.year + step):
            d = _safe_date(year, month, day)
            if d is not None and (d <= published if cue == "past" else d >= published):
                return d
        return None
    return _safe_date(published.year + int(cue), month, day)


def _month_number(lang: str, name: str) -> int:
    data = find(lang)
    table = (data.months if data else None) or get("en").months
    if name in table:
        return table[name]
    low = name.casefold()
    for k, v in table.items():
        if k.casefold() == low:
            return v
    return 0


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR_IN_TEXT = re.compile(r"(?<![0-9])(?:19[5-9][0-9]|20[0-9]{2})(?![0-9])")


def _resolve(
    year: int | None, month: int, day: int, published: date | None, years: _Years, pos: int
) -> date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if published is not None:
        return infer_year(month, day, published)
    written = years.before(pos)
    return _safe_date(written, month, day) if written else None


def infer_year(
    month: int, day: int, published: date, future_weight: float = FUTURE_WEIGHT
) -> date | None:
    """The day (month, day) nearest to `published`, the future counting a little more
    (as much as the past for a deadline)."""
    best: tuple[float, date] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        d = _safe_date(year, month, day)
        if d is None:
            continue
        delta = (d - published) / timedelta(days=1)
        cost = delta * future_weight if delta > 0 else -delta
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None
