"""Tracked changes for a redline (w:ins, w:del, paragraph marks) and a table's repeating header row."""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from briefing.render.docx.ooxml.elements import PPR_ORDER, child
from briefing.render.docx.ooxml.tables import TRPR_ORDER


class Revisions:
    """Numbers the revisions of one document (w:id) and stamps each with one author and one date."""

    def __init__(self, author: str, date_iso: str, first: int = 0):
        self.author, self.date, self.count = author, date_iso, first

    def mark(self, tag: str):
        """A new w:ins or w:del element with its id, author and date."""
        element = OxmlElement(f"w:{tag}")
        element.set(qn("w:id"), str(self.count))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self.count += 1
        return element


def free_id(package) -> int:
    """The first w:id above every one in the package's parts (bookmarks, comments): a revision's id is its own."""
    taken = [int(value) for part in package.iter_parts() if hasattr(part, "element")
             for value in part.element.xpath("//@w:id") if value.lstrip("-").isdigit()]
    return max(taken, default=-1) + 1


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
    """The paragraph's runs replaced by `pieces`: "=" plain, "-" in w:del, "+" in w:ins.

    Kept and inserted words keep the formatting of the runs they were in (a Latin run inside Japanese, a
    bold word), their link, and the line breaks between them; deleted words take those of the place they stood."""
    stream = _formatted(p)
    for element in list(p):
        if element.tag != qn("w:pPr"):
            p.remove(element)
    position = 0
    for op, text in pieces:
        if op == "-":
            parts = [(text, stream[min(position, len(stream) - 1)][1] if stream else (None, None))]
        else:
            parts, position = _laid_over(text, stream, position)
        for link, runs in _by_link(_grouped(parts), deleted=op == "-"):
            holder = p if link is None else _link_copy(p, link)
            if op == "=":
                holder.extend(runs)
            else:
                wrapper = revisions.mark("del" if op == "-" else "ins")
                wrapper.extend(runs)
                holder.append(wrapper)


def _formatted(p) -> list[tuple[str | None, tuple]]:
    """The paragraph's characters, each with its run's look (w:rPr or None, its w:hyperlink or None); a line
    break as None."""
    stream = []
    for run in paragraph_runs(p):
        parent = run.getparent()
        look = (run.find(qn("w:rPr")), parent if parent.tag == qn("w:hyperlink") else None)
        for node in run:
            if node.tag == qn("w:t"):
                stream += [(char, look) for char in node.text or ""]
            elif node.tag == qn("w:br"):
                stream.append((None, look))
    return stream


def _by_link(chunks: list, deleted: bool) -> list[tuple[object, list]]:
    """The chunks as runs, gathered by the link they belong to (or None), in order."""
    gathered: list = []
    for text, (properties, link) in chunks:
        run = _run(text, properties, deleted)
        if gathered and gathered[-1][0] is link:
            gathered[-1][1].append(run)
        else:
            gathered.append((link, [run]))
    return gathered


def _link_copy(p, link):
    """The paragraph's last element if it is already a copy of `link`, else a new empty copy appended to it."""
    last = p[-1] if len(p) else None
    if last is not None and last.tag == qn("w:hyperlink") and dict(last.attrib) == dict(link.attrib):
        return last
    copied = OxmlElement("w:hyperlink")
    for name, value in link.attrib.items():
        copied.set(name, value)
    p.append(copied)
    return copied


def _laid_over(text: str, stream: list, position: int) -> tuple[list, int]:
    """`text` as (character or None for a line break, properties) along `stream` from `position`; the new position.

    The compared text has a space (English) or nothing (Japanese) where the paragraph breaks its line."""
    parts = []
    for char in text:
        if position < len(stream) and stream[position][0] is None:
            parts.append(stream[position])
            position += 1
            if char.isspace():
                continue
        while not char.isspace() and position < len(stream) and (stream[position][0] or "x").isspace():
            position += 1  # a space the compared text does not have
        properties = stream[min(position, len(stream) - 1)][1] if stream else (None, None)
        parts.append((char, properties))
        if position < len(stream) and stream[position][0] == char:
            position += 1
    return parts, position


def _grouped(parts: list) -> list[tuple[str | None, object]]:
    """Neighbouring characters of one formatting as one chunk; each line break a chunk of its own (None)."""
    chunks: list = []
    for char, properties in parts:
        if char is not None and chunks and chunks[-1][0] is not None and chunks[-1][1] is properties:
            chunks[-1] = (chunks[-1][0] + char, properties)
        else:
            chunks.append((char, properties))
    return chunks


def _run(text: str | None, properties, deleted: bool):
    """A w:r with a copy of `properties` holding `text` (w:t, or w:delText when deleted), or a line break."""
    run = OxmlElement("w:r")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    if text is None:
        run.append(OxmlElement("w:br"))
        return run
    text_element = OxmlElement("w:delText" if deleted else "w:t")
    text_element.text = text
    text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(text_element)
    return run


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
