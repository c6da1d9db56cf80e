"""POST/DELETE /api/v1/me/photo: a profile photo that is really an image, small, and says nothing private.

Uploads are re-encoded from pixels, so the camera make and GPS position in a phone photo never reach
the public profile. Anything that is not an image, or is too large, is refused and nothing is stored.
"""

import os
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from openhour.accounts.models import Profile

PHOTO = "/api/v1/me/photo"
GPS_IFD = 0x8825
MAKE = 0x010F


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "SpyCam 3000"
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    out = BytesIO()
    Image.new("RGB", (1200, 900), "orange").save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert Image.open(BytesIO(data)).getexif()[MAKE] == "SpyCam 3000"  # the upload really carries EXIF
    return data


def test_a_jpeg_becomes_the_profile_photo(client, fred, bearer, image_upload):
    response = client.post(PHOTO, {"file": image_upload("me.jpg")}, headers=bearer(fred))

    assert response.status_code == 200, response.content
    photo_url = response.json()["photo"]
    assert photo_url and photo_url.endswith(".jpg")
    assert "me.jpg" not in photo_url  # stored under a name of our own
    profile = Profile.objects.get(user=fred)
    assert profile.photo
    public = client.get("/api/v1/users/fred").json()
    assert public["photo"] == photo_url


def test_the_photo_is_re_encoded_without_exif_and_shrunk(client, fred, bearer):
    upload = SimpleUploadedFile("holiday.jpg", jpeg_with_exif(), content_type="image/jpeg")

    response = client.post(PHOTO, {"file": upload}, headers=bearer(fred))

    assert response.status_code == 200, response.content
    profile = Profile.objects.get(user=fred)
    with profile.photo.open("rb") as stored:
        data = stored.read()
    image = Image.open(BytesIO(data))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert b"SpyCam" not in data
    assert max(image.size) <= 800


def test_a_png_with_transparency_stays_a_png(client, fred, bearer):
    out = BytesIO()
    Image.new("RGBA", (200, 200), (255, 0, 0, 0)).save(out, "PNG")
    upload = SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")

    response = client.post(PHOTO, {"file": upload}, headers=bearer(fred))

    assert response.status_code == 200
    assert response.json()["photo"].endswith(".png")


def test_a_new_photo_replaces_the_old_file(client, fred, bearer, image_upload, django_capture_on_commit_callbacks):
    headers = bearer(fred)
    client.post(PHOTO, {"file": image_upload()}, headers=headers)
    first = stored_files()

    with django_capture_on_commit_callbacks(execute=True):  # the old file goes once the change commits
        client.post(PHOTO, {"file": image_upload(color="navy")}, headers=headers)

    second = stored_files()
    assert len(first) == len(second) == 1
    assert first != second


def test_a_text_file_named_jpg_is_refused(client, fred, bearer):
    upload = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho not a picture\n" * 50, content_type="image/jpeg")

    response = client.post(PHOTO, {"file": upload}, headers=bearer(fred))

    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]
    assert not Profile.objects.get(user=fred).photo
    assert stored_files() == []


def test_an_html_file_with_a_jpeg_header_is_refused(client, fred, bearer):
    upload = SimpleUploadedFile("x.jpg", b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>")

    response = client.post(PHOTO, {"file": upload}, headers=bearer(fred))

    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]
    assert stored_files() == []


def test_a_format_we_do_not_take_is_refused(client, fred, bearer, image_upload):
    response = client.post(PHOTO, {"file": image_upload("photo.bmp", fmt="BMP")}, headers=bearer(fred))

    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]
    assert stored_files() == []


def test_a_file_over_the_size_limit_is_refused(client, fred, bearer, settings):
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    out = BytesIO()
    noise.save(out, "JPEG", quality=95)
    settings.UPLOAD_MAX_BYTES = len(out.getvalue()) - 1
    upload = SimpleUploadedFile("big.jpg", out.getvalue(), content_type="image/jpeg")

    response = client.post(PHOTO, {"file": upload}, headers=bearer(fred))

    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]
    assert not Profile.objects.get(user=fred).photo
    assert stored_files() == []


def test_an_upload_without_a_file_is_a_field_error(client, fred, bearer):
    response = client.post(PHOTO, {}, headers=bearer(fred))

    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]


def test_a_photo_needs_someone_signed_in(client, fred, image_upload):
    response = client.post(PHOTO, {"file": image_upload()})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert stored_files() == []


def test_uploading_changes_only_ones_own_photo(client, fred, olga, bearer, image_upload):
    assert client.post(PHOTO, {"file": image_upload()}, headers=bearer(olga)).status_code == 200

    assert Profile.objects.get(user=olga).photo
    assert not Profile.objects.get(user=fred).photo


def test_removing_the_photo_deletes_the_file(client, fred, bearer, image_upload):
    headers = bearer(fred)
    client.post(PHOTO, {"file": image_upload()}, headers=headers)

    response = client.delete(PHOTO, headers=headers)

    assert response.status_code == 200
    assert response.json()["photo"] is None
    assert stored_files() == []


def test_removing_a_photo_needs_someone_signed_in(client, fred, bearer, image_upload):
    client.post(PHOTO, {"file": image_upload()}, headers=bearer(fred))

    assert client.delete(PHOTO).status_code == 401
    assert Profile.objects.get(user=fred).photo


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(client, fred, bearer):
    out = BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # tiny on disk, 48 megapixels once decoded
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")

    response = client.post(PHOTO, {"file": upload}, headers=bearer(fred))

    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]
    assert stored_files() == []
