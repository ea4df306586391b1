"""The package as a new office gets it: the built wheel in a fresh venv, and `briefing check` as a pre-commit hook.

These tests are slow (about a minute: a wheel, a virtual environment, an install) and run in CI. The wheels
of the dependencies are fetched once per session into a wheelhouse (pip's cache makes that quick); the
installs then read only the wheelhouse (`--no-index`), like an office network without PyPI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import IN_CI, REPO, edit, need_tool

pytestmark = pytest.mark.install
FOUR_FILES = {f"first-memo.{lang}.{fmt}" for lang in ("ja", "en") for fmt in ("pdf", "docx")}


def run(*args: str | Path, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    """The wheel built from this repository, with the wheels of its dependencies and of setuptools."""
    house = tmp_path_factory.mktemp("wheelhouse")
    result = run(sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", house, REPO, "setuptools>=68",
                 cwd=house)
    if result.returncode != 0:
        message = f"cannot fetch the dependencies' wheels (no network?): {result.stderr[-800:]}"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    return house


def offline(house: Path, **extra: str) -> dict:
    """The environment for pip to install from the wheelhouse only."""
    return {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(house), **extra}


def test_wheel_holds_every_template_file(wheelhouse):
    wheel = next(wheelhouse.glob("briefing-*.whl"))
    packaged = {name.removeprefix("briefing/templates/") for name in zipfile.ZipFile(wheel).namelist()
                if name.startswith("briefing/templates/")}
    templates = {p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    assert packaged == templates
    for folder in ("fonts/", "new/", "strings/", "init/content/"):
        assert any(name.startswith(folder) for name in packaged), folder


def test_wheel_in_a_fresh_venv_inits_builds_and_checks(wheelhouse, tmp_path):
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    install = run(bin_dir / "python", "-m", "pip", "install", "-q", "briefing", cwd=tmp_path, env=offline(wheelhouse))
    assert install.returncode == 0, install.stderr
    office = tmp_path / "office"
    office.mkdir()
    briefing = bin_dir / "briefing"
    where = run(bin_dir / "python", "-c", "import briefing; print(briefing.__file__)", cwd=office)
    assert Path(where.stdout.strip()).is_relative_to(venv), "the wheel's copy, not this repository's"

    init = run(briefing, "init", "--office", "test-office", cwd=office)
    assert init.returncode == 0, init.stderr
    build = run(briefing, "build", cwd=office)
    assert build.returncode == 0, build.stderr
    assert {p.name for p in (office / "build").glob("first-memo.*")} == FOUR_FILES
    assert all((office / "build" / name).stat().st_size > 5000 for name in FOUR_FILES)
    check = run(briefing, "check", "--strict", cwd=office)
    assert check.returncode == 0, check.stdout + check.stderr


def test_pre_commit_hook_fails_on_a_memo_with_an_error(wheelhouse, tmp_path):
    git = need_tool("git")
    try:
        import pre_commit  # noqa: F401  (the test extra installs it)
    except ImportError:
        pytest.fail("pre-commit is required under CI=true") if IN_CI else pytest.skip("pre-commit not installed")
    office = tmp_path / "office"
    office.mkdir()
    assert run(sys.executable, "-m", "briefing", "init", "--office", "test-office", cwd=office).returncode == 0
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.org"}
    env = offline(wheelhouse, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), **identity)
    for command in (("init", "-q"), ("add", "-A")):
        assert run(git, *command, cwd=office, env=env).returncode == 0

    def hook() -> subprocess.CompletedProcess:
        return run(sys.executable, "-m", "pre_commit", "try-repo", REPO, "briefing-check", "--all-files",
                   cwd=office, env=env)

    clean = hook()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "briefing check" in clean.stdout and "Passed" in clean.stdout
    edit(office / "content" / "first-memo.yaml", "issuer: test-office", "issuer: nobody")
    assert run(git, "add", "-A", cwd=office, env=env).returncode == 0
    broken = hook()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout and "unknown organization 'nobody'" in broken.stdout
    shutil.rmtree(tmp_path / "pre-commit-home", ignore_errors=True)
