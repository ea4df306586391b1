"""Reference boxes in Word: everything in a box is inside its frame, and two boxes in a row stay two frames."""

from __future__ import annotations

import re
import subprocess

from conftest import libreoffice_pdf, need_tool, pdf_text
from docx.oxml.ns import qn
from PIL import Image
from test_docx_writer import make_document, num_of, paragraphs

import docx
from briefing.render.docx.writer import render_docx


def box(mark: str) -> str:
    return f"""<aside class="reference-box">
<p class="reference-title">(参考){mark}の枠</p>
<p class="body">{mark}の本文です。</p>
<ol class="numbered" data-level="1">
<li data-level="1"><p class="item"><span class="marker">(1)</span>{mark}の項目一</p>
<ul class="bullets"><li><p class="bullet"><span class="marker">●</span>{mark}の論点</p></li></ul>
</li>
<li data-level="1"><p class="item"><span class="marker">(2)</span>{mark}の項目二</p></li>
</ol>
<div class="links"><p class="links-label">{mark}のリンク集</p>
<ul class="links"><li><a href="https://www.example.org/{mark}">{mark}のリンク</a></li></ul></div>
<figure class="figure" style="width: 30.0%"><img src="assets/photo.png" alt="{mark}の図">
<figcaption>{mark}の図</figcaption></figure>
</aside>"""


HTML = f"""<!DOCTYPE html>
<html lang="ja" class="memo memo-result-summary"><head><meta charset="utf-8"><title>枠</title></head>
<body>
<p class="body">枠の前の段落です。</p>
{box("甲")}
{box("乙")}
<p class="closing">(以上)</p>
</body></html>"""
TEXTS = ("の枠", "の本文", "の項目一", "の論点", "の項目二", "のリンク集", "のリンク", "の図")


def test_box_contents_are_in_their_own_table(tmp_path):
    out = tmp_path / "boxes.ja.docx"
    render_docx(make_document(tmp_path, "ja", HTML), out)
    word = docx.Document(str(out))
    body = [child.tag.split("}")[1] for child in word.element.body if child.tag != qn("w:sectPr")]
    assert body == ["p", "tbl", "p", "tbl", "p"]  # two boxes kept apart by a paragraph, then （以上）
    between = word.element.body[2]
    assert not "".join(between.itertext()).strip()  # a thin gap, not text
    for table, mark in zip(word.tables, "甲乙"):
        assert len(table.rows) == 1 and len(table.columns) == 1
        cell_text = "".join(p.text for p in paragraphs_of(table._tbl, word))
        for text in TEXTS:
            assert mark + text in cell_text
        assert table._tbl.find(f".//{qn('w:tblBorders')}") is not None
    items = [p for p in paragraphs(word) if p.style.name == "Numbered Item"]
    lists = {num_of(p)[0] for p in items}
    assert len(lists) == 2  # each box numbers its items on its own, from (1)


def paragraphs_of(element, word):
    return [docx.text.paragraph.Paragraph(p, word._body) for p in element.iter(qn("w:p"))]


def test_libreoffice_draws_each_box_around_its_contents(tmp_path):
    out = tmp_path / "boxes.ja.docx"
    render_docx(make_document(tmp_path, "ja", HTML), out)
    pdf = libreoffice_pdf(out, tmp_path / "pdf")
    subprocess.run([need_tool("pdftoppm"), "-png", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    frames = horizontal_rules(page)
    assert len(frames) == 4, frames  # top and bottom of each box: two frames, not one
    words = [(float(y0), float(y1), text) for y0, y1, text in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                        pdf_text(pdf, "-bbox", "-f", "1", "-l", "1"))]
    for (top, bottom), mark in zip([frames[0:2], frames[2:4]], "甲乙"):
        for text in TEXTS:
            found = [(y0, y1) for y0, y1, word in words if mark + text in word]
            assert found, mark + text
            assert all(top < y0 and y1 < bottom for y0, y1 in found), (mark + text, found, top, bottom)
    before = next(y1 for _, y1, word in words if "枠の前" in word)
    closing = next(y0 for y0, _, word in words if "以上" in word)
    assert before < frames[0] and frames[3] < closing


def horizontal_rules(page: Image.Image) -> list[int]:
    """The y of every dark line at least half the page wide (72 dpi: one pixel a point)."""
    width, height = page.size
    pixels = page.load()
    rows = [y for y in range(height) if sum(pixels[x, y] < 100 for x in range(0, width, 2)) > width / 4]
    rules: list[int] = []
    for previous, y in zip([-9] + rows, rows):
        if y > previous + 2:
            rules.append(y)
    return rules
