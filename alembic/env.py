"""Alembic environment: runs migrations against the URL factwatch passes in.

`store.db.upgrade()` sets `sqlalchemy.url` on the Config (or hands over a live connection in
`config.attributes["connection"]`), so the URL never has to live in alembic.ini.
"""

from __future__ import annotations

import os

from sqlalchemy import create_engine, pool

from alembic import context
from factwatch.store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return (
        config.get_main_option("sqlalchemy.url")
        or os.environ.get("FACTWATCH_DATABASE_URL")
        or "sqlite:///factwatch.db"
    )


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
