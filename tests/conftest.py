"""Shared fixtures: a private copy of the repository's workspace, and the examples built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from briefing.content.registry import Person

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"
EXAMPLES = ("pko-symposium-2025", "khare-visit-2025")  # the two long examples: tests through LibreOffice use these
EXAMPLE_LANGUAGES = {"pko-symposium-2025": ("ja", "en"), "khare-visit-2025": ("ja", "en"),
                     "mofa-style-readout": ("ja", "en"), "heisei-notice": ("ja",)}  # every example of content/
EVERY_EXAMPLE = [(memo, lang) for memo, langs in EXAMPLE_LANGUAGES.items() for lang in langs]


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


def libreoffice_pdf(source: Path, outdir: Path, env: dict | None = None) -> Path:
    """`source` (a .docx) converted to PDF by LibreOffice with a private profile, as Word files are checked.

    soffice exits 0 even when it converted nothing, so the result itself is checked.
    """
    soffice = need_tool("soffice")
    profile = outdir / f"lo-profile-{uuid.uuid4().hex}"
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir), str(source)], capture_output=True, timeout=180, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / f"{source.stem}.pdf"
    assert pdf.is_file() and pdf.stat().st_mtime >= source.stat().st_mtime, f"LibreOffice did not convert {source}"
    return pdf


def pdf_text(pdf: Path, *options: str) -> str:
    """The text of a PDF as pdftotext gives it (`-layout` keeps the columns of numbered items)."""
    return subprocess.run([need_tool("pdftotext"), *options, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def wait_until(condition, timeout: float = 60.0) -> bool:
    """Poll `condition` until it holds or `timeout` seconds pass (a loaded machine gets time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


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


# A registry person as the examples have him: both scripts, reading, honorific, titles.
FUJII = Person.model_validate({
    "ja": {"family": "藤井", "given": "比早之"}, "kana": {"family": "ふじい", "given": "ひさゆき"},
    "latin": {"family": "Fujii", "given": "Hisayuki"}, "honorific": {"en": "Mr."},
    "title": {"ja": "外務副大臣", "en": "State Minister for Foreign Affairs"},
    "short_title": {"ja": "副大臣", "en": "State Minister"}})
