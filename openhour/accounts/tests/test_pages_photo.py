"""The profile photo: upload (sniffed, re-encoded, size-limited), replace and remove."""

import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from openhour.accounts.models import Profile


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_a_valid_image_becomes_the_profile_photo(client_for, fred, image_upload):
    browser = client_for(fred)

    response = browser.post("/me/photo", {"file": image_upload("me.png", "PNG", size=(1600, 1200))})

    assert response.status_code == 302
    assert response["Location"] == "/me/profile"
    profile = Profile.objects.get(user=fred)
    assert profile.photo.name.startswith("photos/")
    assert "me" not in Path(profile.photo.name).stem  # stored under a random name
    with Image.open(profile.photo.path) as stored:
        assert max(stored.size) == 800  # scaled down for the web
    assert b"Your photo is updated." in browser.get("/me/profile").content
    assert profile.photo.url.encode() in browser.get("/u/fred").content


def test_a_new_photo_replaces_the_old_file(client_for, fred, image_upload, django_capture_on_commit_callbacks):
    browser = client_for(fred)
    browser.post("/me/photo", {"file": image_upload(color="red")})
    first = Profile.objects.get(user=fred).photo.name

    with django_capture_on_commit_callbacks(execute=True):  # the old file goes once the change commits
        browser.post("/me/photo", {"file": image_upload(color="blue")})

    second = Profile.objects.get(user=fred).photo.name
    assert second != first
    assert [path.name for path in stored_files()] == [Path(second).name]


def test_a_file_that_is_not_an_image_is_refused(client_for, fred):
    browser = client_for(fred)
    fake = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho not a picture\n", content_type="image/jpeg")

    response = browser.post("/me/photo", {"file": fake}, follow=True)

    assert b"That file is not an image we can use" in response.content
    assert not Profile.objects.get(user=fred).photo
    assert stored_files() == []


def test_an_image_in_a_format_we_do_not_take_is_refused(client_for, fred, image_upload):
    response = client_for(fred).post("/me/photo", {"file": image_upload("photo.bmp", "BMP")}, follow=True)

    assert b"That file is not an image we can use" in response.content
    assert not Profile.objects.get(user=fred).photo
    assert stored_files() == []


def test_an_oversized_file_is_refused(client_for, fred, image_upload, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = image_upload("big.png", "PNG", size=(1200, 1200))
    big.file.seek(0, 2)
    big.file.write(b"\0" * (1024 * 1024))  # padding after the image data pushes it over the limit
    big.size = big.file.tell()
    big.file.seek(0)

    response = client_for(fred).post("/me/photo", {"file": big}, follow=True)

    assert re.search(r"Images can be at most 1(\.0)?\sMB\.", response.content.decode())
    assert not Profile.objects.get(user=fred).photo
    assert stored_files() == []


def test_posting_without_a_file_asks_for_one(client_for, fred):
    response = client_for(fred).post("/me/photo", {}, follow=True)

    assert b"Choose a photo to upload." in response.content
    assert not Profile.objects.get(user=fred).photo


def test_a_refused_upload_keeps_the_photo_already_there(client_for, fred, image_upload):
    browser = client_for(fred)
    browser.post("/me/photo", {"file": image_upload()})
    kept = Profile.objects.get(user=fred).photo.name

    browser.post("/me/photo", {"file": SimpleUploadedFile("x.jpg", b"nope", content_type="image/jpeg")})

    assert Profile.objects.get(user=fred).photo.name == kept
    assert len(stored_files()) == 1


def test_removing_the_photo_deletes_the_file(client_for, fred, image_upload):
    browser = client_for(fred)
    browser.post("/me/photo", {"file": image_upload()})
    assert b"Remove photo" in browser.get("/me/profile").content

    response = browser.post("/me/photo/remove", follow=True)

    assert b"Your photo is removed." in response.content
    assert b"Remove photo" not in response.content
    assert not Profile.objects.get(user=fred).photo
    assert stored_files() == []


def test_one_person_cannot_touch_another_persons_photo(client_for, fred, olga, image_upload):
    client_for(fred).post("/me/photo", {"file": image_upload()})
    freds = Profile.objects.get(user=fred).photo.name

    client_for(olga).post("/me/photo/remove")
    client_for(olga).post("/me/photo", {"file": image_upload(color="red")})

    assert Profile.objects.get(user=fred).photo.name == freds
    assert Profile.objects.get(user=olga).photo.name != freds


def test_uploading_nothing_shows_the_error_on_the_photo_form(client_for, fred):
    response = client_for(fred).post("/me/photo", {})

    assert response.status_code == 400
    assert b"Choose a photo to upload." in response.content
    assert b'aria-invalid="true"' in response.content
    assert not Profile.objects.get(user=fred).photo
