"""`briefing init`: a workspace that builds and passes `check --strict` at once, and never overwrites."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from briefing.authoring.init import yaml_scalar
from briefing.content import loader
from briefing.content.workspace import PACKAGE_TEMPLATES

WORKSPACE_FILES = {".gitignore", ".vscode/settings.json", ".vscode/extensions.json", "content/_settings.yaml",
                   "content/_registry/organizations.yaml", "content/_registry/people.yaml",
                   "content/_registry/glossary.yaml", "content/first-memo.yaml", "content/first-memo.lock.yaml",
                   "content/_schema/memo.schema.json"}


def init(*args: str, cwd: Path, answers: str | None = None) -> subprocess.CompletedProcess:
    """`briefing init ARGS` with `answers` on standard input (none: input has ended)."""
    return subprocess.run([sys.executable, "-m", "briefing", "init", *args], cwd=cwd, capture_output=True, text=True,
                          input=answers, stdin=subprocess.DEVNULL if answers is None else None, timeout=120)


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_builds_and_passes_strict_check(tmp_path):
    result = init("--office", "test-office", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files_under(tmp_path) == WORKSPACE_FILES
    assert set(re.findall(r"^  (\S+)$", result.stdout, re.M)) == WORKSPACE_FILES, "it says what it wrote"
    assert result.stdout.rstrip().splitlines()[-1].startswith("next: briefing build")
    registry = loader.load(tmp_path / "content" / "_registry" / "organizations.yaml").data
    assert dict(registry) == {"test-office": {"name": {"ja": "test-office", "en": "Test Office"}}}
    assert loader.load(tmp_path / "content" / "_settings.yaml").data == {"issuer": "test-office"}
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "/build/"
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert "content/*.yaml" in settings["yaml.schemas"]["./content/_schema/memo.schema.json"]

    build = run_cli("build", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert files_under(tmp_path / "build") >= {f"first-memo.{lang}.{fmt}" for lang in ("ja", "en")
                                                for fmt in ("pdf", "docx")}
    check = run_cli("check", "--strict", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "1 memo(s) checked: 0 error(s), 0 warning(s)" in check.stdout


def test_asks_for_the_names_and_writes_them_into_the_memo(tmp_path):
    result = init(cwd=tmp_path, answers="ipc-office\n国際平和協力室\nInternational Peace Cooperation Office\n")
    assert result.returncode == 0, result.stderr
    assert "office name in Japanese" in result.stdout and "office name in English" in result.stdout
    registry = loader.load(tmp_path / "content" / "_registry" / "organizations.yaml").data
    assert registry["ipc-office"]["name"] == {"ja": "国際平和協力室", "en": "International Peace Cooperation Office"}
    build = run_cli("build", "--format", "html", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert "、国際平和協力室は、" in (tmp_path / "build" / "first-memo.ja.html").read_text(encoding="utf-8")
    assert "the International Peace Cooperation Office prepared" in \
        (tmp_path / "build" / "first-memo.en.html").read_text(encoding="utf-8")


def test_names_with_yaml_punctuation_are_quoted(tmp_path):
    result = init("--office", "x", "--name-ja", "総務課：企画", "--name-en", "Planning, General Affairs: #1",
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    registry = loader.load(tmp_path / "content" / "_registry" / "organizations.yaml").data
    assert registry["x"]["name"] == {"ja": "総務課：企画", "en": "Planning, General Affairs: #1"}
    assert run_cli("check", "--strict", cwd=tmp_path).returncode == 0
    for name in ("2025", "true", "null", "2025-07-01", "0x1F"):  # would read back as a number, date, …
        assert yaml_scalar(name) == f'"{name}"'
    assert yaml_scalar("Test Office") == "Test Office" and yaml_scalar("外務省") == "外務省"


def test_never_overwrites(tmp_path):
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    assert init("--office", "first", cwd=tmp_path).returncode == 0
    memo = tmp_path / "content" / "first-memo.yaml"
    memo.write_text(memo.read_text(encoding="utf-8").replace("文書作成の準備", "書き換えた表題"), encoding="utf-8")
    before = {path: (tmp_path / path).read_bytes() for path in files_under(tmp_path)}
    again = init("--office", "second", "--name-ja", "第二", "--name-en", "Second", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert {path: (tmp_path / path).read_bytes() for path in files_under(tmp_path)} == before
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.pyc\n"
    assert "kept as they were (never overwritten):\n  content/_registry/glossary.yaml" in again.stdout
    assert "  .gitignore" in again.stdout and "wrote:\nkept" in again.stdout
    pasted = again.stdout.split("does not name second; add:\n")[1].splitlines()
    assert pasted[:2] == ["second:", "  name: {ja: 第二, en: Second}"]


def test_office_id_is_checked(tmp_path):
    for office in ("Test Office", "../x", "date", "-x"):
        result = init("--office", office, cwd=tmp_path) if not office.startswith("-") \
            else init(f"--office={office}", cwd=tmp_path)
        assert result.returncode == 2 and "must be lower-case letters, digits and '-'" in result.stderr, office
    assert files_under(tmp_path) == set()


def test_style_must_be_a_style_file_of_the_templates(tmp_path):
    own = tmp_path / "ws"
    shutil.copytree(REPO / "templates", own / "templates")
    shutil.rmtree(own / "templates" / "init")  # copied before init/ existed: the package's starter is used
    (own / "templates" / "styles").mkdir(exist_ok=True)
    for name in ("house", "other"):
        (own / "templates" / "styles" / f"{name}.yaml").write_text("ja: {}\nen: {}\n", encoding="utf-8")
    styles = sorted({"house", "other"} | {p.stem for p in (PACKAGE_TEMPLATES / "styles").glob("*.yaml")})
    unknown = init("--office", "o", "--style", "no-such-style", cwd=own)
    assert unknown.returncode == 2 and "unknown house style 'no-such-style'" in unknown.stderr
    assert f"offer one of: {', '.join(styles)}" in unknown.stderr
    assert not (own / "content").exists(), "nothing is written when an option is wrong"
    chosen = init("--office", "o", "--style", "house", cwd=own)
    assert loader.load(own / "content" / "_registry" / "organizations.yaml").data["o"]["style"] == "house"
    assert chosen.returncode == 0, chosen.stderr
    assert run_cli("check", "--strict", cwd=own).returncode == 0


def test_templates_copies_the_package_templates(tmp_path):
    result = init("--office", "test-office", "--templates", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    package = {p.relative_to(PACKAGE_TEMPLATES).as_posix() for p in PACKAGE_TEMPLATES.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert files_under(tmp_path / "templates") == package
    assert f"templates/ ({len(package)} files from the package" in result.stdout
    (tmp_path / "templates" / "strings" / "ja.yaml").write_text(
        (PACKAGE_TEMPLATES / "strings" / "ja.yaml").read_text(encoding="utf-8").replace("（以上）", "（おわり）"),
        encoding="utf-8")
    build = run_cli("build", "--format", "html", "--lang", "ja", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert "（おわり）" in (tmp_path / "build" / "first-memo.ja.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [("check",), ("build",)])
def test_an_empty_workspace_says_what_to_paste(tmp_path, command):
    (tmp_path / "content").mkdir()
    result = run_cli(*command, cwd=tmp_path)
    assert "no memos in content/ yet: start one with briefing new readout my-first-memo" in result.stderr
    line = re.search(r"no organizations yet: .* this line:  (.+)", result.stderr).group(1)
    registry = tmp_path / "content" / "_registry"
    registry.mkdir()
    (registry / "organizations.yaml").write_text(line + "\n", encoding="utf-8")
    new = run_cli("new", "readout", "first", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert "issuer: my-office" in (tmp_path / "content" / "first.yaml").read_text(encoding="utf-8")


def test_no_content_folder_names_init(tmp_path):
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 2 and "start a workspace here with briefing init" in result.stderr


def test_unknown_person_says_what_to_paste(workspace):
    memo = workspace / "content" / "pko-symposium-2025.yaml"
    memo.write_text(memo.read_text(encoding="utf-8").replace("person: inoue-mika", "person: qqq-newcomer"),
                    encoding="utf-8")
    result = run_cli("check", "pko-symposium-2025", cwd=workspace)
    assert result.returncode == 1
    line = re.search(r"unknown person 'qqq-newcomer'; add it to content/_registry/people.yaml .* this line:  (.+)",
                     result.stderr).group(1)
    people = workspace / "content" / "_registry" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    assert "qqq-newcomer" not in run_cli("check", "pko-symposium-2025", cwd=workspace).stderr
