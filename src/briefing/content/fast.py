"""The C parser (ruamel.yaml.clib's libyaml) for content files: the same nodes and marks, ten times faster.

It does not mark where a folded block (>) joined two lines, which Japanese text needs (no space at
such a joint); those few blocks are parsed again alone by the pure-Python parser.
"""

from __future__ import annotations

import bisect
import re
import threading

from ruamel.yaml import YAML
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

EAST_ASIAN = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60]")
FOLD_MARK = "\x07"  # what the pure-Python parser leaves where a folded block joined two lines


def compose(text: str) -> Node | None:
    """The file's root node (None for a file without data); raises what the parser raises."""
    yaml = getattr(_PER_THREAD, "yaml", None)
    if yaml is None:  # made once per thread: making one looks for plug-ins on disk, as long as a small parse
        yaml = _PER_THREAD.yaml = YAML(typ="safe")  # C parser when ruamel.yaml.clib is installed, else pure Python
        yaml.Resolver = SteadyResolver
    try:
        return yaml.compose(text)
    finally:
        yaml.doc_infos.clear()  # an entry per parse: kept, it would grow in a long `watch`


_PER_THREAD = threading.local()


class SteadyResolver(VersionedResolver):
    """ruamel's resolver, choosing the YAML version's rules once per file instead of once per value."""

    @property
    def versioned_resolver(self) -> dict:
        if "_rules" not in self.__dict__:
            self._rules = VersionedResolver.versioned_resolver.fget(self)
        return self._rules


class Mark:
    """A node's position, where the pure-Python parser puts it (0-based line and column)."""

    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


def place_empty_values(nodes: list[Node], text: str) -> None:
    """Mark an empty value (`key:` and nothing) of a mapping where the pure-Python parser does.

    That is the next token when nothing follows `key:` on its line in a block (libyaml: the end of
    `key:`), and the end of `key:` in a flow mapping (libyaml: the next token, `,` or `}`).
    """
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    for node in nodes:
        if not isinstance(node, MappingNode):
            continue
        for _, value in node.value:
            if not isinstance(value, ScalarNode) or value.value != "" or value.style:
                continue
            at = starts[value.start_mark.line] + value.start_mark.column
            end_of_line = text.find("\n", at)
            if at < len(text) and text[at] in ",}]":
                while at > 0 and text[at - 1] in " \t":
                    at -= 1
            elif not text[at: len(text) if end_of_line < 0 else end_of_line].strip():
                at = _next_token(text, at)
            line = bisect.bisect_right(starts, at) - 1
            value.start_mark = Mark(line, at - starts[line])


def _next_token(text: str, at: int) -> int:
    """Offset of the first character at or after `at` that is not a space, a line break or a comment."""
    while at < len(text):
        if text[at] in " \t\r\n":
            at += 1
        elif text[at] == "#" and (at == 0 or text[at - 1] in " \t\r\n"):
            end = text.find("\n", at)
            at = len(text) if end < 0 else end
        else:
            break
    return at


def refold(nodes: list[Node], text: str) -> bool:
    """Put back the fold marks of folded blocks that hold Japanese; False if one cannot be marked for sure."""
    lines = text.split("\n")
    for node in nodes:
        if not isinstance(node, ScalarNode) or node.style != ">":
            continue
        if FOLD_MARK in node.value or not (EAST_ASIAN.search(node.value) or "\n" in node.value.rstrip("\n")):
            continue  # marked already (pure parser), or each joint is a space either way
        marked = _plain_block(node, lines)
        if marked is None:
            marked = _parsed_alone(node, lines)
        if marked is None:
            return False
        node.value = marked
    return True


def _plain_block(node: ScalarNode, lines: list[str]) -> str | None:
    """The marked value of a block written at one indentation (empty lines apart); else None.

    Marks as the pure-Python parser does: "\x07 " where two lines were joined, "\x07" before the
    line breaks an empty line keeps.
    """
    body = lines[node.start_mark.line + 1: node.end_mark.line + (node.end_mark.column > 0)]
    while body and not body[-1].strip():
        body.pop()
    if not body or not body[0].strip():
        return None
    indent = len(body[0]) - len(body[0].lstrip(" "))
    plain, marked, empty = [], [], 0
    for line in body:
        if not line.strip():
            empty += 1
            continue
        if indent == 0 or len(line) - len(line.lstrip(" ")) != indent or line[indent] == "\t":
            return None
        if plain:
            plain.append("\n" * empty or " ")
            marked.append(FOLD_MARK + ("\n" * empty or " "))
        plain.append(line[indent:])
        marked.append(line[indent:])
        empty = 0
    joined = "".join(plain)
    tail = node.value[len(joined):]
    if not node.value.startswith(joined) or tail not in ("", "\n"):
        return None
    return "".join(marked) + tail


def _parsed_alone(node: ScalarNode, lines: list[str]) -> str | None:
    """The block parsed alone by the pure-Python parser, which marks its joints; None if that differs."""
    first = lines[node.start_mark.line][node.start_mark.column:]
    body = lines[node.start_mark.line + 1: node.end_mark.line + (node.end_mark.column > 0)]
    try:
        alone = YAML(typ="rt").compose("x: " + "\n".join([first, *body]) + "\n").value[0][1]
    except Exception:  # noqa: BLE001 — then the whole file is parsed in pure Python
        return None
    if not isinstance(alone, ScalarNode) or alone.value.replace(FOLD_MARK, "") != node.value:
        return None
    return alone.value


def nodes_under(node: Node):
    """Every node under `node`, without recursion (a file may nest deeply)."""
    stack, seen = [node], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: refused later by the loader, never followed here
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, SequenceNode):
            stack += node.value
