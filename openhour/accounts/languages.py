"""Languages a freelancer can list: Django's own table of languages, by ISO 639 code. The codes are what is
stored and what the API takes; people read the names in their own language (Django ships them translated)."""

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext

from openhour.lib.wording import reading_order

LANGUAGE_NAMES: dict[str, str] = {
    code: info["name"]
    for code, info in sorted(LANG_INFO.items(), key=lambda item: item[1].get("name", ""))
    if "name" in info and "-" not in code
}


def language_name(code: str) -> str:
    """ "German" for an English reader, "allemand" for a French one, "Deutsch" for a German one."""
    english = LANGUAGE_NAMES.get(code)
    return gettext(english) if english else code


def language_names(codes: list[str]) -> list[str]:
    return [language_name(code) for code in codes]


def language_choices() -> list[tuple[str, str]]:
    """Every language, named and sorted for the reader; called when a form is shown, never at import."""
    return sorted(((code, language_name(code)) for code in LANGUAGE_NAMES), key=lambda choice: reading_order(choice[1]))
