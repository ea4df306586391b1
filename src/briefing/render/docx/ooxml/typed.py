"""A Word file typed by hand, read as its body's paragraphs and tables with their styles and list levels.

`briefing import --new` maps these onto blocks. Styles are known by every name they go by (styleId, name,
w:aliases, and those of the styles they are based on), since LibreOffice renames ids when it saves; list
levels come from the paragraph's w:numPr or its style's, and their format from numbering.xml (bullet or not).
Tracked insertions count as text, deletions do not; proofing marks, rsids, smart tags and field codes are
skipped. Pictures and text boxes are listed with their place, never read as body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from briefing.render.docx.ooxml.revisions import NS, W, read_parts

TEXT_BOX = ("txbxContent", "textbox")
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SKIPPED = {f"{{{W}}}{tag}" for tag in ("del", "moveFrom", "instrText", "delInstrText")}


@dataclass
class TypedParagraph:
    """One paragraph: its place, every name of its style, its list level and format, its text."""

    number: int  # counted over the document's paragraphs (tables' included), from 1
    style: str  # its style's name as the file gives it
    styles: frozenset[str]  # style keys (see `style_key`) of its style and the styles it is based on
    text: str
    level: int | None = None  # w:ilvl of its list numbering, None when it has none
    bullet: bool = False  # the list level's format is a bullet
    boxed: bool = False  # paragraph borders or a frame (w:pBdr, w:framePr): styled as a box
    pictures: list[str] = field(default_factory=list)  # names of pictures in it
    text_boxes: list[str] = field(default_factory=list)  # the text of text boxes anchored in it
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, address) of its hyperlinks


@dataclass
class TypedTable:
    """A table: its number, how many cells, and the paragraphs of its cells in reading order."""

    number: int
    cells: int
    paragraphs: list[TypedParagraph]


def style_key(name: str) -> str:
    """A style name compared loosely: case, spaces and widths do not count ("heading 1" = "Heading1")."""
    return re.sub(r"[\s\u3000_-]+", "", name).lower()


def read_typed(path) -> list[TypedParagraph | TypedTable]:
    """The body of the .docx at `path` in order; raises ValueError, saying why, on a file that is not one."""
    body, styles, numbering, rels = read_parts(path, "word/styles.xml", "word/numbering.xml",
                                               "word/_rels/document.xml.rels")
    targets = {} if rels is None else {r.get("Id"): r.get("Target", "") for r in rels.iter(RELS)
                                       if r.get("TargetMode") == "External"}
    reader = _Reader(_styles(styles), _bullets(numbering), targets)
    reader.number(body)
    return reader.blocks(body)


class _Reader:
    def __init__(self, styles: dict, bullets: set[tuple[str, str]], targets: dict[str, str]):
        self.styles, self.bullet_levels, self.targets, self.numbers = styles, bullets, targets, {}

    def number(self, body) -> None:
        paragraphs = [p for p in body.iter(f"{{{W}}}p") if not _in_text_box(p)]
        self.numbers = {p: n for n, p in enumerate(paragraphs, 1)}

    def blocks(self, parent) -> list:
        out = []
        for element in parent:
            tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
            if tag == "p":
                out.append(self.paragraph(element))
            elif tag == "tbl":
                cells = element.xpath("w:tr/w:tc | w:tr/w:sdt/w:sdtContent/w:tc", namespaces=NS)
                inner = [p for p in element.iter(f"{{{W}}}p") if not _in_text_box(p)]
                out.append(TypedTable(len(element.xpath("preceding::w:tbl", namespaces=NS)) + 1, len(cells),
                                      [self.paragraph(p) for p in inner]))
            elif tag in ("sdt", "customXml", "smartTag"):  # content controls: their content, in place
                content = element.find("w:sdtContent", NS)
                out += self.blocks(element if content is None else content)
        return out

    def paragraph(self, p) -> TypedParagraph:
        ppr = p.find("w:pPr", NS)
        style_id = _val(ppr, "w:pStyle") or self.styles.get(None, {}).get("id", "")
        style = self.styles.get(style_id, {})
        num_id, level = _val(ppr, "w:numPr/w:numId"), _val(ppr, "w:numPr/w:ilvl")
        if num_id is None:
            num_id, level = style.get("numId"), level or style.get("ilvl")
        listed = num_id not in (None, "0")
        level_text = level or "0"
        boxed = ppr is not None and (ppr.find("w:pBdr", NS) is not None or ppr.find("w:framePr", NS) is not None)
        pictures = [(d.xpath(".//*[local-name()='cNvPr']/@name") or [""])[0]
                    for d in p.xpath(".//w:drawing[not(.//w:txbxContent)] | .//w:pict[not(.//v:textbox)]",
                                     namespaces={**NS, "v": "urn:schemas-microsoft-com:vml"})
                    if not _in_fallback(d)]
        boxes = [_text(box) for box in p.iter(f"{{{W}}}txbxContent") if not _in_fallback(box)]
        keys = style.get("keys", frozenset({style_key(style_id)}))
        return TypedParagraph(self.numbers.get(p, 0), style.get("name", style_id), keys, _text(p),
                              int(level_text) if listed else None,
                              listed and (num_id, level_text) in self.bullet_levels,
                              boxed or style.get("boxed", False), pictures, boxes,
                              [(_text(link), self.targets[link.get(R_ID)]) for link in p.iterfind("w:hyperlink", NS)
                               if link.get(R_ID) in self.targets])


def _styles(root) -> dict:
    """styleId → {keys, numId, ilvl, boxed} of each paragraph style, its bases' names included; None → Normal's id."""
    if root is None:
        return {}
    raw = {}
    for style in root.iterfind("w:style", NS):
        if style.get(f"{{{W}}}type") not in (None, "paragraph"):
            continue
        style_id = style.get(f"{{{W}}}styleId", "")
        names = [style_id, _val(style, "w:name") or ""] + (_val(style, "w:aliases") or "").split(",")
        ppr = style.find("w:pPr", NS)
        raw[style_id] = {"name": names[1] or style_id, "names": {style_key(n) for n in names if n.strip()},
                         "base": _val(style, "w:basedOn"),
                         "numId": _val(ppr, "w:numPr/w:numId"), "ilvl": _val(ppr, "w:numPr/w:ilvl"),
                         "boxed": ppr is not None and ppr.find("w:pBdr", NS) is not None,
                         "default": style.get(f"{{{W}}}default") in ("1", "true")}
    resolved = {}
    for style_id, style in raw.items():
        keys, seen, base = set(style["names"]), {style_id}, style["base"]
        while base in raw and base not in seen:  # a style based on Heading 1 is a heading too
            seen.add(base)
            keys |= raw[base]["names"]
            style["numId"] = style["numId"] or raw[base]["numId"]
            base = raw[base]["base"]
        resolved[style_id] = {**style, "keys": frozenset(keys)}
    default = next((i for i, s in raw.items() if s["default"]), None)
    if default is not None:
        resolved[None] = {"id": default}
    return resolved


def _bullets(root) -> set[tuple[str, str]]:
    """(numId, ilvl) of every list level whose format is a bullet."""
    if root is None:
        return set()
    abstract = {a.get(f"{{{W}}}abstractNumId"): {lvl.get(f"{{{W}}}ilvl") for lvl in a.iterfind("w:lvl", NS)
                                                  if _val(lvl, "w:numFmt") == "bullet"}
                for a in root.iterfind("w:abstractNum", NS)}
    return {(num.get(f"{{{W}}}numId"), ilvl) for num in root.iterfind("w:num", NS)
            for ilvl in abstract.get(_val(num, "w:abstractNumId"), ())}


def _val(element, path: str) -> str | None:
    found = None if element is None else element.find(path, NS)
    return None if found is None else found.get(f"{{{W}}}val")


def _in_text_box(element) -> bool:
    return any(etree.QName(a).localname in TEXT_BOX for a in element.iterancestors() if isinstance(a.tag, str))


def _in_fallback(element) -> bool:
    """Inside mc:Fallback: the older copy of a drawing Word writes beside it (read once, not twice)."""
    return any(isinstance(a.tag, str) and etree.QName(a).localname == "Fallback" for a in element.iterancestors())


def _text(element) -> str:
    """The text as it reads with tracked changes accepted, without hidden runs and text boxes' text."""
    out = []
    for node in element.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr", f"{{{W}}}noBreakHyphen"):
        ancestors = [a for a in node.iterancestors() if a is not element]
        if any(a.tag in SKIPPED for a in ancestors) or (element.tag == f"{{{W}}}p" and _in_text_box(node)) \
                or _in_fallback(node) or node.xpath("ancestor::w:r[1]/w:rPr/w:vanish", namespaces=NS):
            continue
        local = etree.QName(node).localname
        if local == "t":
            out.append(node.text or "")
        elif local == "tab":
            out.append("\t")
        elif local == "noBreakHyphen":
            out.append("-")
        elif node.get(f"{{{W}}}type") in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)
