"""Where SQL lives: only store/ imports SQLAlchemy, and store/ takes nothing from the pipeline
but its value types (factwatch.ingest.models). Read from the source, so it holds however the
package is installed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# cli.py's `sql` command reports SQLAlchemy's errors for the read-only query runner.
SQL_ALLOWED = {"bot/cli.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["bot", "ingest"])
def test_sqlalchemy_only_in_the_store(folder):
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules(folder)
        if str(p.relative_to(ROOT)) not in SQL_ALLOWED
        and any(m == "sqlalchemy" or m.startswith("sqlalchemy.") for m in _imports(p))
    ]
    assert offenders == []


def test_the_store_takes_only_value_types_from_the_pipeline():
    taken = {
        (str(p.relative_to(ROOT)), m)
        for p in _modules("store")
        for m in _imports(p)
        if m.startswith("factwatch.") and not m.startswith("factwatch.store")
    }
    assert {m for _, m in taken} <= {"factwatch.ingest.models"}, sorted(taken)
