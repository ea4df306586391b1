"""Incremental builds: only outputs whose inputs changed are rebuilt; batches and failures."""

import hashlib
from pathlib import Path

import pytest
from conftest import edit, run_cli

FORMATS = ("--format", "html", "--format", "pdf")


def written(workspace: Path, *args: str) -> set[str]:
    """Names of the files a build wrote (it prints one path per line when not on a terminal)."""
    result = run_cli("build", *FORMATS, "-j", "1", *args, cwd=workspace)
    assert result.returncode == 0, result.stderr
    return {Path(line).name for line in result.stdout.splitlines() if line.startswith("build/")}


ALL = {f"{memo}.{lang}.{fmt}" for memo in ("khare-visit-2025", "pko-symposium-2025", "mofa-style-readout")
       for lang in ("ja", "en") for fmt in ("html", "pdf")} | {"heisei-notice.ja.html", "heisei-notice.ja.pdf"}
READOUTS = {name for name in ALL if not name.startswith("pko-symposium-2025")}  # every memo of type readout


def test_nothing_to_do_the_second_time(workspace):
    assert written(workspace) == ALL
    result = run_cli("build", *FORMATS, cwd=workspace)
    assert result.stdout.strip() == f"0 file(s) written, {len(ALL)} up to date"


def test_english_edit_rebuilds_only_english(workspace):
    written(workspace)
    edit(workspace / "content" / "khare-visit-2025.yaml", "An overview\n", "A summary\n")
    assert written(workspace) == {"khare-visit-2025.en.html", "khare-visit-2025.en.pdf"}


def test_touch_without_change_rebuilds_nothing(workspace):
    written(workspace)
    memo = workspace / "content" / "pko-symposium-2025.yaml"
    memo.write_bytes(memo.read_bytes())
    assert written(workspace) == set()


def test_registry_edit_rebuilds_exactly_the_memos_using_it(workspace):
    written(workspace)
    edit(workspace / "content" / "_registry" / "people.yaml", "Senior Fellow, Sasakawa Foundation",
         "Senior Research Fellow, Sasakawa Foundation")
    assert written(workspace) == {"pko-symposium-2025.en.html", "pko-symposium-2025.en.pdf"}
    edit(workspace / "content" / "_registry" / "people.yaml", "ja: 防衛大臣,", "ja: 防衛相,")
    assert written(workspace) == {"khare-visit-2025.ja.html", "khare-visit-2025.ja.pdf"}


def test_template_edit_rebuilds_only_its_type(workspace):
    written(workspace)
    edit(workspace / "templates" / "readout.html.j2", "{%- extends", "{#- edited -#}\n{%- extends")
    assert written(workspace) == READOUTS
    edit(workspace / "templates" / "result-summary.html.j2", "{%- block doc_title %}",
         '<!-- edited -->{%- block doc_title %}')
    assert written(workspace) == {"pko-symposium-2025.ja.html", "pko-symposium-2025.ja.pdf",
                                  "pko-symposium-2025.en.html", "pko-symposium-2025.en.pdf"}


def test_css_edit_rebuilds_pdfs_only(workspace):
    written(workspace)
    edit(workspace / "templates" / "print.css", "margin: 30mm 30mm 30mm 30mm;", "margin: 30mm 30mm 28mm 30mm;")
    assert written(workspace) == {name for name in ALL if name.endswith(".pdf")}


def test_image_edit_and_deleted_output(workspace):
    written(workspace)
    image = workspace / "content" / "assets" / "pko-symposium-2025" / "photo-1.jpg"
    image.write_bytes(image.read_bytes() + b"\0")
    (workspace / "build" / "khare-visit-2025.ja.pdf").unlink()
    assert written(workspace) == {"pko-symposium-2025.ja.pdf", "pko-symposium-2025.en.pdf",
                                  "khare-visit-2025.ja.pdf"}


def test_force_rebuilds_everything(workspace):
    written(workspace)
    assert written(workspace, "--force") == ALL


def test_parallel_batch_matches_serial_and_survives_a_broken_memo(workspace, tmp_path):
    serial = run_cli("build", "--format", "pdf", "--format", "docx", "-j", "1", "--out", str(tmp_path / "one"),
                     cwd=workspace)
    parallel = run_cli("build", "--format", "pdf", "--format", "docx", "-j", "2", "--out", str(tmp_path / "two"),
                       cwd=workspace)
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    for path in sorted((tmp_path / "one").glob("[!.]*")):
        twin = tmp_path / "two" / path.name
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(twin.read_bytes()).digest(), path.name
    edit(workspace / "content" / "khare-visit-2025.yaml", "issuer: mod\n", "issuer: nobody\n")
    broken = run_cli("build", "--format", "pdf", "-j", "2", "--force", "--out", str(tmp_path / "two"), cwd=workspace)
    assert broken.returncode == 1
    assert "unknown organization 'nobody'" in broken.stderr
    assert "5 file(s) written" in broken.stdout  # the other memos: the symposium, the MOFA readout, the notice
    assert not list((tmp_path / "two").glob(".*.tmp"))


@pytest.mark.parametrize("method", ["forkserver", "spawn"])  # spawn: what Windows has
def test_pdf_workers_started_either_way_write_the_same_bytes(workspace, built, method):
    from briefing.build.pipeline import documents
    from briefing.build.workers import worker_pool
    from briefing.check.memos import check
    from briefing.content.workspace import Workspace
    from briefing.render.formats import render
    space = Workspace.at(workspace)
    checked = check(space, ["pko-symposium-2025"])
    document = next(document for document, _ in documents(checked.memos[0], ("ja",), checked, space))
    with worker_pool(2, ("pdf",), space.templates, method) as starting:
        starting.result().submit(render, document, "pdf", workspace / "out.pdf").result(timeout=120)
    assert (workspace / "out.pdf").read_bytes() == (built / "pko-symposium-2025.ja.pdf").read_bytes()
