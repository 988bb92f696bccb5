"""The done-when of issue 6: after ingesting ../shared/corpus/dev, `factwatch digest send --now`
delivers one message per subscriber naming every conflict of the day's stories with its
explanation and chart, and `digest preview --out` writes the same digest for a browser."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from factwatch.digest.compose import compose_digest, rolling_period
from factwatch.ingest.reconcile.rates import rate_on
from factwatch.store.db import Database
from factwatch.store.models import Conflict
from tests.digest.conftest import cli, smtp_env
from tests.digest.helpers import flat, html_text, image_sources, parts, png_size

pytestmark = pytest.mark.slow


def conflicts_of(db_url: str) -> list[Conflict]:
    db = Database(db_url)
    try:
        with db.session() as s:
            return list(s.scalars(select(Conflict).order_by(Conflict.id)))
    finally:
        db.dispose()


def page_ids(text: str) -> set[str]:
    """Article ids (pages/<id>.html) linked in a body, whatever port the corpus was served on."""
    return set(re.findall(r"/pages/([0-9a-f]{8})\.html", text))


@pytest.fixture(scope="module")
def delivered(dev_corpus, tmp_path_factory):
    from tests.digest.smtp_server import Inbox, SmtpServer

    with SmtpServer(Inbox()) as server:
        cli(dev_corpus, "digest", "subscribe", "paris@example.org", "--tz", "Europe/Paris")
        cli(
            dev_corpus,
            "digest",
            "subscribe",
            "ny@example.org",
            "--tz",
            "America/New_York",
            "--hour",
            "23",
        )
        env = smtp_env(server)
        first = cli(dev_corpus, "digest", "send", "--now", env=env).output
        second = cli(dev_corpus, "digest", "send", "--now", env=env).output
        received = list(server.inbox.received)
    return first, second, received


def test_one_message_per_subscriber_and_nothing_twice(delivered):
    first, second, received = delivered
    assert "2 sent" in first
    assert "0 sent" in second and "2 already done today" in second
    assert sorted(r.rcpt_tos for r in received) == [["ny@example.org"], ["paris@example.org"]]


def test_every_conflict_is_named_with_its_explanation_and_chart(dev_corpus, delivered):
    conflicts = conflicts_of(dev_corpus)
    assert len(conflicts) >= 10
    for got in delivered[2]:
        text, html, images = parts(got.message)
        visible = html_text(html)
        for c in conflicts:
            assert f"conflict {c.id}" in visible and f"conflict {c.id}" in text
            assert flat(c.summary) in visible
            assert flat(c.summary) in flat(text)
        # one chart per conflict, each referenced once by the HTML
        assert len(images) == len(conflicts)
        assert sorted(image_sources(html)) == sorted(f"cid:{cid}" for cid in images)
        assert all(png_size(png) == (840, 375) for png in images.values())
        alerts = [c for c in conflicts if c.verdict != "rounding_or_bound"]
        assert f": {len(alerts)} conflicts in " in got.message["Subject"]


def test_the_digest_names_every_article_of_the_corpus(delivered, truth):
    expected = {a["id"] for a in truth["articles"]}
    outlets = {a["outlet"] for a in truth["articles"]}
    for got in delivered[2]:
        text, html, _ = parts(got.message)
        assert page_ids(text) == expected
        assert page_ids(html) == expected
        visible = html_text(html)
        for outlet in outlets:
            assert outlet in visible


def test_stories_show_their_languages_as_the_corpus_has_them(dev_corpus, truth):
    """Compared with truth.json: each story's new articles and the languages shown for it."""
    db = Database(dev_corpus)
    try:
        start, end = rolling_period(datetime.now(UTC), None)
        digest = compose_digest(db, start, end)
    finally:
        db.dispose()
    langs_of = {a["id"]: a["lang"] for a in truth["articles"]}
    story_of = {a["id"]: a["story"] for a in truth["articles"]}
    for item in digest.stories:
        ids = {urlsplit(a.url).path.rsplit("/", 1)[-1][:8] for a in item.new_articles}
        assert set(item.langs) == {langs_of[i] for i in ids}
        truth_stories = {story_of[i] for i in ids}
        assert len(truth_stories) == 1  # the digest groups the corpus' stories as they are
    assert sum(len(s.new_articles) for s in digest.stories) == len(truth["articles"])


