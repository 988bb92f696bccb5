"""A real SMTP server on 127.0.0.1 for the digest tests (aiosmtpd), with faults on demand.

`Inbox` records every accepted message and can refuse a recipient for good (5xx), refuse one
for a while (4xx), drop the connection in the middle of DATA, or require a login. TLS (implicit
or STARTTLS) uses a self-signed certificate made with the `openssl` command.
"""

from __future__ import annotations

import contextlib
import email
import shutil
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Inbox:
    """The handler: what the server accepted and the faults it should play."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> "550 ..." at RCPT
    tempfail: dict[str, int] = field(default_factory=dict)  # address -> 451 this many times
    drop_data: int = 0  # close the connection at DATA this many times
    data_calls: int = 0
    logins: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            if address in self.refuse:
                return self.refuse[address]
            if self.tempfail.get(address, 0) > 0:
                self.tempfail[address] -= 1
                return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_calls += 1
            if self.drop_data > 0:
                self.drop_data -= 1
                server.transport.close()  # the client sees the connection go away
                return "421 4.3.2 closing"
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 2.0.0 queued"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


class Authenticator:
    def __init__(self, user: str, password: str, inbox: Inbox) -> None:
        self.user, self.password, self.inbox = user, password, inbox

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            ok = (
                auth_data.login.decode() == self.user
                and auth_data.password.decode() == self.password
            )
            if ok:
                self.inbox.logins.append(self.user)
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


class SmtpServer:
    """aiosmtpd on 127.0.0.1 in a background thread; a context manager.

    security: "none", "starttls" (STARTTLS required before MAIL) or "tls" (implicit TLS).
    """

    def __init__(
        self,
        inbox: Inbox | None = None,
        security: str = "none",
        cert: tuple[Path, Path] | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        self.inbox = inbox or Inbox()
        self.port = free_port()
        kwargs: dict = {}
        if security != "none":
            assert cert is not None
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(str(cert[0]), str(cert[1]))
            if security == "tls":
                kwargs["ssl_context"] = ctx
            else:
                kwargs["tls_context"] = ctx
                kwargs["require_starttls"] = True
        if login:
            kwargs["authenticator"] = Authenticator(login[0], login[1], self.inbox)
            kwargs["auth_required"] = True
            kwargs["auth_require_tls"] = security != "none"
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


class DroppingServer:
    """Accepts TCP connections and closes them at once: an SMTP server that hangs up."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def __enter__(self) -> DroppingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def self_signed_cert(folder: Path) -> tuple[Path, Path] | None:
    """(cert.pem, key.pem) for 127.0.0.1 made with `openssl`, or None without it."""
    if shutil.which("openssl") is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class CuttingProxy:
    """A TCP proxy to an SMTP server that goes down for good at the `cut_at`-th MAIL FROM:
    it closes every connection and stops listening, so reconnecting is refused."""

    def __init__(self, target_port: int, cut_at: int) -> None:
        self.target_port = target_port
        self.cut_at = cut_at
        self.mail_commands = 0
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._cut = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, from_client: bool) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                return
            if not data:
                return
            if from_client and data.upper().startswith(b"MAIL FROM"):
                with self._lock:
                    self.mail_commands += 1
                    cut = self.mail_commands >= self.cut_at
                if cut:
                    self.cut()
                    return
            try:
                dst.sendall(data)
            except OSError:
                return

    def cut(self) -> None:
        self._cut.set()
        with self._lock:
            for s in [self.listener, *self._sockets]:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def __enter__(self) -> CuttingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if not self._cut.is_set():
            self.cut()
