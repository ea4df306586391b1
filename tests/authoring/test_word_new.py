"""`briefing import --new`: a memo typed by hand in Word from reference.docx's styles starts a content file.

The drafts (typed_drafts.py) are made with python-docx, imitating what Word writes; no file saved by Microsoft
Word itself was available. One workspace per module: the drafts are typed, saved again by LibreOffice and
imported once, then built once and rendered through LibreOffice in one call.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import typed_drafts
from conftest import copy_workspace, need_tool, pdf_text, run_cli

from briefing.authoring.word_blocks import BlockMapper
from briefing.authoring.word_new import parse_date
from briefing.view.html import Templates

PLACEHOLDER = {"ja": "（ここに訳文を書く）", "en": "(write the translation here)"}


def soffice(outdir: Path, fmt: str, *sources: Path) -> None:
    """One LibreOffice call converting every source to `fmt` into `outdir` (a private profile)."""
    profile = outdir / f"lo-profile-{uuid.uuid4().hex}"
    outdir.mkdir(exist_ok=True)
    try:
        subprocess.run([need_tool("soffice"), f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)],
                       capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for source in sources:
        assert (outdir / f"{source.stem}.{fmt}").is_file(), f"LibreOffice did not convert {source.name}"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict:
    """The drafts, LibreOffice's re-saved copies, and the result of importing each as a new memo."""
    root = copy_workspace(tmp_path_factory.mktemp("typed"))
    reference, drafts = root / "templates" / "reference.docx", root / "drafts"
    drafts.mkdir()
    ja, en = typed_drafts.japanese(reference, drafts / "ja.docx"), typed_drafts.english(reference, drafts / "en.docx")
    odd = typed_drafts.unmappable(reference, root / "content/assets/pko-symposium-2025/flyer.jpg", drafts / "odd.docx")
    soffice(root / "resaved", "docx", ja, en)
    results = {}
    for memo, draft, *lang in (("typed-ja", ja), ("typed-en", en),
                               ("resaved-ja", root / "resaved/ja.docx", "--lang", "ja"),  # --lang as detected
                               ("resaved-en", root / "resaved/en.docx"), ("odd", odd)):
        results[memo] = run_cli("import", "--new", str(draft), memo, *lang, cwd=root)
    return {"root": root, "results": results}


def memo(imported, memo_id: str) -> dict:
    return YAML(typ="safe").load((imported["root"] / "content" / f"{memo_id}.yaml").read_text(encoding="utf-8"))


def test_a_japanese_draft_with_typed_numbers_becomes_blocks(imported):
    result = imported["results"]["typed-ja"]
    assert result.returncode == 0, result.stderr
    t, data = typed_drafts.JA_TEXT, memo(imported, "typed-ja")
    assert (data["type"], data["date"], data["issuer"]) == ("readout", dt.date(2025, 7, 4), "mod")
    assert data["closing"] is True
    assert "calendar" not in data  # 令和 is the house style's (mod) own calendar
    assert data["title"] == {"ja": t["title"], "en": PLACEHOLDER["en"]}
    first, second = data["body"]
    assert first["section"]["ja"] == t["heading1"] and "numbered" not in first  # the typed 1 stripped, numbered
    items = first["body"][0]["numbered"]
    assert [i["text"]["ja"] for i in items] == [f"{t['item1']}\n{t['item1_more']}", t["item2"]]  # （1）, （2）
    # stripped, the unnumbered paragraph is item (1)'s second, the smart tag is read
    assert [i["text"]["ja"] for i in items[0]["numbered"]] == [t["item1a"], t["item1b"]]  # ア, イ one level deeper
    assert [b["ja"] for b in items[1]["bullets"]] == [t["bullet1"], t["bullet2"]]  # ● stripped, under item (2)
    assert second["body"][0] == {"paragraph": {"ja": t["paragraph"], "en": PLACEHOLDER["en"]}}
    box = second["body"][1]
    assert box["reference"]["ja"] == t["box_title"] and "label" not in box  # （参考） is the house label
    assert box["body"] == [{"paragraph": {"ja": t["box_text"], "en": PLACEHOLDER["en"]}}]
    assert "will print" not in result.stdout, result.stdout  # its own comparison found the texts equal


