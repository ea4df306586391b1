"""`briefing import`: an official's edits to a built Word file come back into the content file.

The Word files are edited the way officials edit them (python-docx, raw w:ins/w:del for Track Changes,
LibreOffice saving the file again), then imported; the tests look at the YAML and at `briefing check`.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import uuid
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import EXAMPLES, edit, need_tool, run_cli

MEMO = "mofa-style-readout"


@pytest.fixture
def drafted(workspace: Path) -> Path:
    """The workspace with mofa-style-readout built as Word files, both languages."""
    result = run_cli("build", MEMO, "--format", "docx", cwd=workspace)
    assert result.returncode == 0, result.stderr
    return workspace


def items(document) -> list:
    """The Numbered Item paragraphs of a python-docx document."""
    return [p for p in document.paragraphs if p.style.name == "Numbered Item"]


def retype(paragraph, text: str) -> None:
    """Type `text` over a paragraph: the first run takes it, the others are emptied (the anchor stays)."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def replace_in_runs(paragraph, old: str, new: str) -> None:
    """Edit a word inside the run that holds it, as typing into the middle of a sentence does."""
    run = next(run for run in paragraph.runs if old in run.text)
    run.text = run.text.replace(old, new)


def tracked(paragraph, kind: str, text: str, author: str, before: str | None = None) -> None:
    """A Track Changes edit: `text` inserted at the end (w:ins), or the run text `text` deleted (w:del)."""
    mark = paragraph._p.makeelement(qn(f"w:{kind}"), {qn("w:id"): str(abs(hash((kind, text))) % 9000 + 100),
                                                      qn("w:author"): author, qn("w:date"): "2026-01-15T09:00:00Z"})
    if kind == "ins":
        run = copy.deepcopy(paragraph.runs[-1]._r)
        run.find(qn("w:t")).text = text
        run.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")  # as Word writes it
        mark.append(run)
        paragraph.runs[-1]._r.addnext(mark)
        return
    run = next(r for r in paragraph.runs if text in r.text)
    head, tail = run.text.split(text, 1)
    deleted = copy.deepcopy(run._r)
    after = copy.deepcopy(run._r)
    run.text = head
    t = deleted.find(qn("w:t"))
    t.tag = qn("w:delText")
    t.text = text
    mark.append(deleted)
    after.find(qn("w:t")).text = tail
    run._r.addnext(mark)
    mark.addnext(after)


def yaml_of(workspace: Path) -> str:
    return (workspace / "content" / f"{MEMO}.yaml").read_text(encoding="utf-8")


def test_import_without_edits_changes_nothing(built):
    """Every example, both languages (heisei-notice is Japanese only): an untouched Word file leaves the YAML as it was."""
    root = built.parent
    before = {path: path.read_bytes() for path in (root / "content").glob("*.yaml")}
    drafts = [(memo, lang) for memo in (*EXAMPLES, MEMO) for lang in ("ja", "en")] + [("heisei-notice", "ja")]
    memos = {path.stem for path in (root / "content").glob("*.yaml") if not path.name.endswith(".lock.yaml")}
    assert {memo for memo, _ in drafts} == memos  # every example memo, in each of its languages
    for memo, lang in drafts:
        result = run_cli("import", str(built / f"{memo}.{lang}.docx"), cwd=root)
        assert result.returncode == 0, result.stderr
        assert "changed" not in result.stdout and "added" not in result.stdout, result.stdout
        for word in ("not imported", "deleted", "moved"):
            assert word not in result.stdout, result.stdout
    assert {path: path.read_bytes() for path in (root / "content").glob("*.yaml")} == before


