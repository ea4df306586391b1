"""The build: select memos → skip what is up to date → check → plan outputs → render → remember.

Only the cache and the workspace are imported up front: a build with nothing to do never loads
the content model, the templates, WeasyPrint or python-docx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from briefing import __version__
from briefing.build.cache import BuildCache, build_lock, key_of, remove_stale_temporaries
from briefing.build.workers import worker_pool
from briefing.content.files import READS
from briefing.render.document import Document
from briefing.errors import ContentError, Problem
from briefing.content.workspace import Workspace, select_memos

if TYPE_CHECKING:
    from briefing.check.memos import Checked

LANGUAGES = ("ja", "en")


@dataclass
class BuildReport:
    """What a build wrote, what was already up to date, and the problems that stopped some outputs."""

    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Plan:
    """The outputs to write, and per memo every output it gives and every file it reads."""

    tasks: list[Task] = field(default_factory=list)
    outputs: dict[Path, list[Path]] = field(default_factory=dict)
    deps: dict[Path, list[Path]] = field(default_factory=dict)


@dataclass(frozen=True)
class Task:
    """One output to write."""

    document: Document
    fmt: str
    target: Path
    key: str


def build(workspace: Workspace, paths: list[str], out_dir: Path | None = None,
          langs: tuple[str, ...] = LANGUAGES, formats: tuple[str, ...] = ("pdf", "docx"), *,
          jobs: int = 1, force: bool = False, draft: bool = False, embed_fonts: bool | None = None,
          on_done: Callable[[Path], None] | None = None, pdf_standard: str | None = None) -> BuildReport:
    """Build what changed among the selected memos; one memo's problems do not stop the others."""
    out_dir = out_dir or workspace.build
    with build_lock(out_dir):  # a second build of this folder waits: cache writes never interleave
        try:
            return _build(workspace, paths, out_dir, langs, formats, jobs, force, on_done,
                          {"draft": draft, "embed_fonts": embed_fonts, "pdf_standard": pdf_standard})
        finally:  # after Ctrl-C or SIGTERM, what terminated workers were writing (they are gone now)
            remove_stale_temporaries(out_dir)


def _build(workspace: Workspace, paths: list[str], out_dir: Path, langs: tuple[str, ...], formats: tuple[str, ...],
           jobs: int, force: bool, on_done: Callable[[Path], None] | None, options: dict) -> BuildReport:
    remove_stale_temporaries(out_dir)
    cache, report = BuildCache(out_dir, force=force), BuildReport()
    request = ",".join(langs) + "|" + ",".join(formats) + "|" + repr(sorted(options.items()))
    shared = workspace.shared_inputs()
    workspace.confine(shared)
    READS.clear()
    shared_fresh = cache.globals_fresh(shared)
    stale = []
    for path in select_memos(workspace, paths):
        fresh = cache.memo_fresh(path, request) if shared_fresh else None
        if fresh is None:
            stale.append(path)
        else:
            report.up_to_date += map(Path, fresh)
    if stale:
        with worker_pool(jobs, formats, workspace.templates) as pool:
            cache.record_globals(shared)
            planned = plan(workspace, stale, out_dir, langs, formats, cache, report, options)
            execute(planned.tasks, pool, cache, report, on_done)
        done = set(report.written) | set(report.up_to_date)
        for path in stale:
            outputs = planned.outputs.get(path)
            if outputs and set(outputs) <= done:
                cache.record_memo(path, request, outputs, planned.deps[path])
            else:
                cache.forget_memo(path)
    cache.save()
    return report


def plan(workspace: Workspace, stale: list[Path], out_dir: Path, langs, formats, cache: BuildCache,
         report: BuildReport, options: dict | None = None) -> Plan:
    """The outputs of the stale memos whose key changed; the others count as up to date."""
    from briefing.check.memos import check
    from briefing.render.formats import prepare

    prepare(formats, workspace.templates)
    checked = check(workspace, stale)
    cache.adopt_reads(READS)  # what the check read is what gets built
    report.problems += [problem for problem in checked.problems if problem.severity == "error"]
    report.warnings += [problem for problem in checked.problems if problem.severity != "error"]
    result = Plan()
    for loaded in checked.memos:
        path, outputs, deps = loaded.path, [], {loaded.path}
        try:
            for document, view in documents(loaded, langs, checked, workspace, **(options or {})):
                deps.update(_images(document))
                for fmt in formats:
                    target = out_dir / f"{document.memo_id}.{document.lang}.{fmt}"
                    key = output_key(view, fmt, document, checked.templates, cache)
                    outputs.append(target)
                    if cache.output_fresh(target, key):
                        report.up_to_date.append(target)
                    else:
                        result.tasks.append(Task(document, fmt, target, key))
        except ContentError as error:
            report.problems += error.problems
            continue
        result.outputs[path], result.deps[path] = outputs, sorted(deps)
    return result


