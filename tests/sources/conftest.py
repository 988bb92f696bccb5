"""A real HTTP server on 127.0.0.1 (ephemeral port) serving the dev corpus and bad cases."""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.quiet_http import QuietHTTPServer

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "corpus" / "dev"
CORPUS_BASE = "http://127.0.0.1:8765/"

GOOD_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour reopens after £12m repair | Testshire Gazette</title>
<meta property="og:site_name" content="Testshire Gazette">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner"><p>We and our 640 partners use cookies to improve your visit.</p></div>
<main><article>
<p class="kicker"><a href="/local">Local</a></p>
<h1>Harbour reopens after £12m repair</h1>
<p class="standfirst">Boats returned to the quay on Monday after 18 months of works.</p>
<div class="byline">By Ann Example</div>
<time datetime="2025-05-06T09:15:00+01:00">6 May 2025, 09:15</time>
<div class="body">
<p>The harbour at Testport reopened to shipping on 5 May after a repair that cost
£12m and took 18 months, the port authority said.</p>
<p>About 240 fishing boats are registered at the port, which handled 1.2m tonnes of
cargo in 2023 before storm damage closed its outer quay.</p>
<ul><li>Work started in November 2023.</li><li>The quay wall was rebuilt over 310 metres.</li></ul>
<p>Local businesses said the closure had cost them trade during two summer seasons.</p>
</div>
<div class="share-bar">Share this article</div>
</article>
<aside class="most-read"><h2>Most read</h2><p>Council tax to rise by 4.99% next year</p></aside>
</main>
<footer><p>&copy; 2025 Testshire Gazette. 12 High Street.</p></footer>
</body></html>
"""


def _fallback_feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Testshire Gazette</title><link>{base}</link><description>Test feed</description>
<language>en-gb</language>
<item><title>Harbour reopens after £12m repair</title><link>{base}good.html</link>
<pubDate>Tue, 06 May 2025 09:15:00 +0100</pubDate>
<description>Boats returned to the quay on Monday.</description></item>
<item><title>Bridge repairs to cost £3.4m</title><link>{base}gone.html</link>
<pubDate>Wed, 07 May 2025 07:00:00 +0100</pubDate>
<description>&lt;p&gt;The council approved &lt;b&gt;£3.4m&lt;/b&gt;
for the bridge.&lt;/p&gt;</description>
</item>
<item><title>An entry without a link</title><description>Nothing to fetch.</description></item>
</channel></rss>
"""


def _many_feed(base: str, count: int) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}delayed/{n}.html</link></item>"
        for n in range(count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>'
        f"<link>{base}</link>{items}</channel></rss>"
    )


@functools.cache
def _bomb() -> bytes:
    """A few KB on the wire, 200 MB once both gzip layers are undone."""
    inner = gzip.compress(b"<p>" + b"a" * 200_000_000 + b"</p>", compresslevel=9)
    return gzip.compress(inner, compresslevel=9)


def _far_dates_feed(base: str) -> str:
    """A feed whose items carry dates no article can have: the year 9999 and year 1."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Far dates</title><link>{base}</link><description>x</description>
<item><title>Harbour reopens after £12m repair</title><link>{base}good.html</link>
<pubDate>Fri, 31 Dec 9999 23:59:59 +0000</pubDate></item>
<item><title>Zero-dated page</title><link>{base}zero-date.html</link>
<pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate></item>
</channel></rss>
"""


