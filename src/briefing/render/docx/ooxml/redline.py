"""Tracked changes for a redline (w:ins, w:del, paragraph marks) and a table's repeating header row."""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from briefing.render.docx.ooxml.elements import PPR_ORDER, child
from briefing.render.docx.ooxml.tables import TRPR_ORDER


class Revisions:
    """Numbers the revisions of one document (w:id) and stamps each with one author and one date."""

    def __init__(self, author: str, date_iso: str):
        self.author, self.date, self.count = author, date_iso, 0

    def mark(self, tag: str):
        """A new w:ins or w:del element with its id, author and date."""
        element = OxmlElement(f"w:{tag}")
        element.set(qn("w:id"), str(self.count))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self.count += 1
        return element


def paragraph_runs(p) -> list:
    """The runs directly in a paragraph or in its hyperlinks, in order."""
    return [r for r in p.iter(qn("w:r"))]


def text_of(p) -> str:
    """A paragraph's text as Word shows it with changes accepted (w:t; w:br and w:tab as nothing)."""
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def text_paragraphs(body) -> list:
    """Every paragraph of the body with text, tables' cells included, in reading order."""
    return [p for p in body.iter(qn("w:p")) if text_of(p).strip()]


def replace_runs(p, pieces: list[tuple[str, str]], revisions: Revisions) -> None:
    """The paragraph's runs replaced by `pieces`: "=" plain, "-" in w:del, "+" in w:ins; formatted like its first run."""
    runs = paragraph_runs(p)
    template = copy.deepcopy(runs[0].find(qn("w:rPr"))) if runs and runs[0].find(qn("w:rPr")) is not None else None
    for element in list(p):
        if element.tag != qn("w:pPr"):
            p.remove(element)
    for op, text in pieces:
        run = OxmlElement("w:r")
        if template is not None:
            run.append(copy.deepcopy(template))
        text_element = OxmlElement("w:delText" if op == "-" else "w:t")
        text_element.text = text
        text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(text_element)
        if op == "=":
            p.append(run)
        else:
            wrapper = revisions.mark("del" if op == "-" else "ins")
            wrapper.append(run)
            p.append(wrapper)


def mark_paragraph(p, op: str, revisions: Revisions) -> None:
    """The paragraph mark itself inserted ("+") or deleted ("-"): the paragraph comes or goes with the change."""
    properties = p.get_or_add_pPr()
    run_properties = child(properties, "rPr", PPR_ORDER)
    run_properties.insert(0, revisions.mark("del" if op == "-" else "ins"))


def paragraph_after(p, source):
    """A copy of `source`'s paragraph properties as a new paragraph right after `p`."""
    new = OxmlElement("w:p")
    properties = source.find(qn("w:pPr"))
    if properties is not None:
        new.append(copy.deepcopy(properties))
        for mark in new.iter(qn("w:ins"), qn("w:del")):
            mark.getparent().remove(mark)
    p.addnext(new)
    return new


def set_header_row(tr) -> None:
    """The row repeats at the top of every page the table runs onto (w:tblHeader)."""
    child(tr.get_or_add_trPr(), "tblHeader", TRPR_ORDER)
