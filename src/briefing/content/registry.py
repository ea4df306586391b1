"""Shared registries in content/_registry/: people, organizations and the ja ↔ en glossary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field

from briefing.content.model import Strict, Text
from briefing.content.workspace import REGISTRY_DIR


class Name(Strict):
    """A name in one script."""

    family: str
    given: str = ""


class Person(Strict):
    """Someone memos name: names in both scripts, reading, honorific and titles per language."""

    ja: Name = Field(description="Name in kanji or katakana")
    latin: Name | None = Field(None, description="Name in Latin script, e.g. family: Fujii, given: Hisayuki "
                                                 "(needed where an English text names the person)")
    kana: Name | None = Field(None, description="Reading in hiragana, e.g. ふじい・ひさゆき")
    order: Literal["japanese", "western", "family-first"] = Field(
        "japanese", description="japanese: 藤井比早之 / FUJII Hisayuki; western: アトゥル・カレ / Atul Khare; "
                                "family-first (e.g. Hungarian): オルバーン・ヴィクトル / ORBÁN Viktor")
    short_name: Text | None = Field(None, description="Name used in later mentions instead of the family name, "
                                                      "e.g. the first of a double surname")
    honorific: Text = Field(default_factory=Text, description="e.g. en: Mr. (ja is usually empty)")
    title: Text = Field(default_factory=Text, description="Current title, e.g. 外務副大臣")
    short_title: Text | None = Field(None, description="Title after the family name, e.g. 副大臣")


class Organization(Strict):
    """An issuing or attending organization."""

    name: Text
    short: Text | None = Field(None, description="Short name used after the first mention")
    style: str | None = Field(None, description="House style its memos follow: templates/styles/<style>.yaml")


class Term(Strict):
    """An agreed pair of terms: English text must render `ja` as `en` (or a listed variant; plurals count)."""

    ja: str
    en: str
    variants: list[str] = Field(default_factory=list, description="Other accepted spellings, in either language")
    note: str | None = None


@dataclass
class Registry:
    """All registries of a workspace, with the files they came from."""

    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


REGISTRY_FILES = {"people.yaml": ("people", Person), "organizations.yaml": ("organizations", Organization)}


ENTRY_TO_PASTE = {  # what `entry_to_paste` shows for a missing id: the fields README "Registries" describes
    "organization": ("organizations.yaml", "{id}: {{name: {{ja: 〇〇省, en: Ministry of …}}}}"),
    "person": ("people.yaml", "{id}: {{ja: {{family: 山田, given: 太郎}}, latin: {{family: Yamada, given: Taro}}, "
                              "honorific: {{en: Mr.}}, title: {{ja: 〇〇大臣, en: Minister for …}}}}"),
}


def entry_to_paste(kind: str, entry_id: str) -> str:
    """Where to add a missing organization or person, and a line of YAML to paste there with the id filled in."""
    file_name, shape = ENTRY_TO_PASTE[kind]
    return f"add it to content/{REGISTRY_DIR}/{file_name} with your names, e.g. this line:  {shape.format(id=entry_id)}"
