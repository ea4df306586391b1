"""Lock files: for each paired text, the Japanese and English last confirmed as each other's translation.

`content/<memo-id>.lock.yaml` is written by `briefing check --accept` and kept in git. A pair is
known by its place in the memo (e.g. `body.1.body.0.numbered.2.text`); a pair that moved is still
recognised by the hash of either side.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ruamel.yaml import YAML

from briefing.content import loader
from briefing.content.files import atomic_output
from briefing.content.model import Memo, Text
from briefing.errors import ContentError

HEADER = "# Confirmed translations of {name}: written by `briefing check --accept`, kept in git.\n"


def digest(text: str) -> str:
    """Short content hash of one side of a pair."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Pair:
    """One paired text of a memo, with its id (its place in the memo)."""

    id: str
    loc: tuple
    text: Text


def pairs(memo: Memo) -> Iterator[Pair]:
    """Every text of the memo that exists in both of its languages."""
    from briefing.content.validate import walk

    for loc, node, langs in walk(memo, (), tuple(memo.languages)):
        if isinstance(node, Text) and len(langs) > 1:
            yield Pair(".".join(map(str, loc)), loc, node)


def read(path: Path) -> dict[str, dict] | None:
    """The lock's entries by pair id, or None when the memo has no lock file yet."""
    if not path.exists():
        return None
    data = loader.load(path).data or {}
    entries = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise ContentError([loader.load(path).problem((), "a lock file holds `pairs:`; delete it and run "
                                                          "briefing check --accept to write it again")])
    return entries


def entry(text: Text, langs: tuple[str, ...]) -> dict:
    """What the lock records of a pair: each language's hash and text."""
    return {lang: {"hash": digest(text.get(lang)), "text": text.get(lang)} for lang in langs}


def accept(path: Path, memo: Memo, only: set[str] | None = None) -> int:
    """Confirm the memo's current pairs (or only the pair ids in `only`); return how many were written."""
    entries = read(path) or {}
    current = {pair.id: pair for pair in pairs(memo)}
    if only is None:
        entries = {pair_id: entry(pair.text, tuple(memo.languages)) for pair_id, pair in current.items()}
        count = len(entries)
    else:
        unknown = only - current.keys()
        if unknown:
            from briefing.errors import UsageError
            raise UsageError(f"no pair {', '.join(sorted(unknown))} in {path.name.removesuffix('.lock.yaml')}; "
                             "the ids are shown by briefing check")
        for pair_id in only:
            entries[pair_id] = entry(current[pair_id].text, tuple(memo.languages))
        entries = {pair_id: value for pair_id, value in entries.items() if pair_id in current}
        count = len(only)
    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump({"pairs": dict(sorted(entries.items(), key=lambda item: _order(item[0], current)))}, buffer)
    with atomic_output(path) as temporary:
        temporary.write_text(HEADER.format(name=path.name.removesuffix(".lock.yaml") + ".yaml")
                             + buffer.getvalue(), encoding="utf-8")
    return count


def _order(pair_id: str, current: dict[str, Pair]) -> int:
    """Pairs in the order of the memo."""
    return list(current).index(pair_id) if pair_id in current else len(current)
