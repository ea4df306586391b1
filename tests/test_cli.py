"""The command line as a user meets it: outputs, exit codes and plain messages."""

import subprocess
import sys

from conftest import run_cli


def test_version_and_help(tmp_path):
    assert run_cli("--version", cwd=tmp_path).stdout.startswith("briefing ")
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0 and "build" in result.stdout and "check" in result.stdout


def test_outside_a_workspace_is_a_usage_error(tmp_path):
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "has no content/ folder" in result.stderr and "Traceback" not in result.stderr


def test_unknown_memo_and_bad_option(workspace):
    result = run_cli("build", "no-such-memo", cwd=workspace)
    assert result.returncode == 2 and "no memo file 'no-such-memo'" in result.stderr
    assert run_cli("build", "--format", "odt", cwd=workspace).returncode == 2


def test_html_only_one_language_into_another_folder(workspace, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "khare-visit-2025", "--lang", "en", "--format", "html", "--out", str(out),
                     cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["khare-visit-2025.en.html"]
    assert not (workspace / "build").exists()


def test_root_option(workspace, tmp_path):
    result = run_cli("check", "--root", str(workspace), cwd=tmp_path)
    assert result.returncode == 0 and "4 memo(s) checked: 0 error(s), 0 warning(s)" in result.stdout


def test_broken_memo_keeps_old_outputs_and_others_build(workspace):
    assert run_cli("build", "--format", "html", cwd=workspace).returncode == 0
    old = (workspace / "build" / "khare-visit-2025.ja.html").read_bytes()
    memo = workspace / "content" / "khare-visit-2025.yaml"
    memo.write_text(memo.read_text(encoding="utf-8").replace("issuer: mod\n", "issuer: mdo\n"), encoding="utf-8")
    other = workspace / "content" / "pko-symposium-2025.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("約120名", "約130名"), encoding="utf-8")
    result = run_cli("build", "--format", "html", cwd=workspace)
    assert result.returncode == 1
    assert "content/khare-visit-2025.yaml:73:13: error: unknown organization 'mdo'; did you mean 'mod'?" \
        in result.stderr
    assert "    issuer: mdo\n" in result.stderr and "Traceback" not in result.stderr
    assert (workspace / "build" / "khare-visit-2025.ja.html").read_bytes() == old
    assert "約130名" in (workspace / "build" / "pko-symposium-2025.ja.html").read_text(encoding="utf-8")
    assert not list((workspace / "build").glob(".*.tmp"))


def test_missing_font_is_an_environment_error(workspace):
    (workspace / "templates" / "fonts" / "BIZUDMincho-Regular.ttf").unlink()
    result = run_cli("build", "--format", "pdf", cwd=workspace)
    assert result.returncode == 2
    assert "BIZUDMincho-Regular.ttf is missing; restore it from the repository" in result.stderr


def test_template_error_names_the_template(workspace):
    template = workspace / "templates" / "readout.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{% block body %}{{ memo.no_such }}{% endblock %}\n",
                        encoding="utf-8")
    result = run_cli("build", "khare-visit-2025", "--format", "html", cwd=workspace)
    assert result.returncode == 1
    assert "templates/readout.html.j2:3:1: error: template error:" in result.stderr and "no_such" in result.stderr


def test_reader_leaving_stops_the_build_quietly(workspace):
    process = subprocess.Popen([sys.executable, "-m", "briefing", "build", "--format", "html"], cwd=workspace,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # as `briefing build | head -0` does
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert error == ""
    assert not [p.name for p in (workspace / "build").iterdir() if p.name.endswith(".tmp")]
