"""The output formats: `render(document, fmt, target)` writes one language's HTML as PDF, Word or HTML.

Takes a `Document` (the semantic HTML and the facts about it); gives a file, written whole or not
at all. `pdf/` holds WeasyPrint and its warm start, `docx/` the Word writer, whose `ooxml/` is the
only code that touches raw WordprocessingML. The heavy libraries are imported only here, and only
when a file of their format is written.
"""
