"""What happened in a period, from the store's rows (`factwatch.store.digests.read_period`)
into plain values for the templates.

"New" is judged by when factwatch learned of something — articles by their ingestion time,
conflicts by their detection or update time — not by publication dates: outlets publish late,
feeds are added with months of history, and a digest right after a first ingest must still name
every conflict found. Conversions for the charts use the ECB rate of each article's
publication date, as the verdicts do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from factwatch.digest.chart import ChartData, ChartPoint
from factwatch.ingest.alerts import VERDICT_ORDER, alerts
from factwatch.ingest.reconcile.rates import rate_on
from factwatch.ingest.reconcile.verdicts import format_day, format_figure
from factwatch.store.conflicts import ConflictRow
from factwatch.store.db import Database
from factwatch.store.digests import ClaimSource, StoryPeriod, read_period
from factwatch.store.stories import ArticleRow, StoryRow

MAX_PERIOD = timedelta(days=7)
DEFAULT_PERIOD = timedelta(hours=24)
MAX_STORIES = 40  # stories without conflicts beyond this are counted, not listed
KEY_FACTS = 5
BASE_LINE_POINTS = 120

StoryFilter = Callable[[StoryRow], bool]


@dataclass(frozen=True)
class ArticleLink:
    article_id: int
    title: str
    url: str
    outlet: str
    lang: str
    published: date | None
    is_copy: bool


@dataclass(frozen=True)
class KeyFact:
    fact_id: int
    kind: str
    figure: str
    context: str
    status: str
    n_sources: int


@dataclass(frozen=True)
class ReportedValue:
    """One outlet's figure (or date) for a conflicting fact, with the article it is from."""

    outlet: str
    published: date | None
    stated: str
    url: str
    title: str
    is_copy: bool
    converted: str | None = None  # "≈ 5.0 bn EUR at the ECB rate of 26 Aug 2025"


@dataclass(frozen=True)
class ConflictItem:
    conflict_id: int
    fact_id: int
    story_id: int | None
    kind: str
    verdict: str
    summary: str
    version: int
    status: str  # "new" or "updated"
    figures: str  # "5.4 bn EUR vs about 4.9 bn EUR"
    reports: tuple[ReportedValue, ...]
    chart: ChartData

    @property
    def alertable(self) -> bool:
        return alerts(self.verdict)


@dataclass(frozen=True)
class StoryItem:
    story_id: int
    label: str
    status: str  # "new", "growing" or "updated" (only its conflicts changed)
    langs: tuple[str, ...]
    outlets: tuple[str, ...]
    n_articles: int
    first_seen: datetime | None
    last_seen: datetime | None
    new_articles: tuple[ArticleLink, ...]
    key_facts: tuple[KeyFact, ...]
    conflicts: tuple[ConflictItem, ...]


@dataclass(frozen=True)
class Digest:
    """One digest: the stories and conflicts of [period_start, period_end) (naive UTC)."""

    period_start: datetime
    period_end: datetime
    tz: str
    local_date: date
    stories: tuple[StoryItem, ...]
    more_stories: int = 0
    topic: str | None = None
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))

    @property
    def conflicts(self) -> list[ConflictItem]:
        return [c for s in self.stories for c in s.conflicts]

    @property
    def alert_conflicts(self) -> list[ConflictItem]:
        return [c for c in self.conflicts if c.alertable]

    @property
    def new_conflicts(self) -> list[ConflictItem]:
        return [c for c in self.conflicts if c.status == "new"]

    @property
    def updated_conflicts(self) -> list[ConflictItem]:
        return [c for c in self.conflicts if c.status == "updated"]

    @property
    def n_new_articles(self) -> int:
        return sum(len(s.new_articles) for s in self.stories)

    @property
    def quiet(self) -> bool:
        return not self.stories

    def local(self, dt: datetime) -> datetime:
        return dt.replace(tzinfo=UTC).astimezone(ZoneInfo(self.tz))


# ---------------------------------------------------------------- periods


