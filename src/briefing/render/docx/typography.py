"""The strings' `typography:` choices applied to a Word file, so it is set as the PDF is (print.css)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from briefing.errors import EnvironmentProblem
from briefing.render.docx import ooxml

# The styles of running text: print.css justifies or rags exactly these (html.align-* body).
RUNNING_TEXT = ("Normal", "Lead", "Body Text", "Numbered Item", "Bullet Item", "Attendee Note", "Reference Box")
ALIGNMENTS = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "ragged": WD_ALIGN_PARAGRAPH.LEFT}
# Word's autoSpaceDE/DN add about a quarter em between Japanese and Latin or digits; the PDF cannot yet
# (WeasyPrint 70 has no text-autospace), so both outputs set none until it can (README, Typography).
LATIN_SPACING = {"none": False}


def apply(word, typography: dict) -> None:
    """Alignment of running text, automatic hyphenation, and the space between Japanese and Latin."""
    align = typography.get("align", "justify")
    spacing = typography.get("latin_spacing", "none")
    if align not in ALIGNMENTS or spacing not in LATIN_SPACING:
        raise EnvironmentProblem(f"templates/strings: typography align: {align}, latin_spacing: {spacing}; "
                                 f"expected align: {' or '.join(ALIGNMENTS)}, latin_spacing: {' or '.join(LATIN_SPACING)}")
    names = {style.name for style in word.styles}
    for name in RUNNING_TEXT:  # a style restyled to centre or right in reference.docx keeps it
        if name in names and word.styles[name].paragraph_format.alignment in (*ALIGNMENTS.values(), None):
            word.styles[name].paragraph_format.alignment = ALIGNMENTS[align]
    normal = ooxml.ppr(word.styles["Normal"].element)
    for flag in ("autoSpaceDE", "autoSpaceDN"):
        ooxml.set_flag(normal, flag, LATIN_SPACING[spacing])
    ooxml.set_setting(word.settings.element, "autoHyphenation", bool(typography.get("hyphenate", False)))
