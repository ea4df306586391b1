"""Property tests: any content tree or raw YAML ends in a built memo or a reported content error.

Never another exception, and never a file written outside the output folder.
"""

import json
from pathlib import Path

import pytest
from conftest import copy_workspace
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing.build.pipeline import build
from briefing.check.memos import check
from briefing.content.loader import load
from briefing.content.workspace import Workspace
from briefing.errors import ContentError

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
WORDS = st.sampled_from(["日本語の文です。", "An English sentence.", "<script>alert(1)</script>", "[[khare]]",
                         "[[nobody]]", "[[date:short]]", "", " ", "約120名", "&amp;", "(1)", "a\u3000b"]) | TEXT
GOOD = st.sampled_from(["日本語の文です。", "An English sentence.", "<b>&amp;</b>", "[[khare:short]]", "約120名", "(1)"])
GOOD_PAIR = st.fixed_dictionaries({"ja": GOOD, "en": GOOD})
PAIR = st.one_of(GOOD_PAIR, GOOD_PAIR, GOOD_PAIR, GOOD_PAIR, st.fixed_dictionaries({}, optional={"ja": WORDS, "en": WORDS}),
                 WORDS)
ONLY = {"only": st.sampled_from(["ja", "en", "fr"]), "reason": WORDS}
FIGURES = st.sampled_from(["assets/pko-symposium-2025/photo-1.jpg", "../../etc/passwd", "/etc/passwd",
                           "assets/missing.png", "assets", "assets/pko-symposium-2025/../../../../etc/hostname"])
URLS = st.sampled_from(["https://www.example.org/a", "mailto:a@example.org", "javascript:alert(1)",
                        "file:///etc/passwd", "../x"]) | TEXT


def items(children):
    return st.lists(st.fixed_dictionaries({"text": PAIR}, optional={"numbered": children, "bullets": st.lists(PAIR, max_size=2)}),
                    max_size=3)


LEAVES = st.one_of(
    st.fixed_dictionaries({"paragraph": PAIR}, optional=ONLY),
    st.fixed_dictionaries({"bullets": st.lists(PAIR, max_size=3)}),
    st.fixed_dictionaries({"attendees": st.lists(st.fixed_dictionaries(
        {"person": st.sampled_from(["khare", "fujii-hisayuki", "nobody"])},
        optional={"online": st.booleans() | WORDS, "title": PAIR, "note": PAIR}), max_size=3)}, optional={"note": PAIR}),
    st.fixed_dictionaries({"links": st.lists(st.fixed_dictionaries({"text": PAIR, "url": URLS}), max_size=2)},
                          optional={"label": PAIR}),
    st.fixed_dictionaries({"figure": FIGURES, "caption": PAIR}, optional={"width": st.floats(-1, 2) | WORDS}),
    st.dictionaries(TEXT, WORDS, max_size=2),
    st.fixed_dictionaries({"paragraph": GOOD_PAIR}), st.fixed_dictionaries({"paragraph": GOOD_PAIR}),
)
BLOCKS = st.recursive(LEAVES, lambda children: st.one_of(
    st.fixed_dictionaries({"numbered": items(st.lists(st.fixed_dictionaries({"text": PAIR}), max_size=2))}),
    st.fixed_dictionaries({"section": PAIR, "body": st.lists(children, max_size=3)},
                          optional={"numbered": st.booleans()}),
    st.fixed_dictionaries({"reference": PAIR, "body": st.lists(children, max_size=2)}),
    st.fixed_dictionaries({"readout": PAIR, "body": st.lists(children, max_size=2)},
                          optional={"date": st.sampled_from(["2025-07-03", "2025-13-01"]), "issuer": st.sampled_from(["mod", "x"])}),
), max_leaves=8)
MEMOS = st.fixed_dictionaries(
    {"type": st.sampled_from(["readout", "result-summary", "readout", "result-summary", "minutes"]),
     "date": st.sampled_from(["2025-06-27", "2019-04-30", "2019-05-01", "2025-06-27", "2025-02-30", "soon", "1900-01-01"]),
     "issuer": st.sampled_from(["mofa", "cao-ipchq", "mofa", "nobody"]), "title": PAIR, "body": st.lists(BLOCKS, max_size=4)},
    optional={"lead": PAIR, "handling": PAIR, "closing": st.booleans() | WORDS,
              "end_date": st.sampled_from(["2025-06-28", "2024-01-01"]),
              "languages": st.lists(st.sampled_from(["ja", "en", "fr"]), max_size=2, unique=True),
              "calendar": st.sampled_from(["era", "gregorian", "julian"]), "titel": WORDS})


@pytest.fixture(scope="module")
def space(tmp_path_factory) -> Workspace:
    """The workspace two folders down in a folder of its own: what it writes above itself is seen there too."""
    return Workspace.at(copy_workspace(tmp_path_factory.mktemp("fuzz") / "office" / "memos"))


