"""`briefing import` of structural edits: a set of edited drafts, both languages, saved by python-docx and LibreOffice.

Each draft carries many edits at once (text in plain runs and across runs, items, bullet points, paragraphs,
sections and reference boxes inserted, deleted, moved, split and joined, tracked changes by two authors,
comments, a pasted table). The import must apply or report every one, and a rebuild must print the text of the
edited draft (the tracked changes accepted), in the python-docx file and in LibreOffice's re-save of it alike.
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
from docx.text.paragraph import Paragraph
from ruamel.yaml import YAML

from briefing.authoring.word_text import normal
from briefing.render.docx.ooxml import revisions
from conftest import copy_workspace, need_tool, run_cli
from test_word_import import replace_in_runs, retype, tracked

PKO, MOFA, KHARE = "pko-symposium-2025", "mofa-style-readout", "khare-visit-2025"
MEMOS = (PKO, MOFA, KHARE)
TABLE = "貼り付けた表 pasted"


def with_text(document, text: str):
    return next(p for p in document.paragraphs if text in p.text)


def new_after(paragraph, text: str, style: str):
    """Enter at the end of `paragraph`, `style` chosen, `text` typed: a paragraph with no anchor."""
    added = copy.deepcopy(paragraph._p)
    for mark in added.findall(qn("w:bookmarkStart")) + added.findall(qn("w:bookmarkEnd")):
        added.remove(mark)
    paragraph._p.addnext(added)
    new = Paragraph(added, paragraph._parent)
    retype(new, text)
    new.style = paragraph.part.document.styles[style]
    return new


def split(paragraph, at: str, style: str | None = None) -> None:
    """Enter pressed before `at`: the second half is a new paragraph (no anchor), the bookmark end moves with it."""
    runs = paragraph.runs
    index = next(n for n, r in enumerate(runs) if at in r.text)
    run = runs[index]
    second = copy.deepcopy(paragraph._p)
    for mark in second.findall(qn("w:bookmarkStart")):
        second.remove(mark)
    for mark in paragraph._p.findall(qn("w:bookmarkEnd")):
        paragraph._p.remove(mark)
    paragraph._p.addnext(second)
    head, tail = run.text.split(at, 1)
    run.text = head
    for later in runs[index + 1:]:
        later._r.getparent().remove(later._r)
    other = Paragraph(second, paragraph._parent)
    for earlier in other.runs[:index]:
        earlier._r.getparent().remove(earlier._r)
    other.runs[0].text = at + tail
    if style:
        other.style = paragraph.part.document.styles[style]


def join(first, second, keep_anchor: bool) -> None:
    """Delete pressed at the end of `first`: `second`'s runs join it (its bookmark too, or lost)."""
    for child in list(second._p):
        if child.tag == qn("w:pPr") or (not keep_anchor and child.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
            continue
        first._p.append(child)
    second._p.getparent().remove(second._p)


def across_runs(paragraph, new: str) -> str:
    """Retype the words across the first run boundary (made by an italic word if there is none) as `new`."""
    runs = paragraph.runs
    if len(runs) == 1:
        tail = copy.deepcopy(runs[0]._r)
        runs[0]._r.addnext(tail)
        half = len(runs[0].text) // 2
        runs[0].text, Paragraph(paragraph._p, paragraph._parent).runs[1].text = runs[0].text[:half], runs[0].text[half:]
        paragraph.runs[1].italic = True
    first, second = paragraph.runs[:2]
    old = first.text[-4:] + second.text[:4]
    first.text, second.text = first.text[:-4] + new, second.text[4:]
    return old


def section_of(document, heading_text: str) -> list:
    """The body elements of a section: its heading and all up to the next Heading 1 or the closing line."""
    heading = with_text(document, heading_text)
    elements, element = [heading._p], heading._p.getnext()
    while element is not None and element.tag != qn("w:sectPr"):
        style = element.find("w:pPr/w:pStyle", {"w": revisions.W})
        if style is not None and style.get(qn("w:val")) in ("Heading1", "Closing"):
            break
        elements.append(element)
        element = element.getnext()
    return elements


EDITS = {  # lang → the texts the edits below look for or type
    "ja": {"retype": ("我が国の国際平和協力のこれまでの歩み", "我が国の平和協力の歩み"),
           "new item": "最後に、参加者全員で記念撮影を行いました。",
           "split item": "また、本シンポジウムが", "split lead": "その結果の概要",
           "new bullet": "若手の人材育成の重要性も指摘されました。",
           "new section": ("今後の予定", "次回のシンポジウムは、来年夏に開催する予定です。"),
           "box": ("政府間の諮問機関", "政府間の助言機関"), "box paragraph": "2005年に設立された。",
           "insert": "（速報）", "delete": "さらに、"},
    "en": {"retype": ("looked back on", "reviewed"),
           "new item": "Finally, all participants posed for a group photograph.",
           "split item": "He explained why", "split lead": "The results are",
           "new bullet": "The importance of training young people was also noted.",
           "new section": ("Next steps", "The next symposium will be held next summer."),
           "box": ("advisory body", "consultative body"), "box paragraph": "It was established in 2005.",
           "insert": " (preliminary)", "delete": "A panel discussion "},
}


def edit_pko(path: Path, lang: str) -> None:
    words = EDITS[lang]
    document = docx.Document(path)
    items = [p for p in document.paragraphs  # the summary's items (the attendees' have no anchor)
             if p.style.name == "Numbered Item" and p._p.find(qn("w:bookmarkStart")) is not None]
    bullets = [p for p in document.paragraphs if p.style.name == "Bullet Item"]
    opening, keynote, report, panel, closing = items
    replace_in_runs(opening, *words["retype"])  # text retyped inside a run
    across_runs(keynote, "（国連平和維持活動・" if lang == "ja" else " [across runs] ")
    new_after(keynote, words["new item"], "Numbered Item")  # an item inserted
    report._p.getparent().remove(report._p)  # an item deleted
    opening._p.addprevious(closing._p)  # an item moved: the closing remarks first
    split(opening, words["split item"], "Body Text" if lang == "ja" else None)  # Enter: ja a new paragraph, en a new item
    split(with_text(document, words["split lead"]), words["split lead"])
    tracked(panel, "ins", words["insert"], "課長 山田" if lang == "ja" else "Director Yamada")
    tracked(panel, "del", words["delete"], "局長 佐藤" if lang == "ja" else "DG Sato")
    document.add_comment(bullets[0].runs, text="出典を確認" if lang == "ja" else "check the source", author="審議官 鈴木")
    bullets[1]._p.addnext(bullets[0]._p)  # a bullet point moved after the next
    bullets[2]._p.getparent().remove(bullets[2]._p)  # one deleted
    join(bullets[3], bullets[4], keep_anchor=lang == "ja")  # two joined
    new_after(bullets[7], words["new bullet"], "Bullet Item")  # one added at the end
    photos = section_of(document, "シンポジウムの様子" if lang == "ja" else "Photos")
    reference = with_text(document, "参考" if lang == "ja" else "Reference")
    for element in photos:  # a section moved up
        reference._p.addprevious(element)
    for element in section_of(document, "出席者" if lang == "ja" else "Participants"):  # a section deleted
        element.getparent().remove(element)
    last = [p for p in document.paragraphs if p.style.name == "Closing"][-1]
    heading, text = words["new section"]
    last.insert_paragraph_before(heading, style=document.styles["Heading 1"])  # a section added
    last.insert_paragraph_before(text, style=document.styles["Body Text"])
    document.add_table(rows=1, cols=2).cell(0, 0).text = TABLE
    document.save(path)


def edit_mofa(path: Path, lang: str) -> None:
    old, new = EDITS[lang]["box"]
    document = docx.Document(path)
    box = with_text(document, old)
    box.runs[0].text = box.runs[0].text.replace(old, new)  # text inside a reference box
    new_after(box, EDITS[lang]["box paragraph"], "Body Text")  # a paragraph added in it
    if lang == "en":
        new_after(box, "A second note.", "Numbered Item")  # an item added in it
    document.save(path)


def edit_khare(path: Path, lang: str) -> None:
    """Paragraph blocks: ja one split with Enter and one added after; en two joined; both a reference box deleted."""
    document = docx.Document(path)
    anchored = {b.get(qn("w:name")): Paragraph(b.getparent(), document._body)
                for b in document.element.body.iter(qn("w:bookmarkStart"))}
    first, second = anchored[f"_BF{lang}_b1b0p"], anchored[f"_BF{lang}_b1b1p"]
    if lang == "ja":
        split(first, "国際平和協力の分野で")
        new_after(second, "なお、次回の会談の日程は調整中です。", "Body Text")
    else:
        join(first, second, keep_anchor=False)
    box = anchored[f"_BF{lang}_b0b1b0p"]
    title = Paragraph(box._p.getprevious(), document._body)
    for paragraph in (title, box):
        paragraph._p.getparent().remove(paragraph._p)
    document.save(path)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    """The built Word files, edited (python-docx) in drafts/ and saved again by LibreOffice in lo/; each also
    untouched (untouched.MEMO.LANG.docx), LibreOffice's re-save of it in lo/ too."""
    soffice = need_tool("soffice")
    root = copy_workspace(tmp_path_factory.mktemp("structure"))
    result = run_cli("build", *MEMOS, "--format", "docx", cwd=root)
    assert result.returncode == 0, result.stderr
    (root / "drafts").mkdir()
    for memo, edit in ((PKO, edit_pko), (MOFA, edit_mofa), (KHARE, edit_khare)):
        for lang in ("ja", "en"):
            target = root / "drafts" / f"{memo}.{lang}.docx"
            shutil.copy(root / "build" / target.name, target)
            shutil.copy(target, root / "drafts" / f"untouched.{target.name}")  # the file before any edit
            edit(target, lang)
    profile = root / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(root / "lo"), *map(str, sorted((root / "drafts").iterdir()))],
                   capture_output=True, timeout=300)
    shutil.rmtree(profile, ignore_errors=True)
    return root


