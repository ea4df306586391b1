"""Turn parsed files into checked models, collecting every problem with its position."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Protocol

from pydantic import BaseModel, ValidationError

from briefing.content import loader
from briefing.content.eras import ERAS
from briefing.content.images import figure_problems
from briefing.content.model import (Attendees, Figure, Item, Lang, Link, Memo, Numbered, Readout, Reference, Section,
                                    Text)
from briefing.content.mentions import mention_problem, no_latin, style_problems
from briefing.content.references import TOKEN, token_problem
from briefing.content.registry import REGISTRY_FILES, Registry, Term, entry_to_paste
from briefing.content.schema_errors import schema_problems
from briefing.content.workspace import Workspace
from briefing.errors import ContentError, Problem

LANGUAGE_NAMES = {"ja": "Japanese", "en": "English"}
URL_SCHEMES = ("http://", "https://", "mailto:")
MAX_ITEMS = 500  # entries of one list in a memo: more makes a slow, huge PDF (10,000 took 45 s and 600 MB)
MAX_ENTRIES = 2_000  # list entries of one memo in all
MAX_RUN = 200  # characters without a place to break the line: WeasyPrint's time grows with their square
UNBROKEN = re.compile(r"[^\s\-/\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]{%d,}" % (MAX_RUN + 1))


class Templates(Protocol):
    """What checking needs of the templates: each language's strings, house styles, how deep numbering goes."""

    strings: dict
    numbering_depth: int

    def style_names(self) -> list[str]: ...

    def memo_strings(self, memo_style: Any, issuer_style: str | None, lang: str) -> dict: ...

    def unknown_style_keys(self, style: dict) -> list[tuple[tuple, str]]: ...


def load_registry(workspace: Workspace) -> Registry:
    """Every registry file of the workspace, checked; raises `ContentError` with all problems."""
    registry, problems = Registry(), []
    for file_name, (attribute, model) in REGISTRY_FILES.items():
        path = workspace.registry / file_name
        if not path.exists():
            continue
        source = _load(path, problems)
        if source is None:
            continue
        registry.files.append(path)
        if source.data is None:  # only comments, as briefing init writes people.yaml: no entries yet
            continue
        if not isinstance(source.data, dict):
            problems.append(source.problem((), f"{file_name} must map ids to entries"))
            continue
        for entry_id, entry in source.data.items():
            try:
                getattr(registry, attribute)[entry_id] = model.model_validate(entry)
            except ValidationError as error:
                problems.extend(schema_problems(source, error, (entry_id,)))
    glossary = workspace.registry / "glossary.yaml"
    if glossary.exists() and (source := _load(glossary, problems)) is not None:
        registry.files.append(glossary)
        for index, entry in enumerate(source.data or []):
            try:
                registry.glossary.append(Term.model_validate(entry))
            except ValidationError as error:
                problems.extend(schema_problems(source, error, (index,)))
    clashes = registry.people.keys() & registry.organizations.keys()
    problems += [Problem(workspace.registry / "organizations.yaml", 1, 1,
                         f"id '{name}' names both a person and an organization; rename one") for name in clashes]
    if problems:
        raise ContentError(problems)
    return registry


def _load(path: Path, problems: list[Problem]) -> loader.SourceFile | None:
    try:
        return loader.load(path)
    except ContentError as error:
        problems.extend(error.problems)
        return None


@dataclass
class LoadedMemo:
    """A memo that passed the schema, with its source positions and the problems of one language."""

    path: Path
    memo: Memo
    source: loader.SourceFile
    problems: list[Problem]  # each stops one language (`Problem.lang`) from being built

    def blocked(self) -> set[str]:
        """Languages with errors: they are not built; the other language still is."""
        return {p.lang for p in self.problems if p.severity == "error" and p.lang}