def documents(loaded, langs: tuple[str, ...], checked: Checked, workspace: Workspace,
              **options) -> Iterator[tuple[Document, dict]]:
    """One `Document` (and its view) per language the memo has, the build asks for, and has no errors in."""
    from briefing.view.memo import styled_view

    path, memo, blocked = loaded.path, loaded.memo, loaded.blocked()
    for lang in (lang for lang in dict.fromkeys(memo.languages) if lang in langs and lang not in blocked):
        view = styled_view(memo, path.stem, lang, checked.registry, checked.templates)
        if options.get("draft"):  # marked 案 / DRAFT in the PDF's header and metadata, as in Word's
            view = {**view, "draft": True}
        html = checked.templates.render(view)
        standard = options.get("pdf_standard") or _house_standard(view["pdf"], checked.templates.folder, lang)
        yield Document(path.stem, lang, html, title=_title(html), author=view["issuer"], date=memo.date,
                       content_dir=workspace.content, templates_dir=workspace.templates, strings=view["strings"],
                       **{**options, "pdf_standard": standard}), view


def _house_standard(pdf_strings: dict, templates_dir: Path, lang: str) -> str | None:
    """The view's `pdf: standard:` (strings/<lang>.yaml, or a house style over it); an unknown one is an error."""
    from briefing.render.document import PDF_STANDARDS

    standard = pdf_strings.get("standard")
    if standard is not None and standard not in PDF_STANDARDS:
        raise ContentError([Problem(templates_dir / "strings" / f"{lang}.yaml", 1, 1,
                                    f"pdf: standard: {standard!r} is not known; use one of {', '.join(PDF_STANDARDS)}")])
    return standard


def output_key(view: dict, fmt: str, document: Document, templates, cache: BuildCache) -> str:
    """Hash of everything one output depends on: its view, templates, strings, styles, fonts, images."""
    folder = templates.folder
    inputs = templates.used_by(view["type"]) + [folder / "strings" / f"{document.lang}.yaml"]
    if fmt == "pdf":
        inputs += [folder / "print.css", *sorted((folder / "fonts").glob("*.ttf"))]
    if fmt == "docx":
        inputs += [folder / "reference.docx", *sorted((folder / "fonts").glob("*.ttf"))]
    if fmt != "html":  # the HTML only links to its images
        inputs += _images(document)
    return key_of(__version__, fmt, view, document.draft, document.embed_fonts, document.pdf_standard,
                  [cache.digest(path) for path in inputs])


def execute(tasks: list[Task], pool, cache: BuildCache, report: BuildReport,
            on_done: Callable[[Path], None] | None) -> None:
    """Render the tasks; content problems are reported, others raised.

    With a pool, the workers write the PDFs (they hold WeasyPrint and the fonts) as soon as they are
    up, while this process writes the Word and HTML files, which need neither.
    """
    from briefing.render.formats import render

    def finished(task: Task, error: BaseException | None) -> None:
        if error is None:
            cache.record_output(task.target, task.key)
            report.written.append(task.target)
            if on_done:
                on_done(task.target)
        elif isinstance(error, ContentError):
            report.problems += error.problems
        else:
            raise error

    def here(local: list[Task]) -> None:
        for task in local:
            try:
                render(task.document, task.fmt, task.target)
            except ContentError as error:
                finished(task, error)
            else:
                finished(task, None)

    if pool is None:
        here(tasks)
        return
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    def submit(pdfs: list[Task]) -> dict:
        workers = pool.result()  # started in the background by `worker_pool`
        return {workers.submit(render, t.document, t.fmt, t.target): t for t in pdfs}

    with ThreadPoolExecutor(max_workers=1) as submitter:
        submitting = submitter.submit(submit, [t for t in tasks if t.fmt == "pdf"])
        here([t for t in tasks if t.fmt != "pdf"])
        pending = submitting.result()
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            finished(pending.pop(future), future.exception())


def _images(document: Document) -> list[Path]:
    """The image files the document shows."""
    import re
    return sorted({document.content_dir / src for src in re.findall(r'<img src="([^"]+)"', document.html)})


def _title(html: str) -> str:
    """The text of the HTML's <title> (what the template made of the memo title)."""
    import html as html_lib
    start, end = html.find("<title>") + len("<title>"), html.find("</title>")
    return html_lib.unescape(html[start:end]).strip()


__all__ = ["BuildReport", "build"]