def files_outside_build(workspace: Workspace) -> set[Path]:
    """Every file of the fuzz folder but build/ and the memo under test (not the other tests' folders)."""
    top = workspace.root.parents[1]
    return {p for p in top.rglob("*") if "build" not in p.relative_to(top).parts and p.name != "fuzz.yaml"}


def only_content_errors(workspace: Workspace, text: str, formats: tuple[str, ...]) -> None:
    """Write the memo, build it; only content problems may come back, and only build/ may change."""
    (workspace.content / "fuzz.yaml").write_text(text, encoding="utf-8")
    before = files_outside_build(workspace)
    try:
        report = build(workspace, ["fuzz"], formats=formats, force=True)
    except ContentError:
        report = None
    assert files_outside_build(workspace) == before
    if report is not None:
        assert all(path.parent == workspace.build for path in report.written)
        assert report.written or report.problems
    event("built" if report is not None and report.written else "content error")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(memo=MEMOS)
def test_generated_content_trees(space, memo):
    only_content_errors(space, json.dumps(memo, ensure_ascii=False), ("html",))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.text(max_size=200) | st.builds(lambda a, b: a + b, st.sampled_from(
    ["type: readout\ndate: 2025-07-04\n", "- a\n", "a: &x [*x]\n", "!!python/object:os.system x\n", "a: {b: [c\n",
     "\ufeffa: 1\n", "a:\n\t- b\n", "a: 1\na: 2\n", "a: 2025-02-30\n", "? [a]\n: b\n"]), st.text(max_size=50)))
def test_raw_yaml(space, raw):
    path = space.content / "fuzz.yaml"
    path.write_text(raw, encoding="utf-8")
    try:
        load(path)
    except ContentError as error:
        assert all(problem.line >= 1 and problem.column >= 1 for problem in error.problems)
    checked = check(space, ["fuzz"])
    assert all(problem.path for problem in checked.problems)


VALID_HEADER = st.fixed_dictionaries({"type": st.sampled_from(["readout", "result-summary"]), "date": st.just("2025-06-27"),
                                      "issuer": st.just("mofa"), "title": GOOD_PAIR, "body": st.lists(BLOCKS, max_size=4)})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(memo=VALID_HEADER)
def test_generated_memos_render_as_pdf_and_word(space, memo):
    only_content_errors(space, json.dumps(memo, ensure_ascii=False), ("pdf", "docx"))


HOSTILE = st.sampled_from([
    "body:\n" + "".join("  " * i + "  - section: {ja: 節, en: Part}\n" + "  " * i + "    body:\n" for i in range(140))
    + "  " * 140 + "  - paragraph: {ja: 深, en: Deep}\n",
    "a: " + "[" * 600 + "]" * 600 + "\n",
    'type: readout\ndate: 2025-07-04\nissuer: mod\ntitle: {ja: "\\ud800", en: x}\nbody: []\n',
    "type: readout\ndate: 2025-07-04\nissuer: mod\ntitle: {ja: 題, en: x}\nbody: []\nwidth: 0x" + "f" * 5000 + "\n",
    "type: readout\ndate: 2025-07-04\nissuer: mod\ntitle: {ja: 題, en: x}\nbody:\n  - paragraph: {ja: あ, en: "
    + "y" * 5000 + "}\n",
    "type: readout\ndate: 2108-01-01\ncalendar: gregorian\nissuer: mod\ntitle: {ja: 題, en: x}\nbody: []\n",
    "type: readout\ndate: 2025-07-04\nissuer: mod\ntitle: {ja: 題, en: x}\nbody:\n  - bullets:\n"
    + "    - {ja: 項, en: i}\n" * 700,
    "type: readout\ndate: 2025-07-04\nissuer: mod\ntitle: {ja: 題😀, en: x\U0010FFFF}\nbody: []\n",
    "a: .nan\nb: -.inf\n", "\x00", "\xff\xfe", "", "- - -\n", "type: [readout]\n",
]) | MEMOS.map(lambda memo: json.dumps(memo, ensure_ascii=False))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bad=st.lists(HOSTILE, min_size=1, max_size=3))
def test_bad_memos_among_good_ones_never_stop_the_good_ones(space, bad):
    """Random and hostile memos beside the examples: the examples are always built, nothing but content
    problems comes back (so the command's exit code is 0 or 1, never 3)."""
    for old in space.content.glob("bad-*.yaml"):
        old.unlink()
    for number, text in enumerate(bad):
        (space.content / f"bad-{number}.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    report = build(space, [], formats=("html",))
    done = {path.name for path in report.written + report.up_to_date}
    for good in ("khare-visit-2025", "pko-symposium-2025"):
        assert {f"{good}.ja.html", f"{good}.en.html"} <= done
    for problem in report.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.path.is_relative_to(space.root)
