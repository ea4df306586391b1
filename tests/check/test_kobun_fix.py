"""`briefing check` reports 公用文 findings at their exact path:line:col; `--fix` applies the safe ones in place."""

import json
import subprocess
import sys

from briefing.check.kobun import RULES
from conftest import EXAMPLES, REPO, edit, run_cli

MEMO = """\
# yaml-language-server: $schema=_schema/memo.schema.json
# 公用文の確認 / a memo for the 公用文 checks (this comment stays)
type: readout
date: 2025-07-03
issuer: mofa
title: {ja: 国連(UN)との会合, en: Meeting with the United Nations (UN)}   # 題 / title
lead:
  ja: >-
    [[date]]、[[fujii-hisayuki]]は、UN Triangular Partnership Programme
    (TPP)の関係者約12000人と3ヶ所で会いました。
  en: >-
    On [[date]], [[fujii-hisayuki]] met about 12,000 people of the UN Triangular Partnership Programme (TPP)
    in three places.
body:
  - paragraph:
      ja: "第1回~第3回の会合には、50000人が参加しました。"
      en: "At the first to third meetings (1~3), 50,000 people took part."

  # 日本語だけの案内 / a Japanese-only notice
  - paragraph:
      ja: 詳しくは https://example.org/a_(b)?x=1~2 をご覧ください(6ヶ月ごとに更新)。
    only: ja
    reason: 日本語の案内のみ
"""
PATH = "content/kobun.yaml"
QUOTED = 'ja: "第1回'
SAFE = [("国連(UN)との", "国連（UN）との"), ("(TPP)の", "（TPP）の"), ("3ヶ所", "3か所"), ("第1回~第3回", "第1回～第3回"),
        ("ださい(6ヶ月ごとに更新)", "ださい（6か月ごとに更新）")]


def kobun_lines(result: subprocess.CompletedProcess) -> list[str]:
    """The 公用文 warnings of a check run, as path:line:col: rule."""
    lines = [line.strip() for line in result.stderr.splitlines() if "公用文作成の考え方" in line]
    return [f"{line.split(': warning: ')[0]}: {next(r for r in RULES if f'; {r}; ' in line)}" for line in lines]


def where(text: str, line_start: str, fragment: str, offset: int = 0) -> str:
    """path:line:col of `fragment` (plus `offset` characters) on the line starting with `line_start`."""
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if line.lstrip().startswith(line_start))
    return f"{PATH}:{number + 1}:{lines[number].index(fragment) + offset + 1}"


