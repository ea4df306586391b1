"""`briefing new`: a memo file from its type's skeleton, and the placeholder texts still to write."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from string import Template
from typing import Any, Iterable, Iterator

from briefing import loader
from briefing.errors import BriefingError, ContentError, Problem, UsageError
from briefing.registry import Registry
from briefing.schema import MODELINE, write_schema
from briefing.workspace import Workspace

MEMO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
SKELETONS = "new"  # templates/new/<type>.yaml
SETTINGS = "_settings.yaml"  # content/_settings.yaml: `issuer: <organization id>`
PLACEHOLDER = re.compile(r"[((]ここに[^()()]*を書く[))]|\(write [^()]* here\)")
COMMENT_COLUMN = 30


class MemoExists(BriefingError):
    """`briefing new` would overwrite a memo file."""

    exit_code = 1


def skeleton_path(workspace: Workspace, memo_type: str) -> Path:
    """templates/new/<type>.yaml: the file a new memo of that type starts from."""
    return workspace.templates / SKELETONS / f"{memo_type}.yaml"


def memo_types(workspace: Workspace) -> list[tuple[str, str]]:
    """Each memo type with the one-line description its skeleton gives on its second line."""
    described = []
    for memo_type in workspace.memo_types():
        skeleton = skeleton_path(workspace, memo_type)
        lines = skeleton.read_text(encoding="utf-8").splitlines()[1:2] if skeleton.is_file() else []
        missing = f"(no skeleton: add templates/{SKELETONS}/{memo_type}.yaml)"
        summary = lines[0].lstrip("# ").strip() if lines else missing
        described.append((memo_type, summary))
    return described


def new_memo(workspace: Workspace, memo_type: str, memo_id: str, today: dt.date | None = None) -> Path:
    """Write content/<memo_id>.yaml from the type's skeleton; never overwrite a file."""
    from briefing.validate import load_registry

    if not MEMO_ID.fullmatch(memo_id):
        raise UsageError(f"memo id '{memo_id}' must be letters, digits, '-' or '_' (starting with a letter or "
                         "digit, at most 100), e.g. khare-visit-2025; it becomes the file name")
    types = workspace.memo_types()
    if memo_type not in types:
        raise UsageError(f"unknown memo type '{memo_type}'; expected one of: {', '.join(types)}")
    skeleton = skeleton_path(workspace, memo_type)
    if not skeleton.is_file():
        raise UsageError(f"memo type '{memo_type}' has no skeleton {skeleton}; copy one from templates/{SKELETONS}/")
    target = workspace.content / f"{memo_id}.yaml"
    if target.exists():
        raise MemoExists(f"{target} already exists; edit it, or choose another memo id")
    registry = load_registry(workspace)
    issuer, note = office_issuer(workspace, registry)
    text = Template(skeleton.read_text(encoding="utf-8")).substitute(
        modeline=MODELINE, date=(today or dt.date.today()).isoformat(), issuer=issuer,
        issuer_note=" " * max(1, COMMENT_COLUMN - len(f"issuer: {issuer}")) + note)
    with target.open("x", encoding="utf-8") as stream:
        stream.write(text)
    write_schema(workspace)
    return target


def office_issuer(workspace: Workspace, registry: Registry) -> tuple[str, str]:
    """The issuer for new memos (content/_settings.yaml, else the registry's first organization) and a comment."""
    settings_path = workspace.content / SETTINGS
    if settings_path.is_file():
        settings = loader.load(settings_path)
        issuer = settings.data.get("issuer") if isinstance(settings.data, dict) else None
        if isinstance(issuer, str) and issuer in registry.organizations:
            return issuer, f"# 発出する組織 ({SETTINGS}) / issuing organization"
        raise ContentError([settings.problem(("issuer",), "issuer: must name an organization in "
                                                          "content/_registry/organizations.yaml")])
    if not registry.organizations:
        raise ContentError([Problem(workspace.registry / "organizations.yaml", 1, 1,
                                    "no organizations yet; add your office before writing a memo")])
    first = next(iter(registry.organizations))
    return first, (f"# 名簿の最初の組織: content/{SETTINGS} に issuer: を書けば既定になります"
                   f" / first organization in the registry; set issuer: in content/{SETTINGS}")


def texts_to_write(paths: Iterable[Path]) -> list[Problem]:
    """A warning at every placeholder text "(ここに…を書く)" / "(write … here)" left in the memo files."""
    warnings = []
    for path in paths:
        try:
            source = loader.load(path)
        except ContentError:
            continue  # its problems are reported by the check itself
        for loc, text in _strings(source.data, ()):
            for placeholder in PLACEHOLDER.findall(text):
                line, column = _position_of(placeholder, source, loc)
                warnings.append(loader.problem_at(path, source.text, line, column,
                                                  f"text still to write: {placeholder}", severity="warning"))
    return warnings


def _position_of(placeholder: str, source: loader.SourceFile, loc: tuple) -> tuple[int, int]:
    """Where `placeholder` is written, at or after its value's start (a folded text starts a line above)."""
    line, column = source.position(loc)
    lines = source.text.splitlines()
    for number in range(line, min(line + 3, len(lines) + 1)):
        found = lines[number - 1].find(placeholder, column - 1 if number == line else 0)
        if found >= 0:
            return number, found + 1
    return line, column


def _strings(data: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, loc + (index,))