@pytest.fixture(scope="module")
def imported(drafts: Path, tmp_path_factory):
    """(folder, lang) → a fresh workspace with the memos' `lang` drafts from `folder` imported (--accept), and
    the import's output; each import done once for the module."""
    done: dict[tuple[str, str], tuple[Path, str]] = {}

    def workspace_for(folder: str, lang: str) -> tuple[Path, str]:
        if (folder, lang) not in done:
            workspace = copy_workspace(tmp_path_factory.mktemp(f"{folder}-{lang}"))
            out = []
            for memo in MEMOS:
                draft = drafts / folder / f"{memo}.{lang}.docx"
                assert draft.is_file(), f"{draft} missing (LibreOffice did not save it)"
                result = run_cli("import", str(draft), "--accept", cwd=workspace)
                assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
                out.append(result.stdout)
            done[folder, lang] = workspace, "".join(out)
        return done[folder, lang]
    return workspace_for


def texts(path: Path) -> list[str]:
    """The paragraphs a reader sees (tracked changes accepted), outside the pasted table."""
    return [normal(p.accepted) for p in revisions.read(path).paragraphs if normal(p.accepted) and TABLE not in p.accepted]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_edited_drafts_come_back_whole(drafts, imported, lang):
    workspace, out = imported("drafts", lang)
    words, other = EDITS[lang], "en" if lang == "ja" else "ja"
    yaml = (workspace / "content" / f"{PKO}.yaml").read_text(encoding="utf-8")
    assert words["retype"][1] in yaml and words["retype"][0] not in yaml
    assert words["new item"] in yaml and f"added an item in {lang} only: «{words['new item'][:12]}" in out
    assert f"deleted in {lang}: «" in out and f"only: {other}\n" in yaml
    assert "moved items: the order is now 5, 1, 2, 4" in out
    assert "moved bullet points: the order is now 2, 1, 4, 6, 7, 8" in out  # 3 deleted, 5 joined into 4
    assert f"added a bullet point in {lang} only: «{words['new bullet'][:12]}" in out
    assert "moved blocks: the order is now 2, 4, 3" in out  # 出席者 gone, 写真 before 参考
    assert f"added a section in {lang} only: «{words['new section'][0]}»" in out
    assert "comment by 審議官 鈴木" in out and "a table without anchors" in out
    assert "accepted: insert" in out and "accepted: delete" in out
    box = (workspace / "content" / f"{MOFA}.yaml").read_text(encoding="utf-8")
    assert words["box"][1] in box and f"{lang}: {words['box paragraph']}" in box
    if lang == "ja":  # Enter with the next paragraph in Body Text: the item's text in two paragraphs
        assert "ja: >-\n" in yaml and "\n\n                また、本シンポジウムが" in yaml
    else:  # Enter in an item, the second half still an item: a new item
        assert "en: He explained why the Study Group" in yaml

    readout = YAML(typ="safe").load(workspace / "content" / f"{KHARE}.yaml")["body"]
    assert readout[0]["body"][1]["only"] == other  # the box deleted in this language
    paragraphs = readout[1]["body"]
    if lang == "ja":  # a paragraph split: two paragraphs of one block; one added: a block of its own
        assert "表敬を受け、\n国際平和協力の分野で" in paragraphs[0]["paragraph"]["ja"]
        assert paragraphs[2] == {"paragraph": {"ja": "なお、次回の会談の日程は調整中です。"}, "only": "ja",
                                 "reason": "added in the ja Word draft; translate it, then remove its only and reason"}
    else:  # two paragraphs joined: the first takes both texts, the second is deleted in English
        assert "international peace cooperation.Drawing on the experience" in paragraphs[0]["paragraph"]["en"]
        assert paragraphs[1]["only"] == "ja" and "Drawing on" in paragraphs[1]["paragraph"]["en"]

    rebuilt = run_cli("build", *MEMOS, "--format", "docx", "--lang", lang, cwd=workspace)
    assert rebuilt.returncode == 0, rebuilt.stderr
    for memo in MEMOS:
        assert texts(workspace / "build" / f"{memo}.{lang}.docx") == texts(drafts / "drafts" / f"{memo}.{lang}.docx")
    check = run_cli("check", *MEMOS, cwd=workspace)
    assert check.returncode == 0 and "0 error(s)" in check.stdout + check.stderr, check.stdout + check.stderr
    assert f"stale {'English' if lang == 'ja' else 'Japanese'}" in check.stdout + check.stderr


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_libreoffice_resaved_drafts_import_the_same(imported, lang):
    by_docx, _ = imported("drafts", lang)
    by_libreoffice, out = imported("lo", lang)
    assert "a picture" not in out  # the memo's own photos, renamed by LibreOffice, are known by their alt text
    for memo in MEMOS:
        name = f"content/{memo}.yaml"
        assert (by_libreoffice / name).read_text(encoding="utf-8") == (by_docx / name).read_text(encoding="utf-8")


