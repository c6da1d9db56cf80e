"""The "Language and time zone" form of the account settings."""

from functools import cache
from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The zone database's regions, named for people; legacy aliases (US/Eastern, Etc/GMT+3) are left out of the list.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}


@cache
def _zones_by_region() -> tuple[tuple[str, tuple[str, ...]], ...]:
    names = sorted(name for name in available_timezones() if name.partition("/")[0] in REGIONS)
    return tuple((region, tuple(n for n in names if n.startswith(region + "/"))) for region in REGIONS)


def zone_choices() -> list[tuple[str, object]]:
    """UTC first, then each region's places ("Europe/Paris" shown as "Paris")."""
    grouped: list[tuple[str, object]] = [("", _("Not chosen: %(zone)s") % {"zone": settings.TIME_ZONE}), ("UTC", "UTC")]
    for region, names in _zones_by_region():
        places = [(name, name.partition("/")[2].replace("_", " ")) for name in names]
        grouped.append((str(REGIONS[region]), places))
    return grouped


def language_choices() -> list[tuple[str, str]]:
    return [("", str(_("Not chosen: as my browser asks"))), *settings.LANGUAGES]


class LanguageZoneForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=zone_choices,
        required=False,
        help_text=_("Dates and times on the pages and in your e-mails are shown in this zone."),
    )
