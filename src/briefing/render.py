"""One interface over the output formats: `render(document, fmt, target)`; heavy imports stay inside."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefing.document import Document, atomic_output

FORMATS = ("pdf", "docx", "html")


@lru_cache(maxsize=4)
def _pdf_renderer(templates_dir: Path):
    """One WeasyPrint renderer per process and templates folder (fonts loaded once)."""
    from briefing.pdf import PdfRenderer
    return PdfRenderer(templates_dir)


def prepare(formats: tuple[str, ...], templates_dir: Path) -> None:
    """Load what the formats need up front, so environment problems show before any output."""
    if "pdf" in formats:
        _pdf_renderer(templates_dir)
    if "docx" in formats:
        from briefing.docx_writer import open_reference
        open_reference(templates_dir / "reference.docx")


def render(document: Document, fmt: str, target: Path) -> Path:
    """Write `document` as `fmt` to `target` (atomically); return `target`."""
    if fmt == "pdf":
        _pdf_renderer(document.templates_dir).render(document, target)
    elif fmt == "docx":
        from briefing.docx_writer import render_docx
        render_docx(document, target)
    else:
        with atomic_output(target) as temporary:
            temporary.write_text(document.html, encoding="utf-8")
    return target
