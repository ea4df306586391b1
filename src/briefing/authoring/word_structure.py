"""Structural edits of a Word draft: items, bullets, paragraphs, sections and boxes added, deleted, moved, split.

Every anchored path names the YAML sequences it sits in (`body.1.body.0.numbered.3.text` is element 1 of
`body`, 0 of `body.1.body`, 3 of `body.1.body.0.numbered`). The Word file's order of those elements is each
sequence's new order; a printed element none of whose paragraphs is left is deleted in that language; a
paragraph without an anchor is placed by its style after what precedes it (see README, "Word edits back").
"""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from briefing.authoring.word_merge import _shown
from briefing.authoring.word_moves import (MOVABLE, Moved, anchored_chains, chain, destination, displaced, kind,
                                           whole_runs)
from briefing.authoring.word_text import normal

HEADING = re.compile(r"heading (\d)", re.IGNORECASE)  # style names: ids differ once LibreOffice saved the file
ITEM_STYLE, BULLET_STYLE = "Numbered Item", "Bullet Item"
BOX_STYLE = "Reference Box"  # a box's paragraph, when the box is not a one-cell table
TEXT_STYLES = {"Body Text", BOX_STYLE, "Lead"}  # a paragraph of running text
WHAT = {ITEM_STYLE: "an item", BULLET_STYLE: "a bullet point"}


