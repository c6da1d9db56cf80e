"""A small translation catalogue written for a test, so pages can be read in French or German before (and
regardless of) the shipped catalogues: `catalogue(tmp_path, settings, fr={...})` puts it first in LOCALE_PATHS."""

import struct
from pathlib import Path
from typing import Any

CONTEXT_GLUE = "\x04"  # how gettext joins a context to its msgid in a compiled catalogue
HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"


def mo_bytes(messages: dict[str, str]) -> bytes:
    """The GNU .mo format: a header, two tables of (length, offset), then the strings."""
    entries = sorted({"": HEADER, **messages}.items())
    ids = [key.encode() for key, _value in entries]
    strs = [value.encode() for _key, value in entries]
    count = len(entries)
    start = 7 * 4 + count * 16  # header, then both tables
    ids_blob, strs_blob = b"\0".join(ids) + b"\0", b"\0".join(strs) + b"\0"
    id_table, str_table, offset = [], [], start
    for text in ids:
        id_table += [len(text), offset]
        offset += len(text) + 1
    for text in strs:
        str_table += [len(text), offset]
        offset += len(text) + 1
    head = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    tables = struct.pack(f"{len(id_table)}i", *id_table) + struct.pack(f"{len(str_table)}i", *str_table)
    return head + tables + ids_blob + strs_blob


def catalogue(folder: Path, settings: Any, context: str | None = "taxonomy", **languages: dict[str, str]) -> None:
    """Translations for each language, under the "taxonomy" context unless another (or None) is given:
    catalogue(tmp_path, settings, fr={"Logo Design": "Création de logo"})."""
    for code, translations in languages.items():
        where = folder / code / "LC_MESSAGES"
        where.mkdir(parents=True, exist_ok=True)
        glue = f"{context}{CONTEXT_GLUE}" if context else ""
        messages = {f"{glue}{msgid}": msgstr for msgid, msgstr in translations.items()}
        (where / "django.mo").write_bytes(mo_bytes(messages))
    settings.LOCALE_PATHS = [folder, *settings.LOCALE_PATHS]  # first wins; Django forgets loaded catalogues
