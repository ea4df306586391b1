"""Word-level differences: Sudachi's words for Japanese, words for English; moved and renumbered units."""

from __future__ import annotations

from difflib import SequenceMatcher

from briefing.authoring.compare.align import align
from briefing.authoring.compare.units import Unit
from briefing.check.words import changes


def test_a_name_change_is_one_hunk_of_whole_words():
    assert changes("バイデン大統領は訪日した。", "トランプ大統領は訪日した。", "ja") == [
        ("-", "バイデン"), ("+", "トランプ"), ("=", "大統領は訪日した。")]
    # what a character diff gives instead: the shared ン splits the name
    characters = SequenceMatcher(None, "バイデン大統領", "トランプ大統領", autojunk=False).get_opcodes()
    assert [tag for tag, *_ in characters].count("equal") == 2


def test_english_hunks_are_whole_words_with_the_spaces_between_changes_inside():
    assert changes("Biden met Harris today", "Trump greeted Vance today", "en") == [
        ("-", "Biden met Harris"), ("+", "Trump greeted Vance"), ("=", " today")]


def test_old_and_new_texts_are_given_back_exactly():
    old, new = "外務大臣は、午後3時から会談を行った。", "外務副大臣は、午後4時から約30分間会談を行った。"
    pieces = changes(old, new, "ja")
    assert "".join(text for op, text in pieces if op != "+") == old
    assert "".join(text for op, text in pieces if op != "-") == new


def test_rows_recognise_moves_insertions_deletions_and_renumbering():
    old = [Unit("item", "1", "Alpha text."), Unit("item", "2", "Beta text."), Unit("item", "3", "Gamma text.")]
    new = [Unit("item", "1", "Gamma text."), Unit("item", "2", "Delta, a new point."), Unit("item", "3", "Alpha text.")]
    states = [(row.state, row.new and row.new.text, row.old and row.old.text) for row in align(old, new)]
    assert states == [("moved-to", "Gamma text.", "Gamma text."), ("inserted", "Delta, a new point.", None),
                      ("changed", "Alpha text.", "Alpha text."), ("deleted", None, "Beta text."),
                      ("moved-from", "Gamma text.", "Gamma text.")]
    assert align(old, new)[2].pieces("en", "marker") == [("-", "1"), ("+", "3")]
    assert align(old, new)[2].pieces("en", "text") == [("=", "Alpha text.")]


def test_a_kind_each_version_has_once_is_changed_in_its_row_however_much():
    old = [Unit("handling", "", "公表済み"), Unit("item", "1", "Alpha text."), Unit("item", "2", "Beta text.")]
    new = [Unit("handling", "", "取扱注意"), Unit("item", "1", "Alpha text."), Unit("item", "2", "Quite other words.")]
    states = [(row.state, row.kind) for row in align(old, new)]
    assert states == [("changed", "handling"), ("same", "item"), ("inserted", "item"), ("deleted", "item")]
    assert align(old, new)[0].pieces("ja", "text") == [("-", "公表済み"), ("+", "取扱注意")]
