"""Fonts that survive the trip: the vendored fonts embedded, obfuscated as Word does, used where none is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
import zipfile

import docx
from conftest import libreoffice_pdf, need_tool
from docx.oxml.ns import qn
from test_docx_writer import JA_HTML, TEMPLATES, make_document

from briefing.render.docx import ooxml
from briefing.render.docx.fonts import obfuscate
from briefing.render.docx.writer import render_docx

FONTS = TEMPLATES / "fonts"
RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def embedded(tmp_path, lang: str = "ja", html: str = JA_HTML, name: str = "embedded"):
    out = tmp_path / f"{name}.{lang}.docx"
    render_docx(make_document(tmp_path, lang, html), out, embed_fonts=True)
    return out


def font_entries(path) -> dict[str, dict[str, tuple[str, str]]]:
    """fontTable: font name → {embedRegular: (target part, fontKey), …}."""
    package = zipfile.ZipFile(path)
    table = docx.oxml.parse_xml(package.read("word/fontTable.xml"))
    rels_name = "word/_rels/fontTable.xml.rels"  # absent when nothing is embedded
    rels = docx.oxml.parse_xml(package.read(rels_name)) if rels_name in package.namelist() else []
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    entries = {}
    for font in table.findall(qn("w:font")):
        entries[font.get(qn("w:name"))] = {
            kind: (targets[element.get(f"{RELS}id")], element.get(qn("w:fontKey")))
            for kind in ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")
            if (element := font.find(qn(f"w:{kind}"))) is not None}
    return entries


def test_embedded_fonts_are_the_vendored_ones_obfuscated(tmp_path):
    out = embedded(tmp_path)
    entries = font_entries(out)
    assert set(entries["BIZ UD明朝"]) == {"embedRegular"}
    assert set(entries["BIZ UDゴシック"]) == {"embedRegular", "embedBold"}  # headings are bold Gothic
    assert not entries["Times New Roman"]  # not vendored: every Windows has it
    package = zipfile.ZipFile(out)
    files = {"BIZ UD明朝": {"embedRegular": "BIZUDMincho-Regular.ttf"},
             "BIZ UDゴシック": {"embedRegular": "BIZUDGothic-Regular.ttf", "embedBold": "BIZUDGothic-Bold.ttf"}}
    for name, kinds in files.items():
        for kind, file in kinds.items():
            target, key = entries[name][kind]
            assert re.fullmatch(r"fonts/font\d+\.odttf", target) and re.fullmatch(r"\{[0-9A-F-]{36}\}", key)
            stored = package.read(f"word/{target}")
            original = (FONTS / file).read_bytes()
            assert stored[:32] != original[:32] and obfuscate(stored, uuid.UUID(key)) == original
    types = package.read("[Content_Types].xml").decode()
    assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types
    assert "<w:embedTrueTypeFonts/>" in package.read("word/settings.xml").decode()


def test_embedding_is_reproducible_and_optional(tmp_path):
    first, second = embedded(tmp_path, name="first"), embedded(tmp_path, name="second")
    assert first.read_bytes() == second.read_bytes()
    plain = tmp_path / "plain.docx"
    render_docx(make_document(tmp_path, "ja", JA_HTML), plain)  # reference.docx: embed_fonts false
    assert not [n for n in zipfile.ZipFile(plain).namelist() if n.startswith("word/fonts/")]
    assert "embedTrueTypeFonts" not in zipfile.ZipFile(plain).read("word/settings.xml").decode()


def test_english_text_embeds_no_japanese_fonts(tmp_path):
    html = JA_HTML.replace('lang="ja"', 'lang="en"')
    html = re.sub(r">[^<>]*[\u3000-\u9fff\uff00-\uffef][^<>]*<", ">English text<", html)
    out = embedded(tmp_path, "en", html)
    assert not [n for n in zipfile.ZipFile(out).namelist() if n.startswith("word/fonts/")]


def test_reference_property_switches_embedding_on(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    reference = docx.Document(str(templates / "reference.docx"))
    ooxml.set_custom_properties(reference.part.package, {"embed_fonts": True})  # Word: Yes or no = Yes
    reference.save(str(templates / "reference.docx"))
    out = tmp_path / "by-property.docx"
    render_docx(make_document(tmp_path, "ja", JA_HTML, templates), out)
    assert font_entries(out)["BIZ UD明朝"]
    render_docx(make_document(tmp_path, "ja", JA_HTML, templates), out, embed_fonts=False)  # the caller decides
    assert not font_entries(out)["BIZ UD明朝"]


def libreoffice_fonts(source, outdir, fonts_conf) -> str:
    """pdffonts of LibreOffice's rendering when fontconfig knows only the fonts `fonts_conf` lists."""
    pdf = libreoffice_pdf(source, outdir, env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf)})
    return subprocess.run([need_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout


def test_libreoffice_renders_with_the_embedded_fonts(tmp_path):
    latin_only = tmp_path / "fonts"
    latin_only.mkdir()
    shutil.copy(FONTS / "LiberationSerif-Regular.ttf", latin_only)
    fonts_conf = tmp_path / "fonts.conf"  # a machine without BIZ UD fonts
    fonts_conf.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                          f"<dir>{latin_only}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n")
    plain = tmp_path / "plain.ja.docx"
    render_docx(make_document(tmp_path, "ja", JA_HTML), plain)
    without = libreoffice_fonts(plain, tmp_path / "without", fonts_conf)
    assert "BIZUD" not in without, without  # nothing to render Japanese with: the embedding is what helps
    with_fonts = libreoffice_fonts(embedded(tmp_path), tmp_path / "with", fonts_conf)
    assert "BIZUDMincho-Regular" in with_fonts and "BIZUDGothic-Bold" in with_fonts, with_fonts
