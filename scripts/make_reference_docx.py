"""Generate templates/reference.docx, the Word styles of every memo, reproducibly (same bytes every run).

Usage: python scripts/make_reference_docx.py [OUTPUT]   (default: templates/reference.docx)

The result may be restyled in Word afterwards; the DOCX writer only requires the style names of SPECS
and a numbering part. Fonts follow PITFALLS §4: explicit w:rFonts everywhere, no theme fonts. VARIANTS are
styles based on another that the writer merges into it: "<style> (en)" for English memos, "Readout Title"
for the heading level of readout titles (see src/briefing/render/docx/styles.py). SETTINGS become custom
document properties (Word: File > Info > Properties > Advanced > Custom).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from briefing.render.docx import ooxml

# Font names as Word, LibreOffice and the vendored files (templates/fonts) know them. Windows 10+ ships
# BIZ UDゴシック under this name, and the Mincho as "BIZ UD明朝 Medium": the font table names that as
# the alternative Word tries when BIZ UD明朝 is not installed (ECMA-376 §17.8.3.1 altName).
LATIN, MINCHO, GOTHIC = "Times New Roman", "BIZ UD明朝", "BIZ UDゴシック"
FONTS = (ooxml.FontInfo(LATIN, None, "02020603050405020304", "00", "roman", "variable"),
         ooxml.FontInfo(MINCHO, "BIZ UD明朝 Medium", "02020400000000000000", "80", "roman", "fixed"),
         ooxml.FontInfo(GOTHIC, None, "020B0400000000000000", "80", "modern", "fixed"))
BODY_SIZE_PT = 10.5
EN_EM = 220  # twips: one character of the English body text (11 pt)
GRID_PITCH = 360  # 18 pt, the PDF's Japanese line-height
# default_tab_stop: twips, as Japanese Word sets it (4 characters of 10.5 pt) and English Word (0.5 in).
SETTINGS = {"embed_fonts": False, "section_indent": 1, "section_indent (en)": 1.5, "default_tab_stop": 840,
            "default_tab_stop (en)": 720}
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Template>Normal.dotm</Template><Application>briefing</Application><DocSecurity>0</DocSecurity>"
           b"</Properties>")
KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
DROP_RELATIONSHIPS = (RT.THUMBNAIL, RT.CUSTOM_XML, STYLES_WITH_EFFECTS)


@dataclass(frozen=True)
class Spec:
    """How one style looks; sizes in points, indents in characters."""

    name: str
    sample: str
    east_asian: str = MINCHO
    size: float = BODY_SIZE_PT
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    before: float = 0
    after: float = 0
    first_line: float | None = None
    left: float | None = None
    keep_next: bool = False
    snap: bool = True
    box: bool = False  # w:pBdr on four sides, padded like print.css's .handling (the writer fits the indent)
    alias: str | None = None  # the name Japanese Word's style gallery shows beside a custom style's (w:aliases)
    outline: int | None = None
    character: bool = False
    next: str = "Normal"  # the style Enter continues with
    explicit_size: bool = False  # write the size even when it is the body size


@dataclass(frozen=True)
class Variant:
    """A style based on another that only says what differs; sizes and line heights in points."""

    name: str
    base: str
    sample: str
    size: float | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    before: float | None = None
    after: float | None = None
    line: float | None = None  # at least this line height
    first_line: float | None = None
    left: float | None = None
    em: int = round(BODY_SIZE_PT * 20)  # twips of the character the indents count in
    outline: int | None = None


CENTER, RIGHT, BOTH = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
SPECS = (
    Spec("Normal", "標準 Normal", align=BOTH),
    Spec("Draft Mark", "案", GOTHIC, size=12, bold=True, align=RIGHT, after=3, snap=False, alias="案の表示"),
    Spec("Handling Mark", "取扱注意", GOTHIC, align=RIGHT, snap=False, box=True, explicit_size=True,
         alias="取扱区分"),
    Spec("Date Line", "2025年6月27日(金)", align=RIGHT, alias="日付行"),
    Spec("Title", "表題 Title", GOTHIC, size=13, bold=True, align=CENTER, before=18, after=18, snap=False),
    Spec("Lead", "リード文 Lead", first_line=1, after=9, next="Body Text", alias="リード文"),
    Spec("Heading 1", "見出し Heading 1", GOTHIC, bold=True, before=9, keep_next=True, snap=False, outline=0,
         next="Body Text"),
    Spec("Body Text", "本文 Body Text", align=BOTH, first_line=1, next="Body Text"),
    Spec("Numbered Item", "番号付き項目 Numbered Item", align=BOTH, before=2, next="Numbered Item",
         alias="番号付き項目"),
    Spec("Bullet Item", "箇条書き Bullet Item", align=BOTH, next="Bullet Item", alias="箇条書き項目"),
    Spec("Attendee Note", "出席者の注記 Attendee Note", first_line=1, before=2, alias="出席者の注記"),
    Spec("Reference Title", "(参考)Reference Title", keep_next=True, next="Reference Box", alias="参考の題"),
    Spec("Reference Box", "参考の本文 Reference Box", align=BOTH, first_line=1, next="Reference Box",
         alias="参考の本文"),
    Spec("Links Label", "参考リンク Links Label", before=6, after=2, keep_next=True, next="List Paragraph",
         alias="リンクの見出し"),
    Spec("List Paragraph", "リンク List Paragraph", left=1, next="List Paragraph"),
    Spec("Figure", "図 Figure", align=CENTER, before=6, keep_next=True, snap=False, next="Caption", alias="図"),
    Spec("Caption", "図の説明 Caption", size=9, align=CENTER, before=2, after=6, snap=False),
    Spec("Closing", "(以上)", align=RIGHT, before=9, alias="結び"),
    Spec("Header", "ヘッダー Header", snap=False),
    Spec("Footer", "- 1 / 1 -", size=9, align=CENTER, snap=False),
    Spec("Hyperlink", "ハイパーリンク Hyperlink", character=True),
)
VARIANTS = (
    Variant("Heading 2", "Heading 1", "見出し2 Heading 2", outline=1),
    Variant("Heading 3", "Heading 2", "見出し3 Heading 3", outline=2),
    Variant("Heading 4", "Heading 3", "見出し4 Heading 4", outline=3),
    Variant("Readout Title", "Heading 1", "会談概要の題 Readout Title", size=12, align=CENTER, before=18, after=9),
    Variant("Normal (en)", "Normal", "Normal, English", size=11, line=15),
    Variant("Title (en)", "Title", "Title, English", line=19.5),
    Variant("Lead (en)", "Lead", "Lead, English", first_line=0, em=EN_EM),
    Variant("Body Text (en)", "Body Text", "Body Text, English", first_line=0, after=6, em=EN_EM),
    Variant("Attendee Note (en)", "Attendee Note", "Attendee Note, English", first_line=0, em=EN_EM),
    Variant("Reference Box (en)", "Reference Box", "Reference Box, English", first_line=0, after=6, em=EN_EM),
    Variant("List Paragraph (en)", "List Paragraph", "List Paragraph, English", left=1, em=EN_EM),
    Variant("Caption (en)", "Caption", "Caption, English", line=13),
)
BOX_SPACE_PT = {"top": 1, "left": 6, "bottom": 1, "right": 6}  # print.css: .handling { padding: 1pt 6pt }


def build() -> docx.Document:
    """The reference document: page, settings, fonts, styles, numbering and one sample of each style."""
    document = docx.Document()
    _drop_extras(document)
    _page(document)
    _settings(document.settings.element)
    _defaults(document.styles.element)
    for spec in SPECS:
        _style(document, spec)
    for spec in SPECS:
        if not spec.character:
            document.styles[spec.name].next_paragraph_style = document.styles[spec.next]
    for variant in VARIANTS:
        _variant(document, variant)
    _prune_styles(document)
    _theme(document)
    ooxml.set_font_table(document, list(FONTS))
    ooxml.set_custom_properties(document.part.package, SETTINGS)
    _samples(document)
    return document


def _drop_extras(document) -> None:
    """No thumbnail of someone else's page, no Word 2010 stylesWithEffects, no customXml, a neutral app.xml."""
    for rels in (document.part.package.rels, document.part.rels):
        for r_id, rel in sorted(rels.items()):
            if rel.reltype in DROP_RELATIONSHIPS:
                rels.pop(r_id)
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = APP_XML
    properties = document.core_properties
    for name in ("title", "subject", "author", "keywords", "comments", "last_modified_by", "category",
                 "language", "content_status"):
        setattr(properties, name, "")
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(2025, 1, 1)


