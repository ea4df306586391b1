"""`briefing import FILE.docx [MEMO]`: an official's edits to a built Word file, back into content/MEMO.yaml.

The Word file's anchors (render/docx/anchors.py) say which content text each paragraph printed. Changed
text goes into that language only (the other language's pair then shows as stale in `briefing check`);
numbered items added, deleted or moved are applied to their list; tracked changes are proposals until
`--accept`; comments and whatever has no anchor (a pasted table, a picture) are reported, never dropped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from briefing.authoring.word_merge import _Merge
from briefing.authoring import word_orders
from briefing.authoring.word_structure import Structure
from briefing.authoring.word_text import normal
from briefing.content.files import atomic_output
from briefing.errors import ContentError, Problem



@dataclass
class Outcome:
    """What an import found: lines to print (path:line:col form) and whether the content file changed."""

    lines: list[str] = field(default_factory=list)
    changed: bool = False


def import_docx(workspace, docx: Path, memo_id: str | None, *, accept: bool, dry_run: bool) -> Outcome:
    """Read `docx`, update content/<memo>.yaml in place (unless `dry_run`); raises ContentError on bad input."""
    from briefing.render.docx import anchors
    from briefing.render.docx.ooxml import revisions

    try:
        word = revisions.read(docx)
    except (OSError, ValueError) as error:
        raise ContentError([Problem(docx, 1, 1, f"not a readable Word file ({error}); give a .docx that "
                                                "`briefing build` wrote")]) from None
    memo, lang = word.properties.get("briefing-memo"), word.properties.get("briefing-lang")
    if not memo or lang not in ("ja", "en"):
        raise ContentError([Problem(docx, 1, 1, "not a Word file made by briefing (it has no briefing-memo and "
                                                "briefing-lang properties); build the memo and edit that file")])
    if memo_id and memo_id != memo:
        raise ContentError([Problem(docx, 1, 1, f"this Word file is memo {memo!r}, not {memo_id!r}; "
                                                f"give {memo!r} or leave MEMO out")])
    source = workspace.content / f"{memo}.yaml"
    checked = _checked(workspace, memo)
    printed, current, generated, figures, fixed = _printed(checked, memo, lang, anchors)
    if current != word.properties.get("briefing-texts"):
        raise ContentError([Problem(source, 1, 1, f"changed since {docx.name} was built (its texts differ from "
                                                  "the Word file's); import into the version it was built from "
                                                  "(git stash), or rebuild and carry the edits over by hand")])
    paragraphs, seen = [], set()
    for paragraph in word.paragraphs:  # a copy that kept its original's anchor is new text, not a second original
        anchor = _anchor(paragraph, lang, anchors)
        paragraphs.append((anchor if anchor not in seen else None, paragraph))
        seen.add(anchor)
    yaml, data = _load(source)
    merge = _Merge(data, lang, Path(workspace.shown(source)), accept, printed, generated)
    merge.figures, merge.fixed = figures, fixed
    structure = Structure(merge)
    paragraphs = structure.read(paragraphs)  # continuation paragraphs take their text's anchor
    merge.texts(paragraphs)
    merge.report(paragraphs, word, Path(workspace.shown(docx)))  # before the sequences change under the paths
    merge.lines += _formatting(paragraphs, _built_formats(checked, workspace, lang, anchors), merge,
                              docx.name)
    word_orders.apply(structure)
    outcome = Outcome(merge.lines, merge.changed)
    if merge.changed and not dry_run:
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        with atomic_output(source) as temporary:
            temporary.write_text(buffer.getvalue(), encoding="utf-8")
    return outcome


def _checked(workspace, memo: str):
    """The memo checked as for a build; raises ContentError on its errors."""
    from briefing.check.memos import check

    checked = check(workspace, [memo])
    errors = [problem for problem in checked.problems if problem.severity == "error"]
    if errors or not checked.memos:
        raise ContentError(errors or [Problem(workspace.content / f"{memo}.yaml", 1, 1, "no such memo")])
    return checked


def _printed(checked, memo: str, lang: str, anchors) -> tuple[dict[str, list[str]], str, str, set[str], set[str]]:
    """Content path → printed paragraphs of the memo as it is now, their digest, all its printed text, its images,
    and its printed paragraphs without an anchor (attendees, labels, captions), normalised."""
    import lxml.html

    from briefing.view.memo import styled_view

    loaded, = checked.memos
    root = lxml.html.document_fromstring(checked.templates.render(
        styled_view(loaded.memo, memo, lang, checked.registry, checked.templates)))
    figures = {Path(src).stem.rstrip("-0123456789") for src in root.xpath("//img/@src")}
    figures |= {normal(alt) for alt in root.xpath("//img/@alt")}  # LibreOffice renames pictures, keeps their alt
    fixed = {normal(line) for line in anchors.unanchored_lines(root)} - {""}
    printed = {path: texts for path, texts in anchors.anchored_texts(root).items() if anchors.anchor_name(lang, path)}
    return printed, anchors.digest(root), normal(root.text_content()), figures, fixed


def _built_formats(checked, workspace, lang: str, anchors) -> dict[tuple[str, int], tuple]:
    """Anchor → the (formatting, text) pieces of that paragraph as `briefing build` writes it now."""
    import tempfile

    from briefing.build.pipeline import documents
    from briefing.render.docx.ooxml import revisions
    from briefing.render.formats import render

    with tempfile.TemporaryDirectory(prefix="briefing-import-") as folder:
        for document, _view in documents(checked.memos[0], (lang,), checked, workspace):
            built = revisions.read(render(document, "docx", Path(folder) / f"{document.memo_id}.{lang}.docx"))
    return {_anchor(paragraph, lang, anchors): paragraph.formats for paragraph in built.paragraphs}


LOOKS = {"b": "bold", "i": "italic", "u": "underline", "strike": "strikethrough", "color": "colour",
         "highlight": "highlight", "shd": "shading", "sz": "size", "rFonts": "font", "rStyle": "character style"}


def _formatting(paragraphs: list, built: dict, merge, docx: str) -> list[str]:
    """A line for each anchored paragraph whose look an editor changed (bold, a font, a colour): not imported."""
    lines = []
    for anchor, paragraph in paragraphs:
        before = built.get(anchor) if anchor else None
        if before is None or paragraph.formats == before:
            continue
        same_text = "".join(text for _, text in paragraph.formats) == "".join(text for _, text in before)
        added = {part.split(" ")[0] for look, _ in paragraph.formats for part in look.split(";") if part} \
            - {part.split(" ")[0] for look, _ in before for part in look.split(";") if part}
        if same_text or added:
            what = ", ".join(sorted(LOOKS.get(tag, tag) for tag in added)) or "formatting"
            lines.append(f"{merge.where(f'{anchor[0]}.{merge.lang}')}: {what} changed in Word ({docx}, {paragraph.place}): "
                         "not imported, the content file holds the words only; ask for it in the template if it must print")
    return lines


def _anchor(paragraph, lang: str, anchors) -> tuple[str, int] | None:
    for name in paragraph.anchors:
        found = anchors.read_anchor(name)
        if found and found[0] == lang:
            return found[1], found[2]
    return None


def _load(path: Path):
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml, yaml.load(path.read_text(encoding="utf-8"))

