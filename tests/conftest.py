"""Shared fixtures: a private copy of the repository's workspace, and the examples built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"
EXAMPLES = ("pko-symposium-2025", "khare-visit-2025")


def need_tool(name: str) -> str:
    """Path of an external tool; skip without it locally, fail without it in CI."""
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is required under CI=true; .ci/run installs it")
        pytest.skip(f"{name} not installed")
    return found


def copy_workspace(target: Path) -> Path:
    """A workspace at `target` holding the repository's content/ and templates/."""
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "templates", target / "templates")
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in the file at `path`, as a person editing it would."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return copy_workspace(tmp_path / "ws")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m briefing ARGS` in `cwd`, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The build/ folder after building both examples in every language and format."""
    root = copy_workspace(tmp_path_factory.mktemp("built"))
    result = run_cli("build", "--format", "pdf", "--format", "html", "--format", "docx", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"
