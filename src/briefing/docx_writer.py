"""The DOCX renderer: a memo's semantic HTML mapped onto the styles and numbering of templates/reference.docx."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
import lxml.html
from babel.core import get_global, parse_locale
from docx.enum.style import WD_STYLE_TYPE
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml.ns import qn
from docx.shared import Emu
from ruamel.yaml import YAML, YAMLError

from briefing import ooxml
from briefing.document import Document, atomic_output
from briefing.errors import ContentError, EnvironmentProblem, Problem
from briefing.numbering import marker, word_level

log = logging.getLogger(__name__)

PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Caption", "Header", "Footer", "List Paragraph",
                    "Date Line", "Lead", "Body Text", "Numbered Item", "Bullet Item", "Attendee Note",
                    "Reference Box", "Reference Title", "Closing", "Links Label", "Handling Mark", "Figure")
CHARACTER_STYLES = ("Hyperlink",)
# Paragraph classes that map one to one onto a style; True: indented with the section they are in.
PARAGRAPHS = {"lead": ("Lead", False), "body": ("Body Text", True), "attendees-note": ("Attendee Note", True),
              "links-label": ("Links Label", True), "reference-title": ("Reference Title", False),
              "closing": ("Closing", False)}
HEADINGS = {"memo-title": "Title", "section-heading": "Heading 1", "readout-title": "Heading 2"}
LINK_SCHEMES = ("http", "https", "mailto")
EAST_ASIAN_SCRIPTS = {"Jpan", "Hans", "Hant", "Hani", "Kore"}
MIN_HANG = 1.5  # characters; print.css hangs level-0 markers by 1.5em
BULLET_HANG = 1.25  # characters; print.css: .bullets { --hang: 1.25em }
LATIN_REST = r"[A-Za-z0-9\u00C0-\u024F.'’&+-]*"
# A run of Latin-script words in East Asian text: it starts with a letter, later words may start with a digit.
LATIN_PHRASE = re.compile(rf"[A-Za-z\u00C0-\u024F]{LATIN_REST}(?:[ ,/:;]+[A-Za-z0-9\u00C0-\u024F]{LATIN_REST})*")
SPACE = re.compile(r"[ \t\n\r\f]+")
WIDTH = re.compile(r"width:\s*([\d.]+)%")


def render_docx(document: Document, out_path: Path) -> None:
    """Write `document` as a Word file at `out_path`, atomically and byte-reproducibly."""
    word = open_reference(document.templates_dir / "reference.docx")
    writer = _Writer(word, document, _strings(document))
    writer.write(lxml.html.document_fromstring(document.html))
    with atomic_output(out_path) as temporary:
        ooxml.save_deterministic(word, temporary, ooxml.zip_time(document.epoch))


def open_reference(path: Path):
    """reference.docx with its body removed, after checking it has every style and a numbering part."""
    fix = "; run scripts/make_reference_docx.py"
    try:
        word = docx.Document(str(path))
    except Exception as error:  # missing, not a zip, not a Word document
        raise EnvironmentProblem(f"cannot open {path}: {error}{fix}") from None
    wanted = [(n, WD_STYLE_TYPE.PARAGRAPH) for n in PARAGRAPH_STYLES] + [(n, WD_STYLE_TYPE.CHARACTER)
                                                                         for n in CHARACTER_STYLES]
    for name, kind in wanted:
        try:
            found = word.styles[name]
        except KeyError:
            found = None
        if found is None or found.type != kind:
            raise EnvironmentProblem(f"templates/reference.docx lacks style {name}{fix}")
    try:
        word.part.numbering_part
    except NotImplementedError:
        raise EnvironmentProblem(f"templates/reference.docx lacks a numbering part{fix}") from None
    ooxml.remove_body(word)
    return word


def _strings(document: Document) -> dict:
    path = document.templates_dir / "strings" / f"{document.lang}.yaml"
    try:
        return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as error:
        raise EnvironmentProblem(f"cannot read {path}: {error}") from None


@dataclass(frozen=True)
class _Segment:
    """A piece of a paragraph's text with the same formatting; `br` is a line break."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    href: str | None = None
    br: bool = False


@dataclass(frozen=True)
class _Context:
    """Where a block sits: its indent in characters and whether it is inside a reference box."""

    indent: int = 0
    box: bool = False


