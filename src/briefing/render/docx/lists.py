"""Word lists of a memo: one multilevel list per part (the memo, each readout, each reference box).

A part's section headings and numbered items are levels of one Word list, as a colleague typing in Word
would make them: a heading at level 0 restarts the items under it at (1), and moving, inserting or deleting
items renumbers them. The first list that numbers a heading or item style is linked to that style (Word's
style-linked numbering: w:numPr in the style, w:pStyle in the level), so that giving a paragraph
見出し 1 or Numbered Item from the style gallery numbers it, and a copied heading keeps counting. Formats and
marker widths come from the language's strings (`numbering:`), never from code.

Where the memo numbers a list apart (a second list in one section restarting at (1), items under an
unnumbered heading), that list gets a Word list of its own, restarted, so Word shows what the PDF shows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from briefing.render.docx import ooxml
from briefing.render.docx.text import hang_chars
from briefing.view.numbering import marker, word_level

MIN_HANG = 1.5  # characters; print.css hangs level-0 markers by 1.5em


@dataclass
class _List:
    """One Word list and what has been numbered in it so far."""

    num_id: int
    counts: list[int]
    positions: dict[int, float] = field(default_factory=dict)  # level → where its marker stands, in characters


class Lists:
    """Numbers the writer's heading and item paragraphs."""

    def __init__(self, writer):
        self.writer = writer
        self.levels: list[dict] = writer.strings["numbering"]
        self.parts: dict = {}  # part element → its _List
        self.apart: dict = {}  # a top-level <ol> numbered apart → its _List
        self.linked: dict[str, tuple[int, int]] = {}  # style name → (numId, level) it carries
        self.unnumbered: list = []  # paragraphs in styles that may get linked later

    def number(self, paragraph, element, level: int, position: float, top_ol=None) -> None:
        """Number `paragraph` (for `element`, a heading or an item) at `level`, its marker `position` characters in."""
        shown = "".join(element.xpath("span[@class='marker']/text()")).strip()
        part = self.parts.get(_part(element))
        if part is None:
            part = self.parts[_part(element)] = self._new_list(restart=False)
        chosen = self.apart.get(top_ol) if top_ol is not None else None
        if chosen is None and _core(shown) != _core(marker(self.levels[level], part.counts[level] + 1)):
            chosen = self._new_list(restart=True)  # numbered apart by the memo
            if top_ol is not None:
                self.apart[top_ol] = chosen
        chosen = chosen or part
        chosen.counts[level] += 1
        chosen.counts[level + 1:] = [0] * (len(chosen.counts) - level - 1)
        self._place(paragraph, chosen, level, position)
        style = paragraph.style.name
        if chosen is part and style not in self.linked and level not in {lv for n, lv in self.linked.values()
                                                                         if n == part.num_id}:
            ooxml.link_style(self.writer.numbering, part.num_id, level, paragraph.style.element,
                             paragraph.style.style_id)
            self.linked[style] = (part.num_id, level)
        if self.linked.get(style) != (chosen.num_id, level):
            ooxml.set_numbering(ooxml.ppr(paragraph._p), chosen.num_id, level)

    def skip(self, paragraph) -> None:
        """A paragraph in a style that may carry numbering, without a number of its own (an unnumbered heading)."""
        self.unnumbered.append(paragraph)

    def finish(self) -> None:
        """Unnumbered paragraphs of linked styles say so (numId 0)."""
        for paragraph in self.unnumbered:
            if paragraph.style.name in self.linked:
                ooxml.set_no_numbering(ooxml.ppr(paragraph._p))

    def _place(self, paragraph, chosen: _List, level: int, position: float) -> None:
        """The level's indent comes from its first paragraph; a paragraph standing elsewhere gets its own."""
        hang = self._hang(level)
        layout = self.writer.layout
        if level not in chosen.positions:
            chosen.positions[level] = position
            ooxml.set_level_indent(ooxml.level_element(self.writer.numbering, chosen.num_id, level), layout.em,
                                   position + hang, hang, layout.east_asian)
        elif chosen.positions[level] != position:
            ooxml.set_indent(ooxml.ppr(paragraph._p), layout.em, left=position + hang, hanging=hang,
                             char_units=layout.east_asian)

    def _hang(self, level: int) -> float:
        return hang_chars(marker(self.levels[level], 1), self.writer.layout.east_asian, MIN_HANG)

    def _new_list(self, restart: bool) -> _List:
        """A Word list with every level of the strings; levels stand one character deeper each until placed."""
        layout = self.writer.layout
        levels = [ooxml.Level(*word_level(level, ilvl), ilvl + self._hang(ilvl), self._hang(ilvl),
                              "eastAsia" if layout.east_asian else None)
                  for ilvl, level in enumerate(self.levels)]
        abstract = ooxml.add_abstract_num(self.writer.numbering, levels, layout.em, layout.east_asian)
        num_id = ooxml.add_num(self.writer.numbering, abstract, len(levels) if restart else 0)
        return _List(num_id, [0] * len(levels))


def _core(shown: str) -> str:
    """A marker's count without its brackets and widths: （１） and (1) are both 1 (a house style may change
    the brackets; the count is what tells a list that restarts)."""
    return re.sub(r"\W", "", unicodedata.normalize("NFKC", shown))


def _part(element):
    """The part whose list numbers `element`: its reference box, else its readout, else the memo."""
    for ancestor in element.iterancestors():
        classes = set(ancestor.classes)
        if ancestor.tag == "body" or (ancestor.tag == "aside" and "reference-box" in classes) \
                or (ancestor.tag == "section" and "readout" in classes):
            return ancestor
    return None
