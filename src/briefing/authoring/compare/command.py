"""`briefing compare MEMO`: the 新旧対照表 (PDF, Word) and the Word redline of each language into build/."""

from __future__ import annotations

import tempfile
from html import unescape
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path

from briefing.authoring.compare.align import align
from briefing.authoring.compare.table import redline_paragraphs, table_view
from briefing.authoring.compare.units import units
from briefing.authoring.compare.versions import version
from briefing.content.workspace import Workspace, select_memos
from briefing.build.workers import worker_pool
from briefing.errors import UsageError
from briefing.render.formats import render

PDF_WORKERS = 2  # the two languages' PDFs at once, in processes that load WeasyPrint while the versions load


@dataclass(frozen=True)
class Comparison:
    """What `compare` wrote, and per redline the changed texts it could not track (their paragraphs not found)."""

    written: list[Path]
    untracked: dict[Path, list[str]]


def compare(workspace: Workspace, memo: str, *, from_rev: str | None = None, to_rev: str | None = None,
            old_file: Path | None = None, out_dir: Path | None = None, langs: tuple[str, ...] = ("ja", "en"),
            full: bool = False) -> Comparison:
    """Compare two versions of `memo` (default: the last commit against the working copy) into `out_dir`."""
    selected = select_memos(workspace, [memo])
    if len(selected) != 1:
        raise UsageError(f"{memo}: name one memo to compare, e.g. briefing compare {selected[0].stem if selected else 'MEMO'}")
    path = selected[0]
    if old_file is not None and (from_rev or to_rev):
        raise UsageError("--old FILE compares that file with the working copy; leave out --from and --to")
    out_dir = out_dir or workspace.build
    out_dir.mkdir(parents=True, exist_ok=True)
    with worker_pool(PDF_WORKERS, ("pdf",), workspace.templates) as starting:  # WeasyPrint loads meanwhile
        old = version(workspace, path, file=old_file) if old_file else version(workspace, path, from_rev or "HEAD")
        new = version(workspace, path, to_rev)
        shown = [lang for lang in langs if lang in old.documents and lang in new.documents]
        tables = {lang: _table(workspace, path.stem, old.documents[lang], new.documents[lang], full) for lang in shown}
        pdfs = {lang: out_dir / f"{path.stem}.compare.{lang}.pdf" for lang in shown}
        words = [partial(_word, path.stem, *tables[lang], new.documents[lang], out_dir, new.word_files.get(lang))
                 for lang in shown]
        untracked = []
        while words and starting and not starting.done():  # Word files are written while the workers start
            untracked.append(words.pop(0)())
        rendering = [starting.result().submit(render, tables[lang][2], "pdf", target) if starting
                     else render(tables[lang][2], "pdf", target) for lang, target in pdfs.items()]
        untracked += [word() for word in words]
        for pdf in rendering if starting else ():
            pdf.result()
    words_written = {lang: _word_targets(path.stem, lang, out_dir) for lang in shown}
    return Comparison([file for lang in shown for file in (pdfs[lang], *words_written[lang])],
                      {words_written[lang][1]: texts for lang, texts in zip(shown, untracked) if texts})


def _table(workspace: Workspace, memo_id: str, old, new, full: bool):
    """One language's aligned rows, the 新旧対照表's view and its document (HTML) for the PDF."""
    lang = new.lang
    strings = _with_defaults(new.strings, lang)
    rows = align(units(old.html, lang), units(new.html, lang))
    table = {**table_view(rows, lang, strings, new.title, full), "date_iso": new.date.isoformat()}
    html = _template(workspace.templates).render(table=table)
    title = unescape(html[html.index("<title>") + len("<title>"):html.index("</title>")]).strip()
    return rows, table, replace(new, memo_id=f"{memo_id}.compare", html=html, title=title, draft=False,
                                strings=strings)


def _word(memo_id: str, rows, table: dict, document, new, out_dir: Path, built: Path | None) -> list[str]:
    """One language's 新旧対照表 in Word and its redline: the new version's Word file (`built` if the build wrote
    it from this very version, the same bytes) with the changes tracked; returns the texts it could not track."""
    from briefing.render.docx.compare import render_compare_docx, render_redline_docx

    lang = new.lang
    table_file, redline_file = _word_targets(memo_id, lang, out_dir)
    render_compare_docx(table, document, table_file)
    with tempfile.TemporaryDirectory(prefix="briefing-redline-") as folder:
        plain = built or render(new, "docx", Path(folder) / f"{memo_id}.{lang}.docx")
        return render_redline_docx(plain, redline_paragraphs(rows, lang), document.strings["compare"]["author"],
                                   f"{new.date.isoformat()}T00:00:00Z", new.epoch, redline_file)


def _word_targets(memo_id: str, lang: str, out_dir: Path) -> tuple[Path, Path]:
    return out_dir / f"{memo_id}.compare.{lang}.docx", out_dir / f"{memo_id}.redline.{lang}.docx"


def _with_defaults(strings: dict, lang: str) -> dict:
    """The memo's strings over the package's `compare:` labels: a workspace's older copy of strings/ may lack them."""
    from briefing.content import loader
    from briefing.content.workspace import PACKAGE_TEMPLATES
    from briefing.view.styles import deep_merge

    package = loader.load(PACKAGE_TEMPLATES / "strings" / f"{lang}.yaml").data
    return deep_merge({"compare": package["compare"]}, strings)


@lru_cache(maxsize=4)
def _template(templates: Path):
    """templates/_compare.html.j2 of the workspace, else the package's (a workspace's templates may predate it);
    compiled once for both languages."""
    import jinja2

    from briefing.content.workspace import PACKAGE_TEMPLATES

    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(templates), jinja2.FileSystemLoader(PACKAGE_TEMPLATES)])
    environment = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.get_template("_compare.html.j2")
