"""Reference boxes ((参考) / [Reference]) in Word, and what keeps tables and the closing mark in place.

A box is a one-cell table with a border, not paragraphs with borders. Paragraph borders frame only
paragraphs that share the same borders *and indents*: numbered items, bullets and links, which hang their
markers, would break the frame or fall out of it, and two boxes in a row would join into one frame. A cell
holds whatever an official puts in it (new items, a pasted picture, a list moved in) and stays one frame;
two boxes stay two tables, kept apart by a thin empty paragraph, since tables that touch are drawn as one.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

from docx.shared import Twips

from briefing.render.docx import ooxml

BORDER_PT = 0.75  # print.css: .reference-box { border: 0.75pt solid }
PADDING = {"top": 120, "left": 180, "bottom": 120, "right": 180}  # twips; print.css: padding: 6pt 9pt
MARGIN = 180  # twips; print.css: margin: 9pt 0


def write(writer, aside, context) -> None:
    """The box: its title and every block inside it in the one cell of a framed table."""
    previous = _last(writer)
    if previous is not None and not ooxml.is_table(previous):
        ooxml.set_spacing_after(ooxml.ppr(previous), MARGIN)  # the box's top margin, as in the PDF
    table = writer.add_table(1, 1)
    ooxml.set_table_box(table._tbl, BORDER_PT, PADDING)
    cell = table.cell(0, 0)
    table.columns[0].width = cell.width = writer.width
    placeholder = cell.paragraphs[0]._p
    with _inside(writer, cell, writer.width - Twips(PADDING["left"] + PADDING["right"])):
        writer.blocks(aside, replace(context, indent=0, box=True))
    if len(ooxml.blocks(cell._tc)) > 1:
        ooxml.drop(placeholder)
    if ooxml.is_table(ooxml.blocks(cell._tc)[-1]):  # a cell ends with a paragraph (Word requires it): one as thin as can be
        ooxml.set_exact_line(ooxml.ppr(cell.add_paragraph()._p), 20)


@contextmanager
def _inside(writer, cell, width):
    story, outer = writer.story, writer.width
    writer.story, writer.width = cell, width
    try:
        yield
    finally:
        writer.story, writer.width = story, outer


def separate_tables(writer) -> None:
    """A thin empty paragraph when the story ends with a table, so that the next table stays apart."""
    last = _last(writer)
    if ooxml.is_table(last):
        gap = writer.paragraph("Normal")
        ooxml.set_exact_line(ooxml.ppr(gap._p), MARGIN)


def keep_last_with_next(writer) -> None:
    """Keep what ends the story with the next paragraph: a paragraph, or every paragraph of a table's last row."""
    last = _last(writer)
    if last is None:
        return
    for paragraph in ooxml.closing_paragraphs(last):
        ooxml.set_flag(ooxml.ppr(paragraph), "keepNext", True)


def _last(writer):
    """The story's last paragraph or table (not the section properties)."""
    element = writer.story._element if writer.story is not writer.word else writer.word.element.body
    children = ooxml.blocks(element)
    return children[-1] if children else None
