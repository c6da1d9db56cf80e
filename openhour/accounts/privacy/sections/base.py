"""What every section of the archive shares: plain rows, other people by display name only, files by archive path."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile

from openhour.lib.private_files import download_name


@dataclass(frozen=True)
class ArchiveFile:
    """A file the person sent, and where it goes in the ZIP (the path `data.json` names it by)."""

    path: str
    file: FieldFile


def rows(queryset: QuerySet[Any], *fields: str, **expressions: Any) -> list[dict[str, Any]]:
    """The rows as plain dicts: only the fields named, so a new column never leaks into the archive unread."""
    return list(queryset.values(*fields, **expressions))


def someone(user: Any) -> str:
    """Another person as the archive shows them: the name they show everyone, never their e-mail."""
    return (user.name or user.username) if user is not None else ""


def archive_path(folder: str, row: Model, name: str) -> str:
    """Where a row's file sits in the ZIP: one folder per kind, the row's id first so two same names never clash."""
    return f"files/{folder}/{row.pk}-{download_name(name)}"


def file_of(folder: str, row: Model, file: FieldFile, name: str = "") -> ArchiveFile | None:
    """The file of a row, for the ZIP; None when the row has none."""
    if not file:
        return None
    return ArchiveFile(archive_path(folder, row, name or (file.name or "").rsplit("/", 1)[-1]), file)


def path_or_none(folder: str, row: Model, file: FieldFile, name: str = "") -> str | None:
    found = file_of(folder, row, file, name)
    return found.path if found else None


def present(files: Iterable[ArchiveFile | None]) -> list[ArchiveFile]:
    return [found for found in files if found is not None]
