"""WordprocessingML properties python-docx has no API for: fonts, language, indents, boxes, grid, settings."""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

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
# CT_Settings, in full: settings.xml takes new elements between any of these.
SETTINGS_ORDER = tuple("""writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries
    displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts
    embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader
    bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState
    formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge
    revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride
    styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone
    doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders
    bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing
    drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery
    doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData
    noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter
    noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent
    alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt
    showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids
    mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures
    forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags
    decimalSymbol listSeparator""".split())
# What a variant style may change in the style it is merged into (not its identity, list or outline level).
MERGED_PPR = tuple(tag for tag in PPR_ORDER if tag not in ("pStyle", "numPr", "outlineLvl", "rPr", "sectPr",
                                                          "pPrChange"))
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


def east_asian_lang(rpr_element) -> str | None:
    """w:lang/@w:eastAsia of a w:rPr."""
    lang = rpr_element.find(qn("w:lang"))
    return None if lang is None else lang.get(qn("w:eastAsia"))


def rpr_default(styles_element):
    """The w:rPr of w:docDefaults/w:rPrDefault, created when missing."""
    defaults = child(styles_element, "docDefaults", ("docDefaults", "latentStyles", "style"))
    return child(child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault")), "rPr", ("rPr",))


def set_flag(parent, tag: str, on: bool, order: tuple[str, ...] = PPR_ORDER) -> None:
    """An on/off property such as snapToGrid or keepNext, written out explicitly."""
    element = child(parent, tag, order)
    if on:
        element.attrib.pop(qn("w:val"), None)
    else:
        element.set(qn("w:val"), "0")


def set_indent(ppr_element, em: int, left: float | None = None, hanging: float | None = None,
               first_line: float | None = None, char_units: bool = True) -> None:
    """Indents in characters (`*Chars`, which East Asian Word prefers) and in twips of `em` (what LibreOffice reads)."""
    ind = child(ppr_element, "ind", PPR_ORDER)
    for name, chars in (("left", left), ("hanging", hanging), ("firstLine", first_line)):
        if chars is not None:
            if char_units:
                ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
            ind.set(qn(f"w:{name}"), str(round(chars * em)))


def strip_char_units(root) -> None:
    """Remove the East Asian character-unit indents (`*Chars`) under `root`; the twips ones remain."""
    for ind in root.iter(qn("w:ind")):
        for name in [name for name in ind.attrib if name.endswith("Chars")]:
            del ind.attrib[name]


def indent_chars(ppr_element, em: int) -> float:
    """The left indent a w:pPr sets, in characters (0 when it sets none)."""
    ind = None if ppr_element is None else ppr_element.find(qn("w:ind"))
    if ind is None:
        return 0.0
    if ind.get(qn("w:leftChars")) is not None:
        return int(ind.get(qn("w:leftChars"))) / 100
    return int(ind.get(qn("w:left"), "0")) / em


def shift_indent(ppr_element, style_ppr, chars: float, em: int, char_units: bool = True) -> None:
    """Direct indent: the style's own w:ind with the left edge moved `chars` to the right."""
    style_ind = None if style_ppr is None else style_ppr.find(qn("w:ind"))
    ind = child(ppr_element, "ind", PPR_ORDER)
    for name, value in ({} if style_ind is None else style_ind.attrib).items():
        ind.set(name, value)
    set_indent(ppr_element, em, left=indent_chars(style_ppr, em) + chars, char_units=char_units)


def merge_style(target, source) -> None:
    """Word's inheritance made explicit: style `source`'s own paragraph and run properties override `target`'s."""
    for name in ("pPr", "rPr"):
        given = source.find(qn(f"w:{name}"))
        if given is not None and len(given):
            merge_properties(target.get_or_add_pPr() if name == "pPr" else target.get_or_add_rPr(), given)


def merge_properties(into, given, skip: tuple[str, ...] = ()) -> None:
    """`given` (a w:pPr or w:rPr) over `into` (one of the same kind): leaf properties (w:ind, w:spacing, w:sz …)
    merge attribute by attribute, as Word resolves a style based on another; w:pBdr, w:tabs … are replaced."""
    paragraph = etree.QName(given).localname == "pPr"
    order, allowed = (PPR_ORDER, MERGED_PPR) if paragraph else (RPR_ORDER, RPR_ORDER)
    for prop in given:
        tag = etree.QName(prop).localname if isinstance(prop.tag, str) else None
        if tag not in allowed or tag in skip:
            continue
        existing = into.find(prop.tag)
        if existing is not None and prop.attrib and not len(existing) and not len(prop):
            existing.attrib.update(prop.attrib)
            continue
        slot = existing if existing is not None else child(into, tag, order)
        slot.addprevious(copy.deepcopy(prop))
        into.remove(slot)


def format_like(p, style) -> None:
    """Style `style`'s own properties as direct formatting of paragraph `p`, its mark and its runs (not language)."""
    given = style.find(qn("w:pPr"))
    if given is not None:
        merge_properties(p.get_or_add_pPr(), given)
    given = style.find(qn("w:rPr"))
    for run_properties in [] if given is None else [rpr(p.get_or_add_pPr())] + [run.get_or_add_rPr()
                                                                               for run in p.iter(qn("w:r"))]:
        merge_properties(run_properties, given, skip=("lang", "rFonts"))


def line(element, size_pt: float, space_pt: int):
    """A single black border line of `size_pt`, `space_pt` from the text."""
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
        borders.append(line(OxmlElement(f"w:{side}"), size_pt, space_pt[side]))


def set_run_box(rpr_element, size_pt: float, space_pt: int) -> None:
    """A w:bdr: a box around the text of the runs only."""
    line(child(rpr_element, "bdr", RPR_ORDER), size_pt, space_pt)


def drop(element) -> None:
    """Remove `element` from its parent."""
    element.getparent().remove(element)


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


def set_setting(settings, tag: str, on: bool) -> None:
    """An on/off element of settings.xml (trackRevisions, embedTrueTypeFonts …): present when on, absent when off."""
    found = settings.find(qn(f"w:{tag}"))
    if on and found is None:
        child(settings, tag, SETTINGS_ORDER)
    elif not on and found is not None:
        settings.remove(found)


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


def set_spacing_after(ppr_element, twips: int) -> None:
    """Space after a paragraph (w:spacing/@w:after), in twips."""
    child(ppr_element, "spacing", PPR_ORDER).set(qn("w:after"), str(twips))


def set_exact_line(ppr_element, twips: int) -> None:
    """An exact line height, off the line grid: a gap of that height when the paragraph is empty."""
    spacing = child(ppr_element, "spacing", PPR_ORDER)
    spacing.set(qn("w:line"), str(twips))
    spacing.set(qn("w:lineRule"), "exact")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    set_flag(ppr_element, "snapToGrid", False)


STYLE_ORDER = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
               "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
               "rPr", "tblPr", "trPr", "tcPr", "tblStylePr")


def set_alias(style, alias: str) -> None:
    """Another name of a style (w:aliases), shown beside its own in Word's style gallery: 番号付き項目 …"""
    child(style, "aliases", STYLE_ORDER).set(qn("w:val"), alias)


def set_default_tab_stop(settings, twips: int) -> None:
    """Word's default tab stops (w:defaultTabStop): 840 in Japanese Word, 720 in English."""
    child(settings, "defaultTabStop", SETTINGS_ORDER).set(qn("w:val"), str(twips))


def has_paragraph_box(ppr_element) -> bool:
    """Whether a w:pPr draws paragraph borders (w:pBdr)."""
    return ppr_element is not None and ppr_element.find(qn("w:pBdr")) is not None
