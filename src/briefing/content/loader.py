"""Read a YAML file into plain Python data, remembering where every value came from.

Nothing is constructed from tags: the file is composed into nodes and only strings, numbers,
true/false, null, dates, lists and mappings are accepted (YAML 1.2, so `no` stays a string).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from briefing.content import fast
from briefing.content.files import inside, read_recorded
from briefing.errors import ContentError, Problem

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40  # lists and mappings inside each other: a memo nested 20 blocks deep stays below it
MAX_DIGITS = 30  # a longer number is an identifier or a paste: it belongs in quotes
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
YAML_TAG = "tag:yaml.org,2002:"
FOLD_POINT = re.compile("\x07 ?")  # ruamel marks where a folded block (>) joined two lines
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")  # not tab, line feed, return
EAST_ASIAN = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60]")
Loc = tuple  # a path into the data: ("sections", 0, "heading", "ja")


@dataclass
class SourceFile:
    """A parsed content file: its data and the position of every key and value in it."""

    path: Path
    text: str
    data: Any = None
    value_at: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of `loc`, or of its nearest ancestor that exists."""
        loc = tuple(loc)
        while loc:
            table = self.key_at if key and loc in self.key_at else self.value_at
            if loc in table:
                return table[loc]
            loc = loc[:-1]
            key = False
        return self.value_at.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False, severity: str = "error",
                lang: str | None = None) -> Problem:
        """A `Problem` pointing at `loc` in this file."""
        line, column = self.position(loc, key=key)
        return problem_at(self.path, self.text, line, column, message, severity=severity, lang=lang)


