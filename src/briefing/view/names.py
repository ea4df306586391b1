"""How a registry person or organization is written in each language."""

from __future__ import annotations

from briefing.content.model import Lang
from briefing.content.registry import Organization, Person


def personal_name(person: Person, lang: Lang, *, spaced: bool = False) -> str:
    """The name alone: 藤井比早之 / FUJII Hisayuki; western: アトゥル・カレ / Atul Khare."""
    if lang == "ja":
        name = person.ja
        if person.order == "western":
            return "・".join(part for part in (name.given, name.family) if part)
        return (" " if spaced else "").join(part for part in (name.family, name.given) if part)
    name = person.latin
    if person.order == "western":
        return " ".join(part for part in (name.given, name.family) if part)
    return " ".join(part for part in (name.family.upper(), name.given) if part)


def reading(person: Person) -> str:
    """The kana reading in the ministry's form, e.g. ふじい・ひさゆき ('' when unknown)."""
    if person.kana is None:
        return ""
    return "・".join(part for part in (person.kana.family, person.kana.given) if part)


def person_text(person: Person, lang: Lang, form: str = "full", title: str | None = None) -> str:
    """The person in running text or a list, in one of `PERSON_FORMS`."""
    title = person.title.get(lang) if title is None else title
    honorific = person.honorific.get(lang)
    name = personal_name(person, lang)
    if form == "name":
        return f"{honorific} {name}".strip() if lang == "en" else name
    if form == "short":
        short_title = (person.short_title or person.title).get(lang)
        family = person.ja.family if lang == "ja" else person.latin.family
        if lang == "en" and person.order == "japanese":
            family = family.upper()
        return f"{family}{short_title}" if lang == "ja" else f"{short_title} {family}".strip()
    if lang == "en":
        named = f"{honorific} {name}".strip()
        return f"{named}, {title}" if title else named
    if form == "reading" and reading(person):
        name = f"{name}({reading(person)})"
    if form == "latin":
        return f"{name}{title}({person_text(person, 'en')})"
    return f"{name}{title}"


def attendee_text(person: Person, lang: Lang, title: str | None = None) -> str:
    """An attendee line: 井上 実佳 東洋学園大学教授 / Ms. INOUE Mika, Professor, …"""
    title = person.title.get(lang) if title is None else title
    if lang == "en":
        return person_text(person, "en", "full", title)
    name = personal_name(person, "ja", spaced=True)
    return f"{name} {title}".strip()


def organization_text(organization: Organization, lang: Lang, form: str = "full") -> str:
    """The organization's name, or its short name when `form` is 'short' and one is given."""
    if form == "short" and organization.short is not None:
        return organization.short.get(lang)
    return organization.name.get(lang)
