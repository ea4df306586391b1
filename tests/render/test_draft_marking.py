"""A --draft build marks every output as a draft: the PDF on every page and in its metadata, Word in its header
and status, with the same label from the strings (案 / DRAFT); a final build marks nothing."""

from __future__ import annotations

import shutil
import zipfile

import docx
import pytest
from conftest import run_cli
from pypdf import PdfReader
from ruamel.yaml import YAML

MEMO = "pko-symposium-2025"  # four pages; given a handling mark below, to show the order of the two


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The memo built final, then as a draft, in both languages and formats: {kind: build folder copy}."""
    from conftest import copy_workspace, edit

    root = copy_workspace(tmp_path_factory.mktemp("draft"))
    edit(root / "content" / f"{MEMO}.yaml", "\ndate: 2025-06-27\n",
         "\ndate: 2025-06-27\nhandling: {ja: 公表済み, en: Released to the public}\n")
    kept = {}
    for kind, options in (("final", ()), ("draft", ("--draft",))):
        result = run_cli("build", *options, "--format", "pdf", "--format", "docx", MEMO, cwd=root)
        assert result.returncode == 0, result.stderr
        kept[kind] = shutil.copytree(root / "build", root / f"kept-{kind}")
    kept["templates"] = root / "templates"
    return kept


def label(templates, lang: str) -> str:
    return YAML(typ="safe").load((templates / "strings" / f"{lang}.yaml").read_text(encoding="utf-8"))["labels"]["draft"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_draft_pdf_differs_and_says_so_on_every_page(builds, lang):
    mark = label(builds["templates"], lang)
    final, draft = (PdfReader(builds[kind] / f"{MEMO}.{lang}.pdf") for kind in ("final", "draft"))
    assert (builds["final"] / f"{MEMO}.{lang}.pdf").read_bytes() != (builds["draft"] / f"{MEMO}.{lang}.pdf").read_bytes()
    assert len(draft.pages) >= 2
    handling = {"ja": "公表済み", "en": "Released to the public"}[lang]
    for page in draft.pages:  # the header of every page: the mark, then the handling mark under it
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert lines.count(mark) == 1 and lines[lines.index(mark) + 1] == handling
    for page in final.pages:  # no line of its own (案 may stand inside a word: 提案)
        assert mark not in [line.strip() for line in page.extract_text().splitlines()]
    assert draft.metadata.get("/contentstatus") == mark
    assert "/contentstatus" not in final.metadata


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_draft_word_file_has_the_same_label_as_its_status(builds, lang):
    mark = label(builds["templates"], lang)
    final, draft = (docx.Document(str(builds[kind] / f"{MEMO}.{lang}.docx")) for kind in ("final", "draft"))
    assert draft.core_properties.content_status == mark
    assert final.core_properties.content_status == ""
    assert draft.sections[0].header.paragraphs[0].text == mark
    settings = zipfile.ZipFile(builds["draft"] / f"{MEMO}.{lang}.docx").read("word/settings.xml").decode()
    assert "<w:trackRevisions/>" in settings
