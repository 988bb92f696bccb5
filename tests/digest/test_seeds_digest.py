"""The digest of the seed corpus, ingested for real, sent over real SMTP (SQLite, PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factwatch.store.db import Database
from factwatch.store.models import Article, Conflict
from tests.digest.conftest import cli, smtp_env
from tests.digest.helpers import flat, html_text, image_sources, parts, png_size

pytestmark = pytest.mark.slow


def stored(db_url: str):
    db = Database(db_url)
    try:
        with db.session() as s:
            conflicts = list(s.scalars(select(Conflict).order_by(Conflict.id)))
            articles = list(s.scalars(select(Article).order_by(Article.id)))
            return conflicts, articles
    finally:
        db.dispose()


def test_send_now_mails_the_seed_conflicts_once_per_subscriber(seeded, smtp):
    cli(seeded, "digest", "subscribe", "paris@example.org", "--tz", "Europe/Paris")
    cli(seeded, "digest", "subscribe", "sf@example.org", "--tz", "America/Los_Angeles")
    env = smtp_env(smtp)
    out = cli(seeded, "digest", "send", "--now", env=env).output
    assert "2 sent" in out
    conflicts, articles = stored(seeded)
    assert any(c.verdict == "currency_conversion" for c in conflicts)
    assert sorted(r.rcpt_tos[0] for r in smtp.inbox.received) == [
        "paris@example.org",
        "sf@example.org",
    ]
    for got in smtp.inbox.received:
        msg = got.message
        text, html, images = parts(msg)
        visible = html_text(html)
        assert (
            f"{len([c for c in conflicts if c.verdict != 'rounding_or_bound'])} conflict"
            in (msg["Subject"])
        )
        for c in conflicts:  # every conflict, with its explanation, in both bodies
            assert flat(c.summary) in flat(text)
            assert flat(c.summary) in visible
        assert len(images) == len(conflicts)
        assert sorted(image_sources(html)) == sorted(f"cid:{cid}" for cid in images)
        for png in images.values():
            assert png_size(png)[0] >= 560
        for a in articles:  # every new article, linked
            assert f'href="{a.url}"' in html
            assert a.url in text
            assert flat(a.title) in visible
        assert "380 bn CNY" in visible and "Currency conversion" in visible

    again = cli(seeded, "digest", "send", "--now", env=env).output
    assert "0 sent" in again and "2 already done today" in again
    assert len(smtp.inbox.received) == 2
