"""collect() end to end over real HTTP: the dev corpus, fallbacks, and every kind of failure."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

from factwatch.ingest.sources import CollectResult, FetchConfig, collect_sync
from factwatch.ingest.sources.htmltext import segments
from tests.sources.conftest import DEV, SHARED

LOCAL = FetchConfig(allow_private=True)
TRUTH = json.loads((DEV / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_result(server) -> CollectResult:
    return collect_sync([server.url("dev/feed.xml")], LOCAL)


def _by_id(result: CollectResult) -> dict[str, object]:
    return {
        article.url.rsplit("/", 1)[-1].removesuffix(".html"): article for article in result.articles
    }


def test_dev_corpus_articles_and_metadata(dev_result, server):
    assert dev_result.problems == []
    assert len(dev_result.articles) == 31
    articles = _by_id(dev_result)
    for truth in TRUTH["articles"]:
        article = articles[truth["id"]]
        assert article.url == server.url(f"dev/pages/{truth['id']}.html")
        assert article.source == server.url("dev/feed.xml")
        assert (article.outlet, article.lang) == (truth["outlet"], truth["lang"]), truth["id"]
        assert article.published is not None and article.published.tzinfo is not None
        assert article.published.date().isoformat() == truth["published"], truth["id"]


def test_dev_corpus_text_has_every_claim_and_no_chrome(dev_result):
    articles = _by_id(dev_result)
    claims: dict[str, list[str]] = {}
    for claim in TRUTH["claims"]:
        claims.setdefault(claim["article"], []).append(claim["text"])
    missing = {
        article_id: [text for text in texts if text not in articles[article_id].text]
        for article_id, texts in claims.items()
    }
    assert {key: value for key, value in missing.items() if value} == {}
    for article_id, article in articles.items():
        page = lxml_html.document_fromstring(
            (DEV / "pages" / f"{article_id}.html").read_text(encoding="utf-8")
        )
        headline = page.xpath("//article//h1")[0].text_content().strip()
        assert article.text.startswith(headline + "\n\n")
        assert article.title == headline
        inside = {segment.text for segment in segments(page.xpath("//article")[0])}
        outside = [
            segment.text
            for segment in segments(page.find("body"))
            if segment.text not in inside and len(segment.text) > 12
        ]
        assert not [text for text in outside if text in article.text], article_id
        for stamp in page.xpath("//article//time"):
            assert stamp.text_content().strip() not in article.text, article_id


def test_known_urls_are_not_fetched_again(server):
    links = [server.url(f"dev/pages/{a['id']}.html") for a in TRUTH["articles"]]
    known = set(links[1:])
    before = {link: server.hits.get(link.removeprefix(server.base[:-1]), 0) for link in links}
    result = collect_sync([server.url("dev/feed.xml")], LOCAL, known_urls=known)
    assert [article.url for article in result.articles] == [links[0]]
    for link in links[1:]:
        assert server.hits.get(link.removeprefix(server.base[:-1]), 0) == before[link]


def test_requests_per_host_are_bounded(server):
    config = FetchConfig(allow_private=True, max_per_host=2, max_concurrency=8)
    result = collect_sync([server.url("many-feed.xml")], config)
    assert len(result.articles) == 6 and result.problems == []
    assert server.inflight["max"] == 2


def test_failed_entry_page_falls_back_to_feed_summary(server):
    result = collect_sync([server.url("fallback-feed.xml")], LOCAL)
    good, fallback = result.articles
    assert good.url == server.url("good.html")
    assert good.text.startswith("Harbour reopens after £12m repair\n\nBoats returned")
    assert fallback.url == server.url("gone.html")
    assert fallback.text == (
        "Bridge repairs to cost £3.4m\n\nThe council approved £3.4m for the bridge."
    )
    assert (fallback.outlet, fallback.lang) == ("Testshire Gazette", "en")
    assert fallback.published.isoformat() == "2025-05-07T07:00:00+01:00"
    messages = [(problem.level, problem.message) for problem in result.problems]
    assert messages == [
        (
            "warning",
            f"{server.url('fallback-feed.xml')}: entry 'An entry without a link' "
            "has no http(s) link, skipped",
        ),
        (
            "warning",
            f"{server.url('gone.html')}: HTTP 404 Not Found; used the feed entry's "
            "title and summary instead",
        ),
    ]


def test_one_failing_source_never_stops_the_others(server, tmp_path: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "ok.txt").write_text(
        "Dock strike ends\n\nWorkers voted 85% to accept.\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    config = FetchConfig(
        allow_private=True, read_timeout=0.3, total_timeout=2, max_bytes=50_000, max_redirects=3
    )
    bad = {
        "missing-feed.xml": "HTTP 404 Not Found",
        "not-xml.xml": "not an RSS/Atom feed: the document is not XML",
        "html-as-feed.xml": "not an RSS/Atom feed: no RSS or Atom elements found",
        "slow.html": "no answer within 0.3 s",
        "big.html": "larger than 50000 bytes",
        "loop-a": "redirect loop",
        "doc.pdf": "unsupported content type application/pdf",
    }
    sources = [server.url(path) for path in bad] + [
        server.url("good.html"),
        str(folder),
        "ftp://example.org/x",
        "/no/such/dir",
    ]
    started = time.monotonic()
    result = collect_sync(sources, config)
    assert time.monotonic() - started < 3
    assert [article.url for article in result.articles] == [
        server.url("good.html"),
        (folder / "ok.txt").resolve().as_uri(),
    ]
    errors = {
        problem.source: problem.message for problem in result.problems if problem.level == "error"
    }
    for path, reason in bad.items():
        message = errors.pop(server.url(path))
        assert message.startswith(server.url(path) + ": ") and reason in message, message
    assert errors == {
        "ftp://example.org/x": "ftp://example.org/x: unsupported scheme 'ftp' "
        "(use http(s) URLs or local paths)",
        "/no/such/dir": "/no/such/dir: no such file or folder",
    }
    warnings = [p.message for p in result.problems if p.level == "warning"]
    assert warnings == ["empty.txt: empty file, skipped"]


def test_private_address_refused_by_default(server):
    result = collect_sync([server.url("dev/feed.xml")], FetchConfig())
    assert result.articles == []
    (problem,) = result.problems
    assert problem.level == "error"
    assert problem.message.startswith(server.url("dev/feed.xml") + ": refused")
    assert "--allow-private" in problem.message


def test_direct_page_and_local_seeds_together(server):
    result = collect_sync([server.url("latin1.html"), str(SHARED / "seeds")], LOCAL)
    assert result.problems == []
    page, *seeds = result.articles
    assert page.title == "Café crème à Zürich"  # ISO-8859-1 header read as windows-1252
    assert page.lang == "fr"
    assert len(seeds) == 4 and all(a.url.startswith("file:///") for a in seeds)


def test_a_bug_on_one_page_loses_only_that_page(server, monkeypatch):
    """An unexpected error while extracting one page (not a fetch or extraction failure the
    code knows) must not fail the feed: the other entries are read, the page falls back to its
    feed entry, and the problem names the page and the error in one line."""
    from factwatch.ingest.sources import collector

    real = collector._extract

    def broken_on_good(result, source, hint):
        if result.url.endswith("good.html"):
            raise RuntimeError("boom")
        return real(result, source, hint)

    monkeypatch.setattr(collector, "_extract", broken_on_good)
    result = collect_sync([server.url("fallback-feed.xml")], LOCAL)
    assert [a.url for a in result.articles] == [server.url("good.html"), server.url("gone.html")]
    assert result.articles[0].text.startswith("Harbour reopens after £12m repair\n\nBoats")
    assert (
        "warning",
        f"{server.url('good.html')}: unexpected error: RuntimeError('boom'); used the feed "
        "entry's title and summary instead",
    ) in [(p.level, p.message) for p in result.problems]


def test_pages_extracted_at_once_in_a_cold_process_all_succeed(server):
    """The collector extracts a feed's pages in worker threads. htmldate imports dateparser
    lazily inside an extraction, and two threads importing it at once made Python report an
    import deadlock that failed whole feeds (one cold run in four). In a fresh interpreter,
    sixteen pages extracted at once all succeed."""
    import subprocess
    import sys

    urls = [server.url(f"dev/pages/{a['id']}.html") for a in TRUTH["articles"][:16]]
    script = f"""
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from factwatch.ingest.sources.pages import extract_page
pages = [(u, urllib.request.urlopen(u).read()) for u in {urls!r}]
with ThreadPoolExecutor(16) as pool:
    got = list(pool.map(lambda p: extract_page(p[1], p[0]), pages))
print(sum(1 for a in got if a.title))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "16"
