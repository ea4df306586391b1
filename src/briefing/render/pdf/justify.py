"""Inter-character justification of Japanese lines, added to WeasyPrint 70 (which stretches only spaces).

WeasyPrint's `layout.inline.justify_line` gives a justified line's free width to U+0020 and U+00A0
only, so a Japanese line holding a half-width digit, bracket or Latin word ends short of the measure.
Here a line holding Japanese shares its free width equally among its *expansion opportunities*
(JLREQ 3.8): every space, and every gap between two characters of which one is Japanese, but no
gap at the line's ends or beside an inline block such as a list marker. Inside a text box the
share is added to the advance of the glyph before the gap, once Pango has shaped the text for
drawing; between two text boxes it moves the second one, as WeasyPrint does for spaces.

It replaces two functions of WeasyPrint and is written for one version: `install()` refuses any
other. docs/weasyprint-inter-character-justification.patch is the same change as a patch to WeasyPrint.
"""

from __future__ import annotations

import itertools
import math
import re

PINNED_VERSION = "70.0"
JAPANESE = re.compile("[\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]")
SPACES = " \u00a0"
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


def opens_gap(before: str, after: str) -> bool:
    """Whether the gap between two adjacent characters may widen: a space, or Japanese on either side."""
    if before in SPACES:
        return True
    return after not in SPACES and bool(JAPANESE.match(before) or JAPANESE.match(after))


def inner_gaps(text: str, line_end: bool = False) -> list[int]:
    """Indexes of the characters after which the text may widen (a final space too, unless it ends the line)."""
    gaps = [index for index in range(len(text) - 1) if opens_gap(text[index], text[index + 1])]
    return gaps + [len(text) - 1] * (not line_end and text[-1:] in tuple(SPACES))


def _justify_wrapper(spaces_only):
    """WeasyPrint's justify_line for lines without Japanese, ours for lines with it."""
    def justify_line(context, line, extra_width):
        leaves = list(_leaves(line))
        texts = [leaf.text if _is_text(leaf) else None for leaf in leaves]
        if line.style["direction"] == "rtl" or not any(text and JAPANESE.search(text) for text in texts):
            return spaces_only(context, line, extra_width)
        joints = {id(leaf): index > 0 and texts[index - 1] is not None and texts[index] is not None
                  and opens_gap(texts[index - 1][-1], texts[index][0]) and texts[index - 1][-1] not in SPACES
                  for index, leaf in enumerate(leaves)}
        last = id(leaves[-1])
        count = sum(len(inner_gaps(leaf.text, id(leaf) == last)) for leaf in leaves if _is_text(leaf))
        count += sum(joints.values())
        if count:
            _stretch(line, extra_width / count, joints, last, 0)
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
    from weasyprint.formatting_structure import boxes
    return isinstance(box, boxes.TextBox)


def _stretch(box, share: float, joints: dict, last: int, x_advance: float) -> float:
    """Move and widen the line's boxes by their shares (WeasyPrint's add_word_spacing, per gap)."""
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.TextBox):
        x_advance += share * joints.get(id(box), False)
        box.position_x += x_advance
        if box.text:
            widened = share * len(inner_gaps(box.text, id(box) == last))
            box.pango_layout.japanese_share = (share, id(box) == last)
            box.width += widened
            x_advance += widened
        return x_advance
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        start = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _stretch(child, share, joints, last, x_advance)
        box.width += x_advance - start
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline box: moved, not widened
    return x_advance


def _set_text_wrapper(set_text):
    """Layout.set_text that, when drawing, widens the glyphs before the gaps of a justified text box."""
    def set_text_and_widen_gaps(self, text, justify=False):
        set_text(self, text, justify)
        share, line_end = getattr(self, "japanese_share", (0, False))
        if justify and share and self.text:
            _widen_glyphs(self, share, line_end)
    return set_text_and_widen_gaps


def _widen_glyphs(layout, share: float, line_end: bool) -> None:
    """Add `share` to the advance of the last glyph of every character that a gap follows.

    WeasyPrint writes an advance as a whole number of thousandths of an em (it truncates the rest),
    so each gap gets whole thousandths, their running total rounded to the exact one.
    """
    from weasyprint.text.ffi import TO_UNITS, ffi, pango
    # WeasyPrint's drawing sets this mode; set first, it would drop the lines shaped here.
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    line = pango.pango_layout_get_line_readonly(layout.layout, 0)
    font_size = layout.style["font_size"]
    thousandths = share * 1000 / font_size
    ends = list(itertools.accumulate(len(char.encode()) for char in layout.text))  # byte offset after each char
    widen = {}
    for number, index in enumerate(inner_gaps(layout.text, line_end)):
        whole = round((number + 1) * thousandths) - round(number * thousandths)
        widen[ends[index]] = math.ceil(whole * font_size / 1000 * TO_UNITS)
    run = line.runs[0]
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        glyphs, item = glyph_item.glyphs, glyph_item.item
        count = glyphs.num_glyphs
        clusters = [*ffi.unpack(glyphs.log_clusters, count), item.length]
        for index in range(count):
            end = clusters[index + 1]
            if end != clusters[index] and item.offset + end in widen:  # the cluster's last glyph, a gap after it
                glyphs.glyphs[index].geometry.width += widen[item.offset + end]
