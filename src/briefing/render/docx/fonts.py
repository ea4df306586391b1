"""Embedding the vendored fonts (templates/fonts/*.ttf) a Word file names, obfuscated as ECMA-376 §17.8.1 says."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefing.content.files import file_stat
from briefing.render.docx import ooxml

log = logging.getLogger(__name__)

KINDS = {(False, False): "embedRegular", (True, False): "embedBold", (False, True): "embedItalic",
         (True, True): "embedBoldItalic"}
RESTRICTED = 0x0002  # OS/2 fsType: the font's licence forbids embedding


@dataclass(frozen=True)
class Vendored:
    """A font file of templates/fonts: its family names in every language, and which face it is."""

    path: Path
    families: frozenset[str]
    kind: str  # embedRegular, embedBold, embedItalic, embedBoldItalic


def embed(word, fonts_dir: Path, east_asian_text: bool) -> list[str]:
    """Embed each vendored font whose family the document's styles name for text it holds; return the families.

    Latin fonts count always, East Asian ones when the memo has East Asian text. Whole fonts are embedded,
    so that a colleague without them can still edit in them (Word's "embed only the characters used" is off).
    """
    named = ooxml.font_names(word.styles.element)
    for part in (word.part.numbering_part.element, word.element):
        for slot, names in ooxml.font_names(part).items():
            named[slot] |= names
    wanted = named["latin"] | (named["eastAsia"] if east_asian_text else set())
    payload, families = [], []
    for font in vendored(fonts_dir):
        family = min(font.families & wanted, default=None)
        if family is None:
            continue
        data = font.path.read_bytes()
        key = uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])  # from the font: the same bytes every build
        payload.append((family, font.kind, "{" + str(key).upper() + "}", obfuscate(data, key)))
        families.append(family)
    ooxml.embed_fonts(word, payload)
    return families


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """The first 32 bytes XORed with the key's 16 bytes in reverse order; applying it twice restores the font."""
    mask = key.bytes[::-1] * 2
    return bytes(b ^ m for b, m in zip(data[:32], mask)) + data[32:]


def vendored(folder: Path) -> tuple[Vendored, ...]:
    """The embeddable TrueType fonts in `folder`."""
    files = sorted(folder.glob("*.ttf"))
    return _read(tuple((str(path), *file_stat(path)) for path in files))


@lru_cache(maxsize=8)
def _read(files: tuple[tuple[str, int, int], ...]) -> tuple[Vendored, ...]:
    from fontTools.ttLib import TTFont, TTLibError

    fonts = []
    for name, _, _ in files:
        try:
            font = TTFont(name, lazy=True)
            families = frozenset(record.toUnicode() for record in font["name"].names if record.nameID in (1, 16))
            os2 = font["OS/2"]
        except (TTLibError, KeyError, OSError, UnicodeDecodeError) as error:
            log.warning("%s: not a font that can be embedded (%s)", name, error)
            continue
        if os2.fsType & RESTRICTED:
            log.warning("%s: its licence forbids embedding (OS/2 fsType %d)", name, os2.fsType)
            continue
        fonts.append(Vendored(Path(name), families, KINDS[bool(os2.fsSelection & 0x20), bool(os2.fsSelection & 1)]))
    return tuple(fonts)
