"""The C parser gives the same data and positions as the pure-Python one; files are parsed once while unchanged."""

from pathlib import Path

import pytest

from briefing.content import loader
from briefing.content.loader import SourceFile, _parse, _parse_pure, load

REPO = Path(__file__).resolve().parents[2]
SNIPPETS = [
    "a:\n", "a:", "a: # note\n  # more\nb: 1\n", "- \n- x\n", "a:\n  - \n  -\n", "{a: , b: }\n", "a:\n\n\n# x\n",
    "a: {b: ,c: 1}", "x:\n  a:\n  b:\n",
    "text:\n  ja: >\n    第一行の文と\n    第二行の文。\n\n    次の段落\n    with Latin\n  en: >-\n    First line\n    second line\n",
    "text: >\n  Paragraph one\n  continues.\n\n\n  Paragraph two.\n",
    "text: >2\n   indented 日本\n  語の文\n",
]


def both(text: str) -> tuple:
    fast, pure = _parse(Path("memo.yaml"), text), _parse_pure(SourceFile(Path("memo.yaml"), text))
    return (fast.data, fast.value_at, fast.key_at), (pure.data, pure.value_at, pure.key_at)


@pytest.mark.parametrize("text", SNIPPETS)
def test_same_data_and_positions_as_the_pure_parser(text):
    fast, pure = both(text)
    assert fast == pure


def test_folded_japanese_joins_without_a_space():
    data = _parse(Path("memo.yaml"), SNIPPETS[9]).data
    assert data["text"]["ja"] == "第一行の文と第二行の文。\n次の段落with Latin\n"  # Japanese on one side of the joint: no space
    assert data["text"]["en"] == "First line second line"


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "content").glob("*.yaml")))
def test_example_memos_and_locks_parse_alike(name):
    fast, pure = both((REPO / "content" / name).read_text(encoding="utf-8"))
    assert fast == pure


def test_a_file_is_parsed_once_while_its_text_is_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "memo.yaml"
    path.write_text("title: {ja: 題, en: Title}\n", encoding="utf-8")
    parses = []
    monkeypatch.setattr(loader, "_parse", lambda *args: parses.append(args) or _parse(*args))
    first, again = load(path), load(path)
    assert again is first and len(parses) == 1
    path.write_text("title: {ja: 新しい題, en: Title}\n", encoding="utf-8")
    assert load(path).data["title"]["ja"] == "新しい題" and len(parses) == 2


def test_a_broken_file_keeps_its_exact_message_when_read_again(tmp_path):
    path = tmp_path / "memo.yaml"
    path.write_text("title: [unclosed\nbody: 1\n", encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(loader.ContentError) as caught:
            load(path)
        messages.append([(p.line, p.column, p.message) for p in caught.value.problems])
    assert messages[0] == messages[1] and messages[0][0][2].startswith("YAML syntax")
