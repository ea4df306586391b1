"""Camera photos: upright, and no larger than the page shows them, in the PDF and in Word."""

import io
import math

from conftest import run_cli
from docx import Document as WordDocument
from PIL import Image

from briefing.render.pdf.renderer import LONGEST_PRINT_SIDE
from briefing.render.photos import SLACK, WORD_PPI, fitted


def phone_photo(size=(4000, 3000)) -> bytes:
    """A photo stored sideways with a blue top-left corner, and EXIF saying to show it turned 90° clockwise."""
    photo = Image.new("RGB", size, "white")
    photo.paste((0, 0, 255), (0, 0, 400, 400))
    exif = Image.Exif()
    exif[0x0112] = 6  # as phones store portrait photos
    stored = io.BytesIO()
    photo.save(stored, "JPEG", exif=exif)
    return stored.getvalue()


def test_photo_turned_upright_and_scaled():
    photo = Image.open(io.BytesIO(fitted(phone_photo(), longest=LONGEST_PRINT_SIDE)))
    assert photo.size == (1350, 1800)  # upright: portrait, longest side LONGEST_PRINT_SIDE
    assert 0x0112 not in photo.getexif()
    red, green, blue = photo.getpixel((1300, 50))  # the stored top-left corner, now top-right
    assert blue > 200 and red < 60 and green < 60
    assert Image.open(io.BytesIO(fitted(phone_photo(), width=600))).size == (600, 800)


def test_small_upright_photo_kept_as_it_is():
    small = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(small, "JPEG")
    assert fitted(small.getvalue(), longest=LONGEST_PRINT_SIDE) == small.getvalue()
    assert fitted(small.getvalue(), width=800) == small.getvalue()
    assert fitted(small.getvalue(), width=600) == small.getvalue()  # too little to gain from scaling
    assert Image.open(io.BytesIO(fitted(small.getvalue(), width=500))).size == (500, 375)


def test_camera_photos_in_pdf_and_word(workspace):
    assets = workspace / "content" / "assets" / "pko-symposium-2025"
    Image.open(assets / "photo-1.jpg").resize((4800, 3198)).save(assets / "photo-1.jpg", "JPEG", quality=92)
    (assets / "photo-2.jpg").write_bytes(phone_photo())
    result = run_cli("build", "pko-symposium-2025", "--lang", "en", cwd=workspace)
    assert result.returncode == 0, result.stderr

    from pypdf import PdfReader
    pages = PdfReader(workspace / "build" / "pko-symposium-2025.en.pdf").pages
    widths = {image.image.width for page in pages for image in page.images}
    assert widths and max(widths) <= 400  # no photo prints wider than 68 mm: 400 pixels at 150 dpi

    word = WordDocument(str(workspace / "build" / "pko-symposium-2025.en.docx"))
    shapes = list(word.inline_shapes)
    pictures = [Image.open(io.BytesIO(word.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill
                                                                .blip.embed].blob)) for shape in shapes]
    for shape, picture in zip(shapes, pictures):
        assert picture.width <= math.ceil(shape.width.inches * WORD_PPI / SLACK)  # about 220 ppi, as Word keeps
        assert (shape.width < shape.height) == (picture.width < picture.height)  # the box fits the picture
    assert any(picture.width < picture.height for picture in pictures)  # the phone photo stands upright
    assert (workspace / "build" / "pko-symposium-2025.en.docx").stat().st_size < 400_000
