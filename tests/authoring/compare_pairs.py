"""Version pairs for `briefing compare`, kept as edits of the Khare example committed one after another in git."""

from __future__ import annotations

import subprocess
from pathlib import Path

MEMO = "content/khare-visit-2025.yaml"
PEOPLE = "content/_registry/people.yaml"
ITEMS_START, ITEMS_END = "      - numbered:\n", "      - reference:\n"
ITEM = "          - text:\n"


def _replace(root: Path, path: str, pairs: list[tuple[str, str]]) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
        text = text.replace(old, new)
    file.write_text(text, encoding="utf-8")


def biden(root: Path) -> None:
    """A sentence naming 「バイデン大統領」 / President Biden (the base the name change starts from)."""
    _replace(root, MEMO, [("このほか、双方は国連改革の現状などについて意見を交わしました。",
                           "このほか、双方はバイデン大統領の発言を含め、国連改革の現状などについて意見を交わしました。"),
                          ("The two sides also discussed the state of UN reform and other matters.",
                           "The two sides also discussed the state of UN reform, including remarks by President Biden, "
                           "and other matters.")])


def trump(root: Path) -> None:
    """A text edit: the name in that sentence changed."""
    _replace(root, MEMO, [("バイデン大統領の発言", "トランプ大統領の発言"), ("President Biden", "President Trump")])


def renamed(root: Path) -> None:
    """A person renamed in the registry: every mention of him changes, the memo file does not."""
    _replace(root, PEOPLE, [("ja: {family: 藤井, given: 比早之}", "ja: {family: 藤原, given: 比早之}"),
                            ("latin: {family: Fujii, given: Hisayuki}", "latin: {family: Fujiwara, given: Hisayuki}")])


NEW_ITEM = ITEM + "              ja: 双方は、次回の会合を東京で開くことで一致しました。\n" \
                  "              en: The two sides agreed to hold their next meeting in Tokyo.\n"


def items(root: Path) -> None:
    """Items 1, 2, 3 become 3, new, 1: item 3 moved to the top, a new item inserted, item 2 deleted."""
    file = root / MEMO
    text = file.read_text(encoding="utf-8")
    start = text.index(ITEMS_START) + len(ITEMS_START)
    end = text.index(ITEMS_END)
    first, second, third = (ITEM + part for part in text[start:end].split(ITEM)[1:])
    file.write_text(text[:start] + third + NEW_ITEM + first + text[end:], encoding="utf-8")


HANDLING = ("handling: {ja: 公表済み, en: Released to the public}",
            "handling: {ja: 取扱注意, en: For official use only}")


def block(root: Path) -> None:
    """A whole block added: a paragraph at the end of the second readout; and the handling mark changed."""
    _replace(root, MEMO, [HANDLING])
    file = root / MEMO
    text = file.read_text(encoding="utf-8")
    file.write_text(text.rstrip("\n") + "\n      - paragraph:\n"
                    "          ja: 防衛省は、引き続き国連と緊密に協力していきます。\n"
                    "          en: The Ministry of Defense will continue to work closely with the United Nations.\n",
                    encoding="utf-8")


STEPS = [("base", biden), ("text", trump), ("registry", renamed), ("items", items), ("block", block)]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                          check=True, capture_output=True, text=True).stdout


def make_history(root: Path) -> dict[str, str]:
    """Commit each step on a git repository at `root` (its workspace), the last one left uncommitted.

    Returns each committed step's commit id; the working copy is the last step."""
    git(root, "init", "-q")
    commits = {}
    for index, (name, step) in enumerate(STEPS):
        step(root)
        if index < len(STEPS) - 1:
            git(root, "add", "-A")
            git(root, "commit", "-qm", name)
            commits[name] = git(root, "rev-parse", "HEAD").strip()
    return commits
