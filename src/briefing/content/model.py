"""The content model: what a memo file and the registries may contain (the one schema)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StrictBool, Tag, field_validator

Lang = Literal["ja", "en"]
LANGUAGES: tuple[Lang, ...] = ("ja", "en")


class Strict(BaseModel):
    """Base of every content model: unknown fields are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """Text in each language: `{ja: …, en: …}`; a one-language block gives only its language."""

    ja: str | None = Field(None, description="日本語の文 / Japanese text")
    en: str | None = Field(None, description="英語の文 / English text")

    def get(self, lang: Lang) -> str:
        """The text in `lang` ('' when absent)."""
        return getattr(self, lang) or ""


def clock_time(value: str | None) -> str | None:
    """A 24-hour time H:MM (0:00 to 23:59), as `time:` fields take it."""
    if value is None:
        return value
    hours, _, minutes = value.partition(":")
    if not (hours.isdigit() and len(hours) <= 2 and minutes.isdigit() and len(minutes) == 2
            and int(hours) < 24 and int(minutes) < 60):
        raise ValueError("must be a 24-hour time H:MM between 0:00 and 23:59, e.g. \"14:30\" for 2:30 p.m.")
    return value


class PerLanguageDate(Strict):
    """A date that differs by language, e.g. the local date in Japanese and the Japan date in English."""

    ja: dt.date | None = Field(None, description="日本語版の日付 / Date of the Japanese version")
    en: dt.date | None = Field(None, description="英語版の日付 / Date of the English version")


class Bullet(Text):
    """One bullet point: text in each language, or one language only (`only:` + `reason:`, as a block)."""

    only: Lang | None = Field(None, description="この言語の版にだけ載せる (ja / en) / Print in one language only")
    reason: str | None = Field(None, description="only を使う理由 / Why the point exists in one language only")


class Block(Strict):
    """Fields every block shares."""

    only: Lang | None = Field(None, description="この言語の版にだけ載せる (ja / en) / Print in one language only")
    reason: str | None = Field(None, description="only を使う理由 / Why the block exists in one language only")


class Paragraph(Block):
    """A paragraph of running text."""

    paragraph: Text = Field(description="段落の文 / Text of the paragraph")


class Item(Block):
    """One numbered item; may hold a deeper numbered list and bullet points."""

    text: Text = Field(description="項目の文 / Text of the item")
    numbered: list[Item] = Field(default_factory=list, description="一段下の番号付き項目 / Items one level deeper")
    bullets: list[Bullet] = Field(default_factory=list, description="この項目の箇条書き / Bullet points under this item")


class Numbered(Block):
    """A numbered list: 1 → (1) → ア in Japanese, 1. → (a) → (i) in English."""

    numbered: list[Item] = Field(description="番号付きの項目 （1 → （1） → ア） / Numbered items (1. → (a) → (i))")


class Bullets(Block):
    """A bullet list."""

    bullets: list[Bullet] = Field(description="箇条書き (●) / Bullet points (•)")


class Attendee(Strict):
    """A person at the meeting, by registry id."""

    person: str = Field(description="人物のid (content/_registry/people.yaml) / Person id in the people registry")
    title: Text | None = Field(None, description="当日の肩書(名簿と異なる場合) / Title on this date, if not the registry's")
    online: StrictBool = Field(False, description="オンライン参加 / Took part online")
    note: Text | None = Field(None, description="氏名の後に添える語 （元JICA…） / Words after the name")


class Attendees(Block):
    """A numbered attendee list, with an optional note such as the audience count."""

    attendees: list[Attendee] = Field(description="出席者 / The people who attended")
    note: Text | None = Field(None, description="末尾の一文(聴衆の数など) / A closing line, e.g. the audience")


class Link(Strict):
    """A hyperlink (http, https or mailto)."""

    text: Text = Field(description="リンクの文 / Text of the link")
    url: str | Text = Field(description="アドレス(言語ごとも可) / One address, or one per language")


class Links(Block):
    """A list of links, with an optional label such as 参考リンク / Related links."""

    links: list[Link] = Field(description="リンク (http, https, mailto) / Links (http, https, mailto)")
    label: Text | None = Field(None, description="見出し(参考リンクなど) / Label, e.g. Related links")


