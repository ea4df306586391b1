"""Checking selected memos: templates' strings, registries, each memo's meaning and its translations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.check import lockfile
from briefing.check.coverage import coverage_problems
from briefing.check.translation import findings
from briefing.content.registry import Registry
from briefing.content.validate import LoadedMemo, load_memo, load_registry
from briefing.content.workspace import Workspace, select_memos
from briefing.errors import ContentError, Problem
from briefing.view.html import Templates


@dataclass
class Checked:
    """The outcome of checking: what the build works from, and every problem found."""

    templates: Templates
    registry: Registry
    memos: list[LoadedMemo]  # each with the problems of one of its languages
    problems: list[Problem]  # of every memo, registry and template, in every language


def check(workspace: Workspace, paths: list[str] | list[Path]) -> Checked:
    """Load and check the templates' strings, the registries and the selected memos."""
    workspace.confine(workspace.shared_inputs())  # before any template or registry is read
    templates = Templates.at(workspace.templates)
    registry = load_registry(workspace)
    memos, problems = [], []
    for path in select_memos(workspace, [str(p) for p in paths]):
        loaded, found = check_memo(path, workspace, registry, templates)
        memos += [loaded] if loaded else []
        problems += found
    return Checked(templates, registry, memos, problems)


def check_memo(path: Path, workspace: Workspace, registry: Registry,
               templates: Templates) -> tuple[LoadedMemo | None, list[Problem]]:
    """One memo checked (None when it cannot be loaded) and its problems."""
    try:
        loaded = load_memo(path, workspace, registry, templates)
    except ContentError as error:
        return None, error.problems
    problems = [*loaded.problems, *coverage_problems(loaded.source, workspace.templates / "fonts")]
    try:
        problems += findings(loaded, registry, lockfile.read(workspace.lock_file(path)))
    except ContentError as error:
        problems += error.problems
    return loaded, problems
