"""One interface over the output formats: `render(document, fmt, target)`; heavy imports stay inside."""

from __future__ import annotations

import atexit
import gc
import re
from functools import lru_cache
from pathlib import Path

from briefing.content.files import atomic_output
from briefing.render.document import Document


def _pdf_renderer(templates_dir: Path):
    """The WeasyPrint renderer of a templates folder as its styles are now (fonts loaded once per process)."""
    return _renderer(templates_dir, _styles_stamp(templates_dir))


@lru_cache(maxsize=4)
def _renderer(templates_dir: Path, stamp: tuple):
    from briefing.render.pdf.renderer import PdfRenderer
    return PdfRenderer(templates_dir)


def _styles_stamp(templates_dir: Path) -> tuple:
    """Name, size and time of change of what a renderer loads: print.css and the fonts (`watch` edits them)."""
    from briefing.content.files import file_stat
    files = [templates_dir / "print.css", *sorted((templates_dir / "fonts").glob("*"))]
    return tuple((path.name, *(file_stat(path) or ())) for path in files)


@atexit.register
def _release_fonts() -> None:
    """Free WeasyPrint's fonts, deleting their temporary copies, while the interpreter still can."""
    if _renderer.cache_info().currsize:
        _renderer.cache_clear()
        gc.collect()  # the renderer may sit in reference cycles


def prepare(formats: tuple[str, ...], templates_dir: Path) -> None:
    """Check, without importing a renderer, that the files the formats need are there."""
    from briefing.errors import EnvironmentProblem

    needed = [templates_dir / "print.css"] if "pdf" in formats else []
    needed += [templates_dir / "reference.docx"] if "docx" in formats else []
    if "pdf" in formats and needed[0].is_file():
        css = needed[0].read_text(encoding="utf-8")
        needed += [templates_dir / url.strip("'\"") for url in re.findall(r"url\(([^)]+)\)", css)]
    for path in needed:
        if not path.is_file():
            raise EnvironmentProblem(f"{path} is missing; restore it from the repository"
                                     + ("" if path.suffix != ".docx" else " or run scripts/make_reference_docx.py"))


def warm_up(templates_dir: Path) -> None:
    """Load WeasyPrint's fonts in a PDF worker, so its first PDF is as quick as the others."""
    _pdf_renderer(templates_dir)


def render(document: Document, fmt: str, target: Path) -> Path:
    """Write `document` as `fmt` to `target` (atomically); return `target`."""
    if fmt == "pdf":
        _pdf_renderer(document.templates_dir).render(document, target)
    elif fmt == "docx":
        from briefing.render.docx.writer import render_docx
        render_docx(document, target)
    else:
        with atomic_output(target) as temporary:
            temporary.write_text(document.html, encoding="utf-8")
    return target
