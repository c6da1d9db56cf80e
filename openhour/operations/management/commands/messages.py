"""`manage.py messages`: brings every catalogue in openhour/locale up to date with the strings the code marks,
for each language in LANGUAGES but the source language, then compiles them. Translators fill in the new
entries (`msgfmt --statistics` counts what is left); the catalogue tests fail while any is missing."""

from contextlib import chdir
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import BaseCommand, call_command

SOURCE_LANGUAGE = "en"  # the msgids are English, whatever the site's default language is
# Where no interface string lives: tests, benchmarks, the environment, data. The catalogues' own folder too, or
# makemessages would write there whatever LOCALE_PATHS says (the tests extract into a folder of their own).
IGNORED = [".venv", "var", "node_modules", "bench", "tests", "*/tests/*", "openhour/locale"]


def translated_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def extract(languages: list[str]) -> None:
    """Writes `<LOCALE_PATHS[0]>/<language>/LC_MESSAGES/django.po`, keeping the translations already there."""
    with chdir(settings.BASE_DIR):  # makemessages reads the tree below the working directory
        call_command(
            "makemessages",
            locale=languages,
            add_location="file",
            ignore_patterns=IGNORED,
            no_obsolete=True,
            verbosity=0,
        )


def compile_catalogues(languages: list[str]) -> None:
    with chdir(settings.BASE_DIR):
        call_command("compilemessages", locale=languages, ignore_patterns=IGNORED, verbosity=0)


class Command(BaseCommand):
    help = "Update the translation catalogues from the code and compile them."

    def handle(self, *args: Any, **options: Any) -> None:
        languages = translated_languages()
        extract(languages)
        compile_catalogues(languages)
        for language in languages:
            self.stdout.write(f"{language}: {Path(settings.LOCALE_PATHS[0]) / language / 'LC_MESSAGES' / 'django.po'}")
