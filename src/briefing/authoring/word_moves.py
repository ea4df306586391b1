"""Elements moved in Word: anchored paragraphs found out of their block, and the list or body they moved into.

A path names the YAML sequences it sits in (`chain`); an item, bullet point or paragraph put among the elements
of another sequence of its kind (`numbered`, `bullets`, a `body`) moves there, in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass

MOVABLE = ("item", "bullet", "paragraph")  # what may be moved whole into another list or body


@dataclass(frozen=True)
class Moved:
    """An element moved in Word into another sequence: the sequence and place it comes from."""

    sequence: str
    index: int


def chain(path: str) -> list[tuple[str, int]]:
    """The (sequence path, index) of every YAML sequence element `path` sits in, outermost first."""
    pieces = path.split(".")
    return [(".".join(pieces[:n]), int(piece)) for n, piece in enumerate(pieces) if piece.isdigit()]


def kind(path: str) -> str:
    """What an anchored path prints: item, bullet, paragraph, section, lead or readout."""
    last = path.rpartition(".")[2]
    if last.isdigit():
        return "bullet"
    return {"text": "item"}.get(last, last)


def anchored_chains(paragraphs: list, gone) -> list[tuple[int, list[tuple[str, int]]]]:
    """(number, chain of its path) of each anchored paragraph not `gone`, in Word order."""
    return [(number, chain(anchor[0])) for number, (anchor, paragraph) in enumerate(paragraphs)
            if anchor and not gone(paragraph)]


def displaced(paragraphs: list, anchored: list) -> set[int]:
    """Anchored paragraphs (`anchored_chains`) moved out of their block: before its heading, or between two
    paragraphs of another block (an item dropped into another list, a paragraph into another section). A paragraph
    found between the moved one and its new block (the heading it now follows) is judged by the others around it."""
    heads = {chain(anchor[0])[-1]: number for number, (anchor, _) in enumerate(paragraphs)
             if anchor and kind(anchor[0]) in ("section", "readout") and chain(anchor[0])}

    def among_others(n: int, skipped: set[int]) -> bool:
        before = next((elements for k, elements in reversed(anchored[:n]) if k not in skipped), None)
        after = next((elements for k, elements in anchored[n + 1:] if k not in skipped), None)
        if before is None or after is None:
            return False
        shared = before[:next((k for k, (a, b) in enumerate(zip(before, after)) if a != b),
                               min(len(before), len(after)))]
        return anchored[n][1][:len(shared)] != shared

    first = {anchored[n][0] for n in range(len(anchored)) if among_others(n, set())}
    return {number for n, (number, elements) in enumerate(anchored)
            if any(number < heads.get(element, -1) for element in elements)
            or (number in first and among_others(n, first))}


def destination(element: tuple[str, int], neighbour: str | None, boxed: bool, in_box) -> str | None:
    """The other sequence of the element's kind (numbered, bullets, body) around the anchored `neighbour`, in a
    reference box (`in_box` says which are) if the paragraph is (`boxed`: in a table's cell or the box style), outside
    boxes if not."""
    sequence, index = element
    if neighbour is None:
        return None
    key = sequence.rpartition(".")[2]
    found = [around for around, _ in chain(neighbour)
             if around.rpartition(".")[2] == key and in_box(around) == boxed]
    if key == "body" and kind(neighbour) in ("section", "readout"):  # under a heading: that section's body
        found.append(f"{neighbour.rpartition('.')[0]}.body")
    target = found[-1] if found else None
    inside = target is not None and (target == sequence or target.startswith(f"{sequence}.{index}."))
    return None if inside else target


def whole_runs(anchored: list) -> dict[tuple[str, int], int]:
    """Each element whose anchored paragraphs (`anchored_chains`) follow one another with no other's between
    them: the number of its first paragraph (an element that can move whole)."""
    runs: dict[tuple[str, int], list[int]] = {}  # element → positions in `anchored`
    for position, (_, elements) in enumerate(anchored):
        for element in elements:
            runs.setdefault(element, []).append(position)
    return {element: anchored[places[0]][0] for element, places in runs.items()
            if places[-1] - places[0] == len(places) - 1}
