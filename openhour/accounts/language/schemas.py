"""The language parts of GET and PATCH /me."""

from typing import Any
from zoneinfo import available_timezones

from django.conf import settings
from pydantic import Field

from openhour.api.schemas import Patch
from openhour.lib.i18n import language_of, zone_of

# Stated, not checked, here: the service names the field in its own words (400 with field errors).
LANGUAGE_DOC = "A language code the site offers (en, fr, de, …); empty for the browser's language"
ZONE_DOC = "An IANA time zone name such as Europe/Paris; empty for the site's"


class MeLanguageIn(Patch):
    language: str | None = Field(
        None, max_length=10, description=LANGUAGE_DOC, json_schema_extra={"enum": ["", *dict(settings.LANGUAGES)]}
    )
    time_zone: str | None = Field(
        None, max_length=64, description=ZONE_DOC, json_schema_extra={"enum": ["", *sorted(available_timezones())]}
    )


def language_out(person: Any) -> dict[str, str]:
    """What the person reads in, chosen or not: the site's language and zone when they have not said."""
    return {"language": language_of(person), "time_zone": zone_of(person).key}
