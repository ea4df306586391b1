"""`briefing compare`: 新旧対照表 (PDF, Word) and redlines over version pairs kept in a git history."""

from __future__ import annotations

import re
import subprocess
import tarfile
import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from compare_pairs import HANDLING, MEMO, git, make_history
from conftest import EVERY_EXAMPLE, copy_workspace, edit, libreoffice_pdf, need_tool, pdf_text, run_cli

MEMO_ID = Path(MEMO).stem
# pair → (--from, --to) as step names; None: the working copy
PAIRS = {"text": ("base", "text"), "registry": ("text", "registry"), "items": ("registry", "items"),
         "block": (None, None)}
# pair → lang → (underlined in the new column, underlined in the old column), every changed row
CHANGED = {
    "text": {"ja": ({"トランプ"}, {"バイデン"}), "en": ({"Trump"}, {"Biden"})},
    "registry": {"ja": ({"藤原"}, {"藤井"}), "en": ({"Fujiwara", "FUJIWARA"}, {"Fujii", "FUJII"})},
}
LABELS = {"ja": {"new": "改正後", "old": "改正前", "note": "（傍線部分は改正部分）", "omitted": "（略）",
                 "inserted": "（新設）", "moved": "（移動）"},
          "en": {"new": "New", "old": "Old", "note": "Changes are underlined", "omitted": "(omitted)",
                 "inserted": "(new)", "moved": "(moved)"}}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A workspace whose git history holds the version pairs, each compared into build/<pair>/."""
    root = copy_workspace(tmp_path_factory.mktemp("history"))
    commits = make_history(root)
    for pair, (old, new) in PAIRS.items():
        args = ["compare", MEMO_ID, "--out", f"build/{pair}"]
        args += ["--from", commits[old]] if old else []
        args += ["--to", commits[new]] if new else []
        result = run_cli(*args, cwd=root)
        assert result.returncode == 0, result.stderr
    return root


def table_rows(path: Path) -> list[list[tuple[str, list[str]]]]:
    """The Word table's body rows: per cell its text and its underlined pieces."""
    table = docx.Document(str(path)).tables[0]
    rows = []
    for row in table.rows[1:]:
        cells = []
        for cell in row.cells:
            runs = [run for paragraph in cell.paragraphs for run in paragraph.runs]
            pieces, underlined = [], []
            for run in runs:
                if run.underline and underlined and pieces and pieces[-1][1]:
                    underlined[-1] += run.text
                elif run.underline:
                    underlined.append(run.text)
                pieces.append((run.text, bool(run.underline)))
            cells.append(("".join(text for text, _ in pieces), underlined, pieces))
        rows.append(cells)
    return rows


def plain(pieces) -> str:
    """A cell's text without its underlined pieces."""
    return "".join(text for text, underlined in pieces if not underlined)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("pair", sorted(CHANGED))
def test_changed_words_and_only_they_are_underlined(history, pair, lang):
    rows = table_rows(history / "build" / pair / f"{MEMO_ID}.compare.{lang}.docx")
    changed = [row for row in rows if row[0][1] or row[1][1]]
    assert changed, "no changed row"
    new_words, old_words = CHANGED[pair][lang]
    for new, old in changed:
        assert set(new[1]) <= new_words and set(old[1]) <= old_words, (new[1], old[1])
        assert plain(new[2]) == plain(old[2])  # what is not underlined is the same on both sides
    assert set().union(*(set(new[1]) for new, _ in changed)) == new_words
    labels = LABELS[lang]
    assert all(row[0][0] == row[1][0] == labels["omitted"] for row in rows if not row[0][1] and not row[1][1])