def load_memo(path: Path, workspace: Workspace, registry: Registry, templates: Templates) -> LoadedMemo:
    """The checked memo in `path`; raises `ContentError` for problems that concern both languages."""
    source = loader.load(path, workspace.content)
    if not isinstance(source.data, dict):
        raise ContentError([source.problem((), "a memo file must be a mapping of fields (title:, date:, …)")])
    limits = list(limit_problems(source, source.data, ()))
    if not limits and (entries := _entries(source.data)) > MAX_ENTRIES:
        limits.append(source.problem((), f"{entries:,} list entries in one memo; at most {MAX_ENTRIES:,} "
                                          "(split the memo)"))
    if limits:
        raise ContentError(limits)
    try:
        memo = Memo.model_validate(source.data)
    except ValidationError as error:
        raise ContentError(schema_problems(source, error)) from None
    problems = list(meaning_problems(memo, source, workspace, registry, templates))
    if any(problem.lang is None for problem in problems):
        raise ContentError(problems)
    return LoadedMemo(path, memo, source, problems)


def limit_problems(source: loader.SourceFile, value: Any, loc: tuple) -> Iterator[Problem]:
    """Lists longer than `MAX_ITEMS`, texts with a run longer than `MAX_RUN` characters that cannot break."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from limit_problems(source, item, loc + (key,))
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            yield source.problem(loc, f"{len(value):,} entries in one list; at most {MAX_ITEMS} (split the memo)")
            return
        for index, item in enumerate(value):
            yield from limit_problems(source, item, loc + (index,))
    elif isinstance(value, str) and (run := UNBROKEN.search(value)):
        yield source.problem(loc, f"{len(run.group()):,} characters without a space or a place to break the line "
                                  f"(from '{run.group()[:20]}…'); at most {MAX_RUN}: add spaces, or shorten it")


def _entries(value: Any) -> int:
    """How many list entries `value` holds, at every depth."""
    if isinstance(value, dict):
        return sum(_entries(item) for item in value.values())
    if isinstance(value, list):
        return len(value) + sum(_entries(item) for item in value)
    return 0


def meaning_problems(memo: Memo, source: loader.SourceFile, workspace: Workspace,
                     registry: Registry, templates: Templates) -> Iterator[Problem]:
    """Problems a schema cannot see: references, missing languages, files, dates, nesting."""
    types = workspace.memo_types()
    if memo.type not in types:
        yield source.problem(("type",), f"unknown memo type '{memo.type}'; expected one of: {', '.join(types)}")
    if memo.end_date and memo.end_date < memo.date:
        yield source.problem(("end_date",), "end_date is before date; swap them or fix the day")
    if memo.issuer not in registry.organizations:
        yield source.problem(("issuer",), _unknown("organization", memo.issuer, registry.organizations))
    strings = yield from style_problems(source, memo, registry, templates)
    if strings is None:
        return
    if "ja" in memo.languages and (memo.calendar or strings["ja"]["dates"]["calendar"]) == "era":
        yield from _era_problems(source, memo)
    for loc, node, langs in walk(memo, (), tuple(memo.languages)):
        if isinstance(node, Text):
            yield from _text_problems(source, loc, node, langs, registry, memo)
        elif _field(node, "person") is not None and node.person not in registry.people:
            yield source.problem(loc + ("person",), _unknown("person", node.person, registry.people))
        elif _field(node, "person") is not None and "en" in langs and registry.people[node.person].latin is None:
            yield source.problem(loc + ("person",), no_latin(node.person), lang="en")
        elif _field(node, "issuer") and node is not memo and node.issuer not in registry.organizations:
            yield source.problem(loc + ("issuer",), _unknown("organization", node.issuer, registry.organizations))
        elif isinstance(node, Figure):
            yield from figure_problems(source, loc, node, workspace)
        elif isinstance(node, Link):
            urls = [node.url] if isinstance(node.url, str) else [node.url.get(lang) for lang in langs]
            for url in urls:
                if url and not url.lower().startswith(URL_SCHEMES):
                    yield source.problem(loc + ("url",), f"link '{url}' must start with http://, https:// or mailto:")
        if _field(node, "only") and node.only not in memo.languages:
            yield source.problem(loc + ("only",), f"only: {node.only}, but the memo's languages are "
                                                  f"{', '.join(memo.languages)}")
        elif _field(node, "only") and len(memo.languages) > 1 and not node.reason:
            other = next(lang for lang in memo.languages if lang != node.only)
            yield source.problem(loc + ("only",), f"a {LANGUAGE_NAMES[node.only]}-only block in a memo written in "
                                 f"both languages: add reason: … saying why the {LANGUAGE_NAMES[other]} has none, "
                                 "or translate it", key=True, lang=other)
    depth = min(len(strings[lang]["numbering"]) for lang in memo.languages)
    yield from _depth_problems(source, memo.body, ("body",), 0, depth)


def _era_problems(source, memo: Memo) -> Iterator[Problem]:
    """Dates the Japanese era style cannot write: before 昭和, the oldest era this tool knows."""
    first = ERAS[-1][0]
    dated = [(("date",), memo.date), (("end_date",), memo.end_date)]
    dated += [(loc + ("date",), node.date) for loc, node, _ in walk(memo, (), ()) if isinstance(node, Readout)]
    for loc, day in dated:
        if day is not None and day < first:
            yield source.problem(loc, f"{day} is before {ERAS[-1][1]} ({first}), the oldest era this tool writes; "
                                      "set calendar: gregorian", lang="ja")


def walk(node: Any, loc: tuple, langs: tuple[Lang, ...]) -> Iterator[tuple[tuple, Any, tuple[Lang, ...]]]:
    """Every model and Text under `node`, with its location and the languages it must carry."""
    if _field(node, "only"):
        langs = (node.only,)
    yield loc, node, langs
    if isinstance(node, BaseModel) and not isinstance(node, Text):
        for name in _field_names(type(node)):
            value = getattr(node, name)
            items = enumerate(value) if isinstance(value, list) else [(None, value)]
            for index, item in items:
                if isinstance(item, BaseModel):
                    yield from walk(item, loc + ((name,) if index is None else (name, index)), langs)


def _field(node: Any, name: str) -> Any:
    """`node.name` when the node's model has that field, else None (a failed getattr on a model is slow)."""
    return getattr(node, name) if name in _field_names(type(node)) else None


