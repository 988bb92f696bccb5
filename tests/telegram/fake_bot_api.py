"""A fake Telegram Bot API speaking real HTTP on 127.0.0.1, for python-telegram-bot to talk to.

It answers what PTB calls (getMe, getUpdates with long polling, deleteWebhook,
setMyCommands, sendMessage, close, ...), queues updates the tests write (`say`: a user typing
`/subscribe battery plant`), records every delivered sendMessage, and checks each message the
way Telegram would: HTML with only Telegram's tags, balanced, at most 4096 characters after
parsing. Faults can be scheduled for sendMessage: 429 with retry_after, 500, 403, 400, or a
hang (the request is neither answered nor delivered until released). For crash tests,
`predelay` keeps every sendMessage in flight before delivering it (a client that disconnects
meanwhile, e.g. killed, aborts it: nothing is delivered; `math.inf` holds it until then), and
`delay` answers late after delivering (the at-least-once window of any Bot API client).

Usable in-process (`FakeBotAPI()` as a context manager) or as a subprocess:
`python tests/telegram/fake_bot_api.py --port 0 --token T --log FILE` writes one JSON line
per delivered message to FILE and reads updates to queue from FILE.in (one JSON object per
line: {"chat_id", "text"}).
"""

from __future__ import annotations

import argparse
import html.parser
import json
import re
import select
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

DEFAULT_TOKEN = "123456789:AAFakeTokenForTestsOnly_xyz"
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "span",
    "tg-spoiler",
    "tg-emoji",
    "blockquote",
}


@dataclass
class Sent:
    """A message the fake delivered."""

    chat_id: int
    text: str
    parse_mode: str | None
    message_id: int
    plain: str


@dataclass
class Fault:
    kind: str  # "429", "500", "403", "400", "hang"
    chat_id: int | None = None
    times: int = 1
    retry_after: int = 1
    description: str | None = None


@dataclass
class _Hang:
    release: threading.Event = field(default_factory=threading.Event)


class TelegramHTMLError(ValueError):
    pass


class _Checker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise TelegramHTMLError(f'Unsupported start tag "{tag}"')
        if tag == "a" and not dict(attrs).get("href"):
            raise TelegramHTMLError("a tag without href")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHTMLError(f'Unexpected end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


_BAD_LT = re.compile(r"<(?!/?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?>)")
_BAD_AMP = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)")


def check_html(text: str) -> str:
    """The text Telegram would show, or TelegramHTMLError as Telegram would refuse it."""
    if _BAD_LT.search(text):
        raise TelegramHTMLError("Unsupported start tag (unescaped <)")
    if _BAD_AMP.search(text):
        raise TelegramHTMLError("unescaped &")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise TelegramHTMLError(
            f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"'
        )
    return "".join(checker.text)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Server(ThreadingHTTPServer):
    # Many sends at once (tests with a fake clock do not wait) must queue, not be reset.
    request_queue_size = 256


