"""One language's view of a memo, and the semantic HTML made from it.

Takes a checked `Memo`, the `Registry` and the language's strings; gives a plain view (dates and
eras written out, names in that language's form, numbering markers, `[[…]]` resolved) and, through
the Jinja2 templates, one semantic HTML document per language: the single source of every format.
"""
