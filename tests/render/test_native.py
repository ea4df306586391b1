"""WeasyPrint's C libraries load by soname, without ctypes' library search, and are the same files."""

import subprocess
import sys

import pytest

REPORT = """
import subprocess
started = []
popen = subprocess.Popen.__init__
def spy(self, args, *rest, **options):
    started.append(args)
    popen(self, args, *rest, **options)
subprocess.Popen.__init__ = spy
import {module}
libraries = sorted({{line.split()[-1] for line in open("/proc/self/maps")
                     if any(name in line for name in ("libpango", "libharfbuzz", "libfontconfig", "libgobject"))}})
print(len(started))
print(*libraries)
"""


def loaded(module: str) -> tuple[int, str]:
    """How many processes importing `module` started, and which of WeasyPrint's libraries it loaded."""
    result = subprocess.run([sys.executable, "-c", REPORT.format(module=module)], capture_output=True, text=True,
                            check=True)
    started, libraries = result.stdout.splitlines()
    return int(started), libraries


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the library search is skipped on Linux only")
def test_weasyprint_loads_the_same_libraries_without_searching():
    started, libraries = loaded("briefing.render.pdf.renderer")
    searched, expected = loaded("weasyprint")
    assert started == 0
    assert searched > 0  # ctypes.util.find_library: ldconfig -p, and gcc and ld where installed
    assert libraries == expected and "libpango-1.0.so" in libraries and "libharfbuzz-subset.so" in libraries
