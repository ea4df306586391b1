"""What the user wrote, read and checked.

Takes the workspace's files (memo YAML, registries); gives each file's plain data with the line
and column of every value, the pydantic `Memo` and `Registry`, and every problem found in them as
a `Problem` at its position. Knows the syntax of `[[…]]` references and the era table, because
checking needs them; knows nothing of how one language writes a memo.
"""
