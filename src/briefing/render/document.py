"""What a renderer receives: one language's semantic HTML and the facts about it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

# `briefing build --pdf-standard` and a house style's `pdf: standard:`; every PDF is tagged anyway.
PDF_STANDARDS = ("tagged", "ua-1", "a-2a", "a-3a", "ua-1+a-2a")


@dataclass(frozen=True)
class Document:
    """One memo in one language, ready to be written as PDF, DOCX or HTML."""

    memo_id: str
    lang: str  # "ja" or "en"
    html: str  # the semantic HTML (templates/_blocks.html.j2 documents its classes)
    title: str
    author: str  # the issuing organization
    date: dt.date  # the memo's date: every timestamp in the outputs comes from it
    content_dir: Path  # images are resolved against it, and nothing outside it is read
    templates_dir: Path  # print.css, fonts/, reference.docx, strings/
    draft: bool = False  # a draft for approval: marked as such, Word tracks changes
    embed_fonts: bool | None = None  # Word: embed templates/fonts; None: as reference.docx says
    pdf_standard: str | None = None  # PDF: ua-1, a-2a, a-3a or ua-1+a-2a; None: tagged, no standard declared
    strings: dict | None = None  # the language's strings with the memo's house style merged in (None: the file's)

    @property
    def epoch(self) -> int:
        """Seconds since 1970 for timestamps: SOURCE_DATE_EPOCH if set, else the memo's date."""
        if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
            return int(os.environ["SOURCE_DATE_EPOCH"])
        return int(dt.datetime.combine(self.date, dt.time(), dt.timezone.utc).timestamp())
