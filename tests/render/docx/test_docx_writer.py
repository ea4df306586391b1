"""The DOCX writer against hand-written HTML that follows the template contract (both languages)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import REPO, libreoffice_pdf, pdf_text
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import Image

from briefing.errors import ContentError, EnvironmentProblem
from briefing.render.document import Document
from briefing.render.docx.ooxml import east_asian_font
from briefing.render.docx.writer import render_docx

TEMPLATES = REPO / "templates"

JA_HTML = """<!DOCTYPE html>
<html lang="ja" class="memo memo-result-summary">
<head>
<meta charset="utf-8">
<title>シンポジウム「今後の国際平和協力の在り方」結果概要</title>
</head>
<body>
<p class="handling">取扱注意</p>
<header class="memo-header">
<p class="dateline">2025年6月27日(金)<br>内閣府国際平和協力本部事務局</p>
<h1 class="memo-title">シンポジウム「今後の国際平和協力の在り方」結果概要</h1>
</header>
<p class="lead">6月27日、事務局はシンポジウムを開催したところ、概要は以下のとおりです。</p>
<section class="section">
<h2 class="section-heading" data-level="0"><span class="marker">1</span>出席者</h2>
<div class="attendees">
<ol class="numbered" data-level="1">
<li data-level="1"><p class="item"><span class="marker">(1)</span>山田 太郎 事務局長</p>
</li>
<li data-level="1"><p class="item"><span class="marker">(2)</span>佐藤 花子 教授(オンライン)</p>
</li>
</ol>
<p class="attendees-note">会場及びオンラインで約120名が参加した。</p>
</div>
</section>
<section class="section">
<h2 class="section-heading" data-level="0"><span class="marker">2</span>概要</h2>
<ol class="numbered" data-level="1">
<li data-level="1"><p class="item"><span class="marker">(1)</span>開会挨拶において、平和協力の
    これまでの歩みが紹介された。</p>
<ul class="bullets">
<li><p class="bullet"><span class="marker">●</span>第一の論点</p></li>
<li><p class="bullet"><span class="marker">●</span>第二の論点</p></li>
</ul>
<ol class="numbered" data-level="2">
<li data-level="2"><p class="item"><span class="marker">ア</span>細目の一</p>
</li>
<li data-level="2"><p class="item"><span class="marker">イ</span>細目の二</p>
</li>
</ol>
</li>
<li data-level="1"><p class="item"><span class="marker">(2)</span>パネル討論が行われた。</p>
</li>
</ol>
<p class="body">本文の段落です(Mr. Atul Khare, United Nations)。</p>
<ol class="numbered" data-level="1">
<li data-level="1"><p class="item"><span class="marker">(1)</span>二つ目の一覧</p>
</li>
</ol>
</section>
<aside class="reference-box">
<p class="reference-title">(参考)国連三角パートナーシップ・プログラム</p>
<p class="body">要員の訓練を支援する枠組みです。</p>
</aside>
<div class="links">
<p class="links-label">参考リンク</p>
<ul class="links">
<li><a href="https://www.pko.go.jp/">国際平和協力本部ウェブサイト</a></li>
</ul>
</div>
<figure class="figure" style="width: 45.0%">
<img src="assets/photo.png" alt="会場の様子">
<figcaption>会場の様子</figcaption>
</figure>
<p class="closing">(以上)</p>
</body>
</html>
"""

EN_HTML = """<!DOCTYPE html>
<html lang="en" class="memo memo-readout">
<head>
<meta charset="utf-8">
<title>Visit of Under-Secretary-General Atul Khare</title>
</head>
<body>
<p class="handling">For official use only</p>
<header class="memo-header">
<p class="dateline">Thursday, July 3, 2025<br>Ministry of Foreign Affairs</p>
<h1 class="memo-title">Visit of Under-Secretary-General Atul Khare</h1>
</header>
<section class="readout">
<h2 class="readout-title">Dinner hosted by State Minister FUJII</h2>
<p class="lead">On July 3, Mr. FUJII Hisayuki hosted a dinner.</p>
<ol class="numbered" data-level="0">
<li data-level="0"><p class="item"><span class="marker">1.</span>State Minister FUJII  welcomed
  the guest.</p>
