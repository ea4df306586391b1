"""Draw docs/house-styles.png: one example memo as its own house style prints it, beside another style.

    python scripts/house_styles_picture.py [MEMO_ID] [OTHER_STYLE]   (default: mofa-style-readout cao)

Builds the memo's Japanese PDF twice in a temporary copy of the workspace (the second time with
`style: OTHER_STYLE`), renders the first pages with pdftoppm and puts them side by side.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def first_page(workspace: Path, memo: str, resolution: int = 70) -> Image.Image:
    subprocess.run([sys.executable, "-m", "briefing", "build", memo, "--lang", "ja", "--format", "pdf", "--force"],
                   cwd=workspace, check=True, capture_output=True)
    stem = workspace / "page"
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
                    str(workspace / "build" / f"{memo}.ja.pdf"), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def main(memo: str = "mofa-style-readout", other: str = "cao") -> Path:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        shutil.copytree(ROOT / "content", workspace / "content")
        shutil.copytree(ROOT / "templates", workspace / "templates")
        own = first_page(workspace, memo)
        path = workspace / "content" / f"{memo}.yaml"
        text = re.sub(r"^style:\n(  .*\n)*", "", path.read_text(encoding="utf-8"), flags=re.M)
        path.write_text(text.replace("\ntitle:", f"\nstyle: {other}\ntitle:", 1), encoding="utf-8")
        styled = first_page(workspace, memo)
    gap = 16
    picture = Image.new("RGB", (own.width + styled.width + gap, max(own.height, styled.height)), "#888888")
    picture.paste(own, (0, 0))
    picture.paste(styled, (own.width + gap, 0))
    target = ROOT / "docs" / "house-styles.png"
    target.parent.mkdir(exist_ok=True)
    picture.save(target, optimize=True)
    return target


if __name__ == "__main__":
    print(main(*sys.argv[1:]))
