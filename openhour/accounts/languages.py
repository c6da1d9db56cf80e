"""Languages a freelancer can list: Django's own table of languages, by ISO 639 code."""

from django.conf.locale import LANG_INFO

LANGUAGE_NAMES: dict[str, str] = {
    code: info["name"]
    for code, info in sorted(LANG_INFO.items(), key=lambda item: item[1].get("name", ""))
    if "name" in info and "-" not in code
}


def language_names(codes: list[str]) -> list[str]:
    return [LANGUAGE_NAMES.get(code, code) for code in codes]
