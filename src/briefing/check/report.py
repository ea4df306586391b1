"""`briefing check`: every finding of the selected memos, grouped per memo, as text or JSON; `--accept`."""

from __future__ import annotations

import json
import sys
from itertools import groupby
from pathlib import Path

from briefing.check.memos import check
from briefing.content.workspace import Workspace
from briefing.errors import Problem, UsageError


def run_check(workspace: Workspace, targets: list[str], *, accept: bool = False, strict: bool = False,
              output: str = "text", fix: bool = False, diff: bool = False) -> int:
    """Check (or, with `accept`, confirm the translations of) the targets; return the exit code."""
    memos, pair_ids = _split(targets)
    if accept and fix:
        raise UsageError("--accept and --fix go one at a time: fix first, review, then accept")
    if accept:
        return _accept(workspace, check(workspace, memos), pair_ids)
    if fix:
        _fix(workspace, check(workspace, memos),
             say=print if output == "text" else lambda line: print(line, file=sys.stderr))
    from briefing.check.lint import lint
    checked_count, findings = lint(workspace, memos)
    findings.sort(key=lambda p: (str(p.path), p.line, p.column))
    errors = sum(p.severity == "error" for p in findings)
    warnings = len(findings) - errors
    if output == "json":
        json.dump(_as_json(findings, checked_count, errors, warnings, diff), sys.stdout, ensure_ascii=False,
                  indent=2)
        print()
    else:
        _print_findings(workspace, findings, diff)
        if not diff and any(p.changes for p in findings):
            print("  (briefing check --diff shows what changed in each stale translation, word by word)",
                  file=sys.stderr)
        print(f"{checked_count} memo(s) checked: {errors} error(s), {warnings} warning(s)"
              + (" (--strict: warnings count as errors)" if strict and warnings else ""))
    return 1 if errors or (strict and warnings) else 0


def _print_findings(workspace: Workspace, findings: list[Problem], diff: bool) -> None:
    """The findings under their memo's path; with `diff`, each stale translation's change below it."""
    for path, group in groupby(findings, key=lambda p: p.path):
        print(f"{workspace.shown(path)}:", file=sys.stderr)
        for problem in group:
            print(f"  {problem.relative()}".replace("\n", "\n  "), file=sys.stderr)
            if diff and problem.changes:
                from briefing.check.difference import show

                show(problem.changes, sys.stderr, indent="      ")


def _japanese_strings(checked, loaded) -> dict:
    """The Japanese strings a memo is checked under: its house style's `checks:` may switch rules off."""
    from briefing.view.memo import house_strings

    return house_strings(loaded.memo, checked.registry, checked.templates, "ja")


def _fix(workspace: Workspace, checked, say) -> None:
    """`--fix`: apply the safe 公用文 fixes in place and say each one; the check then runs on the result."""
    from briefing.check.fix import apply, locate

    count = sum(apply(loaded, locate(loaded, _japanese_strings(checked, loaded)), workspace.lock_file(loaded.path),
                      say) for loaded in checked.memos)
    say(f"{count} fix(es) applied")


def _split(targets: list[str]) -> tuple[list[str], dict[str, set[str]]]:
    """Memo paths or ids, and the pair ids named as MEMO#PAIR."""
    memos, pair_ids = [], {}
    for target in targets:
        memo, _, pair = target.partition("#")
        if memo not in memos:
            memos.append(memo)
        if pair:
            pair_ids.setdefault(Path(memo).stem.removesuffix(".yaml"), set()).add(pair)
    return memos, pair_ids


def _accept(workspace: Workspace, checked, pair_ids: dict[str, set[str]]) -> int:
    """Write the lock files of the memos that loaded; report the ones that did not."""
    from briefing.check import lockfile

    for loaded in checked.memos:
        only = pair_ids.get(loaded.path.stem)
        lock = workspace.lock_file(loaded.path)
        count = lockfile.accept(lock, loaded.memo, only)
        print(f"{workspace.shown(lock)}: {count} pair(s) confirmed")
    failed = [p for p in checked.problems if p.severity == "error" and p.lang is None]
    for problem in failed:
        print(problem.relative(), file=sys.stderr)
    if not checked.memos and not failed:
        raise UsageError("no memo to confirm")
    return 1 if failed else 0


def _as_json(findings: list[Problem], memos: int, errors: int, warnings: int, diff: bool) -> dict:
    return {"memos_checked": memos, "errors": errors, "warnings": warnings,
            "findings": [{"path": str(p.path), "line": p.line, "column": p.column, "severity": p.severity,
                          "message": p.message, "language": p.lang} | (_json_changes(p) if diff else {})
                         for p in findings]}


def _json_changes(problem: Problem) -> dict:
    """With --diff, a stale translation's changes: each language's confirmed text, text now and pieces."""
    if not problem.changes:
        return {}
    from briefing.check.difference import pieces_of

    return {"changes": [{"language": lang, "confirmed": old, "now": new, "pieces": pieces_of(lang, old, new)}
                        for lang, old, new in problem.changes]}

