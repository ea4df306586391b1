"""`briefing init`: a new workspace with its office, a first memo that builds, and git and editor settings."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from string import Template

from briefing.authoring.schema import MODELINE, schema_path, write_schema
from briefing.content.workspace import PACKAGE_TEMPLATES, Workspace
from briefing.errors import UsageError

STARTER = "init"  # templates/init/: the files a new workspace starts from
STYLES = "styles"  # templates/styles/<name>.yaml: house styles
DOT_PREFIX = "dot-"  # templates/init/dot-gitignore becomes .gitignore (packages leave dotfiles out)
OFFICE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
PLAIN_YAML = re.compile(r"[^\s\"'{}\[\],:#&*!|>%@`?-][^\"{}\[\],:#]*(?<!\s)")  # safe unquoted in a flow mapping
FIRST_MEMO = "first-memo"


@dataclass(frozen=True)
class Office:
    """The office a workspace is started for: its registry id, names in both languages and house style."""

    id: str
    name_ja: str
    name_en: str
    style: str | None = None


def check_office_id(office_id: str) -> str:
    """The id, or a `UsageError` saying what an organization id may hold."""
    if not OFFICE_ID.fullmatch(office_id) or office_id == "date":
        raise UsageError(f"office id '{office_id}' must be lower-case letters, digits and '-' (at most 64, not "
                         "'date'), e.g. mofa or cao-ipchq; memos name it as issuer: and [[id]]")
    return office_id


def house_styles(root: Path) -> list[str]:
    """The house styles a workspace at `root` can name: templates/styles/<name>.yaml, its own or the package's."""
    folders = {templates_for(root) / STYLES, PACKAGE_TEMPLATES / STYLES}
    return sorted({p.stem for folder in folders for p in folder.glob("*.yaml")})


def check_style(style: str, root: Path) -> str:
    """The style's name, or a `UsageError` listing the styles that exist."""
    available = house_styles(root)
    if style not in available:
        offered = f"one of: {', '.join(available)}" if available else f"none yet (no templates/{STYLES}/*.yaml)"
        raise UsageError(f"unknown house style '{style}'; the templates offer {offered}")
    return style


def templates_for(root: Path) -> Path:
    """The templates a workspace at `root` will use: its own templates/, else the package's."""
    own = root / "templates"
    return own if own.is_dir() else PACKAGE_TEMPLATES


