"""What surrounds a memo's text in Word: the header's marks, the page-number footer, properties, draft mode."""

from __future__ import annotations

import datetime as dt

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
        writer.runs(writer.paragraph(style, container=story), pieces)


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


def draft(word, on: bool) -> None:
    """A draft for approval: Word records every change (Review ▸ Track Changes is on when it opens)."""
    ooxml.set_setting(word.settings.element, "trackRevisions", on)
