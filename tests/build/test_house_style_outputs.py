"""Every house-style convention, built into PDF and Word in both languages and read back as officials see it.

One workspace holds a memo per style (MOFA's from the package's styles, the workspace's own `custom`
style, the default strings), built once; each test asserts the printed text of the PDF (pdftotext) and
of the reopened Word file (python-docx; LibreOffice for Word's own numbering and bullets).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import copy_workspace, libreoffice_pdf, pdf_text, run_cli
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

MOFA = """\
type: readout
date: 2025-09-22
time: "14:00"
japan_date: 2025-09-23
japan_time: "3:00"
duration: 30
published: {ja: 2025-09-22, en: 2025-09-23}
issuer: mofa
style: {reference_box: {numbered: true}}
title:
  ja: "[[fujii-hisayuki:surname]]と[[garcia-perez:surname|国連事務次長補]]との会談"
  en: Meeting between [[fujii-hisayuki:surname]] and [[garcia-perez:short]]
lead:
  ja: >-
    現地時間[[date:short]][[time]]から（日本時間[[japan-date:day]][[japan-time]]から）約[[duration]]、
    [[fujii-hisayuki:reading]]は[[garcia-perez:latin]]と会談しました。
  en: >-
    On [[date:short]], commencing at [[time]] (local time; [[japan-time]] on [[japan-date:short]], Japan time)
    for approximately [[duration]], [[fujii-hisayuki]] met [[garcia-perez]].
body:
  - numbered:
      - text:
          ja: >-
            冒頭、[[fujii-hisayuki:short]]から歓迎を述べました。

            続いて、[[fujii-hisayuki:short]]は[[abe-shinzo:former]]の表明に触れました。
          en: >-
            At the outset, [[fujii-hisayuki:short]] welcomed the guest.

            [[fujii-hisayuki:short]] then recalled the pledge made by [[abe-shinzo:former]].
      - text:
          ja: "[[garcia-perez:short]]は、[[kovacs-peter]]との協議に触れました。"
          en: "[[garcia-perez:short]] mentioned talks with [[kovacs-peter]]."
      - text:
          ja: "[[fujii-hisayuki:surname|外務大臣臨時代理]]と[[kimura-prof:honorific]]が同席しました。"
          en: "[[fujii-hisayuki:surname|Acting Minister for Foreign Affairs]] and [[kimura-prof:honorific]] attended."
  - bullets:
      - {ja: 人材育成, en: Training}
  - reference: {ja: 平和構築委員会, en: Peacebuilding Commission}
    body:
      - paragraph: {ja: 国連の諮問機関。, en: A UN advisory body.}
  - reference:
    body:
      - paragraph: {ja: 題の無い注。, en: A note without a title.}
"""

CUSTOM_STYLE = """\
description: an office of the test workspace
attendees: {numbered: false}
dateline: {position: below-title}
ja:
  labels: {reference: 【参考】, closing: 以上}
  bullet: ◆
  names: {attendee: "{name}　{title}", reading_separator: " "}
  dates: {date: y年M月d日（EEEE）}
  numbering:
    - {format: decimal-fullwidth, text: "{}．"}
    - {format: katakana, text: "（{}）"}
en:
  labels: {reference: "[Note] ", closing: "- End -"}
  bullet: "◇"
  names: {attendee: "{name} ({title})", upper: []}
  numbering:
    - {format: upper-alpha, text: "{}."}
    - {format: lower-roman, text: "({})"}
"""

CUSTOM = """\
type: readout
date: 2025-06-27
issuer: test-office
title:
  ja: |-
    第一行の題
    第二行の題
  en: |-
    First line of the title
    Second line of the title
lead:
  ja: "[[date]]、[[fujii-hisayuki:reading]]が出席しました。"
  en: On [[date]], [[fujii-hisayuki]] attended.
