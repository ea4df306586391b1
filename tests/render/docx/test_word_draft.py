"""Draft mode: a Word file marked 案 / DRAFT in its header that records every change, ready for approval."""

from __future__ import annotations

import dataclasses
import zipfile

import docx
from conftest import run_cli
from test_docx_writer import EN_HTML, JA_HTML, make_document

from briefing.render.docx.writer import render_docx


def render_draft(tmp_path, lang: str, draft: bool):
    document = dataclasses.replace(make_document(tmp_path, lang, JA_HTML if lang == "ja" else EN_HTML), draft=draft)
    out = tmp_path / f"{'draft' if draft else 'final'}.{lang}.docx"
    render_docx(document, out)
    return out, docx.Document(str(out))


def header_of(word) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in word.sections[0].header.paragraphs]


def test_draft_tracks_changes_and_is_marked(tmp_path):
    for lang, mark, handling in (("ja", "案", "取扱注意"), ("en", "DRAFT", "For official use only")):
        out, word = render_draft(tmp_path, lang, draft=True)
        assert header_of(word) == [("Draft Mark", mark), ("Handling Mark", handling)]
        assert "<w:trackRevisions/>" in zipfile.ZipFile(out).read("word/settings.xml").decode()
        assert mark not in "".join(p.text for p in word.paragraphs)  # a mark on the page, not memo text


def test_final_has_neither(tmp_path):
    out, word = render_draft(tmp_path, "ja", draft=False)
    assert header_of(word) == [("Handling Mark", "取扱注意")]
    assert "trackRevisions" not in zipfile.ZipFile(out).read("word/settings.xml").decode()


def test_draft_without_handling_mark(tmp_path):
    html = JA_HTML.replace('<p class="handling">取扱注意</p>\n', "")
    document = dataclasses.replace(make_document(tmp_path, "ja", html), draft=True)
    render_docx(document, tmp_path / "bare.docx")
    assert header_of(docx.Document(str(tmp_path / "bare.docx"))) == [("Draft Mark", "案")]


def test_build_draft_from_the_command_line(workspace):
    output = workspace / "build" / "khare-visit-2025.ja.docx"
    assert run_cli("build", "--draft", "--format", "docx", "khare-visit-2025", cwd=workspace).returncode == 0
    assert header_of(docx.Document(str(output)))[0] == ("Draft Mark", "案")
    assert "<w:trackRevisions/>" in zipfile.ZipFile(output).read("word/settings.xml").decode()
    assert run_cli("build", "--format", "docx", "khare-visit-2025", cwd=workspace).returncode == 0
    assert "trackRevisions" not in zipfile.ZipFile(output).read("word/settings.xml").decode()  # rebuilt, final