def _page(document) -> None:
    """A4, 30 mm margins like the PDF's @page, the marks 20 mm and the page number 15 mm from the edge, line grid."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Mm(30)
    section.header_distance, section.footer_distance = Mm(20), Mm(15)
    ooxml.set_doc_grid(section._sectPr, GRID_PITCH)
    for name in [name for name in section._sectPr.attrib if name.startswith(qn("w:rsid"))]:
        del section._sectPr.attrib[name]


def _settings(settings) -> None:
    """Current Word (no 互換モード), strict kinsoku, no preview picture, no revision ids."""
    ooxml.set_compatibility_mode(settings, 15)
    ooxml.child(settings, "strictFirstAndLastChars", ooxml.SETTINGS_ORDER)
    ooxml.set_default_tab_stop(settings, SETTINGS["default_tab_stop"])
    for tag in ("w:savePreviewPicture", "w:rsids"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)


def _defaults(styles) -> None:
    """docDefaults: fonts, 10.5 pt, ja-JP, single spacing with no space after."""
    defaults = styles.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_rfonts(run, LATIN, MINCHO)
    for tag in ("w:sz", "w:szCs"):
        run.find(qn(tag)).set(qn("w:val"), str(round(BODY_SIZE_PT * 2)))
    run.remove(run.find(qn("w:lang")))
    ooxml.set_lang(run, "ja-JP", "ja-JP")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")


def _style(document, spec: Spec) -> None:
    """Create or reset one style from its spec."""
    kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
    try:
        style = document.styles[spec.name]
    except KeyError:
        style = document.styles.add_style(spec.name, kind)
        style.base_style = None if spec.character else document.styles["Normal"]
    element = style.element
    _reset(element)
    style.quick_style = True
    font = style.font
    if spec.character:  # built-in, and without fonts of its own: a link keeps its paragraph's fonts
        element.attrib.pop(qn("w:customStyle"), None)
        font.color.rgb = RGBColor(0x1A, 0x0D, 0xAB)
        font.underline = WD_UNDERLINE.SINGLE
        return
    ooxml.set_rfonts(ooxml.rpr(element), LATIN, spec.east_asian)
    ooxml.set_lang(ooxml.rpr(element), "ja-JP", "ja-JP")
    font.size = Pt(spec.size) if spec.size != BODY_SIZE_PT or spec.name == "Normal" or spec.explicit_size else None
    font.bold = True if spec.bold else None
    paragraph = style.paragraph_format
    paragraph.alignment = spec.align
    paragraph.space_before, paragraph.space_after = Pt(spec.before), Pt(spec.after)
    paragraph.keep_with_next = spec.keep_next or None
    ppr = ooxml.ppr(element)
    em = round(BODY_SIZE_PT * 20)
    if spec.first_line is not None or spec.left is not None:
        ooxml.set_indent(ppr, em, left=spec.left, first_line=spec.first_line)
    if not spec.snap:
        ooxml.set_flag(ppr, "snapToGrid", False)
    if spec.name == "Normal":  # Japanese line breaking and spacing, switched on where a user sees them
        for flag in ("kinsoku", "wordWrap", "overflowPunct"):
            ooxml.set_flag(ppr, flag, True)
        for flag in ("autoSpaceDE", "autoSpaceDN"):  # no space between Japanese and Latin, as in the PDF
            ooxml.set_flag(ppr, flag, False)  # (strings' typography.latin_spacing; the writer applies it)
    if spec.outline is not None:
        ooxml.child(ppr, "outlineLvl", ooxml.PPR_ORDER).set(qn("w:val"), str(spec.outline))
    if spec.box:  # the border stands BOX_SPACE_PT outside the indents: the right one keeps it inside the margin
        ooxml.set_paragraph_box(ppr, 0.75, BOX_SPACE_PT)
        ooxml.child(ppr, "ind", ooxml.PPR_ORDER).set(qn("w:right"), str(BOX_SPACE_PT["right"] * 20 + 15))
    if spec.alias:
        ooxml.set_alias(element, spec.alias)


def _reset(element) -> None:
    """A style element without the properties and links python-docx's default template gave it."""
    for tag in ("w:pPr", "w:rPr", "w:link", "w:rsid", "w:semiHidden", "w:unhideWhenUsed"):
        for old in element.findall(qn(tag)):
            element.remove(old)


