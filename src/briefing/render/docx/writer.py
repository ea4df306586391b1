"""The DOCX renderer: a memo's semantic HTML mapped onto the styles and numbering of templates/reference.docx."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from ruamel.yaml import YAML, YAMLError

from briefing.content.files import atomic_output
from briefing.errors import ContentError, EnvironmentProblem, Problem
from briefing.render.document import Document
from briefing.render.docx import anchors as docx_anchors
from briefing.render.docx import boxes as docx_boxes
from briefing.render.docx import figures as docx_figures
from briefing.render.docx import fonts as docx_fonts
from briefing.render.docx import ooxml
from briefing.render.docx import parts as docx_parts
from briefing.render.docx import styles as docx_styles
from briefing.render.docx.lists import Lists
from briefing.render.docx import typography as docx_typography
from briefing.render.docx.styles import open_reference
from briefing.render.docx.text import NOT_XML, Segment, by_script, lines, segments

__all__ = ["open_reference", "render_docx"]
log = logging.getLogger(__name__)

# Paragraph classes that map one to one onto a style; True: indented with the section they are in.
PARAGRAPHS = {"lead": ("Lead", False), "body": ("Body Text", True), "attendees-note": ("Attendee Note", True),
              "links-label": ("Links Label", True), "reference-title": ("Reference Title", False),
              "closing": ("Closing", False), "reference-heading": ("Links Label", True)}
HEADINGS = ("section-heading", "readout-title")  # Heading <n>, n = how many sections hold them (readouts count)
LINK_SCHEMES = ("http", "https", "mailto")
BULLET_HANG = 1.25  # characters; print.css: .bullets { --hang: 1.25em }


def render_docx(document: Document, out_path: Path, *, embed_fonts: bool | None = None) -> None:
    """Write `document` as a Word file at `out_path`, atomically and byte-reproducibly.

    `embed_fonts` embeds templates/fonts/*.ttf; None leaves it to `document.embed_fonts` (the command
    line's --embed-fonts), and when that is None too, to reference.docx's `embed_fonts` property."""
    word = open_reference(document.templates_dir / "reference.docx")
    strings = document.strings or _strings(document)
    root = lxml.html.document_fromstring(document.html)
    levels = {kind: {_depth(h) for h in root.find_class(f"{kind}-{name}")}
              for kind, name in (("readout", "title"), ("section", "heading"))}
    layout = docx_styles.prepare(word, strings["locale"], document.lang, levels)
    docx_typography.apply(word, strings.get("typography", {}))
    if NOT_XML.search(document.html):
        log.warning("%s.%s.docx: removed %d control characters that a Word file cannot hold",
                    document.memo_id, document.lang, len(NOT_XML.findall(document.html)))
    _Writer(word, document, strings, layout).write(root)
    ooxml.set_custom_properties(word.part.package, {"briefing-memo": document.memo_id, "briefing-lang": document.lang,
                                                    "briefing-texts": docx_anchors.digest(root)})
    choices = (embed_fonts, document.embed_fonts, layout.embed_fonts)
    if next(choice for choice in choices if choice is not None):
        wide = any(unicodedata.east_asian_width(c) in "WF" for c in root.text_content())
        docx_fonts.embed(word, document.templates_dir / "fonts", wide)
    with atomic_output(out_path) as temporary:
        ooxml.save_deterministic(word, temporary, ooxml.zip_time(document.epoch))


def _strings(document: Document) -> dict:
    path = document.templates_dir / "strings" / f"{document.lang}.yaml"
    try:
        return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as error:
        raise EnvironmentProblem(f"cannot read {path}: {error}") from None


def _depth(heading) -> int:
    """A heading's outline level: how many sections (readouts included) hold it."""
    return len(heading.xpath("ancestor::section"))


@dataclass(frozen=True)
class _Context:
    """Where a block sits: its indent in characters and whether it is inside a reference box."""

    indent: float = 0
    box: bool = False


class _Writer:
    """Walks the HTML once, adding paragraphs to the Word document."""

    def __init__(self, word, document: Document, strings: dict, layout: docx_styles.Layout):
        self.word, self.document, self.strings, self.layout = word, document, strings, layout
        self.numbering = word.part.numbering_part.element
        self.lists = Lists(self)
        self.story = word  # where paragraphs go: the document, or a reference box's cell
        section = word.sections[0]
        self.width = section.page_width - section.left_margin - section.right_margin  # of the story, in EMU
        self.picture_names: set[str] = set()
        self.bullet_nums: dict[tuple[str, float], int] = {}
        self.handling: list[Segment] = []
        self.bookmarks = 0

    def write(self, root) -> None:
        docx_parts.footer(self, self.strings["labels"])
        self.blocks(root.find("body"), _Context())
        self.lists.finish()
        marks = [("Draft Mark", [Segment(self.strings["labels"]["draft"])])] if self.document.draft else []
        docx_parts.header(self, marks + ([("Handling Mark", self.handling)] if self.handling else []))
        docx_parts.properties(self.word, self.document, self.layout.lang)
        docx_parts.draft(self.word, self.document.draft, self.strings["labels"]["draft"])

    # ---- blocks ----

    def blocks(self, parent, context: _Context) -> None:
        figures: list = []  # figures that follow one another share rows, as in the PDF
        for element in parent:
            if isinstance(element.tag, str) and element.tag == "figure":
                figures.append(element)
            elif isinstance(element.tag, str):
                docx_figures.write(self, figures)
                figures = []
                self.block(element, context)
        docx_figures.write(self, figures)

    def block(self, element, context: _Context) -> None:
        classes, tag = set(element.classes), element.tag
        if "handling" in classes:
            self.handling = segments(element)
        elif "draft-mark" in classes:
            pass  # the header's draft mark, written from the same label when the document is a draft
        elif "dateline" in classes:
            for line in lines(segments(element)):
                self.runs(self.paragraph("Date Line"), line)
        elif "memo-title" in classes:
            self.runs(self.paragraph("Title"), segments(element))
        elif classes & set(HEADINGS):
            self.heading(element, context)
        elif tag == "p" and classes & PARAGRAPHS.keys():
            style, indented = PARAGRAPHS[min(classes & PARAGRAPHS.keys())]
            if style == "Closing":
                docx_boxes.keep_last_with_next(self)  # never a page holding only （以上）
            if context.box and style == "Body Text":
                style, indented = "Reference Box", False
            self.anchor(self.runs(self.paragraph(style, context.indent if indented else 0), segments(element)), element)
        elif tag == "ol" and "numbered" in classes:
            self.numbered(element, context)
        elif tag == "ul" and "bullets" in classes:
            self.bullets(element, context.indent)
        elif tag == "ul" and "links" in classes:
            for item in element.iterchildren("li"):
                self.runs(self.paragraph("List Paragraph", context.indent), segments(item))
        elif tag == "figure":
            docx_figures.write(self, [element])
        elif tag == "aside" and "reference-box" in classes:
            docx_boxes.write(self, element, context)
        elif tag == "aside" and "reference-plain" in classes:  # a house style's unframed reference note
            self.blocks(element, context)
        elif tag == "section" and "readout" in classes:
            self.blocks(element, _Context())
        elif tag == "section":
            self.blocks(element, replace(context, indent=context.indent + self.layout.section_indent))
        elif tag in ("header", "div"):
            self.blocks(element, context)
        else:
            log.warning("%s.%s.docx: no Word style for <%s class=\"%s\">; written as Body Text",
                        self.document.memo_id, self.document.lang, tag, " ".join(sorted(classes)))
            self.runs(self.paragraph("Body Text", context.indent), segments(element))

    def heading(self, element, context: _Context) -> None:
        """A section heading or readout title as the built-in Heading of its outline level."""
        paragraph = self.paragraph(docx_styles.heading_style(self.word, _depth(element)))
        if element.find("span[@class='marker']") is not None:
            position = max(context.indent - self.layout.section_indent, 0)
            self.lists.number(paragraph, element, int(element.get("data-level", "0")), position)
        else:
            self.lists.skip(paragraph)
        self.anchor(self.runs(paragraph, segments(element)), element)
        if self.layout.readout_look is not None and "readout-title" in element.classes \
                and _depth(element) in self.layout.shared_levels:
            ooxml.format_like(paragraph._p, self.layout.readout_look)  # its level's style is the sections'

    def numbered(self, ol, context: _Context, top=None, base: int = 0) -> None:
        """An `ol.numbered`: its items are levels of the list of the part they are in (see lists.py)."""
        if top is None:
            top, base = ol, int(ol.get("data-level", "0"))
        for li in ol.iterchildren("li"):
            level = int(li.get("data-level", str(base)))
            for element in li:
                if element.tag == "p" and "item" in element.classes:
                    paragraph = self.paragraph("Numbered Item")
                    self.lists.number(paragraph, element, level, context.indent + level - base, top)
                    self.anchor(self.runs(paragraph, segments(element)), element)
                elif element.tag == "p" and "item-more" in element.classes:  # the item's next paragraph
                    paragraph = self.paragraph("Body Text", context.indent + level - base + 1)
                    self.anchor(self.runs(paragraph, segments(element)), element)
                elif element.tag == "ol":
                    self.numbered(element, context, top, base)
                elif element.tag == "ul" and "bullets" in element.classes:
                    self.bullets(element, context.indent + level - base + 1)
                elif isinstance(element.tag, str):
                    self.block(element, context)

    def bullets(self, ul, position: float) -> None:
        """A `ul.bullets` whose markers stand `position` characters in; Tab in Word moves one character deeper."""
        for paragraph_element in ul.iterfind("li/p"):
            char = "".join(paragraph_element.xpath("span[@class='marker']/text()")).strip() or self.strings["bullet"]
            if (char, position) not in self.bullet_nums:
                font = ooxml.east_asian_font(self.word.styles["Bullet Item"]) if self.layout.east_asian else None
                levels = [ooxml.Level("bullet", char, position + i + BULLET_HANG, BULLET_HANG, self._hint, font)
                          for i in range(9)]
                abstract = ooxml.add_abstract_num(self.numbering, levels, self.layout.em, self.layout.east_asian)
                self.bullet_nums[char, position] = ooxml.add_num(self.numbering, abstract, 0)
            paragraph = self.paragraph("Bullet Item")
            ooxml.set_numbering(ooxml.ppr(paragraph._p), self.bullet_nums[char, position], 0)
            self.anchor(self.runs(paragraph, segments(paragraph_element)), paragraph_element)

    # ---- paragraphs and runs ----

    def anchor(self, paragraph, element) -> None:
        """Mark `paragraph` with the content path `element` came from (anchors.py), if it has one."""
        name = docx_anchors.anchor_name(self.document.lang, element.get("data-path") or "")
        if name:
            self.bookmarks += 1
            ooxml.add_bookmark(paragraph._p, name, self.bookmarks)

    def paragraph(self, style_name: str, indent: float = 0, container=None):
        style = self.word.styles[style_name]
        paragraph = (container or self.story).add_paragraph(style=style)
        ppr = ooxml.ppr(paragraph._p)
        if indent:
            ooxml.shift_indent(ppr, style.element.pPr, indent, self.layout.em, self.layout.east_asian)
        self.tag(ooxml.rpr(ppr))
        return paragraph

    def runs(self, paragraph, pieces: list[Segment]):
        """Add `pieces` to `paragraph` as runs; returns the paragraph."""
        for segment in pieces:
            if segment.br:
                run = paragraph.add_run()
                run.add_break()
                self.tag(run._r.get_or_add_rPr())
                continue
            link = None
            if segment.href and urlsplit(segment.href).scheme in LINK_SCHEMES:
                link, link_style = ooxml.add_hyperlink(paragraph, segment.href), self.word.styles["Hyperlink"].style_id
            elif segment.href:
                log.warning("%s.%s.docx: link %s is not http, https or mailto; written as text",
                            self.document.memo_id, self.document.lang, segment.href)
            for text, latin in by_script(segment.text, self.layout.east_asian):
                if link is not None:
                    self.tag(ooxml.rpr(ooxml.add_link_run(link, text, link_style)), latin)
                    continue
                run = paragraph.add_run(text)
                run.bold, run.italic = segment.bold or None, segment.italic or None
                self.tag(run._r.get_or_add_rPr(), latin)
        return paragraph

    @property
    def _hint(self) -> str | None:
        return "eastAsia" if self.layout.east_asian else None

    def tag(self, rpr, latin: bool = False) -> None:
        """Language, and in East Asian text the font hint for shared characters such as × (PITFALLS §4.1).

        Latin phrases in a Japanese document are tagged with the Latin script's language: tagged ja-JP,
        LibreOffice breaks English words anywhere ("Unite|d Nations")."""
        if self.layout.east_asian and not latin:
            ooxml.set_rfonts(rpr, hint="eastAsia")
        ooxml.set_lang(rpr, self.layout.latin_lang if latin else self.layout.lang, self.layout.east_asian_lang)

    def add_table(self, rows: int, cols: int):
        """A table at the end of the story; one right after another table is kept apart by a thin empty paragraph,
        since Word and LibreOffice draw two tables that touch as one."""
        docx_boxes.separate_tables(self)
        table = self.story.add_table(rows, cols)
        if self.story is not self.word:  # a cell: python-docx added the paragraph a cell must end with
            ooxml.drop(self.story.paragraphs[-1]._p)
        return table

    def asset(self, src: str) -> Path:
        """The image file `src` names, which must lie inside the content folder."""
        parts = urlsplit(src)
        root = self.document.content_dir.resolve()
        path = (root / unquote(parts.path)).resolve()
        if parts.scheme or parts.netloc or not parts.path or not path.is_relative_to(root) or not path.is_file():
            raise self.problem(f"figure {src!r}: not an image file inside {root}")
        return path

    def problem(self, message: str) -> ContentError:
        memo = self.document.content_dir / f"{self.document.memo_id}.yaml"
        return ContentError([Problem(memo, 1, 1, f"Word file: {message}")])
