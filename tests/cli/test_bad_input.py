"""Bad input gets a clear message naming the source; the rest of the run completes.

Real HTTP server on 127.0.0.1 (404, not XML, a page that never answers) and a real folder
with an empty, a binary and a non-UTF-8 file beside a good one.
"""

from __future__ import annotations

import http.server
import json
import threading
import time

import pytest
from click.testing import CliRunner

from factwatch.cli import main
from tests.quiet_http import QuietHTTPServer

pytestmark = pytest.mark.slow

GOOD_TEXT = (
    "Harbor Freight Lines to build 1,200-job terminal in Rotterdam\n\n"
    "Harbor Freight Lines will invest €2.4 billion in a new container terminal in Rotterdam, "
    "creating about 1,200 jobs, the company said on 3 March 2025."
)
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Harbor page</title><link>{base}/page.html</link><guid>{base}/page.html</guid>
<pubDate>Tue, 04 Mar 2025 10:00:00 +0000</pubDate><description>Lead.</description></item>
<item><title>Slow page</title><link>{base}/hang.html</link><guid>{base}/hang.html</guid>
<pubDate>Tue, 04 Mar 2025 11:00:00 +0000</pubDate><description>Stalled lead.</description></item>
</channel></rss>"""
PAGE = """<html><head><title>Rotterdam terminal</title></head><body><article>
<h1>Rotterdam gets a €2.4bn terminal</h1>
<p>Harbor Freight Lines will invest €2.4 billion in a new container terminal in Rotterdam,
the company said. The terminal will create 1,200 jobs and open in 2028.</p>
<p>The port authority said the project was the largest private investment in a decade.</p>
</article></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/missing.xml":
            self.send_error(404, "Not Found")
        elif self.path == "/notxml.xml":
            self._send(b"this is not a feed at all {", "text/plain")
        elif self.path == "/feed.xml":
            self._send(FEED.format(base=base).encode(), "application/rss+xml")
        elif self.path == "/page.html":
            self._send(PAGE.encode(), "text/html; charset=utf-8")
        elif self.path == "/hang.html":
            time.sleep(6)
            self._send(b"<html>late</html>", "text/html")
        else:
            self.send_error(404)

    def _send(self, body: bytes, ctype: str):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    srv = QuietHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "latin1.txt").write_bytes(
        "Zurich: la société investira 120 millions de francs à Genève, a-t-elle annoncé."
        .encode("latin-1")
    )
    return d


def invoke(db, *args):
    return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)


def count(db, view):
    out = invoke(db, "sql", "--format", "json", f"SELECT count(*) AS n FROM {view}").stdout
    return json.loads(out)[0]["n"]


def test_each_bad_source_is_named_and_the_run_completes(db_url, server, folder):
    assert invoke(db_url, "init").exit_code == 0
    sources = [
        str(folder),
        f"{server}/missing.xml",
        f"{server}/notxml.xml",
        f"{server}/feed.xml",
    ]
    result = invoke(db_url, "ingest", "--allow-private", "--timeout", "1", *sources)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "empty.txt" in out and "binary.txt" in out and "latin1.txt" in out
    assert "missing.xml" in out and "404" in out
    assert "notxml.xml" in out
    assert "hang.html" in out
    # good folder file, latin-1 file (decoded), feed page, and the hanging entry's summary
    stored = count(db_url, "v_articles")
    assert stored >= 3
    claims = count(db_url, "v_claims")
    assert claims > 0

    again = invoke(db_url, "ingest", "--allow-private", "--timeout", "1", *sources)
    assert again.exit_code == 0, again.output
    assert "Added 0 articles" in again.output
    assert count(db_url, "v_articles") == stored
    assert count(db_url, "v_claims") == claims


def test_private_addresses_are_refused_without_the_flag(db_url, server):
    invoke(db_url, "init")
    result = invoke(db_url, "ingest", f"{server}/feed.xml")
    assert "--allow-private" in result.output
    assert count(db_url, "v_articles") == 0
