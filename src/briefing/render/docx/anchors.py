"""Anchors: which content each Word paragraph came from, as hidden bookmarks `briefing import` reads back.

Bookmarks rather than content controls: a bookmark is invisible (no grey frame, no tag the reader meets),
Word and LibreOffice both keep it through editing and saving, and a paragraph copied elsewhere in the
document leaves it behind (names are unique), so the copy reads as new text, not as a second original.
A name starting with "_" is hidden in Word's bookmark list. Word allows 40 letters, digits and "_", so the
content path is written compactly: `_BFja_b0n2t` is `body.0.numbered.2.text` in Japanese, `_1` a later
paragraph of the same text (`~1` in the HTML's data-path).
"""

from __future__ import annotations

import re

PREFIX = "_BF"
KEYS = {"body": "b", "numbered": "n", "text": "t", "bullets": "u", "paragraph": "p", "section": "s", "lead": "l",
        "readout": "r"}
NAMES = {short: key for key, short in KEYS.items()}
NAME = re.compile(r"_BF(ja|en)_((?:[a-z]\d*)+)(?:_(\d+))?")
MAX = 40


def anchor_name(lang: str, data_path: str) -> str | None:
    """The bookmark name for a data-path such as `body.0.numbered.2.text~1`; None if it cannot be one."""
    path, _, part = data_path.partition("~")
    pieces, out = path.split("."), ""
    for piece in pieces:
        if piece.isdigit() and out and out[-1].isalpha():
            out += piece
        elif piece in KEYS:
            out += KEYS[piece]
        else:
            return None
    name = f"{PREFIX}{lang}_{out}" + (f"_{part}" if part else "")
    return name if len(name) <= MAX else None


def read_anchor(name: str) -> tuple[str, str, int] | None:
    """(lang, content path, paragraph of that text) from a bookmark name, or None if it is not an anchor."""
    match = NAME.fullmatch(name)
    if not match:
        return None
    pieces = [NAMES[m[0]] + (f".{m[1]}" if m[1] else "") for m in re.findall(r"([a-z])(\d*)", match[2])]
    return match[1], ".".join(pieces), int(match[3] or 0)


def anchored_texts(root) -> dict[str, list[str]]:
    """Content path → the printed paragraphs of that text, from a memo's semantic HTML (lxml.html root)."""
    texts: dict[str, list[str]] = {}
    for element in root.xpath("//*[@data-path]"):
        path, _, part = element.get("data-path").partition("~")
        marker = "".join(element.xpath("span[@class='marker']//text()"))
        text = "".join(piece if isinstance(piece, str) else "\n" for piece in _pieces(element))
        texts.setdefault(path, []).append(text[len(marker):] if marker and text.startswith(marker) else text)
    return texts


def unanchored_lines(root) -> list[str]:
    """The lines the memo prints in its body without an anchor (title, date line, attendees, labels, captions)."""
    lines = []
    for element in root.xpath("//body//p[not(@data-path)] | //body//h1 | //body//li[not(p)] | //body//figcaption"):
        if {"handling", "draft-mark"} & set(element.classes):
            continue  # printed in the page header
        marker = "".join(element.xpath("span[@class='marker']//text()"))
        text = "".join(piece if isinstance(piece, str) else "\n" for piece in _pieces(element))
        lines += (text[len(marker):] if marker and text.startswith(marker) else text).split("\n")
    return lines


def digest(root) -> str:
    """A short hash of every anchored text: the Word file records it, `briefing import` sees if the memo changed since."""
    import hashlib

    texts = anchored_texts(root)
    joined = "\n".join(f"{path}\t{chr(12).join(parts)}" for path, parts in sorted(texts.items()))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def _pieces(element):
    """The text of `element` in order, a <br> as None (a line break: Word's w:br)."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag == "br":
            yield None
        elif isinstance(child.tag, str):
            yield from _pieces(child)
        if child.tail:
            yield child.tail
