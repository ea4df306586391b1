"""Accessible and archival PDFs: a conformance check with pikepdf on every example, in each standard.

veraPDF cannot be installed on these machines (README, "Accessible PDFs"); these checks cover what
the memos need of PDF/UA-1 and PDF/A-2a/3a and fail when WeasyPrint or the templates change it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html

from conftest import copy_workspace, need_tool, pdf_text, run_cli

EXAMPLES = ["khare-visit-2025", "pko-symposium-2025"]
STANDARDS = ["ua-1", "a-2a", "a-3a", "ua-1+a-2a"]
STRUCTURE_TYPES = {"Document", "Part", "Sect", "Div", "NonStruct", "P", "H1", "H2", "H3", "H4", "L", "LI", "Lbl",
                   "LBody", "Span", "Link", "Figure", "Caption"}
KHARE_EN = "Mr. Atul Khare, Under-Secretary-General for Operational Support, the United Nations"


@pytest.fixture(scope="module")
def standards_built(tmp_path_factory) -> dict[str, Path]:
    """The examples' PDFs built with each --pdf-standard (and the default, tagged only)."""
    root = copy_workspace(tmp_path_factory.mktemp("standards"))
    folders = {}
    for standard in STANDARDS:
        out = root / standard
        result = run_cli("build", "--format", "pdf", "--pdf-standard", standard, "--out", str(out), cwd=root)
        assert result.returncode == 0, result.stderr
        folders[standard] = out
    return folders


class Tagged:
    """A tagged PDF read back: its structure elements in reading order and the text of each."""

    def __init__(self, path: Path):
        self.pdf = pikepdf.open(path)
        self.mcid_text = {page_index: _marked_text(page) for page_index, page in enumerate(self.pdf.pages)}
        self.page_index = {page.objgen: index for index, page in enumerate(self.pdf.pages)}
        self.elements = list(self._walk(self.pdf.Root.StructTreeRoot))

    def _walk(self, element, page=None):
        page = element.get("/Pg", page)
        kids = element.get("/K")
        kids = [] if kids is None else (list(kids) if isinstance(kids, pikepdf.Array) else [kids])
        if "/S" in element:
            yield element, page
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield from self._walk(kid, page)

    def text(self, element, page=None) -> str:
        """The text of an element: its marked content and its children's, in order."""
        page = element.get("/Pg", page)
        kids = element.get("/K")
        kids = [] if kids is None else (list(kids) if isinstance(kids, pikepdf.Array) else [kids])
        parts = []
        for kid in kids:
            if isinstance(kid, int):
                parts.append(self.mcid_text[self.page_index[page.objgen]].get(kid, ""))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                parts.append(self.text(kid, page))
        return "".join(parts)

    def types(self) -> list[str]:
        return [str(element.S)[1:] for element, _ in self.elements]


