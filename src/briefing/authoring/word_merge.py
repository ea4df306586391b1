"""The rules that carry a Word file's edits into the content file's round-trip YAML (see word_import.py)."""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from briefing.authoring.word_text import normal, remapped

ITEM = re.compile(r"(?P<list>.*\.numbered)\.(?P<index>\d+)\.text")
NUMBERED_STYLE = "NumberedItem"  # the style id of reference.docx's "Numbered Item"
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
        parent = self.node(parent_path) if parent_path else self.data
        try:
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

    # ---- numbered items added, deleted, moved ----

    def lists(self, paragraphs: list) -> None:
        """Each numbered list in the Word file's order: new items added, missing ones deleted in this language."""
        orders: dict[str, list] = {}
        current = None
        for number, (anchor, paragraph) in enumerate(paragraphs):
            item = ITEM.fullmatch(anchor[0]) if anchor else None
            if item and anchor[1] == 0:
                current = item["list"]
                entries = orders.setdefault(current, [])
                gone = self.accept and not paragraph.accepted.strip() and paragraph.original.strip()
                if not gone and ("item", int(item["index"])) not in entries:
                    entries.append(("item", int(item["index"])))
            elif anchor:
                current = current if item else None
            elif paragraph.style == NUMBERED_STYLE and current and self.text_of(paragraph).strip():
                orders[current].append(("new", self.text_of(paragraph).strip()))
                self.placed.add(number)
            elif paragraph.style == NUMBERED_STYLE and current and paragraph.accepted.strip():
                self.placed.add(number)  # a tracked insertion not accepted: its proposal is reported below
                self.lines.append(f"{self.where(current)}: proposal: {paragraph.changes[0].author if paragraph.changes else 'someone'} "
                                  f"would add an item {_shown(paragraph.accepted)}")
        for path in self.printed_lists():
            orders.setdefault(path, [])
        resolved = [(path, self.node(path), order) for path, order in orders.items()]
        for path, seq, order in resolved:
            self.apply(path, seq, order)

    def printed_lists(self) -> list[str]:
        return list(dict.fromkeys(m["list"] for m in map(ITEM.fullmatch, self.printed) if m))

    def apply(self, path: str, seq: CommentedSeq, order: list) -> None:
        printed = [int(m["index"]) for m in map(ITEM.fullmatch, self.printed) if m and m["list"] == path]
        kept = [index for kind, index in order if kind == "item"]
        if [entry for entry in order if entry[0] == "item"] == [("item", i) for i in printed] and len(kept) == len(order):
            return
        items = list(seq)
        result = []
        for kind, value in order:
            if kind == "item":
                result.append(items[value])
            else:
                result.append(CommentedMap([("text", CommentedMap([(self.lang, value)])), ("only", self.lang),
                                            ("reason", f"added in the {self.lang} Word draft; translate it, "
                                                       "then remove its only and reason")]))
                self.say(path, f"added an item in {self.lang} only: {_shown(value)} (translate it into {self.other})")
        if kept != sorted(kept):
            self.say(path, f"moved items: the order is now {', '.join(str(i + 1) for i in kept)} "
                           "(of the items as numbered before), in both languages")
        for index, item in enumerate(items):
            if index in kept:
                continue
            if index in printed:
                self.say(f"{path}.{index}", f"deleted in {self.lang}: {_shown(self.printed[f'{path}.{index}.text'][0])}")
                if item.get("text", {}).get(self.other) and item.get("only") != self.lang:
                    item["only"] = self.other
                    item["reason"] = (f"deleted in the {self.lang} Word draft; delete it in {self.other} too, "
                                      "or restore it and remove its only and reason")
                else:
                    continue  # nothing left of it in either language
            before = items[index - 1] if index else None
            position = next((n + 1 for n, kept_item in enumerate(result) if kept_item is before), 0)
            result.insert(position, item)
        seq.clear()
        seq.extend(result)
        self.changed = True

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
            self.lines.append(f"{docx}: {paragraph.place}: not imported (no anchor; not part of a numbered list): "
                              f"{_shown(text)}; add it to the content file by hand")
        for place, picture in word.unmapped:
            if picture and picture.rpartition(".")[0].rstrip("-0123456789") in self.figures:
                continue  # a figure of the memo (figures.py names each picture after its image file)
            self.lines.append(f"{docx}: {place}: not imported; add it to the content file by hand")
