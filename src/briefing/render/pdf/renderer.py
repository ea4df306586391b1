"""The PDF renderer: WeasyPrint with vendored fonts, a confined URL fetcher and captured warnings."""

from __future__ import annotations

import logging
import mimetypes
import os
import warnings
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefing.content.files import atomic_output
from briefing.errors import ContentError, EnvironmentProblem, Problem
from briefing.render.document import Document
from briefing.render.pdf import justify
from briefing.render.pdf.native import sonames_only
from briefing.render.photos import fitted


@contextmanager
def vendored_fonts_only():
    """Fontconfig set up meanwhile sees no font of the machine, only those print.css loads (PITFALLS §9.3).

    Restored after, so programs started later (LibreOffice in tests) see the machine's fonts as before.
    """
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(Path(__file__).with_name("fonts.conf"))
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "No fonts configured in FontConfig")  # by design: @font-face only
            yield
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before


with sonames_only(), vendored_fonts_only():
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    from briefing.render.pdf.tagging import Finisher, write_options

try:
    justify.install()  # Japanese lines justified between characters (WeasyPrint stretches only spaces)
except justify.UnsupportedWeasyPrint as error:
    raise EnvironmentProblem(str(error)) from None

log = logging.getLogger(__name__)
VIRTUAL_ROOT = "file:///briefing/"
PRINT_DPI = 150  # photos are embedded at this resolution of their printed size
LONGEST_PRINT_SIDE = 1800  # pixels: an A4 page's height at 150 dpi; WeasyPrint scales further to the print


class ConfinedFetcher(URLFetcher):
    """Serves files of the workspace under fixed URLs (file:///briefing/<folder>/…); nothing else.

    The URLs do not depend on where the workspace lies, so neither do the PDF's bytes
    (WeasyPrint names images after a hash of their URL).
    """

    def __init__(self, folders: dict[str, Path]):
        super().__init__()
        self.folders = {name: folder.resolve() for name, folder in folders.items()}

    def base_url(self, name: str) -> str:
        return f"{VIRTUAL_ROOT}{name}/"

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        name, _, relative = unquote(parts.path).removeprefix("/briefing/").partition("/")
        folder = self.folders.get(name) if parts.scheme == "file" else None
        if folder is None:
            raise FatalURLFetchingError(f"only files inside the workspace may be used, not {url}")
        path = (folder / relative).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            raise FatalURLFetchingError(f"not a file inside {folder.name}/: {relative}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = path.read_bytes()
        if content_type == "image/jpeg":  # WeasyPrint then never decodes or re-encodes megapixels
            body = fitted(body, longest=LONGEST_PRINT_SIDE)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class PdfRenderer:
    """Writes PDFs; one per process, so fonts are loaded once (PITFALLS §2.6).

    The image cache is not shared between documents: WeasyPrint keeps the first size it scaled an
    image to, which would make one PDF's bytes depend on which memos the process rendered before.
    """

    def __init__(self, templates_dir: Path):
        css_text = (templates_dir / "print.css").read_text(encoding="utf-8")
        self.templates_dir = templates_dir
        with vendored_fonts_only():
            self.font_config = FontConfiguration()
        fetcher = ConfinedFetcher({"templates": templates_dir})
        try:  # WeasyPrint copies the fonts into a temporary folder
            self.css = weasyprint.CSS(string=css_text, base_url=fetcher.base_url("templates"),
                                      font_config=self.font_config, url_fetcher=fetcher)
        except OSError as error:
            raise EnvironmentProblem(f"cannot load the fonts into the temporary folder ({error.strerror}); "
                                     "free some disk space") from None

    def render(self, document: Document, out_path: Path) -> None:
        """Write `document` as a PDF to `out_path` (atomically)."""
        collect = _Collect()
        weasy_log = logging.getLogger("weasyprint")
        weasy_log.addHandler(collect)
        user_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(document.epoch)  # for WeasyPrint's font subsetting fallback
        try:
            fetcher = ConfinedFetcher({"content": document.content_dir, "templates": self.templates_dir})
            html = weasyprint.HTML(string=document.html, base_url=fetcher.base_url("content"), url_fetcher=fetcher)
            with atomic_output(out_path) as temporary:
                html.write_pdf(temporary, stylesheets=[self.css], font_config=self.font_config,
                               cache={}, dpi=PRINT_DPI, optimize_images=True,
                               custom_metadata=True,  # a draft's <meta name="ContentStatus">: 案 / DRAFT
                               finisher=Finisher(document.pdf_standard), **write_options(document.pdf_standard))
                _raise_fatal(collect.messages, document)
        except FatalURLFetchingError as error:
            raise ContentError([Problem(document.content_dir / f"{document.memo_id}.yaml", 1, 1,
                                        f"PDF could not load a file: {error}")]) from None
        finally:
            weasy_log.removeHandler(collect)
            if user_epoch is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = user_epoch
        for message in collect.messages:
            if ".notdef glyph" in message:  # `check` already named the character and its position
                continue
            log.warning("%s.%s.pdf: %s", document.memo_id, document.lang, message)


def _raise_fatal(messages: list[str], document: Document) -> None:
    """Missing glyphs or fonts make a wrong PDF: stop before it replaces the previous one."""
    for message in messages:
        if "cannot be loaded" in message and "Font-face" in message:
            raise EnvironmentProblem(f"{message}; restore templates/fonts/ from the repository")
