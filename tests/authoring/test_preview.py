"""The preview server over plain HTTP: what it serves, what it refuses, live events and a clean stop."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from conftest import run_cli

from briefing.authoring.preview import PreviewServer
from briefing.content.workspace import Workspace


@pytest.fixture
def preview(workspace):
    server = PreviewServer(Workspace.at(workspace), port=0).start()
    yield server
    server.close()


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, str, bytes]:
    """Status, content type and body of GET `path`, sent exactly as written (no normalising)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{server.server_address[1]}")
    connection.endheaders()
    response = connection.getresponse()
    try:
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def test_serves_memos_with_the_print_stylesheet_fonts_and_images(preview):
    status, _, index = get(preview, "/")
    assert status == 200 and b'href="/memo/khare-visit-2025"' in index
    status, _, page = get(preview, "/memo/pko-symposium-2025")
    assert status == 200 and b'src="/content/pko-symposium-2025.ja.html"' in page
    status, kind, memo = get(preview, "/content/pko-symposium-2025.en.html")
    assert status == 200 and kind.startswith("text/html")
    assert b'<link rel="stylesheet" href="/templates/print.css">' in memo and b'class="memo-title"' in memo
    assert get(preview, "/templates/print.css")[2] == (preview.workspace.templates / "print.css").read_bytes()
    assert get(preview, "/templates/fonts/BIZUDMincho-Regular.ttf")[0] == 200
    status, kind, image = get(preview, "/content/assets/pko-symposium-2025/flyer.jpg")
    assert status == 200 and kind == "image/jpeg" and image.startswith(b"\xff\xd8")


@pytest.mark.parametrize("path", [
    "/content/../../../../etc/passwd", "/content/%2e%2e/%2e%2e/etc/hostname.png", "/content//etc/passwd.png",
    "/content/assets/../../templates/print.css", "/templates/../content/khare-visit-2025.yaml",
    "/templates/strings/ja.yaml", "/templates/readout.html.j2", "/content/khare-visit-2025.yaml",
    "/content/_registry/people.yaml", "/content/../secret.png", "/templates/fonts/../../secret.png",
    "/content/..%2fsecret.png", "/content/assets%5c..%5c..%5csecret.png", "/content/c:/secret.png",
    "/memo/../content", "/status/..%2f..%2fsecret", "/content/..%2f..%2fsecret.en.html", "/etc/passwd",
])
def test_serves_nothing_outside_the_workspace(preview, path):
    (preview.workspace.root.parent / "secret.png").write_bytes(b"\x89PNG secret")
    status, _, body = get(preview, path)
    assert status == 404 and b"secret" not in body and b"root:" not in body


def test_symlinks_do_not_escape(preview, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG outside")
    (preview.workspace.content / "assets" / "escape.png").symlink_to(outside)
    (preview.workspace.content / "assets" / "dir").symlink_to(tmp_path, target_is_directory=True)
    assert get(preview, "/content/assets/escape.png")[0] == 404
    assert get(preview, "/content/assets/dir/outside.png")[0] == 404


def test_answers_only_to_its_own_host_name(preview):
    assert get(preview, "/", host="attacker.example:80")[0] == 403
    assert get(preview, "/", host=f"localhost:{preview.server_address[1]}")[0] == 200


def test_a_problem_shows_with_its_line_and_the_preview_recovers(preview):
    memo = preview.workspace.content / "khare-visit-2025.yaml"
    good = memo.read_text(encoding="utf-8")
    memo.write_text(good.replace("issuer: mod\n", "issuer: mdo\n"), encoding="utf-8")
    preview.changes.bump()  # what the watcher does on a save; the watcher itself is tested below
    status = json.loads(get(preview, "/status/khare-visit-2025")[2])
    line = next(n for n, text in enumerate(good.splitlines(), 1) if text.strip() == "issuer: mod")
    assert status["problems"][0]["text"].startswith(
        f"content/khare-visit-2025.yaml:{line}:13: error: unknown organization")
    assert status["problems"][0]["source_line"].strip() == "issuer: mdo"
    code, _, page = get(preview, "/content/khare-visit-2025.ja.html")
    assert code == 422 and f"khare-visit-2025.yaml:{line}:13".encode() in page
    memo.write_text(good, encoding="utf-8")
    preview.changes.bump()
    assert json.loads(get(preview, "/status/khare-visit-2025")[2])["problems"] == []


def test_a_save_sends_one_event_within_a_second(preview):
    connection = http.client.HTTPConnection("127.0.0.1", preview.server_address[1], timeout=10)
    connection.request("GET", "/events")
    stream = connection.getresponse()
    assert stream.getheader("Content-Type").startswith("text/event-stream")
    assert stream.readline() == b"retry: 1000\n"
    first = stream.readline()
    assert first.startswith(b"data: ") and stream.readline() == b"\n"
    time.sleep(0.5)  # the watcher is running
    saved = time.monotonic()
    memo = preview.workspace.content / "khare-visit-2025.yaml"
    memo.write_text(memo.read_text(encoding="utf-8").replace("公表済み", "取扱注意"), encoding="utf-8")
    second = stream.readline()
    assert second.startswith(b"data: ") and second != first
    assert time.monotonic() - saved < 1.0
    connection.close()


def test_close_leaves_no_thread_and_frees_the_port(workspace):
    before = set(threading.enumerate())
    server = PreviewServer(Workspace.at(workspace), port=0).start()
    port = server.server_address[1]
    events = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    events.request("GET", "/events")
    events.getresponse().readline()  # a browser tab is following the saves
    time.sleep(0.2)
    server.close()
    events.close()
    assert set(threading.enumerate()) - before == set()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_ctrl_c_stops_the_command_with_exit_130(workspace):
    process = subprocess.Popen([sys.executable, "-m", "briefing", "preview", "--port", "0"], cwd=workspace,
                               stderr=subprocess.PIPE, text=True)
    try:
        announced = process.stderr.readline()
        assert announced.startswith("preview: http://127.0.0.1:"), announced
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", announced)[1])
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        events.request("GET", "/events")
        events.getresponse().readline()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 130
        rest = process.stderr.read()
        assert "interrupted" in rest and "Traceback" not in rest
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2)
    finally:
        if process.poll() is None:
            process.kill()


