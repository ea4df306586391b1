"""The example memos as Word files: the same text as the PDF, real numbering, and LibreOffice opens them."""

import re
import subprocess

import docx
import lxml.html
import pytest
from conftest import EXAMPLES, EVERY_EXAMPLE, libreoffice_pdf, need_tool
from docx.oxml.ns import qn
from pypdf import PdfReader
from test_docx_writer import num_of

CASES = [(memo, lang) for memo in EXAMPLES for lang in ("ja", "en")]
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
BLOCKS = "//body//p[not(@class='handling')] | //body//h1 | //body//h2 | //figcaption | //ul[@class='links']/li"


def html_blocks(built, memo, lang) -> list[str]:
    """Each block's text as the HTML has it, numbering markers left out (Word numbers by itself)."""
    tree = lxml.html.fromstring((built / f"{memo}.{lang}.html").read_bytes())
    for marker in tree.xpath("//span[@class='marker']"):
        marker.drop_tree()
    return [re.sub(r"\s+", "", element.text_content()) for element in tree.xpath(BLOCKS)]


def docx_blocks(path) -> list[str]:
    body = docx.Document(str(path)).element.body  # paragraphs of layout tables too; w:t of runs and links alike
    return [re.sub(r"\s+", "", "".join(t.text or "" for t in p.iter(qn("w:t")))) for p in body.iter(qn("w:p"))]


@pytest.mark.parametrize("memo, lang", EVERY_EXAMPLE)
def test_same_text_in_the_same_order_as_the_html(built, memo, lang):
    assert "".join(docx_blocks(built / f"{memo}.{lang}.docx")) == "".join(html_blocks(built, memo, lang))


@pytest.mark.parametrize("memo, lang", CASES)
def test_numbered_paragraphs_use_word_numbering(built, memo, lang):
    word = docx.Document(str(built / f"{memo}.{lang}.docx"))
    numbered = [p for p in word.paragraphs if num_of(p) is not None]  # own w:numPr, or its style's
    assert len(numbered) >= 3
    typed = re.compile(r"^\s*(\(\d+\)|\d+\.|\([a-z]+\)|[●•])")
    assert not [p.text for p in word.paragraphs if typed.match(p.text)]
    header = word.sections[0].header.paragraphs
    if memo == "khare-visit-2025":
        assert any(("公表済み" if lang == "ja" else "Released to the public") in p.text for p in header)
    assert word.core_properties.language == ("ja-JP" if lang == "ja" else "en-US")


@pytest.mark.parametrize("memo, lang", CASES)
def test_outline_is_the_memo_outline(built, memo, lang):
    """Readout titles, then the sections inside them, as Word's navigation pane shows them."""
    tree = lxml.html.fromstring((built / f"{memo}.{lang}.html").read_bytes())
    for marker in tree.xpath("//span[@class='marker']"):
        marker.drop_tree()
    headings = tree.xpath("//h2[@class='readout-title' or @class='section-heading']")
    expected = [(f"Heading {len(h.xpath('ancestor::section'))}", re.sub(r"\s+", "", h.text_content()))
                for h in headings]
    word = docx.Document(str(built / f"{memo}.{lang}.docx"))
    actual = [(p.style.name, re.sub(r"\s+", "", p.text)) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert actual == expected and actual
    assert {name for name, _ in actual} == {"Heading 1"}  # both examples: readouts, or sections, at the top


@pytest.mark.parametrize("memo, lang", CASES)
def test_libreoffice_renders_like_the_pdf(built, tmp_path, memo, lang):
    converted = libreoffice_pdf(built / f"{memo}.{lang}.docx", tmp_path)
    pdftotext = need_tool("pdftotext")
    text = subprocess.run([pdftotext, str(converted), "-"], capture_output=True, text=True, check=True).stdout
    furniture = {"公表済み", "Released to the public"}  # the header, repeated on every page
    flat = "".join(re.sub(r"\s+", "", line) for line in text.splitlines()  # and the footer: - 1 / 3 -
                   if line.strip() not in furniture and not re.fullmatch(r"-\s*\d+\s*(/\s*\d+\s*)?-", line.strip()))
    for block in html_blocks(built, memo, lang):  # pdftotext joins words hyphenated at line ends
        assert block.replace("-", "") in flat.replace("-", ""), f"{block[:40]}… missing from the LibreOffice rendering"
    markers = {("pko-symposium-2025", "ja"): ["（1）", "（7）", "●"], ("pko-symposium-2025", "en"): ["(a)", "(g)", "•"],
               ("khare-visit-2025", "ja"): ["1", "3"], ("khare-visit-2025", "en"): ["1.", "3."]}[memo, lang]
    for marker in markers:
        assert re.sub(r"\s+", "", marker) in flat
    links = {annotation.get_object()["/A"]["/URI"] for page in PdfReader(converted).pages
             for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()}
    tree = lxml.html.fromstring((built / f"{memo}.{lang}.html").read_bytes())
    assert links == set(tree.xpath("//a/@href"))  # the links work in the rendering
    pages = len(PdfReader(converted).pages)
    assert abs(pages - len(PdfReader(built / f"{memo}.{lang}.pdf").pages)) <= 1
    fonts = subprocess.run([need_tool("pdffonts"), str(converted)], capture_output=True, text=True).stdout
    assert ("BIZUDMincho" in fonts) if lang == "ja" else ("Times" in fonts or "Liberation" in fonts), fonts


def drawn_images(pdf) -> list[tuple[float, float]]:
    """(x, width) in points of every image each page of `pdf` draws, from the transformation it is drawn with."""
    drawn = []

    def visit(operator, operands, cm, tm):
        if operator == b"Do":
            drawn.append((round(cm[4], 1), round(cm[0], 1)))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_operand_before=visit)
    return drawn


@pytest.mark.parametrize("memo, lang", [("pko-symposium-2025", "ja"), ("pko-symposium-2025", "en")])
def test_pictures_are_whole_and_at_the_margin_in_libreoffice(built, tmp_path, memo, lang):
    source = built / f"{memo}.{lang}.docx"
    word = docx.Document(str(source))
    inlines = word.element.body.findall(f".//{WP}inline")
    assert all(inline.get(side) == "0" for inline in inlines for side in ("distT", "distB", "distL", "distR"))
    ids = [inline.find(f"{WP}docPr").get("id") for inline in inlines]
    pictures = [inline.find(f".//{PIC}cNvPr") for inline in inlines]
    assert [p.get("id") for p in pictures] == ids and len(set(ids)) == len(ids)  # pic:cNvPr as Word writes it
    names = [p.get("name") for p in pictures]
    assert len(set(names)) == len(names) and "flyer.jpg" in names
    extents = [int(inline.find(f"{WP}extent").get("cx")) / 12700 for inline in inlines]  # EMU → points
    drawn = drawn_images(libreoffice_pdf(source, tmp_path))
    assert len(drawn) == len(extents)
    for (x, width), extent in zip(drawn, extents):
        assert abs(width - extent) < 0.5, (width, extent)  # drawn whole: as wide as the picture
    margin = word.sections[0].left_margin.pt
    assert abs(drawn[0][0] - margin) < 0.5  # the flyer starts at the margin, as in the PDF
    assert sorted({round(x) for x, _ in drawn})[0] == round(margin)
