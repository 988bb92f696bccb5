"""read_local on real folders: good files come through, each bad one is reported by name."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from factwatch.ingest.sources import read_local
from tests.sources.conftest import GOOD_PAGE, SHARED

LATIN1_TEXT = (
    "Hausse des prix du café à Genève\n\n"
    "Le prix moyen d’un expresso a augmenté de 8 % en un an dans les cafés genevois, "
    "selon une étude publiée mardi. Les cafetiers évoquent la flambée du cours de l'arabica "
    "et la hausse des loyers. À Zürich, la tasse coûte désormais 4,90 francs en moyenne.\n"
).replace("’", "'")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_text(
        "Port traffic hits record\n\nThe port handled 1.2 million containers in 2024.\n"
        "A second line of the same paragraph.\n\nVolumes rose 7% on the year.\n",
        encoding="utf-8",
    )
    (root / "sub" / "story.md").write_text(
        "# Rail strike called off\n\nUnions **cancelled** the [strike](https://x.example) "
        "planned for 12 March after pay talks.\n",
        encoding="utf-8",
    )
    (root / "page.html").write_text(GOOD_PAGE, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_bytes(b"  \n\n\t\n")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (root / "image.png").write_bytes(b"\x89PNG\r\n")
    (root / ".hidden.txt").write_text("not read", encoding="utf-8")
    manifest = {
        "articles": [
            {
                "file": "good.txt",
                "lang": "en",
                "published": "2025-01-15",
                "outlet": "Port Weekly",
                "url": "https://portweekly.example/record",
            },
            {"file": "sub/story.md", "lang": "en-GB", "published": "2025-03-10T18:00:00+00:00"},
            {"file": "page.html", "title": "Manifest title wins", "published": "2025-05-07"},
            {"file": "missing.txt", "lang": "fr"},
        ]
    }
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


def test_folder_good_files_come_through_bad_ones_are_named(folder: Path):
    articles, problems = read_local(folder)
    names = [article.url.rsplit("/", 1)[-1] for article in articles]
    assert names == ["record", "latin1.txt", "page.html", "story.md"]
    messages = {problem.message: problem.level for problem in problems}
    assert messages.pop("binary.txt: binary file, skipped") == "error"
    assert messages.pop("empty.txt: empty file, skipped") == "warning"
    assert messages.pop("blank.md: empty file, skipped") == "warning"
    assert messages.pop("manifest.json: lists missing.txt, which does not exist") == "warning"
    ((message, level),) = messages.items()
    assert message.startswith("latin1.txt: not UTF-8; decoded as ")
    assert level == "warning"
    assert all(problem.source == str(folder) for problem in problems)


def test_manifest_metadata_and_text_layout(folder: Path):
    articles, _ = read_local(folder, source="notes/")
    good, latin1, page, story = articles
    assert good.url == "https://portweekly.example/record"
    assert good.title == "Port traffic hits record"
    assert good.text == (
        "Port traffic hits record\n\nThe port handled 1.2 million containers in 2024.\n"
        "A second line of the same paragraph.\n\nVolumes rose 7% on the year."
    )
    assert (good.lang, good.outlet, good.source) == ("en", "Port Weekly", "notes/")
    assert good.published == datetime(2025, 1, 15, tzinfo=UTC)

    assert latin1.url == (folder / "latin1.txt").resolve().as_uri()
    assert latin1.title == "Hausse des prix du café à Genève"
    assert "À Zürich, la tasse coûte désormais 4,90 francs" in latin1.text
    assert latin1.lang == "fr"  # detected: no manifest entry
    assert latin1.published is None

    assert page.title == "Manifest title wins"
    assert page.published == datetime(2025, 5, 7, tzinfo=UTC)
    assert page.outlet == "Testshire Gazette"
    assert "640 partners" not in page.text and "The harbour at Testport" in page.text

    assert story.title == "Rail strike called off"
    assert story.text == (
        "Rail strike called off\n\nUnions cancelled the strike planned for 12 March after "
        "pay talks."
    )
    assert story.lang == "en"
    assert story.published == datetime(2025, 3, 10, 18, tzinfo=UTC)


def test_single_file_uses_its_folder_manifest(folder: Path):
    articles, problems = read_local(folder / "good.txt")
    assert problems == []
    (article,) = articles
    assert article.lang == "en" and article.outlet == "Port Weekly"


def test_single_bad_file(folder: Path):
    articles, problems = read_local(folder / "binary.txt", source="binary.txt")
    assert articles == []
    assert [(p.message, p.level) for p in problems] == [
        ("binary.txt: binary file, skipped", "error")
    ]


def test_missing_path_and_unsupported_file(folder: Path):
    _, problems = read_local(folder / "nope", source="notes/nope")
    assert [(p.message, p.level) for p in problems] == [
        ("notes/nope: no such file or folder", "error")
    ]
    _, problems = read_local(folder / "image.png", source="image.png")
    assert problems[0].message.startswith("image.png: unsupported file type")


def test_seed_folder():
    articles, problems = read_local(SHARED / "seeds")
    assert problems == []
    assert [a.url.rsplit("/", 1)[-1] for a in articles] == [
        "alibaba-50-milliards.txt",
        "alibaba-agi-qwen3.txt",
        "alibaba-forge-ia.txt",
        "apsara-2025-strategie.txt",
    ]
    assert {a.lang for a in articles} == {"fr"}
    by_name = {a.url.rsplit("/", 1)[-1]: a for a in articles}
    forge = by_name["alibaba-forge-ia.txt"]
    assert forge.title == "Alibaba: Forge de l'Avenir IA Chinois"
    assert forge.published == datetime(2025, 3, 10, tzinfo=UTC)
    assert forge.text.startswith("Alibaba: Forge de l'Avenir IA Chinois\n\n")
    assert all("\n\n\n" not in a.text for a in articles)