def _to_unicode(font) -> dict[int, str]:
    """The font's ToUnicode map: character code → text."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int.from_bytes(bytes.fromhex(text), "big")
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def _marked_text(page) -> dict[int, str]:
    """The text shown inside each marked-content sequence (by MCID) of a page."""
    fonts = {name: (_to_unicode(font), font.Subtype == "/Type0") for name, font in page.Resources.Font.items()}
    texts, stack, font = {}, [], None
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            properties = operands[1]
            stack.append(int(properties.MCID) if isinstance(properties, pikepdf.Dictionary)
                         and "/MCID" in properties else None)
        elif op == "BMC":
            stack.append(None)
        elif op == "EMC":
            stack.pop()
        elif op == "Tf":
            font = fonts[str(operands[0])]
        elif op in ("Tj", "TJ") and stack and stack[-1] is not None:
            strings = [operands[0]] if op == "Tj" else [item for item in operands[0] if isinstance(item, pikepdf.String)]
            mapping, wide = font
            for string in strings:
                data = bytes(string)
                codes = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)] if wide else list(data)
                texts[stack[-1]] = texts.get(stack[-1], "") + "".join(mapping.get(code, "\ufffd") for code in codes)
    return texts


def _html_texts(html_path: Path) -> list[str]:
    """Every paragraph and heading of the memo's HTML, whitespace removed, list markers included.

    The handling mark (公表済み) repeats on every page in the running header: an artifact, not content.
    """
    tree = lxml_html.parse(str(html_path))
    return ["".join(element.text_content().split()) for element in tree.iter("p", "h1", "h2", "figcaption")
            if "handling" not in element.classes]


def _check_tagged(path: Path, lang: str) -> Tagged:
    """What every PDF the tool writes must be; returns the PDF read back for more checks."""
    info = subprocess.run([need_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    tagged = Tagged(path)
    root = tagged.pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == lang
    assert root.ViewerPreferences.DisplayDocTitle is True
    types = tagged.types()
    assert set(types) <= STRUCTURE_TYPES, set(types) - STRUCTURE_TYPES
    assert {"Document", "H1", "P", "L", "LI", "Lbl", "LBody", "Sect"} <= set(types)
    headings = [int(kind[1]) for kind in types if re.fullmatch(r"H\d", kind)]
    assert headings[0] == 1 and all(b <= a + 1 for a, b in zip(headings, headings[1:])), headings
    for element, _ in tagged.elements:
        if element.S == "/Figure":
            assert str(element.get("/Alt", "")).strip(), "a Figure without /Alt"
        if element.S == "/LI":  # the marker first, as printed, then the body
            assert [str(kid.S) for kid in element.K] in (["/Lbl", "/LBody"], ["/LBody"])
        if element.S == "/Lbl":
            assert re.fullmatch(r"[(（]?[0-9a-zア-ン]+[.)）]?|[●•]", tagged.text(element)), tagged.text(element)
    for page in tagged.pdf.pages:
        for name, font in page.Resources.Font.items():
            assert "/ToUnicode" in font, f"{name} has no ToUnicode map"
            descriptor = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font).FontDescriptor
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), f"{font.BaseFont} not embedded"
            assert re.match(r"/[A-Z]{6}\+", str(font.BaseFont)), f"{font.BaseFont} is not a subset"
        for annotation in page.get("/Annots", []):
            assert str(annotation.get("/Contents", "")).strip(), "a link without a description"
            assert "/StructParent" in annotation
    return tagged


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_example_pdf_is_tagged_and_reads_back(built, name, lang):
    path = built / f"{name}.{lang}.pdf"
    tagged = _check_tagged(path, lang)
    assert "/Metadata" not in tagged.pdf.Root or "pdfaid" not in str(tagged.pdf.open_metadata())
    pages = [page.strip().splitlines()[:-1] for page in pdf_text(path).split("\f") if page.strip()]  # no footer
    text = "".join("".join(line for lines in pages for line in lines).split())
    text = text.replace("-", "")  # pdftotext joins "Under-|Secretary" at line ends
    for paragraph in _html_texts(built / f"{name}.{lang}.html"):
        assert paragraph.replace("-", "") in text, paragraph
    tree = lxml_html.parse(str(built / f"{name}.{lang}.html"))
    other = [(span.get("lang"), "".join(span.text_content().split())) for span in tree.iter() if span.get("lang")
             and span.tag != "html"]
    tagged_other = [(str(element.Lang), "".join(tagged.text(element).split())) for element, _ in tagged.elements
                    if "/Lang" in element]
    assert _joined(tagged_other) == _joined(other)  # every other-language span, and nothing else, has /Lang
    structure_text = "".join(tagged.text(element) for element, _ in tagged.elements if element.S == "/Document")
    for paragraph in _html_texts(built / f"{name}.{lang}.html"):
        assert paragraph in "".join(structure_text.split()), paragraph  # the tags hold all the text, in order


def _joined(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Consecutive runs of one language as one (a span broken over two lines gives two elements)."""
    joined: list[tuple[str, str]] = []
    for lang, text in spans:
        if joined and joined[-1][0] == lang:
            joined[-1] = (lang, joined[-1][1] + text)
        else:
            joined.append((lang, text))
    return joined


def test_english_name_in_japanese_memo_has_its_own_language(built):
    tagged = Tagged(built / "khare-visit-2025.ja.pdf")
    other = [(str(element.Lang), tagged.text(element)) for element, _ in tagged.elements if "/Lang" in element]
    assert other and {lang for lang, _ in other} == {"en"}
    squeezed = "".join(KHARE_EN.split())
    assert "".join("".join(text for _, text in other).split()) == squeezed  # the name may break over lines
    whole = "".join(tagged.text(tagged.elements[0][0]).split())
    assert whole.count("Khare") == 1  # the Japanese memo names him in English once, inside that element
    html = (built / "khare-visit-2025.ja.html").read_text(encoding="utf-8")
    assert f'<span lang="en">{KHARE_EN}</span>' in html


def test_running_header_and_footer_are_artifacts(built):
    tagged = Tagged(built / "khare-visit-2025.ja.pdf")
    first = tagged.pdf.pages[0]
    artifacts = [operands[1].Subtype for operands, operator in pikepdf.parse_content_stream(first)
                 if str(operator) == "BDC" and operands[0] == "/Artifact"]
    assert artifacts == ["/Header", "/Footer"]  # 公表済み and the page number
    assert "公表済み" not in "".join(tagged.text(element) for element, _ in tagged.elements)
    owners = tagged.pdf.Root.StructTreeRoot.ParentTree.Nums[1]
    for mcid, owner in enumerate(owners):  # every MCID left belongs to an element of the tree
        assert owner is None or mcid in _mcids(owner), mcid


