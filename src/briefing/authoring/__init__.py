"""Tools for writing memos: the editors' JSON Schema, `briefing new` and the live preview.

Takes the workspace; gives new memo files, the schema file and a local web server that shows
memos as they will print, built by the build's own stages.
"""