def test_findings_point_at_the_character_in_every_kind_of_scalar(workspace):
    (workspace / PATH).write_text(MEMO, encoding="utf-8")
    result = run_cli("check", "kobun", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert kobun_lines(result) == [
        f"{where(MEMO, 'title:', '(UN)')}: halfwidth-brackets",  # flow mapping, plain
        f"{where(MEMO, '(TPP)', '(TPP)')}: halfwidth-brackets",  # folded, second line, after Latin (a space)
        f"{where(MEMO, '(TPP)', '12000')}: thousands-separator",
        f"{where(MEMO, '(TPP)', '3ヶ所', 1)}: kasho-kagetsu",  # at the ヶ to change
        f"{where(MEMO, QUOTED, '~')}: halfwidth-symbols",  # double-quoted
        f"{where(MEMO, QUOTED, '50000')}: kanji-large-units",
        f"{where(MEMO, 'ja: 詳しくは', '(6ヶ月')}: halfwidth-brackets",  # ja-only block; its address is left alone
        f"{where(MEMO, 'ja: 詳しくは', '6ヶ月', 1)}: kasho-kagetsu",
    ]  # and nothing in the English texts, the comments or the [[…]] references
    assert "(UN)」 → 「（UN）」" in result.stderr and "「50000」 → 「5万」" in result.stderr


def test_fix_applies_the_safe_ones_keeps_the_rest_of_the_file_and_is_idempotent(workspace):
    (workspace / PATH).write_text(MEMO, encoding="utf-8")
    result = run_cli("check", "--fix", "kobun", cwd=workspace)
    assert result.returncode == 0, result.stderr
    expected = MEMO
    for old, new in SAFE:
        expected = expected.replace(old, new)
    assert (workspace / PATH).read_text(encoding="utf-8") == expected  # comments, blank line, folding, quoting kept
    assert f"{where(MEMO, 'title:', '(UN)')}: fixed halfwidth-brackets: 「(UN)」 → 「（UN）」" in result.stdout
    assert "6 fix(es) applied" in result.stdout
    assert [line.split(": ")[-1] for line in kobun_lines(result)] == ["thousands-separator", "kanji-large-units"]
    again = run_cli("check", "--fix", "kobun", cwd=workspace)
    assert "0 fix(es) applied" in again.stdout and "fixed" not in again.stdout
    assert (workspace / PATH).read_text(encoding="utf-8") == expected


def test_a_character_written_as_an_escape_is_reported_but_not_fixed(workspace):
    (workspace / PATH).write_text(MEMO.replace('"第1回~第3回', '"\\x28第1回)~第3回'), encoding="utf-8")
    result = run_cli("check", "--fix", "kobun", cwd=workspace)
    assert "5 fix(es) applied" in result.stdout  # the others still are
    text = (workspace / PATH).read_text(encoding="utf-8")
    assert '"\\x28第1回)～第3回' not in text and '"\\x28第1回)~第3回' in text  # the text after the escape is left as is
    assert f"{where(MEMO, QUOTED, 'ja:', 4)}: warning: half-width brackets" in result.stderr  # at the text's start
    assert "the file writes it with an escape; edit it by hand" in result.stderr


def test_fix_keeps_a_byte_order_mark_and_windows_line_endings(workspace):
    (workspace / PATH).write_bytes(b"\xef\xbb\xbf" + MEMO.replace("\n", "\r\n").encode("utf-8"))
    before = run_cli("check", "kobun", cwd=workspace)
    assert kobun_lines(before)[1] == f"{where(MEMO, '(TPP)', '(TPP)')}: halfwidth-brackets"
    run_cli("check", "--fix", "kobun", cwd=workspace)
    expected = MEMO
    for old, new in SAFE:
        expected = expected.replace(old, new)
    assert (workspace / PATH).read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode("utf-8")


def test_fix_keeps_confirmed_translations_confirmed(workspace):
    edit(workspace / "content/khare-visit-2025.yaml", "このほか、双方は", "このほか(2025年)、双方は")
    assert "stale English" in run_cli("check", "khare-visit-2025", cwd=workspace).stderr
    run_cli("check", "--accept", "khare-visit-2025", cwd=workspace)
    result = run_cli("check", "--fix", cwd=workspace)
    assert "confirmed pair(s) kept confirmed" in result.stdout
    strict = run_cli("check", "--strict", "khare-visit-2025", cwd=workspace)
    assert "stale" not in strict.stderr and "公用文" not in strict.stderr
    lock = (workspace / "content/khare-visit-2025.lock.yaml").read_text(encoding="utf-8")
    assert "このほか（2025年）、双方は" in lock and "(2025年)" not in lock


def test_a_rule_switched_off_in_the_strings(workspace):
    (workspace / PATH).write_text(MEMO, encoding="utf-8")
    edit(workspace / "templates/strings/ja.yaml", "  halfwidth-brackets: true", "  halfwidth-brackets: false")
    result = run_cli("check", "--fix", "kobun", cwd=workspace)
    assert "halfwidth-brackets" not in result.stdout + result.stderr
    assert "国連(UN)との" in (workspace / PATH).read_text(encoding="utf-8")  # not fixed either
    assert "3か所" in (workspace / PATH).read_text(encoding="utf-8")
    edit(workspace / "templates/strings/ja.yaml", "  kasho-kagetsu: true", "  kasho-kagetu: false")
    result = run_cli("check", "kobun", cwd=workspace)
    strings = (workspace / "templates/strings/ja.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(strings) if text.startswith("  kasho-kagetu:")) + 1
    assert f"templates/strings/ja.yaml:{line}:3: warning: checks: unknown rule 'kasho-kagetu'" in result.stderr


def test_fix_with_json_output_keeps_stdout_json(workspace):
    (workspace / PATH).write_text(MEMO, encoding="utf-8")
    result = run_cli("check", "--fix", "--format", "json", "kobun", cwd=workspace)
    report = json.loads(result.stdout)
    assert "6 fix(es) applied" in result.stderr
    assert sorted(f["message"].split("; ")[1] for f in report["findings"] if "公用文作成の考え方" in f["message"]) == [
        "kanji-large-units", "thousands-separator"]


def test_fix_and_accept_go_one_at_a_time(workspace):
    result = run_cli("check", "--fix", "--accept", cwd=workspace)
    assert result.returncode == 2 and "one at a time" in result.stderr


def test_check_with_fix_loads_no_renderer_nor_tokenizer(workspace):
    (workspace / PATH).write_text(MEMO, encoding="utf-8")
    code = ("import sys; from briefing.cli import main; code = main(['check', '--fix']); "
            "print('heavy:', [m for m in ('weasyprint', 'docx', 'sudachipy') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True)
    assert "heavy: []" in result.stdout, result.stdout + result.stderr


def test_every_example_memo_is_clean():
    result = run_cli("check", *EXAMPLES, cwd=REPO)
    assert kobun_lines(result) == [], result.stderr


def test_a_house_style_switches_a_rule_off_for_its_office_only(workspace):
    (workspace / PATH).write_text(MEMO, encoding="utf-8")  # issued by mofa
    edit(workspace / "templates/styles/mofa.yaml", "\nja:\n", "\nja:\n  checks: {halfwidth-brackets: false}\n")
    result = run_cli("check", "kobun", cwd=workspace)
    assert "halfwidth-brackets" not in result.stdout + result.stderr
    assert "kasho-kagetsu" in result.stderr  # the other rules still apply
    (workspace / PATH).write_text(MEMO.replace("issuer: mofa", "issuer: mod"), encoding="utf-8")
    result = run_cli("check", "kobun", cwd=workspace)
    assert "halfwidth-brackets" in result.stderr  # the Ministry of Defense's style keeps the rule
