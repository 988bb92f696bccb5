"""Running counts: a toll or a tally revised as reports come in (the `updated` verdict).

Pure. A death toll that rises from 4 to 7 to 9 over three days is not three outlets
disagreeing but one count, each report giving the figure known when it was published. The
cue that a count runs is its noun (deaths, injured), a tally word of the report's language
(`LanguageData.tally_words`: "toll", "bilan", "so far", "死亡人数"), or, for a count of people,
a word saying they died (`LanguageData.death_words`: "killed", "丧生").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time

from factwatch.ingest.lang import phrases
from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.reconcile.compare import Interval, common_interval, count_family
from factwatch.ingest.text import base_language

# Counted nouns (`claims.nouns` canonical) that are running tallies of an event by nature.
TALLY_NOUNS = frozenset({"deaths", "victims", "injured", "cases"})


def _moment(rec: ClaimRecord) -> datetime:
    """When the report was published, as naive UTC (midnight of its day without a time)."""
    at = rec.published_at
    if at is None:
        return datetime.combine(rec.published or date.min, time())
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at


def _tally_cue(rec: ClaimRecord) -> bool:
    """The claim's sentence names a running count or its revision ("toll", "bilan", "so
    far", "死亡人数") in its language (any language's words for a language not read); or,
    for a count, says the people counted died ("floods have killed 304 people", "已有282人
    丧生"): a count of the dead is a toll whatever noun it is counted in."""
    lang = base_language(rec.lang)
    sentence = rec.claim.sentence.casefold()
    if phrases(lang, "tally_words").search(sentence):
        return True
    return rec.claim.kind == "count" and bool(phrases(lang, "death_words").search(sentence))


def _digits(value: float) -> str:
    """The significant digits of a figure: 3,200 -> "32", 2.61 bn -> "261"."""
    return f"{value:.6g}".replace(".", "").split("e")[0].strip("0-") or "0"


def _transposed(records: Sequence[ClaimRecord]) -> bool:
    """Two figures whose digits are one another's, swapped (3,200 and 2,300; 690 and 960):
    a misprint, which time does not explain."""
    digits = {_digits(float(r.claim.value)) for r in records if r.claim.value}
    return any(
        a != b and sorted(a) == sorted(b) for a in digits for b in digits
    )


def running_tally(
    records: Sequence[ClaimRecord],
    interval: Callable[[ClaimRecord], Interval],
    uncued_days: float = 0.0,
) -> list[ClaimRecord] | None:
    """The reports in time order when they read as one running count revised over time, else
    None.

    A toll or tally whose reports, taken in publication order, agree within each moment and
    move one way only (no later figure wholly below, or for a count going down wholly above,
    an earlier one), and where every report that moves the figure says it is a running count:
    by its noun (deaths, injured) or a tally word in its sentence ("toll", "bilan", "so far"),
    or by rising `uncued_days` or more after the report before it (0: never): staff hired,
    stores closed, homes counted a month apart are counts as of two days, whatever words
    they use, unless two of the figures are one another's digits swapped (a misprint). A
    count that falls months later with no such word stays a disagreement.
    Two values in one article, a figure that goes back, or a new figure given as a plain
    fact ("2,100 people fled" after "1,200 were evacuated") stay a disagreement.
    """
    by_moment: dict[datetime, list[ClaimRecord]] = defaultdict(list)
    for rec in records:
        by_moment[_moment(rec)].append(rec)
    if len(by_moment) < 2:
        return None
    spans: list[Interval] = []
    previous = datetime.min
    elapsed_counts = uncued_days > 0 and not _transposed(records)
    for moment in sorted(by_moment):
        span = common_interval([interval(r) for r in by_moment[moment]])
        if span is None:
            return None  # one report, or one moment, with two figures
        elapsed = (moment - previous).total_seconds() / 86400
        if (
            spans
            and spans[-1].intersect(span) is None
            and not (elapsed_counts and elapsed >= uncued_days and span.low >= spans[-1].high)
            and not any(
                count_family(r.claim.unit) in TALLY_NOUNS or _tally_cue(r)
                for r in by_moment[moment]
            )
        ):
            return None  # the figure moves without saying it is a running count
        spans.append(span)
        previous = moment
    rising = all(
        later.high >= earlier.low for i, earlier in enumerate(spans) for later in spans[i + 1 :]
    )
    falling = all(
        later.low <= earlier.high for i, earlier in enumerate(spans) for later in spans[i + 1 :]
    )
    if not (rising or falling):
        return None
    return sorted(records, key=lambda r: (_moment(r), r.outlet))
