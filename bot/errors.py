"""Errors the user can act on: what the command line shows as one line, without traceback.

A command raises `UserError` (or lets a database error through); the command group turns
it into `Error: <one line>` and exit status 1, with the traceback only under `-v`.
"""

from __future__ import annotations

from factwatch.store.db import open_error

__all__ = ["DatabaseMissing", "UserError", "user_message"]


class UserError(Exception):
    """An error whose message says what to fix."""


class DatabaseMissing(UserError):
    """A command that only reads was pointed at a SQLite file that does not exist."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"cannot open the database file {path}: it does not exist — check --db or "
            f"FACTWATCH_DATABASE_URL, or create it with `factwatch --db {path} init`"
        )


def user_message(exc: BaseException, database_url: str | None) -> str | None:
    """The one line to show for `exc`, or None when it is not an error the user can act on
    (a bug: its traceback is shown)."""
    if isinstance(exc, UserError):
        return str(exc)
    if database_url is not None:
        return open_error(exc, database_url)
    return None
