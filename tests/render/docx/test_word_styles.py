"""Word styles as a colleague would use them: outline, each language's look, Japanese layout, restyling in Word."""

from __future__ import annotations

import re
import shutil
import zipfile

import docx
from conftest import run_cli
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from test_docx_writer import EN_HTML, JA_HTML, TEMPLATES, make_document, paragraphs, render

from briefing.render.docx import ooxml
from briefing.render.docx.writer import render_docx


def outline_level(style) -> int | None:
    """The outline level Word's navigation pane shows for a paragraph style (through its basedOn chain)."""
    while style is not None:
        level = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            return int(level.get(qn("w:val")))
        style = style.base_style
    return None


def styles_with_language(word) -> list:
    """Every paragraph and character style but Default Paragraph Font, which Word keeps empty."""
    styles = [style for style in word.styles if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER)
              and not style.element.default]
    assert len(styles) > 20
    return styles


def resolved(style, getter):
    while style is not None:
        if getter(style) is not None:
            return getter(style)
        style = style.base_style
    return None


def test_outline_follows_the_memo(tmp_path):
    _, english = render(tmp_path, "en")  # two readouts, the second with a section
    headings = [(p.style.name, p.text) for p in paragraphs(english) if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "Dinner hosted by State Minister FUJII"),
                        ("Heading 1", "Courtesy call on Minister NAKATANI"), ("Heading 2", "Outcome")]
    assert [outline_level(english.styles[f"Heading {n}"]) for n in (1, 2)] == [0, 1]
    _, japanese = render(tmp_path, "ja")  # no readouts: sections are the top level
    assert {p.style.name for p in paragraphs(japanese) if p.text in ("出席者", "概要")} == {"Heading 1"}


def test_readout_titles_take_the_readout_look(tmp_path):
    _, english = render(tmp_path, "en")
    heading_1, heading_2 = english.styles["Heading 1"], english.styles["Heading 2"]
    assert heading_1.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER and heading_1.font.size == Pt(12)
    assert resolved(heading_2, lambda s: s.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER  # based on 1
    _, japanese = render(tmp_path, "ja")
    assert japanese.styles["Heading 1"].paragraph_format.alignment is None  # a section heading: flush left
    for word in (english, japanese):  # the look holders are merged, not left behind
        names = {style.name for style in word.styles}
        assert "Readout Title" not in names and not [name for name in names if name.endswith(" (en)")]


def test_readouts_beside_top_level_sections(tmp_path):
    """Heading 1 keeps the section look; the readout titles get theirs on the paragraph."""
    annex = '<section class="section">\n<h2 class="section-heading" data-level="0">Annex</h2>\n</section>\n</body>'
    _, word = render(tmp_path, "en", EN_HTML.replace("</body>", annex))
    assert word.styles["Heading 1"].paragraph_format.alignment is None
    titles = [p for p in paragraphs(word) if p.style.name == "Heading 1"]
    assert [p.text for p in titles] == ["Dinner hosted by State Minister FUJII", "Courtesy call on Minister NAKATANI",
                                        "Annex"]
    for title in titles[:2]:
        assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert {run.font.size for run in title.runs} == {Pt(12)}
    assert titles[2].paragraph_format.alignment is None and titles[2].runs[0].font.size is None


def test_english_paragraphs_match_the_english_pdf(tmp_path):
    out, word = render(tmp_path, "en")
    normal = word.styles["Normal"]
    assert normal.font.size == Pt(11) and normal.paragraph_format.line_spacing == Pt(15)  # print.css: 11pt/15pt
    body = word.styles["Body Text"].paragraph_format
    assert body.first_line_indent == 0 and body.space_after == Pt(6)
    assert word.styles["Lead"].paragraph_format.first_line_indent == 0
    package = zipfile.ZipFile(out)
    for part in ("word/styles.xml", "word/numbering.xml", "word/document.xml"):
        assert "Chars=" not in package.read(part).decode(), part  # absolute indents, as English Word shows them
    assert word.sections[0]._sectPr.find(qn("w:docGrid")).get(qn("w:type")) is None
    for style in styles_with_language(word):
        lang = style.element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "ja-JP"), style.name


