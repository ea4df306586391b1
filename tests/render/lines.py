"""Lines and words of a PDF as `pdftotext -bbox-layout` places them, for typography measurements."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

PT_PER_MM = 72 / 25.4
BODY_LEFT = 30 * PT_PER_MM  # print.css: A4, 30 mm margins, a body of 40 em
BOX_INSET = 9 + 0.75  # print.css: .reference-box padding and border


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float
    height: float


@dataclass(frozen=True)
class Line:
    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(word.text for word in self.words)

    @property
    def x_max(self) -> float:
        return max(word.x_max for word in self.words)

    @property
    def x_min(self) -> float:
        return min(word.x_min for word in self.words)


def pdf_lines(pdf: Path, pdftotext: str) -> list[Line]:
    """Every line of every page, in reading order."""
    xhtml = subprocess.run([pdftotext, "-bbox-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout
    root = ET.fromstring(re.sub(r'\sxmlns="[^"]+"', "", xhtml, count=1))
    lines = []
    for number, page in enumerate(root.iter("page"), 1):
        rows: dict[float, list[Word]] = {}  # a list marker, a Latin word: lines of their own for pdftotext
        for line in page.iter("line"):
            middle = (float(line.get("yMin")) + float(line.get("yMax"))) / 2
            row = next((y for y in rows if abs(y - middle) < 4), middle)  # lines are 13 pt apart or more
            rows.setdefault(row, []).extend(
                Word(w.text or "", float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMax")) - float(w.get("yMin")))
                for w in line.iter("word"))
        lines += [Line(number, tuple(sorted(words, key=lambda w: w.x_min))) for _, words in sorted(rows.items())
                  if words]
    return lines


class _Paragraphs(HTMLParser):
    """Texts of the <p> elements whose class is one of `classes`, whitespace removed."""

    def __init__(self, classes: set[str]):
        super().__init__()
        self.classes, self.texts, self.depth = classes, [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "p" and self.classes & set((dict(attrs).get("class") or "").split()):
            self.depth, self.texts = 1, [*self.texts, ""]
        elif tag == "p" and self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += re.sub(r"\s+", "", data)


def paragraph_texts(html: str, classes: set[str]) -> list[str]:
    """The texts of the memo's paragraphs of those classes, in order, without whitespace."""
    parser = _Paragraphs(classes)
    parser.feed(html)
    return [text for text in parser.texts if text]


def wrapped_lines(lines: list[Line], paragraphs: list[str]) -> list[tuple[Line, bool]]:
    """The lines that belong to one of `paragraphs`, each with whether it is its paragraph's last line.

    Paragraphs are found in order; a line that only looks like a paragraph's start (the dateline
    before a lead that starts with the date) is dropped when a later line starts the paragraph again.
    """
    found: list[tuple[Line, bool]] = []
    pending, started, rest = list(paragraphs), [], ""
    for line in lines:
        text = re.sub(r"\s+", "", line.text)
        if rest and rest.startswith(text):
            rest = rest[len(text):]
            started.append(line)
        else:
            start = next((index for index, paragraph in enumerate(pending) if paragraph.startswith(text)), None)
            if start is None:
                continue  # a heading, a caption, the page number: the paragraph may go on after it
            rest, started, pending = pending[start][len(text):], [line], pending[start:]
        if not rest:
            found += [(each, each is line) for each in started]
            pending, started = pending[1:], []
    return found
