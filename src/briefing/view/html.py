"""Jinja2 templates and strings of a workspace: a memo's view becomes semantic HTML."""

from __future__ import annotations

import os
from functools import cached_property, lru_cache
from pathlib import Path
from typing import ClassVar

import jinja2
from jinja2 import meta
from markupsafe import Markup, escape

from briefing.content import loader
from briefing.content.model import LANGUAGES, Lang
from briefing.content.workspace import PACKAGE_TEMPLATES
from briefing.errors import ContentError, Problem
from briefing.view.styles import deep_merge, overlay_for, style_chain, unknown_keys
from briefing.view.titles import balanced_lines


def balanced_title(title: str | list[str], measure: float, keep=(), join: str = "", suffix: str = "") -> Markup:
    """A title (and its type label, kept whole in a `title-suffix` span) as lines joined by <br>.

    Lines the memo breaks itself (`title_lines`) are kept; one line is broken into balanced lines.
    """
    given = [line for part in ([title] if isinstance(title, str) else title) for line in escape(part).splitlines()
             if line.strip()] or [Markup("")]
    label = Markup('<span class="title-suffix">{}</span>').format(suffix) if suffix else Markup("")
    if len(given) > 1:
        return Markup("<br>").join(given) + escape(join) + label
    plain = given[0].striptags()  # a span's language mark is given up only where the title is broken
    lines = balanced_lines(f"{plain}{join}{suffix}", float(measure), (*keep, suffix))
    if len(lines) == 1:
        return given[0] + escape(join) + label
    html = [escape(line) for line in lines]
    if suffix and lines[-1].endswith(suffix):
        html[-1] = escape(lines[-1][:-len(suffix)]) + label
    return Markup("<br>").join(html)


def _files_state(folder: Path) -> tuple:
    """Name, size and modification time of every file under `folder`: what a kept `Templates` depends on."""
    state, pending = [], [str(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                pending.append(entry.path)
            elif entry.is_file():
                stat = entry.stat()
                state.append((entry.path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(state))


class Templates:
    """The templates/ folder: memo templates, strings per language and print CSS."""

    _kept: ClassVar[dict[Path, tuple[tuple, Templates]]] = {}

    @classmethod
    def at(cls, folder: Path) -> Templates:
        """The templates of `folder`, compiled once per process (watch, preview) until one of its files changes."""
        state = (_files_state(folder), _files_state(PACKAGE_TEMPLATES / "styles"))
        kept = cls._kept.get(folder)
        if kept is None or kept[0] != state:
            kept = cls._kept[folder] = (state, cls(folder))
        return kept[1]

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

    def style_path(self, name: str) -> Path | None:
        """templates/styles/<name>.yaml of the workspace, else the package's copy; None if neither has it."""
        for folder in (self.folder, PACKAGE_TEMPLATES):
            path = folder / "styles" / f"{name}.yaml"
            if path.is_file():
                return path
        return None

    def style_names(self) -> list[str]:
        """Every house style the workspace can use."""
        return sorted({p.stem for folder in (self.folder, PACKAGE_TEMPLATES) for p in (folder / "styles").glob("*.yaml")})

    @lru_cache(maxsize=None)
    def style(self, name: str) -> dict:
        """The house style `name` as data; raises `ContentError` when it is missing or not a mapping."""
        path = self.style_path(name)
        if path is None:
            raise ContentError([Problem(self.folder / "styles", 1, 1, f"no house style '{name}'; "
                                        f"expected one of: {', '.join(self.style_names())}")])
        source = loader.load(path)
        if not isinstance(source.data, dict):
            raise ContentError([source.problem((), "a house style must be a mapping (ja:, en:, …)")])
        problems = [source.problem(loc, message, key=True) for loc, message in self.unknown_style_keys(source.data)]
        if problems:
            raise ContentError(problems)
        return source.data

    def unknown_style_keys(self, style: dict) -> list[tuple[tuple, str]]:
        """Keys of a style or of a memo's `style:` overrides that no language's strings define (typos)."""
        return list(unknown_keys(style, self.strings))

    def memo_strings(self, memo_style: str | dict | None, issuer_style: str | None, lang: Lang) -> dict:
        """The strings of `lang` for one memo: the language's strings, its house style, its own overrides."""
        name, overrides = style_chain(memo_style, issuer_style)
        strings = self.strings[lang]
        if name:
            strings = deep_merge(strings, overlay_for(self.style(name), lang))
        return deep_merge(strings, overlay_for(overrides, lang))

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
