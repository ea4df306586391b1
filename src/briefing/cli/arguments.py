"""The argument parser of every command: names, options and their help texts."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from briefing import __version__


def _port(text: str) -> int:
    """A TCP port number, 1 to 65535 (0: any free port)."""
    if not text.isdigit() or not 0 <= int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text} is not a port; give a number from 1 to 65535")
    return int(text)


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
    outputs = argparse.ArgumentParser(add_help=False)
    outputs.add_argument("--out", type=Path, help="output folder (default: build/ in the workspace)")
    outputs.add_argument("--lang", action="append", choices=["ja", "en"], help="only this language (repeatable)")
    outputs.add_argument("--format", action="append", choices=["pdf", "docx", "html"],
                         help="only this format (repeatable; default: pdf and docx)")
    build = commands.add_parser("build", parents=[common, outputs], help="write PDF and Word files into build/")
    build.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                       help="processes building at once (default: the number of cores)")
    build.add_argument("--force", action="store_true", help="rebuild everything, even what is up to date")
    build.add_argument("--draft", action="store_true",
                       help="Word files for approval: marked DRAFT / 案, with change tracking on")
    build.add_argument("--embed-fonts", action=argparse.BooleanOptionalAction, default=None,
                       help="embed the fonts in the Word files (about 10 MB), for machines without them "
                            "(default: as templates/reference.docx says)")
    from briefing.render.document import PDF_STANDARDS
    build.add_argument("--pdf-standard", choices=PDF_STANDARDS,
                       help="declare PDF/UA-1, PDF/A-2a or -3a, or both (ua-1+a-2a); every PDF is tagged "
                            "(default: the house style's pdf: standard:, else tagged)")
    commands.add_parser("watch", parents=[common, outputs], help="rebuild what each save changes, until Ctrl-C")
    check_parser = commands.add_parser("check", parents=[common], help="check content and translations, build nothing",
                                       description="PATH may also be MEMO#PAIR-ID, to --accept one pair.")
    check_parser.add_argument("--accept", action="store_true",
                              help="confirm the current translations (of the memos or MEMO#PAIR ids given)")
    check_parser.add_argument("--strict", action="store_true", help="warnings count as errors (exit 1)")
    check_parser.add_argument("--fix", action="store_true",
                              help="apply the safe 公用文 fixes to the Japanese texts in place and print them")
    check_parser.add_argument("--format", choices=["text", "json"], default="text", help="report format")
    check_parser.add_argument("--diff", action="store_true",
                              help="under each stale translation, show what changed since it was confirmed, word by word")
    place = argparse.ArgumentParser(add_help=False)
    place.add_argument("--root", default=".", help="workspace folder holding content/ (default: here)")
    place.add_argument("--debug", action="store_true", help="show tracebacks")
    schema = commands.add_parser("schema", parents=[place], help="print the JSON Schema of memo files, for editors")
    schema.add_argument("--out", nargs="?", type=Path, const=True, metavar="FILE",
                        help="write it to FILE (--out alone: content/_schema/memo.schema.json)")
    new = commands.add_parser("new", parents=[place], help="start content/MEMO-ID.yaml for a memo type")
    new.add_argument("memo_type", nargs="?", metavar="TYPE", help="the memo type (see --list)")
    new.add_argument("memo_id", nargs="?", metavar="MEMO-ID", help="the file name: letters, digits, - and _")
    new.add_argument("--list", action="store_true", help="name the memo types")
    preview = commands.add_parser("preview", parents=[common], help="show memos in the browser, live as you save")
    preview.add_argument("--port", type=_port, help="port on 127.0.0.1 (default: 8471, or a free one)")
    init = commands.add_parser("init", help="start a workspace: your office, a first memo, git and editor settings",
                               description="Writes into DIR what is missing; never overwrites a file.")
    init.add_argument("dir", nargs="?", default=".", type=Path, metavar="DIR", help="the workspace (default: here)")
    init.add_argument("--office", metavar="ID", help="the office's organization id, e.g. mofa (asked if not given)")
    init.add_argument("--name-ja", metavar="NAME", help="the office's name in Japanese (asked if not given)")
    init.add_argument("--name-en", metavar="NAME", help="the office's name in English (asked if not given)")
    init.add_argument("--style", metavar="NAME", help="the office's house style: templates/styles/NAME.yaml")
    init.add_argument("--templates", action="store_true", help="also copy the templates, for an office's own look")
    init.add_argument("--debug", action="store_true", help="show tracebacks")
    word_import = commands.add_parser("import", parents=[place], help="carry edits made to a built Word file "
                                                                      "back into its content file")
    word_import.add_argument("docx", type=Path, metavar="FILE.docx", help="a Word file `briefing build` wrote, edited")
    word_import.add_argument("memo", nargs="?", metavar="MEMO", help="the memo it is (default: the file says)")
    word_import.add_argument("--accept", action="store_true", help="apply the tracked changes (default: list them "
                                                                   "as proposals and leave their text as it was)")
    word_import.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    word_import.add_argument("--new", action="store_true", help="start memo MEMO from a Word file typed by hand "
                                                                "with reference.docx's styles (never overwrites)")
    word_import.add_argument("--lang", choices=("ja", "en"), help="with --new: the Word file's language "
                                                                  "(default: read from its text)")
    compare = commands.add_parser("compare", parents=[place],
                                  help="新旧対照表 (PDF, Word) and a Word redline between two versions of a memo",
                                  description="Default: the last commit (HEAD) against the working copy.")
    compare.add_argument("memo", metavar="MEMO", help="the memo file or id")
    compare.add_argument("--from", dest="from_rev", metavar="REV", help="the old version: this git revision (default: HEAD)")
    versions = compare.add_mutually_exclusive_group()
    versions.add_argument("--to", dest="to_rev", metavar="REV", help="the new version: this git revision (default: the working copy)")
    versions.add_argument("--old", type=Path, metavar="FILE", help="the old version: this YAML file (the new: the working copy)")
    compare.add_argument("--full", action="store_true", help="print unchanged passages whole instead of （略）")
    compare.add_argument("--out", type=Path, help="output folder (default: build/ in the workspace)")
    compare.add_argument("--lang", action="append", choices=["ja", "en"], help="only this language (repeatable)")
    doctor = commands.add_parser("doctor", help="what this machine has for building memos")
    doctor.add_argument("--root", default=".", help="workspace folder (default: here)")
    doctor.add_argument("--debug", action="store_true", help="show tracebacks")
    return main_parser
