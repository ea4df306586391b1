"""Tagged PDF beyond what WeasyPrint 70 writes: the HTML's languages, list labels, artifacts, standards.

WeasyPrint tags the document (`pdf_tags`), but its structure elements do not carry the HTML's
`lang` attributes; the running header and footer are marked content that belongs to no element
(PDF/UA asks for artifacts); a list item's marker stays inside the item's paragraph; and one file
declares one standard. Two steps fix this while WeasyPrint writes the PDF (no second parse and
save, which would cost time and bytes; pikepdf reads the result back in the tests only):

- `_with_html` wraps WeasyPrint's box-to-element walk: only there are the HTML element of each
  structure element, its `lang` and its classes known (the change offered upstream: write /Lang
  on an element whose language differs from its parent's).
- `Finisher` runs on the finished object tree, before the file is written (WeasyPrint's
  documented `finisher` hook).
"""

from __future__ import annotations

import pydyf
from weasyprint import __version__ as weasyprint_version
from weasyprint.formatting_structure.boxes import MarginBox
from weasyprint.pdf import tags as weasy_tags

from briefing.render.document import PDF_STANDARDS

# --pdf-standard → WeasyPrint's variant; None is a tagged PDF without a declared standard.
STANDARDS = {"tagged": None, "ua-1": "pdf/ua-1", "a-2a": "pdf/a-2a", "a-3a": "pdf/a-3a", "ua-1+a-2a": "pdf/a-2a"}
assert tuple(STANDARDS) == PDF_STANDARDS
GROUPS = {"aside": "/Sect"}  # HTML elements WeasyPrint leaves as /NonStruct that group content
TEXT_KID_KEYS = {"Type", "S", "K", "Pg", "P"}

# PDF/A-2 accepts pdfuaid:part only with an extension schema describing it (ISO 19005-2, 6.6.2.3).
UA_IN_PDFA = b"""<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" \
xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" \
xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>\
<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
"""


def write_options(standard: str | None) -> dict:
    """WeasyPrint's options for a standard (every PDF is tagged)."""
    variant = STANDARDS[standard or "tagged"]
    return {"pdf_tags": True, "pdf_variant": variant} if variant else {"pdf_tags": True}


def _notes(pdf) -> dict:
    """What the walk learnt about elements, kept with the PDF being written."""
    return pdf.__dict__.setdefault("_briefing_notes", {"markers": set(), "margins": {}, "margin": None})


def _with_html(box, parent, pdf, page_number, nums, annotations, tags):
    """WeasyPrint's walk, each element then given what its HTML element says."""
    notes = _notes(pdf)
    if isinstance(box, MarginBox):
        notes["margin"] = "/Header" if box.at_keyword.startswith("@top") else "/Footer"
    try:
        for element in _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
            if notes["margin"]:
                notes["margins"][element.number] = notes["margin"]
            _from_html(getattr(box, "_box", box), element, notes)
            yield element
    finally:
        if isinstance(box, MarginBox):
            notes["margin"] = None


def _from_html(box, element, notes: dict) -> None:
    html, tag = box.element, box.element_tag
    if html is None or tag in ("html", "body") or "::" in (tag or ""):
        return  # the walk passes the children of <html> and <body> up as its own
    if lang := html.get("lang"):
        element["Lang"] = pydyf.String(lang)
    if "marker" in (html.get("class") or "").split():
        notes["markers"].add(element.number)
    if tag in GROUPS:
        element["S"] = GROUPS[tag]
    if box.link_annotation is not None:  # PDF/UA: a link describes itself (its text)
        box.link_annotation["Contents"] = pydyf.String(" ".join("".join(html.itertext()).split()))


_build_box_tree = weasy_tags._build_box_tree
if weasyprint_version == "70.0":  # the walk's signature is WeasyPrint 70's; a new version needs a look
    weasy_tags._build_box_tree = _with_html


