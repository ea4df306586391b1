"""`briefing import`: an item, bullet point or paragraph moved in Word into another list or body goes there, in
both languages; what cannot go where it was put stays in place and is reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from ruamel.yaml import YAML

from conftest import REPO, copy_workspace, run_cli
from test_word_import import retype

KHARE = "khare-visit-2025"
HEAD = """\
type: readout
date: 2025-07-03
issuer: mofa
title: {ja: 移動の試験, en: A test of moves}
body:
"""
TWO_LISTS = HEAD + """\
  - section: {ja: 第一, en: First}
    body:
      - numbered:
          - text: {ja: 項目一です。, en: Item one.}
          - text: {ja: 項目二です。, en: Item two.}
          - text: {ja: 項目三です。, en: Item three.}
  - section: {ja: 第二, en: Second}
    body:
      - numbered:
          - text: {ja: 項目四です。, en: Item four.}
          - text: {ja: 項目五です。, en: Item five.}
"""


def content(workspace: Path, memo: str):
    return YAML().load((workspace / "content" / f"{memo}.yaml").read_text(encoding="utf-8"))


def moved_in_khare(built: Path, tmp_path: Path, lang: str, moved: str, put_after: str):
    """The Khare example's Word file with the paragraph anchored `moved` cut and pasted after the one anchored
    `put_after` (bookmark names without their _BF<lang>_ prefix), imported: the workspace and the import's result."""
    workspace = copy_workspace(tmp_path / "ws")
    draft = tmp_path / f"{KHARE}.{lang}.docx"
    shutil.copy(built / draft.name, draft)
    document = docx.Document(draft)
    paragraphs = {b.get(qn("w:name")): b.getparent() for b in document.element.body.iter(qn("w:bookmarkStart"))}
    paragraphs[f"_BF{lang}_{put_after}"].addnext(paragraphs[f"_BF{lang}_{moved}"])
    document.save(draft)
    result = run_cli("import", str(draft), cwd=workspace)
    assert result.returncode == 0, result.stderr
    return workspace, result


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("where, lists", [
    ("between", [["一", "三"], ["四", "二", "五"]]),  # item 2 between items 4 and 5 of the other section
    ("top", [["一", "三"], ["二", "四", "五"]]),  # right under the other section's heading
    ("end", [["二", "三"], ["四", "五", "一"]]),  # after the other section's last item
])
def test_an_item_moved_into_another_sections_list_goes_there_in_both_languages(tmp_path, lang, where, lists):
    workspace = copy_workspace(tmp_path)
    (workspace / "content" / "moves.yaml").write_text(TWO_LISTS, encoding="utf-8")
    result = run_cli("build", "moves", "--format", "docx", "--lang", lang, cwd=workspace)
    assert result.returncode == 0, result.stderr
    draft = workspace / "build" / f"moves.{lang}.docx"
    document = docx.Document(draft)
    items = [p for p in document.paragraphs if p.style.name == "Numbered Item"]
    one, two, _, four, five = (p._p for p in items)
    {"between": lambda: four.addnext(two), "top": lambda: four.addprevious(two),
     "end": lambda: five.addnext(one)}[where]()
    document.save(draft)

    result = run_cli("import", str(draft), cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("moved here in Word from content/moves.yaml:") == 1
    assert "deleted" not in result.stdout and "sits apart" not in result.stdout and "away from" not in result.stdout
    numbers = {"一": "one", "二": "two", "三": "three", "四": "four", "五": "five"}
    sections = content(workspace, "moves")["body"]
    got = [[dict(item["text"]) for item in section["body"][0]["numbered"]] for section in sections]
    assert got == [[{"ja": f"項目{n}です。", "en": f"Item {numbers[n]}."} for n in names] for names in lists]


LIST_AND_PARAGRAPHS = HEAD + """\
  - section: {ja: 第一, en: First}
    body:
      - paragraph: {ja: 第一の段落です。, en: The first paragraph.}
      - numbered:
          - text: {ja: 項目一です。, en: Item one.}
          - text: {ja: 項目二です。, en: Item two.}
  - section: {ja: 第二, en: Second}
    body:
      - paragraph: {ja: 第二の段落です。, en: The second paragraph.}
"""


@pytest.mark.parametrize("moved, blocks", [
    (2, [["paragraph"], ["paragraph", "numbered"]]),  # the whole list, after a section that has none: it goes
    (1, [["paragraph", "numbered"], ["paragraph"]]),  # one item of it: no list there to take it, it stays
])
def test_a_whole_list_moved_under_another_heading_goes_there(tmp_path, moved, blocks):
    workspace = copy_workspace(tmp_path)
    (workspace / "content" / "lists.yaml").write_text(LIST_AND_PARAGRAPHS, encoding="utf-8")
    assert run_cli("build", "lists", "--format", "docx", "--lang", "en", cwd=workspace).returncode == 0
    draft = workspace / "build" / "lists.en.docx"
    document = docx.Document(draft)
    items = [p._p for p in document.paragraphs if p.style.name == "Numbered Item"]
    last = next(p for p in document.paragraphs if p.text == "The second paragraph.")._p
    for item in reversed(items[:moved]):
        last.addnext(item)
    document.save(draft)
    result = run_cli("import", str(draft), cwd=workspace)
    assert result.returncode == 0, result.stderr
    sections = content(workspace, "lists")["body"]
    assert [[next(iter(block)) for block in section["body"]] for section in sections] == blocks
    lists = [block["numbered"] for section in sections for block in section["body"] if "numbered" in block]
    both = [{"ja": "項目一です。", "en": "Item one."}, {"ja": "項目二です。", "en": "Item two."}]
    assert [[dict(item["text"]) for item in items] for items in lists] == [both]  # whole, in both languages
    assert ("moved here in Word" in result.stdout) == (moved == 2) and "deleted" not in result.stdout


def test_an_item_edited_and_moved_keeps_the_edit_in_its_new_place(tmp_path):
    workspace = copy_workspace(tmp_path)
    (workspace / "content" / "moves.yaml").write_text(TWO_LISTS, encoding="utf-8")
    assert run_cli("build", "moves", "--format", "docx", "--lang", "ja", cwd=workspace).returncode == 0
    draft = workspace / "build" / "moves.ja.docx"
    document = docx.Document(draft)
    items = [p for p in document.paragraphs if p.style.name == "Numbered Item"]
    retype(items[1], "項目二を直しました。")
    items[3]._p.addnext(items[1]._p)
    document.save(draft)
    result = run_cli("import", str(draft), cwd=workspace)
    assert result.returncode == 0, result.stderr
    second = content(workspace, "moves")["body"][1]["body"][0]["numbered"]
    assert dict(second[1]["text"]) == {"ja": "項目二を直しました。", "en": "Item two."}
    assert "the en text is now stale" in result.stdout and "moved here in Word" in result.stdout


def test_a_paragraph_dropped_among_another_readouts_items_joins_that_readout_after_the_list(built, tmp_path):
    """A readout's paragraph dropped between items of the readout before: it becomes that readout's paragraph,
    after the list (a paragraph cannot sit inside a list); the item after it stays in its list, reported."""
    workspace, result = moved_in_khare(built, tmp_path, "ja", "b1b1p", "b0b0n1t")  # between the first's items 2, 3
    first, second = (readout["body"] for readout in content(workspace, KHARE)["body"])
    assert [next(iter(block)) for block in first] == ["numbered", "paragraph", "reference"]
    assert first[1]["paragraph"]["ja"].startswith("防衛省・自衛隊は") and "en" in first[1]["paragraph"]
    assert [next(iter(block)) for block in second] == ["paragraph"] and len(first[0]["numbered"]) == 3
    assert f"moved here in Word from content/{KHARE}.yaml:83:9, in both languages" in result.stdout
    assert result.stdout.count("sits apart") == 1 and "deleted" not in result.stdout
    result = run_cli("check", "--strict", KHARE, cwd=workspace)
    assert result.returncode == 0, result.stdout  # the moved pairs keep their confirmation


def test_a_paragraph_put_after_a_box_is_not_put_inside_it(built, tmp_path):
    workspace, result = moved_in_khare(built, tmp_path, "en", "b1b1p", "b0b1b0p")  # after the first readout's box
    first, second = (readout["body"] for readout in content(workspace, KHARE)["body"])
    assert [next(iter(block)) for block in first] == ["numbered", "reference", "paragraph"]
    assert len(first[1]["body"]) == 1 and len(second) == 1
    assert "sits apart" not in result.stdout and "away from" not in result.stdout


def test_an_item_put_among_paragraphs_stays_in_its_list_and_is_reported(built, tmp_path):
    workspace, result = moved_in_khare(built, tmp_path, "ja", "b0b0n2t", "b1b0p")  # among the second's paragraphs
    assert "moved in Word away from the block it belongs to (paragraph 13)" in result.stdout
    assert (workspace / "content" / f"{KHARE}.yaml").read_bytes() == (REPO / "content" / f"{KHARE}.yaml").read_bytes()