def test_biden_to_trump_is_one_clean_hunk(history):
    rows = table_rows(history / "build" / "text" / f"{MEMO_ID}.compare.ja.docx")
    ((new, old),) = [row for row in rows if row[0][1]]
    assert new[1] == ["トランプ"] and old[1] == ["バイデン"]
    assert "トランプ大統領の発言" in new[0] and "バイデン大統領の発言" in old[0]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_inserted_deleted_and_moved_items_sit_in_their_rows(history, lang):
    labels = LABELS[lang]
    rows = [row for row in table_rows(history / "build" / "items" / f"{MEMO_ID}.compare.{lang}.docx")
            if row[0][0] != labels["omitted"]]
    new_texts, old_texts = [row[0][0] for row in rows], [row[1][0] for row in rows]
    meeting = "東京" if lang == "ja" else "Tokyo"
    reform = "国連改革" if lang == "ja" else "UN reform"
    thanks = "謝意" if lang == "ja" else "thanked"
    outset = "はじめに" if lang == "ja" else "At the outset"
    assert reform in new_texts[0] and old_texts[0] == labels["moved"]  # moved to the top: new place
    assert meeting in new_texts[1] and old_texts[1] == labels["inserted"]  # inserted
    assert outset in new_texts[2] and outset in old_texts[2]  # renumbered 1 → 3: only the number changed
    assert rows[2][0][1] == ["3"] and rows[2][1][1] == ["1"]
    assert new_texts[3] == "" and thanks in old_texts[3]  # deleted: old column only, underlined whole
    assert plain(rows[3][1][2]).strip() == ""
    assert new_texts[4] == labels["moved"] and reform in old_texts[4]  # moved: its old place
    assert len(rows) == 5


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_block_added_in_the_working_copy_is_new(history, lang):
    labels = LABELS[lang]
    rows = [row for row in table_rows(history / "build" / "block" / f"{MEMO_ID}.compare.{lang}.docx")
            if row[0][0] != labels["omitted"]]
    (mark_new, mark_old), (new, old) = rows  # the handling mark changed in its row, however much: both underlined
    assert mark_new[0] == {"ja": "取扱注意", "en": "For official use only"}[lang] and mark_new[1] == [mark_new[0]]
    assert mark_old[0] == {"ja": "公表済み", "en": "Released to the public"}[lang] and mark_old[1] == [mark_old[0]]
    assert old[0] == labels["inserted"] and new[1] == [new[0]]  # underlined whole
    assert ("引き続き国連と緊密に協力" if lang == "ja" else "continue to work closely") in new[0]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_pdf_table_has_the_labels_the_columns_and_the_rows(history, lang):
    labels = LABELS[lang]
    text = pdf_text(history / "build" / "items" / f"{MEMO_ID}.compare.{lang}.pdf", "-layout")
    header = next(line for line in text.splitlines() if labels["new"] in line and labels["old"] in line)
    assert header.index(labels["new"]) < header.index(labels["old"])  # 改正後 | 改正前
    for label in ("note", "omitted", "inserted", "moved"):
        assert labels[label] in text
    meeting = "東京で開く" if lang == "ja" else "Tokyo"
    line = next(line for line in text.splitlines() if meeting in line)
    assert line.rstrip().endswith(labels["inserted"])  # new text left, （新設） right


def test_a_house_style_order_puts_the_old_column_first(tmp_path):
    root = copy_workspace(tmp_path)
    strings = root / "templates" / "strings" / "ja.yaml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("order: [new, old]", "order: [old, new]"),
                       encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text((root / MEMO).read_text(encoding="utf-8").replace("このほか、双方は", "また、双方は"), encoding="utf-8")
    result = run_cli("compare", MEMO_ID, "--old", str(old), "--lang", "ja", cwd=root)
    assert result.returncode == 0, result.stderr
    ((first, second),) = [row for row in table_rows(root / "build" / f"{MEMO_ID}.compare.ja.docx") if row[0][1]]
    assert first[1] == ["また"] and second[1] == ["このほか"]  # 改正前 first, as the style says


def test_full_shows_unchanged_passages_whole(tmp_path):
    root = copy_workspace(tmp_path)
    result = run_cli("compare", MEMO_ID, "--old", str(root / MEMO), "--full", "--lang", "en", cwd=root)
    assert result.returncode == 0, result.stderr
    rows = table_rows(root / "build" / f"{MEMO_ID}.compare.en.docx")
    assert len(rows) > 10 and all(new[0] == old[0] and not new[1] for new, old in rows)
    pages = pdf_text(root / "build" / f"{MEMO_ID}.compare.en.pdf", "-layout").split("\f")[:-1]
    assert len(pages) >= 2
    assert all(re.search(r"^\s*New\s+Old\s*$", page, re.MULTILINE) for page in pages)  # the header row repeats


