"""The build: select → skip what is up to date → check → plan → render → remember; and `watch`.

Takes the workspace and the memos asked for; gives the outputs in build/ and a `BuildReport` of
what was written, what was up to date and the problems that stopped an output. A build with
nothing to do imports only the cache and the workspace.
"""
