"""Tables in WordprocessingML: framed boxes, cell margins, rows kept on one page, and the blocks of a story."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from briefing.render.docx.ooxml.elements import BORDER_SIDES, child, line

TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
              "tblHeader", "tblCellSpacing", "jc", "hidden")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
               "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def set_table_box(tbl, size_pt: float, margins_twips: dict[str, int], fixed: bool = True) -> None:
    """A table framed on every side (w:tblBorders) with cell padding (w:tblCellMar), laid out at its widths."""
    properties = tbl.tblPr
    borders = child(properties, "tblBorders", TBLPR_ORDER)
    for side in BORDER_SIDES + ("insideH", "insideV"):
        borders.append(line(OxmlElement(f"w:{side}"), size_pt, 0))
    set_cell_margins(tbl, margins_twips)
    if fixed:
        child(properties, "tblLayout", TBLPR_ORDER).set(qn("w:type"), "fixed")


def set_cell_margins(tbl, margins_twips: dict[str, int]) -> None:
    """The table's default cell margins (w:tblCellMar), in twips per side."""
    margins = child(tbl.tblPr, "tblCellMar", TBLPR_ORDER)
    for side in BORDER_SIDES:
        if side in margins_twips:
            element = child(margins, side, BORDER_SIDES)
            element.set(qn("w:w"), str(margins_twips[side]))
            element.set(qn("w:type"), "dxa")


def set_row(tr, grid_after: int = 0) -> None:
    """A table row kept on one page (w:cantSplit), with `grid_after` grid columns left empty at its end."""
    properties = tr.get_or_add_trPr()
    child(properties, "cantSplit", TRPR_ORDER)
    if grid_after:
        child(properties, "gridAfter", TRPR_ORDER).set(qn("w:val"), str(grid_after))


def blocks(story) -> list:
    """The paragraphs and tables of a body, cell, header or footer, in order (not its section properties)."""
    return [element for element in story if element.tag in (qn("w:p"), qn("w:tbl"))]


def is_table(element) -> bool:
    """Whether a block is a table (w:tbl)."""
    return element is not None and element.tag == qn("w:tbl")


def closing_paragraphs(block) -> list:
    """The paragraphs that end a block: the paragraph itself, or every paragraph of a table's last row."""
    if not is_table(block):
        return [block]
    return list(block.findall(qn("w:tr"))[-1].iter(qn("w:p")))
