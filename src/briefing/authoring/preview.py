"""`briefing preview`: memos in the browser as they will print, refreshed live on every save."""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from briefing.authoring.preview_memos import Changes, Memos
from briefing.authoring.preview_page import SCREEN_CSS, index_page, message_page, viewer_page
from briefing.content.model import LANGUAGES
from briefing.content.workspace import Workspace
from briefing.errors import QUOTE_WIDTH, UsageError

log = logging.getLogger(__name__)
HOST = "127.0.0.1"
DEFAULT_PORT = 8471
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
KEEPALIVE_SECONDS = 15
CLOSE_WAIT_SECONDS = 2


def confined(folder: Path, relative: str) -> Path | None:
    """The file at `relative` inside `folder`, or None for anything that would leave it."""
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or ".." in parts or any(c in relative for c in "\\:\0"):
        return None
    root = folder.resolve()
    path = (root / relative).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


class PreviewServer(ThreadingHTTPServer):
    """The preview's web server, bound to 127.0.0.1, with a thread watching content/ and templates/."""

    daemon_threads = True  # a client trickling its request never keeps the process alive after Ctrl-C

    def __init__(self, workspace: Workspace, port: int | None = None):
        try:
            super().__init__((HOST, DEFAULT_PORT if port is None else port), PreviewHandler)
        except OSError as error:
            if port is not None:
                raise UsageError(f"cannot serve on port {port} ({error.strerror}); give another --port, "
                                 "or leave it out for a free one") from None
            super().__init__((HOST, 0), PreviewHandler)  # the usual port is taken: any free one
        self.workspace = workspace
        self.changes = Changes()
        self.memos = Memos(workspace, self.changes)
        self.stop_watching = threading.Event()
        self.watcher = threading.Thread(target=self._watch, name="briefing-preview-watch", daemon=True)
        self.serving: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def start(self) -> PreviewServer:
        """Serve and watch in background threads (for tests and embedding)."""
        self.watcher.start()
        self.serving = threading.Thread(target=self.serve_forever, args=(0.1,), name="briefing-preview-serve",
                                        daemon=True)
        self.serving.start()
        return self

    def run(self) -> None:
        """Serve in this thread until Ctrl-C, then close everything."""
        self.watcher.start()
        try:
            self.serve_forever()
        finally:
            self.close()

    def close(self) -> None:
        """Stop watching and serving, end every open event stream and release the port."""
        self.stop_watching.set()
        self.changes.stop()
        if self.serving is not None:
            self.shutdown()
            self.serving.join()
        self.server_close()
        if self.watcher.is_alive():
            self.watcher.join(timeout=5)

    def server_close(self) -> None:
        """Release the port; wait a moment for requests under way, never for a client that trickles."""
        import socketserver
        import time

        socketserver.TCPServer.server_close(self)  # not ThreadingMixIn's: it waits for every client
        deadline = time.monotonic() + CLOSE_WAIT_SECONDS
        threads = getattr(self, "_threads", None)
        for thread in list(threads) if isinstance(threads, list) else []:
            thread.join(max(0.0, deadline - time.monotonic()))

    def handle_error(self, request, client_address) -> None:
        """A client that went away is no error worth a traceback; anything else is logged in a line."""
        import sys

        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            log.warning("preview: a request failed: %s: %s", type(error).__name__, error)

    def _watch(self) -> None:
        import watchfiles

        folders = [self.workspace.content, self.workspace.templates]
        try:
            for changes in watchfiles.watch(*folders, stop_event=self.stop_watching, debounce=400, step=50,
                                            raise_interrupt=False):
                log.debug("changed: %s", sorted(path for _, path in changes))
                self.changes.bump()
        except Exception as error:  # noqa: BLE001  (the preview still serves; it only stops following saves)
            log.warning("preview: cannot watch %s for changes (%s); reload the page by hand", folders, error)


