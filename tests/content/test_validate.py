"""Memo validation: every problem reported at its path:line:col with what would be right."""

from pathlib import Path

import pytest

from briefing.check.memos import check
from briefing.content.workspace import Workspace

GOOD = """\
type: readout
date: 2025-07-04
issuer: mod
title: {ja: 表敬, en: Courtesy call}
body:
  - paragraph:
      ja: "[[date:short]]、[[nakatani-gen:reading]]は表敬を受けました。"
      en: "On [[date:short]], [[nakatani-gen]], received a courtesy call."
"""


def problems(workspace: Path, text: str) -> list[str]:
    (workspace / "content" / "memo.yaml").write_text(text, encoding="utf-8")
    checked = check(Workspace.at(workspace), ["content/memo.yaml"])
    return [f"{p.line}:{p.column}: {p.message}" for p in checked.problems if p.severity == "error"]


def test_examples_are_clean(workspace):
    checked = check(Workspace.at(workspace), [])
    assert [loaded.path.stem for loaded in checked.memos] == ["heisei-notice", "khare-visit-2025", "mofa-style-readout",
                                                                   "pko-symposium-2025"]
    assert checked.problems == []


def test_good_memo(workspace):
    assert problems(workspace, GOOD) == []


@pytest.mark.parametrize("edit, expected", [
    (("title:", "titel:"), "4:1: unknown field 'titel'; did you mean 'title'?"),
    (("type: readout", "type: minutes"), "1:7: unknown memo type 'minutes'; expected one of: readout, result-summary"),
    (("issuer: mod", "issuer: mdo"), "3:9: unknown organization 'mdo'; did you mean 'mod'?"),
    (("date: 2025-07-04", "date: 4 July"), "2:7: 'date' must be a date written YYYY-MM-DD, found '4 July'"),
    (("en: Courtesy call}", "en: ''}"), "4:21: English text is empty; add en: …, or mark the block only: …"),
    (("[[nakatani-gen]]", "[[nakatani]]"),
     "8:11: unknown reference [[nakatani]]: not a person or organization id in content/_registry/, nor one of: "
     "date, japan-date, time, japan-time, duration"),
    (("[[date:short]]、", "[[date:long]]、"),
     "7:11: unknown form 'long' in [[date:long]]; expected one of: full, short, day, weekday"),
    (("  - paragraph:", "  - paragrap:"), "6:5: a block must start with one of: paragraph, numbered, bullets, "
     "attendees, links, figure, reference, section, readout; did you mean 'paragraph'?"),
])
def test_single_mistakes(workspace, edit, expected):
    assert problems(workspace, GOOD.replace(*edit)) == [expected]


def test_missing_language_points_at_the_text(workspace):
    text = GOOD.replace('      en: "On [[date:short]], [[nakatani-gen]], received a courtesy call."\n', "")
    assert problems(workspace, text) == ["7:7: English text is missing; add en: …, or mark the block only: …"]


def test_one_language_block_needs_only_its_language(workspace):
    text = GOOD + "  - paragraph: {ja: 日本語だけの注記}\n    only: ja\n"
    assert problems(workspace, text) == [
        "10:5: a Japanese-only block in a memo written in both languages: add reason: … saying why the English "
        "has none, or translate it"]
    text += "    reason: 国内向けの補足\n"
    assert problems(workspace, text) == []


def test_all_problems_of_a_file_at_once(workspace):
    schema_mistakes = GOOD.replace("date: 2025-07-04", "date: someday").replace("body:", "bdy:")
    assert problems(workspace, schema_mistakes) == [
        "2:7: 'date' must be a date written YYYY-MM-DD, found 'someday'",
        "5:1: unknown field 'bdy'; did you mean 'body'?",
    ]
    meaning_mistakes = GOOD.replace("issuer: mod", "issuer: nobody") + "end_date: 2025-07-01\n"
    meaning_mistakes = meaning_mistakes.replace("[[nakatani-gen]]", "[[ghost]]")
    assert problems(workspace, meaning_mistakes) == [
        "3:9: unknown organization 'nobody'; add it to content/_registry/organizations.yaml with your names, "
        "e.g. this line:  nobody: {name: {ja: 〇〇省, en: Ministry of …}}",
        "8:11: unknown reference [[ghost]]: not a person or organization id in content/_registry/, nor one of: "
        "date, japan-date, time, japan-time, duration",
        "9:11: end_date is before date; swap them or fix the day",
    ]


def test_yes_is_not_a_boolean(workspace):
    text = GOOD.replace("body:\n", "body:\n  - attendees: [{person: khare, online: yes}]\n")
    assert problems(workspace, text) == ["6:41: 'online' must be true or false, found 'yes'"]


def test_links_figures_and_depth(workspace):
    text = GOOD + """\
  - links: [{text: {ja: リンク, en: Link}, url: "javascript:alert(1)"}]
  - figure: ../../etc/passwd
    caption: {ja: 写真, en: Photo}
  - figure: assets/none.png
    caption: {ja: 写真, en: Photo}
  - numbered:
      - text: {ja: 一, en: One}
        numbered:
          - text: {ja: 二, en: Two}
            numbered:
              - text: {ja: 三, en: Three}
                numbered:
                  - text: {ja: 四, en: Four}
"""
    assert problems(workspace, text) == [
        "9:46: link 'javascript:alert(1)' must start with http://, https:// or mailto:",
        "10:13: an image must be a path inside content/, e.g. assets/photo.png",
        "12:13: image not found: content/assets/none.png",
        "20:17: numbering nested 4 levels deep; the templates define 3 levels",
    ]


