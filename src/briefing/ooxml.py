"""Raw WordprocessingML helpers for what python-docx has no API for (PITFALLS §4–§6); private to the DOCX side."""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Schema order of the children we insert (ECMA-376 CT_PPrBase, CT_RPr, CT_Settings, CT_Lvl).
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
             "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
             "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
SETTINGS_ORDER = ("zoom", "proofState", "defaultTabStop", "characterSpacingControl", "printTwoOnOne",
                  "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
                  "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
                  "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt",
                  "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
                  "endnotePr", "compat", "docVars", "rsids")
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BORDER_SIDES = ("top", "left", "bottom", "right")


def child(parent, tag: str, order: tuple[str, ...]):
    """The `w:<tag>` child of `parent`, created at its schema position when missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    element = OxmlElement(f"w:{tag}")
    later = order[order.index(tag) + 1:]
    for sibling in parent:
        if isinstance(sibling.tag, str) and sibling.tag.startswith("{") and sibling.tag.split("}")[1] in later:
            sibling.addprevious(element)
            return element
    parent.append(element)
    return element


def ppr(element):
    """The w:pPr of a paragraph or paragraph style."""
    return element.get_or_add_pPr()


def rpr(element):
    """The w:rPr of a run, a style, or (for a w:pPr) the paragraph mark."""
    if element.tag == qn("w:pPr"):
        return child(element, "rPr", PPR_ORDER)
    return element.get_or_add_rPr()


def set_rfonts(rpr_element, latin: str | None = None, east_asian: str | None = None,
               hint: str | None = None) -> None:
    """Explicit fonts on `w:rFonts`, with the theme attributes that would override them removed."""
    fonts = child(rpr_element, "rFonts", RPR_ORDER)
    for name in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(name), None)
    if latin:
        for name in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(name), latin)
    if east_asian:
        fonts.set(qn("w:eastAsia"), east_asian)
    if hint:
        fonts.set(qn("w:hint"), hint)


def strip_theme_fonts(root) -> None:
    """Remove every *Theme attribute from every w:rFonts under `root`."""
    for fonts in root.iter(qn("w:rFonts")):
        for name in THEME_FONT_ATTRS:
            fonts.attrib.pop(qn(name), None)


def set_lang(rpr_element, val: str, east_asia: str | None = None) -> None:
    """`w:lang w:val=… [w:eastAsia=…]`."""
    lang = child(rpr_element, "lang", RPR_ORDER)
    lang.set(qn("w:val"), val)
    if east_asia:
        lang.set(qn("w:eastAsia"), east_asia)


def set_flag(parent, tag: str, on: bool, order: tuple[str, ...] = PPR_ORDER) -> None:
    """An on/off property such as snapToGrid or keepNext, written out explicitly."""
    element = child(parent, tag, order)
    if on:
        element.attrib.pop(qn("w:val"), None)
    else:
        element.set(qn("w:val"), "0")


def set_indent(ppr_element, em: int, left: float | None = None, hanging: float | None = None,
               first_line: float | None = None) -> None:
    """Indents in characters (`*Chars`, which Word prefers) and in twips of `em` (what LibreOffice reads)."""
    ind = child(ppr_element, "ind", PPR_ORDER)
    for name, chars in (("left", left), ("hanging", hanging), ("firstLine", first_line)):
        if chars is not None:
            ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
            ind.set(qn(f"w:{name}"), str(round(chars * em)))


def indent_chars(ppr_element, em: int) -> float:
    """The left indent a w:pPr sets, in characters (0 when it sets none)."""
    ind = None if ppr_element is None else ppr_element.find(qn("w:ind"))
    if ind is None:
        return 0.0
    if ind.get(qn("w:leftChars")) is not None:
        return int(ind.get(qn("w:leftChars"))) / 100
    return int(ind.get(qn("w:left"), "0")) / em


def shift_indent(ppr_element, style_ppr, chars: float, em: int) -> None:
    """Direct indent: the style's own w:ind with the left edge moved `chars` to the right."""
    style_ind = None if style_ppr is None else style_ppr.find(qn("w:ind"))
    ind = child(ppr_element, "ind", PPR_ORDER)
    for name, value in ({} if style_ind is None else style_ind.attrib).items():
        ind.set(name, value)
    set_indent(ppr_element, em, left=indent_chars(style_ppr, em) + chars)


