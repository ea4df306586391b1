"""Numbering levels as the templates' strings define them: markers for HTML, formats for Word."""

from __future__ import annotations

import math
import unicodedata

KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))

# Level format → Word's w:numFmt.
WORD_FORMATS = {
    "decimal": "decimal", "decimal-fullwidth": "decimalFullWidth", "katakana": "aiueoFullWidth",
    "iroha": "irohaFullWidth", "lower-alpha": "lowerLetter", "upper-alpha": "upperLetter",
    "lower-roman": "lowerRoman",
}


def _cycle(letters: str, n: int) -> str:
    return letters[(n - 1) % len(letters)]


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _alpha(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


COUNTERS = {
    "decimal": str,
    "decimal-fullwidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "katakana": lambda n: _cycle(KATAKANA, n),
    "iroha": lambda n: _cycle(IROHA, n),
    "lower-alpha": _alpha,
    "upper-alpha": lambda n: _alpha(n).upper(),
    "lower-roman": _roman,
}


def marker(level: dict, n: int) -> str:
    """The printed marker of item `n` at a level such as `{format: decimal, text: "({})"}`."""
    return level["text"].replace("{}", COUNTERS[level["format"]](n))


def word_level(level: dict, ilvl: int) -> tuple[str, str]:
    """Word's (numFmt, lvlText) for the level at index `ilvl`."""
    return WORD_FORMATS[level["format"]], level["text"].replace("{}", f"%{ilvl + 1}")


def hang_em(level: dict) -> float:
    """How far a level's text stands from its marker, in ems: the widest of the first markers plus a half."""
    def width(text: str) -> float:
        return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    widest = max(width(marker(level, n)) for n in (1, 2, 3))
    return max(1.5, math.ceil((widest + 0.5) * 2) / 2)