def test_conversion_charts_put_every_figure_on_the_base_amount_line(dev_corpus, truth):
    """Every figure of a currency_conversion conflict, drawn in the chart's currency, is the
    base amount at its publication day's ECB rate (within what its rounding allows)."""
    db = Database(dev_corpus)
    try:
        start, end = rolling_period(datetime.now(UTC), None)
        digest = compose_digest(db, start, end)
    finally:
        db.dispose()
    conversions = [c for c in digest.conflicts if c.verdict == "currency_conversion"]
    flagged = [f for f in truth["expected_flags"] if f["verdict"] == "currency_conversion"]
    assert len(conversions) == len(flagged)
    for c in conversions:
        chart = c.chart
        base_unit = chart.base_label.split(" at ")[0].rsplit(" ", 1)[1]  # "41 bn CNY at ..."
        assert base_unit != chart.unit and chart.base_line
        first_day, first_value = chart.base_line[0]
        amount = first_value / rate_on(base_unit, chart.unit, first_day).value
        assert any(p.converted for p in chart.points)
        for p in chart.points:
            expected = amount * rate_on(base_unit, chart.unit, p.published).value
            assert abs(p.value - expected) / expected < 0.035, (c.conflict_id, p)
        assert any(r.converted for r in c.reports)


def test_date_conflicts_are_drawn_as_dates(dev_corpus):
    db = Database(dev_corpus)
    try:
        digest = compose_digest(db, *rolling_period(datetime.now(UTC), None))
    finally:
        db.dispose()
    dates = [c for c in digest.conflicts if c.verdict == "date_conflict"]
    assert dates
    for c in dates:
        assert all(p.date_value is not None and p.value is None for p in c.chart.points)
        assert len({p.date_value for p in c.chart.points}) >= 2


def test_preview_writes_the_same_digest_for_a_browser(dev_corpus, delivered, tmp_path):
    out = tmp_path / "digest.html"
    result = cli(dev_corpus, "digest", "preview", "--out", str(out), "--tz", "Europe/Paris")
    assert f"Wrote {out}" in result.output
    html = out.read_text(encoding="utf-8")
    sources = image_sources(html)
    conflicts = conflicts_of(dev_corpus)
    assert len(sources) == len(conflicts)
    assert all(src.startswith("data:image/png;base64,") for src in sources)
    visible = html_text(html)
    paris = next(r for r in delivered[2] if r.rcpt_tos == ["paris@example.org"])
    mailed = html_text(parts(paris.message)[1])
    for c in conflicts:
        assert flat(c.summary) in visible

    def body(text: str) -> str:  # without the period's minutes and the footer naming the recipient
        return re.sub(r"News from .*? \(Europe/Paris\)", "", text).split("(never alerted).")[0]

    assert body(visible) == body(mailed)


def test_preview_of_a_day_with_nothing_new_is_a_quiet_day(dev_corpus):
    text = cli(dev_corpus, "digest", "preview", "--date", "2020-01-01").output
    assert "A quiet day · 1 Jan 2020" in text
    assert "no new stories and no new or updated conflicts" in text
    today = date.today().isoformat()
    busy = cli(dev_corpus, "digest", "preview", "--date", today).output
    assert "conflicts in" in busy and "NEW STORY" in busy


def test_a_topic_digest_keeps_the_stories_about_the_topic(dev_corpus, smtp):
    cli(dev_corpus, "digest", "subscribe", "battery@example.org", "--topic", "battery plant")
    cli(dev_corpus, "digest", "send", "--now", "--email", "battery@example.org", env=smtp_env(smtp))
    (got,) = smtp.inbox.received
    _, html, _ = parts(got.message)
    visible = html_text(html)
    assert "Hengchuan breaks ground" in visible  # the battery plant story
    assert "Valmora" not in visible and "Hartwell" not in visible
    assert "topic “battery plant”" in visible


def test_preview_for_a_subscriber_starts_where_their_last_digest_ended(dev_corpus, delivered):
    text = cli(dev_corpus, "digest", "preview", "--email", "paris@example.org").output
    assert "A quiet day" in text  # everything was in the digest already sent today
    assert "You get this digest at paris@example.org every day at 07:00 (Europe/Paris)" in text
    result = cli(dev_corpus, "digest", "preview", "--email", "nobody@example.org", ok=False)
    assert result.exit_code == 1 and "nobody@example.org is not subscribed" in result.output
