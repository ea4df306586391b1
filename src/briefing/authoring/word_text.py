"""Edited printed text back into content text, keeping each `[[…]]` reference whose printed words are unchanged."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from briefing.content.references import TOKEN

CJK = r"\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
SPACE_BY_CJK = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])")


def normal(text: str) -> str:
    """Text compared the way a reader sees it: runs of white space as one, none beside Japanese characters."""
    return SPACE_BY_CJK.sub("", re.sub(r"[ \t\r\n]+", " ", text)).strip()


def printed_references(source: str, printed: str) -> list[tuple[str, int, int]] | None:
    """Each reference of `source` with the span of `printed` (normalised) it was printed as; None if unsure."""
    tokens = list(TOKEN.finditer(source))
    literals = [source[a:b] for a, b in zip([0] + [t.end() for t in tokens], [t.start() for t in tokens] + [len(source)])]
    pattern = "(.*?)".join(_literal(piece) for piece in literals)
    match = re.fullmatch(pattern, printed, re.DOTALL)
    if match is None:
        return None
    return [(token.group(0), match.start(n), match.end(n)) for n, token in enumerate(tokens, 1)]


def _literal(piece: str) -> str:
    """A pattern for a literal between references: its words, and the space it ends or starts with if printed."""
    collapsed = re.sub(r"[ \t\r\n]+", " ", piece)
    return (" ?" if collapsed.startswith(" ") else "") + re.escape(normal(piece)) + (" ?" if collapsed.endswith(" ") else "")


def remapped(source: str, old_printed: str, new_printed: str) -> str:
    """`new_printed` as content text: the references of `source` kept where their printed words survived."""
    old, new = normal(old_printed), new_printed
    spans = printed_references(source, old) or []
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    kept = []
    for token, start, end in spans:
        for tag, a0, a1, b0, _ in opcodes:
            if tag == "equal" and a0 <= start and end <= a1 and end > start:
                kept.append((b0 + start - a0, b0 + end - a0, token))
                break
    out, position = [], 0
    for start, end, token in sorted(kept):
        out += [new[position:start], token]
        position = end
    return "".join(out + [new[position:]])
