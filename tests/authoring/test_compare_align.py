"""How two versions' units are put side by side: kept, changed, inserted, deleted, moved."""

from briefing.authoring.compare.align import align
from briefing.authoring.compare.units import Unit

OUTSET = "はじめに、藤井副大臣から、多国間主義を堅持する考えを述べました。"
THANKS = "これに対し、カレ事務次長は、日本の貢献に謝意を表しました。"
REFORM = "このほか、双方は国連改革の現状などについて意見を交わしました。"
TOKYO = "双方は、次回の会合を東京で開くことで一致しました。"


def item(marker: str, text: str) -> Unit:
    return Unit("item", marker, text)


def states(rows) -> list[tuple[str, str, str]]:
    return [(row.state, row.new.text[:4] if row.new else "", row.old.text[:4] if row.old else "") for row in rows]


def test_a_moved_item_is_moved_and_an_unlike_new_one_is_inserted():
    old = [item("1", OUTSET), item("2", THANKS), item("3", REFORM)]
    new = [item("1", REFORM), item("2", TOKYO), item("3", OUTSET)]
    assert states(align(old, new)) == [("moved-to", "このほか", "このほか"), ("inserted", "双方は、", ""),
                                       ("changed", "はじめに", "はじめに"), ("deleted", "", "これに対"),
                                       ("moved-from", "このほか", "このほか")]


def test_an_item_moved_and_edited_is_moved_not_deleted_and_added():
    old = [item("1", OUTSET), item("2", THANKS), item("3", REFORM)]
    new = [item("1", REFORM), item("2", TOKYO), item("3", OUTSET.replace("藤井", "藤原"))]
    rows = align(old, new)
    assert [row.state for row in rows].count("moved-to") == 1
    ((moved_to, moved_from),) = [(r, s) for r in rows for s in rows
                                 if r.state == "moved-to" and s.state == "moved-from" and r.old is s.old]
    assert "藤原" in moved_to.new.text and "藤井" in moved_from.old.text
    assert ("inserted", "双方は、", "") in states(rows) and ("deleted", "", "これに対") in states(rows)
