"""`briefing check`: missing and stale translations, terminology, references and facts, at path:line:col."""

import json
from pathlib import Path

from conftest import edit, run_cli

SYMPOSIUM, KHARE = "content/pko-symposium-2025.yaml", "content/khare-visit-2025.yaml"


def findings(workspace: Path, *args: str) -> tuple[int, list[str]]:
    """Exit code and the findings (path:line:col: severity: message lines) of `briefing check`."""
    result = run_cli("check", *args, cwd=workspace)
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip().startswith("content/")
             and not line.strip().endswith(".yaml:")]
    return result.returncode, lines


def test_unedited_examples_are_clean(workspace):
    result = run_cli("check", "--strict", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "4 memo(s) checked: 0 error(s), 0 warning(s)"


def test_missing_english_is_an_error_and_only_japanese_is_built(workspace):
    edit(workspace / KHARE, "              en: The two sides also discussed the state of UN reform and other matters.\n", "")
    code, found = findings(workspace)
    assert code == 1
    assert found == [f"{KHARE}:53:15: error: English text is missing; add en: …, or mark the block only: …"]
    result = run_cli("build", KHARE, "--format", "html", cwd=workspace)
    assert result.returncode == 1
    assert sorted(p.name for p in (workspace / "build").glob("*.html")) == ["khare-visit-2025.ja.html"]


def test_stale_english_after_a_japanese_edit_then_accept(workspace):
    edit(workspace / SYMPOSIUM, "約120名が聴衆として", "約130名が聴衆として")
    code, found = findings(workspace)
    assert code == 0  # stale pairs are warnings
    assert found == [
        f"{SYMPOSIUM}:32:15: warning: the English has the number 120, the Japanese does not; check the facts agree",
        f"{SYMPOSIUM}:35:15: warning: stale English: the Japanese changed since it was confirmed (was 「…を含む在京外交団、"
        "国際機関関係者等、約120名が聴衆として参加しました。」, now 「…を含む在京外交団、国際機関関係者等、約130名が聴衆として参加"
        "しました。」); update the English, then run briefing check --accept pko-symposium-2025#body.0.body.0.note",
        f"{SYMPOSIUM}:35:15: warning: the Japanese has the number 130, the English does not; check the facts agree",
    ]
    assert run_cli("check", "--strict", cwd=workspace).returncode == 1
    edit(workspace / SYMPOSIUM, "In addition, about 120 people", "In addition, about 130 people")
    code, found = findings(workspace)
    assert found == [f"{SYMPOSIUM}:32:15: warning: both languages changed since they were confirmed: review them, "
                     "then run briefing check --accept pko-symposium-2025#body.0.body.0.note"]
    accepted = run_cli("check", "--accept", "pko-symposium-2025#body.0.body.0.note", cwd=workspace)
    assert accepted.returncode == 0 and "1 pair(s) confirmed" in accepted.stdout
    assert findings(workspace, "--strict") == (0, [])


def test_english_edit_makes_the_japanese_stale(workspace):
    edit(workspace / KHARE, "The two sides also discussed the state of UN reform", "Both sides also discussed UN reform")
    assert findings(workspace)[1] == [
        f"{KHARE}:53:19: warning: stale Japanese: the English changed since it was confirmed (was \"The two sides "
        "also discussed the state of UN reform and othe…\", now \"Both sides also discussed UN reform and other "
        "matters.\"); check the Japanese still matches, then run briefing check --accept "
        "khare-visit-2025#body.0.body.0.numbered.2.text"]


def test_moved_pairs_stay_confirmed_and_new_pairs_ask_for_review(workspace):
    edit(workspace / KHARE, "          - text:\n              ja: このほか、",
         "          - text: {ja: 新しい項目です。, en: A new item.}\n          - text:\n              ja: このほか、")
    assert findings(workspace)[1] == [
        f"{KHARE}:52:24: warning: new pair, not yet confirmed: review both languages, then run "
        "briefing check --accept khare-visit-2025#body.0.body.0.numbered.2.text"]


def test_terminology_references_scripts(workspace):
    edit(workspace / KHARE, "when multilateralism is under threat", "when cooperation among nations is under threat")
    edit(workspace / KHARE, "[[khare:short]] thanked Japan", "He thanked Japan")
    edit(workspace / KHARE, "en: The two sides also discussed the state of UN reform and other matters.",
         "en: The two sides also discussed 国連改革.")  # noqa
    assert findings(workspace)[1] == [
        f"{KHARE}:35:19: warning: stale Japanese: the English changed since it was confirmed (was \"…hat, at a time "
        "when multilateralism is under threat, Japan r…\", now \"…hat, at a time when cooperation among nations is "
        "under threa…\"); check the Japanese still matches, then run briefing check --accept "
        "khare-visit-2025#body.0.body.0.numbered.0.text",
        f"{KHARE}:39:19: warning: the Japanese uses 「多国間主義」: the agreed English is \"multilateralism\" (glossary)",
        f"{KHARE}:44:19: warning: stale Japanese: the English changed since it was confirmed (was \"[[khare:short]] "
        "thanked Japan for its contribution to the UN…\", now \"He thanked Japan for its contribution to the UN TPP, "
        "which i…\"); check the Japanese still matches, then run briefing check --accept "
        "khare-visit-2025#body.0.body.0.numbered.1.text",
        f"{KHARE}:48:19: warning: [[khare]] is named in the Japanese but not in the English",
        f"{KHARE}:53:19: warning: stale Japanese: the English changed since it was confirmed (was \"…ides also "
        "discussed the state of UN reform and other matters…\", now \"…ides also discussed 国連改革.\"); check the "
        "Japanese still matches, then run briefing check --accept khare-visit-2025#body.0.body.0.numbered.2.text",
        f"{KHARE}:54:19: warning: Japanese characters in the English text; translate them or write them in Latin "
        "script",
    ]


def test_identical_texts_and_json_report(workspace):
    edit(workspace / KHARE, "handling: {ja: 公表済み, en: Released to the public}", "handling: {ja: 公表済み, en: 公表済み}")
    result = run_cli("check", "--format", "json", KHARE, cwd=workspace)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["errors"] == 0 and report["memos_checked"] == 1
    messages = [(f["line"], f["column"], f["severity"], f["message"]) for f in report["findings"]]
    assert (8, 26, "warning", "the English text is the same as the Japanese; translate it") in messages
    assert (8, 26, "warning", "Japanese characters in the English text; translate them or write them in Latin "
            "script") in messages


def test_numbers_words_months_ordinals_and_era_years_agree(workspace):
    memo = workspace / "content" / "numbers.yaml"
    memo.write_text("""\
type: readout
date: 2025-07-04
issuer: mod
title: {ja: 数の確認, en: Numbers}
body:
  - paragraph: {ja: 2025年3月から3回開催した。, en: "It met three times from March 2025."}
  - paragraph: {ja: 平成26年の第1回会合から10周年。, en: "The tenth anniversary of the first meeting in 2014."}
  - paragraph: {ja: 第二次世界大戦後、約120名。, en: "After the Second World War, about 130 people."}
""", encoding="utf-8")
    run_cli("check", "--accept", "numbers", cwd=workspace)
    assert findings(workspace, "numbers")[1] == [
        "content/numbers.yaml:8:21: warning: the English has the number 130, the Japanese does not; check the "
        "facts agree",
        "content/numbers.yaml:8:42: warning: the Japanese has the number 120, the English does not; check the "
        "facts agree",
    ]


def test_new_memo_is_confirmed_by_its_first_accept(workspace):
    lock = workspace / "content" / "khare-visit-2025.lock.yaml"
    lock.unlink()
    assert findings(workspace)[1] == [f"{KHARE}:4:1: warning: translations not yet confirmed: review them, then run "
                                      "briefing check --accept khare-visit-2025"]
    result = run_cli("check", "--accept", KHARE, cwd=workspace)
    assert result.returncode == 0 and "content/khare-visit-2025.lock.yaml: 13 pair(s) confirmed" in result.stdout
    assert lock.read_text(encoding="utf-8").startswith("# Confirmed translations of khare-visit-2025.yaml")
    assert findings(workspace, "--strict") == (0, [])


def test_accepting_an_unknown_pair_is_a_usage_error(workspace):
    result = run_cli("check", "--accept", "khare-visit-2025#body.99.text", cwd=workspace)
    assert result.returncode == 2 and "no pair body.99.text in khare-visit-2025" in result.stderr


def test_no_false_alarms_for_dates_times_and_glossary_variants(workspace):
    memo = workspace / "content" / "memo.yaml"
    memo.write_text("""\
type: readout
date: 2025-06-27
time: "15:00"
issuer: mofa
title: {ja: 会談, en: Talks}
body:
  - paragraph:
      ja: "[[date]][[time]]から9時30分まで、三角パートナーシッププログラムの大使が会談しました。"
      en: "On June 27, 2025, from 3:00 p.m. to 9:30, Ambassadors of the Triangular Partnership Programme met."
  - paragraph:
      ja: 国連平和維持活動について12名が協議しました。
      en: Thirteen people discussed UN peacekeeping operations.
""", encoding="utf-8")
    glossary = workspace / "content" / "_registry" / "glossary.yaml"
    edit(glossary, "- {ja: 三角パートナーシップ・プログラム, en: Triangular Partnership Programme}",
         "- {ja: 三角パートナーシップ・プログラム, en: Triangular Partnership Programme, "
         "variants: [三角パートナーシッププログラム]}\n- {ja: 大使, en: Ambassador}")
    code, lines = findings(workspace, "content/memo.yaml")
    assert lines == [
        "content/memo.yaml:1:1: warning: translations not yet confirmed: review them, then run briefing check "
        "--accept memo",
        "content/memo.yaml:12:11: warning: the Japanese has the number 12, the English does not; check the facts agree",
    ]  # the date, the clock times, the plural and the variant raise nothing; a real difference still does
