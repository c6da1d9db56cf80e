"""Lists read out in a sentence, in the reader's language: "7 and 13", « 7 et 13 », „7 und 13“.
A template's `|join:" and "` would put an English "and" into every language's sentence."""

from collections.abc import Iterable

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from django.conf import settings
from django.utils import translation


def _locale() -> Locale:
    code = translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)
    for candidate in (code, code.split("_")[0], "en"):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("babel always knows English")


def and_list(items: Iterable[object]) -> str:
    """All of `items`, joined as the active language joins a list that means all of them."""
    return format_list([str(item) for item in items], style="standard", locale=_locale())
