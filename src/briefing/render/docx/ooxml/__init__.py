"""Raw WordprocessingML for what python-docx has no API for (PITFALLS §4–§6): the only place that touches the XML.

The DOCX renderer speaks in paragraphs, runs and styles; it reaches the XML through these names only.
"""

from briefing.render.docx.ooxml.elements import (BORDER_SIDES, MERGED_PPR, PPR_ORDER, RPR_ORDER, SETTINGS_ORDER, child,
                                                 drop, east_asian_lang, format_like, indent_chars, merge_properties,
                                                 merge_style, ppr, rpr, rpr_default, set_compatibility_mode,
                                                 set_doc_grid, set_flag, set_indent, set_lang, set_paragraph_box,
                                                 set_rfonts, set_run_box, set_setting, shift_indent,
                                                 strip_char_units, strip_theme_fonts, set_spacing_after, set_exact_line,
                                                 set_alias, set_default_tab_stop, has_paragraph_box)
from briefing.render.docx.ooxml.revisions import add_bookmark
from briefing.render.docx.ooxml.tables import (blocks, closing_paragraphs, is_table, set_cell_margins, set_row,
                                               set_table_box)
from briefing.render.docx.ooxml.numbering import (Level, add_abstract_num, add_num, level_element, link_style,
                                                  set_level_indent, set_no_numbering, set_numbering)
from briefing.render.docx.ooxml.package import (add_field, add_hyperlink, add_link_run, clear_story, custom_properties,
                                                drop_custom_properties, east_asian_font, em_twips, embed_fonts,
                                                font_names, FontInfo, latin_language, remove_body, save_deterministic,
                                                set_alt_text, set_company, set_custom_properties, set_font_table,
                                                set_inline_flush, set_picture_identity, zip_time)

__all__ = ["add_abstract_num", "add_bookmark", "add_field", "add_hyperlink", "add_link_run", "add_num", "blocks", "BORDER_SIDES",
           "child", "clear_story", "closing_paragraphs", "custom_properties", "drop", "drop_custom_properties",
           "east_asian_font", "east_asian_lang", "em_twips", "embed_fonts", "font_names", "FontInfo", "format_like",
           "has_paragraph_box", "indent_chars", "is_table", "latin_language", "Level", "level_element", "link_style",
           "merge_properties", "merge_style", "MERGED_PPR", "ppr", "PPR_ORDER", "remove_body", "rpr", "rpr_default",
           "RPR_ORDER", "save_deterministic", "set_alias", "set_alt_text", "set_cell_margins", "set_company",
           "set_compatibility_mode", "set_custom_properties", "set_default_tab_stop", "set_doc_grid",
           "set_exact_line", "set_flag", "set_font_table", "set_indent", "set_inline_flush", "set_lang",
           "set_level_indent", "set_no_numbering", "set_numbering", "set_paragraph_box", "set_picture_identity",
           "set_rfonts", "set_row", "set_run_box", "set_setting", "set_spacing_after", "set_table_box",
           "SETTINGS_ORDER", "shift_indent", "strip_char_units", "strip_theme_fonts", "zip_time"]
