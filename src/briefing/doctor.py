"""`briefing doctor`: what this machine has for building memos, and how to get what is missing."""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

from briefing import __version__
from briefing.content.workspace import Workspace


def diagnose(workspace: Workspace | None) -> tuple[list[tuple[str, str, bool]], bool]:
    """Rows of (what, finding, fine) and whether a build can run at all."""
    rows = [("briefing", __version__, True), ("Python", platform.python_version(), sys.version_info >= (3, 10))]
    essential = True
    try:
        from briefing.render.pdf.native import sonames_only
        with sonames_only():
            import weasyprint
            from weasyprint.text.ffi import harfbuzz_subset, pango
        number = pango.pango_version()  # e.g. 15012 for 1.50.12
        pango_version = f"{number // 10000}.{number // 100 % 100}.{number % 100}"
        rows += [("WeasyPrint", weasyprint.__version__, True), ("Pango", pango_version, True)]
        rows.append(("HarfBuzz subset", "found" if harfbuzz_subset is not None else
                     "missing: fonts are subset several times slower and PDF bytes may vary; install "
                     "libharfbuzz-subset0 (Debian/Ubuntu) or harfbuzz (Homebrew)", harfbuzz_subset is not None))
    except (ImportError, OSError) as error:
        essential = False
        rows.append(("WeasyPrint/Pango", f"cannot load: {error}; install Pango (libpango-1.0-0 on Debian/Ubuntu, "
                                         "brew install pango on macOS)", False))
    try:
        import docx
        rows.append(("python-docx", docx.__version__ if hasattr(docx, "__version__") else "found", True))
    except ImportError as error:
        essential = False
        rows.append(("python-docx", f"cannot load: {error}", False))
    if workspace is not None:
        fonts = sorted((workspace.templates / "fonts").glob("*.ttf"))
        rows.append(("fonts (PDF)", ", ".join(f.name for f in fonts) or f"none in {workspace.templates / 'fonts'}",
                     bool(fonts)))
        essential &= bool(fonts)
        rows.append(("reference.docx", str(workspace.templates / "reference.docx"),
                     (workspace.templates / "reference.docx").is_file()))
    rows.append(_system_fonts())
    rows.append(_libreoffice())
    return rows, essential


def _system_fonts() -> tuple[str, str, bool]:
    """Whether the fonts the Word files name are installed (for LibreOffice; Word on Windows has them)."""
    if not shutil.which("fc-list"):
        return "fonts (Word)", "fc-list not found; cannot tell", True
    listing = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    wanted = ("BIZ UDMincho", "BIZ UDGothic")
    missing = [name for name in wanted if name not in listing]
    if missing:
        return "fonts (Word)", f"missing {', '.join(missing)}: LibreOffice will substitute; install " \
                               "fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic", False
    return "fonts (Word)", ", ".join(wanted) + " installed", True


def _libreoffice() -> tuple[str, str, bool]:
    """LibreOffice converts Word files in tests; optional for building."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "LibreOffice", "not found (only the tests need it: apt-get install libreoffice-writer)", True
    try:
        version = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        version = "found"
    return "LibreOffice", version or str(Path(soffice)), True
