"""Bad input, faults and hostile content: clear messages, exit codes, nothing lost, nothing let in."""

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import edit, run_cli
from PIL import Image
from weasyprint.urls import FatalURLFetchingError

from briefing.render.pdf.renderer import ConfinedFetcher

KHARE = "content/khare-visit-2025.yaml"


def test_control_characters_are_reported(workspace):
    edit(workspace / KHARE, "An overview\n", "An over\x0bview\n")
    result = run_cli("check", cwd=workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: control character U+000B in the text (often pasted from e-mail or a web page); delete it" \
        in result.stderr


def test_oversized_file_is_refused_quickly(workspace):
    huge = workspace / "content" / "huge.yaml"
    huge.write_text("title: " + "x" * 2_000_000, encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", "huge", cwd=workspace)
    assert result.returncode == 1 and time.monotonic() - started < 10
    assert "content/huge.yaml:1:1: error: file is larger than 1,000,000 bytes" in result.stderr


def test_images_that_are_too_large_fake_or_outside(workspace):
    assets = workspace / "content" / "assets"
    Image.new("L", (8000, 6000)).save(assets / "big.png")  # small file, 48 million pixels
    (assets / "fake.png").write_text("<svg onload=alert(1)>", encoding="utf-8")
    (assets / "escape.png").symlink_to("/etc/hostname")
    photo = (assets / "pko-symposium-2025" / "photo-1.jpg").read_bytes()
    (assets / "cut.jpg").write_bytes(photo[:len(photo) // 2])  # a copy that stopped halfway
    memo = workspace / "content" / "images.yaml"
    memo.write_text("""\
type: readout
date: 2025-07-04
issuer: mod
title: {ja: 画像, en: Images}
body:
  - figure: assets/big.png
    caption: {ja: 大, en: Big}
  - figure: assets/fake.png
    caption: {ja: 偽, en: Fake}
  - figure: assets/escape.png
    caption: {ja: 外, en: Outside}
  - figure: /etc/hostname
    caption: {ja: 外, en: Outside}
  - figure: assets/cut.jpg
    caption: {ja: 欠, en: Cut}
""", encoding="utf-8")
    result = run_cli("check", "images", cwd=workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for expected in ("images.yaml:6:13: error: image is 8000×6000 pixels; at most 40 million pixels",
                     "images.yaml:8:13: error: not a readable PNG or JPEG image",
                     "images.yaml:10:13: error: an image must be a path inside content/",
                     "images.yaml:12:13: error: an image must be a path inside content/",
                     "images.yaml:14:13: error: the image file is damaged or incomplete; copy or save it again"):
        assert expected in result.stderr


def test_markup_in_text_stays_text(workspace):
    edit(workspace / KHARE, "ja: このほか、双方は", "ja: <script>alert('x')</script><b>太字</b>&amp;このほか、双方は")
    edit(workspace / KHARE, "en: The two sides", "en: <img src=x onerror=alert(1)> <style>body{display:none}</style>The two sides")
    run_cli("check", "--accept", cwd=workspace)
    result = run_cli("build", "khare-visit-2025", "--format", "html", "--format", "pdf", "--format", "docx",
                     cwd=workspace)
    assert result.returncode == 0, result.stderr
    html = (workspace / "build" / "khare-visit-2025.ja.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;太字&lt;/b&gt;&amp;amp;このほか" in html
    import docx
    from pypdf import PdfReader
    for lang, literal in (("ja", "<script>alert('x')</script><b>太字</b>&amp;このほか"),
                          ("en", "<img src=x onerror=alert(1)> <style>body{display:none}</style>The two sides")):
        pdf_text = "".join(p.extract_text() for p in PdfReader(workspace / "build" / f"khare-visit-2025.{lang}.pdf").pages)
        word_text = "\n".join(p.text for p in docx.Document(str(workspace / "build" / f"khare-visit-2025.{lang}.docx")).paragraphs)
        squeeze = lambda text: "".join(text.split())  # noqa: E731
        assert squeeze(literal) in squeeze(pdf_text) and squeeze(literal) in squeeze(word_text)


def test_the_pdf_fetcher_reads_only_the_workspace(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.png").write_bytes(b"\x89PNG")
    fetcher = ConfinedFetcher({"content": content})
    assert fetcher.fetch("file:///briefing/content/a.png").read() == b"\x89PNG"
    for url in ("http://127.0.0.1:9/x.png", "https://example.org/x.png", "file:///etc/passwd",
                "file:///briefing/content/../../etc/passwd", "file:///briefing/content/%2e%2e/%2e%2e/etc/passwd",
                "file:///briefing/templates/print.css", "ftp://example.org/x"):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)


def test_unwritable_output_folder_is_an_environment_error(workspace, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    for jobs in ("1", "2"):
        result = run_cli("build", "--format", "pdf", "-j", jobs, "--out", str(blocker / "out"), cwd=workspace)
        assert result.returncode == 2, result.stderr
        assert "cannot write to" in result.stderr and "Traceback" not in result.stderr


def test_disk_full_keeps_the_previous_outputs(workspace):
    assert run_cli("build", "--format", "pdf", cwd=workspace).returncode == 0
    before = {p.name: p.read_bytes() for p in (workspace / "build").glob("*.pdf")}
    edit(workspace / KHARE, "An overview\n", "A summary\n")

    full_disk = (  # fonts loaded first; then the system refuses every write past 8 KB (EFBIG), as a full disk would
        "import resource, signal, sys; from pathlib import Path; from briefing.render.formats import warm_up; "
        "warm_up(Path('templates').resolve()); signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (8000, 8000)); from briefing.cli import main; "
        "sys.exit(main(['build', '--format', 'pdf', '-j', '1']))")
    result = subprocess.run([sys.executable, "-c", full_disk], cwd=workspace, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 2, result.stderr
    assert "cannot write" in result.stderr and "the previous file is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in (workspace / "build").glob("*.pdf")} == before
    assert not list((workspace / "build").glob(".*.tmp"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_in_a_batch(workspace, jobs):
    for number in range(24):  # dozens of PDFs left when the first is done, however slowly this test reads
        memo = (workspace / "content" / "pko-symposium-2025.yaml").read_text(encoding="utf-8")
        (workspace / "content" / f"copy-{number}.yaml").write_text(memo, encoding="utf-8")
    temporary = workspace / "tmp"
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "briefing", "build", "-j", jobs, "--format", "pdf"],
                               cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, env={**os.environ, "TMPDIR": str(temporary)})
    assert process.stdout.readline().startswith("build/")  # one output is done: the batch is under way
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground group
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    leftovers = [p.name for p in (workspace / "build").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert list(temporary.iterdir()) == []  # WeasyPrint's copies of the fonts are deleted too


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_no_temporary_files_left(workspace, jobs):
    temporary = workspace / "tmp"
    temporary.mkdir()
    result = subprocess.run([sys.executable, "-m", "briefing", "build", "-j", jobs], cwd=workspace,
                            capture_output=True, text=True, env={**os.environ, "TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    assert len(list((workspace / "build").glob("*.pdf"))) == 7  # four memos, one of them in Japanese only
    assert list(temporary.iterdir()) == []
