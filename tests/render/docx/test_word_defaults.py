"""What a file made in Japanese Word has, and page flow: tab stops, style names, the handling box, keep-with-next."""

from __future__ import annotations

import zipfile

import docx
import pytest
from conftest import EVERY_EXAMPLE
from docx.oxml.ns import qn
from test_docx_writer import paragraphs, render

CUSTOM = ("Numbered Item", "Bullet Item", "Reference Box", "Reference Title", "Date Line", "Lead", "Attendee Note",
          "Closing", "Links Label", "Handling Mark", "Draft Mark", "Figure")


@pytest.mark.parametrize("lang, tab", [("ja", "840"), ("en", "720")])
def test_default_tab_stop_as_word_sets_it(tmp_path, lang, tab):
    out, _ = render(tmp_path, lang)
    settings = zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert f'<w:defaultTabStop w:val="{tab}"/>' in settings


def test_custom_styles_have_japanese_names_in_the_gallery(tmp_path):
    _, word = render(tmp_path, "ja")
    for name in CUSTOM:
        alias = word.styles[name].element.find(qn("w:aliases"))
        assert alias is not None and any("\u3040" <= c <= "\u9fff" for c in alias.get(qn("w:val"))), name


def test_handling_mark_is_a_padded_box(tmp_path):
    _, word = render(tmp_path, "ja")
    mark = word.sections[0].header.paragraphs[-1]
    style = word.styles["Handling Mark"].element
    borders = style.pPr.find(qn("w:pBdr"))
    assert {b.get(qn("w:space")) for b in borders.findall(qn("w:left")) + borders.findall(qn("w:right"))} == {"6"}
    assert style.find(f"{qn('w:rPr')}/{qn('w:bdr')}") is None  # not a border hugging the characters
    width = word.sections[0].page_width - word.sections[0].left_margin - word.sections[0].right_margin
    assert 0.7 * width < mark.paragraph_format.left_indent < width  # the box is as wide as its text


def test_labels_keep_with_what_they_introduce(tmp_path):
    _, word = render(tmp_path, "ja")
    for name in ("Links Label", "Reference Title", "Heading 1", "Figure"):
        assert word.styles[name].paragraph_format.keep_with_next, name


@pytest.mark.parametrize("memo, lang", EVERY_EXAMPLE)
def test_closing_mark_never_alone(built, memo, lang):
    """What stands before each closing mark keeps with it, so no page holds only （以上）."""
    word = docx.Document(str(built / f"{memo}.{lang}.docx"))
    body = [child for child in word.element.body if child.tag in (qn("w:p"), qn("w:tbl"))]
    closings = [i for i, child in enumerate(body) if child.tag == qn("w:p") and child.pPr is not None
                and child.pPr.pStyle is not None and child.pPr.pStyle.val == word.styles["Closing"].style_id]
    printed = (built / f"{memo}.{lang}.html").read_text(encoding="utf-8").count('<p class="closing">')
    assert len(closings) == printed  # MOFA's and MOD's English readouts print none (their house styles)
    for index in closings:
        before = body[index - 1]
        kept = [before] if before.tag == qn("w:p") else before.findall(qn("w:tr"))[-1].iter(qn("w:p"))
        for paragraph in kept:
            assert paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert paragraphs(word)
