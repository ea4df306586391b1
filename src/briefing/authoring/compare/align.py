"""Two versions' units side by side: kept, changed, inserted, deleted and moved, each in its own row."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from briefing.authoring.compare.units import Unit
from briefing.check.words import changes

SIMILAR = 0.4  # two units of one kind this alike (by characters) are one unit changed, not one deleted and one added
MOVED_SIMILAR = 0.6  # a unit deleted in one place and one added elsewhere this alike are one unit moved (and edited)


@dataclass(frozen=True)
class Row:
    """One row of the table: a unit of the new version, of the old, or of both; `state` says which change."""

    state: str  # same, changed, inserted, deleted, moved-to (new place), moved-from (old place)
    kind: str
    new: Unit | None
    old: Unit | None

    def pieces(self, lang: str, part: str) -> list[tuple[str, str]]:
        """The `part` ("marker" or "text") turned from old to new as ("=", "-", "+", text) pieces."""
        old = getattr(self.old, part) if self.old and self.state in ("same", "changed") else ""
        new = getattr(self.new, part) if self.new and self.state in ("same", "changed") else ""
        if self.state in ("inserted", "moved-to"):
            return [("+", getattr(self.new, part))] if getattr(self.new, part) else []
        if self.state in ("deleted", "moved-from"):
            return [("-", getattr(self.old, part))] if getattr(self.old, part) else []
        if old == new:
            return [("=", new)] if new else []
        return changes(old, new, lang)


def align(old: list[Unit], new: list[Unit]) -> list[Row]:
    """The rows of the two versions in the new version's order, the deleted ones where they stood."""
    matcher = SequenceMatcher(None, [u.key for u in old], [u.key for u in new], autojunk=False)
    places = [unit.place for unit in old], [unit.place for unit in new]
    single = {place for place in set(places[1]) if places[0].count(place) == places[1].count(place) == 1}
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row("same" if o.marker == n.marker else "changed", n.kind, n, o)
                     for o, n in zip(old[i1:i2], new[j1:j2])]
        else:
            rows += _paired(old[i1:i2], new[j1:j2], single)
    return _moves(rows)


def _paired(old: list[Unit], new: list[Unit], single: set[tuple[str, int]]) -> list[Row]:
    """Rows for a stretch that differs: each new unit with the most alike old unit of its kind after the last paired.

    A kind (and line) each version has once (the title, the handling mark, the date line's issuer) is that unit
    changed, however much."""
    rows: list[Row] = []
    start = 0
    for unit in new:
        scored = [(1.0 if unit.place in single and o.place == unit.place
                   else SequenceMatcher(None, o.text, unit.text, autojunk=False).ratio(), index)
                  for index, o in enumerate(old[start:], start) if o.kind == unit.kind]
        best = max(scored, default=(0.0, -1))
        if best[0] >= SIMILAR:
            rows += [Row("deleted", o.kind, None, o) for o in old[start:best[1]]]
            rows.append(Row("changed", unit.kind, unit, old[best[1]]))
            start = best[1] + 1
        else:
            rows.append(Row("inserted", unit.kind, unit, None))
    return rows + [Row("deleted", o.kind, None, o) for o in old[start:]]


def _moves(rows: list[Row]) -> list[Row]:
    """An inserted unit whose text a deleted one had, or nearly had, is that unit moved: both rows say so."""
    deleted = [index for index, row in enumerate(rows) if row.state == "deleted"]
    inserted = [index for index, row in enumerate(rows) if row.state == "inserted"]
    result = list(rows)
    for alike in (_same_text, _nearly_same_text):  # every exact move first, then the moved and edited
        for index in inserted:
            source = next((d for d in deleted if alike(rows[d].old, rows[index].new)), None)
            if source is not None and result[index].state == "inserted":
                deleted.remove(source)
                result[index] = Row("moved-to", rows[index].kind, rows[index].new, rows[source].old)
                result[source] = Row("moved-from", rows[index].kind, rows[index].new, rows[source].old)
    return result


def _same_text(old: Unit, new: Unit) -> bool:
    return old.key == new.key


def _nearly_same_text(old: Unit, new: Unit) -> bool:
    return old.kind == new.kind and SequenceMatcher(None, old.text, new.text, autojunk=False).ratio() >= MOVED_SIMILAR
