"""The deployment files run commands that exist, and the image ships every source folder.

No container engine or systemd runs in the test environment; what can drift without one is
checked: every command line the unit and the image run is accepted by the real CLI, and the
Dockerfile copies every folder pyproject packages (a new top-level folder would otherwise
install an image missing a package).
"""

from __future__ import annotations

import configparser
import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT / "deploy" / "factwatch.service"
DOCKERFILE = ROOT / "Dockerfile"


def _unit_commands() -> list[list[str]]:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(UNIT)
    service = unit["Service"]
    assert service["User"] != "root", "the service must not run as root"
    return [shlex.split(service[key]) for key in ("ExecStartPre", "ExecStart")]


def _docker_commands() -> list[list[str]]:
    cmd = re.search(r"^CMD (\[.*\])$", DOCKERFILE.read_text(), re.M)
    assert cmd, "the Dockerfile has no exec-form CMD"
    script = json.loads(cmd.group(1))[-1]
    return [shlex.split(part.removeprefix("exec ")) for part in script.split(" && ")]


@pytest.mark.parametrize("argv", _unit_commands() + _docker_commands(), ids=" ".join)
def test_deployed_command_lines_are_accepted_by_the_cli(argv):
    assert Path(argv[0]).name == "factwatch"
    proc = subprocess.run(
        [sys.executable, "-m", "factwatch", *argv[1:], "--help"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_image_copies_every_packaged_folder_and_runs_unprivileged():
    text = DOCKERFILE.read_text()
    package_dir = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"
    ]
    copied = set(re.findall(r"^COPY (\S+) \./\1$", text, re.M))
    assert set(package_dir.values()) <= copied
    assert "torch==2.13.0" in text
    users = re.findall(r"^USER (\S+)$", text, re.M)
    assert users and users[-1] != "root"
