"""Applying what word_structure.py read: each YAML sequence rewritten in the Word file's order, with its new
elements, and its printed elements none of whose paragraphs is left deleted in that language."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from briefing.authoring.word_merge import _shown
from briefing.authoring.word_moves import Moved, chain
from briefing.content import loader


def apply(structure) -> None:
    """Every sequence whose order, elements or deletions changed, rewritten (all located before any is)."""
    printed = printed_orders(structure)
    plans, dead = [], []
    for sequence in sorted(set(printed) | set(structure.orders), key=lambda s: s.count(".")):
        if any(sequence.startswith(f"{gone}.") for gone in dead):
            continue  # inside a block deleted as a whole
        order, shown = structure.orders.get(sequence, []), printed.get(sequence, [])
        shown = [index for index in shown if index in order or (sequence, index) not in structure.held]
        if [e for e in order if isinstance(e, int)] == shown and len(order) == len(shown):
            continue
        plans.append(plan(structure, sequence, order, shown))
        dead += [f"{sequence}.{index}" for index in shown
                 if index not in order and (sequence, index) not in structure.moves]  # a moved one lives on
    merge = structure.merge
    for path, texts in merge.printed.items():
        if path not in structure.present and not any(f"{path}.".startswith(f"{gone}.") for gone in dead):
            merge.say(f"{path}.{structure.lang}", f"{_shown(texts[0])} deleted in Word while what it belongs to "
                                                  "stays: not imported; delete it in the content file by hand")
    for parent, key, seq, result in plans:
        if seq is None:
            parent[key] = seq = CommentedSeq()
        seq.clear()
        seq.extend(result)
        merge.changed = True


def printed_orders(structure) -> dict[str, list[int]]:
    orders: dict[str, list[int]] = {}
    for path in structure.merge.printed:
        for sequence, index in chain(path):
            if index not in orders.setdefault(sequence, []):
                orders[sequence].append(index)
    return orders


def plan(structure, sequence: str, order: list, shown: list[int]):
    """(parent, key, the sequence node or None, its new elements) for one sequence; the changes said."""
    merge, lang, other, both = structure.merge, structure.lang, structure.other, structure.both
    parent_path, _, key = sequence.rpartition(".")
    parent = merge.node(parent_path) if parent_path else merge.data
    seq = parent.get(key) if isinstance(parent, CommentedMap) else None
    items = list(seq or [])
    result = [items[entry] if isinstance(entry, int) else _moved_node(merge, entry) if isinstance(entry, Moved)
              else entry for entry in order]
    kept = [entry for entry in order if isinstance(entry, int)]
    noun = {"numbered": "items", "bullets": "bullet points"}.get(key, "blocks")
    if kept != sorted(kept):
        merge.say(sequence, f"moved {noun}: the order is now {', '.join(str(i + 1) for i in kept)} "
                            f"(of the {noun} as numbered before), in both languages")
    for entry, element in zip(order, result):
        if isinstance(entry, Moved):
            merge.say(sequence, f"moved here in Word from {merge.where(f'{entry.sequence}.{entry.index}')}, in both "
                                f"languages: {_shown(_first_text(element, lang))}")
        elif not isinstance(entry, int):
            added = "an item" if key == "numbered" else "a bullet point" if key == "bullets" else _noun(entry)
            merge.say(sequence, f"added {added} in {lang}{' only' if both else ''}: {_shown(_first_text(entry))}"
                                + (f" (translate it into {other})" if both else ""))
    for index, item in enumerate(items):
        if index in kept or (sequence, index) in structure.moves:
            continue
        if index in shown:
            first = next((t[0] for p, t in merge.printed.items() if (sequence, index) in chain(p)), "")
            merge.say(f"{sequence}.{index}", f"deleted in {lang}: {_shown(first)}")
            if both and item.get("only") != lang:
                item["only"] = other
                item["reason"] = (f"deleted in the {lang} Word draft; delete it in {other} too, or restore it and "
                                  "remove its only and reason")
            else:
                continue  # nothing left of it in either language
        before = items[index - 1] if index else None
        position = next((n + 1 for n, kept_item in enumerate(result) if kept_item is before), 0)
        result.insert(position, item)
    return parent, key, seq, result


def _moved_node(merge, moved: Moved):
    return merge.node(f"{moved.sequence}.{moved.index}")


def _noun(block: CommentedMap) -> str:
    return "a section" if "section" in block else "a paragraph" if "paragraph" in block else "a list"


def _first_text(entry, lang: str | None = None) -> str:
    """The first text of an element (in `lang` if it has one), its only:/reason: aside."""
    texts = [(loc, text) for loc, text in loader.strings_in(entry) if not {"only", "reason"} & set(loc)]
    return next((text for loc, text in texts if loc and loc[-1] == lang), texts[0][1] if texts else "")
