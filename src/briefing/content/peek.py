"""One top-level field of a content file, read without parsing the rest: the preview's memo list needs
only each memo's title, and parsing 500 whole memos for it took about 2 s.

The file's lines up to the end of the field (`title:` at the start of a line, up to the next line
that starts with anything but a space, a comment or a list's `- `) are parsed by the same parser as the whole
file, so the value is the one a full parse gives (memos give their title near the top). A line
that would continue a quoted text or a [list] across that end makes this part fail to parse, and a
file read in part for no sure reason (no such line or two of them, a document marker) is parsed
whole instead. Only a problem after the field goes unseen: it is the check's to report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.content import loader
from briefing.errors import ContentError

NOT_TOP_LEVEL = ("---", "...", "%", "{", "[")  # lines that mean the file is not one plain block mapping


def top_level_field(path: Path, key: str) -> Any:
    """The value of `key` in the file's top-level mapping; raises `ContentError` or `LookupError` when unreadable."""
    text = loader.read_text(path)
    remembered = PEEKED.get((str(path), key))
    if remembered is not None and remembered[0] == text:
        return remembered[1]
    value = _read(path, key, text)
    while len(PEEKED) >= MAX_PEEKED:
        PEEKED.pop(next(iter(PEEKED)))
    PEEKED[str(path), key] = (text, value)
    return value


PEEKED: dict[tuple[str, str], tuple[str, Any]] = {}  # (path, key) → the text last read and the value in it
MAX_PEEKED = 4000  # as many as the files kept parsed (loader.MAX_PARSED)


def _read(path: Path, key: str, text: str) -> Any:
    """The value of `key` in `text`, the text of `path`."""
    lines = text.split("\n")
    starts = [number for number, line in enumerate(lines) if line.startswith(f"{key}:")]
    if len(starts) != 1 or any(line.startswith(NOT_TOP_LEVEL) for line in lines):
        return _whole(path, key)
    end = starts[0] + 1
    while end < len(lines) and (not lines[end] or lines[end][0] in " #" or lines[end][:2] in ("-", "- ", "-\t")):
        end += 1
    try:
        data = loader.parse_text(path, "\n".join(lines[:end]) + "\n")
    except ContentError:
        return _whole(path, key)
    if not isinstance(data, dict) or key not in data:
        return _whole(path, key)
    return data[key]


def _whole(path: Path, key: str) -> Any:
    data = loader.load(path).data
    if not isinstance(data, dict):
        raise LookupError(key)
    return data[key]
