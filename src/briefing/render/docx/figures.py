"""Figures in Word: pictures at their share of the text width, side by side where the PDF sets them so."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Emu, Twips

from briefing.render.docx import ooxml
from briefing.render.docx.text import segments
from briefing.render.photos import WORD_PPI, fitted

WIDTH = re.compile(r"width:\s*([\d.]+)%")
GAP = 0.02  # print.css: .figure { margin-right: 2% }; figures flow side by side while they fit


def write(writer, figures: list) -> None:
    """Figures that follow one another, in rows as the PDF flows them: one borderless table, each picture with
    its caption centred under it in a cell; a figure as wide as the text is two plain paragraphs."""
    rows: list[list] = []
    for row in _rows(figures) + [[]]:
        if row and (len(row) > 1 or share(row[0]) < 1):
            rows.append(row)
            continue
        if rows:  # one table for the rows so far: Word and LibreOffice join tables that touch
            _table(writer, rows)
            rows = []
        if row:
            _figure(writer, row[0], None)


def _table(writer, rows: list[list]) -> None:
    columns = max(len(row) for row in rows)
    gap = Twips(math.ceil(writer.width * GAP / 635))
    widths = [Emu(max(_picture_cell(writer, row[i]) for row in rows if i < len(row)) + gap) for i in range(columns)]
    table = writer.add_table(len(rows), columns)  # no style: Word's borderless Normal Table
    table.autofit, table.alignment = False, WD_TABLE_ALIGNMENT.LEFT
    # Pictures start at the margin, as in the PDF: no cell margin on the left; the gap is the right one.
    ooxml.set_cell_margins(table._tbl, {"left": 0, "right": gap.twips})
    for column, width in zip(table.columns, widths):
        column.width = width
    for table_row, row in zip(table.rows, rows):
        cells = table_row.cells
        for cell, width, figure in zip(cells, widths, row):
            cell.width = width
            placeholder = cell.paragraphs[0]
            _figure(writer, figure, cell)
            ooxml.drop(placeholder._p)
        for cell in cells[len(row):]:
            ooxml.drop(cell._tc)
        ooxml.set_row(table_row._tr, grid_after=columns - len(row))


def _picture_cell(writer, figure) -> int:
    """The room a picture needs in its cell, in whole twips (a cell narrower than its picture clips it)."""
    return Twips(math.ceil(_picture_width(writer, figure) / 635))


def _picture_width(writer, figure) -> Emu:
    return Emu(int(writer.width * share(figure)))


def share(figure) -> float:
    """The figure's width as a share of the text width (its style="width: 45%")."""
    match = WIDTH.search(figure.get("style", ""))
    return min(float(match.group(1)) if match else 100.0, 100.0) / 100


def _rows(figures: list) -> list[list]:
    rows: list[list] = []
    used = 1.0
    for figure in figures:
        need = share(figure) + GAP
        if used + need > 1.0 + 1e-9:
            rows.append([])
            used = 0.0
        rows[-1].append(figure)
        used += need
    return rows


def _figure(writer, element, container) -> None:
    """The picture (style Figure, kept with the next paragraph) and its caption (style Caption)."""
    image = element.find(".//img")
    if image is not None:
        section = writer.word.sections[0]
        text_height = section.page_height - section.top_margin - section.bottom_margin
        run = writer.paragraph("Figure", container=container).add_run()
        width = _picture_width(writer, element)
        path = writer.asset(image.get("src", ""))
        try:
            shape = run.add_picture(_picture(path, width), width=width)
        except UnrecognizedImageError:
            raise writer.problem(f"figure {image.get('src')}: not an image Word can show (use PNG or JPEG)")
        if shape.height > text_height * 0.8:
            scale = text_height * 0.8 / shape.height
            shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
        ooxml.set_alt_text(shape._inline, image.get("alt", ""))
        ooxml.set_inline_flush(shape._inline)
        ooxml.set_picture_identity(shape._inline, _unique_name(writer, path.name))
    caption = element.find("figcaption")
    if caption is not None:
        writer.runs(writer.paragraph("Caption", container=container), segments(caption))


def _unique_name(writer, name: str) -> str:
    """The image's file name, numbered when the memo shows the same file twice."""
    used = writer.picture_names
    stem, dot, suffix = name.rpartition(".")
    unique, n = name, 1
    while unique in used:
        n += 1
        unique = f"{stem}-{n}{dot}{suffix}" if dot else f"{name}-{n}"
    used.add(unique)
    return unique


def _picture(path: Path, width: Emu) -> io.BytesIO:
    """The image; a photo upright and at Word's 220 ppi for its printed width, as Word saves it."""
    return io.BytesIO(fitted(path.read_bytes(), width=math.ceil(width.inches * WORD_PPI)))
