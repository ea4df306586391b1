"""Titles broken into balanced lines, never inside what must stay together (結果概要, a person's name).

The breaks are chosen here, once, and written as <br> into the HTML, so the PDF and the Word file
break a title at the same places. Widths are estimated in ems of the title's size: one em for a
full-width character, Liberation Serif Bold's advance for ASCII (BIZ UDゴシック's digits have the
same half-em), which tests/view/test_titles.py checks against the vendored font.
"""

from __future__ import annotations

import re
import unicodedata

# Advance widths of ASCII U+0020–U+007E in LiberationSerif-Bold.ttf, in thousandths of an em.
ASCII_WIDTHS = tuple(int(width) for width in """
250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 500 500 500 333 333
570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000
722 722 667 333 278 333 581 500 333 500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389
333 556 500 722 500 500 444 394 220 394 520""".split())
SAFETY = 0.95  # a line is planned to fill at most this share of the measure
NO_START = set("、。，．）」』】〕〉》！？・：；ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ”’)]},.:;!?")
NO_END = set("（「『【〔〈《“‘([{")
PARTICLES = set("のとにでをがはへやも")


def width(text: str) -> float:
    """Estimated width of `text` in ems."""
    total = 0.0
    for char in text:
        if " " <= char <= "~":
            total += ASCII_WIDTHS[ord(char) - 32] / 1000
        else:
            total += 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5
    return total


def balanced_lines(text: str, measure: float, keep: tuple[str, ...] = ()) -> list[str]:
    """`text` in as few lines as fit `measure` ems, as even as possible, broken at good places only."""
    limit = measure * SAFETY
    if width(text) <= limit:
        return [text]
    candidates = _candidates(text, keep)
    for count in range(2, 6):
        plan = _plan(text, candidates, count, limit, width(text) / count, 0, {})
        if plan is not None:
            bounds = [0, *plan[1], len(text)]
            return [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]
    return [text]


def _candidates(text: str, keep: tuple[str, ...]) -> dict[int, float]:
    """Positions a line may break before, each with a penalty (0: a phrase boundary)."""
    protected = set()
    for phrase in filter(None, keep):
        for match in re.finditer(re.escape(phrase), text):
            protected.update(range(match.start() + 1, match.end()))
    found = {}
    for position in range(1, len(text)):
        before, after = text[position - 1], text[position]
        if position in protected or after in NO_START or before in NO_END:
            continue
        if before == " ":  # between words: best after a comma or colon, or before a quotation
            found[position] = 0.0 if text[position - 2:position - 1] in (",", ":", ";") or after in "\"“(" else 1.0
        elif before.isascii() and after.isascii():
            continue  # inside a Latin word
        elif before in PARTICLES or before in "、」』）" or after in "「『（" or _script(before) != _script(after):
            found[position] = 0.0 if before in PARTICLES | set("、」』）") or after in "「『（" else 1.0
        else:
            found[position] = 6.0  # inside a word written in one script
    return found


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((script for script in ("HIRAGANA", "KATAKANA", "CJK") if script in name), "OTHER")


def _plan(text: str, candidates: dict[int, float], count: int, limit: float, target: float, start: int,
          memo: dict) -> tuple[float, list[int]] | None:
    """The cheapest breaks setting text[start:] in `count` lines of at most `limit` ems: the squared
    distance of each line from `target`, plus the penalty of each break (in ems squared)."""
    if (start, count) in memo:
        return memo[start, count]
    found = None
    if count == 1:
        rest = width(text[start:].strip())
        found = ((rest - target) ** 2, []) if rest <= limit else None
    else:
        for position in sorted(p for p in candidates if p > start):
            line = width(text[start:position].strip())
            if line > limit:
                break
            tail = _plan(text, candidates, count - 1, limit, target, position, memo)
            if tail is not None:
                cost = (line - target) ** 2 + candidates[position] * 4 + tail[0]
                if found is None or cost < found[0]:
                    found = (cost, [position, *tail[1]])
    memo[start, count] = found
    return found
