"""The Word file edited as an official edits it (python-docx), then rendered by LibreOffice: numbering follows."""

from __future__ import annotations

import copy
import re

import pytest
from conftest import libreoffice_pdf, pdf_text
from test_docx_writer import paragraph_with, render

import docx

SECTION = {"ja": ("概要", "開会挨拶において、平和協力の これまでの歩みが紹介された。"),
           "en": ("Dinner hosted by State Minister FUJII", "State Minister FUJII welcomed the guest.")}


def set_text(paragraph, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


def rendered(tmp_path, word, name: str) -> list[str]:
    path = tmp_path / f"{name}.docx"
    word.save(str(path))
    text = pdf_text(libreoffice_pdf(path, tmp_path / f"pdf-{name}"), "-layout")
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def line_of(lines: list[str], text: str) -> str:
    return next(line for line in lines if text in line)


def test_section_added_by_copying_restarts_its_items_japanese(tmp_path):
    """Copy heading 2 and its first item above it: the copy is 2 with item (1), the old one 3 with (1) again."""
    _, word = render(tmp_path, "ja")
    heading, item = (paragraph_with(word, text) for text in SECTION["ja"])
    new_heading, new_item = copy.deepcopy(heading._p), copy.deepcopy(item._p)
    heading._p.addprevious(new_heading)
    heading._p.addprevious(new_item)
    set_text(docx.text.paragraph.Paragraph(new_heading, heading._parent), "新しい節")
    set_text(docx.text.paragraph.Paragraph(new_item, heading._parent), "新しい項目")
    lines = rendered(tmp_path, word, "copied")
    assert line_of(lines, "出席者").startswith("1 ")
    assert line_of(lines, "新しい節").startswith("2 ")
    assert line_of(lines, "新しい項目").startswith("（1） ")
    assert "3 概要" in lines
    assert line_of(lines, "開会挨拶").startswith("（1） ")
    assert line_of(lines, "パネル討論").startswith("（2） ")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_styles_applied_from_the_gallery_number_the_paragraph(tmp_path, lang):
    """A new paragraph given the heading or item style, as from the style gallery, is numbered."""
    _, word = render(tmp_path, lang)
    closing = [p for p in word.paragraphs if p.style.name == "Closing"][-1]
    if lang == "ja":  # a section heading, then an item under it
        for style, text in (("Heading 1", "追加の節"), ("Numbered Item", "追加の項目")):
            closing.insert_paragraph_before(text, style=word.styles[style])
        lines = rendered(tmp_path, word, "gallery")
        assert line_of(lines, "追加の節").startswith("3 ")  # after 1 出席者 and 2 概要
        assert line_of(lines, "追加の項目").startswith("（1） ")
    else:  # a readout numbers its items at the top: a new item continues them
        first = paragraph_with(word, "Both sides agreed.")
        first.insert_paragraph_before("An added point.", style=word.styles["Numbered Item"])
        lines = rendered(tmp_path, word, "gallery")
        assert line_of(lines, "An added point.").startswith("2. ")
        assert line_of(lines, "Both sides agreed.").startswith("3. ")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_items_inserted_deleted_and_moved_renumber(tmp_path, lang):
    _, word = render(tmp_path, lang)
    if lang == "ja":
        first, second = paragraph_with(word, "山田 太郎 事務局長"), paragraph_with(word, "佐藤 花子 教授(オンライン)")
        inserted = copy.deepcopy(first._p)  # insert: Enter at the end of (1) and type
        first._p.addnext(inserted)
        set_text(docx.text.paragraph.Paragraph(inserted, first._parent), "鈴木 一郎 参事官")
        second._p.getparent().remove(second._p)  # delete (2)
        opening = paragraph_with(word, SECTION["ja"][1])
        panel = paragraph_with(word, "パネル討論が行われた。")
        opening._p.addprevious(panel._p)  # move (2) above (1)
        lines = rendered(tmp_path, word, "items")
        assert line_of(lines, "山田").startswith("（1） ") and line_of(lines, "鈴木").startswith("（2） ")
        assert not any("佐藤" in line for line in lines)
        assert line_of(lines, "パネル討論").startswith("（1） ") and line_of(lines, "開会挨拶").startswith("（2） ")
        assert line_of(lines, "二つ目の一覧").startswith("（1） ")  # the list apart keeps its own count
    else:
        first, agreed = paragraph_with(word, SECTION["en"][1]), paragraph_with(word, "Both sides agreed.")
        first._p.addprevious(agreed._p)  # move 2. above 1.
        inserted = copy.deepcopy(agreed._p)
        agreed._p.addnext(inserted)
        set_text(docx.text.paragraph.Paragraph(inserted, agreed._parent), "A new point.")
        detail = paragraph_with(word, "First point")
        detail._p.getparent().remove(detail._p)  # delete (a): its (i) follows the item it now stands under
        lines = rendered(tmp_path, word, "items")
        assert line_of(lines, "Both sides agreed.").startswith("1. ")
        assert line_of(lines, "A new point.").startswith("2. ")
        assert line_of(lines, "State Minister FUJII welcomed").startswith("3. ")
        assert line_of(lines, "The Minister thanked").startswith("1. ")  # the next readout still starts at 1
