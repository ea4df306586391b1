"""A memo's semantic HTML as the units a 新旧対照表 compares: title, lead, headings, paragraphs, items."""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "figcaption")
LINES = ("dateline",)  # blocks whose line break starts a line of its own (date, issuer): a unit each, as in Word
NEW_LINE = "\u2028"  # Unicode's line separator, which no printed text holds
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Unit:
    """One block of printed text: its kind (the HTML class), its number or bullet, its text."""

    kind: str
    marker: str
    text: str
    line: int = 0  # which line of its block: a date line's issuer is its line 1

    @property
    def place(self) -> tuple[str, int]:
        return self.kind, self.line

    @property
    def key(self) -> tuple[str, str]:
        """What makes two units the same, whatever their number (an item moved or renumbered)."""
        return self.kind, self.text


def units(html: str, lang: str) -> list[Unit]:
    """The printed text blocks of a memo's HTML, in reading order, as the reader sees them."""
    import lxml.html

    body = lxml.html.document_fromstring(html).find("body")
    for line_break in body.iter("br"):  # a title's balanced break is typesetting, not wording; a date line's is not
        lines = any(name in LINES for name in (line_break.getparent().get("class") or "").split())
        line_break.tail = (NEW_LINE if lines else "" if lang == "ja" else " ") + (line_break.tail or "")
    found = []
    for element in body.iter(*TEXT_TAGS):
        if any(True for _ in element.iterdescendants(*TEXT_TAGS)):
            continue  # only the innermost blocks: a list item's paragraph, not the item
        marker = "".join(span.text_content() for span in element.find_class("marker"))
        kind = (element.get("class") or element.tag).split()[0]
        for line, text in enumerate(_text(element, skip=element.find_class("marker")).split(NEW_LINE)):
            if text.strip() or marker:
                found.append(Unit(kind, marker.strip(), SPACES.sub(" ", text).strip(), line))
    return found


def _text(element, skip) -> str:
    """The text of `element` without its marker."""
    from copy import deepcopy

    if skip:
        element = deepcopy(element)
        for marker in element.find_class("marker"):
            marker.drop_tree()  # its tail stays
    return element.text_content()
