"""The placeholder texts of a new memo's skeleton, "（ここに…を書く）" / "(write … here)", still to write."""

from __future__ import annotations

import re

from briefing.content import loader
from briefing.errors import Problem

PLACEHOLDER = re.compile(r"[(\uff08]ここに[^()\uff08\uff09]*を書く[)\uff09]|\(write [^()]* here\)")  # （） or ()


def placeholders_in(source: loader.SourceFile) -> list[Problem]:
    """A warning at every placeholder text "(ここに…を書く)" / "(write … here)" left in one parsed memo file."""
    warnings = []
    for loc, text in loader.strings_in(source.data):
        for placeholder in PLACEHOLDER.findall(text):
            line, column = _position_of(placeholder, source, loc)
            warnings.append(loader.problem_at(source.path, source.text, line, column,
                                              f"text still to write: {placeholder}", severity="warning"))
    return warnings


def _position_of(placeholder: str, source: loader.SourceFile, loc: tuple) -> tuple[int, int]:
    """Where `placeholder` is written, at or after its value's start (a folded text starts a line above)."""
    line, column = source.position(loc)
    lines = source.text.splitlines()
    for number in range(line, min(line + 3, len(lines) + 1)):
        found = lines[number - 1].find(placeholder, column - 1 if number == line else 0)
        if found >= 0:
            return number, found + 1
    return line, column
