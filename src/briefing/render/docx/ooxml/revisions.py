"""Bookmarks that anchor paragraphs, and reading an edited Word file back: text, tracked changes, comments (PITFALLS §9.7).

python-docx drops the text inside w:ins and knows no w:del, so the reading side is plain lxml over the zip.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS = {"w": W}


def add_bookmark(p, name: str, bookmark_id: int) -> None:
    """Wrap paragraph `p`'s content in the bookmark `name` (start after its w:pPr, end as its last child)."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(bookmark_id))
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else p.index(ppr) + 1, start)
    p.append(end)


@dataclass
class Change:
    """One tracked change: an insertion or a deletion, by whom and when."""

    kind: str  # "insertion" or "deletion"
    author: str
    date: str
    text: str


@dataclass
class WordParagraph:
    """A paragraph as read back: where it sits, its anchors, its text with and without the tracked changes."""

    place: str  # "paragraph 12" or "table 2, paragraph 3"
    style: str
    anchors: list[str]
    accepted: str  # the text with every tracked change applied
    original: str  # the text as it was before the tracked changes
    changes: list[Change] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # ids of the comments anchored here
    style_name: str = ""  # the style's name ("Body Text"), the same whoever saved the file (LibreOffice renames ids)
    formats: tuple[tuple[str, str], ...] = ()  # (run formatting, text) of its accepted text, see `_formats`
    in_table: bool = False  # inside a table's cell (a reference box)


@dataclass
class WordFile:
    """What `briefing import` needs of a .docx."""

    paragraphs: list[WordParagraph]
    properties: dict[str, str]
    comments: dict[str, tuple[str, str]]  # id → (author, text)
    unmapped: list[tuple[str, str]]  # (place, picture name) of pictures and of tables an editor added


def read_parts(path, *optional: str) -> tuple:
    """The w:body of the .docx at `path`, then each `optional` part parsed (None where the file has none);
    raises ValueError, saying why, on a file that is not a .docx."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            body = etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)
            parts = [etree.fromstring(archive.read(name)) if name in names else None for name in optional]
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ValueError(str(error)) from None
    if body is None:
        raise ValueError("word/document.xml has no w:body")
    return (body, *parts)


def read(path) -> WordFile:
    """Read `path` (a .docx); raises ValueError, saying why, on a file that is not one."""
    body, props, notes, styles = read_parts(path, "docProps/custom.xml", "word/comments.xml", "word/styles.xml")
    properties = {} if props is None else {p.get("name"): "".join(p.itertext()).strip()
                                           for p in props.iter(f"{{{CUSTOM}}}property")}
    comments = {} if notes is None else {c.get(qn("w:id")): (c.get(qn("w:author"), ""), _text(c, True))
                                         for c in notes.iter(qn("w:comment"))}
    style_names = {} if styles is None else {style.get(qn("w:styleId")): style.find("w:name", NS).get(qn("w:val"))
                                             for style in styles.iter(qn("w:style")) if style.find("w:name", NS) is not None}
    paragraphs, unmapped = [], []
    for number, p in enumerate(body.iter(qn("w:p")), 1):
        table = p.xpath("ancestor::w:tbl", namespaces=NS)
        place = f"paragraph {number}"
        for picture in p.xpath(".//w:drawing | .//w:pict", namespaces=NS):
            names = picture.xpath(".//*[local-name()='cNvPr']/@name | .//*[local-name()='docPr']/@descr")
            named = [name for name in names if "." in name]  # our file name; LibreOffice renames it, keeps the alt text
            unmapped.append((f"{place}: a picture", (named or names or [""])[0]))
        paragraphs.append(_paragraph(p, place, table))
        paragraphs[-1].style_name = style_names.get(paragraphs[-1].style, paragraphs[-1].style)
    for number, table in enumerate(body.iter(qn("w:tbl")), 1):
        if not table.xpath(".//w:bookmarkStart[starts-with(@w:name, '_BF')]", namespaces=NS) \
                and not table.xpath(".//w:drawing", namespaces=NS):
            unmapped.append((f"table {number}: a table without anchors (added by an editor?)", ""))
    return WordFile(paragraphs, properties, comments, unmapped)


def _paragraph(p, place: str, table) -> WordParagraph:
    style = p.find("w:pPr/w:pStyle", NS)
    anchors = [b.get(qn("w:name")) for b in p.iter(qn("w:bookmarkStart"))]
    changes = [Change("insertion" if c.tag == qn("w:ins") else "deletion", c.get(qn("w:author"), ""),
                      c.get(qn("w:date"), ""), _text(c, c.tag == qn("w:ins"), deleted=c.tag == qn("w:del")))
               for c in p.iter(qn("w:ins"), qn("w:del")) if c.getparent() is p or c.getparent().tag != qn("w:rPr")]
    changes = [c for c in changes if c.text]
    comments = [c.get(qn("w:id")) for c in p.iter(qn("w:commentRangeStart"), qn("w:commentReference"))]
    return WordParagraph(place + (" (in a table)" if table else ""), "" if style is None else style.get(qn("w:val")),
                         anchors, _text(p, True), _text(p, False, deleted=True), changes, list(dict.fromkeys(comments)),
                         formats=_formats(p), in_table=bool(table))


# Run properties that do not change how text looks: its language, proofing, kerning, complex-script twins,
# and the East Asian font hint (LibreOffice drops it when it saves).
UNSEEN = {qn(f"w:{tag}") for tag in ("lang", "noProof", "kern", "webHidden", "bCs", "iCs", "szCs", "cs", "rtl")}


def _formats(p) -> tuple[tuple[str, str], ...]:
    """The paragraph's accepted text as (formatting, text) pieces: what an editor's bold, font or colour changed."""
    pieces: list[tuple[str, str]] = []
    for run in p.iter(qn("w:r")):
        if run.xpath("ancestor::w:del", namespaces=NS):
            continue
        text = "".join(node.text or "" for node in run.iter(qn("w:t")))
        if not text:
            continue
        rpr = run.find("w:rPr", NS)
        seen = [] if rpr is None else [
            etree.QName(child).localname + "".join(f" {etree.QName(k).localname}={v}" for k, v in sorted(child.attrib.items())
                                                   if etree.QName(k).localname != "hint")
            for child in rpr if child.tag not in UNSEEN and (child.tag != qn("w:rFonts") or len(child.attrib) > 1
                                                             or qn("w:hint") not in child.attrib)]
        look = ";".join(sorted(seen))
        if pieces and pieces[-1][0] == look:
            pieces[-1] = (look, pieces[-1][1] + text)
        else:
            pieces.append((look, text))
    return tuple(pieces)


def _text(element, inserted: bool, deleted: bool = False) -> str:
    """The text of `element`: w:t (and w:delText if `deleted`), skipping w:ins content unless `inserted`."""
    out = []
    for node in element.iter(qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br")):
        if node.xpath("ancestor::w:ins", namespaces=NS) and not inserted:
            continue
        if node.tag == qn("w:delText"):
            out.append(node.text or "" if deleted else "")
        elif node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)
