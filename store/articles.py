"""Which article URLs are stored: what feeds and folders skip before fetching."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from factwatch.store.db import Database
from factwatch.store.models import Article

__all__ = ["StoredUrls"]


class StoredUrls:
    """`url in stored` asks the database, so feeds don't refetch pages already stored.

    Every article of a folder is asked about too, so each lookup is one prepared, indexed
    SELECT on a pooled connection (a session, a transaction and a new statement per URL
    cost 4x that) and answers are remembered; `hits` counts distinct stored URLs met."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.hits = 0
        self._known: dict[str, bool] = {}
        self._query = select(Article.id).where(Article.url == bindparam("url")).limit(1)

    def __contains__(self, url: object) -> bool:
        key = str(url)
        found = self._known.get(key)
        if found is None:
            with self.db.engine.connect() as conn:
                found = conn.execute(self._query, {"url": key}).first() is not None
            self._known[key] = found
            self.hits += found
        return found
