"""Is a memo ready in both languages: its meaning, its translations and the texts still to write.

Takes the workspace's memos, registries, templates' strings and lock files; gives every problem
(errors and warnings) per memo, and writes lock files for `briefing check --accept`. The build runs
the same checks before it renders, so this stage sits below the build and beside the renderers.
"""
