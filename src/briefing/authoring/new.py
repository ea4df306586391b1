"""`briefing new`: a memo file from its type's skeleton."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from string import Template

from briefing.authoring.schema import MODELINE, write_schema
from briefing.content import loader
from briefing.content.registry import Registry, entry_to_paste
from briefing.content.workspace import Workspace
from briefing.errors import BriefingError, ContentError, Problem, UsageError

MEMO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
SKELETONS = "new"  # templates/new/<type>.yaml
SETTINGS = "_settings.yaml"  # content/_settings.yaml: `issuer: <organization id>`
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
    from briefing.content.validate import load_registry

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
        named = issuer if isinstance(issuer, str) and issuer else "my-office"
        raise ContentError([settings.problem(("issuer",), "issuer: must name an organization; "
                                             f"{entry_to_paste('organization', named)}")])
    if not registry.organizations:
        raise ContentError([Problem(workspace.registry / "organizations.yaml", 1, 1,
                                    "no organizations yet: a memo needs the office that issues it (briefing init "
                                    f"starts a workspace with it); {entry_to_paste('organization', 'my-office')}")])
    first = next(iter(registry.organizations))
    return first, (f"# 名簿の最初の組織: content/{SETTINGS} に issuer: を書けば既定になります"
                   f" / first organization in the registry; set issuer: in content/{SETTINGS}")