def test_retyped_deleted_and_added_items_come_back_in_that_language(drafted):
    word_file = drafted / "build" / f"{MEMO}.ja.docx"
    document = docx.Document(word_file)
    first, second, third = [p for p in items(document)]
    replace_in_runs(second, "謝意を表し", "深い謝意を表し")  # around the printed [[garcia-perez:short]]
    added = copy.deepcopy(second._p)  # a new item: the paragraph copied, its anchor left behind, retyped
    for mark in added.findall(qn("w:bookmarkStart")) + added.findall(qn("w:bookmarkEnd")):
        added.remove(mark)
    third._p.addnext(added)
    new_item = [p for p in items(docx.Document(word_file))][0].__class__(added, third._parent)
    retype(new_item, "双方は、引き続き緊密に連携していくことで一致しました。")
    third._p.getparent().remove(third._p)  # the third item deleted
    document.save(word_file)
    before = yaml_of(drafted)

    result = run_cli("import", str(word_file), cwd=drafted)
    assert result.returncode == 0, result.stderr
    text = yaml_of(drafted)
    assert "[[garcia-perez:short]]は、日本の継続的な支援に深い謝意を表し" in text
    assert "In response, [[garcia-perez:short]] thanked Japan" in text  # English untouched
    assert "ja: 双方は、引き続き緊密に連携していくことで一致しました。\n        only: ja\n        reason: added in the ja" in text
    assert "only: en\n        reason: deleted in the ja Word draft" in text  # the deleted item stays in English
    assert "\n            日本と一層連携" not in text and "日本の継続的な支援に深い謝意を表し、平和構築の現場で日本と" in text
    for line in before.splitlines():  # every comment line of the file is still there
        if line.lstrip().startswith("#"):
            assert line in text
    assert "# the meeting, in New York" in text
    assert f"content/{MEMO}.yaml:" in result.stdout and "deleted in ja" in result.stdout
    assert "added an item in ja only" in result.stdout

    check = run_cli("check", MEMO, cwd=drafted)
    assert "stale English: the Japanese changed since it was confirmed" in check.stdout + check.stderr
    assert f"--accept {MEMO}#body.0.numbered.1.text" in check.stdout + check.stderr

    rebuilt = run_cli("build", MEMO, "--format", "docx", "--lang", "ja", cwd=drafted)
    assert rebuilt.returncode == 0, rebuilt.stderr
    texts = [p.text for p in items(docx.Document(word_file))]
    assert len(texts) == 3 and "深い謝意を表し" in texts[1] and texts[2].startswith("双方は、引き続き緊密に")


def test_tracked_changes_are_proposals_until_accepted(drafted):
    word_file = drafted / "build" / f"{MEMO}.ja.docx"
    document = docx.Document(word_file)
    third = items(document)[2]
    tracked(third, "ins", "また、具体的な日程も確認しました。", "課長 山田")
    tracked(third, "del", "次回の", "局長 佐藤")
    document.save(word_file)
    before = yaml_of(drafted)

    shown = run_cli("import", str(word_file), cwd=drafted)
    assert shown.returncode == 0, shown.stderr
    assert "proposal: 課長 山田 (2026-01-15T09:00:00Z) would insert «また、具体的な日程も確認しました。»" in shown.stdout
    assert "proposal: 局長 佐藤" in shown.stdout and "would delete «次回の»" in shown.stdout
    assert yaml_of(drafted) == before

    dry = run_cli("import", str(word_file), "--accept", "--dry-run", cwd=drafted)
    assert dry.returncode == 0 and "accepted" in dry.stdout and yaml_of(drafted) == before

    accepted = run_cli("import", str(word_file), "--accept", cwd=drafted)
    assert accepted.returncode == 0, accepted.stderr
    assert "双方は、平和構築委員会の議題についても意見を交わしました。また、具体的な日程も確認しました。" in yaml_of(drafted)
    rebuilt = run_cli("build", MEMO, "--format", "docx", "--lang", "ja", cwd=drafted)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert items(docx.Document(word_file))[2].text == \
        "双方は、平和構築委員会の議題についても意見を交わしました。また、具体的な日程も確認しました。"


