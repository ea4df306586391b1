"""The build: content files → checked memos → per-language HTML → PDF, DOCX and HTML files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.document import Document, atomic_output
from briefing.errors import BriefingError, ContentError, Problem, UsageError
from briefing.html import Templates
from briefing.model import LANGUAGES, Memo
from briefing.registry import Registry
from briefing.validate import load_memo, load_registry
from briefing.view import memo_view
from briefing.workspace import Workspace

FORMATS = ("pdf", "docx", "html")


@dataclass
class BuildReport:
    """What a build wrote and which problems stopped which memos."""

    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def select_memos(workspace: Workspace, paths: list[str]) -> list[Path]:
    """The memo files named on the command line, or every memo of the workspace."""
    if not paths:
        return workspace.memo_files()
    selected = []
    for name in paths:
        path = Path(name)
        candidates = [path, workspace.root / path, workspace.content / path, workspace.content / f"{name}.yaml"]
        found = next((p.resolve() for p in candidates if p.is_file()), None)
        if found is None:
            raise UsageError(f"no memo file '{name}'; give a path such as content/<memo-id>.yaml or a memo id")
        selected.append(found)
    return selected


@dataclass
class Checked:
    """The outcome of checking: what the build works from, and every problem found."""

    templates: Templates
    registry: Registry
    memos: list[tuple[Path, Memo]]
    problems: list[Problem]


def check(workspace: Workspace, paths: list[str]) -> Checked:
    """Load and check the templates' strings, the registries and the selected memos."""
    templates = Templates(workspace.templates)
    registry = load_registry(workspace)
    memos, problems = [], []
    for path in select_memos(workspace, paths):
        try:
            memos.append((path, load_memo(path, workspace, registry, templates.numbering_depth)))
        except ContentError as error:
            problems += error.problems
    return Checked(templates, registry, memos, problems)


def build(workspace: Workspace, paths: list[str], out_dir: Path | None = None,
          langs: tuple[str, ...] = LANGUAGES, formats: tuple[str, ...] = ("pdf", "docx")) -> BuildReport:
    """Build the selected memos; a memo with problems is reported and the others still built."""
    checked = check(workspace, paths)
    report = BuildReport(problems=checked.problems)
    renderers = _renderers(formats, workspace.templates)
    for path, memo in checked.memos:
        try:
            for document in documents(path, memo, langs, checked, workspace):
                for fmt, render in renderers.items():
                    target = (out_dir or workspace.build) / f"{document.memo_id}.{document.lang}.{fmt}"
                    render(document, target)
                    report.written.append(target)
        except ContentError as error:
            report.problems += error.problems
    return report


def documents(path: Path, memo: Memo, langs: tuple[str, ...], checked: Checked, workspace: Workspace):
    """One `Document` per language the memo is written in and the build asks for."""
    memo_id = path.stem
    for lang in (lang for lang in memo.languages if lang in langs):
        view = memo_view(memo, memo_id, lang, checked.registry, checked.templates.strings[lang])
        html = checked.templates.render(view)
        yield Document(memo_id, lang, html, title=_title(html), author=view["issuer"], date=memo.date,
                       content_dir=workspace.content, templates_dir=workspace.templates)


def _title(html: str) -> str:
    """The text of the HTML's <title> (what the template made of the memo title)."""
    import html as html_lib
    start, end = html.find("<title>") + len("<title>"), html.find("</title>")
    return html_lib.unescape(html[start:end]).strip()


def _renderers(formats: tuple[str, ...], templates_dir: Path) -> dict:
    """Renderer per format; heavy libraries are imported only for the formats asked for."""
    renderers = {}
    for fmt in formats:
        if fmt == "pdf":
            from briefing.pdf import PdfRenderer
            renderers["pdf"] = PdfRenderer(templates_dir).render
        elif fmt == "docx":
            from briefing.docx_writer import render_docx
            renderers["docx"] = render_docx
        elif fmt == "html":
            renderers["html"] = _write_html
        else:
            raise BriefingError(f"unknown format {fmt}")
    return renderers


def _write_html(document: Document, target: Path) -> None:
    with atomic_output(target) as temporary:
        temporary.write_text(document.html, encoding="utf-8")
