"""A loopback HTTP server for tests that keeps client hang-ups out of the test output.

Tests hang up on slow and oversized answers on purpose. The standard server then prints a
traceback to ``sys.stderr`` from its handler thread, possibly seconds later, while another
test's ``CliRunner`` has redirected ``sys.stderr``; that traceback then lands in the other
test's CLI output.
"""

from __future__ import annotations

from http.server import ThreadingHTTPServer


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass
