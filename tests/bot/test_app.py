"""The application core: built from settings, its database ready on first use."""

from __future__ import annotations

import pytest

from factwatch.app import Factwatch
from factwatch.config import ConfigError, Settings
from factwatch.store.db import is_initialised
from factwatch.store.feeds import list_feeds


def test_ready_db_creates_the_schema_once_and_says_so(tmp_path):
    said: list[str] = []
    app = Factwatch(Settings(database_url=f"sqlite:///{tmp_path / 'f.db'}"), announce=said.append)
    try:
        assert not is_initialised(app.db.engine)
        db = app.ready_db()
        assert is_initialised(db.engine)
        assert app.ready_db() is db
        assert said == [f"Initialising sqlite:///{tmp_path / 'f.db'}"]
        assert list_feeds(db) == []
    finally:
        app.close()


def test_from_env_reads_the_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTWATCH_SMTP_PORT", "25")
    app = Factwatch.from_env(str(tmp_path / "x.db"))
    assert app.settings.database_url == f"sqlite:///{tmp_path / 'x.db'}"
    assert app.settings.smtp.port == 25
    monkeypatch.setenv("FACTWATCH_SMTP_PORT", "smtp")
    with pytest.raises(ConfigError, match="FACTWATCH_SMTP_PORT"):
        Factwatch.from_env()