def test_unknown_revision_is_a_message_not_a_traceback(history):
    result = run_cli("compare", MEMO_ID, "--from", "no-such-rev", cwd=history)
    assert result.returncode == 2
    assert "no-such-rev: no such git revision" in result.stderr and "Traceback" not in result.stderr


def test_a_memo_not_yet_committed_or_outside_git_is_a_message_naming_old(history, tmp_path):
    (history / "content" / "uncommitted.yaml").write_bytes((history / MEMO).read_bytes())
    try:
        result = run_cli("compare", "uncommitted", cwd=history)
    finally:
        (history / "content" / "uncommitted.yaml").unlink()
    assert result.returncode == 2 and "content/uncommitted.yaml is not in HEAD" in result.stderr
    outside = copy_workspace(tmp_path / "outside")
    result = run_cli("compare", MEMO_ID, cwd=outside)
    assert result.returncode == 2 and "not in a git repository" in result.stderr and "--old FILE" in result.stderr


# ---- the redline ----

W_BR, W_T, W_DEL_TEXT = qn("w:br"), qn("w:t"), qn("w:delText")
SPACES = re.compile(r"\s+")


@pytest.fixture(scope="module")
def version_docx(history) -> dict[str, Path]:
    """Each version's own Word files, built by `briefing build` from a copy of that version's tree."""
    commits = {name: git(history, "rev-parse", name_commit).strip()
               for name, name_commit in (("base", "HEAD~3"), ("text", "HEAD~2"), ("registry", "HEAD~1"),
                                         ("items", "HEAD"))}
    folders = {None: history}
    for name, commit in commits.items():
        folder = history.parent / f"version-{name}"
        archive = subprocess.run(["git", "-C", str(history), "archive", commit], check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        folders[name] = folder
    for folder in folders.values():
        result = run_cli("build", MEMO_ID, "--format", "docx", "--out", "plain", cwd=folder)
        assert result.returncode == 0, result.stderr
    return {name: folder / "plain" for name, folder in folders.items()}


def word_paragraphs(path: Path, accept: bool | None = None, story: str = "body") -> list[str]:
    """The body's (or "header": the header's) paragraph texts with every change accepted (True) or rejected
    (False); line breaks as spaces."""
    kept, dropped = (qn("w:ins"), qn("w:del")) if accept in (True, None) else (qn("w:del"), qn("w:ins"))
    word = docx.Document(str(path))
    element = word.element.body if story == "body" else word.sections[0].header._element
    if story != "body" and word.sections[0].header.is_linked_to_previous:
        return []  # no header of its own: nothing in it
    texts = []
    for paragraph in element.iter(qn("w:p")):
        mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        if mark is not None and mark.find(dropped) is not None:
            continue  # the paragraph itself goes with the change
        parts = []
        for node in paragraph.iter(W_T, W_DEL_TEXT, W_BR):
            if any(ancestor.tag == dropped for ancestor in node.iterancestors()):
                continue
            parts.append(" " if node.tag == W_BR else node.text or "")
        text = SPACES.sub(" ", "".join(parts)).strip()
        if text:
            texts.append(text)
    return texts


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_accepting_gives_the_new_version_and_rejecting_the_old(history, version_docx, pair, lang):
    old, new = PAIRS[pair] if pair != "block" else ("items", None)
    redline = history / "build" / pair / f"{MEMO_ID}.redline.{lang}.docx"
    assert word_paragraphs(redline, accept=True) == word_paragraphs(version_docx[new] / f"{MEMO_ID}.{lang}.docx")
    assert word_paragraphs(redline, accept=False) == word_paragraphs(version_docx[old] / f"{MEMO_ID}.{lang}.docx")
    for accept, version in ((True, new), (False, old)):  # the handling mark, in the header (changed in "block")
        assert word_paragraphs(redline, accept, "header") == \
            word_paragraphs(version_docx[version] / f"{MEMO_ID}.{lang}.docx", story="header")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_date_line_of_two_paragraphs_tracks_the_date_and_the_issuer(tmp_path, lang):
    # a house style printing the issuer under the date (init's office) makes one unit two Word paragraphs
    result = run_cli("init", "--office", "office", "--name-ja", "文書室", "--name-en", "Records Office", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first")
    built = {}
    for version in ("old", "new"):
        if version == "new":
            edit(tmp_path / "content" / "first-memo.yaml", "\ndate: ", "\ndate: 2027-01-05\n# was: ")
            edit(tmp_path / "content" / "_registry" / "organizations.yaml", "{ja: 文書室, en: Records Office}",
                 "{ja: 記録課, en: Archives Division}")
        result = run_cli("build", "first-memo", "--format", "docx", "--lang", lang, "--out", version, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        built[version] = tmp_path / version / f"first-memo.{lang}.docx"
    result = run_cli("compare", "first-memo", "--lang", lang, cwd=tmp_path)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    redline = tmp_path / "build" / f"first-memo.redline.{lang}.docx"
    for accept, version in ((True, "new"), (False, "old")):
        assert word_paragraphs(redline, accept) == word_paragraphs(built[version])
    lines = {version: word_paragraphs(built[version])[:2] for version in built}  # date, issuer
    assert all(new != old for new, old in zip(lines["new"], lines["old"]))
    rows = table_rows(tmp_path / "build" / f"first-memo.compare.{lang}.docx")  # each line one changed row
    assert [[text for text, _, _ in row] for row in rows[:2]] == [list(pair) for pair in zip(lines["new"], lines["old"])]
    identifiers = [element.get(qn("w:id")) for element in docx.Document(str(redline)).element.body.iter(
        qn("w:ins"), qn("w:del"), qn("w:bookmarkStart"))]
    assert len(identifiers) == len(set(identifiers)), "a revision's id is not a bookmark's"


@pytest.mark.parametrize("memo, lang", EVERY_EXAMPLE)
def test_every_printed_block_of_every_example_finds_its_word_paragraph(built, tmp_path, memo, lang):
    # a redline tracks a change only where the block's paragraph is found: a memo compared with itself finds all
    from briefing.authoring.compare.align import align
    from briefing.authoring.compare.table import redline_paragraphs
    from briefing.authoring.compare.units import units
    from briefing.render.docx.compare import render_redline_docx

    printed = units((built / f"{memo}.{lang}.html").read_text(encoding="utf-8"), lang)
    paragraphs = redline_paragraphs(align(printed, printed), lang)
    missed = render_redline_docx(built / f"{memo}.{lang}.docx", paragraphs, "briefing", "2025-01-01T00:00:00Z", 0,
                                 tmp_path / "redline.docx")
    assert printed and missed == []
    elsewhere = {"kind": "body-text", "whole": "=", "pieces": [("=", "A line "), ("+", "the Word file has not")]}
    missed = render_redline_docx(built / f"{memo}.{lang}.docx", [*paragraphs, elsewhere], "briefing",
                                 "2025-01-01T00:00:00Z", 0, tmp_path / "redline.docx")
    assert missed == ["A line the Word file has not"]  # `briefing compare` names it in a warning


def formatted_characters(path: Path) -> list[list[tuple[str, str]]]:
    """Each body paragraph with every change accepted: its characters (a line break as "\\n") with their run's
    formatting (w:rPr as XML), in runs of one formatting."""
    paragraphs = []
    for paragraph in docx.Document(str(path)).element.body.iter(qn("w:p")):
        mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        if mark is not None and mark.find(qn("w:del")) is not None:
            continue
        chunks = []
        for node in paragraph.iter(W_T, W_BR):
            if any(ancestor.tag == qn("w:del") for ancestor in node.iterancestors()):
                continue
            properties = node.getparent().find(qn("w:rPr"))
            style = "" if properties is None else etree.tostring(properties, encoding="unicode")
            text = "\n" if node.tag == W_BR else node.text or ""
            if chunks and chunks[-1][1] == style:
                chunks[-1] = (chunks[-1][0] + text, style)
            elif text:
                chunks.append((text, style))
        if chunks:
            paragraphs.append(chunks)
    return paragraphs


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_accepted_changes_keep_each_runs_formatting_and_the_line_breaks(history, version_docx, lang):
    # the registry pair renames 藤井 / Fujii: in an English title broken over two lines, and in a Japanese paragraph
    # with Latin runs (formatted apart); accepted, every paragraph is formatted as the new version's own
    redline = formatted_characters(history / "build" / "registry" / f"{MEMO_ID}.redline.{lang}.docx")
    own = formatted_characters(version_docx["registry"] / f"{MEMO_ID}.{lang}.docx")
    assert redline == own
    titles = ["".join(text for text, _ in paragraph) for paragraph in own]
    if lang == "en":  # the Word title breaks its line where the PDF's balanced title does
        assert any("\n" in title and "Fujiwara" in title for title in titles)
    else:
        assert any(len({style for _, style in paragraph}) > 1 and "藤原" in title for paragraph, title in zip(own, titles))


def test_a_handling_mark_added_or_removed_is_a_tracked_paragraph_of_the_header(tmp_path):
    root = copy_workspace(tmp_path / "ws")
    with_mark, without = tmp_path / "with.yaml", tmp_path / "without.yaml"
    with_mark.write_text((root / MEMO).read_text(encoding="utf-8"), encoding="utf-8")
    without.write_text(with_mark.read_text(encoding="utf-8").replace(HANDLING[0] + "\n", ""), encoding="utf-8")
    for direction, old, new in (("added", without, with_mark), ("removed", with_mark, without)):
        (root / MEMO).write_text(new.read_text(encoding="utf-8"), encoding="utf-8")
        result = run_cli("compare", MEMO_ID, "--old", str(old), "--lang", "ja", "--out", direction, cwd=root)
        assert result.returncode == 0, result.stderr
        redline = root / direction / f"{MEMO_ID}.redline.ja.docx"
        shown = {True: word_paragraphs(redline, True, "header"), False: word_paragraphs(redline, False, "header")}
        assert shown == ({True: ["公表済み"], False: []} if direction == "added" else {True: [], False: ["公表済み"]})
        header = docx.Document(str(redline)).sections[0].header._element
        paragraph_marks = [mark.tag for mark in header.iter(qn("w:ins"), qn("w:del"))
                           if mark.getparent().getparent().tag == qn("w:pPr")]
        assert paragraph_marks == [qn("w:ins") if direction == "added" else qn("w:del")]


def test_the_changes_have_the_author_and_the_memo_date(history):
    root = docx.Document(str(history / "build" / "items" / f"{MEMO_ID}.redline.ja.docx")).element.body
    marks = list(root.iter(qn("w:ins"), qn("w:del")))
    assert {mark.get(qn("w:author")) for mark in marks} == {"briefing"}
    assert {mark.get(qn("w:date")) for mark in marks} == {"2025-07-03T00:00:00Z"}
    assert len({mark.get(qn("w:id")) for mark in marks}) == len(marks)
    # whole paragraphs: the inserted item's mark is inserted, the deleted item's deleted
    paragraph_marks = [mark.tag for mark in root.iter(qn("w:rPr")) if mark.getparent().tag == qn("w:pPr")
                       for mark in mark if mark.tag in (qn("w:ins"), qn("w:del"))]
    assert paragraph_marks.count(qn("w:ins")) == 2 and paragraph_marks.count(qn("w:del")) == 2


def _odt_text(odt: Path, accept: bool) -> str:
    """The text of a document LibreOffice saved as ODT, its tracked changes accepted or rejected; no spaces."""
    import zipfile

    from lxml import etree

    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    root = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    text_ns = "{%s}" % ns["text"]
    regions = {}
    for region in root.iterfind(".//text:changed-region", ns):
        kind = etree.QName(region[0]).localname
        content = [part for part in region[0] if etree.QName(part).localname != "change-info"]
        regions[region.get(f"{text_ns}id")] = (kind, "".join(text for part in content for text in part.itertext()))
    body = root.find(".//office:text", ns)
    tracked = body.find("text:tracked-changes", ns)
    if tracked is not None:
        body.remove(tracked)
    parts, skipping = [], set()
    for event, node in etree.iterwalk(body, events=("start", "end")):
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if event == "start":
            change = node.get(f"{text_ns}change-id")
            if tag == "change-start" and regions[change][0] == "insertion" and not accept:
                skipping.add(change)
            elif tag == "change-end":
                skipping.discard(change)
            elif tag == "change" and regions[change][0] == "deletion" and not accept:
                parts.append(regions[change][1])
            if node.text and not skipping and tag not in ("change-start", "change-end", "change"):
                parts.append(node.text)
        elif node.tail and not skipping and node is not body:
            parts.append(node.tail)
    return SPACES.sub("", "".join(parts))


@pytest.mark.parametrize("pair", ["items", "registry"])
def test_libreoffice_reads_the_changes_accepts_and_rejects_them(history, version_docx, tmp_path, pair):
    soffice = need_tool("soffice")
    old, new = PAIRS[pair]
    redline = history / "build" / pair / f"{MEMO_ID}.redline.ja.docx"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "odt",
                    "--outdir", str(tmp_path), str(redline)], check=True, capture_output=True, timeout=180)
    odt = tmp_path / f"{MEMO_ID}.redline.ja.odt"
    expected = {True: version_docx[new], False: version_docx[old]}
    for accept, folder in expected.items():
        wanted = SPACES.sub("", "".join(word_paragraphs(folder / f"{MEMO_ID}.ja.docx")))
        assert _odt_text(odt, accept) == wanted


def test_libreoffice_shows_the_deleted_and_the_inserted_words(history, tmp_path):
    pdf = libreoffice_pdf(history / "build" / "text" / f"{MEMO_ID}.redline.ja.docx", tmp_path)
    text = pdf_text(pdf)
    assert "トランプ" in text and "バイデン" in text


# ---- word boundaries and reproducible bytes ----

def _boundaries(pieces) -> set[int]:
    """Offsets in a cell's text where an underline starts or ends."""
    offsets, position = set(), 0
    for index, (text, underlined) in enumerate(pieces):
        if index and underlined != pieces[index - 1][1]:
            offsets.add(position)
        position += len(text)
    return offsets


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_no_hunk_boundary_falls_inside_a_word(history, pair, lang):
    from sudachipy import Dictionary, SplitMode  # the analyser itself, as compare calls it

    tokenizer = Dictionary(dict="small").tokenizer(mode=SplitMode.A)
    checked = 0
    for row in table_rows(history / "build" / pair / f"{MEMO_ID}.compare.{lang}.docx"):
        for text, underlined, pieces in row:
            if not underlined or plain(pieces).strip() == "":
                continue  # nothing or all of it changed: no boundary inside
            gap = text.find("\u3000" if lang == "ja" else " ") + 1 if pieces[0][0].strip().isdigit() else 0
            body = text[gap:]
            if lang == "ja":
                words, ends = [m.surface() for m in tokenizer.tokenize(body)], {0}
                for word in words:
                    ends.add(max(ends) + len(word))
            else:
                ends = {m.start() for m in re.finditer(r"\b", body)}
            inside = {offset - gap for offset in _boundaries(pieces) if offset > gap}
            assert inside <= ends, (body, sorted(inside - ends))
            checked += len(inside)
    assert checked or pair in ("block", "items")


def test_the_same_versions_give_the_same_bytes(tmp_path):
    import hashlib

    root = copy_workspace(tmp_path)
    old = tmp_path / "old.yaml"
    old.write_text((root / MEMO).read_text(encoding="utf-8").replace("このほか、双方は", "また、双方は"), encoding="utf-8")
    digests = []
    for out in ("one", "two"):
        result = run_cli("compare", MEMO_ID, "--old", str(old), "--lang", "ja", "--out", out, cwd=root)
        assert result.returncode == 0, result.stderr
        digests.append({path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in (root / out).iterdir()})
    assert digests[0] == digests[1] and len(digests[0]) == 3


def test_a_workspace_whose_templates_predate_compare_uses_the_packages_labels(tmp_path):
    root = copy_workspace(tmp_path)
    for name in ("_compare.html.j2", "compare.css"):
        (root / "templates" / name).unlink()
    strings = root / "templates" / "strings" / "en.yaml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text[:text.index("# briefing compare:")], encoding="utf-8")
    result = run_cli("compare", MEMO_ID, "--old", str(root / MEMO), "--lang", "en", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Changes are underlined" in pdf_text(root / "build" / f"{MEMO_ID}.compare.en.pdf")


def test_a_missing_old_file_is_a_message(tmp_path):
    root = copy_workspace(tmp_path)
    result = run_cli("compare", MEMO_ID, "--old", "nowhere.yaml", cwd=root)
    assert result.returncode == 2 and "nowhere.yaml" in result.stderr and "Traceback" not in result.stderr


def test_the_word_table_repeats_its_header_row_and_is_titled(history):
    word = docx.Document(str(history / "build" / "items" / f"{MEMO_ID}.compare.ja.docx"))
    rows = word.tables[0]._tbl.tr_lst
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])
    assert [cell.text for cell in word.tables[0].rows[0].cells] == ["改正後", "改正前"]
    assert word.core_properties.title == "カレ国連活動支援担当事務次長の訪日　新旧対照表"