@lru_cache(maxsize=None)
def _field_names(model: type) -> tuple[str, ...]:
    """The field names of a model class, in their order (nothing for other types)."""
    return tuple(model.model_fields) if issubclass(model, BaseModel) else ()


def _text_problems(source, loc, text: Text, langs, registry, memo: Memo) -> Iterator[Problem]:
    for lang in langs:
        value = text.get(lang)
        if not value.strip():
            what = "empty" if getattr(text, lang) is not None else "missing"
            yield source.problem(loc + (lang,) if getattr(text, lang) is not None else loc,
                                 f"{LANGUAGE_NAMES[lang]} text is {what}; add {lang}: …, or mark the block only: …",
                                 lang=lang)
        for match in TOKEN.finditer(value):
            message = token_problem(match.group(1), match.group(2), registry) or \
                mention_problem(match.group(1), match.group(2), lang, memo, registry)
            if message:
                yield source.problem(loc + (lang,), message, lang=lang)


def _depth_problems(source, blocks: list, loc: tuple, level: int, depth: int) -> Iterator[Problem]:
    """Numbering deeper than the templates' levels (numbered sections count as a level)."""
    for index, block in enumerate(blocks):
        here = loc + (index,)
        if isinstance(block, Section):
            if block.numbered and level >= depth:
                yield _too_deep(source, here, level, depth)
            yield from _depth_problems(source, block.body, here + ("body",), level + block.numbered, depth)
        elif isinstance(block, (Reference, Readout)):
            inner = 0 if isinstance(block, Readout) else level
            yield from _depth_problems(source, block.body, here + ("body",), inner, depth)
        elif isinstance(block, Numbered):
            yield from _item_depth(source, block.numbered, here + ("numbered",), level, depth)
        elif isinstance(block, Attendees) and level >= depth:
            yield _too_deep(source, here, level, depth)


def _item_depth(source, items: list[Item], loc: tuple, level: int, depth: int) -> Iterator[Problem]:
    if items and level >= depth:
        yield _too_deep(source, loc, level, depth)
        return
    for index, item in enumerate(items):
        yield from _item_depth(source, item.numbered, loc + (index, "numbered"), level + 1, depth)


def _too_deep(source, loc: tuple, level: int, depth: int) -> Problem:
    return source.problem(loc, f"numbering nested {level + 1} levels deep; the templates define {depth} levels",
                          key=True)


def _unknown(kind: str, name: str, known: dict) -> str:
    guess = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{guess[0]}'?" if guess else f"; {entry_to_paste(kind, name)}"
    return f"unknown {kind} '{name}'{hint}"
