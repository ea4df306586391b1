"""Inter-character justification of Japanese lines, added to WeasyPrint 70 (which stretches only spaces).

WeasyPrint's `layout.inline.justify_line` gives a justified line's free width to U+0020 and U+00A0
only, so a Japanese line holding a half-width digit, bracket or Latin word ends short of the measure.
This extension gives that width to the spaces and to both sides of every Japanese character
(half a share on each side; none at the line's two ends, none beside an inline block such as a
list marker), as JLREQ 3.8 and Word do. Pango draws the shares as letter spacing on those
characters (`pango_attr_letter_spacing`: half before, half after each character, trimmed at the
ends of a layout, which the extension gives back where a text box meets another one).

It replaces two functions of WeasyPrint and is written for one version: `install()` refuses any
other. docs/weasyprint-inter-character-justification.patch is the same change made upstream.
"""

from __future__ import annotations

import re

PINNED_VERSION = "70.0"
JAPANESE = re.compile("[\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]")
_installed = False


class UnsupportedWeasyPrint(RuntimeError):
    """The installed WeasyPrint is not the version this extension was written and tested for."""


def install() -> None:
    """Make WeasyPrint justify Japanese lines between characters; refuse any version but the pinned one."""
    global _installed
    import weasyprint
    if weasyprint.__version__ != PINNED_VERSION:
        raise UnsupportedWeasyPrint(
            f"WeasyPrint {weasyprint.__version__} is installed, but briefing's Japanese justification "
            f"(render/pdf/justify.py) is written for WeasyPrint {PINNED_VERSION}; "
            f"install weasyprint=={PINNED_VERSION}")
    if _installed:
        return
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    inline.justify_line = _justify_wrapper(inline.justify_line)
    line_break.Layout.set_text = _set_text_wrapper(line_break.Layout.set_text)
    _installed = True


def _justify_wrapper(spaces_only):
    """WeasyPrint's justify_line for lines without Japanese, ours for lines with it."""
    def justify_line(context, line, extra_width):
        leaves = list(_leaves(line))
        if line.style["direction"] == "rtl" or not any(_is_text(leaf) and JAPANESE.search(leaf.text)
                                                      for leaf in leaves):
            return spaces_only(context, line, extra_width)
        shares = sum(_shares(leaves, index) for index in range(len(leaves)))
        if shares:
            _stretch(context, line, extra_width / shares, _edges(leaves), 0)
    return justify_line


def _leaves(box):
    """The line's in-flow text boxes and atomic inline boxes, left to right."""
    from weasyprint.formatting_structure import boxes
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _leaves(child)
    elif not isinstance(box, boxes.TextBox) or box.text:
        yield box


def _is_text(box) -> bool:
    return type(box).__name__ == "TextBox"


def _edges(leaves) -> dict[int, tuple[bool, bool]]:
    """Per text box: whether text comes right before it and right after it on the line."""
    return {id(leaf): (index > 0 and _is_text(leaves[index - 1]),
                       index + 1 < len(leaves) and _is_text(leaves[index + 1]))
            for index, leaf in enumerate(leaves) if _is_text(leaf)}


def _shares(leaves, index: int) -> float:
    """How many shares of the free width a leaf takes: one per space, half per side of a Japanese character."""
    leaf = leaves[index]
    if not _is_text(leaf):
        return 0
    text_before = index > 0 and _is_text(leaves[index - 1])
    text_after = index + 1 < len(leaves) and _is_text(leaves[index + 1])
    return _inner_shares(leaf.text) + _outer_shares(leaf.text, text_before, text_after)


def _inner_shares(text: str) -> float:
    """Shares drawn inside a text box's own layout."""
    japanese = len(JAPANESE.findall(text))
    trimmed = 0.5 * bool(JAPANESE.match(text[0])) + 0.5 * bool(JAPANESE.match(text[-1]))
    return text.count(" ") + text.count("\u00a0") + japanese - trimmed


def _outer_shares(text: str, text_before: bool, text_after: bool) -> float:
    """Shares given back outside a text box, where its first or last Japanese character meets more text."""
    return 0.5 * (text_before and bool(JAPANESE.match(text[0]))) + 0.5 * (text_after and bool(JAPANESE.match(text[-1])))


def _stretch(context, box, share: float, edges: dict, x_advance: float) -> float:
    """Move and widen the line's boxes by their shares (WeasyPrint's add_word_spacing, per character)."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import create_layout
    if isinstance(box, boxes.TextBox):
        if not box.text:
            box.position_x += x_advance
            return x_advance
        before, after = edges[id(box)]
        x_advance += share * 0.5 * (before and bool(JAPANESE.match(box.text[0])))
        box.position_x += x_advance
        box.justification_spacing = share
        layout = create_layout(box.text, box.style, context, max_width=None, justification_spacing=share)
        layout.japanese_spacing = share
        layout.deactivate()
        box.pango_layout = layout
        inner = share * _inner_shares(box.text)
        box.width += inner
        return x_advance + inner + share * 0.5 * (after and bool(JAPANESE.match(box.text[-1])))
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        start = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _stretch(context, child, share, edges, x_advance)
        box.width += x_advance - start
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline box: moved, not widened
    return x_advance


def _set_text_wrapper(set_text):
    """Layout.set_text that, when drawing, spaces the Japanese characters of a justified text box."""
    def set_text_with_japanese_spacing(self, text, justify=False):
        set_text(self, text, justify)
        share = getattr(self, "japanese_spacing", 0)
        if justify and share and self.text:
            _add_letter_spacing(self, share)
    return set_text_with_japanese_spacing


def _add_letter_spacing(layout, share: float) -> None:
    """Letter spacing of `share` on every run of Japanese characters of the layout's text."""
    from weasyprint.text.ffi import TO_UNITS, ffi, pango
    attributes = pango.pango_layout_get_attributes(layout.layout)
    if attributes == ffi.NULL:
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    extra = layout.style["letter_spacing"]
    spacing = int((share + (0 if extra == "normal" else extra)) * TO_UNITS)
    for match in re.finditer(f"{JAPANESE.pattern}+", layout.text):
        attribute = pango.pango_attr_letter_spacing_new(spacing)
        attribute.start_index = len(layout.text[:match.start()].encode())
        attribute.end_index = len(layout.text[:match.end()].encode())
        pango.pango_attr_list_change(attributes, attribute)
    pango.pango_layout_set_attributes(layout.layout, attributes)
