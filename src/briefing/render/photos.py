"""Photos scaled to what the page shows, so outputs stay small and quick whatever the camera."""

from __future__ import annotations

import io

WORD_PPI = 220  # what Word itself keeps when it compresses pictures ("Print (220 ppi)")
SLACK = 2 / 3  # photos at most 1.5 times the size asked for are kept as they are
ORIENTATION = 0x0112  # the EXIF tag; its values 5 to 8 turn the photo a quarter


def fitted(data: bytes, *, longest: int | None = None, width: int | None = None) -> bytes:
    """The photo upright, at most `longest` pixels on its longer side and `width` across (give or take SLACK).

    The same bytes when it already is; other images (PNG, CMYK, unreadable) come back unchanged,
    for the renderer to show or to report.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        return data
    with image:
        if image.format != "JPEG" or image.mode not in ("RGB", "L"):
            return data
        orientation = image.getexif().get(ORIENTATION, 1)
        across, down = image.size if orientation < 5 else image.size[::-1]
        scale = min([1.0] + ([longest / max(across, down)] if longest else []) + ([width / across] if width else []))
        if scale > SLACK:  # barely too large: scaling would cost time and save almost nothing
            scale = 1.0
        if orientation == 1 and scale == 1.0:
            return data
        size = (max(1, round(across * scale)), max(1, round(down * scale)))
        image.draft(image.mode, size if orientation < 5 else size[::-1])  # JPEG decodes at 1/2, 1/4, 1/8 directly
        profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)  # the orientation is applied, not kept
        upright.thumbnail(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=90, optimize=True, icc_profile=profile)
        return out.getvalue()
