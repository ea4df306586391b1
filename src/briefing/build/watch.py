"""`briefing watch`: one warm process that rebuilds what each save affects, until interrupted."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable

from briefing.build.pipeline import build
from briefing.errors import BriefingError, ContentError
from briefing.content.workspace import Workspace

log = logging.getLogger(__name__)


OUTPUT_SUFFIXES = (".pdf", ".docx", ".html")
MAX_REBUILDS = 5  # in a row, while saves keep arriving during each


def _relevant(out_dir: Path, sources: list[Path]) -> Callable[[object, str], bool]:
    """A watchfiles filter: content and templates, not outputs, hidden or temporary files.

    Outputs lie flat in the output folder, which may hold the sources (`--out .`) or share a prefix
    with them (`--out cont`): folders are compared by their parts, never as strings.
    """
    def output(path: Path) -> bool:
        if path.parent == out_dir:
            return path.suffix in OUTPUT_SUFFIXES
        return path.is_relative_to(out_dir) and not any(path.is_relative_to(source) for source in sources)

    def keep(change: object, path: str) -> bool:
        name = Path(path).name
        return not (output(Path(path)) or name.startswith((".", "~")) or name.endswith((".tmp", ".swp", "~")))
    return keep


def watch(workspace: Workspace, out_dir: Path | None, langs: tuple[str, ...], formats: tuple[str, ...],
          report: Callable[[object], None], *, ready: Callable[[], None] = lambda: None) -> None:
    """Build now, then after every burst of saves; problems are reported and watching goes on."""
    from watchfiles import watch as watch_changes

    out_dir = (out_dir or workspace.build).resolve()
    # PDFs first: they are what an official looks at while editing.
    formats = tuple(sorted(formats, key=lambda fmt: fmt != "pdf"))
    _rebuild(workspace, out_dir, langs, formats, report)
    watching = False
    sources = [workspace.content.resolve(), workspace.templates.resolve()]
    for changes in watch_changes(*sources, watch_filter=_relevant(out_dir, sources),
                                 debounce=400, step=30, raise_interrupt=True, yield_on_timeout=True,
                                 rust_timeout=250):
        if not watching:  # the watcher is active only now: catch what changed while it started
            watching = True
            _rebuild(workspace, out_dir, langs, formats, report)
            ready()
            continue
        if not changes:
            continue
        started = time.perf_counter()
        log.info("changed: %s", ", ".join(sorted(Path(path).name for _, path in changes)))
        _rebuild(workspace, out_dir, langs, formats, report)
        log.info("rebuilt in %.2f s; watching", time.perf_counter() - started)


def _rebuild(workspace: Workspace, out_dir: Path, langs, formats, report: Callable[[object], None]) -> None:
    """Build until no save arrived during the build (each save is built, however slow the build)."""
    for _ in range(MAX_REBUILDS):
        started = time.time_ns()
        _build_once(workspace, out_dir, langs, formats, report)
        if not _saved_since(started, [workspace.content, workspace.templates], out_dir):
            return


def _saved_since(moment: int, folders: list[Path], out_dir: Path) -> bool:
    """A file of `folders` (outputs aside) changed at or after `moment` (ns)."""
    keep = _relevant(out_dir.resolve(), [folder.resolve() for folder in folders])
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                if path.stat().st_mtime_ns >= moment and path.is_file() and keep(None, str(path.resolve())):
                    return True
            except OSError:
                continue
    return False


def _build_once(workspace: Workspace, out_dir: Path, langs, formats, report: Callable[[object], None]) -> None:
    """One incremental build in this process; a failure is shown, never the end of watching."""
    try:
        result = build(workspace, [], out_dir, langs, formats, jobs=1, on_done=report)
    except ContentError as error:
        for problem in error.problems:
            report(problem)
        return
    except BriefingError as error:
        report(f"error: {error}")
        return
    except (OSError, RecursionError, ValueError) as error:  # a path the machine refuses, or a bug: say it, watch on
        report(f"error: {type(error).__name__}: {error}; still watching")
        return
    for problem in result.warnings + result.problems:  # as `briefing build` prints them
        report(problem)
