"""HTTP fetching with the guards a bot that follows links from the open web needs.

Feeds are untrusted: an item can point anywhere, so every request (and every redirect hop)
is checked for scheme and destination address, bodies are capped, and each request has a
total deadline on top of httpx's per-operation timeouts (a server that trickles one byte
every few seconds never trips a read timeout). Redirects are followed by hand so each hop
gets the same checks. Clients made by `make_client` re-check the address when they open a
connection, so a host whose DNS answer changes after our check (DNS rebinding) still cannot
reach an internal address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from email.message import Message
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpcore
import httpx

from factwatch.ingest.sources.content_encoding import (
    ACCEPT_ENCODING,
    BoundedDecoder,
    EncodingError,
    TooLarge,
)

DEFAULT_USER_AGENT = "factwatch/0.1 (+https://github.com/factwatch)"
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/*;q=0.5"
)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_TEXT_TYPES = frozenset(
    {
        "application/xhtml+xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
    }
)
_SECRET_PARAMS = (
    "token",
    "key",
    "secret",
    "password",
    "passwd",
    "pass",
    "sig",
    "signature",
    "auth",
    "session",
    "credential",
)


@dataclass(frozen=True)
class FetchConfig:
    """Limits for fetching feeds and pages; the defaults suit polling news sites."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    allow_private: bool = False
    max_concurrency: int = 8
    max_per_host: int = 2
    # New entries read from one feed per poll: a feed of 10,000 items must not become 10,000
    # fetches. Feeds list newest first and a poll every few minutes sees a handful of new ones.
    max_feed_entries: int = 200

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchConfig.{name} must be positive")
        for name in ("max_bytes", "max_concurrency", "max_per_host", "max_feed_entries"):
            if getattr(self, name) < 1:
                raise ValueError(f"FetchConfig.{name} must be at least 1")
        if self.max_redirects < 0:
            raise ValueError("FetchConfig.max_redirects must not be negative")


@dataclass(frozen=True)
class FetchResult:
    """One successful GET. `url` is the final address after redirects."""

    url: str
    status: int
    content: bytes
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    redirects: tuple[str, ...] = field(default=())  # hops before `url`, secrets redacted


class FetchError(Exception):
    """A request that did not produce a usable body; str() names the (redacted) URL."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        self.url = redact_url(url)
        self.reason = reason
        self.status = status
        super().__init__(f"{self.url}: {reason}")


def redact_url(url: str) -> str:
    """`url` without credentials: user info and secret-looking query values are masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rpartition("@")[2]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_looks_secret(name) for name, _ in pairs):
            query = urlencode(
                [(name, "***" if _looks_secret(name) else value) for name, value in pairs],
                safe="*",
            )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _looks_secret(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_PARAMS)


