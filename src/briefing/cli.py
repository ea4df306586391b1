"""Command line: `briefing build`, `briefing check`; errors become messages and exit codes here."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from briefing import __version__
from briefing.errors import BriefingError, ContentError, UsageError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    main_parser = argparse.ArgumentParser(
        prog="briefing", description="Japanese and English briefing memos (PDF and Word) from content files.")
    main_parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("paths", nargs="*", metavar="PATH", help="memo files or ids (default: every memo)")
    common.add_argument("--root", default=".", help="workspace folder holding content/ (default: here)")
    common.add_argument("--debug", action="store_true", help="show tracebacks")
    build = commands.add_parser("build", parents=[common], help="write PDF and Word files into build/")
    build.add_argument("--out", type=Path, help="output folder (default: build/ in the workspace)")
    build.add_argument("--lang", action="append", choices=["ja", "en"], help="only this language (repeatable)")
    build.add_argument("--format", action="append", choices=["pdf", "docx", "html"],
                       help="only this format (repeatable; default: pdf and docx)")
    build.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                       help="processes building at once (default: the number of cores)")
    build.add_argument("--force", action="store_true", help="rebuild everything, even what is up to date")
    commands.add_parser("check", parents=[common], help="check content files, build nothing")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BriefingError as error:
        if args.debug:
            raise
        print(f"error: {error}" if not isinstance(error, ContentError) else str(error), file=sys.stderr)
        return error.exit_code


def run(args: argparse.Namespace) -> int:
    """Dispatch a parsed command line."""
    from briefing.build import build, check
    from briefing.workspace import Workspace

    workspace = Workspace.at(args.root)
    if args.command == "check":
        checked = check(workspace, args.paths)
        for problem in checked.problems:
            print(problem, file=sys.stderr)
        print(f"{len(checked.memos)} memo(s) checked, {len(checked.problems)} problem(s)")
        return EXIT_CONTENT if checked.problems else EXIT_OK
    out = args.out.resolve() if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out} is a file, not a folder")
    with progress_reporter(workspace.root) as on_done:
        report = build(workspace, args.paths, out, tuple(args.lang or ("ja", "en")),
                       tuple(dict.fromkeys(args.format or ("pdf", "docx"))), jobs=max(1, args.jobs),
                       force=args.force, on_done=on_done)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"{len(report.written)} file(s) written, {len(report.up_to_date)} up to date"
          + (f", {len(report.problems)} problem(s)" if report.problems else ""))
    return EXIT_CONTENT if report.problems else EXIT_OK


@contextmanager
def progress_reporter(root: Path) -> Iterator[Callable[[Path], None]]:
    """A callback for each written file: a progress line per file, or a rich bar on a terminal."""
    if not sys.stdout.isatty():
        yield lambda path: print(_shown(path, root), flush=True)
        return
    from rich.progress import BarColumn, Progress, TextColumn
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} written"),
                  transient=False) as progress:
        task = progress.add_task("building", total=None)

        def advance(path: Path) -> None:
            progress.console.print(_shown(path, root))
            progress.update(task, advance=1)
        yield advance


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
