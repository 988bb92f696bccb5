"""Shared fixtures: real databases (SQLite file and PostgreSQL on 127.0.0.1:5432)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_ADMIN_URL = os.environ.get(
    "FACTWATCH_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)


def _pg_available() -> bool:
    try:
        eng = create_engine(PG_ADMIN_URL)
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_admin_available() -> bool:
    return _pg_available()


def _new_pg_database() -> tuple[str, str]:
    name = f"fw_test_{uuid.uuid4().hex[:10]}"
    eng = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def _drop_pg_database(name: str) -> None:
    eng = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    eng.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    """An empty database URL, on SQLite and on PostgreSQL (with its own editors' role, which
    `factwatch init` creates: roles are global to the server)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'factwatch.db'}"
        return
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432")
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    name, url = _new_pg_database()
    role = f"fw_editor_{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("FACTWATCH_EDITOR_ROLE", role)
    try:
        yield url
    finally:
        _drop_pg_database(name)
        eng = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with eng.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        eng.dispose()
