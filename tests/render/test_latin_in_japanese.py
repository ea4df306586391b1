"""Latin inside Japanese: one proportional face and one spacing rule, the same in the PDF and the Word file."""

import io
import subprocess

import docx
import pytest
from conftest import EXAMPLES, REPO, libreoffice_pdf, need_tool
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from render.lines import pdf_lines

METRIC_TWINS = {"Times New Roman": "Liberation Serif"}  # same advance widths (Liberation's stated purpose)


def _pdf_fonts(pdf) -> dict[str, str]:
    """The PDF's embedded fonts: subset name → family name inside the font program."""
    found = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            found[str(font["/BaseFont"]).split("+", 1)[1]] = program["name"].getDebugName(1)
    return found


def _word_latin_font_and_autospace(path) -> tuple[set[str], set[str]]:
    """The Latin fonts (w:ascii, w:hAnsi) of docDefaults and Normal, and Normal's autoSpaceDE/DN values."""
    word = docx.Document(str(path))
    normal = word.styles["Normal"].element
    defaults = word.styles.element.find(qn("w:docDefaults"))
    fonts = {fonts.get(qn(f"w:{kind}")) for element in (defaults, normal) for fonts in element.iter(qn("w:rFonts"))
             for kind in ("ascii", "hAnsi")} - {None}
    flags = {flag.get(qn("w:val"), "1") for tag in ("autoSpaceDE", "autoSpaceDN") for flag in normal.iter(qn(f"w:{tag}"))}
    return fonts, flags


@pytest.mark.parametrize("memo", EXAMPLES)
def test_pdf_and_word_set_latin_in_the_same_face(built, memo, tmp_path):
    pdf_fonts = _pdf_fonts(built / f"{memo}.ja.pdf")
    assert pdf_fonts["brief-latin"] == "Liberation Serif"  # not BIZ UD明朝's fixed-width Latin
    word_fonts, _ = _word_latin_font_and_autospace(built / f"{memo}.ja.docx")
    assert {METRIC_TWINS.get(name, name) for name in word_fonts} == {pdf_fonts["brief-latin"]}
    printed = subprocess.run([need_tool("pdffonts"), str(libreoffice_pdf(built / f"{memo}.ja.docx", tmp_path))],
                             capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in printed  # Word's Latin face, as a machine without Times New Roman prints it


def _advance(text: str, size: float) -> float:
    """The width of `text` set with no added space: Latin in Liberation Serif, the rest one em each."""
    latin = TTFont(REPO / "templates/fonts/LiberationSerif-Regular.ttf")
    cmap, metrics, unit = latin.getBestCmap(), latin["hmtx"].metrics, latin["head"].unitsPerEm
    return sum(metrics[cmap[ord(c)]][0] / unit * size if c.isascii() else size for c in text)


def test_no_space_added_between_japanese_and_latin_in_either(built):
    _, flags = _word_latin_font_and_autospace(built / "khare-visit-2025.ja.docx")
    assert flags == {"0"}  # strings/ja.yaml typography.latin_spacing: none
    lines = pdf_lines(built / "khare-visit-2025.ja.pdf", need_tool("pdftotext"))
    # The date line (MOFA's style: 令和7年7月3日～4日) is set right-aligned, not justified: its boundaries
    # between Japanese and digits get no space.
    dated = next(line for line in lines if len(line.words) == 1 and line.text.startswith("令和7年7月3日"))
    measured = dated.words[0].x_max - dated.words[0].x_min
    assert abs(measured - _advance(dated.text, 10.5)) < 0.1 * 10.5, (dated.text, measured)


def _drawn_by(pdf, family: str) -> str:
    """The characters a PDF draws with one of its embedded fonts (from the font's ToUnicode map)."""
    import re
    drawn = []
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if str(font["/BaseFont"]).endswith(f"+{family}"):
                cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
                drawn += [chr(int(code, 16)) for code in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]{4})>", cmap)]
    return "".join(drawn)


def test_accented_latin_letters_inside_japanese_are_in_the_latin_face(built):
    latin, mincho = (_drawn_by(built / "mofa-style-readout.ja.pdf", name) for name in ("brief-latin", "brief-mincho"))
    assert {"í", "é"} <= set(latin)  # María García Pérez, not BIZ UD明朝's wide accented letters
    assert not {"í", "é"} & set(mincho)
