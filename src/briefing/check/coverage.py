"""Characters that no vendored font can draw (emoji, private or unassigned code points): a warning each.

The PDF sees only the fonts in templates/fonts/ (render/pdf/fonts.conf), so such a character would
print as an empty box; it is reported with its position instead of passing silently.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from briefing.content.files import file_stat
from briefing.content.loader import SourceFile
from briefing.errors import Problem

FONT_SUFFIXES = (".ttf", ".otf")
SILENT = ("Cc", "Cf", "Zl", "Zp")  # line breaks, tabs, joiners: not drawn, never a box


def coverage_problems(source: SourceFile, fonts_dir: Path) -> Iterator[Problem]:
    """A warning for the first character of each text that none of the fonts in `fonts_dir` has."""
    fonts = sorted(path for path in fonts_dir.glob("*") if path.suffix.lower() in FONT_SUFFIXES)
    covered = _characters(tuple((path, *(file_stat(path) or ())) for path in fonts))
    for loc, text in _texts(source.data, ()):
        missing = next((c for c in text if ord(c) not in covered and not c.isspace()
                        and unicodedata.category(c) not in SILENT), None)
        if missing is not None:
            line, column = _position(source, loc, missing)
            name = unicodedata.name(missing, "no name")
            message = (f"U+{ord(missing):04X} '{missing}' ({name.lower()}) is in none of the memo's fonts and "
                       "would print as an empty box; use another character or write it out")
            yield Problem(source.path, line, column, message, _line(source, line), severity="warning")


@lru_cache(maxsize=4)
def _characters(fonts: tuple) -> frozenset[int]:
    """Every code point the fonts map to a glyph (`fonts`: paths with their stats, so an edit is seen)."""
    from fontTools.ttLib import TTFont

    characters: set[int] = set()
    for path, *_ in fonts:
        with TTFont(path, lazy=True) as font:
            characters.update(font.getBestCmap() or {})
    return frozenset(characters)


def _texts(value: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, loc + (index,))
    elif isinstance(value, str):
        yield loc, value


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