def pdf_columns(path: Path) -> list[list[tuple[str, bool]]]:
    """The PDF table's body characters per column, each with whether an underline is drawn under it.

    WeasyPrint draws the table's borders and each underline as lines: a border meets the upright
    borders at their ends, an underline lies just below the characters it marks."""
    import pdfplumber

    columns = [[], []]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            flat = [line for line in page.lines if line["top"] == line["bottom"]]
            upright = [line for line in page.lines if line["x0"] == line["x1"]]
            corners = {end for line in upright for end in (line["top"], line["bottom"])}
            borders = [line for line in flat if any(abs(line["top"] - end) < 1 for end in corners)]
            rules = sorted({round(line["top"], 1) for line in borders})
            split = sorted(line["x0"] for line in upright)[len(upright) // 2]
            marks = [line for line in flat if line not in borders]
            for char in page.chars:  # in the order they are drawn, which is the reading order
                if not rules[1] < char["top"] < rules[-1] or not char["text"].strip():
                    continue  # the header row, the title and note above, the page number below
                centre = (char["x0"] + char["x1"]) / 2
                under = any(mark["x0"] <= centre <= mark["x1"] and -1 <= mark["top"] - char["bottom"] <= 4
                            for mark in marks)
                columns[centre > split].append((char["text"], under))
    return columns


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_the_pdf_underlines_exactly_what_the_word_table_does(history, pair, lang):
    """Every character the Word table underlines is underlined in the PDF, and no other (spaces aside)."""
    folder = history / "build" / pair
    rows = table_rows(folder / f"{MEMO_ID}.compare.{lang}.docx")
    marked = 0
    for side, drawn in enumerate(pdf_columns(folder / f"{MEMO_ID}.compare.{lang}.pdf")):
        for underlined in (True, False):
            word = SPACES.sub("", "".join(text for row in rows for text, under in row[side][2] if under == underlined))
            pdf = SPACES.sub("", "".join(text for text, under in drawn if under == underlined))
            assert pdf == word, (side, underlined)
        marked += sum(under for _, under in drawn)
    assert marked  # every pair changes something


def test_the_redline_starts_from_builds_word_file_only_when_it_is_this_version(tmp_path):
    """A Word file the build wrote from the working copy is the redline's start (the same bytes a render gives);
    one written before the memo was edited is not: the edit still shows."""
    root = copy_workspace(tmp_path / "ws")
    memo = root / "content" / f"{MEMO_ID}.yaml"
    old = tmp_path / "old.yaml"
    old.write_text(memo.read_text(encoding="utf-8"), encoding="utf-8")
    edit(memo, "意見を交わしました。", "意見を交換しました。")
    assert run_cli("compare", MEMO_ID, "--old", str(old), "--out", "alone", cwd=root).returncode == 0
    assert run_cli("build", MEMO_ID, "--format", "docx", cwd=root).returncode == 0
    built = (root / "build" / f"{MEMO_ID}.ja.docx").read_bytes()
    assert run_cli("compare", MEMO_ID, "--old", str(old), "--out", "reused", cwd=root).returncode == 0
    assert (root / "reused" / f"{MEMO_ID}.redline.ja.docx").read_bytes() == \
        (root / "alone" / f"{MEMO_ID}.redline.ja.docx").read_bytes()
    assert (root / "build" / f"{MEMO_ID}.ja.docx").read_bytes() == built  # the build's file is left as it was
    edit(memo, "意見を交換しました。", "意見を交換した。")  # build/ now holds an older version
    assert run_cli("compare", MEMO_ID, "--old", str(old), "--out", "stale", cwd=root).returncode == 0
    accepted = " ".join(word_paragraphs(root / "stale" / f"{MEMO_ID}.redline.ja.docx", accept=True))
    assert "意見を交換した。" in accepted and "意見を交換しました。" not in accepted