def test_preview_of_an_unknown_memo_is_a_usage_error(workspace):
    result = run_cli("preview", "no-such-memo", "--port", "0", cwd=workspace)
    assert result.returncode == 2 and "no memo file 'no-such-memo'" in result.stderr


def test_new_memo_shows_in_the_index_and_its_viewer(workspace):
    assert run_cli("new", "readout", "test-memo", cwd=workspace).returncode == 0
    server = PreviewServer(Workspace.at(workspace), port=0).start()
    try:
        assert b"/memo/test-memo" in get(server, "/")[2]
        assert "（ここに表題を書く）".encode() in get(server, "/content/test-memo.ja.html")[2]
    finally:
        server.close()
    assert os.path.exists(workspace / "content" / "_schema" / "memo.schema.json")


def test_a_mistake_in_one_language_leaves_the_other_shown(preview):
    memo = preview.workspace.content / "khare-visit-2025.yaml"
    memo.write_text(memo.read_text(encoding="utf-8").replace("  en: Visit to Japan by Mr. Atul Khare", "  en: ''\n  #"),
                    encoding="utf-8")
    preview.changes.bump()
    status = json.loads(get(preview, "/status/khare-visit-2025")[2])
    assert status["languages"] == ["ja"] and "English text is empty" in status["problems"][0]["text"]
    assert get(preview, "/content/khare-visit-2025.ja.html")[0] == 200
    assert get(preview, "/content/khare-visit-2025.en.html")[0] == 422


def test_a_host_without_port_is_the_preview_and_a_vanished_client_no_traceback(workspace):
    process = subprocess.Popen([sys.executable, "-m", "briefing", "preview", "--port", "0"], cwd=workspace,
                               stderr=subprocess.PIPE, text=True)
    trickling = threading.Event()
    try:
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", process.stderr.readline())[1])
        server = type("Address", (), {"server_address": ("127.0.0.1", port)})
        for host in ("127.0.0.1", "localhost", f"localhost:{port}"):
            assert get(server, "/", host=host)[0] == 200
        assert get(server, "/", host="127.0.0.1.attacker.example")[0] == 403
        for _ in range(5):  # clients that leave before the answer is sent (a big font file)
            client = socket.create_connection(("127.0.0.1", port), timeout=10)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            client.sendall(f"GET /templates/fonts/BIZUDMincho-Regular.ttf HTTP/1.1\r\nHost: 127.0.0.1:{port}"
                           "\r\n\r\n".encode())
            client.close()  # with a reset

        def trickle() -> None:  # a client sending its headers a byte at a time, never finishing
            slow = socket.create_connection(("127.0.0.1", port), timeout=10)
            slow.sendall(b"GET / HTTP/1.1\r\n")
            trickling.set()
            while process.poll() is None:
                try:
                    slow.sendall(b"X")
                except OSError:
                    return
                time.sleep(0.3)
        threading.Thread(target=trickle, daemon=True).start()
        assert trickling.wait(10)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 130  # the trickling client does not hold the process
        rest = process.stderr.read()
        assert "Traceback" not in rest and "interrupted" in rest
    finally:
        if process.poll() is None:
            process.kill()


def test_a_port_in_use_or_out_of_range_is_a_usage_error(workspace):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("preview", "--port", str(taken.getsockname()[1]), cwd=workspace)
    assert result.returncode == 2 and "cannot serve on port" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("preview", "--port", "99999", cwd=workspace)
    assert result.returncode == 2 and "not a port" in result.stderr