class _Writer:
    """Walks the HTML once, adding paragraphs to the Word document."""

    def __init__(self, word, document: Document, strings: dict):
        self.word, self.document, self.strings = word, document, strings
        language, territory, script, _ = parse_locale(strings["locale"])
        _, likely_territory, likely_script, _ = parse_locale(get_global("likely_subtags").get(language, language))
        self.lang = f"{language}-{territory or likely_territory}"
        self.east_asian = (script or likely_script) in EAST_ASIAN_SCRIPTS
        self.latin_lang = ooxml.latin_language(word.settings.element) or self.lang
        self.em = ooxml.em_twips(word.styles.element)
        self.numbering = word.part.numbering_part.element
        self.heading_nums: dict = {}
        self.bullet_nums: dict[str, int] = {}

    def write(self, root) -> None:
        self._language()
        self._footer()
        self.blocks(root.find("body"), _Context())
        self._properties()

    # ---- blocks ----

    def blocks(self, parent, context: _Context) -> None:
        for element in parent:
            if isinstance(element.tag, str):
                self.block(element, context)

    def block(self, element, context: _Context) -> None:
        classes, tag = set(element.classes), element.tag
        if "handling" in classes:
            self._header(element)
        elif "dateline" in classes:
            for line in _lines(_segments(element)):
                self._runs(self.paragraph("Date Line"), line)
        elif classes & HEADINGS.keys():
            self.heading(element, HEADINGS[min(classes & HEADINGS.keys())], context)
        elif tag == "p" and classes & PARAGRAPHS.keys():
            style, indented = PARAGRAPHS[min(classes & PARAGRAPHS.keys())]
            if context.box and style == "Body Text":
                style, indented = "Reference Box", False
            self._runs(self.paragraph(style, context.indent if indented else 0), _segments(element))
        elif tag == "ol" and "numbered" in classes:
            self.numbered(element, context)
        elif tag == "ul" and "bullets" in classes:
            self.bullets(element, context.indent)
        elif tag == "ul" and "links" in classes:
            for item in element.iterchildren("li"):
                self._runs(self.paragraph("List Paragraph", context.indent), _segments(item))
        elif tag == "figure":
            self.figure(element)
        elif tag == "aside" and "reference-box" in classes:
            self.blocks(element, replace(context, box=True))
        elif tag == "section" and "readout" in classes:
            self.blocks(element, _Context())
        elif tag == "section":
            self.blocks(element, replace(context, indent=context.indent + 1))
        elif tag in ("header", "div"):
            self.blocks(element, context)
        else:
            log.warning("%s.%s.docx: no Word style for <%s class=\"%s\">; written as Body Text",
                        self.document.memo_id, self.document.lang, tag, " ".join(sorted(classes)))
            self._runs(self.paragraph("Body Text", context.indent), _segments(element))

    def heading(self, element, style: str, context: _Context) -> None:
        paragraph = self.paragraph(style)
        if element.find("span[@class='marker']") is not None:
            level = int(element.get("data-level", "0"))
            container = element.getparent().getparent()
            if container not in self.heading_nums:
                self.heading_nums[container] = self._list_num(level, max(context.indent - 1, 0))
            ooxml.set_numbering(ooxml.ppr(paragraph._p), self.heading_nums[container], level)
        self._runs(paragraph, _segments(element))

    def numbered(self, ol, context: _Context, num: int | None = None, base: int = 0) -> None:
        """An `ol.numbered`; a top-level one starts a new, restarted Word list."""
        if num is None:
            base = int(ol.get("data-level", "0"))
            num = self._list_num(base, context.indent)
        for li in ol.iterchildren("li"):
            level = int(li.get("data-level", str(base)))
            for element in li:
                if element.tag == "p" and "item" in element.classes:
                    paragraph = self.paragraph("Numbered Item")
                    ooxml.set_numbering(ooxml.ppr(paragraph._p), num, level)
                    self._runs(paragraph, _segments(element))
                elif element.tag == "ol":
                    self.numbered(element, context, num, base)
                elif element.tag == "ul" and "bullets" in element.classes:
                    self.bullets(element, context.indent + level - base + 1)
                elif isinstance(element.tag, str):
                    self.block(element, context)

    def bullets(self, ul, position: int) -> None:
        """A `ul.bullets` whose markers stand `position` characters in."""
        for paragraph_element in ul.iterfind("li/p"):
            char = "".join(paragraph_element.xpath("span[@class='marker']/text()")).strip() or self.strings["bullet"]
            if char not in self.bullet_nums:
                font = ooxml.east_asian_font(self.word.styles["Bullet Item"]) if self.east_asian else None
                levels = [ooxml.Level("bullet", char, i + BULLET_HANG, BULLET_HANG, self._hint, font)
                          for i in range(9)]
                abstract = ooxml.add_abstract_num(self.numbering, levels, self.em)
                self.bullet_nums[char] = ooxml.add_num(self.numbering, abstract, 0)
            paragraph = self.paragraph("Bullet Item")
            ooxml.set_numbering(ooxml.ppr(paragraph._p), self.bullet_nums[char], min(position, 8))
            self._runs(paragraph, _segments(paragraph_element))

    def figure(self, element) -> None:
        """The image at its share of the text width, kept with its caption."""
        image = element.find(".//img")
        if image is not None:
            section = self.word.sections[0]
            text_width = section.page_width - section.left_margin - section.right_margin
            text_height = section.page_height - section.top_margin - section.bottom_margin
            match = WIDTH.search(element.get("style", ""))
            share = min(float(match.group(1)) if match else 100.0, 100.0) / 100
            run = self.paragraph("Figure").add_run()
            try:
                shape = run.add_picture(str(self._asset(image.get("src", ""))), width=Emu(int(text_width * share)))
            except UnrecognizedImageError:
                raise self._problem(f"figure {image.get('src')}: not an image Word can show (use PNG or JPEG)")
            if shape.height > text_height * 0.8:
                scale = text_height * 0.8 / shape.height
                shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
            ooxml.set_alt_text(shape._inline, image.get("alt", ""))
        caption = element.find("figcaption")
        if caption is not None:
            self._runs(self.paragraph("Caption"), _segments(caption))

    # ---- paragraphs and runs ----

    def paragraph(self, style_name: str, indent: int = 0, container=None):
        style = self.word.styles[style_name]
        paragraph = (container or self.word).add_paragraph(style=style)
        ppr = ooxml.ppr(paragraph._p)
        if indent:
            ooxml.shift_indent(ppr, style.element.pPr, indent, self.em)
        self._tag(ooxml.rpr(ppr))
        return paragraph

    def _runs(self, paragraph, segments: list[_Segment]) -> None:
        for segment in segments:
            if segment.br:
                run = paragraph.add_run()
                run.add_break()
                self._tag(run._r.get_or_add_rPr())
                continue
            link = None
            if segment.href and urlsplit(segment.href).scheme in LINK_SCHEMES:
                link, link_style = ooxml.add_hyperlink(paragraph, segment.href), self.word.styles["Hyperlink"].style_id
            elif segment.href:
                log.warning("%s.%s.docx: link %s is not http, https or mailto; written as text",
                            self.document.memo_id, self.document.lang, segment.href)
            for text, latin in self._by_script(segment.text):
                if link is not None:
                    self._tag(ooxml.rpr(ooxml.add_link_run(link, text, link_style)), latin)
                    continue
                run = paragraph.add_run(text)
                run.bold, run.italic = segment.bold or None, segment.italic or None
                self._tag(run._r.get_or_add_rPr(), latin)

    def _by_script(self, text: str) -> list[tuple[str, bool]]:
        """In an East Asian document, Latin-script phrases apart (True), as Word tags them when typed."""
        if not self.east_asian:
            return [(text, False)]
        pieces, start = [], 0
        for match in LATIN_PHRASE.finditer(text):
            pieces += [(text[start:match.start()], False), (match.group(), True)]
            start = match.end()
        return [(piece, latin) for piece, latin in pieces + [(text[start:], False)] if piece]

    @property
    def _hint(self) -> str | None:
        return "eastAsia" if self.east_asian else None

    def _tag(self, rpr, latin: bool = False) -> None:
        """Language, and in East Asian text the font hint for shared characters such as × (PITFALLS §4.1).

        Latin phrases in a Japanese document are tagged with the Latin script's language: tagged ja-JP,
        LibreOffice breaks English words anywhere ("Unite|d Nations")."""
        if self.east_asian and not latin:
            ooxml.set_rfonts(rpr, hint="eastAsia")
        ooxml.set_lang(rpr, self.latin_lang if latin else self.lang, self.east_asian_lang)

    # ---- document parts ----

    def _language(self) -> None:
        """Document language on docDefaults; no Japanese line grid in other languages (PITFALLS §4.2, §4.4)."""
        defaults = self.word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        lang = defaults.find(qn("w:lang")) if defaults is not None else None
        self.east_asian_lang = lang.get(qn("w:eastAsia")) if lang is not None else None
        if defaults is not None:
            ooxml.set_lang(defaults, self.lang)
        if not self.east_asian:
            ooxml.set_doc_grid(self.word.sections[0]._sectPr, None)

    def _header(self, element) -> None:
        header = self.word.sections[0].header
        header.is_linked_to_previous = False
        _clear(header._element)
        self._runs(self.paragraph("Handling Mark", container=header), _segments(element))

    def _footer(self) -> None:
        """"- PAGE -": the page number as a real field, the words around it from the strings."""
        footer = self.word.sections[0].footer
        footer.is_linked_to_previous = False
        _clear(footer._element)
        paragraph = self.paragraph("Footer", container=footer)
        labels = self.strings["labels"]
        self._runs(paragraph, [_Segment(labels["page_before"])])
        for run in ooxml.add_field(paragraph, " PAGE ", "1"):
            self._tag(run.get_or_add_rPr())
        self._runs(paragraph, [_Segment(labels["page_after"])])

    def _properties(self) -> None:
        properties = self.word.core_properties
        moment = dt.datetime.fromtimestamp(self.document.epoch, dt.timezone.utc).replace(tzinfo=None)
        properties.title = properties.subject = self.document.title[:255]
        properties.author = properties.last_modified_by = self.document.author[:255]
        properties.created = properties.modified = moment
        properties.revision = 1
        properties.language = self.lang
        properties.comments = properties.keywords = properties.category = ""

    def _list_num(self, base: int, offset: int) -> int:
        """A new list (own abstractNum, restarted num): level `base` stands `offset` characters in."""
        levels = []
        for ilvl, level in enumerate(self.strings["numbering"]):
            num_fmt, text = word_level(level, ilvl)
            hang = ooxml.hang_chars(marker(level, 1), self.east_asian, MIN_HANG)
            levels.append(ooxml.Level(num_fmt, text, offset + max(ilvl - base, 0) + hang, hang, self._hint))
        abstract = ooxml.add_abstract_num(self.numbering, levels, self.em)
        return ooxml.add_num(self.numbering, abstract, len(levels))

    def _asset(self, src: str) -> Path:
        """The image file `src` names, which must lie inside the content folder."""
        parts = urlsplit(src)
        root = self.document.content_dir.resolve()
        path = (root / unquote(parts.path)).resolve()
        if parts.scheme or parts.netloc or not parts.path or not path.is_relative_to(root) or not path.is_file():
            raise self._problem(f"figure {src!r}: not an image file inside {root}")
        return path

    def _problem(self, message: str) -> ContentError:
        memo = self.document.content_dir / f"{self.document.memo_id}.yaml"
        return ContentError([Problem(memo, 1, 1, f"Word file: {message}")])


