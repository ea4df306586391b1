"""A hand-typed Word file's paragraphs as a memo's blocks: styles → kinds, typed numbers → levels, boxes → notes.

The styles are the writer's (render/docx/writer.py maps blocks onto them), known by name, Japanese alias or id.
Numbers and bullets typed by hand are stripped when they are the house style's (the strings' `numbering:` and
`bullet`), so the build numbers the memo again. Whatever has no block is reported with its place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from briefing.render.docx.ooxml.typed import TypedParagraph, TypedTable, style_key
from briefing.view.numbering import marker

ROLES = {  # each role's style names: the writer's, their aliases in reference.docx, Japanese Word's names
    "title": ("Title", "表題"), "dateline": ("Date Line", "日付行"), "lead": ("Lead", "リード文"),
    "numbered": ("Numbered Item", "番号付き項目"), "bullet": ("Bullet Item", "箇条書き項目", "List Bullet"),
    "body": ("Body Text", "本文", "Normal", "標準", "Attendee Note", "出席者の注記", "List Paragraph", "リスト段落",
             "Text Body", "Default Paragraph Style"),
    "box": ("Reference Box", "参考の本文"), "box-title": ("Reference Title", "参考の題"),
    "label": ("Links Label", "リンクの見出し"), "closing": ("Closing", "結び"),
    "caption": ("Caption", "図の説明", "Figure", "図", "図表番号"),
}
KEYS = {style_key(name): role for role, names in ROLES.items() for name in names}
HEAD = {"title": "title", "dateline": "datelines", "lead": "lead"}  # before the body; a paragraph after it
OTHER_BULLETS = "・●•○◦■□-"
HEADING = re.compile(r"(?:heading|見出し)([1-9])")
SPACE = re.compile(r"[ \t\u3000]+")
MAX_COUNT = 60  # typed numbers recognised up to this count


@dataclass
class Mapped:
    """The memo's fields found in the Word file, its blocks, the texts it mapped in order, and what it reports."""

    title: list[str] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    body: list[dict] = field(default_factory=list)
    closing: str | None = None
    texts: list[str] = field(default_factory=list)  # every text mapped, in the Word file's order
    reports: list[tuple[int, str, str]] = field(default_factory=list)  # (paragraph number, first words, why)


def role_of(paragraph: TypedParagraph) -> tuple[str | None, int]:
    """The paragraph's role and, for a heading, its level; None for a style the writer does not use."""
    for key in paragraph.styles:
        if match := HEADING.fullmatch(key):
            return "heading", int(match[1])
    roles = [KEYS[key] for key in paragraph.styles if key in KEYS]
    return (next((r for r in ROLES if r in roles and r != "body"), "body") if roles else None), 0


def date_lines(typed: list) -> list[str]:
    """The texts of the paragraphs in the Date Line style, before any table."""
    lines = []
    for block in typed:
        if isinstance(block, TypedTable):
            break
        if role_of(block)[0] == "dateline" and block.text.strip():
            lines.append(SPACE.sub(" ", block.text).strip())
    return lines