def strings_in(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string of a file's plain data, with its path: the texts checks look through."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_in(value, loc + (index,))


def problem_at(path: Path, text: str, line: int, column: int, message: str, **details) -> Problem:
    """A `Problem` that quotes the source line it points at."""
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return Problem(path, line, column, message, source.replace("\t", " "), **details)


def read_text(path: Path, root: Path | None = None) -> str:
    """The file's text as UTF-8, or a `ContentError` saying why not (outside `root`, undecodable…).

    `root` (default: the content/ or templates/ folder the path lies in) confines links: a file that
    resolves outside it is refused before it is read, so no message ever quotes it.
    """
    if not inside(path, root or _root_of(path)):
        message = "this file is a link to a file outside the workspace; copy the file here instead of linking it"
        raise ContentError([Problem(path, 1, 1, message)])
    try:
        raw = read_recorded(path, MAX_FILE_BYTES)
    except OSError as error:
        raise ContentError([Problem(path, 1, 1, f"cannot read the file: {error.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is larger than {MAX_FILE_BYTES:,} bytes; split the memo or remove pasted data"
        raise ContentError([Problem(path, 1, 1, message)])
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = f"not UTF-8 (byte {error.start}: 0x{raw[error.start]:02x}); save the file as UTF-8"
        raise ContentError([Problem(path, line, column, message)]) from None


def _root_of(path: Path) -> Path:
    """The content/ or templates/ folder `path` lies in, else its own folder (links not followed)."""
    absolute = Path(os.path.abspath(path))
    return next((folder for folder in absolute.parents if folder.name in ("content", "templates")), absolute.parent)


def load(path: Path, root: Path | None = None) -> SourceFile:
    """Parse `path`, or reuse its tree if its text is unchanged; raise `ContentError` with every problem found in it.

    The tree is shared: callers read it and never change it.
    """
    text = read_text(path, root)
    key = str(path)
    cached = PARSED.get(key)
    if cached is None or cached[0] != text:
        try:
            cached = (text, _parse(path, text))
        except ContentError as error:
            cached = (text, error.problems)
        PARSED.pop(key, None)
        while len(PARSED) >= MAX_PARSED:
            PARSED.pop(next(iter(PARSED)))
        PARSED[key] = cached
    if isinstance(cached[1], list):
        raise ContentError(list(cached[1]))
    return cached[1]


def parse_text(path: Path, text: str) -> Any:
    """The data of `text` read as the file `path` (a part of it), not kept; raises `ContentError`."""
    return _parse(path, text).data


PARSED: dict[str, tuple[str, SourceFile | list[Problem]]] = {}  # path → its text last parsed and the outcome
MAX_PARSED = 4000  # files kept parsed: an office's workspace with room to spare, not unbounded in long runs


def _parse(path: Path, text: str) -> SourceFile:
    """Parse `text` with the C parser; on anything it refuses, again in pure Python for the exact message."""
    source = SourceFile(path, text)
    try:
        root = fast.compose(text)
        nodes = list(fast.nodes_under(root)) if root is not None else []
        exact = fast.refold(nodes, text)
        fast.place_empty_values(nodes, text)
    except Exception:  # noqa: BLE001 — the pure-Python parser below says what is wrong, and where
        exact = False
    return _finish(source, root) if exact else _parse_pure(source)


def _parse_pure(source: SourceFile) -> SourceFile:
    """Parse with ruamel's pure-Python round-trip composer: slower, with its exact messages and positions."""
    path = source.path
    try:
        root = YAML(typ="rt").compose(source.text)
    except ReaderError as error:  # a character YAML does not allow, e.g. a control character
        code = error.character if isinstance(error.character, int) else ord(error.character)
        before = source.text[: max(source.text.find(chr(code)), 0)]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        message = f"control character U+{code:04X} in the text (often pasted from e-mail or a web page); delete it"
        raise ContentError([problem_at(path, source.text, line, column, message)]) from None
    except RecursionError:
        raise ContentError([_too_deep(source)]) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"YAML syntax: {error.problem or error.context}"
        if "\\t" in message or "'\\t'" in str(error):
            message = "YAML syntax: a tab character; indent with spaces"
        raise ContentError([problem_at(path, source.text, mark.line + 1, mark.column + 1, message)]) from None
    return _finish(source, root)


def _finish(source: SourceFile, root: Node | None) -> SourceFile:
    """Plain data and positions of the composed `root`; raise `ContentError` with the problems in it."""
    problems: list[Problem] = []
    source.data = _convert(root, (), source, problems, set()) if root is not None else {}
    problems = problems[:MAX_PROBLEMS]
    if problems:
        raise ContentError(problems)
    return source


def _too_deep(source: SourceFile) -> Problem:
    """The problem at the first list or mapping nested deeper than `MAX_DEPTH` (the parser does not recurse)."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth, mark = 0, None
    for event in YAML(typ="rt").parse(source.text):
        depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
        if depth > MAX_DEPTH:
            mark = event.start_mark
            break
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return problem_at(source.path, source.text, line, column, _DEEP)


_DEEP = f"lists and fields nested more than {MAX_DEPTH} levels deep; a memo needs far fewer, flatten it"
MAX_PROBLEMS = 200  # of one file: enough to fix it, not a flood


def _convert(node: Node, loc: Loc, source: SourceFile, problems: list[Problem], seen: set[int]) -> Any:
    """Plain Python value of `node`; records positions and problems on the way."""
    source.value_at[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(loc) > MAX_DEPTH:
        problems.append(source.problem(loc, _DEEP))
        return None
    if id(node) in seen:  # an alias (*name): it could loop, or multiply a small file into a huge one
        problems.append(source.problem(loc, "YAML aliases (*name) are not supported; write the value out"))
        return None
    seen.add(id(node))
    tag = node.tag or ""  # a str (ruamel renders its Tag)
    kind = tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else None
    if isinstance(node, (MappingNode, SequenceNode)) and kind not in ("map", "seq"):
        problems.append(source.problem(loc, f"YAML tags such as '{kind or tag}' are not allowed; write plain data"))
        return None
    if isinstance(node, MappingNode):
        return _convert_mapping(node, loc, source, problems, seen)
    if isinstance(node, SequenceNode):
        return [_convert(item, loc + (i,), source, problems, seen) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    text = _unfold_east_asian(node.value) if node.style == ">" else node.value
    control = CONTROL.search(text)
    if LONE_SURROGATE.search(text):
        problems.append(source.problem(loc, "an escaped half of a character (\\ud800 to \\udfff) in the text; "
                                            "write the character itself, or \\U0001F600 for one above U+FFFF"))
        return None
    if control:
        problems.append(source.problem(loc, f"control character U+{ord(control.group()):04X} in the text (often "
                                            "pasted from e-mail or a web page); delete it"))
        return None
    try:
        return _scalar(kind, text)
    except ValueError as error:
        problems.append(source.problem(loc, str(error)))
        return None


def _convert_mapping(node: MappingNode, loc: Loc, source: SourceFile, problems: list[Problem], seen: set[int]) -> dict:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or LONE_SURROGATE.search(str(key_node.value)):
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            problems.append(problem_at(source.path, source.text, line, column, "a key must be plain text"))
            continue
        key = str(key_node.value)
        key_loc = loc + (key,)
        position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key in result:
            first = source.key_at[key_loc][0]
            problems.append(problem_at(source.path, source.text, *position,
                                       f"duplicate key '{key}' (first given on line {first}); keep one"))
            continue
        source.key_at[key_loc] = position
        result[key] = _convert(value_node, key_loc, source, problems, seen)
    return result


def _unfold_east_asian(text: str) -> str:
    """Join the lines of a folded block (>) with a space, or with nothing next to a Japanese character."""
    def joint(match: re.Match) -> str:
        before, after = text[match.start() - 1: match.start()], text[match.end(): match.end() + 1]
        return "" if EAST_ASIAN.fullmatch(before) or EAST_ASIAN.fullmatch(after) else " "
    return FOLD_POINT.sub(joint, text)


def _scalar(kind: str | None, text: str) -> Any:
    """Typed value of a scalar resolved as YAML 1.2 `kind`; other tags are refused."""
    if kind == "str":
        return text
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() == "true"
    if kind in ("int", "float") and sum(c.isalnum() for c in text) > MAX_DIGITS:
        raise ValueError(f"a number of more than {MAX_DIGITS} digits; if it is text, put it in quotes")
    if kind == "int":
        return int(text.replace("_", ""), 0)
    if kind == "float":
        number = float(text.replace("_", "").replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                       .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"'{text}' is not a number a memo can use; write a number such as 0.5")
        return number
    if kind == "timestamp":
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a real date; write YYYY-MM-DD, e.g. 2025-06-27") from None
    raise ValueError(f"YAML tags such as '{kind or 'this'}' are not allowed; write plain text")