class PreviewHandler(BaseHTTPRequestHandler):
    """Routes: /, /memo/ID, /status/ID, /events, /content/ID.LANG.html, /content/IMAGE, /templates/CSS-OR-FONT."""

    server: PreviewServer
    timeout = 10  # an idle connection does not hold a thread for long
    server_version = "briefing-preview"

    def do_GET(self) -> None:
        host = self.headers.get("Host", "")
        if (host.rpartition(":")[0] if ":" in host else host) not in (HOST, "localhost"):
            return self._send(403, "text/plain", b"the preview answers only to 127.0.0.1")
        path = unquote(urlsplit(self.path).path)
        memos, version = self.server.memos, self.server.changes.version
        if path == "/":
            return self._send(200, "text/html", index_page(memos.listing(), version))
        if path == "/events":
            return self._events()
        if path == "/_preview/screen.css":
            return self._send(200, "text/css", SCREEN_CSS)
        head, _, rest = path.lstrip("/").partition("/")
        if head == "memo" and rest in memos.ids():
            return self._send(200, "text/html", viewer_page(rest, version))
        if head == "status" and rest in memos.ids():
            rendered = memos.rendered(rest)
            status = {"languages": list(rendered.html),
                      "problems": [{"text": memos.shown(p), "line": p.line, "column": p.column,
                                    "message": p.message, "source_line": p.source_line[:QUOTE_WIDTH]}
                                   for p in rendered.problems]}
            return self._send(200, "application/json", json.dumps(status, ensure_ascii=False))
        if head == "content" and rest.endswith(".html"):
            return self._memo_html(rest.removesuffix(".html"))
        if head == "content" and rest.lower().endswith(IMAGE_SUFFIXES):
            return self._file(confined(self.server.workspace.content, rest))
        if head == "templates" and (rest == "print.css" or (rest.startswith("fonts/")
                                                            and rest.lower().endswith(FONT_SUFFIXES))):
            return self._file(confined(self.server.workspace.templates, rest))
        return self._send(404, "text/plain", b"not found")

    def _memo_html(self, name: str) -> None:
        memo_id, _, lang = name.rpartition(".")
        if memo_id not in self.server.memos.ids() or lang not in LANGUAGES:
            return self._send(404, "text/plain", b"not found")
        rendered = self.server.memos.rendered(memo_id)
        if lang in rendered.html:
            return self._send(200, "text/html", rendered.html[lang])
        if rendered.problems:
            shown = [self.server.memos.shown(p) for p in rendered.problems]
            return self._send(422, "text/html", message_page(lang, "内容に誤りがあります / Problems", shown))
        return self._send(200, "text/html", message_page(lang, f"({lang}: この言語の版はありません / "
                                                                   "not written in this language)", []))

    def _events(self) -> None:
        """Server-sent events: the workspace's version now and after every change; a comment now and then."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        changes = self.server.changes
        seen = changes.version
        try:
            self.wfile.write(f"retry: 1000\ndata: {seen}\n\n".encode())
            while (version := changes.wait(seen, KEEPALIVE_SECONDS)) is not None:
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": still here\n\n")
                seen = version
        except OSError:
            pass  # the browser went away

    def _file(self, path: Path | None) -> None:
        if path is None:
            return self._send(404, "text/plain", b"not found")
        self._send(200, mimetypes.guess_type(path.name)[0] or "application/octet-stream", path.read_bytes())

    def _send(self, status: int, content_type: str, body: str | bytes) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        charset = "; charset=utf-8" if content_type.startswith("text/") or content_type.endswith("json") else ""
        self.send_header("Content-Type", content_type + charset)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002  (the base class's name)
        log.debug("preview: " + format, *args)


def serve(workspace: Workspace, memo_ids: list[str], port: int | None = None) -> None:
    """Run the preview until Ctrl-C (which propagates as KeyboardInterrupt once all is closed)."""
    from briefing.content.workspace import select_memos

    first = select_memos(workspace, memo_ids)[0].stem if memo_ids else ""
    server = PreviewServer(workspace, port)
    log.info("preview: %s%s  (Ctrl-C to stop / 終了は Ctrl-C)", server.url, quote(f"memo/{first}") if first else "")
    server.run()
