"""Command line: `briefing build`, `check`, `schema`, `new`, `preview`, `init`, `import`, `compare`, `doctor`; errors
become messages and exit codes here (the options are in `arguments`)."""

from __future__ import annotations

import argparse
import atexit
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from briefing.cli.arguments import parser
from briefing.errors import BriefingError, ContentError, UsageError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 0, 1, 2, 3, 130, 141
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: stop and clean up exactly as for Ctrl-C."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def entry() -> None:
    """The `briefing` command: run `main`, then exit without tearing the interpreter down.

    The exit handlers still run (they stop worker processes and delete WeasyPrint's font copies) and
    the output is flushed; only freeing every object one by one, about 70 ms, is left to the system.
    """
    code = main()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    import signal
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (main() called from a test's thread): leave signals alone
        previous = None
    try:
        return run(args)
    except KeyboardInterrupt as interruption:
        print("interrupted", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(interruption, Terminated) else EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader left (`briefing build | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE_CLOSED
    except BriefingError as error:
        if args.debug:
            raise
        if isinstance(error, ContentError):
            print("\n".join(str(problem.relative()) for problem in error.problems), file=sys.stderr)
        else:
            print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:  # the machine or a path refused (a folder where a file goes, a dangling link…)
        if args.debug:
            raise
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # a bug: say so plainly, without a traceback
        if args.debug:
            raise
        print(f"internal error (a bug in briefing, not in your files): {type(error).__name__}: {error}\n"
              "run the same command with --debug and send the output to the maintainers", file=sys.stderr)
        return EXIT_BUG
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace) -> int:
    """Dispatch a parsed command line."""
    from briefing.build.pipeline import build
    from briefing.content.workspace import Workspace

    if args.command == "doctor":
        return _doctor(args)
    if args.command == "init":
        return _init(args)
    workspace = Workspace.at(args.root)
    if args.command in ("build", "check", "watch") and not args.paths and not workspace.memo_files():
        from briefing.authoring.init import missing_pieces
        print("\n".join(missing_pieces(workspace)), file=sys.stderr)
    if args.command == "check":
        from briefing.check.report import run_check
        return run_check(workspace, args.paths, accept=args.accept, strict=args.strict, output=args.format,
                         fix=args.fix, diff=args.diff)
    if args.command == "import":
        from briefing.authoring.word_import import import_docx
        if args.new or args.lang:
            from briefing.authoring.word_new import import_new
            if not args.new or not args.memo:
                raise UsageError("import --new FILE.docx ID: give the new memo's id (--lang goes with --new)")
            print("\n".join(import_new(workspace, args.docx.resolve(), args.memo, args.lang).lines))
            return EXIT_OK
        outcome = import_docx(workspace, args.docx.resolve(), args.memo, accept=args.accept, dry_run=args.dry_run)
        print("\n".join(outcome.lines) or "no edits to import")
        return EXIT_OK
    if args.command in ("schema", "new", "preview"):
        return _writing(args, workspace)
    if args.command == "compare":
        from briefing.authoring.compare.command import compare
        compared = compare(workspace, args.memo, from_rev=args.from_rev, to_rev=args.to_rev, old_file=args.old,
                           out_dir=args.out.resolve() if args.out else None, langs=tuple(args.lang or ("ja", "en")),
                           full=args.full)
        print("\n".join(workspace.shown(path) for path in compared.written))
        for redline, texts in compared.untracked.items():
            for text in texts:
                print(f"warning: {workspace.shown(redline)}: a change in 「{text[:40]}」 is not tracked: its paragraph "
                      "is not in the Word file; the 新旧対照表 shows it", file=sys.stderr)
        return EXIT_OK
    out = args.out.resolve() if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out} is a file, not a folder")
    langs, formats = tuple(args.lang or ("ja", "en")), tuple(dict.fromkeys(args.format or ("pdf", "docx")))
    if args.command == "watch":
        from briefing.build.watch import watch
        def say(item: object) -> None:
            shown = workspace.shown(item) if isinstance(item, Path) else getattr(item, "relative", lambda: item)()
            print(shown, flush=True)
        watch(workspace, out, langs, formats, say, ready=lambda: print("watching; Ctrl-C stops", flush=True))
        return EXIT_OK
    with progress_reporter(workspace) as on_done:
        report = build(workspace, args.paths, out, langs, formats, jobs=max(1, args.jobs), force=args.force,
                       draft=args.draft, embed_fonts=args.embed_fonts, on_done=on_done,
                       pdf_standard=args.pdf_standard)
    for problem in report.warnings + report.problems:
        print(problem.relative(), file=sys.stderr)
    print(f"{len(report.written)} file(s) written, {len(report.up_to_date)} up to date"
          + (f", {len(report.problems)} error(s)" if report.problems else "")
          + (f", {len(report.warnings)} warning(s)" if report.warnings else ""))
    return EXIT_CONTENT if report.problems else EXIT_OK


@contextmanager
def progress_reporter(workspace) -> Iterator[Callable[[Path], None]]:
    """A callback for each written file: a progress line per file, or a rich bar on a terminal."""
    if not sys.stdout.isatty():
        yield lambda path: print(workspace.shown(path), flush=True)
        return
    from rich.progress import BarColumn, Progress, TextColumn
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} written"),
                  transient=False) as progress:
        task = progress.add_task("building", total=None)

        def advance(path: Path) -> None:
            progress.console.print(workspace.shown(path))
            progress.update(task, advance=1)
        yield advance


def _writing(args: argparse.Namespace, workspace) -> int:
    """`briefing schema`, `briefing new` and `briefing preview`: helpers while writing a memo."""
    if args.command == "schema":
        from briefing.authoring.schema import schema_text, workspace_schema, write_schema
        if args.out is None:
            sys.stdout.write(schema_text(workspace_schema(workspace)))
        else:
            print(workspace.shown(write_schema(workspace, None if args.out is True else args.out.resolve())))
        return EXIT_OK
    if args.command == "new":
        from briefing.authoring.new import memo_types, new_memo
        if args.list:
            print("\n".join(f"{memo_type:16} {summary}" for memo_type, summary in memo_types(workspace)))
            return EXIT_OK
        if not (args.memo_type and args.memo_id):
            raise UsageError("give a memo type and a memo id, e.g. briefing new readout visit-2025 "
                             "(the types: briefing new --list)")
        path = new_memo(workspace, args.memo_type, args.memo_id)
        print(f"{workspace.shown(path)}\nnext: briefing preview {args.memo_id}, edit, briefing check")
        return EXIT_OK
    from briefing.authoring.preview import serve
    serve(workspace, args.paths, args.port)
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    """`briefing init`: ask what the options leave out, write the workspace, say what was written and what next."""
    from briefing.authoring import init

    root = args.dir.resolve()
    if root.exists() and not root.is_dir():
        raise UsageError(f"{args.dir} is a file, not a folder")
    style = init.check_style(args.style, root) if args.style else None
    office_id = init.check_office_id(args.office or init.ask("office id (issuer: and [[id]] in memos)", "my-office"))
    guess_ja, guess_en = init.guess_names(office_id)
    name_ja = args.name_ja or init.ask("office name in Japanese (e.g. 外務省総合外交政策局)", guess_ja)
    name_en = args.name_en or init.ask("office name in English", guess_en)
    office = init.Office(office_id, name_ja, name_en, style)
    written, kept = init.init_workspace(root, office, copy_templates=args.templates)
    print("\n".join(init.summary(root, office, written, kept)))
    return EXIT_OK


def _doctor(args: argparse.Namespace) -> int:
    """Print what the machine has; exit 2 when a build cannot run."""
    from briefing.content.workspace import Workspace
    from briefing.doctor import diagnose
    root = Path(args.root)
    rows, essential = diagnose(Workspace.at(root) if (root / "content").is_dir() else None)
    for what, finding, fine in rows:
        print(f"{'ok ' if fine else '!! '} {what:16} {finding}")
    return EXIT_OK if essential else EXIT_USAGE