body:
  - attendees:
      - person: fujii-hisayuki
      - person: nakatani-gen
  - numbered:
      - text: {ja: 第一の項目, en: First item}
        numbered:
          - text: {ja: 下の項目, en: Nested item}
      - text: {ja: 第二の項目, en: Second item}
  - bullets:
      - {ja: 箇条, en: Point}
  - reference:
    body:
      - paragraph:
          ja: |-
            枠の第一段落。

            枠の第二段落。
          en: |-
            First paragraph in the box.

            Second paragraph in the box.
"""

DEFAULT = """\
type: readout
date: 2025-06-27
issuer: un
title: {ja: 既定の体裁, en: Default conventions}
style: {ja: {labels: {reference: ""}}, en: {labels: {reference: ""}}}
body:
  - paragraph: {ja: "[[date:weekday]]の会合。[[nakatani-gen:short]]", en: "A meeting on [[date:weekday]]. [[nakatani-gen:short]]"}
  - reference:
    body:
      - paragraph: {ja: 見出し行の無い注。, en: A note with no heading line.}
"""

JAPANESE_ONLY = """\
type: readout
date: 2019-04-26
calendar: era
languages: [ja]
issuer: cao-ipchq
title: {ja: 日本語だけの通知}
body:
  - paragraph: {ja: "[[date]]、[[kimura-shiro:honorific]]が報告しました。本[[date:day]]のこと。"}