class BlockMapper:
    """Walks the typed body once; `pair(text)` makes a content text of the file's language."""

    def __init__(self, strings: dict, pair):
        self.strings, self.pair, self.out = strings, pair, Mapped()
        self.markers = [{unicodedata.normalize("NFKC", marker(level, n)): n for n in range(MAX_COUNT, 0, -1)}
                        for level in strings["numbering"]]
        self.bullet = unicodedata.normalize("NFKC", strings.get("bullet", "")).strip()
        self.containers: list[tuple[int, list]] = [(0, self.out.body)]
        self.list: dict | None = None  # the open numbered list: block, base level, open items by depth
        self.counts: dict[int, int] = {}  # the last typed number of each level in the open list
        self.links: dict | None = None  # the last links block

    def walk(self, blocks: list) -> Mapped:
        for block in blocks:
            if isinstance(block, TypedTable) and block.cells == 1:
                self.box(block.paragraphs)
            elif isinstance(block, TypedTable):
                words = " ".join(p.text for p in block.paragraphs if p.text.strip())
                self.report(block.paragraphs[0] if block.paragraphs else None, words,
                            f"table {block.number} ({block.cells} cells) is not a reference box; not imported")
            elif role_of(block)[0] in ("box", "box-title") or block.boxed and role_of(block)[0] != "closing":
                self.box([block], "border" if role_of(block)[0] not in ("box", "box-title") else "style")
            else:
                self.paragraph(block)
        return self.out

    def paragraph(self, p: TypedParagraph, inside: list | None = None) -> None:
        role, level = role_of(p)
        for name in p.pictures:
            self.report(p, name or "picture", "a picture: not imported (add it as a figure: block)")
        for text in p.text_boxes:
            self.report(p, text, "a text box: not imported (write its text as a paragraph or reference box)")
        text = SPACE.sub(" ", p.text.replace("\n", " ")).strip()
        if not text:
            return
        if role is None:
            self.report(p, text, f"style {p.style!r} is not one of reference.docx's; imported as a paragraph")
            role = "body"
        if inside is None and (role == "closing" or text == self.strings["labels"].get("closing", "").strip()):
            if self.out.closing is not None:
                self.report(p, text, "a second closing mark: the memo has one, at its end")
            self.out.closing = text
            return
        if self.out.closing is not None and inside is None:
            self.report(p, text, f"after the closing mark {self.out.closing}: imported; the build prints the mark last")
        if inside is None and role in HEAD and not self.out.body:
            getattr(self.out, HEAD[role]).append(text)
            self.out.texts.append(text)
            return
        if inside is None and role in ("label", "box-title") and self.reference_title(text, keep=False) is not None:
            return self.box([p], "heading")
        if len(p.links) == 1 and SPACE.sub(" ", p.links[0][0]).strip() == text:
            return self.link(text, p.links[0][1], inside)
        if role == "label" and inside is None:  # 参考リンク / Related links: the label of the links that follow
            self.close_list()
            self.links = {"links": [], "label": self.text(text)}
            return self.add(self.links, None)
        if role == "caption":
            self.report(p, text, "a picture's caption: imported as a paragraph")
        typed_level, rest = self.typed_number(text)
        if role == "heading" and inside is None:
            return self.heading(level, rest if typed_level == 0 else text, typed_level == 0 or p.level is not None)
        bullet = p.bullet or role == "bullet" or bool(self.bullet and text.startswith(self.bullet))
        if not bullet and text[0] in OTHER_BULLETS and text[0] != self.bullet:
            self.report(p, text, f"typed bullet {text[0]} is not the house style's {self.bullet}; kept in the text")
        if bullet:
            return self.bullet_item(text.removeprefix(self.bullet).lstrip() if self.bullet else text, inside)
        if role == "numbered" and typed_level is None and p.level is None and self.list and self.list["counted"] \
                and self.list["inside"] is inside:  # Enter, then numbering off: the item's next paragraph
            item = self.list["open"][-1]["text"]
            lang = next(iter(item))  # the pair's first key is the file's language
            item[lang] += "\n" + text
            self.out.texts.append(text)
            return
        if role == "numbered" or p.level is not None or typed_level is not None:
            level = typed_level if typed_level is not None else p.level
            return self.item(rest if typed_level is not None else text, level, inside)
        self.close_list()
        self.add({"paragraph": self.text(text)}, inside)

    def heading(self, level: int, text: str, numbered: bool) -> None:
        while len(self.containers) > 1 and self.containers[-1][0] >= level:
            self.containers.pop()
        section = {"section": self.text(text)}
        if not numbered:
            section["numbered"] = False
        section["body"] = []
        self.containers[-1][1].append(section)
        self.containers.append((level, section["body"]))
        self.close_list()

    def item(self, text: str, level: int | None, inside: list | None) -> None:
        if self.list is None or self.list["inside"] is not inside:
            block = {"numbered": []}
            self.add(block, inside)
            self.list = {"block": block, "base": level or 0, "open": [], "inside": inside, "counted": False}
        self.list["counted"] |= level is not None
        relative = (self.list["base"] if level is None else level) - self.list["base"]
        depth = max(0, min(relative, len(self.list["open"])))  # at most one level deeper than the last item
        item = {"text": self.text(text)}
        parent = self.list["open"][depth - 1] if depth else None
        siblings = self.list["block"]["numbered"] if parent is None else parent.setdefault("numbered", [])
        siblings.append(item)
        self.list["open"][depth:] = [item]

    def link(self, text: str, url: str, inside: list | None) -> None:
        """A paragraph that is one hyperlink: an entry of the links block it follows, or of a new one."""
        self.close_list()
        container = self._container(inside)
        if not (container and container[-1] is self.links):
            self.links = {"links": []}
            self.add(self.links, inside)
        self.links["links"].append({"text": self.text(text), "url": url})

    def bullet_item(self, text: str, inside: list | None) -> None:
        if self.list is not None and self.list["open"] and self.list["inside"] is inside:
            self.list["open"][-1].setdefault("bullets", []).append(self.text(text))
            return
        container = self._container(inside)
        if not (container and "bullets" in container[-1] and self.list is None):
            self.add({"bullets": []}, inside)
        self._container(inside)[-1]["bullets"].append(self.text(text))

    def box(self, paragraphs: list[TypedParagraph], styled: str = "") -> None:
        """A one-cell table, or paragraphs in the box's styles or with borders: a reference, its label stripped.

        `styled` says how a box without a table was made ("style", "border", "heading"): the next paragraph made
        the same way (but a title) goes into the same box."""
        self.close_list()
        paragraphs = [p for p in paragraphs if p.text.strip() or p.pictures or p.text_boxes]
        container, joins = self._container(None), {"style": ("style", "heading"), "border": ("border",)}
        if not paragraphs:
            return
        if container and container[-1].get("_styled") in joins.get(styled, ()) \
                and role_of(paragraphs[0])[0] != "box-title":
            body = container[-1]["body"]
        else:
            head = SPACE.sub(" ", paragraphs[0].text).strip()
            reference, title = {}, self.reference_title(head)
            if title is not None or role_of(paragraphs[0])[0] in ("box-title", "label"):
                reference.update(title or {"reference": None, "label": self.text(head)})
                paragraphs = paragraphs[1:]
            else:
                reference["reference"] = None
            reference["body"], reference["_styled"] = [], styled
            self.add(reference, None)
            body = reference["body"]
        for p in paragraphs:
            self.paragraph(p, inside=body)
        self.close_list()

    def close_list(self) -> None:
        self.list, self.counts = None, {}

    def reference_title(self, text: str, keep: bool = True) -> dict | None:
        """{reference: title} when `text` starts with the house label (numbered or not), else None."""
        labels = self.strings["labels"]
        for label in (labels.get("reference", ""), labels.get("reference_numbered", "")):
            pattern = re.escape(label.strip()).replace(re.escape("{n}"), r"\d+")
            if label.strip() and (match := re.match(pattern, text)):
                rest = text[match.end():].strip()
                if keep:
                    self.out.texts.append(text[:match.end()])
                return {"reference": (self.text(rest) if keep else rest) if rest else None}
        return None

    def typed_number(self, text: str) -> tuple[int | None, str]:
        """(level, the text after it) when `text` starts with a house numbering marker, else (None, text)."""
        normal = unicodedata.normalize("NFKC", text[:12])
        found = []
        for level, markers in enumerate(self.markers):
            for shown, n in markers.items():
                if normal.startswith(shown):
                    rest = text[len(shown):]
                    bare = shown.isalnum()  # 1, ア: a space must follow; （1）, 1., (a) need none
                    if not bare or rest[:1] in (" ", "\u3000", "\t"):
                        found.append((len(shown), level, n, rest.lstrip(" \t\u3000")))
                    break
        if not found:
            return None, text
        found.sort(key=lambda f: (-(self.counts.get(f[1], 0) + 1 == f[2]), -f[0]))  # the count that continues wins
        _, level, n, rest = found[0]
        self.counts[level] = n
        return level, rest

    def text(self, text: str) -> dict:
        self.out.texts.append(text)
        return self.pair(text)

    def add(self, block: dict, inside: list | None) -> None:
        self._container(inside).append(block)

    def _container(self, inside: list | None) -> list:
        return self.containers[-1][1] if inside is None else inside

    def report(self, p: TypedParagraph | None, words: str, why: str) -> None:
        self.out.reports.append((p.number if p else 0, SPACE.sub(" ", words).strip()[:30], why))
