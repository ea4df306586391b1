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
CELL_MARGINS = Twips(2 * 108)  # Word's default left and right cell margins


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
    widths = [max(_cell_width(writer, row[i]) for row in rows if i < len(row)) for i in range(columns)]
    table = writer.word.add_table(rows=len(rows), cols=columns)  # no style: Word's borderless Normal Table
    table.autofit, table.alignment = False, WD_TABLE_ALIGNMENT.LEFT
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


def _cell_width(writer, figure) -> Emu:
    return Emu(int(_text_width(writer) * share(figure)) + CELL_MARGINS)


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


def _text_width(writer) -> int:
    section = writer.word.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _figure(writer, element, container) -> None:
    """The picture (style Figure, kept with the next paragraph) and its caption (style Caption)."""
    image = element.find(".//img")
    if image is not None:
        section = writer.word.sections[0]
        text_height = section.page_height - section.top_margin - section.bottom_margin
        run = writer.paragraph("Figure", container=container).add_run()
        width = Emu(int(_text_width(writer) * share(element)))
        try:
            shape = run.add_picture(_picture(writer.asset(image.get("src", "")), width), width=width)
        except UnrecognizedImageError:
            raise writer.problem(f"figure {image.get('src')}: not an image Word can show (use PNG or JPEG)")
        if shape.height > text_height * 0.8:
            scale = text_height * 0.8 / shape.height
            shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
        ooxml.set_alt_text(shape._inline, image.get("alt", ""))
    caption = element.find("figcaption")
    if caption is not None:
        writer.runs(writer.paragraph("Caption", container=container), segments(caption))


def _picture(path: Path, width: Emu) -> io.BytesIO:
    """The image; a photo upright and at Word's 220 ppi for its printed width, as Word saves it."""
    return io.BytesIO(fitted(path.read_bytes(), width=math.ceil(width.inches * WORD_PPI)))
