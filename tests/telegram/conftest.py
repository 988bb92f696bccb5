"""Fixtures for the Telegram tests: the fake Bot API, real databases, conflict rows, a
controllable clock, and dev-corpus pages ingested for real."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from factwatch.app import Factwatch
from factwatch.config import Settings, TelegramSettings
from factwatch.store.db import Database
from factwatch.store.models import Chat, Conflict, Fact, Story, Subscription
from factwatch.store.repository import utcnow, vector_to_bytes
from factwatch.telegram.app import build_application
from factwatch.telegram.limits import ChatLimits
from tests.telegram.fake_bot_api import FakeBotAPI

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "corpus" / "dev"
ADMIN = 4242


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    database = Database(db_url)
    database.upgrade()
    yield database
    database.dispose()


def settings_for(api: FakeBotAPI, db: Database, admins: tuple[int, ...] = (ADMIN,)) -> Settings:
    return Settings(
        database_url=db.url,
        telegram=TelegramSettings(token=api.token, api_url=api.base_url, admins=frozenset(admins)),
    )


@pytest.fixture(scope="session")
def embedder():
    from factwatch.ingest.embed import load_embedder

    return load_embedder()


class FakeClock:
    """Database time (`now`), monotonic time and sleep that only move when told (or when
    something sleeps), so retry and pacing tests never wait for real."""

    def __init__(self) -> None:
        self.wall = utcnow()
        self.mono = 1000.0
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


def unit(*values: float, dim: int = 8) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[: len(values)] = values
    return v / np.linalg.norm(v)


@dataclass
class Made:
    story_id: int
    fact_id: int
    conflict_id: int


def make_conflict(
    db: Database,
    *,
    verdict: str = "genuine",
    label: str = "Hengchuan breaks ground on battery plant",
    entities: list | None = None,
    centroid: np.ndarray | None = None,
    story_id: int | None = None,
    version: int = 1,
    url: str = "https://news.example/a",
) -> Made:
    """A story (unless given), a fact and a conflict on it, as reconciliation writes them."""
    now = utcnow()
    with db.session() as s:
        if story_id is None:
            story = Story(
                label=label,
                first_seen=now,
                last_seen=now,
                n_articles=2,
                langs="de,zh",
                centroid=vector_to_bytes(centroid if centroid is not None else unit(1.0)),
                entities=entities if entities is not None else [["hengchuan", 2], ["sines", 1]],
                figures=[],
                created_at=now,
                updated_at=now,
            )
            s.add(story)
            s.flush()
            story_id = story.id
        fact = Fact(
            story_id=story_id,
            kind="count",
            label="count 4,500 jobs — “the plant will create …”",
            value=4500.0,
            unit="jobs",
            n_claims=2,
            n_sources=2,
            status=verdict,
            updated_at=now,
        )
        s.add(fact)
        s.flush()
        readings = [
            {
                "value": 4500.0,
                "unit": "jobs",
                "qualifier": None,
                "date_value": None,
                "claim_ids": [1],
                "sources": [
                    {
                        "outlet": "Le Courrier <Éco>",
                        "published": "2025-01-21",
                        "url": url,
                        "article_id": 1,
                    }
                ],
            },
            {
                "value": 3500.0,
                "unit": "jobs",
                "qualifier": "about",
                "date_value": None,
                "claim_ids": [2],
                "sources": [
                    {
                        "outlet": "Main & Kurier",
                        "published": "2025-08-26",
                        "url": url + "?x=1&y=2",
                        "article_id": 2,
                    }
                ],
            },
        ]
        conflict = Conflict(
            fact_id=fact.id,
            story_id=story_id,
            kind="count",
            verdict=verdict,
            summary="count 4,500 jobs: outlets disagree — 4,500 jobs vs about 3,500 jobs.",
            claim_ids=[1, 2],
            details={"readings": readings},
            version=version,
            detected_at=now,
            updated_at=now,
        )
        s.add(conflict)
        s.flush()
        return Made(story_id, fact.id, conflict.id)


def add_chat(db: Database, chat_id: int, *, paused: bool = False) -> None:
    now = utcnow()
    with db.session() as s:
        s.add(
            Chat(id=chat_id, title=f"chat {chat_id}", paused=paused, created_at=now, updated_at=now)
        )


def subscribe(
    db: Database,
    chat_id: int,
    kind: str,
    *,
    story_id: int | None = None,
    topic: str | None = None,
    vector: np.ndarray | None = None,
) -> int:
    with db.session() as s:
        if s.get(Chat, chat_id) is None:
            s.add(Chat(id=chat_id, paused=False, created_at=utcnow(), updated_at=utcnow()))
            s.flush()
        sub = Subscription(
            chat_id=chat_id,
            kind=kind,
            story_id=story_id,
            topic=topic,
            topic_embedding=vector_to_bytes(vector) if vector is not None else None,
            created_at=utcnow(),
        )
        s.add(sub)
        s.flush()
        return sub.id


def conflicts_by_id(db: Database, ids: list[int]) -> list[Conflict]:
    with db.session() as s:
        return [s.get(Conflict, i) for i in ids]


class Chatting:
    """A real Application; each `say` queues a user message on the fake server, fetches it
    with getUpdates and processes it to the end, then returns the bot's answers."""

    def __init__(self, api: FakeBotAPI, db, embedder, limits: ChatLimits | None = None) -> None:
        self.api = api
        self.app = build_application(
            Factwatch(settings_for(api, db), db), embedder, limits=limits or ChatLimits.unlimited()
        )
        self.offset = 0

    async def __aenter__(self) -> Chatting:
        await self.app.initialize()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.app.shutdown()

    async def say(self, chat_id: int, text: str, *, answered: bool = True, **kw) -> str:
        before = len(self.api.messages_to(chat_id))
        self.api.say(chat_id, text, **kw)
        for update in await self.app.bot.get_updates(offset=self.offset, timeout=0):
            self.offset = update.update_id + 1
            await self.app.process_update(update)
        answers = self.api.messages_to(chat_id)[before:]
        assert bool(answers) == answered, f"answer to {text!r}: {answers}"
        return "\n".join(m.plain for m in answers)