def test_a_heading_deleted_alone_is_reported_and_a_one_language_memo_drops_the_point(built, tmp_path):
    """What the YAML cannot take (a heading gone, its section kept) is reported; a point deleted in a
    Japanese-only memo goes (no only: for a language the memo does not have)."""
    workspace = copy_workspace(tmp_path / "ws")
    notice, symposium = tmp_path / "heisei-notice.ja.docx", tmp_path / f"{PKO}.en.docx"
    shutil.copy(built / notice.name, notice)
    shutil.copy(built / symposium.name, symposium)
    document = docx.Document(notice)
    point = with_text(document, "文民の役割の拡大")
    point._p.getparent().remove(point._p)
    document.save(notice)
    document = docx.Document(symposium)
    heading = next(p for p in document.paragraphs if p.text == "Summary")
    heading._p.getparent().remove(heading._p)
    document.save(symposium)
    before = (workspace / "content" / f"{PKO}.yaml").read_bytes()

    result = run_cli("import", str(notice), cwd=workspace)
    assert result.returncode == 0, result.stderr
    yaml = (workspace / "content" / "heisei-notice.yaml").read_text(encoding="utf-8")
    assert "文民の役割の拡大" not in yaml and "要員の安全確保に向けた取組" in yaml and "only:" not in yaml
    assert "deleted in ja: «文民の役割の拡大»" in result.stdout

    result = run_cli("import", str(symposium), cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert f"content/{PKO}.yaml:39:" in result.stdout  # the heading's line: `  - section: {ja: 概要, en: Summary}`
    assert "«Summary» deleted in Word while what it belongs to stays: not imported" in result.stdout
    assert (workspace / "content" / f"{PKO}.yaml").read_bytes() == before

    document = docx.Document(symposium)  # the title and an attendee deleted: printed lines, not content texts
    for text in ("Summary of Results", "Mr. SAKANE Koji"):
        line = with_text(document, text)
        line._p.getparent().remove(line._p)
    document.save(symposium)
    result = run_cli("import", str(symposium), cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert "deleted in Word: «2025 International Peace Cooperation Sym…»" in result.stdout
    assert "deleted in Word: «Mr. SAKANE Koji" in result.stdout


def test_body_text_typed_between_two_bullets_loses_neither(built, tmp_path):
    """A paragraph typed between two bullet points becomes a paragraph after the list; the point after it, now apart
    from its list, is reported and kept where it was, never taken for deleted."""
    workspace = copy_workspace(tmp_path / "ws")
    notice = tmp_path / "heisei-notice.ja.docx"
    shutil.copy(built / notice.name, notice)
    document = docx.Document(notice)
    new_after(with_text(document, "要員の安全確保に向けた取組"), "研修の充実について議論しました。", "Body Text")
    document.save(notice)
    result = run_cli("import", str(notice), cwd=workspace)
    assert result.returncode == 0, result.stderr
    blocks = YAML().load((workspace / "content" / "heisei-notice.yaml").read_text(encoding="utf-8"))["body"]
    assert blocks[-2:] == [{"bullets": [{"ja": "要員の安全確保に向けた取組"}, {"ja": "文民の役割の拡大"}]},
                           {"paragraph": {"ja": "研修の充実について議論しました。"}}]
    assert "sits apart from the rest of body.2" in result.stdout and "deleted" not in result.stdout

    symposium = tmp_path / f"{PKO}.en.docx"  # bullets inside an item, items after them: one report for the list
    shutil.copy(built / symposium.name, symposium)
    document = docx.Document(symposium)
    bullets = [p for p in document.paragraphs if p.style.name == "Bullet Item"]
    new_after(bullets[1], "A paragraph typed between two points.", "Body Text")
    document.save(symposium)
    before = (workspace / "content" / f"{PKO}.yaml").read_text(encoding="utf-8")
    result = run_cli("import", str(symposium), cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("sits apart") == 1 and "deleted" not in result.stdout
    after = (workspace / "content" / f"{PKO}.yaml").read_text(encoding="utf-8")
    assert "A paragraph typed between two points." in after
    assert all(line in after.splitlines() for line in before.splitlines())  # no line lost: only added ones


def test_libreoffice_resaving_an_untouched_draft_changes_nothing(drafts):
    for draft in sorted((drafts / "lo").glob("untouched.*.docx")):
        result = run_cli("import", str(draft), "--dry-run", cwd=drafts)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "no edits to import\n", (draft.name, result.stdout)
    assert len(list((drafts / "lo").glob("untouched.*.docx"))) == 2 * len(MEMOS)