def test_japanese_layout(tmp_path):
    out, word = render(tmp_path, "ja")
    normal = word.styles["Normal"]
    assert normal.font.size == Pt(10.5) and normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ppr = normal.element.pPr
    for flag in ("kinsoku", "wordWrap", "overflowPunct"):
        element = ppr.find(qn(f"w:{flag}"))
        assert element is not None and element.get(qn("w:val")) in (None, "1", "true"), flag  # explicitly on
    for flag in ("autoSpaceDE", "autoSpaceDN"):  # strings/ja.yaml typography.latin_spacing: none, as the PDF
        assert ppr.find(qn(f"w:{flag}")).get(qn("w:val")) == "0", flag
    body = word.styles["Body Text"].element.pPr.find(qn("w:ind"))
    assert body.get(qn("w:firstLineChars")) == "100"  # 1 character, in Word's character units
    grid = word.sections[0]._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "360")  # 18 pt, the PDF's leading
    for style in styles_with_language(word):
        lang = style.element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("ja-JP", "ja-JP"), style.name
    settings = zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert "<w:strictFirstAndLastChars/>" in settings


def test_enter_continues_as_a_colleague_expects(tmp_path):
    _, word = render(tmp_path, "ja")
    for name, following in (("Numbered Item", "Numbered Item"), ("Bullet Item", "Bullet Item"),
                            ("Body Text", "Body Text"), ("Heading 1", "Body Text"), ("Heading 2", "Body Text"),
                            ("Figure", "Caption")):
        assert word.styles[name].next_paragraph_style.name == following, name


def test_fonts_windows_has(tmp_path):
    out, word = render(tmp_path, "ja")
    fonts = ooxml.font_names(word.styles.element)
    assert fonts == {"latin": {"Times New Roman"}, "eastAsia": {"BIZ UD明朝", "BIZ UDゴシック"}}
    table = zipfile.ZipFile(out).read("word/fontTable.xml").decode()
    assert '<w:altName w:val="BIZ UD明朝 Medium"/>' in table  # Windows 10+'s name for the same Mincho


def test_reference_settings_are_not_copied(tmp_path):
    out, _ = render(tmp_path, "en")
    custom = zipfile.ZipFile(out).read("docProps/custom.xml").decode()
    assert "embed_fonts" not in custom and "section_indent" not in custom  # the template's business
    assert re.findall(r'name="([^"]+)"', custom) == ["briefing-memo", "briefing-lang", "briefing-texts"]  # for import


def test_section_indent_comes_from_the_reference(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    reference = docx.Document(str(templates / "reference.docx"))
    ooxml.set_custom_properties(reference.part.package, {"section_indent": 3})
    reference.save(str(templates / "reference.docx"))
    out = tmp_path / "indented.docx"
    render_docx(make_document(tmp_path, "ja", JA_HTML, templates), out)
    body = next(p for p in paragraphs(docx.Document(str(out))) if p.style.name == "Body Text")
    assert body._p.pPr.find(qn("w:ind")).get(qn("w:leftChars")) == "300"
    _, default = render(tmp_path, "ja")
    body = next(p for p in paragraphs(default) if p.style.name == "Body Text")
    assert body._p.pPr.find(qn("w:ind")).get(qn("w:leftChars")) == "100"


def test_a_user_restyles_the_reference_in_word(workspace):
    reference_path = workspace / "templates" / "reference.docx"
    reference = docx.Document(str(reference_path))  # what a user does in Word, done with python-docx
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    reference.styles["Normal"].font.size = Pt(12)
    reference.styles["Body Text (en)"].paragraph_format.space_after = Pt(12)
    reference.save(str(reference_path))
    result = run_cli("build", "--format", "docx", cwd=workspace)
    assert result.returncode == 0, result.stderr
    for memo in ("pko-symposium-2025", "khare-visit-2025"):
        for lang in ("ja", "en"):
            word = docx.Document(str(workspace / "build" / f"{memo}.{lang}.docx"))
            assert word.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00), (memo, lang)
            if lang == "ja":
                assert word.styles["Normal"].font.size == Pt(12)
            else:
                assert word.styles["Body Text"].paragraph_format.space_after == Pt(12)
            document_xml = zipfile.ZipFile(workspace / "build" / f"{memo}.{lang}.docx").read("word/document.xml")
            assert b"<w:sz " not in document_xml and b"<w:color " not in document_xml  # no direct formatting


def test_reference_missing_a_variant_still_works(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    reference = docx.Document(str(templates / "reference.docx"))
    for name in ("Readout Title", "Body Text (en)"):
        reference.styles[name].delete()
    reference.save(str(templates / "reference.docx"))
    out = tmp_path / "plain.docx"
    render_docx(make_document(tmp_path, "en", EN_HTML, templates), out)
    word = docx.Document(str(out))
    assert word.styles["Body Text"].paragraph_format.first_line_indent not in (None, 0)  # the Japanese look
