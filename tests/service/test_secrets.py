"""Secrets never reach the output: the bot token and the SMTP password appear in no log
line, warning, error or traceback at any verbosity. A failing `run --once -vv` against a Bot
API that answers a non-JSON page echoing the request path (which holds the token) and an SMTP
server refusing the login; and the redacting filter itself on real logging handlers."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from factwatch import logs
from factwatch.app import Factwatch
from factwatch.cli import main
from factwatch.config import Settings, SmtpSettings, TelegramSettings
from tests.digest.smtp_server import Inbox, SmtpServer
from tests.quiet_http import QuietHTTPServer

FACTWATCH = str(Path(sys.executable).with_name("factwatch"))
TOKEN = "918273645:AAHsecretTokenForTheSecretsTest_q7"
SMTP_PASSWORD = "smtp-Pa55-c0rrect-horse"
DEADLINE = 300.0


BOT_USER = {"id": 7, "is_bot": True, "first_name": "factwatch", "username": "factwatch_bot"}


class _EchoingBotAPI(BaseHTTPRequestHandler):
    """A Bot API behind a broken proxy: every request gets an HTML page echoing its path,
    except the methods in `working` (getMe, deleteWebhook), which answer as Telegram does."""

    protocol_version = "HTTP/1.1"
    paths: list[str]
    working: frozenset[str] = frozenset()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _echo(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.paths.append(self.path)
        method = self.path.rsplit("/", 1)[-1].split("?")[0]
        if method in self.working:
            result = BOT_USER if method == "getMe" else True
            body = json.dumps({"ok": True, "result": result}).encode()
            ctype = "application/json"
        else:
            body = f"<html><body>502 Bad Gateway: no upstream for {self.path}</body></html>"
            body, ctype = body.encode(), "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _echo
    do_POST = _echo


@contextlib.contextmanager
def _echoing_api(working: frozenset[str] = frozenset()) -> Iterator[tuple[str, list[str]]]:
    paths: list[str] = []
    handler = type("Handler", (_EchoingBotAPI,), {"paths": paths, "working": working})
    httpd = QuietHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/bot", paths
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def echoing_api() -> Iterator[tuple[str, list[str]]]:
    with _echoing_api() as api:
        yield api


def _cli(db_url: str, *args: str) -> None:
    result = CliRunner().invoke(main, ["--db", db_url, *args])
    assert result.exit_code == 0, result.output


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_failing_run_at_debug_level_shows_neither_token_nor_password(
    tmp_path, feed_server, echoing_api
):
    api_url, paths = echoing_api
    db_url = f"sqlite:///{tmp_path / 'factwatch.db'}"
    _cli(db_url, "init")
    _cli(db_url, "feeds", "add", "--allow-private", feed_server.url("missing.xml"))
    _cli(db_url, "digest", "subscribe", "reader@example.org", "--hour", "0")
    with SmtpServer(Inbox(), login=("digest", "the-right-password")) as smtp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
        env |= {
            "FACTWATCH_DATABASE_URL": db_url,
            "FACTWATCH_TELEGRAM_TOKEN": TOKEN,
            "FACTWATCH_TELEGRAM_API_URL": api_url,
            "FACTWATCH_SMTP_HOST": "127.0.0.1",
            "FACTWATCH_SMTP_PORT": str(smtp.port),
            "FACTWATCH_SMTP_SECURITY": "none",
            "FACTWATCH_SMTP_USER": "digest",
            "FACTWATCH_SMTP_PASSWORD": SMTP_PASSWORD,
            "FACTWATCH_MAIL_FROM": "digest@example.org",
        }
        result = subprocess.run(
            [FACTWATCH, "-vv", "run", "--once"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=DEADLINE,
        )  # fmt: skip
    out = result.stdout + result.stderr
    # The run really went through the leaks: the token was in the path the API echoed...
    assert any(TOKEN in p for p in paths), paths
    assert 'Can not load invalid JSON data: "<html><body>502 Bad Gateway: no upstream for ' in out
    assert "/bot***/getMe" in out
    assert "Traceback (most recent call last)" in out  # PTB logs the decoding error's
    assert "DEBUG " in out
    # ...and nothing shows a secret.
    assert TOKEN not in out
    assert SMTP_PASSWORD not in out
    # Cron notices: exit 1, one line per failure (and the digest was still tried).
    assert result.returncode == 1, out
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert failed[0] == (
        f"failed: feed 1 {feed_server.url('missing.xml')}: HTTP 404 from "
        f"{feed_server.url('missing.xml')}"
    ) or failed[0].startswith(f"failed: feed 1 {feed_server.url('missing.xml')}: "), failed
    assert "HTTP 404" in failed[0]
    assert failed[1].startswith("failed: the Telegram bot cannot start (Bot API at 127.0.0.1:")
    assert failed[1].endswith("TelegramError: Invalid server response")
    assert failed[2].startswith(
        f"failed: digests: SMTP server 127.0.0.1:{smtp.port} refused the login of 'digest'"
    )
    assert len(failed) == 3, failed


def test_run_once_exits_1_when_one_feed_of_two_failed(tmp_path, feed_server):
    from tests.service.conftest import Doc, rss

    db_url = f"sqlite:///{tmp_path / 'factwatch.db'}"
    _cli(db_url, "init")
    empty = feed_server.put("empty.xml", Doc(rss(feed_server.base, [])))
    _cli(db_url, "feeds", "add", "--allow-private", empty)
    _cli(db_url, "feeds", "add", "--allow-private", feed_server.url("gone.xml"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
    result = subprocess.run(
        [FACTWATCH, "--db", db_url, "run", "--once"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=DEADLINE,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Polled 2 feeds (1 failed)" in result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 1 and failed[0].startswith(
        f"failed: feed 2 {feed_server.url('gone.xml')}: "
    )


# ------------------------------------------------------------------ the filter itself


class _Leaky:
    """An argument whose text is made only when the record is formatted."""

    def __str__(self) -> str:
        return f"https://api.example/bot{TOKEN}/getUpdates"


def test_the_core_redacts_message_late_args_traceback_and_stack_on_root_handlers(tmp_path):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        Factwatch(
            Settings(
                database_url=f"postgresql+psycopg://fw:{SMTP_PASSWORD}x@127.0.0.1:1/x",
                telegram=TelegramSettings(token=TOKEN),
                smtp=SmtpSettings(host="127.0.0.1", password=SMTP_PASSWORD),
            )
        )
        assert any(isinstance(f, logs.RedactingFilter) for f in handler.filters)
        log = logging.getLogger("telegram.ext.ExtBot.deep.child")
        log.error("request to %s failed", _Leaky())
        log.error("token %(token)s", {"token": TOKEN})
        log.error("login with %r", SMTP_PASSWORD)
        log.error("encoded %s", TOKEN.replace(":", "%3A"))
        try:
            raise RuntimeError(f"POST /bot{TOKEN}/sendMessage: {SMTP_PASSWORD}")
        except RuntimeError:
            log.exception("while sending")
            log.error("again, with the stack", exc_info=True, stack_info=True)
        logging.getLogger("py.warnings").warning("deprecated: %s", TOKEN)
    finally:
        root.removeHandler(handler)
    text = stream.getvalue()
    assert "request to https://api.example/bot***/getUpdates failed" in text
    assert "RuntimeError: POST /bot***/sendMessage: ***" in text
    assert "Stack (most recent call last)" in text
    assert text.count("ERROR") == 6
    assert TOKEN not in text
    assert TOKEN.replace(":", "%3A") not in text
    assert SMTP_PASSWORD not in text


def test_uncaught_exceptions_are_printed_redacted_in_the_main_and_other_threads(tmp_path):
    code = f"""
