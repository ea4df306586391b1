"""公用文 findings at their `path:line:col`, and `briefing check --fix`, which applies the safe ones in place.

A fix replaces single characters at the places ruamel.yaml's composer gives for them, so everything
else in the file (comments, indentation, folded lines, quoting, key order) stays byte for byte. A
round trip through ruamel's dumper would keep comments too, but it re-indents lists and re-wraps
text unless its settings happen to match the file's. Before the file is replaced, it is parsed again:
every other value must be unchanged and each fixed text as intended (save for a space where a folded
line now meets a full-width bracket). A confirmed translation whose Japanese only changed in
notation stays confirmed (its lock entry is rewritten).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from briefing.check import kobun
from briefing.check.spans import SourceSpans
from briefing.content import loader
from briefing.content.files import atomic_output
from briefing.content.model import Text
from briefing.errors import ContentError, Problem


@dataclass
class Located:
    """A finding of one memo file: its warning and, when safe, its fix as single characters."""

    problem: Problem
    finding: kobun.Finding
    loc: tuple  # the Japanese text's place in the data, e.g. ("body", 0, "paragraph", "ja")
    edits: list[tuple[int, int, str, str]] = field(default_factory=list)  # (offset in text, in file, old, new)


class _ReadBackDiffers(Exception):
    """The fixed file would not hold exactly the fixed texts."""


def japanese_texts(loaded) -> list[tuple[tuple, str]]:
    """Every Japanese text of a memo with its place: both-language pairs and ja-only blocks, not web addresses."""
    from briefing.content.validate import walk

    return [(loc + ("ja",), node.ja) for loc, node, langs in walk(loaded.memo, (), tuple(loaded.memo.languages))
            if isinstance(node, Text) and "ja" in langs and node.ja and loc[-1:] != ("url",)]


def locate(loaded, strings: dict) -> list[Located]:
    """The 公用文 findings of one memo (`loaded`: a checked memo), at the character they concern."""
    findings = list(kobun.memo_findings(japanese_texts(loaded), kobun.enabled_rules(strings)))
    if not findings:
        return []  # a clean memo costs no second parse
    source, spans = loaded.source, SourceSpans(loaded.source.text)
    found = []
    for loc, finding in findings:
        value = _value(source.data, loc)
        indexes = spans.indexes(loc, value)
        first = next((i for i in indexes[finding.start:finding.end] if i is not None), None)
        line, column = spans.line_column(first) if first is not None else source.position(loc)
        edits = [(offset, indexes[offset], value[offset], new) for offset, new in finding.edits]
        usable = all(index is not None for _, index, _, _ in edits)
        problem = loader.problem_at(loaded.path, source.text, line, column, finding.message(usable),
                                    severity="warning", lang="ja")
        found.append(Located(problem, finding, loc, edits if usable else []))
    return found


def strings_problems(strings: dict, strings_path: Path) -> list[Problem]:
    """A warning for each switch under `checks:` that is no rule or not true/false (a typo would leave it on)."""
    wrong = kobun.switch_problems(strings)
    source = loader.load(strings_path) if wrong and strings_path.is_file() else None
    return [loader.problem_at(strings_path, source.text if source else "",
                              *(source.key_at.get(("checks", name), (1, 1)) if source else (1, 1)),
                              message, severity="warning") for name, message in wrong]


def apply(loaded, located: list[Located], lock_path: Path, say: Callable[[str], None]) -> int:
    """Apply the safe fixes of one memo file in place, saying each; return how many were applied."""
    fixes = [item for item in located if item.edits]
    if not fixes:
        return 0
    bom = "\ufeff" if loaded.path.read_bytes()[:3] == b"\xef\xbb\xbf" else ""
    text = list(loaded.source.text)
    for item in fixes:
        for _, index, old, new in item.edits:
            text[index] = new
    expected = _expected(loaded.source.data, fixes)
    try:
        with atomic_output(loaded.path) as temporary:
            temporary.write_text(bom + "".join(text), encoding="utf-8", newline="")  # line endings as they were
            fixed = loader.load(temporary).data
            if _blank(fixed, fixes) != _blank(expected, fixes):
                raise _ReadBackDiffers
    except (_ReadBackDiffers, ContentError):
        say(f"{_shown(loaded.path)}: not fixed: the file would not read back with exactly the fixed texts")
        return 0
    for item in fixes:
        where = f"{_shown(item.problem.path)}:{item.problem.line}:{item.problem.column}"
        say(f"{where}: fixed {item.finding.rule}: 「{item.finding.found}」 → 「{item.finding.suggestion}」")
    _keep_confirmed(loaded, fixes, fixed, lock_path, say)
    return len(fixes)


def _keep_confirmed(loaded, fixes: list[Located], data: dict, lock_path: Path, say: Callable[[str], None]) -> None:
    """Pairs confirmed before the fix stay confirmed: only the notation of their Japanese changed."""
    from briefing.check import lockfile
    from briefing.content.model import Memo

    lock = lockfile.read(lock_path)
    if not lock:
        return
    pair_ids = set()
    for loc in {item.loc for item in fixes}:
        pair_id = ".".join(map(str, loc[:-1]))
        record = lock.get(pair_id) or {}
        japanese, english = _value(loaded.source.data, loc), _value(loaded.source.data, loc[:-1] + ("en",))
        if (record.get("ja", {}).get("hash") == lockfile.digest(japanese)
                and record.get("en", {}).get("hash") == lockfile.digest(english)):
            pair_ids.add(pair_id)
    if pair_ids:
        lockfile.accept(lock_path, Memo.model_validate(data), pair_ids)
        say(f"{_shown(lock_path)}: {len(pair_ids)} confirmed pair(s) kept confirmed "
            "(only the Japanese notation changed)")


def _expected(data, fixes: list[Located]):
    """The file's data with each fixed text changed as its edits say."""
    import copy

    expected = copy.deepcopy(data)
    changed: dict[tuple, list[str]] = {}
    for item in fixes:
        characters = changed.setdefault(item.loc, list(_value(data, item.loc)))
        for offset, _, _, new in item.edits:
            characters[offset] = new
    for loc, characters in changed.items():
        _value(expected, loc[:-1])[loc[-1]] = "".join(characters)
    return expected


def _shown(path: Path) -> str:
    """A path as the other findings print it: relative to the current folder when inside it."""
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def _blank(data, fixes: list[Located]):
    """`data` with the fixed texts' spaces left out: a line of a folded text (>) that now ends or starts with a
    full-width bracket joins the next without a space, as it does next to any Japanese character."""
    import copy
    import re

    data = copy.deepcopy(data)
    for loc in {item.loc for item in fixes}:
        parent = _value(data, loc[:-1])
        if not isinstance(parent, dict):
            return None  # the fixed file no longer has this text where it was
        parent[loc[-1]] = re.sub(r"\s", "", _value(data, loc))
    return data


def _value(data, loc: tuple):
    """The value at `loc` in plain data ('' where a text is absent)."""
    for key in loc:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return ""
    return data
