"""Builds that are edited under, killed, run twice at once, or handed a damaged cache."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import edit, pdf_text, run_cli, wait_until

PKO = "content/pko-symposium-2025.yaml"


def start_build(workspace: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    """`briefing build ARGS` in its own process group, its progress lines readable as they come."""
    return subprocess.Popen([sys.executable, "-m", "briefing", "build", *args], cwd=workspace,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, **(env or {})})


def living_members(group: int) -> list[int]:
    """Processes of a process group that are alive (zombies waiting for init do not count)."""
    members = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(entry.name))
    return members


@pytest.mark.parametrize("saved", ["text", "photo"])
def test_a_save_during_the_build_is_built_by_the_next_build(workspace, saved):
    process = start_build(workspace, "-j", "1", "--format", "pdf")
    assert process.stdout.readline().startswith("build/")  # every memo has been read: rendering is under way
    os.killpg(process.pid, signal.SIGSTOP)  # hold the build here, as a slow memo would
    try:
        if saved == "text":
            edit(workspace / PKO, "Panel discussion (2)", "Panel discussion saved late")
        else:  # a photo of the memo replaced
            photos = workspace / "content" / "assets" / "pko-symposium-2025"
            (photos / "photo-1.jpg").write_bytes((photos / "photo-2.jpg").read_bytes())
    finally:
        os.killpg(process.pid, signal.SIGCONT)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    again = run_cli("build", "-j", "1", "--format", "pdf", cwd=workspace)
    assert again.returncode == 0, again.stderr
    rebuilt = {line for line in again.stdout.splitlines() if line.startswith("build/")}
    if saved == "text":
        assert rebuilt == {"build/pko-symposium-2025.en.pdf"}
        assert "saved late" in pdf_text(workspace / "build" / "pko-symposium-2025.en.pdf")
    else:
        assert rebuilt == {"build/pko-symposium-2025.ja.pdf", "build/pko-symposium-2025.en.pdf"}
    assert run_cli("build", "-j", "1", "--format", "pdf", cwd=workspace).stdout.startswith("0 file(s) written")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_leaves_no_process_and_no_temporary_file(workspace, sig):
    for number in range(6):
        (workspace / "content" / f"copy-{number}.yaml").write_text((workspace / PKO).read_text(encoding="utf-8"),
                                                                    encoding="utf-8")
    temporary = workspace / "tmp"
    temporary.mkdir()
    process = start_build(workspace, "-j", "2", "--format", "pdf", "--format", "docx", env={"TMPDIR": str(temporary)})
    assert process.stdout.readline().startswith("build/")  # workers are up
    assert wait_until(lambda: len(living_members(process.pid)) >= 3)  # the build, its forkserver, workers
    os.kill(process.pid, sig)  # to the build only, as `kill` or a CI runner's timeout would
    out, err = process.communicate(timeout=60)  # returns only once no process holds its stdout or stderr
    assert process.returncode == (143 if sig == signal.SIGTERM else -9), err
    assert "Traceback" not in err
    assert wait_until(lambda: not living_members(process.pid), timeout=30)
    if sig == signal.SIGTERM:
        assert "interrupted" in err
        assert list(temporary.iterdir()) == []  # the fonts' copies are deleted, as after Ctrl-C
    (workspace / "build" / ".copy-0.ja.pdf.x1y2z3.tmp").write_bytes(b"%PDF-1.7 half")  # as a kill mid-write leaves
    result = run_cli("build", "-j", "1", "--format", "pdf", "--format", "docx", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (workspace / "build").iterdir() if p.name.endswith(".tmp")] == []


def test_two_builds_of_one_folder_take_turns(workspace):
    first = start_build(workspace, "-j", "1", "--format", "pdf")
    assert first.stdout.readline().startswith("build/")  # the first holds the folder
    second = start_build(workspace, "-j", "1", "--format", "pdf")
    assert wait_until(lambda: "waiting for another build" in second.stderr.readline() or second.poll() is not None)
    assert second.poll() is None  # it waits rather than writing the cache at the same time
    assert first.wait(timeout=300) == 0
    pdfs = len(list((workspace / "build").glob("*.pdf")))  # what the first wrote: one per memo and language
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert pdfs > 1 and out.strip() == f"0 file(s) written, {pdfs} up to date"
    assert run_cli("build", "-j", "1", "--format", "pdf", cwd=workspace).stdout.strip() == \
        f"0 file(s) written, {pdfs} up to date"


@pytest.mark.parametrize("damage", ["[]", "null", '{"version": "%s", "format": 2, "files": [], "outputs": [], '
                                                  '"memos": [], "globals": {}}', '{"files": {"a": 1}}', "{", "\x00"])
def test_a_damaged_cache_is_a_cache_to_rebuild(workspace, damage):
    from briefing import __version__
    first = run_cli("build", "--format", "html", cwd=workspace)
    assert first.returncode == 0
    pages = len(list((workspace / "build").glob("*.html")))  # one per memo and language
    (workspace / "build" / ".briefing-cache.json").write_text(damage.replace("%s", __version__), encoding="utf-8")
    result = run_cli("build", "--format", "html", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"{pages} up to date") or "file(s) written" in result.stdout
    assert run_cli("build", "--format", "html", cwd=workspace).stdout.strip() == f"0 file(s) written, {pages} up to date"
