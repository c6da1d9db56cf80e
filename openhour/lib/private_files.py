"""Private files (message attachments, deliveries, dispute evidence): stored apart from public media under random
names, and handed out only by views that have already checked who is asking.

Locally they live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no URL under MEDIA_URL can reach them; on S3
they live in a private bucket or prefix and are handed out as short-lived presigned URLs. The original name stays
in the row and comes back in Content-Disposition.
"""

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, unquote
from uuid import uuid4

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

from openhour.lib.errors import NotFound

SAFE_EXTENSION = re.compile(r"\.[a-z0-9]{1,10}")
DOWNLOAD_TYPE = "application/octet-stream"  # never rendered by the browser, whatever the file claims to be


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private files under PRIVATE_MEDIA_ROOT (read when used, so tests' overrides apply); they have no URL."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL: serve them with openhour.lib.private_files.serve.")


def public_media_path(path: str) -> str | None:
    """The public media file a URL path names, or None for anything that is not plainly one: private folders,
    `.`/`..`/empty segments, backslashes, control characters, encoded tricks, or a link leading outside."""
    decoded = unquote(path)  # Django decoded once already; a second round exposes %252e and %252f
    if decoded != path or "\\" in decoded or any(unicodedata.category(c) == "Cc" for c in decoded):
        return None  # public files have random plain names: nothing legitimate needs escaping
    segments = decoded.split("/")
    if any(segment in {"", ".", ".."} for segment in segments) or segments[0].lower() == "private":
        return None
    media_root = Path(settings.MEDIA_ROOT).resolve()
    real = (media_root / decoded).resolve()
    if not real.is_relative_to(media_root) or real.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()):
        return None
    return decoded


class _PrivateStorage(LazyObject):
    """STORAGES["private"], looked up when first used and again after STORAGES changes (as tests do)."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


PRIVATE_STORAGE = _PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        PRIVATE_STORAGE._wrapped = empty  # type: ignore[assignment]


def private_storage() -> Storage:
    """The FileFields' storage (a callable, so migrations name it instead of freezing a backend)."""
    return PRIVATE_STORAGE  # type: ignore[return-value]


def private_name(instance: Model, filename: str) -> str:
    """A random name that tells nothing of the file (the original stays in the row), in a folder per kind."""
    extension = PurePosixPath(filename).suffix.lower()
    if not SAFE_EXTENSION.fullmatch(extension):
        extension = ""
    return f"{instance._meta.model_name}/{uuid4().hex}{extension}"


def download_name(name: str) -> str:
    """The original name without what a header or a file manager should never see: controls, bidi overrides,
    zero-width characters and path separators."""
    kept = "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn"})
    kept = kept.replace("/", "_").replace("\\", "_").strip(" .")
    return kept[:200] or "file"


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266)."""
    clean = download_name(name)
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\%' else "_" for c in clean)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(clean, safe='')}"


def serve_found(found: Any) -> HttpResponseBase:
    """A file row (with `file` and `name`) a selector found for the viewer, as a download; None, which a selector
    answers for a file that is not theirs to open as well as for one that does not exist, is not found."""
    if found is None:
        raise NotFound(_("No such file."))
    return serve(found.file, name=found.name)


def serve(file: FieldFile, *, name: str) -> HttpResponseBase:
    """Hand a private file to someone the caller has already checked, as a download named `name`."""
    if not isinstance(file.storage, FileSystemStorage):
        response: HttpResponseBase = _presigned(file, name)
    elif settings.PRIVATE_FILES_SERVE == "x-accel":
        response = _offloaded("X-Accel-Redirect", settings.PRIVATE_FILES_ACCEL_PREFIX + quote(file.name or ""), file)
    elif settings.PRIVATE_FILES_SERVE == "x-sendfile":
        response = _offloaded("X-Sendfile", file.path, file)
    else:
        response = _streamed(file)
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _streamed(file: FieldFile) -> FileResponse:
    try:
        handle = file.storage.open(file.name or "", "rb")
    except (FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    return FileResponse(handle, content_type=DOWNLOAD_TYPE)


def _offloaded(header: str, target: str, file: FieldFile) -> HttpResponse:
    """The front server (nginx's internal location, Apache's mod_xsendfile) sends the bytes; we send none."""
    if not file.storage.exists(file.name or ""):
        raise Http404
    response = HttpResponse(content_type=DOWNLOAD_TYPE)
    response[header] = target
    return response


def _presigned(file: FieldFile, name: str) -> HttpResponseRedirect:
    """S3: a redirect to a URL that works for PRIVATE_FILES_URL_SECONDS and names the download itself."""
    parameters = {"ResponseContentDisposition": content_disposition(name), "ResponseContentType": DOWNLOAD_TYPE}
    url = file.storage.url(file.name, parameters=parameters, expire=settings.PRIVATE_FILES_URL_SECONDS)  # type: ignore[call-arg]
    return HttpResponseRedirect(url)


OLD_PREFIX = "private/"  # where private files were kept, under their original names, before they had a storage
# Only these: on S3 the private prefix of the public bucket is "private/" too, holding the new files.
OLD_FOLDERS = ("private/messages", "private/deliveries", "private/disputes")


def private_file_move(*, row: Model, field: str = "file", public: Storage, private: Storage) -> str | None:
    """Move one row's file kept the old way (in public storage, under its original name) to private storage
    under a random name. Returns the new name, or None when there was nothing to move. Safe to re-run: the row
    changes only if it still names the old file, and the public copy goes only after the row points away."""
    file: FieldFile = getattr(row, field)
    old = file.name or ""
    if not old.startswith(OLD_PREFIX):
        return None
    source = public if public.exists(old) else private if private.exists(old) else None
    if source is None:
        raise FileNotFoundError(old)
    with source.open(old, "rb") as content:
        new = private.save(file.field.generate_filename(row, PurePosixPath(old).name), content)
    if not type(row)._default_manager.filter(pk=row.pk, **{field: old}).update(**{field: new}):
        private.delete(new)  # someone else moved it meanwhile
        return None
    source.delete(old)
    return new


def unreferenced_move(*, public: Storage, private: Storage, referenced: set[str]) -> list[str]:
    """Old-style files no row names any more (left by deleted rows): out of public storage, into private."""
    moved = []
    for name in (name for folder in OLD_FOLDERS for name in _walk(public, folder)):
        if name not in referenced:
            with public.open(name, "rb") as content:
                private.save(f"unreferenced/{name.removeprefix(OLD_PREFIX)}", content)
            public.delete(name)
            moved.append(name)
    return moved


def _walk(storage: Storage, folder: str) -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}" for name in files]
    for sub in folders:
        found += _walk(storage, f"{folder}/{sub}")
    return found
