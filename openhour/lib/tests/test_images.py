"""Uploaded images: sniffed, size-limited, re-encoded, stripped of EXIF."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from openhour.lib.errors import InvalidInput
from openhour.lib.images import clean_image


def upload(data: bytes, name: str = "x.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def jpeg_with_exif(size=(600, 400), orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x013B] = "Jane Doe, 12 Secret Lane"  # Artist
    if orientation:
        exif[0x0112] = orientation
    out = BytesIO()
    Image.new("RGB", size, "orange").save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_exif_is_stripped_and_image_reencoded():
    cleaned = clean_image(upload(jpeg_with_exif()), field="file", max_side=800)
    image = Image.open(BytesIO(cleaned.read()))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert cleaned.name.endswith(".jpg") and cleaned.name != "x.jpg"


def test_rotated_photo_stays_upright():
    cleaned = clean_image(upload(jpeg_with_exif(size=(600, 400), orientation=6)), field="file", max_side=800)
    assert Image.open(BytesIO(cleaned.read())).size == (400, 600)


def test_large_image_is_scaled_down():
    out = BytesIO()
    Image.new("RGB", (3000, 1500), "blue").save(out, "PNG")
    cleaned = clean_image(upload(out.getvalue(), "big.png"), field="file", max_side=800)
    assert Image.open(BytesIO(cleaned.read())).size == (800, 400)


def test_transparent_png_stays_png():
    out = BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(out, "PNG")
    cleaned = clean_image(upload(out.getvalue(), "logo.png"), field="file", max_side=800)
    assert Image.open(BytesIO(cleaned.read())).mode == "RGBA"


@pytest.mark.parametrize(
    "data",
    [b"not an image at all", b"%PDF-1.4 fake", b"\xff\xd8\xff\xe0 truncated jpeg", b""],
    ids=["text", "pdf", "truncated", "empty"],
)
def test_non_images_are_refused_with_a_field_error(data):
    with pytest.raises(InvalidInput) as refused:
        clean_image(upload(data), field="image", max_side=800)
    assert "image" in refused.value.fields


def test_other_image_formats_are_refused():
    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    with pytest.raises(InvalidInput):
        clean_image(upload(out.getvalue(), "x.bmp"), field="file", max_side=800)


def test_oversized_upload_is_refused_before_decoding(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(InvalidInput) as refused:
        clean_image(upload(jpeg_with_exif()), field="file", max_side=800)
    assert "1000\xa0bytes" in refused.value.message
    assert refused.value.fields == {"file": ["File too large."]}


def test_decompression_bomb_is_refused():
    out = BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # tiny file, 100 megapixels
    with pytest.raises(InvalidInput):
        clean_image(upload(out.getvalue(), "bomb.png"), field="file", max_side=800)
