"""Pure parts of the digest: periods, charts and the message, without a database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from factwatch.config import Settings
from factwatch.digest.chart import ChartData, ChartPoint, render_chart
from factwatch.digest.compose import (
    ArticleLink,
    ConflictItem,
    Digest,
    KeyFact,
    ReportedValue,
    StoryItem,
    day_period,
    rolling_period,
)
from factwatch.digest.mail import ChartCache, Recipient, build_message, subject_of
from tests.digest.helpers import html_text, parts, png_size

SETTINGS = Settings.from_env(
    env={"FACTWATCH_SMTP_HOST": "127.0.0.1", "FACTWATCH_MAIL_FROM": "digest@example.org"}
)
NOW = datetime(2026, 3, 10, 6, 0)


def test_rolling_period_starts_at_the_previous_digest_within_a_week():
    assert rolling_period(NOW, None) == (NOW - timedelta(hours=24), NOW)
    prev = NOW - timedelta(hours=30)
    assert rolling_period(NOW, prev) == (prev, NOW)
    assert rolling_period(NOW, NOW - timedelta(days=30)) == (NOW - timedelta(days=7), NOW)
    assert rolling_period(NOW, NOW + timedelta(hours=1)) == (NOW - timedelta(hours=24), NOW)


def test_day_period_is_the_local_calendar_day_in_utc():
    assert day_period(date(2026, 1, 15), "Europe/Paris") == (
        datetime(2026, 1, 14, 23, 0),
        datetime(2026, 1, 15, 23, 0),
    )
    start, end = day_period(date(2026, 3, 29), "Europe/Paris")  # clocks go forward: 23 hours
    assert end - start == timedelta(hours=23)


def point(outlet, day, value=None, when=None, converted=False, qualifier=None):
    return ChartPoint(outlet, day, value, when, f"{value}", converted, qualifier)


def test_charts_are_pngs_and_an_empty_one_is_none():
    money = ChartData(
        1,
        "money",
        "currency_conversion",
        "EUR",
        (
            point("华商财经日报", date(2025, 1, 20), 5.43e9, converted=True),
            point("Le Courrier", date(2025, 1, 21), 5.4e9, qualifier="about"),
            point("El Diario", date(2025, 1, 22), 5.4e9),
            point("Rheinische", date(2025, 8, 26), 4.9e9, qualifier="about"),
        ),
        tuple((date(2025, 1, 20) + timedelta(days=d), 5.4e9 - d * 2e6) for d in range(0, 220, 5)),
        "41 bn CNY at each day's ECB rate",
    )
    dates = ChartData(
        2,
        "date",
        "date_conflict",
        None,
        (
            point("A", date(2026, 3, 3), when=date(2026, 3, 3)),
            point("B", date(2026, 3, 4), when=date(2026, 3, 4)),
        ),
    )
    far_apart = ChartData(
        3,
        "money",
        "genuine",
        "EUR",
        (point("A", date(2024, 4, 22), 48.0), point("B", date(2024, 10, 15), 6e7)),
    )
    for data in (money, dates, far_apart):
        assert png_size(render_chart(data)) == (840, 375)
    assert render_chart(ChartData(4, "count", "genuine", "jobs", ())) is None
    assert "in EUR" in money.alt and "41 bn CNY" in money.alt


def hand_made_digest(label: str) -> Digest:
    chart = ChartData(
        7,
        "count",
        "genuine",
        "stores",
        (point("Post", date(2024, 12, 10), 118.0), point("Diario", date(2025, 11, 18), 112.0)),
    )
    conflict = ConflictItem(
        conflict_id=7,
        fact_id=3,
        story_id=1,
        kind="count",
        verdict="genuine",
        summary="count 118 stores — <outlets> disagree & more",
        version=2,
        status="updated",
        figures="118 stores vs 112 stores",
        reports=(
            ReportedValue(
                "Post", date(2024, 12, 10), "118 stores", "https://x.org/a?b=1&c=2", "T", False
            ),
        ),
        chart=chart,
    )
    story = StoryItem(
        story_id=1,
        label=label,
        status="growing",
        langs=("en", "es"),
        outlets=("Post", "Diario"),
        n_articles=2,
        first_seen=datetime(2024, 12, 10),
        last_seen=datetime(2025, 11, 18),
        new_articles=(
            ArticleLink(
                1, label, "https://x.org/a?b=1&c=2", "Post", "en", date(2025, 11, 18), False
            ),
        ),
        key_facts=(KeyFact(3, "count", "118 stores", "will close all … stores", "genuine", 2),),
        conflicts=(conflict,),
    )
    return Digest(NOW - timedelta(days=1), NOW, "Europe/Paris", date(2026, 3, 10), (story,))


def test_the_message_escapes_html_and_keeps_the_text_as_is():
    digest = hand_made_digest("<script>alert(1)</script> Hartwell & Finch")
    msg = build_message(
        digest,
        Recipient("ed@example.org", "Europe/Paris", 7, "tok"),
        SETTINGS,
        ChartCache(),
        now=NOW,
    )
    text, html, images = parts(msg)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hartwell &amp; Finch" in html
    assert 'href="https://x.org/a?b=1&amp;c=2"' in html
    assert "<script>alert(1)</script> Hartwell & Finch" in text
    assert "<outlets> disagree & more" in text
    assert "updated conflict (version 2)" in html_text(html)
    assert len(images) == 1
    assert subject_of(digest) == "factwatch digest, 10 Mar 2026: 1 conflict in 1 story"
    assert msg["List-Unsubscribe"] == "<mailto:digest@example.org?subject=unsubscribe%20tok>"


def test_a_chart_that_cannot_be_drawn_costs_only_the_chart(caplog):
    digest = hand_made_digest("Story")
    good = digest.stories[0].conflicts[0]

    def with_points(version: int, *points) -> ConflictItem:
        chart = ChartData(7, "count", "genuine", "x", points)
        return ConflictItem(**{**good.__dict__, "chart": chart, "version": version})

    cache = ChartCache()
    assert cache.get(with_points(10, point("A", None, 1.0))) is None  # undated: nothing to draw
    assert cache.get(with_points(11, point("A", date(2025, 1, 1), "n/a"))) is None  # type: ignore[arg-type]
    assert "chart for conflict 7 failed" in caplog.text
    assert cache.get(good) is not None
