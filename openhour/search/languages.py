"""Which PostgreSQL text-search configuration reads a document, by its language (`SEARCH_CONFIGURATIONS`), and
which ones a query must be read with so that it meets documents in every language."""

from django.conf import settings

# A language no configuration is named for: words are folded to lower case, never stemmed.
SIMPLE = "simple"


def configuration(language: str) -> str:
    """The configuration for a language code ("pt-br" is read as "pt" when it has none of its own)."""
    named: dict[str, str] = settings.SEARCH_CONFIGURATIONS
    return named.get(language) or named.get(language.split("-")[0]) or SIMPLE


def configurations() -> list[str]:
    """The configurations documents are in: those of the site's languages, and 'simple' (documents of other
    languages, or written by SQL that names none)."""
    return sorted({configuration(code) for code, _name in settings.LANGUAGES} | {SIMPLE})
