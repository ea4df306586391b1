"""YAML reading: positions, YAML 1.2 scalars, and refusal of what is not plain data."""

from pathlib import Path

import pytest

from briefing.content.loader import load
from briefing.errors import ContentError


def problems_of(tmp_path: Path, content: bytes | str) -> list[str]:
    path = tmp_path / "memo.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ContentError) as caught:
        load(path)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_positions_of_keys_and_values(tmp_path):
    path = tmp_path / "memo.yaml"
    path.write_text("title:\n  ja: 題\nbody:\n  - paragraph: {ja: 本文}\n", encoding="utf-8")
    source = load(path)
    assert source.data == {"title": {"ja": "題"}, "body": [{"paragraph": {"ja": "本文"}}]}
    assert source.position(("title", "ja")) == (2, 7)
    assert source.position(("body", 0, "paragraph", "ja")) == (4, 21)
    assert source.position(("body", 0, "paragraph"), key=True) == (4, 5)
    assert source.position(("body", 5, "missing")) == (4, 3)  # nearest existing ancestor: the list


def test_yaml_1_1_booleans_stay_text(tmp_path):
    path = tmp_path / "memo.yaml"
    path.write_text("a: no\nb: on\nc: true\n", encoding="utf-8")
    assert load(path).data == {"a": "no", "b": "on", "c": True}


def test_folded_japanese_lines_join_without_space(tmp_path):
    path = tmp_path / "memo.yaml"
    path.write_text("ja: >-\n  国際平和\n  協力の在り方\nen: >-\n  The future\n  of peace\n", encoding="utf-8")
    assert load(path).data == {"ja": "国際平和協力の在り方", "en": "The future of peace"}


def test_duplicate_key(tmp_path):
    assert problems_of(tmp_path, "title: a\ndate: 2025-06-27\ntitle: b\n") == [
        "3:1: duplicate key 'title' (first given on line 1); keep one"]


def test_tab_indentation(tmp_path):
    assert problems_of(tmp_path, "body:\n\t- x\n") == ["2:1: YAML syntax: a tab character; indent with spaces"]


def test_impossible_date(tmp_path):
    assert problems_of(tmp_path, "date: 2025-02-30\n") == [
        "1:7: '2025-02-30' is not a real date; write YYYY-MM-DD, e.g. 2025-06-27"]


def test_object_tags_are_refused(tmp_path):
    found = problems_of(tmp_path, "title: !!python/object/apply:os.system [echo hi]\n")
    assert found[0].startswith("1:8: YAML tags such as 'python/object/apply:os.system' are not allowed")


def test_not_utf8_names_the_byte(tmp_path):
    found = problems_of(tmp_path, "title: 題\nlead: ".encode() + "説明".encode("shift_jis"))
    assert found == ["2:7: not UTF-8 (byte 17: 0x90); save the file as UTF-8"]


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "memo.yaml"
    path.write_bytes("\ufefftitle: 題\n".encode())
    assert load(path).data == {"title": "題"}


def test_syntax_error_position(tmp_path):
    found = problems_of(tmp_path, "title: [a, b\nlead: x\n")
    assert found[0].startswith("2:5: YAML syntax:")


def test_aliases_are_refused(tmp_path):
    assert problems_of(tmp_path, "a: &x [*x]\n") == ["1:4: YAML aliases (*name) are not supported; write the value out"]
    laughs = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    assert len(problems_of(tmp_path, laughs)) == 3 + 3
