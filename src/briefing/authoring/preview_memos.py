"""What the preview shows: each memo's HTML rendered once per version of the workspace, and that version."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, replace

from briefing.content.model import LANGUAGES
from briefing.content.peek import top_level_field
from briefing.content.workspace import Workspace
from briefing.errors import BriefingError, ContentError, Problem

STYLESHEETS = ("/templates/print.css", "/_preview/screen.css")  # print.css is what the PDF uses


@dataclass
class Rendered:
    """One memo's HTML per language, or the problems that stop it."""

    html: dict[str, str]
    problems: list[Problem]


class Changes:
    """A version that moves on every save; server-sent-event streams wait on it."""

    def __init__(self):
        self.boot = secrets.token_hex(4)  # a restarted server never repeats a version
        self.count = 0
        self.stopping = False
        self.condition = threading.Condition()

    @property
    def version(self) -> str:
        return f"{self.boot}-{self.count}"

    def bump(self) -> None:
        with self.condition:
            self.count += 1
            self.condition.notify_all()

    def wait(self, seen: str, timeout: float) -> str | None:
        """The version once it differs from `seen` (or after `timeout`); None when the server stops."""
        with self.condition:
            self.condition.wait_for(lambda: self.stopping or self.version != seen, timeout)
            return None if self.stopping else self.version

    def stop(self) -> None:
        with self.condition:
            self.stopping = True
            self.condition.notify_all()


class Memos:
    """Renders memos through the build's pipeline, once per version of the workspace."""

    def __init__(self, workspace: Workspace, changes: Changes):
        self.workspace, self.changes = workspace, changes
        self.lock = threading.Lock()
        self.cache: dict[tuple[str, str], Rendered] = {}

    def ids(self) -> list[str]:
        return [path.stem for path in self.workspace.memo_files()]

    def listing(self) -> list[dict[str, str]]:
        """Every memo's id and its title as written (both languages), read without parsing the whole memo."""
        listed = []
        for path in self.workspace.memo_files():
            try:
                title = top_level_field(path, "title")
                text = " / ".join(str(title[lang]) for lang in LANGUAGES if lang in title)
            except (ContentError, LookupError, TypeError):
                text = "(表題を読めません / no readable title)"
            listed.append({"id": path.stem, "title": text})
        return listed

    def rendered(self, memo_id: str) -> Rendered:
        with self.lock:
            version = self.changes.version
            if (version, memo_id) not in self.cache:
                self.cache = {key: value for key, value in self.cache.items() if key[0] == version}
                self.cache[version, memo_id] = self._render(memo_id)
            return self.cache[version, memo_id]

    def _render(self, memo_id: str) -> Rendered:
        from briefing.check.memos import check
        from briefing.view.memo import styled_view

        try:
            checked = check(self.workspace, [memo_id])
            errors = [problem for problem in checked.problems if problem.severity == "error"]
            if not checked.memos:
                return Rendered({}, errors)
            loaded, = checked.memos
            path, memo, html = loaded.path, loaded.memo, {}
            for lang in (lang for lang in memo.languages if lang not in loaded.blocked()):
                view = styled_view(memo, path.stem, lang, checked.registry, checked.templates)
                html[lang] = checked.templates.render(view, stylesheets=STYLESHEETS)
            return Rendered(html, errors)  # a language with errors is left out; the other still shows
        except ContentError as error:
            return Rendered({}, error.problems)
        except BriefingError as error:
            return Rendered({}, [Problem(self.workspace.content / f"{memo_id}.yaml", 1, 1, str(error))])

    def shown(self, problem: Problem) -> str:
        """The problem as `briefing check` prints it, with the path relative to the workspace."""
        path = problem.path.resolve()
        return str(replace(problem, path=path.relative_to(self.workspace.root))
                   if path.is_relative_to(self.workspace.root) else problem)
