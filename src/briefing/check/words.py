"""Word-level differences of two texts: Sudachi's words for Japanese, words and spaces for English."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

ENGLISH_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
SENTENCES = re.compile(r"[^。！？\n]*[。！？\n]?")
CHUNK = 12_000  # characters per call: Sudachi takes at most 49,149 bytes, and a character is at most 4


@lru_cache(maxsize=1)
def _tokenizer():
    """Sudachi's tokenizer (small dictionary, shortest units: 「トランプ」「大統領」), loaded once, in about 0.04 s.

    Only `compare` and `check --diff` showing a change import it."""
    from sudachipy import Dictionary, SplitMode
    return Dictionary(dict="small").tokenizer(mode=SplitMode.A)


def _japanese_words(text: str) -> list[str]:
    """Sudachi's words of `text`, in calls of whole sentences under its input limit."""
    words, chunk = [], ""
    for sentence in SENTENCES.findall(text):
        if chunk and len(chunk) + len(sentence) > CHUNK:
            words += [m.surface() for m in _tokenizer().tokenize(chunk)]
            chunk = ""
        chunk += sentence
        while len(chunk) > CHUNK:  # one sentence longer than a call: cut it
            words += [m.surface() for m in _tokenizer().tokenize(chunk[:CHUNK])]
            chunk = chunk[CHUNK:]
    if chunk:
        words += [m.surface() for m in _tokenizer().tokenize(chunk)]
    return words


def tokens(text: str, lang: str) -> list[str]:
    """The words of `text`; joined they give `text` back exactly."""
    if not text:
        return []
    if lang == "ja":
        return _japanese_words(text)
    return ENGLISH_TOKEN.findall(text)


def changes(old: str, new: str, lang: str) -> list[tuple[str, str]]:
    """`old` turned into `new` as pieces ("=", "-" or "+", text), cut only between words."""
    return list(_changes(old, new, lang))


@lru_cache(maxsize=4096)
def _changes(old: str, new: str, lang: str) -> tuple[tuple[str, str], ...]:
    """`changes`, worked out once per pair of texts: the table's two columns and the redline ask for the same."""
    old_words, new_words = tokens(old, lang), tokens(new, lang)
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("=", "".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("-", "".join(old_words[i1:i2])))
        if j2 > j1:
            pieces.append(("+", "".join(new_words[j1:j2])))
    return tuple(_joined(_spaces_absorbed(pieces)))


def _spaces_absorbed(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Only spaces left unchanged between two changes join them: one underline, one revision, not two."""
    result: list[tuple[str, str]] = []
    for index, (op, text) in enumerate(pieces):
        inside = 0 < index < len(pieces) - 1 and pieces[index - 1][0] != "=" and pieces[index + 1][0] != "="
        result += [("-", text), ("+", text)] if op == "=" and inside and not text.strip() else [(op, text)]
    return result


def _joined(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring pieces of one kind as one; within a change, the deletion before the insertion."""
    result: list[tuple[str, str]] = []
    for op, text in pieces:
        if result and result[-1][0] == op:
            result[-1] = (op, result[-1][1] + text)
        elif op == "-" and result and result[-1][0] == "+":
            added = result.pop()
            if result and result[-1][0] == "-":
                result[-1] = ("-", result[-1][1] + text)
            else:
                result.append(("-", text))
            result.append(added)
        else:
            result.append((op, text))
    return result