def init_workspace(root: Path, office: Office, copy_templates: bool = False,
                   today: dt.date | None = None) -> tuple[list[Path], list[Path]]:
    """Write a workspace into `root`; return the files written and those kept because they existed."""
    written: list[Path] = []
    kept: list[Path] = []
    if copy_templates:
        _copy_tree(PACKAGE_TEMPLATES, root / "templates", written, kept)
    values = {"office": office.id, "name_ja": yaml_scalar(office.name_ja), "name_en": yaml_scalar(office.name_en),
              "style_line": f"\n  style: {office.style}" if office.style else "", "modeline": MODELINE,
              "date": (today or dt.date.today()).isoformat()}
    starter = templates_for(root) / STARTER
    if not starter.is_dir():  # a workspace's templates/ copied before there was an init/ folder
        starter = PACKAGE_TEMPLATES / STARTER
    for source in sorted(p for p in starter.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        relative = Path(*(part.replace(DOT_PREFIX, ".", 1) if part.startswith(DOT_PREFIX) else part
                          for part in source.relative_to(starter).parts))
        text = Template(source.read_text(encoding="utf-8")).substitute(values)
        _write_new(root / relative, text, written, kept)
    schema = schema_path(Workspace(root))
    if schema.exists():
        kept.append(schema)
    else:
        write_schema(Workspace(root))
        written.append(schema)
    first = root / "content" / f"{FIRST_MEMO}.yaml"
    if first in written:
        written += _confirm_translations(Workspace(root), first)
    return written, kept


def _confirm_translations(workspace: Workspace, memo: Path) -> list[Path]:
    """Write the first memo's lock file: its translations are the package's own, already reviewed."""
    from briefing.check import lockfile
    from briefing.check.memos import check

    lock = workspace.lock_file(memo)
    checked = check(workspace, [memo])
    if lock.exists() or not checked.memos or any(p.severity == "error" for p in checked.problems):
        return []
    lockfile.accept(lock, checked.memos[0].memo)
    return [lock]


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar inside a flow mapping: plain when it reads back as the same text, else quoted."""
    from ruamel.yaml import YAML

    if PLAIN_YAML.fullmatch(text) and YAML(typ="safe").load(f"{{x: {text}}}") == {"x": text}:
        return text  # not a number, date, true/false or null in disguise
    return json.dumps(text, ensure_ascii=False)


def guess_names(office_id: str) -> tuple[str, str]:
    """Names to offer when none are given: the id itself in Japanese, its words capitalized in English."""
    return office_id, " ".join(word.capitalize() for word in office_id.split("-"))


def _write_new(target: Path, text: str, written: list[Path], kept: list[Path]) -> None:
    """Create `target` with `text`, or leave an existing file as it is."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        kept.append(target)
        return
    written.append(target)


def _copy_tree(source: Path, target: Path, written: list[Path], kept: list[Path]) -> None:
    """Copy every file of `source` into `target`, leaving files that already exist there as they are."""
    for path in sorted(source.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        destination = target / path.relative_to(source)
        if destination.exists():
            kept.append(destination)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        written.append(destination)


def ask(question: str, default: str) -> str:
    """One answer read from standard input: the default for an empty line or when input has ended."""
    try:
        answer = input(f"{question} [{default}]: ").strip()
    except EOFError:
        answer = ""
    if not sys.stdin.isatty():  # answers piped in are not echoed: show them, one per line
        print(answer or default)
    return answer or default


def paste_organization(office: Office) -> str:
    """The registry entry of `office`, as YAML to paste into content/_registry/organizations.yaml."""
    style = f"\n  style: {office.style}" if office.style else ""
    return (f"{office.id}:\n  name: {{ja: {yaml_scalar(office.name_ja)}, en: {yaml_scalar(office.name_en)}}}"
            f"{style}")


def summary(root: Path, office: Office, written: list[Path], kept: list[Path]) -> list[str]:
    """What `briefing init` tells the user: the files written and kept, what to add, and the next command."""
    from briefing.content.validate import load_registry

    def shown(path: Path) -> str:
        return str(path.relative_to(root))

    copied = [path for path in written if path.relative_to(root).parts[0] == "templates"]
    lines = ["wrote:", *(f"  {shown(path)}" for path in written if path not in copied)]
    if copied:
        lines.append(f"  templates/ ({len(copied)} files from the package: edit them for your office's own look)")
    if kept:
        lines += ["kept as they were (never overwritten):", *(f"  {shown(path)}" for path in kept)]
    if office.id not in load_registry(Workspace(root)).organizations:
        lines += [f"content/_registry/organizations.yaml does not name {office.id}; add:", paste_organization(office)]
    here = Path.cwd().resolve()
    place = "" if root == here else f"cd {root.relative_to(here) if root.is_relative_to(here) else root} && "
    lines.append(f"next: {place}briefing build   (writes build/{FIRST_MEMO}.ja.pdf, .en.pdf, .ja.docx, .en.docx)")
    return lines


def missing_pieces(workspace: Workspace) -> list[str]:
    """What a workspace without memos still lacks, each with the YAML to paste or the command to run."""
    from briefing.content.registry import entry_to_paste
    from briefing.content.validate import load_registry

    lacking = []
    if not load_registry(workspace).organizations:
        lacking.append(f"no organizations yet: a memo needs the office that issues it; "
                       f"{entry_to_paste('organization', 'my-office')}")
    lacking.append("no memos in content/ yet: start one with briefing new readout my-first-memo "
                   "(the memo types: briefing new --list), or start a whole workspace with briefing init")
    return lacking