def move_first_item_last(word_file: Path) -> None:
    document = docx.Document(word_file)
    first, *_, last = items(document)
    more = first._p.getnext()  # item 1's second paragraph moves with it
    last._p.addnext(first._p)
    first._p.addnext(more)
    document.save(word_file)


def test_moved_item_in_english(drafted):
    word_file = drafted / "build" / f"{MEMO}.en.docx"
    move_first_item_last(word_file)
    result = run_cli("import", str(word_file), cwd=drafted)
    assert result.returncode == 0, result.stderr
    assert "moved items: the order is now 2, 3, 1" in result.stdout
    text = yaml_of(drafted)
    assert text.index("In response,") < text.index("The two sides also") < text.index("At the outset,")


def test_libreoffice_saved_draft_keeps_its_anchors(drafted, tmp_path):
    soffice = need_tool("soffice")
    word_file = drafted / "build" / f"{MEMO}.en.docx"
    document = docx.Document(word_file)
    replace_in_runs(items(document)[2], "exchanged views", "held talks")
    document.save(word_file)
    out, profile = tmp_path / "lo", tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out), str(word_file)], capture_output=True, timeout=180)
    shutil.rmtree(profile, ignore_errors=True)
    saved = out / word_file.name
    assert saved.is_file(), "LibreOffice did not save the draft"
    result = run_cli("import", str(saved), cwd=drafted)
    assert result.returncode == 0, result.stderr
    assert "en: The two sides also held talks on the agenda" in yaml_of(drafted)
    assert "not imported" not in result.stdout


def test_comments_and_a_pasted_table_are_reported(drafted):
    word_file = drafted / "build" / f"{MEMO}.ja.docx"
    document = docx.Document(word_file)
    second = items(document)[1]
    document.add_comment(second.runs, text="表現を確認", author="審議官 鈴木")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "追加の表"
    document.save(word_file)
    before = yaml_of(drafted)
    result = run_cli("import", str(word_file), cwd=drafted)
    assert result.returncode == 0, result.stderr
    assert "comment by 審議官 鈴木: «表現を確認»" in result.stdout
    assert "a table without anchors" in result.stdout and "not imported" in result.stdout
    assert yaml_of(drafted) == before


def test_bad_input_is_refused_and_nothing_written(drafted):
    stranger = drafted / "templates" / "reference.docx"
    result = run_cli("import", str(stranger), cwd=drafted)
    assert result.returncode == 1 and "not a Word file made by briefing" in result.stderr
    assert "Traceback" not in result.stderr

    word_file = drafted / "build" / f"{MEMO}.ja.docx"
    document = docx.Document(word_file)
    replace_in_runs(items(document)[1], "謝意を表し", "深い謝意を表し")
    document.save(word_file)
    edit(drafted / "content" / f"{MEMO}.yaml", "双方は、次回の", "双方は、次回開催の")
    before = yaml_of(drafted)
    result = run_cli("import", str(word_file), cwd=drafted)
    assert result.returncode == 1
    assert f"content/{MEMO}.yaml:1:1: error: changed since {MEMO}.ja.docx was built" in result.stderr
    assert yaml_of(drafted) == before


def test_a_file_that_is_not_a_word_file(drafted):
    broken = drafted / "build" / "notes.docx"
    broken.write_text("not a zip", encoding="utf-8")
    result = run_cli("import", str(broken), cwd=drafted)
    assert result.returncode == 1 and "build/notes.docx:1:1: error: not a readable Word file" in result.stderr


