"""The per-language view of a memo: every text resolved, every number and label in place."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable

from markupsafe import Markup

from briefing.content.model import (Attendees, Bullets, Figure, Item, Lang, Links, Memo, Numbered, Paragraph, Readout,
                                    Reference, Section, Text)
from briefing.content.registry import Registry
from briefing.view.dates import format_day, format_span
from briefing.view.inline import InlineContext, resolve
from briefing.view.names import attendee_text, organization_text, person_text
from briefing.view.numbering import hang_em, marker

PARAGRAPH_BREAK = re.compile(r"\n\s*")  # a blank line in the YAML (a line break once folded) starts a paragraph


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: a blank line between them in the content file."""
    parts = [part for part in PARAGRAPH_BREAK.split(text.strip()) if part] or [""]
    return [Markup(part) for part in parts] if isinstance(text, Markup) else parts  # re.split gives plain str


def house_strings(memo: Memo, registry: Registry, templates, lang: Lang) -> dict:
    """The strings of `lang` for `memo`: the language's, its issuer's house style, the memo's own overrides."""
    issuer = registry.organizations.get(memo.issuer)
    return templates.memo_strings(memo.style, issuer.style if issuer else None, lang)


def styled_view(memo: Memo, memo_id: str, lang: Lang, registry: Registry, templates) -> dict[str, Any]:
    """`memo_view` in the memo's house style (each compiled readout in its issuer's); `strings` holds the merged strings."""
    strings = house_strings(memo, registry, templates, lang)

    def style_of(organization: str) -> dict:
        return templates.memo_strings(memo.style, registry.organizations[organization].style, lang)
    return {**memo_view(memo, memo_id, lang, registry, strings, style_of), "strings": strings}


def memo_view(memo: Memo, memo_id: str, lang: Lang, registry: Registry, strings: dict,
              style_of: Callable[[str], dict] | None = None) -> dict[str, Any]:
    """Everything the templates print for `memo` in `lang`, as plain values.

    `style_of(issuer_id)` gives the strings a compiled readout of another issuer follows (its house style)."""
    era = ((memo.calendar if lang == "ja" else None) or strings["dates"]["calendar"]) == "era"  # 令和: Japanese only
    context = InlineContext(lang, registry, strings, memo.date, memo.end_date, era, memo.time, memo.japan_date,
                            memo.japan_time, memo.duration)
    builder = _Builder(lang, registry, strings, context, style_of)
    issuer = registry.organizations[memo.issuer]
    dates = strings["dates"]
    if memo.published or not memo.end_date:
        date_text = format_day(memo.published_on(lang), dates["dateline"], strings["locale"], era=era)
    else:
        date_text = format_span(memo.date, memo.end_date, dates, strings["locale"], era=era)
    title_lines = [line.strip() for line in builder.text(memo.title).splitlines() if line.strip()]
    view = {
        "id": memo_id,
        "lang": lang,
        "type": memo.type,
        "labels": strings["labels"],
        "bullet": strings["bullet"],
        "dateline": strings["dateline"],
        "reference_box": strings["reference_box"],
        "typography": strings.get("typography", {}),
        "keep_together": (),  # set below, from the titles
        "title": Markup("" if lang == "ja" else " ").join(title_lines),
        "title_lines": title_lines,
        "handling": builder.text(memo.handling) if memo.handling else None,
        "date": date_text,
        "date_iso": memo.published_on(lang).isoformat(),
        "issuer": organization_text(issuer, lang),
        "lead": paragraphs(builder.text(memo.lead)) if memo.lead else None,
        "blocks": builder.blocks(memo.body, 0),
        "closing": memo.closing,
        "pdf": strings.get("pdf") or {},  # bookmark_gap: between a heading's number and its text
    }
    view["keep_together"] = _names_in_titles(view, registry, lang, strings)
    return view


def _names_in_titles(view: dict, registry: Registry, lang: Lang, strings: dict) -> tuple[str, ...]:
    """The ways of writing a registry person's name that the memo's titles hold: no title breaks inside one."""
    titles, pending = [view["title"]], list(view["blocks"])
    while pending:
        block = pending.pop()
        titles += [block["title"]] if block["kind"] == "readout" else []
        pending += block.get("blocks", [])
    names = {text for person in registry.people.values()
             for text in (person_text(person, lang, strings, "name"), person_text(person, lang, strings, "short"),
                          person_text(person, lang, strings, "surname"))
             if text and any(text in title for title in titles)}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


