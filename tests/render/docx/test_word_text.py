"""What a Word file holds besides styles: only XML-safe text, no spacing paragraphs, figure rows, properties."""

from __future__ import annotations

import dataclasses
import logging
import zipfile

import docx
import pytest
from conftest import EVERY_EXAMPLE
from docx.oxml.ns import qn
from lxml import etree
from test_docx_writer import JA_HTML, make_document, paragraphs

from briefing.render.docx.writer import render_docx

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def test_characters_xml_forbids_are_left_out(tmp_path, caplog):
    html = JA_HTML.replace("要員の訓練を支援する枠組みです。", "要員の\x0b訓練を\x1f支援する\x01枠組みです。")
    html = html.replace("<title>シンポジウム", "<title>シンポ\x1fジウム")
    document = dataclasses.replace(make_document(tmp_path, "ja", html), title="シンポ\x1fジウム")
    with caplog.at_level(logging.WARNING):
        render_docx(document, tmp_path / "clean.docx")
    word = docx.Document(str(tmp_path / "clean.docx"))  # python-docx parses every part: the XML is well-formed
    assert "要員の 訓練を支援する枠組みです。" in [p.text for p in paragraphs(word)]  # a vertical tab is white space
    assert word.core_properties.title == "シンポジウム"
    assert "removed 4 control characters" in caplog.text  # three in the text, one in <title>
    for name in zipfile.ZipFile(tmp_path / "clean.docx").namelist():
        if name.endswith(".xml"):
            etree.fromstring(zipfile.ZipFile(tmp_path / "clean.docx").read(name))


@pytest.mark.parametrize("memo, lang", EVERY_EXAMPLE)
def test_no_empty_paragraphs_for_spacing(built, memo, lang):
    word = docx.Document(str(built / f"{memo}.{lang}.docx"))
    stories = [word.element.body, word.sections[0].footer._element]
    if memo == "khare-visit-2025":
        stories.append(word.sections[0].header._element)
    for story in stories:
        for p in story.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            fields = p.findall(f".//{qn('w:instrText')}")
            assert text.strip() or p.find(f".//{WP}inline") is not None or fields, etree.tostring(p)[:200]


def test_figures_flow_in_rows_like_the_pdf(built):
    word = docx.Document(str(built / "pko-symposium-2025.ja.docx"))
    rows = [[len(cell.paragraphs[0]._p.findall(f".//{WP}inline")) for cell in row.cells]
            for table in word.tables for row in table.rows]
    assert rows == [[1], [1, 1], [1, 1], [1]]  # the flyer alone; five photos two by two, as print.css flows them
    assert word.tables[1].style is None or word.tables[1].style.name == "Normal Table"  # no borders


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_properties_from_the_memo(built, lang):
    word = docx.Document(str(built / f"khare-visit-2025.{lang}.docx"))
    properties = word.core_properties
    title = {"ja": "カレ国連活動支援担当事務次長の訪日", "en": "Visit to Japan by Mr. Atul Khare"}[lang]
    assert properties.title.startswith(title) and properties.subject == properties.title
    assert properties.author == properties.last_modified_by and properties.author
    assert properties.language == {"ja": "ja-JP", "en": "en-US"}[lang]
    app = zipfile.ZipFile(built / f"khare-visit-2025.{lang}.docx").read("docProps/app.xml").decode()
    assert f"<Company>{properties.author}</Company>" in app