<ol class="numbered" data-level="1">
<li data-level="1"><p class="item"><span class="marker">(a)</span>First point</p>
<ol class="numbered" data-level="2">
<li data-level="2"><p class="item"><span class="marker">(i)</span>Detail</p>
</li>
</ol>
</li>
</ol>
</li>
<li data-level="0"><p class="item"><span class="marker">2.</span>Both sides agreed.</p>
</li>
</ol>
<aside class="reference-box">
<p class="reference-title">[Reference] UNTPP</p>
<p class="body">A programme for training.</p>
</aside>
<p class="closing">(End)</p>
</section>
<section class="readout">
<h2 class="readout-title">Courtesy call on Minister NAKATANI</h2>
<ol class="numbered" data-level="0">
<li data-level="0"><p class="item"><span class="marker">1.</span>The Minister thanked the guest.</p>
</li>
</ol>
<section class="section">
<h2 class="section-heading" data-level="0">Outcome</h2>
<p class="body">Both sides will keep in touch.</p>
</section>
<div class="links">
<ul class="links">
<li><a href="mailto:press@example.org">Press office</a></li>
</ul>
</div>
<p class="closing">(End)</p>
</section>
</body>
</html>
"""


def make_document(tmp_path: Path, lang: str, html: str, templates: Path = TEMPLATES) -> Document:
    content = tmp_path / "content"
    (content / "assets").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), (200, 220, 240)).save(content / "assets" / "photo.png")
    title = "シンポジウム「今後の国際平和協力の在り方」結果概要" if lang == "ja" else "Visit of Under-Secretary-General Atul Khare"
    author = "内閣府国際平和協力本部事務局" if lang == "ja" else "Ministry of Foreign Affairs"
    return Document("sample", lang, html, title=title, author=author, date=dt.date(2025, 6, 27),
                    content_dir=content, templates_dir=templates)


def render(tmp_path: Path, lang: str, html: str | None = None, name: str = "out") -> tuple[Path, docx.Document]:
    html = html or (JA_HTML if lang == "ja" else EN_HTML)
    out = tmp_path / f"{name}.{lang}.docx"
    render_docx(make_document(tmp_path, lang, html), out)
    return out, docx.Document(str(out))


def paragraphs(word) -> list:
    """Every paragraph of the body in reading order, those in layout tables included."""
    return [Paragraph(p, word._body) for p in word.element.body.iter(qn("w:p"))]


def styled(word) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in paragraphs(word)]


def num_of(paragraph) -> tuple[int, int] | None:
    """The (numId, level) a paragraph is numbered with: its own w:numPr, else its style's (Word's style-linked
    numbering); None when it has none or numId 0."""
    found = {}
    sources = [paragraph._p.pPr] + [style.element.pPr for style in _style_chain(paragraph.style)]
    for ppr in sources:
        num_pr = None if ppr is None else ppr.numPr
        if num_pr is not None:
            if num_pr.numId is not None and "num" not in found:
                found["num"] = num_pr.numId.val
            if num_pr.ilvl is not None and "ilvl" not in found:
                found["ilvl"] = num_pr.ilvl.val
    return None if not found.get("num") else (found["num"], found.get("ilvl", 0))


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def levels(word, num_id: int) -> list[tuple[str, str]]:
    numbering = word.part.numbering_part.element
    num = numbering.num_having_numId(num_id)
    abstract_id = num.abstractNumId.val
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == str(abstract_id))
    return [(lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val")))
            for lvl in abstract.findall(qn("w:lvl"))]


def level_indent(word, num_id: int, ilvl: int):
    numbering = word.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == str(abstract_id))
    return abstract.findall(qn("w:lvl"))[ilvl].find(f"{qn('w:pPr')}/{qn('w:ind')}")


def start_overrides(word, num_id: int) -> list[str]:
    num = word.part.numbering_part.element.num_having_numId(num_id)
    return [o.get(qn("w:val")) for o in num.iter(qn("w:startOverride"))]


def paragraph_with(word, text: str):
    return next(p for p in paragraphs(word) if p.text == text)


def test_japanese_paragraph_styles_and_text(tmp_path):
    _, word = render(tmp_path, "ja")
    assert styled(word) == [
        ("Date Line", "2025年6月27日(金)"),
        ("Date Line", "内閣府国際平和協力本部事務局"),
        ("Title", "シンポジウム「今後の国際平和協力の在り方」結果概要"),
        ("Lead", "6月27日、事務局はシンポジウムを開催したところ、概要は以下のとおりです。"),
        ("Heading 1", "出席者"),
        ("Numbered Item", "山田 太郎 事務局長"),
        ("Numbered Item", "佐藤 花子 教授(オンライン)"),
        ("Attendee Note", "会場及びオンラインで約120名が参加した。"),
        ("Heading 1", "概要"),
        ("Numbered Item", "開会挨拶において、平和協力の これまでの歩みが紹介された。"),
        ("Bullet Item", "第一の論点"),
        ("Bullet Item", "第二の論点"),
        ("Numbered Item", "細目の一"),
        ("Numbered Item", "細目の二"),
        ("Numbered Item", "パネル討論が行われた。"),
        ("Body Text", "本文の段落です(Mr. Atul Khare, United Nations)。"),
        ("Numbered Item", "二つ目の一覧"),
        ("Reference Title", "(参考)国連三角パートナーシップ・プログラム"),
        ("Reference Box", "要員の訓練を支援する枠組みです。"),
        ("Links Label", "参考リンク"),
        ("List Paragraph", "国際平和協力本部ウェブサイト"),
        ("Figure", ""),
        ("Caption", "会場の様子"),
        ("Closing", "(以上)"),
    ]


def test_english_paragraph_styles_and_text(tmp_path):
    _, word = render(tmp_path, "en")
    assert styled(word) == [
        ("Date Line", "Thursday, July 3, 2025"),
        ("Date Line", "Ministry of Foreign Affairs"),
        ("Title", "Visit of Under-Secretary-General Atul Khare"),
        ("Heading 1", "Dinner hosted by State Minister FUJII"),
        ("Lead", "On July 3, Mr. FUJII Hisayuki hosted a dinner."),
        ("Numbered Item", "State Minister FUJII welcomed the guest."),
        ("Numbered Item", "First point"),
        ("Numbered Item", "Detail"),
        ("Numbered Item", "Both sides agreed."),
        ("Reference Title", "[Reference] UNTPP"),
        ("Reference Box", "A programme for training."),
        ("Closing", "(End)"),
        ("Heading 1", "Courtesy call on Minister NAKATANI"),
        ("Numbered Item", "The Minister thanked the guest."),
        ("Heading 2", "Outcome"),
        ("Body Text", "Both sides will keep in touch."),
        ("List Paragraph", "Press office"),
        ("Closing", "(End)"),
    ]


def test_japanese_numbering_is_word_numbering(tmp_path):
    _, word = render(tmp_path, "ja")
    items = [p for p in paragraphs(word) if p.style.name in ("Numbered Item", "Heading 1")]
    assert all(num_of(p) is not None for p in items)
    assert not any(p.text.startswith(("(", "1", "2", "ア", "イ")) for p in items)
    first = num_of(paragraph_with(word, "山田 太郎 事務局長"))
    assert first[1] == 1
    assert levels(word, first[0]) == [("decimal", "%1"), ("decimal", "（%2）"), ("aiueoFullWidth", "%3"),
                                      ("aiueoFullWidth", "（%4）")]
    assert num_of(paragraph_with(word, "細目の一"))[1] == 2
    headings = [num_of(p) for p in paragraphs(word) if p.style.name == "Heading 1"]
    assert headings[0] == headings[1] and headings[0][1] == 0


def test_english_numbering_formats(tmp_path):
    _, word = render(tmp_path, "en")
    num_id, ilvl = num_of(paragraph_with(word, "State Minister FUJII welcomed the guest."))
    assert ilvl == 0
    assert levels(word, num_id) == [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
    assert num_of(paragraph_with(word, "First point")) == (num_id, 1)
    assert num_of(paragraph_with(word, "Detail")) == (num_id, 2)


def test_one_list_per_memo_and_lists_apart_restart(tmp_path):
    _, word = render(tmp_path, "ja")
    heading = num_of(paragraph_with(word, "出席者"))[0]
    attendees = num_of(paragraph_with(word, "山田 太郎 事務局長"))[0]
    summary = num_of(paragraph_with(word, "開会挨拶において、平和協力の これまでの歩みが紹介された。"))[0]
    second = num_of(paragraph_with(word, "二つ目の一覧"))[0]  # restarts at (1) in the memo: a list of its own
    assert heading == attendees == summary != second
    overrides = start_overrides(word, second)
    assert overrides and set(overrides) == {"1"}
    _, english = render(tmp_path, "en")
    readout_1 = num_of(paragraph_with(english, "Both sides agreed."))[0]
    readout_2 = num_of(paragraph_with(english, "The Minister thanked the guest."))[0]
    numbering = english.part.numbering_part.element
    lists = {numbering.num_having_numId(num_id).abstractNumId.val for num_id in (readout_1, readout_2)}
    assert len(lists) == 2  # each readout a list of its own, which starts at 1


def test_bullets_are_word_bullets_under_their_item(tmp_path):
    _, word = render(tmp_path, "ja")
    bullet = paragraph_with(word, "第一の論点")
    num_id, ilvl = num_of(bullet)
    assert ilvl == 0 and levels(word, num_id)[0] == ("bullet", "●")
    assert num_of(paragraph_with(word, "第二の論点")) == (num_id, 0)  # Enter in Word continues the list
    ind = level_indent(word, num_id, 0)  # the item (1) stands one character in; its bullets one more
    assert (ind.get(qn("w:leftChars")), ind.get(qn("w:hangingChars"))) == ("325", "125")
    assert "●" not in "".join(p.text for p in paragraphs(word))


def test_styles_have_east_asian_fonts_and_no_theme_fonts(tmp_path):
    out, word = render(tmp_path, "ja")
    defaults = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert defaults.get(qn("w:eastAsia")) == "BIZ UD明朝"
    for style in word.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):  # own, inherited or the default
            assert (east_asian_font(style) or "BIZ UD明朝") in ("BIZ UD明朝", "BIZ UDゴシック"), style.name
    assert east_asian_font(word.styles["Heading 2"]) == "BIZ UDゴシック"
    styles_xml = zipfile.ZipFile(out).read("word/styles.xml").decode()
    assert "Theme=" not in styles_xml and "cstheme" not in styles_xml


def test_page_grid_and_language(tmp_path):
    out, word = render(tmp_path, "ja")
    sect = word.sections[0]._sectPr
    assert sect.find(qn("w:pgSz")).get(qn("w:w")) == "11906" and sect.find(qn("w:pgSz")).get(qn("w:h")) == "16838"
    assert sect.find(qn("w:pgMar")).get(qn("w:left")) == "1701"
    assert sect.find(qn("w:docGrid")).get(qn("w:type")) == "lines"
    langs = {(lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) for lang in word.element.body.iter(qn("w:lang"))}
    assert langs == {("ja-JP", "ja-JP"), ("en-US", "ja-JP")}  # Latin phrases are tagged as Word tags them
    latin = [r for r in paragraph_with(word, "本文の段落です(Mr. Atul Khare, United Nations)。").runs
             if r.text == "Mr. Atul Khare, United Nations"]
    assert latin and latin[0]._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-US"
    settings = zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert "strictFirstAndLastChars" in settings and 'w:val="15"' in settings
    _, english = render(tmp_path, "en")
    assert english.sections[0]._sectPr.find(qn("w:docGrid")).get(qn("w:type")) is None
    langs = {(lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) for lang in english.element.body.iter(qn("w:lang"))}
    assert langs == {("en-US", "ja-JP")}


def test_header_and_page_field(tmp_path):
    out, word = render(tmp_path, "ja")
    header = word.sections[0].header.paragraphs
    assert [(p.style.name, p.text) for p in header] == [("Handling Mark", "取扱注意")]
    footer = word.sections[0].footer.paragraphs[0]
    assert footer.text == "- 1 / 1 -"  # cached results; Word and LibreOffice update PAGE and NUMPAGES
    kinds = [c.get(qn("w:fldCharType")) for c in footer._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    assert [i.text for i in footer._p.iter(qn("w:instrText"))] == [" PAGE ", " NUMPAGES "]
    package = zipfile.ZipFile(out)
    assert "updateFields" not in package.read("word/settings.xml").decode()
    assert not any("w:dirty" in package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))


def test_hyperlink_relationship(tmp_path):
    _, word = render(tmp_path, "ja")
    paragraph = paragraph_with(word, "国際平和協力本部ウェブサイト")
    link = paragraph._p.find(qn("w:hyperlink"))
    rel = word.part.rels[link.get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.pko.go.jp/"
    run = link.find(qn("w:r"))
    assert run.rPr.find(qn("w:rStyle")).get(qn("w:val")) == word.styles["Hyperlink"].style_id


def test_picture_and_caption(tmp_path):
    _, word = render(tmp_path, "ja")
    cell = word.tables[1].rows[0].cells[0]  # a figure narrower than the text: a cell of a borderless table
    assert [p.style.name for p in cell.paragraphs] == ["Figure", "Caption"]
    assert word.styles["Figure"].paragraph_format.keep_with_next  # the style keeps it with its caption
    assert cell.paragraphs[1].paragraph_format.keep_with_next  # the last row stays with （以上）
    assert word.styles["Figure"].paragraph_format.keep_with_next
    assert word.tables[1].rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    shape = word.inline_shapes[0]
    text_width = word.sections[0].page_width - word.sections[0].left_margin - word.sections[0].right_margin
    assert abs(shape.width - text_width * 0.45) < 1000
    assert shape._inline.docPr.get("descr") == "会場の様子"


def test_images_outside_content_are_refused(tmp_path):
    for src in ("../outside.png", "/etc/passwd", "https://example.org/a.png", "assets/missing.png"):
        html = JA_HTML.replace("assets/photo.png", src)
        with pytest.raises(ContentError, match="not an image file inside"):
            render_docx(make_document(tmp_path, "ja", html), tmp_path / "refused.docx")
    assert not (tmp_path / "refused.docx").exists()


def test_output_is_byte_identical(tmp_path):
    first, _ = render(tmp_path, "ja", name="first")
    time.sleep(2.1)  # zip times have a 2-second resolution: a clock-stamped save would differ
    second, _ = render(tmp_path, "ja", name="second")
    assert first.read_bytes() == second.read_bytes()
    assert {info.date_time for info in zipfile.ZipFile(first).infolist()} == {(2025, 6, 27, 0, 0, 0)}


def test_core_properties(tmp_path):
    _, word = render(tmp_path, "ja")
    properties = word.core_properties
    assert properties.title == properties.subject == "シンポジウム「今後の国際平和協力の在り方」結果概要"
    assert properties.author == properties.last_modified_by == "内閣府国際平和協力本部事務局"
    assert properties.created == properties.modified == dt.datetime(2025, 6, 27, tzinfo=dt.timezone.utc)
    assert properties.revision == 1 and properties.language == "ja-JP" and properties.comments == ""
    _, english = render(tmp_path, "en")
    assert english.core_properties.language == "en-US"


def test_reference_without_styles_is_an_environment_problem(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "strings", templates / "strings")
    docx.Document().save(str(templates / "reference.docx"))
    with pytest.raises(EnvironmentProblem, match="lacks style .*make_reference_docx"):
        render_docx(make_document(tmp_path, "ja", JA_HTML, templates), tmp_path / "x.docx")


def test_reference_script_is_reproducible(tmp_path):
    script = REPO / "scripts" / "make_reference_docx.py"
    for name in ("a.docx", "b.docx"):
        subprocess.run([sys.executable, str(script), str(tmp_path / name)], check=True, capture_output=True)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    reference = docx.Document(str(tmp_path / "a.docx"))
    assert reference.part.numbering_part.element.find(qn("w:abstractNum")) is not None


@pytest.mark.parametrize("lang, expected", [
    ("ja", [r"取扱注意", r"^1\s+出席者", r"^\s+（1）\s*山田", r"^\s+（2）\s*佐藤", r"^2\s+概要",
            r"^\s+（1）\s*開会挨拶", r"^\s+●\s*第一の論点", r"^\s+ア\s+細目の一", r"^\s+イ\s+細目の二",
            r"^\s+（2）\s*パネル討論", r"^\s+（1）\s*二つ目の一覧", r"\(参考\)", r"\(以上\)"]),
    ("en", [r"For official use only", r"^1\.\s+State Minister", r"^\s+\(a\)\s+First point",
            r"^\s+\(i\)\s+Detail", r"^2\.\s+Both sides", r"^1\.\s+The Minister", r"\[Reference\]", r"\(End\)"]),
])
def test_libreoffice_renders_numbering(tmp_path, lang, expected):
    source, _ = render(tmp_path, lang)
    text = pdf_text(libreoffice_pdf(source, tmp_path / "pdf"), "-layout")
    for pattern in expected + [r"^\s*-\s*1\s*/\s*1\s*-\s*$"]:  # numbering labels in place; PAGE, NUMPAGES
        assert re.search(pattern, text, re.M), pattern


def test_brackets_of_a_house_style_do_not_split_the_list(tmp_path):
    """Markers written （1） instead of (1) still count on in the memo's one list."""
    html = JA_HTML.replace('<span class="marker">(1)</span>', '<span class="marker">（１）</span>')
    _, word = render(tmp_path, "ja", html)
    heading = num_of(paragraph_with(word, "出席者"))[0]
    assert num_of(paragraph_with(word, "山田 太郎 事務局長"))[0] == heading
    assert num_of(paragraph_with(word, "二つ目の一覧"))[0] != heading  # still restarted, as the memo shows it