def _variant(document, variant: Variant) -> None:
    """A style based on `variant.base` that sets only what differs from it."""
    try:
        style = document.styles[variant.name]
    except KeyError:
        style = document.styles.add_style(variant.name, WD_STYLE_TYPE.PARAGRAPH)
    _reset(style.element)
    style.base_style = document.styles[variant.base]
    style.next_paragraph_style = document.styles[variant.base].next_paragraph_style
    style.quick_style = variant.name.startswith("Heading")
    ooxml.set_lang(ooxml.rpr(style.element), "ja-JP", "ja-JP")
    style.font.size = Pt(variant.size) if variant.size else None
    paragraph = style.paragraph_format
    paragraph.alignment = variant.align
    paragraph.space_before = None if variant.before is None else Pt(variant.before)
    paragraph.space_after = None if variant.after is None else Pt(variant.after)
    if variant.line is not None:
        paragraph.line_spacing_rule, paragraph.line_spacing = WD_LINE_SPACING.AT_LEAST, Pt(variant.line)
    ppr = ooxml.ppr(style.element)
    if variant.first_line is not None or variant.left is not None:
        ooxml.set_indent(ppr, variant.em, left=variant.left, first_line=variant.first_line)
    if variant.outline is not None:
        ooxml.child(ppr, "outlineLvl", ooxml.PPR_ORDER).set(qn("w:val"), str(variant.outline))


