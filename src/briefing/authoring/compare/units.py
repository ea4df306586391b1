"""A memo's semantic HTML as the units a 新旧対照表 compares: title, lead, headings, paragraphs, items."""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "figcaption")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Unit:
    """One block of printed text: its kind (the HTML class), its number or bullet, its text."""

    kind: str
    marker: str
    text: str

    @property
    def key(self) -> tuple[str, str]:
        """What makes two units the same, whatever their number (an item moved or renumbered)."""
        return self.kind, self.text


def units(html: str, lang: str) -> list[Unit]:
    """The printed text blocks of a memo's HTML, in reading order, as the reader sees them."""
    import lxml.html

    body = lxml.html.document_fromstring(html).find("body")
    for line_break in body.iter("br"):  # a title's balanced line break is typesetting, not wording
        line_break.tail = ("" if lang == "ja" else " ") + (line_break.tail or "")
    found = []
    for element in body.iter(*TEXT_TAGS):
        if any(True for _ in element.iterdescendants(*TEXT_TAGS)):
            continue  # only the innermost blocks: a list item's paragraph, not the item
        marker = "".join(span.text_content() for span in element.find_class("marker"))
        text = _text(element, skip=element.find_class("marker"))
        if text or marker:
            kind = (element.get("class") or element.tag).split()[0]
            found.append(Unit(kind, marker.strip(), text))
    return found


def _text(element, skip) -> str:
    """The text of `element` without its marker, with line breaks and runs of spaces as one space."""
    from copy import deepcopy

    if skip:
        element = deepcopy(element)
        for marker in element.find_class("marker"):
            marker.drop_tree()  # its tail stays
    return SPACES.sub(" ", element.text_content()).strip()
