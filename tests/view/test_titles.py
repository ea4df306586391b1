"""Titles in balanced lines, never broken inside 結果概要 or a name; the PDF and the Word file break them alike."""

import re

import lxml.html
import pytest
from conftest import EXAMPLES, REPO, libreoffice_pdf, need_tool
from render.lines import pdf_lines

from briefing.view.titles import ASCII_WIDTHS, balanced_lines, width

CASES = [
    ("令和7年国際平和協力シンポジウム「今後の国際平和協力の在り方」結果概要", 32.3, ("結果概要",)),
    ("2025 International Peace Cooperation Symposium \"The Future of International Peace Cooperation\": "
     "Summary of Results", 32.7, ("Summary of Results",)),
    ("Dinner hosted by State Minister for Foreign Affairs FUJII Hisayuki for Under-Secretary-General Atul Khare",
     35.4, ("FUJII Hisayuki", "Atul Khare")),
    ("藤井外務副大臣とカレ国連活動支援担当事務次長との夕食会", 20, ("藤井外務副大臣",)),
    ("藤井外務副大臣とカレ国連活動支援担当事務次長との夕食会", 16, ("藤井外務副大臣",)),
]


def test_ascii_widths_are_the_vendored_bold_serif():
    from fontTools.ttLib import TTFont
    font = TTFont(REPO / "templates/fonts/LiberationSerif-Bold.ttf")
    cmap, metrics, unit = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    assert list(ASCII_WIDTHS) == [round(metrics[cmap[code]][0] * 1000 / unit) for code in range(32, 127)]


@pytest.mark.parametrize("text, measure, keep", CASES)
def test_lines_fit_are_balanced_and_keep_phrases_whole(text, measure, keep):
    lines = balanced_lines(text, measure, keep)
    assert len(lines) >= 2 and "".join(lines).replace(" ", "") == text.replace(" ", "")
    widths = [width(line) for line in lines]
    assert max(widths) <= measure
    assert min(widths) >= max(widths) / 3  # no last line of one or two characters
    for phrase in keep:
        assert any(phrase in line for line in lines), (phrase, lines)


def test_a_title_that_fits_stays_one_line():
    assert balanced_lines("カレ国連活動支援担当事務次長の訪日", 32.3) == ["カレ国連活動支援担当事務次長の訪日"]


def _title_lines(html_path) -> list[str]:
    html = lxml.html.fromstring(html_path.read_bytes())
    lines = []
    for title in html.xpath("//h1[@class='memo-title'] | //h2[@class='readout-title']"):
        text = lxml.html.tostring(title, encoding="unicode", method="html")
        inner = re.sub(r"^<h[12][^>]*>|</h[12]>$", "", text.strip())
        lines += [re.sub(r"\s+", "", lxml.html.fromstring(f"<p>{part}</p>").text_content())
                  for part in re.split(r"<br\s*/?>", inner)]
    return lines


@pytest.mark.parametrize("memo", EXAMPLES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pdf_and_word_break_titles_at_the_same_places(built, memo, lang, tmp_path):
    expected = _title_lines(built / f"{memo}.{lang}.html")
    assert expected
    pdftotext = need_tool("pdftotext")
    printed = {re.sub(r"\s+", "", line.text) for line in pdf_lines(built / f"{memo}.{lang}.pdf", pdftotext)}
    word = libreoffice_pdf(built / f"{memo}.{lang}.docx", tmp_path)
    from_word = {re.sub(r"\s+", "", line.text) for line in pdf_lines(word, pdftotext)}
    for line in expected:
        assert line in printed, (line, "PDF")
        assert line in from_word, (line, "Word")
    if memo == "pko-symposium-2025":
        assert len(expected) >= 2 and expected[-1].endswith("結果概要" if lang == "ja" else "SummaryofResults")
