"""Pydantic's validation errors as problems a person can act on: position, plain words, a suggestion."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from briefing.content import loader
from briefing.content.model import BLOCK_KINDS, Strict
from briefing.content.registry import Person  # noqa: F401  (its models must exist before the fields are listed)
from briefing.errors import Problem


def _field_names() -> set[str]:
    """Every field name of every content and registry model: the words a misspelt key is matched against."""
    names: set[str] = set()
    stack = [Strict]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        names.update(getattr(cls, "model_fields", {}))
    return names


KNOWN_FIELDS = _field_names()


def schema_problems(source: loader.SourceFile, error: ValidationError, base: tuple = ()) -> list[Problem]:
    """One `Problem` per pydantic error, placed at the value (or key) it concerns."""
    problems, misspelt = [], set()
    for item in error.errors():
        if item["type"] == "extra_forbidden":
            guess = difflib.get_close_matches(str(item["loc"][-1]), KNOWN_FIELDS, n=1)
            misspelt.update(_data_loc(item["loc"][:-1] + (g,)) for g in guess)
    for item in error.errors():
        loc = base + _data_loc(item["loc"])
        kind, value = item["type"], item.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            guess = difflib.get_close_matches(key, KNOWN_FIELDS, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else "; remove it or check the spelling"
            if guess and guess[0] == key:  # a real field, in the wrong place
                hint = (f"; '{key}' is not allowed here: it belongs to a block (e.g. '- paragraph: …' with "
                        f"'{key}: …' beside it)" if key in ("only", "reason") else f"; '{key}' is not allowed here")
            problems.append(source.problem(loc, f"unknown field '{key}'{hint}", key=True))
            continue
        if kind == "missing" and _data_loc(item["loc"]) in misspelt:
            continue  # the unknown-field problem already names it
        problems.append(source.problem(loc, _message(kind, item, value, loc)))
    return problems


def _data_loc(loc: tuple) -> tuple:
    """Pydantic's error location without the block-kind tag it inserts after `body[i]`."""
    out: list[Any] = []
    expect_tag = False
    for part in loc:
        if expect_tag and part in BLOCK_KINDS:
            expect_tag = False
            continue
        expect_tag = isinstance(part, int) and out[-1:] == ["body"]
        out.append(part)
    return tuple(out)


def _message(kind: str, item: dict, value: Any, loc: tuple) -> str:
    name = f"'{loc[-1]}'" if loc and isinstance(loc[-1], str) else "this value"
    found = f", found {value!r}" if isinstance(value, (str, int, float, bool)) else ""
    if kind == "missing":
        return f"missing field {name}"
    if kind.startswith("bool"):
        return f"{name} must be true or false{found}"
    if kind == "value_error":
        return f"{name} {item['msg'].removeprefix('Value error, ')}{found}"
    if kind.startswith("string"):
        return f"{name} must be text{found}; put quotes around it"
    if kind.startswith(("date", "datetime")):
        return f"{name} must be a date written YYYY-MM-DD{found}"
    if kind == "literal_error":
        return f"{name} must be one of: {item['ctx']['expected'].replace(chr(39), '')}{found}"
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        what = "a list (lines starting with '- ')" if kind == "list_type" else "a mapping of fields"
        return f"{name} must be {what}{found}"
    if kind == "block_kind":
        return item["msg"] + (f"; did you mean '{_guess_block(value)}'?" if _guess_block(value) else "")
    return f"{name}: {item['msg']}{found}"


def _guess_block(value: Any) -> str | None:
    keys = list(value) if isinstance(value, dict) else []
    for key in keys:
        guess = difflib.get_close_matches(str(key), BLOCK_KINDS, n=1)
        if guess:
            return guess[0]
    return None
