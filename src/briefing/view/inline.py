"""Inline references inside text: [[fujii]], [[fujii:reading]], [[mofa:short]], [[date]], [[date:short]]."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from briefing.content.model import Lang
from briefing.content.references import TOKEN
from briefing.content.registry import Registry
from briefing.view.dates import format_day, format_span
from briefing.view.names import organization_text, person_text


@dataclass(frozen=True)
class InlineContext:
    """What inline references resolve against in one language."""

    lang: Lang
    registry: Registry
    strings: dict
    date: dt.date
    end_date: dt.date | None = None
    era: bool = False


def resolve(text: str, context: InlineContext) -> Markup:
    """`text` with every inline reference written out in the context's language, as escaped HTML.

    Text in the other language (the English name of [[person:latin]] in Japanese) is marked
    `<span lang="…">`, so screen readers read it in its language (tagged PDF /Lang).
    """
    parts, start = [], 0
    for match in TOKEN.finditer(text):
        parts += [escape(text[start:match.start()]), _marked(match.group(1), match.group(2) or "full", context)]
        start = match.end()
    return Markup("").join([*parts, escape(text[start:])])


def _marked(name: str, form: str, context: InlineContext) -> Markup:
    written = _written(name, form, context)
    if form != "latin" or context.lang == "en" or name not in context.registry.people:
        return escape(written)
    english = person_text(context.registry.people[name], "en")
    before, found, after = written.rpartition(english)
    if not found:
        return escape(written)
    return escape(before) + Markup('<span lang="en">{}</span>').format(english) + escape(after)


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
