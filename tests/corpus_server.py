"""Serve an evaluation corpus folder on a free 127.0.0.1 port (tests and bench scripts).

The corpus' feed and pages name `127.0.0.1:8765`; other tests may hold that port, so this
server listens on a port of its own and rewrites that address in what it serves.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from tests.quiet_http import QuietHTTPServer

CORPUS_HOST = b"127.0.0.1:8765"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, host: bytes, **kwargs) -> None:
        self._host = host
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes().replace(CORPUS_HOST, self._host)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


class CorpusServer:
    """A corpus served in a background thread; `feed_url` is where its feed is."""

    def __init__(self, folder: Path) -> None:
        self.server = QuietHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
        port = self.server.server_address[1]
        self.server.RequestHandlerClass = functools.partial(  # type: ignore[assignment]
            _Handler, directory=str(folder), host=f"127.0.0.1:{port}".encode()
        )
        self.port = port
        self.feed_url = f"http://127.0.0.1:{port}/feed.xml"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> CorpusServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> CorpusServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
