"""Inline references inside text: [[fujii]], [[fujii:reading]], [[mofa:short]], [[date:day]], [[time]] …"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from briefing.content.model import Lang
from briefing.content.references import TOKEN
from briefing.content.registry import Registry
from briefing.view.dates import format_day, format_duration, format_span, format_time
from briefing.view.names import english_form, organization_text, person_text

DATE_PATTERNS = {"short": "date_short", "day": "day", "weekday": "weekday"}


@dataclass(frozen=True)
class InlineContext:
    """What inline references resolve against in one language."""

    lang: Lang
    registry: Registry
    strings: dict
    date: dt.date
    end_date: dt.date | None = None
    era: bool = False
    time: str | None = None
    japan_date: dt.date | None = None
    japan_time: str | None = None
    duration: int | None = None


def resolve(text: str, context: InlineContext) -> Markup:
    """`text` with every inline reference written out in the context's language, as escaped HTML.

    Text in the other language (the English name of [[person:latin]] in Japanese) is marked
    `<span lang="…">`, so screen readers read it in its language (tagged PDF /Lang).
    """
    parts, start = [], 0
    for match in TOKEN.finditer(text):
        written = _written(match.group(1), match.group(2) or "full", match.group(3), context)
        parts += [escape(text[start:match.start()]), _marked(written, match.group(1), match.group(2), context)]
        start = match.end()
    return Markup("").join([*parts, escape(text[start:])])


def _marked(written: str, name: str, form: str | None, context: InlineContext) -> Markup:
    """`written`, with the English form a Japanese text holds (the `{english}` of its pattern) marked as English."""
    person = context.registry.people.get(name)
    if context.lang == "en" or person is None or "{english}" not in context.strings["names"].get(form or "full", ""):
        return escape(written)
    english = english_form(person, context.strings["names"])
    before, found, after = written.rpartition(english)
    if not english or not found:
        return escape(written)
    return escape(before) + Markup('<span lang="en">{}</span>').format(english) + escape(after)


def _written(name: str, form: str, title: str | None, context: InlineContext) -> str:
    lang, registry, strings = context.lang, context.registry, context.strings
    if name in ("date", "japan-date"):
        day = context.date if name == "date" else context.japan_date or context.date
        if form in DATE_PATTERNS:
            return format_day(day, strings["dates"][DATE_PATTERNS[form]], strings["locale"])
        end = context.end_date if name == "date" else None
        return format_span(day, end, strings["dates"], strings["locale"], era=context.era)
    if name in ("time", "japan-time"):
        clock = context.time if name == "time" else context.japan_time
        return format_time(clock, strings["times"]) if clock else ""
    if name == "duration":
        return format_duration(context.duration, strings["times"]) if context.duration else ""
    if name in registry.people:
        return person_text(registry.people[name], lang, strings, form, title.strip() if title else None)
    return organization_text(registry.organizations[name], lang, form)
