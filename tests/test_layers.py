"""The package's stages import one way, and only ooxml/ touches raw WordprocessingML."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "briefing"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(source_root: Path) -> subprocess.CompletedProcess:
    """import-linter's contracts of pyproject.toml, checked on the package found in `source_root`."""
    env = {**os.environ, "PYTHONPATH": str(source_root)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_stages_import_one_way():
    result = lint_imports(REPO / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Stages import one way KEPT" in result.stdout


def test_the_contract_fails_on_an_import_against_the_direction(tmp_path):
    copy = tmp_path / "briefing"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("templates", "__pycache__"))
    loader = copy / "content" / "loader.py"
    loader.write_text(loader.read_text(encoding="utf-8") + "\nfrom briefing.build import cache  # noqa\n",
                      encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "Stages import one way BROKEN" in result.stdout
    assert "briefing.content.loader -> briefing.build.cache" in result.stdout


def _raw_xml_uses(path: Path) -> list[str]:
    """Imports of an XML builder and WordprocessingML names written as strings in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module + "." + alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            modules = []
        found += [m for m in modules if m.startswith(("lxml.etree", "docx.oxml", "lxml.builder"))]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if "<w:" in text or "wordprocessingml" in text or (text.startswith("w:") and text[2:3].isalpha()):
                found.append(repr(text))
    return found


def test_only_ooxml_builds_raw_wordprocessingml():
    ooxml = PACKAGE / "render" / "docx" / "ooxml"
    modules = [p for p in PACKAGE.rglob("*.py") if ooxml not in p.parents and "templates" not in p.parts]
    assert len(modules) > 30
    offenders = {str(p.relative_to(PACKAGE)): uses for p in modules if (uses := _raw_xml_uses(p))}
    assert offenders == {}
    assert _raw_xml_uses(ooxml / "elements.py"), "the scan must recognise the XML that ooxml/ does build"


def test_every_stage_says_what_it_takes_and_gives():
    folders = {p.parent for p in PACKAGE.rglob("*.py") if "templates" not in p.parts}
    assert {PACKAGE / name for name in ("content", "view", "check", "render", "build", "authoring")} <= folders
    for folder in folders:
        init = folder / "__init__.py"
        assert init.is_file(), f"{folder} is not a package (a namespace package is not tracked as one)"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init} has no docstring"
