"""One pipeline at a time per database, across processes.

Two `factwatch ingest` at once (or an ingest beside `factwatch run`) raced: both found a URL
new and the second died on the unique key, and two halves of one feed, each assigned against
stories the other had not stored yet, split stories and lost conflicts. Story assignment and
reconciliation read what earlier articles wrote, so they are serialised; fetching and parsing
(before the lock) still run in parallel.

PostgreSQL: a session-level advisory lock, released by the server if the process dies.
SQLite: an exclusive `flock` on a file beside the database, released by the kernel if the
process dies. An in-memory database belongs to one process and needs none.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from factwatch.store.db import Database

# pg_advisory_lock takes a 64-bit key; this one is "factwatch" hashed, fixed for all versions.
PIPELINE_LOCK_KEY = 0x6661637477617463


@contextmanager
def pipeline_lock(db: Database) -> Iterator[None]:
    """Hold the database's pipeline lock for the duration of the block (waits for it)."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PIPELINE_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PIPELINE_LOCK_KEY})
                conn.commit()
        return
    path = db.engine.url.database
    if db.engine.dialect.name != "sqlite" or not path or path == ":memory:":
        yield
        return
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
