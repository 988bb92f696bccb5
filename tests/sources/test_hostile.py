"""Hostile input from the outside world (issue 14): each case is refused or read with a
one-line problem, never a traceback, and the rest of the source still comes through."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factwatch.ingest.sources import FetchConfig, FetchError, collect_sync, read_local
from factwatch.ingest.sources.urls import canonical
from tests.sources.test_fetch import LOCAL as FETCH_LOCAL
from tests.sources.test_fetch import _get, run

LOCAL = FetchConfig(allow_private=True)

GOOD_TEXT = (
    "Harbour reopens after repair\n\n"
    "The harbour at Testport reopened on 5 May 2025 after a repair that cost 12 million pounds."
)


def test_gzip_body_is_decoded(server):
    result = run(_get(server.url("gzip.html")))
    assert b"Harbour reopens" in result.content


def test_nested_gzip_bomb_stops_at_the_size_cap(server):
    with pytest.raises(FetchError) as caught:
        run(_get(server.url("bomb.html"), FETCH_LOCAL))
    message = str(caught.value)
    assert "larger than" in message and "\n" not in message


def test_encoding_not_asked_for_is_refused_in_one_line(server):
    with pytest.raises(FetchError) as caught:
        run(_get(server.url("brotli.html")))
    assert "br" in str(caught.value) and "\n" not in str(caught.value)


def test_feed_items_dated_9999_and_year_one_are_ingested_without_those_dates(server):
    result = collect_sync([server.url("far-dates.xml")], LOCAL)
    assert result.problems == []
    by_url = {a.url.rsplit("/", 1)[-1]: a for a in result.articles}
    assert set(by_url) == {"good.html", "zero-date.html"}
    # The page's own date wins where it is plausible; the feed's 9999 is never used.
    assert by_url["good.html"].published is not None
    assert by_url["good.html"].published.year == 2025
    # Page and feed both say 0001-01-01: no date at all rather than year 1.
    zero = by_url["zero-date.html"].published
    assert zero is None or zero.year >= 1990


def test_deeply_nested_json_ld_does_not_lose_the_page(server):
    result = collect_sync([server.url("deep-json-ld.html")], LOCAL)
    assert result.problems == []
    (article,) = result.articles
    assert "Harbour reopens" in article.title


def test_symbolic_links_in_a_folder_are_not_followed(tmp_path: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret: the key is 1234 and the code 5678.", encoding="utf-8")
    os.symlink(secret, folder / "link.txt")
    os.symlink(tmp_path, folder / "loop")
    articles, problems = read_local(folder)
    assert [a.url.rsplit("/", 1)[-1] for a in articles] == ["good.txt"]
    messages = [p.message for p in problems]
    assert any("link.txt" in m and "not followed" in m for m in messages)
    assert any("loop" in m and "not followed" in m for m in messages)
    assert all("\n" not in m for m in messages)


def test_utf16_without_byte_order_mark_is_read(tmp_path: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "le.txt").write_bytes(GOOD_TEXT.encode("utf-16-le"))
    (folder / "be.txt").write_bytes(GOOD_TEXT.encode("utf-16-be"))
    articles, problems = read_local(folder)
    assert sorted(a.url.rsplit("/", 1)[-1] for a in articles) == ["be.txt", "le.txt"]
    assert all("12 million pounds" in a.text for a in articles)
    assert all(p.level == "warning" and "UTF-16" in p.message for p in problems)


def test_deeply_nested_manifest_is_ignored_with_a_warning(tmp_path: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "manifest.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    articles, problems = read_local(folder)
    assert len(articles) == 1
    (problem,) = problems
    assert problem.level == "warning" and "nested too deeply" in problem.message


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59+00:00"])
def test_manifest_dates_no_article_can_have_are_ignored(tmp_path: Path, value: str):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "manifest.json").write_text(
        json.dumps({"articles": [{"file": "good.txt", "published": value}]}), encoding="utf-8"
    )
    articles, problems = read_local(folder)
    (article,) = articles
    assert article.published is None
    assert any("cannot be a publication date" in p.message for p in problems)


def test_a_feed_of_ten_thousand_items_is_read_up_to_the_cap_per_poll(server):
    config = FetchConfig(allow_private=True, max_feed_entries=5)
    result = collect_sync([server.url("huge-feed.xml")], config)
    fetched = [p for p in server.hits if p.startswith("/good.html?item=")]
    assert len(result.articles) == 5 and len(fetched) == 5
    (problem,) = result.problems
    assert problem.level == "warning" and "9995 more new entries" in problem.message
    # The next poll, knowing those five, reads the next five.
    again = collect_sync(
        [server.url("huge-feed.xml")], config, known_urls={a.url for a in result.articles}
    )
    assert len(again.articles) == 5
    assert not {a.url for a in again.articles} & {a.url for a in result.articles}


def test_one_page_under_tracking_and_case_variants_is_one_article(server):
    result = collect_sync([server.url("same-page-feed.xml")], LOCAL)
    assert [a.url for a in result.articles] == [server.url("good.html")]
    # Stored under its canonical address, it is known under every variant next time.
    again = collect_sync(
        [server.url("same-page-feed.xml"), server.url("good.html") + "?utm_campaign=x"],
        LOCAL,
        known_urls={server.url("good.html")},
    )
    assert again.articles == [] and again.problems == []


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "HTTP://News.Example.COM:80/a/story/?utm_source=rss#top",
            "http://news.example.com/a/story",
        ),
        ("https://news.example.com:443", "https://news.example.com/"),
        ("https://news.example.com/s?id=7&fbclid=abc&b=2", "https://news.example.com/s?b=2&id=7"),
        ("https://news.example.com:8443/s/", "https://news.example.com:8443/s"),
        ("file:///srv/notes/a.txt", "file:///srv/notes/a.txt"),
    ],
)
def test_canonical_url(given: str, expected: str):
    assert canonical(given) == expected