"""


@pytest.fixture(scope="module")
def styled(tmp_path_factory) -> Path:
    """A workspace with a memo per style, built once in both formats and languages."""
    root = copy_workspace(tmp_path_factory.mktemp("styles"))
    shutil.rmtree(root / "templates" / "styles")  # mofa comes from the package's copy
    (root / "templates" / "styles").mkdir()
    (root / "templates" / "styles" / "custom.yaml").write_text(CUSTOM_STYLE, encoding="utf-8")
    with (root / "content" / "_registry" / "people.yaml").open("a", encoding="utf-8") as out:
        out.write("kimura-prof:\n  ja: {family: 木村, given: 一郎}\n  latin: {family: Kimura, given: Ichiro}\n"
                  "  honorific: {ja: 教授, en: Prof.}\n  title: {ja: 大学教授, en: Professor}\n")
    with (root / "content" / "_registry" / "organizations.yaml").open("a", encoding="utf-8") as out:
        out.write("test-office:\n  name: {ja: 試験室, en: Test Office}\n  style: custom\n")
    for memo in root.joinpath("content").glob("*.yaml"):
        memo.unlink()  # only this file's memos
    for name, text in (("mofa", MOFA), ("custom", CUSTOM), ("default", DEFAULT), ("jaonly", JAPANESE_ONLY)):
        (root / "content" / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = run_cli("build", "--format", "pdf", "--format", "docx", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"


def flat(text: str, lang: str) -> str:
    """Text with its line breaks undone: Japanese without any spaces, English with single spaces."""
    if lang == "ja":
        return re.sub(r"\s+", "", text)
    return re.sub(r"-\s+(?=[A-Z])", "-", re.sub(r"\s+", " ", text))


def pdf(build: Path, name: str, lang: str) -> str:
    return flat(pdf_text(build / f"{name}.{lang}.pdf", "-layout"), lang)


def all_paragraphs(path: Path) -> list[Paragraph]:
    """Every paragraph of a Word file in reading order, those in tables (a reference box's cell) included."""
    document = docx.Document(str(path))
    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def word(build: Path, name: str, lang: str) -> str:
    return flat("\n".join(p.text for p in all_paragraphs(build / f"{name}.{lang}.docx")), lang)


def both(build: Path, name: str, lang: str) -> list[str]:
    return [pdf(build, name, lang), word(build, name, lang)]


def expect(texts: list[str], lang: str, *present: str, absent: tuple[str, ...] = ()) -> None:
    for text in texts:
        for part in present:
            assert flat(part, lang) in text
        for part in absent:
            assert flat(part, lang) not in text


def test_mofa_date_line_publication_date_per_language(styled):
    ja, en = both(styled, "mofa", "ja"), both(styled, "mofa", "en")
    expect(ja, "ja", "令和7年9月22日藤井外務副大臣", absent=("令和7年9月22日（", "外務省"))  # no weekday, no issuer line
    expect(en, "en", "September 23, 2025 Meeting between", absent=("Monday", "Ministry of Foreign Affairs of Japan"))


def test_default_date_line_has_weekday_and_issuer(styled):
    expect(both(styled, "default", "ja"), "ja", "2025年6月27日（金）国際連合", "金曜日の会合。中谷大臣")
    expect(both(styled, "default", "en"), "en", "Friday, June 27, 2025 United Nations",
           "A meeting on Friday. Minister NAKATANI")


def test_reference_note_without_a_heading_line(styled):
    for lang, text in (("ja", "見出し行の無い注。"), ("en", "A note with no heading line.")):
        paragraphs = [p for p in all_paragraphs(styled / f"default.{lang}.docx") if p.text.strip()]
        note = next(i for i, p in enumerate(paragraphs) if p.text == text)
        assert paragraphs[note].style.name == "Reference Box"  # framed, with no title line above it
        assert paragraphs[note - 1].style.name != "Reference Title"
        assert flat(text, lang) in pdf(styled, "default", lang)


def test_times_durations_local_and_japan_time(styled):
    expect(both(styled, "mofa", "ja"), "ja", "現地時間9月22日午後2時から（日本時間23日午前3時から）約30分間、")
    expect(both(styled, "mofa", "en"), "en", "On September 22, commencing at 2:00 p.m. (local time; 3:00 a.m. on "
                                              "September 23, Japan time) for approximately 30 minutes,")


def test_mofa_name_forms(styled):
    ja = both(styled, "mofa", "ja")
    expect(ja, "ja", "藤井外務副大臣とガルシア国連事務次長補との会談", "藤井比早之（ふじい・ひさゆき）外務副大臣は",
           "マリア・ガルシア・ペレス国連事務次長補（平和構築支援担当）（Ms. María García Pérez, Assistant "
           "Secretary-General for Peacebuilding Support, United Nations）", "冒頭、藤井副大臣から",
           "安倍総理大臣（当時）", "ガルシア事務次長補は、コヴァーチ・ペーテルハンガリー外務貿易省次官との",
           "藤井外務大臣臨時代理と木村教授が同席しました。")
    en = both(styled, "mofa", "en")
    expect(en, "en", "Meeting between State Minister for Foreign Affairs Fujii and Assistant Secretary-General García",
           "Mr. FUJII Hisayuki, State Minister for Foreign Affairs met Ms. María García Pérez",
           "At the outset, State Minister Fujii welcomed", "then Prime Minister Abe",
           "talks with Mr. KOVÁCS Péter, State Secretary",
           "Acting Minister for Foreign Affairs Fujii and Prof. Kimura attended.", absent=("State Minister FUJII",))


def test_numbered_plain_reference_notes_and_closing(styled):
    expect(both(styled, "mofa", "ja"), "ja", "［参考1］平和構築委員会国連の諮問機関。", "［参考2］題の無い注。",
           "（以上）", absent=("［参考3］",))
    expect(both(styled, "mofa", "en"), "en", "(Reference 1) Peacebuilding Commission A UN advisory body.",
           "(Reference 2) A note without a title.", absent=("(End)", "(Reference 3)"))


def test_custom_style_from_the_workspace(styled):
    ja, en = both(styled, "custom", "ja"), both(styled, "custom", "en")
    expect(ja, "ja", "第二行の題2025年6月27日（金）試験室", "2025年6月27日（金曜日）、藤井比早之（ふじい ひさゆき）外務副大臣が",
           "藤井比早之　外務副大臣", "中谷元　防衛大臣", "【参考】枠の第一段落。", "以上", absent=("（以上）", "（1）"))
    expect(en, "en", "Second line of the title Friday, June 27, 2025 Test Office",
           "Fujii Hisayuki (State Minister for Foreign Affairs)", "Nakatani Gen (Minister of Defense)",
           "[Note] First paragraph in the box.", "- End -", absent=("FUJII",))


def test_paragraphs_and_title_lines(styled):
    for lang, first, second in (("ja", "第一行の題", "第二行の題"), ("en", "First line of the title",
                                                                   "Second line of the title")):
        assert re.search(rf"{first}\s*\n\s*{second}", pdf_text(styled / f"custom.{lang}.pdf"))
        paragraphs = [p.text for p in docx.Document(str(styled / f"custom.{lang}.docx")).paragraphs]
        assert f"{first}\n{second}" in paragraphs  # one title paragraph with a line break
    for lang, one, two in (("ja", "冒頭、藤井副大臣から歓迎を述べました。", "続いて、藤井副大臣は"),
                           ("en", "At the outset, State Minister Fujii welcomed the guest.",
                            "State Minister Fujii then recalled")):
        paragraphs = [p.text for p in docx.Document(str(styled / f"mofa.{lang}.docx")).paragraphs]
        first = next(i for i, text in enumerate(paragraphs) if text.startswith(one))
        assert paragraphs[first] == one and paragraphs[first + 1].startswith(two)  # two Word paragraphs
        assert re.search(rf"{re.escape(one[:8])}.*\n\s*{re.escape(two[:6])}",
                         pdf_text(styled / f"mofa.{lang}.pdf", "-layout"))


@pytest.mark.parametrize("lang, markers, bullet", [
    ("ja", ["１．第一の項目", "（ア）下の項目", "２．第二の項目"], "◆箇条"),
    ("en", ["A. First item", "(i) Nested item", "B. Second item"], "◇ Point"),
])
def test_numbering_levels_and_bullets_from_the_style(styled, tmp_path, lang, markers, bullet):
    printed = flat(pdf_text(styled / f"custom.{lang}.pdf"), lang)
    rendered = flat(pdf_text(libreoffice_pdf(styled / f"custom.{lang}.docx", tmp_path)), lang)
    for text in (printed, rendered):  # Word draws its own numbering: seen through LibreOffice
        for part in markers:
            assert flat(part, lang) in text
        assert flat(bullet, lang).replace(" ", "") in text.replace(" ", "")


def test_japanese_only_memo_needs_no_latin_names(styled):
    expect(both(styled, "jaonly", "ja"), "ja", "平成31年4月26日（金）、木村教授が報告しました。本26日のこと。")
    assert not (styled / "jaonly.en.pdf").exists()


def test_english_text_naming_a_person_without_latin_is_an_error(tmp_path):
    root = copy_workspace(tmp_path / "ws")
    (root / "content" / "memo.yaml").write_text(DEFAULT.replace("[[nakatani-gen:short]]", "[[kimura-shiro]]"),
                                                 encoding="utf-8")
    result = run_cli("check", "content/memo.yaml", cwd=root)
    assert result.returncode == 1
    assert "memo.yaml:7:" in result.stdout + result.stderr
    assert "names 'kimura-shiro', who has no Latin spelling: add latin:" in result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_reference_look_framed_or_plain_in_word(styled, lang):
    def style_of(name: str, start: str) -> str:
        return next(p.style.name for p in all_paragraphs(styled / f"{name}.{lang}.docx") if p.text.startswith(start))
    plain = {"ja": "［参考1］", "en": "(Reference 1)"}[lang]
    framed = {"ja": "【参考】", "en": "[Note]"}[lang]
    assert style_of("mofa", plain) == "Links Label"  # mofa: a plain label line, no frame
    assert style_of("custom", framed) == "Reference Title"  # the framed box of reference.docx
    body = {"ja": "枠の第一段落。", "en": "First paragraph in the box."}[lang]
    assert style_of("custom", body) == "Reference Box"
