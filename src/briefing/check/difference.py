"""A stale translation's change as `-` and `+` lines, its changed words marked: styled on a terminal, else [-…-]{+…+}.

The confirmed text comes from the lock file, which keeps each side's text beside its hash; the word
boundaries come from `briefing.check.words`, the same as `briefing compare` underlines. Sudachi is
imported only here, when a change is actually shown.
"""

from __future__ import annotations

from briefing.check.words import changes

DELETED, INSERTED = "red strike", "green underline"  # terminal styles of removed and added words


def plain_lines(lang: str, old: str, new: str) -> list[str]:
    """`-  confirmed` and `+  now`, the removed words as [-…-] and the added ones as {+…+} (git's word-diff marks)."""
    pieces = changes(old, new, lang)
    removed = "".join(f"[-{text}-]" if op == "-" else text for op, text in pieces if op != "+")
    added = "".join(f"{{+{text}+}}" if op == "+" else text for op, text in pieces if op != "-")
    return [f"-  {removed}", f"+  {added}"]


def styled_lines(lang: str, old: str, new: str) -> list:
    """The same two lines as rich texts: removed words struck through in red, added ones underlined in green."""
    from rich.text import Text

    pieces = changes(old, new, lang)
    removed, added = Text("-  ", style="red"), Text("+  ", style="green")
    for op, text in pieces:
        if op != "+":
            removed.append(text, style=DELETED if op == "-" else None)
        if op != "-":
            added.append(text, style=INSERTED if op == "+" else None)
    return [removed, added]


def pieces_of(lang: str, old: str, new: str) -> list[list[str]]:
    """The change as [op, text] pairs ("=", "-", "+"), for the JSON report."""
    return [[op, text] for op, text in changes(old, new, lang)]


def show(changes: tuple[tuple[str, str, str], ...], stream, indent: str) -> None:
    """Each (language, confirmed, now) change as its two lines: styled when `stream` is a terminal."""
    if not stream.isatty():
        for lang, old, new in changes:
            stream.write("".join(f"{indent}{line}\n" for line in plain_lines(lang, old, new)))
        return
    from rich.console import Console

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for lang, old, new in changes:
        for line in styled_lines(lang, old, new):
            console.print(indent, line, sep="")
