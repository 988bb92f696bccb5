"""Every tuned number of the story and fact stages, in one typed place.

Each parameter is a field of a frozen dataclass declared with `tuned(...)`, which records
why the number exists, the evidence that set it (a corpus or a measurement) and the test
that guards it. `tests/test_params.py` refuses a parameter without them, and
`docs/parameters.md` is generated from them (`python -m factwatch.ingest.params --write`).

All of them can be passed in: `Params(stories=StoryParams(high_similarity=0.72))` goes to
`analyse`/`reconcile` like any other value, which is what tuning and leave-one-corpus-out
evaluation need. `DEFAULT` is what the application uses.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Provenance:
    """Why a tuned number exists, what set it, and which test fails if it drifts."""

    why: str
    evidence: str
    test: str  # "tests/path/test_file.py::test_name"


def tuned(default: Any, *, why: str, evidence: str, test: str) -> Any:
    """A dataclass field holding a tuned number and its provenance."""
    return field(
        default=default,
        metadata={"provenance": Provenance(why=why, evidence=evidence, test=test)},
    )


def provenance(f: dataclasses.Field[Any]) -> Provenance | None:
    return f.metadata.get("provenance")


# --- stories: joining an article to a story ------------------------------------------------


@dataclass(frozen=True)
class StoryParams:
    """Thresholds of the story stage (cosines of L2-normalised headline+lead embeddings)."""


# --- facts: grouping claims into facts -----------------------------------------------------


@dataclass(frozen=True)
class FactParams:
    """Thresholds of the fact stage (clause cosines, bonuses and penalties, blocks)."""


# --- verdicts: comparing values within a fact ----------------------------------------------


@dataclass(frozen=True)
class VerdictParams:
    """Tolerances used when two values of one fact are compared and explained."""


# --- all of them ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    stories: StoryParams = field(default_factory=StoryParams)
    facts: FactParams = field(default_factory=FactParams)
    verdicts: VerdictParams = field(default_factory=VerdictParams)


DEFAULT = Params()

SECTIONS: tuple[tuple[str, type], ...] = (
    ("stories", StoryParams),
    ("facts", FactParams),
    ("verdicts", VerdictParams),
)


def markdown() -> str:
    """The parameters page: every tuned number, its default, why, evidence and guard."""
    out = [
        "# Parameters",
        "",
        "Generated from `ingest/params.py` by `python -m factwatch.ingest.params --write`;",
        "do not edit by hand. Each number can be passed in through `Params`.",
        "",
    ]
    for name, cls in SECTIONS:
        out += [f"## {name} (`{cls.__name__}`)", "", (cls.__doc__ or "").strip(), ""]
        out += ["| parameter | default | why | evidence | guarded by |", "|---|---|---|---|---|"]
        for f in dataclasses.fields(cls):
            p = provenance(f)
            cells = [f"`{f.name}`", f"`{f.default!r}`"]
            cells += [p.why, p.evidence, f"`{p.test}`"] if p else ["", "", ""]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)


DOC_PATH = Path("docs/parameters.md")


def main(argv: list[str]) -> int:
    text = markdown()
    if "--write" in argv:
        DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
        DOC_PATH.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
