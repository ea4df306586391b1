"""Where things live: a workspace's content/, templates/ and build/ folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from briefing.errors import ContentError, Problem, UsageError

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
REGISTRY_DIR = "_registry"
LOCK_SUFFIX = ".lock.yaml"


@dataclass(frozen=True)
class Workspace:
    """A folder holding content/ and, optionally, its own templates/ and build/."""

    root: Path

    @classmethod
    def at(cls, root: str | Path) -> Workspace:
        """The workspace at `root`, which must hold a content/ folder."""
        root = Path(root).resolve()
        if not (root / "content").is_dir():
            raise UsageError(f"{root} has no content/ folder; start a workspace here with briefing init, "
                             "or pass --root DIR to work in another folder")
        return cls(root)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def registry(self) -> Path:
        return self.content / REGISTRY_DIR

    @cached_property
    def templates(self) -> Path:
        """The workspace's templates/, or the package's copy when it has none."""
        own = self.root / "templates"
        return own if own.is_dir() else PACKAGE_TEMPLATES

    @property
    def build(self) -> Path:
        return self.root / "build"

    def memo_files(self) -> list[Path]:
        """Every memo file under content/ (registries and lock files excluded), sorted."""
        return sorted(p for p in self.content.glob("*.yaml")
                      if not p.name.startswith("_") and not p.name.endswith(LOCK_SUFFIX))

    def shown(self, path: Path) -> str:
        """`path` as printed to the user: relative to the workspace when it lies inside it."""
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)

    def lock_file(self, memo: Path) -> Path:
        """content/<memo-id>.lock.yaml: the translations last confirmed for that memo."""
        return memo.with_name(memo.stem + LOCK_SUFFIX)

    def shared_inputs(self) -> list[Path]:
        """Files every memo's outputs may depend on: the registries and everything under templates/."""
        templates = [p for p in self.templates.rglob("*") if p.is_file() and not p.name.startswith(".")
                     and "__pycache__" not in p.parts]
        return sorted(templates + list(self.registry.glob("*.yaml")))

    def confine(self, paths: list[Path]) -> None:
        """Refuse, naming each link, inputs that resolve outside the workspace (or the package's templates)."""
        from briefing.content.files import inside

        outside = [path for path in paths if not (inside(path, self.root) or inside(path, PACKAGE_TEMPLATES))]
        if outside:
            raise ContentError([Problem(path, 1, 1, "a link to a file outside the workspace; copy the file into "
                                                    "the workspace instead of linking it") for path in outside])

    def memo_types(self) -> list[str]:
        """Memo types: one template `templates/<type>.html.j2` each (partials start with `_`)."""
        return sorted(p.name.removesuffix(".html.j2") for p in self.templates.glob("*.html.j2")
                      if not p.name.startswith(("_", "base")))


def select_memos(workspace: Workspace, paths: list[str]) -> list[Path]:
    """The memo files named on the command line, or every memo of the workspace."""
    if not paths:
        return workspace.memo_files()
    selected = []
    for name in paths:
        path = Path(name)
        candidates = [path, workspace.root / path, workspace.content / path, workspace.content / f"{name}.yaml"]
        found = next((Path(os.path.abspath(p)) for p in candidates if p.is_file()), None)  # a link stays a link
        if found is None:
            raise UsageError(f"no memo file '{name}'; give a path such as content/<memo-id>.yaml or a memo id")
        selected.append(found)
    return selected
