"""A few translated sentences compiled into a catalogue of their own, for tests of which language a thing is
written in: our real catalogues are filled elsewhere and change, so a test names the words it reads."""

from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo


def use_catalogues(settings: Any, folder: Path, sentences: dict[str, dict[Any, Any]]) -> None:
    """Compile {language: {msgid: text}} under folder and put it first in LOCALE_PATHS (which resets Django's
    cached catalogues). A msgid may be a (singular, plural) pair, its text a pair too."""
    for code, pairs in sentences.items():
        catalogue = Catalog(locale=code)
        for msgid, text in pairs.items():
            catalogue.add(msgid, text, flags=["python-format"])
        messages = folder / code / "LC_MESSAGES"
        messages.mkdir(parents=True)
        with (messages / "django.mo").open("wb") as mo:
            write_mo(mo, catalogue)
    settings.LOCALE_PATHS = [folder, *settings.LOCALE_PATHS]