def test_an_english_draft_with_word_numbering_becomes_blocks(imported):
    result = imported["results"]["typed-en"]
    assert result.returncode == 0, result.stderr
    t, data = typed_drafts.EN_TEXT, memo(imported, "typed-en")
    assert data["type"] == "result-summary"  # ": Summary of Results" ends the title: the type's label
    assert data["title"]["en"] == t["title"]
    assert data["date"] == dt.date(2025, 7, 10) and "date: 2025-07-10, the first date of the lead" in result.stdout
    assert data["issuer"] == "cao-ipchq" and data["closing"] is True
    participants, summary = data["body"]
    assert participants["section"] == {"en": t["heading1"], "ja": PLACEHOLDER["ja"]}  # typed "1.\t" stripped
    assert [i["text"]["en"] for i in participants["body"][0]["numbered"]] == [t["item1"], t["item2"]]
    item, box, links = summary["body"][0]["numbered"][0], summary["body"][1], summary["body"][2]
    assert item["text"]["en"] == t["item3"]
    assert [i["text"]["en"] for i in item["numbered"]] == [t["item3a"], t["item3b"]]  # (i), (ii): Word's level 2
    assert [b["en"] for b in item["numbered"][1]["bullets"]] == [t["bullet1"], t["bullet2"]]  # Word's bullet list
    assert box["reference"]["en"] == t["box_title"]
    assert links == {"links": [{"text": {"en": t["link"], "ja": PLACEHOLDER["ja"]}, "url": t["url"]}],
                     "label": {"en": t["links_label"], "ja": PLACEHOLDER["ja"]}}  # the hyperlink's address kept
    assert "will print" not in result.stdout, result.stdout


def test_libreoffice_saving_the_draft_again_changes_nothing_imported(imported):
    """LibreOffice renames style ids (Body Text → TextBody), drops aliases and splits runs: same memo."""
    with zipfile.ZipFile(imported["root"] / "resaved" / "ja.docx") as archive:
        styles = archive.read("word/styles.xml").decode()
    assert 'w:styleId="TextBody"' in styles and "w:aliases" not in styles  # what the reader had to cope with
    for lang in ("ja", "en"):
        assert imported["results"][f"resaved-{lang}"].returncode == 0, imported["results"][f"resaved-{lang}"].stderr
        assert memo(imported, f"resaved-{lang}") == memo(imported, f"typed-{lang}")


def test_a_draft_typed_over_an_old_memo_takes_the_numbers_its_styles_give(imported, built):
    """Heading 1 and Numbered Item are linked to the old memo's list: numbered without a number in the text."""
    root = imported["root"]
    draft = typed_drafts.from_old_memo(built / "pko-symposium-2025.ja.docx", root / "drafts" / "old.docx")
    result = run_cli("import", "--new", str(draft), "from-old", cwd=root)
    assert result.returncode == 0, result.stderr
    data = memo(imported, "from-old")
    assert data["date"] == dt.date(2025, 8, 1) and data["issuer"] == "cao-ipchq"
    assert [(s["section"]["ja"], "numbered" in s) for s in data["body"]] == [("出席者", False), ("概要", False)]
    assert [i["text"]["ja"] for i in data["body"][0]["body"][0]["numbered"]] == ["第一の点です。", "第二の点です。"]
    assert "will print" not in result.stdout, result.stdout


def test_check_finds_nothing_but_the_texts_to_translate(imported):
    result = run_cli("check", "typed-ja", "typed-en", cwd=imported["root"])  # the drafts of this module
    assert result.returncode == 0, result.stdout + result.stderr
    findings = re.findall(r"^\s*content/\S+:\d+:\d+: (.*)$", result.stderr, re.MULTILINE)
    to_translate = sum(line.count(PLACEHOLDER["en" if lang == "ja" else "ja"]) for lang in ("ja", "en")
                       for line in (imported["root"] / "content" / f"typed-{lang}.yaml").read_text("utf-8").splitlines()
                       if not line.startswith("#"))
    assert to_translate == 13 + 15 and len(findings) == 2 + to_translate, result.stderr  # a lock note per memo
    assert all(f.startswith(("warning: text still to write: ", "warning: translations not yet confirmed"))
               for f in findings), "\n".join(findings)


def test_the_build_prints_the_text_of_the_word_file(imported):
    root = imported["root"]
    result = run_cli("build", "typed-ja", "typed-en", "--format", "docx", cwd=root)
    assert result.returncode == 0, result.stderr
    built = [root / "build" / "typed-ja.ja.docx", root / "build" / "typed-en.en.docx"]
    soffice(root / "pdf", "pdf", root / "drafts/ja.docx", root / "drafts/en.docx", *built)

    def text(name: str) -> str:
        shown = pdf_text(root / "pdf" / f"{name}.pdf")
        return re.sub(r"\s+", "", re.sub(r"-\s*1\s*/\s*1\s*-", "", shown))  # the built file's page footer
    assert text("typed-ja.ja") == text("ja") and "（1）冒頭" in text("ja")
    assert text("typed-en.en") == text("en") and "(a)Expertsfrom" in text("en")


