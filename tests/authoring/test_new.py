"""`briefing new`: a skeleton that passes at once, lists what is left to write, and never overwrites."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import run_cli
from jsonschema import Draft202012Validator
from test_schema import as_editor_sees

from briefing.authoring.new import new_memo
from briefing.authoring.schema import MODELINE
from briefing.check.placeholders import placeholders_in
from briefing.content import loader
from briefing.content.model import Memo
from briefing.content.workspace import Workspace

TYPES = ("readout", "result-summary")


@pytest.mark.parametrize("memo_type", TYPES)
def test_new_memo_passes_check_and_lists_texts_to_write(workspace, memo_type):
    result = run_cli("new", memo_type, "test-memo", cwd=workspace)
    assert result.returncode == 0, result.stderr
    path = workspace / "content" / "test-memo.yaml"
    assert result.stdout.splitlines()[0] == "content/test-memo.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    source = loader.load(path)
    assert source.data["type"] == memo_type and source.data["date"] == dt.date.today()
    assert set(source.data) == set(Memo.model_fields), "every field of a memo is in the skeleton"
    for line in text.splitlines():
        key = re.match(r"([a-z_]+):", line)
        if key:  # every top-level field says what goes there, in both languages
            assert re.search(r"#.*[\u3040-\u30ff\u4e00-\u9fff].* / [A-Za-z]", line), line

    check = run_cli("check", cwd=workspace)
    assert check.returncode == 0, check.stderr
    assert "5 memo(s) checked: 0 error(s)" in check.stdout
    warnings = [line.strip() for line in check.stderr.splitlines() if "warning: text still to write" in line]
    assert len(warnings) >= 4 and all(line.startswith("content/test-memo.yaml:") for line in warnings)
    first = warnings[0].split(":")
    assert text.splitlines()[int(first[1]) - 1][int(first[2]) - 1:].startswith("（ここに表題を書く）")
    assert "still to write" not in run_cli("check", "pko-symposium-2025", cwd=workspace).stderr


@pytest.mark.parametrize("memo_type", TYPES)
def test_new_memo_matches_the_schema_it_names(workspace, memo_type):
    path = new_memo(Workspace.at(workspace), memo_type, "fresh", today=dt.date(2025, 9, 1))
    schema = json.loads((workspace / "content" / "_schema" / "memo.schema.json").read_text(encoding="utf-8"))
    data = as_editor_sees(loader.load(path).data)
    assert data["date"] == "2025-09-01"
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


def test_never_overwrites(workspace):
    path = workspace / "content" / "khare-visit-2025.yaml"
    before = path.read_bytes()
    result = run_cli("new", "readout", "khare-visit-2025", cwd=workspace)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("memo_id", ["../escape", "a/b", "/tmp/abs", "_hidden", "-x", "memo.yaml", "メモ", "a b"])
def test_memo_id_must_be_a_safe_file_stem(workspace, memo_id):
    before = sorted(p.relative_to(workspace) for p in workspace.rglob("*"))
    result = run_cli("new", "readout", "--", memo_id, cwd=workspace) if memo_id.startswith("-") \
        else run_cli("new", "readout", memo_id, cwd=workspace)
    assert result.returncode == 2 and "must be letters, digits" in result.stderr, result.stderr
    assert sorted(p.relative_to(workspace) for p in workspace.rglob("*")) == before
    assert not (workspace.parent / "escape.yaml").exists()


def test_usage_errors(workspace):
    unknown = run_cli("new", "minutes", "x", cwd=workspace)
    assert unknown.returncode == 2 and "expected one of: readout, result-summary" in unknown.stderr
    assert run_cli("new", "readout", cwd=workspace).returncode == 2


def test_list_names_every_type_with_a_line(workspace):
    result = run_cli("new", "--list", cwd=workspace)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(TYPES)
    assert "Readout" in lines[0] and "会談概要" in lines[0]


def test_issuer_from_settings_or_first_organization(workspace):
    space = Workspace.at(workspace)
    first = new_memo(space, "readout", "one").read_text(encoding="utf-8")
    assert re.search(r"^issuer: cao-ipchq +# 名簿の最初の組織.*first organization", first, re.M)
    (workspace / "content" / "_settings.yaml").write_text("issuer: mofa\n", encoding="utf-8")
    assert re.search(r"^issuer: mofa +# ", new_memo(space, "readout", "two").read_text(encoding="utf-8"), re.M)
    (workspace / "content" / "_settings.yaml").write_text("issuer: mofx\n", encoding="utf-8")
    result = run_cli("new", "readout", "three", cwd=workspace)
    assert result.returncode == 1 and "_settings.yaml:1:9: error: issuer: must name an organization" in result.stderr
    assert not (workspace / "content" / "three.yaml").exists()


def test_placeholders_are_found_wherever_they_are(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("title: {ja: 本文, en: Text}\nbody:\n  - paragraph:\n      ja: 前文。(ここに結論を書く)\n"
                    "      en: >-\n        Some words.\n        (write the conclusion here)\n", encoding="utf-8")
    found = [(p.line, p.column, p.message) for p in placeholders_in(loader.load(path))]
    assert found == [(4, 14, "text still to write: (ここに結論を書く)"),
                     (7, 9, "text still to write: (write the conclusion here)")]
    assert str(placeholders_in(loader.load(path))[0]).startswith(f"{path}:4:14: warning: text still to write")
