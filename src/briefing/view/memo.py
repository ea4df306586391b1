"""The per-language view of a memo: every text resolved, every number and label in place."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefing.content.model import (Attendees, Bullets, Figure, Item, Lang, Links, Memo, Numbered, Paragraph, Readout,
                                    Reference, Section, Text)
from briefing.content.registry import Registry
from briefing.view.dates import format_span
from briefing.view.inline import InlineContext, resolve
from briefing.view.names import attendee_text, organization_text
from briefing.view.numbering import marker


def memo_view(memo: Memo, memo_id: str, lang: Lang, registry: Registry, strings: dict) -> dict[str, Any]:
    """Everything the templates print for `memo` in `lang`, as plain values."""
    era = ((memo.calendar if lang == "ja" else None) or strings["dates"]["calendar"]) == "era"  # 令和: Japanese only
    context = InlineContext(lang, registry, strings, memo.date, memo.end_date, era)
    builder = _Builder(lang, registry, strings, context)
    issuer = registry.organizations[memo.issuer]
    date_text = format_span(memo.date, memo.end_date, strings["dates"], strings["locale"], era=era)
    return {
        "id": memo_id,
        "lang": lang,
        "type": memo.type,
        "labels": strings["labels"],
        "bullet": strings["bullet"],
        "title": builder.text(memo.title),
        "handling": builder.text(memo.handling) if memo.handling else None,
        "date": date_text,
        "date_iso": memo.date.isoformat(),
        "issuer": organization_text(issuer, lang),
        "lead": builder.text(memo.lead) if memo.lead else None,
        "blocks": builder.blocks(memo.body, 0),
        "closing": memo.closing,
        "pdf": strings.get("pdf") or {},  # bookmark_gap: between a heading's number and its text
    }


class _Builder:
    """Walks the blocks of one memo in one language."""

    def __init__(self, lang: Lang, registry: Registry, strings: dict, context: InlineContext):
        self.lang, self.registry, self.strings, self.context = lang, registry, strings, context
        self.levels = strings["numbering"]

    def text(self, text: Text) -> str:
        return resolve(text.get(self.lang), self.context)

    def blocks(self, blocks: list, level: int) -> list[dict]:
        """Views of the blocks printed in this language; `level` is the next numbering level."""
        views, section_number = [], 0
        for block in blocks:
            if block.only not in (None, self.lang):
                continue
            if isinstance(block, Section) and block.numbered:
                section_number += 1
            views.append(self.block(block, level, section_number))
        return views

    def block(self, block: Any, level: int, section_number: int) -> dict:
        if isinstance(block, Paragraph):
            return {"kind": "paragraph", "text": self.text(block.paragraph)}
        if isinstance(block, Numbered):
            return {"kind": "numbered", "level": level, "entries": self.items(block.numbered, level)}
        if isinstance(block, Bullets):
            return {"kind": "bullets", "entries": [self.text(t) for t in block.bullets]}
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
            return {"kind": "reference", "title": self.text(block.reference),
                    "blocks": self.blocks(block.body, level)}
        if isinstance(block, Section):
            numbered = block.numbered
            return {"kind": "section", "heading": self.text(block.section), "level": level,
                    "marker": marker(self.levels[level], section_number) if numbered else None,
                    "blocks": self.blocks(block.body, level + 1 if numbered else level)}
        assert isinstance(block, Readout), block
        return self.readout(block)

    def items(self, items: list[Item], level: int) -> list[dict]:
        views = []
        for item in items:
            if item.only not in (None, self.lang):
                continue
            views.append({"marker": marker(self.levels[level], len(views) + 1), "level": level,
                          "text": self.text(item.text),
                          "bullets": [self.text(t) for t in item.bullets],
                          "children": self.items(item.numbered, level + 1)})
        return views

    def attendees(self, block: Attendees, level: int) -> dict:
        items = []
        for number, attendee in enumerate(block.attendees, start=1):
            person = self.registry.people[attendee.person]
            title = self.text(attendee.title) if attendee.title else None
            line = attendee_text(person, self.lang, title)
            if attendee.note:
                line += self.text(attendee.note)
            if attendee.online:
                line += self.strings["labels"]["online"]
            items.append({"marker": marker(self.levels[level], number), "level": level, "text": line,
                          "bullets": [], "children": []})
        return {"kind": "attendees", "level": level, "entries": items,
                "note": self.text(block.note) if block.note else None}

    def readout(self, block: Readout) -> dict:
        date = block.date or self.context.date
        inner = _Builder(self.lang, self.registry, self.strings,
                         replace(self.context, date=date, end_date=None if block.date else self.context.end_date))
        issuer = self.registry.organizations[block.issuer] if block.issuer else None
        return {"kind": "readout", "title": inner.text(block.readout),
                "issuer": organization_text(issuer, self.lang) if issuer else None,
                "lead": inner.text(block.lead) if block.lead else None,
                "blocks": inner.blocks(block.body, 0), "closing": block.closing}
