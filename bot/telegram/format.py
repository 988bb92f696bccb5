"""The texts the bot sends (Telegram HTML), rendered from plain views.

The views (`AlertView`, `StoryView`, ...) are frozen dataclasses built from the store's rows
(`factwatch.store.conflicts`, `factwatch.store.stories`); the `*_text` functions that render
them are pure. Escaping and splitting are `factwatch.telegram.html`'s. Every text taken from
articles (titles, outlets, story labels, claim texts) is clipped to its `MAX_*` length, and every
text fits in one Telegram message: a long list ends with "… and N more".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from factwatch.ingest.alerts import VERDICT_TITLES, fact_mark
from factwatch.ingest.reconcile.verdicts import format_day, format_figure
from factwatch.store.conflicts import ConflictRow
from factwatch.store.stories import StoryDetail
from factwatch.telegram.html import (
    MAX_CLAIM,
    MAX_FIGURE,
    MAX_LABEL,
    MAX_MESSAGE,
    MAX_OUTLET,
    MAX_TITLE,
    clip,
    escape,
    fit,
    link,
    one_line,
    page_bounds,
    split_message,
    tg_len,
    truncate,
)

MAX_READINGS_LISTED = 8  # figures shown in a conflict of a listing


def _more(what: str, hint: str = "") -> Callable[[int], str]:
    """The line that replaces the items left out of a list: '… and 3 more articles'."""
    return lambda n: f"… and {n} more {what}{'s' * (n != 1)}{hint}"


# ------------------------------------------------------------------ views


@dataclass(frozen=True)
class SourceView:
    outlet: str
    url: str | None
    published: date | None


@dataclass(frozen=True)
class ReadingView:
    """One way the fact is reported, and by whom."""

    figure: str
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class AlertView:
    """Everything an alert says about one conflict version."""

    conflict_id: int
    version: int
    verdict: str
    kind: str
    summary: str
    fact_label: str | None
    story_id: int | None
    story_label: str | None
    readings: tuple[ReadingView, ...] = ()


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _reading_figure(r: dict) -> str:
    if r.get("date_value"):
        day = _day(r["date_value"])
        return format_day(day) if day else str(r["date_value"])
    if r.get("value") is None:
        return str(r.get("unit") or "?")
    return format_figure(float(r["value"]), r.get("unit"), r.get("qualifier"))


def readings_of(details: dict | None) -> tuple[ReadingView, ...]:
    """The readings stored in `conflicts.details`, each source once."""
    out = []
    for r in (details or {}).get("readings", []):
        seen: set[object] = set()
        sources = []
        for src in r.get("sources", []):
            key = src.get("article_id") or (src.get("outlet"), src.get("url"))
            if key in seen:
                continue
            seen.add(key)
            sources.append(
                SourceView(
                    outlet=str(src.get("outlet") or "?"),
                    url=src.get("url"),
                    published=_day(src.get("published")),
                )
            )
        out.append(ReadingView(figure=_reading_figure(r), sources=tuple(sources)))
    return tuple(out)


def alert_view(conflict: ConflictRow) -> AlertView:
    return AlertView(
        conflict_id=conflict.id,
        version=conflict.version,
        verdict=conflict.verdict,
        kind=conflict.kind,
        summary=conflict.summary,
        fact_label=conflict.fact_label,
        story_id=conflict.story_id,
        story_label=conflict.story_label,
        readings=readings_of(conflict.details),
    )


def _source_html(src: SourceView) -> str:
    when = f" ({format_day(src.published)})" if src.published else ""
    return link(src.url, src.outlet, MAX_OUTLET) + escape(when)


def _reading_html(r: ReadingView, max_sources: int) -> str:
    shown = [_source_html(s) for s in r.sources[:max_sources]]
    more = len(r.sources) - len(shown)
    if more > 0:
        shown.append(f"and {more} more")
    who = ", ".join(shown) if shown else "no source recorded"
    return f"• <b>{clip(r.figure, MAX_FIGURE)}</b> — {who}"


def alert_text(view: AlertView, limit: int = MAX_MESSAGE) -> str:
    """The alert: what conflicts (story, fact, each figure with the outlets that report it,
    linked), the verdict and the explanation. Always one message: the explanation and the
    source lists are shortened if the whole would exceed `limit`."""
    icon, title, meaning = VERDICT_TITLES.get(view.verdict, ("⚠️", view.verdict, view.verdict))
    head = f"{icon} <b>{escape(title)}</b>"
    if view.version > 1:
        head += " (updated)"
    lines = [head]
    if view.story_id is not None:
        label = clip(view.story_label or "", MAX_LABEL)
        lines.append(f"<b>Story {view.story_id}</b>: {label}")
    if view.fact_label:
        lines.append(f"<b>Fact</b>: {clip(view.fact_label, MAX_CLAIM)}")
    verdict_line = f"<b>Verdict</b>: {escape(meaning)}"
    footer = f"Conflict {view.conflict_id}, version {view.version}" + (
        f" · /story_{view.story_id}" if view.story_id is not None else ""
    )

    def build(max_sources: int, summary_chars: int) -> str:
        body = [_reading_html(r, max_sources) for r in view.readings]
        summary = escape(truncate(view.summary, summary_chars))
        parts = [*lines, "", *body, "", verdict_line, f"<i>{summary}</i>", "", escape(footer)]
        return "\n".join(p for p in parts if p is not None)

    for max_sources, chars in ((12, 2500), (6, 1500), (3, 800), (1, 400), (1, 150)):
        text = build(max_sources, chars)
        if tg_len(text) <= limit:
            return text
    return split_message(text, limit)[0]


# ------------------------------------------------------------------ stories, conflicts, facts


@dataclass(frozen=True)
class ArticleLine:
    title: str
    outlet: str
    lang: str | None
    published: date | None
    url: str
    duplicate: bool = False


@dataclass(frozen=True)
class StoryView:
    story_id: int
    label: str
    langs: str
    n_articles: int
    first_seen: date | None
    last_seen: date | None
    articles: tuple[ArticleLine, ...] = ()
    conflicts: int = 0
    facts: int = 0


def story_view(detail: StoryDetail) -> StoryView:
    story = detail.story
    return StoryView(
        story_id=story.id,
        label=story.label,
        langs=story.langs,
        n_articles=story.n_articles,
        first_seen=_day(story.first_seen),
        last_seen=_day(story.last_seen),
        articles=tuple(
            ArticleLine(
                title=a.title,
                outlet=a.outlet,
                lang=a.lang,
                published=_day(a.published_at),
                url=a.url,
                duplicate=a.duplicate_of is not None,
            )
            for a in detail.articles
        ),
        conflicts=detail.conflicts,
        facts=detail.facts,
    )


def _span(first: date | None, last: date | None) -> str:
    if first is None:
        return "undated"
    if last is None or last == first:
        return format_day(first)
    return f"{format_day(first)} – {format_day(last)}"


def story_header_html(view: StoryView) -> str:
    n = view.n_articles
    langs = view.langs.replace(",", ", ") or "?"
    return (
        f"<b>Story {view.story_id}</b> · {clip(view.label, MAX_LABEL)}\n"
        f"{n} article{'s' * (n != 1)} · {clip(langs, 100)} · "
        f"{escape(_span(view.first_seen, view.last_seen))}"
    )


def story_text(view: StoryView, limit: int = MAX_MESSAGE) -> str:
    items = []
    for a in view.articles:
        day = format_day(a.published) if a.published else "undated"
        copy = " (syndicated copy)" if a.duplicate else ""
        items.append(
            f"• [{clip(a.lang or '?', 16)}] {link(a.url, a.title, MAX_TITLE)} — "
            f"{clip(a.outlet, MAX_OUTLET)}, {escape(day)}{escape(copy)}"
        )
    tail = [
        "",
        f"{view.conflicts} conflict{'s' * (view.conflicts != 1)} · "
        f"{view.facts} fact{'s' * (view.facts != 1)} reported by two or more outlets",
    ]
    if view.conflicts:
        tail.append(f"/conflicts {view.story_id} · /subscribe {view.story_id}")
    else:
        tail.append(f"/subscribe {view.story_id}")
    return fit([story_header_html(view), ""], items, tail, _more("article"), limit)


def conflict_brief(view: AlertView) -> str:
    """A conflict in a listing: verdict, figures, explanation (shorter than an alert)."""
    icon, title, _ = VERDICT_TITLES.get(view.verdict, ("⚠️", view.verdict, view.verdict))
    shown = [clip(r.figure, MAX_FIGURE) for r in view.readings[:MAX_READINGS_LISTED]]
    if len(view.readings) > len(shown):
        shown.append(f"{len(view.readings) - len(shown)} more")
    figures = " vs ".join(shown) or clip(view.kind, MAX_FIGURE)
    return (
        f"{icon} <b>{escape(title)}</b> · conflict {view.conflict_id}\n"
        f"{figures}\n"
        f"<i>{escape(truncate(view.summary, 900))}</i>"
    )


def conflicts_text(
    conflicts: Sequence[ConflictRow],
    heading: str | None = None,
    limit: int = MAX_MESSAGE,
    *,
    page: int = 1,
    more_hint: str = "",
) -> str:
    """Conflicts grouped under their story's header (a header travels with the conflict
    after it, so a cut list never ends on a lone header); one message, the `page`-th of the
    list (the heading says which, after the first; a page past the last is the last), ending
    with "… and N more conflicts{more_hint}" when the list goes on."""
    items: list[str] = []
    current: object = object()
    for c in conflicts:
        block = []
        if c.story_id != current:
            current = c.story_id
            block.append("")
            if c.story_id and c.story_label is not None:
                block.append(f"<b>Story {c.story_id}</b> · {clip(c.story_label, MAX_LABEL)}")
            else:
                block.append("<b>Unclustered</b>")
        block.append(conflict_brief(alert_view(c)))
        items.append("\n".join(block))
    if not heading and items:
        items[0] = items[0].lstrip("\n")
    more = _more("conflict", more_hint)
    bounds = page_bounds([f"{heading} (page 9999)"], items, (), more, limit)
    page = min(max(page, 1), len(bounds))
    if heading and page > 1:
        heading += f" (page {page})"
    head = [heading] if heading else []
    return fit(head, items, (), more, limit, page, bounds).strip()


@dataclass(frozen=True)
class FactLine:
    fact_id: int
    story_id: int | None
    status: str
    label: str
    n_sources: int


def facts_text(
    facts: Iterable[FactLine],
    stories: dict[int, str],
    heading: str,
    footer: str | None = None,
    limit: int = MAX_MESSAGE,
) -> str:
    items: list[str] = []
    current: object = object()
    for f in facts:
        block = []
        if f.story_id != current:
            current = f.story_id
            block.append("")
            label = stories.get(f.story_id) if f.story_id is not None else None
            block.append(
                f"<b>Story {f.story_id}</b> · {clip(label or '', MAX_LABEL)}"
                if f.story_id is not None
                else "<b>Unclustered</b>"
            )
        mark = fact_mark(f.status, "⚠️")
        block.append(
            f"{mark} {clip(f.label, 160)} — <i>{escape(f.status)}</i>, {f.n_sources} outlets"
        )
        items.append("\n".join(block))
    more = _more("fact", "; ask about one story: /facts ID")
    return fit([heading], items, [footer] if footer else [], more, limit)


# ------------------------------------------------------------------ subscriptions, help


@dataclass(frozen=True)
class SubscriptionLine:
    number: int
    kind: str
    story_id: int | None = None
    story_label: str | None = None
    topic: str | None = None


def subscription_label(line: SubscriptionLine) -> str:
    if line.kind == "all":
        return "all conflicts"
    if line.kind == "story":
        label = f": {one_line(line.story_label, 80)}" if line.story_label else ""
        return f"story {line.story_id}{label}"
    return f"topic “{one_line(line.topic or '', 200)}”"


def subscriptions_text(
    lines: Sequence[SubscriptionLine], paused: bool = False, limit: int = MAX_MESSAGE
) -> str:
    if not lines:
        return (
            "You follow nothing yet. Try <code>/subscribe battery plant</code>, "
            "<code>/subscribe 3</code> (a story) or <code>/subscribe all</code>."
        )
    items = [f"{line.number}. {escape(subscription_label(line))}" for line in lines]
    tail = [
        "",
        "Stop one with <code>/unsubscribe NUMBER</code>, all with <code>/unsubscribe all</code>.",
    ]
    if paused:
        tail.append("Alerts to this chat were paused; they resume now that you wrote to me.")
    return fit(["<b>You follow</b>:"], items, tail, _more("subscription"), limit)


@dataclass(frozen=True)
class CommandHelp:
    command: str
    args: str
    description: str
    admin: bool = False


COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp("start", "", "introduction"),
    CommandHelp("help", "", "this list"),
    CommandHelp(
        "subscribe",
        "words | story id | all",
        "get an alert when outlets disagree: on a topic (any language), one story, or everything",
    ),
    CommandHelp("unsubscribe", "number | words | story id | all", "stop following"),
    CommandHelp("subscriptions", "", "what this chat follows"),
    CommandHelp(
        "conflicts", "[story id [page N]]", "current conflicts, newest first, or of one story"
    ),
    CommandHelp("story", "id", "a story: its articles, outlets and languages"),
    CommandHelp("facts", "words | story id", "figures and dates two or more outlets report"),
    CommandHelp("addfeed", "URL", "watch a new RSS/Atom feed (admins)", admin=True),
    CommandHelp("feeds", "", "the watched feeds and their status (admins)", admin=True),
)


def help_text(is_admin: bool) -> str:
    lines = ["<b>factwatch</b> tells you when news outlets disagree about a figure or a date.", ""]
    for c in COMMANDS:
        if c.admin and not is_admin:
            continue
        args = f" <i>{escape(c.args)}</i>" if c.args else ""
        lines.append(f"/{c.command}{args} — {escape(c.description)}")
    lines.append("")
    lines.append(
        "Examples: <code>/subscribe battery plant</code> · <code>/subscribe 4</code> · "
        "<code>/conflicts 4</code> · <code>/facts data centers</code>"
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class FeedLine:
    feed_id: int
    url: str
    status: str
    articles: int
    last_error: str | None = None
    last_fetched_at: datetime | None = None


def feeds_text(feeds: Sequence[FeedLine], limit: int = MAX_MESSAGE) -> str:
    if not feeds:
        return "No feeds yet. Add one with <code>/addfeed https://example.org/feed.xml</code>."
    items = []
    for f in feeds:
        out = []
        fetched = (
            f", last fetched {f.last_fetched_at:%Y-%m-%d %H:%M} UTC" if f.last_fetched_at else ""
        )
        out.append(
            f"{f.feed_id}. {clip(f.url, 300)} — {escape(f.status)}, {f.articles} "
            f"article{'s' * (f.articles != 1)}{escape(fetched)}"
        )
        if f.last_error:
            out.append(f"   <i>{clip(f.last_error, 200)}</i>")
        items.append("\n".join(out))
    return fit(["<b>Feeds</b>:"], items, (), _more("feed"), limit)