class Finisher:
    """Runs on WeasyPrint's objects before they are written: artifacts, list labels, one element per run."""

    def __init__(self, standard: str | None):
        self.standard = standard

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        if "StructTreeRoot" not in pdf.catalog:
            return
        self.pdf, self.notes = pdf, _notes(pdf)
        root = self.get(pdf.catalog["StructTreeRoot"])
        reachable = self.reachable(root)
        nums = self.get(root["ParentTree"])["Nums"]
        for page_index, page_ref in enumerate(pdf.page_references):
            owners = nums[2 * page_index + 1]
            stream = self.get(self.get(page_ref)["Contents"])
            artifacts = {}
            for mcid, owner_ref in enumerate(owners):
                owner = self.get(owner_ref)
                if owner.number not in reachable:
                    artifacts[mcid] = self.margin_of(owner)
                    owners[mcid] = "null"
                else:
                    owners[mcid] = self.merge_text_kid(owner, mcid)
            _mark_artifacts(stream, artifacts)
        for number in sorted(self.notes["markers"]):
            self.label(self.pdf.objects[number])
        self.trim(root)
        if self.standard == "ua-1+a-2a":
            self.declare_ua()

    def get(self, reference):
        return self.pdf.objects[int(reference.split()[0])]

    def reachable(self, root) -> set[int]:
        seen, pending = set(), [root]
        while pending:
            element = pending.pop()
            seen.add(element.number)
            pending += [self.get(kid) for kid in element.get("K", ()) if isinstance(kid, bytes)
                        and "S" in self.get(kid)]
        return seen

    def trim(self, root) -> None:
        """Drop what the file need not repeat (/Type, and /Pg where no MCID needs it): 1-2 KB per memo."""
        for number in sorted(self.reachable(root) - {root.number}):
            element = self.pdf.objects[number]
            element.pop("Type", None)
            if not any(isinstance(kid, int) for kid in element["K"]):
                element.pop("Pg", None)

    def margin_of(self, element) -> str:
        """Header or footer: the running element's margin box; its elements are dropped."""
        kind = "/Header"
        while element.get("S") != "/Document":
            kind = self.notes["margins"].get(element.number, kind)
            element.free = "f"
            element = self.get(element["P"])
        return kind

    def merge_text_kid(self, element, mcid: int):
        """A text run's own /Span (WeasyPrint makes one per run) becomes an MCID of its parent."""
        parent = self.get(element["P"])
        plain = set(element) <= TEXT_KID_KEYS and element["S"] == "/Span" and list(element["K"]) == [mcid]
        if not plain or element.number in self.notes["markers"] or parent.get("Pg") != element["Pg"]:
            return element.reference
        parent["K"][parent["K"].index(element.reference)] = mcid
        element.free = "f"
        return parent.reference

    def label(self, marker) -> None:
        """A list item's marker, first in its paragraph, becomes the item's /Lbl, before its /LBody."""
        paragraph = self.get(marker["P"])
        body = self.get(paragraph["P"])
        item = self.get(body["P"]) if "P" in body else body
        if not (paragraph["K"] and paragraph["K"][0] == marker.reference and body["S"] == "/LBody"
                and body["K"][0] == paragraph.reference and item["S"] == "/LI"):
            return
        marker["S"], marker["P"] = "/Lbl", item.reference
        del paragraph["K"][0]
        item["K"].insert(item["K"].index(body.reference), marker.reference)

    def declare_ua(self) -> None:
        """A PDF/A-2a file that also declares PDF/UA-1 in its XMP."""
        metadata = self.get(self.pdf.catalog["Metadata"])
        content = b"".join(metadata.stream)
        metadata.stream = [content.replace(b"</rdf:RDF>", UA_IN_PDFA + b"</rdf:RDF>", 1)]


def _mark_artifacts(stream, artifacts: dict[int, str]) -> None:
    """Turn the marked content of the given MCIDs into pagination artifacts."""
    if not artifacts:
        return
    for index, item in enumerate(stream.stream):
        if isinstance(item, pydyf.Dictionary) and item.get("MCID") in artifacts:
            kind = artifacts[item["MCID"]]
            stream.stream[index - 1] = "/Artifact"
            item.clear()
            item.update({"Type": "/Pagination", "Subtype": kind})
