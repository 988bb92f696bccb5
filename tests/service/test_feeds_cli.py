"""`factwatch feeds add/list/remove/pause/resume` through the real CLI on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factwatch.cli import main
from factwatch.feeds import DEFAULT_INTERVAL
from factwatch.store import repository as repo
from factwatch.store.db import Database
from factwatch.store.models import Article, Feed


def cli(db_url: str, *args: str, ok: bool = True):
    result = CliRunner().invoke(main, ["--db", db_url, *args])
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code != 0, result.output
    return result


def listed(db_url: str) -> list[dict]:
    return json.loads(cli(db_url, "feeds", "list", "--format", "json").stdout)


def test_add_list_remove(db_url):
    out = cli(db_url, "feeds", "add", "https://news.example.org/rss.xml").output
    assert "Added feed 1: https://news.example.org/rss.xml (every 15m)" in out
    out = cli(
        db_url, "feeds", "add", "--interval", "1h30m", "--allow-private",
        "http://127.0.0.1:8765/feed.xml",
    ).output  # fmt: skip
    assert "Added feed 2" in out and "private addresses allowed" in out

    rows = listed(db_url)
    assert [(r["id"], r["url"], r["interval"], r["status"]) for r in rows] == [
        (1, "https://news.example.org/rss.xml", "15m", "new"),
        (2, "http://127.0.0.1:8765/feed.xml", "1h30m", "new"),
    ]
    assert all(r["articles"] == 0 and r["last_fetch"] is None for r in rows)
    # New feeds are due at once, so a running service polls them at its next check.
    assert all(datetime.fromisoformat(r["next_poll"].rstrip("Z")) <= repo.utcnow() for r in rows)

    table = cli(db_url, "feeds", "list").output
    assert "https://news.example.org/rss.xml" in table and "(2 rows)" in table

    out = cli(db_url, "feeds", "remove", "1").output
    assert "Removed feed 1: https://news.example.org/rss.xml" in out
    out = cli(db_url, "feeds", "remove", "http://127.0.0.1:8765/feed.xml").output
    assert "Removed feed 2" in out
    assert listed(db_url) == []


def test_stored_interval_and_flags(db_url):
    cli(db_url, "feeds", "add", "--interval", "90s", "https://a.example.org/feed")
    cli(db_url, "feeds", "add", "https://b.example.org/feed")
    db = Database(db_url)
    try:
        with db.session() as s:
            feeds = {f.url: f for f in s.scalars(select(Feed))}
        assert feeds["https://a.example.org/feed"].interval_seconds == 90
        assert feeds["https://b.example.org/feed"].interval_seconds == DEFAULT_INTERVAL
        assert not feeds["https://b.example.org/feed"].allow_private
        assert all(f.active and f.error_count == 0 for f in feeds.values())
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("interval", "message"),
    [
        ("10x", "cannot read the interval '10x'"),
        ("15 minutes", "cannot read the interval"),
        ("5s", "too short: at least 1m"),
        ("30", "too short"),
        ("8d", "too long: at most 7d"),
        ("1h1h", "a unit is repeated"),
        ("", "the interval is empty"),
    ],
)
def test_bad_interval_is_refused_clearly(db_url, interval, message):
    cli(db_url, "init")  # `feeds list` reads an existing database only
    result = cli(
        db_url, "feeds", "add", "--interval", interval, "https://x.example.org/f", ok=False
    )
    assert result.exit_code == 2
    assert message in result.output
    assert listed(db_url) == []


def test_duplicate_url_is_refused(db_url):
    cli(db_url, "feeds", "add", "https://news.example.org/rss.xml")
    result = cli(db_url, "feeds", "add", "https://news.example.org/rss.xml", ok=False)
    assert "already registered as feed 1" in result.output
    assert len(listed(db_url)) == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/feed", "is not an http(s) URL"),
        ("example.org/feed.xml", "is not an http(s) URL"),
        ("https:///feed.xml", "has no host name"),
        ("http://example.org:99999/feed", "is not a valid URL"),
        ("https://exa mple.org/feed", "contains spaces"),
        ("http://127.0.0.1:8765/feed.xml", "add it with --allow-private"),
        ("http://localhost/feed.xml", "add it with --allow-private"),
        ("http://[::1]/feed.xml", "private, loopback or link-local"),
        ("http://169.254.169.254/latest/", "private, loopback or link-local"),
    ],
)
def test_bad_url_is_refused(db_url, url, message):
    result = cli(db_url, "feeds", "add", url, ok=False)
    assert message in result.output, result.output
    assert listed(db_url) == []


def test_credentials_in_urls_are_never_shown(db_url):
    cli(db_url, "feeds", "add", "https://user:hunter2@example.org/rss?token=s3cret&page=1")
    out = (
        cli(db_url, "feeds", "list").output + cli(db_url, "feeds", "list", "--format", "csv").output
    )
    assert "hunter2" not in out and "s3cret" not in out
    assert "***@example.org" in out


def test_remove_or_pause_unknown_feed(db_url):
    cli(db_url, "init")  # on a missing database these say so instead (tests/cli)
    for command in ("remove", "pause", "resume"):
        result = cli(db_url, "feeds", command, "42", ok=False)
        assert "no feed '42'" in result.output


def test_pause_and_resume(db_url):
    cli(db_url, "feeds", "add", "https://news.example.org/rss.xml")
    assert "paused" in cli(db_url, "feeds", "pause", "1").output
    assert listed(db_url)[0]["status"] == "paused"
    assert listed(db_url)[0]["next_poll"] is None
    db = Database(db_url)
    try:
        with db.session() as s:  # a failing feed in deep back-off
            feed = s.get(Feed, 1)
            feed.error_count, feed.last_error = 5, "HTTP 500"
            feed.next_poll_at = datetime(2099, 1, 1)
        assert "resumed: due now" in cli(db_url, "feeds", "resume", "1").output
        row = listed(db_url)[0]
        assert (row["status"], row["last_error"]) == ("new", "HTTP 500")
        assert datetime.fromisoformat(row["next_poll"].rstrip("Z")) <= repo.utcnow()
    finally:
        db.dispose()


def test_removing_a_feed_keeps_its_articles(db_url):
    cli(db_url, "feeds", "add", "https://news.example.org/rss.xml")
    db = Database(db_url)
    try:
        now = repo.utcnow()
        with db.session() as s:
            s.add(
                Article(
                    url="https://news.example.org/a.html", title="A", text="A", outlet="x",
                    ingested_at=now, source="https://news.example.org/rss.xml", feed_id=1,
                    content_hash="0" * 64,
                )
            )  # fmt: skip
        assert listed(db_url)[0]["articles"] == 1
        out = cli(db_url, "feeds", "remove", "1").output
        assert "(1 stored article kept)" in out
        with db.session() as s:
            article = s.scalar(select(Article))
            assert article is not None and article.feed_id is None
    finally:
        db.dispose()
