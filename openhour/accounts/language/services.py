"""Writes of a person's language and time zone."""

from django.db import transaction
from django.utils.translation import gettext as _

from openhour.accounts.language.choice import codes
from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput, NotAllowed
from openhour.lib.i18n import is_time_zone

UNCHANGED = None  # a keyword left as None keeps what the person had


@transaction.atomic
def person_language_set(*, person: User, by: User, language: str | None = None, time_zone: str | None = None) -> User:
    """Sets what `person` reads in; empty means "not chosen" (the browser's language, the site's zone). Only the
    person themselves may."""
    if by.pk != person.pk:
        raise NotAllowed(_("Only the person themselves can choose their language and time zone."))
    problems: dict[str, list[str]] = {}
    if language not in (UNCHANGED, "") and language not in codes():
        problems["language"] = [_("Choose one of the languages offered.")]
    if time_zone not in (UNCHANGED, "") and not is_time_zone(str(time_zone)):
        problems["time_zone"] = [_("Choose a time zone from the list, such as Europe/Paris.")]
    if problems:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=problems)
    changed = {name: value for name, value in (("language", language), ("time_zone", time_zone)) if value is not None}
    for name, value in changed.items():
        setattr(person, name, value)
    if changed:
        person.save(update_fields=list(changed))
    return person