@dataclass
class Server:
    base: str
    hits: dict[str, int]
    inflight: dict[str, int]  # "now" and "max" requests being answered under /delayed/

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stop: threading.Event
    lock: threading.Lock
    hits: dict[str, int]
    inflight: dict[str, int]

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        if path.startswith("/dev/"):
            return self._dev(path.removeprefix("/dev/"), base + "dev/")
        if path.startswith("/delayed/"):
            return self._delayed()
        route = getattr(
            self,
            "route_" + path.strip("/").replace("/", "_").replace(".", "_").replace("-", "_"),
            None,
        )
        if route is None:
            return self._send(404, b"not found", "text/plain")
        return route(base)

    def _dev(self, relative: str, dev_base: str) -> None:
        file = (DEV / relative).resolve()
        if DEV.resolve() not in file.parents or not file.is_file():
            return self._send(404, b"not found", "text/plain")
        body = file.read_bytes()
        if file.suffix == ".xml":
            body = body.replace(CORPUS_BASE.encode(), dev_base.encode())
            return self._send(200, body, "application/rss+xml; charset=utf-8")
        return self._send(200, body, "text/html; charset=utf-8")

    def _delayed(self) -> None:
        with self.lock:
            self.inflight["now"] += 1
            self.inflight["max"] = max(self.inflight["max"], self.inflight["now"])
        self.stop.wait(0.1)
        with self.lock:
            self.inflight["now"] -= 1
        self._send(200, GOOD_PAGE.encode(), "text/html; charset=utf-8")

    # --- routes ---------------------------------------------------------------------------
    def route_good_html(self, base: str) -> None:
        self._send(200, GOOD_PAGE.encode(), "text/html; charset=utf-8")

    def route_huge_feed_xml(self, base: str) -> None:
        items = "".join(
            f"<item><title>Item {n}</title><link>{base}good.html?item={n}</link></item>"
            for n in range(10_000)
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>{items}'
        self._send(200, (body + "</channel></rss>").encode(), "application/rss+xml")

    def route_same_page_feed_xml(self, base: str) -> None:
        """One page under four addresses, as aggregators and share buttons rewrite it."""
        upper = base.replace("http://", "HTTP://")
        links = [
            f"{base}good.html?utm_source=rss&amp;utm_medium=feed",
            f"{upper}good.html",
            f"{base}good.html/",
            f"{base}good.html#comments",
        ]
        items = "".join(f"<item><title>Harbour</title><link>{x}</link></item>" for x in links)
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Same</title>{items}'
        self._send(200, (body + "</channel></rss>").encode(), "application/rss+xml")

    def route_many_feed_xml(self, base: str) -> None:
        self._send(200, _many_feed(base, 6).encode(), "application/rss+xml")

    def route_fallback_feed_xml(self, base: str) -> None:
        self._send(200, _fallback_feed(base).encode(), "application/rss+xml")

    def route_missing_feed_xml(self, base: str) -> None:
        self._send(404, b"<h1>Not Found</h1>", "text/html")

    def route_not_xml_xml(self, base: str) -> None:
        self._send(200, b"this is not XML, just words\n", "application/rss+xml")

    def route_html_as_feed_xml(self, base: str) -> None:
        self._send(200, b"<?xml version='1.0'?><note><to>x</to></note>", "application/xml")

    def route_slow_html(self, base: str) -> None:
        self.stop.wait(5)  # longer than the tests' read timeout; ends at teardown
        self._send(200, GOOD_PAGE.encode(), "text/html")

    def route_trickle_html(self, base: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(200):  # one byte every 50 ms never trips a read timeout
            if self.stop.wait(0.05):
                return
            try:
                self.wfile.write(b" ")
                self.wfile.flush()
            except OSError:
                return

    def route_big_html(self, base: str) -> None:
        self._send(200, b"<p>" + b"x" * 200_000 + b"</p>", "text/html")

    def route_big_stream_html(self, base: str) -> None:
        # No Content-Length: the cap must hold while streaming.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
        except OSError:
            pass
        self.close_connection = True

    def route_loop_a(self, base: str) -> None:
        self._send(302, b"", "text/plain", Location="/loop-b")

    def route_loop_b(self, base: str) -> None:
        self._send(302, b"", "text/plain", Location=base + "loop-a")

    def route_hop_1(self, base: str) -> None:
        self._send(301, b"", "text/plain", Location="/hop-2")

    def route_hop_2(self, base: str) -> None:
        self._send(307, b"", "text/plain", Location="/good.html")

    def route_to_file(self, base: str) -> None:
        self._send(302, b"", "text/plain", Location="file:///etc/passwd")

    def route_doc_pdf(self, base: str) -> None:
        self._send(200, b"%PDF-1.4 binary", "application/pdf")

    def route_latin1_html(self, base: str) -> None:
        body = (
            "<html><head><title>Caf\u00e9</title></head><body><article><h1>Caf\u00e9 "
            "cr\u00e8me \u00e0 Z\u00fcrich</h1><p>Le caf\u00e9 co\u00fbte d\u00e9sormais"
            " 5,40 francs, une hausse de 8 % en un an selon les cafetiers z\u00fcrichois."
            "</p></article></body></html>"
        )
        self._send(200, body.encode("latin-1"), "text/html; charset=ISO-8859-1")

    # --- hostile inputs (issue 14) --------------------------------------------------------
    def route_gzip_html(self, base: str) -> None:
        self._send(
            200,
            gzip.compress(GOOD_PAGE.encode()),
            "text/html; charset=utf-8",
            Content_Encoding="gzip",
        )

    def route_bomb_html(self, base: str) -> None:
        # A few KB on the wire, 200 MB once both layers are undone.
        inner = gzip.compress(b"<p>" + b"a" * 200_000_000 + b"</p>", compresslevel=9)
        self._send(
            200, gzip.compress(inner, compresslevel=9), "text/html", Content_Encoding="gzip, gzip"
        )

    def route_brotli_html(self, base: str) -> None:
        self._send(200, b"\x0b\x02\x80hello\x03", "text/html", Content_Encoding="br")

    def route_far_dates_xml(self, base: str) -> None:
        self._send(200, _far_dates_feed(base).encode(), "application/rss+xml")

    def route_zero_date_html(self, base: str) -> None:
        page = GOOD_PAGE.replace(
            '<time datetime="2025-05-06T09:15:00+01:00">',
            '<time datetime="0001-01-01T00:00:00Z">',
        ).replace(
            '<meta charset="utf-8">',
            '<meta charset="utf-8">'
            '<meta property="article:published_time" content="0001-01-01T00:00:00Z">',
        )
        self._send(200, page.encode(), "text/html; charset=utf-8")

    def route_deep_json_ld_html(self, base: str) -> None:
        deep = "[" * 50_000 + "]" * 50_000
        page = GOOD_PAGE.replace(
            "</head>", f'<script type="application/ld+json">{deep}</script></head>'
        )
        self._send(200, page.encode(), "text/html; charset=utf-8")

    def route_etag_xml(self, base: str) -> None:
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, _fallback_feed(base).encode(), "application/rss+xml", ETag='"v1"')


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    stop = threading.Event()
    hits: dict[str, int] = {}
    inflight = {"now": 0, "max": 0}
    handler = type(
        "Handler",
        (_Handler,),
        {
            "stop": stop,
            "lock": threading.Lock(),
            "hits": hits,
            "inflight": inflight,
        },
    )
    httpd = QuietHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}/", hits, inflight)
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
