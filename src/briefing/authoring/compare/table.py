"""The view of a 新旧対照表 and of a redline: rows of cells, each cell a list of (text, underlined) pieces."""

from __future__ import annotations

from briefing.authoring.compare.align import Row

HEADINGS = ("memo-title", "readout-title", "section-heading", "reference-heading", "reference-title")


def table_view(rows: list[Row], lang: str, strings: dict, title: str, full: bool = False) -> dict:
    """Everything templates/_compare.html.j2 and the Word table print; kept runs shortened to （略） unless `full`."""
    labels = strings["compare"]
    order = labels["order"]
    body: list[dict] = []
    for row in rows:
        if row.state == "same" and not full:
            if body and body[-1]["omitted"]:
                continue
            body.append({"omitted": True, "cells": [_label_cell(labels["omitted"], row.kind)] * 2})
            continue
        cells = {"new": _cell(row, lang, "new", labels), "old": _cell(row, lang, "old", labels)}
        body.append({"omitted": False, "cells": [cells[side] for side in order]})
    return {"lang": lang, "title": title, "heading": labels["heading"], "note": labels["note"],
            "columns": [labels[side] for side in order], "rows": body, "labels": strings["labels"]}


def redline_paragraphs(rows: list[Row], lang: str) -> list[dict]:
    """Every unit once, in the new order, the deleted where they stood: its kind and ("=", "-", "+", text) pieces."""
    paragraphs = []
    for row in rows:
        pieces = row.pieces(lang, "text")  # Word numbers the items itself
        whole = {"inserted": "+", "moved-to": "+", "deleted": "-", "moved-from": "-"}.get(row.state, "=")
        paragraphs.append({"kind": row.kind, "whole": whole, "pieces": pieces})
    return paragraphs


def _cell(row: Row, lang: str, side: str, labels: dict) -> dict:
    """One side of a row: the unit's marker and text with its changes underlined, or a label."""
    unit = row.new if side == "new" else row.old
    shown_here = {"new": ("same", "changed", "inserted", "moved-to"), "old": ("same", "changed", "deleted", "moved-from")}
    if unit is None or row.state not in shown_here[side]:
        label = {"inserted": labels["inserted"], "moved-to": labels["moved"], "moved-from": labels["moved"]}
        return _label_cell(label.get(row.state, ""), row.kind)
    hidden = "+" if side == "old" else "-"
    pieces = []
    for part in ("marker", "text"):
        found = [(text, op != "=") for op, text in row.pieces(lang, part) if op != hidden]
        if part == "marker" and found:
            found.append((labels["marker_gap"], False))
        pieces += found
    return {"kind": row.kind, "heading": row.kind in HEADINGS, "label": False, "pieces": pieces}


def _label_cell(text: str, kind: str) -> dict:
    return {"kind": kind, "heading": False, "label": True, "pieces": [(text, False)] if text else []}