def _mcids(element) -> list[int]:
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    return [int(kid) for kid in kids if isinstance(kid, int)]


def test_bookmarks_separate_the_number_from_the_heading(built):
    titles = {}
    for lang in ("ja", "en"):
        with pikepdf.open(built / f"pko-symposium-2025.{lang}.pdf") as pdf, pdf.open_outline() as outline:
            titles[lang] = [item.title for top in outline.root for item in top.children]
    assert titles["ja"][:2] == ["1\u3000出席者", "2\u3000概要"]
    assert titles["en"][:2] == ["1. Participants", "2. Summary"]


def test_figures_take_alt_text_from_an_alt_field(workspace):
    memo = workspace / "content" / "pko-symposium-2025.yaml"
    text = memo.read_text(encoding="utf-8")
    caption = re.search(r"\n( +)caption:", text)
    indent = caption.group(1)
    memo.write_text(text.replace(caption.group(0), f"\n{indent}alt: {{ja: 会場で配布したフライヤー（表面）, "
                                                   f"en: The flyer handed out at the venue (front)}}{caption.group(0)}", 1),
                    encoding="utf-8")
    result = run_cli("build", "pko-symposium-2025", "--format", "pdf", cwd=workspace)
    assert result.returncode == 0, result.stderr
    for lang, alt in (("ja", "会場で配布したフライヤー（表面）"), ("en", "The flyer handed out at the venue (front)")):
        tagged = Tagged(workspace / "build" / f"pko-symposium-2025.{lang}.pdf")
        alts = [str(element.Alt) for element, _ in tagged.elements if element.S == "/Figure"]
        assert alts[0] == alt and len(set(alts)) == len(alts)


@pytest.mark.parametrize("standard", STANDARDS)
def test_each_standard_passes_the_checks_and_says_so_in_xmp(standards_built, standard):
    for name in EXAMPLES:
        for lang in ("ja", "en"):
            tagged = _check_tagged(standards_built[standard] / f"{name}.{lang}.pdf", lang)
            meta = tagged.pdf.open_metadata()
            part_a = meta.get("pdfaid:part")
            assert (part_a, meta.get("pdfaid:conformance")) == (
                {"a-2a": ("2", "A"), "a-3a": ("3", "A"), "ua-1+a-2a": ("2", "A")}.get(standard, (None, None)))
            assert meta.get("pdfuaid:part") == ("1" if "ua-1" in standard else None)
            assert meta.get("dc:title") == str(tagged.pdf.docinfo.Title)
            if part_a:
                assert tagged.pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
                for annotation in (a for page in tagged.pdf.pages for a in page.get("/Annots", [])):
                    assert int(annotation.F) & 4  # printed
            if standard == "ua-1+a-2a":  # PDF/A-2 needs the pdfuaid property described
                assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in tagged.pdf.Root.Metadata.read_bytes()


def test_a_standard_is_reproducible_and_comes_from_the_house_style(workspace):
    strings = workspace / "templates" / "strings" / "ja.yaml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("  standard: null", "  standard: ua-1+a-2a"),
                       encoding="utf-8")
    digests = []
    for out in ("one", "two"):
        result = run_cli("build", "khare-visit-2025", "--format", "pdf", "--out", out, cwd=workspace)
        assert result.returncode == 0, result.stderr
        digests.append(hashlib.sha256((workspace / out / "khare-visit-2025.ja.pdf").read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    with pikepdf.open(workspace / "one" / "khare-visit-2025.ja.pdf") as ja, \
            pikepdf.open(workspace / "one" / "khare-visit-2025.en.pdf") as en:
        assert ja.open_metadata().get("pdfuaid:part") == "1" and ja.open_metadata().get("pdfaid:part") == "2"
        assert en.open_metadata().get("pdfaid:part") is None  # the English strings keep the default
    result = run_cli("build", "khare-visit-2025", "--format", "pdf", "--out", "three", "--pdf-standard", "tagged",
                     cwd=workspace)
    with pikepdf.open(workspace / "three" / "khare-visit-2025.ja.pdf") as ja:
        assert ja.open_metadata().get("pdfaid:part") is None  # the command line wins


def test_unknown_house_standard_is_reported_at_the_strings_file(workspace):
    strings = workspace / "templates" / "strings" / "en.yaml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("  standard: null", "  standard: pdf/a-1b"),
                       encoding="utf-8")
    before = run_cli("build", "khare-visit-2025", "--format", "pdf", "--lang", "ja", cwd=workspace)
    assert before.returncode == 0, before.stderr
    result = run_cli("build", "khare-visit-2025", "--format", "pdf", cwd=workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"strings/en\.yaml:1:1: error: pdf: standard: 'pdf/a-1b' is not known; use one of tagged, ua-1",
                     result.stderr), result.stderr
    assert (workspace / "build" / "khare-visit-2025.ja.pdf").is_file()
