"""Checking many memos: the memos shared out among processes give the findings one process gives, and the
preview's memo list reads each title without a full parse, as a full parse reads it."""

from pathlib import Path

import pytest

from briefing.check.lint import lint
from briefing.content import loader
from briefing.content.peek import top_level_field
from briefing.content.workspace import Workspace
from briefing.errors import ContentError
from conftest import copy_workspace

EXAMPLES = ("pko-symposium-2025", "khare-visit-2025", "mofa-style-readout", "heisei-notice")


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """The examples copied 12 times each, some copies broken in different ways."""
    root = copy_workspace(tmp_path_factory.mktemp("many"))
    content = root / "content"
    for number in range(48):
        name = EXAMPLES[number % 4]
        text = (content / f"{name}.yaml").read_text(encoding="utf-8")
        if number % 7 == 3:
            text = text.replace("title:", "title: [", 1)  # YAML syntax error
        elif number % 7 == 5:
            text = text.replace("約120名", "約130名")  # a stale translation, numbers that differ
        (content / f"copy-{number:02d}.yaml").write_text(text, encoding="utf-8")
    return root


def test_shared_out_findings_equal_one_process(many):
    workspace = Workspace.at(many)
    loader.PARSED.clear()
    alone = lint(workspace, [], processes=1)
    loader.PARSED.clear()
    shared = lint(workspace, [], processes=3)
    assert shared[0] == alone[0] == 52 - 7  # the 7 copies with a syntax error do not load
    key = lambda p: (str(p.path), p.line, p.column, p.message)  # noqa: E731
    assert sorted(shared[1], key=key) == sorted(alone[1], key=key)
    messages = {p.message.split(";")[0] for p in alone[1]}
    assert any(m.startswith("YAML syntax") for m in messages), messages
    assert "the Japanese has the number 130, the English does not" in messages
    assert any(m.startswith("translations not yet confirmed") for m in messages), messages


def test_title_read_alone_is_the_title_of_a_full_parse(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    cases = {
        "folded": "type: readout\ntitle:\n  ja: >\n    国際平和協力\n    シンポジウム\n  en: >\n    Peace\n    Symposium\nbody: []\n",
        "list-at-key-indent": "title:\n- a\n- b\nbody: x\n",
        "comment-between": "title:\n# note\n  ja: 表題\n  en: Title\ndate: 2025-06-27\n",
        "quoted-over-lines": 'lead: "a\ntitle: not the title"\ntitle: {ja: 本当, en: real}\n',
        "quote-continued-at-column-0": 'title: "a\nb"\nbody: x\n',
        "flow-root": "{title: {ja: 流れ, en: flow}}\n",
    }
    for name, text in cases.items():
        path = content / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        assert top_level_field(path, "title") == loader.load(path).data["title"], name
    edited = content / "folded.yaml"  # remembered, yet read again: an edit shows at once
    first = top_level_field(edited, "title")
    edited.write_text(cases["folded"].replace("Symposium", "Seminar"), encoding="utf-8")
    assert top_level_field(edited, "title") == {**first, "en": "Peace Seminar\n"} == loader.load(edited).data["title"]
    broken = content / "broken.yaml"
    broken.write_text("title: [unclosed\nbody: x\n", encoding="utf-8")
    with pytest.raises(ContentError):
        top_level_field(broken, "title")
