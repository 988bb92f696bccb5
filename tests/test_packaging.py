"""The project installs as the ecosystem expects: a wheel named and laid out as `factwatch`,
migrations inside it, every dependency declared, working end to end outside the repository.

The wheel test builds the wheel, installs it into a fresh virtual environment (PyTorch first,
as the README says), and runs `init`, `ingest seeds/` and `run --once` from an empty folder:
an undeclared dependency or a file looked up beside the source tree fails here, not on a
newsroom's server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _package_folders() -> dict[str, Path]:
    """Installed package name -> repository folder, for every folder holding Python code or
    templates (alembic/ has no __init__.py and digest/templates/ no Python: both are shipped
    as namespace packages all the same)."""
    out: dict[str, Path] = {}
    for name, folder in SETUPTOOLS["package-dir"].items():
        root = ROOT / folder
        for source in (*root.rglob("*.py"), *root.rglob("*.j2")):
            if "__pycache__" in source.parts:
                continue
            rel = source.parent.relative_to(root)
            dotted = ".".join((name, *rel.parts)) if rel.parts else name
            out.setdefault(dotted, source.parent)
    return out


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(SETUPTOOLS["packages"])
    folders = _package_folders()
    missing = sorted(set(folders) - listed)
    assert not missing, f"package folders missing from pyproject's packages list: {missing}"
    stale = sorted(listed - set(folders))
    assert not stale, f"pyproject lists packages that have no folder: {stale}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", str(ROOT), "-w", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    log = proc.stdout + proc.stderr
    assert "DeprecationWarning" not in log, "the build metadata raises deprecation warnings"
    assert "would be ignored" not in log, "a folder with package data is not a listed package"
    (path,) = out.glob("factwatch-*.whl")
    return path


def test_wheel_installs_only_the_projects_own_import_name(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert top == {"factwatch"}
    assert "factwatch/migrations/env.py" in names
    assert "factwatch/migrations/script.py.mako" in names
    versions = [n for n in names if n.startswith("factwatch/migrations/versions/")]
    shipped = {p.name for p in (ROOT / "alembic" / "versions").glob("*.py")}
    assert shipped and shipped <= {Path(n).name for n in versions}
    templates = {p.name for p in (ROOT / "bot" / "digest" / "templates").glob("*.j2")}
    shipped_templates = {Path(n).name for n in names if n.startswith("factwatch/digest/templates/")}
    assert templates and templates <= shipped_templates, "digest templates are not shipped"


@pytest.mark.slow
def test_built_wheel_works_end_to_end_in_a_fresh_environment(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"

    def pip(*args: str) -> None:
        proc = subprocess.run(
            [str(py), "-m", "pip", "install", "-q", *args], capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr[-3000:]

    pip(next(ln for ln in (ROOT / "constraints.txt").read_text().split() if ln.startswith("torch")))
    pip("-c", str(ROOT / "constraints.txt"), str(wheel))

    work = tmp_path / "newsroom"  # outside the repository: nothing found beside the source
    shutil.copytree(ROOT / "seeds", work / "seeds")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTWATCH_")}
    env["FACTWATCH_DATABASE_URL"] = f"sqlite:///{work / 'factwatch.db'}"
    cli = env_dir / "bin" / "factwatch"

    def run(*args: str) -> str:
        proc = subprocess.run(
            [str(cli), *args], cwd=work, env=env, capture_output=True, text=True, timeout=900
        )
        assert proc.returncode == 0, f"factwatch {' '.join(args)}: {proc.stderr[-3000:]}"
        return proc.stdout + proc.stderr  # `run` reports through the log, on stderr

    assert "Database ready" in run("init")
    assert "Added 4 articles" in run("ingest", "seeds/")
    assert "Polled" in run("run", "--once")
    conflicts = run("conflicts")
    assert "currency_conversion" in conflicts and "380 bn CNY" in conflicts
    assert "1 conflict" in run("digest", "preview", "--out", "digest.html")
    assert "Alibaba" in (work / "digest.html").read_text(encoding="utf-8")
    version = subprocess.run(
        [str(py), "-W", "error", "-m", "factwatch", "--version"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert version.returncode == 0 and "factwatch" in version.stdout