class Figure(Block):
    """An image from content/assets with its caption."""

    figure: str = Field(description="content/ の中の画像 (assets/photo1.png) / Image path under content/")
    caption: Text = Field(description="画像の説明 / Caption of the image")
    alt: Text | None = Field(None, description="代替テキスト(音声読み上げ用、省略時は説明文) / "
                                               "Alternative text for screen readers (default: the caption)")
    width: float = Field(0.6, gt=0, le=1, description="本文の幅に対する割合 / Width as a fraction of the text width")


class Reference(Block):
    """A reference note: （参考） / [Reference], framed or plain as the house style says."""

    reference: Text | None = Field(None, description="（参考）の題（無くてもよい） / Title of the note (may be left out)")
    label: Text | None = Field(None, description="この注だけのラベル（【参考】など） / A label of its own, e.g. 【参考】")
    body: list[BlockUnion] = Field(description="枠の中のブロック / Blocks inside the box")


class Section(Block):
    """A headed section; numbered sections count as the first numbering level."""

    section: Text = Field(description="見出し / The heading")
    numbered: StrictBool = Field(True, description="見出しに番号を付ける (1, 2 …) / Number the heading")
    body: list[BlockUnion] = Field(description="見出しの下のブロック / Blocks under the heading")


class Readout(Block):
    """A compiled readout with its own title, issuer, date, lead and closing mark."""

    readout: Text = Field(description="会談概要の題 / Title of the readout")
    issuer: str | None = Field(None, description="発出した組織のid / Organization id of who issued it")
    date: dt.date | None = Field(None, description="会談の日 (YYYY-MM-DD) / Date of the readout")
    lead: Text | None = Field(None, description="冒頭の段落 / Opening paragraph")
    body: list[BlockUnion] = Field(description="会談概要の本文 / Blocks of the readout")
    closing: StrictBool = Field(True, description="末尾に（以上）を付ける / End with (End)")


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

    type: str = Field(description="文書の種類 (readout, result-summary) / Memo type: which template")
    date: dt.date = Field(description="日付 (YYYY-MM-DD) / Date of the event")
    end_date: dt.date | None = Field(None, description="最終日(複数日の行事) / Last day, for events over several days")
    published: dt.date | PerLanguageDate | None = Field(
        None, description="日付欄の公表日（言語ごとも可） / Publication date on the date line, or one per language")
    time: str | None = Field(None, description="開始時刻（24時間制 H:MM）[[time]] / Start time, 24-hour H:MM: [[time]]")
    duration: int | None = Field(None, gt=0, description="所要時間（分）[[duration]] / Length in minutes: [[duration]]")
    japan_date: dt.date | None = Field(None, description="日本時間の日付 [[japan-date]] / Date in Japan: [[japan-date]]")
    japan_time: str | None = Field(None, description="日本時間の時刻（H:MM）[[japan-time]] / Time in Japan: [[japan-time]]")
    style: str | dict[str, Any] | None = Field(
        None, description="体裁（templates/styles の名前か、上書きする項目） / House style name, or keys overriding it")
    languages: list[Lang] = Field(default_factory=lambda: list(LANGUAGES), min_length=1,
                                  description="作成する言語 / Languages to write it in")
    calendar: Literal["gregorian", "era"] | None = Field(
        None, description="年の書き方 (era = 令和) / Japanese year style")
    handling: Text | None = Field(None, description="右上の取扱表示 (取扱注意) / Handling mark, top right")
    issuer: str = Field(description="発出する組織のid (organizations.yaml) / Issuing organization id")
    title: Text = Field(description="表題 / Title")
    lead: Text | None = Field(None, description="冒頭の段落 / Opening paragraph")
    body: list[BlockUnion] = Field(description="本文のブロック / Blocks of the body")
    closing: StrictBool = Field(True, description="末尾に（以上）を付ける / End with (End)")

    _clock = field_validator("time", "japan_time")(clock_time)

    def published_on(self, lang: Lang) -> dt.date:
        """The date on the date line in `lang`: the publication date, else the event's date."""
        if isinstance(self.published, PerLanguageDate):
            return getattr(self.published, lang) or self.date
        return self.published or self.date


for _model in (Item, Reference, Section, Readout):
    _model.model_rebuild()
