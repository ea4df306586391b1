"""The Word package beyond python-docx: links, fields, font table and embedded fonts, properties, saving."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

from briefing.render.docx.ooxml.elements import child, set_setting

FONT_ORDER = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig", "embedRegular", "embedBold",
              "embedItalic", "embedBoldItalic")
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NUMBER_TYPES = {"i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint", "r4", "r8", "decimal"}
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def add_hyperlink(paragraph, url: str):
    """An empty w:hyperlink to the external `url` at the end of `paragraph` (PITFALLS §6.1)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): r_id, qn("w:history"): "1"})
    paragraph._p.append(link)
    return link


def add_link_run(link, text: str, style_id: str):
    """A run of `text` in character style `style_id` inside a w:hyperlink; returns the run (a CT_R)."""
    run = OxmlElement("w:r")
    run.get_or_add_rPr().style = style_id
    run.add_t(text)
    link.append(run)
    return run


def add_field(paragraph, instruction: str, cached: str) -> list:
    """A complex field (begin, instrText, separate, cached result, end), one run each (PITFALLS §6.2)."""
    runs = []
    for kind, payload in (("begin", None), ("instr", instruction), ("separate", None), ("text", cached),
                          ("end", None)):
        run = paragraph._p.add_r()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = payload
            run.append(instr)
        elif kind == "text":
            run.add_t(payload)
        else:
            run.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))
        runs.append(run)
    return runs


def set_alt_text(inline, text: str) -> None:
    """The picture's alternative text (wp:docPr/@descr)."""
    inline.docPr.set("descr", text)


# ---- fonts ----

@dataclass(frozen=True)
class FontInfo:
    """A w:font entry of fontTable.xml: what Word needs to find the font or a substitute (ECMA-376 §17.8.3)."""

    name: str
    alt_name: str | None = None  # tried when `name` is not installed, e.g. Windows' "BIZ UD明朝 Medium"
    panose: str | None = None  # 20 hex digits
    charset: str = "00"  # "80": Shift-JIS
    family: str = "auto"  # roman, swiss, modern …
    pitch: str = "variable"


def set_font_table(document, fonts: list[FontInfo]) -> None:
    """Replace the fontTable's entries by `fonts`."""
    part, root = _font_table(document)
    for font in list(root):
        root.remove(font)
    for info in fonts:
        font = _font_entry(root, info.name)
        for tag, value in (("altName", info.alt_name), ("panose1", info.panose), ("charset", info.charset),
                           ("family", info.family), ("pitch", info.pitch)):
            if value:
                child(font, tag, FONT_ORDER).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def embed_fonts(document, fonts: list[tuple[str, str, str, bytes]]) -> None:
    """Obfuscated fonts (name, embedRegular|embedBold|…, {GUID} key, bytes) as word/fonts/*.odttf (§17.8.1)."""
    part, root = _font_table(document)
    package = document.part.package
    for name, kind, key, data in fonts:
        partname = package.next_partname("/word/fonts/font%d.odttf")
        font_part = Part(PackURI(partname), OBFUSCATED_FONT, data, package)
        embedded = child(_font_entry(root, name), kind, FONT_ORDER)
        embedded.set(qn("r:id"), part.relate_to(font_part, RT.FONT))
        embedded.set(qn("w:fontKey"), key)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    set_setting(document.settings.element, "embedTrueTypeFonts", bool(fonts))


def font_names(root) -> dict[str, set[str]]:
    """The explicit font names under `root`: {"latin": {…}, "eastAsia": {…}}."""
    names: dict[str, set[str]] = {"latin": set(), "eastAsia": set()}
    for fonts in root.iter(qn("w:rFonts")):
        for attribute, slot in (("ascii", "latin"), ("hAnsi", "latin"), ("eastAsia", "eastAsia")):
            if fonts.get(qn(f"w:{attribute}")):
                names[slot].add(fonts.get(qn(f"w:{attribute}")))
    return names


def _font_table(document):
    part = document.part.part_related_by(RT.FONT_TABLE)  # python-docx keeps it as bytes
    return part, parse_xml(part.blob)


def _font_entry(root, name: str):
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) == name:
            return font
    font = OxmlElement("w:font", attrs={qn("w:name"): name})
    root.append(font)
    return font


# ---- properties ----

