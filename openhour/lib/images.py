"""Uploaded images are sniffed by Pillow, size-limited, re-encoded and stripped of metadata."""

import warnings
from io import BytesIO
from uuid import uuid4

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from openhour.lib.errors import InvalidInput

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before they fill memory


def clean_image(upload: UploadedFile, *, field: str, max_side: int) -> ContentFile:
    """Return a fresh JPEG (or PNG when the picture has transparency) no larger than `max_side`.

    Re-encoding from pixels drops EXIF (location, camera) and anything hidden after the image data.
    """
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        raise InvalidInput(
            _("Images can be at most %(size)s.") % {"size": limit}, fields={field: [_("File too large.")]}
        )
    image = _open(upload, field=field)
    image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
    image.thumbnail((max_side, max_side))
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    out = BytesIO()
    if has_alpha:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid4().hex}.{extension}")


def _open(upload: UploadedFile, *, field: str) -> Image.Image:
    not_an_image = InvalidInput(
        _("That file is not an image we can use: upload a JPEG, PNG, WebP or GIF."),
        fields={field: [_("Upload a JPEG, PNG, WebP or GIF image.")]},
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS or image.width * image.height > MAX_PIXELS:
                raise not_an_image
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, Image.DecompressionBombWarning, ValueError):
        raise not_an_image from None
    return image
