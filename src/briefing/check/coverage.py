"""Characters that no vendored font can draw (emoji, private or unassigned code points): a warning each.

The PDF sees only the fonts in templates/fonts/ (render/pdf/fonts.conf), so such a character would
print as an empty box; it is reported with its position instead of passing silently.
"""

from __future__ import annotations

import itertools
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from briefing.content.files import file_stat
from briefing.content import loader
from briefing.content.loader import SourceFile
from briefing.errors import Problem

FONT_SUFFIXES = (".ttf", ".otf")
SILENT = ("Cc", "Cf", "Zl", "Zp")  # line breaks, tabs, joiners: not drawn, never a box


def coverage_problems(source: SourceFile, fonts_dir: Path) -> Iterator[Problem]:
    """A warning for the first character of each text that none of the fonts in `fonts_dir` has."""
    fonts = sorted(path for path in fonts_dir.glob("*") if path.suffix.lower() in FONT_SUFFIXES)
    covered = _characters(tuple((path, *(file_stat(path) or ())) for path in fonts))
    drawable, boxes = covered.drawable, covered.boxes
    for loc, text in loader.strings_in(source.data):
        characters = set(text)
        if characters <= drawable:  # the common case: every character already seen in a font
            continue
        for character in characters - drawable - boxes:
            (drawable if _drawable(character, covered) else boxes).add(character)
        if characters & boxes:
            missing = next(c for c in text if c in boxes)
            line, column = _position(source, loc, missing)
            name = unicodedata.name(missing, "no name")
            message = (f"U+{ord(missing):04X} '{missing}' ({name.lower()}) is in none of the memo's fonts and "
                       "would print as an empty box; use another character or write it out")
            yield Problem(source.path, line, column, message, _line(source, line), severity="warning")


def _drawable(character: str, covered: Ranges) -> bool:
    """True when a font has `character`, or it is never drawn (a space, a line break, a joiner)."""
    return (ord(character) in covered or character.isspace()
            or unicodedata.category(character) in SILENT)


@lru_cache(maxsize=4)
def _characters(fonts: tuple) -> Ranges:
    """The code points the fonts map (`fonts`: paths with their stats, so an edit is seen)."""
    ranges: list[tuple[int, int]] = []
    for path, *_ in fonts:
        with open(path, "rb") as stream:
            ranges += _cmap_ranges(stream)
    return Ranges(ranges)


class Ranges:
    """A set of code points given as inclusive ranges; `in` is a binary search."""

    def __init__(self, ranges: list[tuple[int, int]]):
        import bisect

        self.ranges = sorted(ranges)
        self.starts = [start for start, _ in self.ranges]
        self.ends = list(itertools.accumulate((end for _, end in self.ranges), max))
        self._bisect = bisect.bisect_right
        self.drawable: set[str] = set()  # each distinct character looked up once, for every memo
        self.boxes: set[str] = set()  # the characters no font has

    def __contains__(self, code: int) -> bool:
        index = self._bisect(self.starts, code) - 1
        return index >= 0 and self.ends[index] >= code


def _cmap_ranges(stream) -> list[tuple[int, int]]:
    """Code point ranges of a TrueType/OpenType font's Unicode cmap (format 12, else 4), read directly.

    fontTools decodes every mapping into a dict (about 1.5 s for the vendored fonts); the ranges suffice.
    """
    def read(offset: int, size: int) -> bytes:
        stream.seek(offset)
        return stream.read(size)

    count = struct.unpack(">H", read(4, 2))[0]
    tables = {tag: offset for tag, _, offset, _ in struct.iter_unpack(">4sIII", read(12, 16 * count))}
    cmap = tables.get(b"cmap")
    if cmap is None:
        return []
    records = struct.unpack(">H", read(cmap + 2, 2))[0]
    subtables = {(platform, encoding): cmap + offset
                 for platform, encoding, offset in struct.iter_unpack(">HHI", read(cmap + 4, 8 * records))}
    if (start := subtables.get((3, 10)) or subtables.get((0, 4))) is not None:
        groups = struct.unpack(">I", read(start + 12, 4))[0]
        return [(first, last) for first, last, _ in struct.iter_unpack(">III", read(start + 16, 12 * groups))]
    if (start := subtables.get((3, 1)) or subtables.get((0, 3))) is not None:
        segments = struct.unpack(">H", read(start + 6, 2))[0] // 2
        table = read(start + 14, 4 * segments + 2)
        ends = struct.unpack(f">{segments}H", table[:2 * segments])
        starts = struct.unpack(f">{segments}H", table[2 * segments + 2:])
        return [(first, last) for first, last in zip(starts, ends) if first != 0xFFFF]
    return []



def _position(source: SourceFile, loc: tuple, character: str) -> tuple[int, int]:
    """Line and column of `character` at or after the value at `loc` (the value's start if written escaped)."""
    line, column = source.position(loc)
    lines = source.text.splitlines()
    for number in range(line, len(lines) + 1):
        found = lines[number - 1].find(character, column - 1 if number == line else 0)
        if found >= 0:
            return number, found + 1
    return line, column


def _line(source: SourceFile, line: int) -> str:
    lines = source.text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""