import threading
import time
from factwatch import logs
logs.configure(0)
logs.protect([{TOKEN!r}])
def fail():
    raise RuntimeError("thread sent /bot{TOKEN}/getMe")
thread = threading.Thread(target=fail)
thread.start()
thread.join()
raise RuntimeError("main sent /bot{TOKEN}/getMe")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 1
    assert "RuntimeError: thread sent /bot***/getMe" in result.stderr
    assert "RuntimeError: main sent /bot***/getMe" in result.stderr
    assert TOKEN not in result.stderr


@pytest.mark.slow
def test_the_running_bot_at_debug_level_never_shows_the_token(tmp_path):
    """`run -vv` with the bot: getMe works, then every call (setMyCommands, getUpdates in
    the polling loop, which logs each failure with its traceback) gets the echoing page."""
    db_url = f"sqlite:///{tmp_path / 'factwatch.db'}"
    _cli(db_url, "init")
    log = tmp_path / "run.log"
    with _echoing_api(frozenset({"getMe", "deleteWebhook"})) as (api_url, paths):
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
        env |= {
            "FACTWATCH_DATABASE_URL": db_url,
            "FACTWATCH_TELEGRAM_TOKEN": TOKEN,
            "FACTWATCH_TELEGRAM_API_URL": api_url,
        }
        with log.open("w") as out:
            proc = subprocess.Popen(
                [FACTWATCH, "-vv", "run", "--poll-every", "1"],
                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
            )  # fmt: skip
            try:
                end = time.monotonic() + DEADLINE
                while time.monotonic() < end and proc.poll() is None:
                    polled = sum("getUpdates" in p for p in paths)
                    if polled >= 2 and "Stop with" in log.read_text():
                        break
                    time.sleep(0.1)
                assert proc.poll() is None, log.read_text()
                proc.send_signal(signal.SIGTERM)
                assert proc.wait(timeout=DEADLINE) == 0, log.read_text()
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert any(TOKEN in p and p.endswith("/getUpdates") for p in paths), paths
    assert "Telegram bot on" in text
    assert "no upstream for /bot***/getUpdates" in text
    assert "Traceback (most recent call last)" in text
    assert "DEBUG telegram" in text
    assert TOKEN not in text
