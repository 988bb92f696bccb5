"""Result types shared by the source readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from factwatch.ingest.models import ArticleInput

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class SourceProblem:
    """Something that went wrong with one source, feed entry or file.

    `message` is meant for the operator: it names the URL or file and says what happened
    ("notes/empty.txt: empty file, skipped"). `error` means nothing was ingested from it;
    `warning` means something was ingested, or skipping was harmless.
    """

    source: str
    message: str
    level: Level = "error"


@dataclass
class CollectResult:
    articles: list[ArticleInput] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
