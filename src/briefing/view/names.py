"""How a registry person or organization is written in each language: patterns from the strings."""

from __future__ import annotations

import re

from briefing.content.model import Lang
from briefing.content.registry import Name, Organization, Person

EMPTY_BRACKETS = re.compile(r"（）|\(\)|\[\]|［］")


def _joined(person: Person, lang: Lang, names: dict, space: str, form: str) -> str:
    """Family and given name in the person's order, in one script."""
    name = _script(person, lang)
    family = _cased(person, lang, name.family, names, form)
    if person.order == "western":
        return names["western_separator"].join(p for p in (name.given, name.family) if p)
    separator = names["western_separator"] if lang == "ja" and person.order == "family-first" else space
    return separator.join(p for p in (family, name.given) if p)


def _script(person: Person, lang: Lang) -> Name:
    if lang == "ja":
        return person.ja
    return person.latin or Name(family="")


def _cased(person: Person, lang: Lang, family: str, names: dict, form: str) -> str:
    """The family name in capitals where the strings ask for it (FUJII), for family-first names only."""
    upper = person.order != "western" and form in names.get("upper", [])
    return family.upper() if upper and lang == "en" else family


def reading(person: Person, separator: str = "・") -> str:
    """The kana reading, e.g. ふじい・ひさゆき ('' when unknown)."""
    if person.kana is None:
        return ""
    return separator.join(part for part in (person.kana.family, person.kana.given) if part)


def person_text(person: Person, lang: Lang, strings: dict, form: str = "full", title: str | None = None) -> str:
    """The person in running text or a list, in one of the forms the strings' `names:` define."""
    names = strings["names"]
    family = person.short_name.get(lang) if person.short_name and person.short_name.get(lang) else \
        _script(person, lang).family
    fields = {
        "name": _joined(person, lang, names, "" if lang == "ja" else " ", form),
        "name_spaced": _joined(person, lang, names, " ", form),
        "family": _cased(person, lang, family, names, form),
        "title": person.title.get(lang) if title is None else title,
        "short_title": (person.short_title or person.title).get(lang) if title is None else title,
        "honorific": person.honorific.get(lang),
        "reading": reading(person, names["reading_separator"]),
        "english": "",
    }
    if "{english}" in names[form]:
        fields["english"] = english_form(person, names)
    return _tidy(names[form].format(**fields))


def english_form(person: Person, names: dict) -> str:
    """The English form written inside Japanese text: （Mr. Atul Khare, Under-Secretary-General…）."""
    latin = person.latin or Name(family="")
    if person.order == "western":
        name = " ".join(p for p in (latin.given, latin.family) if p)
    else:
        family = latin.family.upper() if names.get("english_upper", True) else latin.family
        name = " ".join(p for p in (family, latin.given) if p)
    return _tidy(names["english"].format(honorific=person.honorific.get("en"), name=name,
                                         title=person.title.get("en")))


def _tidy(text: str) -> str:
    """A pattern's output without the traces of empty fields: double spaces, empty brackets, a dangling comma."""
    text = EMPTY_BRACKETS.sub("", re.sub(r" {2,}", " ", text)).strip()
    return text.rstrip(",").strip().replace(" ,", ",")


def attendee_text(person: Person, lang: Lang, strings: dict, title: str | None = None) -> str:
    """An attendee line in the strings' `attendee` form: 井上 実佳 東洋学園大学教授 / Ms. INOUE Mika, Professor, …"""
    return person_text(person, lang, strings, "attendee", title)


def organization_text(organization: Organization, lang: Lang, form: str = "full") -> str:
    """The organization's name, or its short name when `form` is 'short' and one is given."""
    if form == "short" and organization.short is not None:
        return organization.short.get(lang)
    return organization.name.get(lang)
