"""The tests' list of examples is every memo of content/, in the languages each is written in."""

from conftest import EXAMPLE_LANGUAGES, REPO

from briefing.content import loader
from briefing.content.model import LANGUAGES


def test_every_example_memo_is_listed_with_its_languages():
    memos = {path.stem: path for path in (REPO / "content").glob("*.yaml") if not path.name.endswith(".lock.yaml")}
    assert set(memos) == set(EXAMPLE_LANGUAGES)
    for name, path in memos.items():
        assert tuple(loader.load(path).data.get("languages", LANGUAGES)) == EXAMPLE_LANGUAGES[name], name
