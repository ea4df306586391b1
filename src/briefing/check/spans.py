"""Where each character of a text value is written in its YAML file, so a finding points at it and a fix edits it.

The file is composed by ruamel.yaml (as `content.loader` does); each scalar's start and end marks bound
the search, and the value is aligned with the source character by character. Only what YAML itself
drops between them is skipped: indentation and line breaks of folded or multi-line text, quotes, and
the backslash of an escape. A character that cannot be aligned (an escape such as `\\u0028`) has no
source index: its finding points at the start of the value and no fix is applied to it.
"""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

BLANKS = " \t\r\n"
QUOTING = "'\"\\"


class SourceSpans:
    """The scalars of one YAML text by their place in the data (`("body", 0, "paragraph", "ja")`)."""

    def __init__(self, text: str):
        self.text = text
        self.scalars: dict[tuple, ScalarNode] = {}
        root = YAML(typ="rt").compose(text)
        if root is not None:
            self._collect(root, ())

    def _collect(self, node: Node, loc: tuple) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    self._collect(value, loc + (str(key.value),))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                self._collect(item, loc + (index,))
        elif isinstance(node, ScalarNode):
            self.scalars[loc] = node

    def indexes(self, loc: tuple, value: str) -> list[int | None]:
        """For each character of `value` (the text at `loc`), its index in the file, or None."""
        node = self.scalars.get(tuple(loc))
        found: list[int | None] = []
        if node is None:
            return [None] * len(value)
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):  # the text starts on the line after the indicator
            start = self.text.find("\n", start, end) + 1 or end
        elif node.style in ("'", '"'):
            start += 1
        skippable = BLANKS + (QUOTING if node.style in ("'", '"') else "")
        at = start
        for char in value:
            if char in BLANKS:  # a space may stand for a folded line break: it has no one place
                found.append(None)
                continue
            while at < end and self.text[at] != char and self.text[at] in skippable:
                at += 1
            if at >= end or self.text[at] != char:
                return found + [None] * (len(value) - len(found))
            found.append(at)
            at += 1
        return found

    def line_column(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index in the file."""
        line_start = self.text.rfind("\n", 0, index) + 1
        return self.text.count("\n", 0, index) + 1, index - line_start + 1
