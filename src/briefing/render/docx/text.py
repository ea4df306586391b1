"""The text of the semantic HTML as Word will hold it: collapsed like a browser, XML-safe, Latin phrases apart."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace

LATIN_REST = r"[A-Za-z0-9\u00C0-\u024F.'’&+-]*"
# A run of Latin-script words in East Asian text: it starts with a letter, later words may start with a digit.
LATIN_PHRASE = re.compile(rf"[A-Za-z\u00C0-\u024F]{LATIN_REST}(?:[ ,/:;]+[A-Za-z0-9\u00C0-\u024F]{LATIN_REST})*")
SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space
# What XML 1.0 cannot hold (C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph's text with the same formatting; `br` is a line break."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    href: str | None = None
    br: bool = False


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (a vertical tab or form feed becomes a space)."""
    return NOT_XML.sub(lambda match: " " if match.group() in "\x0b\x0c" else "", text)


def segments(element) -> list[Segment]:
    """The element's text as a browser lays it out: whitespace collapsed, list markers left out."""
    raw: list[Segment] = []

    def walk(node, bold: bool, italic: bool, href: str | None) -> None:
        if node.text:
            raw.append(Segment(node.text, bold, italic, href))
        for sub in node:
            if not isinstance(sub.tag, str):
                pass
            elif sub.tag == "br":
                raw.append(Segment(br=True))
            elif "marker" not in sub.classes:
                walk(sub, bold or sub.tag in ("b", "strong"), italic or sub.tag in ("i", "em"),
                     sub.get("href") if sub.tag == "a" else href)
            if sub.tail:
                raw.append(Segment(sub.tail, bold, italic, href))

    walk(element, False, False, None)
    out: list[Segment] = []
    line_start = True
    for segment in raw:
        if segment.br:
            _strip_end(out)
            out.append(segment)
            line_start = True
            continue
        text = SPACE.sub(" ", xml_safe(segment.text))
        if line_start or out[-1].text.endswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        if out and not out[-1].br and replace(out[-1], text="") == replace(segment, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(segment, text=text))
        line_start = False
    _strip_end(out)
    return out


def lines(pieces: list[Segment]) -> list[list[Segment]]:
    """Segments split at line breaks, empty lines left out."""
    result: list[list[Segment]] = [[]]
    for segment in pieces:
        if segment.br:
            result.append([])
        else:
            result[-1].append(segment)
    return [line for line in result if line]


def by_script(text: str, east_asian: bool) -> list[tuple[str, bool]]:
    """In an East Asian document, Latin-script phrases apart (True), as Word tags them when typed."""
    if not east_asian:
        return [(text, False)]
    pieces, start = [], 0
    for match in LATIN_PHRASE.finditer(text):
        pieces += [(text[start:match.start()], False), (match.group(), True)]
        start = match.end()
    return [(piece, latin) for piece, latin in pieces + [(text[start:], False)] if piece]


def hang_chars(text: str, east_asian_ambiguous_wide: bool, minimum: float) -> float:
    """Hanging indent for a list marker: its width in characters plus a half, in half-character steps."""
    wide = {"W", "F", "A"} if east_asian_ambiguous_wide else {"W", "F"}
    width = sum(1.0 if unicodedata.east_asian_width(c) in wide else 0.5 for c in text)
    return max(minimum, math.ceil((width + 0.5) * 2) / 2)


def _strip_end(pieces: list[Segment]) -> None:
    if pieces and not pieces[-1].br:
        pieces[-1] = replace(pieces[-1], text=pieces[-1].text.rstrip(" "))
        if not pieces[-1].text:
            pieces.pop()