class FakeBotAPI:
    """The server. `base_url` is what FACTWATCH_TELEGRAM_API_URL takes."""

    def __init__(self, token: str = DEFAULT_TOKEN, port: int = 0) -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]) if token.split(":")[0].isdigit() else 1,
            "is_bot": True,
            "first_name": "factwatch",
            "username": "factwatch_test_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self._cond = threading.Condition()
        self._updates: list[dict] = []
        self._next_update = 1
        self._titles: dict[int, str] = {}
        self._next_message = 1000
        self.sent: list[Sent] = []
        self.calls: list[tuple[str, dict]] = []
        self.refused: list[tuple[int, str, str]] = []  # chat, kind, description
        self.faults: list[Fault] = []
        self.delay = 0.0
        self.predelay = 0.0
        self.in_flight = 0
        self.aborted = 0
        self._local = threading.local()
        self._hangs: list[_Hang] = []
        self.on_sent: Callable[[Sent], None] | None = None
        self._server = _Server(("127.0.0.1", port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------------- lifecycle

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeBotAPI:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release_hangs()
        with self._cond:
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---------------------------------------------------------------- test controls

    def say(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        title: str | None = None,
    ) -> int:
        """Queue a message from a user, as Telegram would deliver it to getUpdates."""
        chat_type = chat_type or ("private" if chat_id > 0 else "group")
        user_id = user_id if user_id is not None else abs(chat_id)
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = f"User{user_id}"
        else:
            title = title or self._titles.get(chat_id) or f"Group {chat_id}"
            self._titles[chat_id] = chat["title"] = title
        message: dict[str, Any] = {
            "message_id": self._new_message_id(),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
            "text": text,
        }
        if text.startswith("/"):
            first = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(first)}]
        with self._cond:
            update_id = self._next_update
            self._next_update += 1
            self._updates.append({"update_id": update_id, "message": message})
            self._cond.notify_all()
        return update_id

    def add_fault(
        self, kind: str, *, chat_id: int | None = None, times: int = 1, **kw: Any
    ) -> None:
        with self._cond:
            self.faults.append(Fault(kind, chat_id=chat_id, times=times, **kw))

    def release_hangs(self) -> None:
        with self._cond:
            hangs, self._hangs = self._hangs, []
        for h in hangs:
            h.release.set()

    def messages_to(self, chat_id: int) -> list[Sent]:
        with self._cond:
            return [m for m in self.sent if m.chat_id == chat_id]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
        """Block until `predicate()` (checked whenever something happens) or the timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.2))
        return True

    def method_calls(self, method: str) -> list[dict]:
        with self._cond:
            return [p for m, p in self.calls if m == method]

    # ---------------------------------------------------------------- API

    def _new_message_id(self) -> int:
        with self._cond:
            self._next_message += 1
            return self._next_message

    def _take_fault(self, chat_id: int) -> Fault | None:
        with self._cond:
            for f in self.faults:
                if f.times > 0 and (f.chat_id is None or f.chat_id == chat_id):
                    f.times -= 1
                    return f
        return None

    def call(self, method: str, params: dict) -> tuple[int, dict]:
        with self._cond:
            self.calls.append((method, params))
            self._cond.notify_all()
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        return handler(params)

    def _m_getme(self, params: dict) -> tuple[int, dict]:
        return 200, {"ok": True, "result": self.bot_user}

    def _true(self, params: dict) -> tuple[int, dict]:
        return 200, {"ok": True, "result": True}

    _m_deletewebhook = _m_setmycommands = _m_deletemycommands = _m_close = _m_logout = _true

    def _m_getupdates(self, params: dict) -> tuple[int, dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 1.0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._cond.wait(deadline - time.monotonic())
            result = self._updates[:limit]
        return 200, {"ok": True, "result": result}

    def _m_sendmessage(self, params: dict) -> tuple[int, dict]:
        chat_id = int(params["chat_id"])
        text = str(params.get("text", ""))
        fault = self._take_fault(chat_id)
        if fault is not None:
            status, body = self._fault_answer(fault, chat_id)
            if status:
                return status, body
        if self.predelay and not self._wait_in_flight():
            return -1, {}
        parse_mode = params.get("parse_mode")
        try:
            plain = check_html(text) if parse_mode == "HTML" else text
        except TelegramHTMLError as exc:
            return self._refuse(chat_id, "400", f"Bad Request: can't parse entities: {exc}")
        if not plain.strip():
            return self._refuse(chat_id, "400", "Bad Request: message text is empty")
        if utf16_len(plain) > 4096:
            return self._refuse(chat_id, "400", "Bad Request: message is too long")
        message_id = self._new_message_id()
        sent = Sent(chat_id, text, parse_mode, message_id, plain)
        with self._cond:
            self.sent.append(sent)
            self._cond.notify_all()
        if self.on_sent is not None:
            self.on_sent(sent)
        if self.delay:
            time.sleep(self.delay)  # delivered, answered late: a crash now is the risky window
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        if chat_id <= 0:
            chat["title"] = f"Group {chat_id}"
        return 200, {
            "ok": True,
            "result": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": chat,
                "text": plain,
            },
        }

    def _wait_in_flight(self) -> bool:
        """Hold the request `predelay` seconds; False if its client went away meanwhile.

        `predelay` is read on every tick, so a test can raise it to `math.inf` while requests
        wait: they are then held until their client disconnects (killed), never delivered.
        """
        alive = getattr(self._local, "alive", None)
        start = time.monotonic()
        with self._cond:
            self.in_flight += 1
            self._cond.notify_all()
        try:
            while True:
                time.sleep(0.05)
                # checked once more at the deadline: a client killed in the last moments
                # of the wait must not get its message delivered
                if alive is not None and not alive():
                    with self._cond:
                        self.aborted += 1
                        self._cond.notify_all()
                    return False
                if time.monotonic() - start >= self.predelay:
                    return True
        finally:
            with self._cond:
                self.in_flight -= 1
                self._cond.notify_all()

    def _refuse(self, chat_id: int, kind: str, description: str) -> tuple[int, dict]:
        with self._cond:
            self.refused.append((chat_id, kind, description))
            self._cond.notify_all()
        return int(kind), {"ok": False, "error_code": int(kind), "description": description}

    def _fault_answer(self, fault: Fault, chat_id: int) -> tuple[int, dict]:
        if fault.kind == "429":
            with self._cond:
                self.refused.append((chat_id, "429", "Too Many Requests"))
            return 429, {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {fault.retry_after}",
                "parameters": {"retry_after": fault.retry_after},
            }
        if fault.kind == "500":
            return self._refuse(chat_id, "500", "Internal Server Error")
        if fault.kind == "403":
            return self._refuse(chat_id, "403", "Forbidden: bot was blocked by the user")
        if fault.kind == "400":
            return self._refuse(chat_id, "400", fault.description or "Bad Request: chat not found")
        if fault.kind == "hang":
            hang = _Hang()
            with self._cond:
                self._hangs.append(hang)
                self.refused.append((chat_id, "hang", "no answer"))
                self._cond.notify_all()
            hang.release.wait(60)
            return -1, {}  # close the connection without an answer: nothing delivered
        raise ValueError(f"unknown fault {fault.kind}")

    # ---------------------------------------------------------------- HTTP

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _params(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
                if ctype == "application/json" and raw:
                    return json.loads(raw)
                if ctype == "multipart/form-data":
                    return _parse_multipart(raw, self.headers.get("Content-Type") or "")
                return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))

            def _handle(self) -> None:
                path = self.path.split("?", 1)[0]
                m = re.fullmatch(r"/bot([^/]+)/(\w+)", path)
                params = self._params()
                if m is None:
                    return self._send(
                        404, {"ok": False, "error_code": 404, "description": "Not Found"}
                    )
                if m.group(1) != api.token:
                    return self._send(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                api._local.alive = lambda: _connected(self.connection)
                status, body = api.call(m.group(2), params)
                if status < 0:
                    self.close_connection = True
                    return None
                return self._send(status, body)

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_POST = _handle
            do_GET = _handle

        return Handler


def _connected(sock: socket.socket) -> bool:
    """Whether the client is still there (a closed peer reads as end of file)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return not readable or sock.recv(1, socket.MSG_PEEK) != b""
    except OSError:
        return False


