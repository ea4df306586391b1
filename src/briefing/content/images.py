"""A memo's images checked before anything renders them: inside content/, PNG or JPEG, not too large, whole."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Iterator

from briefing.content.model import Figure
from briefing.content.workspace import Workspace
from briefing.errors import Problem

MAX_IMAGE_BYTES = 20_000_000
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_MODES = {"PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16", "I;16B", "I;16L"}, "JPEG": {"L", "RGB"}}


def figure_problems(source, loc: tuple, figure: Figure, workspace: Workspace) -> Iterator[Problem]:
    """What is wrong with a figure's image: where it lies, its type, its size, whether it decodes."""
    relative = PurePosixPath(figure.figure)
    target = (workspace.content / relative).resolve()
    if relative.is_absolute() or ".." in relative.parts or not target.is_relative_to(workspace.content.resolve()):
        yield source.problem(loc + ("figure",), "an image must be a path inside content/, e.g. assets/photo.png")
    elif not target.is_file():
        yield source.problem(loc + ("figure",), f"image not found: content/{relative}")
    elif target.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        yield source.problem(loc + ("figure",), "images must be .png or .jpg")
    else:
        message = _image_problem(target)
        if message:
            yield source.problem(loc + ("figure",), message)


def _image_problem(path: Path) -> str | None:
    """Why an image cannot go into a memo, decided once per version of the file (memos share photos)."""
    status = path.stat()
    key = (str(path), status.st_ino, status.st_mtime_ns, status.st_size)
    if key not in IMAGES_SEEN:
        IMAGES_SEEN[key] = _image_decoded_problem(path)
    return IMAGES_SEEN[key]


IMAGES_SEEN: dict[tuple, str | None] = {}  # (path, inode, time of change, size) → what is wrong with it


def _image_decoded_problem(path: Path) -> str | None:
    """Why an image cannot go into a memo: too large, or not really an image."""
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return f"image is larger than {MAX_IMAGE_BYTES // 1_000_000} MB; save it smaller (about 2000 pixels wide is plenty)"
    from PIL import Image, ImageFile
    try:
        image = Image.open(path, formats=list(IMAGE_MODES))  # reads the header only
    except Image.DecompressionBombError:
        return f"image has far more than {MAX_IMAGE_PIXELS // 1_000_000} million pixels; save it smaller"
    except (OSError, ValueError):
        return "not a readable PNG or JPEG image; save it again as .png or .jpg"
    with image:
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            return (f"image is {width}×{height} pixels; at most {MAX_IMAGE_PIXELS // 1_000_000} million pixels, "
                    "save it smaller")
        if image.format != {".png": "PNG"}.get(path.suffix.lower(), "JPEG"):
            return f"the file is a {image.format} image named {path.suffix}; save it again as .png or .jpg"
        if image.mode not in IMAGE_MODES[image.format]:
            return f"a {image.format} image in {image.mode} colours; save it again in RGB colours"
        tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False  # WeasyPrint sets it
        try:
            image.draft(image.mode, (width // 8, height // 8))  # a JPEG decodes at 1/8 size: quick, yet whole
            image.load()
        except (OSError, SyntaxError, ValueError):
            return "the image file is damaged or incomplete; copy or save it again"
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    return None
