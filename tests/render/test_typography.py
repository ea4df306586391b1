"""Typography measured on the PDFs as printed (pdftotext -bbox-layout): flush Japanese lines, kinsoku, word spaces."""

import re

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from conftest import EXAMPLES, edit, need_tool, run_cli
from render.lines import BODY_LEFT, BOX_INSET, paragraph_texts, pdf_lines, wrapped_lines

JUSTIFIED = {"body", "lead", "item", "bullet", "attendees-note"}  # the classes of running text
EM_JA = 10.5  # print.css: Japanese body size in pt
MEASURE_JA = 40 * EM_JA
STRESS = ("2025年3月以降3回にわたりUN80 Initiativeや(A4P)と「A4P+」を含む計12件、1,234名、"
          "Mr. Jean-Pierre Lacroix, Under-Secretary-General for Peace Operationsを招き、"
          "国連PKO(UNMISS)の1期目と2期目の成果について10分ずつ説明しました。") * 3


def _flush_misses(build, stem: str) -> tuple[int, list[tuple[float, str]]]:
    """How many non-final lines of justified paragraphs there are, and those not ending at their measure."""
    lines = pdf_lines(build / f"{stem}.pdf", need_tool("pdftotext"))
    paragraphs = paragraph_texts((build / f"{stem}.html").read_text(encoding="utf-8"), JUSTIFIED)
    rights = (BODY_LEFT + MEASURE_JA, BODY_LEFT + MEASURE_JA - BOX_INSET)  # the body, a reference box
    measured = [(line, min(abs(right - line.x_max) for right in rights))
                for line, last in wrapped_lines(lines, paragraphs) if not last]
    return len(measured), [(round(gap / EM_JA, 3), line.text) for line, gap in measured if gap > 0.05 * EM_JA]


def _kinsoku_breaches(pdf) -> list[str]:
    lines = pdf_lines(pdf, need_tool("pdftotext"))
    assert len(lines) > 20
    return [line.text for line in lines if line.text[0] in "、。）」" or line.text[-1] in "（「"]


@pytest.fixture(scope="module")
def stress_build(tmp_path_factory):
    """A Japanese memo whose lines hold digits, Latin, half-width and full-width brackets."""
    from conftest import copy_workspace
    root = copy_workspace(tmp_path_factory.mktemp("stress"))
    edit(root / "content/khare-visit-2025.yaml", "closing: false\nbody:\n", f"closing: false\nbody:\n  - paragraph: {{ja: '{STRESS}', en: Stress.}}\n")
    result = run_cli("build", "khare-visit-2025", "--lang", "ja", "--format", "pdf", "--format", "html", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"


@pytest.mark.parametrize("memo", EXAMPLES)
def test_japanese_lines_end_at_the_measure(built, memo):
    count, misses = _flush_misses(built, f"{memo}.ja")
    assert count >= 10, "too few wrapped lines found to measure"
    assert misses == [], misses


def test_japanese_lines_with_digits_and_latin_end_at_the_measure(stress_build):
    count, misses = _flush_misses(stress_build, "khare-visit-2025.ja")
    assert count >= 20
    assert misses == [], misses


@pytest.mark.parametrize("memo", EXAMPLES)
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(built, memo):
    assert _kinsoku_breaches(built / f"{memo}.ja.pdf") == []


def test_kinsoku_holds_in_justified_lines_with_latin(stress_build):
    assert _kinsoku_breaches(stress_build / "khare-visit-2025.ja.pdf") == []


def test_other_weasyprint_versions_are_refused(monkeypatch):
    import weasyprint

    from briefing.render.pdf import justify
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(justify.UnsupportedWeasyPrint, match="written for WeasyPrint 70.0"):
        justify.install()


def _filled_share(png) -> float:
    """How far down the text area (30 mm margins) the page's ink goes, as a share of its height."""
    from PIL import Image
    image = Image.open(png).convert("L")
    width, height = image.size
    top, bottom = round(height * 30 / 297), round(height * 267 / 297)
    ink = image.crop((0, top, width, bottom)).point(lambda value: 255 if value < 200 else 0).getbbox()
    return ink[3] / (bottom - top) if ink else 0.0


@pytest.mark.parametrize("memo", ["pko-symposium-2025"])  # the example of several pages (the others fit on one)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_page_but_the_last_is_under_half_full(built, memo, lang, tmp_path):
    import subprocess
    subprocess.run([need_tool("pdftoppm"), "-r", "20", "-gray", "-png", str(built / f"{memo}.{lang}.pdf"),
                    str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    shares = [round(_filled_share(page), 2) for page in pages]
    assert all(share >= 0.5 for share in shares[:-1]), shares  # no page break can be asked for in a memo


EM_EN = 11  # print.css: English body size in pt
NORMAL_SPACE_EN = 0.25 * EM_EN  # the space of Liberation Serif (Times New Roman's metrics)
MARKER = re.compile(r"\d+\.|\([a-z]+\)|•")


def _widest_word_spaces(pdf) -> list[tuple[float, str]]:
    """Word spaces of body-text lines (no list-marker gap, no caption), widest first, in pt."""
    gaps = []
    for line in pdf_lines(pdf, need_tool("pdftotext")):
        words = [word for word in line.words if word.height > EM_EN]  # 9 pt captions stand side by side
        for before, after in zip(words, words[1:]):
            if not (before is words[0] and MARKER.fullmatch(before.text)):
                gaps.append((round(after.x_min - before.x_max, 2), line.text))
    return sorted(gaps, reverse=True)


@pytest.mark.parametrize("memo", EXAMPLES)
def test_english_word_spaces_at_most_twice_the_normal_one(built, memo):
    gaps = _widest_word_spaces(built / f"{memo}.en.pdf")
    assert len(gaps) > 200
    assert gaps[0][0] <= 2 * NORMAL_SPACE_EN, gaps[:3]
    word = docx.Document(str(built / f"{memo}.en.docx"))  # ragged in Word too (strings/en.yaml)
    assert word.styles["Body Text"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_justified_english_is_hyphenated_when_the_style_says_so(workspace):
    strings = workspace / "templates/strings/en.yaml"
    edit(strings, "  align: ragged\n  hyphenate: false", "  align: justify\n  hyphenate: false")
    assert run_cli("build", "pko-symposium-2025", "--lang", "en", "--format", "pdf", cwd=workspace).returncode == 0
    unhyphenated = _widest_word_spaces(workspace / "build/pko-symposium-2025.en.pdf")
    edit(strings, "  hyphenate: false", "  hyphenate: true")
    assert run_cli("build", "pko-symposium-2025", "--lang", "en", "--format", "pdf", "--format", "docx",
                   cwd=workspace).returncode == 0
    word = docx.Document(str(workspace / "build/pko-symposium-2025.en.docx"))  # Word follows the same strings
    assert word.settings.element.find(qn("w:autoHyphenation")) is not None
    assert word.styles["Body Text"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    lines = pdf_lines(workspace / "build/pko-symposium-2025.en.pdf", need_tool("pdftotext"))
    hyphenated = _widest_word_spaces(workspace / "build/pko-symposium-2025.en.pdf")
    assert any(line.text.endswith("\u2010") for line in lines)  # WeasyPrint's hyphenate-character
    assert unhyphenated[0][0] > 3 * NORMAL_SPACE_EN  # what the issue saw: gaping lines
    assert hyphenated[0][0] < 2.2 * NORMAL_SPACE_EN  # README: 2.1 times on one line, none wider
