"""fetch() against a real local server: redirects, caps, deadlines, destination checks."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest

from factwatch.ingest.sources import FetchConfig, FetchError, FetchResult, fetch, make_client
from factwatch.ingest.sources.httpfetch import is_public_address, redact_url

LOCAL = FetchConfig(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=5)


T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


async def _get(url: str, config: FetchConfig = LOCAL, **kwargs: str) -> FetchResult:
    async with make_client(config) as client:
        return await fetch(client, url, config, **kwargs)


def _error(url: str, config: FetchConfig = LOCAL) -> str:
    with pytest.raises(FetchError) as caught:
        run(_get(url, config))
    return str(caught.value)


def test_fetches_body_and_headers(server):
    result = run(_get(server.url("good.html")))
    assert result.status == 200
    assert result.url == server.url("good.html")
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert b"Harbour reopens" in result.content
    assert not result.not_modified


def test_follows_redirects_checking_each_hop(server):
    result = run(_get(server.url("hop-1")))
    assert result.url == server.url("good.html")
    assert result.redirects == (server.url("hop-1"), server.url("hop-2"))


def test_redirect_loop_fails_cleanly(server):
    message = _error(server.url("loop-a"))
    assert message.startswith(server.url("loop-a") + ": redirect loop")


def test_redirect_cap(server):
    message = _error(server.url("hop-1"), FetchConfig(allow_private=True, max_redirects=1))
    assert "too many redirects (more than 1)" in message


def test_redirect_to_other_scheme_refused(server):
    assert "unsupported URL scheme 'file'" in _error(server.url("to-file"))


def test_http_error_message(server):
    assert _error(server.url("missing-feed.xml")) == (
        server.url("missing-feed.xml") + ": HTTP 404 Not Found"
    )


def test_page_that_never_answers_times_out(server):
    config = FetchConfig(allow_private=True, read_timeout=0.3, total_timeout=5)
    started = time.monotonic()
    message = _error(server.url("slow.html"), config)
    assert message == server.url("slow.html") + ": no answer within 0.3 s"
    assert time.monotonic() - started < 2


def test_trickling_page_hits_the_total_deadline(server):
    config = FetchConfig(allow_private=True, read_timeout=0.3, total_timeout=0.6)
    started = time.monotonic()
    message = _error(server.url("trickle.html"), config)
    assert message.endswith("no complete answer within 0.6 s")
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("path", ["big.html", "big-stream.html"])
def test_size_cap(server, path):
    config = FetchConfig(allow_private=True, max_bytes=50_000)
    assert "larger than 50000 bytes" in _error(server.url(path), config)


def test_unsupported_content_type(server):
    assert "unsupported content type application/pdf" in _error(server.url("doc.pdf"))


def test_non_http_scheme_refused():
    assert "unsupported URL scheme 'ftp'" in _error("ftp://example.org/feed.xml")


def test_private_address_refused_without_allow_private(server):
    before = server.hits.get("/good.html?private", 0)
    message = _error(server.url("good.html?private"), FetchConfig())
    assert "127.0.0.1 is a private, loopback" in message
    assert "--allow-private" in message
    assert server.hits.get("/good.html?private", 0) == before


def test_host_name_resolving_to_loopback_refused(server):
    url = server.url("good.html").replace("127.0.0.1", "localhost")
    message = _error(url, FetchConfig())
    assert "localhost resolves to" in message
    assert "--allow-private" in message


def test_guarded_client_checks_address_at_connect_time(server):
    """Even a request that skips fetch()'s own check cannot reach a private address."""

    async def direct() -> None:
        async with make_client(FetchConfig()) as client:
            await client.get(server.url("good.html"))

    with pytest.raises(httpx.ConnectError, match="allow-private"):
        run(direct())


def test_conditional_get(server):
    first = run(_get(server.url("etag.xml")))
    assert first.etag == '"v1"'
    second = run(_get(server.url("etag.xml"), etag=first.etag))
    assert second.not_modified and second.status == 304 and second.content == b""


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::1",
        "64:ff9b::a00:1",
    ],
)
def test_non_public_addresses(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses(address):
    assert is_public_address(ipaddress.ip_address(address))


def test_redact_url():
    assert redact_url("https://bob:hunter2@example.org/feed?token=abc&x=1") == (
        "https://***@example.org/feed?token=***&x=1"
    )
    assert "hunter2" not in str(FetchError("https://bob:hunter2@example.org/", "HTTP 500"))
