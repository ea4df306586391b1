"""`briefing check` without --accept or --fix: every finding of the selected memos, the memos shared out
among forked processes (one per core) as a linter does; each process checks its share alone."""

from __future__ import annotations

import os
import pickle
import signal
from pathlib import Path
from typing import Callable, TypeVar

from briefing.check.fix import locate, strings_problems
from briefing.check.memos import check_memo
from briefing.check.placeholders import placeholders_in
from briefing.content.validate import load_registry
from briefing.content.workspace import Workspace, select_memos
from briefing.errors import Problem
from briefing.view.html import Templates
from briefing.view.memo import house_strings

MEMOS_PER_PROCESS = 24  # fewer memos than this per core are checked in one process: a fork costs about 2 memos
Result = TypeVar("Result")


def lint(workspace: Workspace, paths: list[str], processes: int | None = None) -> tuple[int, list[Problem]]:
    """How many memos loaded, and every finding: the check's, texts still to write, the 公用文 warnings."""
    workspace.confine(workspace.shared_inputs())  # before any template or registry is read
    templates = Templates.at(workspace.templates)
    registry = load_registry(workspace)
    selected = select_memos(workspace, paths)

    def share(memo_paths: list[Path]) -> tuple[int, list[Problem]]:
        count, found = 0, []
        for path in memo_paths:
            loaded, problems = check_memo(path, workspace, registry, templates)
            found += problems
            if loaded is not None:
                count += 1
                found += placeholders_in(loaded.source)
                strings = house_strings(loaded.memo, registry, templates, "ja")
                found += [located.problem for located in locate(loaded, strings)]
        return count, found

    if processes is None:
        processes = min(_cores(), max(1, len(selected) // MEMOS_PER_PROCESS))
    shares = _shared_out(share, selected, processes)
    found = strings_problems(templates.strings["ja"], workspace.templates / "strings" / "ja.yaml")
    for _, problems in shares:
        found += problems
    return sum(count for count, _ in shares), found


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _shared_out(work: Callable[[list], Result], items: list, processes: int) -> list[Result]:
    """`work` of every `processes`-th item: the first share here, each other one in a forked child."""
    if processes < 2 or not hasattr(os, "fork"):
        return [work(items)]
    children = []
    try:
        for number in range(1, processes):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: its share's result (or its exception) down the pipe, then exit at once
                os.close(read)
                _answer(write, lambda: work(items[number::processes]))
            os.close(write)
            children.append((pid, read))
        results = [work(items[0::processes])]
        for pid, read in children:
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            done, value = pickle.loads(data) if data else (False, RuntimeError("a checking process ended early"))
            if not done:
                raise value
            results.append(value)
        return results
    except BaseException:
        for pid, _ in children:  # Ctrl-C or an error: stop the children still checking
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        raise


def _answer(write: int, work: Callable[[], object]) -> None:
    """In a forked child: write `(True, result)` or `(False, exception)` to the pipe and end the process."""
    code = 0
    try:
        try:
            data = pickle.dumps((True, work()))
        except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
            try:
                data = pickle.dumps((False, error))
                pickle.loads(data)
            except Exception:  # an exception that does not survive pickling: its type and text
                data = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # noqa: BLE001 - the parent reads an empty answer as an early end
        code = 1
    finally:
        os._exit(code)
