"""Writing a person's archive: data.json (one key per section) and the files they sent, in one ZIP."""

import json
import logging
import shutil
import tempfile
import zipfile
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from openhour.accounts.models import User
from openhour.lib.i18n import read_by

from .sections import modules
from .sections.base import ArchiveFile

logger = logging.getLogger(__name__)
FORMAT = 1  # bumped when a key changes meaning, so tools reading archives can tell


class ArchiveEncoder(DjangoJSONEncoder):
    """Django's encoder, and a value object (a country, a lazy label) as the text it shows."""

    def default(self, o: Any) -> Any:
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def archive_data(user: User) -> dict[str, Any]:
    """Every section, written as the person reads (notification titles, descriptions in their language)."""
    with read_by(user):
        found: dict[str, Any] = {"format": FORMAT, "generated_at": timezone.now()}
        found.update({module.KEY: module.section(user) for module in modules()})
    return found


def archive_files(user: User) -> list[ArchiveFile]:
    return [found for module in modules() if hasattr(module, "files") for found in module.files(user)]


def archive_write(user: User) -> IO[bytes]:
    """The ZIP in a temporary file, rewound. A file gone from storage is named in data.json's `missing_files`
    rather than failing the whole archive."""
    data = archive_data(user)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who saves and closes it
    missing = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for found in archive_files(user):
            if not _copy(archive, found):
                missing.append(found.path)
        data["missing_files"] = missing
        archive.writestr("data.json", json.dumps(data, cls=ArchiveEncoder, indent=2, ensure_ascii=False))
    out.seek(0)
    return out


def _copy(archive: zipfile.ZipFile, found: ArchiveFile) -> bool:
    try:
        with found.file.storage.open(found.file.name or "", "rb") as source, archive.open(found.path, "w") as target:
            shutil.copyfileobj(source, target)
    except (FileNotFoundError, OSError):
        logger.warning("A file for a personal data archive is missing: %s", found.file.name)
        return False
    return True
