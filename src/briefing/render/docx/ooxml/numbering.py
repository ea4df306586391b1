"""Word numbering (PITFALLS §5): abstract lists, restarted lists, and paragraphs in them."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from briefing.render.docx.ooxml.elements import set_indent, set_rfonts


@dataclass(frozen=True)
class Level:
    """One w:lvl: format, text with %n placeholders, and indents in characters."""

    num_fmt: str
    text: str
    left: float
    hanging: float
    hint: str | None = None
    font: str | None = None  # for bullets: the glyph's font (LibreOffice ignores w:hint)


def add_abstract_num(numbering, levels: list[Level], em: int, char_units: bool = True) -> int:
    """A new w:abstractNum, placed before every w:num as the schema requires; returns its id."""
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for tag, value in (("nsid", f"{0x42520000 + abstract_id:08X}"), ("multiLevelType", "multilevel")):
        abstract.append(_valued(f"w:{tag}", value))
    for ilvl, level in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("start", "1"), ("numFmt", level.num_fmt), ("lvlText", level.text), ("lvlJc", "left")):
            lvl.append(_valued(f"w:{tag}", value))
        level_ppr = OxmlElement("w:pPr")
        set_indent(level_ppr, em, left=level.left, hanging=level.hanging, char_units=char_units)
        lvl.append(level_ppr)
        if level.hint or level.font:
            level_rpr = OxmlElement("w:rPr")
            set_rfonts(level_rpr, level.font, level.font, level.hint)
            lvl.append(level_rpr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return abstract_id


def add_num(numbering, abstract_id: int, levels: int) -> int:
    """A new w:num restarting every level at 1 (lvlOverride/startOverride); returns its numId."""
    num = numbering.add_num(abstract_id)
    for ilvl in range(levels):
        num.add_lvlOverride(ilvl).add_startOverride(1)
    return num.numId


def set_numbering(ppr_element, num_id: int, ilvl: int) -> None:
    """w:numPr: this paragraph is item `ilvl` of list `num_id`."""
    num_pr = ppr_element.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _valued(tag: str, value: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def level_element(numbering, num_id: int, ilvl: int):
    """The w:lvl `ilvl` of the abstract list that list `num_id` uses."""
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == str(abstract_id):
            return abstract.findall(qn("w:lvl"))[ilvl]
    raise KeyError(num_id)


def set_level_indent(lvl, em: int, left: float, hanging: float, char_units: bool = True) -> None:
    """Where a level's marker and text stand, in characters."""
    level_ppr = lvl.find(qn("w:pPr"))
    level_ppr.remove(level_ppr.find(qn("w:ind")))
    set_indent(level_ppr, em, left=left, hanging=hanging, char_units=char_units)


def link_style(numbering, num_id: int, ilvl: int, style, style_id: str) -> None:
    """Word's style-linked numbering: level `ilvl` names the paragraph style (w:lvl/w:pStyle) and the style
    carries the list (w:numPr), so a paragraph given that style from the gallery is numbered at that level."""
    lvl = level_element(numbering, num_id, ilvl)
    lvl.find(qn("w:numFmt")).addnext(_valued("w:pStyle", style_id))  # CT_Lvl: start, numFmt, (lvlRestart), pStyle
    num_pr = style.get_or_add_pPr().get_or_add_numPr()
    if ilvl:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def set_no_numbering(ppr_element) -> None:
    """numId 0: a paragraph of a numbered style that carries no number (an unnumbered heading)."""
    ppr_element.get_or_add_numPr().get_or_add_numId().val = 0
