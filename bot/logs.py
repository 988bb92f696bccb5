"""Logging setup and secret redaction, for every front end.

The bot token is part of every Bot API URL, and a library may echo it anywhere: in a message,
in an argument formatted only when the record is written, in an exception text. So secrets
are removed where every record ends up, not where it starts: `protect(secrets)` installs one
`RedactingFilter` on each handler of the root logger, which replaces every secret by `***` in
the record's formatted message, its traceback and its stack. On the command line
(`configure`), warnings are logged through the same handlers and uncaught exceptions (which
Python prints without logging) go through redacting hooks.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

__all__ = ["MASK", "RedactingFilter", "configure", "protect", "redact"]

MASK = "***"
NOISY = ("httpx", "httpcore", "trafilatura", "htmldate", "sentence_transformers")
"""Loggers kept at WARNING whatever the verbosity: they log every request or page at INFO."""

_secrets: frozenset[str] = frozenset()
_lock = threading.Lock()


def _variants(secret: str) -> set[str]:
    """The secret as it may appear: raw, and percent-encoded as in a URL or a form."""
    return {secret, quote(secret, safe=""), quote(secret), quote_plus(secret)}


def redact(text: str) -> str:
    """`text` with every registered secret replaced by `***` (longest first)."""
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class RedactingFilter(logging.Filter):
    """Removes the registered secrets from a record before any formatter writes it.

    The message is formatted here (`msg % args`) and frozen, so an argument whose text
    contains a secret is cleaned too; the traceback (`exc_text`, which formatters reuse)
    and the stack are formatted and cleaned as well.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not _secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let the handler report it, cleaned
            message = f"{record.msg!s} {record.args!s}"
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = RedactingFilter()


def protect(secrets: Iterable[str | None]) -> None:
    """Never log these secrets: register them, and make sure every handler of the root
    logger carries the redacting filter."""
    global _secrets
    new = {v for s in secrets if s for v in _variants(s)}
    with _lock:
        _secrets = _secrets | new
    for handler in logging.getLogger().handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


def configure(verbose: int) -> None:
    """The command line's logging: WARNING, INFO with -v, DEBUG with -vv, on stderr."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    # Warnings (a library's deprecation notice...) go through the handlers and their filter.
    logging.captureWarnings(True)
    protect(())
    # An uncaught exception is printed by Python itself, not logged: the hooks still print
    # it (or a test runner's hooks record it), with the secrets redacted from what they write.
    if not isinstance(sys.excepthook, _RedactingHook):
        sys.excepthook = _RedactingHook(sys.excepthook)
    if not isinstance(threading.excepthook, _RedactingHook):
        threading.excepthook = _RedactingHook(threading.excepthook)


class _RedactingStderr:
    """sys.stderr, redacted, while a hook prints a traceback."""

    def __init__(self, target) -> None:
        self.target = target

    def write(self, text: str) -> int:
        return self.target.write(redact(text))

    def __getattr__(self, name: str):
        return getattr(self.target, name)


class _RedactingHook:
    """Wraps sys.excepthook or threading.excepthook: the hook runs as before, but what it
    writes to stderr is redacted."""

    def __init__(self, previous) -> None:
        self.previous = previous

    def __call__(self, *args) -> None:
        stderr = sys.stderr
        if not _secrets or stderr is None:
            return self.previous(*args)
        sys.stderr = _RedactingStderr(stderr)
        try:
            return self.previous(*args)
        finally:
            sys.stderr = stderr