# --- destination checks -------------------------------------------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public_address(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses; False for private, loopback,
    link-local, multicast, reserved, unspecified and shared ranges, including IPv4 addresses
    embedded in IPv6 (mapped, 6to4, Teredo, NAT64) so they cannot be used as a detour."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: list[ipaddress.IPv4Address] = []
        if ip.ipv4_mapped is not None:
            embedded.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            embedded.append(ip.sixtofour)
        if ip.teredo is not None:
            embedded.extend(ip.teredo)
        if ip in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if any(not is_public_address(inner) for inner in embedded):
            return False
        if ip.is_site_local:
            return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """All addresses `host` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[IPAddress, None] = {}
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone index
        seen.setdefault(ipaddress.ip_address(address), None)
    return list(seen)


def _refusal(host: str, blocked: Iterable[IPAddress]) -> str:
    listed = ", ".join(sorted(str(ip) for ip in blocked))
    target = f"{host} is" if host == listed else f"{host} resolves to {listed}, which is"
    return (
        f"refused: {target} a private, loopback, link-local or reserved address "
        "(use --allow-private to fetch internal addresses)"
    )


async def _check_destination(url: httpx.URL, config: FetchConfig, *, raw: str) -> None:
    if url.scheme not in ("http", "https"):
        raise FetchError(raw, f"unsupported URL scheme {url.scheme!r} (only http and https)")
    host = url.raw_host.decode("ascii", "replace")  # IDNA-encoded, as DNS sees it
    if not host:
        raise FetchError(raw, "URL has no host")
    if config.allow_private:
        return
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        async with asyncio.timeout(config.connect_timeout):
            addresses = await resolve_host(host, port)
    except TimeoutError:
        reason = f"could not resolve {host} within {config.connect_timeout:g} s"
        raise FetchError(raw, reason) from None
    except (OSError, UnicodeError) as exc:
        raise FetchError(raw, f"could not resolve host {host} ({exc})") from None
    blocked = [ip for ip in addresses if not is_public_address(ip)]
    if blocked:
        raise FetchError(raw, _refusal(host, blocked))


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to vetted addresses: resolves the host itself at connect time."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await resolve_host(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"could not resolve {host}") from None
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"could not resolve host {host} ({exc})") from None
        blocked = [ip for ip in addresses if not is_public_address(ip)]
        if blocked:
            raise httpcore.ConnectError(_refusal(host, blocked))
        last: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def make_client(config: FetchConfig) -> httpx.AsyncClient:
    """An AsyncClient set up for `fetch`: timeouts, pool size, user agent, no redirects.

    `trust_env=False`: no proxy variables and no ~/.netrc, so no credentials from the
    environment are ever attached to a request a feed made us send.
    """
    limits = httpx.Limits(
        max_connections=config.max_concurrency,
        max_keepalive_connections=config.max_concurrency,
    )
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False, retries=0)
    pool = getattr(transport, "_pool", None)
    if not config.allow_private and isinstance(pool, httpcore.AsyncConnectionPool):
        # httpx has no public hook for the network backend; swap the pool for one that
        # uses ours, keeping httpx's TLS context and limits. If httpx's internals change,
        # the per-request check in `fetch` still applies.
        transport._pool = httpcore.AsyncConnectionPool(  # type: ignore[attr-defined]
            ssl_context=getattr(pool, "_ssl_context", None),
            max_connections=config.max_concurrency,
            max_keepalive_connections=config.max_concurrency,
            network_backend=_GuardedBackend(),
        )
    return httpx.AsyncClient(
        transport=transport,
        timeout=_timeout(config),
        follow_redirects=False,
        trust_env=False,
        headers={
            "User-Agent": config.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )


def _timeout(config: FetchConfig) -> httpx.Timeout:
    return httpx.Timeout(
        connect=config.connect_timeout,
        read=config.read_timeout,
        write=config.read_timeout,
        pool=config.total_timeout,
    )


# --- the request --------------------------------------------------------------------------


def media_type(header: str | None) -> tuple[str | None, str | None]:
    """(media type lower-cased, charset) from a Content-Type header value."""
    if not header:
        return None, None
    message = Message()
    message["content-type"] = header
    charset = message.get_content_charset()
    return message.get_content_type(), charset


def _acceptable(content_type: str | None) -> bool:
    if content_type is None:
        return True  # sniffed later
    return (
        content_type.startswith("text/")
        or content_type in _TEXT_TYPES
        or content_type.endswith("+xml")
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    config: FetchConfig,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """GET `url` safely; a 304 answer to a conditional request gives `not_modified=True`.

    Raises FetchError (message "<url>: <reason>") for refused destinations, HTTP errors,
    timeouts, oversized bodies, unsupported content types and redirect problems.
    """
    headers = {
        "User-Agent": config.user_agent,
        "Accept": _ACCEPT,
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    visited = {url}
    chain: list[str] = []
    try:
        async with asyncio.timeout(config.total_timeout):
            while True:
                result = await _one_hop(client, current, config, headers)
                if isinstance(result, FetchResult):
                    return replace(result, redirects=tuple(chain)) if chain else result
                chain.append(redact_url(current))
                if result in visited:
                    loop = " → ".join([*chain, redact_url(result)])
                    raise FetchError(url, f"redirect loop: {loop}")
                if len(chain) > config.max_redirects:
                    raise FetchError(url, f"too many redirects (more than {config.max_redirects})")
                visited.add(result)
                current = result
    except TimeoutError:
        raise FetchError(current, f"no complete answer within {config.total_timeout:g} s") from None


async def _one_hop(
    client: httpx.AsyncClient, url: str, config: FetchConfig, headers: dict[str, str]
) -> FetchResult | str:
    """Fetch one URL; return the result, or the next URL when it redirects."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(url, f"invalid URL ({exc})") from None
    await _check_destination(parsed, config, raw=url)
    try:
        request = client.build_request("GET", parsed, headers=headers, timeout=_timeout(config))
        response = await client.send(request, stream=True, follow_redirects=False)
    except httpx.ConnectTimeout:
        raise FetchError(url, f"could not connect within {config.connect_timeout:g} s") from None
    except httpx.ReadTimeout:
        raise FetchError(url, f"no answer within {config.read_timeout:g} s") from None
    except httpx.TimeoutException:
        raise FetchError(url, "timed out") from None
    except httpx.ConnectError as exc:
        raise FetchError(url, f"connection failed: {exc}") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(url, f"request failed: {exc}") from None
    try:
        return await _read_response(response, url, config, headers)
    finally:
        await response.aclose()


async def _read_response(
    response: httpx.Response, url: str, config: FetchConfig, headers: dict[str, str]
) -> FetchResult | str:
    status = response.status_code
    if status in _REDIRECT_STATUSES:
        location = response.headers.get("location")
        if not location:
            raise FetchError(url, f"HTTP {status} redirect without a Location header")
        return urljoin(url, location.strip())
    if status == 304:
        # Servers may omit the validators on a 304: keep the ones we sent.
        return FetchResult(
            url=url,
            status=status,
            content=b"",
            not_modified=True,
            etag=response.headers.get("etag") or headers.get("If-None-Match"),
            last_modified=response.headers.get("last-modified") or headers.get("If-Modified-Since"),
        )
    if not 200 <= status < 300:
        reason = response.reason_phrase or ""
        raise FetchError(url, f"HTTP {status} {reason}".rstrip(), status=status)
    content_type, charset = media_type(response.headers.get("content-type"))
    if not _acceptable(content_type):
        raise FetchError(
            url, f"unsupported content type {content_type} (expected HTML, XML or text)"
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > config.max_bytes:
        raise FetchError(url, f"larger than {config.max_bytes} bytes ({declared} announced)")
    body = bytearray()
    try:
        decoder = BoundedDecoder(response.headers.get("content-encoding"), config.max_bytes)
        async for chunk in response.aiter_raw():
            body += decoder.feed(chunk)
        body += decoder.flush()
    except TooLarge:
        raise FetchError(url, f"larger than {config.max_bytes} bytes") from None
    except EncodingError as exc:
        raise FetchError(url, str(exc)) from None
    except httpx.ReadTimeout:
        raise FetchError(url, f"no data for {config.read_timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"reading the body failed: {exc}") from None
    return FetchResult(
        url=url,
        status=status,
        content=bytes(body),
        content_type=content_type,
        charset=charset,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
