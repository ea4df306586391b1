"""The PDF uses the vendored fonts only, whatever the machine has; characters they lack are reported."""

import os
import subprocess
import sys

from conftest import need_tool
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

EXTRA = "ExtraMachineFont"
COMET, FACE = "\u2604", "\U0001F600"  # in no vendored font


def machine_font(path) -> None:
    """A font as a machine might have installed: it draws the comet and the face (as squares)."""
    pen = TTGlyphPen(None)
    for x, y in ((100, 0), (100, 700), (600, 700), (600, 0)):
        (pen.moveTo if x == 100 and y == 0 else pen.lineTo)((x, y))
    pen.closePath()
    square = pen.glyph()
    empty = TTGlyphPen(None).glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "comet", "face"])
    builder.setupCharacterMap({ord(COMET): "comet", ord(FACE): "face"})
    builder.setupGlyf({".notdef": empty, "comet": square, "face": square})
    builder.setupHorizontalMetrics({name: (700, 100) for name in (".notdef", "comet", "face")})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": EXTRA, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def test_extra_machine_fonts_never_reach_the_pdf(workspace, tmp_path):
    fonts = tmp_path / "data" / "fonts"
    fonts.mkdir(parents=True)
    machine_font(fonts / "extra.ttf")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    listed = subprocess.run([need_tool("fc-list"), ":", "family"], capture_output=True, text=True, env=env).stdout
    assert EXTRA in listed  # fontconfig offers it to every program of this machine
    memo = workspace / "content" / "symbols.yaml"
    memo.write_text("type: readout\ndate: 2025-07-04\nissuer: mod\ntitle: {ja: 記号, en: Symbols}\nbody:\n"
                    f"  - paragraph: {{ja: \"彗星{COMET}と顔{FACE}\", en: \"A comet {COMET} and a face {FACE}\"}}\n",
                    encoding="utf-8")
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "briefing", "build", "symbols", "--force", "-j", jobs,
                                 "--format", "pdf"], cwd=workspace, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        assert "content/symbols.yaml:6:24: warning: U+2604 '\u2604' (comet) is in none of the memo's fonts" \
            in result.stderr
        assert "content/symbols.yaml:6:44: warning: U+2604" in result.stderr  # each text, at its place
        for lang in ("ja", "en"):
            listing = subprocess.run([need_tool("pdffonts"), str(workspace / "build" / f"symbols.{lang}.pdf")],
                                     capture_output=True, text=True, check=True).stdout
            names = [line.split()[0].partition("+")[2] for line in listing.splitlines()[2:]]
            assert names and all(name.startswith("brief-") for name in names), listing
