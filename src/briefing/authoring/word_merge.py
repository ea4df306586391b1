"""The rules that carry a Word file's edits into the content file's round-trip YAML (see word_import.py)."""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from briefing.authoring.word_text import normal, remapped

BREAK = "\ue000"  # stands for a paragraph break while texts are compared (a private-use character)
PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _shown(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return f"«{text[:width]}…»" if len(text) > width else f"«{text}»"


class _Merge:
    """One import: the YAML being edited, the language, and the lines reported."""

    def __init__(self, data, lang: str, source: Path, accept: bool, printed: dict[str, list[str]], generated: str):
        self.data, self.lang, self.source, self.accept = data, lang, source, accept
        self.printed, self.generated = printed, generated
        self.figures: set[str] = set()  # the stems of the memo's image files
        self.fixed: set[str] = set()  # printed paragraphs without an anchor (attendees, labels), normalised
        self.other = "en" if lang == "ja" else "ja"
        self.lines: list[str] = []
        self.changed = False
        self.placed: set[int] = set()  # Word paragraphs an edit accounted for (by their index)

    # ---- where things are in the YAML ----

    def node(self, path: str):
        node = self.data
        for key in path.split("."):
            node = node[int(key)] if isinstance(node, CommentedSeq) else node[key]
        return node

    def where(self, path: str) -> str:
        parent_path, _, key = path.rpartition(".")
        try:
            parent = self.node(parent_path) if parent_path else self.data
            line, column = parent.lc.item(int(key)) if isinstance(parent, CommentedSeq) else parent.lc.key(key)
        except (AttributeError, KeyError, IndexError, TypeError):
            line, column = 0, 0
        return f"{self.source}:{line + 1}:{column + 1}"

    def say(self, path: str, message: str) -> None:
        self.lines.append(f"{self.where(path)}: {message}")

    def text_of(self, paragraph) -> str:
        return paragraph.accepted if self.accept else paragraph.original

    # ---- changed text ----

    def texts(self, paragraphs: list) -> None:
        """Every anchored text whose printed words differ: rewritten in this language, references kept."""
        groups: dict[str, list[tuple[int, int, object]]] = {}
        for number, (anchor, paragraph) in enumerate(paragraphs):
            if anchor:
                groups.setdefault(anchor[0], []).append((anchor[1], number, paragraph))
        for path, parts in groups.items():
            parts.sort(key=lambda part: part[0])
            self.placed.update(number for _, number, _ in parts)
            if path not in self.printed:
                self.lines.append(f"{self.source}:1:1: the Word file anchors {path}, which this memo no longer prints")
                continue
            for _, _, paragraph in parts:
                self.proposals(path, paragraph)
            new = [self.text_of(p) for _, _, p in parts if self.text_of(p).strip()]
            if new and [normal(t) for t in new] != [normal(t) for t in self.printed[path]]:
                self.set_text(path, new)

    def proposals(self, path: str, paragraph) -> None:
        """Each tracked change in `paragraph`: a proposal, or (with --accept) what was applied."""
        for change in paragraph.changes:
            verb = {"insertion": "insert", "deletion": "delete"}[change.kind]
            who = f"{change.author or 'someone'} ({change.date or 'no date'})"
            if self.accept:
                self.say(f"{path}.{self.lang}", f"accepted: {verb} {_shown(change.text)} by {who}")
            else:
                self.say(f"{path}.{self.lang}", f"proposal: {who} would {verb} {_shown(change.text)}")

    def set_text(self, path: str, new: list[str]) -> None:
        mapping = self.node(path)
        if not isinstance(mapping, CommentedMap):
            self.say(path, "changed in Word, but this text has no languages to write into; change it by hand")
            return
        before = str(mapping.get(self.lang) or "")
        source = PARAGRAPH_BREAK.sub(BREAK, before.strip())
        text = remapped(source, BREAK.join(self.printed[path]), BREAK.join(normal(n) for n in new))
        text = text.replace(BREAK, "\n")
        mapping[self.lang] = FoldedScalarString(text) if "\n" in text or isinstance(before, FoldedScalarString) else text
        self.changed = True
        self.say(f"{path}.{self.lang}", f"changed to {_shown(text)} (the {self.other} text is now stale)")

    # ---- what is only reported ----

    def report(self, paragraphs: list, word, docx: Path) -> None:
        """Comments with where they sit, and whatever the Word file holds that no content text can take."""
        for number, (anchor, paragraph) in enumerate(paragraphs):
            for comment in paragraph.comments:
                author, text = word.comments.get(comment, ("", ""))
                place = self.where(f"{anchor[0]}.{self.lang}") if anchor else f"{docx}:{paragraph.place}"
                self.lines.append(f"{place}: comment by {author or 'someone'}: {_shown(text, 80)}")
            text = normal(paragraph.accepted)
            if anchor or number in self.placed or not text or text in self.generated:
                continue
            self.lines.append(f"{docx}: {paragraph.place}: not imported (no anchor, and its style gives it no place): "
                              f"{_shown(text)}; add it to the content file by hand")
        shown = " ".join(normal(self.text_of(paragraph)) for _, paragraph in paragraphs)
        for line in sorted(self.fixed, key=self.generated.find):
            if line not in shown:
                self.lines.append(f"{docx}: deleted in Word: {_shown(line)}, a line the template or the memo's fields "
                                  "print; not imported: change it in the content file by hand")
        for place, picture in word.unmapped:
            if picture and (picture.rpartition(".")[0].rstrip("-0123456789") in self.figures
                            or normal(picture) in self.figures):
                continue  # a figure of the memo (figures.py names each picture after its image file)
            self.lines.append(f"{docx}: {place}: not imported; add it to the content file by hand")
