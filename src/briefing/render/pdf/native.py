"""Loading WeasyPrint's C libraries (Pango, HarfBuzz, fontconfig) quickly."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

SONAMES = ("libgobject-2.0.so.0", "libpango-1.0.so.0", "libharfbuzz.so.0", "libharfbuzz-subset.so.0",
           "libfontconfig.so.1", "libpangoft2-1.0.so.0")  # names WeasyPrint also tries


@contextmanager
def sonames_only() -> Iterator[None]:
    """While importing WeasyPrint on Linux, let the dynamic loader find its libraries by soname alone.

    WeasyPrint tries several names per library, Windows names first, and for each miss cffi runs
    `ctypes.util.find_library`, which starts `ldconfig -p`, gcc and ld: 54 processes, about 0.14 s
    of every start. When the loader finds every library under its soname, the search is skipped and
    the same files load; otherwise (an unusual setup) WeasyPrint searches as usual.
    """
    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules or not _loadable(SONAMES):
        yield
        return
    import ctypes.util
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _loadable(sonames: tuple[str, ...]) -> bool:
    """Whether the dynamic loader finds every one of these libraries (which then stay loaded)."""
    import ctypes
    try:
        for soname in sonames:
            ctypes.CDLL(soname)
    except OSError:
        return False
    return True