# ---------------------------------------------------------------- dev corpus pages

S1_DE, S1_ZH, S1_FR, S1_ES, S1_EN = "555fa3ac", "dbadaea5", "27587cb5", "248fa285", "579d827f"
OLIVE_ES = "51c8dc7a"


def dev_folder(tmp_path: Path, ids: list[str]) -> Path:
    """A folder of dev-corpus pages with a manifest (language, date, outlet from truth.json)."""
    if not DEV.exists():
        pytest.skip(f"the dev corpus is not at {DEV}")
    truth = json.loads((DEV / "truth.json").read_text(encoding="utf-8"))
    meta = {a["id"]: a for a in truth["articles"]}
    folder = tmp_path / f"dev-{'-'.join(ids)}"
    folder.mkdir()
    entries = []
    for i in ids:
        shutil.copy(DEV / "pages" / f"{i}.html", folder / f"{i}.html")
        a = meta[i]
        entries.append(
            {
                "file": f"{i}.html",
                "lang": a["lang"],
                "published": a["published"],
                "outlet": a["outlet"],
                "url": a["url"],
            }
        )
    (folder / "manifest.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")
    return folder


def ingest_pages(db: Database, embedder, tmp_path: Path, ids: list[str]):
    """Ingest dev-corpus pages through the real sources and pipeline."""
    from factwatch.ingest.pipeline import Pipeline
    from factwatch.ingest.sources import FetchConfig, collect_sync

    result = collect_sync([str(dev_folder(tmp_path, ids))], FetchConfig())
    assert result.articles, result.problems
    return Pipeline(db, embedder).ingest(result.articles)
