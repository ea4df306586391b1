"""`briefing check --diff`: the change behind a stale translation, its words marked as compare marks them."""

import json
import os
import subprocess
import sys

from conftest import edit, run_cli

KHARE, SYMPOSIUM = "content/khare-visit-2025.yaml", "content/pko-symposium-2025.yaml"
IN_PROCESS = ("import sys; from briefing.cli import main; code = main(sys.argv[1:]); "
              "print('analyser loaded:', 'sudachipy' in sys.modules)")


def check_in_process(workspace, *args: str) -> subprocess.CompletedProcess:
    """`briefing check ARGS` in one process that then says whether the Japanese analyser was imported."""
    return subprocess.run([sys.executable, "-c", IN_PROCESS, "check", *args], cwd=workspace, capture_output=True,
                          text=True)


def on_a_terminal(workspace, *args: str) -> str:
    """What `briefing check ARGS` writes to its standard error when that is a terminal."""
    terminal_environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "TERM")}
    terminal_environment["TERM"] = "xterm-256color"
    main, other = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "briefing", "check", *args], cwd=workspace, stderr=other,
                               stdout=subprocess.DEVNULL, env=terminal_environment)
    os.close(other)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8")


def change_lines(stderr: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if line.strip()[:3] in ("-  ", "+  ")]


def test_stale_pairs_show_their_change_word_by_word_in_either_language(workspace):
    edit(workspace / KHARE, "双方は国連改革の現状", "双方は安保理改革の現状")
    edit(workspace / SYMPOSIUM, "In addition, about 120 people", "In addition, some 120 people")
    short = check_in_process(workspace)
    assert "analyser loaded: False" in short.stdout  # the default report stays short and fast
    assert change_lines(short.stderr) == []
    assert "briefing check --diff shows what changed" in short.stderr
    shown = check_in_process(workspace, "--diff")
    assert "analyser loaded: True" in shown.stdout
    assert change_lines(shown.stderr) == [
        "-  このほか、双方は[-国連-]改革の現状などについて意見を交わしました。",
        "+  このほか、双方は{+安保理+}改革の現状などについて意見を交わしました。",
        "-  In addition, [-about-] 120 people, including those online, took part as the audience: "
        "practitioners, researchers, members of the diplomatic corps in Tokyo including 12 ambassadors, and staff "
        "of international organizations.",
        "+  In addition, {+some+} 120 people, including those online, took part as the audience: "
        "practitioners, researchers, members of the diplomatic corps in Tokyo including 12 ambassadors, and staff "
        "of international organizations."]
    assert "briefing check --diff shows" not in shown.stderr
    report = json.loads(run_cli("check", "--diff", "--format", "json", KHARE, cwd=workspace).stdout)
    [stale] = [finding for finding in report["findings"] if "changes" in finding]
    assert stale["message"].startswith("stale English") and stale["changes"] == [{
        "language": "ja", "confirmed": "このほか、双方は国連改革の現状などについて意見を交わしました。",
        "now": "このほか、双方は安保理改革の現状などについて意見を交わしました。",
        "pieces": [["=", "このほか、双方は"], ["-", "国連"], ["+", "安保理"], ["=", "改革の現状などについて意見を交わしました。"]]}]


def test_both_sides_changed_shows_both_and_a_lock_without_texts_still_checks(workspace):
    edit(workspace / KHARE, "双方は国連改革の現状", "双方は安保理改革の現状")
    edit(workspace / KHARE, "state of UN reform", "state of Security Council reform")
    lines = change_lines(run_cli("check", "--diff", KHARE, cwd=workspace).stderr)
    assert [line[:3] for line in lines] == ["-  ", "+  ", "-  ", "+  "]
    assert "{+Security Council+}" in lines[3] and "[-UN-]" in lines[2]
    styled = on_a_terminal(workspace, "--diff", KHARE)
    assert "\x1b[9;31m国連\x1b[0m" in styled and "\x1b[4;32m安保理\x1b[0m" in styled  # struck red, underlined green
    assert "[-" not in styled and "{+" not in styled
    lock = workspace / "content" / "khare-visit-2025.lock.yaml"
    lock.write_text("".join(line for line in lock.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.lstrip().startswith("text:")), encoding="utf-8")  # a hash-only lock
    edit(workspace / KHARE, "state of Security Council reform", "state of UN reform")
    result = run_cli("check", "--diff", KHARE, cwd=workspace)
    assert result.returncode == 0 and change_lines(result.stderr) == []
    assert ("warning: stale English: the Japanese changed since it was confirmed; update the English, then run "
            "briefing check --accept khare-visit-2025#body.0.body.0.numbered.2.text") in result.stderr