def test_unknown_attendee_and_end_before_start(workspace):
    text = GOOD.replace("body:\n", "end_date: 2025-07-03\nbody:\n  - attendees: [{person: kahre}]\n")
    assert problems(workspace, text) == [
        "5:11: end_date is before date; swap them or fix the day",
        "7:26: unknown person 'kahre'; did you mean 'khare'?",
    ]


def test_era_style_needs_a_date_it_can_write(workspace):
    text = GOOD.replace("date: 2025-07-04\n", "date: 1926-12-24\ncalendar: era\n") + \
        "  - readout: {ja: 会談, en: Talks}\n    date: 1926-12-25\n    body: [{paragraph: {ja: 本文, en: Text}}]\n"
    (workspace / "content" / "memo.yaml").write_text(text, encoding="utf-8")
    checked = check(Workspace.at(workspace), ["content/memo.yaml"])
    errors = [(p.line, p.column, p.lang, p.message) for p in checked.problems if p.severity == "error"]
    assert errors == [(2, 7, "ja", "1926-12-24 is before 昭和 (1926-12-25), the oldest era this tool writes; "
                                   "set calendar: gregorian")]
    assert checked.memos[0].blocked() == {"ja"}  # the English is still built


def test_era_style_is_for_the_japanese_only(workspace):
    from briefing.build.pipeline import documents
    (workspace / "content" / "memo.yaml").write_text(GOOD.replace("date: 2025-07-04\n", "date: 2025-07-04\n"
                                                                  "calendar: era\n"), encoding="utf-8")
    space = Workspace.at(workspace)
    checked = check(space, ["content/memo.yaml"])
    dates = {view["lang"]: view["date"] for _, view in documents(checked.memos[0], ("ja", "en"), checked, space)}
    assert dates == {"ja": "令和7年7月4日", "en": "July 4, 2025"}  # the issuer's style (mod): no weekday
    (workspace / "content" / "memo.yaml").write_text(GOOD.replace("date: 2025-07-04\n", "date: 2025-07-04\n"
                                                                  "calendar: era\nstyle: cao\n"), encoding="utf-8")
    checked = check(space, ["content/memo.yaml"])
    dates = {view["lang"]: view["date"] for _, view in documents(checked.memos[0], ("ja", "en"), checked, space)}
    assert dates == {"ja": "令和7年7月4日（金）", "en": "Friday, July 4, 2025"}


@pytest.mark.parametrize("time, message", [
    ('"10:15 a.m."', "'time' must be a 24-hour time H:MM between 0:00 and 23:59, e.g. \"14:30\" for 2:30 p.m., "
                     "found '10:15 a.m.'"),
    ('"25:99"', "'time' must be a 24-hour time H:MM between 0:00 and 23:59, e.g. \"14:30\" for 2:30 p.m., "
                "found '25:99'"),
])
def test_times_are_24_hour(workspace, time, message):
    assert problems(workspace, GOOD.replace("issuer: mod", f"issuer: mod\ntime: {time}")) == [f"4:7: {message}"]
    assert problems(workspace, GOOD.replace("issuer: mod", 'issuer: mod\ntime: "9:05"')) == []


def test_only_in_a_text_says_where_it_belongs(workspace):
    text = GOOD.replace("title: {ja: 表敬, en: Courtesy call}", "title: {only: en, en: Courtesy call}")
    assert problems(workspace, text) == [
        "4:9: unknown field 'only'; 'only' is not allowed here: it belongs to a block (e.g. '- paragraph: …' with "
        "'only: …' beside it)"]


def test_reading_time_and_style_mistakes(workspace):
    text = GOOD.replace("[[nakatani-gen:reading]]", "[[khare:reading]][[time]]")
    assert problems(workspace, text) == [
        "7:11: [[khare:reading]]: 'khare' has no reading; add kana: {family: …, given: …} to "
        "content/_registry/people.yaml",
        "7:11: [[time]] needs the memo's time: field; add it, e.g. time: \"14:30\""]
    assert problems(workspace, GOOD.replace("issuer: mod", "issuer: mod\nstyle: mofaa")) == [
        "4:8: the memo names house style 'mofaa', which is not in templates/styles/; expected one of: cao, mod, mofa"]


def test_misspelt_style_keys_are_reported_in_the_memo_and_in_the_style(workspace):
    text = GOOD.replace("issuer: mod", "issuer: mod\nstyle:\n  dateline: {isuer: false}\n  ja: {bulet: ・}")
    assert problems(workspace, text) == [
        "5:14: style: unknown key 'isuer'; expected one of: issuer, position, show",
        "6:8: style: unknown key 'bulet'; expected one of: attendees, bullet, checks, compare, dateline, dates, labels, "
        "locale, names, numbering, pdf, reference_box, times, typography"]
    (workspace / "templates" / "styles" / "mod.yaml").write_text("en:\n  labels: {closnig: ''}\n", encoding="utf-8")
    assert problems(workspace, GOOD) == [
        "2:12: unknown key 'closnig'; expected one of: closing, draft, online, page_after, page_before, page_of, "
        "reference, reference_numbered, result_summary, result_summary_join"]
    checked = check(Workspace.at(workspace), ["content/memo.yaml"])
    assert checked.problems[0].path.name == "mod.yaml"  # the problem points into the style file
