"""`briefing compare` in Word: the 新旧対照表 as a real table, and the new memo with the changes tracked."""

from __future__ import annotations

import re
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from briefing.content.files import atomic_output
from briefing.render.docx import ooxml
from briefing.render.docx import parts as docx_parts
from briefing.render.docx import styles as docx_styles
from briefing.render.docx.ooxml import redline
from briefing.render.document import Document

BORDER_PT = 0.75
CELL_PADDING = {"left": 100, "right": 100, "top": 20, "bottom": 20}  # twips
NO_SPACE = re.compile(r"\s+")
HANDLING, HANDLING_STYLE = "handling", "Handling Mark"  # the handling mark's HTML class, and its Word style (header)


def render_compare_docx(table: dict, document: Document, target: Path) -> None:
    """The 新旧対照表 of `table` (authoring.compare.table.table_view) as a landscape Word table."""
    word = docx_styles.open_reference(document.templates_dir / "reference.docx")
    docx_styles.prepare(word, document.strings["locale"], document.lang, {"readout": set(), "section": set()})
    section = word.sections[0]
    if section.page_width < section.page_height:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    title = word.add_paragraph(style="Title")
    title.add_run(table["title"]).add_break()
    title.add_run(table["heading"])
    note = word.add_paragraph(table["note"], style="Body Text")
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    grid = word.add_table(rows=1 + len(table["rows"]), cols=len(table["columns"]))
    ooxml.set_table_box(grid._tbl, BORDER_PT, CELL_PADDING)
    width = (section.page_width - section.left_margin - section.right_margin) // len(table["columns"])
    for column in grid.columns:
        column.width = width
    redline.set_header_row(grid.rows[0]._tr)
    for cell, label in zip(grid.rows[0].cells, table["columns"]):
        _cell_paragraph(cell, [(label, False)], WD_ALIGN_PARAGRAPH.CENTER)
    for row, values in zip(grid.rows[1:], table["rows"]):
        ooxml.set_row(row._tr)
        for cell, value in zip(row.cells, values["cells"]):
            cell.width = width
            ragged = WD_ALIGN_PARAGRAPH.LEFT if document.lang != "ja" else None  # as compare.css: English not justified
            paragraph = _cell_paragraph(cell, value["pieces"], WD_ALIGN_PARAGRAPH.CENTER if value["label"] else ragged)
            if value["heading"]:
                for run in paragraph.runs:
                    run.bold = True
    docx_parts.properties(word, document, document.lang)
    with atomic_output(target) as temporary:
        ooxml.save_deterministic(word, temporary, ooxml.zip_time(document.epoch))


def _cell_paragraph(cell, pieces: list[tuple[str, bool]], alignment):
    """The cell's one paragraph: plain text, the changed pieces underlined (傍線)."""
    paragraph = cell.paragraphs[0]
    paragraph.style = "Body Text"
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.left_indent = Pt(0)
    if alignment is not None:
        paragraph.alignment = alignment
    for text, changed in pieces:
        run = paragraph.add_run(text)
        if changed:
            run.underline = True
    return paragraph


def render_redline_docx(new_docx: Path, paragraphs: list[dict], author: str, date_iso: str, epoch: int,
                        target: Path) -> list[str]:
    """The new memo's Word file `new_docx` with `paragraphs` (table.redline_paragraphs) as tracked changes.

    Returns the texts of units whose paragraph was not found. The handling mark's change is tracked in the header."""
    import docx

    word = docx.Document(str(new_docx))
    marks = redline.Revisions(author, date_iso, first=redline.free_id(word.part.package))
    _track_handling(word, [unit for unit in paragraphs if unit["kind"] == HANDLING], marks)
    paragraphs = [unit for unit in paragraphs if unit["kind"] != HANDLING]
    body = redline.text_paragraphs(word.element.body)
    bound, missed, start = {}, [], 0
    for index, unit in enumerate(paragraphs):
        if unit["whole"] == "-":
            continue
        printed = "".join(text for op, text in unit["pieces"] if op != "-")
        wanted = _key(printed)
        found = next((i for i in range(start, len(body)) if _key(redline.text_of(body[i])) == wanted), None)
        if found is None:
            missed.append(printed)
            continue
        bound[index], start = body[found], found + 1
    previous = None
    for index, unit in enumerate(paragraphs):
        if index in bound:
            paragraph = previous = bound[index]
            if unit["whole"] == "+":
                redline.replace_runs(paragraph, [("+", redline.text_of(paragraph))], marks)
                redline.mark_paragraph(paragraph, "+", marks)
            elif any(op != "=" for op, _ in unit["pieces"]):
                redline.replace_runs(paragraph, unit["pieces"], marks)
        elif unit["whole"] == "-":
            like = next((bound[i] for i in bound if paragraphs[i]["kind"] == unit["kind"]), previous)
            anchor = previous if previous is not None else next(iter(bound.values()), None)
            if anchor is None or like is None:
                missed.append("".join(text for _, text in unit["pieces"]))
                continue
            paragraph = redline.paragraph_after(anchor, like)
            if previous is None:
                anchor.addprevious(paragraph)
            redline.replace_runs(paragraph, [("-", "".join(text for _, text in unit["pieces"]))], marks)
            redline.mark_paragraph(paragraph, "-", marks)
            previous = paragraph
    with atomic_output(target) as temporary:
        ooxml.save_deterministic(word, temporary, ooxml.zip_time(epoch))
    return missed


def _track_handling(word, units: list[dict], marks) -> None:
    """The handling mark's change in the header: its words changed, or the whole mark added or removed."""
    if not units or all(op == "=" for unit in units for op, _ in unit["pieces"]):
        return
    kept = [unit["pieces"] for unit in units if unit["whole"] == "="]
    pieces = kept[0] if kept else ([("-", text) for unit in units if unit["whole"] == "-" for _, text in unit["pieces"]]
                                   + [("+", text) for unit in units if unit["whole"] == "+" for _, text in unit["pieces"]])
    section = word.sections[0]
    story = section.header
    paragraph = next((p for p in story.paragraphs if p.style is not None and p.style.name == HANDLING_STYLE), None)
    added = not kept and paragraph is not None and all(op == "+" for op, _ in pieces)  # the old version had none
    whole = "-" if paragraph is None else "+" if added else None
    if paragraph is None:  # the new version has no mark: the old one comes back as a deleted paragraph
        story.is_linked_to_previous = False
        paragraph = next((p for p in story.paragraphs if not p.text), None) or story.add_paragraph()
        paragraph.style = HANDLING_STYLE
    redline.replace_runs(paragraph._p, pieces, marks)
    if whole:
        redline.mark_paragraph(paragraph._p, whole, marks)
    if docx_parts.boxed(paragraph.style):  # the box holds the deleted and the inserted words
        docx_parts.fit_box(paragraph, "".join(text for _, text in pieces),
                           section.page_width - section.left_margin - section.right_margin)


def _key(text: str) -> str:
    """A paragraph's text without any space or line break: how a unit finds its paragraph."""
    return NO_SPACE.sub("", text)