def custom_properties(package) -> dict[str, str | bool | float]:
    """docProps/custom.xml as name → value: Word's "Yes or no" as bool, its numbers as float, the rest as text."""
    part = _related(package, RT.CUSTOM_PROPERTIES)
    values: dict[str, str | bool | float] = {}
    for prop in [] if part is None else etree.fromstring(part.blob).iter(f"{{{CUSTOM}}}property"):
        if len(prop) and prop.get("name"):
            kind, text = etree.QName(prop[0]).localname, (prop[0].text or "").strip()
            values[prop.get("name")] = text
            if kind == "bool":
                values[prop.get("name")] = text.lower() in ("true", "1")
            elif kind in NUMBER_TYPES and re.fullmatch(r"[-+]?\d+(\.\d*)?([eE][-+]?\d+)?", text):
                values[prop.get("name")] = float(text)
    return values


def set_custom_properties(package, values: dict[str, str | bool | float]) -> None:
    """Write docProps/custom.xml: bool as vt:bool, numbers as vt:r8, text as vt:lpwstr."""
    drop_custom_properties(package)
    root = etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})
    for pid, (name, value) in enumerate(values.items(), 2):
        prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid=CUSTOM_FMTID, pid=str(pid), name=name)
        kind = "bool" if isinstance(value, bool) else "r8" if isinstance(value, (int, float)) else "lpwstr"
        etree.SubElement(prop, f"{{{VT}}}{kind}").text = str(value).lower() if kind == "bool" else str(value)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package.relate_to(Part(PackURI("/docProps/custom.xml"), CUSTOM_CONTENT_TYPE, blob, package),
                      RT.CUSTOM_PROPERTIES)


def drop_custom_properties(package) -> None:
    """Remove docProps/custom.xml (the template's settings are no business of the output)."""
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(r_id)


def set_company(package, company: str) -> None:
    """docProps/app.xml Company (Word's 会社 / Company property)."""
    part = _related(package, RT.EXTENDED_PROPERTIES)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    element = root.find(f"{{{EXTENDED}}}Company")
    if element is None:
        element = etree.SubElement(root, f"{{{EXTENDED}}}Company")
    element.text = company
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _related(package, reltype: str):
    return next((rel.target_part for rel in package.rels.values() if rel.reltype == reltype), None)


# ---- package ----

def remove_body(document) -> None:
    """Delete the template's body content, keeping the final w:sectPr (PITFALLS §6.7)."""
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


def clear_story(story) -> None:
    """Empty a header or footer (w:hdr, w:ftr) before writing it."""
    for element in list(story):
        story.remove(element)


def east_asian_font(style) -> str | None:
    """The w:eastAsia font a python-docx style resolves to through its basedOn chain (None: docDefaults)."""
    while style is not None:
        fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def latin_language(settings) -> str | None:
    """The language of Latin text the template declares (w:themeFontLang/@w:val, en-US in Japanese Word)."""
    lang = settings.find(qn("w:themeFontLang"))
    return None if lang is None else lang.get(qn("w:val"))


def em_twips(styles_element) -> int:
    """The body font size (docDefaults w:sz) in twips: the width of one Japanese character."""
    size = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    return int(size.get(qn("w:val"))) * 10 if size is not None else 210


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """A zip entry time from seconds since 1970 (zip holds 1980 to 2107 only: a memo date outside is clamped)."""
    moment = max(dt.datetime.fromtimestamp(epoch, dt.timezone.utc), dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc))
    moment = min(moment, dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc))
    return moment.timetuple()[:6]


def save_deterministic(document, path: Path, date_time: tuple[int, int, int, int, int, int]) -> None:
    """Save with fixed entry times, order and attributes, so equal documents give equal bytes (§6.6)."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(item.filename))


PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def set_picture_identity(inline, name: str) -> None:
    """The picture's id and name as Word writes them: pic:cNvPr takes wp:docPr's id, and a name of its own."""
    shape_id = inline.docPr.get("id")
    for properties in inline.iter(f"{{{PIC}}}cNvPr"):
        properties.set("id", shape_id)
        properties.set("name", name)


def set_inline_flush(inline) -> None:
    """No distance around an inline picture (LibreOffice otherwise adds 0.125 in a side: PITFALLS §9.4)."""
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")
