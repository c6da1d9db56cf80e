"""The catalogues of every interface language are whole: each string the code marks is there, translated,
with no fuzzy guess and its placeholders intact, and the compiled catalogue Django reads is built from it.
(`manage.py messages` brings them up to date; translators fill in what it adds.)"""

import gettext
import shutil
import subprocess  # nosec B404 -- runs gettext's msgfmt on our own files
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from openhour.operations.management.commands.messages import extract, translated_languages

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
LOCALE = Path(settings.LOCALE_PATHS[0])


def catalogue(language: str, root: Path = LOCALE) -> Path:
    return root / language / "LC_MESSAGES" / "django.po"


def msgids(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as po:
        return {(message.context, str(message.id)) for message in read_po(po) if message.id}


@pytest.mark.parametrize("language", translated_languages())
def test_every_entry_is_translated_with_its_placeholders(language):
    checked = subprocess.run(  # noqa: S603  # nosec B603
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue(language))],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stderr  # a placeholder or plural form that does not match its msgid
    assert "untranslated" not in checked.stderr and "fuzzy" not in checked.stderr, checked.stderr


@pytest.mark.parametrize("language", translated_languages())
def test_the_catalogue_holds_exactly_the_strings_the_code_marks(language, settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    extract([language])

    marked, kept = msgids(catalogue(language, tmp_path)), msgids(catalogue(language))

    assert not marked - kept, f"not in the {language} catalogue (run manage.py messages): {sorted(marked - kept)[:20]}"
    assert not kept - marked, f"no longer in the code: {sorted(kept - marked)[:20]}"


@pytest.mark.parametrize("language", translated_languages())
def test_the_compiled_catalogue_is_built_from_the_current_one(language, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(catalogue(language))], check=True)  # noqa: S603, S607  # nosec B603

    def read(path: Path) -> dict:
        with path.open("rb") as mo:
            return gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]

    assert read(catalogue(language).with_suffix(".mo")) == read(fresh), "run manage.py messages to compile it"
