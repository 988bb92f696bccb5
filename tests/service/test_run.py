"""`factwatch run` as a real process: start, poll a locally served feed, stop on SIGINT/SIGTERM
with exit 0; SIGKILL in the middle of an ingest, restart, SIGTERM in the middle of the next
ingest, restart: every article stored once, no duplicate article, claim or conflict, nothing
lost compared with an uninterrupted ingest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factwatch.cli import main
from factwatch.store.db import Database
from factwatch.store.feeds import unreconciled_stories
from factwatch.store.models import Article, ClaimRow, Conflict, Feed
from tests.service.conftest import Doc, dev_items, rss

FACTWATCH = str(Path(sys.executable).with_name("factwatch"))
DEADLINE = 300.0  # generous: the model loads in each process on a shared 2-core machine


class Service:
    """A `factwatch run` subprocess whose stderr goes to a file we can read while it runs."""

    def __init__(self, db_url: str, tmp_path: Path, *args: str, name: str = "run") -> None:
        self.log = tmp_path / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
        env["FACTWATCH_DATABASE_URL"] = db_url
        self.handle = self.log.open("w")
        self.proc = subprocess.Popen(
            [FACTWATCH, "-v", "run", *args],
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp_path,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, predicate, what: str, deadline: float = DEADLINE) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if predicate():
                return
            if self.proc.poll() is not None:
                pytest.fail(f"factwatch run exited ({self.proc.returncode}) before {what}:\n"
                            + self.output())  # fmt: skip
            time.sleep(0.05)
        self.kill()
        pytest.fail(f"gave up waiting for {what}:\n{self.output()}")

    def stop(self, sig: signal.Signals) -> int:
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=DEADLINE)
        finally:
            self.handle.close()
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.handle.close()


def cli(db_url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db_url, *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    database.upgrade()
    yield database
    database.dispose()


def scalar(db: Database, query):
    with db.session() as s:
        return s.scalar(query)


# ------------------------------------------------------------------ start and stop


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_run_starts_without_telegram_and_stops_cleanly_on_a_signal(db, db_url, tmp_path, sig):
    service = Service(db_url, tmp_path)
    try:
        service.wait_for(lambda: "Stop with Ctrl-C" in service.output(), "the start banner")
    except BaseException:
        service.kill()
        raise
    assert service.stop(sig) == 0, service.output()
    out = service.output()
    assert "Telegram bot off (no FACTWATCH_TELEGRAM_TOKEN)" in out
    assert f"factwatch run: stopped ({sig.name})." in out
    assert "Traceback" not in out


def test_run_once_reports_and_fails_when_every_feed_fails(db, db_url, tmp_path, feed_server):
    cli(db_url, "feeds", "add", "--allow-private", feed_server.url("missing.xml"))
    result = subprocess.run(
        [FACTWATCH, "--db", db_url, "run", "--once"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")},
        timeout=DEADLINE,
    )
    assert result.returncode == 1, result.stderr
    assert "Polled 1 feed (1 failed); added 0 articles" in result.stderr
    assert "HTTP 404" in result.stderr  # the failure is logged (WARNING) without -v
    # Nothing is due now (the feed backs off): a second run polls nothing and succeeds.
    again = subprocess.run(
        [FACTWATCH, "--db", db_url, "run", "--once"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")},
        timeout=DEADLINE,
    )
    assert again.returncode == 0, again.stderr
    assert "Polled 0 feeds" in again.stderr


def test_run_once_with_telegram_dispatches_through_the_bot_api(db, db_url, tmp_path):
    from tests.telegram.fake_bot_api import FakeBotAPI

    with FakeBotAPI() as api:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
        env |= {"FACTWATCH_TELEGRAM_TOKEN": api.token, "FACTWATCH_TELEGRAM_API_URL": api.base_url}
        result = subprocess.run(
            [FACTWATCH, "--db", db_url, "-v", "run", "--once"],
            capture_output=True, text=True, env=env, timeout=DEADLINE,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert (
            "Polled 0 feeds; added 0 articles; 0 conflict(s) new or changed; alerts: 0 sent."
            in (result.stderr)
        )
        assert api.method_calls("getMe")  # the bot was initialised against the API
        assert api.token not in result.stderr


# ------------------------------------------------------------------ polling for real


@pytest.mark.slow
def test_run_polls_a_feed_added_while_it_runs_and_exits_0_on_sigterm(
    db, db_url, tmp_path, feed_server
):
    url = feed_server.put("feed.xml", Doc(rss(feed_server.base, dev_items()[:3]), etag='"a"'))
    service = Service(db_url, tmp_path)
    try:
        service.wait_for(lambda: "Stop with Ctrl-C" in service.output(), "the start banner")
        cli(db_url, "feeds", "add", "--allow-private", url)  # while the service runs
        service.wait_for(
            lambda: scalar(db, select(Feed.last_fetched_at)) is not None, "the first poll"
        )
    except BaseException:
        service.kill()
        raise
    assert service.stop(signal.SIGTERM) == 0, service.output()
    out = service.output()
    assert f"feed 1 {url}: 3 entries, 3 new, 3 added (0 copies)" in out
    assert "next poll in 15m" in out
    assert "stopped (SIGTERM)" in out and "Traceback" not in out
    assert scalar(db, select(func.count()).select_from(Article)) == 3
    assert scalar(db, select(Feed.etag)) == '"a"'


def snapshot(db: Database) -> dict:
    """What an ingest produced, keyed by URLs and offsets (ids differ between databases)."""
    with db.session() as s:
        articles = s.execute(select(Article.id, Article.url, Article.story_id,
                                    Article.duplicate_of)).all()  # fmt: skip
        url_of = {a.id: a.url for a in articles}
        claims = s.execute(
            select(ClaimRow.id, ClaimRow.article_id, ClaimRow.kind, ClaimRow.start,
                   ClaimRow.end, ClaimRow.text)
        ).all()  # fmt: skip
        key_of = {c.id: (url_of[c.article_id], c.kind, c.start, c.end, c.text) for c in claims}
        conflicts = s.execute(
            select(Conflict.fact_id, Conflict.verdict, Conflict.claim_ids, Conflict.summary)
        ).all()
    stories: dict[int | None, set[str]] = {}
    for a in articles:
        stories.setdefault(a.story_id, set()).add(a.url)
    return {
        "urls": Counter(a.url for a in articles),
        "claims": Counter(key_of.values()),
        "stories": {frozenset(v) for v in stories.values()},
        "copies": {(a.url, url_of.get(a.duplicate_of)) for a in articles if a.duplicate_of},
        "conflicts": Counter(
            (c.verdict, frozenset(key_of[i] for i in c.claim_ids), c.summary) for c in conflicts
        ),
        "conflict_facts": Counter(c.fact_id for c in conflicts),
    }


@pytest.mark.slow
def test_sigkill_in_the_middle_of_an_ingest_then_restart_loses_and_duplicates_nothing(
    db, db_url, tmp_path, feed_server
):
    items = dev_items()
    url = feed_server.put("feed.xml", Doc(rss(feed_server.base, items), etag='"full"'))
    total = len(items)

    # What an uninterrupted ingest of the same feed stores (the reference).
    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    assert f"Added {total} articles" in cli(reference_url, "ingest", "--allow-private", url)
    reference_db = Database(reference_url)
    try:
        expected = snapshot(reference_db)
    finally:
        reference_db.dispose()

    cli(db_url, "feeds", "add", "--allow-private", url)
    due = scalar(db, select(Feed.next_poll_at))
    stored = select(func.count()).select_from(Article)

    first = Service(db_url, tmp_path, name="first")
    try:
        first.wait_for(lambda: scalar(db, stored) > 0, "the first stored article")
    finally:
        first.kill()  # SIGKILL, mid-ingest
    killed_at = scalar(db, stored)
    left_behind = unreconciled_stories(db)  # stored, killed before their reconciliation
    assert 0 < killed_at < total, f"the kill came after the ingest ({killed_at} stored)"
    feed = scalar(db, select(Feed))
    # The feed's state did not move: it is still due with no validators.
    assert (feed.next_poll_at, feed.etag, feed.last_fetched_at) == (due, None, None)

    # Restart, and this time stop it politely in the middle of the ingest: the article in
    # progress is finished (each article its own transaction), the feed stays due.
    second = Service(db_url, tmp_path, name="second")
    try:
        second.wait_for(lambda: scalar(db, stored) > killed_at, "an article after the restart")
    except BaseException:
        second.kill()
        raise
    assert second.stop(signal.SIGTERM) == 0, second.output()
    stopped_at = scalar(db, stored)
    assert killed_at < stopped_at < total, f"{stopped_at} stored after SIGTERM"
    assert "interrupted by shutdown" in second.output()
    assert "stopped (SIGTERM)" in second.output()
    feed = scalar(db, select(Feed))
    assert (feed.next_poll_at, feed.etag, feed.last_fetched_at) == (due, None, None)
    assert scalar(db, select(func.count()).where(ClaimRow.fact_id.is_(None))) == 0

    third = Service(db_url, tmp_path, name="third")
    try:
        third.wait_for(
            lambda: scalar(db, select(Feed.last_fetched_at)) is not None, "the restarted poll"
        )
    except BaseException:
        third.kill()
        raise
    assert third.stop(signal.SIGTERM) == 0, third.output()

    got = snapshot(db)
    assert set(got["urls"]) == set(expected["urls"]) and len(got["urls"]) == total
    assert max(got["urls"].values()) == 1
    assert max(got["claims"].values()) == 1, "a claim was stored twice"
    assert got["claims"] == expected["claims"]
    assert max(got["conflict_facts"].values(), default=1) == 1
    assert max(got["conflicts"].values(), default=1) == 1
    assert got["stories"] == expected["stories"]
    assert got["copies"] == expected["copies"]
    assert got["conflicts"] == expected["conflicts"]
    assert scalar(db, select(func.count()).where(ClaimRow.fact_id.is_(None))) == 0
    assert scalar(db, select(Feed.etag)) == '"full"'
    if left_behind:
        expected_line = f"reconciling {len(left_behind)} story(ies) an interrupted ingest left"
        assert expected_line in second.output()
    rest = total - stopped_at
    assert f"{total} entries, {rest} new, {rest} added" in third.output()
