"""A real HTTP server on 127.0.0.1 for polling tests: feeds built from the dev corpus with
ETag / Last-Modified validators, programmable failures, and a log of every request."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.quiet_http import QuietHTTPServer

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "corpus" / "dev"
CORPUS_BASE = "http://127.0.0.1:8765/"
_ITEM = re.compile(r"<item>.*?</item>", re.S)


def dev_items() -> list[str]:
    """The dev corpus feed's <item> elements, in feed order, with the corpus base URL."""
    return _ITEM.findall((DEV / "feed.xml").read_text(encoding="utf-8"))


def rss(base: str, items: list[str], title: str = "Test feed") -> bytes:
    body = "".join(item.replace(CORPUS_BASE, base) for item in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{title}</title><link>{base}</link><description>t</description>"
        f"{body}</channel></rss>"
    ).encode()


@dataclass
class Doc:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    delay: float = 0.0  # seconds to wait before answering (counted in `inflight`)


@dataclass
class FeedServer:
    base: str
    docs: dict[str, Doc] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    inflight: dict[str, int] = field(default_factory=lambda: {"now": 0, "max": 0})

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def put(self, path: str, doc: Doc) -> str:
        with self.lock:
            self.docs["/" + path.lstrip("/")] = doc
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        """Headers of every request for `path`, oldest first."""
        path = "/" + path.lstrip("/")
        with self.lock:
            return [headers for p, headers in self.requests if p == path]

    def page_hits(self) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if p.startswith("/pages/"))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: FeedServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        state = self.state
        with state.lock:
            state.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            doc = state.docs.get(path)
        if doc is None and path.startswith("/pages/"):
            file = DEV / path.lstrip("/")
            if file.is_file():
                doc = Doc(file.read_bytes(), "text/html; charset=utf-8")
        if doc is None:
            return self._send(404, b"not found", "text/plain")
        if doc.delay:
            with state.lock:
                state.inflight["now"] += 1
                state.inflight["max"] = max(state.inflight["max"], state.inflight["now"])
            time.sleep(doc.delay)
            with state.lock:
                state.inflight["now"] -= 1
        if doc.status != 200:
            return self._send(doc.status, b"<h1>error</h1>", "text/html")
        validators = {}
        if doc.etag:
            validators["ETag"] = doc.etag
        if doc.last_modified:
            validators["Last-Modified"] = doc.last_modified
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (doc.etag and inm == doc.etag) or (
            not inm and doc.last_modified and ims == doc.last_modified
        ):
            return self._send(304, b"", None, **validators)
        return self._send(200, doc.body, doc.content_type, **validators)

    def _send(self, status: int, body: bytes, ctype: str | None, **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)



@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    httpd = QuietHTTPServer(("127.0.0.1", 0), _Handler)
    state = FeedServer(f"http://127.0.0.1:{httpd.server_address[1]}/")
    httpd.RequestHandlerClass = type("Handler", (_Handler,), {"state": state})
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
