"""Checks of what a memo asks of its house style and its registry mentions: styles, times, readings, Latin names."""

from __future__ import annotations

from typing import Iterator

from briefing.content.model import Memo
from briefing.content.registry import Registry
from briefing.errors import ContentError, Problem

TIMED = {"time": "time", "japan-time": "japan_time", "duration": "duration"}  # [[…]] → the memo field it writes


def style_problems(source, memo: Memo, registry: Registry, templates) -> Iterator[Problem]:
    """A house style that does not exist; returns each language's strings for the memo (None if unknown)."""
    issuer = registry.organizations.get(memo.issuer)
    issuer_style = issuer.style if issuer else None
    named = memo.style if isinstance(memo.style, str) else (memo.style or {}).get("base")
    for name, loc, whose in ((named, ("style",), "the memo"), (issuer_style, ("issuer",), f"organization '{memo.issuer}'")):
        if name is not None and name not in templates.style_names():
            yield source.problem(loc, f"{whose} names house style '{name}', which is not in templates/styles/; "
                                      f"expected one of: {', '.join(templates.style_names())}")
            return None
    if isinstance(memo.style, dict):
        unknown = templates.unknown_style_keys(memo.style)
        for loc, message in unknown:
            yield source.problem(("style",) + loc, f"style: {message}", key=True)
        if unknown:
            return None
    try:
        return {lang: templates.memo_strings(memo.style, issuer_style, lang) for lang in memo.languages}
    except ContentError as error:
        for problem in error.problems:
            yield problem
        return None


def no_latin(person: str) -> str:
    """Why a person without a Latin spelling cannot be named in English."""
    return (f"the English text names '{person}', who has no Latin spelling: add latin: {{family: …, given: …}} "
            "to content/_registry/people.yaml")


def mention_problem(name: str, form: str | None, lang: str, memo: Memo, registry: Registry) -> str | None:
    """Why `[[name:form]]` in `lang` cannot be written from this memo and registry, or None."""
    person = registry.people.get(name)
    if name in TIMED and getattr(memo, TIMED[name]) is None:
        example = "30 (minutes)" if name == "duration" else '"14:30"'
        return f"[[{name}]] needs the memo's {TIMED[name]}: field; add it, e.g. {TIMED[name]}: {example}"
    if person and form == "reading" and lang == "ja" and person.kana is None:
        return (f"[[{name}:reading]]: '{name}' has no reading; add kana: {{family: …, given: …}} "
                "to content/_registry/people.yaml")
    if person and person.latin is None and (lang == "en" or form == "latin"):
        return no_latin(name)
    return None