def test_joined_items_and_a_retyped_name(drafted):
    """Two items joined into one (Word carries the second's anchor along) and a printed name retyped:
    the first item takes the joined text, the second is deleted in that language, the retyped name is plain text."""
    word_file = drafted / "build" / f"{MEMO}.ja.docx"
    document = docx.Document(word_file)
    _, second, third = items(document)
    for child in list(third._p):
        if child.tag != qn("w:pPr"):
            second._p.append(child)
    third._p.getparent().remove(third._p)
    replace_in_runs(second, "ガルシア事務次長補", "ガルシア国連事務次長補")
    document.save(word_file)
    result = run_cli("import", str(word_file), cwd=drafted)
    assert result.returncode == 0, result.stderr
    text = yaml_of(drafted)
    assert ("これに対し、ガルシア国連事務次長補は、日本の継続的な支援に謝意を表し、平和構築の現場で日本と一層連携"
            "していきたいと述べました。双方は、次回の平和構築委員会の議題についても意見を交わしました。") in text
    assert "[[garcia-perez:short]]は" not in text and "[[garcia-perez:short]] thanked Japan" in text
    assert "deleted in ja: «双方は、次回の" in result.stdout


def test_an_item_copied_with_its_anchor_is_a_new_item(drafted):
    """A paragraph copied together with its bookmark (as a careless tool might): the first stays the original."""
    word_file = drafted / "build" / f"{MEMO}.en.docx"
    document = docx.Document(word_file)
    third = items(document)[2]
    copied = copy.deepcopy(third._p)
    third._p.addnext(copied)
    document.save(word_file)
    document = docx.Document(word_file)
    retype(items(document)[3], "The two sides agreed to meet again next year.")
    document.save(word_file)
    result = run_cli("import", str(word_file), cwd=drafted)
    assert result.returncode == 0, result.stderr
    assert "added an item in en only: «The two sides agreed to meet again next" in result.stdout
    text = yaml_of(drafted)
    assert "en: The two sides also exchanged views on the agenda" in text
    assert text.index("exchanged views on the agenda") < text.index("en: The two sides agreed to meet again next year.")


def test_an_item_inserted_with_track_changes_waits_for_accept(drafted):
    word_file = drafted / "build" / f"{MEMO}.en.docx"
    document = docx.Document(word_file)
    third = items(document)[2]
    added = copy.deepcopy(third._p)
    for mark in added.findall(qn("w:bookmarkStart")) + added.findall(qn("w:bookmarkEnd")):
        added.remove(mark)
    runs = added.findall(qn("w:r"))
    for run in runs[1:]:
        added.remove(run)
    runs[0].find(qn("w:t")).text = "Both sides will meet again in spring."
    mark = added.makeelement(qn("w:ins"), {qn("w:id"): "901", qn("w:author"): "Director Sato",
                                           qn("w:date"): "2026-01-16T10:00:00Z"})
    runs[0].addprevious(mark)
    mark.append(runs[0])
    third._p.addnext(added)
    document.save(word_file)
    before = yaml_of(drafted)

    shown = run_cli("import", str(word_file), cwd=drafted)
    assert shown.returncode == 0, shown.stderr
    assert "proposal: Director Sato would add an item «Both sides will meet again in spring.»" in shown.stdout
    assert yaml_of(drafted) == before
    accepted = run_cli("import", str(word_file), "--accept", cwd=drafted)
    assert accepted.returncode == 0, accepted.stderr
    assert "en: Both sides will meet again in spring." in yaml_of(drafted)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_formatting_set_in_word_is_reported_at_its_text_and_changes_nothing(drafted, lang):
    path = drafted / "build" / f"{MEMO}.{lang}.docx"
    word = docx.Document(str(path))
    first, second = items(word)[:2]
    first.runs[0].bold = True
    second.runs[0].font.color.rgb = docx.shared.RGBColor(0xC0, 0, 0)
    word.save(str(path))
    before = yaml_of(drafted)
    result = run_cli("import", str(path), cwd=drafted)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "changed in Word" in line]
    assert [line.split(": ", 2)[1].split(" changed")[0] for line in lines] == ["bold", "colour"]
    assert all(line.startswith(f"content/{MEMO}.yaml:") and "paragraph" in line for line in lines)
    assert yaml_of(drafted) == before
