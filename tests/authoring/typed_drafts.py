"""Memos typed by hand in Word from templates/reference.docx's styles, made with python-docx for `import --new`.

No file saved by Microsoft Word itself was available here: these drafts imitate what Word writes as far as
python-docx and raw XML allow (w:rsid attributes, w:proofErr, w:lastRenderedPageBreak, a run split in the
middle of a word, a smart tag, bookmarks), and one is saved again by LibreOffice in the tests.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from briefing.render.docx import ooxml

RSID = "00A1B2C3"


def blank(reference: Path):
    """reference.docx with its sample paragraphs deleted, as an official starts a new memo from it."""
    document = docx.Document(str(reference))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def typed(document, style: str, text: str, *, split: bool = True):
    """A paragraph typed in `style` as Word saves it: rsids, a proofing mark, a word split over two runs."""
    paragraph = document.add_paragraph(style=document.styles[style])
    p = paragraph._p
    p.set(qn("w:rsidR"), RSID)
    p.set(qn("w:rsidRDefault"), RSID)
    cut = len(text) // 2 if split and len(text) > 6 else len(text)
    for piece in (text[:cut], text[cut:]):
        if piece:
            run = paragraph.add_run(piece)
            run._r.set(qn("w:rsidR"), RSID)
    if len(paragraph.runs) > 1:  # Word's spelling mark and its last page break before the second run
        paragraph.runs[1]._r.addprevious(parse_xml(f'<w:proofErr {nsdecls("w")} w:type="spellStart"/>'))
        paragraph.runs[1]._r.insert(0, parse_xml(f'<w:lastRenderedPageBreak {nsdecls("w")}/>'))
    return paragraph


def smart_tag(paragraph, text: str) -> None:
    """Append `text` inside a w:smartTag, as older Word marks dates and places."""
    tag = parse_xml(f'<w:smartTag {nsdecls("w")} w:uri="urn:schemas-microsoft-com:office:smarttags" '
                    f'w:element="place"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:smartTag>')
    paragraph._p.append(tag)


def box(document, paragraphs: list[tuple[str, str]]):
    """A one-cell bordered table holding (style, text) paragraphs: a reference box typed by hand."""
    table = document.add_table(1, 1)
    ooxml.set_table_box(table._tbl, 0.75, {"top": 120, "left": 180, "bottom": 120, "right": 180})
    cell = table.cell(0, 0)
    first = cell.paragraphs[0]
    for style, text in paragraphs:
        paragraph = cell.add_paragraph(text, style=document.styles[style])
        paragraph._p.set(qn("w:rsidR"), RSID)
    first._p.getparent().remove(first._p)
    return table


def word_list(document, levels: list[tuple[str, str]]) -> int:
    """A Word list with these (numFmt, lvlText) levels, as a list copied from an old memo has; its numId."""
    numbering = document.part.numbering_part.element
    abstract = ooxml.add_abstract_num(numbering, [ooxml.Level(fmt, text, i + 2, 2) for i, (fmt, text) in
                                                  enumerate(levels)], 210)
    return ooxml.add_num(numbering, abstract, len(levels))


def listed(paragraph, num_id: int, level: int):
    ooxml.set_numbering(paragraph._p.get_or_add_pPr(), num_id, level)
    return paragraph


JA_TEXT = {
    "date": "令和7年7月4日", "issuer": "防衛省", "title": "中谷防衛大臣とカレ国連事務次長との会談",
    "lead": "本4日、中谷防衛大臣は、来日中のカレ国連事務次長と約30分間会談を行いました。概要は以下のとおりです。",
    "heading1": "会談の概要", "item1": "冒頭、中谷大臣から、国連平和維持活動への日本の貢献について述べました。",
    "item1_more": "また、要員の訓練への支援を続ける考えを示しました。", "item1a": "特に、工兵部隊の能力構築支援を紹介しました。", "item1b": "今後も協力を続ける考えを示しました。",
    "item2": "これに対し、カレ事務次長は謝意を表しました。", "bullet1": "訓練の成果が現地で生かされていること",
    "bullet2": "女性の参画が進んでいること", "heading2": "今後の予定",
    "paragraph": "双方は、次回の協議を年内に行うことで一致しました。", "box_title": "三角パートナーシップ・プログラム",
    "box_text": "国連、支援国、要員派遣国が協力して、要員の訓練と装備の提供を行う枠組み。",
}


def japanese(reference: Path, path: Path) -> Path:
    """A MOD readout typed with every number by hand: 1, （1）, ア, ● as the house style prints them."""
    t, document = JA_TEXT, blank(reference)
    dated = typed(document, "Date Line", t["date"], split=False)
    dated._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="0" w:name="_GoBack"/>'))  # Word's last edit
    dated._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="0"/>'))
    typed(document, "Date Line", t["issuer"], split=False)
    typed(document, "Title", t["title"])
    typed(document, "Lead", t["lead"])
    typed(document, "Heading 1", f"1\u3000{t['heading1']}")
    typed(document, "Numbered Item", f"（1）{t['item1']}")
    typed(document, "Numbered Item", t["item1_more"])  # the item's second paragraph: no number
    typed(document, "Numbered Item", f"ア\u3000{t['item1a']}")
    typed(document, "Numbered Item", f"イ\u3000{t['item1b']}")
    item = typed(document, "Numbered Item", f"（2）{t['item2'][:-6]}")
    smart_tag(item, t["item2"][-6:])
    typed(document, "Bullet Item", f"●{t['bullet1']}")
    typed(document, "Bullet Item", f"●{t['bullet2']}")
    typed(document, "Heading 1", f"2\u3000{t['heading2']}")
    typed(document, "Body Text", t["paragraph"])
    box(document, [("Reference Title", f"（参考）{t['box_title']}"), ("Reference Box", t["box_text"])])
    typed(document, "Closing", "（以上）", split=False)
    document.save(path)
    return path


EN_TEXT = {
    "title": "International Peace Cooperation Seminar 2025", "lead": "On July 10, 2025, the Secretariat held a "
    "seminar in Tokyo on training for peacekeepers.", "heading1": "Participants",
    "item1": "Experts from three universities", "item2": "Officials of the United Nations",
    "heading2": "Summary", "item3": "The Secretariat explained the purpose of the seminar.",
    "item3a": "Speakers described training in Africa.", "item3b": "Speakers described training in Asia.",
    "bullet1": "Training should reach more women.", "bullet2": "Equipment support should continue.",
    "box_title": "Triangular Partnership Programme", "box_text": "A framework in which the United Nations, "
    "supporting countries and troop-contributing countries train personnel together.",
    "links_label": "Related links", "link": "Seminar programme", "url": "https://www.example.go.jp/seminar",
}


def english(reference: Path, path: Path) -> Path:
    """A Cabinet Office result summary with Word's own list numbers (1. (a) (i)) and bullets (•)."""
    t, document = EN_TEXT, blank(reference)
    numbers = word_list(document, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")])
    bullets = word_list(document, [("bullet", "•")])
    title = typed(document, "Title", t["title"] + ":")
    title.add_run().add_break()
    title.add_run("Summary of Results")
    typed(document, "Lead", t["lead"])
    typed(document, "Heading 1", f"1.\t{t['heading1']}")
    listed(typed(document, "Numbered Item", t["item1"]), numbers, 1)
    listed(typed(document, "Numbered Item", t["item2"]), numbers, 1)
    listed(typed(document, "Heading 1", t["heading2"]), numbers, 0)
    listed(typed(document, "Numbered Item", t["item3"]), numbers, 1)
    listed(typed(document, "Numbered Item", t["item3a"]), numbers, 2)
    listed(typed(document, "Numbered Item", t["item3b"]), numbers, 2)
    listed(typed(document, "List Paragraph", t["bullet1"]), bullets, 0)
    listed(typed(document, "List Paragraph", t["bullet2"]), bullets, 0)
    box(document, [("Reference Title", f"[Reference] {t['box_title']}"), ("Reference Box", t["box_text"])])
    typed(document, "Links Label", t["links_label"])
    link = ooxml.add_hyperlink(document.add_paragraph(style=document.styles["List Paragraph"]), t["url"])
    ooxml.add_link_run(link, t["link"], document.styles["Hyperlink"].style_id)  # Insert ▸ Link, as Word writes it
    typed(document, "Closing", "(End)", split=False)
    document.save(path)
    return path


def unmappable(reference: Path, picture: Path, path: Path) -> Path:
    """A draft with what import --new cannot map (a picture, a 2×2 table, a text box, a style of its own), a bullet
    of another style and a tracked change (read as accepted)."""
    document = blank(reference)
    typed(document, "Title", "図と表のある文書")
    typed(document, "Body Text", "最初の段落です。")
    document.add_picture(str(picture), width=docx.shared.Mm(40))
    table = document.add_table(2, 2)
    table.cell(0, 0).text, table.cell(1, 1).text = "表の左上", "表の右下"
    holder = typed(document, "Body Text", "枠の前の文。", split=False)
    holder._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>テキストボックスの文</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))
    own = document.styles.add_style("My Note", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = None
    typed(document, "My Note", "独自の書式の段落です。")
    typed(document, "Body Text", "・中黒で始めた行です。", split=False)
    revised = typed(document, "Body Text", "変更履歴で", split=False)  # Track Changes on: one word replaced
    revised._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="A" w:date="2026-01-15T09:00:00Z"><w:r><w:delText>古い</w:delText>'
        '</w:r></w:del>'))
    revised._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="B" w:date="2026-01-15T09:05:00Z"><w:r><w:t>新しい</w:t></w:r>'
        '</w:ins>'))
    revised.add_run("語にした段落です。")
    typed(document, "Reference Title", "（参考）スタイルで書いた参考")  # a box made of its styles, no table
    typed(document, "Reference Box", "参考の本文のスタイルの段落です。")
    framed = typed(document, "Body Text", "罫線で囲んだ段落です。", split=False)
    ooxml.set_paragraph_box(framed._p.get_or_add_pPr(), 0.75, {"top": 1, "left": 4, "bottom": 1, "right": 4})
    typed(document, "Closing", "（以上）", split=False)
    typed(document, "Body Text", "結びの後に書いた段落です。", split=False)
    document.save(path)
    return path


def from_old_memo(old: Path, path: Path) -> Path:
    """A built memo whose text was all deleted and a new one typed: its styles keep the old lists' numbering."""
    document = docx.Document(str(old))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    typed(document, "Title", "新しいシンポジウム")
    typed(document, "Lead", "2025年8月1日（金）、事務局はシンポジウムを開催しました。")
    for style, text in (("Heading 1", "出席者"), ("Numbered Item", "第一の点です。"), ("Numbered Item", "第二の点です。"),
                        ("Heading 1", "概要"), ("Numbered Item", "開会挨拶がありました。")):
        typed(document, style, text)
    typed(document, "Closing", "（以上）", split=False)
    document.save(path)
    return path
