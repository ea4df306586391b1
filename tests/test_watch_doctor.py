"""`briefing watch`, `briefing doctor`, and the promise that quick commands stay quick."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import run_cli, wait_until

LIGHT = "import sys; from briefing.cli import main; code = main(sys.argv[1:]); " \
        "heavy = [m for m in ('weasyprint', 'docx', 'pydantic', 'jinja2') if m in sys.modules]; " \
        "print('heavy:', heavy); sys.exit(code)"


def light_run(workspace: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LIGHT, *args], cwd=workspace, capture_output=True, text=True)


def test_quick_commands_import_no_renderer(workspace):
    for args in (["--version"], ["--help"]):
        assert "heavy: []" in light_run(workspace, *args).stdout
    for args in (["check"], ["check", "khare-visit-2025"]):
        result = light_run(workspace, *args)
        assert "weasyprint" not in result.stdout and "'docx'" not in result.stdout, (args, result.stdout)
    assert run_cli("build", "--format", "html", "--format", "pdf", cwd=workspace).returncode == 0
    result = light_run(workspace, "build", "--format", "html", "--format", "pdf")
    assert "0 file(s) written, 14 up to date" in result.stdout
    assert "heavy: []" in result.stdout  # a build with nothing to do loads neither model nor renderers


def test_watch_rebuilds_reports_recovers_and_stops(workspace):
    log = workspace / "watch.log"
    with log.open("w") as stream:
        process = subprocess.Popen([sys.executable, "-m", "briefing", "watch", "--format", "html"], cwd=workspace,
                                   stdout=stream, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_until(lambda: "watching" in log.read_text()), log.read_text()
        memo = workspace / "content" / "khare-visit-2025.yaml"
        original = memo.read_text(encoding="utf-8")
        english = workspace / "build" / "khare-visit-2025.en.html"
        japanese_before = (workspace / "build" / "khare-visit-2025.ja.html").stat().st_mtime_ns
        memo.write_text(original.replace("An overview\n", "A short overview\n"), encoding="utf-8")
        assert wait_until(lambda: "A short overview" in english.read_text(encoding="utf-8"))
        memo.write_text(original.replace("issuer: mod\n", "issuer: nope\n"), encoding="utf-8")
        assert wait_until(lambda: "unknown organization 'nope'" in log.read_text()), log.read_text()
        assert "content/khare-visit-2025.yaml:73:13: error: unknown organization 'nope'" in log.read_text()
        memo.write_text(original, encoding="utf-8")
        assert wait_until(lambda: "A short overview" not in english.read_text(encoding="utf-8"))
        assert (workspace / "build" / "khare-visit-2025.ja.html").stat().st_mtime_ns == japanese_before
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    assert code == 130
    assert "Traceback" not in log.read_text()


def test_watch_builds_saves_made_during_a_rebuild_into_an_output_folder_holding_content(workspace):
    log = workspace / "watch.log"
    with log.open("w") as stream:  # --out .: the output folder holds content/ (and is a prefix of it)
        process = subprocess.Popen([sys.executable, "-m", "briefing", "watch", "--lang", "en", "--format", "pdf",
                                    "--format", "docx", "--out", "."], cwd=workspace, stdout=stream,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        assert wait_until(lambda: "watching" in log.read_text(), timeout=120), log.read_text()
        memo = workspace / "content" / "khare-visit-2025.yaml"
        original = memo.read_text(encoding="utf-8")
        seen = log.read_text().count("khare-visit-2025.en.pdf")
        memo.write_text(original.replace("An overview\n", "A first overview\n"), encoding="utf-8")
        assert wait_until(lambda: log.read_text().count("khare-visit-2025.en.pdf") > seen, timeout=120)
        os.killpg(process.pid, signal.SIGSTOP)  # the Word file is still to come: the rebuild is under way
        try:
            memo.write_text(original.replace("An overview\n", "A second overview\n"), encoding="utf-8")
        finally:
            os.killpg(process.pid, signal.SIGCONT)
        from conftest import pdf_text
        assert wait_until(lambda: "A second overview" in pdf_text(workspace / "khare-visit-2025.en.pdf"), timeout=120)
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
    assert code == 130
    assert "Traceback" not in log.read_text()


def test_doctor_reports_the_machine(workspace):
    result = run_cli("doctor", cwd=workspace)
    assert result.returncode == 0, result.stdout
    for name in ("WeasyPrint", "Pango", "HarfBuzz subset", "fonts (PDF)", "reference.docx", "LibreOffice"):
        assert name in result.stdout
    if os.environ.get("CI") == "true":
        assert "!!" not in result.stdout, result.stdout


def test_style_edit_reaches_the_pdf_in_a_warm_process(workspace, tmp_path):
    from briefing.build.pipeline import build
    from briefing.content.workspace import Workspace
    space, memo, pdf = Workspace.at(workspace), ["khare-visit-2025"], "khare-visit-2025.en.pdf"
    build(space, memo, langs=("en",), formats=("pdf",))
    css = workspace / "templates" / "print.css"
    css.write_text(css.read_text(encoding="utf-8").replace("font-size: 11pt", "font-size: 14pt"), encoding="utf-8")
    build(space, memo, langs=("en",), formats=("pdf",))  # in the same process, as watch does
    fresh = run_cli("build", *memo, "--lang", "en", "--format", "pdf", "--out", str(tmp_path / "fresh"),
                    cwd=workspace)
    assert fresh.returncode == 0, fresh.stderr
    assert (workspace / "build" / pdf).read_bytes() == (tmp_path / "fresh" / pdf).read_bytes()
