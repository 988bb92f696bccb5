"""The CLI's stored-URL check (what feeds and folders skip before fetching): answers from
the database, each URL asked once, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import event

from factwatch.store import repository as repo
from factwatch.store.articles import StoredUrls
from factwatch.store.db import Database
from factwatch.store.models import Article


def test_stored_urls_are_found_once_each(db_url) -> None:
    db = Database(db_url)
    db.upgrade()
    with db.session() as s:
        s.add(
            Article(
                url="https://news.example/a",
                title="A",
                text="A text.",
                outlet="news.example",
                ingested_at=repo.utcnow(),
                source="test",
                content_hash="0" * 64,
            )
        )
    queries: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    stored = StoredUrls(db)
    assert "https://news.example/a" in stored
    assert "https://news.example/b" not in stored
    assert "https://news.example/a" in stored  # remembered: no second query
    assert "https://news.example/b" not in stored
    assert stored.hits == 1
    assert len([q for q in queries if "articles" in q]) == 2
    db.dispose()