class _Builder:
    """Walks the blocks of one memo in one language."""

    def __init__(self, lang: Lang, registry: Registry, strings: dict, context: InlineContext,
                 style_of: Callable[[str], dict] | None = None):
        self.lang, self.registry, self.strings, self.context = lang, registry, strings, context
        self.style_of = style_of
        self.levels = strings["numbering"]
        self.references = 0  # reference notes numbered so far: （参考1）, （参考2）…

    def text(self, text: Text) -> str:
        return resolve(text.get(self.lang), self.context)

    def blocks(self, blocks: list, level: int, path: str = "body") -> list[dict]:
        """Views of the blocks printed in this language; `level` is the next numbering level.

        Each view's `path` is where its block sits in the content file (`body.0`), which the templates
        print as `data-path` and the Word file keeps as an anchor (`briefing import` reads it back)."""
        views, section_number = [], 0
        for index, block in enumerate(blocks):
            if block.only not in (None, self.lang):
                continue
            if isinstance(block, Section) and block.numbered:
                section_number += 1
            views.append({**self.block(block, level, section_number, f"{path}.{index}"), "path": f"{path}.{index}"})
        return views

    def block(self, block: Any, level: int, section_number: int, path: str) -> dict:
        if isinstance(block, Paragraph):
            return {"kind": "paragraph", "paragraphs": paragraphs(self.text(block.paragraph))}
        if isinstance(block, Numbered):
            return {"kind": "numbered", "level": level, "entries": self.items(block.numbered, level, f"{path}.numbered")}
        if isinstance(block, Bullets):
            shown = self.shown(block.bullets)
            return {"kind": "bullets", "entries": [self.text(block.bullets[n]) for n in shown],
                    "paths": [f"{path}.bullets.{n}" for n in shown]}
        if isinstance(block, Attendees):
            return self.attendees(block, level)
        if isinstance(block, Links):
            links = [{"text": self.text(link.text),
                      "url": link.url if isinstance(link.url, str) else link.url.get(self.lang)}
                     for link in block.links if link.text.get(self.lang)]
            return {"kind": "links", "label": self.text(block.label) if block.label else None, "entries": links}
        if isinstance(block, Figure):
            return {"kind": "figure", "src": block.figure, "caption": self.text(block.caption),
                    "alt": self.text(block.alt) if block.alt else None, "width": block.width}
        if isinstance(block, Reference):
            return self.reference(block, level, path)
        if isinstance(block, Section):
            numbered = block.numbered
            return {"kind": "section", "heading": self.text(block.section), "level": level,
                    "marker": marker(self.levels[level], section_number) if numbered else None,
                    "blocks": self.blocks(block.body, level + 1 if numbered else level, f"{path}.body")}
        assert isinstance(block, Readout), block
        return self.readout(block, path)

    def items(self, items: list[Item], level: int, path: str) -> list[dict]:
        views = []
        for index, item in enumerate(items):
            if item.only not in (None, self.lang):
                continue
            text, *more = paragraphs(self.text(item.text))
            views.append({"marker": marker(self.levels[level], len(views) + 1), "level": level,
                          "hang": hang_em(self.levels[level]),
                          "text": text, "more": more,
                          "bullets": [self.text(item.bullets[n]) for n in self.shown(item.bullets)],
                          "path": f"{path}.{index}",
                          "bullet_paths": [f"{path}.{index}.bullets.{n}" for n in self.shown(item.bullets)],
                          "children": self.items(item.numbered, level + 1, f"{path}.{index}.numbered")})
        return views

    def shown(self, bullets: list) -> list[int]:
        """The indexes of the bullet points printed in this language (a point may be `only:` the other)."""
        return [n for n, bullet in enumerate(bullets) if bullet.only in (None, self.lang)]

    def reference(self, block: Reference, level: int, path: str) -> dict:
        """A reference note with the style's label (numbered or not) and look (framed or plain)."""
        labels, box = self.strings["labels"], self.strings["reference_box"]
        if block.label:
            label = self.text(block.label)
        elif box["numbered"]:
            self.references += 1
            label = labels["reference_numbered"].replace("{n}", str(self.references))
        else:
            label = labels["reference"]
        return {"kind": "reference", "label": label, "title": self.text(block.reference) if block.reference else "",
                "framed": box["look"] == "framed", "blocks": self.blocks(block.body, level, f"{path}.body")}

    def attendees(self, block: Attendees, level: int) -> dict:
        items = []
        for number, attendee in enumerate(block.attendees, start=1):
            person = self.registry.people[attendee.person]
            title = self.text(attendee.title) if attendee.title else None
            line = attendee_text(person, self.lang, self.strings, title)
            if attendee.note:
                line += self.text(attendee.note)
            if attendee.online:
                line += self.strings["labels"]["online"]
            items.append({"marker": marker(self.levels[level], number), "level": level, "text": line,
                          "hang": hang_em(self.levels[level]),
                          "more": [], "bullets": [], "children": []})
        return {"kind": "attendees", "level": level, "entries": items,
                "numbered": self.strings["attendees"]["numbered"],
                "note": self.text(block.note) if block.note else None}

    def readout(self, block: Readout, path: str) -> dict:
        date = block.date or self.context.date
        strings = self.style_of(block.issuer) if block.issuer and self.style_of else self.strings
        context = replace(self.context, strings=strings, date=date, end_date=None if block.date else self.context.end_date)
        inner = _Builder(self.lang, self.registry, {**strings, "numbering": self.strings["numbering"]}, context)
        issuer = self.registry.organizations[block.issuer] if block.issuer else None
        return {"kind": "readout", "title": inner.text(block.readout), "closing_label": strings["labels"]["closing"],
                "issuer": organization_text(issuer, self.lang) if issuer else None,
                "lead": paragraphs(inner.text(block.lead)) if block.lead else None,
                "blocks": inner.blocks(block.body, 0, f"{path}.body"), "closing": block.closing}