def _prune_styles(document) -> None:
    """Keep only the styles memos use (and Word's defaults); strip theme fonts from what remains."""
    keep = KEEP_STYLES | {spec.name for spec in SPECS} | {variant.name for variant in VARIANTS}
    styles = document.styles.element
    for style in list(document.styles):
        if style.name not in keep:
            styles.remove(style.element)
    ooxml.strip_theme_fonts(styles)


def _theme(document) -> None:
    """Point the theme's Japanese fonts at BIZ UD too, for text a user sets in a theme font."""
    part = document.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for group, face in (("majorFont", GOTHIC), ("minorFont", MINCHO)):
        for font in theme.iter(f"{a}{group}"):
            for script in font.findall(f"{a}font"):
                if script.get("script") == "Jpan":
                    script.set("typeface", face)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _samples(document) -> None:
    """One paragraph per style (Word keeps only styles in use) and a numbered list, so numbering.xml exists."""
    numbering = document.part.numbering_part.element
    for element in list(numbering):
        numbering.remove(element)
    em = round(BODY_SIZE_PT * 20)
    abstract = ooxml.add_abstract_num(numbering, [ooxml.Level("decimal", "(%1)", 2, 2)], em)
    num_id = ooxml.add_num(numbering, abstract, 1)
    for spec in SPECS:
        if spec.character:
            paragraph = document.add_paragraph(style=document.styles["Normal"])
            paragraph.add_run(spec.sample, style=document.styles[spec.name])
            continue
        paragraph = document.add_paragraph(spec.sample, style=document.styles[spec.name])
        if spec.name == "Numbered Item":
            ooxml.set_numbering(paragraph._p.get_or_add_pPr(), num_id, 0)
    for variant in VARIANTS:
        document.add_paragraph(variant.sample, style=document.styles[variant.name])


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
    document = build()
    ooxml.save_deterministic(document, target, (2025, 1, 1, 0, 0, 0))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