class Structure:
    """The sequences' new orders and the new elements, read from the Word paragraphs; applied at the end."""

    def __init__(self, merge):
        self.merge, self.lang, self.other = merge, merge.lang, merge.other
        languages = merge.data.get("languages") or ["ja", "en"]
        self.both = self.other in languages
        self.orders: dict[str, list] = {}  # sequence path → its entries in Word order: an old index or a new element
        self.new: tuple[str, CommentedMap] | None = None  # the last new element and its sequence
        self.context: tuple[str, float] | None = None  # the anchor of the last content text
        self.continued = 0
        self.present: set[str] = set()  # the anchored paths the Word file still holds
        self.held: set[tuple[str, int]] = set()  # elements of paragraphs moved out of their block: left in place
        self.apart: set[tuple[str, int]] = set()  # blocks a paragraph was found apart from, reported once
        self.moves: dict[tuple[str, int], str] = {}  # elements moved into another list or body: that sequence
        self.wholes: dict[tuple[str, int], int] = {}  # elements whose paragraphs stay together: the first one

    # ---- reading the Word order ----

    def read(self, paragraphs: list) -> list:
        """`paragraphs` with each continuation paragraph given its text's anchor; orders and new elements noted."""
        anchored = anchored_chains(paragraphs, self.gone)
        out, out_of_block, self.wholes = [], displaced(paragraphs, anchored), whole_runs(anchored)
        following, after = {}, None  # the next anchored path after each paragraph
        for number in reversed(range(len(paragraphs))):
            following[number], after = after, paragraphs[number][0][0] if paragraphs[number][0] else after
        for number, (anchor, paragraph) in enumerate(paragraphs):
            if anchor:
                neighbours = (self.context[0] if self.context else None, following[number])
                self.context, self.new = anchor, None
                if not self.gone(paragraph):
                    self.present.add(anchor[0])
                if not self.gone(paragraph) and self.carried(anchor[0], number, neighbours, paragraph,
                                                             number in out_of_block):
                    pass  # it goes with an element moved whole into another list or body
                elif number in out_of_block:
                    self.held.update(chain(anchor[0]))  # stays where it was in the YAML
                    self.merge.lines.append(f"{self.merge.where(anchor[0])}: moved in Word away from the block it "
                                            f"belongs to (paragraph {number + 1}); its text is imported, its place "
                                            "is not: move it in the content file by hand")
                elif not self.gone(paragraph):
                    self.enter(anchor[0], number)
                out.append((anchor, paragraph))
                continue
            text = self.merge.text_of(paragraph).strip()
            if not text and paragraph.accepted.strip() and self.context and self.placeable(paragraph.style_name):
                self.merge.placed.add(number)  # a tracked insertion not accepted: a proposal
                who = paragraph.changes[0].author if paragraph.changes else "someone"
                what = WHAT.get(paragraph.style_name, "a section" if HEADING.fullmatch(paragraph.style_name) else "a paragraph")
                self.merge.lines.append(f"{self.merge.where(self.context[0])}: proposal: {who} would add {what} "
                                        f"{_shown(paragraph.accepted)}")
            continued = self.place(paragraph, text, number, out) if text else None
            out.append((continued, paragraph))
        return out

    def gone(self, paragraph) -> bool:
        """Deleted as a whole by a tracked change that --accept applies."""
        return self.merge.accept and not paragraph.accepted.strip() and bool(paragraph.original.strip())

    def placeable(self, style: str) -> bool:
        return style in TEXT_STYLES or style in WHAT or bool(HEADING.fullmatch(style))

    def carried(self, path: str, number: int, neighbours: tuple, paragraph, out_of_block: bool) -> bool:
        """Whether the paragraph is (inside) an item, bullet point or paragraph moved whole into another list or
        body of its kind, the one its anchored neighbours are in; the move is noted at its first paragraph."""
        elements = chain(path)
        depth = next((k for k, element in enumerate(elements) if element in self.moves), None)
        if depth is None:
            if kind(path) not in MOVABLE or not (out_of_block or self.apart_at(elements)):
                return False
            found = self.moved_whole(elements, number, neighbours, paragraph)
            if found is None:
                return False
            depth, target = found
            self.moves[elements[depth]] = target
            self.orders.setdefault(target, []).append(Moved(*elements[depth]))
        self.enter(path, number, elements[depth + 1:])
        return True

    def moved_whole(self, elements: list, number: int, neighbours: tuple, paragraph) -> tuple[int, str] | None:
        """(depth in `elements`, new sequence) of what moved: the paragraph's own element, else the whole list it
        is the first paragraph of, into the list or body of its kind around its neighbours; None if none takes it."""
        boxed = paragraph.in_table or paragraph.style_name == BOX_STYLE
        for depth in reversed(range(len(elements))):
            element = elements[depth]
            if depth < len(elements) - 1 and not (self.wholes.get(element) == number and self.is_list(element)):
                return None
            target = next(filter(None, (destination(element, neighbour, boxed, self.in_box)
                                        for neighbour in neighbours)), None)
            if target is not None:
                return depth, target
        return None

    def is_list(self, element: tuple[str, int]) -> bool:
        """Whether the element is a list block (`numbered:` or `bullets:`)."""
        node = _node(self.merge, f"{element[0]}.{element[1]}")
        return isinstance(node, CommentedMap) and ("numbered" in node or "bullets" in node)

    def apart_at(self, elements: list[tuple[str, int]]) -> bool:
        """Whether an element the paragraph is in has paragraphs earlier in Word, with others between."""
        return any(index in self.orders.get(sequence, []) and self.orders[sequence][-1] != index
                   for sequence, index in elements)

    def in_box(self, sequence: str) -> bool:
        """Whether the sequence is inside a reference box (an element holding `reference:`)."""
        holders = (_node(self.merge, f"{around}.{index}") for around, index in chain(f"{sequence}.0")[:-1])
        return any(isinstance(node, CommentedMap) and "reference" in node for node in holders)

    def enter(self, path: str, number: int, elements: list | None = None) -> None:
        """An anchored paragraph: each sequence it is in (or each of `elements`) takes its element, unless it sits
        apart from it."""
        elements = chain(path) if elements is None else elements
        for depth, (sequence, index) in enumerate(elements):
            order = self.orders.setdefault(sequence, [])
            if index in order and order[-1] != index:
                if (sequence, index) not in self.apart:  # once for the block: the paragraphs after it follow
                    self.apart.add((sequence, index))
                    self.merge.lines.append(f"{self.merge.where(path)}: sits apart from the rest of "
                                            f"{sequence}.{index} in the Word file (paragraph {number + 1} and the "
                                            "block's paragraphs after it); their text is imported, their place is "
                                            "not: move them in the content file by hand")
                self.held.update(elements[depth + 1:])  # what it is inside that block stays where it was
                return
            if index not in order:
                order.append(index)

    def place(self, paragraph, text: str, number: int, out: list):
        """An unanchored paragraph: a continuation of the text before it (its anchor returned) or a new element."""
        style, merge = paragraph.style_name, self.merge
        if not self.context or not self.placeable(style) or normal(text) in merge.fixed:
            return None  # before the content, a style no content takes, or a printed line without anchor
        merge.placed.add(number)
        path, part = self.context
        what = kind(path)
        heading = HEADING.fullmatch(style)
        if self.new and self.new[1].get("section") is not None and not heading:
            self.into_section(self.new[1], style, text)
        elif heading:
            self.add(self.section_sequence(path, int(heading[1])), self.block("section", text, body=CommentedSeq()))
        elif style == ITEM_STYLE:
            self.add_listed("numbered", text)
        elif style == BULLET_STYLE:
            self.add_listed("bullets", text)
        elif self.new and "text" in self.new[1]:  # a paragraph after a new item: the item's next paragraph
            texts = self.new[1]["text"]
            texts[self.lang] = FoldedScalarString(f"{texts[self.lang]}\n{text}")
        elif self.new:
            self.add(self.new[0], self.block("paragraph", text))
        elif what in ("item", "lead") or (what == "paragraph" and self.split(out, text)):
            self.continued += 1
            return path, part + self.continued / 1000
        elif what == "paragraph":
            self.add(chain(path)[-1][0], self.block("paragraph", text))
        elif what in ("section", "readout"):
            self.add(f"{path.rpartition('.')[0]}.body", self.block("paragraph", text))
        elif self.body_sequence(path):
            self.add(self.body_sequence(path), self.block("paragraph", text))
        else:
            merge.placed.discard(number)
        return None

    def split(self, out: list, text: str) -> bool:
        """Whether the paragraph before is the context's and the two together are its printed text (Enter pressed)."""
        anchor, before = out[-1] if out else (None, None)
        if anchor is None or anchor[0] != self.context[0]:
            return False
        printed = self.merge.printed.get(anchor[0], [])
        part = int(anchor[1])
        return part < len(printed) and normal(self.merge.text_of(before) + text) == normal(printed[part])

    def add_listed(self, key: str, text: str) -> None:
        """A new item (key numbered) or bullet point (key bullets): in the list before it, or a new list block."""
        entry = _entry(key, self.lang, text)
        if self.new and self.new[1].get(key) is not None and not self.new[0].endswith(f".{key}"):
            self.new[1][key].append(entry)  # the new list block before it
            return
        if self.new and self.new[0].endswith(f".{key}"):
            self.add(self.new[0], self.only(entry))
            return
        lists = [sequence for sequence, _ in chain(self.context[0]) if sequence.endswith(f".{key}")]
        if lists:
            self.add(lists[-1], self.only(entry))
        elif key == "bullets" and kind(self.context[0]) == "item":
            self.add(f"{self.context[0].rpartition('.')[0]}.bullets", self.only(entry))
        else:
            self.add(self.body_sequence(self.context[0]) or "body", self.block(key, CommentedSeq([entry])))

    def into_section(self, section: CommentedMap, style: str, text: str) -> None:
        """A paragraph after a new heading: a block of that new section (lists continue the list before)."""
        body, key = section["body"], {ITEM_STYLE: "numbered", BULLET_STYLE: "bullets"}.get(style)
        entry = _entry(key, self.lang, text)
        if key and body and body[-1].get(key) is not None:
            body[-1][key].append(entry)
        elif key:
            body.append(CommentedMap([(key, CommentedSeq([entry]))]))
        else:
            body.append(CommentedMap([("paragraph", CommentedMap([(self.lang, text)]))]))

    def section_sequence(self, path: str, level: int) -> str:
        """The sequence a new heading of `level` goes into: that of the level-th section around `path`, or the top."""
        sections = [sequence for sequence, index in chain(path) if _get(self.merge, f"{sequence}.{index}", "section")]
        return sections[min(level, len(sections)) - 1] if sections else "body"

    def body_sequence(self, path: str) -> str | None:
        bodies = [sequence for sequence, _ in chain(path) if sequence.endswith("body")]
        return bodies[-1] if bodies else None

    def block(self, key: str, text, body: CommentedSeq | None = None) -> CommentedMap:
        value = CommentedMap([(self.lang, text)]) if isinstance(text, str) else text
        block = CommentedMap([(key, value)])
        if body is not None:
            block["body"] = body
        return self.only(block)

    def only(self, element: CommentedMap) -> CommentedMap:
        if self.both:
            element["only"] = self.lang
            element["reason"] = f"added in the {self.lang} Word draft; translate it, then remove its only and reason"
        return element

    def add(self, sequence: str, element: CommentedMap) -> None:
        self.orders.setdefault(sequence, []).append(element)
        self.new = (sequence, element)


def _entry(key: str, lang: str, text: str) -> CommentedMap:
    """A new item (key numbered) or bullet point."""
    return CommentedMap([("text", CommentedMap([(lang, text)]))]) if key == "numbered" else CommentedMap([(lang, text)])


def _get(merge, path: str, key: str):
    node = _node(merge, path)
    return node.get(key) if isinstance(node, CommentedMap) else None


def _node(merge, path: str):
    try:
        return merge.node(path)
    except (KeyError, IndexError, TypeError):
        return None