def as_utc_naive(dt: datetime) -> datetime:
    """Naive UTC, as the database stores times; a naive input is taken as UTC already."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def local_date_of(now: datetime, tz: str) -> date:
    aware = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(tz)).date()


def rolling_period(now: datetime, previous_end: datetime | None) -> tuple[datetime, datetime]:
    """Since the previous digest (at most a week back), else the last 24 hours."""
    end = as_utc_naive(now)
    start = end - DEFAULT_PERIOD
    if previous_end is not None:
        prev = as_utc_naive(previous_end)
        if end - MAX_PERIOD <= prev < end:
            start = prev
        elif prev < end - MAX_PERIOD:
            start = end - MAX_PERIOD
    return start, end


def day_period(day: date, tz: str) -> tuple[datetime, datetime]:
    """One local calendar day in `tz`, as a naive UTC [start, end)."""
    zone = ZoneInfo(tz)
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return as_utc_naive(start), as_utc_naive(end)


# ---------------------------------------------------------------- gathering


def compose_digest(
    db: Database,
    start: datetime,
    end: datetime,
    *,
    tz: str = "UTC",
    local_date: date | None = None,
    story_filter: StoryFilter | None = None,
    topic: str | None = None,
) -> Digest:
    """The digest of [start, end): new and growing stories, new and updated conflicts."""
    start, end = as_utc_naive(start), as_utc_naive(end)
    period = read_period(db, start, end, key_facts=KEY_FACTS, story_filter=story_filter)
    items = [_story_item(story, start) for story in period.stories]
    items.sort(key=_story_rank)
    more = 0
    if len(items) > MAX_STORIES:
        keep = [s for s in items if s.conflicts]
        rest = [s for s in items if not s.conflicts]
        room = max(MAX_STORIES - len(keep), 0)
        more = len(rest) - room
        items = sorted(keep + rest[:room], key=_story_rank)
    return Digest(
        period_start=start,
        period_end=end,
        tz=tz,
        local_date=local_date or local_date_of(end - timedelta(microseconds=1), tz),
        stories=tuple(items),
        more_stories=more,
        topic=topic,
    )


def _story_rank(s: StoryItem) -> tuple:
    alerts = sum(1 for c in s.conflicts if c.alertable)
    return (-alerts, -len(s.conflicts), -len(s.new_articles), -(s.n_articles), s.story_id)


def _story_item(period: StoryPeriod, start: datetime) -> StoryItem:
    story = period.story
    outlets = tuple(dict.fromkeys(a.outlet for a in period.articles))
    if story.created_at is not None and story.created_at >= start:
        status = "new"
    elif period.fresh:
        status = "growing"
    else:
        status = "updated"
    conflict_items = sorted(
        (_conflict_item(c, claims, start) for c, claims in period.conflicts),
        key=lambda c: (VERDICT_ORDER.get(c.verdict, 9), c.conflict_id),
    )
    return StoryItem(
        story_id=story.id,
        label=story.label or "(untitled story)",
        status=status,
        langs=tuple(x for x in (story.langs or "").split(",") if x),
        outlets=outlets,
        n_articles=story.n_articles,
        first_seen=story.first_seen,
        last_seen=story.last_seen,
        new_articles=tuple(_link(a) for a in period.fresh),
        key_facts=tuple(
            KeyFact(
                fact_id=f.id,
                kind=f.kind,
                figure=format_day(f.date_value)
                if f.kind == "date"
                else format_figure(f.value, f.unit),
                context=fact_context(f.label),
                status=f.status,
                n_sources=f.n_sources,
            )
            for f in period.key_facts
        ),
        conflicts=tuple(conflict_items),
    )


def _link(a: ArticleRow) -> ArticleLink:
    return ArticleLink(
        article_id=a.id,
        title=a.title,
        url=a.url,
        outlet=a.outlet,
        lang=a.lang or "?",
        published=a.published_at.date() if a.published_at else None,
        is_copy=a.duplicate_of is not None,
    )


def fact_context(label: str) -> str:
    """The clause part of a fact label ("amount 41 bn CNY — “…”"), without its quotes."""
    _, _, context = (label or "").partition(" — ")
    return (context or label or "").strip().strip('“”"')


# ---------------------------------------------------------------- conflicts


@dataclass(frozen=True)
class _Claim:
    value: float | None
    unit: str | None
    qualifier: str | None
    date_value: date | None
    date_end: date | None
    outlet: str
    published: date | None
    url: str
    title: str
    is_copy: bool

    @property
    def stated(self) -> str:
        if self.date_value is not None:
            text = format_day(self.date_value)
            if self.date_end and self.date_end != self.date_value:
                text += f" to {format_day(self.date_end)}"
            return text
        return format_figure(self.value, self.unit, self.qualifier)


def _conflict_claims(sources: Sequence[ClaimSource]) -> list[_Claim]:
    claims = [
        _Claim(
            value=c.value,
            unit=c.unit,
            qualifier=c.qualifier,
            date_value=c.date_value,
            date_end=c.date_end,
            outlet=c.article.outlet,
            published=c.article.published_at.date() if c.article.published_at else None,
            url=c.article.url,
            title=c.article.title,
            is_copy=c.article.duplicate_of is not None,
        )
        for c in sources
    ]
    claims.sort(key=lambda c: (c.published or date.min, c.outlet, c.stated))
    return claims


def _conflict_item(
    conflict: ConflictRow, sources: Sequence[ClaimSource], start: datetime
) -> ConflictItem:
    claims = _conflict_claims(sources)
    details = conflict.details or {}
    chart = chart_data(conflict.id, conflict.kind, conflict.verdict, claims, details)
    converted = {
        (p.outlet, p.published, p.stated): p for p in chart.points if p.converted and p.value
    }
    reports = []
    seen = set()
    for c in claims:
        key = (c.outlet, c.published, c.stated, c.url)
        if key in seen:  # the same figure twice in one article (headline and body)
            continue
        seen.add(key)
        point = converted.get((c.outlet, c.published, c.stated))
        note = None
        if point is not None and chart.unit:
            note = f"≈ {format_figure(point.value, chart.unit)} at the ECB rate of " + format_day(
                point.published
            )
        reports.append(
            ReportedValue(
                outlet=c.outlet,
                published=c.published,
                stated=c.stated,
                url=c.url,
                title=c.title,
                is_copy=c.is_copy,
                converted=note,
            )
        )
    counts = Counter(c.stated for c in claims)
    figures = " vs ".join(s for s, _ in counts.most_common())
    return ConflictItem(
        conflict_id=conflict.id,
        fact_id=conflict.fact_id,
        story_id=conflict.story_id,
        kind=conflict.kind,
        verdict=conflict.verdict,
        summary=conflict.summary,
        version=conflict.version,
        status="new" if conflict.detected_at >= start else "updated",
        figures=figures,
        reports=tuple(reports),
        chart=chart,
    )


def chart_data(
    conflict_id: int, kind: str, verdict: str, claims: Sequence[_Claim], details: dict
) -> ChartData:
    """Reported values by outlet against publication date, in one currency.

    Money in several currencies is drawn in the currency most outlets convert *to* (not the
    base amount's own): there the figures differ, and the base amount converted at each day's
    rate (drawn as a line for a `currency_conversion` verdict) shows why.
    """
    if kind == "date":
        points = [
            ChartPoint(
                outlet=c.outlet,
                published=c.published,
                value=None,
                date_value=c.date_value,
                stated=c.stated,
                converted=False,
                qualifier=None,
            )
            for c in claims
            if c.date_value is not None and c.published is not None
        ]
        return ChartData(conflict_id, kind, verdict, None, tuple(points))
    base = details.get("base") or {}
    base_unit = base.get("unit") if verdict == "currency_conversion" else None
    unit = _chart_unit(claims, base_unit)
    fallback = max((c.published for c in claims if c.published), default=None)
    points = []
    for c in claims:
        if c.value is None or c.published is None:
            continue
        value, converted = c.value, False
        if kind == "money" and c.unit and unit and c.unit != unit:
            rate = rate_on(c.unit, unit, c.published or fallback)
            if rate is None:
                continue
            value, converted = c.value * rate.value, True
        points.append(
            ChartPoint(
                outlet=c.outlet,
                published=c.published,
                value=value,
                date_value=None,
                stated=c.stated,
                converted=converted,
                qualifier=c.qualifier,
            )
        )
    line: list[tuple[date, float]] = []
    base_label = None
    if base_unit and unit and base.get("value") and points:
        days = [p.published for p in points if p.published]
        line = _base_line(float(base["value"]), base_unit, unit, min(days), max(days))
        base_label = f"{format_figure(float(base['value']), base_unit)} at each day's ECB rate"
    return ChartData(conflict_id, kind, verdict, unit, tuple(points), tuple(line), base_label)


def _chart_unit(claims: Sequence[_Claim], base_unit: str | None) -> str | None:
    counts = Counter(c.unit for c in claims if c.unit and c.value is not None)
    if not counts:
        return None
    others = Counter({u: n for u, n in counts.items() if u != base_unit})
    pick = others or counts
    return sorted(pick.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _base_line(
    amount: float, base: str, quote: str, first: date, last: date
) -> list[tuple[date, float]]:
    """The base amount in `quote` on days from `first` to `last` (one point a day at most)."""
    if first == last:
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    span = (last - first).days
    step = max(1, span // BASE_LINE_POINTS)
    out = []
    day = first
    while day <= last:
        rate = rate_on(base, quote, day)
        if rate is not None:
            out.append((day, amount * rate.value))
        day += timedelta(days=step)
    if out and out[-1][0] != last:
        rate = rate_on(base, quote, last)
        if rate is not None:
            out.append((last, amount * rate.value))
    return out