def _error(code: int, description: str) -> dict:
    return {"ok": False, "error_code": code, "description": description}


def _parse_multipart(raw: bytes, content_type: str) -> dict:
    from email.parser import BytesParser
    from email.policy import HTTP

    msg = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
    )
    out = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            out[name] = part.get_content() if part.get_content_maintype() == "text" else ""
    return out


def main() -> int:
    """Run as a process: deliveries appended as JSON lines to --log; updates to queue read
    from --log + '.in' (polled); faults from --faults JSON; --delay slows every sendMessage."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--token", default=DEFAULT_TOKEN)
    ap.add_argument("--log", required=True)
    ap.add_argument("--delay", type=float, default=0.0)
    args = ap.parse_args()
    log_path = Path(args.log)
    inbox = Path(args.log + ".in")
    api = FakeBotAPI(args.token, args.port)
    api.delay = args.delay
    lock = threading.Lock()

    def record(sent: Sent) -> None:
        with lock, log_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"chat_id": sent.chat_id, "text": sent.plain}) + "\n")
            fh.flush()

    api.on_sent = record
    api.start()
    print(api.port, flush=True)
    seen = 0
    try:
        while True:
            if inbox.exists():
                lines = inbox.read_text(encoding="utf-8").splitlines()
                for line in lines[seen:]:
                    if line.strip():
                        item = json.loads(line)
                        if "delay" in item:
                            api.delay = float(item["delay"])
                        elif "predelay" in item:
                            api.predelay = float(item["predelay"])
                        else:
                            api.say(int(item["chat_id"]), item["text"])
                seen = len(lines)
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    finally:
        api.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
