"""SMTP for the digest: one connection, and the outcomes `send_due_digests` tells apart.

`Transient` (4xx, a dropped connection, a timeout; `Unreachable`: no connection at all) is
tried again later; `Refused` (5xx for this recipient or message) is reported, not retried;
`ServerProblem` (TLS, login, sender) needs the operator. Every message names the server and
the setting to check, never the password.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from email.message import EmailMessage

from factwatch.config import SmtpSettings


class SmtpFailure(Exception):
    """Base of the SMTP outcomes `send_due_digests` tells apart."""


class Transient(SmtpFailure):
    """Try again later: 4xx, dropped connection, timeout."""


class Unreachable(Transient):
    """No connection to the server at all."""


class Refused(SmtpFailure):
    """The server refused this recipient or this message for good (5xx)."""


class ServerProblem(SmtpFailure):
    """The server cannot be used as configured (TLS, login, sender): the operator must act."""


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}"


class SmtpTransport:
    """One SMTP connection, opened on first use and reopened after a drop."""

    def __init__(self, smtp: SmtpSettings, timeout: float = 30.0) -> None:
        self.smtp = smtp
        self.timeout = timeout
        self._conn: smtplib.SMTP | None = None

    @property
    def where(self) -> str:
        return f"{self.smtp.host}:{self.smtp.effective_port}"

    def _tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.smtp.cafile or None)

    def connect(self) -> None:
        self.close()
        host, port = self.smtp.host or "", self.smtp.effective_port
        try:
            if self.smtp.security == "tls":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(
                    host, port, timeout=self.timeout, context=self._tls_context()
                )
            else:
                conn = smtplib.SMTP(host, port, timeout=self.timeout)
        except ssl.SSLError as exc:
            raise ServerProblem(self._tls_message(exc)) from None
        except smtplib.SMTPConnectError as exc:  # the greeting was not 220 (e.g. 421 busy)
            reply = _reply(exc.smtp_code, exc.smtp_error)
            raise Unreachable(
                f"SMTP server {self.where} refused the connection ({reply})"
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise Unreachable(f"cannot reach SMTP server {self.where}: {_os_error(exc)}") from None
        try:
            conn.ehlo()
            if self.smtp.security == "starttls":
                if not conn.has_extn("starttls"):
                    raise ServerProblem(
                        f"SMTP server {self.where} does not offer STARTTLS; set "
                        f"FACTWATCH_SMTP_SECURITY=tls (implicit TLS) or none"
                    )
                conn.starttls(context=self._tls_context())
                conn.ehlo()
            if self.smtp.user:
                conn.login(self.smtp.user, self.smtp.password or "")
        except ServerProblem:
            _close_quietly(conn)
            raise
        except ssl.SSLError as exc:
            _close_quietly(conn)
            raise ServerProblem(self._tls_message(exc)) from None
        except smtplib.SMTPAuthenticationError as exc:
            _close_quietly(conn)
            raise ServerProblem(
                f"SMTP server {self.where} refused the login of {self.smtp.user!r} "
                f"({_reply(exc.smtp_code, exc.smtp_error)}): check FACTWATCH_SMTP_USER and "
                f"FACTWATCH_SMTP_PASSWORD"
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            _close_quietly(conn)
            raise ServerProblem(f"SMTP server {self.where}: {exc}") from None
        except smtplib.SMTPResponseException as exc:
            _close_quietly(conn)
            err = f"SMTP server {self.where} answered {_reply(exc.smtp_code, exc.smtp_error)}"
            if 400 <= exc.smtp_code < 500:
                raise Transient(err) from None
            raise ServerProblem(err) from None
        except (OSError, smtplib.SMTPException) as exc:
            _close_quietly(conn)
            raise Unreachable(
                f"SMTP server {self.where} dropped the connection: {_os_error(exc)}"
            ) from None
        self._conn = conn

    def _tls_message(self, exc: ssl.SSLError) -> str:
        hint = ""
        if isinstance(exc, ssl.SSLCertVerificationError):
            hint = " (for a private CA, point FACTWATCH_SMTP_CAFILE at its certificate)"
        return f"TLS with SMTP server {self.where} failed: {exc.reason or exc}{hint}"

    def send(self, msg: EmailMessage, sender: str, recipient: str) -> None:
        if self._conn is None:
            self.connect()
        assert self._conn is not None
        try:
            self._conn.send_message(msg, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()), (550, b"refused"))
            err = f"recipient refused: {_reply(code, text)}"
            if 400 <= code < 500:
                raise Transient(err) from None
            raise Refused(err) from None
        except smtplib.SMTPSenderRefused as exc:
            err = f"sender {sender} refused: {_reply(exc.smtp_code, exc.smtp_error)}"
            if 400 <= exc.smtp_code < 500:
                raise Transient(err) from None
            raise ServerProblem(err + " (check FACTWATCH_MAIL_FROM)") from None
        except smtplib.SMTPServerDisconnected as exc:
            self._conn = None
            raise Transient(f"SMTP server {self.where} dropped the connection ({exc})") from None
        except smtplib.SMTPResponseException as exc:  # SMTPDataError and the like
            err = f"message refused: {_reply(exc.smtp_code, exc.smtp_error)}"
            if exc.smtp_code == 421 or 400 <= exc.smtp_code < 500:
                self.close()
                raise Transient(err) from None
            raise Refused(err) from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise Transient(f"SMTP server {self.where}: {_os_error(exc)}") from None

    def close(self) -> None:
        if self._conn is not None:
            _close_quietly(self._conn)
            self._conn = None


def _close_quietly(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except Exception:
        with contextlib.suppress(Exception):
            conn.close()


def _os_error(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    return str(exc) or type(exc).__name__
