"""Inline references inside text: [[fujii]], [[fujii:reading]], [[mofa:short]], [[date]], [[date:short]]."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefing.dates import format_day, format_span
from briefing.model import Lang
from briefing.names import ORGANIZATION_FORMS, PERSON_FORMS, organization_text, person_text
from briefing.registry import Registry

TOKEN = re.compile(r"\[\[\s*([\w.-]+)\s*(?::\s*([\w-]+)\s*)?\]\]")
DATE_FORMS = ("full", "short")


@dataclass(frozen=True)
class InlineContext:
    """What inline references resolve against in one language."""

    lang: Lang
    registry: Registry
    strings: dict
    date: dt.date
    end_date: dt.date | None = None
    era: bool = False


def token_problem(name: str, form: str | None, registry: Registry) -> str | None:
    """Why `[[name:form]]` cannot be resolved, or None when it can."""
    if name == "date":
        forms = DATE_FORMS
    elif name in registry.people:
        forms = PERSON_FORMS
    elif name in registry.organizations:
        forms = ORGANIZATION_FORMS
    else:
        return f"unknown reference [[{name}]]: not a person or organization id in content/_registry/, nor 'date'"
    if form is not None and form not in forms:
        return f"unknown form '{form}' in [[{name}:{form}]]; expected one of: {', '.join(forms)}"
    return None


def resolve(text: str, context: InlineContext) -> str:
    """`text` with every inline reference written out in the context's language."""
    return TOKEN.sub(lambda match: _written(match.group(1), match.group(2) or "full", context), text)


def _written(name: str, form: str, context: InlineContext) -> str:
    lang, registry, dates = context.lang, context.registry, context.strings["dates"]
    locale = context.strings["locale"]
    if name == "date":
        if form == "short":
            return format_day(context.date, dates["date_short"], locale)
        return format_span(context.date, context.end_date, dates, locale, era=context.era)
    if name in registry.people:
        return person_text(registry.people[name], lang, form)
    return organization_text(registry.organizations[name], lang, form)
