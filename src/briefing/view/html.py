"""Jinja2 templates and strings of a workspace: a memo's view becomes semantic HTML."""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path

import jinja2
from jinja2 import meta
from markupsafe import Markup, escape

from briefing.content import loader
from briefing.content.model import LANGUAGES, Lang
from briefing.errors import ContentError, Problem
from briefing.view.titles import balanced_lines


def balanced_title(text: str, measure: float, keep=(), join: str = "", suffix: str = "") -> Markup:
    """A title (and its type label, kept whole in a `title-suffix` span) as balanced lines joined by <br>."""
    lines = balanced_lines(f"{text}{join}{suffix}", float(measure), (*keep, suffix))
    html = [escape(line) for line in lines]
    if suffix and lines[-1].endswith(suffix):
        html[-1] = escape(lines[-1][:-len(suffix)]) + Markup('<span class="title-suffix">{}</span>').format(suffix)
    return Markup("<br>").join(html)


class Templates:
    """The templates/ folder: memo templates, strings per language and print CSS."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)
        self.environment.filters["balanced"] = balanced_title

    @cached_property
    def strings(self) -> dict[Lang, dict]:
        """templates/strings/<lang>.yaml for every language."""
        problems, strings = [], {}
        for lang in LANGUAGES:
            try:
                strings[lang] = loader.load(self.folder / "strings" / f"{lang}.yaml").data
            except ContentError as error:
                problems += error.problems
        if problems:
            raise ContentError(problems)
        return strings

    @property
    def numbering_depth(self) -> int:
        """How many numbering levels every language's strings define."""
        return min(len(strings["numbering"]) for strings in self.strings.values())

    @lru_cache(maxsize=None)
    def used_by(self, memo_type: str) -> list[Path]:
        """The template files a memo type renders with (itself and what it extends or imports)."""
        pending, seen = [f"{memo_type}.html.j2"], set()
        while pending:
            name = pending.pop()
            if name in seen or not (self.folder / name).is_file():
                continue
            seen.add(name)
            source = (self.folder / name).read_text(encoding="utf-8")
            try:
                pending += [ref for ref in meta.find_referenced_templates(self.environment.parse(source)) if ref]
            except jinja2.TemplateSyntaxError:
                pass  # reported when the template is rendered
        return sorted(self.folder / name for name in seen)

    def render(self, view: dict, stylesheets: tuple[str, ...] = ()) -> str:
        """The HTML of one memo view, from `templates/<type>.html.j2`."""
        try:
            template = self.environment.get_template(f"{view['type']}.html.j2")
            return template.render(memo=view, stylesheets=stylesheets)
        except jinja2.TemplateSyntaxError as error:
            path = Path(error.filename or self.folder / (error.name or "?"))
            raise ContentError([Problem(path, error.lineno, 1, f"template syntax: {error.message}",
                                        (error.source or "").splitlines()[error.lineno - 1:error.lineno][0]
                                        if error.source else "")]) from None
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, LookupError) as error:
            path, line = self._template_position(error)
            raise ContentError([Problem(path, line, 1, f"template error: {error}")]) from None

    def _template_position(self, error: Exception) -> tuple[Path, int]:
        """The deepest template frame of a rendering error's traceback."""
        tb, found = error.__traceback__, (self.folder, 1)
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".j2"):
                found = (Path(filename), tb.tb_lineno)
            tb = tb.tb_next
        return found
