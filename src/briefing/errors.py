"""The one exception tree for user-facing problems; the CLI maps it to exit codes.

    BriefingError                 exit 2 unless a subclass says otherwise
     ├── ContentError             exit 1: one or more `Problem`s in content files or templates
     └── EnvironmentProblem       exit 2: missing font, unwritable output folder, bad reference.docx
    UsageError(BriefingError)     exit 2: wrong command-line arguments
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


QUOTE_WIDTH, QUOTE_BEFORE = 160, 60  # characters of a source line quoted under a problem, and before its column


@dataclass(frozen=True)
class Problem:
    """One finding in a file, with the position a person can jump to."""

    path: Path
    line: int  # 1-based
    column: int  # 1-based
    message: str
    source_line: str = ""
    severity: str = "error"  # or "warning": reported, but it stops nothing unless --strict
    lang: str | None = None  # the one language it stops from being built; None: the whole memo
    changes: tuple[tuple[str, str, str], ...] = ()  # of a stale translation: (language, confirmed text, text now)

    def relative(self) -> Problem:
        """The same problem, its path relative to the current folder when it lies inside it."""
        cwd = Path.cwd()
        return replace(self, path=self.path.relative_to(cwd)) if self.path.is_relative_to(cwd) else self

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.source_line:
            start = max(0, min(self.column - 1 - QUOTE_BEFORE, len(self.source_line) - QUOTE_WIDTH))
            shown = self.source_line[start:start + QUOTE_WIDTH]  # a long line is quoted around the column
            before, after = ("…" if start else ""), ("…" if start + QUOTE_WIDTH < len(self.source_line) else "")
            caret = " " * (len(before) + self.column - 1 - start) + "^"
            text += f"\n    {before}{shown}{after}\n    {caret}"
        return text


class BriefingError(Exception):
    """Root of every problem the user, not the program, has to fix."""

    exit_code = 2


class ContentError(BriefingError):
    """Problems found in content files, registries or templates (all of them at once)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        """Rebuilt from its problems when it crosses from a worker process."""
        return type(self), (self.problems,)


class EnvironmentProblem(BriefingError):
    """Something about the machine or workspace, not the content, stops the build."""


class UsageError(BriefingError):
    """The command line asks for something that does not exist or make sense."""
