"""What surrounds a memo's text in Word: the header's marks, the page-number footer, properties, draft mode."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

from docx.shared import Pt

from briefing.render.docx import ooxml
from briefing.render.docx.text import Segment, xml_safe


def header(writer, marks: list[tuple[str, list[Segment]]]) -> None:
    """The header as (style, text) paragraphs, e.g. the draft mark and the handling mark; none: no header."""
    if not marks:
        return
    story = writer.word.sections[0].header
    story.is_linked_to_previous = False
    ooxml.clear_story(story._element)
    for style, pieces in marks:
        paragraph = writer.paragraph(style, container=story)
        writer.runs(paragraph, pieces)
        if boxed(paragraph.style):
            fit_box(paragraph, "".join(piece.text for piece in pieces), writer.width)


def boxed(style) -> bool:
    """Whether a style draws a paragraph border (the handling mark's padded box)."""
    while style is not None:
        if ooxml.has_paragraph_box(style.element.pPr):
            return True
        style = style.base_style
    return False


def fit_box(paragraph, text: str, width: int) -> None:
    """A right-aligned boxed paragraph as wide as its text: a left indent leaves the rest of the line out of the
    box, which so pads the text as print.css pads .handling (a character border would hug it)."""
    style = paragraph.style
    size = next((s.font.size for s in _chain(style) if s.font.size is not None), Pt(10.5))
    chars = sum(_ems(c) for c in text) + 0.5
    right = next((s.paragraph_format.right_indent for s in _chain(style) if s.paragraph_format.right_indent), 0)
    left = max(width - right - math.ceil(chars * size), 0)
    paragraph.paragraph_format.left_indent = left


def _ems(char: str) -> float:
    """A character's width in ems, on the safe side: full-width 1, capitals 0.65, spaces 0.25, the rest 0.45
    (Times-like Latin; the box is measured once, when written, and Word keeps the indent)."""
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    return 0.65 if char.isupper() else 0.25 if char.isspace() else 0.45


def _chain(style):
    while style is not None:
        yield style
        style = style.base_style


def footer(writer, labels: dict) -> None:
    """"- PAGE -", or "- PAGE / NUMPAGES -" when the strings have `page_of`: real fields, words from the strings."""
    story = writer.word.sections[0].footer
    story.is_linked_to_previous = False
    ooxml.clear_story(story._element)
    paragraph = writer.paragraph("Footer", container=story)
    fields = [" PAGE "] + ([" NUMPAGES "] if labels.get("page_of") else [])
    writer.runs(paragraph, [Segment(labels["page_before"])])
    for index, field in enumerate(fields):
        if index:
            writer.runs(paragraph, [Segment(labels["page_of"])])
        for run in ooxml.add_field(paragraph, field, "1"):
            writer.tag(run.get_or_add_rPr())
    writer.runs(paragraph, [Segment(labels["page_after"])])


def properties(word, document, lang: str) -> None:
    """Core and app properties from the memo: title, subject, author and company, language, dates."""
    core = word.core_properties
    moment = dt.datetime.fromtimestamp(document.epoch, dt.timezone.utc).replace(tzinfo=None)
    title, author = xml_safe(document.title)[:255], xml_safe(document.author)[:255]
    core.title = core.subject = title
    core.author = core.last_modified_by = author
    core.created = core.modified = moment
    core.revision = 1
    core.language = lang
    core.comments = core.keywords = core.category = core.content_status = ""
    ooxml.set_company(word.part.package, author)


def draft(word, on: bool, label: str) -> None:
    """A draft for approval: Word records every change (Review ▸ Track Changes is on when it opens), and its
    status (File ▸ Info ▸ Status, cp:contentStatus) is the draft label of the header, 案 / DRAFT."""
    ooxml.set_setting(word.settings.element, "trackRevisions", on)
    word.core_properties.content_status = label if on else ""