def _segments(element) -> list[_Segment]:
    """The element's text as a browser lays it out: whitespace collapsed, list markers left out."""
    raw: list[_Segment] = []

    def walk(node, bold: bool, italic: bool, href: str | None) -> None:
        if node.text:
            raw.append(_Segment(node.text, bold, italic, href))
        for sub in node:
            if not isinstance(sub.tag, str):
                pass
            elif sub.tag == "br":
                raw.append(_Segment(br=True))
            elif "marker" not in sub.classes:
                walk(sub, bold or sub.tag in ("b", "strong"), italic or sub.tag in ("i", "em"),
                     sub.get("href") if sub.tag == "a" else href)
            if sub.tail:
                raw.append(_Segment(sub.tail, bold, italic, href))

    walk(element, False, False, None)
    out: list[_Segment] = []
    line_start = True
    for segment in raw:
        if segment.br:
            _strip_end(out)
            out.append(segment)
            line_start = True
            continue
        text = SPACE.sub(" ", segment.text)
        if line_start or out[-1].text.endswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        if out and not out[-1].br and replace(out[-1], text="") == replace(segment, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(segment, text=text))
        line_start = False
    _strip_end(out)
    return out


def _strip_end(segments: list[_Segment]) -> None:
    if segments and not segments[-1].br:
        segments[-1] = replace(segments[-1], text=segments[-1].text.rstrip(" "))
        if not segments[-1].text:
            segments.pop()


def _lines(segments: list[_Segment]) -> list[list[_Segment]]:
    """Segments split at line breaks."""
    lines: list[list[_Segment]] = [[]]
    for segment in segments:
        if segment.br:
            lines.append([])
        else:
            lines[-1].append(segment)
    return [line for line in lines if line]


def _clear(story) -> None:
    for element in list(story):
        story.remove(element)
