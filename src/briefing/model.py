"""The content model: what a memo file and the registries may contain (the one schema)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StrictBool, Tag

Lang = Literal["ja", "en"]
LANGUAGES: tuple[Lang, ...] = ("ja", "en")


class Strict(BaseModel):
    """Base of every content model: unknown fields are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """Text in each language: `{ja: …, en: …}`; a one-language block gives only its language."""

    ja: str | None = Field(None, description="Japanese text / 日本語の文")
    en: str | None = Field(None, description="English text / 英語の文")

    def get(self, lang: Lang) -> str:
        """The text in `lang` ('' when absent)."""
        return getattr(self, lang) or ""


class Block(Strict):
    """Fields every block shares."""

    only: Lang | None = Field(None, description="Print this block in one language only (ja or en)")


class Paragraph(Block):
    """A paragraph of running text."""

    paragraph: Text


class Item(Block):
    """One numbered item; may hold a deeper numbered list and bullet points."""

    text: Text
    numbered: list[Item] = Field(default_factory=list, description="Items one level deeper")
    bullets: list[Text] = Field(default_factory=list, description="Bullet points under this item")


class Numbered(Block):
    """A numbered list: 1 → (1) → ア in Japanese, 1. → (a) → (i) in English."""

    numbered: list[Item]


class Bullets(Block):
    """A bullet list."""

    bullets: list[Text]


class Attendee(Strict):
    """A person at the meeting, by registry id."""

    person: str = Field(description="Id in content/_registry/people.yaml")
    title: Text | None = Field(None, description="Title on this date, if not the registry's")
    online: StrictBool = Field(False, description="Took part online")
    note: Text | None = Field(None, description="Extra words after the name, e.g. (元JICA…)")


class Attendees(Block):
    """A numbered attendee list, with an optional note such as the audience count."""

    attendees: list[Attendee]
    note: Text | None = Field(None, description="A closing line, e.g. the size of the audience")


class Link(Strict):
    """A hyperlink (http, https or mailto)."""

    text: Text
    url: str | Text = Field(description="One address, or one per language")


class Links(Block):
    """A list of links, with an optional label such as 参考リンク / Related links."""

    links: list[Link]
    label: Text | None = None


class Figure(Block):
    """An image from content/assets with its caption."""

    figure: str = Field(description="Path under content/, e.g. assets/photo1.png")
    caption: Text
    width: float = Field(0.6, gt=0, le=1, description="Width as a fraction of the text width")


class Reference(Block):
    """A boxed note: (参考) / [Reference]."""

    reference: Text = Field(description="The box title")
    body: list[BlockUnion]


class Section(Block):
    """A headed section; numbered sections count as the first numbering level."""

    section: Text = Field(description="The heading")
    numbered: StrictBool = Field(True, description="Number the heading (1, 2 …)")
    body: list[BlockUnion]


class Readout(Block):
    """A compiled readout with its own title, issuer, date, lead and closing mark."""

    readout: Text = Field(description="The readout's title")
    issuer: str | None = Field(None, description="Organization id of who issued it")
    date: dt.date | None = None
    lead: Text | None = None
    body: list[BlockUnion]
    closing: StrictBool = Field(True, description="End with (以上) / End")


BLOCK_KINDS: dict[str, type[Block]] = {
    "paragraph": Paragraph, "numbered": Numbered, "bullets": Bullets, "attendees": Attendees,
    "links": Links, "figure": Figure, "reference": Reference, "section": Section, "readout": Readout,
}


def block_kind(value: Any) -> str | None:
    """The block kind named by the first known key of a block mapping."""
    if isinstance(value, BaseModel):
        return next(k for k, v in BLOCK_KINDS.items() if isinstance(value, v))
    if isinstance(value, dict):
        return next((key for key in value if key in BLOCK_KINDS), None)
    return None


BlockUnion = Annotated[
    Union[tuple(Annotated[model, Tag(kind)] for kind, model in BLOCK_KINDS.items())],
    Discriminator(block_kind, custom_error_type="block_kind",
                  custom_error_message="a block must start with one of: " + ", ".join(BLOCK_KINDS)),
]


class Memo(Strict):
    """One memo file: content/<memo-id>.yaml."""

    type: str = Field(description="Template: result-summary, readout, …")
    date: dt.date
    end_date: dt.date | None = Field(None, description="Last day, for events over several days")
    time: str | None = Field(None, pattern=r"^\d{1,2}:\d{2}$", description="Start time, 24-hour H:MM")
    languages: list[Lang] = Field(default_factory=lambda: list(LANGUAGES), min_length=1)
    calendar: Literal["gregorian", "era"] | None = Field(None, description="Japanese year style; era = 令和")
    handling: Text | None = Field(None, description="Handling mark printed top right, e.g. 取扱注意")
    issuer: str = Field(description="Organization id in content/_registry/organizations.yaml")
    title: Text
    lead: Text | None = None
    body: list[BlockUnion]
    closing: StrictBool = Field(True, description="End with (以上) / End")


for _model in (Item, Reference, Section, Readout):
    _model.model_rebuild()
