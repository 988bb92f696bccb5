"""`factwatch ingest` killed, or run twice at once, ends where one uninterrupted ingest ends
(issue 14): the next ingest finishes what a killed one left half-done (facts, conflicts and the
alerts they queue), and two ingests on one database take turns (store/locks.py).

Real processes (SIGKILL at several points), the dev corpus served over real HTTP, SQLite and
PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from factwatch.store.db import Database
from factwatch.store.feeds import unreconciled_stories
from factwatch.store.models import Article, Fact
from tests.service.conftest import Doc, dev_items, rss
from tests.service.test_run import DEADLINE, FACTWATCH, cli, snapshot

pytestmark = pytest.mark.slow


def _env(db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
    env["FACTWATCH_DATABASE_URL"] = db_url
    return env


def _ingest(db_url: str, tmp_path: Path, *urls: str, name: str) -> subprocess.Popen:
    log = (tmp_path / f"{name}.log").open("w")
    return subprocess.Popen(
        [FACTWATCH, "-v", "ingest", "--allow-private", *urls],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_env(db_url),
        cwd=tmp_path,
    )


def _count(db: Database, query) -> int:
    with db.session() as s:
        return int(s.scalar(query) or 0)


def _same(got: dict) -> dict:
    """A snapshot without database ids: a killed transaction on PostgreSQL used sequence
    numbers that are never given back, so fact ids differ; one conflict per fact still holds."""
    assert max(got["conflict_facts"].values(), default=1) == 1
    return {k: v for k, v in got.items() if k != "conflict_facts"}


def _reference(tmp_path: Path, name: str, *feeds: str) -> dict:
    url = f"sqlite:///{tmp_path / f'{name}.db'}"
    cli(url, "init")
    for feed in feeds:
        cli(url, "ingest", "--allow-private", feed)
    ref = Database(url)
    try:
        return _same(snapshot(ref))
    finally:
        ref.dispose()


@pytest.fixture
def db(db_url):
    cli(db_url, "init")
    database = Database(db_url)
    yield database
    database.dispose()


# Kill points: while articles are being stored (after the first, after half of them), and
# after the last is stored, while facts are reconciled.
@pytest.mark.parametrize("point", ["first article", "half the articles", "all articles"])
def test_a_killed_ingest_is_finished_by_the_next_one(db, db_url, tmp_path, feed_server, point):
    items = dev_items()
    url = feed_server.put("feed.xml", Doc(rss(feed_server.base, items)))
    expected = _reference(tmp_path, "reference", url)
    threshold = {"first article": 1, "half the articles": len(items) // 2}.get(point, len(items))
    stored = select(func.count()).select_from(Article)

    proc = _ingest(db_url, tmp_path, url, name="killed")
    end = time.monotonic() + DEADLINE
    while _count(db, stored) < threshold:
        assert proc.poll() is None, (tmp_path / "killed.log").read_text()
        assert time.monotonic() < end, "gave up waiting for the ingest to store articles"
        time.sleep(0.02)
    proc.kill()
    proc.wait()

    out = cli(db_url, "ingest", "--allow-private", url)
    assert "already stored" in out or "Added" in out
    assert unreconciled_stories(db) == []
    assert _same(snapshot(db)) == expected
    assert _count(db, select(func.count()).select_from(Fact)) > 0


def test_two_ingests_at_once_give_the_result_of_one_after_the_other(
    db, db_url, tmp_path, feed_server
):
    items = dev_items()
    half = len(items) // 2
    a = feed_server.put("a.xml", Doc(rss(feed_server.base, items[:half], "First half")))
    b = feed_server.put("b.xml", Doc(rss(feed_server.base, items[half:], "Second half")))
    either = [_reference(tmp_path, "ab", a, b), _reference(tmp_path, "ba", b, a)]

    first = _ingest(db_url, tmp_path, a, name="a")
    second = _ingest(db_url, tmp_path, b, name="b")
    for proc, name in ((first, "a"), (second, "b")):
        assert proc.wait(timeout=DEADLINE) == 0, (tmp_path / f"{name}.log").read_text()
        log = (tmp_path / f"{name}.log").read_text()
        assert "Traceback" not in log and "IntegrityError" not in log, log
    assert _same(snapshot(db)) in either
