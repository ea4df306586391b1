"""templates/reference.docx opened, checked, and its styles made one memo's: language, variants, readout titles.

reference.docx is a Japanese Word template (ja-JP, line grid, indents in character units). What another
language does differently is kept in the same file as *variant styles* named "<style> (<lang>)", each based
on the style it varies: "Normal (en)" (11 pt, lines at least 15 pt), "Body Text (en)" (no first-line indent,
6 pt after) … For a memo in that language the writer merges each variant into its style, attribute by
attribute as Word resolves a style based on another, and drops every variant: the English Word file has
plain "Normal", "Body Text" … that look like the English PDF, and a user restyles either language in Word.
"Readout Title" is merged the same way into the heading level that readout titles take in a compiled memo;
where section headings share that level, it is applied to the readout titles' paragraphs instead.
Settings that are not styles are custom document properties of the reference (Word: File ▸ Info ▸
Properties ▸ Advanced ▸ Custom), with the same "(<lang>)" variants: `section_indent` (characters that each
section level indents its content), `embed_fonts` (embed templates/fonts/*.ttf in the Word file) and
`default_tab_stop` (twips: 840 as Japanese Word sets it, 720 as English Word does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
from babel.core import get_global, parse_locale
from docx.enum.style import WD_STYLE_TYPE

from briefing.errors import EnvironmentProblem
from briefing.render.docx import ooxml

PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Caption", "Header", "Footer", "List Paragraph",
                    "Date Line", "Lead", "Body Text", "Numbered Item", "Bullet Item", "Attendee Note",
                    "Reference Box", "Reference Title", "Closing", "Links Label", "Handling Mark", "Draft Mark",
                    "Figure")
CHARACTER_STYLES = ("Hyperlink",)
EAST_ASIAN_SCRIPTS = {"Jpan", "Hans", "Hant", "Hani", "Kore"}
VARIANT = re.compile(r"^(?P<base>.+) \((?P<lang>[a-z]{2,3}(?:-[A-Za-z]{2,4})?)\)$")
READOUT_LOOK = "Readout Title"
SETTINGS = {"section_indent": 1.0, "embed_fonts": False, "default_tab_stop": 840.0}
YES = ("true", "yes", "1", "on", "はい")


@dataclass(frozen=True)
class Layout:
    """The memo's language as Word tags it, and the measures the writer places text with."""

    lang: str  # w:lang of the text: ja-JP, en-US
    latin_lang: str  # w:lang of Latin phrases inside East Asian text
    east_asian_lang: str | None  # w:lang/@w:eastAsia of the template
    east_asian: bool  # East Asian typography: character units, line grid, font hints
    em: int  # twips of one character of body text
    section_indent: float  # characters each section level indents its content
    embed_fonts: bool
    readout_look: object = None  # "Readout Title" for readout titles at levels shared with section headings
    shared_levels: frozenset[int] = frozenset()


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


def prepare(word, locale: str, lang: str, levels: dict[str, set[int]]) -> Layout:
    """Make the reference's styles this memo's; `lang` is the strings' language key (ja, en), `levels` the
    outline levels of the "readout" titles and "section" headings."""
    tag, east_asian = word_language(locale)
    settings = _settings(word, lang)
    shared = frozenset(levels["readout"] & levels["section"])
    look = _variants(word, lang, levels["readout"] - shared, bool(shared))
    east_asian_lang = _languages(word, tag, east_asian)
    em = _em(word)
    ooxml.set_default_tab_stop(word.settings.element, round(settings["default_tab_stop"]))
    return Layout(tag, ooxml.latin_language(word.settings.element) or tag, east_asian_lang, east_asian, em,
                  float(settings["section_indent"]), bool(settings["embed_fonts"]), look, shared)


def word_language(locale: str) -> tuple[str, bool]:
    """A Babel locale as Word's language tag (ja → ja-JP) and whether its script is East Asian."""
    language, territory, script, _ = parse_locale(locale)
    _, likely_territory, likely_script, _ = parse_locale(get_global("likely_subtags").get(language, language))
    return f"{language}-{territory or likely_territory}", (script or likely_script) in EAST_ASIAN_SCRIPTS


def heading_style(word, level: int) -> str:
    """"Heading <level>", or the deepest heading style the reference has above it."""
    names = {style.name for style in word.styles}
    return next(f"Heading {n}" for n in range(max(level, 1), 0, -1) if f"Heading {n}" in names or n == 1)


def _settings(word, lang: str) -> dict:
    """The reference's custom properties this writer reads, "<name> (<lang>)" first; dropped from the output."""
    package = word.part.package
    given = ooxml.custom_properties(package)
    ooxml.drop_custom_properties(package)
    values = {}
    for name, default in SETTINGS.items():
        value = given.get(f"{name} ({lang})", given.get(name, default))
        if isinstance(default, bool):
            values[name] = value if isinstance(value, bool) else str(value).strip().lower() in YES
        else:
            try:
                values[name] = float(value)
            except ValueError:
                values[name] = default
    return values


def _variants(word, lang: str, readout_levels: set[int], shared: bool):
    """Merge "<style> (<lang>)" into "<style>" and "Readout Title" into the readout titles' heading levels;
    drop both. Return the readout look when some titles share their level with sections (else None)."""
    styles = {style.name: style for style in word.styles}
    for style in list(word.styles):
        match = VARIANT.match(style.name or "")
        if match and match["base"] in styles:
            if match["lang"] == lang:
                ooxml.merge_style(styles[match["base"]].element, style.element)
            style.delete()
    if READOUT_LOOK not in styles:
        return None
    look = styles[READOUT_LOOK].element
    for level in sorted(readout_levels):
        ooxml.merge_style(word.styles[heading_style(word, level)].element, look)
    styles[READOUT_LOOK].delete()
    return look if shared else None


def _languages(word, tag: str, east_asian: bool) -> str | None:
    """The language on docDefaults and every style; no grid or character units outside East Asia (§4.2, §4.4)."""
    styles = word.styles.element
    defaults = ooxml.rpr_default(styles)
    east_asian_lang = ooxml.east_asian_lang(defaults)
    ooxml.set_lang(defaults, tag)
    for style in word.styles:  # not Default Paragraph Font, which Word keeps empty
        if style.type == WD_STYLE_TYPE.PARAGRAPH or style.type == WD_STYLE_TYPE.CHARACTER and not style.element.default:
            ooxml.set_lang(ooxml.rpr(style.element), tag, east_asian_lang)
    if not east_asian:
        ooxml.set_doc_grid(word.sections[0]._sectPr, None)
        ooxml.strip_char_units(styles)
        ooxml.strip_char_units(word.part.numbering_part.element)
    return east_asian_lang


def _em(word) -> int:
    """One character of body text in twips: the size Normal resolves to."""
    style = word.styles["Normal"]
    while style is not None:
        if style.font.size is not None:
            return round(style.font.size.pt * 20)
        style = style.base_style
    return ooxml.em_twips(word.styles.element)
