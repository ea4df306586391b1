"""The editors' JSON Schema: generated, bilingual, current, and as strict as `briefing check`."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest
from conftest import EXAMPLE_LANGUAGES, REPO, run_cli
from jsonschema import Draft202012Validator

from briefing.authoring.schema import MODELINE, schema_path, schema_text, workspace_schema
from briefing.content import loader
from briefing.content.validate import load_memo, load_registry
from briefing.content.workspace import Workspace
from briefing.errors import ContentError
from briefing.view.html import Templates

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def as_editor_sees(data):
    """Loaded YAML data as the editor's YAML extension hands it to the schema (dates as ISO text)."""
    if isinstance(data, dict):
        return {key: as_editor_sees(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_editor_sees(value) for value in data]
    return data.isoformat() if isinstance(data, dt.date) else data


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = workspace_schema(Workspace.at(REPO))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def example(name: str) -> dict:
    return as_editor_sees(loader.load(REPO / "content" / f"{name}.yaml").data)


@pytest.mark.parametrize("name", EXAMPLE_LANGUAGES)
def test_example_memos_validate_and_name_the_schema(validator, name):
    assert list(validator.iter_errors(example(name))) == []
    first_line = (REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE
    target = first_line.partition("$schema=")[2]
    assert (REPO / "content" / target).is_file()


def test_committed_schema_is_current():
    committed = schema_path(Workspace.at(REPO)).read_text(encoding="utf-8")
    assert committed == schema_text(workspace_schema(Workspace.at(REPO))), \
        "content/_schema/memo.schema.json is stale: run `briefing schema --out`"


def test_every_field_is_described_in_both_languages(validator):
    schema = validator.schema
    holders = {"Memo": schema, **schema["$defs"]}
    for holder_name, holder in holders.items():
        for field, spec in holder.get("properties", {}).items():
            description = spec.get("description", "")
            assert JAPANESE.search(description) and re.search("[A-Za-z]{3}", description.partition(" / ")[2]), \
                f"{holder_name}.{field}: description should read '日本語 / English', not {description!r}"


def test_workspace_facts_help_completion(validator):
    properties = validator.schema["properties"]
    assert properties["type"]["enum"] == ["readout", "result-summary"]
    assert "mofa" in properties["issuer"]["examples"]
    person = validator.schema["$defs"]["Attendee"]["properties"]["person"]
    assert "fujii-hisayuki" in person["examples"]


def _break(memo: dict, where: str) -> dict:
    """A copy of the symposium memo with one mistake that `briefing check` rejects."""
    memo = copy.deepcopy(memo)
    attendees = memo["body"][0]["body"][0]
    numbered_section = next(block for block in memo["body"] if block.get("section", {}).get("ja") != "出席者")
    mistakes = {
        "unknown top-level field": lambda: memo.update(colour="red"),
        "unknown field in a block": lambda: attendees.update(colour="red"),
        "unknown field in a nested block": lambda: numbered_section["body"][0].update(colour="red"),
        "unknown field in an attendee": lambda: attendees["attendees"][0].update(seat=3),
        "unknown language key": lambda: memo["title"].update(fr="Titre"),
        "unknown block kind": lambda: memo["body"].append({"paragraf": {"ja": "文", "en": "text"}}),
        "wrong type: text for a boolean": lambda: memo.update(closing="yes"),
        "wrong type: a mapping for a list": lambda: memo.update(body={"paragraph": {"ja": "文"}}),
        "wrong type: not a date": lambda: memo.update(date="2025-13-01"),
        "wrong type: width as text": lambda: memo["body"].append(
            {"figure": "assets/pko-symposium-2025/flyer.jpg", "caption": {"ja": "a", "en": "b"}, "width": "wide"}),
        "unknown memo type": lambda: memo.update(type="minutes"),
    }
    mistakes[where]()
    return memo


MISTAKES = ["unknown top-level field", "unknown field in a block", "unknown field in a nested block",
            "unknown field in an attendee", "unknown language key", "unknown block kind",
            "wrong type: text for a boolean", "wrong type: a mapping for a list", "wrong type: not a date",
            "wrong type: width as text", "unknown memo type"]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_schema_rejects_what_check_rejects(validator, workspace, mistake):
    broken = _break(example("pko-symposium-2025"), mistake)
    assert list(validator.iter_errors(broken)), f"the schema accepts a memo with {mistake}"
    path = workspace / "content" / "broken.yaml"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    space = Workspace.at(workspace)
    with pytest.raises(ContentError):
        load_memo(path, space, load_registry(space), Templates(space.templates))


def test_schema_command_prints_or_writes(workspace, tmp_path):
    printed = run_cli("schema", cwd=workspace)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["$schema"].endswith("2020-12/schema")
    written = run_cli("schema", "--out", cwd=workspace)
    assert written.returncode == 0 and written.stdout.strip() == "content/_schema/memo.schema.json"
    assert (workspace / "content" / "_schema" / "memo.schema.json").read_text(encoding="utf-8") == printed.stdout
    elsewhere = run_cli("schema", "--out", str(tmp_path / "s.json"), cwd=workspace)
    assert elsewhere.returncode == 0 and (tmp_path / "s.json").read_text(encoding="utf-8") == printed.stdout