def _line(element, size_pt: float, space_pt: int):
    for name, value in (("val", "single"), ("sz", str(round(size_pt * 8))), ("space", str(space_pt)),
                        ("color", "000000")):
        element.set(qn(f"w:{name}"), value)
    return element


def set_paragraph_box(ppr_element, size_pt: float, space_pt: dict[str, int]) -> None:
    """A w:pBdr on four sides; neighbours with the same borders and indents are drawn as one box."""
    old = ppr_element.find(qn("w:pBdr"))
    if old is not None:
        ppr_element.remove(old)
    borders = child(ppr_element, "pBdr", PPR_ORDER)
    for side in BORDER_SIDES:
        borders.append(_line(OxmlElement(f"w:{side}"), size_pt, space_pt[side]))


def set_run_box(rpr_element, size_pt: float, space_pt: int) -> None:
    """A w:bdr: a box around the text of the runs only."""
    _line(child(rpr_element, "bdr", RPR_ORDER), size_pt, space_pt)


def set_doc_grid(sect_pr, line_pitch: int | None) -> None:
    """Japanese line grid of `line_pitch` twips, or no grid when None (PITFALLS §4.4)."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.pop(qn("w:charSpace"), None)
    if line_pitch is None:
        grid.attrib.pop(qn("w:type"), None)
    else:
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(line_pitch))


def set_compatibility_mode(settings, mode: int) -> None:
    """`compatibilityMode` in w:compat (15: current Word, no 互換モード)."""
    compat = child(settings, "compat", SETTINGS_ORDER)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(mode))
            return
    setting = OxmlElement("w:compatSetting")
    for name, value in (("name", "compatibilityMode"), ("uri", "http://schemas.microsoft.com/office/word"),
                        ("val", str(mode))):
        setting.set(qn(f"w:{name}"), value)
    compat.append(setting)


# ---- numbering (PITFALLS §5) ----

@dataclass(frozen=True)
class Level:
    """One w:lvl: format, text with %n placeholders, and indents in characters."""

    num_fmt: str
    text: str
    left: float
    hanging: float
    hint: str | None = None
    font: str | None = None  # for bullets: the glyph's font (LibreOffice ignores w:hint)


def add_abstract_num(numbering, levels: list[Level], em: int) -> int:
    """A new w:abstractNum, placed before every w:num as the schema requires; returns its id."""
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for tag, value in (("nsid", f"{0x42520000 + abstract_id:08X}"), ("multiLevelType", "multilevel")):
        abstract.append(_valued(f"w:{tag}", value))
    for ilvl, level in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("start", "1"), ("numFmt", level.num_fmt), ("lvlText", level.text), ("lvlJc", "left")):
            lvl.append(_valued(f"w:{tag}", value))
        level_ppr = OxmlElement("w:pPr")
        set_indent(level_ppr, em, left=level.left, hanging=level.hanging)
        lvl.append(level_ppr)
        if level.hint or level.font:
            level_rpr = OxmlElement("w:rPr")
            set_rfonts(level_rpr, level.font, level.font, level.hint)
            lvl.append(level_rpr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return abstract_id


def add_num(numbering, abstract_id: int, levels: int) -> int:
    """A new w:num restarting every level at 1 (lvlOverride/startOverride); returns its numId."""
    num = numbering.add_num(abstract_id)
    for ilvl in range(levels):
        num.add_lvlOverride(ilvl).add_startOverride(1)
    return num.numId


def set_numbering(ppr_element, num_id: int, ilvl: int) -> None:
    """w:numPr: this paragraph is item `ilvl` of list `num_id`."""
    num_pr = ppr_element.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _valued(tag: str, value: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


# ---- links, fields, pictures ----

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


# ---- package ----

def remove_body(document) -> None:
    """Delete the template's body content, keeping the final w:sectPr (PITFALLS §6.7)."""
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


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
    """A zip entry time from seconds since 1970 (zip cannot go before 1980)."""
    moment = max(dt.datetime.fromtimestamp(epoch, dt.timezone.utc), dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc))
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


def hang_chars(marker: str, east_asian_ambiguous_wide: bool, minimum: float) -> float:
    """Hanging indent for a list marker: its width in characters plus a half, in half-character steps."""
    wide = {"W", "F", "A"} if east_asian_ambiguous_wide else {"W", "F"}
    width = sum(1.0 if unicodedata.east_asian_width(c) in wide else 0.5 for c in marker)
    return max(minimum, math.ceil((width + 0.5) * 2) / 2)