def test_what_it_cannot_map_is_reported_with_its_place(imported):
    result = imported["results"]["odd"]
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"odd\.docx: paragraph 3: 「flyer\.jpg」: a picture", out), out
    assert re.search(r"paragraph 4: 「表の左上 表の右下」: table 1 \(4 cells\) is not a reference box", out), out
    assert re.search(r"paragraph 8: 「テキストボックスの文」: a text box", out), out
    assert re.search(r"paragraph 9: 「独自の書式の段落です。」: style 'My Note' is not one of", out), out
    assert re.search(r"paragraph 10: 「・中黒で始めた行です。」: typed bullet ・ is not the house style's ●", out), out
    assert re.search(r"paragraph 16: 「結びの後に書いた段落です。」: after the closing mark （以上）", out), out
    data = memo(imported, "odd")
    *paragraphs, styled, framed, after = data["body"]
    assert data["closing"] is True and after["paragraph"]["ja"] == "結びの後に書いた段落です。"
    assert [block["paragraph"]["ja"] for block in paragraphs] == [
        "最初の段落です。", "枠の前の文。", "独自の書式の段落です。", "・中黒で始めた行です。",
        "変更履歴で新しい語にした段落です。"]  # the tracked insertion counts, the deletion does not
    assert styled["reference"]["ja"] == "スタイルで書いた参考"  # the box's styles without a table
    assert styled["body"] == [{"paragraph": {"ja": "参考の本文のスタイルの段落です。", "en": PLACEHOLDER["en"]}}]
    assert framed["reference"] is None and framed["body"][0]["paragraph"]["ja"] == "罫線で囲んだ段落です。"


def test_it_never_overwrites_and_writes_nothing_from_an_empty_file(imported):
    root = imported["root"]
    before = (root / "content" / "typed-ja.yaml").read_bytes()
    again = run_cli("import", "--new", "drafts/en.docx", "typed-ja", cwd=root)
    assert again.returncode == 1 and "already exists" in again.stderr + again.stdout
    assert (root / "content" / "typed-ja.yaml").read_bytes() == before
    empty = typed_drafts.blank(root / "templates" / "reference.docx")
    empty.save(root / "drafts" / "empty.docx")
    nothing = run_cli("import", "--new", "drafts/empty.docx", "empty", cwd=root)
    assert nothing.returncode == 1 and "nothing to import" in nothing.stdout + nothing.stderr
    assert "Traceback" not in nothing.stderr and not (root / "content" / "empty.yaml").exists()


@pytest.mark.parametrize("lang, typed, level, rest", [
    ("ja", "（１）全角の番号", 1, "全角の番号"), ("ja", "（1）半角の番号", 1, "半角の番号"),
    ("ja", "ア　カタカナ", 2, "カタカナ"), ("ja", "（ア）括弧のカタカナ", 3, "括弧のカタカナ"),
    ("ja", "2025年6月27日に", None, "2025年6月27日に"), ("ja", "アジアの平和", None, "アジアの平和"),
    ("en", "1. One", 0, "One"), ("en", "(b) Two", 1, "Two"), ("en", "(iv) Four", 2, "Four"),
    ("en", "1950 was a year", None, "1950 was a year"),
])
def test_typed_numbers_are_the_house_numbering_levels(lang, typed, level, rest):
    strings = Templates(Path(__file__).resolve().parents[2] / "templates").strings[lang]
    assert BlockMapper(strings, lambda text: text).typed_number(typed) == (level, rest)


@pytest.mark.parametrize("text, expected", [
    ("2025年6月27日（金）", (dt.date(2025, 6, 27), None, False)), ("令和元年５月１日", (dt.date(2019, 5, 1), None, True)),
    ("令和7年7月3日（木）～4日（金）", (dt.date(2025, 7, 3), dt.date(2025, 7, 4), True)),
    ("2025年7月30日～8月2日", (dt.date(2025, 7, 30), dt.date(2025, 8, 2), False)),
    ("Friday, June 27, 2025", (dt.date(2025, 6, 27), None, False)),
    ("July 3–4, 2025", (dt.date(2025, 7, 3), dt.date(2025, 7, 4), False)),
    ("On 27 June 2025, the", (dt.date(2025, 6, 27), None, False)), ("2025年13月1日", None), ("no date here", None),
])
def test_date_lines_are_read_in_both_languages(text, expected):
    assert parse_date(text) == expected
