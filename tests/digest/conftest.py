"""Fixtures for the digest tests: databases with real ingested corpora and SMTP servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factwatch.cli import main
from tests.conftest import SHARED
from tests.corpus_server import CorpusServer
from tests.digest.smtp_server import Inbox, SmtpServer, self_signed_cert

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
DEV_CORPUS = SHARED / "corpus" / "dev"
MAIL_FROM = "factwatch digest <digest@example.org>"


def cli(db_url: str, *args: str, env: dict | None = None, ok: bool = True):
    result = CliRunner().invoke(main, ["--db", db_url, *args], env=env, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def smtp_env(server: SmtpServer | None = None, **extra: str) -> dict[str, str]:
    env = {
        "FACTWATCH_SMTP_HOST": "127.0.0.1",
        "FACTWATCH_SMTP_PORT": str(server.port if server else 1),
        "FACTWATCH_SMTP_SECURITY": "none",
        "FACTWATCH_MAIL_FROM": MAIL_FROM,
        "FACTWATCH_PUBLIC_URL": "https://news.example.org",
        "FACTWATCH_DIGEST_QUIET": "mail",
        "FACTWATCH_SMTP_USER": "",
        "FACTWATCH_SMTP_PASSWORD": "",
        "FACTWATCH_SMTP_CAFILE": "",
    }
    env.update(extra)
    return env


@pytest.fixture
def empty_db(db_url):
    """An initialised database with nothing ingested (SQLite and PostgreSQL)."""
    cli(db_url, "init")
    return db_url


@pytest.fixture
def seeded(db_url):
    """The four seed articles ingested for real (SQLite and PostgreSQL)."""
    cli(db_url, "init")
    out = cli(db_url, "ingest", str(SEEDS)).output
    assert "Added 4 articles" in out
    return db_url


@pytest.fixture(scope="module")
def dev_corpus(tmp_path_factory):
    """../shared/corpus/dev served on 127.0.0.1 and ingested through its feed (SQLite)."""
    if not (DEV_CORPUS / "feed.xml").exists():
        pytest.skip(f"{DEV_CORPUS} is not there")
    url = f"sqlite:///{tmp_path_factory.mktemp('dev') / 'factwatch.db'}"
    with CorpusServer(DEV_CORPUS) as server:
        cli(url, "init")
        out = cli(url, "ingest", "--allow-private", server.feed_url).output
    assert "Added 31 articles" in out, out
    return url


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((DEV_CORPUS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def smtp():
    with SmtpServer(Inbox()) as server:
        yield server


@pytest.fixture(scope="session")
def cert(tmp_path_factory):
    made = self_signed_cert(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    return made
